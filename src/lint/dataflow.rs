//! `lint cluster FILE` and `lint playbook FILE`: Dataflow Runner configs.
//!
//! A file is checked the way Dataflow Runner reads it, then more strictly:
//!
//! 1. the text is rendered as a template with `--vars` (Dataflow Runner's Go `text/template`
//!    subset); environment variables and `base64File` files are run-time inputs, so a missing
//!    one is only a finding with `--require-env`;
//! 2. the output is parsed as JSON (positions point into the original file);
//! 3. the envelope's `schema` must name a known ClusterConfig / PlaybookConfig version
//!    (Dataflow Runner never reads it);
//! 4. `data` is checked against snowplowctl's Avro schema for that version, reporting fields
//!    Dataflow Runner would silently ignore;
//! 5. rules for what Dataflow Runner or EMR reject at run time (one location, allowed
//!    `actionOnFailure`, credentials, bids, EBS volumes, …).
//!
//! Credential values are never shown in findings.

use std::path::Path;
use std::sync::Arc;

use serde_json::Value;

use super::common::{self, rule};
use super::finding::{FileKind, FileLint, FileReport, Finding, Report, Rule, Severity};
use super::{LintContext, LintError};
use crate::dataflow::avro::ViolationKind;
use crate::dataflow::template::{self, Lookups, RenderOptions, Rendered, TemplateErrorKind};
use crate::dataflow::{ConfigKind, bundled_schema};
use crate::iglu::{SchemaKey, SelfDescribing};
use crate::locate::JsonPositions;
use crate::source::{Position, position_of};

