//! `snowplowctl transform`: the CLI, and agreement with the Python Analytics SDK
//! (`snowplow-analytics-sdk` 0.2.3 from PyPI) on every enriched line our tests produce.

mod support;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use base64::Engine as _;
use serde_json::Value;
use snowplowctl::enrich::catalog::EnrichRuntime;
use snowplowctl::enrich::outcome::{RecordOrigin, RecordProcessor, RecordSink};
use snowplowctl::enrich::payload::InputFormat;
use snowplowctl::enrich::pipeline::{EnrichSettings, Pipeline};
use snowplowctl::iglu::repo::LocalRepository;
use snowplowctl::iglu::{ConfiguredRepository, Resolver, ResolverConfig, Validators};
use support::{fixture, python_sdk, root, shared};

/// Says loudly that a test is skipped: written to stderr directly so the harness shows it.
fn skipped(test: &str, why: &str) {
    let _ = writeln!(std::io::stderr().lock(), "\n*** SKIPPED {test}: {why}; run scripts/test. ***");
}

fn transform(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let mut cmd = support::snowplowctl(&dir.join("cache"));
    cmd.current_dir(dir).arg("transform").args(args);
    support::run(&mut cmd)
}

fn event_line(event_id: &str, latitude: &str) -> String {
    let mut fields = vec![""; 131];
    fields[0] = "app";
    fields[3] = "2024-02-01 10:00:00.120";
    fields[6] = event_id;
    fields[10] = "ssc-2.0.0";
    fields[11] = "snowplowctl-0.1.0";
    fields[22] = latitude;
    fields[23] = "2.5";
    fields[52] = r#"{"schema":"iglu:com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-0","data":[{"schema":"iglu:com.acme/WebPage-x/jsonschema/2-1-0","data":{"id":"a"}}]}"#;
    fields.join("\t")
}

#[test]
fn bad_lines_are_reported_with_their_line_numbers_and_good_lines_still_written() {
    let dir = tempfile::tempdir().unwrap();
    let good = event_line("c6ef3124-b53a-4b13-a233-0088f79dcbcb", "48.1");
    let bad_value = event_line("not-a-uuid", "north");
    let text = format!("{good}\nshort\tline\n{bad_value}\n{good}\n");
    std::fs::write(dir.path().join("events.tsv"), text).unwrap();

    let (code, stdout, stderr) = transform(dir.path(), &["events.tsv"]);
    assert_eq!(code, 1, "{stderr}");
    let lines: Vec<Value> = stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["geo_location"], "48.1,2.5");
    assert_eq!(lines[0]["collector_tstamp"], "2024-02-01T10:00:00.120Z");
    assert_eq!(lines[0]["contexts_com_acme_web_page_x_2"], serde_json::json!([{"id": "a"}]));
    assert_eq!(lines[0]["user_id"], Value::Null);
    assert!(stderr.contains("events.tsv:2: expected 131 fields, found 2"), "{stderr}");
    assert!(
        stderr.contains("events.tsv:3: field 6 (event_id): Cannot parse key 'event_id with value not-a-uuid into UUID; field 22 (geo_latitude): Cannot parse key 'geo_latitude with value north into double"),
        "{stderr}"
    );
    assert!(
        stderr.contains("2 of 4 lines from 1 file(s) could not be transformed; the other 2 were written"),
        "{stderr}"
    );

    let (code, _, stderr) = transform(dir.path(), &["events.tsv", "--shape", "python", "--output", "out.ndjson"]);
    assert_eq!(code, 1, "{stderr}");
    let written = std::fs::read_to_string(dir.path().join("out.ndjson")).unwrap();
    let lines: Vec<Value> = written.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    // Python accepts any event_id; "north" is still not a float.
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["collector_tstamp"], "2024-02-01T10:00:00.120Z");
    assert_eq!(lines[0]["contexts_com_acme_web_page-x_2"], serde_json::json!([{"id": "a"}]));
    assert!(lines[0].get("user_id").is_none());
    assert!(stderr.contains("events.tsv:3: field 22 (geo_latitude): Unexpected exception parsing field with key geo_latitude and value north"), "{stderr}");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert!(!leftovers.iter().any(|n| n.to_string_lossy().contains("tmp")), "{leftovers:?}");
}

#[test]
fn a_missing_input_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let (code, stdout, stderr) = transform(dir.path(), &["nowhere.tsv", "--output", "out.ndjson"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stdout.is_empty() && stderr.contains("nowhere.tsv: no such file or directory"), "{stderr}");
    assert!(!dir.path().join("out.ndjson").exists());
}

