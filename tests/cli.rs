//! The real binary: exit codes, hostile input, output formats and usage errors.

mod support;

use std::path::{Path, PathBuf};

use serde_json::Value;
use support::{run, snowplowctl};

fn json_findings(stdout: &str) -> Vec<Value> {
    let doc: Value = serde_json::from_str(stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {stdout}"));
    doc["findings"].as_array().cloned().unwrap_or_default()
}

fn lint_json_file(path: &Path, extra: &[&str]) -> (i32, Vec<Value>, String) {
    let cache = tempfile::tempdir().unwrap();
    let (code, out, err) =
        run(snowplowctl(cache.path()).args(["lint", "json", "--format", "json"]).args(extra).arg(path));
    (code, json_findings(&out), err)
}

fn codes(findings: &[Value]) -> Vec<&str> {
    findings.iter().map(|f| f["code"].as_str().unwrap()).collect()
}

#[test]
fn hostile_input_gives_findings_never_panics() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, bytes: &[u8]| -> PathBuf {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    };
    let cases: Vec<(PathBuf, &str)> = vec![
        (write("empty.json", b""), "F002"),
        (write("binary.json", b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03"), "F003"),
        (write("latin1.json", b"{\"schema\": \"caf\xe9\"}"), "F004"),
        (write("deep.json", format!("{}{}", "[".repeat(10_000), "]".repeat(10_000)).as_bytes()), "F006"),
        (write("truncated.json", b"{\"schema\": \"iglu:com.acme/x/jsonschema/1-0-0\", \"data\": {"), "F006"),
        (write("array.json", b"[1, 2]"), "I003"),
    ];
    for (path, expected) in cases {
        let (code, findings, err) = lint_json_file(&path, &[]);
        assert_eq!(code, 1, "{}: {err}", path.display());
        assert_eq!(codes(&findings), [expected], "{}", path.display());
        assert!(!err.contains("panicked"), "{err}");
        assert!(findings[0]["line"].is_number() || expected == "I003", "{}: position expected", path.display());
    }
}

#[test]
fn a_50_mb_file_is_refused_by_default_and_handled_when_allowed() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.json");
    let mut text = String::with_capacity(50 * 1024 * 1024 + 16);
    text.push('[');
    while text.len() < 50 * 1024 * 1024 {
        text.push_str("1234567890,");
    }
    text.push_str("0]");
    std::fs::write(&big, &text).unwrap();
    let (code, findings, _) = lint_json_file(&big, &[]);
    assert_eq!((code, codes(&findings)), (1, vec!["F005"]));
    assert!(findings[0]["hint"].as_str().unwrap().contains("--max-file-size"));
    let (code, findings, _) = lint_json_file(&big, &["--max-file-size", "100000000"]);
    assert_eq!((code, codes(&findings)), (1, vec!["I003"]));
}

#[test]
fn one_bad_file_never_stops_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.json");
    let bad = dir.path().join("bad.json");
    std::fs::write(&good, r#"{"schema": "iglu:com.acme/x/jsonschema/1-0", "data": {}}"#).unwrap();
    std::fs::write(&bad, "{").unwrap();
    let cache = tempfile::tempdir().unwrap();
    let (code, out, _) = run(snowplowctl(cache.path()).args(["lint", "json", "--format", "json"]).arg(&bad).arg(&good));
    assert_eq!(code, 1);
    let findings = json_findings(&out);
    assert_eq!(codes(&findings), ["F006", "I002"]);
    assert_eq!(findings[1]["pointer"], "/schema");
}

#[test]
fn unreadable_paths_and_bad_flags_are_usage_errors() {
    let cache = tempfile::tempdir().unwrap();
    let cases: &[&[&str]] = &[
        &["lint", "json", "/no/such/file.json"],
        &["lint", "enrichments", "/no/such/dir"],
        &["lint", "json", "x.json", "--ignore", "Z999"],
        &["lint", "playbook", "p.json", "--vars", "a,1,b"],
        &["lint", "json"],
        &["frobnicate"],
    ];
    for args in cases {
        let (code, _, err) = run(snowplowctl(cache.path()).args(*args));
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(!err.is_empty(), "{args:?} explains itself");
    }
}

#[test]
fn ignore_drops_a_rule_and_fail_on_sets_the_threshold() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("x.json");
    std::fs::write(&file, r#"{"schema": "iglu:com.acme/x/jsonschema/1-0", "data": {}}"#).unwrap();
    let (code, findings, _) = lint_json_file(&file, &["--ignore", "invalid-schemaver"]);
    assert_eq!((code, findings.len()), (0, 0));
    let (code, findings, _) = lint_json_file(&file, &["--fail-on", "error"]);
    assert_eq!((code, findings.len()), (1, 1));
}

#[test]
fn every_output_format_carries_the_finding() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("x.json");
    std::fs::write(&file, "{\n  \"schema\": \"iglu:com.acme/x/jsonschema/01-0-0\",\n  \"data\": {}\n}").unwrap();
    let cache = tempfile::tempdir().unwrap();
    let output = |format: &str| run(snowplowctl(cache.path()).args(["lint", "json", "--format", format]).arg(&file));

    let (code, text, _) = output("text");
    assert_eq!(code, 1);
    assert!(text.contains("2:3  error[I002]  /schema:"), "{text}");
    assert!(text.contains("hint:") && text.contains("files checked"), "{text}");

    let (_, github, _) = output("github");
    assert!(github.starts_with("::error file="), "{github}");
    assert!(github.contains(",line=2,col=3,title=I002 invalid-schemaver::"), "{github}");

    let (_, sarif, _) = output("sarif");
    let sarif: Value = serde_json::from_str(&sarif).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let result = &sarif["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "I002");
    assert_eq!(result["locations"][0]["physicalLocation"]["region"]["startLine"], 2);
    assert_eq!(sarif["runs"][0]["tool"]["driver"]["rules"][0]["name"], "invalid-schemaver");

    let (_, json, _) = output("json");
    let doc: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(doc["summary"]["errors"], 1);
    assert_eq!(doc["findings"][0]["line"], 2);
}

#[test]
fn rules_are_listed_and_explained() {
    let cache = tempfile::tempdir().unwrap();
    let (code, out, _) = run(snowplowctl(cache.path()).args(["lint", "rules"]));
    assert_eq!(code, 0);
    assert!(out.contains("I005") && out.contains("schema-violation"));
    let (code, out, _) = run(snowplowctl(cache.path()).args(["lint", "rules", "invalid-json"]));
    assert_eq!(code, 0);
    assert!(out.starts_with("F006 invalid-json (error)") && out.contains("Why:"), "{out}");
}

#[test]
fn broken_pipe_is_not_an_error() {
    use std::io::Read;
    use std::process::Stdio;
    // Far more output than a pipe buffer holds, so the writer really hits the closed pipe.
    let dir = tempfile::tempdir().unwrap();
    for i in 0..1500 {
        std::fs::write(dir.path().join(format!("f{i:04}.json")), "{").unwrap();
    }
    let files: Vec<PathBuf> = (0..1500).map(|i| dir.path().join(format!("f{i:04}.json"))).collect();
    let cache = tempfile::tempdir().unwrap();
    let mut child = snowplowctl(cache.path())
        .args(["lint", "json"])
        .args(&files)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
}

#[test]
fn the_readme_pipeline_lints_clean_and_breakage_in_any_part_is_found() {
    let cache = tempfile::tempdir().unwrap();
    let pipeline = support::fixture("pipeline");
    let (code, out, err) = run(snowplowctl(cache.path()).args(["lint", "all"]).arg(&pipeline).arg("--offline"));
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("All checks passed (11 files checked)"), "{out}");
    assert!(err.is_empty(), "every file is claimed by the layout: {err}");

    // Break one file of each kind in a copy: each is reported, the rest still checked.
    let copy = tempfile::tempdir().unwrap();
    copy_dir(&pipeline, copy.path());
    let edit = |rel: &str, from: &str, to: &str| {
        let path = copy.path().join(rel);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{rel} lacks {from}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    };
    edit("config.yml", "output_compression: GZIP", "output_compression: ZIP");
    edit("enrichments/anon_ip.json", "\"anonOctets\": 2", "\"anonOctets\": \"2\"");
    edit("targets/redshift.json", "\"port\": 5439", "\"port\": \"5439\"");
    edit("dataflow/playbook.json", "CANCEL_AND_WAIT", "TERMINATE_JOB_FLOW");
    edit("schemas/com.acme/checkout_step/jsonschema/1-0-0", "\"maximum\": 20", "\"maximum\": 0");
    edit("iglu_resolver.json", "\"cacheSize\": 500", "\"cacheSize\": \"500\"");
    std::fs::write(copy.path().join("notes.txt"), "not part of the layout").unwrap();
    let (code, out, err) =
        run(snowplowctl(cache.path()).args(["lint", "all", "--format", "json", "--offline"]).arg(copy.path()));
    assert_eq!(code, 1, "{out}{err}");
    assert!(err.contains("notes.txt") && err.contains("not checked"), "unclaimed files are named: {err}");
    assert!(err.contains("bundled schemas only"), "a broken resolver does not stop the others: {err}");
    let findings = json_findings(&out);
    let mut files: Vec<&str> = findings
        .iter()
        .map(|f| f["file"].as_str().unwrap().rsplit_once(copy.path().file_name().unwrap().to_str().unwrap()).unwrap().1)
        .collect();
    files.sort();
    files.dedup();
    assert_eq!(
        files,
        [
            "/config.yml",
            "/dataflow/playbook.json",
            "/enrichments/anon_ip.json",
            "/iglu_resolver.json",
            "/schemas/com.acme/checkout_step/jsonschema/1-0-0",
            "/targets/redshift.json"
        ],
        "{findings:#?}"
    );
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

#[test]
fn fail_on_raises_the_threshold_above_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let resolver = dir.path().join("resolver.json");
    std::fs::write(
        &resolver,
        r#"{"schema": "iglu:com.snowplowanalytics.iglu/resolver-config/jsonschema/1-0-1",
            "data": {"cacheSize": 500, "repositories": [{"name": "private", "priority": 0, "vendorPrefixes": ["com.acme"],
            "connection": {"http": {"uri": "https://iglu.acme.example/api", "apikey": "hunter2"}}}]}}"#,
    )
    .unwrap();
    let cache = tempfile::tempdir().unwrap();
    let lint = |extra: &[&str]| {
        run(snowplowctl(cache.path()).args(["lint", "resolver", "--format", "json"]).args(extra).arg(&resolver))
    };
    let (code, out, _) = lint(&[]);
    assert_eq!(code, 1);
    let findings = json_findings(&out);
    assert_eq!((findings[0]["code"].as_str(), findings[0]["severity"].as_str()), (Some("R002"), Some("warning")));
    assert!(!out.contains("hunter2"), "the apikey is never printed");
    let (code, _, _) = lint(&["--fail-on", "error"]);
    assert_eq!(code, 0, "a warning does not fail with --fail-on error");
}

#[test]
fn the_readme_pipeline_generates_dataflow_runner_files_that_lint_clean() {
    let cache = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let pipeline = support::fixture("pipeline");
    let (code, stdout, err) = run(snowplowctl(cache.path())
        .args(["generate", "all", "--offline", "-c"])
        .arg(pipeline.join("config.yml"))
        .arg("-r")
        .arg(pipeline.join("iglu_resolver.json"))
        .arg("-n")
        .arg(pipeline.join("enrichments"))
        .arg("-t")
        .arg(pipeline.join("targets"))
        .arg("--output-dir")
        .arg(out.path()));
    assert_eq!(code, 0, "{stdout}{err}");
    let (code, lint_out, _) = run(snowplowctl(cache.path())
        .args(["lint", "playbook", "--vars", "runId,2024-05-01-00-00-00,etlTimestamp,1714521600000"])
        .arg(out.path().join("playbook.json")));
    assert_eq!(code, 0, "{lint_out}");
    let (code, lint_out, _) =
        run(snowplowctl(cache.path()).args(["lint", "cluster"]).arg(out.path().join("cluster.json")));
    assert_eq!(code, 0, "{lint_out}");
}
