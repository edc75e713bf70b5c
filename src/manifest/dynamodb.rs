//! The DynamoDB manifest: one table in the Analytics SDK's run-manifest layout, which the Python
//! and Scala SDKs' `RunManifests` read and write alongside snowplowctl.
//!
//! The table is keyed by `RunId` (String) and nothing else, exactly as the SDKs create it, and
//! holds two kinds of items:
//!
//! * the SDK's marker `{RunId: <run id>}`, which `RunManifests.add` writes and `contains` looks
//!   for: its presence means "processed";
//! * one state item per run, keyed [`STATE_KEY_PREFIX`] + run id, which the SDKs never ask for:
//!   `Version` (N, the record count), `RState` (S, the latest record's state), `Records` (L of M,
//!   oldest first, in the processing manifest's attribute names: `Id`, `RState`, `AppName`,
//!   `AppVer`, optional `InstanceId`, `Timestamp` in epoch ms, optional `PreviousRecordId`,
//!   `Author`, optional `Data` = the payload as compact JSON), and `LeaseOwner` (S) with
//!   `LeaseExpires` (N, epoch ms) while the run is claimed.
//!
//! Every change is one conditional UpdateItem on the state item ("`Version` is still what the
//! writer read"); a change that marks a run PROCESSED puts the SDK marker in the same
//! TransactWriteItems, so both land or neither does. Reads of runs are consistent BatchGetItems
//! of both keys; only `list` scans.
//!
//! A conditional write is never retried blindly: when its answer is lost (a dropped connection, a
//! timeout, a server error) it may have been applied. The run is read back first: the ids of the
//! records the write appends show whether it was, and an unchanged `Version` that it was not.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::time::Duration;

use aws_sdk_dynamodb::config::retry::RetryConfig;
use aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsError;
use aws_sdk_dynamodb::types::{AttributeValue, CancellationReason, KeysAndAttributes, Put, TransactWriteItem, Update};

use super::model::{App, Change, Committed, Lease, LeaseChange, Record, RunEntry, State};
use super::{Backend, ManifestError};
use crate::aws::retry::Jitter;
use crate::aws::{AwsError, DynamoDb, ErrorKind, RetryPolicy, TableInfo, TableSpec};

/// The key prefix of snowplowctl's state items: the state of run `R` is the item whose `RunId` is
/// `snowplowctl:state:R`. No Analytics SDK asks for such a key, so the SDKs see only their
/// markers; run ids that start with it are refused.
pub const STATE_KEY_PREFIX: &str = "snowplowctl:state:";

/// How long `create` waits for a new table to become `ACTIVE`.
pub const CREATE_TABLE_WAIT: Duration = Duration::from_secs(300);

/// The table's only key attribute, as the Analytics SDKs name it.
const RUN_ID: &str = "RunId";
const VERSION: &str = "Version";
const RSTATE: &str = "RState";
const RECORDS: &str = "Records";
const LEASE_OWNER: &str = "LeaseOwner";
const LEASE_EXPIRES: &str = "LeaseExpires";

const ID: &str = "Id";
const APP_NAME: &str = "AppName";
const APP_VER: &str = "AppVer";
const INSTANCE_ID: &str = "InstanceId";
const TIMESTAMP: &str = "Timestamp";
const PREVIOUS: &str = "PreviousRecordId";
const AUTHOR: &str = "Author";
const DATA: &str = "Data";

/// BatchGetItem's limit: 100 keys, that is 50 runs, per call.
const BATCH_GET_KEYS: usize = 100;

/// The SDK tries each request this often by itself (see `crate::aws`); conditional writes switch
/// that off, so that every attempt is ours to account for, and make up for it here.
const SDK_ATTEMPTS: u32 = 3;

type Item = HashMap<String, AttributeValue>;

/// A run manifest in a DynamoDB table.
#[derive(Debug)]
pub struct DynamoDbManifest {
    client: DynamoDb,
    table: String,
    retry: RetryPolicy,
}

impl DynamoDbManifest {
    /// The manifest in `table`, reached through `client` (the table may not exist yet: see
    /// [`Backend::create`]).
    pub fn new(client: DynamoDb, table: impl Into<String>) -> Self {
        DynamoDbManifest { client, table: table.into(), retry: RetryPolicy::default() }
    }

