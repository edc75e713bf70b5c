//! The DynamoDB client: built once from [`AwsOptions`] and the standard AWS chain, used
//! synchronously.

use std::fmt;
use std::future::Future;
use std::time::{Duration, Instant};

use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_config::{BehaviorVersion, Region};
use aws_sdk_dynamodb::Client;
use aws_sdk_dynamodb::types::{
    AttributeDefinition, BillingMode, KeySchemaElement, KeyType, ScalarAttributeType, TableDescription,
};

use super::{AwsError, AwsOptions, ErrorKind, RetryPolicy};

/// Attempts the SDK makes per request before giving up (its "standard" retry mode, with its own
/// backoff); callers add a bounded outer retry ([`RetryPolicy`]) on top where it matters.
const SDK_ATTEMPTS: u32 = 3;

/// A DynamoDB client for one region and endpoint, with a private runtime that runs its calls.
///
/// Its `Debug` output shows the region and endpoint only: never the credentials.
pub struct DynamoDb {
    runtime: tokio::runtime::Runtime,
    client: Client,
    region: String,
    endpoint: Option<String>,
}

impl fmt::Debug for DynamoDb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DynamoDb").field("region", &self.region).field("endpoint", &self.endpoint).finish()
    }
}

fn runtime() -> Result<tokio::runtime::Runtime, AwsError> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| AwsError::new("start the AWS runtime", ErrorKind::Config, e.to_string()))
}

fn check_endpoint(url: &str) -> Result<(), AwsError> {
    let rest = url.strip_prefix("http://").or_else(|| url.strip_prefix("https://"));
    match rest {
        Some(host) if !host.is_empty() && !host.starts_with('/') => Ok(()),
        _ => Err(AwsError::new(
            "load AWS configuration",
            ErrorKind::Config,
            format!("the endpoint URL `{url}` is not an http:// or https:// URL with a host"),
        )),
    }
}

impl DynamoDb {
    /// Loads the AWS configuration (flags first, then the standard chain) and builds a client.
    /// Credentials are resolved lazily, on the first call.
    pub fn connect(options: &AwsOptions) -> Result<Self, AwsError> {
        if let Some(url) = &options.endpoint_url {
            check_endpoint(url)?;
        }
        let runtime = runtime()?;
        let mut loader = aws_config::defaults(BehaviorVersion::latest())
            .retry_config(RetryConfig::standard().with_max_attempts(SDK_ATTEMPTS))
            .timeout_config(
                TimeoutConfig::builder()
                    .connect_timeout(Duration::from_secs(5))
                    .operation_attempt_timeout(Duration::from_secs(30))
                    .build(),
            );
        if let Some(profile) = &options.profile {
            loader = loader.profile_name(profile);
        }
        if let Some(region) = &options.region {
            loader = loader.region(Region::new(region.clone()));
        }
        if let Some(url) = &options.endpoint_url {
            loader = loader.endpoint_url(url);
        }
        let config = runtime.block_on(loader.load());
        let Some(region) = config.region().map(ToString::to_string) else {
            return Err(AwsError::new(
                "load AWS configuration",
                ErrorKind::Config,
                "no AWS region is configured: pass `--region`, set `AWS_REGION`, or set `region` in the profile",
            ));
        };
        let endpoint = options.endpoint_url.clone().or_else(|| {
            ["AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL"]
                .into_iter()
                .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
        });
        if let Some(url) = &endpoint {
            check_endpoint(url)?;
        }
        Ok(DynamoDb { runtime, client: Client::new(&config), region, endpoint })
    }

    /// A client from a ready-made SDK configuration (for embedding, and for tests that bring
    /// their own credentials).
    pub fn with_config(config: aws_sdk_dynamodb::Config) -> Result<Self, AwsError> {
        let region = config.region().map(ToString::to_string).unwrap_or_default();
        Ok(DynamoDb { runtime: runtime()?, client: Client::from_conf(config), region, endpoint: None })
    }

    /// The SDK client, for calls this module does not wrap. Run its futures with [`DynamoDb::run`].
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// Runs one SDK future to completion on the client's runtime.
    pub fn run<F: Future>(&self, future: F) -> F::Output {
        self.runtime.block_on(future)
    }

    /// The region requests go to.
    pub fn region(&self) -> &str {
        &self.region
    }

    /// The custom endpoint, when one is configured.
    pub fn endpoint(&self) -> Option<&str> {
        self.endpoint.as_deref()
    }

    /// Where requests go, for messages: `region eu-west-1` or `region eu-west-1, endpoint http://…`.
    pub fn location(&self) -> String {
        match &self.endpoint {
            Some(endpoint) => format!("region {}, endpoint {endpoint}", self.region),
            None => format!("region {}", self.region),
        }
    }

    /// Describes a table; `None` when it does not exist.
    pub fn describe_table(&self, table: &str) -> Result<Option<TableInfo>, AwsError> {
        match self.run(self.client.describe_table().table_name(table).send()) {
            Ok(output) => Ok(output.table().map(TableInfo::from_description)),
            Err(error) => {
                let error = AwsError::from_sdk("DescribeTable", error);
                if error.kind == ErrorKind::NotFound { Ok(None) } else { Err(error) }
            }
        }
    }

