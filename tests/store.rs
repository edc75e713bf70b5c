//! `snowplowctl store` against a real DynamoDB server (moto server, started by `scripts/test`):
//! round trips of Snowplow's R117 example configs, idempotency, dry runs, pruning, validation
//! failures, table creation, pagination past 1 MB, fault injection through a proxy, and error
//! messages. Every run is checked for leaked credentials.

mod support;

use std::cell::Cell;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Value, json};
use snowplowctl::aws::{AwsError, DynamoDb, RetryPolicy, TableInfo, TableSpec};
use snowplowctl::store::{self, ConfigTable, NewItem, ScanPage, StopCause, StoredItem, WriteOp};
use support::dynamodb as ddb;
use support::fault_proxy::{Fault, FaultProxy};
use support::{run, shared, snowplowctl};

const PREFIX: &str = "enrich_";

fn r117() -> PathBuf {
    shared().join("snowplow/enrichment-configs/snowplow-r117-biskupin")
}

/// One test's world: the DynamoDB endpoint, a private HOME (no AWS config files) and cache, and
/// a resolver that finds the Iglu Central schemas in ../shared.
struct World {
    endpoint: String,
    home: tempfile::TempDir,
    resolver: PathBuf,
}

impl World {
    fn new(test: &str) -> Option<World> {
        let endpoint = ddb::endpoint(test)?;
        let home = tempfile::tempdir().unwrap();
        let resolver = home.path().join("test-resolver.json");
        let central = shared().join("iglu-central").canonicalize().unwrap();
        let config = json!({
            "schema": "iglu:com.snowplowanalytics.iglu/resolver-config/jsonschema/1-0-1",
            "data": {"cacheSize": 500, "repositories": [{
                "name": "Iglu Central (local copy)", "priority": 0, "vendorPrefixes": ["com.snowplowanalytics"],
                "connection": {"embedded": {"path": central}}
            }]}
        });
        std::fs::write(&resolver, config.to_string()).unwrap();
        Some(World { endpoint, home, resolver })
    }

    /// `snowplowctl` with the test's AWS environment (dummy credentials, no config files).
    fn command(&self) -> Command {
        let mut cmd = snowplowctl(&self.home.path().join("cache"));
        ddb::aws_env(&mut cmd, self.home.path());
        cmd
    }

    /// Runs `snowplowctl store ARGS --endpoint-url ENDPOINT`, checking that no credential shows.
    fn store_at(&self, endpoint: &str, args: &[&str]) -> (i32, String, String) {
        let mut cmd = self.command();
        cmd.arg("store").args(args).args(["--endpoint-url", endpoint]);
        checked(&mut cmd)
    }

    fn store(&self, args: &[&str]) -> (i32, String, String) {
        self.store_at(&self.endpoint, args)
    }

    /// A `--format json` store command that must succeed: its document and stderr.
    fn store_json_at(&self, endpoint: &str, args: &[&str]) -> (Value, String) {
        let mut args = args.to_vec();
        args.extend(["--format", "json"]);
        let (code, out, err) = self.store_at(endpoint, &args);
        assert_eq!(code, 0, "{args:?}\n{out}\n{err}");
        (serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}")), err)
    }

    fn store_json(&self, args: &[&str]) -> (Value, String) {
        self.store_json_at(&self.endpoint, args)
    }

    fn enrichment_args<'a>(&'a self, dir: &'a Path, table: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
        let mut args = vec!["enrichments", dir.to_str().unwrap(), "--table", table, "--prefix", PREFIX];
        args.extend(["--resolver", self.resolver.to_str().unwrap()]);
        args.extend(extra);
        args
    }

    fn client(&self) -> DynamoDb {
        ddb::client(&self.endpoint)
    }

    /// The items whose id starts with `prefix`, by id (read with full pagination).
    fn items(&self, table: &str, prefix: &str) -> BTreeMap<String, StoredItem> {
        let scan = store::scan_all(&self.client(), table, prefix, &RetryPolicy::default()).unwrap();
        scan.into_items().into_iter().map(|item| (item.id.clone(), item)).collect()
    }

    fn create_table(&self, table: &str) {
        let spec = TableSpec { name: table, hash_key: "id", range_key: None };
        self.client().create_table(&spec, std::time::Duration::from_secs(30)).unwrap();
    }
}

fn checked(cmd: &mut Command) -> (i32, String, String) {
    let (code, out, err) = run(cmd);
    ddb::assert_no_secrets(&out);
    ddb::assert_no_secrets(&err);
    assert!(!err.contains("panicked"), "{err}");
    (code, out, err)
}

