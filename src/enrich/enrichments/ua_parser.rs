//! `ua_parser_config`: parses the user agent with uap-core's `regexes.yaml` and adds a
//! `ua_parser_context` 1-0-0 derived context, as Snowplow's ua-parser enrichment does.
//!
//! Matching follows the uap-core specification: the first pattern of each section
//! (user agent, OS, device) that matches wins; replacements may use `$1`…`$9`; results are
//! trimmed and an empty result is absent; nothing matching gives family `Other`. Patterns are
//! matched byte-wise with ASCII classes, as Java's regexes do by default.
//!
//! Speed: each pattern's required literals (text every match contains) are extracted from its
//! syntax tree; one Aho-Corasick pass over the user agent finds which literals occur, and only
//! the patterns needing one of them (plus the few without a usable literal) are tried, in file
//! order; only the winner runs with captures. (One `RegexSet` per section was measured slower
//! than even trying every pattern: its lazy DFA thrashes on hundreds of case-insensitive
//! patterns.) Results are cached per user-agent string in a bounded per-thread cache, so a
//! repeated user agent costs one hash lookup.
//!
//! Patterns are checked (parsed) at start but compiled on first use: only the few tried
//! before a match are ever needed, and compiling all of uap-core's ~1,300 patterns took
//! longer than parsing every user agent of a typical batch.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

use aho_corasick::AhoCorasick;
use regex::bytes::{Captures, Regex, RegexBuilder};
use regex_syntax::hir::{Class, Hir, HirKind};
use serde::Deserialize;
use serde_json::{Map, Value};

use super::EnrichmentId;
use super::cache::GenerationalCache;
use crate::enrich::event::{EnrichedEvent, Field};
use crate::enrich::pipeline::{EnrichmentStep, StepOutput};
use crate::enrich::transform::EventInput;

/// The schema of the derived context.
pub const UA_PARSER_CONTEXT_SCHEMA: &str = "iglu:com.snowplowanalytics.snowplow/ua_parser_context/jsonschema/1-0-0";

/// How many user agents each worker thread remembers (per cache generation).
const CACHE_GENERATION_SIZE: usize = 8_192;

/// Why a `regexes.yaml` was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UaParserError {
    /// The file is not a uap-core regexes file.
    #[error("regexes file: {0}")]
    Database(String),
    /// One pattern does not compile.
    #[error("regexes file: {section}[{index}] does not compile: {message}")]
    Pattern {
        /// `user_agent_parsers`, `os_parsers` or `device_parsers`.
        section: &'static str,
        /// The pattern's position in its section.
        index: usize,
        /// The regex error.
        message: String,
    },
}

#[derive(Debug, Deserialize)]
struct RegexesFile {
    #[serde(default)]
    user_agent_parsers: Vec<RawParser>,
    #[serde(default)]
    os_parsers: Vec<RawParser>,
    #[serde(default)]
    device_parsers: Vec<RawParser>,
}

/// One entry of any section; each section reads the replacement keys it knows.
#[derive(Debug, Deserialize)]
struct RawParser {
    regex: String,
    regex_flag: Option<String>,
    family_replacement: Option<String>,
    v1_replacement: Option<String>,
    v2_replacement: Option<String>,
    v3_replacement: Option<String>,
    v4_replacement: Option<String>,
    os_replacement: Option<String>,
    os_v1_replacement: Option<String>,
    os_v2_replacement: Option<String>,
    os_v3_replacement: Option<String>,
    os_v4_replacement: Option<String>,
    device_replacement: Option<String>,
    brand_replacement: Option<String>,
    model_replacement: Option<String>,
}

/// One compiled pattern and its replacements: slot `i` is filled from its replacement
/// (with `$n` substituted) or, when there is none, from capture group `defaults[i]`.
#[derive(Debug)]
struct Pattern {
    /// The pattern as compiled (case-insensitive ones wrapped in `(?i:…)`).
    source: String,
    /// Compiled on first use, or the compiler's message (the syntax was checked at start, so
    /// only a pattern too big to compile fails here, and every event it is tried on fails).
    regex: OnceLock<Result<Regex, String>>,
    replacements: [Option<String>; 5],
}

