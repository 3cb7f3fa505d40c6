//! Names: holders and validators by name, the holders added under them, and the names a
//! scenario may not give.

use super::genesis::GenesisHolder;
use super::problem::{problem, Problem};
use crate::world::{HolderId, ValidatorId};
use std::collections::HashMap;
use std::ops::Range;
use toml::Spanned;

pub(super) struct Names {
    pub(super) holders: HashMap<String, HolderId>,
    pub(super) validators: HashMap<String, ValidatorId>,
}

impl Names {
    pub(super) fn holder(&self, name: &Spanned<String>, field: &str) -> Result<HolderId, Problem> {
        match self.holders.get(name.get_ref()) {
            Some(id) => Ok(*id),
            None => problem(Some(name.span()), field, format!("no holder or validator named \"{}\"", name.get_ref())),
        }
    }
    pub(super) fn validator(&self, name: &Spanned<String>, field: &str) -> Result<ValidatorId, Problem> {
        match self.validators.get(name.get_ref()) {
            Some(id) => Ok(*id),
            None => problem(Some(name.span()), field, format!("no validator named \"{}\"", name.get_ref())),
        }
    }
}

/// Adds `h` under its name: its index in `holders` is its id.
pub(super) fn add_holder(holders: &mut Vec<GenesisHolder>, names: &mut Names, h: GenesisHolder) -> HolderId {
    let id = holders.len() as HolderId;
    names.holders.insert(h.name.clone(), id);
    holders.push(h);
    id
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

pub(super) fn check_name(name: &str, span: Range<usize>, field: &str) -> Result<(), Problem> {
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
