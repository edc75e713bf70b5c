//! Configurable enrichments, one module each.

pub mod cache;
pub mod ip_lookups;
pub mod javascript;
pub mod referer_parser;
pub mod ua_parser;
