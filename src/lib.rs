//! dtao-sim: a block-by-block simulation of Bittensor's Dynamic TAO economy (BIT001).
//!
//! Where things live:
//! - [`economy`]: units, the halving curve, pool swaps, rule sets (pure functions);
//! - [`world`]: components, resources and the stake [`world::Ledger`];
//! - [`block`]: the ordered [`block::Block`] schedule (emission → metrics) and its systems;
//! - [`transactions`]: orders, scripted events, registration, the [`transactions::Market`] that executes them;
//! - [`agents`]: holders with strategies, and emission sellers;
//! - [`metrics`]: sampled series and the conservation audit;
//! - [`scenario`]: the scenario file format, its checks, one scenario under several rule
//!   sets, and spawning a world;
//! - [`reference`]: replaying the independent model's reference vectors;
//! - [`analysis`]: the files a headless run writes (CSV, summary, charts), sweeps and Monte
//!   Carlo runs;
//! - [`dashboard`]: the window (bevy_egui), reading the world and sending commands;
//! - [`cli`]: the `dtao-sim` command line, which only calls down.
//!
//! Each folder imports only the ones listed before it (`tests/layout.rs` checks it).
//!
//! The simulation is [`SimPlugin`]; it needs no window and no other plugin. [`Simulation`]
//! wraps an [`App`] with it for headless runs.

pub mod agents;
pub mod analysis;
pub mod block;
pub mod cli;
pub mod dashboard;
pub mod economy;
pub mod metrics;
pub mod reference;
pub mod scenario;
pub mod transactions;
pub mod world;

use bevy::prelude::*;

/// Every system and resource of the simulation, with no rendering.
pub struct SimPlugin;

impl Plugin for SimPlugin {
    fn build(&self, app: &mut App) {
        app.add_plugins((world::plugin, block::plugin, transactions::plugin, agents::plugin, metrics::plugin));
    }
}

/// A headless simulation of one scenario.
pub struct Simulation {
    pub app: App,
}

impl Simulation {
    /// Builds the world of a checked scenario.
    pub fn new(genesis: &scenario::Genesis) -> Self {
        let mut app = App::new();
        app.add_plugins(SimPlugin);
        scenario::spawn(app.world_mut(), genesis);
        Simulation { app }
    }

    pub fn world(&self) -> &World {
        self.app.world()
    }

    pub fn world_mut(&mut self) -> &mut World {
        self.app.world_mut()
    }

    /// Runs `n` blocks.
    pub fn run(&mut self, n: u64) {
        block::run_blocks(self.app.world_mut(), n);
    }

    /// The next block to be simulated (= blocks simulated so far).
    pub fn block(&self) -> u64 {
        self.world().resource::<world::Chain>().block
    }

    /// Takes the samples recorded since the last call.
    pub fn take_samples(&mut self) -> metrics::Samples {
        std::mem::take(&mut *self.world_mut().resource_mut::<metrics::Samples>())
    }

    /// Sets how often metrics are sampled (0: never).
    pub fn sample_every(&mut self, every: u64) {
        self.world_mut().resource_mut::<metrics::Sampling>().every = every;
    }

    /// Sets how often holder values are sampled (0: never).
    pub fn sample_holders_every(&mut self, every: u64) {
        self.world_mut().resource_mut::<metrics::Sampling>().holders_every = every;
    }

    /// Takes the holder samples recorded since the last call.
    pub fn take_holder_samples(&mut self) -> Vec<metrics::HolderSample> {
        std::mem::take(&mut self.world_mut().resource_mut::<metrics::HolderSamples>().0)
    }

    /// Starts measuring the network for `metrics.csv` ([`metrics::Measures`]), from the next
    /// block; worlds that never call this do not pay for it.
    pub fn measure_network(&mut self) {
        self.world_mut().init_resource::<metrics::Measures>();
    }

    /// Takes the network rows recorded since the last call (none unless measuring).
    pub fn take_network_samples(&mut self) -> Vec<metrics::NetworkSample> {
        self.world_mut().get_resource_mut::<metrics::Measures>().map(|mut m| std::mem::take(&mut m.rows)).unwrap_or_default()
    }

    /// Checks the invariants now.
    pub fn audit(&mut self) -> Result<(), String> {
        metrics::audit(self.world_mut())
    }
}
