//! Bounded retries with exponential backoff and full jitter, for the work the SDK's own retries
//! do not cover: `UnprocessedItems` in batch writes, throttling that outlasts the SDK's three
//! tries per request, and (briefly) transient failures such as a dropped connection.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::time::Duration;

use super::{AwsError, ErrorKind};

/// How often and how patiently to retry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all while throttled, the first included (at least 1).
    pub max_attempts: u32,
    /// Attempts in all while failing transiently (network failures, server errors). Each
    /// attempt is already three tries by the SDK, so a server that is down is reported within
    /// seconds rather than after the long throttling backoff.
    pub max_transient_attempts: u32,
    /// Ceiling of the first backoff; each retry doubles it.
    pub base_delay: Duration,
    /// The largest backoff ceiling.
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    /// 8 attempts while throttled and 2 while failing transiently, backoff ceilings 100 ms,
    /// 200 ms, … capped at 10 s: under 30 s of waiting in the worst case, which rides out the
    /// throttling of an on-demand table scaling up.
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 8,
            max_transient_attempts: 2,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_secs(10),
        }
    }
}

impl RetryPolicy {
    /// A policy that retries `max_attempts - 1` times without waiting (for tests).
    pub fn immediate(max_attempts: u32) -> Self {
        RetryPolicy {
            max_attempts,
            max_transient_attempts: max_attempts,
            base_delay: Duration::ZERO,
            max_delay: Duration::ZERO,
        }
    }

    /// Whether a call that failed with `error` on attempt `attempt` (from 1) should be retried.
    pub fn should_retry(&self, error: &AwsError, attempt: u32) -> bool {
        match error.kind {
            ErrorKind::Throttled => attempt < self.max_attempts.max(1),
            ErrorKind::Transient => attempt < self.max_transient_attempts.max(1),
            _ => false,
        }
    }

    /// The backoff before retry number `retry` (1 for the first retry): a uniformly random
    /// duration up to `min(max_delay, base_delay · 2^(retry-1))` ("full jitter", so that
    /// clients throttled together do not retry together).
    pub fn delay(&self, retry: u32, jitter: &mut Jitter) -> Duration {
        let ceiling = self.base_delay.saturating_mul(1u32 << retry.saturating_sub(1).min(20)).min(self.max_delay);
        let nanos = u64::try_from(ceiling.as_nanos()).unwrap_or(u64::MAX);
        Duration::from_nanos(if nanos == 0 { 0 } else { jitter.next_u64() % (nanos + 1) })
    }

    /// Runs `operation`, retrying throttling and transient failures while attempts remain (see
    /// [`RetryPolicy::should_retry`]). Returns the last error otherwise, and calls `on_retry`
    /// before each backoff.
    pub fn run<T>(
        &self,
        mut operation: impl FnMut() -> Result<T, AwsError>,
        mut on_retry: impl FnMut(&AwsError),
    ) -> Result<T, AwsError> {
        let mut jitter = Jitter::new();
        let mut attempt = 1;
        loop {
            match operation() {
                Err(error) if self.should_retry(&error, attempt) => {
                    on_retry(&error);
                    std::thread::sleep(self.delay(attempt, &mut jitter));
                    attempt += 1;
                }
                result => return result,
            }
        }
    }
}

/// A small pseudo-random source for jitter (SplitMix64, seeded from the process's random
/// hash seed). Jitter needs spread, not cryptographic quality.
#[derive(Debug, Clone)]
pub struct Jitter(u64);

impl Jitter {
    /// A randomly seeded source.
    pub fn new() -> Self {
        let mut hasher = RandomState::new().build_hasher();
        hasher.write_u64(u64::from(std::process::id()));
        Jitter(hasher.finish())
    }

    /// A source with a fixed seed (reproducible tests).
    pub fn seeded(seed: u64) -> Self {
        Jitter(seed)
    }

    /// The next value.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

impl Default for Jitter {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_the_cap_and_stays_within_its_ceiling() {
        let policy = RetryPolicy {
            max_attempts: 10,
            max_transient_attempts: 10,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_millis(1000),
        };
        let mut jitter = Jitter::seeded(7);
        for (retry, ceiling_ms) in [(1, 100), (2, 200), (3, 400), (4, 800), (5, 1000), (9, 1000), (40, 1000)] {
            let delays: Vec<Duration> = (0..200).map(|_| policy.delay(retry, &mut jitter)).collect();
            let ceiling = Duration::from_millis(ceiling_ms);
            assert!(delays.iter().all(|d| *d <= ceiling), "retry {retry}: {delays:?}");
            // Full jitter spreads the delays over the whole range.
            assert!(delays.iter().any(|d| *d < ceiling / 4) && delays.iter().any(|d| *d > ceiling * 3 / 4));
        }
        assert_eq!(RetryPolicy::immediate(3).delay(5, &mut jitter), Duration::ZERO);
    }

    #[test]
    fn retries_throttling_and_transient_failures_up_to_their_bounds() {
        let throttled = || AwsError::new("Scan", ErrorKind::Throttled, "slow down");
        let mut calls = 0;
        let mut retries = 0;
        let result: Result<(), AwsError> = RetryPolicy::immediate(4).run(
            || {
                calls += 1;
                Err(throttled())
            },
            |_| retries += 1,
        );
        assert_eq!((result.unwrap_err().kind, calls, retries), (ErrorKind::Throttled, 4, 3));

        let mut calls = 0;
        let result = RetryPolicy::immediate(4).run(
            || {
                calls += 1;
                if calls < 3 { Err(throttled()) } else { Ok(calls) }
            },
            |_| {},
        );
        assert_eq!(result.unwrap(), 3);

        let policy = RetryPolicy { max_transient_attempts: 2, ..RetryPolicy::immediate(4) };
        let mut calls = 0;
        let result: Result<(), AwsError> = policy.run(
            || {
                calls += 1;
                Err(AwsError::new("Scan", ErrorKind::Transient, "connection refused"))
            },
            |_| {},
        );
        assert_eq!((result.unwrap_err().kind, calls), (ErrorKind::Transient, 2));

        let mut calls = 0;
        let result: Result<(), AwsError> = policy.run(
            || {
                calls += 1;
                Err(AwsError::new("Scan", ErrorKind::NotFound, "no such table"))
            },
            |_| {},
        );
        assert_eq!((result.unwrap_err().kind, calls), (ErrorKind::NotFound, 1));
    }
}
