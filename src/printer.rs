//! The one place that writes: data to stdout, messages to stderr.
#![allow(clippy::print_stderr)]

use std::cell::Cell;
use std::fmt::Display;
use std::io::{self, BufWriter, IsTerminal, Write};

use std::time::{Duration, Instant};

use anstyle::{AnsiColor, Style};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::cli::{ColorChoice, GlobalArgs};
use crate::error::Warning;
use crate::settings::resolve_color;
use crate::text::escape_controls_but_lines;

const WARNING: Style = AnsiColor::Yellow.on_default().bold();
const ERROR: Style = AnsiColor::Red.on_default().bold();
const HINT: Style = AnsiColor::Cyan.on_default().bold();

/// How much to say on stderr.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verbosity {
    /// `-q`: a count of warnings, not each one.
    Quiet,
    /// Each warning, and summaries.
    Default,
    /// `-v`: also skipped files and timings.
    Verbose,
}

/// Writes data and messages, with colour where it is wanted.
#[derive(Debug)]
pub struct Printer {
    verbosity: Verbosity,
    color: ColorChoice,
    stderr_color: bool,
    warnings: Cell<usize>,
}

impl Printer {
    /// A printer for the global options given.
    pub fn new(global: &GlobalArgs) -> Self {
        let verbosity = if global.quiet {
            Verbosity::Quiet
        } else if global.verbose {
            Verbosity::Verbose
        } else {
            Verbosity::Default
        };
        Printer {
            verbosity,
            color: global.color,
            stderr_color: resolve_color(global.color, io::stderr().is_terminal()),
            warnings: Cell::new(0),
        }
    }

    /// How much to say.
    pub fn verbosity(&self) -> Verbosity {
        self.verbosity
    }

    /// Whether data written to stdout is coloured.
    pub fn stdout_color(&self) -> bool {
        resolve_color(self.color, io::stdout().is_terminal())
    }

    /// A buffered writer for data on stdout. Renderers write colour codes
    /// only when [`Printer::stdout_color`] says so, so nothing needs
    /// stripping here.
    pub fn stdout(&self) -> BufWriter<Stdout> {
        BufWriter::with_capacity(256 * 1024, Stdout(io::stdout().lock()))
    }

    /// Reports a warning (only counted under `-q`).
    pub fn warning(&self, warning: &Warning) {
        self.warnings.set(self.warnings.get() + 1);
        if self.verbosity > Verbosity::Quiet {
            self.message(WARNING, "warning", warning);
        }
    }

    /// The number of warnings reported so far.
    pub fn warning_count(&self) -> usize {
        self.warnings.get()
    }

    /// Under `-q`, one line with the number of warnings that were hidden.
    pub fn warning_summary(&self) {
        let count = self.warnings.get();
        if self.verbosity == Verbosity::Quiet && count > 0 {
            // Not "run without -q": the next scan shows only the warnings
            // of the notes it reads again.
            let (plural, them) = if count == 1 {
                ("", "it")
            } else {
                ("s", "them")
            };
            self.message(
                WARNING,
                "warning",
                format_args!("{count} warning{plural} (`kith check` lists {them})"),
            );
        }
    }

    /// Reports a fatal error: its whole cause chain on one line.
    pub fn error(&self, error: &anyhow::Error) {
        self.message(ERROR, "error", format_args!("{error:#}"));
    }

    /// A warning that is not about one note (counted like the others).
    pub fn warn_message(&self, message: impl Display) {
        self.warnings.set(self.warnings.get() + 1);
        if self.verbosity > Verbosity::Quiet {
            self.message(WARNING, "warning", message);
        }
    }

    /// Reports a fatal problem that is not an error value (`no person X`).
    pub fn error_message(&self, message: impl Display) {
        self.message(ERROR, "error", message);
    }

    /// A command's closing summary line on stderr, not shown under `-q`.
    pub fn summary(&self, message: impl Display) {
        self.info(message);
    }

