//! Avro schemas, and checking plain JSON documents against them.
//!
//! Dataflow Runner's configs are described by Avro schemas but written as plain JSON (unions
//! are not wrapped as `{"type": value}`). [`Schema::check`] reads a document the way a strict
//! reader would, and reports every problem with a JSON pointer and the expected type:
//!
//! * a record field is required unless it has a `default` or its type is a union with `null`;
//! * fields the record does not define are reported (Dataflow Runner silently ignores them);
//! * `int` and `long` must be whole numbers within range;
//! * a union accepts a value that matches any branch; otherwise the problems of the closest
//!   branch are reported;
//! * enums, arrays, maps, fixed and bytes are checked as in Avro's JSON encoding.
//!
//! [`Schema::parse`] follows the Avro specification: named types (record, enum, fixed) live in
//! namespaces, must be defined before they are referenced, may not be redefined, and field
//! defaults must match their type (the first branch, for a union).

use crate::text::edit_distance;
use std::collections::HashMap;
use std::fmt;

use serde_json::{Map, Value};

use crate::locate::escape_pointer_token;

/// A schema that is not valid Avro.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid Avro schema at `{pointer}`: {message}")]
pub struct SchemaError {
    /// JSON pointer into the schema document.
    pub pointer: String,
    /// What is wrong.
    pub message: String,
}

/// What kind of problem a [`Violation`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ViolationKind {
    /// The JSON type does not match the schema type.
    WrongType,
    /// A required record field is absent.
    MissingField,
    /// A field the record does not define.
    UnknownField,
    /// A number where a whole number is expected.
    NotAnInteger,
    /// A whole number outside the range of `int` or `long`.
    OutOfRange,
    /// A string that is not one of the enum's symbols.
    UnknownSymbol,
    /// A `fixed` or `bytes` string of the wrong length or with characters above U+00FF.
    BadBytes,
}

/// One way a document does not match a schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// JSON pointer to the offending value (for a missing field: where it should be).
    pub pointer: String,
    /// What kind of problem.
    pub kind: ViolationKind,
    /// The expected type, e.g. `long` or `record VpcLocation or null`.
    pub expected: String,
    /// A full sentence for people.
    pub message: String,
}

/// A parsed Avro schema.
#[derive(Debug, Clone)]
pub struct Schema {
    root: Node,
    named: Vec<Named>,
}

#[derive(Debug, Clone, PartialEq)]
enum Node {
    Null,
    Boolean,
    Int,
    Long,
    Float,
    Double,
    Bytes,
    String,
    Array(Box<Node>),
    Map(Box<Node>),
    Union(Vec<Node>),
    /// Index into [`Schema::named`].
    Named(usize),
}

#[derive(Debug, Clone)]
struct Named {
    fullname: String,
    kind: NamedKind,
}

#[derive(Debug, Clone)]
enum NamedKind {
    Record(Vec<Field>),
    Enum(Vec<String>),
    Fixed(usize),
}

/// A record field.
#[derive(Debug, Clone)]
struct Field {
    name: String,
    node: Node,
    default: Option<Value>,
}

const PRIMITIVES: &[(&str, Node)] = &[
    ("null", Node::Null),
    ("boolean", Node::Boolean),
    ("int", Node::Int),
    ("long", Node::Long),
    ("float", Node::Float),
    ("double", Node::Double),
    ("bytes", Node::Bytes),
    ("string", Node::String),
];

fn valid_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c == '_' || c.is_ascii_alphabetic())
        && chars.all(|c| c == '_' || c.is_ascii_alphanumeric())
}

fn short_name(fullname: &str) -> &str {
    fullname.rsplit('.').next().unwrap_or(fullname)
}

struct SchemaParser {
    named: Vec<Named>,
    by_name: HashMap<String, usize>,
}

impl SchemaParser {
    fn error(pointer: &str, message: impl Into<String>) -> SchemaError {
        SchemaError { pointer: pointer.to_owned(), message: message.into() }
    }

