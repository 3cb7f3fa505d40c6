//! One run of one resolved scenario into a folder: the progress bar, the captions as they
//! come, `subnets.csv`, `holders.csv`, `metrics.csv`, `summary.json` and, with `--charts`, the charts.

use super::RunArgs;
use crate::analysis::output::{HoldersCsv, MetricsCsv, SubnetsCsv, Summary};
use crate::metrics::Conservation;
use crate::scenario::spawn::ScenarioInfo;
use crate::Simulation;
use indicatif::{ProgressBar, ProgressStyle};
use std::time::Instant;

/// Blocks run between two drains of the samples (and two progress-bar updates).
const CHUNK: u64 = 2_000;

/// What a run leaves besides its files: whether it conserved, and its subnet samples
/// (compare mode lays them side by side).
pub struct RunOutcome {
    pub conservation_ok: bool,
    pub samples: Vec<crate::metrics::SubnetSample>,
    /// The network rows of `metrics.csv` (kept with the samples).
    pub network: Vec<crate::metrics::NetworkSample>,
}

/// Runs one resolved scenario into `out`: the CSVs, the summary, the charts.
/// With `keep_samples`, the subnet samples are also returned (compare mode lays them side by
/// side).
pub fn run_genesis(args: &RunArgs, genesis: &crate::scenario::Genesis, out: &std::path::Path, keep_samples: bool) -> Result<RunOutcome, String> {
    let blocks = args.blocks.unwrap_or(genesis.blocks);
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let mut csv = SubnetsCsv::create(&out.join("subnets.csv"), genesis.start_block)?;
    let mut holders = HoldersCsv::create(&out.join("holders.csv"), genesis.start_block)?;
    let mut metrics = MetricsCsv::create(&out.join("metrics.csv"), genesis.start_block)?;
    let mut kept = Vec::new();
    let mut kept_network = Vec::new();
    let mut charts = RunCharts::default();

    let mut sim = Simulation::new(genesis);
    sim.measure_network();
    sim.sample_every(args.every);
    sim.sample_holders_every(args.holders_every);
    sim.world_mut().resource_mut::<Conservation>().every_block = args.check_every_block;
    println!("{} ({} blocks, seed {}, rule set {})", genesis.title, blocks, genesis.seed, genesis.params.rule_set);
    let captions = sim.world().resource::<ScenarioInfo>().captions.clone();
    let mut next_caption = 0;

    let bar = ProgressBar::new(blocks);
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} blocks  {per_sec}  eta {eta}").unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let started = Instant::now();
    let mut done = 0;
    while done < blocks {
        let n = CHUNK.min(blocks - done);
        let (off_grid, holders_off_grid) = (blocks % args.every != 0, blocks % args.holders_every != 0);
        if done + n == blocks && (off_grid || holders_off_grid) {
            // The last block is always written, even off the sampling grids.
            sim.run(n - 1);
            if off_grid {
                sim.sample_every(1);
            }
            if holders_off_grid {
                sim.sample_holders_every(1);
            }
            sim.run(1);
        } else {
            sim.run(n);
        }
        done += n;
        let network = sim.take_network_samples();
        metrics.write(&network)?;
        if keep_samples {
            kept_network.extend_from_slice(&network);
        }
        let samples = sim.take_samples().subnets;
        csv.write(&samples)?;
        if args.charts {
            charts.add(&samples);
        }
        if keep_samples {
            kept.extend_from_slice(&samples);
        }
        holders.write(&sim.take_holder_samples())?;
        while captions.get(next_caption).is_some_and(|c| c.block < done) {
            // With its placeholders filled in at its block.
            let text = sim.world().resource::<crate::metrics::ClaimBook>().text(next_caption).unwrap_or(&captions[next_caption].text).to_string();
            bar.suspend(|| println!("block {}: {text}", captions[next_caption].block + genesis.start_block));
            next_caption += 1;
        }
        bar.set_position(done);
    }
    let wall = started.elapsed().as_secs_f64();
    bar.finish_and_clear();
    csv.finish()?;
    let values = holders.strategy_series();
    let strategies = holders.finish()?;
    let network = metrics.finish()?;
    if args.charts {
        charts.write(&out.join("charts"), &genesis.title, &values)?;
    }
    let final_audit = sim.audit();
    let summary = Summary::of(&mut sim, genesis, &args.scenario, blocks, wall, final_audit, strategies, network);
    summary.write(&out.join("summary.json"))?;
    summary.print();
    print_claims(&sim, genesis, &args.scenario);
    Ok(RunOutcome { conservation_ok: summary.conservation.ok, samples: kept, network: kept_network })
}

/// The series `run --charts` draws, gathered from the samples as they are written.
#[derive(Default)]
struct RunCharts {
    price: std::collections::BTreeMap<u16, Vec<(f64, f64)>>,
    share: std::collections::BTreeMap<u16, Vec<(f64, f64)>>,
}

impl RunCharts {
    fn add(&mut self, samples: &[crate::metrics::SubnetSample]) {
        for s in samples {
            self.price.entry(s.netuid).or_default().push((s.block as f64, s.price));
            self.share.entry(s.netuid).or_default().push((s.block as f64, s.emission_share * 100.0));
        }
    }

    fn write(self, dir: &std::path::Path, title: &str, values: &[(String, Vec<(f64, f64)>)]) -> Result<(), String> {
        use crate::analysis::charts::{line_chart, Series};
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let lines = |m: std::collections::BTreeMap<u16, Vec<(f64, f64)>>| -> Vec<Series> {
            m.into_iter().map(|(n, points)| Series { name: format!("SN{n}"), points }).collect()
        };
        line_chart(&dir.join("price"), &format!("{title}: alpha price"), "block", "TAO per alpha", &lines(self.price))?;
        line_chart(&dir.join("emission_share"), &format!("{title}: emission share"), "block", "% of block emission", &lines(self.share))?;
        let holders: Vec<Series> = values
            .iter()
            .map(|(name, points)| {
                let start = points.first().map_or(1.0, |p| p.1).max(1e-9);
                Series { name: name.clone(), points: points.iter().map(|(b, v)| (*b, v / start * 100.0)).collect() }
            })
            .collect();
        line_chart(&dir.join("holders"), &format!("{title}: value by strategy"), "block", "% of starting value", &holders)?;
        println!("wrote charts to {}", dir.display());
        Ok(())
    }
}

/// The captions' claims as this run judged them (as `dtao-sim verify` prints them).
fn print_claims(sim: &Simulation, genesis: &crate::scenario::Genesis, path: &std::path::Path) {
    let book = sim.world().resource::<crate::metrics::ClaimBook>();
    if book.claims.is_empty() {
        return;
    }
    let source = std::fs::read_to_string(path).unwrap_or_default();
    let lines = crate::analysis::claims::claim_lines(book, &path.display().to_string(), &source, genesis.start_block);
    let holding = lines.iter().filter(|l| l.ok).count();
    println!("captions' claims: {holding} of {} hold", lines.len());
    for l in &lines {
        println!("  {}", l.text);
    }
}
