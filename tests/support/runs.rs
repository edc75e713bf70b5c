//! Running `snowplowctl run` from the tests, and checking what it left in the manifest.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;
use snowplowctl::manifest::{RunEntry, State};

use super::archive::run_name;

/// The resolver of the benchmark schemas the test archives use.
pub fn resolver() -> PathBuf {
    super::fixture("enrich/bench/resolver.json")
}

/// `snowplowctl run ARCHIVE --output OUT` in `work`, with the benchmark resolver.
pub fn run_command(work: &Path, archive: &Path, out: &Path, extra: &[&str]) -> Command {
    let mut cmd = super::snowplowctl(&work.join("cache"));
    cmd.current_dir(work)
        .arg("run")
        .arg(archive)
        .args(["--input-format", "clj-tomcat", "--resolver"])
        .arg(resolver())
        .arg("--output")
        .arg(out)
        .args(extra);
    cmd
}

/// Runs `cmd` with `--format json`: (exit code, summary, stderr).
pub fn run_json(mut cmd: Command) -> (i32, Value, String) {
    cmd.args(["--format", "json"]);
    let (code, stdout, stderr) = super::run(&mut cmd);
    let summary = serde_json::from_str(&stdout).unwrap_or(Value::Null);
    (code, summary, stderr)
}

/// Writes a test archive of `runs` run folders of `events` page views per file under
/// `work/raw`, and processes it once, uninterrupted, into `work/reference` (local manifest):
/// (archive, reference output, the reference run's summary).
pub fn archive_with_reference(work: &Path, runs: usize, events: u32) -> (PathBuf, PathBuf, Value) {
    let archive = work.join("raw");
    super::archive::write_archive(&archive, runs, events);
    let reference = work.join("reference");
    let (code, summary, stderr) = run_json(run_command(work, &archive, &reference, &[]));
    assert_eq!(code, 0, "{stderr}");
    (archive, reference, summary)
}

/// Starts every command at once (each one `run` with `--format json`) and waits for them;
/// returns each one's summary. Each must exit with status 0.
pub fn race(commands: Vec<Command>) -> Vec<Value> {
    let children: Vec<_> = commands
        .into_iter()
        .map(|mut cmd| {
            cmd.args(["--format", "json", "--threads", "1"]).stdout(Stdio::piped()).stderr(Stdio::piped());
            cmd.spawn().expect("run starts")
        })
        .collect();
    children
        .into_iter()
        .map(|child| {
            let output = child.wait_with_output().unwrap();
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert_eq!(output.status.code(), Some(0), "{stderr}");
            serde_json::from_slice(&output.stdout).expect("a JSON summary")
        })
        .collect()
}

/// The run ids of the first `runs` runs of a test archive, with `prefix`.
pub fn run_ids(prefix: &str, runs: usize) -> Vec<String> {
    (0..runs).map(|i| format!("{prefix}{}/", run_name(i))).collect()
}

/// Checks that the manifest holds exactly the runs `expected`, each PROCESSED exactly once
/// (after any number of interrupted attempts), marked processed for the Analytics SDKs, and
/// without a lease.
pub fn assert_processed_once(entries: &[RunEntry], expected: &[String]) {
    let ids: Vec<&str> = entries.iter().map(|e| e.run_id.as_str()).collect();
    assert_eq!(ids, expected.iter().map(String::as_str).collect::<Vec<_>>());
    for entry in entries {
        let processed = entry.records.iter().filter(|r| r.state == State::Processed).count();
        assert_eq!(processed, 1, "{} was PROCESSED {processed} times: {:#?}", entry.run_id, entry.records);
        assert_eq!(entry.state(), Some(State::Processed), "{}", entry.run_id);
        assert!(entry.marker, "{} is marked processed in the run manifest", entry.run_id);
        assert!(entry.lease.is_none());
    }
}
