//! Turning files into items, after validating every one of them with the same checks as
//! `lint enrichments` and `lint resolver`. Nothing is stored unless every file passes.

use std::path::Path;

use super::item::{MAX_ITEM_BYTES, NewItem};
use super::json_text;
use crate::enrich::catalog::EnrichRuntime;
use crate::iglu::{SchemaKey, SelfDescribing};
use crate::lint::common::{self, rule};
use crate::lint::{FileReport, Finding, LintContext, LintError, Report, Rule, Severity};
use crate::source::SourceFile;

rule!(
    ITEM_TOO_LARGE,
    "W001",
    "item-too-large",
    Error,
    "The file is too large to be one DynamoDB item.",
    "DynamoDB refuses items over 400 KB (attribute names and values together), so `store` cannot write this config and Stream Enrich could never read it.",
    "a `javascript_script_config` whose base64 script is 500 KB",
    "make the config smaller (for example, minify the embedded script)"
);

/// The rules `store` adds to the lint checks.
pub static RULES: &[&Rule] = &[&ITEM_TOO_LARGE];

/// Files turned into items, or the findings that stop them.
#[derive(Debug)]
pub enum Prepared {
    /// Every file is valid: the items to store, and the report (which may hold findings below
    /// the failure threshold, such as warnings).
    Ready {
        /// One item per file.
        items: Vec<NewItem>,
        /// The validation report.
        report: Report,
    },
    /// At least one finding at or above the failure threshold: nothing may be written.
    Invalid(Report),
}

/// Validates every enrichment config in `dir` (as `lint enrichments` does for `runtime`; a
/// file equal to `resolver` is left out) and makes one item per file: `id` = `prefix` + the
/// enrichment's name (its schema's name), `json` = the minified file, `file` = the file name.
pub fn prepare_enrichments(
    ctx: &LintContext,
    dir: &Path,
    prefix: &str,
    runtime: EnrichRuntime,
    resolver: Option<&Path>,
    fail_on: Severity,
) -> Result<Prepared, LintError> {
    let report = crate::lint::enrichments::lint_enrichments(ctx, dir, runtime, resolver)?;
    if report.files.is_empty() {
        return Err(LintError::Usage(format!(
            "{} holds no enrichment configs (`*.json` files); refusing to store an empty set",
            dir.display()
        )));
    }
    Ok(build(ctx, report, fail_on, |key| format!("{prefix}{}", key.name)))
}

/// Validates a resolver config (as `lint resolver` does) and makes its item: `id` = `key`.
pub fn prepare_resolver(ctx: &LintContext, file: &Path, key: &str, fail_on: Severity) -> Result<Prepared, LintError> {
    let report = crate::lint::resolver::lint_resolver(ctx, file)?;
    Ok(build(ctx, report, fail_on, |_| key.to_owned()))
}

fn build(ctx: &LintContext, mut report: Report, fail_on: Severity, id_for: impl Fn(&SchemaKey) -> String) -> Prepared {
    let mut items = Vec::new();
    for file in &mut report.files {
        if file.findings.iter().any(|f| f.severity >= fail_on) {
            continue;
        }
        match item_for(file, ctx.options.max_file_size, &id_for) {
            Ok(item) if item.size() > MAX_ITEM_BYTES => file.findings.push(Finding::file(
                &ITEM_TOO_LARGE,
                format!(
                    "the item for `{}` would be {} bytes, over DynamoDB's limit of {MAX_ITEM_BYTES}",
                    item.id,
                    item.size()
                ),
            )),
            Ok(item) => items.push(item),
            Err(finding) => file.findings.push(finding),
        }
    }
    if report.fails(fail_on) { Prepared::Invalid(report) } else { Prepared::Ready { items, report } }
}

/// Reads a file that passed validation and makes its item. It is read again here, so a file
/// changed since validation is reported rather than stored unchecked.
fn item_for(file: &FileReport, max_size: u64, id_for: &impl Fn(&SchemaKey) -> String) -> Result<NewItem, Finding> {
    let changed = |detail: String| {
        Finding::file(&common::IO_ERROR, format!("the file changed while it was being stored: {detail}"))
    };
    let source = SourceFile::read(&file.path, max_size).map_err(|e| changed(e.to_string()))?;
    let value = source.parse_json().map_err(|e| changed(e.message))?;
    let key = SelfDescribing::parse(&value).map_err(|e| changed(e.to_string()))?.schema;
    Ok(NewItem {
        id: id_for(&key),
        json: json_text::minify(&source.text),
        file: file.path.file_name().map(|n| n.to_string_lossy().into_owned()),
    })
}
