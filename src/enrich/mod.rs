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
//! * [`catalog`]: which enrichment config versions each Enrich runtime accepts.

pub mod catalog;
pub mod payload;
pub mod thrift;
