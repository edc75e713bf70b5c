//! Schema resolution across repositories, with the Iglu client's ordering and caching.
//!
//! Order for each lookup: the bundled schemas first (so everything snowplowctl knows works
//! offline), then the configured repositories sorted by (vendor prefix matches first,
//! embedded before HTTP, lower priority first), ties kept in config order.
//!
//! Results are cached in an LRU of `cacheSize` entries. Hits *and* misses are cached; with a
//! `cacheTtl` they expire. A failed refresh of an expired hit keeps the old schema. Repository
//! failures (network errors) are retried after a backoff that grows with each failure.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use serde_json::Value;

use super::key::SchemaKey;
use super::repo::{BundledRepository, HttpRepository, HttpSettings, LocalRepository, LookupError, Repository};
use super::resolver_config::{Connection, ResolverConfig};

/// Why no repository could supply a schema; lists what each repository said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolutionError {
    /// The schema that was looked up.
    pub key: SchemaKey,
    /// (repository name, what it answered), in the order they were tried.
    pub attempts: Vec<(String, LookupError)>,
}

impl ResolutionError {
    /// True when every repository answered "not found" (as opposed to failing).
    pub fn is_not_found(&self) -> bool {
        self.attempts.iter().all(|(_, e)| *e == LookupError::NotFound)
    }
}

impl fmt::Display for ResolutionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "schema {} was not found", self.key)?;
        let tried: Vec<String> = self.attempts.iter().map(|(name, e)| format!("{name}: {e}")).collect();
        if !tried.is_empty() {
            write!(f, " (tried {})", tried.join("; "))?;
        }
        Ok(())
    }
}

impl std::error::Error for ResolutionError {}

/// Why a resolver could not be built.
#[derive(Debug, thiserror::Error)]
pub enum ResolverError {
    /// The HTTP client could not be created.
    #[error("{0}")]
    Http(String),
}

/// Name of the always-present repository of bundled schemas.
pub const BUNDLED_REPOSITORY_NAME: &str = "snowplowctl bundled schemas";

/// A repository with the settings that order it: what a resolver config says about it.
pub struct ConfiguredRepository {
    /// Display name.
    pub name: String,
    /// Lower is tried earlier within the same class.
    pub priority: i64,
    /// Vendors it is preferred for.
    pub vendor_prefixes: Vec<String>,
    /// Where the schemas come from.
    pub repo: Box<dyn Repository>,
}

impl ConfiguredRepository {
    fn matches_vendor(&self, vendor: &str) -> bool {
        self.vendor_prefixes.iter().any(|p| vendor.starts_with(p.as_str()))
    }
}

#[derive(Clone)]
struct CacheEntry {
    stored_at: Instant,
    result: Result<Arc<Value>, ResolutionError>,
    /// Consecutive failed lookups that were not plain misses; drives the retry backoff.
    failures: u32,
}

/// A small LRU: recency is a counter per entry; eviction scans, which is fine for the
/// hundreds of entries a resolver config asks for.
struct Lru {
    capacity: usize,
    tick: u64,
    entries: HashMap<SchemaKey, (u64, CacheEntry)>,
}

impl Lru {
    fn get(&mut self, key: &SchemaKey) -> Option<CacheEntry> {
        self.tick += 1;
        let tick = self.tick;
        self.entries.get_mut(key).map(|(used, entry)| {
            *used = tick;
            entry.clone()
        })
    }

    fn put(&mut self, key: SchemaKey, entry: CacheEntry) {
        self.tick += 1;
        if !self.entries.contains_key(&key)
            && self.entries.len() >= self.capacity
            && let Some(oldest) = self.entries.iter().min_by_key(|(_, (used, _))| *used).map(|(k, _)| k.clone())
        {
            self.entries.remove(&oldest);
        }
        self.entries.insert(key, (self.tick, entry));
    }
}

/// Resolves schema keys to schemas. Cheap to share across threads (`Arc<Resolver>`).
pub struct Resolver {
    repos: Vec<ConfiguredRepository>,
    cache: Option<Mutex<Lru>>,
    ttl: Option<Duration>,
    key_locks: Mutex<HashMap<SchemaKey, Arc<Mutex<()>>>>,
}

