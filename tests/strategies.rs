//! Market participants and the demonstrating scenarios: each produces the effect it claims,
//! and no strategy spends what it does not have.

mod common;

use common::{genesis_from, repo_path};
use dtao_sim::economy::Refusal;
use dtao_sim::metrics::{Conservation, SubnetSample};
use dtao_sim::scenario::load;
use dtao_sim::transactions::{Action, TxLog};
use dtao_sim::world::{Chain, Directory, Pool};
use dtao_sim::Simulation;

fn simulate(file: &str, blocks: u64, every: u64) -> (Simulation, Vec<SubnetSample>) {
    let (_, genesis) = load(&repo_path(file)).unwrap_or_else(|e| panic!("{e}"));
    let mut sim = Simulation::new(&genesis);
    sim.sample_every(every);
    sim.world_mut().resource_mut::<Conservation>().every_block = true;
    sim.run(blocks);
    let violation = sim.world().resource::<Conservation>().violation.clone();
    assert_eq!(violation, None, "{file}");
    let samples = sim.take_samples().subnets;
    (sim, samples)
}

fn share(samples: &[SubnetSample], block: u64, netuid: u16) -> f64 {
    samples.iter().find(|s| s.block == block && s.netuid == netuid).unwrap().emission_share
}

#[test]
fn virtuous_cycle_lifts_the_bought_subnets_share() {
    let (_, samples) = simulate("scenarios/virtuous_cycle.toml", 21_600, 360);
    let (start, end) = (share(&samples, 359, 2), share(&samples, 21_599, 2));
    assert!((start - 0.125).abs() < 0.01, "SN2 starts near 1/8: {start}");
    assert!(end > 0.2, "SN2's share rose from {start} to {end}");
    let others = share(&samples, 21_599, 5);
    assert!(others < 0.125, "the others' shares fell: {others}");
    let depth = |b: u64, n: u16| samples.iter().find(|s| s.block == b && s.netuid == n).unwrap().tao_reserve;
    assert!(depth(7_199, 2) * 2 > depth(359, 2) * 3, "SN2's pool deepened by half");
    assert!(depth(7_199, 2) > 2 * depth(7_199, 5), "SN2's pool is twice as deep as an unbought one");
    assert!(share(&samples, 7_199, 2) > 0.3, "SN2 takes a third of emission at its peak");
}

#[test]
fn death_spiral_sinks_the_sold_subnets_share() {
    let (sim, samples) = simulate("scenarios/death_spiral.toml", 21_600, 360);
    let (start, end) = (share(&samples, 359, 4), share(&samples, 21_599, 4));
    assert!(end < start / 2.0, "SN4's share fell from {start} to {end}");
    assert!(end > 0.0, "BIT001 does not cut it off");
    let log = sim.world().resource::<TxLog>();
    let holders_sold = log.accepted > 50;
    assert!(holders_sold);
}

#[test]
fn new_subnet_launch_registers_a_subnet_that_earns() {
    let (sim, samples) = simulate("scenarios/new_subnet_launch.toml", 14_400, 360);
    assert!(samples.iter().all(|s| s.block < 3_600 || s.netuid <= 13));
    assert!(!samples.iter().any(|s| s.block < 3_600 && s.netuid == 13));
    let late = share(&samples, 14_399, 13);
    assert!(late > 0.0, "SN13 earns a share: {late}");
    assert!(sim.world().resource::<Directory>().subnets.contains_key(&13));
}

#[test]
fn strategies_never_spend_what_they_do_not_have() {
    let (sim, _) = simulate("scenarios/root_vs_alpha.toml", 20_000, 1_000);
    let log = sim.world().resource::<TxLog>();
    assert!(log.accepted > 500, "holders traded: {}", log.accepted);
    let overspent: Vec<_> = log.refused.iter().filter(|r| r.refused == Some(Refusal::InsufficientFunds)).collect();
    assert!(overspent.is_empty(), "{overspent:?}");
}

