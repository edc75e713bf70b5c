//! Placeholder: implemented in the next step.

use std::path::Path;

use super::{LintContext, LintError, Report, Rule};

/// Which igluctl checks run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SchemaPreset {
    /// Every igluctl check (igluctl's default).
    Igluctl,
    /// Iglu Central's CI: the mandatory checks plus `unknownFormats`.
    IgluCentral,
}

/// The checks a preset skips.
pub fn preset_skip_checks(_preset: SchemaPreset) -> &'static [&'static str] {
    &[]
}

/// The rules defined in this module.
pub static RULES: &[&Rule] = &[];

/// Lints a path.
pub fn lint_schemas(_ctx: &LintContext, _dir: &Path) -> Result<Report, LintError> {
    Ok(Report::default())
}