    fn parse(&mut self, value: &Value, namespace: &str, pointer: &str) -> Result<Node, SchemaError> {
        match value {
            Value::String(name) => self.reference(name, namespace, pointer),
            Value::Array(branches) => self.union(branches, namespace, pointer),
            Value::Object(map) => self.complex(map, namespace, pointer),
            other => {
                Err(Self::error(pointer, format!("expected a type name, an array (union) or an object, found {other}")))
            }
        }
    }

    fn reference(&self, name: &str, namespace: &str, pointer: &str) -> Result<Node, SchemaError> {
        if let Some((_, node)) = PRIMITIVES.iter().find(|(p, _)| *p == name) {
            return Ok(node.clone());
        }
        let qualified =
            if name.contains('.') || namespace.is_empty() { name.to_owned() } else { format!("{namespace}.{name}") };
        self.by_name.get(&qualified).or_else(|| self.by_name.get(name)).map(|i| Node::Named(*i)).ok_or_else(|| {
            Self::error(pointer, format!("unknown type `{name}`: not a primitive and not defined before this point"))
        })
    }

    fn union(&mut self, branches: &[Value], namespace: &str, pointer: &str) -> Result<Node, SchemaError> {
        let mut nodes = Vec::new();
        for (i, branch) in branches.iter().enumerate() {
            let at = format!("{pointer}/{i}");
            let node = self.parse(branch, namespace, &at)?;
            if matches!(node, Node::Union(_)) {
                return Err(Self::error(&at, "a union may not directly contain another union"));
            }
            let duplicate = nodes.iter().any(|other: &Node| match (other, &node) {
                (Node::Named(a), Node::Named(b)) => a == b,
                (Node::Array(_), Node::Array(_)) | (Node::Map(_), Node::Map(_)) => true,
                (a, b) => a == b,
            });
            if duplicate {
                return Err(Self::error(&at, format!("the union already has a {} branch", self.describe(&node))));
            }
            nodes.push(node);
        }
        if nodes.is_empty() {
            return Err(Self::error(pointer, "a union needs at least one branch"));
        }
        Ok(Node::Union(nodes))
    }

    fn complex(&mut self, map: &Map<String, Value>, namespace: &str, pointer: &str) -> Result<Node, SchemaError> {
        let Some(Value::String(type_name)) = map.get("type") else {
            return Err(Self::error(pointer, "expected a `type` string"));
        };
        match type_name.as_str() {
            "record" | "error" | "enum" | "fixed" => self.named_type(type_name, map, namespace, pointer),
            "array" => {
                let items = map.get("items").ok_or_else(|| Self::error(pointer, "an array needs `items`"))?;
                Ok(Node::Array(Box::new(self.parse(items, namespace, &format!("{pointer}/items"))?)))
            }
            "map" => {
                let values = map.get("values").ok_or_else(|| Self::error(pointer, "a map needs `values`"))?;
                Ok(Node::Map(Box::new(self.parse(values, namespace, &format!("{pointer}/values"))?)))
            }
            // `{"type": "string"}` (possibly with a logicalType, which does not change the JSON form).
            other => self.reference(other, namespace, &format!("{pointer}/type")),
        }
    }

