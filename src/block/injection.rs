//! Step 3: price-neutral injection of the block's TAO and alpha into each pool.

use crate::economy::{block_emission, RAO_PER_TAO};
use crate::world::{BlockFlow, Chain, Pool, Subnet, SubnetTotals};
use bevy::prelude::*;

/// `tao_in` goes into the pool with `alpha_in = floor(tao_in · alpha/tao)` capped at the
/// alpha emission; when the cap binds the whole `tao_in` still goes in and the price rises
/// (BIT001 and Feb-2025 rules). The alpha emission itself goes to outstanding.
pub fn inject_emission(
    mut chain: ResMut<Chain>,
    mut subnets: Query<(&Subnet, &mut Pool, &mut BlockFlow, &mut SubnetTotals)>,
) {
    let block = chain.block;
    let mut injected = 0u64;
    for (subnet, pool, flow, totals) in &mut subnets {
        if subnet.start_block > block {
            continue;
        }
        let (pool, flow, totals) = (pool.into_inner(), flow.into_inner(), totals.into_inner());
        let alpha_em = block_emission(pool.alpha_issuance(), RAO_PER_TAO);
        let neutral = (flow.tao_in as u128 * pool.alpha_reserve as u128 / pool.tao_reserve as u128) as u64;
        let alpha_in = neutral.min(alpha_em);
        pool.tao_reserve += flow.tao_in;
        pool.alpha_reserve += alpha_in;
        pool.alpha_outstanding += alpha_em as i64;
        totals.minted_alpha += alpha_in + alpha_em;
        injected += flow.tao_in;
        flow.alpha_in = alpha_in;
        flow.alpha_em = alpha_em;
    }
    chain.total_issuance += injected;
    chain.issued_tao += injected as u128;
}
