//! The epoch's validator dividends, per validator, as the chain splits them (subtensor
//! `run_coinbase.rs`, from 2025-02-24; normalised as from 2025-03-28).
//!
//! Each validator `h` on a subnet has alpha stake `A_h` there and root stake `R_h`, and an
//! epoch dividend `d_h` (Yuma's; when validators agree it is in proportion to the stake
//! weight `S_h = A_h + w·R_h`). That dividend is split into
//! `alpha_div = d_h·A_h/S_h` and `root_div = d_h·w·R_h/S_h`: the subnet's validator alpha is
//! paid in proportion to `alpha_div`, its root TAO in proportion to `root_div`, so root
//! dividends reach only validators of that subnet.

/// `root_prop = w·R / (w·R + alpha_issuance)`: the share of a subnet's validator emission
/// that belongs to root stake. The chain reads `alpha_issuance` after the block's injection.
pub fn root_prop(tao_weight: f64, root_stake: u64, alpha_issuance: u64) -> f64 {
    let wr = tao_weight * root_stake as f64;
    let total = wr + alpha_issuance as f64;
    if total > 0.0 { wr / total } else { 0.0 }
}

/// One validator's stakes, in RAO.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ValidatorStake {
    /// `A_h`: alpha delegated to it on the subnet.
    pub alpha: u64,
    /// `R_h`: TAO delegated to it on root.
    pub root: u64,
}

impl ValidatorStake {
    /// `S_h = A_h + w·R_h`.
    pub fn weight(&self, tao_weight: f64) -> f64 {
        self.alpha as f64 + tao_weight * self.root as f64
    }
}

/// `(alpha_div, root_div)` of a validator with epoch dividend `dividend`.
pub fn split_dividend(dividend: f64, stake: ValidatorStake, tao_weight: f64) -> (f64, f64) {
    let s = stake.weight(tao_weight);
    if !(s > 0.0) {
        return (0.0, 0.0);
    }
    (dividend * stake.alpha as f64 / s, dividend * tao_weight * stake.root as f64 / s)
}

/// Epoch dividends when validators agree: `d_h = S_h / Σ S` (fractions of the whole).
pub fn agreeing_dividends(stakes: &[ValidatorStake], tao_weight: f64) -> Vec<f64> {
    let total: f64 = stakes.iter().map(|s| s.weight(tao_weight)).sum();
    stakes.iter().map(|s| if total > 0.0 { s.weight(tao_weight) / total } else { 0.0 }).collect()
}

/// `(alpha_div, root_div)` for every validator, from `dividends` (Yuma's `d_h`).
pub fn dividend_weights(dividends: &[f64], stakes: &[ValidatorStake], tao_weight: f64) -> Vec<(f64, f64)> {
    dividends.iter().zip(stakes).map(|(d, s)| split_dividend(*d, *s, tao_weight)).collect()
}

/// Each recipient's part of `amount` in proportion to `weights`, truncated to the RAO, and the
/// RAO left over. `None` when no weight is positive: there is nobody to pay.
pub fn pro_rata(amount: u64, weights: &[f64]) -> Option<(Vec<u64>, u64)> {
    let mut parts = Vec::with_capacity(weights.len());
    pro_rata_into(amount, weights, &mut parts).map(|left| (parts, left))
}

/// [`pro_rata`] into a buffer the caller keeps (cleared first), so that an epoch allocates
/// nothing: returns the RAO left over, or `None` (and `parts` untouched) when nobody is paid.
pub fn pro_rata_into(amount: u64, weights: &[f64], parts: &mut Vec<u64>) -> Option<u64> {
    let total: f64 = weights.iter().filter(|w| **w > 0.0).sum();
    if !(total > 0.0) {
        return None;
    }
    parts.clear();
    let mut left = amount;
    parts.extend(weights.iter().map(|w| {
        let part = if *w > 0.0 { ((amount as f64 * (w / total)) as u64).min(left) } else { 0 };
        left -= part;
        part
    }));
    Some(left)
}

