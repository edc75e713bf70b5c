//! `snowplowctl manifest`.

use std::io::Write;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use serde_json::{Value, json};
use snowplowctl::aws::AwsOptions;
use snowplowctl::iglu::Validators;
use snowplowctl::manifest::archive::{self, ArchiveError};
use snowplowctl::manifest::dynamodb::DynamoDbManifest;
use snowplowctl::manifest::local::LocalManifest;
use snowplowctl::manifest::model::{format_ms, now_ms};
use snowplowctl::manifest::{
    App, Backend, ClaimOutcome, Location, Manifest, ManifestError, NOTE_SCHEMA, RunEntry, RunStatus, jsonl, payload,
};

use super::{ExitStatus, with_hint};
use crate::cli::{GlobalArgs, ManifestArgs, ManifestCommand, ManifestLocationArgs, PayloadArgs, SummaryFormat};

/// Opens the manifest at `location` with the application from `args`, validating payloads
/// with `validators`; a local file is created when `create` is set. Problems are reported on
/// stderr and give the exit status instead.
pub fn open(
    location: &str,
    args: &ManifestLocationArgs,
    validators: Arc<Validators>,
    create: bool,
) -> anyhow::Result<Result<Manifest, ExitStatus>> {
    let location = Location::parse(location).map_err(|message| {
        anyhow::anyhow!(with_hint(&message, Some("for example --manifest local:manifest.sqlite")))
    })?;
    let backend: Box<dyn Backend> = match &location {
        Location::Local(path) => match LocalManifest::open(path, create) {
            Ok(local) => Box::new(local),
            Err(error) => return Ok(Err(report(&error))),
        },
        Location::DynamoDb { region, table } => {
            let aws = AwsOptions {
                region: Some(region.clone()),
                profile: args.profile.clone(),
                endpoint_url: args.endpoint_url.clone(),
            };
            Box::new(DynamoDbManifest::new(super::connect_dynamodb(&aws)?, table.clone()))
        }
    };
    let app = App {
        name: args.app.clone(),
        version: args.app_version.clone().unwrap_or_else(|| env!("CARGO_PKG_VERSION").to_owned()),
        instance_id: args.instance.clone(),
    };
    Ok(Ok(Manifest::new(backend, validators, app)))
}

/// Prints a manifest error with its hint; returns its exit status.
pub fn report(error: &ManifestError) -> ExitStatus {
    eprintln!("snowplowctl: error: {}", with_hint(&error.to_string(), error.hint().as_deref()));
    if error.is_invalid_request() { ExitStatus::Failure } else { ExitStatus::Error }
}

