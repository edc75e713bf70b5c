//! Rules and helpers every linter shares: reading files, parsing JSON, and checking
//! self-describing JSON against its schema (recursing into contexts, unstruct events and
//! enrichment lists).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde_json::Value;

use super::context::{LintContext, LintError};
use super::finding::{FileKind, FileLint, FileReport, Finding, Rule, Severity};
use crate::iglu::{EnvelopeError, KeyError, SchemaKey, SelfDescribing, ValidateError};
use crate::source::{SourceError, SourceFile};

macro_rules! rule {
    ($ident:ident, $code:literal, $name:literal, $sev:ident, $summary:literal, $why:literal, $example:literal, $hint:literal) => {
        #[doc = $summary]
        pub static $ident: Rule = Rule {
            code: $code,
            name: $name,
            severity: Severity::$sev,
            skippable: true,
            summary: $summary,
            why: $why,
            example: $example,
            hint: $hint,
        };
    };
}
pub(crate) use rule;

rule!(
    IO_ERROR,
    "F001",
    "io-error",
    Error,
    "The file cannot be read.",
    "A file that cannot be read is never silently skipped: whatever it configures would be missing at run time.",
    "a file without read permission",
    "check the path and its permissions"
);
rule!(
    EMPTY_FILE,
    "F002",
    "empty-file",
    Error,
    "The file is empty.",
    "An empty config usually means a failed template render or a truncated upload.",
    "a zero-byte `enrichments/anon_ip.json`",
    "write the configuration or delete the file"
);
rule!(
    BINARY_FILE,
    "F003",
    "binary-file",
    Error,
    "The file is binary, not text.",
    "Configs and schemas are UTF-8 text; a binary file in their place is the wrong file.",
    "a `.json` file that is really gzip-compressed",
    "decompress it or point snowplowctl at the text file"
);
rule!(
    INVALID_UTF8,
    "F004",
    "invalid-utf8",
    Error,
    "The file is not valid UTF-8.",
    "JSON and YAML must be UTF-8; other encodings are misread by the JVM and Ruby tools.",
    "a Latin-1 encoded `config.yml`",
    "re-save the file as UTF-8"
);
rule!(
    FILE_TOO_LARGE,
    "F005",
    "file-too-large",
    Error,
    "The file is larger than the size limit.",
    "Configs and schemas are small; a huge file is almost certainly data, not configuration.",
    "a 50 MB log file named `*.json`",
    "check that this is the right file, or raise `--max-file-size`"
);
rule!(
    INVALID_JSON,
    "F006",
    "invalid-json",
    Error,
    "The file is not valid JSON.",
    "Snowplow components refuse to start on unparseable JSON, often with an unhelpful message.",
    "a trailing comma after the last property",
    "fix the JSON syntax at the position shown"
);
rule!(
    INVALID_YAML,
    "F007",
    "invalid-yaml",
    Error,
    "The file is not valid YAML.",
    "EmrEtlRunner refuses to start on unparseable YAML.",
    "a tab used for indentation",
    "fix the YAML syntax at the position shown"
);
rule!(
    INVALID_IGLU_URI,
    "I001",
    "invalid-iglu-uri",
    Error,
    "`schema` is not a valid Iglu URI (INVALID_IGLUURI).",
    "Without a valid `iglu:vendor/name/format/version` URI the data cannot be validated or loaded.",
    "`\"schema\": \"com.acme/x/jsonschema/1-0-0\"` (no `iglu:` prefix)",
    "write the URI as `iglu:vendor/name/format/MODEL-REVISION-ADDITION`"
);
rule!(
    INVALID_SCHEMAVER,
    "I002",
    "invalid-schemaver",
    Error,
    "The URI's version is not a SchemaVer (INVALID_SCHEMAVER).",
    "Iglu versions are `MODEL-REVISION-ADDITION` with a model of at least 1 and no leading zeros.",
    "`iglu:com.acme/x/jsonschema/1-0`",
    "use a full version such as `1-0-0`"
);
rule!(
    NOT_SELF_DESCRIBING,
    "I003",
    "not-self-describing",
    Error,
    "The JSON is not a self-describing `{\"schema\", \"data\"}` envelope (INVALID_DATA_PAYLOAD).",
    "Snowplow configs and events are self-describing JSON so that each can be validated against its schema.",
    "`{\"data\": {…}}` without `schema`",
    "wrap the payload as `{\"schema\": \"iglu:…\", \"data\": …}`"
);
rule!(
    SCHEMA_NOT_FOUND,
    "I004",
    "schema-not-found",
    Error,
    "The schema named by `schema` cannot be resolved.",
    "Data whose schema cannot be found fails validation in every Snowplow component.",
    "`iglu:com.acme/unknown/jsonschema/1-0-0` with no repository holding it",
    "check the URI for typos, or add the repository that holds the schema to the resolver (`--resolver`)"
);
rule!(
    SCHEMA_VIOLATION,
    "I005",
    "schema-violation",
    Error,
    "The data does not match its schema.",
    "Snowplow validates configs and events against their schemas and rejects them when they do not match.",
    "`\"anonOctets\": \"one\"` where the schema expects an integer",
    "change the value to what the schema expects"
);
rule!(
    UNEXPECTED_SCHEMA,
    "I006",
    "unexpected-schema",
    Error,
    "The file's schema is not the kind expected here.",
    "A file of the wrong kind (for example a resolver in the enrichments directory) is ignored or rejected at run time.",
    "a storage target in `enrichments/`",
    "move the file to the directory for its kind, or fix its `schema`"
);
rule!(
    INVALID_SCHEMA,
    "I007",
    "invalid-schema",
    Error,
    "The resolved schema is not a usable JSON Schema.",
    "A schema that cannot be compiled makes every instance of it fail.",
    "a schema with `\"type\": \"strnig\"`",
    "fix the schema in its repository (`snowplowctl lint schemas`)"
);

