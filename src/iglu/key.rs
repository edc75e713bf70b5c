//! Iglu schema keys (`iglu:vendor/name/format/1-0-0`), SchemaVer and criteria (`1-0-*`).
//!
//! The grammar follows iglu-scala-core: the vendor may contain dots, name and format may not,
//! and a full SchemaVer has a model of at least 1 and no leading zeros. A string that looks
//! like an Iglu URI but has a bad version reports [`KeyError::InvalidSchemaVer`] rather than
//! [`KeyError::InvalidIgluUri`], so the message points at the part that is actually wrong.

use std::fmt;
use std::str::FromStr;

/// Why a string is not a valid schema key, version or criterion.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    /// The string is not of the form `iglu:vendor/name/format/version`.
    #[error("`{uri}` is not an Iglu URI: {reason}")]
    InvalidIgluUri {
        /// The offending string.
        uri: String,
        /// What part is wrong.
        reason: String,
    },
    /// The version part is not a SchemaVer (`MODEL-REVISION-ADDITION`).
    #[error("`{version}` is not a valid SchemaVer: {reason}")]
    InvalidSchemaVer {
        /// The offending version string.
        version: String,
        /// What part is wrong.
        reason: String,
    },
}

impl KeyError {
    /// The Iglu error code for this error (`INVALID_IGLUURI` / `INVALID_SCHEMAVER`).
    pub fn iglu_code(&self) -> &'static str {
        match self {
            KeyError::InvalidIgluUri { .. } => "INVALID_IGLUURI",
            KeyError::InvalidSchemaVer { .. } => "INVALID_SCHEMAVER",
        }
    }
}

/// A full SchemaVer: `MODEL-REVISION-ADDITION`, ordered as the tuple.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SchemaVer {
    /// Breaking changes.
    pub model: u32,
    /// Changes that may invalidate some old data.
    pub revision: u32,
    /// Changes that keep all old data valid.
    pub addition: u32,
}

impl SchemaVer {
    /// Builds a version from its three parts.
    pub const fn new(model: u32, revision: u32, addition: u32) -> Self {
        SchemaVer { model, revision, addition }
    }
}

impl fmt::Display for SchemaVer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}-{}", self.model, self.revision, self.addition)
    }
}

fn schemaver_error(version: &str, reason: impl Into<String>) -> KeyError {
    KeyError::InvalidSchemaVer { version: version.to_owned(), reason: reason.into() }
}

/// Parses one numeric part of a SchemaVer; `min` is 1 for the model, 0 otherwise.
fn parse_part(version: &str, part: &str, label: &str, min: u32) -> Result<u32, KeyError> {
    if part.is_empty() {
        return Err(schemaver_error(version, format!("the {label} is empty")));
    }
    if !part.bytes().all(|b| b.is_ascii_digit()) {
        return Err(schemaver_error(version, format!("the {label} `{part}` is not a number")));
    }
    if part.len() > 1 && part.starts_with('0') {
        return Err(schemaver_error(version, format!("the {label} `{part}` has a leading zero")));
    }
    let value: u32 =
        part.parse().map_err(|_| schemaver_error(version, format!("the {label} `{part}` is too large")))?;
    if value < min {
        return Err(schemaver_error(version, format!("the {label} must be at least {min}")));
    }
    Ok(value)
}

fn split_three(version: &str) -> Result<[&str; 3], KeyError> {
    let parts: Vec<&str> = version.split('-').collect();
    match parts.as_slice() {
        [m, r, a] => Ok([m, r, a]),
        _ => Err(schemaver_error(
            version,
            format!("expected MODEL-REVISION-ADDITION (3 parts), found {} part(s)", parts.len()),
        )),
    }
}

impl FromStr for SchemaVer {
    type Err = KeyError;

    fn from_str(version: &str) -> Result<Self, Self::Err> {
        let [m, r, a] = split_three(version)?;
        Ok(SchemaVer {
            model: parse_part(version, m, "model", 1)?,
            revision: parse_part(version, r, "revision", 0)?,
            addition: parse_part(version, a, "addition", 0)?,
        })
    }
}

