//! `dtao-sim sweep`: a scenario under every combination of parameter values and seeds.

use crate::analysis::charts::{spread_chart, SpreadSeries};
use crate::analysis::{parse_params, parse_seeds, run_sweep, Grid, SweepRun};
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

#[derive(Args, Debug, Clone)]
pub struct SweepArgs {
    /// The scenario file (TOML).
    pub scenario: PathBuf,
    /// A swept parameter and its values, e.g. `tao_weight=0.05,0.18,0.5`; repeat for more.
    #[arg(long = "param")]
    pub params: Vec<String>,
    /// Seeds: `1..32` (inclusive) or `1,2,3` (default: the scenario's seed).
    #[arg(long)]
    pub seeds: Option<String>,
    /// Blocks per run (default: the scenario's `blocks`).
    #[arg(long, value_parser = clap::value_parser!(u64).range(..=crate::economy::limits::MAX_BLOCKS))]
    pub blocks: Option<u64>,
    /// Output folder.
    #[arg(long, default_value = "out/sweep")]
    pub out: PathBuf,
    /// Also write each run's subnet series, every K blocks, to DIR/series/run_<n>.csv.
    #[arg(long, value_name = "K")]
    pub series: Option<u64>,
    /// Threads (default: all cores).
    #[arg(long, value_parser = parse_threads)]
    pub threads: Option<usize>,
    /// Skip the charts.
    #[arg(long)]
    pub no_charts: bool,
}

/// At least one thread: 0 would be read by the thread pool as "all cores" while the
/// message said "on 0 threads".
fn parse_threads(text: &str) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(n) if (1..=4096).contains(&n) => Ok(n),
        _ => Err(format!("expected a number of threads from 1 to 4096, got {text}")),
    }
}

