//! The lzop container (`.lzo` files), as the Snowplow S3 loader writes raw Thrift archives
//! through Hadoop's `LzopCodec`, and as the `lzop` tool writes them.
//!
//! A file is a 9-byte magic, a header (versions, method, flags, mode, mtime, name, header
//! checksum, optional extra field), then blocks:
//!
//! ```text
//! [u32 uncompressed length, 0 = end] [u32 compressed length]
//! [adler32 of the data]? [crc32 of the data]?                      (flags F_ADLER32_D / F_CRC32_D)
//! [adler32 of the compressed bytes]? [crc32 of the compressed bytes]?  (F_ADLER32_C / F_CRC32_C,
//!                                                                  only when the block is compressed)
//! [compressed bytes: LZO1X, or the data itself when both lengths are equal]
//! ```
//!
//! All integers are big-endian. [`LzopReader`] decompresses with `lzokay` and verifies every
//! checksum the flags announce; [`LzopWriter`] writes files the `lzop` tool reads (used by tests
//! and the benchmark corpus).

use std::io::{self, Read, Write};

/// The 9 bytes every lzop file starts with.
pub const MAGIC: [u8; 9] = [0x89, b'L', b'Z', b'O', 0x00, 0x0d, 0x0a, 0x1a, 0x0a];

const F_ADLER32_D: u32 = 0x0001;
const F_ADLER32_C: u32 = 0x0002;
const F_H_EXTRA_FIELD: u32 = 0x0040;
const F_CRC32_D: u32 = 0x0100;
const F_CRC32_C: u32 = 0x0200;
const F_H_FILTER: u32 = 0x0800;
const F_H_CRC32: u32 = 0x1000;

/// lzop refuses blocks larger than this; so do we, which also bounds memory.
const MAX_BLOCK_SIZE: usize = 64 * 1024 * 1024;
/// The block size the writer uses (lzop's and Hadoop's default).
const WRITER_BLOCK_SIZE: usize = 256 * 1024;

/// Adler-32 (RFC 1950), continuing from `adler` (start with 1).
pub fn adler32(adler: u32, data: &[u8]) -> u32 {
    const MOD: u32 = 65_521;
    // The largest n such that 255 n (n + 1) / 2 + (n + 1) (MOD - 1) fits in a u32.
    const NMAX: usize = 5552;
    let (mut a, mut b) = (adler & 0xffff, adler >> 16);
    for chunk in data.chunks(NMAX) {
        for &byte in chunk {
            a += u32::from(byte);
            b += a;
        }
        a %= MOD;
        b %= MOD;
    }
    (b << 16) | a
}

/// CRC-32 (the zlib/gzip polynomial) of `data`.
pub fn crc32(data: &[u8]) -> u32 {
    let mut crc = flate2::Crc::new();
    crc.update(data);
    crc.sum()
}

fn invalid(message: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, message)
}

/// Reads exactly `buf.len()` bytes; running out is an "unexpected end" error naming `what`.
fn read_exact_or(reader: &mut impl Read, buf: &mut [u8], what: &str) -> io::Result<()> {
    reader.read_exact(buf).map_err(|error| {
        if error.kind() == io::ErrorKind::UnexpectedEof {
            io::Error::new(io::ErrorKind::UnexpectedEof, format!("lzop stream ends inside {what}"))
        } else {
            error
        }
    })
}

/// Reads header fields while keeping the bytes the header checksum covers.
struct HeaderReader<'a, R> {
    inner: &'a mut R,
    covered: Vec<u8>,
}

impl<R: Read> HeaderReader<'_, R> {
    fn bytes(&mut self, len: usize) -> io::Result<Vec<u8>> {
        let mut buf = vec![0; len];
        read_exact_or(self.inner, &mut buf, "the file header")?;
        self.covered.extend_from_slice(&buf);
        Ok(buf)
    }
    fn u8(&mut self) -> io::Result<u8> {
        Ok(self.bytes(1)?[0])
    }
    fn u16(&mut self) -> io::Result<u16> {
        let b = self.bytes(2)?;
        Ok(u16::from_be_bytes([b[0], b[1]]))
    }
    fn u32(&mut self) -> io::Result<u32> {
        let b = self.bytes(4)?;
        Ok(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    }
}

fn read_u32(reader: &mut impl Read, what: &str) -> io::Result<u32> {
    let mut buf = [0; 4];
    read_exact_or(reader, &mut buf, what)?;
    Ok(u32::from_be_bytes(buf))
}

fn header_checksum(flags: u32, bytes: &[u8]) -> u32 {
    if flags & F_H_CRC32 != 0 { crc32(bytes) } else { adler32(1, bytes) }
}