    fn named_type(
        &mut self,
        type_name: &str,
        map: &Map<String, Value>,
        namespace: &str,
        pointer: &str,
    ) -> Result<Node, SchemaError> {
        let Some(Value::String(name)) = map.get("name") else {
            return Err(Self::error(pointer, format!("a {type_name} needs a `name` string")));
        };
        let own_namespace = match map.get("namespace") {
            None => None,
            Some(Value::String(ns)) => Some(ns.as_str()),
            Some(_) => return Err(Self::error(&format!("{pointer}/namespace"), "`namespace` must be a string")),
        };
        let fullname = if name.contains('.') {
            name.clone()
        } else {
            match own_namespace.unwrap_or(namespace) {
                "" => name.clone(),
                ns => format!("{ns}.{name}"),
            }
        };
        if !fullname.split('.').all(valid_name) {
            return Err(Self::error(&format!("{pointer}/name"), format!("`{fullname}` is not a valid Avro name")));
        }
        if self.by_name.contains_key(&fullname) {
            return Err(Self::error(&format!("{pointer}/name"), format!("`{fullname}` is defined twice")));
        }
        let inner_namespace = fullname.rsplit_once('.').map_or("", |(ns, _)| ns).to_owned();
        let kind = match type_name {
            "enum" => NamedKind::Enum(Self::symbols(map, pointer)?),
            "fixed" => match map.get("size").and_then(Value::as_u64) {
                Some(size) => NamedKind::Fixed(usize::try_from(size).unwrap_or(usize::MAX)),
                None => return Err(Self::error(pointer, "a fixed needs a non-negative integer `size`")),
            },
            _ => NamedKind::Record(Vec::new()),
        };
        // Registered before the fields are read, so that a record may refer to itself.
        let index = self.named.len();
        self.named.push(Named { fullname: fullname.clone(), kind });
        self.by_name.insert(fullname, index);
        if matches!(type_name, "record" | "error") {
            let fields = self.fields(map, &inner_namespace, pointer)?;
            self.named[index].kind = NamedKind::Record(fields);
        }
        Ok(Node::Named(index))
    }

    fn symbols(map: &Map<String, Value>, pointer: &str) -> Result<Vec<String>, SchemaError> {
        let Some(Value::Array(items)) = map.get("symbols") else {
            return Err(Self::error(pointer, "an enum needs a `symbols` array"));
        };
        let mut symbols: Vec<String> = Vec::new();
        for (i, item) in items.iter().enumerate() {
            match item.as_str() {
                Some(s) if valid_name(s) && !symbols.iter().any(|x| x == s) => symbols.push(s.to_owned()),
                _ => {
                    return Err(Self::error(
                        &format!("{pointer}/symbols/{i}"),
                        "enum symbols must be unique valid names",
                    ));
                }
            }
        }
        if let Some(default) = map.get("default")
            && !default.as_str().is_some_and(|d| symbols.iter().any(|s| s == d))
        {
            return Err(Self::error(&format!("{pointer}/default"), "an enum default must be one of its symbols"));
        }
        Ok(symbols)
    }

    fn fields(&mut self, map: &Map<String, Value>, namespace: &str, pointer: &str) -> Result<Vec<Field>, SchemaError> {
        let Some(Value::Array(items)) = map.get("fields") else {
            return Err(Self::error(pointer, "a record needs a `fields` array"));
        };
        let mut fields: Vec<Field> = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let at = format!("{pointer}/fields/{i}");
            let Value::Object(field) = item else { return Err(Self::error(&at, "a field must be an object")) };
            let name = match field.get("name").and_then(Value::as_str) {
                Some(name) if valid_name(name) => name.to_owned(),
                _ => return Err(Self::error(&at, "a field needs a valid `name`")),
            };
            if fields.iter().any(|f| f.name == name) {
                return Err(Self::error(&at, format!("field `{name}` is defined twice")));
            }
            let type_value =
                field.get("type").ok_or_else(|| Self::error(&at, format!("field `{name}` needs a `type`")))?;
            let node = self.parse(type_value, namespace, &format!("{at}/type"))?;
            let default = field.get("default").cloned();
            if let Some(default) = &default {
                let schema = Schema { root: node.clone(), named: self.named.clone() };
                let mut problems = Vec::new();
                schema.check_node(&node, default, String::new(), true, &mut problems);
                if let Some(problem) = problems.first() {
                    return Err(Self::error(
                        &format!("{at}/default"),
                        format!("the default of `{name}` does not match its type: {}", problem.message),
                    ));
                }
            }
            fields.push(Field { name, node, default });
        }
        Ok(fields)
    }

    fn describe(&self, node: &Node) -> String {
        Schema { root: Node::Null, named: self.named.clone() }.describe(node)
    }
}

impl Schema {
    /// Parses a schema from its JSON form.
    pub fn parse(value: &Value) -> Result<Schema, SchemaError> {
        let mut parser = SchemaParser { named: Vec::new(), by_name: HashMap::new() };
        let root = parser.parse(value, "", "")?;
        Ok(Schema { root, named: parser.named })
    }

