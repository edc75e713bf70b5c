//! `lint schemas`: one fixture per rule under `fixtures/lint/schemas/<rule name>/`, plus the
//! input walk, `--skip-checks`, `--skip-schemas` and Iglu Central.

use std::fmt::Write as _;
use std::path::Path;

use snowplowctl::lint::schemas::{self, SchemaPreset, lint_schemas};
use snowplowctl::lint::{LintContext, LintError, LintOptions, Report};

const FIXTURES: &str = "fixtures/lint/schemas";
const IGLU_CENTRAL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/iglu-central/schemas");

fn context(skip_checks: &[&str], skip_schemas: &[&str]) -> LintContext {
    LintContext::bundled(LintOptions {
        skip_checks: skip_checks.iter().map(|s| (*s).to_owned()).collect(),
        skip_schemas: skip_schemas.iter().map(|s| (*s).to_owned()).collect(),
        ..LintOptions::default()
    })
}

/// Lints `fixtures/lint/schemas/<case>` with every check on.
fn lint_case(case: &str) -> Report {
    lint_schemas(&context(&[], &[]), &Path::new(FIXTURES).join(case)).expect("lints")
}

/// Every finding on one line (plus its hint), with paths relative to the fixture.
fn render(report: &Report, case: &str) -> String {
    let base = Path::new(FIXTURES).join(case);
    let mut out = String::new();
    for (path, f) in report.findings() {
        let path = path.strip_prefix(&base).unwrap_or(path).to_string_lossy().replace('\\', "/");
        let position = f.position.map_or_else(|| "-".to_owned(), |p| format!("{}:{}", p.line, p.column));
        let pointer = f.pointer.as_deref().map_or_else(|| "(file)".to_owned(), |p| format!("\"{p}\""));
        writeln!(out, "{path}:{position} {}[{}] {} at {pointer}: {}", f.severity, f.rule.code, f.rule.name, f.message)
            .unwrap();
        if let Some(hint) = &f.hint {
            writeln!(out, "    hint: {hint}").unwrap();
        }
    }
    out
}

/// (fixture = rule name, file inside it, pointer where the rule fires).
const CASES: &[(&str, &str, Option<&str>)] = &[
    ("not-in-schema-layout", "com.acme/button_click/jsonschma/1-0-0", None),
    ("invalid-self", "com.acme/button_click/jsonschema/1-0-0", Some("/self/version")),
    ("path-mismatch", "com.acme/button_click/jsonschema/1-0-1", Some("/self")),
    ("invalid-superseding", "com.acme/button_click/jsonschema/1-0-1", Some("/$supersedes/0")),
    ("meta-schema-violation", "com.acme/button_click/jsonschema/1-0-0", Some("/additionalProperties")),
    ("initial-version-missing", "com.acme/button_click/jsonschema/1-0-1", Some("/self/version")),
    ("version-gap", "com.acme/button_click/jsonschema/1-0-2", Some("/self/version")),
    ("lone-version-not-initial", "com.acme/button_click/jsonschema/1-0-1", Some("/self/version")),
    ("rootObject", "com.acme/button_click/jsonschema/1-0-0", Some("")),
    ("unknownFormats", "com.acme/button_click/jsonschema/1-0-0", Some("/properties/page/format")),
    ("numericMinMax", "com.acme/button_click/jsonschema/1-0-0", Some("/properties/position")),
    ("stringLength", "com.acme/button_click/jsonschema/1-0-0", Some("/properties/label")),
    ("stringMaxLengthRange", "com.acme/button_click/jsonschema/1-0-0", Some("/properties/label/maxLength")),
    ("optionalNull", "com.acme/button_click/jsonschema/1-0-0", Some("/properties")),
    ("description", "com.acme/button_click/jsonschema/1-0-0", Some("/properties/label")),
    ("numericMinimumMaximum", "com.acme/button_click/jsonschema/1-0-0", Some("/properties/position")),
    ("stringMinMaxLength", "com.acme/button_click/jsonschema/1-0-0", Some("/properties/label")),
    ("arrayMinMaxItems", "com.acme/button_click/jsonschema/1-0-0", Some("/properties/tags")),
    ("numericProperties", "com.acme/button_click/jsonschema/1-0-0", Some("/properties/label")),
    ("stringProperties", "com.acme/button_click/jsonschema/1-0-0", Some("/properties/position")),
    ("arrayProperties", "com.acme/button_click/jsonschema/1-0-0", Some("/properties/label")),
    ("objectProperties", "com.acme/button_click/jsonschema/1-0-0", Some("/properties/label")),
    ("requiredPropertiesExist", "com.acme/button_click/jsonschema/1-0-0", Some("/required")),
    ("schemaUri", "com.acme/button_click/jsonschema/1-0-0", Some("/$schema")),
];

#[test]
fn every_rule_fires_alone_on_its_fixture() {
    for (case, file, pointer) in CASES {
        let report = lint_case(case);
        let expected = Path::new(FIXTURES).join(case).join(file);
        let found: Vec<_> =
            report.findings().map(|(path, f)| (path.to_path_buf(), f.rule.name, f.pointer.clone())).collect();
        assert_eq!(found, [(expected, *case, pointer.map(str::to_owned))], "fixture {case}");
        let position = report.findings().next().and_then(|(_, f)| f.position);
        assert_eq!(position.is_some(), pointer.is_some(), "fixture {case}: a pointer gives a line and column");
        insta::assert_snapshot!(*case, render(&report, case));
    }
}

