//! After enrichment: enriched TSV lines to loader-ready output (RDB Shredder's layout) and to
//! the Analytics SDKs' JSON.
//!
//! * [`enriched`]: a borrowed view of one enriched line (131 columns, or 108+ padded).
//! * [`event`]: one event through RDB Shredder: checks, bad rows, atomic and entity lines.
//! * [`job`]: the shred run: parallel checks, deduplication in bounded memory, publishing.
//! * [`json`]: a validating JSON scanner that copies entity data without building trees.
//! * [`transform`]: the Analytics SDK event transformer (Scala and Python shapes).
//! * [`reader`]: enriched files as numbered chunks of whole lines.
//! * [`transform_job`]: `transform` over files, in parallel, in input order.
//! * [`tsv_columns`]: the data columns of TSV-shredded entities (schema-ddl's flattening).

pub mod enriched;
pub mod event;
pub mod job;
pub mod json;
pub mod reader;
pub mod transform;
pub mod transform_job;
pub mod tsv_columns;
