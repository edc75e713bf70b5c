//! `snowplowctl lint config`: Snowplow's sample configs, our fixtures (one per rule) and
//! mutations of the R117 sample.

use std::path::{Path, PathBuf};

use snowplowctl::emr::config::EmrEtlConfig;
use snowplowctl::lint::config::{lint_config, lint_config_with_env};
use snowplowctl::lint::render::{self, Format, RenderOptions};
use snowplowctl::lint::{LintContext, LintOptions, Report, Severity};

const SAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/snowplow/dataflow/emretlrunner");

fn sample(name: &str) -> PathBuf {
    Path::new(SAMPLES).join(name)
}

fn fixture(name: &str) -> PathBuf {
    // Relative, so that rendered output (snapshots) holds no absolute paths.
    Path::new("fixtures/lint/config").join(name)
}

fn ctx(strict: bool, require_env: bool) -> LintContext {
    LintContext::bundled(LintOptions { strict, require_env, ..LintOptions::default() })
}

fn no_env(_: &str) -> Option<String> {
    None
}

fn lint(path: &Path, strict: bool) -> Report {
    lint_config_with_env(&ctx(strict, false), path, &no_env).expect("lintable path")
}

/// (code, pointer, line) of every finding, in report order.
fn summary(report: &Report) -> Vec<(String, String, usize)> {
    report
        .findings()
        .map(|(_, f)| (f.rule.code.to_owned(), f.pointer.clone().unwrap_or_default(), f.position.map_or(0, |p| p.line)))
        .collect()
}

fn codes_and_pointers(report: &Report) -> Vec<(String, String)> {
    summary(report).into_iter().map(|(c, p, _)| (c, p)).collect()
}

