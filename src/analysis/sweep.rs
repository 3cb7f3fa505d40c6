//! Many independent runs of one scenario, in parallel across worlds (never inside one).

use super::grid::Grid;
use super::outcome::Outcome;
use super::output::SubnetsCsv;
use crate::scenario::Genesis;
use crate::transactions::market::apply_param;
use crate::Simulation;
use indicatif::ProgressBar;
use rayon::prelude::*;
use std::path::Path;
use std::time::Instant;

/// One finished run of a sweep.
#[derive(Clone, Debug)]
pub struct SweepRun {
    pub index: usize,
    /// The value of each swept parameter, as written.
    pub values: Vec<String>,
    pub seed: u64,
    pub outcome: Outcome,
    pub wall_s: f64,
}

/// Runs every (parameter values, seed) of `grid` for `blocks` blocks on `threads` threads
/// (all cores by default). With `series`, each run's subnet series is written to
/// `DIR/run_<index>.csv` every K blocks.
pub fn run_sweep(
    genesis: &Genesis,
    grid: &Grid,
    blocks: u64,
    series: Option<(&Path, u64)>,
    threads: Option<usize>,
    progress: &ProgressBar,
) -> Result<Vec<SweepRun>, String> {
    let jobs = grid.runs();
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads.unwrap_or(0)).build().map_err(|e| e.to_string())?;
    let run_one = |(index, (choice, seed)): (usize, &(Vec<usize>, u64))| -> Result<SweepRun, String> {
        let started = Instant::now();
        let mut g = genesis.clone();
        g.seed = *seed;
        let mut values = Vec::new();
        for (param, i) in grid.params.iter().zip(choice) {
            let (text, change) = &param.values[*i];
            apply_param(&mut g.params, &genesis.rule_overrides, *change).map_err(|e| format!("{}={text}: {e}", param.name))?;
            values.push(text.clone());
        }
        let mut sim = Simulation::new(&g);
        sim.sample_every(series.map_or(0, |(_, every)| every));
        sim.sample_holders_every(blocks.max(1));
        sim.run(blocks);
        if let Some((dir, _)) = series {
            let mut sink = SubnetsCsv::create(&dir.join(format!("run_{index}.csv")), g.start_block)?;
            sink.write(&sim.take_samples().subnets)?;
            sink.finish()?;
        }
        let holders = sim.take_holder_samples();
        let outcome = Outcome::of(&mut sim, &holders);
        progress.inc(1);
        Ok(SweepRun { index, values, seed: *seed, outcome, wall_s: started.elapsed().as_secs_f64() })
    };
    pool.install(|| jobs.par_iter().enumerate().map(run_one).collect())
}
