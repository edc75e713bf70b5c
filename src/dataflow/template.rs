//! Dataflow Runner's templates: the part of Go `text/template` its configs use.
//!
//! Dataflow Runner runs every cluster config and playbook through Go's `text/template` with
//! `missingkey=error` before parsing the JSON. This module renders the same subset:
//!
//! * `{{.name}}`: a `--vars` variable; a missing one is an error, as with `missingkey=error`.
//! * Calls of Dataflow Runner's functions: `nowWithFormat "layout"`,
//!   `timeWithFormat "epochSeconds" "layout"`, `systemEnv "NAME"`, `base64 "text"` and
//!   `base64File "path"`, with arguments that are string, number or boolean literals,
//!   variables or parenthesised pipelines.
//! * Pipelines (`{{.x | base64}}`: the left value becomes the last argument), trim markers
//!   (`{{- … -}}`) and comments (`{{/* … */}}`).
//!
//! A function Dataflow Runner does not define is an error (`function "x" not defined`), as in
//! Go. Go's control structures (`if`, `range`, …), its built-in functions (`printf`, …) and
//! `$variables` are valid Go but outside the subset: they are reported as
//! [`TemplateErrorKind::Unsupported`] rather than misrendered.
//!
//! In [`Lookups::Defer`] mode an unset environment variable or an unreadable `base64File`
//! is not an error: it is recorded as a [`DeferredLookup`] and renders as an empty string,
//! because the machine that checks a config rarely has the environment it runs in.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use std::path::PathBuf;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use chrono::{DateTime, FixedOffset, Local, Utc};

use super::go_time;
use crate::source::{Position, position_of};

/// The functions Dataflow Runner defines, with their number of (string) arguments.
pub const FUNCTIONS: &[(&str, usize)] =
    &[("nowWithFormat", 1), ("timeWithFormat", 2), ("systemEnv", 1), ("base64", 1), ("base64File", 1)];

/// Go's predefined template functions: valid in Dataflow Runner, but not rendered here.
const GO_BUILTINS: &[&str] = &[
    "and", "call", "html", "index", "slice", "js", "len", "not", "or", "print", "printf", "println", "urlquery", "eq",
    "ge", "gt", "le", "lt", "ne",
];

/// Go template keywords (control structures and definitions).
const GO_KEYWORDS: &[&str] =
    &["if", "else", "end", "range", "with", "define", "template", "block", "break", "continue"];

/// Where "now" comes from, and the time zone times are shown in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Clock {
    /// The system clock, in the local time zone (as Dataflow Runner does).
    #[default]
    System,
    /// A fixed instant; its offset is also used for `timeWithFormat`.
    Fixed(DateTime<FixedOffset>),
}

impl Clock {
    fn now(&self) -> DateTime<FixedOffset> {
        match self {
            Clock::System => Local::now().fixed_offset(),
            Clock::Fixed(time) => *time,
        }
    }

    fn at_epoch(&self, seconds: i64) -> Option<DateTime<FixedOffset>> {
        let utc = DateTime::<Utc>::from_timestamp(seconds, 0)?;
        Some(match self {
            Clock::System => utc.with_timezone(&Local).fixed_offset(),
            Clock::Fixed(time) => utc.with_timezone(time.offset()),
        })
    }
}

/// Where `systemEnv` reads variables from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Environment {
    /// The process environment.
    #[default]
    Process,
    /// A fixed set of variables (tests, or a recorded environment).
    Fixed(BTreeMap<String, String>),
}

impl Environment {
    fn get(&self, name: &str) -> Option<String> {
        match self {
            Environment::Process => std::env::var(name).ok(),
            Environment::Fixed(vars) => vars.get(name).cloned(),
        }
    }
}

/// What to do when `systemEnv` or `base64File` cannot find what it looks up.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Lookups {
    /// Fail, as Dataflow Runner does.
    #[default]
    Required,
    /// Record a [`DeferredLookup`] and render an empty string.
    Defer,
}

/// How to render a template.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// Variables for `{{.name}}` (Dataflow Runner's `--vars`).
    pub vars: BTreeMap<String, String>,
    /// The clock for `nowWithFormat` and the time zone for `timeWithFormat`.
    pub clock: Clock,
    /// Where `systemEnv` reads from.
    pub environment: Environment,
    /// Whether missing environment variables and files are errors.
    pub lookups: Lookups,
}

/// Something a template looks up outside itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    /// `systemEnv "NAME"`.
    Env(String),
    /// `base64File "path"`.
    File(PathBuf),
}

impl fmt::Display for Lookup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Lookup::Env(name) => write!(f, "environment variable {name}"),
            Lookup::File(path) => write!(f, "file {}", path.display()),
        }
    }
}

/// A lookup that could not be made while rendering in [`Lookups::Defer`] mode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeferredLookup {
    /// What was looked up.
    pub lookup: Lookup,
    /// Why it failed (`not set`, or the I/O error).
    pub reason: String,
    /// Where the call is in the template.
    pub position: Position,
}

/// The kinds of template problems.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TemplateErrorKind {
    /// The template cannot be parsed (unclosed action, bad literal, misplaced token).
    Syntax,
    /// A function that Dataflow Runner does not define.
    UnknownFunction,
    /// `{{.name}}` with no such variable.
    MissingVariable,
    /// An unset environment variable or unreadable file (only with [`Lookups::Required`]).
    Lookup,
    /// A function was called wrongly or failed (argument count or type, bad epoch).
    Evaluation,
    /// Valid Go template syntax that this renderer does not evaluate.
    Unsupported,
}

/// One template problem, at a line and column of the template.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {}, column {}: {message}", position.line, position.column)]
pub struct TemplateError {
    /// What kind of problem.
    pub kind: TemplateErrorKind,
    /// What is wrong and what was expected.
    pub message: String,
    /// Where (1-based line and column).
    pub position: Position,
    /// Byte offset in the template.
    pub offset: usize,
}

