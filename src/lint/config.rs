//! `lint config FILE`: EmrEtlRunner's `config.yml` (R117 / emr-etl-runner 1.0.x).
//!
//! The file goes through what EmrEtlRunner does to it: ERB (environment lookups only, see
//! [`crate::emr::erb`]), YAML, then validation against snowplowctl's JSON Schema
//! ([`CONFIG_SCHEMA`]) so every key and type problem has a JSON pointer and a line. Then come the
//! checks EmrEtlRunner makes itself (`collectors.format`, Thrift on AMI 2.x, Stream Enrich mode)
//! and those it leaves to a failed run (versions, regions, EBS, overlapping locations).
//!
//! Placeholders such as `ADD HERE` in the sample configs are not findings by default, and the
//! checks that read values skip them; `--strict` reports them, and adds checks that are
//! matters of practice rather than failures (S3 URL shapes, matching regions, credentials
//! written into the file, settings Dataflow Runner cannot express).
//!
//! AWS credentials never appear in messages: the values at their keys, and every value taken
//! from the environment, are redacted from every finding.

use crate::text::edit_distance;
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;
use serde_json::Value;

use super::common::{self, rule};
use super::finding::{FileKind, FileLint, Finding, Report, Rule, Severity};
use super::{LintContext, LintError};
use crate::emr::config::{CONFIG_SCHEMA, CREDENTIAL_POINTERS, Version, added_key, removed_key};
use crate::emr::erb::{self, Rendered};
use crate::emr::yaml::{self, YamlDocument};
use crate::iglu::SchemaKey;
use crate::locate::{dotted, escape_pointer_token, locate_yaml, locate_yaml_all, pointer_tokens};
use crate::source::{Position, position_of};

