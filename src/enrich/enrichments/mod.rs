//! Configurable enrichments, one module each.

pub mod referer_parser;
pub mod ua_parser;