fn uri_error(uri: &str, reason: impl Into<String>) -> KeyError {
    KeyError::InvalidIgluUri { uri: uri.to_owned(), reason: reason.into() }
}

fn check_segment(uri: &str, label: &str, value: &str, allow_dots: bool) -> Result<(), KeyError> {
    if value.is_empty() {
        return Err(uri_error(uri, format!("the {label} is empty")));
    }
    let ok = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_' || (allow_dots && c == '.');
    if let Some(bad) = value.chars().find(|c| !ok(*c)) {
        let allowed = if allow_dots { "letters, digits, `-`, `_` and `.`" } else { "letters, digits, `-` and `_`" };
        return Err(uri_error(uri, format!("the {label} `{value}` contains `{bad}`; only {allowed} are allowed")));
    }
    Ok(())
}

/// Splits `iglu:vendor/name/format/version` into its four parts, checking the first three.
fn split_uri(uri: &str) -> Result<[&str; 4], KeyError> {
    let Some(path) = uri.strip_prefix("iglu:") else {
        return Err(uri_error(uri, "it must start with `iglu:`"));
    };
    let parts: Vec<&str> = path.split('/').collect();
    let [vendor, name, format, version] = parts.as_slice() else {
        return Err(uri_error(
            uri,
            format!("expected `iglu:vendor/name/format/version` (4 parts after `iglu:`), found {}", parts.len()),
        ));
    };
    check_segment(uri, "vendor", vendor, true)?;
    check_segment(uri, "name", name, false)?;
    check_segment(uri, "format", format, false)?;
    Ok([vendor, name, format, version])
}

/// A schema's identity: vendor, name, format and full version.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SchemaKey {
    /// Reverse-domain vendor, e.g. `com.snowplowanalytics.snowplow`.
    pub vendor: String,
    /// Schema name, e.g. `anon_ip`.
    pub name: String,
    /// Schema format, almost always `jsonschema`.
    pub format: String,
    /// The full version.
    pub version: SchemaVer,
}

impl SchemaKey {
    /// Builds a key from its parts.
    pub fn new(vendor: &str, name: &str, format: &str, version: SchemaVer) -> Self {
        SchemaKey { vendor: vendor.into(), name: name.into(), format: format.into(), version }
    }

    /// Parses `iglu:vendor/name/format/M-R-A`.
    pub fn parse(uri: &str) -> Result<Self, KeyError> {
        let [vendor, name, format, version] = split_uri(uri)?;
        Ok(SchemaKey::new(vendor, name, format, version.parse()?))
    }

    /// Parses a repository path `vendor/name/format/M-R-A` (no `iglu:` prefix).
    pub fn from_path(path: &str) -> Result<Self, KeyError> {
        SchemaKey::parse(&format!("iglu:{path}"))
    }

    /// The path of this schema inside a repository: `vendor/name/format/M-R-A`.
    pub fn to_path(&self) -> String {
        format!("{}/{}/{}/{}", self.vendor, self.name, self.format, self.version)
    }

    /// The `iglu:` URI of this schema.
    pub fn to_uri(&self) -> String {
        format!("iglu:{}", self.to_path())
    }
}

impl fmt::Display for SchemaKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "iglu:{}", self.to_path())
    }
}

impl FromStr for SchemaKey {
    type Err = KeyError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        SchemaKey::parse(s)
    }
}

/// A criterion that matches a family of versions: `iglu:vendor/name/format/1-0-*` or `1-*-*`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SchemaCriterion {
    /// Vendor to match exactly.
    pub vendor: String,
    /// Name to match exactly.
    pub name: String,
    /// Format to match exactly.
    pub format: String,
    /// Model to match exactly.
    pub model: u32,
    /// Revision to match, or any when `None`.
    pub revision: Option<u32>,
    /// Addition to match, or any when `None`.
    pub addition: Option<u32>,
}

