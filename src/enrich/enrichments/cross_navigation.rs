//! `cross_navigation_config` (Enrich 6): the parts of the page URL's `_sp` parameter as a
//! `com.snowplowanalytics.snowplow/cross_navigation/jsonschema/1-0-0` derived context.
//!
//! `_sp=<domain_userid>.<ms>[.<session_id>.<b64 user_id>.<b64 source_id>.<source_platform>.<b64 reason>]`.
//! The core transform already fills refr_domain_userid and refr_dvce_tstamp (and fails the
//! event on a bad timestamp); this step only adds the context, and only for a valid `_sp` of
//! two to seven parts.

use serde_json::{Value, json};

use crate::enrich::base64::decode_lenient_text;
use crate::enrich::event::{EnrichedEvent, Field};
use crate::enrich::pipeline::{EnrichmentStep, StepOutput};
use crate::enrich::transform::{EventInput, iso_timestamp};

const SCHEMA: &str = "iglu:com.snowplowanalytics.snowplow/cross_navigation/jsonschema/1-0-0";

/// The cross_navigation_config step (its config has no parameters).
#[derive(Debug, Clone, Copy, Default)]
pub struct CrossNavigation;

/// The last `_sp` value of `query`, percent-decoded.
fn sp_value(query: &str) -> Option<String> {
    let raw = query.rsplit(['&', ';']).filter_map(|pair| pair.split_once('=')).find(|(name, _)| *name == "_sp")?.1;
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: Option<&u8>| b.and_then(|b| (*b as char).to_digit(16));
        match (bytes[i], hex(bytes.get(i + 1)), hex(bytes.get(i + 2))) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b'+', _, _) => {
                out.push(b' ');
                i += 1;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    Some(String::from_utf8_lossy(&out).into_owned())
}

/// The context for `_sp`, or `None` when it is absent or malformed.
pub fn context(query: &str) -> Option<Value> {
    let value = sp_value(query)?;
    let mut parts: Vec<&str> = value.split('.').collect();
    while parts.last() == Some(&"") {
        parts.pop();
    }
    if !(2..=7).contains(&parts.len()) || parts[0].is_empty() {
        return None;
    }
    let ms: i64 = parts[1].parse().ok()?;
    let text = |i: usize| parts.get(i).filter(|p| !p.is_empty()).map(|p| Value::from(*p)).unwrap_or(Value::Null);
    let decoded = |i: usize| {
        parts
            .get(i)
            .filter(|p| !p.is_empty())
            .map(|p| Value::from(decode_lenient_text(p.as_bytes())))
            .unwrap_or(Value::Null)
    };
    Some(json!({
        "schema": SCHEMA,
        "data": {
            "domain_user_id": parts[0],
            "timestamp": iso_timestamp(ms),
            "session_id": text(2),
            "user_id": decoded(3),
            "source_id": decoded(4),
            "source_platform": text(5),
            "reason": decoded(6),
        }
    }))
}

impl EnrichmentStep for CrossNavigation {
    fn apply(&self, _input: &EventInput<'_>, event: &mut EnrichedEvent, output: &mut StepOutput) {
        let Some(query) = event.get(Field::PageUrlquery) else { return };
        if !query.contains("_sp=") {
            return;
        }
        if let Some(context) = context(query) {
            output.derived_contexts.push(context);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_part_goes_into_the_context() {
        let query = "a=1&_sp=abc.1000000000000.3d9e1bc5-5b5e-4d4c-9a3b-3f1e7d2a6b10.dXNlcg.c3Jj.web.cmVhc29u";
        let context = context(query).unwrap();
        assert_eq!(context["data"]["domain_user_id"], "abc");
        assert_eq!(context["data"]["timestamp"], "2001-09-09T01:46:40.000Z");
        assert_eq!(context["data"]["user_id"], "user");
        assert_eq!(context["data"]["source_id"], "src");
        assert_eq!(context["data"]["source_platform"], "web");
        assert_eq!(context["data"]["reason"], "reason");
    }

    #[test]
    fn short_and_malformed_values() {
        let short = context("_sp=abc.1000000000000").unwrap();
        assert_eq!(short["data"]["session_id"], Value::Null);
        assert!(context("_sp=abc.notatime").is_none());
        assert!(context("_sp=a.1.2.3.4.5.6.7").is_none());
        assert!(context("sp=abc.1").is_none());
    }
}
