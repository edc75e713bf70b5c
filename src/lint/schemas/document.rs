//! Checks on one schema document as a whole: the `self` block, the file's path, the
//! superseding keywords and the draft-04 meta-schema.

use serde_json::{Map, Value};

use super::rules::{INVALID_SELF, INVALID_SUPERSEDING, META_SCHEMA_VIOLATION, PATH_MISMATCH};
use crate::iglu::validate::violations;
use crate::iglu::{KeyError, SchemaKey, SchemaVer, json_type};
use crate::lint::finding::{FileLint, Finding};
use crate::locate::escape_pointer_token;

/// The members of `self`, in the order of an Iglu path.
const SELF_FIELDS: [&str; 4] = ["vendor", "name", "format", "version"];

/// A valid Iglu path, one part of which is replaced to check that part alone.
const VALID_PARTS: [&str; 4] = ["com.acme", "name", "jsonschema", "1-0-0"];

/// Why one part of `self` is invalid, by iglu-core's grammar.
fn part_problem(index: usize, value: &str) -> Option<String> {
    if value.contains('/') {
        return Some("it must not contain `/`".to_owned());
    }
    let mut parts = VALID_PARTS;
    parts[index] = value;
    match SchemaKey::parse(&format!("iglu:{}", parts.join("/"))) {
        Ok(_) => None,
        Err(KeyError::InvalidIgluUri { reason, .. } | KeyError::InvalidSchemaVer { reason, .. }) => Some(reason),
    }
}

/// Reads the `self` block, reporting what is wrong with it; the key when it is valid.
pub fn check_self(root: &Map<String, Value>, file: &mut FileLint) -> Option<SchemaKey> {
    let block = match root.get("self") {
        Some(Value::Object(block)) => block,
        Some(other) => {
            file.push(Finding::new(
                &INVALID_SELF,
                "/self",
                format!("`self` is {}; expected an object with vendor, name, format and version", json_type(other)),
            ));
            return None;
        }
        None => {
            file.push(Finding::new(
                &INVALID_SELF,
                "",
                "the schema has no `self` block; expected `\"self\": {\"vendor\": …, \"name\": …, \"format\": \
                 \"jsonschema\", \"version\": \"1-0-0\"}`",
            ));
            return None;
        }
    };
    let mut valid = true;
    for extra in block.keys().filter(|k| !SELF_FIELDS.contains(&k.as_str())) {
        valid = false;
        file.push(Finding::new(
            &INVALID_SELF,
            format!("/self/{}", escape_pointer_token(extra)),
            format!("`self` has an unexpected `{extra}`; only vendor, name, format and version are allowed"),
        ));
    }
    let mut parts = [""; 4];
    for (index, field) in SELF_FIELDS.iter().enumerate() {
        let at = format!("/self/{field}");
        match block.get(*field) {
            Some(Value::String(value)) => match part_problem(index, value) {
                None => parts[index] = value,
                Some(reason) => {
                    valid = false;
                    let what = if *field == "version" { "not a full SchemaVer" } else { "invalid" };
                    file.push(Finding::new(
                        &INVALID_SELF,
                        at,
                        format!("`self.{field}` \"{value}\" is {what}: {reason}"),
                    ));
                }
            },
            Some(other) => {
                valid = false;
                file.push(Finding::new(
                    &INVALID_SELF,
                    at,
                    format!("`self.{field}` is {}; expected a string", json_type(other)),
                ));
            }
            None => {
                valid = false;
                file.push(Finding::new(&INVALID_SELF, "/self", format!("`self` has no `{field}`")));
            }
        }
    }
    if !valid {
        return None;
    }
    SchemaKey::parse(&format!("iglu:{}", parts.join("/"))).ok()
}

