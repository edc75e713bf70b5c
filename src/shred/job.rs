//! The shred run: enriched files in, RDB Shredder's run folders out.
//!
//! ```text
//! OUT/shredded/good/run=…/atomic-events/part-NNNNN
//! OUT/shredded/good/run=…/shredded-types/vendor=V/name=N/format=F/version=M-R-A/part-NNNNN
//! OUT/shredded/good/run=…/shredded-tsv/vendor=V/name=N/format=F/version=M/part-NNNNN   (--tsv)
//! OUT/shredded/bad/run=…/part-NNNNN
//! ```
//!
//! Phase 1 checks every line (chunks of lines in parallel): failures become bad rows; good
//! events are shredded while they are at hand. Without deduplication their lines are written
//! straight away. With it, they are spilled (shredded lines, dedup columns, where the event_id
//! is in each line) to partitions by a hash of their event_id: kept in memory while the run
//! holds no more than half its budget so, written to temporary files after that. Phase 2
//! deduplicates each partition on its own (partitions in parallel) with memory bounded by the
//! budget (a partition larger than its share is split again by a second hash) and copies the
//! kept events' lines; a synthetic duplicate's are patched with its new id, after a
//! `duplicate` context.
//! Everything is written under the output's temporary folder and published by renaming, as
//! `enrich` does.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs::File;
use std::hash::{Hash, Hasher};
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use super::enriched::{EnrichedLine, Width, index};
use super::event::{self, BadRowFormat, Duplicate, EntityFormat, Failure, ShreddedEvent, ShreddedLines, ShreddedView};
use super::reader::{ChunkReader, ReadError};
use super::tsv_columns::TsvLayouts;
use crate::enrich::input::{self, Compression, InputError, InputFile};
use crate::enrich::job::{GoodLinesTap, TapError};
use crate::enrich::output::{OutputCompression, OutputError, RunOutput};
use crate::iglu::Validators;

/// The default memory budget for deduplication, in bytes.
pub const DEFAULT_DEDUP_MEMORY: u64 = 512 * 1024 * 1024;

/// Compressed inputs are assumed to expand this much when sizing dedup partitions.
const COMPRESSION_RATIO: u64 = 8;

/// The most partition files phase 1 writes.
const MAX_PARTITIONS: u64 = 1024;

/// Phase 2 writes a partition's shredded lines out whenever its atomic lines pass this size.
const FLUSH_BYTES: usize = 16 * 1024 * 1024;

/// How deep a too-large partition is split again before it is processed whatever its size.
const MAX_SPLIT_DEPTH: u32 = 4;

/// What to shred and how.
#[derive(Debug, Clone)]
pub struct ShredOptions {
    /// Enriched files, directories or glob patterns.
    pub inputs: Vec<PathBuf>,
    /// The output directory (`OUT/shredded/…`).
    pub output: PathBuf,
    /// The run folder name (`run=<id>`).
    pub run_id: String,
    /// JSON or TSV entity lines.
    pub entity_format: EntityFormat,
    /// Modern or legacy bad rows.
    pub bad_rows: BadRowFormat,
    /// Deduplicate within the batch.
    pub dedup: bool,
    /// The memory budget for deduplication, in bytes.
    pub dedup_memory: u64,
    /// The run's timestamp (ms since the epoch): legacy bad rows' `failure_tstamp`, and the seed
    /// of synthetic duplicates' new ids (so reruns give identical output).
    pub timestamp_ms: i64,
}

/// Progress callbacks; called from worker threads.
pub trait ShredObserver: Sync {
    /// The run starts: total input bytes on disk and file count.
    fn started(&self, total_bytes: u64, files: usize);
    /// A chunk of lines was checked (decompressed bytes, lines).
    fn advanced(&self, bytes: u64, lines: u64);
}

/// An observer that ignores everything.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoProgress;

impl ShredObserver for NoProgress {
    fn started(&self, _: u64, _: usize) {}
    fn advanced(&self, _: u64, _: u64) {}
}

/// What a run did.
#[derive(Debug, Clone, Default)]
pub struct ShredSummary {
    /// Input files.
    pub files: usize,
    /// Input bytes on disk.
    pub bytes: u64,
    /// Lines read.
    pub lines: u64,
    /// Events written to atomic-events.
    pub good_events: u64,
    /// Entity lines written.
    pub entities: u64,
    /// Bad rows by kind.
    pub bad_rows: BTreeMap<&'static str, u64>,
    /// Natural duplicates dropped (same event_id and fingerprint).
    pub natural_duplicates: u64,
    /// Events given a new id as synthetic duplicates.
    pub synthetic_duplicates: u64,
    /// Dedup partitions processed (0 without dedup).
    pub partitions: u64,
    /// Wall time.
    pub elapsed: Duration,
    /// The published good run folder.
    pub good_dir: PathBuf,
    /// The published bad run folder.
    pub bad_dir: PathBuf,
}

