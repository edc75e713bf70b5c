//! The run's output folders, laid out as Spark Enrich laid them out:
//!
//! ```text
//! OUT/enriched/good/run=YYYY-MM-DD-HH-mm-ss/part-NNNNN[.gz]
//! OUT/enriched/bad/run=YYYY-MM-DD-HH-mm-ss/part-NNNNN
//! ```
//!
//! Part files are written under `OUT/.snowplowctl-tmp/<unique>/` and the two run folders are
//! renamed into place (bad first, then good) only when the whole run succeeded, so a reader
//! never sees half a run. When the run fails, the temporary folder is removed.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use flate2::write::GzEncoder;

/// How good output is compressed (bad rows never are).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OutputCompression {
    /// Plain TSV.
    #[default]
    None,
    /// gzip, with a `.gz` suffix.
    Gzip,
}

/// The folder for temporary output under the output directory.
pub const TEMP_DIR: &str = ".snowplowctl-tmp";

const WRITE_BUFFER_SIZE: usize = 256 * 1024;

/// Output that cannot be written.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// The run folder exists already: publishing would mix two runs.
    #[error("the run folder {path} already exists")]
    RunExists {
        /// The existing folder.
        path: PathBuf,
    },
    /// A file or folder could not be written.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The file or folder.
        path: PathBuf,
        /// The I/O error.
        source: io::Error,
    },
}

fn write_error(path: &Path) -> impl FnOnce(io::Error) -> OutputError + '_ {
    move |source| OutputError::Write { path: path.to_path_buf(), source }
}

/// The output of one run, until it is published.
#[derive(Debug)]
pub struct RunOutput {
    temp: PathBuf,
    good_target: PathBuf,
    bad_target: PathBuf,
    compression: OutputCompression,
    published: bool,
}

/// Where a published run's output is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Published {
    /// `OUT/enriched/good/run=…`.
    pub good_dir: PathBuf,
    /// `OUT/enriched/bad/run=…`.
    pub bad_dir: PathBuf,
}

impl RunOutput {
    /// The run folders of `run_id` under `out`, refusing existing ones, with an empty temporary
    /// folder to write parts into.
    pub fn create(out: &Path, run_id: &str, compression: OutputCompression) -> Result<RunOutput, OutputError> {
        RunOutput::create_stage(out, "enriched", run_id, compression)
    }

    /// Like [`RunOutput::create`], for the folders of another stage: `OUT/<stage>/good/run=…`
    /// and `OUT/<stage>/bad/run=…` (e.g. `shredded`).
    pub fn create_stage(
        out: &Path,
        stage: &str,
        run_id: &str,
        compression: OutputCompression,
    ) -> Result<RunOutput, OutputError> {
        let folder = format!("run={run_id}");
        let good_target = out.join(stage).join("good").join(&folder);
        let bad_target = out.join(stage).join("bad").join(&folder);
        for target in [&good_target, &bad_target] {
            if target.exists() {
                return Err(OutputError::RunExists { path: target.clone() });
            }
        }
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        let temp = out.join(TEMP_DIR).join(format!("{folder}-{}-{nanos}", std::process::id()));
        let output = RunOutput { temp, good_target, bad_target, compression, published: false };
        for dir in [output.temp.join("good"), output.temp.join("bad")] {
            std::fs::create_dir_all(&dir).map_err(write_error(&dir))?;
        }
        Ok(output)
    }

    /// The temporary folder that becomes the good run folder, for stages that lay out
    /// subfolders of their own.
    pub fn good_temp_dir(&self) -> PathBuf {
        self.temp.join("good")
    }

    /// A private scratch folder inside the temporary folder, removed with it.
    pub fn scratch_dir(&self, name: &str) -> Result<PathBuf, OutputError> {
        let dir = self.temp.join(name);
        std::fs::create_dir_all(&dir).map_err(write_error(&dir))?;
        Ok(dir)
    }

    /// The temporary bad folder, published as the bad run folder.
    pub fn bad_temp_dir(&self) -> PathBuf {
        self.temp.join("bad")
    }

    /// The part files of task `index`; nothing is created until something is written.
    pub fn part(&self, index: usize) -> PartWriter {
        self.part_named(&format!("{index:05}"))
    }

    /// The part files `part-NAME`; nothing is created until something is written.
    pub fn part_named(&self, name: &str) -> PartWriter {
        let suffix = match self.compression {
            OutputCompression::None => "",
            OutputCompression::Gzip => ".gz",
        };
        PartWriter {
            good_path: self.temp.join("good").join(format!("part-{name}{suffix}")),
            bad_path: self.temp.join("bad").join(format!("part-{name}")),
            compression: self.compression,
            good: None,
            bad: None,
        }
    }

