//! Run manifests: which archive runs were processed, by whom, and what failed.
//!
//! A manifest keeps two things per run id, in one store:
//!
//! * the **Analytics SDK's run-manifest item** (a DynamoDB item keyed `RunId`, nothing else),
//!   which the Python and Scala SDKs' `RunManifests.add`/`contains` write and read: its
//!   presence means "processed";
//! * **processing records** in the processing manifest's vocabulary (NEW, PROCESSING,
//!   PROCESSED, FAILED, SKIPPED, RESOLVED; app, instance, timestamps, previous record, author,
//!   an Iglu-validated payload), appended to one state item per run together with the current
//!   claim's lease.
//!
//! Every change to a run is one conditional write on that run's state item ("the run still has
//! N records"), so claims are atomic on both backends: [`dynamodb::DynamoDbManifest`]
//! (conditional UpdateItem, and TransactWriteItems when the SDK item is written with it) and
//! [`local::LocalManifest`] (an SQLite file in WAL mode; `BEGIN IMMEDIATE` transactions, safe
//! across processes and crashes). The rules — what may follow what, leases, payload
//! validation — live once, in [`Manifest`], on top of the small [`Backend`] trait.
//!
//! Reads of one run are keyed (GetItem/BatchGetItem, or a primary-key lookup); only `list`
//! and `export` read everything.

pub mod archive;
pub mod dynamodb;
pub mod jsonl;
pub mod local;
pub mod model;

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use serde_json::{Value, json};

pub use model::{App, Change, Committed, Lease, LeaseChange, Record, RunEntry, RunStatus, State};

use crate::aws::AwsError;
use crate::iglu::Validators;
use crate::iglu::sdj::SelfDescribing;

/// The version of snowplowctl's manifest layout, written into every record's author.
pub const FORMAT_VERSION: u32 = 1;

/// How long a claim lasts unless renewed (`run` renews it while it works).
pub const DEFAULT_LEASE: Duration = Duration::from_secs(60);

/// The schema of the payload of PROCESSING records written by snowplowctl.
pub const CLAIM_SCHEMA: &str = "iglu:dev.snowplowctl/run_claim/jsonschema/1-0-0";
/// The schema of the payload of PROCESSED records written by `run`.
pub const PROCESSED_SCHEMA: &str = "iglu:dev.snowplowctl/run_processed/jsonschema/1-0-0";
/// The schema of the payload of FAILED records written by `run`.
pub const FAILED_SCHEMA: &str = "iglu:dev.snowplowctl/run_failed/jsonschema/1-0-0";
/// The schema of the payload an operator's `--reason` becomes.
pub const NOTE_SCHEMA: &str = "iglu:dev.snowplowctl/manifest_note/jsonschema/1-0-0";

/// Where a manifest is: `dynamodb:REGION/TABLE` or `local:PATH`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A DynamoDB table.
    DynamoDb {
        /// The region.
        region: String,
        /// The table.
        table: String,
    },
    /// A local SQLite file.
    Local(PathBuf),
}

impl Location {
    /// Parses `dynamodb:REGION/TABLE` or `local:PATH`.
    pub fn parse(text: &str) -> Result<Location, String> {
        if let Some(rest) = text.strip_prefix("dynamodb:") {
            return match rest.split_once('/') {
                Some((region, table)) if !region.is_empty() && !table.is_empty() && !table.contains('/') => {
                    Ok(Location::DynamoDb { region: region.to_owned(), table: table.to_owned() })
                }
                _ => Err(format!(
                    "`{text}` is not `dynamodb:REGION/TABLE` (for example dynamodb:eu-west-1/snowplow-run-manifest)"
                )),
            };
        }
        if let Some(path) = text.strip_prefix("local:") {
            if path.is_empty() {
                return Err("`local:` needs a file path, for example local:manifest.sqlite".to_owned());
            }
            return Ok(Location::Local(PathBuf::from(path)));
        }
        Err(format!("`{text}` is not a manifest location: expected `dynamodb:REGION/TABLE` or `local:PATH`"))
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::DynamoDb { region, table } => write!(f, "dynamodb:{region}/{table}"),
            Location::Local(path) => write!(f, "local:{}", path.display()),
        }
    }
}

