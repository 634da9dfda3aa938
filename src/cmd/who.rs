//! `kith who INTEREST...`: who could I ask about this?

use anyhow::Result;

use super::query::{open_query, tell_unknown_interests, write_list};
use crate::cli::{GlobalArgs, WhoArgs};
use crate::exit::ExitStatus;
use crate::printer::Printer;
use crate::report::who;

/// Runs `kith who`.
pub fn run(args: &WhoArgs, global: &GlobalArgs, printer: &Printer) -> Result<ExitStatus> {
    let (index, settings, query) = open_query(global, None, (&args.query).into(), printer)?;
    let report = who::build(&index, &query, settings.config(), &args.interests)?;
    write_list(printer, &args.query, &report, None)?;
    let unknown = tell_unknown_interests(printer, &index, settings.config(), &report.interests)?;
    // `--limit 0` lists nobody, which says nothing of who there is.
    if report.people.is_empty() && args.query.limit != Some(0) && !unknown {
        printer.info(format_args!(
            "nobody yet in the context of {}",
            report
                .interests
                .iter()
                .map(|i| format!("#{i}"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    Ok(ExitStatus::Success)
}
