//! The enrichment job: reads every input file, hands each record to a [`RecordProcessor`] and
//! writes what it produces into the run's part files, in parallel and in bounded memory.
//!
//! Work is split into tasks: one per compressed file, and one per chunk of a large plain file
//! (chunks end at line boundaries: a line belongs to the chunk its first byte is in). Task `i`
//! writes part `i`, so output names and contents do not depend on thread count or timing. Each
//! task streams its records through one reusable [`RecordSink`] and drains it into its part
//! files whenever it passes [`DRAIN_THRESHOLD`] bytes.
//!
//! A compressed file that ends early or is corrupt still yields every record before the damage;
//! the damage itself becomes one bad row ([`RecordProcessor::unreadable`]) and the run goes on.
//! Only failures of the machine (a file that cannot be read or written) stop the run, and then
//! nothing is published.

use std::fs::File;
use std::io::{self, BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use flate2::read::MultiGzDecoder;
use rayon::prelude::*;

use super::elephant_bird::{self, BlockReader};
use super::input::{self, Compression, CountingReader, InputError, InputFile, LineReader, ReadStats};
use super::lzop::LzopReader;
use super::outcome::{Counts, RecordOrigin, RecordProcessor, RecordSink};
use super::output::{OutputCompression, OutputError, PartWriter, RunOutput};
use super::payload::InputFormat;

/// The default `--max-record-size`: 1 MiB.
pub const DEFAULT_MAX_RECORD_SIZE: u64 = 1024 * 1024;
/// The default size of the chunks large plain files are split into: 64 MiB.
pub const DEFAULT_CHUNK_SIZE: u64 = 64 * 1024 * 1024;
/// A task writes its sink's buffers out once either passes this many bytes.
pub const DRAIN_THRESHOLD: usize = 1024 * 1024;

const READ_BUFFER_SIZE: usize = 256 * 1024;

/// What to enrich and where to put it.
#[derive(Debug, Clone)]
pub struct JobOptions {
    /// Files, directories and glob patterns.
    pub inputs: Vec<PathBuf>,
    /// The format of the records (decides the framing: lines, or Thrift records).
    pub format: InputFormat,
    /// The output directory (`OUT`).
    pub output: PathBuf,
    /// The run id (`YYYY-MM-DD-HH-mm-ss`), naming the `run=` folders.
    pub run_id: String,
    /// How good output is compressed.
    pub compression: OutputCompression,
    /// Records longer than this become `size_violation` bad rows.
    pub max_record_size: u64,
    /// Plain files larger than this are split into chunks of about this size.
    pub chunk_size: u64,
    /// Record origins (which seed generated event ids) name files relative to this folder, so
    /// that output does not depend on how the input's path was spelled [default: as given].
    pub label_base: Option<PathBuf>,
}

impl JobOptions {
    /// Options with the default record size limit, chunk size and no compression.
    pub fn new(inputs: Vec<PathBuf>, format: InputFormat, output: PathBuf, run_id: String) -> Self {
        JobOptions {
            inputs,
            format,
            output,
            run_id,
            compression: OutputCompression::None,
            max_record_size: DEFAULT_MAX_RECORD_SIZE,
            chunk_size: DEFAULT_CHUNK_SIZE,
            label_base: None,
        }
    }
}

/// Told how the job progresses; called from worker threads.
pub trait JobObserver: Sync {
    /// The inputs are known: `total_bytes` on disk in `files` files.
    fn started(&self, total_bytes: u64, files: usize);
    /// `bytes` more input bytes were processed, producing `events` more events.
    fn advanced(&self, bytes: u64, events: u64);
}

/// Takes each task's good lines as they are written, from worker threads (`enrich --shred`
/// shreds them in the same pass instead of reading the part files back).
pub trait GoodLinesTap: Sync {
    /// Whole enriched lines of task `task` (the run's part `task`), the first being line
    /// `first_line` of that part.
    fn good_lines(&self, task: usize, first_line: u64, lines: &[u8]) -> Result<(), TapError>;
}

/// Why a [`GoodLinesTap`] could not take lines.
pub type TapError = Box<dyn std::error::Error + Send + Sync>;

/// An observer that ignores everything.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoProgress;

impl JobObserver for NoProgress {
    fn started(&self, _total_bytes: u64, _files: usize) {}
    fn advanced(&self, _bytes: u64, _events: u64) {}
}

/// An input file that was damaged: its records up to the damage were processed, the damage
/// became one bad row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DamagedFile {
    /// The file.
    pub path: PathBuf,
    /// What was wrong, naming the byte offset and the decoder's error.
    pub message: String,
}

