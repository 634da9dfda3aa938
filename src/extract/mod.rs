//! Mentions of people and interests in one note, each with its context.
//!
//! The rules live in [`mention`] (`@person`) and [`tag`] (`#interest`);
//! this module applies them to a note's frontmatter and body blocks and
//! works out each mention's context: the interests and people of its block,
//! of the headings above it and of the note's frontmatter.

mod blocks;
pub mod mention;
mod properties;
mod shared;
mod snippet;
pub mod tag;

use std::borrow::Cow;
use std::sync::Arc;

use chrono::NaiveDate;
use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use self::blocks::{NoteContext, extract_body};
pub(crate) use self::properties::written_interests;
use self::properties::{FrontmatterName, frontmatter_names};
pub use self::shared::{ContextNames, MentionRef, SharedExtraction};
use self::shared::{Found, NameId};
use crate::config::Config;
use crate::error::{Warning, WarningKind};
use crate::identity::{Identity, PersonNote, Resolved};
use crate::note::date::{self, DateSource};
use crate::note::date_format::{DailyNotes, DateFormat};
use crate::note::frontmatter::{self, Frontmatter};
use crate::note::{LineIndex, body};

/// The version of the extraction rules. Raised whenever a change to the
/// rules changes what a note yields, so that an index built by an older
/// kith reads every note again at its next scan (it is part of the
/// fingerprint the index keeps).
pub const RULES_VERSION: u32 = 37;

/// The canonical form of a person or interest name: Unicode NFC, then
/// lowercase. Every name kith stores or compares goes through here.
pub fn canonical(name: &str) -> String {
    if name.is_ascii() {
        return name.to_ascii_lowercase();
    }
    name.nfc().collect::<String>().to_lowercase()
}

/// Whether a mention names a person or an interest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// `@person`, or a person in frontmatter.
    Person,
    /// `#interest`, or a tag in frontmatter.
    Interest,
}

impl Kind {
    /// The kind named `person` or `interest` (as [`Kind::as_str`] writes it).
    pub fn from_name(name: &str) -> Option<Kind> {
        match name {
            "person" => Some(Kind::Person),
            "interest" => Some(Kind::Interest),
            _ => None,
        }
    }

    /// The name used in output and in the index.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Interest => "interest",
        }
    }
}

/// Where in the note a mention was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// The markdown body.
    Body,
    /// The YAML frontmatter.
    Frontmatter,
}

impl Source {
    /// The name used in output and in the index.
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Body => "body",
            Source::Frontmatter => "frontmatter",
        }
    }
}

/// One mention of a person or an interest, with its context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// 1-based line in the file, frontmatter counted.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// Person or interest.
    pub kind: Kind,
    /// Canonical name (NFC, lowercase; people as handles).
    pub name: String,
    /// As written.
    pub raw: String,
    /// Body or frontmatter.
    pub source: Source,
    /// The interests of its context, sorted, itself excluded.
    pub interests: Vec<String>,
    /// The people of its context, sorted, itself excluded.
    pub people: Vec<String>,
    /// Its block's text on one line, at most 240 characters.
    pub snippet: String,
}

/// Settings for extraction that come from the vault's conventions.
#[derive(Debug, Clone, Default)]
pub struct ExtractOptions {
    /// The vault's config (keys, people folder).
    pub config: Arc<Config>,
    /// Who is who: aliases, ignored names, person notes for wikilinks.
    pub identity: Arc<Identity>,
    /// Date undated notes by their modification time.
    pub mtime_dates: bool,
    /// Obsidian's daily-note format, when the vault sets one.
    pub daily_notes: Option<Arc<DailyNotes>>,
    /// The config's `date_formats`, compiled.
    pub date_formats: Arc<Vec<DateFormat>>,
}

/// Everything extracted from one note.
#[derive(Debug, Clone, Default)]
pub struct NoteExtraction {
    /// The note's date, if it has one.
    pub date: Option<NaiveDate>,
    /// Where the date came from.
    pub date_source: Option<DateSource>,
    /// Mentions sorted by line and column.
    pub mentions: Vec<Mention>,
    /// Problems with this note (the note is still extracted).
    pub warnings: Vec<Warning>,
    /// The person this note defines, if it is a person note.
    pub person_note: Option<PersonNote>,
}

/// Extracts every mention of a decoded note.
pub fn extract(
    rel_path: &str,
    text: &str,
    mtime_ns: i64,
    options: &ExtractOptions,
) -> NoteExtraction {
    extract_shared(rel_path, text, mtime_ns, options).into()
}

