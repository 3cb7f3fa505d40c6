//! `summary.csv`: one row per configuration, with each metric's mean, standard deviation,
//! n and 95% confidence interval over the configuration's runs. Always computed from the
//! text of `runs.csv`, so that an unsharded sweep, merged shards and a resumed sweep, whose
//! `runs.csv` are the same bytes, give the same summary bytes.

use super::runs_csv::{line, number};
use super::stats::{summarise, Summary};
use serde::{Deserialize, Serialize};

/// Which columns of `runs.csv` are parameters and which are metrics.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Layout {
    pub params: Vec<String>,
    pub metrics: Vec<String>,
}

/// One configuration's summary.
#[derive(Clone, Debug, PartialEq)]
pub struct ConfigSummary {
    pub config: u64,
    /// The parameters' values, as written.
    pub values: Vec<String>,
    pub runs: u64,
    /// One per metric.
    pub stats: Vec<Summary>,
}

fn column(header: &csv::StringRecord, name: &str) -> Result<usize, String> {
    header.iter().position(|h| h == name).ok_or_else(|| format!("runs.csv has no column `{name}`"))
}

/// Each configuration's summary, in configuration order.
pub fn summarise_runs(layout: &Layout, runs_csv: &str) -> Result<Vec<ConfigSummary>, String> {
    let mut reader = csv::ReaderBuilder::new().from_reader(runs_csv.as_bytes());
    let header = reader.headers().map_err(|e| e.to_string())?.clone();
    let config_col = column(&header, "config")?;
    let param_cols = layout.params.iter().map(|p| column(&header, p)).collect::<Result<Vec<_>, _>>()?;
    let metric_cols = layout.metrics.iter().map(|m| column(&header, m)).collect::<Result<Vec<_>, _>>()?;
    // (config, values, each metric's values), in the order rows come (run order).
    let mut groups: Vec<(u64, Vec<String>, Vec<Vec<f64>>, u64)> = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| format!("runs.csv line {}: {e}", i + 2))?;
        let config: u64 = record[config_col].parse().map_err(|_| format!("runs.csv line {}: config `{}` is not a number", i + 2, &record[config_col]))?;
        if groups.last().is_none_or(|g| g.0 != config) {
            let values = param_cols.iter().map(|c| record[*c].to_string()).collect();
            groups.push((config, values, vec![Vec::new(); metric_cols.len()], 0));
        }
        let group = groups.last_mut().expect("pushed above");
        group.3 += 1;
        for (k, c) in metric_cols.iter().enumerate() {
            let cell = &record[*c];
            if !cell.is_empty() {
                let x: f64 = cell.parse().map_err(|_| format!("runs.csv line {}: `{cell}` in {} is not a number", i + 2, layout.metrics[k]))?;
                group.2[k].push(x);
            }
        }
    }
    Ok(groups.into_iter().map(|(config, values, samples, runs)| ConfigSummary { config, values, runs, stats: samples.iter().map(|s| summarise(s)).collect() }).collect())
}

/// The text of `summary.csv`.
pub fn summary_text(layout: &Layout, rows: &[ConfigSummary]) -> Result<String, String> {
    let mut header: Vec<String> = vec!["config".into()];
    header.extend(layout.params.iter().cloned());
    header.push("runs".into());
    for m in &layout.metrics {
        header.extend(["mean", "sd", "n", "ci95_low", "ci95_high"].map(|s| format!("{m}_{s}")));
    }
    let mut text = line(&header)?;
    for r in rows {
        let mut f = vec![r.config.to_string()];
        f.extend(r.values.iter().cloned());
        f.push(r.runs.to_string());
        for s in &r.stats {
            f.extend([number(s.mean), number(s.sd), s.n.to_string(), number(s.ci95.map(|c| c.0)), number(s.ci95.map(|c| c.1))]);
        }
        text.push_str(&line(&f)?);
    }
    Ok(text)
}
