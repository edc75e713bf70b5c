//! Reading input files safely: size limit, binary and UTF-8 checks, and parse errors with
//! line and column. Nothing here panics on bad input.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde_json::Value;

/// Default cap on the size of one input file (configs and schemas are small).
pub const DEFAULT_MAX_FILE_SIZE: u64 = 16 * 1024 * 1024;

/// A 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Position {
    /// Line, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub column: usize,
}

/// Why a file could not be read as text.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    /// The file could not be opened or read.
    #[error("cannot read {}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// The file is larger than the configured limit.
    #[error("{} is {size} bytes, more than the {limit}-byte limit", path.display())]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// The file holds no text (empty or only whitespace).
    #[error("{} is empty", path.display())]
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// The file contains NUL bytes: it is binary, not text.
    #[error("{} is a binary file (NUL byte at offset {offset})", path.display())]
    Binary {
        /// The file.
        path: PathBuf,
        /// Offset of the first NUL byte.
        offset: usize,
    },
    /// The file is not valid UTF-8.
    #[error("{} is not valid UTF-8 (invalid byte at line {}, column {})", path.display(), at.line, at.column)]
    InvalidUtf8 {
        /// The file.
        path: PathBuf,
        /// Where the first invalid byte is.
        at: Position,
    },
}

impl SourceError {
    /// Where in the file the problem is, when that is known.
    pub fn position(&self) -> Option<Position> {
        match self {
            SourceError::InvalidUtf8 { at, .. } => Some(*at),
            SourceError::Binary { .. } | SourceError::Empty { .. } => Some(Position { line: 1, column: 1 }),
            _ => None,
        }
    }
}

/// A text file read into memory.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path as given by the user (used in messages).
    pub path: PathBuf,
    /// The full text.
    pub text: String,
}

/// Line and column of a byte offset in `bytes` (columns count characters).
pub fn position_of(bytes: &[u8], offset: usize) -> Position {
    let before = &bytes[..offset.min(bytes.len())];
    let line_start = before.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let column = String::from_utf8_lossy(&before[line_start..]).chars().count() + 1;
    Position { line, column }
}

impl SourceFile {
    /// Reads `path` as UTF-8 text, refusing files over `max_size` bytes, binary files and empty files.
    pub fn read(path: &Path, max_size: u64) -> Result<SourceFile, SourceError> {
        let io = |source| SourceError::Io { path: path.to_owned(), source };
        let file = fs::File::open(path).map_err(io)?;
        let size = file.metadata().map_err(io)?.len();
        if size > max_size {
            return Err(SourceError::TooLarge { path: path.to_owned(), size, limit: max_size });
        }
        let mut bytes = Vec::with_capacity(size as usize);
        // `take` guards against files that grow while being read.
        file.take(max_size + 1).read_to_end(&mut bytes).map_err(io)?;
        if bytes.len() as u64 > max_size {
            return Err(SourceError::TooLarge { path: path.to_owned(), size: bytes.len() as u64, limit: max_size });
        }
        Self::from_bytes(path, bytes)
    }

    /// Checks raw bytes the same way [`SourceFile::read`] does.
    pub fn from_bytes(path: &Path, bytes: Vec<u8>) -> Result<SourceFile, SourceError> {
        if let Some(offset) = bytes.iter().position(|b| *b == 0) {
            return Err(SourceError::Binary { path: path.to_owned(), offset });
        }
        let text = String::from_utf8(bytes).map_err(|e| {
            let at = position_of(e.as_bytes(), e.utf8_error().valid_up_to());
            SourceError::InvalidUtf8 { path: path.to_owned(), at }
        })?;
        if text.trim().is_empty() {
            return Err(SourceError::Empty { path: path.to_owned() });
        }
        // A UTF-8 byte-order mark is legal in files written on Windows; serde_json rejects it.
        let text = text.strip_prefix('\u{feff}').map(str::to_owned).unwrap_or(text);
        Ok(SourceFile { path: path.to_owned(), text })
    }

    /// Parses the text as JSON.
    pub fn parse_json(&self) -> Result<Value, ParseError> {
        serde_json::from_str(&self.text).map_err(|e| ParseError {
            message: json_error_message(&e),
            at: (e.line() > 0).then(|| Position { line: e.line(), column: e.column().max(1) }),
        })
    }
}

/// A syntax error in a JSON or YAML file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// What is wrong, without the location.
    pub message: String,
    /// Where, when known.
    pub at: Option<Position>,
}

/// serde_json's message without its trailing " at line X column Y" (we report that separately).
fn json_error_message(error: &serde_json::Error) -> String {
    let text = error.to_string();
    match text.rfind(" at line ") {
        Some(i) => text[..i].to_owned(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn from(bytes: &[u8]) -> Result<SourceFile, SourceError> {
        SourceFile::from_bytes(Path::new("f.json"), bytes.to_vec())
    }

    #[test]
    fn rejects_binary_empty_and_bad_utf8() {
        assert!(matches!(from(b"{\"a\":\0}"), Err(SourceError::Binary { offset: 5, .. })));
        assert!(matches!(from(b"  \n"), Err(SourceError::Empty { .. })));
        let Err(SourceError::InvalidUtf8 { at, .. }) = from(b"{\n  \"a\": \"\xff\"}") else { panic!() };
        assert_eq!(at, Position { line: 2, column: 9 });
    }

    #[test]
    fn json_errors_have_positions() {
        let source = from(b"{\n  \"a\": ,\n}").unwrap();
        let err = source.parse_json().unwrap_err();
        assert_eq!(err.at, Some(Position { line: 2, column: 8 }));
        assert_eq!(err.message, "expected value");
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = "[".repeat(10_000) + &"]".repeat(10_000);
        let err = from(deep.as_bytes()).unwrap().parse_json().unwrap_err();
        assert!(err.message.contains("recursion limit"), "{}", err.message);
    }
}
