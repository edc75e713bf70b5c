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

/// The first 8 bytes of `name`, big-endian and zero-padded: keys order names as the names
/// order themselves, except that equal keys leave it to the full names.
fn sort_key(name: &str) -> u64 {
    let mut bytes = [0u8; 8];
    let prefix = &name.as_bytes()[..name.len().min(8)];
    bytes[..prefix.len()].copy_from_slice(prefix);
    u64::from_be_bytes(bytes)
}

/// Sorts `order` (sort keys and indexes into `parameters`) by parameter name, stably.
fn sort_by_name(order: &mut [(u64, usize)], parameters: &[(&str, Option<&str>)]) {
    // Parameter names are short: the key alone decides almost every comparison.
    order.sort_by(|&(key_a, a), &(key_b, b)| key_a.cmp(&key_b).then_with(|| parameters[a].0.cmp(parameters[b].0)));
}

type Scratch = (Vec<(u64, usize)>, Vec<u8>, String);

thread_local! {
    static SCRATCH: RefCell<Scratch> = const { RefCell::new((Vec::new(), Vec::new(), String::new())) };
}

impl EnrichmentStep for EventFingerprint {
    fn apply(&self, input: &EventInput<'_>, event: &mut EnrichedEvent, _output: &mut StepOutput) {
        let parameters = input.parameters;
        SCRATCH.with_borrow_mut(|(order, text, digest)| {
            order.clear();
            order.extend(
                parameters
                    .iter()
                    .enumerate()
                    .filter(|(_, (name, value))| value.is_some() && !self.excluded.iter().any(|e| e == name))
                    .map(|(i, (name, _))| (sort_key(name), i)),
            );
            // Stable: equal names stay in input order, so the last of each run is the one kept.
            sort_by_name(order, parameters);
            text.clear();
            for (position, &(_, i)) in order.iter().enumerate() {
                let (name, value) = parameters[i];
                if order.get(position + 1).is_some_and(|&(_, next)| parameters[next].0 == name) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorting_by_key_orders_as_sorting_by_name() {
        let names = [
            "e",
            "aid",
            "tv",
            "",
            "a",
            "a\0",
            "a\0b",
            "ab",
            "abcdefgh",
            "abcdefghi",
            "abcdefgh\0",
            "abcdefgg~",
            "ue_px",
            "ue_pr",
            "é",
            "\u{7f}",
            "co",
            "cx",
            "eid",
            "e",
            "aid",
            "abcdefghi",
            "Z",
            "zz\0\0",
        ];
        // Every name twice, in several orders, so duplicates must keep their input order.
        for rotation in 0..names.len() {
            let mut parameters: Vec<(&str, Option<&str>)> = Vec::new();
            for (i, name) in names.iter().cycle().skip(rotation).take(names.len() * 2).enumerate() {
                parameters.push((name, Some(["x", "y", "z"][i % 3])));
            }
            let mut by_key: Vec<(u64, usize)> =
                parameters.iter().enumerate().map(|(i, (name, _))| (sort_key(name), i)).collect();
            sort_by_name(&mut by_key, &parameters);
            let mut by_name: Vec<usize> = (0..parameters.len()).collect();
            by_name.sort_by(|&a, &b| parameters[a].0.cmp(parameters[b].0));
            assert_eq!(by_key.iter().map(|&(_, i)| i).collect::<Vec<_>>(), by_name, "rotation {rotation}");
        }
    }
}
