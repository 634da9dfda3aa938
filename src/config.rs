//! The vault's own conventions: `.kith/config.yaml`.
//!
//! Every setting has a default, so a vault needs no config. A config that
//! does not parse, or that has a key kith does not know, is an error naming
//! the file, the line and the key: no silent defaults.

use std::collections::{BTreeMap, HashMap};
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use serde::Deserialize;

use crate::error::{Error, Warning};
use crate::note::frontmatter::written_key;

/// Where the config lives in a vault.
pub const CONFIG_PATH: &str = ".kith/config.yaml";

/// The people folder when the config names none.
pub const DEFAULT_PEOPLE_FOLDER: &str = "People";

/// The settings of `.kith/config.yaml`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Frontmatter keys that hold people.
    pub people_keys: Vec<String>,
    /// Frontmatter keys that hold interests.
    pub interest_keys: Vec<String>,
    /// Frontmatter keys that hold the note's date, in order of preference.
    pub date_keys: Vec<String>,
    /// More date formats for file names and paths (Moment.js tokens).
    pub date_formats: Vec<String>,
    /// Folders to skip besides hidden ones and `node_modules` (globs
    /// matched against folder paths relative to the vault).
    pub ignore_folders: Vec<String>,
    /// Notes in this folder define people.
    pub people_folder: String,
    /// Canonical handle → other spellings of the same person (`aliases:`
    /// with nothing under it is none).
    #[serde(deserialize_with = "none_is_empty")]
    pub aliases: BTreeMap<String, Vec<String>>,
    /// The line of each `aliases` entry in the config's text, by its key
    /// as written: warnings about an entry name it.
    #[serde(skip)]
    pub alias_lines: BTreeMap<String, usize>,
    /// Whether the config's text has an `aliases:` key in block style
    /// (nothing, or entries, under it), where `kith check`'s snippets go.
    #[serde(skip)]
    pub aliases_written: bool,
    /// Handles that are not people (`here`, `todo`).
    pub ignore_people: Vec<String>,
    /// Tags that are not interests (`journal`, `daily`).
    pub ignore_interests: Vec<String>,
    /// Strength half-life in days.
    #[serde(deserialize_with = "days")]
    pub half_life_days: f64,
    /// Days without a mention after which the digest suggests reconnecting.
    pub reconnect_after_days: u32,
    /// Files larger than this many bytes are skipped with a warning.
    pub max_file_size: u64,
}

/// A mapping that may be written as nothing (`aliases:` with no entry
/// under it yet).
fn none_is_empty<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<BTreeMap<String, Vec<String>>, D::Error> {
    Ok(Option::<BTreeMap<String, Vec<String>>>::deserialize(deserializer)?.unwrap_or_default())
}

/// A number of days: a YAML number, or one too big for YAML's reader
/// (which reads `1e400` as text), so that the range check names it.
fn days<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<f64, D::Error> {
    struct Days;
    impl serde::de::Visitor<'_> for Days {
        type Value = f64;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a number")
        }
        fn visit_f64<E: serde::de::Error>(self, days: f64) -> Result<f64, E> {
            Ok(days)
        }
        fn visit_i64<E: serde::de::Error>(self, days: i64) -> Result<f64, E> {
            Ok(days as f64)
        }
        fn visit_u64<E: serde::de::Error>(self, days: u64) -> Result<f64, E> {
            Ok(days as f64)
        }
        fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<f64, E> {
            text.trim()
                .parse::<f64>()
                .ok()
                .filter(|days| days.is_infinite())
                .ok_or_else(|| E::invalid_type(serde::de::Unexpected::Str(text), &self))
        }
    }
    deserializer.deserialize_any(Days)
}

impl Default for Config {
    fn default() -> Self {
        Config {
            people_keys: ["people", "person", "with", "attendees"]
                .map(String::from)
                .to_vec(),
            interest_keys: ["tags", "tag", "interests", "topics"]
                .map(String::from)
                .to_vec(),
            date_keys: ["date", "created"].map(String::from).to_vec(),
            date_formats: Vec::new(),
            ignore_folders: Vec::new(),
            people_folder: DEFAULT_PEOPLE_FOLDER.to_owned(),
            aliases: BTreeMap::new(),
            alias_lines: BTreeMap::new(),
            aliases_written: false,
            ignore_people: Vec::new(),
            ignore_interests: Vec::new(),
            half_life_days: 90.0,
            reconnect_after_days: 60,
            max_file_size: crate::note::DEFAULT_MAX_FILE_SIZE,
        }
    }
}

