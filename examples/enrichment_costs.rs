//! Per-event cost of the data-file and JavaScript enrichments, cached and uncached.
//!
//! ```text
//! cargo run --release --example enrichment_costs [THIRDPARTY_DIR]
//! ```
//!
//! `THIRDPARTY_DIR` holds `uap-core/`, `referer-parser/` and `maxmind-test-data/` (default:
//! `../shared/thirdparty-data` next to the crate). Prints one line per measurement, then the
//! pipeline's cost per event with and without all four enrichments.
#![allow(clippy::print_stdout)]

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use base64::Engine as _;
use serde_json::json;
use snowplowctl::enrich::catalog::EnrichRuntime;
use snowplowctl::enrich::enrichments::ip_lookups::{IpDatabases, IpLookups};
use snowplowctl::enrich::enrichments::javascript::JavascriptScript;
use snowplowctl::enrich::enrichments::referer_parser::RefererParser;
use snowplowctl::enrich::enrichments::ua_parser::UaParser;
use snowplowctl::enrich::event::{EnrichedEvent, Field};
use snowplowctl::enrich::outcome::{RecordOrigin, RecordProcessor, RecordSink};
use snowplowctl::enrich::payload::InputFormat;
use snowplowctl::enrich::pipeline::{EnrichSettings, EnrichmentStep, Pipeline};
use snowplowctl::iglu::{Resolver, Validators};

const LINE: &str = "2012-05-24  00:06:42  LHR5  3402  216.160.83.56  GET d3gs014xn8p70.cloudfront.net  /i  200 http://www.psychicbazaar.com/ Mozilla/5.0%20(Windows%20NT%206.1;%20WOW64;%20rv:12.0)%20Gecko/20100101%20Firefox/12.0  e=pv&p=web&aid=shop&tv=js-2.0.0&refr=http%3A%2F%2Fwww.google.com%2Fsearch%3Fq%3Dtarot%2Bcards&url=http%3A%2F%2Fwww.psychicbazaar.com%2Fshop";

const SCRIPT: &str = r#"function process(event) {
  if (event.getApp_id() === "blocked") { throw new Error("blocked app"); }
  return [{schema: "iglu:com.acme/app/jsonschema/1-0-0", data: {app: event.getApp_id()}}];
}"#;

/// Runs `f` `n` times (after a warm-up) and prints the mean cost.
fn measure(what: &str, n: usize, mut f: impl FnMut(usize)) -> Duration {
    for i in 0..n.min(1000) {
        f(i);
    }
    let started = Instant::now();
    for i in 0..n {
        f(i);
    }
    let each = started.elapsed() / n as u32;
    println!("{what:<52} {:>10.3} µs/event", each.as_secs_f64() * 1e6);
    each
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/thirdparty-data"));
    let read = |path: &str| std::fs::read(dir.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));

    let started = Instant::now();
    let ua = UaParser::from_parts(&json!({}), &read("uap-core/regexes.yaml")).unwrap();
    println!(
        "ua_parser: regexes.yaml compiled in {:?}; patterns with a literal prefilter (ua, os, device): {:?}",
        started.elapsed(),
        ua.prefilter_coverage()
    );
    let tests: serde_yaml::Value = serde_yaml::from_slice(&read("uap-core/test_ua.yaml")).unwrap();
    let agents: Vec<String> = tests["test_cases"]
        .as_sequence()
        .unwrap()
        .iter()
        .filter_map(|c| c["user_agent_string"].as_str().map(str::to_owned))
        .collect();
    let firefox = "Mozilla/5.0 (Windows NT 6.1; WOW64; rv:12.0) Gecko/20100101 Firefox/12.0";
    measure("ua_parser, cached user agent", 200_000, |_| {
        let _ = std::hint::black_box(ua.context(firefox));
    });
    measure("ua_parser, uncached (uap-core test_ua.yaml agents)", agents.len(), |i| {
        let _ = std::hint::black_box(ua.parse(&agents[i]));
    });

    let referer = RefererParser::from_parts(
        &json!({"internalDomains": ["intranet.example"]}),
        &read("referer-parser/referers.yml"),
    )
    .unwrap();
    measure("referer_parser, search referer with a term", 500_000, |_| {
        std::hint::black_box(referer.classify(
            Some("http"),
            Some("www.google.co.uk"),
            Some("/search"),
            Some("hl=en&q=tarot+cards"),
            Some("www.psychicbazaar.com"),
        ));
    });
    measure("referer_parser, unknown referer", 500_000, |_| {
        std::hint::black_box(referer.classify(
            Some("https"),
            Some("blog.some-unknown-site.example.com"),
            Some("/2024/05/a-post"),
            None,
            Some("www.psychicbazaar.com"),
        ));
    });

    let mmdb = |name: &str| Some(read(&format!("maxmind-test-data/{name}")));
    let ip = IpLookups::from_parts(
        &json!({}),
        IpDatabases {
            geo: mmdb("GeoIP2-City-Test.mmdb"),
            isp: mmdb("GeoIP2-ISP-Test.mmdb"),
            domain: mmdb("GeoIP2-Domain-Test.mmdb"),
            connection_type: mmdb("GeoIP2-Connection-Type-Test.mmdb"),
            asn: mmdb("GeoLite2-ASN-Test.mmdb"),
        },
    )
    .unwrap();
    measure("ip_lookups (5 databases), cached address", 500_000, |_| {
        std::hint::black_box(ip.lookup_cached("216.160.83.56"));
    });
    measure("ip_lookups (5 databases), uncached", 200_000, |_| {
        std::hint::black_box(ip.lookup("216.160.83.56"));
    });

    let encoded = base64::engine::general_purpose::STANDARD.encode(SCRIPT);
    let js = JavascriptScript::from_parts(&json!({"script": encoded})).unwrap();
    let mut event = EnrichedEvent::new();
    event.set(Field::AppId, "shop");
    measure("javascript (getter + one context)", 100_000, |_| {
        std::hint::black_box(js.run(&mut event).unwrap());
    });

    let validators = Arc::new(Validators::new(Arc::new(Resolver::bundled())));
    let settings = EnrichSettings::new(InputFormat::Cloudfront, EnrichRuntime::Enrich6, 1_000_000_000_000);
    let bare = Pipeline::new(settings.clone(), Arc::clone(&validators));
    let steps: Vec<Box<dyn EnrichmentStep>> = vec![Box::new(ip), Box::new(ua), Box::new(referer), Box::new(js)];
    let enriched = Pipeline::new(settings, validators).with_steps(steps);
    let mut sink = RecordSink::default();
    let run = |pipeline: &Pipeline, sink: &mut RecordSink, i: usize| {
        pipeline.process(LINE.as_bytes(), RecordOrigin { source: "bench", offset: i as u64 }, sink);
        if sink.good.len() > 1 << 20 {
            sink.good.clear();
        }
    };
    let without = measure("pipeline, page view, no enrichments", 200_000, |i| run(&bare, &mut sink, i));
    let with = measure("pipeline, page view, ip+ua+referer+javascript", 200_000, |i| run(&enriched, &mut sink, i));
    println!(
        "enrichments add {:.3} µs/event; pipeline with them: {:.0} events/s on one core",
        (with.as_secs_f64() - without.as_secs_f64()) * 1e6,
        1.0 / with.as_secs_f64()
    );
    assert_eq!(sink.counts.failed_events, 0);
}
