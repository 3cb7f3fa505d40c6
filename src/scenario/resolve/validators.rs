//! `[[validators]]`: each becomes a holder that runs a validator, and the rest of the
//! network's root stake (`[chain] root_stake`) one more, listed last.

use super::amounts::{check_netuid, count_of};
use super::genesis::GenesisHolder;
use super::names::{add_holder, check_name, Names};
use super::problem::{problem, Problem};
use crate::scenario::format::Scenario;
use crate::world::{HolderId, Hotkey, ValidatorId};

/// The chain's `InitialDefaultTake` as the scenario format rounds it (18%).
fn default_take_value() -> f64 {
    0.18
}

/// The holder of each validator by [`ValidatorId`], and the subnets each validates on
/// (`None`: every one, those registered later included); their root stake goes to
/// `root_positions`.
pub(super) fn validators_of(
    scenario: &Scenario,
    count: u16,
    holders: &mut Vec<GenesisHolder>,
    names: &mut Names,
    root_positions: &mut Vec<(Hotkey, HolderId, u64)>,
) -> Result<(Vec<HolderId>, Vec<Option<Vec<u16>>>), Problem> {
    let rest_of_network = (scenario.chain.root_stake.0 > 0)
        .then(|| add_holder(holders, names, GenesisHolder { name: "rest of network".into(), ..Default::default() }));

    let mut validators = Vec::new();
    let mut validator_subnets: Vec<Option<Vec<u16>>> = Vec::new();
    for (i, v) in scenario.validators.iter().enumerate() {
        let n = count_of(&v.count, "", u64::MAX)?;
        let field = format!("validators[{i}].name");
        if v.name.get_ref().trim().is_empty() {
            return problem(Some(v.name.span()), field, "a name must not be empty");
        }
        let subnets = match &v.subnets {
            None => None,
            Some(list) => Some(
                list.iter()
                    .enumerate()
                    .map(|(j, n)| check_netuid(n, count, &format!("validators[{i}].subnets[{j}]")))
                    .collect::<Result<Vec<_>, _>>()?,
            ),
        };
        for k in 0..n {
            let name = if n == 1 { v.name.get_ref().clone() } else { format!("{} {}", v.name.get_ref(), k + 1) };
            check_name(&name, v.name.span(), &field)?;
            if names.holders.contains_key(&name) {
                return problem(Some(v.name.span()), field, format!("\"{name}\" is used twice"));
            }
            let vid = validators.len() as ValidatorId;
            let hid = add_holder(
                holders,
                names,
                GenesisHolder {
                    name: name.clone(),
                    free_tao: v.free_tao.0,
                    validator: Some((vid, v.take.0, v.subnets.is_none())),
                    tracked: true,
                    ..Default::default()
                },
            );
            names.validators.insert(name, vid);
            validators.push(hid);
            validator_subnets.push(subnets.clone());
            if v.root_stake.0 > 0 {
                root_positions.push((Hotkey::Validator(vid), hid, v.root_stake.0));
            }
        }
    }
    // The rest of the network's root stake stands for the network's other validators: one
    // hotkey that validates everywhere, so that it earns its share of every subnet's root
    // dividends as on the chain (listed last, so that it is nobody's default for alpha).
    if let Some(id) = rest_of_network {
        let vid = validators.len() as ValidatorId;
        holders[id as usize].validator = Some((vid, default_take_value(), true));
        validators.push(id);
        validator_subnets.push(None);
        root_positions.push((Hotkey::Validator(vid), id, scenario.chain.root_stake.0));
    }
    Ok((validators, validator_subnets))
}