impl ShredSummary {
    /// All bad rows.
    pub fn total_bad_rows(&self) -> u64 {
        self.bad_rows.values().sum()
    }
}

/// A run that could not complete; nothing is published.
#[derive(Debug, thiserror::Error)]
pub enum ShredError {
    /// The inputs name no readable file.
    #[error(transparent)]
    Input(#[from] InputError),
    /// A file could not be read to its end.
    #[error(transparent)]
    Read(#[from] ReadError),
    /// Output could not be written (or the run folder exists).
    #[error(transparent)]
    Output(#[from] OutputError),
    /// A temporary dedup file could not be written or read.
    #[error("deduplication scratch file {path}: {source}")]
    Scratch {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
}

impl ShredError {
    /// Whether the request itself is wrong (an existing run folder) rather than I/O failing.
    pub fn is_invalid_request(&self) -> bool {
        matches!(self, ShredError::Output(OutputError::RunExists { .. }))
    }

    /// A hint for the user, when there is an obvious one.
    pub fn hint(&self) -> Option<&'static str> {
        match self {
            ShredError::Output(OutputError::RunExists { .. }) => Some("choose another --run-id or output directory"),
            _ => None,
        }
    }
}

fn scratch_error(path: &Path) -> impl FnOnce(std::io::Error) -> ShredError + '_ {
    move |source| ShredError::Scratch { path: path.to_path_buf(), source }
}

fn write_error(path: &Path) -> impl FnOnce(std::io::Error) -> OutputError + '_ {
    move |source| OutputError::Write { path: path.to_path_buf(), source }
}

/// `yyyy-MM-ddTHH:mm:ss.SSSZ` of the run's timestamp, for legacy bad rows.
fn failure_tstamp(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|t| t.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string())
        .unwrap_or_else(|| "1970-01-01T00:00:00.000Z".to_owned())
}

/// Writes a task's shredded lines as `part-NAME` of each folder they belong to.
fn write_parts(good_dir: &Path, name: &str, lines: &ShreddedLines) -> Result<(), OutputError> {
    for (folder, bytes) in lines.folders() {
        let dir = good_dir.join(folder);
        std::fs::create_dir_all(&dir).map_err(write_error(&dir))?;
        let path = dir.join(format!("part-{name}"));
        let mut file = File::options().create(true).append(true).open(&path).map_err(write_error(&path))?;
        file.write_all(bytes).map_err(write_error(&path))?;
    }
    Ok(())
}

/// The name of phase 1's part for lines of `source` from `first_line` on: zero-padded, so
/// names sort in input order.
fn phase_one_part(source: usize, first_line: u64) -> String {
    format!("1-{source:010}-{first_line:020}")
}

/// The name of phase 2's part for dedup partition `partition`, sorting after phase 1's.
fn phase_two_part(partition: usize) -> String {
    format!("2-{partition:010}")
}

/// Renames the part files under `dir` (in every folder) to `part-00000`, `part-00001`, … in
/// the order of their names.
fn number_parts(dir: &Path) -> Result<(), OutputError> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Ok(()) };
    let mut parts = Vec::new();
    for entry in entries {
        let path = entry.map_err(write_error(dir))?.path();
        if path.is_dir() {
            number_parts(&path)?;
        } else if path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with("part-")) {
            parts.push(path);
        }
    }
    parts.sort();
    for (number, path) in parts.iter().enumerate() {
        let numbered = dir.join(format!("part-{number:05}"));
        std::fs::rename(path, &numbered).map_err(write_error(&numbered))?;
    }
    Ok(())
}

fn partition_of(event_id: &str, depth: u32, partitions: usize) -> usize {
    let mut hasher = std::hash::DefaultHasher::new();
    depth.hash(&mut hasher);
    event_id.hash(&mut hasher);
    (hasher.finish() % partitions as u64) as usize
}

/// One task's results.
#[derive(Default)]
struct TaskOutput {
    lines: u64,
    good: u64,
    entities: u64,
    bad: BTreeMap<&'static str, u64>,
    /// Good events spilled to dedup partitions.
    spilled: u64,
}

/// A dedup partition being written in phase 1.
struct Partition {
    file: BufWriter<File>,
    /// Records kept in memory instead of written, while the run holds no more than half its
    /// memory budget so: a batch that fits is never written out and read back.
    held: Vec<u8>,
    /// The weight of its events ([`Spilled::write`]).
    weight: u64,
}