/// Runs `snowplowctl manifest`.
pub fn run(args: ManifestArgs, global: &GlobalArgs) -> anyhow::Result<ExitStatus> {
    let Some(location) = &args.manifest else {
        anyhow::bail!(with_hint(
            "no manifest given",
            Some("pass --manifest dynamodb:REGION/TABLE or --manifest local:PATH (or set SNOWPLOWCTL_MANIFEST)")
        ));
    };
    // Reading commands never create a local file: a mistyped path would look like an empty manifest.
    let creates = matches!(
        args.command,
        ManifestCommand::CreateTable
            | ManifestCommand::Add { .. }
            | ManifestCommand::Claim { .. }
            | ManifestCommand::Skip { .. }
            | ManifestCommand::Import { .. }
    );
    let resolver = match super::data_resolver(args.resolver.as_deref(), global)? {
        Ok(resolver) => resolver,
        Err(status) => return Ok(status),
    };
    let validators = Arc::new(Validators::new(Arc::new(resolver)));
    let manifest = match open(location, &args.location, validators, creates)? {
        Ok(manifest) => manifest,
        Err(status) => return Ok(status),
    };
    let json = args.format == SummaryFormat::Json;
    let result = match args.command {
        ManifestCommand::CreateTable => create_table(&manifest, json),
        ManifestCommand::List { state } => list(&manifest, state.map(Into::into), json),
        ManifestCommand::Show { run_id } => show(&manifest, &run_id, json),
        ManifestCommand::Add { run_id } => manifest.add(&run_id).map(|()| {
            print_result(json, json!({"run_id": run_id, "added": true}), &format!("added {run_id}"));
            ExitStatus::Success
        }),
        ManifestCommand::Contains { run_id } => manifest.contains(&run_id).map(|contains| {
            print_result(json, json!({"run_id": run_id, "contains": contains}), &contains.to_string());
            ExitStatus::Success
        }),
        ManifestCommand::Pending { archive, run_id_prefix, all } => {
            return pending(&manifest, &archive, run_id_prefix, all, json);
        }
        ManifestCommand::Claim { run_id, lease, payload } => {
            let Some(payload) = read_payload(&payload)? else { return Ok(ExitStatus::Failure) };
            claim(&manifest, &run_id, Duration::from_secs(lease), payload, json)
        }
        ManifestCommand::Complete { run_id, claim, payload } => {
            let Some(payload) = read_payload(&payload)? else { return Ok(ExitStatus::Failure) };
            manifest.claim_of(&run_id, &claim).and_then(|claim| manifest.complete(&claim, payload)).map(|()| {
                print_result(json, json!({"run_id": run_id, "state": "PROCESSED"}), &format!("{run_id}: PROCESSED"));
                ExitStatus::Success
            })
        }
        ManifestCommand::Fail { run_id, claim, payload } => {
            let Some(payload) = read_payload(&payload)? else { return Ok(ExitStatus::Failure) };
            manifest.claim_of(&run_id, &claim).and_then(|claim| manifest.fail(&claim, payload)).map(|()| {
                print_result(json, json!({"run_id": run_id, "state": "FAILED"}), &format!("{run_id}: FAILED"));
                ExitStatus::Success
            })
        }
        ManifestCommand::Skip { run_id, payload } => {
            let Some(payload) = read_payload(&payload)? else { return Ok(ExitStatus::Failure) };
            manifest.skip(&run_id, payload).map(|()| {
                print_result(json, json!({"run_id": run_id, "state": "SKIPPED"}), &format!("{run_id}: SKIPPED"));
                ExitStatus::Success
            })
        }
        ManifestCommand::Resolve { run_id, payload } => {
            let Some(payload) = read_payload(&payload)? else { return Ok(ExitStatus::Failure) };
            manifest.resolve(&run_id, payload).map(|()| {
                print_result(json, json!({"run_id": run_id, "state": "RESOLVED"}), &format!("{run_id}: RESOLVED"));
                ExitStatus::Success
            })
        }
        ManifestCommand::Export { output } => return export(&manifest, output.as_deref()),
        ManifestCommand::Import { file } => return import(&manifest, &file, json),
    };
    Ok(result.unwrap_or_else(|error| report(&error)))
}

fn print_result(json: bool, document: Value, text: &str) {
    if json {
        println!("{document}");
    } else {
        println!("{text}");
    }
}

/// The record payload from `--payload FILE` or `--reason TEXT`; `None` (after saying why)
/// when the file is not JSON.
fn read_payload(args: &PayloadArgs) -> anyhow::Result<Option<Option<Value>>> {
    if let Some(reason) = &args.reason {
        return Ok(Some(Some(payload(NOTE_SCHEMA, json!({"reason": reason})))));
    }
    let Some(path) = &args.payload else { return Ok(Some(None)) };
    let text = std::fs::read_to_string(path).map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))?;
    match serde_json::from_str(&text) {
        Ok(value) => Ok(Some(Some(value))),
        Err(error) => {
            eprintln!(
                "snowplowctl: error: {}:{}:{}: the payload is not JSON: {error}\n  hint: a payload is a self-describing JSON {{\"schema\": \"iglu:…\", \"data\": …}}",
                path.display(),
                error.line(),
                error.column()
            );
            Ok(None)
        }
    }
}

fn create_table(manifest: &Manifest, json: bool) -> Result<ExitStatus, ManifestError> {
    let created = manifest.create()?;
    let location = manifest.backend().location();
    let text = if created { format!("created {location}") } else { format!("{location} already exists") };
    print_result(json, json!({"manifest": location, "created": created}), &text);
    Ok(ExitStatus::Success)
}

fn state_name(entry: &RunEntry) -> String {
    match entry.state() {
        Some(state) => state.to_string(),
        None if entry.marker => "PROCESSED".to_owned(),
        None => "-".to_owned(),
    }
}

fn app_name(entry: &RunEntry) -> String {
    match entry.last() {
        Some(record) => match &record.app.instance_id {
            Some(instance) => format!("{} {} ({instance})", record.app.name, record.app.version),
            None => format!("{} {}", record.app.name, record.app.version),
        },
        None => "run manifest (add)".to_owned(),
    }
}

fn entry_json(entry: &RunEntry, now: i64) -> Value {
    let mut value = serde_json::to_value(entry).expect("entries serialise");
    value["status"] = json!(entry.status(now).name());
    value["state"] = json!(state_name(entry));
    value
}

