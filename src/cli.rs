//! The command-line definition (clap derive). Only argument shapes live here; handlers are in
//! `commands/`, and all real work in the library.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use snowplowctl::enrich::catalog::EnrichRuntime;
use snowplowctl::enrich::output::OutputCompression;
use snowplowctl::enrich::payload::InputFormat;
use snowplowctl::generate::Credentials;
use snowplowctl::generate::text::{EtlTimestamp, RunId};
use snowplowctl::lint::Severity;
use snowplowctl::lint::render::Format;
use snowplowctl::lint::schemas::SchemaPreset;

/// Lint, generate, store, enrich and shred for Snowplow batch pipelines.
#[derive(Debug, Parser)]
#[command(name = "snowplowctl", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    #[command(flatten)]
    pub global: GlobalArgs,
}

/// Options every command accepts.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Worker threads for parallel work (default: one per CPU)
    #[arg(long, global = true, value_name = "N")]
    pub threads: Option<usize>,

    /// When to use colours
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Where schemas fetched over HTTP are cached [default: the user cache directory]
    #[arg(long, global = true, env = "SNOWPLOWCTL_CACHE_DIR", value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,

    /// Never use the network: HTTP repositories answer from the disk cache only
    #[arg(long, global = true)]
    pub offline: bool,

    /// Seconds allowed for one HTTP request to an Iglu repository
    #[arg(long, global = true, default_value_t = 10, value_name = "SECONDS")]
    pub http_timeout: u64,
}

/// When to colour output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when writing to a terminal and `NO_COLOR` is unset.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate enrichments, resolvers, config.yml, storage targets, Dataflow Runner configs,
    /// Iglu schemas and any self-describing JSON
    Lint(LintArgs),
    /// Generate Dataflow Runner configs (cluster, playbook) from an EmrEtlRunner config.yml
    Generate(GenerateArgs),
    /// Store enrichment configs and the Iglu resolver in DynamoDB for Stream Enrich, and read
    /// them back
    Store(StoreArgs),
    /// Enrich raw collector files (CloudFront, Clojure collector, Thrift) into enriched events
    /// and bad rows, as Spark Enrich did, on this machine
    Enrich(EnrichArgs),
    /// Turn enriched events into newline-delimited JSON, as the Analytics SDKs' event
    /// transformer shapes them
    Transform(TransformArgs),
    /// Shred enriched events for loading, as RDB Shredder did: atomic events, one file set per
    /// self-describing type, in-batch deduplication, bad rows
    Shred(ShredArgs),
    /// Enrich and shred every unprocessed run folder of a raw archive, each exactly once, as
    /// recorded in a run manifest (a local file by default, or DynamoDB)
    Run(RunArgs),
    /// Read and write run manifests: the Analytics SDK's run manifest plus processing records
    /// with claims and leases, in DynamoDB or a local file
    Manifest(ManifestArgs),
    /// Print a shell completion script
    Completions {
        /// The shell to complete for
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), or write one page per command into a directory
    Man {
        /// Write `snowplowctl.1` and one page per subcommand into this directory
        #[arg(long, value_name = "DIR")]
        out_dir: Option<PathBuf>,
    },
}

/// `snowplowctl lint`.
#[derive(Debug, Args)]
#[command(after_long_help = "Exit status: 0 when nothing is found, 1 when there are findings at or above \
--fail-on, 2 on usage or I/O errors.")]
pub struct LintArgs {
    #[command(subcommand)]
    pub target: LintTarget,

    /// Output format
    #[arg(long, global = true, value_enum, default_value_t = Format::Text)]
    pub format: Format,

    /// Lowest severity that makes the command fail (exit 1)
    #[arg(long, global = true, value_enum, default_value_t = Severity::Info, value_name = "SEVERITY")]
    pub fail_on: Severity,

    /// Rules to leave out, by code or name (comma-separated or repeated)
    #[arg(long, global = true, value_delimiter = ',', value_name = "RULE")]
    pub ignore: Vec<String>,

    /// Iglu resolver config used to find schemas (the bundled schemas are always available)
    #[arg(long, short = 'r', global = true, value_name = "FILE")]
    pub resolver: Option<PathBuf>,

    /// Enrich the enrichment configs are checked for
    #[arg(long, global = true, value_enum, default_value_t = EnrichRuntime::Legacy, value_name = "RUNTIME")]
    pub enrich_runtime: EnrichRuntime,

    /// Treat unset environment variables and missing files named by `<%= ENV[…] %>`,
    /// `systemEnv` and `base64File` as findings
    #[arg(long, global = true)]
    pub require_env: bool,

    /// Also flag placeholders (`ADD HERE`) and malformed bucket URLs in config.yml
    #[arg(long, global = true)]
    pub strict: bool,

    /// Largest file to read, in bytes
    #[arg(long, global = true, default_value_t = snowplowctl::source::DEFAULT_MAX_FILE_SIZE, value_name = "BYTES")]
    pub max_file_size: u64,
}

