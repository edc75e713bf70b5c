//! One handler per subcommand. Each returns the process exit status.

pub mod completions;
pub mod enrich;
pub mod generate;
pub mod lint;
pub mod man;
pub mod manifest;
pub mod progress;
pub mod run;
pub mod shred;
pub mod store;
pub mod transform;

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use snowplowctl::iglu::{HttpSettings, Resolver};
use snowplowctl::lint::Report;
use snowplowctl::lint::render::{self, Format, RenderOptions};

use crate::cli::GlobalArgs;

/// snowplowctl's exit statuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// 0: everything ok.
    Success,
    /// 1: findings (lint) or invalid input that stopped the command.
    Failure,
    /// 2: usage or I/O error.
    Error,
}

impl From<ExitStatus> for ExitCode {
    fn from(status: ExitStatus) -> Self {
        match status {
            ExitStatus::Success => ExitCode::SUCCESS,
            ExitStatus::Failure => ExitCode::from(1),
            ExitStatus::Error => ExitCode::from(2),
        }
    }
}

/// Whether to colour output on a stream, honouring `--color` and `NO_COLOR`.
pub fn use_color(choice: crate::cli::ColorChoice, is_terminal: bool) -> bool {
    match choice {
        crate::cli::ColorChoice::Always => true,
        crate::cli::ColorChoice::Never => false,
        crate::cli::ColorChoice::Auto => is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    }
}

/// `message`, followed by an indented `hint:` line when there is a hint.
pub fn with_hint(message: &str, hint: Option<&str>) -> String {
    match hint {
        Some(hint) => format!("{message}\n  hint: {hint}"),
        None => message.to_owned(),
    }
}

/// The DynamoDB client for `--region`/`--profile`/`--endpoint-url` and the AWS chain; a
/// configuration that cannot work is an error (exit status 2) with a hint.
pub fn connect_dynamodb(aws: &snowplowctl::aws::AwsOptions) -> anyhow::Result<snowplowctl::aws::DynamoDb> {
    snowplowctl::aws::DynamoDb::connect(aws)
        .map_err(|error| anyhow::anyhow!(with_hint(&error.to_string(), error.hint())))
}

/// HTTP settings from the global flags.
pub fn http_settings(global: &GlobalArgs) -> HttpSettings {
    HttpSettings {
        timeout: Duration::from_secs(global.http_timeout.max(1)),
        cache_dir: global.cache_dir.clone().or_else(|| dirs::cache_dir().map(|d| d.join("snowplowctl"))),
        offline: global.offline,
        ..HttpSettings::default()
    }
}

/// The resolver a command validates with: the `--resolver` file, or the bundled schemas only.
/// When the file is not a usable resolver, the error is a report of its findings.
pub fn load_resolver(path: Option<&Path>, global: &GlobalArgs, max_file_size: u64) -> Result<Resolver, Box<Report>> {
    match path {
        None => Ok(Resolver::bundled()),
        Some(path) => snowplowctl::lint::load_resolver(path, http_settings(global), max_file_size),
    }
}

/// The resolver a data command (`enrich`, `shred`) validates with; when `path` is unusable its
/// findings are printed to stderr and the command's exit status is returned instead.
pub fn data_resolver(path: Option<&Path>, global: &GlobalArgs) -> anyhow::Result<Result<Resolver, ExitStatus>> {
    match load_resolver(path, global, snowplowctl::source::DEFAULT_MAX_FILE_SIZE) {
        Ok(resolver) => Ok(Ok(resolver)),
        Err(report) => {
            let path = path.map(|p| p.display().to_string()).unwrap_or_default();
            eprintln!("snowplowctl: error: the resolver {path} cannot be used:");
            let options = RenderOptions { color: use_color(global.color, std::io::stderr().is_terminal()) };
            render::render(&report, Format::Text, options, &mut std::io::stderr().lock())?;
            Ok(Err(ExitStatus::Failure))
        }
    }
}
