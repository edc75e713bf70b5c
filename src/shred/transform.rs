//! The Analytics SDKs' event transformer: one enriched TSV line to one JSON object, with
//! typed scalars, `contexts_<vendor>_<name>_<model>` arrays, an `unstruct_event_…` object and
//! `geo_location`.
//!
//! Two shapes, following the SDKs' documented differences:
//!
//! | | [`Shape::Python`] (snowplow-analytics-sdk 0.2.3) | [`Shape::Scala`] (Scala SDK 2.x, `toJson(lossy = true)`) |
//! |---|---|---|
//! | empty scalar | key omitted | `null` |
//! | `se_value` | string | number |
//! | timestamps | `' '` → `T`, `Z` appended | parsed; printed as `Instant.toString` (zero millis dropped) |
//! | field 121 | `refr_device_tstamp` | `refr_dvce_tstamp` |
//! | `geo_location` | the raw texts | Java's `Double.toString` of the parsed values |
//! | key vendor | `.` → `_` | `.` and `-` → `_` |
//! | checks | numbers, booleans, JSON | also timestamps, UUID event_id, 32-bit integers, required fields |
//!
//! Common to both: exactly 131 fields; every error of a line is collected; the same key twice
//! in one field merges into one array; a key in both `contexts` and `derived_contexts` takes
//! the derived value (in the position of the first).

use std::collections::HashMap;
use std::fmt::Write as _;

use super::enriched::{EnrichedLine, FieldError, Width, WidthError, index};
use super::json::{self, Kind};
use crate::enrich::event::{FIELD_COUNT, FIELD_NAMES};

/// Which Analytics SDK's JSON to produce.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Shape {
    /// The Scala Analytics SDK 2.x (`Event.parse(line).toJson(lossy = true)`).
    #[default]
    Scala,
    /// The Python Analytics SDK 0.2.3 (`event_transformer.transform`).
    Python,
}

/// A line the transformer rejects.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransformError {
    /// The line does not have 131 fields.
    #[error("{0}")]
    Width(#[from] WidthError),
    /// Some fields hold values of the wrong type (all of them are listed).
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Fields(Vec<FieldError>),
}

/// How the SDKs type a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SdkType {
    /// Text.
    Text,
    /// An integer (32-bit in Scala).
    Integer,
    /// A floating-point number.
    Double,
    /// `1`/`0`.
    Boolean,
    /// `yyyy-MM-dd HH:mm:ss[.SSS]`, UTC.
    Timestamp,
    /// A contexts envelope.
    Contexts,
    /// An unstruct_event envelope.
    Unstruct,
}

/// The type the Scala SDK gives column `index` (the Python SDK keeps `se_value` as text).
pub fn sdk_type(index: usize) -> SdkType {
    match index {
        7 | 16 | 34 | 40 | 72..=76 | 95 | 96 | 103 | 104 | 106 | 107 => SdkType::Integer,
        22 | 23 | 57 | 61..=63 | 71 | 109..=111 | 113 => SdkType::Double,
        84..=93 | 102 => SdkType::Boolean,
        2..=4 | 119 | 121 | 124 | 130 => SdkType::Timestamp,
        index::CONTEXTS | index::DERIVED_CONTEXTS => SdkType::Contexts,
        index::UNSTRUCT_EVENT => SdkType::Unstruct,
        _ => SdkType::Text,
    }
}

/// Columns the Scala SDK requires (`Event`'s non-optional fields).
const SCALA_REQUIRED: [usize; 4] = [index::COLLECTOR_TSTAMP, index::EVENT_ID, 10, 11];

const REFR_DEVICE_TSTAMP: usize = 121;

impl Shape {
    fn key(self, index: usize) -> &'static str {
        match (self, index) {
            (Shape::Python, REFR_DEVICE_TSTAMP) => "refr_device_tstamp",
            _ => FIELD_NAMES[index],
        }
    }
}

/// A shape's key and type of every column, looked up once per column rather than matched.
struct Columns {
    names: [&'static str; FIELD_COUNT],
    types: [SdkType; FIELD_COUNT],
}

impl Columns {
    fn new(shape: Shape) -> Columns {
        Columns {
            names: std::array::from_fn(|index| shape.key(index)),
            types: std::array::from_fn(|index| match sdk_type(index) {
                SdkType::Double if shape == Shape::Python && index == 57 => SdkType::Text,
                kind => kind,
            }),
        }
    }

