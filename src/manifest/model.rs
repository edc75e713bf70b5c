//! What a manifest holds: for each run, the Analytics SDK's "processed" marker and an
//! append-only list of processing records, whose last record is the run's state.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The state a processing record puts its run in (the processing manifest's `RState`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum State {
    /// Discovered, not yet claimed.
    New,
    /// Claimed by a process that holds a lease.
    Processing,
    /// Done; the run is never processed again.
    Processed,
    /// The process failed; the run stays blocked until it is resolved.
    Failed,
    /// Given up on by an operator; blocked until it is resolved.
    Skipped,
    /// A failure or skip was dealt with; the run may be claimed again.
    Resolved,
}

impl State {
    /// Every state, in lifecycle order.
    pub const ALL: [State; 6] =
        [State::New, State::Processing, State::Processed, State::Failed, State::Skipped, State::Resolved];

    /// The name stored in manifests: `NEW`, `PROCESSING`, ….
    pub fn name(self) -> &'static str {
        match self {
            State::New => "NEW",
            State::Processing => "PROCESSING",
            State::Processed => "PROCESSED",
            State::Failed => "FAILED",
            State::Skipped => "SKIPPED",
            State::Resolved => "RESOLVED",
        }
    }
}

impl fmt::Display for State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for State {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        State::ALL.into_iter().find(|state| state.name() == s).ok_or_else(|| {
            format!("`{s}` is not a record state (expected one of {})", State::ALL.map(State::name).join(", "))
        })
    }
}

/// The application a record is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct App {
    /// Its name, e.g. `snowplowctl`.
    pub name: String,
    /// Its version.
    pub version: String,
    /// Which instance of it, when several share a manifest (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance_id: Option<String>,
}

impl App {
    /// snowplowctl itself, as `run` records it.
    pub fn snowplowctl() -> App {
        App { name: "snowplowctl".to_owned(), version: env!("CARGO_PKG_VERSION").to_owned(), instance_id: None }
    }
}

/// Who really wrote a record: `snowplowctl:VERSION:MANIFEST_FORMAT`, as the processing
/// manifest's `Author` is `name:version:manifestVersion`.
pub fn author() -> String {
    format!("snowplowctl:{}:{}", env!("CARGO_PKG_VERSION"), super::FORMAT_VERSION)
}

/// One processing record: an event in a run's life. Records are never changed or removed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// A random UUID.
    pub id: String,
    /// The state it puts the run in.
    pub state: State,
    /// The application it is about.
    pub app: App,
    /// When it was written, in epoch milliseconds.
    pub timestamp_ms: i64,
    /// The record it follows up (a PROCESSED record names its PROCESSING record).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<String>,
    /// `name:version:manifestFormat` of the program that wrote it.
    pub author: String,
    /// A self-describing JSON, validated through Iglu before it was written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payload: Option<Value>,
}

/// Who holds a run and until when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lease {
    /// The id of the PROCESSING record that took the claim.
    pub owner: String,
    /// When the claim lapses unless renewed, in epoch milliseconds.
    pub expires_ms: i64,
}

/// Everything a manifest knows about one run.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RunEntry {
    /// The run id.
    pub run_id: String,
    /// Whether the Analytics SDK's run-manifest item exists (`add`/`contains`).
    pub marker: bool,
    /// The processing records, oldest first.
    #[serde(default)]
    pub records: Vec<Record>,
    /// The current claim's lease, while a run is PROCESSING.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lease: Option<Lease>,
}

impl RunEntry {
    /// An entry with nothing recorded.
    pub fn empty(run_id: &str) -> RunEntry {
        RunEntry { run_id: run_id.to_owned(), ..RunEntry::default() }
    }

    /// Whether the manifest holds anything about the run.
    pub fn exists(&self) -> bool {
        self.marker || !self.records.is_empty()
    }

    /// The latest record.
    pub fn last(&self) -> Option<&Record> {
        self.records.last()
    }

    /// The run's state: that of its latest record.
    pub fn state(&self) -> Option<State> {
        self.last().map(|r| r.state)
    }

    /// The number of records: the version a conditional write expects.
    pub fn version(&self) -> u64 {
        self.records.len() as u64
    }

    /// When processing last started (the latest PROCESSING record).
    pub fn started_ms(&self) -> Option<i64> {
        self.records.iter().rev().find(|r| r.state == State::Processing).map(|r| r.timestamp_ms)
    }

    /// When the run reached PROCESSED, FAILED or SKIPPED, if its latest record is one of those.
    pub fn finished_ms(&self) -> Option<i64> {
        self.last()
            .filter(|r| matches!(r.state, State::Processed | State::Failed | State::Skipped))
            .map(|r| r.timestamp_ms)
    }

    /// What the run looks like to someone who wants to process it at `now_ms`.
    pub fn status(&self, now_ms: i64) -> RunStatus {
        match (self.last(), &self.lease) {
            (None, _) if self.marker => RunStatus::Done,
            (None, _) => RunStatus::Unknown,
            (Some(last), _) if last.state == State::Processed || self.marker => RunStatus::Done,
            (Some(last), lease) => match last.state {
                State::New | State::Resolved => RunStatus::Ready,
                State::Processing => match lease {
                    Some(lease) if lease.owner == last.id && lease.expires_ms > now_ms => RunStatus::Claimed,
                    _ => RunStatus::Expired,
                },
                State::Failed => RunStatus::Failed,
                State::Skipped => RunStatus::Skipped,
                State::Processed => RunStatus::Done,
            },
        }
    }

