//! What resolving produces: the [`Genesis`] a world is spawned from, and its holders,
//! subnets and captions.

use crate::agents::Strategy;
use crate::economy::Params;
use crate::transactions::Order;
use crate::world::{HolderId, Hotkey, ValidatorId};
use std::collections::BTreeMap;

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
    /// `EpochConsensus::Null`.
    pub null_consensus: bool,
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
            null_consensus: false,
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
    /// The subnets it names (in its claims, its placeholders or as "SN<n>" in its text), in
    /// netuid order: the window's charts draw them in their own colour while it is shown.
    #[serde(skip)]
    pub subnets: Vec<u16>,
}

/// A checked scenario with every name resolved: what [`crate::scenario::spawn`] builds the world from.
/// `Default` is an empty world, for code that builds one directly (replays, benches, tests).
#[derive(Clone, Debug, Default)]
pub struct Genesis {
    /// Absolute number of the run's first block (`[chain] start_block`).
    pub start_block: u64,
    /// `mainnet-2026-08`'s gate bar at the start, `U64F64` raw (0: computed at once).
    pub gate_bar: u128,
    /// The last registration before the run (`[chain] last_lock`, `last_lock_block`), which
    /// the doubling lock cost decays from.
    pub last_lock: crate::economy::registration::LastLock,
    pub title: String,
    pub description: String,
    pub seed: u64,
    pub blocks: u64,
    pub params: Params,
    /// The scenario's own `[rules]` values, kept in force when the rule set is switched.
    pub rule_overrides: crate::economy::RuleOverrides,
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
    /// The captions' claims and placeholders, measured as the run reaches them.
    pub claims: crate::metrics::ClaimBook,
    pub sellers: SellerPolicy,
    /// Charts the dashboard opens on (names from [`crate::scenario::format::CHART_NAMES`]).
    pub focus_charts: Vec<String>,
    /// Subnets the dashboard always colours (scenario key `spotlight`).
    pub spotlight: Vec<u16>,
    /// Rule sets of compare mode by default (scenario key `compare`); empty: off.
    pub compare: Vec<crate::economy::RuleSet>,
}
