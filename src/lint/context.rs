//! What every linter needs: the resolver, validators and the user's options.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::common::{self, LoadedJson};
use super::finding::{FileKind, FileLint, Finding, Report};
use crate::iglu::{HttpSettings, Resolver, ResolverConfig, Validators};

/// Options shared by the lint commands.
#[derive(Debug, Clone)]
pub struct LintOptions {
    /// Largest file read, in bytes.
    pub max_file_size: u64,
    /// Treat unset environment variables and missing files referenced by ERB or Dataflow
    /// Runner template lookups as findings. Off by default: CI rarely has the run-time
    /// environment, so lookups are assumed to be supplied at run time.
    pub require_env: bool,
    /// Dataflow Runner template variables (`--vars k1,v1,k2,v2`).
    pub vars: BTreeMap<String, String>,
    /// igluctl linters to skip for `lint schemas` (by igluctl name).
    pub skip_checks: Vec<String>,
    /// Schema keys (`iglu:…`) `lint schemas` leaves out.
    pub skip_schemas: Vec<String>,
    /// Stricter checks, such as placeholders (`ADD HERE`) and bucket URL shapes in config.yml.
    pub strict: bool,
}

impl Default for LintOptions {
    fn default() -> Self {
        LintOptions {
            max_file_size: crate::source::DEFAULT_MAX_FILE_SIZE,
            require_env: false,
            vars: BTreeMap::new(),
            skip_checks: Vec::new(),
            skip_schemas: Vec::new(),
            strict: false,
        }
    }
}

/// Problems that stop a lint command before it checks anything (exit status 2).
#[derive(Debug, thiserror::Error)]
pub enum LintError {
    /// A path given on the command line does not exist or has the wrong type.
    #[error("{}: {problem}", path.display())]
    BadPath {
        /// The path.
        path: PathBuf,
        /// What is wrong with it.
        problem: String,
    },
    /// A directory could not be listed.
    #[error("cannot list {}: {source}", path.display())]
    ReadDir {
        /// The directory.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// An option has a value the linter cannot use.
    #[error("{0}")]
    Usage(String),
}

/// Receives progress as files are checked (the binary draws a progress bar from it).
pub trait Progress: Send + Sync + std::fmt::Debug {
    /// More files are about to be checked.
    fn add_total(&self, files: u64);
    /// One file was checked.
    fn inc(&self);
}

/// The shared state of one lint run. Linters take `&LintContext` and may use it from many
/// threads.
#[derive(Debug)]
pub struct LintContext {
    /// Validators (and through them the resolver).
    pub validators: Validators,
    /// Options.
    pub options: LintOptions,
    /// Where to report progress, if anywhere.
    pub progress: Option<Arc<dyn Progress>>,
}

impl LintContext {
    /// A context around `resolver`.
    pub fn new(resolver: Arc<Resolver>, options: LintOptions) -> Self {
        LintContext { validators: Validators::new(resolver), options, progress: None }
    }

    /// A context that resolves only the bundled schemas.
    pub fn bundled(options: LintOptions) -> Self {
        Self::new(Arc::new(Resolver::bundled()), options)
    }

    /// The resolver.
    pub fn resolver(&self) -> &Arc<Resolver> {
        self.validators.resolver()
    }
}

/// Reads a resolver file and builds a resolver from it. When the file is not a usable
/// resolver config, the error is a report with its findings.
pub fn load_resolver(path: &Path, http: HttpSettings, max_file_size: u64) -> Result<Resolver, Box<Report>> {
    let mut file = FileLint::new(path, FileKind::Json);
    let failed = |file: FileLint| Box::new(Report::new(vec![file.finish()]));
    let Some(LoadedJson { value, .. }) = common::load_json(&mut file, max_file_size) else {
        return Err(failed(file));
    };
    let base_dir = path.parent().unwrap_or(Path::new("."));
    let config = match ResolverConfig::decode(&value, base_dir) {
        Ok(config) => config,
        Err(issues) => {
            for issue in issues {
                file.push(Finding::new(&super::resolver::INVALID_RESOLVER, issue.pointer, issue.message));
            }
            return Err(failed(file));
        }
    };
    Resolver::new(&config, http).map_err(|e| {
        file.push(Finding::file(&super::resolver::INVALID_RESOLVER, e.to_string()));
        failed(file)
    })
}
