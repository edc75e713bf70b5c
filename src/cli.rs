//! The command-line definition (clap derive). Only argument shapes live here; handlers are in
//! `commands/`, and all real work in the library.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use snowplowctl::enrich::catalog::EnrichRuntime;
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
