//! Reading and checking everything `generate` reads: config.yml, the Iglu resolver, the
//! enrichments directory and the storage targets directory.
//!
//! Every input goes through its `snowplowctl lint` checks first. An error-level finding stops
//! generation; warnings and infos are handed back ([`Inputs::lint_report`]) for the caller to
//! show. Two additions are specific to generation, because it writes config values into files
//! that are used later, elsewhere:
//!
//! * a placeholder (`ADD HERE`, …) or an unset `<%= ENV[…] %>` lookup in any value other than
//!   the AWS credentials (which are never copied) is an error;
//! * keys that later releases added are not required, so that R89–R107 configs can be used:
//!   `aws.s3.buckets.encrypted` (R108) and `aws.s3.consolidate_shredded_output` (R112) default
//!   to `false`, the earlier behaviour, and a config without `storage.versions.rdb_loader`
//!   (before R90 loading was not an EMR step) can be used when no RDB Loader step is needed. Their
//!   lint findings are turned into warnings that say so.

use std::path::{Path, PathBuf};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use serde_json::{Map, Value};

use super::GenerateError;
use crate::emr::config::{CREDENTIAL_POINTERS, EmrEtlConfig};
use crate::emr::{erb, yaml};
use crate::enrich::catalog::EnrichRuntime;
use crate::iglu::{SchemaKey, SelfDescribing};
use crate::lint::{self, FileKind, FileLint, FileReport, Finding, LintContext, Report, Rule, Severity};
use crate::locate::escape_pointer_token;
use crate::source::SourceFile;

/// The files and directories to read.
#[derive(Debug, Clone, Default)]
pub struct InputPaths {
    /// EmrEtlRunner's config.yml.
    pub config: PathBuf,
    /// The Iglu resolver config (needed for playbooks).
    pub resolver: Option<PathBuf>,
    /// The directory of enrichment configs.
    pub enrichments: Option<PathBuf>,
    /// The directory of storage target configs.
    pub targets: Option<PathBuf>,
}

/// A key later releases require, which generation fills in for older configs.
struct CompatKey {
    /// Pointer of the mapping that holds the key.
    parent: &'static str,
    /// The key.
    key: &'static str,
    /// The value assumed, if any (`None`: the key stays absent and its feature is off).
    default: Option<Value>,
    /// What generation does without the key.
    assumption: &'static str,
}

fn compat_keys() -> [CompatKey; 3] {
    [
        CompatKey {
            parent: "/aws/s3/buckets",
            key: "encrypted",
            default: Some(Value::Bool(false)),
            assumption: "generate assumes `false` (no --s3ServerSideEncryption), the behaviour before R108",
        },
        CompatKey {
            parent: "/aws/s3",
            key: "consolidate_shredded_output",
            default: Some(Value::Bool(false)),
            assumption: "generate assumes `false` (shredded files are copied as they are), the behaviour before R112",
        },
        CompatKey {
            parent: "/storage/versions",
            key: "rdb_loader",
            default: None,
            assumption: "generate cannot add RDB Loader steps without it (before R90 loading was not an EMR step): \
                         add the key to load storage targets, or --skip rdb_load",
        },
    ]
}

/// A storage target config.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    /// The file it came from.
    pub path: PathBuf,
    /// Its schema.
    pub key: SchemaKey,
    /// Its `data`.
    pub data: Value,
}

impl Target {
    /// `data.name`, or the file name.
    pub fn name(&self) -> String {
        self.data.get("name").and_then(Value::as_str).map_or_else(
            || self.path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default(),
            str::to_owned,
        )
    }

    /// The target as EmrEtlRunner passes it to its jobs: the self-describing JSON, compact, in
    /// base64.
    pub fn to_base64(&self) -> String {
        let mut envelope = Map::new();
        envelope.insert("schema".to_owned(), Value::String(self.key.to_uri()));
        envelope.insert("data".to_owned(), self.data.clone());
        BASE64.encode(Value::Object(envelope).to_string())
    }
}

