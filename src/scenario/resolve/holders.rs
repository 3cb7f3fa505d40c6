//! `[[holders]]`: the scenario's own holders, with their free TAO and root-claim choice
//! (their stake is resolved with the other starting positions, in `positions.rs`).

use super::genesis::GenesisHolder;
use super::names::{add_holder, check_name, Names};
use super::problem::{problem, Problem};
use crate::scenario::format::Scenario;

pub(super) fn add_scenario_holders(scenario: &Scenario, holders: &mut Vec<GenesisHolder>, names: &mut Names) -> Result<(), Problem> {
    for (i, h) in scenario.holders.iter().enumerate() {
        let name = h.name.get_ref();
        let field = format!("holders[{i}].name");
        check_name(name, h.name.span(), &field)?;
        if names.holders.contains_key(name) {
            return problem(Some(h.name.span()), field, format!("\"{name}\" is used twice"));
        }
        if let Some(external) = &h.external {
            return problem(
                Some(external.span()),
                format!("holders[{i}].external"),
                "`external` is the outside market of reference replays, which trades without a balance; \
                 a scenario holder trades with its own free TAO (give it `free_tao`)",
            );
        }
        add_holder(holders, names, GenesisHolder {
                name: name.clone(),
                free_tao: h.free_tao.0,
                tracked: true,
                root_claim: h.root_claim.unwrap_or_default(),
                ..Default::default()
            });
    }
    Ok(())
}