/// Why a manifest operation failed.
#[derive(Debug, thiserror::Error)]
pub enum ManifestError {
    /// A DynamoDB call failed.
    #[error("{0}")]
    Aws(#[from] AwsError),
    /// The DynamoDB table does not exist.
    #[error("the manifest table `{table}` does not exist")]
    TableMissing {
        /// The table.
        table: String,
    },
    /// The DynamoDB table is not keyed like a run manifest.
    #[error("table `{table}` is keyed by {found}, but a run manifest is keyed by `RunId` (String) only")]
    WrongKey {
        /// The table.
        table: String,
        /// What it is keyed by.
        found: String,
    },
    /// The local store could not be opened, read or written.
    #[error("the local manifest {}: {message}", path.display())]
    Store {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        message: String,
        /// Whether the file is damaged or not a manifest (rather than unreachable).
        corrupt: bool,
    },
    /// What the manifest holds about a run breaks the rules every writer keeps.
    #[error("the manifest's entry for run `{run_id}` is damaged: {message}")]
    Corrupt {
        /// The run.
        run_id: String,
        /// What is wrong.
        message: String,
    },
    /// A request that the run's state does not allow (exit status 1).
    #[error("run `{run_id}`: {message}")]
    Refused {
        /// The run.
        run_id: String,
        /// Why.
        message: String,
        /// What to do instead.
        hint: Option<String>,
    },
    /// A payload that is not a valid self-describing JSON for its schema (exit status 1).
    #[error("the payload is invalid: {message}")]
    InvalidPayload {
        /// What is wrong, with JSON pointers.
        message: String,
    },
    /// Our claim was taken over (its lease lapsed and another process claimed the run).
    #[error("run `{run_id}`: the claim {claim} was lost: {message}")]
    LostClaim {
        /// The run.
        run_id: String,
        /// Our PROCESSING record.
        claim: String,
        /// What the run looks like now.
        message: String,
    },
}

impl ManifestError {
    /// A hint for the user, when there is one.
    pub fn hint(&self) -> Option<String> {
        match self {
            ManifestError::Aws(error) => error.hint().map(str::to_owned),
            ManifestError::TableMissing { .. } => {
                Some("create it with `snowplowctl manifest create-table --manifest dynamodb:REGION/TABLE`".to_owned())
            }
            ManifestError::WrongKey { .. } => Some("use another table for the manifest".to_owned()),
            ManifestError::Store { corrupt: true, .. } => Some(
                "move the file aside and restore it from `snowplowctl manifest export` output with `manifest import`"
                    .to_owned(),
            ),
            ManifestError::Store { corrupt: false, .. } => {
                Some("check that the directory exists and is writable".to_owned())
            }
            ManifestError::Corrupt { .. } => Some(
                "inspect it with `snowplowctl manifest show`; it was not written by a compatible snowplowctl"
                    .to_owned(),
            ),
            ManifestError::Refused { hint, .. } => hint.clone(),
            ManifestError::InvalidPayload { .. } => Some(
                "payloads are self-describing JSON `{\"schema\": \"iglu:…\", \"data\": …}` valid for their schema"
                    .to_owned(),
            ),
            ManifestError::LostClaim { .. } => Some(
                "the claim's lease lapsed before it was renewed (was the process stopped or the machine overloaded?); \
                 nothing of this attempt was marked processed"
                    .to_owned(),
            ),
        }
    }

    /// Whether this is the user's request being invalid (exit status 1) rather than the
    /// manifest being unreachable or damaged (exit status 2).
    pub fn is_invalid_request(&self) -> bool {
        matches!(self, ManifestError::Refused { .. } | ManifestError::InvalidPayload { .. })
    }

