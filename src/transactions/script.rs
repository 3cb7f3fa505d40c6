//! Scripted events of a scenario, run in the transactions step of their block.

use super::{Action, Market, Order, TxLog};
use bevy::ecs::system::SystemState;
use bevy::prelude::*;
use std::collections::BTreeMap;

/// The scenario's events, sorted by block (file order within a block).
#[derive(Resource, Clone, Debug, Default)]
pub struct Script {
    /// (block, index in the scenario's list, order).
    pub events: Vec<(u64, usize, Order)>,
    /// Events whose amount is a part of the holder's balance when they run: index in the
    /// scenario's list → parts per billion (1,000,000,000 = all).
    pub portions: BTreeMap<usize, u64>,
    /// Index of the next event to run.
    pub next: usize,
}

impl Script {
    /// Sorts by block, keeping file order within a block.
    pub fn new(events: Vec<(u64, Order)>) -> Self {
        let mut events: Vec<_> = events.into_iter().enumerate().map(|(i, (b, o))| (b, i, o)).collect();
        events.sort_by_key(|(block, _, _)| *block);
        Script { events, portions: BTreeMap::new(), next: 0 }
    }

    /// Gives relative amounts to the events listed (by index in the scenario's list).
    pub fn with_portions(mut self, portions: &BTreeMap<usize, u64>) -> Self {
        self.portions = portions.clone();
        self
    }
}

/// `order` with its amount set to `ppb` parts per billion of what the holder has now: free
/// TAO for a stake or root stake, the position (through the order's hotkey, or all of them)
/// for an unstake, root stake for a root unstake.
fn with_portion(market: &Market, order: &Order, ppb: u64) -> Order {
    let part = |have: u64| (have as u128 * ppb as u128 / 1_000_000_000) as u64;
    let holder = order.holder;
    let action = match order.action {
        Action::Stake { netuid, .. } => Action::Stake { netuid, tao: part(market.free_tao(holder)) },
        Action::RootStake { .. } => Action::RootStake { tao: part(market.free_tao(holder)) },
        Action::Unstake { netuid, .. } => {
            let have = match order.hotkey {
                Some(hotkey) => market.alpha_on(holder, netuid, hotkey),
                None => market.alpha(holder, netuid),
            };
            Action::Unstake { netuid, alpha: part(have) }
        }
        Action::RootUnstake { .. } => {
            let have = match order.hotkey {
                Some(hotkey) => market.root_stake_on(holder, hotkey),
                None => market.root_stake(holder),
            };
            Action::RootUnstake { tao: part(have) }
        }
        ref other => other.clone(),
    };
    Order { action, ..order.clone() }
}

/// Runs the events due at this block, in order. An exclusive system, so that what one event
/// creates (a subnet a `register` event adds) exists for the next event of the same block.
pub fn apply_script_events(world: &mut World, state: &mut SystemState<(ResMut<'static, Script>, Market<'static, 'static>, ResMut<'static, TxLog>)>) {
    // Most blocks have no event: a look at the next one, not the fetch of the whole market.
    let block = world.resource::<crate::world::Chain>().block;
    if world.get_resource::<Script>().is_none_or(|s| s.events.get(s.next).is_none_or(|(at, ..)| *at > block)) {
        return;
    }
    loop {
        let ran = {
            let Ok((mut script, mut market, mut log)) = state.get_mut(world) else { break };
            let block = market.block();
            let Some((at, index, order)) = script.events.get(script.next).cloned() else { break };
            if at > block {
                break;
            }
            script.next += 1;
            // Events scheduled before the run's first block never happen.
            if at == block {
                let order = match script.portions.get(&index) {
                    Some(ppb) => with_portion(&market, &order, *ppb),
                    None => order,
                };
                let result = market.execute(&order);
                log.record(block, &order, result, Some(index));
            }
            at == block
        };
        if ran {
            state.apply(world);
        }
    }
}
