//! snowplowctl's own Avro schemas for Dataflow Runner configs give the same verdicts as the
//! reference schemas (Iglu Central's, and those bundled with Dataflow Runner 0.7.5) on every
//! sample config and on thousands of broken variants of them: every field removed, replaced by
//! each other JSON type, nulled, or joined by an unknown sibling.
//!
//! A verdict is the set of (JSON pointer, violation kind) the strict checker reports. The
//! deliberate deviations are listed in [`DEVIATIONS`]; each must actually occur, so the list
//! cannot go stale.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use regex::Regex;
use serde_json::{Value, json};
use snowplowctl::dataflow::avro::{Schema, ViolationKind};
use snowplowctl::dataflow::template::{self, Lookups, RenderOptions};
use snowplowctl::dataflow::{ConfigKind, bundled_schema};
use snowplowctl::iglu::SchemaVer;

const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/snowplow/dataflow");

/// A difference from a reference schema that snowplowctl makes on purpose.
struct Deviation {
    /// Which of our schemas (`ClusterConfig/1-1-0`) against which reference (`iglu` or `dr-0.7.5`).
    ours: &'static str,
    reference: &'static str,
    /// Violations at pointers matching this pattern…
    pointer: &'static str,
    /// …of these kinds (all kinds when empty) may differ.
    kinds: &'static [ViolationKind],
    why: &'static str,
}

const DEVIATIONS: &[Deviation] = &[
    Deviation {
        ours: "ClusterConfig/1-1-0",
        reference: "iglu",
        pointer: r"^/securityConfiguration$",
        kinds: &[],
        why: "Iglu Central's 1-1-0 has no securityConfiguration; Dataflow Runner >= 0.7.0 reads it and its current \
              sample (which says 1-1-0) sets it, so snowplowctl accepts it as an optional string",
    },
    Deviation {
        ours: "ClusterConfig/1-1-0",
        reference: "dr-0.7.5",
        pointer: r"^/securityConfiguration$",
        kinds: &[ViolationKind::MissingField],
        why: "Dataflow Runner's bundled schema requires securityConfiguration, but Dataflow Runner decodes a missing \
              one as an empty string, and its older samples omit it",
    },
    Deviation {
        ours: "ClusterConfig/1-1-0",
        reference: "iglu",
        pointer: r"^/ec2/instances/(master|core|task)/ebsConfiguration/ebsBlockDeviceConfigs/\d+/volumeSpecification/iops$",
        kinds: &[ViolationKind::MissingField],
        why: "the reference requires iops, but Dataflow Runner decodes a missing iops as 0, drops it for gp2/gp3 and \
              its own current sample omits it; snowplowctl defaults it to 0 (and lints io1 without iops separately)",
    },
    Deviation {
        ours: "ClusterConfig/1-1-0",
        reference: "dr-0.7.5",
        pointer: r"^/ec2/instances/(master|core|task)/ebsConfiguration/ebsBlockDeviceConfigs/\d+/volumeSpecification/iops$",
        kinds: &[ViolationKind::MissingField],
        why: "as for Iglu Central's schema",
    },
];

type Verdict = BTreeSet<(String, ViolationKind)>;

fn verdict(schema: &Schema, document: &Value) -> Verdict {
    schema.check(document).into_iter().map(|v| (v.pointer, v.kind)).collect()
}

