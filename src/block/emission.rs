//! Steps 1 and 2: the block's TAO emission and each subnet's share of it.

use crate::economy::rules::{flow_weight, FLOW_EMA_FACTOR};
use crate::economy::{block_emission, Params, ShareRule};
use crate::economy::spec443::fixed::{raw32, ONE_64};
use crate::economy::spec443::shares;
use crate::world::{BlockFlow, Chain, MovingPrice, Pool, Subnet, SubnetChain, SubnetTotals};
use bevy::prelude::*;

/// `E = block_emission(total_issuance)`: halvings follow issuance, not height.
pub fn compute_block_emission(mut chain: ResMut<Chain>, params: Res<Params>) {
    chain.block_emission = block_emission(chain.total_issuance, params.block_reward_rao);
}

/// Under the TAO-flow rule, each started subnet's flow EMA takes in the flow of the previous
/// block's transactions, `S ← (1 − a)·S + a·F`, and its weight `max(S, 0)^p` is left in
/// [`BlockFlow::share`] for [`compute_shares`] to normalise. Other rules skip this step.
pub fn update_flow_ema(chain: Res<Chain>, params: Res<Params>, mut subnets: Query<(&Subnet, &mut SubnetTotals, &mut BlockFlow)>) {
    if params.share_rule != ShareRule::TaoFlow {
        return;
    }
    for (subnet, mut totals, mut flow) in &mut subnets {
        if subnet.start_block > chain.block {
            flow.share = 0.0;
            continue;
        }
        let f = std::mem::take(&mut totals.flow_block_tao) as f64;
        totals.flow_ema = (1.0 - FLOW_EMA_FACTOR) * totals.flow_ema + FLOW_EMA_FACTOR * f;
        flow.share = flow_weight(totals.flow_ema, params.flow_exponent);
    }
}

/// Shares by the rule set's share rule and `tao_in = floor(E · share)`. (`root_prop` is
/// read after the injection, in [`super::split`], as on the chain.) Under rules that keep
/// root alpha, the root-sell flag is `Σ moving price > 1` over the started subnets.
pub fn compute_shares(
    mut chain: ResMut<Chain>,
    params: Res<Params>,
    mut subnets: Query<(&Subnet, &Pool, &MovingPrice, &mut BlockFlow, Option<&SubnetChain>)>,
    mut weights: Local<Vec<f64>>,
) {
    let block = chain.block;
    if params.share_rule == ShareRule::GatedEma {
        return gated_shares(&mut chain, &mut subnets);
    }
    weights.clear();
    weights.extend(subnets.iter().map(|(subnet, pool, ema, flow, _)| {
        if subnet.start_block > block {
            return 0.0;
        }
        match params.share_rule {
            ShareRule::SpotPrice => pool.price(),
            ShareRule::EmaPrice => ema.0,
            ShareRule::TaoFlow => flow.share,
            ShareRule::GatedEma => unreachable!("handled above"),
        }
    }));
    if params.root_alpha_claimed {
        let sum: f64 = subnets.iter().filter(|s| s.0.start_block <= block).map(|s| s.2 .0).sum();
        chain.root_sell = sum > 1.0;
    }
    // Summed in the query's order, which is netuid order for subnets spawned at genesis.
    let total: f64 = weights.iter().sum();
    let emission = chain.block_emission as f64;
    for ((_, _, _, mut flow, _), weight) in subnets.iter_mut().zip(weights.iter()) {
        let share = if total > 0.0 { weight / total } else { 0.0 };
        *flow = BlockFlow { share, tao_in: (emission * share) as u64, ..default() };
    }
}

/// `mainnet-2026-08` shares (SPEC_2026_08.md §4) in the chain's fixed point: the moving
/// price weighted by `1 − min(MinerBurned, 1)`, the Hill gate with the bar recomputed every
/// 360 blocks (absolute block numbers), and the emission switch. Each subnet's TAO is left
/// in [`BlockFlow::tao_emission_raw`] for the injection terms. The root-sell flag is
/// `Σ moving price > 1` over the subnets that emit.
fn gated_shares(chain: &mut Chain, subnets: &mut Query<(&Subnet, &Pool, &MovingPrice, &mut BlockFlow, Option<&SubnetChain>)>) {
    let block = chain.block;
    let (mut ema, mut burned, mut enabled) = (Vec::with_capacity(128), Vec::with_capacity(128), Vec::with_capacity(128));
    for (subnet, _, price, _, era) in subnets.iter() {
        if subnet.start_block <= block {
            ema.push(raw32(price.0));
            burned.push(era.map_or(0, |c| raw32(c.miner_burned)));
            enabled.push(era.is_none_or(|c| c.emission_enabled));
        }
    }
    let (tao, bar) = shares::block_tao(&ema, &burned, &enabled, chain.block_emission, chain.absolute_block(), chain.gate_bar);
    chain.gate_bar = bar;
    chain.root_sell = ema.iter().map(|e| (*e as u128) << 32).sum::<u128>() > ONE_64;
    let e96 = (chain.block_emission as u128) << 32;
    let mut k = 0;
    for (subnet, _, _, mut flow, _) in subnets.iter_mut() {
        *flow = BlockFlow::default();
        if subnet.start_block <= block {
            let te = tao[k];
            k += 1;
            flow.tao_emission_raw = te;
            flow.tao_in = (te >> 32) as u64;
            flow.share = if e96 == 0 { 0.0 } else { te as f64 / e96 as f64 };
        }
    }
}
