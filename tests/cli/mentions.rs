//! `kith mentions`.

use serde_json::json;

use crate::harness::{TestVault, jsonl, run};

#[test]
fn mentions_basic_jsonl_has_the_contract_keys() {
    let vault = TestVault::fixture("basic");
    let (code, stdout, stderr) = run(
        &mut vault.kith(&["mentions", "--format", "jsonl"]),
        vault.path(),
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stderr, "");
    let rows = jsonl(&stdout);
    assert_eq!(
        rows[0],
        json!({
            "path": "Daily/2026-11-20.md", "line": 1, "column": 10, "kind": "interest",
            "name": "brunch", "raw": "#brunch", "source": "body",
            "date": "2026-11-20", "date_source": "filename",
            "interests": [], "people": [], "snippet": "Sunday #brunch",
        })
    );
    let found: Vec<(&str, u64, &str)> = rows
        .iter()
        .map(|r| {
            (
                r["path"].as_str().unwrap(),
                r["line"].as_u64().unwrap(),
                r["name"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        vec![
            ("Daily/2026-11-20.md", 1, "brunch"),
            ("Daily/2026-11-20.md", 3, "priya"),
            ("Daily/2026-11-20.md", 3, "zoë"),
            ("Daily/2026-11-20.md", 5, "ana"),
            ("Daily/2026-11-20.md", 5, "running"),
            ("trip.md", 3, "kenji-tanaka"),
            ("trip.md", 4, "travel/asia"),
            ("trip.md", 6, "kenji-tanaka"),
        ]
    );
    let ana = &rows[3];
    assert_eq!(ana["interests"], json!(["brunch", "running"]));
    assert_eq!(ana["people"], json!([]));
    let kenji = &rows[5];
    assert_eq!(kenji["source"], "frontmatter");
    assert_eq!(kenji["raw"], "Kenji Tanaka");
    assert_eq!(kenji["date_source"], "frontmatter");
}

#[test]
fn mentions_missing_vault_exits_2_with_a_hint() {
    let vault = TestVault::empty();
    let missing = vault.path().join("nope");
    let (code, stdout, stderr) = run(
        crate::harness::kith().arg("mentions").arg(&missing),
        vault.path(),
    );
    assert_eq!(code, 2);
    assert_eq!(stdout, "");
    assert_eq!(
        stderr,
        "error: vault `[VAULT]/nope` is not a folder\n\nhint: give the folder of your notes as VAULT, with --vault, or in KITH_VAULT\n"
    );
}
