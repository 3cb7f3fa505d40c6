//! What the charts read: the history, the rows, captions and compare mode's other worlds.

use crate::dashboard::history::ChartHistory;
use crate::dashboard::theme::{HiddenSubnets, SubnetColours};
use crate::dashboard::ui::SubnetRow;
use crate::scenario::Caption;

/// What the charts read.
pub struct ChartInput<'v> {
    pub history: &'v ChartHistory,
    pub rows: &'v [SubnetRow],
    pub captions: &'v [Caption],
    pub block: u64,
    /// The chain's number of the run's first block (`[chain] start_block`): axes and hover
    /// number blocks as the counter does.
    pub start_block: u64,
    /// The share rule follows the moving price: draw it.
    pub ema: bool,
    /// Root dividends stay alpha until claimed (Nov 2025) instead of being sold each block.
    pub root_alpha_kept: bool,
    /// `mainnet-2026-08`: the gate bar θ in force (a share), drawn on the share chart; `None`
    /// under rules without the gate.
    pub gate_bar: Option<f64>,
    pub hidden: &'v HiddenSubnets,
    pub colours: &'v SubnetColours,
    /// Compare mode: the window's own rule set, and the other worlds' rule sets and
    /// histories (empty when compare mode is off).
    pub own: &'static str,
    pub others: &'v [(&'static str, &'v ChartHistory)],
}

/// The subnets drawn one line each: the top ones, plus the rest in faint grey when there
/// are few enough to stay cheap and legible.
pub(super) fn drawn_subnets(input: &ChartInput) -> Vec<u16> {
    let many = input.history.subnets.len() > 32;
    input
        .history
        .subnets
        .keys()
        .copied()
        .filter(|n| !input.hidden.0.contains(n))
        .filter(|n| !many || input.colours.is_top(*n))
        .collect()
}