fn read_schema(path: &Path) -> Schema {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Schema::parse_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// (our schema label, our schema, reference label, reference schema)
fn schema_pairs() -> Vec<(String, &'static Schema, &'static str, Schema)> {
    let mut pairs = Vec::new();
    for kind in ConfigKind::ALL {
        for key in kind.keys() {
            let label = format!("{}/{}", kind.schema_name(), key.version);
            let ours = bundled_schema(&key).expect("bundled");
            let iglu = Path::new(SHARED).join("schemas").join(key.to_path());
            pairs.push((label.clone(), ours, "iglu", read_schema(&iglu)));
            if key == kind.latest() {
                let name = if kind == ConfigKind::Cluster { "cluster" } else { "playbook" };
                let bundled = Path::new(SHARED).join(format!("examples/dataflow-runner-0.7.5-bundled-{name}.avsc"));
                pairs.push((label, ours, "dr-0.7.5", read_schema(&bundled)));
            }
        }
    }
    pairs
}

/// The `data` of every sample and valid fixture of `kind`, rendered where it is a template.
fn base_documents(kind: ConfigKind) -> Vec<(String, Value)> {
    let prefix = if kind == ConfigKind::Cluster { "cluster" } else { "playbook" };
    let mut paths: Vec<PathBuf> = std::fs::read_dir(Path::new(SHARED).join("examples"))
        .unwrap()
        .chain(std::fs::read_dir("fixtures/lint/dataflow/valid").unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            !name.ends_with(".avsc") && name.contains(prefix)
        })
        .collect();
    if kind == ConfigKind::Cluster {
        paths.push(Path::new(SHARED).join("emretlrunner/r117-spec-resources/cluster.json"));
    }
    paths.sort();
    let options = RenderOptions { lookups: Lookups::Defer, ..RenderOptions::default() };
    paths
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            let rendered = template::render(&text, &options).unwrap();
            let value: Value = serde_json::from_str(&rendered.text).unwrap();
            (path.file_name().unwrap().to_string_lossy().into_owned(), value["data"].clone())
        })
        .collect()
}

fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// Broken variants of `value`: each member removed, each node replaced by every JSON type it
/// is not, each object given an unknown member, each non-empty array emptied.
fn variants(value: &Value) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    let replacements = [json!(null), json!(true), json!(7), json!(1.5), json!("x"), json!([]), json!({})];
    let mut paths = Vec::new();
    collect_paths(value, String::new(), &mut paths);
    for path in paths {
        let node = value.pointer(&path).unwrap();
        if let Some((parent, member)) = path.rsplit_once('/')
            && value.pointer(parent).is_some_and(Value::is_object)
        {
            let mut removed = value.clone();
            removed
                .pointer_mut(parent)
                .unwrap()
                .as_object_mut()
                .unwrap()
                .remove(&member.replace("~1", "/").replace("~0", "~"));
            out.push((format!("remove {path}"), removed));
        }
        for replacement in &replacements {
            if std::mem::discriminant(replacement) != std::mem::discriminant(node) || replacement == &json!(1.5) {
                let mut replaced = value.clone();
                *replaced.pointer_mut(&path).unwrap() = replacement.clone();
                out.push((format!("{path} = {replacement}"), replaced));
            }
        }
        if node.is_object() {
            let mut extended = value.clone();
            extended.pointer_mut(&path).unwrap().as_object_mut().unwrap().insert("zzUnknown".into(), json!("x"));
            out.push((format!("{path} + zzUnknown"), extended));
        }
        if node.as_array().is_some_and(|a| !a.is_empty()) {
            let mut emptied = value.clone();
            *emptied.pointer_mut(&path).unwrap() = json!([]);
            out.push((format!("{path} = []"), emptied));
        }
    }
    out
}

