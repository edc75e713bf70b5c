//! Helpers for the `generate` tests: EmrEtlRunner's sample configs with their placeholders
//! filled in (at test time: the samples are read from ../shared, never copied), the fixture
//! resolver, enrichments and targets, and the two independent checks of generated files (our
//! own `lint`, and Python fastavro).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use snowplowctl::dataflow::ConfigKind;
use snowplowctl::generate::playbook::{self, Playbook, PlaybookOptions};
use snowplowctl::generate::stages::StageRequest;
use snowplowctl::generate::{self, Credentials, GenerateError, InputPaths, Inputs, cluster};
use snowplowctl::iglu::HttpSettings;
use snowplowctl::lint::{self, Finding, LintContext, LintOptions, Severity};

use super::{fixture, shared};

/// Where EmrEtlRunner's sample configs are.
pub fn samples_dir() -> PathBuf {
    shared().join("snowplow/dataflow/emretlrunner")
}

/// A sample config's text.
pub fn sample(name: &str) -> String {
    std::fs::read_to_string(samples_dir().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Every `config.yml.*.sample` from R89 on and every `stream_config.yml.*.sample`, by file name.
pub fn sample_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(samples_dir())
        .expect("samples")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".sample"))
        .filter(|n| {
            let release = n.split('.').nth(2).unwrap_or_default();
            let number: Option<u32> =
                release.strip_prefix('r').and_then(|r| r.split('-').next()).and_then(|r| r.parse().ok());
            n.starts_with("stream_config") || number.is_none_or(|r| r >= 89)
        })
        .collect();
    names.sort();
    names
}

/// The test value for a sample key (dotted path) left as `ADD HERE`.
fn value_for(path: &str, region: &str, in_index: &mut usize) -> String {
    let bucket = |rest: &str| format!("s3://acme-snowplow/{}", rest.replace('.', "/"));
    match path {
        "aws.s3.region" | "aws.emr.region" => region.to_owned(),
        "aws.s3.buckets.log" => "s3://acme-snowplow-logs/emr".to_owned(),
        "aws.s3.buckets.raw.in" => {
            *in_index += 1;
            format!("s3://acme-collector-logs/in-{in_index}")
        }
        "aws.s3.buckets.enriched.errors" | "aws.s3.buckets.shredded.errors" => String::new(),
        "aws.emr.placement" => format!("{region}a"),
        "aws.emr.ec2_subnet_id" | "aws.emr.security_configuration" => String::new(),
        "aws.emr.ec2_key_name" => "acme-key".to_owned(),
        "monitoring.snowplow.app_id" => "snowplow".to_owned(),
        "monitoring.snowplow.collector" => "collector.acme.example".to_owned(),
        _ => match path.strip_prefix("aws.s3.buckets.") {
            Some(rest) => bucket(rest),
            None => panic!("no test value for `{path}`"),
        },
    }
}

