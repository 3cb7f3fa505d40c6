//! `dtao-sim import`: a chain state into a scenario file, from a snapshot CSV, from a node
//! over JSON-RPC (`--rpc`), or from a storage dump a node's state was saved to (`--storage`).

use super::rpc;
use crate::scenario::chain_state::{self, dump, RuleChoice};
use crate::scenario::import::{self, Provenance};
use crate::scenario::snapshot::{self, Snapshot};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

#[derive(clap::Args, Debug, Clone)]
pub struct ImportArgs {
    /// The snapshot: one CSV row per netuid (0 = root), with its sidecar JSON beside it
    /// (same name, `.json`), as `mainnet_2026-08-07.csv`.
    #[arg(required_unless_present_any = ["rpc", "storage"], conflicts_with_all = ["rpc", "storage"])]
    pub snapshot: Option<PathBuf>,
    /// Read the state from a Subtensor node instead: http(s):// or ws(s):// JSON-RPC URL
    /// (e.g. wss://entrypoint-finney.opentensor.ai:443). An archive node for old blocks.
    #[arg(long, value_name = "URL", conflicts_with = "storage")]
    pub rpc: Option<String>,
    /// With --rpc: the block to read (its number or 0x hash); the finalized head by default.
    #[arg(long, value_name = "BLOCK_NUMBER|BLOCK_HASH")]
    pub at: Option<rpc::At>,
    /// Read the state from a storage dump (`state_queryStorageAt`'s result, as
    /// --save-storage writes it) instead: no node needed.
    #[arg(long, value_name = "FILE.json")]
    pub storage: Option<PathBuf>,
    /// With --rpc: also save the raw storage read, as a dump --storage imports again.
    #[arg(long, value_name = "FILE.json")]
    pub save_storage: Option<PathBuf>,
    /// With --rpc: seconds to wait for the node on each request.
    #[arg(long, value_name = "SECONDS", default_value_t = 30)]
    pub timeout: u64,
    /// Where to write the scenario (default: the snapshot's or dump's name with `.toml`, or
    /// `chain_BLOCK.toml` for --rpc, in the current folder).
    #[arg(long)]
    pub out: Option<PathBuf>,
}

/// A state ready to write, and where it came from.
struct Imported {
    snapshot: Snapshot,
    source: String,
    provenance: Provenance,
    choice: RuleChoice,
    default_out: PathBuf,
}

pub fn import(args: &ImportArgs) -> Result<ExitCode, String> {
    if args.rpc.is_none() && (args.at.is_some() || args.save_storage.is_some()) {
        return Err("import: --at and --save-storage go with --rpc URL (they say which block to read from the node, and where to save what was read)".into());
    }
    let imported = match (&args.snapshot, &args.rpc, &args.storage) {
        (Some(csv), _, _) => from_csv(csv)?,
        (None, Some(url), _) => from_node(url, args)?,
        (None, None, Some(file)) => from_dump(file)?,
        (None, None, None) => return Err("import: name a snapshot CSV, --rpc URL or --storage FILE.json".into()),
    };
    if let Some(warning) = &imported.choice.warning {
        eprintln!("warning: {warning}");
    }
    write(&imported, args.out.clone().unwrap_or_else(|| imported.default_out.clone()))
}

fn stem(path: &Path, or: &str) -> PathBuf {
    PathBuf::from(format!("{}.toml", path.file_stem().map_or(or.into(), |s| s.to_string_lossy().into_owned())))
}

fn from_csv(csv: &Path) -> Result<Imported, String> {
    let snapshot = snapshot::read_snapshot(csv)?;
    // The sidecar names the runtime the snapshot was read under; older ones were spec 443.
    let side = std::fs::read_to_string(csv.with_extension("json")).ok();
    let spec = side.and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok()).and_then(|v| v["spec_version"].as_u64());
    let spec_version = spec.and_then(|s| u32::try_from(s).ok()).unwrap_or(443);
    let source = csv.display().to_string();
    let choice = chain_state::rule_set_for(spec_version);
    let provenance = Provenance { command: format!("dtao-sim import {source}"), spec_version, rule_set: choice.rule_set, block_hash: None };
    Ok(Imported { snapshot, source, provenance, choice, default_out: stem(csv, "snapshot") })
}

