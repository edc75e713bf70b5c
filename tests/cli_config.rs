//! The `snowplowctl lint config` binary: `--require-env`, exit codes and secrets read from the
//! environment.

use std::process::{Command, Output};

const VALID: &str = "fixtures/lint/config/valid/config.yml";
const ACCESS_KEY: &str = "AKIACLITESTEXAMPLE42";
const SECRET_KEY: &str = "cli-test-secret: [not yaml";

fn snowplowctl(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_snowplowctl"));
    command.args(args).env_remove("ACME_AWS_ACCESS_KEY_ID").env_remove("ACME_AWS_SECRET_ACCESS_KEY");
    for (name, value) in env {
        command.env(name, value);
    }
    command.output().expect("snowplowctl runs")
}

#[test]
fn require_env_fails_on_unset_variables_and_passes_when_set() {
    let unset = snowplowctl(&["lint", "config", VALID, "--require-env", "--color", "never"], &[]);
    assert_eq!(unset.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&unset.stdout);
    assert!(stdout.contains("C002") && stdout.contains("ACME_AWS_SECRET_ACCESS_KEY"), "{stdout}");

    let set = [("ACME_AWS_ACCESS_KEY_ID", ACCESS_KEY), ("ACME_AWS_SECRET_ACCESS_KEY", "cli-test-secret")];
    let ok = snowplowctl(&["lint", "config", VALID, "--require-env", "--strict"], &set);
    assert_eq!(ok.status.code(), Some(0), "{}", String::from_utf8_lossy(&ok.stdout));

    let lenient = snowplowctl(&["lint", "config", VALID], &[]);
    assert_eq!(lenient.status.code(), Some(0));
}

#[test]
fn secrets_from_the_environment_are_never_printed() {
    let set = [("ACME_AWS_ACCESS_KEY_ID", ACCESS_KEY), ("ACME_AWS_SECRET_ACCESS_KEY", SECRET_KEY)];
    for format in ["text", "json", "github", "sarif"] {
        let out = snowplowctl(&["lint", "config", VALID, "--format", format, "--strict"], &set);
        assert_eq!(out.status.code(), Some(1), "{format}");
        let all = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        assert!(all.contains("F007"), "{format}: {all}");
        assert!(!all.contains(ACCESS_KEY) && !all.contains("cli-test-secret"), "{format}: {all}");
    }
}
