//! AWS errors as snowplowctl reports them: the operation, what kind of failure it is (which
//! decides whether to retry and what to suggest), and a message with credentials redacted.

use std::sync::LazyLock;

use aws_sdk_dynamodb::config::http::HttpResponse;
use aws_sdk_dynamodb::error::{ProvideErrorMetadata, SdkError};
use regex::Regex;

/// What kind of failure an AWS call had.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The request was throttled (`ProvisionedThroughputExceededException`, `ThrottlingException`, …).
    Throttled,
    /// A network failure, a timeout or a server error.
    Transient,
    /// The table (or another resource) does not exist.
    NotFound,
    /// Missing, invalid or expired credentials, or access denied.
    Credentials,
    /// Local configuration that cannot work (no region, a malformed endpoint, an unknown profile).
    Config,
    /// Any other error the service reported (a validation error, a table in use, …).
    Service,
}

/// A failed AWS call. The message never contains credentials (see [`redact`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{operation} failed: {message}")]
pub struct AwsError {
    /// The API operation (`Scan`, `BatchWriteItem`, …) or step (`load AWS configuration`).
    pub operation: &'static str,
    /// What kind of failure it is.
    pub kind: ErrorKind,
    /// The AWS error code, when the service sent one.
    pub code: Option<String>,
    /// What went wrong, redacted.
    pub message: String,
}

impl AwsError {
    /// An error with a message (redacted here).
    pub fn new(operation: &'static str, kind: ErrorKind, message: impl AsRef<str>) -> Self {
        AwsError { operation, kind, code: None, message: redact(message.as_ref()) }
    }

    /// Converts an SDK error from `operation`.
    pub fn from_sdk<E>(operation: &'static str, error: SdkError<E, HttpResponse>) -> Self
    where
        E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    {
        let code = error.code().map(str::to_owned);
        let (kind, message) = match &error {
            SdkError::ServiceError(service) => {
                let status = service.raw().status().as_u16();
                // Some endpoints (proxies, emulators) answer in the XML error format, which the
                // JSON protocol cannot parse; read its code and message directly.
                let body = service.raw().body().bytes().map(String::from_utf8_lossy).unwrap_or_default();
                let code = error.code().map(str::to_owned).or_else(|| xml_element(&body, "Code"));
                let message = error.message().map(str::to_owned).or_else(|| xml_element(&body, "Message"));
                let text = match (&code, message) {
                    (Some(code), Some(message)) => format!("{code}: {message}"),
                    (Some(code), None) => code.clone(),
                    (None, Some(message)) => format!("HTTP {status}: {message}"),
                    (None, None) => format!("HTTP {status} with no error code"),
                };
                let kind = classify(code.as_deref(), Some(status));
                return AwsError { operation, kind, code, message: redact(&text) };
            }
            SdkError::TimeoutError(_) | SdkError::ResponseError(_) => (ErrorKind::Transient, chain(&error)),
            SdkError::DispatchFailure(failure) => {
                let text = chain(&error);
                // The connector gives a kind to failures it knows to be passing, such as a
                // connection closed before the answer was complete.
                let kind = if failure.is_io() || failure.is_timeout() || failure.as_other().is_some() {
                    ErrorKind::Transient
                } else if mentions_credentials(&text) {
                    ErrorKind::Credentials
                } else {
                    ErrorKind::Config
                };
                (kind, text)
            }
            _ => {
                let text = chain(&error);
                let kind = if mentions_credentials(&text) { ErrorKind::Credentials } else { ErrorKind::Config };
                (kind, text)
            }
        };
        AwsError { operation, kind, code, message: redact(&message) }
    }

    /// Whether trying again later may succeed (throttling and transient failures).
    pub fn is_retryable(&self) -> bool {
        matches!(self.kind, ErrorKind::Throttled | ErrorKind::Transient)
    }

    /// Advice for the user, by kind.
    pub fn hint(&self) -> Option<&'static str> {
        match self.kind {
            ErrorKind::Credentials => Some(
                "check the credentials: `--profile`, `AWS_PROFILE`, `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`, \
                 or `aws sso login` for an SSO profile",
            ),
            ErrorKind::Transient => Some("check `--endpoint-url`/`--region` and the network, then run again"),
            ErrorKind::Throttled => Some("the table is throttling requests; run again later"),
            ErrorKind::Config => Some("check `--region`, `--profile` and `--endpoint-url`"),
            ErrorKind::NotFound | ErrorKind::Service => None,
        }
    }
}

/// The text of the first `<name>…</name>` element in an XML document, if any.
fn xml_element(xml: &str, name: &str) -> Option<String> {
    let start = xml.find(&format!("<{name}>"))? + name.len() + 2;
    let end = start + xml[start..].find(&format!("</{name}>"))?;
    Some(xml[start..end].trim().to_owned()).filter(|s| !s.is_empty())
}

