//! Conformance of `snowplowctl shred` with Snowplow's shredder test vectors
//! (`../shared/snowplow/shred-vectors` and `../shared/snowplow/enrich-vectors/shred`, read at
//! test time), run through the binary with Iglu Central (the local copy in ../shared) as the
//! resolver's repository.
//!
//! * `legacy-json` (RDB Shredder 0.13, the layout we write) and `legacy-tsv` (0.16 / 0.18.2
//!   with `--tsv`): exact folder set and lines, byte for byte.
//! * `hadoop-shred` (r88) and the enrich-vectors shred set: same lines, byte for byte; the
//!   r88 folder names (`vendor/name/format/version`) map onto our `shredded-types/vendor=…`.
//! * `v1` (1.0.0): same lines; its folders (`output=good/vendor=…/model=M`) map onto ours, and
//!   lines are compared as sorted lists because 1.x shreds derived contexts before contexts.
//! * Bad vectors: legacy rows with `--legacy-bad-rows` (line and error texts where they are
//!   ours to reproduce), v1 rows as self-describing rows (schema, failure type and payload).
//!
//! Vectors not run are in `SKIPPED` with the reason; the test prints the tally.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

mod support;

const SHRED_VECTORS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/snowplow/shred-vectors");
const ENRICH_SHRED_VECTORS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/snowplow/enrich-vectors/shred");
const IGLU_CENTRAL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/iglu-central");
const RUN: &str = "run=2017-02-15-13-10-30";

/// Vectors not run, with the reason.
const SKIPPED: &[(&str, &str)] = &[
    (
        "legacy-json-0.13.0-CrossBatchDeduplicationSpec",
        "cross-batch deduplication needs the DynamoDB events manifest, which shred does not implement",
    ),
    (
        "v1-1.0.0-CrossBatchDeduplicationSpec",
        "cross-batch deduplication needs the DynamoDB events manifest, which shred does not implement",
    ),
];

struct Shredded {
    /// Folder (relative to the good run folder) → its part files' lines, in part order.
    good: BTreeMap<String, Vec<String>>,
    bad: Vec<Value>,
}

fn collect(dir: &Path, relative: &str, into: &mut BTreeMap<String, Vec<String>>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            let child = if relative.is_empty() { name } else { format!("{relative}/{name}") };
            collect(&path, &child, into);
        } else {
            let lines = into.entry(relative.to_owned()).or_default();
            lines.extend(std::fs::read_to_string(&path).unwrap().lines().map(str::to_owned));
        }
    }
}

fn shred(lines: &[String], args: &[&str]) -> Shredded {
    let work = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(work.path().join("in")).unwrap();
    let text: String = lines.iter().map(|line| format!("{line}\n")).collect();
    std::fs::write(work.path().join("in/part-00000"), text).unwrap();
    let resolver = serde_json::json!({
        "schema": "iglu:com.snowplowanalytics.iglu/resolver-config/jsonschema/1-0-1",
        "data": {"cacheSize": 500, "repositories": [{"name": "Iglu Central (local copy)", "priority": 0,
            "vendorPrefixes": [], "connection": {"embedded": {"path": IGLU_CENTRAL}}}]}
    });
    std::fs::write(work.path().join("resolver.json"), resolver.to_string()).unwrap();
    let mut cmd = support::snowplowctl(&work.path().join("cache"));
    cmd.current_dir(work.path())
        .args(["shred", "in", "--output", "out", "--resolver", "resolver.json", "--format", "json"])
        .args(["--run-id", &RUN[4..], "--timestamp", "1487164230000"])
        .args(args);
    let (code, stdout, stderr) = support::run(&mut cmd);
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    let summary: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(summary["counts_balance"], true, "{summary}");
    let mut good = BTreeMap::new();
    let good_dir = work.path().join("out/shredded/good").join(RUN);
    collect(&good_dir, "", &mut good);
    let mut bad = BTreeMap::new();
    collect(&work.path().join("out/shredded/bad").join(RUN), "", &mut bad);
    let bad = bad.into_values().flatten().map(|line| serde_json::from_str(&line).unwrap()).collect();
    Shredded { good, bad }
}

fn strings(value: &Value) -> Vec<String> {
    value.as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_owned()).collect()
}

