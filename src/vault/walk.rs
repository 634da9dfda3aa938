//! Walk a vault with `walkdir`: notes only, hidden entries skipped, sorted.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use rayon::iter::Either;
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
    /// non-regular files, with `--follow-links` other paths to a note
    /// already found), relative paths, for `-v`.
    pub skipped: Vec<String>,
    /// Folders whose name is not UTF-8: warned about when they hold notes.
    folders_not_utf8: Vec<String>,
}

/// Walks `root` and returns every note under it, sorted by relative path.
pub fn walk(root: &Path, options: &WalkOptions) -> Walked {
    let mut walked = if options.follow_links {
        // Loops are found by looking up the folders above: one walk from
        // the root sees them all.
        let canonical_root = root.canonicalize().ok();
        walk_tree(root, root, options, canonical_root.as_deref(), false).0
    } else {
        // The folders at the top are walked side by side: reading folders
        // is a tenth of a scan that finds nothing to do, and the files of
        // one are stat'ed while the next is read.
        let (mut walked, subtrees) = walk_tree(root, root, options, None, true);
        let parts: Vec<Walked> = subtrees
            .par_iter()
            .map(|subtree| walk_tree(root, subtree, options, None, false).0)
            .collect();
        walked
            .notes
            .reserve(parts.iter().map(|part| part.notes.len()).sum());
        for part in parts {
            walked.notes.extend(part.notes);
            walked.warnings.extend(part.warnings);
            walked.skipped.extend(part.skipped);
            walked.folders_not_utf8.extend(part.folders_not_utf8);
        }
        walked
    };
    // Paths are unique but for names that are not UTF-8 (below): an
    // unstable sort is as good, and quicker.
    walked.notes.par_sort_unstable_by(|a, b| {
        (a.rel_path.cmp(&b.rel_path)).then_with(|| a.abs_path.cmp(&b.abs_path))
    });
    // Two names that differ only in bytes that are not UTF-8 read the same
    // (`bad\xffname.md` and `bad\xfename.md` are both `bad�name.md`), and
    // kith knows a note by that path: the first is read, the others not.
    let Walked {
        notes, warnings, ..
    } = &mut walked;
    notes.dedup_by(|later, kept| {
        let same = later.rel_path == kept.rel_path;
        if same {
            warnings.push(Warning::file(
                later.rel_path.clone(),
                "file name is not valid UTF-8 and reads as another note's; skipped",
            ));
        }
        same
    });
    // A folder's name matters only when it is part of a note's path.
    for folder in std::mem::take(&mut walked.folders_not_utf8) {
        if holds_a_note(&walked.notes, &folder) {
            walked.warnings.push(not_utf8(&folder));
        }
    }
    walked.warnings.sort_by(|a, b| a.path.cmp(&b.path));
    walked.skipped.sort_unstable();
    walked
}

/// Whether a note of `notes` (sorted by path) is under the folder
/// `folder_path`.
fn holds_a_note(notes: &[NoteFile], folder_path: &str) -> bool {
    let prefix = format!("{folder_path}/");
    let first_after = notes.partition_point(|note| note.rel_path.as_str() < prefix.as_str());
    notes
        .get(first_after)
        .is_some_and(|note| note.rel_path.starts_with(&prefix))
}

