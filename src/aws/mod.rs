//! AWS access for the commands that talk to AWS (`store` today, `manifest` next): one place
//! that turns `--region`, `--profile` and `--endpoint-url` plus the standard AWS chain into a
//! DynamoDB client, classifies AWS errors, retries with backoff, and keeps credentials out of
//! every message.
//!
//! The AWS SDK is asynchronous; snowplowctl is not. [`DynamoDb`] owns a small current-thread
//! tokio runtime and blocks on each call, so callers stay synchronous. Nothing else runs on
//! that runtime: in particular the Iglu resolver's blocking HTTP client is never called from
//! inside it (reqwest's blocking client panics there).

mod dynamodb;
mod error;
pub mod retry;

pub use dynamodb::{DynamoDb, KeyAttribute, TableInfo, TableSpec};
pub use error::{AwsError, ErrorKind, redact};
pub use retry::RetryPolicy;

/// Where and as whom to reach AWS. Whatever is left `None` comes from the standard AWS chain:
/// environment variables (`AWS_REGION`, `AWS_PROFILE`, `AWS_ENDPOINT_URL_DYNAMODB`,
/// `AWS_ENDPOINT_URL`, `AWS_ACCESS_KEY_ID`, …), the shared `config`/`credentials` files
/// (including SSO and `credential_process` profiles), web identity, and container or instance
/// metadata. Holds no secrets, so it is safe to print.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AwsOptions {
    /// The region (`--region`).
    pub region: Option<String>,
    /// The shared-config profile (`--profile`).
    pub profile: Option<String>,
    /// A custom endpoint such as a local DynamoDB (`--endpoint-url`); overrides
    /// `AWS_ENDPOINT_URL_DYNAMODB` and `AWS_ENDPOINT_URL`.
    pub endpoint_url: Option<String>,
}
