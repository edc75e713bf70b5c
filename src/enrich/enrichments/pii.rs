//! `pii_enrichment_config`: pseudonymises chosen atomic fields and strings inside JSON fields
//! with `hex(hash(value + salt))`, and with `emitEvent` (Enrich 6) writes a
//! `pii_transformation` event after its parent listing what was replaced.
//!
//! It runs last, so it sees the anonymised IP and every derived context.

use serde_json::Value;

use super::EnrichmentConfigError;
use super::hash::HashAlgorithm;
use super::jsonpath::JsonPath;
use crate::enrich::event::{EnrichedEvent, Field};
use crate::enrich::pipeline::{EnrichmentStep, StepOutput};
use crate::enrich::transform::EventInput;
use crate::iglu::{SchemaCriterion, SchemaKey};

/// The atomic fields the enrichment may pseudonymise.
const POJO_FIELDS: &[&str] = &[
    "user_id",
    "user_ipaddress",
    "user_fingerprint",
    "domain_userid",
    "domain_sessionid",
    "network_userid",
    "refr_domain_userid",
    "ip_organization",
    "ip_domain",
    "tr_orderid",
    "ti_orderid",
    "mkt_term",
    "mkt_content",
    "mkt_clickid",
    "se_category",
    "se_action",
    "se_label",
    "se_property",
];

const PII_EVENT_SCHEMA: &str = "iglu:com.snowplowanalytics.snowplow/pii_transformation/jsonschema/1-0-0";
const PARENT_EVENT_SCHEMA: &str = "iglu:com.snowplowanalytics.snowplow/parent_event/jsonschema/1-0-0";

/// A JSON target: strings at `path` in the entities of `column` matching `criterion`.
#[derive(Debug, Clone)]
struct JsonTarget {
    column: Field,
    criterion: SchemaCriterion,
    /// `vendor/name/`, which every matching schema URI contains.
    schema_prefix: String,
    path: JsonPath,
    path_text: String,
}

impl JsonTarget {
    /// Whether `entities` (a column's JSON text) may hold an entity the target selects. Without
    /// a backslash, every string of the JSON is its raw text, so a matching schema URI must
    /// appear as is; with one, it might be spelled with escapes and the column is parsed.
    fn may_apply_to(&self, entities: &str) -> bool {
        entities.contains(self.schema_prefix.as_str()) || entities.contains('\\')
    }
}

/// One replaced value, for the `pii_transformation` event.
#[derive(Debug)]
struct Change<'a> {
    field_name: &'static str,
    original: String,
    modified: String,
    /// For a JSON target: its path and the entity's schema.
    json: Option<(&'a str, String)>,
}

/// The pii_enrichment_config step.
#[derive(Debug, Clone)]
pub struct Pii {
    pojo: Vec<Field>,
    json: Vec<JsonTarget>,
    algorithm: HashAlgorithm,
    /// `hashFunction` as a JSON string, for the pii_transformation event.
    hash_function_json: String,
    salt: String,
    emit_event: bool,
    anonymous_only: bool,
}

fn field_named(name: &str) -> Option<Field> {
    Field::ALL.iter().copied().find(|f| f.name() == name)
}

