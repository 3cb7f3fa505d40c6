//! One session of `sweep`: the study from the flags or the spec, then the plan
//! (`--dry-run`) or the runs with a progress bar for the shard; and `--resume DIR`, which
//! parses the command line the sweep's manifest records and continues it.

use super::SweepArgs;
use crate::analysis::study::{self, load_spec, plan, study_of_flags, Flags, Manifest, Shard, Study, SweepOptions};
use clap::Parser;
use indicatif::{ProgressBar, ProgressStyle};
use std::path::Path;
use std::process::ExitCode;

fn study_of(args: &SweepArgs) -> Result<Study, String> {
    match (&args.spec, &args.scenario) {
        (Some(_), Some(_)) => Err("give a scenario (with --param) or --spec FILE.toml, not both".into()),
        (Some(spec), None) => {
            if !args.params.is_empty() || args.seeds.is_some() || args.blocks.is_some() {
                return Err("--param, --seeds and --blocks are the flag form's: with --spec, the spec sets parameters, replicates and blocks".into());
            }
            load_spec(spec).map_err(|e| e.to_string())
        }
        (None, Some(scenario)) => study_of_flags(&Flags { scenario, params: &args.params, seeds: args.seeds.as_deref(), blocks: args.blocks }),
        (None, None) => Err("give a scenario with --param NAME=V1,V2 ..., or --spec FILE.toml, or --resume DIR, or `sweep merge DIR... --out DIR`".into()),
    }
}

fn bar(shard: Shard) -> ProgressBar {
    let bar = ProgressBar::new(0);
    let style = ProgressStyle::with_template("{prefix} {bar:40} {pos}/{len} runs  elapsed {elapsed}  eta {eta}").unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar.set_prefix(if shard.is_all() { "sweep".to_string() } else { format!("shard {shard}") });
    bar
}

/// Starts (or, with `resume`, continues) the sweep `args` describe.
pub fn start(args: &SweepArgs, resume: bool) -> Result<ExitCode, String> {
    // The flags first: they are refused without reading any file.
    let shard = match &args.shard {
        Some(s) => Shard::parse(s)?,
        None => Shard::ALL,
    };
    if args.series == Some(0) {
        return Err("--series must be at least 1".into());
    }
    let study = study_of(args)?;
    let threads = args.threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    if args.dry_run {
        println!("{}", plan(&study, shard, threads)?);
        return Ok(ExitCode::SUCCESS);
    }
    let charts = if args.spec.is_some() { args.charts } else { !args.no_charts };
    let runs = study.run_count();
    println!(
        "{}: {} configuration(s) × {} replicate(s) = {runs} runs of {} blocks on {threads} threads",
        study.title,
        study.configs.len(),
        study.replicates(),
        study.blocks
    );
    println!("seeds: {}", study.seeds.formula());
    if !shard.is_all() {
        println!("shard {shard}: {} of the {runs} runs (run r belongs to shard r mod {} + 1)", shard.runs(runs).len(), shard.count);
    }
    let progress = bar(shard);
    let command: Vec<String> = std::env::args().collect();
    let opts = SweepOptions { out: &args.out, shard, resume, threads, series_every: args.series, charts: charts && shard.is_all(), command, progress: &progress };
    let report = study::sweep(&study, &opts)?;
    progress.finish_and_clear();
    let new = report.runs - report.done_before;
    if report.done_before > 0 {
        println!("{} runs were done already; {new} more run now", report.done_before);
    }
    println!(
        "{new} runs in {:.2} s (the runs' own times add up to {:.2} s: {:.1}x in parallel); conservation exact in {} of {}",
        report.wall_s,
        report.cpu_s,
        report.cpu_s / report.wall_s.max(1e-9),
        report.runs - report.broken.min(report.runs),
        report.runs
    );
    println!("wrote {}", report.runs_csv.display());
    match &report.summary_csv {
        Some(s) => println!("wrote {} and {}", s.display(), args.out.join("manifest.json").display()),
        None => println!("wrote {}; when every shard is done: dtao-sim sweep merge DIR1 DIR2 ... --out DIR", args.out.join("manifest.json").display()),
    }
    if let Some(first) = report.charts.first() {
        println!("wrote {} charts to {}", report.charts.len(), first.parent().unwrap_or(Path::new(".")).display());
    }
    Ok(if report.broken == 0 { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

/// Continues the sweep in `dir` as its manifest records it, on `threads` if given.
pub fn resume(dir: &Path, threads: Option<usize>) -> Result<ExitCode, String> {
    let manifest = Manifest::read(dir)?;
    let recorded = manifest.command.join(" ");
    let cli = crate::cli::Cli::try_parse_from(&manifest.command).map_err(|e| format!("{}: its command `{recorded}` does not parse: {e}", dir.display()))?;
    let Some(crate::cli::Command::Sweep(mut args)) = cli.command else {
        return Err(format!("{}: its command `{recorded}` is not a sweep", dir.display()));
    };
    args.out = dir.to_path_buf();
    args.threads = threads.or(args.threads);
    println!("resuming `{recorded}` in {}", dir.display());
    let here = std::env::current_dir().map_or_else(|_| String::new(), |d| d.display().to_string());
    start(&args, true).map_err(|e| if here != manifest.cwd { format!("{e} (the sweep was started in {}; resume it from there)", manifest.cwd) } else { e })
}
