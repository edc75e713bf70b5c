//! A capturing Snowplow collector on 127.0.0.1 for the real-traffic enrich tests.
//!
//! It answers trackers as a collector does (`GET /i?…` and `GET …/tp2?…` with a 1×1 GIF,
//! `POST /com.snowplowanalytics.snowplow/tp2` with `ok`, CORS preflights, an `sp` network-user
//! cookie) and writes every GET or POST request, in arrival order, the way the three real
//! collectors archive it:
//!
//! * `cloudfront/…` a CloudFront access log (GET only: the CloudFront collector is a pixel),
//!   with the `#Version`/`#Fields` header and the 33 tab-separated fields of today's logs;
//!   the URI query, user agent and referer are URL-encoded as CloudFront encodes them, so a
//!   `%` in the query becomes `%25` (the "double encoding" the CloudFront loader undoes);
//! * `clj-tomcat/…` the Clojure collector's Tomcat access log: the user agent and content type
//!   form-encoded, `&cv=clj-1.1.0-tom-0.2.0&nuid=<cookie>` appended to the querystring and the
//!   POST body as URL-safe base64;
//! * `thrift/…` Scala Stream Collector `CollectorPayload` 1-0-0 records, one standard-base64
//!   record per line; [`Collector::write_s3_loader_archive`] also writes them as the Snowplow S3
//!   loader archives them (lzop file of Elephant Bird blocks).

use std::fs::{File, OpenOptions};
use std::hash::{BuildHasher, RandomState};
use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use chrono::{DateTime, Utc};
use snowplowctl::enrich::base64::{encode_standard, encode_url_safe};
use snowplowctl::enrich::elephant_bird::BlockWriter;
use snowplowctl::enrich::lzop::LzopWriter;
use snowplowctl::enrich::thrift::{CollectorPayloadRecord, encode_collector_payload};

/// The `cv` the Clojure collector's Tomcat valve appends to every querystring.
pub const CLJ_COLLECTOR_VERSION: &str = "clj-1.1.0-tom-0.2.0";
/// The `collector` field of the Thrift records (becomes `v_collector`).
pub const THRIFT_COLLECTOR_NAME: &str = "ssc-3.2.0-snowplowctl-capture";
/// The CloudFront distribution domain written as `cs(Host)`.
pub const CLOUDFRONT_HOST: &str = "d1snowplowctl7.cloudfront.net";
const COLLECTOR_PAYLOAD_SCHEMA: &str = "iglu:com.snowplowanalytics.snowplow/CollectorPayload/thrift/1-0-0";

/// The fields of a CloudFront access log line since 2019, in order.
pub const CLOUDFRONT_FIELDS: [&str; 33] = [
    "date",
    "time",
    "x-edge-location",
    "sc-bytes",
    "c-ip",
    "cs-method",
    "cs(Host)",
    "cs-uri-stem",
    "sc-status",
    "cs(Referer)",
    "cs(User-Agent)",
    "cs-uri-query",
    "cs(Cookie)",
    "x-edge-result-type",
    "x-edge-request-id",
    "x-host-header",
    "cs-protocol",
    "cs-bytes",
    "time-taken",
    "x-forwarded-for",
    "ssl-protocol",
    "ssl-cipher",
    "x-edge-response-result-type",
    "cs-protocol-version",
    "fle-status",
    "fle-encrypted-fields",
    "c-port",
    "time-to-first-byte",
    "x-edge-detailed-result-type",
    "sc-content-type",
    "sc-content-len",
    "sc-range-start",
    "sc-range-end",
];

/// The transparent 1×1 GIF a collector answers GET requests with.
const PIXEL: [u8; 43] = [
    0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff,
    0x21, 0xf9, 0x04, 0x01, 0x00, 0x00, 0x00, 0x00, 0x2c, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x02,
    0x02, 0x44, 0x01, 0x00, 0x3b,
];

/// One GET or POST request as the collector received it.
#[derive(Debug, Clone)]
pub struct Request {
    /// `GET` or `POST`.
    pub method: String,
    /// Request path, e.g. `/i`.
    pub path: String,
    /// Raw querystring (still encoded), without the `?`; `None` when the URL had none.
    pub query: Option<String>,
    /// Headers in arrival order, names as sent.
    pub headers: Vec<(String, String)>,
    /// Request body (UTF-8, as the Scala collector reads it); `None` when empty.
    pub body: Option<String>,
    /// Client address.
    pub peer: SocketAddr,
    /// Collector time, ms since the epoch.
    pub timestamp_ms: i64,
    /// The `sp` cookie: the client's, or the one the collector assigned.
    pub network_user_id: String,
}

