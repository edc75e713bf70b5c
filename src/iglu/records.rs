//! A fast validator for one common schema shape: an array of flat records whose values are all
//! strings, with a closed set of property names (Snowplow's `payload_data`, a tp2 POST body).
//!
//! Checking such data needs no JSON tree: the names of each record are enough. Callers parse
//! the data into borrowed strings, ask [`StringRecords::accepts`], and fall back to full
//! validation (for its error messages) only when the answer is no. The shape is recognised
//! conservatively: any keyword this module does not model makes [`StringRecords::of`] return
//! `None`, so the fast answer is never looser than the JSON Schema.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use serde_json::{Map, Value};

use super::validate::FxHasher;
use crate::enrich::scan::packed_name;

/// How many properties a recognised record schema may declare (a fixed-size seen-set).
const MAX_PROPERTIES: usize = 256;

/// A set of property indexes, one bit each.
type PropertySet = [u64; MAX_PROPERTIES / 64];

/// A recognised "array of closed string records" schema; see the module documentation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StringRecords {
    min_items: u64,
    max_items: Option<u64>,
    /// Property name → its index in the seen-set.
    properties: HashMap<Box<str>, u8, BuildHasherDefault<FxHasher>>,
    /// The names of 1 to 7 bytes again (all of the tracker protocol's), as an open-addressed
    /// table of [`packed_name`] keys (0 marks a free slot): one multiply and usually one
    /// compare per name, where the hash map hashes and compares strings.
    short_names: Box<[(u64, u8)]>,
    /// The required properties.
    required: PropertySet,
}

impl StringRecords {
    /// The shape of `schema`, when it is exactly an array (optionally with `minItems` /
    /// `maxItems`) of objects with `additionalProperties: false` and only `{"type": "string"}`
    /// properties (optionally `required`), the items given inline or as a local
    /// `#/definitions/…` reference. Annotations (`description`, `$schema`, `self`) are allowed.
    pub fn of(schema: &Value) -> Option<StringRecords> {
        let root = schema.as_object()?;
        only_keys(root, &["$schema", "self", "description", "definitions", "type", "items", "minItems", "maxItems"])?;
        if root.get("type")? != "array" {
            return None;
        }
        let min_items = match root.get("minItems") {
            Some(n) => n.as_u64()?,
            None => 0,
        };
        let max_items = match root.get("maxItems") {
            Some(n) => Some(n.as_u64()?),
            None => None,
        };
        let mut items = root.get("items")?.as_object()?;
        if let Some(reference) = items.get("$ref") {
            only_keys(items, &["$ref", "description"])?;
            let name = reference.as_str()?.strip_prefix("#/definitions/")?;
            if name.contains(['/', '~', '%']) {
                return None;
            }
            items = root.get("definitions")?.get(name)?.as_object()?;
        }
        only_keys(items, &["description", "type", "properties", "additionalProperties", "required"])?;
        if items.get("type")? != "object" || items.get("additionalProperties")? != &Value::Bool(false) {
            return None;
        }
        let declared = items.get("properties")?.as_object()?;
        if declared.len() > MAX_PROPERTIES {
            return None;
        }
        let mut properties: HashMap<Box<str>, u8, BuildHasherDefault<FxHasher>> = HashMap::default();
        for (index, (name, property)) in declared.iter().enumerate() {
            let property = property.as_object()?;
            only_keys(property, &["description", "type"])?;
            if property.get("type")? != "string" {
                return None;
            }
            properties.insert(name.as_str().into(), u8::try_from(index).ok()?);
        }
        let mut required = PropertySet::default();
        if let Some(names) = items.get("required") {
            for name in names.as_array()? {
                let index = properties.get(name.as_str()?)?;
                required[usize::from(*index) / 64] |= 1 << (index % 64);
            }
        }
        let mut short_names = vec![(0, 0); SHORT_NAME_SLOTS].into_boxed_slice();
        for (name, &index) in &properties {
            if let Some(key) = packed_name(name.as_bytes()) {
                let mut slot = short_name_slot(key);
                while short_names[slot].0 != 0 {
                    slot = (slot + 1) % SHORT_NAME_SLOTS;
                }
                short_names[slot] = (key, index);
            }
        }
        Some(StringRecords { min_items, max_items, properties, short_names, required })
    }

    /// Whether records with these property names (all values strings) are valid. A name given
    /// twice in one record makes the answer no: JSON parsers disagree on duplicates, so the
    /// caller's full validation decides.
    pub fn accepts<'a, R, N>(&self, records: R) -> bool
    where
        R: ExactSizeIterator<Item = N>,
        N: Iterator<Item = &'a str>,
    {
        let count = records.len() as u64;
        if count < self.min_items || self.max_items.is_some_and(|max| count > max) {
            return false;
        }
        for names in records {
            let mut seen = PropertySet::default();
            for name in names {
                let Some(index) = self.index_of(name) else { return false };
                let (word, bit) = (usize::from(index) / 64, 1u64 << (index % 64));
                if seen[word] & bit != 0 {
                    return false;
                }
                seen[word] |= bit;
            }
            if seen.iter().zip(&self.required).any(|(seen, required)| seen & required != *required) {
                return false;
            }
        }
        true
    }

