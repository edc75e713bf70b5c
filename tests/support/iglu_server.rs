//! A small but real HTTP/1.1 server on 127.0.0.1 serving a directory as a static Iglu
//! repository (`GET /schemas/vendor/name/format/version`). It records every request so tests
//! can check headers, and can be told to fail the next requests with a status code.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

/// One request as the server saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seen {
    /// Request path.
    pub path: String,
    /// Value of the `apikey` header, if sent.
    pub apikey: Option<String>,
}

/// A running server; stops when dropped.
pub struct IgluServer {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    seen: Arc<Mutex<Vec<Seen>>>,
    fail_next: Arc<Mutex<VecDeque<u16>>>,
    thread: Option<JoinHandle<()>>,
}

impl IgluServer {
    /// Serves `root` (a directory containing `schemas/`) on an ephemeral port.
    pub fn start(root: &Path) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        listener.set_nonblocking(true).expect("non-blocking listener");
        let addr = listener.local_addr().expect("local addr");
        let stop = Arc::new(AtomicBool::new(false));
        let seen = Arc::new(Mutex::new(Vec::new()));
        let fail_next = Arc::new(Mutex::new(VecDeque::new()));
        let root = root.to_owned();
        let thread = {
            let (stop, seen, fail_next) = (Arc::clone(&stop), Arc::clone(&seen), Arc::clone(&fail_next));
            std::thread::spawn(move || {
                while !stop.load(Ordering::SeqCst) {
                    match listener.accept() {
                        Ok((stream, _)) => serve(stream, &root, &seen, &fail_next),
                        Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                            std::thread::sleep(Duration::from_millis(5));
                        }
                        Err(_) => break,
                    }
                }
            })
        };
        IgluServer { addr, stop, seen, fail_next, thread: Some(thread) }
    }

    /// `http://127.0.0.1:PORT`.
    pub fn uri(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Requests served so far.
    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }

    /// Makes the next requests answer with these statuses, in order.
    pub fn fail_next(&self, statuses: &[u16]) {
        self.fail_next.lock().unwrap().extend(statuses);
    }

    /// Stops the server and waits for it; later connections are refused.
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for IgluServer {
    fn drop(&mut self) {
        self.shutdown();
    }
}

fn serve(stream: TcpStream, root: &Path, seen: &Mutex<Vec<Seen>>, fail_next: &Mutex<VecDeque<u16>>) {
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut reader = BufReader::new(stream.try_clone().expect("clone stream"));
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    let mut apikey = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).is_err() || line.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.trim().eq_ignore_ascii_case("apikey")
        {
            apikey = Some(value.trim().to_owned());
        }
    }
    let path = request_line.split_whitespace().nth(1).unwrap_or("/").to_owned();
    seen.lock().unwrap().push(Seen { path: path.clone(), apikey });

    let forced = fail_next.lock().unwrap().pop_front();
    let file: Option<PathBuf> = path
        .strip_prefix('/')
        .filter(|p| p.starts_with("schemas/") && !p.contains(".."))
        .map(|p| root.join(p))
        .filter(|p| p.is_file());
    let (status, body) = match (forced, file) {
        (Some(code), _) => (code, format!("forced {code}")),
        (None, Some(file)) => (200, std::fs::read_to_string(file).unwrap_or_default()),
        (None, None) => (404, "not found".to_owned()),
    };
    let reason = match status {
        200 => "OK",
        404 => "Not Found",
        _ => "Error",
    };
    let mut stream = stream;
    let _ = write!(
        stream,
        "HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = stream.flush();
}
