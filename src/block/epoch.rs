//! Step 5: epoch payouts, every `tempo + 1` blocks per subnet (staggered by netuid).
//!
//! Pro-rata payouts truncate each recipient's amount; the RAO of dust left over stays in the
//! pending bucket for the next epoch, so nothing is created or lost.

use crate::economy::dividends::{agreeing_dividends, dividend_weights, pro_rata, take_of, ValidatorStake};
use crate::economy::Params;
use crate::world::ledger::Book;
use crate::world::{
    Chain, Directory, Holder, HolderId, Hotkey, Ledger, Members, Miner, Pending, RootClaims, Subnet, SubnetTotals,
    Validator,
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
    mut subnets: Query<(&Subnet, &Members, &mut Pending, &mut SubnetTotals)>,
    miners: Query<(&Holder, &Miner)>,
    validators: Query<&Validator>,
) {
    let phase = params.epoch_phase(chain.block);
    for (subnet, members, mut pending, mut totals) in &mut subnets {
        if subnet.start_block > chain.block || !params.is_epoch_in_phase(subnet.netuid, phase) {
            continue;
        }
        let netuid = subnet.netuid;
        let owner_alpha = std::mem::take(&mut pending.owner_alpha);
        match subnet.owner {
            Some(owner) => ledger.subnet(netuid).credit(Hotkey::Own, owner, owner_alpha),
            None => totals.unclaimed_alpha += owner_alpha,
        }

        let weights: Vec<(HolderId, f64)> = members
            .miners
            .iter()
            .filter_map(|e| miners.get(*e).ok())
            .map(|(h, m)| (h.id, m.weight))
            .collect();
        let miner_weights: Vec<f64> = weights.iter().map(|w| w.1).collect();
        match pro_rata(pending.miner_alpha, &miner_weights) {
            Some((parts, left)) => {
                for ((holder, _), pay) in weights.iter().zip(parts) {
                    ledger.subnet(netuid).credit(Hotkey::Own, *holder, pay);
                }
                pending.miner_alpha = left;
            }
            // No miner earns incentive: the validators get the whole pending alpha.
            None => pending.validator_alpha += std::mem::take(&mut pending.miner_alpha),
        }

        let on_subnet: Vec<(Hotkey, f64, HolderId, ValidatorStake)> = members
            .validators
            .iter()
            .filter_map(|v| {
                let holder = *directory.validators.get(*v as usize)?;
                let take = validators.get(directory.holder(holder)?).ok()?.take;
                let hotkey = Hotkey::Validator(*v);
                let alpha = ledger.subnet_ref(netuid).map_or(0, |b| b.hotkey_total(hotkey));
                Some((hotkey, take, holder, ValidatorStake { alpha, root: ledger.root.hotkey_total(hotkey) }))
            })
            .collect();
        let stakes: Vec<ValidatorStake> = on_subnet.iter().map(|v| v.3).collect();
        let divs = dividend_weights(&agreeing_dividends(&stakes, params.tao_weight), &stakes, params.tao_weight);

        let alpha_weights: Vec<f64> = divs.iter().map(|d| d.0).collect();
        match pro_rata(pending.validator_alpha, &alpha_weights) {
            Some((parts, left)) => {
                let book = ledger.subnet(netuid);
                for ((hotkey, take, holder, _), pay) in on_subnet.iter().zip(parts) {
                    pay_hotkey(book, *hotkey, *holder, *take, pay);
                }
                pending.validator_alpha = left;
            }
            None => totals.unclaimed_alpha += std::mem::take(&mut pending.validator_alpha),
        }

        // Root TAO (or alpha) with no validator of this subnet to receive it waits for the
        // next epoch.
        let root_weights: Vec<f64> = divs.iter().map(|d| d.1).collect();
        if let Some((parts, left)) = pro_rata(pending.root_tao, &root_weights) {
            for ((hotkey, take, holder, _), pay) in on_subnet.iter().zip(parts) {
                pay_hotkey(&mut ledger.root, *hotkey, *holder, *take, pay);
            }
            pending.root_tao = left;
        }
        if pending.root_alpha > 0 {
            if let Some((parts, left)) = pro_rata(pending.root_alpha, &root_weights) {
                for ((hotkey, take, holder, _), pay) in on_subnet.iter().zip(parts) {
                    pay_root_alpha(&mut ledger, &mut claims, &mut totals, netuid, *hotkey, *holder, *take, pay);
                }
                pending.root_alpha = left;
            }
        }
    }
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
    let shared = amount - kept;
    let nominated = book.hotkey_total(hotkey);
    let mut paid = 0;
    if nominated > 0 && shared > 0 {
        let nominators: Vec<(HolderId, u64)> = book.nominators(hotkey).collect();
        for (nominator, stake) in nominators {
            let pay = (shared as u128 * stake as u128 / nominated as u128) as u64;
            book.credit(hotkey, nominator, pay);
            paid += pay;
        }
    }
    book.credit(hotkey, validator, amount - paid);
}

/// Root TAO pro rata to root stake, restaked on the same hotkey. Returns what is left pending.
/// Used when a subnet is deregistered with root TAO still pending.
pub(crate) fn pay_root(ledger: &mut Ledger, amount: u64) -> u64 {
    let stake = ledger.root.total();
    if amount == 0 || stake == 0 {
        return amount;
    }
    let stakers: Vec<(Hotkey, HolderId, u64)> = ledger.root.entries().collect();
    let mut left = amount;
    for (hotkey, holder, s) in stakers {
        let pay = (amount as u128 * s as u128 / stake as u128) as u64;
        ledger.root.credit(hotkey, holder, pay);
        left -= pay;
    }
    left
}
