//! The resolver configuration file
//! (`iglu:com.snowplowanalytics.iglu/resolver-config/jsonschema/1-0-0` … `1-0-3`).
//!
//! [`ResolverConfig::decode`] reads the fields the way the Iglu Scala client does, which is
//! stricter than the JSON Schema in places (for example `cacheSize` must be an integer even
//! though 1-0-2 declares it a `number`). Every problem is reported with its JSON pointer.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::key::SchemaCriterion;
use super::sdj::{SelfDescribing, json_type};

/// The criterion every resolver config must match.
pub const RESOLVER_CONFIG_CRITERION: &str = "iglu:com.snowplowanalytics.iglu/resolver-config/jsonschema/1-0-*";

/// How to reach one repository.
#[derive(Clone, PartialEq, Eq)]
pub enum Connection {
    /// `{"embedded": {"path": …}}`: for snowplowctl, a directory on disk holding `schemas/`.
    Embedded {
        /// The path as written in the file.
        path: String,
        /// The path resolved against the resolver file's directory.
        resolved: PathBuf,
    },
    /// `{"http": {"uri": …, "apikey": …}}`.
    Http {
        /// Registry root.
        uri: String,
        /// Optional API key, sent as the `apikey` header.
        apikey: Option<String>,
    },
}

impl std::fmt::Debug for Connection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Connection::Embedded { path, resolved } => {
                f.debug_struct("Embedded").field("path", path).field("resolved", resolved).finish()
            }
            // Never print the apikey.
            Connection::Http { uri, apikey } => f
                .debug_struct("Http")
                .field("uri", uri)
                .field("apikey", &apikey.as_ref().map(|_| "<redacted>"))
                .finish(),
        }
    }
}

/// One configured repository.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepositoryConfig {
    /// Display name; unique within a config.
    pub name: String,
    /// Lower is tried earlier within the same class.
    pub priority: i64,
    /// Vendors this repository is preferred for (plain string prefixes).
    pub vendor_prefixes: Vec<String>,
    /// Where the schemas are.
    pub connection: Connection,
}

/// A decoded resolver configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolverConfig {
    /// Entries in each in-memory LRU cache; 0 disables caching.
    pub cache_size: u64,
    /// Seconds a cached lookup stays valid; `None` keeps it until evicted.
    pub cache_ttl: Option<u64>,
    /// Repositories in file order.
    pub repositories: Vec<RepositoryConfig>,
}

/// One problem found while decoding a resolver config.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeIssue {
    /// JSON pointer into the resolver file.
    pub pointer: String,
    /// What is wrong.
    pub message: String,
}

impl ResolverConfig {
    /// A config with no repositories: only the bundled schemas are available.
    pub fn bundled_only() -> Self {
        ResolverConfig { cache_size: 500, cache_ttl: None, repositories: Vec::new() }
    }

    /// Decodes a whole resolver file (the envelope included). Relative `embedded` paths are
    /// resolved against `base_dir`, the directory of the resolver file.
    pub fn decode(document: &Value, base_dir: &Path) -> Result<Self, Vec<DecodeIssue>> {
        let mut issues = Vec::new();
        let issue = |issues: &mut Vec<DecodeIssue>, pointer: String, message: String| {
            issues.push(DecodeIssue { pointer, message });
        };
        let envelope = match SelfDescribing::parse(document) {
            Ok(envelope) => envelope,
            Err(e) => return Err(vec![DecodeIssue { pointer: e.pointer().into(), message: e.to_string() }]),
        };
        let criterion = SchemaCriterion::parse(RESOLVER_CONFIG_CRITERION).expect("valid criterion");
        if !criterion.matches(&envelope.schema) {
            issue(
                &mut issues,
                "/schema".into(),
                format!("expected a resolver config ({RESOLVER_CONFIG_CRITERION}), found {}", envelope.schema),
            );
            return Err(issues);
        }
        let Value::Object(data) = envelope.data else {
            issue(&mut issues, "/data".into(), format!("expected an object, found {}", json_type(envelope.data)));
            return Err(issues);
        };

        let cache_size = match data.get("cacheSize") {
            None => {
                issue(&mut issues, "/data".into(), "`cacheSize` is required".into());
                0
            }
            Some(v) => integer(v, "/data/cacheSize", &mut issues).map_or(0, |n| n.max(0) as u64),
        };
        let cache_ttl = match data.get("cacheTtl") {
            None | Some(Value::Null) => None,
            Some(v) => integer(v, "/data/cacheTtl", &mut issues).map(|n| n.max(0) as u64),
        };

        let mut repositories = Vec::new();
        match data.get("repositories") {
            Some(Value::Array(items)) => {
                let mut names = HashSet::new();
                for (i, item) in items.iter().enumerate() {
                    let at = format!("/data/repositories/{i}");
                    if let Some(repo) = decode_repository(item, &at, base_dir, &mut issues) {
                        if !names.insert(repo.name.clone()) {
                            issue(
                                &mut issues,
                                format!("{at}/name"),
                                format!("repository name `{}` is used more than once; names must be unique", repo.name),
                            );
                        }
                        repositories.push(repo);
                    }
                }
            }
            Some(other) => issue(
                &mut issues,
                "/data/repositories".into(),
                format!("expected an array, found {}", json_type(other)),
            ),
            None => issue(&mut issues, "/data".into(), "`repositories` is required".into()),
        }

        if issues.is_empty() { Ok(ResolverConfig { cache_size, cache_ttl, repositories }) } else { Err(issues) }
    }
}