    fn refused(run_id: &str, message: impl Into<String>, hint: Option<&str>) -> ManifestError {
        ManifestError::Refused { run_id: run_id.to_owned(), message: message.into(), hint: hint.map(str::to_owned) }
    }
}

/// The storage under a [`Manifest`]: keyed reads of whole runs and one conditional write.
pub trait Backend: Send + Sync + fmt::Debug {
    /// Where it is, for messages (never with credentials).
    fn location(&self) -> String;
    /// Creates the table or file when it does not exist; `true` when it was created.
    fn create(&self) -> Result<bool, ManifestError>;
    /// Everything about one run (an empty entry when there is nothing).
    fn load(&self, run_id: &str) -> Result<RunEntry, ManifestError>;
    /// Everything about each run, in the order asked.
    fn load_many(&self, run_ids: &[String]) -> Result<Vec<RunEntry>, ManifestError>;
    /// Every run the manifest knows, sorted by run id.
    fn list(&self) -> Result<Vec<RunEntry>, ManifestError>;
    /// Writes the Analytics SDK's processed marker (unconditional, idempotent).
    fn add_marker(&self, run_id: &str) -> Result<(), ManifestError>;
    /// One atomic conditional write.
    fn commit(&self, change: &Change) -> Result<Committed, ManifestError>;
}

/// A claim on a run, held through its lease.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    /// The run.
    pub run_id: String,
    /// Our PROCESSING record.
    pub record_id: String,
    /// The run's record count right after our PROCESSING record.
    pub version: u64,
    /// When the lease lapses, in epoch milliseconds.
    pub expires_ms: i64,
    /// The PROCESSING record of a claimant whose lease lapsed, when this claim took over.
    pub took_over: Option<String>,
}

/// What asking for a claim gave.
#[derive(Debug, Clone, PartialEq)]
pub enum ClaimOutcome {
    /// The run is ours.
    Claimed(Claim),
    /// It is not available: processed, claimed by someone else, failed or skipped.
    Unavailable {
        /// Why.
        status: RunStatus,
        /// What the manifest holds.
        entry: Box<RunEntry>,
    },
}

/// A run manifest: the rules, over a [`Backend`].
#[derive(Debug)]
pub struct Manifest {
    backend: Box<dyn Backend>,
    validators: Arc<Validators>,
    app: App,
}

/// How many times an operation re-reads and retries after losing a race.
const CONFLICT_RETRIES: usize = 16;

impl Manifest {
    /// A manifest over `backend`, validating payloads with `validators`, writing records
    /// about `app`.
    pub fn new(backend: Box<dyn Backend>, validators: Arc<Validators>, app: App) -> Manifest {
        Manifest { backend, validators, app }
    }

    /// The storage.
    pub fn backend(&self) -> &dyn Backend {
        self.backend.as_ref()
    }

    /// The application records are written about.
    pub fn app(&self) -> &App {
        &self.app
    }

    /// Creates the table or store; `true` when it was created.
    pub fn create(&self) -> Result<bool, ManifestError> {
        self.backend.create()
    }

    /// The Analytics SDK's `add`: marks the run processed in the run manifest.
    pub fn add(&self, run_id: &str) -> Result<(), ManifestError> {
        check_run_id(run_id)?;
        self.backend.add_marker(run_id)
    }

    /// The Analytics SDK's `contains`: whether the run is marked processed.
    pub fn contains(&self, run_id: &str) -> Result<bool, ManifestError> {
        check_run_id(run_id)?;
        Ok(self.backend.load(run_id)?.marker)
    }

    /// Everything about a run the manifest knows; refused when it knows nothing.
    pub fn show(&self, run_id: &str) -> Result<RunEntry, ManifestError> {
        check_run_id(run_id)?;
        let entry = self.backend.load(run_id)?;
        if !entry.exists() {
            return Err(ManifestError::refused(
                run_id,
                format!("the manifest {} has no record of it", self.backend.location()),
                Some("list the runs it knows with `snowplowctl manifest list`"),
            ));
        }
        Ok(entry)
    }

    /// Every run, with its status at `now_ms`.
    pub fn list(&self) -> Result<Vec<RunEntry>, ManifestError> {
        self.backend.list()
    }

    /// The entries of `run_ids`, in order (keyed reads).
    pub fn entries(&self, run_ids: &[String]) -> Result<Vec<RunEntry>, ManifestError> {
        for run_id in run_ids {
            check_run_id(run_id)?;
        }
        self.backend.load_many(run_ids)
    }

