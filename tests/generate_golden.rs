//! Golden tests of `generate` over every EmrEtlRunner sample config from R89 on (batch and
//! Stream Enrich mode), read from ../shared at test time with their `ADD HERE` placeholders
//! filled in. Expectations come from the reference (docs/dataflow-and-emretlrunner.md §3.1–3.4):
//! the exact step names, jars and argument lists of EmrEtlRunner R117's DAG, and what changes
//! with the versions each release's sample config names.
//!
//! Every generated file is also checked by `snowplowctl lint cluster|playbook` and by Python
//! fastavro against the Avro schemas in ../shared.

mod support;

use std::path::PathBuf;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use serde_json::{Value, json};
use snowplowctl::dataflow::ConfigKind;
use snowplowctl::generate::text::{EtlTimestamp, RunId, RunValues};
use snowplowctl::generate::{Credentials, GenerateError, Inputs, cluster};
use support::generate::{self as fixtures, Workspace};

const S3DISTCP: &str = "/usr/share/aws/emr/s3-dist-cp/lib/s3-dist-cp.jar";

/// What a release's sample config says, as far as generation is concerned.
struct Sample {
    file: &'static str,
    region: &'static str,
    stream: bool,
    ami: &'static str,
    spark_enrich: &'static str,
    shredder: &'static str,
    loader: Option<&'static str>,
    /// Keys later releases require that this sample lacks.
    compat: &'static [&'static str],
    /// Whether `aws.emr.configuration` is there (R90+).
    emr_configuration: bool,
    core_bid: bool,
    consolidate: bool,
    gzip: bool,
}

const fn batch(
    file: &'static str,
    ami: &'static str,
    spark_enrich: &'static str,
    shredder: &'static str,
    loader: Option<&'static str>,
    compat: &'static [&'static str],
) -> Sample {
    Sample {
        file,
        region: "eu-central-1",
        stream: false,
        ami,
        spark_enrich,
        shredder,
        loader,
        compat,
        emr_configuration: true,
        core_bid: false,
        consolidate: false,
        gzip: false,
    }
}

const fn stream(
    file: &'static str,
    spark_enrich: &'static str,
    shredder: &'static str,
    compat: &'static [&'static str],
) -> Sample {
    Sample { stream: true, gzip: true, ..batch(file, "5.9.0", spark_enrich, shredder, Some("0.14.0"), compat) }
}

const OLD: &[&str] = &["encrypted", "consolidate_shredded_output"];
const R108: &[&str] = &["consolidate_shredded_output"];

/// Every sample from R89 on, with what its text says (checked against the files below).
const SAMPLES: &[Sample] = &[
    Sample {
        region: "eu-west-1",
        emr_configuration: false,
        ..batch(
            "config.yml.r89-plain-of-jars.sample",
            "5.5.0",
            "1.9.0",
            "0.12.0",
            None,
            &["encrypted", "consolidate_shredded_output", "rdb_loader"],
        )
    },
    batch("config.yml.r90-lascaux.sample", "5.5.0", "1.9.0", "0.12.0", Some("0.12.0"), OLD),
    batch("config.yml.r95-ellora.sample", "5.9.0", "1.10.0", "0.13.0", Some("0.14.0"), OLD),
    batch("config.yml.r97-knossos.sample", "5.9.0", "1.11.0", "0.13.0", Some("0.14.0"), OLD),
    batch("config.yml.r99-carnac.sample", "5.9.0", "1.12.0", "0.13.0", Some("0.14.0"), OLD),
    batch("config.yml.r103-paestum.sample", "5.9.0", "1.13.0", "0.13.0", Some("0.14.0"), OLD),
    batch("config.yml.r106-acropolis.sample", "5.9.0", "1.14.0", "0.13.1", Some("0.14.0"), OLD),
    batch("config.yml.r108-val-camonica.sample", "5.9.0", "1.14.0", "0.13.1", Some("0.14.0"), R108),
    batch("config.yml.r109-lambaesis.sample", "5.9.0", "1.16.0", "0.13.1", Some("0.14.0"), R108),
    batch("config.yml.r112-baalbek.sample", "5.9.0", "1.16.0", "0.13.1", Some("0.14.0"), &[]),
    batch("config.yml.r113-filitosa.sample", "5.9.0", "1.17.0", "0.13.1", Some("0.14.0"), &[]),
    batch("config.yml.r116-madara-rider.sample", "5.9.0", "1.18.0", "0.13.1", Some("0.14.0"), &[]),
    Sample {
        core_bid: true,
        ..batch("config.yml.r117-biskupin.sample", "5.9.0", "1.18.0", "0.13.1", Some("0.14.0"), &[])
    },
    Sample {
        region: "us-east-1",
        core_bid: true,
        consolidate: true,
        gzip: true,
        ..batch("config.yml.emr-etl-runner-1.0.4.sample", "5.29.0", "1.18.0", "0.16.0", Some("0.17.0"), &[])
    },
    stream("stream_config.yml.r102-afontova-gora.sample", "1.12.0", "0.13.0", OLD),
    stream("stream_config.yml.r103-paestum.sample", "1.13.0", "0.13.0", OLD),
    stream("stream_config.yml.r106-acropolis.sample", "1.14.0", "0.13.1", OLD),
    stream("stream_config.yml.r108-val-camonica.sample", "1.14.0", "0.13.1", R108),
    stream("stream_config.yml.r109-lambaesis.sample", "1.16.0", "0.13.1", R108),
    stream("stream_config.yml.r112-baalbek.sample", "1.16.0", "0.13.1", &[]),
    stream("stream_config.yml.r113-filitosa.sample", "1.17.0", "0.13.1", &[]),
    stream("stream_config.yml.r116-madara-rider.sample", "1.18.0", "0.13.1", &[]),
    Sample { core_bid: true, ..stream("stream_config.yml.r117-biskupin.sample", "1.18.0", "0.13.1", &[]) },
    Sample { core_bid: true, ..stream("stream_config.yml.emr-etl-runner-1.0.4.sample", "1.18.0", "0.13.1", &[]) },
];

fn b64(text: &str) -> String {
    BASE64.encode(text)
}

fn decode(text: &str) -> String {
    String::from_utf8(BASE64.decode(text).expect("base64")).expect("utf-8")
}

fn resolver_b64() -> String {
    b64(&std::fs::read_to_string(fixtures::resolver_path()).unwrap())
}

fn target_b64(file: &str) -> String {
    let value: Value =
        serde_json::from_str(&std::fs::read_to_string(fixtures::targets_dir().join(file)).unwrap()).unwrap();
    b64(&value.to_string())
}