    /// Checks what every reader relies on: unique record ids, parents that exist and come
    /// earlier, and a lease only on a PROCESSING run whose claim it names.
    pub fn check(&self) -> Result<(), String> {
        let mut seen = std::collections::HashSet::new();
        for (index, record) in self.records.iter().enumerate() {
            if !seen.insert(record.id.as_str()) {
                return Err(format!("record {index} repeats the id {}", record.id));
            }
            if let Some(previous) = &record.previous
                && !self.records[..index].iter().any(|r| &r.id == previous)
            {
                return Err(format!(
                    "record {index} ({}) follows {previous}, which is not an earlier record",
                    record.id
                ));
            }
        }
        if let Some(lease) = &self.lease {
            match self.last() {
                Some(last) if last.state == State::Processing && last.id == lease.owner => {}
                _ => return Err(format!("a lease held by {} on a run that is not PROCESSING by it", lease.owner)),
            }
        }
        Ok(())
    }
}

/// A run's status for someone who wants to process it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RunStatus {
    /// The manifest knows nothing about it: pending.
    Unknown,
    /// NEW or RESOLVED: pending.
    Ready,
    /// PROCESSING under a live lease: someone else is on it.
    Claimed,
    /// PROCESSING, but the lease lapsed: the claimant is presumed dead; pending.
    Expired,
    /// FAILED: blocked until resolved.
    Failed,
    /// SKIPPED: blocked until resolved.
    Skipped,
    /// PROCESSED, or marked processed in the run manifest.
    Done,
}

impl RunStatus {
    /// Whether a claim may be taken now.
    pub fn is_pending(self) -> bool {
        matches!(self, RunStatus::Unknown | RunStatus::Ready | RunStatus::Expired)
    }

    /// Its name in tables and JSON.
    pub fn name(self) -> &'static str {
        match self {
            RunStatus::Unknown => "unknown",
            RunStatus::Ready => "ready",
            RunStatus::Claimed => "claimed",
            RunStatus::Expired => "expired",
            RunStatus::Failed => "failed",
            RunStatus::Skipped => "skipped",
            RunStatus::Done => "done",
        }
    }
}

impl fmt::Display for RunStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A conditional write to one run: it succeeds only if the run still has exactly
/// `expected_version` records (and, for a lease renewal, the lease is still `owner`'s).
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// The run.
    pub run_id: String,
    /// The number of records the writer saw.
    pub expected_version: u64,
    /// The records to append (none for a lease renewal).
    pub append: Vec<Record>,
    /// What happens to the lease.
    pub lease: LeaseChange,
    /// Also write the Analytics SDK's processed marker, in the same atomic write.
    pub add_marker: bool,
}

/// What a [`Change`] does to the lease.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LeaseChange {
    /// Leave it as it is.
    Keep,
    /// Take or extend it.
    Set(Lease),
    /// Drop it.
    Clear,
}

/// Whether a conditional write happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Committed {
    /// It did.
    Yes,
    /// Someone else changed the run first; nothing was written.
    Conflict,
}

/// Current epoch milliseconds.
pub fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

/// Epoch milliseconds as `2026-11-22T10:00:00.000Z`, for tables.
pub fn format_ms(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .map_or_else(|| ms.to_string(), |t| t.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string())
}

/// A fresh record id.
pub fn new_record_id() -> String {
    uuid::Uuid::new_v4().hyphenated().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(id: &str, state: State, previous: Option<&str>) -> Record {
        Record {
            id: id.to_owned(),
            state,
            app: App::snowplowctl(),
            timestamp_ms: 0,
            previous: previous.map(str::to_owned),
            author: author(),
            payload: None,
        }
    }

    #[test]
    fn status_follows_the_last_record_and_the_lease() {
        let mut entry = RunEntry::empty("r");
        assert_eq!(entry.status(0), RunStatus::Unknown);
        entry.records.push(record("a", State::New, None));
        assert_eq!(entry.status(0), RunStatus::Ready);
        entry.records.push(record("b", State::Processing, Some("a")));
        entry.lease = Some(Lease { owner: "b".into(), expires_ms: 100 });
        assert_eq!(entry.status(99), RunStatus::Claimed);
        assert_eq!(entry.status(100), RunStatus::Expired);
        assert!(entry.check().is_ok());
        entry.records.push(record("c", State::Failed, Some("b")));
        assert!(entry.check().is_err(), "a lease on a FAILED run");
        entry.lease = None;
        assert_eq!(entry.status(0), RunStatus::Failed);
        entry.marker = true;
        assert_eq!(entry.status(0), RunStatus::Done, "the SDK's marker means processed");
        entry.records.push(record("d", State::Resolved, Some("zzz")));
        assert!(entry.check().unwrap_err().contains("zzz"));
    }

    #[test]
    fn states_round_trip_by_name() {
        for state in State::ALL {
            assert_eq!(state.name().parse::<State>(), Ok(state));
        }
        assert!("DONE".parse::<State>().unwrap_err().contains("PROCESSING"));
    }
}
