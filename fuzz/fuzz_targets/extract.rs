//! Note parsing and extraction over arbitrary bytes: decoding (BOM,
//! UTF-16, binary, invalid UTF-8), frontmatter, markdown and the
//! `@person` / `#interest` rules must never panic, hang or overflow, and
//! every body mention must sit where it says.
#![no_main]

use kith::extract::{ExtractOptions, Source, extract_bytes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let note = extract_bytes("fuzz.md", data, 0, &ExtractOptions::default());
    let Ok((text, _)) = kith::note::decode("fuzz.md", data) else {
        assert!(note.mentions.is_empty());
        return;
    };
    for mention in &note.mentions {
        assert!(mention.line >= 1 && mention.column >= 1, "{mention:?}");
        if mention.source == Source::Body && mention.raw.starts_with(['@', '#']) {
            // Line and column (in characters) point at the raw text.
            let line = text.split('\n').nth(mention.line - 1).unwrap_or_default();
            let at = line
                .char_indices()
                .nth(mention.column - 1)
                .map_or(line.len(), |(at, _)| at);
            assert!(
                line[at..].starts_with(&mention.raw),
                "{mention:?} is not at its place in {text:?}"
            );
        }
    }
});
