//! The EmrEtlRunner R117 / emr-etl-runner 1.0.x `config.yml`: a typed view, and what changed
//! across releases.
//!
//! The shape of the file is described by snowplowctl's own JSON Schema, [`CONFIG_SCHEMA`]
//! (bundled from `iglu-cache/schemas`); `snowplowctl lint config` validates against it and
//! adds the checks JSON Schema cannot express. [`EmrEtlConfig`] is the typed view of a file
//! that passed: it accepts everything the schema accepts, and like EmrEtlRunner it ignores keys
//! it does not know.
//!
//! ```
//! use snowplowctl::emr::config::EmrEtlConfig;
//!
//! let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/lint/config/valid/config.yml")).unwrap();
//! let loaded = EmrEtlConfig::load(&text, |_| None).unwrap();
//! assert!(!loaded.config.is_stream_mode());
//! assert_eq!(loaded.config.aws.s3.buckets.log.as_str(), "s3://acme-snowplow-logs/emr/");
//! ```

use std::fmt;

use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::Value;

use super::erb::{self, Rendered};
use super::yaml::{self, YamlError};

/// The Iglu URI of snowplowctl's JSON Schema for `config.yml`.
pub const CONFIG_SCHEMA: &str = "iglu:dev.snowplowctl/emretlrunner_config/jsonschema/1-0-0";

/// A secret (an AWS key). `Debug` never shows it.
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    /// The secret itself, for the one place that must send it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// An S3 location. Like EmrEtlRunner, a trailing `/` is added when missing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct S3Location(String);

impl S3Location {
    /// The location, ending in `/`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for S3Location {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut location = String::deserialize(deserializer)?;
        if !location.ends_with('/') {
            location.push('/');
        }
        Ok(S3Location(location))
    }
}

impl fmt::Display for S3Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A mapping that keeps the order of the file (EMR classifications, tags).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OrderedMap<V>(pub Vec<(String, V)>);

impl<'de, V: Deserialize<'de>> Deserialize<'de> for OrderedMap<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct OrderedVisitor<V>(std::marker::PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for OrderedVisitor<V> {
            type Value = OrderedMap<V>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a mapping")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::new();
                while let Some((key, value)) = map.next_entry::<String, V>()? {
                    entries.push((key, value));
                }
                Ok(OrderedMap(entries))
            }
        }
        deserializer.deserialize_map(OrderedVisitor(std::marker::PhantomData))
    }
}

/// The whole file.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct EmrEtlConfig {
    /// Credentials, S3 and EMR.
    pub aws: Aws,
    /// The collector format (absent in Stream Enrich mode).
    pub collectors: Option<Collectors>,
    /// The enrich step.
    pub enrich: Enrich,
    /// Shredding and loading.
    pub storage: Storage,
    /// Tags, logging and self-tracking.
    pub monitoring: Monitoring,
}

/// `aws`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Aws {
    /// `aws.access_key_id`.
    pub access_key_id: Secret,
    /// `aws.secret_access_key`.
    pub secret_access_key: Secret,
    /// `aws.s3`.
    pub s3: S3,
    /// `aws.emr`.
    pub emr: Emr,
}

/// `aws.s3`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct S3 {
    /// Region of the buckets.
    pub region: String,
    /// Every location.
    pub buckets: Buckets,
    /// Whether shredded output is combined on the way to S3.
    pub consolidate_shredded_output: bool,
}

/// `aws.s3.buckets`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Buckets {
    /// Jars and scripts.
    pub assets: S3Location,
    /// Custom JSON Path files.
    pub jsonpath_assets: Option<S3Location>,
    /// EMR logs.
    pub log: S3Location,
    /// SSE-S3 on every copy.
    pub encrypted: bool,
    /// Collector logs (absent in Stream Enrich mode).
    pub raw: Option<RawBuckets>,
    /// Enriched events.
    pub enriched: EnrichedBuckets,
    /// Shredded events.
    pub shredded: ShreddedBuckets,
}

