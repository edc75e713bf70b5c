//! One enriched event through RDB Shredder: the checks that make it a bad row, and the lines
//! it becomes (the atomic line, one JSON or TSV line per entity).
//!
//! Reading follows RDB Shredder 0.12–0.15 (and Hadoop Shred): 108 to 131 columns, padded to
//! 131. Legacy bad rows use those versions' loader checks and texts; self-describing bad rows
//! use the 0.16+ checks (the Scala Analytics SDK's, see [`super::transform`]).

use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, Mutex};

use serde_json::{Value, json};

use super::enriched::{EnrichedLine, FieldError, LEGACY_MIN_FIELDS, Width, WidthError, index};
use super::json;
use super::transform::{Shape, TransformError, check_scala, transform_event};
use super::tsv_columns::TsvLayouts;
use crate::enrich::event::{FIELD_COUNT, Field};
use crate::iglu::tape::{Kind as TapeKind, Tape};
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
/// columns dropped (128 columns). Returns where its event_id is, from the line's start (a
/// synthetic duplicate's new id goes there).
pub fn write_atomic(event: &EnrichedLine<'_>, out: &mut Vec<u8>) -> Range<usize> {
    let line_start = out.len();
    // Usually nothing is padded or truncated: the line's runs of columns between the JSON
    // columns are copied as they are.
    if event.original_count() == FIELD_COUNT
        && ATOMIC_MAX_BYTES.iter().enumerate().all(|(i, &max)| event.range(i).len() <= max)
    {
        for (i, &(first, last)) in ATOMIC_RUNS.iter().enumerate() {
            if i > 0 {
                out.push(b'\t');
            }
            out.extend_from_slice(event.span(first, last).as_bytes());
        }
        out.push(b'\n');
        // The first run starts the line, so it holds the event_id where the line does.
        return event.range(index::EVENT_ID);
    }
    let mut id = 0..0;
    for (i, value) in event.fields().enumerate() {
        if JSON_COLUMNS.contains(&i) {
            continue;
        }
        if i > 0 {
            out.push(b'\t');
        }
        let start = out.len() - line_start;
        out.extend_from_slice(truncated(value, atomic_max_length(i)).as_bytes());
        if i == index::EVENT_ID {
            id = start..out.len() - line_start;
        }
    }
    out.push(b'\n');
    id
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

/// Appends the entities of an event, in legacy shredding order: unstruct_event, contexts,
/// derived. A column that is not valid JSON gives none; a column that is not an envelope of
/// objects with `schema` and `data` gives those of its items that are.
pub fn entities<'t>(event: &EnrichedLine<'t>, found: &mut Vec<EntityRef<'t>>) {
    for column in [index::UNSTRUCT_EVENT, index::CONTEXTS, index::DERIVED_CONTEXTS] {
        let text = event.get(column);
        if text.is_empty() {
            continue;
        }
        let first = found.len();
        if envelope_entities(text, column == index::UNSTRUCT_EVENT, found).is_err() {
            found.truncate(first);
        }
    }
}

/// The entities of one envelope, checking the whole document in one pass: its (last) `data`
/// is the entity when `single`, else an array of them.
fn envelope_entities<'t>(text: &'t str, single: bool, found: &mut Vec<EntityRef<'t>>) -> Result<(), json::JsonError> {
    let bytes = text.as_bytes();
    let start = json::value_start(text);
    if bytes.get(start) != Some(&b'{') {
        return Ok(());
    }
    let first = found.len();
    let (end, _) = json::walk_object(text, start, |name, value| {
        // An escape that cannot be decoded makes the envelope unreadable, as for
        // `json::object_members`.
        if json::decode_string(name)? != "data" {
            return json::skip_value(text, value, 1);
        }
        // A later `data` replaces an earlier one.
        found.truncate(first);
        if single {
            return entity(text, value, 1, found);
        }
        if bytes.get(value) != Some(&b'[') {
            return json::skip_value(text, value, 1);
        }
        json::walk_array(text, value, |item| entity(text, item, 2, found))
    })?;
    json::expect_end(text, end)
}

