//! Text that may hold Dataflow Runner template variables, and the values that replace them.
//!
//! Dataflow Runner renders every config with Go's `text/template` before reading it, so the
//! generator writes two kinds of text:
//!
//! * literal text from config.yml and the other inputs: every `{{` in it is written as
//!   ``{{`{{`}}`` (a Go raw-string action that renders as `{{`), so that a value can never be
//!   taken for an action;
//! * [`Variable`]s: the run id, the ETL timestamp and the run being recovered. A value given at
//!   generation time ([`RunValues`]) is written as it is; otherwise the variable is written as
//!   `{{.name}}`, to be supplied with `dataflow-runner … --vars name,value,…`.

use std::fmt;

use chrono::NaiveDateTime;

/// A value that changes from run to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Variable {
    /// This run's id, `YYYY-MM-DD-hh-mm-ss`: the `run=` folder its output goes to.
    RunId,
    /// This run's ETL timestamp in epoch milliseconds, for Spark Enrich's `--etl-timestamp`.
    EtlTimestamp,
    /// The id of the interrupted run whose output a recover-mode archive step moves.
    RecoverRunId,
}

impl Variable {
    /// Every variable.
    pub const ALL: [Variable; 3] = [Variable::RunId, Variable::EtlTimestamp, Variable::RecoverRunId];

    /// The template variable name (`{{.runId}}`).
    pub fn name(self) -> &'static str {
        match self {
            Variable::RunId => "runId",
            Variable::EtlTimestamp => "etlTimestamp",
            Variable::RecoverRunId => "recoverRunId",
        }
    }

    /// The `snowplowctl generate` option that bakes the value in.
    pub fn option(self) -> &'static str {
        match self {
            Variable::RunId => "--run-id",
            Variable::EtlTimestamp => "--etl-timestamp",
            Variable::RecoverRunId => "--recover-run-id",
        }
    }

    /// What the value is, for people.
    pub fn description(self) -> &'static str {
        match self {
            Variable::RunId => "this run's id, YYYY-MM-DD-hh-mm-ss (UTC is a good choice)",
            Variable::EtlTimestamp => "this run's ETL timestamp in epoch milliseconds",
            Variable::RecoverRunId => {
                "the id of the interrupted run to archive: the `run=` folder it left in enriched.good / shredded.good"
            }
        }
    }

    /// The longest value the variable can take, for EMR's argument length limit.
    pub fn max_len(self) -> usize {
        match self {
            Variable::RunId | Variable::RecoverRunId => RUN_ID_FORMAT_LEN,
            Variable::EtlTimestamp => u64::MAX.to_string().len(),
        }
    }
}

impl fmt::Display for Variable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// EmrEtlRunner's run id layout (`Time#strftime`), which RDB Loader also parses.
const RUN_ID_FORMAT: &str = "%Y-%m-%d-%H-%M-%S";

/// Length of a run id such as `2024-01-31-23-59-59`.
const RUN_ID_FORMAT_LEN: usize = 19;

/// A run id: `YYYY-MM-DD-hh-mm-ss`, as EmrEtlRunner writes them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunId(String);

impl RunId {
    /// Parses a run id; it must be a real date and time written with zero padding.
    pub fn parse(text: &str) -> Result<RunId, String> {
        let valid = text.len() == RUN_ID_FORMAT_LEN
            && NaiveDateTime::parse_from_str(text, RUN_ID_FORMAT)
                .is_ok_and(|t| t.format(RUN_ID_FORMAT).to_string() == text);
        if valid {
            Ok(RunId(text.to_owned()))
        } else {
            Err(format!(
                "`{text}` is not a run id: write the date and time as YYYY-MM-DD-hh-mm-ss, e.g. 2024-01-31-23-59-59 \
                 (RDB Loader reads run folders in this form)"
            ))
        }
    }

    /// The id.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An ETL timestamp: epoch milliseconds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EtlTimestamp(String);

impl EtlTimestamp {
    /// Parses epoch milliseconds (digits only).
    pub fn parse(text: &str) -> Result<EtlTimestamp, String> {
        if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) && text.parse::<u64>().is_ok() {
            Ok(EtlTimestamp(text.to_owned()))
        } else {
            Err(format!("`{text}` is not an ETL timestamp: give epoch milliseconds, e.g. 1706745599000"))
        }
    }

    /// The timestamp.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Values baked in at generation time; a variable without a value stays a template variable.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RunValues {
    /// `--run-id`.
    pub run_id: Option<RunId>,
    /// `--etl-timestamp`.
    pub etl_timestamp: Option<EtlTimestamp>,
    /// `--recover-run-id`.
    pub recover_run_id: Option<RunId>,
}

