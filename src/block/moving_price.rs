//! Step 6: the moving price, under every share rule (pruning reads it).

use crate::world::{Chain, MovingPrice, Pool, Subnet};
use bevy::prelude::*;

/// `ema ← a·min(price, 1) + (1 − a)·ema` with `a = 3e-6 · n/(n + 201600)`, `n` the blocks
/// since the subnet started (1 on its first block): young subnets move their EMA slowly.
/// Kept under the spot-price rule too: deregistration at the subnet limit prunes the lowest
/// moving price, so a subnet registered during the run must not keep its starting 0.
pub fn update_moving_price(chain: Res<Chain>, mut subnets: Query<(&Subnet, &Pool, &mut MovingPrice)>) {
    for (subnet, pool, mut ema) in &mut subnets {
        if subnet.start_block > chain.block {
            continue;
        }
        let n = (chain.block - subnet.start_block + 1) as f64;
        let a = 3e-6 * n / (n + 201_600.0);
        ema.0 = a * pool.price().min(1.0) + (1.0 - a) * ema.0;
    }
}
