//! `snowplowctl enrich --shred`: one pass gives the same shredded output as `shred` over the
//! enriched run folder it writes (dedup across tasks and threads included), and the shred flags
//! need `--shred`.

mod support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;
use support::archive::page_view;

const ETL: &str = "1706745600000";
const RUN: &str = "2024-02-01-00-00-00";

/// Every line under `dir`, by folder relative to it, sorted (part numbering may differ).
fn lines_by_folder(dir: &Path) -> BTreeMap<String, Vec<String>> {
    fn walk(dir: &Path, relative: &str, into: &mut BTreeMap<String, Vec<String>>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for path in entries.map(|e| e.unwrap().path()).collect::<Vec<PathBuf>>() {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if path.is_dir() {
                walk(&path, &format!("{relative}/{name}"), into);
            } else {
                into.entry(relative.to_owned())
                    .or_default()
                    .extend(std::fs::read_to_string(&path).unwrap().lines().map(str::to_owned));
            }
        }
    }
    let mut folders = BTreeMap::new();
    walk(dir, "", &mut folders);
    folders.values_mut().for_each(|lines| lines.sort());
    folders
}

fn run(dir: &Path, args: &[&str]) -> (i32, Value, String) {
    let mut command = support::snowplowctl(&dir.join("cache"));
    command.current_dir(dir).args(args);
    let (code, stdout, stderr) = support::run(&mut command);
    assert!(!stderr.contains("panicked"), "{stderr}");
    (code, serde_json::from_str(&stdout).unwrap_or(Value::Null), stderr)
}

#[test]
fn one_pass_shreds_exactly_what_shred_makes_of_the_enriched_output() {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let resolver = root.join("fixtures/enrich/bench/resolver.json");
    let resolver = resolver.to_str().unwrap();
    std::fs::create_dir_all(dir.path().join("in")).unwrap();
    // Ids repeat within and across files and chunks (tasks): synthetic duplicates, as enrich
    // writes no fingerprint here. The archive adds real events and enrich bad rows.
    for file in 0..3u32 {
        let text: String = (0..400).map(|n| page_view(file * 1000 + n, n % 150 + file % 2)).collect();
        std::fs::write(dir.path().join(format!("in/collector-{file}.log")), text).unwrap();
    }
    let archive = root.join("fixtures/enrich/archive");
    for (label, threads, extra) in [("two", "2", &[][..]), ("one", "1", &["--no-dedup"][..])] {
        let out = format!("out-{label}");
        let mut args = vec!["--threads", threads, "enrich", "in", archive.to_str().unwrap(), "--input-format"];
        args.extend(["clj-tomcat", "--output", &out, "--resolver", resolver, "--etl-timestamp", ETL]);
        args.extend(["--chunk-size", "20000", "--format", "json", "--shred"]);
        args.extend(extra);
        let (code, summary, stderr) = run(dir.path(), &args);
        assert_eq!(code, 0, "{stderr}");
        let shredded = &summary["shred"];
        assert_eq!(shredded["counts_balance"], true, "{summary:#}");
        assert_eq!(shredded["lines"], summary["good_events"], "{summary:#}");
        if extra.is_empty() {
            assert!(shredded["synthetic_duplicates"].as_u64().unwrap() > 100, "{summary:#}");
        }

        let enriched = format!("{out}/enriched/good/run={RUN}");
        let again = format!("again-{label}");
        let mut args = vec!["--threads", threads, "shred", &enriched, "--output", &again, "--resolver", resolver];
        args.extend(["--timestamp", ETL, "--run-id", RUN, "--format", "json"]);
        args.extend(extra);
        let (code, separate, stderr) = run(dir.path(), &args);
        assert_eq!(code, 0, "{stderr}");
        for key in ["lines", "good_events", "entities", "natural_duplicates", "synthetic_duplicates", "bad_rows"] {
            assert_eq!(shredded[key], separate[key], "{key}: {summary:#}\n{separate:#}");
        }
        let one_pass = lines_by_folder(&dir.path().join(&out).join("shredded"));
        let two_passes = lines_by_folder(&dir.path().join(&again).join("shredded"));
        assert!(one_pass.keys().any(|folder| folder.contains("atomic-events")), "{:?}", one_pass.keys());
        assert_eq!(one_pass, two_passes, "{label}");
    }
}

#[test]
fn shred_flags_need_shred_and_the_text_summary_shows_both_stages() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("in.log"), page_view(1, 1)).unwrap();
    let (code, _, stderr) = run(dir.path(), &["enrich", "in.log", "-f", "clj-tomcat", "-o", "out", "--tsv"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("--shred"), "{stderr}");
    let mut command = support::snowplowctl(&dir.path().join("cache"));
    command.current_dir(dir.path()).args(["enrich", "in.log", "-f", "clj-tomcat", "-o", "out", "--shred", "--tsv"]);
    let (code, stdout, stderr) = support::run(&mut command);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("shredded:") && stdout.contains("good events"), "{stdout}");
    let tsv = std::fs::read_dir(dir.path().join("out/shredded/good")).unwrap().next().unwrap().unwrap().path();
    assert!(tsv.join("atomic-events").is_dir(), "{}", tsv.display());
}

#[test]
fn parallel_runs_name_and_fill_their_shredded_parts_the_same_way() {
    let dir = tempfile::tempdir().unwrap();
    let resolver = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/enrich/bench/resolver.json");
    std::fs::create_dir_all(dir.path().join("in")).unwrap();
    for file in 0..4u32 {
        let text: String = (0..300).map(|n| page_view(file * 1000 + n, n % 120)).collect();
        std::fs::write(dir.path().join(format!("in/collector-{file}.log")), text).unwrap();
    }
    // Small chunks make many tasks whose good lines reach the shredder in whatever order the
    // threads finish them; the parts must not depend on that order.
    for extra in [&[][..], &["--no-dedup"][..]] {
        let mut trees = Vec::new();
        for attempt in 0..3 {
            let out = format!("out-{attempt}-{}", extra.len());
            let mut args = vec!["--threads", "2", "enrich", "in", "--input-format", "clj-tomcat", "--output", &out];
            args.extend(["--resolver", resolver.to_str().unwrap(), "--etl-timestamp", ETL, "--chunk-size", "8000"]);
            args.extend(["--shred", "--format", "json"]);
            args.extend(extra);
            let (code, _, stderr) = run(dir.path(), &args);
            assert_eq!(code, 0, "{stderr}");
            trees.push(support::archive::tree(&dir.path().join(&out).join("shredded")));
        }
        let atomic_parts = trees[0].keys().filter(|path| path.to_string_lossy().contains("atomic-events")).count();
        assert!(atomic_parts > usize::from(!extra.is_empty()), "{:?}", trees[0].keys());
        assert!(
            trees.iter().all(|tree| *tree == trees[0]),
            "{extra:?}: {:?}",
            trees.iter().map(|t| t.keys().collect::<Vec<_>>()).collect::<Vec<_>>()
        );
    }
}
