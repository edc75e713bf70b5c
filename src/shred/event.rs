//! One enriched event through RDB Shredder: the checks that make it a bad row, and the lines
//! it becomes (the atomic line, one JSON or TSV line per entity).
//!
//! Reading follows RDB Shredder 0.12–0.15 (and Hadoop Shred): 108 to 131 columns, padded to
//! 131. Legacy bad rows use those versions' loader checks and texts; self-describing bad rows
//! use the 0.16+ checks (the Scala Analytics SDK's, see [`super::transform`]).

use std::collections::HashMap;
use std::sync::Arc;

use serde_json::{Value, json};

use super::enriched::{EnrichedLine, FieldError, LEGACY_MIN_FIELDS, Width, WidthError, index};
use super::json;
use super::transform::{Shape, TransformError, check_scala, transform_event};
use super::tsv_columns::TsvLayouts;
use crate::enrich::event::{FIELD_COUNT, Field};
use crate::iglu::{SchemaCriterion, SchemaKey, ValidateError, Validators};

/// The JSON columns, dropped from the atomic line.
const JSON_COLUMNS: [usize; 3] = [index::CONTEXTS, index::UNSTRUCT_EVENT, index::DERIVED_CONTEXTS];

/// The longest value of column `index` in the atomic table (the `maxLength`s of
/// `iglu:com.snowplowanalytics.snowplow/atomic/jsonschema/1-0-0`, which RDB Shredder's
/// Postgres constraints follow).
pub fn atomic_max_length(index: usize) -> Option<usize> {
    let field = Field::ALL[index];
    match field {
        // Enrich 6 allows longer values than the atomic table.
        Field::PageUrl | Field::PageReferrer => Some(4096),
        Field::MktClickid => Some(128),
        _ => field.max_length(),
    }
}

fn truncated(value: &str, max: Option<usize>) -> &str {
    match max {
        // No more characters than bytes: most values need no counting.
        Some(max) if value.len() > max => match value.char_indices().nth(max) {
            Some((cut, _)) => &value[..cut],
            None => value,
        },
        _ => value,
    }
}

/// Each column's longest atomic value in bytes (`usize::MAX` for unbounded and JSON columns):
/// values no longer than this in bytes need no truncation.
static ATOMIC_MAX_BYTES: std::sync::LazyLock<[usize; FIELD_COUNT]> = std::sync::LazyLock::new(|| {
    std::array::from_fn(
        |i| if JSON_COLUMNS.contains(&i) { usize::MAX } else { atomic_max_length(i).unwrap_or(usize::MAX) },
    )
});

/// The runs of columns between the JSON columns, which an atomic line keeps.
const ATOMIC_RUNS: [(usize, usize); 4] = [
    (0, index::CONTEXTS - 1),
    (index::CONTEXTS + 1, index::UNSTRUCT_EVENT - 1),
    (index::UNSTRUCT_EVENT + 1, index::DERIVED_CONTEXTS - 1),
    (index::DERIVED_CONTEXTS + 1, FIELD_COUNT - 1),
];

/// Appends the atomic-events line: padded to 131, truncated to the atomic lengths, JSON
/// columns dropped (128 columns), event_id replaced for synthetic duplicates.
pub fn write_atomic(event: &EnrichedLine<'_>, new_id: Option<&str>, out: &mut Vec<u8>) {
    // Usually nothing is padded, truncated or replaced: the line's runs of columns between
    // the JSON columns are copied as they are.
    if new_id.is_none()
        && event.original_count() == FIELD_COUNT
        && event.fields().zip(ATOMIC_MAX_BYTES.iter()).all(|(value, &max)| value.len() <= max)
    {
        for (i, &(first, last)) in ATOMIC_RUNS.iter().enumerate() {
            if i > 0 {
                out.push(b'\t');
            }
            out.extend_from_slice(event.span(first, last).as_bytes());
        }
        out.push(b'\n');
        return;
    }
    let mut first = true;
    for (i, value) in event.fields().enumerate() {
        if JSON_COLUMNS.contains(&i) {
            continue;
        }
        if !first {
            out.push(b'\t');
        }
        first = false;
        let value = if i == index::EVENT_ID { new_id.unwrap_or(value) } else { value };
        out.extend_from_slice(truncated(value, atomic_max_length(i)).as_bytes());
    }
    out.push(b'\n');
}

