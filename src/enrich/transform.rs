//! Tracker-protocol parameters → atomic columns (§3.1 of the enrichment reference), plus the
//! steps Enrich runs on every event before the configurable enrichments: base columns from the
//! collector payload, page and referer URL splits, cross-domain `_sp`, `derived_tstamp`,
//! contexts / unstructured-event validation and the schema fields.
//!
//! Each step writes columns into an [`EnrichedEvent`] and reports [`Problem`]s; a problem makes
//! the event a bad row. The two runtimes differ as documented on [`EnrichRuntime`]: R117 keeps
//! the tracker's JSON and `tid` text, decodes user agents strictly and needs a known `e`;
//! Enrich 6 re-serialises JSON, stores `tid` as a number and checks column lengths.

use std::fmt::Write as _;
use std::sync::Arc;

use serde_json::Value;

use super::badrow::{DataReport, Problem};
use super::base64::decode_lenient_text;
use super::catalog::EnrichRuntime;
use super::event::{EnrichedEvent, FIELD_COUNT, Field};
use super::payload::CollectorPayload;
use super::scan::{hex_value, packed_name};
use super::url::{UriParts, parse_page_uri};
use crate::iglu::tape::{Kind, Node, Tape};
use crate::iglu::validate::{QuickEntry, ValidateError};
use crate::iglu::{SchemaKey, SelfDescribing, Validators};

/// Settings of the core enrichment that hold for a whole run.
#[derive(Debug, Clone)]
pub struct TransformConfig {
    /// Which Enrich to follow.
    pub runtime: EnrichRuntime,
    /// Whether user agents come percent-encoded from a log loader (CloudFront, Clojure, TSV).
    pub useragent_from_log: bool,
    /// The run's ETL timestamp, ms since the epoch.
    pub etl_timestamp_ms: i64,
    /// `etl_tstamp` as text.
    pub etl_tstamp: String,
    /// `v_etl`.
    pub v_etl: String,
}

impl TransformConfig {
    /// The configuration for a run.
    pub fn new(runtime: EnrichRuntime, useragent_from_log: bool, etl_timestamp_ms: i64) -> Self {
        TransformConfig {
            runtime,
            useragent_from_log,
            etl_timestamp_ms,
            etl_tstamp: format_timestamp(etl_timestamp_ms).unwrap_or_default(),
            v_etl: concat!("snowplowctl-", env!("CARGO_PKG_VERSION")).to_owned(),
        }
    }

    fn legacy(&self) -> bool {
        self.runtime == EnrichRuntime::Legacy
    }
}

// ---------------------------------------------------------------------------------------------
// Timestamps

/// Days since 1970-01-01 → (year, month, day), proleptic Gregorian.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

struct Parts {
    year: i64,
    month: u32,
    day: u32,
    hour: i64,
    minute: i64,
    second: i64,
    millis: i64,
}

fn split_ms(ms: i64) -> Parts {
    let days = ms.div_euclid(86_400_000);
    let in_day = ms.rem_euclid(86_400_000);
    let (year, month, day) = civil_from_days(days);
    Parts {
        year,
        month,
        day,
        hour: in_day / 3_600_000,
        minute: in_day / 60_000 % 60,
        second: in_day / 1000 % 60,
        millis: in_day % 1000,
    }
}

fn write_timestamp(out: &mut String, ms: i64, separator: char, suffix: &str) {
    write_parts(out, &split_ms(ms), separator, suffix);
}

fn write_parts(out: &mut String, p: &Parts, separator: char, suffix: &str) {
    if (0..=9999).contains(&p.year) {
        // Every event has several timestamps: skip the formatting machinery.
        let mut text = *b"0000-00-00 00:00:00.000";
        // Every part is non-negative here; unsigned division is cheaper.
        let digits = |text: &mut [u8], value: i64| {
            let mut value = value as u32;
            for slot in text.iter_mut().rev() {
                *slot = b'0' + (value % 10) as u8;
                value /= 10;
            }
        };
        digits(&mut text[0..4], p.year);
        digits(&mut text[5..7], i64::from(p.month));
        digits(&mut text[8..10], i64::from(p.day));
        digits(&mut text[11..13], p.hour);
        digits(&mut text[14..16], p.minute);
        digits(&mut text[17..19], p.second);
        digits(&mut text[20..23], p.millis);
        // One copy of the ASCII text rather than a push per character.
        out.push_str(std::str::from_utf8(&text[..10]).unwrap_or_default());
        out.push(separator);
        out.push_str(std::str::from_utf8(&text[11..]).unwrap_or_default());
        out.push_str(suffix);
        return;
    }
    let sign = if p.year < 0 { "-" } else { "" };
    let _ = write!(
        out,
        "{sign}{:04}-{:02}-{:02}{separator}{:02}:{:02}:{:02}.{:03}{suffix}",
        p.year.abs(),
        p.month,
        p.day,
        p.hour,
        p.minute,
        p.second,
        p.millis
    );
}

/// `yyyy-MM-dd HH:mm:ss.SSS` (UTC) for years 0..=9999, the only ones Redshift accepts.
pub fn format_timestamp(ms: i64) -> Option<String> {
    let parts = split_ms(ms);
    if !(0..=9999).contains(&parts.year) {
        return None;
    }
    let mut out = String::with_capacity(23);
    write_parts(&mut out, &parts, ' ', "");
    Some(out)
}

/// Sets `field` to `ms` as [`format_timestamp`] writes it, straight into the event's text
/// (several per event); false, and nothing set, for a year Redshift does not accept.
fn set_timestamp(event: &mut EnrichedEvent, field: Field, ms: i64) -> bool {
    let second = ms.div_euclid(1000);
    let millis = ms.rem_euclid(1000) as u32;
    RECENT_SECONDS.with_borrow_mut(|recent| {
        // An event's timestamps, and those of neighbouring events, mostly share their second or
        // fall in the one before (derived_tstamp): one slot for odd seconds, one for even.
        let (cached_second, text) = &mut recent[second.rem_euclid(2) as usize];
        if *cached_second != Some(second) {
            let parts = split_ms(second * 1000);
            if !(0..=9999).contains(&parts.year) {
                return false;
            }
            text.clear();
            write_parts(text, &parts, ' ', "");
            *cached_second = Some(second);
        }
        let digits = [millis / 100, millis / 10 % 10, millis % 10].map(|digit| char::from(b'0' + digit as u8));
        event.set_with(field, |out| {
            out.push_str(&text[..19]);
            out.push('.');
            out.extend(digits);
        });
        true
    })
}

thread_local! {
    /// The odd and the even second [`set_timestamp`] formatted last, and their texts
    /// (`yyyy-MM-dd HH:mm:ss.000`).
    static RECENT_SECONDS: std::cell::RefCell<[(Option<i64>, String); 2]> =
        const { std::cell::RefCell::new([(None, String::new()), (None, String::new())]) };
}

/// ISO-8601 with milliseconds, e.g. `2001-09-09T01:46:40.000Z` (bad-row timestamps).
pub fn iso_timestamp(ms: i64) -> String {
    let mut out = String::with_capacity(24);
    write_timestamp(&mut out, ms, 'T', "Z");
    out
}

fn raw_timestamp_text(ms: i64) -> String {
    let mut out = String::new();
    write_timestamp(&mut out, ms, ' ', "");
    out
}

// ---------------------------------------------------------------------------------------------
// Scalar conversions

