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

use std::fmt::Write as _;
use std::ops::Range;
use std::rc::Rc;

use super::enriched::{EnrichedLine, FieldError, Width, WidthError, index};
use super::json;
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

/// How many bytes a column's key is written as: one fixed-size copy, then the length set back,
/// is cheaper than a copy of a variable length.
const KEY_BLOCK: usize = 32;

/// A shape's key and type of every column, looked up once per column rather than matched.
struct Columns {
    /// `,"name":"` padded to [`KEY_BLOCK`] bytes, and its length: what precedes a column's
    /// value, with the opening quote of a string value (left out for other values).
    keys: [([u8; KEY_BLOCK], usize); FIELD_COUNT],
    types: [SdkType; FIELD_COUNT],
}

impl Columns {
    fn new(shape: Shape) -> Columns {
        Columns {
            keys: std::array::from_fn(|index| {
                let key = format!(",\"{}\":\"", shape.key(index));
                let mut block = [0; KEY_BLOCK];
                block[..key.len()].copy_from_slice(key.as_bytes());
                (block, key.len())
            }),
            types: std::array::from_fn(|index| match sdk_type(index) {
                SdkType::Double if shape == Shape::Python && index == 57 => SdkType::Text,
                kind => kind,
            }),
        }
    }

    /// Writes what precedes a string value of column `index`.
    fn write_string_key(&self, out: &mut Vec<u8>, index: usize) {
        let (block, len) = &self.keys[index];
        let start = out.len();
        out.extend_from_slice(block);
        out.truncate(start + len);
    }

    /// Writes what precedes any other value of column `index`.
    fn write_key(&self, out: &mut Vec<u8>, index: usize) {
        self.write_string_key(out, index);
        out.pop();
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

/// One entity of a JSON column: its output key and its data's text.
struct Found<'t> {
    key: Rc<str>,
    data: &'t str,
    /// The data holds no insignificant whitespace, so it is copied as it is.
    compact: bool,
}

impl Found<'_> {
    fn same_key(&self, other: &Found<'_>) -> bool {
        // Keys come from one cache, so equal keys are usually one allocation.
        Rc::ptr_eq(&self.key, &other.key) || self.key == other.key
    }
}

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

/// Where an entity object's `schema` and `data` values are (the last of each, as parsers keep).
#[derive(Default)]
struct EntityMembers {
    schema: Option<Range<usize>>,
    data: Option<(Range<usize>, bool)>,
}

/// Checks the entity object whose `{` is at `start`, noting its `schema` and `data`.
fn walk_entity(text: &str, start: usize, depth: usize) -> Result<((usize, bool), EntityMembers), json::JsonError> {
    let mut members = EntityMembers::default();
    let end = json::walk_object(text, start, |name, value| {
        let (end, spaced) = json::skip_value(text, value, depth)?;
        if json::name_is(name, "schema") {
            members.schema = Some(value..end);
        } else if json::name_is(name, "data") {
            members.data = Some((value..end, !spaced));
        }
        Ok((end, spaced))
    })?;
    Ok((end, members))
}

/// The entity whose members [`walk_entity`] found, or why the SDKs refuse it.
fn entity_of<'t>(text: &'t str, members: EntityMembers, prefix: &str, shape: Shape) -> Result<Found<'t>, String> {
    let schema = members.schema.ok_or("an entity has no `schema`")?;
    let (data, compact) = members.data.ok_or(match shape {
        Shape::Python => "Could not extract inner data field from unstructured event",
        Shape::Scala => "an entity has no `data`",
    })?;
    let token = &text[schema];
    if !token.starts_with('"') {
        return Err("an entity's `schema` is not a string".to_owned());
    }
    let uri = json::decode_string(token).map_err(|e| e.to_string())?;
    Ok(Found { key: cached_entity_key(&uri, prefix, shape)?, data: &text[data], compact })
}

/// How many keys a thread remembers per shape and prefix before starting over.
const KEY_CACHE_SIZE: usize = 64;

/// Known keys of one shape and prefix, by schema URI.
type KeyCache = Vec<(Box<str>, Rc<str>)>;

