//! Reading enriched files (plain, gzip or lzop) as chunks of whole lines, each chunk knowing
//! the number of its first line, so that work can be spread over threads and every problem
//! still names its line.

use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::PathBuf;

use flate2::read::MultiGzDecoder;

use crate::enrich::input::{Compression, InputFile};
use crate::enrich::lzop::LzopReader;

/// How many bytes of lines a chunk holds (it grows to fit one longer line).
pub const CHUNK_SIZE: usize = 4 * 1024 * 1024;

/// A file that cannot be read.
#[derive(Debug, thiserror::Error)]
#[error("cannot read {path}: {source}")]
pub struct ReadError {
    /// The file.
    pub path: PathBuf,
    /// The I/O or decompression error.
    pub source: io::Error,
}

/// Whole lines of one file.
#[derive(Debug, Default)]
pub struct Chunk {
    /// The 1-based number of the chunk's first line in its file.
    pub first_line: u64,
    /// The lines, each ending in `\n` except perhaps the file's last.
    pub bytes: Vec<u8>,
}

impl Chunk {
    /// The chunk's lines with their numbers, without line terminators.
    pub fn lines(&self) -> impl Iterator<Item = (u64, &[u8])> {
        lines_of(&self.bytes).zip(self.first_line..).map(|(line, number)| (number, line))
    }
}

/// The lines of `bytes` (each ending in `\n` except perhaps the last), without terminators.
pub fn lines_of(bytes: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut rest = (!bytes.is_empty()).then(|| bytes.strip_suffix(b"\n").unwrap_or(bytes));
    std::iter::from_fn(move || {
        let text = rest?;
        match memchr::memchr(b'\n', text) {
            Some(end) => {
                rest = Some(&text[end + 1..]);
                Some(&text[..end])
            }
            None => rest.take(),
        }
    })
}

/// Reads a file's decompressed bytes as chunks of whole lines.
pub struct ChunkReader {
    path: PathBuf,
    reader: Box<dyn Read + Send>,
    carry: Vec<u8>,
    next_line: u64,
    done: bool,
}

impl std::fmt::Debug for ChunkReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ChunkReader").field("path", &self.path).field("next_line", &self.next_line).finish()
    }
}

impl ChunkReader {
    /// Opens a file, decompressing it as its first bytes say.
    pub fn open(file: &InputFile) -> Result<ChunkReader, ReadError> {
        let error = |source| ReadError { path: file.path.clone(), source };
        let raw = BufReader::with_capacity(256 * 1024, File::open(&file.path).map_err(error)?);
        let reader: Box<dyn Read + Send> = match file.compression {
            Compression::Plain => Box::new(raw),
            Compression::Gzip => Box::new(MultiGzDecoder::new(raw)),
            Compression::Lzop => Box::new(LzopReader::new(raw).map_err(error)?),
        };
        Ok(ChunkReader { path: file.path.clone(), reader, carry: Vec::new(), next_line: 1, done: false })
    }

    /// Up to `count` next chunks, to process in parallel (empty at the end of the file).
    pub fn next_batch(&mut self, count: usize) -> Result<Vec<Chunk>, ReadError> {
        let mut chunks = Vec::with_capacity(count);
        while chunks.len() < count {
            match self.next_chunk()? {
                Some(chunk) => chunks.push(chunk),
                None => break,
            }
        }
        Ok(chunks)
    }

    /// The next chunk of whole lines, or `None` at the end of the file.
    pub fn next_chunk(&mut self) -> Result<Option<Chunk>, ReadError> {
        if self.done {
            return Ok(None);
        }
        let mut bytes = std::mem::take(&mut self.carry);
        let mut target = bytes.len().max(CHUNK_SIZE / 2) * 2;
        loop {
            // Read up to `target` bytes into the buffer's spare room, which is not zeroed first.
            bytes.reserve_exact(target - bytes.len());
            let want = (target - bytes.len()) as u64;
            (&mut self.reader)
                .take(want)
                .read_to_end(&mut bytes)
                .map_err(|source| ReadError { path: self.path.clone(), source })?;
            if bytes.len() < target {
                self.done = true;
                break;
            }
            match memchr::memrchr(b'\n', &bytes) {
                Some(last) => {
                    self.carry = bytes.split_off(last + 1);
                    break;
                }
                // One line longer than the buffer: grow it.
                None => target *= 2,
            }
        }
        if bytes.is_empty() {
            return Ok(None);
        }
        let first_line = self.next_line;
        self.next_line += memchr::memchr_iter(b'\n', &bytes).count() as u64;
        if !bytes.ends_with(b"\n") {
            self.next_line += 1;
        }
        Ok(Some(Chunk { first_line, bytes }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_number_their_lines() {
        let chunk = Chunk { first_line: 5, bytes: b"a\n\nb\n".to_vec() };
        let lines: Vec<_> = chunk.lines().collect();
        assert_eq!(lines, [(5, &b"a"[..]), (6, &b""[..]), (7, &b"b"[..])]);
        let unterminated = Chunk { first_line: 1, bytes: b"a\nb".to_vec() };
        assert_eq!(unterminated.lines().count(), 2);
        assert_eq!(Chunk::default().lines().count(), 0);
    }

    #[test]
    fn gzip_files_are_read_in_chunks_of_whole_lines() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("part-0");
        let text: String = (0..900_000).map(|i| format!("line {i}\n")).collect();
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut encoder, text.as_bytes()).unwrap();
        std::fs::write(&path, encoder.finish().unwrap()).unwrap();
        let files = crate::enrich::input::resolve(&[path]).unwrap();
        let mut reader = ChunkReader::open(&files[0]).unwrap();
        let mut seen = 0u64;
        let mut chunks = 0;
        while let Some(chunk) = reader.next_chunk().unwrap() {
            assert!(chunk.bytes.ends_with(b"\n"));
            chunks += 1;
            for (number, line) in chunk.lines() {
                assert_eq!(line, format!("line {}", number - 1).as_bytes());
                seen += 1;
            }
        }
        assert_eq!(seen, 900_000);
        assert!(chunks > 1);
    }
}