/// Storage targets grouped by purpose, as EmrEtlRunner groups them; within a group, in file
/// name order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Targets {
    /// `ENRICHED_EVENTS`: Redshift and Postgres, loaded by RDB Loader.
    pub enriched_events: Vec<Target>,
    /// `FAILED_EVENTS`: Elasticsearch, fed with bad rows.
    pub failed_events: Vec<Target>,
    /// `DUPLICATE_TRACKING`: the first DynamoDB target, used by RDB Shredder.
    pub duplicate_tracking: Option<Target>,
}

/// Everything generation reads, checked.
#[derive(Debug, Clone)]
pub struct Inputs {
    /// The config file.
    pub config_path: PathBuf,
    /// Its text (for positions in messages).
    pub config_text: String,
    /// The typed config.
    pub config: EmrEtlConfig,
    /// The config as EmrEtlRunner holds it once loaded: ERB rendered, a trailing `/` on every
    /// bucket, and the defaults for older configs filled in.
    pub document: Value,
    /// `storage.versions.rdb_loader`, which configs before R90 do not have.
    pub rdb_loader: Option<String>,
    /// The resolver file's text, if one was given.
    pub resolver: Option<String>,
    /// The enrichment configs, in file name order.
    pub enrichments: Vec<Value>,
    /// The storage targets.
    pub targets: Targets,
    /// What linting found below error level (warnings and infos), for the caller to show.
    pub lint_report: Report,
}

impl Inputs {
    /// A report with one finding about config.yml, positioned at `pointer`.
    pub fn config_finding(&self, rule: &'static Rule, pointer: &str, message: String, hint: String) -> Box<Report> {
        let mut file = FileLint::new(&self.config_path, FileKind::Yaml);
        file.text = Some(self.config_text.clone());
        file.push(Finding::new(rule, pointer, message).with_hint(hint));
        Box::new(Report::new(vec![file.finish()]))
    }

    /// The resolver file in base64, as Spark Enrich, RDB Shredder and RDB Loader take it.
    pub fn resolver_base64(&self) -> Option<String> {
        self.resolver.as_ref().map(|text| BASE64.encode(text))
    }
}

