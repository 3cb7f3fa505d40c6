//! `[[agents]]`: holders that trade by a strategy, its knobs checked against the ones it
//! takes.

use super::amounts::{count_of, duration};
use super::genesis::GenesisHolder;
use super::names::{add_holder, check_name, Names};
use super::problem::{problem, Problem};
use crate::agents::Strategy;
use crate::scenario::format::{AgentSpec, Fraction, Scenario, StrategyName};
use crate::world::HolderId;
use std::ops::Range;
use toml::Spanned;

/// Each agent's holder, with the index of the `[[agents]]` table it comes from.
pub(super) fn agents_of(scenario: &Scenario, holders: &mut Vec<GenesisHolder>, names: &mut Names) -> Result<Vec<(usize, HolderId)>, Problem> {
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
                holders,
                names,
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
    Ok(agent_ids)
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
