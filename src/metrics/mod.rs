//! Step 8 of a block: sampled metrics, and the conservation audit.
//!
//! Metrics are sampled every `Sampling::every` blocks (at the end of blocks where
//! `(block + 1) % every == 0`, as the reference checkpoints are) rather than stored every
//! block; consumers (the CLI's CSV writer, the dashboard's history) drain [`Samples`].

pub mod claims;
pub mod conservation;
pub mod exit;
pub mod holders;
pub mod measures;
pub mod samples;

pub use claims::{Claim, ClaimBook, Metric, Placeholder, PlaceholderKind, Subject, Test, Verdict};
pub use conservation::{audit, Conservation};
pub use exit::{exit_value, spot_value};
pub use holders::{HolderSample, HolderSamples, StartValues, Tracked};
pub use measures::{Measures, NetworkSample};
pub use samples::{ChainSample, SampleAlso, Samples, Sampling, SubnetSample};

use crate::block::{Block, BlockStep};
use bevy::prelude::*;

pub fn plugin(app: &mut App) {
    app.init_resource::<Sampling>()
        .init_resource::<Samples>()
        .init_resource::<Conservation>()
        .init_resource::<HolderSamples>()
        .init_resource::<StartValues>()
        .add_systems(
            Block,
            (
                measures::measure_network.run_if(resource_exists::<Measures>),
                samples::record_metrics,
                samples::record_history,
                holders::record_holders,
                claims::check_claims_if_due,
                conservation::check_conservation,
            )
                .chain()
                .in_set(BlockStep::Record),
        );
}