    /// The seen-set index of a declared property.
    fn index_of(&self, name: &str) -> Option<u8> {
        let Some(key) = packed_name(name.as_bytes()) else {
            return self.properties.get(name).copied();
        };
        let mut slot = short_name_slot(key);
        loop {
            match self.short_names[slot] {
                (0, _) => return None,
                (found, index) if found == key => return Some(index),
                _ => slot = (slot + 1) % SHORT_NAME_SLOTS,
            }
        }
    }
}

/// Slots in [`StringRecords::short_names`]: twice the most properties, so probes stay short
/// and there is always a free slot to end them.
const SHORT_NAME_SLOTS: usize = 2 * MAX_PROPERTIES;

/// Where a [`packed_name`] key's probe starts (Fibonacci hashing).
fn short_name_slot(key: u64) -> usize {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - SHORT_NAME_SLOTS.trailing_zeros())) as usize
}

/// `Some(())` when `object` has no keys outside `allowed`.
fn only_keys(object: &Map<String, Value>, allowed: &[&str]) -> Option<()> {
    object.keys().all(|key| allowed.contains(&key.as_str())).then_some(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn shape() -> StringRecords {
        StringRecords::of(&json!({
            "$schema": "http://iglucentral.com/schemas/com.snowplowanalytics.self-desc/schema/jsonschema/1-0-0#",
            "type": "array",
            "minItems": 1,
            "items": {"$ref": "#/definitions/event"},
            "definitions": {"event": {
                "type": "object",
                "properties": {"e": {"type": "string"}, "p": {"type": "string", "description": "x"}, "tv": {"type": "string"}},
                "required": ["e", "tv"],
                "additionalProperties": false
            }}
        }))
        .unwrap()
    }

    fn accepts(records: &[&[&str]]) -> bool {
        shape().accepts(records.iter().map(|names| names.iter().copied()))
    }

    #[test]
    fn accepts_exactly_what_the_schema_does() {
        assert!(accepts(&[&["e", "tv"], &["tv", "p", "e"]]));
        assert!(!accepts(&[]), "minItems");
        assert!(!accepts(&[&["e"]]), "required");
        assert!(!accepts(&[&["e", "tv", "zz"]]), "additionalProperties");
        assert!(!accepts(&[&["e", "tv", "e"]]), "duplicates go to full validation");
    }

    #[test]
    fn short_and_long_names_are_found_as_declared_and_others_are_not() {
        let names: Vec<String> = (0..MAX_PROPERTIES).map(|i| format!("{}{i}", "p".repeat(i % 9))).collect();
        let properties: Map<String, Value> =
            names.iter().map(|name| (name.clone(), json!({"type": "string"}))).collect();
        let shape = StringRecords::of(&json!({"type": "array", "items": {"type": "object",
            "additionalProperties": false, "properties": properties}}))
        .unwrap();
        for name in &names {
            assert_eq!(shape.index_of(name), shape.properties.get(name.as_str()).copied(), "{name}");
            assert!(shape.index_of(name).is_some());
        }
        for unknown in ["x", "p", "pp", "ppppppp", "pppppppp", "p1x", "pppppppp999", "\u{e9}"] {
            assert_eq!(shape.index_of(unknown), None, "{unknown}");
        }
    }

    #[test]
    fn refuses_shapes_it_does_not_model() {
        let base = json!({"type": "array", "items": {"type": "object", "additionalProperties": false,
            "properties": {"e": {"type": "string"}}}});
        assert!(StringRecords::of(&base).is_some());
        let mut open = base.clone();
        open["items"]["additionalProperties"] = json!(true);
        assert!(StringRecords::of(&open).is_none());
        let mut limited = base.clone();
        limited["items"]["properties"]["e"]["maxLength"] = json!(3);
        assert!(StringRecords::of(&limited).is_none());
        let mut numeric = base.clone();
        numeric["items"]["properties"]["e"]["type"] = json!(["string", "null"]);
        assert!(StringRecords::of(&numeric).is_none());
        let mut unique = base.clone();
        unique["uniqueItems"] = json!(true);
        assert!(StringRecords::of(&unique).is_none());
        let mut remote = base;
        remote["items"] = json!({"$ref": "iglu:com.acme/e/jsonschema/1-0-0"});
        assert!(StringRecords::of(&remote).is_none());
    }
}
