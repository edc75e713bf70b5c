//! Elephant Bird `BinaryBlock` framing: how the Snowplow S3 loader (through Elephant Bird's
//! `RawBlockWriter`) stores Thrift records inside its lzop files.
//!
//! A stream is a sequence of blocks, each
//!
//! ```text
//! [16-byte sync marker] [u32 little-endian size] [protobuf SerializedBlock of that size]
//! SerializedBlock { optional int32 version = 1; optional string proto_class_name = 2;
//!                   repeated bytes proto_blobs = 3; }
//! ```
//!
//! and every `proto_blobs` entry is one record. The writer puts 100 records in a block, names the
//! class `byte[]` and writes version 1; the reader ignores both and, like Elephant Bird's reader,
//! skips empty records. The reader streams: a record is never held beyond the caller's limit,
//! whatever size the block claims.

use std::io::{self, Read, Write};

/// Elephant Bird's `KNOWN_GOOD_POSITION_MARKER`, written before every block.
pub const SYNC_MARKER: [u8; 16] =
    [0x29, 0xd8, 0xd5, 0x06, 0x58, 0xcd, 0x4c, 0x29, 0xb2, 0xbc, 0x57, 0x99, 0x21, 0x71, 0xbd, 0xff];

/// Records per block, as Elephant Bird's `BinaryBlockWriter` writes them.
const RECORDS_PER_BLOCK: usize = 100;

fn invalid(message: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, message)
}

/// Where a record sits and how big it really is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordInfo {
    /// Byte offset of the record's first byte in the (decompressed) stream.
    pub offset: u64,
    /// The record's full size; the buffer holds at most the caller's limit of it.
    pub size: u64,
}

/// Reads the records of a block-framed stream one at a time.
#[derive(Debug)]
pub struct BlockReader<R> {
    inner: R,
    /// Bytes consumed from `inner` so far.
    offset: u64,
    /// Bytes left in the current block's SerializedBlock; `None` between blocks.
    block_remaining: Option<u64>,
}

impl<R: Read> BlockReader<R> {
    /// A reader at the start of a stream (which must begin with a sync marker).
    pub fn new(inner: R) -> Self {
        BlockReader { inner, offset: 0, block_remaining: None }
    }

    /// Bytes consumed so far: after an error, roughly where the stream went wrong.
    pub fn offset(&self) -> u64 {
        self.offset
    }

    fn read_exact(&mut self, buf: &mut [u8], what: &str) -> io::Result<()> {
        self.take_from_block(buf.len() as u64, what)?;
        self.inner.read_exact(buf).map_err(|error| self.ended(error, what))?;
        self.offset += buf.len() as u64;
        Ok(())
    }

    fn ended(&self, error: io::Error, what: &str) -> io::Error {
        if error.kind() == io::ErrorKind::UnexpectedEof {
            io::Error::new(
                io::ErrorKind::UnexpectedEof,
                format!("the Elephant Bird block stream ends inside {what} (decompressed byte {})", self.offset),
            )
        } else {
            error
        }
    }

    /// Accounts for `len` bytes of the current block, refusing to run past its end.
    fn take_from_block(&mut self, len: u64, what: &str) -> io::Result<()> {
        if let Some(remaining) = &mut self.block_remaining {
            if len > *remaining {
                return Err(invalid(format!(
                    "{what} runs past the end of its Elephant Bird block (decompressed byte {})",
                    self.offset
                )));
            }
            *remaining -= len;
        }
        Ok(())
    }

    fn read_varint(&mut self, what: &str) -> io::Result<u64> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let mut byte = [0u8];
            self.read_exact(&mut byte, what)?;
            value |= u64::from(byte[0] & 0x7f) << shift;
            if byte[0] & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(invalid(format!("{what} is not a valid varint (decompressed byte {})", self.offset)))
    }

    /// Reads and throws away `len` bytes.
    fn skip(&mut self, len: u64, what: &str) -> io::Result<()> {
        self.take_from_block(len, what)?;
        let copied = io::copy(&mut (&mut self.inner).take(len), &mut io::sink())?;
        self.offset += copied;
        if copied < len {
            return Err(self.ended(io::ErrorKind::UnexpectedEof.into(), what));
        }
        Ok(())
    }

    /// Starts the next block; false at a clean end of stream.
    fn start_block(&mut self) -> io::Result<bool> {
        let mut marker = [0u8; 16];
        let mut filled = 0;
        while filled < marker.len() {
            match self.inner.read(&mut marker[filled..]) {
                Ok(0) => break,
                Ok(n) => filled += n,
                Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
                Err(error) => return Err(error),
            }
        }
        if filled == 0 {
            return Ok(false);
        }
        if filled < marker.len() || marker != SYNC_MARKER {
            return Err(invalid(format!(
                "expected an Elephant Bird sync marker at decompressed byte {}, found {} other byte(s)",
                self.offset, filled
            )));
        }
        self.offset += marker.len() as u64;
        let mut size = [0u8; 4];
        self.read_exact(&mut size, "a block size")?;
        self.block_remaining = Some(u64::from(u32::from_le_bytes(size)));
        Ok(true)
    }

    /// Reads the next non-empty record into `buf` (replacing its contents), keeping at most
    /// `max` bytes of it; returns `None` at the end of the stream.
    pub fn next_record(&mut self, buf: &mut Vec<u8>, max: u64) -> io::Result<Option<RecordInfo>> {
        loop {
            match self.block_remaining {
                None => {
                    if !self.start_block()? {
                        return Ok(None);
                    }
                }
                Some(0) => self.block_remaining = None,
                Some(_) => {
                    let tag = self.read_varint("a SerializedBlock field tag")?;
                    let (field, wire_type) = (tag >> 3, tag & 7);
                    match wire_type {
                        0 => {
                            self.read_varint("a SerializedBlock varint")?;
                        }
                        1 => self.skip(8, "a SerializedBlock fixed64")?,
                        5 => self.skip(4, "a SerializedBlock fixed32")?,
                        2 => {
                            let len = self.read_varint("a SerializedBlock length")?;
                            if field != 3 {
                                self.skip(len, "a SerializedBlock field")?;
                            } else if len > 0 {
                                let offset = self.offset;
                                let kept = len.min(max);
                                buf.clear();
                                buf.resize(kept as usize, 0);
                                self.read_exact(buf, "a record")?;
                                self.skip(len - kept, "a record")?;
                                return Ok(Some(RecordInfo { offset, size: len }));
                            }
                        }
                        other => {
                            return Err(invalid(format!(
                                "unexpected protobuf wire type {other} in an Elephant Bird block (decompressed byte {})",
                                self.offset
                            )));
                        }
                    }
                }
            }
        }
    }
}

