//! What the shipped captions say is what the simulation does: `dtao-sim verify` passes on
//! every shipped scenario, fails on a false claim naming where it is written, and `check`
//! refuses a claim about a subnet that does not exist.

mod common;

use common::repo_path;
use std::path::PathBuf;
use std::process::Command;

fn dtao(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_dtao-sim")).args(args).current_dir(repo_path("")).output().unwrap();
    (out.status.success(), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
}

/// Every `scenarios/*.toml`, sorted.
fn shipped() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo_path("scenarios"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    assert!(files.len() >= 12, "{files:?}");
    files
}

/// 1-based line and column of the first `needle` in `text`, as `check` and `verify` count.
fn line_col(text: &str, needle: &str) -> (usize, usize) {
    let at = text.find(needle).unwrap_or_else(|| panic!("{needle} not in the text"));
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.len() - before.rfind('\n').map_or(0, |n| n + 1) + 1;
    (line, column)
}

#[test]
fn every_shipped_scenario_passes_verify() {
    let files = shipped();
    let args: Vec<&str> = std::iter::once("verify").chain(files.iter().map(|p| p.to_str().unwrap())).collect();
    let (ok, stdout, stderr) = dtao(&args);
    assert!(ok, "a shipped caption's claim is false:\n{stderr}\n{stdout}");
    for file in &files {
        let name = file.display().to_string();
        let summary = stdout.lines().find(|l| l.starts_with(&format!("{name}: "))).unwrap_or_else(|| panic!("no summary for {name}:\n{stdout}"));
        assert!(summary.ends_with("claims hold"), "{name} states no claims: {summary}");
        let counts: Vec<usize> = summary.split_whitespace().filter_map(|w| w.parse().ok()).collect();
        assert!(counts.len() == 2 && counts[0] == counts[1] && counts[0] > 0, "{summary}");
    }
    assert!(!stdout.contains("FALSE") && !stderr.contains("FALSE"), "{stderr}");
}

/// A lesson stops where a teacher talks: each shipped scenario has a caption marked `pause`
/// after block 0 (a pause at block 0 would never be reached by playing).
#[test]
fn every_shipped_scenario_pauses_at_a_caption() {
    for file in shipped() {
        let (_, genesis) = dtao_sim::scenario::load(&file).unwrap_or_else(|e| panic!("{e}"));
        let pauses = genesis.captions.iter().filter(|c| c.pause && c.block > 0).count();
        assert!(pauses >= 1, "{}: no caption pauses", file.display());
        assert!(pauses < genesis.captions.len() || genesis.captions.len() == 1, "{}: every caption pauses", file.display());
    }
}

#[test]
fn a_false_claim_fails_verify_at_its_line_and_column_with_the_value_seen() {
    let text = "title = \"false claim\"\nblocks = 20\n\n[subnets]\ncount = 2\ntao = 100\nalpha = 100\n\n\
                [[captions]]\nblock = 10\ntext = \"SN2 takes {share:2}, most of it.\"\n\
                expect = [{ netuid = 2, metric = \"share\", above = 0.9 }]\n";
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("false_claim.toml");
    std::fs::write(&path, text).unwrap();
    let file = path.to_str().unwrap();
    let (ok, stdout, stderr) = dtao(&["verify", file]);
    assert!(!ok, "a false claim must fail verify: {stdout}");
    let (line, column) = line_col(text, "{ netuid = 2");
    assert_eq!((line, column), (12, 11));
    let place = format!("{file}:{line}:{column}: captions[0].expect[0]");
    let reported = stderr.lines().find(|l| l.starts_with(&place)).unwrap_or_else(|| panic!("no line starting {place}:\n{stderr}"));
    // Two equal subnets: SN2 has half the emission, which is what verify must say it saw.
    assert!(reported.contains("SN2 share above 0.9") && reported.contains("0.500000") && reported.ends_with("FALSE"), "{reported}");
    assert!(stdout.contains("0 of 1 claims hold"), "{stdout}");

    // The same claim made true passes, and `run` prints the verdict and the filled caption.
    let fixed = text.replace("above = 0.9", "between = [0.49, 0.51]").replace("most of it", "half of it");
    std::fs::write(&path, &fixed).unwrap();
    let (ok, stdout, stderr) = dtao(&["verify", file]);
    assert!(ok, "{stderr}");
    assert!(stdout.contains(&format!("{file}:{line}:{column}: captions[0].expect[0] (block 10): SN2 share between 0.49 and 0.51: 0.500000: holds")), "{stdout}");
    let out = dir.path().join("out");
    let (ok, stdout, stderr) = dtao(&["run", file, "--out", out.to_str().unwrap()]);
    assert!(ok, "{stderr}");
    assert!(stdout.contains("block 10: SN2 takes 50.0%, half of it."), "{stdout}");
    assert!(stdout.contains("holds"), "run prints the verdicts: {stdout}");
}

#[test]
fn check_refuses_a_claim_about_a_missing_subnet_at_its_line() {
    let text = "title = \"missing subnet\"\n\n[subnets]\ncount = 2\ntao = 100\nalpha = 100\n\n\
                [[captions]]\nblock = 5\ntext = \"SN9 rises.\"\n\
                expect = [\n  { netuid = 1, metric = \"price\", above = 0.5 },\n  { netuid = 9, metric = \"price\", rising_since = 1 },\n]\n";
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("missing.toml");
    std::fs::write(&path, text).unwrap();
    let file = path.to_str().unwrap();
    let (ok, _, stderr) = dtao(&["check", file]);
    assert!(!ok, "a claim about SN9 of 2 subnets must be refused");
    let (line, column) = line_col(text, "{ netuid = 9");
    assert_eq!(line, 13);
    assert!(stderr.contains(&format!("{file}:{line}:{column}: captions[0].expect[1].netuid: no subnet 9")), "{stderr}");
    // verify refuses it the same way, before running anything.
    let (ok, _, stderr) = dtao(&["verify", file]);
    assert!(!ok);
    assert!(stderr.contains(&format!("{file}:{line}:")), "{stderr}");
}

/// `what_changed.toml` runs four rule sets; its claims are measured in its own world
/// (mainnet-2025-11). What its captions say of the other three is checked here against
/// `run`'s compare.csv, at the captions' blocks.
#[test]
fn what_changed_states_the_other_worlds_truly() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap();
    let (ok, _, stderr) = dtao(&["run", "scenarios/what_changed.toml", "--every", "1", "--out", out]);
    assert!(ok, "{stderr}");
    let csv = std::fs::read_to_string(dir.path().join("compare.csv")).unwrap();
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    let share = |world: &str, block: u64, netuid: u16| -> f64 {
        let col = header.iter().position(|h| *h == format!("share_{world}")).unwrap_or_else(|| panic!("no share_{world} in {header:?}"));
        let row = rows.iter().find(|r| r[0] == block.to_string() && r[1] == netuid.to_string()).unwrap_or_else(|| panic!("no row {block} SN{netuid}"));
        row[col].parse().unwrap()
    };
    let within = |what: &str, v: f64, lo: f64, hi: f64| assert!(lo <= v && v <= hi, "{what}: {v} not in [{lo}, {hi}]");
    // Block 2,161: "BIT001: SN4's share jumps with its price, to about 65%. Nov 2025: nearly
    // 90%. Today: it climbs over hours, from 24% to 36% by block 4,000."
    assert!(share("bit001", 2_161, 4) > share("bit001", 2_159, 4));
    within("BIT001 SN4 at 2,161", share("bit001", 2_161, 4), 0.60, 0.70);
    within("Nov 2025 SN4 at 2,161", share("mainnet-2025-11", 2_161, 4), 0.85, 0.90);
    within("today SN4 at 2,161", share("mainnet-2026-10", 2_161, 4), 0.235, 0.245);
    within("today SN4 at 4,000", share("mainnet-2026-10", 4_000, 4), 0.355, 0.365);
    // Block 4,000: "Feb 2025: every share is still about 25%."
    for n in 1..=4 {
        within(&format!("Feb 2025 SN{n} at 4,000"), share("mainnet-2025-02", 4_000, n), 0.24, 0.26);
    }
    // Block 6,000: "Nov 2025: SN1 and SN3 get no TAO at all; under BIT001 each keeps 10 to 14%."
    for n in [1, 3] {
        assert_eq!(share("mainnet-2025-11", 6_000, n), 0.0);
        within(&format!("BIT001 SN{n} at 6,000"), share("bit001", 6_000, n), 0.10, 0.14);
    }
    // Block 9,361: "BIT001: SN4's share falls back at once. Nov 2025: it falls too, and goes on
    // shrinking, while SN2's grows. Today: it drifts down, from 39% to 32% by the end."
    assert!(share("bit001", 9_361, 4) < share("bit001", 9_359, 4) - 0.1);
    assert!(share("mainnet-2025-11", 12_000, 4) < share("mainnet-2025-11", 9_361, 4));
    assert!(share("mainnet-2025-11", 9_361, 2) > share("mainnet-2025-11", 9_359, 2));
    within("today SN4 at 9,361", share("mainnet-2026-10", 9_361, 4), 0.38, 0.395);
    within("today SN4 at the end", share("mainnet-2026-10", 14_399, 4), 0.315, 0.325);
    assert!(share("mainnet-2026-10", 14_399, 4) < share("mainnet-2026-10", 9_361, 4));
    // Block 12,000: "today's chain ... (SN3, sold every tempo, is down to about 9%)."
    within("today SN3 at 12,000", share("mainnet-2026-10", 12_000, 3), 0.08, 0.095);
}

/// The description of `what_changed.toml`: spec 475's shares are spec 443's, in every row.
#[test]
fn what_changed_today_has_the_shares_of_august_2026() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap();
    let (ok, _, stderr) =
        dtao(&["run", "scenarios/what_changed.toml", "--every", "100", "--compare", "mainnet-2026-08,mainnet-2026-10", "--out", out]);
    assert!(ok, "{stderr}");
    let csv = std::fs::read_to_string(dir.path().join("compare.csv")).unwrap();
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap_or_else(|| panic!("no {name} in {header:?}"));
    let (aug, oct) = (col("share_mainnet-2026-08"), col("share_mainnet-2026-10"));
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert!(rows.len() > 500, "{} rows", rows.len());
    for row in rows {
        assert_eq!(row[aug], row[oct], "block {} SN{}", row[0], row[1]);
    }
}
