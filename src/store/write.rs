//! Writing a plan: BatchWriteItem calls of at most 25 writes, with `UnprocessedItems` and
//! throttling retried with exponential backoff and jitter, and a precise account of what was and
//! was not written when retries run out.

use std::fmt;

use super::item::WriteOp;
use super::table::ConfigTable;
use crate::aws::retry::Jitter;
use crate::aws::{AwsError, RetryPolicy};
use crate::lint::Progress;

/// The most writes one BatchWriteItem call accepts.
pub const BATCH_SIZE: usize = 25;

/// What a completed write did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Written {
    /// Ids written (put) or deleted, in the order they completed.
    pub done: Vec<String>,
    /// BatchWriteItem calls made.
    pub calls: usize,
    /// Calls that were retries (after unprocessed items or a throttling or transient error).
    pub retries: usize,
}

/// Why a write stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StopCause {
    /// DynamoDB kept returning `UnprocessedItems` until the retries ran out.
    Unprocessed {
        /// Rounds tried without progress.
        attempts: u32,
    },
    /// A call failed with an error that is not retryable, or retries ran out.
    Error(AwsError),
}

/// A write that stopped part-way: what was written and what was not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteFailure {
    /// Ids written or deleted before the write stopped.
    pub done: Vec<String>,
    /// Ids not written or deleted.
    pub not_done: Vec<String>,
    /// Why it stopped.
    pub cause: StopCause,
}

fn list(ids: &[String]) -> String {
    const SHOWN: usize = 10;
    let mut text = ids.iter().take(SHOWN).map(|id| format!("`{id}`")).collect::<Vec<_>>().join(", ");
    if ids.len() > SHOWN {
        text.push_str(&format!(" and {} more", ids.len() - SHOWN));
    }
    if text.is_empty() { "none".to_owned() } else { text }
}

impl fmt::Display for WriteFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let total = self.done.len() + self.not_done.len();
        match &self.cause {
            StopCause::Unprocessed { attempts } => write!(
                f,
                "DynamoDB left items unprocessed {attempts} times in a row; gave up after writing {} of {total} items",
                self.done.len()
            )?,
            StopCause::Error(error) => {
                write!(f, "{error}; stopped after writing {} of {total} items", self.done.len())?;
            }
        }
        write!(f, ". Written: {}. Not written: {}", list(&self.done), list(&self.not_done))
    }
}

impl std::error::Error for WriteFailure {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.cause {
            StopCause::Error(error) => Some(error),
            StopCause::Unprocessed { .. } => None,
        }
    }
}

/// Writes `writes` to `table` in batches of [`BATCH_SIZE`]. Unprocessed items, and errors the
/// policy retries (after the SDK's own tries), are retried with `policy`'s backoff; a batch gives
/// up after `policy.max_attempts` consecutive calls that made no progress (fewer for transient
/// errors, see [`RetryPolicy::should_retry`]). `progress` hears about every write done.
pub fn write_all(
    api: &dyn ConfigTable,
    table: &str,
    writes: &[WriteOp],
    policy: &RetryPolicy,
    progress: Option<&dyn Progress>,
) -> Result<Written, WriteFailure> {
    if let Some(progress) = progress {
        progress.add_total(writes.len() as u64);
    }
    let mut written = Written::default();
    let mut jitter = Jitter::new();
    for (index, chunk) in writes.chunks(BATCH_SIZE).enumerate() {
        let mut pending: Vec<WriteOp> = chunk.to_vec();
        let later = writes.get((index + 1) * BATCH_SIZE..).unwrap_or_default();
        // Consecutive calls that wrote nothing; progress resets it.
        let mut fruitless = 0u32;
        loop {
            written.calls += 1;
            match api.batch_write(table, &pending) {
                Ok(unprocessed) => {
                    for write in pending.iter().filter(|w| !unprocessed.iter().any(|u| u.id() == w.id())) {
                        written.done.push(write.id().to_owned());
                        if let Some(progress) = progress {
                            progress.inc();
                        }
                    }
                    if unprocessed.is_empty() {
                        break;
                    }
                    fruitless = if unprocessed.len() < pending.len() { 0 } else { fruitless + 1 };
                    pending = unprocessed;
                    if fruitless >= policy.max_attempts.max(1) {
                        let cause = StopCause::Unprocessed { attempts: fruitless };
                        return Err(failure(written.done, &pending, later, cause));
                    }
                }
                Err(error) => {
                    fruitless += 1;
                    if !policy.should_retry(&error, fruitless) {
                        return Err(failure(written.done, &pending, later, StopCause::Error(error)));
                    }
                }
            }
            std::thread::sleep(policy.delay(fruitless.max(1), &mut jitter));
            written.retries += 1;
        }
    }
    Ok(written)
}

fn failure(done: Vec<String>, pending: &[WriteOp], later: &[WriteOp], cause: StopCause) -> WriteFailure {
    let not_done = pending.iter().chain(later).map(|w| w.id().to_owned()).collect();
    WriteFailure { done, not_done, cause }
}
