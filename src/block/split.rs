//! Step 4: the split of alpha_out into owner, miner, validator and root buckets, by
//! [`split_alpha_out`] under the float engine and [`split_fixed_point`] under spec 443;
//! [`account_recycled_root_alpha`] runs under both.

use crate::economy::dividends::root_prop;
use crate::economy::spec443::{fixed::U96F32, terms};
use crate::economy::{quote_unstake, Params};
use crate::world::{BlockFlow, Chain, Ledger, Pending, Pool, SubnetTotals};
use bevy::prelude::*;

/// Owner `floor(cut · alpha_em)`; miners `floor(rest / 2)`; validators the other half, of
/// which `floor(half · root_prop)` is the root share, with
/// `root_prop = w·R / (w·R + alpha issuance)` read after this block's injection (the chain
/// injects into every subnet first, then reads `SubnetAlphaIn + SubnetAlphaOut`). The root
/// share is sold through the pool at once (no fee) and its TAO waits for the epoch. Should the pool refuse that sale
/// (a reserve at its floor) the alpha stays with the validators' bucket instead, so that
/// nothing is lost.
///
/// Under Nov-2025 rules the root share is not sold: with the root-sell flag up it waits as
/// alpha for the epoch; with the flag down it is recycled.
pub fn split_alpha_out(
    params: Res<Params>,
    chain: Res<Chain>,
    ledger: Res<Ledger>,
    mut subnets: Query<(&mut Pool, &mut BlockFlow, &mut Pending)>,
) {
    let root_stake = chain.root_for_prop(ledger.root.total());
    for (pool, flow, pending) in &mut subnets {
        // Plain references: one change-detection mark each instead of one per field write.
        let (pool, flow, pending) = (pool.into_inner(), flow.into_inner(), pending.into_inner());
        flow.root_prop = root_prop(params.tao_weight, root_stake, pool.alpha_issuance());
        if flow.alpha_em > 0 {
            split_one(&params, chain.root_sell, pool, flow, pending);
        }
    }
}

/// The split of one subnet's `alpha_em` (see [`split_alpha_out`]).
fn split_one(params: &Params, root_sell: bool, pool: &mut Pool, flow: &mut BlockFlow, pending: &mut Pending) {
    let alpha_em = flow.alpha_em;
    let owner = (alpha_em as f64 * params.owner_cut) as u64;
    let rest = alpha_em - owner;
    let miners = rest / 2;
    let validators = rest - miners;
    let mut root = (validators as f64 * flow.root_prop) as u64;
    let mut root_tao = 0;
    if params.root_alpha_claimed {
        if root_sell {
            flow.root_alpha = root;
            pending.root_alpha += root;
        } else {
            pool.alpha_outstanding -= root as i64;
            flow.root_alpha_recycled = root;
        }
    } else if root > 0 {
        match quote_unstake(pool.reserves(), root, 0) {
            Ok(sale) => {
                pool.set_reserves(sale.after);
                pool.alpha_outstanding -= root as i64;
                root_tao = sale.out;
            }
            Err(_) => root = 0,
        }
    }
    flow.owner_alpha = owner;
    flow.miner_alpha = miners;
    flow.validator_alpha = validators - root;
    flow.root_alpha = if params.root_alpha_claimed && !root_sell { 0 } else { root };
    flow.root_tao = root_tao;
    pending.owner_alpha += owner;
    pending.miner_alpha += miners;
    pending.validator_alpha += validators - root;
    pending.root_tao += root_tao;
}

/// [`Engine::Spec443`] (SPEC_2026_08.md §7): the split in the chain's `U96F32`, with
/// `root_prop` after this block's injection and chain buy. The RAO the floors leave over
/// stays outstanding with nobody (counted as unclaimed), as it does on the chain.
///
/// [`Engine::Spec443`]: crate::economy::Engine::Spec443
pub fn split_fixed_point(
    params: Res<Params>,
    chain: Res<Chain>,
    ledger: Res<Ledger>,
    mut subnets: Query<(&mut Pool, &mut BlockFlow, &mut Pending, &mut SubnetTotals)>,
) {
    let root_stake = chain.root_for_prop(ledger.root.total());
    let (wr, cut) = (terms::weighted_root(root_stake, params.tao_weight_raw()), terms::owner_cut_fraction(params.owner_cut_raw()));
    for (pool, flow, pending, mut totals) in subnets.iter_mut() {
        let (pool, flow, pending) = (pool.into_inner(), flow.into_inner(), pending.into_inner());
        let rp = terms::root_proportion_of(wr, pool.alpha_issuance());
        flow.root_prop = U96F32::to_f64(rp);
        if flow.alpha_em == 0 {
            continue;
        }
        let split = terms::split_alpha_out_at(flow.alpha_em, rp, cut, chain.root_sell);
        flow.owner_alpha = split.owner;
        flow.miner_alpha = split.miners;
        flow.validator_alpha = split.validators;
        flow.root_alpha = split.root;
        flow.root_alpha_recycled = split.recycled;
        pending.owner_alpha += split.owner;
        pending.miner_alpha += split.miners;
        pending.validator_alpha += split.validators;
        pending.root_alpha += split.root;
        if split.recycled > 0 {
            pool.alpha_outstanding -= split.recycled as i64;
        }
        flow.split_dust = split.dust(flow.alpha_em);
        if flow.split_dust > 0 {
            totals.unclaimed_alpha += flow.split_dust;
        }
    }
}

/// Counts the root alpha the split recycled as taken out of existence. The schedule runs it
/// only when the split recycles: under rules that keep root alpha, with the root-sell flag
/// down ([`recycles_root_alpha`]).
pub fn account_recycled_root_alpha(mut subnets: Query<(&BlockFlow, &mut SubnetTotals)>) {
    for (flow, mut totals) in &mut subnets {
        if flow.root_alpha_recycled > 0 {
            totals.minted_alpha -= flow.root_alpha_recycled;
            totals.recycled_alpha += flow.root_alpha_recycled;
        }
    }
}

/// Whether this block's split recycles root alpha (Nov-2025 rules and later, root-sell flag
/// down): the run condition of [`account_recycled_root_alpha`].
pub fn recycles_root_alpha(params: Res<Params>, chain: Res<Chain>) -> bool {
    params.root_alpha_claimed && !chain.root_sell
}
