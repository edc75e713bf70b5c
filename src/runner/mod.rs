//! `snowplowctl run`: process each run folder of a raw archive exactly once.
//!
//! For each `run=…` folder of the archive (oldest first) the runner asks the [`Manifest`] for a
//! claim; a run that is processed, failed, skipped or claimed by a live process is passed
//! over. A claimed run is enriched and shredded in one pass (the `enrich --shred` library
//! code) into a [`stage`], published into `OUT`, and only then marked PROCESSED. Errors of
//! the run (its input, its output) mark it FAILED with the reason and the runner goes on;
//! errors of the manifest itself stop the runner, and whatever was staged is finished by the
//! next claimant.
//!
//! While a run is processed a heartbeat renews the claim's lease, so that several runners on
//! the same archive (on one machine or many) share the work, and a runner that dies only
//! delays its run by one lease.

pub mod stage;

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::json;

use crate::enrich::input;
use crate::enrich::job::{self, GoodLinesTap, JobObserver, JobOptions};
use crate::enrich::outcome::Counts;
use crate::enrich::output::OutputCompression;
use crate::enrich::payload::InputFormat;
use crate::enrich::pipeline::Pipeline;
use crate::iglu::Validators;
use crate::manifest::archive::{self, ArchiveError, ArchiveProblem, RunFolder};
use crate::manifest::model::now_ms;
use crate::manifest::{
    CLAIM_SCHEMA, Claim, ClaimOutcome, FAILED_SCHEMA, Manifest, ManifestError, PROCESSED_SCHEMA, RunStatus, payload,
};
use crate::shred::job::{self as shred_job, ShredOptions, ShredSession, ShredSummary};
use stage::{Ready, Stage, StageError};

/// What to process and how.
#[derive(Debug, Clone)]
pub struct RunnerOptions {
    /// The raw archive: a folder of `run=YYYY-MM-DD-HH-mm-ss` folders.
    pub archive: PathBuf,
    /// The output folder.
    pub output: PathBuf,
    /// The prefix of run ids in the manifest [default: the archive folder's name and `/`].
    pub run_id_prefix: Option<String>,
    /// How long a claim lasts without renewal.
    pub lease: Duration,
    /// The collector format of the archive.
    pub format: InputFormat,
    /// Compression of enriched good part files.
    pub compression: OutputCompression,
    /// Records longer than this become size_violation bad rows.
    pub max_record_size: u64,
    /// Plain files larger than this are split into chunks.
    pub chunk_size: u64,
    /// How to shred; its inputs, output, run id and timestamp are set per run.
    pub shred: ShredOptions,
    /// Process at most this many runs, then stop.
    pub max_runs: Option<usize>,
}

/// Told how the runner progresses.
pub trait RunnerObserver: Sync {
    /// The archive was read: `runs` folders, `pending` of them not yet processed.
    fn discovered(&self, runs: usize, pending: usize);
    /// Run `run` was claimed and is being processed.
    fn run_started(&self, run: &RunFolder);
    /// Progress within the current run.
    fn job(&self) -> &dyn JobObserver;
    /// A run is finished (processed, failed, or passed over).
    fn run_finished(&self, report: &RunReport);
}

/// An observer that ignores everything.
#[derive(Debug, Clone, Copy, Default)]
pub struct Quiet;

impl RunnerObserver for Quiet {
    fn discovered(&self, _runs: usize, _pending: usize) {}
    fn run_started(&self, _run: &RunFolder) {}
    fn job(&self) -> &dyn JobObserver {
        &job::NoProgress
    }
    fn run_finished(&self, _report: &RunReport) {}
}

/// What happened to one run folder.
#[derive(Debug, Clone)]
pub struct RunReport {
    /// The manifest's run id.
    pub run_id: String,
    /// The folder's timestamp (the output's run id).
    pub run: String,
    /// The result.
    pub outcome: RunOutcome,
    /// Time spent on it.
    pub elapsed: Duration,
}

