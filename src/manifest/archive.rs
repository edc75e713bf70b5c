//! Raw archives as `run` reads them: `ARCHIVE/run=YYYY-MM-DD-HH-mm-ss/` folders, one per
//! EmrEtlRunner run, each holding that run's collector log files.

use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;

/// The format of the timestamp in a `run=` folder name.
pub const RUN_FORMAT: &str = "%Y-%m-%d-%H-%M-%S";

/// One run folder of an archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunFolder {
    /// The id the manifest knows it by: `PREFIX` + `run=…/`, shaped like the Analytics SDK's
    /// run ids (`enriched-archive/run=2017-02-21-11-40-15/`).
    pub run_id: String,
    /// The timestamp part of the folder name, `2017-02-21-11-40-15`: also the output's run id.
    pub timestamp: String,
    /// The timestamp in epoch milliseconds: the ETL timestamp of the events enriched from it.
    pub timestamp_ms: i64,
    /// The folder.
    pub path: PathBuf,
}

/// Something in an archive that is not what `run` expects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArchiveProblem {
    /// The entry.
    pub path: PathBuf,
    /// What is wrong with it.
    pub message: String,
}

/// What reading an archive found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Archive {
    /// Its run folders, oldest first.
    pub runs: Vec<RunFolder>,
    /// Entries that are not run folders (reported, not processed).
    pub ignored: Vec<ArchiveProblem>,
}

/// Why an archive cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ArchiveError {
    /// The archive cannot be read.
    #[error("cannot read the archive {}: {source}", path.display())]
    Io {
        /// The archive or entry.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
    /// Run folders that are malformed: nothing is processed until they are fixed.
    #[error("the archive has {} malformed run folder(s):\n{}", problems.len(), problems.iter().map(|p| format!("  {}: {}", p.path.display(), p.message)).collect::<Vec<_>>().join("\n"))]
    Malformed {
        /// Each problem.
        problems: Vec<ArchiveProblem>,
    },
}

impl ArchiveError {
    /// A hint for the user.
    pub fn hint(&self) -> &'static str {
        match self {
            ArchiveError::Io { .. } => "give the directory that holds the `run=YYYY-MM-DD-HH-mm-ss` folders",
            ArchiveError::Malformed { .. } => {
                "run folders are named `run=YYYY-MM-DD-HH-mm-ss` (a valid UTC time) and hold at least one file; rename or move the others"
            }
        }
    }
}

/// The default run-id prefix for an archive: its folder name and a slash.
pub fn default_prefix(archive: &Path) -> String {
    let name = std::fs::canonicalize(archive)
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .or_else(|| archive.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_default();
    if name.is_empty() { String::new() } else { format!("{name}/") }
}

/// Parses the timestamp of a run folder name (`run=2017-02-21-11-40-15`).
pub fn parse_run_name(name: &str) -> Result<(String, i64), String> {
    let Some(timestamp) = name.strip_prefix("run=") else {
        return Err(format!("`{name}` does not start with `run=`"));
    };
    let parsed = NaiveDateTime::parse_from_str(timestamp, RUN_FORMAT)
        .ok()
        .filter(|t| t.format(RUN_FORMAT).to_string() == timestamp)
        .ok_or_else(|| format!("`{timestamp}` is not a time in the form YYYY-MM-DD-HH-mm-ss"))?;
    Ok((timestamp.to_owned(), parsed.and_utc().timestamp_millis()))
}

/// Reads the run folders of `archive`. Hidden entries (`.…`) and Hadoop's `_…` marker files
/// are passed over; other entries that are not `run=` folders are listed in
/// [`Archive::ignored`]; a `run=` entry that is malformed (a bad timestamp, not a folder, no
/// files) is an error.
pub fn discover(archive: &Path, prefix: &str) -> Result<Archive, ArchiveError> {
    let io = |path: &Path| {
        let path = path.to_owned();
        move |source| ArchiveError::Io { path, source }
    };
    let mut found = Archive::default();
    let mut problems = Vec::new();
    let entries = std::fs::read_dir(archive).map_err(io(archive))?;
    for entry in entries {
        let entry = entry.map_err(io(archive))?;
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || name.starts_with('_') {
            continue;
        }
        if !name.starts_with("run=") {
            found.ignored.push(ArchiveProblem { path, message: "not a `run=` folder; ignored".to_owned() });
            continue;
        }
        let (timestamp, timestamp_ms) = match parse_run_name(&name) {
            Ok(parsed) => parsed,
            Err(message) => {
                problems.push(ArchiveProblem { path, message });
                continue;
            }
        };
        if !path.is_dir() {
            problems.push(ArchiveProblem { path, message: "a run must be a folder, not a file".to_owned() });
            continue;
        }
        if !has_file(&path).map_err(io(&path))? {
            problems.push(ArchiveProblem { path, message: "the run folder holds no files".to_owned() });
            continue;
        }
        found.runs.push(RunFolder { run_id: format!("{prefix}{name}/"), timestamp, timestamp_ms, path });
    }
    if !problems.is_empty() {
        problems.sort_by(|a, b| a.path.cmp(&b.path));
        return Err(ArchiveError::Malformed { problems });
    }
    found.runs.sort_by(|a, b| a.timestamp.cmp(&b.timestamp));
    found.ignored.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(found)
}

fn has_file(dir: &Path) -> std::io::Result<bool> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let kind = entry.file_type()?;
        if kind.is_file() || (kind.is_dir() && has_file(&entry.path())?) {
            return Ok(true);
        }
    }
    Ok(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn run_names_need_a_real_time_in_the_exact_form() {
        assert_eq!(
            parse_run_name("run=2017-02-21-11-40-15").unwrap(),
            ("2017-02-21-11-40-15".to_owned(), 1_487_677_215_000)
        );
        for bad in
            ["run=2017-13-21-11-40-15", "run=2017-2-21-11-40-15", "run=2017-02-21", "run=x", "2017-02-21-11-40-15"]
        {
            assert!(parse_run_name(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn discovery_lists_runs_in_order_and_refuses_malformed_ones() {
        let dir = tempfile::tempdir().unwrap();
        for run in ["run=2017-02-21-11-40-15", "run=2016-01-01-00-00-00"] {
            std::fs::create_dir(dir.path().join(run)).unwrap();
            std::fs::write(dir.path().join(run).join("part"), "x").unwrap();
        }
        std::fs::create_dir(dir.path().join("tmp")).unwrap();
        std::fs::write(dir.path().join("_SUCCESS"), "").unwrap();
        let archive = discover(dir.path(), "raw/").unwrap();
        let ids: Vec<_> = archive.runs.iter().map(|r| r.run_id.as_str()).collect();
        assert_eq!(ids, ["raw/run=2016-01-01-00-00-00/", "raw/run=2017-02-21-11-40-15/"]);
        assert_eq!(archive.ignored.len(), 1);

        std::fs::create_dir(dir.path().join("run=2017-99-01-00-00-00")).unwrap();
        std::fs::create_dir(dir.path().join("run=2018-01-01-00-00-00")).unwrap();
        let ArchiveError::Malformed { problems } = discover(dir.path(), "").unwrap_err() else { panic!() };
        assert_eq!(problems.len(), 2);
        assert!(problems[0].message.contains("YYYY-MM-DD-HH-mm-ss"));
        assert!(problems[1].message.contains("no files"));
    }
}
