//! `event_fingerprint_config`: a hash of the event's raw parameters.
//!
//! The parameters that have a value (the last of duplicates), minus `excludeParameters`,
//! sorted by name, each written as `name U+001F value U+001F`, hashed with `hashAlgorithm`.

use std::cell::RefCell;

use serde_json::Value;

use super::EnrichmentConfigError;
use super::hash::HashAlgorithm;
use crate::enrich::event::{EnrichedEvent, Field};
use crate::enrich::pipeline::{EnrichmentStep, StepOutput};
use crate::enrich::transform::EventInput;

/// The event_fingerprint_config step.
#[derive(Debug, Clone)]
pub struct EventFingerprint {
    excluded: Vec<String>,
    algorithm: HashAlgorithm,
}

impl EventFingerprint {
    /// Reads `{excludeParameters: […], hashAlgorithm}` (MD5 when absent).
    pub fn new(parameters: &Value) -> Result<Self, EnrichmentConfigError> {
        let algorithm = match parameters.get("hashAlgorithm") {
            None => HashAlgorithm::Md5,
            Some(value) => {
                value.as_str().and_then(HashAlgorithm::parse).filter(|a| *a != HashAlgorithm::Md2).ok_or_else(|| {
                    EnrichmentConfigError::new("/hashAlgorithm", "expected MD5, SHA1, SHA256, SHA384 or SHA512")
                })?
            }
        };
        let excluded = match parameters.get("excludeParameters") {
            None => Vec::new(),
            Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).map(str::to_owned).collect(),
            Some(_) => {
                return Err(EnrichmentConfigError::new("/excludeParameters", "expected an array of parameter names"));
            }
        };
        Ok(EventFingerprint { excluded, algorithm })
    }
}

thread_local! {
    static SCRATCH: RefCell<(Vec<usize>, Vec<u8>, String)> = const { RefCell::new((Vec::new(), Vec::new(), String::new())) };
}

impl EnrichmentStep for EventFingerprint {
    fn apply(&self, input: &EventInput<'_>, event: &mut EnrichedEvent, _output: &mut StepOutput) {
        let parameters = input.parameters;
        SCRATCH.with_borrow_mut(|(order, text, digest)| {
            order.clear();
            order.extend((0..parameters.len()).filter(|&i| {
                let (name, value) = parameters[i];
                value.is_some() && !self.excluded.iter().any(|e| e == name)
            }));
            // Stable: equal names stay in input order, so the last of each run is the one kept.
            order.sort_by(|&a, &b| parameters[a].0.cmp(parameters[b].0));
            text.clear();
            for (position, &i) in order.iter().enumerate() {
                let (name, value) = parameters[i];
                if order.get(position + 1).is_some_and(|&next| parameters[next].0 == name) {
                    continue;
                }
                text.extend_from_slice(name.as_bytes());
                text.push(0x1f);
                text.extend_from_slice(value.unwrap_or_default().as_bytes());
                text.push(0x1f);
            }
            digest.clear();
            self.algorithm.hex_into(text, digest);
            event.set(Field::EventFingerprint, digest);
        });
    }
}
