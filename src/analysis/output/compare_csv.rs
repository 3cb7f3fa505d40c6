//! `compare.csv`: the same scenario under several rule sets, every subnet's price, share and
//! pool side by side, and the overlay charts of `run --compare --charts`.

use crate::economy::RuleSet;
use crate::metrics::SubnetSample;
use std::collections::BTreeMap;
use std::path::Path;

/// One subnet's figures in one run at one block.
#[derive(Clone, Copy, Debug)]
pub struct Cell {
    price: f64,
    share: f64,
    pool_tao: u64,
}

/// (block, netuid) → a cell per rule set (`None` where the subnet did not exist in that
/// world: registrations and deregistrations can differ between rule sets).
pub struct CompareTable {
    pub rows: BTreeMap<(u64, u16), Vec<Option<Cell>>>,
}

impl CompareTable {
    /// Lays the runs' samples side by side, in the order of `runs`.
    pub fn of(runs: &[(RuleSet, Vec<SubnetSample>)]) -> Self {
        let mut rows: BTreeMap<(u64, u16), Vec<Option<Cell>>> = BTreeMap::new();
        for (i, (_, samples)) in runs.iter().enumerate() {
            for s in samples {
                let row = rows.entry((s.block, s.netuid)).or_insert_with(|| vec![None; runs.len()]);
                row[i] = Some(Cell { price: s.price, share: s.emission_share, pool_tao: s.tao_reserve });
            }
        }
        CompareTable { rows }
    }

    /// Writes `compare.csv`: block, netuid, then price, share and pool per rule set.
    pub fn write(&self, path: &Path, rule_sets: &[RuleSet]) -> Result<(), String> {
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
    pub fn charts(&self, dir: &Path, title: &str, rule_sets: &[RuleSet]) -> Result<(), String> {
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

