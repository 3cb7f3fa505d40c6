//! Registering and dissolving subnets as the rule sets price and pay them: the lock cost, how
//! a registration at the subnet limit waits for its slot, and who gets a dissolved pool's
//! TAO. Each rule is data in [`super::Params`]; these are its small pure functions, called
//! by `transactions::market::register` (docs/MODEL.md, "mainnet-2026-10").

use super::RAO_PER_TAO;
use serde::Serialize;

/// How a registration's lock is priced.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LockRule {
    /// The rule set's `lock_cost`, whatever came before (every preset up to `mainnet-2025-11`).
    Flat,
    /// The chain's `get_network_lock_cost`: `max(min_lock, mult·last − floor(last / I)·(now −
    /// last_block))`, `mult` 2 after a first registration (1 before), with the decay interval
    /// `I = NetworkLockReductionInterval × E / 1 TAO` (`get_lock_reduction_interval`: 57,600
    /// blocks at E = 0.5). `min_lock` is the rule set's `lock_cost` (`NetworkMinLockCost`).
    Doubling {
        /// `NetworkLockReductionInterval` (115,200 on mainnet).
        reduction_interval: u64,
    },
}

/// The last registration the lock cost decays from: `NetworkLastLockCost` and the block of
/// `LastRateLimitedBlock(NetworkLastRegistered)` (absolute; 0 = none yet).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LastLock {
    pub rao: u64,
    pub block: u64,
}

/// `get_lock_reduction_interval`: `NetworkLockReductionInterval × (E / 10⁹)` in the chain's
/// `I64F64`, the quotient truncated to 64 fractional bits, the product to a whole block.
pub fn lock_reduction_interval(reduction_interval: u64, block_emission: u64) -> u64 {
    let scale = ((block_emission as u128) << 64) / RAO_PER_TAO as u128;
    let (whole, frac) = (scale >> 64, scale & u64::MAX as u128);
    let interval = reduction_interval as u128;
    let product = interval.saturating_mul(whole).saturating_add((interval * frac) >> 64);
    product.min(u64::MAX as u128) as u64
}

impl LockRule {
    /// The lock a registration pays at absolute block `now`, when total issuance gives a
    /// block emission of `block_emission` RAO.
    pub fn cost(self, flat: u64, last: LastLock, now: u64, block_emission: u64) -> u64 {
        match self {
            LockRule::Flat => flat,
            LockRule::Doubling { reduction_interval } => {
                let interval = lock_reduction_interval(reduction_interval, block_emission);
                let mult = if last.block == 0 { 1 } else { 2 };
                // `safe_div`: no decay when the interval rounds to 0 blocks.
                let per_block = last.rao.checked_div(interval).unwrap_or(0);
                let decay = per_block.saturating_mul(now.saturating_sub(last.block));
                last.rao.saturating_mul(mult).saturating_sub(decay).max(flat)
            }
        }
    }
}

/// What a registration does when the subnet count is at the limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RegistrationRule {
    /// The weakest subnet is dissolved and the new one takes its netuid in the same call.
    Instant,
    /// Specs 472/473: the lock goes into an escrow at once, the weakest subnet is dissolved,
    /// and the registration settles `settle_blocks` later (the dissolve's cleanup), with the
    /// lock and median price of queue time; a settlement that fails refunds the escrow.
    Queued { settle_blocks: u64 },
}

/// Who gets a dissolved subnet's pool TAO.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DissolutionRule {
    /// Pro rata over all alpha outstanding, truncated; the part of alpha nobody holds
    /// (pending, unclaimed, protocol) and the dust are recycled; no owner refund.
    AllOutstanding,
    /// `destroy_alpha_in_out_stakes`: pro rata over staker alpha plus `SubnetProtocolAlpha`
    /// (plus `SubnetAlphaIn` for subnets registered after `tao_in_refund_block`), largest
    /// remainder first; the protocol's part is recycled. The owner's lock is refunded only
    /// for subnets registered before `registration_start_block`, from TAO the simulator does
    /// not hold (docs/MODEL.md, "mainnet-2026-10"), so no refund is paid.
    Stakers {
        /// `NetworkRegistrationStartBlock` (6,573,966 on mainnet).
        registration_start_block: u64,
        /// `TaoInRefundDeploymentBlock` (8,334,450 on mainnet).
        tao_in_refund_block: u64,
    },
}

/// The TAO of a dissolved pool: each staker's part (in the order given) and what is recycled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Payout {
    pub stakers: Vec<u64>,
    pub recycled: u64,
}

/// What a dissolution reads of the subnet, in RAO.
#[derive(Clone, Copy, Debug, Default)]
pub struct Dissolved {
    /// Pool TAO with its reservoir folded back.
    pub pot: u64,
    /// Alpha outstanding (staked, pending, unclaimed, protocol...).
    pub outstanding: u64,
    /// `SubnetProtocolAlpha`.
    pub protocol: u64,
    /// `SubnetAlphaIn` with the alpha reservoir folded back.
    pub alpha_in: u64,
    /// Absolute block of its registration (`NetworkRegisteredAt`).
    pub registered_block: i64,
}

