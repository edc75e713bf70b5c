//! `lint enrichments` and `lint resolver` on Snowplow's R117 example configs, and on broken
//! variants of each: every break must be found at the right JSON pointer with exit status 1.

mod support;

use std::path::{Path, PathBuf};

use serde_json::Value;
use support::{run, shared, snowplowctl};

fn r117_dir() -> PathBuf {
    shared().join("snowplow/enrichment-configs/snowplow-r117-biskupin")
}

/// Runs `snowplowctl lint <args> --format json --offline`; returns (exit code, findings, stderr).
fn lint(args: &[&str], paths: &[&Path]) -> (i32, Vec<Value>, String) {
    let cache = tempfile::tempdir().unwrap();
    let mut cmd = snowplowctl(cache.path());
    cmd.arg("lint").args(args).args(paths).args(["--format", "json", "--offline"]);
    let (code, out, err) = run(&mut cmd);
    let doc: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}{err}"));
    (code, doc["findings"].as_array().cloned().unwrap(), err)
}

fn enrichment_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(r117_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json") && !p.ends_with("iglu_resolver.json"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 17, "the R117 example set has 17 enrichment configs");
    files
}

#[test]
fn r117_examples_and_their_resolver_lint_clean() {
    let dir = r117_dir();
    let resolver = dir.join("iglu_resolver.json");
    let (code, findings, err) = lint(&["enrichments", "--resolver", resolver.to_str().unwrap()], &[&dir]);
    assert_eq!((code, findings.len()), (0, 0), "{findings:#?} {err}");
    let (code, findings, err) = lint(&["resolver"], &[&resolver]);
    assert_eq!((code, findings.len()), (0, 0), "{findings:#?} {err}");
}

/// The first property the reference schema requires of `data` (read from ../shared at test time).
fn first_required_property(schema_uri: &str) -> String {
    let path = schema_uri.strip_prefix("iglu:").unwrap();
    let reference: Value =
        serde_json::from_str(&std::fs::read_to_string(shared().join("iglu-central/schemas").join(path)).unwrap())
            .unwrap();
    reference["required"][0].as_str().expect("enrichment schemas require properties").to_owned()
}

struct Broken {
    what: &'static str,
    code: &'static str,
    pointer: String,
    text: String,
}

fn broken_variants(original: &str) -> Vec<Broken> {
    let value: Value = serde_json::from_str(original).unwrap();
    let schema = value["schema"].as_str().unwrap().to_owned();
    let required = first_required_property(&schema);
    let mut missing = value.clone();
    missing["data"].as_object_mut().unwrap().remove(&required);
    let mut wrong_type = value.clone();
    wrong_type["data"]["enabled"] = Value::String("yes".into());
    let mut bad_version = value.clone();
    bad_version["schema"] = Value::String(schema.rsplit_once('-').unwrap().0.to_owned());
    let mut no_prefix = value.clone();
    no_prefix["schema"] = Value::String(schema.trim_start_matches("iglu:").to_owned());
    vec![
        Broken {
            what: "required field removed",
            code: "I005",
            pointer: "/data".into(),
            text: serde_json::to_string_pretty(&missing).unwrap(),
        },
        Broken {
            what: "wrong type",
            code: "I005",
            pointer: "/data/enabled".into(),
            text: serde_json::to_string_pretty(&wrong_type).unwrap(),
        },
        Broken {
            what: "bad SchemaVer",
            code: "I002",
            pointer: "/schema".into(),
            text: serde_json::to_string_pretty(&bad_version).unwrap(),
        },
        Broken {
            what: "no iglu: prefix",
            code: "I001",
            pointer: "/schema".into(),
            text: serde_json::to_string_pretty(&no_prefix).unwrap(),
        },
        Broken {
            what: "invalid JSON",
            code: "F006",
            pointer: String::new(),
            text: original.trim_end().trim_end_matches('}').to_owned(),
        },
    ]
}

