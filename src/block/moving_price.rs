//! Step 6: the moving price, under every share rule (the EMA rule's shares and pruning read it).

use crate::economy::Params;
use crate::world::{Chain, MovingPrice, Pool, Subnet};
use bevy::prelude::*;

/// `ema ← a·min(price, 1) + (1 − a)·ema`, with the rule set's factor `a`: constant
/// (`moving_alpha`, the chain until 2025-03-19) or ramped by the subnet's age,
/// `a = moving_alpha · n/(n + h)`, `n` the blocks since registration (1 on the first).
pub fn update_moving_price(
    chain: Res<Chain>,
    params: Res<Params>,
    mut subnets: Query<(&Subnet, &Pool, &mut MovingPrice)>,
) {
    for (subnet, pool, mut ema) in &mut subnets {
        if subnet.start_block > chain.block {
            continue;
        }
        let a = params.moving_factor(subnet.age(chain.block));
        ema.0 = a * pool.price().min(1.0) + (1.0 - a) * ema.0;
    }
}
