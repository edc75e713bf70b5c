//! Adapters: a collector payload → the raw events (tracker-protocol parameter lists) it holds.
//!
//! * `com.snowplowanalytics.snowplow/tp1` (and `/i`, `/ice.png`): the querystring is the event.
//! * `com.snowplowanalytics.snowplow/tp2`: a `payload_data` body holds one event per element;
//!   querystring parameters (e.g. the collector's `cv`, `nuid`) are added to each and win. A GET
//!   to tp2 is one event from the querystring.
//! * `r/tp2`: a redirect (`u=` target) becomes a `uri_redirect` event, or a context on the event
//!   the redirect carries.
//! * `com.amazon.aws.cloudfront/wd_access_log`: one event from a website's own CloudFront log.
//!
//! Anything else (webhooks included) is an `adapter_failures` bad row.

use std::borrow::Cow;

use serde_json::{Value, json};

use super::badrow::AdapterFailure;
use super::base64::{decode_lenient_text, encode_url_safe};
use super::outcome::BadRowKind;
use super::payload::CollectorPayload;
use crate::enrich::scan::find_json_special;
use crate::iglu::tape::unescape;
use crate::iglu::validate::ValidateError;
use crate::iglu::{SchemaKey, SelfDescribing, Validators};

const SNOWPLOW: &str = "com.snowplowanalytics.snowplow";
const CONTENT_TYPES: [&str; 3] =
    ["application/json", "application/json; charset=utf-8", "application/json; charset=UTF-8"];
const PAYLOAD_DATA_CRITERION: &str = "iglu:com.snowplowanalytics.snowplow/payload_data/jsonschema/1-0-*";
const URI_REDIRECT: &str = "iglu:com.snowplowanalytics.snowplow/uri_redirect/jsonschema/1-0-0";

/// One parameter of a raw event; `None` for a token without `=`.
pub type Parameter<'a> = (Cow<'a, str>, Option<Cow<'a, str>>);

/// One event's tracker-protocol parameters, in order (the last duplicate wins).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RawEvent<'a> {
    /// The parameters.
    pub parameters: Vec<Parameter<'a>>,
}

impl<'a> RawEvent<'a> {
    /// The parameters as borrowed pairs.
    pub fn view(&self) -> Vec<(&str, Option<&str>)> {
        self.parameters.iter().map(|(n, v)| (n.as_ref(), v.as_deref())).collect()
    }

    fn from_querystring(payload: &'a CollectorPayload) -> Self {
        RawEvent {
            parameters: payload
                .querystring
                .iter()
                .map(|nv| (Cow::Borrowed(nv.name.as_ref()), nv.value.as_deref().map(Cow::Borrowed)))
                .collect(),
        }
    }

    fn get(&self, name: &str) -> Option<&str> {
        self.parameters.iter().rev().find(|(n, _)| n == name).and_then(|(_, v)| v.as_deref())
    }
}

/// Builds an adapter failure for the Snowplow APIs (tracker protocol violations).
fn protocol(messages: Vec<Value>, legacy: Vec<String>) -> AdapterFailure {
    AdapterFailure { kind: BadRowKind::TrackerProtocolViolations, messages, legacy }
}

fn input(field: &str, value: Option<&str>, expectation: &str) -> Value {
    json!({"field": field, "value": value, "expectation": expectation})
}

/// The raw events of `payload`.
pub fn raw_events<'a>(
    payload: &'a CollectorPayload,
    validators: &Validators,
    access_log: impl FnOnce(&CollectorPayload) -> Result<Vec<crate::enrich::payload::NameValue>, String>,
) -> Result<Vec<RawEvent<'a>>, AdapterFailure> {
    let api = &payload.api;
    match (api.vendor.as_str(), api.version.as_str()) {
        (SNOWPLOW, "tp1") => tp1(payload).map(|e| vec![e]),
        (SNOWPLOW, "tp2") => tp2(payload, validators),
        ("r", "tp2") => redirect(payload).map(|e| vec![e]),
        ("com.amazon.aws.cloudfront", "wd_access_log") => match access_log(payload) {
            Ok(parameters) => Ok(vec![RawEvent {
                parameters: parameters.into_iter().map(|nv| (nv.name, nv.value.map(Cow::Owned))).collect(),
            }]),
            Err(error) => Err(AdapterFailure {
                kind: BadRowKind::AdapterFailures,
                messages: vec![json!({"field": "body", "value": payload.body, "error": error})],
                legacy: vec![error],
            }),
        },
        (vendor, version) => Err(AdapterFailure {
            kind: BadRowKind::AdapterFailures,
            messages: vec![input(
                "vendor/version",
                Some(&format!("{vendor}/{version}")),
                "vendor/version combination is not supported",
            )],
            legacy: vec![format!(
                "Payload with vendor {vendor} and version {version} not supported by this version of Scala Common Enrich"
            )],
        }),
    }
}

