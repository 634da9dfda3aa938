//! Reading and extracting many notes in parallel, in vault order.
//!
//! Notes are processed in chunks: each chunk is read and extracted on all
//! cores (`rayon`, one reused read buffer per worker), then handed to the
//! caller in sorted order, so memory stays bounded however big the vault.

use std::borrow::{Borrow, Cow};
use std::fs::File;
use std::io::{self, Read};

use rayon::prelude::*;

use crate::config::Config;
use crate::error::Warning;
use crate::extract::{self, ExtractOptions, NoteExtraction, SharedExtraction};
use crate::identity::PersonNote;
use crate::note::frontmatter;
use crate::vault::NoteFile;

/// Notes extracted per parallel chunk.
const CHUNK: usize = 1024;

/// Extracts every note in `files` in its compact form, runs `map` on each
/// extraction on the worker threads (to render or encode it in parallel),
/// and hands `each` what `map` made, in the order of `files`. Stops at the
/// first error `each` returns.
pub fn map_all<F, T, E>(
    files: &[F],
    options: &ExtractOptions,
    max_file_size: u64,
    map: impl Fn(&NoteFile, SharedExtraction) -> T + Sync,
    mut each: impl FnMut(&NoteFile, T) -> Result<(), E>,
) -> Result<(), E>
where
    F: Borrow<NoteFile> + Sync,
    T: Send,
{
    for chunk in files.chunks(CHUNK) {
        let mapped: Vec<T> = chunk
            .par_iter()
            .map_init(
                || Vec::with_capacity(64 * 1024),
                |buf, file| {
                    let file = file.borrow();
                    map(file, extract_file_shared(file, options, max_file_size, buf))
                },
            )
            .collect();
        for (file, item) in chunk.iter().zip(mapped) {
            each(file.borrow(), item)?;
        }
    }
    Ok(())
}

/// How much of a note is read to find its frontmatter before extraction.
const HEADER_LEN: u64 = 16 * 1024;

/// The person notes among `files`: a quick parallel pass over their
/// frontmatter only (a note outside the people folder is parsed only if its
/// frontmatter says `person` somewhere), so that wikilinks can be resolved
/// while notes are extracted.
pub fn person_notes(files: &[NoteFile], config: &Config) -> Vec<PersonNote> {
    files
        .par_iter()
        .map_init(Vec::new, |header, file| {
            let in_folder = config.in_people_folder(&file.rel_path);
            // A note in the people folder is a person note even without
            // frontmatter, so there it must be a regular file (not a FIFO
            // swapped in since the walk); elsewhere an empty read is no
            // person note anyway.
            let read = read_header(file, header, in_folder).ok()??;
            let header = &header[..read];
            let header = header.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(header);
            if !in_folder && !header.starts_with(b"---") {
                // No frontmatter, so no person note (most notes): skip the
                // decoding and splitting.
                return None;
            }
            // `from_utf8` first: it is much faster than the lossy decoder
            // on text that is valid, as nearly all is.
            let text = match std::str::from_utf8(header) {
                Ok(text) => Cow::Borrowed(text),
                Err(_) => String::from_utf8_lossy(header),
            };
            // The frontmatter is split on LF and CRLF alike; only the lone
            // CR of classic Mac OS line ends needs the note's LF copy (not
            // every CRLF note's, on this pass over every note).
            let text = if ends_first_line_with_lone_cr(header) {
                crate::note::lf_line_ends(text)
            } else {
                text
            };
            let split = frontmatter::split(&text);
            let yaml = split
                .yaml
                .filter(|y| in_folder || y.to_ascii_lowercase().contains("person"));
            let parsed = yaml.and_then(|yaml| {
                frontmatter::parse(&file.rel_path, yaml, split.yaml_offset, 2)
                    .ok()
                    .flatten()
            });
            if !in_folder && parsed.is_none() {
                return None;
            }
            crate::identity::person_note(&file.rel_path, parsed.as_ref(), config)
                .ok()
                .flatten()
        })
        .flatten()
        .collect()
}