    /// Retries throttled and failed calls with `retry` instead of the default policy.
    pub fn with_retry_policy(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// The table.
    pub fn table(&self) -> &str {
        &self.table
    }

    /// The client.
    pub fn client(&self) -> &DynamoDb {
        &self.client
    }

    /// The key of a run's state item.
    pub fn state_key(run_id: &str) -> String {
        format!("{STATE_KEY_PREFIX}{run_id}")
    }

    fn check_run_id(run_id: &str) -> Result<(), ManifestError> {
        if run_id.starts_with(STATE_KEY_PREFIX) {
            return Err(ManifestError::Refused {
                run_id: run_id.to_owned(),
                message: format!("run ids starting with `{STATE_KEY_PREFIX}` are reserved in a DynamoDB manifest"),
                hint: Some("they are the keys of snowplowctl's own state items; use another run id".to_owned()),
            });
        }
        Ok(())
    }

    /// Adds where the manifest is to an AWS error.
    fn with_context(&self, mut error: AwsError) -> AwsError {
        error.message = format!("{}; manifest {}", error.message, self.location());
        error
    }

    /// What a failed call means for the manifest: a missing table, a table keyed otherwise, an item
    /// over DynamoDB's size limit (for writes to `run_id`), or an AWS failure.
    fn failed(&self, run_id: Option<&str>, error: AwsError) -> ManifestError {
        if error.kind == ErrorKind::NotFound {
            return ManifestError::TableMissing { table: self.table.clone() };
        }
        if is_validation(&error) {
            if let Some(run_id) = run_id
                && is_item_too_large(&error.message)
            {
                return ManifestError::Refused {
                    run_id: run_id.to_owned(),
                    message: format!(
                        "DynamoDB refused to write its state item `{}` ({}): an item may hold at most 400 KB",
                        Self::state_key(run_id),
                        error.message
                    ),
                    hint: Some(
                        "the run has too many or too large records for one item; keep payloads small \
                         (`snowplowctl manifest show RUN` lists its records)"
                            .to_owned(),
                    ),
                };
            }
            // The messages differ between operations; the table's description does not.
            if let Ok(Some(info)) = self.client.describe_table(&self.table)
                && let Err(wrong) = self.check_key(&info)
            {
                return wrong;
            }
        }
        ManifestError::Aws(self.with_context(error))
    }

    fn check_key(&self, info: &TableInfo) -> Result<(), ManifestError> {
        if info.keyed_by_string(RUN_ID) {
            return Ok(());
        }
        let found = match (&info.hash_key, &info.range_key) {
            (Some(hash), None) => hash.to_string(),
            (Some(hash), Some(range)) => format!("{hash} with sort key {range}"),
            (None, _) => "no partition key it describes".to_owned(),
        };
        Err(ManifestError::WrongKey { table: self.table.clone(), found })
    }

    /// One BatchGetItem: the items found, and the keys DynamoDB left unprocessed.
    fn batch_get_once(&self, keys: &[String]) -> Result<(Vec<Item>, Vec<String>), AwsError> {
        let keys =
            keys.iter().map(|key| HashMap::from([(RUN_ID.to_owned(), AttributeValue::S(key.clone()))])).collect();
        let request = KeysAndAttributes::builder()
            .set_keys(Some(keys))
            .consistent_read(true)
            .build()
            .map_err(|e| AwsError::new("BatchGetItem", ErrorKind::Config, e.to_string()))?;
        let call = self.client.client().batch_get_item().request_items(&self.table, request).send();
        let output = self.client.run(call).map_err(|e| AwsError::from_sdk("BatchGetItem", e))?;
        let items = output.responses().and_then(|tables| tables.get(&self.table)).cloned().unwrap_or_default();
        let unprocessed = output
            .unprocessed_keys()
            .and_then(|tables| tables.get(&self.table))
            .map(|request| request.keys().iter().filter_map(|key| key_of(key).map(str::to_owned)).collect())
            .unwrap_or_default();
        Ok((items, unprocessed))
    }

    /// Fetches `keys` (at most [`BATCH_GET_KEYS`]) into `found`, retrying unprocessed keys with
    /// backoff for as long as DynamoDB makes progress, and `max_attempts` times when it does not.
    fn batch_get(&self, keys: &[String], found: &mut HashMap<String, Item>) -> Result<(), ManifestError> {
        let mut pending = keys.to_vec();
        let mut fruitless = 0;
        let mut jitter = Jitter::new();
        loop {
            let (items, unprocessed) =
                self.retry.run(|| self.batch_get_once(&pending), |_| {}).map_err(|e| self.failed(None, e))?;
            for item in items {
                if let Some(key) = key_of(&item) {
                    found.insert(key.to_owned(), item);
                }
            }
            if unprocessed.is_empty() {
                return Ok(());
            }
            fruitless = if unprocessed.len() < pending.len() { 0 } else { fruitless + 1 };
            if fruitless >= self.retry.max_attempts.max(1) {
                let error = AwsError::new(
                    "BatchGetItem",
                    ErrorKind::Throttled,
                    format!("DynamoDB left all {} keys unprocessed {fruitless} times in a row", unprocessed.len()),
                );
                return Err(ManifestError::Aws(self.with_context(error)));
            }
            std::thread::sleep(self.retry.delay(fruitless.max(1), &mut jitter));
            pending = unprocessed;
        }
    }

    /// One page of a consistent Scan starting after `start`, and where the next one starts.
    fn scan_page(&self, start: Option<&Item>) -> Result<(Vec<Item>, Option<Item>), AwsError> {
        let request = self
            .client
            .client()
            .scan()
            .table_name(&self.table)
            .consistent_read(true)
            .set_exclusive_start_key(start.cloned());
        let output = self.client.run(request.send()).map_err(|e| AwsError::from_sdk("Scan", e))?;
        Ok((output.items().to_vec(), output.last_evaluated_key().cloned()))
    }

    fn entry(run_id: &str, marker: bool, state: Option<&Item>) -> Result<RunEntry, ManifestError> {
        let mut entry = RunEntry { marker, ..RunEntry::empty(run_id) };
        if let Some(state) = state {
            let (records, lease) = decode_state(state).map_err(|message| ManifestError::Corrupt {
                run_id: run_id.to_owned(),
                message: format!("its state item `{}`: {message}", Self::state_key(run_id)),
            })?;
            entry.records = records;
            entry.lease = lease;
        }
        Ok(entry)
    }

    /// One attempt at a conditional write, with the SDK's own retries off.
    fn write_once(&self, run_id: &str, update: &StateUpdate, add_marker: bool) -> Result<(), WriteFailure> {
        let no_sdk_retries = aws_sdk_dynamodb::config::Builder::default().retry_config(RetryConfig::disabled());
        let key = AttributeValue::S(update.key.clone());
        if !add_marker {
            let request = self
                .client
                .client()
                .update_item()
                .table_name(&self.table)
                .key(RUN_ID, key)
                .update_expression(&update.expression)
                .condition_expression(&update.condition)
                .set_expression_attribute_names(Some(update.names.clone()))
                .set_expression_attribute_values(Some(update.values.clone()))
                .customize()
                .config_override(no_sdk_retries);
            return match self.client.run(request.send()) {
                Ok(_) => Ok(()),
                Err(error) if error.as_service_error().is_some_and(|e| e.is_conditional_check_failed_exception()) => {
                    Err(WriteFailure::ConditionFailed)
                }
                Err(error) => Err(WriteFailure::Aws(AwsError::from_sdk("UpdateItem", error))),
            };
        }
        let build_error = |e: aws_sdk_dynamodb::error::BuildError| {
            WriteFailure::Aws(AwsError::new("TransactWriteItems", ErrorKind::Config, e.to_string()))
        };
        let state = Update::builder()
            .table_name(&self.table)
            .key(RUN_ID, key)
            .update_expression(&update.expression)
            .condition_expression(&update.condition)
            .set_expression_attribute_names(Some(update.names.clone()))
            .set_expression_attribute_values(Some(update.values.clone()))
            .build()
            .map_err(build_error)?;
        let marker = Put::builder()
            .table_name(&self.table)
            .item(RUN_ID, AttributeValue::S(run_id.to_owned()))
            .build()
            .map_err(build_error)?;
        let request = self
            .client
            .client()
            .transact_write_items()
            .transact_items(TransactWriteItem::builder().update(state).build())
            .transact_items(TransactWriteItem::builder().put(marker).build())
            .customize()
            .config_override(no_sdk_retries);
        match self.client.run(request.send()) {
            Ok(_) => Ok(()),
            Err(error) => {
                let reasons = match error.as_service_error() {
                    Some(TransactWriteItemsError::TransactionCanceledException(canceled)) => {
                        canceled.cancellation_reasons().to_vec()
                    }
                    _ => Vec::new(),
                };
                Err(canceled(&reasons, AwsError::from_sdk("TransactWriteItems", error)))
            }
        }
    }

    /// Reads the run back after a write whose answer was lost.
    fn read_back(&self, change: &Change) -> Result<Landed, ManifestError> {
        let entry = self.load(&change.run_id)?;
        let ours = |record: &Record| entry.records.iter().any(|r| r.id == record.id);
        Ok(if !change.append.is_empty() && change.append.iter().all(ours) {
            Landed::Yes
        } else if entry.version() == change.expected_version {
            Landed::NotYet
        } else {
            Landed::Overtaken
        })
    }

    /// The error for a conditional write that failed for good, with what reading the run back
    /// found.
    fn give_up(&self, run_id: &str, mut error: AwsError, read_back: ReadBack<'_>) -> ManifestError {
        match read_back {
            ReadBack::Skipped => {}
            ReadBack::NothingWritten => {
                error.message = format!("{}; reading run `{run_id}` back showed nothing was written", error.message);
            }
            ReadBack::Failed(read) => {
                let failure = match read {
                    ManifestError::Aws(read) => format!("{} failed too", read.operation),
                    other => other.to_string(),
                };
                error.message = format!(
                    "{}; whether run `{run_id}` was written is unknown (reading it back: {failure})",
                    error.message
                );
            }
        }
        self.failed(Some(run_id), error)
    }
}

/// What reading a run back showed, for the error of a write that failed for good.
#[derive(Debug, Clone, Copy)]
enum ReadBack<'a> {
    /// Nothing was in doubt, so it was not read.
    Skipped,
    /// The write was not applied.
    NothingWritten,
    /// The read failed too.
    Failed(&'a ManifestError),
}

/// What reading a run back after a lost answer shows about the write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Landed {
    /// The records it appends are there.
    Yes,
    /// The run is still at the version it expected: not applied (so far).
    NotYet,
    /// Someone else changed the run.
    Overtaken,
}

