//! A fast "certainly valid" check for the schemas most event data follows, over a [`Tape`].
//!
//! [`QuickSchema::of`] compiles the common subset of Draft 4 — `type`, `properties`,
//! `required`, `additionalProperties: false`, `enum` of scalars, string lengths, simple
//! `pattern`s, `format: uuid`, numeric bounds, `items`, item counts and local
//! `#/definitions/…` references — and returns `None` for any schema that uses anything else.
//! [`QuickSchema::accepts`] answers yes only when the data is valid; a no means "not sure",
//! and the caller then validates with `jsonschema`, which also writes the messages. So the
//! fast answer is never looser than the JSON Schema.

use regex_automata::Input;
use regex_automata::dfa::{Automaton as _, dense};
use serde_json::{Map, Value};

use super::tape::{Kind, Tape};

/// Nesting of schemas (`properties`, `items`, references) followed when compiling.
const MAX_SCHEMA_DEPTH: u32 = 32;
/// Integers beyond ±2^53 are not compared with float bounds (they are not exact as floats).
const EXACT_FLOAT_INTEGER: u64 = 1 << 53;

/// A compiled schema; see the module documentation.
#[derive(Debug, Clone)]
pub struct QuickSchema {
    root: Shape,
}

/// JSON types, as bits.
const NULL: u8 = 1;
const BOOLEAN: u8 = 2;
const INTEGER: u8 = 4;
const FLOAT: u8 = 8;
const STRING: u8 = 16;
const ARRAY: u8 = 32;
const OBJECT: u8 = 64;
const ANY: u8 = 127;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Bound {
    Int(i64),
    Float(f64),
}

#[derive(Debug, Clone, PartialEq)]
enum Scalar {
    Null,
    Bool(bool),
    Int(i64),
    Str(String),
}

#[derive(Debug, Clone, Default)]
struct Shape {
    /// Allowed types (`ANY` without `type`).
    types: u8,
    enumeration: Option<Vec<Scalar>>,
    min_length: Option<u64>,
    max_length: Option<u64>,
    pattern: Option<Pattern>,
    uuid: bool,
    minimum: Option<(Bound, bool)>,
    maximum: Option<(Bound, bool)>,
    properties: Vec<(String, Shape)>,
    /// Bit `i` set: `properties[i]` is required (for the first 64 properties).
    required_mask: u64,
    /// Required names that have no bit (not declared, or past the 64th property).
    required_by_name: Vec<String>,
    additional_properties: bool,
    items: Option<Box<Shape>>,
    min_items: Option<u64>,
    max_items: Option<u64>,
}

/// Keywords that never change what is valid.
const ANNOTATIONS: [&str; 6] = ["$schema", "self", "description", "title", "default", "definitions"];

impl QuickSchema {
    /// The compiled form of `schema`, or `None` when it uses anything outside the subset.
    pub fn of(schema: &Value) -> Option<QuickSchema> {
        let root = compile(schema, schema, 0)?;
        Some(QuickSchema { root })
    }

    /// True only when value `index` of `tape` is valid against the schema.
    pub fn accepts(&self, tape: &Tape<'_>, index: usize) -> bool {
        self.root.accepts(tape, index)
    }
}

