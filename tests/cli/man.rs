//! `kith man` and `kith completions`: what the shell and `man` need.

use crate::harness::TestVault;

#[test]
fn every_page_the_man_page_refers_to_exists() {
    let vault = TestVault::empty();
    let (code, page, stderr) = vault.run(&["man"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(page.contains(".TH kith 1"), "{page}");
    let referred: Vec<&str> = page
        .split("kith\\-")
        .skip(1)
        .filter_map(|rest| rest.split_once("(1)").map(|(name, _)| name))
        .filter(|name| name.bytes().all(|b| b.is_ascii_lowercase()))
        .collect();
    assert!(
        referred.contains(&"scan") && referred.len() >= 10,
        "{referred:?}"
    );
    for name in referred {
        let (code, sub, stderr) = vault.run(&["man", name]);
        assert_eq!(code, 0, "{name}: {stderr}");
        assert!(sub.contains(&format!(".TH kith-{name} 1")), "{name}: {sub}");
        assert!(sub.contains(&format!("kith {name}")), "{name}: synopsis");
    }
    let (code, stdout, stderr) = vault.run(&["man", "nope"]);
    assert_eq!(code, 2);
    assert_eq!(stdout, "");
    assert!(
        stderr.contains("no such command; expected one of: mentions, scan"),
        "{stderr}"
    );
}

#[test]
fn completions_name_the_commands() {
    let vault = TestVault::empty();
    for shell in ["bash", "zsh", "fish"] {
        let (code, script, stderr) = vault.run(&["completions", shell]);
        assert_eq!(code, 0, "{shell}: {stderr}");
        assert!(
            script.contains("digest") && script.contains("no-scan"),
            "{shell}"
        );
    }
}

#[test]
fn a_commands_help_lists_its_own_options_before_the_shared_ones() {
    let vault = TestVault::empty();
    let (code, help, stderr) = vault.run(&["who", "--help"]);
    assert_eq!(code, 0, "{stderr}");
    let (own, shared) = help
        .split_once("Options every command takes:")
        .expect("a section of shared options");
    for flag in ["--since", "--limit", "--half-life", "--no-scan"] {
        assert!(own.contains(flag), "{flag} among who's own: {own}");
        assert!(!shared.contains(flag), "{flag} not shared: {shared}");
    }
    for flag in ["--vault", "--index", "--today", "--color", "--quiet"] {
        assert!(shared.contains(flag), "{flag} shared: {shared}");
    }
}