/// Our folder for a vector's folder.
fn our_folder(layout: &str, path: &str) -> String {
    match layout {
        "hadoop-shred" if path != "atomic-events" => {
            let parts: Vec<&str> = path.split('/').collect();
            format!("shredded-types/vendor={}/name={}/format={}/version={}", parts[0], parts[1], parts[2], parts[3])
        }
        "v1" => {
            let part = |key: &str| {
                path.split('/').find_map(|p| p.strip_prefix(&format!("{key}="))).unwrap_or_default().to_owned()
            };
            match (part("name").as_str(), part("format").as_str()) {
                ("atomic", _) => "atomic-events".to_owned(),
                (name, "tsv") => format!(
                    "shredded-tsv/vendor={}/name={name}/format=jsonschema/version={}",
                    part("vendor"),
                    part("model")
                ),
                // JSON folders are per full version in our layout: matched by prefix below.
                (name, _) => format!(
                    "shredded-types/vendor={}/name={name}/format=jsonschema/version={}-",
                    part("vendor"),
                    part("model")
                ),
            }
        }
        _ => path.to_owned(),
    }
}

fn erase(lines: &mut [String], from: &[String], to: &str) {
    for line in lines.iter_mut() {
        for id in from {
            *line = line.replace(id.as_str(), to);
        }
    }
}

fn check_good(name: &str, vector: &Value) {
    let layout = vector["layout"].as_str().unwrap();
    let mut args: Vec<&str> = Vec::new();
    if layout == "legacy-tsv" || (layout == "v1" && vector.get("tsv_null_marker").is_some()) {
        args.push("--tsv");
        if vector["tsv_null_marker"] == "" {
            args.push("--tsv-empty-nulls");
        }
    }
    let result = shred(&strings(&vector["input_lines"]), &args);
    assert!(result.bad.is_empty(), "{name}: bad rows {:#?}", result.bad);
    let expected = &vector["expected"];
    let mut wanted: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let atomic = strings(&expected["atomic"]["lines"]);
    if !atomic.is_empty() {
        wanted.insert(our_folder(layout, expected["atomic"]["path"].as_str().unwrap()), atomic);
    }
    for shredded in expected["shredded"].as_array().unwrap() {
        wanted
            .entry(our_folder(layout, shredded["path"].as_str().unwrap()))
            .or_default()
            .extend(strings(&shredded["lines"]));
    }
    let mut actual = result.good;
    if layout == "v1" {
        // 1.x folders hold every version of a model: merge ours by model.
        let mut merged: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (folder, lines) in actual {
            let key =
                wanted.keys().find(|w| w.ends_with('-') && folder.starts_with(w.as_str())).cloned().unwrap_or(folder);
            merged.entry(key).or_default().extend(lines);
        }
        actual = merged;
        for lines in actual.values_mut().chain(wanted.values_mut()) {
            lines.sort();
        }
    }
    if let Some(comparison) = vector.get("comparison") {
        let dummy = comparison["erase_event_id_to"].as_str().unwrap();
        let atomic = actual.get("atomic-events").cloned().unwrap_or_default();
        let new_ids: Vec<String> = atomic.iter().map(|line| line.split('\t').nth(6).unwrap().to_owned()).collect();
        let originals: Vec<String> =
            strings(&vector["input_lines"]).iter().map(|l| l.split('\t').nth(6).unwrap().to_owned()).collect();
        assert!(new_ids.iter().all(|id| !originals.contains(id)), "{name}: new ids must differ from the original");
        let mut distinct = new_ids.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), new_ids.len(), "{name}: new ids must differ from each other");
        for lines in actual.values_mut() {
            erase(lines, &new_ids, dummy);
            lines.sort();
        }
        for lines in wanted.values_mut() {
            lines.sort();
        }
    }
    assert_eq!(actual.keys().collect::<Vec<_>>(), wanted.keys().collect::<Vec<_>>(), "{name}: folders differ");
    for (folder, lines) in &wanted {
        assert_eq!(&actual[folder], lines, "{name}: {folder} differs");
    }
}

