//! Conformance of the bundled Iglu schemas (`iglu-cache/schemas`) with the reference copies of
//! Iglu Central in `../shared`.
//!
//! Our schemas are written independently, so this test proves they accept and reject exactly
//! what the reference schemas do: both are compiled with the same engine
//! (`snowplowctl::iglu::validate::compile`) and every instance gets the same verdict from both.
//! Instances are every self-describing JSON found in the example configs and test vectors of
//! `../shared/snowplow` (and, for the meta-schema, every schema of Iglu Central), instances
//! generated from both schemas, and variants of all of them: members removed, types changed,
//! strings altered, unknown members added, arrays and objects emptied, and values at the edges
//! of every bound, enum, format and pattern either schema has. A last test seeds faults into
//! our schemas and checks that the comparison notices them.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;
use serde_json::{Map, Value, json};
use snowplowctl::iglu::Resolver;
use snowplowctl::iglu::repo::BundledRepository;
use snowplowctl::iglu::validate::{compile, violations};

const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared");
const META_SCHEMA_URI: &str = "http://iglucentral.com/schemas/com.snowplowanalytics.self-desc/schema/jsonschema/1-0-0#";
/// Where reference copies of bundled schemas may live, by repository path.
const REFERENCE_ROOTS: &[&str] = &["iglu-central/schemas", "snowplow/dataflow/schemas"];
/// Upper bound on the work per schema (variants checked × nodes of their instance), so the
/// test stays fast in debug builds. Only the meta-schemas, whose instances are all the schemas
/// of Iglu Central, reach it.
const COST_BUDGET: usize = 4_000_000;

fn shared(path: &str) -> PathBuf {
    Path::new(SHARED).join(path)
}

fn resolver() -> Arc<Resolver> {
    Arc::new(Resolver::bundled())
}

/// The bundled JSON Schemas (format `jsonschema`), parsed.
fn bundled_json_schemas() -> Vec<(&'static str, Value)> {
    BundledRepository::all()
        .iter()
        .filter(|(path, _)| path.split('/').nth(2) == Some("jsonschema"))
        .map(|(path, text)| {
            let value = serde_json::from_str(text).unwrap_or_else(|e| panic!("bundled {path} is not JSON: {e}"));
            (*path, value)
        })
        .collect()
}

/// Every reference copy of a bundled schema path that exists in `../shared`.
fn reference_files(path: &str) -> Vec<PathBuf> {
    REFERENCE_ROOTS.iter().map(|root| shared(root).join(path)).filter(|p| p.is_file()).collect()
}

fn read_json(path: &Path) -> Option<Value> {
    serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()
}

