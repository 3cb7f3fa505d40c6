//! Scenario files: the shipped ones are valid and run; bad ones are refused with the file,
//! line and field named; runs are reproducible byte for byte.

mod common;

use common::repo_path;
use dtao_sim::cli::run::{run, RunArgs};
use dtao_sim::scenario::{load, ScenarioError};
use std::path::PathBuf;

fn shipped() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo_path("scenarios"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
}

#[test]
fn shipped_scenarios_pass_check() {
    let files = shipped();
    assert!(files.iter().any(|f| f.ends_with("equal_start.toml")), "the default scenario ships");
    for file in files {
        let (scenario, genesis) = load(&file).unwrap_or_else(|e| panic!("{e}"));
        assert!(!scenario.title.is_empty() && !scenario.description.is_empty(), "{}", file.display());
        assert!(!genesis.subnets.is_empty());
    }
}

fn error_of(text: &str) -> ScenarioError {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.toml");
    std::fs::write(&path, text).unwrap();
    let err = load(&path).expect_err("the file must be refused");
    assert!(err.file.ends_with("bad.toml"), "{err}");
    err
}

const GOOD: &str = "title = \"t\"\n[subnets]\ncount = 2\ntao = 100\nalpha = 100\n[[holders]]\nname = \"a\"\nfree_tao = 10\n";

#[test]
fn the_base_of_the_bad_files_is_good() {
    let scenario = dtao_sim::scenario::parse(GOOD, "good.toml").unwrap();
    dtao_sim::scenario::resolve(&scenario).unwrap();
}

#[test]
fn unknown_field_is_refused_with_line() {
    let err = error_of(&format!("{GOOD}\n[[events]]\nblock = 1\nkind = \"stake\"\nholdr = \"a\"\n"));
    assert_eq!(err.line, 13, "{err}");
    assert!(err.message.contains("unknown field `holdr`"), "{err}");
    assert!(err.field.starts_with("events[0]"), "{err}");
}

#[test]
fn negative_amount_is_refused_with_line_and_field() {
    let err = error_of(&format!("{GOOD}[[events]]\nblock = 1\nkind = \"stake\"\nholder = \"a\"\nnetuid = 1\namount = -5\n"));
    assert_eq!((err.line, err.field.as_str()), (14, "events[0].amount"), "{err}");
    assert!(err.message.contains("must not be negative"), "{err}");
    assert!(err.to_string().contains("bad.toml:14:"), "{err}");
}

#[test]
fn nan_and_out_of_range_are_refused() {
    let err = error_of(&format!("[rules]\ntao_weight = nan\n{GOOD}"));
    assert_eq!((err.line, err.field.as_str()), (2, "rules.tao_weight"), "{err}");
    let err = error_of(&format!("[rules]\nowner_cut = 1.5\n{GOOD}"));
    assert_eq!((err.line, err.field.as_str()), (2, "rules.owner_cut"), "{err}");
    let err = error_of(&GOOD.replace("free_tao = 10", "free_tao = inf"));
    assert_eq!((err.line, err.field.as_str()), (8, "holders[0].free_tao"), "{err}");
}

#[test]
fn dangling_names_and_netuids_are_refused() {
    let err = error_of(&format!("{GOOD}[[events]]\nblock = 1\nkind = \"stake\"\nholder = \"zed\"\nnetuid = 1\namount = 5\n"));
    assert_eq!((err.line, err.field.as_str()), (12, "events[0].holder"), "{err}");
    assert!(err.message.contains("zed"), "{err}");
    let err = error_of(&format!("{GOOD}[[events]]\nblock = 1\nkind = \"stake\"\nholder = \"a\"\nnetuid = 3\namount = 5\n"));
    assert_eq!((err.line, err.field.as_str()), (13, "events[0].netuid"), "{err}");
    let err = error_of(&GOOD.replace("alpha = 100", "alpha = 0.001"));
    assert_eq!((err.line, err.field.as_str()), (5, "subnets.alpha"), "{err}");
    let err = error_of(&format!("{GOOD}[[events]]\nblock = 1\nkind = \"set\"\nparam = \"tempo\"\nvalue = 0\n"));
    assert_eq!((err.line, err.field.as_str()), (13, "events[0].value"), "{err}");
}

