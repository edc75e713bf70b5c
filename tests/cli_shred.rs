//! `snowplowctl shred`: deduplication (natural and synthetic; within a file, across files and
//! threads, beyond the memory budget), publishing and the CLI's contract.

mod support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

const RUN: &str = "2024-02-01-00-00-00";

/// An enriched line with a link_click event and a fingerprint.
fn event(id: u32, fingerprint: &str, etl: &str) -> String {
    let mut fields = vec![String::new(); 131];
    fields[0] = "app".into();
    fields[2] = etl.into();
    fields[3] = "2024-02-01 10:00:00.000".into();
    fields[5] = "unstruct".into();
    fields[6] = format!("{id:08x}-0000-4000-8000-000000000000");
    fields[10] = "ssc-2.0.0".into();
    fields[11] = "snowplowctl-0.1.0".into();
    fields[58] = r#"{"schema":"iglu:com.snowplowanalytics.snowplow/unstruct_event/jsonschema/1-0-0","data":{"schema":"iglu:com.snowplowanalytics.snowplow/link_click/jsonschema/1-0-1","data":{"targetUrl":"https://example.com/"}}}"#.into();
    fields[129] = fingerprint.into();
    fields.join("\t")
}

struct Run {
    code: i32,
    summary: Value,
    stderr: String,
    good: BTreeMap<String, Vec<String>>,
}

fn collect(dir: &Path, relative: &str, into: &mut BTreeMap<String, Vec<String>>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            collect(&path, &if relative.is_empty() { name } else { format!("{relative}/{name}") }, into);
        } else {
            into.entry(relative.to_owned())
                .or_default()
                .extend(std::fs::read_to_string(&path).unwrap().lines().map(str::to_owned));
        }
    }
}

const IGLU_CENTRAL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/iglu-central");

/// Input files under `in/`, and `resolver.json` with Iglu Central (the local copy in ../shared).
fn write_inputs(dir: &Path, files: &[Vec<String>]) {
    let resolver = serde_json::json!({
        "schema": "iglu:com.snowplowanalytics.iglu/resolver-config/jsonschema/1-0-1",
        "data": {"cacheSize": 500, "repositories": [{"name": "Iglu Central (local copy)", "priority": 0,
            "vendorPrefixes": [], "connection": {"embedded": {"path": IGLU_CENTRAL}}}]}
    });
    std::fs::write(dir.join("resolver.json"), resolver.to_string()).unwrap();
    std::fs::create_dir_all(dir.join("in")).unwrap();
    for (i, lines) in files.iter().enumerate() {
        std::fs::write(dir.join(format!("in/part-{i:05}")), lines.join("\n") + "\n").unwrap();
    }
}

fn shred(dir: &Path, out: &str, args: &[&str]) -> Run {
    let mut cmd = support::snowplowctl(&dir.join("cache"));
    cmd.current_dir(dir)
        .args(["shred", "in", "--output", out, "--format", "json", "--run-id", RUN, "--timestamp", "1706745600000"])
        .args(["--resolver", "resolver.json"])
        .args(args);
    let (code, stdout, stderr) = support::run(&mut cmd);
    let summary = serde_json::from_str(&stdout).unwrap_or(Value::Null);
    let mut good = BTreeMap::new();
    collect(&dir.join(out).join("shredded/good").join(format!("run={RUN}")), "", &mut good);
    Run { code, summary, stderr, good }
}

fn atomic_ids(run: &Run) -> Vec<String> {
    let mut ids: Vec<String> =
        run.good["atomic-events"].iter().map(|line| line.split('\t').nth(6).unwrap().to_owned()).collect();
    ids.sort();
    ids
}

const LINK_CLICK: &str =
    "shredded-types/vendor=com.snowplowanalytics.snowplow/name=link_click/format=jsonschema/version=1-0-1";
const DUPLICATE: &str =
    "shredded-types/vendor=com.snowplowanalytics.snowplow/name=duplicate/format=jsonschema/version=1-0-0";

