//! `iab_spiders_and_robots_enrichment`: classifies the event as a browser or a spider/robot
//! from the user's IP address and user agent, with lists the user supplies (the IAB/ABC lists
//! are licensed; nothing of them is bundled). Adds a
//! `com.iab.snowplow/spiders_and_robots/jsonschema/1-0-0` derived context.
//!
//! List formats (lines starting with `#` and blank lines are ignored):
//! * `ipFile`: one IPv4/IPv6 address or CIDR range per line.
//! * `includeUseragentFile` (user agents of real browsers) and `excludeUseragentFile` (known
//!   robots): `pattern|active|exceptions|impact|start`, where only `pattern` is required.
//!   `pattern` matches anywhere in the user agent, case-insensitively (at its start when
//!   `start` is `1`); `active` is `1` (default) or `0`; `exceptions` is a comma-separated list
//!   of substrings that cancel the match; `impact` is `1` page impressions, `2` ad
//!   impressions, `3` both (anything else: unknown).
//!
//! Checks, in order: the IP is listed → `FAILED_IP_EXCLUDE`; no active include entry matches
//! → `FAILED_UA_INCLUDE`; an exclude entry matches → `FAILED_UA_EXCLUDE` (category active or
//! inactive robot, as the entry says); else `PASSED_ALL`. The legacy runtime, like Spark
//! Enrich, classifies only events with a user agent and an IPv4 address; Enrich 6 also IPv6.

use std::cell::RefCell;
use std::net::IpAddr;
use std::sync::atomic::{AtomicU64, Ordering};

use serde_json::{Value, json};

use super::cache::GenerationalCache;
use super::{EnrichmentConfigError, EnrichmentFiles};
use crate::enrich::catalog::EnrichRuntime;
use crate::enrich::event::{EnrichedEvent, Field};
use crate::enrich::pipeline::{EnrichmentStep, StepOutput};
use crate::enrich::transform::EventInput;

const SCHEMA: &str = "iglu:com.iab.snowplow/spiders_and_robots/jsonschema/1-0-0";

/// One user-agent list entry.
#[derive(Debug, Clone)]
struct UaEntry {
    pattern: String,
    active: bool,
    exceptions: Vec<String>,
    impact: &'static str,
    at_start: bool,
}

impl UaEntry {
    fn matches(&self, lowered_ua: &str) -> bool {
        let found =
            if self.at_start { lowered_ua.starts_with(&self.pattern) } else { lowered_ua.contains(&self.pattern) };
        found && !self.exceptions.iter().any(|e| lowered_ua.contains(e.as_str()))
    }
}

/// Sorted, merged address ranges.
#[derive(Debug, Clone, Default)]
struct Ranges {
    v4: Vec<(u32, u32)>,
    v6: Vec<(u128, u128)>,
}

fn merged<T: Ord + Copy>(mut ranges: Vec<(T, T)>) -> Vec<(T, T)> {
    ranges.sort();
    let mut out: Vec<(T, T)> = Vec::with_capacity(ranges.len());
    for (start, end) in ranges {
        match out.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => out.push((start, end)),
        }
    }
    out
}

fn contains<T: Ord + Copy>(ranges: &[(T, T)], value: T) -> bool {
    let index = ranges.partition_point(|(start, _)| *start <= value);
    index > 0 && value <= ranges[index - 1].1
}

impl Ranges {
    fn parse(text: &str, pointer: &str) -> Result<Ranges, EnrichmentConfigError> {
        let mut v4 = Vec::new();
        let mut v6 = Vec::new();
        for (number, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = || {
                EnrichmentConfigError::new(
                    pointer,
                    format!("line {} of the IP list is not an address or CIDR range: `{line}`", number + 1),
                )
            };
            let (address, prefix) = match line.split_once('/') {
                Some((address, prefix)) => (address, Some(prefix.parse::<u32>().map_err(|_| bad())?)),
                None => (line, None),
            };
            match address.parse::<IpAddr>().map_err(|_| bad())? {
                IpAddr::V4(ip) => {
                    let bits = prefix.unwrap_or(32);
                    if bits > 32 {
                        return Err(bad());
                    }
                    let mask = if bits == 0 { 0 } else { u32::MAX << (32 - bits) };
                    let start = u32::from(ip) & mask;
                    v4.push((start, start | !mask));
                }
                IpAddr::V6(ip) => {
                    let bits = prefix.unwrap_or(128);
                    if bits > 128 {
                        return Err(bad());
                    }
                    let mask = if bits == 0 { 0 } else { u128::MAX << (128 - bits) };
                    let start = u128::from(ip) & mask;
                    v6.push((start, start | !mask));
                }
            }
        }
        Ok(Ranges { v4: merged(v4), v6: merged(v6) })
    }

    fn contains(&self, ip: IpAddr) -> bool {
        match ip {
            IpAddr::V4(ip) => contains(&self.v4, u32::from(ip)),
            IpAddr::V6(ip) => contains(&self.v6, u128::from(ip)),
        }
    }
}

