//! The SQLite index: notes and their mentions, names, and posting lists.
//!
//! The schema (`schema.sql`) is versioned with `PRAGMA user_version` and
//! marked with `PRAGMA application_id`; an index of another version is
//! rebuilt, never misread. The database runs in WAL mode: readers never
//! block, a scan is one `BEGIN IMMEDIATE` transaction (so a killed scan
//! leaves the previous index intact), and a second writer waits.

pub mod facts;
mod meta;
mod names;
pub mod period;
mod postings;
pub mod query;
pub mod scan;

use std::cell::OnceCell;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Warning};

/// The page size of a new index: most of an index is blobs (each note's
/// mentions, the posting lists), and 16 KiB pages hold them with fewer
/// overflow pages than SQLite's 4 KiB: a full build of 100,000 notes
/// commits in 0.42 s instead of 0.6 s and makes its indexes in 0.17 s
/// instead of 0.25 s, and questions and re-scans are as quick. An index
/// made before keeps its size.
const PAGE_SIZE: i64 = 16 * 1024;

/// The schema version this build writes and reads.
pub const SCHEMA_VERSION: i64 = 8;

/// Marks a database as a kith index (`"kith"` in ASCII).
pub const APPLICATION_ID: i64 = 0x6B69_7468;

/// How much of the index file SQLite may map into memory (address space,
/// not memory: pages are loaded as they are read).
const MMAP_SIZE: i64 = 1 << 32;

/// SQLite's page cache for queries, in KiB.
const QUERY_CACHE_KIB: i64 = 64_000;

/// SQLite's page cache while a scan writes, in KiB: it mostly appends.
const SCAN_CACHE_KIB: i64 = 4_000;

/// How long a scan waits for another scan to finish.
const BUSY_TIMEOUT: Duration = Duration::from_secs(60);

/// The tables (without their secondary indexes).
pub(crate) const SCHEMA: &str = include_str!("schema.sql");

/// Secondary indexes, created after a rebuild's bulk insert.
pub(crate) const INDEXES: &str = include_str!("indexes.sql");

/// Drops the secondary indexes before a bulk insert.
pub(crate) const DROP_INDEXES: &str = "DROP INDEX IF EXISTS notes_by_day;
DROP INDEX IF EXISTS notes_by_path;
DROP INDEX IF EXISTS notes_of_people;
DROP INDEX IF EXISTS postings_by_name;
DROP INDEX IF EXISTS warnings_by_note;
DROP INDEX IF EXISTS links_by_stem;";

/// Drops every table of this schema and of earlier ones.
pub(crate) const DROP_TABLES: &str = "DROP TABLE IF EXISTS context;
DROP TABLE IF EXISTS mentions;
DROP TABLE IF EXISTS note_mentions;
DROP TABLE IF EXISTS postings;
DROP TABLE IF EXISTS spellings;
DROP TABLE IF EXISTS warnings;
DROP TABLE IF EXISTS links;
DROP TABLE IF EXISTS names;
DROP TABLE IF EXISTS notes;
DROP TABLE IF EXISTS meta;";

/// The tables `schema.sql` makes.
const SCHEMA_TABLES: [&str; 8] = [
    "notes",
    "note_mentions",
    "meta",
    "names",
    "postings",
    "spellings",
    "links",
    "warnings",
];

/// The `meta` key of the fingerprint of who is who and of the settings
/// that change extraction; written by every scan that ends, so an index
/// without it was never scanned to the end.
pub(crate) const IDENTITY_KEY: &str = "identity";

/// The `meta` key of the who-is-who warnings (aliases, person notes) the
/// last scan that wrote met, as a JSON list of their text: the next scan
/// tells only new ones, and one with nothing to write counts them without
/// working out who is who again.
pub(crate) const IDENTITY_WARNINGS_KEY: &str = "identity_warnings";

/// The `meta` key of what the walk of the vault met (an unreadable
/// folder, a name that is not UTF-8, a symlink loop) as the last scan that
/// wrote met it, as a JSON list of the warnings' text: the next scan tells
/// only new ones, as it does a note's.
pub(crate) const WALK_WARNINGS_KEY: &str = "walk_warnings";

/// The `meta` key of the config's aliases and ignore lists as the last
/// scan that wrote read them (JSON), so that the next can tell which notes
/// a change to them touches.
pub(crate) const WHO_CONFIG_KEY: &str = "who_config";

