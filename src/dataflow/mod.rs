//! Dataflow Runner: template rendering and the Avro-defined ClusterConfig / PlaybookConfig.
//!
//! * [`template`]: the Go `text/template` subset Dataflow Runner renders configs with.
//! * [`go_time`]: Go time layouts, for `nowWithFormat` and `timeWithFormat`.
//! * [`avro`]: Avro schemas and a strict check of plain JSON documents against them.
//! * [`ConfigKind`] and [`bundled_schema`]: the config schemas snowplowctl knows, from the
//!   bundled `iglu-cache` (`com.snowplowanalytics.dataflowrunner/*/avro/*`).

pub mod avro;
pub mod go_time;
pub mod template;

use std::collections::HashMap;
use std::fmt;
use std::sync::LazyLock;

use crate::iglu::repo::BundledRepository;
use crate::iglu::{SchemaKey, SchemaVer};

/// The Iglu vendor of Dataflow Runner's config schemas.
pub const VENDOR: &str = "com.snowplowanalytics.dataflowrunner";

/// The Iglu format of Dataflow Runner's config schemas.
pub const FORMAT: &str = "avro";

/// The two kinds of Dataflow Runner config.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ConfigKind {
    /// `ClusterConfig`: the cluster `up` and `run-transient` launch.
    Cluster,
    /// `PlaybookConfig`: the steps `run` and `run-transient` add.
    Playbook,
}

impl ConfigKind {
    /// Both kinds.
    pub const ALL: [ConfigKind; 2] = [ConfigKind::Cluster, ConfigKind::Playbook];

    /// The schema name: `ClusterConfig` or `PlaybookConfig`.
    pub fn schema_name(self) -> &'static str {
        match self {
            ConfigKind::Cluster => "ClusterConfig",
            ConfigKind::Playbook => "PlaybookConfig",
        }
    }

    /// The versions snowplowctl has schemas for, oldest first.
    pub fn versions(self) -> &'static [SchemaVer] {
        const CLUSTER: &[SchemaVer] = &[SchemaVer::new(1, 0, 0), SchemaVer::new(1, 1, 0)];
        const PLAYBOOK: &[SchemaVer] = &[SchemaVer::new(1, 0, 0), SchemaVer::new(1, 0, 1)];
        match self {
            ConfigKind::Cluster => CLUSTER,
            ConfigKind::Playbook => PLAYBOOK,
        }
    }

    /// The schema key of `version`.
    pub fn key(self, version: SchemaVer) -> SchemaKey {
        SchemaKey::new(VENDOR, self.schema_name(), FORMAT, version)
    }

    /// The newest known schema key.
    pub fn latest(self) -> SchemaKey {
        let newest = *self.versions().last().expect("every kind has versions");
        self.key(newest)
    }

    /// Every known schema key, oldest first.
    pub fn keys(self) -> Vec<SchemaKey> {
        self.versions().iter().map(|v| self.key(*v)).collect()
    }

    /// The kind a schema key names, judged by its name alone (`ClusterConfig` or
    /// `PlaybookConfig`), since Dataflow Runner itself never reads the URI.
    pub fn named_by(key: &SchemaKey) -> Option<ConfigKind> {
        Self::ALL.into_iter().find(|kind| key.name == kind.schema_name())
    }
}

impl fmt::Display for ConfigKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ConfigKind::Cluster => "cluster config",
            ConfigKind::Playbook => "playbook",
        })
    }
}

static SCHEMAS: LazyLock<HashMap<SchemaKey, avro::Schema>> = LazyLock::new(|| {
    ConfigKind::ALL
        .into_iter()
        .flat_map(ConfigKind::keys)
        .filter_map(|key| {
            let text = BundledRepository::get(&key.to_path())?;
            // The bundled schemas are ours and covered by tests; one that fails to parse is a build defect.
            let schema = avro::Schema::parse_str(text).unwrap_or_else(|e| panic!("bundled {key}: {e}"));
            Some((key, schema))
        })
        .collect()
});

/// The bundled Avro schema for a known Dataflow Runner config key.
pub fn bundled_schema(key: &SchemaKey) -> Option<&'static avro::Schema> {
    SCHEMAS.get(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_known_version_has_a_bundled_schema() {
        for kind in ConfigKind::ALL {
            for key in kind.keys() {
                assert!(bundled_schema(&key).is_some(), "{key}");
                assert_eq!(ConfigKind::named_by(&key), Some(kind));
            }
        }
        assert_eq!(
            ConfigKind::Cluster.latest().to_uri(),
            "iglu:com.snowplowanalytics.dataflowrunner/ClusterConfig/avro/1-1-0"
        );
    }
}