/// Whether the first line of `text` ends with a CR that no LF follows.
fn ends_first_line_with_lone_cr(text: &[u8]) -> bool {
    memchr::memchr2(b'\r', b'\n', text)
        .is_some_and(|end| text[end] == b'\r' && text.get(end + 1) != Some(&b'\n'))
}

/// Reads the start of a note (up to [`HEADER_LEN`] bytes) into `buf` and
/// says how many bytes it read, in as few reads as its size from the walk
/// allows: one, for most notes. Opened without blocking, so a note swapped
/// for a FIFO since the walk reads as empty (or, with `regular_only`, is
/// `None`); a folder fails to read.
fn read_header(
    file: &NoteFile,
    buf: &mut Vec<u8>,
    regular_only: bool,
) -> io::Result<Option<usize>> {
    let mut handle = open_no_block(file)?;
    if regular_only && !handle.metadata()?.is_file() {
        return Ok(None);
    }
    let len = usize::try_from(HEADER_LEN).unwrap_or(usize::MAX);
    // Zeroed once per worker, then reused as it is.
    if buf.len() < len {
        buf.resize(len, 0);
    }
    let wanted = usize::try_from(file.size).map_or(len, |size| size.clamp(1, len));
    let mut filled = 0;
    while filled < wanted {
        match handle.read(&mut buf[filled..len]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
            Err(err) => return Err(err),
        }
    }
    Ok(Some(filled))
}

/// Reads one note into `buf` and extracts it; a file that cannot be read is
/// an extraction with only a warning.
pub fn extract_file(
    file: &NoteFile,
    options: &ExtractOptions,
    max_file_size: u64,
    buf: &mut Vec<u8>,
) -> NoteExtraction {
    extract_file_shared(file, options, max_file_size, buf).into()
}

/// [`extract_file`], in the compact form that output is written from.
pub fn extract_file_shared(
    file: &NoteFile,
    options: &ExtractOptions,
    max_file_size: u64,
    buf: &mut Vec<u8>,
) -> SharedExtraction {
    match read_note(file, max_file_size, buf) {
        Ok(()) => extract::extract_bytes_shared(&file.rel_path, buf, file.mtime_ns, options),
        Err(Unread {
            warning,
            may_clear_up,
        }) => extract::unread_note(
            &file.rel_path,
            file.mtime_ns,
            options,
            warning,
            may_clear_up,
        ),
    }
}

/// Reads a note's bytes into `buf` (cleared first).
pub fn read_file(file: &NoteFile, max_file_size: u64, buf: &mut Vec<u8>) -> Result<(), Warning> {
    read_note(file, max_file_size, buf).map_err(|unread| unread.warning)
}

/// Why a note was not read.
struct Unread {
    warning: Warning,
    /// An I/O failure (permission, a file gone): it may clear up without
    /// the note's size or time changing, so the next scan tries again. A
    /// note too big or not a regular file stays so until its size or
    /// type changes, which the next scan sees anyway.
    may_clear_up: bool,
}

/// [`read_file`], saying whether the failure may clear up by itself.
fn read_note(file: &NoteFile, max_file_size: u64, buf: &mut Vec<u8>) -> Result<(), Unread> {
    let lasting = |warning| Unread {
        warning,
        may_clear_up: false,
    };
    let io_failure = |err: io::Error| Unread {
        warning: read_warning(file, &err),
        may_clear_up: true,
    };
    let too_big = |size: u64| {
        lasting(Warning::file(
            &file.rel_path,
            format!(
                "file is {} bytes, more than max_file_size ({max_file_size} bytes), skipped",
                size
            ),
        ))
    };
    if file.size > max_file_size {
        return Err(too_big(file.size));
    }
    let mut handle = open_no_block(file).map_err(io_failure)?;
    let meta = handle.metadata().map_err(io_failure)?;
    if !meta.is_file() {
        return Err(lasting(Warning::file(
            &file.rel_path,
            "not a regular file, skipped",
        )));
    }
    if meta.len() > max_file_size {
        return Err(too_big(meta.len()));
    }
    read_sized(&mut handle, meta.len(), max_file_size, buf).map_err(io_failure)?;
    if buf.len() as u64 > max_file_size {
        return Err(too_big(buf.len() as u64));
    }
    Ok(())
}