fn tp1(payload: &CollectorPayload) -> Result<RawEvent<'_>, AdapterFailure> {
    if payload.querystring.is_empty() {
        return Err(protocol(
            vec![input("querystring", None, "empty querystring")],
            vec!["Querystring is empty: no raw event to process".into()],
        ));
    }
    Ok(RawEvent::from_querystring(payload))
}

fn tp2<'a>(payload: &'a CollectorPayload, validators: &Validators) -> Result<Vec<RawEvent<'a>>, AdapterFailure> {
    let expected = CONTENT_TYPES.join(", ");
    let body = payload.body.as_deref().filter(|b| !b.is_empty());
    let content_type = payload.content_type.as_deref();
    let body = match (body, content_type) {
        (None, _) if payload.querystring.is_empty() => {
            return Err(protocol(
                vec![input("body", None, "empty body: not a valid tracker protocol event")],
                vec!["Request body and querystring parameters empty, expected at least one populated".into()],
            ));
        }
        (None, Some(ct)) => {
            return Err(protocol(
                vec![input("body", None, "empty body: not a valid tracker protocol event")],
                vec![format!("Content type of {ct} provided but request body is empty")],
            ));
        }
        (None, None) => return Ok(vec![RawEvent::from_querystring(payload)]),
        (Some(_), None) => {
            return Err(protocol(
                vec![input("contentType", None, &format!("no content type: expected one of {expected}"))],
                vec![format!("Request body provided but content type empty, expected one of: {expected}")],
            ));
        }
        (Some(_), Some(ct)) if !CONTENT_TYPES.contains(&ct) => {
            return Err(protocol(
                vec![input("contentType", Some(ct), &format!("expected one of {expected}"))],
                vec![format!("Content type of {ct} provided, expected one of: {expected}")],
            ));
        }
        (Some(body), Some(_)) => body,
    };
    if let Some(events) = fast_tp2(payload, body, validators) {
        return Ok(events);
    }
    let mut json: Value = serde_json::from_str(body).map_err(|error| {
        protocol(
            vec![json!({"field": "body", "value": body, "error": format!("invalid json: {error}")})],
            vec![format!("Field [Body]: invalid JSON [{body}] with parsing error: {error}")],
        )
    })?;
    let sd = SelfDescribing::parse(&json).map_err(|error| {
        let code = match &error {
            crate::iglu::sdj::EnvelopeError::Key(key) => key.iglu_code(),
            _ => "INVALID_DATA_PAYLOAD",
        };
        protocol(
            vec![json!({"json": json, "error": code})],
            vec![format!("Request body is not a self-describing JSON: {error}")],
        )
    })?;
    let key = &sd.schema;
    if key.vendor != SNOWPLOW
        || key.name != "payload_data"
        || key.format != "jsonschema"
        || key.version.model != 1
        || key.version.revision != 0
    {
        return Err(protocol(
            vec![json!({"schemaKey": key.to_string(), "schemaCriterion": PAYLOAD_DATA_CRITERION})],
            vec![format!("Request body has schema {key}, expected {PAYLOAD_DATA_CRITERION}")],
        ));
    }
    validate_payload(validators, key, sd.data)?;
    // The events own the body's strings: move them out rather than copy them.
    let Some(Value::Array(elements)) = json.get_mut("data").map(Value::take) else {
        return Err(protocol(
            vec![input("data", None, "payload_data must be an array of events")],
            vec!["Request body data is not an array".into()],
        ));
    };
    let mut events = Vec::with_capacity(elements.len());
    for (index, element) in elements.into_iter().enumerate() {
        let Value::Object(object) = element else {
            return Err(protocol(
                vec![input(&format!("data[{index}]"), None, "each event must be a JSON object")],
                vec![format!("Request body event {index} is not a JSON object")],
            ));
        };
        let mut parameters: Vec<Parameter<'a>> = Vec::with_capacity(object.len() + payload.querystring.len());
        for (name, value) in object {
            let Value::String(text) = value else {
                return Err(protocol(
                    vec![input(&name, None, "every tracker parameter must be a JSON string")],
                    vec![format!("Field [{name}]: expected a string in request body event {index}, found {value}")],
                ));
            };
            parameters.push((Cow::Owned(name), Some(Cow::Owned(text))));
        }
        parameters.extend(RawEvent::from_querystring(payload).parameters);
        events.push(RawEvent { parameters });
    }
    Ok(events)
}

