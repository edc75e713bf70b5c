//! Iglu repositories: where schemas come from.
//!
//! * [`BundledRepository`]: the schemas in `iglu-cache/`, compiled into the binary.
//! * [`LocalRepository`]: a directory laid out as `schemas/vendor/name/format/version`
//!   (a resolver `embedded` connection whose `path` is a directory on disk).
//! * [`HttpRepository`]: a static registry or Iglu Server (`GET {uri}/schemas/…`), with an
//!   on-disk cache so that a second run works offline.

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use serde_json::Value;

use super::key::SchemaKey;

/// Why a repository could not supply a schema. Mirrors the Iglu client's error classes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LookupError {
    /// The repository answered that it does not have the schema.
    #[error("not found")]
    NotFound,
    /// The repository failed (network error, timeout, 5xx, unreadable body); worth retrying.
    #[error("repository failure: {0}")]
    RepoFailure(String),
    /// The request was refused (4xx other than 404, bad URI); retrying will not help.
    #[error("client failure: {0}")]
    ClientFailure(String),
}

/// Lookup order class, as in the Iglu Scala client: embedded before HTTP.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum RepoClass {
    /// Schemas on the local machine (bundled or a directory).
    Embedded = 2,
    /// Schemas fetched over HTTP.
    Http = 100,
}

/// A source of schemas.
pub trait Repository: Send + Sync + fmt::Debug {
    /// Fetches the schema for `key`.
    fn lookup(&self, key: &SchemaKey) -> Result<Value, LookupError>;
    /// Which lookup class this repository belongs to.
    fn class(&self) -> RepoClass;
}

include!(concat!(env!("OUT_DIR"), "/bundled_schemas.rs"));

/// The schemas written for snowplowctl in `iglu-cache/schemas`, compiled into the binary.
#[derive(Debug, Default, Clone, Copy)]
pub struct BundledRepository;

impl BundledRepository {
    /// The raw text of a bundled schema, by repository path (`vendor/name/format/version`).
    pub fn get(path: &str) -> Option<&'static str> {
        BUNDLED_SCHEMAS.binary_search_by(|(p, _)| p.cmp(&path)).ok().map(|i| BUNDLED_SCHEMAS[i].1)
    }

    /// Every bundled schema as (repository path, text), sorted by path.
    pub fn all() -> &'static [(&'static str, &'static str)] {
        BUNDLED_SCHEMAS
    }
}

impl Repository for BundledRepository {
    fn lookup(&self, key: &SchemaKey) -> Result<Value, LookupError> {
        let text = Self::get(&key.to_path()).ok_or(LookupError::NotFound)?;
        serde_json::from_str(text)
            .map_err(|e| LookupError::RepoFailure(format!("bundled schema {} is not valid JSON: {e}", key.to_path())))
    }

    fn class(&self) -> RepoClass {
        RepoClass::Embedded
    }
}

/// A repository in a local directory: `{root}/schemas/vendor/name/format/version`.
#[derive(Debug, Clone)]
pub struct LocalRepository {
    root: PathBuf,
}

impl LocalRepository {
    /// A repository rooted at `root` (the directory that contains `schemas/`).
    pub fn new(root: impl Into<PathBuf>) -> Self {
        LocalRepository { root: root.into() }
    }

    /// The directory this repository reads from.
    pub fn root(&self) -> &Path {
        &self.root
    }
}

impl Repository for LocalRepository {
    fn lookup(&self, key: &SchemaKey) -> Result<Value, LookupError> {
        let path = self.root.join("schemas").join(key.to_path());
        let text = match fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(LookupError::NotFound),
            Err(e) => return Err(LookupError::RepoFailure(format!("cannot read {}: {e}", path.display()))),
        };
        serde_json::from_str(&text)
            .map_err(|e| LookupError::RepoFailure(format!("{} is not valid JSON: {e}", path.display())))
    }

    fn class(&self) -> RepoClass {
        RepoClass::Embedded
    }
}

/// Settings shared by every HTTP repository of a resolver.
#[derive(Debug, Clone)]
pub struct HttpSettings {
    /// Total time allowed for one request.
    pub timeout: Duration,
    /// Attempts per lookup for transient failures (connection errors, 5xx, 429).
    pub attempts: u32,
    /// Base delay of the exponential backoff between attempts.
    pub backoff: Duration,
    /// Where fetched schemas are kept; `None` disables the disk cache.
    pub cache_dir: Option<PathBuf>,
    /// Age after which a disk-cached schema is fetched again (it is still used if the fetch fails).
    pub cache_ttl: Option<Duration>,
    /// Never touch the network: serve only from the disk cache.
    pub offline: bool,
}

impl Default for HttpSettings {
    fn default() -> Self {
        HttpSettings {
            timeout: Duration::from_secs(10),
            attempts: 3,
            backoff: Duration::from_millis(200),
            cache_dir: None,
            cache_ttl: None,
            offline: false,
        }
    }
}

/// A static Iglu registry or Iglu Server reached over HTTP.
pub struct HttpRepository {
    uri: String,
    apikey: Option<String>,
    client: reqwest::blocking::Client,
    settings: Arc<HttpSettings>,
}

impl fmt::Debug for HttpRepository {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The apikey is a secret: never print it.
        f.debug_struct("HttpRepository")
            .field("uri", &self.uri)
            .field("apikey", &self.apikey.as_ref().map(|_| "<redacted>"))
            .finish_non_exhaustive()
    }
}

