//! The markdown body as blocks of visible prose.
//!
//! One pulldown-cmark pass turns the body into [`Block`]s: a paragraph, a
//! heading, a list item's own text, a table row or a footnote. A block's
//! text is what a reader sees, with adjacent text events joined (so
//! `x_y_z` is one run). What is not prose (code spans, inline HTML, math,
//! autolinks, wikilinks shown as their target, backslash-escaped `#` and
//! `@`, and bare URLs) stays in the text
//! for snippets but is marked *opaque*: it is never read as a tag or a
//! mention, and acts as one non-space character. Fenced and indented code
//! blocks, HTML blocks, embeds and Obsidian `%% comments %%` are left out.

use std::ops::Range;
use std::sync::LazyLock;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};
use regex::Regex;

/// Bare URLs in text: `scheme://…`, `www.…`, `mailto:…`, and a domain
/// name with a path (`medium.com/@writer`). The word boundary is ASCII so
/// the regex runs on its fast DFA.
static BARE_URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:[a-z][a-z0-9+.\-]*://|(?-u:\b)www\.|(?-u:\b)mailto:)\S+|(?-u:\b)(?:[a-z0-9\-]+\.)+[a-z]{2,}/\S*",
    )
    .expect("a valid regex")
});

/// The note a markdown link's destination names, percent-decoded and
/// without its `#heading` (`People/Alex%20Bec.md#Work` →
/// `People/Alex Bec.md`), or `None` for a URL (`https://…`, `mailto:…`)
/// or a file that is no note.
pub(crate) fn markdown_note_target(dest_url: &str) -> Option<String> {
    let path = dest_url.split('#').next().unwrap_or(dest_url);
    let scheme_len = path.find(':').unwrap_or(0);
    let has_scheme = scheme_len > 0
        && path[..scheme_len]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '.' | '-'));
    if has_scheme || path.is_empty() {
        return None;
    }
    let path = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .ok()?;
    let (_, extension) = path.rsplit_once('.')?;
    crate::vault::NOTE_EXTENSIONS
        .iter()
        .any(|ext| ext.eq_ignore_ascii_case(extension))
        .then(|| path.into_owned())
}

/// Whether `bytes` could hold a markdown link to a note: the `](` of an
/// inline link or the `]:` of a reference link's definition, and a `.md`
/// (or `.ma…`, for `.markdown`) somewhere. A link to a web page or an
/// image alone does not make a note worth parsing.
pub fn could_hold_note_link(bytes: &[u8]) -> bool {
    let link =
        memchr::memchr_iter(b']', bytes).any(|at| matches!(bytes.get(at + 1), Some(b'(' | b':')));
    link && memchr::memchr_iter(b'.', bytes).any(|at| {
        bytes
            .get(at + 1..at + 3)
            .is_some_and(|ext| ext.eq_ignore_ascii_case(b"md") || ext.eq_ignore_ascii_case(b"ma"))
    })
}

/// Whether `text` could hold a bare URL at all (cheaper than the regex).
/// Every bare URL holds `://`, `mailto:`, `www.` or a domain name before a
/// `/`, so only the `:`, `.` and `/` of the text are looked at (far rarer
/// than the letters `w` and `m`).
fn may_hold_url(text: &str) -> bool {
    let bytes = text.as_bytes();
    let before = |i: usize, word: &[u8]| {
        i.checked_sub(word.len())
            .is_some_and(|start| bytes[start..i].eq_ignore_ascii_case(word))
    };
    memchr::memchr3_iter(b':', b'.', b'/', bytes).any(|i| match bytes[i] {
        b':' => bytes[i + 1..].starts_with(b"//") || before(i, b"mailto"),
        b'.' => before(i, b"www"),
        _ => ends_with_domain(&bytes[..i]),
    })
}

/// Whether `bytes` ends with a domain name: its last word (letters, digits,
/// `-` and `.`) has a `.` followed by two letters or more (`x.com`).
fn ends_with_domain(bytes: &[u8]) -> bool {
    let is_host = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-');
    let start = bytes.iter().rposition(|b| !is_host(b)).map_or(0, |i| i + 1);
    let host = &bytes[start..];
    host.iter().rposition(|&b| b == b'.').is_some_and(|dot| {
        let top = &host[dot + 1..];
        top.len() >= 2 && top.iter().all(u8::is_ascii_alphabetic)
    })
}