    /// Writes a NEW record for a run the manifest knows nothing about; `false` when it
    /// already knew it.
    pub fn register(&self, run_id: &str) -> Result<bool, ManifestError> {
        check_run_id(run_id)?;
        let record = self.record(State::New, None, None);
        let change = Change {
            run_id: run_id.to_owned(),
            expected_version: 0,
            append: vec![record],
            lease: LeaseChange::Keep,
            add_marker: false,
        };
        if self.backend.load(run_id)?.exists() {
            return Ok(false);
        }
        Ok(self.backend.commit(&change)? == Committed::Yes)
    }

    /// Claims a run for `lease`, when it is pending (unknown, NEW, RESOLVED, or PROCESSING
    /// under a lapsed lease, which is taken over).
    pub fn claim(&self, run_id: &str, lease: Duration, payload: Option<Value>) -> Result<ClaimOutcome, ManifestError> {
        self.check_request(run_id, payload.as_ref())?;
        for _ in 0..CONFLICT_RETRIES {
            let entry = self.current(run_id)?;
            let now = model::now_ms();
            let status = entry.status(now);
            if !status.is_pending() {
                return Ok(ClaimOutcome::Unavailable { status, entry: Box::new(entry) });
            }
            let took_over = (status == RunStatus::Expired).then(|| entry.last().map(|r| r.id.clone())).flatten();
            let record = self.record(State::Processing, entry.last().map(|r| r.id.clone()), payload.clone());
            let expires_ms = now + duration_ms(lease);
            let claim = Claim {
                run_id: run_id.to_owned(),
                record_id: record.id.clone(),
                version: entry.version() + 1,
                expires_ms,
                took_over,
            };
            let change = Change {
                run_id: run_id.to_owned(),
                expected_version: entry.version(),
                append: vec![record],
                lease: LeaseChange::Set(Lease { owner: claim.record_id.clone(), expires_ms }),
                add_marker: false,
            };
            if self.backend.commit(&change)? == Committed::Yes {
                return Ok(ClaimOutcome::Claimed(claim));
            }
        }
        Err(ManifestError::refused(run_id, "too many concurrent writers; the claim was not taken", Some("try again")))
    }

    /// Extends a claim's lease by `lease` from now.
    pub fn renew(&self, claim: &mut Claim, lease: Duration) -> Result<(), ManifestError> {
        let expires_ms = model::now_ms() + duration_ms(lease);
        let change = Change {
            run_id: claim.run_id.clone(),
            expected_version: claim.version,
            append: Vec::new(),
            lease: LeaseChange::Set(Lease { owner: claim.record_id.clone(), expires_ms }),
            add_marker: false,
        };
        match self.backend.commit(&change)? {
            Committed::Yes => {
                claim.expires_ms = expires_ms;
                Ok(())
            }
            Committed::Conflict => Err(self.lost(claim)),
        }
    }

    /// Marks a claimed run PROCESSED (and processed in the run manifest, atomically).
    pub fn complete(&self, claim: &Claim, payload: Option<Value>) -> Result<(), ManifestError> {
        self.finish(claim, State::Processed, payload)
    }

    /// Marks a claimed run FAILED; it stays blocked until resolved.
    pub fn fail(&self, claim: &Claim, payload: Option<Value>) -> Result<(), ManifestError> {
        self.finish(claim, State::Failed, payload)
    }

    fn finish(&self, claim: &Claim, state: State, payload: Option<Value>) -> Result<(), ManifestError> {
        if let Some(payload) = &payload {
            self.validate_payload(payload)?;
        }
        let change = Change {
            run_id: claim.run_id.clone(),
            expected_version: claim.version,
            append: vec![self.record(state, Some(claim.record_id.clone()), payload)],
            lease: LeaseChange::Clear,
            add_marker: state == State::Processed,
        };
        match self.backend.commit(&change)? {
            Committed::Yes => Ok(()),
            Committed::Conflict => Err(self.lost(claim)),
        }
    }

