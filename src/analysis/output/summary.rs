//! `summary.json`, and the summary `run` prints.

use super::holders_csv::{StrategyResult, YIELD_METHOD};
use super::metrics_csv::NetworkSummary;
use crate::economy::units::fmt_tao;
use crate::metrics::Conservation;
use crate::scenario::Genesis;
use crate::transactions::{TxLog, TxReport};
use crate::world::Chain;
use crate::Simulation;
use serde::Serialize;
use std::path::Path;

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
    /// How each strategy's `exit_yield_pct_per_year` is computed.
    pub yield_method: &'static str,
    /// The network's measures over the run (`metrics.csv`), with their definitions.
    pub network: Option<NetworkSummary>,
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
        network: Option<NetworkSummary>,
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
            yield_method: YIELD_METHOD,
            network,
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
        if let Some(n) = &self.network {
            println!(
                "network: net TAO flow {} TAO ({:+.3} TAO/day; holders {}, protocol {}); burned {} TAO; top-64 share {:.2}% (mean); {} of {} subnets at zero emission at the end",
                n.net_tao_flow,
                n.net_tao_flow_per_day,
                n.user_flow,
                n.protocol_flow,
                n.burned,
                n.mean_top64_share * 100.0,
                n.end.zero_emission,
                n.end.subnets
            );
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
            println!("refused at block {}: {}: {}", r.block, r.order.action, r.reason.as_deref().unwrap_or(""));
        }
    }
}
