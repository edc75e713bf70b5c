//! The configurable enrichments: reading their configs, checking them before any event is
//! enriched, fetching the data files they name, and building the steps the pipeline runs.
//!
//! Configs come from a directory of self-describing JSON files (each one enrichment config, or
//! an `enrichments/jsonschema/1-0-0` list of them) or from a DynamoDB table laid out as Stream
//! Enrich reads it (see [`crate::store`]). Every config is validated through Iglu; an invalid or
//! unknown config, or a data file that cannot be read, stops the run before any output. Steps
//! are built in the order modern Enrich runs them ([`ORDER`]).

pub mod anon_ip;
pub mod cache;
pub mod campaign_attribution;
pub mod cookie_extractor;
pub mod cross_navigation;
pub mod event_fingerprint;
pub mod hash;
pub mod http_header_extractor;
pub mod iab;
pub mod ip_lookups;
pub mod javascript;
pub mod jsonpath;
pub mod pii;
pub mod referer_parser;
pub mod ua_parser;

use std::fmt;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::Value;

pub use super::badrow::EnrichmentId;
use super::badrow::Problem;
use super::catalog::{self, EnrichRuntime};
use super::pipeline::EnrichmentStep;
use crate::aws::{AwsError, RetryPolicy};
use crate::iglu::{SchemaKey, SelfDescribing, Validators};
use crate::store::ConfigTable;

/// The list envelope several configs can be bundled in.
pub const LIST_SCHEMA: &str = "enrichments";

// ---------------------------------------------------------------------------------------------
// Errors

/// Why an enrichment config cannot be used: where (the file or table item, and a JSON pointer
/// into it), what is wrong, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct EnrichmentConfigError {
    /// The file or DynamoDB item the config came from; empty until the registry fills it in.
    pub origin: String,
    /// JSON pointer to the offending value. Enrichment constructors give it relative to the
    /// config's `parameters` object; the registry makes it relative to the whole document.
    pub pointer: String,
    /// What is wrong.
    pub message: String,
    /// How to fix it, when there is something to say.
    pub hint: Option<String>,
}

impl EnrichmentConfigError {
    /// An error at `pointer` (relative to the config's `parameters` when raised by an
    /// enrichment constructor).
    pub fn new(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        EnrichmentConfigError { origin: String::new(), pointer: pointer.into(), message: message.into(), hint: None }
    }

    /// Adds a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Places the error under `prefix` (a JSON pointer) in the document `origin`.
    pub fn located(mut self, origin: &str, prefix: &str) -> Self {
        if self.origin.is_empty() {
            self.origin = origin.to_owned();
        }
        self.pointer = format!("{prefix}{}", self.pointer);
        self
    }
}

impl fmt::Display for EnrichmentConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.origin.is_empty(), self.pointer.is_empty()) {
            (false, false) => write!(f, "{} at {}: {}", self.origin, self.pointer, self.message),
            (false, true) => write!(f, "{}: {}", self.origin, self.message),
            (true, false) => write!(f, "at {}: {}", self.pointer, self.message),
            (true, true) => f.write_str(&self.message),
        }
    }
}

/// Escapes a JSON pointer token.
pub fn pointer_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

// ---------------------------------------------------------------------------------------------
// Data files

/// How long fetching one data file over HTTP(S) may take.
const FETCH_TIMEOUT: Duration = Duration::from_secs(300);

/// Resolves the data files enrichments name with `uri` + `database` to local files: a
/// `file://` URI or a plain directory is read in place; an `http(s)://` file is fetched once
/// into the cache directory and read from there afterwards.
#[derive(Debug, Clone)]
pub struct EnrichmentFiles {
    cache_dir: PathBuf,
}

impl EnrichmentFiles {
    /// Files fetched over HTTP(S) are kept under `cache_dir`.
    pub fn new(cache_dir: impl Into<PathBuf>) -> Self {
        EnrichmentFiles { cache_dir: cache_dir.into() }
    }

    /// The cache directory.
    pub fn cache_dir(&self) -> &Path {
        &self.cache_dir
    }

