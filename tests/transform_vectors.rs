//! Conformance of `shred::transform` with the Analytics SDKs' own test vectors
//! (`../shared/snowplow/sdk-vectors`, read at test time).
//!
//! Python 0.2.3 vectors run with `Shape::Python`, Scala 2.1.0 vectors with `Shape::Scala`;
//! both are compared exactly (values and key order). Vectors of the other Scala versions are
//! checked where their flavour agrees with 2.x, and every vector not compared exactly is listed
//! in `PARTLY_CHECKED` or `SKIPPED` with the reason.

use std::path::Path;

use serde_json::Value;
use snowplowctl::shred::enriched::WidthError;
use snowplowctl::shred::transform::{Shape, TransformError, transform_line};

const VECTORS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/snowplow/sdk-vectors");

/// Vectors compared only in part, with the reason.
const PARTLY_CHECKED: &[(&str, &str)] = &[
    ("scala-3.2.1-01", "3.2.x adds `_schema_version` to each context item; compared without it"),
    ("scala-3.2.1-02", "3.2.x adds `_schema_version` to each context item; compared without it"),
    ("scala-3.2.1-03", "3.2.x adds `_schema_version` to each context item; compared without it"),
    ("scala-3.2.1-05", "3.2.x words the messages differently; keys and values compared"),
    ("scala-0.3.2-01", "0.3.x names field 121 refr_device_tstamp; compared with that key renamed"),
    ("scala-0.3.2-02", "0.3.x names field 121 refr_device_tstamp; compared with that key renamed"),
    ("scala-0.3.2-03", "0.3.x names field 121 refr_device_tstamp; compared with that key renamed"),
];

/// Vectors not run, with the reason.
const SKIPPED: &[(&str, &str)] = &[
    ("scala-0.3.2-05", "non-flattened `getValidatedJsonEvent(flatten=false)` API, not a transformer shape"),
    ("scala-0.3.2-06", "0.3.x Java exception texts (NumberFormatException); no --shape reproduces them"),
    ("scala-3.2.1-09", "opt-in truncation of oversized fields (`Event.parser(sizes)`), not part of the transform"),
];

fn vectors() -> Vec<(String, Value)> {
    let mut names: Vec<_> = std::fs::read_dir(VECTORS)
        .expect("../shared/snowplow/sdk-vectors")
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.ends_with(".json") && name != "index.json")
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let text = std::fs::read_to_string(Path::new(VECTORS).join(&name)).unwrap();
            (name.trim_end_matches(".json").to_owned(), serde_json::from_str(&text).unwrap())
        })
        .collect()
}

fn transform(tsv: &str, shape: Shape) -> Result<Value, TransformError> {
    let mut out = Vec::new();
    transform_line(tsv, shape, &mut out)?;
    assert_eq!(out.last(), Some(&b'\n'));
    Ok(serde_json::from_slice(&out).expect("the output is JSON"))
}

fn keys(value: &Value) -> Vec<&str> {
    value.as_object().unwrap().keys().map(String::as_str).collect()
}

fn assert_same(name: &str, actual: &Value, expected: &Value) {
    assert_eq!(actual, expected, "{name}: values differ");
    assert_eq!(keys(actual), keys(expected), "{name}: key order differs");
}

fn without_schema_version(mut value: Value) -> Value {
    for (key, items) in value.as_object_mut().unwrap() {
        if key.starts_with("contexts_") {
            for item in items.as_array_mut().unwrap() {
                item.as_object_mut().unwrap().shift_remove("_schema_version");
            }
        }
    }
    value
}

fn field_errors(result: Result<Value, TransformError>) -> Vec<(String, String, String)> {
    match result {
        Err(TransformError::Fields(errors)) => {
            errors.into_iter().map(|e| (e.name().to_owned(), e.value, e.message)).collect()
        }
        other => panic!("expected field errors, got {other:?}"),
    }
}

