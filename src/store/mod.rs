//! `snowplowctl store`: enrichment configs and the Iglu resolver in DynamoDB, laid out the way
//! Stream Enrich (1.x–2.x) and enrich-kinesis (3.x–5.x) read them with
//! `--enrichments dynamodb:REGION/TABLE/PREFIX` and `--resolver dynamodb:REGION/TABLE/KEY`.
//!
//! * The table's hash key is `id` (String); each item holds one self-describing JSON, minified,
//!   in the String attribute `json`, and the name of the file it came from in `file`.
//! * The resolver is read with GetItem on its key; enrichments with a Scan of the whole table,
//!   keeping the items whose `id` starts with the prefix.
//!
//! The flow of a store run: validate every file ([`prepare`]) before anything is written, read
//! what is in the table, compare ([`Plan`]), write only what differs ([`write`]), read back to
//! verify, and warn about what readers will trip over ([`scan::page_warnings`], stray items, an
//! empty prefix). All DynamoDB access goes through the small [`ConfigTable`] trait.

pub mod export;
pub mod item;
pub mod json_text;
pub mod plan;
pub mod prepare;
pub mod scan;
pub mod table;
pub mod write;

pub use export::{ExportError, Exported, export};
pub use item::{JsonAttribute, NewItem, StoredItem, WriteOp};
pub use plan::{Action, Counts, Plan, PlanEntry};
pub use prepare::{Prepared, RULES, prepare_enrichments, prepare_resolver};
pub use scan::{Scan, StoreWarning, scan_all};
pub use table::{ConfigTable, ScanPage};
pub use write::{BATCH_SIZE, StopCause, WriteFailure, Written, write_all};

use crate::aws::{AwsError, RetryPolicy};
use crate::lint::Progress;

/// Which items a run is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Every item whose `id` starts with the prefix (enrichments; `""` is the whole table).
    Prefix(String),
    /// The single item with this key (the resolver).
    Key(String),
}

/// How a store run behaves.
#[derive(Debug, Clone, Default)]
pub struct SyncOptions {
    /// Delete items in scope that are not among the items to store.
    pub prune: bool,
    /// Compare only; write nothing and create nothing.
    pub dry_run: bool,
    /// Create the table (on-demand) when it does not exist.
    pub create_table: bool,
    /// Retries for reads and writes.
    pub retry: RetryPolicy,
}

/// What happened to the table itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TableState {
    /// It existed.
    Existing,
    /// It was created (`--create-table`).
    Created,
    /// It does not exist and would be created (`--create-table --dry-run`).
    WouldCreate,
}

/// The result of a store run.
#[derive(Debug, Clone)]
pub struct SyncOutcome {
    /// What each item in scope got.
    pub plan: Plan,
    /// Whether the table existed or was created.
    pub table: TableState,
    /// What was written; `None` for a dry run.
    pub written: Option<Written>,
    /// Things readers of the table will trip over.
    pub warnings: Vec<StoreWarning>,
}