/// [`dividend_weights`] of [`agreeing_dividends`] into buffers the caller keeps: each
/// validator's `alpha_div` into `alpha` and `root_div` into `root` (both cleared first).
pub fn agreeing_dividend_weights_into(stakes: &[ValidatorStake], tao_weight: f64, alpha: &mut Vec<f64>, root: &mut Vec<f64>) {
    let total: f64 = stakes.iter().map(|s| s.weight(tao_weight)).sum();
    alpha.clear();
    root.clear();
    for s in stakes {
        let d = if total > 0.0 { s.weight(tao_weight) / total } else { 0.0 };
        let (a, r) = split_dividend(d, *s, tao_weight);
        alpha.push(a);
        root.push(r);
    }
}

/// Which validators earn root dividends (the root slice of their epoch dividend).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RootDividendRule {
    /// Every validator in proportion to its root stake; a root pot nobody earns (no
    /// validator of the subnet has root stake) waits for the next epoch.
    RootStake,
    /// `calculate_dividend_distribution` from spec 475: only hotkeys with a root UID, which
    /// are the `slots` largest root stakes (the root subnet keeps its `MaxAllowedUids`
    /// best-staked registrants); the root slice of any other validator is paid to nobody,
    /// not to alpha, and a pot nobody earns is recycled (`distribute_emission`).
    RootRegistered { slots: usize },
}

impl RootDividendRule {
    /// Whether each validator, given as its root stake, may earn root dividends.
    pub fn earners(self, root_stakes: &[u64]) -> Vec<bool> {
        match self {
            RootDividendRule::RootStake => vec![true; root_stakes.len()],
            RootDividendRule::RootRegistered { slots } => {
                let mut order: Vec<usize> = (0..root_stakes.len()).filter(|i| root_stakes[*i] > 0).collect();
                // The largest stakes hold the UIDs; equal stakes: the earlier validator.
                order.sort_by(|a, b| root_stakes[*b].cmp(&root_stakes[*a]).then(a.cmp(b)));
                let mut earners = vec![false; root_stakes.len()];
                for i in order.into_iter().take(slots) {
                    earners[i] = true;
                }
                earners
            }
        }
    }

    /// Whether a root pot that no validator earns is recycled (otherwise it waits).
    pub fn recycles_unearned(self) -> bool {
        matches!(self, RootDividendRule::RootRegistered { .. })
    }
}

/// A validator's take of `amount` (truncated); the rest is its nominators'.
pub fn take_of(amount: u64, take: f64) -> u64 {
    ((amount as f64 * take) as u64).min(amount)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alpha_follows_alpha_stake_and_tao_follows_root_stake() {
        let stakes = [ValidatorStake { alpha: 100, root: 0 }, ValidatorStake { alpha: 0, root: 1_000 }];
        let d = agreeing_dividends(&stakes, 0.5);
        let w = dividend_weights(&d, &stakes, 0.5);
        assert_eq!(w[0].1, 0.0);
        assert_eq!(w[1].0, 0.0);
        let (alpha, _) = pro_rata(1_000, &w.iter().map(|x| x.0).collect::<Vec<_>>()).unwrap();
        assert_eq!(alpha, vec![1_000, 0]);
        assert!(pro_rata(5, &[0.0, 0.0]).is_none());
    }

    #[test]
    fn only_the_largest_root_stakes_hold_root_uids() {
        let rule = RootDividendRule::RootRegistered { slots: 2 };
        assert_eq!(rule.earners(&[5, 0, 9, 5, 7]), vec![false, false, true, false, true]);
        assert_eq!(rule.earners(&[5, 0, 5]), vec![true, false, true]);
        assert_eq!(RootDividendRule::RootStake.earners(&[0, 3]), vec![true, true]);
        assert!(rule.recycles_unearned() && !RootDividendRule::RootStake.recycles_unearned());
    }
}
