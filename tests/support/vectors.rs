//! The enrich vectors every conformance test leaves out, with the reason.

/// Vector id → why it is not run.
pub const SKIPPED: &[(&str, &str)] = &[
    ("spark-ApiRequestEnrichmentCfLineSpec", "gated: needs the API request enrichment's HTTP service"),
    ("spark-SqlQueryEnrichmentCfLineSpec", "gated: needs the SQL query enrichment's database"),
    ("spark-CurrencyConversionTransactionSpec", "gated: needs the Open Exchange Rates API"),
    ("spark-CurrencyConversionTransactionItemSpec", "gated: needs the Open Exchange Rates API"),
    ("spark-CljTomcatCallrailEventSpec", "webhook adapter (out of scope)"),
    ("spark-CljTomcatHubspotEventSpec", "webhook adapter (out of scope)"),
    ("spark-CljTomcatMailchimpEventSpec", "webhook adapter (out of scope)"),
    ("spark-CljTomcatMailgunEventSpec-1", "webhook adapter (out of scope)"),
    ("spark-CljTomcatMailgunEventSpec-2", "webhook adapter (out of scope)"),
    ("spark-CljTomcatMandrillEventSpec", "webhook adapter (out of scope)"),
    ("spark-CljTomcatMarketoEventSpec", "webhook adapter (out of scope)"),
    ("spark-CljTomcatOlarkEventSpec", "webhook adapter (out of scope)"),
    ("spark-CljTomcatPagerdutyEventSpec", "webhook adapter (out of scope)"),
    ("spark-CljTomcatPingdomEventSpec", "webhook adapter (out of scope)"),
    ("spark-CljTomcatSendgridEventSpec", "webhook adapter (out of scope)"),
    ("spark-CljTomcatStatusGatorEventSpec", "webhook adapter (out of scope)"),
    ("spark-CljTomcatUnbounceEventSpec", "webhook adapter (out of scope)"),
    ("spark-LzoGoogleAnalyticsEventSpec", "Google Analytics webhook adapter (out of scope)"),
    ("spark-NdjsonUrbanAirshipMultiEvent", "ndjson input with a webhook adapter (out of scope)"),
    ("spark-NdjsonUrbanAirshipSingleEvent", "ndjson input with a webhook adapter (out of scope)"),
];