rule!(
    TEMPLATE_ERROR,
    "D001",
    "template-error",
    Error,
    "The file is not a template Dataflow Runner can render.",
    "Dataflow Runner renders every config with Go's text/template before reading it; a syntax error, an unknown function or a failing call stops it before anything is launched.",
    "`{{secret \"db\"}}` (not a Dataflow Runner function)",
    "fix the template action at the position shown; Dataflow Runner's functions are nowWithFormat, timeWithFormat, systemEnv, base64 and base64File"
);
rule!(
    MISSING_TEMPLATE_VARIABLE,
    "D002",
    "missing-template-variable",
    Error,
    "The template uses a variable that is not given with `--vars`.",
    "Dataflow Runner renders templates with `missingkey=error`: a variable missing from `--vars` stops the run.",
    "`{{.runId}}` without `--vars runId,…`",
    "pass the variable with `--vars name,value` (Dataflow Runner needs the same `--vars`)"
);
rule!(
    UNAVAILABLE_LOOKUP,
    "D003",
    "unavailable-template-lookup",
    Error,
    "With `--require-env`: a `systemEnv` variable is unset or a `base64File` file cannot be read.",
    "Dataflow Runner fails when `systemEnv` names an unset variable or `base64File` a missing file; without `--require-env` these are assumed to be supplied at run time.",
    "`{{systemEnv \"AWS_KEY\"}}` with AWS_KEY unset",
    "set the variable or create the file where Dataflow Runner runs, or lint without `--require-env`"
);
rule!(
    UNSUPPORTED_TEMPLATE,
    "D004",
    "unsupported-template",
    Warning,
    "The template uses Go template features snowplowctl does not render, so the file was not checked further.",
    "Go's text/template has control structures and built-in functions that Dataflow Runner configs do not normally need; snowplowctl renders only the Dataflow Runner subset and will not guess.",
    "`{{if .prod}}…{{end}}`",
    "use only variables and Dataflow Runner's functions, or render the file yourself and lint the output"
);
rule!(
    UNKNOWN_DATAFLOW_SCHEMA,
    "D005",
    "unknown-dataflow-schema",
    Error,
    "`schema` is not a known Dataflow Runner config schema.",
    "Dataflow Runner never reads the URI, but other tools and people do: a wrong URI hides which fields the file may use. The data is checked against the newest known version.",
    "`iglu:com.snowplowanalytics.dataflowrunner/ClusterConfig/avro/1-2-0`",
    "use one of the known schema URIs"
);
rule!(
    CONFIG_SCHEMA_VIOLATION,
    "D006",
    "dataflow-schema-violation",
    Error,
    "The config does not match its Avro schema.",
    "Dataflow Runner decodes the JSON into typed fields; a wrong type stops it, and a missing field silently becomes an empty string or 0.",
    "`\"count\": \"2\"` where a long is expected",
    "change the value to the expected type"
);
rule!(
    UNKNOWN_CONFIG_FIELD,
    "D007",
    "unknown-dataflow-field",
    Warning,
    "The config has a field its schema does not define.",
    "Dataflow Runner silently ignores fields it does not know, so a misspelt or unsupported setting has no effect.",
    "`\"bid\"` under `ec2.instances.core` (only task nodes can bid)",
    "remove the field or correct its name"
);
rule!(
    CLUSTER_LOCATION,
    "D008",
    "cluster-location",
    Error,
    "`ec2.location` must set exactly one of `classic` and `vpc`.",
    "Dataflow Runner refuses to launch a cluster with both an availability zone and a subnet, or with neither.",
    "`\"location\": {\"classic\": {…}, \"vpc\": {…}}`",
    "keep `vpc.subnetId` to launch in a VPC subnet, or `classic.availabilityZone` for EC2-Classic, not both"
);
rule!(
    MIXED_CREDENTIALS,
    "D009",
    "mixed-credentials",
    Error,
    "`credentials` mixes a magic value (`iam`, `env`, `default`) with something else.",
    "Dataflow Runner uses the instance role, the environment or the SDK default chain only when both keys say so, and refuses a mix.",
    "`\"accessKeyId\": \"env\", \"secretAccessKey\": \"iam\"`",
    "set both keys to the same magic value, or both to a static key pair"
);
rule!(
    STATIC_CREDENTIALS,
    "D010",
    "static-credentials",
    Warning,
    "AWS keys are written literally in the file.",
    "Keys in a config file end up in version control and logs; Dataflow Runner can read them from the environment instead.",
    "`\"accessKeyId\": \"AKIA…\"`",
    "use `env`, `iam` or `default` for both keys, or `{{systemEnv \"AWS_ACCESS_KEY_ID\"}}`-style lookups"
);
rule!(
    INVALID_AMI_VERSION,
    "D011",
    "invalid-ami-version",
    Error,
    "`ec2.amiVersion` is not a version Dataflow Runner can use.",
    "Dataflow Runner reads the major version from the first character of `amiVersion` (below 4: AMI version, otherwise release label `emr-<amiVersion>`); an empty value crashes it and a non-digit fails.",
    "`\"amiVersion\": \"emr-5.34.0\"`",
    "write the EMR version without the `emr-` prefix, e.g. `6.15.0`"
);
rule!(
    LEGACY_AMI_VERSION,
    "D012",
    "legacy-ami-version",
    Info,
    "`ec2.amiVersion` is below 4, so it is sent as a legacy AMI version, not a release label.",
    "EMR AMI versions 2.x and 3.x predate release labels and are long retired; Snowplow's Spark jobs need EMR 5 or later.",
    "`\"amiVersion\": \"3.11.0\"`",
    "use an EMR release version such as `5.34.0` or `6.15.0`"
);
rule!(
    NEGATIVE_INSTANCE_COUNT,
    "D013",
    "negative-instance-count",
    Warning,
    "An instance group's `count` is negative.",
    "Dataflow Runner leaves out groups with a count of 0 or less; a negative count is almost certainly a typo.",
    "`\"count\": -1`",
    "use 0 to leave the group out, or the number of instances wanted"
);
rule!(
    INVALID_SPOT_BID,
    "D014",
    "invalid-spot-bid",
    Error,
    "The task group's `bid` is not a positive price.",
    "A non-empty `bid` makes Dataflow Runner request spot instances at that price; EMR rejects a bid that is not a positive decimal number.",
    "`\"bid\": \"cheap\"`",
    "write the bid in USD per hour, e.g. `\"0.015\"`, or `\"\"` for on-demand task nodes"
);
rule!(
    IOPS_IGNORED,
    "D015",
    "iops-ignored",
    Warning,
    "`iops` is set on a gp2/gp3 volume, where Dataflow Runner drops it.",
    "Dataflow Runner does not send `iops` for gp2 and gp3 volumes (EMR rejects it for gp2), so the value has no effect.",
    "`\"volumeType\": \"gp2\", \"iops\": 100`",
    "remove `iops` (or set it to 0), or use an io1 volume for provisioned IOPS"
);
rule!(
    IOPS_MISSING,
    "D016",
    "iops-missing",
    Error,
    "An io1/io2 volume has no `iops`.",
    "Provisioned-IOPS volumes need an IOPS value; EMR refuses to create them with 0.",
    "`\"volumeType\": \"io1\"` without `iops`",
    "set `iops` to the provisioned IOPS for the volume"
);
rule!(
    NO_STEPS,
    "D017",
    "no-steps",
    Error,
    "The playbook has no steps.",
    "Dataflow Runner stops with \"No steps found in config, nothing to add\".",
    "`\"steps\": []`",
    "add at least one step"
);
rule!(
    ACTION_ON_FAILURE,
    "D018",
    "step-action-on-failure",
    Error,
    "A step's `actionOnFailure` is not `CANCEL_AND_WAIT` or `CONTINUE`.",
    "Dataflow Runner accepts only CANCEL_AND_WAIT and CONTINUE; it rejects TERMINATE_JOB_FLOW and TERMINATE_CLUSTER because terminating is the job of `dataflow-runner down`.",
    "`\"actionOnFailure\": \"TERMINATE_JOB_FLOW\"`",
    "use CANCEL_AND_WAIT and terminate the cluster with `dataflow-runner down` (or use `run-transient`)"
);
rule!(
    STEP_TYPE,
    "D019",
    "step-type",
    Warning,
    "A step's `type` is not `CUSTOM_JAR`.",
    "Dataflow Runner ignores `type` and always adds a custom JAR step, so any other value is misleading.",
    "`\"type\": \"STREAMING\"`",
    "set `type` to `CUSTOM_JAR`"
);