#[test]
fn bundled_schemas_are_well_formed() {
    let resolver = resolver();
    let meta_text = BundledRepository::get("com.snowplowanalytics.self-desc/schema/jsonschema/1-0-0")
        .expect("the self-describing meta-schema is bundled");
    let meta = compile(&serde_json::from_str(meta_text).unwrap(), resolver.clone()).unwrap();
    let mut problems = Vec::new();
    for (path, text) in BundledRepository::all() {
        let schema: Value = match serde_json::from_str(text) {
            Ok(schema) => schema,
            Err(e) => {
                problems.push(format!("{path}: not JSON: {e}"));
                continue;
            }
        };
        let parts: Vec<&str> = path.split('/').collect();
        if parts[2] == "avro" {
            // Avro schemas identify themselves by namespace and record name, not a `self` block.
            let (namespace, name) = (schema.get("namespace"), schema.get("name"));
            if namespace != Some(&json!(parts[0])) || name != Some(&json!(parts[1])) {
                problems.push(format!("{path}: Avro namespace/name are {namespace:?}/{name:?}"));
            }
            continue;
        }
        let expected_self = json!({"vendor": parts[0], "name": parts[1], "format": parts[2], "version": parts[3]});
        if schema.get("self") != Some(&expected_self) {
            problems.push(format!("{path}: `self` is {:?}, expected {expected_self}", schema.get("self")));
        }
        if parts[2] != "jsonschema" {
            continue;
        }
        if schema.get("$schema").and_then(Value::as_str) != Some(META_SCHEMA_URI) {
            problems.push(format!("{path}: `$schema` must be {META_SCHEMA_URI}"));
        }
        let found = violations(&meta, &schema);
        if !found.is_empty() {
            problems.push(format!("{path}: fails the self-describing meta-schema: {found:?}"));
        }
        if let Err(e) = compile(&schema, resolver.clone()) {
            problems.push(format!("{path}: does not compile: {e}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn bundled_schemas_are_not_copies_of_the_reference() {
    let mut copies = Vec::new();
    for (path, text) in BundledRepository::all() {
        let ours: Option<Value> = serde_json::from_str(text).ok();
        for file in reference_files(path) {
            let bytes = std::fs::read(&file).unwrap();
            if bytes == text.as_bytes() {
                copies.push(format!("{path} is byte-identical to {}", file.display()));
            } else if ours.is_some() && serde_json::from_slice::<Value>(&bytes).ok() == ours {
                copies.push(format!("{path} is JSON-equal to {}", file.display()));
            }
        }
    }
    assert!(copies.is_empty(), "{}", copies.join("\n"));
}

#[test]
fn meta_schema_checks_draft_04_through_its_ref() {
    // The meta-schema's second half is a `$ref` to the draft-04 meta-schema. It must resolve to
    // the real draft-04 schema (bundled with the validator), not to the `{}` that http refs
    // get, or broken schemas would pass.
    let text = BundledRepository::get("com.snowplowanalytics.self-desc/schema/jsonschema/1-0-0").unwrap();
    let meta = compile(&serde_json::from_str(text).unwrap(), resolver()).unwrap();
    let me = json!({"vendor": "com.acme", "name": "x", "format": "jsonschema", "version": "1-0-0"});
    assert!(meta.is_valid(&json!({"self": me, "type": "object", "properties": {"a": {"type": "string"}}})));
    let broken = [
        json!({"self": me, "type": "objekt"}),
        json!({"self": me, "required": []}),
        json!({"self": me, "minimum": "1"}),
        json!({"self": me, "properties": {"a": {"type": 5}}}),
        json!({"self": me, "additionalProperties": 3}),
        json!({"self": me, "exclusiveMinimum": 1}),
        json!({"type": "object"}),
        json!({"self": {"vendor": "com.acme", "name": "x", "format": "jsonschema", "version": "1-0"}}),
    ];
    for schema in broken {
        assert!(!meta.is_valid(&schema), "accepted a broken schema: {schema}");
    }
}

// ---------------------------------------------------------------------------------------------
// Instances found in ../shared
// ---------------------------------------------------------------------------------------------

/// An instance to compare, with where it came from.
#[derive(Clone)]
struct Instance {
    origin: String,
    value: Value,
}

/// Collects instances per schema path (`vendor/name/format/version`).
#[derive(Default)]
struct Corpus {
    by_schema: BTreeMap<String, Vec<Instance>>,
    seen: HashSet<(String, String)>,
}

const INSTANCE_SCHEMA: &str = "com.snowplowanalytics.self-desc/instance/jsonschema/1-0-0";
const INSTANCE_IGLU_ONLY_SCHEMA: &str = "com.snowplowanalytics.self-desc/instance-iglu-only/jsonschema/1-0-0";
const META_SCHEMA: &str = "com.snowplowanalytics.self-desc/schema/jsonschema/1-0-0";

impl Corpus {
    fn add(&mut self, schema: &str, origin: String, value: &Value) {
        if self.seen.insert((schema.to_owned(), value.to_string())) {
            self.by_schema.entry(schema.to_owned()).or_default().push(Instance { origin, value: value.clone() });
        }
    }

    /// Walks a document: every `{"schema": "iglu:…", "data": …}` is an instance of its schema
    /// (and the envelope one of the self-describing instance schemas). JSON held in strings,
    /// alone or as a TSV field, is walked too.
    fn walk(&mut self, value: &Value, origin: &str, pointer: &str, depth: usize) {
        match value {
            Value::Object(map) => {
                if let (Some(Value::String(uri)), Some(data)) = (map.get("schema"), map.get("data"))
                    && let Some(path) = uri.strip_prefix("iglu:")
                {
                    let here = format!("{origin}#{pointer}");
                    self.add(path, format!("{here}/data"), data);
                    self.add(INSTANCE_SCHEMA, here.clone(), value);
                    self.add(INSTANCE_IGLU_ONLY_SCHEMA, here, value);
                }
                for (k, v) in map {
                    self.walk(v, origin, &format!("{pointer}/{}", escape(k)), depth);
                }
            }
            Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    self.walk(v, origin, &format!("{pointer}/{i}"), depth);
                }
            }
            Value::String(text) if depth < 3 => {
                for (i, field) in text.split('\t').enumerate() {
                    let field = field.trim();
                    if (field.starts_with('{') || field.starts_with('['))
                        && let Ok(inner) = serde_json::from_str::<Value>(field)
                    {
                        self.walk(&inner, origin, &format!("{pointer}(field {i})"), depth + 1);
                    }
                }
            }
            _ => {}
        }
    }
}

/// Files under `dir` that may hold JSON: `*.json`, `*.json.sample*`, `*.example` and files
/// without an extension.
fn json_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            json_files(&path, out);
        } else if name.ends_with(".json")
            || name.contains(".json.sample")
            || name.ends_with(".example")
            || !name.contains('.')
        {
            out.push(path);
        }
    }
}

/// The instances found in `../shared`, collected once for all tests.
fn corpus() -> &'static Corpus {
    static CORPUS: OnceLock<Corpus> = OnceLock::new();
    CORPUS.get_or_init(collect_corpus)
}

fn collect_corpus() -> Corpus {
    let mut corpus = Corpus::default();
    let mut files = Vec::new();
    json_files(&shared("snowplow"), &mut files);
    for file in &files {
        let origin = file.strip_prefix(SHARED).unwrap_or(file).display().to_string();
        // Templated examples (Dataflow Runner `{{…}}`) are not JSON until rendered: skipped.
        let Some(value) = read_json(file) else { continue };
        if value.get("self").is_some() {
            // A schema file (dataflow/schemas): an instance of the meta-schema.
            corpus.add(META_SCHEMA, origin.clone(), &value);
        }
        corpus.walk(&value, &origin, "", 0);
    }
    // Every schema of Iglu Central is an instance of the self-describing meta-schema.
    let mut schemas = Vec::new();
    json_files(&shared("iglu-central/schemas"), &mut schemas);
    for file in &schemas {
        if let Some(value) = read_json(file) {
            let origin = file.strip_prefix(SHARED).unwrap_or(file).display().to_string();
            corpus.add(META_SCHEMA, origin, &value);
        }
    }
    for (path, text) in BundledRepository::all() {
        if let Ok(value) = serde_json::from_str::<Value>(text) {
            corpus.add(META_SCHEMA, format!("bundled {path}"), &value);
        }
    }
    corpus
}

