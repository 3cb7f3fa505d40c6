//! `subnets.csv`: one row per subnet at each sampled block.

use crate::economy::units::{fmt_tao, fmt_tao_signed};
use crate::metrics::SubnetSample;
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
pub(super) fn open_csv(path: &Path, header: &[&str]) -> Result<(csv::Writer<BufWriter<File>>, String), String> {
    let file = File::create(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut writer = csv::Writer::from_writer(BufWriter::new(file));
    writer.write_record(header).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok((writer, path.display().to_string()))
}

/// Writes subnet samples as CSV rows.
pub struct SubnetsCsv {
    writer: csv::Writer<BufWriter<File>>,
    path: String,
    /// Added to each sample's block: rows carry absolute block numbers (`[chain] start_block`).
    start_block: u64,
}

impl SubnetsCsv {
    pub fn create(path: &Path, start_block: u64) -> Result<Self, String> {
        let (writer, path) = open_csv(path, &SUBNET_COLUMNS)?;
        Ok(SubnetsCsv { writer, path, start_block })
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