fn strings(values: &[&str]) -> Vec<String> {
    values.iter().map(|s| (*s).to_owned()).collect()
}

/// A generated step, read back from the JSON.
#[derive(Debug, Clone)]
struct JsonStep {
    name: String,
    jar: String,
    args: Vec<String>,
}

impl JsonStep {
    fn option(&self, name: &str) -> Option<&str> {
        self.args.iter().position(|a| a == name).and_then(|i| self.args.get(i + 1)).map(String::as_str)
    }
}

fn json_steps(json: &str) -> Vec<JsonStep> {
    let value: Value = serde_json::from_str(json).expect("json");
    value["data"]["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .map(|s| {
            assert_eq!(s["type"], "CUSTOM_JAR");
            assert_eq!(s["actionOnFailure"], "CANCEL_AND_WAIT");
            JsonStep {
                name: s["name"].as_str().unwrap().to_owned(),
                jar: s["jar"].as_str().unwrap().to_owned(),
                args: s["arguments"].as_array().unwrap().iter().map(|a| a.as_str().unwrap().to_owned()).collect(),
            }
        })
        .collect()
}

fn step<'s>(steps: &'s [JsonStep], name: &str) -> &'s JsonStep {
    steps.iter().find(|s| s.name == name).unwrap_or_else(|| panic!("no step `{name}` in {:#?}", names(steps)))
}

fn names(steps: &[JsonStep]) -> Vec<&str> {
    steps.iter().map(|s| s.name.as_str()).collect()
}

/// Writes the filled sample (after `edit`) and loads it with the fixture inputs.
fn load_sample(ws: &Workspace, sample: &Sample, edit: impl Fn(String) -> String) -> Result<Inputs, GenerateError> {
    let text = edit(fixtures::fill(&fixtures::sample(sample.file), sample.region));
    let path = ws.write(sample.file, &text);
    fixtures::load(&fixtures::paths(&path))
}

fn generated(inputs: &Inputs, skip: &[&str]) -> String {
    fixtures::plan(inputs, skip, None, &[])
        .and_then(|p| p.to_json(&RunValues::default(), Credentials::Default))
        .expect("playbook")
}

fn assets(sample: &Sample) -> String {
    if sample.region == "eu-west-1" {
        "s3://snowplow-hosted-assets/".to_owned()
    } else {
        format!("s3://snowplow-hosted-assets-{}/", sample.region)
    }
}

fn endpoint(sample: &Sample) -> String {
    if sample.region == "us-east-1" {
        "s3.amazonaws.com".to_owned()
    } else {
        format!("s3-{}.amazonaws.com", sample.region)
    }
}

/// The step names of a default run, per the R117 DAG (§3.3) and the fixture targets (one
/// Redshift, one Elasticsearch, one DynamoDB duplicate table).
fn expected_names(sample: &Sample) -> Vec<String> {
    let run = "{{.runId}}";
    let mut names = Vec::new();
    if sample.stream {
        names.push(
            "[staging_stream_enrich] s3-dist-cp: Stream Enriched s3://acme-snowplow/enriched/stream/ -> Enriched Staging S3"
                .to_owned(),
        );
        names.push("[shred] s3-dist-cp: Enriched S3 -> HDFS".to_owned());
    } else {
        for i in [1, 2] {
            names.push(format!("[staging] s3-dist-cp: Raw s3://acme-collector-logs/in-{i}/ -> Raw Staging S3"));
        }
        names.extend(strings(&[
            "[enrich] s3-dist-cp: Raw S3 -> Raw HDFS",
            "[enrich] spark: Enrich Raw Events",
            "[enrich] spark: Enriched HDFS -> S3",
            "[enrich] spark: Enriched HDFS _SUCCESS -> S3",
            "[cleanup] Empty Raw HDFS",
        ]));
    }
    names.push("[shred] spark: Shred Enriched Events".to_owned());
    if sample.consolidate {
        names.push("[shred] s3-dist-cp: Shredded atomic events HDFS -> S3".to_owned());
        names.push("[shred] s3-dist-cp: Shredded JSON types HDFS -> S3".to_owned());
        if sample.shredder == "0.16.0" {
            names.push("[shred] s3-dist-cp: Shredded TSV types HDFS -> S3".to_owned());
        }
    } else {
        names.push("[shred] s3-dist-cp: Shredded HDFS -> S3".to_owned());
    }
    names.push("[shred] s3-dist-cp: Shredded HDFS _SUCCESS -> S3".to_owned());
    if !sample.stream {
        names.push(format!("Errors in s3://acme-snowplow/enriched/bad/run={run}/ -> Elasticsearch: Acme bad rows"));
    }
    names.push(format!("Errors in s3://acme-snowplow/shredded/bad/run={run}/ -> Elasticsearch: Acme bad rows"));
    if !sample.stream {
        names.push("[archive_raw] s3-dist-cp: Raw Staging S3 -> Raw Archive S3".to_owned());
    }
    if sample.loader.is_some() {
        names.push("[rdb_load] Load Acme Redshift Storage Target".to_owned());
    }
    names.push("[archive_enriched] s3-dist-cp: Enriched S3 -> Enriched Archive S3".to_owned());
    names.push("[archive_shredded] s3-dist-cp: Shredded S3 -> Shredded Archive S3".to_owned());
    names
}

/// The version fields of every sample are what the table says.
#[test]
fn the_sample_table_matches_the_sample_files() {
    let mut listed: Vec<&str> = SAMPLES.iter().map(|s| s.file).collect();
    listed.sort_unstable();
    assert_eq!(fixtures::sample_names(), listed, "every sample from R89 on is covered");
    for sample in SAMPLES {
        let text = fixtures::sample(sample.file);
        let value = |key: &str| {
            text.lines()
                .find_map(|l| l.trim().strip_prefix(&format!("{key}:")))
                .map(|v| v.split('#').next().unwrap_or_default().trim().trim_matches('"').to_owned())
        };
        assert_eq!(value("ami_version").as_deref(), Some(sample.ami), "{}", sample.file);
        assert_eq!(value("spark_enrich").as_deref(), Some(sample.spark_enrich), "{}", sample.file);
        assert_eq!(value("rdb_shredder").as_deref(), Some(sample.shredder), "{}", sample.file);
        assert_eq!(value("rdb_loader").as_deref(), sample.loader, "{}", sample.file);
        assert_eq!(text.contains("stream: ADD HERE"), sample.stream, "{}", sample.file);
        assert_eq!(text.contains("core_instance_bid: 0.015"), sample.core_bid, "{}", sample.file);
        assert_eq!(text.contains("configuration:\n"), sample.emr_configuration, "{}", sample.file);
        assert_eq!(
            value("consolidate_shredded_output").as_deref().map(|v| v == "true").unwrap_or(false),
            sample.consolidate,
            "{}",
            sample.file
        );
        assert_eq!(value("output_compression").as_deref() == Some("GZIP"), sample.gzip, "{}", sample.file);
    }
}