#[derive(Debug, Subcommand)]
pub enum LintTarget {
    /// Every enrichment config in a directory, and the list they form
    Enrichments {
        /// Directory of enrichment `*.json` files
        dir: PathBuf,
    },
    /// An Iglu resolver config
    Resolver {
        /// The resolver file
        file: PathBuf,
    },
    /// An EmrEtlRunner config.yml (R117 keys and types, cross-checks, ERB lookups)
    Config {
        /// The config file
        file: PathBuf,
    },
    /// Storage target configs (Redshift, Postgres, Elasticsearch, DynamoDB)
    Targets {
        /// Directory of target `*.json` files
        dir: PathBuf,
    },
    /// A Dataflow Runner cluster config (ClusterConfig)
    Cluster {
        /// The cluster config file
        file: PathBuf,
        /// Template variables, as for Dataflow Runner: `k1,v1,k2,v2`
        #[arg(long, value_name = "K,V,...")]
        vars: Option<String>,
    },
    /// A Dataflow Runner playbook (PlaybookConfig)
    Playbook {
        /// The playbook file
        file: PathBuf,
        /// Template variables, as for Dataflow Runner: `k1,v1,k2,v2`
        #[arg(long, value_name = "K,V,...")]
        vars: Option<String>,
    },
    /// Iglu schemas, with igluctl's lint rules
    Schemas {
        /// A schema file or a directory laid out as vendor/name/format/version
        path: PathBuf,
        /// igluctl checks to skip (comma-separated)
        #[arg(long, value_delimiter = ',', value_name = "CHECK")]
        skip_checks: Vec<String>,
        /// Schemas to leave out (comma-separated Iglu URIs)
        #[arg(long, value_delimiter = ',', value_name = "URI")]
        skip_schemas: Vec<String>,
        /// Which checks run: all of igluctl's, or Iglu Central's CI set
        #[arg(long, value_enum, default_value_t = SchemaPreset::Igluctl)]
        preset: SchemaPreset,
    },
    /// Any self-describing JSON files, validated through the resolver
    Json {
        /// The files
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Everything in a directory laid out by convention (see --help)
    #[command(long_about = format!("Everything in a directory laid out by convention:\n\n{}", snowplowctl::lint::ALL_LAYOUT))]
    All {
        /// The directory
        dir: PathBuf,
        /// Template variables for Dataflow Runner files: `k1,v1,k2,v2`
        #[arg(long, value_name = "K,V,...")]
        vars: Option<String>,
    },
    /// List the lint rules, or explain one
    Rules {
        /// A rule code or name
        rule: Option<String>,
    },
}

/// How the playbook's run-specific values are supplied; shown in `generate --help`.
const GENERATE_AFTER_HELP: &str = "\
Every input goes through its `snowplowctl lint` checks first. An error stops generation
(exit 1, findings on stderr); warnings are printed on stderr and generation goes on.

Stages (--skip, --resume-from; EmrEtlRunner's rules): staging, enrich,
staging_stream_enrich, shred, elasticsearch, archive_raw, rdb_load, consistency_check,
load_manifest_check, analyze, archive_enriched, archive_shredded. --include: vacuum.

Run-specific values: --run-id, --etl-timestamp and --recover-run-id write the value into
the playbook. Without them it holds Dataflow Runner template variables, so one playbook
serves every run:
  {{.runId}}         this run's id, YYYY-MM-DD-hh-mm-ss
  {{.etlTimestamp}}  this run's ETL timestamp in epoch milliseconds (when enrich runs)
  {{.recoverRunId}}  the interrupted run to archive (recover-mode archive steps only)
Pass them to Dataflow Runner, and to `snowplowctl lint playbook`, with --vars:
  now=$(date -u +%s)
  dataflow-runner run-transient --emr-config cluster.json --emr-playbook playbook.json \\
    --vars runId,$(date -u -d @$now +%Y-%m-%d-%H-%M-%S),etlTimestamp,${now}000

AWS keys in config.yml are never copied: both files name a source (--credentials).

Exit status: 0 when the files were written, 1 when an input has errors or the options
conflict, 2 on usage or I/O errors.";

/// `snowplowctl generate`.
#[derive(Debug, Args)]
#[command(after_long_help = GENERATE_AFTER_HELP)]
pub struct GenerateArgs {
    #[command(subcommand)]
    pub target: GenerateTarget,
}

#[derive(Debug, Subcommand)]
pub enum GenerateTarget {
    /// A ClusterConfig (1-1-0) for `dataflow-runner up` / `run-transient`
    #[command(after_long_help = GENERATE_AFTER_HELP)]
    Cluster {
        #[command(flatten)]
        config: GenerateConfigArgs,
        /// Write the cluster config to FILE instead of stdout
        #[arg(long, short = 'o', value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// A PlaybookConfig (1-0-1) with EmrEtlRunner R117's steps, for `dataflow-runner run` / `run-transient`
    #[command(after_long_help = GENERATE_AFTER_HELP)]
    Playbook {
        #[command(flatten)]
        config: GenerateConfigArgs,
        #[command(flatten)]
        pipeline: GeneratePipelineArgs,
        /// Write the playbook to FILE instead of stdout
        #[arg(long, short = 'o', value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Both, as `cluster.json` and `playbook.json` in a directory
    #[command(after_long_help = GENERATE_AFTER_HELP)]
    All {
        #[command(flatten)]
        config: GenerateConfigArgs,
        #[command(flatten)]
        pipeline: GeneratePipelineArgs,
        /// Directory for `cluster.json` and `playbook.json` (created if missing)
        #[arg(long, value_name = "DIR")]
        output_dir: PathBuf,
    },
}

/// What every `generate` command reads.
#[derive(Debug, Args)]
pub struct GenerateConfigArgs {
    /// EmrEtlRunner's config.yml (R89 to R117, emr-etl-runner 1.0.x); `<%= ENV['X'] %>` lookups are rendered
    #[arg(long, short = 'c', value_name = "FILE")]
    pub config: PathBuf,

    /// Where Dataflow Runner takes AWS credentials from (the keys in config.yml are never copied);
    /// `default` needs Dataflow Runner 0.5.0 or later
    #[arg(long, value_enum, default_value_t = Credentials::Default, value_name = "SOURCE")]
    pub credentials: Credentials,
}

/// What playbooks need besides config.yml.
#[derive(Debug, Args)]
pub struct GeneratePipelineArgs {
    /// Iglu resolver config, passed to Spark Enrich, RDB Shredder and RDB Loader
    #[arg(long, short = 'r', value_name = "FILE")]
    pub resolver: PathBuf,

    /// Directory of enrichment configs (`*.json`)
    #[arg(long, short = 'n', value_name = "DIR")]
    pub enrichments: Option<PathBuf>,

    /// Directory of storage target configs (`*.json`): RDB Loader, Elasticsearch, duplicate tracking
    #[arg(long, short = 't', value_name = "DIR")]
    pub targets: Option<PathBuf>,

    /// Stages to leave out, as EmrEtlRunner's --skip (comma-separated or repeated)
    #[arg(long, short = 'x', value_delimiter = ',', value_name = "STAGE")]
    pub skip: Vec<String>,

    /// Start from this stage, as EmrEtlRunner's --resume-from
    #[arg(long, short = 'f', value_name = "STAGE")]
    pub resume_from: Option<String>,

    /// RDB Loader steps to add (`vacuum`), as EmrEtlRunner's --include
    #[arg(long, short = 'i', value_delimiter = ',', value_name = "STEP")]
    pub include: Vec<String>,

    /// Write this run id (YYYY-MM-DD-hh-mm-ss) instead of the {{.runId}} template variable
    #[arg(long, value_name = "ID", value_parser = RunId::parse)]
    pub run_id: Option<RunId>,

    /// Write this ETL timestamp (epoch milliseconds) instead of the {{.etlTimestamp}} template variable
    #[arg(long, value_name = "MILLIS", value_parser = EtlTimestamp::parse)]
    pub etl_timestamp: Option<EtlTimestamp>,

    /// Write this run id instead of the {{.recoverRunId}} template variable (recover-mode archive steps)
    #[arg(long, value_name = "ID", value_parser = RunId::parse)]
    pub recover_run_id: Option<RunId>,

    /// Start with EmrEtlRunner's HDFS cleanup steps, as it does on a reused persistent cluster
    #[arg(long)]
    pub empty_hdfs: bool,

    /// Print the steps as a table (on stdout when the files are written to disk, else on stderr)
    #[arg(long)]
    pub explain: bool,
}

/// `snowplowctl store`.
#[derive(Debug, Args)]
#[command(after_long_help = "Items are laid out as Stream Enrich 1.x-2.x and enrich-kinesis 3.x-5.x read them \
(`--enrichments dynamodb:REGION/TABLE/PREFIX`, `--resolver dynamodb:REGION/TABLE/KEY`): hash key `id` (String), \
the minified self-describing JSON in the String attribute `json`, and the source file name in `file`.\n\n\
Region, profile, credentials and endpoint come from the flags, then the standard AWS chain (AWS_REGION, \
AWS_PROFILE, AWS_ENDPOINT_URL_DYNAMODB, AWS_ACCESS_KEY_ID, the shared config and credentials files, SSO, \
container and instance metadata).\n\n\
Exit status: 0 on success, 1 when a file fails validation (nothing is written), 2 on usage, I/O or AWS errors.")]
pub struct StoreArgs {
    #[command(subcommand)]
    pub target: StoreTarget,

    /// Output format
    #[arg(long, global = true, value_enum, default_value_t = StoreFormat::Text)]
    pub format: StoreFormat,

    #[command(flatten)]
    pub aws: AwsArgs,
}

/// Where and as whom to reach AWS.
#[derive(Debug, Args)]
#[command(next_help_heading = "AWS")]
pub struct AwsArgs {
    /// AWS region [default: AWS_REGION, AWS_DEFAULT_REGION or the profile's region]
    #[arg(long, global = true, value_name = "REGION")]
    pub region: Option<String>,

    /// Profile from the shared AWS config and credentials files [default: AWS_PROFILE or `default`]
    #[arg(long, global = true, value_name = "NAME")]
    pub profile: Option<String>,

    /// DynamoDB endpoint, for example a local DynamoDB [default: AWS_ENDPOINT_URL_DYNAMODB,
    /// AWS_ENDPOINT_URL, or AWS's endpoint for the region]
    #[arg(long, global = true, value_name = "URL")]
    pub endpoint_url: Option<String>,
}

impl AwsArgs {
    /// The library's AWS options from these flags.
    pub fn options(&self) -> snowplowctl::aws::AwsOptions {
        snowplowctl::aws::AwsOptions {
            region: self.region.clone(),
            profile: self.profile.clone(),
            endpoint_url: self.endpoint_url.clone(),
        }
    }
}

/// How `store` prints its results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StoreFormat {
    /// Tables for people.
    Text,
    /// One JSON document for programs.
    Json,
}

/// The DynamoDB table to use.
#[derive(Debug, Args)]
pub struct TableArg {
    /// The DynamoDB table
    #[arg(long, short = 't', value_name = "TABLE")]
    pub table: String,
}

/// How a store run writes.
#[derive(Debug, Args)]
pub struct WriteArgs {
    /// Show what would be added, changed, left unchanged and removed; write nothing
    #[arg(long)]
    pub dry_run: bool,

    /// Create the table (on-demand billing, hash key `id`) if it does not exist, and wait until
    /// it is active
    #[arg(long)]
    pub create_table: bool,
}

/// How files are validated before anything is written.
#[derive(Debug, Args)]
pub struct ValidationArgs {
    /// Iglu resolver config used to find the configs' schemas (the bundled schemas are always
    /// available); a file with this path inside the enrichments directory is not stored
    #[arg(long, short = 'r', value_name = "FILE")]
    pub resolver: Option<PathBuf>,

    /// Lowest finding severity that stops the store (exit 1, nothing written)
    #[arg(long, value_enum, default_value_t = Severity::Error, value_name = "SEVERITY")]
    pub fail_on: Severity,

    /// Largest file to read, in bytes
    #[arg(long, default_value_t = snowplowctl::source::DEFAULT_MAX_FILE_SIZE, value_name = "BYTES")]
    pub max_file_size: u64,
}

#[derive(Debug, Subcommand)]
pub enum StoreTarget {
    /// Validate every enrichment config in a directory, then store one item per file
    /// (`id` = prefix + enrichment name)
    Enrichments {
        /// Directory of enrichment `*.json` files
        dir: PathBuf,
        #[command(flatten)]
        table: TableArg,
        /// Prefix of the items' `id`, as in `--enrichments dynamodb:REGION/TABLE/PREFIX`
        #[arg(long, short = 'p', default_value = "", hide_default_value = true, value_name = "PREFIX")]
        prefix: String,
        /// Delete items under the prefix that are not in the directory
        #[arg(long)]
        prune: bool,
        /// Enrich the configs are checked for
        #[arg(long, value_enum, default_value_t = EnrichRuntime::Legacy, value_name = "RUNTIME")]
        enrich_runtime: EnrichRuntime,
        #[command(flatten)]
        write: WriteArgs,
        #[command(flatten)]
        validation: ValidationArgs,
    },
    /// Validate an Iglu resolver config, then store it under a key
    Resolver {
        /// The resolver config file
        file: PathBuf,
        #[command(flatten)]
        table: TableArg,
        /// The item's `id`, as in `--resolver dynamodb:REGION/TABLE/KEY`
        #[arg(long, short = 'k', value_name = "KEY")]
        key: String,
        #[command(flatten)]
        write: WriteArgs,
        #[command(flatten)]
        validation: ValidationArgs,
    },
    /// List the items in a table, or under a prefix, reading every Scan page
    List {
        #[command(flatten)]
        table: TableArg,
        /// Only items whose `id` starts with this
        #[arg(long, short = 'p', default_value = "", hide_default_value = true, value_name = "PREFIX")]
        prefix: String,
    },
    /// Write items back to files (one `*.json` per item, named as they were stored)
    Export {
        /// Directory to write into (created if missing)
        dir: PathBuf,
        #[command(flatten)]
        table: TableArg,
        /// Export the items whose `id` starts with this [default: every item, unless --key is given]
        #[arg(long, short = 'p', value_name = "PREFIX")]
        prefix: Option<String>,
        /// Also export the item with this key (the resolver)
        #[arg(long, short = 'k', value_name = "KEY")]
        key: Option<String>,
        /// Overwrite files that exist with different content
        #[arg(long)]
        force: bool,
    },
}

/// What `enrich --help` says after the options.
const ENRICH_AFTER_HELP: &str = "\
Inputs are files, directories (read recursively; hidden files and .lzo.index files are
skipped) and glob patterns. Plain, gzip and lzop files are recognised by their first bytes.
Thrift input is the S3 loader's lzop files of Elephant Bird blocks, or one base64 record per line.

Output, as Spark Enrich wrote it:
  OUT/enriched/good/run=YYYY-MM-DD-HH-mm-ss/part-NNNNN[.gz]   enriched events (131-column TSV)
  OUT/enriched/bad/run=YYYY-MM-DD-HH-mm-ss/part-NNNNN         bad rows (JSON lines)
Both folders appear only when the whole run succeeded. The same input with the same
--etl-timestamp gives byte-identical output, whatever --threads is.

Exit status: 0 when the run completed (bad rows included, unless --fail-on-bad-rows), 1 when
there are bad rows and --fail-on-bad-rows is given, or the request is invalid (run id, existing
run folder, unusable resolver), 2 on usage or I/O errors.";

/// `snowplowctl enrich`.
#[derive(Debug, Args)]
#[command(after_long_help = ENRICH_AFTER_HELP)]
pub struct EnrichArgs {
    /// Raw collector files, directories or glob patterns
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,

    /// Output directory; the run's folders go under OUT/enriched/
    #[arg(long, short = 'o', value_name = "OUT")]
    pub output: PathBuf,

    /// Name of the run folders (YYYY-MM-DD-HH-mm-ss) [default: the ETL timestamp's UTC time]
    #[arg(long, value_name = "ID")]
    pub run_id: Option<String>,

    /// The run's etl_tstamp, in epoch milliseconds or RFC 3339 [default: now]
    #[arg(long, value_name = "TIME", value_parser = snowplowctl::enrich::job::parse_etl_timestamp)]
    pub etl_timestamp: Option<i64>,

    #[command(flatten)]
    pub core: EnrichCoreArgs,

    /// Write batch-era bad rows `{line, errors, failure_tstamp}` instead of self-describing ones
    #[arg(long)]
    pub legacy_bad_rows: bool,

    /// Also shred the good events in the same pass, into OUT/shredded/ (as `shred` would from
    /// OUT/enriched/good/run=…, without reading it back); --legacy-bad-rows applies to both
    #[arg(long)]
    pub shred: bool,

    /// With --shred: entities to shredded-tsv/ (RDB Shredder 0.16+ column rules) instead of JSON
    #[arg(long, requires = "shred")]
    pub tsv: bool,

    /// With --shred --tsv: write nulls as empty strings (RDB Shredder 0.16-0.17) instead of \\N
    #[arg(long, requires = "tsv")]
    pub tsv_empty_nulls: bool,

    /// With --shred: do not deduplicate events within the batch
    #[arg(long, requires = "shred")]
    pub no_dedup: bool,

    /// With --shred: memory for deduplication, in bytes (suffixes K, M, G allowed)
    #[arg(long, default_value = "512M", value_name = "BYTES", value_parser = parse_bytes, requires = "shred")]
    pub dedup_memory: u64,

    /// Exit with status 1 when there are bad rows
    #[arg(long)]
    pub fail_on_bad_rows: bool,

    /// Output format of the summary
    #[arg(long, value_enum, default_value_t = SummaryFormat::Text)]
    pub format: SummaryFormat,
}

/// The enrichment flags `enrich` and `run` share.
#[derive(Debug, Args)]
pub struct EnrichCoreArgs {
    /// The collector format, as EmrEtlRunner's `collectors.format`
    #[arg(long, short = 'f', value_enum, value_name = "FORMAT")]
    pub input_format: InputFormatArg,

    /// Compression of the enriched (good) part files
    #[arg(long, value_enum, default_value_t = CompressArg::None, value_name = "CODEC")]
    pub compress: CompressArg,

    /// Iglu resolver config for the schemas of contexts and self-describing events (the bundled
    /// schemas are always available)
    #[arg(long, short = 'r', value_name = "FILE")]
    pub resolver: Option<PathBuf>,

    /// Which Enrich to behave like: Spark Enrich R117, or modern enrich (6.x)
    #[arg(long, value_enum, default_value_t = EnrichRuntime::Legacy, value_name = "RUNTIME")]
    pub enrich_runtime: EnrichRuntime,

    /// Enrichment configs: a directory of self-describing JSON files (or one file), or
    /// dynamodb:REGION/TABLE/PREFIX as Stream Enrich reads them [default: no enrichments]
    #[arg(long, short = 'e', value_name = "DIR|dynamodb:REGION/TABLE/PREFIX")]
    pub enrichments: Option<String>,

    /// Where data files named by an enrichment's http(s) `uri` are downloaded once and kept
    /// [default: CACHE_DIR/enrichment-data]
    #[arg(long, value_name = "DIR")]
    pub enrichment_cache: Option<PathBuf>,

    /// Run without the enrichments that cannot run locally (currency, API, SQL, weather,
    /// UA-utils, YAUAA, …) instead of refusing to start; the summary lists them
    #[arg(long)]
    pub skip_unsupported: bool,

    /// Records longer than this become size_violation bad rows, in bytes
    #[arg(long, default_value_t = snowplowctl::enrich::job::DEFAULT_MAX_RECORD_SIZE, value_name = "BYTES")]
    pub max_record_size: u64,

    /// Plain files larger than this are split into chunks processed in parallel, in bytes
    #[arg(long, default_value_t = snowplowctl::enrich::job::DEFAULT_CHUNK_SIZE, value_name = "BYTES")]
    pub chunk_size: u64,
}

/// How `enrich` prints its summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SummaryFormat {
    /// A table for people.
    Text,
    /// One JSON document for programs.
    Json,
}

/// `--input-format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputFormatArg {
    /// CloudFront collector access logs
    Cloudfront,
    /// Clojure collector (Tomcat) access logs
    CljTomcat,
    /// Thrift CollectorPayload records (Scala Stream Collector, S3 loader)
    Thrift,
    /// A website's own CloudFront distribution log
    #[value(name = "tsv/com.amazon.aws.cloudfront/wd_access_log")]
    WdAccessLog,
}