/// Tab → 4 spaces, other control characters removed (Enrich's "TSV-safe" text).
pub fn tsv_safe(value: &str) -> std::borrow::Cow<'_, str> {
    // Control characters are C0, DEL and C1; printable ASCII needs no char decoding.
    use super::scan::{has_byte, has_byte_below, has_non_ascii, run_len};
    let printable = run_len(
        value.as_bytes(),
        |word| has_byte_below(word, 0x20) || has_byte(word, 0x7f) || has_non_ascii(word),
        |b| (0x20..0x7f).contains(&b),
    );
    if printable == value.len() || !value.chars().any(char::is_control) {
        return std::borrow::Cow::Borrowed(value);
    }
    let mut out = String::with_capacity(value.len() + 8);
    for c in value.chars() {
        if c == '\t' {
            out.push_str("    ");
        } else if !c.is_control() {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// `Integer.parseInt`: optional sign, ASCII digits, 32-bit range.
pub fn java_int(text: &str) -> Option<i32> {
    let (negative, digits) = split_sign(text.as_bytes());
    // Eleven digits cannot overflow an i64 (and more is out of range anyway).
    if digits.is_empty() || digits.len() > 11 {
        return None;
    }
    let value = digits_value(digits)? as i64;
    i32::try_from(if negative { -value } else { value }).ok()
}

/// `Long.parseLong`.
fn java_long(text: &str) -> Option<i64> {
    let (negative, digits) = split_sign(text.as_bytes());
    if digits.is_empty() {
        return None;
    }
    if digits.len() <= 18 {
        // At most 18 digits always fit: no overflow checks.
        let value = digits_value(digits)? as i64;
        return Some(if negative { -value } else { value });
    }
    if !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    text.strip_prefix('+').unwrap_or(text).parse().ok()
}

/// A leading `+` or `-` split off: whether it was `-`, and the rest.
fn split_sign(bytes: &[u8]) -> (bool, &[u8]) {
    match bytes.split_first() {
        Some((b'-', rest)) => (true, rest),
        Some((b'+', rest)) => (false, rest),
        _ => (false, bytes),
    }
}

/// The value of at most 19 ASCII digits; `None` if any byte is not a digit.
fn digits_value(digits: &[u8]) -> Option<u64> {
    let mut value = 0u64;
    for &byte in digits {
        let digit = byte.wrapping_sub(b'0');
        if digit > 9 {
            return None;
        }
        value = value * 10 + u64::from(digit);
    }
    Some(value)
}

/// A `java.math.BigDecimal` read from text: sign, significant digits and scale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decimal {
    negative: bool,
    digits: String,
    scale: i64,
}

impl Decimal {
    /// Parses Java's BigDecimal syntax: `[+-]digits[.digits][(e|E)[+-]digits]`.
    pub fn parse(text: &str) -> Option<Decimal> {
        let (negative, rest) = match text.as_bytes().first() {
            Some(b'-') => (true, &text[1..]),
            Some(b'+') => (false, &text[1..]),
            _ => (false, text),
        };
        let (mantissa, exponent) = match rest.find(['e', 'E']) {
            Some(i) => (&rest[..i], Some(&rest[i + 1..])),
            None => (rest, None),
        };
        let (int_part, frac_part) = match mantissa.find('.') {
            Some(i) => (&mantissa[..i], &mantissa[i + 1..]),
            None => (mantissa, ""),
        };
        if int_part.is_empty() && frac_part.is_empty()
            || !int_part.bytes().chain(frac_part.bytes()).all(|b| b.is_ascii_digit())
        {
            return None;
        }
        let exponent: i64 = match exponent {
            Some(e) => {
                let digits = e.strip_prefix(['+', '-']).unwrap_or(e);
                if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                i32::try_from(e.strip_prefix('+').unwrap_or(e).parse::<i64>().ok()?).ok()?.into()
            }
            None => 0,
        };
        let all = format!("{int_part}{frac_part}");
        let trimmed = all.trim_start_matches('0');
        let digits = if trimmed.is_empty() { "0".to_owned() } else { trimmed.to_owned() };
        Some(Decimal { negative: negative && digits != "0", digits, scale: frac_part.len() as i64 - exponent })
    }

    /// `toPlainString` (R117).
    pub fn to_plain_string(&self) -> String {
        let sign = if self.negative { "-" } else { "" };
        if self.scale <= 0 {
            if self.digits == "0" {
                return "0".to_owned();
            }
            return format!("{sign}{}{}", self.digits, "0".repeat((-self.scale) as usize));
        }
        let scale = self.scale as usize;
        if self.digits.len() > scale {
            let (int, frac) = self.digits.split_at(self.digits.len() - scale);
            format!("{sign}{int}.{frac}")
        } else {
            format!("{sign}0.{}{}", "0".repeat(scale - self.digits.len()), self.digits)
        }
    }

    /// `toString` after Enrich 6's normalisation of a negative scale to 0.
    pub fn to_modern_string(&self) -> String {
        let mut normalised = self.clone();
        if normalised.scale < 0 {
            normalised.digits.push_str(&"0".repeat((-normalised.scale) as usize));
            normalised.scale = 0;
            if normalised.digits.bytes().all(|b| b == b'0') {
                normalised.digits = "0".into();
            }
        }
        let adjusted = -normalised.scale + normalised.digits.len() as i64 - 1;
        if adjusted >= -6 {
            return normalised.to_plain_string();
        }
        let sign = if normalised.negative { "-" } else { "" };
        let (first, rest) = normalised.digits.split_at(1);
        let dot = if rest.is_empty() { "" } else { "." };
        format!("{sign}{first}{dot}{rest}E{adjusted}")
    }
}

/// The contexts wrapper every runtime accepts (`1-0-*`).
const CONTEXTS_CRITERION: &str = "iglu:com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-*";
const UNSTRUCT_CRITERION: &str = "iglu:com.snowplowanalytics.snowplow/unstruct_event/jsonschema/1-0-*";
const CONTEXTS_WRAPPER: &str = "iglu:com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-1";
const UNSTRUCT_WRAPPER: &str = "iglu:com.snowplowanalytics.snowplow/unstruct_event/jsonschema/1-0-0";
const SP: &str = "com.snowplowanalytics.snowplow";

/// Where in the R117 error list a problem goes: R117 collected the "first pass" checks, then
/// the parameter transforms (in Scala `HashMap` order), then Iglu validation, then the schema
/// fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Stage {
    UserAgent,
    CollectorTstamp,
    CollectorVersion,
    PageUri,
    CrossDomain,
    RefererUri,
    Transform,
    Validation,
    SchemaFields,
}

/// Java's `String.hashCode`.
#[cfg(test)]
fn java_hash(text: &str) -> i32 {
    text.encode_utf16().fold(0i32, |h, unit| h.wrapping_mul(31).wrapping_add(i32::from(unit)))
}

/// The position of `key` when a Scala 2.11 immutable `HashMap` is iterated: the trie orders by
/// the improved hash, five bits at a time from the lowest. Known parameters have theirs in
/// [`PARAMS`]; the others set nothing, so their order does not matter.
#[cfg(test)]
fn scala_hash_order(key: &str) -> u64 {
    improved_hash_order(java_hash(key))
}

/// [`scala_hash_order`] of a Java hash code.
const fn improved_hash_order(code: i32) -> u64 {
    let mut h = code.wrapping_add(!(code << 9));
    h ^= ((h as u32) >> 14) as i32;
    h = h.wrapping_add(h << 4);
    h ^= ((h as u32) >> 10) as i32;
    let h = h as u32;
    // The seven 5-bit groups, lowest first, become the most significant.
    let mut order = 0u64;
    let mut level = 0;
    while level < 7 {
        order = (order << 5) | ((h >> (5 * level)) & 31) as u64;
        level += 1;
    }
    order
}

/// What the parameters said about timestamps, for `derived_tstamp`.
#[derive(Debug, Default, Clone, Copy)]
struct Times {
    collector: Option<i64>,
    created: Option<i64>,
    sent: Option<i64>,
    true_tstamp: Option<i64>,
}

/// A parsed contexts or unstructured-event value.
struct JsonField {
    value: Value,
    order: u64,
}

/// A contexts or unstructured-event parameter that holds valid JSON, waiting for validation.
struct PendingJson {
    param: &'static str,
    order: u64,
    form: JsonForm,
}

enum JsonForm {
    /// Canonical text (see [`Tape`]) and its nodes: tried on the quick path first.
    Canonical(String, Vec<Node>),
    /// Any other JSON, parsed.
    Parsed(Value),
}

/// Collects problems with their R117 ordering.
struct Problems {
    list: Vec<(Stage, u64, Problem)>,
}

impl Problems {
    fn push(&mut self, stage: Stage, order: u64, problem: Problem) {
        self.list.push((stage, order, problem));
    }
}

/// Input of one event.
#[derive(Debug, Clone, Copy)]
pub struct EventInput<'a> {
    /// The payload the event came from.
    pub payload: &'a CollectorPayload,
    /// The event's parameters, in order (duplicates kept; the last one wins).
    pub parameters: &'a [(&'a str, Option<&'a str>)],
}

/// Fills `event` from `input` and returns the problems found (empty: the event is good). The
/// event id is left unset when the tracker sent none; the caller generates one.
pub fn transform(
    config: &TransformConfig,
    validators: &Validators,
    input: EventInput<'_>,
    event: &mut EnrichedEvent,
    problems: &mut Vec<Problem>,
) {
    let mut found = Problems { list: Vec::new() };
    let mut times = Times::default();
    let payload = input.payload;
    let legacy = config.legacy();

    // Base columns from the collector payload.
    event.set(Field::EtlTstamp, &config.etl_tstamp);
    event.set(Field::VEtl, &config.v_etl);
    event.set(Field::VCollector, &tsv_safe(&payload.source.name));
    if let Some(ms) = payload.context.timestamp {
        times.collector = Some(ms);
        if !set_timestamp(event, Field::CollectorTstamp, ms) {
            found.push(Stage::CollectorTstamp, 0, redshift_problem("collector_tstamp", ms));
        }
    }
    if let Some(ip) = &payload.context.ip_address {
        event.set(Field::UserIpaddress, first_ip(ip));
    }
    if let Some(ua) = &payload.context.useragent {
        set_useragent(config, ua, event, &mut found);
    }
    if let Some(id) = &payload.context.user_id {
        event.set(Field::NetworkUserid, &tsv_safe(id));
    }

    // Parameters: last duplicate wins.
    let params = dedup_last_wins(input.parameters);
    let small_map = params.len() <= 4;
    let mut json_fields: Vec<PendingJson> = Vec::new();
    let mut tnuid = None;
    for (index, &(name, value, spec)) in params.iter().enumerate() {
        // Unknown parameters set nothing.
        let Some(spec) = spec else { continue };
        let order = if small_map { index as u64 } else { spec.order };
        if let ParamKind::Special(Special::NetworkUserid) = spec.kind {
            tnuid = Some(value);
            continue;
        }
        if let Err(problem) =
            apply_parameter(config, name, value, spec.kind, event, &mut times, &mut json_fields, order)
        {
            found.push(Stage::Transform, order, problem);
        }
    }
    if let Some(value) = tnuid {
        event.set(Field::NetworkUserid, &tsv_safe(value));
    }

    if !event.has(Field::VCollector) {
        found.push(
            Stage::CollectorVersion,
            0,
            Problem::Enrichment {
                field: Some("v_collector".into()),
                value: None,
                message: "Collector version not set".into(),
                legacy: "Collector version not set".into(),
            },
        );
    }

    // Page URL: the tracker's `url`, else the collector's referer.
    let page_source = event.get(Field::PageUrl).map(str::to_owned).or_else(|| payload.context.referer_uri.clone());
    if let Some(raw) = page_source {
        match parse_page_uri(&raw) {
            Ok((text, parts)) => {
                event.set(Field::PageUrl, &text);
                set_url_columns(event, Field::PageUrl, &text, &parts, URL_PAGE);
                if let Some(query) = &parts.query {
                    cross_domain(&text[query.clone()], event, &mut found, legacy);
                }
            }
            Err(message) => found.push(Stage::PageUri, 0, uri_problem("page_url", &raw, message)),
        }
    }
    if let Some(raw) = event.get(Field::PageReferrer).map(str::to_owned) {
        match parse_page_uri(&raw) {
            Ok((text, parts)) => {
                // The column keeps the tracker's text; the parts come from the parsed URI.
                set_url_columns_owned(event, &text, &parts, URL_REFERER);
            }
            Err(message) => found.push(Stage::RefererUri, 0, uri_problem("page_referrer", &raw, message)),
        }
    }

    // derived_tstamp.
    let derived = match times {
        Times { true_tstamp: Some(t), .. } => Some(t),
        Times { collector: Some(c), created: Some(created), sent: Some(sent), .. } if created < sent => {
            Some(c - (sent - created))
        }
        Times { collector, .. } => collector,
    };
    if let Some(ms) = derived {
        set_timestamp(event, Field::DerivedTstamp, ms);
    }

    // Contexts and the unstructured event: write the column, validate through Iglu.
    let mut unstruct_schema: Option<Arc<SchemaKey>> = None;
    for PendingJson { param, order, form } in json_fields {
        let is_contexts = matches!(param, "co" | "cx");
        let value = match form {
            JsonForm::Canonical(text, nodes) => {
                let tape = Tape::from_parts(&text, nodes);
                if is_contexts && quick_contexts(config, validators, &tape, event) {
                    continue;
                }
                if !is_contexts && let Some(key) = quick_unstruct(config, validators, &tape, event) {
                    unstruct_schema = Some(key);
                    continue;
                }
                // Not certainly valid: the general path decides and explains. The tape only
                // accepts JSON that serde_json reads, so the fallback is never used.
                serde_json::from_str(&text).unwrap_or(Value::Null)
            }
            JsonForm::Parsed(value) => value,
        };
        let json = &JsonField { value, order };
        let problems_before = found.list.len();
        if is_contexts {
            validate_contexts(config, validators, json, event, &mut found);
        } else if let Some(key) = validate_unstruct(config, validators, json, event, &mut found) {
            unstruct_schema = Some(key);
        }
        if found.list.len() > problems_before && !legacy {
            // Enrich 6 leaves an invalid JSON field out of the event.
            event.unset(if is_contexts { Field::Contexts } else { Field::UnstructEvent });
        }
    }

    schema_fields(event, unstruct_schema.as_deref(), legacy, &mut found);

    found.list.sort_by_key(|(stage, order, _)| (*stage, *order));
    problems.extend(found.list.into_iter().map(|(_, _, problem)| problem));
}