/// A copy of the 17 R117 enrichment configs (without the resolver) in a new directory.
fn r117_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(r117()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        if name.ends_with(".json") && name != "iglu_resolver.json" {
            std::fs::copy(&path, dir.path().join(name)).unwrap();
        }
    }
    dir
}

/// The parsed JSON of every `*.json` file in `dir`, by file name.
fn json_files(dir: &Path) -> BTreeMap<String, Value> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| {
            let value = serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
            (p.file_name().unwrap().to_str().unwrap().to_owned(), value)
        })
        .collect()
}

fn schema_name(config: &Value) -> String {
    config["schema"].as_str().unwrap().split('/').nth(1).unwrap().to_owned()
}

fn actions(doc: &Value) -> BTreeMap<String, String> {
    doc["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["id"].as_str().unwrap().to_owned(), i["action"].as_str().unwrap().to_owned()))
        .collect()
}

fn warning_codes(doc: &Value) -> Vec<String> {
    doc["warnings"].as_array().unwrap().iter().map(|w| w["code"].as_str().unwrap().to_owned()).collect()
}

fn put(world: &World, table: &str, items: Vec<NewItem>) {
    let writes: Vec<WriteOp> = items.into_iter().map(WriteOp::Put).collect();
    store::write_all(&world.client(), table, &writes, &RetryPolicy::default(), None).unwrap();
}

fn anon_ip_text() -> String {
    std::fs::read_to_string(r117().join("anon_ip.json")).unwrap()
}

#[test]
fn r117_enrichments_round_trip_and_a_second_store_writes_nothing() {
    let Some(world) = World::new("r117_round_trip") else { return };
    let table = ddb::table_name("round-trip");
    let source = r117_copy();

    let (doc, err) = world.store_json(&world.enrichment_args(source.path(), &table, &["--create-table"]));
    assert_eq!(doc["table_state"], "created", "{err}");
    assert_eq!(
        doc["summary"],
        json!({"added": 17, "changed": 0, "unchanged": 0, "removed": 0, "stray": 0, "writes": 17, "calls": 1, "retries": 0})
    );
    assert_eq!(doc["stream_enrich"], format!("--enrichments dynamodb:{}/{table}/{PREFIX}", ddb::REGION));
    assert!(doc["warnings"].as_array().unwrap().is_empty(), "{doc:#}");

    // One item per file: id = prefix + enrichment name, json = the minified file, file = its name.
    let first = world.items(&table, "");
    let originals = json_files(source.path());
    assert_eq!(first.len(), 17);
    for (file, config) in &originals {
        let item = &first[&format!("{PREFIX}{}", schema_name(config))];
        assert_eq!(item.file.as_deref(), Some(file.as_str()));
        assert_eq!(item.json_text(), Some(serde_json::to_string(config).unwrap().as_str()), "{file}");
    }

    // A second run through a forwarding proxy: nothing differs, so not one write is sent.
    let proxy = FaultProxy::start(&world.endpoint, |_, _, _| Fault::Forward);
    let (doc, _) = world.store_json_at(&proxy.endpoint, &world.enrichment_args(source.path(), &table, &[]));
    assert_eq!(doc["summary"]["unchanged"], 17);
    assert_eq!((doc["summary"]["writes"].as_u64(), doc["summary"]["calls"].as_u64()), (Some(0), Some(0)));
    let operations: Vec<String> = proxy.seen().into_iter().map(|s| s.operation).collect();
    assert!(!operations.iter().any(|o| o == "BatchWriteItem"), "{operations:?}");
    assert!(operations.iter().any(|o| o == "Scan"), "{operations:?}");
    assert_eq!(world.items(&table, ""), first);

    // Export: the same file names and the same JSON.
    let out = tempfile::tempdir().unwrap();
    let exported = out.path().join("exported");
    let (doc, _) = world.store_json(&["export", exported.to_str().unwrap(), "--table", &table, "--prefix", PREFIX]);
    assert_eq!(doc["files"].as_array().unwrap().len(), 17);
    assert_eq!(json_files(&exported), originals);

    // Storing the export changes nothing, and exporting again reproduces every byte.
    let (doc, _) = world.store_json(&world.enrichment_args(&exported, &table, &[]));
    assert_eq!(doc["summary"]["unchanged"], 17);
    let again = out.path().join("again");
    world.store_json(&["export", again.to_str().unwrap(), "--table", &table, "--prefix", PREFIX]);
    for file in originals.keys() {
        assert_eq!(std::fs::read(exported.join(file)).unwrap(), std::fs::read(again.join(file)).unwrap(), "{file}");
    }
    // Exporting into a directory that already holds the files is a no-op.
    let (doc, _) = world.store_json(&["export", again.to_str().unwrap(), "--table", &table, "--prefix", PREFIX]);
    assert!(doc["files"].as_array().unwrap().iter().all(|f| f["unchanged"] == true));
}

/// enrich-kinesis 3.x–5.x: one Scan call, the items whose id starts with the prefix and have a
/// String `json`, wrapped as an enrichments list. Stream Enrich: GetItem on the resolver's key.
const STREAM_ENRICH_READER: &str = r#"
import json, sys
import boto3
endpoint, table, prefix, key = sys.argv[1:5]
db = boto3.client("dynamodb", endpoint_url=endpoint, region_name="eu-west-1")
page = db.scan(TableName=table)
configs = [json.loads(item["json"]["S"]) for item in page["Items"]
           if item["id"]["S"].startswith(prefix) and "S" in item.get("json", {})]
resolver = None
if key:
    resolver = json.loads(db.get_item(TableName=table, Key={"id": {"S": key}})["Item"]["json"]["S"])
print(json.dumps({
    "enrichments": {"schema": "iglu:com.snowplowanalytics.snowplow/enrichments/jsonschema/1-0-0", "data": configs},
    "resolver": resolver,
    "first_page_ids": [item["id"]["S"] for item in page["Items"]],
    "more_pages": "LastEvaluatedKey" in page,
}))
"#;

fn read_like_stream_enrich(world: &World, python: &Path, table: &str, prefix: &str, key: &str) -> Value {
    let mut cmd = Command::new(python);
    ddb::aws_env(&mut cmd, world.home.path());
    cmd.arg("-c").arg(STREAM_ENRICH_READER).args([world.endpoint.as_str(), table, prefix, key]);
    let (code, out, err) = run(&mut cmd);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).unwrap()
}

