//! `snowplowctl generate` through the binary: outputs, warnings, `--explain`, template
//! variables accepted by `lint playbook --vars`, credentials, and every kind of bad input with
//! its exit status, key path and hint.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use support::generate::{self as fixtures, Workspace};
use support::run;

const R117: &str = "config.yml.r117-biskupin.sample";
const STREAM_R117: &str = "stream_config.yml.r117-biskupin.sample";
const ACCESS_KEY: &str = "AKIAGENERATETEST4242";
const SECRET_KEY: &str = "generate-secret-value-0123456789";

fn snowplowctl(ws: &Workspace) -> Command {
    let mut command = support::snowplowctl(&ws.path().join("cache"));
    command.env_remove("AWS_SNOWPLOW_ACCESS_KEY").env_remove("AWS_SNOWPLOW_SECRET_KEY").env_remove("ACME_LOG_BUCKET");
    command
}

fn filled(file: &str) -> String {
    fixtures::fill(&fixtures::sample(file), "eu-central-1")
}

fn pipeline_args(config: &Path) -> Vec<String> {
    let path = |p: PathBuf| p.to_string_lossy().into_owned();
    vec![
        "--config".into(),
        path(config.to_owned()),
        "--resolver".into(),
        path(fixtures::resolver_path()),
        "--enrichments".into(),
        path(fixtures::enrichments_dir()),
        "--targets".into(),
        path(fixtures::targets_dir()),
    ]
}

fn generate(ws: &Workspace, target: &str, config: &Path, extra: &[&str]) -> (i32, String, String) {
    let mut command = snowplowctl(ws);
    command.args(["generate", target]);
    if target == "cluster" {
        command.arg("--config").arg(config);
    } else {
        command.args(pipeline_args(config));
    }
    run(command.args(extra))
}

#[test]
fn all_writes_both_files_that_lint_and_dataflow_runner_vars_accept() {
    let ws = Workspace::new();
    let config = ws.write("config.yml", &filled(R117));
    let out = ws.path().join("out");
    let (code, stdout, stderr) = generate(&ws, "all", &config, &["--output-dir", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.is_empty(), "{stdout}");
    // What Dataflow Runner cannot express is a warning that says so.
    assert!(
        stderr.contains("warning: aws.emr.jobflow.core_instance_bid: Dataflow Runner cannot bid for core nodes"),
        "{stderr}"
    );
    assert!(stderr.contains("run on demand"), "{stderr}");
    assert!(stderr.contains("warning: monitoring.snowplow:"), "{stderr}");
    assert!(
        stderr.contains("runId, etlTimestamp") && stderr.contains("--vars runId,<runId>,etlTimestamp,<etlTimestamp>")
    );

    let lint = |kind: &str, file: &str, vars: Option<&str>| {
        let mut command = snowplowctl(&ws);
        command.args(["lint", kind]).arg(out.join(file));
        if let Some(vars) = vars {
            command.args(["--vars", vars]);
        }
        run(&mut command)
    };
    let (code, stdout, _) = lint("cluster", "cluster.json", None);
    assert_eq!(code, 0, "{stdout}");
    let (code, stdout, _) =
        lint("playbook", "playbook.json", Some("runId,2024-01-31-23-59-59,etlTimestamp,1706745599000"));
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("All checks passed"), "{stdout}");
    // Without the variables, Dataflow Runner (and lint) stop.
    let (code, stdout, _) = lint("playbook", "playbook.json", None);
    assert_eq!(code, 1);
    assert!(stdout.contains("D002") && stdout.contains("runId"), "{stdout}");
}

#[test]
fn output_is_byte_identical_across_runs() {
    let ws = Workspace::new();
    let config = ws.write("config.yml", &filled(R117));
    let first = generate(&ws, "playbook", &config, &[]);
    let second = generate(&ws, "playbook", &config, &[]);
    assert_eq!(first.0, 0, "{}", first.2);
    assert_eq!(first.1, second.1);
    let cluster = generate(&ws, "cluster", &config, &[]);
    assert_eq!(cluster.1, generate(&ws, "cluster", &config, &[]).1);
    assert!(cluster.1.ends_with("}\n"));
}

