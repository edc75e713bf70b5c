//! Self-describing JSON envelopes: `{"schema": "iglu:…", "data": …}`.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::Arc;

use serde_json::Value;

use super::key::{KeyError, SchemaKey};
use super::validate::FxHasher;

/// Why a JSON value is not a self-describing JSON envelope.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum EnvelopeError {
    /// The value is not a JSON object.
    #[error("expected a self-describing JSON object `{{\"schema\": …, \"data\": …}}`, found {found}")]
    NotAnObject {
        /// The JSON type found instead.
        found: &'static str,
    },
    /// The `schema` key is missing.
    #[error("the `schema` key is missing")]
    MissingSchema,
    /// The `data` key is missing.
    #[error("the `data` key is missing")]
    MissingData,
    /// `schema` is not a string.
    #[error("`schema` must be a string holding an Iglu URI, found {found}")]
    SchemaNotString {
        /// The JSON type found instead.
        found: &'static str,
    },
    /// Keys other than `schema` and `data` are present.
    #[error("unexpected key(s) {}: a self-describing JSON has only `schema` and `data`", keys.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", "))]
    ExtraKeys {
        /// The unexpected keys.
        keys: Vec<String>,
    },
    /// `schema` is a string but not a valid Iglu URI.
    #[error(transparent)]
    Key(#[from] KeyError),
}

impl EnvelopeError {
    /// The JSON pointer (relative to the envelope) where the problem is.
    pub fn pointer(&self) -> &'static str {
        match self {
            EnvelopeError::SchemaNotString { .. } | EnvelopeError::Key(_) => "/schema",
            _ => "",
        }
    }
}

/// Names the JSON type of a value, for messages.
pub fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "an integer",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A parsed envelope borrowing its data from the original value.
#[derive(Debug, Clone, PartialEq)]
pub struct SelfDescribing<'a> {
    /// The schema the data claims to follow (shared: parsed keys are cached per thread).
    pub schema: Arc<SchemaKey>,
    /// The payload.
    pub data: &'a Value,
}

impl<'a> SelfDescribing<'a> {
    /// Reads an envelope out of `value`. Extra keys are an error, as in
    /// `self-desc/instance-iglu-only`.
    pub fn parse(value: &'a Value) -> Result<Self, EnvelopeError> {
        let Value::Object(map) = value else {
            return Err(EnvelopeError::NotAnObject { found: json_type(value) });
        };
        let schema = map.get("schema").ok_or(EnvelopeError::MissingSchema)?;
        let Value::String(uri) = schema else {
            return Err(EnvelopeError::SchemaNotString { found: json_type(schema) });
        };
        let schema = cached_key(uri)?;
        let data = map.get("data").ok_or(EnvelopeError::MissingData)?;
        let extra: Vec<String> = map.keys().filter(|k| *k != "schema" && *k != "data").cloned().collect();
        if !extra.is_empty() {
            return Err(EnvelopeError::ExtraKeys { keys: extra });
        }
        Ok(SelfDescribing { schema, data })
    }
}

/// How many parsed keys a thread keeps: URIs come from event data, so the cache is bounded.
const KEY_CACHE_LIMIT: usize = 1024;

thread_local! {
    /// Parsed schema keys by URI. Events repeat a handful of schemas, and parsing (and
    /// allocating) the same key for every entity showed up in per-event profiles.
    static KEYS: RefCell<HashMap<Box<str>, Arc<SchemaKey>, BuildHasherDefault<FxHasher>>> =
        RefCell::new(HashMap::default());
}

pub(crate) fn cached_key(uri: &str) -> Result<Arc<SchemaKey>, KeyError> {
    KEYS.with_borrow_mut(|keys| {
        if let Some(key) = keys.get(uri) {
            return Ok(Arc::clone(key));
        }
        let key = Arc::new(SchemaKey::parse(uri)?);
        if keys.len() >= KEY_CACHE_LIMIT {
            keys.clear();
        }
        keys.insert(uri.into(), Arc::clone(&key));
        Ok(key)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn parses_envelopes() {
        let v = json!({"schema": "iglu:com.acme/x/jsonschema/1-0-0", "data": {"a": 1}});
        let sd = SelfDescribing::parse(&v).unwrap();
        assert_eq!(sd.schema.name, "x");
        assert_eq!(sd.data, &json!({"a": 1}));
    }

    #[test]
    fn rejects_bad_envelopes() {
        let err = |v: Value| SelfDescribing::parse(&v).unwrap_err();
        assert_eq!(err(json!([])), EnvelopeError::NotAnObject { found: "an array" });
        assert_eq!(err(json!({"data": 1})), EnvelopeError::MissingSchema);
        assert_eq!(err(json!({"schema": "iglu:a/b/c/1-0-0"})), EnvelopeError::MissingData);
        assert!(matches!(err(json!({"schema": 1, "data": 1})), EnvelopeError::SchemaNotString { .. }));
        let extra = err(json!({"schema": "iglu:a/b/c/1-0-0", "data": 1, "x": 2}));
        assert_eq!(extra.to_string(), "unexpected key(s) `x`: a self-describing JSON has only `schema` and `data`");
        assert_eq!(err(json!({"schema": "iglu:a/b/c/1-0", "data": 1})).pointer(), "/schema");
    }
}