impl From<InputFormatArg> for InputFormat {
    fn from(arg: InputFormatArg) -> Self {
        match arg {
            InputFormatArg::Cloudfront => InputFormat::Cloudfront,
            InputFormatArg::CljTomcat => InputFormat::CljTomcat,
            InputFormatArg::Thrift => InputFormat::Thrift,
            InputFormatArg::WdAccessLog => InputFormat::CloudfrontAccessLog,
        }
    }
}

/// `--compress` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompressArg {
    /// Plain TSV
    None,
    /// gzip (`.gz` part files)
    Gzip,
}

impl From<CompressArg> for OutputCompression {
    fn from(arg: CompressArg) -> Self {
        match arg {
            CompressArg::None => OutputCompression::None,
            CompressArg::Gzip => OutputCompression::Gzip,
        }
    }
}

/// What `transform --help` says after the options.
const TRANSFORM_AFTER_HELP: &str = "\
Inputs are enriched event files (131-column TSV; plain, gzip or lzop), directories (read
recursively) and glob patterns. Each line becomes one JSON object, in input order:
typed numbers, booleans and timestamps, contexts_<vendor>_<name>_<model> arrays,
unstruct_event_<vendor>_<name>_<model> objects and geo_location.

Shapes:
  scala   Scala Analytics SDK 2.x (Event.toJson(lossy = true)): empty fields are null,
          timestamps as Instant.toString, se_value a number, refr_dvce_tstamp
  python  Python Analytics SDK 0.2.3 (transform()): empty fields omitted, timestamps
          rewritten textually, se_value a string, refr_device_tstamp

