//! The vault on disk: which files are notes, and where they are.

mod walk;

use std::path::{Path, PathBuf};

pub use walk::{WalkOptions, Walked, walk};

/// One note file found in the vault.
#[derive(Debug, Clone)]
pub struct NoteFile {
    /// Absolute (or vault-joined) path used to read the file.
    pub abs_path: PathBuf,
    /// Path relative to the vault root, with `/` separators.
    pub rel_path: String,
    /// Size in bytes, from the walk's `stat`.
    pub size: u64,
    /// Modification time in nanoseconds since the Unix epoch (0 if unknown).
    pub mtime_ns: i64,
    /// Changes when the file may have changed though its size and
    /// modification time say not: made from its inode and status-change
    /// time, which move when a note is renamed over another, rewritten
    /// within one tick of a coarse clock, or given an old time back
    /// (`touch -d`, `rsync -t`, unzip). 0 where the platform has neither.
    pub change_stamp: i64,
}

/// File extensions read as notes (compared case-insensitively).
pub const NOTE_EXTENSIONS: [&str; 2] = ["md", "markdown"];

/// Folders skipped besides every dot-entry.
pub const SKIPPED_FOLDERS: [&str; 1] = ["node_modules"];

/// `rel` inside `vault`, as a user would write it: `.kith/config.yaml` in
/// the current folder, not `./.kith/config.yaml`.
pub fn path_in(vault: &Path, rel: impl AsRef<Path>) -> PathBuf {
    if vault == Path::new(".") {
        rel.as_ref().to_path_buf()
    } else {
        vault.join(rel)
    }
}