/// Reads the value at `start` (`depth` levels into its envelope), keeping it as an entity when
/// it is an object with `schema` and `data` (the last of each); returns what
/// [`json::skip_value`] would.
fn entity<'t>(
    text: &'t str,
    start: usize,
    depth: usize,
    found: &mut Vec<EntityRef<'t>>,
) -> Result<(usize, bool), json::JsonError> {
    if text.as_bytes().get(start) != Some(&b'{') {
        return json::skip_value(text, start, depth);
    }
    let mut schema = None;
    let mut data = None;
    // A name that cannot be decoded makes this item unreadable, not its envelope.
    let mut readable = true;
    let scanned = json::walk_object(text, start, |name, value| {
        let (end, spaced) = json::skip_value(text, value, depth + 1)?;
        match json::decode_string(name).as_deref() {
            Ok("schema") => schema = Some(&text[value..end]),
            Ok("data") => data = Some((&text[value..end], !spaced)),
            Ok(_) => {}
            Err(_) => readable = false,
        }
        Ok((end, spaced))
    })?;
    if let (true, Some(schema), Some((data, compact))) = (readable, schema, data) {
        found.push(EntityRef { schema, data, compact });
    }
    Ok(scanned)
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

/// Shredded lines of one task: the atomic lines, and entity lines by folder number (see
/// [`ShreddedLines::folders`]).
#[derive(Debug, Default)]
pub struct ShreddedLines {
    /// `atomic-events` lines.
    pub atomic: Vec<u8>,
    /// Entity lines, indexed by folder number.
    pub entities: Vec<Vec<u8>>,
    /// How many entity lines were written.
    pub entity_count: u64,
}

impl ShreddedLines {
    /// Bytes held.
    pub fn len(&self) -> usize {
        self.atomic.len() + self.entities.iter().map(Vec::len).sum::<usize>()
    }

    /// Whether nothing is held.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The lines of folder `number`.
    fn entity_lines(&mut self, number: u32) -> &mut Vec<u8> {
        let number = number as usize;
        if self.entities.len() <= number {
            self.entities.resize_with(number + 1, Vec::new);
        }
        &mut self.entities[number]
    }

    /// Each folder that has lines (relative to the run folder: `atomic-events`, then e.g.
    /// `shredded-types/vendor=…/version=1-0-0`) with its lines.
    pub fn folders(&self) -> Vec<(String, &[u8])> {
        let mut folders = Vec::new();
        if !self.atomic.is_empty() {
            folders.push(("atomic-events".to_owned(), self.atomic.as_slice()));
        }
        let names = FOLDERS.lock().unwrap_or_else(|e| e.into_inner());
        for (number, lines) in self.entities.iter().enumerate() {
            if !lines.is_empty() {
                folders.push((names.names[number].clone(), lines.as_slice()));
            }
        }
        folders
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

/// [`tsv_value`] of node `index` of a tape (`None` for an absent value). Integers and strings
/// print as their text; floats (serde_json prints `1e300` as `1e+300`) and containers of them
/// go through serde_json.
fn tsv_tape_value(tape: &Tape<'_>, index: Option<usize>, null_marker: bool, out: &mut Vec<u8>) {
    let Some(index) = index else { return tsv_value(&Value::Null, null_marker, out) };
    match tape.node(index).kind {
        TapeKind::Null => tsv_value(&Value::Null, null_marker, out),
        TapeKind::Bool => out.push(if tape.raw(index) == "true" { b'1' } else { b'0' }),
        // Neither holds whitespace or a control character to replace.
        TapeKind::Int => out.extend_from_slice(tape.raw(index).as_bytes()),
        TapeKind::Str => out.extend_from_slice(tape.raw_str(index).as_bytes()),
        TapeKind::EscapedStr => {
            out.extend(tape.string(index).bytes().map(|b| if b == b'\t' || b == b'\n' { b' ' } else { b }))
        }
        TapeKind::Float | TapeKind::Array | TapeKind::Object => {
            let value = serde_json::from_str::<Value>(tape.raw(index)).unwrap_or(Value::Null);
            tsv_value(&value, null_marker, out);
        }
    }
}

/// What every line of one entity type shares, worked out once per schema URI.
#[derive(Debug)]
struct EntityType {
    key: SchemaKey,
    /// The number of the `shredded-types/…` folder ([`folder_number`]).
    json_folder: u32,
    /// The number of the `shredded-tsv/…` folder, which all revisions of a model share.
    tsv_folder: u32,
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
            json_folder: folder_number(&format!(
                "shredded-types/vendor={}/name={}/format={}/version={version}",
                key.vendor, key.name, key.format
            )),
            tsv_folder: folder_number(&format!(
                "shredded-tsv/vendor={}/name={}/format={}/version={}",
                key.vendor, key.name, key.format, key.version.model
            )),
            json_prefix,
            json_name,
            key,
        }
    }

    /// The number of the folder its lines go to.
    fn folder(&self, format: EntityFormat) -> u32 {
        match format {
            EntityFormat::Json => self.json_folder,
            EntityFormat::Tsv { .. } => self.tsv_folder,
        }
    }
}

type FxBuild = std::hash::BuildHasherDefault<crate::iglu::validate::FxHasher>;

/// How many entity types a thread remembers before starting over.
const ENTITY_TYPE_CACHE_SIZE: usize = 4096;

/// Entity folders (relative to the run folder) numbered in the order first seen, for the whole
/// process: output buffers and spilled events name folders by number. Only folders of
/// entities that passed Iglu validation are here, so their count is bounded by the schemas the
/// resolvers know.
#[derive(Default)]
struct Folders {
    numbers: HashMap<String, u32>,
    names: Vec<String>,
}

static FOLDERS: std::sync::LazyLock<Mutex<Folders>> = std::sync::LazyLock::new(Mutex::default);

/// The number of `folder`, given now when it is new.
fn folder_number(folder: &str) -> u32 {
    let mut folders = FOLDERS.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(&number) = folders.numbers.get(folder) {
        return number;
    }
    let number = u32::try_from(folders.names.len()).unwrap_or(u32::MAX);
    folders.numbers.insert(folder.to_owned(), number);
    folders.names.push(folder.to_owned());
    number
}

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
        // A schema that is not a JSON string (a number, say) is no URI.
        if token.len() < 2 || !token.starts_with('"') {
            return None;
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

/// Appends one entity line; returns where its root id is, from the line's start, or `None`
/// (and appends nothing) when the entity's data cannot be written.
fn write_entity_line(
    kind: &EntityType,
    entity: &EntityRef<'_>,
    root_id: &str,
    root_tstamp: &str,
    format: EntityFormat,
    layouts: &TsvLayouts,
    lines: &mut Vec<u8>,
) -> Option<Range<usize>> {
    let before = lines.len();
    let id_start;
    match format {
        EntityFormat::Json => {
            lines.extend_from_slice(&kind.json_prefix);
            if json::write_value(lines, entity.data, entity.compact).is_err() {
                lines.truncate(before);
                return None;
            }
            lines.extend_from_slice(b",\"hierarchy\":{\"rootId\":\"");
            id_start = lines.len() - before;
            json::write_escaped(lines, root_id);
            let id_end = lines.len() - before;
            lines.extend_from_slice(b"\",\"rootTstamp\":");
            json::write_string(lines, root_tstamp);
            lines.extend_from_slice(b",\"refRoot\":\"events\",\"refTree\":[\"events\",");
            lines.extend_from_slice(&kind.json_name);
            Some(id_start..id_end)
        }
        EntityFormat::Tsv { null_marker } => {
            // Canonical data is read from a tape, without building a tree.
            let tape = Tape::parse(entity.data);
            let data = match tape {
                Some(_) => Value::Null,
                None => serde_json::from_str::<Value>(entity.data).ok()?,
            };
            lines.extend_from_slice(kind.tsv_schema.as_bytes());
            lines.push(b'\t');
            id_start = lines.len() - before;
            lines.extend_from_slice(root_id.as_bytes());
            let id_end = lines.len() - before;
            for meta in [root_tstamp, "events", &kind.tsv_ref_tree, "events"] {
                lines.push(b'\t');
                lines.extend_from_slice(meta.as_bytes());
            }
            for column in layouts.columns(&kind.key).iter() {
                lines.push(b'\t');
                match &tape {
                    Some(tape) => tsv_tape_value(tape, column.tape_value(tape), null_marker, lines),
                    None => tsv_value(column.value(&data).unwrap_or(&Value::Null), null_marker, lines),
                }
            }
            lines.push(b'\n');
            Some(id_start..id_end)
        }
    }
}

/// Where one entity line is in a [`ShreddedEvent`]: its folder, length and root id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EntityLine {
    /// The folder number.
    pub folder: u32,
    /// The line's length, newline included.
    pub len: u32,
    /// Where the root id starts in the line.
    pub id_start: u32,
    /// Where it ends.
    pub id_end: u32,
}

impl EntityLine {
    /// Bytes of an encoded entry.
    pub const SIZE: usize = 16;

    fn encode(&self, out: &mut Vec<u8>) {
        for field in [self.folder, self.len, self.id_start, self.id_end] {
            out.extend_from_slice(&field.to_le_bytes());
        }
    }

    /// An entry [`EntityLine::encode`] wrote (`entry` is [`EntityLine::SIZE`] bytes).
    fn decode(entry: &[u8]) -> EntityLine {
        let field = |i: usize| u32::from_le_bytes(entry[i * 4..i * 4 + 4].try_into().unwrap_or_default());
        EntityLine { folder: field(0), len: field(1), id_start: field(2), id_end: field(3) }
    }
}

/// Offsets in [`ShreddedEvent`]s are `u32`: lines are far shorter.
fn offset(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

/// One event's shredded lines, kept with where its event_id is in each, so that a synthetic
/// duplicate's lines can be written with its new id without shredding it again.
#[derive(Debug, Default)]
pub struct ShreddedEvent {
    /// The atomic line, then the entity lines.
    pub lines: Vec<u8>,
    /// The atomic line's length, newline included.
    pub atomic_len: usize,
    /// Where the event_id is in the atomic line.
    pub atomic_id: Range<usize>,
    /// One encoded [`EntityLine`] per entity line, in order.
    pub table: Vec<u8>,
}

impl ShreddedEvent {
    /// The lines as a [`ShreddedView`].
    pub fn view(&self) -> ShreddedView<'_> {
        ShreddedView {
            lines: &self.lines,
            atomic_len: self.atomic_len,
            atomic_id: self.atomic_id.clone(),
            table: &self.table,
        }
    }
}

/// A [`ShreddedEvent`]'s parts, borrowed (from the event or from a spilled copy of it).
#[derive(Debug, Clone)]
pub struct ShreddedView<'a> {
    /// The atomic line, then the entity lines.
    pub lines: &'a [u8],
    /// The atomic line's length, newline included.
    pub atomic_len: usize,
    /// Where the event_id is in the atomic line.
    pub atomic_id: Range<usize>,
    /// Encoded [`EntityLine`]s.
    pub table: &'a [u8],
}