A line that cannot be transformed (wrong field count, a bad value) is reported on stderr
with its file, line number and fields; every other line is still written.

Exit status: 0 when every line was transformed, 1 when some lines were not, 2 on usage or
I/O errors.";

/// `snowplowctl transform`.
#[derive(Debug, Args)]
#[command(after_long_help = TRANSFORM_AFTER_HELP)]
pub struct TransformArgs {
    /// Enriched event files, directories or glob patterns
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,

    /// Which Analytics SDK's JSON to produce
    #[arg(long, value_enum, default_value_t = ShapeArg::Scala, value_name = "SHAPE")]
    pub shape: ShapeArg,

    /// Write the JSON lines to this file (replaced only when the run completes) instead of stdout
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `--shape` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShapeArg {
    /// Scala Analytics SDK 2.x
    Scala,
    /// Python Analytics SDK 0.2.3
    Python,
}

impl From<ShapeArg> for snowplowctl::shred::transform::Shape {
    fn from(arg: ShapeArg) -> Self {
        match arg {
            ShapeArg::Scala => snowplowctl::shred::transform::Shape::Scala,
            ShapeArg::Python => snowplowctl::shred::transform::Shape::Python,
        }
    }
}

/// What `shred --help` says after the options.
const SHRED_AFTER_HELP: &str = "\
Inputs are enriched good run folders (written by `snowplowctl enrich`, or Spark/Stream Enrich
archives; plain, gzip or lzop files), files or glob patterns. Lines of 108 to 131 fields are
read, as RDB Shredder 0.13 (the version EmrEtlRunner R117 configures) reads them.