impl Pii {
    /// Reads `{pii: [{pojo: {field}} | {json: {field, schemaCriterion, jsonPath}}], strategy:
    /// {pseudonymize: {hashFunction, salt}}}`. `emit_event` comes from the config's top-level
    /// `emitEvent` (the registry turns it off for the legacy runtime, which never emitted).
    /// `anonymousOnly` (2-0-1) limits the enrichment to requests with an `SP-Anonymous` header.
    pub fn new(parameters: &Value, emit_event: bool) -> Result<Self, EnrichmentConfigError> {
        let pseudonymize = parameters.pointer("/strategy/pseudonymize").ok_or_else(|| {
            EnrichmentConfigError::new("/strategy", "`strategy.pseudonymize` ({hashFunction, salt}) is required")
        })?;
        let hash_function = pseudonymize.get("hashFunction").and_then(Value::as_str).unwrap_or_default().to_owned();
        let algorithm = HashAlgorithm::parse(&hash_function).ok_or_else(|| {
            EnrichmentConfigError::new(
                "/strategy/pseudonymize/hashFunction",
                format!("`{hash_function}` is not one of MD2, MD5, SHA-1, SHA-256, SHA-384, SHA-512"),
            )
        })?;
        let salt = pseudonymize.get("salt").and_then(Value::as_str).unwrap_or_default().to_owned();
        let mut pojo = Vec::new();
        let mut json = Vec::new();
        for (i, entry) in parameters.get("pii").and_then(Value::as_array).into_iter().flatten().enumerate() {
            if let Some(name) = entry.pointer("/pojo/field").and_then(Value::as_str) {
                let field = field_named(name).filter(|_| POJO_FIELDS.contains(&name)).ok_or_else(|| {
                    EnrichmentConfigError::new(
                        format!("/pii/{i}/pojo/field"),
                        format!("`{name}` cannot be pseudonymised"),
                    )
                    .with_hint(format!("use one of: {}", POJO_FIELDS.join(", ")))
                })?;
                pojo.push(field);
            } else if let Some(target) = entry.get("json") {
                let at = |key: &str| format!("/pii/{i}/json/{key}");
                let column = match target.get("field").and_then(Value::as_str) {
                    Some("contexts") => Field::Contexts,
                    Some("unstruct_event") => Field::UnstructEvent,
                    Some("derived_contexts") => Field::DerivedContexts,
                    _ => {
                        return Err(EnrichmentConfigError::new(
                            at("field"),
                            "expected contexts, unstruct_event or derived_contexts",
                        ));
                    }
                };
                let criterion_text = target.get("schemaCriterion").and_then(Value::as_str).unwrap_or_default();
                let criterion = SchemaCriterion::parse(criterion_text).map_err(|error| {
                    EnrichmentConfigError::new(at("schemaCriterion"), format!("`{criterion_text}`: {error}"))
                })?;
                let path_text = target.get("jsonPath").and_then(Value::as_str).unwrap_or_default().to_owned();
                let path =
                    JsonPath::parse(&path_text).map_err(|error| EnrichmentConfigError::new(at("jsonPath"), error))?;
                let schema_prefix = format!("{}/{}/", criterion.vendor, criterion.name);
                json.push(JsonTarget { column, criterion, schema_prefix, path, path_text });
            } else {
                return Err(EnrichmentConfigError::new(format!("/pii/{i}"), "expected {\"pojo\": …} or {\"json\": …}"));
            }
        }
        let anonymous_only = parameters.get("anonymousOnly").and_then(Value::as_bool).unwrap_or(false);
        let mut hash_function_json = String::new();
        push_json_string(&mut hash_function_json, &hash_function);
        Ok(Pii { pojo, json, algorithm, hash_function_json, salt, emit_event, anonymous_only })
    }

    fn pseudonym(&self, value: &str) -> String {
        let mut out = String::with_capacity(128);
        self.algorithm.hex_of_parts_into(&[value.as_bytes(), self.salt.as_bytes()], &mut out);
        out
    }