thread_local! {
    /// Entity keys by schema URI, for each shape and prefix: a batch holds few schemas, and
    /// checking and snake-casing a URI costs more than finding it among the few known.
    static ENTITY_KEYS: std::cell::RefCell<[KeyCache; 4]> = Default::default();
}

/// [`entity_key`] of an Iglu URI, or the SDKs' error for a malformed one.
fn cached_entity_key(uri: &str, prefix: &str, shape: Shape) -> Result<Rc<str>, String> {
    let slot = usize::from(shape == Shape::Scala) * 2 + usize::from(prefix == "contexts");
    ENTITY_KEYS.with_borrow_mut(|caches| {
        let cache = &mut caches[slot];
        if let Some((_, key)) = cache.iter().find(|(known, _)| **known == *uri) {
            return Ok(key.clone());
        }
        let [vendor, name, _, version] = split_iglu_uri(uri)
            .ok_or_else(|| format!("Schema {uri} does not conform to regular expression {SCHEMA_URI_PATTERN}"))?;
        let key: Rc<str> = entity_key(prefix, vendor, name, version, shape).into();
        if cache.len() >= KEY_CACHE_SIZE {
            cache.clear();
        }
        cache.push((uri.into(), key.clone()));
        Ok(key)
    })
}

/// What a member name of an envelope or an entity is to the SDKs.
enum MemberName {
    Schema,
    Data,
    Other,
}

/// The meaning of a raw (still escaped) member name; `None` for an escaped one, which only the
/// general walk decodes.
fn member_name(raw: &str) -> Option<MemberName> {
    match raw {
        "schema" => Some(MemberName::Schema),
        "data" => Some(MemberName::Data),
        _ if raw.contains('\\') => None,
        _ => Some(MemberName::Other),
    }
}

/// [`walk_entity`] and [`entity_of`] for a compact entity without problems: its end and the
/// entity, or `None` for the general path to read and explain.
fn compact_entity<'t>(
    text: &'t str,
    start: usize,
    depth: usize,
    prefix: &str,
    shape: Shape,
) -> Option<(usize, Found<'t>)> {
    let (mut schema, mut data) = (None, None);
    let end = json::walk_compact_object(text, start, |name, value| {
        let end = json::skip_compact(text, value, depth)?;
        match member_name(name)? {
            MemberName::Schema => schema = Some(value..end),
            MemberName::Data => data = Some(value..end),
            MemberName::Other => {}
        }
        Some(end)
    })?;
    let uri = text[schema?].strip_prefix('"')?.strip_suffix('"')?;
    if uri.contains('\\') {
        return None;
    }
    let key = cached_entity_key(uri, prefix, shape).ok()?;
    Some((end, Found { key, data: &text[data?], compact: true }))
}

/// Walks a compact envelope with one `data` member, which `data(value_start)` reads (returning
/// its end); `None` when the text is anything else or has any problem.
fn compact_envelope(text: &str, mut data: impl FnMut(usize) -> Option<usize>) -> Option<()> {
    if text.as_bytes().first() != Some(&b'{') {
        return None;
    }
    let mut seen = false;
    let end = json::walk_compact_object(text, 0, |name, value| match member_name(name)? {
        MemberName::Data if !seen => {
            seen = true;
            data(value)
        }
        MemberName::Data => None,
        _ => json::skip_compact(text, value, 1),
    })?;
    (seen && end == text.len()).then_some(())
}

/// [`shred_contexts`] for a compact envelope without problems, the usual case, in one tight
/// pass; `None` (with `found` as it was) for anything else.
fn compact_contexts<'t>(text: &'t str, shape: Shape, found: &mut Vec<Found<'t>>) -> Option<()> {
    let bytes = text.as_bytes();
    let first = found.len();
    let result = compact_envelope(text, |value| {
        if *bytes.get(value)? != b'[' {
            return None;
        }
        let mut at = value + 1;
        if *bytes.get(at)? == b']' {
            return Some(at + 1);
        }
        loop {
            if *bytes.get(at)? != b'{' {
                return None;
            }
            let (end, entity) = compact_entity(text, at, 3, "contexts", shape)?;
            found.push(entity);
            match *bytes.get(end)? {
                b',' => at = end + 1,
                b']' => return Some(end + 1),
                _ => return None,
            }
        }
    });
    if result.is_none() {
        found.truncate(first);
    }
    result
}

