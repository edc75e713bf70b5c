//! Every `--skip` / `--resume-from` / `--include` combination, in batch and Stream Enrich
//! mode: each is either EmrEtlRunner's error or exactly the stages of the table in
//! docs/dataflow-and-emretlrunner.md §3.2 (transcribed independently below). Then full
//! playbooks for a sample of combinations: their steps belong to exactly those stages, and
//! they pass `snowplowctl lint playbook`.

mod support;

use std::collections::BTreeSet;

use snowplowctl::dataflow::ConfigKind;
use snowplowctl::generate::playbook::Playbook;
use snowplowctl::generate::stages::{ArchiveMode, Stage, StageError, StagePlan, StageRequest, select_stages};
use snowplowctl::generate::text::RunValues;
use snowplowctl::generate::{Credentials, GenerateError, Inputs};
use support::generate::{self as fixtures, Workspace};

/// The stages `--resume-from` accepts, in pipeline order, as the §3.2 table chains them ("…"
/// stands for every earlier one).
const RESUME_CHAIN: [Stage; 7] = [
    Stage::Enrich,
    Stage::Shred,
    Stage::Elasticsearch,
    Stage::ArchiveRaw,
    Stage::RdbLoad,
    Stage::Analyze,
    Stage::ArchiveEnriched,
];

/// The §3.2 table: does `stage` run, given R (resume), S (skip) and the mode?
fn table_says(stage: Stage, resume: Option<Stage>, skip: &BTreeSet<Stage>, stream: bool) -> bool {
    // R ∈ {nil, …, last}: no resume, or resuming from `last` or a stage chained before it.
    let resumed_up_to = |last: Stage| match resume {
        None => true,
        Some(r) => {
            let position = |s: Stage| RESUME_CHAIN.iter().position(|c| *c == s);
            matches!((position(r), position(last)), (Some(r), Some(l)) if r <= l)
        }
    };
    let not_skipped = !skip.contains(&stage);
    not_skipped
        && match stage {
            Stage::Staging => !stream && resume.is_none(),
            Stage::Enrich => !stream && resumed_up_to(Stage::Enrich),
            Stage::StagingStreamEnrich => stream && resume.is_none(),
            Stage::Shred => resumed_up_to(Stage::Shred),
            Stage::Elasticsearch => resumed_up_to(Stage::Elasticsearch),
            Stage::ArchiveRaw => !stream && resumed_up_to(Stage::ArchiveRaw),
            Stage::RdbLoad | Stage::ConsistencyCheck | Stage::LoadManifestCheck => resumed_up_to(Stage::RdbLoad),
            Stage::Analyze => resumed_up_to(Stage::Analyze),
            Stage::ArchiveEnriched => resumed_up_to(Stage::ArchiveEnriched),
            Stage::ArchiveShredded => true,
        }
}

/// EmrEtlRunner's refusals (`cli.rb`), in its order.
fn expected_error(resume: Option<&str>, skip: &BTreeSet<Stage>, stream: bool) -> Option<StageError> {
    if let Some(name) = resume
        && !Stage::RESUMABLE.iter().any(|s| s.name() == name)
    {
        return Some(StageError::NotResumable { name: name.to_owned() });
    }
    let resume = resume.and_then(Stage::parse);
    if resume.is_some() && !skip.is_empty() {
        return Some(StageError::ResumeAndSkip);
    }
    if resume == Some(Stage::StagingStreamEnrich) && !stream {
        return Some(StageError::StreamResumeWithoutStream);
    }
    if stream {
        if resume == Some(Stage::Enrich) {
            return Some(StageError::ResumeEnrichInStreamMode);
        }
        if skip.contains(&Stage::Staging) || skip.contains(&Stage::Enrich) {
            return Some(StageError::SkipEnrichInStreamMode);
        }
        if skip.contains(&Stage::ArchiveRaw) || resume == Some(Stage::ArchiveRaw) {
            return Some(StageError::ArchiveRawInStreamMode);
        }
    }
    None
}

fn resume_options() -> Vec<Option<&'static str>> {
    let mut options = vec![None];
    options.extend(Stage::RESUMABLE.iter().map(|s| Some(s.name())));
    // Real stages that cannot be resumed from.
    options.extend([Some("staging"), Some("consistency_check"), Some("load_manifest_check")]);
    options
}

fn subset(mask: u32) -> BTreeSet<Stage> {
    Stage::SKIPPABLE.iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0).map(|(_, s)| *s).collect()
}

