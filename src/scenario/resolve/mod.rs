//! Checking a scenario and resolving names into ids: everything that can be wrong with a
//! file is found here, before any entity is spawned.

use super::format::*;
use crate::agents::Strategy;
use crate::economy::limits::*;
use crate::economy::{Params, MIN_RESERVE};
use crate::transactions::{Action, Order, ParamChange};
use crate::world::{HolderId, Hotkey, ValidatorId};
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use toml::Spanned;

pub use crate::economy::limits::MAX_SUBNETS;

/// Something wrong in a scenario: the field, its place in the text when known, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub span: Option<Range<usize>>,
    pub field: String,
    pub message: String,
}

fn problem<T>(span: Option<Range<usize>>, field: impl Into<String>, message: impl Into<String>) -> Result<T, Problem> {
    Err(Problem { span, field: field.into(), message: message.into() })
}

/// A holder to spawn. Its index in [`Genesis::holders`] is its [`HolderId`].
#[derive(Clone, Debug, Default)]
pub struct GenesisHolder {
    pub name: String,
    pub free_tao: u64,
    pub external: bool,
    /// (netuid, weight) when the holder is a miner.
    pub miner: Option<(u16, f64)>,
    /// (validator id, take, validates on every subnet) when the holder runs a validator.
    pub validator: Option<(ValidatorId, f64, bool)>,
    /// (strategy, blocks between decisions) when the holder is an agent.
    pub agent: Option<(Strategy, u64)>,
    /// Its value is recorded in holders.csv (scenario holders, agents, validators).
    pub tracked: bool,
    /// What its root-alpha claims do (Nov-2025 rules).
    pub root_claim: crate::world::ClaimType,
}

/// Fractions of payouts sold by role (kept in [`crate::world`], where the market reads it).
pub use crate::world::SellerPolicy;

/// A subnet to spawn.
#[derive(Clone, Debug)]
pub struct GenesisSubnet {
    pub netuid: u16,
    pub name: String,
    pub tao: u64,
    pub alpha: u64,
    pub owner: Option<HolderId>,
    pub miners: Vec<HolderId>,
    pub validators: Vec<ValidatorId>,
    /// Registration block for the moving price's ramp (negative: before the run); `None`
    /// for a mature subnet.
    pub registered_at: Option<i64>,
    /// Moving price at the start; `min(price, 1)` when `None`.
    pub moving_price: Option<f64>,
    /// First block it takes part in emission (0: from the start; `u64::MAX`: never).
    pub start_block: u64,
    /// Registration block for the immunity period (negative: before the run).
    pub registered_block: i64,
    /// Alpha outstanding held by nobody in particular: the chain's protocol-owned alpha.
    pub protocol_alpha: u64,
    /// The pool's TAO weight in parts of 10¹⁸.
    pub weight_tao: u64,
    pub miner_burned: f64,
    pub emission_enabled: bool,
    /// Its own tempo (0: the rule set's).
    pub tempo: u64,
    /// `LastEpochBlock`, absolute.
    pub last_epoch_block: u64,
}

impl Default for GenesisSubnet {
    /// An equal-weight pool that emits from the start, with its emission switched on.
    fn default() -> Self {
        GenesisSubnet {
            netuid: 0,
            name: String::new(),
            tao: 0,
            alpha: 0,
            owner: None,
            miners: Vec::new(),
            validators: Vec::new(),
            registered_at: None,
            moving_price: None,
            start_block: 0,
            registered_block: 0,
            protocol_alpha: 0,
            weight_tao: crate::economy::swap::HALF_WEIGHT,
            miner_burned: 0.0,
            emission_enabled: true,
            tempo: 0,
            last_epoch_block: 0,
        }
    }
}

/// A timed note.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Caption {
    pub block: u64,
    pub text: String,
    /// The window pauses when playback reaches it (the CLI ignores it).
    pub pause: bool,
}