/// A shred run in progress: phase 1 takes lines as they come ([`ShredSession::accept`], from
/// any thread), [`ShredSession::finish`] deduplicates and publishes. `shred` feeds it from
/// enriched files; `enrich --shred` from the enrich job's good lines, without re-reading them.
pub struct ShredSession {
    options: ShredOptions,
    validators: Arc<Validators>,
    layouts: TsvLayouts,
    failure_tstamp: String,
    output: RunOutput,
    good_dir: PathBuf,
    partitions: Vec<Mutex<Partition>>,
    partition_paths: Vec<PathBuf>,
    /// Each dedup partition's share of the memory budget.
    share: u64,
    /// Bytes of records held in memory by all partitions ([`Partition::held`]).
    held: AtomicU64,
    /// Phase 1's totals, and which sources had good events (their rank orders duplicates).
    progress: Mutex<(ShredSummary, BTreeSet<usize>)>,
    started: Instant,
    /// The lines' `contexts` and `unstruct_event` were validated through these validators by
    /// whoever wrote them (see [`ShredSession::entities_already_validated`]).
    entities_validated: bool,
}

impl std::fmt::Debug for ShredSession {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ShredSession").field("output", &self.good_dir).finish_non_exhaustive()
    }
}

impl ShredSession {
    /// Creates the output's temporary folders and, with dedup, partition files sized for about
    /// `expected_bytes` of enriched lines.
    pub fn start(
        options: ShredOptions,
        validators: Arc<Validators>,
        expected_bytes: u64,
    ) -> Result<ShredSession, ShredError> {
        let output = RunOutput::create_stage(&options.output, "shredded", &options.run_id, OutputCompression::None)?;
        let layouts = TsvLayouts::new(Arc::clone(&validators));
        let threads = rayon::current_num_threads().max(1) as u64;
        // Each partition is deduplicated by one thread with its share of the budget.
        let share = (options.dedup_memory / threads).max(1);
        let partition_count =
            if options.dedup { (expected_bytes / share + 1).clamp(1, MAX_PARTITIONS) as usize } else { 0 };
        let mut partitions = Vec::new();
        let mut partition_paths = Vec::new();
        if partition_count > 0 {
            let scratch = output.scratch_dir("dedup")?;
            for i in 0..partition_count {
                let path = scratch.join(format!("partition-{i:04}"));
                let file = BufWriter::new(File::create(&path).map_err(scratch_error(&path))?);
                partitions.push(Mutex::new(Partition { file, held: Vec::new(), weight: 0 }));
                partition_paths.push(path);
            }
        }
        Ok(ShredSession {
            failure_tstamp: failure_tstamp(options.timestamp_ms),
            good_dir: output.good_temp_dir(),
            options,
            validators,
            layouts,
            output,
            partitions,
            partition_paths,
            share,
            held: AtomicU64::new(0),
            progress: Mutex::new((ShredSummary::default(), BTreeSet::new())),
            started: Instant::now(),
            entities_validated: false,
        })
    }

    /// Tells the session that its lines come from an enrich pipeline that validated their
    /// `contexts` and `unstruct_event` columns through the same validators and did not change
    /// them afterwards, so checking them again would give the same answer: only
    /// `derived_contexts` is validated then. `enrich --shred` and `run` use this when no
    /// enrichment runs.
    pub fn entities_already_validated(mut self, validated: bool) -> ShredSession {
        self.entities_validated = validated;
        self
    }

    /// Phase 1 for a run of whole enriched lines (each ending in `\n`, the last perhaps not) of
    /// `source` (a file or task number; duplicates are ordered by source, then line), the
    /// first being line `first_line` of the source. Writes its own part files.
    pub fn accept(&self, source: usize, first_line: u64, bytes: &[u8]) -> Result<(), ShredError> {
        let lines = super::reader::lines_of(bytes).zip(first_line..).map(|(line, number)| (number, line));
        let result = self.check_lines(source, &phase_one_part(source, first_line), bytes.len(), lines)?;
        self.record(source, result);
        Ok(())
    }

    fn record(&self, source: usize, result: TaskOutput) {
        let mut progress = self.progress.lock().unwrap_or_else(|e| e.into_inner());
        let (summary, sources) = &mut *progress;
        if result.spilled > 0 {
            sources.insert(source);
        }
        summary.lines += result.lines;
        summary.good_events += result.good;
        summary.entities += result.entities;
        for (kind, count) in result.bad {
            *summary.bad_rows.entry(kind).or_default() += count;
        }
    }

