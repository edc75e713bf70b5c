//! The DynamoDB manifest against a real DynamoDB server (moto): the conformance suite, the Python
//! Analytics SDK's `RunManifests` on the same table, faults injected by a proxy (throttled, lost,
//! overtaken and late conditional writes, a server that stops answering), damaged items, table
//! creation and keys, DynamoDB's item size limit, and batched reads.
//!
//! Tests in which several clients write at once use a moto server of their own that handles one
//! request at a time (tests/sdk/moto_serial.py): moto_server checks a write's condition and
//! applies the write without holding a lock, so two concurrent conditional writes to one item can
//! both succeed there, which DynamoDB never allows.

mod support;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use aws_sdk_dynamodb::types::AttributeValue;
use serde_json::json;
use snowplowctl::aws::{DynamoDb, ErrorKind, RetryPolicy, TableSpec};
use snowplowctl::iglu::{Resolver, Validators};
use snowplowctl::manifest::dynamodb::{DynamoDbManifest, STATE_KEY_PREFIX};
use snowplowctl::manifest::model::{self, now_ms};
use snowplowctl::manifest::{
    App, Backend, Change, Committed, Lease, LeaseChange, Manifest, ManifestError, Record, RunEntry, RunStatus, State,
};
use support::dynamodb as ddb;
use support::fault_proxy::{Fault, FaultProxy};
use support::manifest::{claimed, unavailable};

const LEASE: Duration = Duration::from_secs(60);

fn manifest(backend: DynamoDbManifest) -> Manifest {
    Manifest::new(Box::new(backend), Arc::new(Validators::new(Arc::new(Resolver::bundled()))), App::snowplowctl())
}

/// The manifest in `table` at `endpoint`, through a client of its own.
fn backend(endpoint: &str, table: &str) -> DynamoDbManifest {
    DynamoDbManifest::new(ddb::client(endpoint), table)
}

/// A new manifest table at `endpoint`.
fn new_table(endpoint: &str, test: &str) -> String {
    let table = ddb::table_name(test);
    assert!(backend(endpoint, &table).create().unwrap(), "a new table is created");
    table
}

fn states(entry: &RunEntry) -> Vec<State> {
    entry.records.iter().map(|r| r.state).collect()
}

fn record(id: &str, state: State, previous: Option<&str>) -> Record {
    Record {
        id: id.to_owned(),
        state,
        app: App::snowplowctl(),
        timestamp_ms: now_ms(),
        previous: previous.map(str::to_owned),
        author: model::author(),
        payload: None,
    }
}

fn change(run_id: &str, expected_version: u64, append: Vec<Record>, lease: LeaseChange) -> Change {
    Change { run_id: run_id.to_owned(), expected_version, append, lease, add_marker: false }
}

fn lease(owner: &str) -> LeaseChange {
    LeaseChange::Set(Lease { owner: owner.to_owned(), expires_ms: now_ms() + 60_000 })
}

fn count(proxy: &FaultProxy, operation: &str, fault: Fault) -> usize {
    proxy.seen().iter().filter(|s| s.operation == operation && s.fault == fault).count()
}

fn calls(proxy: &FaultProxy, operation: &str) -> usize {
    proxy.seen().iter().filter(|s| s.operation == operation).count()
}

#[test]
fn the_dynamodb_manifest_passes_the_conformance_suite() {
    let Some(python) = ddb::venv_program("SNOWPLOWCTL_TEST_PYTHON", "dynamodb conformance") else { return };
    let server = ddb::MotoServer::start_serial(&python);
    let endpoint = server.endpoint.clone();
    let tables: Mutex<HashMap<String, String>> = Mutex::default();
    support::manifest::conformance(&|name| {
        let table = tables
            .lock()
            .unwrap()
            .entry(name.to_owned())
            .or_insert_with(|| {
                let table = ddb::table_name(name);
                backend(&endpoint, &table).create().unwrap();
                table
            })
            .clone();
        Box::new(backend(&endpoint, &table))
    });
}