/// `aws.s3.buckets.raw`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct RawBuckets {
    /// Collector log locations.
    #[serde(rename = "in")]
    pub in_: Vec<S3Location>,
    /// Staging.
    pub processing: S3Location,
    /// Archive.
    pub archive: S3Location,
}

/// `aws.s3.buckets.enriched`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct EnrichedBuckets {
    /// Current run.
    pub good: S3Location,
    /// Enrichment failures.
    pub bad: Option<S3Location>,
    /// Hadoop-era unexpected errors.
    pub errors: Option<S3Location>,
    /// Archive.
    pub archive: Option<S3Location>,
    /// Stream Enrich output; its presence selects Stream Enrich mode.
    pub stream: Option<S3Location>,
}

/// `aws.s3.buckets.shredded`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ShreddedBuckets {
    /// Current run.
    pub good: S3Location,
    /// Shredding failures.
    pub bad: S3Location,
    /// Hadoop-era unexpected errors.
    pub errors: Option<S3Location>,
    /// Archive.
    pub archive: Option<S3Location>,
}

/// `aws.emr`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Emr {
    /// EMR release without `emr-`.
    pub ami_version: String,
    /// Cluster region.
    pub region: String,
    /// EC2 instance profile.
    pub jobflow_role: String,
    /// EMR service role.
    pub service_role: String,
    /// Availability zone (outside a VPC).
    pub placement: Option<String>,
    /// Subnet (inside a VPC); wins over `placement`.
    pub ec2_subnet_id: Option<String>,
    /// Key pair.
    pub ec2_key_name: String,
    /// EMR security configuration.
    pub security_configuration: Option<String>,
    /// Extra bootstrap scripts.
    pub bootstrap: Option<Vec<String>>,
    /// HBase and Lingual.
    pub software: Software,
    /// Name and instance groups.
    pub jobflow: Jobflow,
    /// Launch attempts on bootstrap failure.
    pub bootstrap_failure_tries: u32,
    /// EMR configuration classifications, in file order.
    pub configuration: Option<OrderedMap<OrderedMap<String>>>,
    /// JSON passed as EMR `AdditionalInfo`.
    pub additional_info: Option<String>,
}

/// `aws.emr.software`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Software {
    /// HBase version.
    pub hbase: Option<String>,
    /// Lingual version.
    pub lingual: Option<String>,
}

/// `aws.emr.jobflow`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Jobflow {
    /// Cluster name.
    pub job_name: String,
    /// Master instance type.
    pub master_instance_type: String,
    /// Core node count.
    pub core_instance_count: u32,
    /// Core instance type.
    pub core_instance_type: String,
    /// Core spot bid (R117); Dataflow Runner's cluster config cannot express it.
    pub core_instance_bid: Option<f64>,
    /// Core EBS volume.
    pub core_instance_ebs: Option<CoreInstanceEbs>,
    /// Task node count.
    pub task_instance_count: u32,
    /// Task instance type.
    pub task_instance_type: String,
    /// Task spot bid.
    pub task_instance_bid: Option<f64>,
}

/// `aws.emr.jobflow.core_instance_ebs`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct CoreInstanceEbs {
    /// Size in GiB.
    pub volume_size: u32,
    /// Volume type.
    pub volume_type: VolumeType,
    /// Provisioned IOPS (io1 only).
    pub volume_iops: Option<u32>,
    /// EBS optimisation; EmrEtlRunner defaults it to true.
    pub ebs_optimized: Option<bool>,
}

/// An EBS volume type EmrEtlRunner accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum VolumeType {
    /// Magnetic.
    Standard,
    /// General purpose SSD.
    Gp2,
    /// Provisioned IOPS SSD.
    Io1,
}

/// `collectors`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Collectors {
    /// Collector format, e.g. `cloudfront` or `thrift`.
    pub format: String,
}

