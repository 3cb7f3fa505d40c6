//! Which rule set a runtime spec version runs under. One table: each row is a range of
//! specs, the rule set for it and the spec that rule set was written from. A spec outside
//! every row, or inside a row but not its own spec, gets the row's (or the nearest) rule
//! set with a warning; a row whose rule set this build lacks falls back to the nearest one
//! it has, with a warning.

use crate::economy::RuleSet;

/// One row: specs `first..=last` run under `rule_set`, written from spec `exact`.
struct Row {
    first: u32,
    last: u32,
    rule_set: &'static str,
    exact: u32,
}

/// Spec 441 brought the rank-32 gate bar, 443 is what `mainnet-2026-08` reads
/// (SPEC_2026_08.md §0.1); 444 onward recycles transaction fees and 472/473 queue
/// registrations, which `mainnet-2026-10` (spec 475, SPEC_2026_10.md) adds.
const TABLE: [Row; 2] = [
    Row { first: 441, last: 443, rule_set: "mainnet-2026-08", exact: 443 },
    Row { first: 444, last: u32::MAX, rule_set: "mainnet-2026-10", exact: 475 },
];

/// The rule set chosen for a spec, and why, if it is not an exact match.
#[derive(Clone, Debug, PartialEq)]
pub struct RuleChoice {
    pub rule_set: RuleSet,
    /// The spec the chosen rule set was written from.
    pub written_for: u32,
    /// Set when the spec is not the one the rule set was written from.
    pub warning: Option<String>,
}

/// The rule set for runtime spec `spec`.
pub fn rule_set_for(spec: u32) -> RuleChoice {
    let known = |row: &Row| row.rule_set.parse::<RuleSet>().ok().map(|r| (r, row.exact));
    let row = TABLE.iter().find(|r| (r.first..=r.last).contains(&spec));
    // The nearest row whose rule set this build has, by distance to its exact spec.
    let nearest = TABLE.iter().filter_map(known).min_by_key(|(_, exact)| exact.abs_diff(spec));
    let (rule_set, written_for) = match row.and_then(known) {
        Some(found) => found,
        None => nearest.expect("the table names at least one rule set this build has"),
    };
    let warning = match row {
        None => Some(format!(
            "runtime spec {spec} is outside every spec the simulator has rules for; using the nearest, {rule_set} (spec {written_for})"
        )),
        Some(r) if r.rule_set != rule_set.name() => Some(format!(
            "runtime spec {spec} runs under {}, which this build does not have; using the nearest, {rule_set} (spec {written_for})",
            r.rule_set
        )),
        Some(_) if spec != written_for => Some(format!(
            "runtime spec {spec} has no rule set of its own; using the nearest, {rule_set} (written from spec {written_for})"
        )),
        Some(_) => None,
    };
    RuleChoice { rule_set, written_for, warning }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spec_443_is_mainnet_2026_08_without_a_warning() {
        assert_eq!(rule_set_for(443), RuleChoice { rule_set: RuleSet::Mainnet2026_08, written_for: 443, warning: None });
    }

    #[test]
    fn other_specs_warn_and_name_the_nearest() {
        let old = rule_set_for(400);
        assert_eq!(old.rule_set, RuleSet::Mainnet2026_08);
        assert!(old.warning.unwrap().contains("outside every spec"));
        let later = rule_set_for(475);
        let warning = later.warning.clone().unwrap_or_default();
        match "mainnet-2026-10".parse::<RuleSet>() {
            Ok(r) => assert_eq!((later.rule_set, later.warning), (r, None)),
            Err(_) => {
                assert_eq!(later.rule_set, RuleSet::Mainnet2026_08);
                assert!(warning.contains("mainnet-2026-10, which this build does not have"), "{warning}");
            }
        }
    }
}
