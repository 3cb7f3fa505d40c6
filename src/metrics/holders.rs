//! Holder values over time: who is winning.

use super::Sampling;
use crate::agents::Agent;
use crate::economy::Params;
use crate::world::{Chain, Holder, Ledger, Pool, Subnet, Validator, Wallet};
use bevy::ecs::system::SystemState;
use bevy::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// Marks holders whose value is recorded (scenario holders, agents, validators; not the
/// thousands of miners).
#[derive(Component, Clone, Copy, Debug, Default)]
pub struct Tracked;

/// A holder at the end of a sampled block. Amounts in RAO. Alpha is valued twice: at the
/// pool's spot price (paper value) and at what selling it now would pay (exit value, see
/// [`super::exit`]).
#[derive(Clone, Debug, Serialize)]
pub struct HolderSample {
    pub block: u64,
    pub holder: u32,
    pub name: String,
    pub strategy: &'static str,
    pub free_tao: u64,
    pub root_stake: u64,
    /// Alpha at spot price (paper value; in 128 bits, as it is not bounded by the supply).
    pub alpha_value: u128,
    /// Free TAO + root stake + alpha at spot price.
    pub total_value: u128,
    /// Alpha as selling it now would pay: each subnet's holding sold alone into its pool,
    /// with fee and slippage.
    pub alpha_exit_value: u64,
    /// Free TAO + root stake + alpha exit value.
    pub exit_value: u64,
}

/// Holder samples not yet taken by a consumer.
#[derive(Resource, Clone, Debug, Default)]
pub struct HolderSamples(pub Vec<HolderSample>);

/// The holders' values before block 0 runs (before its events), taken when the world is
/// spawned; they are the block-0 row of every series, so returns count from the real start.
#[derive(Resource, Clone, Debug, Default)]
pub struct StartValues(pub Option<Vec<HolderSample>>);

/// The label a holder is reported under.
pub fn role(agent: Option<&Agent>, validator: Option<&Validator>) -> &'static str {
    match (agent, validator) {
        (Some(a), _) => a.strategy.name(),
        (None, Some(_)) => "validator",
        _ => "holder",
    }
}

pub(super) type HolderQuery<'w, 's> = Query<'w, 's, (&'static Holder, &'static Wallet, Option<&'static Agent>, Option<&'static Validator>), With<Tracked>>;

/// The tracked holders' values now, in holder order.
pub(super) fn values(block: u64, ledger: &Ledger, params: &Params, subnets: &Query<(&Subnet, &Pool)>, holders: &HolderQuery) -> Vec<HolderSample> {
    // One pass over each subnet's stakes, rather than a lookup per holder and subnet; each
    // holder's alpha on a subnet is valued as one sale, over all its hotkeys.
    // (spot value, exit value) per holder.
    let mut alpha_values: HashMap<u32, (u128, u64)> = HashMap::new();
    for (subnet, pool) in subnets {
        let mut held: BTreeMap<u32, u64> = BTreeMap::new();
        for (_, holder, alpha) in ledger.subnet_ref(subnet.netuid).into_iter().flat_map(|b| b.entries()) {
            *held.entry(holder).or_default() += alpha;
        }
        for (holder, alpha) in held {
            let value = alpha_values.entry(holder).or_default();
            value.0 += super::exit::spot_value(pool.reserves(), alpha);
            value.1 = value.1.saturating_add(super::exit::exit_value(params, pool.reserves(), alpha));
        }
    }
    let mut rows: Vec<HolderSample> = holders
        .iter()
        .map(|(holder, wallet, agent, validator)| {
            let (alpha_value, alpha_exit_value) = alpha_values.get(&holder.id).copied().unwrap_or((0, 0));
            let root_stake = ledger.root.holder_total(holder.id);
            HolderSample {
                block,
                holder: holder.id,
                name: holder.name.clone(),
                strategy: role(agent, validator),
                free_tao: wallet.free_tao,
                root_stake,
                alpha_value,
                total_value: wallet.free_tao as u128 + root_stake as u128 + alpha_value,
                alpha_exit_value,
                // Every term is bounded by the 21M TAO supply, so this cannot saturate.
                exit_value: wallet.free_tao.saturating_add(root_stake).saturating_add(alpha_exit_value),
            }
        })
        .collect();
    rows.sort_by_key(|r| r.holder);
    rows
}

/// Takes the holders' [`StartValues`] of a freshly spawned world.
pub fn record_start(world: &mut World) {
    let mut state: SystemState<(Res<Ledger>, Res<Params>, Query<(&Subnet, &Pool)>, HolderQuery)> = SystemState::new(world);
    let Ok((ledger, params, subnets, holders)) = state.get(world) else { return };
    let start = values(0, &ledger, &params, &subnets, &holders);
    world.insert_resource(StartValues(Some(start)));
}

/// The tracked holders' values now, for readers outside the schedule (a sweep's metrics),
/// valued as the sampled rows are.
pub fn values_now(world: &mut World) -> Vec<HolderSample> {
    let block = world.resource::<Chain>().block;
    let mut state: SystemState<(Res<Ledger>, Res<Params>, Query<(&Subnet, &Pool)>, HolderQuery)> = SystemState::new(world);
    let Ok((ledger, params, subnets, holders)) = state.get(world) else { return Vec::new() };
    values(block, &ledger, &params, &subnets, &holders)
}

pub fn record_holders(
    chain: Res<Chain>,
    sampling: Res<Sampling>,
    ledger: Res<Ledger>,
    params: Res<Params>,
    mut samples: ResMut<HolderSamples>,
    mut start: ResMut<StartValues>,
    subnets: Query<(&Subnet, &Pool)>,
    holders: HolderQuery,
) {
    // Block 0 too, so that every series starts from the holders' starting values.
    let due = chain.block == 0 || (chain.block + 1) % sampling.holders_every.max(1) == 0;
    if sampling.holders_every == 0 || !due || holders.is_empty() {
        return;
    }
    // Block 0's row is the values before block 0 ran, when they were taken at spawn.
    if chain.block == 0 {
        if let Some(rows) = start.0.take() {
            samples.0.extend(rows);
            return;
        }
    }
    samples.0.extend(values(chain.block, &ledger, &params, &subnets, &holders));
}