/// Decompresses an lzop stream. Corrupt or truncated input is an `InvalidData` or
/// `UnexpectedEof` error whose message says what was wrong.
#[derive(Debug)]
pub struct LzopReader<R> {
    inner: R,
    flags: u32,
    block: Vec<u8>,
    compressed: Vec<u8>,
    position: usize,
    blocks_read: u64,
    finished: bool,
}

impl<R: Read> LzopReader<R> {
    /// Reads and checks the file header (magic included).
    pub fn new(mut inner: R) -> io::Result<Self> {
        let mut magic = [0; 9];
        read_exact_or(&mut inner, &mut magic, "the file header")?;
        if magic != MAGIC {
            return Err(invalid("not an lzop file (the magic bytes do not match)".to_owned()));
        }
        let mut header = HeaderReader { inner: &mut inner, covered: Vec::with_capacity(64) };
        let version = header.u16()?;
        let _library_version = header.u16()?;
        if version >= 0x0940 {
            let _version_needed = header.u16()?;
        }
        let method = header.u8()?;
        if !(1..=3).contains(&method) {
            return Err(invalid(format!("unsupported lzop method {method}; expected an LZO1X method (1 to 3)")));
        }
        if version >= 0x0940 {
            let _level = header.u8()?;
        }
        let flags = header.u32()?;
        if flags & F_H_FILTER != 0 {
            let _filter = header.u32()?;
        }
        let _mode = header.u32()?;
        let _mtime_low = header.u32()?;
        if version >= 0x0940 {
            let _mtime_high = header.u32()?;
        }
        let name_len = header.u8()?;
        header.bytes(usize::from(name_len))?;
        let expected = header_checksum(flags, &header.covered);
        let found = read_u32(&mut inner, "the file header")?;
        if expected != found {
            return Err(invalid(format!(
                "lzop header checksum mismatch (stored {found:#010x}, computed {expected:#010x})"
            )));
        }
        if flags & F_H_EXTRA_FIELD != 0 {
            let len = read_u32(&mut inner, "the header's extra field")? as usize;
            if len > MAX_BLOCK_SIZE {
                return Err(invalid(format!("lzop header extra field of {len} bytes is implausibly large")));
            }
            let mut extra = vec![0; len];
            read_exact_or(&mut inner, &mut extra, "the header's extra field")?;
            let stored = read_u32(&mut inner, "the header's extra field")?;
            let mut covered = (len as u32).to_be_bytes().to_vec();
            covered.extend_from_slice(&extra);
            if header_checksum(flags, &covered) != stored {
                return Err(invalid("lzop extra field checksum mismatch".to_owned()));
            }
        }
        Ok(LzopReader {
            inner,
            flags,
            block: Vec::new(),
            compressed: Vec::new(),
            position: 0,
            blocks_read: 0,
            finished: false,
        })
    }

    /// Loads the next block into `self.block`; false at the end of the stream.
    fn next_block(&mut self) -> io::Result<bool> {
        let index = self.blocks_read + 1;
        let what = format!("block {index}");
        let uncompressed_len = read_u32(&mut self.inner, &what)? as usize;
        if uncompressed_len == 0 {
            return Ok(false);
        }
        let compressed_len = read_u32(&mut self.inner, &what)? as usize;
        if uncompressed_len > MAX_BLOCK_SIZE {
            return Err(invalid(format!(
                "lzop block {index} claims {uncompressed_len} bytes; blocks are at most {MAX_BLOCK_SIZE} bytes"
            )));
        }
        if compressed_len > uncompressed_len {
            return Err(invalid(format!(
                "lzop block {index} has {compressed_len} compressed bytes for {uncompressed_len} bytes of data"
            )));
        }
        let stored = compressed_len == uncompressed_len;
        let data_adler = self.optional_checksum(F_ADLER32_D, &what)?;
        let data_crc = self.optional_checksum(F_CRC32_D, &what)?;
        let (compressed_adler, compressed_crc) = if stored {
            (None, None)
        } else {
            (self.optional_checksum(F_ADLER32_C, &what)?, self.optional_checksum(F_CRC32_C, &what)?)
        };
        self.compressed.resize(compressed_len, 0);
        read_exact_or(&mut self.inner, &mut self.compressed, &what)?;
        verify(compressed_adler, || adler32(1, &self.compressed), index, "adler32", "compressed bytes")?;
        verify(compressed_crc, || crc32(&self.compressed), index, "crc32", "compressed bytes")?;
        if stored {
            std::mem::swap(&mut self.block, &mut self.compressed);
        } else {
            self.block.resize(uncompressed_len, 0);
            let written = lzokay::decompress::decompress(&self.compressed, &mut self.block)
                .map_err(|error| invalid(format!("lzop block {index} does not decompress: LZO1X {error}")))?;
            if written != uncompressed_len {
                return Err(invalid(format!(
                    "lzop block {index} decompresses to {written} bytes, but its header says {uncompressed_len}"
                )));
            }
        }
        verify(data_adler, || adler32(1, &self.block), index, "adler32", "data")?;
        verify(data_crc, || crc32(&self.block), index, "crc32", "data")?;
        self.position = 0;
        self.blocks_read = index;
        Ok(true)
    }

