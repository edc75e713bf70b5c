//! ERB rendering of `config.yml`.
//!
//! EmrEtlRunner passes `config.yml` through Ruby's ERB before parsing it as YAML, so that
//! secrets can come from the environment: `access_key_id: <%= ENV['AWS_SNOWPLOW_ACCESS_KEY'] %>`.
//! Running arbitrary Ruby is out of the question, so only that one form is rendered: an
//! environment lookup (`ENV['X']` or `ENV["X"]`, any spacing). Comments (`<%# … %>`) vanish and
//! `<%%` is a literal `<%`, as in ERB. Every other tag is reported as a [`ErbProblem`].
//!
//! A variable that is not set is rendered as a placeholder ([`placeholder`]) rather than the empty
//! string ERB would produce: configs are usually linted where the run-time environment is not
//! available, and a placeholder keeps the value a YAML string, so the keys around it can still be
//! checked. The lookup is remembered ([`EnvLookup`]) so callers can insist on it
//! (`--require-env`) or turn it into a run-time lookup of their own.

use std::fmt;
use std::sync::LazyLock;

use regex::Regex;

/// Every placeholder this module writes starts with this text.
const PLACEHOLDER_MARK: &str = "__snowplowctl_";

/// The placeholder written for an expression tag that cannot be rendered.
const UNKNOWN_EXPRESSION: &str = "__snowplowctl_erb__";

static ENV_LOOKUP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"^ENV\s*\[\s*(?:'([^'\\]*)'|"([^"\\]*)")\s*\]$"#).expect("valid regex"));

static VARIABLE_NAME: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[A-Za-z0-9_.-]+$").expect("valid regex"));

/// The placeholder rendered for the unset environment variable `variable`.
pub fn placeholder(variable: &str) -> String {
    format!("{PLACEHOLDER_MARK}env_{variable}__")
}

/// The variable whose placeholder `value` is, when the whole value is one.
pub fn placeholder_variable(value: &str) -> Option<&str> {
    value.strip_prefix(PLACEHOLDER_MARK)?.strip_prefix("env_")?.strip_suffix("__")
}

/// Whether `value` contains text that is only known at run time: a placeholder for an unset
/// variable or for an ERB expression that was not rendered.
pub fn has_placeholder(value: &str) -> bool {
    value.contains(PLACEHOLDER_MARK)
}

/// One `<%= ENV['X'] %>` lookup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnvLookup {
    /// The variable looked up.
    pub variable: String,
    /// Byte offset of the tag's `<%` in the original text.
    pub offset: usize,
    /// Whether the variable was set (its value is never kept here).
    pub set: bool,
}

/// An ERB tag that was not rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErbProblem {
    /// Byte offset of the tag's `<%` in the original text.
    pub offset: usize,
    /// What is wrong with it.
    pub message: String,
}

/// A replaced span: `original_len` bytes at `original` became `rendered_len` bytes at `rendered`.
#[derive(Debug, Clone, Copy)]
struct Span {
    original: usize,
    original_len: usize,
    rendered: usize,
    rendered_len: usize,
}

/// The result of rendering. `Debug` never shows the rendered text, which may hold secrets.
#[derive(Clone)]
pub struct Rendered {
    /// The text after rendering: what the YAML parser reads.
    pub text: String,
    /// Every environment lookup, in document order.
    pub lookups: Vec<EnvLookup>,
    /// Tags that were not rendered, in document order.
    pub problems: Vec<ErbProblem>,
    spans: Vec<Span>,
    /// The value each lookup rendered, by lookup index (`None` when unset).
    values: Vec<Option<String>>,
}

impl fmt::Debug for Rendered {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Rendered")
            .field("len", &self.text.len())
            .field("lookups", &self.lookups)
            .field("problems", &self.problems)
            .finish_non_exhaustive()
    }
}

impl Rendered {
    /// Maps a byte offset in the rendered text back to the original text. An offset inside a
    /// substituted value maps to the start of its tag.
    pub fn original_offset(&self, rendered: usize) -> usize {
        let before = self.spans.partition_point(|s| s.rendered <= rendered);
        let Some(span) = before.checked_sub(1).map(|i| self.spans[i]) else { return rendered };
        if rendered < span.rendered + span.rendered_len {
            span.original
        } else {
            span.original + span.original_len + (rendered - span.rendered - span.rendered_len)
        }
    }

    /// `message` with the values of the lookups `which` selects replaced by `<redacted>`.
    /// Values shorter than four characters are left alone: they cannot be credentials, and
    /// replacing them would garble the message.
    pub fn redact(&self, message: &str, which: impl Fn(&EnvLookup) -> bool) -> String {
        let mut out = message.to_owned();
        for (lookup, value) in self.lookups.iter().zip(&self.values) {
            if let Some(value) = value.as_deref().filter(|v| v.chars().count() >= 4 && which(lookup)) {
                out = out.replace(value, "<redacted>");
            }
        }
        out
    }
}

/// Renders `text`, reading variables from the process environment.
pub fn render_with_process_env(text: &str) -> Rendered {
    render(text, |name| std::env::var_os(name).map(|v| v.to_string_lossy().into_owned()))
}

