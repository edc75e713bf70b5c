//! Real traffic: Snowplow's own Python (`snowplow-tracker`, PyPI) and Node
//! (`@snowplow/node-tracker`, npm) trackers send page views, structured and self-describing
//! events with context entities, by GET and POST, base64 on and off, to a capturing collector
//! on 127.0.0.1 (tests/support/collector.rs) that archives them as CloudFront, Clojure-collector
//! Tomcat and Thrift files. Snowplow's loaders must read every archived record back as the
//! request that was made, and `snowplowctl enrich` (both runtimes; CloudFront gzipped, Thrift as
//! base64 lines and as an S3-loader lzop file) has to give back, column by column, the values the
//! trackers sent, with no bad rows and balanced counts.
//!
//! The trackers come from `scripts/test` (a pinned `snowplow-tracker` in `.venv`, `npm ci` in
//! `tests/trackers`), which exports `SNOWPLOWCTL_TEST_PYTHON` and `SNOWPLOWCTL_TEST_NODE`.
//! Without those variables the tracker tests are skipped with a message; with them, a broken
//! install fails them.

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use serde_json::{Map, Value};
use snowplowctl::enrich::loader;
use snowplowctl::enrich::payload::InputFormat;
use snowplowctl::enrich::thrift::{self, ThriftRecord};
use support::collector::{self, CLJ_COLLECTOR_VERSION, Collector, Request, THRIFT_COLLECTOR_NAME};
use support::{root, shared};

/// Says loudly that a test is skipped: written to stderr directly so the harness shows it.
fn skipped(test: &str, why: &str) {
    let _ = writeln!(std::io::stderr().lock(), "\n*** SKIPPED {test}: {why}; run scripts/test. ***");
}

fn now_ms() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_millis() as i64
}

// ---------------------------------------------------------------------------------------------
// The collector on its own, with hand-written requests.

/// Sends raw bytes on `stream` and reads one response; returns (status line, headers, body).
fn exchange(stream: &mut TcpStream, request: &[u8]) -> (String, Vec<(String, String)>, Vec<u8>) {
    stream.write_all(request).unwrap();
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut status = String::new();
    reader.read_line(&mut status).unwrap();
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        let (name, value) = line.split_once(':').unwrap();
        headers.push((name.trim().to_owned(), value.trim().to_owned()));
    }
    let length: usize = headers.iter().find(|(n, _)| n == "Content-Length").unwrap().1.parse().unwrap();
    let mut body = vec![0; length];
    reader.read_exact(&mut body).unwrap();
    (status.trim_end().to_owned(), headers, body)
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
}

fn lines(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path).unwrap().lines().map(str::to_owned).collect()
}

fn url_safe_lenient() -> GeneralPurpose {
    GeneralPurpose::new(
        &base64::alphabet::URL_SAFE,
        GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
    )
}

