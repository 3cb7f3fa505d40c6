//! `dtao-sim import`: a chain snapshot into a scenario file.

use crate::scenario::{import, snapshot};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args, Debug, Clone)]
pub struct ImportArgs {
    /// The snapshot: one CSV row per netuid (0 = root), with its sidecar JSON beside it
    /// (same name, `.json`), as `mainnet_2026-08-07.csv`.
    pub snapshot: PathBuf,
    /// Where to write the scenario (default: the snapshot's name with `.toml`, in the
    /// current folder).
    #[arg(long)]
    pub out: Option<PathBuf>,
}

pub fn import(args: &ImportArgs) -> Result<ExitCode, String> {
    let snap = snapshot::read_snapshot(&args.snapshot)?;
    let source = args.snapshot.display().to_string();
    let text = import::scenario_text(&snap, &source)?;
    let out = args.out.clone().unwrap_or_else(|| {
        let stem = args.snapshot.file_stem().map_or("snapshot".into(), |s| s.to_string_lossy().into_owned());
        PathBuf::from(format!("{stem}.toml"))
    });
    // The file must load as it will be read: check it before writing anything.
    let shown = out.display().to_string();
    let scenario = crate::scenario::parse(&text, &shown).map_err(|e| format!("the imported scenario does not read back: {e}"))?;
    crate::scenario::resolve(&scenario)
        .map_err(|p| format!("the imported scenario does not check: {}", crate::scenario::load::locate_problem(&text, &shown, p)))?;
    std::fs::write(&out, &text).map_err(|e| format!("{shown}: cannot write: {e}"))?;
    let facts = import::facts(&snap);
    println!(
        "wrote {shown}: {} subnets at block {} (run starts at {}), {} take part in emission, {} receive TAO next block, \
         top 10 get {:.1}%, {} chain-buy",
        snap.subnets.len(),
        snap.block,
        snap.block + 1,
        facts.eligible,
        facts.receiving,
        facts.top10_share * 100.0,
        facts.capped
    );
    Ok(ExitCode::SUCCESS)
}