#[test]
fn syntax_errors_and_missing_files_are_refused() {
    let err = error_of("title = \"t\"\n[subnets\n");
    assert_eq!(err.line, 2, "{err}");
    let err = load(std::path::Path::new("/nonexistent/x.toml")).unwrap_err();
    assert!(err.message.contains("cannot read"), "{err}");
}

fn run_to(dir: &std::path::Path, scenario: &str) -> Vec<u8> {
    let args = RunArgs {
        every: 50,
        out: dir.to_path_buf(),
        blocks: Some(1_500),
        ..RunArgs::for_scenario(repo_path(scenario))
    };
    assert_eq!(run(&args).unwrap(), std::process::ExitCode::SUCCESS);
    std::fs::read(dir.join("subnets.csv")).unwrap()
}

#[test]
fn same_scenario_and_seed_give_identical_csv() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let first = run_to(a.path(), "scenarios/equal_start.toml");
    let second = run_to(b.path(), "scenarios/equal_start.toml");
    assert!(first.len() > 10_000);
    assert_eq!(first, second);
    let summary: serde_json::Value = serde_json::from_slice(&std::fs::read(a.path().join("summary.json")).unwrap()).unwrap();
    assert_eq!(summary["conservation"]["ok"], true);
    assert_eq!(summary["blocks"], 1500);
    assert_eq!(summary["rule_set"], "bit001");
    // 30 sampled blocks of 8 subnets, plus the header.
    assert_eq!(String::from_utf8(first).unwrap().lines().count(), 1 + 30 * 8);
}

#[test]
fn more_than_the_supply_is_refused() {
    let err = error_of(&GOOD.replace("tao = 100\n", "tao = 20_000_000\n"));
    assert!(err.message.contains("21,000,000 TAO supply"), "{err}");
    let err = error_of(&GOOD.replace("alpha = 100\n", "alpha = \"21000001\"\n"));
    assert!(err.message.contains("more than 21,000,000 alpha"), "{err}");
    let err = error_of(&format!("{GOOD}[rules]\nblock_reward = 5000\n"));
    assert_eq!((err.line, err.field.as_str()), (10, "rules.block_reward"), "{err}");
}

/// `flow_era.toml`: the subnet with a rising moving price but net outflow gets no TAO under
/// `mainnet-2025-11` and keeps its share under `mainnet-2025-02`.
#[test]
fn flow_era_shows_what_changed_in_november_2025() {
    use dtao_sim::economy::{Params, RuleSet};
    use dtao_sim::world::{BlockFlow, MovingPrice, Subnet};
    let (_, genesis) = load(&repo_path("scenarios/flow_era.toml")).unwrap();
    assert_eq!(genesis.params.rule_set, RuleSet::Mainnet2025_11);
    let shares = |params: Params| {
        let mut g = genesis.clone();
        g.params = params;
        let mut sim = dtao_sim::Simulation::new(&g);
        sim.run(3_600);
        assert_eq!(sim.audit(), Ok(()));
        let mut q = sim.world_mut().query::<(&Subnet, &BlockFlow, &MovingPrice)>();
        let mut rows: Vec<(u16, f64, f64)> = q.iter(sim.world()).map(|(s, f, m)| (s.netuid, f.share, m.0)).collect();
        rows.sort_by_key(|r| r.0);
        rows
    };
    let nov = shares(genesis.params.clone());
    assert_eq!(nov[1].1, 0.0, "SN2 has net outflow: no TAO under mainnet-2025-11");
    assert!(nov.iter().filter(|r| r.0 != 2).all(|r| r.1 > 0.2), "{nov:?}");
    let feb = shares(Params::preset(RuleSet::Mainnet2025_02));
    assert!(feb[1].1 > 0.25, "SN2 keeps its share under mainnet-2025-02: {feb:?}");
    assert!(feb[1].2 > 0.5, "its moving price rose: {feb:?}");
}
