//! Which stages a run has: EmrEtlRunner R117's `--skip`, `--resume-from` and `--include`
//! rules, as a pure function ([`select_stages`]).
//!
//! Names and rules follow EmrEtlRunner's `cli.rb` (which names are accepted, and which
//! combinations are refused) and `runner.rb` (which stages run). Three of the skippable
//! "stages" (`consistency_check`, `load_manifest_check`, `analyze`) and the one includable step
//! (`vacuum`) are RDB Loader's own steps: they produce no EMR step of their own and are
//! forwarded to every RDB Loader step as `--skip` / `--include`.

use std::fmt;

/// A stage of EmrEtlRunner's pipeline, in pipeline order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stage {
    /// Move collector logs from `raw.in` to `raw.processing` (batch mode).
    Staging,
    /// Spark Enrich over the staged logs (batch mode).
    Enrich,
    /// Move Stream Enrich output from `enriched.stream` into `enriched.good` (stream mode).
    StagingStreamEnrich,
    /// RDB Shredder.
    Shred,
    /// Copy bad rows into Elasticsearch (one step per `FAILED_EVENTS` target and source).
    Elasticsearch,
    /// Move the staged logs to `raw.archive` (batch mode).
    ArchiveRaw,
    /// RDB Loader (one step per `ENRICHED_EVENTS` target).
    RdbLoad,
    /// RDB Loader's consistency check.
    ConsistencyCheck,
    /// RDB Loader's load manifest check.
    LoadManifestCheck,
    /// RDB Loader's `ANALYZE`.
    Analyze,
    /// Move this run's enriched events to `enriched.archive`.
    ArchiveEnriched,
    /// Move this run's shredded events to `shredded.archive`.
    ArchiveShredded,
}

impl Stage {
    /// Every stage, in pipeline order.
    pub const ALL: [Stage; 12] = [
        Stage::Staging,
        Stage::Enrich,
        Stage::StagingStreamEnrich,
        Stage::Shred,
        Stage::Elasticsearch,
        Stage::ArchiveRaw,
        Stage::RdbLoad,
        Stage::ConsistencyCheck,
        Stage::LoadManifestCheck,
        Stage::Analyze,
        Stage::ArchiveEnriched,
        Stage::ArchiveShredded,
    ];

    /// The stages `--resume-from` accepts (EmrEtlRunner's `RESUMABLES`), in the order its
    /// messages list them.
    pub const RESUMABLE: [Stage; 9] = [
        Stage::Enrich,
        Stage::Shred,
        Stage::Elasticsearch,
        Stage::ArchiveRaw,
        Stage::RdbLoad,
        Stage::Analyze,
        Stage::ArchiveEnriched,
        Stage::ArchiveShredded,
        Stage::StagingStreamEnrich,
    ];

    /// The stages `--skip` accepts (EmrEtlRunner's `SKIPPABLES`), in the order its messages
    /// list them: every stage.
    pub const SKIPPABLE: [Stage; 12] = [
        Stage::Staging,
        Stage::Enrich,
        Stage::Shred,
        Stage::Elasticsearch,
        Stage::ArchiveRaw,
        Stage::RdbLoad,
        Stage::ConsistencyCheck,
        Stage::Analyze,
        Stage::LoadManifestCheck,
        Stage::ArchiveEnriched,
        Stage::ArchiveShredded,
        Stage::StagingStreamEnrich,
    ];

