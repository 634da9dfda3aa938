//! The two tiers of problems kith meets.
//!
//! A [`Warning`] is one note's problem (malformed frontmatter, invalid
//! UTF-8, a binary or huge file, a symlink loop): it is reported and every
//! other note is still processed. An [`Error`] means kith cannot go on.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::text::escape_controls;

/// A problem with one file of the vault; the scan goes on without it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// Path relative to the vault root, with `/` separators.
    pub path: String,
    /// 1-based line in the file, where known.
    pub line: Option<usize>,
    /// What went wrong, lowercase, no trailing period.
    pub message: String,
    /// What it is about, for `kith check`.
    pub kind: WarningKind,
}

/// What a warning is about: the kinds `kith check` tells apart among the
/// warnings a scan keeps with their notes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum WarningKind {
    /// Frontmatter that could not be read, or a date key with no date.
    Frontmatter,
    /// A link that matches several notes, one of them a person note.
    AmbiguousLink,
    /// Anything else.
    #[default]
    Other,
}

impl WarningKind {
    /// The name the index stores.
    pub fn as_str(self) -> &'static str {
        match self {
            WarningKind::Frontmatter => "frontmatter",
            WarningKind::AmbiguousLink => "ambiguous-link",
            WarningKind::Other => "other",
        }
    }

    /// The kind stored as `name` (an unknown name is [`WarningKind::Other`]).
    pub fn from_name(name: &str) -> Self {
        match name {
            "frontmatter" => WarningKind::Frontmatter,
            "ambiguous-link" => WarningKind::AmbiguousLink,
            _ => WarningKind::Other,
        }
    }
}

impl Warning {
    /// A warning about a whole file.
    pub fn file(path: impl Into<String>, message: impl Into<String>) -> Self {
        Warning {
            path: path.into(),
            line: None,
            message: message.into(),
            kind: WarningKind::Other,
        }
    }

    /// A warning about one line of a file.
    pub fn at_line(path: impl Into<String>, line: usize, message: impl Into<String>) -> Self {
        Warning {
            path: path.into(),
            line: Some(line),
            message: message.into(),
            kind: WarningKind::Other,
        }
    }

    /// The same warning, of `kind`.
    pub fn of_kind(self, kind: WarningKind) -> Self {
        Warning { kind, ..self }
    }
}

impl fmt::Display for Warning {
    /// `path:line: message`, the grep style editors jump to. Control
    /// characters (a newline in a file name, an escape code in a value the
    /// message quotes) are written escaped, so a warning stays one
    /// harmless line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&escape_controls(&self.path))?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        write!(f, ": {}", escape_controls(&self.message))
    }
}