    /// Phase 1 for lines of `source` (`size` bytes): bad rows out, good events shredded (no
    /// dedup) or spilled.
    /// Its part files are named `part-PART` ([`phase_one_part`]), so their order does not
    /// depend on which thread finishes first; [`ShredSession::finish`] numbers them in order.
    fn check_lines<'l>(
        &self,
        source: usize,
        part: &str,
        size: usize,
        lines: impl Iterator<Item = (u64, &'l [u8])>,
    ) -> Result<TaskOutput, ShredError> {
        let options = &self.options;
        let mut result = TaskOutput::default();
        let mut bad = Vec::new();
        let mut shredded = ShreddedLines::default();
        // Buffers sized for the lines from the start rather than grown (and copied) as they fill.
        let spill_share = if options.dedup { size + size / 2 } else { 0 } / self.partitions.len().max(1);
        if !options.dedup {
            shredded.atomic.reserve(size);
        }
        let mut event_lines = ShreddedEvent::default();
        let mut entities = Vec::new();
        // Each partition's records and their weight.
        let mut spill: Vec<(Vec<u8>, u64)> = vec![(Vec::new(), 0); self.partitions.len()];
        for (number, bytes) in lines {
            result.lines += 1;
            let line = match std::str::from_utf8(bytes) {
                Ok(line) => line,
                Err(error) => {
                    let text = String::from_utf8_lossy(bytes);
                    let message = format!("the line is not valid UTF-8 (at byte {})", error.valid_up_to());
                    let failure = Failure::Legacy(vec![serde_json::json!({"level": "error", "message": message})]);
                    event::write_bad_row(&text, &failure, options.bad_rows, &self.failure_tstamp, &mut bad);
                    *result.bad.entry(failure.kind()).or_default() += 1;
                    continue;
                }
            };
            let checked = EnrichedLine::parse(line, Width::Padded).map_err(Failure::Width).and_then(|event| {
                event::check_parsed(&event, options.bad_rows, &self.validators, self.entities_validated).map(|()| event)
            });
            let event = match checked {
                Ok(event) => event,
                Err(failure) => {
                    event::write_bad_row(line, &failure, options.bad_rows, &self.failure_tstamp, &mut bad);
                    *result.bad.entry(failure.kind()).or_default() += 1;
                    continue;
                }
            };
            // Shredded now, while the event is at hand: with deduplication, phase 2 only picks
            // which events' lines to copy.
            event::shred(&event, options.entity_format, &self.layouts, &mut entities, &mut event_lines);
            if options.dedup {
                let partition = partition_of(event.get(index::EVENT_ID), 0, spill.len());
                let (records, weight) = &mut spill[partition];
                if records.capacity() == 0 {
                    records.reserve(spill_share);
                }
                *weight += Spilled::write((source as u64, number), &event, &event_lines, records);
                result.spilled += 1;
            } else {
                let before = shredded.entity_count;
                event_lines.view().write_to(None, options.entity_format, &self.layouts, &mut shredded);
                result.good += 1;
                result.entities += shredded.entity_count - before;
            }
        }
        let mut writer = self.output.part_named(part);
        writer.write_bad(&bad)?;
        writer.finish()?;
        write_parts(&self.good_dir, part, &shredded)?;
        for (partition, (records, weight)) in spill.iter_mut().enumerate() {
            if records.is_empty() {
                continue;
            }
            let path = &self.partition_paths[partition];
            let mut partition = self.partitions[partition].lock().unwrap_or_else(|e| e.into_inner());
            partition.weight += *weight;
            let size = records.len() as u64;
            let held = self.held.fetch_add(size, Ordering::Relaxed) + size;
            if held <= self.options.dedup_memory / 2 {
                partition.held.append(records);
            } else {
                self.held.fetch_sub(size, Ordering::Relaxed);
                partition.file.write_all(records).map_err(scratch_error(path))?;
            }
        }
        Ok(result)
    }

    /// Phase 2 (deduplication of the spilled events, in parallel by partition), then publishes
    /// the run folders.
    pub fn finish(self) -> Result<ShredSummary, ShredError> {
        let (mut summary, sources) = std::mem::take(&mut *self.progress.lock().unwrap_or_else(|e| e.into_inner()));
        // Sources are ranked among those that had good events, as the enriched part files
        // that would hold them are numbered when read back.
        let ranks: HashMap<u64, u64> = sources.iter().enumerate().map(|(rank, &s)| (s as u64, rank as u64)).collect();
        let mut spilled = Vec::with_capacity(self.partitions.len());
        for (partition, path) in self.partitions.iter().zip(&self.partition_paths) {
            let mut partition = partition.lock().unwrap_or_else(|e| e.into_inner());
            partition.file.flush().map_err(scratch_error(path))?;
            spilled.push((std::mem::take(&mut partition.held), partition.weight));
        }
        let totals: Vec<Result<(u64, u64, u64, u64), ShredError>> = self
            .partition_paths
            .par_iter()
            .zip(spilled)
            .enumerate()
            .map(|(i, (path, (held, weight)))| {
                let mut lines = ShreddedLines::default();
                let part = phase_two_part(i);
                let (good, natural, synthetic) =
                    shred_partition(&self, &ranks, &part, Piece { path, held, weight }, 0, self.share, &mut lines)?;
                write_parts(&self.good_dir, &part, &lines)?;
                Ok((good, natural, synthetic, lines.entity_count))
            })
            .collect();
        for total in totals {
            let (good, natural, synthetic, entities) = total?;
            summary.good_events += good;
            summary.natural_duplicates += natural;
            summary.synthetic_duplicates += synthetic;
            summary.entities += entities;
        }
        summary.partitions = self.partitions.len() as u64;
        let ShredSession { output, partitions, started, good_dir, .. } = self;
        drop(partitions);
        number_parts(&good_dir)?;
        number_parts(&output.bad_temp_dir())?;
        let published = output.publish()?;
        summary.good_dir = published.good_dir;
        summary.bad_dir = published.bad_dir;
        summary.elapsed = started.elapsed();
        Ok(summary)
    }
}