fn compile(schema: &Value, root: &Value, depth: u32) -> Option<Shape> {
    if depth == MAX_SCHEMA_DEPTH {
        return None;
    }
    let object = schema.as_object()?;
    if let Some(reference) = object.get("$ref") {
        // Draft 4 ignores the siblings of `$ref`; only annotations may stand beside it here.
        if object.keys().any(|key| key != "$ref" && !ANNOTATIONS.contains(&key.as_str())) {
            return None;
        }
        let name = reference.as_str()?.strip_prefix("#/definitions/")?;
        if name.contains(['/', '~', '%']) {
            return None;
        }
        return compile(root.get("definitions")?.get(name)?, root, depth + 1);
    }
    let mut shape = Shape { types: ANY, additional_properties: true, ..Shape::default() };
    for (keyword, value) in object {
        match keyword.as_str() {
            keyword if ANNOTATIONS.contains(&keyword) => {}
            "type" => shape.types = types(value)?,
            "enum" => shape.enumeration = Some(value.as_array()?.iter().map(scalar).collect::<Option<_>>()?),
            "minLength" => shape.min_length = Some(value.as_u64()?),
            "maxLength" => shape.max_length = Some(value.as_u64()?),
            "pattern" => shape.pattern = Some(pattern(value.as_str()?)?),
            "format" if value == "uuid" => shape.uuid = true,
            "minimum" => shape.minimum = Some((bound(value)?, exclusive(object, "exclusiveMinimum")?)),
            "maximum" => shape.maximum = Some((bound(value)?, exclusive(object, "exclusiveMaximum")?)),
            "exclusiveMinimum" | "exclusiveMaximum" => {}
            "properties" => {
                shape.properties = value
                    .as_object()?
                    .iter()
                    .map(|(name, property)| Some((name.clone(), compile(property, root, depth + 1)?)))
                    .collect::<Option<_>>()?;
            }
            "required" => {}
            "additionalProperties" => shape.additional_properties = value.as_bool()?,
            "items" => shape.items = Some(Box::new(compile(value, root, depth + 1)?)),
            "minItems" => shape.min_items = Some(value.as_u64()?),
            "maxItems" => shape.max_items = Some(value.as_u64()?),
            _ => return None,
        }
    }
    if let Some(required) = object.get("required") {
        for name in required.as_array()? {
            let name = name.as_str()?;
            match shape.properties.iter().position(|(property, _)| property == name) {
                Some(index) if index < 64 => shape.required_mask |= 1 << index,
                _ => shape.required_by_name.push(name.to_owned()),
            }
        }
    }
    // A lone `exclusiveMinimum` is meaningless in Draft 4 but must still be a boolean.
    exclusive(object, "exclusiveMinimum")?;
    exclusive(object, "exclusiveMaximum")?;
    Some(shape)
}

fn types(value: &Value) -> Option<u8> {
    let one = |name: &Value| match name.as_str()? {
        "null" => Some(NULL),
        "boolean" => Some(BOOLEAN),
        "integer" => Some(INTEGER),
        "number" => Some(INTEGER | FLOAT),
        "string" => Some(STRING),
        "array" => Some(ARRAY),
        "object" => Some(OBJECT),
        _ => None,
    };
    match value {
        Value::Array(names) if !names.is_empty() => names.iter().try_fold(0, |bits, name| Some(bits | one(name)?)),
        Value::Array(_) => None,
        name => one(name),
    }
}

fn scalar(value: &Value) -> Option<Scalar> {
    match value {
        Value::Null => Some(Scalar::Null),
        Value::Bool(b) => Some(Scalar::Bool(*b)),
        Value::Number(n) => n.as_i64().map(Scalar::Int),
        Value::String(s) => Some(Scalar::Str(s.clone())),
        _ => None,
    }
}

fn bound(value: &Value) -> Option<Bound> {
    let number = value.as_number()?;
    match number.as_i64() {
        Some(int) => Some(Bound::Int(int)),
        None if number.is_u64() => None,
        None => number.as_f64().filter(|f| f.is_finite()).map(Bound::Float),
    }
}

fn exclusive(object: &Map<String, Value>, keyword: &str) -> Option<bool> {
    match object.get(keyword) {
        None => Some(false),
        Some(value) => value.as_bool(),
    }
}

/// A `pattern` that means the same to the `regex` crate as to ECMA-262: literals, classes,
/// anchors, groups, alternation and quantifiers; no `.` outside a class (ECMA's excludes more
/// line terminators), and no escapes but of punctuation (`\d`, `\w`, `\s`, `\b` differ).
fn pattern(text: &str) -> Option<Pattern> {
    // Lookarounds, named and non-capturing groups and flags.
    if text.contains("(?") {
        return None;
    }
    let mut in_class = false;
    let mut bytes = text.bytes();
    while let Some(byte) = bytes.next() {
        match byte {
            b'\\' => {
                let escaped = bytes.next()?;
                if !escaped.is_ascii_punctuation() {
                    return None;
                }
            }
            b'[' => in_class = true,
            b']' => in_class = false,
            b'.' if !in_class => return None,
            byte if byte.is_ascii_alphanumeric() || b"^$[]{}()|?*+-_:/,@=#!%&'<>~;\" .".contains(&byte) => {}
            _ => return None,
        }
    }
    // The `regex` crate's defaults (Unicode, UTF-8), compiled to a full DFA: the subset above
    // keeps it small, and matching short values skips the general engine's set-up per call.
    let config =
        dense::Config::new().dfa_size_limit(Some(PATTERN_DFA_LIMIT)).determinize_size_limit(Some(PATTERN_DFA_LIMIT));
    dense::Builder::new().configure(config).build(text).ok().map(Pattern)
}

