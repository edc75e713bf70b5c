//! Finding the input files, recognising their compression, and cutting their bytes into records.
//!
//! Inputs are files, directories (walked recursively; hidden files and lzop `.lzo.index`
//! sidecars are skipped) and glob patterns, listed in sorted order so runs are reproducible.
//! Compression is recognised by magic bytes, never by file name.

use std::cell::Cell;
use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::rc::Rc;

use super::lzop;

/// How a file's bytes are compressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    /// Not compressed.
    Plain,
    /// gzip, possibly several members concatenated.
    Gzip,
    /// lzop (LZO1X blocks).
    Lzop,
}

impl Compression {
    /// The name used in messages.
    pub fn name(self) -> &'static str {
        match self {
            Compression::Plain => "plain",
            Compression::Gzip => "gzip",
            Compression::Lzop => "lzop",
        }
    }

    /// Recognises the compression from the first bytes of a file.
    pub fn detect(start: &[u8]) -> Compression {
        if start.starts_with(&[0x1f, 0x8b]) {
            Compression::Gzip
        } else if start.starts_with(&lzop::MAGIC) {
            Compression::Lzop
        } else {
            Compression::Plain
        }
    }
}

/// One input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputFile {
    /// The path, as found from what the user gave.
    pub path: PathBuf,
    /// Its size on disk.
    pub size: u64,
    /// Its compression.
    pub compression: Compression,
}

impl InputFile {
    /// The path as text, for messages and record origins.
    pub fn label(&self) -> String {
        self.path.display().to_string()
    }
}

/// An input that names no readable file.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// A path that does not exist and is not a glob pattern.
    #[error("{path}: no such file or directory")]
    NotFound {
        /// The path given.
        path: PathBuf,
    },
    /// A glob pattern that matches nothing.
    #[error("`{pattern}` matches no files")]
    NoMatch {
        /// The pattern given.
        pattern: String,
    },
    /// A malformed glob pattern.
    #[error("`{pattern}` is not a valid glob pattern: {message}")]
    Pattern {
        /// The pattern given.
        pattern: String,
        /// What is wrong with it.
        message: String,
    },
    /// A file or directory that cannot be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file or directory.
        path: PathBuf,
        /// The I/O error.
        source: io::Error,
    },
}

/// Files a directory walk or glob leaves out: hidden files and lzop index sidecars.
fn is_skipped(path: &Path) -> bool {
    path.file_name()
        .and_then(|name| name.to_str())
        .is_some_and(|name| name.starts_with('.') || name.ends_with(".lzo.index"))
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>) -> Result<(), InputError> {
    let read_error = |source| InputError::Read { path: dir.to_path_buf(), source };
    for entry in std::fs::read_dir(dir).map_err(read_error)? {
        let path = entry.map_err(read_error)?.path();
        if is_skipped(&path) {
            continue;
        }
        let metadata = std::fs::metadata(&path).map_err(|source| InputError::Read { path: path.clone(), source })?;
        if metadata.is_dir() {
            walk(&path, files)?;
        } else if metadata.is_file() {
            files.push(path);
        }
    }
    Ok(())
}

fn has_glob_characters(text: &str) -> bool {
    text.contains(['*', '?', '['])
}

/// Expands the inputs into a sorted list of distinct files and reads their first bytes.
pub fn resolve(inputs: &[PathBuf]) -> Result<Vec<InputFile>, InputError> {
    let mut paths = Vec::new();
    for input in inputs {
        if input.is_dir() {
            walk(input, &mut paths)?;
        } else if input.exists() {
            paths.push(input.clone());
        } else {
            let pattern = input.to_string_lossy();
            if !has_glob_characters(&pattern) {
                return Err(InputError::NotFound { path: input.clone() });
            }
            let matches = glob::glob(&pattern)
                .map_err(|error| InputError::Pattern { pattern: pattern.to_string(), message: error.to_string() })?;
            let before = paths.len();
            for entry in matches {
                let path = entry.map_err(|error| InputError::Read {
                    path: error.path().to_path_buf(),
                    source: io::Error::new(error.error().kind(), error.error().to_string()),
                })?;
                if is_skipped(&path) {
                    continue;
                }
                if path.is_dir() {
                    walk(&path, &mut paths)?;
                } else {
                    paths.push(path);
                }
            }
            if paths.len() == before {
                return Err(InputError::NoMatch { pattern: pattern.to_string() });
            }
        }
    }
    paths.sort();
    paths.dedup();
    paths.into_iter().map(open_input).collect()
}

