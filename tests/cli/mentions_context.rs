//! `kith mentions` context: tables, lists, headings, frontmatter and
//! unicode names, each mention's interests, people and snippet worked out
//! by hand from the spec (issue 2).

use crate::harness::TestVault;
use crate::rows::{DateSource, Row, assert_note, body, briefs, front, mentions_quiet};

#[test]
fn mentions_tables_and_lists() {
    let vault = TestVault::fixture("tables-and-lists");
    let rows = mentions_quiet(&vault);
    let fm = ["kim", "sam-lee"];
    let row_9 = "@ana #running ran with @bo";
    let row_10 = "@Cy #books, #tea \u{2014}";
    let all_people = [
        "ana", "bo", "cy", "dee", "eve", "fay", "gus", "hal", "ivy", "jo",
    ];
    let with = |extra: &'static str| {
        let mut people: Vec<&str> = all_people.to_vec();
        people.push(extra);
        people
    };
    let all_interests = [
        "books", "hiring", "q", "quote", "running", "tea", "todo", "work",
    ];
    // Frontmatter `date` wins over the file name's date.
    assert_note(
        &rows,
        "Meetings/2026-10-14 Sync.md",
        Some("2026-10-15"),
        Some(DateSource::Frontmatter),
        vec![
            front(3, 14, "@sam-lee", "[[People/Sam Lee|Sam]]")
                .ctx(&all_interests, &with("kim"))
                .snippet(r#"attendees: ["[[People/Sam Lee|Sam]]", "@kim"]"#),
            front(3, 40, "@kim", "@kim")
                .ctx(&all_interests, &with("sam-lee"))
                .snippet(r#"attendees: ["[[People/Sam Lee|Sam]]", "@kim"]"#),
            body(5, 8, "#work", "#work")
                .ctx(&[], &fm)
                .snippet("Sync #work"),
            // A table row is one block: its cells on one line.
            body(9, 3, "@ana", "@ana")
                .ctx(&["running", "work"], &["bo", "kim", "sam-lee"])
                .snippet(row_9),
            body(9, 10, "#running", "#running")
                .ctx(&["work"], &["ana", "bo", "kim", "sam-lee"])
                .snippet(row_9),
            body(9, 30, "@bo", "@bo")
                .ctx(&["running", "work"], &["ana", "kim", "sam-lee"])
                .snippet(row_9),
            body(10, 3, "@cy", "@Cy")
                .ctx(&["books", "tea", "work"], &fm)
                .snippet(row_10),
            body(10, 9, "#books", "#books")
                .ctx(&["tea", "work"], &["cy", "kim", "sam-lee"])
                .snippet(row_10),
            body(10, 17, "#tea", "#tea")
                .ctx(&["books", "work"], &["cy", "kim", "sam-lee"])
                .snippet(row_10),
            body(12, 12, "#todo", "#todo")
                .ctx(&["work"], &fm)
                .snippet("Actions #todo"),
            // A task's marker is not text; a list item is its own block,
            // apart from the items nested in it, which have its tags as
            // context (an outline's children, like a heading's section).
            body(14, 12, "@dee", "@dee")
                .ctx(&["hiring", "todo", "work"], &fm)
                .snippet("call @dee about #hiring"),
            body(14, 23, "#hiring", "#hiring")
                .ctx(&["todo", "work"], &["dee", "kim", "sam-lee"])
                .snippet("call @dee about #hiring"),
            body(15, 12, "@eve", "@eve")
                .ctx(&["hiring", "todo", "work"], &fm)
                .snippet("nested @eve"),
            body(16, 17, "@fay", "@fay")
                .ctx(&["todo", "work"], &["gus", "kim", "sam-lee"])
                .snippet("done with @fay continued @gus"),
            body(17, 13, "@gus", "@gus")
                .ctx(&["todo", "work"], &["fay", "kim", "sam-lee"])
                .snippet("done with @fay continued @gus"),
            body(19, 10, "@hal", "@hal")
                .ctx(&["q", "todo", "work"], &fm)
                .snippet("first @hal #q"),
            body(19, 15, "#q", "#q")
                .ctx(&["todo", "work"], &["hal", "kim", "sam-lee"])
                .snippet("first @hal #q"),
            // A block quote's paragraph, over two lines.
            body(21, 10, "@ivy", "@ivy")
                .ctx(&["quote", "todo", "work"], &["jo", "kim", "sam-lee"])
                .snippet("quoted @ivy #quote more @jo"),
            body(21, 15, "#quote", "#quote")
                .ctx(&["todo", "work"], &["ivy", "jo", "kim", "sam-lee"])
                .snippet("quoted @ivy #quote more @jo"),
            body(22, 8, "@jo", "@jo")
                .ctx(&["quote", "todo", "work"], &["ivy", "kim", "sam-lee"])
                .snippet("quoted @ivy #quote more @jo"),
        ],
    );
    // A footnote is its own block.
    assert_note(
        &rows,
        "footnote.md",
        None,
        None,
        vec![
            body(1, 17, "@ana", "@ana").snippet("Trip notes with @ana."),
            body(3, 17, "@bo", "@bo")
                .ctx(&["travel"], &[])
                .snippet("Booked by @bo #travel"),
            body(3, 21, "#travel", "#travel")
                .ctx(&[], &["bo"])
                .snippet("Booked by @bo #travel"),
        ],
    );
}

#[test]
fn mentions_unicode_names() {
    let vault = TestVault::fixture("unicode-names");
    let bytes = std::fs::read(vault.path().join("unicode.md")).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    assert!(
        text.contains("@zoe\u{0308}") && text.contains("Zo\u{00EB} "),
        "the fixture keeps both NFD and NFC"
    );
    let rows = mentions_quiet(&vault);

    // Names sort by code point; people in frontmatter become handles
    // (`Zoë Ñuñez` is `zoë-ñuñez`), and NFD `zoë` is NFC `zoë`.
    let fm = ["zoë-ñuñez", "łukasz-nowak"];
    let line_5 = "Brunch with @Zoë and @田中さん at #café-crème.";
    let line_7 = "Later @Наташа wrote #日本語 and #🏃run;";
    let line_11 = "@kenji-tanaka’s #tea’s #work… @José's @ana.";
    let every_interest = [
        "café",
        "café-crème",
        "nbsp",
        "tea",
        "work",
        "会議",
        "日本語",
        "🏃run",
    ];
    let people_but = |who: &str| -> Vec<&str> {
        [
            "ana",
            "josé",
            "kenji-tanaka",
            "zoë",
            "zoë-ñuñez",
            "łukasz-nowak",
            "наташа",
            "田中さん",
        ]
        .into_iter()
        .filter(|p| *p != who)
        .collect()
    };
    let no_nbsp = |rows: &[Row]| -> Vec<Row> {
        rows.iter()
            .filter(|r| r.line != 9)
            .cloned()
            .collect::<Vec<_>>()
    };
    assert_note(
        &no_nbsp(&rows),
        "unicode.md",
        None,
        None,
        vec![
            front(2, 10, "@zoë-ñuñez", "Zoë Ñuñez")
                .ctx(&every_interest, &people_but("zoë-ñuñez"))
                .snippet(r#"people: [Zoë Ñuñez, "[[People/Łukasz Nowak]]"]"#),
            front(2, 22, "@łukasz-nowak", "[[People/Łukasz Nowak]]")
                .ctx(&every_interest, &people_but("łukasz-nowak"))
                .snippet(r#"people: [Zoë Ñuñez, "[[People/Łukasz Nowak]]"]"#),
            front(3, 8, "#café", "Café")
                .ctx(&every_interest[1..], &people_but(""))
                .snippet("tags: [Café]"),
            body(5, 13, "@zoë", "@Zoë")
                .ctx(
                    &["café", "café-crème"],
                    &["zoë-ñuñez", "łukasz-nowak", "田中さん"],
                )
                .snippet(line_5),
            body(5, 22, "@田中さん", "@田中さん")
                .ctx(
                    &["café", "café-crème"],
                    &["zoë", "zoë-ñuñez", "łukasz-nowak"],
                )
                .snippet(line_5),
            body(5, 31, "#café-crème", "#café-crème")
                .ctx(&["café"], &["zoë", "zoë-ñuñez", "łukasz-nowak", "田中さん"])
                .snippet(line_5),
            body(7, 7, "@наташа", "@Наташа")
                .ctx(&["café", "日本語", "🏃run"], &fm)
                .snippet(line_7),
            body(7, 21, "#日本語", "#日本語")
                .ctx(&["café", "🏃run"], &["zoë-ñuñez", "łukasz-nowak", "наташа"])
                .snippet(line_7),
            body(7, 30, "#🏃run", "#🏃run")
                .ctx(
                    &["café", "日本語"],
                    &["zoë-ñuñez", "łukasz-nowak", "наташа"],
                )
                .snippet(line_7),
            // `’`, `…` and `'` end a tag or a handle.
            body(11, 1, "@kenji-tanaka", "@kenji-tanaka")
                .ctx(
                    &["café", "tea", "work"],
                    &["ana", "josé", "zoë-ñuñez", "łukasz-nowak"],
                )
                .snippet(line_11),
            body(11, 17, "#tea", "#tea")
                .ctx(
                    &["café", "work"],
                    &["ana", "josé", "kenji-tanaka", "zoë-ñuñez", "łukasz-nowak"],
                )
                .snippet(line_11),
            body(11, 24, "#work", "#work")
                .ctx(
                    &["café", "tea"],
                    &["ana", "josé", "kenji-tanaka", "zoë-ñuñez", "łukasz-nowak"],
                )
                .snippet(line_11),
            body(11, 31, "@josé", "@José")
                .ctx(
                    &["café", "tea", "work"],
                    &["ana", "kenji-tanaka", "zoë-ñuñez", "łukasz-nowak"],
                )
                .snippet(line_11),
            body(11, 39, "@ana", "@ana")
                .ctx(
                    &["café", "tea", "work"],
                    &["josé", "kenji-tanaka", "zoë-ñuñez", "łukasz-nowak"],
                )
                .snippet(line_11),
            body(13, 6, "@zoë", "@zoe\u{0308}")
                .ctx(&["café"], &fm)
                .snippet("Also @zoe\u{0308}"),
        ],
    );
    let zoe: Vec<_> = rows.iter().filter(|r| r.name.starts_with("zo")).collect();
    assert!(zoe.iter().all(|r| r.name.starts_with("zo\u{00EB}")), "NFC");

    // A tag may follow NBSP or U+3000 (line 9; its snippet's spacing is
    // not part of the contract).
    let line_9: Vec<_> = rows
        .iter()
        .filter(|r| r.line == 9)
        .map(|r| (r.column, r.name.as_str(), &r.interests, &r.people))
        .collect();
    assert_eq!(
        line_9,
        [
            (3, "nbsp", &vec!["café".into(), "会議".into()], &to_vec(&fm)),
            (
                12,
                "会議",
                &vec!["café".into(), "nbsp".into()],
                &to_vec(&fm)
            ),
        ]
    );
}

fn to_vec(names: &[&str]) -> Vec<String> {
    names.iter().map(|s| (*s).to_owned()).collect()
}

#[test]
fn mentions_context() {
    let vault = TestVault::fixture("context");
    let rows = mentions_quiet(&vault);
    let note_interests = ["city", "food", "sushi", "temples", "travel/japan", "trip"];
    let note_people = ["ana", "bo", "cy", "dee", "eve", "fay", "guide"];
    let kenji = ["kenji-tanaka"];
    let but = |names: &[&'static str], who: &str| -> Vec<&'static str> {
        names.iter().copied().filter(|n| *n != who).collect()
    };
    let all_people: Vec<&str> = note_people.iter().copied().chain(kenji).collect();
    // `created` dates the note (it has no `date`), over the file name.
    assert_note(
        &rows,
        "Trips/Japan 2026-04-01.md",
        Some("2026-04-02"),
        Some(DateSource::Frontmatter),
        vec![
            // `Tags:` is `tags:`; an interest string splits on whitespace.
            front(3, 7, "#travel/japan", "travel/japan")
                .ctx(&but(&note_interests, "travel/japan"), &all_people)
                .snippet("Tags: travel/japan food"),
            front(3, 20, "#food", "food")
                .ctx(&but(&note_interests, "food"), &all_people)
                .snippet("Tags: travel/japan food"),
            // A frontmatter person: every interest of the note, every other
            // person of it.
            front(4, 10, "@kenji-tanaka", "[[Kenji Tanaka|Kenji]]")
                .ctx(&note_interests, &note_people)
                .snippet(r#"Person: "[[Kenji Tanaka|Kenji]]""#),
            body(6, 9, "#trip", "#trip")
                .ctx(&["food", "travel/japan"], &["guide", "kenji-tanaka"])
                .snippet("Japan #trip with @guide"),
            body(6, 20, "@guide", "@guide")
                .ctx(&["food", "travel/japan", "trip"], &kenji)
                .snippet("Japan #trip with @guide"),
            // Heading tags carry down; heading people do not.
            body(8, 17, "@ana", "@ana")
                .ctx(&["food", "travel/japan", "trip"], &kenji)
                .snippet("Intro para with @ana."),
            body(10, 10, "#city", "#city")
                .ctx(&["food", "travel/japan", "trip"], &kenji)
                .snippet("Tokyo #city"),
            body(12, 12, "@bo", "@bo")
                .ctx(
                    &["city", "food", "sushi", "travel/japan", "trip"],
                    &["cy", "kenji-tanaka"],
                )
                .snippet("Sushi with @bo and @cy #sushi"),
            body(12, 20, "@cy", "@cy")
                .ctx(
                    &["city", "food", "sushi", "travel/japan", "trip"],
                    &["bo", "kenji-tanaka"],
                )
                .snippet("Sushi with @bo and @cy #sushi"),
            body(12, 24, "#sushi", "#sushi")
                .ctx(
                    &["city", "food", "travel/japan", "trip"],
                    &["bo", "cy", "kenji-tanaka"],
                )
                .snippet("Sushi with @bo and @cy #sushi"),
            // Under `### Day 1`, still under `## Tokyo #city`.
            body(16, 14, "@dee", "@dee")
                .ctx(&["city", "food", "travel/japan", "trip"], &kenji)
                .snippet("Ramen with @dee"),
            // `## Kyoto` ends `## Tokyo #city`, not `# Japan #trip`.
            body(20, 14, "@eve", "@eve")
                .ctx(&["food", "temples", "travel/japan", "trip"], &kenji)
                .snippet("Temples with @eve #temples"),
            body(20, 19, "#temples", "#temples")
                .ctx(&["food", "travel/japan", "trip"], &["eve", "kenji-tanaka"])
                .snippet("Temples with @eve #temples"),
            // `# Home` ends `# Japan #trip`.
            body(24, 11, "@fay", "@fay")
                .ctx(&["food", "travel/japan"], &kenji)
                .snippet("Back with @fay"),
        ],
    );
}

#[test]
fn mentions_frontmatter_values() {
    let vault = TestVault::empty();
    vault.write(
        "n.md",
        "---\n\
         people: [[Alex Bec]]\n\
         with: \"@ana, Bo Cy\"\n\
         tags: \"#a #B, c\"\n\
         attendees:\n  - \"[[People/Sam Lee|Sam]]\"\n  - 7\n\
         interests: [1, true, {x: y}, ok]\n\
         topics: 3\n\
         title: \"@not #not\"\n\
         ---\n\
         hi @alex-bec\n",
    );
    let rows = mentions_quiet(&vault);
    let interests = ["a", "b", "c", "ok"];
    let people = ["alex-bec", "ana", "bo-cy", "sam-lee"];
    let but = |names: &[&'static str], who: &str| -> Vec<&'static str> {
        names.iter().copied().filter(|n| *n != who).collect()
    };
    assert_note(
        &rows,
        "n.md",
        None,
        None,
        vec![
            // Unquoted `[[Alex Bec]]` is YAML for a list in a list.
            front(2, 9, "@alex-bec", "[[Alex Bec]]")
                .ctx(&interests, &but(&people, "alex-bec"))
                .snippet("people: [[Alex Bec]]"),
            // A people string splits on commas only.
            front(3, 8, "@ana", "@ana")
                .ctx(&interests, &but(&people, "ana"))
                .snippet(r#"with: "@ana, Bo Cy""#),
            front(3, 14, "@bo-cy", "Bo Cy")
                .ctx(&interests, &but(&people, "bo-cy"))
                .snippet(r#"with: "@ana, Bo Cy""#),
            // An interest string splits on commas and whitespace.
            front(4, 8, "#a", "#a")
                .ctx(&but(&interests, "a"), &people)
                .snippet(r##"tags: "#a #B, c""##),
            front(4, 11, "#b", "#B")
                .ctx(&but(&interests, "b"), &people)
                .snippet(r##"tags: "#a #B, c""##),
            front(4, 15, "#c", "c")
                .ctx(&but(&interests, "c"), &people)
                .snippet(r##"tags: "#a #B, c""##),
            front(6, 6, "@sam-lee", "[[People/Sam Lee|Sam]]")
                .ctx(&interests, &but(&people, "sam-lee"))
                .snippet(r#"- "[[People/Sam Lee|Sam]]""#),
            // Values of other types are skipped.
            front(8, 30, "#ok", "ok")
                .ctx(&but(&interests, "ok"), &people)
                .snippet("interests: [1, true, {x: y}, ok]"),
            // The body's `@alex-bec` is the frontmatter's `Alex Bec`.
            body(12, 4, "@alex-bec", "@alex-bec")
                .ctx(&interests, &["ana", "bo-cy", "sam-lee"])
                .snippet("hi @alex-bec"),
        ],
    );
}

#[test]
fn mentions_long_snippet_is_cut_around_the_mention() {
    let before: Vec<String> = (0..100).map(|i| format!("w{i:03}")).collect();
    let after: Vec<String> = (0..100).map(|i| format!("v{i:03}")).collect();
    let vault = TestVault::empty();
    vault.write(
        "long.md",
        format!(
            "@first {}\n{} @mid {}\n",
            before.join(" "),
            before.join(" "),
            after.join(" ")
        ),
    );
    let rows = mentions_quiet(&vault);
    assert_eq!(briefs(&rows), ["long.md:1:1 @first", "long.md:2:501 @mid"]);
    for row in &rows {
        let chars: Vec<char> = row.snippet.chars().collect();
        assert!(chars.len() <= 240, "{} characters", chars.len());
        assert!(!row.snippet.contains('\n'), "one line");
        let at = row.snippet.find(&row.raw).expect("the mention is in it");
        let before = row.snippet[..at].chars().count();
        let after = chars.len() - before - row.raw.chars().count();
        if row.name == "first" {
            assert_eq!(before, 0, "nothing to centre on at the start");
        } else {
            assert!(before.abs_diff(after) <= 8, "centred: {before} / {after}");
        }
    }
}
