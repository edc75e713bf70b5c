//! `cookie_extractor_config`: the named cookies of the request's `Cookie` headers, each as an
//! `org.ietf/http_cookie/jsonschema/1-0-0` derived context `{name, value}`.

use serde_json::{Value, json};

use super::EnrichmentConfigError;
use crate::enrich::event::EnrichedEvent;
use crate::enrich::pipeline::{EnrichmentStep, StepOutput};
use crate::enrich::transform::EventInput;

const COOKIE_SCHEMA: &str = "iglu:org.ietf/http_cookie/jsonschema/1-0-0";

/// The cookie_extractor_config step.
#[derive(Debug, Clone)]
pub struct CookieExtractor {
    cookies: Vec<String>,
}

impl CookieExtractor {
    /// Reads `{cookies: ["name", …]}`.
    pub fn new(parameters: &Value) -> Result<Self, EnrichmentConfigError> {
        let Some(Value::Array(items)) = parameters.get("cookies") else {
            return Err(EnrichmentConfigError::new("/cookies", "`cookies` must be an array of cookie names"));
        };
        let cookies = items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                item.as_str()
                    .map(str::to_owned)
                    .ok_or_else(|| EnrichmentConfigError::new(format!("/cookies/{i}"), "cookie names must be strings"))
            })
            .collect::<Result<_, _>>()?;
        Ok(CookieExtractor { cookies })
    }
}

/// The `Cookie` header values of `headers` (`Name: value` strings).
pub fn header_values<'a>(headers: &'a [String], wanted: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    headers.iter().filter_map(move |header| {
        let (name, value) = header.split_once(':')?;
        name.trim().eq_ignore_ascii_case(wanted).then(|| value.trim())
    })
}

impl EnrichmentStep for CookieExtractor {
    fn apply(&self, input: &EventInput<'_>, _event: &mut EnrichedEvent, output: &mut StepOutput) {
        for header in header_values(&input.payload.context.headers, "cookie") {
            for pair in header.split(';') {
                let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
                let name = name.trim();
                if self.cookies.iter().any(|c| c == name) {
                    let value = value.trim();
                    let value = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')).unwrap_or(value);
                    output
                        .derived_contexts
                        .push(json!({"schema": COOKIE_SCHEMA, "data": {"name": name, "value": value}}));
                }
            }
        }
    }
}
