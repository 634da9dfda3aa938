//! Walk a vault with `walkdir`: notes only, hidden entries skipped, sorted.

use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use rayon::prelude::*;
use walkdir::{DirEntry, WalkDir};

use super::{NOTE_EXTENSIONS, NoteFile, SKIPPED_FOLDERS};
use crate::config::FolderFilter;
use crate::error::Warning;

/// How to walk a vault.
#[derive(Debug, Clone, Default)]
pub struct WalkOptions {
    /// Follow symbolic links (loops and links leaving the vault are warnings).
    pub follow_links: bool,
    /// Folders the config says to skip.
    pub ignore_folders: FolderFilter,
}

/// What a walk found.
#[derive(Debug, Default)]
pub struct Walked {
    /// Note files, sorted by relative path.
    pub notes: Vec<NoteFile>,
    /// Problems met on the way (loops, unreadable folders).
    pub warnings: Vec<Warning>,
    /// Entries passed over on purpose (hidden, `node_modules`, symlinks,
    /// non-regular files), relative paths, for `-v`.
    pub skipped: Vec<String>,
}

/// Walks `root` and returns every note under it, sorted by relative path.
pub fn walk(root: &Path, options: &WalkOptions) -> Walked {
    let mut walked = Walked::default();
    let canonical_root = if options.follow_links {
        root.canonicalize().ok()
    } else {
        None
    };
    // Note files found, with their relative paths, to be stat'ed.
    let mut found: Vec<(DirEntry, String)> = Vec::new();
    let mut entries = WalkDir::new(root)
        .follow_links(options.follow_links)
        .into_iter();
    // Depth 0 is the root itself, which may well be `.`: never skip it.
    while let Some(entry) = entries.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                match walk_warning(root, &err) {
                    Ok(warning) => walked.warnings.push(warning),
                    Err(rel_path) => walked.skipped.push(rel_path),
                }
                continue;
            }
        };
        if entry.depth() == 0 {
            continue;
        }
        let rel_path = relative_path(root, entry.path());
        if is_skipped_name(&entry)
            || (entry.file_type().is_dir() && options.ignore_folders.skips(&rel_path))
        {
            if entry.file_type().is_dir() {
                entries.skip_current_dir();
            }
            walked.skipped.push(rel_path);
            continue;
        }
        if entry.file_type().is_dir() {
            if let Some(canonical_root) = &canonical_root
                && entry.path_is_symlink()
                && !points_inside(entry.path(), canonical_root)
            {
                walked.warnings.push(Warning::file(
                    rel_path,
                    "symlink points outside the vault, skipped",
                ));
                entries.skip_current_dir();
            }
            continue;
        }
        if !has_note_extension(entry.path()) {
            continue;
        }
        if entry.path_is_symlink() && !options.follow_links {
            walked.skipped.push(rel_path);
            continue;
        }
        if !entry.file_type().is_file() {
            if entry.file_type().is_symlink() {
                walked
                    .warnings
                    .push(Warning::file(rel_path, "dangling symlink, skipped"));
            } else {
                walked.skipped.push(rel_path);
            }
            continue;
        }
        if let Some(canonical_root) = &canonical_root
            && entry.path_is_symlink()
            && !points_inside(entry.path(), canonical_root)
        {
            walked.warnings.push(Warning::file(
                rel_path,
                "symlink points outside the vault, skipped",
            ));
            continue;
        }
        found.push((entry, rel_path));
    }
    // Reading directories is quick; asking for each file's size and time
    // is most of a walk, so it runs on every core.
    let stated: Vec<Result<NoteFile, Warning>> = found
        .into_par_iter()
        .map(|(entry, rel_path)| match entry.metadata() {
            Ok(meta) => Ok(NoteFile {
                size: meta.len(),
                mtime_ns: mtime_ns(&meta),
                abs_path: entry.into_path(),
                rel_path,
            }),
            Err(err) => Err(Warning::file(rel_path, format!("cannot stat: {err}"))),
        })
        .collect();
    for result in stated {
        match result {
            Ok(note) => walked.notes.push(note),
            Err(warning) => walked.warnings.push(warning),
        }
    }
    // Paths are unique: an unstable sort is as good, and quicker.
    walked
        .notes
        .par_sort_unstable_by(|a, b| a.rel_path.cmp(&b.rel_path));
    walked.warnings.sort_by(|a, b| a.path.cmp(&b.path));
    walked
}

fn is_skipped_name(entry: &DirEntry) -> bool {
    let name = entry.file_name().to_string_lossy();
    name.starts_with('.')
        || (entry.file_type().is_dir() && SKIPPED_FOLDERS.contains(&name.as_ref()))
}

fn has_note_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|ext| ext.to_str())
        .is_some_and(|ext| {
            NOTE_EXTENSIONS
                .iter()
                .any(|known| ext.eq_ignore_ascii_case(known))
        })
}

/// The path of `path` under `root`, with `/` separators.
fn relative_path(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    // The usual case, a clean UTF-8 path with `/` separators, as it is.
    #[cfg(unix)]
    if let Some(text) = rel.to_str()
        && !text.starts_with("./")
        && !text.contains("//")
        && !text.contains("/./")
    {
        return text.to_owned();
    }
    let mut out = String::new();
    for (i, part) in rel.components().enumerate() {
        if i > 0 {
            out.push('/');
        }
        out.push_str(&part.as_os_str().to_string_lossy());
    }
    out
}

fn points_inside(path: &Path, canonical_root: &Path) -> bool {
    path.canonicalize()
        .is_ok_and(|target| target.starts_with(canonical_root))
}

fn mtime_ns(meta: &std::fs::Metadata) -> i64 {
    meta.modified()
        .ok()
        .and_then(|time| time.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |age| i64::try_from(age.as_nanos()).unwrap_or(i64::MAX))
}

/// The warning for an entry the walk could not read, or `Err` with its
/// path when it is passed over quietly (a hidden entry, or a dangling
/// link that is not named like a note).
fn walk_warning(root: &Path, err: &walkdir::Error) -> Result<Warning, String> {
    let path = err
        .path()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let rel_path = relative_path(root, &path);
    let hidden = path
        .file_name()
        .is_some_and(|name| name.to_string_lossy().starts_with('.'));
    if hidden && err.depth() > 0 {
        return Err(rel_path);
    }
    if err.loop_ancestor().is_some() {
        return Ok(Warning::file(rel_path, "symlink loop, skipped"));
    }
    let is_link = std::fs::symlink_metadata(&path).is_ok_and(|meta| meta.file_type().is_symlink());
    if let Some(io) = err.io_error()
        && is_link
    {
        #[cfg(unix)]
        if io.raw_os_error() == Some(libc::ELOOP) {
            return Ok(Warning::file(rel_path, "symlink loop, skipped"));
        }
        if io.kind() == std::io::ErrorKind::NotFound {
            if !has_note_extension(&path) {
                return Err(rel_path);
            }
            return Ok(Warning::file(rel_path, "dangling symlink, skipped"));
        }
    }
    let cause = err
        .io_error()
        .map_or_else(|| err.to_string(), ToString::to_string);
    Ok(Warning::file(rel_path, format!("cannot read: {cause}")))
}