/// The rules defined in this module.
pub static RULES: &[&Rule] = &[
    &TEMPLATE_ERROR,
    &MISSING_TEMPLATE_VARIABLE,
    &UNAVAILABLE_LOOKUP,
    &UNSUPPORTED_TEMPLATE,
    &UNKNOWN_DATAFLOW_SCHEMA,
    &CONFIG_SCHEMA_VIOLATION,
    &UNKNOWN_CONFIG_FIELD,
    &CLUSTER_LOCATION,
    &MIXED_CREDENTIALS,
    &STATIC_CREDENTIALS,
    &INVALID_AMI_VERSION,
    &LEGACY_AMI_VERSION,
    &NEGATIVE_INSTANCE_COUNT,
    &INVALID_SPOT_BID,
    &IOPS_IGNORED,
    &IOPS_MISSING,
    &NO_STEPS,
    &ACTION_ON_FAILURE,
    &STEP_TYPE,
];

/// The `actionOnFailure` values Dataflow Runner accepts.
pub const ALLOWED_ACTIONS_ON_FAILURE: &[&str] = &["CANCEL_AND_WAIT", "CONTINUE"];

/// Credential values that make Dataflow Runner look credentials up instead of using them.
const MAGIC_CREDENTIALS: &[&str] = &["iam", "env", "default"];

/// Values shown in messages are cut to this many characters.
const SHOWN_CHARS: usize = 60;

/// Lints a cluster config.
pub fn lint_cluster(ctx: &LintContext, path: &Path) -> Result<Report, LintError> {
    common::require_file(path)?;
    Ok(Report::new(vec![lint_file(ctx, path, ConfigKind::Cluster)]))
}

/// Lints a playbook.
pub fn lint_playbook(ctx: &LintContext, path: &Path) -> Result<Report, LintError> {
    common::require_file(path)?;
    Ok(Report::new(vec![lint_file(ctx, path, ConfigKind::Playbook)]))
}

