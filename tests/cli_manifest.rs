//! `snowplowctl manifest` on the embedded (SQLite) manifest: every subcommand, and the errors
//! people will hit.

mod support;

use std::path::Path;

use serde_json::Value;
use support::archive::write_archive;

struct Workspace {
    dir: tempfile::TempDir,
}

impl Workspace {
    fn new() -> Workspace {
        Workspace { dir: tempfile::tempdir().unwrap() }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn manifest(&self, location: &str, args: &[&str]) -> (i32, String, String) {
        let mut cmd = support::snowplowctl(&self.path().join("cache"));
        cmd.current_dir(self.path()).arg("manifest").args(args).args(["--manifest", location]);
        support::run(&mut cmd)
    }

    /// Runs a manifest command on `local:m.sqlite`.
    fn local(&self, args: &[&str]) -> (i32, String, String) {
        self.manifest("local:m.sqlite", args)
    }

    fn ok(&self, args: &[&str]) -> String {
        let (code, stdout, stderr) = self.local(args);
        assert_eq!(code, 0, "{args:?}: {stderr}");
        stdout
    }

    fn json(&self, args: &[&str]) -> Value {
        let mut args = args.to_vec();
        args.extend(["--format", "json"]);
        serde_json::from_str(&self.ok(&args)).unwrap()
    }
}

const RUN: &str = "raw/run=2024-02-01-00-00-00/";

#[test]
fn the_sdk_commands_and_the_claim_lifecycle_work_from_the_command_line() {
    let ws = Workspace::new();
    assert!(ws.ok(&["create-table"]).starts_with("created local:m.sqlite"));
    assert!(ws.ok(&["create-table"]).contains("already exists"));
    assert_eq!(ws.ok(&["contains", RUN]).trim(), "false");
    ws.ok(&["add", "enriched-archive/run=2017-02-21-11-40-15/"]);
    assert_eq!(ws.ok(&["contains", "enriched-archive/run=2017-02-21-11-40-15/"]).trim(), "true");

    let claim = ws.ok(&["claim", RUN, "--lease", "600"]).trim().to_owned();
    assert_eq!(claim.len(), 36, "a record id: {claim}");
    let (code, _, stderr) = ws.local(&["claim", RUN]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("cannot claim it: it is claimed until"), "{stderr}");
    let (code, _, stderr) = ws.local(&["complete", RUN, "--claim", "00000000-0000-4000-8000-000000000000"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("is not its current claim"), "{stderr}");
    ws.ok(&["complete", RUN, "--claim", &claim, "--reason", "loaded by hand"]);
    assert_eq!(ws.ok(&["contains", RUN]).trim(), "true");

    let shown = ws.json(&["show", RUN]);
    assert_eq!(shown["state"], "PROCESSED");
    assert_eq!(shown["status"], "done");
    let records = shown["records"].as_array().unwrap();
    assert_eq!(records.len(), 2);
    assert_eq!(records[1]["previous"], records[0]["id"]);
    assert_eq!(records[1]["payload"]["data"]["reason"], "loaded by hand");

    let other = "raw/run=2024-02-01-01-00-00/";
    let claim = ws.ok(&["claim", other]).trim().to_owned();
    ws.ok(&["fail", other, "--claim", &claim, "--reason", "bad upload"]);
    ws.ok(&["skip", "raw/run=2024-02-01-02-00-00/", "--reason", "empty"]);
    let failed = ws.json(&["list", "--state", "FAILED"]);
    assert_eq!(failed.as_array().unwrap().len(), 1);
    assert_eq!(failed[0]["run_id"], other);
    let listed = ws.ok(&["list"]);
    for expected in
        ["enriched-archive/run=2017-02-21-11-40-15/", "run manifest (add)", "PROCESSED", "FAILED", "SKIPPED"]
    {
        assert!(listed.contains(expected), "{expected} in\n{listed}");
    }
    ws.ok(&["resolve", other]);
    assert_eq!(ws.json(&["show", other])["state"], "RESOLVED");
}

#[test]
fn pending_lists_the_archive_runs_not_yet_processed() {
    let ws = Workspace::new();
    write_archive(&ws.path().join("raw"), 3, 2);
    ws.ok(&["create-table"]);
    ws.ok(&["add", "raw/run=2024-02-01-00-01-00/"]);
    let pending = ws.ok(&["pending", "raw"]);
    assert_eq!(pending.lines().collect::<Vec<_>>(), ["raw/run=2024-02-01-00-00-00/", "raw/run=2024-02-01-00-02-00/"]);
    let all = ws.json(&["pending", "raw", "--all", "--run-id-prefix", "s3-archive/"]);
    let statuses: Vec<&str> = all.as_array().unwrap().iter().map(|r| r["status"].as_str().unwrap()).collect();
    assert_eq!(statuses, ["unknown", "unknown", "unknown"], "another prefix names other runs");
}

#[test]
fn payloads_are_validated_before_anything_is_written() {
    let ws = Workspace::new();
    ws.ok(&["create-table"]);
    std::fs::write(ws.path().join("broken.json"), "{\"schema\": \n  oops}").unwrap();
    let (code, _, stderr) = ws.local(&["skip", RUN, "--payload", "broken.json"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("broken.json:2:3: the payload is not JSON"), "{stderr}");
    std::fs::write(
        ws.path().join("invalid.json"),
        r#"{"schema": "iglu:dev.snowplowctl/manifest_note/jsonschema/1-0-0", "data": {"reason": 7}}"#,
    )
    .unwrap();
    let (code, _, stderr) = ws.local(&["skip", RUN, "--payload", "invalid.json"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("the payload is invalid"), "{stderr}");
    assert!(stderr.contains("/data/reason"), "names the pointer: {stderr}");
    std::fs::write(ws.path().join("unknown.json"), r#"{"schema": "iglu:com.acme/nope/jsonschema/1-0-0", "data": {}}"#)
        .unwrap();
    let (code, _, stderr) = ws.local(&["claim", RUN, "--payload", "unknown.json"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("com.acme/nope"), "{stderr}");
    assert!(ws.json(&["list"]).as_array().unwrap().is_empty(), "nothing was written");
}

#[test]
fn unknown_runs_bad_locations_and_damaged_files_fail_clearly() {
    let ws = Workspace::new();
    ws.ok(&["create-table"]);
    let (code, _, stderr) = ws.local(&["show", RUN]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("has no record of it") && stderr.contains("hint:"), "{stderr}");
    let (code, _, stderr) = ws.local(&["resolve", RUN]);
    assert_eq!(code, 1, "{stderr}");

    let (code, _, stderr) = ws.manifest("local:missing.sqlite", &["list"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("missing.sqlite: the file does not exist"), "{stderr}");
    assert!(!ws.path().join("missing.sqlite").exists(), "reading never creates a manifest");
    let (code, _, stderr) = ws.manifest("postgres://db/manifest", &["list"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("expected `dynamodb:REGION/TABLE` or `local:PATH`"), "{stderr}");
    let mut cmd = support::snowplowctl(&ws.path().join("cache"));
    cmd.current_dir(ws.path()).args(["manifest", "list"]).env_remove("SNOWPLOWCTL_MANIFEST");
    let (code, _, stderr) = support::run(&mut cmd);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("no manifest given"), "{stderr}");

    std::fs::write(ws.path().join("damaged.sqlite"), vec![b'#'; 8192]).unwrap();
    let (code, _, stderr) = ws.manifest("local:damaged.sqlite", &["list"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("damaged.sqlite: the file is damaged or not an SQLite database"), "{stderr}");
    assert!(stderr.contains("hint: move the file aside"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");

    // `run` refuses the damaged store the same way, before touching the archive.
    write_archive(&ws.path().join("raw"), 1, 2);
    let mut cmd = support::snowplowctl(&ws.path().join("cache"));
    cmd.current_dir(ws.path()).args(["run", "raw", "-f", "clj-tomcat", "-o", "out", "-m", "local:damaged.sqlite"]);
    let (code, _, stderr) = support::run(&mut cmd);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("damaged or not an SQLite database"), "{stderr}");
    assert!(!ws.path().join("out/enriched").exists());
}

#[test]
fn export_and_import_move_a_manifest_and_report_bad_lines() {
    let ws = Workspace::new();
    ws.ok(&["add", "raw/run=2024-02-01-00-00-00/"]);
    let claim = ws.ok(&["claim", "raw/run=2024-02-01-01-00-00/"]).trim().to_owned();
    ws.ok(&["complete", "raw/run=2024-02-01-01-00-00/", "--claim", &claim]);
    ws.ok(&["skip", "raw/run=2024-02-01-02-00-00/", "--reason", "empty"]);
    ws.ok(&["export", "--output", "export.jsonl"]);
    let exported = std::fs::read_to_string(ws.path().join("export.jsonl")).unwrap();
    assert_eq!(exported.lines().count(), 3);

    let (code, stdout, stderr) = ws.manifest("local:copy.sqlite", &["import", "export.jsonl"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("imported 3 run(s)"), "{stdout}");
    let (_, copied, _) = ws.manifest("local:copy.sqlite", &["export"]);
    assert_eq!(copied, exported, "an imported manifest exports the same lines");
    let (code, stdout, stderr) = ws.manifest("local:copy.sqlite", &["import", "export.jsonl"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("imported 0 run(s); 3 already known"), "{stdout}");

    std::fs::write(
        ws.path().join("bad.jsonl"),
        format!("{}\n{{\"run_id\": 7}}\nnot json\n", exported.lines().next().unwrap()),
    )
    .unwrap();
    let (code, _, stderr) = ws.manifest("local:other.sqlite", &["import", "bad.jsonl"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("bad.jsonl:2:") && stderr.contains("bad.jsonl:3:"), "{stderr}");
    assert!(stderr.contains("nothing was imported"), "{stderr}");
}
