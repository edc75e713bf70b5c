//! `snowplowctl run` with the embedded (SQLite) manifest: the README example, exactly-once
//! processing by racing processes, SIGKILL at random points, and bad input.

mod support;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use serde_json::Value;
use snowplowctl::manifest::local::LocalManifest;
use snowplowctl::manifest::{Backend, RunEntry};
use support::archive::{run_folders, run_name, tree, write_archive};
use support::runs::{self, assert_processed_once, resolver, run_command, run_ids};

fn entries(manifest: &Path) -> Vec<RunEntry> {
    LocalManifest::open(manifest, false).expect("the manifest exists").list().unwrap()
}

fn run_json(work: &Path, archive: &Path, out: &Path, extra: &[&str]) -> (i32, Value, String) {
    runs::run_json(run_command(work, archive, out, extra))
}

#[test]
fn the_readme_example_processes_the_bundled_archive_once() {
    let work = tempfile::tempdir().unwrap();
    let archive = support::fixture("enrich/archive");
    let (code, summary, stderr) = run_json(work.path(), &archive, Path::new("out"), &[]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(summary["processed"], 3, "{summary:#}");
    let runs = summary["runs"].as_array().unwrap();
    let good: u64 = runs.iter().map(|r| r["good_events"].as_u64().unwrap()).sum();
    let bad: u64 = runs.iter().map(|r| r["bad_rows"].as_u64().unwrap()).sum();
    // The same totals as `enrich` over the whole archive (tests/cli_enrich.rs).
    assert_eq!((good, bad), (62, 2), "{summary:#}");
    assert!(runs.iter().all(|r| r["counts_balance"] == true));
    let out = work.path().join("out");
    assert_eq!(run_folders(&out).len(), 12, "four folders for each of the three runs");
    assert!(!out.join(".snowplowctl-tmp").exists(), "no stage is left behind");

    // The enriched output of each run is what `enrich` writes for its folder, with the
    // folder's time as ETL timestamp.
    let folder = archive.join("run=2024-02-01-10-00-00");
    let mut cmd = support::snowplowctl(&work.path().join("cache"));
    cmd.current_dir(&folder)
        .args(["enrich", ".", "--input-format", "clj-tomcat", "--resolver"])
        .arg(resolver())
        .arg("--output")
        .arg(work.path().join("direct"))
        .args(["--run-id", "2024-02-01-10-00-00", "--etl-timestamp", "2024-02-01T10:00:00Z", "--shred"]);
    let (code, _, stderr) = support::run(&mut cmd);
    assert_eq!(code, 0, "{stderr}");
    let direct = tree(&work.path().join("direct"));
    let from_run: BTreeMap<_, _> =
        tree(&out).into_iter().filter(|(path, _)| path.to_string_lossy().contains("2024-02-01-10-00-00")).collect();
    assert_eq!(from_run, direct, "run gives what enrich --shred gives for the folder");

    // A second run passes over every run and changes nothing.
    let before = tree(&out);
    let (code, summary, stderr) = run_json(work.path(), &archive, Path::new("out"), &[]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(summary["processed"], 0, "{summary:#}");
    assert!(summary["runs"].as_array().unwrap().iter().all(|r| r["result"] == "done"), "{summary:#}");
    assert_eq!(tree(&out), before);
    let ids = ["10", "11", "12"].map(|hour| format!("archive/run=2024-02-01-{hour}-00-00/"));
    assert_processed_once(&entries(&out.join("manifest.sqlite")), &ids);
}

#[test]
fn eight_processes_share_an_archive_and_process_every_run_exactly_once() {
    let work = tempfile::tempdir().unwrap();
    let (archive, reference, _) = runs::archive_with_reference(work.path(), 100, 6);

    let out = work.path().join("out");
    let summaries = runs::race((0..8).map(|_| run_command(work.path(), &archive, &out, &[])).collect());
    let processed: u64 = summaries.iter().map(|s| s["processed"].as_u64().unwrap()).sum();
    assert_eq!(processed, 100, "each run is processed by exactly one process");
    let busy = summaries.iter().filter(|s| s["processed"].as_u64().unwrap() > 0).count();
    assert!(busy >= 2, "the work is shared: {busy} process(es) did it all");
    assert_processed_once(&entries(&out.join("manifest.sqlite")), &run_ids("raw/", 100));
    assert_eq!(run_folders(&out).len(), 400, "each run's four folders appear once");
    assert_eq!(tree(&out), tree(&reference), "the output is what one process writes");
    assert!(!out.join(".snowplowctl-tmp").exists());
}

#[test]
fn sigkill_at_random_points_loses_nothing_and_never_shows_a_partial_folder() {
    let work = tempfile::tempdir().unwrap();
    let (archive, reference, summary) = runs::archive_with_reference(work.path(), 8, 400);
    let expected = tree(&reference);

    // Kill points spread over the archive, independent of how loaded the machine is: trial t
    // waits until (t mod 8) runs are published, then a pseudo-random part of one run's time
    // more (a fixed sequence, so a failure can be replayed).
    let per_run = summary["elapsed_seconds"].as_f64().unwrap() / 8.0;
    let mut state: u64 = 0x5eed_cafe;
    let mut interrupted_mid_archive = 0;
    for trial in 0..20 {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        let fraction = (state >> 33) as f64 / (1u64 << 31) as f64;
        let out = work.path().join(format!("out-{trial}"));
        let mut child = run_command(work.path(), &archive, &out, &["--lease", "1"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let published = 4 * (trial % 8);
        while run_folders(&out).len() < published && child.try_wait().unwrap().is_none() {
            std::thread::sleep(Duration::from_millis(1));
        }
        std::thread::sleep(Duration::from_secs_f64(fraction * per_run));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        let visible = run_folders(&out);
        if !visible.is_empty() && visible.len() < 32 {
            interrupted_mid_archive += 1;
        }
        for folder in visible {
            let visible: BTreeMap<_, _> = tree(&out).into_iter().filter(|(p, _)| p.starts_with(&folder)).collect();
            let reference: BTreeMap<_, _> =
                expected.iter().filter(|(p, _)| p.starts_with(&folder)).map(|(p, b)| (p.clone(), b.clone())).collect();
            assert_eq!(visible, reference, "trial {trial}: {} is visible but not complete", folder.display());
        }
        // The killed process's lease lapses; the rerun takes over and finishes.
        std::thread::sleep(Duration::from_millis(1100));
        let (code, _, stderr) = run_json(work.path(), &archive, &out, &["--lease", "1"]);
        assert_eq!(code, 0, "trial {trial}: {stderr}");
        assert_eq!(tree(&out), expected, "trial {trial}: the output equals an uninterrupted run's");
        assert_processed_once(&entries(&out.join("manifest.sqlite")), &run_ids("raw/", 8));
        assert!(!out.join(".snowplowctl-tmp").exists(), "trial {trial}: stages are cleaned up");
    }
    assert!(interrupted_mid_archive >= 5, "only {interrupted_mid_archive} kills landed between runs' publications");
}

#[test]
fn malformed_run_folders_stop_the_run_before_anything_is_claimed() {
    let work = tempfile::tempdir().unwrap();
    let archive = work.path().join("raw");
    write_archive(&archive, 2, 4);
    std::fs::create_dir(archive.join("run=2024-13-01-00-00-00")).unwrap();
    std::fs::create_dir(archive.join("run=2024-02-02-00-00-00")).unwrap();
    std::fs::write(archive.join("notes.txt"), "not a run").unwrap();
    let mut cmd = run_command(work.path(), &archive, Path::new("out"), &[]);
    let (code, _, stderr) = support::run(&mut cmd);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("2 malformed run folder(s)"), "{stderr}");
    assert!(stderr.contains("run=2024-13-01-00-00-00: `2024-13-01-00-00-00` is not a time"), "{stderr}");
    assert!(stderr.contains("run=2024-02-02-00-00-00: the run folder holds no files"), "{stderr}");
    assert!(stderr.contains("hint:"), "{stderr}");
    assert!(run_folders(&work.path().join("out")).is_empty());

    std::fs::remove_dir(archive.join("run=2024-13-01-00-00-00")).unwrap();
    std::fs::remove_dir(archive.join("run=2024-02-02-00-00-00")).unwrap();
    let (code, summary, stderr) = run_json(work.path(), &archive, Path::new("out"), &[]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(summary["processed"], 2);
    assert!(stderr.contains("notes.txt: not a `run=` folder; ignored"), "the stray file is reported: {stderr}");

    let (code, _, stderr) = support::run(&mut run_command(work.path(), Path::new("missing"), Path::new("out"), &[]));
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("cannot read the archive missing"), "{stderr}");
}

#[test]
fn a_run_that_fails_is_marked_failed_with_the_reason_and_retried_once_resolved() {
    let work = tempfile::tempdir().unwrap();
    let archive = work.path().join("raw");
    write_archive(&archive, 2, 4);
    // Someone else's output in the way of the second run.
    let foreign = work.path().join("out/enriched/good").join(run_name(1));
    std::fs::create_dir_all(&foreign).unwrap();
    let (code, summary, stderr) = run_json(work.path(), &archive, Path::new("out"), &[]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(summary["processed"], 1, "{summary:#}");
    assert_eq!(summary["runs"][1]["result"], "failed");
    assert!(stderr.contains("already exists, and no stage of this run wrote it"), "{stderr}");
    let manifest = format!("local:{}", work.path().join("out/manifest.sqlite").display());
    let run_id = format!("raw/{}/", run_name(1));
    let show = |args: &[&str]| {
        let mut cmd = support::snowplowctl(&work.path().join("cache"));
        cmd.current_dir(work.path()).arg("manifest").args(args).args(["--manifest", &manifest]);
        support::run(&mut cmd)
    };
    let (code, stdout, stderr) = show(&["show", &run_id, "--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    let entry: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(entry["state"], "FAILED");
    let failure = &entry["records"][2]["payload"];
    assert_eq!(failure["schema"], "iglu:dev.snowplowctl/run_failed/jsonschema/1-0-0");
    assert_eq!(failure["data"]["stage"], "publish");
    assert!(failure["data"]["message"].as_str().unwrap().contains("already exists"), "{failure}");

    // Blocked until resolved, even once the obstacle is gone.
    std::fs::remove_dir(&foreign).unwrap();
    let (code, summary, _) = run_json(work.path(), &archive, Path::new("out"), &[]);
    assert_eq!((code, &summary["runs"][1]["result"]), (0, &Value::from("blocked-failed")), "{summary:#}");
    let (code, _, stderr) = show(&["resolve", &run_id, "--reason", "moved the old output away"]);
    assert_eq!(code, 0, "{stderr}");
    let (code, summary, stderr) = run_json(work.path(), &archive, Path::new("out"), &[]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(summary["processed"], 1, "{summary:#}");
    assert_eq!(run_folders(&work.path().join("out")).len(), 8);
}
