//! The manifest conformance suite: the same checks against every [`Backend`], so that the
//! DynamoDB table and the local store have the same semantics.

use std::sync::Arc;
use std::time::Duration;

use serde_json::json;
use snowplowctl::iglu::{Resolver, Validators};
use snowplowctl::manifest::{
    App, Backend, ClaimOutcome, Manifest, ManifestError, NOTE_SCHEMA, RunStatus, State, payload,
};

/// Opens the manifest called `name`: the same name reaches the same table or file (from
/// another connection), a new name a new, empty one.
pub type MakeBackend<'a> = &'a (dyn Fn(&str) -> Box<dyn Backend> + Sync);

fn manifest(backend: Box<dyn Backend>) -> Manifest {
    Manifest::new(backend, Arc::new(Validators::new(Arc::new(Resolver::bundled()))), App::snowplowctl())
}

fn note(reason: &str) -> serde_json::Value {
    payload(NOTE_SCHEMA, json!({"reason": reason}))
}

const LEASE: Duration = Duration::from_secs(60);

/// The claim an outcome holds; panics when the run was unavailable.
pub fn claimed(outcome: ClaimOutcome) -> snowplowctl::manifest::Claim {
    match outcome {
        ClaimOutcome::Claimed(claim) => claim,
        ClaimOutcome::Unavailable { status, .. } => panic!("expected a claim, the run is {status}"),
    }
}

/// Why a run was unavailable; panics when it was claimed.
pub fn unavailable(outcome: ClaimOutcome) -> RunStatus {
    match outcome {
        ClaimOutcome::Claimed(claim) => panic!("expected no claim, got {claim:?}"),
        ClaimOutcome::Unavailable { status, .. } => status,
    }
}

fn states(m: &Manifest, run: &str) -> Vec<State> {
    m.show(run).unwrap().records.iter().map(|r| r.state).collect()
}

/// Runs every check, each on a manifest of its own.
pub fn conformance(make: MakeBackend<'_>) {
    unknown_runs(make);
    sdk_add_and_contains(make);
    claim_complete(make);
    fail_resolve_reclaim(make);
    skip_and_resolve(make);
    lapsed_leases_are_taken_over(make);
    invalid_payloads_write_nothing(make);
    concurrent_claims_win_once(make);
    export_import_round_trip(make);
}

fn unknown_runs(make: MakeBackend<'_>) {
    let m = manifest(make("unknown_runs"));
    m.create().unwrap();
    assert!(!m.contains("raw/run=2017-01-01-00-00-00/").unwrap());
    let error = m.show("raw/run=2017-01-01-00-00-00/").unwrap_err();
    assert!(error.is_invalid_request(), "{error}");
    assert!(error.to_string().contains("no record"), "{error}");
    assert!(matches!(m.resolve("nope", None), Err(ManifestError::Refused { .. })));
    assert!(matches!(m.claim_of("nope", "x"), Err(ManifestError::Refused { .. })));
    assert!(m.show("").unwrap_err().is_invalid_request());
    assert!(m.list().unwrap().is_empty());
}

fn sdk_add_and_contains(make: MakeBackend<'_>) {
    let m = manifest(make("sdk_add_and_contains"));
    m.create().unwrap();
    m.add("a/run=2017-01-01-00-00-00/").unwrap();
    m.add("a/run=2017-01-01-00-00-00/").unwrap();
    assert!(m.contains("a/run=2017-01-01-00-00-00/").unwrap());
    assert!(!m.contains("a/run=2017-01-01-00-00-01/").unwrap());
    assert_eq!(unavailable(m.claim("a/run=2017-01-01-00-00-00/", LEASE, None).unwrap()), RunStatus::Done);
    let listed = m.list().unwrap();
    assert_eq!(listed.len(), 1);
    assert!(listed[0].marker && listed[0].records.is_empty());
}