fn collect_paths(value: &Value, at: String, out: &mut Vec<String>) {
    out.push(at.clone());
    match value {
        Value::Object(map) => {
            for (key, item) in map {
                collect_paths(item, format!("{at}/{}", escape(key)), out);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                collect_paths(item, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// Additions that reach union branches the samples leave empty.
fn enriched(kind: ConfigKind, data: &Value) -> Vec<Value> {
    if kind != ConfigKind::Cluster {
        return Vec::new();
    }
    let volume =
        json!({"volumesPerInstance": 2, "volumeSpecification": {"iops": 100, "sizeInGB": 50, "volumeType": "io1"}});
    let ebs = json!({"ebsOptimized": false, "ebsBlockDeviceConfigs": [volume]});
    let mut classic = data.clone();
    if let Some(location) = classic.pointer_mut("/ec2/location") {
        *location = json!({"classic": {"availabilityZone": "eu-west-1b"}, "vpc": null});
    }
    let mut full = data.clone();
    for group in ["master", "core", "task"] {
        if let Some(Value::Object(instances)) = full.pointer_mut(&format!("/ec2/instances/{group}")) {
            instances.insert("ebsConfiguration".into(), ebs.clone());
        }
    }
    if let Value::Object(map) = &mut full {
        map.insert("securityConfiguration".into(), json!("acme"));
    }
    vec![classic, full]
}

#[test]
#[allow(clippy::print_stderr, reason = "the conformance numbers are shown with --nocapture")]
fn our_schemas_match_the_reference_verdicts() {
    let deviations: Vec<(Regex, &Deviation)> = DEVIATIONS.iter().map(|d| (Regex::new(d.pointer).unwrap(), d)).collect();
    let mut exercised = vec![0usize; DEVIATIONS.len()];
    let mut compared: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut mismatches = Vec::new();
    for (ours_label, ours, reference_label, reference) in schema_pairs() {
        let kind = if ours_label.starts_with("Cluster") { ConfigKind::Cluster } else { ConfigKind::Playbook };
        let applicable: Vec<(usize, &(Regex, &Deviation))> = deviations
            .iter()
            .enumerate()
            .filter(|(_, (_, d))| d.ours == ours_label && d.reference == reference_label)
            .collect();
        let deviates = |pointer: &str, violation_kind: ViolationKind| {
            applicable
                .iter()
                .find(|(_, (re, d))| re.is_match(pointer) && (d.kinds.is_empty() || d.kinds.contains(&violation_kind)))
        };
        for (name, base) in base_documents(kind) {
            let mut documents = vec![(format!("{name} as is"), base.clone())];
            for extra in enriched(kind, &base) {
                documents.push((format!("{name} enriched"), extra.clone()));
                documents.extend(variants(&extra).into_iter().map(|(d, v)| (format!("{name} enriched: {d}"), v)));
            }
            documents.extend(variants(&base).into_iter().map(|(d, v)| (format!("{name}: {d}"), v)));
            for (description, document) in documents {
                let ours_verdict = verdict(ours, &document);
                let reference_verdict = verdict(&reference, &document);
                let entry = compared.entry(format!("{ours_label} vs {reference_label}")).or_default();
                entry.0 += 1;
                if reference_verdict.is_empty() {
                    entry.1 += 1;
                }
                let mut unexplained = Vec::new();
                for (pointer, violation_kind) in ours_verdict.symmetric_difference(&reference_verdict) {
                    match deviates(pointer, *violation_kind) {
                        Some((i, _)) => exercised[*i] += 1,
                        None => unexplained.push((pointer, violation_kind)),
                    }
                }
                if !unexplained.is_empty() {
                    mismatches.push(format!(
                        "{ours_label} vs {reference_label}, {description}: {unexplained:?}\n  ours: {ours_verdict:?}\n  reference: {reference_verdict:?}"
                    ));
                }
            }
        }
    }
    for (pair, (documents, valid)) in &compared {
        eprintln!("{pair}: {documents} documents compared, {valid} valid for the reference");
    }
    for (deviation, count) in DEVIATIONS.iter().zip(&exercised) {
        eprintln!(
            "deviation {} vs {} at {}: {count} differing violations ({})",
            deviation.ours, deviation.reference, deviation.pointer, deviation.why
        );
    }
    assert!(
        mismatches.is_empty(),
        "{} mismatches, first:\n{}",
        mismatches.len(),
        mismatches[..mismatches.len().min(5)].join("\n")
    );
    assert_eq!(compared.len(), 6, "4 Iglu Central schemas and 2 Dataflow Runner bundled schemas");
    assert!(compared.values().all(|(documents, _)| *documents > 100), "{compared:?}");
    for (deviation, count) in DEVIATIONS.iter().zip(exercised) {
        assert!(
            count > 0,
            "deviation {} vs {} at {} never occurs",
            deviation.ours,
            deviation.reference,
            deviation.pointer
        );
    }
}

#[test]
fn current_sample_verdicts_differ_only_by_the_listed_deviations() {
    // The one place the deviations matter in practice: Dataflow Runner's current sample.
    let text = std::fs::read_to_string(Path::new(SHARED).join("examples/cluster.json.sample")).unwrap();
    let data = serde_json::from_str::<Value>(&text).unwrap()["data"].clone();
    let key = ConfigKind::Cluster.key(SchemaVer::new(1, 1, 0));
    assert!(verdict(bundled_schema(&key).unwrap(), &data).is_empty());
    let iglu = read_schema(&Path::new(SHARED).join("schemas").join(key.to_path()));
    let pointers: Vec<String> = verdict(&iglu, &data).into_iter().map(|(p, _)| p).collect();
    assert_eq!(
        pointers,
        [
            "/ec2/instances/master/ebsConfiguration/ebsBlockDeviceConfigs/0/volumeSpecification/iops",
            "/securityConfiguration"
        ]
    );
}