/// Enrich 6's checks of an event after its enrichments ran (nothing in legacy runtimes): the
/// derived contexts are validated through Iglu, `contexts` and `unstruct_event` are validated
/// again when an enrichment rewrote them, and every column must fit its atomic length.
pub fn final_checks(
    config: &TransformConfig,
    validators: &Validators,
    event: &mut EnrichedEvent,
    derived_contexts: &[Value],
    entities_rewritten: bool,
    problems: &mut Vec<Problem>,
) {
    if config.legacy() {
        return;
    }
    let mut found = Problems { list: Vec::new() };
    if entities_rewritten {
        for field in [Field::Contexts, Field::UnstructEvent] {
            let Some(text) = event.get(field) else { continue };
            let value = match serde_json::from_str::<Value>(text) {
                Ok(value) => value,
                Err(error) => {
                    let name = field.name();
                    found.push(
                        Stage::Validation,
                        0,
                        Problem::NotJson {
                            field: name.into(),
                            value: text.to_owned(),
                            error: error.to_string(),
                            legacy: format!("Field [{name}]: invalid JSON [{text}] with parsing error: {error}"),
                        },
                    );
                    continue;
                }
            };
            let json = JsonField { value, order: 0 };
            if field == Field::Contexts {
                validate_contexts(config, validators, &json, event, &mut found);
            } else {
                validate_unstruct(config, validators, &json, event, &mut found);
            }
        }
    }
    for (index, context) in derived_contexts.iter().enumerate() {
        let what = format_args!("Derived context {index}");
        match SelfDescribing::parse(context) {
            Ok(entity) => {
                validate_against(validators, &entity.schema, entity.data, &what, 0, &mut found);
            }
            Err(error) => found.push(
                Stage::Validation,
                0,
                Problem::NotIglu {
                    json: context.clone(),
                    code: iglu_code(&error),
                    legacy: format!("{what} is not a self-describing JSON: {error}"),
                },
            ),
        }
    }
    if found.list.is_empty() {
        check_lengths(event, &mut found);
    }
    problems.extend(found.list.into_iter().map(|(_, _, problem)| problem));
}

/// The parameters with each name's last value, in the order of those last occurrences, each
/// with its [`ParamSpec`] when it is a known parameter; tokens without `=` are dropped.
fn dedup_last_wins<'a>(
    parameters: &[(&'a str, Option<&'a str>)],
) -> Vec<(&'a str, &'a str, Option<&'static ParamSpec>)> {
    // Walked from the end: a known name is kept the first time its bit is seen; the rare
    // unknown names are compared with the later parameters.
    let mut seen = 0u128;
    let mut out = Vec::with_capacity(parameters.len());
    for (position, &(name, value)) in parameters.iter().enumerate().rev() {
        let Some(value) = value else { continue };
        let spec = param_spec(name);
        match spec {
            Some(spec) => {
                let bit = 1u128 << spec.bit;
                if seen & bit != 0 {
                    continue;
                }
                seen |= bit;
            }
            None => {
                if parameters[position + 1..].iter().any(|&(n, v)| v.is_some() && n == name) {
                    continue;
                }
            }
        }
        out.push((name, value, spec));
    }
    out.reverse();
    out
}

/// The first address of a list: cut at the first `,`, `|` or space.
pub fn first_ip(value: &str) -> &str {
    value.split([',', '|', ' ']).next().unwrap_or(value).trim()
}

fn redshift_problem(field: &str, ms: i64) -> Problem {
    let formatted = raw_timestamp_text(ms);
    Problem::Parse {
        field: field.into(),
        value: ms.to_string(),
        message: format!("Formatting as {formatted} is not Redshift-compatible"),
        legacy: format!("Field [{field}]: [{ms}] is formatted as [{formatted}] which isn't Redshift-compatible"),
    }
}

fn uri_problem(field: &str, raw: &str, message: String) -> Problem {
    Problem::Enrichment { field: Some(field.into()), value: Some(raw.into()), legacy: message.clone(), message }
}

/// Percent-decoding as `java.net.URLDecoder` (UTF-8): `+` is a space; `strict` fails on a
/// malformed escape, otherwise it is kept as text.
fn url_decode(text: &str, strict: bool) -> Result<std::borrow::Cow<'_, str>, String> {
    let bytes = text.as_bytes();
    let Some(first) = memchr::memchr2(b'%', b'+', bytes) else {
        return Ok(std::borrow::Cow::Borrowed(text));
    };
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&bytes[..first]);
    let mut i = first;
    // Byte by byte: user agents from the log are dense with escapes, so runs are short.
    while i < bytes.len() {
        match bytes[i] {
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b'%' => {
                let hex = |at: usize| bytes.get(at).and_then(|&b| hex_value(b));
                match (hex(i + 1), hex(i + 2)) {
                    (Some(high), Some(low)) => {
                        out.push(high << 4 | low);
                        i += 3;
                    }
                    _ if !strict => {
                        out.push(b'%');
                        i += 1;
                    }
                    _ if i + 2 >= bytes.len() => {
                        return Err("URLDecoder: Incomplete trailing escape (%) pattern".into());
                    }
                    _ => {
                        let pair = String::from_utf8_lossy(&bytes[i + 1..i + 3]).into_owned();
                        return Err(format!(
                            "URLDecoder: Illegal hex characters in escape (%) pattern - For input string: \"{pair}\""
                        ));
                    }
                }
            }
            byte => {
                out.push(byte);
                i += 1;
            }
        }
    }
    // Valid UTF-8 (the usual case) becomes the String without a second copy.
    Ok(std::borrow::Cow::Owned(match String::from_utf8(out) {
        Ok(decoded) => decoded,
        Err(error) => String::from_utf8_lossy(error.as_bytes()).into_owned(),
    }))
}

fn set_useragent(config: &TransformConfig, ua: &str, event: &mut EnrichedEvent, found: &mut Problems) {
    let legacy = config.legacy();
    let decoded = if legacy {
        url_decode(ua, true)
    } else if config.useragent_from_log {
        url_decode(ua, false)
    } else {
        Ok(std::borrow::Cow::Borrowed(ua))
    };
    match decoded {
        Ok(text) => event.set(Field::Useragent, &tsv_safe(&text)),
        Err(error) => found.push(
            Stage::UserAgent,
            0,
            Problem::Enrichment {
                field: Some("useragent".into()),
                value: Some(ua.into()),
                message: format!("cannot be URL-decoded: {error}"),
                legacy: format!("Field [useragent]: Exception URL-decoding [{ua}] (encoding [UTF-8]): [{error}]"),
            },
        ),
    }
}

fn parse_problem(field: &str, value: &str, message: impl Into<String>, legacy: String) -> Problem {
    Problem::Parse { field: field.into(), value: value.into(), message: message.into(), legacy }
}