fn write_varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// Writes records in blocks as Elephant Bird's `RawBlockWriter` does. Call
/// [`BlockWriter::finish`] to write the last, partial block.
#[derive(Debug)]
pub struct BlockWriter<W: Write> {
    inner: W,
    records: Vec<Vec<u8>>,
}

impl<W: Write> BlockWriter<W> {
    /// A writer with no records yet.
    pub fn new(inner: W) -> Self {
        BlockWriter { inner, records: Vec::with_capacity(RECORDS_PER_BLOCK) }
    }

    /// Adds one record, writing a block when it holds 100.
    pub fn write_record(&mut self, record: &[u8]) -> io::Result<()> {
        self.records.push(record.to_vec());
        if self.records.len() == RECORDS_PER_BLOCK {
            self.write_block()?;
        }
        Ok(())
    }

    fn write_block(&mut self) -> io::Result<()> {
        let mut block = Vec::new();
        block.push(0x08); // field 1, varint: version
        write_varint(&mut block, 1);
        let class_name = b"byte[]";
        block.push(0x12); // field 2, length-delimited: proto_class_name
        write_varint(&mut block, class_name.len() as u64);
        block.extend_from_slice(class_name);
        for record in self.records.drain(..) {
            block.push(0x1a); // field 3, length-delimited: proto_blobs
            write_varint(&mut block, record.len() as u64);
            block.extend_from_slice(&record);
        }
        let size = u32::try_from(block.len())
            .map_err(|_| io::Error::other("an Elephant Bird block must be smaller than 4 GiB"))?;
        self.inner.write_all(&SYNC_MARKER)?;
        self.inner.write_all(&size.to_le_bytes())?;
        self.inner.write_all(&block)
    }

    /// Writes the last block, if any records are pending, and returns the inner writer.
    pub fn finish(mut self) -> io::Result<W> {
        if !self.records.is_empty() {
            self.write_block()?;
        }
        self.inner.flush()?;
        Ok(self.inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn framed(records: &[&[u8]]) -> Vec<u8> {
        let mut writer = BlockWriter::new(Vec::new());
        for record in records {
            writer.write_record(record).unwrap();
        }
        writer.finish().unwrap()
    }

    fn read_all(bytes: &[u8], max: u64) -> io::Result<Vec<(Vec<u8>, RecordInfo)>> {
        let mut reader = BlockReader::new(bytes);
        let mut buf = Vec::new();
        let mut out = Vec::new();
        while let Some(info) = reader.next_record(&mut buf, max)? {
            out.push((buf.clone(), info));
        }
        Ok(out)
    }

    #[test]
    fn round_trips_records_across_blocks_and_skips_empty_ones() {
        let records: Vec<Vec<u8>> = (0..250).map(|i| format!("record {i}").into_bytes()).collect();
        let mut refs: Vec<&[u8]> = records.iter().map(Vec::as_slice).collect();
        refs.insert(3, b"");
        let bytes = framed(&refs);
        assert_eq!(bytes.windows(16).filter(|w| *w == SYNC_MARKER).count(), 3);
        let read = read_all(&bytes, 1024).unwrap();
        assert_eq!(read.iter().map(|(r, _)| r.clone()).collect::<Vec<_>>(), records);
        let (first, info) = &read[0];
        assert_eq!(&bytes[info.offset as usize..][..first.len()], first.as_slice());
    }

    #[test]
    fn the_block_layout_is_elephant_birds() {
        let bytes = framed(&[b"ab"]);
        let mut expected = SYNC_MARKER.to_vec();
        expected.extend_from_slice(&[14, 0, 0, 0, 0x08, 1, 0x12, 6]);
        expected.extend_from_slice(b"byte[]");
        expected.extend_from_slice(&[0x1a, 2, b'a', b'b']);
        assert_eq!(bytes, expected);
    }

    #[test]
    fn long_records_are_cut_to_the_limit_and_measured() {
        let big = vec![7u8; 5000];
        let bytes = framed(&[&big, b"next"]);
        let read = read_all(&bytes, 100).unwrap();
        assert_eq!(read[0].0.len(), 100);
        assert_eq!(read[0].1.size, 5000);
        assert_eq!(read[1].0, b"next");
    }

    #[test]
    fn truncation_and_garbage_are_errors() {
        let bytes = framed(&[b"one", b"two"]);
        let error = read_all(&bytes[..bytes.len() - 2], 100).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::UnexpectedEof);
        let mut garbage = bytes.clone();
        garbage.extend_from_slice(b"not a marker");
        assert!(read_all(&garbage, 100).unwrap_err().to_string().contains("sync marker"));
        let mut lying = bytes;
        lying[16] = 3; // the block claims fewer bytes than its fields need
        assert!(read_all(&lying, 100).unwrap_err().to_string().contains("past the end"));
    }
}