/// The offset of the first two `byte`s in a row in `bytes` (`%%`, `[[`).
///
/// Faster than `memchr::memmem::find` here: that builds a searcher on each
/// call, which costs more than the search in a short text.
pub fn find_doubled(bytes: &[u8], byte: u8) -> Option<usize> {
    memchr::memchr_iter(byte, bytes).find(|&i| bytes.get(i + 1) == Some(&byte))
}

/// The markdown extensions kith parses with (never metadata blocks).
pub fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_MATH
        | Options::ENABLE_WIKILINKS
}

/// A stretch of the block text that comes from one place in the source.
#[derive(Debug, Clone, Copy)]
struct Segment {
    /// Byte offset in the block text.
    text_start: usize,
    /// Byte offset in the note.
    source_start: usize,
    /// Whether text bytes map one-to-one to source bytes (false for
    /// entities and synthetic spaces, which all map to `source_start`).
    exact: bool,
}

/// One block of visible prose.
#[derive(Debug, Default)]
pub struct Block {
    /// The visible text, soft and hard breaks as spaces.
    pub text: String,
    /// Byte ranges of `text` that are not prose (sorted, disjoint).
    pub opaque: Vec<Range<usize>>,
    /// The heading level, if this block is a heading.
    pub heading_level: Option<u8>,
    /// The links of the block to notes of the vault (`[[Alex Bec|Alex]]`,
    /// `[Alex](People/Alex%20Bec.md)`), in order.
    pub links: Vec<NoteLink>,
    /// The list items the block is in, outermost first, each by a number
    /// unique in the note: an outline's nested items know their parents.
    pub list_items: Vec<u32>,
    /// The block is text of the innermost of [`Block::list_items`] itself,
    /// not of a block quote or footnote inside it (whose tags are their
    /// own, not the item's to pass on to the items under it).
    pub item_text: bool,
    segments: Vec<Segment>,
    /// Positions in `text` where it stops being the note's text as
    /// written, byte for byte: where markup was left out between two
    /// stretches (`**`, `]]`), and around entities and synthetic spaces.
    breaks: Vec<usize>,
}

/// A wikilink in a block, or a markdown link to a note of the vault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteLink {
    /// Byte offset in the block text where the link's text starts.
    pub text_pos: usize,
    /// Byte offset in the block text where the link's text ends.
    pub text_end: usize,
    /// Byte offset of the link (`[[`, `[`) in the note.
    pub source_start: usize,
    /// The link target as written (`People/Alex Bec#Work`), without the
    /// `\` that escapes a pothole in a table; a markdown link's path
    /// percent-decoded, without its `#heading` (`People/Alex Bec.md`).
    pub target: String,
    /// The whole link as written in the note (`[[People/Alex Bec|Alex]]`).
    pub raw: String,
    /// A wikilink, whose display text holds no tag for Obsidian
    /// (`[[Plan|#later]]`), not a markdown link.
    pub wiki: bool,
}

impl Block {
    /// The byte offset in the note of byte `pos` of the block text.
    pub fn source_offset(&self, pos: usize) -> usize {
        let index = self.segments.partition_point(|seg| seg.text_start <= pos);
        let Some(seg) = index.checked_sub(1).map(|i| self.segments[i]) else {
            return 0;
        };
        if seg.exact {
            seg.source_start + (pos - seg.text_start)
        } else {
            seg.source_start
        }
    }

    /// The end of the stretch of `text` from `pos` on that is written in
    /// the note just as it reads, so that a name is never read across
    /// markup: `**@bo**x` and `[[Kim|@bo]]x` hold `@bo`, not `@box`, and
    /// every name is found at its position in the note as written.
    pub fn written_run_end(&self, pos: usize) -> usize {
        let next = self.breaks.partition_point(|&at| at <= pos);
        self.breaks.get(next).copied().unwrap_or(self.text.len())
    }

