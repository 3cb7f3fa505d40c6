//! `dtao-sim bench`: the speed of the core on equal subnets with no holders acting.

use crate::economy::{Params, RuleSet, RAO_PER_TAO};
use crate::scenario::resolve::{GenesisHolder, GenesisSubnet};
use crate::scenario::Genesis;
use crate::world::Hotkey;
use crate::Simulation;
use clap::Args;
use std::process::ExitCode;
use std::time::Instant;

#[derive(Args, Debug, Clone)]
pub struct BenchArgs {
    /// Equal subnets.
    #[arg(long, default_value_t = 128, value_parser = clap::value_parser!(u16).range(1..=crate::economy::limits::MAX_SUBNETS as i64))]
    pub subnets: u16,
    /// Blocks (216,000 = 30 days of 12-second blocks).
    #[arg(long, default_value_t = 216_000, value_parser = clap::value_parser!(u64).range(1..=crate::economy::limits::MAX_BLOCKS))]
    pub blocks: u64,
    /// Sample metrics every K blocks, as `run` would.
    #[arg(long, default_value_t = 1_000)]
    pub every: u64,
    /// The rule set: bit001, mainnet-2025-02, mainnet-2025-11, mainnet-2026-08 or mainnet-2026-10.
    #[arg(long, default_value = "bit001", value_parser = clap::value_parser!(RuleSet))]
    pub rules: RuleSet,
}

/// `n` equal subnets (1,000 TAO / 1,000 alpha each), 1M TAO on root with one validator of
/// every subnet, nobody trading.
pub fn equal_subnets(n: u16) -> Genesis {
    Genesis {
        title: format!("{n} equal subnets"),
        seed: 0,
        blocks: 0,
        params: Params::default(),
        issuance: 0,
        holders: vec![GenesisHolder {
            name: "rest of network".into(),
            validator: Some((0, 0.18, true)),
            ..Default::default()
        }],
        validators: vec![0],
        subnets: (1..=n)
            .map(|netuid| GenesisSubnet {
                netuid,
                name: format!("SN{netuid}"),
                tao: 1_000 * RAO_PER_TAO,
                alpha: 1_000 * RAO_PER_TAO,
                validators: vec![0],
                ..Default::default()
            })
            .collect(),
        root_positions: vec![(Hotkey::Validator(0), 0, 1_000_000 * RAO_PER_TAO)],
        ..Default::default()
    }
}

pub fn bench(args: &BenchArgs) -> Result<ExitCode, String> {
    let mut genesis = equal_subnets(args.subnets);
    genesis.params = Params::preset(args.rules);
    let mut sim = Simulation::new(&genesis);
    sim.sample_every(args.every);
    let started = Instant::now();
    sim.run(args.blocks);
    let wall = started.elapsed().as_secs_f64();
    sim.audit().map_err(|e| format!("conservation broken: {e}"))?;
    let per = wall * 1e9 / (args.blocks as f64 * args.subnets.max(1) as f64);
    println!(
        "{} subnets x {} blocks under {}: {:.3} s, {:.0} blocks/s, {:.1} ns per subnet-block (release build: {})",
        args.subnets,
        args.blocks,
        args.rules,
        wall,
        args.blocks as f64 / wall,
        per,
        !cfg!(debug_assertions)
    );
    Ok(ExitCode::SUCCESS)
}