fn request(skip: &BTreeSet<Stage>, resume: Option<&str>, include: &[&str], stream: bool) -> StageRequest {
    StageRequest {
        skip: skip.iter().map(|s| s.name().to_owned()).collect(),
        resume_from: resume.map(str::to_owned),
        include: include.iter().map(|s| (*s).to_owned()).collect(),
        stream_mode: stream,
    }
}

fn check_plan(plan: &StagePlan, resume: Option<&str>, skip: &BTreeSet<Stage>, stream: bool) {
    let resume = resume.and_then(Stage::parse);
    let expected: Vec<Stage> = Stage::ALL.into_iter().filter(|s| table_says(*s, resume, skip, stream)).collect();
    assert_eq!(plan.stages(), expected, "resume {resume:?}, skip {skip:?}, stream {stream}");
    let produced = plan.runs(Stage::Enrich) || plan.runs(Stage::StagingStreamEnrich);
    let enriched_mode = if produced { ArchiveMode::Pipeline } else { ArchiveMode::Recover };
    assert_eq!(plan.archive_enriched(), plan.runs(Stage::ArchiveEnriched).then_some(enriched_mode));
    let shredded_mode = if plan.runs(Stage::Shred) { ArchiveMode::Pipeline } else { ArchiveMode::Recover };
    assert_eq!(plan.archive_shredded(), plan.runs(Stage::ArchiveShredded).then_some(shredded_mode));
    let skipped_in_loader: Vec<Stage> = [Stage::Analyze, Stage::ConsistencyCheck, Stage::LoadManifestCheck]
        .into_iter()
        .filter(|s| !expected.contains(s))
        .collect();
    assert_eq!(plan.loader_skips(), skipped_in_loader);
}

/// All 2^12 skip sets × every resume value × with and without `--include vacuum` × both modes.
#[test]
fn every_combination_is_an_emretlrunner_error_or_the_table_stages() {
    let mut plans = 0;
    let mut errors = 0;
    for stream in [false, true] {
        for resume in resume_options() {
            for mask in 0..(1u32 << Stage::SKIPPABLE.len()) {
                let skip = subset(mask);
                for include in [&[][..], &["vacuum"][..]] {
                    let result = select_stages(&request(&skip, resume, include, stream));
                    match (result, expected_error(resume, &skip, stream)) {
                        (Err(actual), Some(expected)) => {
                            assert_eq!(actual, expected);
                            assert!(!actual.hint().is_empty());
                            errors += 1;
                        }
                        (Ok(plan), None) => {
                            check_plan(&plan, resume, &skip, stream);
                            assert_eq!(plan.includes().len(), include.len());
                            plans += 1;
                        }
                        (actual, expected) => {
                            panic!(
                                "resume {resume:?}, skip {skip:?}, stream {stream}: {actual:?}, expected {expected:?}"
                            )
                        }
                    }
                }
            }
        }
    }
    // Without --resume-from every skip set is accepted in batch mode; in stream mode the ones
    // without staging, enrich and archive_raw (2^9); with it only the empty skip set.
    assert_eq!(plans, 2 * ((1 << 12) + 9 + (1 << 9) + 6));
    assert_eq!(plans + errors, 2 * 2 * 13 * (1 << 12));
}

#[test]
fn unknown_names_are_refused_with_a_suggestion() {
    let bad_skip = StageRequest { skip: vec!["enrich".into(), "archive-raw".into()], ..Default::default() };
    let error = select_stages(&bad_skip).unwrap_err();
    assert_eq!(error, StageError::NotSkippable { name: "archive-raw".into() });
    assert!(error.hint().contains("`archive_raw`"), "{}", error.hint());
    let bad_include = StageRequest { include: vec!["analyze".into()], ..Default::default() };
    assert_eq!(select_stages(&bad_include).unwrap_err(), StageError::NotIncludable { name: "analyze".into() });
}

/// Which step names belong to each stage, for checking whole playbooks.
fn stage_of(name: &str) -> Option<Stage> {
    let bracketed = name.strip_prefix('[').and_then(|n| n.split_once(']')).map(|(s, _)| s);
    match bracketed {
        Some("cleanup") if name == "[cleanup] Empty Raw HDFS" => Some(Stage::Shred),
        Some(stage) => Stage::parse(stage),
        None if name.starts_with("Errors in ") => Some(Stage::Elasticsearch),
        None => None,
    }
}