/// The rules defined in this module.
pub static RULES: &[&Rule] = &[
    &IO_ERROR,
    &EMPTY_FILE,
    &BINARY_FILE,
    &INVALID_UTF8,
    &FILE_TOO_LARGE,
    &INVALID_JSON,
    &INVALID_YAML,
    &INVALID_IGLU_URI,
    &INVALID_SCHEMAVER,
    &NOT_SELF_DESCRIBING,
    &SCHEMA_NOT_FOUND,
    &SCHEMA_VIOLATION,
    &UNEXPECTED_SCHEMA,
    &INVALID_SCHEMA,
];

/// Reads a file as text; on failure records the finding and returns `None`.
pub fn load_text(file: &mut FileLint, max_file_size: u64) -> Option<SourceFile> {
    match SourceFile::read(&file.path, max_file_size) {
        Ok(source) => {
            file.text = Some(source.text.clone());
            Some(source)
        }
        Err(error) => {
            let position = error.position();
            let rule = match &error {
                SourceError::Io { .. } => {
                    file.io_error = true;
                    &IO_ERROR
                }
                SourceError::TooLarge { .. } => &FILE_TOO_LARGE,
                SourceError::Empty { .. } => &EMPTY_FILE,
                SourceError::Binary { .. } => &BINARY_FILE,
                SourceError::InvalidUtf8 { .. } => &INVALID_UTF8,
            };
            file.push(Finding::file(rule, error.to_string()).at(position));
            None
        }
    }
}

/// A JSON file that was read and parsed.
#[derive(Debug)]
pub struct LoadedJson {
    /// The file's text.
    pub source: SourceFile,
    /// The parsed value.
    pub value: Value,
}

/// Reads and parses a JSON file; on failure records the finding and returns `None`.
pub fn load_json(file: &mut FileLint, max_file_size: u64) -> Option<LoadedJson> {
    let source = load_text(file, max_file_size)?;
    match source.parse_json() {
        Ok(value) => Some(LoadedJson { source, value }),
        Err(e) => {
            file.push(Finding::file(&INVALID_JSON, format!("invalid JSON: {}", e.message)).at(e.at));
            None
        }
    }
}

/// The finding for an envelope that cannot be read, at `at` (pointer of the envelope).
pub fn envelope_finding(error: &EnvelopeError, at: &str) -> Finding {
    let rule = match error {
        EnvelopeError::Key(KeyError::InvalidIgluUri { .. }) => &INVALID_IGLU_URI,
        EnvelopeError::Key(KeyError::InvalidSchemaVer { .. }) => &INVALID_SCHEMAVER,
        _ => &NOT_SELF_DESCRIBING,
    };
    Finding::new(rule, format!("{at}{}", error.pointer()), error.to_string())
}

