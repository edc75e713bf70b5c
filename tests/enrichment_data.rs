//! The data-file enrichments (referer_parser, ua_parser, ip_lookups) against their upstream
//! test suites, and the JavaScript enrichment's sandbox. Third-party data is read from
//! `../shared/thirdparty-data` at test time and never copied into the project.

mod support;

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use base64::Engine as _;
use serde_json::{Value, json};
use snowplowctl::enrich::catalog::EnrichRuntime;
use snowplowctl::enrich::enrichments::ip_lookups::{
    ASN_CONTEXT_SCHEMA, IpDatabases, IpInfo, IpLookups, IpLookupsError,
};
use snowplowctl::enrich::enrichments::javascript::JavascriptScript;
use snowplowctl::enrich::enrichments::referer_parser::RefererParser;
use snowplowctl::enrich::enrichments::ua_parser::UaParser;
use snowplowctl::enrich::event::{EnrichedEvent, FIELD_NAMES};
use snowplowctl::enrich::outcome::{BadRowKind, RecordOrigin, RecordProcessor, RecordSink};
use snowplowctl::enrich::payload::InputFormat;
use snowplowctl::enrich::pipeline::{EnrichSettings, EnrichmentStep, Pipeline, bad_rows};
use snowplowctl::enrich::url::parse_page_uri;
use snowplowctl::iglu::repo::LocalRepository;
use snowplowctl::iglu::{ConfiguredRepository, Resolver, ResolverConfig, Validators};

const THIRDPARTY: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/thirdparty-data");