/// The `meta` key of the vault the last scan that wrote read, as a JSON
/// [`VaultRecord`]: a question asked with `--no-scan` of an index kept
/// outside the vault, and made from another one, is told so.
pub(crate) const VAULT_KEY: &str = "vault";

/// A vault's folder as an index records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VaultRecord {
    /// Its canonical path (else the path as given), to name it.
    pub path: String,
    /// What tells it from another folder: its device and inode on Unix,
    /// the same after a move or through another path to it (a bind
    /// mount); elsewhere its path.
    pub key: String,
}

impl VaultRecord {
    /// The record of the folder `vault`.
    pub fn of(vault: &Path) -> Self {
        let canonical = vault.canonicalize().unwrap_or_else(|_| vault.to_path_buf());
        let path = canonical.to_string_lossy().into_owned();
        #[cfg(unix)]
        let key = {
            use std::os::unix::fs::MetadataExt;
            std::fs::metadata(&canonical)
                .map(|meta| format!("{}:{}", meta.dev(), meta.ino()))
                .unwrap_or_else(|_| path.clone())
        };
        #[cfg(not(unix))]
        let key = path.clone();
        VaultRecord { path, key }
    }

    /// Whether `other` is the same vault: the same folder (moved or not),
    /// or one at the same path (cloned again, or restored, in its place).
    pub fn is(&self, other: &VaultRecord) -> bool {
        self.key == other.key || self.path == other.path
    }
}

/// An open index.
#[derive(Debug)]
pub struct Index {
    conn: Connection,
    path: PathBuf,
    /// Every name by id, read on first use by a query.
    names: OnceCell<query::NameTable>,
}

/// Whether an index was usable as it was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opened {
    /// It had the current schema.
    Current,
    /// It was new, or of another schema version, and was (re)created empty.
    Created,
}

/// Refuses an index path that is a folder or a note (by its extension,
/// or its target's for a symbolic link, which SQLite writes through), so
/// that a slip of `--index` neither turns a note into an index nor earns a
/// hint to delete it.
fn refuse_path(path: &Path) -> Result<(), Error> {
    let target = std::fs::canonicalize(path)
        .ok()
        .or_else(|| dangling_target(path));
    let is_note = std::iter::once(path).chain(target.as_deref()).any(|path| {
        path.extension().is_some_and(|ext| {
            crate::vault::NOTE_EXTENSIONS
                .iter()
                .any(|note| ext.eq_ignore_ascii_case(note))
        })
    });
    let what = if path.is_dir() {
        "folder"
    } else if is_note {
        "note"
    } else {
        return Ok(());
    };
    Err(Error::NotAnIndexPath {
        path: path.to_path_buf(),
        what,
    })
}

/// Where a chain of links that ends nowhere points (what SQLite would
/// make), or none when `path` is no link.
fn dangling_target(path: &Path) -> Option<std::path::PathBuf> {
    let mut at = path.to_path_buf();
    let mut followed = false;
    // As many hops as the kernel follows.
    for _ in 0..40 {
        let Ok(target) = std::fs::read_link(&at) else {
            break;
        };
        at = at.parent().unwrap_or(Path::new("")).join(target);
        followed = true;
    }
    followed.then_some(at)
}

/// The file, if any, that stands where `folder` or a folder above it
/// should be: what stops `create_dir_all` with a bare "File exists".
fn blocking_file(folder: &Path) -> Option<&Path> {
    folder
        .ancestors()
        .find(|path| path.exists())
        .filter(|path| !path.is_dir())
}