/// Runs the Python SDK's `RunManifests` (tests/sdk/run_manifests.py) on `table`; its stdout.
fn sdk(python: &Path, endpoint: &str, table: &str, command: &str, run_ids: &[&str]) -> String {
    let home = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(python);
    cmd.arg(support::root().join("tests/sdk/run_manifests.py"))
        .args([endpoint, ddb::REGION, table, command])
        .args(run_ids);
    ddb::aws_env(&mut cmd, home.path());
    let output = cmd.output().expect("the test virtualenv's python runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "run_manifests.py {command} failed:\n{stderr}");
    String::from_utf8(output.stdout).unwrap()
}

/// What the SDK's `contains` says about each run.
fn sdk_contains(python: &Path, endpoint: &str, table: &str, run_ids: &[&str]) -> BTreeMap<String, bool> {
    serde_json::from_str(&sdk(python, endpoint, table, "contains", run_ids)).unwrap()
}

fn raw_item(client: &DynamoDb, table: &str, key: &str) -> Option<HashMap<String, AttributeValue>> {
    let request = client
        .client()
        .get_item()
        .table_name(table)
        .key("RunId", AttributeValue::S(key.to_owned()))
        .consistent_read(true);
    client.run(request.send()).unwrap().item().cloned()
}

fn marker_item(run_id: &str) -> HashMap<String, AttributeValue> {
    HashMap::from([("RunId".to_owned(), AttributeValue::S(run_id.to_owned()))])
}

#[test]
fn the_python_sdks_run_manifests_and_snowplowctl_share_a_table_and_agree() {
    let Some(endpoint) = ddb::endpoint("sdk interop") else { return };
    let Some(python) = ddb::venv_program("SNOWPLOWCTL_TEST_PYTHON", "sdk interop") else { return };
    let raw = ddb::client(&endpoint);
    let run = |n: u32| format!("enriched/archive/run=2017-02-21-11-40-{n:02}/");
    let [a, b, c, d, e, f, g, h, unknown] = [0, 1, 2, 3, 4, 5, 6, 7, 8].map(run);

    // The SDK creates the table and adds runs: snowplowctl takes the table as it is and sees
    // those runs processed.
    let sdk_table = ddb::table_name("sdk-made");
    sdk(&python, &endpoint, &sdk_table, "create", &[]);
    sdk(&python, &endpoint, &sdk_table, "add", &[&a, &b]);
    let ours = manifest(backend(&endpoint, &sdk_table));
    assert!(!ours.create().unwrap(), "the SDK's table is used, not recreated");
    assert!(ours.contains(&a).unwrap() && ours.contains(&b).unwrap());
    assert!(!ours.contains(&c).unwrap());
    let now = now_ms();
    let statuses: Vec<RunStatus> =
        ours.entries(&[a.clone(), b.clone(), c.clone()]).unwrap().iter().map(|entry| entry.status(now)).collect();
    assert_eq!(statuses, [RunStatus::Done, RunStatus::Done, RunStatus::Unknown]);
    assert_eq!(unavailable(ours.claim(&a, LEASE, None).unwrap()), RunStatus::Done);
    let listed = ours.list().unwrap();
    assert_eq!(listed.iter().map(|entry| entry.run_id.as_str()).collect::<Vec<_>>(), [a.as_str(), b.as_str()]);
    assert!(listed.iter().all(|entry| entry.marker && entry.records.is_empty()));

    // snowplowctl adds, completes, claims, fails, skips and registers runs: the SDK says
    // processed exactly for the runs added or completed.
    ours.add(&c).unwrap();
    let done = claimed(ours.claim(&d, LEASE, None).unwrap());
    ours.complete(&done, None).unwrap();
    let _held = claimed(ours.claim(&e, LEASE, None).unwrap());
    let failed = claimed(ours.claim(&f, LEASE, None).unwrap());
    ours.fail(&failed, None).unwrap();
    ours.skip(&g, None).unwrap();
    assert!(ours.register(&h).unwrap());
    let said = sdk_contains(&python, &endpoint, &sdk_table, &[&a, &b, &c, &d, &e, &f, &g, &h, &unknown]);
    let expected: BTreeMap<String, bool> = [(&a, true), (&b, true), (&c, true), (&d, true)]
        .into_iter()
        .chain([(&e, false), (&f, false), (&g, false), (&h, false), (&unknown, false)])
        .map(|(run, processed)| (run.clone(), processed))
        .collect();
    assert_eq!(said, expected);
    // snowplowctl's marker is the very item the SDK writes: the key and nothing else.
    for run in [&a, &c, &d] {
        assert_eq!(raw_item(&raw, &sdk_table, run), Some(marker_item(run)), "{run}");
    }

    // snowplowctl creates the table: the SDK's create accepts it, and both agree on runs
    // either adds.
    let our_table = ddb::table_name("ours");
    let ours = manifest(backend(&endpoint, &our_table));
    assert!(ours.create().unwrap());
    sdk(&python, &endpoint, &our_table, "create", &[]);
    let keys = |table: &str| {
        let info = raw.describe_table(table).unwrap().expect("the table exists");
        (info.hash_key, info.range_key)
    };
    assert_eq!(keys(&our_table), keys(&sdk_table), "the same key schema as the SDK's own table");
    sdk(&python, &endpoint, &our_table, "add", &[&a]);
    ours.add(&b).unwrap();
    let done = claimed(ours.claim(&c, LEASE, None).unwrap());
    ours.complete(&done, None).unwrap();
    let _held = claimed(ours.claim(&d, LEASE, None).unwrap());
    assert!(ours.contains(&a).unwrap());
    assert_eq!(ours.entries(std::slice::from_ref(&a)).unwrap()[0].status(now_ms()), RunStatus::Done);
    let said = sdk_contains(&python, &endpoint, &our_table, &[&a, &b, &c, &d]);
    assert_eq!(said.values().copied().collect::<Vec<_>>(), [true, true, true, false], "{said:?}");
}

#[test]
fn throttled_and_lost_conditional_writes_neither_lose_nor_duplicate_records() {
    let Some(endpoint) = ddb::endpoint("faults") else { return };
    let table = new_table(&endpoint, "faults");
    let proxy = FaultProxy::start(&endpoint, |_, operation, index| match (operation, index) {
        // The first claim is throttled twice, then goes through.
        ("UpdateItem", 0 | 1) => Fault::Throttle,
        // The second claim is written, but its answer is lost.
        ("UpdateItem", 3) => Fault::ForwardThenDrop,
        // A renewal is lost before it reaches the server.
        ("UpdateItem", 4) => Fault::Drop,
        // The first completion (with the SDK's marker) is written, but its answer is lost.
        ("TransactWriteItems", 0) => Fault::ForwardThenDrop,
        ("TransactWriteItems", 1) => Fault::Throttle,
        _ => Fault::Forward,
    });
    let m = manifest(backend(&proxy.endpoint, &table));
    let direct = backend(&endpoint, &table);
    let (first, second) = ("f/run=2017-01-01-00-00-01/", "f/run=2017-01-01-00-00-02/");

    let one = claimed(m.claim(first, LEASE, None).unwrap());
    let mut two = claimed(m.claim(second, LEASE, None).unwrap());
    std::thread::sleep(Duration::from_millis(5));
    let before = two.expires_ms;
    m.renew(&mut two, LEASE).unwrap();
    assert!(two.expires_ms > before);
    assert_eq!(direct.load(second).unwrap().lease.map(|l| l.expires_ms), Some(two.expires_ms));
    m.complete(&one, None).unwrap();
    m.complete(&two, None).unwrap();

    // Every fault happened, and no write was sent more often than the plan says: the SDK's own
    // retries are off for conditional writes, so that every attempt is accounted for.
    assert_eq!(count(&proxy, "UpdateItem", Fault::Throttle), 2);
    assert_eq!(count(&proxy, "UpdateItem", Fault::ForwardThenDrop), 1);
    assert_eq!(count(&proxy, "UpdateItem", Fault::Drop), 1);
    assert_eq!(calls(&proxy, "UpdateItem"), 6, "{:?}", proxy.seen());
    assert_eq!(count(&proxy, "TransactWriteItems", Fault::ForwardThenDrop), 1);
    assert_eq!(calls(&proxy, "TransactWriteItems"), 3, "{:?}", proxy.seen());

    for (run, claim) in [(first, &one), (second, &two)] {
        let entry = direct.load(run).unwrap();
        assert_eq!(states(&entry), [State::Processing, State::Processed], "{run}");
        assert_eq!(entry.records[0].id, claim.record_id);
        assert_eq!(entry.records[1].previous.as_deref(), Some(claim.record_id.as_str()));
        assert!(entry.marker && entry.lease.is_none(), "{run}");
    }
}

#[test]
fn a_lost_answer_is_settled_by_reading_the_run_back_even_when_others_wrote_meanwhile() {
    let Some(endpoint) = ddb::endpoint("settle") else { return };
    let table = new_table(&endpoint, "settle");
    let direct = Arc::new(backend(&endpoint, &table));
    let (run, other_run) = ("s/run=2017-01-01-00-00-00/", "s/run=2017-01-01-00-00-01/");
    for run in [run, other_run] {
        let setup = change(
            run,
            0,
            vec![record("new", State::New, None), record("p1", State::Processing, Some("new"))],
            lease("p1"),
        );
        assert_eq!(direct.commit(&setup).unwrap(), Committed::Yes);
    }

    // What another process writes while our answers are lost.
    let takeover = change(run, 2, vec![record("p2", State::Processing, Some("p1"))], lease("p2"));
    let completion = change(run, 3, vec![record("done", State::Processed, Some("p2"))], LeaseChange::Clear);
    let completion_with_marker = Change {
        add_marker: true,
        ..change(other_run, 2, vec![record("done", State::Processed, Some("p1"))], LeaseChange::Clear)
    };
    let proxy = {
        let direct = Arc::clone(&direct);
        let (takeover, completion, completion_with_marker) =
            (takeover.clone(), completion.clone(), completion_with_marker.clone());
        FaultProxy::start(&endpoint, move |_, operation, index| match (operation, index) {
            // Our renewal is lost, and meanwhile another process takes the run over.
            ("UpdateItem", 0) => {
                assert_eq!(direct.commit(&takeover).unwrap(), Committed::Yes);
                Fault::Drop
            }
            // Our completion is lost on the way; its retry finds it applied after all (it
            // arrived late), so the condition fails.
            ("UpdateItem", 1) | ("TransactWriteItems", 0) => Fault::Drop,
            ("UpdateItem", 2) => {
                assert_eq!(direct.commit(&completion).unwrap(), Committed::Yes);
                Fault::Forward
            }
            ("TransactWriteItems", 1) => {
                assert_eq!(direct.commit(&completion_with_marker).unwrap(), Committed::Yes);
                Fault::Forward
            }
            _ => Fault::Forward,
        })
    };
    let ours = backend(&proxy.endpoint, &table);

    let renewal = change(run, 2, Vec::new(), lease("p1"));
    assert_eq!(ours.commit(&renewal).unwrap(), Committed::Conflict, "overtaken while the answer was lost");
    assert_eq!(ours.commit(&completion).unwrap(), Committed::Yes, "our own late write is recognised");
    assert_eq!(ours.commit(&completion_with_marker).unwrap(), Committed::Yes);
    let reads = calls(&proxy, "BatchGetItem");
    // One read after each lost answer, and one after each failed condition while in doubt.
    assert_eq!(reads, 5, "{:?}", proxy.seen());

    // A plain conflict needs no read: nothing was in doubt.
    assert_eq!(ours.commit(&renewal).unwrap(), Committed::Conflict);
    assert_eq!(calls(&proxy, "BatchGetItem"), reads);

    let entry = direct.load(run).unwrap();
    assert_eq!(states(&entry), [State::New, State::Processing, State::Processing, State::Processed]);
    assert!(!entry.marker && entry.lease.is_none());
    let entry = direct.load(other_run).unwrap();
    assert_eq!(states(&entry), [State::New, State::Processing, State::Processed]);
    assert!(entry.marker && entry.lease.is_none());
}

#[test]
fn a_server_that_stops_answering_gives_a_clear_error_and_loses_nothing() {
    let Some(endpoint) = ddb::endpoint("stopped") else { return };
    let table = new_table(&endpoint, "stopped");
    let down = Arc::new(AtomicBool::new(false));
    let proxy = {
        let down = Arc::clone(&down);
        FaultProxy::start(
            &endpoint,
            move |_, _, _| if down.load(Ordering::SeqCst) { Fault::Drop } else { Fault::Forward },
        )
    };
    let m = manifest(backend(&proxy.endpoint, &table));
    let run = "d/run=2017-01-01-00-00-00/";
    let claim = claimed(m.claim(run, LEASE, None).unwrap());

    down.store(true, Ordering::SeqCst);
    let started = Instant::now();
    let error = m.complete(&claim, None).unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(20), "a stopped server is reported quickly");
    let ManifestError::Aws(aws) = &error else { panic!("expected an AWS error, got {error}") };
    assert_eq!(aws.kind, ErrorKind::Transient, "{error}");
    let message = error.to_string();
    assert!(message.contains(run) && message.contains("unknown"), "says the outcome is unknown: {message}");
    assert!(message.contains(&format!("dynamodb:{}/{table}", ddb::REGION)), "names the manifest: {message}");
    assert!(error.hint().unwrap().contains("--endpoint-url"), "{:?}", error.hint());
    let error = m.contains(run).unwrap_err();
    assert!(matches!(&error, ManifestError::Aws(aws) if aws.kind == ErrorKind::Transient), "{error}");
    assert!(error.hint().is_some(), "{error}");

    // Back up: nothing was written, and the claim can still be completed.
    down.store(false, Ordering::SeqCst);
    let again = m.claim_of(run, &claim.record_id).unwrap();
    m.complete(&again, None).unwrap();
    let entry = m.show(run).unwrap();
    assert_eq!(states(&entry), [State::Processing, State::Processed]);
    assert!(entry.marker);

    // No server at all: every operation fails the same way, and nothing panics. (One attempt
    // each, of the SDK's three tries, to keep the test short.)
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let nowhere = backend(&format!("http://127.0.0.1:{port}"), &table).with_retry_policy(RetryPolicy::immediate(1));
    let started = Instant::now();
    let errors = [
        nowhere.create().map(|_| ()).unwrap_err(),
        nowhere.load(run).map(|_| ()).unwrap_err(),
        nowhere.list().map(|_| ()).unwrap_err(),
        nowhere.add_marker(run).unwrap_err(),
        nowhere
            .commit(&change(run, 2, vec![record("x", State::Resolved, None)], LeaseChange::Keep))
            .map(|_| ())
            .unwrap_err(),
    ];
    for error in &errors {
        let message = error.to_string();
        assert!(matches!(error, ManifestError::Aws(aws) if aws.kind == ErrorKind::Transient), "{message}");
        assert!(message.contains("Connection refused"), "{message}");
        ddb::assert_no_secrets(&format!("{message} {error:?}"));
    }
    assert!(started.elapsed() < Duration::from_secs(20), "{:?}", started.elapsed());
}

