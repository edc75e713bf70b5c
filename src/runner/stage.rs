//! Publishing a run's four folders so that a crash at any point loses nothing and never shows
//! a partial folder.
//!
//! A claimed run is written into a stage, `OUT/.snowplowctl-tmp/runs/run=ID/CLAIM/`, laid out
//! like `OUT` (`enriched/{bad,good}/run=ID`, `shredded/{bad,good}/run=ID`). When everything is
//! written and synced, `publish.json` marks the stage ready; publishing then renames each
//! folder into `OUT` (each rename is atomic, so a folder is either absent or complete). A
//! crash before the mark leaves a stage that the next claimant deletes; a crash after it
//! leaves a ready stage that the next claimant publishes the rest of ("rolls forward"), so
//! the output ends up exactly as an uninterrupted run would have left it. The stage is
//! removed only after the manifest says PROCESSED.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::enrich::output::TEMP_DIR;

/// The file that marks a stage ready to publish.
const READY_FILE: &str = "publish.json";

/// The run folders a run publishes, relative to `OUT`, in the order they are published:
/// bad before good, enriched before shredded (loaders watch `shredded/good`).
pub fn targets(run: &str) -> [PathBuf; 4] {
    let folder = format!("run={run}");
    [
        Path::new("enriched").join("bad").join(&folder),
        Path::new("enriched").join("good").join(&folder),
        Path::new("shredded").join("bad").join(&folder),
        Path::new("shredded").join("good").join(&folder),
    ]
}

/// What a ready stage holds: enough to finish the run without redoing it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ready {
    /// The manifest's run id.
    pub run_id: String,
    /// The claim that wrote the stage.
    pub claim: String,
    /// The payload of the PROCESSED record.
    pub payload: Value,
}

/// Why a run's output could not be staged or published.
#[derive(Debug, thiserror::Error)]
pub enum StageError {
    /// A file operation failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
    /// A run folder exists in `OUT` that this run's stages did not write.
    #[error("{} already exists, and no stage of this run wrote it", path.display())]
    Exists {
        /// The folder.
        path: PathBuf,
    },
    /// A ready stage lacks a folder that is not in `OUT` either.
    #[error("the ready stage {} lacks {}, and it is not in the output either", stage.display(), folder.display())]
    Missing {
        /// The stage.
        stage: PathBuf,
        /// The folder, relative to `OUT`.
        folder: PathBuf,
    },
    /// `publish.json` is unreadable.
    #[error("{}: the stage's publish.json is damaged: {message}", path.display())]
    Damaged {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
}

impl StageError {
    /// A hint for the user.
    pub fn hint(&self) -> Option<&'static str> {
        match self {
            StageError::Exists { .. } => Some(
                "another tool or an `enrich` run wrote this run's output; move it away, then `snowplowctl manifest resolve` the run and rerun",
            ),
            StageError::Missing { .. } | StageError::Damaged { .. } => Some(
                "something changed the output or its .snowplowctl-tmp folder while the run was unfinished; delete the stage folder named, check the output, then resolve and rerun",
            ),
            StageError::Io { .. } => None,
        }
    }
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> StageError + '_ {
    move |source| StageError::Io { path: path.to_owned(), source }
}

/// Where the stages of run `run` live.
pub fn stage_root(out: &Path, run: &str) -> PathBuf {
    out.join(TEMP_DIR).join("runs").join(format!("run={run}"))
}

/// One stage of one run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stage {
    /// The stage folder (laid out like `OUT`).
    pub dir: PathBuf,
    out: PathBuf,
    run: String,
}

impl Stage {
    /// A new, empty stage for `claim`.
    pub fn create(out: &Path, run: &str, claim: &str) -> Result<Stage, StageError> {
        let dir = stage_root(out, run).join(claim);
        if dir.exists() {
            std::fs::remove_dir_all(&dir).map_err(io(&dir))?;
        }
        create_dir_racing_cleanup(&dir)?;
        Ok(Stage { dir, out: out.to_owned(), run: run.to_owned() })
    }

    /// Syncs everything in the stage to disk, then writes `publish.json` (itself synced and
    /// renamed into place), after which the stage is published even if this process dies.
    pub fn mark_ready(&self, ready: &Ready) -> Result<(), StageError> {
        sync_tree(&self.dir)?;
        let temp = self.dir.join(format!("{READY_FILE}.tmp"));
        let mut file = File::create(&temp).map_err(io(&temp))?;
        serde_json::to_writer_pretty(&mut file, ready)
            .map_err(|e| StageError::Io { path: temp.clone(), source: e.into() })?;
        file.write_all(b"\n").and_then(|()| file.sync_all()).map_err(io(&temp))?;
        let path = self.dir.join(READY_FILE);
        std::fs::rename(&temp, &path).map_err(io(&path))?;
        sync_dir(&self.dir)
    }

