//! The simulation's one random source, seeded by the scenario: same seed, same run.

use bevy::prelude::*;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

#[derive(Resource, Clone, Debug)]
pub struct SimRng(pub ChaCha8Rng);

impl SimRng {
    pub fn seeded(seed: u64) -> Self {
        SimRng(ChaCha8Rng::seed_from_u64(seed))
    }
}

impl Default for SimRng {
    fn default() -> Self {
        SimRng::seeded(0)
    }
}
