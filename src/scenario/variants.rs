//! One scenario under several rule sets (compare mode, in `run --compare`, the window and
//! `record`): the loaded scenario resolved once per rule set, its `[rules] preset` replaced
//! and everything else kept, its own `[rules]` overrides included. Nothing is read from disk
//! again, so every world of a comparison comes from the same reading of the file.

use super::{resolve, Genesis, Scenario};
use crate::economy::RuleSet;

/// Checks a list of rule sets to compare: two or more, none twice.
pub fn check_rule_sets(rule_sets: &[RuleSet]) -> Result<(), String> {
    if rule_sets.len() < 2 {
        return Err("--compare needs two or more rule sets, e.g. --compare bit001,mainnet-2025-11".into());
    }
    for (i, r) in rule_sets.iter().enumerate() {
        if rule_sets[..i].contains(r) {
            return Err(format!("--compare names {r} twice"));
        }
    }
    Ok(())
}

/// `scenario` resolved once per rule set, at `seed` when given (otherwise the scenario's).
/// `file` names the scenario in error messages.
pub fn genesis_per_rule_set(scenario: &Scenario, file: &str, seed: Option<u64>, rule_sets: &[RuleSet]) -> Result<Vec<Genesis>, String> {
    let mut scenario = scenario.clone();
    rule_sets
        .iter()
        .map(|rule_set| {
            scenario.rules.preset = *rule_set;
            let mut genesis = resolve(&scenario).map_err(|p| format!("{file} under {rule_set}: {}: {}", p.field, p.message))?;
            if let Some(seed) = seed {
                genesis.seed = seed;
            }
            Ok(genesis)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_comparison_names_two_or_more_rule_sets_once_each() {
        for r in RuleSet::ALL {
            assert_eq!(r.name().parse::<RuleSet>(), Ok(r));
        }
        let err = "mainnet-1999".parse::<RuleSet>().unwrap_err();
        assert!(err.contains("unknown rule set \"mainnet-1999\"") && err.contains("bit001"), "{err}");
        assert!(check_rule_sets(&[RuleSet::Bit001]).unwrap_err().contains("two or more"));
        assert!(check_rule_sets(&[RuleSet::Bit001, RuleSet::Bit001]).unwrap_err().contains("twice"));
        assert!(check_rule_sets(&RuleSet::ALL).is_ok());
    }
}
