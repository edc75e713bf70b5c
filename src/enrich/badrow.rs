//! Bad rows: what went wrong with a record or an event, written as one JSON line.
//!
//! Two styles: modern self-describing bad rows (`iglu:com.snowplowanalytics.snowplow.badrows/*`,
//! the default) and the legacy `{"line", "errors", "failure_tstamp"}` rows of the batch pipeline
//! (`--legacy-bad-rows`), whose message texts follow Spark Enrich R117. Every timestamp is the
//! run's ETL timestamp, so a rerun writes identical bad rows.

use serde::Serialize;
use serde_json::{Map, Value, json};

use super::base64::encode_standard;
use super::event::EnrichedEvent;
use super::outcome::BadRowKind;
use super::payload::{CollectorPayload, InputFormat, NameValue};
use super::transform::iso_timestamp;

/// Which bad-row format to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BadRowStyle {
    /// Self-describing bad rows (`com.snowplowanalytics.snowplow.badrows`).
    #[default]
    Modern,
    /// `{"line","errors","failure_tstamp"}` rows with Spark Enrich R117 texts.
    Legacy,
}

/// The Iglu schema of atomic fields, named by parse and length errors.
pub const ATOMIC_SCHEMA: &str = "iglu:com.snowplowanalytics.snowplow/atomic/jsonschema/1-0-0";

/// One problem found while turning raw parameters into an enriched event.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// A tracker parameter could not be converted (`atomic_field_parse_error`).
    Parse {
        /// The parameter, e.g. `vid`.
        field: String,
        /// Its value.
        value: String,
        /// What was expected (modern text).
        message: String,
        /// The R117 text.
        legacy: String,
    },
    /// A JSON parameter is not JSON (or not base64).
    NotJson {
        /// The parameter, e.g. `ue_px`.
        field: String,
        /// Its (decoded) value.
        value: String,
        /// The parse error.
        error: String,
        /// The R117 text.
        legacy: String,
    },
    /// A JSON value is not a self-describing JSON.
    NotIglu {
        /// The value.
        json: Value,
        /// Iglu's error code, e.g. `INVALID_DATA_PAYLOAD`.
        code: &'static str,
        /// The legacy text.
        legacy: String,
    },
    /// A self-describing JSON has a schema the field does not accept.
    CriterionMismatch {
        /// The schema found.
        schema_key: String,
        /// The criterion required.
        criterion: String,
        /// The legacy text.
        legacy: String,
    },
    /// Data does not validate against its schema.
    Invalid {
        /// The schema.
        schema_key: String,
        /// One report per violation.
        reports: Vec<DataReport>,
        /// The legacy text.
        legacy: String,
    },
    /// The schema could not be resolved.
    NotFound {
        /// The schema.
        schema_key: String,
        /// (repository, what it answered).
        lookups: Vec<(String, String)>,
        /// The legacy text.
        legacy: String,
    },
    /// A value is longer than its atomic column allows (Enrich 6 only).
    TooLong {
        /// The column.
        field: &'static str,
        /// The value.
        value: String,
        /// The limit.
        limit: usize,
    },
    /// An enrichment step failed (URL parsing, `_sp`, collector version, user agent, schema
    /// fields).
    Enrichment {
        /// The input field, if the failure is about one.
        field: Option<String>,
        /// Its value.
        value: Option<String>,
        /// What went wrong.
        message: String,
        /// The R117 text.
        legacy: String,
    },
    /// A configurable enrichment failed.
    Step {
        /// The enrichment, as the bad row names it (boxed: problems are moved around a lot).
        enrichment: Box<EnrichmentId>,
        /// The input field, if the failure is about one.
        field: Option<String>,
        /// Its value.
        value: Option<String>,
        /// What went wrong.
        message: String,
        /// The R117 text.
        legacy: String,
    },
}

/// The identity of a configurable enrichment, as `enrichment_failures` bad rows name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnrichmentId {
    /// The config's schema, e.g. `iglu:com.snowplowanalytics.snowplow/anon_ip/jsonschema/1-0-1`.
    pub schema_key: String,
    /// The enrichment's name, e.g. `anon_ip`.
    pub identifier: String,
}

/// One violation in a `ValidationError` (the fields of the badrows `dataReports`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataReport {
    /// What is wrong.
    pub message: String,
    /// JSONPath of the value (`$`, `$.a[0]`).
    pub path: String,
    /// The failed keyword.
    pub keyword: String,
    /// Properties or values involved.
    pub targets: Vec<String>,
}

