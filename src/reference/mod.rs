//! The independent model's reference vectors (`tests/reference/`): their JSON shapes, and
//! replaying a run vector through the real simulation.
//!
//! A run vector's trades come from outside the simulated holders (the reference model keeps
//! no balances), so the replay gives them to an [`crate::world::External`] holder, and its
//! aggregate root stake to a "rest of network" validator on every subnet (take 0), which
//! earns all root dividends, restaked on root as the vectors' R. Owner, miner and validator
//! alpha has no recipients there (no alpha is staked), and stays outstanding as unclaimed.

pub mod diff;

pub use diff::{compare_run, Mismatch};

use crate::economy::{Params, RuleSet, ShareRule};
use crate::scenario::resolve::{GenesisHolder, GenesisSubnet};
use crate::scenario::Genesis;
use crate::transactions::{Action, Order};
use crate::world::Hotkey;
use crate::Simulation;
use serde::{Deserialize, Serialize};

/// A `run_*.json` file.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct RunVector {
    #[serde(default)]
    pub about: String,
    pub input: RunInput,
    #[serde(default)]
    pub checkpoints: Vec<Checkpoint>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RunInput {
    pub share_rule: ShareRule,
    pub tao_weight: f64,
    pub owner_cut: f64,
    pub tempo: u64,
    pub fee_rao: u64,
    pub root_stake_rao: u64,
    pub issuance_rao: u64,
    pub blocks: u64,
    pub every: u64,
    pub subnets: Vec<VectorSubnet>,
    pub trades: Vec<VectorTrade>,
    #[serde(default)]
    pub trade_results_rao: Option<Vec<Option<u64>>>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct VectorSubnet {
    pub netuid: u16,
    pub tao_rao: u64,
    pub alpha_rao: u64,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct VectorTrade {
    pub block: u64,
    pub netuid: u16,
    pub kind: TradeKind,
    pub amount_rao: u64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TradeKind {
    Stake,
    Unstake,
}

/// The state at the end of block `block`.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
pub struct Checkpoint {
    pub block: u64,
    pub issuance_rao: u64,
    pub root_stake_rao: u64,
    pub subnets: Vec<CheckpointSubnet>,
}

#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
pub struct CheckpointSubnet {
    pub netuid: u16,
    pub tao_rao: u64,
    pub alpha_in_rao: u64,
    pub alpha_out_rao: i64,
    pub price: f64,
    pub ema: f64,
    pub emission_share: f64,
}

/// What a replay produced.
#[derive(Clone, Debug, Serialize)]
pub struct ReplayResult {
    pub checkpoints: Vec<Checkpoint>,
    pub trade_results_rao: Vec<Option<u64>>,
    /// The vector's share rule: under `spot_price` the moving price feeds no other number.
    pub share_rule: ShareRule,
}

/// Turns a run vector's input into a checked genesis.
pub fn genesis_of(input: &RunInput) -> Result<Genesis, String> {
    let mut params = Params::preset(match input.share_rule {
        ShareRule::SpotPrice => RuleSet::Bit001,
        ShareRule::EmaPrice => RuleSet::Mainnet2025_02,
        ShareRule::TaoFlow => RuleSet::Mainnet2025_11,
        ShareRule::GatedEma => RuleSet::Mainnet2026_08,
    });
    params.share_rule = input.share_rule;
    params.tao_weight = input.tao_weight;
    params.owner_cut = input.owner_cut;
    params.tempo = input.tempo;
    params.fee_rao = input.fee_rao;
    // The vectors' moving price: ramped from registration at block 0, under both share rules;
    // and they have no minimum stake.
    params.moving_alpha = 3e-6;
    params.moving_halving_blocks = 201_600;
    params.min_stake_rao = 0;
    if input.tempo == 0 || !(0.0..=1.0).contains(&input.tao_weight) || !(0.0..=1.0).contains(&input.owner_cut) {
        return Err("input: tempo must be positive, tao_weight and owner_cut from 0 to 1".into());
    }
    check_input_limits(input)?;
    let holders = vec![
        GenesisHolder { name: "rest of network".into(), validator: Some((0, 0.0, true)), ..Default::default() },
        GenesisHolder { name: "market".into(), external: true, ..Default::default() },
    ];
    let mut subnets = Vec::new();
    for s in &input.subnets {
        if s.netuid == 0 || subnets.iter().any(|x: &GenesisSubnet| x.netuid == s.netuid) {
            return Err(format!("input.subnets: netuid {} is 0 or repeated", s.netuid));
        }
        if s.tao_rao < crate::economy::MIN_RESERVE || s.alpha_rao < crate::economy::MIN_RESERVE {
            return Err(format!("input.subnets: SN{} has a reserve below 10,000,000 RAO", s.netuid));
        }
        subnets.push(GenesisSubnet {
            netuid: s.netuid,
            name: format!("SN{}", s.netuid),
            tao: s.tao_rao,
            alpha: s.alpha_rao,
            validators: vec![0],
            registered_at: Some(0),
            ..Default::default()
        });
    }
    let events = input
        .trades
        .iter()
        .map(|t| {
            let action = match t.kind {
                TradeKind::Stake => Action::Stake { netuid: t.netuid, tao: t.amount_rao },
                TradeKind::Unstake => Action::Unstake { netuid: t.netuid, alpha: t.amount_rao },
            };
            (t.block, Order::new(1, action))
        })
        .collect();
    Ok(Genesis {
        title: "reference replay".into(),
        seed: 0,
        blocks: input.blocks,
        params,
        issuance: input.issuance_rao,
        holders,
        validators: vec![0],
        subnets,
        root_positions: vec![(Hotkey::Validator(0), 0, input.root_stake_rao)],
        events,
        ..Default::default()
    })
}

/// Refuses inputs beyond what a chain can hold (the 21M supply) or the simulator's limits,
/// so that no sum of RAO overflows 64 bits and a bad file is reported as bad input.
fn check_input_limits(input: &RunInput) -> Result<(), String> {
    use crate::economy::emission_curve::SUPPLY_CAP;
    use crate::economy::limits::{check_blocks, MAX_EVENTS, MAX_SUBNETS};
    check_blocks("input.tempo", input.tempo).map_err(|e| format!("input: {e}"))?;
    check_blocks("input.blocks", input.blocks).map_err(|e| format!("input: {e}"))?;
    let cap = |what: &str, rao: u128| {
        if rao > SUPPLY_CAP as u128 {
            Err(format!("input: {what} is {rao} RAO, more than the 21,000,000 TAO supply"))
        } else {
            Ok(())
        }
    };
    cap("issuance_rao", input.issuance_rao as u128)?;
    if input.subnets.len() > MAX_SUBNETS as usize {
        return Err(format!("input.subnets: more than {MAX_SUBNETS} subnets"));
    }
    let pools: u128 = input.subnets.iter().map(|s| s.tao_rao as u128).sum();
    cap("root_stake_rao plus the pools' TAO", input.root_stake_rao as u128 + pools)?;
    for s in &input.subnets {
        cap(&format!("SN{} alpha_rao", s.netuid), s.alpha_rao as u128)?;
    }
    if input.trades.len() as u64 > MAX_EVENTS {
        return Err(format!("input.trades: more than {MAX_EVENTS} trades"));
    }
    for (i, t) in input.trades.iter().enumerate() {
        cap(&format!("trades[{i}].amount_rao"), t.amount_rao as u128)?;
        check_blocks(&format!("input.trades[{i}].block"), t.block).map_err(|e| format!("input: {e}"))?;
    }
    Ok(())
}

/// Runs a vector's input through the simulation and collects its checkpoints.
pub fn replay(input: &RunInput) -> Result<ReplayResult, String> {
    let genesis = genesis_of(input)?;
    let mut sim = Simulation::new(&genesis);
    sim.sample_every(input.every);
    sim.run(input.blocks);
    sim.audit().map_err(|e| format!("conservation broken: {e}"))?;
    let samples = sim.take_samples();
    let checkpoints = samples
        .chain
        .iter()
        .map(|c| Checkpoint {
            block: c.block,
            issuance_rao: c.total_issuance,
            root_stake_rao: c.root_stake,
            subnets: samples
                .subnets
                .iter()
                .filter(|s| s.block == c.block)
                .map(|s| CheckpointSubnet {
                    netuid: s.netuid,
                    tao_rao: s.tao_reserve,
                    alpha_in_rao: s.alpha_reserve,
                    alpha_out_rao: s.alpha_outstanding,
                    price: s.price,
                    ema: s.moving_price,
                    emission_share: s.emission_share,
                })
                .collect(),
        })
        .collect();
    let mut trade_results_rao = sim.world().resource::<crate::transactions::TxLog>().script_results.clone();
    trade_results_rao.resize(input.trades.len(), None);
    Ok(ReplayResult { checkpoints, trade_results_rao, share_rule: input.share_rule })
}