/// tp2 without a JSON tree, for the common case of a valid body: the events are parsed into
/// strings borrowed from the body and checked with the schema's [`StringRecords`] shape.
/// `None` sends the body down the full path, which gives every failure its exact message.
///
/// [`StringRecords`]: crate::iglu::records::StringRecords
fn fast_tp2<'a>(payload: &'a CollectorPayload, body: &'a str, validators: &Validators) -> Option<Vec<RawEvent<'a>>> {
    let parsed = match BorrowedBody::read_compact(body) {
        Some(parsed) => parsed,
        None => serde_json::from_str(body).ok()?,
    };
    let key = crate::iglu::sdj::cached_key(&parsed.schema).ok()?;
    if key.vendor != SNOWPLOW
        || key.name != "payload_data"
        || key.format != "jsonschema"
        || key.version.model != 1
        || key.version.revision != 0
    {
        return None;
    }
    let shape = validators.string_records(&key)?;
    if !shape.accepts(parsed.data.iter().map(|record| record.0.iter().map(|(name, _)| name.as_ref()))) {
        return None;
    }
    let querystring = RawEvent::from_querystring(payload).parameters;
    let events = parsed.data.into_iter().map(|record| {
        let mut parameters = Vec::with_capacity(record.0.len() + querystring.len());
        parameters.extend(record.0.into_iter().map(|(name, value)| (name, Some(value))));
        parameters.extend(querystring.iter().cloned());
        RawEvent { parameters }
    });
    Some(events.collect())
}

/// A `payload_data` envelope with its events as string pairs.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct BorrowedBody<'a> {
    #[serde(borrow)]
    schema: Cow<'a, str>,
    #[serde(borrow)]
    data: Vec<BorrowedRecord<'a>>,
}

impl<'a> BorrowedBody<'a> {
    /// Reads a compact body (no whitespace, no `\uXXXX` escapes: what trackers send) directly,
    /// giving what serde gives for it, without serde's per-token machinery. `None` for
    /// anything else; serde then reads it and reports any error.
    fn read_compact(body: &'a str) -> Option<BorrowedBody<'a>> {
        let mut reader = CompactReader { text: body, pos: 0 };
        reader.expect(b'{')?;
        let (mut schema, mut data) = (None, None);
        loop {
            let key = reader.string()?;
            reader.expect(b':')?;
            match key.as_ref() {
                "schema" if schema.is_none() => schema = Some(reader.string()?),
                "data" if data.is_none() => data = Some(reader.records()?),
                _ => return None,
            }
            match reader.next()? {
                b',' => {}
                b'}' => break,
                _ => return None,
            }
        }
        (reader.pos == body.len()).then_some(BorrowedBody { schema: schema?, data: data? })
    }
}

/// A cursor over compact JSON for [`BorrowedBody::read_compact`].
struct CompactReader<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> CompactReader<'a> {
    fn next(&mut self) -> Option<u8> {
        let byte = *self.text.as_bytes().get(self.pos)?;
        self.pos += 1;
        Some(byte)
    }

    fn expect(&mut self, byte: u8) -> Option<()> {
        (self.next()? == byte).then_some(())
    }