impl Problem {
    /// Whether this problem makes a `schema_violations` row (as opposed to
    /// `enrichment_failures`).
    pub fn is_schema_violation(&self) -> bool {
        !matches!(self, Problem::Enrichment { .. } | Problem::Step { .. })
    }

    /// The R117 message text.
    pub fn legacy_message(&self) -> String {
        match self {
            Problem::Parse { legacy, .. }
            | Problem::NotJson { legacy, .. }
            | Problem::NotIglu { legacy, .. }
            | Problem::CriterionMismatch { legacy, .. }
            | Problem::Invalid { legacy, .. }
            | Problem::NotFound { legacy, .. }
            | Problem::Enrichment { legacy, .. }
            | Problem::Step { legacy, .. } => legacy.clone(),
            Problem::TooLong { field, limit, .. } => {
                format!("Field [{field}]: value is longer than maximum allowed size {limit}")
            }
        }
    }
}

/// A whole-record failure from the adapter stage.
#[derive(Debug, Clone, PartialEq)]
pub struct AdapterFailure {
    /// `tracker_protocol_violations` (Snowplow and redirect APIs) or `adapter_failures`.
    pub kind: BadRowKind,
    /// What went wrong, as badrows `messages` entries.
    pub messages: Vec<Value>,
    /// The R117 texts.
    pub legacy: Vec<String>,
}

/// Writes bad rows for one run.
#[derive(Debug, Clone)]
pub struct BadRowWriter {
    style: BadRowStyle,
    format: InputFormat,
    timestamp: String,
    processor: Value,
}

fn truncate_chars(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => text[..cut].to_owned(),
        None => text.to_owned(),
    }
}

fn name_values(values: &[NameValue]) -> Value {
    values.iter().map(|nv| json!({"name": nv.name, "value": nv.value})).collect()
}

fn schema_violation_message(problem: &Problem) -> Value {
    match problem {
        Problem::Parse { .. } | Problem::TooLong { .. } => atomic_message(problem),
        Problem::NotJson { field, value, error, .. } => json!({"field": field, "value": value, "error": error}),
        Problem::NotIglu { json, code, .. } => json!({"json": json, "error": code}),
        Problem::CriterionMismatch { schema_key, criterion, .. } => {
            json!({"schemaKey": schema_key, "schemaCriterion": criterion})
        }
        Problem::Invalid { schema_key, reports, .. } => json!({
            "schemaKey": schema_key,
            "error": {"error": "ValidationError", "dataReports": reports.iter().map(report_json).collect::<Vec<_>>()},
        }),
        Problem::NotFound { schema_key, lookups, .. } => json!({
            "schemaKey": schema_key,
            "error": {"error": "ResolutionError", "lookupHistory": lookups.iter().map(|(repository, message)| json!({
                "repository": repository,
                "errors": [{"error": "NotFound", "message": truncate_chars(message, 256)}],
                "attempts": 1,
                "lastAttempt": "1970-01-01T00:00:00.000Z",
            })).collect::<Vec<_>>()},
        }),
        Problem::Enrichment { field, value, message, .. } | Problem::Step { field, value, message, .. } => {
            json!({"field": field.as_deref().unwrap_or("event"), "value": value, "error": message})
        }
    }
}

/// Parse and length problems share one `ValidationError` against the atomic schema.
fn atomic_message(problem: &Problem) -> Value {
    json!({"schemaKey": ATOMIC_SCHEMA, "error": {"error": "ValidationError", "dataReports": [atomic_report(problem)]}})
}

fn atomic_report(problem: &Problem) -> Value {
    match problem {
        Problem::Parse { field, value, message, .. } => json!({
            "message": message, "path": field, "keyword": "atomic_field_parse_error", "targets": [value],
        }),
        Problem::TooLong { field, value, limit } => json!({
            "message": format!("Field is longer than maximum allowed size {limit}"),
            "path": field, "keyword": "atomic_field_length_exceeded", "targets": [truncate_chars(value, 256)],
        }),
        _ => Value::Null,
    }
}

fn report_json(report: &DataReport) -> Value {
    json!({"message": report.message, "path": report.path, "keyword": report.keyword, "targets": report.targets})
}