impl Pattern {
    /// The compiled pattern, compiling it on first use.
    fn regex(&self) -> Result<&Regex, &str> {
        self.regex
            .get_or_init(|| compile(&self.source).map_err(|error| error.to_string()))
            .as_ref()
            .map_err(String::as_str)
    }
}

/// Compiles a pattern byte-wise with ASCII classes (as Java matches by default).
fn compile(source: &str) -> Result<Regex, regex::Error> {
    RegexBuilder::new(source).unicode(false).size_limit(1 << 24).build()
}

/// One section: the first matching pattern wins.
#[derive(Debug)]
struct Section {
    /// `user_agent_parsers`, `os_parsers` or `device_parsers`, for errors.
    name: &'static str,
    patterns: Vec<Pattern>,
    /// The capture group used for slot `i` when it has no replacement (0 = none).
    defaults: [usize; 5],
    /// Finds the required literals present in a user agent.
    automaton: AhoCorasick,
    /// For each literal, the patterns whose chosen required set holds it.
    literal_patterns: Vec<Vec<u32>>,
    /// For each pattern, every set of literals (by id) of which a match contains one: a
    /// candidate missing any set cannot match and is neither compiled nor tried.
    requirements: Vec<Vec<Vec<u32>>>,
    /// Patterns without a usable required literal: always tried.
    always: Vec<u32>,
}

impl Section {
    fn compile(
        name: &'static str,
        raw: &[RawParser],
        replacements: fn(&RawParser) -> [Option<String>; 5],
        defaults: [usize; 5],
    ) -> Result<Section, UaParserError> {
        let mut patterns = Vec::with_capacity(raw.len());
        let mut literal_ids: HashMap<Vec<u8>, usize> = HashMap::new();
        let mut literal_patterns: Vec<Vec<u32>> = Vec::new();
        let mut requirements = Vec::with_capacity(raw.len());
        let mut always = Vec::new();
        let mut literal_id = |literal: Vec<u8>, literal_patterns: &mut Vec<Vec<u32>>| {
            let next = literal_ids.len();
            let id = *literal_ids.entry(literal).or_insert(next);
            if id == literal_patterns.len() {
                literal_patterns.push(Vec::new());
            }
            id as u32
        };
        for (index, parser) in raw.iter().enumerate() {
            let error = |message: String| UaParserError::Pattern { section: name, index, message };
            let case_insensitive = parser.regex_flag.as_deref() == Some("i");
            let source = if case_insensitive { format!("(?i:{})", parser.regex) } else { parser.regex.clone() };
            // Parsing with the syntax `compile` uses catches every malformed pattern here;
            // compiling is left for first use.
            let hir = regex_syntax::ParserBuilder::new()
                .unicode(false)
                .utf8(false)
                .build()
                .parse(&source)
                .map_err(|e| error(e.to_string()))?;
            let sets: Vec<Vec<u32>> = all_required_literals(&hir)
                .into_iter()
                .filter(|set| shortest(set) >= MIN_PREFILTER_LITERAL)
                .map(|set| set.into_iter().map(|literal| literal_id(literal, &mut literal_patterns)).collect())
                .collect();
            match required_literals(&hir).filter(|set| shortest(set) >= MIN_PREFILTER_LITERAL) {
                Some(set) => {
                    for literal in set {
                        let id = literal_id(literal, &mut literal_patterns);
                        literal_patterns[id as usize].push(index as u32);
                    }
                }
                None => always.push(index as u32),
            }
            requirements.push(sets);
            patterns.push(Pattern { source, regex: OnceLock::new(), replacements: replacements(parser) });
        }
        let mut literals: Vec<(Vec<u8>, usize)> = literal_ids.into_iter().collect();
        literals.sort_by_key(|(_, id)| *id);
        let automaton = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(literals.iter().map(|(literal, _)| literal))
            .map_err(|e| UaParserError::Pattern { section: name, index: 0, message: e.to_string() })?;
        Ok(Section { name, patterns, defaults, automaton, literal_patterns, requirements, always })
    }

