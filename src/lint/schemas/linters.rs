//! igluctl's sanity linters (schema-ddl `Linter.scala`), run on every sub-schema the igluctl
//! walk visits.
//!
//! The walk visits the root, `items` (one schema or a tuple), `additionalItems`,
//! `properties`, `additionalProperties`, `patternProperties` and `oneOf`, and nothing else:
//! sub-schemas under `anyOf`, `allOf`, `not` and `definitions` are never linted. That is
//! igluctl's behaviour and schemas in the wild were written against it, so it is kept.
//!
//! Keyword values of the wrong JSON type (a string `minimum`, an unknown `type` name) are
//! treated as absent here: the draft-04 meta-schema check already reports them, and a second
//! finding built on a value that means nothing would only add noise.

use std::cmp::Ordering;

use serde_json::{Map, Number, Value};

use super::rules::{
    ARRAY_MIN_MAX_ITEMS, ARRAY_PROPERTIES, DESCRIPTION, NUMERIC_MIN_MAX, NUMERIC_MINIMUM_MAXIMUM, NUMERIC_PROPERTIES,
    OBJECT_PROPERTIES, OPTIONAL_NULL, REQUIRED_PROPERTIES_EXIST, ROOT_OBJECT, SCHEMA_URI, STRING_LENGTH,
    STRING_MAX_LENGTH_RANGE, STRING_MIN_MAX_LENGTH, STRING_PROPERTIES, UNKNOWN_FORMATS,
};
use crate::lint::finding::{Finding, Rule};
use crate::locate::escape_pointer_token;

/// The `$schema` every Iglu schema declares (iglu-core compares it as an exact string).
pub const IGLU_META_SCHEMA_URI: &str =
    "http://iglucentral.com/schemas/com.snowplowanalytics.self-desc/schema/jsonschema/1-0-0#";

/// Formats igluctl knows. igluctl spells one `ivp6` (a typo in schema-ddl since 2018), so it
/// flags the real `ipv6`; snowplowctl knows `ipv6` instead.
pub const KNOWN_FORMATS: &[&str] = &["uri", "ipv4", "ipv6", "email", "date-time", "date", "hostname", "uuid"];

/// The largest Redshift VARCHAR.
const REDSHIFT_VARCHAR_MAX: u64 = 65535;

const NUMERIC_KEYWORDS: &[&str] = &["multipleOf", "minimum", "maximum"];
const STRING_KEYWORDS: &[&str] = &["maxLength", "minLength", "pattern", "format"];
const ARRAY_KEYWORDS: &[&str] = &["items", "additionalItems", "minItems", "maxItems"];
const OBJECT_KEYWORDS: &[&str] = &["properties", "additionalProperties", "required", "patternProperties"];

/// A JSON type named by `type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum JsonType {
    Null,
    Boolean,
    String,
    Integer,
    Number,
    Array,
    Object,
}

impl JsonType {
    fn parse(name: &str) -> Option<JsonType> {
        Some(match name {
            "null" => JsonType::Null,
            "boolean" => JsonType::Boolean,
            "string" => JsonType::String,
            "integer" => JsonType::Integer,
            "number" => JsonType::Number,
            "array" => JsonType::Array,
            "object" => JsonType::Object,
            _ => return None,
        })
    }
}

/// One visited sub-schema.
struct Node<'a> {
    pointer: &'a str,
    schema: &'a Map<String, Value>,
    /// The types `type` names; `None` when `type` is absent or not understood.
    types: Option<Vec<JsonType>>,
}

impl<'a> Node<'a> {
    fn new(pointer: &'a str, schema: &'a Map<String, Value>) -> Self {
        Node { pointer, schema, types: schema.get("type").and_then(declared_types) }
    }

    fn is_root(&self) -> bool {
        self.pointer.is_empty()
    }

    /// schema-ddl's `withType`: `type` is set and includes `t`.
    fn with_type(&self, t: JsonType) -> bool {
        self.types.as_ref().is_some_and(|types| types.contains(&t))
    }

    /// schema-ddl's `withoutType`: `type` is set and excludes `t` (an absent `type` is fine).
    fn without_type(&self, t: JsonType) -> bool {
        self.types.as_ref().is_some_and(|types| !types.contains(&t))
    }

    fn has(&self, keyword: &str) -> bool {
        self.schema.contains_key(keyword)
    }