/// Lints one Dataflow Runner config file of `kind`.
pub fn lint_file(ctx: &LintContext, path: &Path, kind: ConfigKind) -> FileReport {
    let mut file = FileLint::new(path, FileKind::Json);
    let Some(source) = common::load_text(&mut file, ctx.options.max_file_size) else { return file.finish() };
    // Lookups are always deferred so that the rest of the file is still checked; with
    // --require-env each deferred lookup becomes a finding.
    let options = RenderOptions { vars: ctx.options.vars.clone(), lookups: Lookups::Defer, ..RenderOptions::default() };
    let rendered = match template::render(&source.text, &options) {
        Ok(rendered) => rendered,
        Err(errors) => {
            for error in errors.0 {
                file.push(template_finding(error.kind, error.message).at(Some(error.position)));
            }
            return file.finish();
        }
    };
    if ctx.options.require_env {
        for deferred in &rendered.deferred {
            let message = format!("{} is unavailable: {}", deferred.lookup, deferred.reason);
            file.push(Finding::file(&UNAVAILABLE_LOOKUP, message).at(Some(deferred.position)));
        }
    }
    let value = match serde_json::from_str::<Value>(&rendered.text) {
        Ok(value) => value,
        Err(error) => {
            file.push(json_error_finding(&error, &rendered, &source.text));
            return file.finish();
        }
    };
    let mut findings = Vec::new();
    check_config(kind, &value, &source.text, &mut findings);
    if !findings.is_empty() {
        let positions = JsonPositions::new(&rendered.text);
        for finding in findings {
            let position =
                finding.pointer.as_deref().and_then(|p| original_position(&rendered, &positions, &source.text, p));
            file.push(finding.at(position));
        }
    }
    file.finish()
}

fn template_finding(kind: TemplateErrorKind, message: String) -> Finding {
    let rule = match kind {
        TemplateErrorKind::MissingVariable => &MISSING_TEMPLATE_VARIABLE,
        TemplateErrorKind::Lookup => &UNAVAILABLE_LOOKUP,
        TemplateErrorKind::Unsupported => &UNSUPPORTED_TEMPLATE,
        TemplateErrorKind::Syntax | TemplateErrorKind::UnknownFunction | TemplateErrorKind::Evaluation => {
            &TEMPLATE_ERROR
        }
    };
    Finding::file(rule, message)
}

/// Byte offset of a line and column (columns count characters) in `text`.
fn offset_of(text: &str, position: Position) -> usize {
    let line_start = match position.line {
        0 | 1 => 0,
        n => text.match_indices('\n').nth(n - 2).map_or(text.len(), |(i, _)| i + 1),
    };
    text[line_start..].char_indices().nth(position.column.saturating_sub(1)).map_or(text.len(), |(i, _)| line_start + i)
}

/// Where `pointer` into the rendered document is in the original file.
fn original_position(
    rendered: &Rendered,
    positions: &JsonPositions,
    original: &str,
    pointer: &str,
) -> Option<Position> {
    let at = positions.position(pointer)?;
    let offset = rendered.original_offset(offset_of(&rendered.text, at));
    Some(position_of(original.as_bytes(), offset))
}

fn json_error_finding(error: &serde_json::Error, rendered: &Rendered, original: &str) -> Finding {
    let message = json_message(error);
    let line = error.line().max(1);
    // serde_json counts columns in bytes.
    let line_start = offset_of(&rendered.text, Position { line, column: 1 });
    let mut offset = (line_start + error.column().saturating_sub(1)).min(rendered.text.len());
    while !rendered.text.is_char_boundary(offset) {
        offset -= 1;
    }
    let position = position_of(original.as_bytes(), rendered.original_offset(offset));
    if !rendered.had_actions() {
        return Finding::file(&common::INVALID_JSON, format!("invalid JSON: {message}")).at(Some(position));
    }
    let shown: String = rendered.masked_line(line).unwrap_or_default().trim().chars().take(120).collect();
    let mut hint = format!("the error is in the rendered output, whose line {line} is `{shown}`");
    if !rendered.deferred.is_empty() {
        hint.push_str(
            "; unavailable systemEnv/base64File lookups render as empty strings, so check them with --require-env",
        );
    }
    Finding::file(&common::INVALID_JSON, format!("the rendered template is not valid JSON: {message}"))
        .at(Some(position))
        .with_hint(hint)
}

/// serde_json's message without its trailing " at line X column Y".
fn json_message(error: &serde_json::Error) -> String {
    let mut text = error.to_string();
    if let Some(i) = text.rfind(" at line ") {
        text.truncate(i);
    }
    text
}

fn known_uris(kind: ConfigKind) -> String {
    kind.keys().iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
}

