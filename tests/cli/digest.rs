//! `kith digest` and `kith report`, and the CI workflow recipe.

use std::path::Path;

use serde_json::Value;

use crate::harness::{TestVault, json, run};

/// Runs kith over the `digest` fixture with "today" pinned to 2026-11-27
/// and the index outside the vault.
fn kith_digest(vault: &TestVault, args: &[&str]) -> (i32, String, String) {
    let index = vault.path().parent().expect("a parent").join(format!(
        "{}.sqlite",
        vault.path().file_name().expect("a name").to_string_lossy()
    ));
    let mut cmd = vault.kith(args);
    cmd.arg("--today")
        .arg("2026-11-27")
        .arg("--index")
        .arg(&index);
    let result = run(&mut cmd, vault.path());
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", index.display()));
    }
    result
}

/// [`kith_digest`]'s stdout, after checking that it succeeded.
fn kith_digest_ok(vault: &TestVault, args: &[&str]) -> String {
    let (code, stdout, stderr) = kith_digest(vault, args);
    assert_eq!(code, 0, "{stderr}");
    stdout
}

#[test]
fn digest_md_snapshot() {
    let vault = TestVault::fixture("digest");
    let stdout = kith_digest_ok(&vault, &["digest"]);
    insta::assert_snapshot!(stdout);
}

