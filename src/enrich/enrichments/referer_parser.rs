//! `referer_parser`: classifies the referer into `refr_medium`, `refr_source` and `refr_term`
//! with the referer-parser database, as Snowplow's referer-parser (Scala) does.
//!
//! The database is the referer-parser `referers.yml` or its JSON rendering
//! (`referers-latest.json`): `{medium: {source: {"domains": [..], "parameters": [..]}}}`. A
//! domain entry may carry a path (`google.com/products`). Custom `referrers` from the config
//! have the same shape and win over the database.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

use serde_json::Value;

use crate::enrich::event::{EnrichedEvent, Field};
use crate::enrich::loader::querystring::url_decode;
use crate::enrich::pipeline::{EnrichmentStep, StepOutput};
use crate::enrich::transform::EventInput;

/// Why a referer-parser config or database was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RefererParserError {
    /// A config parameter has the wrong shape.
    #[error("parameter {pointer}: {message}")]
    Parameter {
        /// JSON pointer into the config's `parameters`.
        pointer: String,
        /// What was expected.
        message: String,
    },
    /// The database file is not a referer-parser database.
    #[error("referer database: {0}")]
    Database(String),
}

/// Referer categories of the referer-parser database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Medium {
    /// Search engines (the only medium with a search term).
    Search,
    /// Social networks.
    Social,
    /// Webmail providers.
    Email,
    /// Paid media.
    Paid,
    /// AI chatbots.
    Chatbot,
    /// Known source, unknown medium.
    Unknown,
    /// The referer is the site itself.
    Internal,
}

impl Medium {
    fn parse(name: &str) -> Option<Medium> {
        Some(match name {
            "search" => Medium::Search,
            "social" => Medium::Social,
            "email" => Medium::Email,
            "paid" => Medium::Paid,
            "chatbot" => Medium::Chatbot,
            "unknown" => Medium::Unknown,
            "internal" => Medium::Internal,
            _ => return None,
        })
    }

    /// The `refr_medium` text.
    pub fn as_str(self) -> &'static str {
        match self {
            Medium::Search => "search",
            Medium::Social => "social",
            Medium::Email => "email",
            Medium::Paid => "paid",
            Medium::Chatbot => "chatbot",
            Medium::Unknown => "unknown",
            Medium::Internal => "internal",
        }
    }
}

/// What one database key (`host` + optional path) resolves to.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Lookup {
    medium: Medium,
    source: Arc<str>,
    parameters: Arc<[String]>,
}

/// A referer classification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Referer {
    /// The medium.
    pub medium: Medium,
    /// The source (e.g. `Google`), absent for unknown and internal referers.
    pub source: Option<String>,
    /// The search term (search referers only).
    pub term: Option<String>,
}

/// The `referer_parser` enrichment.
#[derive(Debug, Clone)]
pub struct RefererParser {
    /// Custom referrers from the config; searched before the database.
    custom: Entries,
    database: Entries,
    internal_domains: Vec<String>,
}

/// Database entries by host, each with its path (`""` for a plain domain) and lookup. A key
/// `google.com/products` is host `google.com`, path `/products`.
#[derive(Debug, Clone, Default)]
struct Entries {
    by_host: HashMap<String, Vec<(String, Lookup)>>,
}

impl Entries {
    /// Adds `key`; a key listed twice keeps its last entry, as the Scala parser's map does.
    fn insert(&mut self, key: &str, lookup: Lookup) {
        let (host, path) = key.find('/').map_or((key, ""), |at| key.split_at(at));
        let paths = self.by_host.entry(host.to_owned()).or_default();
        match paths.iter_mut().find(|(p, _)| p == path) {
            Some(entry) => entry.1 = lookup,
            None => paths.push((path.to_owned(), lookup)),
        }
    }

    fn is_empty(&self) -> bool {
        self.by_host.is_empty()
    }
}

