//! The record processor: loader → adapter → transform → enrichment steps → TSV line or bad row.
//!
//! One [`Pipeline`] is shared by every worker thread. It holds only immutable settings and the
//! shared [`Validators`] cache; each thread reuses its own scratch event, so enriching an event
//! writes its TSV line straight into the sink without building intermediate rows.

use std::cell::RefCell;
use std::sync::Arc;

use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::adapter::raw_events;
use super::badrow::{BadRowStyle, BadRowWriter, Problem};
use super::catalog::EnrichRuntime;
use super::event::{EnrichedEvent, Field};
use super::loader::{self, FailureDetail, LoaderError};
use super::outcome::{BadRowKind, RecordOrigin, RecordProcessor, RecordSink};
use super::payload::{CollectorPayload, InputFormat};
use super::transform::{EventInput, TransformConfig, final_checks, transform};
use crate::iglu::Validators;

/// What a run of `snowplowctl enrich` is configured with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnrichSettings {
    /// The raw input format.
    pub format: InputFormat,
    /// Which Enrich to follow.
    pub runtime: EnrichRuntime,
    /// The run's ETL timestamp (ms since the epoch): `etl_tstamp` and every bad-row timestamp.
    pub etl_timestamp_ms: i64,
    /// Modern or legacy bad rows.
    pub bad_row_style: BadRowStyle,
    /// Records longer than this become `size_violation` bad rows.
    pub max_record_size: u64,
}

impl EnrichSettings {
    /// Settings with modern bad rows and the default maximum record size.
    pub fn new(format: InputFormat, runtime: EnrichRuntime, etl_timestamp_ms: i64) -> Self {
        EnrichSettings {
            format,
            runtime,
            etl_timestamp_ms,
            bad_row_style: BadRowStyle::Modern,
            // The job enforces the limit; the pipeline only reports it, so both share one default.
            max_record_size: super::job::DEFAULT_MAX_RECORD_SIZE,
        }
    }
}

/// One configurable enrichment, run in order on every event that passed the core checks.
///
/// Steps are shared by all worker threads; per-worker caches belong in thread-locals so the hot
/// path takes no locks.
pub trait EnrichmentStep: Send + Sync {
    /// Updates `event` and adds to `output`; any problem makes the event a bad row.
    fn apply(&self, input: &EventInput<'_>, event: &mut EnrichedEvent, output: &mut StepOutput);
}

/// What the core transform and the enrichment steps produce for one event besides its columns.
#[derive(Debug, Default)]
pub struct StepOutput {
    /// Self-describing entities for the `derived_contexts` column, in the order added.
    pub derived_contexts: Vec<Value>,
    /// Problems found; any makes the event a bad row.
    pub problems: Vec<Problem>,
    /// Extra events to write after the event when it is good (e.g. `pii_transformation`); the
    /// pipeline gives each one an event id when it has none.
    pub emitted: Vec<EnrichedEvent>,
    /// Whether a step rewrote `contexts` or `unstruct_event`, so they are validated again.
    pub entities_rewritten: bool,
}

impl StepOutput {
    fn clear(&mut self) {
        self.derived_contexts.clear();
        self.problems.clear();
        self.emitted.clear();
        self.entities_rewritten = false;
    }
}

/// A contexts envelope over borrowed entities (`schema` first, as Enrich writes it).
#[derive(serde::Serialize)]
struct ContextsEnvelope<'a> {
    schema: &'static str,
    data: &'a [Value],
}

/// The schema of the `derived_contexts` column's envelope.
const DERIVED_CONTEXTS_SCHEMA: &str = "iglu:com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-1";

/// Enriches records; see the module documentation.
pub struct Pipeline {
    settings: EnrichSettings,
    validators: Arc<Validators>,
    config: TransformConfig,
    bad_rows: BadRowWriter,
    steps: Vec<Box<dyn EnrichmentStep>>,
}

impl std::fmt::Debug for Pipeline {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pipeline").field("settings", &self.settings).field("steps", &self.steps.len()).finish()
    }
}