impl SchemaCriterion {
    /// Parses `iglu:vendor/name/format/M-R-A` where R and A may be `*` (A must be `*` if R is).
    pub fn parse(uri: &str) -> Result<Self, KeyError> {
        let [vendor, name, format, version] = split_uri(uri)?;
        let [m, r, a] = split_three(version)?;
        let model = parse_part(version, m, "model", 1)?;
        let revision = if r == "*" { None } else { Some(parse_part(version, r, "revision", 0)?) };
        let addition = if a == "*" { None } else { Some(parse_part(version, a, "addition", 0)?) };
        if revision.is_none() && addition.is_some() {
            return Err(schemaver_error(version, "a criterion with `*` revision must also have `*` addition"));
        }
        Ok(SchemaCriterion {
            vendor: vendor.into(),
            name: name.into(),
            format: format.into(),
            model,
            revision,
            addition,
        })
    }

    /// Whether `key` belongs to the family this criterion describes.
    pub fn matches(&self, key: &SchemaKey) -> bool {
        self.vendor == key.vendor
            && self.name == key.name
            && self.format == key.format
            && self.model == key.version.model
            && self.revision.is_none_or(|r| r == key.version.revision)
            && self.addition.is_none_or(|a| a == key.version.addition)
    }
}

impl fmt::Display for SchemaCriterion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let star = |p: Option<u32>| p.map_or_else(|| "*".to_owned(), |v| v.to_string());
        write!(
            f,
            "iglu:{}/{}/{}/{}-{}-{}",
            self.vendor,
            self.name,
            self.format,
            self.model,
            star(self.revision),
            star(self.addition)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_key() {
        let k = SchemaKey::parse("iglu:com.snowplowanalytics.snowplow/anon_ip/jsonschema/1-0-1").unwrap();
        assert_eq!(k.vendor, "com.snowplowanalytics.snowplow");
        assert_eq!(k.name, "anon_ip");
        assert_eq!(k.version, SchemaVer::new(1, 0, 1));
        assert_eq!(k.to_string(), "iglu:com.snowplowanalytics.snowplow/anon_ip/jsonschema/1-0-1");
    }

    #[test]
    fn reports_the_part_that_is_wrong() {
        let bad = |s: &str| SchemaKey::parse(s).unwrap_err();
        assert_eq!(bad("com.acme/x/jsonschema/1-0-0").iglu_code(), "INVALID_IGLUURI");
        assert_eq!(bad("iglu:com.acme/x/jsonschema").iglu_code(), "INVALID_IGLUURI");
        assert_eq!(bad("iglu:com.acme/x.y/jsonschema/1-0-0").iglu_code(), "INVALID_IGLUURI");
        assert_eq!(bad("iglu:com.acme/x/jsonschema/0-0-0").iglu_code(), "INVALID_SCHEMAVER");
        assert_eq!(bad("iglu:com.acme/x/jsonschema/01-0-0").iglu_code(), "INVALID_SCHEMAVER");
        assert_eq!(bad("iglu:com.acme/x/jsonschema/1-0").iglu_code(), "INVALID_SCHEMAVER");
        assert_eq!(bad("iglu:com.acme/x/jsonschema/1-a-0").iglu_code(), "INVALID_SCHEMAVER");
        let msg = bad("iglu:com.acme/x/jsonschema/1-00-0").to_string();
        assert!(msg.contains("revision `00` has a leading zero"), "{msg}");
    }

    #[test]
    fn criteria_match_families() {
        let c = SchemaCriterion::parse("iglu:com.acme/x/jsonschema/1-0-*").unwrap();
        assert!(c.matches(&SchemaKey::parse("iglu:com.acme/x/jsonschema/1-0-7").unwrap()));
        assert!(!c.matches(&SchemaKey::parse("iglu:com.acme/x/jsonschema/1-1-0").unwrap()));
        let any = SchemaCriterion::parse("iglu:com.acme/x/jsonschema/2-*-*").unwrap();
        assert!(any.matches(&SchemaKey::parse("iglu:com.acme/x/jsonschema/2-3-1").unwrap()));
        assert_eq!(any.to_string(), "iglu:com.acme/x/jsonschema/2-*-*");
        assert!(SchemaCriterion::parse("iglu:com.acme/x/jsonschema/1-*-0").is_err());
    }

    #[test]
    fn versions_order_as_tuples() {
        let v = |s: &str| s.parse::<SchemaVer>().unwrap();
        assert!(v("1-0-10") > v("1-0-9"));
        assert!(v("2-0-0") > v("1-9-9"));
    }
}