Output, in RDB Shredder 0.13's layout:
  OUT/shredded/good/run=ID/atomic-events/part-NNNNN       128-column atomic lines
  OUT/shredded/good/run=ID/shredded-types/vendor=V/name=N/format=F/version=M-R-A/part-NNNNN
                                                          one JSON line per entity
  OUT/shredded/good/run=ID/shredded-tsv/vendor=V/name=N/format=F/version=M/part-NNNNN
                                                          with --tsv: TSV lines (0.16+ rules)
  OUT/shredded/bad/run=ID/part-NNNNN                      bad rows (JSON lines)
Every entity is validated through Iglu; an event with any failure is a bad row and nothing of
it is written to the good folder. Both folders appear only when the whole run succeeded.

Deduplication (unless --no-dedup): events with the same event_id and event_fingerprint keep
one (the lowest etl_tstamp, then the first read); events that still share an event_id get a
new id and a com.snowplowanalytics.snowplow/duplicate context. Memory stays within
--dedup-memory: events are spread over temporary partition files by event_id.

Exit status: 0 when the run completed (bad rows included, unless --fail-on-bad-rows), 1 when
there are bad rows and --fail-on-bad-rows is given or the run folder exists, 2 on usage or
I/O errors.";

/// `snowplowctl shred`.
#[derive(Debug, Args)]
#[command(after_long_help = SHRED_AFTER_HELP)]
pub struct ShredArgs {
    /// Enriched event files, run folders or glob patterns
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,

