//! `snowplowctl generate cluster|playbook|all`.
//!
//! Data (the generated JSON, and `--explain` when the JSON goes to files) is written to
//! stdout; findings, warnings and notes to stderr.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context;
use snowplowctl::generate::playbook::{self, Playbook, PlaybookOptions};
use snowplowctl::generate::stages::StageRequest;
use snowplowctl::generate::text::RunValues;
use snowplowctl::generate::{self, GenerateError, InputPaths, Inputs, Warning, cluster};
use snowplowctl::lint::render::{self, Format, RenderOptions};
use snowplowctl::lint::{LintContext, LintError, LintOptions, Report, Severity};

use super::{ExitStatus, use_color};
use crate::cli::{GenerateArgs, GenerateConfigArgs, GeneratePipelineArgs, GenerateTarget, GlobalArgs};

/// Runs `snowplowctl generate`.
pub fn run(args: GenerateArgs, global: &GlobalArgs) -> anyhow::Result<ExitStatus> {
    let color = use_color(global.color, std::io::stderr().is_terminal());
    match generate(args, global, color) {
        Ok(status) => Ok(status),
        Err(error) => report_failure(error, color),
    }
}

fn generate(args: GenerateArgs, global: &GlobalArgs, color: bool) -> Result<ExitStatus, GenerateError> {
    match args.target {
        GenerateTarget::Cluster { config, output } => {
            let Some(inputs) = load(&config, None, global, color)? else { return Ok(ExitStatus::Failure) };
            let cluster = cluster::plan(&inputs, config.credentials)?;
            let json = cluster.to_json()?;
            print_warnings(&cluster.warnings);
            write_output(output.as_deref(), &json)?;
            Ok(ExitStatus::Success)
        }
        GenerateTarget::Playbook { config, pipeline, output } => {
            let Some(inputs) = load(&config, Some(&pipeline), global, color)? else { return Ok(ExitStatus::Failure) };
            let (playbook, values) = plan_playbook(&inputs, &pipeline)?;
            let json = playbook.to_json(&values, config.credentials)?;
            print_warnings(&playbook.warnings);
            write_output(output.as_deref(), &json)?;
            if pipeline.explain {
                explain(&playbook, &values, output.is_some())?;
            }
            note_variables(&playbook, &values);
            Ok(ExitStatus::Success)
        }
        GenerateTarget::All { config, pipeline, output_dir } => {
            let Some(inputs) = load(&config, Some(&pipeline), global, color)? else { return Ok(ExitStatus::Failure) };
            let cluster = cluster::plan(&inputs, config.credentials)?;
            let (playbook, values) = plan_playbook(&inputs, &pipeline)?;
            // Both files are made before either is written, so a failure leaves neither.
            let cluster_json = cluster.to_json()?;
            let playbook_json = playbook.to_json(&values, config.credentials)?;
            let mut warnings = cluster.warnings.clone();
            warnings.extend(playbook.warnings.iter().filter(|w| !cluster.warnings.contains(w)).cloned());
            print_warnings(&warnings);
            std::fs::create_dir_all(&output_dir).map_err(|e| io_error(&output_dir, &e))?;
            write_output(Some(&output_dir.join("cluster.json")), &cluster_json)?;
            write_output(Some(&output_dir.join("playbook.json")), &playbook_json)?;
            if pipeline.explain {
                explain(&playbook, &values, true)?;
            }
            note_variables(&playbook, &values);
            Ok(ExitStatus::Success)
        }
    }
}

/// Lints and reads the inputs. `None` when the resolver itself cannot be used (its findings
/// have been printed).
fn load(
    config: &GenerateConfigArgs,
    pipeline: Option<&GeneratePipelineArgs>,
    global: &GlobalArgs,
    color: bool,
) -> Result<Option<Inputs>, GenerateError> {
    let options = LintOptions::default();
    let resolver_path = pipeline.map(|p| p.resolver.as_path());
    let resolver = match super::load_resolver(resolver_path, global, options.max_file_size) {
        Ok(resolver) => resolver,
        Err(report) => {
            if let Some(path) = resolver_path {
                eprintln!("snowplowctl: error: the resolver {} cannot be used:", path.display());
            }
            if report.has_io_errors() {
                return Err(GenerateError::Findings(report));
            }
            render_report(&report, color);
            return Ok(None);
        }
    };
    let ctx = LintContext::new(Arc::new(resolver), options);
    let paths = InputPaths {
        config: config.config.clone(),
        resolver: pipeline.map(|p| p.resolver.clone()),
        enrichments: pipeline.and_then(|p| p.enrichments.clone()),
        targets: pipeline.and_then(|p| p.targets.clone()),
    };
    let inputs =
        generate::load_inputs(&ctx, &paths, &|name| std::env::var_os(name).map(|v| v.to_string_lossy().into_owned()))?;
    print_lint_warnings(&inputs.lint_report);
    Ok(Some(inputs))
}