/// The result for one run folder.
#[derive(Debug, Clone)]
pub enum RunOutcome {
    /// Enriched, shredded, published and marked PROCESSED by this runner.
    Processed {
        /// Enrichment counts (`None` when an earlier claimant's ready stage was published).
        enriched: Option<Box<Counts>>,
        /// Shred totals (`None` likewise).
        shredded: Option<Box<ShredSummary>>,
        /// Whether an earlier claimant's ready stage was published instead of redoing it.
        recovered: bool,
        /// The lapsed claim this one took over, if any.
        took_over: Option<String>,
    },
    /// Processing failed; the run is marked FAILED.
    Failed {
        /// Where: input, enrich, shred or publish.
        stage: &'static str,
        /// The error.
        message: String,
        /// What to do about it.
        hint: Option<String>,
    },
    /// Our claim lapsed before the run was marked PROCESSED; whoever took it over finishes it.
    Lost {
        /// Why.
        message: String,
    },
    /// Not processed here: already processed, claimed by a live runner, failed or skipped.
    NotPending {
        /// Its status.
        status: RunStatus,
    },
}

impl RunOutcome {
    /// A short name for tables and JSON: processed, recovered, failed, lost, or for runs
    /// passed over done, claimed, blocked-failed or blocked-skipped.
    pub fn name(&self) -> &'static str {
        match self {
            RunOutcome::Processed { recovered: true, .. } => "recovered",
            RunOutcome::Processed { .. } => "processed",
            RunOutcome::Failed { .. } => "failed",
            RunOutcome::Lost { .. } => "lost",
            RunOutcome::NotPending { status: RunStatus::Failed } => "blocked-failed",
            RunOutcome::NotPending { status: RunStatus::Skipped } => "blocked-skipped",
            RunOutcome::NotPending { status } => status.name(),
        }
    }
}

/// What a runner did.
#[derive(Debug, Clone, Default)]
pub struct ArchiveReport {
    /// Each run folder, oldest first.
    pub runs: Vec<RunReport>,
    /// Archive entries that are not run folders.
    pub ignored: Vec<ArchiveProblem>,
    /// Wall time.
    pub elapsed: Duration,
}

impl ArchiveReport {
    /// How many runs had `outcome` (by [`RunOutcome::name`]).
    pub fn count(&self, outcome: &str) -> usize {
        self.runs.iter().filter(|r| r.outcome.name() == outcome).count()
    }
}

