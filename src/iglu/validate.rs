//! Validation of data against Iglu schemas with the `jsonschema` crate, forced to Draft 4.
//!
//! Compiled validators are cached per schema key and shared across threads. Formats follow
//! what Snowplow's JVM validator checks (`uuid` is registered by hand: the crate's Draft 4
//! mode does not know it). Like Enrich, every `http(s)` `$ref` resolves to `{}`, while
//! `iglu:` refs go through the resolver.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{Retrieve, Uri, ValidationError};
use serde_json::Value;

use super::key::{SchemaKey, SchemaVer};
use super::quick::QuickSchema;
use super::records::StringRecords;
use super::resolver::{ResolutionError, Resolver};
use super::sdj::json_type;

/// One way in which data does not match its schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// JSON pointer into the validated instance (`""` is the instance itself).
    pub pointer: String,
    /// The JSON Schema keyword that failed, e.g. `required`.
    pub keyword: String,
    /// A readable explanation.
    pub message: String,
}

/// Why data could not be validated at all.
#[derive(Debug, Clone, thiserror::Error)]
pub enum ValidateError {
    /// The schema could not be found.
    #[error(transparent)]
    Resolution(#[from] ResolutionError),
    /// The schema was found but is not a usable JSON Schema.
    #[error("schema {key} cannot be compiled: {message}")]
    InvalidSchema {
        /// The schema.
        key: SchemaKey,
        /// Why it does not compile.
        message: String,
    },
}

/// The `uuid` format as Snowplow's validator checks it: hyphenated hexadecimal, 8-4-4-4-12.
pub fn is_uuid(value: &str) -> bool {
    // Checked for two ids of every event: a table lookup per byte, no branch per position.
    const HEX: [bool; 256] = {
        let mut table = [false; 256];
        let mut byte = 0;
        while byte < 256 {
            table[byte] = (byte as u8).is_ascii_hexdigit();
            byte += 1;
        }
        table
    };
    let bytes = value.as_bytes();
    bytes.len() == 36
        && bytes[8] == b'-'
        && bytes[13] == b'-'
        && bytes[18] == b'-'
        && bytes[23] == b'-'
        && [&bytes[..8], &bytes[9..13], &bytes[14..18], &bytes[19..23], &bytes[24..]]
            .iter()
            .all(|group| group.iter().fold(true, |hex, &byte| hex & HEX[usize::from(byte)]))
}

/// Resolves `$ref`s met while compiling a schema.
struct IgluRetriever {
    resolver: Arc<Resolver>,
}

impl Retrieve for IgluRetriever {
    fn retrieve(&self, uri: &Uri<String>) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        let text = uri.as_str();
        if text.starts_with("iglu:") {
            let key = SchemaKey::parse(text.trim_end_matches('#'))?;
            return Ok(self.resolver.lookup(&key)?.as_ref().clone());
        }
        if text.starts_with("http://") || text.starts_with("https://") {
            // Enrich never follows external refs; neither do we.
            return Ok(Value::Object(serde_json::Map::new()));
        }
        Err(format!("cannot resolve `$ref` to {text}").into())
    }
}

/// Compiles a JSON Schema the way snowplowctl validates Iglu data: Draft 4, formats asserted,
/// `uuid` known, refs through `resolver`.
pub fn compile(schema: &Value, resolver: Arc<Resolver>) -> Result<jsonschema::Validator, String> {
    jsonschema::draft4::options()
        .should_validate_formats(true)
        .with_format("uuid", is_uuid)
        .with_retriever(IgluRetriever { resolver })
        .build(schema)
        .map_err(|e| e.to_string())
}

type Compiled = Result<Arc<jsonschema::Validator>, ValidateError>;