impl Index {
    /// Opens the index at `path` for scanning, creating it (and its folder)
    /// if needed, and recreating it if its schema version is not ours.
    pub fn open_for_scan(path: &Path) -> Result<(Self, Opened), Error> {
        refuse_path(path)?;
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            // The error names the folder: the I/O error need not again.
            std::fs::create_dir_all(parent).map_err(|source| Error::CreateIndexFolder {
                path: parent.to_path_buf(),
                source: blocking_file(parent).map_or(source, |file| {
                    std::io::Error::other(format!("`{}` is a file, not a folder", file.display()))
                }),
            })?;
        }
        let conn = Connection::open(path).map_err(|source| open_error(path, source))?;
        Index::set_up_for_scan(conn, path)
    }

    /// An index for scanning that lives in memory only, for a vault with
    /// no notes: it answers as an empty index would, and leaves no file
    /// (nor `.kith/` folder) behind at `path`, which its errors name.
    pub fn in_memory_for_scan(path: &Path) -> Result<Self, Error> {
        let conn = Connection::open_in_memory().map_err(|source| open_error(path, source))?;
        Ok(Index::set_up_for_scan(conn, path)?.0)
    }

    fn set_up_for_scan(conn: Connection, path: &Path) -> Result<(Self, Opened), Error> {
        let index = Index {
            conn,
            path: path.to_path_buf(),
            names: OnceCell::new(),
        };
        index.refuse_foreign()?;
        index.configure()?;
        let opened = index.ensure_schema()?;
        Ok((index, opened))
    }

    /// Opens an existing index read-only (for `--no-scan` queries).
    pub fn open_read_only(path: &Path) -> Result<Self, Error> {
        refuse_path(path)?;
        if !path.is_file() {
            return Err(Error::NoIndex {
                path: path.to_path_buf(),
            });
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|source| open_error(path, source))?;
        let index = Index {
            conn,
            path: path.to_path_buf(),
            names: OnceCell::new(),
        };
        index
            .conn
            .busy_timeout(BUSY_TIMEOUT)
            .map_err(|source| open_error(path, source))?;
        index.tune_reads()?;
        index.ready_to_answer()?;
        Ok(index)
    }

    /// Whether the index was written with the extraction settings whose
    /// fingerprint is `extraction` (see
    /// [`Settings::extraction_fingerprint`](crate::settings::Settings::extraction_fingerprint)):
    /// the config's and the rules' (the [`IDENTITY_KEY`] fingerprint ends
    /// with it).
    pub fn made_with(&self, extraction: &str) -> Result<bool, Error> {
        let stored = meta::stored_fingerprint(&self.conn).map_err(|e| self.error(e))?;
        Ok(stored.is_some_and(|stored| stored.ends_with(&format!("-{extraction}"))))
    }

    /// What the walk of the vault met at the last scan that wrote
    /// ([`WALK_WARNINGS_KEY`]): folders it could not read, loops.
    pub fn walk_warnings(&self) -> Result<Vec<Warning>, Error> {
        meta::stored_walk_warnings(&self.conn).map_err(|e| self.error(e))
    }

    /// The vault the index was last written from ([`VAULT_KEY`]), if it
    /// says.
    pub fn written_from(&self) -> Result<Option<VaultRecord>, Error> {
        meta::stored_vault(&self.conn).map_err(|e| self.error(e))
    }

    /// Refuses an index that cannot answer as it is: not kith's, of
    /// another version, missing tables, or never scanned to the end.
    fn ready_to_answer(&self) -> Result<(), Error> {
        let path = self.path.clone();
        let (application_id, version) = self.identity()?;
        if application_id != APPLICATION_ID {
            return Err(if self.table_count()? > 0 {
                Error::NotAnIndex { path }
            } else {
                // Made by a first scan that has not got far.
                Error::UnscannedIndex { path }
            });
        }
        if version != SCHEMA_VERSION {
            return Err(Error::StaleIndex { path });
        }
        if !self.has_every_table()? {
            return Err(Error::IncompleteIndex { path });
        }
        // Made by a first scan that has not ended (it is running, or was
        // killed): empty, which is no answer.
        let scanned = meta::stored_fingerprint(&self.conn)
            .map_err(|source| open_error(&self.path, source))?;
        match scanned {
            Some(_) => Ok(()),
            None => Err(Error::UnscannedIndex { path }),
        }
    }

    /// Starts the one read transaction a question's queries share: one
    /// consistent snapshot, and one lock instead of a lock (and a check of
    /// the file) per statement. It ends when the index is dropped.
    pub fn begin_reading(&self) -> Result<(), Error> {
        self.conn.execute_batch("BEGIN").map_err(|e| self.error(e))
    }

    /// The index file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The connection, for queries in this module's children.
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The connection, for the scan's transaction.
    pub(crate) fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    /// A query error naming this index.
    pub(crate) fn error(&self, source: rusqlite::Error) -> Error {
        Error::QueryIndex {
            path: self.path.clone(),
            source,
        }
    }

    /// Refuses a database that holds tables but is not a kith index, before
    /// anything (WAL mode) changes it.
    fn refuse_foreign(&self) -> Result<(), Error> {
        let fail = |source| open_error(&self.path, source);
        self.conn.busy_timeout(BUSY_TIMEOUT).map_err(fail)?;
        // One statement, so one snapshot: another scan creating the index
        // commits its tables and its mark together.
        let (application_id, tables): (i64, i64) = self
            .conn
            .query_row(
                "SELECT (SELECT application_id FROM pragma_application_id()),
                        (SELECT count(*) FROM sqlite_schema)",
                [],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .map_err(fail)?;
        if application_id != APPLICATION_ID && tables > 0 {
            return Err(Error::NotAnIndex {
                path: self.path.clone(),
            });
        }
        Ok(())
    }

    /// Sets up a connection [`Index::refuse_foreign`] has let through (its
    /// busy timeout is set there).
    fn configure(&self) -> Result<(), Error> {
        let conn = &self.conn;
        // Only a database with nothing in it yet takes a page size: set
        // before WAL mode, which writes the first page.
        conn.pragma_update(None, "page_size", PAGE_SIZE)
            .map_err(|source| open_error(&self.path, source))?;
        self.enable_wal()?;
        self.tune_reads()?;
        // Index builds after a bulk insert sort millions of rows: let
        // SQLite's sorter use a helper thread per core.
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        conn.pragma_update(None, "threads", i64::try_from(cores).unwrap_or(1))
            .map_err(|source| open_error(&self.path, source))?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .and_then(|()| conn.pragma_update(None, "temp_store", "MEMORY"))
            .map_err(|source| open_error(&self.path, source))
    }

    /// Switches a new database to WAL mode. The switch needs the database
    /// to itself, and SQLite reports a clash with another process doing
    /// the same (two scans of a new index) as busy without waiting, so
    /// this waits here, up to the busy timeout.
    fn enable_wal(&self) -> Result<(), Error> {
        let started = std::time::Instant::now();
        loop {
            match self.conn.pragma_update(None, "journal_mode", "WAL") {
                Ok(()) => return Ok(()),
                Err(source)
                    if source.sqlite_error_code() == Some(ErrorCode::DatabaseBusy)
                        && started.elapsed() < BUSY_TIMEOUT =>
                {
                    std::thread::sleep(Duration::from_millis(10));
                }
                Err(source) => return Err(open_error(&self.path, source)),
            }
        }
    }

    /// Reads through a memory map and a larger page cache: a query touches
    /// pages all over the file, and a `pread` per page costs more than the
    /// lookup itself.
    fn tune_reads(&self) -> Result<(), Error> {
        self.conn
            .pragma_update(None, "mmap_size", MMAP_SIZE)
            .and_then(|()| {
                self.conn
                    .pragma_update(None, "cache_size", -QUERY_CACHE_KIB)
            })
            .map_err(|source| open_error(&self.path, source))
    }

    /// Switches between writing (a scan) and reading (queries). A scan
    /// writes through a small page cache and no memory map: it reads
    /// little of the old index, and a map would keep every page it
    /// touches resident. Queries read pages all over the file.
    pub(crate) fn set_writing(&self, writing: bool) -> rusqlite::Result<()> {
        let (mmap, cache) = if writing {
            (0, SCAN_CACHE_KIB)
        } else {
            (MMAP_SIZE, QUERY_CACHE_KIB)
        };
        self.conn.pragma_update(None, "mmap_size", mmap)?;
        self.conn.pragma_update(None, "cache_size", -cache)
    }

    /// How many tables the database holds, kith's or not.
    fn table_count(&self) -> Result<i64, Error> {
        self.conn
            .query_row("SELECT count(*) FROM sqlite_schema", [], |row| row.get(0))
            .map_err(|source| open_error(&self.path, source))
    }

    /// Whether every table of the schema is there (a damaged index, or
    /// one a person edited, may lack some).
    fn has_every_table(&self) -> Result<bool, Error> {
        let tables: Vec<String> = self
            .conn
            .prepare("SELECT name FROM sqlite_schema WHERE type = 'table'")
            .and_then(|mut statement| {
                statement
                    .query_map([], |row| row.get(0))?
                    .collect::<rusqlite::Result<_>>()
            })
            .map_err(|source| open_error(&self.path, source))?;
        Ok(SCHEMA_TABLES
            .iter()
            .all(|table| tables.iter().any(|found| found == table)))
    }

    /// Whether this is a whole kith index of this version.
    fn is_current(&self) -> Result<bool, Error> {
        let (application_id, version) = self.identity()?;
        Ok(application_id == APPLICATION_ID
            && version == SCHEMA_VERSION
            && self.has_every_table()?)
    }

    fn identity(&self) -> Result<(i64, i64), Error> {
        let read = |pragma: &str| {
            self.conn
                .pragma_query_value(None, pragma, |row| row.get::<_, i64>(0))
                .map_err(|source| open_error(&self.path, source))
        };
        Ok((read("application_id")?, read("user_version")?))
    }

    /// Creates the schema in an empty database, or recreates it in a kith
    /// index of another version or with tables missing. Refuses a database
    /// that is not kith's.
    fn ensure_schema(&self) -> Result<Opened, Error> {
        if self.is_current()? {
            return Ok(Opened::Current);
        }
        // Look again with the write lock held: another scan may have
        // created the schema since.
        let fail = |source| open_error(&self.path, source);
        self.conn.execute_batch("BEGIN IMMEDIATE").map_err(fail)?;
        let decided = self.is_current().and_then(|current| {
            let (application_id, _) = self.identity()?;
            Ok((current, application_id, self.table_count()?))
        });
        let (current, application_id, tables) = match decided {
            Ok(found) => found,
            Err(error) => {
                drop(self.conn.execute_batch("ROLLBACK"));
                return Err(error);
            }
        };
        if current {
            self.conn.execute_batch("COMMIT").map_err(fail)?;
            return Ok(Opened::Current);
        }
        if application_id != APPLICATION_ID && tables > 0 {
            drop(self.conn.execute_batch("ROLLBACK"));
            return Err(Error::NotAnIndex {
                path: self.path.clone(),
            });
        }
        let mut statements = String::new();
        if tables > 0 {
            statements.push_str(DROP_TABLES);
            statements.push('\n');
        }
        statements.push_str(SCHEMA);
        statements.push_str(INDEXES);
        statements.push_str(&format!(
            "PRAGMA application_id = {APPLICATION_ID};\nPRAGMA user_version = {SCHEMA_VERSION};\nCOMMIT;\n"
        ));
        if let Err(source) = self.conn.execute_batch(&statements) {
            drop(self.conn.execute_batch("ROLLBACK"));
            return Err(fail(source));
        }
        Ok(Opened::Created)
    }
}