/// The most memory a `pattern`'s DFA may take; larger ones leave the schema to the general path.
const PATTERN_DFA_LIMIT: usize = 1 << 20;

/// A compiled `pattern` (unanchored, as JSON Schema's `pattern` searches).
#[derive(Debug, Clone)]
struct Pattern(dense::DFA<Vec<u32>>);

impl Pattern {
    /// Whether the pattern matches somewhere in `text`; `false` when the DFA gives up (which
    /// the subset should never let happen), so that the general path decides.
    fn is_match(&self, text: &str) -> bool {
        self.0.try_search_fwd(&Input::new(text).earliest(true)).is_ok_and(|found| found.is_some())
    }
}

impl Shape {
    fn accepts(&self, tape: &Tape<'_>, index: usize) -> bool {
        let node = tape.node(index);
        let kind = match node.kind {
            Kind::Null => NULL,
            Kind::Bool => BOOLEAN,
            Kind::Int => INTEGER,
            Kind::Float => FLOAT,
            Kind::Str | Kind::EscapedStr => STRING,
            Kind::Array => ARRAY,
            Kind::Object => OBJECT,
        };
        if self.types & kind == 0 {
            return false;
        }
        if let Some(values) = &self.enumeration
            && !values.iter().any(|value| equals(value, tape, index))
        {
            return false;
        }
        match node.kind {
            Kind::Str | Kind::EscapedStr => self.accepts_string(tape, index),
            Kind::Int | Kind::Float => self.accepts_number(tape, index),
            Kind::Array => self.accepts_array(tape, index),
            Kind::Object => self.accepts_object(tape, index),
            Kind::Null | Kind::Bool => true,
        }
    }

    fn accepts_string(&self, tape: &Tape<'_>, index: usize) -> bool {
        if self.min_length.is_none() && self.max_length.is_none() && self.pattern.is_none() && !self.uuid {
            return true;
        }
        let text = tape.string(index);
        // JSON Schema counts characters (code points), not bytes.
        let length = if text.is_ascii() { text.len() } else { text.chars().count() } as u64;
        self.min_length.is_none_or(|min| length >= min)
            && self.max_length.is_none_or(|max| length <= max)
            && self.pattern.as_ref().is_none_or(|pattern| pattern.is_match(&text))
            && (!self.uuid || super::validate::is_uuid(&text))
    }

    fn accepts_number(&self, tape: &Tape<'_>, index: usize) -> bool {
        if self.minimum.is_none() && self.maximum.is_none() {
            return true;
        }
        let Some(value) = number(tape, index) else { return false };
        let within = |limit: Option<(Bound, bool)>, below: bool| {
            let Some((limit, exclusive)) = limit else { return true };
            let Some(order) = compare(value, limit) else { return false };
            match (below, exclusive) {
                (true, false) => order.is_le(),
                (true, true) => order.is_lt(),
                (false, false) => order.is_ge(),
                (false, true) => order.is_gt(),
            }
        };
        within(self.minimum, false) && within(self.maximum, true)
    }

    fn accepts_array(&self, tape: &Tape<'_>, index: usize) -> bool {
        let count = u64::from(tape.node(index).count);
        self.min_items.is_none_or(|min| count >= min)
            && self.max_items.is_none_or(|max| count <= max)
            && self.items.as_ref().is_none_or(|items| tape.elements(index).all(|element| items.accepts(tape, element)))
    }

    fn accepts_object(&self, tape: &Tape<'_>, index: usize) -> bool {
        // Keys are distinct on a tape, so the required properties seen can be counted as bits.
        let mut seen = 0u64;
        for (key, value) in tape.members(index) {
            if tape.node(key).kind == Kind::EscapedStr {
                return false; // names are compared as written
            }
            let name = tape.raw_str(key).as_bytes();
            match self.properties.iter().position(|(property, _)| property.as_bytes() == name) {
                Some(found) if !self.properties[found].1.accepts(tape, value) => return false,
                Some(found) => seen |= 1u64.checked_shl(found as u32).unwrap_or(0),
                None if !self.additional_properties => return false,
                None => {}
            }
        }
        seen & self.required_mask == self.required_mask
            && self.required_by_name.iter().all(|name| tape.member(index, name).is_some())
    }
}