/// Adds every `{medium: {source: {domains, parameters}}}` entry of `root` to `into`.
fn add_entries(root: &Value, into: &mut Entries, pointer: &str) -> Result<(), (String, String)> {
    let media = root.as_object().ok_or_else(|| (pointer.to_owned(), "expected an object of media".to_owned()))?;
    for (medium_name, sources) in media {
        let medium_pointer = format!("{pointer}/{medium_name}");
        let medium = Medium::parse(medium_name).ok_or_else(|| {
            (
                medium_pointer.clone(),
                format!(
                    "unknown medium {medium_name:?}; expected search, social, email, paid, chatbot, unknown or internal"
                ),
            )
        })?;
        let sources =
            sources.as_object().ok_or_else(|| (medium_pointer.clone(), "expected an object of sources".to_owned()))?;
        for (source, entry) in sources {
            let entry_pointer = format!("{medium_pointer}/{source}");
            let domains = entry
                .get("domains")
                .and_then(Value::as_array)
                .ok_or_else(|| (format!("{entry_pointer}/domains"), "expected an array of domains".to_owned()))?;
            let parameters: Vec<String> = match entry.get("parameters") {
                None | Some(Value::Null) => Vec::new(),
                Some(Value::Array(items)) => items
                    .iter()
                    .map(|p| p.as_str().map(str::to_owned))
                    .collect::<Option<_>>()
                    .ok_or_else(|| (format!("{entry_pointer}/parameters"), "expected strings".to_owned()))?,
                Some(_) => {
                    return Err((format!("{entry_pointer}/parameters"), "expected an array of strings".to_owned()));
                }
            };
            let lookup = Lookup { medium, source: Arc::from(source.as_str()), parameters: Arc::from(parameters) };
            for domain in domains {
                let domain = domain
                    .as_str()
                    .ok_or_else(|| (format!("{entry_pointer}/domains"), "expected strings".to_owned()))?;
                into.insert(domain, lookup.clone());
            }
        }
    }
    Ok(())
}

/// Parses a referer-parser database: JSON when it starts with `{`, YAML otherwise.
fn parse_database(bytes: &[u8]) -> Result<Entries, RefererParserError> {
    let text = std::str::from_utf8(bytes).map_err(|e| RefererParserError::Database(format!("not UTF-8: {e}")))?;
    let root: Value = if text.trim_start().starts_with('{') {
        serde_json::from_str(text).map_err(|e| RefererParserError::Database(format!("invalid JSON: {e}")))?
    } else {
        serde_yaml::from_str(text).map_err(|e| RefererParserError::Database(format!("invalid YAML: {e}")))?
    };
    let mut entries = Entries::default();
    add_entries(&root, &mut entries, "")
        .map_err(|(pointer, message)| RefererParserError::Database(format!("at {pointer:?}: {message}")))?;
    Ok(entries)
}

