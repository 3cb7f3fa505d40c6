//! The network's measures (`metrics.csv`): the flows they add up are the TAO that really moved
//! in and out of the pools, and `run` writes them, with their summary and, in compare mode,
//! side by side.

mod common;

use common::repo_path;
use dtao_sim::economy::{Engine, RuleSet};
use dtao_sim::scenario::load;
use dtao_sim::world::{Chain, Pool};
use dtao_sim::Simulation;
use std::process::Command;

fn pool_tao(sim: &mut Simulation) -> i128 {
    let world = sim.world_mut();
    world.query::<&Pool>().iter(world).map(|p| p.tao_reserve as i128).sum()
}

/// With no registrations, every RAO a pool gains or loses is a holder's trade, an injection, a
/// chain buy, a root sale or (spec 443) a fee paid to the block author: the measured flows less
/// the authors' fees must add up to the pools' change exactly, under every rule set.
#[test]
fn holders_and_protocol_flows_add_up_to_the_pools_change_to_the_rao() {
    for file in ["scenarios/flow_era.toml", "scenarios/virtuous_cycle.toml", "scenarios/death_spiral.toml", "scenarios/scripted_trades.toml"] {
        let (_, genesis) = load(&repo_path(file)).unwrap_or_else(|e| panic!("{e}"));
        for rule_set in RuleSet::ALL {
            let mut genesis = genesis.clone();
            genesis.params = genesis.rule_overrides.on(rule_set);
            let mut sim = Simulation::new(&genesis);
            sim.sample_every(97);
            sim.measure_network();
            let before = pool_tao(&mut sim);
            sim.run(30 * 97);
            let rows = sim.take_network_samples();
            assert_eq!(rows.len(), 30, "{file} under {rule_set}");
            let measured: i128 = rows.iter().map(|r| r.user_flow_tao + r.protocol_flow_tao).sum();
            let authors = sim.world().resource::<Chain>().author_tao as i128;
            assert_eq!(authors > 0, genesis.params.engine == Engine::Spec443, "{file} under {rule_set}");
            assert_eq!(measured - authors, pool_tao(&mut sim) - before, "{file} under {rule_set}");
            assert!(rows.iter().all(|r| r.net_tao_flow == r.user_flow_tao - r.protocol_flow_tao));
            assert_eq!(rows.iter().map(|r| r.blocks).sum::<u64>(), rows.last().unwrap().block + 1);
        }
    }
}

#[test]
fn concentration_is_measured_over_the_started_subnets() {
    let (_, genesis) = load(&repo_path("scenarios/equal_start.toml")).unwrap();
    let mut sim = Simulation::new(&genesis);
    sim.sample_every(10);
    sim.measure_network();
    sim.run(10);
    let row = sim.take_network_samples()[0];
    let n = row.subnets as f64;
    // Equal subnets (to rounding of the root sales): every share 1/n, so HHI 1/n, Gini 0,
    // and a majority needs about half of them.
    assert!((row.emission_hhi - 1.0 / n).abs() < 1e-9, "{row:?}");
    assert!(row.emission_gini < 1e-5, "{row:?}");
    // Half of them hold half to rounding, so the majority is n/2 or n/2 + 1 of them.
    assert!([(n / 2.0).floor(), (n / 2.0).floor() + 1.0].contains(&(row.emission_nakamoto as f64)), "{row:?}");
    assert_eq!(row.zero_emission, 0);
    assert!((row.top64_share - 1.0).abs() < 1e-12 || row.subnets > 64);
}

#[test]
fn run_writes_metrics_csv_and_the_summary_names_its_definitions() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("flow");
    let status = Command::new(env!("CARGO_BIN_EXE_dtao-sim"))
        .args(["run", "scenarios/flow_era.toml", "--blocks", "1000", "--out"])
        .arg(&out)
        .current_dir(repo_path(""))
        .output()
        .unwrap();
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    let stdout = String::from_utf8_lossy(&status.stdout);
    assert!(stdout.contains("network: net TAO flow"), "{stdout}");
    let csv = std::fs::read_to_string(out.join("metrics.csv")).unwrap();
    let header = csv.lines().next().unwrap();
    assert_eq!(header, dtao_sim::analysis::output::METRIC_COLUMNS.join(","));
    assert!(csv.lines().count() > 5);
    let summary: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(out.join("summary.json")).unwrap()).unwrap();
    assert!(summary["network"]["definitions"].as_str().unwrap().contains("#2634"));
    assert!(summary["yield_method"].as_str().unwrap().contains("not compounded"));
    assert!(summary["strategies"][0]["exit_yield_pct_per_year"].is_number());

    let out = dir.path().join("cmp");
    let status = Command::new(env!("CARGO_BIN_EXE_dtao-sim"))
        .args(["run", "scenarios/flow_era.toml", "--blocks", "500", "--compare", "bit001,mainnet-2025-11", "--out"])
        .arg(&out)
        .current_dir(repo_path(""))
        .output()
        .unwrap();
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    let csv = std::fs::read_to_string(out.join("compare_metrics.csv")).unwrap();
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    assert_eq!(header[0], "block");
    assert!(header.contains(&"net_tao_flow_bit001") && header.contains(&"top64_share_mainnet-2025-11"), "{header:?}");
    for world in ["bit001", "mainnet-2025-11"] {
        assert!(out.join(world).join("metrics.csv").exists());
    }
}
