//! Which enrichments exist and which config schema versions each Enrich runtime accepts.
//!
//! Enrich picks an enrichment by its config's schema and accepts only certain versions of it
//! (a criterion such as `ip_lookups/jsonschema/2-0-*`). A config whose version is valid JSON
//! but outside the criterion is rejected when Enrich starts, so lint checks it up front.

use crate::iglu::{SchemaCriterion, SchemaKey};

/// The Enrich a configuration is meant for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum EnrichRuntime {
    /// Batch-era Spark Enrich and Stream Enrich (Snowplow R117, scala-common-enrich), which
    /// EmrEtlRunner and the generated playbooks run, and which `snowplowctl enrich` follows.
    Legacy,
    /// Enrich 6.x (`snowplow/enrich`).
    Enrich6,
}

impl std::fmt::Display for EnrichRuntime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            EnrichRuntime::Legacy => "legacy Spark/Stream Enrich (R117)",
            EnrichRuntime::Enrich6 => "Enrich 6",
        })
    }
}

const SP: &str = "com.snowplowanalytics.snowplow";
const SPE: &str = "com.snowplowanalytics.snowplow.enrichments";

/// One enrichment: its config schema's vendor and name, and the MODEL-REVISION each runtime
/// accepts (`None`: the runtime has no such enrichment).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Enrichment {
    /// Config schema vendor.
    pub vendor: &'static str,
    /// Config schema name (also the enrichment's `name`).
    pub name: &'static str,
    /// (model, revision) accepted by the legacy runtime.
    pub legacy: Option<(u32, u32)>,
    /// (model, revision) accepted by Enrich 6.
    pub enrich6: Option<(u32, u32)>,
}

/// Every enrichment Snowplow has shipped a config schema for.
pub static ENRICHMENTS: &[Enrichment] = &[
    Enrichment { vendor: SP, name: "anon_ip", legacy: Some((1, 0)), enrich6: Some((1, 0)) },
    Enrichment { vendor: SP, name: "campaign_attribution", legacy: Some((1, 0)), enrich6: Some((1, 0)) },
    Enrichment { vendor: SP, name: "cookie_extractor_config", legacy: Some((1, 0)), enrich6: Some((1, 0)) },
    Enrichment { vendor: SP, name: "currency_conversion_config", legacy: Some((1, 0)), enrich6: Some((1, 0)) },
    Enrichment { vendor: SP, name: "event_fingerprint_config", legacy: Some((1, 0)), enrich6: Some((1, 0)) },
    Enrichment { vendor: SP, name: "ip_lookups", legacy: Some((2, 0)), enrich6: Some((2, 0)) },
    Enrichment { vendor: SP, name: "javascript_script_config", legacy: Some((1, 0)), enrich6: Some((1, 0)) },
    Enrichment { vendor: SP, name: "referer_parser", legacy: Some((1, 0)), enrich6: Some((2, 0)) },
    Enrichment { vendor: SP, name: "ua_parser_config", legacy: Some((1, 0)), enrich6: Some((1, 0)) },
    Enrichment { vendor: SP, name: "user_agent_utils_config", legacy: Some((1, 0)), enrich6: Some((1, 0)) },
    Enrichment { vendor: SPE, name: "api_request_enrichment_config", legacy: Some((1, 0)), enrich6: Some((1, 0)) },
    Enrichment { vendor: SPE, name: "asn_lookups", legacy: None, enrich6: Some((1, 0)) },
    Enrichment { vendor: SPE, name: "bot_detection_enrichment_config", legacy: None, enrich6: Some((1, 0)) },
    Enrichment { vendor: SPE, name: "cross_navigation_config", legacy: None, enrich6: Some((1, 0)) },
    Enrichment { vendor: SPE, name: "event_spec_enrichment_config", legacy: None, enrich6: Some((1, 0)) },
    Enrichment { vendor: SPE, name: "http_header_extractor_config", legacy: Some((1, 0)), enrich6: Some((1, 0)) },
    Enrichment { vendor: SPE, name: "iab_spiders_and_robots_enrichment", legacy: Some((1, 0)), enrich6: Some((1, 0)) },
    Enrichment { vendor: SPE, name: "pii_enrichment_config", legacy: Some((2, 0)), enrich6: Some((2, 0)) },
    Enrichment { vendor: SPE, name: "sql_query_enrichment_config", legacy: Some((1, 0)), enrich6: Some((1, 0)) },
    Enrichment { vendor: SPE, name: "weather_enrichment_config", legacy: Some((1, 0)), enrich6: Some((1, 0)) },
    Enrichment { vendor: SPE, name: "yauaa_enrichment_config", legacy: Some((1, 0)), enrich6: Some((1, 0)) },
];

/// The enrichment configured by a config with schema `key`, if it is one.
pub fn find(key: &SchemaKey) -> Option<&'static Enrichment> {
    ENRICHMENTS.iter().find(|e| e.vendor == key.vendor && e.name == key.name && key.format == "jsonschema")
}

impl Enrichment {
    /// The criterion `runtime` accepts for this enrichment, if it has the enrichment at all.
    pub fn criterion(&self, runtime: EnrichRuntime) -> Option<SchemaCriterion> {
        let (model, revision) = match runtime {
            EnrichRuntime::Legacy => self.legacy,
            EnrichRuntime::Enrich6 => self.enrich6,
        }?;
        Some(SchemaCriterion {
            vendor: self.vendor.into(),
            name: self.name.into(),
            format: "jsonschema".into(),
            model,
            revision: Some(revision),
            addition: None,
        })
    }
}