    /// A progress bar for reading notes: drawn on stderr only when it is a
    /// terminal, warnings are not silenced to a count, and the work takes
    /// longer than half a second. Never in CI or when piped.
    pub fn progress(&self) -> Progress {
        let wanted = self.verbosity > Verbosity::Quiet && io::stderr().is_terminal();
        Progress {
            bar: wanted.then(|| {
                let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
                bar.set_style(
                    ProgressStyle::with_template(
                        "{spinner} reading notes {bar:30} {pos}/{len} {per_sec} eta {eta}",
                    )
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
                );
                bar
            }),
            started: Instant::now(),
            shown: false,
        }
    }

    /// A `hint:` after a blank line.
    pub fn hint(&self, hint: impl Display) {
        write_stderr("\n");
        self.message(HINT, "hint", hint);
    }

    /// A plain message on stderr (summaries), not shown under `-q`.
    pub fn info(&self, message: impl Display) {
        if self.verbosity > Verbosity::Quiet {
            write_stderr(&format!("{}\n", safe(message)));
        }
    }

    /// A message shown only under `-v`.
    pub fn verbose(&self, message: impl Display) {
        if self.verbosity == Verbosity::Verbose {
            write_stderr(&format!("{}\n", safe(message)));
        }
    }

    /// `label: message` on stderr.
    fn message(&self, style: Style, label: &str, message: impl Display) {
        let message = safe(message);
        write_stderr(&if self.stderr_color {
            format!("{style}{label}{style:#}: {message}\n")
        } else {
            format!("{label}: {message}\n")
        });
    }
}

/// A message made safe for the terminal: names from notes in it (a hint's
/// closest names, a skipped file's) with their control characters
/// escaped; its own line ends kept.
fn safe(message: impl Display) -> String {
    let message = message.to_string();
    escape_controls_but_lines(&message).into_owned()
}

/// Writes a formatted message to stderr in one call: stderr is unbuffered,
/// so writing piece by piece would cost a system call a piece, and could
/// interleave with another process's lines. A closed stderr leaves nowhere
/// to report to, so a failed write is let go (where `eprintln!` panics).
fn write_stderr(text: &str) {
    drop(io::stderr().lock().write_all(text.as_bytes()));
}

/// How long work runs before a progress bar appears.
const PROGRESS_DELAY: Duration = Duration::from_millis(500);

/// A progress bar that shows itself only after [`PROGRESS_DELAY`].
#[derive(Debug)]
pub struct Progress {
    bar: Option<ProgressBar>,
    started: Instant,
    shown: bool,
}

impl Progress {
    /// `done` of `total` items are finished.
    pub fn update(&mut self, done: usize, total: usize) {
        let Some(bar) = &self.bar else { return };
        bar.set_length(total as u64);
        bar.set_position(done as u64);
        if !self.shown && self.started.elapsed() >= PROGRESS_DELAY && done < total {
            bar.set_draw_target(ProgressDrawTarget::stderr());
            self.shown = true;
        }
    }

    /// Runs `f` (which prints) with the bar out of the way.
    pub fn suspend(&self, f: impl FnOnce()) {
        match &self.bar {
            Some(bar) if self.shown => bar.suspend(f),
            _ => f(),
        }
    }

    /// Removes the bar.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// Standard output, whose errors say that they are standard output's (a
/// full disk, `kith people > /dev/full`, would otherwise be told with no
/// file named). An error keeps its kind: a closed pipe still reads as one.
#[derive(Debug)]
pub struct Stdout(io::StdoutLock<'static>);

impl Stdout {
    fn labelled(err: io::Error) -> io::Error {
        io::Error::new(
            err.kind(),
            format!("cannot write to standard output: {err}"),
        )
    }
}

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.write(buf).map_err(Stdout::labelled)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush().map_err(Stdout::labelled)
    }
}