thread_local! {
    static SCRATCH: RefCell<(EnrichedEvent, StepOutput)> = RefCell::new((EnrichedEvent::new(), StepOutput::default()));
}

impl Pipeline {
    /// A pipeline with no configurable enrichments.
    pub fn new(settings: EnrichSettings, validators: Arc<Validators>) -> Pipeline {
        let config = TransformConfig::new(settings.runtime, settings.format.is_text(), settings.etl_timestamp_ms);
        let bad_rows = BadRowWriter::new(settings.bad_row_style, settings.format, settings.etl_timestamp_ms);
        Pipeline { settings, validators, config, bad_rows, steps: Vec::new() }
    }

    /// Adds configurable enrichments, run in the given order after the core transform.
    pub fn with_steps(mut self, steps: Vec<Box<dyn EnrichmentStep>>) -> Pipeline {
        self.steps = steps;
        self
    }

    /// Sets the ETL timestamp of the next run (`run` enriches many runs with one pipeline).
    pub fn set_etl_timestamp(&mut self, etl_timestamp_ms: i64) {
        self.settings.etl_timestamp_ms = etl_timestamp_ms;
        self.config = TransformConfig::new(self.settings.runtime, self.settings.format.is_text(), etl_timestamp_ms);
        self.bad_rows = BadRowWriter::new(self.settings.bad_row_style, self.settings.format, etl_timestamp_ms);
    }

    /// Whether the `contexts` and `unstruct_event` of its good events are exactly what it
    /// validated through its validators: true when no enrichment runs (enrichments such as
    /// PII pseudonymisation and JavaScript may change them after validation).
    pub fn keeps_validated_entities(&self) -> bool {
        self.steps.is_empty()
    }

    /// The settings.
    pub fn settings(&self) -> &EnrichSettings {
        &self.settings
    }

    /// The deterministic event id of event `index` of the record at `origin`: a UUID v4 layout
    /// of sha256(ETL timestamp ‖ source ‖ offset ‖ index ‖ purpose).
    fn generated_id(&self, origin: RecordOrigin<'_>, index: usize, purpose: &str, out: &mut [u8; 36]) {
        let mut hasher = Sha256::new();
        hasher.update(self.settings.etl_timestamp_ms.to_be_bytes());
        hasher.update(origin.source.as_bytes());
        hasher.update([0]);
        hasher.update(origin.offset.to_be_bytes());
        hasher.update((index as u64).to_be_bytes());
        hasher.update(purpose.as_bytes());
        let digest = hasher.finalize();
        let mut bytes = [0u8; 16];
        bytes.copy_from_slice(&digest[..16]);
        uuid::Builder::from_random_bytes(bytes).into_uuid().hyphenated().encode_lower(out);
    }

    fn loader_failure(&self, record: &[u8], error: &LoaderError, sink: &mut RecordSink) {
        sink.counts.failed_records += 1;
        sink.counts.add_bad_row(BadRowKind::CollectorPayloadFormatViolation);
        let messages: Vec<String> = error.messages().map(str::to_owned).collect();
        let message = match error.failures().first().map(|f| &f.detail) {
            Some(FailureDetail::InputData { payload_field, value, expectation }) => {
                json!({"payloadField": payload_field, "value": value, "expectation": expectation})
            }
            Some(FailureDetail::Error(text)) => json!({"error": text}),
            None => json!({"error": error.to_string()}),
        };
        self.bad_rows.loader_failure(&mut sink.bad, record, messages, message);
    }

