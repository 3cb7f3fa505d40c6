//! The window's two moments, as schedules that the other dashboard modules add their
//! systems to, so that none of them calls another to keep it in step:
//!
//! - [`WorldLoaded`]: a world was built from the session's scenario (start, reset, reseed,
//!   another scenario, compare mode changed). [`LoadStep::Spawn`] builds it
//!   ([`super::session`]); [`LoadStep::React`] then resets what depends on it (history,
//!   playback, the other worlds of compare mode).
//! - [`BlocksRan`]: blocks were simulated; [`LastRun`] says how many and with which orders
//!   (history collects the samples, compare mode runs its other worlds alike).
//!
//! [`load_world`] and [`run_blocks`] are the only ways the window loads a world or runs
//! blocks, so every reaction happens whoever asked (playback, recording, tests).

use crate::transactions::Order;
use bevy::ecs::schedule::ScheduleLabel;
use bevy::prelude::*;

/// Runs after a world is (re)built from the session's scenario.
#[derive(ScheduleLabel, Clone, Debug, PartialEq, Eq, Hash)]
pub struct WorldLoaded;

/// The two steps of [`WorldLoaded`], in this order.
#[derive(SystemSet, Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LoadStep {
    /// Despawn the old world's entities and spawn the scenario.
    Spawn,
    /// Everything that starts again with a new world.
    React,
}

/// Runs after each run of blocks in the window's world.
#[derive(ScheduleLabel, Clone, Debug, PartialEq, Eq, Hash)]
pub struct BlocksRan;

/// Orders from the panels waiting for the next block (the window may be paused).
#[derive(Resource, Clone, Debug, Default)]
pub struct OutgoingOrders(pub Vec<Order>);

/// The last run of blocks: how many, and the orders sent before its first block.
#[derive(Resource, Clone, Debug, Default)]
pub struct LastRun {
    pub blocks: u64,
    pub orders: Vec<Order>,
}

pub fn plugin(app: &mut App) {
    let mut loaded = Schedule::new(WorldLoaded);
    loaded.configure_sets((LoadStep::Spawn, LoadStep::React).chain());
    app.add_schedule(loaded).add_schedule(Schedule::new(BlocksRan)).init_resource::<OutgoingOrders>().init_resource::<LastRun>();
}

/// Builds the world afresh from the session's scenario, and lets every module react.
pub fn load_world(world: &mut World) {
    // Orders made for the old world (a rule change typed while paused) are not the new one's.
    if let Some(mut orders) = world.get_resource_mut::<OutgoingOrders>() {
        orders.0.clear();
    }
    world.run_schedule(WorldLoaded);
}

/// Runs `n` blocks at once, with the waiting orders sent before the first, then lets every
/// module react ([`BlocksRan`]).
pub fn run_blocks(world: &mut World, n: u64) {
    let orders = std::mem::take(&mut world.resource_mut::<OutgoingOrders>().0);
    for order in &orders {
        world.write_message(order.clone());
    }
    crate::block::run_blocks(world, n);
    world.insert_resource(LastRun { blocks: n, orders });
    world.run_schedule(BlocksRan);
}