// ---------------------------------------------------------------------------------------------
// Instances generated from the reference schema
// ---------------------------------------------------------------------------------------------

/// Builds instances from a schema: `minimal` fills only what is required, otherwise every
/// property is filled.
struct Generator<'a> {
    root: &'a Value,
    minimal: bool,
    /// Rotates the picks among enum members and type unions.
    rotation: usize,
    /// The alternative taken at each `anyOf`/`oneOf`, in the order they are met (0 past the end).
    decisions: Vec<usize>,
    /// How many alternatives each `anyOf`/`oneOf` met so far had.
    arities: RefCell<Vec<usize>>,
}

/// Key the generator uses internally to pass down members to leave out.
const EXCLUDED: &str = "x-generator-excluded";

/// Strings tried, in order, for a `pattern`; all of them are also probes (see [`Probes`]).
const PATTERN_CANDIDATES: &[&str] = &[
    "iglu:com.acme/example/jsonschema/1-0-0",
    "iglu:com.acme/example/jsonschema/1-*-*",
    "$.field",
    "1.2.3",
    "1-0-0",
    "example",
    "com.acme",
    "A",
    "1",
    // Near misses and edge cases of the patterns above, used as probes.
    "iglu:com.acme/example/jsonschema/0-0-0",
    "iglu:com.acme/example/jsonschema/01-0-0",
    "iglu:com.acme/example/jsonschema/10-2-11",
    "iglu:com.acme/example/jsonschema/1-0",
    "iglu:com.acme/example/jsonschema/*-*-*",
    "iglu:com.acme/example/jsonschema/1-*-0",
    "iglu:com.acme/ex.ample/jsonschema/1-0-0",
    "iglu:com.acme-1_x/ex_am-ple/json_schema/1-0-0",
    "iglu:com.acme/example/jsonschema/1-0-0#",
    "iglu:/example/jsonschema/1-0-0",
    "com.acme/example/jsonschema/1-0-0",
    "$",
    "x$.field",
    "1.2",
    "1.2.3-rc1",
    "v1.2.3",
    "a-b_C9",
    "a b",
    "1-0-0-0",
    "0-0-0",
    "10-0-0",
];

