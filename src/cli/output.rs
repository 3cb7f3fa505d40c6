//! What `run` writes: `subnets.csv` and `summary.json`.

use crate::economy::units::{fmt_tao, fmt_tao_signed, fmt_tao_wide};
use crate::metrics::{Conservation, HolderSample, SubnetSample};
use std::collections::BTreeMap;
use crate::scenario::Genesis;
use crate::transactions::{TxLog, TxReport};
use crate::world::Chain;
use crate::Simulation;
use serde::Serialize;
use std::fs::File;
use std::io::BufWriter;
use std::path::Path;

/// Columns of `subnets.csv`; amounts in TAO (or alpha) with 9 decimals.
pub const SUBNET_COLUMNS: [&str; 17] = [
    "block",
    "netuid",
    "price",
    "moving_price",
    "tao_reserve",
    "alpha_reserve",
    "alpha_outstanding",
    "tao_in",
    "alpha_in",
    "alpha_out",
    "emission_share",
    "root_prop",
    "excess_tao",
    "protocol_alpha",
    "pool_weight_tao",
    "miner_burned",
    "emission_enabled",
];

/// Creates a CSV file with its header row; the path is kept for error messages.
fn open_csv(path: &Path, header: &[&str]) -> Result<(csv::Writer<BufWriter<File>>, String), String> {
    let file = File::create(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut writer = csv::Writer::from_writer(BufWriter::new(file));
    writer.write_record(header).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok((writer, path.display().to_string()))
}

/// Writes subnet samples as CSV rows.
pub struct CsvSink {
    writer: csv::Writer<BufWriter<File>>,
    path: String,
    /// Added to each sample's block: rows carry absolute block numbers (`[chain] start_block`).
    start_block: u64,
}

impl CsvSink {
    pub fn create(path: &Path, start_block: u64) -> Result<Self, String> {
        let (writer, path) = open_csv(path, &SUBNET_COLUMNS)?;
        Ok(CsvSink { writer, path, start_block })
    }

    pub fn write(&mut self, rows: &[SubnetSample]) -> Result<(), String> {
        for s in rows {
            self.writer
                .write_record([
                    (s.block + self.start_block).to_string(),
                    s.netuid.to_string(),
                    s.price.to_string(),
                    s.moving_price.to_string(),
                    fmt_tao(s.tao_reserve),
                    fmt_tao(s.alpha_reserve),
                    fmt_tao_signed(s.alpha_outstanding),
                    fmt_tao(s.tao_in),
                    fmt_tao(s.alpha_in),
                    fmt_tao(s.alpha_out),
                    s.emission_share.to_string(),
                    s.root_prop.to_string(),
                    fmt_tao(s.excess_tao),
                    fmt_tao(s.protocol_alpha),
                    s.pool_weight_tao.to_string(),
                    s.miner_burned.to_string(),
                    s.emission_enabled.to_string(),
                ])
                .map_err(|e| format!("{}: {e}", self.path))?;
        }
        Ok(())
    }

    pub fn finish(mut self) -> Result<(), String> {
        self.writer.flush().map_err(|e| format!("{}: {e}", self.path))
    }
}

/// Columns of `holders.csv`; amounts in TAO with 9 decimals. `alpha_value` and
/// `total_value` price alpha at spot (paper value); `alpha_exit_value` and `exit_value` at
/// what selling it now would pay.
pub const HOLDER_COLUMNS: [&str; 9] =
    ["block", "holder", "strategy", "free_tao", "root_stake", "alpha_value", "total_value", "alpha_exit_value", "exit_value"];

/// Writes holder samples as CSV rows and follows each strategy's total value.
pub struct HolderSink {
    writer: csv::Writer<BufWriter<File>>,
    path: String,
    /// Added to each row's block (`[chain] start_block`).
    start_block: u64,
    /// Total value of each strategy's holders at each sampled block: (spot, exit).
    series: BTreeMap<&'static str, BTreeMap<u64, (u128, u128)>>,
    holders: BTreeMap<&'static str, std::collections::BTreeSet<u32>>,
}

impl HolderSink {
    pub fn create(path: &Path, start_block: u64) -> Result<Self, String> {
        let (writer, path) = open_csv(path, &HOLDER_COLUMNS)?;
        Ok(HolderSink { writer, path, start_block, series: BTreeMap::new(), holders: BTreeMap::new() })
    }

    pub fn write(&mut self, rows: &[HolderSample]) -> Result<(), String> {
        for h in rows {
            let total = self.series.entry(h.strategy).or_default().entry(h.block).or_default();
            total.0 += h.total_value;
            total.1 += h.exit_value as u128;
            self.holders.entry(h.strategy).or_default().insert(h.holder);
            self.writer
                .write_record([
                    (h.block + self.start_block).to_string(),
                    h.name.clone(),
                    h.strategy.to_string(),
                    fmt_tao(h.free_tao),
                    fmt_tao(h.root_stake),
                    fmt_tao_wide(h.alpha_value),
                    fmt_tao_wide(h.total_value),
                    fmt_tao(h.alpha_exit_value),
                    fmt_tao(h.exit_value),
                ])
                .map_err(|e| format!("{}: {e}", self.path))?;
        }
        Ok(())
    }

    /// Each strategy's total value (TAO, alpha at spot) at each sampled block.
    pub fn strategy_series(&self) -> Vec<(String, Vec<(f64, f64)>)> {
        self.series
            .iter()
            .map(|(name, s)| (name.to_string(), s.iter().map(|(b, v)| (*b as f64, v.0 as f64 / 1e9)).collect()))
            .collect()
    }

    /// Flushes the file and returns each strategy's result, best first.
    pub fn finish(mut self) -> Result<Vec<StrategyResult>, String> {
        self.writer.flush().map_err(|e| format!("{}: {e}", self.path))?;
        let mut results: Vec<StrategyResult> = self
            .series
            .iter()
            .filter_map(|(name, series)| {
                let start = series.values().next()?.0 as f64;
                let end = series.values().last()?.0 as f64;
                let start_exit = series.values().next()?.1 as f64;
                let end_exit = series.values().last()?.1 as f64;
                let mut peak = 0f64;
                let mut drawdown = 0f64;
                for v in series.values() {
                    peak = peak.max(v.0 as f64);
                    if peak > 0.0 {
                        drawdown = drawdown.max(1.0 - v.0 as f64 / peak);
                    }
                }
                (start > 0.0).then(|| StrategyResult {
                    strategy: name.to_string(),
                    holders: self.holders[name].len(),
                    start_value: fmt_tao(start as u64),
                    end_value: fmt_tao(end as u64),
                    return_pct: (end / start - 1.0) * 100.0,
                    max_drawdown_pct: drawdown * 100.0,
                    start_exit_value: fmt_tao(start_exit as u64),
                    end_exit_value: fmt_tao(end_exit as u64),
                    exit_return_pct: if start_exit > 0.0 { (end_exit / start_exit - 1.0) * 100.0 } else { 0.0 },
                })
            })
            .collect();
        results.sort_by(|a, b| b.return_pct.total_cmp(&a.return_pct));
        Ok(results)
    }
}

/// How the holders of one strategy did over the run (values summed over its holders).
#[derive(Serialize, Debug, Clone)]
pub struct StrategyResult {
    pub strategy: String,
    pub holders: usize,
    pub start_value: String,
    pub end_value: String,
    pub return_pct: f64,
    /// Largest fall from a previous high, in percent.
    pub max_drawdown_pct: f64,
    /// The same holders valued at what selling everything would pay (fee and slippage),
    /// at the start and the end; `start_value`/`end_value` price alpha at spot.
    pub start_exit_value: String,
    pub end_exit_value: String,
    /// Return on exit values, in percent.
    pub exit_return_pct: f64,
}

#[derive(Serialize, Debug)]
pub struct ConservationResult {
    pub ok: bool,
    pub checks: u64,
    pub violation: Option<String>,
}

#[derive(Serialize, Debug)]
pub struct TransactionCounts {
    pub accepted: u64,
    pub refused: u64,
    /// The refused transactions (up to 100), with their reasons.
    pub refused_list: Vec<TxReport>,
}

fn is_strategy(name: &str) -> bool {
    !matches!(name, "validator" | "holder")
}

/// `summary.json`.
#[derive(Serialize, Debug)]
pub struct Summary {
    pub title: String,
    pub scenario: String,
    pub blocks: u64,
    /// Absolute number of the first block (`[chain] start_block`); blocks below count from it.
    pub start_block: u64,
    pub seed: u64,
    pub rule_set: String,
    pub params: crate::economy::Params,
    /// TAO paid to block authors as swap fees (`mainnet-2026-08`).
    pub paid_to_block_authors: String,
    /// Total TAO issuance at the end, in TAO.
    pub total_issuance: String,
    pub total_issuance_rao: u64,
    /// TAO emitted during the run.
    pub emitted: String,
    pub conservation: ConservationResult,
    pub transactions: TransactionCounts,
    /// Every strategy, best return first.
    pub strategies: Vec<StrategyResult>,
    pub best_strategy: Option<StrategyResult>,
    pub worst_strategy: Option<StrategyResult>,
    pub wall_time_s: f64,
    pub blocks_per_second: f64,
}

impl Summary {
    pub fn of(
        sim: &mut Simulation,
        genesis: &Genesis,
        scenario: &Path,
        blocks: u64,
        wall: f64,
        audit: Result<(), String>,
        strategies: Vec<StrategyResult>,
    ) -> Self {
        let world = sim.world();
        let chain = world.resource::<Chain>();
        let log = world.resource::<TxLog>();
        let run_check = world.resource::<Conservation>();
        let violation = run_check.violation.clone().or(audit.err().map(|e| format!("end of run: {e}")));
        let params = world.resource::<crate::economy::Params>().clone();
        Summary {
            title: genesis.title.clone(),
            scenario: scenario.display().to_string(),
            blocks,
            start_block: genesis.start_block,
            seed: genesis.seed,
            rule_set: params.rule_set.to_string(),
            params,
            paid_to_block_authors: fmt_tao(chain.author_tao.min(u64::MAX as u128) as u64),
            total_issuance: fmt_tao(chain.total_issuance),
            total_issuance_rao: chain.total_issuance,
            emitted: fmt_tao(chain.issued_tao as u64),
            conservation: ConservationResult { ok: violation.is_none(), checks: run_check.checks + 1, violation },
            transactions: TransactionCounts {
                accepted: log.accepted,
                refused: log.refused_count,
                refused_list: log.refused.iter().take(100).map(|r| TxReport { block: r.block + genesis.start_block, ..r.clone() }).collect(),
            },
            // Validators and plain holders are listed but are not strategies.
            best_strategy: strategies.iter().find(|s| is_strategy(&s.strategy)).cloned(),
            worst_strategy: strategies.iter().rev().find(|s| is_strategy(&s.strategy)).cloned(),
            strategies,
            wall_time_s: wall,
            blocks_per_second: if wall > 0.0 { blocks as f64 / wall } else { 0.0 },
        }
    }

    pub fn write(&self, path: &Path) -> Result<(), String> {
        let text = serde_json::to_string_pretty(self).map_err(|e| e.to_string())?;
        std::fs::write(path, text + "\n").map_err(|e| format!("{}: {e}", path.display()))
    }

    pub fn print(&self) {
        println!(
            "{} blocks in {:.2} s ({:.0} blocks/s); issuance {} TAO (+{}); conservation {}; {} transactions, {} refused",
            self.blocks,
            self.wall_time_s,
            self.blocks_per_second,
            self.total_issuance,
            self.emitted,
            if self.conservation.ok { "exact" } else { "BROKEN" },
            self.transactions.accepted + self.transactions.refused,
            self.transactions.refused
        );
        if let Some(v) = &self.conservation.violation {
            println!("conservation violated: {v}");
        }
        for s in &self.strategies {
            println!(
                "  {:<13} {:>4} holders  {:>18} -> {:>18} TAO  return {:>+8.2}%  max drawdown {:>6.2}%  if sold: {:>18} TAO ({:>+8.2}%)",
                s.strategy, s.holders, s.start_value, s.end_value, s.return_pct, s.max_drawdown_pct, s.end_exit_value, s.exit_return_pct
            );
        }
        if let (Some(best), Some(worst)) = (&self.best_strategy, &self.worst_strategy) {
            println!("best strategy: {} ({:+.2}%); worst: {} ({:+.2}%)", best.strategy, best.return_pct, worst.strategy, worst.return_pct);
        }
        for r in self.transactions.refused_list.iter().take(10) {
            println!("refused at block {}: {}: {}", r.block, crate::dashboard::format::action(&r.order.action), r.reason.as_deref().unwrap_or(""));
        }
    }
}
