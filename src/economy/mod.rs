//! Pure economics: units, the emission curve, the pool's swap arithmetic and the rule sets.
//!
//! Nothing here touches the ECS; the block systems in [`crate::block`] and the transaction
//! systems in [`crate::transactions`] call these functions so that the arithmetic is written
//! once and can be tested on its own against the reference vectors.

pub mod concentration;
pub mod dividends;
pub mod emission_curve;
pub mod limits;
pub mod overrides;
pub mod registration;
pub mod rules;
pub mod spec443;
pub mod swap;
pub mod units;

pub use emission_curve::block_emission;
pub use overrides::RuleOverrides;
pub use rules::{Engine, Params, RuleSet, ShareRule};
pub use swap::{
    max_stake_at_limit, max_unstake_at_limit, quote_stake, quote_stake_nov, quote_unstake, quote_unstake_nov, Refusal,
    Reserves, Swap, MIN_RESERVE,
};
pub use units::{Rao, RAO_PER_TAO};
