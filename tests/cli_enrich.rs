//! `snowplowctl enrich` through the binary: bad input of every kind end to end (counts balance,
//! no panic, the right exit status), the output layout and its atomic publishing, gzip output,
//! and reproducible output across thread counts.

mod support;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use snowplowctl::enrich::thrift::{CollectorPayloadRecord, encode_collector_payload};
use snowplowctl::enrich::{base64, elephant_bird, lzop};

const ETL: &str = "1000000000000";
const RUN: &str = "run=2001-09-09-01-46-40";

/// A Clojure-collector GET line for page view `n`.
fn page_view(n: u32) -> String {
    format!(
        "2013-10-07\t19:47:{:02}\t-\t37\t10.0.0.{}\tGET\t10.0.0.1\t/i\t200\thttp://example.com/\t\
         Mozilla%2F5.0+%28X11%29\te=pv&page=Page%20{n}&tv=js-2.0.0&p=web&aid=test&dtm=1381175274123&url=http%3A%2F%2Fexample.com%2F{n}&cv=clj-0.6.0-tom-0.0.4\n",
        n % 60,
        1 + n % 200
    )
}

fn thrift_record(n: u32) -> Vec<u8> {
    encode_collector_payload(&CollectorPayloadRecord {
        schema: "iglu:com.snowplowanalytics.snowplow/CollectorPayload/thrift/1-0-0".into(),
        ip_address: "10.0.0.1".into(),
        timestamp: 1_381_175_274_000 + i64::from(n),
        encoding: "UTF-8".into(),
        collector: "ssc-2.0.0-stdout".into(),
        path: Some("/i".into()),
        querystring: Some(format!("e=pv&page=Thrift%20{n}&tv=js-2.0.0&p=web&aid=test")),
        user_agent: Some("Mozilla/5.0".into()),
        ..CollectorPayloadRecord::default()
    })
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(data).unwrap();
    encoder.finish().unwrap()
}

struct Workspace {
    dir: tempfile::TempDir,
}

impl Workspace {
    fn new() -> Self {
        Workspace { dir: tempfile::tempdir().unwrap() }
    }
    fn path(&self) -> &Path {
        self.dir.path()
    }
    fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, bytes).unwrap();
        path
    }
    fn enrich(&self, args: &[&str]) -> (i32, String, String) {
        let mut command: Command = support::snowplowctl(&self.path().join("cache"));
        command.arg("enrich").args(args).current_dir(self.path());
        support::run(&mut command)
    }
    /// Runs `enrich … --format json` and returns (exit, summary, stderr); the counts must balance.
    fn enrich_json(&self, args: &[&str]) -> (i32, Value, String) {
        let mut all = args.to_vec();
        all.extend(["--format", "json", "--etl-timestamp", ETL]);
        let (code, stdout, stderr) = self.enrich(&all);
        assert!(!stderr.contains("panicked"), "{stderr}");
        let summary: Value = serde_json::from_str(&stdout).unwrap_or_else(|_| panic!("{code}\n{stdout}\n{stderr}"));
        assert_eq!(summary["counts_balance"], true, "{summary:#}");
        (code, summary, stderr)
    }
    fn lines(&self, dir: &str) -> Vec<String> {
        let dir = self.path().join(dir);
        let mut names: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
        names.sort();
        let mut text = String::new();
        for name in names {
            let mut file = std::fs::File::open(&name).unwrap();
            if name.extension().is_some_and(|e| e == "gz") {
                flate2::read::MultiGzDecoder::new(file).read_to_string(&mut text).unwrap();
            } else {
                file.read_to_string(&mut text).unwrap();
            }
        }
        text.lines().map(str::to_owned).collect()
    }
}

fn bad_rows(summary: &Value, kind: &str) -> u64 {
    summary["bad_rows"][kind].as_u64().unwrap()
}

#[test]
fn good_lines_become_131_column_events_in_the_run_folders() {
    let ws = Workspace::new();
    let lines: String = (0..50).map(page_view).collect();
    ws.write("in/a.log", &lines);
    let (code, summary, _) = ws.enrich_json(&["in", "--input-format", "clj-tomcat", "--output", "out"]);
    assert_eq!(code, 0);
    assert_eq!(summary["good_events"], 50, "{summary:#}");
    let good = ws.lines(&format!("out/enriched/good/{RUN}"));
    assert_eq!(good.len(), 50);
    assert!(good.iter().all(|line| line.split('\t').count() == 131));
    assert!(ws.path().join(format!("out/enriched/good/{RUN}/part-00000")).is_file());
    assert!(ws.path().join(format!("out/enriched/bad/{RUN}")).is_dir());
    assert!(!ws.path().join("out/.snowplowctl-tmp").exists());
}

