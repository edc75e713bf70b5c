//! `lint cluster` / `lint playbook` through the library: Dataflow Runner's own samples, one
//! fixture per rule, template edge cases and rendered text output.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use snowplowctl::dataflow::ConfigKind;
use snowplowctl::lint::render::{self, Format, RenderOptions};
use snowplowctl::lint::{LintContext, LintOptions, Report, dataflow};

const EXAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/snowplow/dataflow/examples");
const R117_CLUSTER: &str =
    concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/snowplow/dataflow/emretlrunner/r117-spec-resources/cluster.json");
const FIXTURES: &str = "fixtures/lint/dataflow";

fn context(vars: &[(&str, &str)], require_env: bool) -> LintContext {
    let vars: BTreeMap<String, String> = vars.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
    LintContext::bundled(LintOptions { vars, require_env, ..LintOptions::default() })
}

fn lint(ctx: &LintContext, path: &Path, kind: ConfigKind) -> Report {
    match kind {
        ConfigKind::Cluster => dataflow::lint_cluster(ctx, path),
        ConfigKind::Playbook => dataflow::lint_playbook(ctx, path),
    }
    .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// (rule code, pointer, line) of every finding.
fn findings(report: &Report) -> Vec<(String, String, usize)> {
    report
        .findings()
        .map(|(_, f)| (f.rule.code.to_owned(), f.pointer.clone().unwrap_or_default(), f.position.map_or(0, |p| p.line)))
        .collect()
}

fn codes(report: &Report) -> Vec<String> {
    findings(report).into_iter().map(|(code, _, _)| code).collect()
}

fn fixture(path: &str) -> PathBuf {
    Path::new(FIXTURES).join(path)
}

fn text(report: &Report) -> String {
    let mut out = Vec::new();
    render::render(report, Format::Text, RenderOptions { color: false }, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn dataflow_runner_samples_lint_clean() {
    // The 0.2.0 sample sets `iops` on a gp2 volume, which Dataflow Runner stopped sending in
    // 0.5.1: that warning is the one expected finding.
    let expected: BTreeMap<&str, Vec<(String, String, usize)>> = BTreeMap::from([(
        "cluster.json.sample.v0.2.0-ebs",
        vec![(
            "D015".to_owned(),
            "/data/ec2/instances/master/ebsConfiguration/ebsBlockDeviceConfigs/0/volumeSpecification/iops".to_owned(),
            32,
        )],
    )]);
    let ctx = context(&[], false);
    let mut checked = 0;
    let mut entries: Vec<PathBuf> = std::fs::read_dir(EXAMPLES).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let kind = if name.starts_with("cluster") {
            ConfigKind::Cluster
        } else if name.contains("playbook") && !name.ends_with(".avsc") {
            ConfigKind::Playbook
        } else {
            continue;
        };
        let report = lint(&ctx, &path, kind);
        assert_eq!(findings(&report), expected.get(name.as_str()).cloned().unwrap_or_default(), "{name}");
        checked += 1;
    }
    assert_eq!(checked, 7, "4 cluster samples, 2 playbook samples and the docs playbook");
}

#[test]
fn docs_playbook_lookups_are_deferred_unless_required() {
    let path = Path::new(EXAMPLES).join("docs-rdb-shredder-0.19-playbook.json.example");
    assert_eq!(findings(&lint(&context(&[], false), &path, ConfigKind::Playbook)), []);
    let report = lint(&context(&[], true), &path, ConfigKind::Playbook);
    assert_eq!(codes(&report), ["D003", "D003"]);
    let messages: Vec<&str> = report.findings().map(|(_, f)| f.message.as_str()).collect();
    assert!(
        messages[0].starts_with("file /home/snowplow/configs/snowplow/iglu_resolver.json is unavailable"),
        "{messages:?}"
    );
    let lines: Vec<usize> = report.findings().map(|(_, f)| f.position.unwrap().line).collect();
    assert_eq!(lines, [36, 37]);
}

#[test]
fn r117_generated_cluster_has_a_core_bid() {
    let report = lint(&context(&[], false), Path::new(R117_CLUSTER), ConfigKind::Cluster);
    let core_bid = report
        .findings()
        .find(|(_, f)| f.pointer.as_deref() == Some("/data/ec2/instances/core/bid"))
        .map(|(_, f)| f)
        .expect("a finding for the core bid");
    assert_eq!(core_bid.rule.code, "D007");
    assert!(core_bid.hint.as_deref().unwrap().contains("core nodes are always on-demand"));
    // 1-0-0 has neither EBS nor applications (the hint points at 1-1-0); keys are literal;
    // `iops` is set on a gp2 volume.
    assert_eq!(codes(&report), ["D010", "D010", "D007", "D007", "D015", "D007"]);
    let rendered = text(&report);
    assert!(!rendered.contains("SAMPLE"), "credential values must never be shown:\n{rendered}");
}

/// Expected findings as (rule code, pointer).
type Expected = &'static [(&'static str, &'static str)];

/// Each fixture with the kind it is linted as and its expected findings.
const RULE_FIXTURES: &[(&str, ConfigKind, Expected)] = &[
    ("valid/cluster.json", ConfigKind::Cluster, &[]),
    ("valid/cluster-1-0-0.json", ConfigKind::Cluster, &[]),
    ("valid/classic-cluster.json", ConfigKind::Cluster, &[]),
    ("valid/playbook.json", ConfigKind::Playbook, &[]),
    ("valid/playbook-1-0-0.json", ConfigKind::Playbook, &[]),
    ("valid/playbook.json", ConfigKind::Cluster, &[("I006", "/schema")]),
    ("valid/cluster.json", ConfigKind::Playbook, &[("I006", "/schema")]),
    ("not-self-describing/cluster.json", ConfigKind::Cluster, &[("I003", "")]),
    ("unknown-dataflow-schema/cluster.json", ConfigKind::Cluster, &[("D005", "/schema")]),
    (
        "dataflow-schema-violation/cluster.json",
        ConfigKind::Cluster,
        &[
            ("D006", "/data/ec2/keyName"),
            ("D006", "/data/ec2/instances/core/count"),
            ("D006", "/data/ec2/instances/core/ebsConfiguration/ebsOptimized"),
            ("D006", "/data/ec2/instances/task/count"),
            ("D006", "/data/tags/0/value"),
            ("D006", "/data/configurations/0/properties/spark.executor.cores"),
        ],
    ),
    (
        "unknown-dataflow-field/cluster.json",
        ConfigKind::Cluster,
        &[("D007", "/data/ec2/instances/core/bid"), ("D007", "/data/tgas")],
    ),
    ("cluster-location/both.json", ConfigKind::Cluster, &[("D008", "/data/ec2/location")]),
    ("cluster-location/neither.json", ConfigKind::Cluster, &[("D008", "/data/ec2/location")]),
    ("mixed-credentials/playbook.json", ConfigKind::Playbook, &[("D009", "/data/credentials")]),
    (
        "static-credentials/cluster.json",
        ConfigKind::Cluster,
        &[("D010", "/data/credentials/accessKeyId"), ("D010", "/data/credentials/secretAccessKey")],
    ),
    ("invalid-ami-version/cluster.json", ConfigKind::Cluster, &[("D011", "/data/ec2/amiVersion")]),
    ("legacy-ami-version/cluster.json", ConfigKind::Cluster, &[("D012", "/data/ec2/amiVersion")]),
    ("negative-instance-count/cluster.json", ConfigKind::Cluster, &[("D013", "/data/ec2/instances/task/count")]),
    ("invalid-spot-bid/cluster.json", ConfigKind::Cluster, &[("D014", "/data/ec2/instances/task/bid")]),
    (
        "iops-ignored/cluster.json",
        ConfigKind::Cluster,
        &[("D015", "/data/ec2/instances/core/ebsConfiguration/ebsBlockDeviceConfigs/0/volumeSpecification/iops")],
    ),
    (
        "iops-missing/cluster.json",
        ConfigKind::Cluster,
        &[("D016", "/data/ec2/instances/core/ebsConfiguration/ebsBlockDeviceConfigs/0/volumeSpecification")],
    ),
    ("no-steps/playbook.json", ConfigKind::Playbook, &[("D017", "/data/steps")]),
    ("step-action-on-failure/playbook.json", ConfigKind::Playbook, &[("D018", "/data/steps/1/actionOnFailure")]),
    ("step-type/playbook.json", ConfigKind::Playbook, &[("D019", "/data/steps/0/type")]),
    ("invalid-json/trailing-comma.json", ConfigKind::Cluster, &[("F006", "")]),
    ("templates/unknown-function.json", ConfigKind::Playbook, &[("D001", "")]),
    ("templates/bad-epoch.json", ConfigKind::Playbook, &[("D001", "")]),
    ("templates/broken-action.json", ConfigKind::Playbook, &[("D001", "")]),
    ("templates/missing-variable.json", ConfigKind::Playbook, &[("D002", "")]),
    ("templates/unsupported.json", ConfigKind::Playbook, &[("D004", "")]),
];

#[test]
fn each_rule_fires_on_its_fixture_and_nothing_else() {
    let ctx = context(&[], false);
    for (path, kind, expected) in RULE_FIXTURES {
        let report = lint(&ctx, &fixture(path), *kind);
        let mut got: Vec<(String, String)> = findings(&report).into_iter().map(|(c, p, _)| (c, p)).collect();
        let mut want: Vec<(String, String)> =
            expected.iter().map(|(c, p)| ((*c).to_owned(), (*p).to_owned())).collect();
        got.sort();
        want.sort();
        assert_eq!(got, want, "{path} as {kind}");
        for (_, finding) in report.findings() {
            assert!(
                finding.hint.as_deref().is_some_and(|h| !h.is_empty()),
                "{path}: {} has no hint",
                finding.rule.code
            );
            assert!(finding.position.is_some(), "{path}: {} has no position", finding.rule.code);
        }
    }
}

#[test]
fn every_dataflow_rule_has_a_fixture() {
    let covered: Vec<&str> = RULE_FIXTURES.iter().flat_map(|(_, _, e)| e.iter().map(|(code, _)| *code)).collect();
    for rule in dataflow::RULES {
        // D003 needs --require-env; it is covered by the lookup tests.
        if rule.code != "D003" {
            assert!(covered.contains(&rule.code), "{} ({}) has no fixture", rule.code, rule.name);
        }
    }
}

#[test]
fn rejections_come_with_fixes() {
    let ctx = context(&[], false);
    let hint_of = |path: &str, kind| {
        let report = lint(&ctx, &fixture(path), kind);
        let (_, finding) = report.findings().next().expect("a finding");
        (finding.message.clone(), finding.hint.clone().unwrap())
    };
    let (message, hint) = hint_of("cluster-location/both.json", ConfigKind::Cluster);
    assert!(message.starts_with("both `classic` and `vpc` are set"), "{message}");
    assert!(hint.contains("not both"), "{hint}");
    let (message, hint) = hint_of("step-action-on-failure/playbook.json", ConfigKind::Playbook);
    assert!(message.starts_with("`TERMINATE_JOB_FLOW` is not allowed"), "{message}");
    assert!(hint.contains("CANCEL_AND_WAIT") && hint.contains("dataflow-runner down"), "{hint}");
    let (_, hint) = hint_of("invalid-ami-version/cluster.json", ConfigKind::Cluster);
    assert_eq!(hint, "write `6.15.0`: Dataflow Runner adds the `emr-` prefix itself");
    let (message, hint) = hint_of("unknown-dataflow-schema/cluster.json", ConfigKind::Cluster);
    assert!(message.contains("ClusterConfig/avro/1-2-0 is not a known ClusterConfig schema"), "{message}");
    assert!(hint.contains("ClusterConfig/avro/1-0-0") && hint.contains("ClusterConfig/avro/1-1-0"), "{hint}");
    let (_, hint) = hint_of("valid/playbook.json", ConfigKind::Cluster);
    assert!(hint.starts_with("lint it with `snowplowctl lint playbook`"), "{hint}");
    let report = lint(&ctx, &fixture("unknown-dataflow-field/cluster.json"), ConfigKind::Cluster);
    let tgas = report.findings().find(|(_, f)| f.pointer.as_deref() == Some("/data/tgas")).unwrap().1;
    assert_eq!(tgas.message, "unknown field `tgas` (did you mean `tags`?)");
}

#[test]
fn wrong_types_are_reported_at_their_pointers_and_lines() {
    let report = lint(&context(&[], false), &fixture("dataflow-schema-violation/cluster.json"), ConfigKind::Cluster);
    let by_pointer: BTreeMap<String, (String, usize)> = report
        .findings()
        .map(|(_, f)| (f.pointer.clone().unwrap(), (f.message.clone(), f.position.unwrap().line)))
        .collect();
    assert_eq!(by_pointer["/data/ec2/instances/core/count"], ("expected long, found a string".to_owned(), 28));
    assert_eq!(
        by_pointer["/data/ec2/instances/task/count"],
        ("expected long (a whole number), found 1.5".to_owned(), 44)
    );
    assert_eq!(by_pointer["/data/ec2/keyName"].0, "missing required field `keyName` (string)");
    assert_eq!(by_pointer["/data/tags/0/value"].0, "expected string, found number 3");
}

#[test]
fn templates_render_with_vars_and_deferred_lookups() {
    let path = fixture("templates/cluster.json");
    assert_eq!(findings(&lint(&context(&[("env", "prod")], false), &path, ConfigKind::Cluster)), []);
    // Without the variable, every use is reported at the line and column of `.env`.
    let report = lint(&context(&[], false), &path, ConfigKind::Cluster);
    let positions: Vec<(String, usize, usize)> = report
        .findings()
        .map(|(_, f)| (f.rule.code.to_owned(), f.position.unwrap().line, f.position.unwrap().column))
        .collect();
    assert_eq!(
        positions,
        [
            ("D002".to_owned(), 5, 21),
            ("D002".to_owned(), 6, 38),
            ("D002".to_owned(), 18, 26),
            ("D002".to_owned(), 42, 21)
        ]
    );
    // With --require-env the two unset environment variables are findings.
    let report = lint(&context(&[("env", "prod")], true), &path, ConfigKind::Cluster);
    assert_eq!(findings(&report), [("D003".to_owned(), String::new(), 9), ("D003".to_owned(), String::new(), 10)]);
}

#[test]
fn json_errors_in_rendered_output_point_into_the_original() {
    let ctx = context(&[("env", "prod"), ("coreCount", "two")], false);
    let report = lint(&ctx, &fixture("templates/rendered-invalid-json.json"), ConfigKind::Cluster);
    let (_, finding) = report.findings().next().unwrap();
    assert_eq!(finding.rule.code, "F006");
    assert_eq!(finding.message, "the rendered template is not valid JSON: expected ident");
    // The action that produced the bad value, in the template.
    let position = finding.position.unwrap();
    assert_eq!((position.line, position.column), (30, 20));
    let hint = finding.hint.as_deref().unwrap();
    assert!(hint.contains("line 30 is `\"count\": two`"), "{hint}");
    assert!(hint.contains("--require-env"), "{hint}");
}

#[test]
fn unreadable_and_odd_files_are_findings() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = context(&[], false);
    let write = |name: &str, bytes: &[u8]| {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    };
    let cases: &[(&str, &[u8], &str)] = &[
        ("empty.json", b"", "F002"),
        ("blank.json", b" \n\t\n", "F002"),
        ("binary.json", b"\x1f\x8b\x08\x00\x00\x00", "F003"),
        ("latin1.json", b"{\"name\": \"caf\xe9\"}", "F004"),
        ("array.json", b"[]", "I003"),
        ("number.json", b"42", "I003"),
        ("template-only.json", b"{{/* nothing */}}", "F006"),
        ("bad-uri.json", b"{\"schema\": \"ClusterConfig\", \"data\": {}}", "I001"),
    ];
    for (name, bytes, code) in cases {
        let report = lint(&ctx, &write(name, bytes), ConfigKind::Cluster);
        assert_eq!(codes(&report), [*code], "{name}");
    }
    // A cluster whose data is not even an object: one schema finding, no crash in the rules.
    let report = lint(
        &ctx,
        &write(
            "data.json",
            b"{\"schema\": \"iglu:com.snowplowanalytics.dataflowrunner/ClusterConfig/avro/1-1-0\", \"data\": []}",
        ),
        ConfigKind::Cluster,
    );
    assert_eq!(codes(&report), ["D006"]);
    // Columns count characters, also after non-ASCII text.
    let report = lint(&ctx, &write("accent.json", "{\"café\": ,}".as_bytes()), ConfigKind::Cluster);
    let position = report.findings().next().unwrap().1.position.unwrap();
    assert_eq!((position.line, position.column), (1, 10));
    assert!(dataflow::lint_cluster(&ctx, &dir.path().join("missing.json")).is_err());
}

#[test]
fn snapshot_schema_violations() {
    let report = lint(&context(&[], false), &fixture("dataflow-schema-violation/cluster.json"), ConfigKind::Cluster);
    insta::assert_snapshot!(text(&report));
}

#[test]
fn snapshot_playbook_rules() {
    let report = lint(&context(&[], false), &fixture("step-action-on-failure/playbook.json"), ConfigKind::Playbook);
    insta::assert_snapshot!(text(&report));
}

#[test]
fn snapshot_template_problems() {
    let ctx = context(&[], false);
    let mut report = lint(&ctx, &fixture("templates/unknown-function.json"), ConfigKind::Playbook);
    report.extend(lint(&ctx, &fixture("templates/missing-variable.json"), ConfigKind::Playbook));
    report.extend(lint(
        &context(&[("env", "prod"), ("coreCount", "two")], false),
        &fixture("templates/rendered-invalid-json.json"),
        ConfigKind::Cluster,
    ));
    insta::assert_snapshot!(text(&report));
}