    /// An array of objects of strings.
    fn records(&mut self) -> Option<Vec<BorrowedRecord<'a>>> {
        self.expect(b'[')?;
        let mut records = Vec::new();
        if self.text.as_bytes().get(self.pos) == Some(&b']') {
            self.pos += 1;
            return Some(records);
        }
        loop {
            self.expect(b'{')?;
            let mut pairs = Vec::with_capacity(32);
            if self.text.as_bytes().get(self.pos) == Some(&b'}') {
                self.pos += 1;
            } else {
                loop {
                    let name = self.string()?;
                    self.expect(b':')?;
                    pairs.push((name, self.string()?));
                    match self.next()? {
                        b',' => {}
                        b'}' => break,
                        _ => return None,
                    }
                }
            }
            records.push(BorrowedRecord(pairs));
            match self.next()? {
                b',' => {}
                b']' => return Some(records),
                _ => return None,
            }
        }
    }

    /// A string, borrowed unless it has escapes; `\uXXXX` is left to serde.
    fn string(&mut self) -> Option<Cow<'a, str>> {
        self.expect(b'"')?;
        let bytes = self.text.as_bytes();
        let start = self.pos;
        let mut at = find_json_special(bytes, start)?;
        if bytes[at] == b'"' {
            self.pos = at + 1;
            return Some(Cow::Borrowed(&self.text[start..at]));
        }
        let mut out = String::with_capacity(at - start + 32);
        out.push_str(&self.text[start..at]);
        loop {
            match bytes[at] {
                b'"' => {
                    self.pos = at + 1;
                    return Some(Cow::Owned(out));
                }
                b'\\' => {
                    out.push(unescape(*bytes.get(at + 1)?)?);
                    at += 2;
                }
                // A raw control character: invalid JSON, for serde to report.
                _ => return None,
            }
            let next = find_json_special(bytes, at)?;
            out.push_str(&self.text[at..next]);
            at = next;
        }
    }
}

/// One event object: its parameters in order; any value that is not a string fails the parse.
struct BorrowedRecord<'a>(Vec<(Cow<'a, str>, Cow<'a, str>)>);

impl<'de: 'a, 'a> serde::Deserialize<'de> for BorrowedRecord<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct RecordVisitor<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> serde::de::Visitor<'de> for RecordVisitor<'a> {
            type Value = BorrowedRecord<'a>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object of string parameters")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut pairs = Vec::with_capacity(map.size_hint().unwrap_or(24));
                while let Some((name, value)) = map.next_entry::<Text<'a>, Text<'a>>()? {
                    pairs.push((name.0, value.0));
                }
                Ok(BorrowedRecord(pairs))
            }
        }
        deserializer.deserialize_map(RecordVisitor(std::marker::PhantomData))
    }
}

/// A JSON string, borrowed from the input unless it had escapes.
struct Text<'a>(Cow<'a, str>);

impl<'de: 'a, 'a> serde::Deserialize<'de> for Text<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> serde::de::Visitor<'de> for TextVisitor<'a> {
            type Value = Text<'a>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, text: &'de str) -> Result<Self::Value, E> {
                Ok(Text(Cow::Borrowed(text)))
            }
            fn visit_str<E>(self, text: &str) -> Result<Self::Value, E> {
                Ok(Text(Cow::Owned(text.to_owned())))
            }
            fn visit_string<E>(self, text: String) -> Result<Self::Value, E> {
                Ok(Text(Cow::Owned(text)))
            }
        }
        deserializer.deserialize_str(TextVisitor(std::marker::PhantomData))
    }
}

fn validate_payload(validators: &Validators, key: &SchemaKey, data: &Value) -> Result<(), AdapterFailure> {
    match validators.validate(key, data) {
        Ok(violations) if violations.is_empty() => Ok(()),
        Ok(violations) => {
            let reports: Vec<Value> = violations
                .iter()
                .map(|v| json!({"message": v.message, "path": v.pointer, "keyword": v.keyword, "targets": []}))
                .collect();
            let legacy = violations.iter().map(|v| format!("{key}: {} {}", v.pointer, v.message)).collect();
            Err(protocol(
                vec![
                    json!({"schemaKey": key.to_string(), "error": {"error": "ValidationError", "dataReports": reports}}),
                ],
                legacy,
            ))
        }
        Err(ValidateError::Resolution(error)) => {
            let message = error.to_string();
            Err(protocol(
                vec![json!({"schemaKey": key.to_string(), "error": {"error": "ResolutionError", "lookupHistory": [{
                    "repository": "resolver", "errors": [{"error": "NotFound"}], "attempts": 1,
                    "lastAttempt": "1970-01-01T00:00:00.000Z"}]}})],
                vec![message],
            ))
        }
        Err(error) => Err(protocol(
            vec![
                json!({"schemaKey": key.to_string(), "error": {"error": "ValidationError", "schemaIssues": [{"path": "$", "message": error.to_string()}]}}),
            ],
            vec![error.to_string()],
        )),
    }
}