/// Every problem found in a template (never empty).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
pub struct TemplateErrors(pub Vec<TemplateError>);

/// Where a piece of the rendered text came from.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Segment {
    rendered: Range<usize>,
    original: Range<usize>,
    /// Output of an action rather than text copied from the template.
    action: bool,
    /// The output may hold a secret (it came from the environment or a file).
    sensitive: bool,
}

/// A rendered template, with a map back to the template's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// The output.
    pub text: String,
    /// Lookups deferred in [`Lookups::Defer`] mode, in template order.
    pub deferred: Vec<DeferredLookup>,
    segments: Vec<Segment>,
}

impl Rendered {
    /// Whether the template had any action or comment, i.e. whether the output can differ
    /// from the input.
    pub fn had_actions(&self) -> bool {
        self.segments.iter().any(|s| s.action)
    }

    /// The byte offset in the template that produced byte `offset` of the output: the same
    /// character for copied text, the start of the action (`{{`) for an action's output.
    pub fn original_offset(&self, offset: usize) -> usize {
        let containing = self.segments.iter().find(|s| s.rendered.contains(&offset) && !s.rendered.is_empty());
        match containing {
            Some(s) if s.action => s.original.start,
            Some(s) => s.original.start + (offset - s.rendered.start),
            // Past the end: the end of the last segment.
            None => self.segments.last().map_or(0, |s| if s.action { s.original.start } else { s.original.end }),
        }
    }

    /// Line `line` (1-based) of the output, with the output of actions that read the
    /// environment or files replaced by `***` so that it can be shown without leaking secrets.
    pub fn masked_line(&self, line: usize) -> Option<String> {
        let start = if line <= 1 { 0 } else { self.text.match_indices('\n').nth(line - 2).map(|(i, _)| i + 1)? };
        let end = self.text[start..].find('\n').map_or(self.text.len(), |i| start + i);
        // Segments tile the output in order, so the line is the concatenation of its pieces.
        let mut shown = String::new();
        for s in &self.segments {
            let (from, to) = (s.rendered.start.max(start), s.rendered.end.min(end));
            if from < to {
                shown.push_str(if s.sensitive { "***" } else { &self.text[from..to] });
            }
        }
        Some(shown.trim_end_matches('\r').to_owned())
    }
}

/// Renders `template` with `options`. Parsing stops at the first parse error (syntax, an
/// unknown function or an unsupported construct), as Go's does; evaluation goes on after a
/// failed action (its output is empty) so that every evaluation problem is reported.
pub fn render(template: &str, options: &RenderOptions) -> Result<Rendered, TemplateErrors> {
    let nodes = Parser::new(template).parse().map_err(|e| TemplateErrors(vec![e]))?;
    let mut evaluator = Evaluator { template, options, deferred: Vec::new(), errors: Vec::new() };
    let mut text = String::new();
    let mut segments = Vec::new();
    for node in &nodes {
        let start = text.len();
        match node {
            Node::Text(range) => {
                text.push_str(&template[range.clone()]);
                segments.push(Segment {
                    rendered: start..text.len(),
                    original: range.clone(),
                    action: false,
                    sensitive: false,
                });
            }
            Node::Comment(span) => {
                segments.push(Segment {
                    rendered: start..start,
                    original: span.clone(),
                    action: true,
                    sensitive: false,
                });
            }
            Node::Action { pipeline, span } => {
                let (output, sensitive) = match evaluator.pipeline(pipeline) {
                    Ok(value) => (value.print(), value.is_sensitive()),
                    Err(error) => {
                        evaluator.errors.push(error);
                        (String::new(), false)
                    }
                };
                text.push_str(&output);
                segments.push(Segment { rendered: start..text.len(), original: span.clone(), action: true, sensitive });
            }
        }
    }
    if evaluator.errors.is_empty() {
        Ok(Rendered { text, deferred: evaluator.deferred, segments })
    } else {
        Err(TemplateErrors(evaluator.errors))
    }
}

// ---------------------------------------------------------------------------------------------
// Parsing

#[derive(Debug, Clone, PartialEq)]
enum Node {
    /// Template text (after trimming), by byte range.
    Text(Range<usize>),
    /// `{{/* … */}}`, by the span of the whole action.
    Comment(Range<usize>),
    /// `{{ pipeline }}`, with the span of the whole action.
    Action { pipeline: Pipeline, span: Range<usize> },
}

#[derive(Debug, Clone, PartialEq)]
struct Pipeline {
    commands: Vec<Command>,
}

#[derive(Debug, Clone, PartialEq)]
struct Command {
    operands: Vec<Operand>,
}

#[derive(Debug, Clone, PartialEq)]
struct Operand {
    term: Term,
    offset: usize,
}

#[derive(Debug, Clone, PartialEq)]
enum Term {
    /// `.a` or `.a.b`.
    Field(Vec<String>),
    String(String),
    Int(i64),
    Float(f64),
    Bool(bool),
    Nil,
    /// A function name.
    Function(String),
    Parens(Pipeline),
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Space,
    Pipe,
    LeftParen,
    RightParen,
    Term(Term),
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\n')
}

fn is_word(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}

struct Parser<'a> {
    src: &'a str,
    pos: usize,
}

impl<'a> Parser<'a> {
    fn new(src: &'a str) -> Self {
        Parser { src, pos: 0 }
    }

    fn error(&self, kind: TemplateErrorKind, offset: usize, message: impl Into<String>) -> TemplateError {
        TemplateError { kind, message: message.into(), position: position_of(self.src.as_bytes(), offset), offset }
    }