    /// The slots of the first matching pattern, or `None` when nothing matches.
    fn parse(&self, ua: &[u8]) -> Result<Option<[Option<String>; 5]>, UaParserError> {
        let Some((pattern, regex)) = self.first_match(ua)? else { return Ok(None) };
        let Some(captures) = regex.captures(ua) else { return Ok(None) };
        Ok(Some(std::array::from_fn(|slot| match &pattern.replacements[slot] {
            Some(replacement) => substitute(replacement, &captures),
            None => group(&captures, self.defaults[slot]),
        })))
    }

    /// The first pattern (in file order) that matches: only patterns whose required literal
    /// occurs in `ua`, plus those without one, are tried.
    fn first_match(&self, ua: &[u8]) -> Result<Option<(&Pattern, &Regex)>, UaParserError> {
        let mut seen = vec![false; self.literal_patterns.len()];
        let mut candidates = self.always.clone();
        for found in self.automaton.find_overlapping_iter(ua) {
            let id = found.pattern().as_usize();
            if !std::mem::replace(&mut seen[id], true) {
                candidates.extend_from_slice(&self.literal_patterns[id]);
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        for &index in &candidates {
            let index = index as usize;
            if !self.requirements[index].iter().all(|set| set.iter().any(|&id| seen[id as usize])) {
                continue;
            }
            let pattern = &self.patterns[index];
            let regex = pattern.regex().map_err(|message| UaParserError::Pattern {
                section: self.name,
                index,
                message: message.to_owned(),
            })?;
            if regex.is_match(ua) {
                return Ok(Some((pattern, regex)));
            }
        }
        Ok(None)
    }

    /// How many patterns have a literal prefilter, out of all.
    fn prefiltered(&self) -> (usize, usize) {
        (self.patterns.len() - self.always.len(), self.patterns.len())
    }
}

/// Literals shorter than this select too little to be worth prefiltering on.
const MIN_PREFILTER_LITERAL: usize = 3;

fn shortest(set: &[Vec<u8>]) -> usize {
    set.iter().map(Vec::len).min().unwrap_or(0)
}

/// The byte a class stands for when it is one byte, or one ASCII letter in either case
/// (lower-cased; the prefilter matches case-insensitively).
fn single_byte(class: &Class) -> Option<u8> {
    let ranges: Vec<(u32, u32)> = match class {
        Class::Bytes(c) => c.ranges().iter().map(|r| (r.start() as u32, r.end() as u32)).collect(),
        Class::Unicode(c) => c.ranges().iter().map(|r| (r.start() as u32, r.end() as u32)).collect(),
    };
    let byte = |v: u32| u8::try_from(v).ok();
    match ranges.as_slice() {
        [(a, b)] if a == b => byte(*a).map(|b| b.to_ascii_lowercase()),
        [(a1, b1), (a2, b2)] if a1 == b1 && a2 == b2 => {
            let (x, y) = (byte(*a1)?, byte(*a2)?);
            (x.is_ascii_alphabetic() && x.eq_ignore_ascii_case(&y)).then(|| x.to_ascii_lowercase())
        }
        _ => None,
    }
}

/// The (lower-cased) text `hir` always matches exactly, if it is a plain literal.
fn literal_text(hir: &Hir) -> Option<Vec<u8>> {
    match hir.kind() {
        HirKind::Literal(literal) => Some(literal.0.to_ascii_lowercase()),
        HirKind::Class(class) => single_byte(class).map(|b| vec![b]),
        HirKind::Capture(capture) => literal_text(&capture.sub),
        _ => None,
    }
}

/// Literals (lower-cased) of which every match of `hir` contains at least one, or `None` when
/// there is no such set. Of several candidate sets, the one with the longest shortest literal.
fn required_literals(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    match hir.kind() {
        HirKind::Literal(_) | HirKind::Class(_) => literal_text(hir).map(|text| vec![text]),
        HirKind::Capture(capture) => required_literals(&capture.sub),
        HirKind::Repetition(repetition) if repetition.min >= 1 => required_literals(&repetition.sub),
        HirKind::Alternation(branches) => {
            let mut all = Vec::new();
            for branch in branches {
                all.extend(required_literals(branch)?);
            }
            Some(all)
        }
        HirKind::Concat(parts) => {
            let mut best: Option<Vec<Vec<u8>>> = None;
            let mut consider = |candidate: Vec<Vec<u8>>| {
                if shortest(&candidate) > best.as_deref().map_or(0, shortest) {
                    best = Some(candidate);
                }
            };
            let mut run = Vec::new();
            for part in parts {
                if let Some(text) = literal_text(part) {
                    run.extend(text);
                    continue;
                }
                if !run.is_empty() {
                    consider(vec![std::mem::take(&mut run)]);
                }
                if let Some(set) = required_literals(part) {
                    consider(set);
                }
            }
            if !run.is_empty() {
                consider(vec![run]);
            }
            best
        }
        _ => None,
    }
}

/// Every set of literals (lower-cased) of which each match of `hir` contains at least one:
/// one per part of a concatenation that has such a set (a run of literal parts counts as one
/// literal), where [`required_literals`] keeps only the best.
fn all_required_literals(hir: &Hir) -> Vec<Vec<Vec<u8>>> {
    match hir.kind() {
        HirKind::Capture(capture) => all_required_literals(&capture.sub),
        HirKind::Repetition(repetition) if repetition.min >= 1 => all_required_literals(&repetition.sub),
        HirKind::Concat(parts) => {
            let mut sets = Vec::new();
            let mut run = Vec::new();
            for part in parts {
                if let Some(text) = literal_text(part) {
                    run.extend(text);
                    continue;
                }
                if !run.is_empty() {
                    sets.push(vec![std::mem::take(&mut run)]);
                }
                sets.extend(all_required_literals(part));
            }
            if !run.is_empty() {
                sets.push(vec![run]);
            }
            sets
        }
        _ => required_literals(hir).into_iter().collect(),
    }
}

/// The trimmed text of capture group `n`, absent when `n` is 0, unmatched or blank.
fn group(captures: &Captures<'_>, n: usize) -> Option<String> {
    if n == 0 {
        return None;
    }
    let text = String::from_utf8_lossy(captures.get(n)?.as_bytes());
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// `replacement` with `$1`…`$9` replaced by their groups (unmatched: empty), trimmed; absent
/// when blank.
fn substitute(replacement: &str, captures: &Captures<'_>) -> Option<String> {
    if !replacement.contains('$') {
        let text = replacement.trim();
        return (!text.is_empty()).then(|| text.to_owned());
    }
    let mut out = String::with_capacity(replacement.len() + 16);
    let mut chars = replacement.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek().and_then(|d| d.to_digit(10))) {
            ('$', Some(n)) if n > 0 => {
                chars.next();
                if let Some(m) = captures.get(n as usize) {
                    out.push_str(&String::from_utf8_lossy(m.as_bytes()));
                }
            }
            _ => out.push(c),
        }
    }
    let text = out.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// A user agent's browser family and version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserAgent {
    /// The family, `Other` when unknown.
    pub family: String,
    /// Major version.
    pub major: Option<String>,
    /// Minor version.
    pub minor: Option<String>,
    /// Patch version.
    pub patch: Option<String>,
    /// Patch-minor version (not in the Snowplow context).
    pub patch_minor: Option<String>,
}

/// The operating system.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Os {
    /// The family, `Other` when unknown.
    pub family: String,
    /// Major version.
    pub major: Option<String>,
    /// Minor version.
    pub minor: Option<String>,
    /// Patch version.
    pub patch: Option<String>,
    /// Patch-minor version.
    pub patch_minor: Option<String>,
}

