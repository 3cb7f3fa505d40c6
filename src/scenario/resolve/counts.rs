//! The limits of [`crate::economy::limits`] on the scenario as a whole: miners, validators,
//! agents, events and holders counted before any of them is built.

use super::amounts::{count_of, miners_of};
use super::problem::{problem, Problem};
use crate::economy::limits::*;
use crate::scenario::format::{EventKind, Scenario, SubnetOverride};
use std::collections::BTreeMap;

/// Every count and duration the scenario asks for, checked against [`crate::economy::limits`]
/// before anything is built: returns the netuids registrations may create (beyond `count`).
pub(super) fn check_counts(scenario: &Scenario, count: u16, overrides: &BTreeMap<u16, &SubnetOverride>) -> Result<u16, Problem> {
    let span = scenario.subnets.count.span();
    let default_miners = match &scenario.subnets.miners {
        Some(m) => miners_of(m, "subnets.miners")?,
        None => 0,
    };
    let mut miners: u64 = 0;
    for netuid in 1..=count {
        let o = overrides.get(&netuid);
        let n = match (o.and_then(|o| o.miner_weights.as_ref()), o.and_then(|o| o.miners.as_ref())) {
            (Some(w), _) => {
                let field = format!("subnets.override (SN{netuid}).miner_weights");
                if w.get_ref().len() > MAX_MINERS_PER_SUBNET as usize {
                    return problem(Some(w.span()), field, format!("at most {MAX_MINERS_PER_SUBNET} miners per subnet"));
                }
                if !w.get_ref().iter().map(|p| p.0).sum::<f64>().is_finite() {
                    return problem(Some(w.span()), field, "the weights add up to more than a number can hold: scale them down");
                }
                w.get_ref().len() as u32
            }
            (None, Some(m)) => miners_of(m, &format!("subnets.override (SN{netuid}).miners"))?,
            (None, None) => default_miners,
        };
        miners += n as u64;
    }
    let mut validators: u64 = 0;
    for (i, v) in scenario.validators.iter().enumerate() {
        validators += count_of(&v.count, &format!("validators[{i}].count"), MAX_VALIDATORS)?;
    }
    if validators > MAX_VALIDATORS {
        return problem(Some(span), "validators", format!("{validators} validators in all, more than the limit of {MAX_VALIDATORS}"));
    }
    let mut agents: u64 = 0;
    for (i, a) in scenario.agents.iter().enumerate() {
        agents += count_of(&a.count, &format!("agents[{i}].count"), MAX_AGENTS)?;
    }
    if agents > MAX_AGENTS {
        return problem(Some(span), "agents", format!("{agents} agents in all, more than the limit of {MAX_AGENTS}"));
    }
    let (mut events, mut registrations, mut registered_miners) = (0u64, 0u64, 0u64);
    for (i, e) in scenario.events.iter().enumerate() {
        let times = match &e.times {
            Some(t) if *t.get_ref() == 0 || *t.get_ref() > MAX_REPEATS => {
                return problem(Some(t.span()), format!("events[{i}].times"), format!("must be from 1 to {MAX_REPEATS}, got {}", t.get_ref()))
            }
            Some(t) => *t.get_ref() as u64,
            None => 1,
        };
        events += times;
        if e.kind.get_ref() == &EventKind::Register {
            registrations += times;
            if let Some(m) = &e.miners {
                registered_miners += miners_of(m, &format!("events[{i}].miners"))? as u64 * times;
            }
        }
    }
    if events > MAX_EVENTS {
        return problem(Some(span), "events", format!("{events} events once repeats are counted, more than the limit of {MAX_EVENTS}"));
    }
    let holders = scenario.holders.len() as u64 + validators + agents + count as u64 + 1 + miners + registered_miners;
    if holders > MAX_HOLDERS {
        return problem(
            Some(span),
            "scenario",
            format!(
                "{holders} holders in all ({miners} miners, {registered_miners} more from registrations, {agents} agents, {validators} validators) \
                 is more than the limit of {MAX_HOLDERS}"
            ),
        );
    }
    Ok(registrations.min(MAX_SUBNETS as u64) as u16)
}
