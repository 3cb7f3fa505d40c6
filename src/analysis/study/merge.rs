//! `sweep merge DIR...`: the shard folders of one sweep into one folder whose `runs.csv`
//! and `summary.csv` are the bytes an unsharded run of the same spec writes. The shards must
//! be of one sweep (one fingerprint, one shard count), each complete, every shard there once.

use super::driver::{broken_rows, write_summary};
use super::manifest::{unix_now, write_whole, Manifest};
use super::runs_csv::completed;
use super::shard::Shard;
use std::path::{Path, PathBuf};

/// What a merge wrote.
#[derive(Clone, Debug)]
pub struct Merged {
    pub runs: u64,
    pub shards: u64,
    pub broken: u64,
    pub runs_csv: PathBuf,
    pub summary_csv: PathBuf,
    pub charts: Vec<PathBuf>,
}

/// A shard folder, read and checked on its own.
struct ShardDir {
    dir: PathBuf,
    manifest: Manifest,
    header: String,
    rows: String,
}

fn read_shard(dir: &Path) -> Result<ShardDir, String> {
    let manifest = Manifest::read(dir)?;
    let path = dir.join("runs.csv");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    let header_len = text.find('\n').map_or(text.len(), |i| i + 1);
    let header = text[..header_len].to_string();
    let expected = manifest.shard.runs(manifest.runs);
    let (done, end) = completed(&text, &header, &expected).map_err(|e| format!("{}: {e}", path.display()))?;
    if done < expected.len() || manifest.status != "complete" {
        return Err(format!(
            "{} holds {done} of the {} runs of shard {}: finish it first (`dtao-sim sweep --resume {}`)",
            dir.display(),
            expected.len(),
            manifest.shard,
            dir.display()
        ));
    }
    if end != text.len() {
        return Err(format!("{}: text after its last run", path.display()));
    }
    Ok(ShardDir { dir: dir.to_path_buf(), rows: text[header_len..].to_string(), header, manifest })
}

/// Merges `dirs` into `out`, with the summary charts when `charts`.
pub fn merge(dirs: &[PathBuf], out: &Path, charts: bool) -> Result<Merged, String> {
    if dirs.is_empty() {
        return Err("give the shard folders to merge".into());
    }
    let same = |a: &Path, b: &Path| a == b || a.canonicalize().ok().zip(b.canonicalize().ok()).is_some_and(|(x, y)| x == y);
    if let Some(d) = dirs.iter().find(|d| same(d, out)) {
        return Err(format!("--out {} is one of the shard folders: merge into another folder", d.display()));
    }
    let shards = dirs.iter().map(|d| read_shard(d)).collect::<Result<Vec<_>, _>>()?;
    let first = &shards[0];
    let count = first.manifest.shard.count;
    for s in &shards[1..] {
        if s.manifest.fingerprint != first.manifest.fingerprint || s.header != first.header {
            return Err(format!("{} and {} are shards of different sweeps (fingerprints {} and {})", first.dir.display(), s.dir.display(), first.manifest.fingerprint, s.manifest.fingerprint));
        }
        if s.manifest.shard.count != count {
            return Err(format!("{} is shard {} but {} is shard {}: one sweep is cut into one number of shards", s.dir.display(), s.manifest.shard, first.dir.display(), first.manifest.shard));
        }
    }
    for (i, s) in shards.iter().enumerate() {
        if let Some(t) = shards[..i].iter().find(|t| t.manifest.shard == s.manifest.shard) {
            return Err(format!("shard {} is given twice: {} and {}", s.manifest.shard, t.dir.display(), s.dir.display()));
        }
    }
    if let Some(index) = (1..=count).find(|i| !shards.iter().any(|s| s.manifest.shard.index == *i)) {
        return Err(format!("shard {index}/{count} is missing: give its folder too"));
    }
    // Every shard's rows are in run order and shard r holds runs r-1, r-1+N, ...: dealing
    // them back round-robin gives all runs in order.
    let mut lines: Vec<std::str::Split<'_, char>> = (1..=count)
        .map(|i| shards.iter().find(|s| s.manifest.shard.index == i).map(|s| s.rows.split('\n')).expect("every shard checked above"))
        .collect();
    let total = first.manifest.runs;
    let mut text = first.header.clone();
    for run in 0..total {
        let line = lines[(run % count) as usize].next().unwrap_or("");
        text.push_str(line);
        text.push('\n');
    }
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let runs_csv = out.join("runs.csv");
    write_whole(&runs_csv, &text)?;
    let (summary_csv, drawn) = write_summary(out, &first.manifest.layout, &text, charts)?;
    let mut manifest = first.manifest.clone();
    manifest.shard = Shard::ALL;
    manifest.shard_runs = total;
    manifest.merged_from = shards.iter().map(|s| s.dir.display().to_string()).collect();
    manifest.cpu_s = shards.iter().map(|s| s.manifest.cpu_s).sum();
    manifest.wall_s = shards.iter().filter_map(|s| s.manifest.wall_s).reduce(f64::max);
    manifest.finished_unix_s = Some(unix_now());
    manifest.conservation_broken = broken_rows(&text);
    manifest.write(out)?;
    Ok(Merged { runs: total, shards: count, broken: manifest.conservation_broken, runs_csv, summary_csv, charts: drawn })
}