fn thirdparty(path: &str) -> Vec<u8> {
    std::fs::read(Path::new(THIRDPARTY).join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[allow(clippy::print_stderr)] // Pass rates are worth seeing in `--nocapture` runs.
fn report(what: &str, passed: usize, total: usize) {
    eprintln!("{what}: {passed}/{total} passed ({:.2}%)", 100.0 * passed as f64 / total.max(1) as f64);
}

#[test]
fn referer_parser_matches_every_upstream_test_case() {
    let parser = RefererParser::from_parts(&json!({"internalDomains": []}), &thirdparty("referer-parser/referers.yml"))
        .expect("referers.yml loads");
    let cases: Vec<Value> = serde_json::from_slice(&thirdparty("referer-parser/referer-tests.json")).unwrap();
    let mut failures = Vec::new();
    for case in &cases {
        let uri = case["uri"].as_str().unwrap();
        let (text, parts) = parse_page_uri(uri).unwrap_or_else(|e| panic!("{uri}: {e}"));
        let part = |range: &Option<std::ops::Range<usize>>| range.clone().map(|r| &text[r]);
        let got = parser.classify(part(&parts.scheme), part(&parts.host), part(&parts.path), part(&parts.query), None);
        let got = got.map(|r| (r.medium.as_str().to_owned(), r.source, r.term));
        let want = (
            case["medium"].as_str().unwrap().to_owned(),
            case["source"].as_str().map(str::to_owned),
            case["term"].as_str().map(str::to_owned),
        );
        if got.as_ref() != Some(&want) {
            failures.push(format!("{}: got {got:?}, want {want:?}", case["spec"]));
        }
    }
    report("referer-tests.json", cases.len() - failures.len(), cases.len());
    assert_eq!(cases.len(), 118);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Runs one uap-core test file; `check` compares one case and returns whether it passed.
fn uap_cases(file: &str, mut check: impl FnMut(&serde_yaml::Value) -> bool) -> (usize, usize, Vec<String>) {
    let doc: serde_yaml::Value = serde_yaml::from_slice(&thirdparty(file)).unwrap();
    let cases = doc["test_cases"].as_sequence().unwrap();
    let mut failures = Vec::new();
    for case in cases {
        if !check(case) {
            failures.push(case["user_agent_string"].as_str().unwrap_or_default().to_owned());
        }
    }
    (cases.len() - failures.len(), cases.len(), failures)
}

fn expected(case: &serde_yaml::Value, key: &str) -> Option<String> {
    case[key].as_str().map(str::to_owned).filter(|s| !s.is_empty())
}

fn ua_parser() -> UaParser {
    UaParser::from_parts(&Value::Null, &thirdparty("uap-core/regexes.yaml")).expect("regexes.yaml compiles")
}

#[test]
fn ua_parser_passes_uap_core_user_agent_tests() {
    let parser = ua_parser();
    let (passed, total, failures) = uap_cases("uap-core/test_ua.yaml", |case| {
        let ua = parser.parse(case["user_agent_string"].as_str().unwrap()).expect("every pattern compiles").user_agent;
        (Some(ua.family), ua.major, ua.minor, ua.patch)
            == (expected(case, "family"), expected(case, "major"), expected(case, "minor"), expected(case, "patch"))
    });
    report("uap-core test_ua.yaml", passed, total);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn ua_parser_passes_uap_core_os_tests() {
    let parser = ua_parser();
    let (passed, total, failures) = uap_cases("uap-core/test_os.yaml", |case| {
        let os = parser.parse(case["user_agent_string"].as_str().unwrap()).expect("every pattern compiles").os;
        (Some(os.family), os.major, os.minor, os.patch, os.patch_minor)
            == (
                expected(case, "family"),
                expected(case, "major"),
                expected(case, "minor"),
                expected(case, "patch"),
                expected(case, "patch_minor"),
            )
    });
    report("uap-core test_os.yaml", passed, total);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn ua_parser_passes_uap_core_device_tests() {
    let parser = ua_parser();
    let (passed, total, failures) = uap_cases("uap-core/test_device.yaml", |case| {
        let device = parser.parse(case["user_agent_string"].as_str().unwrap()).expect("every pattern compiles").device;
        (Some(device.family), device.brand, device.model)
            == (expected(case, "family"), expected(case, "brand"), expected(case, "model"))
    });
    report("uap-core test_device.yaml", passed, total);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn ip_lookups() -> IpLookups {
    let db = |name: &str| Some(thirdparty(&format!("maxmind-test-data/{name}")));
    let databases = IpDatabases {
        geo: db("GeoIP2-City-Test.mmdb"),
        isp: db("GeoIP2-ISP-Test.mmdb"),
        domain: db("GeoIP2-Domain-Test.mmdb"),
        connection_type: db("GeoIP2-Connection-Type-Test.mmdb"),
        asn: db("GeoLite2-ASN-Test.mmdb"),
    };
    IpLookups::from_parts(&json!({}), databases).expect("MaxMind test databases load")
}

#[test]
fn ip_lookups_fill_geo_isp_domain_netspeed_and_asn_from_the_maxmind_test_databases() {
    let lookups = ip_lookups();
    let info = lookups.lookup("216.160.83.56");
    let geo = [
        &info.country,
        &info.region,
        &info.city,
        &info.zipcode,
        &info.latitude,
        &info.longitude,
        &info.region_name,
        &info.timezone,
    ]
    .map(|v| v.as_deref());
    assert_eq!(
        geo,
        [
            Some("US"),
            Some("WA"),
            Some("Milton"),
            Some("98354"),
            Some("47.2513"),
            Some("-122.3149"),
            Some("Washington"),
            Some("America/Los_Angeles")
        ]
    );
    assert_eq!(
        (info.isp.as_deref(), info.organization.as_deref(), info.netspeed.as_deref()),
        (Some("Century Link"), Some("Lariat Software"), Some("Corporate"))
    );
    assert_eq!(info.asn, Some(json!({"schema": ASN_CONTEXT_SCHEMA, "data": {"number": 209, "organization": null}})));
    assert_eq!(lookups.lookup("1.2.0.1").domain.as_deref(), Some("maxmind.com"));
    assert_eq!(lookups.lookup("1.0.1.7").netspeed.as_deref(), Some("Cellular"));
    let asn = lookups.lookup("1.0.0.1").asn.unwrap();
    assert_eq!(asn["data"], json!({"number": 15169, "organization": "Google Inc."}));
    // Failures are ignored: nothing found, nothing filled.
    assert_eq!(lookups.lookup("not an ip"), IpInfo::default());
    assert_eq!(lookups.lookup("10.0.0.1"), IpInfo::default());
    assert_eq!(*lookups.lookup_cached("216.160.83.56"), info);
}

#[test]
fn ip_lookups_reject_a_database_given_under_the_wrong_key() {
    let databases =
        IpDatabases { geo: Some(thirdparty("maxmind-test-data/GeoIP2-ISP-Test.mmdb")), ..IpDatabases::default() };
    let error = IpLookups::from_parts(&json!({}), databases).unwrap_err();
    assert!(matches!(error, IpLookupsError::WrongType { parameter: "geo", .. }), "{error}");
}

const CLOUDFRONT_PAGE_VIEW: &str = "2012-05-24  00:06:42  LHR5  3402  216.160.83.56  GET d3gs014xn8p70.cloudfront.net  /i  200 http://www.psychicbazaar.com/ Mozilla/5.0%20(Windows%20NT%206.1;%20WOW64;%20rv:12.0)%20Gecko/20100101%20Firefox/12.0  e=pv&p=web&aid=shop&tv=js-2.0.0&refr=http%3A%2F%2Fwww.google.com%2Fsearch%3Fq%3Dtarot%2Bcards&url=http%3A%2F%2Fwww.psychicbazaar.com%2Fshop";

/// Runs the page view through a pipeline with `steps` and returns the sink.
fn run_steps(steps: Vec<Box<dyn EnrichmentStep>>) -> RecordSink {
    let validators = Arc::new(Validators::new(Arc::new(Resolver::bundled())));
    let settings = EnrichSettings::new(InputFormat::Cloudfront, EnrichRuntime::Enrich6, 1_000_000_000_000);
    let pipeline = Pipeline::new(settings, validators).with_steps(steps);
    let mut sink = RecordSink::default();
    pipeline.process(CLOUDFRONT_PAGE_VIEW.as_bytes(), RecordOrigin { source: "test", offset: 0 }, &mut sink);
    sink.counts.check().unwrap();
    sink
}

fn columns(sink: &RecordSink) -> Vec<String> {
    assert_eq!(sink.counts.good_events, 1, "{}", String::from_utf8_lossy(&sink.bad));
    String::from_utf8_lossy(&sink.good).trim_end_matches('\n').split('\t').map(str::to_owned).collect()
}

fn column<'a>(columns: &'a [String], name: &str) -> &'a str {
    &columns[FIELD_NAMES.iter().position(|n| *n == name).unwrap()]
}

fn javascript(source: &str) -> JavascriptScript {
    let encoded = base64::engine::general_purpose::STANDARD.encode(source);
    JavascriptScript::from_parts(&json!({"script": encoded})).expect("script compiles")
}

/// The single bad row's enrichment failure message.
fn failure_message(sink: &RecordSink) -> String {
    assert_eq!(sink.counts.good_events, 0, "{}", String::from_utf8_lossy(&sink.good));
    assert_eq!(sink.counts.bad_rows(BadRowKind::EnrichmentFailures), 1);
    bad_rows(sink)[0]["data"]["failure"]["messages"].to_string()
}

#[test]
fn javascript_adds_contexts_and_changes_fields_through_the_pipeline() {
    let js = javascript(
        r#"function process(event) {
             event.setApp_id(event.getApp_id().toUpperCase());
             return [{schema: "iglu:org.ietf/http_header/jsonschema/1-0-0", data: {name: "Host", value: event.page_urlhost}}];
           }"#,
    );
    let sink = run_steps(vec![Box::new(js)]);
    let columns = columns(&sink);
    assert_eq!(column(&columns, "app_id"), "SHOP");
    let derived: Value = serde_json::from_str(column(&columns, "derived_contexts")).unwrap();
    assert_eq!(
        derived["data"],
        json!([{"schema": "iglu:org.ietf/http_header/jsonschema/1-0-0", "data": {"name": "Host", "value": "www.psychicbazaar.com"}}])
    );
}

/// The single bad row's schema violation failure.
fn violation(sink: &RecordSink) -> String {
    assert_eq!(sink.counts.good_events, 0, "{}", String::from_utf8_lossy(&sink.good));
    assert_eq!(sink.counts.bad_rows(BadRowKind::SchemaViolations), 1, "{}", String::from_utf8_lossy(&sink.bad));
    bad_rows(sink)[0]["data"]["failure"].to_string()
}

#[test]
fn javascript_results_are_validated_after_the_enrichments() {
    let cases = [
        // A derived context whose schema no registry has.
        (
            r#"return [{schema: "iglu:com.acme/page/jsonschema/1-0-0", data: {}}];"#,
            ["iglu:com.acme/page/jsonschema/1-0-0", "ResolutionError"],
        ),
        // A derived context that breaks its schema.
        (
            r#"return [{schema: "iglu:org.ietf/http_header/jsonschema/1-0-0", data: {name: 1}}];"#,
            ["iglu:org.ietf/http_header/jsonschema/1-0-0", "ValidationError"],
        ),
        // Contexts the script rewrote are validated again.
        (
            r#"event.setContexts(JSON.stringify({schema: "iglu:com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-0",
                 data: [{schema: "iglu:org.ietf/http_cookie/jsonschema/1-0-0", data: {name: "sp"}}]}));
               return [];"#,
            ["iglu:org.ietf/http_cookie/jsonschema/1-0-0", "ValidationError"],
        ),
        // A column the script made longer than its atomic limit.
        ("event.setApp_id('x'.repeat(300)); return [];", ["app_id", "atomic_field_length_exceeded"]),
    ];
    for (body, expected) in cases {
        let script = javascript(&format!("function process(event) {{ {body} }}"));
        let failure = violation(&run_steps(vec![Box::new(script)]));
        assert!(expected.iter().all(|text| failure.contains(text)), "{body}: {failure}");
    }
}

