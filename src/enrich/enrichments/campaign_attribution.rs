//! `campaign_attribution`: the mkt_* columns from the page URL's querystring.
//!
//! For each of medium, source, term, content and campaign the first configured parameter
//! present in the query wins (a present but empty value gives an empty column). The click id
//! comes from the default networks (`gclid` Google, `msclkid` Microsoft, `dclid` DoubleClick)
//! plus the configured `mktClickId` map: the first parameter of the query that names one sets
//! mkt_clickid and mkt_network.

use serde_json::Value;

use super::{EnrichmentConfigError, EnrichmentId};
use crate::enrich::event::{EnrichedEvent, Field};
use crate::enrich::loader::querystring;
use crate::enrich::pipeline::{EnrichmentStep, StepOutput};
use crate::enrich::transform::{EventInput, tsv_safe};

const DEFAULT_CLICK_IDS: [(&str, &str); 3] = [("gclid", "Google"), ("msclkid", "Microsoft"), ("dclid", "DoubleClick")];

/// The campaign_attribution step.
#[derive(Debug, Clone)]
pub struct CampaignAttribution {
    id: EnrichmentId,
    /// (column, parameter names in priority order).
    fields: Vec<(Field, Vec<String>)>,
    /// (parameter, network).
    click_ids: Vec<(String, String)>,
}

fn names(fields: &Value, key: &str) -> Result<Vec<String>, EnrichmentConfigError> {
    match fields.get(key) {
        None => Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                item.as_str().map(str::to_owned).ok_or_else(|| {
                    EnrichmentConfigError::new(format!("/fields/{key}/{i}"), "parameter names must be strings")
                })
            })
            .collect(),
        Some(_) => Err(EnrichmentConfigError::new(
            format!("/fields/{key}"),
            format!("`{key}` must be an array of parameter names"),
        )),
    }
}

impl CampaignAttribution {
    /// Reads `{mapping: "static", fields: {mktMedium: […], …, mktClickId: {param: network}}}`.
    pub fn new(parameters: &Value, id: EnrichmentId) -> Result<Self, EnrichmentConfigError> {
        if let Some(mapping) = parameters.get("mapping").and_then(Value::as_str)
            && mapping != "static"
        {
            return Err(EnrichmentConfigError::new(
                "/mapping",
                format!("mapping `{mapping}` is not supported; only `static` is"),
            ));
        }
        let fields = parameters.get("fields").unwrap_or(&Value::Null);
        let mut columns = Vec::new();
        for (key, field) in [
            ("mktMedium", Field::MktMedium),
            ("mktSource", Field::MktSource),
            ("mktTerm", Field::MktTerm),
            ("mktContent", Field::MktContent),
            ("mktCampaign", Field::MktCampaign),
        ] {
            columns.push((field, names(fields, key)?));
        }
        let mut click_ids: Vec<(String, String)> =
            DEFAULT_CLICK_IDS.iter().map(|(p, n)| ((*p).to_owned(), (*n).to_owned())).collect();
        if let Some(custom) = fields.get("mktClickId") {
            let Value::Object(map) = custom else {
                return Err(EnrichmentConfigError::new(
                    "/fields/mktClickId",
                    "`mktClickId` must map parameter names to networks",
                ));
            };
            for (param, network) in map {
                let network = network.as_str().ok_or_else(|| {
                    EnrichmentConfigError::new(
                        format!("/fields/mktClickId/{}", super::pointer_token(param)),
                        "the network must be a string",
                    )
                })?;
                match click_ids.iter_mut().find(|(p, _)| p == param) {
                    Some(entry) => entry.1 = network.to_owned(),
                    None => click_ids.push((param.clone(), network.to_owned())),
                }
            }
        }
        Ok(CampaignAttribution { id, fields: columns, click_ids })
    }

    /// Whether `query` may hold any configured parameter (names can be percent-encoded, so any
    /// `%` means it may).
    fn may_match(&self, query: &str) -> bool {
        query.contains('%')
            || self.fields.iter().flat_map(|(_, names)| names).any(|name| query.contains(name.as_str()))
            || self.click_ids.iter().any(|(param, _)| query.contains(param.as_str()))
    }
}

impl EnrichmentStep for CampaignAttribution {
    fn apply(&self, input: &EventInput<'_>, event: &mut EnrichedEvent, output: &mut StepOutput) {
        let Some(query) = event.get(Field::PageUrlquery) else { return };
        if !self.may_match(query) {
            return;
        }
        let pairs = match querystring::parse(query, &input.payload.source.encoding) {
            Ok(pairs) => pairs,
            Err(error) => {
                let query = query.to_owned();
                output.problems.push(self.id.problem(
                    Some("page_urlquery"),
                    Some(&query),
                    format!("cannot be parsed: {error}"),
                ));
                return;
            }
        };
        // The last occurrence of a parameter wins.
        let value_of =
            |name: &str| pairs.iter().rev().find(|nv| nv.name == name).map(|nv| nv.value.as_deref().unwrap_or(""));
        for (field, names) in &self.fields {
            if let Some(value) = names.iter().find_map(|name| value_of(name)) {
                event.set(*field, &tsv_safe(value));
            }
        }
        let click = pairs.iter().find_map(|nv| {
            self.click_ids
                .iter()
                .find(|(param, _)| *param == nv.name)
                .map(|(param, network)| (param.as_str(), network.as_str()))
        });
        if let Some((param, network)) = click {
            let value = value_of(param).unwrap_or("");
            event.set(Field::MktClickid, &tsv_safe(value));
            event.set(Field::MktNetwork, network);
        }
    }
}
