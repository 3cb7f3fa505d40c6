//! Each subnet's share of the block's TAO under spec 443 (SPEC_2026_08.md §4): shares of
//! the price EMA, weighted by what miners did not burn, passed through the Hill gate, and
//! zeroed for subnets whose emission switch is off. Shares are `U64F64` raws.

use super::fixed::{safe_pow, U64F64, U96F32, ONE_64};

/// The gate bar is recomputed on blocks that are a multiple of this.
pub const GATE_BAR_INTERVAL: u64 = 360;
/// The bar is the share of the 32nd-largest subnet (`EmissionBarRank`).
pub const GATE_BAR_RANK: usize = 32;
/// The gate's exponent `h` (`EmissionGateExponent`).
pub const GATE_EXPONENT: u32 = 3;

/// `ema_i / Σ ema` (`get_shares_price_ema`); the EMAs are `I96F32` raws.
pub fn price_shares(ema: &[u64]) -> Vec<u128> {
    let total: u128 = ema.iter().map(|e| (*e as u128) << 32).sum();
    ema.iter().map(|e| U64F64::safe_div((*e as u128) << 32, total)).collect()
}

/// `ps_i·(1 − min(MB_i, 1))`, renormalised; the price shares themselves when every subnet
/// burns everything. `miner_burned` are `U96F32` raws.
pub fn burn_weighted(price_shares: &[u128], miner_burned: &[u64]) -> Vec<u128> {
    let weighted: Vec<u128> = price_shares
        .iter()
        .zip(miner_burned)
        .map(|(ps, mb)| U64F64::mul(*ps, ONE_64 - ((*mb as u128) << 32).min(ONE_64)))
        .collect();
    let total: u128 = weighted.iter().sum();
    if total == 0 {
        return price_shares.to_vec();
    }
    weighted.iter().map(|w| U64F64::safe_div(*w, total)).collect()
}

/// The gate bar θ in rank mode: the `rank`-th largest positive share, or the smallest
/// positive one when fewer are positive; 0 (gate off) when none is.
pub fn gate_bar(shares: &[u128], rank: usize) -> u128 {
    let mut positive: Vec<u128> = shares.iter().copied().filter(|s| *s > 0).collect();
    positive.sort_unstable_by(|a, b| b.cmp(a));
    match positive.len() {
        0 => 0,
        n => positive[rank.clamp(1, n) - 1],
    }
}

/// `s·1/(1 + (θ/s)^h)`, renormalised (`apply_emission_gate`); the shares unchanged when θ
/// is 0 or every gated share is 0.
pub fn apply_gate(shares: &[u128], theta: u128, exponent: u32) -> Vec<u128> {
    if theta == 0 {
        return shares.to_vec();
    }
    let h = U64F64::from_int(exponent as u128);
    let gated: Vec<u128> = shares
        .iter()
        .map(|s| {
            if *s == 0 {
                return 0;
            }
            let ratio = U64F64::safe_div(theta, *s);
            let g = super::fixed::reciprocal_64(ONE_64.saturating_add(safe_pow(ratio, h)));
            U64F64::mul(*s, g)
        })
        .collect();
    let total: u128 = gated.iter().sum();
    if total == 0 {
        return shares.to_vec();
    }
    gated.iter().map(|g| U64F64::safe_div(*g, total)).collect()
}

/// TAO per subnet, `U96F32` raws (`get_subnet_block_emissions`): when any subnet's switch is
/// off, the enabled shares are renormalised and the disabled ones get nothing.
pub fn tao_emissions(shares: &[u128], enabled: &[bool], block_emission: u64) -> Vec<u128> {
    let any_disabled = enabled.iter().any(|e| !e);
    let enabled_sum: u128 = shares.iter().zip(enabled).filter(|(_, e)| **e).map(|(s, _)| *s).sum();
    let e = U96F32::from_int(block_emission as u128) << 32;
    shares
        .iter()
        .zip(enabled)
        .map(|(s, on)| {
            let s = match (any_disabled, on) {
                (false, _) => *s,
                (true, true) => U64F64::safe_div(*s, enabled_sum),
                (true, false) => 0,
            };
            // U64F64(E)·s floored, narrowed to U96F32: E·2⁶⁴·s >> 64 is E·s exactly, and
            // E·s fits 128 bits (E < 2⁶⁴, s ≤ 2⁶⁴), so no 256-bit product is needed.
            match (block_emission as u128).checked_mul(s) {
                Some(p) => p >> 32,
                None => U64F64::mul(e, s) >> 32,
            }
        })
        .collect()
}

/// The whole share pipeline of one block, returning TAO per subnet (`U96F32` raws) and the
/// bar in force. `stored_bar` is recomputed when `block` is a multiple of
/// [`GATE_BAR_INTERVAL`] or is 0.
pub fn block_tao(
    ema: &[u64],
    miner_burned: &[u64],
    enabled: &[bool],
    block_emission: u64,
    block: u64,
    stored_bar: u128,
) -> (Vec<u128>, u128) {
    let pre = burn_weighted(&price_shares(ema), miner_burned);
    let bar = if block % GATE_BAR_INTERVAL == 0 || stored_bar == 0 {
        match gate_bar(&pre, GATE_BAR_RANK) {
            0 => stored_bar,
            new => new,
        }
    } else {
        stored_bar
    };
    let gated = apply_gate(&pre, bar, GATE_EXPONENT);
    (tao_emissions(&gated, enabled, block_emission), bar)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_gate_halves_a_share_at_the_bar_and_starves_the_tail() {
        let one = ONE_64;
        let shares = [one / 2, one / 4, one / 8, one / 8];
        let bar = gate_bar(&shares, 2);
        assert_eq!(bar, one / 4);
        let gated = apply_gate(&shares, bar, 3);
        let sum: u128 = gated.iter().sum();
        assert!(sum <= one && one - sum < 10);
        // s = θ/2 keeps 1/9 of its weight, s = 2θ keeps 8/9: the ratio is 1/64 of the ratio of 1/8 to 1/2... checked loosely.
        assert!(gated[2] * 30 < gated[0]);
    }

    #[test]
    fn disabled_subnets_get_nothing_and_the_rest_is_renormalised() {
        let one = ONE_64;
        let tao = tao_emissions(&[one / 2, one / 2], &[true, false], 1_000_000_000);
        assert_eq!(tao[0] >> 32, 1_000_000_000);
        assert_eq!(tao[1], 0);
    }
}
