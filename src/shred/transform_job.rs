//! `transform` over files: every line of every input to NDJSON, in input order, with chunks of
//! lines transformed in parallel. A line that cannot be transformed is reported with its file
//! and line number; the other lines are still written.

use std::io::Write;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::reader::{Chunk, ChunkReader, ReadError};
use super::transform::{Shape, TransformError, transform_line};
use crate::enrich::input::{self, InputError};

/// How many failures a summary keeps (all are counted).
pub const MAX_KEPT_FAILURES: usize = 1000;

/// A line that was not transformed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineFailure {
    /// The input file.
    pub path: PathBuf,
    /// 1-based line number.
    pub line: u64,
    /// What is wrong with it.
    pub error: LineProblem,
}

/// Why a line was not transformed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LineProblem {
    /// The bytes are not UTF-8.
    #[error("not valid UTF-8 (at byte {0} of the line)")]
    NotUtf8(usize),
    /// The transformer rejected it.
    #[error("{0}")]
    Transform(#[from] TransformError),
}

impl std::fmt::Display for LineFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.path.display(), self.line, self.error)
    }
}

/// What a transform run did.
#[derive(Debug, Default)]
pub struct TransformSummary {
    /// Input files read.
    pub files: usize,
    /// Lines read.
    pub lines: u64,
    /// Lines written as JSON.
    pub transformed: u64,
    /// Lines that failed (all counted).
    pub failed: u64,
    /// The first [`MAX_KEPT_FAILURES`] failures, in input order.
    pub failures: Vec<LineFailure>,
}

/// A run that could not complete.
#[derive(Debug, thiserror::Error)]
pub enum TransformJobError {
    /// The inputs name no readable file.
    #[error(transparent)]
    Input(#[from] InputError),
    /// A file could not be read to its end.
    #[error(transparent)]
    Read(#[from] ReadError),
    /// The output could not be written.
    #[error("cannot write the output: {0}")]
    Write(#[source] std::io::Error),
}

struct ChunkResult {
    json: Vec<u8>,
    lines: u64,
    failures: Vec<LineFailure>,
}

fn transform_chunk(path: &Path, chunk: &Chunk, shape: Shape) -> ChunkResult {
    let mut json = Vec::with_capacity(chunk.bytes.len() * 2);
    let mut failures = Vec::new();
    let mut lines = 0;
    let mut transform = |number: u64, line: Result<&str, LineProblem>| {
        lines += 1;
        if let Err(error) = line.and_then(|line| transform_line(line, shape, &mut json).map_err(LineProblem::from)) {
            failures.push(LineFailure { path: path.to_path_buf(), line: number, error });
        }
    };
    match std::str::from_utf8(&chunk.bytes) {
        // Checked once as a whole, which costs less than line by line.
        Ok(text) => {
            for (number, line) in (chunk.first_line..).zip(text_lines(text)) {
                transform(number, Ok(line));
            }
        }
        Err(_) => {
            for (number, bytes) in chunk.lines() {
                let line = std::str::from_utf8(bytes).map_err(|error| LineProblem::NotUtf8(error.valid_up_to()));
                transform(number, line);
            }
        }
    }
    ChunkResult { json, lines, failures }
}

/// The lines of a chunk's text, as [`Chunk::lines`] cuts them.
fn text_lines(text: &str) -> impl Iterator<Item = &str> {
    // An empty chunk has no lines; a chunk's last line may lack its `\n`.
    let body = (!text.is_empty()).then(|| text.strip_suffix('\n').unwrap_or(text));
    body.into_iter().flat_map(|body| {
        let mut start = 0;
        let ends = memchr::memchr_iter(b'\n', body.as_bytes()).chain([body.len()]);
        ends.map(move |end| {
            let line = &body[start..end];
            start = end + 1;
            line
        })
    })
}

/// Transforms every line of `inputs` (files, directories, globs) into `out`, calling
/// `advanced(bytes_of_lines)` as chunks complete.
pub fn run(
    inputs: &[PathBuf],
    shape: Shape,
    out: &mut dyn Write,
    advanced: &(dyn Fn(u64) + Sync),
) -> Result<TransformSummary, TransformJobError> {
    let files = input::resolve(inputs)?;
    let mut summary = TransformSummary { files: files.len(), ..TransformSummary::default() };
    // Enough chunks in flight to keep every thread busy while the next batch is read.
    let batch = rayon::current_num_threads() * 2;
    for file in &files {
        let mut reader = ChunkReader::open(file)?;
        loop {
            let chunks = reader.next_batch(batch)?;
            if chunks.is_empty() {
                break;
            }
            let results: Vec<ChunkResult> = chunks
                .par_iter()
                .map(|chunk| {
                    let result = transform_chunk(&file.path, chunk, shape);
                    advanced(chunk.bytes.len() as u64);
                    result
                })
                .collect();
            for result in results {
                out.write_all(&result.json).map_err(TransformJobError::Write)?;
                summary.lines += result.lines;
                summary.failed += result.failures.len() as u64;
                summary.transformed += result.lines - result.failures.len() as u64;
                let room = MAX_KEPT_FAILURES.saturating_sub(summary.failures.len());
                summary.failures.extend(result.failures.into_iter().take(room));
            }
        }
    }
    out.flush().map_err(TransformJobError::Write)?;
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_lines_are_cut_as_chunk_lines_are() {
        for text in ["", "\n", "a", "a\n", "a\nb", "a\n\nb\n", "\n\n", "a\r\nb"] {
            let chunk = Chunk { first_line: 1, bytes: text.as_bytes().to_vec() };
            let expected: Vec<&[u8]> = chunk.lines().map(|(_, line)| line).collect();
            let found: Vec<&[u8]> = text_lines(text).map(str::as_bytes).collect();
            assert_eq!(found, expected, "{text:?}");
        }
    }
}
