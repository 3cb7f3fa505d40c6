//! `[[events]]`: each event's order with its names resolved, repeated on its schedule, and
//! the parameter changes of `set` events.

use super::amounts::{duration, lock_of};
use super::genesis::GenesisSubnet;
use super::names::Names;
use super::problem::{problem, Problem};
use crate::economy::limits::*;
use crate::scenario::format::{EventAmount, EventKind, EventSpec, ParamName, ParamValue, Scenario};
use crate::transactions::{Action, Order, ParamChange};
use crate::world::{HolderId, Hotkey};
use std::collections::BTreeMap;
use std::ops::Range;
use toml::Spanned;

/// What events may refer to: netuids at the start and those registrations may create,
/// holders and validators by name.
pub(super) struct Known<'a> {
    pub(super) count: u16,
    pub(super) registrable: u16,
    pub(super) names: &'a Names,
    pub(super) subnets: &'a [GenesisSubnet],
    /// By validator id: validates on every subnet, those registered later included.
    pub(super) everywhere: &'a [bool],
}

/// Every event's orders at their blocks (relative to `start`), and the part of the balance
/// each relative amount takes, by index in the orders.
pub(super) fn events_of(scenario: &Scenario, start: u64, known: &Known) -> Result<(Vec<(u64, Order)>, BTreeMap<usize, u64>), Problem> {
    let mut events = Vec::new();
    let mut portions = BTreeMap::new();
    for (i, e) in scenario.events.iter().enumerate() {
        let (order, portion) = resolve_event(e, i, known)?;
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
    Ok((events, portions))
}

/// An event's order, and the part of the holder's balance it takes when its amount is relative.
fn resolve_event(e: &EventSpec, i: usize, known: &Known) -> Result<(Order, Option<u64>), Problem> {
    let field = |f: &str| format!("events[{i}].{f}");
    let kind = *e.kind.get_ref();
    let kind_span = Some(e.kind.span());
    check_keys(e, i, kind)?;
    if kind == EventKind::Set {
        return set_order(e, i, known);
    }
    let Some(holder) = &e.holder else { return problem(kind_span, field("holder"), "this event needs `holder`") };
    let holder_id = known.names.holder(holder, &field("holder"))?;
    if kind == EventKind::Register {
        return register_order(e, i, holder_id);
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
    let hotkey = hotkey_of(e, i, netuid, known)?;
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

/// A key the event's kind does not use is refused rather than ignored.
fn check_keys(e: &EventSpec, i: usize, kind: EventKind) -> Result<(), Problem> {
    let field = |f: &str| format!("events[{i}].{f}");
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
    Ok(())
}

/// A `set` event's change; a subnet's setting names its subnet, a chain-wide one none.
fn set_order(e: &EventSpec, i: usize, known: &Known) -> Result<(Order, Option<u64>), Problem> {
    let field = |f: &str| format!("events[{i}].{f}");
    let kind_span = Some(e.kind.span());
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
    Ok((Order::new(0, Action::SetParam(change)), None))
}

/// A registration's order: its lock, if given, in TAO.
fn register_order(e: &EventSpec, i: usize, holder_id: HolderId) -> Result<(Order, Option<u64>), Problem> {
    let field = |f: &str| format!("events[{i}].{f}");
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
    Ok((Order::new(holder_id, action), None))
}

/// The validator a stake goes through, which must validate on its subnet.
fn hotkey_of(e: &EventSpec, i: usize, netuid: u16, known: &Known) -> Result<Option<Hotkey>, Problem> {
    let field = |f: &str| format!("events[{i}].{f}");
    Ok(match &e.validator {
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
    })
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