/// Where a vault's index is kept unless told otherwise.
pub const DEFAULT_INDEX: &str = ".kith/index.sqlite";

/// Whether the file at `path` starts as every SQLite database does: a
/// file shorter than that header does not; one that cannot be read is
/// given the benefit of the doubt.
fn starts_like_sqlite(path: &Path) -> bool {
    use std::io::Read;
    const MAGIC: &[u8; 16] = b"SQLite format 3\0";
    let mut start = Vec::with_capacity(MAGIC.len());
    std::fs::File::open(path)
        .and_then(|file| file.take(MAGIC.len() as u64).read_to_end(&mut start))
        .map_or(true, |_| start == MAGIC)
}

fn open_error(path: &Path, source: rusqlite::Error) -> Error {
    let path = path.to_path_buf();
    // A write killed before the index was in WAL mode (a first scan, as it
    // makes the file) leaves a journal only a writer can roll back; a
    // read-only connection (`--no-scan`) is told "read-only", which would
    // send the user to check permissions that are fine.
    if let rusqlite::Error::SqliteFailure(failure, _) = &source
        && failure.extended_code == rusqlite::ffi::SQLITE_READONLY_ROLLBACK
    {
        return Error::InterruptedWrite { path };
    }
    match source.sqlite_error_code() {
        // Not SQLite at all, and not where kith keeps its index (a config
        // or a picture given as --index): not kith's, so no hint to
        // delete it.
        Some(ErrorCode::NotADatabase)
            if !path.ends_with(DEFAULT_INDEX) && !starts_like_sqlite(&path) =>
        {
            Error::NotADatabase { path }
        }
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => {
            Error::CorruptIndex { path, source }
        }
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Error::BusyIndex { path },
        Some(ErrorCode::ReadOnly | ErrorCode::PermissionDenied) => {
            Error::ReadOnlyIndex { path, source }
        }
        _ => Error::OpenIndex { path, source },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_read_only_index_is_told_apart_from_a_damaged_one() {
        let failure = |code| rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(code), None);
        let path = Path::new("ro/index.sqlite");
        let read_only = open_error(path, failure(rusqlite::ffi::SQLITE_READONLY));
        assert!(
            matches!(read_only, Error::ReadOnlyIndex { .. }),
            "{read_only:?}"
        );
        let hint = read_only.hint().unwrap();
        assert!(
            hint.contains("--index") && !hint.contains("delete"),
            "{hint}"
        );
        let damaged = open_error(path, failure(rusqlite::ffi::SQLITE_NOTADB));
        assert!(matches!(damaged, Error::CorruptIndex { .. }), "{damaged:?}");
        // An index that opened, then could not be written, has that hint too.
        let write_failed = Error::QueryIndex {
            path: path.to_path_buf(),
            source: failure(rusqlite::ffi::SQLITE_READONLY),
        };
        assert_eq!(write_failed.hint(), Some(hint));
    }

    #[test]
    fn schema_tables_are_the_tables_schema_sql_makes() {
        let made: Vec<&str> = SCHEMA
            .lines()
            .filter_map(|line| line.strip_prefix("CREATE TABLE "))
            .filter_map(|rest| rest.split_whitespace().next())
            .collect();
        assert_eq!(made, SCHEMA_TABLES);
    }

    fn page_size(path: &Path) -> i64 {
        Connection::open(path)
            .unwrap()
            .pragma_query_value(None, "page_size", |row| row.get(0))
            .unwrap()
    }

    #[test]
    fn a_new_index_has_big_pages_and_an_old_one_keeps_its_own() {
        let dir = tempfile::tempdir().unwrap();
        let new = dir.path().join("new.sqlite");
        drop(Index::open_for_scan(&new).unwrap());
        assert_eq!(page_size(&new), PAGE_SIZE);

        // An index of an older schema made with SQLite's default pages is
        // made again in the same file: its pages keep their size.
        let old = dir.path().join("old.sqlite");
        let conn = Connection::open(&old).unwrap();
        conn.pragma_update(None, "journal_mode", "WAL").unwrap();
        conn.pragma_update(None, "application_id", APPLICATION_ID)
            .unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION - 1)
            .unwrap();
        conn.execute_batch("CREATE TABLE t (x)").unwrap();
        drop(conn);
        assert_eq!(page_size(&old), 4096);
        let (_, opened) = Index::open_for_scan(&old).unwrap();
        assert!(matches!(opened, Opened::Created));
        assert_eq!(page_size(&old), 4096);
    }

    /// What `--no-scan` says of a file that is no finished kith index.
    #[test]
    fn a_read_only_open_names_what_the_file_is() {
        let dir = tempfile::tempdir().unwrap();
        let open = |name: &str| Index::open_read_only(&dir.path().join(name)).err();

        // Another program's database.
        let other = Connection::open(dir.path().join("other.db")).unwrap();
        other.execute_batch("CREATE TABLE t (x)").unwrap();
        drop(other);
        assert!(matches!(open("other.db"), Some(Error::NotAnIndex { .. })));

        // An empty file: what a first scan makes before anything else.
        std::fs::write(dir.path().join("empty.db"), "").unwrap();
        assert!(matches!(
            open("empty.db"),
            Some(Error::UnscannedIndex { .. })
        ));

        // A write killed before WAL mode (as a first scan's, while it makes
        // the file): the copy of a database in the middle of a write
        // transaction, with its journal, is what it leaves (a journal only
        // a writer can roll back).
        let writing = dir.path().join("writing.db");
        let conn = Connection::open(&writing).unwrap();
        conn.pragma_update(None, "cache_size", 1).unwrap();
        conn.execute_batch("CREATE TABLE t (x); BEGIN;").unwrap();
        for _ in 0..40 {
            conn.execute("INSERT INTO t VALUES (randomblob(10000))", [])
                .unwrap();
        }
        std::fs::copy(&writing, dir.path().join("killed.db")).unwrap();
        std::fs::copy(
            dir.path().join("writing.db-journal"),
            dir.path().join("killed.db-journal"),
        )
        .unwrap();
        drop(conn);
        assert!(matches!(
            open("killed.db"),
            Some(Error::InterruptedWrite { .. })
        ));

        // A kith index with a table gone: refused, and a scan makes it anew.
        let index = dir.path().join("index.sqlite");
        drop(Index::open_for_scan(&index).unwrap());
        let conn = Connection::open(&index).unwrap();
        conn.execute_batch("INSERT INTO meta VALUES ('identity', 'x'); DROP TABLE postings;")
            .unwrap();
        drop(conn);
        assert!(matches!(
            open("index.sqlite"),
            Some(Error::IncompleteIndex { .. })
        ));
        let (index, opened) = Index::open_for_scan(&index).unwrap();
        assert!(matches!(opened, Opened::Created));
        assert!(index.has_every_table().unwrap());
    }
}
