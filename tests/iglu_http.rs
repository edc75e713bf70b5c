//! Iglu resolution over HTTP against a real local server: resolution, the `apikey` header,
//! cached misses, retries, and offline reruns from the disk cache.

mod support;

use std::path::Path;
use std::time::Duration;

use serde_json::json;
use snowplowctl::iglu::resolver_config::RepositoryConfig;
use snowplowctl::iglu::{Connection, HttpSettings, LookupError, Resolver, ResolverConfig, SchemaKey, Validators};
use support::iglu_server::IgluServer;

const APIKEY: &str = "0f4bd8c2-2d5a-4a5e-9d65-4f1e7c1b2a77";

fn key(name: &str) -> SchemaKey {
    SchemaKey::parse(&format!("iglu:com.acme/{name}/jsonschema/1-0-0")).unwrap()
}

fn resolver(uri: &str, cache_dir: &Path, offline: bool) -> Resolver {
    let config = ResolverConfig {
        cache_size: 100,
        cache_ttl: None,
        repositories: vec![RepositoryConfig {
            name: "acme".into(),
            priority: 0,
            vendor_prefixes: vec!["com.acme".into()],
            connection: Connection::Http { uri: uri.into(), apikey: Some(APIKEY.into()) },
        }],
    };
    let settings = HttpSettings {
        cache_dir: Some(cache_dir.to_owned()),
        backoff: Duration::from_millis(10),
        timeout: Duration::from_secs(5),
        offline,
        ..HttpSettings::default()
    };
    Resolver::new(&config, settings).unwrap()
}

#[test]
fn resolves_over_http_and_sends_the_apikey() {
    let server = IgluServer::start(&support::fixture("iglu-repo"));
    let cache = tempfile::tempdir().unwrap();
    let schema = resolver(&server.uri(), cache.path(), false).lookup(&key("button_click")).unwrap();
    assert_eq!(schema["self"]["name"], "button_click");
    let seen = server.seen();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].path, "/schemas/com.acme/button_click/jsonschema/1-0-0");
    assert_eq!(seen[0].apikey.as_deref(), Some(APIKEY));
}

#[test]
fn a_404_is_cached_as_a_miss() {
    let server = IgluServer::start(&support::fixture("iglu-repo"));
    let cache = tempfile::tempdir().unwrap();
    let resolver = resolver(&server.uri(), cache.path(), false);
    let first = resolver.lookup(&key("no_such_schema")).unwrap_err();
    assert!(first.is_not_found(), "{first}");
    let second = resolver.lookup(&key("no_such_schema")).unwrap_err();
    assert_eq!(first, second);
    assert_eq!(server.seen().len(), 1, "the miss was answered from the cache");
}

#[test]
fn a_rerun_works_with_the_server_stopped() {
    let server = IgluServer::start(&support::fixture("iglu-repo"));
    let uri = server.uri();
    let cache = tempfile::tempdir().unwrap();
    resolver(&uri, cache.path(), false).lookup(&key("button_click")).unwrap();
    server.stop();

    // A new process would build a new resolver: only the disk cache is left.
    let schema = resolver(&uri, cache.path(), false).lookup(&key("button_click")).unwrap();
    assert_eq!(schema["self"]["name"], "button_click");
    let offline = resolver(&uri, cache.path(), true).lookup(&key("button_click")).unwrap();
    assert_eq!(offline, schema);
    // Something never fetched fails clearly rather than hanging.
    let missing = resolver(&uri, cache.path(), false).lookup(&key("never_fetched")).unwrap_err();
    assert!(!missing.is_not_found(), "a refused connection is a repository failure, not a miss: {missing}");
}

#[test]
fn transient_failures_are_retried_and_client_errors_are_not() {
    let server = IgluServer::start(&support::fixture("iglu-repo"));
    let cache = tempfile::tempdir().unwrap();
    server.fail_next(&[503, 500]);
    resolver(&server.uri(), cache.path(), false).lookup(&key("button_click")).unwrap();
    assert_eq!(server.seen().len(), 3);

    let other_cache = tempfile::tempdir().unwrap();
    server.fail_next(&[401]);
    let error = resolver(&server.uri(), other_cache.path(), false).lookup(&key("button_click")).unwrap_err();
    assert!(matches!(error.attempts.last(), Some((_, LookupError::ClientFailure(_)))), "{error}");
    assert_eq!(server.seen().len(), 4, "401 is not retried");
}

#[test]
fn validates_against_a_schema_served_over_http() {
    let server = IgluServer::start(&support::fixture("iglu-repo"));
    let cache = tempfile::tempdir().unwrap();
    let validators = Validators::new(std::sync::Arc::new(resolver(&server.uri(), cache.path(), false)));
    let ok = validators.validate(&key("button_click"), &json!({"buttonId": "buy", "clicks": 2})).unwrap();
    assert!(ok.is_empty(), "{ok:?}");
    let bad = validators.validate(&key("button_click"), &json!({"clicks": 0})).unwrap();
    let at: Vec<(&str, &str)> = bad.iter().map(|v| (v.pointer.as_str(), v.keyword.as_str())).collect();
    assert_eq!(at, [("", "required"), ("/clicks", "minimum")]);
}

#[test]
fn the_cli_lints_through_an_http_resolver_and_reruns_offline() {
    let server = IgluServer::start(&support::fixture("iglu-repo"));
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let resolver_file = dir.path().join("resolver.json");
    let resolver = json!({
        "schema": "iglu:com.snowplowanalytics.iglu/resolver-config/jsonschema/1-0-1",
        "data": {"cacheSize": 500, "repositories": [{
            "name": "Acme", "priority": 0, "vendorPrefixes": ["com.acme"],
            "connection": {"http": {"uri": server.uri(), "apikey": APIKEY}}
        }]}
    });
    std::fs::write(&resolver_file, serde_json::to_string_pretty(&resolver).unwrap()).unwrap();
    let event = dir.path().join("click.json");
    std::fs::write(&event, r#"{"schema": "iglu:com.acme/button_click/jsonschema/1-0-0", "data": {"buttonId": "buy"}}"#)
        .unwrap();
    let bad_event = dir.path().join("bad_click.json");
    std::fs::write(
        &bad_event,
        "{\"schema\": \"iglu:com.acme/button_click/jsonschema/1-0-0\",\n \"data\": {\"buttonId\": 7}}",
    )
    .unwrap();

    let lint = |file: &Path| {
        support::run(
            support::snowplowctl(&cache).args(["lint", "json"]).arg(file).arg("--resolver").arg(&resolver_file),
        )
    };
    let (code, out, err) = lint(&event);
    assert_eq!(code, 0, "{out}{err}");
    assert!(!out.contains(APIKEY) && !err.contains(APIKEY), "the apikey is never printed");

    server.stop();
    let (code, out, err) = lint(&event);
    assert_eq!(code, 0, "rerun from the disk cache: {out}{err}");
    let (code, out, _) = lint(&bad_event);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("2:11") && out.contains("/data/buttonId"), "{out}");
}