    /// Moves each run folder into `OUT` that is not there yet; returns the folders, relative
    /// to `OUT`.
    pub fn publish(&self) -> Result<Vec<PathBuf>, StageError> {
        let folders = targets(&self.run);
        for folder in &folders {
            let from = self.dir.join(folder);
            let to = self.out.join(folder);
            match (from.exists(), to.exists()) {
                (true, false) => {
                    let parent = to.parent().expect("run folders have parents");
                    std::fs::create_dir_all(parent).map_err(io(parent))?;
                    std::fs::rename(&from, &to).map_err(io(&to))?;
                    sync_dir(parent)?;
                }
                (true, true) => return Err(StageError::Exists { path: to }),
                (false, true) => {}
                (false, false) => return Err(StageError::Missing { stage: self.dir.clone(), folder: folder.clone() }),
            }
        }
        Ok(folders.to_vec())
    }

    /// Removes the stage (after the manifest says PROCESSED), and the run's stage root when
    /// empty.
    pub fn remove(self) -> Result<(), StageError> {
        std::fs::remove_dir_all(&self.dir).map_err(io(&self.dir))?;
        let _ = std::fs::remove_dir(stage_root(&self.out, &self.run));
        Ok(())
    }
}

/// `create_dir_all`, tolerating other runners that remove the shared, empty temporary
/// folders above `dir` ([`tidy`]) between the creation of a parent and of its child: the
/// creation is retried, since such a removal only ever happens to empty folders.
fn create_dir_racing_cleanup(dir: &Path) -> Result<(), StageError> {
    let mut attempts = 0;
    loop {
        match std::fs::create_dir_all(dir) {
            Ok(()) => return Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && attempts < 10_000 => attempts += 1,
            Err(e) => return Err(StageError::Io { path: dir.to_owned(), source: e }),
        }
    }
}

/// Removes the temporary folders that hold the stages of all runs, when they are empty; a
/// runner does this when it is done with the archive (best effort: another runner may be
/// creating a stage in them, and then they stay).
pub fn tidy(out: &Path) {
    let temp = out.join(TEMP_DIR);
    let _ = std::fs::remove_dir(temp.join("runs"));
    let _ = std::fs::remove_dir(temp);
}

/// The ready stage of an earlier claim on `run`, if one exists.
pub fn find_ready(out: &Path, run: &str) -> Result<Option<(Stage, Ready)>, StageError> {
    for dir in stage_dirs(out, run)? {
        let path = dir.join(READY_FILE);
        if !path.exists() {
            continue;
        }
        let text = std::fs::read_to_string(&path).map_err(io(&path))?;
        let ready: Ready = serde_json::from_str(&text)
            .map_err(|e| StageError::Damaged { path: path.clone(), message: e.to_string() })?;
        return Ok(Some((Stage { dir, out: out.to_owned(), run: run.to_owned() }, ready)));
    }
    Ok(None)
}

/// Deletes the stages of `run` that never became ready (their claimants died or lost their
/// claim), except `keep`.
pub fn discard_unready(out: &Path, run: &str, keep: Option<&Path>) -> Result<(), StageError> {
    for dir in stage_dirs(out, run)? {
        if Some(dir.as_path()) != keep && !dir.join(READY_FILE).exists() {
            std::fs::remove_dir_all(&dir).map_err(io(&dir))?;
        }
    }
    Ok(())
}

/// Removes every stage of a run that is already processed (left by a crash between the
/// manifest's PROCESSED and the stage's removal).
pub fn discard_all(out: &Path, run: &str) -> Result<(), StageError> {
    let root = stage_root(out, run);
    if root.exists() {
        std::fs::remove_dir_all(&root).map_err(io(&root))?;
    }
    Ok(())
}

/// Fails when a folder `run` would publish is already in `OUT`.
pub fn check_free(out: &Path, run: &str) -> Result<(), StageError> {
    for folder in targets(run) {
        let path = out.join(folder);
        if path.exists() {
            return Err(StageError::Exists { path });
        }
    }
    Ok(())
}

