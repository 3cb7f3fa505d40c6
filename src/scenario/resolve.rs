//! Checking a scenario and resolving names into ids: everything that can be wrong with a
//! file is found here, before any entity is spawned.

use super::format::*;
use crate::agents::Strategy;
use crate::economy::{Params, ShareRule, MIN_RESERVE};
use crate::transactions::{Action, Order, ParamChange};
use crate::world::{HolderId, Hotkey, ValidatorId};
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use toml::Spanned;

/// Subnets beyond this are refused (the chain's limit is 128; analysts may go further).
pub const MAX_SUBNETS: u16 = 1024;

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
}

/// Fractions of payouts sold by role; also applied to miners of subnets registered later.
#[derive(Clone, Copy, Debug, Default, PartialEq, bevy::prelude::Resource)]
pub struct SellerPolicy {
    pub validators: f64,
    pub miners: f64,
    pub owners: f64,
}

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
#[derive(Clone, Debug)]
pub struct Genesis {
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
    pub captions: Vec<Caption>,
    pub sellers: SellerPolicy,
    /// Charts the dashboard opens on (names from [`super::format::CHART_NAMES`]).
    pub focus_charts: Vec<String>,
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
        if *tempo.get_ref() == 0 {
            return problem(Some(tempo.span()), "rules.tempo", "tempo must be at least 1 block");
        }
        params.tempo = *tempo.get_ref();
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
        if *limit.get_ref() == 0 {
            return problem(Some(limit.span()), "rules.subnet_limit", "must be at least 1");
        }
        params.subnet_limit = *limit.get_ref();
    }
    if let Some(immunity) = rules.immunity_period {
        params.immunity_period = immunity;
    }
    if let Some(lock) = rules.lock_cost {
        params.lock_cost_rao = lock.0;
    }
    Ok(params)
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