    fn number(&self, keyword: &str) -> Option<&'a Number> {
        match self.schema.get(keyword) {
            Some(Value::Number(n)) => Some(n),
            _ => None,
        }
    }

    /// The keywords of `keywords` this node has, backquoted for a message.
    fn present(&self, keywords: &[&str]) -> Vec<String> {
        keywords.iter().filter(|k| self.has(k)).map(|k| format!("`{k}`")).collect()
    }

    /// `type` as written, for messages.
    fn type_text(&self) -> String {
        self.schema.get("type").map_or_else(|| "absent".to_owned(), Value::to_string)
    }
}

/// A single type name or an array of them; `None` when any name is unknown.
fn declared_types(value: &Value) -> Option<Vec<JsonType>> {
    match value {
        Value::String(name) => Some(vec![JsonType::parse(name)?]),
        Value::Array(names) => names.iter().map(|n| n.as_str().and_then(JsonType::parse)).collect(),
        _ => None,
    }
}

/// Compares two JSON numbers exactly when both are integers of the same kind.
fn compare(a: &Number, b: &Number) -> Option<Ordering> {
    if let (Some(x), Some(y)) = (a.as_i64(), b.as_i64()) {
        return Some(x.cmp(&y));
    }
    if let (Some(x), Some(y)) = (a.as_u64(), b.as_u64()) {
        return Some(x.cmp(&y));
    }
    a.as_f64()?.partial_cmp(&b.as_f64()?)
}

/// Joins backquoted names as `a`, `b` and `c`.
fn list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Which linters run.
pub trait Enabled {
    /// Whether `rule` runs.
    fn enabled(&self, rule: &Rule) -> bool;
}

/// Visits `schema` and every sub-schema igluctl's walk reaches, in document order.
pub fn walk<'a>(schema: &'a Value, pointer: &str, visit: &mut dyn FnMut(&str, &'a Map<String, Value>)) {
    let Value::Object(node) = schema else { return };
    visit(pointer, node);
    match node.get("items") {
        Some(item @ Value::Object(_)) => walk(item, &format!("{pointer}/items"), visit),
        Some(Value::Array(tuple)) => {
            for (i, item) in tuple.iter().enumerate() {
                walk(item, &format!("{pointer}/items/{i}"), visit);
            }
        }
        _ => {}
    }
    if let Some(additional @ Value::Object(_)) = node.get("additionalItems") {
        walk(additional, &format!("{pointer}/additionalItems"), visit);
    }
    for keyword in ["properties", "additionalProperties", "patternProperties"] {
        match (keyword, node.get(keyword)) {
            ("additionalProperties", Some(additional @ Value::Object(_))) => {
                walk(additional, &format!("{pointer}/additionalProperties"), visit);
            }
            ("properties" | "patternProperties", Some(Value::Object(members))) => {
                for (name, member) in members {
                    walk(member, &format!("{pointer}/{keyword}/{}", escape_pointer_token(name)), visit);
                }
            }
            _ => {}
        }
    }
    if let Some(Value::Array(alternatives)) = node.get("oneOf") {
        for (i, alternative) in alternatives.iter().enumerate() {
            walk(alternative, &format!("{pointer}/oneOf/{i}"), visit);
        }
    }
}

/// Runs the enabled linters over `schema` (a whole schema document).
pub fn lint(schema: &Value, enabled: &dyn Enabled) -> Vec<Finding> {
    let mut findings = Vec::new();
    walk(schema, "", &mut |pointer, node| {
        let node = Node::new(pointer, node);
        for (rule, check) in CHECKS {
            if enabled.enabled(rule)
                && let Some(issue) = check(&node)
            {
                let at = match issue.keyword {
                    Some(keyword) => format!("{pointer}/{}", escape_pointer_token(keyword)),
                    None => pointer.to_owned(),
                };
                findings.push(Finding::new(rule, at, issue.message));
            }
        }
    });
    findings
}

/// What a linter found on one node.
struct Issue {
    /// The keyword at fault, when one is (the finding then points at it).
    keyword: Option<&'static str>,
    message: String,
}

impl Issue {
    fn node(message: String) -> Option<Issue> {
        Some(Issue { keyword: None, message })
    }

    fn at(keyword: &'static str, message: String) -> Option<Issue> {
        Some(Issue { keyword: Some(keyword), message })
    }
}

