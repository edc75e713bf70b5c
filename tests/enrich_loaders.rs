//! The loaders against Snowplow's own test vectors (read from ../shared at test time):
//! every loader vector's expected collector payload or error, the loader-stage failures and
//! discards of the Spark bad/misc vectors, and every good vector's raw input.

use std::path::{Path, PathBuf};

use base64::Engine as _;
use serde_json::{Value, json};
use snowplowctl::enrich::loader::{self, access_log};
use snowplowctl::enrich::payload::{CollectorPayload, InputFormat};

const VECTORS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/snowplow/enrich-vectors");

fn vector_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .filter(|path| !matches!(path.file_name().and_then(|n| n.to_str()), Some("index.json" | "fields.json")))
        .collect();
    files.sort();
    files
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("parsing {}: {e}", path.display()))
}

/// The input format and raw record bytes of a vector; `None` for formats out of scope.
fn record(vector: &Value) -> Option<(InputFormat, Vec<u8>)> {
    let input = vector["input"].as_str().expect("input");
    let base64 = || base64::engine::general_purpose::STANDARD.decode(input).expect("base64 input");
    Some(match vector["format"].as_str().expect("format") {
        "cloudfront" => (InputFormat::Cloudfront, input.as_bytes().to_vec()),
        "clj-tomcat" => (InputFormat::CljTomcat, input.as_bytes().to_vec()),
        "thrift-base64" | "thrift-base64-legacy-snowplowrawevent" => (InputFormat::Thrift, base64()),
        "tsv/com.amazon.aws.cloudfront/wd_access_log" => (InputFormat::CloudfrontAccessLog, input.as_bytes().to_vec()),
        _ => return None,
    })
}

fn format_ms(ms: i64, pattern: &str) -> String {
    chrono::DateTime::from_timestamp_millis(ms).expect("timestamp in range").format(pattern).to_string()
}

/// Our payload in the vectors' `expected_collector_payload` vocabulary.
fn payload_view(payload: &CollectorPayload) -> Value {
    let timestamp = payload.context.timestamp.expect("every loader sets a timestamp");
    json!({
        "api": [payload.api.vendor, payload.api.version],
        "querystring": payload.querystring.iter().map(|p| json!([p.name, p.value])).collect::<Vec<_>>(),
        "collector": payload.source.name,
        "encoding": payload.source.encoding,
        "hostname": payload.source.hostname,
        "timestamp": format_ms(timestamp, "%Y-%m-%dT%H:%M:%S%.3f+00:00"),
        "timestamp_ms": timestamp,
        "ipAddress": payload.context.ip_address,
        "useragent": payload.context.useragent,
        "refererUri": payload.context.referer_uri,
        "headers": payload.context.headers,
        "userId": payload.context.user_id,
        "contentType": payload.content_type,
        "body": payload.body,
    })
}

#[test]
fn loader_vectors() {
    let files = vector_files(&Path::new(VECTORS).join("loader"));
    assert_eq!(files.len(), 17, "the loader vectors");
    for path in &files {
        let vector = read_json(path);
        let id = vector["id"].as_str().expect("id");
        let (format, bytes) = record(&vector).unwrap_or_else(|| panic!("{id}: format in scope"));
        let result = loader::load(format, &bytes);
        if let Some(expected) = vector.get("expected_collector_payload") {
            let payload = match result {
                Ok(Some(payload)) => payload,
                other => panic!("{id}: expected a payload, got {other:?}"),
            };
            let ours = payload_view(&payload);
            let expected = expected.as_object().expect("expected payload object");
            for (key, value) in expected {
                assert_eq!(&ours[key.as_str()], value, "{id}: {key}");
            }
        } else {
            let error = result.expect_err(id);
            let expected = &vector["expected_error"];
            match expected {
                Value::String(message) => assert_eq!(&error.to_string(), message, "{id}"),
                Value::Object(fields) => {
                    assert_eq!(error.to_string(), fields["message"].as_str().expect("message"), "{id}");
                    assert_eq!(fields["loader"].as_str(), Some(format.loader_name()), "{id}");
                    let detail = &error.failures()[0].detail;
                    let modern = match detail {
                        loader::FailureDetail::Error(message) => message.clone(),
                        loader::FailureDetail::InputData { expectation, .. } => expectation.clone(),
                    };
                    assert_eq!(modern, fields["message"].as_str().expect("message"), "{id}: modern message");
                }
                other => panic!("{id}: unexpected expected_error {other}"),
            }
        }
    }
}

