//! Placeholder: implemented in the next step.

use std::path::Path;

use super::{LintContext, LintError, Report, Rule};

/// The rules defined in this module.
pub static RULES: &[&Rule] = &[];

/// Lints a path.
pub fn lint_config(_ctx: &LintContext, _path: &Path) -> Result<Report, LintError> {
    Ok(Report::default())
}