/// Lints and reads the inputs. ERB lookups in config.yml read variables through `env`.
pub fn load_inputs(
    ctx: &LintContext,
    paths: &InputPaths,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<Inputs, GenerateError> {
    let mut report = lint::config::lint_config_with_env(ctx, &paths.config, env)?;
    if let Some(resolver) = &paths.resolver {
        report.extend(lint::resolver::lint_resolver(ctx, resolver)?);
    }
    if let Some(dir) = &paths.enrichments {
        report.extend(lint::enrichments::lint_enrichments(ctx, dir, EnrichRuntime::Legacy, paths.resolver.as_deref())?);
    }
    if let Some(dir) = &paths.targets {
        report.extend(lint::targets::lint_targets(ctx, dir)?);
    }
    // The config could not be read or parsed: lint has said why.
    let Ok(source) = SourceFile::read(&paths.config, ctx.options.max_file_size) else {
        return Err(GenerateError::Findings(Box::new(report)));
    };
    let rendered = erb::render(&source.text, env);
    let Ok(parsed) = yaml::parse_yaml(&rendered.text) else {
        return Err(GenerateError::Findings(Box::new(report)));
    };
    let mut document = parsed.value;
    relax_compat_findings(&mut report, &paths.config, &document);
    let mut problems = FileLint::new(&paths.config, FileKind::Yaml);
    problems.text = Some(source.text.clone());
    check_values_known(&document, "", &mut problems);
    merge(&mut report, problems.finish());
    if report.has_io_errors() || report.fails(Severity::Error) {
        return Err(GenerateError::Findings(Box::new(report)));
    }

    let mut rdb_loader = None;
    for compat in compat_keys() {
        let Some(Value::Object(parent)) = document.pointer_mut(compat.parent) else { continue };
        match (&compat.default, parent.get(compat.key)) {
            (Some(default), None) => {
                parent.insert(compat.key.to_owned(), default.clone());
            }
            (None, Some(Value::String(value))) => rdb_loader = Some(value.clone()),
            _ => {}
        }
    }
    add_trailing_slashes(document.pointer_mut("/aws/s3/buckets"));

    // The typed view requires `rdb_loader`; an older config gets an empty one there only.
    let mut typed = document.clone();
    if rdb_loader.is_none()
        && let Some(Value::Object(versions)) = typed.pointer_mut("/storage/versions")
    {
        versions.insert("rdb_loader".to_owned(), Value::String(String::new()));
    }
    let config = EmrEtlConfig::from_document(&typed).map_err(|e| GenerateError::Internal(e.to_string()))?;

    let resolver = match &paths.resolver {
        Some(path) => Some(read_text(ctx, path)?),
        None => None,
    };
    let enrichments = match &paths.enrichments {
        Some(dir) => read_enrichments(ctx, dir, paths.resolver.as_deref())?,
        None => Vec::new(),
    };
    let targets = match &paths.targets {
        Some(dir) => read_targets(ctx, dir)?,
        None => Targets::default(),
    };
    Ok(Inputs {
        config_path: paths.config.clone(),
        config_text: source.text,
        config,
        document,
        rdb_loader,
        resolver,
        enrichments,
        targets,
        lint_report: report,
    })
}

/// Adds a file's findings to the report, next to any it already has for that file.
fn merge(report: &mut Report, file: FileReport) {
    if file.findings.is_empty() {
        return;
    }
    match report.files.iter_mut().find(|f| f.path == file.path) {
        Some(existing) => {
            existing.findings.extend(file.findings);
            existing.findings.sort_by(|a, b| (a.position, a.rule.code).cmp(&(b.position, b.rule.code)));
        }
        None => report.extend(Report::new(vec![file])),
    }
}

/// Lowers the missing-key errors for [`compat_keys`] to warnings that say what generation
/// assumes instead.
fn relax_compat_findings(report: &mut Report, config: &Path, document: &Value) {
    for file in report.files.iter_mut().filter(|f| f.path == config) {
        for finding in &mut file.findings {
            if finding.rule != &lint::config::MISSING_KEY {
                continue;
            }
            for compat in compat_keys() {
                let missing = document.pointer(compat.parent).is_some_and(|p| p.get(compat.key).is_none());
                if missing
                    && finding.pointer.as_deref() == Some(compat.parent)
                    && finding.message.contains(&format!("`{}`", compat.key))
                {
                    finding.severity = Severity::Warning;
                    finding.hint = Some(format!("{}; {}", compat.assumption, finding.hint.as_deref().unwrap_or("")));
                }
            }
        }
    }
}

/// Reports every value (other than the credentials, which are never copied) that is still a
/// placeholder or comes from an unset environment variable.
fn check_values_known(value: &Value, pointer: &str, out: &mut FileLint) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                check_values_known(child, &format!("{pointer}/{}", escape_pointer_token(key)), out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                check_values_known(child, &format!("{pointer}/{i}"), out);
            }
        }
        Value::String(text) if !CREDENTIAL_POINTERS.contains(&pointer) => {
            let key = crate::locate::dotted(pointer);
            if erb::has_placeholder(text) {
                let variable = erb::placeholder_variable(text).map_or_else(
                    || "an environment variable that is not set, or an ERB expression".to_owned(),
                    |v| format!("environment variable `{v}`, which is not set"),
                );
                out.push(
                    Finding::new(&lint::config::ENV_UNSET, pointer, format!("`{key}` comes from {variable}"))
                        .with_hint(
                            "generate writes config values into the files it produces, so every lookup other than \
                             the AWS credentials must be set when generating",
                        ),
                );
            } else if lint::config::is_placeholder(text) {
                out.push(
                    Finding::new(&lint::config::PLACEHOLDER, pointer, format!("`{key}` still holds a placeholder"))
                        .with_hint("replace the placeholder with the real value: generate writes it into its output"),
                );
            }
        }
        _ => {}
    }
}

/// Adds a trailing `/` to every string under `aws.s3.buckets`, as EmrEtlRunner does on load.
fn add_trailing_slashes(value: Option<&mut Value>) {
    match value {
        Some(Value::String(text)) if !text.ends_with('/') => text.push('/'),
        Some(Value::Object(map)) => map.values_mut().for_each(|v| add_trailing_slashes(Some(v))),
        Some(Value::Array(items)) => items.iter_mut().for_each(|v| add_trailing_slashes(Some(v))),
        _ => {}
    }
}

fn read_text(ctx: &LintContext, path: &Path) -> Result<String, GenerateError> {
    SourceFile::read(path, ctx.options.max_file_size)
        .map(|s| s.text)
        .map_err(|e| GenerateError::Input(lint::LintError::BadPath { path: path.to_owned(), problem: e.to_string() }))
}