impl Config {
    /// The people folder as a path in the vault, empty for none (see
    /// [`folder_in_vault`]).
    pub fn people_folder(&self) -> &str {
        folder_in_vault(&self.people_folder)
    }

    /// The folder settings as extraction depends on them: the people
    /// folder and the ignored folders, each however written (any case,
    /// from the root or not) as one.
    pub fn folders_as_matched(&self) -> (String, Vec<String>) {
        (
            self.people_folder().to_ascii_lowercase(),
            self.ignore_folders
                .iter()
                .map(|glob| folder_in_vault(glob).to_lowercase())
                .collect(),
        )
    }

    /// Whether a note (by relative path) is in the people folder, compared
    /// without regard to ASCII case.
    pub fn in_people_folder(&self, rel_path: &str) -> bool {
        let folder = self.people_folder();
        // `get` rather than slicing: the folder's length in bytes may fall
        // inside a character of the path (`Plan 🚀.md`).
        !folder.is_empty()
            && rel_path
                .get(..folder.len())
                .is_some_and(|start| start.eq_ignore_ascii_case(folder))
            && rel_path.as_bytes().get(folder.len()) == Some(&b'/')
    }
}

/// A folder setting as a path in the vault: `People`, `/People`,
/// `./People` and `People/` are all `People`; `.` is the vault itself
/// (``).
pub(crate) fn folder_in_vault(setting: &str) -> &str {
    let mut folder = setting.trim_matches('/');
    while let Some(rest) = folder.strip_prefix("./") {
        folder = rest.trim_start_matches('/');
    }
    if folder == "." { "" } else { folder }
}

/// The config `kith init` writes: every setting, its default, a comment.
pub const TEMPLATE: &str = r#"# kith's settings for this vault. Every setting is shown with its default;
# delete a line to keep the default. See the README for details.

# Frontmatter keys whose values are people (lists or comma-separated).
people_keys: [people, person, with, attendees]

# Frontmatter keys whose values are interests (lists, or separated by commas or spaces).
interest_keys: [tags, tag, interests, topics]

# Frontmatter keys that hold a note's date, in order of preference.
date_keys: [date, created]

# More file-name date formats, in Moment.js tokens (the format of
# .obsidian/daily-notes.json is read on its own), e.g. ["YYYY_MM_DD", "MMMM Do, YYYY"].
date_formats: []

# Folders to skip besides hidden ones and node_modules (globs), e.g. [Templates, "Archive/**"].
ignore_folders: []

# Notes in this folder define people: People/Alex Bec.md is the person alex-bec.
people_folder: People

# Spellings of one person: canonical handle -> other spellings, one entry
# a line under this key, e.g.  alex-bec: [alex, "Alex B", ab]
# (`kith check` prints the entries to paste here).
aliases:

# Handles that are not people, e.g. [here, todo, everyone].
ignore_people: []

# Tags that are not interests, e.g. [journal, daily].
ignore_interests: []

# Strength half-life in days: a mention this old counts half.
half_life_days: 90

# The digest suggests reconnecting with people not mentioned for this many days.
reconnect_after_days: 60

# Files larger than this many bytes are skipped with a warning (16 MiB).
max_file_size: 16777216
"#;

/// The `.gitignore` `kith init` writes in `.kith/`: the index is derived
/// data and stays out of the vault's repository; the config is kept.
pub const GITIGNORE: &str =
    "# kith's index is rebuilt from the notes: keep it out of git.\n*\n!.gitignore\n!config.yaml\n";

