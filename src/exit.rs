//! Exit statuses: the only place where they become numbers.

use std::process::ExitCode;

/// How a command ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// It did what was asked (warnings may have been printed): exit 0.
    Success,
    /// A question with no answer, or findings under `--strict`: exit 1.
    Findings,
    /// It could not do what was asked: exit 2 (as clap's usage errors).
    Error,
}

impl From<ExitStatus> for ExitCode {
    fn from(status: ExitStatus) -> Self {
        match status {
            ExitStatus::Success => ExitCode::SUCCESS,
            ExitStatus::Findings => ExitCode::from(1),
            ExitStatus::Error => ExitCode::from(2),
        }
    }
}