const TEXT_PARAMS: &[(&str, Field)] = &[
    ("aid", Field::AppId),
    ("tna", Field::NameTracker),
    ("tv", Field::VTracker),
    ("cv", Field::VCollector),
    ("uid", Field::UserId),
    ("duid", Field::DomainUserid),
    ("nuid", Field::NetworkUserid),
    ("fp", Field::UserFingerprint),
    ("ua", Field::Useragent),
    ("lang", Field::BrLang),
    ("cd", Field::BrColordepth),
    ("tz", Field::OsTimezone),
    ("refr", Field::PageReferrer),
    ("url", Field::PageUrl),
    ("page", Field::PageTitle),
    ("cs", Field::DocCharset),
    ("se_ca", Field::SeCategory),
    ("se_ac", Field::SeAction),
    ("se_la", Field::SeLabel),
    ("se_pr", Field::SeProperty),
    ("ev_ca", Field::SeCategory),
    ("ev_ac", Field::SeAction),
    ("ev_la", Field::SeLabel),
    ("ev_pr", Field::SeProperty),
    ("tr_id", Field::TrOrderid),
    ("tr_af", Field::TrAffiliation),
    ("tr_ci", Field::TrCity),
    ("tr_st", Field::TrState),
    ("tr_co", Field::TrCountry),
    ("tr_cu", Field::TrCurrency),
    ("ti_id", Field::TiOrderid),
    ("ti_sk", Field::TiSku),
    ("ti_nm", Field::TiName),
    ("ti_na", Field::TiName),
    ("ti_ca", Field::TiCategory),
    ("ti_cu", Field::TiCurrency),
];

const INT_PARAMS: &[(&str, Field)] = &[
    ("vid", Field::DomainSessionidx),
    ("ti_qu", Field::TiQuantity),
    ("pp_mix", Field::PpXoffsetMin),
    ("pp_max", Field::PpXoffsetMax),
    ("pp_miy", Field::PpYoffsetMin),
    ("pp_may", Field::PpYoffsetMax),
];

const BOOL_PARAMS: &[(&str, Field)] = &[
    ("f_pdf", Field::BrFeaturesPdf),
    ("f_fla", Field::BrFeaturesFlash),
    ("f_java", Field::BrFeaturesJava),
    ("f_dir", Field::BrFeaturesDirector),
    ("f_qt", Field::BrFeaturesQuicktime),
    ("f_realp", Field::BrFeaturesRealplayer),
    ("f_wma", Field::BrFeaturesWindowsmedia),
    ("f_gears", Field::BrFeaturesGears),
    ("f_ag", Field::BrFeaturesSilverlight),
    ("cookie", Field::BrCookies),
];

const DECIMAL_PARAMS: &[(&str, Field)] = &[
    ("se_va", Field::SeValue),
    ("ev_va", Field::SeValue),
    ("tr_tt", Field::TrTotal),
    ("tr_tx", Field::TrTax),
    ("tr_sh", Field::TrShipping),
    ("ti_pr", Field::TiPrice),
];

const DIMENSION_PARAMS: &[(&str, Field, Field)] = &[
    ("res", Field::DvceScreenwidth, Field::DvceScreenheight),
    ("vp", Field::BrViewwidth, Field::BrViewheight),
    ("ds", Field::DocWidth, Field::DocHeight),
];

/// The parameters with their own handling (event type, timestamps, JSON, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Special {
    Event,
    Platform,
    Ip,
    EventId,
    SessionId,
    TxnId,
    Created,
    Sent,
    True,
    Contexts,
    ContextsBase64,
    Unstruct,
    UnstructBase64,
    NetworkUserid,
}

const SPECIAL_PARAMS: &[(&str, Special)] = &[
    ("e", Special::Event),
    ("p", Special::Platform),
    ("ip", Special::Ip),
    ("eid", Special::EventId),
    ("sid", Special::SessionId),
    ("tid", Special::TxnId),
    ("dtm", Special::Created),
    ("stm", Special::Sent),
    ("ttm", Special::True),
    ("co", Special::Contexts),
    ("cx", Special::ContextsBase64),
    ("ue_pr", Special::Unstruct),
    ("ue_px", Special::UnstructBase64),
    ("tnuid", Special::NetworkUserid),
];

/// How a known parameter becomes columns.
#[derive(Debug, Clone, Copy)]
enum ParamKind {
    Text(Field),
    Int(Field),
    Bool(Field),
    Decimal(Field),
    Dimensions(Field, Field),
    Special(Special),
}

/// A known parameter: its [`packed_name`], what it sets, its [`scala_hash_order`] and its bit in
/// [`dedup_last_wins`]' set of names seen.
#[derive(Debug, Clone, Copy)]
struct ParamSpec {
    key: u64,
    kind: ParamKind,
    order: u64,
    bit: u8,
}

/// Slots of [`PARAMS`] (a power of two, well above the number of known parameters).
const PARAM_SLOTS: usize = 256;

/// Every known parameter, by [`packed_name`] in an open-addressed table (linear probing; key 0
/// marks an empty slot): one multiply and usually one compare per parameter.
static PARAMS: [ParamSpec; PARAM_SLOTS] = {
    const EMPTY: ParamSpec = ParamSpec { key: 0, kind: ParamKind::Special(Special::Event), order: 0, bit: 0 };
    let mut table = [EMPTY; PARAM_SLOTS];
    let mut bit = 0u8;
    let mut list = 0;
    while list < 6 {
        let count = match list {
            0 => TEXT_PARAMS.len(),
            1 => INT_PARAMS.len(),
            2 => BOOL_PARAMS.len(),
            3 => DECIMAL_PARAMS.len(),
            4 => DIMENSION_PARAMS.len(),
            _ => SPECIAL_PARAMS.len(),
        };
        let mut i = 0;
        while i < count {
            let (name, kind) = match list {
                0 => (TEXT_PARAMS[i].0, ParamKind::Text(TEXT_PARAMS[i].1)),
                1 => (INT_PARAMS[i].0, ParamKind::Int(INT_PARAMS[i].1)),
                2 => (BOOL_PARAMS[i].0, ParamKind::Bool(BOOL_PARAMS[i].1)),
                3 => (DECIMAL_PARAMS[i].0, ParamKind::Decimal(DECIMAL_PARAMS[i].1)),
                4 => (DIMENSION_PARAMS[i].0, ParamKind::Dimensions(DIMENSION_PARAMS[i].1, DIMENSION_PARAMS[i].2)),
                _ => (SPECIAL_PARAMS[i].0, ParamKind::Special(SPECIAL_PARAMS[i].1)),
            };
            let Some(key) = packed_name(name.as_bytes()) else { panic!("parameter names have 1 to 7 bytes") };
            // Names are ASCII: Java's hash of the UTF-16 units is the hash of the bytes.
            let mut code = 0i32;
            let mut b = 0;
            while b < name.len() {
                code = code.wrapping_mul(31).wrapping_add(name.as_bytes()[b] as i32);
                b += 1;
            }
            let mut slot = param_slot(key);
            while table[slot].key != 0 {
                assert!(table[slot].key != key, "duplicate parameter name");
                slot = (slot + 1) % PARAM_SLOTS;
            }
            assert!(bit < 128, "too many parameters for the dedup set");
            table[slot] = ParamSpec { key, kind, order: improved_hash_order(code), bit };
            bit += 1;
            i += 1;
        }
        list += 1;
    }
    table
};

/// The home slot of `key` in [`PARAMS`].
#[inline(always)]
const fn param_slot(key: u64) -> usize {
    (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - PARAM_SLOTS.trailing_zeros())) as usize
}

/// The known parameter called `name`, if it is one.
#[inline]
fn param_spec(name: &str) -> Option<&'static ParamSpec> {
    let key = packed_name(name.as_bytes())?;
    let mut slot = param_slot(key);
    loop {
        let spec = &PARAMS[slot];
        if spec.key == key {
            return Some(spec);
        }
        if spec.key == 0 {
            return None;
        }
        slot = (slot + 1) % PARAM_SLOTS;
    }
}

fn event_type(code: &str) -> Option<&'static str> {
    Some(match code {
        "se" | "ev" => "struct",
        "ue" => "unstruct",
        "ad" => "ad_impression",
        "tr" => "transaction",
        "ti" => "transaction_item",
        "pv" => "page_view",
        "pp" => "page_ping",
        _ => return None,
    })
}

fn is_platform(code: &str, legacy: bool) -> bool {
    matches!(code, "web" | "mob" | "pc" | "srv" | "app" | "tv" | "cnsl" | "iot") || (!legacy && code == "headset")
}

fn parse_dimensions(text: &str) -> Result<(i32, i32), bool> {
    // A byte search: `split_once` with a char pattern costs more than the short text.
    let x = text.bytes().position(|b| b == b'x').ok_or(false)?;
    let (w, h) = (&text[..x], &text[x + 1..]);
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(w) || !digits(h) {
        return Err(false);
    }
    match (java_int(w), java_int(h)) {
        (Some(w), Some(h)) => Ok((w, h)),
        _ => Err(true),
    }
}