    /// The local path of the file `spec` names (`{"uri": …, "database": …}`), fetching it into
    /// the cache first when it is remote. `pointer` locates `spec` inside the enrichment's
    /// `parameters` (`""` when `uri` and `database` are direct members of `parameters`, `/geo`
    /// for ip_lookups' geo database) and is used in errors.
    pub fn path(&self, spec: &Value, pointer: &str) -> Result<PathBuf, EnrichmentConfigError> {
        let text = |key: &str| match spec.get(key) {
            Some(Value::String(s)) if !s.trim().is_empty() => Ok(s.trim().to_owned()),
            _ => Err(EnrichmentConfigError::new(
                format!("{pointer}/{key}"),
                format!("`{key}` must be a non-empty string naming the data file"),
            )
            .with_hint("give `uri` (an http(s):// or file:// URI, or a directory) and `database` (the file name)")),
        };
        let uri = text("uri")?;
        let database = text("database")?;
        if database.contains(['/', '\\']) || database == ".." {
            return Err(EnrichmentConfigError::new(
                format!("{pointer}/database"),
                format!("`database` must be a file name, not a path: `{database}`"),
            )
            .with_hint("put the directory in `uri` and only the file name in `database`"));
        }
        let uri_error = |message: String| {
            EnrichmentConfigError::new(format!("{pointer}/uri"), message)
                .with_hint("use an http(s):// URI, a file:// URI or a local directory; download other files yourself")
        };
        let local = if let Some(rest) = uri.strip_prefix("file://") {
            Some(PathBuf::from(rest))
        } else if let Some(rest) = uri.strip_prefix("file:") {
            Some(PathBuf::from(rest))
        } else if uri.starts_with("http://") || uri.starts_with("https://") {
            None
        } else if let Some((scheme, _)) = uri.split_once("://") {
            return Err(uri_error(format!("`{uri}`: {scheme}:// URIs cannot be fetched by snowplowctl")));
        } else {
            Some(PathBuf::from(&uri))
        };
        let path = match local {
            Some(dir) => dir.join(&database),
            None => {
                let url = format!("{}/{database}", uri.trim_end_matches('/'));
                let cached = self.cache_dir.join(cache_name(&uri)).join(&database);
                if !cached.is_file() {
                    fetch(&url, &cached).map_err(|message| {
                        EnrichmentConfigError::new(format!("{pointer}/uri"), format!("cannot fetch {url}: {message}"))
                            .with_hint(format!(
                                "check the URI and the network, or download the file and set `uri` to its directory \
                                 (the cache is {})",
                                self.cache_dir.display()
                            ))
                    })?;
                }
                cached
            }
        };
        if !path.is_file() {
            return Err(EnrichmentConfigError::new(
                format!("{pointer}/database"),
                format!("the data file {} does not exist or is not a file", path.display()),
            )
            .with_hint("check `uri` and `database`; a plain `uri` directory is relative to the current directory"));
        }
        Ok(path)
    }

    /// The bytes of the file `spec` names; see [`path`](Self::path).
    pub fn read(&self, spec: &Value, pointer: &str) -> Result<Vec<u8>, EnrichmentConfigError> {
        let path = self.path(spec, pointer)?;
        std::fs::read(&path).map_err(|error| {
            EnrichmentConfigError::new(
                format!("{pointer}/database"),
                format!("the data file {} cannot be read: {error}", path.display()),
            )
        })
    }
}

