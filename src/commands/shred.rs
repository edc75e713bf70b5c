//! `snowplowctl shred`.

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

use serde_json::json;
use snowplowctl::enrich::job::run_id_for;
use snowplowctl::iglu::Validators;
use snowplowctl::shred::event::{BadRowFormat, EntityFormat};
use snowplowctl::shred::job::{self, ShredOptions, ShredSummary};

use super::progress::{ByteProgress, stderr_bar};
use super::{ExitStatus, with_hint};
use crate::cli::{GlobalArgs, ShredArgs, ShredFlagArgs, SummaryFormat};

impl ShredFlagArgs {
    /// The options of a shred run over `inputs` into `output`.
    pub fn options(&self, inputs: Vec<PathBuf>, output: PathBuf, run_id: String, timestamp_ms: i64) -> ShredOptions {
        ShredOptions {
            inputs,
            output,
            run_id,
            entity_format: if self.tsv {
                EntityFormat::Tsv { null_marker: !self.tsv_empty_nulls }
            } else {
                EntityFormat::Json
            },
            bad_rows: if self.legacy_bad_rows { BadRowFormat::Legacy } else { BadRowFormat::Modern },
            dedup: !self.no_dedup,
            dedup_memory: self.dedup_memory,
            timestamp_ms,
        }
    }
}

/// Runs `snowplowctl shred`.
pub fn run(args: ShredArgs, global: &GlobalArgs) -> anyhow::Result<ExitStatus> {
    let timestamp_ms = args.timestamp.unwrap_or_else(|| chrono::Utc::now().timestamp_millis());
    let run_id = match &args.run_id {
        Some(run_id) => run_id.clone(),
        None => {
            run_id_for(timestamp_ms).ok_or_else(|| anyhow::anyhow!("the timestamp {timestamp_ms} is out of range"))?
        }
    };
    let resolver = match super::data_resolver(args.resolver.as_deref(), global)? {
        Ok(resolver) => resolver,
        Err(status) => return Ok(status),
    };
    let options = args.flags.options(args.inputs.clone(), args.output.clone(), run_id.clone(), timestamp_ms);
    let bar = stderr_bar(None, "{spinner} shredding {prefix}: {bytes} {binary_bytes_per_sec} {msg}");
    let progress = ByteProgress::new(bar.clone(), "lines", false);
    let result = job::run(&options, Arc::new(Validators::new(Arc::new(resolver))), &progress);
    bar.finish_and_clear();
    let summary = match result {
        Ok(summary) => summary,
        Err(error) => {
            eprintln!("snowplowctl: error: {}", with_hint(&error.to_string(), error.hint()));
            return Ok(if error.is_invalid_request() { ExitStatus::Failure } else { ExitStatus::Error });
        }
    };
    let mut out = std::io::stdout().lock();
    match args.format {
        SummaryFormat::Text => writeln!(out, "{}", summary_table(&summary))?,
        SummaryFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &summary_json(&summary, &run_id, options.timestamp_ms))?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(if args.fail_on_bad_rows && summary.total_bad_rows() > 0 { ExitStatus::Failure } else { ExitStatus::Success })
}

fn lines_per_second(summary: &ShredSummary) -> f64 {
    summary.lines as f64 / summary.elapsed.as_secs_f64().max(1e-9)
}

pub(crate) fn summary_table(summary: &ShredSummary) -> comfy_table::Table {
    let mut table = comfy_table::Table::new();
    table.load_preset(comfy_table::presets::UTF8_FULL_CONDENSED).set_header(["", "count"]);
    let mut row = |name: &str, value: String| {
        table.add_row([name.to_owned(), value]);
    };
    row("files", format!("{} ({} bytes)", summary.files, summary.bytes));
    row("lines", summary.lines.to_string());
    row("good events", summary.good_events.to_string());
    row("entities", summary.entities.to_string());
    row("natural duplicates dropped", summary.natural_duplicates.to_string());
    row("synthetic duplicates (new ids)", summary.synthetic_duplicates.to_string());
    for (kind, count) in &summary.bad_rows {
        row(&format!("bad rows: {kind}"), count.to_string());
    }
    row("bad rows", summary.total_bad_rows().to_string());
    row("time", format!("{:.2} s ({:.0} lines/s)", summary.elapsed.as_secs_f64(), lines_per_second(summary)));
    row("good output", summary.good_dir.display().to_string());
    row("bad output", summary.bad_dir.display().to_string());
    table
}

pub(crate) fn summary_json(summary: &ShredSummary, run_id: &str, timestamp_ms: i64) -> serde_json::Value {
    json!({
        "run_id": run_id,
        "timestamp": timestamp_ms,
        "files": summary.files,
        "bytes": summary.bytes,
        "lines": summary.lines,
        "good_events": summary.good_events,
        "entities": summary.entities,
        "natural_duplicates": summary.natural_duplicates,
        "synthetic_duplicates": summary.synthetic_duplicates,
        "dedup_partitions": summary.partitions,
        "bad_rows": summary.bad_rows,
        "total_bad_rows": summary.total_bad_rows(),
        "counts_balance": summary.lines == summary.good_events + summary.natural_duplicates + summary.total_bad_rows(),
        "elapsed_seconds": summary.elapsed.as_secs_f64(),
        "lines_per_second": lines_per_second(summary),
        "good_dir": summary.good_dir.display().to_string(),
        "bad_dir": summary.bad_dir.display().to_string(),
    })
}