impl RefererParser {
    /// Builds the enrichment from the config's `parameters` (`internalDomains`, optional
    /// `referrers`; `uri`/`database` are the framework's business) and the bytes of the
    /// database file (YAML or JSON).
    pub fn from_parts(parameters: &Value, database: &[u8]) -> Result<RefererParser, RefererParserError> {
        let internal_domains = match parameters.get("internalDomains") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    item.as_str().map(|d| d.trim().to_owned()).ok_or_else(|| RefererParserError::Parameter {
                        pointer: format!("/internalDomains/{i}"),
                        message: "expected a string".into(),
                    })
                })
                .collect::<Result<_, _>>()?,
            Some(_) => {
                return Err(RefererParserError::Parameter {
                    pointer: "/internalDomains".into(),
                    message: "expected an array of domain names".into(),
                });
            }
        };
        let mut custom = Entries::default();
        if let Some(referrers) = parameters.get("referrers").filter(|r| !r.is_null()) {
            add_entries(referrers, &mut custom, "/referrers")
                .map_err(|(pointer, message)| RefererParserError::Parameter { pointer, message })?;
        }
        Ok(RefererParser { custom, database: parse_database(database)?, internal_domains })
    }

    /// Classifies a referer given its parsed parts (`path` as sent, still percent-encoded;
    /// `query` raw) and the page's host. `None` when the referer is not classifiable
    /// (scheme other than http, https or android-app, or no host).
    pub fn classify(
        &self,
        scheme: Option<&str>,
        host: Option<&str>,
        raw_path: Option<&str>,
        raw_query: Option<&str>,
        page_host: Option<&str>,
    ) -> Option<Referer> {
        let host = host?;
        if !matches!(scheme?, "http" | "https" | "android-app") {
            return None;
        }
        if page_host == Some(host) || self.internal_domains.iter().any(|d| d == host) {
            return Some(Referer { medium: Medium::Internal, source: None, term: None });
        }
        // Java's `URI.getPath` is decoded; keys in the database are plain text.
        let path = raw_path.map(percent_decode).unwrap_or_default();
        let path = path.as_ref();
        let Some(lookup) = self.lookup(&self.custom, host, path).or_else(|| self.lookup(&self.database, host, path))
        else {
            return Some(Referer { medium: Medium::Unknown, source: None, term: None });
        };
        match lookup.medium {
            Medium::Unknown | Medium::Internal => Some(Referer { medium: lookup.medium, source: None, term: None }),
            Medium::Search => Some(Referer {
                medium: Medium::Search,
                source: Some(lookup.source.to_string()),
                term: raw_query.and_then(|q| search_term(q, &lookup.parameters)),
            }),
            medium => Some(Referer { medium, source: Some(lookup.source.to_string()), term: None }),
        }
    }

    /// The first hit over paths (full, first segment, none) × host suffixes (longest first).
    fn lookup<'a>(&self, entries: &'a Entries, host: &str, path: &str) -> Option<&'a Lookup> {
        if entries.is_empty() {
            return None;
        }
        // One hash lookup per host suffix (`www.google.co.uk`, `google.co.uk`, `co.uk`, `uk`).
        let mut suffixes: Vec<&'a [(String, Lookup)]> = Vec::with_capacity(6);
        let mut rest = host;
        loop {
            if let Some(paths) = entries.by_host.get(rest) {
                suffixes.push(paths);
            }
            match rest.find('.') {
                Some(dot) => rest = &rest[dot + 1..],
                None => break,
            }
        }
        if suffixes.is_empty() {
            return None;
        }
        let find = |wanted: &str| {
            suffixes.iter().find_map(|paths| paths.iter().find(|(p, _)| p == wanted).map(|(_, lookup)| lookup))
        };
        match path.split('/').find(|s| !s.is_empty()) {
            Some(segment) => find(path).or_else(|| find(&format!("/{segment}"))).or_else(|| find("")),
            None => find(""),
        }
    }
}

/// The value of the first query parameter (in query order) named in `parameters`, decoded as
/// `URLDecoder` does. A parameter whose text `URLDecoder` would reject is skipped.
fn search_term(raw_query: &str, parameters: &[String]) -> Option<String> {
    raw_query.split('&').find_map(|pair| {
        let (name, value) = match pair.find('=') {
            Some(at) if at > 0 => (&pair[..at], &pair[at + 1..]),
            _ => (pair, ""),
        };
        let name = url_decode(name).ok()?;
        if !parameters.iter().any(|p| *p == name) {
            return None;
        }
        url_decode(value).ok().map(|v| v.into_owned())
    })
}