    fn of(shape: Shape) -> &'static Columns {
        static PYTHON: std::sync::LazyLock<Columns> = std::sync::LazyLock::new(|| Columns::new(Shape::Python));
        static SCALA: std::sync::LazyLock<Columns> = std::sync::LazyLock::new(|| Columns::new(Shape::Scala));
        match shape {
            Shape::Python => &PYTHON,
            Shape::Scala => &SCALA,
        }
    }
}

/// The `vendor`, `name`, `format` and `version` of an Iglu URI, checked with the SDKs'
/// pattern `iglu:[a-zA-Z0-9-_.]+/[a-zA-Z0-9-_]+/[a-zA-Z0-9-_]+/M-R-A`.
pub fn split_iglu_uri(uri: &str) -> Option<[&str; 4]> {
    let rest = uri.strip_prefix("iglu:")?;
    let mut parts = rest.split('/');
    let (vendor, name, format, version) = (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let word = |text: &str, dot: bool| {
        !text.is_empty()
            && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || (dot && b == b'.'))
    };
    if !(word(vendor, true) && word(name, false) && word(format, false)) {
        return None;
    }
    let valid_number = |n: &str, model: bool| {
        !n.is_empty()
            && n.bytes().all(|b| b.is_ascii_digit())
            && if model { !n.starts_with('0') } else { n == "0" || !n.starts_with('0') }
    };
    let mut numbers = version.split('-');
    let (Some(model), Some(revision), Some(addition), None) =
        (numbers.next(), numbers.next(), numbers.next(), numbers.next())
    else {
        return None;
    };
    if !valid_number(model, true) || !valid_number(revision, false) || !valid_number(addition, false) {
        return None;
    }
    Some([vendor, name, format, version])
}

/// The SDKs' column name for an entity: `<prefix>_<vendor>_<name>_<model>`, snake-cased.
pub fn entity_key(prefix: &str, vendor: &str, name: &str, version: &str, shape: Shape) -> String {
    let mut key = String::with_capacity(prefix.len() + vendor.len() + name.len() + 8);
    key.push_str(prefix);
    key.push('_');
    for c in vendor.chars() {
        let replace = c == '.' || (shape == Shape::Scala && c == '-');
        key.push(if replace { '_' } else { c.to_ascii_lowercase() });
    }
    key.push('_');
    let mut previous: Option<char> = None;
    for c in name.chars() {
        let c = if shape == Shape::Scala && (c == '.' || c == '-') { '_' } else { c };
        if c.is_ascii_uppercase() && previous.is_some_and(|p| !p.is_ascii_uppercase() && p != '_') {
            key.push('_');
        }
        key.push(c.to_ascii_lowercase());
        previous = Some(c);
    }
    key.push('_');
    key.push_str(version.split('-').next().unwrap_or(version));
    key
}

/// The entities of one JSON column, grouped by key in order of first appearance.
struct Group<'t> {
    key: String,
    items: Vec<Entity<'t>>,
}

/// An entity's data: its text and whether it is already compact.
type Entity<'t> = (&'t str, bool);

fn field_error(index: usize, value: &str, message: String) -> FieldError {
    FieldError { index, value: value.to_owned(), message }
}

/// The message both SDKs' wording gives for a column they cannot decode.
fn cannot_parse(shape: Shape, index: usize, value: &str, what: &str, reason: &str) -> String {
    match shape {
        Shape::Python => {
            format!("Unexpected exception parsing field with key {} and value {value}: {reason}", shape.key(index))
        }
        Shape::Scala => format!("Cannot parse key '{} with value {value} into {what}", shape.key(index)),
    }
}

/// The SDKs' pattern for the Iglu URIs of entities, quoted in the Python SDK's message.
const SCHEMA_URI_PATTERN: &str =
    "^iglu:([a-zA-Z0-9-_.]+)/([a-zA-Z0-9-_]+)/([a-zA-Z0-9-_]+)/([1-9][0-9]*(?:-(?:0|[1-9][0-9]*)){2})$";

