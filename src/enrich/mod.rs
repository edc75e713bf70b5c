//! Enrichment knowledge shared by lint, store and (later) the local enrich job.

pub mod catalog;