/// Reads a whole number; the Scala client decodes these fields as `Int`, so `500.5` fails.
fn integer(value: &Value, pointer: &str, issues: &mut Vec<DecodeIssue>) -> Option<i64> {
    let as_int = value
        .as_i64()
        .or_else(|| value.as_f64().filter(|f| f.fract() == 0.0 && f.abs() < 2f64.powi(31)).map(|f| f as i64));
    if as_int.is_none() {
        issues.push(DecodeIssue {
            pointer: pointer.into(),
            message: format!("expected a whole number, found {}", describe(value)),
        });
    }
    as_int
}

fn describe(value: &Value) -> String {
    match value {
        Value::Number(n) => format!("`{n}`"),
        other => json_type(other).to_owned(),
    }
}

fn decode_repository(
    item: &Value,
    at: &str,
    base_dir: &Path,
    issues: &mut Vec<DecodeIssue>,
) -> Option<RepositoryConfig> {
    let Value::Object(repo) = item else {
        issues.push(DecodeIssue {
            pointer: at.into(),
            message: format!("expected an object, found {}", json_type(item)),
        });
        return None;
    };
    let mut missing = |key: &str| {
        issues.push(DecodeIssue { pointer: at.into(), message: format!("`{key}` is required") });
    };
    let name = repo.get("name").and_then(Value::as_str).map(str::to_owned);
    if name.is_none() {
        missing("name");
    }
    let priority = match repo.get("priority") {
        Some(v) => integer(v, &format!("{at}/priority"), issues),
        None => {
            issues.push(DecodeIssue { pointer: at.into(), message: "`priority` is required".into() });
            None
        }
    };
    let vendor_prefixes: Vec<String> = match repo.get("vendorPrefixes") {
        Some(Value::Array(p)) => p.iter().filter_map(Value::as_str).map(str::to_owned).collect(),
        _ => {
            issues.push(DecodeIssue {
                pointer: at.into(),
                message: "`vendorPrefixes` must be an array of strings".into(),
            });
            Vec::new()
        }
    };
    let connection = decode_connection(repo.get("connection"), &format!("{at}/connection"), base_dir, issues);
    Some(RepositoryConfig { name: name?, priority: priority?, vendor_prefixes, connection: connection? })
}

fn decode_connection(
    value: Option<&Value>,
    at: &str,
    base_dir: &Path,
    issues: &mut Vec<DecodeIssue>,
) -> Option<Connection> {
    let fail = |issues: &mut Vec<DecodeIssue>, pointer: &str, message: &str| {
        issues.push(DecodeIssue { pointer: pointer.into(), message: message.into() });
        None
    };
    let Some(Value::Object(conn)) = value else {
        return fail(issues, at, "`connection` must be an object with either `embedded` or `http`");
    };
    match (conn.get("embedded"), conn.get("http")) {
        (Some(embedded), None) => {
            let Some(path) = embedded.get("path").and_then(Value::as_str) else {
                return fail(issues, &format!("{at}/embedded"), "`embedded` needs a string `path`");
            };
            Some(Connection::Embedded { path: path.to_owned(), resolved: base_dir.join(path) })
        }
        (None, Some(http)) => {
            let Some(uri) = http.get("uri").and_then(Value::as_str) else {
                return fail(issues, &format!("{at}/http"), "`http` needs a string `uri`");
            };
            let apikey = http.get("apikey").and_then(Value::as_str).map(str::to_owned);
            Some(Connection::Http { uri: uri.to_owned(), apikey })
        }
        (Some(_), Some(_)) => fail(issues, at, "`connection` must have exactly one of `embedded` and `http`, not both"),
        (None, None) => fail(issues, at, "`connection` must have exactly one of `embedded` or `http`"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn resolver(data: Value) -> Value {
        json!({"schema": "iglu:com.snowplowanalytics.iglu/resolver-config/jsonschema/1-0-3", "data": data})
    }

    #[test]
    fn decodes_a_resolver() {
        let doc = resolver(json!({
            "cacheSize": 500, "cacheTtl": 600,
            "repositories": [
                {"name": "local", "priority": 0, "vendorPrefixes": ["com.acme"], "connection": {"embedded": {"path": "repo"}}},
                {"name": "central", "priority": 1, "vendorPrefixes": [], "connection": {"http": {"uri": "http://x", "apikey": "k"}}}
            ]
        }));
        let config = ResolverConfig::decode(&doc, Path::new("/etc/snowplow")).unwrap();
        assert_eq!(config.cache_ttl, Some(600));
        assert_eq!(
            config.repositories[0].connection,
            Connection::Embedded { path: "repo".into(), resolved: PathBuf::from("/etc/snowplow/repo") }
        );
        assert!(!format!("{:?}", config.repositories[1]).contains("\"k\""), "apikey must not be printed");
    }

    #[test]
    fn reports_what_the_scala_client_rejects() {
        let doc = resolver(json!({
            "cacheSize": 500.5,
            "repositories": [
                {"name": "a", "priority": 1.5, "vendorPrefixes": [], "connection": {"http": {"uri": "http://x"}}},
                {"name": "a", "priority": 0, "vendorPrefixes": [], "connection": {}}
            ]
        }));
        let issues = ResolverConfig::decode(&doc, Path::new(".")).unwrap_err();
        let pointers: Vec<&str> = issues.iter().map(|i| i.pointer.as_str()).collect();
        assert_eq!(pointers, ["/data/cacheSize", "/data/repositories/0/priority", "/data/repositories/1/connection"]);
    }

    #[test]
    fn rejects_other_schemas() {
        let doc = json!({"schema": "iglu:com.acme/x/jsonschema/1-0-0", "data": {}});
        let issues = ResolverConfig::decode(&doc, Path::new(".")).unwrap_err();
        assert_eq!(issues[0].pointer, "/schema");
    }
}