fn enrichment_message(problem: &Problem) -> Value {
    match problem {
        Problem::Enrichment { field: Some(field), value, message, .. } => json!({
            "enrichment": null,
            "message": {"field": truncate_chars(field, 64), "value": value, "expectation": truncate_chars(message, 256)},
        }),
        Problem::Step { enrichment, field, value, message, .. } => {
            let enrichment = json!({"schemaKey": enrichment.schema_key, "identifier": enrichment.identifier});
            match field {
                Some(field) => json!({
                    "enrichment": enrichment,
                    "message": {"field": truncate_chars(field, 64), "value": value, "expectation": truncate_chars(message, 256)},
                }),
                None => json!({"enrichment": enrichment, "message": {"error": truncate_chars(message, 512)}}),
            }
        }
        other => json!({"enrichment": null, "message": {"error": truncate_chars(&other.legacy_message(), 512)}}),
    }
}

impl BadRowWriter {
    /// A writer for a run with the given ETL timestamp (ms since the epoch).
    pub fn new(style: BadRowStyle, format: InputFormat, etl_timestamp_ms: i64) -> Self {
        BadRowWriter {
            style,
            format,
            timestamp: iso_timestamp(etl_timestamp_ms),
            processor: json!({"artifact": "snowplowctl", "version": env!("CARGO_PKG_VERSION")}),
        }
    }

    /// The raw record as bad rows carry it: the line, or base64 of binary records.
    pub fn raw_text(&self, record: &[u8]) -> String {
        if self.format.is_text() { String::from_utf8_lossy(record).into_owned() } else { encode_standard(record) }
    }

    fn write(&self, out: &mut Vec<u8>, row: &Value) {
        // Serialising a Value into a Vec cannot fail.
        let _ = serde_json::to_writer(&mut *out, row);
        out.push(b'\n');
    }

    fn legacy(&self, out: &mut Vec<u8>, line: String, messages: impl IntoIterator<Item = String>) {
        let errors: Vec<Value> = messages.into_iter().map(|m| json!({"level": "error", "message": m})).collect();
        self.write(out, &json!({"line": line, "errors": errors, "failure_tstamp": self.timestamp}));
    }

