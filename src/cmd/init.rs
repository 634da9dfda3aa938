//! `kith init`: write the vault's config with every default.

use std::io::Write;

use anyhow::Result;

use crate::cli::{GlobalArgs, InitArgs};
use crate::config::{CONFIG_PATH, GITIGNORE, TEMPLATE};
use crate::error::Error;
use crate::exit::ExitStatus;
use crate::output::write_atomically;
use crate::printer::Printer;
use crate::vault::path_in;

/// Runs `kith init`.
pub fn run(args: &InitArgs, global: &GlobalArgs, printer: &Printer) -> Result<ExitStatus> {
    if args.print {
        let mut out = printer.stdout();
        out.write_all(TEMPLATE.as_bytes())?;
        out.flush()?;
        return Ok(ExitStatus::Success);
    }
    let vault = args
        .vault
        .clone()
        .or_else(|| global.vault.clone())
        .unwrap_or_else(|| ".".into());
    if !vault.is_dir() {
        return Err(Error::VaultNotFound { path: vault }.into());
    }
    let config = path_in(&vault, CONFIG_PATH);
    let folder = path_in(&vault, ".kith");
    let gitignore = folder.join(".gitignore");
    if config.is_dir() {
        printer.error_message(format_args!(
            "`{}` is a folder, where the config file belongs",
            config.display()
        ));
        printer.hint("move the folder away, then run `kith init` again");
        return Ok(ExitStatus::Error);
    }
    let keep_config = config.exists() && !args.force;
    // A linked config is changed where it points: `--force` does not
    // write through links.
    let linked_to = std::fs::read_link(&config).ok();
    let to_change = match &linked_to {
        Some(target) => format!("a link to `{}`: edit that file", target.display()),
        None => "--force overwrites it with the defaults".to_owned(),
    };
    if keep_config && gitignore.exists() {
        printer.error_message(format_args!("`{}` already exists", config.display()));
        printer.hint(match &linked_to {
            Some(_) => format!("it is {to_change}"),
            None => "use --force to overwrite it with the defaults".to_owned(),
        });
        return Ok(ExitStatus::Error);
    }
    // `--force` replaces the config, never what a link there points to
    // (a note, maybe).
    if !keep_config && let Some(target) = linked_to {
        return Err(Error::LinkedConfig {
            path: config,
            target,
        }
        .into());
    }
    fs_err::create_dir_all(&folder).map_err(|source| Error::WriteOutput {
        path: folder.clone(),
        source,
    })?;
    let mut wrote = Vec::new();
    if !keep_config {
        write_atomically(&config, |out| out.write_all(TEMPLATE.as_bytes()))?;
        wrote.push(config.display().to_string());
    }
    // A `.gitignore` already there is the user's: kept as it is; one
    // missing is written again, also beside a config that is kept.
    if !gitignore.exists() {
        write_atomically(&gitignore, |out| out.write_all(GITIGNORE.as_bytes()))?;
        wrote.push(gitignore.display().to_string());
    }
    let wrote: Vec<String> = wrote.iter().map(|path| format!("`{path}`")).collect();
    printer.summary(format_args!("wrote {}", wrote.join(" and ")));
    if keep_config {
        printer.summary(format_args!(
            "kept `{}`, which exists ({to_change})",
            config.display()
        ));
    }
    Ok(ExitStatus::Success)
}
