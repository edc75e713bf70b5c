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
//! * [`adapter`]: collector payload → raw events (tp1, tp2, redirect, website access log).
//! * [`transform`]: raw event parameters → atomic columns, URL splits, JSON validation.
//! * [`url`]: `java.net.URI`-style URL splitting.
//! * [`event`]: the 131-column enriched event and its TSV line.
//! * [`badrow`]: modern and legacy bad rows.
//! * [`enrichments`]: the configurable enrichments (configs, data files, steps in Enrich's order).
//! * [`pipeline`]: the record processor tying loader, adapter, transform and bad rows together.
//! * [`job`]: the enrichment run: [`input`] files and their framing ([`lzop`],
//!   [`elephant_bird`]), parallel tasks, and the run's [`output`] folders.

pub mod adapter;
pub mod badrow;
pub mod base64;
pub mod catalog;
pub mod elephant_bird;
pub mod enrichments;
pub mod event;
pub mod input;
pub mod job;
pub mod loader;
pub mod lzop;
pub mod outcome;
pub mod output;
pub mod payload;
pub mod pipeline;
pub(crate) mod scan;
pub mod thrift;
pub mod transform;
pub mod url;
