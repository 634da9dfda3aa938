//! `kith mentions` over fixture vaults of awkward notes (BOM, CRLF,
//! broken frontmatter, invalid UTF-8, everything that is not prose):
//! every mention, line, column and date worked out by hand from the spec
//! (issue 2).

use crate::harness::TestVault;
use crate::rows::{
    DateSource, assert_note, body, briefs, front, locate, mentions, mentions_quiet, parse_warning,
};

const BOM: &[u8] = b"\xEF\xBB\xBF";

#[test]
fn mentions_bom_crlf() {
    let vault = TestVault::fixture("bom-crlf");
    let daily = std::fs::read(vault.path().join("Daily/2026-02-03.md")).unwrap();
    assert!(daily.starts_with(BOM), "the fixture keeps its BOM");
    assert!(
        daily.windows(2).filter(|w| w == b"\r\n").count() == 14
            && !daily.windows(2).any(|w| w[1] == b'\n' && w[0] != b'\r'),
        "the fixture keeps its CRLF line endings (see tests/fixtures/.gitattributes)"
    );

    let rows = mentions_quiet(&vault);
    assert_eq!(
        rows.iter().map(|r| r.path.as_str()).collect::<Vec<_>>(),
        [
            "Daily/2026-02-03.md",
            "Daily/2026-02-03.md",
            "Daily/2026-02-03.md",
            "Daily/2026-02-03.md",
            "Daily/2026-02-03.md",
            "Daily/2026-02-03.md",
            "Daily/2026-02-03.md",
            "bom-only.md",
            "bom-only.md",
        ]
    );
    // The BOM is stripped, so the frontmatter starts on line 1; the date
    // comes from the file name since the frontmatter has none.
    let note_people = ["ana", "bo", "dee", "kim-lee"];
    assert_note(
        &rows,
        "Daily/2026-02-03.md",
        Some("2026-02-03"),
        Some(DateSource::Filename),
        vec![
            front(2, 8, "#journal", "Journal")
                .ctx(&["coffee", "walk"], &note_people)
                .snippet("tags: [Journal]"),
            front(3, 7, "@kim-lee", "Kim Lee")
                .ctx(&["coffee", "journal", "walk"], &["ana", "bo", "dee"])
                .snippet("with: Kim Lee"),
            body(5, 11, "#coffee", "#Coffee")
                .ctx(&["journal"], &["kim-lee"])
                .snippet("Morning #Coffee"),
            body(7, 5, "@ana", "@Ana")
                .ctx(&["coffee", "journal", "walk"], &["bo", "kim-lee"])
                .snippet("Met @Ana. Then @bo #walk"),
            body(8, 6, "@bo", "@bo")
                .ctx(&["coffee", "journal", "walk"], &["ana", "kim-lee"])
                .snippet("Met @Ana. Then @bo #walk"),
            body(8, 10, "#walk", "#walk")
                .ctx(&["coffee", "journal"], &["ana", "bo", "kim-lee"])
                .snippet("Met @Ana. Then @bo #walk"),
            body(14, 8, "@dee", "@dee")
                .ctx(&["coffee", "journal"], &["kim-lee"])
                .snippet("item @dee"),
        ],
    );
    // A BOM before the first character: `@ana` is the block's first
    // character, in column 1.
    assert_note(
        &rows,
        "bom-only.md",
        None,
        None,
        vec![
            body(1, 1, "@ana", "@ana")
                .ctx(&["start"], &[])
                .snippet("@ana at #start"),
            body(1, 9, "#start", "#start")
                .ctx(&[], &["ana"])
                .snippet("@ana at #start"),
        ],
    );
}

#[test]
fn mentions_bom_crlf_written_at_test_time() {
    // The same rules on bytes that no checkout can touch: a BOM, CRLF
    // frontmatter ended by `...`, and a CRLF table.
    let vault = TestVault::empty();
    vault.write(
        "n.md",
        b"\xEF\xBB\xBF---\r\ntags: [a]\r\n...\r\n| @x | #y |\r\n|---|---|\r\n\r\nend @z\r\n",
    );
    let rows = mentions_quiet(&vault);
    assert_note(
        &rows,
        "n.md",
        None,
        None,
        vec![
            front(2, 8, "#a", "a")
                .ctx(&["y"], &["x", "z"])
                .snippet("tags: [a]"),
            body(4, 3, "@x", "@x")
                .ctx(&["a", "y"], &[])
                .snippet("@x #y"),
            body(4, 8, "#y", "#y").ctx(&["a"], &["x"]).snippet("@x #y"),
            body(7, 5, "@z", "@z").ctx(&["a"], &[]).snippet("end @z"),
        ],
    );
}