fn plan_playbook(inputs: &Inputs, pipeline: &GeneratePipelineArgs) -> Result<(Playbook, RunValues), GenerateError> {
    let options = PlaybookOptions {
        stages: StageRequest {
            skip: pipeline.skip.iter().filter(|s| !s.is_empty()).cloned().collect(),
            resume_from: pipeline.resume_from.clone(),
            include: pipeline.include.iter().filter(|s| !s.is_empty()).cloned().collect(),
            stream_mode: false,
        },
        empty_hdfs: pipeline.empty_hdfs,
    };
    let values = RunValues {
        run_id: pipeline.run_id.clone(),
        etl_timestamp: pipeline.etl_timestamp.clone(),
        recover_run_id: pipeline.recover_run_id.clone(),
    };
    Ok((playbook::plan(inputs, &options)?, values))
}

fn io_error(path: &Path, error: &std::io::Error) -> GenerateError {
    GenerateError::Input(LintError::BadPath { path: path.to_owned(), problem: error.to_string() })
}

/// Writes `json` to `path` (through a temporary file, so a failed write leaves no half file), or
/// to stdout.
fn write_output(path: Option<&Path>, json: &str) -> Result<(), GenerateError> {
    let Some(path) = path else {
        let mut out = std::io::stdout().lock();
        return out
            .write_all(json.as_bytes())
            .and_then(|()| out.flush())
            .map_err(|e| io_error(Path::new("stdout"), &e));
    };
    let mut temporary = PathBuf::from(path);
    temporary.as_mut_os_string().push(".tmp");
    std::fs::write(&temporary, json).and_then(|()| std::fs::rename(&temporary, path)).map_err(|e| {
        let _ = std::fs::remove_file(&temporary);
        io_error(path, &e)
    })
}

fn explain(playbook: &Playbook, values: &RunValues, to_stdout: bool) -> Result<(), GenerateError> {
    let mut table = comfy_table::Table::new();
    table.load_preset(comfy_table::presets::UTF8_FULL_CONDENSED).set_header([
        "#",
        "step",
        "stage",
        "jar",
        "main class",
    ]);
    for (i, row) in playbook.explain(values).into_iter().enumerate() {
        table.add_row([(i + 1).to_string(), row.step, row.stage, row.jar, row.main_class]);
    }
    let written = if to_stdout {
        writeln!(std::io::stdout().lock(), "{table}")
    } else {
        writeln!(std::io::stderr().lock(), "{table}")
    };
    written.map_err(|e| io_error(Path::new(if to_stdout { "stdout" } else { "stderr" }), &e))
}

fn note_variables(playbook: &Playbook, values: &RunValues) {
    let unset: Vec<_> = playbook.variables().into_iter().filter(|v| values.get(*v).is_none()).collect();
    if unset.is_empty() {
        return;
    }
    let vars: Vec<String> = unset.iter().map(|v| format!("{v},<{v}>")).collect();
    eprintln!(
        "snowplowctl: note: the playbook uses the Dataflow Runner template variable(s) {}; run it with `--vars {}`",
        unset.iter().map(|v| v.name()).collect::<Vec<_>>().join(", "),
        vars.join(",")
    );
    for variable in unset {
        eprintln!("  {}: {} (or generate with {})", variable.name(), variable.description(), variable.option());
    }
}

fn print_warnings(warnings: &[Warning]) {
    for warning in warnings {
        eprintln!("snowplowctl: warning: {warning}");
    }
}

/// Lint warnings on the inputs, one line each (infos are left out).
fn print_lint_warnings(report: &Report) {
    for (path, finding) in report.findings().filter(|(_, f)| f.severity == Severity::Warning) {
        let position = finding.position.map(|p| format!(":{}:{}", p.line, p.column)).unwrap_or_default();
        let key = finding.pointer.as_deref().filter(|p| !p.is_empty()).map(|p| format!("{p}: ")).unwrap_or_default();
        eprintln!(
            "snowplowctl: warning: {}{position}: {key}{} [{} {}]",
            path.display(),
            finding.message,
            finding.rule.code,
            finding.rule.name
        );
        if let Some(hint) = &finding.hint {
            eprintln!("  hint: {hint}");
        }
    }
}

fn render_report(report: &Report, color: bool) {
    let mut err = std::io::stderr().lock();
    // Nothing more useful can be done if stderr is gone.
    let _ = render::render(report, Format::Text, RenderOptions { color }, &mut err);
}

fn report_failure(error: GenerateError, color: bool) -> anyhow::Result<ExitStatus> {
    match error {
        GenerateError::Input(LintError::BadPath { path, problem }) => {
            Err(anyhow::anyhow!("{problem}")).with_context(|| format!("{}", path.display()))
        }
        GenerateError::Input(error) => Err(error.into()),
        GenerateError::Findings(report) => {
            eprintln!("snowplowctl: error: nothing was generated; fix these problems first:\n");
            render_report(&report, color);
            Ok(if report.has_io_errors() { ExitStatus::Error } else { ExitStatus::Failure })
        }
        GenerateError::Internal(message) => Err(anyhow::anyhow!("internal error (please report it): {message}")),
        error @ (GenerateError::Stage(_)
        | GenerateError::ArgumentTooLong { .. }
        | GenerateError::EmptyPlaybook { .. }) => {
            eprintln!("snowplowctl: error: {error}");
            if let Some(hint) = error.hint() {
                eprintln!("  hint: {hint}");
            }
            Ok(ExitStatus::Failure)
        }
    }
}