/// Everything after JSON parsing: envelope, schema, Avro check and extra rules. `original`
/// is the file's text before rendering (used to tell literal values from looked-up ones).
pub fn check_config(kind: ConfigKind, value: &Value, original: &str, out: &mut Vec<Finding>) {
    let envelope = match SelfDescribing::parse(value) {
        Ok(envelope) => envelope,
        Err(error) => {
            out.push(common::envelope_finding(&error, "").with_hint(format!(
                "a Dataflow Runner {kind} is `{{\"schema\": …, \"data\": {{…}}}}` with a schema such as {}",
                known_uris(kind)
            )));
            return;
        }
    };
    let key = Arc::unwrap_or_clone(envelope.schema);
    let schema_key = match ConfigKind::named_by(&key) {
        Some(other) if other != kind => {
            out.push(
                Finding::new(
                    &common::UNEXPECTED_SCHEMA,
                    "/schema",
                    format!("this is a Dataflow Runner {other} ({key}), not a {kind}"),
                )
                .with_hint(format!(
                    "lint it with `snowplowctl lint {}`, or use a {kind} schema: {}",
                    if other == ConfigKind::Cluster { "cluster" } else { "playbook" },
                    known_uris(kind)
                )),
            );
            return;
        }
        _ if kind.keys().contains(&key) => key,
        _ => {
            let latest = kind.latest();
            out.push(
                Finding::new(
                    &UNKNOWN_DATAFLOW_SCHEMA,
                    "/schema",
                    format!("{key} is not a known {} schema", kind.schema_name()),
                )
                .with_hint(format!("use one of {}; the data was checked against {latest}", known_uris(kind))),
            );
            latest
        }
    };
    check_data_schema(kind, &schema_key, envelope.data, out);
    let data = envelope.data;
    check_credentials(data, original, out);
    match kind {
        ConfigKind::Cluster => check_cluster(data, out),
        ConfigKind::Playbook => check_playbook(data, out),
    }
}

fn check_data_schema(kind: ConfigKind, key: &SchemaKey, data: &Value, out: &mut Vec<Finding>) {
    let Some(schema) = bundled_schema(key) else { return };
    let latest = kind.latest();
    // Fields a newer version defines, for a better hint on unknown fields.
    let newer_unknown: Option<Vec<String>> = (key != &latest).then(|| {
        bundled_schema(&latest)
            .map(|s| {
                s.check(data).into_iter().filter(|v| v.kind == ViolationKind::UnknownField).map(|v| v.pointer).collect()
            })
            .unwrap_or_default()
    });
    for violation in schema.check(data) {
        let pointer = format!("/data{}", violation.pointer);
        let fix = match violation.kind {
            ViolationKind::UnknownField => None,
            ViolationKind::MissingField => Some(format!("add the field ({})", violation.expected)),
            ViolationKind::NotAnInteger => Some("write a whole number, without a fraction".to_owned()),
            ViolationKind::OutOfRange => Some(format!("use a value within the range of {}", violation.expected)),
            ViolationKind::UnknownSymbol => Some("use one of the symbols listed".to_owned()),
            ViolationKind::WrongType | ViolationKind::BadBytes => {
                Some(format!("change the value to the expected type ({})", violation.expected))
            }
        };
        if let Some(fix) = fix {
            out.push(
                Finding::new(&CONFIG_SCHEMA_VIOLATION, pointer, violation.message)
                    .with_hint(format!("{fix}; checked against {key}")),
            );
            continue;
        }
        let hint = if violation.pointer == "/ec2/instances/core/bid" {
            "Dataflow Runner has no core-instance bid: core nodes are always on-demand; \
             remove `bid` here (only task nodes can use spot prices)"
                .to_owned()
        } else if newer_unknown.as_ref().is_some_and(|u| !u.contains(&violation.pointer)) {
            format!(
                "the field is defined in {latest}: change `schema` to that version \
                 (Dataflow Runner itself reads it whatever the version)"
            )
        } else {
            format!("remove it or correct its name; expected {}", violation.expected)
        };
        out.push(Finding::new(&UNKNOWN_CONFIG_FIELD, pointer, violation.message).with_hint(hint));
    }
}

fn shown(text: &str) -> String {
    let cut: String = text.chars().take(SHOWN_CHARS).collect();
    if cut.len() < text.len() { format!("{cut}…") } else { cut }
}