/// The device.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Device {
    /// The family, `Other` when unknown.
    pub family: String,
    /// The brand.
    pub brand: Option<String>,
    /// The model.
    pub model: Option<String>,
}

/// Everything uap-core says about one user agent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    /// Browser.
    pub user_agent: UserAgent,
    /// Operating system.
    pub os: Os,
    /// Device.
    pub device: Device,
}

impl Parsed {
    /// The `ua_parser_context` entity (schema and data), as Snowplow builds it.
    pub fn context(&self) -> Value {
        fn version(family: &str, parts: &[&Option<String>]) -> String {
            let mut text = family.to_owned();
            for (i, part) in parts.iter().enumerate() {
                if let Some(part) = part {
                    text.push(if i == 0 { ' ' } else { '.' });
                    text.push_str(part);
                }
            }
            text
        }
        let (ua, os) = (&self.user_agent, &self.os);
        let text = |v: &Option<String>| v.clone().map_or(Value::Null, Value::String);
        let mut data = Map::with_capacity(12);
        data.insert("useragentFamily".into(), Value::String(ua.family.clone()));
        data.insert("useragentMajor".into(), text(&ua.major));
        data.insert("useragentMinor".into(), text(&ua.minor));
        data.insert("useragentPatch".into(), text(&ua.patch));
        data.insert("useragentVersion".into(), Value::String(version(&ua.family, &[&ua.major, &ua.minor, &ua.patch])));
        data.insert("osFamily".into(), Value::String(os.family.clone()));
        data.insert("osMajor".into(), text(&os.major));
        data.insert("osMinor".into(), text(&os.minor));
        data.insert("osPatch".into(), text(&os.patch));
        data.insert("osPatchMinor".into(), text(&os.patch_minor));
        data.insert(
            "osVersion".into(),
            Value::String(version(&os.family, &[&os.major, &os.minor, &os.patch, &os.patch_minor])),
        );
        data.insert("deviceFamily".into(), Value::String(self.device.family.clone()));
        let mut entity = Map::with_capacity(2);
        entity.insert("schema".into(), Value::String(UA_PARSER_CONTEXT_SCHEMA.into()));
        entity.insert("data".into(), Value::Object(data));
        Value::Object(entity)
    }
}