rule!(
    ERB_UNSUPPORTED,
    "C001",
    "erb-unsupported",
    Error,
    "An ERB tag other than an environment lookup.",
    "EmrEtlRunner runs any Ruby inside `<% %>` tags; snowplowctl renders only `<%= ENV['NAME'] %>`, so the rest of the file cannot be checked as EmrEtlRunner would see it.",
    "`<% if production %>` … `<% end %>` around a block of keys",
    "replace the tag with an environment lookup (`<%= ENV['NAME'] %>`) or a literal value"
);
rule!(
    ENV_UNSET,
    "C002",
    "env-unset",
    Error,
    "An environment variable named by an ERB lookup is not set (with `--require-env`).",
    "ERB renders an unset variable as an empty string, which YAML reads as a blank value, and EmrEtlRunner then rejects the config.",
    "`access_key_id: <%= ENV['AWS_SNOWPLOW_ACCESS_KEY'] %>` with the variable unset",
    "export the variable before running, or drop `--require-env` to treat lookups as supplied at run time"
);
rule!(
    UNKNOWN_KEY,
    "C003",
    "unknown-config-key",
    Warning,
    "A key EmrEtlRunner R117 does not read.",
    "EmrEtlRunner ignores keys it does not know, so a misspelt key silently leaves the setting at its default.",
    "`consolidate_shreded_output: true`",
    "fix the spelling or remove the key"
);
rule!(
    REMOVED_KEY,
    "C004",
    "removed-config-key",
    Warning,
    "A key from an older EmrEtlRunner release that R117 no longer reads.",
    "Upgraded configs keep keys R117 ignores; whatever they configured (storage targets, job names, versions) no longer happens.",
    "`storage.targets` in an R117 config",
    "follow the migration in the message"
);
rule!(
    WRONG_TYPE,
    "C005",
    "wrong-value-type",
    Error,
    "A value has the wrong type, or is blank where EmrEtlRunner needs a value.",
    "EmrEtlRunner checks its config against Ruby contracts and refuses to start, printing the whole config instead of the key at fault (snowplow/snowplow#2084).",
    "`task_instance_bid: \"0.015\"` (a string where a number is needed)",
    "change the value to the type named in the message"
);
rule!(
    MISSING_KEY,
    "C006",
    "missing-config-key",
    Error,
    "A required key is missing.",
    "EmrEtlRunner's contracts treat a missing key as blank and refuse the config.",
    "an R107 config without `aws.s3.buckets.encrypted`",
    "add the key (see the R117 sample config)"
);
rule!(
    INVALID_VALUE,
    "C007",
    "invalid-config-value",
    Error,
    "A value is outside what EmrEtlRunner or AWS accepts.",
    "Values such as `output_compression`, EBS volume types, counts and the monitoring endpoint are only checked when the run reaches them, often after a cluster has started.",
    "`output_compression: gzip`",
    "change the value to one EmrEtlRunner accepts"
);
rule!(
    DUPLICATE_KEY,
    "C008",
    "duplicate-yaml-key",
    Warning,
    "A key appears twice in the same mapping.",
    "YAML loaders keep the last value without a word, so the first one is silently ignored.",
    "two `region:` lines under `aws.emr`",
    "keep one of the two"
);
rule!(
    UNSUPPORTED_COLLECTOR_FORMAT,
    "C009",
    "unsupported-collector-format",
    Error,
    "`collectors.format` is not a format EmrEtlRunner supports.",
    "EmrEtlRunner refuses to start on any other format.",
    "`format: cloudfront-logs`",
    "use `cloudfront`, `clj-tomcat`, `thrift`, or `tsv/…`, `json/…`, `ndjson/…` with vendor and version (e.g. `tsv/com.amazon.aws.cloudfront/wd_access_log`)"
);
rule!(
    THRIFT_ON_AMI_2,
    "C010",
    "thrift-needs-newer-ami",
    Error,
    "The Thrift collector format with an AMI 2.x cluster.",
    "EmrEtlRunner refuses to process Thrift records on AMI 2.x.",
    "`format: thrift` with `ami_version: 2.4.2`",
    "use a 5.x EMR release such as 5.29.0"
);
rule!(
    IGNORED_IN_STREAM_MODE,
    "C011",
    "ignored-in-stream-mode",
    Warning,
    "A setting that Stream Enrich mode ignores.",
    "With `aws.s3.buckets.enriched.stream` set, EmrEtlRunner skips staging and enrich, so raw buckets and the collector format are never used; keeping them suggests the mode is not the intended one.",
    "`raw:` buckets next to `enriched.stream`",
    "remove the setting, or remove `enriched.stream` to run batch enrichment"
);
rule!(
    NEEDED_FOR_RUN,
    "C012",
    "needed-for-run",
    Error,
    "A key the schema allows to be blank, but that the run needs in this mode.",
    "Several keys are optional only because Stream Enrich mode does not use them; without them a batch run fails part-way, after the cluster has started.",
    "no `raw` buckets and no `enriched.stream`",
    "fill in the key, or set `aws.s3.buckets.enriched.stream` for Stream Enrich mode"
);
rule!(
    MALFORMED_VERSION,
    "C013",
    "malformed-version",
    Error,
    "An AMI or job version is not `MAJOR.MINOR.PATCH`.",
    "EmrEtlRunner parses versions to pick jar paths, bootstrap scripts and step arguments; anything else fails or picks the wrong jar.",
    "`ami_version: emr-5.29.0` or `spark_enrich: 1.18`",
    "write the version as three numbers, e.g. `5.29.0`, quoted if YAML would read it as a number"
);
rule!(
    PLACEMENT_AND_SUBNET,
    "C014",
    "placement-and-subnet",
    Warning,
    "Both `aws.emr.placement` and `aws.emr.ec2_subnet_id` are set.",
    "EmrEtlRunner uses the subnet and drops the placement; the availability zone written there is not used.",
    "`placement: eu-west-1a` and `ec2_subnet_id: subnet-0a1b2c3d`",
    "leave `placement` blank in a VPC (or `ec2_subnet_id` blank outside one)"
);
rule!(
    INVALID_AWS_REGION,
    "C015",
    "invalid-aws-region",
    Error,
    "A region or availability zone that is not an AWS code, or a placement outside the cluster's region.",
    "A wrong region makes the EMR or S3 calls fail, or starts the cluster where the buckets are not.",
    "`region: eu-west` or `placement: eu-west-1` (a region, not a zone)",
    "use a region code such as `eu-west-1`, and an availability zone such as `eu-west-1a` for `placement`"
);
rule!(
    IO1_WITHOUT_IOPS,
    "C016",
    "io1-without-iops",
    Error,
    "An `io1` core volume without `volume_iops`.",
    "EMR requires provisioned IOPS for `io1` volumes and refuses to create the cluster.",
    "`volume_type: io1` with `volume_iops` blank",
    "set `volume_iops`, or use `gp2`"
);
rule!(
    LOCATION_OVERLAP,
    "C017",
    "location-overlap",
    Warning,
    "Two S3 locations are the same, or one is inside the other.",
    "EmrEtlRunner moves data between these locations and checks that some are empty; shared or nested locations make runs pick up archived data again or refuse to start.",
    "`raw.archive: s3://acme-logs/archive` inside `raw.in: s3://acme-logs`",
    "give every location its own prefix"
);
rule!(
    YAML11_BOOLEAN,
    "C018",
    "yaml11-boolean",
    Warning,
    "A boolean written as `yes`, `no`, `on` or `off`.",
    "EmrEtlRunner's YAML 1.1 parser reads these as booleans, but YAML 1.2 tools (snowplowctl's `generate` included) read them as strings.",
    "`encrypted: yes`",
    "write `true` or `false`"
);
rule!(
    PLACEHOLDER,
    "C019",
    "placeholder-value",
    Error,
    "A placeholder such as `ADD HERE` was left in (with `--strict`).",
    "The sample configs mark every value to fill in with `ADD HERE`; a run with one left fails or writes to the wrong place.",
    "`region: ADD HERE`",
    "replace the placeholder with the real value"
);
rule!(
    BUCKET_URL,
    "C020",
    "bucket-url",
    Error,
    "A bucket location that is not an `s3://bucket/path` URL (with `--strict`).",
    "EMR steps read these as Hadoop paths: without `s3://` they point into HDFS, and `s3n://`/`s3a://` bypass EMRFS (snowplow/snowplow#3291).",
    "`good: acme-snowplow/enriched/good` or `good: s3n://acme-snowplow/enriched/good`",
    "write locations as `s3://bucket/path`"
);
rule!(
    REGION_MISMATCH,
    "C021",
    "region-mismatch",
    Warning,
    "`aws.s3.region` and `aws.emr.region` differ (with `--strict`).",
    "Copies between a cluster and buckets in different regions are slower and cost transfer fees (snowplow/snowplow#3291).",
    "`s3.region: us-east-1` with `emr.region: eu-west-1`",
    "run the cluster in the buckets' region"
);
rule!(
    CORE_BID_NOT_PORTABLE,
    "C022",
    "core-bid-not-portable",
    Info,
    "`core_instance_bid` is set (with `--strict`).",
    "Dataflow Runner's cluster config has no spot bid for core nodes, so a cluster generated from this config (`snowplowctl generate`) runs them on demand.",
    "`core_instance_bid: 0.015`",
    "leave it blank, or accept on-demand core nodes under Dataflow Runner"
);
rule!(
    UNUSED_IOPS,
    "C023",
    "unused-iops",
    Info,
    "`volume_iops` is set for a volume type other than `io1` (with `--strict`).",
    "EmrEtlRunner only sends IOPS for `io1` volumes; for other types the value is ignored.",
    "`volume_type: gp2` with `volume_iops: 400`",
    "remove `volume_iops`, or use `io1` if provisioned IOPS are wanted"
);
rule!(
    HARDCODED_CREDENTIALS,
    "C024",
    "hardcoded-credentials",
    Warning,
    "AWS credentials are written into the file (with `--strict`).",
    "A config with keys in it ends up in version control and in the base64 config EmrEtlRunner passes to RDB Loader steps.",
    "`secret_access_key: wJalr…`",
    "use `<%= ENV['AWS_SNOWPLOW_SECRET_KEY'] %>` and set the variable where EmrEtlRunner runs"
);

/// The rules defined in this module.
pub static RULES: &[&Rule] = &[
    &ERB_UNSUPPORTED,
    &ENV_UNSET,
    &UNKNOWN_KEY,
    &REMOVED_KEY,
    &WRONG_TYPE,
    &MISSING_KEY,
    &INVALID_VALUE,
    &DUPLICATE_KEY,
    &UNSUPPORTED_COLLECTOR_FORMAT,
    &THRIFT_ON_AMI_2,
    &IGNORED_IN_STREAM_MODE,
    &NEEDED_FOR_RUN,
    &MALFORMED_VERSION,
    &PLACEMENT_AND_SUBNET,
    &INVALID_AWS_REGION,
    &IO1_WITHOUT_IOPS,
    &LOCATION_OVERLAP,
    &YAML11_BOOLEAN,
    &PLACEHOLDER,
    &BUCKET_URL,
    &REGION_MISMATCH,
    &CORE_BID_NOT_PORTABLE,
    &UNUSED_IOPS,
    &HARDCODED_CREDENTIALS,
];