fn check_credentials(data: &Value, original: &str, out: &mut Vec<Finding>) {
    let key = data.pointer("/credentials/accessKeyId").and_then(Value::as_str);
    let secret = data.pointer("/credentials/secretAccessKey").and_then(Value::as_str);
    let (Some(key), Some(secret)) = (key, secret) else { return };
    let magic = |v: &str| MAGIC_CREDENTIALS.contains(&v);
    if (magic(key) || magic(secret)) && key != secret {
        // Only magic values are ever named: the other value may be a secret.
        let describe = |v: &str| if magic(v) { format!("`{v}`") } else { "a static key".to_owned() };
        out.push(Finding::new(
            &MIXED_CREDENTIALS,
            "/data/credentials",
            format!("accessKeyId is {} but secretAccessKey is {}", describe(key), describe(secret)),
        ));
        return;
    }
    for (name, value) in [("accessKeyId", key), ("secretAccessKey", secret)] {
        // A value that appears as a JSON string in the original text was written there, not
        // looked up by a template action.
        let literal = serde_json::to_string(value).is_ok_and(|quoted| original.contains(&quoted));
        if !magic(value) && !value.is_empty() && literal {
            out.push(Finding::new(
                &STATIC_CREDENTIALS,
                format!("/data/credentials/{name}"),
                format!("`credentials.{name}` holds a literal key"),
            ));
        }
    }
}

fn check_cluster(data: &Value, out: &mut Vec<Finding>) {
    if let Some(Value::Object(location)) = data.pointer("/ec2/location") {
        let set = |name: &str| location.get(name).is_some_and(|v| !v.is_null());
        let message = match (set("classic"), set("vpc")) {
            (true, true) => Some(
                "both `classic` and `vpc` are set; Dataflow Runner refuses this \
                 (\"Only one of Availability Zone and Subnet id should be provided\")",
            ),
            (false, false) => Some(
                "neither `classic` nor `vpc` is set; Dataflow Runner refuses this \
                 (\"At least one of Availability Zone and Subnet id is required\")",
            ),
            _ => None,
        };
        if let Some(message) = message {
            out.push(Finding::new(&CLUSTER_LOCATION, "/data/ec2/location", message));
        }
    }
    if let Some(Value::String(version)) = data.pointer("/ec2/amiVersion") {
        check_ami_version(version, out);
    }
    for group in ["master", "core", "task"] {
        let Some(instances) = data.pointer(&format!("/ec2/instances/{group}")) else { continue };
        let at = format!("/data/ec2/instances/{group}");
        if let Some(count) = instances.get("count").and_then(Value::as_i64)
            && count < 0
        {
            out.push(Finding::new(
                &NEGATIVE_INSTANCE_COUNT,
                format!("{at}/count"),
                format!("the {group} group's count is {count}; Dataflow Runner leaves the group out"),
            ));
        }
        if let Some(Value::Array(devices)) = instances.pointer("/ebsConfiguration/ebsBlockDeviceConfigs") {
            for (i, device) in devices.iter().enumerate() {
                if let Some(volume) = device.get("volumeSpecification") {
                    let volume_at = format!("{at}/ebsConfiguration/ebsBlockDeviceConfigs/{i}/volumeSpecification");
                    check_volume(volume, &volume_at, out);
                }
            }
        }
    }
    if let Some(Value::String(bid)) = data.pointer("/ec2/instances/task/bid")
        && !bid.is_empty()
        && !is_positive_price(bid)
    {
        out.push(Finding::new(
            &INVALID_SPOT_BID,
            "/data/ec2/instances/task/bid",
            format!("`{}` is not a positive price", shown(bid)),
        ));
    }
}

fn check_ami_version(version: &str, out: &mut Vec<Finding>) {
    let at = "/data/ec2/amiVersion";
    match version.chars().next() {
        None => out.push(Finding::new(
            &INVALID_AMI_VERSION,
            at,
            "`amiVersion` is empty; Dataflow Runner needs its first character",
        )),
        Some(first) if !first.is_ascii_digit() => {
            let mut finding = Finding::new(
                &INVALID_AMI_VERSION,
                at,
                format!(
                    "`{}` does not start with a digit; Dataflow Runner reads the major version from its first character",
                    shown(version)
                ),
            );
            if let Some(bare) = version.strip_prefix("emr-") {
                finding = finding
                    .with_hint(format!("write `{}`: Dataflow Runner adds the `emr-` prefix itself", shown(bare)));
            }
            out.push(finding);
        }
        Some(first) if first < '4' => out.push(Finding::new(
            &LEGACY_AMI_VERSION,
            at,
            format!(
                "`{}` is sent as a legacy AMI version (major version {first} is below 4), not as a release label",
                shown(version)
            ),
        )),
        Some(_) => {}
    }
}