    fn rest(&self) -> &'a str {
        &self.src[self.pos..]
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    /// At a right delimiter (`}}` or ` -}}`): its length and whether it trims.
    fn at_right_delim(&self) -> Option<(usize, bool)> {
        let rest = self.rest();
        if rest.starts_with("}}") {
            return Some((2, false));
        }
        let mut chars = rest.chars();
        match (chars.next(), chars.as_str()) {
            (Some(c), after) if is_space(c) && after.starts_with("-}}") => Some((1 + 3, true)),
            _ => None,
        }
    }

    fn parse(mut self) -> Result<Vec<Node>, TemplateError> {
        let mut nodes = Vec::new();
        let mut trim_next = false;
        while self.pos < self.src.len() {
            let text_start = self.pos;
            let open = self.rest().find("{{").map_or(self.src.len(), |i| self.pos + i);
            let mut text = text_start..open;
            if trim_next {
                let trimmed = self.src[text.clone()].trim_start_matches(is_space);
                text.start = text.end - trimmed.len();
            }
            let left_trim =
                self.src[open..].starts_with("{{-") && self.src[open + 3..].chars().next().is_some_and(is_space);
            if left_trim {
                let trimmed = self.src[text.clone()].trim_end_matches(is_space);
                text.end = text.start + trimmed.len();
            }
            if !text.is_empty() {
                nodes.push(Node::Text(text));
            }
            if open == self.src.len() {
                break;
            }
            // Skip `{{` and the trim marker with its one whitespace character.
            self.pos = open + 2;
            if left_trim {
                self.pos += 1 + self.rest().chars().next().map_or(0, char::len_utf8);
            }
            if self.rest().starts_with("/*") {
                trim_next = self.comment(open)?;
                nodes.push(Node::Comment(open..self.pos));
            } else {
                let (pipeline, trims) = self.action(open)?;
                trim_next = trims;
                nodes.push(Node::Action { pipeline, span: open..self.pos });
            }
        }
        Ok(nodes)
    }

    /// A comment starting at `self.pos` (`/*`); returns whether it ends with a trim marker.
    fn comment(&mut self, open: usize) -> Result<bool, TemplateError> {
        let Some(end) = self.rest().find("*/") else {
            return Err(self.error(TemplateErrorKind::Syntax, open, "unclosed comment: expected `*/}}`"));
        };
        self.pos += end + 2;
        match self.at_right_delim() {
            Some((len, trims)) => {
                self.pos += len;
                Ok(trims)
            }
            None => Err(self.error(
                TemplateErrorKind::Syntax,
                open,
                "comment ends before closing delimiter: expected `}}` right after `*/`",
            )),
        }
    }

    /// Lexes the inside of an action up to its right delimiter.
    fn tokens(&mut self, open: usize) -> Result<(Vec<(Token, usize)>, bool), TemplateError> {
        use TemplateErrorKind::{Syntax, Unsupported};
        let mut tokens = Vec::new();
        let mut depth = 0usize;
        loop {
            if let Some((len, trims)) = self.at_right_delim() {
                if depth > 0 {
                    return Err(self.error(Syntax, self.pos, "unclosed left paren: expected `)` before `}}`"));
                }
                self.pos += len;
                return Ok((tokens, trims));
            }
            let start = self.pos;
            let Some(c) = self.peek() else {
                return Err(self.error(Syntax, open, "unclosed action: expected `}}`"));
            };
            let token = match c {
                c if is_space(c) => {
                    let len = self.rest().len() - self.rest().trim_start_matches(is_space).len();
                    self.pos += len;
                    // A space directly before ` -}}` belongs to the delimiter.
                    if self.at_right_delim().is_none() && self.rest().starts_with("-}}") {
                        self.pos -= 1;
                    }
                    Token::Space
                }
                '|' => {
                    self.pos += 1;
                    Token::Pipe
                }
                '(' => {
                    self.pos += 1;
                    depth += 1;
                    Token::LeftParen
                }
                ')' => {
                    if depth == 0 {
                        return Err(self.error(Syntax, start, "unexpected `)`: no `(` to close"));
                    }
                    self.pos += 1;
                    depth -= 1;
                    Token::RightParen
                }
                '"' => Token::Term(Term::String(self.quoted()?)),
                '`' => Token::Term(Term::String(self.raw_quoted()?)),
                '.' if self.rest()[1..].starts_with(|c: char| c.is_ascii_digit()) => self.number()?,
                '.' => Token::Term(self.field()?),
                '0'..='9' | '+' | '-' => self.number()?,
                '$' => {
                    return Err(self.error(
                        Unsupported,
                        start,
                        "template variables (`$name`) are valid Go but not rendered by snowplowctl",
                    ));
                }
                '\'' => {
                    return Err(self.error(
                        Unsupported,
                        start,
                        "character constants (`'x'`) are valid Go but not rendered by snowplowctl",
                    ));
                }
                c if is_word(c) => {
                    let word: String = self.rest().chars().take_while(|c| is_word(*c)).collect();
                    self.pos += word.len();
                    match word.as_str() {
                        "true" => Token::Term(Term::Bool(true)),
                        "false" => Token::Term(Term::Bool(false)),
                        "nil" => Token::Term(Term::Nil),
                        w if GO_KEYWORDS.contains(&w) => {
                            return Err(self.error(
                                Unsupported,
                                start,
                                format!(
                                    "`{w}` actions are valid Go but not rendered by snowplowctl: \
                                     expected a value or a function call"
                                ),
                            ));
                        }
                        w if GO_BUILTINS.contains(&w) => {
                            return Err(self.error(
                                Unsupported,
                                start,
                                format!(
                                    "the Go built-in function `{w}` is not rendered by snowplowctl: expected one of {}",
                                    function_list()
                                ),
                            ));
                        }
                        w if FUNCTIONS.iter().any(|(name, _)| *name == w) => Token::Term(Term::Function(word)),
                        w => {
                            return Err(self.error(
                                TemplateErrorKind::UnknownFunction,
                                start,
                                format!("function \"{w}\" not defined: expected one of {}", function_list()),
                            ));
                        }
                    }
                }
                c => {
                    return Err(self.error(
                        Syntax,
                        start,
                        format!("unexpected {c:?} in action: expected a value, a function or `}}}}`"),
                    ));
                }
            };
            tokens.push((token, start));
        }
    }

