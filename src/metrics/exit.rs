//! Exit value: what a position would return if sold now, through the pool's real quote
//! (constant product, fee, the reserve floor), as opposed to its paper value at spot price.
//!
//! Spot value flatters: right after a buy it exceeds the TAO paid, and a crowd that piled
//! into one pool shows gains that selling would erase. Exit value is the honest number.

use crate::economy::swap::{quote_unstake, Refusal, MIN_RESERVE};
use crate::economy::Reserves;

/// TAO (RAO) that selling `alpha` into a pool with these reserves would pay after the
/// `fee`. A sale too large for the pool is valued at the most the pool can pay (down to
/// its reserve floor); a sale that would return nothing is worth nothing.
pub fn exit_value(pool: Reserves, alpha: u64, fee: u64) -> u64 {
    match quote_unstake(pool, alpha, fee) {
        Ok(swap) => swap.out,
        Err(Refusal::ReserveTooLow) => pool.tao.saturating_sub(MIN_RESERVE),
        Err(_) => 0,
    }
}

/// Paper value: `alpha` at the spot price, in RAO.
pub fn spot_value(pool: Reserves, alpha: u64) -> u64 {
    if pool.alpha == 0 {
        return 0;
    }
    (pool.tao as u128 * alpha as u128 / pool.alpha as u128).min(u64::MAX as u128) as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_value_is_below_spot_and_never_above_the_pool() {
        let pool = Reserves { tao: 1_000_000_000_000, alpha: 1_000_000_000_000 };
        let alpha = 100_000_000_000;
        assert!(exit_value(pool, alpha, 50_000) < spot_value(pool, alpha));
        assert_eq!(exit_value(pool, 0, 50_000), 0);
        assert!(exit_value(pool, u64::MAX / 2, 0) <= pool.tao - MIN_RESERVE);
    }
}
