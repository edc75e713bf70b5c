//! Test support: a real HTTP server serving a static Iglu repository, a capturing Snowplow
//! collector for the real-traffic enrich tests, the DynamoDB server the
//! `store` tests use (and a fault-injecting proxy for it), and helpers to run the built binary.

#![allow(dead_code)]

pub mod archive;
pub mod collector;
pub mod dynamodb;
pub mod fault_proxy;
pub mod generate;
pub mod iglu_server;
pub mod manifest;
pub mod python_sdk;
pub mod runs;
pub mod vectors;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared`, the reference material next to the repository.
pub fn shared() -> PathBuf {
    root().join("..").join("shared")
}

/// A path under `fixtures/`.
pub fn fixture(rel: &str) -> PathBuf {
    root().join("fixtures").join(rel)
}

/// The built `snowplowctl` binary, with a private cache directory and no colour.
pub fn snowplowctl(cache_dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_snowplowctl"));
    cmd.env("SNOWPLOWCTL_CACHE_DIR", cache_dir).env("NO_COLOR", "1").env_remove("CLICOLOR_FORCE");
    cmd
}

/// Runs a command and returns (exit code, stdout, stderr).
pub fn run(cmd: &mut Command) -> (i32, String, String) {
    let Output { status, stdout, stderr } = cmd.output().expect("the binary runs");
    (
        status.code().unwrap_or(-1),
        String::from_utf8_lossy(&stdout).into_owned(),
        String::from_utf8_lossy(&stderr).into_owned(),
    )
}
