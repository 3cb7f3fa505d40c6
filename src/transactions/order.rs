//! What a holder (or a scenario event) can ask the chain to do.

use crate::economy::{RuleSet, ShareRule};
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