    /// Pseudonymises the strings the target selects in `entity` (`{schema, data}`), recording
    /// each change when `changes` is given.
    fn entity<'a>(
        &self,
        target: &'a JsonTarget,
        column: &'static str,
        entity: &mut Value,
        changes: &mut Option<Vec<Change<'a>>>,
    ) -> bool {
        let Some(schema) = entity.get("schema").and_then(Value::as_str) else { return false };
        // The substring test only skips parsing URIs that cannot match.
        if !schema.contains(target.schema_prefix.as_str())
            || !SchemaKey::parse(schema).is_ok_and(|key| target.criterion.matches(&key))
        {
            return false;
        }
        let schema = schema.to_owned();
        let Some(data) = entity.get_mut("data") else { return false };
        let mut changed = false;
        target.path.for_each_string(data, &mut |text| {
            let modified = self.pseudonym(text);
            if let Some(changes) = changes {
                changes.push(Change {
                    field_name: column,
                    original: text.clone(),
                    modified: modified.clone(),
                    json: Some((&target.path_text, schema.clone())),
                });
            }
            *text = modified;
            changed = true;
        });
        changed
    }

    fn json_column<'a>(
        &self,
        target: &'a JsonTarget,
        event: &mut EnrichedEvent,
        changes: &mut Option<Vec<Change<'a>>>,
    ) {
        let column = target.column.name();
        let Some(text) = event.get(target.column) else { return };
        if !target.may_apply_to(text) {
            return;
        }
        let Ok(mut value) = serde_json::from_str::<Value>(text) else { return };
        let mut changed = false;
        match (target.column, value.get_mut("data")) {
            (Field::UnstructEvent, Some(entity)) => changed = self.entity(target, column, entity, changes),
            (_, Some(Value::Array(entities))) => {
                for entity in entities {
                    changed |= self.entity(target, column, entity, changes);
                }
            }
            _ => {}
        }
        if changed {
            event.set(target.column, &value.to_string());
        }
    }

    /// The `pii_transformation` event listing `changes` (last first, as Enrich lists them),
    /// its JSON written directly in the layout `serde_json` gives the equivalent objects.
    fn pii_event(&self, parent: &EnrichedEvent, changes: &[Change<'_>]) -> EnrichedEvent {
        let mut event = EnrichedEvent::new();
        for field in [Field::AppId, Field::CollectorTstamp, Field::EtlTstamp, Field::VEtl] {
            if let Some(value) = parent.get(field) {
                event.set(field, value);
            }
        }
        // Enrich stamps the event "now"; the run's ETL timestamp keeps reruns identical.
        if let Some(now) = parent.get(Field::EtlTstamp) {
            event.set(Field::DerivedTstamp, now);
            event.set(Field::TrueTstamp, now);
        }
        event.set(Field::Platform, "srv");
        event.set(Field::Event, "pii_transformation");
        event.set_with(Field::Contexts, |out| {
            out.push_str(
                r#"{"schema":"iglu:com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-0","data":[{"schema":""#,
            );
            out.push_str(PARENT_EVENT_SCHEMA);
            out.push_str(r#"","data":{"parentEventId":"#);
            push_json_string(out, parent.get(Field::EventId).unwrap_or_default());
            out.push_str("}}]}");
        });
        event.set_with(Field::UnstructEvent, |out| {
            out.push_str(
                r#"{"schema":"iglu:com.snowplowanalytics.snowplow/unstruct_event/jsonschema/1-0-0","data":{"schema":""#,
            );
            out.push_str(PII_EVENT_SCHEMA);
            out.push_str(r#"","data":{"pii":{"#);
            let mut first_list = true;
            for (key, is_json) in [("pojo", false), ("json", true)] {
                let mut listed = changes.iter().rev().filter(|c| c.json.is_some() == is_json).peekable();
                if listed.peek().is_none() {
                    continue;
                }
                if !std::mem::take(&mut first_list) {
                    out.push(',');
                }
                out.push('"');
                out.push_str(key);
                out.push_str("\":[");
                for (i, change) in listed.enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    push_change(out, change);
                }
                out.push(']');
            }
            out.push_str(r#"},"strategy":{"pseudonymize":{"hashFunction":"#);
            out.push_str(&self.hash_function_json);
            out.push_str("}}}}}");
        });
        event.set(Field::EventVendor, "com.snowplowanalytics.snowplow");
        event.set(Field::EventName, "pii_transformation");
        event.set(Field::EventFormat, "jsonschema");
        event.set(Field::EventVersion, "1-0-0");
        event
    }
}

/// Appends one change as the JSON object Enrich lists it as.
fn push_change(out: &mut String, change: &Change<'_>) {
    // Column names and hex digests never need escaping.
    out.push_str(r#"{"fieldName":""#);
    out.push_str(change.field_name);
    out.push_str(r#"","originalValue":"#);
    push_json_string(out, &change.original);
    out.push_str(r#","modifiedValue":""#);
    out.push_str(&change.modified);
    out.push('"');
    if let Some((path, schema)) = &change.json {
        out.push_str(r#","jsonPath":"#);
        push_json_string(out, path);
        out.push_str(r#","schema":"#);
        push_json_string(out, schema);
    }
    out.push('}');
}

/// Appends `text` as a JSON string, escaped exactly as `serde_json` escapes it: `"`, `\\`,
/// and control characters (`\b \t \n \f \r`, the others as `\u00xx`).
fn push_json_string(out: &mut String, text: &str) {
    out.push('"');
    // Hashes, ids and addresses need no escaping: one scan, one copy.
    if !text.bytes().any(|byte| byte < 0x20 || byte == b'"' || byte == b'\\') {
        out.push_str(text);
        out.push('"');
        return;
    }
    let mut start = 0;
    for (i, byte) in text.bytes().enumerate() {
        let escape = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            0x08 => "\\b",
            b'\t' => "\\t",
            b'\n' => "\\n",
            0x0c => "\\f",
            b'\r' => "\\r",
            0..0x20 => "",
            _ => continue,
        };
        out.push_str(&text[start..i]);
        if escape.is_empty() {
            const DIGITS: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(char::from(DIGITS[usize::from(byte >> 4)]));
            out.push(char::from(DIGITS[usize::from(byte & 15)]));
        } else {
            out.push_str(escape);
        }
        start = i + 1;
    }
    out.push_str(&text[start..]);
    out.push('"');
}

impl EnrichmentStep for Pii {
    fn apply(&self, input: &EventInput<'_>, event: &mut EnrichedEvent, output: &mut StepOutput) {
        if self.anonymous_only
            && !super::cookie_extractor::header_values(&input.payload.context.headers, "sp-anonymous").any(|_| true)
        {
            return;
        }
        let mut changes = self.emit_event.then(Vec::new);
        for &field in &self.pojo {
            let Some(value) = event.get(field) else { continue };
            let modified = self.pseudonym(value);
            let original = changes.is_some().then(|| value.to_owned());
            event.set(field, &modified);
            if let (Some(changes), Some(original)) = (&mut changes, original) {
                changes.push(Change { field_name: field.name(), original, modified, json: None });
            }
        }
        for target in &self.json {
            if target.column == Field::DerivedContexts {
                for entity in &mut output.derived_contexts {
                    self.entity(target, "derived_contexts", entity, &mut changes);
                }
            } else {
                self.json_column(target, event, &mut changes);
            }
        }
        if let Some(changes) = changes.filter(|c| !c.is_empty()) {
            output.emitted.push(self.pii_event(event, &changes));
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn pii(parameters: Value) -> Pii {
        Pii::new(&parameters, true).unwrap()
    }

    #[test]
    fn pseudonyms_are_the_salted_hash() {
        let step =
            pii(json!({"pii": [], "strategy": {"pseudonymize": {"hashFunction": "SHA-1", "salt": "pepper123"}}}));
        assert_eq!(step.pseudonym("10.0.2.x"), "850474a1f035479d332a5c2d2ad6fe4d07a3f722");
    }

    #[test]
    fn the_texts_written_unescaped_need_no_escaping() {
        let mut texts = vec![PII_EVENT_SCHEMA.to_owned(), PARENT_EVENT_SCHEMA.to_owned()];
        texts.extend(Field::ALL.iter().map(|field| field.name().to_owned()));
        for algorithm in ["MD2", "MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512"] {
            let step =
                pii(json!({"pii": [], "strategy": {"pseudonymize": {"hashFunction": algorithm, "salt": "s\""}}}));
            texts.push(step.pseudonym("x\"\\\n"));
        }
        for text in texts {
            assert_eq!(serde_json::to_string(&text).unwrap(), format!("\"{text}\""));
        }
    }

    #[test]
    fn json_strings_are_escaped_as_serde_json_escapes_them() {
        let mut texts: Vec<String> = (0u32..0x100).filter_map(char::from_u32).map(|c| format!("a{c}b{c}")).collect();
        texts.extend(["", "\\", "\"\"", "\u{1}", "x\u{7f}y", "é\u{2028}😀", "end\\"].map(str::to_owned));
        for text in texts {
            let mut out = String::new();
            push_json_string(&mut out, &text);
            assert_eq!(out, serde_json::to_string(&text).unwrap(), "{text:?}");
        }
    }

    /// The event as the enrichment built it with `serde_json` values before it wrote the JSON
    /// directly.
    fn pii_event_from_values(step: &Pii, parent: &EnrichedEvent, changes: &[Change<'_>]) -> (String, String) {
        use serde_json::Map;
        let mut values: Vec<Value> = changes
            .iter()
            .map(|c| match &c.json {
                None => json!({"fieldName": c.field_name, "originalValue": c.original, "modifiedValue": c.modified}),
                Some((path, schema)) => json!({
                    "fieldName": c.field_name, "originalValue": c.original, "modifiedValue": c.modified,
                    "jsonPath": path, "schema": schema,
                }),
            })
            .collect();
        values.reverse();
        let (pojo, json): (Vec<Value>, Vec<Value>) = values.into_iter().partition(|c| c.get("jsonPath").is_none());
        let mut pii = Map::new();
        if !pojo.is_empty() {
            pii.insert("pojo".into(), Value::Array(pojo));
        }
        if !json.is_empty() {
            pii.insert("json".into(), Value::Array(json));
        }
        let unstruct = json!({
            "schema": "iglu:com.snowplowanalytics.snowplow/unstruct_event/jsonschema/1-0-0",
            "data": {"schema": PII_EVENT_SCHEMA, "data": {"pii": pii, "strategy": {"pseudonymize": {"hashFunction": serde_json::from_str::<Value>(&step.hash_function_json).unwrap()}}}},
        });
        let contexts = json!({
            "schema": "iglu:com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-0",
            "data": [{"schema": PARENT_EVENT_SCHEMA, "data": {"parentEventId": parent.get(Field::EventId).unwrap_or_default()}}],
        });
        (contexts.to_string(), unstruct.to_string())
    }

    #[test]
    fn the_written_pii_event_matches_the_one_built_from_values() {
        let step = pii(json!({"pii": [], "strategy": {"pseudonymize": {"hashFunction": "SHA-1", "salt": "s"}}}));
        let change = |field_name, original: &str, json: Option<(&'static str, &str)>| Change {
            field_name,
            original: original.to_owned(),
            modified: step.pseudonym(original),
            json: json.map(|(path, schema)| (path, schema.to_owned())),
        };
        let awkward = "quote \" back \\ tab \t nl \n nul \u{0} é 😀 </script>";
        let cases = vec![
            vec![change("user_id", "alice", None)],
            vec![change("user_id", awkward, None), change("user_ipaddress", "10.0.x.x", None)],
            vec![change("contexts", awkward, Some(("$.email", "iglu:com.acme/customer/jsonschema/1-0-0")))],
            vec![
                change("contexts", "a@b.c", Some(("$['email']", "iglu:com.acme/customer/jsonschema/1-0-0"))),
                change("user_id", "", None),
                change("unstruct_event", "x", Some(("$..*", "iglu:com.acme/\"odd\"/jsonschema/1-0-0"))),
                change("domain_userid", awkward, None),
            ],
        ];
        for parent_id in [None, Some("ace60a8b-3ff8-4215-8827-2fd079211976"), Some(awkward)] {
            let mut parent = EnrichedEvent::new();
            parent.set(Field::AppId, "app");
            parent.set(Field::EtlTstamp, "2024-02-01 00:00:00.000");
            if let Some(id) = parent_id {
                parent.set(Field::EventId, id);
            }
            for changes in &cases {
                let event = step.pii_event(&parent, changes);
                let (contexts, unstruct) = pii_event_from_values(&step, &parent, changes);
                assert_eq!(event.get(Field::Contexts), Some(contexts.as_str()));
                assert_eq!(event.get(Field::UnstructEvent), Some(unstruct.as_str()));
                assert_eq!(event.get(Field::TrueTstamp), Some("2024-02-01 00:00:00.000"));
            }
        }
    }

    #[test]
    fn columns_are_parsed_only_when_a_target_may_apply() {
        let step = pii(json!({
            "pii": [{"json": {"field": "contexts", "schemaCriterion": "iglu:com.acme/customer/jsonschema/1-*-*", "jsonPath": "$.email"}}],
            "strategy": {"pseudonymize": {"hashFunction": "SHA-1", "salt": "s"}},
        }));
        let target = &step.json[0];
        let other = r#"{"schema":"iglu:com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-0","data":[{"schema":"iglu:com.acme/order/jsonschema/1-0-0","data":{"email":"a"}}]}"#;
        assert!(!target.may_apply_to(other));
        assert!(target.may_apply_to(&other.replace("order", "customer")));
        // An escaped spelling of the URI is still found: the column is parsed.
        let escaped = other.replace("order", "\\u0063ustomer");
        assert!(target.may_apply_to(&escaped));
        for (text, pseudonymised) in [(other.to_owned(), false), (escaped, true)] {
            let mut event = EnrichedEvent::new();
            event.set(Field::Contexts, &text);
            let mut changes = Some(Vec::new());
            step.json_column(target, &mut event, &mut changes);
            assert_eq!(event.get(Field::Contexts) != Some(text.as_str()), pseudonymised, "{text}");
            assert_eq!(changes.unwrap().len(), usize::from(pseudonymised));
        }
    }

    #[test]
    fn config_errors_point_at_the_entry() {
        let error = Pii::new(
            &json!({"pii": [{"pojo": {"field": "page_url"}}], "strategy": {"pseudonymize": {"hashFunction": "SHA-1", "salt": "s"}}}),
            false,
        )
        .unwrap_err();
        assert_eq!(error.pointer, "/pii/0/pojo/field");
        let error = Pii::new(
            &json!({"pii": [{"json": {"field": "contexts", "schemaCriterion": "iglu:a/b/jsonschema/1-*-*", "jsonPath": "email"}}], "strategy": {"pseudonymize": {"hashFunction": "SHA-1", "salt": "s"}}}),
            false,
        )
        .unwrap_err();
        assert_eq!(error.pointer, "/pii/0/json/jsonPath");
        let error =
            Pii::new(&json!({"pii": [], "strategy": {"pseudonymize": {"hashFunction": "CRC", "salt": "s"}}}), false)
                .unwrap_err();
        assert_eq!(error.pointer, "/strategy/pseudonymize/hashFunction");
    }
}
