//! The runtime's fixed-point arithmetic (substrate-fixed v0.6.0), on raw integers.
//!
//! Values are kept as their raw bits: `U64F64` raw = value·2⁶⁴, `U96F32` raw = value·2³²,
//! `I32F32` raw = value·2³² in an `i64`. The rounding is the chain's (SPEC_2026_08.md §1):
//! products are floored, quotients truncated, narrowing conversions floored, and every
//! `saturating_*` clamps. Copying it is what makes a share or a TAO amount agree with the
//! chain to the RAO; the same formulas in `f64` drift by up to ~10 RAO per subnet and block.

use ethnum::U256;

/// `2⁶⁴`: the raw value of 1 in `U64F64`.
pub const ONE_64: u128 = 1 << 64;

/// Fixed point with `FRAC` fractional bits in 128 bits (`U64F64` with 64, `U96F32` with 32).
pub struct UFix<const FRAC: u32>;

/// Unsigned 64.64 fixed point.
pub type U64F64 = UFix<64>;
/// Unsigned 96.32 fixed point.
pub type U96F32 = UFix<32>;

impl<const FRAC: u32> UFix<FRAC> {
    /// The raw value of 1.
    pub const ONE: u128 = 1 << FRAC;

    /// An integer, exactly (saturating).
    pub fn from_int(n: u128) -> u128 {
        if n > (u128::MAX >> FRAC) { u128::MAX } else { n << FRAC }
    }

    /// A float, rounded to nearest (`saturating_from_num(f64)`).
    pub fn from_f64(x: f64) -> u128 {
        if !(x > 0.0) {
            return 0;
        }
        let scaled = x * (1u128 << FRAC) as f64;
        if scaled >= u128::MAX as f64 { u128::MAX } else { scaled.round() as u128 }
    }

    pub fn to_f64(raw: u128) -> f64 {
        raw as f64 / (1u128 << FRAC) as f64
    }

    /// `saturating_to_num::<u64>()`: the floor, clamped to `u64`.
    pub fn to_u64(raw: u128) -> u64 {
        (raw >> FRAC).min(u64::MAX as u128) as u64
    }

    /// The floored product, saturating.
    pub fn mul(a: u128, b: u128) -> u128 {
        match a.checked_mul(b) {
            Some(p) => p >> FRAC,
            None => {
                let p = (U256::from(a) * U256::from(b)) >> FRAC;
                if p > U256::from(u128::MAX) { u128::MAX } else { p.as_u128() }
            }
        }
    }

    /// The truncated quotient, or `None` when `b` is 0 or the result overflows.
    pub fn div(a: u128, b: u128) -> Option<u128> {
        if b == 0 {
            return None;
        }
        if a <= (u128::MAX >> FRAC) {
            return Some((a << FRAC) / b);
        }
        // 1/b in U64F64 (a share of exactly 1 over a sum): no 256-bit division needed.
        if FRAC == 64 && a == ONE_64 && b > ONE_64 {
            return Some(reciprocal_64(b));
        }
        let q = (U256::from(a) << FRAC) / U256::from(b);
        (q <= U256::from(u128::MAX)).then(|| q.as_u128())
    }

    /// [`Self::div`] with 0 for a zero divisor or an overflow (the chain's `safe_div`).
    pub fn safe_div(a: u128, b: u128) -> u128 {
        Self::div(a, b).unwrap_or(0)
    }

    /// `from_int(n) / from_int(m)`, exactly as [`Self::safe_div`] computes it, without a
    /// 256-bit division: the common `2^FRAC` cancels, so it is `(n << FRAC) / m`.
    pub fn ratio_of_ints(n: u64, m: u64) -> u128 {
        if m == 0 || n as u128 > (u128::MAX >> FRAC) {
            return Self::safe_div(Self::from_int(n as u128), Self::from_int(m as u128));
        }
        ((n as u128) << FRAC) / m as u128
    }
}

