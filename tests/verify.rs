//! `dtao-sim verify`: every shipped scenario's captions hold in its run, and a false claim
//! is named with its file, line and column and the value the run showed.

mod common;

use common::repo_path;
use std::process::Command;

fn dtao(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_dtao-sim")).args(args).current_dir(repo_path("")).output().unwrap();
    (out.status.success(), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
}

#[test]
fn every_shipped_scenario_passes_verify() {
    let mut files: Vec<String> = std::fs::read_dir(repo_path("scenarios"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .map(|p| p.display().to_string())
        .collect();
    files.sort();
    let mut args = vec!["verify"];
    args.extend(files.iter().map(String::as_str));
    let (ok, stdout, stderr) = dtao(&args);
    assert!(ok, "{stdout}\n{stderr}");
    assert!(!stderr.contains("FALSE"), "{stderr}");
}

const FALSE_CLAIM: &str = r#"title = "A false claim"
seed = 1
blocks = 400

[subnets]
count = 4
tao = 1_000
alpha = 1_000

[[captions]]
block = 300
text = "SN2 takes {share:2} of the TAO."
expect = [{ netuid = 2, metric = "share", above = 0.5 }]
"#;

#[test]
fn a_false_claim_fails_verify_at_its_place_with_the_value_seen() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("false.toml");
    std::fs::write(&path, FALSE_CLAIM).unwrap();
    let file = path.display().to_string();
    let (ok, _, stderr) = dtao(&["verify", &file]);
    assert!(!ok, "a false claim must fail: {stderr}");
    // Four equal subnets: SN2 gets a quarter, not more than half.
    let line = FALSE_CLAIM.lines().position(|l| l.starts_with("expect")).unwrap() + 1;
    let column = FALSE_CLAIM.lines().nth(line - 1).unwrap().find('{').unwrap() + 1;
    let place = format!("{file}:{line}:{column}: captions[0].expect[0]");
    assert!(stderr.contains(&place), "{place} not in {stderr}");
    assert!(stderr.contains("SN2 share above 0.5: 0.25") && stderr.contains("FALSE"), "{stderr}");
    // `run` prints the same verdict, and the caption with its placeholder filled in.
    let out = dir.path().join("out");
    let (_, stdout, _) = dtao(&["run", &file, "--out", out.to_str().unwrap()]);
    assert!(stdout.contains("SN2 takes 25.0% of the TAO."), "{stdout}");
    assert!(stdout.contains(&place) && stdout.contains("FALSE"), "{stdout}");
}

#[test]
fn check_refuses_a_claim_or_placeholder_about_a_subnet_that_does_not_exist() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text, line) in [
        ("claim.toml", FALSE_CLAIM.replace("netuid = 2", "netuid = 9"), 13),
        ("placeholder.toml", FALSE_CLAIM.replace("{share:2}", "{share:9}"), 12),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        let (ok, _, stderr) = dtao(&["check", path.to_str().unwrap()]);
        assert!(!ok, "{name}: {stderr}");
        assert!(stderr.contains(&format!("{}:{line}:", path.display())) && stderr.contains("no subnet"), "{name}: {stderr}");
    }
}
