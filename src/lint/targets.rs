//! `lint targets DIR`: the storage target configs EmrEtlRunner reads with `--targets`.
//!
//! Each `*.json` file is a self-describing JSON validated through the resolver. On top of that,
//! the checks EmrEtlRunner makes when it starts (supported target kinds, unique `data.id`) and
//! what it does with the targets afterwards: it groups them by `purpose`, uses only the first
//! `DUPLICATE_TRACKING` target, ignores purposes it does not know, and passes RDB Shredder
//! settings taken from the first matching target only. Passwords and keys are never shown.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

use super::common::{self, rule};
use super::finding::{FileKind, FileLint, Finding, Report, Rule, Severity};
use super::{LintContext, LintError};
use crate::iglu::SchemaKey;

rule!(
    UNSUPPORTED_TARGET,
    "T001",
    "unsupported-target",
    Error,
    "The file is not a storage target EmrEtlRunner supports.",
    "EmrEtlRunner aborts when a file in the targets directory is not a `redshift_config`, `postgresql_config`, `elastic_config` or `amazon_dynamodb_config`.",
    "a `snowflake_config` or an enrichment config in `targets/`",
    "move the file out of the targets directory, or use one of the supported target schemas"
);
rule!(
    DUPLICATE_TARGET_ID,
    "T002",
    "duplicate-target-id",
    Error,
    "Two targets have the same `data.id`.",
    "EmrEtlRunner refuses to start when storage target ids repeat (`Duplicate storage target ids`).",
    "two Redshift targets copied from one file, both with `\"id\": \"id1\"`",
    "give every target its own id (a fresh UUID)"
);
rule!(
    MULTIPLE_DUPLICATE_TRACKING,
    "T003",
    "multiple-duplicate-tracking",
    Error,
    "More than one `DUPLICATE_TRACKING` target.",
    "EmrEtlRunner passes only the first one to RDB Shredder, and which file comes first depends on the directory listing, so deduplication may use a different table from run to run.",
    "two `amazon_dynamodb_config` files",
    "keep a single DynamoDB deduplication target"
);
rule!(
    TARGET_IGNORED,
    "T004",
    "target-ignored",
    Warning,
    "A target whose `purpose` EmrEtlRunner does not use.",
    "EmrEtlRunner only acts on `ENRICHED_EVENTS`, `FAILED_EVENTS` and `DUPLICATE_TRACKING` targets; an `EVENTS_MANIFEST` target (amazon_dynamodb_config 2-0-0, for newer RDB Shredders run by Dataflow Runner) is silently ignored.",
    "`amazon_dynamodb_config` 2-0-0 in EmrEtlRunner's targets directory",
    "for cross-batch deduplication under EmrEtlRunner use amazon_dynamodb_config 1-0-x with `DUPLICATE_TRACKING`"
);
rule!(
    PURPOSE_MISMATCH,
    "T005",
    "target-purpose-mismatch",
    Error,
    "`purpose` does not fit the kind of target.",
    "EmrEtlRunner groups targets by purpose: a database can only load enriched events, Elasticsearch only receives failed events, DynamoDB only tracks duplicates; any other pairing makes a step run against the wrong system.",
    "a `redshift_config` with `\"purpose\": \"FAILED_EVENTS\"`",
    "set the purpose the message names"
);
rule!(
    AMBIGUOUS_SHREDDER_SETTING,
    "T006",
    "ambiguous-shredder-setting",
    Warning,
    "Targets disagree on a setting RDB Shredder takes from only one of them.",
    "EmrEtlRunner gives RDB Shredder the processing manifest table of the first target that has one, and `--target` (with `blacklistTabular`) from the first Redshift 4-x target; which is first depends on the directory listing.",
    "two Redshift targets with different `processingManifest` tables",
    "make the targets agree, or keep one of them"
);