impl RunValues {
    /// The value of `variable`, if one was given.
    pub fn get(&self, variable: Variable) -> Option<&str> {
        match variable {
            Variable::RunId => self.run_id.as_ref().map(RunId::as_str),
            Variable::EtlTimestamp => self.etl_timestamp.as_ref().map(EtlTimestamp::as_str),
            Variable::RecoverRunId => self.recover_run_id.as_ref().map(RunId::as_str),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Literal(String),
    Variable(Variable),
}

/// Text made of literal pieces and [`Variable`]s.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TemplateText(Vec<Piece>);

impl TemplateText {
    /// Literal text.
    pub fn literal(text: impl Into<String>) -> Self {
        TemplateText(vec![Piece::Literal(text.into())])
    }

    /// Appends literal text.
    #[must_use]
    pub fn then(mut self, text: &str) -> Self {
        match self.0.last_mut() {
            Some(Piece::Literal(last)) => last.push_str(text),
            _ => self.0.push(Piece::Literal(text.to_owned())),
        }
        self
    }

    /// Appends a variable.
    #[must_use]
    pub fn then_variable(mut self, variable: Variable) -> Self {
        self.0.push(Piece::Variable(variable));
        self
    }

    /// Appends other text.
    #[must_use]
    pub fn then_text(mut self, other: &TemplateText) -> Self {
        for piece in &other.0 {
            self = match piece {
                Piece::Literal(text) => self.then(text),
                Piece::Variable(variable) => self.then_variable(*variable),
            };
        }
        self
    }

    /// The variables used, in order of first use.
    pub fn variables(&self) -> Vec<Variable> {
        let mut out = Vec::new();
        for piece in &self.0 {
            if let Piece::Variable(v) = piece
                && !out.contains(v)
            {
                out.push(*v);
            }
        }
        out
    }

    /// The text as written into a Dataflow Runner config: literal `{{` escaped, variables
    /// replaced by their value or written as `{{.name}}`.
    pub fn render(&self, values: &RunValues) -> String {
        let mut out = String::new();
        for piece in &self.0 {
            match piece {
                Piece::Literal(text) => out.push_str(&escape_template(text)),
                Piece::Variable(variable) => match values.get(*variable) {
                    Some(value) => out.push_str(value),
                    None => out.push_str(&format!("{{{{.{}}}}}", variable.name())),
                },
            }
        }
        out
    }

    /// The text for people: literal text as it is, unset variables as `{{.name}}`.
    pub fn display(&self, values: &RunValues) -> String {
        let mut out = String::new();
        for piece in &self.0 {
            match piece {
                Piece::Literal(text) => out.push_str(text),
                Piece::Variable(variable) => match values.get(*variable) {
                    Some(value) => out.push_str(value),
                    None => out.push_str(&format!("{{{{.{}}}}}", variable.name())),
                },
            }
        }
        out
    }

    /// The longest the text can be once Dataflow Runner has rendered it, in characters.
    pub fn max_rendered_len(&self, values: &RunValues) -> usize {
        self.0
            .iter()
            .map(|piece| match piece {
                Piece::Literal(text) => text.chars().count(),
                Piece::Variable(variable) => values.get(*variable).map_or(variable.max_len(), |v| v.chars().count()),
            })
            .sum()
    }
}

/// Writes every `{{` in literal text as ``{{`{{`}}``, which Go's `text/template` renders as
/// `{{`. A raw string (backquotes) is used because a JSON string cannot hold the `"` of a
/// quoted Go string without a backslash, which Go would then see inside the action.
pub fn escape_template(text: &str) -> String {
    text.replace("{{", "{{`{{`}}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataflow::template::{self, RenderOptions};

    #[test]
    fn run_ids_are_checked() {
        assert!(RunId::parse("2024-01-31-23-59-59").is_ok());
        for bad in ["2024-1-31-23-59-59", "2024-02-30-00-00-00", "2024-01-31 23:59:59", "now", ""] {
            assert!(RunId::parse(bad).is_err(), "{bad}");
        }
        assert!(EtlTimestamp::parse("1706745599000").is_ok());
        for bad in ["", "-1", "1.5", "17067455990000000000000"] {
            assert!(EtlTimestamp::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn variables_are_written_as_template_actions_or_values() {
        let text = TemplateText::literal("s3://b/run=").then_variable(Variable::RunId).then("/");
        assert_eq!(text.render(&RunValues::default()), "s3://b/run={{.runId}}/");
        let values = RunValues { run_id: Some(RunId::parse("2024-01-31-23-59-59").unwrap()), ..Default::default() };
        assert_eq!(text.render(&values), "s3://b/run=2024-01-31-23-59-59/");
        assert_eq!(text.max_rendered_len(&RunValues::default()), "s3://b/run=2024-01-31-23-59-59/".len());
        assert_eq!(text.variables(), [Variable::RunId]);
    }

    #[test]
    fn literal_braces_survive_dataflow_runner_rendering() {
        let text = TemplateText::literal("a {{.x}} b }} {{").then_variable(Variable::RunId);
        let rendered = text.render(&RunValues::default());
        let json = serde_json::to_string(&rendered).unwrap();
        let vars = [("runId".to_owned(), "R".to_owned())].into_iter().collect();
        let out = template::render(&json, &RenderOptions { vars, ..RenderOptions::default() }).unwrap();
        assert_eq!(serde_json::from_str::<String>(&out.text).unwrap(), "a {{.x}} b }} {{R");
    }
}