    /// Finds the [`Block::breaks`] of the finished block.
    fn find_breaks(&mut self) {
        self.breaks.clear();
        for (i, seg) in self.segments.iter().enumerate() {
            let end = self
                .segments
                .get(i + 1)
                .map_or(self.text.len(), |next| next.text_start);
            let joins_previous = i.checked_sub(1).is_some_and(|prev| {
                let prev = self.segments[prev];
                prev.exact
                    && seg.exact
                    && seg.source_start == prev.source_start + (seg.text_start - prev.text_start)
            });
            if !joins_previous {
                self.breaks.push(seg.text_start);
            }
            if !seg.exact {
                self.breaks.push(end);
            }
        }
        self.breaks.dedup();
    }

    fn clear(&mut self) {
        self.text.clear();
        self.breaks.clear();
        self.opaque.clear();
        self.segments.clear();
        self.links.clear();
        self.heading_level = None;
    }

    fn push(&mut self, text: &str, source_start: usize, exact: bool) {
        if text.is_empty() {
            return;
        }
        self.segments.push(Segment {
            text_start: self.text.len(),
            source_start,
            exact,
        });
        self.text.push_str(text);
    }

    fn push_opaque(&mut self, text: &str, source_start: usize, exact: bool) {
        let start = self.text.len();
        self.push(text, source_start, exact);
        self.mark_opaque(start..self.text.len());
    }

    fn mark_opaque(&mut self, range: Range<usize>) {
        if range.is_empty() {
            return;
        }
        if let Some(last) = self.opaque.last_mut()
            && last.end >= range.start
        {
            last.end = last.end.max(range.end);
            return;
        }
        self.opaque.push(range);
    }

    /// Marks bare URLs opaque; keeps `opaque` sorted and disjoint.
    fn mark_bare_urls(&mut self) {
        if !may_hold_url(&self.text) {
            return;
        }
        let urls: Vec<Range<usize>> = BARE_URL.find_iter(&self.text).map(|m| m.range()).collect();
        if urls.is_empty() {
            return;
        }
        let mut all: Vec<Range<usize>> = self.opaque.drain(..).chain(urls).collect();
        all.sort_by_key(|range| range.start);
        for range in all {
            self.mark_opaque(range);
        }
    }
}

/// Calls `visit` with every block of prose in `body`, in order.
///
/// `base` is the byte offset of `body` in the note, so that offsets given
/// by [`Block::source_offset`] are offsets in the whole note.
pub fn for_each_block(body: &str, base: usize, mut visit: impl FnMut(&Block)) {
    let mut walker = Walker {
        body,
        base,
        block: Block::default(),
        hidden_depth: 0,
        container_depth: 0,
        embed_depth: 0,
        autolink_depth: 0,
        open_links: Vec::new(),
        in_comment: false,
        name_underscores: Vec::new(),
        last_inline_end: usize::MAX,
        list_items: Vec::new(),
        item_depths: Vec::new(),
        items_begun: 0,
    };
    for (event, range) in Parser::new_ext(body, parser_options()).into_offset_iter() {
        walker.event(event, range, &mut visit);
    }
    walker.flush(&mut visit);
}

struct Walker<'a> {
    body: &'a str,
    base: usize,
    block: Block,
    /// Inside a code block or metadata block: nothing is read.
    hidden_depth: usize,
    /// Inside a block quote (a callout too), list item or footnote: a
    /// heading there is no section of the note.
    container_depth: usize,
    /// Inside an image or embed: its alt text is not prose.
    embed_depth: usize,
    /// Inside an autolink, email link or wikilink without display text:
    /// the text is a destination.
    autolink_depth: usize,
    /// Inside an Obsidian `%% comment %%`, which may span blocks.
    in_comment: bool,
    /// For each emphasis open here, innermost last, whether its `_`s are
    /// a name's own (see [`Walker::underscores_are_names`]).
    name_underscores: Vec<bool>,
    /// The links open here, innermost last: each the index of its
    /// [`NoteLink`] in the block, or `None` for a link to no note.
    open_links: Vec<Option<usize>>,
    /// End of the last inline event, to tell `\#` escapes apart.
    last_inline_end: usize,
    /// The list items open here, outermost first (see [`Block::list_items`]).
    list_items: Vec<u32>,
    /// For each open list item, the container depth just inside it.
    item_depths: Vec<usize>,
    /// List items begun so far: the next one's number.
    items_begun: u32,
}