    /// Parses a schema from JSON text.
    pub fn parse_str(text: &str) -> Result<Schema, SchemaError> {
        let value: Value = serde_json::from_str(text)
            .map_err(|e| SchemaError { pointer: String::new(), message: format!("not JSON: {e}") })?;
        Self::parse(&value)
    }

    /// Checks `document` against the schema; an empty list means it matches.
    pub fn check(&self, document: &Value) -> Vec<Violation> {
        let mut violations = Vec::new();
        self.check_node(&self.root, document, String::new(), false, &mut violations);
        violations
    }

    fn nullable(&self, node: &Node) -> bool {
        match node {
            Node::Null => true,
            Node::Union(branches) => branches.contains(&Node::Null),
            _ => false,
        }
    }

    /// Describes a type for messages: `long`, `array of string`, `record Tag or null`.
    fn describe(&self, node: &Node) -> String {
        match node {
            Node::Null => "null".into(),
            Node::Boolean => "boolean".into(),
            Node::Int => "int".into(),
            Node::Long => "long".into(),
            Node::Float => "float".into(),
            Node::Double => "double".into(),
            Node::Bytes => "bytes".into(),
            Node::String => "string".into(),
            Node::Array(items) => format!("array of {}", self.describe(items)),
            Node::Map(values) => format!("map of {}", self.describe(values)),
            Node::Union(branches) => branches.iter().map(|b| self.describe(b)).collect::<Vec<_>>().join(" or "),
            Node::Named(i) => {
                let named = &self.named[*i];
                let kind = match named.kind {
                    NamedKind::Record(_) => "record",
                    NamedKind::Enum(_) => "enum",
                    NamedKind::Fixed(_) => "fixed",
                };
                format!("{kind} {}", short_name(&named.fullname))
            }
        }
    }

    /// Whether the JSON value has the shape of the type (ignoring its contents).
    fn shape_matches(&self, node: &Node, value: &Value) -> bool {
        match (node, value) {
            (Node::Null, Value::Null)
            | (Node::Boolean, Value::Bool(_))
            | (Node::Int | Node::Long | Node::Float | Node::Double, Value::Number(_))
            | (Node::Bytes | Node::String, Value::String(_))
            | (Node::Array(_), Value::Array(_))
            | (Node::Map(_), Value::Object(_)) => true,
            (Node::Named(i), _) => matches!(
                (&self.named[*i].kind, value),
                (NamedKind::Record(_), Value::Object(_)) | (NamedKind::Enum(_) | NamedKind::Fixed(_), Value::String(_))
            ),
            _ => false,
        }
    }

