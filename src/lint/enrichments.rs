//! `lint enrichments DIR`: each enrichment config, and the combined enrichments list that
//! EmrEtlRunner and Stream Enrich build from the directory.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::common::{self, rule};
use super::finding::{FileKind, FileLint, Finding, Report, Rule, Severity};
use super::{LintContext, LintError};
use crate::enrich::catalog::{self, EnrichRuntime};
use crate::iglu::{SchemaKey, SelfDescribing};

rule!(
    UNSUPPORTED_ENRICHMENT_VERSION,
    "E001",
    "unsupported-enrichment-version",
    Error,
    "The config's schema version is not one the target Enrich accepts.",
    "Enrich selects each enrichment by a schema criterion (for example `ip_lookups 2-0-*`); a config outside it is rejected when Enrich starts, even though it is valid JSON.",
    "`iglu:com.snowplowanalytics.snowplow/ip_lookups/jsonschema/1-0-0` for Enrich 6",
    "use a config version inside the supported criterion, or pick the runtime with `--enrich-runtime`"
);
rule!(
    ENRICHMENT_NAME_MISMATCH,
    "E002",
    "enrichment-name-mismatch",
    Warning,
    "`data.name` differs from the enrichment named by the schema.",
    "Legacy Enrich looked enrichments up by `name`; a mismatch there means a different or no enrichment runs.",
    "`\"name\": \"anon_ip\"` in an `ip_lookups` config",
    "set `name` to the schema's name"
);
rule!(
    DUPLICATE_ENRICHMENT,
    "E003",
    "duplicate-enrichment",
    Error,
    "Two files configure the same enrichment.",
    "Enrich keeps only one config per enrichment; which one wins depends on file order.",
    "`anon_ip.json` and `anon_ip_v2.json` both with the `anon_ip` schema",
    "keep one config per enrichment"
);
rule!(
    NOT_AN_ENRICHMENT,
    "E004",
    "not-an-enrichment",
    Error,
    "The file's schema is not an enrichment config schema.",
    "Every `*.json` file in the enrichments directory is sent to Enrich as an enrichment; anything else makes Enrich fail.",
    "`iglu_resolver.json` inside `enrichments/`",
    "move the file out of the enrichments directory"
);
rule!(
    UNSUPPORTED_BY_RUNTIME,
    "E005",
    "enrichment-not-in-runtime",
    Error,
    "The target Enrich does not have this enrichment at all.",
    "Enrichments added after R117 (for example `asn_lookups`) do not exist in legacy Enrich, which rejects their configs.",
    "an `asn_lookups` config with `--enrich-runtime legacy`",
    "remove the config or target a newer Enrich"
);

/// The rules defined in this module.
pub static RULES: &[&Rule] = &[
    &UNSUPPORTED_ENRICHMENT_VERSION,
    &ENRICHMENT_NAME_MISMATCH,
    &DUPLICATE_ENRICHMENT,
    &NOT_AN_ENRICHMENT,
    &UNSUPPORTED_BY_RUNTIME,
];

/// The schema of the list of enrichments built from a directory.
pub const ENRICHMENTS_LIST_SCHEMA: &str = "iglu:com.snowplowanalytics.snowplow/enrichments/jsonschema/1-0-0";