/// A checked scenario with every name resolved: what [`super::spawn`] builds the world from.
/// `Default` is an empty world, for code that builds one directly (replays, benches, tests).
#[derive(Clone, Debug, Default)]
pub struct Genesis {
    /// Absolute number of the run's first block (`[chain] start_block`).
    pub start_block: u64,
    /// `mainnet-2026-08`'s gate bar at the start, `U64F64` raw (0: computed at once).
    pub gate_bar: u128,
    pub title: String,
    pub description: String,
    pub seed: u64,
    pub blocks: u64,
    pub params: Params,
    pub issuance: u64,
    pub holders: Vec<GenesisHolder>,
    /// The holder of each validator, by [`ValidatorId`].
    pub validators: Vec<HolderId>,
    pub subnets: Vec<GenesisSubnet>,
    /// (netuid, hotkey, holder, alpha).
    pub alpha_positions: Vec<(u16, Hotkey, HolderId, u64)>,
    /// (hotkey, holder, TAO).
    pub root_positions: Vec<(Hotkey, HolderId, u64)>,
    pub events: Vec<(u64, Order)>,
    /// Events whose amount is a part of the holder's balance when they run (`"all"`,
    /// `"50%"`): index in `events` → parts per billion.
    pub portions: BTreeMap<usize, u64>,
    pub captions: Vec<Caption>,
    pub sellers: SellerPolicy,
    /// Charts the dashboard opens on (names from [`super::format::CHART_NAMES`]).
    pub focus_charts: Vec<String>,
    /// Rule sets of compare mode by default (scenario key `compare`); empty: off.
    pub compare: Vec<crate::economy::RuleSet>,
}

struct Names {
    holders: HashMap<String, HolderId>,
    validators: HashMap<String, ValidatorId>,
}

impl Names {
    fn holder(&self, name: &Spanned<String>, field: &str) -> Result<HolderId, Problem> {
        match self.holders.get(name.get_ref()) {
            Some(id) => Ok(*id),
            None => problem(Some(name.span()), field, format!("no holder or validator named \"{}\"", name.get_ref())),
        }
    }
    fn validator(&self, name: &Spanned<String>, field: &str) -> Result<ValidatorId, Problem> {
        match self.validators.get(name.get_ref()) {
            Some(id) => Ok(*id),
            None => problem(Some(name.span()), field, format!("no validator named \"{}\"", name.get_ref())),
        }
    }
}