/// EmrEtlRunner's `COLLECTOR_FORMAT_REGEX`.
static COLLECTOR_FORMAT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:cloudfront|clj-tomcat|thrift|(?:json/.+/.+)|(?:tsv/.+/.+)|(?:ndjson/.+/.+))$")
        .expect("valid regex")
});
static REGION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d+$").expect("valid regex"));
static ZONE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d+)[a-z]$").expect("valid regex"));
static AMI_VERSION: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\d+\.\d+\.\d+$").expect("valid regex"));
static BUCKET_NAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$").expect("valid regex"));

/// Every key holding an S3 location, except the items of `raw.in`.
const LOCATION_POINTERS: &[&str] = &[
    "/aws/s3/buckets/assets",
    "/aws/s3/buckets/jsonpath_assets",
    "/aws/s3/buckets/log",
    "/aws/s3/buckets/raw/processing",
    "/aws/s3/buckets/raw/archive",
    "/aws/s3/buckets/enriched/good",
    "/aws/s3/buckets/enriched/bad",
    "/aws/s3/buckets/enriched/errors",
    "/aws/s3/buckets/enriched/archive",
    "/aws/s3/buckets/enriched/stream",
    "/aws/s3/buckets/shredded/good",
    "/aws/s3/buckets/shredded/bad",
    "/aws/s3/buckets/shredded/errors",
    "/aws/s3/buckets/shredded/archive",
];

/// Locations that are read, never moved to or from: left out of the overlap check.
const READ_ONLY_LOCATIONS: &[&str] =
    &["/aws/s3/buckets/assets", "/aws/s3/buckets/jsonpath_assets", "/aws/s3/buckets/log"];

/// Lints one `config.yml`, reading ERB lookups from the process environment.
pub fn lint_config(ctx: &LintContext, path: &Path) -> Result<Report, LintError> {
    lint_config_with_env(ctx, path, &|name| std::env::var_os(name).map(|v| v.to_string_lossy().into_owned()))
}

/// Lints one `config.yml`, reading ERB lookups through `env`.
pub fn lint_config_with_env(
    ctx: &LintContext,
    path: &Path,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<Report, LintError> {
    common::require_file(path)?;
    let mut file = FileLint::new(path, FileKind::Yaml);
    check_config_file(ctx, &mut file, env);
    Ok(Report::new(vec![file.finish()]))
}

/// Checks the config at `file.path`, adding findings to `file`; ERB lookups go through `env`.
pub fn check_config_file(ctx: &LintContext, file: &mut FileLint, env: &dyn Fn(&str) -> Option<String>) {
    let Some(source) = common::load_text(file, ctx.options.max_file_size) else { return };
    let rendered = erb::render(&source.text, env);
    let mut check = ConfigCheck { ctx, text: &source.text, rendered: &rendered, findings: Vec::new() };
    let document = check.run();
    // The credentials as parsed (written in the file or taken from the environment), and the
    // lookups on the credentials' lines, in case the YAML did not parse.
    let secrets: Vec<&str> = document
        .as_ref()
        .map(|doc| {
            CREDENTIAL_POINTERS
                .iter()
                .filter_map(|p| doc.pointer(p).and_then(Value::as_str))
                .filter(|s| s.chars().count() >= 4 && is_known(s))
                .collect()
        })
        .unwrap_or_default();
    let credential_lines: Vec<usize> =
        CREDENTIAL_POINTERS.iter().filter_map(|p| locate_yaml(&source.text, p)).map(|at| at.line).collect();
    let secret_lookup =
        |l: &erb::EnvLookup| credential_lines.contains(&position_of(source.text.as_bytes(), l.offset).line);
    let redact = |text: &str| {
        let mut out = rendered.redact(text, secret_lookup);
        for secret in &secrets {
            out = out.replace(secret, "<redacted>");
        }
        out
    };
    for mut finding in check.findings {
        finding.message = redact(&finding.message);
        finding.hint = finding.hint.as_deref().map(redact);
        file.push(finding);
    }
}

/// "Cluster name" → "cluster name", but "EMR tags" stays.
fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if second.is_lowercase() => {
            first.to_lowercase().chain(text.chars().skip(1)).collect()
        }
        _ => text.to_owned(),
    }
}

fn is_credential(pointer: &str) -> bool {
    CREDENTIAL_POINTERS.contains(&pointer)
}

/// Whether a value is one of the sample configs' "fill this in" markers.
pub fn is_placeholder(value: &str) -> bool {
    let lower = value.trim().to_ascii_lowercase();
    lower.contains("add here")
        || matches!(lower.as_str(), "add_here" | "changeme" | "change me" | "todo" | "fixme" | "tbd")
        || (lower.len() > 2 && lower.starts_with('<') && lower.ends_with('>'))
        || (lower.len() >= 3 && lower.chars().all(|c| c == 'x'))
}

/// A value as shown in a message: never the value of a credential.
fn show(pointer: &str, value: &Value) -> String {
    match value {
        Value::Null => "blank".to_owned(),
        _ if is_credential(pointer) => format!("{} (value not shown)", crate::iglu::json_type(value)),
        Value::String(s) => {
            let s = if s.chars().count() > 60 {
                format!("{}…", s.chars().take(59).collect::<String>())
            } else {
                s.clone()
            };
            format!("the string `{s}`")
        }
        Value::Bool(b) => format!("`{b}`"),
        Value::Number(n) => format!("the number {n}"),
        Value::Array(_) => "a list".to_owned(),
        Value::Object(_) => "a mapping".to_owned(),
    }
}

fn type_name(name: &str) -> &'static str {
    match name {
        "string" => "a string",
        "boolean" => "true or false",
        "integer" => "a whole number",
        "number" => "a number",
        "array" => "a list",
        "object" => "a mapping",
        "null" => "blank",
        _ => "a value",
    }
}

/// Follows a local `$ref`.
fn resolve<'s>(root: &'s Value, node: &'s Value) -> &'s Value {
    node.get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix('#'))
        .and_then(|p| root.pointer(p))
        .unwrap_or(node)
}

/// The (unresolved) subschema for the instance at `pointer`.
fn schema_at<'s>(root: &'s Value, pointer: &str) -> Option<&'s Value> {
    let mut node = root;
    for token in pointer_tokens(pointer) {
        let current = resolve(root, node);
        node = current
            .get("properties")
            .and_then(|p| p.get(&token))
            .or_else(|| current.get("additionalProperties").filter(|a| a.is_object()))
            .or_else(|| current.get("items").filter(|_| token.parse::<usize>().is_ok()))?;
    }
    Some(node)
}

