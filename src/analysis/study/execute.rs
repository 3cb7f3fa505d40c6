//! One run of a study: a scenario with a configuration's settings and a seed, run and
//! measured. `sweep` runs every row through here, and so does `run --measure`, which is how
//! a row's reproduce command gives the row's numbers.

use super::definition::Setting;
use super::measure::{Measurer, Measures};
use crate::analysis::output::SubnetsCsv;
use crate::scenario::Genesis;
use crate::transactions::market::apply_param;
use crate::transactions::ParamChange;
use crate::Simulation;
use std::path::Path;
use std::time::Instant;

/// What one run gives: a value per metric and how it ended.
#[derive(Clone, Debug, PartialEq)]
pub struct RowResult {
    /// One per metric, in order; `None` where the metric has no value (a condition that
    /// never held, a subnet that is not there).
    pub values: Vec<Option<f64>>,
    /// Blocks run: fewer than asked when a stop condition ended the run.
    pub blocks_run: u64,
    /// The stop condition that ended the run (`min_price<0.05`).
    pub stopped_by: Option<String>,
    pub conservation_ok: bool,
    /// The run's own wall time.
    pub wall_s: f64,
}

/// Applies settings to a scenario's parameters. A rule set replaces every parameter, so it
/// goes first whatever the order given: the other settings then change that rule set.
pub fn apply_settings(genesis: &mut Genesis, names: &[String], settings: &[Setting]) -> Result<(), String> {
    let mut order: Vec<usize> = (0..settings.len()).collect();
    order.sort_by_key(|i| !matches!(settings[*i].change, ParamChange::RuleSet(_)));
    for i in order {
        let s = &settings[i];
        apply_param(&mut genesis.params, &genesis.rule_overrides.clone(), s.change).map_err(|e| format!("{}={}: {e}", names.get(i).map_or("?", String::as_str), s.text))?;
    }
    Ok(())
}

/// Where a run writes its subnet series, and how often.
#[derive(Clone, Copy)]
pub struct SeriesOut<'p> {
    pub file: &'p Path,
    pub every: u64,
}

/// Runs `genesis` (settings applied) with `seed` for up to `blocks` blocks, observing the
/// metrics every `observe_every` blocks and at the last one, and ending early when a stop
/// condition holds.
pub fn run_row(genesis: &Genesis, measures: &Measures, blocks: u64, seed: u64, series: Option<SeriesOut>) -> Result<RowResult, String> {
    let started = Instant::now();
    let mut g = genesis.clone();
    g.seed = seed;
    let mut sim = Simulation::new(&g);
    sim.sample_every(series.map_or(0, |s| s.every));
    sim.sample_holders_every(0);
    let mut sink = match series {
        Some(s) => Some(SubnetsCsv::create(s.file, g.start_block)?),
        None => None,
    };
    let mut measurer = Measurer::new(measures, sim.world_mut(), g.start_block);
    let observing = measurer.observes_during_run();
    let every = measures.observe_every.max(1);
    let (mut done, mut stopped_by) = (0u64, None);
    while done < blocks {
        // To the next observed block, or to the end when nothing is read before it.
        let n = if observing { (every - done % every).min(blocks - done) } else { blocks - done };
        sim.run(n);
        done += n;
        if let Some(sink) = sink.as_mut() {
            sink.write(&sim.take_samples().subnets)?;
        }
        if observing && (done % every == 0 || done == blocks) {
            stopped_by = measurer.observe(sim.world_mut(), done - 1);
            if stopped_by.is_some() {
                break;
            }
        }
    }
    if let Some(sink) = sink {
        sink.finish()?;
    }
    let values = measurer.finish(sim.world_mut());
    let conservation_ok = sim.audit().is_ok();
    Ok(RowResult { values, blocks_run: done, stopped_by, conservation_ok, wall_s: started.elapsed().as_secs_f64() })
}
