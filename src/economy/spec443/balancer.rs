//! The Balancer weighted pool of spec 443 (SPEC_2026_08.md §6.2–6.3): spot price, the
//! price-keeping weight update of an injection, buys, sells and the input fee.
//!
//! `x` is the alpha reserve, `y` the TAO reserve, and `quote` the TAO weight in parts of
//! 10¹⁸ (`Perquintill`); the alpha weight is `10¹⁸ − quote`. With both weights ½ the pool is
//! constant product.

use super::fixed::{U64F64, ONE_64};

/// Parts of 10¹⁸: how the chain stores a pool weight.
pub const PERQUINTILL: u128 = 1_000_000_000_000_000_000;
/// Equal weights.
pub const HALF: u64 = (PERQUINTILL / 2) as u64;
/// Neither weight may fall below 1%.
pub const MIN_WEIGHT: u64 = (PERQUINTILL / 100) as u64;
/// The chain's `FeeRate` default: 33/65535 of the input, 0.0504%.
pub const FEE_RATE: u16 = 33;
/// A swap is refused unless the reserve it pays out of holds at least this much first.
pub const MINIMUM_RESERVE: u64 = 1_000_000;

/// Spot price in TAO per alpha, `U64F64` raw: `(w_α/w_τ)·(y/x)`, each quotient truncated
/// and the product floored; 0 for an empty alpha reserve.
pub fn price(x: u64, y: u64, quote: u64) -> u128 {
    if x == 0 {
        return 0;
    }
    // from_int(a)/from_int(b) is (a·2⁶⁴)/b exactly: the common 2⁶⁴ cancels.
    let weights = U64F64::ratio_of_ints((PERQUINTILL - quote as u128) as u64, quote);
    let ratio = U64F64::ratio_of_ints(y, x);
    U64F64::mul(weights, ratio)
}

/// The TAO weight after adding `dy` TAO and `dx` alpha at an unchanged spot price, or
/// `None` when it would leave [1%, 99%] (the caller parks the amounts in reservoirs).
pub fn reweight(quote: u64, x: u64, y: u64, dx: u64, dy: u64) -> Option<u64> {
    let base = PERQUINTILL - quote as u128;
    let round = |parts: u128, value: u128| -> u128 {
        // Round half up of value·parts/10¹⁸; value is up to 2¹²⁸, so the product needs more
        // than 128 bits: done by 64-bit limbs, or in 256 bits should it not fit.
        super::fixed::mul_add_div_u64(value, parts as u64, (PERQUINTILL / 2) as u64, PERQUINTILL as u64).unwrap_or_else(|| {
            let v = ethnum::U256::from(value) * ethnum::U256::from(parts) + ethnum::U256::from(PERQUINTILL / 2);
            (v / ethnum::U256::from(PERQUINTILL)).as_u128()
        })
    };
    let q1 = round(base, y as u128 * (x as u128 + dx as u128));
    let q2 = round(quote as u128, x as u128 * (y as u128 + dy as u128));
    let new = match q1.checked_add(q2) {
        Some(0) => HALF as u128,
        Some(sum) => match super::fixed::mul_div_small_quotient(q2, PERQUINTILL, sum) {
            Some(q) => q as u128,
            None => (ethnum::U256::from(q2) * ethnum::U256::from(PERQUINTILL) / ethnum::U256::from(sum)).as_u128(),
        },
        None => {
            let sum = ethnum::U256::from(q1) + ethnum::U256::from(q2);
            (ethnum::U256::from(q2) * ethnum::U256::from(PERQUINTILL) / sum).as_u128()
        }
    };
    let lo = MIN_WEIGHT as u128;
    (new >= lo && PERQUINTILL - new >= lo).then_some(new as u64)
}

/// `(num/den)^(exp_num/exp_den)` in units of 10⁻¹⁸, truncated, for `num ≤ den`.
///
/// The chain evaluates it with 256-bit precision. Written as `r · r^(k−1)`, the ratio `r` is
/// exact integer arithmetic and only the small correction `expm1((k−1)·ln r)` is a float:
/// with weights near ½ (k ≈ 1, as on mainnet) that keeps the result within a unit of 10⁻¹⁸,
/// and exact for equal weights.
fn pow_ratio_scaled(num: u128, den: u128, exp_num: u128, exp_den: u128) -> u128 {
    let r = (ethnum::U256::from(num) * ethnum::U256::from(PERQUINTILL) / ethnum::U256::from(den)).as_u128();
    if exp_num == exp_den || r == 0 {
        return r;
    }
    let k_minus_1 = (exp_num as f64 - exp_den as f64) / exp_den as f64;
    let ln_r = (-((den - num) as f64) / den as f64).ln_1p();
    let correction = r as f64 * (k_minus_1 * ln_r).exp_m1();
    (r as i128 + correction.floor() as i128).clamp(0, PERQUINTILL as i128) as u128
}

/// `reserve·(1 − e)` with `e` in 10⁻¹⁸ units, as the chain converts it: to `U64F64`
/// (truncated, capped at 1) and a floored product.
fn take_fraction(reserve: u64, e_scaled: u128) -> u64 {
    let e_fix = ((e_scaled << 64) / PERQUINTILL).min(ONE_64);
    ((reserve as u128 * (ONE_64 - e_fix)) >> 64) as u64
}

/// Alpha out for `dy` TAO in (after the fee): `x·(1 − (y/(y+dy))^(w_τ/w_α))`.
pub fn buy_alpha_out(quote: u64, x: u64, y: u64, dy: u64) -> u64 {
    let e = pow_ratio_scaled(y as u128, y as u128 + dy as u128, quote as u128, PERQUINTILL - quote as u128);
    take_fraction(x, e)
}

/// TAO out for `dx` alpha in (after the fee): `y·(1 − (x/(x+dx))^(w_α/w_τ))`.
pub fn sell_tao_out(quote: u64, x: u64, y: u64, dx: u64) -> u64 {
    let e = pow_ratio_scaled(x as u128, x as u128 + dx as u128, PERQUINTILL - quote as u128, quote as u128);
    take_fraction(y, e)
}

/// `floor(amount·rate/65535)`, through `U64F64` as the chain computes it.
pub fn fee(amount: u64, rate: u16) -> u64 {
    let r = U64F64::safe_div(U64F64::from_int(rate as u128), U64F64::from_int(65_535));
    (U64F64::mul(U64F64::from_int(amount as u128), r) >> 64) as u64
}