fn check_playbook(playbook: &Playbook, plan: &StagePlan, stream: bool, ctx: &str) {
    let json = playbook.to_json(&RunValues::default(), Credentials::Default).unwrap();
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let steps = value["data"]["steps"].as_array().unwrap();
    let names: Vec<&str> = steps.iter().map(|s| s["name"].as_str().unwrap()).collect();
    let with_steps: BTreeSet<Stage> = names.iter().filter_map(|n| stage_of(n)).collect();
    // Loader-internal stages never have steps of their own; elasticsearch only has sources
    // when enrich or shred runs (the fixture has an Elasticsearch target, a Redshift target
    // and every archive bucket).
    let expected: BTreeSet<Stage> = plan
        .stages()
        .iter()
        .copied()
        .filter(|s| !s.is_loader_step())
        .filter(|s| *s != Stage::Elasticsearch || plan.runs(Stage::Enrich) || plan.runs(Stage::Shred))
        .collect();
    assert_eq!(with_steps, expected, "{ctx}: {names:#?}");
    for (name, stage) in
        [("[archive_enriched]", plan.archive_enriched()), ("[archive_shredded]", plan.archive_shredded())]
    {
        if let Some(mode) = stage {
            let step = names.iter().find(|n| n.starts_with(name)).unwrap();
            assert_eq!(
                step.ends_with(" -> S3 Enriched Archive") || step.ends_with(" -> S3 Shredded Archive"),
                mode == ArchiveMode::Recover
            );
        }
    }
    if plan.runs(Stage::RdbLoad) {
        let load = steps.iter().find(|s| s["name"].as_str().unwrap().starts_with("[rdb_load]")).unwrap();
        let args: Vec<&str> = load["arguments"].as_array().unwrap().iter().map(|a| a.as_str().unwrap()).collect();
        let skip = args.iter().position(|a| *a == "--skip").map(|i| args[i + 1].to_owned());
        let expected: Vec<&str> = plan.loader_skips().iter().map(|s| s.name()).collect();
        assert_eq!(skip, (!expected.is_empty()).then(|| expected.join(",")), "{ctx}");
    }
    // When enrich does not run, shred reads enriched events back from S3.
    if plan.runs(Stage::Shred) && !plan.runs(Stage::Enrich) {
        let copy = steps.iter().find(|s| s["name"] == "[shred] s3-dist-cp: Enriched S3 -> HDFS").unwrap();
        let src = copy["arguments"][1].as_str().unwrap();
        assert_eq!(src.ends_with("run={{.runId}}/"), plan.runs(Stage::StagingStreamEnrich), "{ctx}");
        assert_eq!(copy["arguments"][5], if stream { r".*\.gz" } else { ".*part-.*" });
    }
    let ws = Workspace::new();
    fixtures::assert_lints_clean(ws.path(), "playbook.json", ConfigKind::Playbook, &json);
}

fn load(ws: &Workspace, file: &str) -> Inputs {
    let text = fixtures::fill(&fixtures::sample(file), "eu-central-1");
    fixtures::load(&fixtures::paths(&ws.write(file, &text))).unwrap()
}

/// Full playbooks for every resume value, every single and double skip, and a spread of larger
/// skip sets, in both modes.
#[test]
fn playbooks_for_a_sample_of_combinations_have_exactly_the_selected_stages() {
    let ws = Workspace::new();
    let mut checked = 0;
    for (file, stream) in [("config.yml.r117-biskupin.sample", false), ("stream_config.yml.r117-biskupin.sample", true)]
    {
        let inputs = load(&ws, file);
        let mut masks: BTreeSet<u32> = (0..12).map(|i| 1 << i).collect();
        masks.extend((0..12).flat_map(|i| (0..12).map(move |j| (1 << i) | (1 << j))));
        masks.extend((0..(1u32 << 12)).step_by(97));
        masks.insert(0);
        let mut combinations: Vec<(BTreeSet<Stage>, Option<&str>)> =
            masks.into_iter().map(|m| (subset(m), None)).collect();
        combinations.extend(Stage::RESUMABLE.iter().map(|s| (BTreeSet::new(), Some(s.name()))));
        for (skip, resume) in combinations {
            let ctx = format!("{file}: resume {resume:?}, skip {skip:?}");
            let Ok(plan) = select_stages(&request(&skip, resume, &[], stream)) else { continue };
            let names: Vec<&str> = skip.iter().map(|s| s.name()).collect();
            let playbook = match fixtures::plan(&inputs, &names, resume, &[]) {
                Ok(playbook) => playbook,
                // Everything that has steps skipped: Dataflow Runner refuses an empty playbook.
                Err(GenerateError::EmptyPlaybook { .. }) => {
                    assert!(plan.stages().iter().all(|s| s.is_loader_step()), "{ctx}");
                    continue;
                }
                Err(e) => panic!("{ctx}: {e:?}"),
            };
            assert_eq!(playbook.stages, plan);
            check_playbook(&playbook, &plan, stream, &ctx);
            checked += 1;
        }
    }
    assert!(checked > 150, "{checked}");
}