#[test]
fn collector_archives_requests_as_the_three_collectors_do() {
    let dir = tempfile::tempdir().unwrap();
    let collector = Collector::start(dir.path());
    let addr = collector.endpoint().trim_start_matches("http://").to_owned();
    let before = now_ms();

    // A GET pixel request and, on the same kept-alive connection, a POST with Content-Length.
    let mut stream = TcpStream::connect(&addr).unwrap();
    let get = format!(
        "GET /i?e=pv&page=50%25%20off%20tea&url=https%3A%2F%2Fshop.example.com%2F HTTP/1.1\r\nHost: {addr}\r\n\
         User-Agent: Test Agent/1.0 (X11; \"quoted\")\r\nReferer: https://shop.example.com/a b\r\n\r\n"
    );
    let (status, headers, body) = exchange(&mut stream, get.as_bytes());
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert_eq!(header(&headers, "Content-Type"), Some("image/gif"));
    assert!(body.starts_with(b"GIF89a") && body.len() == 43, "a 1x1 GIF: {body:?}");
    let cookie = header(&headers, "Set-Cookie").unwrap().to_owned();
    let nuid = cookie.strip_prefix("sp=").unwrap().split(';').next().unwrap().to_owned();
    assert!(uuid::Uuid::parse_str(&nuid).is_ok(), "{cookie}");

    let json = r#"{"schema":"iglu:com.snowplowanalytics.snowplow/payload_data/jsonschema/1-0-4","data":[{"e":"pv","tv":"t","p":"web"}]}"#;
    let post = format!(
        "POST /com.snowplowanalytics.snowplow/tp2 HTTP/1.1\r\nHost: {addr}\r\nCookie: other=1; sp={nuid}\r\n\
         Content-Type: application/json; charset=utf-8\r\nContent-Length: {}\r\n\r\n{json}",
        json.len()
    );
    let (status, headers, body) = exchange(&mut stream, post.as_bytes());
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert_eq!(body, b"ok");
    assert!(header(&headers, "Set-Cookie").unwrap().starts_with(&format!("sp={nuid};")), "the cookie is kept");

    // A CORS preflight (answered, not archived), then a chunked POST on a new connection.
    let mut stream = TcpStream::connect(&addr).unwrap();
    let preflight = format!(
        "OPTIONS /com.snowplowanalytics.snowplow/tp2 HTTP/1.1\r\nHost: {addr}\r\nOrigin: https://shop.example.com\r\n\
         Access-Control-Request-Method: POST\r\n\r\n"
    );
    let (status, headers, _) = exchange(&mut stream, preflight.as_bytes());
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert_eq!(header(&headers, "Access-Control-Allow-Origin"), Some("https://shop.example.com"));
    assert_eq!(header(&headers, "Access-Control-Allow-Credentials"), Some("true"));
    let (first, second) = json.split_at(40);
    let chunked = format!(
        "POST /com.snowplowanalytics.snowplow/tp2?aid=qs HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n\
         Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n{:x}\r\n{first}\r\n{:x}\r\n{second}\r\n0\r\n\r\n",
        first.len(),
        second.len()
    );
    let (status, _, _) = exchange(&mut stream, chunked.as_bytes());
    assert_eq!(status, "HTTP/1.1 200 OK");

    let requests = collector.wait_for(3, Duration::from_secs(10));
    let after = now_ms();
    assert_eq!(requests.len(), 3, "OPTIONS is not archived: {requests:?}");
    assert_eq!(
        requests.iter().map(|r| (r.method.as_str(), r.path.as_str())).collect::<Vec<_>>(),
        [
            ("GET", "/i"),
            ("POST", "/com.snowplowanalytics.snowplow/tp2"),
            ("POST", "/com.snowplowanalytics.snowplow/tp2")
        ]
    );
    assert_eq!(requests[1].network_user_id, nuid, "the client's sp cookie is its network user id");
    assert_ne!(requests[2].network_user_id, nuid, "a client without the cookie gets a new id");
    assert_eq!(requests[1].body.as_deref(), Some(json));
    assert_eq!(requests[2].body.as_deref(), Some(json), "chunks are joined");
    assert_eq!(requests[2].query.as_deref(), Some("aid=qs"));
    for request in &requests {
        assert!((before..=after).contains(&request.timestamp_ms), "{request:?}");
    }

    // CloudFront: the header lines, then the GET only, 33 tab-separated fields.
    let cloudfront = lines(&collector.cloudfront_log());
    assert_eq!(cloudfront.len(), 3, "{cloudfront:#?}");
    assert_eq!(cloudfront[0], "#Version: 1.0");
    assert_eq!(cloudfront[1], format!("#Fields: {}", collector::CLOUDFRONT_FIELDS.join(" ")));
    let fields: Vec<&str> = cloudfront[2].split('\t').collect();
    assert_eq!(fields.len(), 33, "{fields:?}");
    let named = |name: &str| fields[collector::CLOUDFRONT_FIELDS.iter().position(|f| *f == name).unwrap()];
    let time = chrono::DateTime::from_timestamp_millis(requests[0].timestamp_ms).unwrap();
    assert_eq!(named("date"), time.format("%Y-%m-%d").to_string());
    assert_eq!(named("time"), time.format("%H:%M:%S").to_string());
    assert_eq!(named("c-ip"), "127.0.0.1");
    assert_eq!(named("cs-method"), "GET");
    assert_eq!(named("cs-uri-stem"), "/i");
    assert_eq!(named("sc-status"), "200");
    assert_eq!(named("cs(Referer)"), "https://shop.example.com/a%20b");
    assert_eq!(named("cs(User-Agent)"), "Test%20Agent/1.0%20(X11;%20%22quoted%22)");
    assert_eq!(
        named("cs-uri-query"),
        "e=pv&page=50%2525%2520off%2520tea&url=https%253A%252F%252Fshop.example.com%252F",
        "CloudFront encodes the % of the query again"
    );
    assert_eq!(named("x-host-header"), addr);
    assert_eq!(named("sc-content-len"), "43");
    assert_eq!(named("c-port"), requests[0].peer.port().to_string());

    // Tomcat: every request, 17 fields, cv and nuid appended, the body as URL-safe base64.
    let tomcat = lines(&collector.tomcat_log());
    assert_eq!(tomcat.len(), 3, "{tomcat:#?}");
    let get_fields: Vec<&str> = tomcat[0].split('\t').collect();
    assert_eq!(get_fields.len(), 17, "{get_fields:?}");
    assert_eq!(
        &get_fields[2..=9],
        ["-", "43", "127.0.0.1", "GET", "127.0.0.1", "/i", "200", "https://shop.example.com/a%20b"]
    );
    assert_eq!(get_fields[10], "Test+Agent%2F1.0+%28X11%3B+%22quoted%22%29");
    assert_eq!(
        get_fields[11],
        format!(
            "e=pv&page=50%25%20off%20tea&url=https%3A%2F%2Fshop.example.com%2F&cv={CLJ_COLLECTOR_VERSION}&nuid={}",
            requests[0].network_user_id
        )
    );
    assert_eq!(&get_fields[12..], ["-", "-", "-", "-", "-"]);
    for (line, request) in tomcat[1..].iter().zip(&requests[1..]) {
        let fields: Vec<&str> = line.split('\t').collect();
        assert_eq!(fields.len(), 17, "{fields:?}");
        assert_eq!(fields[5], "POST");
        assert_eq!(fields[7], "/com.snowplowanalytics.snowplow/tp2");
        let query = request.query.as_deref().unwrap_or("");
        assert_eq!(fields[11], format!("{query}&cv={CLJ_COLLECTOR_VERSION}&nuid={}", request.network_user_id));
        let content_type = request.header("Content-Type").unwrap().replace('/', "%2F").replace(';', "%3B");
        assert_eq!(fields[15], content_type.replace(' ', "+").replace('=', "%3D"));
        assert_eq!(url_safe_lenient().decode(fields[16]).unwrap(), json.as_bytes());
        assert!(!fields[16].contains(['+', '/', '=']), "URL-safe, unpadded: {}", fields[16]);
    }

    // Thrift: one base64 CollectorPayload per request, with what the request carried.
    let thrift_lines = lines(&collector.thrift_records());
    assert_eq!(thrift_lines.len(), 3);
    for (line, request) in thrift_lines.iter().zip(&requests) {
        let bytes = base64::engine::general_purpose::STANDARD.decode(line).unwrap();
        let ThriftRecord::CollectorPayload(record) = thrift::decode(&bytes).unwrap() else {
            panic!("not a CollectorPayload: {line}");
        };
        assert_eq!(record.schema, "iglu:com.snowplowanalytics.snowplow/CollectorPayload/thrift/1-0-0");
        assert_eq!(record.ip_address, "127.0.0.1");
        assert_eq!(record.timestamp, request.timestamp_ms);
        assert_eq!(record.encoding, "UTF-8");
        assert_eq!(record.collector, THRIFT_COLLECTOR_NAME);
        assert_eq!(record.path.as_deref(), Some(request.path.as_str()));
        assert_eq!(record.querystring, request.query);
        assert_eq!(record.body, request.body);
        assert_eq!(record.user_agent.as_deref(), request.header("User-Agent"));
        assert_eq!(record.content_type.as_deref(), request.header("Content-Type"));
        assert_eq!(record.hostname.as_deref(), Some("127.0.0.1"));
        assert_eq!(record.network_user_id.as_deref(), Some(request.network_user_id.as_str()));
        let headers = record.headers.unwrap();
        assert_eq!(headers.len(), request.headers.len());
        assert!(headers.contains(&format!("Host: {addr}")), "{headers:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// The trackers.

/// One event a tracker driver reports having sent.
#[derive(Debug, Clone)]
struct Sent {
    tracker: String,
    config: String,
    method: String,
    base64: bool,
    useragent: String,
    /// The values given to the tracker API.
    sent: Map<String, Value>,
    /// The tracker-protocol parameters on the wire: first as the driver reports them, then (see
    /// [`send_traffic`]) as the collector received them.
    wire: BTreeMap<String, String>,
    /// Index of the request that carried the event.
    request: usize,
}

impl Sent {
    fn wire(&self, key: &str) -> &str {
        self.wire
            .get(key)
            .unwrap_or_else(|| panic!("{} {}: no `{key}` on the wire: {:?}", self.config, self.event(), self.wire))
    }

    fn event(&self) -> &str {
        self.sent["event"].as_str().unwrap()
    }

    fn eid(&self) -> &str {
        self.wire("eid")
    }
}

fn parse_driver_output(tracker: &str, stdout: &str) -> Vec<Sent> {
    let items: Vec<Value> = serde_json::from_str(stdout)
        .unwrap_or_else(|e| panic!("{tracker} driver printed no JSON list ({e}):\n{stdout}"));
    items
        .into_iter()
        .map(|item| Sent {
            tracker: item["tracker"].as_str().unwrap().to_owned(),
            config: item["config"].as_str().unwrap().to_owned(),
            method: item["method"].as_str().unwrap().to_owned(),
            base64: item["base64"].as_bool().unwrap(),
            useragent: item["useragent"].as_str().unwrap().to_owned(),
            sent: item["sent"].as_object().unwrap().clone(),
            wire: item["wire"]
                .as_object()
                .unwrap()
                .iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_owned()))
                .collect(),
            request: usize::MAX,
        })
        .collect()
}

/// The Python and Node programs from `scripts/test`, or `None` (after saying why) when the
/// variables are not set.
fn tracker_programs(test: &str) -> Option<(PathBuf, PathBuf)> {
    let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty()).map(PathBuf::from);
    match (var("SNOWPLOWCTL_TEST_PYTHON"), var("SNOWPLOWCTL_TEST_NODE")) {
        (Some(python), Some(node)) => Some((python, node)),
        (python, node) => {
            let missing: Vec<&str> =
                [("SNOWPLOWCTL_TEST_PYTHON", python.is_none()), ("SNOWPLOWCTL_TEST_NODE", node.is_none())]
                    .into_iter()
                    .filter_map(|(name, missing)| missing.then_some(name))
                    .collect();
            skipped(
                test,
                &format!("{} not set (scripts/test installs the trackers and sets them)", missing.join(" and ")),
            );
            None
        }
    }
}

