//! Holder values over time: who is winning.

use super::Sampling;
use crate::agents::Agent;
use crate::world::{Chain, Holder, Ledger, Pool, Subnet, Validator, Wallet};
use bevy::prelude::*;
use serde::Serialize;

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
    /// Alpha at spot price.
    pub alpha_value: u64,
    /// Free TAO + root stake + alpha at spot price.
    pub total_value: u64,
    /// Alpha as selling it now would pay: each subnet's holding sold alone into its pool,
    /// with fee and slippage.
    pub alpha_exit_value: u64,
    /// Free TAO + root stake + alpha exit value.
    pub exit_value: u64,
}

/// Holder samples not yet taken by a consumer.
#[derive(Resource, Clone, Debug, Default)]
pub struct HolderSamples(pub Vec<HolderSample>);

/// The label a holder is reported under.
pub fn role(agent: Option<&Agent>, validator: Option<&Validator>) -> &'static str {
    match (agent, validator) {
        (Some(a), _) => a.strategy.name(),
        (None, Some(_)) => "validator",
        _ => "holder",
    }
}

pub fn record_holders(
    chain: Res<Chain>,
    sampling: Res<Sampling>,
    ledger: Res<Ledger>,
    mut samples: ResMut<HolderSamples>,
    subnets: Query<(&Subnet, &Pool)>,
    params: Res<crate::economy::Params>,
    holders: Query<(&Holder, &Wallet, Option<&Agent>, Option<&Validator>), With<Tracked>>,
) {
    // Block 0 too, so that every series starts from the holders' starting values.
    let due = chain.block == 0 || (chain.block + 1) % sampling.holders_every.max(1) == 0;
    if sampling.holders_every == 0 || !due || holders.is_empty() {
        return;
    }
    // One pass over each subnet's stakes, rather than a lookup per holder and subnet.
    // (spot value, exit value) per holder.
    let mut alpha_values: std::collections::HashMap<u32, (f64, u64)> = std::collections::HashMap::new();
    let mut in_subnet: std::collections::HashMap<u32, u64> = std::collections::HashMap::new();
    for (subnet, pool) in &subnets {
        let price = pool.price();
        in_subnet.clear();
        for (_, holder, alpha) in ledger.subnet_ref(subnet.netuid).into_iter().flat_map(|b| b.entries()) {
            *in_subnet.entry(holder).or_default() += alpha;
        }
        for (holder, alpha) in &in_subnet {
            let value = alpha_values.entry(*holder).or_default();
            value.0 += *alpha as f64 * price;
            value.1 += super::exit::exit_value(pool.reserves(), *alpha, params.fee_rao);
        }
    }
    let mut rows: Vec<HolderSample> = holders
        .iter()
        .map(|(holder, wallet, agent, validator)| {
            let (alpha_value, alpha_exit_value) = alpha_values.get(&holder.id).copied().unwrap_or((0.0, 0));
            let root_stake = ledger.root.holder_total(holder.id);
            let alpha_value = alpha_value as u64;
            HolderSample {
                block: chain.block,
                holder: holder.id,
                name: holder.name.clone(),
                strategy: role(agent, validator),
                free_tao: wallet.free_tao,
                root_stake,
                alpha_value,
                total_value: wallet.free_tao + root_stake + alpha_value,
                alpha_exit_value,
                exit_value: wallet.free_tao + root_stake + alpha_exit_value,
            }
        })
        .collect();
    rows.sort_by_key(|r| r.holder);
    samples.0.extend(rows);
}