#[allow(clippy::too_many_arguments)]
fn apply_parameter(
    config: &TransformConfig,
    name: &str,
    value: &str,
    kind: ParamKind,
    event: &mut EnrichedEvent,
    times: &mut Times,
    json_fields: &mut Vec<PendingJson>,
    order: u64,
) -> Result<(), Problem> {
    let legacy = config.legacy();
    if let ParamKind::Special(special) = kind {
        return apply_special(config, special, name, value, event, times, json_fields, order);
    }
    if let ParamKind::Text(field) = kind {
        event.set(field, &tsv_safe(value));
        return Ok(());
    }
    if let ParamKind::Int(field) = kind {
        if value == "null" {
            return Ok(());
        }
        let parsed = java_int(value).ok_or_else(|| {
            parse_problem(
                name,
                value,
                "Cannot be converted to java.lang.Integer",
                format!("Field [{name}]: cannot convert [{value}] to Int"),
            )
        })?;
        event.set_int(field, i64::from(parsed));
        return Ok(());
    }
    if let ParamKind::Bool(field) = kind {
        match value {
            "1" | "0" => event.set(field, value),
            _ => {
                return Err(parse_problem(
                    name,
                    value,
                    "Cannot be converted to Boolean-like java.lang.Byte",
                    format!("Field [{name}]: cannot convert [{value}] to Boolean-like JByte"),
                ));
            }
        }
        return Ok(());
    }
    if let ParamKind::Decimal(field) = kind {
        if value == "null" {
            return Ok(());
        }
        let decimal = Decimal::parse(value).ok_or_else(|| {
            parse_problem(
                name,
                value,
                format!("Cannot be converted to java.math.BigDecimal. Error : Character array is not a valid decimal number: [{value}]"),
                format!("Field [{name}]: cannot convert [{value}] to Double-like String"),
            )
        })?;
        let text = if legacy { decimal.to_plain_string() } else { decimal.to_modern_string() };
        event.set(field, &text);
        return Ok(());
    }
    if let ParamKind::Dimensions(width, height) = kind {
        match parse_dimensions(value) {
            Ok((w, h)) => {
                event.set_int(width, i64::from(w));
                event.set_int(height, i64::from(h));
            }
            Err(too_big) => {
                let legacy_text = if too_big {
                    format!("Field [{name}]: view dimensions [{value}] exceed Integer's max range")
                } else {
                    format!("Field [{name}]: [{value}] does not contain valid view dimensions")
                };
                return Err(parse_problem(name, value, "Does not conform to regex (\\d+)x(\\d+)", legacy_text));
            }
        }
        return Ok(());
    }
    Ok(())
}

/// The parameters with their own handling (event type, timestamps, JSON, …).
#[allow(clippy::too_many_arguments)]
fn apply_special(
    config: &TransformConfig,
    special: Special,
    name: &str,
    value: &str,
    event: &mut EnrichedEvent,
    times: &mut Times,
    json_fields: &mut Vec<PendingJson>,
    order: u64,
) -> Result<(), Problem> {
    let legacy = config.legacy();
    match special {
        Special::Event => match event_type(value) {
            Some(kind) => event.set(Field::Event, kind),
            None => {
                return Err(parse_problem(
                    name,
                    value,
                    "Not a valid event type",
                    format!("Field [e]: [{value}] is not a recognised event code"),
                ));
            }
        },
        Special::Platform => {
            if !is_platform(value, legacy) {
                return Err(parse_problem(
                    name,
                    value,
                    "Not a valid platform",
                    format!("Field [p]: [{value}] is not a supported tracking platform"),
                ));
            }
            event.set(Field::Platform, value);
        }
        Special::Ip => event.set(Field::UserIpaddress, &tsv_safe(first_ip(value))),
        Special::EventId | Special::SessionId => {
            if !crate::iglu::validate::is_uuid(value) {
                return Err(parse_problem(
                    name,
                    value,
                    "Not a valid UUID",
                    format!("Field [{name}]: [{value}] is not a valid UUID"),
                ));
            }
            // Stored lower-cased, as Snowplow's UUID parsing prints it.
            let field = if special == Special::EventId { Field::EventId } else { Field::DomainSessionid };
            event.set_with(field, |text| {
                let start = text.len();
                text.push_str(value);
                text[start..].make_ascii_lowercase();
            });
        }
        Special::TxnId => {
            let parsed = java_int(value).ok_or_else(|| {
                parse_problem(
                    name,
                    value,
                    "Cannot be converted to java.lang.Integer",
                    format!("Field [tid]: [{value}] is not a valid integer"),
                )
            })?;
            if legacy {
                event.set(Field::TxnId, value);
            } else {
                event.set_int(Field::TxnId, i64::from(parsed));
            }
        }
        Special::Created | Special::Sent | Special::True => {
            let field = match special {
                Special::Created => Field::DvceCreatedTstamp,
                Special::Sent => Field::DvceSentTstamp,
                _ => Field::TrueTstamp,
            };
            let ms = java_long(value).ok_or_else(|| {
                parse_problem(
                    name,
                    value,
                    "Not in the expected format: ms since epoch",
                    format!("Field [{name}]: [{value}] is not in the expected format (ms since epoch)"),
                )
            })?;
            if !set_timestamp(event, field, ms) {
                return Err(redshift_problem(name, ms));
            }
            match special {
                Special::Created => times.created = Some(ms),
                Special::Sent => times.sent = Some(ms),
                _ => times.true_tstamp = Some(ms),
            }
        }
        Special::Contexts | Special::ContextsBase64 | Special::Unstruct | Special::UnstructBase64 => {
            let param: &'static str = match special {
                Special::Contexts => "co",
                Special::ContextsBase64 => "cx",
                Special::Unstruct => "ue_pr",
                _ => "ue_px",
            };
            let decoded = param.ends_with('x').then(|| decode_lenient_text(value.as_bytes()));
            let text = decoded.as_deref().unwrap_or(value);
            let field = if param.starts_with('c') { Field::Contexts } else { Field::UnstructEvent };
            let form = match Tape::parse(text).map(Tape::into_nodes) {
                Some(nodes) => {
                    if legacy {
                        // Canonical: exactly what serialising the parsed value gives.
                        event.set(field, text);
                    }
                    JsonForm::Canonical(decoded.unwrap_or_else(|| value.to_owned()), nodes)
                }
                None => match serde_json::from_str::<Value>(text) {
                    Ok(json) => {
                        if legacy {
                            set_json(event, field, &json);
                        }
                        JsonForm::Parsed(json)
                    }
                    Err(error) => {
                        let jackson = jackson_message(text, &error);
                        return Err(Problem::NotJson {
                            field: param.into(),
                            value: text.into(),
                            error: format!("invalid json: {error}"),
                            legacy: format!("Field [{param}]: invalid JSON [{text}] with parsing error: {jackson}"),
                        });
                    }
                },
            };
            json_fields.retain(|j| j.param.starts_with('c') != param.starts_with('c'));
            json_fields.push(PendingJson { param, order, form });
        }
        // Handled by the caller.
        Special::NetworkUserid => {}
    }
    Ok(())
}