type Check = fn(&Node<'_>) -> Option<Issue>;

static CHECKS: &[(&Rule, Check)] = &[
    (&SCHEMA_URI, schema_uri),
    (&ROOT_OBJECT, root_object),
    (&DESCRIPTION, description),
    (&NUMERIC_PROPERTIES, numeric_properties),
    (&STRING_PROPERTIES, string_properties),
    (&ARRAY_PROPERTIES, array_properties),
    (&OBJECT_PROPERTIES, object_properties),
    (&NUMERIC_MINIMUM_MAXIMUM, numeric_minimum_maximum),
    (&STRING_MIN_MAX_LENGTH, string_min_max_length),
    (&ARRAY_MIN_MAX_ITEMS, array_min_max_items),
    (&REQUIRED_PROPERTIES_EXIST, required_properties_exist),
    (&UNKNOWN_FORMATS, unknown_formats),
    (&NUMERIC_MIN_MAX, numeric_min_max),
    (&STRING_LENGTH, string_length),
    (&STRING_MAX_LENGTH_RANGE, string_max_length_range),
    (&OPTIONAL_NULL, optional_null),
];

fn schema_uri(node: &Node<'_>) -> Option<Issue> {
    if !node.is_root() {
        return None;
    }
    match node.schema.get("$schema") {
        None => Issue::node(format!("the schema has no `$schema`; an Iglu schema declares \"{IGLU_META_SCHEMA_URI}\"")),
        Some(Value::String(uri)) if uri == IGLU_META_SCHEMA_URI => None,
        Some(Value::String(uri)) if uri.trim_end_matches('#') == IGLU_META_SCHEMA_URI.trim_end_matches('#') => {
            Issue::at(
                "$schema",
                format!("`$schema` is \"{uri}\"; expected exactly \"{IGLU_META_SCHEMA_URI}\" (with the trailing `#`)"),
            )
        }
        Some(other) => {
            Issue::at("$schema", format!("`$schema` is {other}; expected exactly \"{IGLU_META_SCHEMA_URI}\""))
        }
    }
}

fn root_object(node: &Node<'_>) -> Option<Issue> {
    if !node.is_root() {
        return None;
    }
    // igluctl wants `type` to be exactly object: a union such as ["object", "null"] fails too.
    let is_object = node.types.as_deref() == Some(&[JsonType::Object]);
    let has_properties = node.has("properties");
    let problem = match (is_object, has_properties) {
        (true, true) => return None,
        (true, false) => "has no `properties`".to_owned(),
        (false, true) => format!("has `type` {}", node.type_text()),
        (false, false) => format!("has `type` {} and no `properties`", node.type_text()),
    };
    Issue::node(format!(
        "the root schema {problem}; expected `\"type\": \"object\"` with `properties` listing its fields"
    ))
}

fn description(node: &Node<'_>) -> Option<Issue> {
    if node.has("description") {
        None
    } else if node.is_root() {
        Issue::node("the schema has no `description`".to_owned())
    } else {
        Issue::node("this sub-schema has no `description`".to_owned())
    }
}

/// Keywords of one JSON type used where `type` rules that type out.
fn misplaced_keywords(
    node: &Node<'_>,
    keywords: &[&str],
    types: &[JsonType],
    values: &str,
    names: &str,
) -> Option<Issue> {
    let present = node.present(keywords);
    if present.is_empty() || !types.iter().all(|t| node.without_type(*t)) {
        return None;
    }
    let (verb, pronoun) = if present.len() == 1 { ("applies", "it") } else { ("apply", "them") };
    Issue::node(format!(
        "{} {verb} only to {values}, but `type` is {}; add {names} to `type` or remove {pronoun}",
        list(&present),
        node.type_text()
    ))
}

fn numeric_properties(node: &Node<'_>) -> Option<Issue> {
    let types = [JsonType::Number, JsonType::Integer];
    misplaced_keywords(node, NUMERIC_KEYWORDS, &types, "numbers", "\"number\" or \"integer\"")
}

fn string_properties(node: &Node<'_>) -> Option<Issue> {
    misplaced_keywords(node, STRING_KEYWORDS, &[JsonType::String], "strings", "\"string\"")
}

fn array_properties(node: &Node<'_>) -> Option<Issue> {
    misplaced_keywords(node, ARRAY_KEYWORDS, &[JsonType::Array], "arrays", "\"array\"")
}

fn object_properties(node: &Node<'_>) -> Option<Issue> {
    misplaced_keywords(node, OBJECT_KEYWORDS, &[JsonType::Object], "objects", "\"object\"")
}

/// A lower bound greater than its upper bound.
fn inverted_bounds(node: &Node<'_>, low: &str, high: &str, what: &str) -> Option<Issue> {
    let (min, max) = (node.number(low)?, node.number(high)?);
    (compare(min, max)? == Ordering::Greater)
        .then(|| format!("`{low}` {min} is greater than `{high}` {max}, so no {what} can match"))
        .and_then(Issue::node)
}

fn numeric_minimum_maximum(node: &Node<'_>) -> Option<Issue> {
    inverted_bounds(node, "minimum", "maximum", "number")
}

fn string_min_max_length(node: &Node<'_>) -> Option<Issue> {
    inverted_bounds(node, "minLength", "maxLength", "string")
}

fn array_min_max_items(node: &Node<'_>) -> Option<Issue> {
    inverted_bounds(node, "minItems", "maxItems", "array")
}

fn required_properties_exist(node: &Node<'_>) -> Option<Issue> {
    if node.schema.get("additionalProperties") != Some(&Value::Bool(false)) || node.has("patternProperties") {
        return None;
    }
    let (Some(Value::Array(required)), Some(Value::Object(properties))) =
        (node.schema.get("required"), node.schema.get("properties"))
    else {
        return None;
    };
    let mut missing: Vec<String> = required
        .iter()
        .filter_map(Value::as_str)
        .filter(|name| !properties.contains_key(*name))
        .map(|name| format!("`{name}`"))
        .collect();
    missing.dedup();
    if missing.is_empty() {
        return None;
    }
    let (verb, pronoun) = if missing.len() == 1 { ("is", "it") } else { ("are", "them") };
    Issue::at(
        "required",
        format!(
            "`required` lists {} which {verb} not in `properties`, and `additionalProperties` is false, so no object can \
         match; add {pronoun} to `properties` or remove {pronoun} from `required`",
            list(&missing)
        ),
    )
}

fn format_of<'a>(node: &Node<'a>) -> Option<&'a str> {
    node.schema.get("format").and_then(Value::as_str)
}

