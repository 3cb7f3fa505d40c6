//! `[subnets]`: how many there are at the start, their overrides, and each one's pool,
//! owner, miners, validators and state on the chain.

use super::amounts::{check_netuid, duration, reserve};
use super::genesis::{GenesisHolder, GenesisSubnet};
use super::names::{add_holder, check_name, Names};
use super::problem::{problem, Problem};
use crate::economy::limits::{MAX_BLOCKS, MAX_SUBNETS};
use crate::economy::Params;
use crate::scenario::format::{Scenario, SubnetOverride};
use crate::world::ValidatorId;
use std::collections::BTreeMap;

/// `subnets.count`, within [`MAX_SUBNETS`] and the rule set's `subnet_limit`.
pub(super) fn subnet_count(scenario: &Scenario, params: &Params) -> Result<u16, Problem> {
    let count = *scenario.subnets.count.get_ref();
    if count == 0 || count > MAX_SUBNETS {
        return problem(
            Some(scenario.subnets.count.span()),
            "subnets.count",
            format!("must be from 1 to {MAX_SUBNETS}, got {count}"),
        );
    }
    if count > params.subnet_limit {
        return problem(
            Some(scenario.subnets.count.span()),
            "subnets.count",
            format!("{count} subnets exceed rules.subnet_limit = {}", params.subnet_limit),
        );
    }
    Ok(count)
}

/// The overrides by netuid, each netuid at most once.
pub(super) fn overrides_of(scenario: &Scenario, count: u16) -> Result<BTreeMap<u16, &SubnetOverride>, Problem> {
    let mut overrides: BTreeMap<u16, &SubnetOverride> = BTreeMap::new();
    for (i, o) in scenario.subnets.overrides.iter().enumerate() {
        let field = format!("subnets.override[{i}].netuid");
        let n = check_netuid(&o.netuid, count, &field)?;
        if overrides.insert(n, o).is_some() {
            return problem(Some(o.netuid.span()), field, format!("SN{n} is overridden twice"));
        }
        if let Some(owner) = &o.owner {
            check_name(owner.get_ref(), owner.span(), &format!("subnets.override[{i}].owner"))?;
        }
    }
    Ok(overrides)
}

/// SN1 to SN`count`, in order: their owners and miners join `holders` as each is built.
pub(super) fn subnets_of(
    scenario: &Scenario,
    overrides: &BTreeMap<u16, &SubnetOverride>,
    start: u64,
    params: &Params,
    validator_subnets: &[Option<Vec<u16>>],
    holders: &mut Vec<GenesisHolder>,
    names: &mut Names,
) -> Result<Vec<GenesisSubnet>, Problem> {
    let count = *scenario.subnets.count.get_ref();
    let mut subnets = Vec::new();
    for netuid in 1..=count {
        let o = overrides.get(&netuid).copied();
        let subnet = members_of(scenario, netuid, o, validator_subnets, holders, names)?;
        subnets.push(with_chain_state(subnet, o, start, params)?);
    }
    Ok(subnets)
}

/// A subnet's pool, owner, miners and validators; the rest is left to [`with_chain_state`].
fn members_of(
    scenario: &Scenario,
    netuid: u16,
    o: Option<&SubnetOverride>,
    validator_subnets: &[Option<Vec<u16>>],
    holders: &mut Vec<GenesisHolder>,
    names: &mut Names,
) -> Result<GenesisSubnet, Problem> {
    let count_span = scenario.subnets.count.span();
    let default_miners = scenario.subnets.miners.as_ref().map_or(0, |m| *m.get_ref());
    let tao_spec = o.and_then(|o| o.tao.as_ref()).or(scenario.subnets.tao.as_ref());
    let alpha_spec = o.and_then(|o| o.alpha.as_ref()).or(scenario.subnets.alpha.as_ref());
    let field = |what: &str| match o.and_then(|o| if what == "tao" { o.tao.as_ref() } else { o.alpha.as_ref() }) {
        Some(_) => format!("subnets.override (SN{netuid}).{what}"),
        None => format!("subnets.{what}"),
    };
    let tao = reserve(tao_spec, &field("tao"), netuid, count_span.clone())?;
    let alpha = reserve(alpha_spec, &field("alpha"), netuid, count_span.clone())?;
    let owner = match o.and_then(|o| o.owner.as_ref()) {
        Some(name) => Some(match names.holders.get(name.get_ref()) {
            Some(id) => *id,
            None => add_holder(holders, names, GenesisHolder { name: name.get_ref().clone(), ..Default::default() }),
        }),
        None if scenario.subnets.owners => Some(add_holder(
            holders,
            names,
            GenesisHolder { name: format!("SN{netuid} owner"), ..Default::default() },
        )),
        None => None,
    };
    // Counts were checked by `check_counts`, so this allocates a bounded amount.
    let weights: Vec<f64> = match o.and_then(|o| o.miner_weights.as_ref()) {
        Some(w) => w.get_ref().iter().map(|p| p.0).collect(),
        None => vec![1.0; o.and_then(|o| o.miners.as_ref()).map_or(default_miners, |m| *m.get_ref()) as usize],
    };
    let miners = weights
        .iter()
        .enumerate()
        .map(|(i, w)| {
            add_holder(
                holders,
                names,
                GenesisHolder { name: format!("SN{netuid} miner {}", i + 1), miner: Some((netuid, *w)), ..Default::default() },
            )
        })
        .collect();
    let validators_on = (0..validator_subnets.len() as ValidatorId)
        .filter(|v| validator_subnets[*v as usize].as_ref().is_none_or(|s| s.contains(&netuid)))
        .collect();
    let name = o.and_then(|o| o.name.clone()).unwrap_or_else(|| format!("SN{netuid}"));
    Ok(GenesisSubnet { netuid, name, tao, alpha, owner, miners, validators: validators_on, ..Default::default() })
}

