//! Nov-2025 rules: auto-claims of root alpha, after the coinbase and before transactions
//! (subtensor `block_step.rs`, `claim_root.rs`).

use crate::economy::rules::{ROOT_CLAIMS_PER_BLOCK, ROOT_CLAIM_THRESHOLD};
use crate::economy::quote_unstake;
use crate::world::{BlockFlow, Chain, ClaimType, Directory, HolderId, Ledger, Pool, RootClaims, SubnetTotals};
use bevy::prelude::*;

/// Each block, the next [`ROOT_CLAIMS_PER_BLOCK`] root stakers (in holder order, round robin:
/// a deterministic stand-in for the chain's draw from the block hash) claim what they are
/// owed on every subnet, when it is at least [`ROOT_CLAIM_THRESHOLD`]. Swap sells the alpha
/// through the pool with no fee and stakes the TAO on root, through the same hotkey (left
/// out of `R`, as the chain did); Keep stakes the alpha on the subnet. The schedule runs it
/// only under rules that keep root alpha ([`crate::economy::Params::root_alpha_claimed`]).
pub fn auto_claim_root(
    mut chain: ResMut<Chain>,
    directory: Res<Directory>,
    mut ledger: ResMut<Ledger>,
    mut claims: ResMut<RootClaims>,
    mut subnets: Query<(&mut Pool, &mut SubnetTotals, &mut BlockFlow)>,
    mut stakers: Local<Vec<HolderId>>,
) {
    if claims.rate.is_empty() {
        return;
    }
    stakers.clear();
    stakers.extend(ledger.root.entries().map(|(_, holder, _)| holder));
    stakers.sort_unstable();
    stakers.dedup();
    if stakers.is_empty() {
        return;
    }
    let start = claims.cursor % stakers.len();
    let turn: Vec<HolderId> = stakers.iter().cycle().skip(start).take(ROOT_CLAIMS_PER_BLOCK.min(stakers.len())).copied().collect();
    claims.cursor = start + turn.len();
    for holder in turn {
        for (hotkey, stake) in ledger.root.holder_positions(holder) {
            let rates: Vec<u16> = claims.rates(hotkey).map(|(n, _)| n).collect();
            for netuid in rates {
                let owed = claims.owed(hotkey, holder, netuid, stake);
                if owed < ROOT_CLAIM_THRESHOLD {
                    continue;
                }
                let Some(entity) = directory.subnets.get(&netuid) else { continue };
                let Ok((mut pool, mut totals, mut flow)) = subnets.get_mut(*entity) else { continue };
                let owed = owed.min(totals.claimable_alpha);
                if owed == 0 {
                    continue;
                }
                match claims.claim_type(holder) {
                    ClaimType::Keep => ledger.subnet(netuid).credit(hotkey, holder, owed),
                    ClaimType::Swap => {
                        let Ok(sale) = quote_unstake(pool.reserves(), owed, 0) else { continue };
                        pool.set_reserves(sale.after);
                        pool.alpha_outstanding -= owed as i64;
                        ledger.root.credit(hotkey, holder, sale.out);
                        chain.root_uncounted += sale.out;
                        flow.root_claim_tao += sale.out;
                        claims.stake_added(hotkey, holder, sale.out);
                    }
                }
                totals.claimable_alpha -= owed;
                flow.root_claimed_alpha += owed;
                *claims.claimed.entry((hotkey, holder, netuid)).or_default() += owed;
            }
        }
    }
}