/// The rules defined in this module.
pub static RULES: &[&Rule] = &[
    &UNSUPPORTED_TARGET,
    &DUPLICATE_TARGET_ID,
    &MULTIPLE_DUPLICATE_TRACKING,
    &TARGET_IGNORED,
    &PURPOSE_MISMATCH,
    &AMBIGUOUS_SHREDDER_SETTING,
];

/// The vendor of Snowplow's storage target schemas.
pub const TARGET_VENDOR: &str = "com.snowplowanalytics.snowplow.storage";

/// The target schema names EmrEtlRunner accepts.
pub const SUPPORTED_TARGETS: &[&str] =
    &["redshift_config", "postgresql_config", "elastic_config", "amazon_dynamodb_config"];

/// The purposes EmrEtlRunner groups targets by.
const USED_PURPOSES: &[&str] = &["ENRICHED_EVENTS", "FAILED_EVENTS", "DUPLICATE_TRACKING"];

/// The purpose a target kind must have.
fn expected_purpose(key: &SchemaKey) -> Option<&'static str> {
    match (key.name.as_str(), key.version.model) {
        ("redshift_config" | "postgresql_config", _) => Some("ENRICHED_EVENTS"),
        ("elastic_config", _) => Some("FAILED_EVENTS"),
        ("amazon_dynamodb_config", 1) => Some("DUPLICATE_TRACKING"),
        ("amazon_dynamodb_config", _) => Some("EVENTS_MANIFEST"),
        _ => None,
    }
}

/// What the cross-file checks need from one target.
struct Target {
    key: SchemaKey,
    data: Value,
}

impl Target {
    fn purpose(&self) -> Option<&str> {
        self.data.get("purpose").and_then(Value::as_str)
    }
}

/// Lints every `*.json` file in `dir` as a storage target.
pub fn lint_targets(ctx: &LintContext, dir: &Path) -> Result<Report, LintError> {
    let paths = common::list_files(dir, &["json"])?;
    let mut checked: Vec<(FileLint, Option<Target>)> = common::map_files_parallel(ctx, &paths, |p| lint_one(ctx, p));
    check_ids(&mut checked);
    check_groups(&mut checked);
    Ok(Report::new(checked.into_iter().map(|(f, _)| f.finish()).collect()))
}

fn lint_one(ctx: &LintContext, path: &Path) -> (FileLint, Option<Target>) {
    let mut file = FileLint::new(path, FileKind::Json);
    let Some(loaded) = common::load_json(&mut file, ctx.options.max_file_size) else { return (file, None) };
    let Some(key) = common::check_sdj(ctx, &mut file, &loaded.value, "") else { return (file, None) };
    let data = loaded.value.get("data").cloned().unwrap_or(Value::Null);
    if !SUPPORTED_TARGETS.contains(&key.name.as_str()) {
        file.push(Finding::new(
            &UNSUPPORTED_TARGET,
            "/schema",
            format!("EmrEtlRunner does not support `{}` storage targets ({key}) and aborts", key.name),
        ));
        return (file, None);
    }
    if key.vendor != TARGET_VENDOR || key.format != "jsonschema" {
        file.push(
            Finding::new(
                &UNSUPPORTED_TARGET,
                "/schema",
                format!("{key} is not one of Snowplow's `{TARGET_VENDOR}` target schemas"),
            )
            .with_severity(Severity::Warning)
            .with_hint(format!(
                "EmrEtlRunner only checks the name, but RDB Loader and Shredder expect `iglu:{TARGET_VENDOR}/{}/jsonschema/…`",
                key.name
            )),
        );
    }
    let target = Target { key, data };
    if let (Some(purpose), Some(expected)) = (target.purpose(), expected_purpose(&target.key))
        && purpose != expected
    {
        // This explains the schema's `enum` failure on the same field better.
        file.findings
            .retain(|f| !(f.rule == &common::SCHEMA_VIOLATION && f.pointer.as_deref() == Some("/data/purpose")));
        file.push(Finding::new(
            &PURPOSE_MISMATCH,
            "/data/purpose",
            format!("a `{}` target must have purpose `{expected}`, not `{purpose}`", target.key.name),
        ));
    } else if let Some(purpose) = target.purpose()
        && !USED_PURPOSES.contains(&purpose)
    {
        file.push(Finding::new(
            &TARGET_IGNORED,
            "/data/purpose",
            format!("EmrEtlRunner ignores targets with purpose `{purpose}`; this one is never used"),
        ));
    }
    (file, Some(target))
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

/// Names of the files at `indices` other than `me`, for messages.
fn others(checked: &[(FileLint, Option<Target>)], indices: &[usize], me: usize) -> String {
    indices
        .iter()
        .filter(|&&i| i != me)
        .map(|&i| format!("`{}`", file_name(&checked[i].0.path)))
        .collect::<Vec<_>>()
        .join(", ")
}

fn check_ids(checked: &mut [(FileLint, Option<Target>)]) {
    let mut by_id: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, (_, target)) in checked.iter().enumerate() {
        let Some(id) = target.as_ref().and_then(|t| t.data.get("id")).filter(|id| !id.is_null()) else { continue };
        let id = id.as_str().map_or_else(|| id.to_string(), str::to_owned);
        by_id.entry(id).or_default().push(i);
    }
    for (id, indices) in by_id.into_iter().filter(|(_, v)| v.len() > 1) {
        for &i in &indices {
            let message = format!("target id `{id}` is also used by {}", others(checked, &indices, i));
            checked[i].0.push(Finding::new(&DUPLICATE_TARGET_ID, "/data/id", message));
        }
    }
}