/// A synthetic duplicate's ids, and the root timestamp of its `duplicate` context.
#[derive(Debug, Clone, Copy)]
pub struct Duplicate<'a> {
    /// The new event id.
    pub new_id: &'a str,
    /// The event id it replaces.
    pub original_id: &'a str,
    /// The event's collector_tstamp.
    pub root_tstamp: &'a str,
}

impl ShreddedView<'_> {
    /// Whether the view's offsets fit its lines (spilled copies are read back from disk).
    pub fn is_consistent(&self) -> bool {
        let mut at = self.atomic_len;
        let entries_fit = self.table.len().is_multiple_of(EntityLine::SIZE)
            && self.table.chunks_exact(EntityLine::SIZE).all(|entry| {
                let entry = EntityLine::decode(entry);
                at += entry.len as usize;
                entry.id_start <= entry.id_end && entry.id_end <= entry.len
            });
        entries_fit
            && at == self.lines.len()
            && self.atomic_id.start <= self.atomic_id.end
            && self.atomic_id.end <= self.atomic_len
    }

    /// Appends the event's lines, with the new id and a `duplicate` context first when it is
    /// a synthetic duplicate: the lines [`shred`] would write for it. The view must be
    /// [consistent](ShreddedView::is_consistent).
    pub fn write_to(
        &self,
        duplicate: Option<&Duplicate<'_>>,
        format: EntityFormat,
        layouts: &TsvLayouts,
        out: &mut ShreddedLines,
    ) {
        let atomic = &self.lines[..self.atomic_len];
        match duplicate {
            None => out.atomic.extend_from_slice(atomic),
            Some(duplicate) => {
                out.atomic.extend_from_slice(&atomic[..self.atomic_id.start]);
                let new_id = truncated(duplicate.new_id, atomic_max_length(index::EVENT_ID));
                out.atomic.extend_from_slice(new_id.as_bytes());
                out.atomic.extend_from_slice(&atomic[self.atomic_id.end..]);
                let mut data = Vec::with_capacity(64);
                data.extend_from_slice(b"{\"originalEventId\":");
                json::write_string(&mut data, duplicate.original_id);
                data.push(b'}');
                let data = std::str::from_utf8(&data).unwrap_or_default();
                let entity = EntityRef { schema: DUPLICATE_SCHEMA, data, compact: true };
                if let Some(kind) = entity_type(DUPLICATE_SCHEMA) {
                    let lines = out.entity_lines(kind.folder(format));
                    let (new_id, tstamp) = (duplicate.new_id, duplicate.root_tstamp);
                    if write_entity_line(&kind, &entity, new_id, tstamp, format, layouts, lines).is_some() {
                        out.entity_count += 1;
                    }
                }
            }
        }
        let mut at = self.atomic_len;
        for entry in self.table.chunks_exact(EntityLine::SIZE) {
            let entry = EntityLine::decode(entry);
            let line = &self.lines[at..at + entry.len as usize];
            at += entry.len as usize;
            let lines = out.entity_lines(entry.folder);
            match duplicate {
                None => lines.extend_from_slice(line),
                Some(duplicate) => {
                    lines.extend_from_slice(&line[..entry.id_start as usize]);
                    match format {
                        EntityFormat::Json => json::write_escaped(lines, duplicate.new_id),
                        EntityFormat::Tsv { .. } => lines.extend_from_slice(duplicate.new_id.as_bytes()),
                    }
                    lines.extend_from_slice(&line[entry.id_end as usize..]);
                }
            }
            out.entity_count += 1;
        }
    }
}

