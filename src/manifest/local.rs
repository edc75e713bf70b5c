//! The embedded manifest: an SQLite file, for one machine and no AWS account.
//!
//! SQLite is chosen for what a manifest needs most: transactions that are atomic across
//! processes (file locks; `BEGIN IMMEDIATE` takes the write lock before reading, so a claim's
//! check and write cannot interleave with another process's) and that survive a crash at any
//! point (WAL journal, `synchronous=FULL`). Records are stored as JSON text, one row each.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, OptionalExtension, TransactionBehavior, params};

use super::model::{Change, Committed, Lease, LeaseChange, Record, RunEntry};
use super::{Backend, ManifestError};

/// Marks the file as a snowplowctl manifest (`PRAGMA application_id`): "SPCM".
const APPLICATION_ID: i32 = 0x5350_434D;
/// The layout version (`PRAGMA user_version`).
const SCHEMA_VERSION: i32 = 1;
/// How long a statement waits for another process's write lock.
const BUSY_TIMEOUT: Duration = Duration::from_secs(60);

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS run_manifest (
    run_id TEXT PRIMARY KEY NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS run_state (
    run_id TEXT PRIMARY KEY NOT NULL,
    version INTEGER NOT NULL,
    state TEXT NOT NULL,
    lease_owner TEXT,
    lease_expires INTEGER
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS run_record (
    run_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    record TEXT NOT NULL,
    PRIMARY KEY (run_id, seq)
) WITHOUT ROWID;
";

/// A manifest in a local SQLite file.
#[derive(Debug)]
pub struct LocalManifest {
    path: PathBuf,
    connection: Mutex<Connection>,
    /// Whether opening it created its tables.
    created: bool,
}

impl LocalManifest {
    /// Opens the manifest at `path`; when it does not exist, creates it if `create`, and
    /// refuses otherwise.
    pub fn open(path: &Path, create: bool) -> Result<LocalManifest, ManifestError> {
        let exists = path.exists();
        if !exists && !create {
            return Err(ManifestError::Store {
                path: path.to_owned(),
                message: "the file does not exist".to_owned(),
                corrupt: false,
            });
        }
        if !exists && let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| ManifestError::Store {
                path: path.to_owned(),
                message: format!("cannot create its directory: {e}"),
                corrupt: false,
            })?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let connection = Connection::open_with_flags(path, flags).map_err(|e| store_error(path, &e))?;
        let mut manifest = LocalManifest { path: path.to_owned(), connection: Mutex::new(connection), created: false };
        manifest.created = manifest.prepare()?;
        Ok(manifest)
    }

    /// The file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn error(&self, error: &rusqlite::Error) -> ManifestError {
        store_error(&self.path, error)
    }

    /// Sets the connection up and creates the tables (in one write transaction, so that
    /// processes starting together create them once), checking that an existing file is a
    /// snowplowctl manifest; `true` when it created them.
    fn prepare(&self) -> Result<bool, ManifestError> {
        let mut connection = self.lock();
        connection.busy_timeout(BUSY_TIMEOUT).map_err(|e| self.error(&e))?;
        // The journal mode is a property of the file; switching needs a moment without other
        // writers, so a busy answer is retried.
        let mut attempt = 0;
        loop {
            match connection.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get::<_, String>(0)) {
                Ok(_) => break,
                Err(error) if is_busy(&error) && attempt < 50 => {
                    attempt += 1;
                    std::thread::sleep(Duration::from_millis(20 * attempt));
                }
                Err(error) => return Err(self.error(&error)),
            }
        }
        connection.pragma_update(None, "synchronous", "FULL").map_err(|e| self.error(&e))?;
        let transaction =
            connection.transaction_with_behavior(TransactionBehavior::Immediate).map_err(|e| self.error(&e))?;
        let application_id: i32 =
            transaction.query_row("PRAGMA application_id", [], |row| row.get(0)).map_err(|e| self.error(&e))?;
        let version: i32 =
            transaction.query_row("PRAGMA user_version", [], |row| row.get(0)).map_err(|e| self.error(&e))?;
        let tables: i64 = transaction
            .query_row("SELECT count(*) FROM sqlite_schema", [], |row| row.get(0))
            .map_err(|e| self.error(&e))?;
        let created = application_id == 0 && version == 0 && tables == 0;
        if created {
            transaction.execute_batch(SCHEMA).map_err(|e| self.error(&e))?;
            transaction
                .pragma_update(None, "application_id", APPLICATION_ID)
                .and_then(|()| transaction.pragma_update(None, "user_version", SCHEMA_VERSION))
                .map_err(|e| self.error(&e))?;
        } else if application_id != APPLICATION_ID {
            return Err(ManifestError::Store {
                path: self.path.clone(),
                message: "it is an SQLite database, but not a snowplowctl manifest".to_owned(),
                corrupt: true,
            });
        } else if version != SCHEMA_VERSION {
            return Err(ManifestError::Store {
                path: self.path.clone(),
                message: format!(
                    "it has manifest layout {version}, and this snowplowctl reads layout {SCHEMA_VERSION}"
                ),
                corrupt: false,
            });
        }
        transaction.commit().map_err(|e| self.error(&e))?;
        Ok(created)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Connection> {
        self.connection.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn load_in(&self, connection: &Connection, run_id: &str) -> Result<RunEntry, ManifestError> {
        let marker = connection
            .query_row("SELECT 1 FROM run_manifest WHERE run_id = ?1", [run_id], |_| Ok(()))
            .optional()
            .map_err(|e| self.error(&e))?
            .is_some();
        let state: Option<(i64, Option<String>, Option<i64>)> = connection
            .query_row("SELECT version, lease_owner, lease_expires FROM run_state WHERE run_id = ?1", [run_id], |row| {
                Ok((row.get(0)?, row.get(1)?, row.get(2)?))
            })
            .optional()
            .map_err(|e| self.error(&e))?;
        let mut entry = RunEntry { marker, ..RunEntry::empty(run_id) };
        let Some((version, owner, expires)) = state else { return Ok(entry) };
        let mut statement = connection
            .prepare("SELECT seq, record FROM run_record WHERE run_id = ?1 ORDER BY seq")
            .map_err(|e| self.error(&e))?;
        let rows = statement
            .query_map([run_id], |row| Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?)))
            .map_err(|e| self.error(&e))?;
        for row in rows {
            let (seq, text) = row.map_err(|e| self.error(&e))?;
            if seq != entry.records.len() as i64 + 1 {
                return Err(self.corrupt(run_id, format!("record number {seq} follows {}", entry.records.len())));
            }
            let record: Record = serde_json::from_str(&text)
                .map_err(|e| self.corrupt(run_id, format!("record {seq} is not a valid record: {e}")))?;
            entry.records.push(record);
        }
        if version != entry.records.len() as i64 {
            return Err(self.corrupt(run_id, format!("it says {version} records but holds {}", entry.records.len())));
        }
        entry.lease = match (owner, expires) {
            (Some(owner), Some(expires_ms)) => Some(Lease { owner, expires_ms }),
            (None, None) => None,
            _ => return Err(self.corrupt(run_id, "half a lease".to_owned())),
        };
        Ok(entry)
    }

    fn corrupt(&self, run_id: &str, message: String) -> ManifestError {
        ManifestError::Corrupt { run_id: run_id.to_owned(), message: format!("{message} (in {})", self.path.display()) }
    }
}