fn text(report: &Report) -> String {
    let mut out = Vec::new();
    render::render(report, Format::Text, RenderOptions { color: false }, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

const CLEAN_SAMPLES: &[&str] = &[
    "config.yml.r117-biskupin.sample",
    "stream_config.yml.r117-biskupin.sample",
    "config.yml.emr-etl-runner-1.0.4.sample",
    "stream_config.yml.emr-etl-runner-1.0.4.sample",
    // The R117 specs' stream config: blank self-tracking, no enrich versions; a valid R117 shape.
    "r117-spec-resources/stream_config.yml",
    // R112 to R116 samples differ from R117 only by optional keys.
    "config.yml.r112-baalbek.sample",
    "config.yml.r116-madara-rider.sample",
    "stream_config.yml.r112-baalbek.sample",
];

#[test]
fn r117_and_emr_etl_runner_samples_lint_clean() {
    for name in CLEAN_SAMPLES {
        let report = lint(&sample(name), false);
        assert!(summary(&report).is_empty(), "{name}:\n{}", text(&report));
    }
}

#[test]
fn clean_samples_load_into_the_typed_view() {
    for name in CLEAN_SAMPLES {
        let text = std::fs::read_to_string(sample(name)).unwrap();
        let loaded = EmrEtlConfig::load(&text, no_env).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(loaded.config.is_stream_mode(), name.contains("stream"), "{name}");
        assert!(loaded.config.aws.s3.buckets.assets.as_str().ends_with('/'));
    }
    let text = std::fs::read_to_string(sample("config.yml.r117-biskupin.sample")).unwrap();
    let config = EmrEtlConfig::load(&text, no_env).unwrap().config;
    assert_eq!(config.aws.emr.jobflow.core_instance_bid, Some(0.015));
    let classifications: Vec<&str> =
        config.aws.emr.configuration.as_ref().unwrap().0.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(classifications, ["yarn-site", "spark"]);
}

#[test]
fn our_valid_fixtures_pass_even_strict_checks_and_load() {
    for name in ["valid/config.yml", "valid/stream_config.yml"] {
        let report = lint(&fixture(name), true);
        assert!(summary(&report).is_empty(), "{name}:\n{}", text(&report));
        let text = std::fs::read_to_string(fixture(name)).unwrap();
        let config = EmrEtlConfig::load(&text, no_env).unwrap().config;
        let tags: Vec<&str> = config.monitoring.tags.0.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(tags, ["team", "cost-centre"]);
    }
}

/// R117 kept EmrEtlRunner's specs' sparse config as a test input although it carries keys R117
/// no longer reads; snowplowctl reports exactly those.
#[test]
fn sparse_config_reports_only_the_keys_r117_removed() {
    let report = lint(&sample("r117-spec-resources/sparse_config.yml"), false);
    assert_eq!(
        summary(&report),
        [("C004".into(), "/storage/download".into(), 69), ("C004".into(), "/storage/targets".into(), 71)]
    );
    let hints: Vec<String> = report.findings().filter_map(|(_, f)| f.hint.clone()).collect();
    assert!(hints[0].contains("R90"), "{hints:?}");
    assert!(hints[1].contains("--targets"), "{hints:?}");
}

#[test]
fn older_samples_name_removed_keys_with_migrations() {
    let report = lint(&sample("config.yml.r77-greak-auk.sample"), false);
    let removed: Vec<(String, String)> = report
        .findings()
        .filter(|(_, f)| f.rule.code == "C004")
        .map(|(_, f)| (f.pointer.clone().unwrap(), f.hint.clone().unwrap()))
        .collect();
    let pointers: Vec<&str> = removed.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        pointers,
        [
            "/enrich/job_name",
            "/enrich/versions/hadoop_enrich",
            "/enrich/versions/hadoop_shred",
            "/enrich/versions/hadoop_elasticsearch",
            "/storage/download",
            "/storage/targets",
        ]
    );
    assert!(removed[0].1.contains("aws.emr.jobflow.job_name"));
    assert!(removed[1].1.contains("spark_enrich"));
    assert!(removed[2].1.contains("rdb_shredder"));
    // The keys that replaced them are reported missing, with where they came from.
    let missing: Vec<String> = report
        .findings()
        .filter(|(_, f)| f.rule.code == "C006")
        .map(|(_, f)| format!("{} {}", f.message, f.hint.clone().unwrap()))
        .collect();
    assert!(missing.iter().any(|m| m.contains("`job_name`") && m.contains("R89 moved it here from `enrich.job_name`")));
    assert!(missing.iter().any(|m| m.contains("`encrypted`") && m.contains("R108")));

    // R88 moved targets out; R89 moved versions.
    let r88 = codes_and_pointers(&lint(&sample("config.yml.r88-angkor-wat.sample"), false));
    assert!(!r88.contains(&("C004".into(), "/storage/targets".into())));
    assert!(r88.contains(&("C004".into(), "/enrich/versions/hadoop_enrich".into())));
    let r89 = codes_and_pointers(&lint(&sample("config.yml.r89-plain-of-jars.sample"), false));
    assert_eq!(
        r89,
        [
            ("C006".into(), "/aws/s3".into()),
            ("C006".into(), "/aws/s3/buckets".into()),
            ("C006".into(), "/storage/versions".into()),
            ("C004".into(), "/storage/download".into()),
        ]
    );
    let r108 = codes_and_pointers(&lint(&sample("config.yml.r108-val-camonica.sample"), false));
    assert_eq!(r108, [("C006".into(), "/aws/s3".into())]);
}

/// Each fixture breaks the valid one in one way: (fixture, strict, [(code, pointer, line)]).
/// (code, pointer, line).
type Expected = (&'static str, &'static str, usize);

const FIXTURES: &[(&str, bool, &[Expected])] = &[
    ("invalid-yaml", false, &[("F007", "", 38)]),
    ("erb-unsupported", false, &[("C001", "", 35), ("C001", "", 38), ("C001", "", 39)]),
    ("unknown-config-key", false, &[("C003", "/aws/emr/secutiry_configuration", 37)]),
    (
        "removed-config-key",
        false,
        &[
            ("C004", "/enrich/job_name", 64),
            ("C004", "/enrich/versions/hadoop_shred", 67),
            ("C004", "/storage/targets", 75),
        ],
    ),
    (
        "wrong-value-type",
        false,
        &[
            ("C005", "/aws/s3/region", 6),
            ("C005", "/aws/s3/buckets/raw/in", 13),
            ("C005", "/aws/emr/jobflow/task_instance_bid", 52),
            ("C005", "/aws/emr/configuration/spark/maximizeResourceAllocation", 58),
            ("C005", "/enrich/versions/spark_enrich", 64),
            ("C005", "/monitoring/tags", 73),
        ],
    ),
    ("missing-config-key", false, &[("C006", "/aws/s3/buckets", 7), ("C006", "/storage/versions", 68)]),
    (
        "invalid-config-value",
        false,
        &[
            ("C007", "/aws/s3/buckets/log", 10),
            ("C007", "/aws/emr/jobflow/core_instance_count", 44),
            ("C007", "/aws/emr/jobflow/core_instance_ebs/volume_type", 48),
            ("C007", "/aws/emr/additional_info", 60),
            ("C007", "/enrich/output_compression", 67),
            ("C007", "/monitoring/snowplow/method", 80),
            ("C007", "/monitoring/snowplow/collector", 84),
        ],
    ),
    ("duplicate-yaml-key", false, &[("C008", "/aws/emr/region", 36)]),
    ("unsupported-collector-format", false, &[("C009", "/collectors/format", 62)]),
    ("thrift-needs-newer-ami", false, &[("C010", "/aws/emr/ami_version", 29)]),
    ("ignored-in-stream-mode", false, &[("C011", "/aws/s3/buckets/raw", 12), ("C011", "/collectors", 62)]),
    ("needed-for-run", false, &[("C012", "", 2), ("C012", "/aws/s3/buckets/shredded", 22)]),
    ("malformed-version", false, &[("C013", "/aws/emr/ami_version", 29), ("C013", "/storage/versions/rdb_loader", 70)]),
    ("placement-and-subnet", false, &[("C014", "/aws/emr/placement", 33)]),
    ("invalid-aws-region", false, &[("C015", "/aws/s3/region", 6), ("C015", "/aws/emr/placement", 33)]),
    ("io1-without-iops", false, &[("C016", "/aws/emr/jobflow/core_instance_ebs/volume_type", 48)]),
    (
        "location-overlap",
        false,
        &[("C017", "/aws/s3/buckets/raw/archive", 16), ("C017", "/aws/s3/buckets/shredded/bad", 24)],
    ),
    (
        "yaml11-boolean",
        false,
        &[("C018", "/aws/s3/buckets/encrypted", 11), ("C005", "/enrich/continue_on_unexpected_error", 66)],
    ),
    (
        "strict",
        true,
        &[
            ("C024", "/aws/access_key_id", 3),
            ("C020", "/aws/s3/buckets/enriched/good", 18),
            ("C020", "/aws/s3/buckets/enriched/bad", 19),
            ("C021", "/aws/emr/region", 30),
            ("C019", "/aws/emr/ec2_key_name", 35),
            ("C022", "/aws/emr/jobflow/core_instance_bid", 46),
            ("C023", "/aws/emr/jobflow/core_instance_ebs/volume_iops", 50),
        ],
    ),
];

#[test]
fn each_fixture_fails_where_it_was_broken() {
    for (name, strict, expected) in FIXTURES {
        let report = lint(&fixture(&format!("{name}/config.yml")), *strict);
        let expected: Vec<(String, String, usize)> =
            expected.iter().map(|(c, p, l)| ((*c).to_owned(), (*p).to_owned(), *l)).collect();
        assert_eq!(summary(&report), expected, "{name}:\n{}", text(&report));
        for (_, finding) in report.findings() {
            assert!(
                finding.hint.as_deref().is_some_and(|h| !h.is_empty()),
                "{name}: {} has no hint",
                finding.rule.code
            );
        }
    }
}

#[test]
fn strict_only_checks_stay_quiet_by_default() {
    let report = lint(&fixture("strict/config.yml"), false);
    assert!(summary(&report).is_empty(), "{}", text(&report));
}

#[test]
fn severities_follow_what_breaks() {
    let overlap = lint(&fixture("location-overlap/config.yml"), false);
    let severities: Vec<Severity> = overlap.findings().map(|(_, f)| f.severity).collect();
    assert_eq!(severities, [Severity::Warning, Severity::Error]);
    let strict = lint(&fixture("strict/config.yml"), true);
    let s3n = strict.findings().find(|(_, f)| f.pointer.as_deref() == Some("/aws/s3/buckets/enriched/bad")).unwrap().1;
    assert_eq!(s3n.severity, Severity::Warning);
    assert_eq!(s3n.hint.as_deref(), Some("write `s3://acme-snowplow-data/enriched/bad`"));
}

/// The R117 sample, broken in one place: (what, find, replace, code, pointer, line).
const R117_MUTATIONS: &[(&str, &str, &str, &str, &str, usize)] = &[
    (
        "bad output_compression",
        "output_compression: NONE",
        "output_compression: ZIP",
        "C007",
        "/enrich/output_compression",
        70,
    ),
    (
        "unknown key",
        "    ami_version: 5.9.0\n",
        "    ami_version: 5.9.0\n    ami_versoin: 5.9.1\n",
        "C003",
        "/aws/emr/ami_versoin",
        31,
    ),
    ("bad collectors.format", "format: cloudfront", "format: cloudfrnt", "C009", "/collectors/format", 65),
    ("missing required key", "    bootstrap_failure_tries: 3", "    # no tries", "C006", "/aws/emr", 29),
    (
        "wrong type",
        "core_instance_count: 2",
        "core_instance_count: two",
        "C005",
        "/aws/emr/jobflow/core_instance_count",
        46,
    ),
    ("invalid YAML", "  logging:\n", "  logging: [\n", "F007", "", 80),
    ("unsupported ERB", "<%= ENV['AWS_SNOWPLOW_SECRET_KEY'] %>", "<%= `cat ~/.aws/secret` %>", "C001", "", 4),
    ("removed key", "storage:\n", "storage:\n  download:\n    folder:\n", "C004", "/storage/download", 72),
    (
        "duplicate key",
        "    region: ADD HERE        # Always set this\n",
        "    region: ADD HERE\n    region: eu-west-1\n",
        "C008",
        "/aws/emr/region",
        32,
    ),
    ("blank required value", "job_name: Snowplow ETL", "job_name:", "C005", "/aws/emr/jobflow/job_name", 44),
    (
        "io1 without iops",
        "volume_type: \"gp2\"\n        volume_iops: 400",
        "volume_type: io1",
        "C016",
        "/aws/emr/jobflow/core_instance_ebs/volume_type",
        51,
    ),
    ("thrift on AMI 2", "ami_version: 5.9.0", "ami_version: 2.4.2", "C010", "/aws/emr/ami_version", 30),
];

#[test]
fn broken_r117_samples_fail_at_the_right_place() {
    let original = std::fs::read_to_string(sample("config.yml.r117-biskupin.sample")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    for (what, find, replace, code, pointer, line) in R117_MUTATIONS {
        assert_eq!(original.matches(find).count(), 1, "{what}: `{find}` must occur once");
        let path = dir.path().join("config.yml");
        let mut broken = original.replacen(find, replace, 1);
        if *code == "C010" {
            broken = broken.replacen("format: cloudfront", "format: thrift", 1);
        }
        std::fs::write(&path, broken).unwrap();
        let report = lint(&path, false);
        assert_eq!(
            summary(&report),
            [((*code).to_owned(), (*pointer).to_owned(), *line)],
            "{what}:\n{}",
            text(&report)
        );
    }
}

#[test]
fn unset_variables_are_findings_only_with_require_env() {
    let path = fixture("valid/config.yml");
    let report = lint_config_with_env(&ctx(false, true), &path, &no_env).unwrap();
    assert_eq!(summary(&report), [("C002".into(), String::new(), 4), ("C002".into(), String::new(), 5)]);
    assert!(report.findings().all(|(_, f)| f.message.contains("ACME_AWS_")));

    let set = |name: &str| name.starts_with("ACME_AWS_").then(|| "AKIAEXAMPLEEXAMPLE12".to_owned());
    assert!(summary(&lint_config_with_env(&ctx(false, true), &path, &set).unwrap()).is_empty());
    assert!(summary(&lint_config_with_env(&ctx(false, false), &path, &no_env).unwrap()).is_empty());
}

const ACCESS_KEY: &str = "7261.5550";
const SECRET_KEY: &str = "wJalrXUtnFEMI-K7MDENG-bPxRfiCYSECRET";

fn all_formats(report: &Report) -> String {
    let mut out = Vec::new();
    for format in [Format::Text, Format::Json, Format::Github, Format::Sarif] {
        render::render(report, format, RenderOptions { color: false }, &mut out).unwrap();
    }
    String::from_utf8(out).unwrap()
}

#[test]
fn secrets_from_the_environment_never_appear_in_output() {
    // An access key YAML reads as a number: a type error at the key, reported without its value.
    let env = |name: &str| match name {
        "ACME_AWS_ACCESS_KEY_ID" => Some(ACCESS_KEY.to_owned()),
        "ACME_AWS_SECRET_ACCESS_KEY" => Some(SECRET_KEY.to_owned()),
        _ => None,
    };
    let report = lint_config_with_env(&ctx(true, true), &fixture("valid/config.yml"), &env).unwrap();
    assert_eq!(codes_and_pointers(&report), [("C005".into(), "/aws/access_key_id".into())]);
    let out = all_formats(&report);
    assert!(!out.contains(ACCESS_KEY) && !out.contains("7261.555") && !out.contains(SECRET_KEY), "{out}");

    // A secret that breaks the YAML: the syntax error never quotes it.
    let broken = |name: &str| match name {
        "ACME_AWS_SECRET_ACCESS_KEY" => Some(format!("{SECRET_KEY}: [unbalanced")),
        _ => Some("AKIAEXAMPLEEXAMPLE12".to_owned()),
    };
    let report = lint_config_with_env(&ctx(true, true), &fixture("valid/config.yml"), &broken).unwrap();
    assert_eq!(codes_and_pointers(&report), [("F007".into(), String::new())]);
    let out = all_formats(&report);
    assert!(!out.contains(SECRET_KEY) && !out.contains("AKIAEXAMPLEEXAMPLE12"), "{out}");
}

#[test]
fn hardcoded_secrets_never_appear_in_output() {
    let report = lint(&fixture("strict/config.yml"), true);
    let out = all_formats(&report);
    assert!(out.contains("C024"));
    assert!(!out.contains("AKIAHARDCODEDEXAMPLE"), "{out}");
}

#[test]
fn bad_paths_are_usage_errors_and_unreadable_text_is_a_finding() {
    assert!(lint_config(&ctx(false, false), Path::new("fixtures/lint/config/no-such.yml")).is_err());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.yml");
    std::fs::write(&path, b"aws:\n  s3: \xff\n").unwrap();
    assert_eq!(codes_and_pointers(&lint(&path, false)), [("F004".into(), String::new())]);
    std::fs::write(&path, "# nothing but a comment\n").unwrap();
    assert_eq!(codes_and_pointers(&lint(&path, false)), [("C005".into(), String::new())]);
}

#[test]
fn snapshot_wrong_value_types() {
    insta::assert_snapshot!(text(&lint(&fixture("wrong-value-type/config.yml"), false)));
}

#[test]
fn snapshot_removed_keys() {
    insta::assert_snapshot!(text(&lint(&fixture("removed-config-key/config.yml"), false)));
}

#[test]
fn snapshot_strict_checks() {
    insta::assert_snapshot!(text(&lint(&fixture("strict/config.yml"), true)));
}