/// Why the runner stopped before the end of the archive.
#[derive(Debug, thiserror::Error)]
pub enum RunnerError {
    /// The archive cannot be read or has malformed run folders.
    #[error(transparent)]
    Archive(#[from] ArchiveError),
    /// The manifest failed (unreachable, damaged); the current run is finished by the next
    /// claimant.
    #[error("the run manifest failed: {0}")]
    Manifest(#[from] ManifestError),
}

impl RunnerError {
    /// A hint for the user.
    pub fn hint(&self) -> Option<String> {
        match self {
            RunnerError::Archive(error) => Some(error.hint().to_owned()),
            RunnerError::Manifest(error) => error.hint(),
        }
    }

    /// Whether the user's input is at fault (exit status 1) rather than the machine (2).
    pub fn is_invalid_request(&self) -> bool {
        match self {
            RunnerError::Archive(error) => matches!(error, ArchiveError::Malformed { .. }),
            RunnerError::Manifest(error) => error.is_invalid_request(),
        }
    }
}

/// Processes every pending run folder of the archive.
pub fn process_archive(
    options: &RunnerOptions,
    manifest: &Manifest,
    pipeline: &mut Pipeline,
    validators: &Arc<Validators>,
    observer: &dyn RunnerObserver,
) -> Result<ArchiveReport, RunnerError> {
    let started = Instant::now();
    let prefix = options.run_id_prefix.clone().unwrap_or_else(|| archive::default_prefix(&options.archive));
    let found = archive::discover(&options.archive, &prefix)?;
    let ids: Vec<String> = found.runs.iter().map(|r| r.run_id.clone()).collect();
    let entries = manifest.entries(&ids)?;
    let now = now_ms();
    let pending = entries.iter().filter(|e| e.status(now).is_pending()).count();
    for entry in entries.iter().filter(|e| !e.exists()) {
        manifest.register(&entry.run_id)?;
    }
    observer.discovered(found.runs.len(), pending);

    let mut report = ArchiveReport { ignored: found.ignored.clone(), ..ArchiveReport::default() };
    let mut claimed = 0;
    for (run, entry) in found.runs.iter().zip(&entries) {
        let run_started = Instant::now();
        let outcome = if entry.status(now) == RunStatus::Done || options.max_runs.is_some_and(|max| claimed >= max) {
            if entry.status(now) == RunStatus::Done {
                stage::discard_all(&options.output, &run.timestamp).ok();
            }
            RunOutcome::NotPending { status: entry.status(now) }
        } else {
            match manifest.claim(&run.run_id, options.lease, Some(claim_payload(options, None)))? {
                ClaimOutcome::Unavailable { status, .. } => {
                    if status == RunStatus::Done {
                        stage::discard_all(&options.output, &run.timestamp).ok();
                    }
                    RunOutcome::NotPending { status }
                }
                ClaimOutcome::Claimed(claim) => {
                    claimed += 1;
                    observer.run_started(run);
                    process_claimed(options, manifest, pipeline, validators, observer, run, &claim)?
                }
            }
        };
        let report_run = RunReport {
            run_id: run.run_id.clone(),
            run: run.timestamp.clone(),
            outcome,
            elapsed: run_started.elapsed(),
        };
        observer.run_finished(&report_run);
        report.runs.push(report_run);
    }
    stage::tidy(&options.output);
    report.elapsed = started.elapsed();
    Ok(report)
}

fn claim_payload(options: &RunnerOptions, took_over: Option<&str>) -> serde_json::Value {
    let mut data = json!({
        "host": host_name(),
        "pid": std::process::id(),
        "archive": options.archive.display().to_string(),
        "output": options.output.display().to_string(),
    });
    if let Some(took_over) = took_over {
        data["tookOverFrom"] = json!(took_over);
    }
    payload(CLAIM_SCHEMA, data)
}

fn host_name() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .or_else(|| std::env::var("HOSTNAME").ok())
        .map(|h| h.trim().chars().take(255).collect())
        .filter(|h: &String| !h.is_empty())
        .unwrap_or_else(|| "unknown".to_owned())
}

/// A failure of one run: marked FAILED, and the runner goes on.
struct RunFailure {
    stage: &'static str,
    message: String,
    hint: Option<String>,
}

impl RunFailure {
    fn new(stage: &'static str, message: impl ToString, hint: Option<&str>) -> RunFailure {
        RunFailure { stage, message: message.to_string(), hint: hint.map(str::to_owned) }
    }
}

impl From<StageError> for RunFailure {
    fn from(error: StageError) -> Self {
        RunFailure::new("publish", &error, error.hint())
    }
}

/// Either a failure of the run, or our claim lapsing.
enum Interrupted {
    Failed(RunFailure),
    Lost(String),
}

impl From<RunFailure> for Interrupted {
    fn from(failure: RunFailure) -> Self {
        Interrupted::Failed(failure)
    }
}

impl From<StageError> for Interrupted {
    fn from(error: StageError) -> Self {
        Interrupted::Failed(error.into())
    }
}

fn process_claimed(
    options: &RunnerOptions,
    manifest: &Manifest,
    pipeline: &mut Pipeline,
    validators: &Arc<Validators>,
    observer: &dyn RunnerObserver,
    run: &RunFolder,
    claim: &Claim,
) -> Result<RunOutcome, RunnerError> {
    let started = Instant::now();
    let result = with_heartbeat(manifest, claim, options.lease, |heartbeat| {
        let staged = stage_run(options, pipeline, validators, observer, run, claim, started)?;
        heartbeat.check(manifest, claim, options.lease)?;
        staged.stage.publish()?;
        Ok::<_, Interrupted>(staged)
    });
    match result {
        Ok(staged) => {
            match manifest.complete(claim, Some(staged.ready.payload.clone())) {
                Ok(()) => {}
                // Whoever took the run over finds the published stage and marks it PROCESSED.
                Err(ManifestError::LostClaim { message, .. }) => return Ok(RunOutcome::Lost { message }),
                Err(error) => return Err(error.into()),
            }
            // The run is PROCESSED; a stage left by a crash here is removed by the next runner.
            staged.stage.remove().ok();
            Ok(RunOutcome::Processed {
                enriched: staged.enriched,
                shredded: staged.shredded,
                recovered: staged.recovered,
                took_over: claim.took_over.clone(),
            })
        }
        Err(Interrupted::Lost(message)) => Ok(RunOutcome::Lost { message }),
        Err(Interrupted::Failed(failure)) => {
            let mut data = json!({"message": truncate(&failure.message, 8192), "stage": failure.stage});
            if let Some(hint) = &failure.hint {
                data["hint"] = json!(truncate(hint, 2048));
            }
            match manifest.fail(claim, Some(payload(FAILED_SCHEMA, data))) {
                Ok(()) => {}
                Err(ManifestError::LostClaim { message, .. }) => return Ok(RunOutcome::Lost { message }),
                Err(error) => return Err(error.into()),
            }
            Ok(RunOutcome::Failed { stage: failure.stage, message: failure.message, hint: failure.hint })
        }
    }
}

fn truncate(text: &str, max: usize) -> String {
    if text.len() <= max {
        return text.to_owned();
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].to_owned()
}

/// A run written into a ready stage.
struct Staged {
    stage: Stage,
    ready: Ready,
    enriched: Option<Box<Counts>>,
    shredded: Option<Box<ShredSummary>>,
    recovered: bool,
}

/// Writes the run into a ready stage, or finds the ready stage of an earlier claim.
fn stage_run(
    options: &RunnerOptions,
    pipeline: &mut Pipeline,
    validators: &Arc<Validators>,
    observer: &dyn RunnerObserver,
    run: &RunFolder,
    claim: &Claim,
    started: Instant,
) -> Result<Staged, RunFailure> {
    let out = &options.output;
    if let Some((stage, ready)) = stage::find_ready(out, &run.timestamp)? {
        if ready.run_id != run.run_id {
            return Err(RunFailure::new(
                "publish",
                format!(
                    "{} holds output of run `{}` ready to publish, which is another run with the same time",
                    stage.dir.display(),
                    ready.run_id
                ),
                Some("give each archive its own output folder (or the same --run-id-prefix)"),
            ));
        }
        stage::discard_unready(out, &run.timestamp, Some(&stage.dir))?;
        return Ok(Staged { stage, ready, enriched: None, shredded: None, recovered: true });
    }
    stage::discard_unready(out, &run.timestamp, None)?;
    stage::check_free(out, &run.timestamp)?;
    let stage = Stage::create(out, &run.timestamp, &claim.record_id)?;

    let files = input::resolve(std::slice::from_ref(&run.path))
        .map_err(|e| RunFailure::new("input", &e, Some("check the run folder's files and permissions")))?;
    pipeline.set_etl_timestamp(run.timestamp_ms);
    let job_options = JobOptions {
        inputs: vec![run.path.clone()],
        format: options.format,
        output: stage.dir.clone(),
        run_id: run.timestamp.clone(),
        compression: options.compression,
        max_record_size: options.max_record_size,
        chunk_size: options.chunk_size,
        label_base: Some(run.path.clone()),
    };
    let shred_options = ShredOptions {
        inputs: Vec::new(),
        output: stage.dir.clone(),
        run_id: run.timestamp.clone(),
        timestamp_ms: run.timestamp_ms,
        ..options.shred.clone()
    };
    let session = ShredSession::start(shred_options, Arc::clone(validators), shred_job::expected_size(&files))
        .map_err(|e| RunFailure::new("shred", &e, e.hint()))?
        .entities_already_validated(pipeline.keeps_validated_entities());
    let summary = job::run_with_tap(&job_options, &*pipeline, observer.job(), Some(&session as &dyn GoodLinesTap))
        .map_err(|e| RunFailure::new("enrich", &e, e.hint()))?;
    let shredded = session.finish().map_err(|e| RunFailure::new("shred", &e, e.hint()))?;

    let outputs: Vec<String> = stage::targets(&run.timestamp).iter().map(|p| p.display().to_string()).collect();
    let data = json!({
        "records": summary.counts.records,
        "goodEvents": summary.counts.good_events,
        "enrichBadRows": summary.counts.total_bad_rows(),
        "shreddedEvents": shredded.good_events,
        "shredBadRows": shredded.total_bad_rows(),
        "shreddedTypes": shredded_types(&stage.dir.join(&stage::targets(&run.timestamp)[3])),
        "outputs": outputs,
        "durationMs": started.elapsed().as_millis() as u64,
    });
    let ready =
        Ready { run_id: run.run_id.clone(), claim: claim.record_id.clone(), payload: payload(PROCESSED_SCHEMA, data) };
    stage.mark_ready(&ready)?;
    Ok(Staged {
        stage,
        ready,
        enriched: Some(Box::new(summary.counts)),
        shredded: Some(Box::new(shredded)),
        recovered: false,
    })
}

/// The Iglu URIs of the entity types in a shredded good folder (`shredded-types/` or
/// `shredded-tsv/`, `vendor=V/name=N/format=F/version=M-R-A`), sorted.
fn shredded_types(good: &Path) -> Vec<String> {
    let mut types = std::collections::BTreeSet::new();
    for kind in ["shredded-types", "shredded-tsv"] {
        let value = |dir: &Path, key: &str| -> Vec<(PathBuf, String)> {
            std::fs::read_dir(dir)
                .into_iter()
                .flatten()
                .flatten()
                .filter_map(|e| {
                    let name = e.file_name().to_string_lossy().into_owned();
                    name.strip_prefix(key).map(|v| (e.path(), v.to_owned()))
                })
                .collect()
        };
        for (vendor_dir, vendor) in value(&good.join(kind), "vendor=") {
            for (name_dir, name) in value(&vendor_dir, "name=") {
                for (format_dir, format) in value(&name_dir, "format=") {
                    for (_, version) in value(&format_dir, "version=") {
                        types.insert(format!("iglu:{vendor}/{name}/{format}/{version}"));
                    }
                }
            }
        }
    }
    types.into_iter().collect()
}

/// Renews a claim's lease in the background while `work` runs.
struct Heartbeat {
    /// The lease's expiry as last renewed, and the error that ended renewals, if any.
    state: Mutex<(i64, Option<ManifestError>)>,
}

impl Heartbeat {
    /// Fails when the claim can no longer be trusted: renewal was refused (someone took the
    /// run over). A lease that lapsed (renewals failed, or were slowed down by a loaded
    /// machine) is renewed once more here: that succeeds only if nobody took the run over.
    fn check(&self, manifest: &Manifest, claim: &Claim, lease: Duration) -> Result<(), Interrupted> {
        let (expires_ms, lost) = {
            let state = self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            (state.0, matches!(state.1, Some(ManifestError::LostClaim { .. })))
        };
        if lost {
            let state = self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            return Err(Interrupted::Lost(state.1.as_ref().map(ToString::to_string).unwrap_or_default()));
        }
        if expires_ms - now_ms() > crate::manifest::duration_ms(lease) / 3 {
            return Ok(());
        }
        let mut claim = claim.clone();
        manifest.renew(&mut claim, lease).map_err(|error| {
            Interrupted::Lost(format!("the lease lapsed and could not be renewed before publishing: {error}"))
        })
    }
}

fn with_heartbeat<T>(manifest: &Manifest, claim: &Claim, lease: Duration, work: impl FnOnce(&Heartbeat) -> T) -> T {
    let heartbeat = Heartbeat { state: Mutex::new((claim.expires_ms, None)) };
    let (stop, stopped) = mpsc::channel::<()>();
    std::thread::scope(|scope| {
        let heartbeat = &heartbeat;
        scope.spawn(move || {
            let mut claim = claim.clone();
            let interval = (lease / 3).max(Duration::from_millis(10));
            let mut wait = interval;
            loop {
                match stopped.recv_timeout(wait) {
                    Err(RecvTimeoutError::Timeout) => {}
                    _ => return,
                }
                let renewed = manifest.renew(&mut claim, lease);
                let mut state = heartbeat.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
                match renewed {
                    Ok(()) => {
                        *state = (claim.expires_ms, None);
                        wait = interval;
                    }
                    Err(error @ ManifestError::LostClaim { .. }) => {
                        state.1 = Some(error);
                        return;
                    }
                    // Unreachable for now: try again sooner, while the lease lasts.
                    Err(error) => {
                        state.1 = Some(error);
                        wait = (interval / 4).max(Duration::from_millis(10));
                    }
                }
            }
        });
        let result = work(heartbeat);
        drop(stop);
        result
    })
}
