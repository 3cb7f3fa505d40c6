//! Headless analysis, below both faces (the command line and the window): the files a run
//! writes ([`output`]), the captions' claims as the run judged them ([`claims`]), charts as PNG and SVG files ([`charts`]) in the palette every chart
//! uses ([`palette`]), parameter sweeps and Monte Carlo runs in parallel ([`sweep`],
//! [`grid`]) and the end-state metrics of a run ([`outcome`]); studies from sweep specs, with
//! designs, replicates, confidence intervals, shards, merge and resume ([`study`]).

pub mod charts;
pub mod claims;
pub mod grid;
pub mod outcome;
pub mod output;
pub mod palette;
pub mod study;
pub mod sweep;

pub use grid::{parse_param, parse_params, parse_seeds, Grid, SweptParam};
pub use outcome::Outcome;
pub use sweep::{run_sweep, SweepRun};
