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

pub use emission::SellsEmission;
pub use rng::SimRng;
pub use strategy::{Agent, Memory, Strategy};

use crate::block::{Block, BlockStep};
use crate::transactions::{Market, TxLog};
use crate::world::Holder;
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

/// Lets each agent whose turn it is decide and trade.
fn act_agents(
    mut market: Market,
    mut agents: Query<(&Holder, &Agent, &mut Memory)>,
    mut rng: ResMut<SimRng>,
    mut log: ResMut<TxLog>,
) {
    let block = market.block();
    let mut views = None;
    for (holder, agent, mut memory) in &mut agents {
        if (block + agent.phase) % agent.interval.max(1) != 0 {
            continue;
        }
        let views = views.get_or_insert_with(|| market.subnet_views());
        for order in decide::decide(&agent.strategy, holder.id, &mut memory, &market, views, &mut rng) {
            let result = market.execute(&order);
            decide::remember(&order, result, &mut memory, views, block);
            log.record(block, &order, result, None);
        }
    }
}
