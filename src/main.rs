//! The `snowplowctl` binary: parse arguments, call the library, render, exit.

// The binary is where output is written; the library never prints.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod cli;
mod commands;

use std::process::ExitCode;

use clap::Parser;

use crate::cli::{Cli, Command};
use crate::commands::ExitStatus;

// Enrichment allocates many short-lived strings per event on every worker thread; mimalloc's
// per-thread free lists make that markedly cheaper than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(status) => status.into(),
        Err(error) => {
            // A closed pipe (`snowplowctl lint … | head`) is not an error.
            if error
                .chain()
                .any(|e| e.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe))
            {
                return ExitCode::SUCCESS;
            }
            eprintln!("snowplowctl: error: {error:#}");
            ExitStatus::Error.into()
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitStatus> {
    if let Some(threads) = cli.global.threads {
        rayon::ThreadPoolBuilder::new().num_threads(threads.max(1)).build_global()?;
    }
    match cli.command {
        Command::Lint(args) => commands::lint::run(args, &cli.global),
        Command::Generate(args) => commands::generate::run(args, &cli.global),
        Command::Store(args) => commands::store::run(args, &cli.global),
        Command::Enrich(args) => commands::enrich::run(args, &cli.global),
        Command::Transform(args) => commands::transform::run(args),
        Command::Shred(args) => commands::shred::run(args, &cli.global),
        Command::Run(args) => commands::run::run(args, &cli.global),
        Command::Manifest(args) => commands::manifest::run(args, &cli.global),
        Command::Completions { shell } => commands::completions::run(shell),
        Command::Man { out_dir } => commands::man::run(out_dir.as_deref()),
    }
}
