//! The state of the simulated chain: entities' components, global resources and the stake
//! ledger. Systems that change this state live in [`crate::block`] (coinbase and epochs) and
//! [`crate::transactions`] (trades); [`crate::scenario`] spawns it.

pub mod claims;
pub mod components;
pub mod ledger;
pub mod resources;

pub use claims::{ClaimType, RootClaims};
pub use components::*;
pub use ledger::{Hotkey, HolderId, Ledger, ValidatorId};
pub use resources::{Chain, Directory, QueuedRegistration, RegistrationQueue, SellerPolicy};

use bevy::prelude::*;

/// Registers the global resources with their empty defaults.
pub fn plugin(app: &mut App) {
    app.init_resource::<Chain>()
        .init_resource::<Directory>()
        .init_resource::<Ledger>()
        .init_resource::<RootClaims>()
        .init_resource::<crate::economy::Params>()
        .init_resource::<crate::economy::RuleOverrides>()
        .init_resource::<SellerPolicy>();
}
