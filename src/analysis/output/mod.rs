//! The files a headless run writes: `subnets.csv` ([`subnets_csv`]), `holders.csv` with
//! each strategy's result ([`holders_csv`]), `metrics.csv` with the network's measures
//! ([`metrics_csv`]), `summary.json` ([`summary`]) and, for several rule sets side by side,
//! `compare.csv` with its overlay charts ([`compare_csv`]) and `compare_metrics.csv`
//! ([`compare_metrics_csv`]).

pub mod compare_csv;
pub mod compare_metrics_csv;
pub mod holders_csv;
pub mod metrics_csv;
pub mod subnets_csv;
pub mod summary;

pub use compare_csv::CompareTable;
pub use compare_metrics_csv::write_compare_metrics;
pub use holders_csv::{HoldersCsv, StrategyResult, HOLDER_COLUMNS};
pub use metrics_csv::{MetricsCsv, NetworkSummary, METRIC_COLUMNS};
pub use subnets_csv::{SubnetsCsv, SUBNET_COLUMNS};
pub use summary::Summary;