impl DissolutionRule {
    /// Splits `subnet.pot` over the stakers' alpha `stakes`.
    pub fn payout(self, subnet: Dissolved, stakes: &[u64]) -> Payout {
        let pot = subnet.pot as u128;
        match self {
            DissolutionRule::AllOutstanding => {
                let total = subnet.outstanding as u128;
                let stakers: Vec<u64> = stakes.iter().map(|a| if total > 0 { (pot * *a as u128 / total) as u64 } else { 0 }).collect();
                let paid: u64 = stakers.iter().sum();
                Payout { stakers, recycled: subnet.pot - paid }
            }
            DissolutionRule::Stakers { tao_in_refund_block, .. } => {
                let counts_pool = subnet.registered_block > tao_in_refund_block as i64;
                let protocol = subnet.protocol as u128 + if counts_pool { subnet.alpha_in as u128 } else { 0 };
                let shares = largest_remainder(pot, stakes.iter().map(|a| *a as u128).chain(std::iter::once(protocol)));
                // The rest is the protocol's part, or the whole pot when nobody holds any alpha.
                let stakers = &shares[..stakes.len()];
                Payout { stakers: stakers.to_vec(), recycled: subnet.pot - stakers.iter().sum::<u64>() }
            }
        }
    }
}

impl DissolutionRule {
    /// Whether the chain refunds the owner of a subnet registered at absolute block
    /// `registered_block` (its lock, less the owner emission's value) when it is dissolved.
    pub fn refunds_owner(self, registered_block: i64) -> bool {
        match self {
            DissolutionRule::AllOutstanding => false,
            DissolutionRule::Stakers { registration_start_block, .. } => registered_block < registration_start_block as i64,
        }
    }
}

/// `pot` split by `weights`: each floor of `pot·w/Σw`, then one more RAO to the largest
/// remainders (ties: the earlier entry) until the pot is spent, as the chain pays a
/// dissolved pool. All 0 when every weight is 0.
pub fn largest_remainder(pot: u128, weights: impl Iterator<Item = u128> + Clone) -> Vec<u64> {
    let total: u128 = weights.clone().sum();
    if total == 0 {
        return weights.map(|_| 0).collect();
    }
    let mut parts: Vec<(u64, u128)> = weights.map(|w| ((pot * w / total) as u64, pot * w % total)).collect();
    let leftover = pot - parts.iter().map(|p| p.0 as u128).sum::<u128>();
    let mut order: Vec<usize> = (0..parts.len()).collect();
    order.sort_by(|a, b| parts[*b].1.cmp(&parts[*a].1).then(a.cmp(b)));
    for i in order.into_iter().take(leftover as usize) {
        parts[i].0 += 1;
    }
    parts.into_iter().map(|p| p.0).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TAO: u64 = RAO_PER_TAO;

    #[test]
    fn the_decay_interval_scales_with_the_block_emission() {
        assert_eq!(lock_reduction_interval(115_200, TAO), 115_200);
        assert_eq!(lock_reduction_interval(115_200, TAO / 2), 57_600);
        assert_eq!(lock_reduction_interval(115_200, TAO / 4), 28_800);
        // 0.3 is not exact in binary: the chain's I64F64 quotient falls just short.
        assert_eq!(lock_reduction_interval(115_200, 300_000_000), 34_559);
        assert_eq!(lock_reduction_interval(115_200, 0), 0);
    }

    #[test]
    fn the_lock_cost_at_block_9240878_is_the_runtimes() {
        // globals_9240878.json (spec 475): NetworkLastLockCost 653.019966758 TAO at 9,210,610,
        // E = 0.5 TAO; the runtime API answered 962,887,016,780 RAO.
        let rule = LockRule::Doubling { reduction_interval: 115_200 };
        let last = LastLock { rao: 653_019_966_758, block: 9_210_610 };
        assert_eq!(rule.cost(TAO, last, 9_240_878, TAO / 2), 962_887_016_780);
        // SPEC_2026_08's interval of 115,200 blocks would have said 1,134.5 TAO.
        assert_eq!(rule.cost(TAO, last, 9_240_878, TAO), 1_134_463_475_148);
        // Never below the minimum; no doubling before a first registration.
        assert_eq!(rule.cost(TAO, last, 20_000_000, TAO / 2), TAO);
        assert_eq!(rule.cost(TAO, LastLock { rao: 5 * TAO, block: 0 }, 0, TAO / 2), 5 * TAO);
        assert_eq!(LockRule::Flat.cost(7, last, 9_240_878, TAO / 2), 7);
    }

    #[test]
    fn a_dissolved_pool_goes_to_stakers_and_the_protocol_by_largest_remainder() {
        let rule = DissolutionRule::Stakers { registration_start_block: 6_573_966, tao_in_refund_block: 8_334_450 };
        let subnet = Dissolved { pot: 100, outstanding: 10, protocol: 1, alpha_in: 6, registered_block: 8_000_000 };
        // 100 over 3 + 3 + 1 (protocol): 42.86, 42.86, 14.29 -> 42, 42, 14 and 2 RAO more to
        // the largest remainders, the two stakers.
        assert_eq!(rule.payout(subnet, &[3, 3]), Payout { stakers: vec![43, 43], recycled: 14 });
        // Registered after TaoInRefundDeploymentBlock: the pool's own alpha counts too.
        let young = Dissolved { registered_block: 9_000_000, ..subnet };
        assert_eq!(rule.payout(young, &[3, 3]), Payout { stakers: vec![23, 23], recycled: 54 });
        // Nobody at all: everything is recycled.
        assert_eq!(rule.payout(Dissolved { protocol: 0, ..subnet }, &[]), Payout { stakers: vec![], recycled: 100 });
        assert!(rule.refunds_owner(6_573_965) && !rule.refunds_owner(6_573_966));
        let old = DissolutionRule::AllOutstanding.payout(subnet, &[3, 3]);
        assert_eq!(old, Payout { stakers: vec![30, 30], recycled: 40 });
    }
}
