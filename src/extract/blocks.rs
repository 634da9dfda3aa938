//! The body pass: each block's mentions and tags, with the context they
//! share (the block's names, the headings above it, the list items it is
//! nested in) and the links it holds.

use super::shared::{Found, NameId};
use super::snippet::OneLine;
use super::{
    ContextBudget, Kind, MAX_CONTEXT_NAMES, MAX_NOTE_MENTIONS, SharedExtraction, Source,
    ambiguous_link, canonical, context_spent, mention, tag, too_many_mentions, too_many_names,
};
use crate::identity::{Identity, link_stem};
use crate::note::{LineIndex, body};
use crate::text::within;

/// A name found in a body block, by byte position in the block text.
struct Token<'b> {
    kind: Kind,
    name: String,
    raw: &'b str,
    pos: usize,
    /// Where it is in the note, when not at `pos` (a wikilink's `[[`).
    source: Option<usize>,
}

/// What the body pass needs to know about its note.
pub(super) struct NoteContext<'a> {
    pub(super) identity: &'a Identity,
    pub(super) rel_path: &'a str,
    pub(super) lines: &'a LineIndex<'a>,
    pub(super) front_people: &'a [NameId],
    pub(super) front_interests: &'a [NameId],
}

/// Adds the mentions of the note's body (`body_text`, which starts at byte
/// `body_offset` of the note) to `out`, block by block, each with its
/// context, and the stems of the links it holds.
pub(super) fn extract_body(
    note: &NoteContext<'_>,
    body_text: &str,
    body_offset: usize,
    budget: &mut ContextBudget,
    out: &mut SharedExtraction,
) {
    // Tags of the headings above the current block, by heading level.
    let mut headings: Vec<(u8, Vec<NameId>)> = Vec::new();
    // Tags of the list items the current block is in, outermost first:
    // a nested item (an outline's child) is in the context of its parents.
    let mut items: Vec<(u32, Vec<NameId>)> = Vec::new();
    // Lists filled anew for each block, kept to reuse their memory.
    let (mut ids, mut interests, mut people) = (Vec::new(), Vec::new(), Vec::new());
    let mut positions = Vec::new();
    let mut mentions_left = MAX_NOTE_MENTIONS;
    let mut mentions_spent = false;
    body::for_each_block(body_text, body_offset, |block| {
        // One more than is left: enough to tell where the counting stops.
        let mut tokens = scan_block(block, note.identity, mentions_left.saturating_add(1));
        link_tokens(note, block, &mut tokens, out);
        tokens.sort_by_key(|t| t.pos);
        if tokens.len() > mentions_left {
            // Told once, where the counting stops.
            if !mentions_spent {
                let first_left_out = &tokens[mentions_left];
                let offset = first_left_out
                    .source
                    .unwrap_or_else(|| block.source_offset(first_left_out.pos));
                let line = note.lines.position(offset).0;
                out.warnings.push(too_many_mentions(note.rel_path, line));
                mentions_spent = true;
            }
            tokens.truncate(mentions_left);
        }
        mentions_left -= tokens.len();
        if let Some(level) = block.heading_level {
            while headings.last().is_some_and(|(l, _)| *l >= level) {
                headings.pop();
            }
        }
        let shared = items
            .iter()
            .zip(&block.list_items)
            .take_while(|((item, _), id)| item == *id)
            .count();
        items.truncate(shared);
        items.extend(
            block.list_items[shared..]
                .iter()
                .map(|&id| (id, Vec::new())),
        );
        if tokens.is_empty() {
            // No mention here; a heading still ends the headings below it.
            if let Some(level) = block.heading_level {
                headings.push((level, Vec::new()));
            }
            return;
        }
        ids.clear();
        interests.clear();
        people.clear();
        positions.clear();
        for token in &mut tokens {
            let id = out.intern(std::mem::take(&mut token.name));
            ids.push(id);
            positions.push(token.pos);
            match token.kind {
                Kind::Interest => interests.push(id),
                Kind::Person => people.push(id),
            }
        }
        // Counted without repeats only when the count with them is high.
        if interests.len() + people.len() > MAX_CONTEXT_NAMES {
            out.sort_dedup(&mut interests);
            out.sort_dedup(&mut people);
            let names = interests.len() + people.len();
            if names > MAX_CONTEXT_NAMES {
                let line = note.lines.position(block.source_offset(0)).0;
                out.warnings
                    .push(too_many_names(note.rel_path, line, "one block", names));
                interests.clear();
                people.clear();
            }
        }
        let block_tags = block.heading_level.map(|level| {
            let mut tags = interests.clone();
            out.sort_dedup(&mut tags);
            (level, tags)
        });
        let own_tags = interests.len();
        // A deep outline inherits no more than one block may name.
        if items.iter().map(|(_, tags)| tags.len()).sum::<usize>() <= MAX_CONTEXT_NAMES {
            interests.extend(items.iter().flat_map(|(_, tags)| tags.iter().copied()));
        }
        // Past the cap an item's tags are no longer passed on, so they
        // need not be gathered (an item of thousands of tagged paragraphs
        // would sort them all again for each).
        if let Some((_, item_tags)) = items.last_mut()
            && block.item_text
            && own_tags > 0
            && item_tags.len() <= MAX_CONTEXT_NAMES
        {
            item_tags.extend_from_slice(&interests[..own_tags]);
            out.sort_dedup(item_tags);
        }
        interests.extend(headings.iter().flat_map(|(_, tags)| tags.iter().copied()));
        interests.extend_from_slice(note.front_interests);
        people.extend_from_slice(note.front_people);
        out.sort_dedup(&mut interests);
        out.sort_dedup(&mut people);
        let was_spent = budget.spent;
        if !budget.allows(tokens.len(), interests.len() + people.len()) {
            if !was_spent {
                let line = note.lines.position(block.source_offset(0)).0;
                out.warnings
                    .push(context_spent(note.rel_path, line, "from this block on"));
            }
            interests.clear();
            people.clear();
        }
        let context = out.add_context(&interests, &people);

        // An Obsidian callout's marker (`> [!note] Call with @ana`) is
        // markup, not what the note says: the snippet starts after it.
        let marker = callout_marker_len(&block.text);
        let shown: Vec<usize> = positions
            .iter()
            .map(|at| at.saturating_sub(marker))
            .collect();
        let (line, at_chars) = OneLine::of_block(&block.text[marker..], &shown);
        // A block that fits on one line is the snippet of all its mentions:
        // stored once, shared.
        let whole = line.whole().map(|whole| out.push_str(whole));
        for ((token, &name), at_char) in tokens.iter().zip(&ids).zip(at_chars) {
            let offset = token
                .source
                .unwrap_or_else(|| block.source_offset(token.pos));
            let (line_number, column) = note.lines.position(offset);
            let snippet = match &whole {
                Some(range) => range.clone(),
                None => out.push_with(|buf| line.write_around(at_char, buf)),
            };
            let found = Found {
                line: line_number,
                column,
                kind: token.kind,
                source: Source::Body,
                name,
                raw: out.push_str(token.raw),
                snippet,
                context,
            };
            out.found_mut().push(found);
        }
        headings.extend(block_tags);
    });
}

