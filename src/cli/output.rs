//! What `run` writes: `subnets.csv` and `summary.json`.

use crate::economy::units::{fmt_tao, fmt_tao_signed};
use crate::metrics::{Conservation, SubnetSample};
use crate::scenario::Genesis;
use crate::transactions::{TxLog, TxReport};
use crate::world::Chain;
use crate::Simulation;
use serde::Serialize;
use std::fs::File;
use std::io::BufWriter;
use std::path::Path;

/// Columns of `subnets.csv`; amounts in TAO (or alpha) with 9 decimals.
pub const SUBNET_COLUMNS: [&str; 12] = [
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
];

/// Writes subnet samples as CSV rows.
pub struct CsvSink {
    writer: csv::Writer<BufWriter<File>>,
    path: String,
}

impl CsvSink {
    pub fn create(path: &Path) -> Result<Self, String> {
        let file = File::create(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut writer = csv::Writer::from_writer(BufWriter::new(file));
        writer.write_record(SUBNET_COLUMNS).map_err(|e| e.to_string())?;
        Ok(CsvSink { writer, path: path.display().to_string() })
    }

    pub fn write(&mut self, rows: &[SubnetSample]) -> Result<(), String> {
        for s in rows {
            self.writer
                .write_record([
                    s.block.to_string(),
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
                ])
                .map_err(|e| format!("{}: {e}", self.path))?;
        }
        Ok(())
    }

    pub fn finish(mut self) -> Result<(), String> {
        self.writer.flush().map_err(|e| format!("{}: {e}", self.path))
    }
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

/// `summary.json`.
#[derive(Serialize, Debug)]
pub struct Summary {
    pub title: String,
    pub scenario: String,
    pub blocks: u64,
    pub seed: u64,
    pub rule_set: String,
    pub params: crate::economy::Params,
    /// Total TAO issuance at the end, in TAO.
    pub total_issuance: String,
    pub total_issuance_rao: u64,
    /// TAO emitted during the run.
    pub emitted: String,
    pub conservation: ConservationResult,
    pub transactions: TransactionCounts,
    pub wall_time_s: f64,
    pub blocks_per_second: f64,
}

impl Summary {
    pub fn of(sim: &mut Simulation, genesis: &Genesis, scenario: &Path, blocks: u64, wall: f64, audit: Result<(), String>) -> Self {
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
            seed: genesis.seed,
            rule_set: params.rule_set.to_string(),
            params,
            total_issuance: fmt_tao(chain.total_issuance),
            total_issuance_rao: chain.total_issuance,
            emitted: fmt_tao(chain.total_issuance - chain.initial_issuance),
            conservation: ConservationResult { ok: violation.is_none(), checks: run_check.checks + 1, violation },
            transactions: TransactionCounts {
                accepted: log.accepted,
                refused: log.refused_count,
                refused_list: log.refused.iter().take(100).cloned().collect(),
            },
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
        for r in self.transactions.refused_list.iter().take(10) {
            println!("refused at block {}: {:?}: {}", r.block, r.order.action, r.reason.as_deref().unwrap_or(""));
        }
    }
}