thread_local! {
    /// Reused for re-serialising JSON columns.
    static JSON_TEXT: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Sets `field` to `json` in compact form (as `Value`'s `Display`), serialised straight into a
/// reused buffer.
fn set_json(event: &mut EnrichedEvent, field: Field, json: &Value) {
    JSON_TEXT.with_borrow_mut(|buffer| {
        buffer.clear();
        // Writing a `Value` to a Vec cannot fail, and the output is always UTF-8.
        if serde_json::to_writer(&mut *buffer, json).is_ok()
            && let Ok(text) = std::str::from_utf8(buffer)
        {
            event.set(field, text);
        }
    });
}

/// Jackson's wording for the commonest parse error (an unquoted word), else serde's message,
/// with Jackson's `at [Source: …; line: L, column: C]` suffix.
fn jackson_message(text: &str, error: &serde_json::Error) -> String {
    let trimmed = text.trim_start();
    let first = trimmed.chars().next();
    let word: String = trimmed.chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '$').collect();
    if first.is_some_and(|c| c.is_alphabetic()) && !matches!(word.as_str(), "true" | "false" | "null") {
        let offset = text.len() - trimmed.len();
        let column = text[..offset].chars().count() + word.chars().count() + 1;
        return format!(
            "Unrecognized token '{word}': was expecting ('true', 'false' or 'null') at [Source: {text}; line: 1, column: {column}]"
        );
    }
    format!("{error} at [Source: {text}; line: {}, column: {}]", error.line(), error.column())
}

/// Fills the URL split columns for the page URL (parts are slices of the `page_url` column).
fn set_url_columns(event: &mut EnrichedEvent, source: Field, text: &str, parts: &UriParts, columns: UrlColumns) {
    let [scheme, host, port, path, query, fragment] = columns;
    for (field, range) in [
        (scheme, &parts.scheme),
        (host, &parts.host),
        (path, &parts.path),
        (query, &parts.query),
        (fragment, &parts.fragment),
    ] {
        match range {
            Some(range) => event.set_slice(field, source, range.clone()),
            None => event.unset(field),
        }
    }
    event.set_int(port, i64::from(parts.effective_port(text)));
}

fn set_url_columns_owned(event: &mut EnrichedEvent, text: &str, parts: &UriParts, columns: UrlColumns) {
    let [scheme, host, port, path, query, fragment] = columns;
    for (field, range) in [
        (scheme, &parts.scheme),
        (host, &parts.host),
        (path, &parts.path),
        (query, &parts.query),
        (fragment, &parts.fragment),
    ] {
        match range {
            Some(range) => event.set(field, &text[range.clone()]),
            None => event.unset(field),
        }
    }
    event.set_int(port, i64::from(parts.effective_port(text)));
}

type UrlColumns = [Field; 6];
const URL_PAGE: UrlColumns = [
    Field::PageUrlscheme,
    Field::PageUrlhost,
    Field::PageUrlport,
    Field::PageUrlpath,
    Field::PageUrlquery,
    Field::PageUrlfragment,
];
const URL_REFERER: UrlColumns = [
    Field::RefrUrlscheme,
    Field::RefrUrlhost,
    Field::RefrUrlport,
    Field::RefrUrlpath,
    Field::RefrUrlquery,
    Field::RefrUrlfragment,
];

/// `_sp=<domain_userid>.<ms>[...]` in the page URL's query.
fn cross_domain(query: &str, event: &mut EnrichedEvent, found: &mut Problems, legacy: bool) {
    let Some(value) = query
        .rsplit(['&', ';'])
        .filter_map(|pair| pair.split_once('='))
        .filter(|(name, _)| *name == "_sp")
        .map(|(_, value)| value)
        .next()
    else {
        return;
    };
    let decoded = url_decode(value, false).unwrap_or(std::borrow::Cow::Borrowed(value));
    let mut parts: Vec<&str> = decoded.split('.').collect();
    while parts.last() == Some(&"") {
        parts.pop();
    }
    if !legacy && parts.len() > 7 {
        return;
    }
    if let Some(duid) = parts.first() {
        event.set(Field::RefrDomainUserid, &tsv_safe(duid));
    }
    if let Some(tstamp) = parts.get(1) {
        match java_long(tstamp).and_then(format_timestamp) {
            Some(text) => event.set(Field::RefrDvceTstamp, &text),
            None => found.push(
                Stage::CrossDomain,
                0,
                Problem::Enrichment {
                    field: Some("sp_dtm".into()),
                    value: Some((*tstamp).into()),
                    message: "Not in the expected format: ms since epoch".into(),
                    legacy: format!("Field [sp_dtm]: [{tstamp}] is not in the expected format (ms since epoch)"),
                },
            ),
        }
    }
}

/// JSON pointer → JSONPath (`/a/0/b` → `$.a[0].b`).
fn json_path(pointer: &str) -> String {
    let mut out = String::from("$");
    for token in pointer.split('/').skip(1) {
        let token = token.replace("~1", "/").replace("~0", "~");
        if !token.is_empty() && token.bytes().all(|b| b.is_ascii_digit()) {
            let _ = write!(out, "[{token}]");
        } else {
            out.push('.');
            out.push_str(&token);
        }
    }
    out
}

fn data_reports(violations: &[crate::iglu::validate::Violation]) -> Vec<DataReport> {
    violations
        .iter()
        .map(|v| {
            let (path, targets) = match v.keyword.as_str() {
                "additionalProperties" => {
                    let (parent, name) = v.pointer.rsplit_once('/').unwrap_or(("", &v.pointer));
                    (json_path(parent), vec![name.to_owned()])
                }
                "required" => {
                    let name = v.message.split('`').nth(1).unwrap_or_default().to_owned();
                    (json_path(&v.pointer), vec![name])
                }
                _ => (json_path(&v.pointer), Vec::new()),
            };
            DataReport {
                message: format!("{}: {}", json_path(&v.pointer), v.message),
                path,
                keyword: v.keyword.clone(),
                targets,
            }
        })
        .collect()
}

/// Validates `data` against `key`; problems go to `found`. True when valid.
fn validate_against(
    validators: &Validators,
    key: &SchemaKey,
    data: &Value,
    what: &dyn std::fmt::Display,
    order: u64,
    found: &mut Problems,
) -> bool {
    match validators.validate(key, data) {
        Ok(violations) if violations.is_empty() => true,
        Ok(violations) => {
            let summary: Vec<String> =
                violations.iter().map(|v| format!("{}: {}", json_path(&v.pointer), v.message)).collect();
            found.push(
                Stage::Validation,
                order,
                Problem::Invalid {
                    schema_key: key.to_string(),
                    reports: data_reports(&violations),
                    legacy: format!("{what} [{key}] is not valid: {}", summary.join("; ")),
                },
            );
            false
        }
        Err(ValidateError::Resolution(error)) => {
            found.push(
                Stage::Validation,
                order,
                Problem::NotFound {
                    schema_key: key.to_string(),
                    lookups: error.attempts.iter().map(|(name, e)| (name.clone(), e.to_string())).collect(),
                    legacy: format!("Could not find schema with key {key} in any repository"),
                },
            );
            false
        }
        Err(error @ ValidateError::InvalidSchema { .. }) => {
            found.push(
                Stage::Validation,
                order,
                Problem::NotFound {
                    schema_key: key.to_string(),
                    lookups: vec![("schema".into(), error.to_string())],
                    legacy: error.to_string(),
                },
            );
            false
        }
    }
}

/// Reads a self-describing wrapper, checks it is `vendor/name/jsonschema/1-0-*`.
fn wrapper<'v>(
    json: &'v Value,
    name: &str,
    criterion: &str,
    what: &str,
    order: u64,
    found: &mut Problems,
) -> Option<SelfDescribing<'v>> {
    let sd = match SelfDescribing::parse(json) {
        Ok(sd) => sd,
        Err(error) => {
            found.push(
                Stage::Validation,
                order,
                Problem::NotIglu {
                    json: json.clone(),
                    code: iglu_code(&error),
                    legacy: format!("{what} is not a self-describing JSON: {error}"),
                },
            );
            return None;
        }
    };
    let key = &sd.schema;
    if key.vendor != SP
        || key.name != name
        || key.format != "jsonschema"
        || key.version.model != 1
        || key.version.revision != 0
    {
        found.push(
            Stage::Validation,
            order,
            Problem::CriterionMismatch {
                schema_key: key.to_string(),
                criterion: criterion.into(),
                legacy: format!("{what} has schema {key}, expected {criterion}"),
            },
        );
        return None;
    }
    Some(sd)
}

fn iglu_code(error: &crate::iglu::sdj::EnvelopeError) -> &'static str {
    match error {
        crate::iglu::sdj::EnvelopeError::Key(key) => key.iglu_code(),
        _ => "INVALID_DATA_PAYLOAD",
    }
}

fn validate_contexts(
    config: &TransformConfig,
    validators: &Validators,
    json: &JsonField,
    event: &mut EnrichedEvent,
    found: &mut Problems,
) {
    let what = "Field [contexts]";
    let Some(sd) = wrapper(&json.value, "contexts", CONTEXTS_CRITERION, what, json.order, found) else {
        return;
    };
    if !validate_against(validators, &sd.schema, sd.data, &what, json.order, found) {
        return;
    }
    let Some(entities) = sd.data.as_array() else { return };
    let mut modern = (!config.legacy()).then(|| {
        let mut out = String::with_capacity(256);
        out.push_str("{\"schema\":\"");
        out.push_str(CONTEXTS_WRAPPER);
        out.push_str("\",\"data\":[");
        out
    });
    for (index, entity) in entities.iter().enumerate() {
        let what = format_args!("Context {index}");
        match SelfDescribing::parse(entity) {
            Ok(inner) => {
                validate_against(validators, &inner.schema, inner.data, &what, json.order, found);
                if let Some(out) = modern.as_mut() {
                    if index > 0 {
                        out.push(',');
                    }
                    write_entity(out, &inner);
                }
            }
            Err(error) => found.push(
                Stage::Validation,
                json.order,
                Problem::NotIglu {
                    json: entity.clone(),
                    code: iglu_code(&error),
                    legacy: format!("{what} is not a self-describing JSON: {error}"),
                },
            ),
        }
    }
    if let Some(mut out) = modern {
        out.push_str("]}");
        event.set(Field::Contexts, &out);
    }
}

fn write_entity(out: &mut String, entity: &SelfDescribing<'_>) {
    JSON_TEXT.with_borrow_mut(|buffer| {
        buffer.clear();
        // Serialising straight to bytes skips Display's formatter adapter (same compact text);
        // a `Value` always serialises, as UTF-8.
        if serde_json::to_writer(&mut *buffer, entity.data).is_ok()
            && let Ok(text) = std::str::from_utf8(buffer)
        {
            write_entity_text(out, &entity.schema, text);
        }
    });
}

/// `{"schema":"iglu:…","data":DATA}` with `data` already compact JSON text.
fn write_entity_text(out: &mut String, schema: &SchemaKey, data: &str) {
    out.push_str("{\"schema\":\"iglu:");
    let _ = write!(out, "{}/{}/{}/{}", schema.vendor, schema.name, schema.format, schema.version);
    write_entity_data(out, data);
}

/// The rest of [`write_entity_text`] after the schema URI.
fn write_entity_data(out: &mut String, data: &str) {
    out.push_str("\",\"data\":");
    out.push_str(data);
    out.push('}');
}

/// The schema's quick entry and the data node of the self-describing JSON at node `index`,
/// when it is one the way [`SelfDescribing::parse`] reads it (only `schema` and `data`, a
/// valid key).
fn quick_envelope(validators: &Validators, tape: &Tape<'_>, index: usize) -> Option<(QuickEntry, usize)> {
    let node = tape.node(index);
    if node.kind != Kind::Object || node.count != 2 {
        return None;
    }
    let schema = tape.member(index, "schema")?;
    let data = tape.member(index, "data")?;
    if tape.node(schema).kind != Kind::Str {
        return None;
    }
    Some((validators.quick_by_uri(tape.raw_str(schema))?, data))
}

/// Whether data node `index` is certainly valid against the entry's schema.
fn quick_accepts(entry: &QuickEntry, tape: &Tape<'_>, index: usize) -> bool {
    entry.shape.as_ref().is_some_and(|shape| shape.accepts(tape, index))
}

/// Whether `key` is Snowplow's `name` wrapper, model 1 revision 0 (as [`wrapper`] requires).
fn is_wrapper(key: &SchemaKey, name: &str) -> bool {
    key.vendor == SP
        && key.name == name
        && key.format == "jsonschema"
        && key.version.model == 1
        && key.version.revision == 0
}