    fn quoted(&mut self) -> Result<String, TemplateError> {
        let start = self.pos;
        let src: &str = self.src;
        let mut out = String::new();
        let mut chars = src[start + 1..].char_indices();
        let unterminated =
            |p: &Self| p.error(TemplateErrorKind::Syntax, start, "unterminated quoted string: expected `\"`");
        while let Some((i, c)) = chars.next() {
            match c {
                '"' => {
                    self.pos = start + 1 + i + 1;
                    return Ok(out);
                }
                '\n' => return Err(unterminated(self)),
                '\\' => {
                    let Some((_, escape)) = chars.next() else { return Err(unterminated(self)) };
                    let simple = match escape {
                        'n' => Some('\n'),
                        't' => Some('\t'),
                        'r' => Some('\r'),
                        'a' => Some('\u{7}'),
                        'b' => Some('\u{8}'),
                        'f' => Some('\u{c}'),
                        'v' => Some('\u{b}'),
                        '\\' => Some('\\'),
                        '"' => Some('"'),
                        _ => None,
                    };
                    if let Some(c) = simple {
                        out.push(c);
                        continue;
                    }
                    let (digits, radix) = match escape {
                        'x' => (2, 16),
                        'u' => (4, 16),
                        'U' => (8, 16),
                        '0'..='7' => (2, 8),
                        other => {
                            return Err(self.error(
                                TemplateErrorKind::Syntax,
                                start,
                                format!("unknown escape sequence `\\{other}` in quoted string"),
                            ));
                        }
                    };
                    let mut code = if radix == 8 { escape.to_digit(8).unwrap_or(0) } else { 0 };
                    for _ in 0..digits {
                        let digit = chars.next().and_then(|(_, d)| d.to_digit(radix));
                        let Some(digit) = digit else {
                            return Err(self.error(
                                TemplateErrorKind::Syntax,
                                start,
                                "invalid escape in quoted string",
                            ));
                        };
                        code = code * radix + digit;
                    }
                    // `\x` and octal escapes are bytes; only ASCII bytes make sense in a JSON config.
                    match char::from_u32(code).filter(|c| (radix == 16 && escape != 'x') || c.is_ascii()) {
                        Some(c) => out.push(c),
                        None => {
                            return Err(self.error(
                                TemplateErrorKind::Syntax,
                                start,
                                "escape in quoted string is not a valid character",
                            ));
                        }
                    }
                }
                c => out.push(c),
            }
        }
        Err(unterminated(self))
    }

    fn raw_quoted(&mut self) -> Result<String, TemplateError> {
        let start = self.pos;
        match self.rest()[1..].find('`') {
            Some(end) => {
                let text = self.rest()[1..1 + end].replace('\r', "");
                self.pos = start + 1 + end + 1;
                Ok(text)
            }
            None => Err(self.error(TemplateErrorKind::Syntax, start, "unterminated raw quoted string: expected '`'")),
        }
    }

    fn number(&mut self) -> Result<Token, TemplateError> {
        let start = self.pos;
        let mut len = 0;
        let mut previous = ' ';
        for (i, c) in self.rest().char_indices() {
            let sign_ok = i == 0 || matches!(previous, 'e' | 'E' | 'p' | 'P');
            if c.is_ascii_alphanumeric() || c == '_' || c == '.' || ((c == '+' || c == '-') && sign_ok) {
                len = i + c.len_utf8();
                previous = c;
            } else {
                break;
            }
        }
        let text = &self.rest()[..len];
        self.pos += len;
        let term = parse_int(text).map(Term::Int).or_else(|| parse_float(text).map(Term::Float));
        match term {
            Some(term) => Ok(Token::Term(term)),
            None => Err(self.error(TemplateErrorKind::Syntax, start, format!("bad number syntax: `{text}`"))),
        }
    }

    fn field(&mut self) -> Result<Term, TemplateError> {
        let start = self.pos;
        let mut names = Vec::new();
        while self.rest().starts_with('.') {
            let name: String = self.rest()[1..].chars().take_while(|c| is_word(*c)).collect();
            if name.is_empty() {
                break;
            }
            self.pos += 1 + name.len();
            names.push(name);
        }
        if names.is_empty() {
            return Err(self.error(
                TemplateErrorKind::Unsupported,
                start,
                "`.` (the whole variable map) is not rendered by snowplowctl: expected `.name`",
            ));
        }
        Ok(Term::Field(names))
    }

    fn action(&mut self, open: usize) -> Result<(Pipeline, bool), TemplateError> {
        let (tokens, trims) = self.tokens(open)?;
        let mut cursor = TokenCursor { tokens: &tokens, at: 0, parser: self, open };
        let pipeline = cursor.pipeline(false)?;
        Ok((pipeline, trims))
    }
}

fn function_list() -> String {
    FUNCTIONS.iter().map(|(name, _)| format!("`{name}`")).collect::<Vec<_>>().join(", ")
}