#[test]
fn explain_goes_to_stderr_when_the_json_goes_to_stdout() {
    let ws = Workspace::new();
    let config = ws.write("config.yml", &filled(R117));
    let (code, stdout, stderr) = generate(&ws, "playbook", &config, &["--explain"]);
    assert_eq!(code, 0, "{stderr}");
    serde_json::from_str::<serde_json::Value>(&stdout).expect("stdout is only the playbook");
    assert!(stderr.contains("main class") && stderr.contains("com.snowplowanalytics.snowplow.enrich.spark.EnrichJob"));

    let file = ws.path().join("playbook.json");
    let (code, stdout, stderr) = generate(&ws, "playbook", &config, &["--explain", "-o", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    for column in ["step", "stage", "jar", "main class"] {
        assert!(stdout.contains(column), "{stdout}");
    }
    assert!(stdout.contains("[shred] spark: Shred Enriched Events") && stdout.contains("archive_shredded"));
    assert!(!stderr.contains("main class"));
    assert!(file.is_file());
}

#[test]
fn baked_values_leave_no_template_variables() {
    let ws = Workspace::new();
    let config = ws.write("config.yml", &filled(R117));
    let (code, stdout, stderr) =
        generate(&ws, "playbook", &config, &["--run-id", "2024-01-31-23-59-59", "--etl-timestamp", "1706745599000"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stdout.contains("{{"), "{stdout}");
    assert!(stdout.contains("run=2024-01-31-23-59-59/") && stdout.contains("\"1706745599000\""));
    assert!(!stderr.contains("note:"), "{stderr}");

    // Resuming: the recovered run is its own variable.
    let (code, stdout, stderr) = generate(&ws, "playbook", &config, &["--resume-from", "rdb_load"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("run={{.recoverRunId}}/") && stderr.contains("recoverRunId"), "{stderr}");
    assert!(!stdout.contains("[enrich]") && stdout.contains("[rdb_load]"));
}

#[test]
fn credentials_from_config_yml_are_never_copied() {
    let ws = Workspace::new();
    let literal = filled(R117)
        .replace("<%= ENV['AWS_SNOWPLOW_ACCESS_KEY'] %>", ACCESS_KEY)
        .replace("<%= ENV['AWS_SNOWPLOW_SECRET_KEY'] %>", SECRET_KEY);
    let from_env = filled(R117);
    for (name, text) in [("literal.yml", literal), ("env.yml", from_env)] {
        let config = ws.write(name, &text);
        let out = ws.path().join(name.replace(".yml", ""));
        let mut command = snowplowctl(&ws);
        command.env("AWS_SNOWPLOW_ACCESS_KEY", ACCESS_KEY).env("AWS_SNOWPLOW_SECRET_KEY", SECRET_KEY);
        command.args(["generate", "all"]).args(pipeline_args(&config));
        command.args(["--credentials", "env", "--output-dir", out.to_str().unwrap()]);
        let (code, stdout, stderr) = run(&mut command);
        assert_eq!(code, 0, "{stderr}");
        let mut everything = format!("{stdout}{stderr}");
        for file in ["cluster.json", "playbook.json"] {
            let json = std::fs::read_to_string(out.join(file)).unwrap();
            assert!(json.contains("\"accessKeyId\": \"env\""), "{json}");
            everything.push_str(&json);
            // The base64 arguments too (RDB Loader gets config.yml).
            for encoded in json.split('"').filter(|s| s.len() > 40) {
                if let Ok(bytes) = base64::Engine::decode(&base64::engine::general_purpose::STANDARD, encoded) {
                    everything.push_str(&String::from_utf8_lossy(&bytes));
                }
            }
        }
        assert!(!everything.contains(ACCESS_KEY) && !everything.contains(SECRET_KEY), "{name}");
    }
}

/// Runs `generate playbook` on the R117 sample edited by `edit`; expects exit 1 and returns
/// stderr.
fn failing(edit: impl Fn(String) -> String, extra: &[&str]) -> String {
    let ws = Workspace::new();
    let config = ws.write("config.yml", &edit(filled(R117)));
    let (code, stdout, stderr) = generate(&ws, "playbook", &config, extra);
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(stdout.is_empty(), "nothing is generated: {stdout}");
    stderr
}

#[test]
fn bad_config_yml_exits_1_with_key_path_and_hint() {
    // A missing key.
    let stderr = failing(|t| t.replacen("    region: eu-central-1\n", "\n", 1), &[]);
    assert!(stderr.contains("nothing was generated"), "{stderr}");
    assert!(stderr.contains("error[C006]") && stderr.contains("/aws/s3: `aws.s3` has no `region` key"), "{stderr}");
    assert!(stderr.contains("hint:"), "{stderr}");

    // A wrong type.
    let stderr = failing(|t| t.replace("core_instance_count: 2", "core_instance_count: two"), &[]);
    assert!(stderr.contains("error[C005]") && stderr.contains("/aws/emr/jobflow/core_instance_count"), "{stderr}");
    assert!(stderr.contains("hint:"), "{stderr}");

    // A placeholder left in, which generate would copy into the playbook.
    let stderr = failing(|t| t.replace("ec2_key_name: acme-key", "ec2_key_name: ADD HERE"), &[]);
    assert!(stderr.contains("error[C019]") && stderr.contains("/aws/emr/ec2_key_name"), "{stderr}");
    assert!(stderr.contains("hint: replace the placeholder"), "{stderr}");

    // A lookup of an unset variable outside the credentials.
    let stderr = failing(|t| t.replace("log: s3://acme-snowplow-logs/emr", "log: <%= ENV['ACME_LOG_BUCKET'] %>"), &[]);
    assert!(stderr.contains("error[C002]") && stderr.contains("/aws/s3/buckets/log"), "{stderr}");
    assert!(stderr.contains("`ACME_LOG_BUCKET`"), "{stderr}");

    // A key a stage needs but the config leaves blank.
    let stderr = failing(|t| t.replace("archive: s3://acme-snowplow/enriched/archive", "archive:"), &[]);
    assert!(stderr.contains("error[C012]") && stderr.contains("/aws/s3/buckets/enriched/archive"), "{stderr}");
    assert!(stderr.contains("--skip archive_enriched"), "{stderr}");

    // A Hadoop-era job version.
    let stderr = failing(|t| t.replace("spark_enrich: 1.18.0", "spark_enrich: 1.8.0"), &[]);
    assert!(stderr.contains("/enrich/versions/spark_enrich") && stderr.contains("Hadoop Enrich"), "{stderr}");
}

#[test]
fn stage_names_and_conflicting_flags_exit_1_with_a_hint() {
    let stderr = failing(|t| t, &["--skip", "shred,archive-raw"]);
    assert!(stderr.contains("error: Invalid option: skip can be staging, enrich,"), "{stderr}");
    assert!(stderr.contains("not 'archive-raw'") && stderr.contains("hint: did you mean `archive_raw`?"), "{stderr}");

    let stderr = failing(|t| t, &["--resume-from", "staging"]);
    assert!(stderr.contains("resume-from can be") && stderr.contains("cannot be resumed from"), "{stderr}");

    let stderr = failing(|t| t, &["--include", "vaccum"]);
    assert!(stderr.contains("include can be vacuum not 'vaccum'") && stderr.contains("`vacuum`"), "{stderr}");

    let stderr = failing(|t| t, &["--skip", "shred", "--resume-from", "rdb_load"]);
    assert!(stderr.contains("resume-from and skip are mutually exclusive") && stderr.contains("hint:"), "{stderr}");

    let stderr = failing(|t| t, &["--resume-from", "staging_stream_enrich"]);
    assert!(stderr.contains("aws.s3.buckets.enriched.stream"), "{stderr}");

    let ws = Workspace::new();
    let stream = ws.write("stream.yml", &filled(STREAM_R117));
    for (flags, message) in [
        (&["--skip", "enrich"][..], "cannot skip staging nor enrich in stream enrich mode"),
        (&["--resume-from", "enrich"][..], "cannot resume from enrich in stream enrich mode"),
        (&["--skip", "archive_raw"][..], "cannot skip nor resume from archive_raw in stream enrich mode"),
    ] {
        let (code, _, stderr) = generate(&ws, "playbook", &stream, flags);
        assert_eq!(code, 1, "{flags:?}: {stderr}");
        assert!(stderr.contains(message) && stderr.contains("hint:"), "{stderr}");
    }
    // Skipping everything that has steps leaves nothing for Dataflow Runner to run.
    let all = "staging,enrich,shred,elasticsearch,archive_raw,rdb_load,archive_enriched,archive_shredded";
    let stderr = failing(|t| t, &["--skip", all]);
    assert!(stderr.contains("the playbook would have no steps"), "{stderr}");
}

#[test]
fn usage_and_io_errors_exit_2() {
    let ws = Workspace::new();
    let config = ws.write("config.yml", &filled(R117));
    let (code, _, stderr) = run(snowplowctl(&ws).args(["generate", "playbook", "--config"]).arg(&config));
    assert_eq!(code, 2, "--resolver is required: {stderr}");
    let (code, _, stderr) = generate(&ws, "playbook", &config, &["--run-id", "yesterday"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("`yesterday` is not a run id"), "{stderr}");
    let (code, _, stderr) = generate(&ws, "playbook", &config, &["--etl-timestamp", "1.5"]);
    assert_eq!(code, 2, "{stderr}");
    let (code, _, stderr) = generate(&ws, "cluster", &ws.path().join("missing.yml"), &[]);
    assert_eq!(code, 2);
    assert!(stderr.contains("missing.yml") && stderr.contains("no such file"), "{stderr}");
    let (code, _, stderr) = generate(&ws, "all", &config, &[]);
    assert_eq!(code, 2, "--output-dir is required for all: {stderr}");
}

#[test]
fn enrichments_over_emrs_argument_limit_suggest_dynamodb() {
    let ws = Workspace::new();
    let config = ws.write("config.yml", &filled(R117));
    let dir = ws.path().join("enrichments");
    std::fs::create_dir(&dir).unwrap();
    let domains: Vec<String> = (0..600).map(|i| format!("\"shop-{i:04}.acme.example\"")).collect();
    std::fs::write(
        dir.join("referer_parser.json"),
        format!(
            r#"{{"schema": "iglu:com.snowplowanalytics.snowplow/referer_parser/jsonschema/1-0-0",
               "data": {{"vendor": "com.snowplowanalytics.snowplow", "name": "referer_parser", "enabled": true,
                         "parameters": {{"internalDomains": [{}]}}}}}}"#,
            domains.join(", ")
        ),
    )
    .unwrap();
    let mut command = snowplowctl(&ws);
    command.args(["generate", "playbook", "--config"]).arg(&config);
    command.arg("--resolver").arg(fixtures::resolver_path()).arg("--enrichments").arg(&dir);
    let (code, stdout, stderr) = run(&mut command);
    assert_eq!(code, 1, "{stderr}");
    assert!(stdout.is_empty());
    assert!(
        stderr.contains("[enrich] spark: Enrich Raw Events")
            && stderr.contains("the value of argument `--enrichments` is"),
        "{stderr}"
    );
    assert!(stderr.contains("10280-character limit"), "{stderr}");
    assert!(stderr.contains("DynamoDB") && stderr.contains("snowplowctl store enrichments"), "{stderr}");
}

#[test]
fn older_configs_are_accepted_with_warnings_that_say_what_is_assumed() {
    let ws = Workspace::new();
    let config = ws.write("config.yml", &filled("config.yml.r89-plain-of-jars.sample"));
    let (code, stdout, stderr) = generate(&ws, "playbook", &config, &[]);
    assert_eq!(code, 1, "R89 cannot load targets without rdb_loader: {stderr}");
    assert!(stdout.is_empty());
    assert!(stderr.contains("/storage/versions/rdb_loader") && stderr.contains("--skip rdb_load"), "{stderr}");

    let (code, stdout, stderr) = generate(&ws, "playbook", &config, &["--skip", "rdb_load"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stdout.contains("[rdb_load]"));
    for key in ["encrypted", "consolidate_shredded_output", "rdb_loader"] {
        assert!(stderr.contains(&format!("has no `{key}` key")), "{key}: {stderr}");
    }
    assert!(stderr.contains("generate assumes `false`"), "{stderr}");
    assert!(stderr.contains("warning: ") && stderr.contains("[C004 removed-config-key]"), "{stderr}");
}