impl Generator<'_> {
    fn resolve<'s>(&'s self, schema: &'s Value) -> &'s Value {
        match schema.get("$ref").and_then(Value::as_str) {
            Some(r) if r.starts_with("#/") => self.root.pointer(&r[1..]).unwrap_or(&Value::Null),
            Some(_) => &Value::Null,
            None => schema,
        }
    }

    fn generate(&self, schema: &Value, depth: usize) -> Value {
        let schema = self.resolve(schema);
        let Some(map) = schema.as_object() else { return json!("anything") };
        if depth > 24 {
            return Value::Null;
        }
        if let Some(Value::Array(options)) = map.get("enum")
            && !options.is_empty()
        {
            return options[self.rotation % options.len()].clone();
        }
        // An alternative refines the schema around it: generate from their merge.
        for combinator in ["oneOf", "anyOf", "allOf"] {
            if let Some(Value::Array(branches)) = map.get(combinator)
                && !branches.is_empty()
            {
                let chosen = if combinator == "allOf" {
                    branches.iter().find(|b| self.resolve(b).get("properties").is_some()).unwrap_or(&branches[0])
                } else {
                    let mut arities = self.arities.borrow_mut();
                    let decision = self.decisions.get(arities.len()).copied().unwrap_or(0);
                    arities.push(branches.len());
                    &branches[decision % branches.len()]
                };
                let mut merged = map.clone();
                merged.remove(combinator);
                if let Some(extra) = self.resolve(chosen).as_object() {
                    for (k, v) in extra {
                        merged.insert(k.clone(), v.clone());
                    }
                }
                // Members that only the other alternatives require (and the chosen one does not
                // define) stay out, so a full instance still matches exactly one alternative
                // (e.g. `pojo` xor `json`).
                if combinator != "allOf" {
                    let required_by = |b: &Value| -> Vec<Value> {
                        self.resolve(b).get("required").and_then(Value::as_array).cloned().unwrap_or_default()
                    };
                    let mine = required_by(chosen);
                    let own = self.resolve(chosen).get("properties").and_then(Value::as_object);
                    let others: Vec<Value> = branches
                        .iter()
                        .flat_map(required_by)
                        .filter(|name| {
                            !mine.contains(name) && !own.is_some_and(|p| p.contains_key(name.as_str().unwrap_or("")))
                        })
                        .collect();
                    merged.insert(EXCLUDED.into(), Value::Array(others));
                }
                return self.generate(&Value::Object(merged), depth + 1);
            }
        }
        let kind = match map.get("type") {
            Some(Value::String(t)) => t.clone(),
            Some(Value::Array(types)) if !types.is_empty() => {
                types[self.rotation % types.len()].as_str().unwrap_or("null").to_owned()
            }
            _ if map.contains_key("properties") || map.contains_key("required") => "object".into(),
            _ if map.contains_key("items") => "array".into(),
            _ => return json!("anything"),
        };
        match kind.as_str() {
            "object" => self.object(map, depth),
            "array" => self.array(map, depth),
            "string" => self.string(map),
            "integer" | "number" => self.number(map, kind == "integer"),
            "boolean" => json!(true),
            _ => Value::Null,
        }
    }

    fn object(&self, map: &Map<String, Value>, depth: usize) -> Value {
        let empty = Map::new();
        let properties = map.get("properties").and_then(Value::as_object).unwrap_or(&empty);
        let required: Vec<&str> =
            map.get("required").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).collect();
        let min = map.get("minProperties").and_then(Value::as_u64).unwrap_or(0) as usize;
        let max = map.get("maxProperties").and_then(Value::as_u64).map_or(usize::MAX, |m| m as usize);
        let excluded = map.get(EXCLUDED).and_then(Value::as_array).cloned().unwrap_or_default();
        let mut out = Map::new();
        for name in &required {
            let schema = properties.get(*name).unwrap_or(&Value::Null);
            out.insert((*name).to_owned(), self.generate(schema, depth + 1));
        }
        for (name, schema) in properties {
            if out.len() >= max || (self.minimal && out.len() >= min) {
                break;
            }
            if !out.contains_key(name) && !excluded.contains(&json!(name)) {
                out.insert(name.clone(), self.generate(schema, depth + 1));
            }
        }
        if !self.minimal
            && out.len() < max
            && let Some(extra @ Value::Object(_)) = map.get("additionalProperties")
        {
            out.insert("extraKey".into(), self.generate(extra, depth + 1));
        }
        Value::Object(out)
    }

    fn array(&self, map: &Map<String, Value>, depth: usize) -> Value {
        let min = map.get("minItems").and_then(Value::as_u64).unwrap_or(0) as usize;
        let max = map.get("maxItems").and_then(Value::as_u64).map_or(usize::MAX, |m| m as usize);
        let count = if self.minimal { min } else { min.max(1).min(max) };
        (0..count)
            .map(|i| match map.get("items") {
                Some(Value::Array(tuple)) => tuple.get(i).map_or(json!("anything"), |s| self.generate(s, depth + 1)),
                Some(schema) => self.generate(schema, depth + 1),
                None => json!("anything"),
            })
            .collect()
    }

    /// A value valid for `format` (`example` for formats without a check).
    fn format_sample(format: &str) -> &'static str {
        match format {
            "date-time" => "2020-02-29T12:34:56.789Z",
            "date" => "2020-02-29",
            "uuid" => "c6ef3124-b53a-4b13-a233-0088f79dcbcb",
            "uri" => "https://example.com/path",
            "hostname" => "example.com",
            "ipv4" => "192.0.2.1",
            "ipv6" => "2001:db8::1",
            "email" => "someone@example.com",
            _ => "example",
        }
    }

    fn string(&self, map: &Map<String, Value>) -> Value {
        let mut text = Self::format_sample(map.get("format").and_then(Value::as_str).unwrap_or("")).to_owned();
        if let Some(pattern) = map.get("pattern").and_then(Value::as_str)
            && let Ok(re) = regex::Regex::new(pattern)
            && let Some(found) = PATTERN_CANDIDATES.iter().find(|c| re.is_match(c))
        {
            text = (*found).to_owned();
        }
        let min = map.get("minLength").and_then(Value::as_u64).unwrap_or(0) as usize;
        let max = map.get("maxLength").and_then(Value::as_u64).map_or(usize::MAX, |m| m as usize);
        while text.chars().count() < min {
            text.push('x');
        }
        Value::String(text.chars().take(max).collect())
    }

    fn number(&self, map: &Map<String, Value>, integer: bool) -> Value {
        let min = map.get("minimum").and_then(Value::as_f64);
        let max = map.get("maximum").and_then(Value::as_f64);
        let mut n = min.unwrap_or(1.0).max(if self.minimal { f64::MIN } else { 1.0 });
        if map.get("exclusiveMinimum") == Some(&Value::Bool(true)) {
            n += 1.0;
        }
        if let Some(max) = max {
            n = n.min(max);
        }
        if integer || n.fract() == 0.0 { json!(n as i64) } else { json!(n) }
    }
}

/// At most this many combinations of `anyOf`/`oneOf` alternatives are generated per schema.
const COMBINATION_CAP: usize = 64;