impl Walker<'_> {
    fn event(&mut self, event: Event<'_>, range: Range<usize>, visit: &mut impl FnMut(&Block)) {
        match event {
            // A `_` that opens an emphasis right after `@` or `#`, and the
            // `_` that closes it, are text: they are what the writer meant
            // (`@_jessie and @sam_` names `_jessie` and `sam_`, where
            // markdown reads an emphasis `jessie and @sam`).
            Event::Start(Tag::Emphasis) => {
                let names = self.underscores_are_names(&range);
                self.name_underscores.push(names);
                if names {
                    self.event(Event::Text("_".into()), range.start..range.start + 1, visit);
                }
            }
            Event::End(TagEnd::Emphasis) => {
                if self.name_underscores.pop() == Some(true) {
                    self.event(Event::Text("_".into()), range.end - 1..range.end, visit);
                }
            }
            Event::Start(tag) => {
                let links = self.block.links.len();
                self.start(&tag, &range, visit);
                if matches!(tag, Tag::Link { .. }) {
                    // A link may hold an autolink: each end closes its own.
                    let note_link = self.block.links.len() > links;
                    self.open_links.push(note_link.then_some(links));
                }
            }
            Event::End(tag) => self.end(tag, visit),
            Event::Text(text) => {
                if self.hidden_depth == 0 && self.embed_depth == 0 {
                    if self.autolink_depth > 0 {
                        self.opaque(&text, &range);
                    } else {
                        self.prose(&text, &range);
                    }
                }
                self.last_inline_end = range.end;
            }
            Event::Code(text) => {
                if self.hidden_depth == 0 && !self.in_comment {
                    self.opaque(&text, &range);
                }
                self.last_inline_end = range.end;
            }
            Event::InlineMath(text) | Event::DisplayMath(text) => {
                if self.hidden_depth == 0 && !self.in_comment {
                    self.opaque(&text, &range);
                }
                self.last_inline_end = range.end;
            }
            Event::InlineHtml(_) | Event::FootnoteReference(_) => {
                if self.hidden_depth == 0 && !self.in_comment {
                    self.block.push_opaque(" ", self.base + range.start, false);
                }
                self.last_inline_end = range.end;
            }
            Event::SoftBreak | Event::HardBreak => {
                if !self.block.text.is_empty() {
                    self.block.push(" ", self.base + range.start, false);
                }
                self.last_inline_end = range.end;
            }
            Event::Rule => self.flush(visit),
            Event::Html(_) | Event::TaskListMarker(_) => {}
        }
    }

    fn start(&mut self, tag: &Tag<'_>, range: &Range<usize>, visit: &mut impl FnMut(&Block)) {
        match tag {
            Tag::Item | Tag::BlockQuote(_) | Tag::FootnoteDefinition(_) => {
                self.flush(visit);
                self.container_depth += 1;
                if matches!(tag, Tag::Item) {
                    self.item_depths.push(self.container_depth);
                    self.list_items.push(self.items_begun);
                    self.items_begun = self.items_begun.wrapping_add(1);
                }
            }
            Tag::Paragraph
            | Tag::TableHead
            | Tag::TableRow
            | Tag::List(_)
            | Tag::HtmlBlock
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition => self.flush(visit),
            Tag::Heading { level, .. } => {
                self.flush(visit);
                if self.container_depth == 0 {
                    self.block.heading_level = Some(*level as u8);
                }
            }
            Tag::CodeBlock(_) | Tag::MetadataBlock(_) => {
                self.flush(visit);
                self.hidden_depth += 1;
            }
            Tag::TableCell if !self.block.text.is_empty() => {
                self.block.push(" ", self.base + range.start, false);
            }
            Tag::Image { .. } => {
                if self.hidden_depth == 0 {
                    self.block.push_opaque(" ", self.base + range.start, false);
                }
                self.embed_depth += 1;
            }
            // An autolink's text is its URL, and a wikilink without display
            // text (`[[#Goals]]`, `[[@ana]]`) shows its destination: neither
            // is prose.
            Tag::Link {
                link_type: LinkType::WikiLink { has_pothole },
                dest_url,
                ..
            } => {
                if self.hidden_depth == 0 && self.embed_depth == 0 && !self.in_comment {
                    self.block.links.push(NoteLink {
                        text_pos: self.block.text.len(),
                        text_end: self.block.text.len(),
                        source_start: self.base + range.start,
                        // In a table, Obsidian writes `[[Alex Bec\|Alex]]`:
                        // the `\` escapes the table's `|`, and is no part of
                        // the target.
                        target: dest_url.strip_suffix('\\').unwrap_or(dest_url).to_owned(),
                        raw: self.body.get(range.clone()).unwrap_or_default().to_owned(),
                        wiki: true,
                    });
                }
                if !has_pothole {
                    self.autolink_depth += 1;
                }
            }
            Tag::Link {
                link_type:
                    LinkType::Inline | LinkType::Reference | LinkType::Collapsed | LinkType::Shortcut,
                dest_url,
                ..
            } if self.hidden_depth == 0 && self.embed_depth == 0 && !self.in_comment => {
                if let Some(target) = markdown_note_target(dest_url) {
                    self.block.links.push(NoteLink {
                        text_pos: self.block.text.len(),
                        text_end: self.block.text.len(),
                        source_start: self.base + range.start,
                        target,
                        raw: self.body.get(range.clone()).unwrap_or_default().to_owned(),
                        wiki: false,
                    });
                }
            }
            Tag::Link {
                link_type: LinkType::Autolink | LinkType::Email,
                ..
            } => self.autolink_depth += 1,
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd, visit: &mut impl FnMut(&Block)) {
        match tag {
            TagEnd::Item | TagEnd::BlockQuote(_) | TagEnd::FootnoteDefinition => {
                self.flush(visit);
                self.container_depth = self.container_depth.saturating_sub(1);
                if tag == TagEnd::Item {
                    self.list_items.pop();
                    self.item_depths.pop();
                }
            }
            TagEnd::Paragraph
            | TagEnd::TableHead
            | TagEnd::TableRow
            | TagEnd::List(_)
            | TagEnd::HtmlBlock
            | TagEnd::Heading(_)
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition => self.flush(visit),
            TagEnd::CodeBlock | TagEnd::MetadataBlock(_) => {
                self.hidden_depth = self.hidden_depth.saturating_sub(1);
            }
            TagEnd::Image => self.embed_depth = self.embed_depth.saturating_sub(1),
            TagEnd::Link => {
                // Autolinks and bare wikilinks hold no nested links, so any
                // link end inside one is its own end.
                self.autolink_depth = self.autolink_depth.saturating_sub(1);
                let text_end = self.block.text.len();
                let open = self.open_links.pop().flatten();
                if let Some(link) = open.and_then(|i| self.block.links.get_mut(i)) {
                    link.text_end = text_end;
                }
            }
            _ => {}
        }
    }

    fn opaque(&mut self, text: &str, range: &Range<usize>) {
        if self.in_comment {
            return;
        }
        let exact = text.len() == range.len();
        self.block.push_opaque(text, self.base + range.start, exact);
    }

    /// Appends prose, leaving out `%% comments %%` and marking a leading
    /// backslash-escaped `#` or `@` opaque (any other escaped character,
    /// such as `\_`, is visible text like any other).
    fn prose(&mut self, text: &str, range: &Range<usize>) {
        let exact = text.len() == range.len() && self.is_source(text, range);
        let escaped = exact
            && text.starts_with(['#', '@'])
            && range.start > 0
            && self.body.as_bytes()[range.start - 1] == b'\\'
            && self.last_inline_end != range.start;
        let mut rest = text;
        let mut offset = 0;
        let mut first = true;
        loop {
            let next_marker = find_doubled(rest.as_bytes(), b'%');
            let piece_len = next_marker.unwrap_or(rest.len());
            if !self.in_comment {
                let piece = &rest[..piece_len];
                let source = self.base + range.start + if exact { offset } else { 0 };
                if first && escaped && !piece.is_empty() {
                    let escaped_len = piece.chars().next().map_or(0, char::len_utf8);
                    self.block.push_opaque(&piece[..escaped_len], source, exact);
                    self.block
                        .push(&piece[escaped_len..], source + escaped_len, exact);
                } else {
                    self.block.push(piece, source, exact);
                }
            }
            first = false;
            let Some(marker) = next_marker else { break };
            // The comment marker itself reads as one non-prose character.
            let source = self.base + range.start + if exact { offset + marker } else { 0 };
            self.block.push_opaque(" ", source, false);
            self.in_comment = !self.in_comment;
            offset += marker + 2;
            rest = &rest[marker + 2..];
        }
    }

    /// Whether the emphasis at `range` is delimited by single `_`s and
    /// opened right after an `@` or `#`: then its `_`s are part of names.
    fn underscores_are_names(&self, range: &Range<usize>) -> bool {
        let bytes = self.body.as_bytes();
        range.start > 0
            && range.end >= range.start + 2
            && matches!(bytes[range.start - 1], b'@' | b'#')
            && bytes[range.start] == b'_'
            && bytes.get(range.start + 1) != Some(&b'_')
            && bytes[range.end - 1] == b'_'
    }

    /// Whether `text` is the source at `range`, as written. Text the parser
    /// borrowed from the source is at the same address: no need to compare
    /// its bytes (most text events, so this saves a `memcmp` each).
    fn is_source(&self, text: &str, range: &Range<usize>) -> bool {
        self.body
            .get(range.clone())
            .is_some_and(|source| std::ptr::eq(source, text) || source == text)
    }

    fn flush(&mut self, visit: &mut impl FnMut(&Block)) {
        if self.block.text.bytes().any(|b| !b.is_ascii_whitespace()) {
            self.block.mark_bare_urls();
            self.block.find_breaks();
            self.block.list_items.clone_from(&self.list_items);
            self.block.item_text = self.item_depths.last() == Some(&self.container_depth);
            visit(&self.block);
        }
        self.block.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[rstest::rstest]
    #[case("People/Alex%20Bec.md", Some("People/Alex Bec.md"))]
    #[case("Alex%20Bec.md#Work", Some("Alex Bec.md"))]
    #[case("../Notes/Plan.MARKDOWN", Some("../Notes/Plan.MARKDOWN"))]
    #[case("https://example.org/a.md", None)]
    #[case("mailto:ana@example.org", None)]
    #[case("photo.png", None)]
    #[case("#Heading", None)]
    #[case("Bad%FF.md", None)]
    fn markdown_links_name_notes(#[case] dest: &str, #[case] expected: Option<&str>) {
        assert_eq!(markdown_note_target(dest).as_deref(), expected);
    }

    /// Each block's text with opaque ranges shown as `«…»`.
    fn blocks(body: &str) -> Vec<String> {
        let mut out = Vec::new();
        for_each_block(body, 0, |block| {
            let mut shown = String::new();
            let mut pos = 0;
            for range in &block.opaque {
                shown.push_str(&block.text[pos..range.start]);
                shown.push('«');
                shown.push_str(&block.text[range.clone()]);
                shown.push('»');
                pos = range.end;
            }
            shown.push_str(&block.text[pos..]);
            out.push(shown);
        });
        out
    }

    #[test]
    fn joins_text_split_at_underscores() {
        assert_eq!(blocks("x_y_z #t"), vec!["x_y_z #t"]);
    }

    #[test]
    fn code_blocks_and_html_blocks_are_left_out() {
        let body = "a\n\n```\n@x #y\n```\n\n    @indented\n\n<div>\n@html\n</div>\n\nb\n";
        assert_eq!(blocks(body), vec!["a", "b"]);
    }

    #[test]
    fn inline_code_math_html_are_opaque() {
        assert_eq!(blocks("a `@x` $y$ <b>z</b>"), vec!["a «@x» «y» « »z« »"]);
    }

    #[test]
    fn escapes_are_opaque() {
        assert_eq!(blocks(r"\#no \@no"), vec!["«#»no «@»no"]);
    }

    #[test]
    fn other_escaped_characters_are_prose() {
        assert_eq!(blocks(r"x\_#y \(@z"), vec!["x_#y (@z"]);
    }

    #[test]
    fn wikilinks_without_display_text_are_opaque() {
        assert_eq!(
            blocks("[[#Goals]] [[@ana]] [[Note|@bo #t]]"),
            vec!["«#Goals» «@ana» @bo #t"]
        );
    }

    #[test]
    fn obsidian_comments_are_left_out_even_across_blocks() {
        assert_eq!(blocks("a %%@x%% b"), vec!["a «  » b"]);
        assert_eq!(
            blocks("a %% start\n\n@hidden\n\nend %% b"),
            vec!["a « »", "« » b"]
        );
    }

    #[test]
    fn bare_urls_and_autolinks_are_opaque() {
        assert_eq!(
            blocks("see https://x.com/@u#a and www.y.org/#b <http://z.io>"),
            vec!["see «https://x.com/@u#a» and «www.y.org/#b» «http://z.io»"]
        );
        assert_eq!(
            blocks("on medium.com/@writer, x.co.uk/#a and/or e.g./@b #travel/asia 1.5/2"),
            vec!["on «medium.com/@writer,» «x.co.uk/#a» and/or e.g./@b #travel/asia 1.5/2"]
        );
    }

    #[test]
    fn headings_in_quotes_and_lists_are_no_sections() {
        let levels = |body: &str| {
            let mut levels = Vec::new();
            for_each_block(body, 0, |block| levels.push(block.heading_level));
            levels
        };
        assert_eq!(
            levels("# Trip\n\n> # Quoted\n\n- # Listed\n\n## Day\n"),
            [Some(1), None, None, Some(2)]
        );
    }

    #[test]
    fn link_text_counts_destination_does_not() {
        assert_eq!(
            blocks("[@ana](https://x.com/#t) [[Alex Bec|Al]]"),
            vec!["@ana Al"]
        );
    }

    #[test]
    fn embeds_are_left_out() {
        assert_eq!(blocks("a ![[photo #x.png]] b"), vec!["a « » b"]);
    }

    #[test]
    fn list_items_and_table_rows_are_blocks() {
        let body = "- one #a\n  - two @b\n\n| h #x | y |\n|---|---|\n| c @d | e |\n";
        assert_eq!(blocks(body), vec!["one #a", "two @b", "h #x y", "c @d e"]);
    }

    #[test]
    fn code_spans_read_alike_with_lf_and_crlf() {
        for (lf, expected) in [
            ("a `x\ny` b", "a «x y» b"),
            ("**```\n**- ```\n@ana", "**«**-» @ana"),
            ("``\n`` x", "« » x"),
            ("`` ` `` c", "«`» c"),
            ("> @ana```\n> @ana```", "@ana« @ana»"),
        ] {
            assert_eq!(blocks(lf), [expected], "{lf:?}");
            // A CRLF note is read as LF when it is decoded.
            let crlf = lf.replace('\n', "\r\n");
            let (decoded, _) = crate::note::decode("x.md", crlf.as_bytes()).unwrap();
            assert_eq!(blocks(&decoded), [expected], "{lf:?} with CRLF");
        }
    }

    #[test]
    fn written_runs_end_where_markup_was_left_out() {
        let body = "**@bo**x [[Kim|@cy]]z &amp;q x_y_z";
        for_each_block(body, 0, |block| {
            assert_eq!(block.text, "@box @cyz &q x_y_z");
            let run = |pos: usize| &block.text[pos..block.written_run_end(pos)];
            assert_eq!(run(0), "@bo");
            assert_eq!(run(3), "x ");
            assert_eq!(run(5), "@cy");
            assert_eq!(run(10), "&");
            assert_eq!(run(11), "q x_y_z", "text split at `_` is still one run");
        });
    }

    #[test]
    fn offsets_map_back_to_the_source() {
        let body = "intro\n\nsee **@ana** &amp; @bo";
        for_each_block(body, 100, |block| {
            if let Some(pos) = block.text.find("@bo") {
                assert_eq!(block.source_offset(pos), 100 + body.find("@bo").unwrap());
                let ana = block.text.find("@ana").unwrap();
                assert_eq!(block.source_offset(ana), 100 + body.find("@ana").unwrap());
            }
        });
    }
}