/// What a subschema expects, in words: "a string", "a number or blank", "one of `NONE`, `GZIP`".
fn expected(root: &Value, node: &Value) -> String {
    let node = resolve(root, node);
    if let Some(options) = node.get("enum").and_then(Value::as_array) {
        let options: Vec<String> = options.iter().map(|o| format!("`{}`", o.as_str().unwrap_or_default())).collect();
        return format!("one of {}", options.join(", "));
    }
    match node.get("type") {
        Some(Value::String(t)) => type_name(t).to_owned(),
        Some(Value::Array(types)) => {
            let names: Vec<&str> = types.iter().filter_map(Value::as_str).map(type_name).collect();
            match names.split_last() {
                Some((last, [only])) => format!("{only} or {last}"),
                Some((last, rest)) if !rest.is_empty() => format!("{}, or {last}", rest.join(", ")),
                _ => names.concat(),
            }
        }
        _ => "a value".to_owned(),
    }
}

/// `true`/`false` for the words YAML 1.1 reads as booleans.
fn parse_bool_word(text: &str) -> Option<bool> {
    let lower = text.trim().to_ascii_lowercase();
    match lower.as_str() {
        "true" | "yes" | "on" => Some(true),
        "false" | "no" | "off" => Some(false),
        _ => None,
    }
}

fn allows(root: &Value, node: &Value, json_type: &str) -> bool {
    match resolve(root, node).get("type") {
        Some(Value::String(t)) => t == json_type,
        Some(Value::Array(types)) => types.iter().any(|t| t == json_type),
        _ => false,
    }
}

struct ConfigCheck<'a> {
    ctx: &'a LintContext,
    text: &'a str,
    rendered: &'a Rendered,
    findings: Vec<Finding>,
}

