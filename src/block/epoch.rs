//! Step 5: epoch payouts, every `tempo + 1` blocks per subnet (staggered by netuid).
//!
//! Pro-rata payouts truncate each recipient's amount; the RAO of dust left over stays in the
//! pending bucket for the next epoch, so nothing is created or lost.

use crate::economy::dividends::{agreeing_dividend_weights_into, pro_rata_into, take_of, ValidatorStake};
use crate::economy::Params;
use crate::world::ledger::Book;
use crate::world::{
    BlockFlow, Chain, Directory, Holder, HolderId, Hotkey, Ledger, Members, Miner, Pending, Pool, RootClaims, Subnet,
    SubnetChain, SubnetTotals, Validator,
};
use bevy::prelude::*;

/// Pays each subnet whose epoch falls in this block: owner alpha to the owner's stake,
/// miner alpha by miner weight (to the validators when no miner has a weight, as Yuma
/// gives validators everything when incentive is 0), and per validator, as the chain does:
/// validator alpha ∝ `alpha_div` and root TAO ∝ `root_div` (see
/// [`crate::economy::dividends`]), the take of both to the validator and the rest to its
/// nominators pro rata (alpha staked on the subnet, TAO restaked on root).
pub fn pay_out_epoch(
    chain: Res<Chain>,
    params: Res<Params>,
    directory: Res<Directory>,
    mut ledger: ResMut<Ledger>,
    mut claims: ResMut<RootClaims>,
    mut subnets: EpochSubnets,
    miners: Query<(&Holder, &Miner)>,
    validators: Query<&Validator>,
    mut scratch: Local<EpochScratch>,
) {
    let EpochScratch { due, miner_ids, weights, parts, on_subnet, stakes, alpha_weights, root_weights } = &mut *scratch;
    due_epochs(&chain, &params, &subnets, due);
    let root_earners = if due.is_empty() { Vec::new() } else { root_earners(&params, &directory, &ledger) };
    for &(_, entity) in due.iter() {
        let Ok((_, subnet, members, mut pending, mut totals, mut flow, mut chain_state, mut pool)) = subnets.get_mut(entity) else { continue };
        flow.epoch = true;
        let netuid = subnet.netuid;
        chain_state.last_epoch_block = chain.absolute_block();
        // The owner's hotkeys withhold this part of the incentive; it is burned.
        let burned = (pending.miner_alpha as f64 * chain_state.miner_burned.clamp(0.0, 1.0)) as u64;
        if burned > 0 {
            pending.miner_alpha -= burned;
            pool.alpha_outstanding -= burned as i64;
            totals.minted_alpha -= burned;
            totals.recycled_alpha += burned;
            flow.miner_burned_alpha = burned;
        }
        let owner_alpha = std::mem::take(&mut pending.owner_alpha);
        match subnet.owner {
            Some(owner) => ledger.subnet(netuid).credit(Hotkey::Own, owner, owner_alpha),
            None => totals.unclaimed_alpha += owner_alpha,
        }

        miner_ids.clear();
        weights.clear();
        for (holder, miner) in members.miners.iter().filter_map(|e| miners.get(*e).ok()) {
            miner_ids.push(holder.id);
            weights.push(miner.weight);
        }
        match pro_rata_into(pending.miner_alpha, weights, parts) {
            Some(left) => {
                let book = ledger.subnet(netuid);
                for (holder, pay) in miner_ids.iter().zip(parts.iter()) {
                    book.credit(Hotkey::Own, *holder, *pay);
                }
                pending.miner_alpha = left;
            }
            // No miner earns incentive: the validators get the whole pending alpha.
            None => pending.validator_alpha += std::mem::take(&mut pending.miner_alpha),
        }

        on_subnet.clear();
        stakes.clear();
        for v in &members.validators {
            let Some(&holder) = directory.validators.get(*v as usize) else { continue };
            let Some(take) = directory.holder(holder).and_then(|e| validators.get(e).ok()).map(|v| v.take) else { continue };
            let hotkey = Hotkey::Validator(*v);
            let alpha = ledger.subnet_ref(netuid).map_or(0, |b| b.hotkey_total(hotkey));
            on_subnet.push((hotkey, take, holder));
            stakes.push(ValidatorStake { alpha, root: ledger.root.hotkey_total(hotkey) });
        }
        agreeing_dividend_weights_into(stakes, params.tao_weight, alpha_weights, root_weights);
        for (weight, v) in root_weights.iter_mut().zip(on_subnet.iter()) {
            if !root_earners.get(validator_of(v.0)).copied().unwrap_or(true) {
                *weight = 0.0;
            }
        }

        match pro_rata_into(pending.validator_alpha, alpha_weights, parts) {
            Some(left) => {
                let book = ledger.subnet(netuid);
                for ((hotkey, take, holder), pay) in on_subnet.iter().zip(parts.iter()) {
                    pay_hotkey(book, *hotkey, *holder, *take, *pay);
                }
                pending.validator_alpha = left;
            }
            None => totals.unclaimed_alpha += std::mem::take(&mut pending.validator_alpha),
        }

        // Root TAO (or alpha) with no validator of this subnet to receive it waits for the
        // next epoch, or is recycled where the rule set says so.
        if let Some(left) = pro_rata_into(pending.root_tao, root_weights, parts) {
            for ((hotkey, take, holder), pay) in on_subnet.iter().zip(parts.iter()) {
                pay_hotkey(&mut ledger.root, *hotkey, *holder, *take, *pay);
            }
            pending.root_tao = left;
        }
        if pending.root_alpha > 0 {
            if let Some(left) = pro_rata_into(pending.root_alpha, root_weights, parts) {
                for ((hotkey, take, holder), pay) in on_subnet.iter().zip(parts.iter()) {
                    if params.root_alpha_in_place {
                        pay_root_alpha_in_place(&mut ledger, netuid, *hotkey, *holder, *take, *pay);
                    } else {
                        pay_root_alpha(&mut ledger, &mut claims, &mut totals, netuid, *hotkey, *holder, *take, *pay);
                    }
                }
                pending.root_alpha = left;
            } else if params.root_dividends.recycles_unearned() {
                let unearned = std::mem::take(&mut pending.root_alpha);
                pool.alpha_outstanding -= unearned as i64;
                totals.minted_alpha -= unearned;
                totals.recycled_alpha += unearned;
            }
        }
    }
}

