//! The contract between reading records and enriching them.
//!
//! The job (files, decompression, framing, part files) hands each raw record to a
//! [`RecordProcessor`], which appends serialised output to a [`RecordSink`]: enriched TSV lines
//! to `good`, bad-row JSON lines to `bad`, and what happened to [`Counts`]. Serialising straight
//! into the sink keeps the hot path free of intermediate structures, and the counts prove that
//! nothing is lost: every record is discarded (a header line), becomes exactly one bad row, or
//! expands into events, each of which is either a good event or exactly one bad row.

use std::fmt;

/// Where a record came from, for deterministic event ids and for error messages.
#[derive(Debug, Clone, Copy)]
pub struct RecordOrigin<'a> {
    /// The input file as the user named it (or a stable label for non-file input).
    pub source: &'a str,
    /// The record's byte offset in the decompressed stream of `source`.
    pub offset: u64,
}

/// The self-describing bad-row types `snowplowctl enrich` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum BadRowKind {
    /// The record could not be read as the input format (loader failure).
    CollectorPayloadFormatViolation,
    /// A webhook or unknown vendor/version could not be turned into events.
    AdapterFailures,
    /// A Snowplow tracker-protocol request (tp1, tp2, r/tp2) was malformed.
    TrackerProtocolViolations,
    /// A field failed to parse, or JSON failed Iglu validation.
    SchemaViolations,
    /// An enrichment failed.
    EnrichmentFailures,
    /// The record was larger than the maximum record size.
    SizeViolation,
    /// Anything else (for example an input file that ended mid-record).
    GenericError,
}

impl BadRowKind {
    /// Every kind, in summary-table order.
    pub const ALL: [BadRowKind; 7] = [
        BadRowKind::CollectorPayloadFormatViolation,
        BadRowKind::AdapterFailures,
        BadRowKind::TrackerProtocolViolations,
        BadRowKind::SchemaViolations,
        BadRowKind::EnrichmentFailures,
        BadRowKind::SizeViolation,
        BadRowKind::GenericError,
    ];