/// One entity `{"schema": …, "data": …}`: its output key and its data's text.
fn entity<'t>(text: &'t str, span: &json::Span, prefix: &str, shape: Shape) -> Result<(String, Entity<'t>), String> {
    let item = &text[span.range.clone()];
    let members = match (span.kind, json::object_members(item)) {
        (Kind::Object, Ok(Some(members))) => members,
        _ => return Err("an entity is not a JSON object".to_owned()),
    };
    entity_of(item, &members, prefix, shape)
}

/// One entity from its members (spans relative to `item`).
fn entity_of<'t>(
    item: &'t str,
    members: &[json::Member<'_>],
    prefix: &str,
    shape: Shape,
) -> Result<(String, Entity<'t>), String> {
    let schema = members.iter().find(|(name, _)| name == "schema").ok_or("an entity has no `schema`")?;
    let data = members.iter().find(|(name, _)| name == "data").ok_or(match shape {
        Shape::Python => "Could not extract inner data field from unstructured event",
        Shape::Scala => "an entity has no `data`",
    })?;
    if schema.1.kind != Kind::String {
        return Err("an entity's `schema` is not a string".to_owned());
    }
    let uri = json::decode_string(&item[schema.1.range.clone()]).map_err(|e| e.to_string())?;
    Ok((cached_entity_key(&uri, prefix, shape)?, (&item[data.1.range.clone()], data.1.compact)))
}

/// How many keys a thread remembers per shape and prefix before starting over.
const KEY_CACHE_SIZE: usize = 4096;

thread_local! {
    /// Entity keys by schema URI, for each shape and prefix: a batch holds few schemas, and
    /// checking and snake-casing a URI costs more than looking it up.
    static ENTITY_KEYS: std::cell::RefCell<[HashMap<String, String>; 4]> = Default::default();
}

/// [`entity_key`] of an Iglu URI, or the SDKs' error for a malformed one.
fn cached_entity_key(uri: &str, prefix: &str, shape: Shape) -> Result<String, String> {
    let slot = usize::from(shape == Shape::Scala) * 2 + usize::from(prefix == "contexts");
    ENTITY_KEYS.with_borrow_mut(|caches| {
        let cache = &mut caches[slot];
        if let Some(key) = cache.get(uri) {
            return Ok(key.clone());
        }
        let [vendor, name, _, version] = split_iglu_uri(uri)
            .ok_or_else(|| format!("Schema {uri} does not conform to regular expression {SCHEMA_URI_PATTERN}"))?;
        let key = entity_key(prefix, vendor, name, version, shape);
        if cache.len() >= KEY_CACHE_SIZE {
            cache.clear();
        }
        cache.insert(uri.to_owned(), key.clone());
        Ok(key)
    })
}

fn shred_contexts<'t>(text: &'t str, shape: Shape, groups: &mut Vec<Group<'t>>) -> Result<(), String> {
    let members = match json::object_members(text) {
        Ok(Some(members)) => members,
        Ok(None) => return Err("not a JSON object".to_owned()),
        Err(error) => return Err(error.to_string()),
    };
    let data = members.iter().find(|(name, _)| name == "data").ok_or("the envelope has no `data`")?;
    if data.1.kind != Kind::Array {
        return Err("the envelope's `data` is not an array".to_owned());
    }
    let array = &text[data.1.range.clone()];
    for (_, members) in json::array_items(array).map_err(|e| e.to_string())? {
        let members = members.ok_or("an entity is not a JSON object")?;
        let (key, item) = entity_of(array, &members, "contexts", shape)?;
        match groups.iter_mut().find(|group| group.key == key) {
            Some(group) => group.items.push(item),
            None => groups.push(Group { key, items: vec![item] }),
        }
    }
    Ok(())
}

fn shred_unstruct(text: &str, shape: Shape) -> Result<(String, Entity<'_>), String> {
    let members = match json::object_members(text) {
        Ok(Some(members)) => members,
        Ok(None) => return Err("not a JSON object".to_owned()),
        Err(error) => return Err(error.to_string()),
    };
    let data = members.iter().find(|(name, _)| name == "data").ok_or("the envelope has no `data`")?;
    entity(text, &data.1, "unstruct_event", shape)
}