#[test]
fn boto3_reads_the_items_back_the_way_stream_enrich_does() {
    let Some(world) = World::new("boto3_reader") else { return };
    let Some(python) = ddb::venv_program("SNOWPLOWCTL_TEST_PYTHON", "boto3_reader") else { return };
    let table = ddb::table_name("boto3");
    let source = r117_copy();
    world.store_json(&world.enrichment_args(source.path(), &table, &["--create-table"]));
    let resolver_file = r117().join("iglu_resolver.json");
    let resolver_args =
        ["resolver", resolver_file.to_str().unwrap(), "--table", &table, "--key", "iglu_resolver", "--resolver"];
    let mut args = resolver_args.to_vec();
    args.push(world.resolver.to_str().unwrap());
    let (doc, _) = world.store_json(&args);
    assert_eq!(doc["stream_enrich"], format!("--resolver dynamodb:{}/{table}/iglu_resolver", ddb::REGION));

    let read = read_like_stream_enrich(&world, &python, &table, PREFIX, "iglu_resolver");
    assert_eq!(read["more_pages"], false);
    let mut got: Vec<Value> = read["enrichments"]["data"].as_array().unwrap().clone();
    let mut want: Vec<Value> = json_files(source.path()).into_values().collect();
    got.sort_by_key(|v| v["schema"].to_string());
    want.sort_by_key(|v| v["schema"].to_string());
    assert_eq!(got, want);
    let original_resolver: Value = serde_json::from_str(&std::fs::read_to_string(&resolver_file).unwrap()).unwrap();
    assert_eq!(read["resolver"], original_resolver);

    // The list Stream Enrich builds is a valid enrichments/jsonschema/1-0-0 instance, and so
    // is every config in it.
    let list = world.home.path().join("enrichments-list.json");
    std::fs::write(&list, read["enrichments"].to_string()).unwrap();
    let mut lint = world.command();
    lint.args(["lint", "json", "--format", "json", "--resolver"]).arg(&world.resolver).arg(&list);
    let (code, out, err) = checked(&mut lint);
    assert_eq!(code, 0, "{out}\n{err}");
}

