//! Running a shard's runs on several threads, each run a world of its own, and writing
//! their rows to `runs.csv` in run order as soon as every earlier row is written: the file
//! grows while the sweep runs, and whatever a stop leaves of it is a prefix of the finished
//! file ([`super::runs_csv::completed`]), which `--resume` continues.

use super::definition::Study;
use super::execute::{apply_settings, run_row, SeriesOut};
use super::runs_csv::{completed, header, line, row};
use super::shard::Shard;
use indicatif::ProgressBar;
use std::collections::BTreeMap;
use std::fs::OpenOptions;
use std::io::{Seek, SeekFrom, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;

/// How a shard is run.
pub struct RunOptions<'a> {
    pub threads: usize,
    /// With `Some((dir, K))`, each run's subnet series every K blocks goes to
    /// `dir/run_<n>.csv`.
    pub series: Option<(&'a Path, u64)>,
    pub progress: &'a ProgressBar,
}

/// What a session of a shard did.
#[derive(Clone, Copy, Debug)]
pub struct Ran {
    /// Rows `runs.csv` already held (resuming).
    pub before: u64,
    /// Rows it holds now: all of the shard's unless an error stopped the session.
    pub now: u64,
    /// The runs' own wall times, added up.
    pub cpu_s: f64,
}

/// One run's row and wall time.
fn one_run(study: &Study, run: u64, series: Option<(&Path, u64)>) -> Result<(String, f64), String> {
    let id = study.run_id(run);
    let mut genesis = study.genesis.clone();
    apply_settings(&mut genesis, &study.params, &study.configs[id.config as usize])?;
    let file = series.map(|(dir, every)| (dir.join(format!("run_{run}.csv")), every));
    let series = file.as_ref().map(|(file, every)| SeriesOut { file, every: *every });
    let result = run_row(&genesis, &study.measures, study.blocks, id.seed, series).map_err(|e| format!("run {run}: {e}"))?;
    Ok((row(study, id, &result)?, result.wall_s))
}

/// Opens `runs.csv` for this session: a fresh file with its header, or (resuming) the
/// finished part of the old one, cut after its last whole row.
fn open_rows(study: &Study, path: &Path, expected: &[u64], resume: bool) -> Result<(std::fs::File, usize), String> {
    let head = line(&header(study))?;
    let err = |e: std::io::Error| format!("{}: {e}", path.display());
    let existing = if resume { std::fs::read_to_string(path).ok() } else { None };
    match existing {
        Some(text) => {
            let (done, end) = completed(&text, &head, expected).map_err(|e| format!("{}: cannot resume: {e}", path.display()))?;
            let mut file = OpenOptions::new().write(true).open(path).map_err(err)?;
            file.set_len(end as u64).map_err(err)?;
            file.seek(SeekFrom::End(0)).map_err(err)?;
            Ok((file, done))
        }
        None => {
            let mut file = std::fs::File::create(path).map_err(err)?;
            file.write_all(head.as_bytes()).map_err(err)?;
            Ok((file, 0))
        }
    }
}

/// Runs the runs of `shard` that `runs_csv` does not hold yet.
pub fn run_shard(study: &Study, runs_csv: &Path, shard: Shard, resume: bool, opts: &RunOptions) -> Result<Ran, String> {
    let expected = shard.runs(study.run_count());
    let (mut file, done) = open_rows(study, runs_csv, &expected, resume)?;
    let remaining = &expected[done..];
    opts.progress.set_length(expected.len() as u64);
    opts.progress.set_position(done as u64);
    let (next, failed) = (AtomicUsize::new(0), AtomicBool::new(false));
    let (tx, rx) = mpsc::channel::<(usize, Result<(String, f64), String>)>();
    let mut error: Option<String> = None;
    let (mut written, mut cpu_s) = (0usize, 0.0);
    std::thread::scope(|scope| {
        for _ in 0..opts.threads.clamp(1, remaining.len().max(1)) {
            let (tx, next, failed) = (tx.clone(), &next, &failed);
            scope.spawn(move || {
                while !failed.load(Ordering::Relaxed) {
                    let k = next.fetch_add(1, Ordering::Relaxed);
                    let Some(&run) = remaining.get(k) else { break };
                    if tx.send((k, one_run(study, run, opts.series))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        // Rows that finished before an earlier one wait here for their turn.
        let mut waiting: BTreeMap<usize, (String, f64)> = BTreeMap::new();
        for (k, result) in rx {
            match result {
                Ok(r) => {
                    waiting.insert(k, r);
                }
                Err(e) => {
                    failed.store(true, Ordering::Relaxed);
                    error.get_or_insert(e);
                }
            }
            while error.is_none()
                && let Some((text, wall)) = waiting.remove(&written)
            {
                if let Err(e) = file.write_all(text.as_bytes()) {
                    failed.store(true, Ordering::Relaxed);
                    error = Some(format!("{}: {e}", runs_csv.display()));
                    break;
                }
                written += 1;
                cpu_s += wall;
                opts.progress.inc(1);
            }
        }
    });
    match error {
        Some(e) => Err(e),
        None => Ok(Ran { before: done as u64, now: (done + written) as u64, cpu_s }),
    }
}