fn from_node(url: &str, args: &ImportArgs) -> Result<Imported, String> {
    let started = Instant::now();
    let read = rpc::read(url, args.at.as_ref(), Duration::from_secs(args.timeout.max(1)))?;
    let keys = read.storage.values.len();
    let seconds = started.elapsed().as_secs_f64();
    println!("read {keys} storage keys in {} requests ({seconds:.1} s) from {url} at block {}, runtime spec {}", read.requests, read.block, read.spec_version);
    if let Some(file) = &args.save_storage {
        std::fs::write(file, dump::write(&read.storage)).map_err(|e| format!("{}: cannot write: {e}", file.display()))?;
        println!("saved the storage read to {} (import it again with --storage)", file.display());
    }
    let state = chain_state::decode(&read.storage).map_err(|e| format!("{url}: {e}"))?;
    if state.block != read.block || state.spec_version != read.spec_version {
        return Err(format!(
            "{url}: the node's answers disagree: block {} spec {} by its header and runtime version, block {} spec {} by its storage",
            read.block, read.spec_version, state.block, state.spec_version
        ));
    }
    let at = args.at.as_ref().map_or(String::new(), |_| format!(" --at {}", state.block));
    let command = format!("dtao-sim import --rpc {url}{at}");
    Ok(imported(state, read.storage.block_hash, url.to_string(), command, PathBuf::from(format!("chain_{}.toml", read.block))))
}

fn from_dump(file: &Path) -> Result<Imported, String> {
    let shown = file.display().to_string();
    let text = std::fs::read_to_string(file).map_err(|e| format!("{shown}: cannot read: {e}"))?;
    let storage = dump::parse(&text, &shown)?;
    let state = chain_state::decode(&storage).map_err(|e| format!("{shown}: {e}"))?;
    let command = format!("dtao-sim import --storage {shown}");
    Ok(imported(state, storage.block_hash, shown, command, stem(file, "storage")))
}

fn imported(state: chain_state::ChainState, hash: Option<String>, source: String, command: String, default_out: PathBuf) -> Imported {
    let choice = chain_state::rule_set_for(state.spec_version);
    let provenance = Provenance { command, spec_version: state.spec_version, rule_set: choice.rule_set, block_hash: hash };
    Imported { snapshot: state.snapshot, source, provenance, choice, default_out }
}

fn write(imported: &Imported, out: PathBuf) -> Result<ExitCode, String> {
    let snap = &imported.snapshot;
    let text = import::scenario_text_from(snap, &imported.source, &imported.provenance)?;
    // The file must load as it will be read: check it before writing anything.
    let shown = out.display().to_string();
    let scenario = crate::scenario::parse(&text, &shown).map_err(|e| format!("the imported scenario does not read back: {e}"))?;
    crate::scenario::resolve(&scenario)
        .map_err(|p| format!("the imported scenario does not check: {}", crate::scenario::load::locate_problem(&text, &shown, p)))?;
    std::fs::write(&out, &text).map_err(|e| format!("{shown}: cannot write: {e}"))?;
    let facts = import::facts(snap);
    println!(
        "wrote {shown}: {} subnets at block {} (run starts at {}), runtime spec {} under rule set {}; {} take part in emission, \
         {} receive TAO next block, top 10 get {:.1}%, {} chain-buy",
        snap.subnets.len(),
        snap.block,
        snap.block + 1,
        imported.provenance.spec_version,
        imported.provenance.rule_set,
        facts.eligible,
        facts.receiving,
        facts.top10_share * 100.0,
        facts.capped
    );
    Ok(ExitCode::SUCCESS)
}
