//! What a run opens with: the dashboard's focus charts (`focus_charts`), the subnets it
//! always colours (`spotlight`) and the rule sets of compare mode (`compare`).

use super::problem::{problem, Problem};
use crate::scenario::format::Scenario;

pub(super) fn focus_charts_of(scenario: &Scenario) -> Result<Vec<String>, Problem> {
    let mut focus_charts = Vec::new();
    for (i, name) in scenario.focus_charts.iter().enumerate() {
        if !crate::scenario::format::CHART_NAMES.contains(&name.get_ref().as_str()) {
            let known = crate::scenario::format::CHART_NAMES.join(", ");
            return problem(Some(name.span()), format!("focus_charts[{i}]"), format!("unknown chart \"{}\"; known: {known}", name.get_ref()));
        }
        focus_charts.push(name.get_ref().clone());
    }
    Ok(focus_charts)
}

/// `spotlight`: netuids the scenario has or registers (1 to `registrable`), each once.
pub(super) fn spotlight_of(scenario: &Scenario, registrable: u16) -> Result<Vec<u16>, Problem> {
    let mut spotlight = Vec::new();
    for (i, n) in scenario.spotlight.iter().enumerate() {
        let value = *n.get_ref();
        let netuid = match u16::try_from(value) {
            Ok(v) if v >= 1 && v <= registrable => v,
            _ => return problem(Some(n.span()), format!("spotlight[{i}]"), format!("no subnet {value} in this scenario (1 to {registrable})")),
        };
        if spotlight.contains(&netuid) {
            return problem(Some(n.span()), format!("spotlight[{i}]"), format!("SN{netuid} is listed twice"));
        }
        spotlight.push(netuid);
    }
    Ok(spotlight)
}

pub(super) fn compare_of(scenario: &Scenario) -> Result<Vec<crate::economy::RuleSet>, Problem> {
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
    Ok(compare)
}
