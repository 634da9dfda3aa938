//! Writing report files atomically: a temporary file in the same folder,
//! then a rename, so a reader never sees half a report and a failed write
//! leaves any previous file untouched. A symbolic link is written through
//! (its target is replaced, the link kept), and a FIFO or device
//! (`/dev/stdout`) is written to as it is, never replaced by a file.

use std::io::{BufWriter, Write};
use std::path::Path;

use crate::error::Error;

/// Writes what `write` produces to `path` atomically (see the module
/// documentation for links and special files).
pub fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), Error> {
    write_through(path, write, 0)
}

/// The most symbolic links followed to find the file to write.
const MAX_LINKS: usize = 40;

fn write_through(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    links: usize,
) -> Result<(), Error> {
    let fail = |source| Error::WriteOutput {
        path: path.to_path_buf(),
        source,
    };
    let meta = std::fs::symlink_metadata(path).ok();
    if meta
        .as_ref()
        .is_some_and(|meta| meta.file_type().is_symlink())
    {
        if links >= MAX_LINKS {
            return Err(fail(std::io::Error::other(
                "too many levels of symbolic links",
            )));
        }
        let target = std::fs::read_link(path).map_err(fail)?;
        let folder = path.parent().unwrap_or(Path::new(""));
        return write_through(&folder.join(target), write, links + 1);
    }
    if meta.is_some_and(|meta| !meta.is_file() && !meta.is_dir()) {
        let file = std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .map_err(fail)?;
        let mut out = BufWriter::new(file);
        write(&mut out).map_err(fail)?;
        return out.flush().map_err(fail);
    }
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut temp = tempfile::Builder::new()
        .prefix(".kith-")
        .suffix(".tmp")
        .tempfile_in(folder)
        .map_err(fail)?;
    {
        let mut out = BufWriter::new(temp.as_file_mut());
        write(&mut out).map_err(fail)?;
        out.flush().map_err(fail)?;
    }
    // A temporary file is private (0600); the report gets the permissions
    // of the file it replaces, or the usual ones for a new file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let permissions = std::fs::metadata(path)
            .map(|meta| meta.permissions())
            .unwrap_or_else(|_| std::fs::Permissions::from_mode(0o644));
        temp.as_file().set_permissions(permissions).map_err(fail)?;
    }
    temp.as_file().sync_all().map_err(fail)?;
    temp.persist(path).map_err(|err| fail(err.error))?;
    Ok(())
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
    fn a_missing_folder_is_an_error_naming_the_path() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nope/digest.md");
        let err = write_atomically(&path, |out| out.write_all(b"x")).unwrap_err();
        assert!(err.to_string().contains("nope/digest.md"), "{err}");
    }
}