fn ua_list(text: &str) -> Vec<UaEntry> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .filter_map(|line| {
            let mut fields = line.split('|').map(str::trim);
            let pattern = fields.next().filter(|p| !p.is_empty())?.to_lowercase();
            let active = fields.next().is_none_or(|f| f != "0");
            let exceptions = fields
                .next()
                .map(|f| f.split(',').map(str::trim).filter(|e| !e.is_empty()).map(str::to_lowercase).collect())
                .unwrap_or_default();
            let impact = match fields.next() {
                Some("1") => "PAGE_IMPRESSIONS",
                Some("2") => "AD_IMPRESSIONS",
                Some("3") => "PAGE_AND_AD_IMPRESSIONS",
                _ => "UNKNOWN",
            };
            let at_start = fields.next() == Some("1");
            Some(UaEntry { pattern, active, exceptions, impact, at_start })
        })
        .collect()
}

/// The iab_spiders_and_robots_enrichment step.
#[derive(Debug, Clone)]
pub struct Iab {
    ips: Ranges,
    include: Vec<UaEntry>,
    exclude: Vec<UaEntry>,
    ipv4_only: bool,
    /// Tells this step's entries in the per-thread user-agent cache from another's.
    instance: u64,
}

/// How many user agents each thread remembers the verdict of (per cache generation).
const UA_CACHE_SIZE: usize = 8_192;

static INSTANCES: AtomicU64 = AtomicU64::new(1);

/// What the step decided for one event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verdict {
    /// Whether the event comes from a spider or robot.
    pub spider_or_robot: bool,
    /// `SPIDER_OR_ROBOT`, `ACTIVE_SPIDER_OR_ROBOT`, `INACTIVE_SPIDER_OR_ROBOT` or `BROWSER`.
    pub category: &'static str,
    /// `FAILED_IP_EXCLUDE`, `FAILED_UA_INCLUDE`, `FAILED_UA_EXCLUDE` or `PASSED_ALL`.
    pub reason: &'static str,
    /// What the robot affects: `NONE`, `PAGE_IMPRESSIONS`, `AD_IMPRESSIONS`,
    /// `PAGE_AND_AD_IMPRESSIONS` or `UNKNOWN`.
    pub primary_impact: &'static str,
}

fn text_file(files: &EnrichmentFiles, parameters: &Value, key: &str) -> Result<String, EnrichmentConfigError> {
    let pointer = format!("/{key}");
    let spec = parameters.get(key).ok_or_else(|| {
        EnrichmentConfigError::new(&pointer, format!("`{key}` ({{\"uri\", \"database\"}}) is required"))
    })?;
    let bytes = files.read(spec, &pointer)?;
    String::from_utf8(bytes)
        .map_err(|_| EnrichmentConfigError::new(format!("{pointer}/database"), "the list is not UTF-8 text"))
}

thread_local! {
    static LOWERED: RefCell<String> = const { RefCell::new(String::new()) };
    /// User agent → the user-agent part of the verdict: traffic repeats a few user agents, and
    /// the lists can be long.
    static UA_CACHE: RefCell<GenerationalCache<Verdict>> = RefCell::new(GenerationalCache::new(UA_CACHE_SIZE));
}

impl Iab {
    /// Reads the three lists named by `{ipFile, excludeUseragentFile, includeUseragentFile}`.
    pub fn new(
        parameters: &Value,
        files: &EnrichmentFiles,
        runtime: EnrichRuntime,
    ) -> Result<Self, EnrichmentConfigError> {
        let ips = Ranges::parse(&text_file(files, parameters, "ipFile")?, "/ipFile/database")?;
        let include = ua_list(&text_file(files, parameters, "includeUseragentFile")?);
        let exclude = ua_list(&text_file(files, parameters, "excludeUseragentFile")?);
        let instance = INSTANCES.fetch_add(1, Ordering::Relaxed);
        Ok(Iab { ips, include, exclude, ipv4_only: runtime == EnrichRuntime::Legacy, instance })
    }

    /// Classifies a user agent and address.
    pub fn check(&self, useragent: &str, ip: Option<IpAddr>) -> Verdict {
        if ip.is_some_and(|ip| self.ips.contains(ip)) {
            return Verdict {
                spider_or_robot: true,
                category: "SPIDER_OR_ROBOT",
                reason: "FAILED_IP_EXCLUDE",
                primary_impact: "UNKNOWN",
            };
        }
        UA_CACHE.with_borrow_mut(|cache| {
            cache.claim(self.instance);
            cache.get_or_insert(useragent, || self.check_useragent(useragent))
        })
    }