fn claim_complete(make: MakeBackend<'_>) {
    let m = manifest(make("claim_complete"));
    m.create().unwrap();
    let run = "r/run=2017-01-01-00-00-00/";
    assert!(m.register(run).unwrap());
    assert!(!m.register(run).unwrap(), "a second registration writes nothing");
    assert_eq!(m.entries(&[run.to_owned()]).unwrap()[0].status(0), RunStatus::Ready);
    let mut claim = claimed(m.claim(run, LEASE, None).unwrap());
    assert_eq!(unavailable(m.claim(run, LEASE, None).unwrap()), RunStatus::Claimed);
    let before = claim.expires_ms;
    std::thread::sleep(Duration::from_millis(5));
    m.renew(&mut claim, LEASE).unwrap();
    assert!(claim.expires_ms > before);
    assert_eq!(m.claim_of(run, &claim.record_id).unwrap().version, claim.version);
    assert!(!m.contains(run).unwrap(), "claimed is not processed");
    m.complete(&claim, Some(note("done"))).unwrap();
    assert!(m.contains(run).unwrap(), "PROCESSED writes the SDK's marker too");
    let entry = m.show(run).unwrap();
    assert_eq!(states(&m, run), [State::New, State::Processing, State::Processed]);
    assert_eq!(entry.records[2].previous.as_deref(), Some(claim.record_id.as_str()));
    assert_eq!(entry.records[1].previous.as_deref(), Some(entry.records[0].id.as_str()));
    assert_eq!(entry.records[2].payload, Some(note("done")));
    assert!(entry.lease.is_none());
    assert!(entry.records.iter().all(|r| r.author.starts_with("snowplowctl:") && r.app.name == "snowplowctl"));
    assert_eq!(unavailable(m.claim(run, LEASE, None).unwrap()), RunStatus::Done);
    assert!(matches!(m.complete(&claim, None), Err(ManifestError::LostClaim { .. })), "completing twice");
    assert!(matches!(m.skip(run, None), Err(ManifestError::Refused { .. })));
}

fn fail_resolve_reclaim(make: MakeBackend<'_>) {
    let m = manifest(make("fail_resolve_reclaim"));
    m.create().unwrap();
    let run = "r/run=2017-01-01-00-00-01/";
    let claim = claimed(m.claim(run, LEASE, None).unwrap());
    m.fail(&claim, Some(note("disk full"))).unwrap();
    assert_eq!(unavailable(m.claim(run, LEASE, None).unwrap()), RunStatus::Failed);
    assert!(!m.contains(run).unwrap());
    m.resolve(run, Some(note("disk replaced"))).unwrap();
    assert!(matches!(m.resolve(run, None), Err(ManifestError::Refused { .. })), "only FAILED or SKIPPED");
    let again = claimed(m.claim(run, LEASE, None).unwrap());
    m.complete(&again, None).unwrap();
    assert_eq!(
        states(&m, run),
        [State::Processing, State::Failed, State::Resolved, State::Processing, State::Processed]
    );
}

fn skip_and_resolve(make: MakeBackend<'_>) {
    let m = manifest(make("skip_and_resolve"));
    m.create().unwrap();
    let run = "r/run=2017-01-01-00-00-02/";
    m.skip(run, Some(note("corrupt upload"))).unwrap();
    assert_eq!(unavailable(m.claim(run, LEASE, None).unwrap()), RunStatus::Skipped);
    assert!(matches!(m.skip(run, None), Err(ManifestError::Refused { .. })));
    m.resolve(run, None).unwrap();
    let claim = claimed(m.claim(run, LEASE, None).unwrap());
    let refused = m.skip(run, None).unwrap_err();
    assert!(refused.to_string().contains("live claim"), "{refused}");
    m.fail(&claim, None).unwrap();
    m.skip(run, None).unwrap();
    assert_eq!(states(&m, run), [State::Skipped, State::Resolved, State::Processing, State::Failed, State::Skipped]);
}

fn lapsed_leases_are_taken_over(make: MakeBackend<'_>) {
    let first = manifest(make("lapsed_leases_are_taken_over"));
    first.create().unwrap();
    let run = "r/run=2017-01-01-00-00-03/";
    let mut stale = claimed(first.claim(run, Duration::from_millis(50), None).unwrap());
    std::thread::sleep(Duration::from_millis(120));
    let entry = &first.entries(&[run.to_owned()]).unwrap()[0];
    assert_eq!(entry.status(snowplowctl::manifest::model::now_ms()), RunStatus::Expired);
    let fresh = claimed(first.claim(run, LEASE, None).unwrap());
    assert_eq!(fresh.took_over.as_deref(), Some(stale.record_id.as_str()));
    assert!(matches!(first.renew(&mut stale, LEASE), Err(ManifestError::LostClaim { .. })));
    let lost = first.complete(&stale, None).unwrap_err();
    assert!(matches!(lost, ManifestError::LostClaim { .. }), "{lost}");
    assert!(lost.to_string().contains(&fresh.record_id), "{lost}");
    first.complete(&fresh, None).unwrap();
    let processed = first.show(run).unwrap().records.iter().filter(|r| r.state == State::Processed).count();
    assert_eq!(processed, 1);
}

