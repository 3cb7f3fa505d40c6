//! Steps 1 and 2: the block's TAO emission and each subnet's share of it.

use crate::economy::{block_emission, Params, ShareRule};
use crate::world::{BlockFlow, Chain, MovingPrice, Pool, Subnet};
use bevy::prelude::*;

/// `E = block_emission(total_issuance)`: halvings follow issuance, not height.
pub fn compute_block_emission(mut chain: ResMut<Chain>, params: Res<Params>) {
    chain.block_emission = block_emission(chain.total_issuance, params.block_reward_rao);
}

/// Shares by the rule set's share rule and `tao_in = floor(E · share)`. (`root_prop` is
/// read after the injection, in [`super::split`], as on the chain.)
pub fn compute_shares(
    chain: Res<Chain>,
    params: Res<Params>,
    mut subnets: Query<(&Subnet, &Pool, &MovingPrice, &mut BlockFlow)>,
    mut weights: Local<Vec<f64>>,
) {
    weights.clear();
    weights.extend(subnets.iter().map(|(subnet, pool, ema, _)| {
        if subnet.start_block > chain.block {
            return 0.0;
        }
        match params.share_rule {
            ShareRule::SpotPrice => pool.price(),
            ShareRule::EmaPrice => ema.0,
        }
    }));
    // Summed in the query's order, which is netuid order for subnets spawned at genesis.
    let total: f64 = weights.iter().sum();
    let emission = chain.block_emission as f64;
    for ((_, _, _, mut flow), weight) in subnets.iter_mut().zip(weights.iter()) {
        let share = if total > 0.0 { weight / total } else { 0.0 };
        *flow = BlockFlow { share, tao_in: (emission * share) as u64, ..default() };
    }
}