/// Runs a tracker driver against the collector; a failure names the install that is broken.
fn run_driver(tracker: &str, program: &Path, script: &str, endpoint: &str, hint: &str) -> Vec<Sent> {
    let script = root().join("tests/trackers").join(script);
    let output = Command::new(program)
        .arg(&script)
        .arg(endpoint)
        .current_dir(root().join("tests/trackers"))
        .output()
        .unwrap_or_else(|e| panic!("cannot run {} ({e}); {hint}", program.display()));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "the {tracker} tracker driver failed ({}); {hint}\n{stderr}\n{stdout}",
        output.status
    );
    parse_driver_output(tracker, &stdout)
}

/// The tracker-protocol events a captured request carries (one for GET, one per
/// `payload_data` element for POST), as parameter maps.
fn request_events(request: &Request) -> Vec<BTreeMap<String, String>> {
    match request.method.as_str() {
        "GET" => vec![url::form_urlencoded_parse(request.query.as_deref().unwrap_or("")).into_iter().collect()],
        _ => {
            let body: Value = serde_json::from_str(request.body.as_deref().unwrap()).unwrap();
            assert_eq!(
                body["schema"].as_str().unwrap().rsplit_once('/').unwrap().0,
                "iglu:com.snowplowanalytics.snowplow/payload_data/jsonschema"
            );
            body["data"]
                .as_array()
                .unwrap()
                .iter()
                .map(|event| {
                    event
                        .as_object()
                        .unwrap()
                        .iter()
                        .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_owned()))
                        .collect()
                })
                .collect()
        }
    }
}

