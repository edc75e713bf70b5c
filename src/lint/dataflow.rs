//! Placeholder: implemented in the next step.

use std::path::Path;

use super::{LintContext, LintError, Report, Rule};

/// The rules defined in this module.
pub static RULES: &[&Rule] = &[];

/// Lints a cluster config.
pub fn lint_cluster(_ctx: &LintContext, _path: &Path) -> Result<Report, LintError> {
    Ok(Report::default())
}

/// Lints a playbook.
pub fn lint_playbook(_ctx: &LintContext, _path: &Path) -> Result<Report, LintError> {
    Ok(Report::default())
}