/// Go integer literal: decimal, `0x`, `0o`, `0b`, leading-`0` octal, `_` separators, sign.
fn parse_int(text: &str) -> Option<i64> {
    let (negative, body) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let clean = body.replace('_', "");
    let lower = clean.to_ascii_lowercase();
    let (digits, radix) = if let Some(hex) = lower.strip_prefix("0x") {
        (hex, 16)
    } else if let Some(octal) = lower.strip_prefix("0o") {
        (octal, 8)
    } else if let Some(binary) = lower.strip_prefix("0b") {
        (binary, 2)
    } else if lower.len() > 1 && lower.starts_with('0') {
        (&lower[1..], 8)
    } else {
        (lower.as_str(), 10)
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    let magnitude = i128::from_str_radix(digits, radix).ok()?;
    i64::try_from(if negative { -magnitude } else { magnitude }).ok()
}

fn parse_float(text: &str) -> Option<f64> {
    let clean = text.replace('_', "");
    let looks_decimal = clean.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-'));
    looks_decimal.then(|| clean.parse::<f64>().ok()).flatten().filter(|f| f.is_finite())
}

struct TokenCursor<'t, 'p, 'a> {
    tokens: &'t [(Token, usize)],
    at: usize,
    parser: &'p Parser<'a>,
    open: usize,
}

impl TokenCursor<'_, '_, '_> {
    fn peek(&self) -> Option<&(Token, usize)> {
        self.tokens.get(self.at)
    }

    fn skip_spaces(&mut self) {
        while matches!(self.peek(), Some((Token::Space, _))) {
            self.at += 1;
        }
    }

    fn offset(&self) -> usize {
        self.peek().map_or(self.parser.pos, |(_, offset)| *offset)
    }

    fn syntax(&self, offset: usize, message: impl Into<String>) -> TemplateError {
        self.parser.error(TemplateErrorKind::Syntax, offset, message)
    }

    /// A pipeline up to `)` (when `in_parens`) or the end of the action.
    fn pipeline(&mut self, in_parens: bool) -> Result<Pipeline, TemplateError> {
        let mut commands = Vec::new();
        loop {
            self.skip_spaces();
            let command = self.command()?;
            if command.operands.is_empty() {
                let at = if commands.is_empty() && !in_parens { self.open } else { self.offset() };
                return Err(self.syntax(at, "missing value for command: expected a value or a function call"));
            }
            commands.push(command);
            match self.peek() {
                Some((Token::Pipe, _)) => self.at += 1,
                Some((Token::RightParen, _)) if in_parens => {
                    self.at += 1;
                    return Ok(Pipeline { commands });
                }
                None if !in_parens => return Ok(Pipeline { commands }),
                _ => return Err(self.syntax(self.offset(), "unexpected token: expected `|` or the end of the action")),
            }
        }
    }

    fn command(&mut self) -> Result<Command, TemplateError> {
        let mut operands = Vec::new();
        while let Some((token, offset)) = self.peek().cloned() {
            let term = match token {
                Token::Pipe | Token::RightParen => break,
                Token::Space => {
                    self.at += 1;
                    continue;
                }
                Token::LeftParen => {
                    self.at += 1;
                    Term::Parens(self.pipeline(true)?)
                }
                Token::Term(term) => {
                    self.at += 1;
                    term
                }
            };
            // Operands must be separated by spaces, as in Go.
            if let Some((next, next_offset)) = self.peek()
                && !matches!(next, Token::Space | Token::Pipe | Token::RightParen)
            {
                return Err(self.syntax(*next_offset, "unexpected token in operand: expected a space between operands"));
            }
            operands.push(Operand { term, offset });
        }
        Ok(Command { operands })
    }
}

// ---------------------------------------------------------------------------------------------
// Evaluation

#[derive(Debug, Clone, PartialEq)]
enum Value {
    Str {
        text: String,
        sensitive: bool,
    },
    Int(i64),
    Float(f64),
    Bool(bool),
    Nil,
    /// The result of a deferred lookup (or of a function applied to one).
    Deferred,
}

impl Value {
    fn print(&self) -> String {
        match self {
            Value::Str { text, .. } => text.clone(),
            Value::Int(i) => i.to_string(),
            Value::Float(f) => f.to_string(),
            Value::Bool(b) => b.to_string(),
            Value::Nil => "<no value>".to_owned(),
            Value::Deferred => String::new(),
        }
    }

    fn is_sensitive(&self) -> bool {
        matches!(self, Value::Str { sensitive: true, .. })
    }

    fn go_type(&self) -> &'static str {
        match self {
            Value::Str { .. } | Value::Deferred => "string",
            Value::Int(_) => "int",
            Value::Float(_) => "float64",
            Value::Bool(_) => "bool",
            Value::Nil => "nil",
        }
    }

    /// The value for messages: strings read from the environment or files are not shown.
    fn shown(&self) -> String {
        match self {
            Value::Str { sensitive: true, .. } => "(a value read from the environment or a file)".to_owned(),
            Value::Str { text, .. } => format!("{text:?}"),
            other => other.print(),
        }
    }
}

struct Evaluator<'a> {
    template: &'a str,
    options: &'a RenderOptions,
    deferred: Vec<DeferredLookup>,
    errors: Vec<TemplateError>,
}

