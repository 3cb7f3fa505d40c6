//! How the economy runs: the rule set's parameters (`[rules]`) and the part of payouts
//! each role sells (`[emission_sellers]`).

use super::amounts::{duration, lock_of};
use super::genesis::SellerPolicy;
use super::problem::{problem, Problem};
use crate::economy::limits::MAX_SUBNETS;
use crate::economy::Params;
use crate::scenario::format::{EmissionSellersSpec, RulesSpec};

pub(super) fn params_of(rules: &RulesSpec) -> Result<Params, Problem> {
    let mut params = Params::preset(rules.preset);
    if let Some(rule) = rules.share_rule {
        params.share_rule = rule;
    }
    if let Some(w) = rules.tao_weight {
        params.tao_weight = w.0;
    }
    if let Some(tempo) = &rules.tempo {
        params.tempo = duration(tempo, "rules.tempo", 1)?;
    }
    if let Some(fee) = rules.fee_rao {
        params.fee_rao = fee;
    }
    if let Some(cut) = rules.owner_cut {
        params.owner_cut = cut.0;
    }
    if let Some(reward) = &rules.block_reward {
        if reward.get_ref().0 > crate::economy::rules::MAX_BLOCK_REWARD {
            return problem(Some(reward.span()), "rules.block_reward", "at most 1,000 TAO per block");
        }
        params.block_reward_rao = reward.get_ref().0;
    }
    if let Some(limit) = &rules.subnet_limit {
        let n = *limit.get_ref();
        if n == 0 || n > MAX_SUBNETS {
            return problem(Some(limit.span()), "rules.subnet_limit", format!("must be from 1 to {MAX_SUBNETS}, got {n}"));
        }
        params.subnet_limit = n;
    }
    if let Some(immunity) = &rules.immunity_period {
        params.immunity_period = duration(immunity, "rules.immunity_period", 0)?;
    }
    if let Some(lock) = &rules.lock_cost {
        params.lock_cost_rao = lock_of(lock, "rules.lock_cost")?;
    }
    if let Some(a) = rules.moving_alpha {
        params.moving_alpha = a.0;
    }
    if let Some(h) = rules.moving_halving_blocks {
        params.moving_halving_blocks = h;
    }
    Ok(params)
}

pub(super) fn sellers_of(sellers: &EmissionSellersSpec) -> SellerPolicy {
    SellerPolicy {
        validators: sellers.validators.map_or(0.0, |f| f.0),
        miners: sellers.miners.map_or(0.0, |f| f.0),
        owners: sellers.owners.map_or(0.0, |f| f.0),
    }
}
