//! # snowplowctl
//!
//! The library behind the `snowplowctl` command: everything the commands do lives here, and
//! the binary only parses arguments, calls these functions and renders their results.
//!
//! * [`iglu`]: schema keys, self-describing JSON, resolver configs, repositories (bundled,
//!   local directory, HTTP with a disk cache), resolution and validation. The heart of the
//!   toolkit: every other module validates through it.
//! * [`lint`]: rules, findings, reports and renderers, and a linter for each kind of file.
//! * [`dataflow`]: Dataflow Runner templates and Avro-defined configs.
//! * [`emr`]: EmrEtlRunner's `config.yml` (ERB lookups, keys and types).
//! * [`generate`]: Dataflow Runner cluster configs and playbooks from `config.yml`.
//! * [`store`]: enrichment configs and the resolver in DynamoDB, as Stream Enrich reads them.
//! * [`aws`]: the DynamoDB client setup (region, profile, endpoint, credentials chain), AWS
//!   error classification and retries, shared by every command that talks to AWS.
//! * [`manifest`]: run manifests (DynamoDB or a local SQLite file) and the rules for claiming,
//!   completing and failing archive runs exactly once.
//! * [`runner`]: `run`: every pending run folder of a raw archive enriched, shredded and
//!   published exactly once, under a manifest claim.
//! * [`shred`]: enriched events to RDB Shredder output and to Analytics SDK JSON.
//! * [`source`] and [`locate`]: safe file reading and positions for JSON pointers.
//!
//! ## Example
//!
//! Validate an enrichment config against the bundled schemas:
//!
//! ```
//! use std::sync::Arc;
//! use snowplowctl::iglu::{Resolver, SchemaKey, Validators};
//!
//! let validators = Validators::new(Arc::new(Resolver::bundled()));
//! let key = SchemaKey::parse("iglu:com.snowplowanalytics.snowplow/anon_ip/jsonschema/1-0-1").unwrap();
//! let data = serde_json::json!({
//!     "vendor": "com.snowplowanalytics.snowplow", "name": "anon_ip", "enabled": true,
//!     "parameters": {"anonOctets": "two"}
//! });
//! let violations = validators.validate(&key, &data).unwrap();
//! assert_eq!(violations[0].pointer, "/parameters/anonOctets");
//! ```

#![deny(missing_docs)]

pub mod aws;
pub mod dataflow;
pub mod emr;
pub mod enrich;
pub mod generate;
pub mod iglu;
pub mod lint;
pub mod locate;
pub mod manifest;
pub mod runner;
pub mod shred;
pub mod source;
pub mod store;
pub mod text;
