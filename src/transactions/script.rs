//! Scripted events of a scenario, run in the transactions step of their block.

use super::{Market, Order, TxLog};
use bevy::prelude::*;

/// The scenario's events, sorted by block (file order within a block).
#[derive(Resource, Clone, Debug, Default)]
pub struct Script {
    /// (block, index in the scenario's list, order).
    pub events: Vec<(u64, usize, Order)>,
    /// Index of the next event to run.
    pub next: usize,
}

impl Script {
    /// Sorts by block, keeping file order within a block.
    pub fn new(events: Vec<(u64, Order)>) -> Self {
        let mut events: Vec<_> = events.into_iter().enumerate().map(|(i, (b, o))| (b, i, o)).collect();
        events.sort_by_key(|(block, _, _)| *block);
        Script { events, next: 0 }
    }
}

pub fn apply_script_events(mut script: ResMut<Script>, mut market: Market, mut log: ResMut<TxLog>) {
    let block = market.block();
    while let Some((at, index, order)) = script.events.get(script.next) {
        if *at > block {
            break;
        }
        // Events scheduled before the run's first block never happen.
        if *at == block {
            let result = market.execute(order);
            log.record(block, order, result, Some(*index));
        }
        script.next += 1;
    }
}
