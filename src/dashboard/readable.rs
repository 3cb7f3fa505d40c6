//! Numbers as a person reads them in the window: thousands separators, TAO rather than RAO,
//! blocks with their days. Formatting only; no amount is computed here. Transactions read
//! as words through their own `Display` ([`crate::transactions::Action`]).

pub use crate::economy::units::{tao_thousands as tao, thousands};

/// A block count with its length in days (7,200 blocks a day): "14,400 (2.0 days)".
pub fn blocks_and_days(blocks: u64) -> String {
    format!("{} ({:.1} days)", thousands(blocks as f64, 0), blocks as f64 / 7_200.0)
}