#[test]
fn dry_run_shows_every_action_and_writes_nothing() {
    let Some(world) = World::new("dry_run") else { return };
    let table = ddb::table_name("dry-run");
    let source = r117_copy();
    std::fs::remove_file(source.path().join("ua_parser_config.json")).unwrap();
    world.store_json(&world.enrichment_args(source.path(), &table, &["--create-table"]));
    let stray = NewItem {
        id: "enrich_old_anon_ip".into(),
        json: store::json_text::minify(&anon_ip_text()),
        file: Some("old_anon_ip.json".into()),
    };
    put(&world, &table, vec![stray]);

    // Add one, change one, drop one from the directory.
    std::fs::copy(r117().join("ua_parser_config.json"), source.path().join("ua_parser_config.json")).unwrap();
    std::fs::remove_file(source.path().join("referer_parser.json")).unwrap();
    let edited = anon_ip_text().replace("\"anonOctets\": 1", "\"anonOctets\": 2");
    assert_ne!(edited, anon_ip_text());
    std::fs::write(source.path().join("anon_ip.json"), edited).unwrap();
    let before = world.items(&table, "");

    let (doc, _) = world.store_json(&world.enrichment_args(source.path(), &table, &["--dry-run", "--prune"]));
    let actions = actions(&doc);
    assert_eq!(actions["enrich_ua_parser_config"], "added");
    assert_eq!(actions["enrich_anon_ip"], "changed");
    assert_eq!(actions["enrich_referer_parser"], "removed");
    assert_eq!(actions["enrich_old_anon_ip"], "removed");
    assert_eq!(actions.values().filter(|a| *a == "unchanged").count(), 14);
    assert_eq!(doc["dry_run"], true);
    assert_eq!((doc["summary"]["writes"].as_u64(), doc["summary"]["calls"].as_u64()), (Some(0), Some(0)));
    assert_eq!(world.items(&table, ""), before, "a dry run writes nothing");

    // The table people see, without the parts that change between runs.
    let (code, out, err) = world.store(&world.enrichment_args(source.path(), &table, &["--dry-run", "--prune"]));
    assert_eq!(code, 0, "{err}");
    let text = out.replace(&table, "TABLE").replace(&world.endpoint, "ENDPOINT");
    insta::assert_snapshot!("dry_run_with_prune", text);

    // Without --prune the items not in the directory stay, and the run says they will be loaded.
    let (doc, err) = world.store_json(&world.enrichment_args(source.path(), &table, &["--dry-run"]));
    assert_eq!(actions_of(&doc, "stray"), ["enrich_old_anon_ip", "enrich_referer_parser"]);
    assert_eq!(warning_codes(&doc), ["stray-items"]);
    assert!(
        err.contains("`enrich_old_anon_ip` (an enrichment config, iglu:com.snowplowanalytics.snowplow/anon_ip"),
        "{err}"
    );
    assert_eq!(world.items(&table, ""), before);
}

fn actions_of(doc: &Value, action: &str) -> Vec<String> {
    actions(doc).into_iter().filter(|(_, a)| a == action).map(|(id, _)| id).collect()
}