#[test]
fn damaged_state_items_are_reported_naming_the_run_and_the_attribute() {
    let Some(endpoint) = ddb::endpoint("damaged") else { return };
    let table = new_table(&endpoint, "damaged");
    let raw = ddb::client(&endpoint);
    let m = manifest(backend(&endpoint, &table));
    let damage = |run: &str, change: &dyn Fn(&mut HashMap<String, AttributeValue>)| {
        let key = format!("{STATE_KEY_PREFIX}{run}");
        let mut item = raw_item(&raw, &table, &key).expect("the state item");
        change(&mut item);
        raw.run(raw.client().put_item().table_name(&table).set_item(Some(item)).send()).unwrap();
    };
    let version = "x/run=2017-01-01-00-00-00/";
    let timestamp = "x/run=2017-01-01-00-00-01/";
    for run in [version, timestamp] {
        let claim = claimed(m.claim(run, LEASE, None).unwrap());
        m.complete(&claim, None).unwrap();
    }
    damage(version, &|item| {
        item.insert("Version".to_owned(), AttributeValue::S("2".to_owned()));
    });
    damage(timestamp, &|item| {
        let Some(AttributeValue::L(records)) = item.get_mut("Records") else { panic!("a list") };
        let AttributeValue::M(second) = &mut records[1] else { panic!("a map") };
        second.insert("Timestamp".to_owned(), AttributeValue::S("yesterday".to_owned()));
    });

    for (run, attribute) in [(version, "`Version`"), (timestamp, "`Timestamp` of record 2")] {
        let error = m.show(run).unwrap_err();
        let ManifestError::Corrupt { run_id, message } = &error else { panic!("expected Corrupt, got {error}") };
        assert_eq!(run_id, run);
        assert!(message.contains(attribute), "{message}");
        assert!(error.to_string().contains(run) && error.hint().is_some(), "{error}");
        assert!(!error.is_invalid_request());
        assert!(matches!(m.claim(run, LEASE, None), Err(ManifestError::Corrupt { .. })));
    }
    assert!(matches!(m.list(), Err(ManifestError::Corrupt { .. })));
    assert!(matches!(m.entries(&[timestamp.to_owned()]), Err(ManifestError::Corrupt { .. })));
}