/// What a finished run did.
#[derive(Debug, Clone)]
pub struct JobSummary {
    /// What happened to the records; [`Counts::check`] holds when the processor is correct.
    pub counts: Counts,
    /// Input files read.
    pub files: usize,
    /// Their total size on disk.
    pub bytes: u64,
    /// Tasks the input was split into.
    pub tasks: usize,
    /// Good part files written.
    pub good_parts: usize,
    /// Bad part files written.
    pub bad_parts: usize,
    /// The published good folder, `OUT/enriched/good/run=…`.
    pub good_dir: PathBuf,
    /// The published bad folder, `OUT/enriched/bad/run=…`.
    pub bad_dir: PathBuf,
    /// Files that were truncated or corrupt.
    pub damaged: Vec<DamagedFile>,
    /// Wall time of the run.
    pub elapsed: Duration,
}

/// Why a run stopped. Nothing is published when it does.
#[derive(Debug, thiserror::Error)]
pub enum JobError {
    /// The run id is malformed.
    #[error("{0}")]
    InvalidRunId(String),
    /// The inputs name no files at all.
    #[error("no input files found in {}", .inputs.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", "))]
    NoInputs {
        /// The inputs given.
        inputs: Vec<PathBuf>,
    },
    /// An input does not exist, or cannot be listed or opened.
    #[error(transparent)]
    Input(#[from] InputError),
    /// Output cannot be written, or the run folder exists.
    #[error(transparent)]
    Output(#[from] OutputError),
    /// The [`GoodLinesTap`] failed.
    #[error("{0}")]
    Tap(TapError),
}

impl JobError {
    /// How to get past the error, when there is something to say.
    pub fn hint(&self) -> Option<&'static str> {
        match self {
            JobError::InvalidRunId(_) => Some("leave --run-id out to derive it from the ETL timestamp"),
            JobError::NoInputs { .. } => {
                Some("give files, directories or glob patterns that contain raw collector files")
            }
            JobError::Output(OutputError::RunExists { .. }) => {
                Some("choose another --run-id (or --etl-timestamp), or move the earlier run's folders away")
            }
            _ => None,
        }
    }

    /// Whether the error is about what the user asked for (exit status 1) rather than about
    /// the files and the machine (exit status 2).
    pub fn is_invalid_request(&self) -> bool {
        matches!(self, JobError::InvalidRunId(_) | JobError::Output(OutputError::RunExists { .. }))
    }
}

/// The run id for an ETL timestamp: its UTC date and time as `YYYY-MM-DD-HH-mm-ss`.
pub fn run_id_for(etl_timestamp_ms: i64) -> Option<String> {
    chrono::DateTime::from_timestamp_millis(etl_timestamp_ms).map(|t| t.format("%Y-%m-%d-%H-%M-%S").to_string())
}

/// Parses `--etl-timestamp`: epoch milliseconds, or an RFC 3339 date-time.
pub fn parse_etl_timestamp(text: &str) -> Result<i64, String> {
    let millis = if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        text.parse::<i64>().ok()
    } else {
        chrono::DateTime::parse_from_rfc3339(text).ok().map(|t| t.timestamp_millis())
    };
    match millis.filter(|ms| run_id_for(*ms).is_some()) {
        Some(millis) => Ok(millis),
        None => Err(format!(
            "`{text}` is not an ETL timestamp: give epoch milliseconds (1706745599000) or RFC 3339 (2024-01-31T23:59:59Z)"
        )),
    }
}

/// One unit of parallel work.
#[derive(Debug)]
struct Task<'a> {
    /// The part number it writes.
    index: usize,
    file: &'a InputFile,
    /// A byte range of a plain file; `None` for a whole file.
    range: Option<(u64, u64)>,
}

impl Task<'_> {
    fn bytes(&self) -> u64 {
        self.range.map_or(self.file.size, |(start, end)| end - start)
    }
}