/// [`shred_unstruct`] for a compact envelope without problems; `None` for anything else.
fn compact_unstruct(text: &str, shape: Shape) -> Option<Found<'_>> {
    let mut entity = None;
    compact_envelope(text, |value| {
        if *text.as_bytes().get(value)? != b'{' {
            return None;
        }
        let (end, found) = compact_entity(text, value, 2, "unstruct_event", shape)?;
        entity = Some(found);
        Some(end)
    })?;
    entity
}

/// The offset of the envelope's `{`, or why the column is not an object.
fn envelope_start(text: &str) -> Result<usize, String> {
    let start = json::value_start(text);
    if text.as_bytes().get(start) == Some(&b'{') {
        return Ok(start);
    }
    Err(match json::skip_value(text, start, 0).and_then(|(end, _)| json::expect_end(text, end)) {
        Ok(()) => "not a JSON object".to_owned(),
        Err(error) => error.to_string(),
    })
}

/// Appends the entities of a `contexts` envelope to `found`, checking the whole document in
/// one pass. Invalid JSON is reported before any problem with the entities.
fn shred_contexts<'t>(text: &'t str, shape: Shape, found: &mut Vec<Found<'t>>) -> Result<(), String> {
    match compact_contexts(text, shape, found) {
        Some(()) => Ok(()),
        None => walk_contexts(text, shape, found),
    }
}

/// [`shred_contexts`] for any text, explaining what is wrong with it.
fn walk_contexts<'t>(text: &'t str, shape: Shape, found: &mut Vec<Found<'t>>) -> Result<(), String> {
    let bytes = text.as_bytes();
    let start = envelope_start(text)?;
    let first = found.len();
    let mut data_is_array = None;
    let mut problem = None;
    let (end, _) = json::walk_object(text, start, |name, value| {
        if !json::name_is(name, "data") {
            return json::skip_value(text, value, 1);
        }
        // A later `data` replaces an earlier one.
        found.truncate(first);
        problem = None;
        data_is_array = Some(bytes.get(value) == Some(&b'['));
        if data_is_array != Some(true) {
            return json::skip_value(text, value, 1);
        }
        json::walk_array(text, value, |item| {
            if bytes.get(item) != Some(&b'{') {
                problem.get_or_insert_with(|| "an entity is not a JSON object".to_owned());
                return json::skip_value(text, item, 2);
            }
            let (end, members) = walk_entity(text, item, 3)?;
            if problem.is_none() {
                match entity_of(text, members, "contexts", shape) {
                    Ok(entity) => found.push(entity),
                    Err(reason) => problem = Some(reason),
                }
            }
            Ok(end)
        })
    })
    .map_err(|e| e.to_string())?;
    json::expect_end(text, end).map_err(|e| e.to_string())?;
    match (data_is_array, problem) {
        (None, _) => Err("the envelope has no `data`".to_owned()),
        (Some(false), _) => Err("the envelope's `data` is not an array".to_owned()),
        (Some(true), Some(problem)) => Err(problem),
        (Some(true), None) => Ok(()),
    }
}

/// The entity of an `unstruct_event` envelope, checking the whole document in one pass.
fn shred_unstruct(text: &str, shape: Shape) -> Result<Found<'_>, String> {
    match compact_unstruct(text, shape) {
        Some(found) => Ok(found),
        None => walk_unstruct(text, shape),
    }
}