/// The sample with every `ADD HERE` replaced by a test value chosen by its key.
pub fn fill(text: &str, region: &str) -> String {
    let mut stack: Vec<(usize, String)> = Vec::new();
    let mut in_index = 0;
    let mut out = String::new();
    for line in text.lines() {
        let indent = line.len() - line.trim_start().len();
        let trimmed = line.trim_start();
        if let Some((key, _)) = trimmed.split_once(':')
            && !trimmed.starts_with('-')
            && !trimmed.starts_with('#')
            && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.' || c == '-')
        {
            while stack.last().is_some_and(|(i, _)| *i >= indent) {
                stack.pop();
            }
            stack.push((indent, key.to_owned()));
        }
        if line.contains("ADD HERE") {
            let path = stack.iter().map(|(_, k)| k.as_str()).collect::<Vec<_>>().join(".");
            out.push_str(&line.replacen("ADD HERE", &value_for(&path, region, &mut in_index), 1));
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

/// A temporary directory for configs and outputs.
pub struct Workspace {
    pub dir: tempfile::TempDir,
}

impl Workspace {
    pub fn new() -> Self {
        Workspace { dir: tempfile::tempdir().expect("temp dir") }
    }

    pub fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, text).expect("write");
        path
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }
}

/// The fixture resolver (an embedded copy of Iglu Central from ../shared: no network).
pub fn resolver_path() -> PathBuf {
    fixture("generate/resolver.json")
}

/// The fixture targets: Redshift (ENRICHED_EVENTS), Elasticsearch (FAILED_EVENTS) and DynamoDB
/// (DUPLICATE_TRACKING).
pub fn targets_dir() -> PathBuf {
    fixture("generate/targets")
}

/// The fixture enrichments.
pub fn enrichments_dir() -> PathBuf {
    fixture("pipeline/enrichments")
}

/// A lint context whose resolver is the fixture resolver.
pub fn context(vars: &[(&str, &str)]) -> LintContext {
    let settings = HttpSettings { offline: true, ..HttpSettings::default() };
    let resolver = lint::load_resolver(&resolver_path(), settings, snowplowctl::source::DEFAULT_MAX_FILE_SIZE)
        .unwrap_or_else(|report| panic!("fixture resolver: {report:?}"));
    let vars: BTreeMap<String, String> = vars.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
    LintContext::new(Arc::new(resolver), LintOptions { vars, ..LintOptions::default() })
}

/// The paths for a config with the fixture resolver, enrichments and targets.
pub fn paths(config: &Path) -> InputPaths {
    InputPaths {
        config: config.to_owned(),
        resolver: Some(resolver_path()),
        enrichments: Some(enrichments_dir()),
        targets: Some(targets_dir()),
    }
}

/// Loads inputs with no environment variables set.
pub fn load(paths: &InputPaths) -> Result<Inputs, GenerateError> {
    generate::load_inputs(&context(&[]), paths, &|_| None)
}

/// A playbook for `inputs` with the given stage options.
pub fn plan(
    inputs: &Inputs,
    skip: &[&str],
    resume_from: Option<&str>,
    include: &[&str],
) -> Result<Playbook, GenerateError> {
    let options = PlaybookOptions {
        stages: StageRequest {
            skip: skip.iter().map(|s| (*s).to_owned()).collect(),
            resume_from: resume_from.map(str::to_owned),
            include: include.iter().map(|s| (*s).to_owned()).collect(),
            stream_mode: false,
        },
        empty_hdfs: false,
    };
    playbook::plan(inputs, &options)
}

/// The cluster config for `inputs` as JSON.
pub fn cluster_json(inputs: &Inputs) -> String {
    cluster::plan(inputs, Credentials::Default).and_then(|c| c.to_json()).expect("cluster")
}

/// Values for every template variable, as a user would pass them with `--vars`.
pub const VARS: [(&str, &str); 3] =
    [("runId", "2024-01-31-23-59-59"), ("etlTimestamp", "1706745599000"), ("recoverRunId", "2024-01-30-23-59-59")];

/// `snowplowctl lint cluster|playbook` on a generated file (through a file, template variables
/// rendered with [`VARS`]): the findings.
pub fn lint_generated(dir: &Path, name: &str, kind: ConfigKind, json: &str) -> Vec<Finding> {
    let path = dir.join(name);
    std::fs::write(&path, json).expect("write");
    let report = lint::dataflow::lint_file(&context(&VARS), &path, kind);
    report.findings
}

/// Asserts that `snowplowctl lint` finds no errors or warnings in a generated file.
pub fn assert_lints_clean(dir: &Path, name: &str, kind: ConfigKind, json: &str) {
    let findings: Vec<Finding> =
        lint_generated(dir, name, kind, json).into_iter().filter(|f| f.severity >= Severity::Warning).collect();
    assert!(findings.is_empty(), "{name}: {findings:#?}");
}

/// The Avro schema an independent reader should validate a generated file with: the Iglu
/// Central schema its `schema` names, or Dataflow Runner 0.7.5's bundled cluster schema when
/// the file uses that version's `securityConfiguration`.
pub fn avro_schema_for(json: &str) -> PathBuf {
    let value: serde_json::Value = serde_json::from_str(json).expect("json");
    let uri = value["schema"].as_str().expect("schema");
    if value.pointer("/data/securityConfiguration").is_some() {
        return shared().join("snowplow/dataflow/examples/dataflow-runner-0.7.5-bundled-cluster.avsc");
    }
    let path = uri.strip_prefix("iglu:").expect("iglu uri");
    shared().join("snowplow/dataflow/schemas").join(path)
}

#[allow(clippy::print_stderr, reason = "a skipped check must say so in the test output")]
/// Validates files with Python fastavro (scripts/check-avro.py), using the interpreter that
/// `scripts/test` puts in `SNOWPLOWCTL_TEST_PYTHON`. Returns false (after saying so) when that
/// variable is not set, i.e. outside `scripts/test`.
pub fn fastavro_check(files: &[PathBuf]) -> bool {
    let Some(python) = std::env::var_os("SNOWPLOWCTL_TEST_PYTHON") else {
        eprintln!(
            "SKIPPED: the fastavro check needs SNOWPLOWCTL_TEST_PYTHON (a Python with fastavro); scripts/test sets it"
        );
        return false;
    };
    let mut command = Command::new(python);
    command.arg(super::root().join("scripts/check-avro.py"));
    for file in files {
        let json = std::fs::read_to_string(file).expect("read");
        command.arg(avro_schema_for(&json)).arg(file);
    }
    let output = command.output().expect("python runs");
    assert!(
        output.status.success(),
        "fastavro rejected generated files:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    true
}