impl Request {
    /// First header with this name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// A running collector; stops when dropped.
pub struct Collector {
    addr: SocketAddr,
    dir: PathBuf,
    stop: Arc<AtomicBool>,
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
}

struct Shared {
    state: Mutex<State>,
    arrived: Condvar,
}

struct State {
    requests: Vec<Request>,
    cloudfront: File,
    tomcat: File,
    thrift: File,
}

impl Collector {
    /// Listens on an ephemeral 127.0.0.1 port and writes its archives under `dir`.
    pub fn start(dir: &Path) -> Self {
        for sub in ["cloudfront", "clj-tomcat", "thrift", "s3-loader"] {
            std::fs::create_dir_all(dir.join(sub)).expect("create collector output folders");
        }
        let mut cloudfront = create(&dir.join(CLOUDFRONT_LOG));
        writeln!(cloudfront, "#Version: 1.0\n#Fields: {}", CLOUDFRONT_FIELDS.join(" ")).expect("write log header");
        let state = State {
            requests: Vec::new(),
            cloudfront,
            tomcat: create(&dir.join(TOMCAT_LOG)),
            thrift: create(&dir.join(THRIFT_RECORDS)),
        };
        let shared = Arc::new(Shared { state: Mutex::new(state), arrived: Condvar::new() });

        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        listener.set_nonblocking(true).expect("non-blocking listener");
        let addr = listener.local_addr().expect("local addr");
        let stop = Arc::new(AtomicBool::new(false));
        let thread = {
            let (stop, shared) = (Arc::clone(&stop), Arc::clone(&shared));
            std::thread::spawn(move || {
                while !stop.load(Ordering::SeqCst) {
                    match listener.accept() {
                        Ok((stream, peer)) => {
                            let shared = Arc::clone(&shared);
                            std::thread::spawn(move || serve_connection(stream, peer, &shared));
                        }
                        Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                            std::thread::sleep(Duration::from_millis(2));
                        }
                        Err(_) => break,
                    }
                }
            })
        };
        Collector { addr, dir: dir.to_owned(), stop, shared, thread: Some(thread) }
    }