fn params_of(rules: &RulesSpec) -> Result<Params, Problem> {
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

/// A number of blocks from `min` to [`MAX_BLOCKS`].
fn duration(value: &Spanned<u64>, field: &str, min: u64) -> Result<u64, Problem> {
    let v = *value.get_ref();
    if v < min {
        return problem(Some(value.span()), field, format!("must be at least {min} block"));
    }
    check_blocks(field, v).or_else(|m| problem(Some(value.span()), field, m))
}

/// A registration's lock: it becomes both reserves of the new pool, each at least 0.01.
fn lock_of(lock: &Spanned<Amount>, field: &str) -> Result<u64, Problem> {
    if lock.get_ref().0 < 2 * MIN_RESERVE {
        return problem(
            Some(lock.span()),
            field,
            "a registration must lock at least 0.02 TAO (its pool starts with that TAO and as much alpha, each at least 0.01)",
        );
    }
    Ok(lock.get_ref().0)
}

/// A count from `count` (1 by default) no larger than `max`.
fn count_of(count: &Option<Spanned<u32>>, field: &str, max: u64) -> Result<u64, Problem> {
    let Some(c) = count else { return Ok(1) };
    let n = *c.get_ref() as u64;
    if n == 0 || n > max {
        return problem(Some(c.span()), field, format!("must be from 1 to {max}, got {n}"));
    }
    Ok(n)
}

/// Miners of one subnet, at most [`MAX_MINERS_PER_SUBNET`].
fn miners_of(miners: &Spanned<u32>, field: &str) -> Result<u32, Problem> {
    let n = *miners.get_ref();
    if n > MAX_MINERS_PER_SUBNET {
        return problem(Some(miners.span()), field, format!("at most {MAX_MINERS_PER_SUBNET} miners per subnet, got {n}"));
    }
    Ok(n)
}

/// Names the simulator gives to holders it creates: a scenario's own holders may not take
/// them, or their balances would be credited to the generated holder instead.
pub fn is_generated_name(name: &str) -> bool {
    if name == "rest of network" {
        return true;
    }
    let Some(rest) = name.strip_prefix("SN") else { return false };
    let digits = rest.chars().take_while(|c| c.is_ascii_digit()).count();
    digits > 0 && (&rest[digits..] == " owner" || rest[digits..].starts_with(" miner"))
}

fn check_name(name: &str, span: Range<usize>, field: &str) -> Result<(), Problem> {
    if name.trim().is_empty() {
        return problem(Some(span), field, "a name must not be empty");
    }
    if is_generated_name(name) {
        return problem(
            Some(span),
            field,
            format!("\"{name}\" is a name the simulator gives its own holders (\"rest of network\", \"SN<n> owner\", \"SN<n> miner <k>\"): choose another"),
        );
    }
    Ok(())
}

/// The chain's `InitialDefaultTake` as the scenario format rounds it (18%).
fn default_take_value() -> f64 {
    0.18
}

fn check_netuid(netuid: &Spanned<u16>, count: u16, field: &str) -> Result<u16, Problem> {
    let n = *netuid.get_ref();
    if n == 0 || n > count {
        return problem(
            Some(netuid.span()),
            field,
            format!("netuid {n} does not exist: subnets are numbered 1 to {count} (0 is root, which has no pool)"),
        );
    }
    Ok(n)
}

fn reserve(amount: Option<&Spanned<Amount>>, field: &str, netuid: u16, span: Range<usize>) -> Result<u64, Problem> {
    let Some(a) = amount else {
        return problem(Some(span), field, format!("SN{netuid} has no starting pool: give {field} or an override"));
    };
    if a.get_ref().0 < MIN_RESERVE {
        return problem(Some(a.span()), field, "a pool reserve must be at least 0.01 (10,000,000 RAO)");
    }
    Ok(a.get_ref().0)
}

/// Every count and duration the scenario asks for, checked against [`crate::economy::limits`]
/// before anything is built: returns the netuids registrations may create (beyond `count`).
fn check_counts(scenario: &Scenario, count: u16, overrides: &BTreeMap<u16, &SubnetOverride>) -> Result<u16, Problem> {
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

/// Checks `scenario` and resolves it; the first problem found is returned.
pub fn resolve(scenario: &Scenario) -> Result<Genesis, Problem> {
    let params = params_of(&scenario.rules)?;
    let start = match &scenario.chain.start_block {
        Some(b) if *b.get_ref() > MAX_BLOCKS * 1_000 => {
            return problem(Some(b.span()), "chain.start_block", format!("must be at most {}", MAX_BLOCKS * 1_000))
        }
        Some(b) => *b.get_ref(),
        None => 0,
    };
    let gate_bar = match &scenario.chain.gate_bar {
        None => 0,
        Some(g) => match crate::economy::spec443::fixed::parse_fixed(&g.get_ref().0, 64) {
            Ok(v) if v <= crate::economy::spec443::fixed::ONE_64 => v,
            Ok(_) => return problem(Some(g.span()), "chain.gate_bar", "a share is at most 1"),
            Err(m) => return problem(Some(g.span()), "chain.gate_bar", m),
        },
    };
    let blocks = duration(&scenario.blocks, "blocks", 0)?;
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
    let registrations = check_counts(scenario, count, &overrides)?;
    // Registrations take the lowest free netuid, so stakes may name these once they have run.
    let registrable = (count as u64 + registrations as u64).min(MAX_SUBNETS as u64) as u16;

    let mut holders: Vec<GenesisHolder> = Vec::new();
    let mut names = Names { holders: HashMap::new(), validators: HashMap::new() };
    let add_holder = |holders: &mut Vec<GenesisHolder>, names: &mut Names, h: GenesisHolder| -> HolderId {
        let id = holders.len() as HolderId;
        names.holders.insert(h.name.clone(), id);
        holders.push(h);
        id
    };
    let mut root_positions = Vec::new();
    let rest_of_network = (scenario.chain.root_stake.0 > 0)
        .then(|| add_holder(&mut holders, &mut names, GenesisHolder { name: "rest of network".into(), ..Default::default() }));

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
                &mut holders,
                &mut names,
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
        add_holder(&mut holders, &mut names, GenesisHolder {
                name: name.clone(),
                free_tao: h.free_tao.0,
                tracked: true,
                root_claim: h.root_claim.unwrap_or_default(),
                ..Default::default()
            });
    }

    let mut agent_ids = Vec::new();
    for (i, a) in scenario.agents.iter().enumerate() {
        let strategy = strategy_of(a, i)?;
        let interval = match &a.interval {
            Some(s) => duration(s, &format!("agents[{i}].interval"), 1)?,
            None => 360,
        };
        let n = count_of(&a.count, "", u64::MAX)?;
        let (base, span) = match &a.name {
            Some(name) => (name.get_ref().clone(), name.span()),
            None => (strategy.name().to_string(), a.strategy.span()),
        };
        let field = format!("agents[{i}].name");
        if base.trim().is_empty() {
            return problem(Some(span), field, "a name must not be empty");
        }
        for k in 0..n {
            let name = if n == 1 { base.clone() } else { format!("{base} {}", k + 1) };
            check_name(&name, span.clone(), &field)?;
            if names.holders.contains_key(&name) {
                return problem(Some(span.clone()), field, format!("\"{name}\" is used twice"));
            }
            let id = add_holder(
                &mut holders,
                &mut names,
                GenesisHolder {
                    name,
                    free_tao: a.free_tao.0,
                    agent: Some((strategy.clone(), interval)),
                    tracked: true,
                    root_claim: a.root_claim.unwrap_or_default(),
                    ..Default::default()
                },
            );
            agent_ids.push((i, id));
        }
    }
    let sellers = SellerPolicy {
        validators: scenario.emission_sellers.validators.map_or(0.0, |f| f.0),
        miners: scenario.emission_sellers.miners.map_or(0.0, |f| f.0),
        owners: scenario.emission_sellers.owners.map_or(0.0, |f| f.0),
    };

    let default_hotkey = |validators_on: &[ValidatorId]| validators_on.first().map_or(Hotkey::Own, |v| Hotkey::Validator(*v));
    let mut subnets = Vec::new();
    let count_span = scenario.subnets.count.span();
    let default_miners = scenario.subnets.miners.as_ref().map_or(0, |m| *m.get_ref());
    for netuid in 1..=count {
        let o = overrides.get(&netuid);
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
                None => add_holder(&mut holders, &mut names, GenesisHolder { name: name.get_ref().clone(), ..Default::default() }),
            }),
            None if scenario.subnets.owners => Some(add_holder(
                &mut holders,
                &mut names,
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
                    &mut holders,
                    &mut names,
                    GenesisHolder { name: format!("SN{netuid} miner {}", i + 1), miner: Some((netuid, *w)), ..Default::default() },
                )
            })
            .collect();
        let validators_on = (0..validators.len() as ValidatorId)
            .filter(|v| validator_subnets[*v as usize].as_ref().is_none_or(|s| s.contains(&netuid)))
            .collect();
        let name = o.and_then(|o| o.name.clone()).unwrap_or_else(|| format!("SN{netuid}"));
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
        subnets.push(GenesisSubnet {
            netuid,
            name,
            tao,
            alpha,
            owner,
            miners,
            validators: validators_on,
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
        });
    }

    let mut alpha_positions = Vec::new();
    let mut starting: Vec<(String, HolderId, u64, Option<&Spanned<String>>, &Vec<PositionSpec>)> = Vec::new();
    for (i, h) in scenario.holders.iter().enumerate() {
        starting.push((format!("holders[{i}]"), names.holders[h.name.get_ref()], h.root_stake.0, h.root_validator.as_ref(), &h.alpha));
    }
    for (i, id) in &agent_ids {
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

    // Alpha outstanding that no scenario holder holds belongs to "the rest of the market".
    for s in subnets.iter_mut() {
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
            let id = add_holder(&mut holders, &mut names, GenesisHolder { name, ..Default::default() });
            alpha_positions.push((s.netuid, default_hotkey(&s.validators), id, rest as u64));
        }
    }

    check_supply(scenario, &holders, &subnets, &root_positions, &alpha_positions)?;

    let everywhere: Vec<bool> = validator_subnets.iter().map(|s| s.is_none()).collect();
    let known = Known { count, registrable, names: &names, subnets: &subnets, everywhere: &everywhere };
    let mut events = Vec::new();
    let mut portions = BTreeMap::new();
    for (i, e) in scenario.events.iter().enumerate() {
        let (order, portion) = resolve_event(e, i, &known)?;
        let at = match e.block.get_ref().checked_sub(start) {
            Some(at) => at,
            None => return problem(Some(e.block.span()), format!("events[{i}].block"), format!("before the scenario's start_block {start}")),
        };
        check_blocks("an event's block", at).or_else(|m| problem(Some(e.block.span()), format!("events[{i}].block"), m))?;
        let times = e.times.as_ref().map_or(1, |t| *t.get_ref()) as u64;
        let every = match (&e.every, times) {
            (Some(every), _) => duration(every, &format!("events[{i}].every"), 1)?,
            (None, 1) => 0,
            (None, _) => {
                return problem(e.times.as_ref().map(|t| t.span()), format!("events[{i}].every"), "`times` needs `every`")
            }
        };
        // In 128 bits: a repeat beyond the limit is refused instead of wrapping around.
        let last = at as u128 + (times as u128 - 1) * every as u128;
        if last > MAX_BLOCKS as u128 {
            return problem(
                e.every.as_ref().map(|s| s.span()),
                format!("events[{i}].every"),
                format!("the last repeat would run at block {last}, beyond the limit of {MAX_BLOCKS}"),
            );
        }
        for k in 0..times {
            if let Some(p) = portion {
                portions.insert(events.len(), p);
            }
            events.push((at + k * every, order.clone()));
        }
    }
    let mut captions = Vec::new();
    for (i, c) in scenario.captions.iter().enumerate() {
        let Some(block) = c.block.checked_sub(start) else {
            return problem(None, format!("captions[{i}].block"), format!("block {} is before the scenario's start_block {start}", c.block));
        };
        captions.push(Caption { block, text: c.text.clone(), pause: c.pause });
    }
    // In block order, whatever the file's order: the window shows the latest one reached.
    captions.sort_by_key(|c| c.block);
    let mut focus_charts = Vec::new();
    for (i, name) in scenario.focus_charts.iter().enumerate() {
        if !super::format::CHART_NAMES.contains(&name.get_ref().as_str()) {
            let known = super::format::CHART_NAMES.join(", ");
            return problem(Some(name.span()), format!("focus_charts[{i}]"), format!("unknown chart \"{}\"; known: {known}", name.get_ref()));
        }
        focus_charts.push(name.get_ref().clone());
    }
    let mut compare = Vec::new();
    for (i, name) in scenario.compare.iter().enumerate() {
        let rule_set: crate::economy::RuleSet = match name.get_ref().parse() {
            Ok(r) => r,
            Err(e) => return problem(Some(name.span()), format!("compare[{i}]"), e),
        };
        if compare.contains(&rule_set) {
            return problem(Some(name.span()), format!("compare[{i}]"), format!("{rule_set} is listed twice"));
        }
        compare.push(rule_set);
    }
    if compare.len() == 1 {
        return problem(Some(scenario.compare[0].span()), "compare", "compare mode needs two or more rule sets");
    }
    Ok(Genesis {
        start_block: start,
        compare,
        gate_bar,
        title: scenario.title.clone(),
        description: scenario.description.clone(),
        seed: scenario.seed,
        blocks,
        params,
        issuance: scenario.chain.issuance.as_ref().map_or(0, |i| i.get_ref().0),
        holders,
        validators,
        subnets,
        alpha_positions,
        root_positions,
        events,
        portions,
        captions,
        sellers,
        focus_charts,
    })
}

