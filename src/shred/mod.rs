//! After enrichment: enriched TSV lines to loader-ready output and to the Analytics SDKs' JSON.
//!
//! * [`enriched`]: a borrowed view of one enriched line (131 columns, or 108+ padded).
//! * [`json`]: a validating JSON scanner that copies entity data without building trees.
//! * [`transform`]: the Analytics SDK event transformer (Scala and Python shapes).

pub mod enriched;
pub mod json;
pub mod transform;