/// `enrich`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Enrich {
    /// Job versions (absent in Stream Enrich mode).
    pub versions: Option<EnrichVersions>,
    /// Hadoop-era error handling.
    pub continue_on_unexpected_error: Option<bool>,
    /// Compression of files written to S3.
    pub output_compression: OutputCompression,
}

/// `enrich.versions`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct EnrichVersions {
    /// Spark Enrich version.
    pub spark_enrich: String,
}

/// `enrich.output_compression`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum OutputCompression {
    /// Uncompressed.
    #[serde(rename = "NONE")]
    None,
    /// Gzip (`--outputCodec gz`).
    #[serde(rename = "GZIP")]
    Gzip,
}

/// `storage`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Storage {
    /// Job versions.
    pub versions: StorageVersions,
}

/// `storage.versions`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct StorageVersions {
    /// RDB Shredder.
    pub rdb_shredder: String,
    /// RDB Loader.
    pub rdb_loader: String,
    /// Hadoop Elasticsearch Sink.
    pub hadoop_elasticsearch: String,
}

/// `monitoring`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Monitoring {
    /// EMR tags, in file order.
    pub tags: OrderedMap<String>,
    /// Logging.
    pub logging: Logging,
    /// Self-tracking.
    pub snowplow: Option<SnowplowMonitoring>,
}

/// `monitoring.logging`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Logging {
    /// Log level.
    pub level: String,
}

/// `monitoring.snowplow`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct SnowplowMonitoring {
    /// `get` or `post`.
    pub method: String,
    /// `http` or `https`.
    pub protocol: Option<String>,
    /// Collector port.
    pub port: Option<Port>,
    /// Collector host.
    pub collector: String,
    /// Application id.
    pub app_id: String,
}

/// A port written as a number or as text.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum Port {
    /// `80`.
    Number(u16),
    /// `"80"`.
    Text(String),
}

/// Why a config could not be loaded into the typed view.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The rendered text is not YAML.
    #[error("config.yml is not valid YAML: {0}")]
    Yaml(YamlError),
    /// The YAML does not have the R117 shape (run `snowplowctl lint config` for details).
    #[error("config.yml does not have the EmrEtlRunner R117 shape: {0}")]
    Shape(String),
}

/// A config read from text: the typed view, the JSON it came from and the ERB rendering.
#[derive(Debug, Clone)]
pub struct LoadedConfig {
    /// The typed view.
    pub config: EmrEtlConfig,
    /// The document as JSON (after ERB and YAML).
    pub document: Value,
    /// The ERB rendering, with its environment lookups.
    pub rendered: Rendered,
}

impl EmrEtlConfig {
    /// Renders `text` (environment lookups through `env`; unset variables become
    /// [`erb::placeholder`]s), parses it and builds the typed view.
    pub fn load(text: &str, env: impl Fn(&str) -> Option<String>) -> Result<LoadedConfig, LoadError> {
        let rendered = erb::render(text, env);
        let document = yaml::parse_yaml(&rendered.text).map_err(LoadError::Yaml)?.value;
        let config = Self::from_document(&document)?;
        Ok(LoadedConfig { config, document, rendered })
    }

    /// The typed view of a parsed document.
    pub fn from_document(document: &Value) -> Result<Self, LoadError> {
        // serde's messages can quote values; never let a credential through.
        Self::deserialize(document).map_err(|e| LoadError::Shape(redact_credentials(document, &e.to_string())))
    }

    /// Whether `aws.s3.buckets.enriched.stream` is set: EmrEtlRunner then stages Stream Enrich
    /// output instead of running staging and enrich.
    pub fn is_stream_mode(&self) -> bool {
        self.aws.s3.buckets.enriched.stream.is_some()
    }
}

fn redact_credentials(document: &Value, message: &str) -> String {
    let mut out = message.to_owned();
    for pointer in CREDENTIAL_POINTERS {
        if let Some(secret) = document.pointer(pointer).and_then(Value::as_str).filter(|s| !s.is_empty()) {
            out = out.replace(secret, "<redacted>");
        }
    }
    out
}