fn list(
    manifest: &Manifest,
    state: Option<snowplowctl::manifest::State>,
    json: bool,
) -> Result<ExitStatus, ManifestError> {
    let now = now_ms();
    let entries: Vec<RunEntry> = manifest
        .list()?
        .into_iter()
        .filter(|e| state.is_none_or(|s| e.state() == Some(s) || (e.state().is_none() && s.name() == "PROCESSED")))
        .collect();
    if json {
        println!("{}", Value::Array(entries.iter().map(|e| entry_json(e, now)).collect()));
        return Ok(ExitStatus::Success);
    }
    let mut table = comfy_table::Table::new();
    table
        .load_preset(comfy_table::presets::UTF8_FULL_CONDENSED)
        .set_header(["run", "state", "app", "started", "finished"]);
    for entry in &entries {
        let mut state = state_name(entry);
        if entry.status(now) == RunStatus::Expired {
            state.push_str(" (lease lapsed)");
        }
        table.add_row([
            entry.run_id.clone(),
            state,
            app_name(entry),
            entry.started_ms().map(format_ms).unwrap_or_default(),
            entry.finished_ms().map(format_ms).unwrap_or_default(),
        ]);
    }
    println!("{table}");
    eprintln!("{} run(s)", entries.len());
    Ok(ExitStatus::Success)
}

fn show(manifest: &Manifest, run_id: &str, json: bool) -> Result<ExitStatus, ManifestError> {
    let entry = manifest.show(run_id)?;
    let now = now_ms();
    if json {
        println!("{}", entry_json(&entry, now));
        return Ok(ExitStatus::Success);
    }
    println!("run:      {}", entry.run_id);
    println!("state:    {} ({})", state_name(&entry), entry.status(now));
    println!("marked processed in the run manifest: {}", if entry.marker { "yes" } else { "no" });
    if let Some(lease) = &entry.lease {
        println!("lease:    held by {} until {}", lease.owner, format_ms(lease.expires_ms));
    }
    if entry.records.is_empty() {
        return Ok(ExitStatus::Success);
    }
    let mut table = comfy_table::Table::new();
    table
        .load_preset(comfy_table::presets::UTF8_FULL_CONDENSED)
        .set_header(["#", "state", "record", "app", "time", "previous", "payload"]);
    for (index, record) in entry.records.iter().enumerate() {
        let payload = record.payload.as_ref().map_or_else(String::new, |p| match p.get("data") {
            Some(data) => format!("{}\n{data}", p.get("schema").and_then(Value::as_str).unwrap_or("?")),
            None => p.to_string(),
        });
        let mut app = format!("{} {}", record.app.name, record.app.version);
        if let Some(instance) = &record.app.instance_id {
            app.push_str(&format!(" ({instance})"));
        }
        table.add_row([
            (index + 1).to_string(),
            record.state.to_string(),
            record.id.clone(),
            app,
            format_ms(record.timestamp_ms),
            record.previous.clone().unwrap_or_default(),
            payload,
        ]);
    }
    println!("{table}");
    Ok(ExitStatus::Success)
}

fn claim(
    manifest: &Manifest,
    run_id: &str,
    lease: Duration,
    payload: Option<Value>,
    json: bool,
) -> Result<ExitStatus, ManifestError> {
    match manifest.claim(run_id, lease, payload)? {
        ClaimOutcome::Claimed(claim) => {
            if json {
                println!(
                    "{}",
                    json!({"run_id": run_id, "claim": claim.record_id, "expires": format_ms(claim.expires_ms), "took_over": claim.took_over})
                );
            } else {
                println!("{}", claim.record_id);
                eprintln!("claimed {run_id} until {}", format_ms(claim.expires_ms));
            }
            Ok(ExitStatus::Success)
        }
        ClaimOutcome::Unavailable { status, entry } => {
            let why = match status {
                RunStatus::Done => "it is already processed".to_owned(),
                RunStatus::Claimed => format!(
                    "it is claimed until {}",
                    entry.lease.as_ref().map_or_else(String::new, |l| format_ms(l.expires_ms))
                ),
                RunStatus::Failed => "it FAILED; resolve it first".to_owned(),
                RunStatus::Skipped => "it is SKIPPED; resolve it first".to_owned(),
                other => format!("it is {other}"),
            };
            Err(ManifestError::Refused {
                run_id: run_id.to_owned(),
                message: format!("cannot claim it: {why}"),
                hint: Some("`snowplowctl manifest show RUN` lists its records".to_owned()),
            })
        }
    }
}