fn redirect(payload: &CollectorPayload) -> Result<RawEvent<'_>, AdapterFailure> {
    if payload.querystring.is_empty() {
        return Err(protocol(
            vec![input("querystring", None, "empty querystring: not a valid URI redirect")],
            vec!["Querystring is empty: cannot be a valid URI redirect".into()],
        ));
    }
    let original = RawEvent::from_querystring(payload);
    let Some(target) = original.get("u") else {
        return Err(protocol(
            vec![input("querystring", None, "missing `u` parameter: not a valid URI redirect")],
            vec!["Querystring does not contain u parameter: not a valid URI redirect".into()],
        ));
    };
    let entity = json!({"schema": URI_REDIRECT, "data": {"uri": target}});
    let mut parameters: Vec<Parameter<'_>> = original.parameters.iter().filter(|(n, _)| n != "u").cloned().collect();
    let owned = |name: &str, value: String| (Cow::Owned(name.to_owned()), Some(Cow::Owned(value)));
    if original.get("e").is_none() {
        let event =
            json!({"schema": "iglu:com.snowplowanalytics.snowplow/unstruct_event/jsonschema/1-0-0", "data": entity});
        parameters.push(owned("e", "ue".into()));
        parameters.push(owned("ue_pr", event.to_string()));
    } else if let Some(co) = original.get("co") {
        let contexts = prepend_context(co, entity).map_err(|e| redirect_context_error("co", co, e))?;
        parameters.retain(|(n, _)| n != "co");
        parameters.push(owned("co", contexts));
    } else if let Some(cx) = original.get("cx") {
        let decoded = decode_lenient_text(cx.as_bytes());
        let contexts = prepend_context(&decoded, entity).map_err(|e| redirect_context_error("cx", &decoded, e))?;
        parameters.retain(|(n, _)| n != "cx");
        parameters.push(owned("cx", encode_url_safe(contexts.as_bytes())));
    } else {
        let contexts =
            json!({"schema": "iglu:com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-0", "data": [entity]});
        parameters.push(owned("co", contexts.to_string()));
    }
    parameters.retain(|(n, _)| n != "tv");
    parameters.push(owned("tv", "r-tp2".into()));
    if original.get("p").is_none() {
        parameters.push(owned("p", "web".into()));
    }
    Ok(RawEvent { parameters })
}

fn prepend_context(contexts: &str, entity: Value) -> Result<String, String> {
    let mut json: Value = serde_json::from_str(contexts).map_err(|e| e.to_string())?;
    let data = json.get_mut("data").and_then(Value::as_array_mut).ok_or("contexts `data` is not an array")?;
    data.insert(0, entity);
    Ok(json.to_string())
}