/// A spilled event: where it came from, the columns deduplication compares, and its shredded
/// lines, borrowed from the partition's bytes.
///
/// A record is `u32` length of the rest, `u64` source, `u64` line number, `u64` weight, the
/// `u32` lengths
/// of event_id, fingerprint, etl_tstamp, collector_tstamp, the atomic line, the `u32` start and
/// end of the event_id in the atomic line, the table's length, then those texts, the
/// [`ShreddedView`]'s entity table and its lines (all little-endian).
struct Spilled<'t> {
    order: (u64, u64),
    event_id: &'t str,
    fingerprint: &'t str,
    etl_tstamp: &'t str,
    /// The root timestamp of a `duplicate` context.
    collector_tstamp: &'t str,
    shredded: ShreddedView<'t>,
}

/// The `u64` and `u32` fields that start a spilled record, after its length.
const SPILLED_HEADER: usize = 3 * 8 + 8 * 4;

/// Where the event_id's length is in a record.
const EVENT_ID_LENGTH_AT: usize = 3 * 8;

impl<'t> Spilled<'t> {
    /// Appends the record of an event and its shredded lines; returns its weight: what it
    /// counts against the memory budget. That is the size its spilled line had before events
    /// were spilled shredded (`source TAB line TAB event_id TAB fingerprint TAB etl_tstamp TAB
    /// line NEWLINE`), so that partitions are split exactly as they were and their events come
    /// out in the same order.
    fn write(order: (u64, u64), event: &EnrichedLine<'_>, shredded: &ShreddedEvent, out: &mut Vec<u8>) -> u64 {
        let texts = [index::EVENT_ID, index::EVENT_FINGERPRINT, index::ETL_TSTAMP, index::COLLECTOR_TSTAMP]
            .map(|column| event.get(column).as_bytes());
        let digits = |n: u64| n.checked_ilog10().unwrap_or(0) as usize + 1;
        let weight = digits(order.0)
            + digits(order.1)
            + texts[..3].iter().map(|t| t.len()).sum::<usize>()
            + event.line().len()
            + 6;
        let length = SPILLED_HEADER
            + texts.iter().map(|text| text.len()).sum::<usize>()
            + shredded.table.len()
            + shredded.lines.len();
        let word = |value: usize| u32::try_from(value).unwrap_or(u32::MAX).to_le_bytes();
        out.extend_from_slice(&word(length));
        out.extend_from_slice(&order.0.to_le_bytes());
        out.extend_from_slice(&order.1.to_le_bytes());
        out.extend_from_slice(&(weight as u64).to_le_bytes());
        for text in texts {
            out.extend_from_slice(&word(text.len()));
        }
        for value in [shredded.atomic_len, shredded.atomic_id.start, shredded.atomic_id.end, shredded.table.len()] {
            out.extend_from_slice(&word(value));
        }
        for text in texts {
            out.extend_from_slice(text);
        }
        out.extend_from_slice(&shredded.table);
        out.extend_from_slice(&shredded.lines);
        weight as u64
    }

