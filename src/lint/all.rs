//! `lint all DIR`: everything in a directory laid out by convention (see [`ALL_LAYOUT`]).

use std::path::{Path, PathBuf};

use super::{LintContext, LintError, Report, common, config, dataflow, enrichments, resolver, schemas, targets};
use crate::enrich::catalog::EnrichRuntime;

/// The directory convention `lint all` follows, for `--help` and the README.
pub const ALL_LAYOUT: &str = "\
config.yml, config.yaml, stream_config.yml   EmrEtlRunner config          (lint config)
iglu_resolver.json, resolver.json            Iglu resolver, also used     (lint resolver)
                                             to resolve everything else
enrichments/*.json                           enrichment configs           (lint enrichments)
targets/*.json                               storage targets              (lint targets)
schemas/                                     Iglu schemas, vendor/name/   (lint schemas)
                                             format/version layout
cluster.json, dataflow/*cluster*.json        Dataflow Runner clusters     (lint cluster)
playbook.json, dataflow/*playbook*.json      Dataflow Runner playbooks    (lint playbook)";

const CONFIG_NAMES: &[&str] = &["config.yml", "config.yaml", "stream_config.yml", "stream_config.yaml"];
const RESOLVER_NAMES: &[&str] = &["iglu_resolver.json", "resolver.json"];

/// The resolver file `lint all` uses for `dir`, if the directory has one.
pub fn find_resolver(dir: &Path) -> Option<PathBuf> {
    RESOLVER_NAMES.iter().map(|n| dir.join(n)).find(|p| p.is_file())
}

/// What `lint all` checked, and the files it found but does not know how to check.
#[derive(Debug, Default)]
pub struct AllOutcome {
    /// Findings for every file checked.
    pub report: Report,
    /// Files at the top of the directory (or in `dataflow/`) that match no convention.
    pub unclaimed: Vec<PathBuf>,
}

/// Lints everything in `dir` according to [`ALL_LAYOUT`].
pub fn lint_all(ctx: &LintContext, dir: &Path, runtime: EnrichRuntime) -> Result<AllOutcome, LintError> {
    if !dir.is_dir() {
        return Err(LintError::BadPath { path: dir.to_owned(), problem: "no such directory".into() });
    }
    let mut outcome = AllOutcome::default();
    let mut claimed: Vec<PathBuf> = Vec::new();
    let report = &mut outcome.report;

    for name in CONFIG_NAMES {
        let path = dir.join(name);
        if path.is_file() {
            report.extend(config::lint_config(ctx, &path)?);
            claimed.push(path);
        }
    }
    let resolver_file = find_resolver(dir);
    for name in RESOLVER_NAMES {
        let path = dir.join(name);
        if path.is_file() {
            report.extend(resolver::lint_resolver(ctx, &path)?);
            claimed.push(path);
        }
    }
    let enrichments_dir = dir.join("enrichments");
    if enrichments_dir.is_dir() {
        report.extend(enrichments::lint_enrichments(ctx, &enrichments_dir, runtime, resolver_file.as_deref())?);
        claimed.push(enrichments_dir);
    }
    let targets_dir = dir.join("targets");
    if targets_dir.is_dir() {
        report.extend(targets::lint_targets(ctx, &targets_dir)?);
        claimed.push(targets_dir);
    }
    let schemas_dir = dir.join("schemas");
    if schemas_dir.is_dir() {
        report.extend(schemas::lint_schemas(ctx, &schemas_dir)?);
        claimed.push(schemas_dir);
    }

    let mut dataflow_files: Vec<PathBuf> =
        ["cluster.json", "playbook.json"].iter().map(|n| dir.join(n)).filter(|p| p.is_file()).collect();
    let dataflow_dir = dir.join("dataflow");
    let mut unclaimed_dataflow = Vec::new();
    if dataflow_dir.is_dir() {
        claimed.push(dataflow_dir.clone());
        for path in common::list_files(&dataflow_dir, &["json"])? {
            let name = path.file_name().map(|n| n.to_string_lossy().to_lowercase()).unwrap_or_default();
            if name.contains("cluster") || name.contains("playbook") {
                dataflow_files.push(path);
            } else {
                unclaimed_dataflow.push(path);
            }
        }
    }
    for path in dataflow_files {
        let name = path.file_name().map(|n| n.to_string_lossy().to_lowercase()).unwrap_or_default();
        report.extend(if name.contains("cluster") {
            dataflow::lint_cluster(ctx, &path)?
        } else {
            dataflow::lint_playbook(ctx, &path)?
        });
        claimed.push(path);
    }

    let entries = std::fs::read_dir(dir).map_err(|source| LintError::ReadDir { path: dir.to_owned(), source })?;
    let mut unclaimed: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| !claimed.contains(p) && !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')))
        .chain(unclaimed_dataflow)
        .collect();
    unclaimed.sort();
    outcome.unclaimed = unclaimed;
    Ok(outcome)
}