/// Reads `VAULT/.kith/config.yaml`; the defaults when there is none, with
/// a warning when it is a symbolic link to nothing (a config that was
/// moved, or is not synced yet, is not taken for no config in silence).
pub fn load(vault: &Path) -> Result<(Config, Option<Warning>), Error> {
    let path = path_in(vault);
    match read(&path) {
        Ok(text) => Ok((parse(&text, &path)?, None)),
        Err(err) if err.kind() == io::ErrorKind::NotFound => {
            Ok((Config::default(), dangling_link(&path)))
        }
        Err(source) => Err(Error::ReadConfig { path, source }),
    }
}

/// Reads the config at `path`, which must be a regular file. It is opened
/// without blocking: opening a FIFO for reading waits for a writer, and
/// would hang every command (notes are opened the same way, see
/// `notes.rs`).
fn read(path: &Path) -> io::Result<String> {
    let mut options = fs_err::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use fs_err::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let mut file = options.open(path)?;
    if !file.metadata()?.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "not a regular file",
        ));
    }
    let mut text = String::new();
    file.read_to_string(&mut text)?;
    Ok(text)
}

/// The warning for a config at `path` that was not found, when it is a
/// symbolic link (to nothing, then); `None` when there is no file at all.
fn dangling_link(path: &Path) -> Option<Warning> {
    let target = std::fs::read_link(path).ok()?;
    Some(Warning::file(
        CONFIG_PATH,
        format!(
            "a symbolic link to `{}`, which does not exist; kith uses the default settings",
            target.display()
        ),
    ))
}

/// Parses a config's text (`path` names it in errors).
pub fn parse(text: &str, path: &Path) -> Result<Config, Error> {
    let text = without_bom(text);
    if text.trim().is_empty() {
        return Ok(Config::default());
    }
    let mut config: Config =
        serde_yaml::from_str(text).map_err(|err| config_error(path, text, &err))?;
    config.aliases_written = text
        .lines()
        .filter_map(|line| value_after_key(line, "aliases"))
        .any(|value| value.trim().is_empty() || value.trim_start().starts_with('#'));
    let block_keys = block_alias_key_lines(text);
    config.alias_lines = config
        .aliases
        .keys()
        .filter_map(|key| {
            let line = block_keys
                .get(key.as_str())
                .copied()
                .or_else(|| alias_key_line(text, key))?;
            Some((key.clone(), line))
        })
        .collect();
    // A key twice in a mapping of the config (`aliases`) would keep one of
    // the two without a word: read as plain YAML, it is an error.
    serde_yaml::from_str::<serde_yaml::Value>(text)
        .map_err(|err| config_error(path, text, &err))?;
    if !(config.half_life_days > 0.0 && config.half_life_days.is_finite()) {
        return Err(Error::Config {
            path: path.to_path_buf(),
            line: key_lines(text, "half_life_days", false).next(),
            message: if config.half_life_days == f64::INFINITY {
                "`half_life_days` is too big a number of days".to_owned()
            } else {
                "`half_life_days` must be a positive number of days".to_owned()
            },
        });
    }
    for glob in &config.ignore_folders {
        if let Err(err) = globset::Glob::new(glob) {
            return Err(Error::Config {
                path: path.to_path_buf(),
                line: key_lines(text, "ignore_folders", false).next(),
                message: format!("`ignore_folders` has a bad glob `{glob}`: {err}"),
            });
        }
    }
    Ok(config)
}

/// `text` without the byte order mark Windows Notepad writes at the start
/// of a UTF-8 file: serde_yaml misreads it (with two keys or more, as a
/// second YAML document), and it would hide the first line's key from
/// [`key_lines`].
fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

fn config_error(path: &Path, text: &str, err: &serde_yaml::Error) -> Error {
    let message = err.to_string();
    let message = message.split(" at line ").next().unwrap_or(&message);
    // serde_yaml places a duplicate key at the start of the mapping: the
    // line to fix is the key written again (as after an appended line).
    let nested_key = message
        .split_once("duplicate entry with key \"")
        .and_then(|(_, rest)| rest.split('"').next());
    let line = message
        .strip_prefix("duplicate field `")
        .and_then(|rest| rest.split('`').next())
        .and_then(|key| key_lines(text, key, false).nth(1))
        .or_else(|| nested_key.and_then(|key| key_lines(text, key, true).nth(1)))
        .or_else(|| err.location().map(|l| l.line()));
    // serde_yaml tells a second document without a place.
    if message.contains("more than one document") {
        return Error::Config {
            path: path.to_path_buf(),
            line: second_document_line(text),
            message: "a second YAML document starts here; the config is one document (remove the `---` or `...` line, or what follows it)".to_owned(),
        };
    }
    let message = in_plain_words(message);
    Error::Config {
        path: path.to_path_buf(),
        line,
        message,
    }
}

