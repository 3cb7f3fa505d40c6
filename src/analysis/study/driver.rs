//! A sweep (or one shard of it) into its folder, start to end: refuse to start over an
//! unfinished sweep, write the manifest, run the shard, then the summary and the charts
//! (when the shard is the whole sweep) and the manifest again.

use super::definition::Study;
use super::manifest::{unix_now, write_whole, Machine, Manifest, Resumed};
use super::runner::{run_shard, RunOptions};
use super::shard::Shard;
use super::summary_charts::summary_charts;
use super::summary_csv::{summarise_runs, summary_text, Layout};
use indicatif::ProgressBar;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// How to run a sweep.
pub struct SweepOptions<'a> {
    pub out: &'a Path,
    pub shard: Shard,
    /// Continue the sweep in `out` instead of starting one.
    pub resume: bool,
    pub threads: usize,
    /// Each run's subnet series every K blocks, in `out/series/run_<n>.csv`.
    pub series_every: Option<u64>,
    pub charts: bool,
    /// This session's command line, for the manifest.
    pub command: Vec<String>,
    pub progress: &'a ProgressBar,
}

/// What a session did.
#[derive(Clone, Debug)]
pub struct SweepReport {
    /// The shard's runs, and how many `runs.csv` held when the session started.
    pub runs: u64,
    pub done_before: u64,
    pub wall_s: f64,
    /// The runs' own wall times of this session.
    pub cpu_s: f64,
    /// Runs (of the whole file) whose TAO or alpha was not conserved exactly.
    pub broken: u64,
    pub runs_csv: PathBuf,
    pub summary_csv: Option<PathBuf>,
    pub charts: Vec<PathBuf>,
}

/// Rows of a `runs.csv` text whose `conservation_ok` is 0.
pub fn broken_rows(runs_csv: &str) -> u64 {
    let mut reader = csv::ReaderBuilder::new().from_reader(runs_csv.as_bytes());
    let Some(col) = reader.headers().ok().and_then(|h| h.iter().position(|c| c == "conservation_ok")) else { return 0 };
    reader.records().filter_map(Result::ok).filter(|r| r.get(col) == Some("0")).count() as u64
}

/// Writes `summary.csv` (and with `charts`, `charts/`) of a whole sweep's `runs.csv` text.
pub fn write_summary(out: &Path, layout: &Layout, runs_csv: &str, charts: bool) -> Result<(PathBuf, Vec<PathBuf>), String> {
    let rows = summarise_runs(layout, runs_csv)?;
    let path = out.join("summary.csv");
    write_whole(&path, &summary_text(layout, &rows)?)?;
    let drawn = if charts { summary_charts(&out.join("charts"), layout, &rows)? } else { Vec::new() };
    Ok((path, drawn))
}

/// The manifest this session starts from: a new one, or (resuming) the old one, checked
/// against the study and noting this session.
fn starting_manifest(study: &Study, opts: &SweepOptions) -> Result<Manifest, String> {
    let old = opts.out.join("manifest.json").exists().then(|| Manifest::read(opts.out)).transpose()?;
    let dir = opts.out.display();
    if !opts.resume {
        if let Some(old) = old.filter(|m| m.status != "complete") {
            return Err(format!(
                "{dir} holds a sweep of {} runs (shard {}) that has not finished: continue it with `dtao-sim sweep --resume {dir}`, or give another --out",
                old.shard_runs, old.shard
            ));
        }
        return Ok(Manifest::start(study, opts.shard, opts.command.clone(), opts.threads));
    }
    let mut m = old.ok_or_else(|| format!("{dir}: no manifest.json: nothing to resume there"))?;
    let now = study.fingerprint();
    if m.fingerprint != now || m.shard != opts.shard {
        return Err(format!(
            "{dir}: the sweep there was made from other files or another shard (fingerprint {} shard {}, now {now} shard {}): the spec or the scenario changed since; start a new sweep",
            m.fingerprint, m.shard, opts.shard
        ));
    }
    m.resumed.push(Resumed { command: opts.command.clone(), at_unix_s: unix_now(), runs_done: 0, machine: Machine::here(opts.threads) });
    m.status = "running".into();
    Ok(m)
}

/// Runs `study` (this shard of it) into `opts.out`.
pub fn sweep(study: &Study, opts: &SweepOptions) -> Result<SweepReport, String> {
    let started = Instant::now();
    let mut manifest = starting_manifest(study, opts)?;
    std::fs::create_dir_all(opts.out).map_err(|e| format!("{}: {e}", opts.out.display()))?;
    let series_dir = opts.out.join("series");
    if opts.series_every.is_some() {
        std::fs::create_dir_all(&series_dir).map_err(|e| format!("{}: {e}", series_dir.display()))?;
    }
    manifest.write(opts.out)?;
    let runs_csv = opts.out.join("runs.csv");
    let run_opts = RunOptions { threads: opts.threads, series: opts.series_every.map(|k| (series_dir.as_path(), k)), progress: opts.progress };
    let ran = run_shard(study, &runs_csv, opts.shard, opts.resume, &run_opts)?;
    if let Some(r) = manifest.resumed.last_mut().filter(|_| opts.resume) {
        r.runs_done = ran.before;
    }
    let text = std::fs::read_to_string(&runs_csv).map_err(|e| format!("{}: {e}", runs_csv.display()))?;
    let broken = broken_rows(&text);
    let (summary_csv, charts) = if opts.shard.is_all() {
        let (s, c) = write_summary(opts.out, &manifest.layout, &text, opts.charts)?;
        (Some(s), c)
    } else {
        (None, Vec::new())
    };
    let wall_s = started.elapsed().as_secs_f64();
    manifest.status = "complete".into();
    manifest.finished_unix_s = Some(unix_now());
    manifest.wall_s = Some(wall_s);
    manifest.cpu_s += ran.cpu_s;
    manifest.conservation_broken = broken;
    manifest.write(opts.out)?;
    Ok(SweepReport { runs: manifest.shard_runs, done_before: ran.before, wall_s, cpu_s: ran.cpu_s, broken, runs_csv, summary_csv, charts })
}
