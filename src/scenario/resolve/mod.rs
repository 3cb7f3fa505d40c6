//! Checking a scenario and resolving names into ids: everything that can be wrong with a
//! file is found here, before any entity is spawned.
//!
//! [`resolve`] runs one check after another, in an order that decides which problem a bad
//! file reports first; each file holds one part of the scenario:
//! - `genesis.rs`: what resolving produces ([`Genesis`], [`GenesisHolder`],
//!   [`GenesisSubnet`], [`Caption`]); `problem.rs`: what a check returns ([`Problem`]);
//! - `rules.rs`: `[rules]` and `[emission_sellers]`; `chain.rs`: `[chain]`'s start block
//!   and gate bar;
//! - `subnets.rs`: the subnet count, overrides and each subnet at the start;
//!   `counts.rs`: the limits on the scenario as a whole;
//! - `validators.rs`, `holders.rs`, `agents.rs`: the holders the scenario names, in that
//!   order; `positions.rs`: their starting stake and the rest of the market's alpha;
//!   `supply.rs`: the 21M cap;
//! - `events.rs`: events and the [`param_change`] of `set`; `captions.rs`; `views.rs`:
//!   focus charts and the compare list;
//! - `names.rs`: names to ids and the names the simulator keeps ([`is_generated_name`]);
//!   `amounts.rs`: checked durations, counts, locks, netuids and reserves.

mod agents;
mod amounts;
mod captions;
mod chain;
mod counts;
mod events;
mod genesis;
mod holders;
mod names;
mod positions;
mod problem;
mod rules;
mod subnets;
mod supply;
mod validators;
mod views;

use super::format::Scenario;
use crate::world::HolderId;
use names::Names;
use std::collections::HashMap;

pub use crate::economy::limits::MAX_SUBNETS;
pub use events::param_change;
pub use genesis::{Caption, Genesis, GenesisHolder, GenesisSubnet, SellerPolicy};
pub use names::is_generated_name;
pub use problem::Problem;

/// Checks `scenario` and resolves it; the first problem found is returned.
pub fn resolve(scenario: &Scenario) -> Result<Genesis, Problem> {
    let rule_overrides = rules::overrides_of(&scenario.rules)?;
    let params = rule_overrides.on(scenario.rules.preset);
    let start = chain::start_block_of(&scenario.chain)?;
    let gate_bar = chain::gate_bar_of(&scenario.chain)?;
    let last_lock = chain::last_lock_of(&scenario.chain, start)?;
    let blocks = amounts::duration(&scenario.blocks, "blocks", 0)?;
    let count = subnets::subnet_count(scenario, &params)?;
    let overrides = subnets::overrides_of(scenario, count)?;
    let registrations = counts::check_counts(scenario, count, &overrides)?;
    // Registrations take the lowest free netuid, so stakes may name these once they have run.
    let registrable = (count as u64 + registrations as u64).min(MAX_SUBNETS as u64) as u16;

    let mut holders: Vec<GenesisHolder> = Vec::new();
    let mut names = Names { holders: HashMap::new(), validators: HashMap::new() };
    let mut root_positions = Vec::new();
    let (validators, validator_subnets) = validators::validators_of(scenario, count, &mut holders, &mut names, &mut root_positions)?;
    holders::add_scenario_holders(scenario, &mut holders, &mut names)?;
    let agent_ids: Vec<(usize, HolderId)> = agents::agents_of(scenario, &mut holders, &mut names)?;
    let sellers = rules::sellers_of(&scenario.emission_sellers);
    let subnets = subnets::subnets_of(scenario, &overrides, start, &params, &validator_subnets, &mut holders, &mut names)?;
    let mut alpha_positions = positions::starting_positions(scenario, count, &agent_ids, &names, &validators, &subnets, &mut root_positions)?;
    positions::rest_of_market(&overrides, &subnets, &mut holders, &mut names, &mut alpha_positions)?;

    supply::check_supply(scenario, &holders, &subnets, &root_positions, &alpha_positions)?;

    let everywhere: Vec<bool> = validator_subnets.iter().map(|s| s.is_none()).collect();
    let known = events::Known { count, registrable, names: &names, subnets: &subnets, everywhere: &everywhere };
    let (events, portions) = events::events_of(scenario, start, &known)?;
    let (captions, claims) = captions::captions_of(scenario, start, &known)?;
    let focus_charts = views::focus_charts_of(scenario)?;
    let spotlight = views::spotlight_of(scenario, registrable)?;
    let compare = views::compare_of(scenario)?;
    Ok(Genesis {
        start_block: start,
        compare,
        gate_bar,
        last_lock,
        title: scenario.title.clone(),
        description: scenario.description.clone(),
        seed: scenario.seed,
        blocks,
        params,
        rule_overrides,
        issuance: scenario.chain.issuance.as_ref().map_or(0, |i| i.get_ref().0),
        holders,
        validators,
        subnets,
        alpha_positions,
        root_positions,
        events,
        portions,
        captions,
        claims,
        sellers,
        focus_charts,
        spotlight,
    })
}
