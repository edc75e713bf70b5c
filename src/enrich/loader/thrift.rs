//! Thrift records from the Scala Stream Collector: `CollectorPayload` 1-0-* and the pre-2014
//! `SnowplowRawEvent` (always a GET to the pixel).
//!
//! The client IP is the first `X-Forwarded-For` header's address, else a `Forwarded: for=`
//! address, else the record's `ipAddress`.

use crate::enrich::payload::{Api, CollectorPayload, RequestContext, Source};
use crate::enrich::thrift::{self as codec, ThriftError, ThriftRecord};

use super::{LoaderError, LoaderFailure, ip_from_headers};

/// Loads one binary Thrift record.
pub(crate) fn load(record: &[u8]) -> Result<CollectorPayload, LoaderError> {
    match codec::decode(record).map_err(decode_failure)? {
        ThriftRecord::CollectorPayload(record) => {
            let headers = record.headers.unwrap_or_default();
            let querystring = super::parse_querystring(record.querystring.as_deref(), &record.encoding);
            let api = match record.path.as_deref() {
                Some(path) => super::parse_api(path),
                None => Err(LoaderFailure::input(
                    "Request does not contain a path".to_owned(),
                    "path",
                    None,
                    "request does not contain a path".to_owned(),
                )),
            };
            let (querystring, api) = match (querystring, api) {
                (Ok(querystring), Ok(api)) => (querystring, api),
                (querystring, api) => {
                    let failures = [querystring.err(), api.err()].into_iter().flatten().collect();
                    return Err(LoaderError::from_failures(failures).expect("at least one failure"));
                }
            };
            let context = request_context(
                record.timestamp,
                &record.ip_address,
                record.user_agent,
                record.referer_uri,
                headers,
                record.network_user_id,
            );
            Ok(CollectorPayload {
                api,
                querystring,
                content_type: record.content_type,
                body: record.body,
                source: Source { name: record.collector, encoding: record.encoding, hostname: record.hostname },
                context,
            })
        }
        ThriftRecord::SnowplowRawEvent(record) => {
            let headers = record.headers.unwrap_or_default();
            let querystring = super::parse_querystring(record.querystring.as_deref(), &record.encoding)
                .map_err(LoaderError::single)?;
            let context = request_context(
                record.timestamp,
                &record.ip_address,
                record.user_agent,
                record.referer_uri,
                headers,
                record.network_user_id,
            );
            Ok(CollectorPayload {
                api: Api::tp1(),
                querystring,
                content_type: None,
                body: None,
                source: Source { name: record.collector, encoding: record.encoding, hostname: record.hostname },
                context,
            })
        }
    }
}

/// What both record generations know about the request; the IP comes from the headers first.
fn request_context(
    timestamp: i64,
    record_ip: &str,
    useragent: Option<String>,
    referer_uri: Option<String>,
    headers: Vec<String>,
    user_id: Option<String>,
) -> RequestContext {
    let ip = ip_from_headers(&headers, record_ip).into_owned();
    RequestContext { timestamp: Some(timestamp), ip_address: Some(ip), useragent, referer_uri, headers, user_id }
}

fn decode_failure(error: ThriftError) -> LoaderError {
    let failure = match error {
        // Worded identically by legacy and modern enrich.
        ThriftError::WrongSchema(_) => LoaderFailure::error(error.to_string()),
        ThriftError::Truncated { .. } => LoaderFailure {
            message: format!("Error deserializing raw event: {error}"),
            detail: super::FailureDetail::Error(
                "error deserializing raw event: Reached end of bytes when parsing as thrift format".to_owned(),
            ),
        },
        _ => LoaderFailure {
            message: format!("Error deserializing raw event: {error}"),
            detail: super::FailureDetail::Error(format!("error deserializing raw event: {error}")),
        },
    };
    LoaderError::single(failure)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::enrich::thrift::{CollectorPayloadRecord, encode_collector_payload};

    fn record() -> CollectorPayloadRecord {
        CollectorPayloadRecord {
            schema: codec::COLLECTOR_PAYLOAD_SCHEMA.to_owned(),
            ip_address: "10.0.0.1".into(),
            timestamp: 1_390_936_940_040,
            encoding: "UTF-8".into(),
            collector: "ssc-2.x-kinesis".into(),
            path: Some("/com.snowplowanalytics.snowplow/tp2".into()),
            querystring: Some("a=1;b=%20".into()),
            body: Some("{}".into()),
            content_type: Some("application/json".into()),
            headers: Some(vec!["Host: x".into(), "X-Forwarded-For: 1.2.3.4, 10.0.0.1".into()]),
            ..CollectorPayloadRecord::default()
        }
    }

    #[test]
    fn collector_payload_with_forwarded_ip() {
        let payload = load(&encode_collector_payload(&record())).unwrap();
        assert_eq!(payload.api.version, "tp2");
        assert_eq!(payload.context.ip_address.as_deref(), Some("1.2.3.4"));
        assert_eq!(payload.querystring.len(), 2);
        assert_eq!(payload.querystring[1].value.as_deref(), Some(" "));
        assert_eq!(payload.body.as_deref(), Some("{}"));
        assert_eq!(payload.source.name, "ssc-2.x-kinesis");
        assert_eq!(payload.context.timestamp, Some(1_390_936_940_040));
    }

    #[test]
    fn missing_path_and_bad_querystring_are_both_reported() {
        let record = CollectorPayloadRecord { path: None, querystring: Some("a=b c".into()), ..record() };
        let error = load(&encode_collector_payload(&record)).unwrap_err();
        let messages: Vec<_> = error.messages().collect();
        assert_eq!(messages.len(), 2);
        assert_eq!(messages[1], "Request does not contain a path");
    }

    #[test]
    fn truncated_records_fail_without_panicking() {
        let bytes = encode_collector_payload(&record());
        for cut in 0..bytes.len() {
            let _ = load(&bytes[..cut]);
        }
        let error = load(&[0x6d, 0xa7]).unwrap_err();
        assert_eq!(
            error.to_string(),
            "Error deserializing raw event: Cannot read. Remote side has closed. Tried to read 2 bytes, but only got \
             1 bytes. (This is often indicative of an internal error on the server side. Please check your server logs.)"
        );
    }
}
