//! `snowplowctl run`.

use std::io::Write;
use std::sync::Arc;
use std::time::Duration;

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget};
use serde_json::{Value, json};
use snowplowctl::enrich::job::JobObserver;
use snowplowctl::enrich::payload::InputFormat;
use snowplowctl::manifest::archive::RunFolder;
use snowplowctl::runner::{self, ArchiveReport, RunOutcome, RunReport, RunnerObserver, RunnerOptions};

use super::progress::{ByteProgress, stderr_bar};
use super::{ExitStatus, with_hint};
use crate::cli::{GlobalArgs, RunArgs, SummaryFormat};

/// The manifest `run` uses when none is given: a file in the output folder.
const DEFAULT_MANIFEST_FILE: &str = "manifest.sqlite";

/// Runs `snowplowctl run`.
pub fn run(args: RunArgs, global: &GlobalArgs) -> anyhow::Result<ExitStatus> {
    let location =
        args.manifest.clone().unwrap_or_else(|| format!("local:{}", args.output.join(DEFAULT_MANIFEST_FILE).display()));
    // Each run's ETL timestamp is its folder's time; this one is replaced before any run.
    let prepared = match super::enrich::prepare_pipeline(&args.core, args.shred.legacy_bad_rows, 0, global)? {
        Ok(prepared) => prepared,
        Err(status) => return Ok(status),
    };
    let manifest = match super::manifest::open(&location, &args.location, Arc::clone(&prepared.validators), true)? {
        Ok(manifest) => manifest,
        Err(status) => return Ok(status),
    };
    let mut pipeline = prepared.pipeline;
    let options = RunnerOptions {
        archive: args.archive.clone(),
        output: args.output.clone(),
        run_id_prefix: args.run_id_prefix.clone(),
        lease: Duration::from_secs(args.lease),
        format: InputFormat::from(args.core.input_format),
        compression: args.core.compress.into(),
        max_record_size: args.core.max_record_size,
        chunk_size: args.core.chunk_size,
        shred: args.shred.options(Vec::new(), args.output.clone(), String::new(), 0),
        max_runs: args.max_runs,
    };
    let progress = Progress::new();
    let result = runner::process_archive(&options, &manifest, &mut pipeline, &prepared.validators, &progress);
    progress.finish();
    let report = match result {
        Ok(report) => report,
        Err(error) => {
            eprintln!("snowplowctl: error: {}", with_hint(&error.to_string(), error.hint().as_deref()));
            return Ok(if error.is_invalid_request() { ExitStatus::Failure } else { ExitStatus::Error });
        }
    };
    for ignored in &report.ignored {
        eprintln!("snowplowctl: warning: {}: {}", ignored.path.display(), ignored.message);
    }
    for run in &report.runs {
        match &run.outcome {
            RunOutcome::Failed { stage, message, hint } => eprintln!(
                "snowplowctl: error: run {} failed ({stage}): {}",
                run.run_id,
                with_hint(message, hint.as_deref())
            ),
            RunOutcome::Lost { message } => {
                eprintln!("snowplowctl: error: run {}: our claim lapsed: {message}", run.run_id)
            }
            _ => {}
        }
    }
    let mut out = std::io::stdout().lock();
    match args.format {
        SummaryFormat::Text => writeln!(out, "{}", summary_table(&report, &location))?,
        SummaryFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &summary_json(&report, &location))?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(if report.count("lost") > 0 {
        ExitStatus::Error
    } else if report.count("failed") > 0 {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    })
}

/// Two bars on stderr (when it is a terminal): runs done, and the current run's bytes.
struct Progress {
    multi: MultiProgress,
    runs: ProgressBar,
    bytes: ByteProgress,
}

impl Progress {
    fn new() -> Progress {
        let multi = MultiProgress::with_draw_target(if std::io::IsTerminal::is_terminal(&std::io::stderr()) {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        });
        let runs = multi.add(stderr_bar(Some(0), "{spinner} runs {pos}/{len} {wide_bar} {msg} ({elapsed})"));
        let bar = multi.add(stderr_bar(Some(0), "  {prefix}: {bytes}/{total_bytes} {wide_bar} {msg}"));
        Progress { multi, runs, bytes: ByteProgress::new(bar, "events", true) }
    }