fn number(tape: &Tape<'_>, index: usize) -> Option<Bound> {
    let text = tape.raw(index);
    match tape.node(index).kind {
        Kind::Int => text.parse().ok().map(Bound::Int),
        _ => serde_json::from_str(text).ok().map(Bound::Float),
    }
}

fn compare(value: Bound, limit: Bound) -> Option<std::cmp::Ordering> {
    let exact = |int: i64| (int.unsigned_abs() <= EXACT_FLOAT_INTEGER).then_some(int as f64);
    match (value, limit) {
        (Bound::Int(a), Bound::Int(b)) => Some(a.cmp(&b)),
        (Bound::Int(a), Bound::Float(b)) => exact(a)?.partial_cmp(&b),
        (Bound::Float(a), Bound::Int(b)) => a.partial_cmp(&exact(b)?),
        (Bound::Float(a), Bound::Float(b)) => a.partial_cmp(&b),
    }
}

fn equals(value: &Scalar, tape: &Tape<'_>, index: usize) -> bool {
    let node = tape.node(index);
    match (value, node.kind) {
        (Scalar::Null, Kind::Null) => true,
        (Scalar::Bool(b), Kind::Bool) => tape.raw(index) == if *b { "true" } else { "false" },
        (Scalar::Int(i), Kind::Int) => tape.raw(index).parse::<i64>().is_ok_and(|n| n == *i),
        (Scalar::Str(s), Kind::Str | Kind::EscapedStr) => tape.string(index) == s.as_str(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The quick answer, checked against `jsonschema` (Draft 4, as snowplowctl validates):
    /// a yes must always be right.
    fn quick(schema: &Value, text: &str) -> bool {
        let compiled = QuickSchema::of(schema).expect("the schema is in the subset");
        let tape = Tape::parse(text).expect("canonical");
        let answer = compiled.accepts(&tape, 0);
        let instance: Value = serde_json::from_str(text).unwrap();
        let valid = jsonschema::draft4::options()
            .should_validate_formats(true)
            .with_format("uuid", super::super::validate::is_uuid)
            .build(schema)
            .unwrap()
            .is_valid(&instance);
        assert!(!answer || valid, "quick said yes to an invalid {text} for {schema}");
        answer
    }

    #[test]
    fn agrees_with_jsonschema_on_records() {
        let schema = json!({
            "$schema": "http://iglucentral.com/schemas/com.snowplowanalytics.self-desc/schema/jsonschema/1-0-0#",
            "self": {"vendor": "com.acme", "name": "x", "format": "jsonschema", "version": "1-0-0"},
            "type": "object",
            "properties": {
                "sku": {"type": "string", "pattern": "^[A-Z]{3}-[0-9]+$", "maxLength": 10},
                "price": {"type": "number", "minimum": 0, "exclusiveMinimum": true},
                "qty": {"type": ["integer", "null"], "minimum": 1, "maximum": 1000},
                "currency": {"enum": ["EUR", "GBP", null]},
                "id": {"type": "string", "format": "uuid"},
                "tags": {"type": "array", "items": {"type": "string", "minLength": 1}, "maxItems": 2},
                "any": {"description": "anything"}
            },
            "required": ["sku"],
            "additionalProperties": false
        });
        let yes = [
            r#"{"sku":"ABC-1"}"#,
            r#"{"sku":"ABC-1","price":0.5,"qty":1000,"currency":"EUR","tags":["a","b"],"any":[{}]}"#,
            r#"{"sku":"ABC-12","qty":null,"currency":null,"id":"0d4cf1e5-0000-4000-8000-000000000000"}"#,
            r#"{"any":1,"sku":"ABC-1","price":12}"#,
        ];
        for text in yes {
            assert!(quick(&schema, text), "{text}");
        }
        let no = [
            r#"{}"#,
            r#"{"sku":"abc-1"}"#,
            r#"{"sku":"ABC-1234567"}"#,
            r#"{"sku":"ABC-1","price":0}"#,
            r#"{"sku":"ABC-1","price":-1.5}"#,
            r#"{"sku":"ABC-1","qty":0}"#,
            r#"{"sku":"ABC-1","qty":1001}"#,
            r#"{"sku":"ABC-1","qty":1.5}"#,
            r#"{"sku":"ABC-1","currency":"USD"}"#,
            r#"{"sku":"ABC-1","tags":["a","b","c"]}"#,
            r#"{"sku":"ABC-1","tags":[""]}"#,
            r#"{"sku":"ABC-1","id":"nope"}"#,
            r#"{"sku":"ABC-1","extra":1}"#,
            r#"{"sku":1}"#,
            r#"[]"#,
        ];
        for text in no {
            assert!(!quick(&schema, text), "{text}");
        }
    }

    #[test]
    fn patterns_match_as_the_regex_crate_does() {
        let texts =
            ["", "a", "ABC-1", "ABC-", "xABC-12y", "abc-12", "iglu:a.b/c/jsonschema/1-0-0", "é-1", "a\nb", "$^"];
        for source in ["^[A-Z]{3}-[0-9]+$", "[A-Z]{3}-[0-9]+", "^$", "b$", "^iglu:[a-zA-Z0-9-_.]+/[a-z]+/", "\\$"] {
            let (quick, general) = (pattern(source).unwrap(), regex::Regex::new(source).unwrap());
            for text in texts {
                assert_eq!(quick.is_match(text), general.is_match(text), "{source} on {text:?}");
            }
        }
    }

    #[test]
    fn lengths_count_characters_and_escapes_once() {
        let schema = json!({"type": "string", "minLength": 3, "maxLength": 3});
        assert!(quick(&schema, "\"été\""));
        assert!(quick(&schema, "\"a\\nb\""));
        assert!(!quick(&schema, "\"a\\nbc\""));
    }

    #[test]
    fn references_to_definitions_are_followed() {
        let schema = json!({
            "type": "array", "minItems": 1, "items": {"$ref": "#/definitions/entity"},
            "definitions": {"entity": {
                "type": "object",
                "properties": {
                    "schema": {"type": "string", "pattern": "^iglu:[a-zA-Z0-9-_.]+/[a-zA-Z0-9-_]+/[a-zA-Z0-9-_]+/[0-9]+-[0-9]+-[0-9]+$"},
                    "data": {}
                },
                "required": ["schema", "data"], "additionalProperties": false
            }}
        });
        assert!(quick(&schema, r#"[{"schema":"iglu:com.acme/x/jsonschema/1-0-0","data":{"a":1}}]"#));
        assert!(!quick(&schema, r#"[]"#));
        assert!(!quick(&schema, r#"[{"schema":"iglu:com.acme/x/jsonschema/1-0","data":1}]"#));
        assert!(!quick(&schema, r#"[{"schema":"iglu:com.acme/x/jsonschema/1-0-0"}]"#));
    }

    #[test]
    fn schemas_outside_the_subset_are_not_compiled() {
        for schema in [
            json!({"type": "string", "format": "date-time"}),
            json!({"oneOf": [{"type": "string"}]}),
            json!({"type": "object", "additionalProperties": {"type": "string"}}),
            json!({"type": "object", "patternProperties": {"^a": {}}}),
            json!({"type": "array", "items": [{"type": "string"}]}),
            json!({"type": "string", "pattern": "^\\d+$"}),
            json!({"type": "string", "pattern": "^a.b$"}),
            json!({"type": "string", "pattern": "^(?=a)"}),
            json!({"$ref": "#/definitions/x", "type": "string", "definitions": {"x": {}}}),
            json!({"$ref": "iglu:com.acme/x/jsonschema/1-0-0"}),
            json!({"enum": [1.5]}),
            json!({"type": "number", "maximum": 18446744073709551615u64}),
            json!({"type": "mystery"}),
            json!({"properties": {"a": {"uniqueItems": true}}}),
        ] {
            assert!(QuickSchema::of(&schema).is_none(), "{schema}");
        }
    }

    #[test]
    fn bounds_compare_integers_and_floats_exactly() {
        let schema = json!({"type": "number", "minimum": 1.5, "maximum": 10});
        assert!(quick(&schema, "2"));
        assert!(quick(&schema, "1.5"));
        assert!(quick(&schema, "10"));
        assert!(!quick(&schema, "1"));
        assert!(!quick(&schema, "10.5"));
        let big = json!({"type": "integer", "maximum": 1.5e300});
        assert!(!quick(&big, "123456789012345678"), "not exact as a float: left to jsonschema");
        let lowest = json!({"type": "number", "minimum": i64::MIN});
        assert!(!quick(&lowest, "1.5"), "i64::MIN is not exact as a float either");
    }
}
