//! `run --set NAME=VALUE` and `run --measure [SPEC]`: one run with a sweep configuration's
//! settings, measured by the very code a sweep measures its rows with, so that a row's
//! reproduce command gives the row's numbers. Writes `DIR/row.csv` (and `DIR/subnets.csv`).

use super::RunArgs;
use crate::analysis::study::design::parse_setting;
use crate::analysis::study::execute::SeriesOut;
use crate::analysis::study::runs_csv::{line, number};
use crate::analysis::study::{load_spec, run_row, Measures, Setting};
use crate::scenario::Genesis;
use std::path::Path;
use std::process::ExitCode;

/// The `--set`s, each parameter once.
pub fn settings_of(texts: &[String]) -> Result<(Vec<String>, Vec<Setting>), String> {
    let mut names: Vec<String> = Vec::new();
    let mut settings = Vec::new();
    for text in texts {
        let (name, s) = parse_setting(text)?;
        if names.contains(&name) {
            return Err(format!("--set {name} is given twice"));
        }
        names.push(name);
        settings.push(s);
    }
    Ok((names, settings))
}

/// Runs `genesis` (settings applied) measured by `spec`'s metrics, or the end state.
pub fn run_measured(args: &RunArgs, genesis: &Genesis, spec: Option<&Path>, names: &[String], settings: &[Setting]) -> Result<ExitCode, String> {
    let measures = match spec {
        Some(path) => load_spec(path).map_err(|e| e.to_string())?.measures,
        None => Measures::default_for(genesis),
    };
    let blocks = args.blocks.unwrap_or(genesis.blocks);
    std::fs::create_dir_all(&args.out).map_err(|e| format!("{}: {e}", args.out.display()))?;
    println!("{} ({} blocks, seed {}, rule set {}), measured as a sweep row", genesis.title, blocks, genesis.seed, genesis.params.rule_set);
    let series = args.out.join("subnets.csv");
    let result = run_row(genesis, &measures, blocks, genesis.seed, Some(SeriesOut { file: &series, every: args.every }))?;
    let mut header = vec!["seed".to_string()];
    header.extend(names.iter().cloned());
    header.extend(measures.metrics.iter().map(|m| m.name.clone()));
    header.extend(["blocks_run", "stopped_by", "conservation_ok"].map(String::from));
    let mut row = vec![genesis.seed.to_string()];
    row.extend(settings.iter().map(|s| s.text.clone()));
    row.extend(result.values.iter().map(|v| number(*v)));
    row.extend([result.blocks_run.to_string(), result.stopped_by.clone().unwrap_or_default(), if result.conservation_ok { "1" } else { "0" }.to_string()]);
    let path = args.out.join("row.csv");
    let text = line(&header)? + &line(&row)?;
    std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    for (m, v) in measures.metrics.iter().zip(&result.values) {
        println!("  {:<28} {}", m.name, number(*v));
    }
    if let Some(why) = &result.stopped_by {
        println!("stopped after {} blocks: {why}", result.blocks_run);
    }
    println!("wrote {} and {}", path.display(), series.display());
    Ok(if result.conservation_ok { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}