/// Walks the folder `start` (the vault's `root` or a folder in it) and
/// stats the notes found. With `split_at_top`, the folders right under
/// `start` are not walked but returned, to be walked by the caller.
fn walk_tree(
    root: &Path,
    start: &Path,
    options: &WalkOptions,
    canonical_root: Option<&Path>,
    split_at_top: bool,
) -> (Walked, Vec<PathBuf>) {
    let mut walked = Walked::default();
    let mut subtrees = Vec::new();
    // Note files found, to be stat'ed, and the folders they are in
    // (`start` first); `folder_at_depth[d]` is the folder read at depth d.
    let mut found: Vec<Found> = Vec::new();
    let mut folders: Vec<PathBuf> = vec![start.to_path_buf()];
    // Whether each folder was reached through a symlink (followed).
    let mut folder_via_link: Vec<bool> = vec![false];
    let mut folder_at_depth: Vec<usize> = vec![0];
    let mut walked_folders = WalkedFolders::default();
    let mut walker = WalkDir::new(start)
        .follow_links(options.follow_links)
        // A folder in the vault swapped for a link since the walk above
        // saw it is not followed; the vault's root itself may be a link.
        .follow_root_links(options.follow_links || start == root);
    if options.follow_links {
        // In path order, so that of the paths to a folder through links,
        // the first in that order is the one walked.
        walker = walker.sort_by_file_name();
    }
    let mut entries = walker.into_iter();
    // Depth 0 is `start` itself (the root may well be `.`): never skip it.
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
                continue;
            }
            if entry.file_name().to_str().is_none() {
                walked.folders_not_utf8.push(rel_path.clone());
            }
            if split_at_top && entry.depth() == 1 {
                entries.skip_current_dir();
                subtrees.push(entry.into_path());
                continue;
            }
            folder_at_depth.truncate(entry.depth());
            let parent = folder_at_depth[entry.depth() - 1];
            let via_link = entry.path_is_symlink() || folder_via_link[parent];
            // A folder reached again through links is not walked again:
            // links that fork and meet (`a` and `b` both to the next
            // folder, down a chain) made the walk exponential. Its notes
            // are there by the first path (one through no link is always
            // walked, and kept).
            if options.follow_links && !walked_folders.first_time(&entry) && via_link {
                entries.skip_current_dir();
                walked.skipped.push(rel_path);
                continue;
            }
            folder_at_depth.push(folders.len());
            folder_via_link.push(via_link);
            folders.push(entry.into_path());
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
        if entry.file_name().to_str().is_none() {
            walked.warnings.push(not_utf8(&rel_path));
        }
        let folder = folder_at_depth[entry.depth() - 1];
        found.push(Found {
            folder,
            via_link: entry.path_is_symlink() || folder_via_link[folder],
            path: entry.into_path(),
            rel_path,
        });
    }
    let (stated, warnings) = stat_all(found, &folders, options.follow_links);
    walked.notes = if options.follow_links {
        one_path_per_file(stated, &mut walked.skipped)
    } else {
        stated.into_iter().map(|stated| stated.note).collect()
    };
    walked.warnings.extend(warnings);
    (walked, subtrees)
}

/// The folders a walk that follows links has gone into, by device and
/// inode.
#[derive(Default)]
struct WalkedFolders(HashSet<(u64, u64)>);

impl WalkedFolders {
    /// Whether the folder of `entry` is gone into for the first time (a
    /// folder whose identity cannot be read is taken to be).
    #[cfg(unix)]
    fn first_time(&mut self, entry: &DirEntry) -> bool {
        use std::os::unix::fs::MetadataExt;
        entry
            .metadata()
            .map_or(true, |meta| self.0.insert((meta.dev(), meta.ino())))
    }

    #[cfg(not(unix))]
    fn first_time(&mut self, _entry: &DirEntry) -> bool {
        true
    }
}

/// With links followed, one file may be found at two paths (a link to a
/// note, or to a folder, in the vault): it is one note, known by its path
/// that goes through no link (else by the first path), so that its
/// mentions count once. The other paths through links are `skipped`.
/// Paths through no link are all kept: hard links are notes of their own,
/// as they are without `--follow-links`.
fn one_path_per_file(mut stated: Vec<Stated>, skipped: &mut Vec<String>) -> Vec<NoteFile> {
    // The paths to keep come first: no link on the way, then path order.
    stated.sort_by(|a, b| (a.via_link, &a.note.rel_path).cmp(&(b.via_link, &b.note.rel_path)));
    let mut seen: HashSet<FileId> = HashSet::new();
    let mut notes: Vec<NoteFile> = Vec::with_capacity(stated.len());
    for Stated {
        note,
        file_id,
        via_link,
    } in stated
    {
        let first_path = file_id.is_none_or(|file_id| seen.insert(file_id));
        if first_path || !via_link {
            notes.push(note);
        } else {
            skipped.push(note.rel_path);
        }
    }
    notes
}

/// The warning for a note or folder whose name is not UTF-8: kith names
/// it with replacement characters, which no file has, so the user is told
/// which name that is.
fn not_utf8(rel_path: &str) -> Warning {
    Warning::file(
        rel_path,
        "name is not valid UTF-8; kith shows it with replacement characters (�), as here",
    )
}

/// A note file the walk found, waiting for its `stat`.
struct Found {
    path: PathBuf,
    rel_path: String,
    /// Its folder, an index into the walk's folders.
    folder: usize,
    /// Reached through a symlink (to it, or to a folder on its path).
    via_link: bool,
}

/// Which file a path leads to: device and inode, where the platform says.
type FileId = (u64, u64);

/// A found note with its `stat`.
struct Stated {
    note: NoteFile,
    /// `None` where the platform has no inodes.
    file_id: Option<FileId>,
    via_link: bool,
}

