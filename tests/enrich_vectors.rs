//! Conformance of the enrichment core with Snowplow's own enrich test vectors
//! (`../shared/snowplow/enrich-vectors`, read at test time).
//!
//! `spark-*` vectors run with the legacy runtime (Spark Enrich R117) and ETL timestamp
//! 1000000000000; `stream-3.9.0-*` vectors with Enrich 6. Each runs with its suite's enrichment
//! set (`../shared/snowplow/enrichment-configs/test-*.json`) and its own flags (anon_ip on or
//! off and its octets, …), limited to the enrichments this build has ([`BUILT`]). Every checked
//! column that does not depend on a missing enrichment or third-party data is compared exactly;
//! regex-checked columns are matched against their regex; the stream vectors' `pii_transformation`
//! event is compared too. Legacy bad vectors must produce exactly the expected `errors`
//! messages. Every run asserts the record accounting (`Counts::check`).

mod support;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use base64::Engine as _;
use regex::Regex;
use serde_json::Value;
use snowplowctl::enrich::badrow::BadRowStyle;
use snowplowctl::enrich::catalog::EnrichRuntime;
use snowplowctl::enrich::enrichments::{self, EnrichmentFiles, RawConfig, RegistryOptions};
use snowplowctl::enrich::event::FIELD_NAMES;
use snowplowctl::enrich::outcome::{BadRowKind, RecordOrigin, RecordProcessor, RecordSink};
use snowplowctl::enrich::payload::InputFormat;
use snowplowctl::enrich::pipeline::{EnrichSettings, EnrichmentStep, Pipeline};
use snowplowctl::iglu::repo::LocalRepository;
use snowplowctl::iglu::{ConfiguredRepository, Resolver, ResolverConfig, SchemaKey, Validators};

const VECTORS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/snowplow/enrich-vectors");
const CONFIGS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/snowplow/enrichment-configs");

/// The enrichments of the suites' sets this build runs; the others' columns are not compared.
const BUILT: &[&str] = &["anon_ip", "campaign_attribution", "event_fingerprint_config", "pii_enrichment_config"];
const IGLU_CENTRAL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/iglu-central");
const ETL_TIMESTAMP: i64 = 1_000_000_000_000;

/// Columns filled by enrichments this build does not have (referer_parser, ua_parser,
/// ip_lookups with MaxMind data, the Java user-agent-utils, currency conversion) or
/// implementation-specific (`v_etl`): never compared.
fn skipped_column(name: &str) -> bool {
    matches!(
        name,
        "refr_medium"
            | "refr_source"
            | "refr_term"
            | "br_name"
            | "br_family"
            | "br_version"
            | "br_type"
            | "br_renderengine"
            | "os_name"
            | "os_family"
            | "os_manufacturer"
            | "dvce_type"
            | "dvce_ismobile"
            | "derived_contexts"
            | "event_fingerprint"
            | "v_etl"
            | "tr_total_base"
            | "tr_tax_base"
            | "tr_shipping_base"
            | "ti_price_base"
            | "base_currency"
    ) || name.starts_with("geo_")
        || name.starts_with("ip_")
}

