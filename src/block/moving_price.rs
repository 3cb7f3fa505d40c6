//! Step 6: the moving price, under the EMA share rule only.

use crate::economy::Params;
use crate::world::{Chain, MovingPrice, Pool, Subnet};
use bevy::prelude::*;

/// `ema ← a·min(price, 1) + (1 − a)·ema` with `a = 3e-6 · n/(n + 201600)`, `n` the blocks
/// since the subnet started (1 on its first block): young subnets move their EMA slowly.
/// Under the spot-price rule the moving price is not maintained (as in the reference).
pub fn update_moving_price(
    chain: Res<Chain>,
    params: Res<Params>,
    mut subnets: Query<(&Subnet, &Pool, &mut MovingPrice)>,
) {
    if !params.share_rule.uses_moving_price() {
        return;
    }
    for (subnet, pool, mut ema) in &mut subnets {
        if subnet.start_block > chain.block {
            continue;
        }
        let n = (chain.block - subnet.start_block + 1) as f64;
        let a = 3e-6 * n / (n + 201_600.0);
        ema.0 = a * pool.price().min(1.0) + (1.0 - a) * ema.0;
    }
}
