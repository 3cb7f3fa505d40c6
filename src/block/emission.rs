//! Steps 1 and 2: the block's TAO emission and each subnet's share of it.

use crate::economy::rules::{flow_weight, FLOW_EMA_FACTOR};
use crate::economy::{block_emission, Params, ShareRule};
use crate::economy::spec443::coinbase;
use crate::economy::spec443::fixed::raw32;
use crate::world::{BlockFlow, Chain, MovingPrice, Pool, Subnet, SubnetChain, SubnetTotals};
use bevy::prelude::*;

/// `E = block_emission(total_issuance)`: halvings follow issuance, not height.
pub fn compute_block_emission(mut chain: ResMut<Chain>, params: Res<Params>) {
    chain.block_emission = block_emission(chain.total_issuance, params.block_reward_rao);
}

/// Under the TAO-flow rule, each started subnet's flow EMA takes in the flow of the previous
/// block's transactions, `S ← (1 − a)·S + a·F`, and its weight `max(S, 0)^p` is left in
/// [`BlockFlow::share`] for [`compute_shares`] to normalise. The schedule runs it only under
/// [`ShareRule::TaoFlow`].
pub fn update_flow_ema(chain: Res<Chain>, params: Res<Params>, mut subnets: Query<(&Subnet, &mut SubnetTotals, &mut BlockFlow)>) {
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
/// root alpha, the root-sell flag is `Σ moving price > 1` over the started subnets. The
/// schedule runs [`gated_shares`] instead under [`ShareRule::GatedEma`].
pub fn compute_shares(
    mut chain: ResMut<Chain>,
    params: Res<Params>,
    mut subnets: Query<(&Subnet, &Pool, &MovingPrice, &mut BlockFlow)>,
    mut weights: Local<Vec<f64>>,
) {
    let block = chain.block;
    weights.clear();
    weights.extend(subnets.iter().map(|(subnet, pool, ema, flow)| {
        if subnet.start_block > block {
            return 0.0;
        }
        match params.share_rule {
            ShareRule::SpotPrice => pool.price(),
            ShareRule::EmaPrice => ema.0,
            ShareRule::TaoFlow => flow.share,
            ShareRule::GatedEma => unreachable!("the schedule runs gated_shares under this rule"),
        }
    }));
    if params.root_alpha_claimed {
        let sum: f64 = subnets.iter().filter(|s| s.0.start_block <= block).map(|s| s.2 .0).sum();
        chain.root_sell = sum > 1.0;
    }
    // Summed in the query's order, which is netuid order for subnets spawned at genesis.
    let total: f64 = weights.iter().sum();
    let emission = chain.block_emission as f64;
    for ((_, _, _, mut flow), weight) in subnets.iter_mut().zip(weights.iter()) {
        let share = if total > 0.0 { weight / total } else { 0.0 };
        *flow = BlockFlow { share, tao_in: (emission * share) as u64, ..default() };
    }
}

/// The inputs of [`gated_shares`] of the started subnets, kept between blocks so that no
/// block allocates them.
#[derive(Default)]
pub struct GateInputs {
    ema: Vec<u64>,
    burned: Vec<u64>,
    enabled: Vec<bool>,
}

/// [`ShareRule::GatedEma`] shares (SPEC_2026_08.md §4) in the chain's fixed point
/// ([`coinbase::block_shares`]): the moving price weighted by `1 − min(MinerBurned, 1)`,
/// the Hill gate with the bar recomputed every 360 blocks (absolute block numbers), and
/// the emission switch. Each subnet's TAO is left in [`BlockFlow::tao_emission_raw`] for
/// the injection terms. The root-sell flag is `Σ moving price > 1` over the subnets that
/// emit.
pub fn gated_shares(
    mut chain: ResMut<Chain>,
    mut subnets: Query<(&Subnet, &MovingPrice, &SubnetChain, &mut BlockFlow)>,
    mut inputs: Local<GateInputs>,
) {
    let block = chain.block;
    let GateInputs { ema, burned, enabled } = &mut *inputs;
    ema.clear();
    burned.clear();
    enabled.clear();
    for (subnet, price, chain_state, _) in subnets.iter() {
        if subnet.start_block <= block {
            ema.push(raw32(price.0));
            burned.push(raw32(chain_state.miner_burned));
            enabled.push(chain_state.emission_enabled);
        }
    }
    let shares = coinbase::block_shares(ema, burned, enabled, chain.block_emission, chain.absolute_block(), chain.gate_bar);
    chain.gate_bar = shares.gate_bar;
    chain.root_sell = shares.root_sell;
    let mut tao = shares.tao.iter();
    for (subnet, _, _, mut flow) in subnets.iter_mut() {
        *flow = BlockFlow::default();
        if subnet.start_block <= block {
            let te = *tao.next().expect("one share per started subnet");
            flow.tao_emission_raw = te;
            flow.tao_in = (te >> 32) as u64;
            flow.share = coinbase::share_of(te, chain.block_emission);
        }
    }
}