fn invalid_payloads_write_nothing(make: MakeBackend<'_>) {
    let m = manifest(make("invalid_payloads_write_nothing"));
    m.create().unwrap();
    let run = "r/run=2017-01-01-00-00-04/";
    let bad = [
        json!({"reason": "no envelope"}),
        payload(NOTE_SCHEMA, json!({"reason": ""})),
        payload(NOTE_SCHEMA, json!({"reason": "x", "extra": 1})),
        payload("iglu:com.acme/unknown/jsonschema/1-0-0", json!({})),
    ];
    for payload in &bad {
        let error = m.skip(run, Some(payload.clone())).unwrap_err();
        assert!(matches!(error, ManifestError::InvalidPayload { .. }), "{error}");
        assert!(error.is_invalid_request());
        let error = m.claim(run, LEASE, Some(payload.clone())).unwrap_err();
        assert!(matches!(error, ManifestError::InvalidPayload { .. }), "{error}");
    }
    let message = m.skip(run, Some(bad[2].clone())).unwrap_err().to_string();
    assert!(message.contains("/data"), "names the pointer: {message}");
    assert!(m.list().unwrap().is_empty(), "nothing was written");
    let claim = claimed(m.claim(run, LEASE, None).unwrap());
    assert!(m.complete(&claim, Some(bad[1].clone())).is_err());
    assert_eq!(states(&m, run), [State::Processing]);
}

fn concurrent_claims_win_once(make: MakeBackend<'_>) {
    let runs: Vec<String> = (0..12).map(|i| format!("c/run=2017-01-01-00-00-{i:02}/")).collect();
    manifest(make("concurrent_claims_win_once")).create().unwrap();
    let backends: Vec<Box<dyn Backend>> = (0..6).map(|_| make("concurrent_claims_win_once")).collect();
    let won: Vec<Vec<String>> = std::thread::scope(|scope| {
        let handles: Vec<_> = backends
            .into_iter()
            .map(|backend| {
                let runs = &runs;
                scope.spawn(move || claim_and_complete(&manifest(backend), runs))
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let mut all: Vec<String> = won.into_iter().flatten().collect();
    all.sort();
    assert_eq!(all, runs, "every run claimed exactly once");
    let m = manifest(make("concurrent_claims_win_once"));
    for entry in m.entries(&runs).unwrap() {
        let states: Vec<State> = entry.records.iter().map(|r| r.state).collect();
        assert_eq!(states, [State::Processing, State::Processed], "{}", entry.run_id);
    }
}

/// Claims and completes every run of `runs` that `m` can claim; returns those it did.
pub fn claim_and_complete(m: &Manifest, runs: &[String]) -> Vec<String> {
    let mut mine = Vec::new();
    for run in runs {
        if let ClaimOutcome::Claimed(claim) = m.claim(run, LEASE, None).unwrap() {
            m.complete(&claim, None).unwrap();
            mine.push(run.clone());
        }
    }
    mine
}

fn export_import_round_trip(make: MakeBackend<'_>) {
    let source = manifest(make("export_import_round_trip"));
    source.create().unwrap();
    source.add("e/run=2017-01-01-00-00-00/").unwrap();
    let claim = claimed(source.claim("e/run=2017-01-01-00-00-01/", LEASE, Some(note("mine"))).unwrap());
    source.complete(&claim, None).unwrap();
    source.skip("e/run=2017-01-01-00-00-02/", None).unwrap();
    let held = claimed(source.claim("e/run=2017-01-01-00-00-03/", LEASE, None).unwrap());
    let exported = source.list().unwrap();
    assert_eq!(exported.len(), 4);
    let mut text = Vec::new();
    snowplowctl::manifest::jsonl::write_entries(&exported, &mut text).unwrap();
    let read =
        snowplowctl::manifest::jsonl::read_entries(std::path::Path::new("export.jsonl"), text.as_slice()).unwrap();
    let target = manifest(make("export_import_round_trip_target"));
    target.create().unwrap();
    assert_eq!(target.import(&read).unwrap(), (4, Vec::new()));
    assert_eq!(target.list().unwrap(), exported);
    assert_eq!(target.claim_of("e/run=2017-01-01-00-00-03/", &held.record_id).unwrap().version, held.version);
    let (written, existing) = target.import(&read).unwrap();
    assert_eq!((written, existing.len()), (0, 4), "a second import leaves known runs alone");
}
