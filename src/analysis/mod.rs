//! Headless analysis: parameter sweeps and Monte Carlo runs in parallel ([`sweep`]), the
//! end-state metrics of a run ([`outcome`]), and charts as PNG and SVG files ([`charts`]).

pub mod charts;
pub mod grid;
pub mod outcome;
pub mod sweep;

pub use grid::{parse_param, parse_params, parse_seeds, Grid, SweptParam};
pub use outcome::Outcome;
pub use sweep::{run_sweep, SweepRun};