#[test]
fn every_sample_generates_emretlrunners_dag() {
    let ws = Workspace::new();
    let mut files: Vec<PathBuf> = Vec::new();
    for sample in SAMPLES {
        let ctx = sample.file;
        // R89 has no RDB Loader: with an ENRICHED_EVENTS target, rdb_load must be skipped.
        let skip: &[&str] = if sample.loader.is_none() { &["rdb_load"] } else { &[] };
        let inputs = load_sample(&ws, sample, |t| t).unwrap_or_else(|e| panic!("{ctx}: {e:?}"));

        // Keys the release did not have yet are warnings that say what is assumed.
        let relaxed: Vec<String> = inputs
            .lint_report
            .findings()
            .filter(|(_, f)| f.rule.code == "C006")
            .map(|(_, f)| {
                assert_eq!(f.severity, snowplowctl::lint::Severity::Warning, "{ctx}");
                assert!(f.hint.as_deref().unwrap_or("").starts_with("generate "), "{ctx}: {f:?}");
                f.message.clone()
            })
            .collect();
        assert_eq!(relaxed.len(), sample.compat.len(), "{ctx}: {relaxed:?}");
        for key in sample.compat {
            assert!(relaxed.iter().any(|m| m.contains(&format!("`{key}`"))), "{ctx}: {relaxed:?}");
        }
        let encrypted = inputs.document.pointer("/aws/s3/buckets/encrypted");
        assert_eq!(encrypted, Some(&json!(false)), "{ctx}");

        let playbook = fixtures::plan(&inputs, skip, None, &[]).unwrap_or_else(|e| panic!("{ctx}: {e:?}"));
        let json = playbook.to_json(&RunValues::default(), Credentials::Default).unwrap();
        let steps = json_steps(&json);
        let mut expected = expected_names(sample);
        if sample.loader.is_none() {
            expected.retain(|n| !n.starts_with("[rdb_load]"));
        }
        assert_eq!(names(&steps), expected, "{ctx}");

        check_playbook(sample, &steps, ctx);
        let cluster = cluster::plan(&inputs, Credentials::Default).unwrap();
        let cluster_json = cluster.to_json().unwrap();
        check_cluster(sample, &serde_json::from_str(&cluster_json).unwrap(), ctx);
        let warned: Vec<_> = cluster.warnings.iter().filter_map(|w| w.pointer.as_deref()).collect();
        assert_eq!(warned.contains(&"/aws/emr/jobflow/core_instance_bid"), sample.core_bid, "{ctx}: {warned:?}");
        assert!(playbook.warnings.iter().any(|w| w.pointer.as_deref() == Some("/monitoring/snowplow")), "{ctx}");

        let stem = sample.file.replace(".sample", "");
        fixtures::assert_lints_clean(ws.path(), &format!("{stem}.playbook.json"), ConfigKind::Playbook, &json);
        fixtures::assert_lints_clean(ws.path(), &format!("{stem}.cluster.json"), ConfigKind::Cluster, &cluster_json);
        files.push(ws.path().join(format!("{stem}.playbook.json")));
        files.push(ws.path().join(format!("{stem}.cluster.json")));
    }
    fixtures::fastavro_check(&files);
}