/// Checks `scenario` and resolves it; the first problem found is returned.
pub fn resolve(scenario: &Scenario) -> Result<Genesis, Problem> {
    let params = params_of(&scenario.rules)?;
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
    }

    let mut holders: Vec<GenesisHolder> = Vec::new();
    let mut names = Names { holders: HashMap::new(), validators: HashMap::new() };
    let add_holder = |holders: &mut Vec<GenesisHolder>, names: &mut Names, h: GenesisHolder| -> HolderId {
        let id = holders.len() as HolderId;
        names.holders.insert(h.name.clone(), id);
        holders.push(h);
        id
    };
    let mut root_positions = Vec::new();
    if scenario.chain.root_stake.0 > 0 {
        let id = add_holder(&mut holders, &mut names, GenesisHolder { name: "rest of network".into(), ..Default::default() });
        root_positions.push((Hotkey::Own, id, scenario.chain.root_stake.0));
    }

    let mut validators = Vec::new();
    let mut validator_subnets: Vec<Option<Vec<u16>>> = Vec::new();
    let expanded = scenario.validators.iter().enumerate().flat_map(|(i, v)| {
        (0..v.count).map(move |k| {
            let name = if v.count == 1 { v.name.get_ref().clone() } else { format!("{} {}", v.name.get_ref(), k + 1) };
            (i, v, name)
        })
    });
    for (i, v, name) in expanded {
        let name = &name;
        if names.holders.contains_key(name) {
            return problem(Some(v.name.span()), format!("validators[{i}].name"), format!("\"{name}\" is used twice"));
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
        names.validators.insert(name.clone(), vid);
        validators.push(hid);
        let subnets = match &v.subnets {
            None => None,
            Some(list) => Some(
                list.iter()
                    .enumerate()
                    .map(|(j, n)| check_netuid(n, count, &format!("validators[{i}].subnets[{j}]")))
                    .collect::<Result<Vec<_>, _>>()?,
            ),
        };
        validator_subnets.push(subnets);
        if v.root_stake.0 > 0 {
            root_positions.push((Hotkey::Validator(vid), hid, v.root_stake.0));
        }
    }
    for (i, h) in scenario.holders.iter().enumerate() {
        let name = h.name.get_ref();
        if name.is_empty() || names.holders.contains_key(name) {
            return problem(Some(h.name.span()), format!("holders[{i}].name"), format!("\"{name}\" is empty or used twice"));
        }
        add_holder(
            &mut holders,
            &mut names,
            GenesisHolder { name: name.clone(), free_tao: h.free_tao.0, external: h.external, tracked: !h.external, ..Default::default() },
        );
    }

    let mut agent_ids = Vec::new();
    for (i, a) in scenario.agents.iter().enumerate() {
        let strategy = strategy_of(a, i)?;
        let interval = match &a.interval {
            Some(s) if *s.get_ref() == 0 => return problem(Some(s.span()), format!("agents[{i}].interval"), "must be at least 1 block"),
            Some(s) => *s.get_ref(),
            None => 360,
        };
        let base = a.name.clone().unwrap_or_else(|| strategy.name().to_string());
        for k in 0..a.count {
            let name = if a.count == 1 { base.clone() } else { format!("{base} {}", k + 1) };
            if names.holders.contains_key(&name) {
                return problem(Some(a.strategy.span()), format!("agents[{i}].name"), format!("\"{name}\" is used twice"));
            }
            let id = add_holder(
                &mut holders,
                &mut names,
                GenesisHolder {
                    name,
                    free_tao: a.free_tao.0,
                    agent: Some((strategy.clone(), interval)),
                    tracked: true,
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
        let owner = match o.and_then(|o| o.owner.clone()) {
            Some(name) => Some(match names.holders.get(&name) {
                Some(id) => *id,
                None => add_holder(&mut holders, &mut names, GenesisHolder { name, ..Default::default() }),
            }),
            None if scenario.subnets.owners => Some(add_holder(
                &mut holders,
                &mut names,
                GenesisHolder { name: format!("SN{netuid} owner"), ..Default::default() },
            )),
            None => None,
        };
        let weights: Vec<f64> = match o.and_then(|o| o.miner_weights.as_ref()) {
            Some(w) => w.iter().map(|p| p.0).collect(),
            None => vec![1.0; o.and_then(|o| o.miners).unwrap_or(scenario.subnets.miners) as usize],
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
        subnets.push(GenesisSubnet { netuid, name, tao, alpha, owner, miners, validators: validators_on });
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
        if root_stake > 0 {
            let hotkey = match root_validator {
                Some(v) => Hotkey::Validator(names.validator(v, &format!("{prefix}.root_validator"))?),
                None => default_hotkey(&(0..validators.len() as ValidatorId).collect::<Vec<_>>()),
            };
            root_positions.push((hotkey, id, root_stake));
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

    check_supply(scenario, &holders, &subnets, &root_positions, &alpha_positions)?;

    let mut events = Vec::new();
    for (i, e) in scenario.events.iter().enumerate() {
        let order = resolve_event(e, i, count, &names, &subnets)?;
        let times = e.times.as_ref().map_or(1, |t| *t.get_ref());
        let every = match (&e.every, times) {
            (Some(every), _) if *every.get_ref() == 0 => {
                return problem(Some(every.span()), format!("events[{i}].every"), "must be at least 1 block")
            }
            (Some(every), _) => *every.get_ref(),
            (None, 1) => 0,
            (None, _) => return problem(e.times.as_ref().map(|t| t.span()), format!("events[{i}].every"), "`times` needs `every`"),
        };
        if times > 100_000 {
            return problem(e.times.as_ref().map(|t| t.span()), format!("events[{i}].times"), "at most 100,000 repeats");
        }
        events.extend((0..times as u64).map(|k| (e.block + k * every, order.clone())));
    }
    let mut captions: Vec<Caption> = scenario.captions.iter().map(|c| Caption { block: c.block, text: c.text.clone(), pause: c.pause }).collect();
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
    Ok(Genesis {
        title: scenario.title.clone(),
        description: scenario.description.clone(),
        seed: scenario.seed,
        blocks: scenario.blocks,
        params,
        issuance: scenario.chain.issuance.0,
        holders,
        validators,
        subnets,
        alpha_positions,
        root_positions,
        events,
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
    if scenario.chain.issuance.0 > SUPPLY_CAP {
        return problem(count_span, "chain.issuance", "issuance cannot exceed the 21,000,000 TAO supply");
    }
    for s in subnets {
        let held: u128 = alpha.iter().filter(|a| a.0 == s.netuid).map(|a| a.3 as u128).sum::<u128>() + s.alpha as u128;
        if held > SUPPLY_CAP as u128 {
            return problem(count_span.clone(), "subnets", format!("SN{} starts with more than 21,000,000 alpha", s.netuid));
        }
    }
    let miners: usize = subnets.iter().map(|s| s.miners.len()).sum();
    if holders.len() > 5_000_000 || miners > 1_000_000 {
        return problem(count_span, "scenario", format!("{} holders ({miners} miners) is more than this simulator takes", holders.len()));
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

fn resolve_event(e: &EventSpec, i: usize, count: u16, names: &Names, subnets: &[GenesisSubnet]) -> Result<Order, Problem> {
    let field = |f: &str| format!("events[{i}].{f}");
    if e.kind == EventKind::Set {
        let Some(param) = &e.param else { return problem(None, field("param"), "a `set` event needs `param`") };
        let Some(value) = &e.value else { return problem(Some(param.span()), field("value"), "a `set` event needs `value`") };
        let change = param_change(*param.get_ref(), value.get_ref())
            .map_err(|m| Problem { span: Some(value.span()), field: field("value"), message: m })?;
        return Ok(Order::new(0, Action::SetParam(change)));
    }
    let Some(holder) = &e.holder else { return problem(None, field("holder"), "this event needs `holder`") };
    let holder_id = names.holder(holder, &field("holder"))?;
    if e.kind == EventKind::Register {
        let lock = e.amount.as_ref().map(|a| a.get_ref().0);
        let action = Action::RegisterSubnet { name: e.name.clone(), lock, miners: e.miners.unwrap_or(0) };
        return Ok(Order::new(holder_id, action));
    }
    let Some(amount) = &e.amount else { return problem(Some(holder.span()), field("amount"), "this event needs `amount`") };
    if amount.get_ref().0 == 0 {
        return problem(Some(amount.span()), field("amount"), "amount must be more than 0");
    }
    let amount_rao = amount.get_ref().0;
    let netuid = match (&e.netuid, matches!(e.kind, EventKind::Stake | EventKind::Unstake)) {
        (Some(n), true) => check_netuid(n, count, &field("netuid"))?,
        (None, true) => return problem(Some(holder.span()), field("netuid"), "a stake or unstake needs `netuid`"),
        _ => 0,
    };
    let action = match e.kind {
        EventKind::Stake => Action::Stake { netuid, tao: amount_rao },
        EventKind::Unstake => Action::Unstake { netuid, alpha: amount_rao },
        EventKind::RootStake => Action::RootStake { tao: amount_rao },
        EventKind::RootUnstake => Action::RootUnstake { tao: amount_rao },
        EventKind::Set | EventKind::Register => unreachable!("handled above"),
    };
    let hotkey = match &e.validator {
        Some(v) => {
            let vid = names.validator(v, &field("validator"))?;
            if netuid > 0 && !subnets[netuid as usize - 1].validators.contains(&vid) {
                return problem(Some(v.span()), field("validator"), format!("{} does not validate on SN{netuid}", v.get_ref()));
            }
            Some(Hotkey::Validator(vid))
        }
        None => None,
    };
    Ok(Order { holder: holder_id, action, hotkey, limit_price: e.limit_price.map(|p| p.0) })
}

/// The change a `set` event (or a swept `--param`) makes, with its value checked.
pub fn param_change(param: ParamName, value: &ParamValue) -> Result<ParamChange, String> {
    let number = || match value {
        ParamValue::Number(x) if x.is_finite() => Ok(*x),
        _ => Err(format!("{param:?} needs a number, got {value:?}")),
    };
    let fraction = || number().and_then(|x| if (0.0..=1.0).contains(&x) { Ok(x) } else { Err(format!("must be from 0 to 1, got {x}")) });
    let whole = || number().and_then(|x| if x >= 0.0 && x.fract() == 0.0 { Ok(x as u64) } else { Err(format!("must be a whole number, got {x}")) });
    let text = || match value {
        ParamValue::Text(t) => Ok(t.clone()),
        _ => Err(format!("{param:?} needs a name, got {value:?}")),
    };
    Ok(match param {
        ParamName::TaoWeight => ParamChange::TaoWeight(fraction()?),
        ParamName::OwnerCut => ParamChange::OwnerCut(fraction()?),
        ParamName::Tempo => match whole()? {
            0 => return Err("tempo must be at least 1".into()),
            t => ParamChange::Tempo(t),
        },
        ParamName::FeeRao => ParamChange::FeeRao(whole()?),
        ParamName::BlockReward => {
            let rao = crate::economy::units::tao_to_rao(number()?).map_err(|e| format!("block_reward: {e}"))?;
            if rao > crate::economy::rules::MAX_BLOCK_REWARD {
                return Err("block_reward: at most 1,000 TAO per block".into());
            }
            ParamChange::BlockRewardRao(rao)
        }
        ParamName::RuleSet => {
            let name = text()?;
            ParamChange::RuleSet(
                crate::economy::RuleSet::ALL
                    .into_iter()
                    .find(|r| r.name() == name)
                    .ok_or_else(|| format!("unknown rule set \"{name}\" (bit001, mainnet-2025-02)"))?,
            )
        }
        ParamName::ShareRule => ParamChange::ShareRule(match text()?.as_str() {
            "spot_price" => ShareRule::SpotPrice,
            "ema_price" => ShareRule::EmaPrice,
            other => return Err(format!("unknown share rule \"{other}\" (spot_price, ema_price)")),
        }),
    })
}