/// A directory name for a remote `uri` that keeps files from different places apart.
fn cache_name(uri: &str) -> String {
    let rest = uri.split_once("://").map_or(uri, |(_, rest)| rest).trim_end_matches('/');
    rest.chars().map(|c| if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') { c } else { '_' }).collect()
}

/// Downloads `url` to `target` through a temporary file, so a failed download leaves nothing.
fn fetch(url: &str, target: &Path) -> Result<(), String> {
    let dir = target.parent().ok_or("the cache path has no directory")?;
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create the cache directory {}: {e}", dir.display()))?;
    let client = reqwest::blocking::Client::builder()
        .timeout(FETCH_TIMEOUT)
        .user_agent(concat!("snowplowctl/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| e.to_string())?;
    let mut response = client.get(url).send().map_err(|e| e.to_string())?;
    if !response.status().is_success() {
        return Err(format!("the server answered {}", response.status()));
    }
    let mut bytes = Vec::new();
    response.read_to_end(&mut bytes).map_err(|e| e.to_string())?;
    let temp = dir.join(format!(
        ".{}.part-{}",
        target.file_name().and_then(|n| n.to_str()).unwrap_or("data"),
        std::process::id()
    ));
    std::fs::write(&temp, &bytes).map_err(|e| format!("cannot write {}: {e}", temp.display()))?;
    std::fs::rename(&temp, target).map_err(|e| format!("cannot write {}: {e}", target.display()))
}

// ---------------------------------------------------------------------------------------------
// Where configs come from

/// Where `--enrichments` points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigSource {
    /// A directory of config files, or one file.
    Path(PathBuf),
    /// `dynamodb:REGION/TABLE/PREFIX`: the items of TABLE whose `id` starts with PREFIX.
    DynamoDb {
        /// The AWS region.
        region: String,
        /// The table.
        table: String,
        /// The id prefix.
        prefix: String,
    },
}

impl ConfigSource {
    /// Reads the `--enrichments` argument.
    pub fn parse(text: &str) -> Result<ConfigSource, String> {
        let Some(rest) = text.strip_prefix("dynamodb:") else {
            return Ok(ConfigSource::Path(PathBuf::from(text)));
        };
        let parts: Vec<&str> = rest.splitn(3, '/').collect();
        match parts.as_slice() {
            [region, table, prefix] if !region.is_empty() && !table.is_empty() => Ok(ConfigSource::DynamoDb {
                region: (*region).to_owned(),
                table: (*table).to_owned(),
                prefix: (*prefix).to_owned(),
            }),
            _ => Err(format!(
                "`{text}` is not dynamodb:REGION/TABLE/PREFIX (for example dynamodb:eu-west-1/config/enrich_)"
            )),
        }
    }
}

/// One config document as read, before it is checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawConfig {
    /// The file, or `dynamodb item ID`, for messages.
    pub origin: String,
    /// The JSON text.
    pub text: String,
}

/// Reads every `*.json` file of `path` (sorted by name), or `path` itself when it is a file.
pub fn read_path(path: &Path) -> Result<Vec<RawConfig>, EnrichmentConfigError> {
    let origin = path.display().to_string();
    let unreadable = |error: std::io::Error| {
        EnrichmentConfigError::new("", format!("cannot be read: {error}")).located(&origin, "").with_hint(
            "--enrichments takes a directory of enrichment configs, a config file, or dynamodb:REGION/TABLE/PREFIX",
        )
    };
    let metadata = std::fs::metadata(path).map_err(unreadable)?;
    let files = if metadata.is_dir() {
        let mut files: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(unreadable)?
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|p| p.is_file() && p.extension().is_some_and(|e| e.eq_ignore_ascii_case("json")))
            .collect();
        files.sort();
        files
    } else {
        vec![path.to_owned()]
    };
    files
        .into_iter()
        .map(|file| {
            let origin = file.display().to_string();
            std::fs::read_to_string(&file).map(|text| RawConfig { origin: origin.clone(), text }).map_err(|error| {
                EnrichmentConfigError::new("", format!("cannot be read: {error}")).located(&origin, "")
            })
        })
        .collect()
}

/// Reads the configs of a DynamoDB table as Stream Enrich does: every item whose `id` starts
/// with `prefix`, its `json` String attribute holding one self-describing config.
pub fn read_table(
    api: &dyn ConfigTable,
    table: &str,
    prefix: &str,
    retry: &RetryPolicy,
) -> Result<Vec<RawConfig>, TableReadError> {
    let scan = crate::store::scan_all(api, table, prefix, retry)?;
    let mut configs = Vec::new();
    for item in scan.into_items() {
        let origin = format!("dynamodb:{table} item `{}`", item.id);
        match item.json_text() {
            Some(text) => configs.push(RawConfig { origin, text: text.to_owned() }),
            None => {
                return Err(TableReadError::Item(
                    EnrichmentConfigError::new("", format!("has no String `json` attribute ({})", crate::store::scan::describe_item(&item)))
                        .located(&origin, "")
                        .with_hint("store enrichment configs with `snowplowctl store`, or use a prefix that only enrichments share"),
                ));
            }
        }
    }
    configs.sort_by(|a, b| a.origin.cmp(&b.origin));
    Ok(configs)
}