/// [`extract`], in the compact form that output is written from.
pub fn extract_shared(
    rel_path: &str,
    text: &str,
    mtime_ns: i64,
    options: &ExtractOptions,
) -> SharedExtraction {
    let mut out = SharedExtraction::default();
    let lines = LineIndex::new(text);
    let split = frontmatter::split(text);
    let frontmatter = split.yaml.and_then(|yaml| {
        let first_line = lines.position(split.yaml_offset).0;
        match frontmatter::parse(rel_path, yaml, split.yaml_offset, first_line) {
            Ok(frontmatter) => frontmatter,
            Err(warning) => {
                out.warnings.push(warning);
                None
            }
        }
    });

    let front_date = frontmatter
        .as_ref()
        .map(|fm| {
            date::from_frontmatter(fm, &options.config.date_keys, &|target| {
                named_date(target, options)
            })
        })
        .unwrap_or_default();
    if let Some(fm) = &frontmatter {
        for date::InvalidDate { key, value, why } in &front_date.invalid {
            let at = fm.value_offset(key).unwrap_or(split.yaml_offset);
            out.warnings.push(
                Warning::at_line(
                    rel_path,
                    lines.position(at).0,
                    format!("`{key}: {value}` in the frontmatter {why}, so it is ignored"),
                )
                .of_kind(WarningKind::Frontmatter),
            );
        }
    }
    if let Some((date, source)) = note_date(rel_path, front_date.date, mtime_ns, options) {
        out.date = Some(date);
        out.date_source = Some(source);
    }

    if frontmatter.as_ref().is_some_and(is_generated) {
        out.generated = true;
        return out;
    }
    out.person_note = crate::identity::person_note(rel_path, frontmatter.as_ref(), &options.config)
        .unwrap_or_else(|crate::identity::NamesNobody| {
            out.warnings.push(Warning::file(
                rel_path,
                "its name has no letter or digit, so it names nobody: it is no person note",
            ));
            None
        });
    let front_names: Vec<(FrontmatterName, NameId)> = frontmatter
        .as_ref()
        .map(|fm| frontmatter_names(rel_path, fm, options, &lines, &mut out))
        .unwrap_or_default()
        .into_iter()
        .map(|mut found| {
            let id = out.intern(std::mem::take(&mut found.name));
            (found, id)
        })
        .collect();
    let mut front_people = sorted_ids(&out, &front_names, Kind::Person);
    let mut front_interests = sorted_ids(&out, &front_names, Kind::Interest);
    let front_count = front_people.len() + front_interests.len();
    if front_count > MAX_CONTEXT_NAMES {
        out.warnings.push(too_many_names(
            rel_path,
            lines.position(split.yaml_offset).0,
            "the frontmatter",
            front_count,
        ));
        front_people.clear();
        front_interests.clear();
    }

    let body_text = &text[split.body_offset..];
    let mut budget = ContextBudget::new();
    if has_markers(body_text) {
        let note = NoteContext {
            identity: &options.identity,
            rel_path,
            lines: &lines,
            front_people: &front_people,
            // A person note's tags are that person's own interests, not
            // the context of whoever its body mentions.
            front_interests: if out.person_note.is_some() {
                &[]
            } else {
                &front_interests
            },
        };
        extract_body(&note, body_text, split.body_offset, &mut budget, &mut out);
    }

    let mut note_people = front_people;
    // Nor are they the context of the people its frontmatter names
    // (`people: [kim]` in Alex's note does not make Kim a climber).
    let mut note_interests = if out.person_note.is_some() {
        Vec::new()
    } else {
        front_interests
    };
    // Every frontmatter mention has the whole note as its context (none,
    // when the frontmatter names too many to be each other's; only the
    // frontmatter's, past the note's budget).
    if front_count <= MAX_CONTEXT_NAMES {
        let mut whole_people = note_people.clone();
        let mut whole_interests = note_interests.clone();
        whole_people.extend(out.found_names(Kind::Person));
        whole_interests.extend(out.found_names(Kind::Interest));
        out.sort_dedup(&mut whole_people);
        out.sort_dedup(&mut whole_interests);
        let was_spent = budget.spent;
        if budget.allows(
            front_names.len(),
            whole_people.len() + whole_interests.len(),
        ) {
            note_people = whole_people;
            note_interests = whole_interests;
        } else if !was_spent {
            out.warnings.push(context_spent(
                rel_path,
                lines.position(split.yaml_offset).0,
                "in the frontmatter",
            ));
        }
    }
    let context = out.add_context(&note_interests, &note_people);

    // A frontmatter name's snippet is its line: made once for the names of
    // a line that fits (a one-line list may hold thousands), else cut
    // around each, from the line made one line once.
    let positions: Vec<(usize, usize)> = front_names
        .iter()
        .map(|(found, _)| lines.position(found.offset))
        .collect();
    let mut by_line: Vec<usize> = (0..front_names.len()).collect();
    by_line.sort_unstable_by_key(|&i| (positions[i].0, front_names[i].0.offset));
    let mut snippets = vec![0..0; front_names.len()];
    for same_line in by_line.chunk_by(|&a, &b| positions[a].0 == positions[b].0) {
        let offsets: Vec<usize> = same_line.iter().map(|&i| front_names[i].0.offset).collect();
        let mut written = Vec::new();
        out.push_with(|buf| written = snippet::write_line_snippets(text, &offsets, buf));
        for (&i, snippet) in same_line.iter().zip(written) {
            snippets[i] = snippet;
        }
    }
    let mut front_mentions = Vec::with_capacity(front_names.len());
    for (((found, name), (line, column)), snippet) in
        front_names.into_iter().zip(positions).zip(snippets)
    {
        front_mentions.push(Found {
            line,
            column,
            kind: found.kind,
            source: Source::Frontmatter,
            name,
            raw: out.push_str(&found.raw),
            snippet,
            context,
        });
    }
    let body_mentions = std::mem::replace(out.found_mut(), front_mentions);
    let mentions = out.found_mut();
    mentions.extend(body_mentions);
    mentions.sort_by_key(|m| (m.line, m.column));
    out.link_stems.sort_unstable();
    out.link_stems.dedup();
    out
}

/// The date a note at `target` (a path without its extension, as a link
/// names it) is named after by the vault's daily-note format or its
/// `date_formats`, wherever it is.
fn named_date(target: &str, options: &ExtractOptions) -> Option<NaiveDate> {
    let path = format!("{target}.md");
    let daily = options.daily_notes.as_ref().map(|daily| &daily.format);
    daily
        .into_iter()
        .chain(options.date_formats.iter())
        .find_map(|format| format.date_of(&path))
}

