//! The `dtao-sim` command line: `run`, `check`, `replay`, `bench`, and the app by default.

pub mod bench;
pub mod check;
pub mod output;
pub mod replay;
pub mod run;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// Simulate Bittensor's Dynamic TAO economy block by block.
#[derive(Parser, Debug)]
#[command(name = "dtao-sim", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run a scenario headless and write subnets.csv and summary.json.
    Run(run::RunArgs),
    /// Check scenario files; exits non-zero naming the file, line and field of the first problem.
    Check {
        #[arg(required = true)]
        scenarios: Vec<PathBuf>,
    },
    /// Replay a reference vector (run_*.json) and print its checkpoints as JSON; exits
    /// non-zero naming the first difference from the checkpoints the file carries.
    Replay { vector: PathBuf },
    /// Time the headless core: equal subnets, no holders acting.
    Bench(bench::BenchArgs),
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Run(args)) => run::run(&args),
        Some(Command::Check { scenarios }) => check::check(&scenarios),
        Some(Command::Replay { vector }) => replay::replay(&vector),
        Some(Command::Bench(args)) => bench::bench(&args),
        None => open_app(),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Until the window lands, the app runs the default scenario headless and says so.
fn open_app() -> Result<ExitCode, String> {
    eprintln!(
        "The dashboard window is not built yet; running {} headless instead (see README).",
        crate::scenario::DEFAULT_SCENARIO
    );
    run::run(&run::RunArgs::for_scenario(PathBuf::from(crate::scenario::DEFAULT_SCENARIO)))
}