/// No scenario may hold more TAO, or more of one subnet's alpha, than the 21M supply; this
/// also keeps every sum of RAO far inside 64 bits.
fn check_supply(
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

fn strategy_of(a: &AgentSpec, i: usize) -> Result<Strategy, Problem> {
    let name = *a.strategy.get_ref();
    let spans: [(&str, Option<Range<usize>>); 13] = [
        ("root_fraction", a.root_fraction.as_ref().map(|s| s.span())),
        ("picks", a.picks.as_ref().map(|s| s.span())),
        ("lookback", a.lookback.as_ref().map(|s| s.span())),
        ("stop", a.stop.as_ref().map(|s| s.span())),
        ("trade_fraction", a.trade_fraction.as_ref().map(|s| s.span())),
        ("exit", a.exit.as_ref().map(|s| s.span())),
        ("window", a.window.as_ref().map(|s| s.span())),
        ("take_profit", a.take_profit.as_ref().map(|s| s.span())),
        ("max_hold", a.max_hold.as_ref().map(|s| s.span())),
        ("threshold", a.threshold.as_ref().map(|s| s.span())),
        ("trailing_stop", a.trailing_stop.as_ref().map(|s| s.span())),
        ("rebound", a.rebound.as_ref().map(|s| s.span())),
        ("probability", a.probability.as_ref().map(|s| s.span())),
    ];
    let uses: &[&str] = match name {
        StrategyName::Conservative => &[],
        StrategyName::Moderate => &["root_fraction", "picks", "lookback", "stop"],
        StrategyName::Growth => &["trade_fraction", "lookback", "exit"],
        StrategyName::Sniper => &["trade_fraction", "window", "take_profit", "max_hold"],
        StrategyName::Momentum => &["trade_fraction", "lookback", "threshold", "trailing_stop"],
        StrategyName::Downtrend => &["lookback", "threshold", "rebound"],
        StrategyName::Noise => &["probability", "trade_fraction"],
    };
    for (knob, span) in spans {
        if let Some(span) = span.filter(|_| !uses.contains(&knob)) {
            return problem(
                Some(span),
                format!("agents[{i}].{knob}"),
                format!("`{knob}` does not apply to the {name:?} strategy (it takes: {})", if uses.is_empty() { "none".to_string() } else { uses.join(", ") }),
            );
        }
    }
    for (knob, value) in [("lookback", &a.lookback), ("window", &a.window), ("max_hold", &a.max_hold)] {
        if let Some(v) = value {
            duration(v, &format!("agents[{i}].{knob}"), 0)?;
        }
    }
    let frac = |o: &Option<Spanned<Fraction>>, d: f64| o.as_ref().map_or(d, |s| s.get_ref().0);
    let blocks = |o: &Option<Spanned<u64>>, d: u64| o.as_ref().map_or(d, |s| *s.get_ref());
    Ok(match name {
        StrategyName::Conservative => Strategy::Conservative,
        StrategyName::Moderate => Strategy::Moderate {
            root_fraction: frac(&a.root_fraction, 0.8),
            picks: a.picks.as_ref().map_or(2, |p| (*p.get_ref()).max(1) as usize),
            lookback: blocks(&a.lookback, 3_600),
            stop: frac(&a.stop, 0.2),
        },
        StrategyName::Growth => Strategy::Growth {
            trade_fraction: frac(&a.trade_fraction, 0.25),
            lookback: blocks(&a.lookback, 3_600),
            exit: frac(&a.exit, 0.15),
        },
        StrategyName::Sniper => Strategy::Sniper {
            trade_fraction: frac(&a.trade_fraction, 0.5),
            window: blocks(&a.window, 1_800),
            take_profit: a.take_profit.as_ref().map_or(0.5, |p| p.get_ref().0),
            max_hold: blocks(&a.max_hold, 14_400),
        },
        StrategyName::Momentum => Strategy::Momentum {
            trade_fraction: frac(&a.trade_fraction, 0.25),
            lookback: blocks(&a.lookback, 3_600),
            threshold: frac(&a.threshold, 0.05),
            trailing_stop: frac(&a.trailing_stop, 0.2),
        },
        StrategyName::Downtrend => Strategy::Downtrend {
            lookback: blocks(&a.lookback, 3_600),
            threshold: frac(&a.threshold, 0.1),
            rebound: frac(&a.rebound, 0.05),
        },
        StrategyName::Noise => Strategy::Noise {
            probability: frac(&a.probability, 0.5),
            trade_fraction: frac(&a.trade_fraction, 0.05),
        },
    })
}

/// What events may refer to: netuids at the start and those registrations may create,
/// holders and validators by name.
struct Known<'a> {
    count: u16,
    registrable: u16,
    names: &'a Names,
    subnets: &'a [GenesisSubnet],
    /// By validator id: validates on every subnet, those registered later included.
    everywhere: &'a [bool],
}

