//! `snowplowctl run` with a DynamoDB manifest: racing processes, and the server going away in
//! the middle of a run. Each test starts its own moto server that handles one request at a
//! time (tests/sdk/moto_serial.py: plain moto_server applies concurrent conditional writes
//! without a lock, which DynamoDB never does), with the test virtualenv's Python.

mod support;

use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use snowplowctl::manifest::dynamodb::DynamoDbManifest;
use snowplowctl::manifest::{Backend, RunEntry};
use support::archive::{run_folders, tree};
use support::dynamodb as ddb;
use support::fault_proxy::{Fault, FaultProxy};
use support::runs::{self, assert_processed_once, run_command, run_ids};

/// `run` against the DynamoDB manifest `table` at `endpoint`, with the test credentials.
fn dynamodb_run(work: &Path, archive: &Path, out: &Path, endpoint: &str, table: &str, extra: &[&str]) -> Command {
    let manifest = format!("dynamodb:{}/{table}", ddb::REGION);
    let mut args = vec!["--manifest", manifest.as_str(), "--endpoint-url", endpoint];
    args.extend_from_slice(extra);
    let mut cmd = run_command(work, archive, out, &args);
    ddb::aws_env(&mut cmd, work);
    cmd
}

fn entries(endpoint: &str, table: &str) -> Vec<RunEntry> {
    DynamoDbManifest::new(ddb::client(endpoint), table).list().expect("the manifest table reads")
}

fn create_table(work: &Path, endpoint: &str, table: &str) {
    let mut cmd = support::snowplowctl(&work.join("cache"));
    cmd.args(["manifest", "create-table", "--manifest", &format!("dynamodb:{}/{table}", ddb::REGION)])
        .args(["--endpoint-url", endpoint]);
    ddb::aws_env(&mut cmd, work);
    let (code, stdout, stderr) = support::run(&mut cmd);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("created"), "{stdout}");
    ddb::assert_no_secrets(&(stdout + &stderr));
}

#[test]
fn eight_processes_share_an_archive_through_dynamodb_and_process_every_run_exactly_once() {
    let Some(python) = ddb::venv_program("SNOWPLOWCTL_TEST_PYTHON", "run race on DynamoDB") else { return };
    let moto = ddb::MotoServer::start_serial(&python);
    let endpoint = moto.endpoint.clone();
    let work = tempfile::tempdir().unwrap();
    let (archive, reference, _) = runs::archive_with_reference(work.path(), 100, 6);

    let table = ddb::table_name("run-race");
    create_table(work.path(), &endpoint, &table);
    let out = work.path().join("out");
    let summaries =
        runs::race((0..8).map(|_| dynamodb_run(work.path(), &archive, &out, &endpoint, &table, &[])).collect());
    let processed: u64 = summaries.iter().map(|s| s["processed"].as_u64().unwrap()).sum();
    assert_eq!(processed, 100, "each run is processed by exactly one process");
    assert_processed_once(&entries(&endpoint, &table), &run_ids("raw/", 100));
    assert_eq!(run_folders(&out).len(), 400, "each run's four folders appear once");
    assert_eq!(tree(&out), tree(&reference), "the output is what one process writes");
    assert!(!out.join(".snowplowctl-tmp").exists());
    assert!(!out.join("manifest.sqlite").exists(), "no local manifest was made");
}

#[test]
fn dynamodb_going_away_mid_run_stops_run_clearly_and_a_rerun_completes() {
    let Some(python) = ddb::venv_program("SNOWPLOWCTL_TEST_PYTHON", "run with DynamoDB going away") else { return };
    let moto = ddb::MotoServer::start_serial(&python);
    let endpoint = moto.endpoint.clone();
    let work = tempfile::tempdir().unwrap();
    let (archive, reference, _) = runs::archive_with_reference(work.path(), 6, 1500);

    let down = Arc::new(AtomicBool::new(false));
    let switch = Arc::clone(&down);
    let proxy = FaultProxy::start(
        &endpoint,
        move |_, _, _| if switch.load(Ordering::SeqCst) { Fault::Drop } else { Fault::Forward },
    );
    let table = ddb::table_name("run-outage");
    create_table(work.path(), &proxy.endpoint, &table);
    let out = work.path().join("out");
    let child = dynamodb_run(work.path(), &archive, &out, &proxy.endpoint, &table, &["--lease", "2"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Let it publish at least one run, then take the server away.
    let started = Instant::now();
    while run_folders(&out).len() < 4 {
        assert!(started.elapsed() < Duration::from_secs(120), "run published nothing");
        std::thread::sleep(Duration::from_millis(5));
    }
    down.store(true, Ordering::SeqCst);
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("the run manifest failed"), "{stderr}");
    assert!(stderr.contains("hint:"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    ddb::assert_no_secrets(&stderr);
    let expected = tree(&reference);
    for folder in run_folders(&out) {
        let visible: Vec<_> = tree(&out).into_iter().filter(|(p, _)| p.starts_with(&folder)).collect();
        let reference: Vec<_> =
            expected.iter().filter(|(p, _)| p.starts_with(&folder)).map(|(p, b)| (p.clone(), b.clone())).collect();
        assert_eq!(visible, reference, "{} is visible but not complete", folder.display());
    }

    // The server is back; the interrupted claim's lease lapses and a rerun finishes the archive.
    down.store(false, Ordering::SeqCst);
    std::thread::sleep(Duration::from_millis(2100));
    let (code, summary, stderr) =
        runs::run_json(dynamodb_run(work.path(), &archive, &out, &proxy.endpoint, &table, &["--lease", "2"]));
    assert_eq!(code, 0, "{stderr}");
    assert!(summary["processed"].as_u64().unwrap() >= 1, "{summary:#}");
    assert_eq!(tree(&out), expected, "nothing was lost or written twice");
    assert_processed_once(&entries(&endpoint, &table), &run_ids("raw/", 6));
}