    /// `first_branch_only`: check a default value, which must match a union's first branch.
    fn check_node(
        &self,
        node: &Node,
        value: &Value,
        pointer: String,
        first_branch_only: bool,
        out: &mut Vec<Violation>,
    ) {
        let violation = |kind, message: String| Violation {
            pointer: pointer.clone(),
            kind,
            expected: self.describe(node),
            message,
        };
        match (node, value) {
            (Node::Union(branches), _) => {
                let branches = if first_branch_only { &branches[..1] } else { &branches[..] };
                let mut closest: Option<Vec<Violation>> = None;
                for branch in branches.iter().filter(|b| self.shape_matches(b, value)) {
                    let mut problems = Vec::new();
                    self.check_node(branch, value, pointer.clone(), first_branch_only, &mut problems);
                    if problems.is_empty() {
                        return;
                    }
                    if closest.as_ref().is_none_or(|c| problems.len() < c.len()) {
                        closest = Some(problems);
                    }
                }
                match closest {
                    Some(problems) => out.extend(problems),
                    None => out.push(violation(
                        ViolationKind::WrongType,
                        format!("expected {}, found {}", self.describe(node), found(value)),
                    )),
                }
            }
            (Node::Int | Node::Long, Value::Number(n)) => {
                let (min, max) =
                    if *node == Node::Int { (i64::from(i32::MIN), i64::from(i32::MAX)) } else { (i64::MIN, i64::MAX) };
                if let Some(i) = n.as_i64() {
                    if i < min || i > max {
                        out.push(violation(
                            ViolationKind::OutOfRange,
                            format!("{i} is out of range for {}", self.describe(node)),
                        ));
                    }
                } else if n.is_u64() {
                    out.push(violation(
                        ViolationKind::OutOfRange,
                        format!("{n} is out of range for {}", self.describe(node)),
                    ));
                } else {
                    out.push(violation(
                        ViolationKind::NotAnInteger,
                        format!("expected {} (a whole number), found {n}", self.describe(node)),
                    ));
                }
            }
            (Node::Bytes, Value::String(s)) => {
                if s.chars().any(|c| u32::from(c) > 0xff) {
                    out.push(violation(
                        ViolationKind::BadBytes,
                        "bytes must be written with characters U+0000 to U+00FF".into(),
                    ));
                }
            }
            (Node::Array(items), Value::Array(values)) => {
                for (i, item) in values.iter().enumerate() {
                    self.check_node(items, item, format!("{pointer}/{i}"), first_branch_only, out);
                }
            }
            (Node::Map(values), Value::Object(map)) => {
                for (key, item) in map {
                    self.check_node(
                        values,
                        item,
                        format!("{pointer}/{}", escape_pointer_token(key)),
                        first_branch_only,
                        out,
                    );
                }
            }
            (Node::Named(i), _) if self.shape_matches(node, value) => {
                self.check_named(*i, value, &pointer, first_branch_only, out);
            }
            _ if self.shape_matches(node, value) => {}
            _ => out.push(violation(
                ViolationKind::WrongType,
                format!("expected {}, found {}", self.describe(node), found(value)),
            )),
        }
    }

    fn check_named(
        &self,
        index: usize,
        value: &Value,
        pointer: &str,
        first_branch_only: bool,
        out: &mut Vec<Violation>,
    ) {
        let named = &self.named[index];
        let short = short_name(&named.fullname);
        match (&named.kind, value) {
            (NamedKind::Record(fields), Value::Object(map)) => {
                for field in fields {
                    let at = format!("{pointer}/{}", escape_pointer_token(&field.name));
                    match map.get(&field.name) {
                        Some(item) => self.check_node(&field.node, item, at, first_branch_only, out),
                        None if field.default.is_some() || self.nullable(&field.node) => {}
                        None => out.push(Violation {
                            pointer: at,
                            kind: ViolationKind::MissingField,
                            expected: self.describe(&field.node),
                            message: format!(
                                "missing required field `{}` ({})",
                                field.name,
                                self.describe(&field.node)
                            ),
                        }),
                    }
                }
                for key in map.keys().filter(|k| !fields.iter().any(|f| &f.name == *k)) {
                    let known: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
                    let suggestion =
                        closest_name(key, &known).map(|n| format!(" (did you mean `{n}`?)")).unwrap_or_default();
                    out.push(Violation {
                        pointer: format!("{pointer}/{}", escape_pointer_token(key)),
                        kind: ViolationKind::UnknownField,
                        expected: format!("one of the fields of {short}: {}", known.join(", ")),
                        message: format!("unknown field `{key}`{suggestion}"),
                    });
                }
            }
            (NamedKind::Enum(symbols), Value::String(s)) if !symbols.contains(s) => {
                let shown: String = s.chars().take(40).collect();
                out.push(Violation {
                    pointer: pointer.to_owned(),
                    kind: ViolationKind::UnknownSymbol,
                    expected: format!("enum {short}"),
                    message: format!("`{shown}` is not one of {short}'s symbols: {}", symbols.join(", ")),
                });
            }
            (NamedKind::Fixed(size), Value::String(s)) => {
                let length = s.chars().count();
                if length != *size || s.chars().any(|c| u32::from(c) > 0xff) {
                    out.push(Violation {
                        pointer: pointer.to_owned(),
                        kind: ViolationKind::BadBytes,
                        expected: format!("fixed {short}"),
                        message: format!(
                            "expected {size} bytes (characters U+0000 to U+00FF) for {short}, found {length}"
                        ),
                    });
                }
            }
            _ => {}
        }
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.pointer, self.message)
    }
}