/// Step by step, argument by argument (§3.3), for one sample.
fn check_playbook(sample: &Sample, steps: &[JsonStep], ctx: &str) {
    let assets = assets(sample);
    let endpoint = endpoint(sample);
    let codec: Vec<String> = if sample.gzip { strings(&["--outputCodec", "gz"]) } else { Vec::new() };
    for s in steps.iter().filter(|s| s.jar == S3DISTCP) {
        assert_eq!(s.option("--s3Endpoint"), Some(endpoint.as_str()), "{ctx}: {}", s.name);
        assert!(!s.args.contains(&"--s3ServerSideEncryption".to_owned()), "{ctx}: {}", s.name);
    }

    if sample.stream {
        let staging = &steps[0];
        assert_eq!(
            staging.args,
            strings(&[
                "--src",
                "s3://acme-snowplow/enriched/stream/",
                "--dest",
                "s3://acme-snowplow/enriched/good/run={{.runId}}/",
                "--s3Endpoint",
                &endpoint,
                "--srcPattern",
                r".*\.gz",
                "--deleteOnSuccess",
            ]),
            "{ctx}"
        );
        let copy_in = step(steps, "[shred] s3-dist-cp: Enriched S3 -> HDFS");
        assert_eq!(
            copy_in.args,
            strings(&[
                "--src",
                "s3://acme-snowplow/enriched/good/run={{.runId}}/",
                "--dest",
                "hdfs:///local/snowplow/enriched-events/",
                "--srcPattern",
                r".*\.gz",
                "--outputCodec",
                "none",
                "--s3Endpoint",
                &endpoint,
            ]),
            "{ctx}"
        );
        assert!(!steps.iter().any(|s| s.name.starts_with("[enrich]") || s.name.starts_with("[archive_raw]")));
    } else {
        let staging = &steps[0];
        assert_eq!(staging.jar, S3DISTCP);
        assert_eq!(
            staging.args,
            strings(&[
                "--src",
                "s3://acme-collector-logs/in-1/",
                "--dest",
                "s3://acme-snowplow/raw/processing/",
                "--s3Endpoint",
                &endpoint,
                "--srcPattern",
                ".+",
                "--deleteOnSuccess",
            ]),
            "{ctx}"
        );
        let to_hdfs = step(steps, "[enrich] s3-dist-cp: Raw S3 -> Raw HDFS");
        assert_eq!(
            to_hdfs.args,
            strings(&[
                "--src",
                "s3://acme-snowplow/raw/processing/",
                "--dest",
                "hdfs:///local/snowplow/raw-events/",
                "--s3Endpoint",
                &endpoint,
                "--groupBy",
                ".*([0-9]+-[0-9]+-[0-9]+)-[0-9]+.*",
                "--targetSize",
                "128",
                "--outputCodec",
                "lzo",
            ]),
            "{ctx}"
        );
        let enrich = step(steps, "[enrich] spark: Enrich Raw Events");
        let jar = format!("{assets}3-enrich/spark-enrich/snowplow-spark-enrich-{}.jar", sample.spark_enrich);
        assert_eq!(enrich.jar, "command-runner.jar");
        assert_eq!(
            enrich.args[..8],
            strings(&[
                "spark-submit",
                "--class",
                "com.snowplowanalytics.snowplow.enrich.spark.EnrichJob",
                "--master",
                "yarn",
                "--deploy-mode",
                "cluster",
                &jar,
            ]),
            "{ctx}"
        );
        let app: Vec<&str> = enrich.args[8..].iter().step_by(2).map(String::as_str).collect();
        assert_eq!(
            app,
            [
                "--input-format",
                "--etl-timestamp",
                "--iglu-config",
                "--enrichments",
                "--input-folder",
                "--output-folder",
                "--bad-folder"
            ],
            "{ctx}"
        );
        assert_eq!(enrich.option("--input-format"), Some("cloudfront"));
        assert_eq!(enrich.option("--etl-timestamp"), Some("{{.etlTimestamp}}"));
        assert_eq!(enrich.option("--iglu-config"), Some(resolver_b64().as_str()));
        assert_eq!(enrich.option("--input-folder"), Some("hdfs:///local/snowplow/raw-events/*"));
        assert_eq!(enrich.option("--output-folder"), Some("hdfs:///local/snowplow/enriched-events/"));
        assert_eq!(enrich.option("--bad-folder"), Some("s3://acme-snowplow/enriched/bad/run={{.runId}}/"));
        let enrichments: Value = serde_json::from_str(&decode(enrich.option("--enrichments").unwrap())).unwrap();
        assert_eq!(enrichments["schema"], "iglu:com.snowplowanalytics.snowplow/enrichments/jsonschema/1-0-0");
        let enrichment_names: Vec<&str> =
            enrichments["data"].as_array().unwrap().iter().map(|e| e["data"]["name"].as_str().unwrap()).collect();
        assert_eq!(
            enrichment_names,
            ["anon_ip", "campaign_attribution", "event_fingerprint_config", "referer_parser", "ua_parser_config"]
        );

        let to_s3 = step(steps, "[enrich] spark: Enriched HDFS -> S3");
        let mut expected = strings(&[
            "--src",
            "hdfs:///local/snowplow/enriched-events/",
            "--dest",
            "s3://acme-snowplow/enriched/good/run={{.runId}}/",
            "--groupBy",
            r".*(part-)\d+-(.*)",
            "--targetSize",
            "24",
            "--s3Endpoint",
            &endpoint,
        ]);
        expected.extend(codec.clone());
        assert_eq!(to_s3.args, expected, "{ctx}");
        assert_eq!(
            step(steps, "[enrich] spark: Enriched HDFS _SUCCESS -> S3").args,
            strings(&[
                "--src",
                "hdfs:///local/snowplow/enriched-events/",
                "--dest",
                "s3://acme-snowplow/enriched/good/run={{.runId}}/",
                "--srcPattern",
                ".*_SUCCESS",
                "--s3Endpoint",
                &endpoint,
            ])
        );
        let cleanup = step(steps, "[cleanup] Empty Raw HDFS");
        assert_eq!(
            cleanup.jar,
            format!("s3://{}.elasticmapreduce/libs/script-runner/script-runner.jar", sample.region)
        );
        assert_eq!(
            cleanup.args,
            strings(&[
                &format!("{assets}common/emr/snowplow-hadoop-fs-rmr-0.2.0.sh"),
                "hdfs:///local/snowplow/raw-events/"
            ])
        );
        assert_eq!(
            step(steps, "[archive_raw] s3-dist-cp: Raw Staging S3 -> Raw Archive S3").args,
            strings(&[
                "--src",
                "s3://acme-snowplow/raw/processing/",
                "--dest",
                "s3://acme-snowplow/raw/archive/run={{.runId}}/",
                "--s3Endpoint",
                &endpoint,
                "--deleteOnSuccess",
            ])
        );
    }

    // Shred: arguments by shredder version (§3.3 step 8).
    let shred = step(steps, "[shred] spark: Shred Enriched Events");
    let jar = format!("{assets}4-storage/rdb-shredder/snowplow-rdb-shredder-{}.jar", sample.shredder);
    assert_eq!(shred.args[7], jar, "{ctx}");
    assert_eq!(shred.args[2], "com.snowplowanalytics.snowplow.storage.spark.ShredJob");
    let mut app = strings(&["--iglu-config", &resolver_b64(), "--duplicate-storage-config", &target_b64("dedup.json")]);
    let manifest_and_tsv = sample.shredder == "0.16.0";
    if manifest_and_tsv {
        app.extend(strings(&[
            "--processing-manifest-table",
            "acme-processing-manifest",
            "--item-id",
            "s3://acme-snowplow/shredded/good/run={{.runId}}/",
            "--target",
            &target_b64("redshift.json"),
        ]));
    }
    app.extend(strings(&[
        "--input-folder",
        "hdfs:///local/snowplow/enriched-events/*",
        "--output-folder",
        "hdfs:///local/snowplow/shredded-events/",
        "--bad-folder",
        "s3://acme-snowplow/shredded/bad/run={{.runId}}/",
    ]));
    assert_eq!(shred.args[8..], app, "{ctx}");

    if sample.consolidate {
        let atomic = step(steps, "[shred] s3-dist-cp: Shredded atomic events HDFS -> S3");
        assert_eq!(atomic.option("--groupBy"), Some(r".*/atomic-events/(part-)\d+-(.*)"));
        assert_eq!(atomic.option("--targetSize"), Some("24"));
        assert!(atomic.args.ends_with(&codec), "{ctx}");
        let json_types = step(steps, "[shred] s3-dist-cp: Shredded JSON types HDFS -> S3");
        assert_eq!(
            json_types.option("--groupBy"),
            Some(r".*/shredded-types/vendor=(.+)/name=(.+)/.+/version=(.+)/(part-)\d+-(.*)")
        );
        let tsv = step(steps, "[shred] s3-dist-cp: Shredded TSV types HDFS -> S3");
        assert_eq!(
            tsv.option("--groupBy"),
            Some(r".*/shredded-tsv/vendor=(.+)/name=(.+)/.+/version=(.+)/(part-)\d+-(.*)")
        );
    } else {
        let mut expected = strings(&[
            "--src",
            "hdfs:///local/snowplow/shredded-events/",
            "--dest",
            "s3://acme-snowplow/shredded/good/run={{.runId}}/",
            "--srcPattern",
            ".*part-.*",
            "--s3Endpoint",
            &endpoint,
        ]);
        expected.extend(codec.clone());
        assert_eq!(step(steps, "[shred] s3-dist-cp: Shredded HDFS -> S3").args, expected, "{ctx}");
    }

    // Elasticsearch: one step per source, `--delay 60` on the first only (§3.3 step 11).
    let es: Vec<&JsonStep> = steps.iter().filter(|s| s.name.starts_with("Errors in ")).collect();
    let es_jar = format!("{assets}4-storage/hadoop-elasticsearch-sink/hadoop-elasticsearch-sink-0.1.0.jar");
    for (i, s) in es.iter().enumerate() {
        assert_eq!(s.jar, es_jar);
        let mut expected = strings(&[
            "com.snowplowanalytics.snowplow.storage.hadoop.ElasticsearchJob",
            "--hdfs",
            "--input",
            s.name.trim_start_matches("Errors in ").split(" -> ").next().unwrap(),
            "--host",
            "search.acme.example",
            "--port",
            "9200",
            "--index",
            "snowplow-bad",
            "--type",
            "bad_rows",
            "--es_nodes_wan_only",
            "true",
        ]);
        if i == 0 {
            expected.extend(strings(&["--delay", "60"]));
        }
        assert_eq!(s.args, expected, "{ctx}");
    }

    if let Some(loader) = sample.loader {
        let load = step(steps, "[rdb_load] Load Acme Redshift Storage Target");
        assert_eq!(load.jar, format!("{assets}4-storage/rdb-loader/snowplow-rdb-loader-{loader}.jar"));
        let options: Vec<&str> = load.args.iter().step_by(2).map(String::as_str).collect();
        assert_eq!(options, ["--config", "--resolver", "--logkey", "--target"], "{ctx}");
        assert_eq!(load.option("--resolver"), Some(resolver_b64().as_str()));
        assert_eq!(
            load.option("--logkey"),
            Some("s3://acme-snowplow-logs/emr/rdb-loader/{{.runId}}/3c9a8f1e-2b4d-4e6f-8a1b-5c7d9e0f1a2b")
        );
        assert_eq!(load.option("--target"), Some(target_b64("redshift.json").as_str()));
        let config: Value = serde_yaml::from_str(&decode(load.option("--config").unwrap())).unwrap();
        assert_eq!(config.pointer("/aws/access_key_id"), Some(&json!("")), "credentials are never passed on");
        assert_eq!(config.pointer("/aws/secret_access_key"), Some(&json!("")));
        assert_eq!(config.pointer("/aws/s3/buckets/log"), Some(&json!("s3://acme-snowplow-logs/emr/")));
        assert_eq!(config.pointer("/storage/versions/rdb_loader"), Some(&json!(loader)));
    }

    for (name, from, to) in [
        ("[archive_enriched] s3-dist-cp: Enriched S3 -> Enriched Archive S3", "enriched/good", "enriched/archive"),
        ("[archive_shredded] s3-dist-cp: Shredded S3 -> Shredded Archive S3", "shredded/good", "shredded/archive"),
    ] {
        assert_eq!(
            step(steps, name).args,
            strings(&[
                "--src",
                &format!("s3://acme-snowplow/{from}/run={{{{.runId}}}}/"),
                "--dest",
                &format!("s3://acme-snowplow/{to}/run={{{{.runId}}}}/"),
                "--s3Endpoint",
                &endpoint,
                "--deleteOnSuccess",
            ]),
            "{ctx}"
        );
    }
}