    /// Output directory; the run's folders go under OUT/shredded/
    #[arg(long, short = 'o', value_name = "OUT")]
    pub output: PathBuf,

    /// Name of the run folders (YYYY-MM-DD-HH-mm-ss) [default: the run's UTC start time]
    #[arg(long, value_name = "ID")]
    pub run_id: Option<String>,

    #[command(flatten)]
    pub flags: ShredFlagArgs,

    /// Iglu resolver config for the entities' schemas (the bundled schemas are always available)
    #[arg(long, short = 'r', value_name = "FILE")]
    pub resolver: Option<PathBuf>,

    /// The run's timestamp, in epoch milliseconds or RFC 3339: the run id, failure_tstamp of
    /// legacy bad rows and the seed of new event ids [default: now]
    #[arg(long, value_name = "TIME", value_parser = snowplowctl::enrich::job::parse_etl_timestamp)]
    pub timestamp: Option<i64>,

    /// Exit with status 1 when there are bad rows
    #[arg(long)]
    pub fail_on_bad_rows: bool,

    /// Output format of the summary
    #[arg(long, value_enum, default_value_t = SummaryFormat::Text)]
    pub format: SummaryFormat,
}

/// The shredding flags `shred` and `run` share (`enrich --shred` has its own, which require
/// `--shred`).
#[derive(Debug, Clone, Args)]
pub struct ShredFlagArgs {
    /// Shred entities to shredded-tsv/ (RDB Shredder 0.16+ column rules) instead of JSON
    #[arg(long)]
    pub tsv: bool,

