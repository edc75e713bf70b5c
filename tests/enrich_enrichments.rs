//! Configurable enrichments through the binary: the benchmark's enrichment set on real lines,
//! configs that stop the run before any output, unsupported enrichments, data files fetched
//! once over HTTP into the cache, and configs read from DynamoDB as Stream Enrich reads them.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use snowplowctl::enrich::event::FIELD_NAMES;
use support::dynamodb as ddb;
use support::iglu_server::IgluServer;
use support::{fixture, root, snowplowctl};

const ETL: &str = "1000000000000";
const RUN: &str = "run=2001-09-09-01-46-40";

/// Clojure-collector lines: a browser with campaign parameters and a user id, a robot network,
/// and a robot user agent.
fn lines() -> String {
    let line = |ip: &str, ua: &str, query: &str| {
        format!(
            "2013-10-07\t19:47:54\t-\t37\t{ip}\tGET\t10.0.0.1\t/i\t200\thttp://example.com/\t{ua}\t{query}&cv=clj-0.6.0-tom-0.0.4\n"
        )
    };
    let page = "e=pv&p=web&tv=js-2.0.0&aid=test&uid=alice&url=http%3A%2F%2Fexample.com%2F%3Futm_source%3Dnews%26utm_medium%3Demail%26fbclid%3Dabc";
    [
        line("203.0.113.9", "Mozilla%2F5.0+%28X11%29", page),
        line("192.0.2.44", "Mozilla%2F5.0+%28X11%29", "e=pv&p=web&tv=js-2.0.0"),
        line("203.0.113.9", "HeadlessChrome%2F120", "e=pv&p=web&tv=js-2.0.0"),
    ]
    .concat()
}

struct Run {
    dir: tempfile::TempDir,
    input: PathBuf,
}

impl Run {
    fn new() -> Run {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("input.log");
        std::fs::write(&input, lines()).unwrap();
        Run { dir, input }
    }

