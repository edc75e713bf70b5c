//! `snowplowctl generate`: Dataflow Runner configs from an EmrEtlRunner config.yml.
//!
//! EmrEtlRunner built its EMR cluster and step DAG at run time (`emr_job.rb`); its own
//! `generate` command was never enabled and never learnt the Spark era. This module produces
//! the same cluster and steps as files for Dataflow Runner:
//!
//! * [`load_inputs`] reads config.yml, the resolver, the enrichments and the storage targets,
//!   and runs their `snowplowctl lint` checks first;
//! * [`stages::select_stages`] applies EmrEtlRunner's `--skip` / `--resume-from` /
//!   `--include` rules (a pure function);
//! * [`playbook::plan`] builds the typed step list (name, stage, jar, arguments) and
//!   [`cluster::plan`] the cluster, each with [`Warning`]s for what Dataflow Runner cannot
//!   express;
//! * [`playbook::Playbook::to_json`] and [`cluster::Cluster::to_json`] write PlaybookConfig
//!   1-0-1 and ClusterConfig 1-1-0 as pretty JSON with a fixed key order, so identical input
//!   gives byte-identical output. Each output is checked with `snowplowctl lint`'s own
//!   Dataflow Runner checks before it is returned.
//!
//! AWS credentials in config.yml are never copied: the files name a credentials source
//! ([`Credentials`]) instead. Run-specific values (run id, ETL timestamp) are either given at
//! generation time or left as Dataflow Runner template variables ([`text::Variable`]).

pub mod cluster;
pub mod derived;
pub mod inputs;
pub mod playbook;
pub mod stages;
pub mod text;

use std::fmt;

use serde::Serialize;
use serde_json::Value;

pub use inputs::{InputPaths, Inputs, Target, Targets, load_inputs};

use crate::dataflow::ConfigKind;
use crate::lint::{LintError, Report, Severity};
use crate::locate::dotted;

/// EMR's limit on the length of one step argument, in characters (snowplow/snowplow#1311).
pub const EMR_STEP_ARGUMENT_LIMIT: usize = 10_280;

/// Where Dataflow Runner takes AWS credentials from (both keys get the same magic value).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Credentials {
    /// The AWS SDK's default chain: environment, shared config and profile, then the instance
    /// role (Dataflow Runner 0.5.0 and later).
    #[default]
    Default,
    /// `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY` in Dataflow Runner's environment.
    Env,
    /// The EC2 instance profile of the machine running Dataflow Runner.
    Iam,
}

impl Credentials {
    /// The value written for both keys.
    pub fn value(self) -> &'static str {
        match self {
            Credentials::Default => "default",
            Credentials::Env => "env",
            Credentials::Iam => "iam",
        }
    }
}

/// The `credentials` record of both configs.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct CredentialsRecord {
    access_key_id: &'static str,
    secret_access_key: &'static str,
}

impl From<Credentials> for CredentialsRecord {
    fn from(credentials: Credentials) -> Self {
        CredentialsRecord { access_key_id: credentials.value(), secret_access_key: credentials.value() }
    }
}

/// `{"key": …, "value": …}`, for tags.
#[derive(Debug, Clone, Serialize)]
struct TagRecord {
    key: String,
    value: String,
}

/// Something in the inputs that the generated files cannot express, or express differently.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// JSON pointer of the config.yml key concerned, if one is.
    pub pointer: Option<String>,
    /// What happens, in a full sentence.
    pub message: String,
}

impl Warning {
    fn at(pointer: &str, message: impl Into<String>) -> Self {
        Warning { pointer: Some(pointer.to_owned()), message: message.into() }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.pointer {
            Some(pointer) => write!(f, "{}: {}", dotted(pointer), self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// Why nothing was generated.
#[derive(Debug, thiserror::Error)]
pub enum GenerateError {
    /// An input path is missing or unreadable (exit status 2).
    #[error(transparent)]
    Input(#[from] LintError),
    /// Lint findings at error level in the inputs, or config.yml values generation cannot use.
    #[error("the inputs have problems ({} error(s))", .0.summary().errors)]
    Findings(Box<Report>),
    /// A `--skip` / `--resume-from` / `--include` combination EmrEtlRunner refuses.
    #[error(transparent)]
    Stage(#[from] stages::StageError),
    /// A step argument longer than EMR accepts.
    #[error(
        "step `{step}`: the value of argument {argument} is {length} characters long, over EMR's {EMR_STEP_ARGUMENT_LIMIT}-character limit for one step argument"
    )]
    ArgumentTooLong {
        /// The step's name.
        step: String,
        /// The argument: the option it is the value of (`` `--enrichments` ``), or its position (`#8`).
        argument: String,
        /// Its length once rendered.
        length: usize,
        /// What to do about it.
        hint: String,
    },
    /// The stages selected produce no step at all (Dataflow Runner refuses an empty playbook).
    #[error("the playbook would have no steps: {reason}")]
    EmptyPlaybook {
        /// Why.
        reason: String,
    },
    /// A generated file failed snowplowctl's own Dataflow Runner checks: a bug.
    #[error("internal error (please report it): {0}")]
    Internal(String),
}

impl GenerateError {
    /// Advice for the errors that are not reports.
    pub fn hint(&self) -> Option<String> {
        match self {
            GenerateError::Stage(error) => Some(error.hint()),
            GenerateError::ArgumentTooLong { hint, .. } => Some(hint.clone()),
            GenerateError::EmptyPlaybook { .. } => Some(
                "Dataflow Runner refuses a playbook without steps; run fewer --skip stages, or resume from an \
                 earlier stage"
                    .to_owned(),
            ),
            _ => None,
        }
    }
}

/// Wraps `data` in its envelope, writes it as pretty JSON and checks it with `snowplowctl
/// lint`'s Dataflow Runner checks: an error there is a bug in the generator.
fn finish_document(kind: ConfigKind, data: impl Serialize) -> Result<String, GenerateError> {
    #[derive(Serialize)]
    struct Envelope<T> {
        schema: String,
        data: T,
    }
    let envelope = Envelope { schema: kind.latest().to_uri(), data };
    let mut json =
        serde_json::to_string_pretty(&envelope).map_err(|e| GenerateError::Internal(format!("serialising: {e}")))?;
    json.push('\n');
    let value: Value = serde_json::from_str(&json).map_err(|e| GenerateError::Internal(e.to_string()))?;
    let mut findings = Vec::new();
    crate::lint::dataflow::check_config(kind, &value, &json, &mut findings);
    let errors: Vec<String> = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| format!("{} {}: {}", f.rule.code, f.pointer.as_deref().unwrap_or(""), f.message))
        .collect();
    if errors.is_empty() {
        Ok(json)
    } else {
        Err(GenerateError::Internal(format!("the generated {kind} fails its checks: {}", errors.join("; "))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dotted_paths() {
        assert_eq!(dotted("/aws/s3/buckets/raw/in/0"), "aws.s3.buckets.raw.in[0]");
        assert_eq!(dotted(""), "");
    }

    #[test]
    fn credentials_are_magic_values() {
        assert_eq!(Credentials::default(), Credentials::Default);
        assert_eq!(
            [Credentials::Default, Credentials::Env, Credentials::Iam].map(Credentials::value),
            ["default", "env", "iam"]
        );
    }
}
