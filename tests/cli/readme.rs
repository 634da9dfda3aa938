//! The README works as written: every shell example that runs on
//! `sample-notes/` is run from the repository's root, and its output is
//! compared with the README's where the README shows it.
//!
//! The examples are the commands of the ```` ```sh ```` blocks that mention
//! `sample-notes`. `kith ARGS` and `cargo run [--release] -- ARGS` run the
//! built binary with ARGS; another tool (`sqlite3`) runs when it is
//! installed. The index goes to a temporary folder (`KITH_INDEX`, and the
//! README's `sample-notes/.kith/index.sqlite` is read there), and so does
//! every `--output FILE`. Each must exit 0.
//!
//! A ```` ```text ```` block right after a command's block is its whole
//! stdout as a terminal 120 columns wide shows it (`mentions`, which
//! prints JSON Lines when piped, is run again with `--format table`); a
//! ```` ```markdown ```` block further on, before the next command, is an
//! excerpt of its stdout. Trailing whitespace is ignored.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::harness::kith_process;

/// The commands that print a table on a terminal and JSON when piped.
const TERMINAL_TABLES: &[&str] = &["mentions"];

#[test]
#[allow(clippy::print_stderr)]
fn readme_examples_on_sample_notes_work_as_written() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md");
    let examples = examples(&readme);
    assert!(
        examples.iter().filter(|e| e.runs_kith()).count() >= 5,
        "found too few README examples on sample-notes: {:#?}",
        examples
    );

    let work = tempfile::Builder::new()
        .prefix("kith-readme")
        .tempdir()
        .expect("a temp dir");
    let index = work.path().join("index.sqlite");
    let mut failures = Vec::new();
    for example in &examples {
        let at = format!("README.md:{}: `{}`", example.line, example.text);
        let Some(mut command) = example.command(root, work.path(), &index) else {
            eprintln!("skipped {at}: `{}` is not installed", example.words[0]);
            continue;
        };
        let output = command.output().expect("the command runs");
        if !output.status.success() {
            failures.push(exited(&at, &output));
            continue;
        }
        if !example.runs_kith() && output.stdout.is_empty() {
            failures.push(format!("{at} printed nothing"));
        }
        let Some(expected) = &example.expected else {
            continue;
        };
        // What a terminal shows: run again with `--format table`.
        let output = if example.needs_table() {
            let mut command = example
                .command(root, work.path(), &index)
                .expect("ran before");
            command.args(["--format", "table"]);
            let output = command.output().expect("the command runs");
            if !output.status.success() {
                failures.push(exited(&format!("{at} --format table"), &output));
                continue;
            }
            output
        } else {
            output
        };
        if let Some(problem) = expected.compare(&output) {
            failures.push(format!("{at}: {problem}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} README example(s) do not work as written:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

/// `AT exited with STATUS` and the stderr of `output`.
fn exited(at: &str, output: &Output) -> String {
    format!(
        "{at} exited with {}\nstderr:\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    )
}

/// One command of a README shell block.
#[derive(Debug)]
struct Example {
    /// The README line it starts on (1-based).
    line: usize,
    /// As written (continuation lines joined).
    text: String,
    /// Split as `sh` would.
    words: Vec<String>,
    expected: Option<Expected>,
}

/// What the README shows of a command's stdout.
#[derive(Debug)]
enum Expected {
    /// All of it, from a ```` ```text ```` block right after the command's.
    Whole { line: usize, text: String },
    /// A part of it, from a ```` ```markdown ```` block further on.
    Excerpt { line: usize, text: String },
}

impl Example {
    /// Whether this runs kith (`kith ...` or `cargo run ... -- ...`).
    fn runs_kith(&self) -> bool {
        self.words[0] == "kith"
            || self
                .words
                .starts_with(&["cargo".to_owned(), "run".to_owned()])
    }

    /// kith's arguments, without `kith` or `cargo run ... --`.
    fn kith_args(&self) -> &[String] {
        if self.words[0] == "kith" {
            &self.words[1..]
        } else {
            let dashes = self.words.iter().position(|w| w == "--");
            &self.words[dashes.map_or(self.words.len(), |at| at + 1)..]
        }
    }

    /// Whether the shown output is a table only a terminal gets.
    fn needs_table(&self) -> bool {
        let args = self.kith_args();
        self.runs_kith()
            && matches!(self.expected, Some(Expected::Whole { .. }))
            && args
                .first()
                .is_some_and(|command| TERMINAL_TABLES.contains(&command.as_str()))
            && !args
                .iter()
                .any(|a| a == "--format" || a.starts_with("--format="))
    }

    /// The command to run from `root`, with `--output` files in `work` and
    /// the index at `index`; `None` when it needs a tool that is missing.
    fn command(&self, root: &Path, work: &Path, index: &Path) -> Option<Command> {
        let mut command = if self.runs_kith() {
            let mut command = kith_process();
            command.env("KITH_INDEX", index);
            let mut args = self.kith_args().iter();
            while let Some(arg) = args.next() {
                if arg == "--output" || arg == "-o" {
                    let file = args.next().expect("a file after --output");
                    command.arg(arg).arg(in_dir(work, file));
                } else if let Some(file) = arg.strip_prefix("--output=") {
                    command.arg(format!("--output={}", in_dir(work, file).display()));
                } else {
                    command.arg(arg);
                }
            }
            command
        } else {
            let tool = which(&self.words[0])?;
            let mut command = Command::new(tool);
            for word in &self.words[1..] {
                match word.strip_prefix("sample-notes/.kith/index.sqlite") {
                    Some(rest) => command.arg(format!("{}{rest}", index.display())),
                    None => command.arg(word),
                };
            }
            command
        };
        command.current_dir(root);
        Some(command)
    }
}

/// `dir/NAME` for the file name of `file`.
fn in_dir(dir: &Path, file: &str) -> PathBuf {
    dir.join(Path::new(file).file_name().expect("a file name"))
}

/// `tool` on `PATH`.
fn which(tool: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(tool))
        .find(|candidate| candidate.is_file())
}

impl Expected {
    /// What differs between the README and `output`, if anything.
    fn compare(&self, output: &Output) -> Option<String> {
        let actual = normalize(&String::from_utf8_lossy(&output.stdout));
        match self {
            Expected::Whole { line, text } => {
                let expected = normalize(text);
                (actual != expected).then(|| {
                    format!(
                        "stdout differs from the ```text block at README.md:{line}{}\n--- README\n{expected}\n--- kith prints\n{actual}",
                        first_difference(&expected, &actual)
                    )
                })
            }
            Expected::Excerpt { line, text } => {
                let expected = normalize(text);
                (!actual.contains(&expected)).then(|| {
                    format!(
                        "stdout does not contain the block at README.md:{line}\n--- README\n{expected}\n--- kith prints\n{actual}"
                    )
                })
            }
        }
    }
}

/// Lines without trailing whitespace, without trailing empty lines.
fn normalize(text: &str) -> String {
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    lines.join("\n").trim_end_matches('\n').to_owned()
}

/// " (first at line N of the block)".
fn first_difference(expected: &str, actual: &str) -> String {
    let mut expected_lines = expected.lines();
    let mut actual_lines = actual.lines();
    for n in 1.. {
        match (expected_lines.next(), actual_lines.next()) {
            (None, None) => break,
            (e, a) if e != a => return format!(" (first at line {n} of the block)"),
            _ => {}
        }
    }
    String::new()
}

/// A fenced block of the README.
struct Block {
    /// The info string: `sh`, `text`, ...
    info: String,
    /// The README line of its opening fence (1-based).
    open: usize,
    /// The README line of its closing fence.
    close: usize,
    /// Its lines.
    lines: Vec<String>,
}

/// The README's fenced blocks (only those at the start of a line).
fn blocks(readme: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut open: Option<Block> = None;
    for (i, line) in readme.lines().enumerate() {
        let n = i + 1;
        let fence = line.starts_with("```");
        match open.as_mut() {
            None if fence => {
                open = Some(Block {
                    info: line.trim_start_matches('`').trim().to_owned(),
                    open: n,
                    close: n,
                    lines: Vec::new(),
                });
            }
            None => {}
            Some(block) if fence && line.trim_end().trim_start_matches('`').is_empty() => {
                block.close = n;
                blocks.extend(open.take());
            }
            Some(block) => block.lines.push(line.to_owned()),
        }
    }
    blocks
}

/// The README's examples on `sample-notes`, in order.
fn examples(readme: &str) -> Vec<Example> {
    let blocks = blocks(readme);
    let lines: Vec<&str> = readme.lines().collect();
    let is_shell = |b: &Block| matches!(b.info.as_str(), "sh" | "bash" | "shell" | "console");
    let mut examples = Vec::new();
    for (at, block) in blocks.iter().enumerate() {
        if !is_shell(block) {
            continue;
        }
        let mut found = Vec::new();
        let mut text = String::new();
        let mut start = 0;
        for (i, line) in block.lines.iter().enumerate() {
            if text.is_empty() {
                start = block.open + 1 + i;
            }
            let line = line.trim();
            if let Some(head) = line.strip_suffix('\\') {
                text.push_str(head);
                text.push(' ');
                continue;
            }
            text.push_str(line);
            let command = std::mem::take(&mut text);
            let command = command.trim();
            if command.is_empty() || command.starts_with('#') || !command.contains("sample-notes") {
                continue;
            }
            let words = shell_words(command)
                .unwrap_or_else(|e| panic!("README.md:{start}: `{command}`: {e}"));
            found.push(Example {
                line: start,
                text: command.to_owned(),
                words,
                expected: None,
            });
        }
        // What the README shows of the output, when the block is one command.
        if let [example] = &mut found[..] {
            let later = blocks[at + 1..]
                .iter()
                .take_while(|b| !is_shell(b))
                .collect::<Vec<_>>();
            if let Some(next) = later.first() {
                let between = &lines[block.close..next.open - 1];
                if next.info == "text" && between.iter().all(|l| l.trim().is_empty()) {
                    example.expected = Some(Expected::Whole {
                        line: next.open,
                        text: next.lines.join("\n"),
                    });
                }
            }
            if example.expected.is_none()
                && let Some(shown) = later
                    .iter()
                    .find(|b| matches!(b.info.as_str(), "markdown" | "md"))
            {
                example.expected = Some(Expected::Excerpt {
                    line: shown.open,
                    text: shown.lines.join("\n"),
                });
            }
        }
        examples.extend(found);
    }
    examples
}

/// Splits a command line as `sh` would: blanks separate words, quotes and
/// backslashes quote, `#` starts a comment. Pipes, redirections, `;`, `&`, substitutions and
/// variables are refused (the test cannot run them faithfully).
fn shell_words(line: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            ' ' | '\t' => words.extend(word.take()),
            '#' if word.is_none() => break,
            '\'' => {
                let w = word.get_or_insert_with(String::new);
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(c) => w.push(c),
                        None => return Err("an unclosed ' quote".to_owned()),
                    }
                }
            }
            '"' => {
                let w = word.get_or_insert_with(String::new);
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(c @ ('"' | '\\' | '$' | '`')) => w.push(c),
                            Some(c) => {
                                w.push('\\');
                                w.push(c);
                            }
                            None => return Err("an unclosed \" quote".to_owned()),
                        },
                        Some(c @ ('$' | '`')) => {
                            return Err(format!("the test cannot run {c} inside quotes"));
                        }
                        Some(c) => w.push(c),
                        None => return Err("an unclosed \" quote".to_owned()),
                    }
                }
            }
            '\\' => {
                let escaped = chars.next().ok_or("a trailing backslash")?;
                word.get_or_insert_with(String::new).push(escaped);
            }
            '|' | '&' | ';' | '<' | '>' | '$' | '`' | '(' | ')' | '*' | '?' => {
                return Err(format!(
                    "the README test cannot run shell syntax `{c}`: keep the example a plain command, or teach tests/cli/readme.rs"
                ));
            }
            c => word.get_or_insert_with(String::new).push(c),
        }
    }
    words.extend(word);
    if words.is_empty() {
        return Err("an empty command".to_owned());
    }
    Ok(words)
}

#[test]
fn shell_words_split_like_sh() {
    assert_eq!(
        shell_words(r#"kith who '#running' "a b" c\ d --vault sample-notes"#).unwrap(),
        [
            "kith",
            "who",
            "#running",
            "a b",
            "c d",
            "--vault",
            "sample-notes"
        ]
    );
    assert_eq!(
        shell_words(r#"sqlite3 x.sqlite "SELECT \"n\" FROM t""#).unwrap(),
        ["sqlite3", "x.sqlite", r#"SELECT "n" FROM t"#]
    );
    assert_eq!(
        shell_words("kith scan x # a comment").unwrap(),
        ["kith", "scan", "x"]
    );
    assert!(shell_words("kith mentions sample-notes | head").is_err());
    assert!(shell_words("kith man > kith.1").is_err());
}
