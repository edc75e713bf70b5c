//! `snowplowctl lint …`.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, bail};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use snowplowctl::iglu::Resolver;
use snowplowctl::lint::render::{self, RenderOptions};
use snowplowctl::lint::{self, LintContext, LintError, LintOptions, Progress, Report};

use super::{ExitStatus, use_color};
use crate::cli::{GlobalArgs, LintArgs, LintTarget};

/// A progress bar on stderr, drawn only when stderr is a terminal.
#[derive(Debug)]
struct Bar(ProgressBar);

impl Progress for Bar {
    fn add_total(&self, files: u64) {
        self.0.inc_length(files);
    }
    fn inc(&self) {
        self.0.inc(1);
    }
}

/// Parses Dataflow Runner's `--vars k1,v1,k2,v2`.
fn parse_vars(vars: Option<&str>) -> anyhow::Result<BTreeMap<String, String>> {
    let Some(vars) = vars else { return Ok(BTreeMap::new()) };
    let parts: Vec<&str> = vars.split(',').collect();
    if !parts.len().is_multiple_of(2) {
        bail!("--vars needs key,value pairs (`k1,v1,k2,v2`), but `{vars}` has {} item(s)", parts.len());
    }
    Ok(parts.chunks(2).map(|kv| (kv[0].to_owned(), kv[1].to_owned())).collect())
}

fn print_rules(rule: Option<&str>) -> anyhow::Result<ExitStatus> {
    let mut out = std::io::stdout().lock();
    if let Some(wanted) = rule {
        let Some(rule) = lint::find_rule(wanted) else {
            bail!("no rule is called `{wanted}`; `snowplowctl lint rules` lists them");
        };
        writeln!(
            out,
            "{} {} ({})\n\n{}\n\nWhy: {}\n\nExample: {}\n\nFix: {}",
            rule.code, rule.name, rule.severity, rule.summary, rule.why, rule.example, rule.hint
        )?;
        return Ok(ExitStatus::Success);
    }
    let mut table = comfy_table::Table::new();
    table.load_preset(comfy_table::presets::UTF8_FULL_CONDENSED).set_header(["code", "name", "severity", "checks"]);
    for rule in lint::registry() {
        table.add_row([rule.code, rule.name, &rule.severity.to_string(), rule.summary]);
    }
    writeln!(out, "{table}")?;
    Ok(ExitStatus::Success)
}

/// Runs `snowplowctl lint`.
pub fn run(args: LintArgs, global: &GlobalArgs) -> anyhow::Result<ExitStatus> {
    if let LintTarget::Rules { rule } = &args.target {
        return print_rules(rule.as_deref());
    }
    for ignored in &args.ignore {
        if lint::find_rule(ignored).is_none() {
            bail!("--ignore: no rule is called `{ignored}`; `snowplowctl lint rules` lists them");
        }
    }
    let vars = match &args.target {
        LintTarget::Cluster { vars, .. } | LintTarget::Playbook { vars, .. } | LintTarget::All { vars, .. } => {
            parse_vars(vars.as_deref())?
        }
        _ => BTreeMap::new(),
    };
    let (skip_checks, skip_schemas) = match &args.target {
        LintTarget::Schemas { skip_checks, skip_schemas, preset, .. } => {
            let mut skips: Vec<String> =
                lint::schemas::preset_skip_checks(*preset).iter().map(|s| (*s).to_owned()).collect();
            skips.extend(skip_checks.iter().cloned());
            (skips, skip_schemas.clone())
        }
        _ => (Vec::new(), Vec::new()),
    };
    let options = LintOptions {
        max_file_size: args.max_file_size,
        require_env: args.require_env,
        vars,
        skip_checks,
        skip_schemas,
        strict: args.strict,
    };

    let render_options = RenderOptions { color: use_color(global.color, std::io::stdout().is_terminal()) };
    let resolver_path: Option<PathBuf> = args.resolver.clone().or_else(|| match &args.target {
        LintTarget::All { dir, .. } => lint::find_resolver(dir),
        _ => None,
    });
    let resolver = match &resolver_path {
        None => Resolver::bundled(),
        Some(path) => match super::load_resolver(Some(path), global, args.max_file_size) {
            Ok(resolver) => resolver,
            // A resolver found by `lint all` is one of the files being checked: its findings are
            // reported with the others, which are checked against the bundled schemas meanwhile.
            Err(_) if args.resolver.is_none() => {
                eprintln!(
                    "snowplowctl: note: the resolver {} cannot be used (see its findings); checking with the bundled schemas only",
                    path.display()
                );
                Resolver::bundled()
            }
            Err(report) => {
                eprintln!("snowplowctl: error: the resolver {} cannot be used:", path.display());
                return finish(&report, &args, render_options);
            }
        },
    };
    let mut ctx = LintContext::new(Arc::new(resolver), options);
    let bar = ProgressBar::with_draw_target(
        Some(0),
        if std::io::stderr().is_terminal() { ProgressDrawTarget::stderr() } else { ProgressDrawTarget::hidden() },
    );
    bar.set_style(
        ProgressStyle::with_template("{spinner} linting {pos}/{len} files {wide_bar}").expect("valid template"),
    );
    let progress = Arc::new(Bar(bar.clone()));
    ctx.progress = Some(progress);

    let result = lint_target(&ctx, &args, resolver_path.as_deref());
    bar.finish_and_clear();
    let mut report = match result {
        Ok(report) => report,
        Err(LintError::Usage(message)) => bail!(message),
        Err(error) => return Err(error).context("cannot lint"),
    };
    report.ignore(&args.ignore);
    finish(&report, &args, render_options)
}

fn lint_target(ctx: &LintContext, args: &LintArgs, resolver: Option<&Path>) -> Result<Report, LintError> {
    let runtime = args.enrich_runtime;
    match &args.target {
        LintTarget::Enrichments { dir } => lint::enrichments::lint_enrichments(ctx, dir, runtime, resolver),
        LintTarget::Resolver { file } => lint::resolver::lint_resolver(ctx, file),
        LintTarget::Config { file } => lint::config::lint_config(ctx, file),
        LintTarget::Targets { dir } => lint::targets::lint_targets(ctx, dir),
        LintTarget::Cluster { file, .. } => lint::dataflow::lint_cluster(ctx, file),
        LintTarget::Playbook { file, .. } => lint::dataflow::lint_playbook(ctx, file),
        LintTarget::Schemas { path, .. } => lint::schemas::lint_schemas(ctx, path),
        LintTarget::Json { files } => lint::json::lint_json(ctx, files),
        LintTarget::All { dir, .. } => {
            let outcome = lint::lint_all(ctx, dir, runtime)?;
            for path in &outcome.unclaimed {
                eprintln!("snowplowctl: note: {} matches no `lint all` convention and was not checked", path.display());
            }
            Ok(outcome.report)
        }
        LintTarget::Rules { .. } => unreachable!("handled before any linting"),
    }
}

fn finish(report: &Report, args: &LintArgs, options: RenderOptions) -> anyhow::Result<ExitStatus> {
    let mut out = std::io::stdout().lock();
    render::render(report, args.format, options, &mut out)?;
    out.flush()?;
    Ok(if report.has_io_errors() {
        ExitStatus::Error
    } else if report.fails(args.fail_on) {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vars_come_in_pairs() {
        assert_eq!(parse_vars(Some("a,1,b,2")).unwrap().get("b").map(String::as_str), Some("2"));
        assert!(parse_vars(Some("a,1,b")).is_err());
    }
}