fn check_volume(volume: &Value, at: &str, out: &mut Vec<Finding>) {
    let Some(volume_type) = volume.get("volumeType").and_then(Value::as_str) else { return };
    let iops = volume.get("iops").and_then(Value::as_i64).unwrap_or(0);
    match volume_type {
        "gp2" | "gp3" if iops != 0 => out.push(Finding::new(
            &IOPS_IGNORED,
            format!("{at}/iops"),
            format!("`iops` is {iops} on a {volume_type} volume; Dataflow Runner does not send it"),
        )),
        "io1" | "io2" if iops <= 0 => out.push(Finding::new(
            &IOPS_MISSING,
            if volume.get("iops").is_some() { format!("{at}/iops") } else { at.to_owned() },
            format!("the {volume_type} volume has no provisioned `iops`"),
        )),
        _ => {}
    }
}

/// A positive decimal price such as `0.015` or `2`.
fn is_positive_price(text: &str) -> bool {
    let mut parts = text.splitn(2, '.');
    let whole = parts.next().unwrap_or("");
    let fraction = parts.next();
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let well_formed = digits(whole)
        && fraction.is_none_or(|f| !f.is_empty() && digits(f))
        && !(whole.is_empty() && fraction.is_none());
    well_formed && text.parse::<f64>().is_ok_and(|price| price > 0.0)
}

fn check_playbook(data: &Value, out: &mut Vec<Finding>) {
    let Some(Value::Array(steps)) = data.get("steps") else { return };
    if steps.is_empty() {
        out.push(Finding::new(
            &NO_STEPS,
            "/data/steps",
            "`steps` is empty; Dataflow Runner stops with \"No steps found in config, nothing to add\"",
        ));
    }
    for (i, step) in steps.iter().enumerate() {
        let at = format!("/data/steps/{i}");
        if let Some(Value::String(action)) = step.get("actionOnFailure")
            && !ALLOWED_ACTIONS_ON_FAILURE.contains(&action.as_str())
        {
            let mut finding = Finding::new(
                &ACTION_ON_FAILURE,
                format!("{at}/actionOnFailure"),
                format!(
                    "`{}` is not allowed: Dataflow Runner accepts only CANCEL_AND_WAIT and CONTINUE",
                    shown(action)
                ),
            );
            if matches!(action.as_str(), "TERMINATE_JOB_FLOW" | "TERMINATE_CLUSTER") {
                finding = finding.with_hint(
                    "Dataflow Runner rejects TERMINATE_JOB_FLOW and TERMINATE_CLUSTER: use CANCEL_AND_WAIT and terminate \
                     the cluster with `dataflow-runner down` (or use `run-transient`, which terminates it when the \
                     steps end)",
                );
            }
            out.push(finding);
        }
        if let Some(Value::String(step_type)) = step.get("type")
            && step_type != "CUSTOM_JAR"
        {
            out.push(Finding::new(
                &STEP_TYPE,
                format!("{at}/type"),
                format!("`{}` is ignored: Dataflow Runner always adds a custom JAR step", shown(step_type)),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_of_positions() {
        let text = "ab\ncdé\nf";
        assert_eq!(offset_of(text, Position { line: 1, column: 1 }), 0);
        assert_eq!(offset_of(text, Position { line: 2, column: 3 }), 5);
        assert_eq!(offset_of(text, Position { line: 3, column: 1 }), 8);
        assert_eq!(offset_of(text, Position { line: 9, column: 1 }), text.len());
    }

    #[test]
    fn prices() {
        for ok in ["0.015", "2", "10.5", ".5"] {
            assert!(is_positive_price(ok), "{ok}");
        }
        for bad in ["0", "0.0", "-1", "1e3", "cheap", "1.", "1.2.3", ".", " 1", "NaN", "inf"] {
            assert!(!is_positive_price(bad), "{bad}");
        }
    }
}
