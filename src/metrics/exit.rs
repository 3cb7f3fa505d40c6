//! Exit value: what a position would return if sold now, through the pool's real quote
//! (constant product, fee, the reserve floor), as opposed to its paper value at spot price.
//!
//! Spot value flatters: right after a buy it exceeds the TAO paid, and a crowd that piled
//! into one pool shows gains that selling would erase. Exit value is the honest number.

use crate::economy::swap::{Refusal, MIN_RESERVE};
use crate::economy::{Params, Reserves};

/// TAO (RAO) that selling `alpha` into a pool with these reserves would pay under `params`
/// (its swap and fee). A sale too large for the pool is valued at the most the pool can pay
/// (down to its reserve floor), so a value never exceeds the TAO that exists; a sale that
/// would return nothing is worth nothing.
pub fn exit_value(params: &Params, pool: Reserves, alpha: u64) -> u64 {
    match params.quote_unstake(pool, alpha) {
        Ok(swap) => swap.out,
        Err(Refusal::ReserveTooLow) => pool.tao.saturating_sub(MIN_RESERVE),
        Err(_) => 0,
    }
}

/// Paper value: `alpha` at the pool's own spot price `(w_α/w_τ)·tao/alpha` (the `price`
/// column; `tao/alpha` for equal weights), in RAO, rounded down. In 128 bits: at spot, a
/// large position in a thin pool can be "worth" more than all the TAO there is, and more
/// than 64 bits of RAO.
pub fn spot_value(pool: Reserves, alpha: u64) -> u128 {
    use crate::economy::spec443::balancer::PERQUINTILL;
    use ethnum::U256;
    if pool.alpha == 0 || pool.weight_tao == 0 {
        return 0;
    }
    if pool.weight_tao == crate::economy::swap::HALF_WEIGHT {
        return pool.tao as u128 * alpha as u128 / pool.alpha as u128;
    }
    let weight_alpha = (PERQUINTILL as u64).saturating_sub(pool.weight_tao);
    let value = U256::from(pool.tao) * U256::from(alpha) * U256::from(weight_alpha) / (U256::from(pool.alpha) * U256::from(pool.weight_tao));
    u128::try_from(value).unwrap_or(u128::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_value_is_below_spot_and_never_above_the_pool() {
        let pool = Reserves::new(1_000_000_000_000, 1_000_000_000_000);
        let alpha = 100_000_000_000;
        let feb = Params::preset(crate::economy::RuleSet::Mainnet2025_02);
        assert!((exit_value(&feb, pool, alpha) as u128) < spot_value(pool, alpha));
        assert_eq!(exit_value(&feb, pool, 0), 0);
        assert!(exit_value(&Params::default(), pool, u64::MAX / 2) <= pool.tao - MIN_RESERVE);
        assert!(exit_value(&Params::default(), pool, u64::MAX / 2) as u128 <= spot_value(pool, u64::MAX / 2));
    }

    #[test]
    fn spot_value_reads_the_pools_own_price_with_its_weights() {
        // w_τ = 1%: the price is 99·tao/alpha, as the `price` column says.
        let pool = Reserves { tao: 1_000_000_000_000, alpha: 1_000_000_000_000, weight_tao: crate::economy::spec443::balancer::PERQUINTILL as u64 / 100 };
        assert_eq!(spot_value(pool, 1_000_000_000), 99_000_000_000);
        assert!((spot_value(pool, 1_000_000_000) as f64 / 1e9 - pool.price()).abs() < 1e-9);
    }
}