/// Why a store, list or export command failed (exit status 2).
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A DynamoDB call failed.
    #[error(transparent)]
    Aws(#[from] AwsError),
    /// The table does not exist.
    #[error("table `{0}` does not exist")]
    TableMissing(String),
    /// The table is not keyed the way Stream Enrich reads it.
    #[error(
        "table `{table}` is keyed by {found}, but Stream Enrich reads tables whose only key is `id` (String); use another table"
    )]
    WrongKey {
        /// The table.
        table: String,
        /// Its key schema, described.
        found: String,
    },
    /// Writing stopped part-way.
    #[error(transparent)]
    Write(#[from] WriteFailure),
    /// Reading back after writing found something other than what was written.
    #[error("after writing, table `{table}` does not hold what was written for {}", scan::quoted_list(&ids.iter().map(String::as_str).collect::<Vec<_>>()))]
    Verify {
        /// The table.
        table: String,
        /// Items that differ.
        ids: Vec<String>,
    },
    /// Exported files could not be written.
    #[error(transparent)]
    Export(#[from] ExportError),
    /// A request that cannot or should not be carried out (for example one that would delete
    /// more than intended).
    #[error("{0}")]
    Refused(String),
}

/// Checks that `table` exists and is keyed by `id` (String), creating it when allowed.
pub fn check_table(
    api: &dyn ConfigTable,
    table: &str,
    create: bool,
    dry_run: bool,
    retry: &RetryPolicy,
) -> Result<TableState, StoreError> {
    match retry.run(|| api.describe(table), |_| {})? {
        Some(info) if info.keyed_by_string(item::ID) => Ok(TableState::Existing),
        Some(info) => {
            let mut found = info.hash_key.map_or_else(|| "no hash key".to_owned(), |k| format!("hash key {k}"));
            if let Some(range) = info.range_key {
                found.push_str(&format!(" and sort key {range}"));
            }
            Err(StoreError::WrongKey { table: table.to_owned(), found })
        }
        None if create && dry_run => Ok(TableState::WouldCreate),
        None if create => {
            api.create(table)?;
            Ok(TableState::Created)
        }
        None => Err(StoreError::TableMissing(table.to_owned())),
    }
}

/// The items in scope, page by page for a prefix (a key is one page of at most one item).
fn read_scope(api: &dyn ConfigTable, table: &str, scope: &Scope, retry: &RetryPolicy) -> Result<Scan, AwsError> {
    match scope {
        Scope::Prefix(prefix) => scan_all(api, table, prefix, retry),
        Scope::Key(key) => Ok(Scan { pages: vec![retry.run(|| api.get(table, key), |_| {})?.into_iter().collect()] }),
    }
}

/// Stores `items` in `table`: only what differs is written, `--prune` deletes items in scope
/// that are not in `items`, and what was written is read back and checked.
pub fn sync(
    api: &dyn ConfigTable,
    table: &str,
    scope: &Scope,
    items: &[NewItem],
    options: &SyncOptions,
    progress: Option<&dyn Progress>,
) -> Result<SyncOutcome, StoreError> {
    if options.prune && matches!(scope, Scope::Prefix(p) if p.is_empty()) {
        return Err(StoreError::Refused(
            "--prune with an empty prefix would delete every other item in the table, the resolver included; \
             give the enrichments a --prefix"
                .into(),
        ));
    }
    let state = check_table(api, table, options.create_table, options.dry_run, &options.retry)?;
    let before =
        if state == TableState::WouldCreate { Scan::default() } else { read_scope(api, table, scope, &options.retry)? };
    let stored: Vec<StoredItem> = before.items().map(|(_, item)| item.clone()).collect();
    let plan = Plan::new(items, &stored, options.prune);
    let mut warnings = scope_warnings(scope, &plan, &stored);
    if options.dry_run {
        if let Scope::Prefix(prefix) = scope {
            warnings.extend(scan::page_warnings(&before, prefix));
        }
        return Ok(SyncOutcome { plan, table: state, written: None, warnings });
    }
    let written = write_all(api, table, &plan.writes, &options.retry, progress)?;
    let after = read_scope(api, table, scope, &options.retry)?;
    let mismatched = mismatches(&plan, items, &after);
    if !mismatched.is_empty() {
        return Err(StoreError::Verify { table: table.to_owned(), ids: mismatched });
    }
    if let Scope::Prefix(prefix) = scope {
        warnings.extend(scan::page_warnings(&after, prefix));
    }
    Ok(SyncOutcome { plan, table: state, written: Some(written), warnings })
}

/// Every item under `prefix`, page by page, and the warnings its Scan pages call for.
pub fn list(
    api: &dyn ConfigTable,
    table: &str,
    prefix: &str,
    retry: &RetryPolicy,
) -> Result<(Scan, Vec<StoreWarning>), StoreError> {
    check_table(api, table, false, false, retry)?;
    let scan = scan_all(api, table, prefix, retry)?;
    let warnings = scan::page_warnings(&scan, prefix);
    Ok((scan, warnings))
}

/// Exports into `dir` the items under `prefix` and the item at `key`. With neither, every item
/// in the table; with only `key`, just that item.
pub fn export_items(
    api: &dyn ConfigTable,
    table: &str,
    prefix: Option<&str>,
    key: Option<&str>,
    dir: &std::path::Path,
    force: bool,
    retry: &RetryPolicy,
) -> Result<Exported, StoreError> {
    check_table(api, table, false, false, retry)?;
    let mut items = match (prefix, key) {
        (None, Some(_)) => Vec::new(),
        (prefix, _) => scan_all(api, table, prefix.unwrap_or_default(), retry)?.into_items(),
    };
    if let Some(key) = key {
        match retry.run(|| api.get(table, key), |_| {})? {
            Some(item) if !items.iter().any(|i| i.id == item.id) => items.push(item),
            Some(_) => {}
            None => return Err(StoreError::Refused(format!("table `{table}` has no item with key `{key}`"))),
        }
    }
    Ok(export(&items, prefix.unwrap_or_default(), dir, force)?)
}

/// Ids whose stored state after writing is not what the plan says it should be.
fn mismatches(plan: &Plan, items: &[NewItem], after: &Scan) -> Vec<String> {
    let stored: std::collections::HashMap<&str, &StoredItem> =
        after.items().map(|(_, item)| (item.id.as_str(), item)).collect();
    let mut ids = Vec::new();
    for item in items {
        if !stored.get(item.id.as_str()).is_some_and(|s| s.holds(item)) {
            ids.push(item.id.clone());
        }
    }
    for removed in plan.with_action(Action::Removed) {
        if stored.contains_key(removed.id.as_str()) {
            ids.push(removed.id.clone());
        }
    }
    ids
}

/// Warnings about the scope itself: an empty prefix, a `/` Stream Enrich's URI cannot carry,
/// and items in scope that are not in the source.
fn scope_warnings(scope: &Scope, plan: &Plan, stored: &[StoredItem]) -> Vec<StoreWarning> {
    let mut warnings = Vec::new();
    let (what, value) = match scope {
        Scope::Prefix(prefix) => ("prefix", prefix),
        Scope::Key(key) => ("key", key),
    };
    if value.contains('/') {
        warnings.push(StoreWarning::new(
            "slash-in-uri",
            format!(
                "the {what} `{value}` contains `/`, which Stream Enrich's `dynamodb:REGION/TABLE/{}` argument cannot express",
                what.to_ascii_uppercase()
            ),
        ));
    }
    if matches!(scope, Scope::Prefix(p) if p.is_empty()) {
        warnings.push(StoreWarning::new(
            "empty-prefix",
            "the prefix is empty: Stream Enrich then treats every item in the table as an enrichment, including the \
             resolver; give the enrichments a prefix such as `enrich_` (--prefix)",
        ));
    }
    let strays: Vec<&PlanEntry> = plan.with_action(Action::Stray).collect();
    if let Scope::Prefix(prefix) = scope
        && !strays.is_empty()
    {
        let described: Vec<String> = strays
            .iter()
            .filter_map(|entry| stored.iter().find(|s| s.id == entry.id))
            .take(10)
            .map(|item| format!("`{}` ({})", item.id, scan::describe_item(item)))
            .collect();
        let more = if strays.len() > described.len() {
            format!(" and {} more", strays.len() - described.len())
        } else {
            String::new()
        };
        warnings.push(StoreWarning::new(
            "stray-items",
            format!(
                "{} other item(s) share the prefix `{prefix}` and are not in the source; Stream Enrich loads them as \
                 enrichments too: {}{more}. Delete them with --prune, or use a prefix of their own",
                strays.len(),
                described.join(", ")
            ),
        ));
    }
    warnings
}