#[test]
fn prune_deletes_only_items_under_the_prefix_that_left_the_directory() {
    let Some(world) = World::new("prune") else { return };
    let table = ddb::table_name("prune");
    let source = r117_copy();
    world.store_json(&world.enrichment_args(source.path(), &table, &["--create-table"]));
    let resolver_file = r117().join("iglu_resolver.json");
    let resolver = world.resolver.to_str().unwrap();
    world.store_json(&[
        "resolver",
        resolver_file.to_str().unwrap(),
        "--table",
        &table,
        "--key",
        "resolver",
        "-r",
        resolver,
    ]);
    let other = |id: &str| NewItem { id: id.into(), json: "{}".into(), file: None };
    put(&world, &table, vec![other("enrich_old_thing"), other("other_thing")]);
    std::fs::remove_file(source.path().join("referer_parser.json")).unwrap();

    let (doc, err) = world.store_json(&world.enrichment_args(source.path(), &table, &[]));
    assert_eq!(actions_of(&doc, "stray"), ["enrich_old_thing", "enrich_referer_parser"]);
    assert!(err.contains("2 other item(s) share the prefix `enrich_`"), "{err}");
    assert!(err.contains("`enrich_old_thing` (`json` that is not a self-describing JSON)"), "{err}");
    assert_eq!(world.items(&table, PREFIX).len(), 18);

    let (doc, _) = world.store_json(&world.enrichment_args(source.path(), &table, &["--prune"]));
    assert_eq!(actions_of(&doc, "removed"), ["enrich_old_thing", "enrich_referer_parser"]);
    assert_eq!(doc["summary"]["writes"], 2);
    let left = world.items(&table, "");
    assert_eq!(left.keys().filter(|id| id.starts_with(PREFIX)).count(), 16);
    assert!(left.contains_key("resolver") && left.contains_key("other_thing"));

    // Pruning with an empty prefix would take the resolver and everything else with it.
    let dir = source.path().to_str().unwrap();
    let (code, _, err) =
        world.store(&["enrichments", dir, "--table", &table, "--prefix", "", "--prune", "-r", resolver]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--prune with an empty prefix"), "{err}");
    assert_eq!(world.items(&table, ""), left);
}

#[test]
fn one_invalid_file_means_nothing_is_written() {
    let Some(world) = World::new("invalid") else { return };
    let table = ddb::table_name("invalid");
    let source = r117_copy();
    world.store_json(&world.enrichment_args(source.path(), &table, &["--create-table"]));
    let before = world.items(&table, "");

    // A valid change, a schema violation and a file that is not JSON.
    let ua = source.path().join("ua_parser_config.json");
    std::fs::write(&ua, std::fs::read_to_string(&ua).unwrap().replace("true", "false")).unwrap();
    let bad = anon_ip_text().replace("\"anonOctets\": 1", "\"anonOctets\": \"many\"");
    std::fs::write(source.path().join("anon_ip.json"), bad).unwrap();
    std::fs::write(source.path().join("broken.json"), "{\"schema\": ").unwrap();

    let args = world.enrichment_args(source.path(), &table, &["--format", "json", "--prune"]);
    let (code, out, err) = world.store(&args);
    assert_eq!(code, 1, "{out}\n{err}");
    assert!(err.contains("nothing was written"), "{err}");
    let report: Value = serde_json::from_str(&out).unwrap();
    let found: Vec<(String, String)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let file = Path::new(f["file"].as_str().unwrap()).file_name().unwrap().to_str().unwrap().to_owned();
            (file, f["code"].as_str().unwrap().to_owned())
        })
        .collect();
    assert!(found.contains(&("anon_ip.json".into(), "I005".into())), "{found:?}");
    assert!(found.contains(&("broken.json".into(), "F006".into())), "{found:?}");
    assert_eq!(world.items(&table, ""), before);

    // The same for a resolver, and for a table that does not exist yet: it is not created.
    let resolver = world.home.path().join("bad-resolver.json");
    let text = std::fs::read_to_string(r117().join("iglu_resolver.json")).unwrap().replace("500", "\"lots\"");
    std::fs::write(&resolver, text).unwrap();
    let missing = ddb::table_name("never-created");
    let (code, out, _) = world.store(&[
        "resolver",
        resolver.to_str().unwrap(),
        "--table",
        &missing,
        "--key",
        "resolver",
        "--create-table",
        "-r",
        world.resolver.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("I005"), "{out}");
    assert_eq!(world.client().describe_table(&missing).unwrap(), None);
}

#[test]
fn create_table_makes_an_on_demand_table_keyed_by_id() {
    let Some(world) = World::new("create_table") else { return };
    let source = r117_copy();
    let table = ddb::table_name("create");

    let (code, _, err) = world.store(&world.enrichment_args(source.path(), &table, &[]));
    assert_eq!(code, 2);
    assert!(err.contains(&format!("table `{table}` does not exist")) && err.contains("--create-table"), "{err}");
    for args in [vec!["list", "--table", &table], vec!["export", "out", "--table", &table]] {
        let (code, _, err) = world.store(&args);
        assert_eq!(code, 2, "{args:?}");
        assert!(err.contains("does not exist"), "{err}");
    }

    let (doc, _) = world.store_json(&world.enrichment_args(source.path(), &table, &["--create-table", "--dry-run"]));
    assert_eq!(doc["table_state"], "would-create");
    assert_eq!(world.client().describe_table(&table).unwrap(), None);

    let (doc, _) = world.store_json(&world.enrichment_args(source.path(), &table, &["--create-table"]));
    assert_eq!(doc["table_state"], "created");
    let client = world.client();
    let described = client.run(client.client().describe_table().table_name(&table).send()).unwrap();
    let description = described.table().unwrap();
    assert_eq!(description.table_status().unwrap().as_str(), "ACTIVE");
    assert_eq!(description.billing_mode_summary().unwrap().billing_mode().unwrap().as_str(), "PAY_PER_REQUEST");
    let keys: Vec<(&str, &str)> =
        description.key_schema().iter().map(|k| (k.attribute_name(), k.key_type().as_str())).collect();
    assert_eq!(keys, [("id", "HASH")]);
    let (doc, _) = world.store_json(&world.enrichment_args(source.path(), &table, &["--create-table"]));
    assert_eq!((doc["table_state"].as_str(), doc["summary"]["unchanged"].as_u64()), (Some("existing"), Some(17)));

    // A table keyed otherwise is refused, not written to.
    let other = ddb::table_name("other-key");
    client
        .create_table(
            &TableSpec { name: &other, hash_key: "name", range_key: None },
            std::time::Duration::from_secs(30),
        )
        .unwrap();
    let (code, _, err) = world.store(&world.enrichment_args(source.path(), &other, &["--create-table"]));
    assert_eq!(code, 2);
    assert!(err.contains("keyed by hash key `name` (S)"), "{err}");
}

