//! The data columns of TSV-shredded entities, laid out as RDB Shredder 0.16+ lays them out
//! through Iglu schema-ddl's flattening (`FlatSchema.extractProperties`):
//!
//! * Each schema is walked; a sub-schema that is an object with `properties` is descended into,
//!   anything else (primitives, arrays, objects without `properties`, untyped and union-typed
//!   values) is one column, named by its data path (`parent.child`).
//! * A column is nullable when its type or `enum` allows null, or when it (or any parent) is not
//!   `required`. The first schema of the model gives its columns ordered non-nullable first,
//!   then by snake_cased name; every later schema appends the columns it adds over the schema
//!   before it, in the same order.
//! * Sub-schemas under `items`, `patternProperties` and `oneOf`, and the children of
//!   union-typed columns, are not columns.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use serde_json::Value;

use crate::iglu::tape::{Kind, Tape};
use crate::iglu::{SchemaKey, SchemaVer, Validators};

/// One step from a schema to one of its sub-schemas (schema-ddl's `Pointer.Cursor`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Step {
    /// Into a keyword holding sub-schemas (`properties`, `items`, `oneOf`, …).
    Keyword(&'static str),
    /// A named member of `properties` or `patternProperties`: a data field.
    Field(String),
    /// An element of `oneOf` or tuple `items`.
    At(usize),
}

/// A sub-schema's place in its schema.
type Pointer = Vec<Step>;

/// One TSV data column: where its value is in the entity's data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// Object keys from the data's root to the value; empty for the whole data.
    pub path: Vec<String>,
}

impl Column {
    /// The value in `data`, if every key on the path is there.
    pub fn value<'d>(&self, data: &'d Value) -> Option<&'d Value> {
        self.path.iter().try_fold(data, |value, key| value.get(key))
    }

    /// [`Column::value`] in a tape of the data: the index of the value's node.
    pub fn tape_value(&self, data: &Tape<'_>) -> Option<usize> {
        self.path.iter().try_fold(0, |node, key| {
            if data.node(node).kind != Kind::Object {
                return None;
            }
            data.members(node)
                .find(|&(name, _)| match data.node(name).kind {
                    Kind::Str => data.raw_str(name) == key,
                    _ => data.string(name) == key.as_str(),
                })
                .map(|(_, value)| value)
        })
    }
}

/// A leaf sub-schema, with whether its column can hold null.
#[derive(Debug, Clone)]
struct Leaf {
    pointer: Pointer,
    nullable: bool,
}

fn type_names(schema: &Value) -> Option<Vec<&str>> {
    match schema.get("type")? {
        Value::String(name) => Some(vec![name.as_str()]),
        Value::Array(names) => Some(names.iter().filter_map(Value::as_str).collect()),
        _ => None,
    }
}

/// Whether the schema's type admits more than one non-null type (schema-ddl's `isUnion`).
fn is_union_type(types: &[&str]) -> bool {
    let mut distinct: Vec<&str> = types.iter().copied().filter(|t| *t != "null").collect();
    distinct.sort_unstable();
    distinct.dedup();
    distinct.len() > 1
}

/// Whether the schema cannot be split into columns by type: no `type` at all, a union type, or a
/// `oneOf` whose branches have different non-null types.
fn is_heterogeneous_union(schema: &Value) -> bool {
    let one_of_types = schema.get("oneOf").and_then(Value::as_array).is_some_and(|branches| {
        let types: Vec<&str> = branches.iter().filter_map(type_names).flatten().collect();
        is_union_type(&types)
    });
    one_of_types || type_names(schema).is_none_or(|types| is_union_type(&types))
}

fn is_leaf(schema: &Value) -> bool {
    let is_object = type_names(schema).is_some_and(|types| types.contains(&"object"));
    let nested = is_object && schema.get("properties").is_some_and(Value::is_object);
    is_heterogeneous_union(schema) || !nested
}

/// Whether the schema's own `type` or `enum` allows null.
fn can_be_null(schema: &Value) -> bool {
    let enum_null = schema.get("enum").and_then(Value::as_array).is_some_and(|values| values.contains(&Value::Null));
    enum_null || type_names(schema).is_some_and(|types| types.contains(&"null"))
}

