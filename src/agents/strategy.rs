//! Strategies (the holders of the BIT001 proposal) and what each remembers.

use bevy::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;

/// How a holder behaves. Fractions are of the holder's free TAO at the time; lookbacks are
/// in blocks; thresholds are relative price changes (0.05 = 5%).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "strategy")]
pub enum Strategy {
    /// Stakes everything on root and collects root dividends.
    Conservative,
    /// Barbell: `root_fraction` on root, the rest in the `picks` subnets with the best
    /// momentum; a subnet that falls `stop` below its entry is sold and replaced.
    Moderate { root_fraction: f64, picks: usize, lookback: u64, stop: f64 },
    /// Buys the subnet with the largest net TAO inflow over `lookback` (relative to its pool,
    /// and at least 2% of it); sells a position
    /// whose price falls `exit` below its entry.
    Growth { trade_fraction: f64, lookback: u64, exit: f64 },
    /// Buys subnets younger than `window` blocks; sells at `take_profit` above entry or
    /// after `max_hold` blocks.
    Sniper { trade_fraction: f64, window: u64, take_profit: f64, max_hold: u64 },
    /// Adds to subnets whose price rose more than `threshold` over `lookback`; sells only
    /// when the price is `trailing_stop` below its peak since entry.
    Momentum { trade_fraction: f64, lookback: u64, threshold: f64, trailing_stop: f64 },
    /// Holds alpha, sells a subnet that fell more than `threshold` over `lookback`, and buys
    /// it back once it has risen `rebound` from the lowest price seen since.
    Downtrend { lookback: u64, threshold: f64, rebound: f64 },
    /// Background volume: with `probability` per turn, buys or sells a random subnet.
    Noise { probability: f64, trade_fraction: f64 },
}

impl Strategy {
    /// The name used in files and charts.
    pub fn name(&self) -> &'static str {
        match self {
            Strategy::Conservative => "conservative",
            Strategy::Moderate { .. } => "moderate",
            Strategy::Growth { .. } => "growth",
            Strategy::Sniper { .. } => "sniper",
            Strategy::Momentum { .. } => "momentum",
            Strategy::Downtrend { .. } => "downtrend",
            Strategy::Noise { .. } => "noise",
        }
    }
}

/// A holder that acts: its strategy and when it acts.
#[derive(Component, Clone, Debug)]
pub struct Agent {
    pub strategy: Strategy,
    /// Blocks between two decisions.
    pub interval: u64,
    /// Offset of its turns, so that agents with one interval do not all act in one block.
    pub phase: u64,
}

/// What an agent remembers about a position it opened or left.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Memo {
    pub entry_price: f64,
    /// Highest price seen since entry (momentum) or lowest since exit (downtrend).
    pub extreme: f64,
    pub since: u64,
}

#[derive(Component, Clone, Debug, Default)]
pub struct Memory {
    /// Positions the agent opened, by netuid.
    pub open: BTreeMap<u16, Memo>,
    /// Subnets a downtrend seller left, waiting for a rebound.
    pub left: BTreeMap<u16, Memo>,
    /// Whether its starting funds have been placed (conservative, moderate).
    pub placed: bool,
}