impl Evaluator<'_> {
    fn error(&self, kind: TemplateErrorKind, offset: usize, message: impl Into<String>) -> TemplateError {
        TemplateError { kind, message: message.into(), position: position_of(self.template.as_bytes(), offset), offset }
    }

    fn pipeline(&mut self, pipeline: &Pipeline) -> Result<Value, TemplateError> {
        let mut last = None;
        for command in &pipeline.commands {
            last = Some(self.command(command, last)?);
        }
        Ok(last.unwrap_or(Value::Nil))
    }

    fn command(&mut self, command: &Command, piped: Option<Value>) -> Result<Value, TemplateError> {
        let Some((first, rest)) = command.operands.split_first() else { return Ok(Value::Nil) };
        if let Term::Function(name) = &first.term {
            let mut args = Vec::new();
            for operand in rest {
                args.push(self.operand(operand)?);
            }
            args.extend(piped);
            return self.call(name, args, first.offset);
        }
        if !rest.is_empty() || piped.is_some() {
            return Err(self.error(
                TemplateErrorKind::Evaluation,
                first.offset,
                format!(
                    "can't give argument to non-function {}: expected a function name first",
                    describe_term(&first.term)
                ),
            ));
        }
        let value = self.operand(first)?;
        if value == Value::Nil {
            return Err(self.error(
                TemplateErrorKind::Evaluation,
                first.offset,
                "nil is not a command: expected a value",
            ));
        }
        Ok(value)
    }

    fn operand(&mut self, operand: &Operand) -> Result<Value, TemplateError> {
        Ok(match &operand.term {
            Term::Field(names) => {
                let Some(value) = self.options.vars.get(&names[0]) else {
                    return Err(self.error(
                        TemplateErrorKind::MissingVariable,
                        operand.offset,
                        format!(
                            "variable \"{}\" is not set: expected it among the --vars (Go: map has no entry for key)",
                            names[0]
                        ),
                    ));
                };
                if names.len() > 1 {
                    return Err(self.error(
                        TemplateErrorKind::Evaluation,
                        operand.offset,
                        format!("can't evaluate field {} in type string: variables are plain strings", names[1]),
                    ));
                }
                Value::Str { text: value.clone(), sensitive: false }
            }
            Term::String(text) => Value::Str { text: text.clone(), sensitive: false },
            Term::Int(i) => Value::Int(*i),
            Term::Float(f) => Value::Float(*f),
            Term::Bool(b) => Value::Bool(*b),
            Term::Nil => Value::Nil,
            // A function name as an argument is a call without arguments.
            Term::Function(name) => self.call(name, Vec::new(), operand.offset)?,
            Term::Parens(pipeline) => self.pipeline(pipeline)?,
        })
    }

    fn call(&mut self, name: &str, args: Vec<Value>, offset: usize) -> Result<Value, TemplateError> {
        use TemplateErrorKind::Evaluation;
        let arity = FUNCTIONS.iter().find(|(n, _)| *n == name).map_or(0, |(_, arity)| *arity);
        if args.len() != arity {
            return Err(self.error(
                Evaluation,
                offset,
                format!("wrong number of args for {name}: want {arity} got {}", args.len()),
            ));
        }
        let mut strings = Vec::new();
        let mut sensitive = false;
        for (i, arg) in args.iter().enumerate() {
            match arg {
                Value::Str { text, sensitive: s } => {
                    strings.push(text.as_str());
                    sensitive |= s;
                }
                Value::Deferred => return Ok(Value::Deferred),
                other => {
                    return Err(self.error(
                        Evaluation,
                        offset,
                        format!(
                            "wrong type for argument {} of {name}: expected string; got {}",
                            i + 1,
                            other.go_type()
                        ),
                    ));
                }
            }
        }
        let clock = &self.options.clock;
        let text = match (name, strings.as_slice()) {
            ("nowWithFormat", [layout]) => go_time::format(&clock.now(), layout),
            ("timeWithFormat", [epoch, layout]) => {
                let shown = || args[0].shown();
                let Ok(seconds) = parse_go_int64(epoch) else {
                    return Err(self.error(
                        Evaluation,
                        offset,
                        format!("timeWithFormat: expected epoch seconds as a whole number, got {}", shown()),
                    ));
                };
                let Some(time) = clock.at_epoch(seconds) else {
                    return Err(self.error(
                        Evaluation,
                        offset,
                        format!("timeWithFormat: {} seconds is out of the supported time range", shown()),
                    ));
                };
                go_time::format(&time, layout)
            }
            ("systemEnv", [variable]) => match self.options.environment.get(variable) {
                Some(value) => return Ok(Value::Str { text: value, sensitive: true }),
                None => return self.lookup_failed(Lookup::Env((*variable).to_owned()), "not set".to_owned(), offset),
            },
            ("base64", [text]) => BASE64.encode(text),
            ("base64File", [path]) => match std::fs::read(path) {
                Ok(content) => return Ok(Value::Str { text: BASE64.encode(content), sensitive: true }),
                Err(error) => return self.lookup_failed(Lookup::File(PathBuf::from(path)), error.to_string(), offset),
            },
            _ => return Err(self.error(Evaluation, offset, format!("function \"{name}\" not defined"))),
        };
        Ok(Value::Str { text, sensitive })
    }

    fn lookup_failed(&mut self, lookup: Lookup, reason: String, offset: usize) -> Result<Value, TemplateError> {
        let position = position_of(self.template.as_bytes(), offset);
        match self.options.lookups {
            Lookups::Defer => {
                self.deferred.push(DeferredLookup { lookup, reason, position });
                Ok(Value::Deferred)
            }
            Lookups::Required => {
                let message = match &lookup {
                    Lookup::Env(name) => format!("environment variable {name} not set"),
                    Lookup::File(path) => format!("cannot read {}: {reason}", path.display()),
                };
                Err(self.error(TemplateErrorKind::Lookup, offset, message))
            }
        }
    }
}

/// Go's `strconv.ParseInt(s, 10, 64)`: optional sign and decimal digits, nothing else.
fn parse_go_int64(text: &str) -> Result<i64, ()> {
    let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(());
    }
    text.parse().map_err(|_| ())
}

