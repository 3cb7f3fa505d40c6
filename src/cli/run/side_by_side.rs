//! `dtao-sim run SCENARIO --compare a,b,...`: the same scenario and seed under several rule
//! sets, each run in its own world into `DIR/<rule set>/`, then `DIR/compare.csv` with every
//! subnet's price, share and pool side by side, `DIR/compare_metrics.csv` with the network's
//! measures side by side, and with `--charts` overlay charts.

use super::{run_genesis, RunArgs};
use crate::analysis::output::{write_compare_metrics, CompareTable};
use crate::economy::RuleSet;
use crate::scenario::variants::{check_rule_sets, genesis_per_rule_set};
use crate::scenario::Scenario;
use std::process::ExitCode;

/// Runs `scenario` under each of `rule_sets`, each into `DIR/<rule set>/`, then writes
/// `DIR/compare.csv` (and with `--charts` the overlay charts).
pub fn compare(args: &RunArgs, scenario: &Scenario, rule_sets: &[RuleSet]) -> Result<ExitCode, String> {
    check_rule_sets(rule_sets)?;
    let worlds = genesis_per_rule_set(scenario, &args.scenario.display().to_string(), args.seed, rule_sets)?;
    let mut runs = Vec::new();
    let mut networks = Vec::new();
    let mut all_ok = true;
    for (rule_set, genesis) in rule_sets.iter().zip(&worlds) {
        println!("\n== {rule_set} ==");
        let outcome = run_genesis(args, genesis, &args.out.join(rule_set.name()), true)?;
        all_ok &= outcome.conservation_ok;
        runs.push((*rule_set, outcome.samples));
        networks.push((*rule_set, outcome.network));
    }
    let table = CompareTable::of(&runs);
    let path = args.out.join("compare.csv");
    table.write(&path, rule_sets)?;
    println!("\nwrote {} ({} rows: block, netuid, then price, share and pool per rule set)", path.display(), table.rows.len());
    let path = args.out.join("compare_metrics.csv");
    write_compare_metrics(&path, worlds.first().map_or(0, |g| g.start_block), &networks)?;
    println!("wrote {} (block, then the network's measures per rule set)", path.display());
    if args.charts {
        let title = worlds.first().map_or("", |g| g.title.as_str());
        table.charts(&args.out.join("charts"), title, rule_sets)?;
    }
    Ok(if all_ok { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