    /// `http://127.0.0.1:PORT`.
    pub fn endpoint(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The CloudFront access log (GET requests only).
    pub fn cloudfront_log(&self) -> PathBuf {
        self.dir.join(CLOUDFRONT_LOG)
    }

    /// The Clojure collector's Tomcat access log.
    pub fn tomcat_log(&self) -> PathBuf {
        self.dir.join(TOMCAT_LOG)
    }

    /// The Thrift records, one standard-base64 record per line.
    pub fn thrift_records(&self) -> PathBuf {
        self.dir.join(THRIFT_RECORDS)
    }

    /// Writes the Thrift records of the requests so far as the S3 loader archives a batch: an
    /// lzop file of Elephant Bird `BinaryBlock` frames. Returns its path.
    pub fn write_s3_loader_archive(&self) -> PathBuf {
        let path = self.dir.join(S3_LOADER_ARCHIVE);
        let state = self.shared.state.lock().unwrap();
        let lzop = LzopWriter::new(BufWriter::new(create(&path))).expect("write the lzop header");
        let mut blocks = BlockWriter::new(lzop);
        for request in &state.requests {
            blocks.write_record(&encode_collector_payload(&thrift_record(request))).expect("write a record");
        }
        let lzop = blocks.finish().expect("write the last block");
        lzop.finish().expect("finish the lzop file").flush().expect("flush the lzop file");
        path
    }

    /// Requests captured so far, in arrival order.
    pub fn requests(&self) -> Vec<Request> {
        self.shared.state.lock().unwrap().requests.clone()
    }

    /// Waits until at least `count` requests were captured (panics after `timeout`) and returns
    /// them all.
    pub fn wait_for(&self, count: usize, timeout: Duration) -> Vec<Request> {
        let deadline = Instant::now() + timeout;
        let mut state = self.shared.state.lock().unwrap();
        while state.requests.len() < count {
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(!left.is_zero(), "the collector got {} of {count} requests in {timeout:?}", state.requests.len());
            state = self.shared.arrived.wait_timeout(state, left).unwrap().0;
        }
        state.requests.clone()
    }

    fn shutdown(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for Collector {
    fn drop(&mut self) {
        self.shutdown();
    }
}

const CLOUDFRONT_LOG: &str = "cloudfront/E2SNOWPLOWCTL7.capture";
const TOMCAT_LOG: &str = "clj-tomcat/localhost_access_log.txt";
const THRIFT_RECORDS: &str = "thrift/collector-payloads.b64";
const S3_LOADER_ARCHIVE: &str = "s3-loader/collector-payloads.lzo";

fn create(path: &Path) -> File {
    OpenOptions::new()
        .create(true)
        .truncate(true)
        .write(true)
        .open(path)
        .unwrap_or_else(|e| panic!("create {}: {e}", path.display()))
}

/// A request as read off the socket, before the collector stamps it.
struct Incoming {
    method: String,
    target: String,
    version: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    /// Bytes on the wire (request line, headers, body), for CloudFront's `cs-bytes`.
    wire_bytes: usize,
}

impl Incoming {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// Serves requests on one connection until the client closes it (keep-alive aware).
fn serve_connection(stream: TcpStream, peer: SocketAddr, shared: &Shared) {
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let Ok(read_half) = stream.try_clone() else { return };
    let mut reader = BufReader::new(read_half);
    let mut writer = stream;
    loop {
        let incoming = match read_request(&mut reader) {
            Ok(Some(incoming)) => incoming,
            Ok(None) => return,
            Err(message) => {
                let _ = respond(&mut writer, 400, "Bad Request", &[], message.as_bytes());
                return;
            }
        };
        let close = incoming.header("Connection").is_some_and(|v| v.eq_ignore_ascii_case("close"))
            || incoming.version == "HTTP/1.0";
        let origin = incoming.header("Origin").unwrap_or("*").to_owned();
        let cors = [("Access-Control-Allow-Origin", origin.as_str()), ("Access-Control-Allow-Credentials", "true")];
        let written = match incoming.method.as_str() {
            "OPTIONS" => {
                let headers = [
                    cors[0],
                    cors[1],
                    ("Access-Control-Allow-Methods", "GET, POST, OPTIONS"),
                    ("Access-Control-Allow-Headers", "Content-Type, SP-Anonymous"),
                ];
                respond(&mut writer, 200, "OK", &headers, b"")
            }
            "GET" | "POST" => {
                let network_user_id = cookie(&incoming, "sp").unwrap_or_else(random_uuid);
                let set_cookie = format!("sp={network_user_id}; Path=/; Max-Age=31536000; SameSite=None");
                let (content_type, body): (&str, &[u8]) =
                    if incoming.method == "GET" { ("image/gif", &PIXEL) } else { ("text/plain", b"ok") };
                let headers = [cors[0], cors[1], ("Content-Type", content_type), ("Set-Cookie", set_cookie.as_str())];
                // Stamp and archive before answering, so a tracker that has its answer is on file.
                let response_len = response_bytes(200, "OK", &headers, body).len();
                record(shared, incoming, peer, network_user_id, response_len, body.len());
                respond(&mut writer, 200, "OK", &headers, body)
            }
            _ => respond(&mut writer, 405, "Method Not Allowed", &cors, b""),
        };
        if written.is_err() || close {
            return;
        }
    }
}

/// Reads one request; `Ok(None)` when the client closed the connection between requests.
fn read_request(reader: &mut BufReader<TcpStream>) -> Result<Option<Incoming>, String> {
    let mut request_line = String::new();
    match reader.read_line(&mut request_line) {
        Ok(0) | Err(_) => return Ok(None),
        Ok(_) => {}
    }
    let mut wire_bytes = request_line.len();
    let mut parts = request_line.split_whitespace();
    let (Some(method), Some(target), Some(version)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(format!("malformed request line {request_line:?}"));
    };
    let (method, target, version) = (method.to_owned(), target.to_owned(), version.to_owned());
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        let read = reader.read_line(&mut line).map_err(|e| format!("reading headers: {e}"))?;
        wire_bytes += read;
        let line = line.trim_end_matches(['\r', '\n']);
        if read == 0 || line.is_empty() {
            break;
        }
        let (name, value) = line.split_once(':').ok_or_else(|| format!("malformed header {line:?}"))?;
        headers.push((name.trim().to_owned(), value.trim().to_owned()));
    }
    let mut incoming = Incoming { method, target, version, headers, body: Vec::new(), wire_bytes };
    if incoming.header("Transfer-Encoding").is_some_and(|v| v.eq_ignore_ascii_case("chunked")) {
        incoming.body = read_chunked(reader, &mut incoming.wire_bytes)?;
    } else if let Some(length) = incoming.header("Content-Length") {
        let length: usize = length.parse().map_err(|_| format!("bad Content-Length {length:?}"))?;
        let mut body = vec![0; length];
        reader.read_exact(&mut body).map_err(|e| format!("reading the body: {e}"))?;
        incoming.wire_bytes += length;
        incoming.body = body;
    }
    Ok(Some(incoming))
}

fn read_chunked(reader: &mut BufReader<TcpStream>, wire_bytes: &mut usize) -> Result<Vec<u8>, String> {
    let mut body = Vec::new();
    loop {
        let mut size_line = String::new();
        *wire_bytes += reader.read_line(&mut size_line).map_err(|e| format!("reading a chunk size: {e}"))?;
        let size_text = size_line.trim().split(';').next().unwrap_or("");
        let size = usize::from_str_radix(size_text, 16).map_err(|_| format!("bad chunk size {size_line:?}"))?;
        if size == 0 {
            // Trailers, then the blank line that ends the body.
            loop {
                let mut line = String::new();
                let read = reader.read_line(&mut line).map_err(|e| format!("reading trailers: {e}"))?;
                *wire_bytes += read;
                if read == 0 || line.trim().is_empty() {
                    return Ok(body);
                }
            }
        }
        let start = body.len();
        body.resize(start + size + 2, 0);
        reader.read_exact(&mut body[start..]).map_err(|e| format!("reading a chunk: {e}"))?;
        body.truncate(start + size);
        *wire_bytes += size + 2;
    }
}

fn response_bytes(status: u16, reason: &str, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status} {reason}\r\n");
    for (name, value) in headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
    let mut out = out.into_bytes();
    out.extend_from_slice(body);
    out
}

fn respond(
    stream: &mut TcpStream,
    status: u16,
    reason: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> std::io::Result<()> {
    stream.write_all(&response_bytes(status, reason, headers, body))?;
    stream.flush()
}

fn cookie(incoming: &Incoming, name: &str) -> Option<String> {
    incoming
        .header("Cookie")?
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, v)| v.to_owned())
        .filter(|v| !v.is_empty())
}

/// Stamps the request, appends it to the three archives and wakes waiters, all under one lock
/// so the archives keep the arrival order.
fn record(
    shared: &Shared,
    incoming: Incoming,
    peer: SocketAddr,
    network_user_id: String,
    response_len: usize,
    body_len: usize,
) {
    let timestamp_ms = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis() as i64);
    let (path, query) = match incoming.target.split_once('?') {
        Some((path, query)) => (path.to_owned(), Some(query.to_owned())),
        None => (incoming.target.clone(), None),
    };
    let body = (!incoming.body.is_empty()).then(|| String::from_utf8_lossy(&incoming.body).into_owned());
    let request = Request {
        method: incoming.method.clone(),
        path,
        query,
        headers: incoming.headers.clone(),
        body,
        peer,
        timestamp_ms,
        network_user_id,
    };
    let mut state = shared.state.lock().unwrap();
    if request.method == "GET" {
        let line = cloudfront_line(&request, &incoming, response_len, body_len);
        state.cloudfront.write_all(line.as_bytes()).expect("append to the CloudFront log");
    }
    let line = tomcat_line(&request, body_len);
    state.tomcat.write_all(line.as_bytes()).expect("append to the Tomcat log");
    let record = encode_collector_payload(&thrift_record(&request));
    let line = format!("{}\n", encode_standard(&record));
    state.thrift.write_all(line.as_bytes()).expect("append to the Thrift records");
    state.requests.push(request);
    shared.arrived.notify_all();
}