/// Why a table's configs could not be read.
#[derive(Debug, thiserror::Error)]
pub enum TableReadError {
    /// DynamoDB failed.
    #[error(transparent)]
    Aws(#[from] AwsError),
    /// An item is not a config.
    #[error(transparent)]
    Item(EnrichmentConfigError),
}

// ---------------------------------------------------------------------------------------------
// The registry

/// Modern Enrich's order of the configurable enrichments (`EnrichmentManager`), by config name.
pub const ORDER: &[&str] = &[
    "iab_spiders_and_robots_enrichment",
    "user_agent_utils_config",
    "ua_parser_config",
    "currency_conversion_config",
    "referer_parser",
    "campaign_attribution",
    "cross_navigation_config",
    "event_fingerprint_config",
    "cookie_extractor_config",
    "http_header_extractor_config",
    "weather_enrichment_config",
    "yauaa_enrichment_config",
    "ip_lookups",
    "asn_lookups",
    "bot_detection_enrichment_config",
    "javascript_script_config",
    "sql_query_enrichment_config",
    "api_request_enrichment_config",
    "anon_ip",
    "pii_enrichment_config",
    "event_spec_enrichment_config",
];

/// Enrichments that cannot run locally, with the reason.
pub const UNSUPPORTED: &[(&str, &str)] = &[
    ("currency_conversion_config", "it calls the Open Exchange Rates API, which needs the network and a paid key"),
    ("api_request_enrichment_config", "it calls an HTTP API for every event"),
    ("sql_query_enrichment_config", "it queries a database over JDBC for every event"),
    ("weather_enrichment_config", "it calls the OpenWeatherMap API, which needs the network and a key"),
    ("user_agent_utils_config", "it is a Java library (UserAgentUtils) with no equivalent outside the JVM"),
    ("yauaa_enrichment_config", "it is a Java library (YAUAA) with no equivalent outside the JVM"),
    ("asn_lookups", "it extends ip_lookups' ASN context, which this build does not produce"),
    ("bot_detection_enrichment_config", "it combines YAUAA, IAB and ASN signals this build cannot all produce"),
    ("event_spec_enrichment_config", "it needs Snowplow's event-specification data product files"),
];

impl EnrichmentId {
    /// An `enrichment_failures` problem raised by this enrichment.
    pub fn problem(&self, field: Option<&str>, value: Option<&str>, message: impl Into<String>) -> Problem {
        let message = message.into();
        Problem::Step {
            enrichment: Box::new(self.clone()),
            field: field.map(str::to_owned),
            value: value.map(str::to_owned),
            legacy: message.clone(),
            message,
        }
    }
}

/// One config found in the sources.
#[derive(Debug, Clone)]
pub struct EnrichmentConfig {
    /// Where it came from.
    pub origin: String,
    /// JSON pointer to the config envelope in its document (`""`, or `/data/2` in a list).
    pub pointer: String,
    /// The config's schema.
    pub schema: SchemaKey,
    /// The config's `data`.
    pub data: Value,
}

impl EnrichmentConfig {
    /// The enrichment's name (the config schema's name).
    pub fn name(&self) -> &str {
        &self.schema.name
    }

    /// Whether `enabled` is true.
    pub fn enabled(&self) -> bool {
        self.data.get("enabled").and_then(Value::as_bool).unwrap_or(false)
    }

    /// The `parameters` object (`null` when absent).
    pub fn parameters(&self) -> &Value {
        self.data.get("parameters").unwrap_or(&Value::Null)
    }

    /// The identity bad rows name.
    pub fn id(&self) -> EnrichmentId {
        EnrichmentId { schema_key: self.schema.to_uri(), identifier: self.schema.name.clone() }
    }

    fn error(&self, pointer: &str, message: impl Into<String>) -> EnrichmentConfigError {
        EnrichmentConfigError::new(pointer, message).located(&self.origin, &self.pointer)
    }
}

/// An enrichment configured and enabled but left out of the run (`--skip-unsupported`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedEnrichment {
    /// Its name.
    pub name: String,
    /// Where its config came from.
    pub origin: String,
    /// Why it cannot run.
    pub reason: String,
}

/// What the run does with the configured enrichments.
pub struct Enrichments {
    /// The steps, in Enrich's order.
    pub steps: Vec<Box<dyn EnrichmentStep>>,
    /// Names of the enrichments that run, in order.
    pub enabled: Vec<String>,
    /// Names of the configs with `enabled: false`.
    pub disabled: Vec<String>,
    /// Enabled enrichments left out because they cannot run locally.
    pub skipped: Vec<SkippedEnrichment>,
}

impl fmt::Debug for Enrichments {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Enrichments")
            .field("enabled", &self.enabled)
            .field("disabled", &self.disabled)
            .field("skipped", &self.skipped)
            .finish()
    }
}

/// How the registry treats what it cannot run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RegistryOptions {
    /// Which Enrich to follow: decides the accepted config versions and some behaviour.
    pub runtime: EnrichRuntime,
    /// Leave enrichments that cannot run locally out instead of refusing to start.
    pub skip_unsupported: bool,
    /// The input is a collector log (CloudFront, Tomcat), whose user agent is never null: Spark
    /// Enrich then added a ua_parser context even for an empty user agent.
    pub log_input: bool,
}