/// The enrichment steps a vector ran with: its suite's set, with the vector's own flags, limited
/// to [`BUILT`].
fn enrichment_steps(vector: &Value, validators: &Validators) -> Vec<Box<dyn EnrichmentStep>> {
    let id = vector["id"].as_str().unwrap();
    let (suite, runtime) = if id.starts_with("stream-") {
        ("test-stream-enrich-3.9.0-SpecHelpers-enrichments.json", EnrichRuntime::Enrich6)
    } else {
        ("test-spark-enrich-r117-EnrichJobSpec-enrichments.json", EnrichRuntime::Legacy)
    };
    let mut set: Value =
        serde_json::from_str(&std::fs::read_to_string(Path::new(CONFIGS).join(suite)).unwrap()).unwrap();
    set.as_object_mut().unwrap().remove("_comment");
    let flags = &vector["enrichments"];
    let configs = set["data"].as_array_mut().unwrap();
    configs.retain(|config| BUILT.iter().any(|name| config["schema"].as_str().unwrap().contains(&format!("/{name}/"))));
    for config in configs.iter_mut() {
        let name = config["schema"].as_str().unwrap().split('/').nth(1).unwrap().to_owned();
        let flag = &flags[name.as_str()];
        if let Some(enabled) = flag["enabled"].as_bool() {
            config["data"]["enabled"] = enabled.into();
        }
        if name == "anon_ip"
            && let Some(octets) = flag["anonOctets"].as_u64()
        {
            config["data"]["parameters"]["anonOctets"] = octets.into();
        }
    }
    let documents = [RawConfig { origin: suite.into(), text: set.to_string() }];
    let files = EnrichmentFiles::new(std::env::temp_dir().join("snowplowctl-vector-cache"));
    let options = RegistryOptions { runtime, skip_unsupported: false, log_input: !id.starts_with("stream-") };
    enrichments::load(&documents, validators, &files, options).unwrap_or_else(|e| panic!("{id}: {e:?}")).steps
}

fn validators() -> Arc<Validators> {
    let central = ConfiguredRepository {
        name: "Iglu Central (local copy)".into(),
        priority: 0,
        vendor_prefixes: Vec::new(),
        repo: Box::new(LocalRepository::new(IGLU_CENTRAL)),
    };
    Arc::new(Validators::new(Arc::new(Resolver::from_repositories(&ResolverConfig::bundled_only(), vec![central]))))
}

fn load(id: &str) -> Value {
    let text = std::fs::read_to_string(Path::new(VECTORS).join(format!("{id}.json"))).expect("vector readable");
    serde_json::from_str(&text).expect("vector is JSON")
}

fn format_of(name: &str) -> (InputFormat, bool) {
    match name {
        "cloudfront" => (InputFormat::Cloudfront, false),
        "clj-tomcat" => (InputFormat::CljTomcat, false),
        "tsv/com.amazon.aws.cloudfront/wd_access_log" => (InputFormat::CloudfrontAccessLog, false),
        n if n.starts_with("thrift-base64") => (InputFormat::Thrift, true),
        other => panic!("unexpected vector format {other}"),
    }
}

fn run(vector: &Value, validators: &Arc<Validators>, style: BadRowStyle) -> (RecordSink, Vec<Vec<String>>) {
    let id = vector["id"].as_str().unwrap();
    let runtime = if id.starts_with("stream-") { EnrichRuntime::Enrich6 } else { EnrichRuntime::Legacy };
    let (format, base64_input) = format_of(vector["format"].as_str().unwrap());
    let input = vector["input"].as_str().unwrap();
    let record = if base64_input {
        base64::engine::general_purpose::STANDARD.decode(input).unwrap()
    } else {
        input.as_bytes().to_vec()
    };
    let mut settings = EnrichSettings::new(format, runtime, ETL_TIMESTAMP);
    settings.bad_row_style = style;
    let steps = if vector["enrichments"].is_object() { enrichment_steps(vector, validators) } else { Vec::new() };
    let pipeline = Pipeline::new(settings, Arc::clone(validators)).with_steps(steps);
    let mut sink = RecordSink::default();
    pipeline.process(&record, RecordOrigin { source: id, offset: 0 }, &mut sink);
    sink.counts.check().unwrap_or_else(|e| panic!("{id}: {e}"));
    let events = String::from_utf8(sink.good.clone())
        .unwrap()
        .lines()
        .map(|line| line.split('\t').map(str::to_owned).collect())
        .collect();
    (sink, events)
}

#[derive(Default)]
struct Tally {
    vectors: usize,
    pii_events: usize,
    events: usize,
    columns: usize,
    mismatches: Vec<String>,
}

