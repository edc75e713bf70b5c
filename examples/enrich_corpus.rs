//! Writes a realistic raw corpus for benchmarking `snowplowctl enrich`: gzip files of Clojure
//! collector (Tomcat) lines with page views, page pings, structured events and self-describing
//! events with contexts, as GET requests (tp1) and POST batches (tp2), base64 on and off. The
//! self-describing JSON uses the schemas in `fixtures/enrich/bench/` (pass its `resolver.json`).
//!
//! ```text
//! cargo run --release --example enrich_corpus -- OUT_DIR [--events N] [--files F] [--seed S]
//! ```
//!
//! Prints one JSON line: files, lines, events, bytes. Output is deterministic for a seed.

use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};

use base64::Engine as _;
use rayon::prelude::*;

/// A small deterministic generator (xorshift64*), so corpora are reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

const PAGES: &[&str] = &["/", "/pricing", "/blog/2024/batch-enrichment", "/docs/getting-started", "/shop/cart"];
const TITLES: &[&str] = &["Home", "Pricing & plans", "Enriching a year of events", "Getting started", "Your cart"];
const REFERERS: &[&str] = &[
    "https://www.google.com/search?q=snowplow+enrich",
    "https://news.example.org/item?id=1234",
    "-",
    "https://shop.example.com/shop/cart",
];
const USER_AGENTS: &[&str] = &[
    "Mozilla%2F5.0+%28X11%3B+Linux+x86_64%29+AppleWebKit%2F537.36+%28KHTML%2C+like+Gecko%29+Chrome%2F120.0+Safari%2F537.36",
    "Mozilla%2F5.0+%28iPhone%3B+CPU+iPhone+OS+17_1+like+Mac+OS+X%29+AppleWebKit%2F605.1.15+Mobile%2F15E148",
    "python-requests%2F2.31.0",
];
const CATEGORIES: &[&str] = &["video", "newsletter", "checkout", "search"];
const ACTIONS: &[&str] = &["play", "subscribe", "add-to-basket", "submit"];

/// Percent-encodes a querystring value.
fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len() * 3 / 2);
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
            out.push(byte as char);
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

fn b64(json: &str) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(json)
}

fn contexts(rng: &mut Rng) -> String {
    let mut entities = vec![format!(
        r#"{{"schema":"iglu:com.snowplowctl.bench/article/jsonschema/1-0-0","data":{{"section":"{}","author":"Author {}","wordCount":{}}}}}"#,
        rng.pick(CATEGORIES),
        rng.below(50),
        rng.below(5000)
    )];
    if rng.chance(50) {
        entities.push(format!(
            r#"{{"schema":"iglu:com.snowplowctl.bench/product/jsonschema/1-0-0","data":{{"sku":"SKU-{}","price":{}.{:02},"quantity":{},"currency":"EUR"}}}}"#,
            rng.below(100_000),
            rng.below(500),
            rng.below(100),
            1 + rng.below(5)
        ));
    }
    format!(
        r#"{{"schema":"iglu:com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-0","data":[{}]}}"#,
        entities.join(",")
    )
}

/// One event's tracker-protocol parameters.
fn event(rng: &mut Rng, time_ms: u64, base64: bool) -> Vec<(&'static str, String)> {
    let page = rng.below(PAGES.len() as u64) as usize;
    let mut params: Vec<(&'static str, String)> = vec![
        ("tv", "js-3.17.0".into()),
        ("p", "web".into()),
        ("aid", "bench-site".into()),
        (
            "eid",
            format!(
                "{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}",
                rng.next() as u32,
                rng.below(0x10000),
                rng.below(0x1000),
                rng.below(0x1000),
                rng.next() & 0xffff_ffff_ffff
            ),
        ),
        ("dtm", time_ms.to_string()),
        ("stm", (time_ms + 40).to_string()),
        ("duid", format!("{:016x}", rng.next())),
        ("sid", format!("{:08x}-1111-4222-8333-{:012x}", rng.next() as u32, rng.next() & 0xffff_ffff_ffff)),
        ("vid", (1 + rng.below(20)).to_string()),
        ("lang", "en-GB".into()),
        ("res", "1920x1080".into()),
        ("vp", "1280x720".into()),
        ("cs", "UTF-8".into()),
        ("tz", "Europe/London".into()),
        ("url", format!("https://shop.example.com{}?utm_source=newsletter&utm_medium=email", PAGES[page])),
    ];
    match rng.below(10) {
        0..=3 => {
            params.push(("e", "pv".into()));
            params.push(("page", TITLES[page].into()));
        }
        4..=5 => {
            params.push(("e", "pp".into()));
            params.push(("pp_mix", "0".into()));
            params.push(("pp_max", rng.below(1200).to_string()));
            params.push(("pp_miy", "0".into()));
            params.push(("pp_may", rng.below(8000).to_string()));
        }
        6..=7 => {
            params.push(("e", "se".into()));
            params.push(("se_ca", rng.pick(CATEGORIES).into()));
            params.push(("se_ac", rng.pick(ACTIONS).into()));
            params.push(("se_la", format!("label-{}", rng.below(100))));
            params.push(("se_va", format!("{}.{}", rng.below(100), rng.below(10))));
        }
        _ => {
            params.push(("e", "ue".into()));
            let unstruct = format!(
                r#"{{"schema":"iglu:com.snowplowanalytics.snowplow/unstruct_event/jsonschema/1-0-0","data":{{"schema":"iglu:com.snowplowctl.bench/link_click/jsonschema/1-0-0","data":{{"targetUrl":"https://example.org/out/{}","elementId":"link-{}","elementClasses":["nav","external"]}}}}}}"#,
                rng.below(1000),
                rng.below(40)
            );
            if base64 {
                params.push(("ue_px", b64(&unstruct)));
            } else {
                params.push(("ue_pr", unstruct));
            }
        }
    }
    if rng.chance(70) {
        let cx = contexts(rng);
        if base64 {
            params.push(("cx", b64(&cx)));
        } else {
            params.push(("co", cx));
        }
    }
    params
}