fn utc(timestamp_ms: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(timestamp_ms).expect("a current timestamp")
}

fn dash(value: Option<String>) -> String {
    value.filter(|v| !v.is_empty()).unwrap_or_else(|| "-".to_owned())
}

fn cloudfront_line(request: &Request, incoming: &Incoming, response_len: usize, body_len: usize) -> String {
    let time = utc(request.timestamp_ms);
    let host_header = request.header("Host").unwrap_or("-");
    let fields = [
        time.format("%Y-%m-%d").to_string(),
        time.format("%H:%M:%S").to_string(),
        "FRA56-P1".to_owned(),
        response_len.to_string(),
        request.peer.ip().to_string(),
        request.method.clone(),
        CLOUDFRONT_HOST.to_owned(),
        cloudfront_encode(&request.path),
        "200".to_owned(),
        dash(request.header("Referer").map(cloudfront_encode)),
        dash(request.header("User-Agent").map(cloudfront_encode)),
        dash(request.query.as_deref().map(cloudfront_encode)),
        dash(request.header("Cookie").map(cloudfront_encode)),
        "Miss".to_owned(),
        base64::engine::general_purpose::URL_SAFE.encode(random_bytes::<40>()),
        cloudfront_encode(host_header),
        "http".to_owned(),
        incoming.wire_bytes.to_string(),
        "0.001".to_owned(),
        dash(request.header("X-Forwarded-For").map(cloudfront_encode)),
        "-".to_owned(),
        "-".to_owned(),
        "Miss".to_owned(),
        incoming.version.clone(),
        "-".to_owned(),
        "-".to_owned(),
        request.peer.port().to_string(),
        "0.001".to_owned(),
        "Miss".to_owned(),
        "image/gif".to_owned(),
        body_len.to_string(),
        "-".to_owned(),
        "-".to_owned(),
    ];
    format!("{}\n", fields.join("\t"))
}