/// Checks that the file at `…/vendor/name/format/version` (`layout`) is the schema `self`
/// names; returns whether it is.
pub fn check_path(file: &mut FileLint, layout: &[String; 4], key: &SchemaKey) -> bool {
    let at = layout.join("/");
    if SchemaKey::from_path(&at).as_ref() == Ok(key) {
        return true;
    }
    let mut finding =
        Finding::new(&PATH_MISMATCH, "/self", format!("the file is at `{at}` but `self` declares `{}`", key.to_path()));
    let version = &layout[3];
    if let Some((stem, _)) = version.rsplit_once('.')
        && SchemaKey::from_path(&format!("{}/{}/{}/{stem}", layout[0], layout[1], layout[2])).as_ref() == Ok(key)
    {
        finding = finding.with_hint(format!("schema files have no extension: rename `{version}` to `{stem}`"));
    } else {
        finding = finding.with_hint(format!("move the file to `{}`, or correct `self`", key.to_path()));
    }
    file.push(finding);
    false
}

fn parse_version(value: &Value) -> Result<SchemaVer, String> {
    match value {
        Value::String(text) => text.parse::<SchemaVer>().map_err(|e| {
            let reason = match e {
                KeyError::InvalidSchemaVer { reason, .. } | KeyError::InvalidIgluUri { reason, .. } => reason,
            };
            format!("\"{text}\" is not a full SchemaVer: {reason}")
        }),
        other => Err(format!("found {}, expected a version string such as \"1-0-1\"", json_type(other))),
    }
}

/// Checks `$supersedes` (older versions this one replaces) and `$supersededBy` (the newer
/// version replacing this one) against `version`, the schema's own version when known.
pub fn check_superseding(root: &Map<String, Value>, version: Option<SchemaVer>, file: &mut FileLint) {
    match root.get("$supersedes") {
        None => {}
        Some(Value::Array(items)) if items.is_empty() => file.push(Finding::new(
            &INVALID_SUPERSEDING,
            "/$supersedes",
            "`$supersedes` is empty; list the older versions this schema replaces, or remove it",
        )),
        Some(Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                let at = format!("/$supersedes/{i}");
                match parse_version(item) {
                    Err(problem) => {
                        file.push(Finding::new(&INVALID_SUPERSEDING, at, format!("`$supersedes`: {problem}")))
                    }
                    Ok(older) => {
                        if let Some(own) = version.filter(|own| older >= *own) {
                            file.push(Finding::new(
                                &INVALID_SUPERSEDING,
                                at,
                                format!("`$supersedes` lists {older}, which is not older than this schema ({own})"),
                            ));
                        }
                    }
                }
            }
        }
        Some(other) => file.push(Finding::new(
            &INVALID_SUPERSEDING,
            "/$supersedes",
            format!("`$supersedes` is {}; expected an array of older versions such as [\"1-0-1\"]", json_type(other)),
        )),
    }
    if let Some(by) = root.get("$supersededBy") {
        match parse_version(by) {
            Err(problem) => {
                file.push(Finding::new(&INVALID_SUPERSEDING, "/$supersededBy", format!("`$supersededBy`: {problem}")));
            }
            Ok(newer) => {
                if let Some(own) = version.filter(|own| newer <= *own) {
                    file.push(Finding::new(
                        &INVALID_SUPERSEDING,
                        "/$supersededBy",
                        format!("`$supersededBy` is {newer}, which is not newer than this schema ({own})"),
                    ));
                }
            }
        }
    }
}

/// What draft-04 accepts for the keywords whose meta-schema is an `anyOf`, whose generic
/// message ("matches none of the alternatives") would not say.
fn draft4_alternatives(keyword: &str) -> Option<&'static str> {
    Some(match keyword {
        "additionalProperties" | "additionalItems" => "a boolean or a schema object",
        "items" => "a schema object or an array of schema objects",
        "type" => {
            "one of \"array\", \"boolean\", \"integer\", \"null\", \"number\", \"object\", \"string\", or a \
             non-empty array of them without repeats"
        }
        _ => return None,
    })
}