/// Distinguishes parser instances so a thread's cache never serves another parser's results.
static NEXT_INSTANCE: AtomicU64 = AtomicU64::new(1);

/// The `ua_parser_config` enrichment.
#[derive(Debug)]
pub struct UaParser {
    user_agents: Section,
    oses: Section,
    devices: Section,
    instance: u64,
    context_without_user_agent: bool,
    /// How `enrichment_failures` bad rows name this enrichment.
    id: EnrichmentId,
}

const OTHER: &str = "Other";

/// The config schema named in bad rows until [`UaParser::identified_as`] says otherwise.
const DEFAULT_SCHEMA: &str = "iglu:com.snowplowanalytics.snowplow/ua_parser_config/jsonschema/1-0-0";

impl UaParser {
    /// Builds the enrichment from the config's `parameters` (only `uri`/`database`, which the
    /// framework resolves) and the bytes of uap-core's `regexes.yaml`.
    pub fn from_parts(_parameters: &Value, regexes_yaml: &[u8]) -> Result<UaParser, UaParserError> {
        let file: RegexesFile =
            serde_yaml::from_slice(regexes_yaml).map_err(|e| UaParserError::Database(e.to_string()))?;
        if file.user_agent_parsers.is_empty() && file.os_parsers.is_empty() && file.device_parsers.is_empty() {
            return Err(UaParserError::Database(
                "no user_agent_parsers, os_parsers or device_parsers: not a uap-core regexes.yaml".into(),
            ));
        }
        let user_agents = Section::compile(
            "user_agent_parsers",
            &file.user_agent_parsers,
            |p| {
                [
                    p.family_replacement.clone(),
                    p.v1_replacement.clone(),
                    p.v2_replacement.clone(),
                    p.v3_replacement.clone(),
                    p.v4_replacement.clone(),
                ]
            },
            [1, 2, 3, 4, 5],
        )?;
        let oses = Section::compile(
            "os_parsers",
            &file.os_parsers,
            |p| {
                [
                    p.os_replacement.clone(),
                    p.os_v1_replacement.clone(),
                    p.os_v2_replacement.clone(),
                    p.os_v3_replacement.clone(),
                    p.os_v4_replacement.clone(),
                ]
            },
            [1, 2, 3, 4, 5],
        )?;
        let devices = Section::compile(
            "device_parsers",
            &file.device_parsers,
            |p| [p.device_replacement.clone(), p.brand_replacement.clone(), p.model_replacement.clone(), None, None],
            // Family and model default to the first group; the brand only comes from a replacement.
            [1, 0, 1, 0, 0],
        )?;
        Ok(UaParser {
            user_agents,
            oses,
            devices,
            instance: NEXT_INSTANCE.fetch_add(1, Ordering::Relaxed),
            context_without_user_agent: false,
            id: EnrichmentId { schema_key: DEFAULT_SCHEMA.into(), identifier: "ua_parser_config".into() },
        })
    }

