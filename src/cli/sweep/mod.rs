//! `dtao-sim sweep`: a study of a scenario over many runs. Three ways in: the flags
//! (`sweep SCENARIO --param NAME=V1,V2 --seeds 1..32`), a spec file (`--spec FILE.toml`) or a
//! stopped sweep (`--resume DIR`); and `sweep merge DIR...` for the shards of one. Parsing
//! and printing live here ([`session`], [`merge`]); the work is `analysis::study`'s.

pub mod merge;
pub mod session;

use clap::{Args, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args, Debug, Clone)]
#[command(args_conflicts_with_subcommands = true)]
pub struct SweepArgs {
    #[command(subcommand)]
    pub action: Option<SweepAction>,
    /// The scenario file (TOML), for the flag form.
    pub scenario: Option<PathBuf>,
    /// A sweep spec (TOML): scenario, parameters and design, replicates, metrics, stop
    /// conditions (README, "Sweep specs").
    #[arg(long, value_name = "FILE")]
    pub spec: Option<PathBuf>,
    /// A swept parameter and its values, e.g. `tao_weight=0.05,0.18,0.5`; repeat for more.
    #[arg(long = "param")]
    pub params: Vec<String>,
    /// Seeds: `1..32` (inclusive) or `1,2,3` (default: the scenario's seed).
    #[arg(long)]
    pub seeds: Option<String>,
    /// Blocks per run (default: the scenario's `blocks`; with --spec, the spec's).
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=crate::economy::limits::MAX_BLOCKS))]
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
    /// Skip the charts (the flag form draws them by default).
    #[arg(long)]
    pub no_charts: bool,
    /// Draw the summary's charts: each metric against each parameter, with its 95% CI.
    #[arg(long)]
    pub charts: bool,
    /// Run only the I-th of N slices of the runs (run r belongs to shard r mod N + 1);
    /// `sweep merge` joins the shards' folders.
    #[arg(long, value_name = "I/N")]
    pub shard: Option<String>,
    /// Continue the stopped sweep in DIR (its manifest.json says how it was started).
    #[arg(long, value_name = "DIR")]
    pub resume: Option<PathBuf>,
    /// Print the plan (runs, estimated time from a short calibration run, memory, output
    /// size) and write nothing.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Subcommand, Debug, Clone)]
pub enum SweepAction {
    /// Merge the shard folders of one sweep into DIR: runs.csv and summary.csv as an
    /// unsharded run writes them.
    Merge(merge::MergeArgs),
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
    if let Some(SweepAction::Merge(m)) = &args.action {
        return merge::merge(m);
    }
    if let Some(dir) = &args.resume {
        let others = args.scenario.is_some() || args.spec.is_some() || !args.params.is_empty() || args.seeds.is_some() || args.blocks.is_some();
        if others || args.shard.is_some() || args.series.is_some() || args.dry_run {
            return Err("--resume DIR continues the sweep as its manifest.json records it: give only --threads with it".into());
        }
        return session::resume(dir, args.threads);
    }
    session::start(args, false)
}
