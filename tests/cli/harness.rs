//! A temp copy of a fixture vault and a `kith` command with a clean
//! environment, so output is the same on every machine.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::{Value, json};
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

    /// Where kith keeps this vault's index by default.
    pub fn index_path(&self) -> PathBuf {
        self.path().join(".kith/index.sqlite")
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

    /// Runs `kith ARGS... --vault VAULT`: (exit code, stdout, stderr), as
    /// [`run`] returns them.
    pub fn run(&self, args: &[&str]) -> (i32, String, String) {
        run(&mut self.kith(args), self.path())
    }

    /// Runs `kith ARGS... --vault VAULT` and parses its stdout as JSON,
    /// after checking that it succeeded.
    pub fn run_json(&self, args: &[&str]) -> Value {
        let (code, stdout, stderr) = self.run(args);
        assert_eq!(code, 0, "{stderr}");
        json(&stdout)
    }

    /// Asks a question on [`TODAY`]: runs `kith COMMAND --today TODAY
    /// ARGS... --vault VAULT`.
    pub fn ask(&self, command: &str, args: &[&str]) -> (i32, String, String) {
        self.run(&[&[command, "--today", TODAY][..], args].concat())
    }

    /// [`Self::ask`]'s stdout, after checking that it succeeded.
    pub fn ask_ok(&self, command: &str, args: &[&str]) -> String {
        let (code, stdout, stderr) = self.ask(command, args);
        assert_eq!(code, 0, "{stderr}");
        stdout
    }

    /// `kith ARGS... --vault VAULT`'s stdout on a terminal `columns` wide
    /// (`COLUMNS`), after checking that it succeeded.
    pub fn run_in_columns(&self, args: &[&str], columns: &str) -> String {
        succeeded(
            self.kith(args)
                .env("COLUMNS", columns)
                .output()
                .expect("kith runs"),
        )
    }

    /// `kith COMMAND --today TODAY --format json ARGS... --vault VAULT`,
    /// parsed, after checking that it succeeded.
    pub fn ask_json(&self, command: &str, args: &[&str]) -> Value {
        self.run_json(&[&[command, "--today", TODAY, "--format", "json"][..], args].concat())
    }
}

/// `kith` with no `KITH_*` variables, no colour and a fixed terminal width
/// (see [`kith_process`]).
pub fn kith() -> Command {
    Command::from_std(kith_process())
}

/// A finished run's stdout, after checking that it succeeded (its stderr
/// shown if not).
pub fn succeeded(output: std::process::Output) -> String {
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
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
pub fn jsonl(stdout: &str) -> Vec<Value> {
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

/// The day every expectation over the `network` fixture is counted from.
pub const TODAY: &str = "2026-11-27";

/// What one mention `age_days` old adds to a strength with the default
/// 90-day half-life (the formula documented in `src/report/mod.rs`).
pub fn weight(age_days: f64) -> f64 {
    0.5_f64.powf(age_days / 90.0)
}

/// What an undated mention adds to a strength.
pub const UNDATED: f64 = 0.25;

/// Parses one JSON document.
pub fn json(stdout: &str) -> Value {
    serde_json::from_str(stdout).expect("stdout is JSON")
}

/// The keys of a JSON object, sorted.
pub fn sorted_keys(object: &Value) -> Vec<&str> {
    let mut keys: Vec<&str> = object
        .as_object()
        .expect("a JSON object")
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    keys
}

/// The names of a report's `people`, in order.
pub fn people_names(report: &Value) -> Vec<&str> {
    report["people"]
        .as_array()
        .expect("people is an array")
        .iter()
        .map(|p| p["name"].as_str().expect("a name"))
        .collect()
}

/// `(name, mentions)` of a report's `people`, by name.
pub fn mentions_by_name(report: &Value) -> Vec<(String, u64)> {
    let mut out: Vec<(String, u64)> = report["people"]
        .as_array()
        .expect("people is an array")
        .iter()
        .map(|p| {
            (
                p["name"].as_str().expect("a name").to_owned(),
                p["mentions"].as_u64().expect("a mention count"),
            )
        })
        .collect();
    out.sort();
    out
}

/// `(name, count)` pairs with owned names, to compare with
/// [`mentions_by_name`].
pub fn pairs(list: &[(&str, u64)]) -> Vec<(String, u64)> {
    list.iter().map(|(n, c)| ((*n).to_owned(), *c)).collect()
}

/// `[{name, count}]` from pairs, as reports write counts.
pub fn counts(pairs: &[(&str, i64)]) -> Value {
    pairs
        .iter()
        .map(|(name, count)| json!({"name": name, "count": count}))
        .collect()
}

/// Asserts a JSON strength is `expected` to two decimals.
pub fn assert_strength(value: &Value, expected: f64) {
    let got = value.as_f64().expect("strength is a number");
    assert!(
        (got - expected).abs() < 0.01,
        "strength {got}, expected {expected:.4}"
    );
}

/// The `scanned ...` summary line of stderr, its seconds replaced by
/// `S.SS`.
pub fn scan_summary(stderr: &str) -> String {
    let line = stderr
        .lines()
        .rfind(|line| line.starts_with("scanned "))
        .unwrap_or_else(|| panic!("no summary line in {stderr:?}"));
    let (head, seconds) = line.rsplit_once("; ").expect("a seconds field");
    let number = seconds.strip_suffix('s').expect("seconds end in s");
    let (whole, fraction) = number.split_once('.').expect("seconds have decimals");
    assert!(
        whole.bytes().all(|b| b.is_ascii_digit())
            && fraction.len() == 2
            && fraction.bytes().all(|b| b.is_ascii_digit()),
        "seconds as S.SS: {line}"
    );
    format!("{head}; S.SSs")
}

/// Sets a file's modification time, leaving its contents alone.
pub fn set_mtime(path: &Path, time: std::time::SystemTime) {
    std::fs::File::options()
        .write(true)
        .open(path)
        .and_then(|file| file.set_modified(time))
        .expect("set the modification time");
}

/// `kith` as a plain [`std::process::Command`] (to spawn and kill), with
/// no `KITH_*` variables, no colour and a fixed terminal width.
pub fn kith_process() -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_kith"));
    for (key, _) in std::env::vars_os() {
        if key.to_string_lossy().starts_with("KITH_") {
            cmd.env_remove(key);
        }
    }
    cmd.env("NO_COLOR", "1").env("COLUMNS", "120");
    cmd
}
