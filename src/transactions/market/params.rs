//! Parameter changes of the rule set, checked against their ranges: the one place that
//! changes [`Params`] for scenario events, the dashboard's orders and sweeps.

use crate::economy::{Params, Refusal, RuleOverrides};
use crate::transactions::order::ParamChange;

/// Applies a parameter change after checking its range. A rule-set switch means what it
/// means everywhere (MODEL.md, "Switching the rule set"): the new preset with the scenario's
/// own `[rules]` values (`overrides`) on top.
pub fn apply_param(params: &mut Params, overrides: &RuleOverrides, change: ParamChange) -> Result<(), Refusal> {
    let fraction = |x: f64| x.is_finite() && (0.0..=1.0).contains(&x);
    match change {
        ParamChange::RuleSet(rs) => *params = overrides.on(rs),
        ParamChange::ShareRule(rule) => params.share_rule = rule,
        ParamChange::TaoWeight(w) if fraction(w) => params.tao_weight = w,
        ParamChange::Tempo(t) if t > 0 && t <= crate::economy::limits::MAX_BLOCKS => params.tempo = t,
        ParamChange::FeeRao(f) => params.fee_rao = f,
        ParamChange::OwnerCut(c) if fraction(c) => params.owner_cut = c,
        ParamChange::BlockRewardRao(r) if r <= crate::economy::rules::MAX_BLOCK_REWARD => params.block_reward_rao = r,
        // Per-subnet settings live on the subnet, not in the rule set.
        _ => return Err(Refusal::InvalidParameter),
    }
    Ok(())
}