/// Java's `Double.toString`, which the Scala SDK uses for `geo_location`.
pub fn java_double(value: f64) -> String {
    let magnitude = value.abs();
    if magnitude == 0.0 || (1e-3..1e7).contains(&magnitude) {
        let text = format!("{value}");
        if text.contains('.') { text } else { format!("{text}.0") }
    } else {
        let text = format!("{value:e}");
        let (mantissa, exponent) = text.split_once('e').unwrap_or((&text, "0"));
        let mantissa = if mantissa.contains('.') { mantissa.to_owned() } else { format!("{mantissa}.0") };
        format!("{mantissa}E{exponent}")
    }
}

fn two(bytes: &[u8], at: usize) -> Option<u32> {
    let (a, b) = (bytes.get(at)?, bytes.get(at + 1)?);
    (a.is_ascii_digit() && b.is_ascii_digit()).then(|| u32::from((a - b'0') * 10 + (b - b'0')))
}

/// Parses `yyyy-MM-dd HH:mm:ss[.f…]` (or with `T`) as UTC and writes it as Java's
/// `Instant.toString` does: seconds always, fraction in groups of 3 digits only when non-zero.
pub fn write_instant(value: &str, out: &mut Vec<u8>) -> bool {
    let bytes = value.as_bytes();
    if bytes.len() < 19 || !bytes[..4].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let year: u32 = value[..4].parse().unwrap_or(0);
    let fields = (two(bytes, 5), two(bytes, 8), two(bytes, 11), two(bytes, 14), two(bytes, 17));
    let (Some(month), Some(day), Some(hour), Some(minute), Some(second)) = fields else {
        return false;
    };
    let separators = bytes[4] == b'-' && bytes[7] == b'-' && matches!(bytes[10], b' ' | b'T');
    if !separators || bytes[13] != b':' || bytes[16] != b':' {
        return false;
    }
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    if day == 0 || day > days || hour > 23 || minute > 59 || second > 59 {
        return false;
    }
    let fraction = &value[19..];
    let digits = match fraction.strip_prefix('.') {
        None if fraction.is_empty() => "",
        Some(digits) if (1..=9).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()) => digits,
        _ => return false,
    };
    out.extend_from_slice(&bytes[..10]);
    out.push(b'T');
    out.extend_from_slice(&bytes[11..19]);
    let mut nanos = [b'0'; 9];
    nanos[..digits.len()].copy_from_slice(digits.as_bytes());
    let shown = if nanos == [b'0'; 9] {
        0
    } else if nanos[3..] == [b'0'; 6] {
        3
    } else if nanos[6..] == [b'0'; 3] {
        6
    } else {
        9
    };
    if shown > 0 {
        out.push(b'.');
        out.extend_from_slice(&nanos[..shown]);
    }
    out.push(b'Z');
    true
}

/// Digits that both SDKs print back unchanged: no sign but `-`, no leading zero, and short
/// enough to fit the shape's integer type (32-bit in Scala, 64-bit in Python).
fn is_canonical_integer(value: &str, shape: Shape) -> bool {
    let digits = value.strip_prefix('-').unwrap_or(value).as_bytes();
    let max_len = match shape {
        Shape::Python => 18,
        Shape::Scala => 9,
    };
    !digits.is_empty()
        && digits.len() <= max_len
        && digits.iter().all(u8::is_ascii_digit)
        && (digits[0] != b'0' || (digits.len() == 1 && digits.len() == value.len()))
}

fn is_uuid(value: &str) -> bool {
    let bytes = value.as_bytes();
    bytes.len() == 36
        && bytes.iter().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => *b == b'-',
            _ => b.is_ascii_hexdigit(),
        })
}

/// Appends the JSON object of one enriched line (without its line terminator) and a `\n` to
/// `out`; on error nothing is appended.
pub fn transform_line(line: &str, shape: Shape, out: &mut Vec<u8>) -> Result<(), TransformError> {
    let event = EnrichedLine::parse(line, Width::Exact)?;
    transform_event(&event, shape, out)
}