impl ConfigCheck<'_> {
    fn push(&mut self, finding: Finding) {
        self.findings.push(finding);
    }

    fn strict(&self) -> bool {
        self.ctx.options.strict
    }

    /// Runs every check; returns the document when it could be parsed.
    fn run(&mut self) -> Option<Value> {
        self.check_erb();
        let document = match yaml::parse_yaml(&self.rendered.text) {
            Ok(document) => document,
            Err(error) => {
                let at = error.at.map(|(line, column)| self.original_position(line, column));
                self.push(Finding::file(&common::INVALID_YAML, format!("invalid YAML: {}", error.message)).at(at));
                return None;
            }
        };
        self.check_duplicates(&document);
        let doc = document.value;
        let schema_ok = self.check_schema(&doc);
        if schema_ok.is_some() && doc.is_object() {
            self.check_values(&doc);
            self.check_modes(&doc);
            self.check_locations(&doc);
            if self.strict() {
                self.check_strict(&doc);
            }
        }
        Some(doc)
    }

    /// The original position of 1-based `line`/`column` (characters) in the rendered text.
    fn original_position(&self, line: usize, column: usize) -> Position {
        let rendered = &self.rendered.text;
        let line_start: usize = rendered.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum();
        let in_line = rendered[line_start.min(rendered.len())..]
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(rendered.len() - line_start.min(rendered.len()), |(i, _)| i);
        let offset = self.rendered.original_offset(line_start + in_line);
        position_of(self.text.as_bytes(), offset)
    }

    fn check_erb(&mut self) {
        for problem in &self.rendered.problems {
            let at = position_of(self.text.as_bytes(), problem.offset);
            self.findings.push(Finding::file(&ERB_UNSUPPORTED, problem.message.clone()).at(Some(at)));
        }
        if self.ctx.options.require_env {
            for lookup in self.rendered.lookups.iter().filter(|l| !l.set) {
                let at = position_of(self.text.as_bytes(), lookup.offset);
                self.findings.push(
                    Finding::file(
                        &ENV_UNSET,
                        format!(
                            "environment variable `{}` is not set; ERB would render it as a blank value",
                            lookup.variable
                        ),
                    )
                    .at(Some(at)),
                );
            }
        }
    }

    fn check_duplicates(&mut self, document: &YamlDocument) {
        for pointer in &document.duplicate_keys {
            let positions = locate_yaml_all(self.text, pointer);
            let lines: Vec<String> = positions.iter().map(|p| p.line.to_string()).collect();
            let message = if lines.len() > 1 {
                format!(
                    "`{}` is given {} times (lines {}); EmrEtlRunner keeps only the last one",
                    dotted(pointer),
                    lines.len(),
                    lines.join(", ")
                )
            } else {
                format!("`{}` is given more than once; EmrEtlRunner keeps only the last one", dotted(pointer))
            };
            self.push(Finding::new(&DUPLICATE_KEY, pointer.clone(), message).at(positions.last().copied()));
        }
    }

    /// Validates against snowplowctl's schema. `None` when the schema itself is unusable.
    fn check_schema(&mut self, doc: &Value) -> Option<()> {
        let key = SchemaKey::parse(CONFIG_SCHEMA).expect("valid schema key");
        let violations = match self.ctx.validators.validate(&key, doc) {
            Ok(violations) => violations,
            Err(error) => {
                self.push(common::validate_error_finding(&error, ""));
                return None;
            }
        };
        let schema = self.ctx.resolver().lookup(&key).ok()?;
        let mut reported_required = BTreeSet::new();
        for violation in violations {
            let pointer = violation.pointer.as_str();
            let value = doc.pointer(pointer).unwrap_or(&Value::Null);
            let node = schema_at(&schema, pointer);
            match violation.keyword.as_str() {
                "additionalProperties" => self.unknown_key(&schema, pointer),
                "required" => {
                    if reported_required.insert(pointer.to_owned()) {
                        self.missing_keys(&schema, doc, pointer);
                    }
                }
                "type" => {
                    if let Some(node) = node {
                        self.wrong_type(&schema, node, pointer, value);
                    }
                }
                "enum" => {
                    let options = node.map_or_else(String::new, |n| expected(&schema, n));
                    let mut finding = Finding::new(
                        &INVALID_VALUE,
                        pointer,
                        format!(
                            "`{}` is {}, but EmrEtlRunner accepts {options}",
                            dotted(pointer),
                            show(pointer, value)
                        ),
                    );
                    let allowed = node.and_then(|n| resolve(&schema, n).get("enum")).and_then(Value::as_array);
                    if let (Some(found), Some(allowed)) = (value.as_str(), allowed)
                        && let Some(same) =
                            allowed.iter().filter_map(Value::as_str).find(|a| a.eq_ignore_ascii_case(found))
                    {
                        finding = finding.with_hint(format!("values are case-sensitive: write `{same}`"));
                    }
                    self.push(finding);
                }
                "minimum" | "exclusiveMinimum" | "maximum" | "exclusiveMaximum" => {
                    let node = node.map(|n| resolve(&schema, n));
                    let bound = |k: &str| node.and_then(|n| n.get(k)).cloned().unwrap_or(Value::Null);
                    let exclusive = |k: &str| node.and_then(|n| n.get(k)).and_then(Value::as_bool).unwrap_or(false);
                    let rule = if violation.keyword.contains("inimum") {
                        if exclusive("exclusiveMinimum") {
                            format!("more than {}", bound("minimum"))
                        } else {
                            format!("at least {}", bound("minimum"))
                        }
                    } else if exclusive("exclusiveMaximum") {
                        format!("less than {}", bound("maximum"))
                    } else {
                        format!("at most {}", bound("maximum"))
                    };
                    self.push(Finding::new(
                        &INVALID_VALUE,
                        pointer,
                        format!("`{}` must be {rule}, but it is {}", dotted(pointer), show(pointer, value)),
                    ));
                }
                "minItems" => self.push(
                    Finding::new(&INVALID_VALUE, pointer, format!("`{}` is an empty list", dotted(pointer)))
                        .with_hint("list at least one location, each on its own line starting with `- `"),
                ),
                _ => self.push(Finding::new(&INVALID_VALUE, pointer, violation.message.clone())),
            }
        }
        Some(())
    }

    fn unknown_key(&mut self, schema: &Value, pointer: &str) {
        let name = pointer_tokens(pointer).pop().unwrap_or_default();
        if let Some(removed) = removed_key(pointer) {
            self.push(
                Finding::new(&REMOVED_KEY, pointer, format!("`{}` is not read by EmrEtlRunner R117", dotted(pointer)))
                    .with_hint(removed.migration),
            );
            return;
        }
        let parent = &pointer[..pointer.rfind('/').unwrap_or(0)];
        let known: Vec<String> = schema_at(schema, parent)
            .map(|n| resolve(schema, n))
            .and_then(|n| n.get("properties"))
            .and_then(Value::as_object)
            .map(|p| p.keys().cloned().collect())
            .unwrap_or_default();
        let bare = name.strip_prefix(':').unwrap_or(&name);
        let closest = known
            .iter()
            .map(|k| (edit_distance(bare, k), k))
            .filter(|(d, k)| *d <= 2.max(k.len() / 4))
            .min_by_key(|(d, _)| *d)
            .map(|(_, k)| k);
        let hint = if name.starts_with(':') && known.iter().any(|k| k == bare) {
            format!("early configs wrote keys as Ruby symbols; write `{bare}:` without the colon")
        } else if let Some(closest) = closest {
            format!("did you mean `{closest}`?")
        } else if known.is_empty() {
            "remove it".to_owned()
        } else {
            let owner = if parent.is_empty() { "the top level".to_owned() } else { format!("`{}`", dotted(parent)) };
            let keys: Vec<String> = known.iter().map(|k| format!("`{k}`")).collect();
            format!("remove it; {owner} takes {}", keys.join(", "))
        };
        self.push(
            Finding::new(
                &UNKNOWN_KEY,
                pointer,
                format!("`{}` is not a key EmrEtlRunner reads; it is ignored", dotted(pointer)),
            )
            .with_hint(hint),
        );
    }

    fn missing_keys(&mut self, schema: &Value, doc: &Value, pointer: &str) {
        let Some(node) = schema_at(schema, pointer).map(|n| resolve(schema, n)) else { return };
        let present = doc.pointer(pointer).and_then(Value::as_object);
        let required = node.get("required").and_then(Value::as_array).cloned().unwrap_or_default();
        for name in required.iter().filter_map(Value::as_str) {
            if present.is_some_and(|p| p.contains_key(name)) {
                continue;
            }
            let child = format!("{pointer}/{}", escape_pointer_token(name));
            let child_node = schema_at(schema, &child);
            let what = child_node.map_or_else(|| "a value".to_owned(), |n| expected(schema, n));
            let description = child_node
                .and_then(|n| n.get("description").or_else(|| resolve(schema, n).get("description")))
                .and_then(Value::as_str)
                .map(|d| format!(" ({})", lowercase_first(d)))
                .unwrap_or_default();
            let hint = match added_key(&child) {
                Some(added) => format!("add `{name}` ({what}); {}", added.note),
                None => format!("add `{name}` ({what})"),
            };
            let parent_name =
                if pointer.is_empty() { "the config".to_owned() } else { format!("`{}`", dotted(pointer)) };
            self.push(
                Finding::new(&MISSING_KEY, pointer, format!("{parent_name} has no `{name}` key{description}"))
                    .with_hint(hint),
            );
        }
    }

    fn wrong_type(&mut self, schema: &Value, node: &Value, pointer: &str, value: &Value) {
        // A lookup of an unset variable, or an unrendered ERB tag: the value is only known at run time.
        if value.as_str().is_some_and(erb::has_placeholder) {
            return;
        }
        let want = expected(schema, node);
        if allows(schema, node, "boolean")
            && let Some(text) = value.as_str()
            && ["yes", "no", "on", "off"].iter().any(|b| b.eq_ignore_ascii_case(text))
            && !self.value_is_quoted(pointer)
        {
            let meaning = ["yes", "on"].iter().any(|b| b.eq_ignore_ascii_case(text));
            self.push(
                Finding::new(
                    &YAML11_BOOLEAN,
                    pointer,
                    format!(
                        "`{}` is `{text}`, which EmrEtlRunner reads as {meaning} but YAML 1.2 reads as a string",
                        dotted(pointer)
                    ),
                )
                .with_hint(format!("write `{meaning}`")),
            );
            return;
        }
        let message = if pointer.is_empty() {
            format!("the config must be a mapping of settings, but it is {}", show(pointer, value))
        } else if value.is_null() {
            format!("`{}` is blank, but EmrEtlRunner needs {want} here", dotted(pointer))
        } else {
            format!("`{}` must be {want}, but it is {}", dotted(pointer), show(pointer, value))
        };
        let mut finding = Finding::new(&WRONG_TYPE, pointer, message);
        let hint = match value {
            Value::Number(_) if allows(schema, node, "string") => Some(
                "quote it: YAML reads unquoted digits as a number (and drops trailing zeros, so 1.10 becomes 1.1)"
                    .to_owned(),
            ),
            Value::String(s) if allows(schema, node, "number") || allows(schema, node, "integer") => {
                (s.trim().parse::<f64>().is_ok()).then(|| "remove the quotes so that YAML reads a number".to_owned())
            }
            Value::Bool(_) if allows(schema, node, "string") => {
                Some("quote it: unquoted true/false are booleans in YAML".to_owned())
            }
            Value::String(s) if allows(schema, node, "boolean") && parse_bool_word(s).is_some() => {
                Some(format!("remove the quotes: write `{}`", parse_bool_word(s).unwrap_or_default()))
            }
            Value::String(_) if allows(schema, node, "array") => {
                Some("write a list: each entry on its own line, starting with `- `".to_owned())
            }
            Value::Null if allows(schema, node, "object") && pointer == "/monitoring/tags" => {
                Some("write `tags: {}` for no tags".to_owned())
            }
            Value::Null => Some(match self.lookup_on_line(pointer) {
                Some(variable) => {
                    format!("the value comes from `<%= ENV['{variable}'] %>`, and `{variable}` is set but empty")
                }
                None => "fill in a value".to_owned(),
            }),
            _ => None,
        };
        if let Some(hint) = hint {
            finding = finding.with_hint(hint);
        }
        self.push(finding);
    }

    /// The text after the key's `:` on the line where `pointer` is.
    fn value_text(&self, pointer: &str) -> Option<&str> {
        let at = locate_yaml(self.text, pointer)?;
        let line = self.text.lines().nth(at.line - 1)?;
        let from_key: String = line.chars().skip(at.column - 1).collect();
        let colon = from_key.find(':')?;
        let start = line.len() - from_key.len() + colon + 1;
        Some(line[start..].trim_start())
    }

    fn value_is_quoted(&self, pointer: &str) -> bool {
        self.value_text(pointer).is_some_and(|v| v.starts_with(['"', '\'']))
    }

    /// The variable of an ERB lookup on the same line as `pointer`'s key.
    fn lookup_on_line(&self, pointer: &str) -> Option<String> {
        let line = locate_yaml(self.text, pointer)?.line;
        self.rendered
            .lookups
            .iter()
            .find(|l| position_of(self.text.as_bytes(), l.offset).line == line)
            .map(|l| l.variable.clone())
    }

    /// Cross-checks of single values that JSON Schema cannot express.
    fn check_values(&mut self, doc: &Value) {
        if let Some(format) = known_str(doc, "/collectors/format")
            && !COLLECTOR_FORMAT.is_match(format)
        {
            self.push(Finding::new(
                &UNSUPPORTED_COLLECTOR_FORMAT,
                "/collectors/format",
                format!("collector format `{format}` is not supported by EmrEtlRunner"),
            ));
        }
        let ami = known_str(doc, "/aws/emr/ami_version");
        if known_str(doc, "/collectors/format") == Some("thrift") && ami.is_some_and(|a| a.starts_with('2')) {
            self.push(Finding::new(
                &THRIFT_ON_AMI_2,
                "/aws/emr/ami_version",
                format!("AMI {} cannot process Thrift records", ami.unwrap_or_default()),
            ));
        }
        if let Some(ami) = ami
            && !AMI_VERSION.is_match(ami)
        {
            let mut finding = Finding::new(
                &MALFORMED_VERSION,
                "/aws/emr/ami_version",
                format!("`aws.emr.ami_version` is `{ami}`, not an EMR release number such as `5.29.0`"),
            );
            if let Some(bare) = ami.strip_prefix("emr-") {
                finding = finding.with_hint(format!("EmrEtlRunner adds the `emr-` prefix itself: write `{bare}`"));
            }
            self.push(finding);
        }
        for pointer in [
            "/enrich/versions/spark_enrich",
            "/storage/versions/rdb_shredder",
            "/storage/versions/rdb_loader",
            "/storage/versions/hadoop_elasticsearch",
        ] {
            if let Some(version) = known_str(doc, pointer)
                && Version::parse(version).is_none()
            {
                self.push(Finding::new(
                    &MALFORMED_VERSION,
                    pointer,
                    format!("`{}` is `{version}`, not a version such as `1.2.3` or `1.2.3-rc1`", dotted(pointer)),
                ));
            }
        }
        self.check_regions(doc);
        let ebs = "/aws/emr/jobflow/core_instance_ebs";
        if doc.pointer(&format!("{ebs}/volume_type")).and_then(Value::as_str) == Some("io1")
            && doc.pointer(&format!("{ebs}/volume_iops")).is_none_or(Value::is_null)
        {
            self.push(Finding::new(
                &IO1_WITHOUT_IOPS,
                format!("{ebs}/volume_type"),
                "an `io1` core volume needs `volume_iops`".to_owned(),
            ));
        }
        let placement = known_str(doc, "/aws/emr/placement");
        if placement.is_some() && known_str(doc, "/aws/emr/ec2_subnet_id").is_some() {
            self.push(Finding::new(
                &PLACEMENT_AND_SUBNET,
                "/aws/emr/placement",
                "both `placement` and `ec2_subnet_id` are set; EmrEtlRunner uses the subnet and ignores the placement"
                    .to_owned(),
            ));
        }
        if let Some(info) = known_str(doc, "/aws/emr/additional_info")
            && !serde_json::from_str::<Value>(info).is_ok_and(|v| v.is_object())
        {
            self.push(
                Finding::new(
                    &INVALID_VALUE,
                    "/aws/emr/additional_info",
                    "`aws.emr.additional_info` is not a JSON object; EMR rejects it".to_owned(),
                )
                .with_hint("write it as JSON in single quotes, e.g. `'{\"amiVirtualization\": \"hvm\"}'`"),
            );
        }
        self.check_monitoring(doc);
    }

    fn check_regions(&mut self, doc: &Value) {
        for pointer in ["/aws/s3/region", "/aws/emr/region"] {
            if let Some(region) = known_str(doc, pointer)
                && !REGION.is_match(region)
            {
                let hint = if ZONE.is_match(region) {
                    format!("`{region}` is an availability zone; the region is `{}`", &region[..region.len() - 1])
                } else {
                    "use a region code such as `eu-west-1` or `us-east-1`".to_owned()
                };
                self.push(
                    Finding::new(&INVALID_AWS_REGION, pointer, format!("`{region}` is not an AWS region code"))
                        .with_hint(hint),
                );
            }
        }
        let Some(placement) = known_str(doc, "/aws/emr/placement") else { return };
        match ZONE.captures(placement) {
            None => {
                let hint = if REGION.is_match(placement) {
                    format!("`placement` takes an availability zone such as `{placement}a`, not a region")
                } else {
                    "use an availability zone such as `eu-west-1a`".to_owned()
                };
                self.push(
                    Finding::new(
                        &INVALID_AWS_REGION,
                        "/aws/emr/placement",
                        format!("`{placement}` is not an availability zone"),
                    )
                    .with_hint(hint),
                );
            }
            Some(zone) => {
                if let Some(region) = known_str(doc, "/aws/emr/region")
                    && REGION.is_match(region)
                    && &zone[1] != region
                {
                    self.push(
                        Finding::new(
                            &INVALID_AWS_REGION,
                            "/aws/emr/placement",
                            format!("availability zone `{placement}` is not in the cluster's region `{region}`"),
                        )
                        .with_hint(format!(
                            "pick a zone in `{region}` such as `{region}a`, or run the cluster in `{}`",
                            &zone[1]
                        )),
                    );
                }
            }
        }
    }

    fn check_monitoring(&mut self, doc: &Value) {
        let at = "/monitoring/snowplow";
        if let Some(method) = known_str(doc, &format!("{at}/method"))
            && !["get", "post"].iter().any(|m| m.eq_ignore_ascii_case(method))
        {
            self.push(Finding::new(
                &INVALID_VALUE,
                format!("{at}/method"),
                format!("`monitoring.snowplow.method` is `{method}`; the tracker sends `get` or `post`"),
            ));
        }
        if let Some(protocol) = known_str(doc, &format!("{at}/protocol"))
            && !["http", "https"].iter().any(|m| m.eq_ignore_ascii_case(protocol))
        {
            self.push(Finding::new(
                &INVALID_VALUE,
                format!("{at}/protocol"),
                format!("`monitoring.snowplow.protocol` is `{protocol}`; use `http` or `https`"),
            ));
        }
        if let Some(collector) = known_str(doc, &format!("{at}/collector"))
            && let Some((scheme, host)) = collector.split_once("://")
        {
            self.push(
                Finding::new(
                    &INVALID_VALUE,
                    format!("{at}/collector"),
                    format!(
                        "`monitoring.snowplow.collector` includes `{scheme}://`; the tracker adds the protocol itself"
                    ),
                )
                .with_hint(format!(
                    "write the host only (`{}`) and set `protocol: {scheme}`",
                    host.trim_end_matches('/')
                )),
            );
        }
    }

    /// Stream Enrich mode and batch mode need different keys.
    fn check_modes(&mut self, doc: &Value) {
        let buckets = "/aws/s3/buckets";
        let Some(bucket_map) = doc.pointer(buckets).and_then(Value::as_object) else { return };
        let set = |p: &str| doc.pointer(p).is_some_and(|v| !v.is_null());
        let stream = set(&format!("{buckets}/enriched/stream"));
        if stream {
            for pointer in [format!("{buckets}/raw"), "/collectors".to_owned()] {
                if set(&pointer) {
                    self.push(Finding::new(
                        &IGNORED_IN_STREAM_MODE,
                        pointer.clone(),
                        format!(
                            "`{}` is not used: `enriched.stream` is set, so EmrEtlRunner runs in Stream Enrich mode",
                            dotted(&pointer)
                        ),
                    ));
                }
            }
        } else {
            let mut needed = Vec::new();
            if bucket_map.get("raw").is_none_or(Value::is_null) {
                needed.push((buckets.to_owned(), "`raw` buckets (in, processing, archive)".to_owned()));
            }
            if doc.pointer("/collectors").is_none_or(Value::is_null) {
                needed.push((String::new(), "`collectors.format`".to_owned()));
            }
            if doc.pointer("/enrich").is_some_and(Value::is_object)
                && doc.pointer("/enrich/versions").is_none_or(Value::is_null)
            {
                needed.push(("/enrich".to_owned(), "`enrich.versions.spark_enrich`".to_owned()));
            }
            if doc.pointer(&format!("{buckets}/enriched")).is_some_and(Value::is_object)
                && doc.pointer(&format!("{buckets}/enriched/bad")).is_none_or(Value::is_null)
            {
                needed.push((format!("{buckets}/enriched"), "`enriched.bad`".to_owned()));
            }
            for (pointer, what) in needed {
                self.push(
                    Finding::new(
                        &NEEDED_FOR_RUN,
                        pointer,
                        format!("batch enrichment needs {what}, since `aws.s3.buckets.enriched.stream` is not set"),
                    )
                    .with_hint("fill it in, or set `enriched.stream` to run in Stream Enrich mode"),
                );
            }
        }
        for stage in ["enriched", "shredded"] {
            let pointer = format!("{buckets}/{stage}");
            if doc.pointer(&pointer).is_some_and(Value::is_object)
                && doc.pointer(&format!("{pointer}/archive")).is_none_or(Value::is_null)
            {
                self.push(
                    Finding::new(
                        &NEEDED_FOR_RUN,
                        pointer,
                        format!("`{stage}.archive` is blank, so the `archive_{stage}` step fails"),
                    )
                    .with_severity(Severity::Warning)
                    .with_hint(format!("set an archive location, or always run with `--skip archive_{stage}`")),
                );
            }
        }
    }

    /// Every S3 location with its pointer.
    fn locations(doc: &Value) -> Vec<(String, &str)> {
        let mut out: Vec<(String, &str)> = Vec::new();
        if let Some(items) = doc.pointer("/aws/s3/buckets/raw/in").and_then(Value::as_array) {
            for (i, item) in items.iter().enumerate() {
                if let Some(s) = item.as_str() {
                    out.push((format!("/aws/s3/buckets/raw/in/{i}"), s));
                }
            }
        }
        for pointer in LOCATION_POINTERS {
            if let Some(s) = doc.pointer(pointer).and_then(Value::as_str) {
                out.push(((*pointer).to_owned(), s));
            }
        }
        out
    }

    fn check_locations(&mut self, doc: &Value) {
        let locations = Self::locations(doc);
        for (pointer, value) in &locations {
            if value.is_empty() {
                self.push(
                    Finding::new(
                        &INVALID_VALUE,
                        pointer.clone(),
                        format!(
                            "`{}` is an empty string; EmrEtlRunner fails while adding its trailing `/`",
                            dotted(pointer)
                        ),
                    )
                    .with_hint(
                        "write the location, e.g. `s3://bucket/path`, or leave the value blank where that is allowed",
                    ),
                );
            }
        }
        // Compare as EmrEtlRunner's steps would: trailing slash added, scheme ignored.
        let normalised: Vec<(&String, String)> = locations
            .iter()
            .filter(|(p, v)| !READ_ONLY_LOCATIONS.contains(&p.as_str()) && is_known(v) && !v.is_empty())
            .map(|(p, v)| {
                let path = v.split_once("://").map_or(*v, |(_, rest)| rest);
                (p, if path.ends_with('/') { path.to_owned() } else { format!("{path}/") })
            })
            .collect();
        for (i, (pointer, path)) in normalised.iter().enumerate() {
            for (other, other_path) in &normalised[..i] {
                let finding = if path == other_path {
                    Finding::new(
                        &LOCATION_OVERLAP,
                        (*pointer).clone(),
                        format!("`{}` is the same location as `{}`", dotted(pointer), dotted(other)),
                    )
                    .with_severity(Severity::Error)
                } else if path.starts_with(other_path.as_str()) {
                    Finding::new(
                        &LOCATION_OVERLAP,
                        (*pointer).clone(),
                        format!("`{}` is inside `{}`", dotted(pointer), dotted(other)),
                    )
                } else if other_path.starts_with(path.as_str()) {
                    Finding::new(
                        &LOCATION_OVERLAP,
                        (*pointer).clone(),
                        format!("`{}` contains `{}`", dotted(pointer), dotted(other)),
                    )
                } else {
                    continue;
                };
                self.push(finding);
            }
        }
    }

    /// Checks that only `--strict` turns on.
    fn check_strict(&mut self, doc: &Value) {
        let mut placeholders = Vec::new();
        collect_placeholders(doc, String::new(), &mut placeholders);
        for pointer in placeholders {
            let message = format!("`{}` still holds a placeholder", dotted(&pointer));
            self.push(Finding::new(&PLACEHOLDER, pointer, message));
        }
        for (pointer, value) in Self::locations(doc) {
            if !is_known(value) || value.is_empty() {
                continue;
            }
            match value.split_once("://") {
                Some(("s3", rest)) => {
                    let bucket = rest.split('/').next().unwrap_or_default();
                    if !BUCKET_NAME.is_match(bucket) {
                        self.push(Finding::new(
                            &BUCKET_URL,
                            pointer.clone(),
                            format!("`{bucket}` in `{}` is not a valid S3 bucket name", dotted(&pointer)),
                        ));
                    }
                }
                Some((scheme @ ("s3n" | "s3a"), rest)) => self.push(
                    Finding::new(
                        &BUCKET_URL,
                        pointer.clone(),
                        format!(
                            "`{}` uses `{scheme}://`; EMR steps should use EMRFS through `s3://`",
                            dotted(&pointer)
                        ),
                    )
                    .with_severity(Severity::Warning)
                    .with_hint(format!("write `s3://{rest}`")),
                ),
                _ => self.push(Finding::new(
                    &BUCKET_URL,
                    pointer.clone(),
                    format!("`{}` is not an `s3://` URL", dotted(&pointer)),
                )),
            }
        }
        if let (Some(s3), Some(emr)) = (known_str(doc, "/aws/s3/region"), known_str(doc, "/aws/emr/region"))
            && s3 != emr
        {
            self.push(Finding::new(
                &REGION_MISMATCH,
                "/aws/emr/region",
                format!("the cluster runs in `{emr}` but the buckets are in `{s3}`"),
            ));
        }
        if doc.pointer("/aws/emr/jobflow/core_instance_bid").is_some_and(Value::is_number) {
            self.push(Finding::new(
                &CORE_BID_NOT_PORTABLE,
                "/aws/emr/jobflow/core_instance_bid",
                "Dataflow Runner cannot bid for core nodes; a generated cluster runs them on demand".to_owned(),
            ));
        }
        let ebs = "/aws/emr/jobflow/core_instance_ebs";
        if let Some(kind) = doc.pointer(&format!("{ebs}/volume_type")).and_then(Value::as_str)
            && kind != "io1"
            && doc.pointer(&format!("{ebs}/volume_iops")).is_some_and(|v| !v.is_null())
        {
            self.push(Finding::new(
                &UNUSED_IOPS,
                format!("{ebs}/volume_iops"),
                format!("`volume_iops` is ignored for `{kind}` volumes"),
            ));
        }
        for pointer in CREDENTIAL_POINTERS {
            let Some(value) = doc.pointer(pointer).and_then(Value::as_str) else { continue };
            let from_erb = locate_yaml(self.text, pointer)
                .and_then(|at| self.text.lines().nth(at.line - 1))
                .is_some_and(|line| line.contains("<%"));
            if !from_erb && is_known(value) && !value.is_empty() {
                let variable = if pointer.ends_with("access_key_id") {
                    "AWS_SNOWPLOW_ACCESS_KEY"
                } else {
                    "AWS_SNOWPLOW_SECRET_KEY"
                };
                self.push(
                    Finding::new(
                        &HARDCODED_CREDENTIALS,
                        pointer,
                        format!("`{}` is written into the file", dotted(pointer)),
                    )
                    .with_hint(format!("use `<%= ENV['{variable}'] %>` and set the variable where EmrEtlRunner runs")),
                );
            }
        }
    }
}