/// A failure that stops the command.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The vault was given twice, as VAULT and with `--vault`, differently.
    #[error("two vaults given: `{}` (VAULT) and `{}` (--vault)", positional.display(), flag.display())]
    TwoVaults {
        /// The VAULT argument.
        positional: PathBuf,
        /// The `--vault` option.
        flag: PathBuf,
    },
    /// The vault folder does not exist or is not a folder.
    #[error("vault `{}` {}", path.display(), if path.exists() { "is not a folder" } else { "does not exist" })]
    VaultNotFound {
        /// The path given.
        path: PathBuf,
    },
    /// The index could not be opened or created.
    #[error("cannot open the index `{}`", path.display())]
    OpenIndex {
        /// The index file.
        path: PathBuf,
        /// What SQLite said.
        #[source]
        source: rusqlite::Error,
    },
    /// The index folder could not be created.
    #[error("cannot create the index folder `{}`", path.display())]
    CreateIndexFolder {
        /// The folder.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// There is no index yet and `--no-scan` forbids building one.
    #[error("no index at `{}`", path.display())]
    NoIndex {
        /// Where the index was looked for.
        path: PathBuf,
    },
    /// The index was made by a scan that has not ended (still running, or
    /// killed): it holds nothing yet.
    #[error("the index `{}` has not been scanned to the end yet", path.display())]
    UnscannedIndex {
        /// The index file.
        path: PathBuf,
    },
    /// A write to the index was cut short (before the index was in WAL
    /// mode) and left a journal only a writer can roll back.
    #[error("a write to the index `{}` was cut short, and only a scan can undo it", path.display())]
    InterruptedWrite {
        /// The index file.
        path: PathBuf,
    },
    /// The index lacks some of its tables (damaged, or edited by hand).
    #[error("the index `{}` is missing some of its tables", path.display())]
    IncompleteIndex {
        /// The index file.
        path: PathBuf,
    },
    /// The index was written by another version of kith.
    #[error("the index `{}` was written by another version of kith", path.display())]
    StaleIndex {
        /// The index file.
        path: PathBuf,
    },
    /// The file is an SQLite database, but not a kith index.
    #[error("`{}` is a database but not a kith index; kith will not touch it", path.display())]
    NotAnIndex {
        /// The file.
        path: PathBuf,
    },
    /// The file is not an SQLite database, so not a kith index.
    #[error("`{}` is not a database, so not a kith index; kith will not touch it", path.display())]
    NotADatabase {
        /// The file.
        path: PathBuf,
    },
    /// The index path is a folder or a note: never made an index of.
    #[error("`{}` is a {what}, not an index; kith will not touch it", path.display())]
    NotAnIndexPath {
        /// The path given.
        path: PathBuf,
        /// `folder` or `note`.
        what: &'static str,
    },
    /// The index file is damaged.
    #[error("the index `{}` is damaged", path.display())]
    CorruptIndex {
        /// The index file.
        path: PathBuf,
        /// What SQLite said.
        #[source]
        source: rusqlite::Error,
    },
    /// The index, or its folder, cannot be written (SQLite keeps its log
    /// files beside the index, even to read it).
    #[error("cannot write the index `{}`", path.display())]
    ReadOnlyIndex {
        /// The index file.
        path: PathBuf,
        /// What SQLite said.
        #[source]
        source: rusqlite::Error,
    },
    /// Another process holds the index for too long.
    #[error("the index `{}` is busy: another kith scan is still running", path.display())]
    BusyIndex {
        /// The index file.
        path: PathBuf,
    },
    /// A query or write against the index failed.
    #[error("index `{}` failed", path.display())]
    QueryIndex {
        /// The index file.
        path: PathBuf,
        /// What SQLite said.
        #[source]
        source: rusqlite::Error,
    },
    /// Writing a report file failed.
    #[error("cannot write `{}`", path.display())]
    WriteOutput {
        /// The file asked for.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// `--output` names a note in the vault that kith did not write.
    #[error("`{}` is a note of the vault without `kith: generated`; kith does not overwrite notes", path.display())]
    OverwriteNote {
        /// The file asked for.
        path: PathBuf,
    },
    /// `--output` names a digest or report kith wrote into the vault, and
    /// the format asked for would leave a note without `kith: generated`.
    #[error("`{}` is a report kith wrote for the vault; as {format}, it would have no `kith: generated`, and be read as a note", path.display())]
    OverwriteGenerated {
        /// The file asked for.
        path: PathBuf,
        /// The format asked for (`html`, `gfm`, `json`).
        format: String,
    },
    /// `kith init --force` found the config to be a symbolic link.
    #[error("`{}` is a symbolic link (to `{}`); kith does not write through it", path.display(), target.display())]
    LinkedConfig {
        /// The config's path.
        path: PathBuf,
        /// Where the link points.
        target: PathBuf,
    },
    /// `--since` is after `--until` (or after today, where `--until` is
    /// not given and the period ends today).
    #[error(
        "--since {since} is after {} {until}: no day is in that window",
        if *until_given { "--until" } else { "today," }
    )]
    EmptyWindow {
        /// The first day asked for.
        since: chrono::NaiveDate,
        /// The last day asked for.
        until: chrono::NaiveDate,
        /// Whether `--until` said so (else it is today).
        until_given: bool,
    },
    /// `--week` is not an ISO week.
    #[error("invalid week `{value}`: expected an ISO week such as 2026-W48")]
    InvalidWeek {
        /// What was given.
        value: String,
    },
    /// `--week` is a week of year 0, before the first day kith knows.
    #[error("`{value}` {}", crate::note::date::BEFORE_FIRST_DAY)]
    WeekBeforeFirstDay {
        /// What was given.
        value: String,
    },
    /// The vault's config could not be read.
    #[error("cannot read the config `{}`", path.display())]
    ReadConfig {
        /// The config file.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The vault's config is invalid.
    #[error("{}{}: {message}", path.display(), line.map(|l| format!(":{l}")).unwrap_or_default())]
    Config {
        /// The config file.
        path: PathBuf,
        /// The line, where known.
        line: Option<usize>,
        /// What is wrong, naming the key.
        message: String,
    },
    /// A date argument could not be read.
    #[error("invalid date `{value}`: expected YYYY-MM-DD")]
    InvalidDate {
        /// What was given.
        value: String,
    },
}

