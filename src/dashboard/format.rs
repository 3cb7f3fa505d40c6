//! Numbers and transactions as a person reads them: thousands separators, TAO rather than
//! RAO, plain words. Formatting only; no amount is computed here.

use crate::economy::RAO_PER_TAO;
use crate::transactions::{Action, ParamChange};

/// `value` with `decimals` decimals and a thin-space-free comma every three digits:
/// `1234567.891` with 2 decimals is "1,234,567.89".
pub fn thousands(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return "—".into();
    }
    let text = format!("{:.*}", decimals, value.abs());
    let (whole, frac) = text.split_once('.').map_or((text.as_str(), None), |(w, f)| (w, Some(f)));
    let mut out = String::with_capacity(text.len() + whole.len() / 3 + 1);
    if value < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0') {
        out.push('-');
    }
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// RAO as TAO with separators and `decimals` decimals.
pub fn tao(rao: u64, decimals: usize) -> String {
    thousands(rao as f64 / RAO_PER_TAO as f64, decimals)
}

/// A transaction in words, amounts in TAO or alpha: "buy SN3 alpha for 6.92 TAO".
pub fn action(action: &Action) -> String {
    match action {
        Action::Stake { netuid, tao: amount } => format!("buy SN{netuid} alpha for {} TAO", tao(*amount, 2)),
        Action::Unstake { netuid, alpha } => format!("sell {} SN{netuid} alpha", tao(*alpha, 2)),
        Action::RootStake { tao: amount } => format!("stake {} TAO to root", tao(*amount, 2)),
        Action::RootUnstake { tao: amount } => format!("unstake {} TAO from root", tao(*amount, 2)),
        Action::RegisterSubnet { name, lock, .. } => {
            let locked = lock.map_or(String::new(), |l| format!(", locking {} TAO", tao(l, 2)));
            format!("register subnet \"{}\"{locked}", name.as_deref().unwrap_or("new"))
        }
        Action::SetParam(change) => param_change(change),
    }
}

/// A parameter change in words.
pub fn param_change(change: &ParamChange) -> String {
    match change {
        ParamChange::RuleSet(rs) => format!("switch to the {rs} rules"),
        ParamChange::ShareRule(rule) => format!("share rule: {}", rule.name()),
        ParamChange::TaoWeight(w) => format!("tao weight: {w:.3}"),
        ParamChange::Tempo(t) => format!("tempo: {} blocks", thousands(*t as f64, 0)),
        ParamChange::FeeRao(f) => format!("swap fee: {} RAO", thousands(*f as f64, 0)),
        ParamChange::OwnerCut(c) => format!("owner cut: {:.1}%", c * 100.0),
        ParamChange::MinerBurned { netuid, value } => format!("SN{netuid} miners burned: {:.1}%", value * 100.0),
        ParamChange::EmissionEnabled { netuid, on } => format!("SN{netuid} TAO emission {}", if *on { "on" } else { "off" }),
        ParamChange::BlockRewardRao(r) => format!("block reward: {} TAO", tao(*r, 3)),
    }
}

/// A block count with its length in days (7,200 blocks a day): "14,400 (2.0 days)".
pub fn blocks_and_days(blocks: u64) -> String {
    format!("{} ({:.1} days)", thousands(blocks as f64, 0), blocks as f64 / 7_200.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_and_words() {
        assert_eq!(thousands(1_234_567.891, 2), "1,234,567.89");
        assert_eq!(thousands(-1234.0, 0), "-1,234");
        assert_eq!(thousands(999.0, 0), "999");
        assert_eq!(thousands(0.0, 3), "0.000");
        assert_eq!(action(&Action::Stake { netuid: 3, tao: 6_924_026_448 }), "buy SN3 alpha for 6.92 TAO");
    }
}