/// The 1-based line of the marker that starts `text`'s second YAML
/// document: a `---` after content (one before any is the first
/// document's start), or the line after a `...` that ends the first.
fn second_document_line(text: &str) -> Option<usize> {
    let is_marker = |line: &str, marker: &str| {
        line.strip_prefix(marker)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t', '\r']))
    };
    let mut content_before = false;
    let mut ended = false;
    for (i, line) in text.lines().enumerate() {
        let blank = line.trim().is_empty() || line.trim_start().starts_with('#');
        if is_marker(line, "---") {
            if content_before || ended {
                return Some(i + 1);
            }
            content_before = true;
        } else if is_marker(line, "...") {
            ended = true;
        } else if !blank {
            if ended {
                return Some(i + 1);
            }
            content_before = true;
        }
    }
    None
}

/// serde's message with Rust's type names said as a user would: `expected
/// u32` is `expected a whole number from 0 to 4294967295`; an unknown
/// setting names the closest known one.
fn in_plain_words(message: &str) -> String {
    const TYPES: [(&str, &str); 5] = [
        (
            "expected u32",
            "expected a whole number from 0 to 4294967295",
        ),
        ("expected u64", "expected a whole number, 0 or more"),
        ("expected f64", "expected a number"),
        ("expected a boolean", "expected true or false"),
        ("expected a sequence", "expected a list"),
    ];
    const PHRASES: [(&str, &str); 3] = [
        ("invalid type: unit value, ", "no value, "),
        (
            "expected struct Config",
            "expected settings, one `key: value` a line",
        ),
        ("expected a map", "expected `key: value` lines"),
    ];
    if let Some(unknown) = unknown_setting(message) {
        return unknown;
    }
    let mut message = TYPES
        .iter()
        .find(|(rust, _)| message.ends_with(rust))
        .map_or_else(
            || message.to_owned(),
            |(rust, plain)| format!("{}{plain}", &message[..message.len() - rust.len()]),
        );
    // A whole number past 64 bits is read as a u128 (or, below zero, an
    // i128).
    let too_big = message
        .split_once(" as u128, ")
        .or_else(|| message.split_once(" as i128, "))
        .map(|(number, rest)| {
            let number = number.replace("invalid type: integer ", "");
            format!("{number} is too big a number, {rest}")
        });
    if let Some(said) = too_big {
        message = said;
    }
    for (serde, plain) in PHRASES {
        message = message.replace(serde, plain);
    }
    message
}

/// serde's "unknown field `x`, expected one of ..." as an unknown setting,
/// with the closest setting when one is close (a typo).
fn unknown_setting(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    let (key, known) = rest.split_once("`, expected one of ")?;
    let known: Vec<&str> = known
        .split(", ")
        .map(|name| name.trim_matches('`'))
        .collect();
    let closest = known
        .iter()
        .map(|name| (strsim::jaro_winkler(key, name), *name))
        .filter(|(score, _)| *score >= 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    Some(match closest {
        Some((_, name)) => format!("unknown setting `{key}`; did you mean `{name}`?"),
        None => format!(
            "unknown setting `{key}`; the settings are `{}`",
            known.join("`, `")
        ),
    })
}

/// The 1-based lines where `key` is set: at the top level, or (`nested`)
/// indented, in a mapping such as `aliases`, quoted or not.
fn key_lines<'t>(text: &'t str, key: &'t str, nested: bool) -> impl Iterator<Item = usize> + 't {
    text.lines().enumerate().filter_map(move |(i, line)| {
        let set = if nested {
            line.starts_with([' ', '\t']) && is_key_line(line.trim_start(), key)
        } else {
            is_key_line(line, key)
        };
        set.then_some(i + 1)
    })
}

/// Whether `line` sets the top-level `key`.
fn is_key_line(line: &str, key: &str) -> bool {
    value_after_key(line, key).is_some()
}

/// What follows the `:` of a line that sets the top-level `key` (written
/// plain or in quotes).
fn value_after_key<'l>(line: &'l str, key: &str) -> Option<&'l str> {
    let (written, colon) = written_key(line)?;
    (written == key).then(|| &line[colon + 1..])
}