    /// With --tsv, write nulls as empty strings (RDB Shredder 0.16-0.17) instead of \\N (0.18+)
    #[arg(long, requires = "tsv")]
    pub tsv_empty_nulls: bool,

    /// Write batch-era bad rows `{line, errors, failure_tstamp}` instead of self-describing ones
    #[arg(long)]
    pub legacy_bad_rows: bool,

    /// Do not deduplicate events within the batch
    #[arg(long)]
    pub no_dedup: bool,

    /// Memory for deduplication, in bytes (suffixes K, M, G allowed)
    #[arg(long, default_value = "512M", value_name = "BYTES", value_parser = parse_bytes)]
    pub dedup_memory: u64,
}

/// Parses a byte count such as `64K`, `512M` or `2G`.
fn parse_bytes(text: &str) -> Result<u64, String> {
    let (digits, unit) = match text.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        Some((at, _)) => text.split_at(at),
        None => (text, ""),
    };
    let multiplier: u64 = match unit.to_ascii_uppercase().as_str() {
        "" | "B" => 1,
        "K" | "KB" | "KIB" => 1 << 10,
        "M" | "MB" | "MIB" => 1 << 20,
        "G" | "GB" | "GIB" => 1 << 30,
        _ => return Err(format!("`{text}`: expected a number of bytes, optionally with K, M or G")),
    };
    digits
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(multiplier))
        .filter(|n| *n > 0)
        .ok_or_else(|| format!("`{text}`: expected a positive number of bytes, optionally with K, M or G"))
}

/// Where the run manifest is, and how to reach it.
#[derive(Debug, Args)]
#[command(next_help_heading = "Manifest")]
pub struct ManifestLocationArgs {
    /// AWS profile for a DynamoDB manifest [default: AWS_PROFILE or `default`]
    #[arg(long, global = true, value_name = "NAME")]
    pub profile: Option<String>,

    /// DynamoDB endpoint for a DynamoDB manifest, for example a local DynamoDB [default:
    /// AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, or AWS's endpoint for the region]
    #[arg(long, global = true, value_name = "URL")]
    pub endpoint_url: Option<String>,

    /// Application name written into processing records
    #[arg(long, global = true, default_value = "snowplowctl", value_name = "NAME")]
    pub app: String,

    /// Application version written into processing records [default: snowplowctl's version]
    #[arg(long, global = true, value_name = "VERSION")]
    pub app_version: Option<String>,

    /// Instance id written into processing records, when several instances share a manifest
    #[arg(long, global = true, value_name = "ID")]
    pub instance: Option<String>,
}

/// What `run --help` says after the options.
const RUN_AFTER_HELP: &str = "\
ARCHIVE holds one folder per collector run, named run=YYYY-MM-DD-HH-mm-ss. For each folder the
manifest does not list as processed, oldest first, `run` takes a claim (a lease it renews while
it works), enriches and shreds the folder in one pass into a stage under
OUT/.snowplowctl-tmp/, publishes OUT/enriched/{bad,good}/run=… and OUT/shredded/{bad,good}/run=…
by rename, and then marks the run PROCESSED. A failure marks it FAILED with the reason; it is
retried after `snowplowctl manifest resolve`. Runs that another process holds are passed over,
so several `run` processes on one archive share the work; a run whose claimant died is taken
over when its lease lapses, and any output it had staged is published, not redone.

The ETL timestamp of each run is its folder's time, so rerunning gives identical output.

Exit status: 0 when every run taken was processed, 1 when a run failed or the archive has
malformed run folders, 2 when the manifest or the output cannot be used.";

/// `snowplowctl run`.
#[derive(Debug, Args)]
#[command(after_long_help = RUN_AFTER_HELP)]
pub struct RunArgs {
    /// The raw archive: a folder of run=YYYY-MM-DD-HH-mm-ss folders
    #[arg(value_name = "ARCHIVE")]
    pub archive: PathBuf,

    /// Output directory: OUT/enriched/… and OUT/shredded/…
    #[arg(long, short = 'o', value_name = "OUT")]
    pub output: PathBuf,

    /// The run manifest: dynamodb:REGION/TABLE or local:PATH [default: local:OUT/manifest.sqlite]
    #[arg(long, short = 'm', env = "SNOWPLOWCTL_MANIFEST", value_name = "LOCATION")]
    pub manifest: Option<String>,

    /// Prefix of run ids in the manifest [default: the archive folder's name and `/`, giving
    /// ids like `raw/run=2017-02-21-11-40-15/`]
    #[arg(long, value_name = "PREFIX")]
    pub run_id_prefix: Option<String>,

    /// Seconds a claim lasts unless renewed (it is renewed every third of that while working)
    #[arg(long, default_value_t = 60, value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(1..))]
    pub lease: u64,

    /// Process at most this many runs, then stop
    #[arg(long, value_name = "N")]
    pub max_runs: Option<usize>,

    #[command(flatten)]
    pub core: EnrichCoreArgs,