/// A value kept as `f64` on the chain's grid of 2⁻³² (a moving price, `MinerBurned`) as its
/// `I96F32`/`U96F32` raw: exact on the grid (raws below 2⁵³), floored off it.
pub fn raw32(x: f64) -> u64 {
    (x.max(0.0) * (1u64 << 32) as f64) as u64
}

/// The `f64` of a 32-fractional-bit raw: exact below 2⁵³.
pub fn from_raw32(raw: u64) -> f64 {
    raw as f64 / (1u64 << 32) as f64
}

/// `1 / x` in `U64F64` (`safe_div(ONE, x)`), without a 256-bit division: the quotient is
/// `⌊2¹²⁸ / x⌋`, which is `⌊(2¹²⁸ − 1)/x⌋` unless `x` divides 2¹²⁸.
pub fn reciprocal_64(x: u128) -> u128 {
    match x {
        0 => 0,
        // 1/x ≥ 2⁶⁴ overflows U64F64 for x ≤ 1 (raw 2⁶⁴): safe_div gives 0 then.
        x if x < ONE_64 => U64F64::safe_div(ONE_64, x),
        x => {
            let q = u128::MAX / x;
            if u128::MAX % x == x - 1 { q + 1 } else { q }
        }
    }
}

/// `⌊(value·parts + add) / d⌋` for 64-bit `parts`, `add` and `d`, without 256-bit
/// arithmetic (two 128-by-64-bit divisions); `None` if the result passes 128 bits.
pub fn mul_add_div_u64(value: u128, parts: u64, add: u64, d: u64) -> Option<u128> {
    if d == 0 {
        return None;
    }
    let (vh, vl) = (value >> 64, value & (u64::MAX as u128));
    let low = vl * parts as u128 + add as u128;
    let high = vh * parts as u128 + (low >> 64);
    let (qh, rh) = (high / d as u128, high % d as u128);
    let ql = ((rh << 64) | (low & u64::MAX as u128)) / d as u128;
    if qh > u64::MAX as u128 {
        return None;
    }
    Some((qh << 64) | ql)
}

/// `⌊n·m / d⌋` for a quotient below 2⁶² and `d` below 2¹¹⁰, without a 256-bit division: a
/// float estimate (relative error below 2⁻⁵⁰, so at most 2¹² off) corrected exactly: the
/// remainder `n·m − estimate·d` is below 2¹²² in size, so it is exact modulo 2¹²⁸. `None`
/// outside those bounds (the caller divides in 256 bits then).
pub fn mul_div_small_quotient(n: u128, m: u128, d: u128) -> Option<u64> {
    if d == 0 || d >= 1 << 110 {
        return None;
    }
    let estimate = n as f64 * m as f64 / d as f64;
    if !(estimate < (1u64 << 62) as f64) {
        return None;
    }
    let estimate = estimate as u128;
    let r = n.wrapping_mul(m).wrapping_sub(estimate.wrapping_mul(d)) as i128;
    if r.unsigned_abs() > d << 12 {
        return None;
    }
    let q = estimate as i128 + r.div_euclid(d as i128);
    u64::try_from(q).ok()
}

// ---------------------------------------------------------------- I32F32 and the gate's power

const I32F32_ONE: i64 = 1 << 32;
const TWO: i64 = 2 << 32;
/// `LOG2_E` as substrate-fixed stores it (I9F23).
const LOG2_E_I9F23: i64 = 12_102_203;
/// `E` as substrate-fixed stores it (I9F23), used when `exp(1)` is asked for.
const E_I9F23: i64 = 22_802_600;

fn i_mul(a: i64, b: i64) -> Option<i64> {
    i64::try_from((a as i128 * b as i128) >> 32).ok()
}

fn i_div(a: i64, b: i64) -> Option<i64> {
    if b == 0 {
        return None;
    }
    // Rust's `/` truncates toward zero, as the chain does.
    i64::try_from(((a as i128) << 32) / b as i128).ok()
}