/// The finding for data that could not be validated at all.
pub fn validate_error_finding(error: &ValidateError, at: &str) -> Finding {
    match error {
        ValidateError::Resolution(e) => {
            let finding = Finding::new(&SCHEMA_NOT_FOUND, format!("{at}/schema"), e.to_string());
            if e.is_not_found() {
                finding
            } else {
                finding.with_hint(
                    "a repository could not be reached; check the network or run again with the disk cache filled",
                )
            }
        }
        ValidateError::InvalidSchema { .. } => Finding::new(&INVALID_SCHEMA, format!("{at}/schema"), error.to_string()),
    }
}

/// Wrapper schemas whose data holds further self-describing JSON.
fn nested_instances<'a>(key: &SchemaKey, data: &'a Value) -> Vec<(String, &'a Value)> {
    if key.vendor != "com.snowplowanalytics.snowplow" || key.format != "jsonschema" {
        return Vec::new();
    }
    match (key.name.as_str(), data) {
        ("contexts" | "enrichments", Value::Array(items)) => {
            items.iter().enumerate().map(|(i, item)| (format!("/data/{i}"), item)).collect()
        }
        ("unstruct_event", data @ Value::Object(_)) => vec![("/data".to_owned(), data)],
        _ => Vec::new(),
    }
}

/// Checks a self-describing JSON at pointer `at` of the file: envelope, schema resolution,
/// validation of `data`, and nested self-describing JSON. Returns the schema key when the
/// envelope could be read.
pub fn check_sdj(ctx: &LintContext, file: &mut FileLint, value: &Value, at: &str) -> Option<SchemaKey> {
    let envelope = match SelfDescribing::parse(value) {
        Ok(envelope) => envelope,
        Err(error) => {
            file.push(envelope_finding(&error, at));
            return None;
        }
    };
    match ctx.validators.validate(&envelope.schema, envelope.data) {
        Ok(violations) => {
            for v in violations {
                file.push(
                    Finding::new(&SCHEMA_VIOLATION, format!("{at}/data{}", v.pointer), v.message)
                        .with_hint(format!("`{}` failed in {}", v.keyword, envelope.schema)),
                );
            }
        }
        Err(error) => file.push(validate_error_finding(&error, at)),
    }
    for (pointer, nested) in nested_instances(&envelope.schema, envelope.data) {
        check_sdj(ctx, file, nested, &format!("{at}{pointer}"));
    }
    Some(Arc::unwrap_or_clone(envelope.schema))
}

/// Lists the files directly in `dir` whose extension is one of `extensions`, sorted.
pub fn list_files(dir: &Path, extensions: &[&str]) -> Result<Vec<PathBuf>, LintError> {
    if !dir.is_dir() {
        let problem = if dir.exists() { "not a directory" } else { "no such directory" };
        return Err(LintError::BadPath { path: dir.to_owned(), problem: problem.into() });
    }
    let entries = std::fs::read_dir(dir).map_err(|source| LintError::ReadDir { path: dir.to_owned(), source })?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.is_file()
                && !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.'))
                && p.extension().is_some_and(|e| extensions.iter().any(|x| e.eq_ignore_ascii_case(x)))
        })
        .collect();
    files.sort();
    Ok(files)
}

/// Checks that `path` is an existing file.
pub fn require_file(path: &Path) -> Result<(), LintError> {
    if path.is_file() {
        Ok(())
    } else {
        let problem = if path.exists() { "not a regular file" } else { "no such file" };
        Err(LintError::BadPath { path: path.to_owned(), problem: problem.into() })
    }
}

/// Runs `lint_one` on every path in parallel (one rayon task per file), reporting progress,
/// and returns the results in input order.
pub fn map_files_parallel<T, F>(ctx: &LintContext, paths: &[PathBuf], lint_one: F) -> Vec<T>
where
    T: Send,
    F: Fn(&Path) -> T + Sync + Send,
{
    if let Some(progress) = &ctx.progress {
        progress.add_total(paths.len() as u64);
    }
    paths
        .par_iter()
        .map(|path| {
            let result = lint_one(path);
            if let Some(progress) = &ctx.progress {
                progress.inc();
            }
            result
        })
        .collect()
}

/// Lints one JSON file as a self-describing JSON of any schema.
pub fn lint_sdj_file(ctx: &LintContext, path: &Path) -> FileReport {
    let mut file = FileLint::new(path, FileKind::Json);
    if let Some(loaded) = load_json(&mut file, ctx.options.max_file_size) {
        check_sdj(ctx, &mut file, &loaded.value, "");
    }
    file.finish()
}
