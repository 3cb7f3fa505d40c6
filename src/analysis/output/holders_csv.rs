//! `holders.csv`: every holder's values at each sampled block, and each strategy's result.

use super::subnets_csv::open_csv;
use crate::economy::units::{fmt_tao, fmt_tao_wide};
use crate::metrics::HolderSample;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fs::File;
use std::io::BufWriter;
use std::path::Path;

/// Columns of `holders.csv`; amounts in TAO with 9 decimals. `alpha_value` and
/// `total_value` price alpha at spot (paper value); `alpha_exit_value` and `exit_value` at
/// what selling it now would pay.
pub const HOLDER_COLUMNS: [&str; 9] =
    ["block", "holder", "strategy", "free_tao", "root_stake", "alpha_value", "total_value", "alpha_exit_value", "exit_value"];

/// Writes holder samples as CSV rows and follows each strategy's total value.
pub struct HoldersCsv {
    writer: csv::Writer<BufWriter<File>>,
    path: String,
    /// Added to each row's block (`[chain] start_block`).
    start_block: u64,
    /// Total value of each strategy's holders at each sampled block: (spot, exit).
    series: BTreeMap<&'static str, BTreeMap<u64, (u128, u128)>>,
    holders: BTreeMap<&'static str, std::collections::BTreeSet<u32>>,
}

impl HoldersCsv {
    pub fn create(path: &Path, start_block: u64) -> Result<Self, String> {
        let (writer, path) = open_csv(path, &HOLDER_COLUMNS)?;
        Ok(HoldersCsv { writer, path, start_block, series: BTreeMap::new(), holders: BTreeMap::new() })
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
                let span = series.keys().last()? - series.keys().next()?;
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
                    exit_yield_pct_per_year: yearly(start_exit, end_exit, span),
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
    /// The exit return as a yearly rate, by [`YIELD_METHOD`]; `None` when the run is too
    /// short or the rate not finite.
    pub exit_yield_pct_per_year: Option<f64>,
}

/// Blocks in a year at 12 seconds a block (365 days).
pub const BLOCKS_PER_YEAR: f64 = 2_628_000.0;

/// How [`StrategyResult::exit_yield_pct_per_year`] is computed: yield has no common
/// definition in this ecosystem (APY, APR, at spot or at exit), so `summary.json` names its own.
/// Simple, not compounded: compounding a few days' return over a year gives numbers no one
/// could earn.
pub const YIELD_METHOD: &str = "simple yearly rate of exit value (APR, not compounded): (end exit value / start exit value − 1) × 2,628,000 / blocks between the first and last holder sample, \
over the strategy's holders together; exit value is what selling everything would pay";

/// `(end/start − 1)·year/span` in percent.
fn yearly(start: f64, end: f64, span: u64) -> Option<f64> {
    if start <= 0.0 || span == 0 {
        return None;
    }
    let rate = (end / start - 1.0) * BLOCKS_PER_YEAR / span as f64 * 100.0;
    rate.is_finite().then_some(rate)
}

