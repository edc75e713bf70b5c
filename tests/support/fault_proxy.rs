//! A small HTTP proxy on 127.0.0.1 between snowplowctl and the DynamoDB server that injects
//! faults: DynamoDB throttling errors, dropped connections (before or after the server saw the
//! request), and `UnprocessedItems`/`UnprocessedKeys` (part of a BatchWriteItem or BatchGetItem is
//! forwarded, the rest handed back as unprocessed). Everything it forwards is answered by the real
//! server.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use serde_json::{Value, json};

/// What the proxy does with one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// Forward it and relay the answer.
    Forward,
    /// Answer `400 ProvisionedThroughputExceededException` without forwarding.
    Throttle,
    /// Close the connection without forwarding or answering.
    Drop,
    /// Forward it, then close the connection without relaying the answer.
    ForwardThenDrop,
    /// (BatchWriteItem, BatchGetItem) forward only the first N writes or keys; answer the rest as
    /// `UnprocessedItems` or `UnprocessedKeys`.
    Unprocessed(usize),
}

/// One request the proxy saw: the operation (`X-Amz-Target` without the API version), its
/// index among requests for that operation, and what the proxy did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seen {
    /// `DescribeTable`, `Scan`, `BatchWriteItem`, …
    pub operation: String,
    /// 0 for the first request of this operation.
    pub index: usize,
    /// What was done.
    pub fault: Fault,
}

type Plan = dyn Fn(usize, &str, usize) -> Fault + Send + Sync;

/// The running proxy. Its thread stops with the test process.
pub struct FaultProxy {
    /// `http://127.0.0.1:PORT`.
    pub endpoint: String,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl FaultProxy {
    /// Starts a proxy to `upstream` (`http://127.0.0.1:PORT`). `plan(n, operation, index)`
    /// decides the fault for the n-th request overall, the index-th of its operation.
    pub fn start(upstream: &str, plan: impl Fn(usize, &str, usize) -> Fault + Send + Sync + 'static) -> FaultProxy {
        let upstream = upstream.trim_start_matches("http://").trim_end_matches('/').to_owned();
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind the proxy");
        let endpoint = format!("http://{}", listener.local_addr().expect("address"));
        let seen: Arc<Mutex<Vec<Seen>>> = Arc::default();
        let plan: Arc<Plan> = Arc::new(plan);
        let counter = Arc::new(AtomicUsize::new(0));
        let log = Arc::clone(&seen);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (upstream, plan, counter, log) =
                    (upstream.clone(), Arc::clone(&plan), Arc::clone(&counter), Arc::clone(&log));
                std::thread::spawn(move || handle(stream, &upstream, &*plan, &counter, &log));
            }
        });
        FaultProxy { endpoint, seen }
    }

    /// Every request seen so far.
    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

struct Request {
    line: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Request {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

fn read_request(reader: &mut BufReader<TcpStream>) -> Option<Request> {
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    if line.trim().is_empty() {
        return None;
    }
    let mut headers = Vec::new();
    loop {
        let mut header = String::new();
        reader.read_line(&mut header).ok()?;
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        let (name, value) = header.split_once(':')?;
        headers.push((name.trim().to_owned(), value.trim().to_owned()));
    }
    let length: usize = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    Some(Request { line: line.trim_end().to_owned(), headers, body })
}

/// An HTTP response with `Connection: close`, so that every request uses a fresh connection.
fn response(status: &str, headers: &[(String, String)], body: &[u8]) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status}\r\n");
    for (name, value) in headers {
        if !["content-length", "connection", "x-amz-crc32", "transfer-encoding"]
            .contains(&name.to_ascii_lowercase().as_str())
        {
            out.push_str(&format!("{name}: {value}\r\n"));
        }
    }
    out.push_str(&format!("Content-Length: {}\r\nConnection: close\r\n\r\n", body.len()));
    let mut bytes = out.into_bytes();
    bytes.extend_from_slice(body);
    bytes
}

