//! Settings resolved once from the command line and the environment.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use crate::cli::{ColorChoice, GlobalArgs};
use crate::error::Error;
use crate::extract::ExtractOptions;
use crate::vault::WalkOptions;

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
}

impl Settings {
    /// Resolves settings: a command's positional vault wins over `--vault`
    /// (or `KITH_VAULT`), which wins over the current folder.
    pub fn resolve(global: &GlobalArgs, positional_vault: Option<&Path>) -> Result<Self, Error> {
        let vault = positional_vault
            .map(Path::to_path_buf)
            .or_else(|| global.vault.clone())
            .unwrap_or_else(|| PathBuf::from("."));
        if !vault.is_dir() {
            return Err(Error::VaultNotFound { path: vault });
        }
        let index = global
            .index
            .clone()
            .unwrap_or_else(|| vault.join(".kith").join("index.sqlite"));
        Ok(Settings {
            walk: WalkOptions {
                follow_links: global.follow_links,
            },
            extract: ExtractOptions {
                mtime_dates: global.mtime_dates,
                ..ExtractOptions::default()
            },
            max_file_size: crate::note::DEFAULT_MAX_FILE_SIZE,
            vault,
            index,
        })
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

/// Whether standard output is a terminal.
pub fn stdout_is_terminal() -> bool {
    std::io::stdout().is_terminal()
}