/// The rest of a subnet from its override: registration, emission, tempo, pool weight and
/// last epoch, each checked against the run's start.
fn with_chain_state(subnet: GenesisSubnet, o: Option<&SubnetOverride>, start: u64, params: &Params) -> Result<GenesisSubnet, Problem> {
    let netuid = subnet.netuid;
    let here = |what: &str| format!("subnets.override (SN{netuid}).{what}");
    let registered_at = match o.and_then(|o| o.registered_at.as_ref()) {
        Some(at) if *at.get_ref() > start as i64 => {
            let when = if start > 0 { format!("at or before start_block {start}") } else { "at block 0 or before (a negative block)".into() };
            return problem(Some(at.span()), here("registered_at"), format!("a subnet present at the start was registered {when}"));
        }
        Some(at) => Some(*at.get_ref() - start as i64),
        None => None,
    };
    let first_emission = match o.and_then(|o| o.first_emission_block.as_ref()) {
        Some(fe) if (*fe.get_ref() - start as i64) > MAX_BLOCKS as i64 => {
            return problem(Some(fe.span()), here("first_emission_block"), format!("more than {MAX_BLOCKS} blocks after the start"))
        }
        Some(fe) => Some(*fe.get_ref() - start as i64),
        None => None,
    };
    let emitting = o.and_then(|o| o.emitting).unwrap_or(true);
    let tempo = match o.and_then(|o| o.tempo.as_ref()) {
        Some(t) => duration(t, &here("tempo"), 1)?,
        None => 0,
    };
    let weight_tao = match o.and_then(|o| o.pool_weight_tao.as_ref()) {
        None => crate::economy::swap::HALF_WEIGHT,
        Some(w) => match crate::economy::spec443::fixed::parse_decimal_scaled(&w.get_ref().0, crate::economy::spec443::balancer::PERQUINTILL) {
            Ok(v) if (crate::economy::spec443::balancer::MIN_WEIGHT as u128..=(crate::economy::spec443::balancer::PERQUINTILL - crate::economy::spec443::balancer::MIN_WEIGHT as u128)).contains(&v) => v as u64,
            Ok(_) => return problem(Some(w.span()), here("pool_weight_tao"), format!("must be from 0.01 to 0.99, got {}", w.get_ref().0)),
            Err(m) => return problem(Some(w.span()), here("pool_weight_tao"), m),
        },
    };
    let protocol_alpha = o.and_then(|o| o.protocol_alpha.as_ref()).map_or(0, |a| a.get_ref().0);
    let effective_tempo = if tempo > 0 { tempo } else { params.tempo.max(1) } as i128;
    // The chain staggers epochs at registration (`now − netuid mod tempo`), then runs one
    // every tempo: the last one before the run follows from that.
    let last_epoch_block = match o.and_then(|o| o.last_epoch_block.as_ref()) {
        Some(l) if *l.get_ref() < 0 || *l.get_ref() as u64 > start => {
            return problem(Some(l.span()), here("last_epoch_block"), format!("must be from 0 to the start block {start}"))
        }
        Some(l) => *l.get_ref() as u64,
        None => {
            let now = start as i128 - 1;
            let anchor = registered_at.map_or(now, |r| r as i128 + start as i128) - (netuid as i128 % effective_tempo);
            let last = if now >= anchor { anchor + (now - anchor) / effective_tempo * effective_tempo } else { anchor };
            last.max(0) as u64
        }
    };
    let moving_price = o.and_then(|o| o.moving_price).map(|p| p.0);
    Ok(GenesisSubnet {
        // The moving price's ramp counts from the first emission where it is known.
        registered_at: first_emission.or(registered_at),
        moving_price,
        start_block: if !emitting { u64::MAX } else { first_emission.map_or(0, |f| f.max(0) as u64) },
        registered_block: registered_at.unwrap_or(0),
        protocol_alpha,
        weight_tao,
        miner_burned: o.and_then(|o| o.miner_burned).map_or(0.0, |m| m.0),
        emission_enabled: o.and_then(|o| o.emission_enabled).unwrap_or(true),
        tempo,
        last_epoch_block,
        null_consensus: o.and_then(|o| o.null_consensus).unwrap_or(false),
        ..subnet
    })
}
