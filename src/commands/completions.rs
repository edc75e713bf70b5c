//! `snowplowctl completions SHELL`.

use std::io::Write;

use clap::CommandFactory;

use super::ExitStatus;
use crate::cli::Cli;

/// Writes the completion script for `shell` to stdout.
pub fn run(shell: clap_complete::Shell) -> anyhow::Result<ExitStatus> {
    let mut command = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command, "snowplowctl", &mut out);
    std::io::stdout().lock().write_all(&out)?;
    Ok(ExitStatus::Success)
}
