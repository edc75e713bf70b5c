//! Reading `config.yml` as YAML into JSON, the way EmrEtlRunner's YAML loader sees it.
//!
//! Two differences from a plain `serde_yaml` parse matter for linting: a key given twice is
//! not an error (Ruby's Psych keeps the last value) but is remembered so it can be reported,
//! and `<<` merge keys are applied. Keys that are not strings become strings, so the result is
//! always a JSON value that JSON Schema can check.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor};
use serde_json::{Map, Value};

use crate::locate::escape_pointer_token;

/// A YAML document as JSON, with the keys that were given more than once.
#[derive(Debug, Clone, PartialEq)]
pub struct YamlDocument {
    /// The document.
    pub value: Value,
    /// JSON pointers of mapping keys that appear more than once in their mapping.
    pub duplicate_keys: Vec<String>,
}

/// A YAML syntax error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    /// What is wrong, without the location.
    pub message: String,
    /// 1-based line and column (in characters) in the parsed text, when known.
    pub at: Option<(usize, usize)>,
}

impl fmt::Display for YamlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.at {
            Some((line, column)) => write!(f, "{} (line {line}, column {column})", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// Parses one YAML document into JSON.
pub fn parse_yaml(text: &str) -> Result<YamlDocument, YamlError> {
    match serde_yaml::from_str::<Node>(text) {
        Ok(node) => Ok(YamlDocument { value: node.value, duplicate_keys: node.duplicates }),
        Err(error) => {
            let at = error.location().map(|l| (l.line(), l.column()));
            Err(YamlError { message: without_location(&error.to_string()), at })
        }
    }
}

/// serde_yaml's message without the location of the problem (reported separately); the
/// location of its context, if any, is kept as a line number.
fn without_location(message: &str) -> String {
    static LOCATION: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r" at (?:line (\d+) column \d+|position \d+)").expect("valid regex")
    });
    let mut first = true;
    LOCATION
        .replace_all(message, |c: &regex::Captures<'_>| {
            let context = !std::mem::take(&mut first);
            match c.get(1) {
                Some(line) if context => format!(" started on line {}", line.as_str()),
                _ => String::new(),
            }
        })
        .into_owned()
}

/// A value with the pointers (relative to it) of its duplicated keys.
struct Node {
    value: Value,
    duplicates: Vec<String>,
}

impl Node {
    fn leaf(value: Value) -> Self {
        Node { value, duplicates: Vec::new() }
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

/// A key as a string: non-string YAML keys are written the way JSON would write them.
fn key_text(key: Value) -> String {
    match key {
        Value::String(s) => s,
        other => other.to_string(),
    }
}

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Node, E> {
        Ok(Node::leaf(Value::Bool(v)))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Node, E> {
        Ok(Node::leaf(Value::from(v)))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Node, E> {
        Ok(Node::leaf(Value::from(v)))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Node, E> {
        // JSON has no infinities or NaN; keep them as the text YAML would print.
        Ok(Node::leaf(serde_json::Number::from_f64(v).map_or_else(|| Value::String(v.to_string()), Value::Number)))
    }

    fn visit_str<E>(self, v: &str) -> Result<Node, E> {
        Ok(Node::leaf(Value::String(v.to_owned())))
    }

    fn visit_string<E>(self, v: String) -> Result<Node, E> {
        Ok(Node::leaf(Value::String(v)))
    }

    fn visit_unit<E>(self) -> Result<Node, E> {
        Ok(Node::leaf(Value::Null))
    }

    fn visit_none<E>(self) -> Result<Node, E> {
        Ok(Node::leaf(Value::Null))
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Node, D::Error> {
        Node::deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        let mut duplicates = Vec::new();
        while let Some(item) = seq.next_element::<Node>()? {
            let index = items.len();
            duplicates.extend(item.duplicates.into_iter().map(|p| format!("/{index}{p}")));
            items.push(item.value);
        }
        Ok(Node { value: Value::Array(items), duplicates })
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut members = Map::new();
        let mut merges = Vec::new();
        let mut duplicates = Vec::new();
        while let Some(key) = map.next_key::<Node>()? {
            let key = key_text(key.value);
            let value = map.next_value::<Node>()?;
            if key == "<<" {
                merges.push(value.value);
                continue;
            }
            let token = escape_pointer_token(&key);
            // Psych keeps the last value; the pointer is reported once however often it repeats.
            if members.contains_key(&key) && !duplicates.contains(&format!("/{token}")) {
                duplicates.push(format!("/{token}"));
            }
            duplicates.retain(|p: &String| !p.starts_with(&format!("/{token}/")));
            duplicates.extend(value.duplicates.into_iter().map(|p| format!("/{token}{p}")));
            members.insert(key, value.value);
        }
        // `<<: *base` (or a list of them) fills in keys the mapping does not set itself; with a
        // list, earlier mappings win.
        for merged in merges {
            let sources = match merged {
                Value::Array(items) => items,
                other => vec![other],
            };
            for source in sources {
                if let Value::Object(source) = source {
                    for (k, v) in source {
                        members.entry(k).or_insert(v);
                    }
                }
            }
        }
        Ok(Node { value: Value::Object(members), duplicates })
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Node, A::Error> {
        // A custom tag (`!foo value`): keep the value, drop the tag.
        let (_tag, variant) = data.variant::<de::IgnoredAny>()?;
        variant.newtype_variant::<Node>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn converts_yaml_to_json() {
        let doc = parse_yaml("a: 1\nb: [x, 2.5, true, ~]\nc:\n  d: \"5.10\"\n  e: 5.10\n1: one\n").unwrap();
        assert_eq!(doc.value, json!({"a": 1, "b": ["x", 2.5, true, null], "c": {"d": "5.10", "e": 5.1}, "1": "one"}));
        assert!(doc.duplicate_keys.is_empty());
    }

    #[test]
    fn duplicate_keys_keep_the_last_value_and_are_reported() {
        let doc = parse_yaml("a:\n  b: 1\n  b: 2\nc: [{d: 1, d: 2}]\na/x: 1\na/x: 2\n").unwrap();
        assert_eq!(doc.value["a"]["b"], 2);
        assert_eq!(doc.duplicate_keys, ["/a/b", "/c/0/d", "/a~1x"]);
    }

    #[test]
    fn merge_keys_fill_in_missing_members() {
        let doc = parse_yaml("base: &b {x: 1, y: 2}\nthing:\n  <<: *b\n  y: 3\n").unwrap();
        assert_eq!(doc.value["thing"], json!({"y": 3, "x": 1}));
    }

    #[test]
    fn tagged_values_keep_their_value() {
        let doc = parse_yaml("a: !custom 5\n").unwrap();
        assert_eq!(doc.value, json!({"a": 5}));
    }

    #[test]
    fn syntax_errors_have_positions_and_clean_messages() {
        let err = parse_yaml("a: 1\nb: [1, 2\nc: 3\n").unwrap_err();
        assert_eq!(err.at, Some((3, 2)));
        assert_eq!(err.message, "did not find expected ',' or ']', while parsing a flow sequence started on line 2");
        let err = parse_yaml("a:\n\t- b\n").unwrap_err();
        assert_eq!(err.at.map(|a| a.0), Some(2));
    }

    #[test]
    fn empty_documents_are_null() {
        assert_eq!(parse_yaml("# only a comment\n").unwrap().value, Value::Null);
    }
}
