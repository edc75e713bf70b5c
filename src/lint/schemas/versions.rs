//! igluctl's consistency checks across all the schemas found (`Common.checkSchemasConsistency`):
//! every family (vendor/name) starts at `1-0-0` and steps one version at a time.
//!
//! igluctl reports one "gaps" error per family; snowplowctl reports each gap on the file that
//! follows it, so the finding says which version is missing.

use std::collections::BTreeMap;

use super::rules::{INITIAL_VERSION_MISSING, LONE_VERSION_NOT_INITIAL, VERSION_GAP};
use crate::iglu::{SchemaKey, SchemaVer};
use crate::lint::finding::Finding;

const INITIAL: SchemaVer = SchemaVer::new(1, 0, 0);

/// Whether `next` may directly follow `previous`: +1 addition, +1 revision with addition 0,
/// or +1 model with `0-0`.
fn is_next(previous: SchemaVer, next: SchemaVer) -> bool {
    let SchemaVer { model, revision, addition } = previous;
    next == SchemaVer::new(model, revision, addition + 1)
        || next == SchemaVer::new(model, revision + 1, 0)
        || next == SchemaVer::new(model + 1, 0, 0)
}

/// Checks the versions of `schemas` (each with the index of the file it came from) and
/// returns the findings with the index of the file each belongs to.
pub fn check_versions(schemas: &[(usize, SchemaKey)]) -> Vec<(usize, Finding)> {
    let mut families: BTreeMap<(&str, &str), BTreeMap<SchemaVer, usize>> = BTreeMap::new();
    for (owner, key) in schemas {
        families.entry((&key.vendor, &key.name)).or_default().entry(key.version).or_insert(*owner);
    }
    let mut findings = Vec::new();
    if let [(owner, key)] = schemas {
        if key.version != INITIAL {
            findings.push((
                *owner,
                Finding::new(
                    &LONE_VERSION_NOT_INITIAL,
                    "/self/version",
                    format!("this is the only schema checked and its version is {}, not 1-0-0", key.version),
                ),
            ));
        }
        return findings;
    }
    for ((vendor, name), versions) in &families {
        let Some((&first, &first_owner)) = versions.first_key_value() else { continue };
        if first != INITIAL {
            findings.push((
                first_owner,
                Finding::new(
                    &INITIAL_VERSION_MISSING,
                    "/self/version",
                    format!("`{vendor}/{name}` has no 1-0-0; its earliest version here is {first}"),
                ),
            ));
            // Like igluctl, look for gaps only in families that start properly.
            continue;
        }
        let ordered: Vec<(SchemaVer, usize)> = versions.iter().map(|(v, o)| (*v, *o)).collect();
        for pair in ordered.windows(2) {
            let [(previous, _), (next, owner)] = *pair else { continue };
            if !is_next(previous, next) {
                let SchemaVer { model, revision, addition } = previous;
                findings.push((
                    owner,
                    Finding::new(
                        &VERSION_GAP,
                        "/self/version",
                        format!(
                            "{next} follows {previous} in `{vendor}/{name}`; the version after {previous} must be \
                             {model}-{revision}-{}, {model}-{}-0 or {}-0-0",
                            addition + 1,
                            revision + 1,
                            model + 1
                        ),
                    ),
                ));
            }
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(paths: &[&str]) -> Vec<(usize, SchemaKey)> {
        paths.iter().enumerate().map(|(i, p)| (i, SchemaKey::from_path(p).unwrap())).collect()
    }

    fn rules(paths: &[&str]) -> Vec<(usize, &'static str)> {
        check_versions(&keys(paths)).into_iter().map(|(i, f)| (i, f.rule.name)).collect()
    }

    #[test]
    fn steps_of_one() {
        let v = |s: &str| s.parse::<SchemaVer>().unwrap();
        assert!(is_next(v("1-0-0"), v("1-0-1")));
        assert!(is_next(v("1-0-3"), v("1-1-0")));
        assert!(is_next(v("1-2-3"), v("2-0-0")));
        assert!(!is_next(v("1-0-0"), v("1-0-2")));
        assert!(!is_next(v("1-0-0"), v("1-1-1")));
        assert!(!is_next(v("1-0-0"), v("2-0-1")));
    }

    #[test]
    fn families_are_checked_separately() {
        let found = rules(&[
            "com.acme/a/jsonschema/1-0-0",
            "com.acme/a/jsonschema/1-0-1",
            "com.acme/a/jsonschema/2-0-0",
            "com.acme/b/jsonschema/1-0-0",
            "com.acme/b/jsonschema/1-0-2",
            "com.acme/b/jsonschema/1-2-0",
            "com.acme/c/jsonschema/1-0-1",
            "com.acme/c/jsonschema/1-0-3",
        ]);
        assert_eq!(found, [(4, "version-gap"), (5, "version-gap"), (6, "initial-version-missing")]);
    }

    #[test]
    fn a_lone_schema_must_be_the_first() {
        assert_eq!(rules(&["com.acme/a/jsonschema/1-0-1"]), [(0, "lone-version-not-initial")]);
        assert!(rules(&["com.acme/a/jsonschema/1-0-0"]).is_empty());
        // Two families of one schema each: the family check applies, not the lone one.
        let found = rules(&["com.acme/a/jsonschema/1-0-0", "com.acme/b/jsonschema/1-0-1"]);
        assert_eq!(found, [(1, "initial-version-missing")]);
    }
}
