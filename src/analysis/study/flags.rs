//! The study of `sweep SCENARIO --param NAME=V1,V2 --seeds A..B`: every combination of the
//! values (a factorial design), each run with every seed listed (common random numbers),
//! measuring the end state.

use super::definition::{DesignInfo, Seeds, Setting, Study};
use super::design::param_name;
use super::fingerprint::Fnv;
use super::measure::Measures;
use crate::analysis::grid::{parse_params, parse_seeds, Grid};
use crate::economy::limits::MAX_SWEEP_RUNS;
use std::path::Path;

/// The flags of the flag form, as given.
pub struct Flags<'a> {
    pub scenario: &'a Path,
    pub params: &'a [String],
    pub seeds: Option<&'a str>,
    pub blocks: Option<u64>,
}

/// Resolves the flag form into a study.
pub fn study_of_flags(flags: &Flags) -> Result<Study, String> {
    let (_, genesis) = crate::scenario::load(flags.scenario).map_err(|e| e.to_string())?;
    let swept = parse_params(flags.params)?;
    for p in &swept {
        param_name(&p.name).map_err(|e| format!("--param {}: {e}", p.name))?;
    }
    let seeds = match flags.seeds {
        Some(s) => parse_seeds(s)?,
        None => vec![genesis.seed],
    };
    let grid = Grid { params: swept, seeds };
    if grid.run_count() > MAX_SWEEP_RUNS as u128 {
        return Err(format!("{} runs (values of each --param times seeds) is more than the limit of {MAX_SWEEP_RUNS}", grid.run_count()));
    }
    // Parameters vary slowest in the order given, as the grid lists its runs.
    let mut configs: Vec<Vec<Setting>> = vec![Vec::new()];
    for p in &grid.params {
        configs = configs
            .into_iter()
            .flat_map(|c| p.values.iter().map(move |(text, change)| [c.clone(), vec![Setting { text: text.clone(), change: *change }]].concat()))
            .collect();
    }
    let scenario_text = crate::scenario::load::read_limited(flags.scenario, "a scenario").map_err(|e| e.to_string())?;
    let mut hash = Fnv::new();
    hash.write_str(&scenario_text);
    hash.write_str(&flags.params.join(" "));
    let info = DesignInfo {
        kind: "factorial".into(),
        seed: None,
        params: grid.params.iter().map(|p| format!("{}: values [{}]", p.name, p.values.iter().map(|v| v.0.clone()).collect::<Vec<_>>().join(", "))).collect(),
    };
    Ok(Study {
        title: genesis.title.clone(),
        spec_file: None,
        scenario_file: flags.scenario.display().to_string(),
        blocks: flags.blocks.unwrap_or(genesis.blocks),
        design: info,
        params: grid.params.iter().map(|p| p.name.clone()).collect(),
        configs,
        measures: Measures::default_for(&genesis),
        seeds: Seeds::Common { list: grid.seeds.clone() },
        source_hash: hash.finish(),
        genesis,
    })
}