/// How bad rows are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BadRowFormat {
    /// `loader_parsing_error` / `loader_iglu_error` self-describing bad rows (RDB Shredder 0.16+).
    #[default]
    Modern,
    /// `{"line", "errors", "failure_tstamp"}` (Hadoop Shred, RDB Shredder ≤0.15).
    Legacy,
}

/// Why an event cannot be shredded.
#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    /// Not 108–131 TSV fields.
    Width(WidthError),
    /// Column values the loader rejects.
    Fields(Vec<FieldError>),
    /// Legacy loader messages (value and JSON checks of RDB Shredder ≤0.15).
    Legacy(Vec<Value>),
    /// Entities that fail Iglu: `{schemaKey, error}` entries, and their legacy messages.
    Iglu {
        /// Modern `loader_iglu_error` failure entries.
        modern: Vec<Value>,
        /// Legacy error objects.
        legacy: Vec<Value>,
    },
}

impl Failure {
    /// The bad-row kind name, for counts.
    pub fn kind(&self) -> &'static str {
        match self {
            Failure::Width(_) | Failure::Fields(_) | Failure::Legacy(_) => "loader_parsing_error",
            Failure::Iglu { .. } => "loader_iglu_error",
        }
    }
}

/// One self-describing entity inside an event, by its place in the line.
#[derive(Debug, Clone, Copy)]
pub struct EntityRef<'t> {
    /// The entity's `schema` token (a JSON string, quotes included).
    pub schema: &'t str,
    /// The raw JSON text of its `data`.
    pub data: &'t str,
    /// Whether `data` holds no insignificant whitespace (it can be copied as it is).
    pub compact: bool,
}

/// The entities of an event, in legacy shredding order: unstruct_event, contexts, derived.
pub fn entities<'t>(event: &EnrichedLine<'t>) -> Vec<EntityRef<'t>> {
    let mut found = Vec::new();
    for column in [index::UNSTRUCT_EVENT, index::CONTEXTS, index::DERIVED_CONTEXTS] {
        let text = event.get(column);
        if text.is_empty() {
            continue;
        }
        let Ok(Some(members)) = json::object_members(text) else { continue };
        let Some((_, data)) = members.iter().find(|(name, _)| name == "data") else { continue };
        let data_text = &text[data.range.clone()];
        let items: Vec<&str> = if column == index::UNSTRUCT_EVENT {
            vec![data_text]
        } else {
            json::array_elements(data_text)
                .map(|spans| spans.iter().map(|s| &data_text[s.range.clone()]).collect())
                .unwrap_or_default()
        };
        for item in items {
            let Ok(Some(members)) = json::object_members(item) else { continue };
            let schema = members.iter().find(|(name, _)| name == "schema");
            let data = members.iter().find(|(name, _)| name == "data");
            if let (Some((_, schema)), Some((_, data))) = (schema, data) {
                found.push(EntityRef {
                    schema: &item[schema.range.clone()],
                    data: &item[data.range.clone()],
                    compact: data.compact,
                });
            }
        }
    }
    found
}

/// Legacy field names in loader messages.
fn legacy_name(column: usize) -> &'static str {
    match column {
        index::CONTEXTS => "context",
        index::UNSTRUCT_EVENT => "ue_properties",
        _ => "derived_contexts",
    }
}

fn is_legacy_timestamp(value: &str) -> bool {
    let b = value.as_bytes();
    b.len() == 23
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            10 => *c == b' ',
            13 | 16 => *c == b':',
            19 => *c == b'.',
            _ => c.is_ascii_digit(),
        })
        && super::transform::write_instant(value, &mut Vec::new())
}

fn legacy_error(message: String) -> Value {
    json!({"level": "error", "message": message})
}