fn bulk_item(n: usize) -> NewItem {
    let config =
        json!({"schema": "iglu:com.acme/bulk/jsonschema/1-0-0", "data": {"n": n, "padding": "x".repeat(25_000)}});
    NewItem { id: format!("bulk_{n:03}"), json: config.to_string(), file: None }
}

#[test]
fn many_large_items_paginate_and_trigger_the_first_page_warning() {
    let Some(world) = World::new("pagination") else { return };
    let table = ddb::table_name("pages");
    world.create_table(&table);

    // 60 items of 25 KB: three BatchWriteItem calls, 1.5 MB, more than one Scan page.
    let writes: Vec<WriteOp> = (0..60).map(|n| WriteOp::Put(bulk_item(n))).collect();
    let written = store::write_all(&world.client(), &table, &writes, &RetryPolicy::default(), None).unwrap();
    assert_eq!((written.calls, written.done.len(), written.retries), (3, 60, 0));

    let (doc, err) = world.store_json(&["list", "--table", &table, "--prefix", "bulk_"]);
    assert_eq!(doc["items"].as_array().unwrap().len(), 60);
    assert!(doc["pages"].as_u64().unwrap() >= 2, "{}", doc["pages"]);
    assert_eq!(warning_codes(&doc), ["beyond-first-page"], "{err}");
    let beyond = doc["items"].as_array().unwrap().iter().filter(|i| i["page"].as_u64() > Some(1)).count();
    assert!(err.contains(&format!("{beyond} of the 60 items under prefix `bulk_`")), "{err}");

    let out = tempfile::tempdir().unwrap();
    let (doc, _) = world.store_json(&["export", out.path().to_str().unwrap(), "--table", &table, "--prefix", "bulk_"]);
    assert_eq!(doc["files"].as_array().unwrap().len(), 60);
    for n in [0, 30, 59] {
        let text = std::fs::read_to_string(out.path().join(format!("{n:03}.json"))).unwrap();
        assert_eq!(store::json_text::minify(&text), bulk_item(n).json);
    }

    // The R117 enrichments stored after 1.5 MB of other items land beyond the first page in
    // moto's order; the warning names exactly the items a single Scan misses.
    let source = r117_copy();
    let (doc, err) = world.store_json(&world.enrichment_args(source.path(), &table, &[]));
    assert_eq!(warning_codes(&doc), ["beyond-first-page"], "{err}");
    assert!(err.contains("enrich-kinesis 3.x–5.x reads only that page"), "{err}");
    let Some(python) = ddb::venv_program("SNOWPLOWCTL_TEST_PYTHON", "pagination (boto3 part)") else { return };
    let read = read_like_stream_enrich(&world, &python, &table, PREFIX, "");
    assert_eq!(read["more_pages"], true);
    let seen: Vec<&str> = read["first_page_ids"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    let message = doc["warnings"][0]["message"].as_str().unwrap();
    for id in world.items(&table, PREFIX).keys() {
        assert_eq!(
            message.contains(&format!("`{id}`")) || message.contains(" more;"),
            !seen.contains(&id.as_str()),
            "{id}"
        );
    }
}

#[test]
fn throttling_dropped_connections_and_unprocessed_items_lose_and_duplicate_nothing() {
    let Some(world) = World::new("faults") else { return };
    let table = ddb::table_name("faults");
    world.create_table(&table);
    let proxy = FaultProxy::start(&world.endpoint, |_, operation, index| match (operation, index) {
        ("DescribeTable", 0) => Fault::Drop,
        // Five throttles in a row outlast the SDK's three tries: snowplowctl's own backoff retries.
        ("DescribeTable", 1..=4) | ("Scan", 0) => Fault::Throttle,
        // Written, but the answer is lost: the retry writes the same items again.
        ("BatchWriteItem", 0) => Fault::ForwardThenDrop,
        ("BatchWriteItem", 1) => Fault::Throttle,
        ("BatchWriteItem", 2) => Fault::Unprocessed(5),
        ("BatchWriteItem", 3) => Fault::Unprocessed(0),
        _ => Fault::Forward,
    });
    let source = r117_copy();
    let (doc, err) = world.store_json_at(&proxy.endpoint, &world.enrichment_args(source.path(), &table, &[]));
    assert_eq!(doc["summary"]["added"], 17, "{err}");
    assert_eq!((doc["summary"]["calls"].as_u64(), doc["summary"]["retries"].as_u64()), (Some(3), Some(2)));

    let seen = proxy.seen();
    let count = |fault: Fault| seen.iter().filter(|s| s.fault == fault).count();
    assert_eq!(count(Fault::Throttle), 6, "{seen:?}");
    assert_eq!((count(Fault::Drop), count(Fault::ForwardThenDrop)), (1, 1), "{seen:?}");
    assert_eq!(count(Fault::Unprocessed(5)) + count(Fault::Unprocessed(0)), 2, "{seen:?}");

    // Read directly from the server: exactly the 17 configs, each once, each intact.
    let items = world.items(&table, "");
    assert_eq!(items.len(), 17);
    for (file, config) in json_files(source.path()) {
        let item = &items[&format!("{PREFIX}{}", schema_name(&config))];
        assert_eq!(item.json_text(), Some(serde_json::to_string(&config).unwrap().as_str()), "{file}");
    }
}

/// Delegates to the real client but lets through at most `per_call` writes of each batch, and
/// `budget` writes in all; the rest come back as `UnprocessedItems`.
struct HoldBack<'a> {
    inner: &'a DynamoDb,
    per_call: usize,
    budget: Cell<usize>,
}