#[test]
fn natural_duplicates_keep_one_and_synthetic_ones_get_new_ids() {
    let dir = tempfile::tempdir().unwrap();
    let etl = "2024-02-01 11:00:00.000";
    // 1 and 3 are natural duplicates (the later etl_tstamp loses); 1 and 2 are synthetic.
    let lines = vec![
        event(1, "fp-a", "2024-02-01 11:00:00.500"),
        event(1, "fp-b", etl),
        event(1, "fp-a", etl),
        event(2, "fp-c", etl),
        event(3, "", etl),
        event(3, "", etl),
    ];
    write_inputs(dir.path(), &[lines]);
    let run = shred(dir.path(), "out", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.summary["natural_duplicates"], 1, "{}", run.summary);
    // Events without a fingerprint are never natural duplicates, so id 3 is synthetic too.
    assert_eq!(run.summary["synthetic_duplicates"], 4, "{}", run.summary);
    assert_eq!(run.summary["good_events"], 5);
    let ids = atomic_ids(&run);
    assert_eq!(ids.len(), 5);
    let mut distinct = ids.clone();
    distinct.dedup();
    assert_eq!(distinct.len(), 5, "{ids:?}");
    assert!(ids.contains(&"00000002-0000-4000-8000-000000000000".to_owned()));
    // The kept natural duplicate is the one with the lowest etl_tstamp (line 3).
    assert_eq!(run.good["atomic-events"].iter().filter(|l| l.contains("11:00:00.500")).count(), 0);
    let duplicates = &run.good[DUPLICATE];
    assert_eq!(duplicates.len(), 4);
    for line in duplicates {
        let entity: Value = serde_json::from_str(line).unwrap();
        let original = entity["data"]["originalEventId"].as_str().unwrap();
        assert!(original.starts_with("00000001") || original.starts_with("00000003"), "{line}");
        let root = entity["hierarchy"]["rootId"].as_str().unwrap();
        assert!(ids.contains(&root.to_owned()) && root != original, "{line}");
    }
    // Every entity of a re-identified event carries its new id.
    let roots: Vec<String> = run.good[LINK_CLICK]
        .iter()
        .map(|l| serde_json::from_str::<Value>(l).unwrap()["hierarchy"]["rootId"].as_str().unwrap().to_owned())
        .collect();
    let mut roots_sorted = roots.clone();
    roots_sorted.sort();
    assert_eq!(roots_sorted, ids);

    // --no-dedup writes every event as it is.
    let all = shred(dir.path(), "plain", &["--no-dedup"]);
    assert_eq!(all.code, 0, "{}", all.stderr);
    assert_eq!(all.summary["good_events"], 6);
    assert!(!all.good.contains_key(DUPLICATE));

    // Reruns are identical.
    let again = shred(dir.path(), "again", &[]);
    assert_eq!(again.good, run.good);
}

/// Many events over several files with duplicates inside and across files.
fn corpus() -> Vec<Vec<String>> {
    let etl = "2024-02-01 11:00:00.000";
    let mut files = vec![Vec::new(); 4];
    for id in 0..3000u32 {
        let file = (id % 4) as usize;
        files[file].push(event(id, &format!("fp-{id}"), etl));
        if id % 3 == 0 {
            // A natural duplicate in another file.
            files[(file + 1) % 4].push(event(id, &format!("fp-{id}"), etl));
        }
        if id % 5 == 0 {
            // A synthetic duplicate in another file.
            files[(file + 2) % 4].push(event(id, &format!("other-{id}"), etl));
        }
    }
    files
}