/// JSON pointer → JSONPath (`/a/0/b` → `$.a[0].b`).
fn json_path(pointer: &str) -> String {
    let mut out = String::from("$");
    for token in pointer.split('/').skip(1) {
        let token = token.replace("~1", "/").replace("~0", "~");
        if !token.is_empty() && token.bytes().all(|b| b.is_ascii_digit()) {
            out.push_str(&format!("[{token}]"));
        } else {
            out.push('.');
            out.push_str(&token);
        }
    }
    out
}

/// The envelopes each JSON column must use.
fn envelope_criterion(column: usize) -> SchemaCriterion {
    let name = if column == index::UNSTRUCT_EVENT { "unstruct_event" } else { "contexts" };
    SchemaCriterion {
        vendor: "com.snowplowanalytics.snowplow".into(),
        name: name.into(),
        format: "jsonschema".into(),
        model: 1,
        revision: Some(0),
        addition: None,
    }
}

/// Checks one event as the shredder does before writing anything of it.
pub fn check(line: &str, format: BadRowFormat, validators: &Validators) -> Result<(), Failure> {
    match EnrichedLine::parse(line, Width::Padded) {
        Ok(event) => check_parsed(&event, format, validators, false),
        Err(error) => Err(Failure::Width(error)),
    }
}

/// [`check`] of a line already cut into columns; with `entities_validated`, only
/// `derived_contexts` goes through Iglu (the writer of the line validated the other two).
pub fn check_parsed(
    event: &EnrichedLine<'_>,
    format: BadRowFormat,
    validators: &Validators,
    entities_validated: bool,
) -> Result<(), Failure> {
    match format {
        BadRowFormat::Modern => {
            // The 0.16+ loader parses with the Scala SDK: typed values, UUIDs, timestamps, JSON.
            match check_scala(event) {
                Ok(()) => {}
                Err(TransformError::Fields(errors)) => return Err(Failure::Fields(errors)),
                Err(TransformError::Width(error)) => return Err(Failure::Width(error)),
            }
        }
        BadRowFormat::Legacy => {
            let mut errors = Vec::new();
            let id = event.get(index::EVENT_ID);
            if uuid::Uuid::try_parse(id).map(|u| u.hyphenated().to_string() != id.to_ascii_lowercase()).unwrap_or(true)
            {
                errors.push(legacy_error(format!("Field [event_id]: [{id}] is not a valid UUID")));
            }
            for (column, name) in [(index::COLLECTOR_TSTAMP, "collector_tstamp"), (index::ETL_TSTAMP, "etl_tstamp")] {
                let value = event.get(column);
                if !is_legacy_timestamp(value) {
                    errors.push(legacy_error(format!(
                        "Field [{name}]: [{value}] is not in the expected Redshift/Postgres timestamp format"
                    )));
                }
            }
            for column in [index::UNSTRUCT_EVENT, index::CONTEXTS, index::DERIVED_CONTEXTS] {
                let value = event.get(column);
                if !value.is_empty()
                    && let Err(error) = serde_json::from_str::<serde::de::IgnoredAny>(value)
                {
                    errors.push(legacy_error(format!(
                        "Field [{}]: invalid JSON [{value}] with parsing error: {error}",
                        legacy_name(column)
                    )));
                }
            }
            if !errors.is_empty() {
                return Err(Failure::Legacy(errors));
            }
        }
    }
    check_iglu(event, validators, entities_validated)
}

