//! `pii_enrichment_config`: pseudonymises chosen atomic fields and strings inside JSON fields
//! with `hex(hash(value + salt))`, and with `emitEvent` (Enrich 6) writes a
//! `pii_transformation` event after its parent listing what was replaced.
//!
//! It runs last, so it sees the anonymised IP and every derived context.

use serde_json::{Map, Value, json};

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
    path: JsonPath,
    path_text: String,
}

/// The pii_enrichment_config step.
#[derive(Debug, Clone)]
pub struct Pii {
    pojo: Vec<Field>,
    json: Vec<JsonTarget>,
    algorithm: HashAlgorithm,
    hash_function: String,
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
                json.push(JsonTarget { column, criterion, path, path_text });
            } else {
                return Err(EnrichmentConfigError::new(format!("/pii/{i}"), "expected {\"pojo\": …} or {\"json\": …}"));
            }
        }
        let anonymous_only = parameters.get("anonymousOnly").and_then(Value::as_bool).unwrap_or(false);
        Ok(Pii { pojo, json, algorithm, hash_function, salt, emit_event, anonymous_only })
    }

    fn pseudonym(&self, value: &str) -> String {
        let mut input = Vec::with_capacity(value.len() + self.salt.len());
        input.extend_from_slice(value.as_bytes());
        input.extend_from_slice(self.salt.as_bytes());
        self.algorithm.hex(&input)
    }

    /// Pseudonymises the strings the target selects in `entity` (`{schema, data}`), recording
    /// each change when `changes` is given.
    fn entity(&self, target: &JsonTarget, column: &str, entity: &mut Value, changes: &mut Option<Vec<Value>>) -> bool {
        let Some(schema) = entity.get("schema").and_then(Value::as_str).map(str::to_owned) else { return false };
        if !SchemaKey::parse(&schema).is_ok_and(|key| target.criterion.matches(&key)) {
            return false;
        }
        let Some(data) = entity.get_mut("data") else { return false };
        let mut changed = false;
        target.path.for_each_string(data, &mut |text| {
            let modified = self.pseudonym(text);
            if let Some(changes) = changes {
                changes.push(json!({
                    "fieldName": column, "originalValue": text.as_str(), "modifiedValue": modified,
                    "jsonPath": target.path_text, "schema": schema,
                }));
            }
            *text = modified;
            changed = true;
        });
        changed
    }

    fn json_column(&self, target: &JsonTarget, event: &mut EnrichedEvent, changes: &mut Option<Vec<Value>>) {
        let column = target.column.name();
        let Some(text) = event.get(target.column) else { return };
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

    fn pii_event(&self, parent: &EnrichedEvent, changes: Vec<Value>) -> EnrichedEvent {
        let (pojo, json): (Vec<Value>, Vec<Value>) = changes.into_iter().partition(|c| c.get("jsonPath").is_none());
        let mut pii = Map::new();
        if !pojo.is_empty() {
            pii.insert("pojo".into(), Value::Array(pojo));
        }
        if !json.is_empty() {
            pii.insert("json".into(), Value::Array(json));
        }
        let unstruct = json!({
            "schema": "iglu:com.snowplowanalytics.snowplow/unstruct_event/jsonschema/1-0-0",
            "data": {"schema": PII_EVENT_SCHEMA, "data": {"pii": pii, "strategy": {"pseudonymize": {"hashFunction": self.hash_function}}}},
        });
        let contexts = json!({
            "schema": "iglu:com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-0",
            "data": [{"schema": PARENT_EVENT_SCHEMA, "data": {"parentEventId": parent.get(Field::EventId).unwrap_or_default()}}],
        });
        let mut event = EnrichedEvent::new();
        for field in [Field::AppId, Field::CollectorTstamp, Field::EtlTstamp, Field::VEtl] {
            if let Some(value) = parent.get(field) {
                event.set(field, value);
            }
        }
        // Enrich stamps the event "now"; the run's ETL timestamp keeps reruns identical.
        if let Some(now) = parent.get(Field::EtlTstamp).map(str::to_owned) {
            event.set(Field::DerivedTstamp, &now);
            event.set(Field::TrueTstamp, &now);
        }
        event.set(Field::Platform, "srv");
        event.set(Field::Event, "pii_transformation");
        event.set(Field::Contexts, &contexts.to_string());
        event.set(Field::UnstructEvent, &unstruct.to_string());
        event.set(Field::EventVendor, "com.snowplowanalytics.snowplow");
        event.set(Field::EventName, "pii_transformation");
        event.set(Field::EventFormat, "jsonschema");
        event.set(Field::EventVersion, "1-0-0");
        event
    }
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
            let Some(value) = event.get(field).map(str::to_owned) else { continue };
            let modified = self.pseudonym(&value);
            if let Some(changes) = &mut changes {
                changes.push(json!({"fieldName": field.name(), "originalValue": value, "modifiedValue": modified}));
            }
            event.set(field, &modified);
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
        if let Some(mut changes) = changes.filter(|c| !c.is_empty()) {
            // Enrich lists the changes last first.
            changes.reverse();
            output.emitted.push(self.pii_event(event, changes));
        }
    }
}

#[cfg(test)]
mod tests {
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