impl ConfigTable for HoldBack<'_> {
    fn describe(&self, table: &str) -> Result<Option<TableInfo>, AwsError> {
        self.inner.describe(table)
    }
    fn create(&self, table: &str) -> Result<TableInfo, AwsError> {
        self.inner.create(table)
    }
    fn scan_page(&self, table: &str, prefix: &str, start: Option<&str>) -> Result<ScanPage, AwsError> {
        self.inner.scan_page(table, prefix, start)
    }
    fn get(&self, table: &str, id: &str) -> Result<Option<StoredItem>, AwsError> {
        self.inner.get(table, id)
    }
    fn batch_write(&self, table: &str, writes: &[WriteOp]) -> Result<Vec<WriteOp>, AwsError> {
        let through = writes.len().min(self.per_call).min(self.budget.get());
        self.budget.set(self.budget.get() - through);
        let mut unprocessed = if through > 0 { self.inner.batch_write(table, &writes[..through])? } else { Vec::new() };
        unprocessed.extend_from_slice(&writes[through..]);
        Ok(unprocessed)
    }
}

#[test]
fn unprocessed_items_are_retried_and_a_give_up_says_what_was_written() {
    let Some(world) = World::new("unprocessed") else { return };
    let client = world.client();
    let writes: Vec<WriteOp> = (0..60).map(|n| WriteOp::Put(bulk_item(n))).collect();

    // Seven writes per call: every batch needs several calls, and all 60 items arrive.
    let table = ddb::table_name("unprocessed-ok");
    world.create_table(&table);
    let slow = HoldBack { inner: &client, per_call: 7, budget: Cell::new(usize::MAX) };
    let written = store::write_all(&slow, &table, &writes, &RetryPolicy::immediate(3), None).unwrap();
    assert_eq!((written.done.len(), written.calls, written.retries), (60, 10, 7));
    assert_eq!(world.items(&table, "bulk_").len(), 60);

    // After 40 writes nothing more gets through: three fruitless calls, then an exact account.
    let table = ddb::table_name("unprocessed-stuck");
    world.create_table(&table);
    let stuck = HoldBack { inner: &client, per_call: 10, budget: Cell::new(40) };
    let failure = store::write_all(&stuck, &table, &writes, &RetryPolicy::immediate(3), None).unwrap_err();
    assert_eq!(failure.cause, StopCause::Unprocessed { attempts: 3 });
    assert_eq!((failure.done.len(), failure.not_done.len()), (40, 20));
    let message = failure.to_string();
    assert!(message.contains("gave up after writing 40 of 60 items"), "{message}");
    assert!(message.contains("Written: `bulk_000`") && message.contains("Not written: `bulk_040`"), "{message}");
    let stored = world.items(&table, "bulk_");
    assert!(failure.done.iter().all(|id| stored.contains_key(id)));
    assert!(failure.not_done.iter().all(|id| !stored.contains_key(id)));
}

