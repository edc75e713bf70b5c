//! Reading the table back with full pagination, and what the Scan pages mean for readers that
//! do not paginate.

use serde::Serialize;

use super::item::{JsonAttribute, StoredItem};
use super::table::ConfigTable;
use crate::aws::{AwsError, ErrorKind, RetryPolicy};
use crate::enrich::catalog;
use crate::iglu::SchemaKey;

/// All items under a prefix, page by page, as DynamoDB returned them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scan {
    /// The items of each page (after the prefix filter; a page may be empty).
    pub pages: Vec<Vec<StoredItem>>,
}

impl Scan {
    /// Every item with the index of its page (0 is the first page).
    pub fn items(&self) -> impl Iterator<Item = (usize, &StoredItem)> {
        self.pages.iter().enumerate().flat_map(|(page, items)| items.iter().map(move |item| (page, item)))
    }

    /// Every item, without pages.
    pub fn into_items(self) -> Vec<StoredItem> {
        self.pages.into_iter().flatten().collect()
    }
}

/// Reads every item whose `id` starts with `prefix`, following `LastEvaluatedKey` to the end.
/// Each page is retried with `policy` on throttling and transient errors.
pub fn scan_all(api: &dyn ConfigTable, table: &str, prefix: &str, policy: &RetryPolicy) -> Result<Scan, AwsError> {
    let mut scan = Scan::default();
    let mut start: Option<String> = None;
    loop {
        let page = policy.run(|| api.scan_page(table, prefix, start.as_deref()), |_| {})?;
        scan.pages.push(page.items);
        match page.next {
            None => return Ok(scan),
            // A server that hands back the key it was given would loop forever.
            Some(next) if start.as_deref() == Some(next.as_str()) => {
                return Err(AwsError::new(
                    "Scan",
                    ErrorKind::Service,
                    format!("the Scan did not advance past `{next}`"),
                ));
            }
            Some(next) => start = Some(next),
        }
    }
}

/// Something worth knowing about what is in the table, with a stable code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoreWarning {
    /// Stable identifier, for example `beyond-first-page`.
    pub code: &'static str,
    /// The explanation.
    pub message: String,
}

impl StoreWarning {
    pub(crate) fn new(code: &'static str, message: impl Into<String>) -> Self {
        StoreWarning { code, message: message.into() }
    }
}

pub(crate) fn quoted_list(ids: &[&str]) -> String {
    const SHOWN: usize = 10;
    let mut text = ids.iter().take(SHOWN).map(|id| format!("`{id}`")).collect::<Vec<_>>().join(", ");
    if ids.len() > SHOWN {
        text.push_str(&format!(" and {} more", ids.len() - SHOWN));
    }
    text
}

/// enrich-kinesis 3.x–5.x reads enrichments with one Scan call: only the first page (at most
/// 1 MB of the table, in DynamoDB's order). Warns about items under the prefix that lie beyond
/// it, or, when all fit for now, that the table already spans several pages.
pub fn page_warnings(scan: &Scan, prefix: &str) -> Vec<StoreWarning> {
    let beyond: Vec<&str> = scan.items().filter(|(page, _)| *page > 0).map(|(_, item)| item.id.as_str()).collect();
    let total = scan.items().count();
    if !beyond.is_empty() {
        return vec![StoreWarning::new(
            "beyond-first-page",
            format!(
                "{} of the {total} items under prefix `{prefix}` are beyond the first 1 MB Scan page: enrich-kinesis \
                 3.x–5.x reads only that page and will not load {}; Stream Enrich 1.x–2.x reads every page. Keep the \
                 table small (a table of its own for these configs) so everything fits in one page",
                beyond.len(),
                quoted_list(&beyond)
            ),
        )];
    }
    if scan.pages.len() > 1 && total > 0 {
        return vec![StoreWarning::new(
            "table-spans-pages",
            format!(
                "the table is larger than one 1 MB Scan page; the items under prefix `{prefix}` are all in the first \
                 page for now, but DynamoDB orders items by the hash of `id`, so items added later can push some out \
                 of the page enrich-kinesis 3.x–5.x reads"
            ),
        )];
    }
    Vec::new()
}

/// What a stored item holds, for messages about items not in the source.
pub fn describe_item(item: &StoredItem) -> String {
    match &item.json {
        JsonAttribute::Missing => "no `json` attribute".to_owned(),
        JsonAttribute::OtherType(kind) => format!("a `json` attribute of type {kind}, not a String"),
        JsonAttribute::String(_) => match item.schema() {
            None => "`json` that is not a self-describing JSON".to_owned(),
            Some(schema) => match SchemaKey::parse(&schema).ok().as_ref().and_then(catalog::find) {
                Some(_) => format!("an enrichment config, {schema}"),
                None => format!("not an enrichment config: {schema}"),
            },
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(id: &str) -> StoredItem {
        StoredItem { id: id.into(), json: JsonAttribute::String("{}".into()), file: None, size: 10 }
    }

    #[test]
    fn items_past_the_first_page_are_named() {
        let scan = Scan { pages: vec![vec![item("e_a")], vec![], vec![item("e_b"), item("e_c")]] };
        let warnings = page_warnings(&scan, "e_");
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].code, "beyond-first-page");
        assert!(warnings[0].message.starts_with("2 of the 3 items"), "{}", warnings[0].message);
        assert!(warnings[0].message.contains("`e_b`, `e_c`"));
    }

    #[test]
    fn a_multi_page_table_is_noted_even_when_everything_fits() {
        let scan = Scan { pages: vec![vec![item("e_a")], vec![]] };
        assert_eq!(page_warnings(&scan, "e_")[0].code, "table-spans-pages");
        assert!(page_warnings(&Scan { pages: vec![vec![item("e_a")]] }, "e_").is_empty());
    }

    #[test]
    fn stray_items_are_described_by_what_they_hold() {
        let with = |json: &str| StoredItem { json: JsonAttribute::String(json.into()), ..item("x") };
        assert!(
            describe_item(&with(
                r#"{"schema":"iglu:com.snowplowanalytics.snowplow/anon_ip/jsonschema/1-0-1","data":{}}"#
            ))
            .starts_with("an enrichment config")
        );
        assert!(
            describe_item(&with(
                r#"{"schema":"iglu:com.snowplowanalytics.iglu/resolver-config/jsonschema/1-0-1","data":{}}"#
            ))
            .starts_with("not an enrichment config")
        );
        assert!(describe_item(&with("not json")).contains("not a self-describing"));
        assert!(describe_item(&StoredItem { json: JsonAttribute::OtherType("M"), ..item("x") }).contains("type M"));
    }
}
