//! Starting stake: the root and alpha positions of scenario holders and agents, and the
//! alpha outstanding that none of them holds.

use super::amounts::check_netuid;
use super::genesis::{GenesisHolder, GenesisSubnet};
use super::names::{add_holder, Names};
use super::problem::{problem, Problem};
use crate::scenario::format::{PositionSpec, Scenario, SubnetOverride};
use crate::world::{HolderId, Hotkey, ValidatorId};
use std::collections::BTreeMap;
use toml::Spanned;

fn default_hotkey(validators_on: &[ValidatorId]) -> Hotkey {
    validators_on.first().map_or(Hotkey::Own, |v| Hotkey::Validator(*v))
}

/// The alpha positions of holders, then agents, in file order; their root stake joins
/// `root_positions`.
pub(super) fn starting_positions(
    scenario: &Scenario,
    count: u16,
    agent_ids: &[(usize, HolderId)],
    names: &Names,
    validators: &[HolderId],
    subnets: &[GenesisSubnet],
    root_positions: &mut Vec<(Hotkey, HolderId, u64)>,
) -> Result<Vec<(u16, Hotkey, HolderId, u64)>, Problem> {
    let mut alpha_positions = Vec::new();
    let mut starting: Vec<(String, HolderId, u64, Option<&Spanned<String>>, &Vec<PositionSpec>)> = Vec::new();
    for (i, h) in scenario.holders.iter().enumerate() {
        starting.push((format!("holders[{i}]"), names.holders[h.name.get_ref()], h.root_stake.0, h.root_validator.as_ref(), &h.alpha));
    }
    for (i, id) in agent_ids {
        let a = &scenario.agents[*i];
        starting.push((format!("agents[{i}]"), *id, a.root_stake.0, None, &a.alpha));
    }
    for (prefix, id, root_stake, root_validator, alpha) in starting {
        // Resolved even without root stake, so that a dangling name is never accepted.
        let root_hotkey = match root_validator {
            Some(v) => Hotkey::Validator(names.validator(v, &format!("{prefix}.root_validator"))?),
            None => default_hotkey(&(0..validators.len() as ValidatorId).collect::<Vec<_>>()),
        };
        if root_stake > 0 {
            root_positions.push((root_hotkey, id, root_stake));
        }
        for (j, p) in alpha.iter().enumerate() {
            let field = format!("{prefix}.alpha[{j}]");
            let netuid = check_netuid(&p.netuid, count, &format!("{field}.netuid"))?;
            let on = &subnets[netuid as usize - 1].validators;
            let hotkey = match &p.validator {
                Some(v) => {
                    let vid = names.validator(v, &format!("{field}.validator"))?;
                    if !on.contains(&vid) {
                        return problem(Some(v.span()), format!("{field}.validator"), format!("{} does not validate on SN{netuid}", v.get_ref()));
                    }
                    Hotkey::Validator(vid)
                }
                None => default_hotkey(on),
            };
            alpha_positions.push((netuid, hotkey, id, p.amount.0));
        }
    }
    Ok(alpha_positions)
}

/// Alpha outstanding that no scenario holder holds belongs to "the rest of the market".
pub(super) fn rest_of_market(
    overrides: &BTreeMap<u16, &SubnetOverride>,
    subnets: &[GenesisSubnet],
    holders: &mut Vec<GenesisHolder>,
    names: &mut Names,
    alpha_positions: &mut Vec<(u16, Hotkey, HolderId, u64)>,
) -> Result<(), Problem> {
    for s in subnets.iter() {
        let Some(o) = overrides.get(&s.netuid) else { continue };
        let Some(outstanding) = &o.alpha_outstanding else {
            if let Some(p) = o.protocol_alpha.as_ref().filter(|p| p.get_ref().0 > 0) {
                return problem(Some(p.span()), format!("subnets.override (SN{}).protocol_alpha", s.netuid), "needs `alpha_outstanding`, of which it is a part");
            }
            continue;
        };
        let held: u128 = alpha_positions.iter().filter(|a| a.0 == s.netuid).map(|a| a.3 as u128).sum();
        let rest = outstanding.get_ref().0 as i128 - held as i128 - s.protocol_alpha as i128;
        if rest < 0 {
            return problem(
                Some(outstanding.span()),
                format!("subnets.override (SN{}).alpha_outstanding", s.netuid),
                format!("holders' positions ({} alpha) and protocol_alpha exceed it", crate::economy::units::fmt_tao(held.min(u64::MAX as u128) as u64)),
            );
        }
        if rest > 0 {
            let name = format!("SN{} rest of market", s.netuid);
            let id = add_holder(holders, names, GenesisHolder { name, ..Default::default() });
            alpha_positions.push((s.netuid, default_hotkey(&s.validators), id, rest as u64));
        }
    }
    Ok(())
}