/// A tiny `application/x-www-form-urlencoded` decoder for the checks (the trackers' side of
/// the protocol, independent of the enrich code under test).
mod url {
    pub fn form_urlencoded_parse(query: &str) -> Vec<(String, String)> {
        query
            .split('&')
            .filter(|pair| !pair.is_empty())
            .map(|pair| {
                let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
                (decode(name), decode(value))
            })
            .collect()
    }

    fn decode(text: &str) -> String {
        let bytes = text.as_bytes();
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'+' => out.push(b' '),
                b'%' => {
                    out.push(u8::from_str_radix(&text[i + 1..i + 3], 16).unwrap());
                    i += 2;
                }
                byte => out.push(byte),
            }
            i += 1;
        }
        String::from_utf8(out).unwrap()
    }
}

/// Both trackers' traffic, captured: what they say they sent, what the collector got, and the
/// test's time window.
struct Traffic {
    _dir: tempfile::TempDir,
    collector: Collector,
    sent: Vec<Sent>,
    requests: Vec<Request>,
    window: (i64, i64),
}

fn send_traffic(python: &Path, node: &Path) -> Traffic {
    let dir = tempfile::tempdir().unwrap();
    let collector = Collector::start(&dir.path().join("raw"));
    let start = now_ms();
    let mut sent = run_driver(
        "python",
        python,
        "python_tracker.py",
        &collector.endpoint(),
        "scripts/test installs the pinned snowplow-tracker into .venv (SNOWPLOWCTL_TEST_PYTHON)",
    );
    sent.extend(run_driver(
        "node",
        node,
        "node_tracker.js",
        &collector.endpoint(),
        "scripts/test runs `npm ci` in tests/trackers (SNOWPLOWCTL_TEST_NODE)",
    ));
    // GET sends one request per event; POST batches a tracker's events into one request.
    let post_batches: BTreeSet<&str> = sent.iter().filter(|s| s.method == "post").map(|s| s.config.as_str()).collect();
    let expected_requests = sent.iter().filter(|s| s.method == "get").count() + post_batches.len();
    let requests = collector.wait_for(expected_requests, Duration::from_secs(30));
    let end = now_ms();

    // Each event's request (by event id). The driver's report of the parameters must agree with
    // what the collector received; the received ones (which include a GET's `stm`) are kept.
    let carried: Vec<Vec<BTreeMap<String, String>>> = requests.iter().map(request_events).collect();
    assert_eq!(carried.iter().map(Vec::len).sum::<usize>(), sent.len(), "the collector got exactly the events sent");
    for s in &mut sent {
        let mut carriers = carried.iter().enumerate().flat_map(|(i, events)| events.iter().map(move |e| (i, e)));
        let (index, params) = carriers
            .find(|(_, e)| e.get("eid").map(String::as_str) == Some(s.eid()))
            .unwrap_or_else(|| panic!("no request carried {} {} {}", s.config, s.event(), s.eid()));
        for (name, value) in &s.wire {
            assert_eq!(
                params.get(name),
                Some(value),
                "{} {}: the driver reports the `{name}` sent",
                s.config,
                s.event()
            );
        }
        s.wire = params.clone();
        s.request = index;
    }
    Traffic { _dir: dir, collector, sent, requests, window: (start, end) }
}