fn read_json(ctx: &LintContext, path: &Path) -> Result<Value, GenerateError> {
    serde_json::from_str(&read_text(ctx, path)?)
        .map_err(|e| GenerateError::Internal(format!("{} passed lint but is not JSON: {e}", path.display())))
}

/// The enrichment configs EmrEtlRunner would pass: every `*.json` file in the directory (the
/// resolver excepted, as `lint enrichments` does), in file name order.
fn read_enrichments(ctx: &LintContext, dir: &Path, resolver: Option<&Path>) -> Result<Vec<Value>, GenerateError> {
    let resolver = resolver.and_then(|r| std::fs::canonicalize(r).ok());
    lint::common::list_files(dir, &["json"])?
        .into_iter()
        .filter(|p| resolver.is_none() || std::fs::canonicalize(p).ok() != resolver)
        .map(|path| read_json(ctx, &path))
        .collect()
}

fn read_targets(ctx: &LintContext, dir: &Path) -> Result<Targets, GenerateError> {
    let mut targets = Targets::default();
    for path in lint::common::list_files(dir, &["json"])? {
        let value = read_json(ctx, &path)?;
        let envelope = SelfDescribing::parse(&value)
            .map_err(|e| GenerateError::Internal(format!("{} passed lint but: {e}", path.display())))?;
        let target = Target { key: (*envelope.schema).clone(), data: envelope.data.clone(), path };
        match target.data.get("purpose").and_then(Value::as_str) {
            Some("ENRICHED_EVENTS") => targets.enriched_events.push(target),
            Some("FAILED_EVENTS") => targets.failed_events.push(target),
            Some("DUPLICATE_TRACKING") if targets.duplicate_tracking.is_none() => {
                targets.duplicate_tracking = Some(target);
            }
            _ => {}
        }
    }
    Ok(targets)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_get_trailing_slashes_but_flags_do_not_change() {
        let mut doc = serde_json::json!({"aws": {"s3": {"buckets": {
            "log": "s3://l", "encrypted": true, "raw": {"in": ["s3://a", "s3://b/"]}, "errors": null
        }}}});
        add_trailing_slashes(doc.pointer_mut("/aws/s3/buckets"));
        assert_eq!(
            doc,
            serde_json::json!({"aws": {"s3": {"buckets": {
                "log": "s3://l/", "encrypted": true, "raw": {"in": ["s3://a/", "s3://b/"]}, "errors": null
            }}}})
        );
    }

    #[test]
    fn placeholders_and_unset_lookups_are_reported_but_not_in_credentials() {
        let doc = serde_json::json!({
            "aws": {"access_key_id": erb::placeholder("AWS_KEY"), "secret_access_key": "ADD HERE",
                    "s3": {"region": "ADD HERE", "log": erb::placeholder("LOG_BUCKET")}}
        });
        let mut file = FileLint::new("config.yml", FileKind::Yaml);
        check_values_known(&doc, "", &mut file);
        let found: Vec<(String, &str)> =
            file.findings.iter().map(|f| (f.pointer.clone().unwrap_or_default(), f.rule.code)).collect();
        assert_eq!(found, [("/aws/s3/region".to_owned(), "C019"), ("/aws/s3/log".to_owned(), "C002")]);
        assert!(file.findings[1].message.contains("`LOG_BUCKET`"));
    }

    #[test]
    fn targets_are_passed_as_compact_self_describing_json() {
        let target = Target {
            path: PathBuf::from("t/es.json"),
            key: SchemaKey::parse("iglu:com.snowplowanalytics.snowplow.storage/elastic_config/jsonschema/1-0-0")
                .unwrap(),
            data: serde_json::json!({"name": "ES", "port": 9200}),
        };
        let decoded = String::from_utf8(BASE64.decode(target.to_base64()).unwrap()).unwrap();
        assert_eq!(
            decoded,
            r#"{"schema":"iglu:com.snowplowanalytics.snowplow.storage/elastic_config/jsonschema/1-0-0","data":{"name":"ES","port":9200}}"#
        );
        assert_eq!(target.name(), "ES");
    }
}