/// Adds the people the block's wikilinks name to `tokens`, warning about
/// links that match several person notes; files every link's stem in
/// `out`.
fn link_tokens<'b>(
    note: &NoteContext<'_>,
    block: &'b body::Block,
    tokens: &mut Vec<Token<'b>>,
    out: &mut SharedExtraction,
) {
    // The text of each link to a person, in order.
    let mut person_link_texts: Vec<std::ops::Range<usize>> = Vec::new();
    for link in &block.links {
        out.link_stems
            .extend(link_stem(note.rel_path, &link.target));
        let resolved = note.identity.resolve_from(note.rel_path, &link.target);
        if resolved.ambiguous_person {
            let (line, _) = note.lines.position(link.source_start);
            out.warnings
                .push(ambiguous_link(note.rel_path, line, &link.raw, &resolved));
        }
        if let Some(person) = resolved.person {
            person_link_texts.push(link.text_pos..link.text_end);
            tokens.push(Token {
                kind: Kind::Person,
                name: person,
                raw: &link.raw,
                pos: link.text_pos,
                source: Some(link.source_start),
            });
        }
    }
    // The link is the mention: an `@name` in its text (`[[Alex
    // Bec|@alex]]`) is not a second one. The texts are sorted and apart.
    if !person_link_texts.is_empty() {
        tokens.retain(|t| {
            t.source.is_some() || t.kind != Kind::Person || !within(&person_link_texts, t.pos)
        });
    }
}

/// Finds the tags and mentions of one block by the rules of [`tag`] and
/// [`mention`], never inside opaque ranges.
/// Where the block's wikilinks show their text, as sorted ranges that do
/// not overlap: a tag there is none. Found once a block, so that a long
/// paragraph of `[[link]] #tag` lines is not read once a tag.
fn wikilink_texts_of(block: &body::Block) -> Vec<std::ops::Range<usize>> {
    let mut ranges: Vec<std::ops::Range<usize>> = block
        .links
        .iter()
        .filter(|link| link.wiki && link.text_pos < link.text_end)
        .map(|link| link.text_pos..link.text_end)
        .collect();
    ranges.sort_unstable_by_key(|range| range.start);
    let mut merged: Vec<std::ops::Range<usize>> = Vec::with_capacity(ranges.len());
    for range in ranges {
        match merged.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => merged.push(range),
        }
    }
    merged
}