    fn optional_checksum(&mut self, flag: u32, what: &str) -> io::Result<Option<u32>> {
        if self.flags & flag != 0 { read_u32(&mut self.inner, what).map(Some) } else { Ok(None) }
    }
}

fn verify(stored: Option<u32>, compute: impl FnOnce() -> u32, index: u64, kind: &str, of: &str) -> io::Result<()> {
    match stored {
        Some(stored) => {
            let computed = compute();
            if stored == computed {
                Ok(())
            } else {
                Err(invalid(format!(
                    "lzop block {index}: {kind} checksum of the {of} does not match (stored {stored:#010x}, computed {computed:#010x})"
                )))
            }
        }
        None => Ok(()),
    }
}

impl<R: Read> Read for LzopReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.position == self.block.len() {
            if self.finished || !self.next_block()? {
                self.finished = true;
                return Ok(0);
            }
        }
        let available = &self.block[self.position..];
        let len = available.len().min(buf.len());
        buf[..len].copy_from_slice(&available[..len]);
        self.position += len;
        Ok(len)
    }
}

/// Writes an lzop stream (LZO1X via `lzokay`, adler32 of data and compressed bytes). Call
/// [`LzopWriter::finish`] to write the last block and the end marker.
pub struct LzopWriter<W: Write> {
    inner: W,
    pending: Vec<u8>,
    dict: Box<lzokay::compress::Dict>,
}

impl<W: Write> LzopWriter<W> {
    /// Writes the file header.
    pub fn new(mut inner: W) -> io::Result<Self> {
        let flags = F_ADLER32_D | F_ADLER32_C;
        let mut header = Vec::with_capacity(32);
        header.extend_from_slice(&0x1030u16.to_be_bytes()); // version
        header.extend_from_slice(&0x2080u16.to_be_bytes()); // LZO library version
        header.extend_from_slice(&0x0940u16.to_be_bytes()); // version needed to extract
        header.push(3); // method: LZO1X-999, which lzokay's compressor matches
        header.push(9); // level
        header.extend_from_slice(&flags.to_be_bytes());
        header.extend_from_slice(&0o100644u32.to_be_bytes()); // mode
        header.extend_from_slice(&0u32.to_be_bytes()); // mtime, low
        header.extend_from_slice(&0u32.to_be_bytes()); // mtime, high
        header.push(0); // no file name
        let checksum = adler32(1, &header);
        inner.write_all(&MAGIC)?;
        inner.write_all(&header)?;
        inner.write_all(&checksum.to_be_bytes())?;
        Ok(LzopWriter { inner, pending: Vec::with_capacity(WRITER_BLOCK_SIZE), dict: lzokay::compress::Dict::new() })
    }

    fn write_block(&mut self) -> io::Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let data = &self.pending;
        let compressed = lzokay::compress::compress_with_dict(data, &mut self.dict)
            .map_err(|error| io::Error::other(format!("LZO1X compression failed: {error}")))?;
        let len = data.len() as u32;
        self.inner.write_all(&len.to_be_bytes())?;
        if compressed.len() < data.len() {
            self.inner.write_all(&(compressed.len() as u32).to_be_bytes())?;
            self.inner.write_all(&adler32(1, data).to_be_bytes())?;
            self.inner.write_all(&adler32(1, &compressed).to_be_bytes())?;
            self.inner.write_all(&compressed)?;
        } else {
            self.inner.write_all(&len.to_be_bytes())?;
            self.inner.write_all(&adler32(1, data).to_be_bytes())?;
            self.inner.write_all(data)?;
        }
        self.pending.clear();
        Ok(())
    }

    /// Writes the last block and the end-of-stream marker, and returns the inner writer.
    pub fn finish(mut self) -> io::Result<W> {
        self.write_block()?;
        self.inner.write_all(&0u32.to_be_bytes())?;
        self.inner.flush()?;
        Ok(self.inner)
    }
}