/// FxHash (rustc's hasher): schema keys are short trusted strings, and SipHash over three of
/// them showed up in per-event profiles.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in chunks.by_ref() {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        for &byte in chunks.remainder() {
            self.add(u64::from(byte));
        }
    }
    fn write_u8(&mut self, value: u8) {
        self.add(u64::from(value));
    }
    fn write_u32(&mut self, value: u32) {
        self.add(u64::from(value));
    }
    fn write_u64(&mut self, value: u64) {
        self.add(value);
    }
    fn write_usize(&mut self, value: usize) {
        self.add(value as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

type LocalCache = HashMap<SchemaKey, Compiled, BuildHasherDefault<FxHasher>>;

thread_local! {
    /// Each thread's copy of the validators it used, tagged with the owning [`Validators`]'
    /// id: per-event lookups then take no lock and touch no shared reference count.
    static LOCAL: RefCell<(u64, LocalCache)> = RefCell::new((0, LocalCache::default()));
    /// The same for [`QuickSchema`]s.
    static QUICK: RefCell<(u64, QuickCache)> = RefCell::new((0, QuickCache::default()));
}

type QuickCache = HashMap<Box<str>, QuickEntry, BuildHasherDefault<FxHasher>>;

/// How many schema URIs a thread keeps quick entries for: URIs come from event data.
const QUICK_CACHE_LIMIT: usize = 1024;

/// What the quick validation path needs of a schema URI met in event data.
#[derive(Debug, Clone)]
pub struct QuickEntry {
    /// The parsed key.
    pub key: Arc<SchemaKey>,
    /// The key as Enrich writes it back: `iglu:vendor/name/format/version`.
    pub uri: Arc<str>,
    /// The compiled check, when the schema resolves and is in the quick subset.
    pub shape: Option<Arc<QuickSchema>>,
}

/// Ids for [`Validators`] instances (0 is never used, so a fresh thread cache matches none).
static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// Validates data against schemas looked up through a [`Resolver`]; compiled validators are
/// cached per key.
pub struct Validators {
    id: u64,
    resolver: Arc<Resolver>,
    compiled: RwLock<HashMap<SchemaKey, Compiled>>,
    string_records: RwLock<HashMap<SchemaKey, Option<Arc<StringRecords>>>>,
    quick: RwLock<HashMap<SchemaKey, Option<Arc<QuickSchema>>>>,
}

impl std::fmt::Debug for Validators {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Validators").field("resolver", &self.resolver).finish_non_exhaustive()
    }
}

impl Validators {
    /// Validators backed by `resolver`.
    pub fn new(resolver: Arc<Resolver>) -> Self {
        Validators {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            resolver,
            compiled: RwLock::new(HashMap::new()),
            string_records: RwLock::new(HashMap::new()),
            quick: RwLock::new(HashMap::new()),
        }
    }

    /// The resolver schemas come from.
    pub fn resolver(&self) -> &Arc<Resolver> {
        &self.resolver
    }

    /// The compiled validator for `key` (following `$supersededBy`), compiling it once.
    pub fn validator(&self, key: &SchemaKey) -> Compiled {
        if let Some(found) = self.compiled.read().unwrap_or_else(std::sync::PoisonError::into_inner).get(key) {
            return found.clone();
        }
        let compiled = self.build(key);
        self.compiled
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .entry(key.clone())
            .or_insert(compiled)
            .clone()
    }

    /// The fast [`StringRecords`] check for `key`, when its schema has that shape; `None` when it
    /// does not or cannot be resolved (then [`Validators::validate`] decides and explains).
    pub fn string_records(&self, key: &SchemaKey) -> Option<Arc<StringRecords>> {
        self.shared_shape(&self.string_records, key, StringRecords::of)
    }

    /// The key and fast [`QuickSchema`] check for the schema URI `uri` (`None` when it is not a
    /// valid key). The check is `None` when the schema is not in the quick subset or cannot be
    /// resolved; then [`Validators::validate`] decides and explains. Each thread keeps its own
    /// entries by URI, so a per-entity lookup is one hash probe and takes no lock.
    pub fn quick_by_uri(&self, uri: &str) -> Option<QuickEntry> {
        QUICK.with_borrow_mut(|(owner, cache)| {
            if *owner != self.id {
                cache.clear();
                *owner = self.id;
            }
            if let Some(found) = cache.get(uri) {
                return Some(found.clone());
            }
            let key = super::sdj::cached_key(uri).ok()?;
            let shape = self.shared_shape(&self.quick, &key, QuickSchema::of);
            let entry = QuickEntry { shape, uri: key.to_uri().into(), key };
            if cache.len() >= QUICK_CACHE_LIMIT {
                cache.clear();
            }
            cache.insert(uri.into(), entry.clone());
            Some(entry)
        })
    }

    /// `key`'s entry in one of the shared caches of fast checks, built from its schema once
    /// (`None`: the schema does not resolve or has no such fast form).
    fn shared_shape<T>(
        &self,
        cache: &RwLock<HashMap<SchemaKey, Option<Arc<T>>>>,
        key: &SchemaKey,
        build: impl FnOnce(&Value) -> Option<T>,
    ) -> Option<Arc<T>> {
        if let Some(found) = cache.read().unwrap_or_else(std::sync::PoisonError::into_inner).get(key) {
            return found.clone();
        }
        let shape = self.schema(key).ok().and_then(|schema| build(&schema)).map(Arc::new);
        cache.write().unwrap_or_else(std::sync::PoisonError::into_inner).entry(key.clone()).or_insert(shape).clone()
    }

    /// The schema data for `key` is validated against.
    fn schema(&self, key: &SchemaKey) -> Result<Arc<Value>, ResolutionError> {
        let schema = self.resolver.lookup(key)?;
        // Iglu Server marks replaced schemas; Enrich then validates against the replacement.
        if let Some(newer) = schema.get("$supersededBy").and_then(Value::as_str)
            && let Ok(version) = newer.parse::<SchemaVer>()
        {
            let replacement = SchemaKey { version, ..key.clone() };
            return self.resolver.lookup(&replacement);
        }
        Ok(schema)
    }

    fn build(&self, key: &SchemaKey) -> Compiled {
        let schema = self.schema(key)?;
        compile(&schema, Arc::clone(&self.resolver))
            .map(Arc::new)
            .map_err(|message| ValidateError::InvalidSchema { key: key.clone(), message })
    }

    /// Validates `instance` against the schema `key`; an empty list means valid.
    pub fn validate(&self, key: &SchemaKey, instance: &Value) -> Result<Vec<Violation>, ValidateError> {
        LOCAL.with_borrow_mut(|(owner, cache)| {
            if *owner != self.id {
                cache.clear();
                *owner = self.id;
            }
            if let Some(compiled) = cache.get(key) {
                return check(compiled, instance);
            }
            let compiled = self.validator(key);
            let result = check(&compiled, instance);
            cache.insert(key.clone(), compiled);
            result
        })
    }
}

fn check(compiled: &Compiled, instance: &Value) -> Result<Vec<Violation>, ValidateError> {
    let validator = compiled.as_ref().map_err(Clone::clone)?;
    // Most data is valid, and checking validity is much cheaper than collecting errors.
    if validator.is_valid(instance) {
        return Ok(Vec::new());
    }
    Ok(violations(validator, instance))
}

/// Every violation of `instance` against a compiled validator, in document order.
pub fn violations(validator: &jsonschema::Validator, instance: &Value) -> Vec<Violation> {
    let mut out = Vec::new();
    for error in validator.iter_errors(instance) {
        describe(&error, &mut out);
    }
    out.sort_by(|a, b| a.pointer.cmp(&b.pointer));
    out.dedup();
    out
}

/// Keys whose values are secrets and must never appear in messages.
pub fn is_secret_key(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    ["apikey", "api_key", "password", "secret", "token", "accesskey", "access_key", "private"]
        .iter()
        .any(|s| lower.contains(s))
}

fn show(value: &Value, pointer: &str) -> String {
    let last = pointer.rsplit('/').next().unwrap_or("");
    if is_secret_key(last) {
        return "<redacted>".into();
    }
    let text = value.to_string();
    if text.chars().count() > 80 { format!("{}…", text.chars().take(79).collect::<String>()) } else { text }
}

fn type_names(kind: &TypeKind) -> String {
    match kind {
        TypeKind::Single(t) => t.to_string(),
        TypeKind::Multiple(set) => set.iter().map(|t| t.to_string()).collect::<Vec<_>>().join(" or "),
    }
}

fn escape_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

fn describe(error: &ValidationError<'_>, out: &mut Vec<Violation>) {
    let pointer = error.instance_path().to_string();
    let instance = error.instance();
    let keyword = error.kind().keyword().to_owned();
    let push = |out: &mut Vec<Violation>, pointer: String, message: String| {
        out.push(Violation { pointer, keyword: keyword.clone(), message });
    };
    match error.kind() {
        ValidationErrorKind::Type { kind } => {
            push(out, pointer, format!("expected {}, found {}", type_names(kind), json_type(instance)));
        }
        ValidationErrorKind::Required { property } => {
            let name = property.as_str().map_or_else(|| property.to_string(), str::to_owned);
            push(out, pointer, format!("missing required property `{name}`"));
        }
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            for name in unexpected {
                push(
                    out,
                    format!("{pointer}/{}", escape_token(name)),
                    format!("property `{name}` is not allowed here (the schema sets `additionalProperties: false`)"),
                );
            }
        }
        ValidationErrorKind::Enum { options } => {
            push(out, pointer.clone(), format!("expected one of {}, found {}", options, show(instance, &pointer)));
        }
        ValidationErrorKind::Format { format } => {
            push(out, pointer.clone(), format!("{} is not a valid `{format}`", show(instance, &pointer)));
        }
        ValidationErrorKind::Pattern { pattern } => {
            push(out, pointer.clone(), format!("{} does not match the pattern `{pattern}`", show(instance, &pointer)));
        }
        ValidationErrorKind::OneOfNotValid { context } | ValidationErrorKind::AnyOf { context } => {
            let word = if matches!(error.kind(), ValidationErrorKind::AnyOf { .. }) { "anyOf" } else { "oneOf" };
            // Explain through the alternative that came closest (fewest errors).
            let closest = context.iter().enumerate().min_by_key(|(_, errors)| errors.len());
            let mut detail = Vec::new();
            if let Some((_, errors)) = closest {
                for e in errors {
                    describe(e, &mut detail);
                }
            }
            let summary = detail
                .iter()
                .map(|v| if v.pointer == pointer { v.message.clone() } else { format!("{}: {}", v.pointer, v.message) })
                .collect::<Vec<_>>()
                .join("; ");
            let message = match closest {
                Some((i, _)) if !summary.is_empty() => format!(
                    "matches none of the {} alternatives in `{word}`; the closest (#{}) fails because {summary}",
                    context.len(),
                    i + 1
                ),
                _ => format!("matches none of the alternatives in `{word}`"),
            };
            push(out, pointer, message);
        }
        ValidationErrorKind::OneOfMultipleValid { .. } => {
            push(out, pointer, "matches more than one alternative in `oneOf`; exactly one must match".into());
        }
        _ => {
            let mut text = error.masked().to_string();
            let last = pointer.rsplit('/').next().unwrap_or("");
            if !is_secret_key(last) {
                text = error.to_string();
            }
            if text.chars().count() > 200 {
                text = format!("{}…", text.chars().take(199).collect::<String>());
            }
            push(out, pointer, text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn validators() -> Validators {
        Validators::new(Arc::new(Resolver::bundled()))
    }

    #[test]
    fn uuid_format() {
        assert!(is_uuid("c6ef3124-b53a-4b13-a233-0088f79dcbcb"));
        assert!(!is_uuid("c6ef3124b53a4b13a2330088f79dcbcb"));
        assert!(!is_uuid("c6ef3124-b53a-4b13-a233-0088f79dcbcz"));
    }

    #[test]
    fn reports_pointer_and_keyword() {
        let schema = json!({
            "type": "object",
            "properties": {"id": {"type": "string", "format": "uuid"}, "n": {"type": "integer"}},
            "required": ["id", "m"],
            "additionalProperties": false
        });
        let v = compile(&schema, Arc::new(Resolver::bundled())).unwrap();
        let found = violations(&v, &json!({"id": "nope", "n": 1.5, "x": 1}));
        let summary: Vec<(&str, &str)> = found.iter().map(|v| (v.pointer.as_str(), v.keyword.as_str())).collect();
        assert_eq!(summary, [("", "required"), ("/id", "format"), ("/n", "type"), ("/x", "additionalProperties")]);
        assert_eq!(found[2].message, "expected integer, found a number");
    }

    #[test]
    fn external_http_refs_accept_anything_like_enrich() {
        let schema = json!({"properties": {"a": {"$ref": "http://iglucentral.com/schemas/x#"}}});
        let v = compile(&schema, Arc::new(Resolver::bundled())).unwrap();
        assert!(violations(&v, &json!({"a": 1})).is_empty());
    }

    #[test]
    fn secrets_are_masked() {
        let schema = json!({"properties": {"password": {"enum": ["a"]}}});
        let v = compile(&schema, Arc::new(Resolver::bundled())).unwrap();
        let found = violations(&v, &json!({"password": "hunter2"}));
        assert!(!found[0].message.contains("hunter2"), "{}", found[0].message);
    }

    #[test]
    fn validators_are_cached() {
        let validators = validators();
        let key = SchemaKey::parse("iglu:com.snowplowanalytics.iglu/resolver-config/jsonschema/1-0-3").unwrap();
        let a = validators.validator(&key).unwrap();
        let b = validators.validator(&key).unwrap();
        assert!(Arc::ptr_eq(&a, &b));
    }
}