/// An event's order, and the part of the holder's balance it takes when its amount is relative.
fn resolve_event(e: &EventSpec, i: usize, known: &Known) -> Result<(Order, Option<u64>), Problem> {
    let field = |f: &str| format!("events[{i}].{f}");
    let kind = *e.kind.get_ref();
    let kind_span = Some(e.kind.span());
    let given: [(&str, Option<Range<usize>>); 10] = [
        ("holder", e.holder.as_ref().map(|s| s.span())),
        ("netuid", e.netuid.as_ref().map(|s| s.span())),
        ("amount", e.amount.as_ref().map(|s| s.span())),
        ("validator", e.validator.as_ref().map(|s| s.span())),
        ("limit_price", e.limit_price.as_ref().map(|s| s.span())),
        ("allow_partial", e.allow_partial.as_ref().map(|s| s.span())),
        ("param", e.param.as_ref().map(|s| s.span())),
        ("value", e.value.as_ref().map(|s| s.span())),
        ("name", e.name.as_ref().map(|s| s.span())),
        ("miners", e.miners.as_ref().map(|s| s.span())),
    ];
    let uses: &[&str] = match kind {
        EventKind::Stake | EventKind::Unstake => &["holder", "netuid", "amount", "validator", "limit_price", "allow_partial"],
        EventKind::RootStake | EventKind::RootUnstake => &["holder", "amount", "validator"],
        EventKind::Set => &["param", "value", "netuid"],
        EventKind::Register => &["holder", "amount", "name", "miners"],
    };
    for (key, span) in given {
        if let Some(span) = span.filter(|_| !uses.contains(&key)) {
            return problem(
                Some(span),
                field(key),
                format!("a `{}` event does not use `{key}` (it takes: {}, every, times)", kind_name(kind), uses.join(", ")),
            );
        }
    }
    if kind == EventKind::Set {
        let Some(param) = &e.param else { return problem(kind_span, field("param"), "a `set` event needs `param`") };
        let Some(value) = &e.value else { return problem(Some(param.span()), field("value"), "a `set` event needs `value`") };
        let change = param_change(*param.get_ref(), value.get_ref())
            .map_err(|m| Problem { span: Some(value.span()), field: field("value"), message: m })?;
        let per_subnet = matches!(change, ParamChange::MinerBurned { .. } | ParamChange::EmissionEnabled { .. });
        let change = match (&e.netuid, per_subnet) {
            (Some(n), true) => {
                let v = *n.get_ref();
                if v == 0 || v > known.registrable {
                    return problem(Some(n.span()), field("netuid"), format!("netuid {v} does not exist: subnets are numbered 1 to {}", known.count));
                }
                change.for_subnet(v)
            }
            (None, true) => return problem(Some(param.span()), field("netuid"), format!("`{:?}` is a subnet's setting: give `netuid`", param.get_ref())),
            (Some(n), false) => return problem(Some(n.span()), field("netuid"), format!("`{:?}` is a chain-wide parameter: it takes no `netuid`", param.get_ref())),
            (None, false) => change,
        };
        return Ok((Order::new(0, Action::SetParam(change)), None));
    }
    let Some(holder) = &e.holder else { return problem(kind_span, field("holder"), "this event needs `holder`") };
    let holder_id = known.names.holder(holder, &field("holder"))?;
    if kind == EventKind::Register {
        let lock = match &e.amount {
            None => None,
            Some(a) => match a.get_ref() {
                EventAmount::Exact(lock) => Some(lock_of(&Spanned::new(a.span(), *lock), &field("amount"))?),
                EventAmount::Portion(_) => {
                    return problem(Some(a.span()), field("amount"), "a registration locks an amount in TAO, not a part of a balance")
                }
            },
        };
        if let Some(name) = &e.name {
            if name.get_ref().trim().is_empty() {
                return problem(Some(name.span()), field("name"), "a name must not be empty");
            }
        }
        let miners = e.miners.as_ref().map_or(0, |m| *m.get_ref());
        let action = Action::RegisterSubnet { name: e.name.as_ref().map(|n| n.get_ref().clone()), lock, miners };
        return Ok((Order::new(holder_id, action), None));
    }
    let Some(amount) = &e.amount else { return problem(Some(holder.span()), field("amount"), "this event needs `amount`") };
    let (amount_rao, portion) = match *amount.get_ref() {
        EventAmount::Exact(a) if a.0 == 0 => return problem(Some(amount.span()), field("amount"), "amount must be more than 0"),
        EventAmount::Exact(a) => (a.0, None),
        // Replaced by the part of the balance when the event runs.
        EventAmount::Portion(ppb) => (0, Some(ppb)),
    };
    let netuid = match (&e.netuid, matches!(kind, EventKind::Stake | EventKind::Unstake)) {
        (Some(n), true) => {
            let v = *n.get_ref();
            if v == 0 || v > known.registrable {
                let later = if known.registrable > known.count {
                    format!(", or up to {} once the scenario's registrations have run", known.registrable)
                } else {
                    String::new()
                };
                return problem(
                    Some(n.span()),
                    field("netuid"),
                    format!("netuid {v} does not exist: subnets are numbered 1 to {}{later} (0 is root, which has no pool)", known.count),
                );
            }
            v
        }
        (None, true) => return problem(Some(holder.span()), field("netuid"), "a stake or unstake needs `netuid`"),
        _ => 0,
    };
    let action = match kind {
        EventKind::Stake => Action::Stake { netuid, tao: amount_rao },
        EventKind::Unstake => Action::Unstake { netuid, alpha: amount_rao },
        EventKind::RootStake => Action::RootStake { tao: amount_rao },
        EventKind::RootUnstake => Action::RootUnstake { tao: amount_rao },
        EventKind::Set | EventKind::Register => unreachable!("handled above"),
    };
    let hotkey = match &e.validator {
        Some(v) => {
            let vid = known.names.validator(v, &field("validator"))?;
            let validates = match netuid {
                0 => true,
                n if n <= known.count => known.subnets[n as usize - 1].validators.contains(&vid),
                // A subnet registered during the run: only validators of every subnet join it.
                _ => known.everywhere[vid as usize],
            };
            if !validates {
                return problem(Some(v.span()), field("validator"), format!("{} does not validate on SN{netuid}", v.get_ref()));
            }
            Some(Hotkey::Validator(vid))
        }
        None => None,
    };
    Ok((
        Order {
            holder: holder_id,
            action,
            hotkey,
            limit_price: e.limit_price.as_ref().map(|p| p.get_ref().0),
            allow_partial: e.allow_partial.as_ref().is_some_and(|p| *p.get_ref()),
        },
        portion,
    ))
}