/// The hint for an index kith cannot write.
const READ_ONLY_HINT: &str = "kith writes the index and its `-wal` and `-shm` files beside it, even to read it: \
     make them and their folder writable, or put the index elsewhere with --index (or KITH_INDEX)";

impl Error {
    /// A suggestion of how to fix it, if there is one.
    pub fn hint(&self) -> Option<String> {
        match self {
            Error::TwoVaults { .. } => {
                Some("give the vault once: as VAULT or with --vault".to_owned())
            }
            Error::VaultNotFound { .. } => Some(
                "give the folder of your notes as VAULT, with --vault, or in KITH_VAULT".to_owned(),
            ),
            Error::OpenIndex { path, .. } | Error::CorruptIndex { path, .. } => {
                Some(damaged_index_hint(path))
            }
            Error::ReadOnlyIndex { .. } => Some(READ_ONLY_HINT.to_owned()),
            Error::CreateIndexFolder { source, .. }
                if matches!(
                    source.kind(),
                    std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem
                ) =>
            {
                Some(
                    "make the folder writable, or put the index elsewhere with --index (or KITH_INDEX)"
                        .to_owned(),
                )
            }
            // A scan that finds the index writable to open, but not to write.
            Error::QueryIndex { source, .. }
                if matches!(
                    source.sqlite_error_code(),
                    Some(rusqlite::ErrorCode::ReadOnly | rusqlite::ErrorCode::PermissionDenied)
                ) =>
            {
                Some(READ_ONLY_HINT.to_owned())
            }
            // Damage found past the file's header, in the middle of a query:
            // SQLite's.
            Error::QueryIndex { path, source }
                if matches!(
                    source.sqlite_error_code(),
                    Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase)
                ) =>
            {
                Some(damaged_index_hint(path))
            }
            // Rows that are not what kith wrote (a blob that does not
            // decode, a value of the wrong type, rows that contradict each
            // other): edited by hand, or damaged. A rebuild reads none of
            // them.
            Error::QueryIndex { source, .. }
                if matches!(
                    source,
                    rusqlite::Error::FromSqlConversionFailure(..)
                        | rusqlite::Error::InvalidColumnType(..)
                ) || source.sqlite_error_code()
                    == Some(rusqlite::ErrorCode::ConstraintViolation) =>
            {
                Some("run `kith scan --rebuild`: it builds the index afresh".to_owned())
            }
            Error::NoIndex { .. }
            | Error::StaleIndex { .. }
            | Error::UnscannedIndex { .. }
            | Error::InterruptedWrite { .. } => {
                Some("run `kith scan` first, or leave out --no-scan".to_owned())
            }
            Error::IncompleteIndex { .. } => Some(
                "run `kith scan` (it builds the index again), or leave out --no-scan".to_owned(),
            ),
            Error::NotAnIndex { .. }
            | Error::NotAnIndexPath { .. }
            | Error::NotADatabase { .. } => {
                Some("point --index (or KITH_INDEX) at a new file or a kith index".to_owned())
            }
            // A linked config (shared between vaults) is fixed where it
            // points: `init --force` does not write through links.
            Error::Config { path, .. } => Some(match std::fs::read_link(path) {
                Ok(target) => format!(
                    "fix the setting in `{}`, which the config links to",
                    target.display()
                ),
                Err(_) => {
                    "fix the setting: `kith init --print` shows every setting, its default and what it does"
                        .to_owned()
                }
            }),
            Error::BusyIndex { .. } => {
                Some("wait for the other scan to finish, then try again".to_owned())
            }
            Error::EmptyWindow { until_given, .. } => Some(if *until_given {
                "give a --since on or before --until".to_owned()
            } else {
                "give a --since on or before today, or an --until after it (or --today)".to_owned()
            }),
            Error::InvalidWeek { .. } => Some(
                "a week is YYYY-Www, Monday to Sunday, W01 to W52 (W53 in some years): `kith digest --week 2026-W48`"
                    .to_owned(),
            ),
            Error::OverwriteNote { .. } => Some(
                "give --output a new file, or a digest kith wrote with --format md (a `gfm` one has no frontmatter to say so: keep it out of the vault, where it would count as a note)"
                    .to_owned(),
            ),
            Error::OverwriteGenerated { .. } => Some(
                "replace it with --format md, or give this format a file of its own (such as `digest.html`, outside the vault for `gfm`)"
                    .to_owned(),
            ),
            Error::LinkedConfig { .. } => {
                Some("remove the link (or edit what it points to) and run `kith init` again".to_owned())
            }
            Error::WriteOutput { source, .. }
                if source.kind() == std::io::ErrorKind::IsADirectory =>
            {
                Some("give a file's name, not a folder's".to_owned())
            }
            _ => None,
        }
    }
}