fn pending(
    manifest: &Manifest,
    archive_dir: &Path,
    prefix: Option<String>,
    all: bool,
    json: bool,
) -> anyhow::Result<ExitStatus> {
    let prefix = prefix.unwrap_or_else(|| archive::default_prefix(archive_dir));
    let found = match archive::discover(archive_dir, &prefix) {
        Ok(found) => found,
        Err(error) => {
            eprintln!("snowplowctl: error: {}", with_hint(&error.to_string(), Some(error.hint())));
            return Ok(if matches!(error, ArchiveError::Malformed { .. }) {
                ExitStatus::Failure
            } else {
                ExitStatus::Error
            });
        }
    };
    for ignored in &found.ignored {
        eprintln!("snowplowctl: warning: {}: {}", ignored.path.display(), ignored.message);
    }
    let ids: Vec<String> = found.runs.iter().map(|r| r.run_id.clone()).collect();
    let entries = match manifest.entries(&ids) {
        Ok(entries) => entries,
        Err(error) => return Ok(report(&error)),
    };
    let now = now_ms();
    let rows: Vec<(&archive::RunFolder, RunStatus)> = found
        .runs
        .iter()
        .zip(&entries)
        .map(|(run, entry)| (run, entry.status(now)))
        .filter(|(_, status)| all || status.is_pending())
        .collect();
    let mut out = std::io::stdout().lock();
    if json {
        let document: Vec<Value> = rows
            .iter()
            .map(|(run, status)| {
                json!({"run_id": run.run_id, "folder": run.path.display().to_string(), "status": status.name(), "pending": status.is_pending()})
            })
            .collect();
        writeln!(out, "{}", Value::Array(document))?;
    } else if all {
        let mut table = comfy_table::Table::new();
        table.load_preset(comfy_table::presets::UTF8_FULL_CONDENSED).set_header(["run", "status", "pending"]);
        for (run, status) in &rows {
            table.add_row([run.run_id.clone(), status.name().to_owned(), status.is_pending().to_string()]);
        }
        writeln!(out, "{table}")?;
    } else {
        for (run, _) in &rows {
            writeln!(out, "{}", run.run_id)?;
        }
    }
    eprintln!("{} of {} run folder(s) pending", rows.iter().filter(|(_, s)| s.is_pending()).count(), found.runs.len());
    Ok(ExitStatus::Success)
}

fn export(manifest: &Manifest, output: Option<&Path>) -> anyhow::Result<ExitStatus> {
    let entries = match manifest.list() {
        Ok(entries) => entries,
        Err(error) => return Ok(report(&error)),
    };
    match output {
        None => {
            let mut out = std::io::stdout().lock();
            jsonl::write_entries(&entries, &mut out)?;
            out.flush()?;
        }
        Some(path) => {
            // Written next to the target and renamed, so a failed export never leaves half a file.
            let temp = path.with_extension("jsonl.tmp");
            let write = || -> std::io::Result<()> {
                let mut file = std::io::BufWriter::new(std::fs::File::create(&temp)?);
                jsonl::write_entries(&entries, &mut file)?;
                file.into_inner().map_err(|e| e.into_error())?.sync_all()?;
                std::fs::rename(&temp, path)
            };
            if let Err(error) = write() {
                let _ = std::fs::remove_file(&temp);
                anyhow::bail!("cannot write {}: {error}", path.display());
            }
        }
    }
    eprintln!("exported {} run(s)", entries.len());
    Ok(ExitStatus::Success)
}

fn import(manifest: &Manifest, file: &Path, json: bool) -> anyhow::Result<ExitStatus> {
    let read = if file == Path::new("-") {
        jsonl::read_entries(Path::new("<stdin>"), std::io::stdin().lock())
    } else {
        let opened = std::fs::File::open(file).map_err(|e| anyhow::anyhow!("cannot read {}: {e}", file.display()))?;
        jsonl::read_entries(file, std::io::BufReader::new(opened))
    };
    let entries = match read {
        Ok(entries) => entries,
        Err(errors) => {
            eprintln!("snowplowctl: error: {} bad line(s); nothing was imported:", errors.len());
            for error in &errors {
                eprintln!("  {error}");
            }
            return Ok(ExitStatus::Failure);
        }
    };
    match manifest.import(&entries) {
        Ok((written, existing)) => {
            for run_id in &existing {
                eprintln!("snowplowctl: warning: {run_id} is already in the manifest; left as it is");
            }
            print_result(
                json,
                json!({"imported": written, "existing": existing}),
                &format!("imported {written} run(s); {} already known", existing.len()),
            );
            Ok(ExitStatus::Success)
        }
        Err(error) => Ok(report(&error)),
    }
}