    fn modern(&self, out: &mut Vec<u8>, kind: BadRowKind, failure: Value, payload: impl Serialize) {
        /// `{"schema": …, "data": {"processor": …, "failure": …, "payload": …}}`, streamed.
        #[derive(Serialize)]
        struct Row<'a, P> {
            schema: &'static str,
            data: RowData<'a, P>,
        }
        #[derive(Serialize)]
        struct RowData<'a, P> {
            processor: &'a Value,
            failure: Value,
            payload: P,
        }
        let row = Row { schema: kind.schema(), data: RowData { processor: &self.processor, failure, payload } };
        // Serialising into a Vec cannot fail.
        let _ = serde_json::to_writer(&mut *out, &row);
        out.push(b'\n');
    }

    /// A record the loader could not read (`collector_payload_format_violation`): `messages`
    /// are the R117 texts, `message` the modern `failure.message` object.
    pub fn loader_failure(&self, out: &mut Vec<u8>, record: &[u8], messages: Vec<String>, message: Value) {
        let raw = self.raw_text(record);
        match self.style {
            BadRowStyle::Legacy => self.legacy(out, raw, messages),
            BadRowStyle::Modern => self.modern(
                out,
                BadRowKind::CollectorPayloadFormatViolation,
                json!({"timestamp": self.timestamp, "loader": self.format.loader_name(), "message": message}),
                Value::String(raw),
            ),
        }
    }

    /// A record larger than the maximum (`size_violation`).
    pub fn size_violation(&self, out: &mut Vec<u8>, prefix: &[u8], actual: u64, maximum: u64) {
        let message = format!("record of {actual} bytes is larger than the maximum record size of {maximum} bytes");
        match self.style {
            BadRowStyle::Legacy => {
                let errors = [json!({"level": "error", "message": message})];
                self.write(out, &json!({"size": actual, "errors": errors, "failure_tstamp": self.timestamp}));
            }
            BadRowStyle::Modern => {
                let shown = &prefix[..prefix.len().min(10 * 1024)];
                self.modern(
                    out,
                    BadRowKind::SizeViolation,
                    json!({
                        "timestamp": self.timestamp,
                        "maximumAllowedSizeBytes": maximum.min(1 << 30),
                        "actualSizeBytes": actual.min(1 << 30),
                        "expectation": format!("records may be at most {maximum} bytes"),
                    }),
                    Value::String(self.raw_text(shown)),
                );
            }
        }
    }

    /// Input that could not be read as records (`generic_error`).
    pub fn unreadable(&self, out: &mut Vec<u8>, raw: &[u8], message: &str) {
        match self.style {
            BadRowStyle::Legacy => self.legacy(out, self.raw_text(raw), [message.to_owned()]),
            BadRowStyle::Modern => self.modern(
                out,
                BadRowKind::GenericError,
                json!({"timestamp": self.timestamp, "errors": [message]}),
                Value::String(self.raw_text(raw)),
            ),
        }
    }

    /// A payload the adapter rejected as a whole.
    pub fn adapter_failure(
        &self,
        out: &mut Vec<u8>,
        record: &[u8],
        payload: &CollectorPayload,
        failure: &AdapterFailure,
    ) {
        match self.style {
            BadRowStyle::Legacy => self.legacy(out, self.raw_text(record), failure.legacy.iter().cloned()),
            BadRowStyle::Modern => self.modern(
                out,
                failure.kind,
                json!({
                    "timestamp": self.timestamp,
                    "vendor": payload.api.vendor,
                    "version": payload.api.version,
                    "messages": failure.messages,
                }),
                collector_payload_json(payload),
            ),
        }
    }

    /// An event that failed enrichment: `schema_violations` when any problem is one (parse and
    /// validation problems come first, as in Enrich), else `enrichment_failures`.
    #[allow(clippy::too_many_arguments)]
    pub fn event_failure(
        &self,
        out: &mut Vec<u8>,
        record: &[u8],
        payload: &CollectorPayload,
        parameters: &[(&str, Option<&str>)],
        event: &EnrichedEvent,
        problems: &[Problem],
    ) -> BadRowKind {
        let schema = problems.iter().any(Problem::is_schema_violation);
        let kind = if schema { BadRowKind::SchemaViolations } else { BadRowKind::EnrichmentFailures };
        match self.style {
            BadRowStyle::Legacy => {
                self.legacy(out, self.raw_text(record), problems.iter().map(Problem::legacy_message))
            }
            BadRowStyle::Modern => {
                let messages: Vec<Value> = if schema {
                    let mut atomic: Vec<Value> = Vec::new();
                    let mut others = Vec::new();
                    for problem in problems.iter().filter(|p| p.is_schema_violation()) {
                        match problem {
                            Problem::Parse { .. } | Problem::TooLong { .. } => atomic.push(atomic_report(problem)),
                            other => others.push(schema_violation_message(other)),
                        }
                    }
                    let mut messages = Vec::new();
                    if !atomic.is_empty() {
                        messages.push(json!({
                            "schemaKey": ATOMIC_SCHEMA,
                            "error": {"error": "ValidationError", "dataReports": atomic},
                        }));
                    }
                    messages.extend(others);
                    messages
                } else {
                    problems.iter().map(enrichment_message).collect()
                };
                let raw = raw_event_json(payload, parameters);
                self.modern(
                    out,
                    kind,
                    object([("timestamp", Value::from(self.timestamp.as_str())), ("messages", Value::Array(messages))]),
                    EventPayload { raw, enriched: event.as_json() },
                );
            }
        }
        kind
    }
}

/// The payload of an event failure: `{"raw": …, "enriched": …}`.
#[derive(Serialize)]
struct EventPayload<E> {
    raw: Value,
    enriched: E,
}

/// A JSON object of `entries`, in order. Unlike `json!`, which deep-copies every interpolated
/// `Value` through its serializer, this moves them (bad rows embed whole events).
fn object<const N: usize>(entries: [(&str, Value); N]) -> Value {
    Value::Object(entries.into_iter().map(|(key, value)| (key.to_owned(), value)).collect())
}

fn opt_timestamp(ms: Option<i64>) -> Value {
    ms.map_or(Value::Null, |ms| Value::String(iso_timestamp(ms)))
}

fn headers_json(headers: &[String]) -> Value {
    if headers.is_empty() {
        Value::Array(Vec::new())
    } else {
        headers.iter().map(|h| Value::from(h.as_str())).collect()
    }
}

