//! The files a headless run writes: `subnets.csv` ([`subnets_csv`]), `holders.csv` with
//! each strategy's result ([`holders_csv`]), `summary.json` ([`summary`]) and, for several
//! rule sets side by side, `compare.csv` with its overlay charts ([`compare_csv`]).

pub mod compare_csv;
pub mod holders_csv;
pub mod subnets_csv;
pub mod summary;

pub use compare_csv::CompareTable;
pub use holders_csv::{HoldersCsv, StrategyResult, HOLDER_COLUMNS};
pub use subnets_csv::{SubnetsCsv, SUBNET_COLUMNS};
pub use summary::Summary;
