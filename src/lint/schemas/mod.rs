//! `lint schemas PATH`: Iglu schemas, checked the way `igluctl lint` checks them, with the same
//! linter names, levels and `--skip-checks` semantics.
//!
//! # Pipeline
//!
//! 1. **Input.** A single file, or a directory walked recursively in sorted order with hidden
//!    files and directories skipped. Like igluctl, a file is a JSON schema when the directory
//!    holding it is `jsonschema` (`vendor/name/jsonschema/version`). Files whose directory is
//!    another Iglu format (`avro`, `thrift`, `protobuf`) are left alone. Every other file is a
//!    [`rules::NOT_IN_SCHEMA_LAYOUT`] finding instead of being skipped silently as igluctl does,
//!    because a misplaced schema is never published. A file given directly is linted wherever
//!    it is; its path is compared with `self` only when it sits in a `jsonschema` directory.
//! 2. **Each schema, in parallel.** Reading and JSON parsing (`F0xx`), the `self` block
//!    (`S002`), path against `self` (`S003`), `$supersedes`/`$supersededBy` (`S004`), the
//!    draft-04 meta-schema (`S005`, igluctl's syntax check) and igluctl's sixteen linters
//!    (`S101`–`S116`, see [`rules::LINTERS`]), minus those in `--skip-checks`.
//! 3. **Across schemas.** The version checks: every family starts at `1-0-0` (`S006`), steps
//!    one version at a time (`S007`), and a lone schema is `1-0-0` (`S008`). Files whose path
//!    disagrees with `self` are left out, as igluctl leaves them out.
//! 4. **`--skip-schemas`** drops the named schemas from the report (they still count for the
//!    version checks, as in igluctl). Skipping every schema found is a usage error.
//!
//! # Deviations from igluctl
//!
//! * **`ipv6`.** schema-ddl spells the format `ivp6`, so igluctl reports a correct
//!   `"format": "ipv6"` under `unknownFormats` (and `stringLength`). snowplowctl knows `ipv6`
//!   and treats `ivp6` as unknown.
//! * **The walk is kept.** Linters visit the root, `items`, `additionalItems`, `properties`,
//!   `additionalProperties`, `patternProperties` and `oneOf` only, never `anyOf`, `allOf`,
//!   `not` or `definitions`, exactly like igluctl: schemas in the wild (Iglu Central
//!   included) were written against that walk, and entering those keywords would flag
//!   schemas igluctl has always passed. The draft-04 meta-schema check does cover them.
//! * **BigQuery linters.** schema-ddl's `bqDisallowedCharacters` and `bqIllegalStart` run in
//!   igluctl but print nothing, so they are not implemented. Their names are accepted by
//!   `--skip-checks` (and do nothing) so igluctl command lines keep working.
//! * **More per run.** igluctl stops at the first problem of a file (a wrong `$schema` or
//!   `self` means no linting); snowplowctl reports the `self` problem and still lints the
//!   body. Keyword values of the wrong type are reported once, by the meta-schema check.
//! * **Findings.** Each finding has a JSON pointer into the file (the node, or the keyword at
//!   fault such as `…/format`), a line and column, and one finding per gap rather than one
//!   per family. Severity keeps igluctl's level; igluctl fails on any level, which is
//!   snowplowctl's default `--fail-on info`.

mod document;
mod linters;
pub mod rules;
mod versions;

use crate::text::edit_distance;
use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};

use serde_json::Value;

pub use linters::{IGLU_META_SCHEMA_URI, KNOWN_FORMATS};
pub use rules::{FILE_RULES, LINTERS};

use super::common;
use super::finding::{FileKind, FileLint, FileReport, Finding, Report, Rule};
use super::{LintContext, LintError};
use crate::iglu::{SchemaKey, json_type};

/// Which igluctl checks run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SchemaPreset {
    /// Every igluctl check (igluctl's default).
    Igluctl,
    /// Iglu Central's CI: the mandatory checks plus `unknownFormats`.
    IgluCentral,
}

/// The linters Iglu Central's CI skips (`.github/scripts/lint.bash`).
const IGLU_CENTRAL_SKIPS: &[&str] =
    &["optionalNull", "description", "numericMinMax", "stringLength", "stringMaxLengthRange", "rootObject"];