#[test]
fn every_schema_rule_has_a_fixture() {
    let covered: Vec<&str> = CASES.iter().map(|(case, ..)| *case).collect();
    for rule in schemas::FILE_RULES.iter().chain(schemas::LINTERS) {
        assert!(covered.contains(&rule.name), "no fixture for {}", rule.name);
    }
}

#[test]
fn the_clean_schema_has_no_findings() {
    let report = lint_case("clean");
    assert_eq!(report.files.len(), 1);
    assert_eq!(render(&report, "clean"), "");
}

#[test]
fn skipped_linters_do_not_fire() {
    let path = Path::new(FIXTURES).join("stringLength");
    let report = lint_schemas(&context(&["stringLength"], &[]), &path).unwrap();
    assert_eq!(report.findings().count(), 0);
}

fn usage_error(result: Result<Report, LintError>) -> String {
    match result {
        Err(LintError::Usage(message)) => message,
        Err(other) => panic!("expected a usage error, got {other}"),
        Ok(report) => panic!("expected a usage error, got {} findings", report.findings().count()),
    }
}

#[test]
fn skip_checks_reject_unknown_and_mandatory_linters() {
    let path = Path::new(FIXTURES).join("clean");
    let unknown = usage_error(lint_schemas(&context(&["description", "maxLength"], &[]), &path));
    assert!(unknown.contains("unknown linters [maxLength]"), "{unknown}");
    let lowercase = usage_error(lint_schemas(&context(&["optionalnull"], &[]), &path));
    assert!(lowercase.contains("unknown linters [optionalnull]"), "{lowercase}");
    let mandatory = usage_error(lint_schemas(&context(&["schemaUri"], &[]), &path));
    assert!(mandatory.contains("non-skippable linters [schemaUri]"), "{mandatory}");
}

#[test]
fn skip_schemas_leaves_schemas_out() {
    let path = Path::new(FIXTURES).join("mixed");
    let report = lint_schemas(&context(&[], &["iglu:com.acme/checkout/jsonschema/1-0-0"]), &path).unwrap();
    assert!(!report.files.iter().any(|f| f.path.to_string_lossy().contains("checkout")));
    assert_eq!(report.files.len(), 2);

    // The broken file has no readable `self`, but its path names it.
    let all = [
        "iglu:com.acme/checkout/jsonschema/1-0-0",
        "iglu:com.acme/broken/jsonschema/1-0-0",
        "iglu:com.acme/button_click/jsonschema/1-0-0",
    ];
    let message = usage_error(lint_schemas(&context(&[], &all), &path));
    assert!(message.contains("All schemas provided were also skipped"), "{message}");

    let message = usage_error(lint_schemas(&context(&[], &["com.acme/checkout/jsonschema/1-0-0"]), &path));
    assert!(message.contains("--skip-schemas") && message.contains("iglu:"), "{message}");
}

#[test]
fn an_unparseable_schema_does_not_stop_the_others() {
    let report = lint_case("mixed");
    let files: Vec<String> = report
        .files
        .iter()
        .map(|f| f.path.strip_prefix(Path::new(FIXTURES).join("mixed")).unwrap().to_string_lossy().into_owned())
        .collect();
    // The Avro schema and the hidden directory are not linted.
    assert_eq!(
        files,
        [
            "com.acme/broken/jsonschema/1-0-0",
            "com.acme/button_click/jsonschema/1-0-0",
            "com.acme/checkout/jsonschema/1-0-0"
        ]
    );
    insta::assert_snapshot!("mixed", render(&report, "mixed"));
}

#[test]
fn a_single_file_is_linted_wherever_it_is() {
    // In the layout: the path is compared with `self`, and a lone 1-0-0 is fine.
    let in_layout = Path::new(FIXTURES).join("stringLength/com.acme/button_click/jsonschema/1-0-0");
    let report = lint_schemas(&context(&[], &[]), &in_layout).unwrap();
    let rules: Vec<&str> = report.findings().map(|(_, f)| f.rule.name).collect();
    assert_eq!(rules, ["stringLength"]);

    let mismatched = Path::new(FIXTURES).join("path-mismatch/com.acme/button_click/jsonschema/1-0-1");
    let report = lint_schemas(&context(&[], &[]), &mismatched).unwrap();
    assert_eq!(report.findings().map(|(_, f)| f.rule.name).collect::<Vec<_>>(), ["path-mismatch"]);

    // Outside the layout: no path check.
    let standalone = Path::new(FIXTURES).join("standalone/button_click.json");
    let report = lint_schemas(&context(&[], &[]), &standalone).unwrap();
    assert_eq!(report.findings().map(|(_, f)| f.rule.name).collect::<Vec<_>>(), ["stringLength"]);
}

#[test]
fn a_missing_path_is_a_usage_level_error() {
    let result = lint_schemas(&context(&[], &[]), Path::new("fixtures/lint/schemas/no-such-dir"));
    assert!(matches!(result, Err(LintError::BadPath { .. })));
}

#[test]
fn iglu_central_passes_its_own_ci_preset() {
    let skips = schemas::preset_skip_checks(SchemaPreset::IgluCentral);
    let report = lint_schemas(&context(skips, &[]), Path::new(IGLU_CENTRAL)).unwrap();
    assert_eq!(report.files.len(), 660, "every JSON schema (the Avro, Thrift and Protobuf ones are left alone)");
    let findings: Vec<String> =
        report.findings().take(5).map(|(p, f)| format!("{}: {} {}", p.display(), f.rule.name, f.message)).collect();
    assert!(findings.is_empty(), "{findings:#?}");
}