/// Lints every `*.json` file in `dir` as an enrichment config for `runtime`. A file equal to
/// `resolver` (the resolver in use) is not an enrichment and is left out.
pub fn lint_enrichments(
    ctx: &LintContext,
    dir: &Path,
    runtime: EnrichRuntime,
    resolver: Option<&Path>,
) -> Result<Report, LintError> {
    let resolver = resolver.and_then(|r| std::fs::canonicalize(r).ok());
    let paths: Vec<PathBuf> = common::list_files(dir, &["json"])?
        .into_iter()
        .filter(|p| resolver.is_none() || std::fs::canonicalize(p).ok() != resolver)
        .collect();
    let mut checked: Vec<(FileLint, Option<Value>)> =
        common::map_files_parallel(ctx, &paths, |path| lint_one(ctx, path, runtime));

    // The same enrichment configured twice: flag every file after the first.
    let mut seen: BTreeMap<(String, String), PathBuf> = BTreeMap::new();
    for (file, value) in &mut checked {
        let Some(key) = value.as_ref().and_then(|v| SelfDescribing::parse(v).ok()).map(|sd| sd.schema) else {
            continue;
        };
        if catalog::find(&key).is_none() {
            continue;
        }
        let id = (key.vendor.clone(), key.name.clone());
        match seen.get(&id) {
            Some(first) => file.push(Finding::new(
                &DUPLICATE_ENRICHMENT,
                "/schema",
                format!("enrichment `{}` is already configured in {}", key.name, first.display()),
            )),
            None => {
                seen.insert(id, file.path.clone());
            }
        }
    }

    // The combined list, as EmrEtlRunner builds it, must be valid too. Files whose envelope is
    // already reported broken are left out, so one mistake is not reported twice.
    let list_key = SchemaKey::parse(ENRICHMENTS_LIST_SCHEMA).expect("valid key");
    let owners: Vec<usize> = checked
        .iter()
        .enumerate()
        .filter(|(_, (_, v))| v.as_ref().is_some_and(|v| SelfDescribing::parse(v).is_ok()))
        .map(|(i, _)| i)
        .collect();
    let list: Vec<Value> = owners.iter().filter_map(|i| checked[*i].1.clone()).collect();
    match ctx.validators.validate(&list_key, &Value::Array(list)) {
        Ok(violations) => {
            for v in violations {
                // `/3/data/x` → file #3, pointer `/data/x`.
                let mut parts = v.pointer.splitn(3, '/').skip(1);
                let Some(index) = parts.next().and_then(|i| i.parse::<usize>().ok()) else { continue };
                let rest = parts.next().map_or(String::new(), |r| format!("/{r}"));
                if let Some((file, _)) = owners.get(index).and_then(|i| checked.get_mut(*i)) {
                    file.push(
                        Finding::new(&common::SCHEMA_VIOLATION, rest, v.message).with_hint(format!(
                            "`{}` failed in the combined list {ENRICHMENTS_LIST_SCHEMA}",
                            v.keyword
                        )),
                    );
                }
            }
        }
        Err(e) => {
            if let Some((file, _)) = checked.first_mut() {
                file.push(Finding::file(&common::SCHEMA_NOT_FOUND, e.to_string()));
            }
        }
    }
    Ok(Report::new(checked.into_iter().map(|(f, _)| f.finish()).collect()))
}

fn lint_one(ctx: &LintContext, path: &Path, runtime: EnrichRuntime) -> (FileLint, Option<Value>) {
    let mut file = FileLint::new(path, FileKind::Json);
    let Some(loaded) = common::load_json(&mut file, ctx.options.max_file_size) else { return (file, None) };
    let Some(key) = common::check_sdj(ctx, &mut file, &loaded.value, "") else { return (file, Some(loaded.value)) };
    check_enrichment(&mut file, &key, &loaded.value, runtime);
    (file, Some(loaded.value))
}

/// The enrichment-specific checks on one config whose envelope is valid.
pub fn check_enrichment(file: &mut FileLint, key: &SchemaKey, value: &Value, runtime: EnrichRuntime) {
    let Some(enrichment) = catalog::find(key) else {
        file.push(Finding::new(&NOT_AN_ENRICHMENT, "/schema", format!("{key} is not an enrichment config schema")));
        return;
    };
    match enrichment.criterion(runtime) {
        None => file.push(Finding::new(
            &UNSUPPORTED_BY_RUNTIME,
            "/schema",
            format!("{runtime} has no `{}` enrichment", enrichment.name),
        )),
        Some(criterion) if !criterion.matches(key) => file.push(Finding::new(
            &UNSUPPORTED_ENRICHMENT_VERSION,
            "/schema",
            format!(
                "{runtime} accepts `{}` configs matching {criterion}, not version {}",
                enrichment.name, key.version
            ),
        )),
        Some(_) => {}
    }
    if let Some(name) = value.pointer("/data/name").and_then(Value::as_str)
        && name != enrichment.name
    {
        file.push(
            Finding::new(
                &ENRICHMENT_NAME_MISMATCH,
                "/data/name",
                format!("`name` is `{name}` but the schema configures `{}`", enrichment.name),
            )
            .with_severity(Severity::Warning),
        );
    }
}