/// Instances built from `schema`: minimal and full, for every combination of the alternatives
/// of its `anyOf`/`oneOf`s (nested ones included), and with enum members and type unions
/// rotated.
fn generated_instances(schema: &Value) -> Vec<Instance> {
    let generator = |minimal, rotation, decisions| Generator {
        root: schema,
        minimal,
        rotation,
        decisions,
        arities: RefCell::new(Vec::new()),
    };
    // Depth-first enumeration: run with a prefix of decisions (0 afterwards), then branch off
    // at every later choice point.
    let mut combinations = Vec::new();
    let mut pending = vec![Vec::new()];
    while let Some(prefix) = pending.pop() {
        if combinations.len() == COMBINATION_CAP {
            break;
        }
        let run = generator(false, 0, prefix.clone());
        run.generate(schema, 0);
        let arities = run.arities.into_inner();
        let mut decisions = prefix.clone();
        decisions.resize(arities.len().max(prefix.len()), 0);
        for point in (prefix.len()..arities.len()).rev() {
            for alternative in 1..arities[point] {
                let mut next = decisions[..point].to_vec();
                next.push(alternative);
                pending.push(next);
            }
        }
        combinations.push(decisions);
    }
    // Each combination at least twice, with different enum members and type-union picks.
    let rounds = (2 * combinations.len()).max(6);
    let mut out = Vec::new();
    for round in 0..rounds {
        for minimal in [true, false] {
            let rotation = round % combinations.len() + round / combinations.len();
            let run = generator(minimal, rotation, combinations[round % combinations.len()].clone());
            let label = if minimal { "minimal" } else { "full" };
            out.push(Instance { origin: format!("generated {label} #{round}"), value: run.generate(schema, 0) });
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Broken variants
// ---------------------------------------------------------------------------------------------

/// One change to one node of an instance.
#[derive(Debug)]
enum Edit {
    Remove,
    Set(Value, String),
    AddUnknownMember,
    Empty,
    AppendString,
    Resize(usize),
}

fn set(value: Value, what: &str) -> Edit {
    Edit::Set(value, what.to_owned())
}

/// The generic edits of a node: other types, emptied, altered.
fn generic_edits(value: &Value) -> Vec<Edit> {
    let mut out = vec![set(Value::Null, "null")];
    match value {
        Value::String(text) => out.extend([
            set(json!(1), "a number"),
            set(json!(true), "a boolean"),
            set(json!(""), "an empty string"),
            set(json!(format!("{text}~changed")), "an altered string"),
            set(json!(format!("~{text}")), "a prefixed string"),
            set(json!({}), "an object"),
        ]),
        Value::Number(n) => {
            let f = n.as_f64().unwrap_or(0.0);
            out.extend([
                set(json!(n.to_string()), "the number as a string"),
                set(json!(f + 0.5), "a fraction"),
                set(json!(-f.abs() - 1.0), "a negative number"),
                set(json!(0), "zero"),
                set(json!(10_000_000_000_i64), "a huge number"),
            ]);
        }
        Value::Bool(b) => out.extend([
            set(json!(b.to_string()), "the boolean as a string"),
            set(json!(!b), "the opposite boolean"),
            set(json!(1), "a number"),
        ]),
        Value::Null => out = vec![set(json!("x"), "a string"), set(json!(0), "a number"), set(json!({}), "an object")],
        Value::Object(_) => {
            out.extend([set(json!("x"), "a string"), set(json!([]), "an array"), Edit::AddUnknownMember, Edit::Empty])
        }
        Value::Array(_) => {
            out.extend([set(json!("x"), "a string"), set(json!({}), "an object"), Edit::Empty, Edit::AppendString])
        }
    }
    out
}

/// Values at the edges of what either schema allows, taken from their keywords: every enum
/// member, strings and numbers just inside and outside each length and range bound, sample
/// values for each format, the pattern candidates, and array sizes around each item bound.
/// Put at every leaf of the matching type, they catch bounds or enums that differ.
#[derive(Default)]
struct Probes {
    strings: Vec<(Value, String)>,
    /// String lengths around each length bound; the string at hand is padded or cut to them, so
    /// that patterns and formats it meets still hold.
    string_lengths: Vec<usize>,
    numbers: Vec<(Value, String)>,
    array_lengths: Vec<usize>,
}

impl Probes {
    fn from_schemas(schemas: &[&Value]) -> Probes {
        let mut probes = Probes::default();
        let mut seen = HashSet::new();
        for candidate in PATTERN_CANDIDATES {
            probes.string(json!(candidate), &mut seen);
        }
        for schema in schemas {
            probes.collect(schema, &mut seen);
        }
        for lengths in [&mut probes.array_lengths, &mut probes.string_lengths] {
            lengths.sort_unstable();
            lengths.dedup();
        }
        probes
    }

    fn string(&mut self, value: Value, seen: &mut HashSet<String>) {
        if seen.insert(value.to_string()) {
            let what = format!("the string {value}");
            self.strings.push((value, what));
        }
    }

    fn number(&mut self, n: f64, seen: &mut HashSet<String>) {
        let value = if n.fract() == 0.0 && n.abs() < 1e15 { json!(n as i64) } else { json!(n) };
        if seen.insert(value.to_string()) {
            let what = format!("the number {value}");
            self.numbers.push((value, what));
        }
    }

    fn collect(&mut self, schema: &Value, seen: &mut HashSet<String>) {
        match schema {
            Value::Object(map) => {
                for (keyword, value) in map {
                    match (keyword.as_str(), value) {
                        ("enum", Value::Array(options)) => {
                            for option in options {
                                match option {
                                    Value::String(_) => self.string(option.clone(), seen),
                                    Value::Number(n) => self.number(n.as_f64().unwrap_or(0.0), seen),
                                    _ => {}
                                }
                            }
                        }
                        ("maxLength" | "minLength", Value::Number(n)) => {
                            let n = n.as_u64().unwrap_or(0) as usize;
                            self.string_lengths.extend([n.saturating_sub(1), n, n + 1]);
                        }
                        ("minimum" | "maximum", Value::Number(n)) => {
                            let n = n.as_f64().unwrap_or(0.0);
                            for delta in [-1.0, -0.5, 0.0, 0.5, 1.0] {
                                self.number(n + delta, seen);
                            }
                        }
                        ("minItems" | "maxItems", Value::Number(n)) => {
                            let n = n.as_u64().unwrap_or(0) as usize;
                            self.array_lengths.extend([n.saturating_sub(1), n, n + 1]);
                        }
                        ("format", Value::String(format)) => {
                            let sample = Generator::format_sample(format);
                            self.string(json!(sample), seen);
                        }
                        _ => {}
                    }
                    self.collect(value, seen);
                }
            }
            Value::Array(items) => {
                for item in items {
                    self.collect(item, seen);
                }
            }
            _ => {}
        }
    }

    /// The probe edits that fit `value`'s type.
    fn edits(&self, value: &Value) -> Vec<Edit> {
        match value {
            Value::String(text) => {
                let resized = self.string_lengths.iter().map(|len| {
                    let kept: String = text.chars().take(*len).collect();
                    let padding = "x".repeat(len.saturating_sub(kept.chars().count()));
                    set(json!(format!("{kept}{padding}")), &format!("the string resized to {len} characters"))
                });
                self.strings.iter().map(|(v, what)| set(v.clone(), what)).chain(resized).collect()
            }
            Value::Number(_) => self.numbers.iter().map(|(v, what)| set(v.clone(), what)).collect(),
            Value::Array(_) => self.array_lengths.iter().map(|n| Edit::Resize(*n)).collect(),
            _ => Vec::new(),
        }
    }
}

fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// A node of an instance.
struct Node<'v> {
    pointer: String,
    value: &'v Value,
    /// Whether the parent is an object (so the node can be removed).
    in_object: bool,
    /// The place: the pointer with array indices generalised, the node's JSON type, and the
    /// members of the node (or of its parent), which tell apart the alternatives of a `oneOf`.
    /// Equivalent places of different instances are edited once.
    place: (String, &'static str, u64),
}

/// A digest of an object's member names (the same for every non-object).
fn members_digest(value: &Value) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    if let Some(map) = value.as_object() {
        map.keys().for_each(|k| k.hash(&mut hasher));
    }
    hasher.finish()
}

fn node_count(value: &Value) -> usize {
    1 + match value {
        Value::Object(map) => map.values().map(node_count).sum(),
        Value::Array(items) => items.iter().map(node_count).sum(),
        _ => 0,
    }
}

fn json_type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn nodes<'v>(value: &'v Value, pointer: String, general: String, parent: Option<u64>, out: &mut Vec<Node<'v>>) {
    let own = members_digest(value);
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let token = escape(k);
                nodes(v, format!("{pointer}/{token}"), format!("{general}/{token}"), Some(own), out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                nodes(v, format!("{pointer}/{i}"), format!("{general}/*"), None, out);
            }
        }
        _ => {}
    }
    let members = if value.is_object() { own } else { parent.unwrap_or(0) };
    let place = (general, json_type_name(value), members);
    out.push(Node { pointer, value, in_object: parent.is_some(), place });
}