fn open_input(path: PathBuf) -> Result<InputFile, InputError> {
    let read_error = |source| InputError::Read { path: path.clone(), source };
    let mut file = File::open(&path).map_err(read_error)?;
    let size = file.metadata().map_err(read_error)?.len();
    let mut start = [0u8; 9];
    let mut filled = 0;
    while filled < start.len() {
        match file.read(&mut start[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
            Err(error) => return Err(read_error(error)),
        }
    }
    let compression = Compression::detect(&start[..filled]);
    Ok(InputFile { path, size, compression })
}

/// Wraps a file, counting the bytes read from it and remembering whether the file itself (as
/// opposed to a decoder reading it) failed. Shared handles let the job read both while a
/// decoder owns the reader.
#[derive(Debug)]
pub struct CountingReader<R> {
    inner: R,
    count: Rc<Cell<u64>>,
    failed: Rc<Cell<bool>>,
}

/// What a [`CountingReader`] has seen.
#[derive(Debug, Clone, Default)]
pub struct ReadStats {
    count: Rc<Cell<u64>>,
    failed: Rc<Cell<bool>>,
}

impl ReadStats {
    /// Bytes read from the underlying file.
    pub fn bytes(&self) -> u64 {
        self.count.get()
    }

    /// Whether reading the underlying file failed.
    pub fn failed(&self) -> bool {
        self.failed.get()
    }
}

impl<R> CountingReader<R> {
    /// Wraps `inner`, starting the count at `start`.
    pub fn new(inner: R, start: u64) -> (Self, ReadStats) {
        let stats = ReadStats { count: Rc::new(Cell::new(start)), failed: Rc::new(Cell::new(false)) };
        (CountingReader { inner, count: stats.count.clone(), failed: stats.failed.clone() }, stats)
    }
}

impl<R: Read> Read for CountingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self.inner.read(buf) {
            Ok(n) => {
                self.count.set(self.count.get() + n as u64);
                Ok(n)
            }
            Err(error) => {
                if error.kind() != io::ErrorKind::Interrupted {
                    self.failed.set(true);
                }
                Err(error)
            }
        }
    }
}

/// The size of a line reader's buffer.
const LINE_BUFFER_SIZE: usize = 256 * 1024;

/// What the last [`LineReader::next_line`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    /// Stream offset of the line's first byte.
    pub offset: u64,
    /// The line's length without its terminator (`\n` or `\r\n`). When it is larger than the
    /// limit, [`LineReader::line`] holds only the first `limit` bytes.
    pub size: u64,
}

/// Splits a stream into `\n`-terminated lines (a `\r` before the `\n` is dropped; a last line
/// without a terminator counts, nothing after the final `\n` does), holding at most `limit`
/// bytes of any line in memory.
#[derive(Debug)]
pub struct LineReader<R> {
    inner: R,
    limit: u64,
    buffer: Vec<u8>,
    start: usize,
    end: usize,
    /// Stream offset of `buffer[0]`.
    base: u64,
    eof: bool,
    /// A line that crossed a buffer refill, up to `limit` bytes of it.
    spilled: Vec<u8>,
    /// The current line: a range of `buffer`, or `spilled` when `None`.
    current: Option<(usize, usize)>,
}

impl<R: Read> LineReader<R> {
    /// A reader whose first byte is at stream offset `offset`.
    pub fn new(inner: R, offset: u64, limit: u64) -> Self {
        LineReader {
            inner,
            limit,
            buffer: vec![0; LINE_BUFFER_SIZE],
            start: 0,
            end: 0,
            base: offset,
            eof: false,
            spilled: Vec::new(),
            current: None,
        }
    }

    /// The same reader with another line-length limit.
    pub fn with_limit(mut self, limit: u64) -> Self {
        self.limit = limit;
        self
    }

    /// Stream offset of the next line.
    pub fn position(&self) -> u64 {
        self.base + self.start as u64
    }

    /// The current line (at most `limit` bytes of it).
    pub fn line(&self) -> &[u8] {
        match self.current {
            Some((from, to)) => &self.buffer[from..to],
            None => &self.spilled,
        }
    }

    /// After an error: what was read of the line being read (at most `limit` bytes).
    pub fn partial(&self) -> &[u8] {
        &self.spilled
    }

    fn keep(&mut self, bytes_from: usize, bytes_to: usize) {
        let room = (self.limit as usize).saturating_sub(self.spilled.len());
        let take = room.min(bytes_to - bytes_from);
        self.spilled.extend_from_slice(&self.buffer[bytes_from..bytes_from + take]);
    }

    /// Reads the next line; `None` at the end of the stream. On an error, [`Self::partial`] and
    /// the returned offset say what was read of the unfinished line and where it started.
    pub fn next_line(&mut self) -> Result<Option<Line>, (u64, io::Error)> {
        self.spilled.clear();
        let offset = self.position();
        let mut size = 0u64;
        let mut last_byte = None;
        loop {
            let available = &self.buffer[self.start..self.end];
            if let Some(newline) = memchr::memchr(b'\n', available) {
                let (from, to) = (self.start, self.start + newline);
                self.start = to + 1;
                if size == 0 && (newline as u64) <= self.limit.saturating_add(1) {
                    let to = if newline > 0 && self.buffer[to - 1] == b'\r' { to - 1 } else { to };
                    if (to - from) as u64 <= self.limit {
                        self.current = Some((from, to));
                        return Ok(Some(Line { offset, size: (to - from) as u64 }));
                    }
                }
                if newline > 0 {
                    last_byte = Some(self.buffer[to - 1]);
                }
                self.keep(from, to);
                size += newline as u64;
                return Ok(Some(self.finish_spilled(offset, size, last_byte)));
            }
            if !available.is_empty() {
                last_byte = available.last().copied();
                let (from, to) = (self.start, self.end);
                self.keep(from, to);
                size += (to - from) as u64;
                self.start = self.end;
            }
            if self.eof {
                if size == 0 {
                    return Ok(None);
                }
                return Ok(Some(self.finish_spilled(offset, size, last_byte)));
            }
            self.base += self.end as u64;
            self.start = 0;
            self.end = 0;
            loop {
                match self.inner.read(&mut self.buffer) {
                    Ok(0) => {
                        self.eof = true;
                        break;
                    }
                    Ok(n) => {
                        self.end = n;
                        break;
                    }
                    Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
                    Err(error) => return Err((offset, error)),
                }
            }
        }
    }

