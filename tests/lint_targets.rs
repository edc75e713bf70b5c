//! `snowplowctl lint targets`: EmrEtlRunner's R117 invalid target set and our fixtures.
//!
//! Schemas come from the bundled repository first, then from `../shared/iglu-central`, so the
//! results are the same whether or not the storage target schemas are bundled.

use std::path::Path;
use std::sync::Arc;

use snowplowctl::iglu::repo::LocalRepository;
use snowplowctl::iglu::{ConfiguredRepository, Resolver, ResolverConfig};
use snowplowctl::lint::render::{self, Format, RenderOptions};
use snowplowctl::lint::targets::lint_targets;
use snowplowctl::lint::{LintContext, LintError, LintOptions, Report, Severity};

const IGLU_CENTRAL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/iglu-central");
const INVALID_TARGETS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/snowplow/dataflow/emretlrunner/r117-spec-resources/invalid-targets"
);

fn ctx() -> LintContext {
    let central = ConfiguredRepository {
        name: "iglu-central".into(),
        priority: 0,
        vendor_prefixes: Vec::new(),
        repo: Box::new(LocalRepository::new(IGLU_CENTRAL)),
    };
    let resolver = Resolver::from_repositories(&ResolverConfig::bundled_only(), vec![central]);
    LintContext::new(Arc::new(resolver), LintOptions::default())
}

fn lint(dir: &str) -> Report {
    lint_targets(&ctx(), Path::new(dir)).expect("a directory")
}

/// (file name, code, pointer, line) of every finding.
fn summary(report: &Report) -> Vec<(String, String, String, usize)> {
    report
        .findings()
        .map(|(path, f)| {
            (
                path.file_name().unwrap().to_string_lossy().into_owned(),
                f.rule.code.to_owned(),
                f.pointer.clone().unwrap_or_default(),
                f.position.map_or(0, |p| p.line),
            )
        })
        .collect()
}

fn rendered(report: &Report) -> String {
    let mut out = Vec::new();
    for format in [Format::Text, Format::Json, Format::Github, Format::Sarif] {
        render::render(report, format, RenderOptions { color: false }, &mut out).unwrap();
    }
    String::from_utf8(out).unwrap()
}

#[test]
fn r117_invalid_target_set_is_rejected_for_its_duplicate_id() {
    let report = lint(INVALID_TARGETS);
    let duplicates: Vec<(String, String)> = report
        .findings()
        .filter(|(_, f)| f.rule.code == "T002")
        .map(|(path, f)| (path.file_name().unwrap().to_string_lossy().into_owned(), f.message.clone()))
        .collect();
    assert_eq!(
        duplicates,
        [
            ("redshift.json".to_owned(), "target id `id1` is also used by `redshift2.json`".to_owned()),
            ("redshift2.json".to_owned(), "target id `id1` is also used by `redshift.json`".to_owned()),
        ]
    );
    assert!(report.findings().all(|(_, f)| f.hint.is_some()));
    // `id1` is not a UUID either: the schema says so too.
    assert_eq!(report.findings().filter(|(_, f)| f.rule.code == "I005").count(), 2);
    assert!(!rendered(&report).contains("\"password\""));
}

#[test]
fn a_complete_target_set_is_clean() {
    let report = lint("fixtures/lint/targets/valid");
    assert_eq!(report.files.len(), 4);
    assert!(summary(&report).is_empty(), "{:?}", summary(&report));
}

/// (file name, code, pointer, line).
type Expected = (&'static str, &'static str, &'static str, usize);

const FIXTURES: &[(&str, &[Expected])] = &[
    ("duplicate-id", &[("redshift-eu.json", "T002", "/data/id", 5), ("redshift-us.json", "T002", "/data/id", 5)]),
    (
        "duplicate-tracking",
        &[("deduplication-a.json", "T003", "/data/purpose", 10), ("deduplication-b.json", "T003", "/data/purpose", 10)],
    ),
    ("ignored", &[("events-manifest.json", "T004", "/data/purpose", 9)]),
    ("purpose-mismatch", &[("redshift.json", "T005", "/data/purpose", 25)]),
    (
        "ambiguous",
        &[
            ("redshift-main.json", "T006", "/data/processingManifest", 13),
            ("redshift-main.json", "T006", "/data/blacklistTabular", 24),
            ("redshift-replica.json", "T006", "/data/processingManifest", 13),
            ("redshift-replica.json", "T006", "/data/blacklistTabular", 24),
        ],
    ),
    (
        "broken",
        &[
            ("acme-redshift.json", "I004", "/schema", 2),
            ("acme-redshift.json", "T001", "/schema", 2),
            ("anon_ip.json", "T001", "/schema", 2),
            ("bad-values.json", "I005", "/data/id", 5),
            ("bad-values.json", "I005", "/data/password", 10),
            ("truncated.json", "F006", "", 3),
        ],
    ),
];

#[test]
fn each_fixture_set_fails_where_expected() {
    for (dir, expected) in FIXTURES {
        let report = lint(&format!("fixtures/lint/targets/{dir}"));
        let expected: Vec<(String, String, String, usize)> =
            expected.iter().map(|(f, c, p, l)| ((*f).to_owned(), (*c).to_owned(), (*p).to_owned(), *l)).collect();
        assert_eq!(summary(&report), expected, "{dir}");
    }
}

#[test]
fn a_target_of_the_right_name_from_another_vendor_is_a_warning() {
    let report = lint("fixtures/lint/targets/broken");
    let vendor = report.findings().find(|(p, f)| f.rule.code == "T001" && p.ends_with("acme-redshift.json")).unwrap().1;
    assert_eq!(vendor.severity, Severity::Warning);
    let other = report.findings().find(|(p, f)| f.rule.code == "T001" && p.ends_with("anon_ip.json")).unwrap().1;
    assert_eq!(other.severity, Severity::Error);
}

#[test]
fn passwords_and_keys_are_never_printed() {
    for dir in ["valid", "duplicate-id", "duplicate-tracking", "purpose-mismatch", "ambiguous", "broken"] {
        let out = rendered(&lint(&format!("fixtures/lint/targets/{dir}")));
        for secret in ["hunter2-target-password", "target-secret-access-key-example", "AKIATARGETKEYEXAMPLE", "12345"] {
            assert!(!out.contains(secret), "{dir} shows {secret}");
        }
    }
}

#[test]
fn a_missing_directory_is_a_usage_error() {
    assert!(matches!(
        lint_targets(&ctx(), Path::new("fixtures/lint/targets/no-such-dir")),
        Err(LintError::BadPath { .. })
    ));
}

#[test]
fn snapshot_duplicate_ids() {
    let report = lint("fixtures/lint/targets/duplicate-id");
    let mut out = Vec::new();
    render::render(&report, Format::Text, RenderOptions { color: false }, &mut out).unwrap();
    insta::assert_snapshot!(String::from_utf8(out).unwrap());
}
