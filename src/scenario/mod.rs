//! Scenarios: the file format ([`format`]), reading it with errors that name the file, line
//! and field ([`load`]), checking and resolving it into a [`Genesis`] ([`resolve`]), and
//! spawning that into a world ([`spawn`]). Resolving does every check before the world is
//! touched, so a bad file changes nothing.

pub mod chain_state;
pub mod charts;
pub mod format;
pub mod import;
pub mod load;
pub mod resolve;
pub mod snapshot;
pub mod spawn;
pub mod variants;

pub use charts::ChartKind;
pub use format::Scenario;
pub use load::{load, parse, ScenarioError};
pub use resolve::{resolve, Caption, Genesis, Problem};
pub use spawn::spawn;

/// The scenario `dtao-sim` opens with no arguments.
pub const DEFAULT_SCENARIO: &str = "scenarios/equal_start.toml";
