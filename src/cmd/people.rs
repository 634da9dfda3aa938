//! `kith people`: everyone you know.

use anyhow::Result;

use super::query::{open_query, tell_unknown_interests, write_list};
use crate::cli::{GlobalArgs, PeopleArgs};
use crate::exit::ExitStatus;
use crate::printer::Printer;
use crate::report::people::{self, PeopleSort};
use crate::report::who::interest_of;

/// Runs `kith people`.
pub fn run(args: &PeopleArgs, global: &GlobalArgs, printer: &Printer) -> Result<ExitStatus> {
    let (index, settings, query) =
        open_query(global, args.vault.as_deref(), (&args.query).into(), printer)?;
    let interest = args.interest.as_deref().and_then(interest_of);
    let report = people::build(&index, &query, interest.as_deref(), args.sort)?;
    // The column people are sorted by stays on a narrow terminal.
    let sorted_by = match args.sort {
        PeopleSort::Mentions => Some("mentions"),
        PeopleSort::Strength | PeopleSort::Recent | PeopleSort::Name => None,
    };
    write_list(printer, &args.query, &report, sorted_by)?;
    if let Some(interest) = interest
        && report.people.is_empty()
    {
        tell_unknown_interests(printer, &index, settings.config(), &[interest])?;
    }
    Ok(ExitStatus::Success)
}