fn check_bad(name: &str, vector: &Value) {
    let layout = vector["layout"].as_str().unwrap();
    let legacy = layout != "v1";
    let result = shred(&strings(&vector["input_lines"]), if legacy { &["--legacy-bad-rows"] } else { &[] });
    assert!(result.good.is_empty(), "{name}: good output {:?}", result.good.keys());
    let expected: Vec<Value> = match vector["expected"].get("bad_rows_parsed") {
        Some(parsed) => parsed.as_array().unwrap().clone(),
        None => vector["expected"]["bad_rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| serde_json::from_str(r.as_str().unwrap()).unwrap())
            .collect(),
    };
    assert_eq!(result.bad.len(), expected.len(), "{name}: {:#?}", result.bad);
    for (actual, expected) in result.bad.iter().zip(&expected) {
        if legacy {
            assert_eq!(actual["line"], expected["line"], "{name}");
            assert!(actual["failure_tstamp"].as_str().unwrap().ends_with('Z'), "{name}");
            let (ours, theirs) = (actual["errors"].as_array().unwrap(), expected["errors"].as_array().unwrap());
            assert_eq!(ours.len(), theirs.len(), "{name}: {ours:#?}");
            for (ours, theirs) in ours.iter().zip(theirs) {
                let message = theirs["message"].as_str().unwrap();
                if let Some(keyword) = theirs.get("keyword") {
                    // Validation errors: the keyword and where; the text is the validator's own.
                    assert_eq!(ours["keyword"], *keyword, "{name}");
                    assert_eq!(ours["instance"], theirs["instance"], "{name}");
                } else if let Some((prefix, _)) = message.split_once(" with parsing error: ") {
                    // JSON errors: the parser's own text follows the prefix.
                    assert!(ours["message"].as_str().unwrap().starts_with(prefix), "{name}: {ours}");
                } else {
                    assert_eq!(ours["message"], theirs["message"], "{name}");
                    assert_eq!(ours.get("repositories").is_some(), theirs.get("repositories").is_some(), "{name}");
                }
            }
        } else {
            assert_eq!(actual["schema"], expected["schema"], "{name}");
            assert_eq!(actual["data"]["processor"]["artifact"], "snowplowctl");
            let (ours, theirs) = (&actual["data"]["failure"], &expected["data"]["failure"]);
            if let Some(kind) = theirs.get("type") {
                assert_eq!(ours["type"], *kind, "{name}: {ours}");
                assert_eq!(actual["data"]["payload"], expected["data"]["payload"], "{name}");
                if let (Some(ours), Some(theirs)) = (ours["errors"].as_array(), theirs["errors"].as_array()) {
                    let keys =
                        |v: &[Value]| v.iter().map(|e| (e["key"].clone(), e["value"].clone())).collect::<Vec<_>>();
                    assert_eq!(keys(ours), keys(theirs), "{name}");
                }
            } else {
                let key_errors = |v: &Value| {
                    v.as_array()
                        .unwrap()
                        .iter()
                        .map(|e| (e["schemaKey"].clone(), e["error"]["error"].clone()))
                        .collect::<Vec<_>>()
                };
                assert_eq!(key_errors(ours), key_errors(theirs), "{name}");
                let (payload, wanted) = (&actual["data"]["payload"], &expected["data"]["payload"]);
                assert_eq!(payload, wanted, "{name}: payload");
            }
        }
    }
}

#[test]
#[allow(clippy::print_stderr)] // The conformance numbers are worth seeing in `--nocapture` runs.
fn shred_vectors_match() {
    let mut names: Vec<String> = std::fs::read_dir(SHRED_VECTORS)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".json") && n != "index.json")
        .collect();
    names.sort();
    let (mut matched, mut skipped) = (Vec::new(), Vec::new());
    for file in names {
        let name = file.trim_end_matches(".json");
        if let Some((_, reason)) = SKIPPED.iter().find(|(n, _)| *n == name) {
            skipped.push(format!("{name}: {reason}"));
            continue;
        }
        let vector: Value =
            serde_json::from_str(&std::fs::read_to_string(Path::new(SHRED_VECTORS).join(&file)).unwrap()).unwrap();
        if name.contains("-bad-") {
            check_bad(name, &vector);
        } else {
            check_good(name, &vector);
        }
        matched.push(name.to_owned());
    }
    let mut enrich_names: Vec<String> = std::fs::read_dir(ENRICH_SHRED_VECTORS)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    enrich_names.sort();
    for file in enrich_names {
        let vector: Value =
            serde_json::from_str(&std::fs::read_to_string(Path::new(ENRICH_SHRED_VECTORS).join(&file)).unwrap())
                .unwrap();
        let result = shred(&[vector["input"].as_str().unwrap().to_owned()], &[]);
        assert!(result.bad.is_empty(), "{file}: {:#?}", result.bad);
        assert_eq!(result.good["atomic-events"], [vector["expected_atomic_event"].as_str().unwrap()], "{file}");
        let expected = vector["expected_shredded"].as_array().unwrap();
        let entity_lines: usize = result.good.iter().filter(|(k, _)| *k != "atomic-events").map(|(_, v)| v.len()).sum();
        assert_eq!(entity_lines, expected.len(), "{file}");
        for entity in expected {
            let folder = our_folder("hadoop-shred", entity["path"].as_str().unwrap());
            let line = entity["contents"].as_str().unwrap();
            assert!(result.good[&folder].iter().any(|l| l == line), "{file}: {folder}");
        }
        matched.push(file);
    }
    eprintln!("matched: {}\n  {}", matched.len(), matched.join("\n  "));
    eprintln!("skipped: {}\n  {}", skipped.len(), skipped.join("\n  "));
    assert_eq!(skipped.len(), SKIPPED.len());
    assert_eq!(matched.len() + skipped.len(), 40);
}