fn unknown_formats(node: &Node<'_>) -> Option<Issue> {
    let format = format_of(node)?;
    if KNOWN_FORMATS.contains(&format) {
        return None;
    }
    Issue::at("format", format!("unknown format \"{format}\"; known formats are {}", KNOWN_FORMATS.join(", ")))
}

fn numeric_min_max(node: &Node<'_>) -> Option<Issue> {
    if !node.with_type(JsonType::Number) && !node.with_type(JsonType::Integer) {
        return None;
    }
    let missing = match (node.has("minimum"), node.has("maximum")) {
        (true, true) => return None,
        (true, false) => "no `maximum`",
        (false, true) => "no `minimum`",
        (false, false) => "neither `minimum` nor `maximum`",
    };
    Issue::node(format!("numeric field has {missing}; expected both bounds so loaders can choose the column type"))
}

fn string_length(node: &Node<'_>) -> Option<Issue> {
    if !node.with_type(JsonType::String) || node.has("enum") || node.has("maxLength") {
        return None;
    }
    let message = match node.schema.get("format") {
        None => "string field has no `maxLength`, `enum` or `format`".to_owned(),
        Some(format) => match format.as_str() {
            Some(known) if KNOWN_FORMATS.contains(&known) => return None,
            _ => format!("string field has no `maxLength` or `enum`, and its format {format} is not a known one"),
        },
    };
    Issue::node(format!("{message}; expected `maxLength` so loaders can size the column"))
}

fn string_max_length_range(node: &Node<'_>) -> Option<Issue> {
    if !node.with_type(JsonType::String) {
        return None;
    }
    let max = node.number("maxLength")?;
    (compare(max, &Number::from(REDSHIFT_VARCHAR_MAX))? == Ordering::Greater)
        .then(|| {
            format!("`maxLength` is {max}, more than {REDSHIFT_VARCHAR_MAX}, the largest Redshift VARCHAR; expected at most {REDSHIFT_VARCHAR_MAX}")
        })
        .and_then(|message| Issue::at("maxLength", message))
}