    /// The schema name, e.g. `schema_violations`.
    pub fn name(self) -> &'static str {
        match self {
            BadRowKind::CollectorPayloadFormatViolation => "collector_payload_format_violation",
            BadRowKind::AdapterFailures => "adapter_failures",
            BadRowKind::TrackerProtocolViolations => "tracker_protocol_violations",
            BadRowKind::SchemaViolations => "schema_violations",
            BadRowKind::EnrichmentFailures => "enrichment_failures",
            BadRowKind::SizeViolation => "size_violation",
            BadRowKind::GenericError => "generic_error",
        }
    }

    /// The Iglu schema of the version written, e.g.
    /// `iglu:com.snowplowanalytics.snowplow.badrows/schema_violations/jsonschema/2-0-1`.
    pub fn schema(self) -> &'static str {
        match self {
            BadRowKind::CollectorPayloadFormatViolation => {
                "iglu:com.snowplowanalytics.snowplow.badrows/collector_payload_format_violation/jsonschema/1-0-0"
            }
            BadRowKind::AdapterFailures => {
                "iglu:com.snowplowanalytics.snowplow.badrows/adapter_failures/jsonschema/1-0-0"
            }
            BadRowKind::TrackerProtocolViolations => {
                "iglu:com.snowplowanalytics.snowplow.badrows/tracker_protocol_violations/jsonschema/1-0-1"
            }
            BadRowKind::SchemaViolations => {
                "iglu:com.snowplowanalytics.snowplow.badrows/schema_violations/jsonschema/2-0-1"
            }
            BadRowKind::EnrichmentFailures => {
                "iglu:com.snowplowanalytics.snowplow.badrows/enrichment_failures/jsonschema/2-0-1"
            }
            BadRowKind::SizeViolation => "iglu:com.snowplowanalytics.snowplow.badrows/size_violation/jsonschema/1-0-0",
            BadRowKind::GenericError => "iglu:com.snowplowanalytics.snowplow.badrows/generic_error/jsonschema/1-0-0",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for BadRowKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What happened to the records of one batch, file or run. Counts add up (see [`Counts::check`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    /// Raw records read.
    pub records: u64,
    /// Records dropped by design (CloudFront `#Version:` / `#Fields:` header lines).
    pub discarded: u64,
    /// Records that failed as a whole (loader or adapter), one bad row each.
    pub failed_records: u64,
    /// Records that expanded into one or more events.
    pub expanded_records: u64,
    /// Events the adapters produced from the expanded records.
    pub events: u64,
    /// Events written as enriched TSV lines.
    pub good_events: u64,
    /// Events that failed, one bad row each.
    pub failed_events: u64,
    /// Extra good events enrichments emitted beside their parent (e.g. `pii_transformation`).
    pub derived_events: u64,
    /// Bad rows written, by kind.
    bad_rows: [u64; BadRowKind::ALL.len()],
}

impl Counts {
    /// Records one bad row of `kind`.
    pub fn add_bad_row(&mut self, kind: BadRowKind) {
        self.bad_rows[kind.index()] += 1;
    }

    /// Bad rows written of `kind`.
    pub fn bad_rows(&self, kind: BadRowKind) -> u64 {
        self.bad_rows[kind.index()]
    }

    /// All bad rows written.
    pub fn total_bad_rows(&self) -> u64 {
        self.bad_rows.iter().sum()
    }

    /// Adds another set of counts to this one.
    pub fn merge(&mut self, other: &Counts) {
        self.records += other.records;
        self.discarded += other.discarded;
        self.failed_records += other.failed_records;
        self.expanded_records += other.expanded_records;
        self.events += other.events;
        self.good_events += other.good_events;
        self.failed_events += other.failed_events;
        self.derived_events += other.derived_events;
        for (mine, theirs) in self.bad_rows.iter_mut().zip(other.bad_rows) {
            *mine += theirs;
        }
    }

    /// Checks the accounting: every record is discarded, failed or expanded; every event is good
    /// or failed; and there is exactly one bad row per failed record and per failed event.
    pub fn check(&self) -> Result<(), String> {
        let accounted = self.discarded + self.failed_records + self.expanded_records;
        if accounted != self.records {
            return Err(format!(
                "{} records read but {accounted} accounted for ({} discarded, {} failed, {} expanded)",
                self.records, self.discarded, self.failed_records, self.expanded_records
            ));
        }
        if self.good_events + self.failed_events != self.events {
            return Err(format!(
                "{} events but {} good and {} failed",
                self.events, self.good_events, self.failed_events
            ));
        }
        if self.total_bad_rows() != self.failed_records + self.failed_events {
            return Err(format!(
                "{} bad rows written for {} failed records and {} failed events",
                self.total_bad_rows(),
                self.failed_records,
                self.failed_events
            ));
        }
        Ok(())
    }
}

/// Where a processor writes its output for the records it is given.
#[derive(Debug, Default)]
pub struct RecordSink {
    /// Enriched events, one TSV line each, `\n`-terminated.
    pub good: Vec<u8>,
    /// Bad rows, one JSON document each, `\n`-terminated.
    pub bad: Vec<u8>,
    /// What happened.
    pub counts: Counts,
}

impl RecordSink {
    /// Empties the output buffers (after the caller has written them out), keeping the counts.
    pub fn clear_output(&mut self) {
        self.good.clear();
        self.bad.clear();
    }
}

/// Turns raw records into enriched events and bad rows. Implementations are shared by all
/// worker threads, so they hold only immutable state (caches must be thread-safe).
pub trait RecordProcessor: Sync {
    /// Processes one record (a log line without its line terminator, or one Thrift record).
    fn process(&self, record: &[u8], origin: RecordOrigin<'_>, sink: &mut RecordSink);

    /// Records one record longer than the maximum record size: `prefix` is its start (at most
    /// the maximum), `actual_size` its full length. Writes one `size_violation` bad row.
    fn oversized(&self, prefix: &[u8], actual_size: u64, origin: RecordOrigin<'_>, sink: &mut RecordSink);

    /// Records input that could not be read as records at all (for example a compressed file
    /// that ends mid-stream): `raw` is what was read of the broken record, `message` says what
    /// went wrong. Writes one bad row and counts one failed record.
    fn unreadable(&self, raw: &[u8], message: &str, origin: RecordOrigin<'_>, sink: &mut RecordSink);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn balanced_counts_pass_the_check() {
        let mut counts =
            Counts { records: 4, discarded: 1, failed_records: 1, expanded_records: 2, ..Counts::default() };
        counts.events = 3;
        counts.good_events = 2;
        counts.failed_events = 1;
        counts.add_bad_row(BadRowKind::CollectorPayloadFormatViolation);
        counts.add_bad_row(BadRowKind::SchemaViolations);
        assert_eq!(counts.check(), Ok(()));
        let mut twice = counts.clone();
        twice.merge(&counts);
        assert_eq!(twice.check(), Ok(()));
        assert_eq!(twice.bad_rows(BadRowKind::SchemaViolations), 2);
    }

    #[test]
    fn a_lost_bad_row_fails_the_check() {
        let counts = Counts { records: 1, failed_records: 1, ..Counts::default() };
        assert!(counts.check().unwrap_err().contains("0 bad rows written"));
    }
}
