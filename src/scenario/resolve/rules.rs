//! How the economy runs: the rule set's parameters (`[rules]`) and the part of payouts
//! each role sells (`[emission_sellers]`).

use super::amounts::{duration, lock_of};
use super::genesis::SellerPolicy;
use super::problem::{problem, Problem};
use crate::economy::limits::MAX_SUBNETS;
use crate::economy::RuleOverrides;
use crate::scenario::format::{EmissionSellersSpec, RulesSpec};

/// The scenario's own `[rules]` values, checked; the rules in force are
/// `overrides.on(rules.preset)`.
pub(super) fn overrides_of(rules: &RulesSpec) -> Result<RuleOverrides, Problem> {
    // Checked in the order of the file format, so that the first problem reported is the
    // same as ever.
    let tempo = rules.tempo.as_ref().map(|t| duration(t, "rules.tempo", 1)).transpose()?;
    let block_reward_rao = match &rules.block_reward {
        Some(reward) if reward.get_ref().0 > crate::economy::rules::MAX_BLOCK_REWARD => {
            return problem(Some(reward.span()), "rules.block_reward", "at most 1,000 TAO per block");
        }
        reward => reward.as_ref().map(|r| r.get_ref().0),
    };
    let subnet_limit = match &rules.subnet_limit {
        Some(limit) if *limit.get_ref() == 0 || *limit.get_ref() > MAX_SUBNETS => {
            return problem(Some(limit.span()), "rules.subnet_limit", format!("must be from 1 to {MAX_SUBNETS}, got {}", limit.get_ref()));
        }
        limit => limit.as_ref().map(|l| *l.get_ref()),
    };
    let immunity_period = rules.immunity_period.as_ref().map(|i| duration(i, "rules.immunity_period", 0)).transpose()?;
    let lock_cost_rao = rules.lock_cost.as_ref().map(|l| lock_of(l, "rules.lock_cost")).transpose()?;
    let tx_fee_recycled_rao = match &rules.tx_fee_recycled_per_block {
        Some(fee) if fee.get_ref().0 > crate::economy::rules::MAX_BLOCK_REWARD => {
            return problem(Some(fee.span()), "rules.tx_fee_recycled_per_block", "at most 1,000 TAO per block");
        }
        fee => fee.as_ref().map(|f| f.get_ref().0),
    };
    Ok(RuleOverrides {
        share_rule: rules.share_rule,
        tao_weight: rules.tao_weight.map(|w| w.0),
        tempo,
        fee_rao: rules.fee_rao,
        owner_cut: rules.owner_cut.map(|c| c.0),
        block_reward_rao,
        subnet_limit,
        immunity_period,
        lock_cost_rao,
        moving_alpha: rules.moving_alpha.map(|a| a.0),
        moving_halving_blocks: rules.moving_halving_blocks,
        tx_fee_recycled_rao,
    })
}

pub(super) fn sellers_of(sellers: &EmissionSellersSpec) -> SellerPolicy {
    SellerPolicy {
        validators: sellers.validators.map_or(0.0, |f| f.0),
        miners: sellers.miners.map_or(0.0, |f| f.0),
        owners: sellers.owners.map_or(0.0, |f| f.0),
    }
}