/// The note's date and where it came from: its frontmatter, its file name,
/// the daily-notes format, the config's date formats, and with
/// `--mtime-dates` its modification time, in that order.
fn note_date(
    rel_path: &str,
    frontmatter_date: Option<NaiveDate>,
    mtime_ns: i64,
    options: &ExtractOptions,
) -> Option<(NaiveDate, DateSource)> {
    frontmatter_date
        .map(|d| (d, DateSource::Frontmatter))
        .or_else(|| date::from_file_name(rel_path).map(|d| (d, DateSource::Filename)))
        .or_else(|| {
            let daily = options.daily_notes.as_ref()?;
            daily.date_of(rel_path).map(|d| (d, DateSource::DailyNotes))
        })
        .or_else(|| {
            options
                .date_formats
                .iter()
                .find_map(|format| format.date_of(rel_path))
                .map(|d| (d, DateSource::DateFormat))
        })
        .or_else(|| {
            options
                .mtime_dates
                .then(|| date::from_mtime(mtime_ns).map(|d| (d, DateSource::Mtime)))
                .flatten()
        })
}

/// What kith knows of a note it could not read (too big, binary,
/// unreadable): the date its path gives (it needs no reading), and why.
/// `may_clear_up` marks a failure worth trying again at the next scan.
pub fn unread_note(
    rel_path: &str,
    mtime_ns: i64,
    options: &ExtractOptions,
    warning: Warning,
    may_clear_up: bool,
) -> SharedExtraction {
    let mut out = SharedExtraction::default();
    out.unread = may_clear_up;
    if let Some((date, source)) = note_date(rel_path, None, mtime_ns, options) {
        out.date = Some(date);
        out.date_source = Some(source);
    }
    out.warnings.push(warning);
    out
}

/// Whether a note says `kith: generated` (or `kith: ignore`) in its
/// frontmatter: a digest or report saved into the vault, whose names must
/// not be counted again.
pub(crate) fn is_generated(frontmatter: &Frontmatter<'_>) -> bool {
    says_kith(frontmatter, "generated") || says_kith(frontmatter, "ignore")
}

/// Whether a note's frontmatter says `kith: WHAT` (any case).
pub(crate) fn says_kith(frontmatter: &Frontmatter<'_>, what: &str) -> bool {
    frontmatter.mapping.iter().any(|(key, value)| {
        key.as_str().is_some_and(|k| k.eq_ignore_ascii_case("kith"))
            && value.as_str().is_some_and(|v| v.eq_ignore_ascii_case(what))
    })
}

/// Whether the body could hold a mention at all (skips the markdown parse):
/// an `@`, a `#`, a wikilink's `[[`, or a markdown link to a note.
pub fn has_markers(body: &str) -> bool {
    let bytes = body.as_bytes();
    memchr::memchr2(b'@', b'#', bytes).is_some()
        || body::find_doubled(bytes, b'[').is_some()
        || body::could_hold_note_link(bytes)
}

/// The most distinct names of one block, or of a note's frontmatter, that
/// are each other's context. Past it (a paragraph that is a whole guest
/// list, or a hostile note of thousands of names), each mention would
/// carry all the others: time, memory and index size would grow with the
/// square of the names.
const MAX_CONTEXT_NAMES: usize = 100;

/// How many context names the mentions of one note may carry in all (a
/// mention with 40 names around it carries 40). Each block is capped by
/// [`MAX_CONTEXT_NAMES`], but a note of thousands of such blocks, or of
/// thousands of people under a long frontmatter, would still make every
/// person a posting list with every other: gigabytes from a note of one
/// megabyte. Past the budget, mentions are counted without context.
const MAX_NOTE_CONTEXT: usize = 1_000_000;

/// The most mentions counted in the body of one note. Notes hold tens or
/// hundreds; a file of millions (`@a @a @a …`, 16 MB) held gigabytes while
/// it was read. Past it, a warning says where counting stopped.
const MAX_NOTE_MENTIONS: usize = 100_000;

/// What is left of a note's [`MAX_NOTE_CONTEXT`] budget.
struct ContextBudget {
    left: usize,
    /// Refused once: every later block is refused too, so that where the
    /// context ends is one place, told once.
    spent: bool,
}

impl ContextBudget {
    fn new() -> Self {
        ContextBudget {
            left: MAX_NOTE_CONTEXT,
            spent: false,
        }
    }

    /// Whether `mentions` mentions may each carry `names` context names;
    /// if so, they are spent.
    fn allows(&mut self, mentions: usize, names: usize) -> bool {
        let cost = mentions.saturating_mul(names);
        if self.spent || cost > self.left {
            self.spent = true;
            return false;
        }
        self.left -= cost;
        true
    }
}

/// The warning for the place, at `line`, where a note's mentions went past
/// [`MAX_NOTE_CONTEXT`].
fn context_spent(rel_path: &str, line: usize, from: &str) -> Warning {
    Warning::at_line(
        rel_path,
        line,
        format!(
            "the note's mentions carry more than {MAX_NOTE_CONTEXT} context names in all; {from} they are counted, but without context"
        ),
    )
}

/// The warning for a note whose body holds more than [`MAX_NOTE_MENTIONS`]
/// mentions, at the `line` of the first one left out.
fn too_many_mentions(rel_path: &str, line: usize) -> Warning {
    Warning::at_line(
        rel_path,
        line,
        format!(
            "more than {MAX_NOTE_MENTIONS} mentions in the note; from here on they are not counted"
        ),
    )
}

