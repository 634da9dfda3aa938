//! `kith people`: everyone you know.

use anyhow::Result;

use super::query::{open_query, tell_unknown_interests, write_list};
use crate::cli::{GlobalArgs, PeopleArgs};
use crate::exit::ExitStatus;
use crate::printer::Printer;
use crate::report::people;
use crate::report::who::interest_of;

/// Runs `kith people`.
pub fn run(args: &PeopleArgs, global: &GlobalArgs, printer: &Printer) -> Result<ExitStatus> {
    let (index, settings, query) =
        open_query(global, args.vault.as_deref(), (&args.query).into(), printer)?;
    let interest = args.interest.as_deref().and_then(interest_of);
    let report = people::build(&index, &query, interest.as_deref(), args.sort)?;
    write_list(printer, &args.query, &report)?;
    if let Some(interest) = interest
        && report.people.is_empty()
    {
        tell_unknown_interests(printer, &index, settings.config(), &[interest])?;
    }
    Ok(ExitStatus::Success)
}
