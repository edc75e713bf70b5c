//! The human-readable format: findings grouped by file, then summary tables.

use std::io::{self, Write};

use anstyle::{AnsiColor, Style};
use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{CellAlignment, Table};

use super::{RenderOptions, display_path};
use crate::lint::{Report, Severity};

fn paint(enabled: bool, style: Style, text: &str) -> String {
    if enabled { format!("{}{text}{}", style.render(), style.render_reset()) } else { text.to_owned() }
}

fn severity_style(severity: Severity) -> Style {
    let color = match severity {
        Severity::Error => AnsiColor::Red,
        Severity::Warning => AnsiColor::Yellow,
        Severity::Info => AnsiColor::Cyan,
    };
    Style::new().fg_color(Some(color.into())).bold()
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 { format!("1 {word}") } else { format!("{n} {word}s") }
}

pub(super) fn render(report: &Report, options: RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    let bold = Style::new().bold();
    let dim = Style::new().dimmed();
    for file in report.files.iter().filter(|f| !f.findings.is_empty()) {
        writeln!(out, "{}", paint(options.color, bold.underline(), &display_path(&file.path)))?;
        for f in &file.findings {
            let position = f.position.map_or_else(|| "-".to_owned(), |p| format!("{}:{}", p.line, p.column));
            let label = format!("{}[{}]", f.severity, f.rule.code);
            let location = match f.pointer.as_deref() {
                Some("") => "(document): ".to_owned(),
                Some(pointer) => format!("{pointer}: "),
                None => String::new(),
            };
            writeln!(
                out,
                "  {:>7}  {}  {location}{}",
                position,
                paint(options.color, severity_style(f.severity), &label),
                f.message
            )?;
            if let Some(hint) = &f.hint {
                writeln!(out, "  {:>7}  {} {hint} ({})", "", paint(options.color, dim, "hint:"), f.rule.name)?;
            }
        }
        writeln!(out)?;
    }

    let summary = report.summary();
    let counts = report.counts_by_rule();
    if !counts.is_empty() {
        let mut by_rule = Table::new();
        by_rule.load_preset(UTF8_FULL_CONDENSED).set_header(["rule", "name", "severity", "findings"]);
        for (code, (rule, count)) in counts {
            by_rule.add_row([code.to_owned(), rule.name.to_owned(), rule.severity.to_string(), count.to_string()]);
        }
        if let Some(column) = by_rule.column_mut(3) {
            column.set_cell_alignment(CellAlignment::Right);
        }
        writeln!(out, "{by_rule}")?;
    }
    let mut totals = Table::new();
    totals.load_preset(UTF8_FULL_CONDENSED).set_header([
        "files checked",
        "with findings",
        "errors",
        "warnings",
        "info",
    ]);
    totals.add_row([
        summary.files.to_string(),
        summary.files_with_findings.to_string(),
        summary.errors.to_string(),
        summary.warnings.to_string(),
        summary.infos.to_string(),
    ]);
    for i in 0..5 {
        if let Some(column) = totals.column_mut(i) {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
    writeln!(out, "{totals}")?;
    let total = summary.errors + summary.warnings + summary.infos;
    if total == 0 {
        writeln!(
            out,
            "{}",
            paint(options.color, bold, &format!("All checks passed ({} checked)", plural(summary.files, "file")))
        )
    } else {
        writeln!(
            out,
            "{}",
            paint(
                options.color,
                bold,
                &format!(
                    "Found {} in {} of {}",
                    plural(total, "problem"),
                    summary.files_with_findings,
                    plural(summary.files, "file")
                )
            )
        )
    }
}