    /// The name used on the command line and in step names.
    pub fn name(self) -> &'static str {
        match self {
            Stage::Staging => "staging",
            Stage::Enrich => "enrich",
            Stage::StagingStreamEnrich => "staging_stream_enrich",
            Stage::Shred => "shred",
            Stage::Elasticsearch => "elasticsearch",
            Stage::ArchiveRaw => "archive_raw",
            Stage::RdbLoad => "rdb_load",
            Stage::ConsistencyCheck => "consistency_check",
            Stage::LoadManifestCheck => "load_manifest_check",
            Stage::Analyze => "analyze",
            Stage::ArchiveEnriched => "archive_enriched",
            Stage::ArchiveShredded => "archive_shredded",
        }
    }

    /// The stage called `name`.
    pub fn parse(name: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|s| s.name() == name)
    }

    /// Whether the stage is a step inside RDB Loader rather than an EMR step of its own.
    pub fn is_loader_step(self) -> bool {
        matches!(self, Stage::ConsistencyCheck | Stage::LoadManifestCheck | Stage::Analyze)
    }

    /// The `--resume-from` values from which this stage still runs. `None` stands for "no
    /// `--resume-from`". Transcribed from EmrEtlRunner R117's `Runner.get_steps`; note the
    /// irregular ones: `load_manifest_check` does not run when resuming from itself (it is not
    /// resumable anyway), and `archive_enriched` does not run when resuming from
    /// `load_manifest_check`.
    fn runs_when_resuming_from(self) -> &'static [Stage] {
        use Stage::*;
        match self {
            Staging | StagingStreamEnrich => &[],
            Enrich => &[Enrich],
            Shred => &[Enrich, Shred],
            Elasticsearch => &[Enrich, Shred, Elasticsearch],
            ArchiveRaw => &[Enrich, Shred, Elasticsearch, ArchiveRaw],
            RdbLoad | LoadManifestCheck => &[Enrich, Shred, Elasticsearch, ArchiveRaw, RdbLoad],
            ConsistencyCheck => &[Enrich, Shred, Elasticsearch, ArchiveRaw, RdbLoad, ConsistencyCheck],
            Analyze => {
                &[Enrich, Shred, Elasticsearch, ArchiveRaw, RdbLoad, ConsistencyCheck, LoadManifestCheck, Analyze]
            }
            ArchiveEnriched => {
                &[Enrich, Shred, Elasticsearch, ArchiveRaw, RdbLoad, ConsistencyCheck, Analyze, ArchiveEnriched]
            }
            // `archive_shredded` ignores `--resume-from` entirely; see `select_stages`.
            ArchiveShredded => &[],
        }
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A step `--include` adds (EmrEtlRunner's `INCLUDES`), forwarded to RDB Loader.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Include {
    /// RDB Loader's `VACUUM`.
    Vacuum,
}

impl Include {
    /// Every includable step.
    pub const ALL: [Include; 1] = [Include::Vacuum];

    /// The name used on the command line and passed to RDB Loader.
    pub fn name(self) -> &'static str {
        match self {
            Include::Vacuum => "vacuum",
        }
    }
}

/// How an archive stage finds what to archive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArchiveMode {
    /// The data this run produced (`run=<this run>`).
    Pipeline,
    /// The data an earlier, interrupted run left behind: EmrEtlRunner looks up the latest
    /// `run=` folder; a playbook takes it as the `recoverRunId` template variable.
    Recover,
}

/// What the user asked for on the command line.
#[derive(Debug, Clone, Default)]
pub struct StageRequest {
    /// `--skip` values.
    pub skip: Vec<String>,
    /// `--resume-from` value.
    pub resume_from: Option<String>,
    /// `--include` values.
    pub include: Vec<String>,
    /// Whether `aws.s3.buckets.enriched.stream` is set (Stream Enrich mode).
    pub stream_mode: bool,
}

/// The stages of one run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StagePlan {
    selected: Vec<Stage>,
    includes: Vec<Include>,
    resume_from: Option<Stage>,
}

impl StagePlan {
    /// Whether `stage` runs.
    pub fn runs(&self, stage: Stage) -> bool {
        self.selected.contains(&stage)
    }

    /// The stages that run, in pipeline order.
    pub fn stages(&self) -> &[Stage] {
        &self.selected
    }

    /// The steps `--include` adds.
    pub fn includes(&self) -> &[Include] {
        &self.includes
    }

    /// The `--resume-from` stage, if any.
    pub fn resume_from(&self) -> Option<Stage> {
        self.resume_from
    }

