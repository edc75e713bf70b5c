//! `snowplowctl enrich`.

use std::io::Write;
use std::sync::Arc;

use serde_json::json;
use snowplowctl::aws::{AwsOptions, RetryPolicy};
use snowplowctl::enrich::badrow::BadRowStyle;
use snowplowctl::enrich::enrichments::{self, ConfigSource, EnrichmentFiles, Enrichments, RegistryOptions};
use snowplowctl::enrich::input;
use snowplowctl::enrich::job::{self, GoodLinesTap, JobOptions, JobSummary};
use snowplowctl::enrich::outcome::BadRowKind;
use snowplowctl::enrich::payload::InputFormat;
use snowplowctl::enrich::pipeline::{EnrichSettings, Pipeline};
use snowplowctl::iglu::Validators;
use snowplowctl::shred::job::{self as shred_job, ShredSession};

use super::progress::{ByteProgress, stderr_bar};
use super::{ExitStatus, with_hint};
use crate::cli::{EnrichArgs, EnrichCoreArgs, GlobalArgs, ShredFlagArgs, SummaryFormat};

/// Runs `snowplowctl enrich`.
pub fn run(args: EnrichArgs, global: &GlobalArgs) -> anyhow::Result<ExitStatus> {
    let etl_timestamp_ms = args.etl_timestamp.unwrap_or_else(|| chrono::Utc::now().timestamp_millis());
    let run_id = match &args.run_id {
        Some(run_id) => run_id.clone(),
        None => job::run_id_for(etl_timestamp_ms)
            .ok_or_else(|| anyhow::anyhow!("the ETL timestamp {etl_timestamp_ms} is out of range"))?,
    };
    let prepared = match prepare_pipeline(&args.core, args.legacy_bad_rows, etl_timestamp_ms, global)? {
        Ok(prepared) => prepared,
        Err(status) => return Ok(status),
    };
    let Prepared { pipeline, validators, enabled, skipped } = prepared;
    let format = InputFormat::from(args.core.input_format);
    let shred_flags = ShredFlagArgs {
        tsv: args.tsv,
        tsv_empty_nulls: args.tsv_empty_nulls,
        legacy_bad_rows: args.legacy_bad_rows,
        no_dedup: args.no_dedup,
        dedup_memory: args.dedup_memory,
    };
    let shred_options =
        args.shred.then(|| shred_flags.options(Vec::new(), args.output.clone(), run_id.clone(), etl_timestamp_ms));
    let options = JobOptions {
        inputs: args.inputs.clone(),
        format,
        output: args.output.clone(),
        run_id: run_id.clone(),
        compression: args.core.compress.into(),
        max_record_size: args.core.max_record_size,
        chunk_size: args.core.chunk_size,
        label_base: None,
    };

    let bar = stderr_bar(Some(0), "{spinner} enriching {prefix}: {bytes}/{total_bytes} {wide_bar} {msg} ({eta})");
    let progress = ByteProgress::new(bar.clone(), "events", true);
    let session = match shred_options {
        None => None,
        Some(shred_options) => {
            // Sized like a shred of the enriched files: about as many bytes as the input, expanded.
            let expected = input::resolve(&args.inputs).map(|files| shred_job::expected_size(&files)).unwrap_or(0);
            match ShredSession::start(shred_options, Arc::clone(&validators), expected) {
                Ok(session) => Some(session.entities_already_validated(pipeline.keeps_validated_entities())),
                Err(error) => {
                    eprintln!("snowplowctl: error: {}", with_hint(&error.to_string(), error.hint()));
                    return Ok(if error.is_invalid_request() { ExitStatus::Failure } else { ExitStatus::Error });
                }
            }
        }
    };
    let result = job::run_with_tap(&options, &pipeline, &progress, session.as_ref().map(|s| s as &dyn GoodLinesTap));
    bar.finish_and_clear();
    let summary = match result {
        Ok(summary) => summary,
        Err(error) => {
            eprintln!("snowplowctl: error: {}", with_hint(&error.to_string(), error.hint()));
            return Ok(if error.is_invalid_request() { ExitStatus::Failure } else { ExitStatus::Error });
        }
    };
    let shredded = match session.map(ShredSession::finish).transpose() {
        Ok(shredded) => shredded,
        Err(error) => {
            eprintln!("snowplowctl: error: shredding: {}", with_hint(&error.to_string(), error.hint()));
            return Ok(ExitStatus::Error);
        }
    };
    for damaged in &summary.damaged {
        eprintln!("snowplowctl: warning: {}", damaged.message);
    }
    let mut out = std::io::stdout().lock();
    match args.format {
        SummaryFormat::Text => {
            writeln!(out, "{}", summary_table(&summary, &enabled, &skipped))?;
            if let Some(shredded) = &shredded {
                writeln!(out, "shredded:\n{}", super::shred::summary_table(shredded))?;
            }
        }
        SummaryFormat::Json => {
            let mut json = summary_json(&summary, &run_id, etl_timestamp_ms, format);
            json["enrichments"] = json!(enabled);
            json["skipped_enrichments"] = skipped
                .iter()
                .map(|s| json!({"name": s.name, "origin": s.origin, "reason": s.reason}))
                .collect::<serde_json::Value>();
            if let Some(shredded) = &shredded {
                json["shred"] = super::shred::summary_json(shredded, &run_id, etl_timestamp_ms);
            }
            serde_json::to_writer_pretty(&mut out, &json)?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    let shred_bad_rows = shredded.as_ref().map_or(0, |s| s.total_bad_rows());
    Ok(if args.fail_on_bad_rows && summary.counts.total_bad_rows() + shred_bad_rows > 0 {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    })
}

/// What `enrich` and `run` enrich with: the resolver's validators, and the pipeline with its
/// enrichments loaded and checked.
pub struct Prepared {
    /// The pipeline (its ETL timestamp can be changed per run).
    pub pipeline: Pipeline,
    /// The validators, shared with shredding.
    pub validators: Arc<Validators>,
    /// The enrichments that run.
    pub enabled: Vec<String>,
    /// The enrichments skipped with `--skip-unsupported`.
    pub skipped: Vec<enrichments::SkippedEnrichment>,
}

/// Loads the resolver and the enrichments and builds the pipeline; problems with either are
/// reported on stderr and give the exit status instead.
pub fn prepare_pipeline(
    core: &EnrichCoreArgs,
    legacy_bad_rows: bool,
    etl_timestamp_ms: i64,
    global: &GlobalArgs,
) -> anyhow::Result<Result<Prepared, ExitStatus>> {
    let resolver = match super::data_resolver(core.resolver.as_deref(), global)? {
        Ok(resolver) => resolver,
        Err(status) => return Ok(Err(status)),
    };
    let format = InputFormat::from(core.input_format);
    let settings = EnrichSettings {
        format,
        runtime: core.enrich_runtime,
        etl_timestamp_ms,
        bad_row_style: if legacy_bad_rows { BadRowStyle::Legacy } else { BadRowStyle::Modern },
        max_record_size: core.max_record_size,
    };
    let validators = Arc::new(Validators::new(Arc::new(resolver)));
    let options = RegistryOptions {
        runtime: core.enrich_runtime,
        skip_unsupported: core.skip_unsupported,
        log_input: format.is_text(),
    };
    let enrichments = match load_enrichments(core, global, &validators, options)? {
        Ok(enrichments) => enrichments,
        Err(status) => return Ok(Err(status)),
    };
    let pipeline = Pipeline::new(settings, Arc::clone(&validators)).with_steps(enrichments.steps);
    Ok(Ok(Prepared { pipeline, validators, enabled: enrichments.enabled, skipped: enrichments.skipped }))
}

fn events_per_second(summary: &JobSummary) -> f64 {
    let events = summary.counts.events + summary.counts.failed_records;
    events as f64 / summary.elapsed.as_secs_f64().max(1e-9)
}

/// Reads, validates and builds the `--enrichments`; a config that cannot be used is reported
/// on stderr (exit status 1), a source that cannot be read at all is an error (exit status 2).
fn load_enrichments(
    args: &EnrichCoreArgs,
    global: &GlobalArgs,
    validators: &Validators,
    options: RegistryOptions,
) -> anyhow::Result<Result<Enrichments, ExitStatus>> {
    let Some(source) = &args.enrichments else {
        return Ok(Ok(Enrichments {
            steps: Vec::new(),
            enabled: Vec::new(),
            disabled: Vec::new(),
            skipped: Vec::new(),
        }));
    };
    let source = ConfigSource::parse(source).map_err(|message| {
        anyhow::anyhow!(with_hint(
            &message,
            Some("give a directory of enrichment configs or dynamodb:REGION/TABLE/PREFIX")
        ))
    })?;
    let documents = match &source {
        ConfigSource::Path(path) => match enrichments::read_path(path) {
            Ok(documents) => documents,
            Err(error) => anyhow::bail!(with_hint(&error.to_string(), error.hint.as_deref())),
        },
        ConfigSource::DynamoDb { region, table, prefix } => {
            let aws = AwsOptions { region: Some(region.clone()), ..AwsOptions::default() };
            let client = super::connect_dynamodb(&aws)?;
            match enrichments::read_table(&client, table, prefix, &RetryPolicy::default()) {
                Ok(documents) => documents,
                Err(enrichments::TableReadError::Aws(error)) => {
                    anyhow::bail!(with_hint(
                        &format!("cannot read the enrichments from DynamoDB: {error}"),
                        error.hint()
                    ))
                }
                Err(enrichments::TableReadError::Item(error)) => {
                    eprintln!("snowplowctl: error: {}", with_hint(&error.to_string(), error.hint.as_deref()));
                    return Ok(Err(ExitStatus::Failure));
                }
            }
        }
    };
    let cache = args.enrichment_cache.clone().unwrap_or_else(|| {
        global
            .cache_dir
            .clone()
            .or_else(|| dirs::cache_dir().map(|d| d.join("snowplowctl")))
            .unwrap_or_else(|| std::env::temp_dir().join("snowplowctl"))
            .join("enrichment-data")
    });
    match enrichments::load(&documents, validators, &EnrichmentFiles::new(cache), options) {
        Ok(enrichments) => Ok(Ok(enrichments)),
        Err(errors) => {
            eprintln!("snowplowctl: error: {} enrichment config problem(s); nothing was enriched:", errors.len());
            for error in &errors {
                eprintln!("  {}", with_hint(&error.to_string(), error.hint.as_deref()));
            }
            Ok(Err(ExitStatus::Failure))
        }
    }
}

fn summary_table(
    summary: &JobSummary,
    enabled: &[String],
    skipped: &[enrichments::SkippedEnrichment],
) -> comfy_table::Table {
    let counts = &summary.counts;
    let mut table = comfy_table::Table::new();
    table.load_preset(comfy_table::presets::UTF8_FULL_CONDENSED).set_header(["", "count"]);
    let mut row = |name: &str, value: String| {
        table.add_row([name.to_owned(), value]);
    };
    row("files", format!("{} ({} bytes, {} tasks)", summary.files, summary.bytes, summary.tasks));
    row("records", counts.records.to_string());
    row("discarded (headers)", counts.discarded.to_string());
    row("failed records", counts.failed_records.to_string());
    row("events", counts.events.to_string());
    row("good events", counts.good_events.to_string());
    row("failed events", counts.failed_events.to_string());
    for kind in BadRowKind::ALL {
        let count = counts.bad_rows(kind);
        if count > 0 {
            row(&format!("bad rows: {kind}"), count.to_string());
        }
    }
    row("bad rows", counts.total_bad_rows().to_string());
    if counts.derived_events > 0 {
        row("emitted events (pii_transformation)", counts.derived_events.to_string());
    }
    row("enrichments", if enabled.is_empty() { "none".to_owned() } else { enabled.join(", ") });
    for skip in skipped {
        row(&format!("skipped: {}", skip.name), skip.reason.clone());
    }
    row("time", format!("{:.2} s ({:.0} events/s)", summary.elapsed.as_secs_f64(), events_per_second(summary)));
    row("good output", format!("{} ({} parts)", summary.good_dir.display(), summary.good_parts));
    row("bad output", format!("{} ({} parts)", summary.bad_dir.display(), summary.bad_parts));
    table
}

fn summary_json(summary: &JobSummary, run_id: &str, etl_timestamp_ms: i64, format: InputFormat) -> serde_json::Value {
    let counts = &summary.counts;
    let bad_rows: serde_json::Map<String, serde_json::Value> =
        BadRowKind::ALL.iter().map(|kind| (kind.name().to_owned(), json!(counts.bad_rows(*kind)))).collect();
    json!({
        "run_id": run_id,
        "etl_timestamp": etl_timestamp_ms,
        "input_format": format.name(),
        "files": summary.files,
        "bytes": summary.bytes,
        "tasks": summary.tasks,
        "records": counts.records,
        "discarded": counts.discarded,
        "failed_records": counts.failed_records,
        "expanded_records": counts.expanded_records,
        "events": counts.events,
        "good_events": counts.good_events,
        "failed_events": counts.failed_events,
        "derived_events": counts.derived_events,
        "bad_rows": bad_rows,
        "total_bad_rows": counts.total_bad_rows(),
        "counts_balance": counts.check().is_ok(),
        "elapsed_seconds": summary.elapsed.as_secs_f64(),
        "events_per_second": events_per_second(summary),
        "good_dir": summary.good_dir.display().to_string(),
        "bad_dir": summary.bad_dir.display().to_string(),
        "good_parts": summary.good_parts,
        "bad_parts": summary.bad_parts,
        "damaged": summary.damaged.iter().map(|d| json!({"path": d.path.display().to_string(), "message": d.message})).collect::<Vec<_>>(),
    })
}