impl HttpRepository {
    /// A repository at `uri` (the registry root; Iglu Server roots end in `/api`).
    pub fn new(
        uri: &str,
        apikey: Option<String>,
        client: reqwest::blocking::Client,
        settings: Arc<HttpSettings>,
    ) -> Self {
        HttpRepository { uri: uri.trim_end_matches('/').to_owned(), apikey, client, settings }
    }

    /// The registry root this repository fetches from.
    pub fn uri(&self) -> &str {
        &self.uri
    }

    /// Builds the blocking HTTP client every HTTP repository of a resolver shares.
    pub fn client(settings: &HttpSettings) -> Result<reqwest::blocking::Client, String> {
        reqwest::blocking::Client::builder()
            .timeout(settings.timeout)
            .connect_timeout(settings.timeout.min(Duration::from_secs(5)))
            .user_agent(concat!("snowplowctl/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| format!("cannot build the HTTP client: {e}"))
    }

    fn cache_path(&self, key: &SchemaKey) -> Option<PathBuf> {
        let dir = self.settings.cache_dir.as_ref()?;
        // One readable directory per registry root, e.g. `http_127.0.0.1_8080`.
        let repo_dir: String =
            self.uri.chars().map(|c| if c.is_ascii_alphanumeric() || c == '.' || c == '-' { c } else { '_' }).collect();
        Some(dir.join("iglu").join(repo_dir).join("schemas").join(key.to_path()))
    }

    /// A cached copy and whether it is still fresh under the cache TTL.
    fn read_cache(&self, key: &SchemaKey) -> Option<(Value, bool)> {
        let path = self.cache_path(key)?;
        let text = fs::read_to_string(&path).ok()?;
        let value = serde_json::from_str(&text).ok()?;
        let fresh = match (self.settings.cache_ttl, fs::metadata(&path).and_then(|m| m.modified())) {
            (None, _) => true,
            (Some(ttl), Ok(modified)) => SystemTime::now().duration_since(modified).is_ok_and(|age| age <= ttl),
            (Some(_), Err(_)) => false,
        };
        Some((value, fresh))
    }

    fn write_cache(&self, key: &SchemaKey, body: &str) {
        let Some(path) = self.cache_path(key) else { return };
        // The cache is an optimisation: failing to write it must not fail the lookup.
        let Some(parent) = path.parent() else { return };
        if fs::create_dir_all(parent).is_err() {
            return;
        }
        let tmp = path.with_extension(format!("tmp{}", std::process::id()));
        if fs::write(&tmp, body).is_ok() && fs::rename(&tmp, &path).is_err() {
            let _ = fs::remove_file(&tmp);
        }
    }

    fn fetch_once(&self, url: &str) -> Result<String, LookupError> {
        let mut request = self.client.get(url);
        if let Some(apikey) = &self.apikey {
            request = request.header("apikey", apikey);
        }
        let response = request.send().map_err(|e| LookupError::RepoFailure(describe_reqwest_error(&e)))?;
        let status = response.status();
        if status.is_success() {
            return response.text().map_err(|e| {
                LookupError::RepoFailure(format!("cannot read the response body: {}", describe_reqwest_error(&e)))
            });
        }
        match status.as_u16() {
            404 => Err(LookupError::NotFound),
            429 => Err(LookupError::RepoFailure(format!("HTTP {status}"))),
            400..=499 => Err(LookupError::ClientFailure(format!("HTTP {status}"))),
            _ => Err(LookupError::RepoFailure(format!("HTTP {status}"))),
        }
    }

    fn fetch(&self, key: &SchemaKey) -> Result<Value, LookupError> {
        let url = format!("{}/schemas/{}", self.uri, key.to_path());
        let mut attempt = 0;
        loop {
            attempt += 1;
            match self.fetch_once(&url) {
                Ok(body) => {
                    let value: Value = serde_json::from_str(&body)
                        .map_err(|e| LookupError::RepoFailure(format!("{url} did not return JSON: {e}")))?;
                    self.write_cache(key, &body);
                    return Ok(value);
                }
                Err(LookupError::RepoFailure(_)) if attempt < self.settings.attempts => {
                    std::thread::sleep(backoff_delay(self.settings.backoff, attempt));
                }
                Err(e) => return Err(e),
            }
        }
    }
}

/// Exponential backoff with a little jitter so parallel workers do not retry in lock-step.
pub(crate) fn backoff_delay(base: Duration, attempt: u32) -> Duration {
    let exp = base.saturating_mul(1 << (attempt - 1).min(10));
    let nanos = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
    exp + Duration::from_nanos(u64::from(nanos) % (base.as_nanos() as u64 / 2 + 1))
}

/// A one-line description of a reqwest error, with its cause (reqwest's Display alone omits it).
fn describe_reqwest_error(error: &reqwest::Error) -> String {
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

impl Repository for HttpRepository {
    fn lookup(&self, key: &SchemaKey) -> Result<Value, LookupError> {
        let cached = self.read_cache(key);
        match cached {
            Some((value, true)) => return Ok(value),
            Some((value, false)) if self.settings.offline => return Ok(value),
            None if self.settings.offline => {
                return Err(LookupError::RepoFailure("offline and not in the disk cache".into()));
            }
            _ => {}
        }
        match (self.fetch(key), cached) {
            // A failed refresh never replaces a cached success (Iglu tolerates outages the same way).
            (Err(LookupError::RepoFailure(_)), Some((stale, _))) => Ok(stale),
            (result, _) => result,
        }
    }

    fn class(&self) -> RepoClass {
        RepoClass::Http
    }
}
