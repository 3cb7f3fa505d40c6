//! The halving curve: block emission as a function of issuance (MODEL.md step 1).

/// The hard cap: 21M TAO, in RAO. The same cap and thresholds apply to each subnet's alpha.
pub const SUPPLY_CAP: u64 = 21_000_000 * super::RAO_PER_TAO;

/// Emission of one block for a supply that has reached `issuance` RAO.
///
/// `base` is the emission before any halving (1 TAO on the chain). Halvings happen at
/// thresholds `21M·(1 − 2^−j)`, i.e. whenever the remaining supply `21M − issuance` has
/// halved again; counting them in integers (`remaining · 2^j ≤ 21M`) makes every threshold
/// exact, with no float rounding at the boundary.
pub fn block_emission(issuance: u64, base: u64) -> u64 {
    let Some(remaining) = SUPPLY_CAP.checked_sub(issuance).filter(|r| *r > 0) else {
        return 0;
    };
    let (remaining, cap) = (remaining as u128, SUPPLY_CAP as u128);
    let mut halvings = 0u32;
    while halvings < 64 && remaining << (halvings + 1) <= cap {
        halvings += 1;
    }
    base.checked_shr(halvings).unwrap_or(0)
}