/// Shreds one event into `out` (cleared first): its atomic line and entity lines, with where
/// its event_id is in each. `entities` is scratch space, reused from event to event.
pub fn shred<'t>(
    event: &EnrichedLine<'t>,
    format: EntityFormat,
    layouts: &TsvLayouts,
    entities: &mut Vec<EntityRef<'t>>,
    out: &mut ShreddedEvent,
) {
    out.lines.clear();
    out.table.clear();
    out.atomic_id = write_atomic(event, &mut out.lines);
    out.atomic_len = out.lines.len();
    let root_id = event.get(index::EVENT_ID);
    let root_tstamp = event.get(index::COLLECTOR_TSTAMP);
    entities.clear();
    self::entities(event, entities);
    for entity in entities.iter() {
        let Some(kind) = entity_type(entity.schema) else { continue };
        let start = out.lines.len();
        if let Some(id) = write_entity_line(&kind, entity, root_id, root_tstamp, format, layouts, &mut out.lines) {
            let len = out.lines.len() - start;
            let line = EntityLine {
                folder: kind.folder(format),
                len: offset(len),
                id_start: offset(id.start),
                id_end: offset(id.end),
            };
            line.encode(&mut out.table);
        }
    }
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
        let mut out = b"before".to_vec();
        let id = write_atomic(&event, &mut out);
        let text = String::from_utf8(out[6..].to_vec()).unwrap();
        assert_eq!(&text[id], "2b1b25a4-c0df-4859-8201-cf21492ad61b");
        let columns: Vec<&str> = text.strip_suffix('\n').unwrap().split('\t').collect();
        assert_eq!(columns.len(), ATOMIC_COLUMNS);
        assert_eq!(columns[0].len(), 255);
        assert!(!text.contains("{}"));
    }

    #[test]
    fn atomic_lines_of_full_lines_keep_every_other_column_as_it_is() {
        let fields: Vec<String> = (0..FIELD_COUNT).map(|i| (i % 10).to_string()).collect();
        let line = fields.join("\t");
        let event = EnrichedLine::parse(&line, Width::Exact).unwrap();
        let mut out = Vec::new();
        let id = write_atomic(&event, &mut out);
        assert_eq!(out[id].to_vec(), b"6");
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

    /// The entities of an event as shredding found them before it walked each column once:
    /// the envelope read whole with `object_members`, then its data, then each item.
    fn reference_entities<'t>(event: &EnrichedLine<'t>) -> Vec<EntityRef<'t>> {
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

    /// Lines by folder, atomic-events included.
    type Folders = std::collections::BTreeMap<String, Vec<u8>>;

    /// Shredding as it was before events were shredded once and patched for duplicates: every
    /// column written (and truncated) one by one, the new id and `duplicate` context put in
    /// while writing.
    fn reference_shred(
        line: &str,
        new_id: Option<(&str, &str)>,
        format: EntityFormat,
        layouts: &TsvLayouts,
    ) -> (Folders, u64) {
        let mut folders = Folders::new();
        let mut count = 0;
        let event = EnrichedLine::parse(line, Width::Padded).unwrap();
        let mut atomic = Vec::new();
        for (i, value) in event.fields().enumerate() {
            if JSON_COLUMNS.contains(&i) {
                continue;
            }
            if i > 0 {
                atomic.push(b'\t');
            }
            let value = if i == index::EVENT_ID { new_id.map_or(value, |(id, _)| id) } else { value };
            atomic.extend_from_slice(truncated(value, atomic_max_length(i)).as_bytes());
        }
        atomic.push(b'\n');
        folders.insert("atomic-events".to_owned(), atomic);
        let root_id = new_id.map_or(event.get(index::EVENT_ID), |(id, _)| id);
        let root_tstamp = event.get(index::COLLECTOR_TSTAMP);
        let mut duplicate = Vec::new();
        let mut entities = Vec::new();
        if let Some((_, original)) = new_id {
            duplicate.extend_from_slice(b"{\"originalEventId\":");
            json::write_string(&mut duplicate, original);
            duplicate.push(b'}');
            let data = std::str::from_utf8(&duplicate).unwrap();
            entities.push(EntityRef { schema: DUPLICATE_SCHEMA, data, compact: true });
        }
        entities.extend(reference_entities(&event));
        for entity in entities {
            let Some(kind) = entity_type(entity.schema) else { continue };
            match format {
                EntityFormat::Json => {
                    let mut line = kind.json_prefix.clone();
                    if json::write_value(&mut line, entity.data, entity.compact).is_err() {
                        continue;
                    }
                    line.extend_from_slice(b",\"hierarchy\":{\"rootId\":");
                    json::write_string(&mut line, root_id);
                    line.extend_from_slice(b",\"rootTstamp\":");
                    json::write_string(&mut line, root_tstamp);
                    line.extend_from_slice(b",\"refRoot\":\"events\",\"refTree\":[\"events\",");
                    line.extend_from_slice(&kind.json_name);
                    let folder = FOLDERS.lock().unwrap().names[kind.json_folder as usize].clone();
                    folders.entry(folder).or_default().extend(line);
                }
                EntityFormat::Tsv { null_marker } => {
                    let Ok(data) = serde_json::from_str::<Value>(entity.data) else { continue };
                    let folder = FOLDERS.lock().unwrap().names[kind.tsv_folder as usize].clone();
                    let lines = folders.entry(folder).or_default();
                    let metas =
                        [kind.tsv_schema.as_str(), root_id, root_tstamp, "events", &kind.tsv_ref_tree, "events"];
                    lines.extend_from_slice(metas.join("\t").as_bytes());
                    for column in layouts.columns(&kind.key).iter() {
                        lines.push(b'\t');
                        tsv_value(column.value(&data).unwrap_or(&Value::Null), null_marker, lines);
                    }
                    lines.push(b'\n');
                }
            }
            count += 1;
        }
        (folders, count)
    }

    /// Envelopes of every shape shredding meets, well-formed or not.
    fn envelopes(contexts: bool) -> Vec<String> {
        let envelope = if contexts { "contexts/jsonschema/1-0-0" } else { "unstruct_event/jsonschema/1-0-0" };
        let schema = format!("\"iglu:com.snowplowanalytics.snowplow/{envelope}\"");
        let page = r#"{"schema":"iglu:com.snowplowanalytics.snowplow/web_page/jsonschema/1-0-0","data":{"id":"p-1"}}"#;
        let acme = r#"{"schema":"iglu:com.acme/thing/jsonschema/1-0-2","data":{"a":[1,2.5e3,true,null],"b":{"c":"t\tq\"\\ é"}}}"#;
        let spaced = r#"{ "schema" : "iglu:com.acme/thing/jsonschema/1-0-0" , "data" : { "x" : [ 1 , 2 ] } }"#;
        let escaped_names = r#"{"sch\u0065ma":"iglu:com.acme\/thing\/jsonschema\/1-0-0","d\u0061ta":{"y":1}}"#;
        let repeated = r#"{"schema":"iglu:com.acme/one/jsonschema/1-0-0","data":{"n":1},"schema":"iglu:com.acme/two/jsonschema/1-0-0","data":{"n":2}}"#;
        let deep = format!(
            r#"{{"schema":"iglu:com.acme/deep/jsonschema/1-0-0","data":{}{}}}"#,
            "[".repeat(130),
            "]".repeat(130)
        );
        let items = [
            page,
            acme,
            spaced,
            escaped_names,
            repeated,
            deep.as_str(),
            r#"{"schema":"iglu:com.acme/no_data/jsonschema/1-0-0"}"#,
            r#"{"data":{}}"#,
            r#"{"schema":"not a uri","data":{}}"#,
            r#"{"schema":7,"data":{}}"#,
            "1",
            "\"text\"",
            "[]",
            r#"{"schema":"iglu:com.acme/bad_escape/jsonschema/1-0-0","d\uD800ata":{}}"#,
        ];
        let mut found = Vec::new();
        for item in items {
            if contexts {
                found.push(format!(r#"{{"schema":{schema},"data":[{item}]}}"#));
                found.push(format!(r#"{{"schema":{schema},"data":[{page},{item},{acme}]}}"#));
            } else {
                found.push(format!(r#"{{"schema":{schema},"data":{item}}}"#));
            }
        }
        found.extend([
            format!(r#"{{"data":[{page}],"schema":{schema},"data":[{acme}]}}"#),
            format!(r#"{{"data":{page},"schema":{schema},"data":{acme}}}"#),
            format!(r#"{{"data":[{page}],"data":7}}"#),
            format!(r#"{{"schema":{schema},"data":[{page}]"#),
            format!(r#"{{"schema":{schema},"data":[{page}]}} x"#),
            format!(r#" {{ "schema" : {schema} , "data" : [ {page} , {spaced} ] }} "#),
            format!(r#"[{page}]"#),
            "\"just text\"".to_owned(),
            "{}".to_owned(),
            "not json".to_owned(),
            String::new(),
        ]);
        found
    }

    #[test]
    fn shredding_once_and_patching_duplicates_gives_the_lines_of_the_general_path() {
        let validators = Arc::new(Validators::new(Arc::new(crate::iglu::Resolver::bundled())));
        let layouts = TsvLayouts::new(validators);
        let contexts = envelopes(true);
        let unstructs = envelopes(false);
        let ids =
            ["2b1b25a4-c0df-4859-8201-cf21492ad61b", "quote\"back\\slash", "ÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉ"];
        let formats =
            [EntityFormat::Json, EntityFormat::Tsv { null_marker: true }, EntityFormat::Tsv { null_marker: false }];
        let mut checked = 0;
        for (i, context) in contexts.iter().enumerate() {
            for (j, unstruct) in unstructs.iter().enumerate() {
                let case = i * unstructs.len() + j;
                // Full lines, lines to pad, and lines with values to truncate.
                let width = [FIELD_COUNT, FIELD_COUNT, 125, 110][case % 4];
                let mut fields = vec![String::new(); width];
                fields[index::COLLECTOR_TSTAMP] = "2017-01-01 00:00:00.000".into();
                fields[index::EVENT_ID] = ids[case % ids.len()].into();
                fields[0] = if case.is_multiple_of(3) { "é".repeat(300) } else { "app".into() };
                fields[index::CONTEXTS] = context.clone();
                fields[index::UNSTRUCT_EVENT] = unstruct.clone();
                if width > index::DERIVED_CONTEXTS {
                    fields[index::DERIVED_CONTEXTS] = contexts[(case * 7) % contexts.len()].clone();
                }
                let line = fields.join("\t");
                let event = EnrichedLine::parse(&line, Width::Padded).unwrap();
                let format = formats[case % formats.len()];
                let mut shredded = ShreddedEvent::default();
                shred(&event, format, &layouts, &mut Vec::new(), &mut shredded);
                for new_id in [None, Some("aaaaaaaa-0000-4111-8222-bbbbbbbbbbbb")] {
                    let original = event.get(index::EVENT_ID);
                    let duplicate = new_id.map(|new_id| Duplicate {
                        new_id,
                        original_id: original,
                        root_tstamp: event.get(index::COLLECTOR_TSTAMP),
                    });
                    let mut out = ShreddedLines::default();
                    assert!(shredded.view().is_consistent());
                    shredded.view().write_to(duplicate.as_ref(), format, &layouts, &mut out);
                    let text = |folders: Folders| -> Vec<(String, String)> {
                        folders.into_iter().map(|(f, l)| (f, String::from_utf8(l).unwrap())).collect()
                    };
                    let written: Folders = out.folders().into_iter().map(|(f, l)| (f, l.to_vec())).collect();
                    let (expected, count) = reference_shred(&line, new_id.map(|id| (id, original)), format, &layouts);
                    assert_eq!((text(written), out.entity_count), (text(expected), count), "{line}");
                    checked += 1;
                }
            }
        }
        assert!(checked > 1000);
    }

    #[test]
    fn tsv_values_read_from_a_tape_are_those_of_the_parsed_value() {
        let numbers = [
            "0",
            "-0",
            "1",
            "-17",
            "123456789012345678",
            "1.5",
            "-0.0",
            "0.1",
            "1e300",
            "1e-7",
            "1.0e5",
            "2.5E3",
            "100000000000000000000",
            "3.141592653589793",
        ];
        let strings = [r#""plain""#, r#""t\tq\"\\ é""#, r#""\n""#, r#""\u0001""#, r#""a\/b""#, r#""😀""#];
        let mut texts: Vec<String> = Vec::new();
        for value in
            numbers.iter().chain(&strings).chain(&["true", "false", "null", "[]", "{}", r#"[1,"a\tb",{"x":null}]"#])
        {
            texts.push(format!(r#"{{"v":{value},"o":{{"v":{value},"w\"k":{value}}},"s":"x"}}"#));
            texts.push(format!(r#"{{"s":"x","v":{value}}}"#));
        }
        texts.push(r#"{"v" : 1}"#.into());
        texts.push(r#"{"v":1,"v":2}"#.into());
        let paths: [&[&str]; 7] = [&[], &["v"], &["o", "v"], &["o", "w\"k"], &["s"], &["missing"], &["s", "v"]];
        let mut on_tape = 0;
        for text in &texts {
            let value: Value = serde_json::from_str(text).unwrap();
            let Some(tape) = Tape::parse(text) else { continue };
            on_tape += 1;
            for path in paths {
                let column = super::super::tsv_columns::Column { path: path.iter().map(|k| k.to_string()).collect() };
                for null_marker in [true, false] {
                    let (mut from_tape, mut from_value) = (Vec::new(), Vec::new());
                    tsv_tape_value(&tape, column.tape_value(&tape), null_marker, &mut from_tape);
                    tsv_value(column.value(&value).unwrap_or(&Value::Null), null_marker, &mut from_value);
                    assert_eq!(
                        String::from_utf8(from_tape).unwrap(),
                        String::from_utf8(from_value).unwrap(),
                        "{text} {path:?}"
                    );
                }
            }
        }
        assert!(on_tape > texts.len() / 2, "{on_tape}");
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