/// Pointers of the AWS credentials, whose values are never shown.
pub const CREDENTIAL_POINTERS: [&str; 2] = ["/aws/access_key_id", "/aws/secret_access_key"];

/// A version as EmrEtlRunner compares them (`Gem::Version`): numbers, then an optional
/// pre-release (`0.14.0-rc1`) that sorts before the release.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Version {
    /// The dotted numbers.
    pub numbers: Vec<u64>,
    /// Whether there is no pre-release part (a release sorts after its pre-releases).
    pub release: bool,
    /// The pre-release part, if any.
    pub pre: String,
}

impl Version {
    /// Parses `MAJOR.MINOR.PATCH` with an optional `-pre-release`. `None` when the text has
    /// another shape (`emr-5.29.0`, `1.18`, `ADD HERE`).
    pub fn parse(text: &str) -> Option<Version> {
        let (numbers, pre) = match text.split_once('-') {
            Some((numbers, pre)) => (numbers, Some(pre)),
            None => (text, None),
        };
        let numbers: Vec<u64> = numbers.split('.').map(|n| n.parse().ok()).collect::<Option<_>>()?;
        let pre_ok =
            pre.is_none_or(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-'));
        (numbers.len() == 3 && pre_ok).then(|| Version {
            numbers,
            release: pre.is_none(),
            pre: pre.unwrap_or("").to_owned(),
        })
    }
}

/// A key EmrEtlRunner used to read and R117 no longer does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RemovedKey {
    /// JSON pointer of the key.
    pub pointer: &'static str,
    /// What happened to it, and what to do instead.
    pub migration: &'static str,
}

/// Keys from older releases, with what replaced them.
pub static REMOVED_KEYS: &[RemovedKey] = &[
    RemovedKey {
        pointer: "/storage/targets",
        migration: "R88 moved storage targets out of config.yml into self-describing JSON files, one per target, in the directory given with `--targets` (EmrEtlRunner's `config/convert_targets.rb` converts them; `snowplowctl lint targets DIR` checks them); R117 ignores this list, so nothing would be loaded",
    },
    RemovedKey {
        pointer: "/storage/download",
        migration: "R90 removed `storage.download.folder`: RDB Loader loads Postgres from S3, so nothing is downloaded; delete the key",
    },
    RemovedKey { pointer: "/enrich/job_name", migration: "R89 moved the job name to `aws.emr.jobflow.job_name`" },
    RemovedKey {
        pointer: "/enrich/versions/hadoop_enrich",
        migration: "R89 replaced Hadoop Enrich with Spark Enrich: set `enrich.versions.spark_enrich` (1.9.0 or later) instead",
    },
    RemovedKey {
        pointer: "/enrich/versions/hadoop_shred",
        migration: "R89 replaced Hadoop Shred with RDB Shredder: set `storage.versions.rdb_shredder` (0.12.0 or later) instead",
    },
    RemovedKey {
        pointer: "/enrich/versions/hadoop_elasticsearch",
        migration: "R89 moved this version to `storage.versions.hadoop_elasticsearch`",
    },
    RemovedKey {
        pointer: "/s3",
        migration: "the early config layout had `s3` at the top; it now lives under `aws.s3`",
    },
    RemovedKey {
        pointer: "/emr",
        migration: "the early config layout had `emr` at the top; it now lives under `aws.emr`",
    },
    RemovedKey {
        pointer: "/etl",
        migration: "the early `etl` section was split: `collector_format` became `collectors.format`, `job_name` became `aws.emr.jobflow.job_name`, and the rest moved under `enrich`",
    },
    RemovedKey {
        pointer: "/iglu",
        migration: "the Iglu resolver no longer lives in config.yml: put it in its own JSON file and pass it with `--resolver`",
    },
    RemovedKey { pointer: "/logging", migration: "logging moved to `monitoring.logging`" },
    RemovedKey {
        pointer: "/snowplow",
        migration: "the early `snowplow` section of Hive-era versions is gone; job versions live under `enrich.versions` and `storage.versions`",
    },
];

