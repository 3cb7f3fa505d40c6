//! `dtao-sim sweep merge DIR... --out DIR`: the shards of one sweep into one folder.

use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args, Debug, Clone)]
pub struct MergeArgs {
    /// The shard folders (each written by `sweep --shard I/N`), every shard once.
    #[arg(required = true)]
    pub dirs: Vec<PathBuf>,
    /// The merged folder: runs.csv, summary.csv, manifest.json (and charts/).
    #[arg(long)]
    pub out: PathBuf,
    /// Draw the summary's charts.
    #[arg(long)]
    pub charts: bool,
}

pub fn merge(args: &MergeArgs) -> Result<ExitCode, String> {
    let merged = crate::analysis::study::merge(&args.dirs, &args.out, args.charts)?;
    println!("merged {} shards: {} runs, conservation exact in {} of them", merged.shards, merged.runs, merged.runs - merged.broken.min(merged.runs));
    println!("wrote {}, {} and {}", merged.runs_csv.display(), merged.summary_csv.display(), args.out.join("manifest.json").display());
    if let Some(first) = merged.charts.first() {
        println!("wrote {} charts to {}", merged.charts.len(), first.parent().map_or(String::new(), |p| p.display().to_string()));
    }
    Ok(if merged.broken == 0 { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}