fn uuid_or_null(id: &Option<String>) -> Value {
    match id {
        Some(id) if crate::iglu::validate::is_uuid(id) => Value::String(id.clone()),
        _ => Value::Null,
    }
}

/// The collector payload as `adapter_failures` / `tracker_protocol_violations` carry it.
pub fn collector_payload_json(payload: &CollectorPayload) -> Value {
    let mut map = Map::new();
    map.insert("vendor".into(), payload.api.vendor.clone().into());
    map.insert("version".into(), payload.api.version.clone().into());
    map.insert("querystring".into(), name_values(&payload.querystring));
    map.insert("contentType".into(), payload.content_type.clone().into());
    map.insert("body".into(), payload.body.clone().into());
    insert_request(&mut map, payload, "collector", "networkUserId");
    Value::Object(map)
}

/// The raw event as `schema_violations` / `enrichment_failures` carry it.
fn raw_event_json(payload: &CollectorPayload, parameters: &[(&str, Option<&str>)]) -> Value {
    let parameters: Vec<Value> = parameters.iter().map(|(name, value)| json!({"name": name, "value": value})).collect();
    let mut map = Map::new();
    map.insert("vendor".into(), payload.api.vendor.clone().into());
    map.insert("version".into(), payload.api.version.clone().into());
    map.insert("parameters".into(), Value::Array(parameters));
    map.insert("contentType".into(), payload.content_type.clone().into());
    insert_request(&mut map, payload, "loaderName", "userId");
    Value::Object(map)
}

