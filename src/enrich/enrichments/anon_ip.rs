//! `anon_ip`: masks the end of `user_ipaddress` with `x`.
//!
//! IPv4: the last `anonOctets` of the four octets. IPv6: the address is written out as Java
//! writes it (eight lower-case hex segments, no `::` compression), then the last
//! `anonSegments` segments are masked. An IPv4-mapped `::ffff:a.b.c.d` keeps its prefix and
//! masks the IPv4 part. Anything else gets the IPv4 rule on its `.`-separated parts.

use std::fmt::Write as _;
use std::net::Ipv6Addr;

use serde_json::Value;

use super::EnrichmentConfigError;
use crate::enrich::event::{EnrichedEvent, Field};
use crate::enrich::pipeline::{EnrichmentStep, StepOutput};
use crate::enrich::transform::EventInput;

/// The anon_ip step.
#[derive(Debug, Clone)]
pub struct AnonIp {
    octets: usize,
    segments: usize,
}

fn count(parameters: &Value, key: &str, max: u64) -> Result<Option<usize>, EnrichmentConfigError> {
    match parameters.get(key) {
        None => Ok(None),
        Some(value) => match value.as_u64() {
            Some(n) if (1..=max).contains(&n) => Ok(Some(n as usize)),
            _ => Err(EnrichmentConfigError::new(
                format!("/{key}"),
                format!("`{key}` must be an integer from 1 to {max}"),
            )),
        },
    }
}

impl AnonIp {
    /// Reads `{anonOctets, anonSegments}`; without `anonSegments`, IPv6 addresses lose as many
    /// segments as IPv4 addresses lose octets.
    pub fn new(parameters: &Value) -> Result<Self, EnrichmentConfigError> {
        let octets = count(parameters, "anonOctets", 4)?
            .ok_or_else(|| EnrichmentConfigError::new("/anonOctets", "`anonOctets` (1 to 4) is required"))?;
        let segments = count(parameters, "anonSegments", 8)?.unwrap_or(octets);
        Ok(AnonIp { octets, segments })
    }

    /// The masked form of `ip`.
    pub fn anonymise(&self, ip: &str, out: &mut String) {
        if let Some(v4) = ip.strip_prefix("::ffff:").filter(|rest| rest.contains('.')) {
            out.push_str("::ffff:");
            mask_parts(v4, '.', 4, self.octets, out);
        } else if ip.contains(':') {
            match ip.parse::<Ipv6Addr>() {
                Ok(address) => {
                    for (i, segment) in address.segments().iter().enumerate() {
                        if i > 0 {
                            out.push(':');
                        }
                        if i >= 8 - self.segments {
                            out.push('x');
                        } else {
                            let _ = write!(out, "{segment:x}");
                        }
                    }
                }
                // Not an address: mask the last parts of whatever is there.
                Err(_) => mask_parts(ip, ':', ip.split(':').count(), self.segments, out),
            }
        } else {
            mask_parts(ip, '.', 4, self.octets, out);
        }
    }
}

/// Masks the parts at positions `total - masked ..` of `text` split on `separator` (positions
/// count from the start, as Enrich does, so a short address keeps more of its parts).
fn mask_parts(text: &str, separator: char, total: usize, masked: usize, out: &mut String) {
    for (i, part) in text.split(separator).enumerate() {
        if i > 0 {
            out.push(separator);
        }
        out.push_str(if i + masked >= total { "x" } else { part });
    }
}

thread_local! {
    static BUFFER: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

impl EnrichmentStep for AnonIp {
    fn apply(&self, _input: &EventInput<'_>, event: &mut EnrichedEvent, _output: &mut StepOutput) {
        BUFFER.with_borrow_mut(|buffer| {
            buffer.clear();
            let Some(ip) = event.get(Field::UserIpaddress) else { return };
            self.anonymise(ip, buffer);
            event.set(Field::UserIpaddress, buffer);
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn anon(octets: u64, segments: Option<u64>, ip: &str) -> String {
        let mut parameters = serde_json::json!({"anonOctets": octets});
        if let Some(segments) = segments {
            parameters["anonSegments"] = segments.into();
        }
        let mut out = String::new();
        AnonIp::new(&parameters).unwrap().anonymise(ip, &mut out);
        out
    }

    #[test]
    fn ipv4_loses_its_last_octets() {
        assert_eq!(anon(1, None, "216.160.83.56"), "216.160.83.x");
        assert_eq!(anon(2, None, "216.160.83.56"), "216.160.x.x");
        assert_eq!(anon(4, None, "216.160.83.56"), "x.x.x.x");
        // A short string keeps its leading parts.
        assert_eq!(anon(1, None, "10.0.2"), "10.0.2");
        assert_eq!(anon(2, None, "unknown"), "unknown");
    }

    #[test]
    fn ipv6_is_expanded_as_java_writes_it_then_masked() {
        assert_eq!(anon(1, Some(2), "2001:db8::ff00:42:8329"), "2001:db8:0:0:0:ff00:x:x");
        assert_eq!(anon(1, Some(8), "::1"), "x:x:x:x:x:x:x:x");
        assert_eq!(anon(2, None, "2001:DB8:0:0:0:0:0:1"), "2001:db8:0:0:0:0:x:x");
        assert_eq!(anon(1, Some(1), "::ffff:10.0.2.15"), "::ffff:10.0.2.x");
        assert_eq!(anon(1, Some(3), "fe80:zz:1"), "x:x:x");
    }

    #[test]
    fn out_of_range_counts_are_refused() {
        let error = AnonIp::new(&serde_json::json!({"anonOctets": 5})).unwrap_err();
        assert_eq!(error.pointer, "/anonOctets");
        let error = AnonIp::new(&serde_json::json!({"anonOctets": 1, "anonSegments": 0})).unwrap_err();
        assert_eq!(error.pointer, "/anonSegments");
    }
}