/// The 1-based line of each key of `aliases` written in block style, one
/// a line (`  alex-bec: [alex]`, `  "Kim Lee": [kim]`), found in one pass:
/// a config of 40,000 aliases looked each up from the top. A key written
/// otherwise (in a flow mapping, or with escapes) is left to
/// [`alias_key_line`].
fn block_alias_key_lines(text: &str) -> HashMap<&str, usize> {
    let mut lines = HashMap::new();
    let mut in_aliases = false;
    for (i, line) in text.lines().enumerate() {
        if !line.starts_with([' ', '\t', '#']) && !line.trim().is_empty() {
            in_aliases = is_key_line(line, "aliases");
            continue;
        }
        if !in_aliases {
            continue;
        }
        let Some((key, _)) = written_key(line.trim_start()) else {
            continue;
        };
        if !key.starts_with('#') && !key.contains('\\') {
            lines.entry(key).or_insert(i + 1);
        }
    }
    lines
}

/// The 1-based line of `key:` under `aliases` in the config's text.
fn alias_key_line(text: &str, key: &str) -> Option<usize> {
    let start = text.lines().position(|line| is_key_line(line, "aliases"))?;
    let is_key_at = |line: &str, i: usize| {
        let before = line[..i].chars().next_back();
        let after = line[i + key.len()..]
            .trim_start_matches(['"', '\''])
            .trim_start();
        before.is_none_or(|c| c.is_whitespace() || matches!(c, '{' | ',' | '"' | '\''))
            && after.starts_with(':')
    };
    text.lines()
        .enumerate()
        .skip(start)
        .find(|(_, line)| line.match_indices(key).any(|(i, _)| is_key_at(line, i)))
        .map(|(i, _)| i + 1)
}

/// A compiled `ignore_folders`, which remembers which of its entries
/// skipped a folder (the walks of one run share that).
#[derive(Debug, Clone, Default)]
pub struct FolderFilter {
    set: Option<globset::GlobSet>,
    /// The entry (of `ignore_folders`) each glob of `set` comes from.
    entry_of: Vec<usize>,
    /// The entries, and whether each has skipped a folder yet.
    entries: Arc<Vec<(String, AtomicBool)>>,
}

impl FolderFilter {
    /// Compiles the globs (already checked by [`parse`]). A glob matches a
    /// folder's relative path (a leading `/` or `./` is the vault's root),
    /// whatever its case, and the walk skips everything under a skipped
    /// folder. `Archive/**` skips `Archive` itself too, as in a
    /// `.gitignore`: the notes directly in it as well as its subfolders.
    pub fn new(globs: &[String]) -> Self {
        if globs.is_empty() {
            return FolderFilter::default();
        }
        let mut builder = globset::GlobSetBuilder::new();
        let mut entry_of = Vec::new();
        for (entry, glob) in globs.iter().enumerate() {
            let glob = folder_in_vault(glob);
            let whole = glob.strip_suffix("/**").filter(|folder| !folder.is_empty());
            for glob in std::iter::once(glob).chain(whole) {
                // Without regard to case, as the people folder is, and as
                // the file systems of macOS and Windows name folders.
                if let Ok(glob) = globset::GlobBuilder::new(glob)
                    .case_insensitive(true)
                    .build()
                {
                    builder.add(glob);
                    entry_of.push(entry);
                }
            }
        }
        FolderFilter {
            set: builder.build().ok(),
            entry_of,
            entries: Arc::new(
                globs
                    .iter()
                    .map(|glob| (glob.clone(), AtomicBool::new(false)))
                    .collect(),
            ),
        }
    }