/// The migration note for a key R117 no longer reads. Early configs wrote keys as Ruby symbols
/// (`:aws:`); those match too.
pub fn removed_key(pointer: &str) -> Option<&'static RemovedKey> {
    let plain: String = crate::locate::pointer_tokens(pointer)
        .iter()
        .map(|t| format!("/{}", crate::locate::escape_pointer_token(t.strip_prefix(':').unwrap_or(t))))
        .collect();
    REMOVED_KEYS.iter().find(|k| k.pointer == plain)
}

/// A required key that older configs lack, with where it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AddedKey {
    /// JSON pointer of the key.
    pub pointer: &'static str,
    /// When and why it appeared, as a clause to follow the advice to add it.
    pub note: &'static str,
}

/// Required keys added after R73, for configs being upgraded.
pub static ADDED_KEYS: &[AddedKey] = &[
    AddedKey { pointer: "/aws/s3/buckets/encrypted", note: "R108 added this key; `false` keeps the earlier behaviour" },
    AddedKey {
        pointer: "/aws/s3/consolidate_shredded_output",
        note: "R112 added this key; `false` keeps the earlier behaviour",
    },
    AddedKey { pointer: "/aws/emr/jobflow/job_name", note: "R89 moved it here from `enrich.job_name`" },
    AddedKey {
        pointer: "/storage/versions",
        note: "R89 added this section for the Spark jobs; it holds `rdb_shredder`, `rdb_loader` and `hadoop_elasticsearch`",
    },
    AddedKey { pointer: "/storage/versions/rdb_shredder", note: "R89 replaced `enrich.versions.hadoop_shred` with it" },
    AddedKey { pointer: "/storage/versions/rdb_loader", note: "R90 added it when loading moved onto the EMR cluster" },
    AddedKey { pointer: "/storage/versions/hadoop_elasticsearch", note: "R89 moved it here from `enrich.versions`" },
    AddedKey { pointer: "/enrich/versions/spark_enrich", note: "R89 replaced `enrich.versions.hadoop_enrich` with it" },
];

/// Where a required key came from, when it was added after R73.
pub fn added_key(pointer: &str) -> Option<&'static AddedKey> {
    ADDED_KEYS.iter().find(|k| k.pointer == pointer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_parse_like_gem_versions() {
        let v = |t: &str| Version::parse(t);
        assert!(v("0.14.0-rc1") < v("0.14.0"));
        assert!(v("0.9.0") < v("0.10.0"));
        assert_eq!(v("emr-5.29.0"), None);
        assert_eq!(v("1.18"), None);
        assert_eq!(v("ADD HERE"), None);
        assert_eq!(v("1.2.3-"), None);
    }

    #[test]
    fn removed_keys_match_symbol_style_keys() {
        assert_eq!(removed_key("/:etl").map(|k| k.pointer), Some("/etl"));
        assert_eq!(removed_key("/storage/targets").map(|k| k.pointer), Some("/storage/targets"));
        assert!(removed_key("/storage/versions").is_none());
    }

    #[test]
    fn credentials_never_appear_in_debug_or_errors() {
        let doc = serde_json::json!({"aws": {"access_key_id": "AKIASECRETVALUE", "secret_access_key": 5}});
        let err = EmrEtlConfig::from_document(&doc).unwrap_err().to_string();
        assert!(!err.contains("AKIASECRETVALUE"), "{err}");
        assert_eq!(format!("{:?}", Secret("AKIASECRETVALUE".into())), "<redacted>");
    }

    #[test]
    fn locations_get_a_trailing_slash() {
        let location: S3Location = serde_json::from_value(serde_json::json!("s3://b/x")).unwrap();
        assert_eq!(location.as_str(), "s3://b/x/");
    }
}