/// Why one attempt at a conditional write failed.
#[derive(Debug)]
enum WriteFailure {
    /// The run was not at the expected version: nothing was written.
    ConditionFailed,
    /// Any other failure.
    Aws(AwsError),
}

/// What a cancelled TransactWriteItems means, from the reasons DynamoDB gives per item.
fn canceled(reasons: &[CancellationReason], error: AwsError) -> WriteFailure {
    let codes: Vec<&str> = reasons.iter().filter_map(CancellationReason::code).collect();
    if codes.contains(&"ConditionalCheckFailed") {
        return WriteFailure::ConditionFailed;
    }
    // Refused before anything was applied: as safe to retry as throttling.
    if codes.iter().any(|c| {
        matches!(
            *c,
            "TransactionConflict" | "ThrottlingError" | "ProvisionedThroughputExceeded" | "RequestLimitExceeded"
        )
    }) {
        return WriteFailure::Aws(AwsError { kind: ErrorKind::Throttled, ..error });
    }
    if let Some(reason) = reasons.iter().find(|r| r.code() == Some("ValidationError")) {
        let message = reason.message().map_or_else(|| error.message.clone(), crate::aws::redact);
        return WriteFailure::Aws(AwsError {
            kind: ErrorKind::Service,
            code: Some("ValidationException".to_owned()),
            message,
            ..error
        });
    }
    if codes.iter().any(|c| c.starts_with("ResourceNotFound")) {
        return WriteFailure::Aws(AwsError { kind: ErrorKind::NotFound, ..error });
    }
    WriteFailure::Aws(error)
}

