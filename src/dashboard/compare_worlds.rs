//! Compare mode: the same scenario and seed under several rule sets, each in its own world,
//! side by side in one window. The window's own world runs one rule set; [`CompareWorlds`]
//! holds the others, which advance in lockstep with it (every run of blocks, and every
//! order from the trade panel, goes to all of them) and keep their own chart history.
//! Nothing here computes economics: each world is the same [`crate::SimPlugin`].
//!
//! The other worlds are rebuilt at every [`WorldLoaded`] and run at every [`BlocksRan`] of
//! the window's world, with the same orders ([`LastRun`]).

use super::history::{self, ChartHistory};
use super::lifecycle::{self, BlocksRan, LastRun, LoadStep, OutgoingOrders, WorldLoaded};
use super::session::{self, Session};
use crate::economy::RuleSet;
use bevy::prelude::*;

/// The rule sets being compared, in the order given (empty: compare mode is off). The
/// window's own world runs whichever of them its scenario's rules name, or the first.
#[derive(Resource, Clone, Debug, Default, PartialEq)]
pub struct CompareSet(pub Vec<RuleSet>);

/// One of the other worlds.
pub struct CompareWorld {
    pub rule_set: RuleSet,
    /// A world with the simulation's schedules and resources, and the session and history
    /// of the window's own (no panels, no compare mode of its own).
    pub world: World,
}

impl CompareWorld {
    pub fn history(&self) -> &ChartHistory {
        self.world.resource::<ChartHistory>()
    }

    /// The world's subnets now, as the table shows them: (netuid, price, share).
    pub fn prices_and_shares(&self) -> Vec<(u16, f64, f64)> {
        let Some(mut query) = self.world.try_query::<(&crate::world::Subnet, &crate::world::Pool, &crate::world::BlockFlow)>() else { return Vec::new() };
        let mut rows: Vec<(u16, f64, f64)> = query.iter(&self.world).map(|(s, pool, flow)| (s.netuid, pool.price(), flow.share)).collect();
        rows.sort_by_key(|r| r.0);
        rows
    }
}

/// The worlds beside the window's own, in the order of [`CompareSet`].
#[derive(Resource, Default)]
pub struct CompareWorlds(pub Vec<CompareWorld>);

pub fn plugin(app: &mut App) {
    app.init_resource::<CompareSet>()
        .init_resource::<CompareWorlds>()
        .add_systems(WorldLoaded, rebuild.in_set(LoadStep::React))
        .add_systems(BlocksRan, run_others);
}

/// Builds the other worlds afresh for the session in force (after a reset, a new seed or a
/// new scenario): the session's scenario as loaded, resolved once per other rule set, at the
/// session's seed. A scenario that does not resolve under one of them leaves compare mode
/// off, with the reason in the session's status line.
fn rebuild(world: &mut World) {
    let rule_sets = world.get_resource::<CompareSet>().map(|c| c.0.clone()).unwrap_or_default();
    if rule_sets.is_empty() {
        if let Some(mut worlds) = world.get_resource_mut::<CompareWorlds>() {
            worlds.0.clear();
        }
        return;
    }
    let own = world.resource::<crate::economy::Params>().rule_set;
    let others: Vec<RuleSet> = rule_sets.into_iter().filter(|r| *r != own).collect();
    let session = world.resource::<Session>();
    let (path, seed, scenario) = (session.path.clone(), session.genesis.seed, session.scenario.clone());
    match crate::scenario::variants::genesis_per_rule_set(&scenario, &session.file(), Some(seed), &others) {
        Ok(geneses) => {
            let worlds = others
                .iter()
                .zip(geneses)
                .map(|(rule_set, genesis)| CompareWorld { rule_set: *rule_set, world: build(Session::new(path.clone(), scenario.clone(), genesis)) })
                .collect();
            world.insert_resource(CompareWorlds(worlds));
        }
        Err(e) => {
            world.insert_resource(CompareWorlds::default());
            world.resource_mut::<Session>().status = format!("compare mode is off: {e}");
        }
    }
}

/// A world of the simulation alone, spawned as the window spawns its own (with "You" and
/// "Whale", so that the trade panel's orders find the same holders in every world).
fn build(session: Session) -> World {
    let mut app = App::new();
    app.add_plugins(crate::SimPlugin).add_plugins((lifecycle::plugin, session::plugin, history::plugin)).insert_resource(session);
    lifecycle::load_world(app.world_mut());
    std::mem::take(app.world_mut())
}

/// Runs the blocks the window's world just ran in every other world, with the same orders.
fn run_others(world: &mut World) {
    let run = world.resource::<LastRun>().clone();
    let Some(mut worlds) = world.get_resource_mut::<CompareWorlds>() else { return };
    for other in worlds.0.iter_mut() {
        other.world.resource_mut::<OutgoingOrders>().0 = run.orders.clone();
        lifecycle::run_blocks(&mut other.world, run.blocks);
    }
}