    /// Creates an on-demand (pay-per-request) table with string keys and waits until it is
    /// `ACTIVE`, for at most `wait`. A table that already exists is not an error.
    pub fn create_table(&self, spec: &TableSpec<'_>, wait: Duration) -> Result<TableInfo, AwsError> {
        let mut request = self
            .client
            .create_table()
            .table_name(spec.name)
            .billing_mode(BillingMode::PayPerRequest)
            .key_schema(key_element(spec.hash_key, KeyType::Hash)?)
            .attribute_definitions(string_attribute(spec.hash_key)?);
        if let Some(range) = spec.range_key {
            request =
                request.key_schema(key_element(range, KeyType::Range)?).attribute_definitions(string_attribute(range)?);
        }
        let created = RetryPolicy::default().run(
            || match self.run(request.clone().send()) {
                Ok(_) => Ok(()),
                Err(error) => {
                    let error = AwsError::from_sdk("CreateTable", error);
                    // Created by someone else meanwhile (or by an earlier attempt whose answer was lost).
                    if error.code.as_deref().is_some_and(|c| c.ends_with("ResourceInUseException")) {
                        Ok(())
                    } else {
                        Err(error)
                    }
                }
            },
            |_| {},
        );
        created?;
        self.wait_until_active(spec.name, wait)
    }

    /// Polls the table until it is `ACTIVE`, for at most `wait`.
    pub fn wait_until_active(&self, table: &str, wait: Duration) -> Result<TableInfo, AwsError> {
        let start = Instant::now();
        let mut pause = Duration::from_millis(200);
        loop {
            let info = RetryPolicy::default().run(|| self.describe_table(table), |_| {})?;
            match info {
                Some(info) if info.status == "ACTIVE" => return Ok(info),
                _ if start.elapsed() >= wait => {
                    return Err(AwsError::new(
                        "CreateTable",
                        ErrorKind::Service,
                        format!("table `{table}` was not ACTIVE after {} s", wait.as_secs()),
                    ));
                }
                _ => {
                    std::thread::sleep(pause);
                    pause = (pause * 2).min(Duration::from_secs(2));
                }
            }
        }
    }
}

fn key_element(name: &str, key_type: KeyType) -> Result<KeySchemaElement, AwsError> {
    KeySchemaElement::builder()
        .attribute_name(name)
        .key_type(key_type)
        .build()
        .map_err(|e| AwsError::new("CreateTable", ErrorKind::Config, e.to_string()))
}

fn string_attribute(name: &str) -> Result<AttributeDefinition, AwsError> {
    AttributeDefinition::builder()
        .attribute_name(name)
        .attribute_type(ScalarAttributeType::S)
        .build()
        .map_err(|e| AwsError::new("CreateTable", ErrorKind::Config, e.to_string()))
}

/// A table to create: its name and string key attributes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableSpec<'a> {
    /// Table name.
    pub name: &'a str,
    /// Partition (hash) key attribute, of type String.
    pub hash_key: &'a str,
    /// Sort (range) key attribute, of type String, if any.
    pub range_key: Option<&'a str>,
}

/// A key attribute of a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyAttribute {
    /// Attribute name.
    pub name: String,
    /// DynamoDB type: `S`, `N` or `B`.
    pub attribute_type: String,
}

impl fmt::Display for KeyAttribute {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` ({})", self.name, self.attribute_type)
    }
}

/// What snowplowctl needs to know about a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableInfo {
    /// `CREATING`, `ACTIVE`, `UPDATING`, …
    pub status: String,
    /// The partition key.
    pub hash_key: Option<KeyAttribute>,
    /// The sort key, if the table has one.
    pub range_key: Option<KeyAttribute>,
}

impl TableInfo {
    fn from_description(table: &TableDescription) -> Self {
        let attribute = |key_type: KeyType| {
            let name = table.key_schema().iter().find(|k| *k.key_type() == key_type)?.attribute_name().to_owned();
            let attribute_type = table
                .attribute_definitions()
                .iter()
                .find(|a| a.attribute_name() == name)
                .map_or_else(|| "?".to_owned(), |a| a.attribute_type().as_str().to_owned());
            Some(KeyAttribute { name, attribute_type })
        };
        TableInfo {
            status: table.table_status().map_or_else(|| "UNKNOWN".to_owned(), |s| s.as_str().to_owned()),
            hash_key: attribute(KeyType::Hash),
            range_key: attribute(KeyType::Range),
        }
    }

    /// Whether the table is keyed by a single string attribute called `name`.
    pub fn keyed_by_string(&self, name: &str) -> bool {
        self.range_key.is_none() && self.hash_key.as_ref().is_some_and(|k| k.name == name && k.attribute_type == "S")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_must_be_http_urls() {
        assert!(check_endpoint("http://127.0.0.1:8000").is_ok());
        assert!(check_endpoint("https://dynamodb.eu-west-1.amazonaws.com").is_ok());
        for bad in ["127.0.0.1:8000", "http://", "ftp://host", "https:///path"] {
            assert_eq!(check_endpoint(bad).unwrap_err().kind, ErrorKind::Config, "{bad}");
        }
    }

    #[test]
    fn debug_output_names_region_and_endpoint_only() {
        let config = aws_sdk_dynamodb::Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new("eu-west-1"))
            .credentials_provider(aws_sdk_dynamodb::config::Credentials::new(
                "AKIAUNITTESTKEY00001",
                "unit-test-secret-value",
                None,
                None,
                "test",
            ))
            .build();
        let client = DynamoDb::with_config(config).unwrap();
        let debug = format!("{client:?}");
        assert_eq!(debug, r#"DynamoDb { region: "eu-west-1", endpoint: None }"#);
    }
}
