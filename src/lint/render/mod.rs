//! Output formats for lint reports: `text` for people, `json` for programs, `github` for
//! workflow annotations and `sarif` for code-scanning tools.

mod github;
mod json;
mod sarif;
mod text;

use std::io::{self, Write};

use super::Report;

/// How to print a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Findings grouped by file, then a summary table.
    Text,
    /// One JSON document with every finding and the summary.
    Json,
    /// GitHub Actions workflow commands (`::error file=…::…`).
    Github,
    /// SARIF 2.1.0.
    Sarif,
}

/// Options for rendering.
#[derive(Debug, Clone, Copy, Default)]
pub struct RenderOptions {
    /// Use ANSI colours (text format only).
    pub color: bool,
}

/// Writes `report` to `out` in `format`.
pub fn render(report: &Report, format: Format, options: RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Text => text::render(report, options, out),
        Format::Json => json::render(report, out),
        Format::Github => github::render(report, out),
        Format::Sarif => sarif::render(report, out),
    }
}

/// A path as shown to users and tools: forward slashes on every platform.
fn display_path(path: &std::path::Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// A finding as one message for tools that show a single text: pointer, message and hint.
fn one_message(finding: &super::Finding) -> String {
    let mut message = match finding.pointer.as_deref() {
        Some(pointer) if !pointer.is_empty() => format!("{pointer}: {}", finding.message),
        _ => finding.message.clone(),
    };
    if let Some(hint) = &finding.hint {
        message.push_str("\nhint: ");
        message.push_str(hint);
    }
    message
}