/// The leaves of one schema, walked in schema-ddl's order (each schema before its children).
struct Flattener {
    leaves: Vec<Leaf>,
    /// Pointers of leaves whose type is a union: their children are not columns.
    union_leaves: Vec<Pointer>,
}

impl Flattener {
    fn flatten(schema: &Value) -> Vec<Leaf> {
        let mut flattener = Flattener { leaves: Vec::new(), union_leaves: Vec::new() };
        flattener.visit(schema, &mut Vec::new(), true);
        flattener.leaves
    }

    fn ignored(&self, pointer: &Pointer) -> bool {
        let under_ignored_keyword =
            pointer.iter().any(|step| matches!(step, Step::Keyword("items" | "patternProperties" | "oneOf")));
        under_ignored_keyword
            || self.union_leaves.iter().any(|leaf| pointer.len() > leaf.len() && pointer.starts_with(leaf))
    }

    /// `required` is whether this sub-schema and all its parents are required.
    fn visit(&mut self, schema: &Value, pointer: &mut Pointer, required: bool) {
        if !self.ignored(pointer) && is_leaf(schema) {
            let nullable = (!pointer.is_empty() && !required) || can_be_null(schema);
            if type_names(schema).is_some_and(|types| is_union_type(&types)) {
                self.union_leaves.push(pointer.clone());
            }
            self.leaves.push(Leaf { pointer: pointer.clone(), nullable });
        }
        let required_children: Vec<&str> = schema
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        match schema.get("items") {
            Some(items @ Value::Object(_)) => self.descend(items, pointer, [Step::Keyword("items")], false),
            Some(Value::Array(tuple)) => {
                for (i, item) in tuple.iter().enumerate() {
                    self.descend(item, pointer, [Step::Keyword("items"), Step::At(i)], false);
                }
            }
            _ => {}
        }
        if let Some(additional @ Value::Object(_)) = schema.get("additionalItems") {
            self.descend(additional, pointer, [Step::Keyword("additionalItems")], false);
        }
        if let Some(Value::Object(properties)) = schema.get("properties") {
            for (name, property) in properties {
                let child_required = required && required_children.contains(&name.as_str());
                self.descend(
                    property,
                    pointer,
                    [Step::Keyword("properties"), Step::Field(name.clone())],
                    child_required,
                );
            }
        }
        if let Some(additional @ Value::Object(_)) = schema.get("additionalProperties") {
            self.descend(additional, pointer, [Step::Keyword("additionalProperties")], false);
        }
        if let Some(Value::Object(patterns)) = schema.get("patternProperties") {
            for (pattern, property) in patterns {
                self.descend(
                    property,
                    pointer,
                    [Step::Keyword("patternProperties"), Step::Field(pattern.clone())],
                    false,
                );
            }
        }
        if let Some(Value::Array(branches)) = schema.get("oneOf") {
            for (i, branch) in branches.iter().enumerate() {
                self.descend(branch, pointer, [Step::Keyword("oneOf"), Step::At(i)], false);
            }
        }
    }

    fn descend<const N: usize>(&mut self, schema: &Value, pointer: &mut Pointer, steps: [Step; N], required: bool) {
        let depth = pointer.len();
        pointer.extend(steps);
        self.visit(schema, pointer, required);
        pointer.truncate(depth);
    }
}

/// The data path of a pointer: its field names (schema-ddl's `forData`).
fn data_path(pointer: &Pointer) -> Vec<String> {
    pointer
        .iter()
        .filter_map(|step| match step {
            Step::Field(name) => Some(name.clone()),
            _ => None,
        })
        .collect()
}

/// schema-ddl's `StringUtils.snakeCase`: `fooBar` → `foo_bar`, `HTTPCode` → `http_code`,
/// hyphens to underscores, lower case.
pub fn snake_case(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    // `([A-Z]+)([A-Z][a-z])` → `$1_$2`: split an acronym from the capitalised word after it.
    let mut first = String::with_capacity(name.len() + 4);
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_uppercase() {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_uppercase() {
                i += 1;
            }
            let run = &chars[start..i];
            if run.len() >= 2 && i < chars.len() && chars[i].is_ascii_lowercase() {
                first.extend(&run[..run.len() - 1]);
                first.push('_');
                first.push(run[run.len() - 1]);
            } else {
                first.extend(run);
            }
        } else {
            first.push(chars[i]);
            i += 1;
        }
    }
    // `([a-z\d])([A-Z])` → `$1_$2`, then `-` → `_`, then lower case.
    let mut out = String::with_capacity(first.len() + 4);
    let mut previous: Option<char> = None;
    for c in first.chars() {
        if c.is_ascii_uppercase() && previous.is_some_and(|p| p.is_ascii_lowercase() || p.is_ascii_digit()) {
            out.push('_');
        }
        out.push(if c == '-' { '_' } else { c });
        previous = Some(c);
    }
    out.to_lowercase()
}

