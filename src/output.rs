//! Writing report files atomically: a temporary file in the same folder,
//! then a rename, so a reader never sees half a report and a failed write
//! leaves any previous file untouched. Missing folders on the way are made.
//! A symbolic link is written through (its target is replaced, the link
//! kept); a FIFO or device is written to as it is, never replaced by a
//! file; and one of the process's own open files (`/dev/stdout`,
//! `/dev/fd/N`) is appended to where it is, as a shell's `>>` or pipe
//! asked.

use std::io::{BufWriter, Write};
use std::path::Path;

use crate::error::Error;

/// Writes what `write` produces to `path` atomically (see the module
/// documentation for links and special files). Errors name `path` as
/// asked, never a link's target or the temporary file.
pub fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), Error> {
    // `reports/`, `reports/..` or `.` names a folder, whether or not it
    // exists yet: said so, not as "not a directory" or "busy" from the
    // temporary file's name.
    let names_folder = path
        .as_os_str()
        .to_string_lossy()
        .ends_with(std::path::is_separator)
        || path.file_name().is_none()
        || path.is_dir();
    let result = if names_folder {
        Err(std::io::Error::new(
            std::io::ErrorKind::IsADirectory,
            "a folder's name, not a file's",
        ))
    } else {
        write_through(path, write, 0)
    };
    result.map_err(|source| Error::WriteOutput {
        path: path.to_path_buf(),
        source,
    })
}

/// The most symbolic links followed to find the file to write.
const MAX_LINKS: usize = 40;

/// Whether `path` names a file the process has open (`/dev/stdout`,
/// `/dev/stderr`, `/dev/fd/N`, `/proc/PID/fd/N`): that file is not at a
/// path kith could replace (a pipe has none, and a file `>>` appends to
/// must keep what it holds).
pub fn names_open_file(path: &Path) -> bool {
    let path = path.to_string_lossy();
    matches!(path.as_ref(), "/dev/stdout" | "/dev/stderr")
        || path.starts_with("/dev/fd/")
        || (path.starts_with("/proc/") && path.contains("/fd/"))
}

fn write_through(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    links: usize,
) -> std::io::Result<()> {
    if names_open_file(path) {
        // Appending: where the shell truncated the file (`>`) that is its
        // start, and where it appends (`>>`) nothing is overwritten.
        let file = std::fs::OpenOptions::new().append(true).open(path)?;
        return write_to(file, write);
    }
    let meta = std::fs::symlink_metadata(path).ok();
    if meta
        .as_ref()
        .is_some_and(|meta| meta.file_type().is_symlink())
    {
        if links >= MAX_LINKS {
            return Err(std::io::Error::other("too many levels of symbolic links"));
        }
        let target = std::fs::read_link(path)?;
        let folder = path.parent().unwrap_or(Path::new(""));
        return write_through(&folder.join(target), write, links + 1);
    }
    if meta.is_some_and(|meta| !meta.is_file() && !meta.is_dir()) {
        let file = std::fs::OpenOptions::new().write(true).open(path)?;
        return write_to(file, write);
    }
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(folder).map_err(|err| {
        // A file where a folder should be: say that, not "File exists".
        if err.kind() == std::io::ErrorKind::AlreadyExists {
            std::io::Error::from(std::io::ErrorKind::NotADirectory)
        } else {
            err
        }
    })?;
    // The report keeps the permissions of the file it replaces; a new one
    // gets the usual ones for a new file (0666 less the umask), given at
    // creation so that the umask applies (a temporary file is 0600).
    #[cfg(unix)]
    let replaced = std::fs::metadata(path).ok().map(|meta| meta.permissions());
    let mut builder = tempfile::Builder::new();
    builder.prefix(".kith-").suffix(".tmp");
    #[cfg(unix)]
    if replaced.is_none() {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    // Errors of the temporary file are told without its name: the user
    // asked for `path`.
    let mut temp = builder.tempfile_in(folder).map_err(without_path)?;
    {
        let mut out = BufWriter::new(temp.as_file_mut());
        write(&mut out)?;
        out.flush()?;
    }
    // Unix only: elsewhere a read-only file's mode on the temporary file
    // would stop it being renamed or removed.
    #[cfg(unix)]
    if let Some(permissions) = replaced {
        temp.as_file().set_permissions(permissions)?;
    }
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|err| without_path(err.error))?;
    Ok(())
}