#[test]
fn enrich_vectors_conform() {
    let index: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(Path::new(VECTORS).join("index.json")).unwrap()).unwrap();
    let validators = validators();
    let skipped: BTreeMap<&str, &str> = support::vectors::SKIPPED.iter().copied().collect();
    let mut tally = Tally::default();
    for entry in &index {
        let id = entry["id"].as_str().unwrap();
        let kind = entry["kind"].as_str().unwrap();
        if !matches!(kind, "good" | "bad" | "discard") || skipped.contains_key(id) {
            continue;
        }
        let vector = load(id);
        let legacy = id.starts_with("spark-");
        let style = if legacy { BadRowStyle::Legacy } else { BadRowStyle::Modern };
        let (sink, events) = run(&vector, &validators, style);
        tally.vectors += 1;
        match kind {
            "discard" => {
                assert_eq!(sink.counts.discarded, 1, "{id}");
                assert!(sink.good.is_empty() && sink.bad.is_empty(), "{id}");
            }
            "bad" => {
                assert!(sink.good.is_empty(), "{id}: no event expected");
                let rows: Vec<Value> =
                    String::from_utf8_lossy(&sink.bad).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
                let expected = vector["expected_bad_rows"].as_array().unwrap();
                assert_eq!(rows.len(), expected.len(), "{id}");
                for (row, want) in rows.iter().zip(expected) {
                    if row["line"] != want["line"] || row["errors"] != want["errors"] {
                        tally
                            .mismatches
                            .push(format!("{id}: bad row\n  got  {}\n  want {}", row["errors"], want["errors"]));
                    }
                    tally.columns += 1;
                }
            }
            _ => {
                let mut expected = vector["expected_events"].as_array().unwrap().clone();
                let mut regex_sets =
                    vec![vector["expected_regex"].as_object().cloned().unwrap_or_default(); expected.len()];
                if let Some(pii) = vector.get("expected_pii_event") {
                    expected.push(pii.clone());
                    regex_sets.push(vector["expected_pii_event_regex"].as_object().cloned().unwrap_or_default());
                    tally.pii_events += 1;
                }
                if events.len() != expected.len() {
                    tally.mismatches.push(format!(
                        "{id}: {} events, expected {}; bad rows: {}",
                        events.len(),
                        expected.len(),
                        String::from_utf8_lossy(&sink.bad)
                    ));
                    continue;
                }
                for (n, (got, want)) in events.iter().zip(&expected).enumerate() {
                    let regexes = &regex_sets[n];
                    tally.events += 1;
                    assert_eq!(got.len(), FIELD_NAMES.len(), "{id}: column count");
                    let checked = vector["checked_fields"].as_array().and_then(|c| c.get(n)).and_then(Value::as_u64);
                    let checked = checked.unwrap_or(FIELD_NAMES.len() as u64) as usize;
                    for (column, name) in FIELD_NAMES.iter().enumerate().take(checked) {
                        if skipped_column(name) {
                            continue;
                        }
                        let value = &got[column];
                        if let Some(pattern) = regexes.get(&column.to_string()).and_then(Value::as_str) {
                            let regex = Regex::new(&format!("^(?:{})$", java_regex(pattern))).unwrap();
                            tally.columns += 1;
                            if !regex.is_match(value) {
                                tally.mismatches.push(format!("{id}[{n}] {name}: {value:?} does not match {pattern}"));
                            }
                            continue;
                        }
                        let Some(want) = want[column].as_str() else { continue };
                        tally.columns += 1;
                        if value != want {
                            tally.mismatches.push(format!("{id}[{n}] {name}:\n  got  {value:?}\n  want {want:?}"));
                        }
                    }
                }
            }
        }
    }
    report(&tally);
    assert!(tally.mismatches.is_empty(), "{} mismatches:\n{}", tally.mismatches.len(), tally.mismatches.join("\n"));
    assert!(tally.vectors >= 40, "only {} vectors ran", tally.vectors);
}