/// Splits the documents into configs (list envelopes expanded), checking each envelope and
/// validating each config through Iglu.
pub fn parse_configs(
    documents: &[RawConfig],
    validators: &Validators,
) -> Result<Vec<EnrichmentConfig>, Vec<EnrichmentConfigError>> {
    let mut configs = Vec::new();
    let mut errors = Vec::new();
    for document in documents {
        let located =
            |pointer: &str, message: String| EnrichmentConfigError::new(pointer, message).located(&document.origin, "");
        let value: Value = match serde_json::from_str(&document.text) {
            Ok(value) => value,
            Err(error) => {
                errors.push(
                    located("", format!("is not valid JSON: {error}"))
                        .with_hint("fix the JSON syntax (`snowplowctl lint` shows where)"),
                );
                continue;
            }
        };
        let envelope = match SelfDescribing::parse(&value) {
            Ok(envelope) => envelope,
            Err(error) => {
                errors.push(located(error.pointer(), error.to_string()).with_hint(
                    "an enrichment config is {\"schema\": \"iglu:<vendor>/<name>/jsonschema/<version>\", \"data\": {…}}",
                ));
                continue;
            }
        };
        if envelope.schema.name == LIST_SCHEMA && envelope.schema.vendor == "com.snowplowanalytics.snowplow" {
            if let Some(problem) = validate(validators, &envelope.schema, envelope.data) {
                errors.push(located(&problem.0, problem.1));
                continue;
            }
            for (index, item) in envelope.data.as_array().into_iter().flatten().enumerate() {
                let pointer = format!("/data/{index}");
                match config_of(item, &document.origin, &pointer, validators) {
                    Ok(config) => configs.push(config),
                    Err(error) => errors.push(error),
                }
            }
        } else {
            match config_of(&value, &document.origin, "", validators) {
                Ok(config) => configs.push(config),
                Err(error) => errors.push(error),
            }
        }
    }
    if errors.is_empty() { Ok(configs) } else { Err(errors) }
}

/// The first violation of `data` against `key`, as (pointer, message).
fn validate(validators: &Validators, key: &SchemaKey, data: &Value) -> Option<(String, String)> {
    match validators.validate(key, data) {
        Ok(violations) => violations.into_iter().next().map(|v| {
            (format!("/data{}", v.pointer), format!("does not match {}: {} ({})", key.to_uri(), v.message, v.keyword))
        }),
        Err(error) => Some(("/schema".to_owned(), format!("cannot be validated: {error}"))),
    }
}

fn config_of(
    value: &Value,
    origin: &str,
    pointer: &str,
    validators: &Validators,
) -> Result<EnrichmentConfig, EnrichmentConfigError> {
    let envelope = SelfDescribing::parse(value)
        .map_err(|error| EnrichmentConfigError::new(error.pointer(), error.to_string()).located(origin, pointer))?;
    let Some(known) = catalog::find(&envelope.schema) else {
        return Err(EnrichmentConfigError::new(
            "/schema",
            format!("{} is not an enrichment config schema", envelope.schema.to_uri()),
        )
        .located(origin, pointer)
        .with_hint("remove the file from the enrichments directory, or fix the schema's vendor and name"));
    };
    if let Some((at, message)) = validate(validators, &envelope.schema, envelope.data) {
        return Err(EnrichmentConfigError::new(at, message)
            .located(origin, pointer)
            .with_hint(format!("fix the config; `snowplowctl lint` checks {} configs too", known.name)));
    }
    Ok(EnrichmentConfig {
        origin: origin.to_owned(),
        pointer: pointer.to_owned(),
        schema: std::sync::Arc::unwrap_or_clone(envelope.schema),
        data: envelope.data.clone(),
    })
}

/// A step with its place in the order and its name.
type BuiltStep = ((usize, bool), String, Box<dyn EnrichmentStep>);

