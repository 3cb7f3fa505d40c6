//! RAO, the integer unit every amount is kept in, and its conversions to and from TAO text.

/// An amount of TAO or of a subnet's alpha, in RAO (10^-9 of a token).
pub type Rao = u64;

/// RAO in one TAO (and in one alpha).
pub const RAO_PER_TAO: u64 = 1_000_000_000;

/// Formats RAO as TAO with exactly 9 decimals, so the text converts back without loss.
pub fn fmt_tao(rao: u64) -> String {
    format!("{}.{:09}", rao / RAO_PER_TAO, rao % RAO_PER_TAO)
}

/// [`fmt_tao`] for amounts beyond 64 bits of RAO (paper values at spot price).
pub fn fmt_tao_wide(rao: u128) -> String {
    format!("{}.{:09}", rao / RAO_PER_TAO as u128, rao % RAO_PER_TAO as u128)
}

/// [`fmt_tao`] for amounts that may be negative (net flows of the outside market).
pub fn fmt_tao_signed(rao: i64) -> String {
    let sign = if rao < 0 { "-" } else { "" };
    format!("{sign}{}", fmt_tao(rao.unsigned_abs()))
}

/// [`fmt_tao_signed`] for 128-bit sums (network flows over a run).
pub fn fmt_tao_signed_wide(rao: i128) -> String {
    let sign = if rao < 0 { "-" } else { "" };
    format!("{sign}{}", fmt_tao_wide(rao.unsigned_abs()))
}

/// `value` with `decimals` decimals and a comma every three digits, as people read amounts:
/// `1234567.891` with 2 decimals is "1,234,567.89"; not finite is "—".
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

/// RAO as TAO with separators and `decimals` decimals ("6.92", "1,000.00").
pub fn tao_thousands(rao: u64, decimals: usize) -> String {
    thousands(rao as f64 / RAO_PER_TAO as f64, decimals)
}

/// RAO as a float number of TAO, for prices, charts and strategy decisions only.
pub fn to_tao(rao: u64) -> f64 {
    rao as f64 / RAO_PER_TAO as f64
}

/// Parses a decimal TAO amount exactly ("12", "0.5", "1_000.000000001").
///
/// Refuses signs, more than 9 decimals and amounts that do not fit in a `u64` of RAO.
pub fn parse_tao(text: &str) -> Result<u64, String> {
    let clean: String = text.trim().chars().filter(|c| *c != '_').collect();
    if clean.is_empty() {
        return Err("empty amount".into());
    }
    if clean.starts_with('-') {
        return Err(format!("amount must not be negative, got {text}"));
    }
    let (whole, frac) = clean.split_once('.').unwrap_or((&clean, ""));
    if frac.len() > 9 {
        return Err(format!("{text}: more than 9 decimals (1 RAO = 0.000000001 TAO)"));
    }
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if !digits(whole) || !(frac.is_empty() || digits(frac)) {
        return Err(format!("{text} is not a decimal amount"));
    }
    let whole: u64 = whole.parse().map_err(|_| format!("{text} is too large"))?;
    let frac_rao: u64 = if frac.is_empty() { 0 } else { format!("{frac:0<9}").parse().unwrap_or(0) };
    whole
        .checked_mul(RAO_PER_TAO)
        .and_then(|r| r.checked_add(frac_rao))
        .ok_or_else(|| format!("{text} is too large"))
}

/// Converts a float number of TAO to RAO, refusing NaN, infinities, negatives and overflow.
pub fn tao_to_rao(tao: f64) -> Result<u64, String> {
    if !tao.is_finite() {
        return Err(format!("amount must be a finite number, got {tao}"));
    }
    if tao < 0.0 {
        return Err(format!("amount must not be negative, got {tao}"));
    }
    let rao = (tao * RAO_PER_TAO as f64).round();
    if rao >= u64::MAX as f64 {
        return Err(format!("amount {tao} TAO is too large"));
    }
    Ok(rao as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_round_trips() {
        assert_eq!(parse_tao("1").unwrap(), RAO_PER_TAO);
        assert_eq!(parse_tao("0.000000001").unwrap(), 1);
        assert_eq!(parse_tao("1_000.5").unwrap(), 1_000_500_000_000);
        assert_eq!(fmt_tao(1_000_500_000_001), "1000.500000001");
        assert!(parse_tao("-1").is_err());
        assert!(parse_tao("0.0000000001").is_err());
        assert!(parse_tao("abc").is_err());
        assert!(tao_to_rao(f64::NAN).is_err());
        assert!(tao_to_rao(-0.5).is_err());
        assert_eq!(fmt_tao_signed(-1), "-0.000000001");
    }
}