#[test]
fn create_makes_the_sdks_table_and_other_tables_are_refused() {
    let Some(endpoint) = ddb::endpoint("create") else { return };
    let raw = ddb::client(&endpoint);
    let run = "c/run=2017-01-01-00-00-00/";
    let new_record = || change(run, 0, vec![record(&model::new_record_id(), State::New, None)], LeaseChange::Keep);

    // A missing table, for every operation.
    let table = ddb::table_name("create");
    let missing = backend(&endpoint, &table);
    let errors = [
        missing.load(run).map(|_| ()).unwrap_err(),
        missing.list().map(|_| ()).unwrap_err(),
        missing.add_marker(run).unwrap_err(),
        missing.commit(&new_record()).map(|_| ()).unwrap_err(),
        missing.commit(&Change { add_marker: true, ..new_record() }).map(|_| ()).unwrap_err(),
    ];
    for error in &errors {
        assert!(matches!(error, ManifestError::TableMissing { table: t } if *t == table), "{error}");
        assert!(error.hint().unwrap().contains("create-table"), "{:?}", error.hint());
    }

    // Created once, keyed exactly as the SDKs key it.
    assert!(missing.create().unwrap());
    assert!(!missing.create().unwrap());
    let info = raw.describe_table(&table).unwrap().unwrap();
    assert!(info.keyed_by_string("RunId") && info.status == "ACTIVE", "{info:?}");
    assert!(missing.location().contains(&format!("dynamodb:{}/{table}", ddb::REGION)), "{}", missing.location());

    // Tables keyed otherwise are refused, whatever the operation.
    for (test, spec_keys, found) in [
        ("keyed-by-id", ("id", None), "`id` (S)"),
        ("processing-manifest", ("ItemId", Some("Id")), "`ItemId` (S) with sort key `Id` (S)"),
    ] {
        let other = ddb::table_name(test);
        let spec = TableSpec { name: &other, hash_key: spec_keys.0, range_key: spec_keys.1 };
        raw.create_table(&spec, Duration::from_secs(30)).unwrap();
        let wrong = backend(&endpoint, &other);
        let errors = [
            wrong.create().map(|_| ()).unwrap_err(),
            wrong.load(run).map(|_| ()).unwrap_err(),
            wrong.add_marker(run).unwrap_err(),
            wrong.commit(&new_record()).map(|_| ()).unwrap_err(),
            wrong.commit(&Change { add_marker: true, ..new_record() }).map(|_| ()).unwrap_err(),
        ];
        for error in &errors {
            assert!(matches!(error, ManifestError::WrongKey { found: f, .. } if f == found), "{test}: {error}");
        }
    }

    // Run ids that would be taken for state items are refused.
    let m = manifest(backend(&endpoint, &table));
    let error = m.contains(&format!("{STATE_KEY_PREFIX}{run}")).unwrap_err();
    assert!(matches!(error, ManifestError::Refused { .. }) && error.to_string().contains("reserved"), "{error}");
    assert!(m.list().unwrap().is_empty(), "nothing was written");
}