/// Validates the envelopes and every entity through Iglu.
fn check_iglu(event: &EnrichedLine<'_>, validators: &Validators, entities_validated: bool) -> Result<(), Failure> {
    let mut modern = Vec::new();
    let mut legacy = Vec::new();
    let check_one = |key: &SchemaKey, data: &Value, modern: &mut Vec<Value>, legacy: &mut Vec<Value>| match validators
        .validate(key, data)
    {
        Ok(violations) if violations.is_empty() => {}
        Ok(violations) => {
            let reports: Vec<Value> = violations
                .iter()
                .map(|v| {
                    let targets: Vec<String> = match v.keyword.as_str() {
                        "required" => v.message.split('`').nth(1).map(str::to_owned).into_iter().collect(),
                        _ => Vec::new(),
                    };
                    json!({"message": format!("{}: {}", json_path(&v.pointer), v.message),
                               "path": json_path(&v.pointer), "keyword": v.keyword, "targets": targets})
                })
                .collect();
            for v in &violations {
                legacy.push(json!({"level": "error", "schema": {"loadingURI": "#", "pointer": ""},
                        "instance": {"pointer": v.pointer}, "domain": "validation", "keyword": v.keyword,
                        "message": v.message}));
            }
            modern.push(json!({"schemaKey": key.to_uri(),
                    "error": {"error": "ValidationError", "dataReports": reports}}));
        }
        Err(ValidateError::Resolution(error)) => {
            let repositories: Vec<String> = error.attempts.iter().map(|(name, _)| name.clone()).collect();
            legacy.push(json!({"level": "error",
                    "message": format!("Could not find schema with key {} in any repository, tried:", key.to_uri()),
                    "repositories": repositories}));
            let history: Vec<Value> = error
                .attempts
                .iter()
                .map(|(name, lookup)| {
                    json!({"repository": name,
                        "errors": [{"error": "NotFound", "message": lookup.to_string()}],
                        "attempts": 1, "lastAttempt": "1970-01-01T00:00:00.000Z"})
                })
                .collect();
            modern.push(json!({"schemaKey": key.to_uri(),
                    "error": {"error": "ResolutionError", "lookupHistory": history}}));
        }
        Err(error) => {
            legacy.push(legacy_error(error.to_string()));
            modern.push(json!({"schemaKey": key.to_uri(),
                    "error": {"error": "ResolutionError", "lookupHistory": [{"repository": "snowplowctl",
                        "errors": [{"error": "RepoFailure", "message": error.to_string()}],
                        "attempts": 1, "lastAttempt": "1970-01-01T00:00:00.000Z"}]}}));
        }
    };
    for column in [index::UNSTRUCT_EVENT, index::CONTEXTS, index::DERIVED_CONTEXTS] {
        let text = event.get(column);
        if text.is_empty() || (entities_validated && column != index::DERIVED_CONTEXTS) {
            continue;
        }
        let envelope: Value = match serde_json::from_str(text) {
            Ok(value) => value,
            Err(error) => {
                let message =
                    format!("Field [{}]: invalid JSON [{text}] with parsing error: {error}", legacy_name(column));
                legacy.push(legacy_error(message.clone()));
                modern.push(json!({"schemaKey": null, "error": {"error": "ParsingError", "message": message}}));
                continue;
            }
        };
        let Some(key) = envelope.get("schema").and_then(Value::as_str).and_then(|s| SchemaKey::parse(s).ok()) else {
            let message = format!("Field [{}]: the JSON is not self-describing", legacy_name(column));
            legacy.push(legacy_error(message.clone()));
            modern.push(json!({"schemaKey": null, "error": {"error": "ParsingError", "message": message}}));
            continue;
        };
        if !envelope_criterion(column).matches(&key) {
            let message = format!(
                "Field [{}]: schema {} is not {}",
                legacy_name(column),
                key.to_uri(),
                if column == index::UNSTRUCT_EVENT { "unstruct_event 1-0-*" } else { "contexts 1-0-*" }
            );
            legacy.push(legacy_error(message.clone()));
            modern.push(json!({"schemaKey": key.to_uri(), "error": {"error": "ValidationError", "dataReports": [
                {"message": message, "path": "$", "keyword": "schema", "targets": []}]}}));
            continue;
        }
        // The envelope schemas describe the envelope's `data`.
        check_one(&key, envelope.get("data").unwrap_or(&Value::Null), &mut modern, &mut legacy);
        let items: Vec<&Value> = match envelope.get("data") {
            Some(Value::Array(items)) if column != index::UNSTRUCT_EVENT => items.iter().collect(),
            Some(item) if column == index::UNSTRUCT_EVENT => vec![item],
            _ => Vec::new(),
        };
        for item in items {
            let Some(key) = item.get("schema").and_then(Value::as_str).and_then(|s| SchemaKey::parse(s).ok()) else {
                continue; // The envelope's schema already rejected it.
            };
            check_one(&key, item.get("data").unwrap_or(&Value::Null), &mut modern, &mut legacy);
        }
    }
    if modern.is_empty() { Ok(()) } else { Err(Failure::Iglu { modern, legacy }) }
}