#[test]
fn duplicates_across_files_and_threads_and_beyond_the_memory_budget() {
    let dir = tempfile::tempdir().unwrap();
    write_inputs(dir.path(), &corpus());
    let natural = (0..3000).filter(|id| id % 3 == 0).count() as u64;
    let synthetic = 2 * (0..3000).filter(|id| id % 5 == 0).count() as u64;
    let mut runs = Vec::new();
    for (out, args) in [
        ("one-thread", vec!["--threads", "1"]),
        ("threads", vec!["--threads", "4"]),
        ("small-budget", vec!["--threads", "2", "--dedup-memory", "64K"]),
    ] {
        let mut cmd_args: Vec<&str> = Vec::new();
        let (global, local): (Vec<&str>, Vec<&str>) = (args[..2].to_vec(), args[2..].to_vec());
        cmd_args.extend(local);
        let mut cmd = support::snowplowctl(&dir.path().join("cache"));
        cmd.current_dir(dir.path())
            .args(&global)
            .args(["shred", "in", "--output", out, "--format", "json", "--run-id", RUN, "--timestamp", "1706745600000"])
            .args(["--resolver", "resolver.json"])
            .args(&cmd_args);
        let (code, stdout, stderr) = support::run(&mut cmd);
        assert_eq!(code, 0, "{stderr}");
        let summary: Value = serde_json::from_str(&stdout).unwrap();
        assert_eq!(summary["natural_duplicates"], natural, "{out}: {summary}");
        assert_eq!(summary["synthetic_duplicates"], synthetic, "{out}: {summary}");
        assert_eq!(summary["good_events"], 3000 + synthetic / 2, "{out}: {summary}");
        assert_eq!(summary["counts_balance"], true, "{out}: {summary}");
        let mut good = BTreeMap::new();
        collect(&dir.path().join(out).join("shredded/good").join(format!("run={RUN}")), "", &mut good);
        let run = Run { code, summary, stderr, good };
        let ids = atomic_ids(&run);
        let mut distinct = ids.clone();
        distinct.dedup();
        assert_eq!(distinct.len(), ids.len(), "{out}: every event id is unique after dedup");
        runs.push(run);
    }
    assert!(runs[2].summary["dedup_partitions"].as_u64().unwrap() > 1, "{}", runs[2].summary);
    // The same events whatever the threads and budget (part files may be cut differently).
    let sorted = |run: &Run| {
        let mut all: BTreeMap<String, Vec<String>> = run.good.clone();
        for lines in all.values_mut() {
            lines.sort();
        }
        all
    };
    assert_eq!(sorted(&runs[0]), sorted(&runs[1]));
    assert_eq!(sorted(&runs[0]), sorted(&runs[2]));
}

#[test]
fn bad_events_are_bad_rows_and_an_existing_run_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut invalid = event(7, "fp", "2024-02-01 11:00:00.000");
    invalid = invalid.replace(r#"{"targetUrl":"https://example.com/"}"#, r#"{"targetUrl":1}"#);
    write_inputs(dir.path(), &[vec![event(1, "fp", "2024-02-01 11:00:00.000"), invalid, "not an event".into()]]);
    let run = shred(dir.path(), "out", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.summary["good_events"], 1);
    assert_eq!(run.summary["bad_rows"]["loader_iglu_error"], 1, "{}", run.summary);
    assert_eq!(run.summary["bad_rows"]["loader_parsing_error"], 1, "{}", run.summary);
    let bad = std::fs::read_to_string(dir.path().join(format!("out/shredded/bad/run={RUN}/part-00000"))).unwrap();
    assert!(bad.contains("loader_iglu_error") && bad.contains("NotTSV"), "{bad}");
    // Nothing of the invalid event reaches the good folder.
    assert!(run.good.values().flatten().all(|line| !line.contains("00000007")));

    let again = shred(dir.path(), "out", &["--fail-on-bad-rows"]);
    assert_eq!(again.code, 1);
    assert!(again.stderr.contains("already exists") && again.stderr.contains("hint:"), "{}", again.stderr);
    let fail = shred(dir.path(), "fail", &["--fail-on-bad-rows"]);
    assert_eq!(fail.code, 1, "{}", fail.stderr);
    let leftovers: Vec<_> =
        std::fs::read_dir(dir.path().join("out")).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers, ["shredded"], "no temporary folder is left behind");
}