#[test]
fn trackers_send_what_they_report_and_the_collector_archives_it() {
    let Some((python, node)) = tracker_programs("trackers_send_what_they_report_and_the_collector_archives_it") else {
        return;
    };
    let traffic = send_traffic(&python, &node);
    let sent = &traffic.sent;

    // The fixed set: 2 trackers × (GET, POST) × (base64 on, off) × 3 events.
    assert_eq!(sent.len(), 24, "{sent:#?}");
    let mut kinds = BTreeMap::new();
    for s in sent {
        *kinds.entry((s.tracker.as_str(), s.method.as_str(), s.base64, s.event())).or_insert(0) += 1;
    }
    assert_eq!(kinds.len(), 24, "every combination once: {kinds:?}");

    let mut eids = BTreeSet::new();
    for s in sent {
        assert!(eids.insert(s.eid()), "{} sent twice", s.eid());
        let request = &traffic.requests[s.request];
        assert_eq!(request.method, s.method.to_uppercase(), "{}", s.config);
        assert_eq!(request.path, if s.method == "get" { "/i" } else { "/com.snowplowanalytics.snowplow/tp2" });
        assert_eq!(request.header("User-Agent"), Some(s.useragent.as_str()));
        assert!((traffic.window.0..=traffic.window.1).contains(&request.timestamp_ms), "{request:?}");
        assert!(s.wire.contains_key("stm"), "{}: {:?}", s.config, s.wire);
        // base64 on means `cx`/`ue_px`, off means `co`/`ue_pr`.
        let (contexts_key, unstruct_key) = if s.base64 { ("cx", "ue_px") } else { ("co", "ue_pr") };
        assert!(s.wire.contains_key(contexts_key), "{} {}: {:?}", s.config, s.event(), s.wire);
        assert_eq!(s.wire.contains_key(unstruct_key), s.event() == "unstruct", "{}: {:?}", s.config, s.wire);
    }

    // Every archive holds every request it can (CloudFront: GET only, after its two header
    // lines), in order, and Snowplow's loaders read each record back as the request made.
    for archive in Archive::ALL {
        let records = archive_records(&traffic.collector, archive);
        let requests: Vec<&Request> = traffic.requests.iter().filter(|r| archive.logs(r)).collect();
        assert_eq!(records.len(), requests.len(), "{archive:?}");
        for (record, request) in records.iter().zip(requests) {
            let payload = loader::load(archive.input_format_enum(), record)
                .unwrap_or_else(|e| {
                    panic!("{archive:?} record does not load: {e}\n{}", String::from_utf8_lossy(record))
                })
                .unwrap_or_else(|| panic!("{archive:?} record discarded: {}", String::from_utf8_lossy(record)));
            let mut want: Vec<(String, String)> = match request.method.as_str() {
                "GET" => url::form_urlencoded_parse(request.query.as_deref().unwrap()),
                _ => Vec::new(),
            };
            if archive == Archive::Tomcat {
                want.push(("cv".to_owned(), CLJ_COLLECTOR_VERSION.to_owned()));
                want.push(("nuid".to_owned(), request.network_user_id.clone()));
            }
            let got: Vec<(String, String)> = payload
                .querystring
                .iter()
                .map(|nv| (nv.name.to_string(), nv.value.clone().unwrap_or_default()))
                .collect();
            assert_eq!(got, want, "{archive:?}: the querystring");
            assert_eq!(payload.body, request.body, "{archive:?}: the body");
            let version = if request.method == "GET" { "tp1" } else { "tp2" };
            assert_eq!(
                (payload.api.vendor.as_str(), payload.api.version.as_str()),
                ("com.snowplowanalytics.snowplow", version)
            );
            assert_eq!(payload.context.timestamp, Some(archive.collector_tstamp_ms(request)), "{archive:?}");
            assert_eq!(payload.context.ip_address.as_deref(), Some("127.0.0.1"), "{archive:?}");
        }
    }
}

/// The records of one archive: log lines after the CloudFront header, or decoded Thrift bytes.
fn archive_records(collector: &Collector, archive: Archive) -> Vec<Vec<u8>> {
    match archive {
        Archive::CloudFront => {
            let lines = lines(&collector.cloudfront_log());
            assert!(lines[0].starts_with("#Version: ") && lines[1].starts_with("#Fields: "), "{lines:?}");
            lines[2..].iter().map(|line| line.clone().into_bytes()).collect()
        }
        Archive::Tomcat => lines(&collector.tomcat_log()).into_iter().map(String::into_bytes).collect(),
        Archive::Thrift => lines(&collector.thrift_records())
            .iter()
            .map(|line| base64::engine::general_purpose::STANDARD.decode(line).unwrap())
            .collect(),
    }
}

// ---------------------------------------------------------------------------------------------
// Enriching the archives.

/// The ETL timestamp every enrich run in this file uses.
const ETL_TIMESTAMP_MS: i64 = 1_795_000_000_000;

/// Which of the collector's archives a run reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Archive {
    CloudFront,
    Tomcat,
    Thrift,
}

impl Archive {
    const ALL: [Archive; 3] = [Archive::CloudFront, Archive::Tomcat, Archive::Thrift];

    fn input_format(self) -> &'static str {
        match self {
            Archive::CloudFront => "cloudfront",
            Archive::Tomcat => "clj-tomcat",
            Archive::Thrift => "thrift",
        }
    }

    fn input_format_enum(self) -> InputFormat {
        self.input_format().parse().unwrap()
    }

    /// The CloudFront collector is a pixel: it only ever saw the GET requests.
    fn carries(self, sent: &Sent) -> bool {
        self != Archive::CloudFront || sent.method == "get"
    }

    /// Whether this archive has a record of the request (see [`Archive::carries`]).
    fn logs(self, request: &Request) -> bool {
        self != Archive::CloudFront || request.method == "GET"
    }

    fn v_collector(self) -> &'static str {
        match self {
            Archive::CloudFront => "cloudfront",
            Archive::Tomcat => CLJ_COLLECTOR_VERSION,
            Archive::Thrift => THRIFT_COLLECTOR_NAME,
        }
    }

    /// The log collectors write whole seconds; Thrift records carry milliseconds.
    fn collector_tstamp_ms(self, request: &Request) -> i64 {
        match self {
            Archive::Thrift => request.timestamp_ms,
            _ => request.timestamp_ms / 1000 * 1000,
        }
    }
}