fn is_validation(error: &AwsError) -> bool {
    error.code.as_deref().is_some_and(|code| code.rsplit('#').next() == Some("ValidationException"))
}

fn is_item_too_large(message: &str) -> bool {
    let message = message.to_ascii_lowercase();
    message.contains("item size") && message.contains("exceeded")
}

fn key_of(item: &Item) -> Option<&str> {
    match item.get(RUN_ID) {
        Some(AttributeValue::S(key)) => Some(key),
        _ => None,
    }
}

impl Backend for DynamoDbManifest {
    fn location(&self) -> String {
        match self.client.endpoint() {
            Some(endpoint) => format!("dynamodb:{}/{} (endpoint {endpoint})", self.client.region(), self.table),
            None => format!("dynamodb:{}/{}", self.client.region(), self.table),
        }
    }

    fn create(&self) -> Result<bool, ManifestError> {
        let existing =
            self.retry.run(|| self.client.describe_table(&self.table), |_| {}).map_err(|e| self.failed(None, e))?;
        if let Some(info) = existing {
            self.check_key(&info)?;
            if info.status != "ACTIVE" {
                self.client.wait_until_active(&self.table, CREATE_TABLE_WAIT).map_err(|e| self.failed(None, e))?;
            }
            return Ok(false);
        }
        let spec = TableSpec { name: &self.table, hash_key: RUN_ID, range_key: None };
        let info = self.client.create_table(&spec, CREATE_TABLE_WAIT).map_err(|e| self.failed(None, e))?;
        // Someone else may have created it meanwhile, keyed otherwise (or keyed alike: then both
        // say they created it, which is harmless).
        self.check_key(&info)?;
        Ok(true)
    }

    fn load(&self, run_id: &str) -> Result<RunEntry, ManifestError> {
        let entries = self.load_many(std::slice::from_ref(&run_id.to_owned()))?;
        Ok(entries.into_iter().next().unwrap_or_else(|| RunEntry::empty(run_id)))
    }

    fn load_many(&self, run_ids: &[String]) -> Result<Vec<RunEntry>, ManifestError> {
        let mut seen = HashSet::new();
        let mut keys = Vec::new();
        for run_id in run_ids {
            Self::check_run_id(run_id)?;
            // BatchGetItem refuses a request that names a key twice.
            if seen.insert(run_id.as_str()) {
                keys.push(run_id.clone());
                keys.push(Self::state_key(run_id));
            }
        }
        let mut found = HashMap::new();
        for chunk in keys.chunks(BATCH_GET_KEYS) {
            self.batch_get(chunk, &mut found)?;
        }
        run_ids
            .iter()
            .map(|run_id| Self::entry(run_id, found.contains_key(run_id), found.get(&Self::state_key(run_id))))
            .collect()
    }

    fn list(&self) -> Result<Vec<RunEntry>, ManifestError> {
        let mut runs: BTreeMap<String, (bool, Option<Item>)> = BTreeMap::new();
        let mut start: Option<Item> = None;
        loop {
            let (items, next) =
                self.retry.run(|| self.scan_page(start.as_ref()), |_| {}).map_err(|e| self.failed(None, e))?;
            for item in items {
                let Some(key) = key_of(&item).map(str::to_owned) else { continue };
                match key.strip_prefix(STATE_KEY_PREFIX) {
                    Some(run_id) => runs.entry(run_id.to_owned()).or_default().1 = Some(item),
                    None => runs.entry(key).or_default().0 = true,
                }
            }
            match next {
                None => break,
                // A server that hands back the key it was given would loop forever.
                Some(next) if start.as_ref() == Some(&next) => {
                    let error = AwsError::new("Scan", ErrorKind::Service, "the Scan did not advance past a page");
                    return Err(ManifestError::Aws(self.with_context(error)));
                }
                Some(next) => start = Some(next),
            }
        }
        runs.iter().map(|(run_id, (marker, state))| Self::entry(run_id, *marker, state.as_ref())).collect()
    }