#[test]
fn root_vs_alpha_names_the_best_and_worst_strategy() {
    let dir = tempfile::tempdir().unwrap();
    let args = dtao_sim::cli::run::RunArgs {
        blocks: Some(30_000),
        every: 1_000,
        holders_every: 1_000,
        out: dir.path().to_path_buf(),
        ..dtao_sim::cli::run::RunArgs::for_scenario(repo_path("scenarios/root_vs_alpha.toml"))
    };
    dtao_sim::cli::run::run(&args).unwrap();
    let summary: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(dir.path().join("summary.json")).unwrap()).unwrap();
    let names: Vec<&str> = summary["strategies"].as_array().unwrap().iter().map(|s| s["strategy"].as_str().unwrap()).collect();
    for s in ["conservative", "moderate", "growth", "momentum", "downtrend", "sniper", "noise"] {
        assert!(names.contains(&s), "{s} in {names:?}");
    }
    let best = summary["best_strategy"]["return_pct"].as_f64().unwrap();
    let worst = summary["worst_strategy"]["return_pct"].as_f64().unwrap();
    assert!(best >= worst);
    // Conservative holders only compound root dividends: their value never falls.
    let conservative = summary["strategies"].as_array().unwrap().iter().find(|s| s["strategy"] == "conservative").unwrap();
    assert!(conservative["return_pct"].as_f64().unwrap() > 0.0);
    assert_eq!(conservative["max_drawdown_pct"].as_f64().unwrap(), 0.0);
    let csv = std::fs::read_to_string(dir.path().join("holders.csv")).unwrap();
    assert!(csv.starts_with("block,holder,strategy,free_tao,root_stake,alpha_value,total_value,alpha_exit_value,exit_value\n"));
    assert!(csv.lines().any(|l| l.starts_with("0,conservative 1,conservative,")), "block 0 is recorded");
    // Exit values (what selling would pay) beside the spot values, never above them.
    let tao = |v: &serde_json::Value| v.as_str().unwrap().parse::<f64>().unwrap();
    for s in summary["strategies"].as_array().unwrap() {
        assert!(tao(&s["end_exit_value"]) <= tao(&s["end_value"]) + 1e-9, "{s}");
        assert!(s["exit_return_pct"].is_number(), "{s}");
    }
}

#[test]
fn the_seed_drives_noise_traders_and_nothing_else() {
    let (_, genesis) = load(&repo_path("scenarios/virtuous_cycle.toml")).unwrap();
    let run = |seed: u64| {
        let mut g = genesis.clone();
        g.seed = seed;
        let mut sim = Simulation::new(&g);
        sim.sample_every(500);
        sim.run(3_000);
        format!("{:?}", sim.take_samples().subnets)
    };
    assert_eq!(run(1), run(1));
    assert_ne!(run(1), run(2));
}

const LIMITED: &str = r#"
title = "limit"
[rules]
subnet_limit = 3
immunity_period = 100
lock_cost = 50
[subnets]
count = 3
tao = 100
alpha = 100
[[subnets.override]]
netuid = 2
tao = 10
alpha = 100
[[holders]]
name = "team"
free_tao = 100
[[holders]]
name = "sn2 holder"
alpha = [{ netuid = 2, amount = 30 }]
[[events]]
block = 50
kind = "register"
holder = "team"
[[events]]
block = 200
kind = "register"
holder = "team"
"#;

#[test]
fn the_subnet_limit_deregisters_the_weakest_and_pays_its_holders() {
    let mut sim = Simulation::new(&genesis_from(LIMITED));
    sim.world_mut().resource_mut::<Conservation>().every_block = true;
    sim.world_mut().resource_mut::<dtao_sim::economy::Params>().share_rule = dtao_sim::economy::ShareRule::EmaPrice;
    sim.run(300);
    let log = sim.world().resource::<TxLog>().clone();
    assert_eq!(log.refused.len(), 1, "the first registration is refused: all subnets are immune");
    assert_eq!(log.refused[0].refused, Some(Refusal::SubnetLimit));
    assert_eq!(log.script_results[1], Some(2), "the second replaces SN2, the lowest moving price");
    assert_eq!(sim.world().resource::<Conservation>().violation, None);
    assert!(sim.world().resource::<Chain>().recycled_tao > 0, "pending alpha's share is recycled");
    let pools: Vec<Pool> = sim.world_mut().query::<&Pool>().iter(sim.world()).copied().collect();
    assert_eq!(pools.len(), 3);
    let holder = sim.world().resource::<Directory>().holder(1).unwrap();
    let paid = sim.world().get::<dtao_sim::world::Wallet>(holder).unwrap().free_tao;
    assert!(paid > 1_000_000_000, "the SN2 holder got TAO for its alpha: {paid}");
    assert!(matches!(log.last.unwrap().order.action, Action::RegisterSubnet { .. }));
}

#[test]
fn knobs_that_do_not_apply_are_refused() {
    let text = "title = \"t\"\n[subnets]\ncount = 2\ntao = 100\nalpha = 100\n[[agents]]\nstrategy = \"conservative\"\ntrade_fraction = 0.5\n";
    let scenario = dtao_sim::scenario::parse(text, "t.toml").unwrap();
    let problem = dtao_sim::scenario::resolve(&scenario).unwrap_err();
    assert_eq!(problem.field, "agents[0].trade_fraction");
    assert!(problem.message.contains("does not apply"), "{problem:?}");
}
