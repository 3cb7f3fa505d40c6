//! `dtao-sim run SCENARIO --compare a,b,...`: the same scenario and seed under several rule
//! sets, each run in its own world into `DIR/<rule set>/`, then `DIR/compare.csv` with every
//! subnet's price, share and pool side by side, and with `--charts` overlay charts.

use super::run::{run_genesis, RunArgs};
use crate::economy::RuleSet;
use crate::metrics::SubnetSample;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::ExitCode;

/// Parses one rule-set name as scenarios write it (`bit001`, `mainnet-2025-11`, …).
pub fn parse_rule_set(text: &str) -> Result<RuleSet, String> {
    text.parse()
}

/// Checks a list of rule sets to compare: two or more, none twice.
pub fn check_rule_sets(rule_sets: &[RuleSet]) -> Result<(), String> {
    if rule_sets.len() < 2 {
        return Err("--compare needs two or more rule sets, e.g. --compare bit001,mainnet-2025-11".into());
    }
    for (i, r) in rule_sets.iter().enumerate() {
        if rule_sets[..i].contains(r) {
            return Err(format!("--compare names {r} twice"));
        }
    }
    Ok(())
}

/// The scenario resolved once per rule set: its `[rules] preset` replaced, everything else
/// (its own rule overrides included) kept.
pub fn genesis_per_rule_set(path: &Path, seed: Option<u64>, rule_sets: &[RuleSet]) -> Result<Vec<crate::scenario::Genesis>, String> {
    let (mut scenario, _) = crate::scenario::load(path).map_err(|e| e.to_string())?;
    rule_sets
        .iter()
        .map(|rule_set| {
            scenario.rules.preset = *rule_set;
            let mut genesis = crate::scenario::resolve(&scenario).map_err(|p| format!("{} under {rule_set}: {}: {}", path.display(), p.field, p.message))?;
            if let Some(seed) = seed {
                genesis.seed = seed;
            }
            Ok(genesis)
        })
        .collect()
}

pub fn compare(args: &RunArgs) -> Result<ExitCode, String> {
    check_rule_sets(&args.compare)?;
    let worlds = genesis_per_rule_set(&args.scenario, args.seed, &args.compare)?;
    let mut runs = Vec::new();
    let mut all_ok = true;
    for (rule_set, genesis) in args.compare.iter().zip(&worlds) {
        println!("\n== {rule_set} ==");
        let outcome = run_genesis(args, genesis, &args.out.join(rule_set.name()))?;
        all_ok &= outcome.conservation_ok;
        runs.push((*rule_set, outcome.samples));
    }
    let table = Table::of(&runs);
    let path = args.out.join("compare.csv");
    table.write(&path, &args.compare)?;
    println!("\nwrote {} ({} rows: block, netuid, then price, share and pool per rule set)", path.display(), table.rows.len());
    if args.charts {
        let title = worlds.first().map_or("", |g| g.title.as_str());
        table.charts(&args.out.join("charts"), title, &args.compare)?;
    }
    Ok(if all_ok { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

/// One subnet's figures in one run at one block.
#[derive(Clone, Copy, Debug)]
struct Cell {
    price: f64,
    share: f64,
    pool_tao: u64,
}

/// (block, netuid) → a cell per rule set (`None` where the subnet did not exist in that
/// world: registrations and deregistrations can differ between rule sets).
struct Table {
    rows: BTreeMap<(u64, u16), Vec<Option<Cell>>>,
}

impl Table {
    fn of(runs: &[(RuleSet, Vec<SubnetSample>)]) -> Self {
        let mut rows: BTreeMap<(u64, u16), Vec<Option<Cell>>> = BTreeMap::new();
        for (i, (_, samples)) in runs.iter().enumerate() {
            for s in samples {
                let row = rows.entry((s.block, s.netuid)).or_insert_with(|| vec![None; runs.len()]);
                row[i] = Some(Cell { price: s.price, share: s.emission_share, pool_tao: s.tao_reserve });
            }
        }
        Table { rows }
    }

    fn write(&self, path: &Path, rule_sets: &[RuleSet]) -> Result<(), String> {
        let err = |e: csv::Error| format!("{}: {e}", path.display());
        let mut w = csv::Writer::from_path(path).map_err(err)?;
        let mut header = vec!["block".to_string(), "netuid".to_string()];
        for r in rule_sets {
            header.extend([format!("price_{r}"), format!("share_{r}"), format!("pool_tao_{r}")]);
        }
        w.write_record(&header).map_err(err)?;
        for ((block, netuid), cells) in &self.rows {
            let mut record = vec![block.to_string(), netuid.to_string()];
            for cell in cells {
                match cell {
                    // Pools in TAO with 9 decimals: exact RAO, as subnets.csv writes them.
                    Some(c) => record.extend([format!("{}", c.price), format!("{}", c.share), crate::economy::units::fmt_tao(c.pool_tao)]),
                    None => record.extend([String::new(), String::new(), String::new()]),
                }
            }
            w.write_record(&record).map_err(err)?;
        }
        w.flush().map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Price, share and pool of every subnet, one colour per subnet and one line style per
    /// rule set.
    fn charts(&self, dir: &Path, title: &str, rule_sets: &[RuleSet]) -> Result<(), String> {
        use crate::analysis::charts::{overlay_chart, Series};
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let groups = |value: fn(&Cell) -> f64| -> Vec<(String, Vec<Series>)> {
            rule_sets
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    let mut lines: BTreeMap<u16, Vec<(f64, f64)>> = BTreeMap::new();
                    for ((block, netuid), cells) in &self.rows {
                        if let Some(c) = &cells[i] {
                            lines.entry(*netuid).or_default().push((*block as f64, value(c)));
                        }
                    }
                    (r.name().to_string(), lines.into_iter().map(|(n, points)| Series { name: format!("SN{n}"), points }).collect())
                })
                .collect()
        };
        overlay_chart(&dir.join("price"), &format!("{title}: alpha price by rule set"), "block", "TAO per alpha", &groups(|c| c.price))?;
        overlay_chart(&dir.join("emission_share"), &format!("{title}: emission share by rule set"), "block", "% of block emission", &groups(|c| c.share * 100.0))?;
        overlay_chart(&dir.join("pool"), &format!("{title}: TAO in each pool by rule set"), "block", "TAO", &groups(|c| c.pool_tao as f64 / 1e9))?;
        println!("wrote overlay charts to {}", dir.display());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_sets_parse_by_their_scenario_names() {
        for r in RuleSet::ALL {
            assert_eq!(parse_rule_set(r.name()), Ok(r));
        }
        let err = parse_rule_set("mainnet-1999").unwrap_err();
        assert!(err.contains("unknown rule set \"mainnet-1999\"") && err.contains("bit001"), "{err}");
        assert!(check_rule_sets(&[RuleSet::Bit001]).unwrap_err().contains("two or more"));
        assert!(check_rule_sets(&[RuleSet::Bit001, RuleSet::Bit001]).unwrap_err().contains("twice"));
        assert!(check_rule_sets(&RuleSet::ALL).is_ok());
    }
}