/// Appends the JSON object of one parsed event and a `\n` to `out`; on error nothing is appended.
pub fn transform_event(event: &EnrichedLine<'_>, shape: Shape, out: &mut Vec<u8>) -> Result<(), TransformError> {
    let start = out.len();
    let mut errors = Vec::new();
    let mut contexts: Vec<Group<'_>> = Vec::new();
    let mut derived: Vec<Group<'_>> = Vec::new();
    for (index, groups) in [(index::CONTEXTS, &mut contexts), (index::DERIVED_CONTEXTS, &mut derived)] {
        let value = event.get(index);
        if !value.is_empty()
            && let Err(reason) = shred_contexts(value, shape, groups)
        {
            errors.push(field_error(index, value, cannot_parse(shape, index, value, "contexts", &reason)));
        }
    }
    // A key in both: the derived value replaces the custom one, where the custom one was.
    derived.retain_mut(|group| match contexts.iter_mut().find(|custom| custom.key == group.key) {
        Some(custom) => {
            custom.items = std::mem::take(&mut group.items);
            false
        }
        None => true,
    });
    let unstruct_text = event.get(index::UNSTRUCT_EVENT);
    let unstruct = if unstruct_text.is_empty() {
        None
    } else {
        match shred_unstruct(unstruct_text, shape) {
            Ok(found) => Some(found),
            Err(reason) => {
                let index = index::UNSTRUCT_EVENT;
                errors.push(field_error(
                    index,
                    unstruct_text,
                    cannot_parse(shape, index, unstruct_text, "unstruct", &reason),
                ));
                None
            }
        }
    };

    out.push(b'{');
    let mut first = true;
    // Column names and entity keys are plain ASCII words: nothing to escape.
    let mut key = |out: &mut Vec<u8>, name: &str| {
        out.extend_from_slice(if first { &b"\""[..] } else { &b",\""[..] });
        first = false;
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(b"\":");
    };
    let columns = Columns::of(shape);
    let (latitude, longitude) = (event.get(index::GEO_LATITUDE), event.get(index::GEO_LONGITUDE));
    if !latitude.is_empty() && !longitude.is_empty() {
        match shape {
            Shape::Python => {
                key(out, "geo_location");
                json::write_string(out, &format!("{latitude},{longitude}"));
            }
            Shape::Scala => {
                if let (Ok(lat), Ok(lon)) = (latitude.parse::<f64>(), longitude.parse::<f64>()) {
                    key(out, "geo_location");
                    json::write_string(out, &format!("{},{}", java_double(lat), java_double(lon)));
                }
            }
        }
    }
    for (index, &value) in event.fields().iter().enumerate().take(FIELD_COUNT) {
        let kind = columns.types[index];
        match kind {
            SdkType::Contexts => {
                let groups = if index == index::CONTEXTS { &contexts } else { &derived };
                for group in groups {
                    key(out, &group.key);
                    out.push(b'[');
                    for (i, &(item, compact)) in group.items.iter().enumerate() {
                        if i > 0 {
                            out.push(b',');
                        }
                        // Already checked when the envelope was scanned.
                        let _ = json::write_value(out, item, compact);
                    }
                    out.push(b']');
                }
                continue;
            }
            SdkType::Unstruct => {
                if let Some((name, (item, compact))) = &unstruct {
                    key(out, name);
                    let _ = json::write_value(out, item, *compact);
                }
                continue;
            }
            _ => {}
        }
        if value.is_empty() {
            if shape == Shape::Scala {
                if SCALA_REQUIRED.contains(&index) {
                    errors.push(field_error(index, value, format!("Field '{} cannot be empty", FIELD_NAMES[index])));
                }
                key(out, columns.names[index]);
                out.extend_from_slice(b"null");
            }
            continue;
        }
        key(out, columns.names[index]);
        let failure = match kind {
            SdkType::Text => {
                if shape == Shape::Scala && index == index::EVENT_ID && !is_uuid(value) {
                    Some(("UUID", String::new()))
                } else {
                    json::write_string(out, value);
                    None
                }
            }
            SdkType::Integer if is_canonical_integer(value, shape) => {
                out.extend_from_slice(value.as_bytes());
                None
            }
            SdkType::Integer => {
                let parsed = match shape {
                    Shape::Python => value.trim().parse::<i64>().ok(),
                    Shape::Scala => value.parse::<i32>().ok().map(i64::from),
                };
                match parsed {
                    Some(number) => {
                        let _ = write!(IntoFmt(out), "{number}");
                        None
                    }
                    None => {
                        Some(("integer", format!("ValueError(\"invalid literal for int() with base 10: '{value}'\")")))
                    }
                }
            }
            SdkType::Double => match value.trim().parse::<f64>() {
                Ok(number) if number.is_finite() => {
                    let _ = serde_json::to_writer(&mut *out, &number);
                    None
                }
                _ => Some(("double", format!("ValueError(\"could not convert string to float: '{value}'\")"))),
            },
            SdkType::Boolean => match value {
                "1" => {
                    out.extend_from_slice(b"true");
                    None
                }
                "0" => {
                    out.extend_from_slice(b"false");
                    None
                }
                _ => Some(("boolean", String::new())),
            },
            SdkType::Timestamp => match shape {
                Shape::Python => {
                    // Escaping neither makes nor removes spaces, so they can be replaced after it.
                    let start = out.len();
                    json::write_string(out, value);
                    out.pop();
                    for byte in &mut out[start..] {
                        if *byte == b' ' {
                            *byte = b'T';
                        }
                    }
                    out.extend_from_slice(b"Z\"");
                    None
                }
                Shape::Scala => {
                    out.push(b'"');
                    if write_instant(value, out) {
                        out.push(b'"');
                        None
                    } else {
                        Some(("datetime", String::new()))
                    }
                }
            },
            SdkType::Contexts | SdkType::Unstruct => None,
        };
        if let Some((what, python_reason)) = failure {
            let message = match (shape, kind) {
                (Shape::Python, SdkType::Boolean) => format!("Invalid value {value} for field {}", shape.key(index)),
                _ => cannot_parse(shape, index, value, what, &python_reason),
            };
            errors.push(field_error(index, value, message));
        }
    }
    if errors.is_empty() {
        out.extend_from_slice(b"}\n");
        Ok(())
    } else {
        out.truncate(start);
        errors.sort_by_key(|error| error.index);
        Err(TransformError::Fields(errors))
    }
}