#[test]
fn javascript_that_throws_makes_an_enrichment_failure() {
    let sink = run_steps(vec![Box::new(javascript("function process(event) { throw new Error('rejected'); }"))]);
    assert!(failure_message(&sink).contains("Error during execution of JavaScript function: [Error: rejected]"));
}

#[test]
fn javascript_that_loops_forever_is_stopped_by_the_time_limit() {
    let js = javascript("function process(event) { while (true) {} }").with_time_limit(Duration::from_millis(50));
    let started = Instant::now();
    let sink = run_steps(vec![Box::new(js.clone())]);
    assert!(started.elapsed() < Duration::from_secs(5));
    assert!(failure_message(&sink).contains("time limit of 50 ms"), "{}", failure_message(&sink));
    // The worker's runtime stays usable after an interrupted call.
    let mut event = EnrichedEvent::new();
    assert!(js.run(&mut event).unwrap_err().contains("time limit"));
}

#[test]
fn javascript_cannot_reach_files_network_or_processes() {
    let attempts = [
        "Java.type('java.nio.file.Files').readAllLines(Java.type('java.nio.file.Paths').get('/etc/passwd'))",
        "require('fs').readFileSync('/etc/passwd')",
        "std.loadFile('/etc/passwd')",
        "os.open('/etc/passwd')",
        "fetch('http://127.0.0.1/')",
        "new XMLHttpRequest()",
    ];
    for attempt in attempts {
        let source = format!(
            "function process(event) {{ var leaked = {attempt}; return [{{schema: 'iglu:a/b/jsonschema/1-0-0', data: {{leaked: String(leaked)}}}}]; }}"
        );
        let encoded = base64::engine::general_purpose::STANDARD.encode(&source);
        let js = JavascriptScript::from_parts(&json!({"script": encoded})).expect("compiles");
        let message = failure_message(&run_steps(vec![Box::new(js)]));
        assert!(message.contains("ReferenceError") && message.contains("is not defined"), "{attempt}: {message}");
    }
}