    #[command(flatten)]
    pub shred: ShredFlagArgs,

    #[command(flatten)]
    pub location: ManifestLocationArgs,

    /// Output format of the summary
    #[arg(long, value_enum, default_value_t = SummaryFormat::Text)]
    pub format: SummaryFormat,
}

/// `snowplowctl manifest`.
#[derive(Debug, Args)]
pub struct ManifestArgs {
    #[command(subcommand)]
    pub command: ManifestCommand,

    /// The run manifest: dynamodb:REGION/TABLE or local:PATH
    #[arg(long, short = 'm', global = true, env = "SNOWPLOWCTL_MANIFEST", value_name = "LOCATION")]
    pub manifest: Option<String>,

    /// Iglu resolver config for payload schemas (the bundled schemas are always available)
    #[arg(long, short = 'r', global = true, value_name = "FILE")]
    pub resolver: Option<PathBuf>,

    #[command(flatten)]
    pub location: ManifestLocationArgs,

    /// Output format
    #[arg(long, global = true, value_enum, default_value_t = SummaryFormat::Text)]
    pub format: SummaryFormat,
}

/// A payload for a record: a file, or a reason that becomes a `manifest_note` payload.
#[derive(Debug, Args)]
pub struct PayloadArgs {
    /// A self-describing JSON file to attach to the record (validated through Iglu first)
    #[arg(long, value_name = "FILE", conflicts_with = "reason")]
    pub payload: Option<PathBuf>,

    /// A reason to attach, as an iglu:dev.snowplowctl/manifest_note/jsonschema/1-0-0 payload
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
}

/// `snowplowctl manifest` subcommands.
#[derive(Debug, Subcommand)]
pub enum ManifestCommand {
    /// Create the manifest (a DynamoDB table keyed by `RunId`, as the Analytics SDKs create it,
    /// or a local file)
    CreateTable,
    /// List every run the manifest knows: state, application, start and finish
    List {
        /// Only runs whose latest record has this state
        #[arg(long, value_enum, value_name = "STATE")]
        state: Option<StateArg>,
    },
    /// Show one run's records and lease
    Show {
        /// The run id
        run_id: String,
    },
    /// Mark a run processed in the run manifest, as the Analytics SDKs' `add` does
    Add {
        /// The run id
        run_id: String,
    },
    /// Say whether a run is marked processed, as the Analytics SDKs' `contains` does (prints
    /// true or false; exit status 0 either way)
    Contains {
        /// The run id
        run_id: String,
    },
    /// List the run folders of a local archive that are not yet processed
    Pending {
        /// The raw archive: a folder of run=YYYY-MM-DD-HH-mm-ss folders
        archive: PathBuf,
        /// Prefix of run ids [default: the archive folder's name and `/`]
        #[arg(long, value_name = "PREFIX")]
        run_id_prefix: Option<String>,
        /// Also list runs that are claimed, failed, skipped or processed, with their status
        #[arg(long)]
        all: bool,
    },
    /// Claim a run (PROCESSING under a lease); prints the claim id for `complete` and `fail`
    Claim {
        /// The run id
        run_id: String,
        /// Seconds the claim lasts
        #[arg(long, default_value_t = 3600, value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(1..))]
        lease: u64,
        #[command(flatten)]
        payload: PayloadArgs,
    },
    /// Mark a claimed run PROCESSED (and processed in the run manifest)
    Complete {
        /// The run id
        run_id: String,
        /// The claim id `claim` printed
        #[arg(long, value_name = "ID")]
        claim: String,
        #[command(flatten)]
        payload: PayloadArgs,
    },
    /// Mark a claimed run FAILED; it is blocked until resolved
    Fail {
        /// The run id
        run_id: String,
        /// The claim id `claim` printed
        #[arg(long, value_name = "ID")]
        claim: String,
        #[command(flatten)]
        payload: PayloadArgs,
    },
    /// Give up on a run: SKIPPED blocks it until resolved
    Skip {
        /// The run id
        run_id: String,
        #[command(flatten)]
        payload: PayloadArgs,
    },
    /// Unblock a FAILED or SKIPPED run so that it is processed again
    Resolve {
        /// The run id
        run_id: String,
        #[command(flatten)]
        payload: PayloadArgs,
    },
    /// Write every run the manifest knows as JSON lines
    Export {
        /// Write to this file instead of stdout
        #[arg(long, short = 'o', value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Add the runs of an export (JSON lines) that the manifest does not know yet
    Import {
        /// The export file, or `-` for stdin
        file: PathBuf,
    },
}

/// Record states, for `--state`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[value(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum StateArg {
    /// Discovered, not claimed
    New,
    /// Claimed
    Processing,
    /// Done
    Processed,
    /// Failed, blocked until resolved
    Failed,
    /// Skipped, blocked until resolved
    Skipped,
    /// Resolved, claimable again
    Resolved,
}

impl From<StateArg> for snowplowctl::manifest::State {
    fn from(arg: StateArg) -> Self {
        use snowplowctl::manifest::State;
        match arg {
            StateArg::New => State::New,
            StateArg::Processing => State::Processing,
            StateArg::Processed => State::Processed,
            StateArg::Failed => State::Failed,
            StateArg::Skipped => State::Skipped,
            StateArg::Resolved => State::Resolved,
        }
    }
}