/// Applies `edit` at `pointer` in place, calls `inspect` with a description and the changed
/// instance, then restores the instance (cheaper than cloning large documents).
fn with_edit(instance: &mut Value, pointer: &str, edit: &Edit, inspect: &mut dyn FnMut(&str, &Value)) -> Option<()> {
    let at = if pointer.is_empty() { "/" } else { pointer };
    match edit {
        Edit::Remove => {
            let (parent, key) = pointer.rsplit_once('/')?;
            let key = key.replace("~1", "/").replace("~0", "~");
            let old = instance.pointer_mut(parent)?.as_object_mut()?.remove(&key)?;
            inspect(&format!("remove {pointer}"), instance);
            instance.pointer_mut(parent)?.as_object_mut()?.insert(key, old);
        }
        Edit::Set(value, what) => {
            let old = std::mem::replace(instance.pointer_mut(pointer)?, value.clone());
            inspect(&format!("replace {at} with {what}"), instance);
            *instance.pointer_mut(pointer)? = old;
        }
        Edit::AddUnknownMember => {
            instance.pointer_mut(pointer)?.as_object_mut()?.insert("unexpectedMember".into(), json!("x"));
            inspect(&format!("add an unknown member to {at}"), instance);
            instance.pointer_mut(pointer)?.as_object_mut()?.remove("unexpectedMember");
        }
        Edit::Empty => {
            let node = instance.pointer_mut(pointer)?;
            let emptied = match node {
                Value::Object(_) => json!({}),
                Value::Array(_) => json!([]),
                _ => return None,
            };
            let old = std::mem::replace(node, emptied);
            inspect(&format!("empty {at}"), instance);
            *instance.pointer_mut(pointer)? = old;
        }
        Edit::AppendString => {
            instance.pointer_mut(pointer)?.as_array_mut()?.push(json!("x"));
            inspect(&format!("append a string to {at}"), instance);
            instance.pointer_mut(pointer)?.as_array_mut()?.pop();
        }
        Edit::Resize(len) => {
            let node = instance.pointer_mut(pointer)?;
            let items = node.as_array()?;
            let filler = items.first().cloned().unwrap_or(json!("x"));
            let resized: Vec<Value> = items.iter().cloned().chain(std::iter::repeat(filler)).take(*len).collect();
            let old = std::mem::replace(node, Value::Array(resized));
            inspect(&format!("resize {at} to {len} items"), instance);
            *instance.pointer_mut(pointer)? = old;
        }
    }
    Some(())
}

// ---------------------------------------------------------------------------------------------
// The comparison
// ---------------------------------------------------------------------------------------------

struct Outcome {
    schema: String,
    elapsed: std::time::Duration,
    bases: usize,
    compared: usize,
    valid: usize,
    mismatches: Vec<String>,
}