/// The quick path of [`validate_contexts`]: true when the contexts are certainly valid, and
/// then the column is written (modern runtimes) from the tracker's own canonical text.
/// False means "not sure": nothing was written, and the general path takes over.
fn quick_contexts(
    config: &TransformConfig,
    validators: &Validators,
    tape: &Tape<'_>,
    event: &mut EnrichedEvent,
) -> bool {
    let Some((wrapper, data)) = quick_envelope(validators, tape, 0) else { return false };
    if !is_wrapper(&wrapper.key, "contexts")
        || tape.node(data).kind != Kind::Array
        || !quick_accepts(&wrapper, tape, data)
    {
        return false;
    }
    let mut entities = Vec::with_capacity(tape.node(data).count as usize);
    for element in tape.elements(data) {
        let Some((entity, inner)) = quick_envelope(validators, tape, element) else { return false };
        if !quick_accepts(&entity, tape, inner) {
            return false;
        }
        entities.push((entity.uri, inner));
    }
    if !config.legacy() {
        let mut out = String::with_capacity(tape.text().len() + 64);
        out.push_str("{\"schema\":\"");
        out.push_str(CONTEXTS_WRAPPER);
        out.push_str("\",\"data\":[");
        for (index, (uri, inner)) in entities.iter().enumerate() {
            if index > 0 {
                out.push(',');
            }
            out.push_str("{\"schema\":\"");
            out.push_str(uri);
            write_entity_data(&mut out, tape.raw(*inner));
        }
        out.push_str("]}");
        event.set(Field::Contexts, &out);
    }
    true
}

/// The quick path of [`validate_unstruct`], as [`quick_contexts`] is of contexts: the event's
/// schema key when it is certainly valid.
fn quick_unstruct(
    config: &TransformConfig,
    validators: &Validators,
    tape: &Tape<'_>,
    event: &mut EnrichedEvent,
) -> Option<Arc<SchemaKey>> {
    let (wrapper, data) = quick_envelope(validators, tape, 0)?;
    if !is_wrapper(&wrapper.key, "unstruct_event") || !quick_accepts(&wrapper, tape, data) {
        return None;
    }
    let (inner, inner_data) = quick_envelope(validators, tape, data)?;
    if !quick_accepts(&inner, tape, inner_data) {
        return None;
    }
    if !config.legacy() {
        let mut out = String::with_capacity(tape.text().len() + 64);
        out.push_str("{\"schema\":\"");
        out.push_str(UNSTRUCT_WRAPPER);
        out.push_str("\",\"data\":{\"schema\":\"");
        out.push_str(&inner.uri);
        write_entity_data(&mut out, tape.raw(inner_data));
        out.push('}');
        event.set(Field::UnstructEvent, &out);
    }
    Some(inner.key)
}

fn validate_unstruct(
    config: &TransformConfig,
    validators: &Validators,
    json: &JsonField,
    event: &mut EnrichedEvent,
    found: &mut Problems,
) -> Option<std::sync::Arc<SchemaKey>> {
    let what = "Field [unstruct_event]";
    let sd = wrapper(&json.value, "unstruct_event", UNSTRUCT_CRITERION, what, json.order, found)?;
    if !validate_against(validators, &sd.schema, sd.data, &what, json.order, found) {
        return None;
    }
    let inner = match SelfDescribing::parse(sd.data) {
        Ok(inner) => inner,
        Err(error) => {
            found.push(
                Stage::Validation,
                json.order,
                Problem::NotIglu {
                    json: sd.data.clone(),
                    code: iglu_code(&error),
                    legacy: format!("Unstructured event is not a self-describing JSON: {error}"),
                },
            );
            return None;
        }
    };
    validate_against(validators, &inner.schema, inner.data, &"Unstructured event", json.order, found);
    if !config.legacy() {
        let mut out = String::with_capacity(256);
        out.push_str("{\"schema\":\"");
        out.push_str(UNSTRUCT_WRAPPER);
        out.push_str("\",\"data\":");
        write_entity(&mut out, &inner);
        out.push('}');
        event.set(Field::UnstructEvent, &out);
    }
    Some(inner.schema)
}

/// event_vendor / event_name / event_format / event_version.
fn schema_fields(event: &mut EnrichedEvent, unstruct: Option<&SchemaKey>, legacy: bool, found: &mut Problems) {
    let fixed = match event.get(Field::Event) {
        Some("page_view") => Some((SP, "page_view")),
        Some("page_ping") => Some((SP, "page_ping")),
        Some("struct") => Some(("com.google.analytics", "event")),
        Some("transaction") => Some((SP, "transaction")),
        Some("transaction_item") => Some((SP, "transaction_item")),
        Some("unstruct") => {
            if let Some(key) = unstruct {
                let version = key.version.to_string();
                event.set(Field::EventVendor, &key.vendor);
                event.set(Field::EventName, &key.name);
                event.set(Field::EventFormat, &key.format);
                event.set(Field::EventVersion, &version);
            }
            return;
        }
        None if !legacy => return,
        other => {
            let kind = other.unwrap_or("null").to_owned();
            found.push(
                Stage::SchemaFields,
                0,
                Problem::Enrichment {
                    field: Some("event".into()),
                    value: other.map(str::to_owned),
                    message: format!(
                        "trying to extract the schema of the enriched event but event type [{kind}] doesn't match any of page_view, page_ping, struct, transaction, transaction_item and unstruct"
                    ),
                    legacy: format!("Unrecognized event [{kind}]"),
                },
            );
            return;
        }
    };
    if let Some((vendor, name)) = fixed {
        event.set(Field::EventVendor, vendor);
        event.set(Field::EventName, name);
        event.set(Field::EventFormat, "jsonschema");
        event.set(Field::EventVersion, "1-0-0");
    }
}