    fn add_marker(&self, run_id: &str) -> Result<(), ManifestError> {
        Self::check_run_id(run_id)?;
        let put = || {
            let request = self
                .client
                .client()
                .put_item()
                .table_name(&self.table)
                .item(RUN_ID, AttributeValue::S(run_id.to_owned()));
            self.client.run(request.send()).map(|_| ()).map_err(|e| AwsError::from_sdk("PutItem", e))
        };
        self.retry.run(put, |_| {}).map_err(|e| self.failed(Some(run_id), e))
    }

    fn commit(&self, change: &Change) -> Result<Committed, ManifestError> {
        Self::check_run_id(&change.run_id)?;
        if change.expected_version == 0 && change.append.is_empty() {
            // A renewal of a run with no records: there is no claim to renew.
            return Ok(Committed::Conflict);
        }
        let update = state_update(change);
        let policy = RetryPolicy {
            max_transient_attempts: self.retry.max_transient_attempts.max(1) * SDK_ATTEMPTS,
            ..self.retry
        };
        let mut jitter = Jitter::new();
        // Whether an earlier attempt may have been applied without our hearing of it.
        let mut in_doubt = false;
        let mut attempt = 1;
        loop {
            let error = match self.write_once(&change.run_id, &update, change.add_marker) {
                Ok(()) => return Ok(Committed::Yes),
                Err(WriteFailure::ConditionFailed) if in_doubt => {
                    // Perhaps because an earlier attempt of ours was applied after all.
                    return match self.read_back(change) {
                        Ok(Landed::Yes) => Ok(Committed::Yes),
                        Ok(Landed::NotYet | Landed::Overtaken) => Ok(Committed::Conflict),
                        Err(read) => {
                            let operation = if change.add_marker { "TransactWriteItems" } else { "UpdateItem" };
                            let error = AwsError::new(
                                operation,
                                ErrorKind::Transient,
                                "an answer was lost, and the retry found the run changed",
                            );
                            Err(self.give_up(&change.run_id, error, ReadBack::Failed(&read)))
                        }
                    };
                }
                Err(WriteFailure::ConditionFailed) => return Ok(Committed::Conflict),
                Err(WriteFailure::Aws(error)) => error,
            };
            // Throttled requests are refused before they are applied; a lost answer may not be.
            in_doubt |= error.kind == ErrorKind::Transient;
            let again = policy.should_retry(&error, attempt);
            if in_doubt {
                match self.read_back(change) {
                    Ok(Landed::Yes) => return Ok(Committed::Yes),
                    Ok(Landed::Overtaken) => return Ok(Committed::Conflict),
                    Ok(Landed::NotYet) if again => {}
                    Ok(Landed::NotYet) => {
                        return Err(self.give_up(&change.run_id, error, ReadBack::NothingWritten));
                    }
                    Err(read) => return Err(self.give_up(&change.run_id, error, ReadBack::Failed(&read))),
                }
            } else if !again {
                return Err(self.give_up(&change.run_id, error, ReadBack::Skipped));
            }
            std::thread::sleep(policy.delay(attempt, &mut jitter));
            attempt += 1;
        }
    }
}

/// The parts of the conditional UpdateItem that applies a [`Change`] to a run's state item.
#[derive(Debug, Clone, PartialEq)]
struct StateUpdate {
    key: String,
    expression: String,
    condition: String,
    names: HashMap<String, String>,
    values: HashMap<String, AttributeValue>,
}

fn state_update(change: &Change) -> StateUpdate {
    let mut names = HashMap::new();
    let mut values = HashMap::new();
    let mut name = |placeholder: &str, attribute: &str| {
        names.insert(placeholder.to_owned(), attribute.to_owned());
    };
    let condition = if change.expected_version == 0 {
        name("#key", RUN_ID);
        "attribute_not_exists(#key)".to_owned()
    } else {
        values.insert(":expected".to_owned(), number(change.expected_version));
        "#version = :expected".to_owned()
    };
    name("#version", VERSION);
    values.insert(":version".to_owned(), number(change.expected_version + change.append.len() as u64));
    // The records first: they are what can take the item past its size limit.
    let mut set = Vec::new();
    if let Some(last) = change.append.last() {
        name("#state", RSTATE);
        name("#records", RECORDS);
        values.insert(":state".to_owned(), AttributeValue::S(last.state.name().to_owned()));
        values.insert(":records".to_owned(), AttributeValue::L(change.append.iter().map(encode_record).collect()));
        values.insert(":empty".to_owned(), AttributeValue::L(Vec::new()));
        set.extend([
            "#records = list_append(if_not_exists(#records, :empty), :records)",
            "#version = :version",
            "#state = :state",
        ]);
    } else {
        set.push("#version = :version");
    }
    let mut remove = Vec::new();
    match &change.lease {
        LeaseChange::Keep => {}
        LeaseChange::Set(lease) => {
            name("#owner", LEASE_OWNER);
            name("#expires", LEASE_EXPIRES);
            values.insert(":owner".to_owned(), AttributeValue::S(lease.owner.clone()));
            values.insert(":expires".to_owned(), number(lease.expires_ms));
            set.extend(["#owner = :owner", "#expires = :expires"]);
        }
        LeaseChange::Clear => {
            name("#owner", LEASE_OWNER);
            name("#expires", LEASE_EXPIRES);
            remove.extend(["#owner", "#expires"]);
        }
    }
    let mut expression = format!("SET {}", set.join(", "));
    if !remove.is_empty() {
        expression.push_str(&format!(" REMOVE {}", remove.join(", ")));
    }
    StateUpdate { key: DynamoDbManifest::state_key(&change.run_id), expression, condition, names, values }
}