/// [`shred_unstruct`] for any text, explaining what is wrong with it.
fn walk_unstruct(text: &str, shape: Shape) -> Result<Found<'_>, String> {
    let bytes = text.as_bytes();
    let start = envelope_start(text)?;
    let mut entity = None;
    let (end, _) = json::walk_object(text, start, |name, value| {
        if !json::name_is(name, "data") {
            return json::skip_value(text, value, 1);
        }
        if bytes.get(value) != Some(&b'{') {
            entity = Some(Err("an entity is not a JSON object".to_owned()));
            return json::skip_value(text, value, 1);
        }
        let (end, members) = walk_entity(text, value, 2)?;
        entity = Some(entity_of(text, members, "unstruct_event", shape));
        Ok(end)
    })
    .map_err(|e| e.to_string())?;
    json::expect_end(text, end).map_err(|e| e.to_string())?;
    entity.unwrap_or_else(|| Err("the envelope has no `data`".to_owned()))
}

/// Writes each key of `entities` once, in order of first appearance, with all its entities as
/// an array: those of `replacements` instead when it has the key. Keys in `skipped` are left out.
fn write_contexts(out: &mut Vec<u8>, entities: &[Found<'_>], replacements: &[Found<'_>], skipped: &[Found<'_>]) {
    for (i, entity) in entities.iter().enumerate() {
        let seen = entities[..i].iter().chain(skipped).any(|other| other.same_key(entity));
        if seen {
            continue;
        }
        let replaced = replacements.iter().any(|other| other.same_key(entity));
        write_entity_key(out, &entity.key);
        out.push(b'[');
        let items = if replaced { replacements } else { entities };
        for (n, item) in items.iter().filter(|item| item.same_key(entity)).enumerate() {
            if n > 0 {
                out.push(b',');
            }
            // Already checked when the envelope was scanned.
            let _ = json::write_value(out, item.data, item.compact);
        }
        out.push(b']');
    }
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
    let mut contexts = Vec::new();
    let mut derived = Vec::new();
    for (index, found) in [(index::CONTEXTS, &mut contexts), (index::DERIVED_CONTEXTS, &mut derived)] {
        let value = event.get(index);
        if !value.is_empty()
            && let Err(reason) = shred_contexts(value, shape, found)
        {
            errors.push(field_error(index, value, cannot_parse(shape, index, value, "contexts", &reason)));
        }
    }
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

    // Every key is written after a comma; the first comma becomes the object's `{`.
    let columns = Columns::of(shape);
    let (latitude, longitude) = (event.get(index::GEO_LATITUDE), event.get(index::GEO_LONGITUDE));
    if !latitude.is_empty() && !longitude.is_empty() {
        match shape {
            Shape::Python => {
                out.extend_from_slice(b",\"geo_location\":");
                json::write_string(out, &format!("{latitude},{longitude}"));
            }
            Shape::Scala => {
                if let (Ok(lat), Ok(lon)) = (latitude.parse::<f64>(), longitude.parse::<f64>()) {
                    out.extend_from_slice(b",\"geo_location\":");
                    json::write_string(out, &format!("{},{}", java_double(lat), java_double(lon)));
                }
            }
        }
    }
    let plain = text_is_plain(event);
    for index in columns_to_write(event, shape) {
        let kind = columns.types[index];
        match kind {
            SdkType::Contexts => {
                // A key in both: the derived entities replace the custom ones, where those were.
                if index == index::CONTEXTS {
                    write_contexts(out, &contexts, &derived, &[]);
                } else {
                    write_contexts(out, &derived, &[], &contexts);
                }
                continue;
            }
            SdkType::Unstruct => {
                if let Some(entity) = &unstruct {
                    write_entity_key(out, &entity.key);
                    let _ = json::write_value(out, entity.data, entity.compact);
                }
                continue;
            }
            _ => {}
        }
        if plain && write_plain_column(out, columns, event, index, kind, shape) {
            continue;
        }
        if event.is_empty(index) {
            if shape == Shape::Scala {
                if SCALA_REQUIRED.contains(&index) {
                    errors.push(field_error(index, "", format!("Field '{} cannot be empty", FIELD_NAMES[index])));
                }
                columns.write_key(out, index);
                out.extend_from_slice(b"null");
            }
            continue;
        }
        let value = event.get(index);
        let failure = match kind {
            SdkType::Text => {
                if shape == Shape::Scala && index == index::EVENT_ID && !is_uuid(value) {
                    Some(("UUID", String::new()))
                } else {
                    columns.write_string_key(out, index);
                    let (line, range) = (event.line().as_bytes(), event.range(index));
                    if json::tsv_column_needs_escaping(line, range.clone()) {
                        json::write_escaped(out, value);
                    } else {
                        append_column(out, line, range);
                    }
                    out.push(b'"');
                    None
                }
            }
            SdkType::Integer if is_canonical_integer(value, shape) => {
                columns.write_key(out, index);
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
                        columns.write_key(out, index);
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
                    columns.write_key(out, index);
                    let _ = serde_json::to_writer(&mut *out, &number);
                    None
                }
                _ => Some(("double", format!("ValueError(\"could not convert string to float: '{value}'\")"))),
            },
            SdkType::Boolean => match value {
                "1" | "0" => {
                    columns.write_key(out, index);
                    out.extend_from_slice(if value == "1" { b"true" } else { b"false" });
                    None
                }
                _ => Some(("boolean", String::new())),
            },
            SdkType::Timestamp => {
                columns.write_string_key(out, index);
                match shape {
                    Shape::Python => {
                        // Escaping neither makes nor removes spaces, so they can be replaced after it.
                        let start = out.len();
                        json::write_escaped(out, value);
                        for byte in &mut out[start..] {
                            *byte = if *byte == b' ' { b'T' } else { *byte };
                        }
                        out.extend_from_slice(b"Z\"");
                        None
                    }
                    Shape::Scala => {
                        if write_instant(value, out) {
                            out.push(b'"');
                            None
                        } else {
                            Some(("datetime", String::new()))
                        }
                    }
                }
            }
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
        match out.get_mut(start) {
            Some(comma) => *comma = b'{',
            None => out.push(b'{'),
        }
        out.extend_from_slice(b"}\n");
        Ok(())
    } else {
        out.truncate(start);
        errors.sort_by_key(|error| error.index);
        Err(TransformError::Fields(errors))
    }
}

/// The columns whose keys a shape may write, in order: every column in Scala's shape, only
/// the non-empty ones in Python's. Going through a list of them leaves no branch on emptiness
/// per column for the processor to mispredict.
fn columns_to_write<'e>(event: &'e EnrichedLine<'_>, shape: Shape) -> impl Iterator<Item = usize> + 'e {
    static EVERY_COLUMN: [u8; FIELD_COUNT] = {
        let mut every = [0; FIELD_COUNT];
        let mut index = 0;
        while index < FIELD_COUNT {
            every[index] = index as u8;
            index += 1;
        }
        every
    };
    let list = match shape {
        Shape::Python => event.non_empty_columns(),
        Shape::Scala => &EVERY_COLUMN,
    };
    list.iter().map(|&index| usize::from(index))
}

/// How many bytes of a line a short column is copied as.
const COLUMN_BLOCK: usize = 32;

/// Appends `line[range]`; a short column as the [`COLUMN_BLOCK`] bytes of the line from its
/// start, then the length set back: one fixed-size copy rather than a call to copy a variable
/// length.
#[inline(always)]
fn append_column(out: &mut Vec<u8>, line: &[u8], range: Range<usize>) {
    let len = range.len();
    match line.get(range.start..range.start + COLUMN_BLOCK) {
        Some(block) if len <= COLUMN_BLOCK => {
            let start = out.len();
            let block: &[u8; COLUMN_BLOCK] = block.try_into().unwrap_or(&[0; COLUMN_BLOCK]);
            out.extend_from_slice(block);
            out.truncate(start + len);
        }
        _ => out.extend_from_slice(&line[range]),
    }
}

/// [`append_column`] with every space replaced by `T`, as the Python SDK writes timestamps.
#[inline(always)]
fn append_column_spaces_as_t(out: &mut Vec<u8>, line: &[u8], range: Range<usize>) {
    let len = range.len();
    let start = out.len();
    match line.get(range.start..range.start + COLUMN_BLOCK) {
        Some(block) if len <= COLUMN_BLOCK => {
            let mut block: [u8; COLUMN_BLOCK] = block.try_into().unwrap_or([0; COLUMN_BLOCK]);
            // On the whole block, which the compiler turns into a few vector instructions.
            for byte in &mut block {
                *byte = if *byte == b' ' { b'T' } else { *byte };
            }
            out.extend_from_slice(&block);
            out.truncate(start + len);
        }
        _ => {
            out.extend_from_slice(&line[range]);
            for byte in &mut out[start..] {
                *byte = if *byte == b' ' { b'T' } else { *byte };
            }
        }
    }
}

/// Whether no column but the JSON ones holds a byte that a JSON string must escape: then
/// [`write_plain_column`] copies text columns without testing each.
fn text_is_plain(event: &EnrichedLine<'_>) -> bool {
    let line = event.line().as_bytes();
    let mut from = 0;
    for index in [index::CONTEXTS, index::UNSTRUCT_EVENT, index::DERIVED_CONTEXTS] {
        let range = event.range(index);
        if json::tsv_text_needs_escaping(&line[from..range.start]) {
            return false;
        }
        from = range.end;
    }
    !json::tsv_text_needs_escaping(&line[from..])
}

/// Writes column `index` (of type `kind`, not a JSON one) of a line whose text is plain (see
/// [`text_is_plain`]), as the general code in [`transform_event`] would, in the cases that
/// need no more than the quick checks here. Returns false, having written nothing, for all
/// other cases, which the general code then writes or reports.
#[inline(always)]
fn write_plain_column(
    out: &mut Vec<u8>,
    columns: &Columns,
    event: &EnrichedLine<'_>,
    index: usize,
    kind: SdkType,
    shape: Shape,
) -> bool {
    let (line, range) = (event.line().as_bytes(), event.range(index));
    if range.is_empty() {
        // Python leaves empty columns out before they come here.
        if shape == Shape::Python || SCALA_REQUIRED.contains(&index) {
            return false;
        }
        columns.write_key(out, index);
        out.extend_from_slice(b"null");
        return true;
    }
    match kind {
        SdkType::Text if shape == Shape::Python || index != index::EVENT_ID => {
            columns.write_string_key(out, index);
            append_column(out, line, range);
            out.push(b'"');
        }
        SdkType::Integer if is_canonical_integer(&event.line()[range.clone()], shape) => {
            columns.write_key(out, index);
            append_column(out, line, range);
        }
        SdkType::Boolean => match &line[range] {
            b"1" => {
                columns.write_key(out, index);
                out.extend_from_slice(b"true");
            }
            b"0" => {
                columns.write_key(out, index);
                out.extend_from_slice(b"false");
            }
            _ => return false,
        },
        SdkType::Timestamp if shape == Shape::Python => {
            columns.write_string_key(out, index);
            append_column_spaces_as_t(out, line, range);
            out.extend_from_slice(b"Z\"");
        }
        _ => return false,
    }
    true
}

/// Writes `,"key":` for an entity column (keys are plain ASCII words: nothing to escape).
fn write_entity_key(out: &mut Vec<u8>, key: &str) {
    out.extend_from_slice(b",\"");
    out.extend_from_slice(key.as_bytes());
    out.extend_from_slice(b"\":");
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
    for (index, value) in event.fields().enumerate() {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Index of a text column in both shapes (`app_id` … `user_ipaddress` are all text).
    const TEXT_COLUMNS: [usize; 6] = [0, 1, 5, 8, 9, 13];

    /// `event_fingerprint`, the last text column: only an empty column follows it.
    const LAST_TEXT: usize = 129;

    fn line_with(values: &[(usize, &str)]) -> String {
        let mut fields = vec![String::new(); FIELD_COUNT];
        for &(index, value) in values {
            fields[index] = value.to_owned();
        }
        fields.join("\t")
    }

    /// Envelopes in many spellings: compact or not, valid or not, with problems in entities.
    fn envelopes(prefix: &str) -> Vec<String> {
        let entity =
            r#"{"schema":"iglu:com.acme/some_thing/jsonschema/1-0-0","data":{"a":[1,-2.5e3,"x\"y",true,null],"b":{}}}"#;
        let others = [
            r#"{"schema":"iglu:com.acme/other/jsonschema/2-0-1","data":{}}"#,
            r#"{"data":{"a":1},"schema":"iglu:com.acme/some_thing/jsonschema/1-0-0"}"#,
            r#"{"schema":"iglu:com.acme/x/jsonschema/1-0-0","data":1,"data":{"b":2}}"#,
            r#"{"schema":"iglu:com.acme/x/jsonschema/01-0-0","data":{}}"#,
            r#"{"schema":"iglu:com.acme/x/jsonschema/1-0-0"}"#,
            r#"{"data":{}}"#,
            r#"{"schema":5,"data":{}}"#,
            r#"{"schema":"iglu:com.acme\/x\/jsonschema\/1-0-0","data":{}}"#,
            r#"{"schema":"iglu:com.acme/x/jsonschema/1-0-0","data":{}}"#,
            r#"{"schema":"iglu:com.acme/x/jsonschema/1-0-0","data":{"deep":[[[[]]]]},"extra":"é"}"#,
            r#"{"schema":"iglu:com.acme/x/jsonschema/1-0-0","data":{"a":01}}"#,
            r#"{"schema":"iglu:com.acme/x/jsonschema/1-0-0","data":{"a":1,}}"#,
            "[1]",
            "7",
        ];
        let mut texts = Vec::new();
        for other in others {
            let data = if prefix == "contexts" { format!("[{entity},{other}]") } else { other.to_owned() };
            let envelope = format!(
                r#"{{"schema":"iglu:com.snowplowanalytics.snowplow/{prefix}/jsonschema/1-0-0","data":{data}}}"#
            );
            texts.push(envelope.replace("\"data\":", "\"data\" : "));
            texts.push(format!("{envelope} "));
            texts.push(envelope.replacen(
                "\"schema\":\"iglu:com.snowplowanalytics",
                "\"s\":[],\"schema\":\"iglu:com.snowplowanalytics",
                1,
            ));
            texts.push(format!("{}{}", envelope.trim_end_matches('}'), r#","data":[]}"#));
            texts.push(envelope[..envelope.len() - 1].to_owned());
            texts.push(envelope);
        }
        let deep = |levels: usize| format!("{}{}", "[".repeat(levels), "]".repeat(levels));
        for levels in [120, 124, 125, 126, 127, 130] {
            let data = format!(r#"{{"schema":"iglu:com.acme/x/jsonschema/1-0-0","data":{{"d":{}}}}}"#, deep(levels));
            let data = if prefix == "contexts" { format!("[{data}]") } else { data };
            texts.push(format!(r#"{{"schema":"s","data":{data}}}"#));
        }
        texts.push(r#"{"schema":"s","data":[]}"#.to_owned());
        texts.push("{}".to_owned());
        texts
    }

    fn summary(found: &[Found<'_>]) -> Vec<(String, String, bool)> {
        found.iter().map(|f| (f.key.to_string(), f.data.to_owned(), f.compact)).collect()
    }

    #[test]
    fn compact_envelopes_give_what_the_general_walk_gives() {
        let mut fast_count = 0;
        for shape in [Shape::Python, Shape::Scala] {
            for text in envelopes("contexts") {
                let mut fast = vec![];
                if compact_contexts(&text, shape, &mut fast).is_some() {
                    fast_count += 1;
                    let mut general = vec![];
                    assert_eq!(walk_contexts(&text, shape, &mut general), Ok(()), "{text}");
                    assert_eq!(summary(&fast), summary(&general), "{text}");
                } else {
                    assert!(fast.is_empty(), "{text}");
                }
            }
            for text in envelopes("unstruct_event") {
                if let Some(fast) = compact_unstruct(&text, shape) {
                    fast_count += 1;
                    let general = walk_unstruct(&text, shape).unwrap_or_else(|e| panic!("{text}: {e}"));
                    assert_eq!(summary(&[fast]), summary(&[general]), "{text}");
                }
            }
        }
        assert!(fast_count > 20, "the fast path takes the usual envelopes ({fast_count})");
    }

    #[test]
    fn plain_lines_are_written_as_the_general_code_writes_them() {
        // The same line with and without a byte to escape in an unrelated column: the columns
        // both have in common must come out the same.
        let values = [
            (2, "2024-02-01 00:00:00.000"),
            (3, "2024-02-01 12:34:56"),
            (6, "ace60a8b-3ff8-4215-8827-2fd079211976"),
            (7, "42"),
            (16, "007"),
            (34, "-5"),
            (84, "1"),
            (85, "0"),
            (86, "true"),
            (95, "1280"),
            (29, "https://example.com/a/rather/long/url/that/needs/more/than/one/block?x=1"),
            (30, "short"),
            (119, "2024-02-01 00:00:00.123456"),
        ];
        for shape in [Shape::Python, Shape::Scala] {
            let plain = line_with(&values);
            let mut escaped_values = values.to_vec();
            escaped_values.push((129, "needs \"escaping\""));
            let escaped = line_with(&escaped_values);
            let (mut plain_out, mut escaped_out) = (Vec::new(), Vec::new());
            let plain_result = transform_line(&plain, shape, &mut plain_out);
            let escaped_result = transform_line(&escaped, shape, &mut escaped_out);
            assert_eq!(plain_result.is_ok(), escaped_result.is_ok());
            if plain_result.is_ok() {
                let plain: serde_json::Value = serde_json::from_slice(&plain_out).unwrap();
                let mut escaped: serde_json::Value = serde_json::from_slice(&escaped_out).unwrap();
                escaped[FIELD_NAMES[129]] = plain[FIELD_NAMES[129]].clone();
                assert_eq!(plain, escaped);
            }
        }
    }

    #[test]
    fn every_column_key_fits_its_block() {
        for shape in [Shape::Python, Shape::Scala] {
            let columns = Columns::new(shape);
            for index in 0..FIELD_COUNT {
                let mut out = Vec::new();
                columns.write_key(&mut out, index);
                assert_eq!(out, format!(",\"{}\":", shape.key(index)).into_bytes());
            }
        }
    }

    #[test]
    fn python_writes_only_non_empty_columns_and_scala_every_column() {
        let line = line_with(&[(0, "app"), (130, "x")]);
        let event = EnrichedLine::parse(&line, Width::Exact).unwrap();
        assert_eq!(columns_to_write(&event, Shape::Python).collect::<Vec<_>>(), [0, 130]);
        assert_eq!(columns_to_write(&event, Shape::Scala).collect::<Vec<_>>(), (0..FIELD_COUNT).collect::<Vec<_>>());
    }

    #[test]
    fn text_columns_are_escaped_whatever_their_length_and_neighbours() {
        // Short and long values, special bytes at their ends, neighbours with special bytes
        // (a short column is tested together with the bytes after it), and the line's end.
        let values: Vec<String> = ["", "a", "\"", "ab\\", "\u{1}x", "é\"", "0123456789abcde\"", "0123456789abcdef\"g"]
            .iter()
            .flat_map(|special| [special.to_string(), format!("plain text of some length{special}"), "plain".into()])
            .collect();
        for (i, value) in values.iter().enumerate() {
            for &column in &TEXT_COLUMNS {
                let neighbour = &values[(i + 1) % values.len()];
                let line = line_with(&[(column, value), (column + 1, neighbour), (LAST_TEXT, value)]);
                let mut out = Vec::new();
                transform_line(&line, Shape::Python, &mut out).unwrap();
                let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
                let expected = if value.is_empty() { None } else { Some(value.as_str()) };
                assert_eq!(json.get(FIELD_NAMES[column]).and_then(|v| v.as_str()), expected, "{line:?}");
                assert_eq!(json.get(FIELD_NAMES[LAST_TEXT]).and_then(|v| v.as_str()), expected, "{line:?}");
            }
        }
    }
}
