//! Enrichment: the local equivalent of Snowplow's Spark Enrich, plus enrichment knowledge
//! shared by lint and store.
//!
//! A raw record flows through these stages:
//!
//! ```text
//! record bytes ──loader──> CollectorPayload ──adapter──> RawEvent(s) ──pipeline──> EnrichedEvent | BadRow
//! ```
//!
//! * [`payload`]: the collector payload every loader produces.
//! * [`thrift`]: TBinaryProtocol `CollectorPayload` / `SnowplowRawEvent` records.
//! * [`base64`]: Snowplow's lenient base64.
//! * [`loader`]: raw records (log lines, Thrift) to collector payloads.
//! * [`outcome`]: the contract between the job that reads records and the processor that
//!   enriches them: sinks, counts and bad-row kinds.
//! * [`catalog`]: which enrichment config versions each Enrich runtime accepts.

pub mod base64;
pub mod catalog;
pub mod loader;
pub mod outcome;
pub mod payload;
pub mod thrift;