#[test]
fn an_item_over_dynamodbs_size_limit_is_refused_naming_the_run() {
    let Some(endpoint) = ddb::endpoint("size") else { return };
    let table = new_table(&endpoint, "size");
    let b = backend(&endpoint, &table);
    let run = "z/run=2017-01-01-00-00-00/";
    // A run whose next record would take its state item past 400 KB. (It has a record already:
    // moto, unlike DynamoDB, leaves a bare item behind when it refuses an UpdateItem that would
    // create one.)
    assert_eq!(
        b.commit(&change(run, 0, vec![record("new", State::New, None)], LeaseChange::Keep)).unwrap(),
        Committed::Yes
    );
    let mut big = record("big", State::Skipped, Some("new"));
    big.payload = Some(json!({"schema": "iglu:com.acme/big/jsonschema/1-0-0", "data": {"blob": "x".repeat(420_000)}}));
    for add_marker in [false, true] {
        let error =
            b.commit(&Change { add_marker, ..change(run, 1, vec![big.clone()], LeaseChange::Keep) }).unwrap_err();
        let ManifestError::Refused { run_id, message, hint } = &error else { panic!("expected Refused, got {error}") };
        assert_eq!(run_id, run);
        assert!(message.contains("ValidationException") && message.contains("400 KB"), "{message}");
        assert!(hint.is_some());
    }
    let entry = b.load(run).unwrap();
    assert_eq!(states(&entry), [State::New], "nothing was written");
    assert!(!entry.marker, "not even the marker");
}