/// How many files of one folder are stat'ed together, relative to one
/// handle on the folder: small enough to share a huge folder between cores.
const STAT_BATCH: usize = 256;

/// Asks for each found file's size and modification time, on every core.
/// Reading folders is quick; this is most of a walk, so each batch of files
/// of one folder is stat'ed relative to a handle on it, which spares the
/// kernel looking up every folder of each file's path again.
fn stat_all(
    mut found: Vec<Found>,
    folders: &[PathBuf],
    follow_links: bool,
) -> (Vec<Stated>, Vec<Warning>) {
    // Stable: files stay in walk order within their folder.
    found.sort_by_key(|file| file.folder);
    let mut batches: Vec<Vec<Found>> = Vec::new();
    let mut files = found.into_iter().peekable();
    while let Some(first) = files.next() {
        let folder = first.folder;
        let mut batch = vec![first];
        while batch.len() < STAT_BATCH
            && let Some(next) = files.next_if(|file| file.folder == folder)
        {
            batch.push(next);
        }
        batches.push(batch);
    }
    batches
        .into_par_iter()
        .flat_map_iter(|batch| {
            let folder = open_folder(&folders[batch[0].folder]);
            batch.into_iter().map(move |file| {
                let stat = match &folder {
                    Some(folder) => stat_in(folder, &file.path, follow_links),
                    None if follow_links => std::fs::metadata(&file.path).map(Stat::from),
                    None => std::fs::symlink_metadata(&file.path).map(Stat::from),
                };
                match stat {
                    Ok(stat) => Either::Left(Stated {
                        note: NoteFile {
                            size: stat.size,
                            mtime_ns: stat.mtime_ns,
                            change_stamp: stat.change_stamp,
                            abs_path: file.path,
                            rel_path: file.rel_path,
                        },
                        file_id: stat.file_id,
                        via_link: file.via_link,
                    }),
                    Err(err) => {
                        Either::Right(Warning::file(file.rel_path, format!("cannot stat: {err}")))
                    }
                }
            })
        })
        .partition_map(|either| either)
}

/// What the walk keeps of a file's `stat`.
struct Stat {
    size: u64,
    mtime_ns: i64,
    change_stamp: i64,
    file_id: Option<FileId>,
}

impl From<std::fs::Metadata> for Stat {
    fn from(meta: std::fs::Metadata) -> Self {
        #[cfg(unix)]
        let (change_stamp, file_id) = {
            use std::os::unix::fs::MetadataExt;
            (
                change_stamp(meta.ino(), meta.ctime(), meta.ctime_nsec()),
                Some((meta.dev(), meta.ino())),
            )
        };
        #[cfg(not(unix))]
        let (change_stamp, file_id) = (0, None);
        Stat {
            size: meta.len(),
            mtime_ns: mtime_ns(&meta),
            change_stamp,
            file_id,
        }
    }
}

/// [`NoteFile::change_stamp`] from a file's inode and status-change time:
/// one number that moves when either does.
#[cfg(unix)]
fn change_stamp(inode: u64, ctime: i64, ctime_nsec: i64) -> i64 {
    let ctime_ns = ctime.wrapping_mul(1_000_000_000).wrapping_add(ctime_nsec);
    // The inode spread over all bits (a Fibonacci hash), so that a change
    // of either can never cancel the other out in practice.
    (inode.wrapping_mul(0x9E37_79B9_7F4A_7C15) as i64) ^ ctime_ns
}

/// A handle on a folder to stat its files by name, if it opens (else the
/// files are stat'ed by their whole path).
#[cfg(unix)]
fn open_folder(path: &Path) -> Option<std::os::fd::OwnedFd> {
    use rustix::fs::{Mode, OFlags};
    rustix::fs::open(
        path,
        OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
        Mode::empty(),
    )
    .ok()
}

