//! The DynamoDB manifest (placeholder until the backend lands; refuses every operation).

use super::model::{Change, Committed, RunEntry};
use super::{Backend, ManifestError};
use crate::aws::{AwsError, DynamoDb, ErrorKind};

/// A manifest in a DynamoDB table.
#[derive(Debug)]
pub struct DynamoDbManifest {
    table: String,
}

impl DynamoDbManifest {
    /// A manifest in `table`.
    pub fn new(_client: DynamoDb, table: impl Into<String>) -> Self {
        DynamoDbManifest { table: table.into() }
    }

    fn unavailable(&self) -> ManifestError {
        ManifestError::Aws(AwsError::new("manifest", ErrorKind::Config, "the DynamoDB manifest is not built yet"))
    }
}

impl Backend for DynamoDbManifest {
    fn location(&self) -> String {
        format!("dynamodb table {}", self.table)
    }
    fn create(&self) -> Result<bool, ManifestError> {
        Err(self.unavailable())
    }
    fn load(&self, _run_id: &str) -> Result<RunEntry, ManifestError> {
        Err(self.unavailable())
    }
    fn load_many(&self, _run_ids: &[String]) -> Result<Vec<RunEntry>, ManifestError> {
        Err(self.unavailable())
    }
    fn list(&self) -> Result<Vec<RunEntry>, ManifestError> {
        Err(self.unavailable())
    }
    fn add_marker(&self, _run_id: &str) -> Result<(), ManifestError> {
        Err(self.unavailable())
    }
    fn commit(&self, _change: &Change) -> Result<Committed, ManifestError> {
        Err(self.unavailable())
    }
}
