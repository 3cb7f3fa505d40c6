//! Numbers as a person reads them in the window: thousands separators, TAO rather than RAO,
//! blocks with their days. Formatting only; no amount is computed here. Transactions read
//! as words through their own `Display` ([`crate::transactions::Action`]).

pub use crate::economy::units::{tao_thousands as tao, thousands};

/// A block count with its length in days (7,200 blocks a day): "14,400 (2.0 days)".
pub fn blocks_and_days(blocks: u64) -> String {
    format!("{} ({:.1} days)", thousands(blocks as f64, 0), blocks as f64 / 7_200.0)
}

/// A fraction as a signed percentage with `decimals` decimals ("+1.25%", "-0.40%",
/// "0.00%"), and the sign of what is written: a value that rounds to zero is written
/// without a sign (never "-0.00%") and counts as neither up nor down.
pub fn signed_percent(fraction: f64, decimals: usize) -> (String, std::cmp::Ordering) {
    let percent = fraction * 100.0;
    let scale = 10f64.powi(decimals as i32);
    let rounded = (percent * scale).round() / scale;
    if rounded == 0.0 || !rounded.is_finite() {
        return (format!("{:.*}%", decimals, 0.0), std::cmp::Ordering::Equal);
    }
    (format!("{rounded:+.decimals$}%"), if rounded > 0.0 { std::cmp::Ordering::Greater } else { std::cmp::Ordering::Less })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_that_rounds_to_zero_has_no_sign() {
        assert_eq!(signed_percent(-0.000_01, 2), ("0.00%".to_string(), std::cmp::Ordering::Equal));
        assert_eq!(signed_percent(0.0125, 2), ("+1.25%".to_string(), std::cmp::Ordering::Greater));
        assert_eq!(signed_percent(-0.004, 2), ("-0.40%".to_string(), std::cmp::Ordering::Less));
    }
}