pub fn sweep(args: &SweepArgs) -> Result<ExitCode, String> {
    let (_, genesis) = crate::scenario::load(&args.scenario).map_err(|e| e.to_string())?;
    let params = parse_params(&args.params)?;
    let seeds = match &args.seeds {
        Some(s) => parse_seeds(s)?,
        None => vec![genesis.seed],
    };
    if args.series == Some(0) {
        return Err("--series must be at least 1".into());
    }
    let grid = Grid { params, seeds };
    let max = crate::economy::limits::MAX_SWEEP_RUNS;
    if grid.run_count() > max as u128 {
        return Err(format!("{} runs (values of each --param times seeds) is more than the limit of {max}", grid.run_count()));
    }
    let blocks = args.blocks.unwrap_or(genesis.blocks);
    let runs = grid.runs().len();
    std::fs::create_dir_all(&args.out).map_err(|e| format!("{}: {e}", args.out.display()))?;
    let series_dir = args.out.join("series");
    if args.series.is_some() {
        std::fs::create_dir_all(&series_dir).map_err(|e| format!("{}: {e}", series_dir.display()))?;
    }
    let threads = args.threads.unwrap_or_else(rayon::current_num_threads);
    println!("{}: {runs} runs of {blocks} blocks on {threads} threads", genesis.title);
    let bar = ProgressBar::new(runs as u64);
    bar.set_style(ProgressStyle::with_template("{bar:40} {pos}/{len} runs  elapsed {elapsed}  eta {eta}").unwrap_or_else(|_| ProgressStyle::default_bar()));
    let started = Instant::now();
    let results = run_sweep(&genesis, &grid, blocks, args.series.map(|k| (series_dir.as_path(), k)), Some(threads), &bar)?;
    bar.finish_and_clear();
    let wall = started.elapsed().as_secs_f64();
    let cpu: f64 = results.iter().map(|r| r.wall_s).sum();
    write_runs(&args.out.join("runs.csv"), &grid, &results)?;
    if !args.no_charts {
        write_charts(&args.out.join("charts"), &grid, &results)?;
    }
    let broken = results.iter().filter(|r| !r.outcome.conservation_ok).count();
    println!(
        "{runs} runs in {wall:.2} s (the runs' own times add up to {cpu:.2} s: {:.1}x in parallel); conservation exact in {} of {runs}",
        cpu / wall.max(1e-9),
        runs - broken
    );
    println!("wrote {}", args.out.join("runs.csv").display());
    Ok(if broken == 0 { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

fn write_runs(path: &std::path::Path, grid: &Grid, runs: &[SweepRun]) -> Result<(), String> {
    let mut writer = csv::Writer::from_path(path).map_err(|e| format!("{}: {e}", path.display()))?;
    // Every run's strategies, so that all rows have the same columns.
    let strategies: BTreeSet<String> = runs.iter().flat_map(|r| r.outcome.returns.keys().cloned()).collect();
    let base: Vec<String> = runs.first().map(|r| r.outcome.columns().into_iter().map(|(k, _)| k).filter(|k| !k.starts_with("return_")).collect()).unwrap_or_default();
    let mut header: Vec<String> = vec!["run".into()];
    header.extend(grid.params.iter().map(|p| p.name.clone()));
    header.push("seed".into());
    header.extend(base.iter().cloned());
    header.extend(strategies.iter().map(|s| format!("return_{s}_pct")));
    header.push("wall_s".into());
    writer.write_record(&header).map_err(|e| e.to_string())?;
    for r in runs {
        let cols: BTreeMap<String, f64> = r.outcome.columns().into_iter().collect();
        let mut row = vec![r.index.to_string()];
        row.extend(r.values.iter().cloned());
        row.push(r.seed.to_string());
        row.extend(base.iter().map(|k| cols[k].to_string()));
        row.extend(strategies.iter().map(|s| r.outcome.returns.get(s).map_or(String::new(), |v| v.to_string())));
        row.push(format!("{:.3}", r.wall_s));
        writer.write_record(&row).map_err(|e| e.to_string())?;
    }
    writer.flush().map_err(|e| e.to_string())
}

/// A chart of each metric against each swept parameter: for every combination of the other
/// swept parameters, a line of the mean over seeds with the min-max spread over seeds.
fn write_charts(dir: &std::path::Path, grid: &Grid, runs: &[SweepRun]) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let metrics: BTreeSet<String> = runs.iter().flat_map(|r| r.outcome.columns().into_iter().map(|(k, _)| k)).collect();
    let value_of = |r: &SweepRun, metric: &str| r.outcome.columns().into_iter().find(|(k, _)| k == metric).map(|(_, v)| v);
    for (p, param) in grid.params.iter().enumerate() {
        // Numeric values are placed at their value; names (rule sets) at their index.
        let x_of = |text: &str| text.parse::<f64>().ok().unwrap_or_else(|| param.values.iter().position(|(v, _)| v == text).unwrap_or(0) as f64);
        let others = |r: &SweepRun| -> String {
            let parts: Vec<String> = grid.params.iter().enumerate().filter(|(q, _)| *q != p).map(|(q, o)| format!("{}={}", o.name, r.values[q])).collect();
            if parts.is_empty() { "mean over seeds".to_string() } else { parts.join(", ") }
        };
        for metric in &metrics {
            // (other parameters) -> (value of this parameter) -> the metric over seeds.
            let mut groups: BTreeMap<String, BTreeMap<usize, Vec<f64>>> = BTreeMap::new();
            for r in runs {
                let index = param.values.iter().position(|(v, _)| *v == r.values[p]).unwrap_or(0);
                if let Some(y) = value_of(r, metric) {
                    groups.entry(others(r)).or_default().entry(index).or_default().push(y);
                }
            }
            let series: Vec<SpreadSeries> = groups
                .into_iter()
                .map(|(name, by_value)| SpreadSeries {
                    name,
                    points: by_value
                        .into_iter()
                        .map(|(i, ys)| {
                            let mean = ys.iter().sum::<f64>() / ys.len() as f64;
                            let lo = ys.iter().copied().fold(f64::INFINITY, f64::min);
                            let hi = ys.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                            (x_of(&param.values[i].0), mean, lo, hi)
                        })
                        .collect(),
                })
                .collect();
            let stem = dir.join(format!("{metric}_vs_{}", param.name));
            spread_chart(&stem, &format!("{metric} against {} (bars: min to max over seeds)", param.name), &param.name, metric, &series)?;
        }
    }
    Ok(())
}