fn validators() -> Arc<Validators> {
    let central = ConfiguredRepository {
        name: "Iglu Central (local copy)".into(),
        priority: 0,
        vendor_prefixes: Vec::new(),
        repo: Box::new(LocalRepository::new(shared().join("iglu-central"))),
    };
    Arc::new(Validators::new(Arc::new(Resolver::from_repositories(&ResolverConfig::bundled_only(), vec![central]))))
}

/// The good lines our enrichment core writes for every enrich vector.
fn enrich_vector_lines() -> Vec<String> {
    let vectors = shared().join("snowplow/enrich-vectors");
    let index: Value = serde_json::from_str(&std::fs::read_to_string(vectors.join("index.json")).unwrap()).unwrap();
    let validators = validators();
    let mut lines = Vec::new();
    for entry in index.as_array().unwrap() {
        let vector: Value =
            serde_json::from_str(&std::fs::read_to_string(vectors.join(entry["file"].as_str().unwrap())).unwrap())
                .unwrap();
        let id = vector["id"].as_str().unwrap();
        let (format, base64_input) = match vector["format"].as_str().unwrap() {
            "cloudfront" => (InputFormat::Cloudfront, false),
            "clj-tomcat" => (InputFormat::CljTomcat, false),
            "tsv/com.amazon.aws.cloudfront/wd_access_log" => (InputFormat::CloudfrontAccessLog, false),
            f if f.starts_with("thrift-base64") => (InputFormat::Thrift, true),
            _ => continue,
        };
        let input = vector["input"].as_str().unwrap();
        let record = if base64_input {
            base64::engine::general_purpose::STANDARD.decode(input).unwrap()
        } else {
            input.as_bytes().to_vec()
        };
        for runtime in [EnrichRuntime::Legacy, EnrichRuntime::Enrich6] {
            let pipeline =
                Pipeline::new(EnrichSettings::new(format, runtime, 1_000_000_000_000), Arc::clone(&validators));
            let mut sink = RecordSink::default();
            pipeline.process(&record, RecordOrigin { source: id, offset: 0 }, &mut sink);
            lines.extend(String::from_utf8(sink.good).unwrap().lines().map(str::to_owned));
        }
    }
    lines
}

fn enriched_archive_lines(work: &Path) -> Vec<String> {
    let mut cmd = support::snowplowctl(&work.join("cache"));
    cmd.arg("enrich")
        .arg(fixture("enrich/archive"))
        .args(["--input-format", "clj-tomcat", "--resolver"])
        .arg(fixture("enrich/bench/resolver.json"))
        .arg("--output")
        .arg(work.join("out"))
        .args(["--run-id", "2024-02-01-00-00-00", "--etl-timestamp", "1706745600000"]);
    let (code, _, stderr) = support::run(&mut cmd);
    assert_eq!(code, 0, "{stderr}");
    let dir = work.join("out/enriched/good/run=2024-02-01-00-00-00");
    let mut parts: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    parts.sort();
    parts
        .iter()
        .flat_map(|p| std::fs::read_to_string(p).unwrap().lines().map(str::to_owned).collect::<Vec<_>>())
        .collect()
}

#[test]
fn the_python_sdk_accepts_our_enriched_lines_and_agrees_with_the_python_shape() {
    let test = "the_python_sdk_accepts_our_enriched_lines_and_agrees_with_the_python_shape";
    let python = match python_sdk::python() {
        Ok(python) => python,
        Err(why) => return skipped(test, &why),
    };
    let work = tempfile::tempdir().unwrap();
    let vector_lines = enrich_vector_lines();
    assert!(vector_lines.len() >= 60, "{}", vector_lines.len());
    let archive_lines = enriched_archive_lines(work.path());
    assert_eq!(archive_lines.len(), 62);
    // The SDK vectors' own positive lines too (131 fields, written by other enrich versions).
    let sdk_vector =
        std::fs::read_to_string(shared().join("snowplow/sdk-vectors/python-0.2.3-transform-full-event.json")).unwrap();
    let sdk_line = serde_json::from_str::<Value>(&sdk_vector).unwrap()["tsv"].as_str().unwrap().to_owned();
    for (label, lines) in
        [("enrich vectors", vector_lines), ("enriched archive", archive_lines), ("sdk vector", vec![sdk_line])]
    {
        let file = work.path().join(format!("{}.tsv", label.replace(' ', "-")));
        std::fs::write(&file, lines.join("\n") + "\n").unwrap();
        let checked = python_sdk::assert_agrees(&python, &file, label);
        assert_eq!(checked, lines.len());
    }
    assert!(root().join("tests/sdk/python_transform.py").exists());
}
