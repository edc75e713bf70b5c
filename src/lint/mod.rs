//! `snowplowctl lint`: rules, findings, reports and the linters for each kind of file.
//!
//! Every linter turns files into a [`Report`]: one [`FileReport`] per file checked, each with
//! its [`Finding`]s. A file that cannot be read or parsed is a finding, never skipped, and one
//! bad file never stops the others. Rules are data ([`Rule`]) with a stable code, a name, a
//! severity and documentation; [`registry`] lists them all.

pub mod common;
pub mod config;
pub mod dataflow;
pub mod enrichments;
pub mod json;
pub mod render;
pub mod resolver;
pub mod schemas;
pub mod targets;

mod all;
mod context;
mod finding;

pub use all::{ALL_LAYOUT, AllOutcome, find_resolver, lint_all};
pub use context::{LintContext, LintError, LintOptions, Progress, load_resolver};
pub use finding::{FileKind, FileLint, FileReport, Finding, Report, Rule, Severity, Summary};

use std::sync::LazyLock;

/// Every rule snowplowctl knows, sorted by code.
pub fn registry() -> &'static [&'static Rule] {
    static ALL: LazyLock<Vec<&'static Rule>> = LazyLock::new(|| {
        let mut rules: Vec<&'static Rule> = [
            common::RULES,
            resolver::RULES,
            enrichments::RULES,
            config::RULES,
            targets::RULES,
            dataflow::RULES,
            schemas::FILE_RULES,
            schemas::LINTERS,
            crate::store::RULES,
        ]
        .concat();
        rules.sort_by_key(|r| r.code);
        rules
    });
    &ALL
}

/// Finds a rule by code (`I005`) or name (`schema-violation`, `rootObject`).
pub fn find_rule(code_or_name: &str) -> Option<&'static Rule> {
    registry().iter().copied().find(|r| r.code.eq_ignore_ascii_case(code_or_name) || r.name == code_or_name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn rule_codes_and_names_are_unique_and_documented() {
        let mut codes = HashSet::new();
        let mut names = HashSet::new();
        for rule in registry() {
            assert!(codes.insert(rule.code), "duplicate code {}", rule.code);
            assert!(names.insert(rule.name), "duplicate name {}", rule.name);
            assert!(!rule.summary.is_empty() && !rule.why.is_empty(), "{} needs docs", rule.code);
        }
    }
}