fn stage_dirs(out: &Path, run: &str) -> Result<Vec<PathBuf>, StageError> {
    let root = stage_root(out, run);
    let entries = match std::fs::read_dir(&root) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(StageError::Io { path: root, source: e }),
    };
    let mut dirs = Vec::new();
    for entry in entries {
        let entry = entry.map_err(io(&root))?;
        if entry.file_type().map_err(io(&entry.path()))?.is_dir() {
            dirs.push(entry.path());
        }
    }
    dirs.sort();
    Ok(dirs)
}

/// fsyncs every file and folder under `dir`, so that a ready stage survives a power loss.
fn sync_tree(dir: &Path) -> Result<(), StageError> {
    for entry in std::fs::read_dir(dir).map_err(io(dir))? {
        let entry = entry.map_err(io(dir))?;
        let path = entry.path();
        if entry.file_type().map_err(io(&path))?.is_dir() {
            sync_tree(&path)?;
        } else {
            File::open(&path).and_then(|f| f.sync_all()).map_err(io(&path))?;
        }
    }
    sync_dir(dir)
}

fn sync_dir(dir: &Path) -> Result<(), StageError> {
    File::open(dir).and_then(|f| f.sync_all()).map_err(io(dir))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn staged(out: &Path, run: &str, claim: &str) -> Stage {
        let stage = Stage::create(out, run, claim).unwrap();
        for folder in targets(run) {
            std::fs::create_dir_all(stage.dir.join(&folder)).unwrap();
            std::fs::write(stage.dir.join(&folder).join("part-00000"), folder.display().to_string()).unwrap();
        }
        stage
    }

    fn ready(claim: &str) -> Ready {
        Ready { run_id: "raw/run=2017-01-01-00-00-00/".into(), claim: claim.into(), payload: Value::Null }
    }

    #[test]
    fn a_ready_stage_is_rolled_forward_after_a_partial_publish() {
        let out = tempfile::tempdir().unwrap();
        let run = "2017-01-01-00-00-00";
        let stage = staged(out.path(), run, "a");
        stage.mark_ready(&ready("a")).unwrap();
        // A crash after the first two renames.
        for folder in &targets(run)[..2] {
            let to = out.path().join(folder);
            std::fs::create_dir_all(to.parent().unwrap()).unwrap();
            std::fs::rename(stage.dir.join(folder), to).unwrap();
        }
        let (found, marker) = find_ready(out.path(), run).unwrap().expect("the ready stage is found");
        assert_eq!(marker, ready("a"));
        assert_eq!(found.publish().unwrap().len(), 4);
        for folder in targets(run) {
            assert_eq!(
                std::fs::read_to_string(out.path().join(&folder).join("part-00000")).unwrap(),
                folder.display().to_string()
            );
        }
        found.remove().unwrap();
        tidy(out.path());
        assert!(!out.path().join(TEMP_DIR).exists(), "nothing is left behind");
    }

    #[test]
    fn stages_are_created_while_other_runners_remove_the_empty_shared_folders() {
        let out = tempfile::tempdir().unwrap();
        let done = std::sync::atomic::AtomicBool::new(false);
        let failures = std::thread::scope(|scope| {
            // Another runner finishing run after run: it removes the shared folders when empty.
            scope.spawn(|| {
                while !done.load(std::sync::atomic::Ordering::Relaxed) {
                    tidy(out.path());
                }
            });
            let failures: Vec<String> = (0..500)
                .filter_map(|i| {
                    let run = format!("2017-01-01-00-{:02}-{:02}", i / 60 % 60, i % 60);
                    Stage::create(out.path(), &run, "claim").and_then(Stage::remove).err().map(|e| e.to_string())
                })
                .collect();
            done.store(true, std::sync::atomic::Ordering::Relaxed);
            failures
        });
        assert!(failures.is_empty(), "{} stages failed, first: {}", failures.len(), failures[0]);
    }

    #[test]
    fn unready_stages_are_discarded_and_foreign_output_is_refused() {
        let out = tempfile::tempdir().unwrap();
        let run = "2017-01-01-00-00-00";
        let dead = staged(out.path(), run, "dead");
        assert!(find_ready(out.path(), run).unwrap().is_none());
        let live = staged(out.path(), run, "live");
        discard_unready(out.path(), run, Some(&live.dir)).unwrap();
        assert!(!dead.dir.exists() && live.dir.exists());

        let foreign = out.path().join(&targets(run)[3]);
        std::fs::create_dir_all(&foreign).unwrap();
        assert!(matches!(check_free(out.path(), run), Err(StageError::Exists { .. })));
        live.mark_ready(&ready("live")).unwrap();
        let error = live.publish().unwrap_err();
        assert!(error.to_string().contains("already exists"), "{error}");
    }
}