    /// The config this enrichment was built from, as its bad rows name it. Default: version
    /// 1-0-0 of `ua_parser_config`.
    pub fn identified_as(mut self, id: EnrichmentId) -> UaParser {
        self.id = id;
        self
    }

    /// Whether events without a user agent still get a context (all `Other`). Spark Enrich
    /// (R117) did this for log-file inputs, whose empty user agent was an empty string rather
    /// than null; modern Enrich adds no context. Default: no.
    pub fn with_context_without_user_agent(mut self, yes: bool) -> UaParser {
        self.context_without_user_agent = yes;
        self
    }

    /// How many patterns of each section (user agent, OS, device) have a literal prefilter, as
    /// (prefiltered, total).
    pub fn prefilter_coverage(&self) -> [(usize, usize); 3] {
        [self.user_agents.prefiltered(), self.oses.prefiltered(), self.devices.prefiltered()]
    }

    /// Parses one user agent (uncached). Fails only when a pattern it must try does not compile.
    pub fn parse(&self, ua: &str) -> Result<Parsed, UaParserError> {
        let ua = ua.as_bytes();
        let [family, major, minor, patch, patch_minor] = self.user_agents.parse(ua)?.unwrap_or_default();
        let user_agent = UserAgent { family: family.unwrap_or_else(|| OTHER.into()), major, minor, patch, patch_minor };
        let [family, major, minor, patch, patch_minor] = self.oses.parse(ua)?.unwrap_or_default();
        let os = Os { family: family.unwrap_or_else(|| OTHER.into()), major, minor, patch, patch_minor };
        let [family, brand, model, _, _] = self.devices.parse(ua)?.unwrap_or_default();
        let device = Device { family: family.unwrap_or_else(|| OTHER.into()), brand, model };
        Ok(Parsed { user_agent, os, device })
    }

    /// The `ua_parser_context` entity for `ua`, from this thread's cache when seen before, or
    /// why it cannot be made.
    pub fn context(&self, ua: &str) -> Result<Value, String> {
        CACHE.with_borrow_mut(|cache| {
            cache.claim(self.instance);
            cache.get_or_insert(ua, || self.parse(ua).map(|parsed| parsed.context()).map_err(|error| error.to_string()))
        })
    }
}

thread_local! {
    static CACHE: RefCell<GenerationalCache<Result<Value, String>>> =
        RefCell::new(GenerationalCache::new(CACHE_GENERATION_SIZE));
}