fn describe_term(term: &Term) -> String {
    match term {
        Term::Field(names) => format!(".{}", names.join(".")),
        Term::String(s) => format!("{s:?}"),
        Term::Int(i) => i.to_string(),
        Term::Float(f) => f.to_string(),
        Term::Bool(b) => b.to_string(),
        Term::Nil => "nil".to_owned(),
        Term::Function(name) => name.clone(),
        Term::Parens(_) => "(…)".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn options() -> RenderOptions {
        let clock = FixedOffset::east_opt(0).unwrap().with_ymd_and_hms(2021, 11, 30, 9, 8, 7).unwrap();
        RenderOptions {
            vars: [("env", "prod"), ("epoch", "1600000000")].map(|(k, v)| (k.to_owned(), v.to_owned())).into(),
            clock: Clock::Fixed(clock),
            environment: Environment::Fixed([("HOME_DIR".to_owned(), "/home/x".to_owned())].into()),
            lookups: Lookups::Required,
        }
    }

    fn ok(template: &str) -> String {
        match render(template, &options()) {
            Ok(rendered) => rendered.text,
            Err(e) => panic!("{template:?} failed: {e}"),
        }
    }

    fn errors(template: &str) -> Vec<TemplateError> {
        render(template, &options()).expect_err(template).0
    }

    fn error(template: &str) -> TemplateError {
        let mut all = errors(template);
        assert_eq!(all.len(), 1, "{all:?}");
        all.remove(0)
    }

    #[test]
    fn variables_and_missing_keys() {
        assert_eq!(ok("{\"n\": \"{{.env}}-{{ .env }}\"}"), "{\"n\": \"prod-prod\"}");
        let e = error("{\n  \"a\": \"{{.nope}}\"\n}");
        assert_eq!(e.kind, TemplateErrorKind::MissingVariable);
        assert_eq!(e.position, Position { line: 2, column: 11 });
        assert_eq!(
            e.to_string(),
            "line 2, column 11: variable \"nope\" is not set: expected it among the --vars (Go: map has no entry for key)"
        );
        assert_eq!(error("{{.env.sub}}").kind, TemplateErrorKind::Evaluation);
    }

    #[test]
    fn dataflow_runner_functions() {
        assert_eq!(ok("{{nowWithFormat \"2006-01-02-15-04-05\"}}"), "2021-11-30-09-08-07");
        assert_eq!(ok("{{timeWithFormat \"1600000000\" \"2006-01-02 15:04\"}}"), "2020-09-13 12:26");
        assert_eq!(ok("{{timeWithFormat .epoch \"2006\"}}"), "2020");
        assert_eq!(ok("{{timeWithFormat \"-1\" \"2006\"}}"), "1969");
        assert_eq!(ok("{{systemEnv \"HOME_DIR\"}}"), "/home/x");
        assert_eq!(ok("{{base64 \"hello\"}}"), "aGVsbG8=");
        assert_eq!(ok("{{.env | base64}}"), "cHJvZA==");
        assert_eq!(ok("{{base64 (systemEnv \"HOME_DIR\")}}"), "L2hvbWUveA==");
        assert_eq!(ok("{{\"2006\" | timeWithFormat .epoch}}"), "2020");
        assert_eq!(ok("{{(base64 \"a\")}}"), "YQ==");
        let file = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(file.path(), b"{\"a\":1}").unwrap();
        let template = format!("{{{{base64File {:?}}}}}", file.path().display().to_string());
        assert_eq!(ok(&template), "eyJhIjoxfQ==");
    }

    #[test]
    fn function_errors() {
        let e = error("x {{secret \"db\"}}");
        assert_eq!(e.kind, TemplateErrorKind::UnknownFunction);
        assert!(e.message.starts_with("function \"secret\" not defined"), "{}", e.message);
        assert_eq!(e.position, Position { line: 1, column: 5 });
        let e = error("{{timeWithFormat \"soon\" \"2006\"}}");
        assert_eq!(e.kind, TemplateErrorKind::Evaluation);
        assert!(e.message.contains("expected epoch seconds as a whole number, got \"soon\""), "{}", e.message);
        assert!(error("{{timeWithFormat \"1.5\" \"2006\"}}").message.contains("whole number"));
        assert!(error("{{timeWithFormat \"99999999999999999\" \"2006\"}}").message.contains("out of the supported"));
        assert_eq!(error("{{base64}}").message, "wrong number of args for base64: want 1 got 0");
        assert_eq!(error("{{base64 \"a\" \"b\"}}").message, "wrong number of args for base64: want 1 got 2");
        assert_eq!(error("{{base64 3}}").message, "wrong type for argument 1 of base64: expected string; got int");
        assert_eq!(error("{{base64 true}}").message, "wrong type for argument 1 of base64: expected string; got bool");
        assert!(error("{{.env \"a\"}}").message.starts_with("can't give argument to non-function .env"));
        assert!(error("{{\"a\" | .env}}").message.starts_with("can't give argument to non-function .env"));
        assert_eq!(error("{{nil}}").kind, TemplateErrorKind::Evaluation);
        // A function used as an argument is called with no arguments.
        assert_eq!(error("{{base64 systemEnv}}").message, "wrong number of args for systemEnv: want 1 got 0");
    }

    #[test]
    fn secrets_never_appear_in_messages() {
        let mut opts = options();
        opts.environment = Environment::Fixed([("T".to_owned(), "s3cr3t".to_owned())].into());
        let e = render("{{timeWithFormat (systemEnv \"T\") \"2006\"}}", &opts).unwrap_err();
        assert!(!e.to_string().contains("s3cr3t"), "{e}");
    }

    #[test]
    fn lookups_fail_or_are_deferred() {
        let e = error("{{systemEnv \"NOPE\"}}");
        assert_eq!((e.kind, e.message.as_str()), (TemplateErrorKind::Lookup, "environment variable NOPE not set"));
        let e = error("{{base64File \"/no/such/file\"}}");
        assert_eq!(e.kind, TemplateErrorKind::Lookup);
        assert!(e.message.starts_with("cannot read /no/such/file: "), "{}", e.message);

        let mut opts = options();
        opts.lookups = Lookups::Defer;
        let template =
            "a={{systemEnv \"NOPE\"}}\nb={{base64File \"/no/such/file\"}}\nc={{base64 (systemEnv \"NOPE\")}}";
        let rendered = render(template, &opts).unwrap();
        assert_eq!(rendered.text, "a=\nb=\nc=");
        let lookups: Vec<_> = rendered.deferred.iter().map(|d| (d.lookup.to_string(), d.position.line)).collect();
        assert_eq!(
            lookups,
            [
                ("environment variable NOPE".to_owned(), 1),
                ("file /no/such/file".to_owned(), 2),
                ("environment variable NOPE".to_owned(), 3)
            ]
        );
        // Deferral never hides a missing variable.
        assert!(render("{{.nope}}", &opts).is_err());
    }

    #[test]
    fn trim_markers_and_comments() {
        assert_eq!(ok("a  \n {{- .env -}} \n  b"), "aprodb");
        assert_eq!(ok("a {{-3}} b"), "a -3 b");
        assert_eq!(ok("a {{3 -}} b"), "a 3b");
        assert_eq!(ok("a {{/* note */}} b"), "a  b");
        assert_eq!(ok("a \n{{- /* note\n spans lines */ -}}\n b"), "ab");
        assert_eq!(error("{{/* open").message, "unclosed comment: expected `*/}}`");
        assert!(error("{{/* c */ }}").message.starts_with("comment ends before closing delimiter"));
        // Go needs whitespace after `{{-`: without it `/*` is not a comment.
        assert_eq!(error("{{-/* c */}}").kind, TemplateErrorKind::Syntax);
    }

    #[test]
    fn literals() {
        assert_eq!(ok("{{\"}}\"}}"), "}}");
        assert_eq!(ok("{{`raw \\n {{`}}"), "raw \\n {{");
        assert_eq!(ok("{{\"tab\\there \\\"q\\\" \\u00e9 \\x41 \\101\"}}"), "tab\there \"q\" é A A");
        assert_eq!(ok("{{42}} {{0x1F}} {{1_000}} {{-7}} {{1.5}} {{true}}"), "42 31 1000 -7 1.5 true");
        assert_eq!(error("{{\"open}}").message, "unterminated quoted string: expected `\"`");
        assert_eq!(error("{{\"a\nb\"}}").kind, TemplateErrorKind::Syntax);
        assert_eq!(error("{{\"\\q\"}}").message, "unknown escape sequence `\\q` in quoted string");
        assert_eq!(error("{{12ab}}").message, "bad number syntax: `12ab`");
        assert_eq!(error("{{`open}}").kind, TemplateErrorKind::Syntax);
    }

    #[test]
    fn syntax_errors_have_positions() {
        let e = error("ok\n  {{ .env ");
        assert_eq!((e.kind, e.position), (TemplateErrorKind::Syntax, Position { line: 2, column: 3 }));
        assert_eq!(e.message, "unclosed action: expected `}}`");
        assert!(error("{{}}").message.starts_with("missing value for command"));
        assert!(error("{{ | base64}}").message.starts_with("missing value for command"));
        assert!(error("{{base64 \"a\" |}}").message.starts_with("missing value for command"));
        assert!(error("{{base64 (\"a\"}}").message.starts_with("unclosed left paren"));
        assert!(error("{{base64 \"a\")}}").message.starts_with("unexpected `)`"));
        assert!(error("{{base64\"a\"}}").message.contains("expected a space between operands"));
        assert!(error("{{ # }}").message.starts_with("unexpected '#' in action"));
        // Positions count characters, not bytes.
        assert_eq!(error("é {{nope}}").position, Position { line: 1, column: 5 });
    }

    #[test]
    fn go_constructs_outside_the_subset_are_unsupported() {
        for template in ["{{if .env}}x{{end}}", "{{printf \"%s\" .env}}", "{{$x := 1}}", "{{.}}", "{{'a'}}"] {
            assert_eq!(error(template).kind, TemplateErrorKind::Unsupported, "{template}");
        }
    }

    #[test]
    fn every_evaluation_error_is_reported() {
        let all = errors("{{.a}} {{.b}}\n{{base64 1}}");
        let lines: Vec<_> = all.iter().map(|e| (e.kind, e.position.line)).collect();
        assert_eq!(
            lines,
            [
                (TemplateErrorKind::MissingVariable, 1),
                (TemplateErrorKind::MissingVariable, 1),
                (TemplateErrorKind::Evaluation, 2)
            ]
        );
    }

    #[test]
    fn text_without_actions_is_unchanged() {
        let text = "{\n  \"a\": \"}} {\" \n}";
        let rendered = render(text, &options()).unwrap();
        assert_eq!(rendered.text, text);
        assert!(!rendered.had_actions());
        assert_eq!(rendered.original_offset(5), 5);
        assert_eq!(render("", &options()).unwrap().text, "");
    }

    #[test]
    fn output_offsets_map_back_to_the_template() {
        let template = "ab{{.env}}cd{{/* c */}}ef";
        let rendered = render(template, &options()).unwrap();
        assert_eq!(rendered.text, "abprodcdef");
        assert!(rendered.had_actions());
        assert_eq!(rendered.original_offset(1), 1);
        // Inside the action's output: the action's start.
        assert_eq!(rendered.original_offset(3), 2);
        assert_eq!(rendered.original_offset(6), 10);
        assert_eq!(rendered.original_offset(8), template.find("ef").unwrap());
        assert_eq!(rendered.original_offset(100), template.len());
    }

    #[test]
    fn masked_lines_hide_environment_values() {
        let mut opts = options();
        opts.environment = Environment::Fixed([("KEY".to_owned(), "AKIA123".to_owned())].into());
        let rendered = render("{\n\"k\": \"{{systemEnv \"KEY\"}}\", \"e\": \"{{.env}}\"\n}", &opts).unwrap();
        assert!(rendered.text.contains("AKIA123"));
        assert_eq!(rendered.masked_line(2).unwrap(), "\"k\": \"***\", \"e\": \"prod\"");
        assert_eq!(rendered.masked_line(1).unwrap(), "{");
        assert_eq!(rendered.masked_line(4), None);
    }
}
