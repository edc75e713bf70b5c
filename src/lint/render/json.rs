//! The machine-readable format: one JSON document.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::display_path;
use crate::lint::Report;

pub(super) fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let findings: Vec<Value> = report
        .findings()
        .map(|(path, f)| {
            json!({
                "file": display_path(path),
                "line": f.position.map(|p| p.line),
                "column": f.position.map(|p| p.column),
                "pointer": f.pointer,
                "code": f.rule.code,
                "rule": f.rule.name,
                "severity": f.severity,
                "message": f.message,
                "hint": f.hint,
            })
        })
        .collect();
    let files: Vec<String> = report.files.iter().map(|f| display_path(&f.path)).collect();
    let document = json!({
        "version": 1,
        "summary": report.summary(),
        "files": files,
        "findings": findings,
    });
    serde_json::to_writer_pretty(&mut *out, &document)?;
    writeln!(out)
}