/// Whether the Scala SDK accepts an event, as [`transform_event`] with [`Shape::Scala`] would
/// decide, with its errors when it does not. Lines that pass every quick check below are
/// accepted without writing their JSON; anything the quick checks are unsure of goes through
/// [`transform_event`] itself, so the answer and the messages are always its own.
pub fn check_scala(event: &EnrichedLine<'_>) -> Result<(), TransformError> {
    if scala_accepts(event) {
        return Ok(());
    }
    transform_event(event, Shape::Scala, &mut Vec::new())
}

/// True only when [`transform_event`] accepts the event in the Scala shape (false when unsure).
fn scala_accepts(event: &EnrichedLine<'_>) -> bool {
    let columns = Columns::of(Shape::Scala);
    let mut instant = Vec::with_capacity(32);
    for (index, &value) in event.fields().iter().enumerate().take(FIELD_COUNT) {
        let kind = columns.types[index];
        let fine = match kind {
            SdkType::Contexts => value.is_empty() || shred_contexts(value, Shape::Scala, &mut Vec::new()).is_ok(),
            SdkType::Unstruct => value.is_empty() || shred_unstruct(value, Shape::Scala).is_ok(),
            _ if value.is_empty() => !SCALA_REQUIRED.contains(&index),
            SdkType::Text => index != index::EVENT_ID || is_uuid(value),
            SdkType::Integer => is_canonical_integer(value, Shape::Scala),
            SdkType::Double => value.trim().parse::<f64>().is_ok_and(f64::is_finite),
            SdkType::Boolean => value == "1" || value == "0",
            SdkType::Timestamp => {
                instant.clear();
                write_instant(value, &mut instant)
            }
        };
        if !fine {
            return false;
        }
    }
    true
}

/// `write!` into a byte buffer.
struct IntoFmt<'a>(&'a mut Vec<u8>);

impl std::fmt::Write for IntoFmt<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.extend_from_slice(s.as_bytes());
        Ok(())
    }
}