fn optional_null(node: &Node<'_>) -> Option<Issue> {
    let (Some(Value::Array(required)), Some(Value::Object(properties))) =
        (node.schema.get("required"), node.schema.get("properties"))
    else {
        return None;
    };
    let not_nullable: Vec<String> = properties
        .iter()
        .filter(|(name, _)| !required.iter().any(|r| r.as_str() == Some(name.as_str())))
        .filter(|(_, property)| {
            // Like schema-ddl, only an explicit "null" in `type` counts (not an absent `type`).
            let types = property.get("type").and_then(declared_types);
            !types.is_some_and(|t| t.contains(&JsonType::Null))
        })
        .map(|(name, _)| format!("`{name}`"))
        .collect();
    if not_nullable.is_empty() {
        return None;
    }
    let (noun, verb) = if not_nullable.len() == 1 { ("property", "does") } else { ("properties", "do") };
    Issue::at(
        "properties",
        format!(
            "optional {noun} {} {verb} not allow null; expected \"null\" in the `type` of every property not in `required`",
            list(&not_nullable)
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    struct All;
    impl Enabled for All {
        fn enabled(&self, _: &Rule) -> bool {
            true
        }
    }

    fn fired(schema: &Value) -> Vec<(String, &'static str)> {
        lint(schema, &All).into_iter().map(|f| (f.pointer.unwrap_or_default(), f.rule.name)).collect()
    }

    #[test]
    fn the_walk_skips_any_of_all_of_not_and_definitions() {
        let schema = json!({
            "properties": {"a": {}},
            "items": [{}, {}],
            "additionalItems": {},
            "additionalProperties": {},
            "patternProperties": {"^x/y$": {}},
            "oneOf": [{}],
            "anyOf": [{}], "allOf": [{}], "not": {}, "definitions": {"d": {}}
        });
        let mut visited = Vec::new();
        walk(&schema, "", &mut |pointer, _| visited.push(pointer.to_owned()));
        assert_eq!(
            visited,
            [
                "",
                "/items/0",
                "/items/1",
                "/additionalItems",
                "/properties/a",
                "/additionalProperties",
                "/patternProperties/^x~1y$",
                "/oneOf/0"
            ]
        );
    }

    #[test]
    fn type_unions_follow_schema_ddl() {
        // A one-element array is the type itself, so the root check passes.
        let root = json!({"$schema": IGLU_META_SCHEMA_URI, "description": "d", "type": ["object"], "properties": {}});
        assert!(fired(&root).is_empty(), "{:?}", fired(&root));
        // An absent `type` never makes keywords "misplaced".
        let untyped = json!({"maxLength": 3, "minimum": 1, "items": {}, "required": ["a"]});
        assert!(!fired(&untyped).iter().any(|(_, name)| name.ends_with("Properties")));
        // A union that lacks the type does.
        let union = json!({"type": ["integer", "null"], "format": "date"});
        assert!(fired(&union).contains(&(String::new(), "stringProperties")));
    }

    #[test]
    fn ipv6_is_known_and_the_ivp6_typo_is_not() {
        let at = |format: &str| {
            fired(&json!({"type": "string", "format": format, "description": "d"}))
                .into_iter()
                .map(|(_, name)| name)
                .collect::<Vec<_>>()
        };
        assert!(!at("ipv6").contains(&"unknownFormats"));
        assert!(!at("ipv6").contains(&"stringLength"));
        assert!(at("ivp6").contains(&"unknownFormats"));
        assert!(at("ivp6").contains(&"stringLength"));
    }

    #[test]
    fn bounds_compare_exactly() {
        let big = json!({"minimum": 9_007_199_254_740_993_u64, "maximum": 9_007_199_254_740_992_u64});
        assert!(fired(&big).iter().any(|(_, name)| *name == "numericMinimumMaximum"));
        let fine = json!({"minimum": -1, "maximum": 0.5});
        assert!(!fired(&fine).iter().any(|(_, name)| *name == "numericMinimumMaximum"));
    }

    #[test]
    fn optional_null_needs_an_explicit_null() {
        let schema = json!({
            "required": ["a"],
            "properties": {"a": {"type": "string"}, "b": {"type": ["string", "null"]}, "c": {}, "d": {"enum": [null]}}
        });
        let finding = lint(&schema, &All).into_iter().find(|f| f.rule.name == "optionalNull").unwrap();
        assert!(finding.message.contains("`c` and `d`"), "{}", finding.message);
    }
}