#[test]
fn many_runs_are_read_in_batches_of_fifty_in_the_order_asked() {
    let Some(endpoint) = ddb::endpoint("batches") else { return };
    let table = new_table(&endpoint, "batches");
    let direct = backend(&endpoint, &table);
    let run = |n: usize| format!("b/run=2017-01-01-00-{:02}-{:02}/", n / 60, n % 60);
    for n in 0..70 {
        let new = change(&run(n), 0, vec![record(&format!("new-{n}"), State::New, None)], LeaseChange::Keep);
        assert_eq!(direct.commit(&new).unwrap(), Committed::Yes);
        if n % 2 == 0 {
            direct.add_marker(&run(n)).unwrap();
        }
    }
    let proxy = FaultProxy::start(&endpoint, |_, operation, index| match (operation, index) {
        ("BatchGetItem", 1) => Fault::Unprocessed(30),
        ("BatchGetItem", 2) => Fault::Unprocessed(0),
        _ => Fault::Forward,
    });
    // 130 runs, newest first, with some asked twice.
    let mut asked: Vec<String> = (0..130).rev().map(run).collect();
    asked.extend([run(3), run(100), run(3)]);
    let entries = backend(&proxy.endpoint, &table).load_many(&asked).unwrap();
    assert_eq!(entries.iter().map(|e| e.run_id.clone()).collect::<Vec<_>>(), asked);
    for (n, entry) in (0..130).rev().chain([3, 100, 3]).zip(&entries) {
        if n < 70 {
            assert_eq!(entry.records.iter().map(|r| r.id.clone()).collect::<Vec<_>>(), [format!("new-{n}")]);
            assert_eq!(entry.marker, n % 2 == 0, "{n}");
        } else {
            assert!(!entry.exists(), "{n}");
        }
    }
    // 260 keys in three calls of at most 100; the second call's unprocessed keys took two more.
    assert_eq!(calls(&proxy, "BatchGetItem"), 5, "{:?}", proxy.seen());
    assert_eq!(calls(&proxy, "Scan"), 0);
}