    /// Reads a record [`Spilled::write`] wrote (without its length); `None` when it is not one.
    fn parse(record: &'t [u8]) -> Option<Spilled<'t>> {
        let header = record.get(..SPILLED_HEADER)?;
        let u64_at = |at: usize| u64::from_le_bytes(header[at..at + 8].try_into().unwrap_or_default());
        let u32_at = |i: usize| {
            let at = EVENT_ID_LENGTH_AT + i * 4;
            u32::from_le_bytes(header[at..at + 4].try_into().unwrap_or_default()) as usize
        };
        let mut rest = &record[SPILLED_HEADER..];
        let mut take = |len: usize| {
            let (taken, after) = rest.split_at_checked(len)?;
            rest = after;
            Some(taken)
        };
        let mut text = |len: usize| take(len).and_then(|bytes| std::str::from_utf8(bytes).ok());
        let (event_id, fingerprint, etl_tstamp, collector_tstamp) =
            (text(u32_at(0))?, text(u32_at(1))?, text(u32_at(2))?, text(u32_at(3))?);
        let table = take(u32_at(7))?;
        let shredded = ShreddedView { lines: rest, atomic_len: u32_at(4), atomic_id: u32_at(5)..u32_at(6), table };
        shredded.is_consistent().then_some(Spilled {
            order: (u64_at(0), u64_at(8)),
            event_id,
            fingerprint,
            etl_tstamp,
            collector_tstamp,
            shredded,
        })
    }

    /// Just the event_id and weight of a record, to route it when a partition is split.
    fn event_id(record: &[u8]) -> Option<(&[u8], u64)> {
        let weight = u64::from_le_bytes(record.get(16..24)?.try_into().ok()?);
        let length = u32::from_le_bytes(record.get(EVENT_ID_LENGTH_AT..EVENT_ID_LENGTH_AT + 4)?.try_into().ok()?);
        Some((record.get(SPILLED_HEADER..SPILLED_HEADER + length as usize)?, weight))
    }
}

/// The records of a partition's bytes (each without its length).
fn spilled_records(bytes: &[u8]) -> impl Iterator<Item = Option<&[u8]>> {
    let mut rest = bytes;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let record = rest
            .split_first_chunk::<4>()
            .and_then(|(length, after)| after.split_at_checked(u32::from_le_bytes(*length) as usize));
        match record {
            Some((record, after)) => {
                rest = after;
                Some(Some(record))
            }
            None => {
                rest = &[];
                Some(None)
            }
        }
    })
}

fn corrupt_scratch(path: &Path) -> ShredError {
    let error = std::io::Error::new(std::io::ErrorKind::InvalidData, "a spilled event is cut short or damaged");
    scratch_error(path)(error)
}

/// The dedup result of one partition.
#[derive(Default)]
struct Deduplicated<'t> {
    kept: Vec<(Spilled<'t>, Option<String>)>,
    natural: u64,
    synthetic: u64,
}

/// What makes events natural duplicates: the same event_id and fingerprint; an event without
/// a fingerprint equals no other, so it is keyed by where it came from.
#[derive(PartialEq, Eq, Hash)]
enum Fingerprint<'t> {
    Text(&'t str),
    Absent(u64, u64),
}

type FxMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<crate::iglu::validate::FxHasher>>;

/// A deterministic new event id (UUID v4 layout) for a synthetic duplicate.
fn new_event_id(seed_ms: i64, original: &str, order: (u64, u64)) -> String {
    let mut hasher = Sha256::new();
    hasher.update(seed_ms.to_be_bytes());
    hasher.update(original.as_bytes());
    hasher.update(order.0.to_be_bytes());
    hasher.update(order.1.to_be_bytes());
    let digest = hasher.finalize();
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_random_bytes(bytes).into_uuid().hyphenated().to_string()
}

/// Deduplicates the spilled events of one partition (`bytes`: read whole from `path`, and
/// held in memory); the
/// kept events in the order they came, each with its new id when it is a synthetic duplicate.
fn deduplicate<'t>(
    bytes: [&'t [u8]; 2],
    path: &Path,
    ranks: &HashMap<u64, u64>,
    seed_ms: i64,
) -> Result<Deduplicated<'t>, ShredError> {
    // (event_id, fingerprint) → the kept event.
    let mut kept: FxMap<(&'t str, Fingerprint<'t>), Spilled<'t>> = FxMap::default();
    let mut natural = 0;
    for record in bytes.into_iter().flat_map(spilled_records) {
        let mut event = record.and_then(Spilled::parse).ok_or_else(|| corrupt_scratch(path))?;
        event.order.0 = ranks.get(&event.order.0).copied().unwrap_or(event.order.0);
        let fingerprint = match event.fingerprint {
            "" => Fingerprint::Absent(event.order.0, event.order.1),
            fingerprint => Fingerprint::Text(fingerprint),
        };
        match kept.entry((event.event_id, fingerprint)) {
            std::collections::hash_map::Entry::Occupied(mut existing) => {
                natural += 1;
                // Lowest etl_tstamp wins, then the first seen.
                let rank = |e: &Spilled<'t>| (e.etl_tstamp, e.order);
                if rank(&event) < rank(existing.get()) {
                    existing.insert(event);
                }
            }
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(event);
            }
        }
    }
    let mut per_id: FxMap<&str, u32> = FxMap::default();
    for (id, _) in kept.keys() {
        *per_id.entry(id).or_default() += 1;
    }
    let mut result = Deduplicated { natural, ..Deduplicated::default() };
    for ((id, _), event) in kept {
        let new_id = if per_id[id] > 1 {
            result.synthetic += 1;
            Some(new_event_id(seed_ms, id, event.order))
        } else {
            None
        };
        result.kept.push((event, new_id));
    }
    result.kept.sort_by_key(|(event, _)| event.order);
    Ok(result)
}

