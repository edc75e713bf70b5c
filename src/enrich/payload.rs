//! The collector payload: what a loader makes of one raw record, before any tracker-protocol
//! knowledge is applied.
//!
//! Every input format (CloudFront and Clojure-collector log lines, Thrift `CollectorPayload`
//! records, a website's own CloudFront log) is turned into this one shape, so the adapters and
//! the enrichment pipeline never look at the raw format again.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

/// The raw-input formats `snowplowctl enrich` reads, named as EmrEtlRunner's
/// `collectors.format` names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InputFormat {
    /// CloudFront access logs written by the CloudFront collector (`cloudfront`).
    Cloudfront,
    /// Tomcat access logs written by the Clojure collector (`clj-tomcat`).
    CljTomcat,
    /// Thrift `CollectorPayload` records from the Scala Stream Collector (`thrift`): LZO files
    /// written by the S3 loader, or one base64 record per line.
    Thrift,
    /// A website's own CloudFront distribution log (`tsv/com.amazon.aws.cloudfront/wd_access_log`).
    CloudfrontAccessLog,
}

impl InputFormat {
    /// Every format, in the order help text lists them.
    pub const ALL: [InputFormat; 4] =
        [InputFormat::Cloudfront, InputFormat::CljTomcat, InputFormat::Thrift, InputFormat::CloudfrontAccessLog];

    /// The `collectors.format` value, e.g. `clj-tomcat`.
    pub fn name(self) -> &'static str {
        match self {
            InputFormat::Cloudfront => "cloudfront",
            InputFormat::CljTomcat => "clj-tomcat",
            InputFormat::Thrift => "thrift",
            InputFormat::CloudfrontAccessLog => "tsv/com.amazon.aws.cloudfront/wd_access_log",
        }
    }

    /// The collector name the loader reports (`v_collector` before `cv` overrides it), which is
    /// also the `loader` named in bad rows.
    pub fn loader_name(self) -> &'static str {
        match self {
            InputFormat::Cloudfront => "cloudfront",
            InputFormat::CljTomcat => "clj-tomcat",
            InputFormat::Thrift => "thrift",
            InputFormat::CloudfrontAccessLog => "tsv",
        }
    }

    /// Whether records are text lines (as opposed to binary Thrift records).
    pub fn is_text(self) -> bool {
        !matches!(self, InputFormat::Thrift)
    }
}

impl fmt::Display for InputFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An input format name that is not one `snowplowctl enrich` reads.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown input format `{given}`; expected one of: {}", InputFormat::ALL.map(InputFormat::name).join(", "))]
pub struct UnknownInputFormat {
    /// The name given.
    pub given: String,
}

impl FromStr for InputFormat {
    type Err = UnknownInputFormat;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        InputFormat::ALL
            .into_iter()
            .find(|format| format.name() == s)
            .ok_or_else(|| UnknownInputFormat { given: s.to_owned() })
    }
}

/// The tracker API a request was sent to, from its path: `/<vendor>/<version>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Api {
    /// e.g. `com.snowplowanalytics.snowplow`.
    pub vendor: String,
    /// e.g. `tp2`.
    pub version: String,
}

impl Api {
    /// The Snowplow GET protocol, which the legacy `/i` and `/ice.png` paths also mean.
    pub fn tp1() -> Api {
        Api { vendor: "com.snowplowanalytics.snowplow".into(), version: "tp1".into() }
    }
}

/// One querystring parameter. A token with no `=` has no value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameValue {
    /// The decoded name (tracker-protocol names are shared, not allocated per event).
    pub name: Cow<'static, str>,
    /// The decoded value, or `None` for a token without `=`.
    pub value: Option<String>,
}

/// Where the payload came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The collector name: `cloudfront`, `clj-tomcat`, `tsv`, or the Thrift `collector` field
    /// (e.g. `ssc-2.x-kinesis`).
    pub name: String,
    /// The character encoding of the querystring, e.g. `UTF-8`.
    pub encoding: String,
    /// The collector's host name, when the record names it.
    pub hostname: Option<String>,
}

/// What the collector knew about the request.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequestContext {
    /// The collector's timestamp, in milliseconds since the Unix epoch.
    pub timestamp: Option<i64>,
    /// The client IP (after `X-Forwarded-For` / `Forwarded` handling for Thrift).
    pub ip_address: Option<String>,
    /// The User-Agent header as the collector recorded it (log formats: still percent-encoded).
    pub useragent: Option<String>,
    /// The Referer header.
    pub referer_uri: Option<String>,
    /// Request headers as `Name: value` strings (Thrift only).
    pub headers: Vec<String>,
    /// The collector's network user id cookie.
    pub user_id: Option<String>,
}

/// One request as the collector saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CollectorPayload {
    /// The API from the request path.
    pub api: Api,
    /// The querystring, decoded, in order (duplicates kept).
    pub querystring: Vec<NameValue>,
    /// The request's content type.
    pub content_type: Option<String>,
    /// The request body as text.
    pub body: Option<String>,
    /// The collector that wrote the record.
    pub source: Source,
    /// What the collector knew about the request.
    pub context: RequestContext,
}