/// The processor named in self-describing bad rows.
fn processor() -> Value {
    json!({"artifact": "snowplowctl", "version": env!("CARGO_PKG_VERSION")})
}

/// Appends the bad row of a failed line.
pub fn write_bad_row(line: &str, failure: &Failure, format: BadRowFormat, failure_tstamp: &str, out: &mut Vec<u8>) {
    let row = match format {
        BadRowFormat::Legacy => {
            let errors: Vec<Value> = match failure {
                Failure::Width(error) => vec![legacy_error(format!(
                    "Line does not match Snowplow enriched event (expected {LEGACY_MIN_FIELDS}+ fields; found {})",
                    error.found()
                ))],
                Failure::Fields(errors) => errors.iter().map(|e| legacy_error(e.to_string())).collect(),
                Failure::Legacy(errors) | Failure::Iglu { legacy: errors, .. } => errors.clone(),
            };
            json!({"line": line, "errors": errors, "failure_tstamp": failure_tstamp})
        }
        BadRowFormat::Modern => {
            let (schema, failure, payload) = match failure {
                Failure::Width(WidthError::NotTsv) => {
                    ("loader_parsing_error", json!({"type": "NotTSV"}), Value::String(line.to_owned()))
                }
                Failure::Width(error) => (
                    "loader_parsing_error",
                    json!({"type": "FieldNumberMismatch", "fieldCount": error.found()}),
                    Value::String(line.to_owned()),
                ),
                Failure::Fields(errors) => (
                    "loader_parsing_error",
                    json!({"type": "RowDecodingError", "errors": errors.iter().map(|e| json!({
                        "type": "InvalidValue", "key": e.name(), "value": e.value, "message": e.message,
                    })).collect::<Vec<_>>()}),
                    Value::String(line.to_owned()),
                ),
                Failure::Legacy(errors) => (
                    "loader_parsing_error",
                    json!({"type": "RowDecodingError", "errors": errors}),
                    Value::String(line.to_owned()),
                ),
                Failure::Iglu { modern, .. } => {
                    ("loader_iglu_error", Value::Array(modern.clone()), event_payload(line))
                }
            };
            json!({
                "schema": format!("iglu:com.snowplowanalytics.snowplow.badrows/{schema}/jsonschema/2-0-0"),
                "data": {"processor": processor(), "failure": failure, "payload": payload},
            })
        }
    };
    // Serialising a Value cannot fail.
    let _ = serde_json::to_writer(&mut *out, &row);
    out.push(b'\n');
}

/// The event as the Scala SDK's non-lossy JSON (JSON columns as envelopes, `{}` when empty),
/// which `loader_iglu_error` rows carry.
fn event_payload(line: &str) -> Value {
    let Ok(event) = EnrichedLine::parse(line, Width::Padded) else { return Value::String(line.to_owned()) };
    let mut lossy = Vec::new();
    if transform_event(&event, Shape::Scala, &mut lossy).is_err() {
        return Value::String(line.to_owned());
    }
    let Ok(Value::Object(lossy)) = serde_json::from_slice::<Value>(&lossy) else {
        return Value::String(line.to_owned());
    };
    let mut payload = serde_json::Map::new();
    for (i, name) in crate::enrich::event::FIELD_NAMES.iter().enumerate() {
        let value = if i == index::UNSTRUCT_EVENT && event.get(i).is_empty() {
            Value::Null
        } else if JSON_COLUMNS.contains(&i) {
            // Empty contexts are `{}` in the SDK's non-lossy JSON.
            serde_json::from_str(event.get(i)).unwrap_or_else(|_| json!({}))
        } else {
            lossy.get(*name).cloned().unwrap_or(Value::Null)
        };
        payload.insert((*name).to_owned(), value);
    }
    Value::Object(payload)
}

