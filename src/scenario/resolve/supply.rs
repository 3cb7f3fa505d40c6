//! The 21M supply cap, checked once every pool and position is known.

use super::genesis::{GenesisHolder, GenesisSubnet};
use super::problem::{problem, Problem};
use crate::scenario::format::Scenario;
use crate::world::{HolderId, Hotkey};

/// No scenario may hold more TAO, or more of one subnet's alpha, than the 21M supply; this
/// also keeps every sum of RAO far inside 64 bits.
pub(super) fn check_supply(
    scenario: &Scenario,
    holders: &[GenesisHolder],
    subnets: &[GenesisSubnet],
    root: &[(Hotkey, HolderId, u64)],
    alpha: &[(u16, Hotkey, HolderId, u64)],
) -> Result<(), Problem> {
    use crate::economy::emission_curve::SUPPLY_CAP;
    let count_span = Some(scenario.subnets.count.span());
    let tao: u128 = holders.iter().map(|h| h.free_tao as u128).sum::<u128>()
        + root.iter().map(|r| r.2 as u128).sum::<u128>()
        + subnets.iter().map(|s| s.tao as u128).sum::<u128>();
    if tao > SUPPLY_CAP as u128 {
        return problem(
            count_span,
            "scenario",
            format!("pools, free TAO and root stake add up to {} TAO, more than the 21,000,000 TAO supply", tao / 1_000_000_000),
        );
    }
    if let Some(issuance) = scenario.chain.issuance.as_ref().filter(|i| i.get_ref().0 > SUPPLY_CAP) {
        return problem(Some(issuance.span()), "chain.issuance", "issuance cannot exceed the 21,000,000 TAO supply");
    }
    for s in subnets {
        let held: u128 = alpha.iter().filter(|a| a.0 == s.netuid).map(|a| a.3 as u128).sum::<u128>() + s.alpha as u128;
        if held > SUPPLY_CAP as u128 {
            return problem(count_span.clone(), "subnets", format!("SN{} starts with more than 21,000,000 alpha", s.netuid));
        }
    }
    Ok(())
}