/// The column name schema-ddl sorts by.
fn sort_name(pointer: &Pointer) -> Vec<u16> {
    let name = data_path(pointer).iter().map(|part| snake_case(part)).collect::<Vec<_>>().join(".");
    // The JVM compares strings by UTF-16 code unit.
    name.encode_utf16().collect()
}

/// schema-ddl's `postProcess`: non-nullable columns first, then by name; a schema that is only
/// its root and has no properties has no columns.
fn ordered(mut leaves: Vec<Leaf>, root_properties_empty: bool) -> Vec<Leaf> {
    leaves.sort_by_cached_key(|leaf| (leaf.nullable, sort_name(&leaf.pointer)));
    if leaves.len() == 1 && leaves[0].pointer.is_empty() && root_properties_empty {
        leaves.clear();
    }
    leaves
}

fn properties_empty(schema: &Value) -> bool {
    schema.get("properties").and_then(Value::as_object).is_none_or(serde_json::Map::is_empty)
}

/// The columns of a model whose schemas, in SchemaVer order, are `schemas`.
pub fn model_columns(schemas: &[Value]) -> Vec<Column> {
    let Some((first, later)) = schemas.split_first() else { return Vec::new() };
    let mut previous = Flattener::flatten(first);
    let mut columns: Vec<Leaf> = ordered(previous.clone(), properties_empty(first));
    for schema in later {
        let current = Flattener::flatten(schema);
        // Added over the schema before, as schema-ddl's `SchemaDiff` compares them.
        let added: Vec<Leaf> =
            current.iter().filter(|leaf| !previous.iter().any(|p| p.pointer == leaf.pointer)).cloned().collect();
        columns.extend(ordered(added, false));
        previous = current;
    }
    columns.into_iter().map(|leaf| Column { path: data_path(&leaf.pointer) }).collect()
}

/// `vendor`, `name`, `format` and model of a schema family.
type ModelId = (String, String, String, u32);

/// The data columns of TSV-shredded types, worked out once per `vendor/name/format/model` from
/// every schema of the model the resolver knows.
#[derive(Debug)]
pub struct TsvLayouts {
    validators: Arc<Validators>,
    layouts: Mutex<HashMap<ModelId, Arc<Vec<Column>>>>,
    /// The same layouts by the full schema key, which needs no copies to look up.
    by_key: Mutex<HashMap<SchemaKey, Arc<Vec<Column>>>>,
}

impl TsvLayouts {
    /// Layouts resolved through these validators' resolver.
    pub fn new(validators: Arc<Validators>) -> Self {
        TsvLayouts { validators, layouts: Mutex::new(HashMap::new()), by_key: Mutex::new(HashMap::new()) }
    }

    /// The data columns for entities of `key`'s model.
    pub fn columns(&self, key: &SchemaKey) -> Arc<Vec<Column>> {
        if let Some(found) = self.by_key.lock().unwrap_or_else(|e| e.into_inner()).get(key) {
            return Arc::clone(found);
        }
        let columns = self.model_columns(key);
        self.by_key.lock().unwrap_or_else(|e| e.into_inner()).insert(key.clone(), Arc::clone(&columns));
        columns
    }

    fn model_columns(&self, key: &SchemaKey) -> Arc<Vec<Column>> {
        let id = (key.vendor.clone(), key.name.clone(), key.format.clone(), key.version.model);
        if let Some(found) = self.layouts.lock().unwrap_or_else(|e| e.into_inner()).get(&id) {
            return Arc::clone(found);
        }
        let columns = Arc::new(model_columns(&self.model_schemas(key)));
        self.layouts.lock().unwrap_or_else(|e| e.into_inner()).insert(id, Arc::clone(&columns));
        columns
    }

