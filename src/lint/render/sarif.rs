//! SARIF 2.1.0, for code-scanning dashboards.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde_json::{Value, json};

use super::{display_path, one_message};
use crate::lint::{Report, Rule, Severity};

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn rule_descriptor(rule: &Rule) -> Value {
    json!({
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.why},
        "help": {"text": format!("{}\n\nExample: {}\n\nFix: {}", rule.why, rule.example, rule.hint)},
        "defaultConfiguration": {"level": level(rule.severity)},
    })
}

pub(super) fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    // Only the rules that fired, in code order; results point at them by index.
    let used: BTreeMap<&str, &Rule> = report.findings().map(|(_, f)| (f.rule.code, f.rule)).collect();
    let index: BTreeMap<&str, usize> = used.keys().enumerate().map(|(i, code)| (*code, i)).collect();
    let results: Vec<Value> = report
        .findings()
        .map(|(path, f)| {
            let message = one_message(f);
            let mut location = json!({"physicalLocation": {"artifactLocation": {"uri": display_path(path)}}});
            if let Some(p) = f.position {
                location["physicalLocation"]["region"] = json!({"startLine": p.line, "startColumn": p.column});
            }
            json!({
                "ruleId": f.rule.code,
                "ruleIndex": index[f.rule.code],
                "level": level(f.severity),
                "message": {"text": message},
                "locations": [location],
                "properties": {"jsonPointer": f.pointer},
            })
        })
        .collect();
    let document = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "snowplowctl",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": used.values().map(|r| rule_descriptor(r)).collect::<Vec<_>>(),
            }},
            "results": results,
        }],
    });
    serde_json::to_writer_pretty(&mut *out, &document)?;
    writeln!(out)
}