/// Reads a file of `size` bytes (its size when opened) into `buf`, and
/// at most `max_file_size + 1` bytes in all. A note is read in one
/// `read`: when it returns exactly the size, that was the whole file as
/// its size said (a later change is a new modification time), and
/// no second `read` is spent to see the end. A file that grew since is
/// read on to its end; one that shrank, to its new end.
fn read_sized(
    handle: &mut File,
    size: u64,
    max_file_size: u64,
    buf: &mut Vec<u8>,
) -> io::Result<()> {
    let size = usize::try_from(size).unwrap_or(usize::MAX);
    // One byte more than the size, to see a file that grew.
    let wanted = usize::try_from(max_file_size.saturating_add(1))
        .unwrap_or(usize::MAX)
        .min(size.saturating_add(1));
    buf.clear();
    buf.resize(wanted, 0);
    let mut filled = 0;
    while filled < wanted {
        match handle.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => {
                filled += n;
                if filled == size {
                    break;
                }
            }
            Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
            Err(err) => return Err(err),
        }
    }
    buf.truncate(filled);
    if filled == wanted {
        let left = max_file_size
            .saturating_add(1)
            .saturating_sub(filled as u64);
        handle.take(left).read_to_end(buf)?;
    }
    Ok(())
}

/// Opens without blocking, so a FIFO that replaced a note never hangs us.
fn open_no_block(file: &NoteFile) -> io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(&file.abs_path)
}

fn read_warning(file: &NoteFile, err: &io::Error) -> Warning {
    let message = match err.kind() {
        io::ErrorKind::NotFound => "file disappeared before it could be read".to_owned(),
        io::ErrorKind::PermissionDenied => "permission denied, skipped".to_owned(),
        _ => format!("cannot read, skipped: {err}"),
    };
    Warning::file(&file.rel_path, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_classic_mac_line_ends_need_the_lf_copy() {
        assert!(ends_first_line_with_lone_cr(b"---\rtype: person\r---\r"));
        assert!(!ends_first_line_with_lone_cr(b"---\r\ntype: person\r\n"));
        assert!(!ends_first_line_with_lone_cr(b"---\ntype: person\r"));
        assert!(!ends_first_line_with_lone_cr(b"---"));
    }

    /// Reads `text` from a file as [`read_sized`] does, told it is `size`
    /// bytes long.
    fn read_told(text: &[u8], size: u64, max_file_size: u64) -> Vec<u8> {
        let mut file = tempfile::tempfile().unwrap();
        std::io::Write::write_all(&mut file, text).unwrap();
        std::io::Seek::rewind(&mut file).unwrap();
        let mut buf = b"left over".to_vec();
        read_sized(&mut file, size, max_file_size, &mut buf).unwrap();
        buf
    }

    #[test]
    fn reads_the_whole_file_whatever_its_size_was() {
        let text = b"@ana and #running, ten times over".repeat(10);
        let len = text.len() as u64;
        assert_eq!(read_told(&text, len, 1 << 20), text);
        assert_eq!(read_told(b"", 0, 1 << 20), b"");
        // It grew since its size was taken, or shrank.
        assert_eq!(read_told(&text, 3, 1 << 20), text);
        assert_eq!(read_told(&text, len * 2, 1 << 20), text);
        // Never more than one byte past the limit.
        assert_eq!(read_told(&text, 3, 20).len(), 21);
    }
}