fn is_busy(error: &rusqlite::Error) -> bool {
    matches!(error.sqlite_error_code(), Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked))
}

fn store_error(path: &Path, error: &rusqlite::Error) -> ManifestError {
    let corrupt = matches!(
        error.sqlite_error_code(),
        Some(rusqlite::ErrorCode::NotADatabase | rusqlite::ErrorCode::DatabaseCorrupt)
    );
    let message =
        if corrupt { format!("the file is damaged or not an SQLite database ({error})") } else { error.to_string() };
    ManifestError::Store { path: path.to_owned(), message, corrupt }
}

impl Backend for LocalManifest {
    fn location(&self) -> String {
        format!("local:{}", self.path.display())
    }

    fn create(&self) -> Result<bool, ManifestError> {
        // Opening creates the file and its tables when they do not exist.
        Ok(self.created)
    }

    fn load(&self, run_id: &str) -> Result<RunEntry, ManifestError> {
        let mut connection = self.lock();
        let transaction = connection.transaction().map_err(|e| self.error(&e))?;
        let entry = self.load_in(&transaction, run_id)?;
        transaction.finish().map_err(|e| self.error(&e))?;
        Ok(entry)
    }

    fn load_many(&self, run_ids: &[String]) -> Result<Vec<RunEntry>, ManifestError> {
        let mut connection = self.lock();
        let transaction = connection.transaction().map_err(|e| self.error(&e))?;
        let entries = run_ids.iter().map(|run_id| self.load_in(&transaction, run_id)).collect::<Result<Vec<_>, _>>()?;
        transaction.finish().map_err(|e| self.error(&e))?;
        Ok(entries)
    }

