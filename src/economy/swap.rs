//! The constant-product pool: quotes for staking (TAO in, alpha out) and unstaking
//! (alpha in, TAO out), with the refusal rules of MODEL.md step 7.
//!
//! A quote never changes anything; callers apply [`Swap::after`] only when they accept it,
//! so a refused trade leaves the world exactly as it was.

use serde::Serialize;
use std::fmt;

/// No swap may take a reserve below this many RAO.
pub const MIN_RESERVE: u64 = 10_000_000;

/// A pool's two reserves, in RAO.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reserves {
    pub tao: u64,
    pub alpha: u64,
}

impl Reserves {
    /// TAO per alpha.
    pub fn price(&self) -> f64 {
        self.tao as f64 / self.alpha as f64
    }
}

/// An accepted quote: what the trader receives and the pool afterwards.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Swap {
    /// Alpha bought (stake) or TAO received after the fee (unstake), in RAO.
    pub out: u64,
    pub after: Reserves,
}

/// Why a transaction was refused. Refused transactions change nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Refusal {
    /// The amount was zero.
    ZeroAmount,
    /// After the fee and truncation the trader would receive nothing.
    ZeroOutput,
    /// The output reserve would fall below [`MIN_RESERVE`]: the trade is too large for the pool.
    ReserveTooLow,
    /// The holder does not have the TAO or alpha.
    InsufficientFunds,
    /// The price after the trade would cross the order's limit.
    PriceLimit,
    /// No such subnet (or it is the root network, which has no pool).
    UnknownSubnet,
    /// No such holder.
    UnknownHolder,
    /// The amounts would overflow 64 bits of RAO.
    Overflow,
    /// A parameter change with a value outside its range.
    InvalidParameter,
    /// The subnet limit is reached and every subnet is still in its immunity period.
    SubnetLimit,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Refusal::ZeroAmount => "the amount is zero",
            Refusal::ZeroOutput => "the trade would return nothing after fee and rounding",
            Refusal::ReserveTooLow => "the trade is too large for the pool (a reserve would fall below 0.01)",
            Refusal::InsufficientFunds => "the holder does not have enough funds",
            Refusal::PriceLimit => "the price would cross the order's limit",
            Refusal::UnknownSubnet => "no such subnet",
            Refusal::UnknownHolder => "no such holder",
            Refusal::Overflow => "the amount is too large",
            Refusal::InvalidParameter => "the parameter value is out of range",
            Refusal::SubnetLimit => "the subnet limit is reached and no subnet can be deregistered yet",
        })
    }
}

/// Quote staking `tao` RAO into the pool; the `fee` is taken off the input and stays in the pool.
pub fn quote_stake(pool: Reserves, tao: u64, fee: u64) -> Result<Swap, Refusal> {
    if tao == 0 {
        return Err(Refusal::ZeroAmount);
    }
    let net = tao.checked_sub(fee).filter(|d| *d > 0).ok_or(Refusal::ZeroOutput)?;
    let out = (pool.alpha as u128 * net as u128 / (pool.tao as u128 + net as u128)) as u64;
    if out == 0 {
        return Err(Refusal::ZeroOutput);
    }
    let alpha = pool.alpha - out;
    if alpha < MIN_RESERVE {
        return Err(Refusal::ReserveTooLow);
    }
    let tao_after = pool.tao.checked_add(tao).ok_or(Refusal::Overflow)?;
    Ok(Swap { out, after: Reserves { tao: tao_after, alpha } })
}

/// What selling `alpha` RAO into the pool now would return, after the fee: the value of a
/// position. A sale too large for the pool is worth what the pool can pay out (its TAO above
/// [`MIN_RESERVE`]), so a value never exceeds the TAO that exists.
pub fn sale_value(pool: Reserves, alpha: u64, fee: u64) -> u64 {
    if alpha == 0 {
        return 0;
    }
    let gross = (pool.tao as u128 * alpha as u128 / (pool.alpha as u128 + alpha as u128)) as u64;
    gross.saturating_sub(fee).min(pool.tao.saturating_sub(MIN_RESERVE))
}

/// Quote unstaking `alpha` RAO; the trader receives the pool's output less the `fee`,
/// which stays in the pool.
pub fn quote_unstake(pool: Reserves, alpha: u64, fee: u64) -> Result<Swap, Refusal> {
    if alpha == 0 {
        return Err(Refusal::ZeroAmount);
    }
    let alpha_after = pool.alpha.checked_add(alpha).ok_or(Refusal::Overflow)?;
    let gross = (pool.tao as u128 * alpha as u128 / alpha_after as u128) as u64;
    let out = gross.checked_sub(fee).filter(|o| *o > 0).ok_or(Refusal::ZeroOutput)?;
    let tao = pool.tao - out;
    if tao < MIN_RESERVE {
        return Err(Refusal::ReserveTooLow);
    }
    Ok(Swap { out, after: Reserves { tao, alpha: alpha_after } })
}
