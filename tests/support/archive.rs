//! Raw collector data for the `enrich --shred` and `run` tests: Clojure-collector (Tomcat)
//! lines, and archives of `run=` folders made of them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A Clojure-collector GET line for a page view with the tracker's event id `eid`.
pub fn page_view(n: u32, eid: u32) -> String {
    format!(
        "2024-02-01\t10:00:{:02}\t-\t37\t10.0.0.{}\tGET\t10.0.0.1\t/i\t200\thttp://example.com/\t\
         Mozilla%2F5.0+%28X11%29\te=pv&page=Page%20{n}&tv=js-2.0.0&p=web&aid=test&dtm=1706781600000\
         &eid={eid:08x}-0000-4000-8000-000000000000&url=http%3A%2F%2Fexample.com%2F{n}&cv=clj-0.6.0-tom-0.0.4\n",
        n % 60,
        1 + n % 200
    )
}

/// The run folder name of run `index` of a test archive: one per minute from 2024-02-01 00:00.
pub fn run_name(index: usize) -> String {
    format!("run=2024-02-01-{:02}-{:02}-00", index / 60, index % 60)
}

/// Writes an archive of `runs` run folders under `dir`, each with two files of `events` page
/// views (ids repeat within a run, giving duplicates to deduplicate) and one line that is not a
/// Tomcat line (an enrich bad row).
pub fn write_archive(dir: &Path, runs: usize, events: u32) {
    for index in 0..runs {
        let folder = dir.join(run_name(index));
        std::fs::create_dir_all(&folder).unwrap();
        for file in 0..2u32 {
            let text: String =
                (0..events).map(|n| page_view(index as u32 * 10_000 + file * 1000 + n, n % (events / 2 + 1))).collect();
            std::fs::write(folder.join(format!("collector-{file}.log")), text).unwrap();
        }
        std::fs::write(folder.join("garbage.log"), "not a tomcat line\n").unwrap();
    }
}

/// Every file under `dir` with its bytes, by path relative to `dir`, leaving out the manifest
/// and the temporary folder.
pub fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, into: &mut BTreeMap<PathBuf, Vec<u8>>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for entry in entries {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if name == ".snowplowctl-tmp" || name.starts_with("manifest.sqlite") {
                continue;
            }
            if path.is_dir() {
                walk(root, &path, into);
            } else {
                into.insert(path.strip_prefix(root).unwrap().to_owned(), std::fs::read(&path).unwrap());
            }
        }
    }
    let mut files = BTreeMap::new();
    walk(dir, dir, &mut files);
    files
}

/// The run folders under `OUT/{enriched,shredded}/{good,bad}/`, relative to `OUT`.
pub fn run_folders(out: &Path) -> Vec<PathBuf> {
    let mut folders = Vec::new();
    for stage in ["enriched", "shredded"] {
        for kind in ["bad", "good"] {
            let Ok(entries) = std::fs::read_dir(out.join(stage).join(kind)) else { continue };
            for entry in entries {
                folders.push(Path::new(stage).join(kind).join(entry.unwrap().file_name()));
            }
        }
    }
    folders.sort();
    folders
}
