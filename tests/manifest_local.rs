//! The embedded (SQLite) manifest: the conformance suite, and what only a file can get wrong.

mod support;

use std::path::Path;

use snowplowctl::manifest::local::LocalManifest;
use snowplowctl::manifest::{Backend, ManifestError};

fn open(dir: &Path, name: &str) -> Box<dyn Backend> {
    Box::new(LocalManifest::open(&dir.join(format!("{name}.sqlite")), true).expect("the local manifest opens"))
}

#[test]
fn the_local_store_passes_the_conformance_suite() {
    let dir = tempfile::tempdir().unwrap();
    support::manifest::conformance(&|name| open(dir.path(), name));
}

#[test]
fn damaged_and_foreign_files_are_refused_with_a_hint() {
    let dir = tempfile::tempdir().unwrap();
    let garbage = dir.path().join("garbage.sqlite");
    std::fs::write(
        &garbage,
        b"this is not a database, it is a text file that is long enough to have a header".repeat(20),
    )
    .unwrap();
    let error = LocalManifest::open(&garbage, true).unwrap_err();
    assert!(matches!(error, ManifestError::Store { corrupt: true, .. }), "{error}");
    assert!(error.to_string().contains("garbage.sqlite"), "{error}");
    assert!(error.hint().unwrap().contains("manifest import"), "{:?}", error.hint());
    assert!(!error.is_invalid_request());

    let foreign = dir.path().join("foreign.sqlite");
    relabel_as_foreign(&foreign);
    let error = LocalManifest::open(&foreign, true).unwrap_err();
    assert!(error.to_string().contains("not a snowplowctl manifest"), "{error}");

    let missing = dir.path().join("missing.sqlite");
    let error = LocalManifest::open(&missing, false).unwrap_err();
    assert!(error.to_string().contains("does not exist"), "{error}");
    assert!(!missing.exists(), "reading does not create the file");
}

/// An SQLite database of someone else's: made with the manifest itself, then relabelled with
/// the sqlite3 file format's own header field (application id, offset 68).
fn relabel_as_foreign(path: &Path) {
    drop(LocalManifest::open(path, true).expect("created"));
    let mut bytes = std::fs::read(path).unwrap();
    bytes[68..72].copy_from_slice(&0x1234_5678u32.to_be_bytes());
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn a_damaged_record_names_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.sqlite");
    let manifest = LocalManifest::open(&path, true).unwrap();
    let m = snowplowctl::manifest::Manifest::new(
        Box::new(manifest),
        std::sync::Arc::new(snowplowctl::iglu::Validators::new(std::sync::Arc::new(
            snowplowctl::iglu::Resolver::bundled(),
        ))),
        snowplowctl::manifest::App::snowplowctl(),
    );
    m.register("x/run=2017-01-01-00-00-00/").unwrap();
    drop(m);
    // Overwrite the record's JSON in place, keeping the file a valid database.
    let mut bytes = std::fs::read(&path).unwrap();
    let wal = dir.path().join("m.sqlite-wal");
    if wal.exists() {
        // Make sure the record is in the main file: reopen and close once more checkpoints it.
        drop(LocalManifest::open(&path, false).unwrap());
        bytes = std::fs::read(&path).unwrap();
    }
    let needle = b"\"state\":\"NEW\"";
    let at = bytes.windows(needle.len()).position(|w| w == needle).expect("the record is in the main file");
    bytes[at..at + needle.len()].copy_from_slice(b"\"state\":\"OLD\"");
    std::fs::write(&path, bytes).unwrap();
    let _ = std::fs::remove_file(&wal);
    let backend = LocalManifest::open(&path, false).unwrap();
    let error = backend.load("x/run=2017-01-01-00-00-00/").unwrap_err();
    assert!(matches!(error, ManifestError::Corrupt { .. }), "{error}");
    assert!(error.to_string().contains("x/run=2017-01-01-00-00-00/"), "{error}");
}
