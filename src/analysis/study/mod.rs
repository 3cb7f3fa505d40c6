//! Sweeps as studies: a spec file (or the flags of the flag form) resolved into a
//! [`Study`], run shard by shard into a folder that a stop leaves resumable, summarised with
//! confidence intervals, merged back from shards into the bytes one machine would write.
//!
//! - `spec.rs`: the spec file format; `resolve.rs`: reading and checking it (with
//!   `design.rs`, `hypercube.rs` and `table.rs` for the configurations, `located.rs` for
//!   refusals at their line); `flags.rs`: the flag form as a study;
//! - `definition.rs`: the resolved [`Study`], its seeds and run numbering;
//! - `quantity.rs`, `probe.rs`: what a run can observe; `measure.rs`: metrics, reducers and
//!   stop conditions; `execute.rs`: one run (also `run --measure`); `reproduce.rs`: the
//!   command that rebuilds a row;
//! - `shard.rs`; `runner.rs`: the runs on threads, rows streamed in order;
//!   `runs_csv.rs`, `summary_csv.rs` (with `stats.rs`), `manifest.rs`, `summary_charts.rs`;
//!   `driver.rs`: a whole session; `merge.rs`: shards into one; `plan.rs`: `--dry-run`;
//!   `fingerprint.rs`: a stable hash.

pub mod definition;
pub mod design;
pub mod driver;
pub mod execute;
pub mod fingerprint;
pub mod flags;
pub mod hypercube;
pub mod located;
pub mod manifest;
pub mod measure;
pub mod merge;
pub mod plan;
pub mod probe;
pub mod quantity;
pub mod reproduce;
pub mod resolve;
pub mod runner;
pub mod runs_csv;
pub mod shard;
pub mod spec;
pub mod stats;
pub mod summary_charts;
pub mod summary_csv;
pub mod table;

pub use definition::{RunId, Seeds, Setting, Study};
pub use driver::{sweep, SweepOptions, SweepReport};
pub use execute::{apply_settings, run_row, RowResult};
pub use flags::{study_of_flags, Flags};
pub use manifest::Manifest;
pub use measure::{Measures, Metric};
pub use merge::{merge, Merged};
pub use plan::{plan, Plan};
pub use resolve::load_spec;
pub use shard::Shard;