impl<W: Write> Write for LzopWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let room = WRITER_BLOCK_SIZE - self.pending.len();
        let len = room.min(buf.len());
        self.pending.extend_from_slice(&buf[..len]);
        if self.pending.len() == WRITER_BLOCK_SIZE {
            self.write_block()?;
        }
        Ok(len)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Compresses `data` into a complete lzop file in memory.
pub fn compress(data: &[u8]) -> Vec<u8> {
    let mut writer = LzopWriter::new(Vec::new()).expect("writing to memory cannot fail");
    writer.write_all(data).expect("writing to memory cannot fail");
    writer.finish().expect("writing to memory cannot fail")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decompress(file: &[u8]) -> io::Result<Vec<u8>> {
        let mut out = Vec::new();
        LzopReader::new(file)?.read_to_end(&mut out)?;
        Ok(out)
    }

    fn sample(len: usize) -> Vec<u8> {
        (0..len).map(|i| if i % 7 == 0 { b'\n' } else { b"snowplow"[i % 8] ^ (i / 4096) as u8 }).collect()
    }

    #[test]
    fn adler32_matches_the_rfc_example() {
        assert_eq!(adler32(1, b"Wikipedia"), 0x11E6_0398);
        assert_eq!(adler32(1, &[]), 1);
    }

    #[test]
    fn round_trips_empty_small_and_multi_block_data() {
        for len in [0, 1, 100, WRITER_BLOCK_SIZE, WRITER_BLOCK_SIZE * 2 + 17] {
            let data = sample(len);
            assert_eq!(decompress(&compress(&data)).unwrap(), data, "length {len}");
        }
    }

    #[test]
    fn incompressible_blocks_are_stored() {
        let mut state = 0x1234_5678u32;
        let data: Vec<u8> = (0..5000)
            .map(|_| {
                state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
                (state >> 24) as u8
            })
            .collect();
        let file = compress(&data);
        assert_eq!(decompress(&file).unwrap(), data);
    }

    #[test]
    fn a_corrupted_block_fails_its_checksum() {
        let data = sample(10_000);
        let mut file = compress(&data);
        let last = file.len() - 10;
        file[last] ^= 0x55;
        let error = decompress(&file).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::InvalidData);
        assert!(error.to_string().contains("lzop block 1"), "{error}");
    }

    #[test]
    fn a_truncated_file_is_an_unexpected_end() {
        let file = compress(&sample(10_000));
        let error = decompress(&file[..file.len() - 20]).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::UnexpectedEof);
        assert!(error.to_string().contains("block 1"), "{error}");
    }

    #[test]
    fn a_damaged_header_is_refused() {
        let mut file = compress(b"a\n");
        file[12] ^= 1;
        assert!(decompress(&file).unwrap_err().to_string().contains("header checksum"));
        assert!(decompress(b"\x1f\x8b not lzop").unwrap_err().to_string().contains("not an lzop file"));
    }

    /// The real `lzop` tool, when `SNOWPLOWCTL_TEST_LZOP` names it (scripts/test sets it).
    #[allow(clippy::print_stderr)]
    fn lzop_tool() -> Option<String> {
        let tool = std::env::var("SNOWPLOWCTL_TEST_LZOP").ok().filter(|t| !t.is_empty());
        if tool.is_none() {
            eprintln!("skipped: set SNOWPLOWCTL_TEST_LZOP to the lzop binary to check against the real tool");
        }
        tool
    }

    #[test]
    fn reads_what_the_lzop_tool_writes_and_the_other_way_round() {
        let Some(tool) = lzop_tool() else { return };
        let dir = tempfile::tempdir().unwrap();
        let data = sample(WRITER_BLOCK_SIZE * 3 + 1234);
        std::fs::write(dir.path().join("data"), &data).unwrap();
        for flags in [&["-1"][..], &["-9", "--crc32"], &["-3", "-n"]] {
            let status = std::process::Command::new(&tool)
                .args(flags)
                .args(["-f", "-o"])
                .arg(dir.path().join("data.lzo"))
                .arg(dir.path().join("data"))
                .status()
                .unwrap();
            assert!(status.success());
            let file = std::fs::read(dir.path().join("data.lzo")).unwrap();
            assert_eq!(decompress(&file).unwrap(), data, "lzop {flags:?}");
        }
        std::fs::write(dir.path().join("ours.lzo"), compress(&data)).unwrap();
        let output =
            std::process::Command::new(&tool).args(["-d", "-c"]).arg(dir.path().join("ours.lzo")).output().unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        assert!(output.stdout == data);
    }
}