fn check(name: &str, vector: &Value) -> &'static str {
    let tsv = vector["tsv"].as_str().unwrap();
    let expected = &vector["expected_json"];
    let error = &vector["expected_error"];
    let prefix = &name[..name.find('-').unwrap()];
    let shape = if prefix == "python" { Shape::Python } else { Shape::Scala };
    if !expected.is_null() {
        let actual = transform(tsv, shape).unwrap_or_else(|e| panic!("{name}: {e}"));
        if name.starts_with("scala-3.2.1") {
            assert_same(name, &actual, &without_schema_version(expected.clone()));
            return "partly";
        }
        if name.starts_with("scala-0.3.2") {
            let text =
                serde_json::to_string(&actual).unwrap().replace("\"refr_dvce_tstamp\"", "\"refr_device_tstamp\"");
            assert_same(name, &serde_json::from_str(&text).unwrap(), expected);
            return "partly";
        }
        assert_same(name, &actual, expected);
        return "exact";
    }
    if let Some(messages) = error.get("messages") {
        let result = transform(tsv, shape);
        if name.starts_with("python") {
            // The only message-list vector for Python is the wrong field count.
            let expected = messages[0].as_str().unwrap();
            let found = expected.split(' ').nth(4).unwrap().parse::<usize>().unwrap();
            assert_eq!(result.unwrap_err(), TransformError::Width(WidthError::FieldCount { found, expected: "131" }));
            return "exact";
        }
        panic!("{name}: unexpected message vector");
    }
    if let Some(prefix_text) = error.get("message_prefix") {
        let errors = field_errors(transform(tsv, shape));
        assert_eq!(errors.len(), 1, "{name}: {errors:?}");
        assert!(errors[0].2.starts_with(prefix_text.as_str().unwrap()), "{name}: {errors:?}");
        return "exact";
    }
    if let Some(count) = error.get("message_count") {
        let errors = field_errors(transform(tsv, shape));
        assert_eq!(errors.len() as u64, count.as_u64().unwrap(), "{name}: {errors:?}");
        assert_eq!(errors[0].0, "contexts");
        assert!(errors[0].2.starts_with("Unexpected exception parsing field with key contexts and value bad_contexts"));
        assert_eq!(errors[1].2, "Invalid value bad_dvce_ismobile for field dvce_ismobile");
        return "exact";
    }
    match error["type"].as_str() {
        Some("NotTSV") => {
            assert_eq!(transform(tsv, shape).unwrap_err(), TransformError::Width(WidthError::NotTsv), "{name}");
            "exact"
        }
        Some("FieldNumberMismatch") => {
            let found = error["fieldCount"].as_u64().unwrap() as usize;
            assert_eq!(
                transform(tsv, shape).unwrap_err(),
                TransformError::Width(WidthError::FieldCount { found, expected: "131" }),
                "{name}"
            );
            "exact"
        }
        Some("RowDecodingError") => {
            let actual = field_errors(transform(tsv, shape));
            let expected: Vec<(String, String, String)> = error["errors"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| {
                    let text = |k: &str| e[k].as_str().unwrap().to_owned();
                    (text("key"), text("value"), text("message"))
                })
                .collect();
            if name.starts_with("scala-3.2.1") {
                let strip = |v: &[(String, String, String)]| {
                    v.iter().map(|(k, value, _)| (k.clone(), value.clone())).collect::<Vec<_>>()
                };
                assert_eq!(strip(&actual), strip(&expected), "{name}");
                return "partly";
            }
            assert_eq!(actual, expected, "{name}");
            "exact"
        }
        _ => panic!("{name}: no check for this vector"),
    }
}

#[test]
#[allow(clippy::print_stderr)] // The conformance numbers are worth seeing in `--nocapture` runs.
fn sdk_vectors_match() {
    let mut exact = Vec::new();
    let mut partly = Vec::new();
    let mut skipped = Vec::new();
    for (name, vector) in vectors() {
        let short = name.splitn(4, '-').take(3).collect::<Vec<_>>().join("-");
        let short = if name.starts_with("python") { name.clone() } else { short };
        if let Some((_, reason)) = SKIPPED.iter().find(|(skip, _)| *skip == short) {
            skipped.push(format!("{name}: {reason}"));
            continue;
        }
        // Helper-method and merge vectors give partial expectations: check what they state.
        if let Some(partial) = vector.get("expected_partial") {
            let tsv = vector["tsv"].as_str().unwrap();
            let actual = transform(tsv, Shape::Scala).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(actual["contexts_org_acme_context_one_1"].as_array().map(Vec::len), Some(2), "{name}");
            if partial["note"].as_str().is_some_and(|n| n.contains("geoLocation")) {
                assert_eq!(actual["geo_location"], "37.443604,-122.4124", "{name}");
                assert!(actual.get("unstruct_event_com_snowplowanalytics_snowplow_link_click_1").is_some());
            }
            partly.push(format!("{name}: partial expectation checked"));
            continue;
        }
        match check(&name, &vector) {
            "exact" => exact.push(name),
            _ => {
                let reason = PARTLY_CHECKED.iter().find(|(n, _)| *n == short).map(|(_, r)| *r);
                partly.push(format!("{name}: {}", reason.unwrap_or_else(|| panic!("{name}: no reason listed"))));
            }
        }
    }
    eprintln!("exact: {}\n  {}", exact.len(), exact.join("\n  "));
    eprintln!("partly checked: {}\n  {}", partly.len(), partly.join("\n  "));
    eprintln!("skipped: {}\n  {}", skipped.len(), skipped.join("\n  "));
    assert_eq!(exact.len() + partly.len() + skipped.len(), 27);
    assert_eq!(skipped.len(), SKIPPED.len());
    assert!(exact.len() >= 12, "{exact:?}");
}