#[test]
fn mentions_malformed_yaml() {
    let vault = TestVault::fixture("malformed-yaml");
    let (rows, stderr) = mentions(&vault, &[]);

    // One warning per broken frontmatter, `warning: PATH:LINE: MESSAGE`;
    // the YAML error (`a: b` is a mapping where none may start) is on the
    // note's line 3. The exit code is still 0 (checked by `mentions`).
    let warnings: Vec<_> = stderr.lines().map(parse_warning).collect();
    assert_eq!(warnings.len(), 2, "{stderr}");
    assert_eq!(
        (warnings[0].0.as_str(), warnings[0].1),
        ("2026-03-04 standup.md", 3)
    );
    assert_eq!(warnings[1].0, "list-frontmatter.md");

    assert_eq!(
        briefs(&rows),
        [
            "2026-03-04 standup.md:7:14 @ana",
            "2026-03-04 standup.md:7:19 #standup",
            "dots.md:2:8 #x",
            "dots.md:4:1 @eve",
            "empty-frontmatter.md:3:1 @dee",
            "list-frontmatter.md:5:1 @bo",
            "not-first-line.md:5:1 @hal",
            "stray-rule.md:1:7 @fay",
            "stray-rule.md:7:7 @gus",
            "stray-rule.md:7:12 #after",
            "unclosed.md:3:1 @cy",
            "unclosed.md:3:5 #y",
        ]
    );
    // The broken frontmatter is ignored whole: no `ghost`, no `ignored`,
    // and its `date` neither, so the date is the file name's.
    assert_note(
        &rows,
        "2026-03-04 standup.md",
        Some("2026-03-04"),
        Some(DateSource::Filename),
        vec![
            body(7, 14, "@ana", "@ana")
                .ctx(&["standup"], &[])
                .snippet("Standup with @ana #standup"),
            body(7, 19, "#standup", "#standup")
                .ctx(&[], &["ana"])
                .snippet("Standup with @ana #standup"),
        ],
    );
    // `...` closes a frontmatter too.
    assert_note(
        &rows,
        "dots.md",
        None,
        None,
        vec![
            front(2, 8, "#x", "x")
                .ctx(&[], &["eve"])
                .snippet("tags: [x]"),
            body(4, 1, "@eve", "@eve").ctx(&["x"], &[]).snippet("@eve"),
        ],
    );
    // No closing delimiter: the whole file is body (`---` is a rule, and
    // `tags: [x]` is prose).
    assert_note(
        &rows,
        "unclosed.md",
        None,
        None,
        vec![
            body(3, 1, "@cy", "@cy")
                .ctx(&["y"], &[])
                .snippet("tags: [x] @cy #y"),
            body(3, 5, "#y", "#y")
                .ctx(&[], &["cy"])
                .snippet("tags: [x] @cy #y"),
        ],
    );
    // A `---` block that is not at the top is no frontmatter, and the body
    // after it is still read (pulldown-cmark#1000).
    assert_note(
        &rows,
        "stray-rule.md",
        None,
        None,
        vec![
            body(1, 7, "@fay", "@fay").snippet("Intro @fay"),
            body(7, 7, "@gus", "@gus")
                .ctx(&["after"], &[])
                .snippet("After @gus #after"),
            body(7, 12, "#after", "#after")
                .ctx(&[], &["gus"])
                .snippet("After @gus #after"),
        ],
    );
    assert_note(
        &rows,
        "not-first-line.md",
        None,
        None,
        vec![body(5, 1, "@hal", "@hal").snippet("@hal")],
    );
}

#[test]
fn mentions_invalid_utf8() {
    let vault = TestVault::fixture("invalid-utf8");
    let (rows, stderr) = mentions(&vault, &[]);
    let warnings: Vec<_> = stderr.lines().map(parse_warning).collect();
    assert_eq!(warnings.len(), 1, "{stderr}");
    assert_eq!((warnings[0].0.as_str(), warnings[0].1), ("bad.md", 2));
    assert!(warnings[0].2.contains("UTF-8"), "{stderr}");

    // Decoded lossily: each invalid sequence is one U+FFFD, a character
    // that is no letter, so `@` may follow it.
    let snippet = "ok @ana bad \u{FFFD} @bo #x @cy \u{FFFD}";
    assert_note(
        &rows,
        "bad.md",
        None,
        None,
        vec![
            body(1, 4, "@ana", "@ana")
                .ctx(&["x"], &["bo", "cy"])
                .snippet(snippet),
            body(2, 7, "@bo", "@bo")
                .ctx(&["x"], &["ana", "cy"])
                .snippet(snippet),
            body(2, 11, "#x", "#x")
                .ctx(&[], &["ana", "bo", "cy"])
                .snippet(snippet),
            body(3, 1, "@cy", "@cy")
                .ctx(&["x"], &["ana", "bo"])
                .snippet(snippet),
        ],
    );
    assert_note(
        &rows,
        "good.md",
        None,
        None,
        vec![body(1, 1, "@dee", "@dee").snippet("@dee")],
    );
}