#[test]
fn enriched_archive_output_shreds_cleanly_in_text_mode() {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = support::snowplowctl(&dir.path().join("cache"));
    cmd.current_dir(dir.path())
        .arg("enrich")
        .arg(support::fixture("enrich/archive"))
        .args(["--input-format", "clj-tomcat", "--resolver"])
        .arg(support::fixture("enrich/bench/resolver.json"))
        .args(["--output", "out", "--run-id", RUN, "--etl-timestamp", "1706745600000"]);
    let (code, _, stderr) = support::run(&mut cmd);
    assert_eq!(code, 0, "{stderr}");
    let mut cmd = support::snowplowctl(&dir.path().join("cache"));
    cmd.current_dir(dir.path())
        .args(["shred", &format!("out/enriched/good/run={RUN}"), "--output", "out", "--run-id", RUN])
        .arg("--resolver")
        .arg(support::fixture("enrich/bench/resolver.json"));
    let (code, stdout, stderr) = support::run(&mut cmd);
    assert_eq!(code, 0, "{stderr}");
    let row = |name: &str| stdout.lines().find(|l| l.contains(name)).unwrap_or_default().to_owned();
    assert!(row("good events").contains(" 62 "), "{stdout}");
    // The archive holds every event twice, without fingerprints: as in RDB Shredder, events
    // without a fingerprint are never natural duplicates, so all of them get new ids.
    assert!(row("synthetic duplicates").contains(" 62 "), "{stdout}");
    assert!(row("bad rows").contains(" 0 "), "{stdout}");
}

#[test]
fn tsv_shredding_flattens_nested_objects_over_every_schema_of_the_model() {
    let dir = tempfile::tempdir().unwrap();
    // A registry of our own: 1-0-1 adds `address.city` and `score` to 1-0-0.
    let registry = dir.path().join("registry/schemas/com.acme/customer/jsonschema");
    std::fs::create_dir_all(&registry).unwrap();
    let schema = |version: &str, address: Value, extra: Value| {
        let mut properties = serde_json::json!({
            "name": {"type": "string"},
            "tags": {"type": "array", "items": {"type": "string"}},
            "address": {"type": "object", "required": ["street"], "properties": address},
        });
        properties.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
        serde_json::json!({
            "$schema": "http://iglucentral.com/schemas/com.snowplowanalytics.self-desc/schema/jsonschema/1-0-0#",
            "self": {"vendor": "com.acme", "name": "customer", "format": "jsonschema", "version": version},
            "type": "object", "required": ["name", "address"], "properties": properties,
            "additionalProperties": false,
        })
    };
    let street = serde_json::json!({"street": {"type": "string"}});
    std::fs::write(registry.join("1-0-0"), schema("1-0-0", street.clone(), serde_json::json!({})).to_string()).unwrap();
    let mut with_city = street.clone();
    with_city.as_object_mut().unwrap().insert("city".into(), serde_json::json!({"type": "string"}));
    let score = serde_json::json!({"score": {"type": "number"}});
    std::fs::write(registry.join("1-0-1"), schema("1-0-1", with_city, score).to_string()).unwrap();

    let customer = r#"{"schema":"iglu:com.acme/customer/jsonschema/1-0-1","data":{"name":"Ada","tags":["a","b"],"address":{"street":"1 Main St"},"score":2.5}}"#;
    let line = event(1, "f1", "2024-02-01 10:00:01.000")
        .replace(r#"{"schema":"iglu:com.snowplowanalytics.snowplow/link_click/jsonschema/1-0-1","data":{"targetUrl":"https://example.com/"}}"#, customer);
    write_inputs(dir.path(), &[vec![line]]);
    let mut resolver: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("resolver.json")).unwrap()).unwrap();
    resolver["data"]["repositories"].as_array_mut().unwrap().push(serde_json::json!({"name": "acme", "priority": 1,
        "vendorPrefixes": ["com.acme"], "connection": {"embedded": {"path": dir.path().join("registry")}}}));
    std::fs::write(dir.path().join("resolver.json"), resolver.to_string()).unwrap();

    let run = shred(dir.path(), "out", &["--tsv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines = &run.good["shredded-tsv/vendor=com.acme/name=customer/format=jsonschema/version=1"];
    let columns: Vec<&str> = lines[0].split('\t').collect();
    // 1-0-0 gives required `address.street` and `name`, then optional `tags`; 1-0-1 adds
    // `address.city` and `score`. Absent values are `\N`.
    assert_eq!(columns[..4], ["com.acme", "customer", "jsonschema", "1-0-1"]);
    assert_eq!(columns[9..], ["1 Main St", "Ada", r#"["a","b"]"#, "\\N", "2.5"]);
}
