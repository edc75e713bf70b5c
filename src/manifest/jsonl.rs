//! `manifest export`/`import`: one run per line, as JSON ([`RunEntry`]'s serde form).

use std::io::{BufRead, Write};
use std::path::Path;

use super::model::RunEntry;

/// A line of an import file that is not a run entry.
#[derive(Debug, thiserror::Error)]
#[error("{}:{line}: {message}", path.display())]
pub struct ImportLineError {
    /// The file.
    pub path: std::path::PathBuf,
    /// The 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// Writes `entries`, one JSON object per line.
pub fn write_entries(entries: &[RunEntry], out: &mut dyn Write) -> std::io::Result<()> {
    for entry in entries {
        serde_json::to_writer(&mut *out, entry)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// Reads entries written by [`write_entries`]; blank lines are allowed. Every bad line is
/// reported, each naming its line.
pub fn read_entries(path: &Path, input: impl BufRead) -> Result<Vec<RunEntry>, Vec<ImportLineError>> {
    let mut entries = Vec::new();
    let mut errors = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (index, line) in input.lines().enumerate() {
        let error = |message: String| ImportLineError { path: path.to_owned(), line: index + 1, message };
        let line = match line {
            Ok(line) => line,
            Err(e) => {
                errors.push(error(format!("cannot read: {e}")));
                break;
            }
        };
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<RunEntry>(&line) {
            Ok(entry) if !seen.insert(entry.run_id.clone()) => {
                errors.push(error(format!("run `{}` appears twice", entry.run_id)));
            }
            Ok(entry) => entries.push(entry),
            Err(e) => errors.push(error(format!(
                "not a manifest entry ({e}); expected a JSON object with `run_id`, `marker` and `records`, as `manifest export` writes"
            ))),
        }
    }
    if errors.is_empty() { Ok(entries) } else { Err(errors) }
}