    fn out(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// `snowplowctl enrich` on the lines, from the repository root (the benchmark configs name
    /// their lists relative to it).
    fn command(&self, out: &str, enrichments: &str, extra: &[&str]) -> Command {
        let mut cmd = snowplowctl(&self.out("cache"));
        cmd.current_dir(root()).arg("enrich").arg(&self.input).args(["-f", "clj-tomcat", "--etl-timestamp", ETL]);
        cmd.arg("-o").arg(self.out(out)).args(["--enrichments", enrichments]).args(extra);
        cmd
    }

    fn good_lines(&self, out: &str) -> Vec<Vec<String>> {
        let part = self.out(out).join("enriched/good").join(RUN).join("part-00000");
        std::fs::read_to_string(part)
            .unwrap()
            .lines()
            .map(|line| line.split('\t').map(str::to_owned).collect())
            .collect()
    }
}

fn column(name: &str) -> usize {
    FIELD_NAMES.iter().position(|n| *n == name).unwrap()
}

fn bench_dir() -> String {
    fixture("enrich/bench/enrichments").display().to_string()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

#[test]
fn the_benchmark_set_enriches_in_enrich_order() {
    let run = Run::new();
    let (code, out, err) = run.run_json("out", &bench_dir(), &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out["enrichments"],
        serde_json::json!([
            "iab_spiders_and_robots_enrichment",
            "campaign_attribution",
            "event_fingerprint_config",
            "cookie_extractor_config",
            "http_header_extractor_config",
            "anon_ip",
            "pii_enrichment_config"
        ])
    );
    assert_eq!(out["counts_balance"], true);
    let events = run.good_lines("out");
    assert_eq!(events.len(), 3, "the legacy runtime emits no pii_transformation event");
    let browser = &events[0];
    assert_eq!(browser[column("mkt_source")], "news");
    assert_eq!(browser[column("mkt_medium")], "email");
    assert_eq!((browser[column("mkt_clickid")].as_str(), browser[column("mkt_network")].as_str()), ("abc", "Facebook"));
    // PII runs last, on the anonymised address.
    let hashed = snowplowctl::enrich::enrichments::hash::HashAlgorithm::Sha256.hex(b"203.0.x.xbench-salt");
    assert_eq!(browser[column("user_ipaddress")], hashed);
    assert_eq!(browser[column("user_id")].len(), 64);
    assert_eq!(browser[column("event_fingerprint")].len(), 64);
    let reasons: Vec<String> = events
        .iter()
        .map(|event| {
            let derived: Value = serde_json::from_str(&event[column("derived_contexts")]).unwrap();
            derived["data"][0]["data"]["reason"].as_str().unwrap().to_owned()
        })
        .collect();
    assert_eq!(reasons, ["PASSED_ALL", "FAILED_IP_EXCLUDE", "FAILED_UA_INCLUDE"]);
}

impl Run {
    fn run_json(&self, out: &str, enrichments: &str, extra: &[&str]) -> (i32, Value, String) {
        let (code, stdout, stderr) = support::run(self.command(out, enrichments, extra).args(["--format", "json"]));
        (code, serde_json::from_str(&stdout).unwrap_or(Value::Null), stderr)
    }
}

#[test]
fn the_enrich6_runtime_emits_the_pii_transformation_event() {
    let run = Run::new();
    let (code, out, err) = run.run_json("out", &bench_dir(), &["--enrich-runtime", "enrich6"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out["derived_events"], 3);
    let events = run.good_lines("out");
    assert_eq!(events.len(), 6);
    assert_eq!(events[1][column("event")], "pii_transformation");
    let contexts: Value = serde_json::from_str(&events[1][column("contexts")]).unwrap();
    assert_eq!(contexts["data"][0]["data"]["parentEventId"], events[0][column("event_id")].as_str());
}

#[test]
fn an_invalid_config_stops_the_run_before_any_output() {
    let run = Run::new();
    let configs = run.out("configs");
    copy_dir(&fixture("enrich/bench/enrichments"), &configs);
    let anon = configs.join("anon_ip.json");
    let text = std::fs::read_to_string(&anon).unwrap().replace("\"anonOctets\": 2", "\"anonOctets\": 7");
    std::fs::write(&anon, text).unwrap();
    let (code, _, err) = run.run_json("out", configs.to_str().unwrap(), &[]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("anon_ip.json at /data/parameters/anonOctets"), "{err}");
    assert!(!run.out("out").exists(), "nothing may be written");
}

#[test]
fn unsupported_enrichments_are_refused_unless_skipped() {
    let run = Run::new();
    let configs = run.out("configs");
    copy_dir(&fixture("enrich/bench/enrichments"), &configs);
    std::fs::write(
        configs.join("ua_utils.json"),
        r#"{"schema":"iglu:com.snowplowanalytics.snowplow/user_agent_utils_config/jsonschema/1-0-0","data":{"vendor":"com.snowplowanalytics.snowplow","name":"user_agent_utils_config","enabled":true,"parameters":{}}}"#,
    )
    .unwrap();
    let (code, _, err) = run.run_json("refused", configs.to_str().unwrap(), &[]);
    assert_eq!(code, 1);
    assert!(err.contains("user_agent_utils_config cannot run locally") && err.contains("--skip-unsupported"), "{err}");
    let (code, out, err) = run.run_json("skipped", configs.to_str().unwrap(), &["--skip-unsupported"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out["skipped_enrichments"][0]["name"], "user_agent_utils_config");
    let (code, text, _) = support::run(
        run.command("table", configs.to_str().unwrap(), &["--skip-unsupported"]).args(["--format", "text"]),
    );
    assert_eq!(code, 0);
    assert!(text.contains("skipped: user_agent_utils_config"), "{text}");
}

/// The IAB config with its lists served by `server` under `/schemas/iab`.
fn remote_iab(dir: &Path, uri: &str) -> PathBuf {
    let configs = dir.join("remote-configs");
    std::fs::create_dir_all(&configs).unwrap();
    let text = std::fs::read_to_string(fixture("enrich/bench/enrichments/iab_spiders_and_robots.json"))
        .unwrap()
        .replace("\"file:fixtures/enrich/bench/iab\"", &format!("\"{uri}\""));
    std::fs::write(configs.join("iab.json"), text).unwrap();
    configs
}

#[test]
fn data_files_are_fetched_once_over_http_then_read_from_the_cache() {
    let run = Run::new();
    let served = run.out("served");
    copy_dir(&fixture("enrich/bench/iab"), &served.join("schemas/iab"));
    let server = IgluServer::start(&served);
    let configs = remote_iab(run.dir.path(), &format!("{}/schemas/iab", server.uri()));
    let cache = run.out("data-cache");
    let cache_arg = ["--enrichment-cache", cache.to_str().unwrap()];
    let (code, _, err) = run.run_json("first", configs.to_str().unwrap(), &cache_arg);
    assert_eq!(code, 0, "{err}");
    let mut paths: Vec<String> = server.seen().into_iter().map(|s| s.path).collect();
    paths.sort();
    assert_eq!(
        paths,
        [
            "/schemas/iab/exclude_current.txt",
            "/schemas/iab/include_current.txt",
            "/schemas/iab/ip_exclude_current_cidr.txt"
        ]
    );
    server.stop();
    let (code, _, err) = run.run_json("second", configs.to_str().unwrap(), &cache_arg);
    assert_eq!(code, 0, "the cached lists are used: {err}");
    assert_eq!(run.good_lines("first"), run.good_lines("second"));

    let missing = IgluServer::start(&run.out("empty"));
    let configs = remote_iab(&run.out("other"), &format!("{}/schemas/nothing", missing.uri()));
    let (code, _, err) = run.run_json("third", configs.to_str().unwrap(), &cache_arg);
    assert_eq!(code, 1);
    assert!(err.contains("at /data/parameters/ipFile/uri: cannot fetch") && err.contains("404"), "{err}");
}

#[test]
fn configs_are_read_from_dynamodb_as_stream_enrich_reads_them() {
    let Some(endpoint) = ddb::endpoint("configs_are_read_from_dynamodb_as_stream_enrich_reads_them") else { return };
    let run = Run::new();
    let table = ddb::table_name("enrich-configs");
    let home = run.out("home");
    std::fs::create_dir_all(&home).unwrap();
    let mut store = snowplowctl(&run.out("cache"));
    ddb::aws_env(&mut store, &home);
    store.args(["store", "enrichments"]).arg(fixture("enrich/bench/enrichments"));
    store.args(["--table", &table, "--prefix", "enrich_", "--create-table", "--endpoint-url", &endpoint]);
    let (code, out, err) = support::run(&mut store);
    assert_eq!(code, 0, "{out}\n{err}");
    let source = format!("dynamodb:{}/{table}/enrich_", ddb::REGION);
    let mut cmd = run.command("from-table", &source, &[]);
    cmd.args(["--format", "json"]);
    ddb::aws_env(&mut cmd, &home);
    cmd.env("AWS_ENDPOINT_URL_DYNAMODB", &endpoint);
    let (code, stdout, err) = support::run(&mut cmd);
    assert_eq!(code, 0, "{stdout}\n{err}");
    ddb::assert_no_secrets(&format!("{stdout}{err}"));
    let (code, _, err) = run.run_json("from-files", &bench_dir(), &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(run.good_lines("from-table"), run.good_lines("from-files"));
}

/// The data-file enrichments through the registry: each config names its data in
/// `../shared/thirdparty-data` with a `file:` URI (nothing third-party is committed), and the
/// columns and contexts they fill reach the enriched output.
#[test]
fn data_file_enrichments_run_from_their_configs() {
    let shared = root().join("../shared/thirdparty-data").canonicalize().unwrap();
    let run = Run::new();
    let configs = run.out("data-configs");
    std::fs::create_dir_all(&configs).unwrap();
    let file_uri = |dir: &str| format!("file:{}", shared.join(dir).display());
    let write = |name: &str, vendor: &str, version: &str, parameters: Value| {
        let config = serde_json::json!({
            "schema": format!("iglu:{vendor}/{name}/jsonschema/{version}"),
            "data": {"vendor": vendor, "name": name, "enabled": true, "parameters": parameters}
        });
        std::fs::write(configs.join(format!("{name}.json")), config.to_string()).unwrap();
    };
    let sp = "com.snowplowanalytics.snowplow";
    write(
        "referer_parser",
        sp,
        "2-0-0",
        serde_json::json!({"internalDomains": [], "uri": file_uri("referer-parser"), "database": "referers.yml"}),
    );
    write(
        "ua_parser_config",
        sp,
        "1-0-1",
        serde_json::json!({"uri": file_uri("uap-core"), "database": "regexes.yaml"}),
    );
    // The config schema only accepts MaxMind's production file names.
    let geo = run.out("geo");
    std::fs::create_dir_all(&geo).unwrap();
    std::fs::copy(shared.join("maxmind-test-data/GeoIP2-City-Test.mmdb"), geo.join("GeoIP2-City.mmdb")).unwrap();
    write(
        "ip_lookups",
        sp,
        "2-0-0",
        serde_json::json!({"geo": {"uri": format!("file:{}", geo.display()), "database": "GeoIP2-City.mmdb"}}),
    );
    let script = base64::Engine::encode(
        &base64::engine::general_purpose::STANDARD,
        "function process(event) { event.setApp_id(event.getApp_id() + '-js'); return []; }",
    );
    write("javascript_script_config", sp, "1-0-0", serde_json::json!({"script": script}));
    let input = run.out("lines.log");
    // 216.160.83.56 is in MaxMind's test City database (Milton, US).
    let line = "2013-10-07\t19:47:54\t-\t37\t216.160.83.56\tGET\t10.0.0.1\t/i\t200\thttps://www.google.com/search?q=snowplow\t\
        Mozilla%2F5.0+%28Windows+NT+6.1%3B+WOW64%3B+rv%3A12.0%29+Gecko%2F20100101+Firefox%2F12.0\t\
        e=pv&p=web&tv=js-2.0.0&aid=shop&url=http%3A%2F%2Fexample.com%2F&refr=https%3A%2F%2Fwww.google.com%2Fsearch%3Fq%3Dsnowplow&cv=clj-0.6.0-tom-0.0.4\n";
    std::fs::write(&input, line).unwrap();
    let output = snowplowctl(&run.out("cache"))
        .arg("enrich")
        .arg(&input)
        .args(["-f", "clj-tomcat", "--etl-timestamp", ETL, "--enrich-runtime", "enrich6", "--enrichments"])
        .arg(&configs)
        .arg("-o")
        .arg(run.out("data-out"))
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let rows = run.good_lines("data-out");
    let row = &rows[0];
    assert_eq!(row[column("app_id")], "shop-js");
    assert_eq!(row[column("refr_medium")], "search");
    assert_eq!(row[column("refr_source")], "Google");
    assert_eq!(row[column("refr_term")], "snowplow");
    assert_eq!(row[column("geo_country")], "US");
    assert_eq!(row[column("geo_city")], "Milton");
    let derived: Value = serde_json::from_str(&row[column("derived_contexts")]).unwrap();
    let ua = &derived["data"][0];
    assert_eq!(ua["schema"], "iglu:com.snowplowanalytics.snowplow/ua_parser_context/jsonschema/1-0-0");
    assert_eq!(ua["data"]["useragentFamily"], "Firefox");
}
