//! The scenario the window shows: spawning it into the world at every
//! [`WorldLoaded`](super::lifecycle::WorldLoaded), and the two holders the dashboard adds so
//! that a person can take part ("You") and move markets ("Whale").

use super::lifecycle::{LoadStep, WorldLoaded};
use crate::economy::RAO_PER_TAO;
use crate::scenario::resolve::GenesisHolder;
use crate::scenario::{Genesis, Scenario};
use crate::world::{Directory, Holder, HolderId, RootNetwork, Subnet};
use bevy::prelude::*;
use std::path::PathBuf;

/// Name of the presenter's holder.
pub const YOU: &str = "You";
/// Name of the holder behind the whale button.
pub const WHALE: &str = "Whale";
/// TAO "You" starts with.
pub const YOUR_TAO: u64 = 10_000;
/// TAO the whale starts with.
pub const WHALE_TAO: u64 = 1_000_000;

/// The loaded scenario, kept whole so that reset rebuilds exactly the same world.
#[derive(Resource, Clone, Debug)]
pub struct Session {
    pub path: PathBuf,
    /// The file as read, kept so that compare mode resolves the same reading under its other
    /// rule sets (a file edited since is not read again until it is loaded again).
    pub scenario: Scenario,
    pub genesis: Genesis,
    /// A message for the status line (a scenario that failed to load, say).
    pub status: String,
    /// Counts the worlds built from it (reset, reseed, load), so that the panels can tell
    /// a new world from the same one and refresh what they took from the scenario.
    pub generation: u64,
}

impl Session {
    pub fn new(path: PathBuf, scenario: Scenario, genesis: Genesis) -> Self {
        Session { path, scenario, genesis, status: String::new(), generation: 0 }
    }

    /// The scenario file's name as error messages give it.
    pub fn file(&self) -> String {
        self.path.display().to_string()
    }
}

/// The holder ids of "You" and "Whale" in the current world.
#[derive(Resource, Clone, Copy, Debug, Default)]
pub struct Participants {
    pub you: HolderId,
    pub whale: HolderId,
}

pub fn plugin(app: &mut App) {
    app.init_resource::<Participants>().add_systems(WorldLoaded, spawn_session.in_set(LoadStep::Spawn));
}

/// Despawns the simulated entities (not the window or camera) and spawns the session's
/// scenario, with "You" and "Whale" added.
fn spawn_session(world: &mut World) {
    let mut sim_entities: Vec<Entity> = world.query_filtered::<Entity, Or<(With<Holder>, With<Subnet>, With<RootNetwork>)>>().iter(world).collect();
    sim_entities.sort();
    for e in sim_entities {
        world.despawn(e);
    }
    let mut genesis = world.resource::<Session>().genesis.clone();
    let you = genesis.holders.len() as HolderId;
    // "You" is followed in the holders chart; the whale would dwarf everyone else.
    for (name, tao, tracked) in [(YOU, YOUR_TAO, true), (WHALE, WHALE_TAO, false)] {
        if !genesis.holders.iter().any(|h| h.name == name) {
            genesis.holders.push(GenesisHolder { name: name.into(), free_tao: tao * RAO_PER_TAO, tracked, ..default() });
        }
    }
    crate::scenario::spawn(world, &genesis);
    let directory = world.resource::<Directory>();
    let participants = Participants {
        you: directory.holder_id(YOU).unwrap_or(you),
        whale: directory.holder_id(WHALE).unwrap_or(you + 1),
    };
    world.insert_resource(participants);
    world.insert_resource(crate::metrics::Samples::default());
    world.insert_resource(crate::metrics::HolderSamples::default());
    // Every block up to 32 subnets; beyond, every few blocks, so that 100,000 blocks of
    // history stay near 100 MB whatever the subnet count.
    let every = (genesis.subnets.len() as u64).div_ceil(32).max(1);
    world.insert_resource(crate::metrics::Sampling { every, holders_every: 100 });
    // A caption's block is drawn whatever the grid: its chart ends where its text is about.
    world.insert_resource(crate::metrics::SampleAlso(genesis.captions.iter().map(|c| c.block).collect()));
    world.insert_resource(crate::agents::SimRng::seeded(genesis.seed));
    world.resource_mut::<Session>().generation += 1;
}

/// Lists the shipped scenarios for the open menu.
pub fn shipped_scenarios() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir("scenarios")
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "toml")).collect())
        .unwrap_or_default();
    files.sort();
    files
}