/// The cluster config, field by field (§3.1, §3.6 and `emr_job.rb`).
fn check_cluster(sample: &Sample, cluster: &Value, ctx: &str) {
    let data = &cluster["data"];
    assert_eq!(cluster["schema"], "iglu:com.snowplowanalytics.dataflowrunner/ClusterConfig/avro/1-1-0");
    assert_eq!(data["name"], "Snowplow ETL");
    assert_eq!(data["logUri"], "s3://acme-snowplow-logs/emr/");
    assert_eq!(data["region"], sample.region);
    assert_eq!(data["credentials"], json!({"accessKeyId": "default", "secretAccessKey": "default"}));
    assert_eq!(data["roles"], json!({"jobflow": "EMR_EC2_DefaultRole", "service": "EMR_DefaultRole"}));
    assert_eq!(data["ec2"]["amiVersion"], sample.ami);
    assert_eq!(data["ec2"]["keyName"], "acme-key");
    assert_eq!(
        data["ec2"]["location"],
        json!({"classic": {"availabilityZone": format!("{}a", sample.region)}, "vpc": null})
    );
    let instances = &data["ec2"]["instances"];
    let kind = if sample.ami == "5.29.0" { "m4.large" } else { "m1.medium" };
    assert_eq!(instances["master"], json!({"type": kind, "ebsConfiguration": null}), "{ctx}");
    assert_eq!(instances["core"]["count"], 2);
    assert!(instances["core"].get("bid").is_none(), "{ctx}: no ClusterConfig has a core bid");
    assert_eq!(
        instances["core"]["ebsConfiguration"],
        json!({"ebsOptimized": false, "ebsBlockDeviceConfigs": [
            {"volumesPerInstance": 1, "volumeSpecification": {"iops": 0, "sizeInGB": 100, "volumeType": "gp2"}}
        ]}),
        "{ctx}"
    );
    assert_eq!(instances["task"]["count"], 0);
    assert_eq!(instances["task"]["bid"], "0.015");
    assert_eq!(data["tags"], json!([]));
    assert_eq!(
        data["bootstrapActionConfigs"],
        json!([{
            "name": "Bootstrap action (ami bootstrap script)",
            "scriptBootstrapAction": {"path": format!("{}common/emr/snowplow-ami5-bootstrap-0.1.0.sh", assets(sample)), "args": ["1.10"]}
        }]),
        "{ctx}"
    );
    let configurations = if sample.emr_configuration {
        json!([
            {"classification": "yarn-site", "properties": {"yarn.resourcemanager.am.max-attempts": "1"}},
            {"classification": "spark", "properties": {"maximizeResourceAllocation": "true"}}
        ])
    } else {
        json!([])
    };
    assert_eq!(data["configurations"], configurations, "{ctx}");
    assert_eq!(data["applications"], json!(["Hadoop", "Spark"]));
    assert!(data.get("securityConfiguration").is_none(), "{ctx}");
}

fn r117() -> &'static Sample {
    SAMPLES.iter().find(|s| s.file == "config.yml.r117-biskupin.sample").unwrap()
}

fn stream_r117() -> &'static Sample {
    SAMPLES.iter().find(|s| s.file == "stream_config.yml.r117-biskupin.sample").unwrap()
}

