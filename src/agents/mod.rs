//! Market participants: holders with a strategy, who act through the same
//! [`crate::transactions::Market`] as everyone else (same swaps, slippage and refusals).
//!
//! - [`strategy`]: the strategies and their knobs;
//! - [`decide`]: what each strategy does when its turn comes;
//! - [`emission`]: validators, miners and owners selling part of each payout;
//! - [`rng`]: the seeded random source (noise traders).
//!
//! Agents act in the transactions step after scripted events and the window's orders, in
//! agent-id order, each every `interval` blocks (staggered so they do not all act at once).

pub mod decide;
pub mod emission;
pub mod rng;
pub mod strategy;

/// Emission sellers' state is plain data in [`crate::world`], where transactions reach it too.
pub use crate::world::SellsEmission;
pub use rng::SimRng;
pub use strategy::{Agent, Memory, Strategy};

use crate::block::{Block, BlockStep};
use crate::transactions::{Market, TxLog};
use crate::world::{Holder, HolderId};
use bevy::prelude::*;

pub fn plugin(app: &mut App) {
    app.init_resource::<SimRng>().add_systems(
        Block,
        (act_agents, emission::sell_emission)
            .chain()
            .in_set(BlockStep::Transactions)
            .after(crate::transactions::OrdersApplied),
    );
}

/// Which agents act at which blocks: by interval, the agents of each phase. Built when
/// agents appear or go, so that a block looks at the agents due, not at all of them.
/// Phases are kept sparsely: an interval of a billion blocks costs one entry, not a billion.
#[derive(Default)]
struct Calendar {
    by_interval: std::collections::BTreeMap<u64, std::collections::HashMap<u64, Vec<(HolderId, Entity)>>>,
}

impl Calendar {
    fn build(agents: impl Iterator<Item = (Entity, HolderId, u64, u64)>) -> Self {
        let mut calendar = Calendar::default();
        for (entity, id, interval, phase) in agents {
            let interval = interval.max(1);
            calendar.by_interval.entry(interval).or_default().entry(phase % interval).or_default().push((id, entity));
        }
        calendar
    }

    /// Agents whose turn is `block` ((block + phase) mod interval = 0), in holder-id order.
    fn due(&self, block: u64) -> Vec<(HolderId, Entity)> {
        let mut due: Vec<(HolderId, Entity)> = self
            .by_interval
            .iter()
            .filter_map(|(interval, slots)| slots.get(&((interval - block % interval) % interval)))
            .flatten()
            .copied()
            .collect();
        due.sort_unstable_by_key(|(id, _)| *id);
        due
    }
}

/// Lets each agent whose turn it is decide and trade.
fn act_agents(
    mut market: Market,
    mut agents: Query<(Entity, &Holder, &Agent, &mut Memory)>,
    added: Query<(), Added<Agent>>,
    mut removed: RemovedComponents<Agent>,
    mut calendar: Local<Calendar>,
    mut rng: ResMut<SimRng>,
    mut log: ResMut<TxLog>,
) {
    if !added.is_empty() || removed.read().next().is_some() {
        *calendar = Calendar::build(agents.iter().map(|(e, h, a, _)| (e, h.id, a.interval, a.phase)));
    }
    let block = market.block();
    let mut views = None;
    for (_, entity) in calendar.due(block) {
        let Ok((_, holder, agent, mut memory)) = agents.get_mut(entity) else { continue };
        let views = views.get_or_insert_with(|| market.subnet_views());
        for order in decide::decide(&agent.strategy, holder.id, &mut memory, &market, views, &mut rng) {
            let result = market.execute(&order);
            decide::remember(&order, result, &mut memory, block);
            log.record(block, &order, result, None);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_agent_with_an_interval_of_a_billion_blocks_costs_one_entry() {
        let entity = Entity::from_raw_u32(1).expect("a valid index");
        let calendar = Calendar::build([(entity, 7, 1_000_000_000, 97 * 7)].into_iter());
        assert_eq!(calendar.by_interval[&1_000_000_000].len(), 1);
        assert!(calendar.due(0).is_empty());
        assert_eq!(calendar.due(1_000_000_000 - 97 * 7), vec![(7, entity)]);
    }
}