/// Splits a partition file into `count` files by a hash of the event_id at `depth`; returns
/// them with their weights.
fn split(path: &Path, depth: u32, count: usize) -> Result<Vec<(PathBuf, u64)>, ShredError> {
    let paths: Vec<PathBuf> = (0..count).map(|i| path.with_extension(format!("{depth}-{i}"))).collect();
    let mut writers = Vec::with_capacity(count);
    for sub in &paths {
        writers.push(BufWriter::new(File::create(sub).map_err(scratch_error(sub))?));
    }
    let mut reader = BufReader::new(File::open(path).map_err(scratch_error(path))?);
    let mut record = Vec::new();
    let mut weights = vec![0; count];
    loop {
        let mut length = [0u8; 4];
        match reader.read_exact(&mut length) {
            Ok(()) => {}
            Err(error) if error.kind() == std::io::ErrorKind::UnexpectedEof => break,
            Err(error) => return Err(scratch_error(path)(error)),
        }
        record.resize(u32::from_le_bytes(length) as usize, 0);
        reader.read_exact(&mut record).map_err(|_| corrupt_scratch(path))?;
        let (event_id, weight) = Spilled::event_id(&record).ok_or_else(|| corrupt_scratch(path))?;
        let event_id = std::str::from_utf8(event_id).map_err(|_| corrupt_scratch(path))?;
        let target = partition_of(event_id, depth, count);
        weights[target] += weight;
        writers[target]
            .write_all(&length)
            .and_then(|()| writers[target].write_all(&record))
            .map_err(scratch_error(&paths[target]))?;
    }
    for (writer, sub) in writers.into_iter().zip(&paths) {
        writer.into_inner().map_err(|e| e.into_error()).map_err(scratch_error(sub))?;
    }
    std::fs::remove_file(path).map_err(scratch_error(path))?;
    Ok(paths.into_iter().zip(weights).collect())
}

/// A dedup partition or a piece of one: its file, the records held in memory, their weight.
struct Piece<'p> {
    path: &'p Path,
    held: Vec<u8>,
    weight: u64,
}

/// Phase 2 for one partition (and the pieces it is split into): the kept events' lines.
fn shred_partition(
    shared: &ShredSession,
    ranks: &HashMap<u64, u64>,
    part: &str,
    piece: Piece<'_>,
    depth: u32,
    budget: u64,
    out: &mut ShreddedLines,
) -> Result<(u64, u64, u64), ShredError> {
    // A partition is read whole when it fits its share of the memory budget (or cannot be
    // split any further); otherwise it is split by a second hash of the event_id.
    let Piece { path, held, weight } = piece;
    if weight <= budget || depth >= MAX_SPLIT_DEPTH {
        let bytes = std::fs::read(path).map_err(scratch_error(path))?;
        out.atomic.reserve((bytes.len() + held.len()).min(FLUSH_BYTES));
        let deduplicated = deduplicate([&bytes, &held], path, ranks, shared.options.timestamp_ms)?;
        let format = shared.options.entity_format;
        for (event, new_id) in &deduplicated.kept {
            let duplicate = new_id.as_deref().map(|new_id| Duplicate {
                new_id,
                original_id: event.event_id,
                root_tstamp: event.collector_tstamp,
            });
            event.shredded.write_to(duplicate.as_ref(), format, &shared.layouts, out);
            // Written as it grows, so that only the partition's input is held in memory.
            if out.atomic.len() >= FLUSH_BYTES {
                write_parts(&shared.good_dir, part, out)?;
                *out = ShreddedLines { entity_count: out.entity_count, ..ShreddedLines::default() };
            }
        }
        let _ = std::fs::remove_file(path);
        return Ok((deduplicated.kept.len() as u64, deduplicated.natural, deduplicated.synthetic));
    }
    // Records held in memory are split with those on disk.
    if !held.is_empty() {
        let mut file = File::options().append(true).open(path).map_err(scratch_error(path))?;
        file.write_all(&held).map_err(scratch_error(path))?;
    }
    drop(held);
    let pieces = (weight / budget.max(1) + 2).min(MAX_PARTITIONS) as usize;
    let mut totals = (0, 0, 0);
    for (path, weight) in split(path, depth + 1, pieces)? {
        let piece = Piece { path: &path, held: Vec::new(), weight };
        let (good, natural, synthetic) = shred_partition(shared, ranks, part, piece, depth + 1, budget, out)?;
        totals = (totals.0 + good, totals.1 + natural, totals.2 + synthetic);
    }
    Ok(totals)
}

impl GoodLinesTap for ShredSession {
    fn good_lines(&self, task: usize, first_line: u64, lines: &[u8]) -> Result<(), TapError> {
        Ok(self.accept(task, first_line, lines)?)
    }
}