/// The request fields both payload shapes end with; they differ only in what they call the
/// collector name and the network user id.
fn insert_request(map: &mut Map<String, Value>, payload: &CollectorPayload, collector_key: &str, user_id_key: &str) {
    map.insert(collector_key.into(), truncate_chars(&payload.source.name, 32).into());
    map.insert("encoding".into(), truncate_chars(&payload.source.encoding, 32).into());
    map.insert("hostname".into(), payload.source.hostname.clone().into());
    map.insert("timestamp".into(), opt_timestamp(payload.context.timestamp));
    map.insert("ipAddress".into(), payload.context.ip_address.clone().into());
    map.insert("useragent".into(), payload.context.useragent.clone().into());
    map.insert("refererUri".into(), payload.context.referer_uri.clone().into());
    map.insert("headers".into(), headers_json(&payload.context.headers));
    map.insert(user_id_key.into(), uuid_or_null(&payload.context.user_id));
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::enrich::event::Field;
    use crate::enrich::payload::{Api, RequestContext, Source};
    use crate::iglu::{Resolver, SchemaKey, Validators};

    fn payload() -> CollectorPayload {
        CollectorPayload {
            api: Api::tp1(),
            querystring: vec![NameValue { name: "e".into(), value: Some("pv".into()) }],
            content_type: None,
            body: None,
            source: Source { name: "cloudfront".into(), encoding: "UTF-8".into(), hostname: None },
            context: RequestContext {
                timestamp: Some(1_364_219_529_188),
                ip_address: Some("10.0.0.1".into()),
                useragent: Some("curl".into()),
                referer_uri: None,
                headers: vec!["Host: x".into()],
                user_id: Some("c6ef3124-b53a-4b13-a233-0088f79dcbcb".into()),
            },
        }
    }

    fn rows(style: BadRowStyle) -> Vec<(BadRowKind, Value)> {
        let writer = BadRowWriter::new(style, InputFormat::Cloudfront, 1_000_000_000_000);
        let payload = payload();
        let mut event = EnrichedEvent::new();
        event.set(Field::AppId, "shop");
        event.set_int(Field::DomainSessionidx, 3);
        let params = [("e", Some("pv")), ("vid", Some("x")), ("b", None)];
        let mut out: Vec<(BadRowKind, Vec<u8>)> = Vec::new();
        let mut push = |kind, write: &dyn Fn(&mut Vec<u8>)| {
            let mut buffer = Vec::new();
            write(&mut buffer);
            out.push((kind, buffer));
        };
        push(BadRowKind::CollectorPayloadFormatViolation, &|o| {
            writer.loader_failure(o, b"NOT VALID", vec!["Line does not match".into()], json!({"error": "bad line"}))
        });
        push(BadRowKind::SizeViolation, &|o| writer.size_violation(o, b"abc", 3_000_000, 1_000_000));
        push(BadRowKind::GenericError, &|o| writer.unreadable(o, b"\x1f\x8b", "unexpected end of gzip stream"));
        for kind in [BadRowKind::AdapterFailures, BadRowKind::TrackerProtocolViolations] {
            let failure = AdapterFailure {
                kind,
                messages: vec![json!({"field": "querystring", "value": null, "expectation": "not empty"})],
                legacy: vec!["Querystring is empty: no raw event to process".into()],
            };
            push(kind, &|o| writer.adapter_failure(o, b"line", &payload, &failure));
        }
        let schema_problems = vec![
            Problem::Parse {
                field: "vid".into(),
                value: "x".into(),
                message: "Cannot be converted to java.lang.Integer".into(),
                legacy: "Field [vid]: cannot convert [x] to Int".into(),
            },
            Problem::TooLong { field: "app_id", value: "a".repeat(300), limit: 255 },
            Problem::NotJson { field: "ue_px".into(), value: "x".into(), error: "invalid".into(), legacy: "l".into() },
            Problem::NotIglu { json: json!({"a": 1}), code: "INVALID_DATA_PAYLOAD", legacy: "l".into() },
            Problem::CriterionMismatch {
                schema_key: "iglu:a/b/jsonschema/2-0-0".into(),
                criterion: "iglu:a/b/jsonschema/1-0-*".into(),
                legacy: "l".into(),
            },
            Problem::Invalid {
                schema_key: "iglu:a/b/jsonschema/1-0-0".into(),
                reports: vec![DataReport {
                    message: "m".into(),
                    path: "$".into(),
                    keyword: "required".into(),
                    targets: vec!["sku".into()],
                }],
                legacy: "l".into(),
            },
            Problem::NotFound {
                schema_key: "iglu:a/b/jsonschema/1-0-0".into(),
                lookups: vec![("central".into(), "not found".into())],
                legacy: "l".into(),
            },
        ];
        push(BadRowKind::SchemaViolations, &|o| {
            writer.event_failure(o, b"line", &payload, &params, &event, &schema_problems);
        });
        let enrichment_problems = vec![
            Problem::Enrichment {
                field: Some("page_url".into()),
                value: Some("x".into()),
                message: "unparseable".into(),
                legacy: "l".into(),
            },
            Problem::Enrichment {
                field: None,
                value: None,
                message: "m".into(),
                legacy: "Collector version not set".into(),
            },
        ];
        push(BadRowKind::EnrichmentFailures, &|o| {
            writer.event_failure(o, b"line", &payload, &params, &event, &enrichment_problems);
        });
        out.into_iter()
            .map(|(kind, bytes)| {
                assert_eq!(bytes.last(), Some(&b'\n'));
                assert_eq!(bytes.iter().filter(|b| **b == b'\n').count(), 1, "one line per bad row");
                (kind, serde_json::from_slice(&bytes).expect("bad row is JSON"))
            })
            .collect()
    }

    #[test]
    fn every_modern_kind_validates_against_its_schema() {
        let validators = Validators::new(Arc::new(Resolver::bundled()));
        let rows = rows(BadRowStyle::Modern);
        let mut kinds: Vec<BadRowKind> = rows.iter().map(|(k, _)| *k).collect();
        kinds.sort();
        assert_eq!(kinds, BadRowKind::ALL);
        for (kind, row) in rows {
            assert_eq!(row["schema"], kind.schema());
            let key = SchemaKey::parse(kind.schema()).unwrap();
            let violations = validators.validate(&key, &row["data"]).unwrap();
            assert!(violations.is_empty(), "{kind}: {violations:?}\n{row}");
            assert_eq!(row["data"]["failure"]["timestamp"], "2001-09-09T01:46:40.000Z");
        }
    }

    #[test]
    fn legacy_rows_carry_line_errors_and_the_etl_timestamp() {
        for (kind, row) in rows(BadRowStyle::Legacy) {
            let errors = row["errors"].as_array().unwrap();
            assert!(!errors.is_empty(), "{kind}");
            assert!(errors.iter().all(|e| e["level"] == "error" && e["message"].is_string()));
            assert_eq!(row["failure_tstamp"], "2001-09-09T01:46:40.000Z");
            if kind != BadRowKind::SizeViolation {
                assert!(row["line"].is_string(), "{kind}");
            }
        }
        let (_, row) = &rows(BadRowStyle::Legacy)[0];
        assert_eq!(row["line"], "NOT VALID");
    }
}
