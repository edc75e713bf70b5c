//! The Iglu core: schema keys, self-describing JSON, resolver config, repositories,
//! resolution with caching, and validation. Every command builds on this module.

pub mod key;
pub mod quick;
pub mod records;
pub mod repo;
pub mod resolver;
pub mod resolver_config;
pub mod sdj;
pub mod tape;
pub mod validate;

pub use key::{KeyError, SchemaCriterion, SchemaKey, SchemaVer};
pub use repo::{HttpSettings, LookupError, Repository};
pub use resolver::{ConfiguredRepository, ResolutionError, Resolver};
pub use resolver_config::{Connection, ResolverConfig};
pub use sdj::{EnvelopeError, SelfDescribing, json_type};
pub use validate::{ValidateError, Validators, Violation};