#[test]
fn digest_json_has_the_contract() {
    let vault = TestVault::fixture("digest");
    let stdout = kith_digest_ok(&vault, &["digest", "--format", "json"]);
    let digest = json(&stdout);
    assert_eq!(digest["today"], "2026-11-27");
    assert_eq!(digest["period"]["since"], "2026-11-21");
    assert_eq!(digest["period"]["until"], "2026-11-27");
    assert_eq!(digest["period"]["days"], 7);
    assert_eq!(digest["previous_period"]["since"], "2026-11-14");
    assert_eq!(digest["previous_period"]["until"], "2026-11-20");
    // Worked out by hand from the fixture: this week 2026-11-22 (5
    // mentions), -24 (3), -26 (3), -27 (2); the week before -15 (2), -16 (3).
    let totals = &digest["totals"];
    assert_eq!(totals["current"]["mentions"], 13);
    assert_eq!(totals["current"]["people"], 5);
    // #work, #running, #side-project and #théâtre/été, which counts for
    // #théâtre too (as `kith interests` rolls nested tags up).
    assert_eq!(totals["current"]["interests"], 5);
    assert_eq!(totals["current"]["notes"], 4);
    assert_eq!(totals["previous"]["mentions"], 5);
    assert_eq!(totals["previous"]["people"], 2);
    assert_eq!(totals["previous"]["notes"], 2);

    let seen: Vec<(&str, i64, bool)> = digest["seen"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["name"].as_str().unwrap(),
                p["mentions"].as_i64().unwrap(),
                p["new"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        seen[..3],
        [("ana", 2, false), ("ben", 2, false), ("cleo-diaz", 2, true)]
    );
    let ana = &digest["seen"][0];
    assert_eq!(ana["notes"][0]["path"], "Daily/2026-11-24.md");
    assert_eq!(ana["notes"][1]["date"], "2026-11-27");
    assert_eq!(digest["new_people"].as_array().unwrap().len(), 3);

    let interests: Vec<&str> = digest["interests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["name"].as_str().unwrap())
        .collect();
    assert!(interests.contains(&"running") && interests.contains(&"work"));
    assert!(
        digest["new_interests"]
            .as_array()
            .unwrap()
            .contains(&Value::from("side-project"))
    );
    assert!(
        !digest["new_interests"]
            .as_array()
            .unwrap()
            .contains(&Value::from("running"))
    );
    // #théâtre/été, first seen this week, counts for its parent, which is
    // new with it; a person's contexts keep the tag as written.
    let mentions_of = |name: &str| {
        digest["interests"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["name"] == name)
            .map(|i| (i["mentions"].as_i64().unwrap(), i["new"].as_bool().unwrap()))
    };
    assert_eq!(mentions_of("théâtre"), Some((1, true)));
    assert_eq!(mentions_of("théâtre/été"), Some((1, true)));
    let new_interests = digest["new_interests"].as_array().unwrap();
    assert!(new_interests.contains(&Value::from("théâtre")));
    let eve = digest["seen"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "eve")
        .unwrap();
    assert_eq!(
        eve["contexts"],
        serde_json::json!([{"name": "théâtre/été", "count": 1}])
    );

    // old-friend: 2026-07-04, -07-18, -08-01, aged 146, 132 and 118 days on
    // the period's last day 2026-11-27: 0.5^(146/90) + 0.5^(132/90) +
    // 0.5^(118/90), as `kith people` counts it that day.
    let reconnect = digest["reconnect"].as_array().unwrap();
    assert_eq!(reconnect.len(), 2);
    assert_eq!(reconnect[0]["name"], "old-friend");
    assert_eq!(reconnect[0]["last_seen"], "2026-08-01");
    assert_eq!(reconnect[0]["days_since"], 118);
    assert_eq!(reconnect[0]["last_note"], "Daily/2026-08-01.md");
    assert_eq!(reconnect[0]["contexts"], serde_json::json!(["climbing"]));
    let expected =
        0.5_f64.powf(146.0 / 90.0) + 0.5_f64.powf(132.0 / 90.0) + 0.5_f64.powf(118.0 / 90.0);
    assert!((reconnect[0]["strength"].as_f64().unwrap() - expected).abs() < 0.01);
    assert_eq!(reconnect[1]["name"], "dot");

    let chart = digest["chart"].as_array().unwrap();
    assert_eq!(chart.len(), 7);
    assert_eq!(chart[1]["label"], "2026-11-22");
    assert_eq!(
        chart[1]["mentions"], 3,
        "ben and cleo-diaz twice on the 22nd"
    );
}

#[test]
fn digest_reconnect_after_is_a_threshold() {
    let vault = TestVault::fixture("digest");
    let (_, stdout, _) = kith_digest(
        &vault,
        &["digest", "--format", "json", "--reconnect-after", "120"],
    );
    let names: Vec<String> = json(&stdout)["reconnect"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(names, ["dot"], "old-friend was seen 118 days ago, dot 146");
}

#[test]
fn this_week_s_digest_measures_reconnect_from_today_not_its_sunday() {
    // On Friday 2026-11-27, pat was last seen 59 days ago: no reconnect,
    // though the week's Sunday (the 29th) is 61 days after.
    let vault = TestVault::empty();
    vault.write("Daily/2026-08-01.md", "@pat\n");
    vault.write("Daily/2026-09-29.md", "@pat\n");
    vault.write("Daily/2026-11-26.md", "@kim\n");
    for period in [
        &["--week", "2026-W48"][..],
        &["--since", "2026-11-01", "--until", "2026-12-31"],
    ] {
        let stdout = kith_digest_ok(
            &vault,
            &[&["digest", "--format", "json"][..], period].concat(),
        );
        assert_eq!(
            json(&stdout)["reconnect"],
            serde_json::json!([]),
            "{period:?}"
        );
    }
    let stdout = kith_digest_ok(
        &vault,
        &[
            "digest",
            "--format",
            "json",
            "--reconnect-after",
            "58",
            "--week",
            "2026-W48",
        ],
    );
    let reconnect = &json(&stdout)["reconnect"][0];
    assert_eq!(
        (&reconnect["name"], &reconnect["days_since"]),
        (&"pat".into(), &59.into())
    );
}

#[test]
fn digest_limit_says_how_many_reconnect_candidates_it_left_out() {
    let vault = TestVault::fixture("digest");
    let section = |limit: &str| {
        let stdout = kith_digest_ok(&vault, &["digest", "--limit", limit]);
        let start = stdout.find("## Reconnect").expect("a reconnect section");
        stdout[start..].to_owned()
    };
    // old-friend and dot have gone quiet (see digest_json_has_the_contract).
    assert_eq!(
        section("0"),
        "## Reconnect\n\n2 people you used to see have gone quiet for 60 days or more (`--limit 0` lists none).\n"
    );
    let one = section("1");
    assert!(
        one.contains("- `old-friend`: last seen 2026-08-01"),
        "{one}"
    );
    assert!(
        one.ends_with("\n- and 1 more (`--limit` lists more)\n"),
        "{one}"
    );
    assert!(!section("2").contains("more (`--limit`"));
}

#[test]
fn digest_iso_week_across_the_year_end() {
    let vault = TestVault::fixture("digest");
    let stdout = kith_digest_ok(
        &vault,
        &["digest", "--week", "2026-W53", "--format", "json"],
    );
    let digest = json(&stdout);
    assert_eq!(digest["period"]["since"], "2026-12-28");
    assert_eq!(digest["period"]["until"], "2027-01-03");
    let seen: Vec<&str> = digest["seen"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(seen, ["cy", "dee"], "ben on 2027-01-04 is in the next week");
    assert_eq!(digest["seen"][0]["mentions"], 2);
    // A week after today is answered, with a word that it is ahead.
    let (_, _, stderr) = kith_digest(&vault, &["digest", "--week", "2026-W53"]);
    assert!(
        stderr.contains(
            "warning: the period 2026-12-28 to 2027-01-03 is after today, 2026-11-27: only notes dated ahead are in it\n"
        ),
        "{stderr}"
    );
    let (_, _, stderr) = kith_digest(&vault, &["digest", "--week", "2026-W48"]);
    assert!(!stderr.contains("after today"), "{stderr}");
}

#[test]
fn digest_bad_week_is_a_usage_error() {
    let vault = TestVault::fixture("digest");
    let (code, _, stderr) = kith_digest(&vault, &["digest", "--week", "2026-W60"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("invalid week `2026-W60`"), "{stderr}");
    assert!(stderr.contains("\nhint: a week is YYYY-Www"), "{stderr}");
    // Year 0 is before the first day kith knows (its previous period
    // would come after it).
    let (code, _, stderr) = kith_digest(&vault, &["digest", "--week", "0000-W52"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.starts_with("error: `0000-W52` is before 0001-01-01, the first day kith knows\n"),
        "{stderr}"
    );
    let (code, _, stderr) = kith_digest(&vault, &["digest", "--since", "0000-01-01"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("`0000-01-01` is before 0001-01-01, the first day kith knows"),
        "{stderr}"
    );
}

#[test]
fn digest_errors_name_what_the_user_gave_and_end_with_a_hint() {
    let vault = TestVault::fixture("digest");
    // The period ends today (2026-11-27) when --until is not given.
    let (code, _, stderr) = kith_digest(&vault, &["digest", "--since", "2026-12-01"]);
    assert_eq!(code, 2);
    assert!(
        stderr.starts_with(
            "error: --since 2026-12-01 is after today, 2026-11-27: no day is in that window\n"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("\nhint: give a --since on or before today"),
        "{stderr}"
    );
    let folder = tempfile::tempdir().unwrap();
    let folder_arg = folder.path().to_string_lossy().into_owned();
    let (code, _, stderr) = kith_digest(&vault, &["digest", "--output", &folder_arg]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("\nhint: give a file's name, not a folder's"),
        "{stderr}"
    );
    // A name ending in `/` is a folder's, there or not: told so, and
    // nothing is made.
    for name in [
        folder_arg.clone(),
        format!("{folder_arg}/"),
        format!("{folder_arg}/new/"),
        format!("{folder_arg}/."),
        format!("{folder_arg}/new/.."),
    ] {
        let (code, _, stderr) = kith_digest(&vault, &["digest", "--output", &name]);
        assert_eq!(code, 2);
        assert!(
            stderr.starts_with(&format!(
                "error: cannot write `{name}`: a folder's name, not a file's\n"
            )),
            "{stderr}"
        );
        assert!(
            stderr.contains("\nhint: give a file's name, not a folder's"),
            "{stderr}"
        );
    }
    assert!(!folder.path().join("new").exists());
}

#[test]
fn digest_html_is_self_contained_and_escaped() {
    let vault = TestVault::fixture("digest");
    let html = kith_digest_ok(&vault, &["digest", "--format", "html"]);
    assert!(html.starts_with("<!doctype html>"));
    assert!(html.contains("<svg class=\"chart\""));
    assert!(html.contains("<meta name=\"viewport\""));
    // Nothing is loaded from elsewhere.
    for needle in ["<script", "<link", " src=", "href=", "@import", "url("] {
        assert!(!html.contains(needle), "found {needle} in the html");
    }
    // Note text, names and paths are escaped.
    assert!(html.contains("&lt;img-src=x-onerror=alert(1)&gt;"));
    assert!(html.contains("Daily/2026-11-26 &lt;b&gt;bold &amp; co.md"));
    assert!(!html.contains("<img"));
    assert!(!html.contains("<b>bold"));
}

#[test]
fn report_html_is_escaped() {
    let vault = TestVault::fixture("digest");
    let html = kith_digest_ok(&vault, &["report", "--format", "html"]);
    assert!(html.contains("<svg class=\"chart\""));
    for needle in ["<script", "<img", " src=", "href="] {
        assert!(!html.contains(needle), "found {needle} in the html");
    }
    assert!(html.contains("&lt;img-src=x-onerror=alert(1)&gt;"));
}

#[test]
fn report_says_which_mentions_it_counts() {
    let vault = TestVault::fixture("digest");
    for (window, says) in [
        (&["--since", "2026-11-01"][..], "Mentions since 2026-11-01."),
        (&["--until", "2026-09-30"], "Mentions until 2026-09-30."),
        (
            &["--since", "2026-11-01", "--until", "2026-11-30"],
            "Mentions from 2026-11-01 to 2026-11-30.",
        ),
    ] {
        let md = kith_digest_ok(&vault, &[&["report"][..], window].concat());
        assert!(md.contains(&format!("\n{says}\n")), "{md}");
        let html = kith_digest_ok(
            &vault,
            &[&["report", "--format", "html"][..], window].concat(),
        );
        assert!(html.contains(&format!("<p>{says}</p>")), "{html}");
    }
    let md = kith_digest_ok(&vault, &["report"]);
    assert!(!md.contains("Mentions "), "no window, no sentence: {md}");
}

#[test]
fn report_md_snapshot() {
    let vault = TestVault::fixture("digest");
    let stdout = kith_digest_ok(&vault, &["report"]);
    insta::assert_snapshot!(stdout);
}

#[test]
fn report_json_ties_count_context() {
    let vault = TestVault::fixture("digest");
    let stdout = kith_digest_ok(&vault, &["report", "--format", "json"]);
    let report = json(&stdout);
    let ties = &report["ties"];
    let people: Vec<&str> = ties["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    let interests: Vec<&str> = ties["interests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    let old = people.iter().position(|p| *p == "old-friend").unwrap();
    let climbing = interests.iter().position(|i| *i == "climbing").unwrap();
    assert_eq!(ties["counts"][old][climbing], 3);
    let months: Vec<(&str, i64)> = report["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["month"].as_str().unwrap(),
                m["mentions"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(months.first(), Some(&("2026-07", 3)));
    assert_eq!(months.last(), Some(&("2027-01", 3)));
}

#[test]
fn digest_output_writes_the_file_and_nothing_to_stdout() {
    let vault = TestVault::fixture("digest");
    let out_dir = tempfile::tempdir().unwrap();
    let target = out_dir.path().join("digest.html");
    std::fs::write(&target, "previous digest").unwrap();
    let target_arg = target.to_string_lossy().into_owned();
    let stdout = kith_digest_ok(
        &vault,
        &["digest", "--format", "html", "--output", &target_arg],
    );
    assert_eq!(stdout, "");
    let written = std::fs::read_to_string(&target).unwrap();
    assert!(written.starts_with("<!doctype html>") && written.ends_with("</html>\n"));
    assert_eq!(
        std::fs::read_dir(out_dir.path()).unwrap().count(),
        1,
        "no temporary file left"
    );
}

/// A new `--output` file gets the permissions the umask allows (a private
/// journal's digest under `umask 077` is the owner's alone); a replaced
/// one keeps its own.
#[cfg(unix)]
#[test]
fn digest_output_respects_the_umask_and_keeps_a_replaced_files_mode() {
    use std::os::unix::fs::PermissionsExt;
    let vault = TestVault::fixture("digest");
    let out_dir = tempfile::tempdir().unwrap();
    let new = out_dir.path().join("new/digest.md");
    let kept = out_dir.path().join("kept.md");
    std::fs::write(&kept, "previous digest").unwrap();
    std::fs::set_permissions(&kept, std::fs::Permissions::from_mode(0o640)).unwrap();
    for target in [&new, &kept] {
        let output = std::process::Command::new("sh")
            .arg("-c")
            .arg("umask 077 && exec \"$0\" \"$@\"")
            .arg(env!("CARGO_BIN_EXE_kith"))
            .args(["digest", "--today", "2026-11-27", "--vault"])
            .arg(vault.path())
            .arg("--output")
            .arg(target)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let mode =
        |path: &std::path::Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&new), 0o600);
    assert_eq!(mode(new.parent().unwrap()), 0o700);
    assert_eq!(mode(&kept), 0o640);
}

#[test]
fn digest_output_makes_missing_folders_and_errors_name_the_path_asked_for() {
    let vault = TestVault::fixture("digest");
    let out_dir = tempfile::tempdir().unwrap();
    // The README's recipe, on its first run: `Digests/` is not there yet.
    let target = out_dir.path().join("Digests/2026-11-27.md");
    let target_arg = target.to_string_lossy().into_owned();
    let stdout = kith_digest_ok(&vault, &["digest", "--output", &target_arg]);
    assert_eq!(stdout, "");
    assert!(
        std::fs::read_to_string(&target)
            .unwrap()
            .starts_with("---\n")
    );

    let through_a_file = target.join("digest.md");
    let through_arg = through_a_file.to_string_lossy().into_owned();
    let (code, stdout, stderr) = kith_digest(&vault, &["digest", "--output", &through_arg]);
    assert_eq!(code, 2);
    assert_eq!(stdout, "");
    assert!(
        stderr.starts_with(&format!("error: cannot write `{through_arg}`")),
        "{stderr}"
    );
    assert!(
        !stderr.contains(".kith-"),
        "no temporary file named: {stderr}"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn digest_output_to_dev_stdout_goes_down_the_pipe() {
    let vault = TestVault::fixture("digest");
    let stdout = kith_digest_ok(&vault, &["digest", "--output", "/dev/stdout"]);
    assert!(stdout.starts_with("---\n"), "{stdout}");
}

/// `bash -e -c SCRIPT` in `dir`, as a GitHub Actions step runs it, with
/// this build's `kith` on the `PATH`, "today" pinned to 2026-11-27 and the
/// index at `index`.
fn ci_step(script: &str, dir: &Path, index: &Path) -> std::process::Command {
    let bin = assert_cmd::cargo::cargo_bin("kith");
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut cmd = std::process::Command::new("bash");
    cmd.args(["-e", "-c", script])
        .current_dir(dir)
        .env("PATH", path)
        .env("KITH_TODAY", "2026-11-27")
        .env("KITH_INDEX", index)
        .env("NO_COLOR", "1")
        .env_remove("KITH_VAULT");
    cmd
}

/// The `run:` lines of the example workflow that call `kith`.
fn workflow_kith_commands() -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/weekly-digest.yml");
    let workflow: serde_yaml::Value =
        serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let steps = workflow["jobs"]["digest"]["steps"]
        .as_sequence()
        .expect("steps");
    steps
        .iter()
        .filter_map(|step| step["run"].as_str())
        .filter(|run| run.trim_start().starts_with("kith "))
        .map(str::to_owned)
        .collect()
}

#[test]
fn digest_workflow_commands_run_as_written() {
    let commands = workflow_kith_commands();
    assert_eq!(commands.len(), 2, "{commands:?}");
    let vault = TestVault::fixture("digest");
    let work = tempfile::tempdir().unwrap();
    let summary = work.path().join("summary.md");
    let index = work.path().join("kith/index.sqlite");
    for command in &commands {
        let output = ci_step(command, vault.path(), &index)
            .env("GITHUB_STEP_SUMMARY", &summary)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "`{command}` failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let summary = std::fs::read_to_string(&summary).unwrap();
    assert!(
        summary.contains("# Digest 2026-11-21 to 2026-11-27"),
        "{summary}"
    );
    assert!(summary.contains("`old-friend`: last seen 2026-08-01 (118 days ago)"));
    // GitHub renders neither frontmatter nor wikilinks.
    assert!(!summary.starts_with("---"), "{summary}");
    assert!(!summary.contains("[["), "{summary}");
    let html = std::fs::read_to_string(vault.path().join("digest-2026-11-27.html")).unwrap();
    assert!(html.contains(
        "<h1>Digest <span class=\"d\">2026-11-21</span> to <span class=\"d\">2026-11-27</span></h1>"
    ));
    assert!(
        !vault.path().join(".kith").exists(),
        "the index stays outside the vault"
    );
}

/// The README's recipe that commits the digest into the vault: the
/// `run:` script of its YAML step.
fn readme_commit_recipe() -> String {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let step = readme
        .find("- name: Save the digest in the vault")
        .expect("the recipe");
    let line_start = readme[..step].rfind('\n').map_or(0, |at| at + 1);
    let yaml = &readme[line_start..];
    let yaml = &yaml[..yaml.find("```").expect("the end of the block")];
    let steps: serde_yaml::Value = serde_yaml::from_str(yaml).unwrap();
    steps[0]["run"].as_str().expect("a run script").to_owned()
}

/// `git ARGS...` in `dir`, which must succeed.
fn git(dir: &Path, args: &[&str]) -> String {
    let output = std::process::Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .expect("git runs");
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The recipe runs as a CI step does (`bash -e`), twice for one week: the
/// second run finds nothing to commit and must not fail the job.
#[test]
fn digest_commit_recipe_runs_twice_in_a_row() {
    let recipe = readme_commit_recipe();
    let vault = TestVault::fixture("digest");
    let work = tempfile::tempdir().unwrap();
    let remote = work.path().join("remote.git");
    git(
        work.path(),
        &["init", "-q", "--bare", remote.to_str().unwrap()],
    );
    let repo = vault.path();
    git(repo, &["init", "-q", "-b", "main"]);
    git(repo, &["config", "user.name", "tester"]);
    git(repo, &["config", "user.email", "tester@example.com"]);
    git(repo, &["add", "-A"]);
    git(repo, &["commit", "-q", "-m", "notes"]);
    git(repo, &["remote", "add", "origin", remote.to_str().unwrap()]);
    git(repo, &["push", "-q", "-u", "origin", "main"]);
    let index = work.path().join("kith/index.sqlite");
    for run in 1..=2 {
        let output = ci_step(&recipe, repo, &index)
            .env("HOME", work.path())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "run {run} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let log = git(&remote, &["log", "--format=%s", "main"]);
    assert_eq!(log, "Digest for the week ending 2026-11-27\nnotes\n");
    let digest = std::fs::read_to_string(repo.join("Digests/2026-11-27.md")).unwrap();
    assert!(digest.starts_with("---\nkith: generated\n"), "{digest}");
}

/// A period of more than 62 days is charted by ISO week, and the chart
/// says so to a screen reader.
#[test]
fn digest_html_chart_says_per_week_for_a_long_period() {
    let vault = TestVault::fixture("digest");
    let html = kith_digest_ok(&vault, &["digest", "--days", "120", "--format", "html"]);
    assert!(
        html.contains("aria-label=\"Mentions of people per week\""),
        "{html}"
    );
    assert!(html.contains("2026-W48"), "{html}");
    let html = kith_digest_ok(&vault, &["digest", "--format", "html"]);
    assert!(html.contains("aria-label=\"Mentions of people per day\""));
}

#[test]
fn digest_every_format_snapshot() {
    let vault = TestVault::fixture("digest");
    for format in ["json", "html", "gfm"] {
        let stdout = kith_digest_ok(&vault, &["digest", "--format", format]);
        insta::assert_snapshot!(format!("digest_{format}"), stdout);
    }
}

#[test]
fn report_every_format_snapshot() {
    let vault = TestVault::fixture("digest");
    for format in ["json", "html", "gfm"] {
        let stdout = kith_digest_ok(&vault, &["report", "--format", format]);
        insta::assert_snapshot!(format!("report_{format}"), stdout);
    }
}

#[test]
fn a_digest_written_into_the_vault_is_not_counted_in_the_next() {
    let vault = TestVault::fixture("digest");
    let totals = |vault: &TestVault| vault.ask_json("digest", &[])["totals"]["current"].clone();
    let before = totals(&vault);
    assert_eq!(before["notes"], 4);
    // The README's recipe: the digest is committed into the vault, on a day
    // of the period, and the index (inside the vault) is kept between runs.
    let digest = vault.path().join("Digests/2026-11-27.md");
    let (code, _, stderr) = vault.ask("digest", &["--output", digest.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(digest.is_file());
    assert_eq!(totals(&vault), before);
    // A note that kith is told to ignore is passed over alike, also when it
    // was counted before.
    vault.write("Daily/2026-11-25.md", "Coffee with @ana about #running.\n");
    assert_eq!(totals(&vault)["notes"], 5);
    vault.write(
        "Daily/2026-11-25.md",
        "---\nkith: ignore\n---\nCoffee with @ana about #running.\n",
    );
    assert_eq!(totals(&vault), before);
}

#[test]
fn report_ties_count_a_mention_once_however_many_nested_interests_it_has() {
    // alex-bec's two mentions each have travel, travel/asia and
    // travel/japan in their context: 2 for travel, as `who travel` says.
    let vault = TestVault::fixture("network");
    let report = vault.ask_json("report", &[]);
    let ties = &report["ties"];
    let at = |list: &str, name: &str| {
        ties[list]
            .as_array()
            .unwrap()
            .iter()
            .position(|n| n == name)
            .unwrap_or_else(|| panic!("{name} in {list}: {ties}"))
    };
    let alex = at("people", "alex-bec");
    assert_eq!(ties["counts"][alex][at("interests", "travel")], 2);
    let who = vault.ask_json("who", &["travel"]);
    let alex_in_who = who["people"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "alex-bec")
        .expect("alex-bec knows travel");
    assert_eq!(alex_in_who["mentions"], 2);
    let ana = at("people", "ana");
    assert_eq!(ties["counts"][ana][at("interests", "marathon")], 2);
}

#[test]
fn a_long_digest_suggests_whoever_it_saw_long_before_its_end() {
    // Seen inside the period, but 70 days before its end: drifting away,
    // with the strength `people` gives on the period's last day (the
    // undated mention counts too).
    let vault = TestVault::empty();
    vault.write("2026-09-18.md", "Hike with @kim. #hiking\n");
    vault.write("2026-11-20.md", "Lunch with @lee.\n");
    vault.write("Someday.md", "Ask @kim about the Alps.\n");
    // TODAY is 2026-11-27.
    let digest = vault.ask_json(
        "digest",
        &["--since", "2026-09-01", "--until", "2026-11-27"],
    );
    let reconnect = digest["reconnect"].as_array().unwrap();
    assert_eq!(reconnect.len(), 1, "{digest}");
    assert_eq!(reconnect[0]["name"], "kim");
    assert_eq!(reconnect[0]["days_since"], 70);
    assert_eq!(reconnect[0]["contexts"], serde_json::json!(["hiking"]));
    let people = vault.ask_json("people", &[]);
    let kim = people["people"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "kim")
        .unwrap();
    assert_eq!(reconnect[0]["strength"], kim["strength"]);
    let expected = 0.5_f64.powf(70.0 / 90.0) + 0.25;
    assert!((reconnect[0]["strength"].as_f64().unwrap() - expected).abs() < 0.01);
}

#[test]
fn output_never_overwrites_a_note_kith_did_not_write() {
    let vault = TestVault::fixture("digest");
    let note = vault.path().join("Daily/2026-11-24.md");
    let before = std::fs::read(&note).unwrap();
    let (code, stdout, stderr) = vault.ask("digest", &["--output", note.to_str().unwrap()]);
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(stdout, "");
    assert!(
        stderr.contains("is a note of the vault without `kith: generated`"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&note).unwrap(), before, "the note is intact");
    // Nor one that says `kith: ignore` (the user's own marker), nor one
    // reached through a link or written `.MD`.
    let private = vault.write("Private.MD", "---\nkith: ignore\n---\nMine\n");
    #[cfg(unix)]
    std::os::unix::fs::symlink(&private, vault.path().join("link.md")).unwrap();
    for target in ["Private.MD", "link.md"] {
        let target = vault.path().join(target);
        if !target.exists() {
            continue;
        }
        let (code, _, stderr) = vault.ask("digest", &["--output", target.to_str().unwrap()]);
        assert_eq!(code, 2, "{stderr}");
    }
    assert_eq!(
        std::fs::read_to_string(&private).unwrap(),
        "---\nkith: ignore\n---\nMine\n"
    );
    // A digest kith wrote is written again, week after week.
    let digest = vault.path().join("Digests/week.md");
    let digest = digest.to_str().unwrap();
    for _ in 0..2 {
        let (code, _, stderr) = vault.ask("digest", &["--output", digest]);
        assert_eq!(code, 0, "{stderr}");
    }
    // But not by a format without `kith: generated`, which would make it
    // a note (and one no later digest could replace).
    let written = std::fs::read(digest).unwrap();
    for format in ["html", "gfm", "json"] {
        let (code, _, stderr) = vault.ask("digest", &["--output", digest, "--format", format]);
        assert_eq!(code, 2, "{stderr}");
        assert!(
            stderr.contains(&format!(
                "is a report kith wrote for the vault; as {format}, it would have no `kith: generated`"
            )),
            "{stderr}"
        );
        assert!(
            stderr.contains("\nhint: replace it with --format md"),
            "{stderr}"
        );
    }
    assert_eq!(std::fs::read(digest).unwrap(), written);
    // Outside the vault, any file is the user's to replace.
    let elsewhere = tempfile::tempdir().unwrap();
    let mine = elsewhere.path().join("mine.md");
    std::fs::write(&mine, "my own words\n").unwrap();
    let (code, _, stderr) = vault.ask("digest", &["--output", mine.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn a_reconnect_line_without_contexts_has_no_empty_part() {
    let vault = TestVault::empty();
    vault.write("2025-06-01.md", "@bob\n");
    let html = vault.ask_ok("digest", &["--format", "html"]);
    let line = html
        .lines()
        .find(|line| line.contains("<strong><bdi>bob</bdi></strong>"))
        .expect("bob to reconnect with");
    assert!(!line.contains("·  ·"), "{line}");
    assert!(line.contains("</code> · strength"), "{line}");
}

#[cfg(unix)]
#[test]
fn output_to_stdout_appends_to_a_journal_of_the_vault() {
    let vault = TestVault::fixture("digest");
    let journal = vault.path().join("Journal.md");
    std::fs::write(&journal, "---\ntitle: j\n---\nmy journal\n").unwrap();
    let appended = std::fs::OpenOptions::new()
        .append(true)
        .open(&journal)
        .unwrap();
    let output = crate::harness::kith_process()
        .args([
            "digest",
            "--today",
            crate::harness::TODAY,
            "-o",
            "/dev/stdout",
            "--vault",
        ])
        .arg(vault.path())
        .stdout(appended)
        .output()
        .expect("kith runs");
    crate::harness::succeeded(output);
    let text = std::fs::read_to_string(&journal).unwrap();
    assert!(
        text.starts_with("---\ntitle: j\n---\nmy journal\n"),
        "{text}"
    );
    assert!(
        text.contains("kith: generated"),
        "the digest follows: {text}"
    );
}

#[test]
fn a_digest_from_the_first_day_shows_no_year_below_1() {
    let vault = TestVault::fixture("digest");
    let digest = vault.ask_json("digest", &["--since", "0001-01-01"]);
    for period in ["period", "previous_period"] {
        for end in ["since", "until"] {
            let date = digest[period][end].as_str().unwrap();
            let shaped = date.len() == 10 && !date.starts_with('-');
            assert!(shaped && date >= "0001-01-01", "{period}.{end}: {date}");
        }
    }
}

/// A name is printed as other outputs print it: in a list's code span as
/// it is, in a table's with its `|` escaped (which GFM reads as `|`).
#[test]
fn markdown_names_keep_their_pipes_and_backticks() {
    let vault = TestVault::empty();
    vault.write(
        "2026-11-23.md",
        "---\npeople: [\"A|B\", \"x`y\"]\n---\nhi\n",
    );
    let (code, digest, stderr) = kith_digest(&vault, &["digest", "--format", "gfm"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(digest.contains("- `a|b` (new): 1 mention"), "{digest}");
    assert!(digest.contains("- ``x`y`` (new): 1 mention"), "{digest}");
    let (code, report, stderr) = kith_digest(&vault, &["report", "--format", "gfm"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(report.contains("| `a\\|b` | "), "{report}");
    assert!(report.contains("| ``x`y`` | "), "{report}");
}