fn rs(x: i64) -> i64 {
    (x >> 1) + (x & 1)
}

fn log2_inner(mut x: i64) -> i64 {
    let mut result: i64 = 0;
    while x >= TWO {
        result += 1;
        x = rs(x);
    }
    if x == I32F32_ONE {
        return result << 32;
    }
    for _ in 0..32 {
        x = ((x as i128 * x as i128) >> 32) as i64;
        result <<= 1;
        if x >= TWO {
            result |= 1;
            x = rs(x);
        }
    }
    result
}

fn i_log2(x: i64) -> Option<i64> {
    if x <= 0 {
        return None;
    }
    if x < I32F32_ONE {
        return Some(-log2_inner(i_div(I32F32_ONE, x)?));
    }
    Some(log2_inner(x))
}

/// `ln` of substrate-fixed: `log2(x) / LOG2_E`, with its coarse constant.
pub fn i_ln(x: i64) -> Option<i64> {
    let l2 = i_log2(x)?;
    Some((((l2 as i128) << 32) / ((LOG2_E_I9F23 as i128) << 9)) as i64)
}

/// `exp` of substrate-fixed: the Taylor series to the 31st term; `None` on overflow.
pub fn i_exp(x: i64) -> Option<i64> {
    if x == 0 {
        return Some(I32F32_ONE);
    }
    if x == I32F32_ONE {
        return Some(E_I9F23 << 9);
    }
    let neg = x < 0;
    let x = if neg { x.checked_neg()? } else { x };
    let mut result = x.checked_add(I32F32_ONE)?;
    let mut term = x;
    // i_div(term, i << 32) = ⌊term·2³²/(i·2³²)⌋ (toward zero) = term / i. Unrolled, so that
    // each division is by a constant, which the compiler turns into a multiplication.
    macro_rules! step {
        ($($i:literal)*) => {$(
            term = i_mul(term, x)?;
            term /= $i;
            result = result.checked_add(term)?;
        )*};
    }
    step!(2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31);
    if neg { i_div(I32F32_ONE, result) } else { Some(result) }
}