impl EnrichmentStep for UaParser {
    fn apply(&self, _input: &EventInput<'_>, event: &mut EnrichedEvent, output: &mut StepOutput) {
        let context = match event.get(Field::Useragent) {
            Some(ua) => self.context(ua),
            None if self.context_without_user_agent => self.context(""),
            None => return,
        };
        match context {
            Ok(context) => output.derived_contexts.push(context),
            Err(error) => output.problems.push(self.id.problem(None, None, error)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tiny regexes file of our own.
    const REGEXES: &str = r#"
user_agent_parsers:
  - regex: '(Zoomer)/(\d+)\.(\d+)(?:\.(\d+))?'
  - regex: 'Crawly-(\d+)'
    family_replacement: 'Crawly Bot'
    v1_replacement: '$1'
os_parsers:
  - regex: 'Windows NT 6\.1'
    os_replacement: 'Windows'
    os_v1_replacement: '7'
  - regex: '(PlanOS) (\d+)_(\d+)'
device_parsers:
  - regex: 'zoomphone ([a-z0-9]+)'
    regex_flag: 'i'
    device_replacement: 'ZoomPhone $1'
    brand_replacement: 'Zoom'
    model_replacement: '$1'
"#;

    #[test]
    fn a_pattern_too_big_to_compile_fails_the_events_it_is_tried_on() {
        let regexes = "user_agent_parsers:\n  - regex: 'Huge(?:ab{1000}){1000}'\n  - regex: '(Zoomer)'\n";
        let p = UaParser::from_parts(&Value::Null, regexes.as_bytes()).expect("the syntax is fine");
        // Not tried: its required literal is absent, so the next pattern answers.
        assert_eq!(p.parse("Zoomer").unwrap().user_agent.family, "Zoomer");
        let error = p.parse("Huge Zoomer").unwrap_err().to_string();
        assert!(error.contains("user_agent_parsers[0] does not compile"), "{error}");
        // Cached as a failure too, so the event after gets the same answer.
        for _ in 0..2 {
            assert!(p.context("Huge").unwrap_err().contains("does not compile"));
        }
    }

    fn parser() -> UaParser {
        UaParser::from_parts(&Value::Null, REGEXES.as_bytes()).unwrap()
    }

    #[test]
    fn first_matching_pattern_wins_and_replacements_substitute_groups() {
        let p = parser();
        let parsed = p.parse("Mozilla/5.0 (Windows NT 6.1) Zoomer/12.0 ZOOMPHONE X1").unwrap();
        assert_eq!(parsed.user_agent.family, "Zoomer");
        assert_eq!((parsed.user_agent.major.as_deref(), parsed.user_agent.patch.as_deref()), (Some("12"), None));
        assert_eq!((parsed.os.family.as_str(), parsed.os.major.as_deref()), ("Windows", Some("7")));
        assert_eq!(
            parsed.device,
            Device { family: "ZoomPhone X1".into(), brand: Some("Zoom".into()), model: Some("X1".into()) }
        );
        let bot = p.parse("Crawly-3 PlanOS 4_2").unwrap();
        assert_eq!((bot.user_agent.family.as_str(), bot.user_agent.major.as_deref()), ("Crawly Bot", Some("3")));
        assert_eq!((bot.os.family.as_str(), bot.os.minor.as_deref()), ("PlanOS", Some("2")));
        assert_eq!(bot.device.family, "Other");
    }

    fn literals(pattern: &str) -> Option<Vec<String>> {
        let hir = regex_syntax::ParserBuilder::new().unicode(false).utf8(false).build().parse(pattern).unwrap();
        required_literals(&hir).map(|set| set.into_iter().map(|l| String::from_utf8(l).unwrap()).collect())
    }

    #[test]
    fn required_literals_are_what_every_match_contains() {
        assert_eq!(literals(r"(Zoomer)/(\d+)"), Some(vec!["zoomer/".into()]));
        assert_eq!(literals(r"(?i:zoom)phone (\d+)"), Some(vec!["zoomphone ".into()]));
        assert_eq!(literals(r"(?:Alpha|Beta)Browser"), Some(vec!["browser".into()]));
        assert_eq!(literals(r"(?:Alpha|Be)\d"), Some(vec!["alpha".into(), "be".into()]));
        assert_eq!(literals(r"(?:Alpha)?\d+"), None);
        assert_eq!(literals(r"[A-Z]+\d"), None);
    }

    fn all_literals(pattern: &str) -> Vec<Vec<String>> {
        let hir = regex_syntax::ParserBuilder::new().unicode(false).utf8(false).build().parse(pattern).unwrap();
        all_required_literals(&hir)
            .into_iter()
            .map(|set| set.into_iter().map(|l| String::from_utf8(l).unwrap()).collect())
            .collect()
    }

    #[test]
    fn every_required_literal_set_is_found() {
        assert_eq!(all_literals(r"(Zoomer)/(\d+)"), [["zoomer/"]]);
        assert_eq!(
            all_literals(r"(Alpha|Beta)Phone; (\d+) Build"),
            [vec!["alpha", "beta"], vec!["phone; "], vec![" build"]]
        );
        assert_eq!(all_literals(r"(?:Android)?.*Mobile[^;]+; wv"), [["mobile"], ["; wv"]]);
        assert!(all_literals(r"(?:Alpha)?\d+").is_empty());
    }

    #[test]
    fn patterns_missing_a_required_literal_are_neither_compiled_nor_tried() {
        let regexes = r"
user_agent_parsers:
  - regex: '(Alpha|Beta)Phone; (\d+) Build'
  - regex: '(Beta)Phone'
    v1_replacement: 'short'
";
        let p = UaParser::from_parts(&Value::Null, regexes.as_bytes()).unwrap();
        let compiled = |section: &Section| section.patterns.iter().filter(|p| p.regex.get().is_some()).count();
        // "phone; " occurs but " build" does not: the first pattern cannot match.
        let parsed = p.parse("BetaPhone; 5").unwrap();
        assert_eq!((parsed.user_agent.family.as_str(), parsed.user_agent.major.as_deref()), ("Beta", Some("short")));
        assert_eq!(compiled(&p.user_agents), 1);
        let parsed = p.parse("BetaPhone; 5 Build").unwrap();
        assert_eq!((parsed.user_agent.family.as_str(), parsed.user_agent.major.as_deref()), ("Beta", Some("5")));
        assert_eq!(compiled(&p.user_agents), 2);
    }

    #[test]
    fn the_context_joins_versions_as_snowplow_does() {
        let context = parser().context("Zoomer/12.0 (Windows NT 6.1)").unwrap();
        assert_eq!(context["schema"], UA_PARSER_CONTEXT_SCHEMA);
        let data = &context["data"];
        assert_eq!(data["useragentVersion"], "Zoomer 12.0");
        assert_eq!(data["useragentPatch"], Value::Null);
        assert_eq!(data["osVersion"], "Windows 7");
        assert_eq!(data["deviceFamily"], "Other");
        let keys: Vec<&str> = data.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys[0], "useragentFamily");
        assert_eq!(keys[11], "deviceFamily");
        let unknown = parser().context("").unwrap();
        assert_eq!(unknown["data"]["useragentVersion"], "Other");
        assert_eq!(unknown["data"]["osVersion"], "Other");
    }

    #[test]
    fn the_cache_is_per_parser() {
        let (a, b) = (
            parser(),
            UaParser::from_parts(
                &Value::Null,
                b"user_agent_parsers:\n  - regex: '(Zoomer)'\n    family_replacement: 'Z'\n",
            )
            .unwrap(),
        );
        assert_eq!(a.context("Zoomer/1.2").unwrap()["data"]["useragentFamily"], "Zoomer");
        assert_eq!(b.context("Zoomer/1.2").unwrap()["data"]["useragentFamily"], "Z");
    }

    #[test]
    fn bad_regexes_files_are_rejected() {
        assert!(matches!(UaParser::from_parts(&Value::Null, b"[1, 2]"), Err(UaParserError::Database(_))));
        assert!(matches!(UaParser::from_parts(&Value::Null, b"other: 1\n"), Err(UaParserError::Database(_))));
        let bad = UaParser::from_parts(&Value::Null, b"os_parsers:\n  - regex: '(unclosed'\n").unwrap_err();
        assert!(matches!(bad, UaParserError::Pattern { section: "os_parsers", index: 0, .. }), "{bad}");
    }
}
