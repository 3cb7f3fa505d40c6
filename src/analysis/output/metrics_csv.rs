//! `metrics.csv`: the network-wide measures of [`crate::metrics::measures`] at each sampled
//! block, and their summary over the run for `summary.json`.

use super::subnets_csv::open_csv;
use crate::economy::units::{fmt_tao_signed_wide, fmt_tao_wide};
use crate::metrics::NetworkSample;
use serde::Serialize;
use std::fs::File;
use std::io::BufWriter;
use std::path::Path;

/// Columns of `metrics.csv`; flows are since the previous row, in TAO with 9 decimals.
pub const METRIC_COLUMNS: [&str; 19] = [
    "block",
    "blocks",
    "user_flow_tao",
    "protocol_flow_tao",
    "net_tao_flow",
    "net_tao_flow_per_day",
    "burned_tao",
    "recycled_tao",
    "subnets",
    "zero_emission",
    "top32_share",
    "top64_share",
    "emission_hhi",
    "emission_gini",
    "emission_nakamoto",
    "stake_hhi",
    "stake_gini",
    "stake_nakamoto",
    "stake_top64_share",
];

/// Blocks in a day at 12 seconds a block.
pub const BLOCKS_PER_DAY: f64 = 7_200.0;

/// Writes network rows and keeps what the run's summary needs.
pub struct MetricsCsv {
    writer: csv::Writer<BufWriter<File>>,
    path: String,
    start_block: u64,
    first: Option<NetworkSample>,
    last: Option<NetworkSample>,
    sums: Sums,
}

#[derive(Default)]
struct Sums {
    rows: u64,
    blocks: u64,
    user: i128,
    protocol: i128,
    emitting_rows: u64,
    top32: f64,
    top64: f64,
}

impl MetricsCsv {
    pub fn create(path: &Path, start_block: u64) -> Result<Self, String> {
        let (writer, path) = open_csv(path, &METRIC_COLUMNS)?;
        Ok(MetricsCsv { writer, path, start_block, first: None, last: None, sums: Sums::default() })
    }

    pub fn write(&mut self, rows: &[NetworkSample]) -> Result<(), String> {
        for r in rows {
            let net = r.user_flow_tao - r.protocol_flow_tao;
            let per_day = if r.blocks > 0 { net as f64 / 1e9 * BLOCKS_PER_DAY / r.blocks as f64 } else { 0.0 };
            self.writer
                .write_record([
                    (r.block + self.start_block).to_string(),
                    r.blocks.to_string(),
                    fmt_tao_signed_wide(r.user_flow_tao),
                    fmt_tao_signed_wide(r.protocol_flow_tao),
                    fmt_tao_signed_wide(net),
                    format!("{per_day:.9}"),
                    fmt_tao_wide(r.burned_tao),
                    fmt_tao_wide(r.recycled_tao),
                    r.subnets.to_string(),
                    r.zero_emission.to_string(),
                    r.top32_share.to_string(),
                    r.top64_share.to_string(),
                    r.emission_hhi.to_string(),
                    r.emission_gini.to_string(),
                    r.emission_nakamoto.to_string(),
                    r.stake_hhi.to_string(),
                    r.stake_gini.to_string(),
                    r.stake_nakamoto.to_string(),
                    r.stake_top64_share.to_string(),
                ])
                .map_err(|e| format!("{}: {e}", self.path))?;
            self.first.get_or_insert(*r);
            self.last = Some(*r);
            let s = &mut self.sums;
            s.rows += 1;
            s.blocks += r.blocks;
            s.user += r.user_flow_tao;
            s.protocol += r.protocol_flow_tao;
            // A block where no subnet gets emission has no top 32 to speak of.
            if r.zero_emission < r.subnets {
                s.emitting_rows += 1;
                s.top32 += r.top32_share;
                s.top64 += r.top64_share;
            }
        }
        Ok(())
    }

    /// Flushes the file and sums the run up (`None` if no row was written).
    pub fn finish(mut self) -> Result<Option<NetworkSummary>, String> {
        self.writer.flush().map_err(|e| format!("{}: {e}", self.path))?;
        let (Some(last), s) = (self.last, &self.sums) else { return Ok(None) };
        let net = s.user - s.protocol;
        let days = s.blocks as f64 / BLOCKS_PER_DAY;
        Ok(Some(NetworkSummary {
            definitions: DEFINITIONS,
            blocks: s.blocks,
            user_flow: fmt_tao_signed_wide(s.user),
            protocol_flow: fmt_tao_signed_wide(s.protocol),
            net_tao_flow: fmt_tao_signed_wide(net),
            net_tao_flow_per_day: if days > 0.0 { net as f64 / 1e9 / days } else { 0.0 },
            burned: fmt_tao_wide(last.burned_tao),
            recycled: fmt_tao_wide(last.recycled_tao),
            mean_top32_share: s.top32 / s.emitting_rows.max(1) as f64,
            mean_top64_share: s.top64 / s.emitting_rows.max(1) as f64,
            end: last,
        }))
    }
}

/// How `summary.json`'s `network` figures are defined.
pub const DEFINITIONS: &str = "net_tao_flow = holders' buys − sells − (emission injected + chain buys − root sells), summed over all subnets (subtensor PR #2634's network profit); \
burned: registration locks that left issuance; recycled: TAO taken out of circulation otherwise; \
top32/top64: emission share of the 32/64 largest; HHI Σ share²; Gini over started subnets; Nakamoto: fewest subnets above half; \
stake: TAO in each subnet's pool";

/// The run's network figures in `summary.json`.
#[derive(Serialize, Debug, Clone)]
pub struct NetworkSummary {
    pub definitions: &'static str,
    /// Blocks the flows cover.
    pub blocks: u64,
    pub user_flow: String,
    pub protocol_flow: String,
    pub net_tao_flow: String,
    pub net_tao_flow_per_day: f64,
    pub burned: String,
    pub recycled: String,
    /// Means over the sampled blocks where some subnet got emission.
    pub mean_top32_share: f64,
    pub mean_top64_share: f64,
    /// The last sampled block's row (concentration at the end).
    pub end: NetworkSample,
}
