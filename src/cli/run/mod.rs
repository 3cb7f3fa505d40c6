//! `dtao-sim run`: a scenario headless, with a progress bar, CSV and summary ([`one`]), or
//! under several rule sets side by side ([`side_by_side`]).

pub mod measured;
pub mod one;
pub mod side_by_side;

pub use one::{run_genesis, RunOutcome};

use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args, Debug, Clone)]
pub struct RunArgs {
    /// The scenario file (TOML).
    pub scenario: PathBuf,
    /// Blocks to run (default: the scenario's `blocks`).
    #[arg(long, value_parser = clap::value_parser!(u64).range(..=crate::economy::limits::MAX_BLOCKS))]
    pub blocks: Option<u64>,
    /// Seed (default: the scenario's `seed`).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Write a row per subnet every K blocks (at blocks K-1, 2K-1, …, and the last block).
    #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u64).range(1..))]
    pub every: u64,
    /// Write holder values every K blocks (and at block 0).
    #[arg(long, default_value_t = 1_000, value_parser = clap::value_parser!(u64).range(1..))]
    pub holders_every: u64,
    /// Output folder.
    #[arg(long, default_value = "out")]
    pub out: PathBuf,
    /// Check conservation after every block (default: at every sampled block and the end).
    #[arg(long)]
    pub check_every_block: bool,
    /// Also write charts (PNG and SVG) of price and emission share per subnet and of holder
    /// value by strategy to DIR/charts/ (with --compare: overlays of every rule set).
    #[arg(long)]
    pub charts: bool,
    /// Run the same scenario and seed under each of these rule sets (e.g.
    /// bit001,mainnet-2025-11): DIR/<rule set>/ gets each run's files, DIR/compare.csv the
    /// price, share and pool of every subnet side by side.
    #[arg(long, value_name = "RULE_SETS", value_delimiter = ',', value_parser = clap::value_parser!(crate::economy::RuleSet))]
    pub compare: Vec<crate::economy::RuleSet>,
    /// Run under this rule set instead of the scenario's `[rules] preset`, the scenario's
    /// own `[rules]` values kept (e.g. `--rules mainnet-2026-10`).
    #[arg(long, value_name = "RULE_SET", value_parser = clap::value_parser!(crate::economy::RuleSet))]
    pub rules: Option<crate::economy::RuleSet>,
    /// Change a parameter before the first block (e.g. `tao_weight=0.3`, `rule_set=bit001`),
    /// as a sweep's configuration does; repeat for more.
    #[arg(long = "set", value_name = "NAME=VALUE")]
    pub set: Vec<String>,
    /// Measure the run as a sweep measures a row and write DIR/row.csv: with a sweep spec,
    /// its metrics and stop conditions; alone, the end state the flag form of `sweep`
    /// measures. Every row of a sweep's runs.csv has the command that reproduces it so.
    #[arg(long, value_name = "SPEC", num_args = 0..=1)]
    pub measure: Option<Option<PathBuf>>,
}

impl RunArgs {
    pub fn for_scenario(scenario: PathBuf) -> Self {
        RunArgs {
            scenario,
            blocks: None,
            seed: None,
            every: 100,
            holders_every: 1_000,
            out: PathBuf::from("out"),
            check_every_block: false,
            charts: false,
            compare: Vec::new(),
            rules: None,
            set: Vec::new(),
            measure: None,
        }
    }
}

pub fn run(args: &RunArgs) -> Result<ExitCode, String> {
    let (scenario, mut genesis) = crate::scenario::load(&args.scenario).map_err(|e| e.to_string())?;
    // Compare mode: the command line's rule sets, or else the scenario's `compare` key.
    let compare = if args.compare.is_empty() { genesis.compare.clone() } else { args.compare.clone() };
    if !compare.is_empty() {
        if !args.set.is_empty() || args.measure.is_some() || args.rules.is_some() {
            return Err("--set, --measure and --rules are for one run: they do not combine with compare mode (--compare or the scenario's `compare`)".into());
        }
        return side_by_side::compare(args, &scenario, &compare);
    }
    if let Some(rules) = args.rules {
        let file = args.scenario.display().to_string();
        genesis = crate::scenario::variants::genesis_per_rule_set(&scenario, &file, None, &[rules])?.remove(0);
    }
    if let Some(seed) = args.seed {
        genesis.seed = seed;
    }
    let (names, settings) = measured::settings_of(&args.set)?;
    crate::analysis::study::apply_settings(&mut genesis, &names, &settings)?;
    if let Some(spec) = &args.measure {
        return measured::run_measured(args, &genesis, spec.as_deref(), &names, &settings);
    }
    let outcome = run_genesis(args, &genesis, &args.out, false)?;
    Ok(if outcome.conservation_ok { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