/// The warning for a block (or the frontmatter), `place`, at `line` that
/// names more than [`MAX_CONTEXT_NAMES`].
fn too_many_names(rel_path: &str, line: usize, place: &str, names: usize) -> Warning {
    Warning::at_line(
        rel_path,
        line,
        format!(
            "{names} names in {place}; they are counted, but not as each other's context (at most {MAX_CONTEXT_NAMES})"
        ),
    )
}

/// The warning for a link (`raw`, on `line`) that matches several notes,
/// one of them a person note: which of them it names decides who is
/// mentioned.
fn ambiguous_link(rel_path: &str, line: usize, raw: &str, resolved: &Resolved) -> Warning {
    Warning::at_line(
        rel_path,
        line,
        format!(
            "`{raw}` matches {} notes; it links to `{}`, the shortest path",
            resolved.matches,
            resolved.path.as_deref().unwrap_or_default()
        ),
    )
    .of_kind(WarningKind::AmbiguousLink)
}

/// The ids of the frontmatter names of `kind`, sorted by name.
fn sorted_ids(
    out: &SharedExtraction,
    names: &[(FrontmatterName, NameId)],
    kind: Kind,
) -> Vec<NameId> {
    let mut ids: Vec<NameId> = names
        .iter()
        .filter(|(found, _)| found.kind == kind)
        .map(|&(_, id)| id)
        .collect();
    out.sort_dedup(&mut ids);
    ids
}

/// Decodes a note's bytes and extracts its mentions; with only a warning
/// when the file is skipped as binary.
pub fn extract_bytes(
    rel_path: &str,
    bytes: &[u8],
    mtime_ns: i64,
    options: &ExtractOptions,
) -> NoteExtraction {
    extract_bytes_shared(rel_path, bytes, mtime_ns, options).into()
}