/// Builds the steps for `configs`: disabled configs are skipped, unsupported ones refused (or
/// left out with `skip_unsupported`), and every error is collected before giving up.
pub fn build(
    configs: &[EnrichmentConfig],
    files: &EnrichmentFiles,
    options: RegistryOptions,
) -> Result<Enrichments, Vec<EnrichmentConfigError>> {
    let mut errors = Vec::new();
    let mut built: Vec<BuiltStep> = Vec::new();
    let mut enrichments =
        Enrichments { steps: Vec::new(), enabled: Vec::new(), disabled: Vec::new(), skipped: Vec::new() };
    let mut seen: Vec<(&str, &str)> = Vec::new();
    for config in configs {
        let name = config.name();
        if !config.enabled() {
            enrichments.disabled.push(name.to_owned());
            continue;
        }
        if let Some((_, first)) = seen.iter().find(|(n, _)| *n == name) {
            errors.push(
                config
                    .error("", format!("{name} is configured twice (first in {first})"))
                    .with_hint("keep one config per enrichment"),
            );
            continue;
        }
        seen.push((name, &config.origin));
        if let Some(enrichment) = catalog::find(&config.schema) {
            match enrichment.criterion(options.runtime) {
                Some(criterion) if criterion.matches(&config.schema) => {}
                Some(criterion) => {
                    errors.push(
                        config
                            .error(
                                "/schema",
                                format!(
                                    "{} does not accept {}: it expects {}",
                                    options.runtime,
                                    config.schema.to_uri(),
                                    criterion
                                ),
                            )
                            .with_hint("use a config version this Enrich accepts, or choose another --enrich-runtime"),
                    );
                    continue;
                }
                None => {
                    errors.push(
                        config
                            .error("/schema", format!("{name} does not exist in {}", options.runtime))
                            .with_hint("run with --enrich-runtime enrich6, or remove the config"),
                    );
                    continue;
                }
            }
        }
        if let Some((_, reason)) = UNSUPPORTED.iter().find(|(n, _)| *n == name) {
            if options.skip_unsupported {
                enrichments.skipped.push(SkippedEnrichment {
                    name: name.to_owned(),
                    origin: config.origin.clone(),
                    reason: (*reason).to_owned(),
                });
            } else {
                errors.push(
                    config
                        .error("", format!("{name} cannot run locally: {reason}"))
                        .with_hint("pass --skip-unsupported to enrich without it, or set `enabled` to false"),
                );
            }
            continue;
        }
        let position = order_position(name, options.runtime);
        match step(config, files, options) {
            Ok(step) => built.push((position, name.to_owned(), step)),
            Err(error) => errors.push(error.located(&config.origin, &format!("{}/data/parameters", config.pointer))),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    built.sort_by_key(|(position, _, _)| *position);
    for (_, name, step) in built {
        enrichments.enabled.push(name);
        enrichments.steps.push(step);
    }
    Ok(enrichments)
}

/// Where `name` runs. Spark Enrich ran the IAB enrichment after the user-agent ones (its
/// context follows ua_parser's in derived_contexts); otherwise both runtimes use [`ORDER`].
fn order_position(name: &str, runtime: EnrichRuntime) -> (usize, bool) {
    let position = |n: &str| ORDER.iter().position(|o| *o == n).unwrap_or(ORDER.len());
    if runtime == EnrichRuntime::Legacy && name == "iab_spiders_and_robots_enrichment" {
        return (position("ua_parser_config"), true);
    }
    (position(name), false)
}

/// Constructs one enrichment's step; errors point inside its `parameters`.
fn step(
    config: &EnrichmentConfig,
    files: &EnrichmentFiles,
    options: RegistryOptions,
) -> Result<Box<dyn EnrichmentStep>, EnrichmentConfigError> {
    let parameters = config.parameters();
    let id = config.id();
    Ok(match config.name() {
        "anon_ip" => Box::new(anon_ip::AnonIp::new(parameters)?),
        "campaign_attribution" => Box::new(campaign_attribution::CampaignAttribution::new(parameters, id)?),
        "event_fingerprint_config" => Box::new(event_fingerprint::EventFingerprint::new(parameters)?),
        "cookie_extractor_config" => Box::new(cookie_extractor::CookieExtractor::new(parameters)?),
        "http_header_extractor_config" => Box::new(http_header_extractor::HttpHeaderExtractor::new(parameters)?),
        "cross_navigation_config" => Box::new(cross_navigation::CrossNavigation),
        "iab_spiders_and_robots_enrichment" => Box::new(iab::Iab::new(parameters, files, options.runtime)?),
        "pii_enrichment_config" => {
            let emit = config.data.get("emitEvent").and_then(Value::as_bool).unwrap_or(false);
            Box::new(pii::Pii::new(parameters, emit && options.runtime == EnrichRuntime::Enrich6)?)
        }
        "referer_parser" => {
            let database = files.read(parameters, "")?;
            Box::new(referer_parser::RefererParser::from_parts(parameters, &database).map_err(from_error)?)
        }
        "ua_parser_config" => {
            let regexes = files.read(parameters, "")?;
            let parser = ua_parser::UaParser::from_parts(parameters, &regexes).map_err(from_error)?;
            let legacy_log = options.runtime == EnrichRuntime::Legacy && options.log_input;
            Box::new(parser.with_context_without_user_agent(legacy_log).identified_as(id))
        }
        "ip_lookups" => {
            let database = |key: &str| -> Result<Option<Vec<u8>>, EnrichmentConfigError> {
                match parameters.get(key) {
                    Some(spec) => files.read(spec, &format!("/{key}")).map(Some),
                    None => Ok(None),
                }
            };
            let databases = ip_lookups::IpDatabases {
                geo: database("geo")?,
                isp: database("isp")?,
                domain: database("domain")?,
                connection_type: database("connectionType")?,
                asn: database("asn")?,
            };
            Box::new(ip_lookups::IpLookups::from_parts(parameters, databases).map_err(from_error)?)
        }
        "javascript_script_config" => {
            Box::new(javascript::JavascriptScript::from_parts(parameters).map_err(from_error)?)
        }
        other => {
            return Err(EnrichmentConfigError::new("", format!("{other} is not an enrichment snowplowctl knows")));
        }
    })
}

/// A data-file enrichment's own error, as a config error at the pointer it names.
fn from_error(error: impl std::error::Error) -> EnrichmentConfigError {
    let text = error.to_string();
    match text.strip_prefix("parameter ").and_then(|rest| rest.split_once(": ")) {
        Some((pointer, message)) if pointer.starts_with('/') => EnrichmentConfigError::new(pointer, message),
        _ => EnrichmentConfigError::new("", text),
    }
}

/// Reads, checks and builds everything in one go (what `enrich` does at start).
pub fn load(
    documents: &[RawConfig],
    validators: &Validators,
    files: &EnrichmentFiles,
    options: RegistryOptions,
) -> Result<Enrichments, Vec<EnrichmentConfigError>> {
    let configs = parse_configs(documents, validators)?;
    build(&configs, files, options)
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::iglu::{Resolver, ResolverConfig};

    fn validators() -> Validators {
        Validators::new(Arc::new(Resolver::from_repositories(&ResolverConfig::bundled_only(), Vec::new())))
    }

    fn doc(text: &str) -> RawConfig {
        RawConfig { origin: "test.json".into(), text: text.into() }
    }

    const ANON: &str = r#"{"schema":"iglu:com.snowplowanalytics.snowplow/anon_ip/jsonschema/1-0-1","data":{"vendor":"com.snowplowanalytics.snowplow","name":"anon_ip","enabled":true,"parameters":{"anonOctets":2}}}"#;
    const PII: &str = r#"{"schema":"iglu:com.snowplowanalytics.snowplow.enrichments/pii_enrichment_config/jsonschema/2-0-0","data":{"vendor":"com.snowplowanalytics.snowplow.enrichments","name":"pii_enrichment_config","emitEvent":false,"enabled":true,"parameters":{"pii":[{"pojo":{"field":"user_id"}}],"strategy":{"pseudonymize":{"hashFunction":"SHA-256","salt":"s"}}}}}"#;
    const UA_UTILS: &str = r#"{"schema":"iglu:com.snowplowanalytics.snowplow/user_agent_utils_config/jsonschema/1-0-0","data":{"vendor":"com.snowplowanalytics.snowplow","name":"user_agent_utils_config","enabled":true,"parameters":{}}}"#;

    fn options(skip_unsupported: bool) -> RegistryOptions {
        RegistryOptions { runtime: EnrichRuntime::Enrich6, skip_unsupported, log_input: false }
    }

    fn files() -> EnrichmentFiles {
        EnrichmentFiles::new(std::env::temp_dir().join("snowplowctl-unit-cache"))
    }

    #[test]
    fn steps_follow_enrich_order_whatever_the_file_order() {
        let list = format!(
            r#"{{"schema":"iglu:com.snowplowanalytics.snowplow/enrichments/jsonschema/1-0-0","data":[{PII},{ANON}]}}"#
        );
        let enrichments = load(&[doc(&list)], &validators(), &files(), options(false)).unwrap();
        assert_eq!(enrichments.enabled, ["anon_ip", "pii_enrichment_config"]);
        assert_eq!(enrichments.steps.len(), 2);
    }

    #[test]
    fn unsupported_enrichments_are_refused_or_skipped() {
        let errors = load(&[doc(UA_UTILS), doc(ANON)], &validators(), &files(), options(false)).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert!(errors[0].message.contains("user_agent_utils_config cannot run locally"), "{}", errors[0]);
        assert!(errors[0].hint.as_deref().unwrap().contains("--skip-unsupported"));
        let enrichments = load(&[doc(UA_UTILS), doc(ANON)], &validators(), &files(), options(true)).unwrap();
        assert_eq!(enrichments.enabled, ["anon_ip"]);
        assert_eq!(enrichments.skipped[0].name, "user_agent_utils_config");
    }

    #[test]
    fn invalid_configs_name_the_pointer() {
        let bad = ANON.replace(r#""anonOctets":2"#, r#""anonOctets":9"#);
        let errors = load(&[doc(&bad)], &validators(), &files(), options(false)).unwrap_err();
        assert_eq!(errors[0].origin, "test.json");
        assert_eq!(errors[0].pointer, "/data/parameters/anonOctets");
        let in_list = format!(
            r#"{{"schema":"iglu:com.snowplowanalytics.snowplow/enrichments/jsonschema/1-0-0","data":[{ANON},{bad}]}}"#
        );
        let errors = load(&[doc(&in_list)], &validators(), &files(), options(false)).unwrap_err();
        assert_eq!(errors[0].pointer, "/data/1/data/parameters/anonOctets");
        let unknown = r#"{"schema":"iglu:com.acme/thing/jsonschema/1-0-0","data":{}}"#;
        let errors = load(&[doc(unknown), doc("{")], &validators(), &files(), options(false)).unwrap_err();
        assert_eq!(errors.len(), 2);
        assert!(errors[0].message.contains("not an enrichment config"));
        assert!(errors[1].message.contains("not valid JSON"));
    }

    #[test]
    fn disabled_configs_are_skipped_and_duplicates_refused() {
        let disabled = ANON.replace(r#""enabled":true"#, r#""enabled":false"#);
        let enrichments = load(
            &[doc(&disabled), doc(UA_UTILS.replace("true", "false").as_str())],
            &validators(),
            &files(),
            options(false),
        )
        .unwrap();
        assert!(enrichments.steps.is_empty());
        assert_eq!(enrichments.disabled, ["anon_ip", "user_agent_utils_config"]);
        let errors = load(&[doc(ANON), doc(ANON)], &validators(), &files(), options(false)).unwrap_err();
        assert!(errors[0].message.contains("configured twice"));
    }

    #[test]
    fn versions_outside_the_runtime_are_refused() {
        let cross = r#"{"schema":"iglu:com.snowplowanalytics.snowplow.enrichments/cross_navigation_config/jsonschema/1-0-0","data":{"vendor":"com.snowplowanalytics.snowplow.enrichments","name":"cross_navigation_config","enabled":true}}"#;
        let legacy = RegistryOptions { runtime: EnrichRuntime::Legacy, skip_unsupported: false, log_input: false };
        let errors = load(&[doc(cross)], &validators(), &files(), legacy).unwrap_err();
        assert!(errors[0].hint.as_deref().unwrap().contains("enrich6"), "{errors:?}");
        assert!(load(&[doc(cross)], &validators(), &files(), options(false)).is_ok());
    }

    #[test]
    fn dynamodb_sources_parse() {
        assert_eq!(
            ConfigSource::parse("dynamodb:eu-west-1/config/enrich_").unwrap(),
            ConfigSource::DynamoDb { region: "eu-west-1".into(), table: "config".into(), prefix: "enrich_".into() }
        );
        assert!(ConfigSource::parse("dynamodb:eu-west-1").is_err());
        assert_eq!(ConfigSource::parse("dir").unwrap(), ConfigSource::Path("dir".into()));
    }

    #[test]
    fn local_data_files_resolve_and_missing_ones_are_explained() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("list.txt"), "a\n").unwrap();
        let files = files();
        let plain = serde_json::json!({"uri": dir.path().display().to_string(), "database": "list.txt"});
        assert_eq!(files.read(&plain, "/ipFile").unwrap(), b"a\n");
        let uri = serde_json::json!({"uri": format!("file://{}", dir.path().display()), "database": "list.txt"});
        assert_eq!(files.path(&uri, "").unwrap(), dir.path().join("list.txt"));
        let missing = serde_json::json!({"uri": dir.path().display().to_string(), "database": "nope.txt"});
        let error = files.path(&missing, "/ipFile").unwrap_err();
        assert_eq!(error.pointer, "/ipFile/database");
        let s3 = serde_json::json!({"uri": "s3://bucket/x", "database": "a"});
        assert_eq!(files.path(&s3, "").unwrap_err().pointer, "/uri");
        let path_db = serde_json::json!({"uri": "x", "database": "../a"});
        assert_eq!(files.path(&path_db, "").unwrap_err().pointer, "/database");
    }
}