/// Decodes `%XX` escapes (UTF-8, lossy) and leaves anything malformed as it is.
fn percent_decode(text: &str) -> Cow<'_, str> {
    if !text.contains('%') {
        return Cow::Borrowed(text);
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1).copied().and_then(hex), bytes.get(i + 2).copied().and_then(hex)) {
            (b'%', Some(high), Some(low)) => {
                out.push((high * 16 + low) as u8);
                i += 3;
            }
            (byte, _, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    Cow::Owned(String::from_utf8_lossy(&out).into_owned())
}

impl EnrichmentStep for RefererParser {
    fn apply(&self, _input: &EventInput<'_>, event: &mut EnrichedEvent, _output: &mut StepOutput) {
        let Some(referer) = self.classify(
            event.get(Field::RefrUrlscheme),
            event.get(Field::RefrUrlhost),
            event.get(Field::RefrUrlpath),
            event.get(Field::RefrUrlquery),
            event.get(Field::PageUrlhost),
        ) else {
            return;
        };
        event.set(Field::RefrMedium, referer.medium.as_str());
        if let Some(source) = &referer.source {
            event.set(Field::RefrSource, source);
        }
        if let Some(term) = &referer.term {
            event.set(Field::RefrTerm, term);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// A small database of our own, in the JSON layout.
    const DATABASE: &str = r#"{
        "search": {
            "Finder": {"domains": ["finder.example", "finder.example.org/find"], "parameters": ["q", "query"]}
        },
        "social": {"Chatter": {"domains": ["chatter.example"]}},
        "unknown": {"Finder": {"domains": ["maps.finder.example"]}}
    }"#;

    fn parser(parameters: Value) -> RefererParser {
        RefererParser::from_parts(&parameters, DATABASE.as_bytes()).unwrap()
    }

    fn classify(parser: &RefererParser, url: &str, page_host: &str) -> Option<Referer> {
        let parts = crate::enrich::url::parse_java(url).unwrap();
        let part = |range: &Option<std::ops::Range<usize>>| range.clone().map(|r| &url[r]);
        parser.classify(
            part(&parts.scheme),
            part(&parts.host),
            part(&parts.path),
            part(&parts.query),
            Some(page_host).filter(|h| !h.is_empty()),
        )
    }

    #[test]
    fn search_referers_get_a_source_and_the_first_matching_term() {
        let p = parser(json!({"internalDomains": []}));
        let r = classify(&p, "http://www.finder.example/s?x=1&query=tarot+cards&q=second", "shop.example").unwrap();
        assert_eq!(
            r,
            Referer { medium: Medium::Search, source: Some("Finder".into()), term: Some("tarot cards".into()) }
        );
        let r = classify(&p, "https://finder.example.org/find/more?q=a%20b", "shop.example").unwrap();
        assert_eq!(r.term.as_deref(), Some("a b"));
        assert_eq!(classify(&p, "https://finder.example.org/other?q=x", "x").unwrap().medium, Medium::Unknown);
    }

    #[test]
    fn internal_unknown_and_unclassifiable_referers() {
        let p = parser(json!({"internalDomains": [" intranet.example "]}));
        assert_eq!(classify(&p, "http://shop.example/a", "shop.example").unwrap().medium, Medium::Internal);
        assert_eq!(classify(&p, "http://intranet.example/a", "shop.example").unwrap().medium, Medium::Internal);
        let unknown = classify(&p, "http://elsewhere.example/a", "shop.example").unwrap();
        assert_eq!(unknown, Referer { medium: Medium::Unknown, source: None, term: None });
        let known_unknown = classify(&p, "http://maps.finder.example/a?q=x", "shop.example").unwrap();
        assert_eq!(known_unknown, Referer { medium: Medium::Unknown, source: None, term: None });
        assert_eq!(classify(&p, "ftp://finder.example/", "shop.example"), None);
    }

    #[test]
    fn custom_referrers_win_over_the_database() {
        let p = parser(json!({"internalDomains": [], "referrers": {"paid": {"Ads": {"domains": ["finder.example"]}}}}));
        let r = classify(&p, "http://finder.example/s?q=x", "shop.example").unwrap();
        assert_eq!(r, Referer { medium: Medium::Paid, source: Some("Ads".into()), term: None });
    }

    #[test]
    fn bad_configs_and_databases_are_rejected_with_a_pointer() {
        let bad = RefererParser::from_parts(&json!({"internalDomains": [1]}), DATABASE.as_bytes()).unwrap_err();
        assert!(matches!(bad, RefererParserError::Parameter { ref pointer, .. } if pointer == "/internalDomains/0"));
        let bad = RefererParser::from_parts(&json!({"referrers": {"shady": {}}}), DATABASE.as_bytes()).unwrap_err();
        assert!(matches!(bad, RefererParserError::Parameter { ref pointer, .. } if pointer == "/referrers/shady"));
        let bad = RefererParser::from_parts(&json!({}), b"search: [1, 2]").unwrap_err();
        assert!(matches!(bad, RefererParserError::Database(_)), "{bad}");
    }

    #[test]
    fn yaml_databases_are_read_too() {
        let yaml = "search:\n  Finder:\n    parameters:\n      - q\n    domains:\n      - finder.example\n";
        let p = RefererParser::from_parts(&json!({}), yaml.as_bytes()).unwrap();
        assert_eq!(classify(&p, "http://finder.example/?q=x", "a").unwrap().term.as_deref(), Some("x"));
    }
}