impl fmt::Debug for Resolver {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Resolver")
            .field("repositories", &self.repos.iter().map(|r| &r.name).collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // A panic while holding one of these locks cannot leave the cache inconsistent.
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Resolver {
    /// A resolver that knows only the bundled schemas.
    pub fn bundled() -> Self {
        Self::from_repositories(&ResolverConfig::bundled_only(), Vec::new())
    }

    /// Builds a resolver from a decoded config. The disk cache and timeouts of HTTP
    /// repositories come from `http`; its `cache_ttl` defaults to the config's `cacheTtl`.
    pub fn new(config: &ResolverConfig, mut http: HttpSettings) -> Result<Self, ResolverError> {
        if http.cache_ttl.is_none() {
            http.cache_ttl = config.cache_ttl.map(Duration::from_secs);
        }
        let http = Arc::new(http);
        let needs_client = config.repositories.iter().any(|r| matches!(r.connection, Connection::Http { .. }));
        let client =
            if needs_client { Some(HttpRepository::client(&http).map_err(ResolverError::Http)?) } else { None };
        let repos = config
            .repositories
            .iter()
            .map(|r| {
                let repo: Box<dyn Repository> = match &r.connection {
                    Connection::Embedded { resolved, .. } => Box::new(LocalRepository::new(resolved)),
                    Connection::Http { uri, apikey } => Box::new(HttpRepository::new(
                        uri,
                        apikey.clone(),
                        client.clone().expect("client built when an HTTP repository exists"),
                        Arc::clone(&http),
                    )),
                };
                ConfiguredRepository {
                    name: r.name.clone(),
                    priority: r.priority,
                    vendor_prefixes: r.vendor_prefixes.clone(),
                    repo,
                }
            })
            .collect();
        Ok(Self::from_repositories(config, repos))
    }

    /// Builds a resolver from ready-made repositories, using the cache settings of `config`.
    /// The bundled repository is always added first.
    pub fn from_repositories(config: &ResolverConfig, repos: Vec<ConfiguredRepository>) -> Self {
        let mut entries = vec![ConfiguredRepository {
            name: BUNDLED_REPOSITORY_NAME.into(),
            priority: i64::MIN,
            vendor_prefixes: Vec::new(),
            repo: Box::new(BundledRepository),
        }];
        entries.extend(repos);
        let caching = config.cache_size > 0 && config.cache_ttl != Some(0);
        Resolver {
            repos: entries,
            cache: caching
                .then(|| Mutex::new(Lru { capacity: config.cache_size as usize, tick: 0, entries: HashMap::new() })),
            ttl: config.cache_ttl.map(Duration::from_secs),
            key_locks: Mutex::new(HashMap::new()),
        }
    }

    /// Repository names in the order they would be tried for `key`.
    pub fn lookup_order(&self, key: &SchemaKey) -> Vec<&str> {
        self.ordered(key).into_iter().map(|r| r.name.as_str()).collect()
    }

    fn ordered(&self, key: &SchemaKey) -> Vec<&ConfiguredRepository> {
        let (bundled, configured) = self.repos.split_first().expect("bundled repository is always present");
        let mut order: Vec<&ConfiguredRepository> = configured.iter().collect();
        // Stable sort: config order breaks ties, as in the Scala client.
        order.sort_by_key(|r| (!r.matches_vendor(&key.vendor), r.repo.class(), r.priority));
        order.insert(0, bundled);
        order
    }

    fn fetch(&self, key: &SchemaKey) -> Result<Arc<Value>, ResolutionError> {
        let mut attempts = Vec::new();
        for entry in self.ordered(key) {
            match entry.repo.lookup(key) {
                Ok(schema) => return Ok(Arc::new(schema)),
                Err(e) => attempts.push((entry.name.clone(), e)),
            }
        }
        Err(ResolutionError { key: key.clone(), attempts })
    }

    /// Whether a cached entry can be served without asking the repositories again.
    fn usable(&self, entry: &CacheEntry) -> bool {
        let age = entry.stored_at.elapsed();
        match &entry.result {
            Ok(_) => self.ttl.is_none_or(|ttl| age < ttl),
            Err(e) if e.is_not_found() => self.ttl.is_none_or(|ttl| age < ttl),
            // Repository failures are retried after 500 ms + 4^n ms, capped at a minute.
            Err(_) => {
                let backoff =
                    Duration::from_millis(500 + 4u64.saturating_pow(entry.failures)).min(Duration::from_secs(60));
                age < backoff
            }
        }
    }

    /// Looks up the schema for `key`.
    pub fn lookup(&self, key: &SchemaKey) -> Result<Arc<Value>, ResolutionError> {
        let Some(cache) = &self.cache else { return self.fetch(key) };
        // One lookup per key at a time, so parallel workers do not all fetch the same schema.
        let key_lock = Arc::clone(lock(&self.key_locks).entry(key.clone()).or_default());
        let _guard = lock(&key_lock);

        let previous = lock(cache).get(key);
        if let Some(entry) = &previous
            && self.usable(entry)
        {
            return entry.result.clone();
        }
        let fetched = self.fetch(key);
        let entry = match (fetched, previous) {
            (Ok(schema), _) => CacheEntry { stored_at: Instant::now(), result: Ok(schema), failures: 0 },
            // A failed refresh never replaces a cached success; its timestamp is bumped instead.
            (Err(_), Some(CacheEntry { result: Ok(schema), .. })) => {
                CacheEntry { stored_at: Instant::now(), result: Ok(schema), failures: 0 }
            }
            (Err(e), previous) => {
                let failures = if e.is_not_found() { 0 } else { previous.map_or(0, |p| p.failures) + 1 };
                CacheEntry { stored_at: Instant::now(), result: Err(e), failures }
            }
        };
        lock(cache).put(key.clone(), entry.clone());
        entry.result
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::iglu::repo::RepoClass;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[derive(Debug)]
    struct Counting {
        class: RepoClass,
        has: Option<&'static str>,
        calls: Arc<AtomicUsize>,
    }

    impl Repository for Counting {
        fn lookup(&self, key: &SchemaKey) -> Result<Value, LookupError> {
            self.calls.fetch_add(1, Ordering::SeqCst);
            match self.has {
                Some(name) if name == key.name => Ok(serde_json::json!({"found": name})),
                _ => Err(LookupError::NotFound),
            }
        }
        fn class(&self) -> RepoClass {
            self.class
        }
    }

    fn repo(
        name: &str,
        priority: i64,
        prefixes: &[&str],
        class: RepoClass,
        calls: &Arc<AtomicUsize>,
    ) -> ConfiguredRepository {
        let repo = Counting { class, has: Some("present"), calls: Arc::clone(calls) };
        ConfiguredRepository {
            name: name.into(),
            priority,
            vendor_prefixes: prefixes.iter().map(|p| (*p).to_owned()).collect(),
            repo: Box::new(repo),
        }
    }

    fn key(vendor: &str, name: &str) -> SchemaKey {
        SchemaKey::parse(&format!("iglu:{vendor}/{name}/jsonschema/1-0-0")).unwrap()
    }

    #[test]
    fn orders_by_vendor_then_class_then_priority_then_config_order() {
        let calls = Arc::new(AtomicUsize::new(0));
        let config = ResolverConfig::bundled_only();
        let resolver = Resolver::from_repositories(
            &config,
            vec![
                repo("http-0", 0, &[], RepoClass::Http, &calls),
                repo("embedded-5", 5, &[], RepoClass::Embedded, &calls),
                repo("http-acme", 9, &["com.acme"], RepoClass::Http, &calls),
                repo("embedded-1", 1, &[], RepoClass::Embedded, &calls),
                repo("embedded-1b", 1, &[], RepoClass::Embedded, &calls),
            ],
        );
        assert_eq!(
            resolver.lookup_order(&key("com.acmex", "x")),
            [BUNDLED_REPOSITORY_NAME, "http-acme", "embedded-1", "embedded-1b", "embedded-5", "http-0"]
        );
        assert_eq!(
            resolver.lookup_order(&key("org.other", "x")),
            [BUNDLED_REPOSITORY_NAME, "embedded-1", "embedded-1b", "embedded-5", "http-0", "http-acme"]
        );
    }

    #[test]
    fn caches_hits_and_misses_until_the_ttl() {
        let calls = Arc::new(AtomicUsize::new(0));
        let config = ResolverConfig { cache_size: 10, cache_ttl: None, repositories: Vec::new() };
        let resolver = Resolver::from_repositories(&config, vec![repo("r", 0, &[], RepoClass::Http, &calls)]);
        assert!(resolver.lookup(&key("com.acme", "present")).is_ok());
        assert!(resolver.lookup(&key("com.acme", "present")).is_ok());
        let miss = resolver.lookup(&key("com.acme", "absent")).unwrap_err();
        assert!(miss.is_not_found());
        assert!(resolver.lookup(&key("com.acme", "absent")).is_err());
        assert_eq!(calls.load(Ordering::SeqCst), 2, "one fetch per key");

        let ttl_config = ResolverConfig { cache_size: 10, cache_ttl: Some(0), repositories: Vec::new() };
        let uncached = Resolver::from_repositories(&ttl_config, vec![repo("r", 0, &[], RepoClass::Http, &calls)]);
        uncached.lookup(&key("com.acme", "absent")).unwrap_err();
        uncached.lookup(&key("com.acme", "absent")).unwrap_err();
        assert_eq!(calls.load(Ordering::SeqCst), 4, "cacheTtl 0 disables the cache");
    }

    #[test]
    fn evicts_the_least_recently_used_entry() {
        let calls = Arc::new(AtomicUsize::new(0));
        let config = ResolverConfig { cache_size: 1, cache_ttl: None, repositories: Vec::new() };
        let resolver = Resolver::from_repositories(&config, vec![repo("r", 0, &[], RepoClass::Http, &calls)]);
        resolver.lookup(&key("com.acme", "a")).unwrap_err();
        resolver.lookup(&key("com.acme", "b")).unwrap_err();
        resolver.lookup(&key("com.acme", "a")).unwrap_err();
        assert_eq!(calls.load(Ordering::SeqCst), 3);
    }

    #[test]
    fn bundled_schemas_resolve_without_configuration() {
        let resolver = Resolver::bundled();
        let key = SchemaKey::parse("iglu:com.snowplowanalytics.iglu/resolver-config/jsonschema/1-0-3").unwrap();
        assert!(resolver.lookup(&key).is_ok());
    }
}