#[test]
fn r89_has_no_rdb_loader_so_loading_must_be_skipped() {
    let ws = Workspace::new();
    let sample = &SAMPLES[0];
    let inputs = load_sample(&ws, sample, |t| t).unwrap();
    assert_eq!(inputs.rdb_loader, None);
    let Err(GenerateError::Findings(report)) = fixtures::plan(&inputs, &[], None, &[]) else {
        panic!("expected findings")
    };
    let (_, finding) = report.findings().next().unwrap();
    assert_eq!(finding.rule.code, "C012");
    assert_eq!(finding.pointer.as_deref(), Some("/storage/versions/rdb_loader"));
    assert!(finding.hint.as_deref().unwrap().contains("--skip rdb_load"), "{finding:?}");
    assert!(finding.position.is_some());
}

#[test]
fn encrypted_buckets_add_server_side_encryption_to_every_copy() {
    let ws = Workspace::new();
    for sample in [r117(), stream_r117()] {
        let inputs = load_sample(&ws, sample, |t| t.replace("encrypted: false", "encrypted: true")).unwrap();
        let steps = json_steps(&generated(&inputs, &[]));
        let copies: Vec<&JsonStep> = steps.iter().filter(|s| s.jar == S3DISTCP).collect();
        assert!(copies.len() >= 6);
        for s in &copies {
            assert_eq!(s.args.last().map(String::as_str), Some("--s3ServerSideEncryption"), "{}", s.name);
            assert_eq!(s.args.iter().filter(|a| *a == "--s3ServerSideEncryption").count(), 1);
        }
        assert!(
            steps.iter().filter(|s| s.jar != S3DISTCP).all(|s| !s.args.contains(&"--s3ServerSideEncryption".into()))
        );
    }
}

#[test]
fn collector_formats_choose_patterns_and_codecs() {
    let ws = Workspace::new();
    let with_format = |format: &str| {
        let inputs =
            load_sample(&ws, r117(), |t| t.replace("format: cloudfront", &format!("format: {format}"))).unwrap();
        (json_steps(&generated(&inputs, &[])), cluster::plan(&inputs, Credentials::Default).unwrap().to_json().unwrap())
    };

    // clj-tomcat: the single-quoted patterns, verbatim; gzip undone on the way to HDFS.
    let (steps, _) = with_format("clj-tomcat");
    let staging = &steps[0];
    assert_eq!(staging.option("--srcPattern"), Some(r".*localhost\_access\_log.*\.txt.*"));
    assert_eq!(staging.args[staging.args.len() - 2..], strings(&["--groupBy", ".*/_*(.+)"]));
    let to_hdfs = step(&steps, "[enrich] s3-dist-cp: Raw S3 -> Raw HDFS");
    assert_eq!(to_hdfs.args[6..], strings(&["--outputCodec", "none"]));

    // Urban Airship: the intended `\w` pattern, not Ruby's collapsed `w`.
    let (steps, _) = with_format("ndjson/com.urbanairship.connect/v1");
    let to_hdfs = step(&steps, "[enrich] s3-dist-cp: Raw S3 -> Raw HDFS");
    assert_eq!(to_hdfs.option("--groupBy"), Some(r".*/(\w+)/.*"));
    assert_eq!(to_hdfs.option("--outputCodec"), Some("lzo"));

    // CloudFront as TSV: grouped like `cloudfront`.
    let (steps, _) = with_format("tsv/com.amazon.aws.cloudfront/wd_access_log");
    assert_eq!(
        step(&steps, "[enrich] s3-dist-cp: Raw S3 -> Raw HDFS").option("--groupBy"),
        Some(".*([0-9]+-[0-9]+-[0-9]+)-[0-9]+.*")
    );

    // Thrift: copied as it is, and the cluster gets the Hadoop settings it needs.
    let (steps, cluster) = with_format("thrift");
    let to_hdfs = step(&steps, "[enrich] s3-dist-cp: Raw S3 -> Raw HDFS");
    assert_eq!(to_hdfs.args.len(), 6, "{:?}", to_hdfs.args);
    assert_eq!(step(&steps, "[enrich] spark: Enrich Raw Events").option("--input-format"), Some("thrift"));
    let cluster: Value = serde_json::from_str(&cluster).unwrap();
    assert_eq!(
        cluster["data"]["configurations"].as_array().unwrap()[..2],
        [
            json!({"classification": "core-site", "properties": {"io.file.buffer.size": "65536"}}),
            json!({"classification": "mapred-site", "properties": {"mapreduce.user.classpath.first": "true"}})
        ]
    );
}