    fn enrich_payload(
        &self,
        record: &[u8],
        payload: &CollectorPayload,
        origin: RecordOrigin<'_>,
        sink: &mut RecordSink,
    ) {
        let events = match raw_events(payload, &self.validators, loader::access_log::event_parameters) {
            Ok(events) => events,
            Err(failure) => {
                sink.counts.failed_records += 1;
                sink.counts.add_bad_row(failure.kind);
                self.bad_rows.adapter_failure(&mut sink.bad, record, payload, &failure);
                return;
            }
        };
        sink.counts.expanded_records += 1;
        sink.counts.events += events.len() as u64;
        SCRATCH.with_borrow_mut(|(event, output)| {
            // One vector of borrowed parameters for all the events of the record.
            let mut parameters = Vec::new();
            for (index, raw) in events.iter().enumerate() {
                event.clear();
                output.clear();
                parameters.clear();
                parameters.extend(raw.parameters.iter().map(|(name, value)| (name.as_ref(), value.as_deref())));
                let input = EventInput { payload, parameters: &parameters };
                transform(&self.config, &self.validators, input, event, &mut output.problems);
                if !event.has(Field::EventId) {
                    let mut id = [0u8; 36];
                    self.generated_id(origin, index, "event_id", &mut id);
                    event.set(Field::EventId, std::str::from_utf8(&id).unwrap_or_default());
                }
                if output.problems.is_empty() {
                    for step in &self.steps {
                        step.apply(&input, event, output);
                    }
                }
                if output.problems.is_empty() {
                    final_checks(
                        &self.config,
                        &self.validators,
                        event,
                        &output.derived_contexts,
                        output.entities_rewritten,
                        &mut output.problems,
                    );
                    if !output.derived_contexts.is_empty() {
                        // Serialised from a borrowing envelope: the contexts are not copied.
                        let envelope =
                            ContextsEnvelope { schema: DERIVED_CONTEXTS_SCHEMA, data: &output.derived_contexts };
                        event.set(Field::DerivedContexts, &serde_json::to_string(&envelope).unwrap_or_default());
                    }
                }
                if output.problems.is_empty() {
                    event.write_tsv(&mut sink.good);
                    sink.counts.good_events += 1;
                    for (number, emitted) in output.emitted.iter_mut().enumerate() {
                        if !emitted.has(Field::EventId) {
                            let mut id = [0u8; 36];
                            self.generated_id(origin, index, &format!("emitted event {number}"), &mut id);
                            emitted.set(Field::EventId, std::str::from_utf8(&id).unwrap_or_default());
                        }
                        emitted.write_tsv(&mut sink.good);
                        sink.counts.derived_events += 1;
                    }
                } else {
                    let kind = self.bad_rows.event_failure(
                        &mut sink.bad,
                        record,
                        payload,
                        &parameters,
                        event,
                        &output.problems,
                    );
                    sink.counts.failed_events += 1;
                    sink.counts.add_bad_row(kind);
                }
            }
        });
    }
}

impl RecordProcessor for Pipeline {
    fn process(&self, record: &[u8], origin: RecordOrigin<'_>, sink: &mut RecordSink) {
        sink.counts.records += 1;
        match loader::load(self.settings.format, record) {
            Ok(None) => sink.counts.discarded += 1,
            Ok(Some(payload)) => self.enrich_payload(record, &payload, origin, sink),
            Err(error) => self.loader_failure(record, &error, sink),
        }
    }

    fn oversized(&self, prefix: &[u8], actual_size: u64, _origin: RecordOrigin<'_>, sink: &mut RecordSink) {
        sink.counts.records += 1;
        sink.counts.failed_records += 1;
        sink.counts.add_bad_row(BadRowKind::SizeViolation);
        self.bad_rows.size_violation(&mut sink.bad, prefix, actual_size, self.settings.max_record_size);
    }

    fn unreadable(&self, raw: &[u8], message: &str, _origin: RecordOrigin<'_>, sink: &mut RecordSink) {
        sink.counts.records += 1;
        sink.counts.failed_records += 1;
        sink.counts.add_bad_row(BadRowKind::GenericError);
        self.bad_rows.unreadable(&mut sink.bad, raw, message);
    }
}

/// Parses the bad rows a sink holds, one JSON value per line (for tests and summaries).
pub fn bad_rows(sink: &RecordSink) -> Vec<Value> {
    sink.bad.split(|&b| b == b'\n').filter(|l| !l.is_empty()).filter_map(|l| serde_json::from_slice(l).ok()).collect()
}