/// Whether each validator (by [`crate::world::ValidatorId`]) may earn root dividends under
/// the rule set ([`crate::economy::dividends::RootDividendRule`]), from its root stake.
fn root_earners(params: &Params, directory: &Directory, ledger: &Ledger) -> Vec<bool> {
    let stakes: Vec<u64> = (0..directory.validators.len()).map(|v| ledger.root.hotkey_total(Hotkey::Validator(v as u32))).collect();
    params.root_dividends.earners(&stakes)
}

fn validator_of(hotkey: Hotkey) -> usize {
    match hotkey {
        Hotkey::Validator(v) => v as usize,
        Hotkey::Own => usize::MAX,
    }
}

/// Buffers [`pay_out_epoch`] keeps between blocks, so that paying a subnet allocates nothing.
#[derive(Default)]
pub struct EpochScratch {
    due: Vec<(u16, Entity)>,
    miner_ids: Vec<HolderId>,
    weights: Vec<f64>,
    parts: Vec<u64>,
    on_subnet: Vec<(Hotkey, f64, HolderId)>,
    stakes: Vec<ValidatorStake>,
    alpha_weights: Vec<f64>,
    root_weights: Vec<f64>,
}

/// The subnets [`pay_out_epoch`] reads and pays.
type EpochSubnets<'w, 's> = Query<
    'w,
    's,
    (
        Entity,
        &'static Subnet,
        &'static Members,
        &'static mut Pending,
        &'static mut SubnetTotals,
        &'static mut BlockFlow,
        &'static mut SubnetChain,
        &'static mut Pool,
    ),
>;

