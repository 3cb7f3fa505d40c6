//! `--dry-run`: what a sweep (or shard) would do, without writing anything: the runs, an
//! estimate of the time from a short calibration run of the first configuration, the memory
//! of the worlds running at once and the size of the outputs.

use super::definition::Study;
use super::execute::{apply_settings, run_row};
use super::runs_csv::{header, line, row};
use super::shard::Shard;
use std::fmt;
use std::time::Instant;

/// The plan of a sweep.
#[derive(Clone, Debug)]
pub struct Plan {
    pub title: String,
    pub scenario_file: String,
    pub subnets: usize,
    pub blocks: u64,
    pub design: String,
    pub params: Vec<String>,
    pub configurations: u64,
    pub replicates: u64,
    pub seed_formula: String,
    pub runs: u64,
    pub shard: Shard,
    pub shard_runs: u64,
    pub threads: usize,
    pub metrics: usize,
    pub stops: usize,
    /// Blocks the calibration ran and the time it took, the world's building included.
    pub calibration_blocks: u64,
    pub calibration_s: f64,
    pub build_s: f64,
    pub per_block_s: f64,
    /// Resident memory one world added, when the system tells it.
    pub world_bytes: Option<u64>,
    pub runs_csv_bytes: u64,
    pub summary_csv_bytes: u64,
}

/// Resident memory of this process (Linux).
fn resident_bytes() -> Option<u64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4096)
}

/// Calibration stops doubling its length past this many seconds.
const CALIBRATION_S: f64 = 1.0;

/// Makes the plan, running a short calibration of the first configuration.
pub fn plan(study: &Study, shard: Shard, threads: usize) -> Result<Plan, String> {
    let mut genesis = study.genesis.clone();
    apply_settings(&mut genesis, &study.params, &study.configs[0])?;
    let seed = study.run_id(0).seed;
    let before = resident_bytes();
    let started = Instant::now();
    let built = run_row(&genesis, &study.measures, 0, seed, None)?;
    let build_s = started.elapsed().as_secs_f64();
    let world_bytes = before.zip(resident_bytes()).map(|(a, b)| b.saturating_sub(a));
    // Longer and longer, until it takes long enough to time or covers the whole run.
    let (mut blocks, mut result, mut took) = (0u64, built, build_s);
    while took < CALIBRATION_S && blocks < study.blocks {
        blocks = (blocks * 4).clamp(20, study.blocks);
        let started = Instant::now();
        result = run_row(&genesis, &study.measures, blocks, seed, None)?;
        took = started.elapsed().as_secs_f64();
        if result.blocks_run < blocks {
            break;
        }
    }
    let ran = result.blocks_run.max(1);
    let per_block_s = ((took - build_s).max(0.0) / ran as f64).max(0.0);
    let runs = study.run_count();
    let shard_runs = shard.runs(runs).len() as u64;
    // The sizes, from the calibration's row, written as the sweep would write it.
    let head = line(&header(study))?.len() as u64;
    let sample = row(study, study.run_id(runs.saturating_sub(1)), &result)?.len() as u64;
    let per_metric = 5 * 20;
    let summary_row = study.configs[0].iter().map(|s| s.text.len() as u64 + 1).sum::<u64>() + 12 + per_metric * study.measures.metrics.len() as u64;
    Ok(Plan {
        title: study.title.clone(),
        scenario_file: study.scenario_file.clone(),
        subnets: study.genesis.subnets.len(),
        blocks: study.blocks,
        design: study.design.kind.clone() + &study.design.seed.map_or(String::new(), |s| format!(" (seed {s})")),
        params: study.design.params.clone(),
        configurations: study.configs.len() as u64,
        replicates: study.replicates(),
        seed_formula: study.seeds.formula(),
        runs,
        shard,
        shard_runs,
        threads,
        metrics: study.measures.metrics.len(),
        stops: study.measures.stops.len(),
        calibration_blocks: result.blocks_run,
        calibration_s: took,
        build_s,
        per_block_s,
        world_bytes,
        runs_csv_bytes: head + sample * shard_runs,
        summary_csv_bytes: if shard.is_all() { head + summary_row * study.configs.len() as u64 } else { 0 },
    })
}

fn bytes(n: u64) -> String {
    match n {
        n if n >= 1 << 30 => format!("{:.1} GiB", n as f64 / (1u64 << 30) as f64),
        n if n >= 1 << 20 => format!("{:.1} MiB", n as f64 / (1u64 << 20) as f64),
        n if n >= 1 << 10 => format!("{:.1} KiB", n as f64 / 1024.0),
        n => format!("{n} B"),
    }
}

fn duration(s: f64) -> String {
    match s {
        s if s >= 86_400.0 => format!("{:.1} days", s / 86_400.0),
        s if s >= 3_600.0 => format!("{:.1} h", s / 3_600.0),
        s if s >= 60.0 => format!("{:.1} min", s / 60.0),
        s => format!("{s:.1} s"),
    }
}

fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

impl Plan {
    /// The runs' own time added up, and the wall time on the plan's threads.
    pub fn estimate_s(&self) -> (f64, f64) {
        let per_run = self.build_s + self.per_block_s * self.blocks as f64;
        let cpu = per_run * self.shard_runs as f64;
        let parallel = (self.threads as u64).min(self.shard_runs.max(1)).max(1) as f64;
        (cpu, cpu / parallel)
    }
}

impl fmt::Display for Plan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "study: {}", self.title)?;
        writeln!(f, "scenario: {} ({} subnets), {} blocks per run", self.scenario_file, self.subnets, thousands(self.blocks))?;
        writeln!(f, "design: {} over {} parameter(s)", self.design, self.params.len())?;
        for p in &self.params {
            writeln!(f, "  {p}")?;
        }
        writeln!(f, "runs: {} configurations × {} replicates = {} runs", thousands(self.configurations), thousands(self.replicates), thousands(self.runs))?;
        writeln!(f, "seeds: {}", self.seed_formula)?;
        if !self.shard.is_all() {
            writeln!(f, "shard {}: {} of the runs (run r goes to shard r mod {} + 1)", self.shard, thousands(self.shard_runs), self.shard.count)?;
        }
        writeln!(f, "measures: {} metric(s), {} stop condition(s)", self.metrics, self.stops)?;
        writeln!(
            f,
            "calibration: {} blocks of configuration 0 in {:.2} s (building the world {:.3} s): {:.3} ms per block",
            thousands(self.calibration_blocks),
            self.calibration_s,
            self.build_s,
            self.per_block_s * 1e3
        )?;
        let (cpu, wall) = self.estimate_s();
        let stops = if self.stops > 0 { " (less if stop conditions end runs early)" } else { "" };
        writeln!(f, "estimated time: {} of runs, {} on {} thread(s){stops}", duration(cpu), duration(wall), self.threads)?;
        match self.world_bytes {
            Some(b) => {
                let at_once = (self.threads as u64).min(self.shard_runs.max(1));
                writeln!(f, "memory: about {} per world, {} with {} at once", bytes(b), bytes(b * at_once), at_once)?
            }
            None => writeln!(f, "memory: not known on this system")?,
        }
        let summary = if self.shard.is_all() { format!(", summary.csv about {}", bytes(self.summary_csv_bytes)) } else { " (summary.csv after the merge)".into() };
        writeln!(f, "output: runs.csv about {}{summary}, manifest.json a few KiB", bytes(self.runs_csv_bytes))?;
        write!(f, "nothing was written (dry run)")
    }
}