fn verdict(valid: bool) -> &'static str {
    if valid { "valid" } else { "invalid" }
}

fn compare(path: &str, ours: &Value, reference: &Value, mut bases: Vec<Instance>) -> Outcome {
    let started = std::time::Instant::now();
    let resolver = resolver();
    let ours_validator =
        compile(ours, resolver.clone()).unwrap_or_else(|e| panic!("bundled {path} does not compile: {e}"));
    let theirs = compile(reference, resolver).unwrap_or_else(|e| panic!("reference {path} does not compile: {e}"));
    // Generate from both sides, so that a constraint only one of them has is met too.
    bases.extend(generated_instances(reference));
    bases.extend(
        generated_instances(ours).into_iter().map(|i| Instance { origin: format!("{} from ours", i.origin), ..i }),
    );
    let probes = Probes::from_schemas(&[reference, ours]);
    let mut outcome = Outcome {
        schema: path.to_owned(),
        elapsed: Default::default(),
        bases: bases.len(),
        compared: 0,
        valid: 0,
        mismatches: Vec::new(),
    };
    let mut check = |origin: &str, what: &str, value: &Value| {
        let (a, b) = (theirs.is_valid(value), ours_validator.is_valid(value));
        outcome.compared += 1;
        outcome.valid += usize::from(a);
        if a != b {
            let why = violations(if a { &ours_validator } else { &theirs }, value);
            outcome.mismatches.push(format!(
                "{path}: {origin}: {what}: reference says {}, ours says {} ({:?}; instance: {:.300})",
                verdict(a),
                verdict(b),
                why.first().map(|v| format!("{} {}", v.pointer, v.message)),
                value.to_string()
            ));
        }
    };
    // Each kind of edit goes once to each place of the valid instances, and once to each place
    // of the invalid ones; smaller instances get the places first, as they are cheaper.
    let mut planned = Vec::new();
    let mut seen = HashSet::new();
    for base in &bases {
        check(&base.origin, "as found", &base.value);
    }
    let sizes: Vec<usize> = bases.iter().map(|b| node_count(&b.value)).collect();
    let mut order: Vec<usize> = (0..bases.len()).collect();
    order.sort_by_key(|i| sizes[*i]);
    for index in order {
        let base = &bases[index];
        let valid = theirs.is_valid(&base.value);
        let mut all = Vec::new();
        nodes(&base.value, String::new(), String::new(), None, &mut all);
        for node in all {
            let mut edits = Vec::new();
            if seen.insert((valid, false, node.place.clone())) {
                edits.extend(generic_edits(node.value));
                if node.in_object {
                    edits.push(Edit::Remove);
                }
            }
            // Probing an instance that is already invalid would show nothing.
            if valid && seen.insert((valid, true, node.place.clone())) {
                edits.extend(probes.edits(node.value));
            }
            planned.extend(edits.into_iter().map(|edit| (index, node.pointer.clone(), edit)));
        }
    }
    // Over budget (only the meta-schemas, whose instances are all of Iglu Central), the edits
    // closest to the root are kept: deeper down, both sides defer to the same draft-04 rules.
    planned.sort_by_key(|(_, pointer, _)| pointer.matches('/').count());
    let mut cost = 0;
    planned.retain(|(index, _, _)| {
        cost += sizes[*index];
        cost <= COST_BUDGET
    });
    let mut instances: Vec<Value> = bases.iter().map(|b| b.value.clone()).collect();
    for (index, pointer, edit) in &planned {
        let origin = &bases[*index].origin;
        with_edit(&mut instances[*index], pointer, edit, &mut |description, variant| {
            check(origin, description, variant)
        });
    }
    outcome.elapsed = started.elapsed();
    outcome
}

#[test]
#[allow(clippy::print_stderr, reason = "the per-schema counts are the test's report")]
fn verdicts_match_the_reference_schemas() {
    let corpus = corpus();
    let mut jobs = Vec::new();
    let mut unreferenced = Vec::new();
    for (path, ours) in bundled_json_schemas() {
        let Some(reference) = reference_files(path).first().and_then(|f| read_json(f)) else {
            unreferenced.push(path);
            continue;
        };
        let bases = corpus.by_schema.get(path).cloned().unwrap_or_default();
        jobs.push((path, ours, reference, bases));
    }
    let outcomes: Vec<Outcome> =
        jobs.into_par_iter().map(|(path, ours, reference, bases)| compare(path, &ours, &reference, bases)).collect();

    let mut report = String::new();
    let mut total = 0;
    let mut mismatches = Vec::new();
    let mut never_valid = Vec::new();
    for o in &outcomes {
        let _ = writeln!(
            report,
            "{:<90} {:>4} base instances, {:>6} compared ({} valid per reference), {} mismatches, {:?}",
            o.schema,
            o.bases,
            o.compared,
            o.valid,
            o.mismatches.len(),
            o.elapsed
        );
        total += o.compared;
        mismatches.extend(o.mismatches.iter().cloned());
        if o.valid == 0 {
            never_valid.push(o.schema.clone());
        }
    }
    eprintln!("{report}");
    eprintln!(
        "{} schemas, {total} instances compared, {} mismatches; bundled JSON schemas without a reference copy: {:?}",
        outcomes.len(),
        mismatches.len(),
        unreferenced
    );
    assert!(!outcomes.is_empty(), "no bundled schema has a reference copy");
    assert!(
        mismatches.is_empty(),
        "{} verdict mismatches (the first 60):\n{}",
        mismatches.len(),
        mismatches[..mismatches.len().min(60)].join("\n")
    );
    // A comparison where nothing is valid would prove little: every schema must have met at
    // least one instance the reference accepts.
    assert!(never_valid.is_empty(), "no valid instance was compared for {never_valid:?}");
}

