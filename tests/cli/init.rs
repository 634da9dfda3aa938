//! `kith init`: the vault's config with every setting and its default, and
//! a `.gitignore` that keeps the index out of git.

use std::path::Path;

use kith::config::GITIGNORE;
use serde_yaml::Value;

use crate::harness::{TODAY, TestVault, kith, run};

/// `kith init ARGS... --vault VAULT`: (code, stdout, stderr).
fn init(vault: &TestVault, args: &[&str]) -> (i32, String, String) {
    vault.run(&[&["init"][..], args].concat())
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|err| panic!("{}: {err}", path.display()))
}

/// Every setting the config has, as the issue lists them.
const SETTINGS: [&str; 12] = [
    "people_keys",
    "interest_keys",
    "date_keys",
    "date_formats",
    "ignore_folders",
    "people_folder",
    "aliases",
    "ignore_people",
    "ignore_interests",
    "half_life_days",
    "reconnect_after_days",
    "max_file_size",
];

#[test]
fn init_writes_every_setting_with_its_default_and_a_comment() {
    let vault = TestVault::empty();
    let (code, stdout, stderr) = run(kith().arg("init").arg(vault.path()), vault.path());
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, "");
    assert_eq!(
        stderr,
        "wrote `[VAULT]/.kith/config.yaml` and `[VAULT]/.kith/.gitignore`\n"
    );
    let text = read(&vault.path().join(".kith/config.yaml"));
    let config: Value = serde_yaml::from_str(&text).expect("the config is YAML");
    let mapping = config.as_mapping().expect("a mapping");
    let keys: Vec<&str> = mapping.keys().map(|k| k.as_str().unwrap()).collect();
    assert_eq!(keys, SETTINGS);
    // Each setting has a comment line just above it.
    let lines: Vec<&str> = text.lines().collect();
    for key in SETTINGS {
        let at = lines
            .iter()
            .position(|line| line.starts_with(&format!("{key}:")))
            .unwrap_or_else(|| panic!("{key} in {text}"));
        assert!(lines[at - 1].starts_with('#'), "a comment above {key}");
    }
    // The defaults of the issue.
    let yaml = |s: &str| -> Value { serde_yaml::from_str(s).unwrap() };
    assert_eq!(mapping["people_folder"], yaml("People"));
    // No alias yet: `aliases:` with nothing under it, where `kith check`'s
    // entries are pasted.
    assert_eq!(mapping["aliases"], Value::Null);
    assert_eq!(mapping["ignore_people"], yaml("[]"));
    assert_eq!(mapping["ignore_interests"], yaml("[]"));
    assert_eq!(mapping["ignore_folders"], yaml("[]"));
    assert_eq!(mapping["half_life_days"], yaml("90"));
    assert_eq!(mapping["reconnect_after_days"], yaml("60"));
    assert_eq!(
        mapping["people_keys"],
        yaml("[people, person, with, attendees]")
    );
    assert_eq!(
        mapping["interest_keys"],
        yaml("[tags, tag, interests, topics]")
    );
    assert_eq!(mapping["date_keys"], yaml("[date, created]"));
}