/// Writes what `write` produces to `file` as it is.
fn write_to(
    file: std::fs::File,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let mut out = BufWriter::new(file);
    write(&mut out)?;
    out.flush()
}

/// The OS error of `err` without the path `tempfile` adds to it: the
/// OS's words, which say what went wrong ("entity not found", of the
/// error's kind alone, said little).
fn without_path(err: std::io::Error) -> std::io::Error {
    if let Some(code) = err.raw_os_error() {
        return std::io::Error::from_raw_os_error(code);
    }
    // `tempfile` writes "{the OS error} at path {the temporary file}".
    let text = err.to_string();
    let said = text.split(" at path ").next().unwrap_or(&text);
    std::io::Error::new(err.kind(), said.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("digest.md");
        std::fs::write(&path, "old").unwrap();
        write_atomically(&path, |out| out.write_all(b"new")).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary file is left behind");
    }

    #[test]
    fn a_failed_write_keeps_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("digest.md");
        std::fs::write(&path, "old").unwrap();
        let result = write_atomically(&path, |out| {
            out.write_all(b"half")?;
            Err(std::io::Error::other("disk full"))
        });
        assert!(result.is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn links_and_special_files_are_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("target.html");
        std::fs::write(&target, "old").unwrap();
        let link = dir.path().join("link.html");
        std::os::unix::fs::symlink("target.html", &link).unwrap();
        write_atomically(&link, |out| out.write_all(b"new")).unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");

        let looped = dir.path().join("loop.html");
        std::os::unix::fs::symlink("loop.html", &looped).unwrap();
        let err = write_atomically(&looped, |out| out.write_all(b"x")).unwrap_err();
        assert!(err.to_string().contains("loop.html"), "{err}");

        write_atomically(Path::new("/dev/null"), |out| out.write_all(b"gone")).unwrap();
        let null = std::fs::metadata("/dev/null").unwrap();
        assert!(!null.is_file(), "/dev/null is still a device");
    }

    #[test]
    fn missing_folders_are_made() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("Digests/2026/digest.md");
        write_atomically(&path, |out| out.write_all(b"x")).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "x");
    }

    #[test]
    fn an_error_names_the_path_asked_for_not_the_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("file"), "").unwrap();
        let path = dir.path().join("file/digest.md");
        let err = write_atomically(&path, |out| out.write_all(b"x")).unwrap_err();
        assert!(err.to_string().contains("file/digest.md"), "{err}");
        let source = std::error::Error::source(&err).unwrap().to_string();
        assert_eq!(source, "not a directory");
        // The temporary file's own error is told without its name.
        let tempfile_error = tempfile::Builder::new()
            .tempfile_in(dir.path().join("gone"))
            .unwrap_err();
        assert!(
            tempfile_error.to_string().contains("gone"),
            "{tempfile_error}"
        );
        assert!(!without_path(tempfile_error).to_string().contains("gone"));
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn an_open_file_named_by_descriptor_is_appended_to() {
        use std::os::fd::AsRawFd;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("journal.md");
        std::fs::write(&path, "kept\n").unwrap();
        let appending = std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap();
        let by_fd = format!("/proc/self/fd/{}", appending.as_raw_fd());
        write_atomically(Path::new(&by_fd), |out| out.write_all(b"new\n")).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "kept\nnew\n");
        assert!(names_open_file(Path::new("/dev/stdout")));
        assert!(names_open_file(Path::new("/dev/fd/1")));
        assert!(!names_open_file(Path::new("/dev/shm/report.html")));
    }
}