fn kind_name(kind: EventKind) -> &'static str {
    match kind {
        EventKind::Stake => "stake",
        EventKind::Unstake => "unstake",
        EventKind::RootStake => "root_stake",
        EventKind::RootUnstake => "root_unstake",
        EventKind::Set => "set",
        EventKind::Register => "register",
    }
}

/// The change a `set` event (or a swept `--param`) makes, with its value checked.
pub fn param_change(param: ParamName, value: &ParamValue) -> Result<ParamChange, String> {
    let number = || match value {
        ParamValue::Number(x) if x.is_finite() => Ok(*x),
        _ => Err(format!("{param:?} needs a number, got {value:?}")),
    };
    let fraction = || number().and_then(|x| if (0.0..=1.0).contains(&x) { Ok(x) } else { Err(format!("must be from 0 to 1, got {x}")) });
    let whole = || {
        number().and_then(|x| match x {
            x if x < 0.0 || x.fract() != 0.0 => Err(format!("must be a whole number, got {x}")),
            // 2^64 and beyond would saturate to u64::MAX when converted.
            x if x >= u64::MAX as f64 => Err(format!("{x} is too large")),
            x => Ok(x as u64),
        })
    };
    let text = || match value {
        ParamValue::Text(t) => Ok(t.clone()),
        _ => Err(format!("{param:?} needs a name, got {value:?}")),
    };
    Ok(match param {
        ParamName::TaoWeight => ParamChange::TaoWeight(fraction()?),
        ParamName::OwnerCut => ParamChange::OwnerCut(fraction()?),
        ParamName::Tempo => match whole()? {
            0 => return Err("tempo must be at least 1".into()),
            t if t > MAX_BLOCKS => return Err(format!("tempo must be at most {MAX_BLOCKS} blocks, got {t}")),
            t => ParamChange::Tempo(t),
        },
        ParamName::FeeRao => ParamChange::FeeRao(whole()?),
        ParamName::MinerBurned => ParamChange::MinerBurned { netuid: 0, value: fraction()? },
        ParamName::EmissionEnabled => match number()? {
            x if x == 0.0 || x == 1.0 => ParamChange::EmissionEnabled { netuid: 0, on: x == 1.0 },
            x => return Err(format!("emission_enabled is 1 (on) or 0 (off), got {x}")),
        },
        ParamName::BlockReward => {
            let rao = crate::economy::units::tao_to_rao(number()?).map_err(|e| format!("block_reward: {e}"))?;
            if rao > crate::economy::rules::MAX_BLOCK_REWARD {
                return Err("block_reward: at most 1,000 TAO per block".into());
            }
            ParamChange::BlockRewardRao(rao)
        }
        ParamName::RuleSet => ParamChange::RuleSet(text()?.parse()?),
        ParamName::ShareRule => ParamChange::ShareRule(text()?.parse()?),
    })
}