#[test]
fn init_config_is_the_defaults() {
    // What kith answers over a vault is the same before and after `init`.
    let vault = TestVault::fixture("network");
    let people = |vault: &TestVault| {
        let (code, stdout, stderr) = vault.run(&["people", "--format", "json", "--today", TODAY]);
        assert_eq!(code, 0, "{stderr}");
        stdout
    };
    let mentions = |vault: &TestVault| {
        let (code, stdout, stderr) = vault.run(&["mentions", "--format", "jsonl"]);
        assert_eq!((code, stderr.as_str()), (0, ""));
        stdout
    };
    let (before_people, before_mentions) = (people(&vault), mentions(&vault));
    // A fresh index after `init`, built under the written config.
    std::fs::remove_dir_all(vault.path().join(".kith")).unwrap();
    let (code, _, stderr) = init(&vault, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(people(&vault), before_people);
    assert_eq!(mentions(&vault), before_mentions);
    let (code, _, stderr) = vault.run(&["check"]);
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn init_gitignore_keeps_the_index_out_of_git() {
    let vault = TestVault::empty();
    vault.write("a.md", "@ana\n");
    let (code, _, stderr) = init(&vault, &[]);
    assert_eq!(code, 0, "{stderr}");
    let gitignore = read(&vault.path().join(".kith/.gitignore"));
    let rules: Vec<&str> = gitignore
        .lines()
        .filter(|line| !line.starts_with('#') && !line.is_empty())
        .collect();
    assert_eq!(rules, ["*", "!.gitignore", "!config.yaml"]);
    let (code, _, stderr) = vault.run(&["scan"]);
    assert_eq!(code, 0, "{stderr}");
    // Where git is installed, ask it.
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .args(args)
            .current_dir(vault.path())
            .output()
    };
    if git(&["init", "-q", "."]).is_ok_and(|out| out.status.success()) {
        let out = git(&["status", "--porcelain", "--untracked-files=all"]).unwrap();
        let mut listed: Vec<String> = String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(|line| line[3..].to_owned())
            .collect();
        listed.sort();
        assert_eq!(listed, [".kith/.gitignore", ".kith/config.yaml", "a.md"]);
    }
}

#[test]
fn init_twice_without_force_exits_2_and_keeps_the_config() {
    let vault = TestVault::empty();
    let mine = "# my settings\npeople_folder: Contacts\n";
    vault.write(".kith/config.yaml", mine);
    vault.write(".kith/.gitignore", GITIGNORE);
    let (code, stdout, stderr) = init(&vault, &[]);
    assert_eq!(code, 2);
    assert_eq!(stdout, "");
    assert_eq!(
        stderr,
        "error: `[VAULT]/.kith/config.yaml` already exists\n\nhint: use --force to overwrite it with the defaults\n"
    );
    assert_eq!(read(&vault.path().join(".kith/config.yaml")), mine);
}

/// A `.gitignore` deleted by hand comes back, beside the config kept.
#[test]
fn init_writes_a_missing_gitignore_and_keeps_the_config() {
    let vault = TestVault::empty();
    let mine = "# my settings\npeople_folder: Contacts\n";
    vault.write(".kith/config.yaml", mine);
    let (code, stdout, stderr) = init(&vault, &[]);
    assert_eq!((code, stdout.as_str()), (0, ""), "{stderr}");
    assert_eq!(
        stderr,
        "wrote `[VAULT]/.kith/.gitignore`\nkept `[VAULT]/.kith/config.yaml`, which exists (--force overwrites it with the defaults)\n"
    );
    assert_eq!(read(&vault.path().join(".kith/config.yaml")), mine);
    assert_eq!(read(&vault.path().join(".kith/.gitignore")), GITIGNORE);
}

#[test]
fn init_force_overwrites_the_config() {
    let vault = TestVault::empty();
    let (code, _, _) = init(&vault, &[]);
    assert_eq!(code, 0);
    let defaults = read(&vault.path().join(".kith/config.yaml"));
    vault.write(".kith/config.yaml", "people_folder: Contacts\n");
    // A .gitignore of the user's own is kept.
    let mine = "*\n!config.yaml\n!.gitignore\n!notes.txt\n";
    vault.write(".kith/.gitignore", mine);
    let (code, stdout, stderr) = init(&vault, &["--force"]);
    assert_eq!((code, stdout.as_str()), (0, ""), "{stderr}");
    assert_eq!(stderr, "wrote `[VAULT]/.kith/config.yaml`\n");
    assert_eq!(read(&vault.path().join(".kith/config.yaml")), defaults);
    assert_eq!(read(&vault.path().join(".kith/.gitignore")), mine);
}

#[test]
fn init_missing_vault_exits_2() {
    let vault = TestVault::empty();
    let (code, stdout, stderr) = run(
        kith().arg("init").arg(vault.path().join("nope")),
        vault.path(),
    );
    assert_eq!(code, 2);
    assert_eq!(stdout, "");
    assert!(
        stderr.starts_with("error: vault `[VAULT]/nope` does not exist"),
        "{stderr}"
    );
    assert!(!vault.path().join("nope").exists());
}

#[cfg(unix)]
#[test]
fn init_force_never_writes_through_a_linked_config() {
    let vault = TestVault::empty();
    vault.write("a.md", "@alice hi\n");
    std::fs::create_dir_all(vault.path().join(".kith")).unwrap();
    std::os::unix::fs::symlink("../a.md", vault.path().join(".kith/config.yaml")).unwrap();
    let (code, _, stderr) = vault.run(&["init", "--force"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.starts_with("error: `[VAULT]/.kith/config.yaml` is a symbolic link (to `../a.md`)"),
        "{stderr}"
    );
    assert_eq!(read(&vault.path().join("a.md")), "@alice hi\n");
}

#[cfg(unix)]
#[test]
fn a_linked_config_is_changed_where_it_points() {
    let vault = TestVault::empty();
    vault.write("a.md", "@alice hi\n");
    let shared = tempfile::tempdir().unwrap();
    let target = shared.path().join("config.yaml");
    std::fs::write(&target, "half_life_days: 30\n").unwrap();
    std::fs::create_dir_all(vault.path().join(".kith")).unwrap();
    std::os::unix::fs::symlink(&target, vault.path().join(".kith/config.yaml")).unwrap();
    let (code, _, stderr) = vault.run(&["init"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("(a link to `"), "{stderr}");
    assert!(!stderr.contains("--force"), "{stderr}");
    std::fs::write(&target, "bogus: 1\n").unwrap();
    let (code, _, stderr) = vault.run(&["people"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("hint: fix the setting in `"), "{stderr}");
    assert!(stderr.contains("which the config links to"), "{stderr}");
}

/// `--print` prints the config `init` would write, and writes nothing.
#[test]
fn init_print_prints_the_config_and_writes_nothing() {
    let vault = TestVault::empty();
    let (code, printed, stderr) = init(&vault, &["--print"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert!(!vault.path().join(".kith").exists());
    let (code, _, stderr) = init(&vault, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(printed, read(&vault.path().join(".kith/config.yaml")));
    let (code, _, stderr) = init(&vault, &["--print", "--force"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("cannot be used with"), "{stderr}");
}

/// A folder where the config belongs is said to be one, with a hint of
/// what to do (not one about `--output`, which `init` has not).
#[test]
fn init_over_a_folder_named_as_the_config_says_so() {
    let vault = TestVault::empty();
    std::fs::create_dir_all(vault.path().join(".kith/config.yaml")).unwrap();
    for args in [&[][..], &["--force"][..]] {
        let (code, _, stderr) = init(&vault, args);
        assert_eq!(code, 2, "{stderr}");
        assert!(
            stderr.ends_with(
                "/.kith/config.yaml` is a folder, where the config file belongs\n\nhint: move the folder away, then run `kith init` again\n"
            ),
            "{stderr}"
        );
    }
}