/// A value that can be checked: not a placeholder, not an unset lookup or unrendered ERB.
fn is_known(value: &str) -> bool {
    !is_placeholder(value) && !erb::has_placeholder(value)
}

/// The string at `pointer` when it can be checked.
fn known_str<'d>(doc: &'d Value, pointer: &str) -> Option<&'d str> {
    doc.pointer(pointer).and_then(Value::as_str).filter(|v| is_known(v))
}

fn collect_placeholders(value: &Value, pointer: String, out: &mut Vec<String>) {
    match value {
        Value::String(s) if is_placeholder(s) => out.push(pointer),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                collect_placeholders(item, format!("{pointer}/{i}"), out);
            }
        }
        Value::Object(members) => {
            for (k, v) in members {
                collect_placeholders(v, format!("{pointer}/{}", escape_pointer_token(k)), out);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dotted_names() {
        assert_eq!(dotted("/aws/s3/buckets/raw/in/0"), "aws.s3.buckets.raw.in[0]");
        assert_eq!(dotted(""), "");
    }

    #[test]
    fn placeholders() {
        for p in ["ADD HERE", "add here", " ADD_HERE ", "<your bucket>", "XXX", "changeme", "s3://ADD HERE/x"] {
            assert!(is_placeholder(p), "{p}");
        }
        for v in ["s3://acme/x", "eu-west-1", "x", "<", "get"] {
            assert!(!is_placeholder(v), "{v}");
        }
    }

    #[test]
    fn regions_and_zones() {
        assert!(REGION.is_match("eu-west-1") && REGION.is_match("us-gov-west-1") && REGION.is_match("cn-north-1"));
        assert!(!REGION.is_match("eu-west") && !REGION.is_match("eu-west-1a"));
        assert!(ZONE.is_match("eu-west-1a") && !ZONE.is_match("eu-west-1"));
    }
}