/// The subnets whose epoch runs this block, in netuid order. Under `mainnet-2026-08`
/// (SPEC_2026_08.md §9): those with `block − LastEpochBlock ≥ tempo` (their own tempo), at
/// most `max_epochs_per_block`, the others waiting for the next block; otherwise every
/// `tempo + 1` blocks, staggered by netuid.
fn due_epochs(chain: &Chain, params: &Params, subnets: &EpochSubnets, due: &mut Vec<(u16, Entity)>) {
    due.clear();
    let started = |s: &Subnet| s.start_block <= chain.block;
    if params.max_epochs_per_block > 0 {
        let now = chain.absolute_block();
        due.extend(subnets.iter().filter_map(|(e, s, _, _, _, _, chain_state, _)| {
            let tempo = if chain_state.tempo > 0 { chain_state.tempo } else { params.tempo };
            (started(s) && tempo > 0 && now.saturating_sub(chain_state.last_epoch_block) >= tempo).then_some((s.netuid, e))
        }));
        due.sort_unstable();
        let null_due = due.iter().any(|(_, e)| subnets.get(*e).is_ok_and(|s| s.6.null_consensus));
        due.truncate(params.epoch_cap(null_due));
    } else {
        let phase = params.epoch_phase(chain.absolute_block());
        due.extend(
            subnets
                .iter()
                .filter(|(_, s, ..)| started(s) && params.is_epoch_in_phase(s.netuid, phase))
                .map(|(e, s, ..)| (s.netuid, e)),
        );
    }
}

/// Root Reborn's null strategy (spec 441+): a validator's root alpha stays on the subnet as
/// alpha. Its take goes to the validator; the rest to the hotkey's root stakers, pro rata to
/// their root stake on it, staked on the same hotkey (the chain holds it in the validator's
/// basket, of which they own those shares). Rounding dust goes to the validator.
fn pay_root_alpha_in_place(ledger: &mut Ledger, netuid: u16, hotkey: Hotkey, validator: HolderId, take: f64, amount: u64) {
    if amount == 0 {
        return;
    }
    let kept = take_of(amount, take);
    let shared = amount - kept;
    let root_stake = ledger.root.hotkey_total(hotkey);
    let mut paid = 0;
    if root_stake > 0 && shared > 0 {
        let stakers: Vec<(HolderId, u64)> = ledger.root.nominators(hotkey).collect();
        let book = ledger.subnet(netuid);
        for (staker, stake) in stakers {
            let pay = (shared as u128 * stake as u128 / root_stake as u128) as u64;
            book.credit(hotkey, staker, pay);
            paid += pay;
        }
    }
    ledger.subnet(netuid).credit(hotkey, validator, amount - paid);
}

/// Nov-2025 rules: a validator's root alpha. Its take is staked for it on the subnet; the
/// rest becomes claimable by the hotkey's root stakers (`RootClaimable += rest / root
/// stake`), or, when it exceeds the hotkey's root stake in RAO, is staked for the validator
/// too, as the chain does.
#[allow(clippy::too_many_arguments)]
fn pay_root_alpha(
    ledger: &mut Ledger,
    claims: &mut RootClaims,
    totals: &mut SubnetTotals,
    netuid: u16,
    hotkey: Hotkey,
    validator: HolderId,
    take: f64,
    amount: u64,
) {
    if amount == 0 {
        return;
    }
    let kept = take_of(amount, take);
    let rest = amount - kept;
    let root_stake = ledger.root.hotkey_total(hotkey);
    if root_stake == 0 || rest > root_stake {
        ledger.subnet(netuid).credit(hotkey, validator, amount);
        return;
    }
    ledger.subnet(netuid).credit(hotkey, validator, kept);
    *claims.rate.entry((hotkey, netuid)).or_default() += rest as f64 / root_stake as f64;
    totals.claimable_alpha += rest;
}

/// Pays `amount` to a validator hotkey in `book`: its take to the validator's own holder,
/// the rest to the hotkey's nominators pro rata to their stake on it (the validator's own
/// stake included). Rounding dust of the nominators' part stays with the validator.
pub(crate) fn pay_hotkey(book: &mut Book, hotkey: Hotkey, validator: HolderId, take: f64, amount: u64) {
    if amount == 0 {
        return;
    }
    let kept = take_of(amount, take);
    let paid = book.pay_nominators(hotkey, amount - kept);
    book.credit(hotkey, validator, amount - paid);
}
