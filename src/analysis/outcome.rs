//! What a finished run is summed up by: one row of `runs.csv`.

use crate::metrics::HolderSample;
use crate::transactions::TxLog;
use crate::world::{BlockFlow, Chain, Ledger, Pool, Subnet};
use crate::Simulation;
use serde::Serialize;
use std::collections::BTreeMap;

/// End-state metrics of a run. Amounts in TAO.
#[derive(Clone, Debug, Serialize, Default)]
pub struct Outcome {
    /// TAO emitted during the run.
    pub emitted_tao: f64,
    /// Total root stake at the end.
    pub root_stake_tao: f64,
    /// Mean root proportion over subnets in the last block.
    pub mean_root_prop: f64,
    /// Largest and smallest emission share in the last block.
    pub max_share: f64,
    pub min_share: f64,
    /// Emission share of the subnets registered during the run (0 if none).
    pub registered_share: f64,
    /// Mean, lowest and highest alpha price at the end.
    pub mean_price: f64,
    pub min_price: f64,
    pub max_price: f64,
    pub subnets: usize,
    pub accepted_tx: u64,
    pub refused_tx: u64,
    pub conservation_ok: bool,
    /// Return in % of each strategy's holders (from their first to their last sample).
    #[serde(skip)]
    pub returns: BTreeMap<String, f64>,
}

impl Outcome {
    /// The metrics' names and values, in column order (returns last, by strategy).
    pub fn columns(&self) -> Vec<(String, f64)> {
        let mut cols = vec![
            ("emitted_tao".to_string(), self.emitted_tao),
            ("root_stake_tao".into(), self.root_stake_tao),
            ("mean_root_prop".into(), self.mean_root_prop),
            ("max_share".into(), self.max_share),
            ("min_share".into(), self.min_share),
            ("registered_share".into(), self.registered_share),
            ("mean_price".into(), self.mean_price),
            ("min_price".into(), self.min_price),
            ("max_price".into(), self.max_price),
            ("subnets".into(), self.subnets as f64),
            ("accepted_tx".into(), self.accepted_tx as f64),
            ("refused_tx".into(), self.refused_tx as f64),
            ("conservation_ok".into(), if self.conservation_ok { 1.0 } else { 0.0 }),
        ];
        cols.extend(self.returns.iter().map(|(k, v)| (format!("return_{k}_pct"), *v)));
        cols
    }

    /// Measures a finished run; `holders` are its holder samples (first and last block).
    pub fn of(sim: &mut Simulation, holders: &[HolderSample]) -> Self {
        let conservation_ok = sim.audit().is_ok();
        let world = sim.world_mut();
        let rows: Vec<(u64, f64, f64, f64)> = world
            .query::<(&Subnet, &Pool, &BlockFlow)>()
            .iter(world)
            .map(|(s, p, f)| (s.start_block, f.share, p.price(), f.root_prop))
            .collect();
        let chain = world.resource::<Chain>();
        let log = world.resource::<TxLog>();
        let n = rows.len().max(1) as f64;
        let mut totals: BTreeMap<&str, BTreeMap<u64, f64>> = BTreeMap::new();
        for h in holders {
            *totals.entry(h.strategy).or_default().entry(h.block).or_default() += h.total_value as f64;
        }
        let returns = totals
            .into_iter()
            .filter_map(|(k, series)| {
                let first = *series.values().next()?;
                let last = *series.values().last()?;
                (first > 0.0).then(|| (k.to_string(), (last / first - 1.0) * 100.0))
            })
            .collect();
        Outcome {
            emitted_tao: chain.issued_tao as f64 / 1e9,
            root_stake_tao: world.resource::<Ledger>().root.total() as f64 / 1e9,
            mean_root_prop: rows.iter().map(|r| r.3).sum::<f64>() / n,
            max_share: rows.iter().map(|r| r.1).fold(0.0, f64::max),
            min_share: rows.iter().map(|r| r.1).fold(f64::INFINITY, f64::min).min(1.0),
            registered_share: rows.iter().filter(|r| r.0 > 0).map(|r| r.1).fold(0.0, |a, b| a + b),
            mean_price: rows.iter().map(|r| r.2).sum::<f64>() / n,
            min_price: rows.iter().map(|r| r.2).fold(f64::INFINITY, f64::min),
            max_price: rows.iter().map(|r| r.2).fold(0.0, f64::max),
            subnets: rows.len(),
            accepted_tx: log.accepted,
            refused_tx: log.refused_count,
            conservation_ok,
            returns,
        }
    }
}