/// The 131 enriched-event column names, from the shared reference.
fn column_names() -> Vec<String> {
    let text = std::fs::read_to_string(shared().join("snowplow/enrich-vectors/fields.json")).unwrap();
    let names: Vec<String> = serde_json::from_str(&text).unwrap();
    assert_eq!(names.len(), 131);
    names
}

fn tstamp(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms).unwrap().format("%Y-%m-%d %H:%M:%S%.3f").to_string()
}

fn wire_tstamp(sent: &Sent, name: &str) -> Option<i64> {
    let text = sent.wire.get(name)?;
    Some(text.parse().unwrap_or_else(|e| panic!("{}: `{name}` is not ms ({e})", sent.config)))
}

/// scheme, host, port, path, query, fragment of the test's simple absolute URLs, as enrich
/// splits them (raw, default ports filled in).
fn split_url(url: &str) -> [String; 6] {
    let (scheme, rest) = url.split_once("://").unwrap();
    let (rest, fragment) = rest.split_once('#').map_or((rest, ""), |(r, f)| (r, f));
    let (rest, query) = rest.split_once('?').map_or((rest, ""), |(r, q)| (r, q));
    let (authority, path) = rest.find('/').map_or((rest, ""), |i| rest.split_at(i));
    let (host, port) = match authority.split_once(':') {
        Some((host, port)) => (host, port.to_owned()),
        None => (authority, if scheme == "https" { "443" } else { "80" }.to_owned()),
    };
    [scheme.to_owned(), host.to_owned(), port, path.to_owned(), query.to_owned(), fragment.to_owned()]
}

/// The JSON the tracker put on the wire under one of two parameters (plain or base64).
fn wire_json(sent: &Sent, plain: &str, encoded: &str) -> Option<String> {
    if let Some(text) = sent.wire.get(plain) {
        return Some(text.clone());
    }
    let encoded = sent.wire.get(encoded)?;
    Some(String::from_utf8(url_safe_lenient().decode(encoded).unwrap()).unwrap())
}

/// Text as enrich writes it into a TSV column (§2): each TAB becomes four spaces and the other
/// control characters (`\p{Cntrl}`) are dropped.
fn tsv_safe(text: &str) -> String {
    text.replace('\t', "    ").chars().filter(|c| !matches!(c, '\0'..='\x1f' | '\x7f')).collect()
}

/// Every column of the event the tracker sent, except the two JSON columns (checked apart).
fn expected_columns(sent: &Sent, request: &Request, archive: Archive, names: &[String]) -> Vec<String> {
    let mut expected: BTreeMap<&str, String> = BTreeMap::new();
    let text = |key: &str| match sent.sent.get(key) {
        Some(Value::String(s)) => tsv_safe(s),
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    };
    for key in [
        "app_id",
        "platform",
        "name_tracker",
        "user_id",
        "domain_userid",
        "domain_sessionid",
        "domain_sessionidx",
        "br_lang",
        "os_timezone",
        "br_colordepth",
        "dvce_screenwidth",
        "dvce_screenheight",
        "br_viewwidth",
        "br_viewheight",
        "event",
        "page_url",
        "page_title",
        "page_referrer",
        "se_category",
        "se_action",
        "se_label",
        "se_property",
    ] {
        expected.insert(key, text(key));
    }
    if sent.sent.contains_key("se_value") {
        // The tracker's own decimal text (Python `12.5`, JavaScript `3`), kept as sent.
        let on_wire = sent.wire("se_va");
        assert_eq!(on_wire.parse::<f64>().unwrap(), sent.sent["se_value"].as_f64().unwrap());
        expected.insert("se_value", on_wire.to_owned());
    }
    for (prefix, url) in [("page_url", text("page_url")), ("refr_url", text("page_referrer"))] {
        if url.is_empty() {
            continue;
        }
        let parts = split_url(&url);
        for (suffix, part) in ["scheme", "host", "port", "path", "query", "fragment"].into_iter().zip(parts) {
            let name = names.iter().find(|n| **n == format!("{prefix}{suffix}")).unwrap();
            expected.insert(name, part);
        }
    }
    let collector_ms = archive.collector_tstamp_ms(request);
    let (dtm, stm, ttm) = (wire_tstamp(sent, "dtm"), wire_tstamp(sent, "stm"), wire_tstamp(sent, "ttm"));
    assert_eq!(ttm, sent.sent.get("true_tstamp").and_then(Value::as_i64), "{}: the true timestamp", sent.config);
    // §7.1: the true timestamp if there is one, else the collector time less the device clock
    // skew (sent - created) when the device times are in order.
    let derived = match (ttm, dtm, stm) {
        (Some(ttm), _, _) => ttm,
        (None, Some(dtm), Some(stm)) if dtm < stm => collector_ms - (stm - dtm),
        _ => collector_ms,
    };
    expected.insert("etl_tstamp", tstamp(ETL_TIMESTAMP_MS));
    expected.insert("collector_tstamp", tstamp(collector_ms));
    for (name, value) in [("dvce_created_tstamp", dtm), ("dvce_sent_tstamp", stm), ("true_tstamp", ttm)] {
        expected.insert(name, value.map(tstamp).unwrap_or_default());
    }
    expected.insert("derived_tstamp", tstamp(derived));
    expected.insert("event_id", sent.eid().to_owned());
    expected.insert("v_tracker", sent.wire("tv").to_owned());
    expected.insert("v_collector", archive.v_collector().to_owned());
    expected.insert("v_etl", format!("snowplowctl-{}", env!("CARGO_PKG_VERSION")));
    expected.insert("user_ipaddress", request.peer.ip().to_string());
    expected.insert("useragent", sent.useragent.clone());
    if archive != Archive::CloudFront {
        expected.insert("network_userid", request.network_user_id.clone());
    }
    let event_schema = match sent.event() {
        "page_view" => "iglu:com.snowplowanalytics.snowplow/page_view/jsonschema/1-0-0".to_owned(),
        "struct" => "iglu:com.google.analytics/event/jsonschema/1-0-0".to_owned(),
        _ => sent.sent["unstruct_event"]["schema"].as_str().unwrap().to_owned(),
    };
    let parts: Vec<&str> = event_schema.trim_start_matches("iglu:").split('/').collect();
    for (name, part) in ["event_vendor", "event_name", "event_format", "event_version"].into_iter().zip(parts) {
        expected.insert(name, part.to_owned());
    }
    for name in expected.keys() {
        assert!(names.iter().any(|n| n == name), "unknown column {name}");
    }
    names.iter().map(|name| expected.get(name.as_str()).cloned().unwrap_or_default()).collect()
}