#[test]
fn bad_input_of_every_kind_is_counted_and_never_stops_the_run() {
    let ws = Workspace::new();
    // Truncated gzip: the lines before the damage are enriched, the damage is one bad row.
    let many: String = (0..3000).map(page_view).collect();
    let whole = gzip(many.as_bytes());
    ws.write("in/truncated.gz", &whole[..whole.len() / 2]);
    // Garbage and wrong field counts.
    ws.write("in/garbage.log", "this is not a log line\n\u{0}\u{1}binary\n2013-10-07\t19:47:54\t-\n");
    // Oversized records.
    ws.write("in/oversized.log", format!("{}{}\n", page_view(1).trim_end(), "&x=".repeat(400_000)));
    // An empty file and an empty gzip file.
    ws.write("in/empty.log", "");
    ws.write("in/empty.gz", gzip(b""));
    let (code, summary, stderr) = ws.enrich_json(&["in", "--input-format", "clj-tomcat", "--output", "out"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(summary["files"], 5);
    assert_eq!(bad_rows(&summary, "generic_error"), 1, "{summary:#}");
    assert_eq!(bad_rows(&summary, "size_violation"), 1, "{summary:#}");
    assert_eq!(bad_rows(&summary, "collector_payload_format_violation"), 3, "{summary:#}");
    let good = summary["good_events"].as_u64().unwrap();
    assert!(good > 100 && good < 3000, "{good}");
    assert!(stderr.contains("truncated.gz: the gzip input is truncated or corrupt"), "{stderr}");
    let bad = ws.lines(&format!("out/enriched/bad/{RUN}"));
    assert_eq!(bad.len() as u64, summary["total_bad_rows"].as_u64().unwrap());
    assert!(bad.iter().all(|row| serde_json::from_str::<Value>(row).is_ok()));

    let (code, _, _) =
        ws.enrich_json(&["in", "--input-format", "clj-tomcat", "--output", "out2", "--fail-on-bad-rows"]);
    assert_eq!(code, 1);
}

#[test]
fn thrift_in_lzop_blocks_and_base64_lines() {
    let ws = Workspace::new();
    let mut writer = elephant_bird::BlockWriter::new(Vec::new());
    for n in 0..150 {
        writer.write_record(&thrift_record(n)).unwrap();
    }
    ws.write("raw/2024/a.lzo", lzop::compress(&writer.finish().unwrap()));
    ws.write("raw/2024/a.lzo.index", b"an index the job must skip");
    let lines: String =
        (0..20).map(|n| base64::encode_url_safe(&thrift_record(n)) + "\n").collect::<String>() + "!!not base64!!\n";
    ws.write("raw/b64.gz", gzip(lines.as_bytes()));
    // A corrupted lzop block: the checksum catches it.
    let mut writer = elephant_bird::BlockWriter::new(Vec::new());
    for n in 0..2000 {
        writer.write_record(&thrift_record(n)).unwrap();
    }
    let mut corrupt = lzop::compress(&writer.finish().unwrap());
    let at = corrupt.len() - 100;
    corrupt[at] ^= 0x5a;
    ws.write("raw/corrupt.lzo", corrupt);
    let (code, summary, stderr) =
        ws.enrich_json(&["raw/2024", "raw/*.gz", "raw/corrupt.lzo", "--input-format", "thrift", "--output", "out"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(summary["files"], 3);
    assert_eq!(bad_rows(&summary, "generic_error"), 1, "{summary:#}");
    assert_eq!(bad_rows(&summary, "collector_payload_format_violation"), 1, "{summary:#}");
    assert!(summary["good_events"].as_u64().unwrap() >= 170, "{summary:#}");
    assert!(stderr.contains("corrupt.lzo: the lzop input is truncated or corrupt"), "{stderr}");
}

#[test]
fn a_failed_run_publishes_nothing_and_an_existing_run_is_refused() {
    let ws = Workspace::new();
    ws.write("in/a.log", page_view(1));
    let (code, _, stderr) =
        ws.enrich(&["in", "--input-format", "clj-tomcat", "--output", "out", "--run-id", "2024-02-30-00-00-00"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("hint:"), "{stderr}");
    assert!(!ws.path().join("out/enriched").exists());

    let (code, _, stderr) = ws.enrich(&["missing.gz", "--input-format", "clj-tomcat", "--output", "out"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("missing.gz"), "{stderr}");
    assert!(!ws.path().join("out/enriched").exists());

    let args = ["in", "--input-format", "clj-tomcat", "--output", "out", "--run-id", "2024-01-31-23-59-59"];
    assert_eq!(ws.enrich(&args).0, 0);
    let (code, _, stderr) = ws.enrich(&args);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("run=2024-01-31-23-59-59 already exists") && stderr.contains("hint:"), "{stderr}");
    assert!(!ws.path().join("out/.snowplowctl-tmp").exists());

    let (code, _, stderr) = ws.enrich(&["in", "--input-format", "nope", "--output", "out"]);
    assert_eq!(code, 2, "{stderr}");
}

#[test]
fn output_is_identical_across_thread_counts_and_gzip_output_reads_back() {
    let ws = Workspace::new();
    for file in 0..3 {
        let lines: String = (0..400).map(|n| page_view(file * 1000 + n)).collect();
        ws.write(&format!("in/{file}.log"), lines);
    }
    let mut outputs = Vec::new();
    for threads in ["1", "2"] {
        let out = format!("out-{threads}");
        let mut command: Command = support::snowplowctl(&ws.path().join("cache"));
        command.current_dir(ws.path()).args(["--threads", threads, "enrich", "in", "--input-format", "clj-tomcat"]);
        command.args(["--output", &out, "--etl-timestamp", ETL, "--chunk-size", "20000"]);
        let (code, _, stderr) = support::run(&mut command);
        assert_eq!(code, 0, "{stderr}");
        let dir = ws.path().join(&out).join("enriched/good").join(RUN);
        let mut parts: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap())
            .map(|e| (e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap()))
            .collect();
        parts.sort();
        assert!(parts.len() > 3, "the plain files were split into chunks");
        outputs.push(parts);
    }
    assert!(outputs[0] == outputs[1], "output differs between 1 and 2 threads");

    let (code, summary, _) =
        ws.enrich_json(&["in", "--input-format", "clj-tomcat", "--output", "gz", "--compress", "gzip"]);
    assert_eq!(code, 0);
    let plain = ws.lines(&format!("out-1/enriched/good/{RUN}"));
    let gzipped = ws.lines(&format!("gz/enriched/good/{RUN}"));
    assert_eq!(gzipped.len() as u64, summary["good_events"].as_u64().unwrap());
    assert_eq!(plain, gzipped);
    assert!(ws.path().join(format!("gz/enriched/good/{RUN}/part-00000.gz")).is_file());
}
