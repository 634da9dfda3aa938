//! `kith init`: write the vault's config with every default.

use anyhow::Result;

use crate::cli::{GlobalArgs, InitArgs};
use crate::config::{CONFIG_PATH, GITIGNORE, TEMPLATE};
use crate::error::Error;
use crate::exit::ExitStatus;
use crate::output::write_atomically;
use crate::printer::Printer;

/// Runs `kith init`.
pub fn run(args: &InitArgs, global: &GlobalArgs, printer: &Printer) -> Result<ExitStatus> {
    let vault = args
        .vault
        .clone()
        .or_else(|| global.vault.clone())
        .unwrap_or_else(|| ".".into());
    if !vault.is_dir() {
        return Err(Error::VaultNotFound { path: vault }.into());
    }
    let config = vault.join(CONFIG_PATH);
    if config.exists() && !args.force {
        printer.error_message(format_args!("`{}` already exists", config.display()));
        printer.hint("use --force to overwrite it with the defaults");
        return Ok(ExitStatus::Error);
    }
    let folder = vault.join(".kith");
    fs_err::create_dir_all(&folder).map_err(|source| Error::WriteOutput {
        path: folder.clone(),
        source,
    })?;
    write_atomically(&config, |out| out.write_all(TEMPLATE.as_bytes()))?;
    // A `.gitignore` already there is the user's: kept as it is.
    let gitignore = folder.join(".gitignore");
    if gitignore.exists() {
        printer.summary(format_args!("wrote `{}`", config.display()));
    } else {
        write_atomically(&gitignore, |out| out.write_all(GITIGNORE.as_bytes()))?;
        printer.summary(format_args!(
            "wrote `{}` and `{}`",
            config.display(),
            gitignore.display()
        ));
    }
    Ok(ExitStatus::Success)
}