/// The `contexts` or `unstruct_event` column: the tracker's JSON. Legacy enrich writes it back
/// compacted as received; enrich 6 re-serialises it (contexts wrapper 1-0-1, `schema` first).
fn check_json_column(column: &str, sent: &Sent, runtime: &str, which: &str) {
    let (plain, encoded, wrapper) = match which {
        "contexts" => ("co", "cx", "iglu:com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-"),
        _ => ("ue_pr", "ue_px", "iglu:com.snowplowanalytics.snowplow/unstruct_event/jsonschema/1-0-0"),
    };
    let context = format!("{} {} {} {which}", sent.config, sent.event(), sent.eid());
    let Some(received) = wire_json(sent, plain, encoded) else {
        assert_eq!(column, "", "{context}: nothing was sent");
        return;
    };
    let received: Value = serde_json::from_str(&received).unwrap();
    let written: Value = serde_json::from_str(column).unwrap_or_else(|e| panic!("{context}: {e}: {column}"));
    let what_was_sent = match which {
        "contexts" => sent.sent["contexts"].clone(),
        _ => sent.sent["unstruct_event"].clone(),
    };
    assert_eq!(written["data"], what_was_sent, "{context}: the values the tracker was given");
    assert!(written["schema"].as_str().unwrap().starts_with(wrapper), "{context}: {column}");
    if runtime == "legacy" {
        assert_eq!(column, received.to_string(), "{context}: legacy writes the JSON back compacted as received");
    } else {
        let entities = match which {
            "contexts" => written["data"].as_array().unwrap().clone(),
            _ => vec![written["data"].clone()],
        };
        for entity in entities {
            assert_eq!(entity.as_object().unwrap().keys().next().map(String::as_str), Some("schema"), "{context}");
        }
        if which == "contexts" {
            assert_eq!(written["schema"], "iglu:com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-1", "{context}");
        }
    }
}

/// What one `snowplowctl enrich` run wrote.
struct Enriched {
    good: Vec<Vec<String>>,
    bad: Vec<String>,
    summary: Value,
}

/// Lines of every `part-*` under `OUT/enriched/<kind>/run=*/`.
fn part_lines(out: &Path, kind: &str) -> Vec<String> {
    let dir = out.join("enriched").join(kind);
    let mut lines = Vec::new();
    let Ok(runs) = std::fs::read_dir(&dir) else { return lines };
    let mut parts: Vec<PathBuf> = runs
        .map(|run| run.unwrap().path())
        .filter(|run| run.file_name().unwrap().to_string_lossy().starts_with("run="))
        .flat_map(|run| std::fs::read_dir(run).unwrap().map(|part| part.unwrap().path()))
        .filter(|part| part.file_name().unwrap().to_string_lossy().starts_with("part-"))
        .collect();
    parts.sort();
    for part in parts {
        lines.extend(std::fs::read_to_string(&part).unwrap().lines().map(str::to_owned));
    }
    lines
}