/// CloudFront's log encoding: control characters, space, non-ASCII bytes and
/// `"#%<>\^`{|}` as `%XX`; everything else as received.
pub fn cloudfront_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for &byte in value.as_bytes() {
        if byte <= 0x20 || byte >= 0x7f || b"\"#%<>\\^`{|}".contains(&byte) {
            out.push_str(&format!("%{byte:02X}"));
        } else {
            out.push(byte as char);
        }
    }
    out
}

/// `java.net.URLEncoder.encode(value, "UTF-8")`, as the Clojure collector's valve writes the
/// user agent and content type: `A-Za-z0-9.-*_` kept, space as `+`, the rest `%XX`.
pub fn form_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for &byte in value.as_bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'.' | b'-' | b'*' | b'_' => out.push(byte as char),
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

fn tomcat_line(request: &Request, body_len: usize) -> String {
    let time = utc(request.timestamp_ms);
    let host = request.header("Host").map(|h| h.rsplit_once(':').map_or(h, |(host, _)| host).to_owned());
    let query = format!(
        "{}&cv={CLJ_COLLECTOR_VERSION}&nuid={}",
        request.query.as_deref().unwrap_or(""),
        request.network_user_id
    );
    let fields = [
        time.format("%Y-%m-%d").to_string(),
        time.format("%H:%M:%S").to_string(),
        "-".to_owned(),
        if body_len == 0 { "-".to_owned() } else { body_len.to_string() },
        request.peer.ip().to_string(),
        request.method.clone(),
        dash(host),
        request.path.clone(),
        "200".to_owned(),
        dash(request.header("Referer").map(|r| r.replace(' ', "%20"))),
        dash(request.header("User-Agent").map(form_encode)),
        query,
        "-".to_owned(),
        "-".to_owned(),
        "-".to_owned(),
        dash(request.header("Content-Type").map(form_encode)),
        dash(request.body.as_deref().map(|body| encode_url_safe(body.as_bytes()))),
    ];
    format!("{}\n", fields.join("\t"))
}

fn thrift_record(request: &Request) -> CollectorPayloadRecord {
    CollectorPayloadRecord {
        schema: COLLECTOR_PAYLOAD_SCHEMA.to_owned(),
        ip_address: request.peer.ip().to_string(),
        timestamp: request.timestamp_ms,
        encoding: "UTF-8".to_owned(),
        collector: THRIFT_COLLECTOR_NAME.to_owned(),
        user_agent: request.header("User-Agent").map(str::to_owned),
        referer_uri: request.header("Referer").map(str::to_owned),
        path: Some(request.path.clone()),
        querystring: request.query.clone(),
        body: request.body.clone(),
        headers: Some(request.headers.iter().map(|(name, value)| format!("{name}: {value}")).collect()),
        content_type: request.header("Content-Type").map(str::to_owned),
        hostname: request.header("Host").map(|h| h.rsplit_once(':').map_or(h, |(host, _)| host).to_owned()),
        network_user_id: Some(request.network_user_id.clone()),
    }
}

/// Random bytes without a `rand` dependency: std's randomly keyed hasher over a counter.
fn random_bytes<const N: usize>() -> [u8; N] {
    static KEYS: std::sync::OnceLock<RandomState> = std::sync::OnceLock::new();
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let keys = KEYS.get_or_init(RandomState::new);
    let mut out = [0u8; N];
    for chunk in out.chunks_mut(8) {
        let word = keys.hash_one(COUNTER.fetch_add(1, Ordering::Relaxed)).to_le_bytes();
        chunk.copy_from_slice(&word[..chunk.len()]);
    }
    out
}

fn random_uuid() -> String {
    uuid::Builder::from_random_bytes(random_bytes::<16>()).into_uuid().to_string()
}
