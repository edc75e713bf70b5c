//! `lint json FILE…`: any self-describing JSON, validated through the resolver, including
//! the self-describing JSON nested in contexts, unstruct events and enrichment lists.

use std::path::PathBuf;

use super::common;
use super::{LintContext, LintError, Report};

/// Lints each file as a self-describing JSON.
pub fn lint_json(ctx: &LintContext, paths: &[PathBuf]) -> Result<Report, LintError> {
    for path in paths {
        common::require_file(path)?;
    }
    Ok(Report::new(common::map_files_parallel(ctx, paths, |p| common::lint_sdj_file(ctx, p))))
}