/// Validates the document against the draft-04 meta-schema (igluctl's syntax check).
pub fn check_meta_schema(schema: &Value, file: &mut FileLint) {
    let meta = jsonschema::draft4::meta::validator();
    for violation in violations(&meta, schema) {
        let keyword = violation.pointer.rsplit('/').next().unwrap_or("");
        let expected = if violation.keyword == "anyOf" { draft4_alternatives(keyword) } else { None };
        let message = match (expected, schema.pointer(&violation.pointer)) {
            (Some(expected), Some(value)) => {
                let found = match value {
                    Value::String(_) | Value::Number(_) | Value::Bool(_) | Value::Null => value.to_string(),
                    other => json_type(other).to_owned(),
                };
                format!("`{keyword}` is {found}; draft-04 expects {expected}")
            }
            _ => violation.message,
        };
        let hint = format!(
            "change the value so it matches JSON Schema draft-04 (the meta-schema's `{}` check fails here)",
            violation.keyword
        );
        file.push(Finding::new(&META_SCHEMA_VIOLATION, violation.pointer, message).with_hint(hint));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::finding::FileKind;
    use serde_json::json;

    fn self_findings(schema: Value) -> (Option<SchemaKey>, Vec<(String, String)>) {
        let mut file = FileLint::new("x", FileKind::Json);
        let key = check_self(schema.as_object().unwrap(), &mut file);
        (key, file.findings.into_iter().map(|f| (f.pointer.unwrap_or_default(), f.message)).collect())
    }

    #[test]
    fn self_is_checked_part_by_part() {
        let ok = json!({"self": {"vendor": "com.acme", "name": "x", "format": "jsonschema", "version": "1-0-0"}});
        assert_eq!(self_findings(ok).0.unwrap().to_path(), "com.acme/x/jsonschema/1-0-0");

        let bad = json!({"self": {"vendor": "com.acme", "name": "a.b", "format": 1, "version": "01-0-0", "extra": 1}});
        let (key, findings) = self_findings(bad);
        assert!(key.is_none());
        let pointers: Vec<&str> = findings.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(pointers, ["/self/extra", "/self/name", "/self/format", "/self/version"]);
        assert!(findings[3].1.contains("leading zero"), "{}", findings[3].1);

        let (_, findings) = self_findings(json!({"self": {"vendor": "a/b", "name": "x", "format": "f"}}));
        assert_eq!(
            findings[0],
            ("/self/vendor".into(), "`self.vendor` \"a/b\" is invalid: it must not contain `/`".into())
        );
        assert_eq!(findings[1], ("/self".into(), "`self` has no `version`".into()));
    }

    #[test]
    fn meta_schema_findings_point_into_the_file() {
        let mut file = FileLint::new("x", FileKind::Json);
        let schema = json!({"properties": {"a": {"type": "strnig"}, "b": {"maxLength": -1}}, "required": []});
        check_meta_schema(&schema, &mut file);
        let found: Vec<(String, String)> =
            file.findings.into_iter().map(|f| (f.pointer.unwrap_or_default(), f.message)).collect();
        let pointers: Vec<&str> = found.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(pointers, ["/properties/a/type", "/properties/b/maxLength", "/required"]);
        assert!(found[0].1.starts_with("`type` is \"strnig\"; draft-04 expects one of \"array\""), "{}", found[0].1);
    }

    #[test]
    fn superseding_must_point_the_right_way() {
        let mut file = FileLint::new("x", FileKind::Json);
        let root = json!({"$supersedes": ["1-0-0", "1-0-2", "1-0"], "$supersededBy": "1-0-1"});
        check_superseding(root.as_object().unwrap(), Some(SchemaVer::new(1, 0, 1)), &mut file);
        let pointers: Vec<String> = file.findings.iter().map(|f| f.pointer.clone().unwrap_or_default()).collect();
        assert_eq!(pointers, ["/$supersedes/1", "/$supersedes/2", "/$supersededBy"]);
    }
}