/// Where shredded lines go, relative to the run folder, and how TSV columns are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntityFormat {
    /// `shredded-types/vendor=V/name=N/format=F/version=M-R-A/` JSON lines.
    Json,
    /// `shredded-tsv/vendor=V/name=N/format=F/version=M/` TSV lines (RDB Shredder 0.16+).
    Tsv {
        /// Write absent and null values as `\N` (0.18+) rather than `""` (0.16–0.17).
        null_marker: bool,
    },
}

/// Shredded lines of one task, by folder relative to the run folder.
#[derive(Debug, Default)]
pub struct ShreddedLines {
    /// `atomic-events` lines.
    pub atomic: Vec<u8>,
    /// Entity lines by folder, e.g. `shredded-types/vendor=…/version=1-0-0`.
    pub entities: HashMap<String, Vec<u8>>,
    /// How many entity lines were written.
    pub entity_count: u64,
}

impl ShreddedLines {
    /// Bytes held.
    pub fn len(&self) -> usize {
        self.atomic.len() + self.entities.values().map(Vec::len).sum::<usize>()
    }

    /// Whether nothing is held.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

fn tsv_value(value: &Value, null_marker: bool, out: &mut Vec<u8>) {
    let text: std::borrow::Cow<'_, str> = match value {
        Value::Null => {
            if null_marker {
                out.extend_from_slice(b"\\N");
            }
            return;
        }
        Value::Bool(true) => "1".into(),
        Value::Bool(false) => "0".into(),
        Value::Number(n) => n.to_string().into(),
        Value::String(s) => s.as_str().into(),
        other => other.to_string().into(),
    };
    for byte in text.bytes() {
        out.push(if byte == b'\t' || byte == b'\n' { b' ' } else { byte });
    }
}

/// What every line of one entity type shares, worked out once per schema URI.
struct EntityType {
    key: SchemaKey,
    /// The `shredded-types/…` folder.
    json_folder: String,
    /// The `shredded-tsv/…` folder.
    tsv_folder: String,
    /// `{"schema":{…},"data":` of JSON lines.
    json_prefix: Vec<u8>,
    /// The escaped name, then `],"refParent":"events"}}` and a newline, ending JSON lines.
    json_name: Vec<u8>,
    /// `vendor TAB name TAB format TAB version`, starting TSV lines.
    tsv_schema: String,
    /// `["events","NAME"]`, the refTree column of TSV lines.
    tsv_ref_tree: String,
}

impl EntityType {
    fn new(key: SchemaKey) -> EntityType {
        let version = key.version.to_string();
        let mut json_prefix = Vec::with_capacity(128);
        json_prefix.extend_from_slice(b"{\"schema\":{\"vendor\":");
        json::write_string(&mut json_prefix, &key.vendor);
        json_prefix.extend_from_slice(b",\"name\":");
        json::write_string(&mut json_prefix, &key.name);
        json_prefix.extend_from_slice(b",\"format\":");
        json::write_string(&mut json_prefix, &key.format);
        json_prefix.extend_from_slice(b",\"version\":");
        json::write_string(&mut json_prefix, &version);
        json_prefix.extend_from_slice(b"},\"data\":");
        let mut json_name = Vec::with_capacity(64);
        json::write_string(&mut json_name, &key.name);
        json_name.extend_from_slice(b"],\"refParent\":\"events\"}}\n");
        EntityType {
            tsv_schema: format!("{}\t{}\t{}\t{version}", key.vendor, key.name, key.format),
            tsv_ref_tree: format!("[\"events\",\"{}\"]", key.name),
            json_folder: format!(
                "shredded-types/vendor={}/name={}/format={}/version={version}",
                key.vendor, key.name, key.format
            ),
            tsv_folder: format!(
                "shredded-tsv/vendor={}/name={}/format={}/version={}",
                key.vendor, key.name, key.format, key.version.model
            ),
            json_prefix,
            json_name,
            key,
        }
    }
}

type FxBuild = std::hash::BuildHasherDefault<crate::iglu::validate::FxHasher>;

/// How many entity types a thread remembers before starting over.
const ENTITY_TYPE_CACHE_SIZE: usize = 4096;