fn json_string(value: &str) -> String {
    serde_json::to_string(value).expect("strings serialise")
}

/// Writes one gzip file of at least `events` events; returns (lines, events).
fn write_file(path: &Path, events: u64, seed: u64) -> std::io::Result<(u64, u64)> {
    let file = std::fs::File::create(path)?;
    let mut out =
        flate2::write::GzEncoder::new(std::io::BufWriter::with_capacity(1 << 20, file), flate2::Compression::new(6));
    let mut rng = Rng(seed | 1);
    let (mut lines, mut written) = (0u64, 0u64);
    let mut time_ms = 1_706_745_600_000 + seed * 1000;
    let mut line = String::with_capacity(8192);
    while written < events {
        time_ms += rng.below(2000);
        let seconds = time_ms / 1000;
        let (h, m, s) = ((seconds / 3600) % 24, (seconds / 60) % 60, seconds % 60);
        let ip = format!("10.{}.{}.{}", rng.below(256), rng.below(256), 1 + rng.below(254));
        let referer = rng.pick(REFERERS);
        let user_agent = rng.pick(USER_AGENTS);
        let nuid = format!("{:08x}-aaaa-4bbb-8ccc-{:012x}", rng.next() as u32, rng.next() & 0xffff_ffff_ffff);
        let base64 = rng.chance(50);
        line.clear();
        if rng.chance(25) {
            // A POST batch (tp2): the tracker's payload_data in a base64 body.
            let batch = 2 + rng.below(9);
            let items: Vec<String> = (0..batch)
                .map(|_| {
                    let params = event(&mut rng, time_ms, base64);
                    let fields: Vec<String> =
                        params.iter().map(|(k, v)| format!("{}:{}", json_string(k), json_string(v))).collect();
                    format!("{{{}}}", fields.join(","))
                })
                .collect();
            let body = format!(
                r#"{{"schema":"iglu:com.snowplowanalytics.snowplow/payload_data/jsonschema/1-0-4","data":[{}]}}"#,
                items.join(",")
            );
            let _ = write!(
                line,
                "2024-02-01\t{h:02}:{m:02}:{s:02}\t-\t-\t{ip}\tPOST\t-\t/com.snowplowanalytics.snowplow/tp2\t200\t{referer}\t{user_agent}\t&cv=clj-1.1.0-tom-0.2.0&nuid={nuid}\t-\t-\t-\tapplication%2Fjson%3B+charset%3Dutf-8\t{}",
                b64(&body)
            );
            written += batch;
        } else {
            let params = event(&mut rng, time_ms, base64);
            let query: Vec<String> = params.iter().map(|(k, v)| format!("{k}={}", encode(v))).collect();
            let _ = write!(
                line,
                "2024-02-01\t{h:02}:{m:02}:{s:02}\t-\t43\t{ip}\tGET\t{ip}\t/i\t200\t{referer}\t{user_agent}\t{}&cv=clj-1.1.0-tom-0.2.0&nuid={nuid}",
                query.join("&")
            );
            written += 1;
        }
        line.push('\n');
        out.write_all(line.as_bytes())?;
        lines += 1;
    }
    out.finish()?.flush()?;
    Ok((lines, written))
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut out_dir: Option<PathBuf> = None;
    let (mut events, mut files, mut seed) = (1_000_000u64, 16u64, 42u64);
    while let Some(arg) = args.next() {
        let mut number = |name: &str| -> u64 {
            args.next().and_then(|v| v.parse().ok()).unwrap_or_else(|| panic!("{name} needs a number"))
        };
        match arg.as_str() {
            "--events" => events = number("--events"),
            "--files" => files = number("--files").max(1),
            "--seed" => seed = number("--seed"),
            _ => out_dir = Some(PathBuf::from(arg)),
        }
    }
    let out_dir = out_dir.expect("usage: enrich_corpus OUT_DIR [--events N] [--files F] [--seed S]");
    std::fs::create_dir_all(&out_dir).expect("create the output directory");
    let per_file = events.div_ceil(files);
    let results: Vec<(u64, u64, u64)> = (0..files)
        .into_par_iter()
        .map(|i| {
            let path = out_dir.join(format!("corpus-{i:03}.tsv.gz"));
            let (lines, written) =
                write_file(&path, per_file, seed.wrapping_mul(1000).wrapping_add(i)).expect("write corpus file");
            (lines, written, std::fs::metadata(&path).map_or(0, |m| m.len()))
        })
        .collect();
    let (lines, written, bytes) = results.iter().fold((0, 0, 0), |acc, r| (acc.0 + r.0, acc.1 + r.1, acc.2 + r.2));
    #[allow(clippy::print_stdout)]
    {
        println!(r#"{{"files":{files},"lines":{lines},"events":{written},"bytes":{bytes}}}"#);
    }
}