/// Whether a plain file can be cut at newlines: not when it holds block-framed Thrift.
fn is_line_splittable(file: &InputFile, format: InputFormat) -> Result<bool, InputError> {
    if format.is_text() {
        return Ok(true);
    }
    let read_error = |source| InputError::Read { path: file.path.clone(), source };
    let mut start = Vec::with_capacity(elephant_bird::SYNC_MARKER.len());
    File::open(&file.path)
        .and_then(|f| f.take(elephant_bird::SYNC_MARKER.len() as u64).read_to_end(&mut start))
        .map_err(read_error)?;
    Ok(start != elephant_bird::SYNC_MARKER)
}

fn plan<'a>(files: &'a [InputFile], options: &JobOptions) -> Result<Vec<Task<'a>>, InputError> {
    let chunk_size = options.chunk_size.max(1);
    let mut tasks = Vec::new();
    for file in files {
        if file.compression == Compression::Plain && file.size > chunk_size && is_line_splittable(file, options.format)?
        {
            let mut start = 0;
            while start < file.size {
                let end = start.saturating_add(chunk_size).min(file.size);
                tasks.push(Task { index: tasks.len(), file, range: Some((start, end)) });
                start = end;
            }
        } else {
            tasks.push(Task { index: tasks.len(), file, range: None });
        }
    }
    Ok(tasks)
}

/// Enriches every record of the inputs and publishes the run folders.
pub fn run(
    options: &JobOptions,
    processor: &dyn RecordProcessor,
    observer: &dyn JobObserver,
) -> Result<JobSummary, JobError> {
    run_with_tap(options, processor, observer, None)
}

/// [`run`], handing every good line to `tap` too before it is written.
pub fn run_with_tap(
    options: &JobOptions,
    processor: &dyn RecordProcessor,
    observer: &dyn JobObserver,
    tap: Option<&dyn GoodLinesTap>,
) -> Result<JobSummary, JobError> {
    let started = Instant::now();
    crate::generate::text::RunId::parse(&options.run_id).map_err(JobError::InvalidRunId)?;
    let files = input::resolve(&options.inputs)?;
    if files.is_empty() {
        return Err(JobError::NoInputs { inputs: options.inputs.clone() });
    }
    let output = RunOutput::create(&options.output, &options.run_id, options.compression)?;
    let tasks = plan(&files, options)?;
    let total_bytes: u64 = files.iter().map(|f| f.size).sum();
    observer.started(total_bytes, files.len());

    // Biggest tasks first, so a large file does not start last and run alone.
    let mut schedule: Vec<&Task> = tasks.iter().collect();
    schedule.sort_by_key(|task| std::cmp::Reverse(task.bytes()));
    let results = schedule
        .par_iter()
        .with_max_len(1)
        .map(|task| run_task(task, options, processor, observer, tap, &output))
        .collect::<Result<Vec<TaskOutcome>, JobError>>()?;

    let mut summary_counts = Counts::default();
    let (mut good_parts, mut bad_parts) = (0, 0);
    let mut damaged = Vec::new();
    let mut ordered: Vec<(usize, TaskOutcome)> =
        schedule.iter().map(|task| task.index).zip(results).collect::<Vec<_>>();
    ordered.sort_by_key(|(index, _)| *index);
    for (_, outcome) in ordered {
        summary_counts.merge(&outcome.counts);
        good_parts += usize::from(outcome.parts.good);
        bad_parts += usize::from(outcome.parts.bad);
        damaged.extend(outcome.damaged);
    }
    let published = output.publish()?;
    Ok(JobSummary {
        counts: summary_counts,
        files: files.len(),
        bytes: total_bytes,
        tasks: tasks.len(),
        good_parts,
        bad_parts,
        good_dir: published.good_dir,
        bad_dir: published.bad_dir,
        damaged,
        elapsed: started.elapsed(),
    })
}

struct TaskOutcome {
    counts: Counts,
    parts: super::output::PartsWritten,
    damaged: Option<DamagedFile>,
}

/// The state of one running task.
struct TaskRun<'a> {
    task: &'a Task<'a>,
    label: String,
    format: InputFormat,
    max_record_size: u64,
    processor: &'a dyn RecordProcessor,
    observer: &'a dyn JobObserver,
    tap: Option<&'a dyn GoodLinesTap>,
    /// Good lines drained so far (the tap numbers lines by them).
    good_lines: u64,
    sink: RecordSink,
    part: PartWriter,
    stats: ReadStats,
    reported_bytes: u64,
    reported_events: u64,
    damaged: Option<DamagedFile>,
}

