//! `snowplowctl man`: man pages generated from the clap definition.

use std::io::Write;
use std::path::Path;

use anyhow::Context;
use clap::CommandFactory;

use super::ExitStatus;
use crate::cli::Cli;

/// Prints the top-level page, or writes every page into `out_dir`.
pub fn run(out_dir: Option<&Path>) -> anyhow::Result<ExitStatus> {
    let command = Cli::command();
    let Some(dir) = out_dir else {
        let mut page = Vec::new();
        clap_mangen::Man::new(command).render(&mut page)?;
        std::io::stdout().lock().write_all(&page)?;
        return Ok(ExitStatus::Success);
    };
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    clap_mangen::generate_to(command, dir).with_context(|| format!("cannot write man pages into {}", dir.display()))?;
    Ok(ExitStatus::Success)
}