/// Bad vectors whose failure is the loader's (the rest fail later, in enrichment).
const LOADER_STAGE_BAD: &[&str] = &[
    "spark-bad-CorruptedCfLinesSpec",
    "spark-bad-CorruptedThriftLinesSpec",
    "spark-bad-InvalidCfLinesSpec-1",
    "spark-bad-InvalidCfLinesSpec-2",
    "spark-bad-InvalidCfLinesSpec-3",
    "spark-bad-UnsupportedPayloadCfLinesSpec",
];

#[test]
fn bad_vectors_fail_in_the_loader_exactly_when_snowplow_did() {
    let mut checked = 0;
    for path in vector_files(Path::new(VECTORS)) {
        let vector = read_json(&path);
        let id = vector["id"].as_str().expect("id");
        if !id.starts_with("spark-bad-") {
            continue;
        }
        let (format, bytes) = record(&vector).expect("format in scope");
        let result = loader::load(format, &bytes);
        if LOADER_STAGE_BAD.contains(&id) {
            let error = result.expect_err(id);
            let expected: Vec<&str> = vector["expected_bad_rows"][0]["errors"]
                .as_array()
                .expect("errors")
                .iter()
                .map(|e| e["message"].as_str().expect("message"))
                .collect();
            assert_eq!(error.messages().collect::<Vec<_>>(), expected, "{id}");
        } else {
            assert!(matches!(result, Ok(Some(_))), "{id}: loads, fails later: {result:?}");
        }
        checked += 1;
    }
    assert_eq!(checked, 10);
}

#[test]
fn header_lines_are_discarded() {
    let mut checked = 0;
    for path in vector_files(Path::new(VECTORS)) {
        let vector = read_json(&path);
        if vector["id"].as_str().is_some_and(|id| id.starts_with("spark-misc-DiscardableCfLinesSpec")) {
            let (format, bytes) = record(&vector).expect("format in scope");
            assert_eq!(loader::load(format, &bytes), Ok(None), "{}", vector["id"]);
            checked += 1;
        }
    }
    assert_eq!(checked, 2);
}

/// Every good vector in scope loads, with the collector timestamp and (where the tracker did not
/// send `ua`) the user agent its enriched event shows.
#[test]
fn good_vectors_load() {
    let mut checked = 0;
    for path in vector_files(Path::new(VECTORS)) {
        let vector = read_json(&path);
        let id = vector["id"].as_str().expect("id");
        if vector.get("expected_events").is_none() || id.starts_with("spark-bad-") || id.starts_with("spark-misc-") {
            continue;
        }
        let Some((format, bytes)) = record(&vector) else { continue };
        let payload = match loader::load(format, &bytes) {
            Ok(Some(payload)) => payload,
            other => panic!("{id}: expected a payload, got {other:?}"),
        };
        let event = &vector["expected_events"][0];
        let collector_tstamp = format_ms(payload.context.timestamp.expect("timestamp"), "%Y-%m-%d %H:%M:%S%.3f");
        assert_eq!(event[3].as_str(), Some(collector_tstamp.as_str()), "{id}: collector_tstamp");
        let tracker_sent_ua = payload.querystring.iter().any(|p| p.name == "ua");
        if id.starts_with("spark-")
            && !tracker_sent_ua
            && let (Some(expected), Some(ua)) = (event[77].as_str(), payload.context.useragent.as_deref())
        {
            // Legacy enrichment URL-decodes the loader's user agent; the TSV writer then drops
            // control characters.
            let decoded = loader::querystring::url_decode(ua).expect("decodable user agent");
            let tsv_safe: String = decoded.chars().filter(|c| !c.is_control()).collect();
            assert_eq!(tsv_safe, expected, "{id}: useragent");
        }
        if format == InputFormat::CloudfrontAccessLog {
            check_access_log_event(id, &payload, event);
        }
        checked += 1;
    }
    assert_eq!(checked, 57, "good cloudfront, clj-tomcat, thrift and wd_access_log vectors");
}

fn check_access_log_event(id: &str, payload: &CollectorPayload, event: &Value) {
    let parameters = access_log::event_parameters(payload).unwrap_or_else(|e| panic!("{id}: {e}"));
    let value = |name: &str| {
        parameters.iter().find(|p| p.name == name).and_then(|p| p.value.as_deref()).unwrap_or_else(|| panic!("{name}"))
    };
    assert_eq!(value("e"), "ue", "{id}");
    assert_eq!(Some(value("p")), event[1].as_str(), "{id}: platform");
    assert_eq!(Some(value("tv")), event[9].as_str(), "{id}: v_tracker");
    assert_eq!(Some(value("url")), event[29].as_str(), "{id}: page_url");
    assert_eq!(Some(value("ue_pr")), event[58].as_str(), "{id}: unstruct_event");
    assert_eq!(Some(payload.source.name.as_str()), event[10].as_str(), "{id}: v_collector");
}