/// The messages of an error and its sources, joined by `: `, each said once.
fn chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let message = cause.to_string();
        if !message.is_empty() && !text.contains(&message) {
            text.push_str(": ");
            text.push_str(&message);
        }
        source = cause.source();
    }
    text
}

fn mentions_credentials(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    lower.contains("credential") || lower.contains("identity")
}

/// The kind of a service error, from its AWS error code and HTTP status.
pub(crate) fn classify(code: Option<&str>, status: Option<u16>) -> ErrorKind {
    const THROTTLED: &[&str] = &[
        "ProvisionedThroughputExceededException",
        "ThrottlingException",
        "Throttling",
        "ThrottledException",
        "RequestThrottled",
        "RequestThrottledException",
        "RequestLimitExceeded",
        "LimitExceededException",
        "TooManyRequestsException",
        "SlowDown",
    ];
    const TRANSIENT: &[&str] =
        &["InternalServerError", "InternalFailure", "ServiceUnavailable", "RequestTimeout", "RequestTimeoutException"];
    const CREDENTIALS: &[&str] = &[
        "UnrecognizedClientException",
        "InvalidClientTokenId",
        "InvalidSignatureException",
        "SignatureDoesNotMatch",
        "IncompleteSignature",
        "IncompleteSignatureException",
        "MissingAuthenticationToken",
        "MissingAuthenticationTokenException",
        "ExpiredToken",
        "ExpiredTokenException",
        "AccessDenied",
        "AccessDeniedException",
    ];
    // Codes may come namespaced (`com.amazonaws.dynamodb.v20120810#ResourceNotFoundException`).
    let code = code.map(|c| c.rsplit('#').next().unwrap_or(c));
    match code {
        Some(c) if THROTTLED.contains(&c) => ErrorKind::Throttled,
        Some(c) if TRANSIENT.contains(&c) => ErrorKind::Transient,
        Some(c) if CREDENTIALS.contains(&c) => ErrorKind::Credentials,
        Some("ResourceNotFoundException") => ErrorKind::NotFound,
        _ => match status {
            Some(429) => ErrorKind::Throttled,
            Some(500..=599) => ErrorKind::Transient,
            Some(401 | 403) => ErrorKind::Credentials,
            _ => ErrorKind::Service,
        },
    }
}

/// Removes AWS credentials from `text`: the values of `AWS_ACCESS_KEY_ID`,
/// `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN`, and anything shaped like an access key ID.
/// Every AWS message passes through here before snowplowctl shows it.
pub fn redact(text: &str) -> String {
    static ACCESS_KEY_ID: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\b(?:AKIA|ASIA|AIDA|AROA|AGPA|ANPA|ANVA|APKA)[A-Z0-9]{12,}\b").expect("valid"));
    let mut redacted = text.to_owned();
    for variable in ["AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_ACCESS_KEY_ID"] {
        if let Some(value) = std::env::var_os(variable).and_then(|v| v.into_string().ok())
            && value.len() >= 4
        {
            redacted = redacted.replace(&value, "<redacted>");
        }
    }
    ACCESS_KEY_ID.replace_all(&redacted, "<redacted>").into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn service_errors_are_classified_by_code_then_status() {
        assert_eq!(classify(Some("ProvisionedThroughputExceededException"), Some(400)), ErrorKind::Throttled);
        assert_eq!(
            classify(Some("com.amazonaws.dynamodb.v20120810#ResourceNotFoundException"), Some(400)),
            ErrorKind::NotFound
        );
        assert_eq!(classify(Some("UnrecognizedClientException"), Some(400)), ErrorKind::Credentials);
        assert_eq!(classify(Some("ValidationException"), Some(400)), ErrorKind::Service);
        assert_eq!(classify(None, Some(503)), ErrorKind::Transient);
        assert_eq!(classify(None, Some(429)), ErrorKind::Throttled);
        assert_eq!(classify(None, Some(403)), ErrorKind::Credentials);
    }

    #[test]
    fn xml_error_bodies_are_read() {
        let body =
            "<ErrorResponse><Errors><Error><Code>InvalidClientTokenId</Code><Message>The token is invalid.</Message>";
        assert_eq!(xml_element(body, "Code").as_deref(), Some("InvalidClientTokenId"));
        assert_eq!(xml_element(body, "Message").as_deref(), Some("The token is invalid."));
        assert_eq!(xml_element(body, "Type"), None);
        assert_eq!(xml_element("<Code></Code>", "Code"), None);
    }

    #[test]
    fn access_key_ids_are_redacted() {
        let error = AwsError::new("Scan", ErrorKind::Credentials, "key AKIAIOSFODNN7EXAMPLE is not valid");
        assert_eq!(error.to_string(), "Scan failed: key <redacted> is not valid");
        assert!(!format!("{error:?}").contains("AKIAIOSFODNN7EXAMPLE"));
        assert!(error.hint().is_some() && !error.is_retryable());
        assert!(AwsError::new("Scan", ErrorKind::Throttled, "slow down").is_retryable());
    }
}
