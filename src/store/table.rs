//! The five DynamoDB calls `store` makes, behind a small trait so that the logic above them can
//! be exercised with a wrapper around the real client (for example one that holds back part of
//! each batch as `UnprocessedItems`).

use std::collections::HashMap;
use std::time::Duration;

use aws_sdk_dynamodb::types::{AttributeValue, DeleteRequest, PutRequest, WriteRequest};

use super::item::{FILE, ID, JSON, JsonAttribute, NewItem, StoredItem, WriteOp};
use crate::aws::{AwsError, DynamoDb, ErrorKind, TableInfo, TableSpec};

/// How long `--create-table` waits for the new table to become `ACTIVE`.
pub const CREATE_TABLE_WAIT: Duration = Duration::from_secs(300);

/// One page of a Scan.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScanPage {
    /// The items on the page (after the prefix filter).
    pub items: Vec<StoredItem>,
    /// Where the next page starts (`LastEvaluatedKey`), if there is one.
    pub next: Option<String>,
}

/// The table operations `store` needs. Implemented by [`DynamoDb`].
pub trait ConfigTable {
    /// Describes `table`; `None` when it does not exist.
    fn describe(&self, table: &str) -> Result<Option<TableInfo>, AwsError>;
    /// Creates `table` (on-demand, hash key `id` of type String) and waits until it is active.
    fn create(&self, table: &str) -> Result<TableInfo, AwsError>;
    /// One strongly consistent Scan page of the items whose `id` starts with `prefix`,
    /// starting after `start`.
    fn scan_page(&self, table: &str, prefix: &str, start: Option<&str>) -> Result<ScanPage, AwsError>;
    /// The item with key `id` (strongly consistent GetItem).
    fn get(&self, table: &str, id: &str) -> Result<Option<StoredItem>, AwsError>;
    /// One BatchWriteItem call with at most 25 writes; returns the writes DynamoDB left
    /// unprocessed.
    fn batch_write(&self, table: &str, writes: &[WriteOp]) -> Result<Vec<WriteOp>, AwsError>;
}

impl ConfigTable for DynamoDb {
    fn describe(&self, table: &str) -> Result<Option<TableInfo>, AwsError> {
        self.describe_table(table)
    }

    fn create(&self, table: &str) -> Result<TableInfo, AwsError> {
        self.create_table(&TableSpec { name: table, hash_key: ID, range_key: None }, CREATE_TABLE_WAIT)
    }

    fn scan_page(&self, table: &str, prefix: &str, start: Option<&str>) -> Result<ScanPage, AwsError> {
        let mut request = self.client().scan().table_name(table).consistent_read(true);
        if !prefix.is_empty() {
            request = request
                .filter_expression("begins_with(#id, :prefix)")
                .expression_attribute_names("#id", ID)
                .expression_attribute_values(":prefix", AttributeValue::S(prefix.to_owned()));
        }
        if let Some(start) = start {
            request = request.exclusive_start_key(ID, AttributeValue::S(start.to_owned()));
        }
        let output = self.run(request.send()).map_err(|e| AwsError::from_sdk("Scan", e))?;
        let items = output.items().iter().map(stored_item).collect::<Result<Vec<_>, _>>()?;
        let next = match output.last_evaluated_key() {
            None => None,
            Some(key) => Some(string_key(key)?),
        };
        Ok(ScanPage { items, next })
    }

    fn get(&self, table: &str, id: &str) -> Result<Option<StoredItem>, AwsError> {
        let request =
            self.client().get_item().table_name(table).key(ID, AttributeValue::S(id.to_owned())).consistent_read(true);
        let output = self.run(request.send()).map_err(|e| AwsError::from_sdk("GetItem", e))?;
        output.item().map(stored_item).transpose()
    }