#[cfg(unix)]
fn stat_in(
    folder: &std::os::fd::OwnedFd,
    path: &Path,
    follow_links: bool,
) -> std::io::Result<Stat> {
    use rustix::fs::AtFlags;
    let flags = if follow_links {
        AtFlags::empty()
    } else {
        AtFlags::SYMLINK_NOFOLLOW
    };
    let name = path.file_name().unwrap_or(path.as_os_str());
    let stat = rustix::fs::statat(folder, name, flags)?;
    // Times before 1970 read as unknown (0), as `mtime_ns` has them.
    let mtime_ns = if stat.st_mtime < 0 {
        0
    } else {
        let nanos = i64::try_from(stat.st_mtime_nsec).unwrap_or(0);
        stat.st_mtime
            .saturating_mul(1_000_000_000)
            .saturating_add(nanos)
    };
    Ok(Stat {
        size: u64::try_from(stat.st_size).unwrap_or(0),
        mtime_ns,
        #[allow(
            clippy::unnecessary_cast,
            reason = "the field types differ between platforms"
        )]
        change_stamp: change_stamp(
            stat.st_ino as u64,
            stat.st_ctime as i64,
            stat.st_ctime_nsec as i64,
        ),
        #[allow(
            clippy::unnecessary_cast,
            reason = "the field types differ between platforms"
        )]
        file_id: Some((stat.st_dev as u64, stat.st_ino as u64)),
    })
}

#[cfg(not(unix))]
fn open_folder(_path: &Path) -> Option<()> {
    None
}

#[cfg(not(unix))]
fn stat_in(_folder: &(), path: &Path, follow_links: bool) -> std::io::Result<Stat> {
    let meta = if follow_links {
        std::fs::metadata(path)
    } else {
        std::fs::symlink_metadata(path)
    };
    Ok(meta?.into())
}

fn is_skipped_name(entry: &DirEntry) -> bool {
    let name = entry.file_name().to_string_lossy();
    name.starts_with('.')
        || (entry.file_type().is_dir() && SKIPPED_FOLDERS.contains(&name.as_ref()))
}

fn has_note_extension(path: &Path) -> bool {
    // On the bytes of the path: this runs for every file of the vault, and
    // `Path::extension` parses the path's components to find it.
    let bytes = path.as_os_str().as_encoded_bytes();
    let name = bytes
        .rsplit(|&b| b.is_ascii() && std::path::is_separator(char::from(b)))
        .next()
        .unwrap_or(bytes);
    // `.md` alone is a hidden file without an extension, as for `Path`.
    match name.iter().rposition(|&b| b == b'.') {
        Some(dot) if dot > 0 => {
            let ext = &name[dot + 1..];
            NOTE_EXTENSIONS
                .iter()
                .any(|known| ext.eq_ignore_ascii_case(known.as_bytes()))
        }
        _ => false,
    }
}

