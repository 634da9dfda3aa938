//! Settings resolved once from the command line and the environment.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::cli::{ColorChoice, GlobalArgs};
use crate::config::{self, CONFIG_PATH, Config, DEFAULT_PEOPLE_FOLDER, FolderFilter};
use crate::error::{Error, Warning};
use crate::extract::ExtractOptions;
use crate::identity::{Identity, PersonNote};
use crate::note::date_format::{DateFormat, read_daily_notes};
use crate::note::frontmatter;
use crate::notes;
use crate::vault::{self, NoteFile, WalkOptions, Walked};

/// Everything a command needs to know about where and how to work.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The vault folder.
    pub vault: PathBuf,
    /// The index file.
    pub index: PathBuf,
    /// How to walk the vault.
    pub walk: WalkOptions,
    /// How to extract mentions.
    pub extract: ExtractOptions,
    /// Files larger than this many bytes are skipped with a warning.
    pub max_file_size: u64,
    /// Problems with the vault's settings that do not stop kith.
    pub warnings: Vec<Warning>,
}

impl Settings {
    /// Resolves settings. The vault is a command's positional VAULT, else
    /// `--vault` or `KITH_VAULT`, else the current folder; VAULT with a
    /// different `--vault` on the command line is an error.
    pub fn resolve(global: &GlobalArgs, positional_vault: Option<&Path>) -> Result<Self, Error> {
        if let (Some(positional), Some(flag)) = (positional_vault, &global.vault)
            && global.vault_on_command_line
            && !same_folder(positional, flag)
        {
            return Err(Error::TwoVaults {
                positional: positional.to_path_buf(),
                flag: flag.clone(),
            });
        }
        let given = positional_vault
            .map(Path::to_path_buf)
            .or_else(|| global.vault.clone());
        let vault = given.clone().unwrap_or_else(|| PathBuf::from("."));
        if !vault.is_dir() {
            return Err(Error::VaultNotFound { path: vault });
        }
        let mut warnings = Vec::new();
        if given.is_none() {
            warnings.extend(vault_above_the_current_folder());
        }
        let index = global
            .index
            .clone()
            .unwrap_or_else(|| crate::vault::path_in(&vault, crate::index::DEFAULT_INDEX));
        let (config, config_warning) = config::load(&vault)?;
        let mut date_formats = Vec::with_capacity(config.date_formats.len());
        for format in &config.date_formats {
            let compiled = DateFormat::parse(format).map_err(|message| {
                let path = config::path_in(&vault);
                let line = config_line(&path, "date_formats", format);
                Error::Config {
                    path,
                    line,
                    message: format!("`date_formats` has an unusable format: {message}"),
                }
            })?;
            date_formats.push(compiled);
        }
        warnings.extend(config_warning);
        let daily_notes = match read_daily_notes(&vault) {
            Ok(daily) => daily.map(Arc::new),
            Err(message) => {
                warnings.push(Warning::file(
                    ".obsidian/daily-notes.json",
                    format!("ignored: {message}"),
                ));
                None
            }
        };
        Ok(Settings {
            walk: WalkOptions {
                follow_links: global.follow_links,
                ignore_folders: FolderFilter::new(&config.ignore_folders),
            },
            max_file_size: config.max_file_size,
            extract: ExtractOptions {
                mtime_dates: global.mtime_dates,
                config: Arc::new(config),
                daily_notes,
                date_formats: Arc::new(date_formats),
                ..ExtractOptions::default()
            },
            warnings,
            vault,
            index,
        })
    }

    /// Whether the index is kept outside the vault (`--index`,
    /// `KITH_INDEX`): only such an index may have been made from another
    /// vault. One whose folder does not exist yet counts as outside.
    pub fn index_outside_vault(&self) -> bool {
        let vault = self
            .vault
            .canonicalize()
            .unwrap_or_else(|_| self.vault.clone());
        let folder = self
            .index
            .parent()
            .and_then(|folder| folder.canonicalize().ok());
        folder.is_none_or(|folder| !folder.starts_with(&vault))
    }

    /// Walks the vault (see [`vault::walk`]), warning when the people
    /// folder the config names holds no note (a typo there would turn
    /// every person note into a plain note without a word), and when an
    /// `ignore_folders` entry skips no folder.
    pub fn walk_vault(&self) -> Walked {
        let mut walked = vault::walk(&self.vault, &self.walk);
        let config = self.config();
        let folder = config.people_folder();
        // Not the default (a vault without a people folder is fine), nor
        // none at all (a vault whose people are `type: person` notes).
        if !folder.is_empty()
            && !folder.eq_ignore_ascii_case(DEFAULT_PEOPLE_FOLDER)
            && !walked
                .notes
                .iter()
                .any(|note| config.in_people_folder(&note.rel_path))
        {
            walked.warnings.push(Warning::file(
                CONFIG_PATH,
                format!(
                    "people_folder `{}` holds no note, so no note there defines a person",
                    config.people_folder
                ),
            ));
        }
        // Skipped folders are not walked: each entry that skipped none is
        // a typo, or names a folder gone.
        for glob in self.walk.ignore_folders.unused() {
            walked.warnings.push(Warning::file(
                CONFIG_PATH,
                format!("ignore_folders entry `{glob}` matches no folder of the vault"),
            ));
        }
        walked
    }