    /// Every schema of the model in SchemaVer order: additions of each revision until one is
    /// missing, then the next revision, until a revision has no first schema.
    fn model_schemas(&self, key: &SchemaKey) -> Vec<Value> {
        let resolver = self.validators.resolver();
        let mut schemas = Vec::new();
        let mut revision = 0;
        'revisions: loop {
            let mut addition = 0;
            loop {
                let version = SchemaVer { model: key.version.model, revision, addition };
                let probe = SchemaKey::new(&key.vendor, &key.name, &key.format, version);
                let Ok(schema) = resolver.lookup(&probe) else {
                    if addition == 0 {
                        break 'revisions;
                    }
                    break;
                };
                schemas.push(Value::clone(&schema));
                addition += 1;
            }
            revision += 1;
        }
        schemas
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn paths(schemas: &[Value]) -> Vec<String> {
        model_columns(schemas).into_iter().map(|c| c.path.join(".")).collect()
    }

    #[test]
    fn flat_schemas_put_required_columns_first_then_sort_by_name() {
        let schema = json!({"type": "object", "required": ["zeta", "beta", "maybe"], "properties": {
            "alpha": {"type": "string"}, "zeta": {"type": "integer"}, "beta": {"type": "boolean"},
            "maybe": {"type": ["string", "null"]}, "gamma": {"enum": ["a", null]}}});
        assert_eq!(paths(&[schema]), ["beta", "zeta", "alpha", "gamma", "maybe"]);
    }

    #[test]
    fn nested_objects_become_dotted_columns_and_later_schemas_append_their_additions() {
        let first = json!({"type": "object", "properties": {
            "a": {"type": "string"}, "b": {"type": "object", "properties": {"ba": {"type": "string"}}},
            "c": {"type": "string"}}});
        let second = json!({"type": "object", "properties": {
            "a": {"type": "string"},
            "b": {"type": "object", "properties": {"ba": {"type": "string"}, "bb": {"type": "string"}}},
            "c": {"type": "string"}}});
        let columns = model_columns(&[first, second]);
        let data = json!({"a": "one", "b": {"ba": "two", "bb": "four"}, "c": "three"});
        let values: Vec<&Value> = columns.iter().map(|c| c.value(&data).unwrap()).collect();
        assert_eq!(values, ["one", "two", "three", "four"]);
    }

    #[test]
    fn a_nested_column_is_required_only_when_every_parent_is() {
        let schema = json!({"type": "object", "required": ["outer"], "properties": {
            "outer": {"type": "object", "required": ["inner"], "properties": {"inner": {"type": "string"}}},
            "loose": {"type": "object", "required": ["deep"], "properties": {"deep": {"type": "string"}}}}});
        assert_eq!(paths(&[schema]), ["outer.inner", "loose.deep"]);
    }

    #[test]
    fn arrays_unions_one_of_and_objects_without_properties_are_single_columns() {
        let schema = json!({"type": "object", "properties": {
            "list": {"type": "array", "items": {"type": "object", "properties": {"x": {"type": "string"}}}},
            "either": {"type": ["object", "string"], "properties": {"y": {"type": "string"}}},
            "choice": {"oneOf": [{"type": "object", "properties": {"z": {"type": "string"}}}, {"type": "string"}]},
            "free": {"type": "object"},
            "map": {"type": "object", "properties": {}, "patternProperties": {".*": {"type": "string"}}}}});
        assert_eq!(paths(&[schema]), ["choice", "either", "free", "list"]);
    }

    #[test]
    fn schemas_without_properties_have_no_columns() {
        assert!(paths(&[json!({"type": "object"})]).is_empty());
        assert!(paths(&[json!({"type": "object", "properties": {}})]).is_empty());
    }

    #[test]
    fn names_sort_in_snake_case() {
        assert_eq!(snake_case("fooBar"), "foo_bar");
        assert_eq!(snake_case("HTTPCode"), "http_code");
        assert_eq!(snake_case("page-view2Id"), "page_view2_id");
        assert_eq!(snake_case("already_snake"), "already_snake");
        // `fooZ` sorts before `foo_a` by raw name but after it in snake case.
        let schema = json!({"type": "object", "properties": {"fooZ": {"type": "string"}, "foo_a": {"type": "string"}}});
        assert_eq!(paths(&[schema]), ["foo_a", "fooZ"]);
    }
}