#[test]
fn each_broken_example_fails_at_the_right_pointer() {
    let mut failures = Vec::new();
    for file in enrichment_files() {
        let original = std::fs::read_to_string(&file).unwrap();
        for broken in broken_variants(&original) {
            let dir = tempfile::tempdir().unwrap();
            std::fs::write(dir.path().join(file.file_name().unwrap()), &broken.text).unwrap();
            let (code, findings, _) = lint(&["enrichments"], &[dir.path()]);
            let hit = findings.iter().any(|f| {
                f["code"] == broken.code && (broken.pointer.is_empty() || f["pointer"] == broken.pointer.as_str())
            });
            let positioned = findings.iter().all(|f| f["line"].is_number());
            if code != 1 || !hit || !positioned {
                failures.push(format!("{} / {}: exit {code}, findings {findings:#?}", file.display(), broken.what));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_missing_field_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let config = r#"{"schema": "iglu:com.snowplowanalytics.snowplow/anon_ip/jsonschema/1-0-1",
        "data": {"vendor": "com.snowplowanalytics.snowplow", "name": "anon_ip", "enabled": true}}"#;
    std::fs::write(dir.path().join("anon_ip.json"), config).unwrap();
    let (code, findings, _) = lint(&["enrichments"], &[dir.path()]);
    assert_eq!(code, 1);
    assert_eq!(findings[0]["message"], "missing required property `parameters`");
    assert_eq!((findings[0]["line"].as_u64(), findings[0]["column"].as_u64()), (Some(2), Some(9)));
}

#[test]
fn broken_resolvers_fail_at_the_right_pointer() {
    let original: Value =
        serde_json::from_str(&std::fs::read_to_string(r117_dir().join("iglu_resolver.json")).unwrap()).unwrap();
    let mut no_cache_size = original.clone();
    no_cache_size["data"].as_object_mut().unwrap().remove("cacheSize");
    let mut wrong_type = original.clone();
    wrong_type["data"]["repositories"][0]["priority"] = Value::String("first".into());
    let mut bad_uri = original.clone();
    bad_uri["schema"] = Value::String("iglu:com.snowplowanalytics.iglu/resolver-config/jsonschema/1-0".into());
    let mut fractional = original.clone();
    fractional["schema"] = Value::String("iglu:com.snowplowanalytics.iglu/resolver-config/jsonschema/1-0-2".into());
    fractional["data"]["cacheSize"] = serde_json::json!(500.5);
    let mut duplicate_names = original.clone();
    duplicate_names["data"]["repositories"][1]["name"] = Value::String("Iglu Central".into());
    let cases = [
        (no_cache_size.to_string(), "I005", "/data"),
        (wrong_type.to_string(), "I005", "/data/repositories/0/priority"),
        (bad_uri.to_string(), "I002", "/schema"),
        (fractional.to_string(), "R001", "/data/cacheSize"),
        (duplicate_names.to_string(), "R001", "/data/repositories/1/name"),
        ("{\"schema\": ".to_owned(), "F006", ""),
    ];
    for (text, code, pointer) in cases {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("iglu_resolver.json");
        std::fs::write(&file, &text).unwrap();
        let (exit, findings, _) = lint(&["resolver"], &[&file]);
        assert_eq!(exit, 1, "{text}");
        assert!(
            findings.iter().any(|f| f["code"] == code && (pointer.is_empty() || f["pointer"] == pointer)),
            "{code} at {pointer} expected for {text}: {findings:#?}"
        );
    }
}

#[test]
fn versions_are_checked_for_the_chosen_runtime() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(r117_dir().join("referer_parser.json"), dir.path().join("referer_parser.json")).unwrap();
    let (code, findings, _) = lint(&["enrichments"], &[dir.path()]);
    assert_eq!((code, findings.len()), (0, 0), "R117's referer_parser 1-0-0 is fine for legacy Enrich");
    let (code, findings, _) = lint(&["enrichments", "--enrich-runtime", "enrich6"], &[dir.path()]);
    assert_eq!(code, 1);
    assert_eq!(findings[0]["code"], "E001");
    assert!(findings[0]["message"].as_str().unwrap().contains("2-0-*"), "{findings:#?}");
}

#[test]
fn a_resolver_inside_the_directory_is_not_an_enrichment_only_when_named() {
    let dir = r117_dir();
    let (code, findings, _) = lint(&["enrichments"], &[&dir]);
    assert_eq!(code, 1);
    let codes: Vec<(&str, &str)> = findings
        .iter()
        .map(|f| (f["code"].as_str().unwrap(), f["file"].as_str().unwrap().rsplit('/').next().unwrap()))
        .collect();
    assert_eq!(codes, [("E004", "iglu_resolver.json")]);
}

#[test]
fn the_same_enrichment_twice_is_flagged() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(r117_dir().join("anon_ip.json"), dir.path().join("anon_ip.json")).unwrap();
    std::fs::copy(r117_dir().join("anon_ip.json"), dir.path().join("anon_ip_copy.json")).unwrap();
    let (code, findings, _) = lint(&["enrichments"], &[dir.path()]);
    assert_eq!(code, 1);
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0]["code"], "E003");
    assert!(findings[0]["file"].as_str().unwrap().ends_with("anon_ip_copy.json"));
}