fn read_error(path: &Path, source: io::Error) -> JobError {
    JobError::Input(InputError::Read { path: path.to_path_buf(), source })
}

fn run_task(
    task: &Task<'_>,
    options: &JobOptions,
    processor: &dyn RecordProcessor,
    observer: &dyn JobObserver,
    tap: Option<&dyn GoodLinesTap>,
    output: &RunOutput,
) -> Result<TaskOutcome, JobError> {
    let path = &task.file.path;
    let mut file = File::open(path).map_err(|e| read_error(path, e))?;
    // A chunk starts one byte early, to see whether a line starts exactly at its first byte.
    let first_byte = task.range.map_or(0, |(start, _)| start.saturating_sub(1));
    if first_byte > 0 {
        file.seek(SeekFrom::Start(first_byte)).map_err(|e| read_error(path, e))?;
    }
    let (counted, stats) = CountingReader::new(file, first_byte);
    let mut run = TaskRun {
        task,
        label: match &options.label_base {
            Some(base) => {
                task.file.path.strip_prefix(base).map_or_else(|_| task.file.label(), |p| p.display().to_string())
            }
            None => task.file.label(),
        },
        format: options.format,
        max_record_size: options.max_record_size,
        processor,
        observer,
        tap,
        good_lines: 0,
        sink: RecordSink::default(),
        part: output.part(task.index),
        stats,
        reported_bytes: 0,
        reported_events: 0,
        damaged: None,
    };
    match (task.file.compression, task.range) {
        (Compression::Plain, Some((start, end))) => run.lines_in_range(counted, start, end)?,
        (Compression::Plain, None) => run.stream(counted)?,
        (Compression::Gzip, _) => {
            run.stream(MultiGzDecoder::new(BufReader::with_capacity(READ_BUFFER_SIZE, counted)))?
        }
        (Compression::Lzop, _) => match LzopReader::new(BufReader::with_capacity(READ_BUFFER_SIZE, counted)) {
            Ok(reader) => run.stream(reader)?,
            Err(error) => run.damaged(error, &[], 0)?,
        },
    }
    run.drain()?;
    run.report(true);
    let parts = run.part.finish()?;
    Ok(TaskOutcome { counts: run.sink.counts, parts, damaged: run.damaged })
}