fn number(value: impl ToString) -> AttributeValue {
    AttributeValue::N(value.to_string())
}

fn encode_record(record: &Record) -> AttributeValue {
    let mut item = HashMap::from([
        (ID.to_owned(), AttributeValue::S(record.id.clone())),
        (RSTATE.to_owned(), AttributeValue::S(record.state.name().to_owned())),
        (APP_NAME.to_owned(), AttributeValue::S(record.app.name.clone())),
        (APP_VER.to_owned(), AttributeValue::S(record.app.version.clone())),
        (TIMESTAMP.to_owned(), number(record.timestamp_ms)),
        (AUTHOR.to_owned(), AttributeValue::S(record.author.clone())),
    ]);
    if let Some(instance) = &record.app.instance_id {
        item.insert(INSTANCE_ID.to_owned(), AttributeValue::S(instance.clone()));
    }
    if let Some(previous) = &record.previous {
        item.insert(PREVIOUS.to_owned(), AttributeValue::S(previous.clone()));
    }
    if let Some(payload) = &record.payload {
        item.insert(DATA.to_owned(), AttributeValue::S(payload.to_string()));
    }
    AttributeValue::M(item)
}

/// DynamoDB's name for an attribute value's type.
fn type_name(value: &AttributeValue) -> &'static str {
    match value {
        AttributeValue::S(_) => "S",
        AttributeValue::N(_) => "N",
        AttributeValue::B(_) => "B",
        AttributeValue::Bool(_) => "BOOL",
        AttributeValue::Null(_) => "NULL",
        AttributeValue::L(_) => "L",
        AttributeValue::M(_) => "M",
        AttributeValue::Ss(_) => "SS",
        AttributeValue::Ns(_) => "NS",
        AttributeValue::Bs(_) => "BS",
        _ => "of an unknown type",
    }
}

/// Typed access to the attributes of one map, with messages that name the attribute (and the
/// record it belongs to, `of`).
struct Attributes<'a> {
    item: &'a Item,
    of: String,
}

impl Attributes<'_> {
    fn wrong_type(&self, name: &str, value: &AttributeValue, expected: &str) -> String {
        format!("attribute `{name}`{} is {}, not {expected}", self.of, type_name(value))
    }

    fn missing(&self, name: &str) -> String {
        format!("attribute `{name}`{} is missing", self.of)
    }

    fn string(&self, name: &str) -> Result<Option<&str>, String> {
        match self.item.get(name) {
            None => Ok(None),
            Some(AttributeValue::S(text)) => Ok(Some(text)),
            Some(other) => Err(self.wrong_type(name, other, "S")),
        }
    }

    fn required_string(&self, name: &str) -> Result<&str, String> {
        self.string(name)?.ok_or_else(|| self.missing(name))
    }

    fn integer<T: std::str::FromStr>(&self, name: &str) -> Result<Option<T>, String> {
        match self.item.get(name) {
            None => Ok(None),
            Some(AttributeValue::N(text)) => text
                .parse()
                .map(Some)
                .map_err(|_| format!("attribute `{name}`{} is `{text}`, not a whole number", self.of)),
            Some(other) => Err(self.wrong_type(name, other, "N")),
        }
    }

    fn required_integer<T: std::str::FromStr>(&self, name: &str) -> Result<T, String> {
        self.integer(name)?.ok_or_else(|| self.missing(name))
    }

    fn state(&self, name: &str) -> Result<State, String> {
        self.required_string(name)?.parse().map_err(|e| format!("attribute `{name}`{}: {e}", self.of))
    }
}

/// A state item's records and lease, checked against its `Version` and `RState`.
fn decode_state(item: &Item) -> Result<(Vec<Record>, Option<Lease>), String> {
    let attributes = Attributes { item, of: String::new() };
    let version: u64 = attributes.required_integer(VERSION)?;
    let state = attributes.state(RSTATE)?;
    let list = match item.get(RECORDS) {
        Some(AttributeValue::L(list)) => list,
        Some(other) => return Err(attributes.wrong_type(RECORDS, other, "L")),
        None => return Err(attributes.missing(RECORDS)),
    };
    let records = list
        .iter()
        .enumerate()
        .map(|(index, value)| match value {
            AttributeValue::M(record) => decode_record(index + 1, record),
            other => Err(format!("record {} in `{RECORDS}` is {}, not M", index + 1, type_name(other))),
        })
        .collect::<Result<Vec<_>, _>>()?;
    if version != records.len() as u64 {
        return Err(format!("its `{VERSION}` says {version} records, but `{RECORDS}` holds {}", records.len()));
    }
    match records.last() {
        None => return Err(format!("its `{RECORDS}` list is empty")),
        Some(last) if last.state != state => {
            return Err(format!("its `{RSTATE}` is {state}, but its latest record is {}", last.state));
        }
        Some(_) => {}
    }
    let lease = match (attributes.string(LEASE_OWNER)?, attributes.integer(LEASE_EXPIRES)?) {
        (Some(owner), Some(expires_ms)) => Some(Lease { owner: owner.to_owned(), expires_ms }),
        (None, None) => None,
        _ => return Err(format!("it has only one of `{LEASE_OWNER}` and `{LEASE_EXPIRES}`")),
    };
    Ok((records, lease))
}