/// A deliberate fault in one of our schemas: the JSON pointer of a node and its new value
/// (`None` removes it).
struct Fault {
    schema: &'static str,
    pointer: &'static str,
    replacement: Option<Value>,
}

fn seeded(schema: &Value, fault: &Fault) -> Value {
    let mut out = schema.clone();
    let (parent, token) = fault.pointer.rsplit_once('/').unwrap();
    match (out.pointer_mut(parent).expect("the fault's parent exists"), &fault.replacement) {
        (Value::Object(map), Some(value)) => drop(map.insert(token.to_owned(), value.clone())),
        (Value::Object(map), None) => drop(map.remove(token).expect("the faulty member exists")),
        (Value::Array(items), Some(value)) => items[token.parse::<usize>().unwrap()] = value.clone(),
        (Value::Array(items), None) => drop(items.remove(token.parse::<usize>().unwrap())),
        _ => panic!("{} is not inside an object or array", fault.pointer),
    }
    out
}

#[test]
fn seeded_faults_are_caught() {
    // Guards the harness itself: a small wrong bound, enum member, pattern, `required`,
    // `additionalProperties`, type or format in our schemas must show up as a mismatch.
    let faults = [
        Fault {
            schema: "com.snowplowanalytics.snowplow/anon_ip/jsonschema/1-0-1",
            pointer: "/properties/parameters/properties/anonOctets/maximum",
            replacement: Some(json!(5)),
        },
        Fault {
            schema: "com.snowplowanalytics.snowplow.enrichments/pii_enrichment_config/jsonschema/2-0-1",
            pointer: "/definitions/piiField/properties/pojo/properties/field/enum/17",
            replacement: None,
        },
        Fault {
            schema: "com.snowplowanalytics.snowplow.enrichments/sql_query_enrichment_config/jsonschema/1-0-0",
            pointer: "/properties/parameters/properties/database/oneOf/1/additionalProperties",
            replacement: Some(json!(false)),
        },
        Fault {
            schema: "com.snowplowanalytics.iglu/resolver-config/jsonschema/1-0-2",
            pointer: "/properties/cacheTtl/minimum",
            replacement: Some(json!(0)),
        },
        Fault {
            schema: "com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-0",
            pointer: "/minItems",
            replacement: None,
        },
        Fault {
            schema: "com.snowplowanalytics.snowplow.storage/redshift_config/jsonschema/2-0-0",
            pointer: "/properties/id/format",
            replacement: None,
        },
        Fault {
            schema: "com.snowplowanalytics.snowplow.storage/postgresql_config/jsonschema/2-0-0",
            pointer: "/properties/password/type",
            replacement: Some(json!("string")),
        },
        Fault {
            schema: "com.snowplowanalytics.snowplow.badrows/loader_iglu_error/jsonschema/1-0-0",
            pointer: "/properties/errors/items/properties/schema/pattern",
            replacement: Some(json!("^iglu:[a-zA-Z0-9-_.]+/[a-zA-Z0-9-_]+/[a-zA-Z0-9-_]+/[0-9]+-[0-9]+-[0-9]+$")),
        },
        Fault {
            schema: "com.snowplowanalytics.snowplow.badrows/schema_violations/jsonschema/2-0-1",
            pointer: "/definitions/igluError/anyOf/0/properties/lookupHistory/items/properties/repostitory",
            replacement: None,
        },
        Fault {
            schema: "com.snowplowanalytics.snowplow.badrows/adapter_failures/jsonschema/1-0-0",
            pointer: "/definitions/processor/properties/artifact/maxLength",
            replacement: Some(json!(511)),
        },
        Fault {
            schema: "com.snowplowanalytics.snowplow.badrows/tracker_protocol_violations/jsonschema/1-0-1",
            pointer: "/definitions/collectorPayload/properties/querystring/items/required",
            replacement: Some(json!(["name", "value"])),
        },
        Fault {
            schema: "com.snowplowanalytics.snowplow/payload_data/jsonschema/1-0-4",
            pointer: "/definitions/event/properties/ttm",
            replacement: None,
        },
        Fault {
            schema: "com.snowplowanalytics.self-desc/instance-iglu-only/jsonschema/1-0-0",
            pointer: "/additionalProperties",
            replacement: Some(json!(true)),
        },
    ];
    let corpus = corpus();
    let missed: Vec<String> = faults
        .par_iter()
        .filter_map(|fault| {
            let ours: Value = serde_json::from_str(BundledRepository::get(fault.schema).unwrap()).unwrap();
            let reference = reference_files(fault.schema).first().and_then(|f| read_json(f)).unwrap();
            let bases = corpus.by_schema.get(fault.schema).cloned().unwrap_or_default();
            let outcome = compare(fault.schema, &seeded(&ours, fault), &reference, bases);
            outcome.mismatches.is_empty().then(|| format!("{} {}", fault.schema, fault.pointer))
        })
        .collect();
    assert!(missed.is_empty(), "seeded faults not caught: {missed:#?}");
}