fn enrich(input: &Path, archive: Archive, runtime: &str, out: &Path) -> Enriched {
    let cache = out.with_extension("cache");
    let mut cmd = support::snowplowctl(&cache);
    cmd.arg("enrich")
        .arg(input)
        .args(["--input-format", archive.input_format(), "--enrich-runtime", runtime, "--format", "json"])
        .arg("--output")
        .arg(out)
        .arg("--resolver")
        .arg(support::fixture("enrich/iglu/resolver.json"))
        .args(["--etl-timestamp", &ETL_TIMESTAMP_MS.to_string()]);
    let (code, stdout, stderr) = support::run(&mut cmd);
    assert_eq!(code, 0, "enrich {archive:?} ({runtime}) failed\n{stdout}\n{stderr}");
    let summary =
        serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("no JSON summary ({e}):\n{stdout}\n{stderr}"));
    let good = part_lines(out, "good").into_iter().map(|line| line.split('\t').map(str::to_owned).collect()).collect();
    Enriched { good, bad: part_lines(out, "bad"), summary }
}

#[test]
fn tracker_traffic_enriches_to_the_values_the_trackers_sent() {
    let test = "tracker_traffic_enriches_to_the_values_the_trackers_sent";
    let Some((python, node)) = tracker_programs(test) else {
        return;
    };
    let traffic = send_traffic(&python, &node);
    let names = column_names();
    let column = |name: &str| names.iter().position(|n| n == name).unwrap();
    let work = tempfile::tempdir().unwrap();

    // CloudFront delivers its logs gzipped; the S3 loader archives Thrift records in lzop files.
    let cloudfront_gz = work.path().join("E2SNOWPLOWCTL7.capture.gz");
    let mut gzip = flate2::write::GzEncoder::new(std::fs::File::create(&cloudfront_gz).unwrap(), Default::default());
    gzip.write_all(&std::fs::read(traffic.collector.cloudfront_log()).unwrap()).unwrap();
    gzip.finish().unwrap();
    let inputs = [
        ("cloudfront-gzip", Archive::CloudFront, cloudfront_gz),
        ("clj-tomcat", Archive::Tomcat, traffic.collector.tomcat_log()),
        ("thrift-base64-lines", Archive::Thrift, traffic.collector.thrift_records()),
        ("thrift-s3-loader-lzo", Archive::Thrift, traffic.collector.write_s3_loader_archive()),
    ];

    for (name, archive, input) in inputs {
        let logged = traffic.requests.iter().filter(|r| archive.logs(r)).count() as u64;
        let headers = if archive == Archive::CloudFront { 2 } else { 0 };
        let expected: Vec<&Sent> = traffic.sent.iter().filter(|s| archive.carries(s)).collect();
        for runtime in ["legacy", "enrich6"] {
            let out = work.path().join(format!("{name}-{runtime}"));
            let run = enrich(&input, archive, runtime, &out);
            let label = format!("{name} ({runtime})");
            assert!(run.bad.is_empty(), "{label}: bad rows:\n{}", run.bad.join("\n"));
            // The Python Analytics SDK accepts every line and agrees with `transform --shape python`.
            if let Ok(python) = support::python_sdk::python() {
                let lines_file = out.with_extension("tsv");
                std::fs::write(&lines_file, run.good.iter().map(|row| row.join("\t") + "\n").collect::<String>())
                    .unwrap();
                support::python_sdk::assert_agrees(&python, &lines_file, &label);
            }
            assert_eq!(run.good.len(), expected.len(), "{label}: one enriched event per event sent");
            let events = expected.len() as u64;
            let counts =
                |key: &str| run.summary[key].as_u64().unwrap_or_else(|| panic!("{label}: {key}: {}", run.summary));
            assert_eq!(
                ["files", "records", "discarded", "failed_records", "expanded_records", "events", "good_events"]
                    .map(counts),
                [1, logged + headers, headers, 0, logged, events, events],
                "{label}: {}",
                run.summary
            );
            assert_eq!(["failed_events", "total_bad_rows"].map(counts), [0, 0], "{label}: {}", run.summary);
            assert_eq!(run.summary["counts_balance"], true, "{label}: {}", run.summary);

            let by_id: BTreeMap<&str, &Vec<String>> =
                run.good.iter().map(|row| (row[column("event_id")].as_str(), row)).collect();
            assert_eq!(by_id.len(), run.good.len(), "{label}: event ids are unique");
            for sent in &expected {
                let row = by_id
                    .get(sent.eid())
                    .unwrap_or_else(|| panic!("{label}: no event {} ({})", sent.eid(), sent.config));
                assert_eq!(row.len(), 131, "{label}: {row:?}");
                let request = &traffic.requests[sent.request];
                let want = expected_columns(sent, request, archive, &names);
                for (i, name) in names.iter().enumerate() {
                    if name == "contexts" || name == "unstruct_event" {
                        continue;
                    }
                    assert_eq!(row[i], want[i], "{label} {} {} column {i} {name}", sent.config, sent.event());
                }
                let collector_ms = archive.collector_tstamp_ms(request);
                assert!(traffic.window.0 / 1000 * 1000 <= collector_ms && collector_ms <= traffic.window.1);
                check_json_column(&row[column("contexts")], sent, runtime, "contexts");
                check_json_column(&row[column("unstruct_event")], sent, runtime, "unstruct_event");
            }
        }
    }
}