    fn lost(&self, claim: &Claim) -> ManifestError {
        let now = match self.backend.load(&claim.run_id) {
            Ok(entry) => match entry.last() {
                Some(last) => format!("its latest record is now {} {} by {}", last.state, last.id, last.app.name),
                None => "it has no records".to_owned(),
            },
            Err(error) => format!("and reading it back failed: {error}"),
        };
        ManifestError::LostClaim { run_id: claim.run_id.clone(), claim: claim.record_id.clone(), message: now }
    }

    /// The claim `record_id` on a run, for finishing it from another process (`manifest
    /// complete`/`fail`): it must be the run's current PROCESSING record.
    pub fn claim_of(&self, run_id: &str, record_id: &str) -> Result<Claim, ManifestError> {
        let entry = self.show(run_id)?;
        check_entry(&entry)?;
        match entry.last() {
            Some(last) if last.state == State::Processing && last.id == record_id => Ok(Claim {
                run_id: run_id.to_owned(),
                record_id: record_id.to_owned(),
                version: entry.version(),
                expires_ms: entry.lease.as_ref().map_or(0, |l| l.expires_ms),
                took_over: None,
            }),
            Some(last) => Err(ManifestError::refused(
                run_id,
                format!("{record_id} is not its current claim (its latest record is {} {})", last.state, last.id),
                Some("`snowplowctl manifest show RUN` lists its records"),
            )),
            None => Err(ManifestError::refused(run_id, "it has no claim", None)),
        }
    }

    /// Gives up on a run: SKIPPED blocks it until resolved. Refused for processed runs and
    /// runs under a live claim.
    pub fn skip(&self, run_id: &str, payload: Option<Value>) -> Result<(), ManifestError> {
        self.operator_record(run_id, State::Skipped, payload, |status| match status {
            RunStatus::Done => Some("it is already processed"),
            RunStatus::Claimed => Some("a live claim holds it; wait for it to finish or its lease to lapse"),
            RunStatus::Skipped => Some("it is already skipped"),
            _ => None,
        })
    }

    /// Unblocks a FAILED or SKIPPED run: RESOLVED makes it pending again.
    pub fn resolve(&self, run_id: &str, payload: Option<Value>) -> Result<(), ManifestError> {
        self.operator_record(run_id, State::Resolved, payload, |status| match status {
            RunStatus::Failed | RunStatus::Skipped => None,
            _ => Some("only FAILED or SKIPPED runs can be resolved"),
        })
    }

    fn operator_record(
        &self,
        run_id: &str,
        state: State,
        payload: Option<Value>,
        refuse: impl Fn(RunStatus) -> Option<&'static str>,
    ) -> Result<(), ManifestError> {
        self.check_request(run_id, payload.as_ref())?;
        for _ in 0..CONFLICT_RETRIES {
            let entry = self.current(run_id)?;
            let status = entry.status(model::now_ms());
            if let Some(why) = refuse(status) {
                let current = entry.state().map_or_else(|| "no records".to_owned(), |s| s.to_string());
                return Err(ManifestError::refused(
                    run_id,
                    format!("cannot mark it {state}: {why} (state: {current})"),
                    Some("`snowplowctl manifest show RUN` lists its records"),
                ));
            }
            let change = Change {
                run_id: run_id.to_owned(),
                expected_version: entry.version(),
                append: vec![self.record(state, entry.last().map(|r| r.id.clone()), payload.clone())],
                lease: if entry.lease.is_some() { LeaseChange::Clear } else { LeaseChange::Keep },
                add_marker: false,
            };
            if self.backend.commit(&change)? == Committed::Yes {
                return Ok(());
            }
        }
        Err(ManifestError::refused(run_id, "too many concurrent writers; nothing was written", Some("try again")))
    }