    /// Moves the run folders into place: bad first, then good.
    pub fn publish(mut self) -> Result<Published, OutputError> {
        for (from, to) in [(self.temp.join("bad"), &self.bad_target), (self.temp.join("good"), &self.good_target)] {
            // A rename onto an empty folder would succeed silently: check again just before.
            if to.exists() {
                return Err(OutputError::RunExists { path: to.clone() });
            }
            if let Some(parent) = to.parent() {
                std::fs::create_dir_all(parent).map_err(write_error(parent))?;
            }
            std::fs::rename(&from, to).map_err(write_error(to))?;
        }
        self.published = true;
        self.remove_temp();
        Ok(Published { good_dir: self.good_target.clone(), bad_dir: self.bad_target.clone() })
    }

    fn remove_temp(&self) {
        // Best effort: a leftover temporary folder is untidy, not wrong.
        let _ = std::fs::remove_dir_all(&self.temp);
        if let Some(parent) = self.temp.parent() {
            let _ = std::fs::remove_dir(parent);
        }
    }
}

impl Drop for RunOutput {
    fn drop(&mut self) {
        if !self.published {
            self.remove_temp();
        }
    }
}

enum GoodFile {
    Plain(BufWriter<File>),
    Gzip(Box<GzEncoder<BufWriter<File>>>),
}

/// One task's part files, created on first write so that empty parts never exist.
pub struct PartWriter {
    good_path: PathBuf,
    bad_path: PathBuf,
    compression: OutputCompression,
    good: Option<GoodFile>,
    bad: Option<BufWriter<File>>,
}

/// Which part files a task wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PartsWritten {
    /// Whether the good part exists.
    pub good: bool,
    /// Whether the bad part exists.
    pub bad: bool,
}

fn create(path: &Path) -> Result<BufWriter<File>, OutputError> {
    Ok(BufWriter::with_capacity(WRITE_BUFFER_SIZE, File::create(path).map_err(write_error(path))?))
}

impl PartWriter {
    /// Appends enriched TSV lines.
    pub fn write_good(&mut self, bytes: &[u8]) -> Result<(), OutputError> {
        if bytes.is_empty() {
            return Ok(());
        }
        let good = match &mut self.good {
            Some(good) => good,
            None => {
                let file = create(&self.good_path)?;
                self.good.insert(match self.compression {
                    OutputCompression::None => GoodFile::Plain(file),
                    OutputCompression::Gzip => {
                        GoodFile::Gzip(Box::new(GzEncoder::new(file, flate2::Compression::default())))
                    }
                })
            }
        };
        let result = match good {
            GoodFile::Plain(file) => file.write_all(bytes),
            GoodFile::Gzip(file) => file.write_all(bytes),
        };
        result.map_err(write_error(&self.good_path))
    }

    /// Appends bad rows.
    pub fn write_bad(&mut self, bytes: &[u8]) -> Result<(), OutputError> {
        if bytes.is_empty() {
            return Ok(());
        }
        let bad = match &mut self.bad {
            Some(bad) => bad,
            None => self.bad.insert(create(&self.bad_path)?),
        };
        bad.write_all(bytes).map_err(write_error(&self.bad_path))
    }

    /// Flushes and closes the part files.
    pub fn finish(self) -> Result<PartsWritten, OutputError> {
        let written = PartsWritten { good: self.good.is_some(), bad: self.bad.is_some() };
        match self.good {
            Some(GoodFile::Plain(mut file)) => file.flush().map_err(write_error(&self.good_path))?,
            Some(GoodFile::Gzip(file)) => {
                file.finish().and_then(|mut file| file.flush()).map_err(write_error(&self.good_path))?
            }
            None => {}
        }
        if let Some(mut bad) = self.bad {
            bad.flush().map_err(write_error(&self.bad_path))?;
        }
        Ok(written)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_are_published_into_run_folders() {
        let dir = tempfile::tempdir().unwrap();
        let output = RunOutput::create(dir.path(), "2024-01-31-23-59-59", OutputCompression::None).unwrap();
        let mut part = output.part(3);
        part.write_good(b"event\n").unwrap();
        part.write_bad(b"").unwrap();
        assert_eq!(part.finish().unwrap(), PartsWritten { good: true, bad: false });
        let published = output.publish().unwrap();
        assert_eq!(published.good_dir, dir.path().join("enriched/good/run=2024-01-31-23-59-59"));
        assert_eq!(std::fs::read(published.good_dir.join("part-00003")).unwrap(), b"event\n");
        assert_eq!(std::fs::read_dir(&published.bad_dir).unwrap().count(), 0);
        assert!(!dir.path().join(TEMP_DIR).exists());
        let again = RunOutput::create(dir.path(), "2024-01-31-23-59-59", OutputCompression::None).unwrap_err();
        assert!(again.to_string().contains("run=2024-01-31-23-59-59 already exists"), "{again}");
    }

    #[test]
    fn an_unpublished_run_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let output = RunOutput::create(dir.path(), "2024-01-31-23-59-59", OutputCompression::Gzip).unwrap();
        let mut part = output.part(0);
        part.write_good(b"event\n").unwrap();
        part.finish().unwrap();
        drop(output);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