impl TaskRun<'_> {
    /// Processes the records of a whole (decompressed) stream.
    fn stream(&mut self, mut stream: impl Read) -> Result<(), JobError> {
        if self.format.is_text() {
            return self.lines(LineReader::new(stream, 0, self.max_record_size), u64::MAX);
        }
        // Thrift: block-framed records if the stream starts with a sync marker, else base64 lines.
        let mut start = Vec::with_capacity(elephant_bird::SYNC_MARKER.len());
        if let Err(error) = (&mut stream).take(elephant_bird::SYNC_MARKER.len() as u64).read_to_end(&mut start) {
            return self.damaged(error, &start, 0);
        }
        let whole = io::Cursor::new(start.clone()).chain(stream);
        if start == elephant_bird::SYNC_MARKER {
            self.blocks(BlockReader::new(whole))
        } else {
            self.lines(LineReader::new(whole, 0, self.max_record_size), u64::MAX)
        }
    }

    /// Processes the lines that start in `[start, end)` of a plain file read from `start - 1`.
    fn lines_in_range(&mut self, file: impl Read, start: u64, end: u64) -> Result<(), JobError> {
        let first_byte = start.saturating_sub(1);
        // Memory stays bounded while skipping the line the chunk starts in: keep none of it.
        let mut skipper = LineReader::new(file, first_byte, 0);
        if start > 0 {
            match skipper.next_line() {
                Ok(_) => {}
                Err((_, error)) => return Err(read_error(&self.task.file.path, error)),
            }
        }
        let reader = skipper.with_limit(self.max_record_size);
        self.lines(reader, end)
    }

    /// Processes lines until the stream ends or a line starts at or after `end`.
    fn lines(&mut self, mut reader: LineReader<impl Read>, end: u64) -> Result<(), JobError> {
        while reader.position() < end {
            match reader.next_line() {
                Ok(Some(line)) => {
                    if line.size > self.max_record_size {
                        self.oversized(reader.line(), line.size, line.offset);
                    } else {
                        self.record(reader.line(), line.offset);
                    }
                    self.after_record()?;
                }
                Ok(None) => break,
                Err((offset, error)) => {
                    let partial = reader.partial().to_vec();
                    return self.damaged(error, &partial, offset);
                }
            }
        }
        Ok(())
    }

    /// Processes block-framed Thrift records.
    fn blocks(&mut self, mut reader: BlockReader<impl Read>) -> Result<(), JobError> {
        let mut buffer = Vec::new();
        loop {
            match reader.next_record(&mut buffer, self.max_record_size) {
                Ok(Some(info)) => {
                    let origin = RecordOrigin { source: &self.label, offset: info.offset };
                    if info.size > self.max_record_size {
                        self.processor.oversized(&buffer, info.size, origin, &mut self.sink);
                    } else {
                        self.processor.process(&buffer, origin, &mut self.sink);
                    }
                    self.after_record()?;
                }
                Ok(None) => return Ok(()),
                Err(error) => return self.damaged(error, &[], reader.offset()),
            }
        }
    }

    /// One record (a line, or a base64 Thrift line).
    fn record(&mut self, line: &[u8], offset: u64) {
        let origin = RecordOrigin { source: &self.label, offset };
        if self.format.is_text() {
            self.processor.process(line, origin, &mut self.sink);
        } else {
            let bytes = super::base64::decode_lenient(line);
            self.processor.process(&bytes, origin, &mut self.sink);
        }
    }

    /// A line longer than the limit; for base64 Thrift the prefix is decoded, the size is the line's.
    fn oversized(&mut self, prefix: &[u8], size: u64, offset: u64) {
        let origin = RecordOrigin { source: &self.label, offset };
        if self.format.is_text() {
            self.processor.oversized(prefix, size, origin, &mut self.sink);
        } else {
            let bytes = super::base64::decode_lenient(prefix);
            self.processor.oversized(&bytes, size, origin, &mut self.sink);
        }
    }

    /// The stream failed at `offset` (decompressed) after `partial` bytes of a record. A failure
    /// of the file itself stops the run; a decoder's complaint is one bad row for this file.
    fn damaged(&mut self, error: io::Error, partial: &[u8], offset: u64) -> Result<(), JobError> {
        if self.stats.failed() {
            return Err(read_error(&self.task.file.path, error));
        }
        let message = format!(
            "{}: the {} input is truncated or corrupt near compressed byte {} (decompressed byte {}): {}",
            self.label,
            self.task.file.compression.name(),
            self.stats.bytes(),
            offset + partial.len() as u64,
            error
        );
        let origin = RecordOrigin { source: &self.label, offset };
        self.processor.unreadable(partial, &message, origin, &mut self.sink);
        self.damaged = Some(DamagedFile { path: self.task.file.path.clone(), message });
        Ok(())
    }

    fn after_record(&mut self) -> Result<(), JobError> {
        if self.sink.good.len() >= DRAIN_THRESHOLD || self.sink.bad.len() >= DRAIN_THRESHOLD {
            self.drain()?;
            self.report(false);
        }
        Ok(())
    }

    fn drain(&mut self) -> Result<(), JobError> {
        if let Some(tap) = self.tap
            && !self.sink.good.is_empty()
        {
            tap.good_lines(self.task.index, self.good_lines + 1, &self.sink.good).map_err(JobError::Tap)?;
            self.good_lines += memchr::memchr_iter(b'\n', &self.sink.good).count() as u64;
        }
        self.part.write_good(&self.sink.good)?;
        self.part.write_bad(&self.sink.bad)?;
        self.sink.clear_output();
        Ok(())
    }

    /// Tells the observer about progress; bytes are capped at the task's share of the input so
    /// that the totals add up to the input size.
    fn report(&mut self, finished: bool) {
        let share = self.task.bytes();
        let first_byte = self.task.range.map_or(0, |(start, _)| start.saturating_sub(1));
        let done = if finished { share } else { self.stats.bytes().saturating_sub(first_byte).min(share) };
        let events = self.sink.counts.events;
        let (bytes, new_events) =
            (done.saturating_sub(self.reported_bytes), events.saturating_sub(self.reported_events));
        if bytes > 0 || new_events > 0 {
            self.observer.advanced(bytes, new_events);
        }
        self.reported_bytes = self.reported_bytes.max(done);
        self.reported_events = events;
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;
    use crate::enrich::outcome::BadRowKind;

    /// Echoes each record as a good line `offset<TAB>record`; a record starting with `BAD` is a
    /// bad row; Thrift records are shown in base64.
    struct Echo;

    impl RecordProcessor for Echo {
        fn process(&self, record: &[u8], origin: RecordOrigin<'_>, sink: &mut RecordSink) {
            sink.counts.records += 1;
            if record.starts_with(b"BAD") {
                sink.counts.failed_records += 1;
                sink.counts.add_bad_row(BadRowKind::CollectorPayloadFormatViolation);
                sink.bad.extend_from_slice(record);
                sink.bad.push(b'\n');
                return;
            }
            sink.counts.expanded_records += 1;
            sink.counts.events += 1;
            sink.counts.good_events += 1;
            let text = match std::str::from_utf8(record) {
                Ok(text) => text.to_owned(),
                Err(_) => crate::enrich::base64::encode_standard(record),
            };
            writeln!(sink.good, "{}\t{text}", origin.offset).unwrap();
        }

        fn oversized(&self, prefix: &[u8], actual_size: u64, origin: RecordOrigin<'_>, sink: &mut RecordSink) {
            sink.counts.records += 1;
            sink.counts.failed_records += 1;
            sink.counts.add_bad_row(BadRowKind::SizeViolation);
            writeln!(sink.bad, "oversized {actual_size} at {}: {}", origin.offset, String::from_utf8_lossy(prefix))
                .unwrap();
        }

        fn unreadable(&self, raw: &[u8], message: &str, origin: RecordOrigin<'_>, sink: &mut RecordSink) {
            sink.counts.records += 1;
            sink.counts.failed_records += 1;
            sink.counts.add_bad_row(BadRowKind::GenericError);
            writeln!(sink.bad, "unreadable at {} ({} bytes): {message}", origin.offset, raw.len()).unwrap();
        }
    }

    const RUN_ID: &str = "2024-01-31-23-59-59";

    fn options(inputs: &[&Path], out: &Path, format: InputFormat) -> JobOptions {
        JobOptions::new(inputs.iter().map(|p| p.to_path_buf()).collect(), format, out.to_path_buf(), RUN_ID.into())
    }

    /// Every part of a folder, in part order, concatenated (gzip parts decompressed).
    fn read_parts(dir: &Path) -> String {
        let mut names: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
        names.sort();
        let mut text = String::new();
        for name in names {
            let bytes = std::fs::read(&name).unwrap();
            assert!(!bytes.is_empty(), "{} is empty", name.display());
            if name.extension().is_some_and(|e| e == "gz") {
                MultiGzDecoder::new(bytes.as_slice()).read_to_string(&mut text).unwrap();
            } else {
                text.push_str(std::str::from_utf8(&bytes).unwrap());
            }
        }
        text
    }

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        encoder.write_all(data).unwrap();
        encoder.finish().unwrap()
    }

    #[test]
    fn chunks_never_split_or_repeat_a_line() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("in.log");
        let content = b"first\n\nsecond line\r\nBAD one\nx\n\n\nthe last line has no newline";
        std::fs::write(&input, content).unwrap();
        let mut expected_good = String::new();
        let mut offset = 0;
        for line in content.split(|b| *b == b'\n') {
            let text = std::str::from_utf8(line).unwrap().trim_end_matches('\r');
            if !text.starts_with("BAD") {
                expected_good.push_str(&format!("{offset}\t{text}\n"));
            }
            offset += line.len() + 1;
        }
        for chunk_size in 1..=content.len() as u64 + 1 {
            let out = dir.path().join(format!("out-{chunk_size}"));
            let mut options = options(&[&input], &out, InputFormat::CljTomcat);
            options.chunk_size = chunk_size;
            let summary = run(&options, &Echo, &NoProgress).unwrap();
            assert_eq!(summary.counts.check(), Ok(()));
            assert_eq!(summary.counts.records, 8, "chunk size {chunk_size}");
            assert_eq!(read_parts(&summary.good_dir), expected_good, "chunk size {chunk_size}");
            assert_eq!(read_parts(&summary.bad_dir), "BAD one\n");
            assert_eq!(summary.tasks as u64, (content.len() as u64).div_ceil(chunk_size));
        }
    }

    #[test]
    fn multi_member_gzip_is_read_whole_and_truncated_gzip_keeps_what_came_before() {
        let dir = tempfile::tempdir().unwrap();
        let mut two_members = gzip(b"a\nb\n");
        two_members.extend(gzip(b"c\n"));
        std::fs::write(dir.path().join("1.gz"), &two_members).unwrap();
        let long: String = (0..2000).map(|i| format!("line {i}\n")).collect();
        let whole = gzip(long.as_bytes());
        std::fs::write(dir.path().join("2.gz"), &whole[..whole.len() / 2]).unwrap();
        let out = dir.path().join("out");
        let summary =
            run(&options(&[&dir.path().join("*.gz")], &out, InputFormat::CljTomcat), &Echo, &NoProgress).unwrap();
        assert_eq!(summary.counts.check(), Ok(()));
        assert_eq!(summary.counts.bad_rows(BadRowKind::GenericError), 1);
        let good = read_parts(&summary.good_dir);
        assert!(good.starts_with("0\ta\n2\tb\n4\tc\n0\tline 0\n"), "{good}");
        let kept = summary.counts.good_events - 3;
        assert!(kept > 100 && kept < 2000, "{kept} lines before the damage");
        assert!(good.ends_with(&format!("\tline {}\n", kept - 1)));
        assert_eq!(summary.damaged.len(), 1);
        let message = &summary.damaged[0].message;
        assert!(message.contains("2.gz: the gzip input is truncated or corrupt near compressed byte"), "{message}");
        assert_eq!(summary.files, 2);
        assert_eq!((summary.good_parts, summary.bad_parts), (2, 1));
    }

    #[test]
    fn lzop_blocks_of_thrift_records_and_a_corrupted_lzop_block() {
        let dir = tempfile::tempdir().unwrap();
        let records: Vec<Vec<u8>> = (0..250u32).map(|i| [&[0u8, 1, 2][..], &i.to_be_bytes()].concat()).collect();
        let mut writer = elephant_bird::BlockWriter::new(Vec::new());
        for record in &records {
            writer.write_record(record).unwrap();
        }
        let framed = writer.finish().unwrap();
        std::fs::write(dir.path().join("a.lzo"), crate::enrich::lzop::compress(&framed)).unwrap();
        std::fs::write(dir.path().join("a.lzo.index"), b"ignored").unwrap();
        let lines: String = records.iter().map(|r| crate::enrich::base64::encode_url_safe(r) + "\n").collect();
        std::fs::write(dir.path().join("b.b64"), &lines).unwrap();
        let mut writer = elephant_bird::BlockWriter::new(Vec::new());
        for i in 0..600u32 {
            let record: Vec<u8> = (0..1000u32).map(|j| (i * 7 + j * 13) as u8).collect();
            writer.write_record(&record).unwrap();
        }
        let mut corrupt = crate::enrich::lzop::compress(&writer.finish().unwrap());
        let middle = corrupt.len() / 2;
        corrupt[middle] ^= 0xff;
        std::fs::write(dir.path().join("c.lzo"), corrupt).unwrap();

        let out = dir.path().join("out");
        let summary = run(&options(&[dir.path()], &out, InputFormat::Thrift), &Echo, &NoProgress).unwrap();
        assert_eq!(summary.counts.check(), Ok(()));
        assert_eq!(summary.files, 3);
        assert_eq!(summary.counts.bad_rows(BadRowKind::GenericError), 1);
        let before_damage = summary.counts.good_events - 500;
        assert!(before_damage > 0 && before_damage < 600, "{before_damage}");
        let good = read_parts(&summary.good_dir);
        let expected = crate::enrich::base64::encode_standard(&records[249]);
        assert!(good.contains(&expected), "{good}");
        let bad = read_parts(&summary.bad_dir);
        assert!(bad.contains("c.lzo: the lzop input is truncated or corrupt"), "{bad}");
        assert!(bad.contains("checksum"), "{bad}");
    }

    #[test]
    fn oversized_lines_become_size_violations_with_a_prefix() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("in.log");
        std::fs::write(&input, format!("short\n{}\r\nok\n", "z".repeat(100_000))).unwrap();
        let mut options = options(&[&input], &dir.path().join("out"), InputFormat::Cloudfront);
        options.max_record_size = 8;
        let summary = run(&options, &Echo, &NoProgress).unwrap();
        assert_eq!(summary.counts.check(), Ok(()));
        assert_eq!(read_parts(&summary.bad_dir), "oversized 100000 at 6: zzzzzzzz\n");
        assert_eq!(read_parts(&summary.good_dir), "0\tshort\n100008\tok\n");
    }

    #[test]
    fn output_does_not_depend_on_the_thread_count() {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..5 {
            let lines: String = (0..3000).map(|j| format!("file {i} line {j}\n")).collect();
            std::fs::write(dir.path().join(format!("{i}.log")), lines).unwrap();
        }
        let mut outputs = Vec::new();
        for threads in [1, 2] {
            let out = dir.path().join(format!("out-{threads}"));
            let mut options = options(&[&dir.path().join("*.log")], &out, InputFormat::CljTomcat);
            options.chunk_size = 10_000;
            options.compression = OutputCompression::Gzip;
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
            let summary = pool.install(|| run(&options, &Echo, &NoProgress)).unwrap();
            let mut parts: Vec<(String, Vec<u8>)> = std::fs::read_dir(&summary.good_dir)
                .unwrap()
                .map(|e| e.unwrap())
                .map(|e| (e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap()))
                .collect();
            parts.sort();
            assert!(parts.len() > 5 && parts[0].0 == "part-00000.gz", "{:?}", parts.len());
            outputs.push(parts);
        }
        assert!(outputs[0] == outputs[1]);
    }

    #[test]
    fn an_existing_run_is_refused_and_a_bad_run_id_too() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("in.log");
        std::fs::write(&input, "a\n").unwrap();
        let out = dir.path().join("out");
        run(&options(&[&input], &out, InputFormat::CljTomcat), &Echo, &NoProgress).unwrap();
        let error = run(&options(&[&input], &out, InputFormat::CljTomcat), &Echo, &NoProgress).unwrap_err();
        assert!(error.is_invalid_request() && error.hint().is_some(), "{error}");
        assert!(!out.join(crate::enrich::output::TEMP_DIR).exists());
        let mut bad_id = options(&[&input], &out, InputFormat::CljTomcat);
        bad_id.run_id = "2024-13-01-00-00-00".into();
        assert!(matches!(run(&bad_id, &Echo, &NoProgress), Err(JobError::InvalidRunId(_))));
        let empty = dir.path().join("empty");
        std::fs::create_dir(&empty).unwrap();
        let error = run(&options(&[&empty], &out, InputFormat::CljTomcat), &Echo, &NoProgress).unwrap_err();
        assert!(matches!(error, JobError::NoInputs { .. }) && !error.is_invalid_request());
    }

    #[test]
    fn empty_files_write_no_parts() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("empty.log"), "").unwrap();
        std::fs::write(dir.path().join("empty.gz"), gzip(b"")).unwrap();
        let summary =
            run(&options(&[dir.path()], &dir.path().join("out"), InputFormat::Cloudfront), &Echo, &NoProgress).unwrap();
        assert_eq!((summary.counts.records, summary.good_parts, summary.bad_parts), (0, 0, 0));
        assert!(summary.good_dir.is_dir() && summary.bad_dir.is_dir());
    }

    #[test]
    fn etl_timestamps_and_run_ids() {
        assert_eq!(parse_etl_timestamp("1000000000000"), Ok(1_000_000_000_000));
        assert_eq!(parse_etl_timestamp("2001-09-09T01:46:40Z"), Ok(1_000_000_000_000));
        assert_eq!(parse_etl_timestamp("2001-09-09T03:46:40+02:00"), Ok(1_000_000_000_000));
        assert!(parse_etl_timestamp("yesterday").unwrap_err().contains("epoch milliseconds"));
        assert!(parse_etl_timestamp("").is_err());
        assert_eq!(run_id_for(1_000_000_000_000).as_deref(), Some("2001-09-09-01-46-40"));
    }
}