const VECTORS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/snowplow/enrich-vectors");
const IGLU_CENTRAL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/iglu-central");

/// Single values not compared, with the reason.
const VALUES_SKIPPED: &[(&str, &str, &str)] = &[(
    "spark-TransactionCfLineSpec",
    "ip_netspeed",
    "test-data vintage: MaxMind's current Connection-Type test database lists 216.160.83.56 (Corporate); the one the R117 spec ran against did not",
)];

/// The columns these enrichments fill.
const ENRICHMENT_COLUMNS: &[&str] = &[
    "geo_country",
    "geo_region",
    "geo_city",
    "geo_zipcode",
    "geo_latitude",
    "geo_longitude",
    "geo_region_name",
    "geo_timezone",
    "ip_isp",
    "ip_organization",
    "ip_domain",
    "ip_netspeed",
    "refr_medium",
    "refr_source",
    "refr_term",
];

fn vector_validators() -> Arc<Validators> {
    let central = ConfiguredRepository {
        name: "Iglu Central (local copy)".into(),
        priority: 0,
        vendor_prefixes: Vec::new(),
        repo: Box::new(LocalRepository::new(IGLU_CENTRAL)),
    };
    Arc::new(Validators::new(Arc::new(Resolver::from_repositories(&ResolverConfig::bundled_only(), vec![central]))))
}

/// The steps a vector's suite had enabled, built from its `enrichments` record.
fn vector_steps(enrichments: &Value, legacy: bool) -> Vec<Box<dyn EnrichmentStep>> {
    let mut steps: Vec<Box<dyn EnrichmentStep>> = Vec::new();
    if let Some(databases) = enrichments["ip_lookups"]["databases"].as_array() {
        let db = |key: &str, file: &str| {
            databases.iter().any(|d| d == key).then(|| thirdparty(&format!("maxmind-test-data/{file}")))
        };
        let databases = IpDatabases {
            geo: db("geo", "GeoIP2-City-Test.mmdb"),
            isp: db("isp", "GeoIP2-ISP-Test.mmdb"),
            domain: db("domain", "GeoIP2-Domain-Test.mmdb"),
            connection_type: db("connectionType", "GeoIP2-Connection-Type-Test.mmdb"),
            asn: None,
        };
        steps.push(Box::new(IpLookups::from_parts(&json!({}), databases).unwrap()));
    }
    if enrichments["ua_parser_config"]["enabled"] == true {
        steps.push(Box::new(ua_parser().with_context_without_user_agent(legacy)));
    }
    if enrichments["referer_parser"]["enabled"] == true {
        let parameters = json!({"internalDomains": enrichments["referer_parser"]["internalDomains"]});
        steps.push(Box::new(
            RefererParser::from_parts(&parameters, &thirdparty("referer-parser/referers.yml")).unwrap(),
        ));
    }
    steps
}