    fn check_useragent(&self, useragent: &str) -> Verdict {
        LOWERED.with_borrow_mut(|lowered| {
            lowered.clear();
            lowered.extend(useragent.chars().flat_map(char::to_lowercase));
            if !self.include.iter().any(|entry| entry.active && entry.matches(lowered)) {
                return Verdict {
                    spider_or_robot: true,
                    category: "SPIDER_OR_ROBOT",
                    reason: "FAILED_UA_INCLUDE",
                    primary_impact: "UNKNOWN",
                };
            }
            match self.exclude.iter().find(|entry| entry.matches(lowered)) {
                Some(entry) => Verdict {
                    spider_or_robot: true,
                    category: if entry.active { "ACTIVE_SPIDER_OR_ROBOT" } else { "INACTIVE_SPIDER_OR_ROBOT" },
                    reason: "FAILED_UA_EXCLUDE",
                    primary_impact: entry.impact,
                },
                None => Verdict {
                    spider_or_robot: false,
                    category: "BROWSER",
                    reason: "PASSED_ALL",
                    primary_impact: "NONE",
                },
            }
        })
    }
}

/// The address of `text`, allowing an IPv4 `:port` suffix.
fn parse_ip(text: &str) -> Option<IpAddr> {
    text.parse()
        .ok()
        .or_else(|| text.rsplit_once(':').and_then(|(host, _)| host.parse::<std::net::Ipv4Addr>().ok()).map(IpAddr::V4))
}

impl EnrichmentStep for Iab {
    fn apply(&self, _input: &EventInput<'_>, event: &mut EnrichedEvent, output: &mut StepOutput) {
        let Some(useragent) = event.get(Field::Useragent) else { return };
        let ip = event.get(Field::UserIpaddress).and_then(parse_ip);
        if self.ipv4_only && !matches!(ip, Some(IpAddr::V4(_))) {
            return;
        }
        let verdict = self.check(useragent, ip);
        output.derived_contexts.push(json!({
            "schema": SCHEMA,
            "data": {
                "spiderOrRobot": verdict.spider_or_robot,
                "category": verdict.category,
                "reason": verdict.reason,
                "primaryImpact": verdict.primary_impact,
            }
        }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iab() -> Iab {
        Iab {
            ips: Ranges::parse("# robots' networks\n192.0.2.0/24\n2001:db8::/32\n198.51.100.7\n", "/ipFile").unwrap(),
            include: ua_list("mozilla|1|crawlbot,fetcher\nopera|0\n"),
            exclude: ua_list("crawlbot|1||3\nlegacybot|0||1\nfetcher|1||2|1\n"),
            ipv4_only: false,
            instance: INSTANCES.fetch_add(1, Ordering::Relaxed),
        }
    }

    fn reason(ua: &str, ip: &str) -> (&'static str, &'static str, &'static str) {
        let verdict = iab().check(ua, parse_ip(ip));
        (verdict.reason, verdict.category, verdict.primary_impact)
    }

    #[test]
    fn addresses_in_the_list_fail_first() {
        assert_eq!(reason("Mozilla/5.0", "192.0.2.200").0, "FAILED_IP_EXCLUDE");
        assert_eq!(reason("Mozilla/5.0", "198.51.100.7:8080").0, "FAILED_IP_EXCLUDE");
        assert_eq!(reason("Mozilla/5.0", "2001:db8::1").0, "FAILED_IP_EXCLUDE");
        assert_eq!(reason("Mozilla/5.0", "198.51.100.8"), ("PASSED_ALL", "BROWSER", "NONE"));
    }

    #[test]
    fn user_agents_must_pass_include_then_exclude() {
        assert_eq!(reason("curl/8.0", "203.0.113.1"), ("FAILED_UA_INCLUDE", "SPIDER_OR_ROBOT", "UNKNOWN"));
        // An inactive include entry does not let a user agent through.
        assert_eq!(reason("Opera/9.8", "203.0.113.1").0, "FAILED_UA_INCLUDE");
        // The include entry's exceptions cancel it.
        assert_eq!(reason("Mozilla/5.0 (compatible; CrawlBot/1.0)", "203.0.113.1").0, "FAILED_UA_INCLUDE");
        assert_eq!(
            reason("Mozilla/5.0 LegacyBot", "203.0.113.1"),
            ("FAILED_UA_EXCLUDE", "INACTIVE_SPIDER_OR_ROBOT", "PAGE_IMPRESSIONS")
        );
    }

    #[test]
    fn cached_verdicts_belong_to_their_step() {
        let strict = iab();
        let mut lenient = iab();
        lenient.include = ua_list("curl|1");
        lenient.instance = INSTANCES.fetch_add(1, Ordering::Relaxed);
        for _ in 0..2 {
            assert_eq!(strict.check("curl/8.0", None).reason, "FAILED_UA_INCLUDE");
            assert_eq!(lenient.check("curl/8.0", None).reason, "PASSED_ALL");
        }
    }

    #[test]
    fn malformed_ip_lists_are_refused_with_the_line() {
        let error = Ranges::parse("10.0.0.0/8\nnot-an-ip\n", "/ipFile/database").unwrap_err();
        assert!(error.message.contains("line 2"), "{error}");
        assert!(Ranges::parse("10.0.0.0/33", "/ipFile/database").is_err());
    }
}