#[test]
fn claims_from_several_clients_under_faults_process_every_run_exactly_once() {
    let Some(python) = ddb::venv_program("SNOWPLOWCTL_TEST_PYTHON", "claims under faults") else { return };
    let server = ddb::MotoServer::start_serial(&python);
    let table = new_table(&server.endpoint, "faulty-claims");
    let proxy = FaultProxy::start(&server.endpoint, |_, operation, index| match (operation, index % 6) {
        ("UpdateItem", 1) | ("TransactWriteItems", 2) => Fault::ForwardThenDrop,
        ("UpdateItem", 3) | ("TransactWriteItems", 5) => Fault::Drop,
        ("UpdateItem", 4) | ("TransactWriteItems", 0) => Fault::Throttle,
        _ => Fault::Forward,
    });
    let runs: Vec<String> = (0..16).map(|n| format!("q/run=2017-01-01-00-00-{n:02}/")).collect();
    let won: Vec<Vec<String>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..4)
            .map(|_| {
                let (runs, endpoint, table) = (&runs, &proxy.endpoint, &table);
                scope.spawn(move || support::manifest::claim_and_complete(&manifest(backend(endpoint, table)), runs))
            })
            .collect();
        workers.into_iter().map(|worker| worker.join().unwrap()).collect()
    });
    let mut all: Vec<String> = won.into_iter().flatten().collect();
    all.sort();
    assert_eq!(all, runs, "every run was claimed exactly once");
    for fault in [Fault::ForwardThenDrop, Fault::Drop, Fault::Throttle] {
        assert!(count(&proxy, "UpdateItem", fault) > 0 && count(&proxy, "TransactWriteItems", fault) > 0, "{fault:?}");
    }
    let entries = backend(&server.endpoint, &table).load_many(&runs).unwrap();
    for entry in &entries {
        assert_eq!(states(entry), [State::Processing, State::Processed], "{}", entry.run_id);
        assert!(entry.marker && entry.lease.is_none(), "{}", entry.run_id);
    }
    let ids: HashSet<&str> = entries.iter().flat_map(|e| e.records.iter().map(|r| r.id.as_str())).collect();
    assert_eq!(ids.len(), 2 * runs.len());
}
