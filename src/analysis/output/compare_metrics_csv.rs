//! `compare_metrics.csv`: the network's measures ([`crate::metrics::measures`]) of each world
//! of a comparison side by side, one row per sampled block.

use crate::economy::units::{fmt_tao_signed_wide, fmt_tao_wide};
use crate::economy::RuleSet;
use crate::metrics::NetworkSample;
use std::collections::BTreeMap;
use std::path::Path;

/// The measures of each world, as `(name, value of a row)`.
const MEASURES: [(&str, fn(&NetworkSample) -> String); 10] = [
    ("net_tao_flow", |r| fmt_tao_signed_wide(r.net_tao_flow)),
    ("protocol_flow_tao", |r| fmt_tao_signed_wide(r.protocol_flow_tao)),
    ("burned_tao", |r| fmt_tao_wide(r.burned_tao)),
    ("zero_emission", |r| r.zero_emission.to_string()),
    ("top32_share", |r| r.top32_share.to_string()),
    ("top64_share", |r| r.top64_share.to_string()),
    ("emission_hhi", |r| r.emission_hhi.to_string()),
    ("emission_gini", |r| r.emission_gini.to_string()),
    ("emission_nakamoto", |r| r.emission_nakamoto.to_string()),
    ("stake_gini", |r| r.stake_gini.to_string()),
];

/// Writes `path`: block, then each measure of each rule set (`name_<rule set>`), empty where
/// a world has no row at that block. Blocks are absolute (`start_block` added).
pub fn write_compare_metrics(path: &Path, start_block: u64, runs: &[(RuleSet, Vec<NetworkSample>)]) -> Result<(), String> {
    let err = |e: csv::Error| format!("{}: {e}", path.display());
    let mut rows: BTreeMap<u64, Vec<Option<&NetworkSample>>> = BTreeMap::new();
    for (i, (_, samples)) in runs.iter().enumerate() {
        for s in samples {
            rows.entry(s.block).or_insert_with(|| vec![None; runs.len()])[i] = Some(s);
        }
    }
    let mut w = csv::Writer::from_path(path).map_err(err)?;
    let mut header = vec!["block".to_string()];
    for (r, _) in runs {
        header.extend(MEASURES.iter().map(|(name, _)| format!("{name}_{r}")));
    }
    w.write_record(&header).map_err(err)?;
    for (block, cells) in &rows {
        let mut record = vec![(block + start_block).to_string()];
        for cell in cells {
            record.extend(MEASURES.iter().map(|(_, value)| cell.map(value).unwrap_or_default()));
        }
        w.write_record(&record).map_err(err)?;
    }
    w.flush().map_err(|e| format!("{}: {e}", path.display()))
}