/// `safe_pow(val, p)` of the gate: `exp(p·ln(val))` in I32F32, `U64F64` raws in and out.
/// `ln` failing gives 0 and `exp` overflowing gives `I32F32::MAX`, as on the chain.
pub fn safe_pow(val: u128, p: u128) -> u128 {
    let to_i = |raw: u128| (raw >> 32).min(i64::MAX as u128) as i64;
    let Some(l) = i_ln(to_i(val)) else { return 0 };
    let prod = ((to_i(p) as i128 * l as i128) >> 32).clamp(i64::MIN as i128, i64::MAX as i128) as i64;
    let e = i_exp(prod).unwrap_or(i64::MAX);
    if e < 0 { 0 } else { (e as u128) << 32 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn products_floor_and_quotients_truncate() {
        assert_eq!(U64F64::mul(3 * ONE_64 / 2, 3 * ONE_64 / 2), 9 * ONE_64 / 4);
        assert_eq!(U96F32::mul(1, 1), 0);
        assert_eq!(U64F64::div(ONE_64, 3 * ONE_64), Some(ONE_64 / 3));
        assert_eq!(U64F64::div(1, 0), None);
        assert_eq!(U64F64::safe_div(5, 0), 0);
        // A wide quotient: 10¹⁶ RAO / 3 in U64F64 needs 256 bits in between.
        let big = U64F64::from_int(10u128.pow(16));
        assert_eq!(U64F64::div(big, U64F64::from_int(3)), Some((10u128.pow(16) << 64) / 3));
        assert_eq!(U64F64::mul(u128::MAX, u128::MAX), u128::MAX);
    }

    #[test]
    fn the_fast_divisions_agree_with_256_bit_ones() {
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..20_000 {
            let (a, b) = (next() >> (next() % 60), (next() >> (next() % 60)).max(1));
            assert_eq!(U64F64::ratio_of_ints(a, b), U64F64::safe_div(U64F64::from_int(a as u128), U64F64::from_int(b as u128)));
            let x = ((next() as u128) << 64 | next() as u128) >> (next() % 120);
            let x = x.max(1);
            let wide = (U256::ONE << 128u32) / U256::from(x);
            let expected = if x <= 1 { 0 } else if wide > U256::from(u128::MAX) { 0 } else { wide.as_u128() };
            assert_eq!(reciprocal_64(x), expected, "1/{x}");
            assert_eq!(U64F64::safe_div(ONE_64, x), expected, "1/{x}");
            let value = ((next() as u128) << 64 | next() as u128) >> (next() % 128);
            let (parts, d) = (next() % 1_000_000_000_000_000_000, 1_000_000_000_000_000_000u64);
            let wide = (U256::from(value) * U256::from(parts) + U256::from(d / 2)) / U256::from(d);
            assert_eq!(mul_add_div_u64(value, parts, d / 2, d), (wide <= U256::from(u128::MAX)).then(|| wide.as_u128()));
            let (n, sum) = (((next() as u128) << 40) | next() as u128, ((next() as u128) << 44) | next() as u128);
            let n = n.min(sum);
            let exact = U256::from(n) * U256::from(d as u128) / U256::from(sum);
            if let Some(q) = mul_div_small_quotient(n, d as u128, sum) {
                assert_eq!(U256::from(q), exact, "{n}·10¹⁸/{sum}");
            }
        }
        assert_eq!(reciprocal_64(ONE_64 * 2), ONE_64 / 2);
        assert_eq!(reciprocal_64(ONE_64), U64F64::safe_div(ONE_64, ONE_64));
    }

    #[test]
    fn the_gate_power_is_close_to_the_real_cube() {
        for v in [0.05, 0.5, 0.9, 1.0, 1.5, 2.0, 7.3, 100.0f64] {
            let got = U64F64::to_f64(safe_pow(U64F64::from_f64(v), U64F64::from_int(3)));
            let tol = if v < 10.0 { 1e-6 } else { 1e-4 };
            assert!((got - v.powi(3)).abs() <= tol * v.powi(3).max(1.0), "{v}: {got}");
        }
    }
}

/// A non-negative decimal ("0.0083163459785282611846923828125") as a raw fixed-point value
/// with `frac` fractional bits, rounded to nearest as the chain's `from_num` does. Exact for
/// any number of decimals: the files of the chain carry the exact decimal of stored values.
pub fn parse_fixed(text: &str, frac: u32) -> Result<u128, String> {
    parse_scaled(text, U256::ONE << frac)
}

/// A non-negative decimal times `scale`, rounded to nearest (a pool weight in parts of 10¹⁸).
pub fn parse_decimal_scaled(text: &str, scale: u128) -> Result<u128, String> {
    parse_scaled(text, U256::from(scale))
}

fn parse_scaled(text: &str, scale: U256) -> Result<u128, String> {
    let t = text.trim();
    let (whole, decimals) = t.split_once('.').unwrap_or((t, ""));
    let decimals = decimals.trim_end_matches('0');
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if whole.is_empty() || !digits(whole) || !digits(decimals) {
        return Err(format!("{text:?} is not a non-negative decimal number"));
    }
    // 10⁵⁵ times a scale of up to 2⁶⁴ still fits the 256 bits of the computation.
    if whole.len() + decimals.len() > 55 {
        return Err(format!("{text:?} has too many digits"));
    }
    let ten = U256::from(10u8);
    let mut num = U256::ZERO;
    for c in whole.chars().chain(decimals.chars()) {
        num = num * ten + U256::from(c as u8 - b'0');
    }
    let den = ten.pow(decimals.len() as u32);
    let raw = (num * scale + den / 2) / den;
    if raw > U256::from(u128::MAX) {
        return Err(format!("{text:?} is too large"));
    }
    Ok(raw.as_u128())
}