    fn finish_spilled(&mut self, offset: u64, mut size: u64, last_byte: Option<u8>) -> Line {
        if last_byte == Some(b'\r') {
            size -= 1;
        }
        self.spilled.truncate(size.min(self.limit) as usize);
        self.current = None;
        Line { offset, size }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &[u8], limit: u64) -> Vec<(Vec<u8>, Line)> {
        let mut reader = LineReader::new(input, 0, limit);
        let mut out = Vec::new();
        while let Some(line) = reader.next_line().unwrap() {
            out.push((reader.line().to_vec(), line));
        }
        out
    }

    #[test]
    fn lines_are_split_on_newlines_and_lose_their_carriage_returns() {
        let found = lines(b"a\r\n\nbc\nlast", 100);
        let texts: Vec<&[u8]> = found.iter().map(|(t, _)| t.as_slice()).collect();
        assert_eq!(texts, [&b"a"[..], b"", b"bc", b"last"]);
        assert_eq!(found.iter().map(|(_, l)| l.offset).collect::<Vec<_>>(), [0, 3, 4, 7]);
        assert!(lines(b"", 100).is_empty());
        assert_eq!(lines(b"x\n", 100).len(), 1, "nothing after the final newline");
        assert_eq!(lines(b"\n", 100).len(), 1, "a lone newline ends an empty line");
    }

    #[test]
    fn long_lines_keep_a_prefix_and_their_size() {
        let mut input = vec![b'x'; LINE_BUFFER_SIZE * 3 + 5];
        input.extend_from_slice(b"\r\nshort\n");
        let found = lines(&input, 10);
        assert_eq!(found[0].0, b"xxxxxxxxxx");
        assert_eq!(found[0].1.size, (LINE_BUFFER_SIZE * 3 + 5) as u64);
        assert_eq!(found[1].0, b"short");
        assert_eq!(found[1].1.offset, (LINE_BUFFER_SIZE * 3 + 7) as u64);
        let exact = lines(b"0123456789\r\n", 10);
        assert_eq!((exact[0].0.as_slice(), exact[0].1.size), (&b"0123456789"[..], 10));
    }

    #[test]
    fn lines_crossing_buffer_refills_are_whole() {
        let line = vec![b'y'; LINE_BUFFER_SIZE - 3];
        let mut input = Vec::new();
        for _ in 0..4 {
            input.extend_from_slice(&line);
            input.push(b'\n');
        }
        let found = lines(&input, u64::MAX);
        assert_eq!(found.len(), 4);
        assert!(found.iter().all(|(text, l)| text == &line && l.size == line.len() as u64));
    }

    #[test]
    fn compression_is_recognised_by_magic_bytes() {
        assert_eq!(Compression::detect(&[0x1f, 0x8b, 8]), Compression::Gzip);
        assert_eq!(Compression::detect(&lzop::MAGIC), Compression::Lzop);
        assert_eq!(Compression::detect(b"GET /i"), Compression::Plain);
        assert_eq!(Compression::detect(b""), Compression::Plain);
    }

    #[test]
    fn inputs_are_walked_sorted_and_filtered() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("sub/deeper")).unwrap();
        for name in ["b.log", "a.lzo", "a.lzo.index", ".hidden", "sub/deeper/c.gz", "sub/d.log"] {
            std::fs::write(root.join(name), b"x\n").unwrap();
        }
        let files = resolve(&[root.to_path_buf(), root.join("b.log")]).unwrap();
        let names: Vec<String> =
            files.iter().map(|f| f.path.strip_prefix(root).unwrap().display().to_string()).collect();
        assert_eq!(names, ["a.lzo", "b.log", "sub/d.log", "sub/deeper/c.gz"]);
        let globbed = resolve(&[root.join("*.l*")]).unwrap();
        assert_eq!(globbed.len(), 2, "{globbed:?}");
        assert!(matches!(resolve(&[root.join("nothing-*.gz")]), Err(InputError::NoMatch { .. })));
        assert!(matches!(resolve(&[root.join("missing.gz")]), Err(InputError::NotFound { .. })));
    }
}