    fn list(&self) -> Result<Vec<RunEntry>, ManifestError> {
        let mut connection = self.lock();
        let transaction = connection.transaction().map_err(|e| self.error(&e))?;
        let run_ids: Vec<String> = {
            let mut statement = transaction
                .prepare("SELECT run_id FROM run_manifest UNION SELECT run_id FROM run_state ORDER BY 1")
                .map_err(|e| self.error(&e))?;
            let rows = statement.query_map([], |row| row.get(0)).map_err(|e| self.error(&e))?;
            rows.collect::<Result<_, _>>().map_err(|e| self.error(&e))?
        };
        let entries = run_ids.iter().map(|run_id| self.load_in(&transaction, run_id)).collect::<Result<Vec<_>, _>>()?;
        transaction.finish().map_err(|e| self.error(&e))?;
        Ok(entries)
    }

    fn add_marker(&self, run_id: &str) -> Result<(), ManifestError> {
        let connection = self.lock();
        connection
            .execute("INSERT OR IGNORE INTO run_manifest (run_id) VALUES (?1)", [run_id])
            .map_err(|e| self.error(&e))?;
        Ok(())
    }

    fn commit(&self, change: &Change) -> Result<Committed, ManifestError> {
        let mut connection = self.lock();
        let transaction =
            connection.transaction_with_behavior(TransactionBehavior::Immediate).map_err(|e| self.error(&e))?;
        let current: Option<(i64, String)> = transaction
            .query_row("SELECT version, state FROM run_state WHERE run_id = ?1", [&change.run_id], |row| {
                Ok((row.get(0)?, row.get(1)?))
            })
            .optional()
            .map_err(|e| self.error(&e))?;
        let (version, state) = current.unwrap_or((0, String::new()));
        if version != change.expected_version as i64 || (version == 0 && change.append.is_empty()) {
            return Ok(Committed::Conflict);
        }
        for (offset, record) in change.append.iter().enumerate() {
            let text = serde_json::to_string(record).expect("records serialise");
            transaction
                .execute(
                    "INSERT INTO run_record (run_id, seq, record) VALUES (?1, ?2, ?3)",
                    params![change.run_id, version + 1 + offset as i64, text],
                )
                .map_err(|e| self.error(&e))?;
        }
        let new_version = version + change.append.len() as i64;
        let new_state = change.append.last().map_or(state, |r| r.state.name().to_owned());
        let (owner, expires) = match &change.lease {
            LeaseChange::Set(lease) => (Some(lease.owner.clone()), Some(lease.expires_ms)),
            LeaseChange::Clear => (None, None),
            LeaseChange::Keep => transaction
                .query_row(
                    "SELECT lease_owner, lease_expires FROM run_state WHERE run_id = ?1",
                    [&change.run_id],
                    |row| Ok((row.get(0)?, row.get(1)?)),
                )
                .optional()
                .map_err(|e| self.error(&e))?
                .unwrap_or((None, None)),
        };
        transaction
            .execute(
                "INSERT INTO run_state (run_id, version, state, lease_owner, lease_expires) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (run_id) DO UPDATE SET version = ?2, state = ?3, lease_owner = ?4, lease_expires = ?5",
                params![change.run_id, new_version, new_state, owner, expires],
            )
            .map_err(|e| self.error(&e))?;
        if change.add_marker {
            transaction
                .execute("INSERT OR IGNORE INTO run_manifest (run_id) VALUES (?1)", [&change.run_id])
                .map_err(|e| self.error(&e))?;
        }
        transaction.commit().map_err(|e| self.error(&e))?;
        Ok(Committed::Yes)
    }
}