/// [`extract_bytes`], in the compact form that output is written from.
pub fn extract_bytes_shared(
    rel_path: &str,
    bytes: &[u8],
    mtime_ns: i64,
    options: &ExtractOptions,
) -> SharedExtraction {
    match crate::note::decode(rel_path, bytes) {
        Ok((text, warning)) => {
            let text: Cow<'_, str> = text;
            let mut extraction = extract_shared(rel_path, &text, mtime_ns, options);
            if let Some(warning) = warning {
                extraction.warnings.insert(0, warning);
            }
            extraction
        }
        // A binary file is dated as any note kith cannot read.
        Err(warning) => unread_note(rel_path, mtime_ns, options, warning, false),
    }
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::*;

    /// The `(kind sigil + name)` of every mention of a note, in order.
    fn names(text: &str) -> Vec<String> {
        extract("n.md", text, 0, &ExtractOptions::default())
            .mentions
            .iter()
            .map(|m| {
                let sigil = if m.kind == Kind::Person { '@' } else { '#' };
                format!("{sigil}{}", m.name)
            })
            .collect()
    }

    #[rstest]
    #[case::plain("met @ana at #running", &["@ana", "#running"])]
    #[case::email("mail jonas@example.com", &[])]
    #[case::parens("(@alex) \"@kim\" /cc;@sam", &["@alex", "@kim", "@sam"])]
    #[case::trailing_punctuation("with @ana. and @kenji-tanaka's", &["@ana", "@kenji-tanaka"])]
    #[case::empty_tag_levels("#/b, #//c/ and #a//b", &["#a"])]
    #[case::time("at @2pm", &[])]
    #[case::times("@9.30am to @12-1pm, @9am-5pm or @3pm-ish", &[])]
    #[case::email_decomposed("mail rene\u{301}@example.com", &[])]
    #[case::unicode_nfc("@Zoe\u{0308} and @zoë", &["@zoë", "@zoë"])]
    #[case::capital_tag("#Running", &["#running"])]
    #[case::tag_in_parens("(#x) \"#y\" x.#z C#", &[])]
    #[case::issue_ref("fixed #123", &[])]
    #[case::chained("#bob#alice", &["#bob", "#alice"])]
    #[case::after_underscore("a_#b", &["#b"])]
    #[case::nbsp("a\u{00A0}#b c\u{3000}#d", &["#b", "#d"])]
    #[case::emphasis("**#tag** _@ana_", &["#tag", "@ana"])]
    #[case::emphasis_inside_word("x**#tag**", &[])]
    #[case::heading_marker("# Heading", &[])]
    #[case::heading_tag("## Run #running", &["#running"])]
    #[case::inline_code("`@x #y` @z", &["@z"])]
    #[case::code_before_hash("`x`#y", &[])]
    #[case::code_before_at("`x`@y", &["@y"])]
    #[case::fenced("```\n@x #y\n```\n", &[])]
    #[case::tilde_fence("~~~\n@x\n~~~\n", &[])]
    #[case::indented("para\n\n    @x #y\n", &[])]
    #[case::html_comment("<!-- @x #y -->\n\n@z", &["@z"])]
    #[case::inline_html("a <span>@x</span>", &["@x"])]
    #[case::obsidian_comment("a %%@x #y%% @z", &["@z"])]
    #[case::obsidian_comment_lines("%%\n@x\n\n#y\n%%\n@z", &["@z"])]
    #[case::math("$@x$ and $$#y$$ @z", &["@z"])]
    #[case::link_text("[@ana](https://x.com/@bob#tag)", &["@ana"])]
    #[case::bare_url("https://github.com/@someone/repo#readme www.x.org/#a mailto:@b", &[])]
    #[case::autolink("<https://x.com/@u#t>", &[])]
    #[case::domain_url("medium.com/@writer x.com/@h #travel/asia and/or @ana", &["#travel/asia", "@ana"])]
    #[case::escaped(r"\#no \@no", &[])]
    #[case::escaped_underscore(r"x\_#y", &["#y"])]
    #[case::bare_wikilink("[[#Goals]] [[@ana]] [[Note#Part]]", &[])]
    #[case::underscore_join("snake_case_@x x_#y", &["#y"])]
    #[case::ellipsis("#work… #tea’s", &["#work", "#tea"])]
    #[case::digits("#1984 #y1984 #2024-goals", &["#y1984", "#2024-goals"])]
    #[case::nested("#travel/asia/ #travel/", &["#travel/asia", "#travel"])]
    #[case::table("| a #x | @b |\n|---|---|\n| c | d |", &["#x", "@b"])]
    #[case::task("- [ ] call @ana #todo", &["@ana", "#todo"])]
    #[case::quote("> said @ana #quote", &["@ana", "#quote"])]
    #[case::footnote("x[^1]\n\n[^1]: by @ana", &["@ana"])]
    #[case::embed("![[photo @x.png]] @y", &["@y"])]
    #[case::wikilink_text("[[Note|@ana]]", &["@ana"])]
    #[case::no_tag_in_wikilink_text("[[Plan|@ana #later]] #now", &["@ana", "#now"])]
    #[case::stray_rule("text\n\n---\n\n@after", &["@after"])]
    #[case::setext("@ana\n---\n", &["@ana"])]
    fn body_rules(#[case] text: &str, #[case] expected: &[&str]) {
        assert_eq!(names(text), expected);
    }

    #[rstest]
    #[case::list("---\npeople: [ana, Alex Bec]\ntags: [Running, travel/asia]\n---\n", &["@ana", "@alex-bec", "#running", "#travel/asia"])]
    #[case::scalars("---\nwith: alex-bec, Sam Lee\ntags: job-search networking\n---\n", &["@alex-bec", "@sam-lee", "#job-search", "#networking"])]
    #[case::links("---\nattendees: [\"[[Kenji Tanaka|Kenji]]\", \"[[People/Sam Lee]]\"]\n---\n", &["@kenji-tanaka", "@sam-lee"])]
    #[case::unquoted_link("---\npeople: [[Alex Bec]]\n---\n", &["@alex-bec"])]
    #[case::case_insensitive_keys("---\nTags: [a]\nPeople: '@kim'\n---\n", &["#a", "@kim"])]
    #[case::other_types("---\ntags: [1, true, {a: b}, ok]\npeople: 3\n---\n", &["#ok"])]
    #[case::hash_prefix("---\ntopics: ['#books']\n---\n", &["#books"])]
    #[case::block_list("---\ninterests:\n  - cooking\n  - books\n---\n", &["#cooking", "#books"])]
    #[case::person_marker("---\ntags: [person, '#Person', climbing]\n---\n#person", &["#climbing", "#person"])]
    fn frontmatter_rules(#[case] text: &str, #[case] expected: &[&str]) {
        assert_eq!(names(text), expected);
    }

    /// Each mention of `note` as (line, column, name).
    fn places(note: &NoteExtraction) -> Vec<(usize, usize, &str)> {
        note.mentions
            .iter()
            .map(|m| (m.line, m.column, m.name.as_str()))
            .collect()
    }

    #[test]
    fn frontmatter_names_are_found_where_written_not_in_comments() {
        let text = "---\npeople: # Ana and Bo came\n  - Bo\n  - Ana # 'Ana' is right\n---\n";
        let note = extract("n.md", text, 0, &ExtractOptions::default());
        let got = places(&note);
        assert_eq!(got, [(3, 5, "bo"), (4, 5, "ana")]);
    }

    /// Each person mention of `text` with the interests of its context, as
    /// `name: interest interest`.
    fn people_and_their_interests(text: &str) -> Vec<String> {
        extract("n.md", text, 0, &ExtractOptions::default())
            .mentions
            .into_iter()
            .filter(|m| m.kind == Kind::Person)
            .map(|m| format!("{}: {}", m.name, m.interests.join(" ")))
            .collect()
    }

    #[test]
    fn a_nested_list_item_is_in_the_context_of_its_parents_tags() {
        let text = "- Marathon club #running\n  - long run with @alex\n    - @sam joined #trail\n  \
                    - and @bo\n\n    loose @cy\n- Brunch with @priya\n\nLater @dee.\n";
        let got = people_and_their_interests(text);
        assert_eq!(
            got,
            [
                "alex: running",
                "sam: running trail",
                "bo: running",
                // A later paragraph of the same item.
                "cy: running",
                // A sibling of the tagged item, and a paragraph after the list.
                "priya: ",
                "dee: ",
            ]
        );
    }

    #[test]
    fn a_quote_in_an_item_keeps_its_tags_to_itself() {
        // The quote is in the item (it has the item's tags), but its own
        // tags are not the item's to pass on to the items under it; a
        // second paragraph of the item is the item's text, and does.
        let text = "- Marathon club #running\n  > quoted #books @ana\n  - child @bo\n\
                    - Brunch #brunch\n\n  more #cooking\n\n  - child @cy\n";
        let got = people_and_their_interests(text);
        assert_eq!(
            got,
            ["ana: books running", "bo: running", "cy: brunch cooking"]
        );
    }

    #[test]
    fn an_item_passes_on_no_more_tags_than_one_block_may_name() {
        let mut text = String::from("- start\n");
        for i in 0..2 * MAX_CONTEXT_NAMES {
            text.push_str(&format!("\n  para #t{i} @p{i}\n"));
        }
        let note = extract("a.md", &text, 0, &ExtractOptions::default());
        let context_of = |name: &str| {
            let found = note.mentions.iter().find(|m| m.name == name).unwrap();
            found.interests.len()
        };
        // Each paragraph has the tags of the item's paragraphs before it…
        assert_eq!(context_of("p0"), 1);
        assert_eq!(context_of("p50"), 51);
        // …while they are no more than a block's cap, then only its own.
        assert_eq!(context_of("p150"), 1);
    }

    /// Options for a vault of `paths` whose one person note is
    /// `People/Alex Bec.md`.
    fn with_alex_bec(paths: &[&str]) -> ExtractOptions {
        let config = Config::default();
        let alex = crate::identity::person_note("People/Alex Bec.md", None, &config)
            .unwrap()
            .unwrap();
        let (identity, _) = Identity::new(&config, paths.iter().copied(), vec![alex]);
        ExtractOptions {
            identity: Arc::new(identity),
            ..ExtractOptions::default()
        }
    }

    #[test]
    fn a_person_link_is_one_mention_whatever_its_text_says() {
        let options = with_alex_bec(&["People/Alex Bec.md"]);
        let text =
            "[[Alex Bec|@alex]] and [[Alex Bec|with @sam]], then @bo and [[Trip|@cy's trip]]\n";
        let note = extract("a.md", text, 0, &options);
        let got: Vec<_> = note
            .mentions
            .iter()
            .map(|m| (m.column, m.name.as_str(), m.raw.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (1, "alex-bec", "[[Alex Bec|@alex]]"),
                (24, "alex-bec", "[[Alex Bec|with @sam]]"),
                (53, "bo", "@bo"),
                // A link to a note of no person leaves its text's names.
                (68, "cy", "@cy"),
            ]
        );
    }

    #[test]
    fn a_date_that_is_no_date_is_warned_about_unless_a_placeholder() {
        let warnings = |text: &str| {
            let note = extract("n.md", text, 0, &ExtractOptions::default());
            note.warnings
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            warnings("---\ntitle: x\ndate: soon\n---\n"),
            [
                "n.md:3: `date: soon` in the frontmatter is not a date (YYYY-MM-DD), so it is ignored"
            ]
        );
        assert!(warnings("---\ndate: <% tp.date.now() %>\n---\n").is_empty());
        assert!(warnings("---\ndate: {{date}}\n---\n").is_empty());
        assert!(warnings("---\ndate: \"{{date:YYYY-MM-DD}}\"\n---\n").is_empty());
    }

    #[test]
    fn markdown_links_to_a_person_note_are_mentions() {
        let options = with_alex_bec(&["People/Alex Bec.md", "Trip.md"]);
        let text = "[A](People/Alex%20Bec.md) [B](../People/Alex%20Bec.md#Work) [C](<Alex Bec.md>)\n\
                    [D](https://x.org/Alex%20Bec.md) [E](Trip.md) [F](../../Alex%20Bec.md) [G][g]\n\
                    [H](../Alex%20Bec.md) ![pic [I](People/Alex%20Bec.md)](a.jpg)\n\
                    [see <https://x.org> @alex](People/Alex%20Bec.md)\n\
                    [[../People/Alex Bec|Al]] [[./Alex Bec]]\n\n\
                    [g]: ./Alex%20Bec.md\n";
        let note = extract("Daily/d.md", text, 0, &options);
        let got = places(&note);
        // `./Alex Bec.md` is `Daily/Alex Bec.md` and `../Alex Bec.md` is
        // `Alex Bec.md`, which are no notes (a relative path is exact); a
        // URL, a note of no person, a path out of the vault and an image's
        // alt text are not people; an autolink in a link's text does not
        // end it, so `@alex` there is the link's. A wikilink may be
        // relative too.
        assert_eq!(
            got,
            [
                (1, 1, "alex-bec"),
                (1, 27, "alex-bec"),
                (1, 61, "alex-bec"),
                (4, 1, "alex-bec"),
                (5, 1, "alex-bec")
            ]
        );
    }

    #[test]
    fn a_wikilink_in_a_table_escapes_its_pipe() {
        let options = with_alex_bec(&["People/Alex Bec.md"]);
        let text = "| Who | What |\n|---|---|\n| [[Alex Bec\\|Alex]] | #t1 |\n";
        let note = extract("a.md", text, 0, &options);
        let got: Vec<_> = note
            .mentions
            .iter()
            .map(|m| {
                (
                    m.line,
                    m.column,
                    m.name.as_str(),
                    m.raw.as_str(),
                    m.people.clone(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (3, 3, "alex-bec", "[[Alex Bec\\|Alex]]", vec![]),
                (3, 24, "t1", "#t1", vec!["alex-bec".to_owned()]),
            ]
        );
    }

    #[test]
    fn generated_notes_are_not_counted() {
        let text = "---\nkith: generated\n---\n- `ana` 3 mentions #x @y\n";
        let note = extract("Digest.md", text, 0, &ExtractOptions::default());
        assert!(note.mentions.is_empty());
    }

    #[test]
    fn malformed_frontmatter_warns_and_body_is_still_read() {
        let note = extract(
            "n.md",
            "---\ntags: [x\n---\n@ana\n",
            0,
            &ExtractOptions::default(),
        );
        assert_eq!(note.warnings.len(), 1);
        assert_eq!(note.warnings[0].line, Some(3));
        assert_eq!(note.mentions.len(), 1);
        assert_eq!(note.mentions[0].name, "ana");
    }

    #[test]
    fn unclosed_frontmatter_is_body() {
        let note = extract(
            "n.md",
            "---\ntags: [x]\n@ana #y\n",
            0,
            &ExtractOptions::default(),
        );
        assert!(note.warnings.is_empty());
        let got: Vec<_> = note
            .mentions
            .iter()
            .map(|m| (m.line, m.name.as_str()))
            .collect();
        assert_eq!(got, vec![(3, "ana"), (3, "y")]);
    }

    #[test]
    fn a_person_note_s_tags_are_no_context_of_the_people_it_names() {
        let text = "---\ntags: [climbing]\npeople: [kim]\n---\nWorks with @bo. #chess\n";
        let note = extract("People/Alex Bec.md", text, 0, &ExtractOptions::default());
        let kim = note.mentions.iter().find(|m| m.name == "kim").unwrap();
        assert_eq!(kim.interests, ["chess"]);
        let bo = note.mentions.iter().find(|m| m.name == "bo").unwrap();
        assert_eq!(bo.interests, ["chess"]);
        // In any other note, the frontmatter's tags are every name's context.
        let note = extract("Trip.md", text, 0, &ExtractOptions::default());
        let kim = note.mentions.iter().find(|m| m.name == "kim").unwrap();
        assert_eq!(kim.interests, ["chess", "climbing"]);
    }

    #[test]
    fn underscores_that_markdown_pairs_as_emphasis_stay_in_names() {
        let text = "Lunch with @_jessie.\n\nPinged @_jessie and @sam_ today.\n\nFor #_private and #my_tag_.\n\nWith _@bo_ and @__strong__.\n";
        let note = extract("n.md", text, 0, &ExtractOptions::default());
        let got = places(&note);
        assert_eq!(
            got,
            [
                (1, 12, "_jessie"),
                (3, 8, "_jessie"),
                (3, 21, "sam_"),
                (5, 5, "_private"),
                (5, 19, "my_tag_"),
                // An emphasis around a name is no part of it.
                (7, 7, "bo"),
            ]
        );
        assert_eq!(note.mentions[1].snippet, "Pinged @_jessie and @sam_ today.");
    }

    #[test]
    fn a_long_frontmatter_line_is_cut_around_each_name() {
        let many: Vec<String> = (1..=40).map(|i| format!("person{i:03}")).collect();
        let text = format!(
            "---\npeople: [{}, zed]\ntags: [a, b]\n---\nBody.\n",
            many.join(", ")
        );
        let note = extract("n.md", &text, 0, &ExtractOptions::default());
        let snippet = |name: &str| {
            let mention = note.mentions.iter().find(|m| m.name == name).unwrap();
            mention.snippet.clone()
        };
        assert!(snippet("zed").contains("zed]"), "{}", snippet("zed"));
        assert!(snippet("person001").starts_with("people: [person001"));
        assert_ne!(snippet("person001"), snippet("zed"));
        // A line that fits is every name's snippet.
        assert_eq!(snippet("a"), "tags: [a, b]");
        assert_eq!(snippet("b"), "tags: [a, b]");
    }

    #[test]
    fn context_joins_block_headings_and_frontmatter() {
        let text = "---\npeople: [kim]\ntags: [work]\n---\n# Trip #travel\n\n## Day #food\n\nWith @ana and @bo #sushi\n\n# Other\n\n@cy\n";
        let note = extract("n.md", text, 0, &ExtractOptions::default());
        let ana = note.mentions.iter().find(|m| m.name == "ana").unwrap();
        assert_eq!(ana.interests, ["food", "sushi", "travel", "work"]);
        assert_eq!(ana.people, ["bo", "kim"]);
        assert_eq!((ana.line, ana.column), (9, 6));
        assert_eq!(ana.snippet, "With @ana and @bo #sushi");
        let cy = note.mentions.iter().find(|m| m.name == "cy").unwrap();
        assert_eq!(
            cy.interests,
            ["work"],
            "a new top heading ends the old context"
        );
        let kim = note.mentions.iter().find(|m| m.name == "kim").unwrap();
        assert_eq!(kim.source, Source::Frontmatter);
        assert_eq!((kim.line, kim.column), (2, 10));
        assert_eq!(
            kim.interests,
            ["food", "other", "sushi", "travel", "work"]
                .iter()
                .filter(|t| **t != "other")
                .copied()
                .collect::<Vec<_>>()
        );
        assert_eq!(kim.people, ["ana", "bo", "cy"]);
    }

    #[test]
    fn a_heading_in_a_quote_or_a_list_is_no_section() {
        let text = "# Trip #travel\n\n> # Quoted #qh @a\n\n@b\n\n- # Listed #lh\n\n@c\n";
        let note = extract("n.md", text, 0, &ExtractOptions::default());
        let interests = |name: &str| {
            let mention = note.mentions.iter().find(|m| m.name == name).unwrap();
            mention.interests.clone()
        };
        assert_eq!(interests("a"), ["qh", "travel"]);
        assert_eq!(interests("b"), ["travel"]);
        assert_eq!(interests("c"), ["travel"]);
    }

    #[test]
    fn a_person_notes_tags_are_no_context_of_its_body() {
        let text = "---\ntags: [climbing]\npeople: [ana]\n---\nWorks with @kim.\n";
        let person = extract("People/Alex Bec.md", text, 0, &ExtractOptions::default());
        let kim = person.mentions.iter().find(|m| m.name == "kim").unwrap();
        assert!(kim.interests.is_empty(), "{:?}", kim.interests);
        assert_eq!(kim.people, ["ana"]);
        let note = extract("Trip.md", text, 0, &ExtractOptions::default());
        let kim = note.mentions.iter().find(|m| m.name == "kim").unwrap();
        assert_eq!(kim.interests, ["climbing"]);
    }

    #[test]
    fn a_note_s_mentions_carry_no_more_context_than_its_budget() {
        // Blocks of 99 people: each mention carries 98 others and the
        // frontmatter's two, about 9,900 a block; the budget runs out
        // after about a hundred blocks.
        let block: Vec<String> = (0..99).map(|i| format!("@p{i}")).collect();
        let block = format!("{}\n\n", block.join(" "));
        let blocks = MAX_NOTE_CONTEXT / (99 * 100) + 10;
        let text = format!(
            "---\npeople: [ana]\ntags: [x]\n---\n{}",
            block.repeat(blocks)
        );
        let note = extract("n.md", &text, 0, &ExtractOptions::default());
        assert_eq!(note.mentions.len(), 2 + 99 * blocks, "all counted");
        let spent: Vec<&Warning> = note
            .warnings
            .iter()
            .filter(|w| w.message.contains("context names in all"))
            .collect();
        assert_eq!(spent.len(), 1, "told once: {:?}", note.warnings);
        let line = spent[0].line.expect("a line");
        let first = note.mentions.iter().find(|m| m.name == "p0").unwrap();
        assert_eq!(first.people.len(), 99, "98 others and ana");
        assert_eq!(first.interests, ["x"]);
        let last = note.mentions.last().unwrap();
        assert!(last.line > line);
        assert!(last.people.is_empty() && last.interests.is_empty());
        // The frontmatter's names keep each other, not the whole note.
        let ana = note.mentions.iter().find(|m| m.name == "ana").unwrap();
        assert_eq!(ana.interests, ["x"]);
        assert!(ana.people.is_empty());
    }

    #[test]
    fn a_block_of_too_many_names_is_no_context() {
        let many: Vec<String> = (0..=MAX_CONTEXT_NAMES).map(|i| format!("@p{i}")).collect();
        let text = format!("# Day #log\n\n{} #x\n\nWith @ana and @bo\n", many.join(" "));
        let note = extract("n.md", &text, 0, &ExtractOptions::default());
        assert_eq!(note.mentions.len(), MAX_CONTEXT_NAMES + 5, "all counted");
        let p0 = note.mentions.iter().find(|m| m.name == "p0").unwrap();
        assert_eq!(
            (p0.interests.clone(), p0.people.len()),
            (vec!["log".to_owned()], 0)
        );
        let ana = note.mentions.iter().find(|m| m.name == "ana").unwrap();
        assert_eq!(ana.people, ["bo"]);
        assert_eq!(note.warnings.len(), 1);
        assert_eq!(note.warnings[0].line, Some(3));
        assert!(
            note.warnings[0]
                .message
                .starts_with("102 names in one block")
        );

        let front = format!(
            "---\npeople: [{}]\n---\n@ana #x\n",
            many.join(", ").replace('@', "")
        );
        let note = extract("n.md", &front, 0, &ExtractOptions::default());
        let ana = note.mentions.iter().find(|m| m.name == "ana").unwrap();
        assert!(ana.people.is_empty());
        let p0 = note.mentions.iter().find(|m| m.name == "p0").unwrap();
        assert!(p0.people.is_empty() && p0.interests.is_empty());
        assert_eq!(note.warnings[0].line, Some(2));
        assert!(
            note.warnings[0]
                .message
                .starts_with("101 names in the frontmatter")
        );
    }

    #[test]
    fn positions_count_frontmatter_and_crlf() {
        let text = "---\r\ntags: [a]\r\n---\r\n\r\nhi @zoë and @bo\r\n";
        let note = extract("n.md", text, 0, &ExtractOptions::default());
        let got: Vec<_> = note
            .mentions
            .iter()
            .map(|m| (m.line, m.column, m.raw.as_str()))
            .collect();
        assert_eq!(got, vec![(2, 8, "a"), (5, 4, "@zoë"), (5, 13, "@bo")]);
    }

    #[test]
    fn dates_prefer_frontmatter_then_file_name() {
        let options = ExtractOptions::default();
        let fm = extract(
            "Daily/2026-01-02.md",
            "---\ncreated: 2026-03-04\n---\n",
            0,
            &options,
        );
        assert_eq!(fm.date_source, Some(DateSource::Frontmatter));
        assert_eq!(fm.date, NaiveDate::from_ymd_opt(2026, 3, 4));
        let named = extract("Daily/2026-01-02.md", "x", 0, &options);
        assert_eq!(named.date_source, Some(DateSource::Filename));
        let undated = extract("Inbox/x.md", "x", 1_700_000_000_000_000_000, &options);
        assert_eq!(undated.date, None);
        let mtime = ExtractOptions {
            mtime_dates: true,
            ..options
        };
        let dated = extract("Inbox/x.md", "x", 1_700_000_000_000_000_000, &mtime);
        assert_eq!(dated.date_source, Some(DateSource::Mtime));
        assert_eq!(dated.date, NaiveDate::from_ymd_opt(2023, 11, 14));
    }

    #[test]
    fn a_callout_s_marker_is_no_part_of_its_snippet() {
        let note = extract(
            "a.md",
            "> [!note] Call with @ana\n> about #work\n",
            0,
            &ExtractOptions::default(),
        );
        let snippets: Vec<&str> = note.mentions.iter().map(|m| m.snippet.as_str()).collect();
        assert_eq!(
            snippets,
            ["Call with @ana about #work", "Call with @ana about #work"]
        );
        assert_eq!((note.mentions[0].line, note.mentions[0].column), (1, 21));
    }
}