fn redirect_context_error(field: &str, value: &str, error: String) -> AdapterFailure {
    protocol(
        vec![json!({"field": field, "value": value, "error": error})],
        vec![format!("Field [{field}]: invalid JSON [{value}] with parsing error: {error}")],
    )
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::enrich::payload::{Api, NameValue, RequestContext, Source};
    use crate::iglu::Resolver;

    fn payload(
        vendor: &str,
        version: &str,
        query: &[(&str, &str)],
        ct: Option<&str>,
        body: Option<&str>,
    ) -> CollectorPayload {
        CollectorPayload {
            api: Api { vendor: vendor.into(), version: version.into() },
            querystring: query
                .iter()
                .map(|(n, v)| NameValue { name: n.to_string().into(), value: Some((*v).into()) })
                .collect(),
            content_type: ct.map(Into::into),
            body: body.map(Into::into),
            source: Source { name: "ssc".into(), encoding: "UTF-8".into(), hostname: None },
            context: RequestContext::default(),
        }
    }

    type Events = Vec<Vec<(String, Option<String>)>>;

    fn run(p: &CollectorPayload) -> Result<Events, AdapterFailure> {
        let validators = Validators::new(Arc::new(Resolver::bundled()));
        raw_events(p, &validators, |_| Err("no access log here".into())).map(|events| {
            events
                .iter()
                .map(|e| e.view().iter().map(|(n, v)| ((*n).to_owned(), v.map(str::to_owned))).collect())
                .collect()
        })
    }

    #[test]
    fn tp2_fast_path_agrees_with_full_validation() {
        let validators = Validators::new(Arc::new(Resolver::bundled()));
        for revision in 0..=4 {
            let schema = format!("iglu:com.snowplowanalytics.snowplow/payload_data/jsonschema/1-0-{revision}");
            let key = SchemaKey::parse(&schema).unwrap();
            assert!(validators.string_records(&key).is_some(), "{schema} has the fast shape");
            let body = format!(
                r#"{{"schema":"{schema}","data":[{{"e":"pv","tv":"js","p":"web","page":"caf\u00e9"}},{{"e":"pp","tv":"js","p":"web"}}]}}"#
            );
            let p = payload(SNOWPLOW, "tp2", &[("nuid", "n")], Some("application/json"), Some(&body));
            let fast = fast_tp2(&p, p.body.as_deref().unwrap(), &validators).expect("valid bodies take the fast path");
            assert_eq!(fast[0].get("page"), Some("café"));
            assert_eq!(fast[1].get("nuid"), Some("n"));
        }
        let schema = "iglu:com.snowplowanalytics.snowplow/payload_data/jsonschema/1-0-4";
        for data in [
            r#"[{"e":"pv","tv":"js","p":"web","nope":"x"}]"#,
            r#"[{"e":"pv","tv":"js","p":"web","e":"pp"}]"#,
            r#"[{"e":1}]"#,
            "[]",
        ] {
            let body = format!(r#"{{"schema":"{schema}","data":{data}}}"#);
            let p = payload(SNOWPLOW, "tp2", &[], Some("application/json"), Some(&body));
            assert!(fast_tp2(&p, p.body.as_deref().unwrap(), &validators).is_none(), "{data}");
            let full = validators.validate(&SchemaKey::parse(schema).unwrap(), &serde_json::from_str(data).unwrap());
            let duplicate = data.contains(r#""e":"pp""#);
            assert_eq!(full.unwrap().is_empty(), duplicate, "only the duplicate is valid once parsed: {data}");
        }
    }

    /// The compact reader gives exactly what serde gives, or leaves the body to serde.
    #[test]
    fn compact_bodies_read_as_serde_reads_them() {
        let schema = "iglu:com.snowplowanalytics.snowplow/payload_data/jsonschema/1-0-4";
        let pairs = |body: &BorrowedBody<'_>| -> Vec<Vec<(String, String)>> {
            body.data.iter().map(|r| r.0.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect()).collect()
        };
        let compact = [
            format!(r#"{{"schema":"{schema}","data":[{{"e":"pv","co":"{{\"a\":\"b\\/c\"}}","x":"tab\there"}}]}}"#),
            format!(r#"{{"data":[{{}},{{"e":"se","e":"pp"}}],"schema":"{schema}"}}"#),
            format!(r#"{{"schema":"{schema}","data":[]}}"#),
            format!(r#"{{"schema":"{schema}","data":[{{"a":"\"\\\/\b\f\n\r\t","é":"ü"}}]}}"#),
        ];
        for body in &compact {
            let fast = BorrowedBody::read_compact(body).unwrap_or_else(|| panic!("read directly: {body}"));
            let slow: BorrowedBody<'_> = serde_json::from_str(body).unwrap();
            assert_eq!(fast.schema, slow.schema);
            assert_eq!(pairs(&fast), pairs(&slow), "{body}");
        }
        for body in [
            format!(r#"{{"schema": "{schema}","data":[]}}"#),
            format!(r#"{{"schema":"{schema}","data":[{{"a":"\u00e9"}}]}}"#),
            format!(r#"{{"schema":"{schema}","data":[{{"a":1}}]}}"#),
            format!(r#"{{"schema":"{schema}","data":[],"x":"y"}}"#),
            format!(r#"{{"schema":"{schema}","schema":"{schema}","data":[]}}"#),
            format!(r#"{{"schema":"{schema}"}}"#),
            format!(r#"{{"schema":"{schema}","data":[{{"a":"b"}}]}} "#),
            format!(r#"{{"schema":"{schema}","data":[{{"a":"b\x"}}]}}"#),
            format!("{{\"schema\":\"{schema}\",\"data\":[{{\"a\":\"b\u{1}\"}}]}}"),
            format!(r#"{{"schema":"{schema}","data":[{{"a":"b"}}"#),
        ] {
            assert!(BorrowedBody::read_compact(&body).is_none(), "{body}");
        }
    }

    #[test]
    fn tp1_needs_a_querystring() {
        let error = run(&payload(SNOWPLOW, "tp1", &[], None, None)).unwrap_err();
        assert_eq!(error.kind, BadRowKind::TrackerProtocolViolations);
        assert_eq!(error.legacy, ["Querystring is empty: no raw event to process"]);
        let events = run(&payload(SNOWPLOW, "tp1", &[("e", "pv")], None, None)).unwrap();
        assert_eq!(events, [[("e".to_owned(), Some("pv".to_owned()))]]);
    }

    #[test]
    fn tp2_expands_payload_data_and_the_querystring_wins() {
        let body = r#"{"schema":"iglu:com.snowplowanalytics.snowplow/payload_data/jsonschema/1-0-0","data":[{"e":"pv","tv":"js","p":"web","tna":"x"},{"e":"pp","tv":"js","p":"web"}]}"#;
        let p = payload(SNOWPLOW, "tp2", &[("tna", "clj")], Some("application/json"), Some(body));
        let events = run(&p).unwrap();
        assert_eq!(events.len(), 2);
        assert_eq!(events[0].last().unwrap(), &("tna".to_owned(), Some("clj".to_owned())));
    }

    #[test]
    fn tp2_rejects_bad_bodies() {
        let wrong_type = run(&payload(SNOWPLOW, "tp2", &[], Some("text/plain"), Some("{}"))).unwrap_err();
        assert!(wrong_type.legacy[0].starts_with("Content type of text/plain provided, expected one of:"));
        let no_type = run(&payload(SNOWPLOW, "tp2", &[], None, Some("{}"))).unwrap_err();
        assert!(no_type.legacy[0].starts_with("Request body provided but content type empty"));
        let empty = run(&payload(SNOWPLOW, "tp2", &[], None, None)).unwrap_err();
        assert!(empty.legacy[0].starts_with("Request body and querystring parameters empty"));
        let not_json = run(&payload(SNOWPLOW, "tp2", &[], Some("application/json"), Some("nope"))).unwrap_err();
        assert_eq!(not_json.messages[0]["field"], "body");
        let wrong_schema = r#"{"schema":"iglu:com.acme/x/jsonschema/1-0-0","data":[]}"#;
        let mismatch = run(&payload(SNOWPLOW, "tp2", &[], Some("application/json"), Some(wrong_schema))).unwrap_err();
        assert_eq!(mismatch.messages[0]["schemaCriterion"], PAYLOAD_DATA_CRITERION);
        let not_string =
            r#"{"schema":"iglu:com.snowplowanalytics.snowplow/payload_data/jsonschema/1-0-0","data":[{"e":1}]}"#;
        assert!(run(&payload(SNOWPLOW, "tp2", &[], Some("application/json"), Some(not_string))).is_err());
        let get = run(&payload(SNOWPLOW, "tp2", &[("e", "pv")], None, None)).unwrap();
        assert_eq!(get.len(), 1);
    }

    #[test]
    fn redirects_become_uri_redirect_events() {
        let events = run(&payload("r", "tp2", &[("u", "http://x.com/"), ("aid", "a")], None, None)).unwrap();
        let names: Vec<&str> = events[0].iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["aid", "e", "ue_pr", "tv", "p"]);
        assert!(events[0][2].1.as_deref().unwrap().contains(r#""uri":"http://x.com/""#));
        let with_event = run(&payload("r", "tp2", &[("u", "http://x.com/"), ("e", "pv")], None, None)).unwrap();
        let co = with_event[0].iter().find(|(n, _)| n == "co").unwrap().1.clone().unwrap();
        assert!(co.contains("uri_redirect"), "{co}");
        assert!(run(&payload("r", "tp2", &[("aid", "a")], None, None)).unwrap_err().legacy[0].contains("u parameter"));
    }

    #[test]
    fn other_apis_are_adapter_failures() {
        let error = run(&payload("com.mailchimp", "v1", &[("a", "b")], None, None)).unwrap_err();
        assert_eq!(error.kind, BadRowKind::AdapterFailures);
        assert_eq!(error.messages[0]["value"], "com.mailchimp/v1");
    }
}