/// Renders `text`, reading variables through `env`.
pub fn render(text: &str, env: impl Fn(&str) -> Option<String>) -> Rendered {
    let mut out = Rendered {
        text: String::with_capacity(text.len()),
        lookups: Vec::new(),
        problems: Vec::new(),
        spans: Vec::new(),
        values: Vec::new(),
    };
    let mut copied = 0;
    let mut search = 0;
    while let Some(found) = text[search..].find("<%") {
        let start = search + found;
        out.text.push_str(&text[copied..start]);
        let (replacement, consumed) = if text[start..].starts_with("<%%") {
            ("<%".to_owned(), 3)
        } else {
            match text[start + 2..].find("%>") {
                None => {
                    out.problems
                        .push(ErbProblem { offset: start, message: "this ERB tag is never closed with `%>`".into() });
                    (String::new(), text.len() - start)
                }
                Some(len) => {
                    let inner = &text[start + 2..start + 2 + len];
                    (render_tag(inner, start, &env, &mut out), len + 4)
                }
            }
        };
        out.spans.push(Span {
            original: start,
            original_len: consumed,
            rendered: out.text.len(),
            rendered_len: replacement.len(),
        });
        out.text.push_str(&replacement);
        copied = start + consumed;
        search = copied;
    }
    out.text.push_str(&text[copied..]);
    out
}

/// Renders the inside of one `<% … %>` tag that starts at `offset`.
fn render_tag(inner: &str, offset: usize, env: &impl Fn(&str) -> Option<String>, out: &mut Rendered) -> String {
    if inner.starts_with('#') {
        return String::new();
    }
    let Some(expression) = inner.strip_prefix('=') else {
        out.problems.push(ErbProblem {
            offset,
            message: format!("`<%{}%>` runs Ruby code, which snowplowctl cannot check", shorten(inner)),
        });
        return String::new();
    };
    let lookup = ENV_LOOKUP.captures(expression.trim()).and_then(|c| c.get(1).or_else(|| c.get(2)));
    let Some(variable) = lookup.map(|m| m.as_str()).filter(|v| VARIABLE_NAME.is_match(v)) else {
        let message = if lookup.is_some() {
            format!(
                "`<%{}%>` names an environment variable with characters other than letters, digits, `_`, `.` and `-`",
                shorten(inner)
            )
        } else {
            format!(
                "`<%{}%>` is not an environment lookup (`<%= ENV['NAME'] %>`), the only ERB snowplowctl renders",
                shorten(inner)
            )
        };
        out.problems.push(ErbProblem { offset, message });
        return UNKNOWN_EXPRESSION.to_owned();
    };
    let value = env(variable);
    out.lookups.push(EnvLookup { variable: variable.to_owned(), offset, set: value.is_some() });
    out.values.push(value.clone());
    value.unwrap_or_else(|| placeholder(variable))
}

/// A tag's inside for a message: at most 60 characters, on one line.
fn shorten(inner: &str) -> String {
    let flat = inner.replace(['\n', '\r'], " ");
    if flat.chars().count() > 60 { format!("{}…", flat.chars().take(59).collect::<String>()) } else { flat }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(name: &str) -> Option<String> {
        match name {
            "SET" => Some("AKIAEXAMPLEVALUE".into()),
            "EMPTY" => Some(String::new()),
            _ => None,
        }
    }

    #[test]
    fn renders_environment_lookups_in_every_spelling() {
        let text = "a: <%= ENV['SET'] %>\nb: <%=ENV[\"SET\"]%>\nc: <%=  ENV[ 'SET' ]  %>\n";
        let r = render(text, env);
        assert_eq!(r.text, "a: AKIAEXAMPLEVALUE\nb: AKIAEXAMPLEVALUE\nc: AKIAEXAMPLEVALUE\n");
        assert_eq!(r.lookups.len(), 3);
        assert!(r.lookups.iter().all(|l| l.set && l.variable == "SET"));
        assert!(r.problems.is_empty());
    }

    #[test]
    fn unset_variables_become_placeholders() {
        let r = render("key: <%= ENV['MISSING'] %> # c\nempty: <%= ENV['EMPTY'] %>\n", env);
        assert_eq!(r.text, "key: __snowplowctl_env_MISSING__ # c\nempty: \n");
        assert_eq!(placeholder_variable("__snowplowctl_env_MISSING__"), Some("MISSING"));
        assert!(has_placeholder("s3://__snowplowctl_env_MISSING__/x"));
        assert_eq!(r.lookups[0], EnvLookup { variable: "MISSING".into(), offset: 5, set: false });
        assert!(r.lookups[1].set);
    }

    #[test]
    fn other_tags_are_problems_and_comments_and_escapes_follow_erb() {
        let r =
            render("a: <% if x %>1<% end %>\nb: <%= 1 + 1 %>\nc: <%# note %>x <%% y\nd: <%= ENV['a b'] %>\ne: <%", env);
        assert_eq!(r.text, "a: 1\nb: __snowplowctl_erb__\nc: x <% y\nd: __snowplowctl_erb__\ne: ");
        let offsets: Vec<usize> = r.problems.iter().map(|p| p.offset).collect();
        assert_eq!(offsets, [3, 14, 27, 65, 86]);
        assert!(r.problems[2].message.contains("not an environment lookup"), "{}", r.problems[2].message);
        assert!(r.problems[4].message.contains("never closed"));
    }

    #[test]
    fn maps_rendered_offsets_back() {
        let text = "a: <%= ENV['SET'] %>\nb: 1\n";
        let r = render(text, env);
        let b = r.text.find("b:").unwrap();
        assert_eq!(r.original_offset(b), text.find("b:").unwrap());
        assert_eq!(r.original_offset(5), 3);
        assert_eq!(r.original_offset(1), 1);
    }

    #[test]
    fn secrets_are_redacted_and_never_debug_printed() {
        let r = render("k: <%= ENV['SET'] %>", env);
        assert_eq!(r.redact("bad value AKIAEXAMPLEVALUE here", |_| true), "bad value <redacted> here");
        assert_eq!(r.redact("AKIAEXAMPLEVALUE", |l| l.variable != "SET"), "AKIAEXAMPLEVALUE");
        assert!(!format!("{r:?}").contains("AKIAEXAMPLEVALUE"));
    }
}