/// The `@person` and `#interest` mentions of a block's text, in order, and
/// no more than `most` of them outside wikilink texts.
fn scan_block<'b>(block: &'b body::Block, identity: &Identity, most: usize) -> Vec<Token<'b>> {
    /// Stands for an opaque range: a non-space character that is not a
    /// letter, so `@` may follow it and `#` may not.
    const OPAQUE: char = '\u{FFFC}';
    let text = block.text.as_str();
    let bytes = text.as_bytes();
    let mut tokens: Vec<Token<'b>> = Vec::new();
    let mut prev: Option<char> = None;
    let mut after_tag = false;
    let mut opaque = block.opaque.iter().peekable();
    // Found at the block's first tag: most blocks have none.
    let mut wikilink_texts: Option<Vec<std::ops::Range<usize>>> = None;
    // Of the first `checked` tokens, those outside wikilink texts: a
    // person link drops the mentions in its text, so only the others count
    // towards `most`.
    let (mut checked, mut outside_links) = (0, 0);
    let mut i = 0;
    while i < text.len() {
        if tokens.len() >= most {
            let texts = wikilink_texts.get_or_insert_with(|| wikilink_texts_of(block));
            outside_links += tokens[checked..]
                .iter()
                .filter(|token| !within(texts, token.pos))
                .count();
            checked = tokens.len();
            if outside_links >= most {
                break;
            }
        }
        if let Some(range) = opaque.peek()
            && range.start <= i
        {
            i = i.max(range.end);
            opaque.next();
            prev = Some(OPAQUE);
            after_tag = false;
            continue;
        }
        let opaque_start = opaque.peek().map_or(text.len(), |range| range.start);
        if !matches!(bytes[i], b'@' | b'#') {
            // Jump to the next `@` or `#` (or opaque range): the characters
            // in between are read just as one at a time would read them,
            // so only the last one matters, as `prev`.
            let next = memchr::memchr2(b'@', b'#', &bytes[i..opaque_start])
                .map_or(opaque_start, |at| i + at);
            prev = text[..next].chars().next_back();
            after_tag = false;
            i = next;
            continue;
        }
        // A name ends at the next opaque range, and where the block text
        // stops being the note's text as written.
        let limit = opaque_start.min(block.written_run_end(i));
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        if c == '#' && (after_tag || tag::may_start_after(prev)) {
            if let Some((len, written)) = tag::read(&text[i + 1..limit]) {
                let name = canonical(written);
                // Obsidian reads no tag in a wikilink's display text.
                let in_wikilink = within(
                    wikilink_texts.get_or_insert_with(|| wikilink_texts_of(block)),
                    i,
                );
                if !in_wikilink && identity.keeps_interest(&name) {
                    tokens.push(Token {
                        kind: Kind::Interest,
                        name,
                        raw: &text[i..i + 1 + len],
                        pos: i,
                        source: None,
                    });
                }
                prev = text[..i + 1 + len].chars().next_back();
                i += 1 + len;
                after_tag = true;
                continue;
            }
        } else if c == '@'
            && mention::may_start_after(prev)
            && let Some(handle) = mention::read(&text[i + 1..limit])
        {
            if let Some(name) = identity.person(&canonical(handle)) {
                tokens.push(Token {
                    kind: Kind::Person,
                    name,
                    raw: &text[i..i + 1 + handle.len()],
                    pos: i,
                    source: None,
                });
            }
            prev = handle.chars().next_back();
            i += 1 + handle.len();
            after_tag = false;
            continue;
        }
        prev = Some(c);
        after_tag = false;
        i += c.len_utf8();
    }
    tokens
}

/// The length of the callout marker a block's text starts with
/// (`[!note] `, `[!tip]- `), 0 when there is none.
fn callout_marker_len(text: &str) -> usize {
    let Some(rest) = text.strip_prefix("[!") else {
        return 0;
    };
    let Some(close) = rest.find(']') else {
        return 0;
    };
    let kind = &rest[..close];
    if kind.is_empty()
        || !kind
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
    {
        return 0;
    }
    let after = &rest[close + 1..];
    let folded = after.strip_prefix(['+', '-']).unwrap_or(after);
    let body = folded.trim_start();
    text.len() - body.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_place_is_found_within_sorted_ranges() {
        let ranges = [2..5, 8..9, 20..30];
        let found: Vec<usize> = (0..32).filter(|&at| within(&ranges, at)).collect();
        assert_eq!(found, [2, 3, 4, 8, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29]);
        assert!(!within(&[], 0));
    }

    #[rstest::rstest]
    #[case("[!note] Call with @ana", "Call with @ana")]
    #[case("[!tip]- Folded", "Folded")]
    #[case("[!faq]+\nQuestion", "Question")]
    #[case("[link] text", "[link] text")]
    #[case("[!not a kind] x", "[!not a kind] x")]
    #[case("plain", "plain")]
    fn callout_markers_are_left_out(#[case] text: &str, #[case] shown: &str) {
        assert_eq!(&text[callout_marker_len(text)..], shown);
    }
}
