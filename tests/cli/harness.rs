//! A temp copy of a fixture vault and a `kith` command with a clean
//! environment, so output is the same on every machine.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

/// A fixture vault copied into a temporary folder.
pub struct TestVault {
    /// Holds the temporary folder until the test ends.
    pub dir: TempDir,
}

impl TestVault {
    /// Copies `tests/fixtures/<name>/` into a fresh temporary folder.
    pub fn fixture(name: &str) -> Self {
        let source = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name);
        let vault = Self::empty();
        copy_tree(&source, vault.path());
        vault
    }

    /// An empty vault.
    pub fn empty() -> Self {
        TestVault {
            dir: tempfile::Builder::new()
                .prefix("kith-test")
                .tempdir()
                .expect("a temp dir"),
        }
    }

    /// The vault folder.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a note (creating folders) and returns its path.
    pub fn write(&self, rel_path: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path().join(rel_path);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("create folders");
        std::fs::write(&path, contents).expect("write a note");
        path
    }

    /// `kith ARGS... --vault VAULT` in a clean environment.
    pub fn kith(&self, args: &[&str]) -> Command {
        let mut cmd = kith();
        cmd.args(args).arg("--vault").arg(self.path());
        cmd
    }
}

/// `kith` with no `KITH_*` variables, no colour and a fixed terminal width.
pub fn kith() -> Command {
    let mut cmd = Command::cargo_bin("kith").expect("the kith binary");
    for (key, _) in std::env::vars_os() {
        if key.to_string_lossy().starts_with("KITH_") {
            cmd.env_remove(key);
        }
    }
    cmd.env("NO_COLOR", "1").env("COLUMNS", "120");
    cmd
}

/// Runs `cmd` and returns (exit code, stdout, stderr) with the vault path
/// replaced by `[VAULT]`.
pub fn run(cmd: &mut Command, vault: &Path) -> (i32, String, String) {
    let output = cmd.output().expect("kith runs");
    let vault = vault.display().to_string();
    let clean = |bytes: &[u8]| String::from_utf8_lossy(bytes).replace(&vault, "[VAULT]");
    (
        output.status.code().unwrap_or(-1),
        clean(&output.stdout),
        clean(&output.stderr),
    )
}

/// Parses JSON Lines output.
pub fn jsonl(stdout: &str) -> Vec<serde_json::Value> {
    stdout
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is JSON"))
        .collect()
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("a readable fixture");
        let rel = entry.path().strip_prefix(from).expect("under the fixture");
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("create a folder");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy a file");
        }
    }
}