    /// Writes exported entries into a manifest that does not know their runs; returns how many
    /// were written and the runs it already knew (left untouched).
    pub fn import(&self, entries: &[RunEntry]) -> Result<(usize, Vec<String>), ManifestError> {
        for entry in entries {
            check_run_id(&entry.run_id)?;
            check_entry(entry).map_err(|e| match e {
                ManifestError::Corrupt { run_id, message } => {
                    ManifestError::refused(&run_id, format!("the imported entry is inconsistent: {message}"), None)
                }
                other => other,
            })?;
            for record in &entry.records {
                if let Some(payload) = &record.payload {
                    self.validate_payload(payload).map_err(|e| {
                        ManifestError::refused(&entry.run_id, format!("record {}: {e}", record.id), None)
                    })?;
                }
            }
        }
        let mut written = 0;
        let mut existing = Vec::new();
        let current = self.backend.load_many(&entries.iter().map(|e| e.run_id.clone()).collect::<Vec<_>>())?;
        for (entry, current) in entries.iter().zip(current) {
            if current.exists() {
                existing.push(entry.run_id.clone());
                continue;
            }
            if entry.records.is_empty() {
                self.backend.add_marker(&entry.run_id)?;
                written += 1;
                continue;
            }
            let change = Change {
                run_id: entry.run_id.clone(),
                expected_version: 0,
                append: entry.records.clone(),
                lease: entry.lease.clone().map_or(LeaseChange::Keep, LeaseChange::Set),
                add_marker: entry.marker,
            };
            match self.backend.commit(&change)? {
                Committed::Yes => written += 1,
                Committed::Conflict => existing.push(entry.run_id.clone()),
            }
        }
        Ok((written, existing))
    }

    /// Checks that `payload` is a self-describing JSON valid for its schema.
    pub fn validate_payload(&self, payload: &Value) -> Result<(), ManifestError> {
        let envelope = SelfDescribing::parse(payload)
            .map_err(|e| ManifestError::InvalidPayload { message: format!("at `{}`: {e}", e.pointer()) })?;
        let violations = self
            .validators
            .validate(&envelope.schema, envelope.data)
            .map_err(|e| ManifestError::InvalidPayload { message: e.to_string() })?;
        if violations.is_empty() {
            return Ok(());
        }
        let listed: Vec<String> =
            violations.iter().map(|v| format!("at `/data{}`: {}", v.pointer, v.message)).collect();
        Err(ManifestError::InvalidPayload {
            message: format!("it does not match {}: {}", envelope.schema, listed.join("; ")),
        })
    }

    /// Checks a request's run id and payload before anything is read or written.
    fn check_request(&self, run_id: &str, payload: Option<&Value>) -> Result<(), ManifestError> {
        check_run_id(run_id)?;
        payload.map_or(Ok(()), |payload| self.validate_payload(payload))
    }

    /// The run's entry, checked for consistency.
    fn current(&self, run_id: &str) -> Result<RunEntry, ManifestError> {
        let entry = self.backend.load(run_id)?;
        check_entry(&entry)?;
        Ok(entry)
    }

    fn record(&self, state: State, previous: Option<String>, payload: Option<Value>) -> Record {
        Record {
            id: model::new_record_id(),
            state,
            app: self.app.clone(),
            timestamp_ms: model::now_ms(),
            previous,
            author: model::author(),
            payload,
        }
    }
}

/// A payload of `schema` with `data`.
pub fn payload(schema: &str, data: Value) -> Value {
    json!({"schema": schema, "data": data})
}

/// A duration in whole milliseconds, for lease arithmetic on epoch milliseconds.
pub(crate) fn duration_ms(duration: Duration) -> i64 {
    i64::try_from(duration.as_millis()).unwrap_or(i64::MAX / 2)
}

/// Run ids are non-empty strings of at most 1024 bytes without control characters (DynamoDB
/// keys may be longer, but no run folder name is).
pub fn check_run_id(run_id: &str) -> Result<(), ManifestError> {
    let problem = if run_id.is_empty() {
        Some("a run id must not be empty")
    } else if run_id.len() > 1024 {
        Some("a run id must be at most 1024 bytes")
    } else if run_id.chars().any(char::is_control) {
        Some("a run id must not contain control characters")
    } else {
        None
    };
    match problem {
        Some(problem) => Err(ManifestError::refused(
            run_id,
            problem,
            Some("run ids look like `archive/run=2017-02-21-11-40-15/`, as the Analytics SDK writes them"),
        )),
        None => Ok(()),
    }
}

fn check_entry(entry: &RunEntry) -> Result<(), ManifestError> {
    entry.check().map_err(|message| ManifestError::Corrupt { run_id: entry.run_id.clone(), message })
}