/// The JSON value's type for messages. String values are never shown: they may be secrets.
fn found(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("boolean {b}"),
        Value::Number(n) => format!("number {n}"),
        Value::String(_) => "a string".into(),
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
    }
}

/// The known name closest to `name` (edit distance at most 2, or differing only in case).
pub fn closest_name<'n>(name: &str, known: &[&'n str]) -> Option<&'n str> {
    known
        .iter()
        .map(|k| (edit_distance(&name.to_lowercase(), &k.to_lowercase()), *k))
        .filter(|(d, _)| *d <= 2)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn schema() -> Schema {
        Schema::parse(&json!({
            "type": "record", "name": "Job", "namespace": "com.acme",
            "fields": [
                {"name": "name", "type": "string"},
                {"name": "retries", "type": "int"},
                {"name": "size", "type": "long", "default": 0},
                {"name": "mode", "type": {"type": "enum", "name": "Mode", "symbols": ["FAST", "SAFE"]}},
                {"name": "where", "type": [{"type": "record", "name": "Zone", "fields": [{"name": "az", "type": "string"}]}, "null"]},
                {"name": "tags", "type": [{"type": "array", "items": "string"}, "null"]},
                {"name": "props", "type": {"type": "map", "values": "string"}, "default": {}},
                {"name": "other", "type": ["null", "Zone", "long"], "default": null},
                {"name": "hash", "type": {"type": "fixed", "name": "Hash", "size": 2}, "default": "ab"},
                {"name": "next", "type": ["null", "com.acme.Job"], "default": null}
            ]
        }))
        .unwrap()
    }

    fn problems(document: Value) -> Vec<(String, ViolationKind)> {
        schema().check(&document).into_iter().map(|v| (v.pointer, v.kind)).collect()
    }

    fn minimal() -> Value {
        json!({"name": "a", "retries": 1, "mode": "FAST"})
    }

    #[test]
    fn required_optional_and_unknown_fields() {
        assert_eq!(problems(minimal()), []);
        let violations = schema().check(&json!({"retries": 1, "mode": "FAST", "nmae": "x"}));
        assert_eq!(violations.len(), 2);
        assert_eq!(violations[0].pointer, "/name");
        assert_eq!(violations[0].message, "missing required field `name` (string)");
        assert_eq!(violations[1].pointer, "/nmae");
        assert_eq!(violations[1].message, "unknown field `nmae` (did you mean `name`?)");
        assert_eq!(
            violations[1].expected,
            "one of the fields of Job: name, retries, size, mode, where, tags, props, other, hash, next"
        );
    }

    #[test]
    fn numbers() {
        let with = |field: &str, value: Value| {
            let mut doc = minimal();
            doc[field] = value;
            problems(doc)
        };
        assert_eq!(with("retries", json!(1.5)), [("/retries".into(), ViolationKind::NotAnInteger)]);
        assert_eq!(with("retries", json!(1.0)), [("/retries".into(), ViolationKind::NotAnInteger)]);
        assert_eq!(with("retries", json!(3_000_000_000_i64)), [("/retries".into(), ViolationKind::OutOfRange)]);
        assert_eq!(with("size", json!(3_000_000_000_i64)), []);
        assert_eq!(with("size", json!(u64::MAX)), [("/size".into(), ViolationKind::OutOfRange)]);
        assert_eq!(with("size", json!("12")), [("/size".into(), ViolationKind::WrongType)]);
        assert_eq!(with("size", Value::Null), [("/size".into(), ViolationKind::WrongType)]);
    }

    #[test]
    fn unions_report_the_closest_branch() {
        let with = |field: &str, value: Value| {
            let mut doc = minimal();
            doc[field] = value;
            schema().check(&doc)
        };
        assert!(with("where", Value::Null).is_empty());
        assert!(with("where", json!({"az": "a"})).is_empty());
        let v = with("where", json!({"az": 1}));
        assert_eq!((v[0].pointer.as_str(), v[0].message.as_str()), ("/where/az", "expected string, found number 1"));
        let v = with("where", json!("eu-west-1a"));
        assert_eq!(v[0].message, "expected record Zone or null, found a string");
        assert_eq!(v[0].expected, "record Zone or null");
        assert!(with("other", json!(5)).is_empty());
        assert_eq!(with("other", json!({"az": []}))[0].pointer, "/other/az");
        assert!(with("tags", json!(["a"])).is_empty());
        assert_eq!(with("tags", json!(["a", 2]))[0].pointer, "/tags/1");
    }

    #[test]
    fn enums_maps_fixed_and_recursion() {
        let with = |field: &str, value: Value| {
            let mut doc = minimal();
            doc[field] = value;
            problems(doc)
        };
        assert_eq!(with("mode", json!("SLOW")), [("/mode".into(), ViolationKind::UnknownSymbol)]);
        assert_eq!(with("props", json!({"a/b": "x", "c": 1})), [("/props/c".into(), ViolationKind::WrongType)]);
        assert_eq!(with("props", json!({"a/b": 1})), [("/props/a~1b".into(), ViolationKind::WrongType)]);
        assert_eq!(with("hash", json!("abc")), [("/hash".into(), ViolationKind::BadBytes)]);
        assert_eq!(
            with("next", json!({"name": "b", "retries": 2})),
            [("/next/mode".into(), ViolationKind::MissingField)]
        );
    }

    #[test]
    fn invalid_schemas() {
        let error = |schema: Value| Schema::parse(&schema).unwrap_err();
        let record = |fields: Value| json!({"type": "record", "name": "R", "fields": fields});
        assert!(error(json!("strnig")).message.starts_with("unknown type `strnig`"));
        assert_eq!(error(json!({"type": "array"})).message, "an array needs `items`");
        assert_eq!(error(json!(["null", "null"])).message, "the union already has a null branch");
        assert_eq!(error(json!(["null", ["string"]])).message, "a union may not directly contain another union");
        assert_eq!(error(json!({"type": "enum", "name": "E", "symbols": ["A", "A"]})).pointer, "/symbols/1");
        let e = error(record(json!([{"name": "a", "type": "long", "default": "x"}])));
        assert_eq!(e.pointer, "/fields/0/default");
        // A union's default must match its first branch.
        assert!(Schema::parse(&record(json!([{"name": "a", "type": ["null", "long"], "default": null}]))).is_ok());
        assert!(
            error(record(json!([{"name": "a", "type": ["long", "null"], "default": null}])))
                .message
                .contains("default")
        );
        assert!(
            error(record(json!([{"name": "a", "type": "long"}, {"name": "a", "type": "long"}])))
                .message
                .contains("twice")
        );
        assert!(error(record(json!([{"name": "a", "type": "Later"}]))).message.starts_with("unknown type `Later`"));
        assert!(error(json!({"type": "record", "name": "9x", "fields": []})).message.contains("not a valid Avro name"));
        let twice = json!({"type": "record", "name": "R", "fields": [
            {"name": "a", "type": {"type": "fixed", "name": "F", "size": 1}},
            {"name": "b", "type": {"type": "fixed", "name": "F", "size": 1}}]});
        assert!(error(twice).message.contains("defined twice"));
        assert!(Schema::parse_str("{").is_err());
    }

    #[test]
    fn namespaces_qualify_references() {
        let schema = Schema::parse(&json!({"type": "record", "name": "a.b.Outer", "fields": [
            {"name": "x", "type": {"type": "enum", "name": "E", "symbols": ["A"]}},
            {"name": "y", "type": "a.b.E"},
            {"name": "z", "type": "E"},
            {"name": "w", "type": {"type": "string", "logicalType": "uuid"}}
        ]}))
        .unwrap();
        assert!(schema.check(&json!({"x": "A", "y": "A", "z": "A", "w": "u"})).is_empty());
    }

    #[test]
    fn suggestions() {
        assert_eq!(closest_name("subnetID", &["subnetId", "vpc"]), Some("subnetId"));
        assert_eq!(closest_name("amiVresion", &["amiVersion", "keyName"]), Some("amiVersion"));
        assert_eq!(closest_name("zzz", &["amiVersion"]), None);
    }
}