    /// How `archive_enriched` runs, if it does: on this run's output when enrich or
    /// staging_stream_enrich runs, else on an earlier run's.
    pub fn archive_enriched(&self) -> Option<ArchiveMode> {
        self.runs(Stage::ArchiveEnriched).then(|| {
            if self.runs(Stage::Enrich) || self.runs(Stage::StagingStreamEnrich) {
                ArchiveMode::Pipeline
            } else {
                ArchiveMode::Recover
            }
        })
    }

    /// How `archive_shredded` runs, if it does: on this run's output when shred runs, else on
    /// an earlier run's.
    pub fn archive_shredded(&self) -> Option<ArchiveMode> {
        self.runs(Stage::ArchiveShredded)
            .then(|| if self.runs(Stage::Shred) { ArchiveMode::Pipeline } else { ArchiveMode::Recover })
    }

    /// RDB Loader's own steps that do not run, in the order EmrEtlRunner passes them to
    /// `--skip`.
    pub fn loader_skips(&self) -> Vec<Stage> {
        [Stage::Analyze, Stage::ConsistencyCheck, Stage::LoadManifestCheck]
            .into_iter()
            .filter(|s| !self.runs(*s))
            .collect()
    }
}

/// Why a combination of `--skip`, `--resume-from` and `--include` is refused. The messages
/// are EmrEtlRunner's.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StageError {
    /// `--resume-from` names a stage that cannot be resumed from.
    #[error("Invalid option: resume-from can be {} not '{name}'", list(&Stage::RESUMABLE))]
    NotResumable {
        /// The value given.
        name: String,
    },
    /// `--skip` names something that is not a stage.
    #[error("Invalid option: skip can be {} not '{name}'", list(&Stage::SKIPPABLE))]
    NotSkippable {
        /// The value given.
        name: String,
    },
    /// `--include` names something that cannot be included.
    #[error("Invalid option: include can be {} not '{name}'", Include::ALL.map(Include::name).join(", "))]
    NotIncludable {
        /// The value given.
        name: String,
    },
    /// Both `--resume-from` and `--skip` were given.
    #[error("resume-from and skip are mutually exclusive")]
    ResumeAndSkip,
    /// `--resume-from staging_stream_enrich` outside Stream Enrich mode.
    #[error("staging_stream_enrich is invalid step to resume from without aws.s3.buckets.enriched.stream settings")]
    StreamResumeWithoutStream,
    /// `--resume-from enrich` in Stream Enrich mode.
    #[error("cannot resume from enrich in stream enrich mode")]
    ResumeEnrichInStreamMode,
    /// `--skip staging` or `--skip enrich` in Stream Enrich mode.
    #[error(
        "cannot skip staging nor enrich in stream enrich mode. Either skip staging_stream_enrich or resume from shred"
    )]
    SkipEnrichInStreamMode,
    /// `--skip archive_raw` or `--resume-from archive_raw` in Stream Enrich mode.
    #[error("cannot skip nor resume from archive_raw in stream enrich mode")]
    ArchiveRawInStreamMode,
}

impl StageError {
    /// Advice on what to do instead.
    pub fn hint(&self) -> String {
        match self {
            StageError::NotResumable { name } => match Stage::parse(name) {
                Some(stage) => format!(
                    "`{stage}` cannot be resumed from; use `--skip` to leave stages out, or resume from the next \
                     resumable stage"
                ),
                None => did_you_mean(name, &Stage::RESUMABLE.map(Stage::name)),
            },
            StageError::NotSkippable { name } => did_you_mean(name, &Stage::SKIPPABLE.map(Stage::name)),
            StageError::NotIncludable { name } => did_you_mean(name, &Include::ALL.map(Include::name)),
            StageError::ResumeAndSkip => {
                "give either --resume-from (run from that stage on) or --skip (leave stages out), not both".to_owned()
            }
            StageError::StreamResumeWithoutStream => {
                "staging_stream_enrich only exists in Stream Enrich mode: set aws.s3.buckets.enriched.stream in \
                 config.yml, or resume from another stage"
                    .to_owned()
            }
            StageError::ResumeEnrichInStreamMode => {
                "with aws.s3.buckets.enriched.stream set there is no enrich stage: resume from shred instead".to_owned()
            }
            StageError::SkipEnrichInStreamMode => {
                "with aws.s3.buckets.enriched.stream set, staging and enrich never run: skip staging_stream_enrich \
                 or resume from shred instead"
                    .to_owned()
            }
            StageError::ArchiveRawInStreamMode => {
                "with aws.s3.buckets.enriched.stream set there are no raw logs and no archive_raw stage: leave it \
                 out of --skip and --resume-from"
                    .to_owned()
            }
        }
    }
}

