//! `--charts`: each metric of `summary.csv` against each swept parameter, the mean over
//! replicates with its 95% confidence interval. A grid (every value with every other) gives
//! one line with a band per combination of the other parameters; scattered designs (a
//! hypercube, random draws) give one interval per configuration.

use super::summary_csv::{ConfigSummary, Layout};
use crate::analysis::charts::{band_chart, BandSeries};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Lines per chart beyond which the configurations are shown as points instead.
const MAX_LINES: usize = 12;

/// A parameter's values on the x axis: numbers at their value, names (rule sets) in order of
/// first appearance.
fn x_axis(rows: &[ConfigSummary], p: usize) -> impl Fn(&str) -> f64 + '_ {
    let mut names: Vec<&str> = Vec::new();
    for r in rows {
        let v = r.values[p].as_str();
        if v.parse::<f64>().is_err() && !names.contains(&v) {
            names.push(v);
        }
    }
    move |text: &str| text.parse::<f64>().unwrap_or_else(|_| names.iter().position(|n| *n == text).unwrap_or(0) as f64)
}

/// The groups of one chart and whether they are lines.
fn groups_of(layout: &Layout, rows: &[ConfigSummary], p: usize, m: usize) -> (Vec<BandSeries>, bool) {
    let x_of = x_axis(rows, p);
    let point = |r: &ConfigSummary| {
        let s = r.stats[m];
        let mean = s.mean?;
        let (lo, hi) = s.ci95.unwrap_or((mean, mean));
        Some((x_of(&r.values[p]), mean, lo, hi))
    };
    let mut by_others: BTreeMap<String, Vec<(f64, f64, f64, f64)>> = BTreeMap::new();
    for r in rows {
        let others: Vec<String> = layout.params.iter().enumerate().filter(|(q, _)| *q != p).map(|(q, name)| format!("{name}={}", r.values[q])).collect();
        let name = if others.is_empty() { "mean over replicates".to_string() } else { others.join(", ") };
        if let Some(pt) = point(r) {
            by_others.entry(name).or_default().push(pt);
        }
    }
    let lines = by_others.len() <= MAX_LINES && by_others.values().all(|pts| pts.len() >= 2);
    if lines {
        (by_others.into_iter().map(|(name, points)| BandSeries { name, points }).collect(), true)
    } else {
        (vec![BandSeries { name: "configurations".into(), points: rows.iter().filter_map(point).collect() }], false)
    }
}

/// Writes `dir/<metric>_vs_<param>.{png,svg}` for every metric and parameter; returns the
/// PNG files.
pub fn summary_charts(dir: &Path, layout: &Layout, rows: &[ConfigSummary]) -> Result<Vec<PathBuf>, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut written = Vec::new();
    for (p, param) in layout.params.iter().enumerate() {
        for (m, metric) in layout.metrics.iter().enumerate() {
            let (groups, joined) = groups_of(layout, rows, p, m);
            // A dot in a metric's name (`first_min_price_below_0.05`) would read as an extension.
            let stem = dir.join(format!("{}_vs_{param}", metric.replace('.', "_")));
            // The study's title is left out: with it the caption no longer fits the chart.
            let caption = format!("{metric} against {param}: mean and 95% CI over replicates");
            band_chart(&stem, &caption, param, metric, &groups, joined)?;
            written.push(stem.with_extension("png"));
        }
    }
    Ok(written)
}
