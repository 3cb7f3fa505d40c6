//! The parameters a scenario's `[rules]` table sets on top of its preset, kept for the whole
//! run so that switching the rule set means one thing everywhere (MODEL.md, "Switching the
//! rule set"): the new preset with these on top.

use super::rules::{Params, RuleSet, ShareRule};
use bevy::prelude::Resource;

/// What a scenario overrides of its preset (`None`: the preset's value).
#[derive(Resource, Clone, Debug, Default, PartialEq)]
pub struct RuleOverrides {
    pub share_rule: Option<ShareRule>,
    pub tao_weight: Option<f64>,
    pub tempo: Option<u64>,
    pub fee_rao: Option<u64>,
    pub owner_cut: Option<f64>,
    pub block_reward_rao: Option<u64>,
    pub subnet_limit: Option<u16>,
    pub immunity_period: Option<u64>,
    pub lock_cost_rao: Option<u64>,
    pub moving_alpha: Option<f64>,
    pub moving_halving_blocks: Option<u64>,
    pub tx_fee_recycled_rao: Option<u64>,
}

impl RuleOverrides {
    /// `rule_set`'s preset with these overrides on top: the rules at a scenario's start, and
    /// what switching to `rule_set` gives at any time (an event, the window, compare mode).
    pub fn on(&self, rule_set: RuleSet) -> Params {
        let mut p = Params::preset(rule_set);
        set(&mut p.share_rule, self.share_rule);
        set(&mut p.tao_weight, self.tao_weight);
        set(&mut p.tempo, self.tempo);
        set(&mut p.fee_rao, self.fee_rao);
        set(&mut p.owner_cut, self.owner_cut);
        set(&mut p.block_reward_rao, self.block_reward_rao);
        set(&mut p.subnet_limit, self.subnet_limit);
        set(&mut p.immunity_period, self.immunity_period);
        set(&mut p.lock_cost_rao, self.lock_cost_rao);
        set(&mut p.moving_alpha, self.moving_alpha);
        set(&mut p.moving_halving_blocks, self.moving_halving_blocks);
        set(&mut p.tx_fee_recycled_rao, self.tx_fee_recycled_rao);
        p
    }
}

fn set<T>(field: &mut T, value: Option<T>) {
    if let Some(v) = value {
        *field = v;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_switch_keeps_the_scenarios_own_rules_and_takes_the_rest_from_the_new_preset() {
        let overrides = RuleOverrides { tao_weight: Some(0.05), tempo: Some(99), ..Default::default() };
        for rule_set in RuleSet::ALL {
            let p = overrides.on(rule_set);
            assert_eq!((p.tao_weight, p.tempo, p.rule_set), (0.05, 99, rule_set));
            assert_eq!(p.share_rule, Params::preset(rule_set).share_rule);
            assert_eq!(p.fee_rao, Params::preset(rule_set).fee_rao);
        }
        assert_eq!(RuleOverrides::default().on(RuleSet::Mainnet2025_11), Params::preset(RuleSet::Mainnet2025_11));
    }
}