    fn batch_write(&self, table: &str, writes: &[WriteOp]) -> Result<Vec<WriteOp>, AwsError> {
        let requests = writes.iter().map(write_request).collect::<Result<Vec<_>, _>>()?;
        let request = self.client().batch_write_item().request_items(table, requests);
        let output = self.run(request.send()).map_err(|e| AwsError::from_sdk("BatchWriteItem", e))?;
        let unprocessed: Vec<String> = output
            .unprocessed_items()
            .and_then(|tables| tables.get(table))
            .into_iter()
            .flatten()
            .filter_map(|request| {
                let key = match (request.put_request(), request.delete_request()) {
                    (Some(put), _) => put.item().get(ID),
                    (None, Some(delete)) => delete.key().get(ID),
                    (None, None) => None,
                };
                key.and_then(|k| k.as_s().ok()).cloned()
            })
            .collect();
        Ok(writes.iter().filter(|w| unprocessed.iter().any(|id| id == w.id())).cloned().collect())
    }
}

fn bad_item(message: String) -> AwsError {
    AwsError::new("Scan", ErrorKind::Service, message)
}

fn string_key(key: &HashMap<String, AttributeValue>) -> Result<String, AwsError> {
    match key.get(ID) {
        Some(AttributeValue::S(id)) => Ok(id.clone()),
        _ => Err(bad_item("the table's key is not a String attribute `id`".into())),
    }
}

/// DynamoDB's name for an attribute's type, and its approximate size in bytes.
fn describe_value(value: &AttributeValue) -> (&'static str, usize) {
    match value {
        AttributeValue::S(s) => ("S", s.len()),
        AttributeValue::N(n) => ("N", n.len().div_ceil(2) + 1),
        AttributeValue::B(b) => ("B", b.as_ref().len()),
        AttributeValue::Bool(_) => ("BOOL", 1),
        AttributeValue::Null(_) => ("NULL", 1),
        AttributeValue::Ss(v) => ("SS", v.iter().map(String::len).sum()),
        AttributeValue::Ns(v) => ("NS", v.iter().map(|n| n.len().div_ceil(2) + 1).sum()),
        AttributeValue::Bs(v) => ("BS", v.iter().map(|b| b.as_ref().len()).sum()),
        AttributeValue::L(v) => ("L", 3 + v.iter().map(|x| describe_value(x).1 + 1).sum::<usize>()),
        AttributeValue::M(m) => ("M", 3 + m.iter().map(|(k, x)| k.len() + describe_value(x).1 + 1).sum::<usize>()),
        _ => ("unknown", 0),
    }
}

fn stored_item(item: &HashMap<String, AttributeValue>) -> Result<StoredItem, AwsError> {
    let id = string_key(item)?;
    let json = match item.get(JSON) {
        None => JsonAttribute::Missing,
        Some(AttributeValue::S(text)) => JsonAttribute::String(text.clone()),
        Some(other) => JsonAttribute::OtherType(describe_value(other).0),
    };
    let file = match item.get(FILE) {
        Some(AttributeValue::S(file)) => Some(file.clone()),
        _ => None,
    };
    let size = item.iter().map(|(name, value)| name.len() + describe_value(value).1).sum::<usize>() as u64;
    Ok(StoredItem { id, json, file, size })
}

fn write_request(write: &WriteOp) -> Result<WriteRequest, AwsError> {
    let build_error =
        |e: aws_sdk_dynamodb::error::BuildError| AwsError::new("BatchWriteItem", ErrorKind::Config, e.to_string());
    Ok(match write {
        WriteOp::Put(NewItem { id, json, file }) => {
            let mut put = PutRequest::builder()
                .item(ID, AttributeValue::S(id.clone()))
                .item(JSON, AttributeValue::S(json.clone()));
            if let Some(file) = file {
                put = put.item(FILE, AttributeValue::S(file.clone()));
            }
            WriteRequest::builder().put_request(put.build().map_err(build_error)?).build()
        }
        WriteOp::Delete(id) => WriteRequest::builder()
            .delete_request(
                DeleteRequest::builder().key(ID, AttributeValue::S(id.clone())).build().map_err(build_error)?,
            )
            .build(),
    })
}