/// The checks a preset skips.
pub fn preset_skip_checks(preset: SchemaPreset) -> &'static [&'static str] {
    match preset {
        SchemaPreset::Igluctl => &[],
        SchemaPreset::IgluCentral => IGLU_CENTRAL_SKIPS,
    }
}

/// Iglu formats that are not JSON Schema; files under them are not linted.
const OTHER_FORMATS: &[&str] = &["avro", "thrift", "protobuf"];

/// The linters turned off by `--skip-checks`.
struct Skipped(Vec<&'static Rule>);

impl linters::Enabled for Skipped {
    fn enabled(&self, rule: &Rule) -> bool {
        !self.0.iter().any(|skipped| skipped.code == rule.code)
    }
}

/// Resolves `--skip-checks` names (case-sensitive, like igluctl) to linters.
fn skipped_linters(names: &[String]) -> Result<Skipped, LintError> {
    let (mut unknown, mut mandatory, mut skipped) = (Vec::new(), Vec::new(), Vec::new());
    for name in names.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
        if rules::SILENT_LINTERS.contains(&name) {
            continue;
        }
        match rules::LINTERS.iter().find(|rule| rule.name == name) {
            None => unknown.push(name),
            Some(rule) if !rule.skippable => mandatory.push(name),
            Some(rule) => skipped.push(*rule),
        }
    }
    let skippable: Vec<&str> = rules::LINTERS.iter().filter(|r| r.skippable).map(|r| r.name).collect();
    if !unknown.is_empty() {
        let near: Vec<&str> = unknown
            .iter()
            .filter_map(|name| rules::LINTERS.iter().find(|r| r.name.eq_ignore_ascii_case(name)).map(|r| r.name))
            .collect();
        let suggestion =
            if near.is_empty() { String::new() } else { format!(" (names are case-sensitive: {})", near.join(", ")) };
        return Err(LintError::Usage(format!(
            "--skip-checks: unknown linters [{}]{suggestion}; the linters that can be skipped are {}",
            unknown.join(", "),
            skippable.join(", ")
        )));
    }
    if !mandatory.is_empty() {
        return Err(LintError::Usage(format!(
            "--skip-checks: non-skippable linters [{}]; only {} can be skipped",
            mandatory.join(", "),
            skippable.join(", ")
        )));
    }
    Ok(Skipped(skipped))
}

/// Parses `--skip-schemas` URIs.
fn skipped_schemas(uris: &[String]) -> Result<Vec<SchemaKey>, LintError> {
    uris.iter()
        .map(|uri| uri.trim())
        .filter(|uri| !uri.is_empty())
        .map(|uri| SchemaKey::parse(uri).map_err(|e| LintError::Usage(format!("--skip-schemas: {e}"))))
        .collect()
}

/// What the input holds.
#[derive(Debug, Default)]
struct Input {
    /// Files to lint as JSON schemas.
    schemas: Vec<PathBuf>,
    /// Files and directories reported without being linted (misplaced, unreadable).
    reports: Vec<FileReport>,
}

/// The normal components of `path` made absolute, with `.` and `..` resolved lexically (not
/// through symlinks, like igluctl's `toAbsolutePath`).
fn path_parts(path: &Path) -> Vec<String> {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    let mut parts: Vec<String> = Vec::new();
    for component in absolute.components() {
        match component {
            Component::Normal(part) => parts.push(part.to_string_lossy().into_owned()),
            Component::ParentDir => {
                parts.pop();
            }
            _ => {}
        }
    }
    parts
}

/// The `vendor/name/jsonschema/version` parts of `parts`, when the file is in a `jsonschema`
/// directory.
fn jsonschema_layout(parts: &[String]) -> Option<[String; 4]> {
    match parts {
        [.., vendor, name, format, version] if format == "jsonschema" => {
            Some([vendor.clone(), name.clone(), format.clone(), version.clone()])
        }
        _ => None,
    }
}

