//! Step 5: epoch payouts, every `tempo + 1` blocks per subnet (staggered by netuid).
//!
//! Pro-rata payouts truncate each recipient's amount; the RAO of dust left over stays in the
//! pending bucket for the next epoch, so nothing is created or lost.

use crate::economy::Params;
use crate::world::{
    Chain, Directory, Holder, HolderId, Hotkey, Ledger, Members, Miner, Pending, Subnet, SubnetTotals, Validator,
};
use bevy::prelude::*;

/// Pays each subnet whose epoch falls in this block: owner alpha to the owner's stake,
/// miner alpha by miner weight, validator alpha by stake weight (take to the validator,
/// the rest to its nominators pro rata), and root TAO to root stakers, restaked on root.
pub fn pay_out_epoch(
    chain: Res<Chain>,
    params: Res<Params>,
    directory: Res<Directory>,
    mut ledger: ResMut<Ledger>,
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
        pending.miner_alpha = pay_miners(&mut ledger, netuid, pending.miner_alpha, &weights, &mut totals);

        let stakes: Vec<(u32, f64, f64, HolderId)> = members
            .validators
            .iter()
            .filter_map(|v| {
                let holder = *directory.validators.get(*v as usize)?;
                let take = validators.get(directory.holder(holder)?).ok()?.take;
                Some((*v, ledger.stake_weight(netuid, *v, params.tao_weight), take, holder))
            })
            .collect();
        pending.validator_alpha = pay_validators(&mut ledger, netuid, pending.validator_alpha, &stakes, &mut totals);

        pending.root_tao = pay_root(&mut ledger, pending.root_tao);
    }
}

/// Each recipient's part of `amount` by weight, truncated, and what is left pending. With
/// nobody to pay (no positive weight) the whole amount becomes unclaimed.
fn split_by_weight(amount: u64, weights: &[f64], totals: &mut SubnetTotals) -> (Vec<u64>, u64) {
    let total: f64 = weights.iter().sum();
    if amount == 0 || !(total > 0.0) {
        totals.unclaimed_alpha += amount;
        return (vec![0; weights.len()], 0);
    }
    let mut left = amount;
    let parts = weights
        .iter()
        .map(|w| {
            let part = ((amount as f64 * (w / total)) as u64).min(left);
            left -= part;
            part
        })
        .collect();
    (parts, left)
}

/// Returns what is left pending.
fn pay_miners(ledger: &mut Ledger, netuid: u16, amount: u64, weights: &[(HolderId, f64)], totals: &mut SubnetTotals) -> u64 {
    let (parts, left) = split_by_weight(amount, &weights.iter().map(|w| w.1).collect::<Vec<_>>(), totals);
    for ((holder, _), pay) in weights.iter().zip(parts) {
        ledger.subnet(netuid).credit(Hotkey::Own, *holder, pay);
    }
    left
}

/// `stakes`: (validator, stake weight, take, the validator's holder). Returns what is left pending.
fn pay_validators(
    ledger: &mut Ledger,
    netuid: u16,
    amount: u64,
    stakes: &[(u32, f64, f64, HolderId)],
    totals: &mut SubnetTotals,
) -> u64 {
    let (dividends, left) = split_by_weight(amount, &stakes.iter().map(|s| s.1).collect::<Vec<_>>(), totals);
    for (&(validator, _, take, holder), dividend) in stakes.iter().zip(dividends) {
        let kept = (dividend as f64 * take) as u64;
        let hotkey = Hotkey::Validator(validator);
        let book = ledger.subnet(netuid);
        let nominated = book.hotkey_total(hotkey);
        let nominators: Vec<(HolderId, u64)> = book.nominators(hotkey).collect();
        let shared = dividend - kept;
        let mut paid = 0;
        if nominated > 0 {
            for (nominator, stake) in nominators {
                let pay = (shared as u128 * stake as u128 / nominated as u128) as u64;
                book.credit(hotkey, nominator, pay);
                paid += pay;
            }
        }
        // The take, and any rounding dust of the nominators' part, stays with the validator.
        book.credit(hotkey, holder, dividend - paid);
    }
    left
}

/// Root TAO pro rata to root stake, restaked on the same hotkey. Returns what is left pending.
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