thread_local! {
    /// Entity types by the raw JSON token of their schema URI: a batch holds few types, and
    /// parsing a URI and formatting its folder costs more than looking it up.
    static ENTITY_TYPES: std::cell::RefCell<HashMap<String, Arc<EntityType>, FxBuild>> = Default::default();
}

/// The entity type of a schema token (a JSON string), or `None` when it is not an Iglu URI.
fn entity_type(token: &str) -> Option<Arc<EntityType>> {
    ENTITY_TYPES.with_borrow_mut(|types| {
        if let Some(found) = types.get(token) {
            return Some(Arc::clone(found));
        }
        let key = SchemaKey::parse(&json::decode_string(token).ok()?).ok()?;
        if types.len() >= ENTITY_TYPE_CACHE_SIZE {
            types.clear();
        }
        let found = Arc::new(EntityType::new(key));
        types.insert(token.to_owned(), Arc::clone(&found));
        Some(found)
    })
}

/// The `duplicate` context's schema token.
const DUPLICATE_SCHEMA: &str = "\"iglu:com.snowplowanalytics.snowplow/duplicate/jsonschema/1-0-0\"";

/// Appends an event's atomic line and entity lines. `duplicate_of` is the original id of a
/// synthetic duplicate given `new_id`.
pub fn shred(
    line: &str,
    new_id: Option<(&str, &str)>,
    format: EntityFormat,
    layouts: &TsvLayouts,
    out: &mut ShreddedLines,
) {
    let Ok(event) = EnrichedLine::parse(line, Width::Padded) else { return };
    write_atomic(&event, new_id.map(|(id, _)| id), &mut out.atomic);
    let root_id = new_id.map_or(event.get(index::EVENT_ID), |(id, _)| id);
    let root_tstamp = event.get(index::COLLECTOR_TSTAMP);
    let mut duplicate = Vec::new();
    let mut entities = Vec::new();
    if let Some((_, original)) = new_id {
        duplicate.extend_from_slice(b"{\"originalEventId\":");
        json::write_string(&mut duplicate, original);
        duplicate.push(b'}');
        let data = std::str::from_utf8(&duplicate).unwrap_or_default();
        entities.push(EntityRef { schema: DUPLICATE_SCHEMA, data, compact: true });
    }
    entities.extend(self::entities(&event));
    for entity in entities {
        let Some(kind) = entity_type(entity.schema) else { continue };
        match format {
            EntityFormat::Json => {
                let lines = folder_lines(out, &kind.json_folder);
                let before = lines.len();
                lines.extend_from_slice(&kind.json_prefix);
                if json::write_value(lines, entity.data, entity.compact).is_err() {
                    lines.truncate(before);
                    continue;
                }
                lines.extend_from_slice(b",\"hierarchy\":{\"rootId\":");
                json::write_string(lines, root_id);
                lines.extend_from_slice(b",\"rootTstamp\":");
                json::write_string(lines, root_tstamp);
                lines.extend_from_slice(b",\"refRoot\":\"events\",\"refTree\":[\"events\",");
                lines.extend_from_slice(&kind.json_name);
            }
            EntityFormat::Tsv { null_marker } => {
                let Ok(data) = serde_json::from_str::<Value>(entity.data) else { continue };
                let key = &kind.key;
                let lines = folder_lines(out, &kind.tsv_folder);
                for (i, meta) in
                    [kind.tsv_schema.as_str(), root_id, root_tstamp, "events", &kind.tsv_ref_tree, "events"]
                        .iter()
                        .enumerate()
                {
                    if i > 0 {
                        lines.push(b'\t');
                    }
                    lines.extend_from_slice(meta.as_bytes());
                }
                for column in layouts.columns(key).iter() {
                    lines.push(b'\t');
                    tsv_value(column.value(&data).unwrap_or(&Value::Null), null_marker, lines);
                }
                lines.push(b'\n');
            }
        }
        out.entity_count += 1;
    }
}

