//! Step 3: price-neutral injection of the block's TAO and alpha into each pool, by
//! [`inject_emission`] under the float engine and [`inject_at_spot_price`] under spec 443
//! (the schedule picks one, see [`super::EngineSet`]).

use crate::economy::spec443::{coinbase, terms};
use crate::economy::{block_emission, Params, RAO_PER_TAO};
use crate::world::{BlockFlow, Chain, Ledger, Pool, Subnet, SubnetChain, SubnetTotals};
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

/// [`Engine::Spec443`] (SPEC_2026_08.md §5-§6): every subnet's terms are taken on the
/// state before any injection (alpha at the Balancer spot price, capped at
/// `root_prop·α_em`, the rest of its TAO "excess"); then, subnet by subnet,
/// [`coinbase::inject_terms`]: the chain buys alpha with the excess (no fee) and keeps it
/// as protocol alpha, and injects the rest at an unchanged price by moving the pool's
/// weights (what would push a weight outside [1%, 99%] waits in the reservoirs). Total
/// issuance rises by the TAO that entered the pools; the rounding dust of `E` is never
/// minted.
///
/// [`Engine::Spec443`]: crate::economy::Engine::Spec443
pub fn inject_at_spot_price(
    mut chain: ResMut<Chain>,
    params: Res<Params>,
    ledger: Res<Ledger>,
    mut subnets: Query<(&Subnet, &mut Pool, &mut BlockFlow, &mut SubnetTotals, &mut SubnetChain)>,
) {
    let block = chain.block;
    let root = chain.root_for_prop(ledger.root.total());
    let wr = terms::weighted_root(root, params.tao_weight_raw());
    for (subnet, pool, mut flow, _, mut chain_state) in subnets.iter_mut() {
        if subnet.start_block > block {
            continue;
        }
        let price = chain_state.spot_raw(&pool);
        let t = terms::subnet_terms_of(flow.tao_emission_raw, price, pool.alpha_issuance(), wr);
        flow.tao_in = t.tao_in;
        flow.alpha_in = t.alpha_in;
        flow.alpha_em = t.alpha_out;
        flow.chain_buy_tao = t.excess_tao;
    }
    let mut injected = 0u64;
    for (subnet, pool, flow, totals, chain_state) in subnets.iter_mut() {
        if subnet.start_block > block {
            continue;
        }
        let (pool, flow, totals, chain_state) = (pool.into_inner(), flow.into_inner(), totals.into_inner(), chain_state.into_inner());
        let t = terms::Terms { tao_in: flow.tao_in, alpha_in: flow.alpha_in, excess_tao: flow.chain_buy_tao, alpha_out: flow.alpha_em };
        // Outstanding starts at 0 and comes back as what this block adds: the pool's own is
        // signed (a reference replay's outside market may sell alpha it never bought).
        let mut s = coinbase::SubnetState {
            alpha: pool.alpha_reserve,
            tao: pool.tao_reserve,
            weight_tao: pool.weight_tao,
            reservoir_tao: pool.reservoir_tao,
            reservoir_alpha: pool.reservoir_alpha,
            protocol_alpha: chain_state.protocol_alpha,
            ..Default::default()
        };
        flow.chain_buy_alpha = coinbase::inject_terms(&mut s, &t);
        pool.tao_reserve = s.tao;
        pool.alpha_reserve = s.alpha;
        pool.weight_tao = s.weight_tao;
        pool.reservoir_tao = s.reservoir_tao;
        pool.reservoir_alpha = s.reservoir_alpha;
        pool.alpha_outstanding += s.alpha_outstanding as i64;
        chain_state.protocol_alpha = s.protocol_alpha;
        totals.minted_alpha += flow.alpha_in + flow.alpha_em;
        injected += flow.tao_in + flow.chain_buy_tao;
    }
    chain.total_issuance += injected;
    chain.issued_tao += injected as u128;
}
