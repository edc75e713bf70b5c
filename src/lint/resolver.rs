//! `lint resolver FILE`: the Iglu resolver config, checked against its schema and then
//! decoded the way the Iglu Scala client decodes it.

use std::path::Path;

use super::common::{self, rule};
use super::finding::{FileKind, FileLint, Finding, Report, Rule, Severity};
use super::{LintContext, LintError};
use crate::iglu::resolver_config::RESOLVER_CONFIG_CRITERION;
use crate::iglu::validate::is_uuid;
use crate::iglu::{Connection, ResolverConfig, SchemaCriterion};

rule!(
    INVALID_RESOLVER,
    "R001",
    "invalid-resolver",
    Error,
    "The resolver config cannot be used by the Iglu client.",
    "The Iglu Scala client decodes some fields more strictly than the schema (whole numbers for `cacheSize` and `priority`, unique repository names) and refuses to start otherwise.",
    "`\"cacheSize\": 500.5`",
    "fix the field named in the message"
);
rule!(
    APIKEY_NOT_UUID,
    "R002",
    "apikey-not-uuid",
    Warning,
    "An HTTP repository's `apikey` is not a UUID.",
    "Iglu Server rejects API keys that are not UUIDs with `400 Invalid UUID for ApiKey`.",
    "`\"apikey\": \"secret\"`",
    "use the UUID key issued by Iglu Server"
);
rule!(
    HTTP_URI_SHAPE,
    "R003",
    "repository-uri-shape",
    Error,
    "An HTTP repository URI is not a registry root.",
    "The client appends `/schemas/vendor/name/format/version` to the URI, so a URI that already ends in `/schemas`, or is not http(s), never finds anything.",
    "`\"uri\": \"https://iglu.acme.com/api/schemas\"`",
    "use the registry root: the bare host for a static registry, `https://host/api` for Iglu Server"
);
rule!(
    EMBEDDED_PATH_MISSING,
    "R004",
    "embedded-path-missing",
    Warning,
    "An `embedded` repository's path is not a directory snowplowctl can read.",
    "snowplowctl reads `embedded` repositories from a directory (relative to the resolver file) holding `schemas/`; the JVM reads the path from its classpath instead, so schemas there are invisible to snowplowctl.",
    "`\"path\": \"/iglu-embedded\"` with no such directory",
    "point `path` at a directory that contains `schemas/vendor/name/format/version` files"
);
/// The rules defined in this module.
pub static RULES: &[&Rule] = &[&INVALID_RESOLVER, &APIKEY_NOT_UUID, &HTTP_URI_SHAPE, &EMBEDDED_PATH_MISSING];

/// Lints one resolver config file.
pub fn lint_resolver(ctx: &LintContext, path: &Path) -> Result<Report, LintError> {
    common::require_file(path)?;
    let mut file = FileLint::new(path, FileKind::Json);
    check_resolver_file(ctx, &mut file);
    Ok(Report::new(vec![file.finish()]))
}

/// Checks the resolver at `file.path`, adding findings to `file`.
pub fn check_resolver_file(ctx: &LintContext, file: &mut FileLint) {
    let Some(loaded) = common::load_json(file, ctx.options.max_file_size) else { return };
    let before = file.findings.len();
    let Some(key) = common::check_sdj(ctx, file, &loaded.value, "") else { return };
    let criterion = SchemaCriterion::parse(RESOLVER_CONFIG_CRITERION).expect("valid criterion");
    if !criterion.matches(&key) {
        file.push(Finding::new(
            &common::UNEXPECTED_SCHEMA,
            "/schema",
            format!("expected a resolver config ({RESOLVER_CONFIG_CRITERION}), found {key}"),
        ));
        return;
    }
    // Decoding repeats what the schema already reported; only decode a schema-valid file.
    if file.findings.len() > before {
        return;
    }
    let base_dir = file.path.parent().unwrap_or(Path::new(".")).to_owned();
    let config = match ResolverConfig::decode(&loaded.value, &base_dir) {
        Ok(config) => config,
        Err(issues) => {
            for issue in issues {
                file.push(Finding::new(&INVALID_RESOLVER, issue.pointer, issue.message));
            }
            return;
        }
    };
    for (i, repo) in config.repositories.iter().enumerate() {
        let at = format!("/data/repositories/{i}/connection");
        match &repo.connection {
            Connection::Http { uri, apikey } => {
                if let Some(problem) = uri_problem(uri) {
                    file.push(Finding::new(
                        &HTTP_URI_SHAPE,
                        format!("{at}/http/uri"),
                        format!("repository `{}`: {problem}", repo.name),
                    ));
                }
                if apikey.as_deref().is_some_and(|k| !is_uuid(k)) {
                    // Never echo the key itself.
                    file.push(
                        Finding::new(
                            &APIKEY_NOT_UUID,
                            format!("{at}/http/apikey"),
                            format!("the apikey of repository `{}` is not a UUID", repo.name),
                        )
                        .with_severity(Severity::Warning),
                    );
                }
            }
            Connection::Embedded { path, resolved } => {
                if !resolved.join("schemas").is_dir() && !resolved.is_dir() {
                    file.push(Finding::new(
                        &EMBEDDED_PATH_MISSING,
                        format!("{at}/embedded/path"),
                        format!(
                            "repository `{}`: `{path}` is not a directory (resolved to {})",
                            repo.name,
                            resolved.display()
                        ),
                    ));
                }
            }
        }
    }
}

fn uri_problem(uri: &str) -> Option<String> {
    let Some(rest) = uri.strip_prefix("http://").or_else(|| uri.strip_prefix("https://")) else {
        return Some(format!("`{uri}` is not an http(s) URL"));
    };
    if rest.is_empty() || rest.starts_with('/') {
        return Some(format!("`{uri}` has no host"));
    }
    let trimmed = uri.trim_end_matches('/');
    if trimmed.ends_with("/schemas") || trimmed.contains("/schemas/") {
        return Some(format!("`{uri}` includes `/schemas`, which the client adds itself"));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::uri_problem;

    #[test]
    fn registry_roots() {
        assert_eq!(uri_problem("http://iglucentral.com"), None);
        assert_eq!(uri_problem("https://iglu.acme.com/api"), None);
        assert!(uri_problem("https://iglu.acme.com/api/schemas").is_some());
        assert!(uri_problem("s3://bucket").is_some());
        assert!(uri_problem("http://").is_some());
    }
}