    /// Whether the folder at `rel_path` is skipped (noting which entries
    /// skip it).
    pub fn skips(&self, rel_path: &str) -> bool {
        let Some(set) = self.set.as_ref().filter(|set| set.is_match(rel_path)) else {
            return false;
        };
        // Only a folder skipped (few) asks which entries skip it.
        for glob in set.matches(rel_path) {
            self.entries[self.entry_of[glob]]
                .1
                .store(true, Ordering::Relaxed);
        }
        true
    }

    /// The entries that have skipped no folder so far (after a walk: a
    /// typo, or a folder gone).
    pub fn unused(&self) -> impl Iterator<Item = &str> {
        self.entries
            .iter()
            .filter(|(_, used)| !used.load(Ordering::Relaxed))
            .map(|(glob, _)| glob.as_str())
    }
}

/// The path of the config in `vault`.
pub fn path_in(vault: &Path) -> PathBuf {
    crate::vault::path_in(vault, CONFIG_PATH)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_is_the_defaults() {
        let parsed = parse(TEMPLATE, Path::new("c.yaml")).unwrap();
        // Its `aliases:` is where `kith check`'s entries go.
        assert!(parsed.aliases_written);
        let defaults = Config {
            aliases_written: true,
            ..Config::default()
        };
        assert_eq!(parsed, defaults);
    }

    #[test]
    fn an_unknown_key_names_the_key_and_line() {
        let err = parse(
            "people_keys: [people]\nhalf_lfe_days: 30\n",
            Path::new(".kith/config.yaml"),
        )
        .unwrap_err();
        let Error::Config { line, message, .. } = &err else {
            panic!("{err:?}")
        };
        assert_eq!(*line, Some(2));
        assert!(
            message == "unknown setting `half_lfe_days`; did you mean `half_life_days`?",
            "{message}"
        );
    }

    /// serde's words for a config's mistakes, as a user would say them.
    #[test]
    fn config_mistakes_are_said_in_plain_words() {
        let message = |text: &str| match parse(text, Path::new("c.yaml")) {
            Err(Error::Config { message, .. }) => message,
            other => panic!("{text:?}: {other:?}"),
        };
        assert_eq!(
            message("half_life_days:\n"),
            "half_life_days: no value, expected a number"
        );
        assert_eq!(
            message("max_file_size: 99999999999999999999999\n"),
            "max_file_size: `99999999999999999999999` is too big a number, expected a whole number, 0 or more"
        );
        assert_eq!(
            message("max_file_size: -99999999999999999999999\n"),
            "max_file_size: `-99999999999999999999999` is too big a number, expected a whole number, 0 or more"
        );
        assert_eq!(
            message("- people\n"),
            "invalid type: sequence, expected settings, one `key: value` a line"
        );
        assert_eq!(
            message("aliases: [a]\n"),
            "aliases: invalid type: sequence, expected `key: value` lines"
        );
        let unknown = message("zzz: 1\n");
        assert!(
            unknown.starts_with("unknown setting `zzz`; the settings are `people_keys`, "),
            "{unknown}"
        );
    }

    /// A config of two YAML documents names the line the second starts
    /// at: a `---` after content, or what follows a `...`.
    #[test]
    fn a_second_document_names_its_line() {
        let cases = [
            ("people_folder: P\n---\nhalf_life_days: 3\n", Some(2)),
            ("# kith\n---\npeople_folder: P\n---\n", Some(4)),
            ("people_folder: P\n...\n\nhalf_life_days: 3\n", Some(4)),
            ("---\npeople_folder: P\n...\n---\nx: 1\n", Some(4)),
        ];
        for (text, want) in cases {
            let err = parse(text, Path::new("c.yaml")).unwrap_err();
            let Error::Config { line, message, .. } = &err else {
                panic!("{err:?}")
            };
            assert_eq!(*line, want, "{text:?}: {message}");
            assert!(message.contains("second YAML document"), "{message}");
        }
        // One document, its start marked, is a config.
        assert!(parse("---\npeople_folder: P\n", Path::new("c.yaml")).is_ok());
    }

    /// A key appended to the template `kith init` writes is set twice:
    /// the line named is the second, the one to fix.
    #[test]
    fn a_key_set_twice_names_its_second_line() {
        let text = format!("{TEMPLATE}half_life_days: 30\n");
        let err = parse(&text, Path::new("c.yaml")).unwrap_err();
        let Error::Config { line, message, .. } = &err else {
            panic!("{err:?}")
        };
        assert_eq!(*line, Some(text.lines().count()), "{message}");
        assert!(message.contains("duplicate field `half_life_days`"));
    }

    /// A handle twice under `aliases` (two snippets of `kith check`
    /// pasted) would keep one list silently: an error on its second line.
    #[test]
    fn an_alias_key_set_twice_names_its_second_line() {
        let text = "aliases:\n  marcus: [marcas]\n  ana: [an]\n  marcus: [marcos]\n";
        let err = parse(text, Path::new("c.yaml")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "c.yaml:4: aliases: duplicate entry with key \"marcus\""
        );
    }

    #[test]
    fn a_bad_value_is_an_error() {
        let err = parse("reconnect_after_days: soon\n", Path::new("c.yaml")).unwrap_err();
        assert!(
            matches!(err, Error::Config { line: Some(1), .. }),
            "{err:?}"
        );
        let err = parse("half_life_days: 0\n", Path::new("c.yaml")).unwrap_err();
        assert!(err.to_string().contains("c.yaml"), "{err}");
        // Too big for a number, YAML reads it as text.
        let err = parse("half_life_days: 1e400\n", Path::new("c.yaml")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "c.yaml:1: `half_life_days` is too big a number of days"
        );
        let err = parse("half_life_days: -1e400\n", Path::new("c.yaml")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "c.yaml:1: `half_life_days` must be a positive number of days"
        );
    }

    #[test]
    fn a_value_of_the_wrong_type_is_told_without_rust_type_names() {
        for (text, says) in [
            (
                "reconnect_after_days: -1\n",
                "c.yaml:1: reconnect_after_days: invalid type: integer `-1`, expected a whole number from 0 to 4294967295",
            ),
            (
                "half_life_days: abc\n",
                "c.yaml:1: half_life_days: invalid type: string \"abc\", expected a number",
            ),
            (
                "max_file_size: 1.5\n",
                "c.yaml:1: max_file_size: invalid type: floating point `1.5`, expected a whole number, 0 or more",
            ),
        ] {
            let err = parse(text, Path::new("c.yaml")).unwrap_err();
            assert_eq!(err.to_string(), says);
        }
    }

    #[test]
    fn a_byte_order_mark_is_skipped() {
        let text = "\u{feff}half_life_days: 30\nreconnect_after_days: 5\n";
        let config = parse(text, Path::new("c.yaml")).unwrap();
        assert_eq!(config.half_life_days, 30.0);
        assert_eq!(config.reconnect_after_days, 5);
        // The first line's key is still found to name its line.
        let err = parse("\u{feff}half_life_days: 0\n", Path::new("c.yaml")).unwrap_err();
        assert!(
            matches!(err, Error::Config { line: Some(1), .. }),
            "{err:?}"
        );
        assert_eq!(
            parse("\u{feff}", Path::new("c.yaml")).unwrap(),
            Config::default()
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_config_that_is_no_regular_file_is_an_error_never_a_hang() {
        let vault = tempfile::tempdir().unwrap();
        std::fs::create_dir(vault.path().join(".kith")).unwrap();
        let status = std::process::Command::new("mkfifo")
            .arg(path_in(vault.path()))
            .status()
            .unwrap();
        assert!(status.success());
        // Opening a FIFO nobody writes to would block here for ever.
        let err = load(vault.path()).unwrap_err();
        let Error::ReadConfig { source, .. } = &err else {
            panic!("{err:?}")
        };
        assert_eq!(source.to_string(), "not a regular file");
    }

    #[cfg(unix)]
    #[test]
    fn a_dangling_config_link_warns_and_the_defaults_are_used() {
        let vault = tempfile::tempdir().unwrap();
        std::fs::create_dir(vault.path().join(".kith")).unwrap();
        assert_eq!(load(vault.path()).unwrap(), (Config::default(), None));
        std::os::unix::fs::symlink("gone.yaml", path_in(vault.path())).unwrap();
        let (config, warning) = load(vault.path()).unwrap();
        assert_eq!(config, Config::default());
        assert_eq!(
            warning.unwrap().to_string(),
            ".kith/config.yaml: a symbolic link to `gone.yaml`, which does not exist; kith uses the default settings"
        );
    }

    #[test]
    fn aliases_parse() {
        let config = parse(
            "aliases:\n  alex-bec: [alex, \"Alex B\", ab]\n",
            Path::new("c.yaml"),
        )
        .unwrap();
        assert_eq!(config.aliases["alex-bec"], ["alex", "Alex B", "ab"]);
    }

    #[test]
    fn folder_globs() {
        let filter = FolderFilter::new(&["Templates".into(), "Archive/**".into()]);
        assert!(filter.skips("Templates"));
        assert!(filter.skips("Archive/2020"));
        assert!(filter.skips("Archive"), "the notes directly in it too");
        assert!(!filter.skips("Archives"));
        assert!(!filter.skips("Daily"));
    }

    /// A folder setting names a folder of the vault however it is written:
    /// from the root (`/`, `./`), with a trailing `/`, in another case.
    #[test]
    fn folder_settings_are_paths_in_the_vault() {
        for written in ["/Templates", "./Templates", "templates/", ".//Templates"] {
            let filter = FolderFilter::new(&[written.into()]);
            assert!(filter.skips("Templates"), "{written}");
            assert!(!filter.skips("Daily/Templates"), "{written}");
        }
        for written in ["People", "/People", "./People", "people/"] {
            let config = Config {
                people_folder: written.into(),
                ..Config::default()
            };
            assert!(config.in_people_folder("People/Ana.md"), "{written}");
            assert!(!config.in_people_folder("Notes/People/Ana.md"), "{written}");
        }
        // However written, the folders extraction depends on are the same,
        // so the fingerprint is: no note is read again.
        let folders = |people_folder: &str, ignore: &str| {
            Config {
                people_folder: people_folder.into(),
                ignore_folders: vec![ignore.into()],
                ..Config::default()
            }
            .folders_as_matched()
        };
        assert_eq!(
            folders("./people/", "/Templates"),
            folders("People", "templates")
        );
        for none in ["", ".", "./", "/"] {
            assert_eq!(folders(none, "x").0, "", "{none:?}");
        }
    }

    #[test]
    fn alias_keys_are_found_by_line() {
        let text = "# aliases: {x: [y]}\naliases:\n  alex-bec: [alex]\n  bec: [b]\n  \"Kim Lee\": [kim]\nignore_people: []\n";
        assert_eq!(alias_key_line(text, "alex-bec"), Some(3));
        assert_eq!(alias_key_line(text, "bec"), Some(4));
        assert_eq!(alias_key_line(text, "Kim Lee"), Some(5));
        assert_eq!(alias_key_line("aliases: {a: [b]}\n", "a"), Some(1));
        assert_eq!(alias_key_line("people_folder: P\n", "a"), None);
        let block = block_alias_key_lines(text);
        assert_eq!(
            (
                block.get("alex-bec"),
                block.get("bec"),
                block.get("Kim Lee")
            ),
            (Some(&3), Some(&4), Some(&5))
        );
        assert_eq!(block.get("x"), None, "not from a comment");
    }

    #[test]
    fn keys_are_read_as_yaml_writes_them() {
        let text = "aliases_x: 1\n'aliases':\n  \"kim\": [a]\n  kim : [b]\n  a:b: [c]\n";
        assert_eq!(key_lines(text, "aliases", false).collect::<Vec<_>>(), [2]);
        assert_eq!(key_lines(text, "kim", true).collect::<Vec<_>>(), [3, 4]);
        assert_eq!(key_lines(text, "a", true).next(), None, "the key is `a:b`");
        assert_eq!(block_alias_key_lines(text).get("a:b"), Some(&5));
        assert_eq!(alias_key_line("aliases_x:\n  a: [b]\n", "a"), None);
    }
}
