//! Step 3: price-neutral injection of the block's TAO and alpha into each pool.

use crate::economy::{block_emission, Params, RAO_PER_TAO};
use crate::world::{BlockFlow, Chain, Pool, Subnet, SubnetTotals};
use bevy::prelude::*;

/// `tao_in` goes into the pool with `alpha_in = floor(tao_in · alpha/tao)` capped at the
/// alpha emission. When the cap binds, BIT001 and Feb-2025 rules still inject the whole
/// `tao_in` (the price rises); Nov-2025 rules inject `floor(alpha_em · tao/alpha)` TAO with
/// the capped alpha and buy alpha from the pool with the rest (no fee), recycling the
/// alpha bought ("chain buy"). The alpha emission itself goes to outstanding.
pub fn inject_emission(
    mut chain: ResMut<Chain>,
    params: Res<Params>,
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
        let share_tao = flow.tao_in;
        let neutral = (share_tao as u128 * pool.alpha_reserve as u128 / pool.tao_reserve as u128) as u64;
        let alpha_in = neutral.min(alpha_em);
        let tao_in = if params.chain_buy && neutral > alpha_em {
            (alpha_em as u128 * pool.tao_reserve as u128 / pool.alpha_reserve as u128) as u64
        } else {
            share_tao
        };
        pool.tao_reserve += tao_in;
        pool.alpha_reserve += alpha_in;
        pool.alpha_outstanding += alpha_em as i64;
        totals.minted_alpha += alpha_in + alpha_em;
        let excess = share_tao - tao_in;
        if excess > 0 {
            // Bought with no fee, never below one RAO of reserve; the alpha bought is recycled.
            let bought = ((pool.alpha_reserve as u128 * excess as u128 / (pool.tao_reserve as u128 + excess as u128)) as u64)
                .min(pool.alpha_reserve - 1);
            pool.tao_reserve += excess;
            pool.alpha_reserve -= bought;
            totals.recycled_alpha += bought;
            totals.minted_alpha -= bought;
            flow.chain_buy_tao = excess;
            flow.chain_buy_alpha = bought;
        }
        injected += share_tao;
        flow.tao_in = tao_in;
        flow.alpha_in = alpha_in;
        flow.alpha_em = alpha_em;
    }
    chain.total_issuance += injected;
    chain.issued_tao += injected as u128;
}