fn list(stages: &[Stage]) -> String {
    stages.iter().map(|s| s.name()).collect::<Vec<_>>().join(", ")
}

fn did_you_mean(name: &str, known: &[&str]) -> String {
    match crate::dataflow::avro::closest_name(name, known) {
        Some(closest) => format!("did you mean `{closest}`?"),
        None => format!("use one of: {}", known.join(", ")),
    }
}

/// Decides which stages run, or refuses the combination as EmrEtlRunner does (same checks,
/// same order, same messages).
pub fn select_stages(request: &StageRequest) -> Result<StagePlan, StageError> {
    let resume_from = match &request.resume_from {
        None => None,
        Some(name) => match Stage::parse(name).filter(|s| Stage::RESUMABLE.contains(s)) {
            Some(stage) => Some(stage),
            None => return Err(StageError::NotResumable { name: name.clone() }),
        },
    };
    let mut skip = Vec::new();
    for name in &request.skip {
        match Stage::parse(name) {
            Some(stage) => skip.push(stage),
            None => return Err(StageError::NotSkippable { name: name.clone() }),
        }
    }
    if resume_from.is_some() && !skip.is_empty() {
        return Err(StageError::ResumeAndSkip);
    }
    if resume_from == Some(Stage::StagingStreamEnrich) && !request.stream_mode {
        return Err(StageError::StreamResumeWithoutStream);
    }
    if request.stream_mode {
        if resume_from == Some(Stage::Enrich) {
            return Err(StageError::ResumeEnrichInStreamMode);
        }
        if skip.contains(&Stage::Staging) || skip.contains(&Stage::Enrich) {
            return Err(StageError::SkipEnrichInStreamMode);
        }
        if skip.contains(&Stage::ArchiveRaw) || resume_from == Some(Stage::ArchiveRaw) {
            return Err(StageError::ArchiveRawInStreamMode);
        }
    }
    let mut includes = Vec::new();
    for name in &request.include {
        match Include::ALL.into_iter().find(|i| i.name() == name) {
            Some(include) => {
                if !includes.contains(&include) {
                    includes.push(include);
                }
            }
            None => return Err(StageError::NotIncludable { name: name.clone() }),
        }
    }

    let batch_only = |stage: Stage| matches!(stage, Stage::Staging | Stage::Enrich | Stage::ArchiveRaw);
    let selected = Stage::ALL
        .into_iter()
        .filter(|stage| !skip.contains(stage))
        .filter(|stage| match stage {
            Stage::StagingStreamEnrich => request.stream_mode && resume_from.is_none(),
            _ if batch_only(*stage) && request.stream_mode => false,
            Stage::ArchiveShredded => true,
            _ => resume_from.is_none_or(|r| stage.runs_when_resuming_from().contains(&r)),
        })
        .collect();
    Ok(StagePlan { selected, includes, resume_from })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(skip: &[&str], resume: Option<&str>, stream: bool) -> StageRequest {
        StageRequest {
            skip: skip.iter().map(|s| (*s).to_owned()).collect(),
            resume_from: resume.map(str::to_owned),
            include: Vec::new(),
            stream_mode: stream,
        }
    }

    fn names(plan: &StagePlan) -> Vec<&'static str> {
        plan.stages().iter().map(|s| s.name()).collect()
    }

    #[test]
    fn a_plain_batch_run_has_every_batch_stage() {
        let plan = select_stages(&request(&[], None, false)).unwrap();
        assert!(!plan.runs(Stage::StagingStreamEnrich));
        assert_eq!(plan.stages().len(), 11);
        assert_eq!(plan.archive_enriched(), Some(ArchiveMode::Pipeline));
        assert_eq!(plan.archive_shredded(), Some(ArchiveMode::Pipeline));
        assert!(plan.loader_skips().is_empty());
    }

    #[test]
    fn resuming_from_rdb_load_recovers_both_archives() {
        let plan = select_stages(&request(&[], Some("rdb_load"), false)).unwrap();
        assert_eq!(
            names(&plan),
            ["rdb_load", "consistency_check", "load_manifest_check", "analyze", "archive_enriched", "archive_shredded"]
        );
        assert_eq!(plan.archive_enriched(), Some(ArchiveMode::Recover));
        assert_eq!(plan.archive_shredded(), Some(ArchiveMode::Recover));
    }

    #[test]
    fn loader_steps_are_forwarded_in_emretlrunner_order() {
        let plan = select_stages(&request(&["consistency_check", "analyze"], None, false)).unwrap();
        assert_eq!(plan.loader_skips(), [Stage::Analyze, Stage::ConsistencyCheck]);
        let plan = select_stages(&request(&[], Some("analyze"), false)).unwrap();
        assert_eq!(plan.loader_skips(), [Stage::ConsistencyCheck, Stage::LoadManifestCheck]);
    }

    #[test]
    fn emretlrunner_messages_and_hints() {
        let err = select_stages(&request(&["shredd"], None, false)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "Invalid option: skip can be staging, enrich, shred, elasticsearch, archive_raw, rdb_load, \
             consistency_check, analyze, load_manifest_check, archive_enriched, archive_shredded, \
             staging_stream_enrich not 'shredd'"
        );
        assert!(err.hint().starts_with("did you mean `shred`?"), "{}", err.hint());
        let err = select_stages(&request(&[], Some("staging"), false)).unwrap_err();
        assert!(err.hint().contains("cannot be resumed from"), "{}", err.hint());
        assert_eq!(select_stages(&request(&["shred"], Some("shred"), false)), Err(StageError::ResumeAndSkip));
        assert_eq!(
            select_stages(&request(&[], Some("staging_stream_enrich"), false)),
            Err(StageError::StreamResumeWithoutStream)
        );
        let vacuum = StageRequest { include: vec!["vacum".into()], ..request(&[], None, false) };
        assert!(select_stages(&vacuum).unwrap_err().hint().contains("`vacuum`"));
    }

    #[test]
    fn stream_mode_rules() {
        assert_eq!(select_stages(&request(&[], Some("enrich"), true)), Err(StageError::ResumeEnrichInStreamMode));
        assert_eq!(select_stages(&request(&["staging"], None, true)), Err(StageError::SkipEnrichInStreamMode));
        assert_eq!(select_stages(&request(&["archive_raw"], None, true)), Err(StageError::ArchiveRawInStreamMode));
        assert_eq!(select_stages(&request(&[], Some("archive_raw"), true)), Err(StageError::ArchiveRawInStreamMode));
        let plan = select_stages(&request(&[], None, true)).unwrap();
        assert!(plan.runs(Stage::StagingStreamEnrich) && !plan.runs(Stage::Enrich) && !plan.runs(Stage::ArchiveRaw));
        assert_eq!(plan.archive_enriched(), Some(ArchiveMode::Pipeline));
    }

    #[test]
    fn resuming_from_staging_stream_enrich_only_archives_shredded_events() {
        // EmrEtlRunner R117 runs staging_stream_enrich only without --resume-from, so resuming
        // from it leaves nothing but archive_shredded (in recover mode).
        let plan = select_stages(&request(&[], Some("staging_stream_enrich"), true)).unwrap();
        assert_eq!(names(&plan), ["archive_shredded"]);
        assert_eq!(plan.archive_shredded(), Some(ArchiveMode::Recover));
    }

    #[test]
    fn includes_are_deduplicated() {
        let plan =
            select_stages(&StageRequest { include: vec!["vacuum".into(), "vacuum".into()], ..Default::default() })
                .unwrap();
        assert_eq!(plan.includes(), [Include::Vacuum]);
    }
}