#[test]
fn the_resolver_is_stored_under_its_key_and_exported_back() {
    let Some(world) = World::new("resolver") else { return };
    let table = ddb::table_name("resolver");
    let file = r117().join("iglu_resolver.json");
    let resolver = world.resolver.to_str().unwrap();
    let args = ["resolver", file.to_str().unwrap(), "--table", &table, "--key", "iglu_resolver", "-r", resolver];
    let (doc, _) = world.store_json(&[&args[..], &["--create-table"]].concat());
    assert_eq!(actions(&doc)["iglu_resolver"], "added");
    let (doc, _) = world.store_json(&args);
    assert_eq!((doc["summary"]["unchanged"].as_u64(), doc["summary"]["writes"].as_u64()), (Some(1), Some(0)));

    let out = tempfile::tempdir().unwrap();
    world.store_json(&["export", out.path().to_str().unwrap(), "--table", &table, "--key", "iglu_resolver"]);
    let exported = json_files(out.path());
    let original: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(exported, BTreeMap::from([("iglu_resolver.json".to_owned(), original)]));

    let (code, _, err) = world.store(&["export", out.path().to_str().unwrap(), "--table", &table, "--key", "nope"]);
    assert_eq!(code, 2);
    assert!(err.contains("no item with key `nope`"), "{err}");
}

#[test]
fn bad_endpoints_credentials_and_regions_fail_clearly() {
    let Some(world) = World::new("errors") else { return };
    let table = ddb::table_name("errors");
    world.create_table(&table);
    let list = |cmd: &mut Command, extra: &[&str]| {
        cmd.args(["store", "list", "--table", &table]).args(extra);
        checked(cmd)
    };

    // Server down.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let down = format!("http://127.0.0.1:{port}");
    let started = std::time::Instant::now();
    let (code, _, err) = world.store_at(&down, &["list", "--table", &table]);
    assert_eq!(code, 2);
    assert!(err.contains("Connection refused") && err.contains("hint: check `--endpoint-url`"), "{err}");
    assert!(started.elapsed() < std::time::Duration::from_secs(20), "a down server is reported quickly");
    let source = r117_copy();
    let (code, _, err) = world.store_at(&down, &world.enrichment_args(source.path(), &table, &[]));
    assert_eq!(code, 2, "{err}");

    // Unknown table.
    let (code, _, err) = world.store(&["list", "--table", "no-such-table"]);
    assert_eq!(code, 2);
    assert!(err.contains("table `no-such-table` does not exist") && err.contains(&world.endpoint), "{err}");

    // No region, no credentials, a malformed endpoint.
    let mut cmd = world.command();
    cmd.env_remove("AWS_REGION");
    let (code, _, err) = list(&mut cmd, &["--endpoint-url", &world.endpoint]);
    assert_eq!(code, 2);
    assert!(err.contains("no AWS region is configured"), "{err}");
    let mut cmd = world.command();
    cmd.env_remove("AWS_ACCESS_KEY_ID").env_remove("AWS_SECRET_ACCESS_KEY").env_remove("AWS_SESSION_TOKEN");
    let (code, _, err) = list(&mut cmd, &["--endpoint-url", &world.endpoint]);
    assert_eq!(code, 2);
    assert!(err.contains("no credentials") && err.contains("hint: check the credentials"), "{err}");
    let (code, _, err) = world.store_at("localhost:8000", &["list", "--table", &table]);
    assert_eq!(code, 2);
    assert!(err.contains("`localhost:8000` is not an http:// or https:// URL"), "{err}");

    // The endpoint from AWS_ENDPOINT_URL_DYNAMODB, as the AWS tools take it.
    let mut cmd = world.command();
    cmd.env("AWS_ENDPOINT_URL_DYNAMODB", &world.endpoint);
    let (code, out, err) = list(&mut cmd, &["--format", "json"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(serde_json::from_str::<Value>(&out).unwrap()["endpoint"], world.endpoint.as_str());

    // Wrong credentials: a moto server of our own that checks them.
    let Some(moto) = ddb::venv_program("SNOWPLOWCTL_TEST_MOTO_SERVER", "errors (wrong credentials)") else { return };
    let checking = ddb::MotoServer::start(&moto, &[("INITIAL_NO_AUTH_ACTION_COUNT", "0")]);
    let (code, _, err) = world.store_at(&checking.endpoint, &["list", "--table", &table]);
    assert_eq!(code, 2);
    assert!(err.contains("InvalidClientTokenId") && err.contains("hint: check the credentials"), "{err}");
    let (code, _, err) =
        world.store_at(&checking.endpoint, &world.enrichment_args(source.path(), &table, &["--create-table"]));
    assert_eq!(code, 2, "{err}");
}