/// Enrich 6's atomic length limits (UTF-16 code units).
fn check_lengths(event: &EnrichedEvent, found: &mut Problems) {
    for field in super::event::Field::ALL.iter().copied().take(FIELD_COUNT) {
        let (Some(limit), Some(value)) = (field.max_length(), event.get(field)) else { continue };
        if value.len() > limit && value.encode_utf16().count() > limit {
            found.push(
                Stage::Validation,
                field as u64,
                Problem::TooLong { field: field.name(), value: value.to_owned(), limit },
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The quick path either writes exactly the column the general path writes, or says "not
    /// sure"; it says yes to nothing the general path rejects.
    #[test]
    fn quick_and_general_paths_agree() {
        let validators = Validators::new(Arc::new(crate::iglu::Resolver::bundled()));
        const ID: &str = "0d4cf1e5-1b2c-4d3e-8f40-5a6b7c8d9e0f";
        let duplicate = |data: &str| {
            format!(r#"{{"schema":"iglu:com.snowplowanalytics.snowplow/duplicate/jsonschema/1-0-0","data":{data}}}"#)
        };
        let contexts = |version: &str, entities: &[String]| {
            format!(
                r#"{{"schema":"iglu:com.snowplowanalytics.snowplow/contexts/jsonschema/{version}","data":[{}]}}"#,
                entities.join(",")
            )
        };
        let valid = duplicate(&format!(r#"{{"originalEventId":"{ID}"}}"#));
        let cases = [
            (contexts("1-0-0", std::slice::from_ref(&valid)), true),
            (contexts("1-0-1", &[valid.clone(), valid.clone()]), true),
            (contexts("1-0-0", &[]), false),
            (contexts("1-0-0", &[duplicate(r#"{"originalEventId":"nope"}"#)]), false),
            (contexts("1-0-0", &[duplicate(r#"{"originalEventId":"0d4cf1e5","extra":1}"#)]), false),
            (contexts("1-0-0", &[duplicate(r#"{}"#)]), false),
            (contexts("2-0-0", std::slice::from_ref(&valid)), false),
            (contexts("1-0-0", &[r#"{"schema":"iglu:com.acme/unknown/jsonschema/1-0-0","data":{}}"#.into()]), false),
            (contexts("1-0-0", &[r#"{"schema":"iglu:com.acme/x/jsonschema/1-0","data":{}}"#.into()]), false),
            (
                contexts(
                    "1-0-0",
                    &[format!(
                        r#"{{"schema":"iglu:com.snowplowanalytics.snowplow/duplicate/jsonschema/1-0-0","data":{{"originalEventId":"{ID}"}},"x":1}}"#
                    )],
                ),
                false,
            ),
        ];
        for runtime in [EnrichRuntime::Enrich6, EnrichRuntime::Legacy] {
            let config = TransformConfig::new(runtime, false, 0);
            for (text, quick_expected) in &cases {
                let tape = Tape::parse(text).expect("canonical");
                let mut quick = EnrichedEvent::new();
                let said_yes = quick_contexts(&config, &validators, &tape, &mut quick);
                assert_eq!(said_yes, *quick_expected, "{text}");
                let mut general = EnrichedEvent::new();
                let mut found = Problems { list: Vec::new() };
                let json = JsonField { value: serde_json::from_str(text).unwrap(), order: 0 };
                validate_contexts(&config, &validators, &json, &mut general, &mut found);
                if said_yes {
                    assert!(found.list.is_empty(), "quick said yes, general found problems in {text}");
                    assert_eq!(quick.get(Field::Contexts), general.get(Field::Contexts), "{text}");
                } else {
                    assert_eq!(quick.get(Field::Contexts), None, "nothing written when not sure");
                }
            }
        }
        let unstruct = |inner: &str| {
            format!(
                r#"{{"schema":"iglu:com.snowplowanalytics.snowplow/unstruct_event/jsonschema/1-0-0","data":{inner}}}"#
            )
        };
        let config = TransformConfig::new(EnrichRuntime::Enrich6, false, 0);
        for (text, quick_expected) in [
            (unstruct(&valid), true),
            (unstruct(&duplicate("{}")), false),
            (unstruct(r#"{"schema":"iglu:com.acme/unknown/jsonschema/1-0-0","data":{}}"#), false),
        ] {
            let tape = Tape::parse(&text).expect("canonical");
            let mut quick = EnrichedEvent::new();
            let key = quick_unstruct(&config, &validators, &tape, &mut quick);
            assert_eq!(key.is_some(), quick_expected, "{text}");
            let mut general = EnrichedEvent::new();
            let mut found = Problems { list: Vec::new() };
            let json = JsonField { value: serde_json::from_str(&text).unwrap(), order: 0 };
            let general_key = validate_unstruct(&config, &validators, &json, &mut general, &mut found);
            if quick_expected {
                assert_eq!(key, general_key);
                assert_eq!(quick.get(Field::UnstructEvent), general.get(Field::UnstructEvent));
            } else {
                assert!(!found.list.is_empty(), "the general path rejects {text}");
            }
        }
    }

    #[test]
    fn set_timestamp_writes_what_format_timestamp_returns() {
        let mut event = EnrichedEvent::new();
        let moments = [
            1_706_745_600_000,
            1_706_745_600_999,
            1_706_745_600_001,
            1_706_745_601_000,
            -1,
            -1000,
            -1001,
            0,
            253_402_300_799_999,
            253_402_300_800_000,
            1_706_745_600_042,
            -62_167_219_200_001,
        ];
        for ms in moments {
            event.clear();
            let written = set_timestamp(&mut event, Field::DvceCreatedTstamp, ms);
            let expected = format_timestamp(ms);
            assert_eq!(written, expected.is_some(), "{ms}");
            assert_eq!(event.get(Field::DvceCreatedTstamp), expected.as_deref(), "{ms}");
        }
    }

    #[test]
    fn timestamps() {
        assert_eq!(format_timestamp(1_000_000_000_000).unwrap(), "2001-09-09 01:46:40.000");
        assert_eq!(format_timestamp(1_364_219_529_188).unwrap(), "2013-03-25 13:52:09.188");
        assert_eq!(format_timestamp(-1).unwrap(), "1969-12-31 23:59:59.999");
        assert_eq!(format_timestamp(253_402_300_800_000), None);
        assert_eq!(iso_timestamp(1_000_000_000_000), "2001-09-09T01:46:40.000Z");
    }

    #[test]
    fn decimals_follow_java() {
        let plain = |t: &str| Decimal::parse(t).map(|d| d.to_plain_string());
        let modern = |t: &str| Decimal::parse(t).map(|d| d.to_modern_string());
        assert_eq!(plain("0.0").as_deref(), Some("0.0"));
        assert_eq!(plain("1E+3").as_deref(), Some("1000"));
        assert_eq!(plain("-0010.50").as_deref(), Some("-10.50"));
        assert_eq!(plain(".5").as_deref(), Some("0.5"));
        assert_eq!(plain(""), None);
        assert_eq!(plain("1e"), None);
        assert_eq!(plain("abc"), None);
        assert_eq!(modern("8000").as_deref(), Some("8000"));
        assert_eq!(modern("1E+3").as_deref(), Some("1000"));
        assert_eq!(modern("0.00000001").as_deref(), Some("1E-8"));
        assert_eq!(modern("0.000001").as_deref(), Some("0.000001"));
    }

    #[test]
    fn integers_follow_java() {
        assert_eq!(java_int("028288"), Some(28288));
        assert_eq!(java_int("+5"), Some(5));
        assert_eq!(java_int("-2147483648"), Some(i32::MIN));
        assert_eq!(java_int("2147483648"), None);
        assert_eq!(java_int(""), None);
        assert_eq!(java_int("1.0"), None);
        assert_eq!(java_int("-"), None);
        assert_eq!(java_int("+-5"), None);
        assert_eq!(java_int("00000000001"), Some(1));
        assert_eq!(java_int("000000000001"), None);
        assert_eq!(java_int("99999999999"), None);
        assert_eq!(java_int("-0"), Some(0));
        // The implementation before the digit loop, as the reference.
        let reference = |text: &str| -> Option<i64> {
            let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            if text.starts_with('+') { digits.parse().ok() } else { text.parse().ok() }
        };
        for text in [
            "",
            "+",
            "-",
            "1",
            "-1",
            "+1",
            "12a",
            "1 ",
            " 1",
            "\u{ff11}",
            "+-1",
            "--1",
            "0",
            "-0",
            "999999999999999999",
            "1000000000000000000",
            "9223372036854775807",
            "9223372036854775808",
            "-9223372036854775808",
            "-9223372036854775809",
            "+9223372036854775807",
            "0000000000000000000000001",
            "99999999999999999999",
            "1234567890123456789x",
        ] {
            assert_eq!(java_long(text), reference(text), "{text}");
        }
        assert_eq!(java_long("123456789012345678"), Some(123_456_789_012_345_678));
        assert_eq!(java_long("-999999999999999999"), Some(-999_999_999_999_999_999));
        assert_eq!(java_long("9223372036854775807"), Some(i64::MAX));
        assert_eq!(java_long("9223372036854775808"), None);
        assert_eq!(java_long("-9223372036854775808"), Some(i64::MIN));
        assert_eq!(java_long("+9223372036854775807"), Some(i64::MAX));
        assert_eq!(java_long("00000000000000000000001"), Some(1));
        assert_eq!(java_long("+-1"), None);
        assert_eq!(java_long("1e3"), None);
    }

    #[test]
    fn java_string_hash() {
        assert_eq!(java_hash("e"), 101);
        assert_eq!(java_hash("vid"), 116_753);
        assert_eq!(java_hash("hello"), 99_162_322);
    }

    #[test]
    fn dedup_keeps_last_value() {
        let pairs = |params: &[(&'static str, Option<&'static str>)]| -> Vec<(&'static str, &'static str)> {
            dedup_last_wins(params).into_iter().map(|(name, value, _)| (name, value)).collect()
        };
        let params = [("a", Some("1")), ("b", None), ("a", Some("2")), ("c", Some("3"))];
        assert_eq!(pairs(&params), [("a", "2"), ("c", "3")]);
        // Known and unknown names mixed; a later token without `=` does not override.
        let params = [
            ("e", Some("pv")),
            ("aid", Some("x")),
            ("unknown", Some("1")),
            ("e", Some("se")),
            ("aid", None),
            ("unknown", Some("2")),
            ("aid\0", Some("y")),
            ("e", Some("ue")),
            ("longer_name", Some("3")),
            ("longer_name", Some("4")),
            ("", Some("5")),
            ("", Some("6")),
        ];
        assert_eq!(
            pairs(&params),
            [("aid", "x"), ("unknown", "2"), ("aid\0", "y"), ("e", "ue"), ("longer_name", "4"), ("", "6")]
        );
    }

    #[test]
    fn parameter_table_finds_every_known_name() {
        let lists = TEXT_PARAMS
            .iter()
            .chain(INT_PARAMS)
            .chain(BOOL_PARAMS)
            .chain(DECIMAL_PARAMS)
            .map(|&(name, _)| name)
            .chain(DIMENSION_PARAMS.iter().map(|&(name, _, _)| name))
            .chain(SPECIAL_PARAMS.iter().map(|&(name, _)| name));
        let mut bits = std::collections::HashSet::new();
        for name in lists {
            let spec = param_spec(name).unwrap_or_else(|| panic!("{name} not found"));
            assert_eq!(spec.order, scala_hash_order(name), "{name}");
            assert!(bits.insert(spec.bit), "{name} shares its bit");
        }
        assert_eq!(bits.len(), PARAMS.iter().filter(|spec| spec.key != 0).count());
        assert!(matches!(param_spec("f_realp").map(|s| s.kind), Some(ParamKind::Bool(Field::BrFeaturesRealplayer))));
        assert!(matches!(param_spec("res").map(|s| s.kind), Some(ParamKind::Dimensions(Field::DvceScreenwidth, _))));
        assert!(matches!(param_spec("tnuid").map(|s| s.kind), Some(ParamKind::Special(Special::NetworkUserid))));
        for unknown in
            ["", "a", "E", "e\0", "\0e", "ai", "aidd", "se_ca\0", "f_realpx", "f_realp_", "ue_p", "ue_pxx", "é"]
        {
            assert!(param_spec(unknown).is_none(), "{unknown:?}");
        }
    }

    #[test]
    fn parameter_keys_are_distinct() {
        let mut keys = std::collections::HashMap::new();
        let bytes = [0u8, 1, b'a', b'e', 0x7f, 0x80, 0xff];
        let mut names = vec![Vec::new()];
        for _ in 0..4 {
            names = names.iter().flat_map(|n| bytes.iter().map(move |&b| [n.clone(), vec![b]].concat())).collect();
            for name in &names {
                let key = packed_name(name).unwrap();
                assert_ne!(key, 0);
                assert_eq!(keys.insert(key, name.clone()).unwrap_or_else(|| name.clone()), *name);
            }
        }
        for len in 4..=7 {
            let name: Vec<u8> = (1..=len as u8).collect();
            assert_eq!(
                packed_name(&name),
                Some(u64::from_le_bytes(std::array::from_fn(|i| if i == 7 {
                    len as u8
                } else {
                    name.get(i).copied().unwrap_or(0)
                })))
            );
        }
        assert_eq!(packed_name(b""), None);
        assert_eq!(packed_name(b"12345678"), None);
    }

    #[test]
    fn useragent_decoding() {
        assert_eq!(url_decode("a+b%20c", true).unwrap(), "a b c");
        assert!(url_decode("a%zz", true).unwrap_err().contains("Illegal hex characters"));
        assert_eq!(url_decode("a%zz", false).unwrap(), "a%zz");
        assert_eq!(first_ip("1.2.3.4, 5.6.7.8"), "1.2.3.4");
        assert_eq!(tsv_safe("a\tb\nc"), "a    bc");
    }

    #[test]
    fn jackson_wording() {
        let error = serde_json::from_str::<Value>("john+smith").unwrap_err();
        assert_eq!(
            jackson_message("john+smith", &error),
            "Unrecognized token 'john': was expecting ('true', 'false' or 'null') at [Source: john+smith; line: 1, column: 5]"
        );
        assert_eq!(json_path("/a/0/b~1c"), "$.a[0].b/c");
    }
}
