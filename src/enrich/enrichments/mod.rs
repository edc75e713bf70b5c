//! Configurable enrichments, one module each.

pub mod referer_parser;