/// What to do about an index that cannot be read: delete it, when it is a
/// file with something in it (never `/dev/null`, nor a file of `/proc`,
/// which says it is empty), or choose another.
fn damaged_index_hint(path: &Path) -> String {
    let is_file =
        std::fs::symlink_metadata(path).is_ok_and(|meta| meta.is_file() && meta.len() > 0);
    if is_file {
        format!(
            "delete `{}` and run `kith scan --rebuild`, or put the index elsewhere with --index",
            path.display()
        )
    } else {
        "put the index in a file of its own with --index (or KITH_INDEX)".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_index_folder_kith_may_not_make_points_to_index() {
        let error = |kind| Error::CreateIndexFolder {
            path: PathBuf::from("ro/.kith"),
            source: std::io::Error::from(kind),
        };
        let hint = error(std::io::ErrorKind::PermissionDenied).hint().unwrap();
        assert!(hint.contains("--index"), "{hint}");
        assert_eq!(error(std::io::ErrorKind::AlreadyExists).hint(), None);
    }

    #[test]
    fn only_a_file_of_the_users_is_to_be_deleted() {
        let file = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(file.path(), b"not a database").unwrap();
        assert!(damaged_index_hint(file.path()).starts_with("delete `"));
        for path in ["/dev/null", "/proc/self/status"] {
            let hint = damaged_index_hint(Path::new(path));
            assert!(!hint.contains("delete"), "{path}: {hint}");
        }
    }

    #[test]
    fn a_warning_writes_control_characters_in_its_path_escaped() {
        let warning = Warning::at_line("Inbox/new\nline \u{1b}[31mred.md", 3, "bad");
        assert_eq!(
            warning.to_string(),
            "Inbox/new\\nline \\u{1b}[31mred.md:3: bad"
        );
        assert_eq!(Warning::file("Zoë\t.md", "x").to_string(), "Zoë\\t.md: x");
        assert_eq!(Warning::file("Zoë.md", "x").to_string(), "Zoë.md: x");
    }
}