#[test]
fn mentions_exclusions() {
    let vault = TestVault::fixture("exclusions");
    let text = std::fs::read_to_string(vault.path().join("exclusions.md")).unwrap();
    let rows = mentions_quiet(&vault);

    // Every `@yesN` / `#yesN` is a mention (and `#y1984`, `#2024-goals`),
    // and nothing called `no` is.
    let found = [
        "@yes1",
        "#yes2",
        "@yes3",
        "@yes4",
        "#yes5",
        "@yes6",
        "@yes7",
        "@yes8",
        "@yes9",
        "@yes10",
        "@yes11",
        "@yes12",
        "#yes13",
        "@yes14",
        "@yes15",
        "#yes16",
        "@yes17",
        "@yes18",
        "@yes19",
        "@yes20",
        "#y1984",
        "#2024-goals",
        "#yes21",
        "#yes22",
        "#yes23",
    ];
    let expected: Vec<String> = found
        .iter()
        .map(|m| {
            let (line, column) = locate(&text, m);
            format!("exclusions.md:{line}:{column} {m}")
        })
        .collect();
    assert_eq!(briefs(&rows), expected);
    // Nor in any context: the heading inside the `%%` comment is hidden.
    assert!(
        rows.iter().all(
            |r| !r.interests.contains(&"no".to_owned()) && !r.people.contains(&"no".to_owned())
        )
    );
    assert!(rows.iter().all(|r| r.name != "no" && r.raw[1..] == r.name));

    // A code span, inline HTML or an escaped character stays in the
    // snippet; comments do not.
    let snippet = |name: &str| {
        rows.iter()
            .find(|r| r.name == name)
            .map(|r| r.snippet.as_str())
            .unwrap()
    };
    assert_eq!(
        snippet("yes3"),
        "Inline @no #no code, x@yes3 after code, x#no glued to code."
    );
    assert_eq!(snippet("yes6"), "Inline comment then @yes6.");
    assert_eq!(snippet("yes10"), "Wrapped after @yes10");
}

#[test]
fn mentions_tag_and_handle_edges() {
    let vault = TestVault::empty();
    vault.write(
        "n.md",
        "#deep_work with @first_last, snake_case_@no and x_#also\n\
         \n\
         Trip #travel/asia/ and #Running, #bob#alice, with @ana. and @kenji-tanaka's; @2pm #1984 ##no\n",
    );
    let rows = mentions_quiet(&vault);
    // pulldown-cmark splits text at `_`; the pieces are joined before the
    // rules run.
    let line_1 = "#deep_work with @first_last, snake_case_@no and x_#also";
    assert_note(
        &rows
            .iter()
            .filter(|r| r.line == 1)
            .cloned()
            .collect::<Vec<_>>(),
        "n.md",
        None,
        None,
        vec![
            body(1, 1, "#deep_work", "#deep_work")
                .ctx(&["also"], &["first_last"])
                .snippet(line_1),
            body(1, 17, "@first_last", "@first_last")
                .ctx(&["also", "deep_work"], &[])
                .snippet(line_1),
            body(1, 51, "#also", "#also")
                .ctx(&["deep_work"], &["first_last"])
                .snippet(line_1),
        ],
    );
    let line_3: Vec<(String, &str)> = rows
        .iter()
        .filter(|r| r.line == 3)
        .map(|r| (r.brief(), r.raw.as_str()))
        .collect();
    assert_eq!(
        line_3,
        [
            // A trailing `/` is dropped; `/` nests.
            ("n.md:3:6 #travel/asia".to_owned(), line_3[0].1),
            ("n.md:3:24 #running".to_owned(), "#Running"),
            ("n.md:3:34 #bob".to_owned(), "#bob"),
            ("n.md:3:38 #alice".to_owned(), "#alice"),
            ("n.md:3:51 @ana".to_owned(), "@ana"),
            ("n.md:3:61 @kenji-tanaka".to_owned(), "@kenji-tanaka"),
        ]
    );
    assert!(line_3[0].1.starts_with("#travel/asia"));
}
