//! The `dtao-sim` command line: `run` (and `run --compare`), `check`, `replay`, `bench`,
//! `sweep`, `import`, `gui`, `record`, and the window by default. One file (or folder) per
//! command; each parses its arguments and calls down into the floors below (`scenario`,
//! `analysis`, `dashboard`), never the other way.

pub mod bench;
pub mod check;
pub mod import;
pub mod record;
pub mod replay;
pub mod rpc;
pub mod run;
pub mod sweep;
pub mod verify;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// The rule sets a scenario's `[rules] preset` names, and the chain state each one pins.
const RULE_SETS_HELP: &str = "Rule sets ([rules] preset):
  bit001           the BIT001 proposal; where it is silent, the chain of 2025-02-24
  mainnet-2025-02  the chain at opentensor/subtensor commit 5073ade602c367471f5124329b9d7ccf8e972d69
                   (2025-02-24): EMA-price shares, flat fee 50,000 RAO, no subnet limit
  mainnet-2025-11  the chain at opentensor/subtensor commit 459fa72d1 (2025-11-24): TAO-flow
                   shares, chain buys, root alpha claimed (swap or keep), fee 33/65535
  mainnet-2026-08  the chain at runtime spec 443 (2026-08-07; SPEC_2026_08.md): gated EMA shares
                   weighted by miner burn, injection capped at root_prop x alpha emission with
                   chain buys kept as protocol alpha, Balancer pools (fee to the block author),
                   EMA factor 0.0003, epochs by LastEpochBlock, root dividends kept in place,
                   the doubling lock cost decaying over 57,600 blocks at E = 0.5
  mainnet-2026-10  the chain at runtime spec 475 (2026-10-07; SPEC_2026_10.md): mainnet-2026-08
                   plus queued registration with escrow at the subnet limit, the dissolution
                   payout of destroy_alpha_in_out_stakes, root dividends only to root UIDs
                   (recycled when none qualifies), optional transaction-fee recycling";

/// Simulate Bittensor's Dynamic TAO economy block by block.
#[derive(Parser, Debug)]
#[command(name = "dtao-sim", version, about, after_help = RULE_SETS_HELP)]
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
    /// Run each scenario headless and check every claim its captions make (`expect`);
    /// exits non-zero naming the file, line and column of each false claim.
    Verify {
        #[arg(required = true)]
        scenarios: Vec<PathBuf>,
    },
    /// Replay a reference vector (run_*.json) and print its checkpoints as JSON; exits
    /// non-zero naming the first difference from the checkpoints the file carries.
    Replay { vector: PathBuf },
    /// Time the headless core: equal subnets, no holders acting.
    Bench(bench::BenchArgs),
    /// Run a scenario many times: every combination of parameter values and seeds (flags), or
    /// a study from a spec file (designs, replicates, metrics, stop conditions); in parallel,
    /// in shards, resumable; writes runs.csv, summary.csv (with 95% CIs), manifest.json and
    /// charts. `sweep merge` joins shards.
    Sweep(sweep::SweepArgs),
    /// Open the dashboard on a scenario; with --blocks and --screenshot, run, save a PNG and exit.
    Gui(GuiArgs),
    /// Turn a chain snapshot (SNAPSHOT.csv with SNAPSHOT.json beside it) into a scenario under
    /// the mainnet-2026-08 rules that starts at the snapshot's next block.
    Import(import::ImportArgs),
    /// Record the dashboard frame by frame: exactly K blocks between frames, every frame a
    /// PNG of exactly WxH (and an MP4 with ffmpeg, a GIF with --gif); the same command gives
    /// the same files.
    Record(record::RecordArgs),
}

#[derive(clap::Args, Debug, Clone)]
pub struct GuiArgs {
    /// The scenario file (default: scenarios/equal_start.toml).
    pub scenario: Option<PathBuf>,
    /// Run this many blocks before showing the window.
    #[arg(long, value_parser = clap::value_parser!(u64).range(..=crate::economy::limits::MAX_BLOCKS))]
    pub blocks: Option<u64>,
    /// Seed (default: the scenario's).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Save a screenshot of the window to this PNG file and exit.
    #[arg(long)]
    pub screenshot: Option<PathBuf>,
    /// Start in the light theme.
    #[arg(long)]
    pub light: bool,
    /// Start with large text (for projectors).
    #[arg(long)]
    pub large_text: bool,
    /// Window size in pixels, e.g. 1280x720 (default: the monitor's size).
    #[arg(long, value_name = "WxH", value_parser = crate::dashboard::parse_window_size)]
    pub window: Option<(u32, u32)>,
    /// Open full screen.
    #[arg(long)]
    pub fullscreen: bool,
    /// Open in presentation mode (caption and charts only; F5 or Esc leaves it).
    #[arg(long)]
    pub present: bool,
    /// Compare mode: the same scenario and seed under each of these rule sets, side by side
    /// (e.g. bit001,mainnet-2025-11; the first runs in the window's own world).
    #[arg(long, value_name = "RULE_SETS", value_delimiter = ',', value_parser = clap::value_parser!(crate::economy::RuleSet))]
    pub compare: Vec<crate::economy::RuleSet>,
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Run(args)) => run::run(&args),
        Some(Command::Check { scenarios }) => check::check(&scenarios),
        Some(Command::Replay { vector }) => replay::replay(&vector),
        Some(Command::Verify { scenarios }) => verify::verify(&scenarios),
        Some(Command::Bench(args)) => bench::bench(&args),
        Some(Command::Sweep(args)) => sweep::sweep(&args),
        Some(Command::Import(args)) => import::import(&args),
        Some(Command::Record(args)) => record::record(&args),
        Some(Command::Gui(args)) => require_display().and_then(|()| crate::dashboard::run_app(crate::dashboard::AppOptions {
            compare: args.compare,
            scenario: args.scenario.unwrap_or_else(|| PathBuf::from(crate::scenario::DEFAULT_SCENARIO)),
            seed: args.seed,
            blocks: args.blocks,
            screenshot: args.screenshot,
            light: args.light,
            large_text: args.large_text,
            window: args.window,
            fullscreen: args.fullscreen,
            present: args.present,
            record: None,
        })),
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

/// The window needs an X11 or Wayland display; without one, say so instead of letting the
/// windowing library panic.
fn require_display() -> Result<(), String> {
    if cfg!(all(unix, not(target_os = "macos"))) {
        let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
        if !set("DISPLAY") && !set("WAYLAND_DISPLAY") {
            return Err("no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set): \
                        run it in a desktop session or under `xvfb-run`, or use `dtao-sim run` headless"
                .into());
        }
    }
    Ok(())
}

/// With no arguments: the dashboard on the default scenario.
fn open_app() -> Result<ExitCode, String> {
    require_display()?;
    crate::dashboard::run_app(crate::dashboard::AppOptions {
        scenario: PathBuf::from(crate::scenario::DEFAULT_SCENARIO),
        ..Default::default()
    })
}
