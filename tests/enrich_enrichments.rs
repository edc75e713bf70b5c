//! The data-file enrichments (referer_parser, ua_parser, ip_lookups) against their upstream
//! test suites, and the JavaScript enrichment's sandbox. Third-party data is read from
//! `../shared/thirdparty-data` at test time and never copied into the project.

use std::path::Path;

use serde_json::{Value, json};
use snowplowctl::enrich::enrichments::ip_lookups::{
    ASN_CONTEXT_SCHEMA, IpDatabases, IpInfo, IpLookups, IpLookupsError,
};
use snowplowctl::enrich::enrichments::referer_parser::RefererParser;
use snowplowctl::enrich::enrichments::ua_parser::UaParser;
use snowplowctl::enrich::url::parse_page_uri;

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
        let ua = parser.parse(case["user_agent_string"].as_str().unwrap()).user_agent;
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
        let os = parser.parse(case["user_agent_string"].as_str().unwrap()).os;
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
        let device = parser.parse(case["user_agent_string"].as_str().unwrap()).device;
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