    /// The vault's config.
    pub fn config(&self) -> &Config {
        &self.extract.config
    }

    /// A fingerprint of every setting that changes what extraction finds
    /// (the config, the daily-note format, `--mtime-dates`) and of the
    /// rules themselves ([`crate::extract::RULES_VERSION`]): when it
    /// changes, every note must be read again.
    pub fn extraction_fingerprint(&self) -> String {
        self.extraction_fingerprint_for(self.config())
    }

    /// [`Settings::extraction_fingerprint`] with `config` in place of the
    /// vault's.
    pub fn extraction_fingerprint_for(&self, config: &Config) -> String {
        let mut hasher = DefaultHasher::new();
        // Not the half-life or the reconnect threshold: they change answers,
        // not what is extracted.
        (
            &config.people_keys,
            &config.interest_keys,
            &config.date_keys,
            &config.date_formats,
            config.folders_as_matched(),
            &config.aliases,
            &config.ignore_people,
            &config.ignore_interests,
            config.max_file_size,
        )
            .hash(&mut hasher);
        self.extract
            .daily_notes
            .as_ref()
            .map(|daily| (daily.format.as_str().to_owned(), daily.folder.clone()))
            .hash(&mut hasher);
        self.extract.mtime_dates.hash(&mut hasher);
        crate::extract::RULES_VERSION.hash(&mut hasher);
        format!("{:016x}", hasher.finish())
    }

    /// Learns who is who from the vault's person notes (given, or found by
    /// a quick pass over `files`), for extraction to use; returns the
    /// warnings about conflicting aliases.
    pub fn learn_identity(
        &mut self,
        files: &[NoteFile],
        people: Option<Vec<PersonNote>>,
    ) -> Vec<Warning> {
        let people = people.unwrap_or_else(|| notes::person_notes(files, self.config()));
        let paths = files.iter().map(|f| f.rel_path.as_str());
        let (identity, warnings) = Identity::new(self.config(), paths, people);
        self.extract.identity = Arc::new(identity);
        warnings
    }
}

/// Whether to colour output, from `--color`, `NO_COLOR` and the terminal.
pub fn resolve_color(choice: ColorChoice, stream_is_terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            stream_is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

/// When no vault is given, the current folder is the vault: if it is
/// none but a folder above it is, kith would answer for part of a vault
/// (and keep an index in it), which is worth a warning naming that folder.
fn vault_above_the_current_folder() -> Option<Warning> {
    let here = std::env::current_dir().ok()?;
    if vault_marker(&here).is_some() {
        return None;
    }
    let (above, marker) = here
        .ancestors()
        .skip(1)
        .find_map(|folder| vault_marker(folder).map(|marker| (folder, marker)))?;
    let here_name = here.file_name().map_or_else(
        || here.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    );
    Some(Warning::file(
        above.display().to_string(),
        format!(
            "holds {marker}, so it looks like the vault; kith reads only the current folder, `{here_name}` (give `--vault {}`, or run kith there)",
            above.display()
        ),
    ))
}

/// What makes `folder` a vault, if anything does: Obsidian's `.obsidian/`
/// or kith's config. An index is no sign: kith makes one wherever it is
/// run.
fn vault_marker(folder: &Path) -> Option<&'static str> {
    if folder.join(".obsidian").is_dir() {
        Some(".obsidian/")
    } else if folder.join(".kith/config.yaml").is_file() {
        Some(".kith/config.yaml")
    } else {
        None
    }
}

/// The line of the config at `path` where `key` holds `value`, found as a
/// note's frontmatter values are (after the key, whole, outside comments);
/// read again only to say where something is wrong.
fn config_line(path: &Path, key: &str, value: &str) -> Option<usize> {
    if value.trim().is_empty() {
        return None;
    }
    let text = std::fs::read_to_string(path).ok()?;
    let yaml = frontmatter::parse("", &text, 0, 1).ok()??;
    yaml.value_offset(key)?;
    let at = yaml.values_of(key).find(value)?;
    Some(text[..at.start].matches('\n').count() + 1)
}

/// Whether `a` and `b` name one folder (or are written alike).
fn same_folder(a: &Path, b: &Path) -> bool {
    a == b
        || matches!(
            (a.canonicalize(), b.canonicalize()),
            (Ok(a), Ok(b)) if a == b
        )
}

/// Whether standard output is a terminal.
pub fn stdout_is_terminal() -> bool {
    std::io::stdout().is_terminal()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_config_value_is_found_on_its_line_after_its_key_outside_comments() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("config.yaml");
        let text = "# e.g. [\"MMMM Do\"]\npeople_folder: People\ndate_formats:\n  - YYYY_MM_DD # not MMMM Do\n  - \"MMMM Do\"\n";
        std::fs::write(&path, text).unwrap();
        assert_eq!(config_line(&path, "date_formats", "MMMM Do"), Some(5));
        assert_eq!(
            config_line(&path, "date_formats", "YYYY_MM"),
            None,
            "not in YYYY_MM_DD"
        );
        assert_eq!(config_line(&path, "date_formats", ""), None);
    }
}