/// Sends `request` (with `body`) upstream; returns the status text, headers and body.
fn forward(upstream: &str, request: &Request, body: &[u8]) -> (String, Vec<(String, String)>, Vec<u8>) {
    let mut stream = TcpStream::connect(upstream).expect("the DynamoDB server is up");
    let mut head = format!("{}\r\n", request.line);
    for (name, value) in &request.headers {
        if !["content-length", "connection"].contains(&name.to_ascii_lowercase().as_str()) {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
    }
    head.push_str(&format!("Content-Length: {}\r\nConnection: close\r\n\r\n", body.len()));
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(body).unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("a complete response");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines.next().unwrap_or_default().split_once(' ').map_or("200 OK", |(_, status)| status).to_owned();
    let headers =
        lines.filter_map(|l| l.split_once(':')).map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned())).collect();
    (status, headers, raw[split + 4..].to_vec())
}

fn handle(stream: TcpStream, upstream: &str, plan: &Plan, counter: &AtomicUsize, log: &Mutex<Vec<Seen>>) {
    let mut reader = BufReader::new(stream.try_clone().expect("clone the stream"));
    let Some(request) = read_request(&mut reader) else { return };
    let operation = request.header("x-amz-target").and_then(|t| t.rsplit('.').next()).unwrap_or("unknown").to_owned();
    let n = counter.fetch_add(1, Ordering::SeqCst);
    let fault = {
        let mut seen = log.lock().unwrap();
        let index = seen.iter().filter(|s| s.operation == operation).count();
        let fault = plan(n, &operation, index);
        seen.push(Seen { operation: operation.clone(), index, fault });
        fault
    };
    let mut stream = stream;
    let answer = match fault {
        Fault::Forward => {
            let (status, headers, body) = forward(upstream, &request, &request.body);
            Some(response(&status, &headers, &body))
        }
        Fault::Throttle => {
            let body = json!({
                "__type": "com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException",
                "message": "The level of configured provisioned throughput for the table was exceeded (injected by the test proxy)",
            })
            .to_string();
            let headers = [("Content-Type".to_owned(), "application/x-amz-json-1.0".to_owned())];
            Some(response("400 Bad Request", &headers, body.as_bytes()))
        }
        Fault::Drop => None,
        Fault::ForwardThenDrop => {
            forward(upstream, &request, &request.body);
            None
        }
        Fault::Unprocessed(keep) => {
            let mut body: Value = serde_json::from_slice(&request.body).expect("a JSON batch request");
            let items = body["RequestItems"].as_object_mut().expect("RequestItems");
            let (table, request_items) = items.iter_mut().next().expect("one table");
            let table = table.clone();
            // BatchWriteItem lists writes; BatchGetItem lists keys (next to its ConsistentRead flag).
            let get = operation == "BatchGetItem";
            let options = if get { request_items.clone() } else { Value::Null };
            let writes = if get { &mut request_items["Keys"] } else { request_items };
            let writes = writes.as_array_mut().expect("a list of writes or keys");
            let held_back: Vec<Value> = writes.drain(keep.min(writes.len())..).collect();
            let (status, headers, reply) = if writes.is_empty() {
                (
                    "200 OK".to_owned(),
                    vec![("Content-Type".to_owned(), "application/x-amz-json-1.0".to_owned())],
                    b"{}".to_vec(),
                )
            } else {
                forward(upstream, &request, body.to_string().as_bytes())
            };
            let mut reply: Value = serde_json::from_slice(&reply).expect("a JSON answer");
            if !held_back.is_empty() && get {
                let mut unprocessed = options;
                unprocessed["Keys"] = Value::Array(held_back);
                reply["UnprocessedKeys"] = json!({ table: unprocessed });
            } else if !held_back.is_empty() {
                reply["UnprocessedItems"] = json!({ table: held_back });
            }
            Some(response(&status, &headers, reply.to_string().as_bytes()))
        }
    };
    if let Some(answer) = answer {
        let _ = stream.write_all(&answer);
    }
    let _ = stream.shutdown(Shutdown::Both);
}
