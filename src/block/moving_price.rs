//! Step 6: the moving price, under every share rule (the EMA rule's shares and pruning read
//! it), by [`update_moving_price`] under the float engine and [`update_fixed_point`] under
//! spec 443. It runs right after the split, on the price after the root sale, where the
//! chain's coinbase updates it (before the epoch and root claims).
//!
//! A loop of its own rather than a part of the split's: each subnet's update is a division
//! and a few products with nothing in between, so the processor overlaps them across
//! subnets; inside the split's longer loop body their latency was paid in full (the `bench`
//! of 128 subnets ran about 30% slower).

use crate::economy::spec443::{fixed, terms};
use crate::economy::Params;
use crate::world::{Chain, MovingPrice, Pool, Subnet, SubnetChain};
use bevy::prelude::*;

/// Updates every started subnet's moving price from its pool's price now.
pub fn update_moving_price(
    params: Res<Params>,
    chain: Res<Chain>,
    mut subnets: Query<(&Subnet, &Pool, &mut MovingPrice)>,
) {
    for (subnet, pool, ema) in &mut subnets {
        if subnet.start_block <= chain.block {
            let a = params.moving_factor(subnet.age(chain.block));
            let ema = ema.into_inner();
            ema.0 = next_moving_price(ema.0, pool.price(), a);
        }
    }
}

/// `ema ← a·min(price, 1) + (1 − a)·ema`, with the rule set's factor `a`
/// ([`crate::economy::Params::moving_factor`]): constant (`moving_alpha`, the chain until
/// 2025-03-19) or ramped by the subnet's age, `a = moving_alpha · n/(n + h)`, `n` the blocks
/// since registration (1 on the first).
pub fn next_moving_price(ema: f64, price: f64, a: f64) -> f64 {
    a * price.min(1.0) + (1.0 - a) * ema
}

/// [`Engine::Spec443`] (SPEC_2026_08.md §10): the chain's `U64F64` update at the Balancer
/// spot price, `a = moving_alpha·b/(b + 201,600)` with `b` the blocks since the block
/// before the subnet's first emission; the result stays on the chain's `I96F32` grid.
///
/// [`Engine::Spec443`]: crate::economy::Engine::Spec443
pub fn update_fixed_point(params: Res<Params>, chain: Res<Chain>, mut subnets: Query<(&Subnet, &Pool, &mut MovingPrice, &mut SubnetChain)>) {
    let alpha = params.moving_alpha_raw();
    // The factor of the last age seen: subnets of one age (all those that emitted for long)
    // share it.
    let mut factor: Option<(u64, u128)> = None;
    for (subnet, pool, ema, mut chain_state) in subnets.iter_mut() {
        if subnet.start_block <= chain.block {
            // A subnet with no recorded start has emitted for long: its factor is the full one.
            let b = subnet.age(chain.block).unwrap_or(1 << 40);
            let a = match factor {
                Some((age, a)) if age == b => a,
                _ => factor.insert((b, terms::ema_factor(alpha, b))).1,
            };
            let spot = chain_state.spot_raw(pool);
            let ema = ema.into_inner();
            ema.0 = fixed::from_raw32(terms::ema_update_at(fixed::raw32(ema.0), spot, a));
        }
    }
}