/// The lines of `folder`, looked up without allocating when it exists.
fn folder_lines<'o>(out: &'o mut ShreddedLines, folder: &str) -> &'o mut Vec<u8> {
    if !out.entities.contains_key(folder) {
        out.entities.insert(folder.to_owned(), Vec::new());
    }
    out.entities.get_mut(folder).expect("inserted above")
}

/// How many columns an atomic line has.
pub const ATOMIC_COLUMNS: usize = FIELD_COUNT - JSON_COLUMNS.len();

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_lines_drop_json_columns_and_truncate() {
        let mut fields = vec![String::new(); 120];
        fields[0] = "a".repeat(300);
        fields[6] = "2b1b25a4-c0df-4859-8201-cf21492ad61b".into();
        fields[52] = "{}".into();
        let line = fields.join("\t");
        let event = EnrichedLine::parse(&line, Width::Padded).unwrap();
        let mut out = Vec::new();
        write_atomic(&event, Some("aaaaaaaa-0000-1111-2222-bbbbbbbbbbbb"), &mut out);
        let text = String::from_utf8(out).unwrap();
        let columns: Vec<&str> = text.strip_suffix('\n').unwrap().split('\t').collect();
        assert_eq!(columns.len(), ATOMIC_COLUMNS);
        assert_eq!(columns[0].len(), 255);
        assert_eq!(columns[6], "aaaaaaaa-0000-1111-2222-bbbbbbbbbbbb");
        assert!(!text.contains("{}"));
    }

    #[test]
    fn atomic_lines_of_full_lines_keep_every_other_column_as_it_is() {
        let fields: Vec<String> = (0..FIELD_COUNT).map(|i| (i % 10).to_string()).collect();
        let line = fields.join("\t");
        let event = EnrichedLine::parse(&line, Width::Exact).unwrap();
        let mut out = Vec::new();
        write_atomic(&event, None, &mut out);
        let expected: Vec<&str> = fields
            .iter()
            .enumerate()
            .filter(|(i, _)| !JSON_COLUMNS.contains(i))
            .map(|(_, value)| value.as_str())
            .collect();
        assert_eq!(String::from_utf8(out).unwrap(), expected.join("\t") + "\n");
    }

    #[test]
    fn entities_validated_upstream_are_not_validated_again_but_derived_contexts_are() {
        let validators = Validators::new(Arc::new(crate::iglu::Resolver::bundled()));
        let unknown = r#"{"schema":"iglu:com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-1","data":[{"schema":"iglu:com.acme/unknown/jsonschema/1-0-0","data":{}}]}"#;
        let line_with = |column: usize| {
            let mut fields = vec![String::new(); FIELD_COUNT];
            fields[index::COLLECTOR_TSTAMP] = "2017-01-01 00:00:00.000".into();
            fields[index::EVENT_ID] = "2b1b25a4-c0df-4859-8201-cf21492ad61b".into();
            fields[10] = "ssc-0.0.0".into();
            fields[11] = "snowplowctl".into();
            fields[column] = unknown.into();
            fields.join("\t")
        };
        let checked = |line: &str, validated: bool| {
            let event = EnrichedLine::parse(line, Width::Exact).unwrap();
            check_parsed(&event, BadRowFormat::Modern, &validators, validated).map_err(|f| f.kind())
        };
        let contexts = line_with(index::CONTEXTS);
        assert_eq!(checked(&contexts, false), Err("loader_iglu_error"));
        assert_eq!(checked(&contexts, true), Ok(()));
        let derived = line_with(index::DERIVED_CONTEXTS);
        assert_eq!(checked(&derived, false), Err("loader_iglu_error"));
        assert_eq!(checked(&derived, true), Err("loader_iglu_error"));
    }

    #[test]
    fn tsv_values_follow_the_column_rules() {
        let mut out = Vec::new();
        for value in [json!(null), json!(true), json!(1.5), json!("a\tb\nc"), json!([1, {"a": null}])] {
            tsv_value(&value, true, &mut out);
            out.push(b'|');
        }
        assert_eq!(String::from_utf8(out).unwrap(), "\\N|1|1.5|a b c|[1,{\"a\":null}]|");
    }
}