fn decode_record(number: usize, item: &Item) -> Result<Record, String> {
    let attributes = Attributes { item, of: format!(" of record {number}") };
    let payload = match attributes.string(DATA)? {
        None => None,
        Some(text) => Some(
            serde_json::from_str(text)
                .map_err(|e| format!("attribute `{DATA}` of record {number} is not JSON: {e}"))?,
        ),
    };
    Ok(Record {
        id: attributes.required_string(ID)?.to_owned(),
        state: attributes.state(RSTATE)?,
        app: App {
            name: attributes.required_string(APP_NAME)?.to_owned(),
            version: attributes.required_string(APP_VER)?.to_owned(),
            instance_id: attributes.string(INSTANCE_ID)?.map(str::to_owned),
        },
        timestamp_ms: attributes.required_integer(TIMESTAMP)?,
        previous: attributes.string(PREVIOUS)?.map(str::to_owned),
        author: attributes.required_string(AUTHOR)?.to_owned(),
        payload,
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn record(id: &str, state: State, previous: Option<&str>) -> Record {
        Record {
            id: id.to_owned(),
            state,
            app: App { name: "app".to_owned(), version: "1.0".to_owned(), instance_id: Some("i-1".to_owned()) },
            timestamp_ms: 1_700_000_000_123,
            previous: previous.map(str::to_owned),
            author: "snowplowctl:0.1.0:1".to_owned(),
            payload: Some(json!({"schema": "iglu:com.acme/x/jsonschema/1-0-0", "data": {"b": 1, "a": [true]}})),
        }
    }

    fn state_item(records: &[Record], lease: Option<&Lease>) -> Item {
        let mut item = HashMap::from([
            (RUN_ID.to_owned(), AttributeValue::S(DynamoDbManifest::state_key("r"))),
            (VERSION.to_owned(), number(records.len())),
            (RECORDS.to_owned(), AttributeValue::L(records.iter().map(encode_record).collect())),
        ]);
        if let Some(last) = records.last() {
            item.insert(RSTATE.to_owned(), AttributeValue::S(last.state.name().to_owned()));
        }
        if let Some(lease) = lease {
            item.insert(LEASE_OWNER.to_owned(), AttributeValue::S(lease.owner.clone()));
            item.insert(LEASE_EXPIRES.to_owned(), number(lease.expires_ms));
        }
        item
    }

    #[test]
    fn records_round_trip_in_the_processing_manifests_attribute_names() {
        let mut bare = record("b", State::Processing, None);
        bare.app.instance_id = None;
        bare.payload = None;
        let records = [record("a", State::New, None), bare];
        let lease = Lease { owner: "b".to_owned(), expires_ms: 42 };
        let item = state_item(&records, Some(&lease));
        assert_eq!(decode_state(&item).unwrap(), (records.to_vec(), Some(lease)));
        let AttributeValue::M(first) = encode_record(&records[0]) else { panic!("a map") };
        let mut names: Vec<&str> = first.keys().map(String::as_str).collect();
        names.sort_unstable();
        assert_eq!(names, ["AppName", "AppVer", "Author", "Data", "Id", "InstanceId", "RState", "Timestamp"]);
        assert_eq!(
            first[DATA],
            AttributeValue::S(r#"{"schema":"iglu:com.acme/x/jsonschema/1-0-0","data":{"b":1,"a":[true]}}"#.to_owned())
        );
        assert_eq!(first[TIMESTAMP], AttributeValue::N("1700000000123".to_owned()));
    }

    #[test]
    fn damaged_state_items_are_refused_naming_the_attribute() {
        let records = [record("a", State::New, None), record("b", State::Processing, Some("a"))];
        let damage = |change: &dyn Fn(&mut Item)| {
            let mut item = state_item(&records, None);
            change(&mut item);
            decode_state(&item).unwrap_err()
        };
        let error = damage(&|item| {
            item.insert(VERSION.to_owned(), AttributeValue::S("2".to_owned()));
        });
        assert_eq!(error, "attribute `Version` is S, not N");
        let error = damage(&|item| {
            item.insert(VERSION.to_owned(), number(3));
        });
        assert!(error.contains("says 3 records") && error.contains("holds 2"), "{error}");
        let error = damage(&|item| {
            item.insert(RSTATE.to_owned(), AttributeValue::S("NEW".to_owned()));
        });
        assert!(error.contains("`RState` is NEW") && error.contains("PROCESSING"), "{error}");
        let error = damage(&|item| {
            item.insert(LEASE_OWNER.to_owned(), AttributeValue::S("b".to_owned()));
        });
        assert!(error.contains("only one of `LeaseOwner` and `LeaseExpires`"), "{error}");
        let error = damage(&|item| {
            item.remove(RECORDS);
        });
        assert_eq!(error, "attribute `Records` is missing");
        let error = damage(&|item| {
            let Some(AttributeValue::L(list)) = item.get_mut(RECORDS) else { panic!() };
            let AttributeValue::M(second) = &mut list[1] else { panic!() };
            second.insert(TIMESTAMP.to_owned(), AttributeValue::N("1.5".to_owned()));
        });
        assert_eq!(error, "attribute `Timestamp` of record 2 is `1.5`, not a whole number");
        let error = damage(&|item| {
            let Some(AttributeValue::L(list)) = item.get_mut(RECORDS) else { panic!() };
            let AttributeValue::M(first) = &mut list[0] else { panic!() };
            first.insert(RSTATE.to_owned(), AttributeValue::S("DONE".to_owned()));
        });
        assert!(error.starts_with("attribute `RState` of record 1: `DONE` is not a record state"), "{error}");
        let error = damage(&|item| {
            let Some(AttributeValue::L(list)) = item.get_mut(RECORDS) else { panic!() };
            let AttributeValue::M(first) = &mut list[0] else { panic!() };
            first.insert(DATA.to_owned(), AttributeValue::S("{".to_owned()));
        });
        assert!(error.starts_with("attribute `Data` of record 1 is not JSON"), "{error}");
        let error = damage(&|item| {
            let Some(AttributeValue::L(list)) = item.get_mut(RECORDS) else { panic!() };
            list[0] = AttributeValue::S("a".to_owned());
        });
        assert_eq!(error, "record 1 in `Records` is S, not M");
    }

    fn change(expected_version: u64, append: Vec<Record>, lease: LeaseChange) -> Change {
        Change { run_id: "r".to_owned(), expected_version, append, lease, add_marker: false }
    }

    #[test]
    fn a_change_is_one_conditional_update_naming_only_what_it_uses() {
        let lease = Lease { owner: "b".to_owned(), expires_ms: 99 };
        let claim =
            state_update(&change(0, vec![record("b", State::Processing, None)], LeaseChange::Set(lease.clone())));
        assert_eq!(claim.key, "snowplowctl:state:r");
        assert_eq!(claim.condition, "attribute_not_exists(#key)");
        assert_eq!(
            claim.expression,
            "SET #records = list_append(if_not_exists(#records, :empty), :records), #version = :version, \
             #state = :state, #owner = :owner, #expires = :expires"
        );
        assert_eq!(claim.values[":version"], number(1));
        assert!(!claim.values.contains_key(":expected"));

        let renewal = state_update(&change(3, Vec::new(), LeaseChange::Set(lease)));
        assert_eq!(renewal.condition, "#version = :expected");
        assert_eq!(renewal.expression, "SET #version = :version, #owner = :owner, #expires = :expires");
        assert_eq!((&renewal.values[":expected"], &renewal.values[":version"]), (&number(3), &number(3)));
        assert!(!renewal.names.contains_key("#key") && !renewal.names.contains_key("#records"));

        let finish = state_update(&change(
            2,
            vec![record("c", State::Processed, Some("b")), record("d", State::Resolved, None)],
            LeaseChange::Clear,
        ));
        assert!(finish.expression.ends_with(" REMOVE #owner, #expires"), "{}", finish.expression);
        assert_eq!(finish.values[":version"], number(4));
        assert_eq!(finish.values[":state"], AttributeValue::S("RESOLVED".to_owned()));
        let placeholders = |text: &str, sigil: char| {
            let mut found: Vec<String> = text
                .split(|c: char| !(c.is_alphanumeric() || c == sigil || c == '_'))
                .filter(|word| word.starts_with(sigil))
                .map(str::to_owned)
                .collect();
            found.sort();
            found.dedup();
            found
        };
        for update in [&claim, &renewal, &finish] {
            let text = format!("{} {}", update.expression, update.condition);
            let mut names: Vec<String> = update.names.keys().cloned().collect();
            names.sort();
            let mut values: Vec<String> = update.values.keys().cloned().collect();
            values.sort();
            assert_eq!(placeholders(&text, '#'), names, "{text}");
            assert_eq!(placeholders(&text, ':'), values, "{text}");
        }
    }

    #[test]
    fn cancellation_reasons_decide_conflict_retry_or_error() {
        let error = || AwsError::new("TransactWriteItems", ErrorKind::Service, "TransactionCanceledException: …");
        let reason = |code: &str| CancellationReason::builder().code(code).message("why").build();
        assert!(matches!(
            canceled(&[reason("ConditionalCheckFailed"), reason("None")], error()),
            WriteFailure::ConditionFailed
        ));
        let WriteFailure::Aws(conflict) = canceled(&[reason("TransactionConflict"), reason("None")], error()) else {
            panic!()
        };
        assert_eq!(conflict.kind, ErrorKind::Throttled);
        let WriteFailure::Aws(invalid) = canceled(&[reason("ValidationError"), reason("None")], error()) else {
            panic!()
        };
        assert!(is_validation(&invalid) && invalid.message == "why");
        assert!(is_item_too_large("Item size to update has exceeded the maximum allowed size"));
        assert!(is_item_too_large("Item size has exceeded the maximum allowed size"));
        assert!(!is_item_too_large("The provided key element does not match the schema"));
    }
}
