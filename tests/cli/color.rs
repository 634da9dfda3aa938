//! `--color` and `NO_COLOR`, for kith's own messages and clap's usage
//! errors alike.

use crate::harness::{TestVault, kith, run};

/// Runs `kith ARGS...` in an empty vault: (code, stderr).
fn stderr_of(vault: &TestVault, args: &[&str], no_color: bool) -> (i32, String) {
    let mut cmd = kith();
    cmd.args(args);
    if !no_color {
        cmd.env_remove("NO_COLOR");
    }
    let (code, _, stderr) = run(&mut cmd, vault.path());
    (code, stderr)
}

/// [`stderr_of`] with `CLICOLOR_FORCE=1` and no `NO_COLOR`.
fn stderr_of_forced(vault: &TestVault, args: &[&str]) -> (i32, String) {
    let mut cmd = kith();
    cmd.args(args)
        .env_remove("NO_COLOR")
        .env("CLICOLOR_FORCE", "1");
    let (code, _, stderr) = run(&mut cmd, vault.path());
    (code, stderr)
}

#[test]
fn color_is_as_asked_for_usage_errors_too() {
    let vault = TestVault::empty();
    let escape = "\u{1b}[";
    for args in [
        &["peple", "--color", "always"][..],
        &["--color=always", "peple"],
        &["people", "--today", "tomorrow", "--color", "always"],
    ] {
        let (code, stderr) = stderr_of(&vault, args, false);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(stderr.contains(escape), "{args:?} is coloured: {stderr:?}");
    }
    // Told to colour by CLICOLOR_FORCE, as clap's auto mode honours it:
    // coloured, unless `--color never` says otherwise.
    let (_, forced) = stderr_of_forced(&vault, &["peple"]);
    assert!(forced.contains(escape), "{forced:?}");
    let (_, never) = stderr_of_forced(&vault, &["peple", "--color", "never"]);
    assert!(!never.contains(escape), "{never:?}");
    for (args, no_color) in [
        (&["peple", "--color", "never"][..], false),
        (&["peple"], false), // auto: not a terminal
        (&["peple"], true),
        (&["peple", "--color", "always", "--color", "never"], false),
    ] {
        let (code, stderr) = stderr_of(&vault, args, no_color);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(!stderr.contains(escape), "{args:?} is plain: {stderr:?}");
    }
}