/// The path of `path` under `root`, with `/` separators.
fn relative_path(root: &Path, path: &Path) -> String {
    // The usual case, `root`, `/` and a clean UTF-8 path, as it is: found
    // on the bytes, as this runs for every entry of the vault.
    #[cfg(unix)]
    {
        let root = root.as_os_str().as_encoded_bytes();
        let rest = path
            .as_os_str()
            .as_encoded_bytes()
            .strip_prefix(root)
            .and_then(|rest| {
                if root.ends_with(b"/") {
                    Some(rest)
                } else {
                    rest.strip_prefix(b"/")
                }
            });
        if let Some(text) = rest.and_then(|rest| std::str::from_utf8(rest).ok())
            && !text.is_empty()
            && !text.starts_with('/')
            && !text.starts_with("./")
            && !text.contains("//")
            && !text.contains("/./")
        {
            return text.to_owned();
        }
    }
    let rel = path.strip_prefix(root).unwrap_or(path);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(target_os = "linux")]
    #[test]
    fn names_that_read_alike_are_read_once_with_a_warning() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        for name in [&b"bad\xffname.md"[..], b"bad\xfename.md", b"ok.md"] {
            let path = dir.path().join(std::ffi::OsStr::from_bytes(name));
            std::fs::write(path, "@x").unwrap();
        }
        let walked = walk(dir.path(), &WalkOptions::default());
        let paths: Vec<&str> = walked.notes.iter().map(|n| n.rel_path.as_str()).collect();
        assert_eq!(paths, ["bad\u{fffd}name.md", "ok.md"]);
        assert!(
            walked.notes[0]
                .abs_path
                .as_os_str()
                .as_bytes()
                .ends_with(b"bad\xfename.md")
        );
        // Each name is told as not UTF-8, and the second is skipped.
        let warnings: Vec<(&str, &str)> = walked
            .warnings
            .iter()
            .map(|w| (w.path.as_str(), w.message.as_str()))
            .collect();
        let not_utf8 = not_utf8("x").message;
        assert_eq!(
            warnings,
            [
                ("bad\u{fffd}name.md", not_utf8.as_str()),
                ("bad\u{fffd}name.md", not_utf8.as_str()),
                (
                    "bad\u{fffd}name.md",
                    "file name is not valid UTF-8 and reads as another note's; skipped"
                ),
            ]
        );
    }

    /// A folder whose name is not UTF-8 is told about when a note's path
    /// goes through it, at the top of the vault or deeper; an empty one, or
    /// one of attachments only, is not.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_folder_not_utf8_is_warned_about_when_it_holds_notes() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        let folder = |name: &[u8]| dir.path().join(std::ffi::OsStr::from_bytes(name));
        std::fs::create_dir_all(folder(b"a/caf\xe9")).unwrap();
        std::fs::write(folder(b"a/caf\xe9/n.md"), "@x").unwrap();
        std::fs::create_dir(folder(b"top\xff")).unwrap();
        std::fs::write(folder(b"top\xff/n.md"), "@y").unwrap();
        std::fs::create_dir(folder(b"empty\xff")).unwrap();
        std::fs::create_dir(folder(b"pictures\xfe")).unwrap();
        std::fs::write(folder(b"pictures\xfe/p.png"), "png").unwrap();
        let walked = walk(dir.path(), &WalkOptions::default());
        let warned: Vec<&str> = walked.warnings.iter().map(|w| w.path.as_str()).collect();
        assert_eq!(warned, ["a/caf\u{fffd}", "top\u{fffd}"]);
    }

    /// Walking the top folders side by side (links not followed) finds
    /// what one walk from the root (links followed) finds, in a vault
    /// without links.
    #[test]
    fn the_split_walk_finds_what_one_walk_finds() {
        let root = tempfile::tempdir().unwrap();
        for rel in [
            "top.md",
            "a/one.md",
            "a/b/two.md",
            "a/.hidden/no.md",
            "a/node_modules/no.md",
            "c/three.MD",
            "c/skip.txt",
            ".obsidian/no.md",
        ] {
            let path = root.path().join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, rel).unwrap();
        }
        std::fs::create_dir(root.path().join("empty")).unwrap();
        let split = walk(root.path(), &WalkOptions::default());
        let single = walk(
            root.path(),
            &WalkOptions {
                follow_links: true,
                ..WalkOptions::default()
            },
        );
        let notes = |walked: &Walked| -> Vec<(String, u64, i64)> {
            let notes = walked.notes.iter();
            notes
                .map(|n| (n.rel_path.clone(), n.size, n.mtime_ns))
                .collect()
        };
        assert_eq!(notes(&split), notes(&single));
        assert_eq!(split.warnings, single.warnings);
        assert_eq!(split.skipped, single.skipped);
        let paths: Vec<String> = notes(&split).into_iter().map(|n| n.0).collect();
        assert_eq!(paths, ["a/b/two.md", "a/one.md", "c/three.MD", "top.md"]);
        assert_eq!(split.skipped, [".obsidian", "a/.hidden", "a/node_modules"]);
    }

    /// With links followed, a folder reached through many chains of links
    /// is walked once: the walk stays linear, not exponential.
    #[cfg(unix)]
    #[test]
    fn links_that_fork_and_meet_are_walked_once() {
        use std::os::unix::fs::symlink;
        let root = tempfile::tempdir().unwrap();
        // d0 … d20, each with a note and two links to the next: 2^20
        // paths to the last folder, each folder walked once (and by its
        // own path, through no link).
        for i in 0..=20 {
            let folder = root.path().join(format!("d{i:02}"));
            std::fs::create_dir(&folder).unwrap();
            std::fs::write(folder.join("n.md"), "@ana").unwrap();
            if i > 0 {
                let before = root.path().join(format!("d{:02}", i - 1));
                symlink(format!("../d{i:02}"), before.join("a")).unwrap();
                symlink(format!("../d{i:02}"), before.join("b")).unwrap();
            }
        }
        let follow = WalkOptions {
            follow_links: true,
            ..WalkOptions::default()
        };
        let walked = walk(root.path(), &follow);
        let paths: Vec<String> = walked.notes.iter().map(|n| n.rel_path.clone()).collect();
        let expected: Vec<String> = (0..=20).map(|i| format!("d{i:02}/n.md")).collect();
        assert_eq!(paths, expected);
        assert!(walked.skipped.len() < 100, "{}", walked.skipped.len());
    }

    /// With links followed, a note reached through a link to it, or to
    /// a folder above it, is one note, known by the path with no link.
    #[cfg(unix)]
    #[test]
    fn a_file_reached_through_links_is_one_note() {
        use std::os::unix::fs::symlink;
        let root = tempfile::tempdir().unwrap();
        std::fs::create_dir(root.path().join("Journal")).unwrap();
        std::fs::write(root.path().join("Journal/day.md"), "@ana").unwrap();
        std::fs::write(root.path().join("only-a-link-target.md"), "x").unwrap();
        // Sorted before the real paths, so that order alone would keep them.
        symlink("Journal", root.path().join("A journal")).unwrap();
        symlink("Journal/day.md", root.path().join("0 day.md")).unwrap();
        let follow = WalkOptions {
            follow_links: true,
            ..WalkOptions::default()
        };
        let walked = walk(root.path(), &follow);
        let paths: Vec<&str> = walked.notes.iter().map(|n| n.rel_path.as_str()).collect();
        assert_eq!(paths, ["Journal/day.md", "only-a-link-target.md"]);
        assert_eq!(walked.skipped, ["0 day.md", "A journal/day.md"]);
        assert!(walked.warnings.is_empty(), "{:?}", walked.warnings);

        // Two links to a note in a hidden folder (so no path without a
        // link is walked): the first link is kept.
        std::fs::create_dir(root.path().join(".archive")).unwrap();
        std::fs::write(root.path().join(".archive/old.md"), "@bo").unwrap();
        symlink(".archive/old.md", root.path().join("z2.md")).unwrap();
        symlink(".archive/old.md", root.path().join("z1.md")).unwrap();
        // A hard link is a path through no link: a note of its own, as
        // without `--follow-links`.
        std::fs::hard_link(
            root.path().join("only-a-link-target.md"),
            root.path().join("hard.md"),
        )
        .unwrap();
        let walked = walk(root.path(), &follow);
        let paths: Vec<&str> = walked.notes.iter().map(|n| n.rel_path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "Journal/day.md",
                "hard.md",
                "only-a-link-target.md",
                "z1.md"
            ]
        );
        assert_eq!(
            walked.skipped,
            [".archive", "0 day.md", "A journal/day.md", "z2.md"]
        );
    }

    #[test]
    fn note_extensions_are_read_from_the_file_name() {
        for yes in ["a.md", "x/B.MD", "./c.markdown", "dir.x/d.Md"] {
            assert!(has_note_extension(Path::new(yes)), "{yes}");
        }
        for no in [
            ".md",
            "x/.md",
            "a.mdx",
            "a.txt",
            "notes.md/readme",
            "md",
            "a.",
        ] {
            assert!(!has_note_extension(Path::new(no)), "{no}");
        }
    }

    #[test]
    fn relative_paths_have_slashes_and_no_root() {
        let cases = [
            ("vault", "vault/a/b.md", "a/b.md"),
            ("vault/", "vault/a.md", "a.md"),
            (".", "./a/b.md", "a/b.md"),
            ("/v", "/v/x//y.md", "x/y.md"),
            ("/v", "/v/./y.md", "y.md"),
        ];
        for (root, path, rel) in cases {
            assert_eq!(
                relative_path(Path::new(root), Path::new(path)),
                rel,
                "{path}"
            );
        }
    }

    /// Every note the walk finds has the size and time `std` reads for it,
    /// however folders and files interleave and however big a folder is.
    #[test]
    fn stats_match_the_files_in_nested_and_big_folders() {
        let root = tempfile::tempdir().unwrap();
        let mut expected = Vec::new();
        let mut write = |rel: &str, text: &str| {
            let path = root.path().join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, text).unwrap();
            expected.push(rel.to_owned());
        };
        write("a.md", "a");
        write("b/c/d.md", "deep note");
        write("b/e.md", "after a subfolder");
        write("b/c/f/g.md", "deeper");
        write("b/z.md", "last of b");
        for i in 0..STAT_BATCH + 10 {
            write(&format!("big/{i:04}.md"), &"x".repeat(i));
        }
        expected.sort();

        let walked = walk(root.path(), &WalkOptions::default());
        assert!(walked.warnings.is_empty(), "{:?}", walked.warnings);
        let paths: Vec<&str> = walked.notes.iter().map(|n| n.rel_path.as_str()).collect();
        assert_eq!(paths, expected);
        for note in &walked.notes {
            let meta = std::fs::metadata(root.path().join(&note.rel_path)).unwrap();
            assert_eq!(note.abs_path, root.path().join(&note.rel_path));
            assert_eq!(note.size, meta.len(), "{}", note.rel_path);
            assert_eq!(note.mtime_ns, mtime_ns(&meta), "{}", note.rel_path);
        }
    }
}