/// The ua_parser_context entity of a `derived_contexts` column, if any.
fn ua_context(derived_contexts: &str) -> Option<Value> {
    let envelope: Value = serde_json::from_str(derived_contexts).ok()?;
    envelope["data"]
        .as_array()?
        .iter()
        .find(|c| c["schema"].as_str().is_some_and(|s| s.contains("ua_parser_context")))
        .cloned()
}

#[test]
fn enrich_vectors_match_on_the_columns_these_enrichments_fill() {
    let index: Vec<Value> =
        serde_json::from_slice(&std::fs::read(Path::new(VECTORS).join("index.json")).unwrap()).unwrap();
    let validators = vector_validators();
    let (mut vectors, mut compared, mut mismatches) = (0, 0, Vec::new());
    for entry in &index {
        let id = entry["id"].as_str().unwrap();
        if entry["kind"] != "good" || support::vectors::SKIPPED.iter().any(|(skipped, _)| *skipped == id) {
            continue;
        }
        let vector: Value =
            serde_json::from_slice(&std::fs::read(Path::new(VECTORS).join(format!("{id}.json"))).unwrap()).unwrap();
        let legacy = id.starts_with("spark-");
        let runtime = if legacy { EnrichRuntime::Legacy } else { EnrichRuntime::Enrich6 };
        let format = match vector["format"].as_str().unwrap() {
            "cloudfront" => InputFormat::Cloudfront,
            "clj-tomcat" => InputFormat::CljTomcat,
            "tsv/com.amazon.aws.cloudfront/wd_access_log" => InputFormat::CloudfrontAccessLog,
            f if f.starts_with("thrift-base64") => InputFormat::Thrift,
            other => panic!("{id}: unexpected format {other}"),
        };
        let input = vector["input"].as_str().unwrap();
        let record = if format == InputFormat::Thrift {
            base64::engine::general_purpose::STANDARD.decode(input).unwrap()
        } else {
            input.as_bytes().to_vec()
        };
        let pipeline = Pipeline::new(EnrichSettings::new(format, runtime, 1_000_000_000_000), Arc::clone(&validators))
            .with_steps(vector_steps(&vector["enrichments"], legacy));
        let mut sink = RecordSink::default();
        pipeline.process(&record, RecordOrigin { source: id, offset: 0 }, &mut sink);
        sink.counts.check().unwrap();
        let events: Vec<Vec<String>> = String::from_utf8_lossy(&sink.good)
            .lines()
            .map(|line| line.split('\t').map(str::to_owned).collect())
            .collect();
        let expected = vector["expected_events"].as_array().unwrap();
        assert_eq!(events.len(), expected.len(), "{id}: {}", String::from_utf8_lossy(&sink.bad));
        vectors += 1;
        for (got, want) in events.iter().zip(expected) {
            for name in ENRICHMENT_COLUMNS {
                let index = FIELD_NAMES.iter().position(|n| n == name).unwrap();
                let Some(want) = want.get(index).and_then(Value::as_str) else { continue };
                if VALUES_SKIPPED.iter().any(|(vector, column, _)| *vector == id && column == name) {
                    continue;
                }
                compared += 1;
                if got[index] != want {
                    mismatches.push(format!("{id} {name}: got {:?}, want {want:?}", got[index]));
                }
            }
            let index = FIELD_NAMES.iter().position(|n| *n == "derived_contexts").unwrap();
            if let Some(want) = want.get(index).and_then(Value::as_str) {
                let want = ua_context(want);
                if want.is_some() || vector["enrichments"]["ua_parser_config"]["enabled"] == true {
                    compared += 1;
                    let got = ua_context(&got[index]);
                    if got != want {
                        mismatches.push(format!("{id} ua_parser_context: got {got:?}, want {want:?}"));
                    }
                }
            }
        }
    }
    #[allow(clippy::print_stderr)]
    {
        eprintln!(
            "enrich vectors (enrichment columns): {vectors} vectors, {compared} values compared, {} skipped",
            support::vectors::SKIPPED.len()
        );
    }
    assert!(mismatches.is_empty(), "{} mismatches:\n{}", mismatches.len(), mismatches.join("\n"));
    assert!(vectors >= 39, "only {vectors} vectors ran");
}
