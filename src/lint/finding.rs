//! Rules, findings and reports.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::locate::JsonPositions;
use crate::source::Position;

/// How serious a finding is. Ordered from least to most serious.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; igluctl's `Info` level.
    Info,
    /// Likely a mistake.
    Warning,
    /// Will break the pipeline.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// A lint rule: stable code, name, default severity and documentation.
#[derive(Debug, PartialEq, Eq)]
pub struct Rule {
    /// Stable code, e.g. `I005`. Never reused.
    pub code: &'static str,
    /// Stable kebab-case name (igluctl's camelCase name for schema rules).
    pub name: &'static str,
    /// Default severity.
    pub severity: Severity,
    /// Whether `--skip-checks`/`--ignore` may turn it off.
    pub skippable: bool,
    /// What it checks, one line.
    pub summary: &'static str,
    /// Why it matters.
    pub why: &'static str,
    /// A short example that triggers it.
    pub example: &'static str,
    /// Default advice on how to fix it.
    pub hint: &'static str,
}

/// One problem in one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The rule that fired.
    #[serde(serialize_with = "serialize_rule")]
    pub rule: &'static Rule,
    /// Severity (the rule's default unless a linter raises or lowers it).
    pub severity: Severity,
    /// JSON pointer into the document (`""` is the whole document), when it applies.
    pub pointer: Option<String>,
    /// Line and column, when they can be known.
    pub position: Option<Position>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
}

fn serialize_rule<S: serde::Serializer>(rule: &&'static Rule, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(rule.code)
}

impl Finding {
    /// A finding of `rule` at `pointer` with the rule's default severity and hint.
    pub fn new(rule: &'static Rule, pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Finding {
            rule,
            severity: rule.severity,
            pointer: Some(pointer.into()),
            position: None,
            message: message.into(),
            hint: (!rule.hint.is_empty()).then(|| rule.hint.to_owned()),
        }
    }

    /// A finding about the whole file, with no pointer (for example, it cannot be read).
    pub fn file(rule: &'static Rule, message: impl Into<String>) -> Self {
        Finding { pointer: None, ..Finding::new(rule, "", message) }
    }

    /// Replaces the hint.
    #[must_use]
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Sets a known position.
    #[must_use]
    pub fn at(mut self, position: Option<Position>) -> Self {
        self.position = position;
        self
    }

    /// Overrides the severity.
    #[must_use]
    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    /// Prefixes the pointer, for findings produced on a nested document.
    #[must_use]
    pub fn under(mut self, prefix: &str) -> Self {
        if let Some(p) = &self.pointer {
            self.pointer = Some(format!("{prefix}{p}"));
        }
        self
    }
}

/// The syntax of a file, used to turn pointers into positions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// JSON (positions from [`JsonPositions`]).
    Json,
    /// YAML (positions from [`crate::locate::locate_yaml`]).
    Yaml,
    /// Anything else: findings keep the positions they were given.
    Other,
}

/// Findings being collected for one file.
#[derive(Debug)]
pub struct FileLint {
    /// The file.
    pub path: PathBuf,
    /// Its text, once read (used to locate pointers).
    pub text: Option<String>,
    /// How to locate pointers in `text`.
    pub kind: FileKind,
    /// Findings so far.
    pub findings: Vec<Finding>,
    /// Set when the file could not be read (an I/O error, exit status 2).
    pub io_error: bool,
}

impl FileLint {
    /// Starts collecting findings for `path`.
    pub fn new(path: impl Into<PathBuf>, kind: FileKind) -> Self {
        FileLint { path: path.into(), text: None, kind, findings: Vec::new(), io_error: false }
    }

    /// Adds a finding.
    pub fn push(&mut self, finding: Finding) {
        self.findings.push(finding);
    }

    /// Fills in missing positions from pointers and sorts findings by position.
    pub fn finish(mut self) -> FileReport {
        if let Some(text) = &self.text {
            let unplaced = self.findings.iter().any(|f| f.position.is_none() && f.pointer.is_some());
            // Index the document once, and only when some finding needs a position.
            let json = (unplaced && self.kind == FileKind::Json).then(|| JsonPositions::new(text));
            for finding in &mut self.findings {
                if let (None, Some(pointer)) = (finding.position, &finding.pointer) {
                    finding.position = match self.kind {
                        FileKind::Json => json.as_ref().and_then(|index| index.position(pointer)),
                        FileKind::Yaml => crate::locate::locate_yaml(text, pointer),
                        FileKind::Other => None,
                    };
                }
            }
        }
        self.findings.sort_by(|a, b| {
            (a.position, a.rule.code, &a.pointer, &a.message).cmp(&(b.position, b.rule.code, &b.pointer, &b.message))
        });
        self.findings.dedup();
        FileReport { path: self.path, findings: self.findings, io_error: self.io_error }
    }
}

/// The findings for one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileReport {
    /// The file.
    pub path: PathBuf,
    /// Its findings, sorted by position.
    pub findings: Vec<Finding>,
    /// Whether the file could not be read.
    #[serde(skip)]
    pub io_error: bool,
}

/// Counts of findings by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Files checked.
    pub files: usize,
    /// Files with at least one finding.
    pub files_with_findings: usize,
    /// Error findings.
    pub errors: usize,
    /// Warning findings.
    pub warnings: usize,
    /// Info findings.
    pub infos: usize,
}

/// The result of a lint run.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    /// One entry per file checked, sorted by path.
    pub files: Vec<FileReport>,
}

impl Report {
    /// A report from file reports, sorted by path.
    pub fn new(mut files: Vec<FileReport>) -> Self {
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Report { files }
    }

    /// Adds the files of another report.
    pub fn extend(&mut self, other: Report) {
        self.files.extend(other.files);
        self.files.sort_by(|a, b| a.path.cmp(&b.path));
    }

    /// Drops findings whose rule code or name is in `ignored`.
    pub fn ignore(&mut self, ignored: &[String]) {
        for file in &mut self.files {
            file.findings.retain(|f| !ignored.iter().any(|i| i.eq_ignore_ascii_case(f.rule.code) || *i == f.rule.name));
        }
    }

    /// All findings with their file.
    pub fn findings(&self) -> impl Iterator<Item = (&Path, &Finding)> {
        self.files.iter().flat_map(|f| f.findings.iter().map(move |x| (f.path.as_path(), x)))
    }

    /// Counts by severity.
    pub fn summary(&self) -> Summary {
        let mut s = Summary { files: self.files.len(), ..Summary::default() };
        for file in &self.files {
            if !file.findings.is_empty() {
                s.files_with_findings += 1;
            }
            for f in &file.findings {
                match f.severity {
                    Severity::Error => s.errors += 1,
                    Severity::Warning => s.warnings += 1,
                    Severity::Info => s.infos += 1,
                }
            }
        }
        s
    }

    /// Finding counts per rule code.
    pub fn counts_by_rule(&self) -> BTreeMap<&'static str, (&'static Rule, usize)> {
        let mut counts = BTreeMap::new();
        for (_, f) in self.findings() {
            counts.entry(f.rule.code).or_insert((f.rule, 0)).1 += 1;
        }
        counts
    }

    /// Whether any file could not be read.
    pub fn has_io_errors(&self) -> bool {
        self.files.iter().any(|f| f.io_error)
    }

    /// Whether any finding is at least as severe as `fail_on`.
    pub fn fails(&self, fail_on: Severity) -> bool {
        self.findings().any(|(_, f)| f.severity >= fail_on)
    }
}
