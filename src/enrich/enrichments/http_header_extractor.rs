//! `http_header_extractor_config`: every request header whose name matches `headersPattern`
//! (the whole name, as Java's `String.matches`), each as an
//! `org.ietf/http_header/jsonschema/1-0-0` derived context `{name, value}`.

use regex::Regex;
use serde_json::{Value, json};

use super::EnrichmentConfigError;
use crate::enrich::event::EnrichedEvent;
use crate::enrich::pipeline::{EnrichmentStep, StepOutput};
use crate::enrich::transform::EventInput;

const HEADER_SCHEMA: &str = "iglu:org.ietf/http_header/jsonschema/1-0-0";

/// The http_header_extractor_config step.
#[derive(Debug, Clone)]
pub struct HttpHeaderExtractor {
    pattern: Regex,
}

impl HttpHeaderExtractor {
    /// Reads `{headersPattern: "regex"}`.
    pub fn new(parameters: &Value) -> Result<Self, EnrichmentConfigError> {
        let Some(pattern) = parameters.get("headersPattern").and_then(Value::as_str) else {
            return Err(EnrichmentConfigError::new(
                "/headersPattern",
                "`headersPattern` must be a regular expression string",
            ));
        };
        let pattern = Regex::new(&format!("^(?:{pattern})$")).map_err(|error| {
            EnrichmentConfigError::new(
                "/headersPattern",
                format!("`{pattern}` is not a valid regular expression: {error}"),
            )
        })?;
        Ok(HttpHeaderExtractor { pattern })
    }
}

impl EnrichmentStep for HttpHeaderExtractor {
    fn apply(&self, input: &EventInput<'_>, _event: &mut EnrichedEvent, output: &mut StepOutput) {
        for header in &input.payload.context.headers {
            let Some((name, value)) = header.split_once(':') else { continue };
            let name = name.trim();
            if self.pattern.is_match(name) {
                output
                    .derived_contexts
                    .push(json!({"schema": HEADER_SCHEMA, "data": {"name": name, "value": value.trim()}}));
            }
        }
    }
}
