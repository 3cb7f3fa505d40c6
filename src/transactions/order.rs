//! What a holder (or a scenario event) can ask the chain to do.

use crate::economy::units::{tao_thousands as tao, thousands};
use crate::economy::{RuleSet, ShareRule};
use std::fmt;
use crate::world::{HolderId, Hotkey};
use bevy::prelude::Message;
use serde::Serialize;

/// A transaction.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Action {
    /// Buy alpha of `netuid` with `tao` RAO.
    Stake { netuid: u16, tao: u64 },
    /// Sell `alpha` RAO of `netuid`'s alpha for TAO.
    Unstake { netuid: u16, alpha: u64 },
    /// Move `tao` RAO from free balance to root stake (1:1, no pool).
    RootStake { tao: u64 },
    /// Move `tao` RAO of root stake back to free balance.
    RootUnstake { tao: u64 },
    /// Register a new subnet, locking `lock` RAO (the rule set's lock cost by default) into
    /// its pool at price 1; it starts emitting the next block. Returns its netuid.
    RegisterSubnet { name: Option<String>, lock: Option<u64>, miners: u32 },
    /// Change a rule parameter from this block on.
    SetParam(ParamChange),
}

/// A parameter change (scenario event or dashboard control).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ParamChange {
    /// Switch to a preset, replacing every parameter.
    RuleSet(RuleSet),
    ShareRule(ShareRule),
    TaoWeight(f64),
    Tempo(u64),
    FeeRao(u64),
    OwnerCut(f64),
    BlockRewardRao(u64),
    /// One subnet's `MinerBurned` (0 to 1).
    MinerBurned { netuid: u16, value: f64 },
    /// One subnet's TAO emission switch.
    EmissionEnabled { netuid: u16, on: bool },
}

impl ParamChange {
    /// The same per-subnet change aimed at `netuid` (other changes are unchanged).
    pub fn for_subnet(self, netuid: u16) -> Self {
        match self {
            ParamChange::MinerBurned { value, .. } => ParamChange::MinerBurned { netuid, value },
            ParamChange::EmissionEnabled { on, .. } => ParamChange::EmissionEnabled { netuid, on },
            other => other,
        }
    }
}

/// A transaction in words, amounts in TAO or alpha: "buy SN3 alpha for 6.92 TAO" (what the
/// window's log, `run`'s refusals and the captions print).
impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Action::Stake { netuid, tao: amount } => write!(f, "buy SN{netuid} alpha for {} TAO", tao(*amount, 2)),
            Action::Unstake { netuid, alpha } => write!(f, "sell {} SN{netuid} alpha", tao(*alpha, 2)),
            Action::RootStake { tao: amount } => write!(f, "stake {} TAO to root", tao(*amount, 2)),
            Action::RootUnstake { tao: amount } => write!(f, "unstake {} TAO from root", tao(*amount, 2)),
            Action::RegisterSubnet { name, lock, .. } => {
                let locked = lock.map_or(String::new(), |l| format!(", locking {} TAO", tao(l, 2)));
                write!(f, "register subnet \"{}\"{locked}", name.as_deref().unwrap_or("new"))
            }
            Action::SetParam(change) => change.fmt(f),
        }
    }
}

/// A parameter change in words: "tao weight: 0.180".
impl fmt::Display for ParamChange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParamChange::RuleSet(rs) => write!(f, "switch to the {rs} rules"),
            ParamChange::ShareRule(rule) => write!(f, "share rule: {}", rule.name()),
            ParamChange::TaoWeight(w) => write!(f, "tao weight: {w:.3}"),
            ParamChange::Tempo(t) => write!(f, "tempo: {} blocks", thousands(*t as f64, 0)),
            ParamChange::FeeRao(fee) => write!(f, "swap fee: {} RAO", thousands(*fee as f64, 0)),
            ParamChange::OwnerCut(c) => write!(f, "owner cut: {:.1}%", c * 100.0),
            ParamChange::MinerBurned { netuid, value } => write!(f, "SN{netuid} miners burned: {:.1}%", value * 100.0),
            ParamChange::EmissionEnabled { netuid, on } => write!(f, "SN{netuid} TAO emission {}", if *on { "on" } else { "off" }),
            ParamChange::BlockRewardRao(r) => write!(f, "block reward: {} TAO", tao(*r, 3)),
        }
    }
}

/// A transaction by a holder, as a message so that the window can send it.
#[derive(Message, Clone, Debug, PartialEq, Serialize)]
pub struct Order {
    pub holder: HolderId,
    pub action: Action,
    /// The hotkey to stake through; by default the subnet's first validator (its own hotkey
    /// if it has none). Unstaking without one sells from all the holder's positions in turn.
    #[serde(skip)]
    pub hotkey: Option<Hotkey>,
    /// A limit price, as the chain's `add_stake_limit` / `remove_stake_limit`: a stake may
    /// spend at most `limit·alpha_reserve − tao_reserve`, an unstake sell at most
    /// `tao_reserve/limit − alpha_reserve` (linear bounds, so the price may pass the limit).
    pub limit_price: Option<f64>,
    /// With a limit: trade as much as the limit allows instead of refusing a larger order.
    pub allow_partial: bool,
}

impl Order {
    pub fn new(holder: HolderId, action: Action) -> Self {
        Order { holder, action, hotkey: None, limit_price: None, allow_partial: false }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_read_as_words() {
        assert_eq!(Action::Stake { netuid: 3, tao: 6_924_026_448 }.to_string(), "buy SN3 alpha for 6.92 TAO");
        assert_eq!(Action::SetParam(ParamChange::Tempo(7_200)).to_string(), "tempo: 7,200 blocks");
        assert_eq!(thousands(1_234_567.891, 2), "1,234,567.89");
        assert_eq!(thousands(-1234.0, 0), "-1,234");
        assert_eq!(thousands(999.0, 0), "999");
        assert_eq!(thousands(0.0, 3), "0.000");
    }
}