    fn finish(&self) {
        self.runs.finish_and_clear();
        let _ = self.multi.clear();
    }
}

impl RunnerObserver for Progress {
    fn discovered(&self, runs: usize, pending: usize) {
        self.runs.set_length(pending as u64);
        self.runs.set_message(format!("({runs} in the archive)"));
    }

    fn run_started(&self, run: &RunFolder) {
        self.bytes.restart();
        self.runs.set_message(format!("run={}", run.timestamp));
    }

    fn job(&self) -> &dyn JobObserver {
        &self.bytes
    }

    fn run_finished(&self, report: &RunReport) {
        if !matches!(report.outcome, RunOutcome::NotPending { .. }) {
            self.runs.inc(1);
        }
    }
}

fn counts_of(run: &RunReport) -> (String, String, String) {
    match &run.outcome {
        RunOutcome::Processed { enriched: Some(counts), shredded, .. } => (
            counts.good_events.to_string(),
            counts.total_bad_rows().to_string(),
            shredded
                .as_ref()
                .map_or_else(String::new, |s| format!("{} events, {} bad", s.good_events, s.total_bad_rows())),
        ),
        _ => (String::new(), String::new(), String::new()),
    }
}

fn summary_table(report: &ArchiveReport, location: &str) -> comfy_table::Table {
    let mut table = comfy_table::Table::new();
    table.load_preset(comfy_table::presets::UTF8_FULL_CONDENSED).set_header([
        "run",
        "result",
        "good events",
        "bad rows",
        "shredded",
        "time",
    ]);
    for run in &report.runs {
        let (good, bad, shredded) = counts_of(run);
        let result = match &run.outcome {
            RunOutcome::Processed { took_over: Some(from), .. } => {
                format!("{} (took over {from})", run.outcome.name())
            }
            RunOutcome::Failed { stage, .. } => format!("failed ({stage})"),
            RunOutcome::NotPending { .. } => format!("passed over: {}", run.outcome.name()),
            other => other.name().to_owned(),
        };
        table.add_row([run.run_id.clone(), result, good, bad, shredded, format!("{:.2} s", run.elapsed.as_secs_f64())]);
    }
    let processed = report.count("processed") + report.count("recovered");
    table.add_row([
        format!("{} run(s), manifest {location}", report.runs.len()),
        format!("{processed} processed, {} failed", report.count("failed")),
        String::new(),
        String::new(),
        String::new(),
        format!("{:.2} s", report.elapsed.as_secs_f64()),
    ]);
    table
}

fn summary_json(report: &ArchiveReport, location: &str) -> Value {
    let runs: Vec<Value> = report
        .runs
        .iter()
        .map(|run| {
            let mut value = json!({
                "run_id": run.run_id,
                "run": run.run,
                "result": run.outcome.name(),
                "elapsed_seconds": run.elapsed.as_secs_f64(),
            });
            match &run.outcome {
                RunOutcome::Processed { enriched, shredded, took_over, .. } => {
                    if let Some(counts) = enriched {
                        value["records"] = json!(counts.records);
                        value["good_events"] = json!(counts.good_events);
                        value["bad_rows"] = json!(counts.total_bad_rows());
                        value["counts_balance"] = json!(counts.check().is_ok());
                    }
                    if let Some(shredded) = shredded {
                        value["shredded_events"] = json!(shredded.good_events);
                        value["shred_bad_rows"] = json!(shredded.total_bad_rows());
                    }
                    value["took_over"] = json!(took_over);
                }
                RunOutcome::Failed { stage, message, hint } => {
                    value["stage"] = json!(stage);
                    value["message"] = json!(message);
                    value["hint"] = json!(hint);
                }
                RunOutcome::Lost { message } => value["message"] = json!(message),
                RunOutcome::NotPending { .. } => {}
            }
            value
        })
        .collect();
    json!({
        "manifest": location,
        "runs": runs,
        "processed": report.count("processed") + report.count("recovered"),
        "failed": report.count("failed"),
        "lost": report.count("lost"),
        "ignored": report.ignored.iter().map(|i| json!({"path": i.path.display().to_string(), "message": i.message})).collect::<Vec<_>>(),
        "elapsed_seconds": report.elapsed.as_secs_f64(),
    })
}