#[test]
fn thrift_settings_merge_with_emr_configuration() {
    let ws = Workspace::new();
    let inputs = load_sample(&ws, r117(), |t| {
        t.replace("format: cloudfront", "format: thrift").replace(
            "    configuration:\n",
            "    configuration:\n      core-site:\n        io.file.buffer.size: \"131072\"\n        fs.s3.maxRetries: \"20\"\n",
        )
    })
    .unwrap();
    let cluster: Value = serde_json::from_str(&fixtures::cluster_json(&inputs)).unwrap();
    let classifications: Vec<&str> = cluster["data"]["configurations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["classification"].as_str().unwrap())
        .collect();
    assert_eq!(classifications, ["core-site", "mapred-site", "yarn-site", "spark"]);
    assert_eq!(
        cluster["data"]["configurations"][0]["properties"],
        json!({"io.file.buffer.size": "131072", "fs.s3.maxRetries": "20"})
    );
}

#[test]
fn legacy_amis_use_bootstrap_actions_and_the_old_s3distcp_jar() {
    let ws = Workspace::new();
    let inputs = load_sample(&ws, r117(), |t| {
        t.replace("ami_version: 5.9.0", "ami_version: 3.11.0").replace("format: cloudfront", "format: thrift")
    })
    .unwrap();
    let steps = json_steps(&generated(&inputs, &[]));
    assert_eq!(steps[0].jar, "/home/hadoop/lib/emr-s3distcp-1.0.jar");
    let cluster: Value = serde_json::from_str(&fixtures::cluster_json(&inputs)).unwrap();
    let actions = cluster["data"]["bootstrapActionConfigs"].as_array().unwrap();
    let paths: Vec<&str> = actions.iter().map(|a| a["scriptBootstrapAction"]["path"].as_str().unwrap()).collect();
    assert_eq!(
        paths,
        [
            "s3n://elasticmapreduce/bootstrap-actions/configure-hadoop",
            "s3n://elasticmapreduce/bootstrap-actions/configure-hadoop",
            "s3://snowplow-hosted-assets-eu-central-1/common/emr/snowplow-ami3-bootstrap-0.1.0.sh"
        ]
    );
    assert_eq!(actions[0]["scriptBootstrapAction"]["args"], json!(["-c", "io.file.buffer.size=65536"]));
    assert_eq!(cluster["data"]["configurations"][0]["classification"], "yarn-site", "no core-site on legacy AMIs");
}

#[test]
fn cluster_options_vpc_security_configuration_software_and_bootstrap() {
    let ws = Workspace::new();
    let inputs = load_sample(&ws, r117(), |t| {
        t.replace("ec2_subnet_id:  #", "ec2_subnet_id: subnet-0a1b2c3d #")
            .replace("security_configuration:  #", "security_configuration: acme-emr-security #")
            .replace("bootstrap: []", "bootstrap:\n      - s3://acme-snowplow/bootstrap/extra.sh")
            .replace("hbase:  ", "hbase: \"0.92.0\"  ")
            .replace("lingual:  ", "lingual: \"1.1\"  ")
            .replace("tags: {}", "tags:\n    team: data\n    cost-centre: \"{{42}}\"")
            .replace("bootstrap_failure_tries: 3", "bootstrap_failure_tries: 1")
            .replace("additional_info:  ", "additional_info: '{\"instanceAwsClientConfiguration\": {}}'  ")
    })
    .unwrap();
    let cluster = cluster::plan(&inputs, Credentials::Env).unwrap();
    let json = cluster.to_json().unwrap();
    let value: Value = serde_json::from_str(&json).unwrap();
    let data = &value["data"];
    assert_eq!(data["ec2"]["location"], json!({"classic": null, "vpc": {"subnetId": "subnet-0a1b2c3d"}}));
    assert_eq!(data["securityConfiguration"], "acme-emr-security");
    assert_eq!(data["credentials"], json!({"accessKeyId": "env", "secretAccessKey": "env"}));
    let names: Vec<&str> =
        data["bootstrapActionConfigs"].as_array().unwrap().iter().map(|a| a["name"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        [
            "Bootstrap action (custom 1)",
            "Bootstrap action (ami bootstrap script)",
            "Bootstrap action (installing HBase)",
            "Bootstrap action (installing Lingual)"
        ]
    );
    assert_eq!(
        data["bootstrapActionConfigs"][2]["scriptBootstrapAction"]["path"],
        "s3://eu-central-1.elasticmapreduce/bootstrap-actions/setup-hbase"
    );
    // A literal `{{` is escaped so that Dataflow Runner's template engine writes it back.
    assert_eq!(
        data["tags"],
        json!([{"key": "team", "value": "data"}, {"key": "cost-centre", "value": "{{`{{`}}42}}"}])
    );
    let warned: Vec<_> = cluster.warnings.iter().filter_map(|w| w.pointer.as_deref()).collect();
    assert_eq!(
        warned,
        [
            "/aws/emr/jobflow/core_instance_bid",
            "/aws/emr/additional_info",
            "/aws/emr/bootstrap_failure_tries",
            "/aws/emr/security_configuration"
        ]
    );
    fixtures::assert_lints_clean(ws.path(), "options.cluster.json", ConfigKind::Cluster, &json);

    let steps = json_steps(&generated(&inputs, &[]));
    let hbase = step(&steps, "Start HBase 0.92.0");
    assert_eq!(hbase.jar, "/home/hadoop/lib/hbase-0.92.0.jar");
    assert_eq!(hbase.args, strings(&["emr.hbase.backup.Main", "--start-master"]));
    let position = steps.iter().position(|s| s.name.starts_with("Start HBase")).unwrap();
    assert_eq!(position, 2, "after staging, before enrich");
    fixtures::fastavro_check(&[ws.path().join("options.cluster.json")]);
}

#[test]
fn stream_mode_skips_load_manifest_with_newer_loaders() {
    let ws = Workspace::new();
    let inputs = load_sample(&ws, stream_r117(), |t| t.replace("rdb_loader: 0.14.0", "rdb_loader: 0.17.0")).unwrap();
    let steps = json_steps(&generated(&inputs, &[]));
    let load = step(&steps, "[rdb_load] Load Acme Redshift Storage Target");
    assert_eq!(load.option("--skip"), Some("load_manifest"));
    let steps = json_steps(&generated(&inputs, &["analyze"]));
    let load = step(&steps, "[rdb_load] Load Acme Redshift Storage Target");
    assert_eq!(load.option("--skip"), Some("analyze,load_manifest"));

    let batch = load_sample(&ws, r117(), |t| t.replace("rdb_loader: 0.14.0", "rdb_loader: 0.17.0")).unwrap();
    let steps = json_steps(&generated(&batch, &[]));
    assert_eq!(step(&steps, "[rdb_load] Load Acme Redshift Storage Target").option("--skip"), None);
}

#[test]
fn empty_hdfs_adds_emretlrunners_persistent_cluster_cleanup() {
    let ws = Workspace::new();
    let inputs = load_sample(&ws, r117(), |t| t).unwrap();
    let options = snowplowctl::generate::playbook::PlaybookOptions { empty_hdfs: true, ..Default::default() };
    let playbook = snowplowctl::generate::playbook::plan(&inputs, &options).unwrap();
    let steps = json_steps(&playbook.to_json(&RunValues::default(), Credentials::Default).unwrap());
    assert_eq!(steps[0].name, "[cleanup] Empty Snowplow HDFS");
    assert_eq!(
        steps[0].args,
        strings(&[
            "s3://snowplow-hosted-assets-eu-central-1/common/emr/snowplow-hadoop-fs-rmr-0.2.0.sh",
            "hdfs:///local/snowplow/raw-events/",
            "hdfs:///local/snowplow/enriched-events/",
            "hdfs:///local/snowplow/shredded-events/"
        ])
    );
    assert_eq!(steps[1].name, "[cleanup] Empty HDFS trash");
    assert_eq!(
        (steps[1].jar.as_str(), steps[1].args.clone()),
        ("command-runner.jar", strings(&["hdfs", "dfs", "-expunge"]))
    );
}

#[test]
fn output_is_byte_identical_for_identical_input() {
    let ws = Workspace::new();
    let first = load_sample(&ws, r117(), |t| t).unwrap();
    let second = load_sample(&ws, r117(), |t| t).unwrap();
    assert_eq!(generated(&first, &[]), generated(&second, &[]));
    assert_eq!(fixtures::cluster_json(&first), fixtures::cluster_json(&second));
}

#[test]
fn snapshot_r117_batch() {
    let ws = Workspace::new();
    let inputs = load_sample(&ws, r117(), |t| t).unwrap();
    insta::assert_snapshot!("r117_batch_playbook", generated(&inputs, &[]));
    insta::assert_snapshot!("r117_batch_cluster", fixtures::cluster_json(&inputs));
}

#[test]
fn snapshot_r117_stream() {
    let ws = Workspace::new();
    let inputs = load_sample(&ws, stream_r117(), |t| t).unwrap();
    insta::assert_snapshot!("r117_stream_playbook", generated(&inputs, &[]));
}

#[test]
fn snapshot_emr_etl_runner_1_0_4_with_values_baked_in() {
    let ws = Workspace::new();
    let sample = SAMPLES.iter().find(|s| s.file == "config.yml.emr-etl-runner-1.0.4.sample").unwrap();
    let inputs = load_sample(&ws, sample, |t| t).unwrap();
    let values = RunValues {
        run_id: Some(RunId::parse("2024-01-31-23-59-59").unwrap()),
        etl_timestamp: Some(EtlTimestamp::parse("1706745599000").unwrap()),
        recover_run_id: None,
    };
    let json = fixtures::plan(&inputs, &[], None, &["vacuum"]).unwrap().to_json(&values, Credentials::Iam).unwrap();
    assert!(!json.contains("{{"), "every variable has a value");
    insta::assert_snapshot!("emr_etl_runner_1_0_4_playbook", json);
}

/// EmrEtlRunner's own (never enabled) config generator turned R117's `sparse_config.yml` into
/// `cluster.json`. snowplowctl reproduces it field for field, except for the fixes listed here,
/// each with its reason.
#[test]
fn sparse_config_reproduces_emretlrunners_cluster_json_except_documented_fixes() {
    let dir = fixtures::samples_dir().join("r117-spec-resources");
    let inputs = fixtures::load(&snowplowctl::generate::InputPaths {
        config: dir.join("sparse_config.yml"),
        ..Default::default()
    })
    .unwrap();
    let ours: Value = serde_json::from_str(&fixtures::cluster_json(&inputs)).unwrap();
    let golden: Value = serde_json::from_str(&std::fs::read_to_string(dir.join("cluster.json")).unwrap()).unwrap();

    let mut leaves = Vec::new();
    collect_leaves(&golden, String::new(), &mut leaves);
    collect_leaves(&ours, String::new(), &mut leaves);
    leaves.sort();
    leaves.dedup();
    let differing: Vec<(String, Value, Value)> = leaves
        .into_iter()
        .filter_map(|pointer| {
            let theirs = golden.pointer(&pointer).cloned().unwrap_or(Value::Null);
            let mine = ours.pointer(&pointer).cloned().unwrap_or(Value::Null);
            (theirs != mine).then_some((pointer, theirs, mine))
        })
        .collect();

    let fixes: &[(&str, Value, Value, &str)] = &[
        (
            "/schema",
            json!("iglu:com.snowplowanalytics.dataflowrunner/ClusterConfig/avro/1-0-0"),
            json!("iglu:com.snowplowanalytics.dataflowrunner/ClusterConfig/avro/1-1-0"),
            "`applications` (and `ebsConfiguration`) only exist from ClusterConfig 1-1-0: the golden file names a \
             schema its own data does not match",
        ),
        (
            "/data/logUri",
            json!("s3://not-a-bucket"),
            json!("s3://not-a-bucket/"),
            "EmrEtlRunner adds a trailing `/` to every bucket when it loads config.yml (the spec test skipped that)",
        ),
        (
            "/data/credentials/accessKeyId",
            json!("SAMPLE KEY"),
            json!("default"),
            "AWS keys from config.yml are never copied; the source is --credentials (default: the SDK chain)",
        ),
        ("/data/credentials/secretAccessKey", json!("SAMPLE SECRET KEY"), json!("default"), "as accessKeyId"),
        (
            "/data/ec2/instances/core/bid",
            json!("0.015"),
            Value::Null,
            "no ClusterConfig schema has a core bid (Dataflow Runner ignores it): dropped, with a warning",
        ),
        (
            "/data/ec2/instances/core/ebsConfiguration/ebsBlockDeviceConfigs/0/volumeSpecification/iops",
            json!(1),
            json!(0),
            "EmrEtlRunner sends IOPS only for io1 volumes; the generator's placeholder 1 on a gp2 volume is \
             flagged by `lint cluster` (D015) and dropped by Dataflow Runner",
        ),
        (
            "/data/configurations/0/classification",
            json!("core-site"),
            Value::Null,
            "EmrEtlRunner's runner adds the core-site/mapred-site settings for the Thrift format only; this config \
             is CloudFront (so `configurations` is empty)",
        ),
        ("/data/configurations/0/properties/io.file.buffer.size", json!("65536"), Value::Null, "as above"),
        ("/data/configurations/1/classification", json!("mapred-site"), Value::Null, "as above"),
        ("/data/configurations/1/properties/mapreduce.user.classpath.first", json!("true"), Value::Null, "as above"),
    ];
    let mut expected: Vec<(String, Value, Value)> =
        fixes.iter().map(|(p, theirs, mine, _)| ((*p).to_owned(), theirs.clone(), mine.clone())).collect();
    expected.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(differing, expected);
    for (_, _, _, reason) in fixes {
        assert!(!reason.is_empty());
    }
    // Fields the golden file leaves out are written as explicit nulls (strict Avro readers
    // expect every field): location.classic, master/task ebsConfiguration.
    assert_eq!(ours.pointer("/data/ec2/location/classic"), Some(&Value::Null));
    assert_eq!(ours.pointer("/data/ec2/instances/task/ebsConfiguration"), Some(&Value::Null));
    let warned: Vec<_> =
        cluster::plan(&inputs, Credentials::Default).unwrap().warnings.into_iter().filter_map(|w| w.pointer).collect();
    assert!(warned.contains(&"/aws/emr/jobflow/core_instance_bid".to_owned()), "{warned:?}");
}

/// Pointers of every scalar leaf; nulls and empty containers count as absent.
fn collect_leaves(value: &Value, pointer: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) if !map.is_empty() => {
            for (k, v) in map {
                collect_leaves(v, format!("{pointer}/{}", k.replace('~', "~0").replace('/', "~1")), out);
            }
        }
        Value::Array(items) if !items.is_empty() => {
            for (i, v) in items.iter().enumerate() {
                collect_leaves(v, format!("{pointer}/{i}"), out);
            }
        }
        Value::Null | Value::Object(_) | Value::Array(_) => {}
        _ => out.push(pointer),
    }
}