fn check_groups(checked: &mut [(FileLint, Option<Target>)]) {
    let with = |checked: &[(FileLint, Option<Target>)], keep: &dyn Fn(&Target) -> bool| -> Vec<usize> {
        (0..checked.len()).filter(|&i| checked[i].1.as_ref().is_some_and(keep)).collect()
    };
    let dedup = with(checked, &|t| t.purpose() == Some("DUPLICATE_TRACKING"));
    if dedup.len() > 1 {
        for &i in &dedup {
            let message = format!(
                "{} also tracks duplicates; EmrEtlRunner uses only the first DUPLICATE_TRACKING target it lists",
                others(checked, &dedup, i)
            );
            checked[i].0.push(Finding::new(&MULTIPLE_DUPLICATE_TRACKING, "/data/purpose", message));
        }
    }

    let manifest_table = |t: &Target| {
        t.data.pointer("/processingManifest/amazonDynamoDb/tableName").and_then(Value::as_str).map(str::to_owned)
    };
    let manifests = with(checked, &|t| t.purpose() == Some("ENRICHED_EVENTS") && manifest_table(t).is_some());
    let tables: BTreeMap<String, ()> =
        manifests.iter().filter_map(|&i| checked[i].1.as_ref().and_then(manifest_table)).map(|t| (t, ())).collect();
    if tables.len() > 1 {
        for &i in &manifests {
            let message = format!(
                "processing manifest tables differ between targets ({}); RDB Shredder is given only the first",
                tables.keys().map(|t| format!("`{t}`")).collect::<Vec<_>>().join(", ")
            );
            checked[i].0.push(Finding::new(&AMBIGUOUS_SHREDDER_SETTING, "/data/processingManifest", message));
        }
    }

    let redshift4 = with(checked, &|t| t.key.name == "redshift_config" && t.key.version.model >= 4);
    let blacklists: BTreeMap<String, ()> = redshift4
        .iter()
        .filter_map(|&i| checked[i].1.as_ref())
        .map(|t| (t.data.get("blacklistTabular").cloned().unwrap_or(Value::Null).to_string(), ()))
        .collect();
    if blacklists.len() > 1 {
        for &i in &redshift4 {
            let message = format!(
                "this target and {} set different `blacklistTabular` lists; RDB Shredder reads only the first target's",
                others(checked, &redshift4, i)
            );
            checked[i].0.push(Finding::new(&AMBIGUOUS_SHREDDER_SETTING, "/data/blacklistTabular", message));
        }
    }
}