/// The finding for a file that is neither a JSON schema nor another Iglu format.
fn misplaced(path: &Path, parts: &[String]) -> FileReport {
    let mut file = FileLint::new(path, FileKind::Other);
    let directory = parts.iter().rev().nth(1).map_or("", String::as_str);
    let mut finding = Finding::file(
        &rules::NOT_IN_SCHEMA_LAYOUT,
        format!(
            "not a schema path: the directory holding it is `{directory}`, not a format directory (jsonschema, {})",
            OTHER_FORMATS.join(", ")
        ),
    );
    let folded = directory.to_ascii_lowercase().replace(['-', '_'], "");
    if folded == "jsonschema" || (directory.len() >= 6 && edit_distance(&folded, "jsonschema") <= 2) {
        finding = finding.with_hint(format!(
            "did you mean `jsonschema`? igluctl and Iglu Server only read files in a directory named exactly \
             `jsonschema`, so this one is never published; rename `{directory}`"
        ));
    }
    file.push(finding);
    file.finish()
}

/// Walks `dir` recursively in sorted order, skipping hidden entries.
fn walk(dir: &Path, input: &mut Input, visited: &mut HashSet<PathBuf>, is_root: bool) -> Result<(), LintError> {
    // Symlinked directories may form cycles; visit each real directory once.
    if let Ok(real) = std::fs::canonicalize(dir)
        && !visited.insert(real)
    {
        return Ok(());
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(source) if is_root => return Err(LintError::ReadDir { path: dir.to_owned(), source }),
        Err(source) => {
            let mut file = FileLint::new(dir, FileKind::Other);
            file.io_error = true;
            file.push(Finding::file(&common::IO_ERROR, format!("cannot list {}: {source}", dir.display())));
            input.reports.push(file.finish());
            return Ok(());
        }
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|entry| !entry.file_name().to_string_lossy().starts_with('.'))
        .map(|entry| entry.path())
        .collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            walk(&path, input, visited, false)?;
        } else if path.is_file() {
            let parts = path_parts(&path);
            let directory = parts.iter().rev().nth(1).map(String::as_str);
            if jsonschema_layout(&parts).is_some() {
                input.schemas.push(path);
            } else if !directory.is_some_and(|d| OTHER_FORMATS.contains(&d)) {
                input.reports.push(misplaced(&path, &parts));
            }
        }
    }
    Ok(())
}

/// The schema files (and reports for other files) under `path`.
fn collect_input(path: &Path) -> Result<Input, LintError> {
    if path.is_file() {
        return Ok(Input { schemas: vec![path.to_owned()], reports: Vec::new() });
    }
    if !path.is_dir() {
        let problem = if path.exists() { "not a file or directory" } else { "no such file or directory" };
        return Err(LintError::BadPath { path: path.to_owned(), problem: problem.into() });
    }
    let mut input = Input::default();
    walk(path, &mut input, &mut HashSet::new(), true)?;
    Ok(input)
}

/// One schema file after its own checks.
struct Checked {
    file: FileLint,
    /// The key `self` declares, when valid.
    key: Option<SchemaKey>,
    /// Whether the path agrees with `self` (or was not compared).
    in_place: bool,
    /// The last four parts of the path (`vendor/name/jsonschema/version`), when the file is
    /// in a `jsonschema` directory; only then is the path compared with `self`.
    layout: Option<[String; 4]>,
}

/// Every check that needs only this file.
fn lint_file(ctx: &LintContext, path: &Path, skipped: &Skipped) -> Checked {
    let layout = jsonschema_layout(&path_parts(path));
    let mut file = FileLint::new(path, FileKind::Json);
    let Some(loaded) = common::load_json(&mut file, ctx.options.max_file_size) else {
        return Checked { file, key: None, in_place: false, layout };
    };
    let Value::Object(root) = &loaded.value else {
        file.push(Finding::new(
            &rules::INVALID_SELF,
            "",
            format!(
                "the file holds {}; expected a JSON Schema object with `$schema` and `self`",
                json_type(&loaded.value)
            ),
        ));
        return Checked { file, key: None, in_place: false, layout };
    };
    let key = document::check_self(root, &mut file);
    let in_place = match (&key, &layout) {
        (Some(key), Some(layout)) => document::check_path(&mut file, layout, key),
        _ => true,
    };
    document::check_superseding(root, key.as_ref().map(|k| k.version), &mut file);
    document::check_meta_schema(&loaded.value, &mut file);
    for finding in linters::lint(&loaded.value, skipped) {
        file.push(finding);
    }
    Checked { file, key, in_place, layout }
}