/// About how many bytes of enriched lines `files` hold (compressed files are assumed to expand
/// [`COMPRESSION_RATIO`] times), to size the dedup partitions.
pub fn expected_size(files: &[InputFile]) -> u64 {
    files.iter().map(|f| if f.compression == Compression::Plain { f.size } else { f.size * COMPRESSION_RATIO }).sum()
}

/// Runs a shred job.
pub fn run(
    options: &ShredOptions,
    validators: Arc<Validators>,
    observer: &dyn ShredObserver,
) -> Result<ShredSummary, ShredError> {
    let files = input::resolve(&options.inputs)?;
    let bytes: u64 = files.iter().map(|f| f.size).sum();
    observer.started(bytes, files.len());
    let session = ShredSession::start(options.clone(), validators, expected_size(&files))?;
    let batch = rayon::current_num_threads() * 2;
    let mut task = 0;
    for (file_index, file) in files.iter().enumerate() {
        let mut reader = ChunkReader::open(file)?;
        loop {
            let chunks = reader.next_batch(batch)?;
            if chunks.is_empty() {
                break;
            }
            let results: Vec<Result<TaskOutput, ShredError>> = chunks
                .par_iter()
                .enumerate()
                .map(|(i, chunk)| {
                    let part = phase_one_part(task + i, 0);
                    let result = session.check_lines(file_index, &part, chunk.bytes.len(), chunk.lines());
                    if let Ok(done) = &result {
                        observer.advanced(chunk.bytes.len() as u64, done.lines);
                    }
                    result
                })
                .collect();
            task += chunks.len();
            for result in results {
                session.record(file_index, result?);
            }
        }
    }
    let mut summary = session.finish()?;
    summary.files = files.len();
    summary.bytes = bytes;
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spilled_records_give_back_their_dedup_columns_and_lines() {
        let mut fields = vec![String::new(); crate::enrich::event::FIELD_COUNT];
        fields[index::EVENT_ID] = "2b1b25a4-c0df-4859-8201-cf21492ad61b".into();
        fields[index::ETL_TSTAMP] = "2017-01-01 00:00:01.000".into();
        fields[index::COLLECTOR_TSTAMP] = "2017-01-01 00:00:00.000".into();
        fields[index::CONTEXTS] = r#"{"schema":"iglu:com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-0","data":[{"schema":"iglu:com.acme/a/jsonschema/1-0-0","data":{"é":1}}]}"#.into();
        let line = fields.join("\t");
        let event = EnrichedLine::parse(&line, Width::Exact).unwrap();
        let layouts = TsvLayouts::new(Arc::new(Validators::new(Arc::new(crate::iglu::Resolver::bundled()))));
        let mut shredded = ShreddedEvent::default();
        event::shred(&event, EntityFormat::Json, &layouts, &mut Vec::new(), &mut shredded);
        let mut bytes = Vec::new();
        Spilled::write((3, 7), &event, &shredded, &mut bytes);
        Spilled::write((4, 1), &event, &shredded, &mut bytes);
        // A record weighs what the line spilled as text weighed.
        let spilled_line = |source: u64, number: u64| {
            let (id, etl) = (&fields[index::EVENT_ID], &fields[index::ETL_TSTAMP]);
            format!("{source}\t{number}\t{id}\t\t{etl}\t{line}\n").len() as u64
        };
        assert_eq!(Spilled::write((10, 100), &event, &shredded, &mut Vec::new()), spilled_line(10, 100));
        assert_eq!(Spilled::write((0, 9), &event, &shredded, &mut Vec::new()), spilled_line(0, 9));
        let records: Vec<&[u8]> = spilled_records(&bytes).map(Option::unwrap).collect();
        assert_eq!(records.len(), 2);
        let spilled = Spilled::parse(records[0]).unwrap();
        assert_eq!(
            (spilled.order, spilled.event_id, spilled.fingerprint, spilled.etl_tstamp, spilled.collector_tstamp),
            ((3, 7), fields[index::EVENT_ID].as_str(), "", "2017-01-01 00:00:01.000", "2017-01-01 00:00:00.000")
        );
        assert_eq!(Spilled::event_id(records[1]), Some((fields[index::EVENT_ID].as_bytes(), spilled_line(4, 1))));
        let (mut from_spill, mut direct) = (ShreddedLines::default(), ShreddedLines::default());
        spilled.shredded.write_to(None, EntityFormat::Json, &layouts, &mut from_spill);
        shredded.view().write_to(None, EntityFormat::Json, &layouts, &mut direct);
        assert_eq!((from_spill.atomic, from_spill.entities), (direct.atomic, direct.entities));
        // A record cut short, or whose offsets do not fit its lines, is not read.
        assert!(spilled_records(&bytes[..bytes.len() - 1]).any(|record| record.is_none()));
        assert!(Spilled::parse(&records[0][..records[0].len() - 1]).is_none());
    }
}
