//! Step 6: the moving price, under every share rule (the EMA rule's shares and pruning read
//! it). It is updated in [`super::split::split_alpha_out`]'s pass over the subnets, on the
//! price after the root sale, where the chain's coinbase updates it.

/// `ema ← a·min(price, 1) + (1 − a)·ema`, with the rule set's factor `a`
/// ([`crate::economy::Params::moving_factor`]): constant (`moving_alpha`, the chain until
/// 2025-03-19) or ramped by the subnet's age, `a = moving_alpha · n/(n + h)`, `n` the blocks
/// since registration (1 on the first).
pub fn next_moving_price(ema: f64, price: f64, a: f64) -> f64 {
    a * price.min(1.0) + (1.0 - a) * ema
}