/// Lints a schema file, or every schema under a directory (see the module documentation).
pub fn lint_schemas(ctx: &LintContext, path: &Path) -> Result<Report, LintError> {
    let skipped = skipped_linters(&ctx.options.skip_checks)?;
    let skipped_keys = skipped_schemas(&ctx.options.skip_schemas)?;
    let input = collect_input(path)?;

    let mut checked: Vec<Checked> =
        common::map_files_parallel(ctx, &input.schemas, |path| lint_file(ctx, path, &skipped));

    let versioned: Vec<(usize, SchemaKey)> = checked
        .iter()
        .enumerate()
        .filter(|(_, c)| c.in_place)
        .filter_map(|(i, c)| c.key.clone().map(|key| (i, key)))
        .collect();
    for (owner, finding) in versions::check_versions(&versioned) {
        checked[owner].file.push(finding);
    }

    let total = checked.len();
    // A schema whose `self` is broken can still be skipped by the key its path names.
    let kept: Vec<Checked> = checked
        .into_iter()
        .filter(|c| {
            let key = c.key.clone().or_else(|| c.layout.as_ref().and_then(|l| SchemaKey::from_path(&l.join("/")).ok()));
            !key.is_some_and(|key| skipped_keys.contains(&key))
        })
        .collect();
    if !skipped_keys.is_empty() && total > 0 && kept.is_empty() {
        return Err(LintError::Usage(format!(
            "All schemas provided were also skipped: --skip-schemas left none of the {total} schema(s) in {} to check",
            path.display()
        )));
    }

    let mut reports = input.reports;
    reports.extend(kept.into_iter().map(|c| c.file.finish()));
    Ok(Report::new(reports))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    fn usage(result: Result<Skipped, LintError>) -> String {
        match result {
            Err(LintError::Usage(message)) => message,
            other => panic!("expected a usage error, got {:?}", other.map(|s| s.0.len())),
        }
    }

    #[test]
    fn skip_checks_follow_igluctl() {
        assert_eq!(skipped_linters(&names(&["description", "rootObject", ""])).unwrap().0.len(), 2);
        // The silent BigQuery linters are accepted and do nothing.
        assert!(skipped_linters(&names(&["bqIllegalStart"])).unwrap().0.is_empty());
        let unknown = usage(skipped_linters(&names(&["rootobject", "nope"])));
        assert!(unknown.contains("unknown linters [rootobject, nope]"), "{unknown}");
        assert!(unknown.contains("case-sensitive: rootObject"), "{unknown}");
        let mandatory = usage(skipped_linters(&names(&["schemaUri", "description", "arrayMinMaxItems"])));
        assert!(mandatory.contains("non-skippable linters [schemaUri, arrayMinMaxItems]"), "{mandatory}");
    }

    #[test]
    fn presets() {
        assert!(preset_skip_checks(SchemaPreset::Igluctl).is_empty());
        let skips = names(preset_skip_checks(SchemaPreset::IgluCentral));
        assert_eq!(skipped_linters(&skips).unwrap().0.len(), 6);
        assert!(!skips.contains(&"unknownFormats".to_owned()));
    }

    #[test]
    fn layout_is_read_from_the_absolute_path() {
        let parts = path_parts(Path::new("/r/com.acme/x/jsonschema/../jsonschema/./1-0-0"));
        assert_eq!(jsonschema_layout(&parts).unwrap().join("/"), "com.acme/x/jsonschema/1-0-0");
        assert!(jsonschema_layout(&path_parts(Path::new("/r/com.acme/x/avro/1-0-0"))).is_none());
    }

    #[test]
    fn misspelt_format_directories_are_recognised() {
        let parts = names(&["com.acme", "x", "JSON-Schema", "1-0-0"]);
        let report = misplaced(Path::new("x"), &parts);
        assert!(report.findings[0].hint.as_deref().unwrap_or("").contains("did you mean `jsonschema`"));
        let report = misplaced(Path::new("README.md"), &names(&["schemas", "README.md"]));
        assert!(!report.findings[0].hint.as_deref().unwrap_or("").contains("did you mean"));
    }
}