/// A Java regex in Rust syntax: `\Q…\E` quoted sections become escaped text.
fn java_regex(pattern: &str) -> String {
    let mut out = String::new();
    let mut rest = pattern;
    while let Some(start) = rest.find("\\Q") {
        out.push_str(&rest[..start]);
        let quoted = &rest[start + 2..];
        let end = quoted.find("\\E").unwrap_or(quoted.len());
        out.push_str(&regex::escape(&quoted[..end]));
        rest = quoted.get(end + 2..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

#[allow(clippy::print_stderr)] // The conformance numbers are worth seeing in `--nocapture` runs.
fn report(tally: &Tally) {
    eprintln!(
        "enrich vectors: {} vectors run ({} events of which {} pii_transformation, {} values compared), {} skipped",
        tally.vectors,
        tally.events,
        tally.pii_events,
        tally.columns,
        support::vectors::SKIPPED.len()
    );
}

#[test]
fn skipped_vectors_exist_and_every_vector_is_accounted_for() {
    let index: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(Path::new(VECTORS).join("index.json")).unwrap()).unwrap();
    let ids: Vec<&str> = index.iter().map(|e| e["id"].as_str().unwrap()).collect();
    for (id, _) in support::vectors::SKIPPED {
        assert!(ids.contains(id), "skipped vector {id} is not in the index");
    }
    for entry in &index {
        let format = entry["format"].as_str().unwrap();
        if entry["kind"] == "good" && format.starts_with("ndjson") {
            assert!(
                support::vectors::SKIPPED.iter().any(|(id, _)| *id == entry["id"]),
                "{format} vectors are out of scope"
            );
        }
    }
}

/// Runs one raw record through a pipeline and returns its single bad row.
fn bad_row(format: InputFormat, runtime: EnrichRuntime, record: &[u8], validators: &Arc<Validators>) -> Value {
    let pipeline = Pipeline::new(EnrichSettings::new(format, runtime, ETL_TIMESTAMP), Arc::clone(validators));
    let mut sink = RecordSink::default();
    pipeline.process(record, RecordOrigin { source: "test", offset: 0 }, &mut sink);
    sink.counts.check().unwrap();
    assert!(sink.good.is_empty(), "{}", String::from_utf8_lossy(&sink.good));
    assert_eq!(sink.counts.total_bad_rows(), 1);
    serde_json::from_slice(sink.bad.strip_suffix(b"\n").unwrap()).unwrap()
}

const CF_PREFIX: &str = "2012-05-24  00:06:42  LHR5  3402  216.160.83.56  GET d3gs014xn8p70.cloudfront.net";
const CF_MIDDLE: &str = "200 http://www.psychicbazaar.com/ Mozilla/5.0";

fn cloudfront(path: &str, query: &str) -> Vec<u8> {
    format!("{CF_PREFIX}  {path}  {CF_MIDDLE}  {query}").into_bytes()
}

#[test]
fn every_bad_row_kind_from_the_pipeline_validates_against_its_schema() {
    let validators = validators();
    let cases: Vec<(BadRowKind, Value)> = vec![
        (
            BadRowKind::CollectorPayloadFormatViolation,
            bad_row(InputFormat::Cloudfront, EnrichRuntime::Legacy, b"NOT VALID", &validators),
        ),
        (
            BadRowKind::TrackerProtocolViolations,
            bad_row(InputFormat::Cloudfront, EnrichRuntime::Legacy, &cloudfront("/i", "-"), &validators),
        ),
        (
            BadRowKind::AdapterFailures,
            bad_row(
                InputFormat::Cloudfront,
                EnrichRuntime::Legacy,
                &cloudfront("/com.mailchimp/v1", "a=b"),
                &validators,
            ),
        ),
        (
            BadRowKind::SchemaViolations,
            bad_row(
                InputFormat::Cloudfront,
                EnrichRuntime::Enrich6,
                &cloudfront("/i", "e=pv&p=web&vid=x"),
                &validators,
            ),
        ),
        (
            BadRowKind::EnrichmentFailures,
            bad_row(InputFormat::Cloudfront, EnrichRuntime::Enrich6, &cloudfront("/i", "e=ad&p=web"), &validators),
        ),
    ];
    let pipeline = Pipeline::new(
        EnrichSettings::new(InputFormat::Thrift, EnrichRuntime::Enrich6, ETL_TIMESTAMP),
        Arc::clone(&validators),
    );
    let mut sink = RecordSink::default();
    pipeline.oversized(b"\x01\x02", 20_000_000, RecordOrigin { source: "t", offset: 0 }, &mut sink);
    pipeline.unreadable(
        b"\x1f\x8b",
        "unexpected end of gzip stream",
        RecordOrigin { source: "t", offset: 9 },
        &mut sink,
    );
    sink.counts.check().unwrap();
    let extra: Vec<Value> =
        sink.bad.split(|b| *b == b'\n').filter(|l| !l.is_empty()).map(|l| serde_json::from_slice(l).unwrap()).collect();
    let mut all = cases;
    all.push((BadRowKind::SizeViolation, extra[0].clone()));
    all.push((BadRowKind::GenericError, extra[1].clone()));
    for (kind, row) in all {
        assert_eq!(row["schema"], kind.schema(), "{row}");
        let key = SchemaKey::parse(kind.schema()).unwrap();
        let violations = validators.validate(&key, &row["data"]).unwrap();
        assert!(violations.is_empty(), "{kind}: {violations:?}\n{row}");
    }
}

#[test]
fn a_post_with_one_bad_event_keeps_its_siblings() {
    let body = r#"{"schema":"iglu:com.snowplowanalytics.snowplow/payload_data/jsonschema/1-0-4","data":[{"e":"pv","tv":"js","p":"web"},{"e":"pv","tv":"js","p":"web","vid":"x"}]}"#;
    let encoded = base64::engine::general_purpose::URL_SAFE.encode(body);
    let line = format!(
        "2014-09-08 13:58:56  - - 37.157.33.178 POST  - /com.snowplowanalytics.snowplow/tp2 200 - python-requests%2F2.2.1 &cv=clj-0.7.0-tom-0.1.0&nuid=f732d278-120e-4ab6-845b-c1f11cd85dc7 - - - application%2Fjson%3B+charset%3Dutf-8 {encoded}"
    );
    let validators = validators();
    let pipeline = Pipeline::new(
        EnrichSettings::new(InputFormat::CljTomcat, EnrichRuntime::Legacy, ETL_TIMESTAMP),
        Arc::clone(&validators),
    );
    let mut sink = RecordSink::default();
    pipeline.process(line.as_bytes(), RecordOrigin { source: "post", offset: 0 }, &mut sink);
    sink.counts.check().unwrap();
    assert_eq!((sink.counts.expanded_records, sink.counts.events), (1, 2), "{}", String::from_utf8_lossy(&sink.bad));
    assert_eq!((sink.counts.good_events, sink.counts.failed_events), (1, 1));
    assert_eq!(sink.counts.bad_rows(BadRowKind::SchemaViolations), 1);
    // Deterministic ids: the same input and ETL timestamp give the same output.
    let mut again = RecordSink::default();
    pipeline.process(line.as_bytes(), RecordOrigin { source: "post", offset: 0 }, &mut again);
    assert_eq!(sink.good, again.good);
    let columns: Vec<&str> = std::str::from_utf8(&sink.good).unwrap().trim_end().split('\t').collect();
    assert_eq!(columns[10], "clj-0.7.0-tom-0.1.0");
    assert_eq!(columns[17], "f732d278-120e-4ab6-845b-c1f11cd85dc7");
    assert!(snowplowctl::iglu::validate::is_uuid(columns[6]));
}

struct TagStep;

impl snowplowctl::enrich::pipeline::EnrichmentStep for TagStep {
    fn apply(
        &self,
        _input: &snowplowctl::enrich::transform::EventInput<'_>,
        event: &mut snowplowctl::enrich::event::EnrichedEvent,
        output: &mut snowplowctl::enrich::pipeline::StepOutput,
    ) {
        event.set(snowplowctl::enrich::event::Field::EtlTags, "tagged");
        // Derived contexts are validated after the steps: `name` without `value` is invalid.
        let header = match event.get(snowplowctl::enrich::event::Field::AppId) {
            Some("invalid") => serde_json::json!({"name": "X-Tag"}),
            _ => serde_json::json!({"name": "X-Tag", "value": "tagged"}),
        };
        output
            .derived_contexts
            .push(serde_json::json!({"schema": "iglu:org.ietf/http_header/jsonschema/1-0-0", "data": header}));
        if event.get(snowplowctl::enrich::event::Field::AppId) == Some("reject") {
            output.problems.push(snowplowctl::enrich::badrow::Problem::Enrichment {
                field: None,
                value: None,
                message: "rejected by the step".into(),
                legacy: "rejected by the step".into(),
            });
        }
    }
}

#[test]
fn enrichment_steps_run_in_order_on_good_events() {
    let pipeline = Pipeline::new(
        EnrichSettings::new(InputFormat::Cloudfront, EnrichRuntime::Enrich6, ETL_TIMESTAMP),
        validators(),
    )
    .with_steps(vec![Box::new(TagStep)]);
    let mut sink = RecordSink::default();
    let origin = RecordOrigin { source: "steps", offset: 0 };
    pipeline.process(&cloudfront("/i", "e=pv&aid=keep"), origin, &mut sink);
    pipeline.process(&cloudfront("/i", "e=pv&aid=reject"), origin, &mut sink);
    pipeline.process(&cloudfront("/i", "e=pv&aid=invalid"), origin, &mut sink);
    sink.counts.check().unwrap();
    let line = String::from_utf8(sink.good.clone()).unwrap();
    let columns: Vec<&str> = line.trim_end().split('\t').collect();
    assert_eq!(columns[118], "tagged");
    let derived: serde_json::Value = serde_json::from_str(columns[122]).unwrap();
    assert_eq!(derived["schema"], "iglu:com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-1");
    assert_eq!(derived["data"][0]["data"]["value"], "tagged");
    assert_eq!(sink.counts.bad_rows(BadRowKind::EnrichmentFailures), 1);
    assert_eq!(sink.counts.bad_rows(BadRowKind::SchemaViolations), 1);
    let bad = snowplowctl::enrich::pipeline::bad_rows(&sink);
    let violation = bad.iter().find(|row| row["schema"].as_str().unwrap().contains("schema_violations")).unwrap();
    assert!(violation.to_string().contains("iglu:org.ietf/http_header/jsonschema/1-0-0"), "{violation}");
}

/// A step that always fails, as a configurable enrichment does.
struct FailingStep(snowplowctl::enrich::enrichments::EnrichmentId);

impl EnrichmentStep for FailingStep {
    fn apply(
        &self,
        _input: &snowplowctl::enrich::transform::EventInput<'_>,
        _event: &mut snowplowctl::enrich::event::EnrichedEvent,
        output: &mut snowplowctl::enrich::pipeline::StepOutput,
    ) {
        output.problems.push(self.0.problem(Some("page_urlquery"), Some("a=%zz"), "cannot be parsed"));
    }
}

#[test]
fn enrichment_failures_name_the_enrichment_and_validate() {
    let validators = validators();
    let id = snowplowctl::enrich::enrichments::EnrichmentId {
        schema_key: "iglu:com.snowplowanalytics.snowplow/campaign_attribution/jsonschema/1-0-1".into(),
        identifier: "campaign_attribution".into(),
    };
    let pipeline = Pipeline::new(
        EnrichSettings::new(InputFormat::Cloudfront, EnrichRuntime::Enrich6, ETL_TIMESTAMP),
        Arc::clone(&validators),
    )
    .with_steps(vec![Box::new(FailingStep(id))]);
    let mut sink = RecordSink::default();
    pipeline.process(&cloudfront("/i", "e=pv&p=web"), RecordOrigin { source: "fail", offset: 0 }, &mut sink);
    sink.counts.check().unwrap();
    let rows = snowplowctl::enrich::pipeline::bad_rows(&sink);
    assert_eq!(rows[0]["schema"], BadRowKind::EnrichmentFailures.schema());
    let message = &rows[0]["data"]["failure"]["messages"][0];
    assert_eq!(message["enrichment"]["identifier"], "campaign_attribution");
    assert_eq!(message["message"]["field"], "page_urlquery");
    let key = SchemaKey::parse(BadRowKind::EnrichmentFailures.schema()).unwrap();
    assert_eq!(validators.validate(&key, &rows[0]["data"]).unwrap(), Vec::new());
}
