//! GitHub Actions workflow commands, which show findings as annotations on the diff.

use std::io::{self, Write};

use super::{display_path, one_message};
use crate::lint::{Report, Severity};

/// Escapes a message (`%`, CR and LF) as GitHub's workflow-command parser expects.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a property value, which additionally cannot contain `:` or `,`.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

pub(super) fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    for (path, f) in report.findings() {
        let command = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut properties = vec![format!("file={}", escape_property(&display_path(path)))];
        if let Some(p) = f.position {
            properties.push(format!("line={}", p.line));
            properties.push(format!("col={}", p.column));
        }
        properties.push(format!("title={}", escape_property(&format!("{} {}", f.rule.code, f.rule.name))));
        let message = one_message(f);
        writeln!(out, "::{command} {}::{}", properties.join(","), escape_data(&message))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(escape_data("50%\nnext"), "50%25%0Anext");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
