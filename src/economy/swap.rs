//! The constant-product pool: quotes for staking (TAO in, alpha out) and unstaking
//! (alpha in, TAO out), with the refusal rules of MODEL.md step 7.
//!
//! A quote never changes anything; callers apply [`Swap::after`] only when they accept it,
//! so a refused trade leaves the world exactly as it was.

use super::rules::Engine;
use serde::Serialize;
use std::fmt;

/// No swap may take a reserve below this many RAO.
pub const MIN_RESERVE: u64 = 10_000_000;

/// Equal pool weights (parts of 10¹⁸): a constant-product pool.
pub const HALF_WEIGHT: u64 = super::spec443::balancer::HALF;

/// A pool's two reserves, in RAO, and the TAO side's weight (parts of 10¹⁸; ½ is constant
/// product, which every rule set before `mainnet-2026-08` uses).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reserves {
    pub tao: u64,
    pub alpha: u64,
    pub weight_tao: u64,
}

impl Reserves {
    /// A constant-product pool.
    pub fn new(tao: u64, alpha: u64) -> Self {
        Reserves { tao, alpha, weight_tao: HALF_WEIGHT }
    }
    /// Spot price in TAO per alpha: `(w_α/w_τ)·tao/alpha`.
    pub fn price(&self) -> f64 {
        let ratio = self.tao as f64 / self.alpha as f64;
        if self.weight_tao == HALF_WEIGHT {
            ratio
        } else {
            let w = self.weight_tao as f64;
            (super::spec443::balancer::PERQUINTILL as f64 - w) / w * ratio
        }
    }
}

/// An accepted quote: what the trader receives and the pool afterwards.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Swap {
    /// Alpha bought (stake) or TAO received after the fee (unstake), in RAO.
    pub out: u64,
    pub after: Reserves,
    /// TAO paid to the block author as the fee (`mainnet-2026-08`); it leaves the pool.
    pub author_tao: u64,
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
    /// The limit order allows no trade at all, or (without partial fills) not this large a one.
    PriceLimit,
    /// Below the chain's minimum stake (500,000 RAO plus the fee; an unstake must be worth
    /// more than 500,000 RAO).
    AmountTooLow,
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
            Refusal::PriceLimit => "the order's price limit allows no trade this large",
            Refusal::AmountTooLow => "the amount is below the minimum stake (0.0005 TAO)",
            Refusal::UnknownSubnet => "no such subnet",
            Refusal::UnknownHolder => "no such holder",
            Refusal::Overflow => "the amount is too large",
            Refusal::InvalidParameter => "the parameter value is out of range",
            Refusal::SubnetLimit => "the subnet limit is reached and no subnet can be deregistered yet",
        })
    }
}

/// The largest stake, in RAO, a limit order at `limit_rao` (RAO per alpha) may make: the
/// chain's linear bound `limit·alpha_reserve − tao_reserve` (`get_max_amount_add`), which lets
/// the price after the trade overshoot the limit. 0 when the limit is below the price.
pub fn max_stake_at_limit(pool: Reserves, limit_rao: u64) -> u64 {
    if limit_rao == 0 || pool.alpha == 0 {
        return 0;
    }
    let bound = (limit_rao as u128 * pool.alpha as u128 / super::RAO_PER_TAO as u128).saturating_sub(pool.tao as u128);
    bound.min(u64::MAX as u128) as u64
}

/// The largest unstake, in alpha RAO, a limit order at `limit_rao` may make: the chain's
/// linear bound `tao_reserve/limit − alpha_reserve` (`get_max_amount_remove`). 0 when the
/// limit is at or above the price; unbounded for a limit of 0.
pub fn max_unstake_at_limit(pool: Reserves, limit_rao: u64) -> u64 {
    if limit_rao == 0 {
        return u64::MAX;
    }
    let tao = pool.tao as u128 * super::RAO_PER_TAO as u128;
    if pool.alpha == 0 || limit_rao as u128 >= tao / pool.alpha as u128 {
        return 0;
    }
    (tao / limit_rao as u128).saturating_sub(pool.alpha as u128).min(u64::MAX as u128) as u64
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
    Ok(Swap { out, after: Reserves { tao: tao_after, alpha, weight_tao: pool.weight_tao }, author_tao: 0 })
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
    Ok(Swap { out, after: Reserves { tao, alpha: alpha_after, weight_tao: pool.weight_tao }, author_tao: 0 })
}

/// `floor(amount · per_65535 / 65535)`: the Nov-2025 swap fee on an input.
pub fn proportional_fee(amount: u64, per_65535: u16) -> u64 {
    (amount as u128 * per_65535 as u128 / 65_535) as u64
}

/// A stake under the Nov-2025 swap rules: `flat + floor(tao·per_65535/65535)` off the TAO
/// input (it stays in the pool); refused when the alpha reserve is below `min_reserve`
/// before the swap. Returns the quote and the TAO that entered the swap net of fee (what
/// the chain counts as flow).
pub fn quote_stake_nov(pool: Reserves, tao: u64, flat: u64, per_65535: u16, min_reserve: u64) -> Result<(Swap, u64), Refusal> {
    if tao == 0 {
        return Err(Refusal::ZeroAmount);
    }
    if pool.alpha < min_reserve {
        return Err(Refusal::ReserveTooLow);
    }
    let fee = flat.saturating_add(proportional_fee(tao, per_65535));
    let net = tao.checked_sub(fee).filter(|d| *d > 0).ok_or(Refusal::ZeroOutput)?;
    let out = (pool.alpha as u128 * net as u128 / (pool.tao as u128 + net as u128)) as u64;
    if out == 0 || out >= pool.alpha {
        return Err(Refusal::ZeroOutput);
    }
    let tao_after = pool.tao.checked_add(tao).ok_or(Refusal::Overflow)?;
    Ok((Swap { out, after: Reserves { tao: tao_after, alpha: pool.alpha - out, weight_tao: pool.weight_tao }, author_tao: 0 }, net))
}

/// An unstake under the Nov-2025 swap rules: the fee is `floor(alpha·per_65535/65535)` of
/// the alpha input (it stays in the pool), plus `flat` off the TAO output; refused when the
/// TAO reserve is below `min_reserve` before the swap.
pub fn quote_unstake_nov(pool: Reserves, alpha: u64, flat: u64, per_65535: u16, min_reserve: u64) -> Result<Swap, Refusal> {
    if alpha == 0 {
        return Err(Refusal::ZeroAmount);
    }
    if pool.tao < min_reserve {
        return Err(Refusal::ReserveTooLow);
    }
    let net = alpha - proportional_fee(alpha, per_65535);
    let alpha_after = pool.alpha.checked_add(alpha).ok_or(Refusal::Overflow)?;
    let gross = (pool.tao as u128 * net as u128 / (pool.alpha as u128 + net as u128)) as u64;
    let out = gross.checked_sub(flat).filter(|o| *o > 0).ok_or(Refusal::ZeroOutput)?;
    if out >= pool.tao {
        return Err(Refusal::ZeroOutput);
    }
    Ok(Swap { out, after: Reserves { tao: pool.tao - out, alpha: alpha_after, weight_tao: pool.weight_tao }, author_tao: 0 })
}

/// A stake into a Balancer pool (spec 443, SPEC_2026_08.md §6.3): the fee
/// `floor(tao·rate/65535)` is taken off the input and paid to the block author; the rest
/// buys `x·(1 − (y/(y+Δy))^(w_τ/w_α))` alpha. Refused when the alpha reserve is below
/// `MinimumReserve` before the swap, when the input exceeds 1000 times the TAO reserve, or
/// when nothing (or the whole reserve) would come out. Returns the quote and the net input.
pub fn quote_stake_balancer(pool: Reserves, tao: u64, rate: u16, min_reserve: u64) -> Result<(Swap, u64), Refusal> {
    use super::spec443::balancer;
    if tao == 0 {
        return Err(Refusal::ZeroAmount);
    }
    if pool.alpha < min_reserve {
        return Err(Refusal::ReserveTooLow);
    }
    let fee = balancer::fee(tao, rate);
    let net = tao - fee;
    if net as u128 > 1000 * pool.tao as u128 {
        return Err(Refusal::ReserveTooLow);
    }
    let out = balancer::buy_alpha_out(pool.weight_tao, pool.alpha, pool.tao, net);
    if out == 0 || out >= pool.alpha {
        return Err(Refusal::ZeroOutput);
    }
    let tao_after = pool.tao.checked_add(net).ok_or(Refusal::Overflow)?;
    Ok((Swap { out, after: Reserves { tao: tao_after, alpha: pool.alpha - out, weight_tao: pool.weight_tao }, author_tao: fee }, net))
}

/// An unstake from a Balancer pool: the alpha fee `floor(alpha·rate/65535)` goes into the
/// pool too and is sold there, fee-free and after the trader's sale, for TAO paid to the
/// block author; the rest sells for `y·(1 − (x/(x+Δx))^(w_α/w_τ))` TAO.
pub fn quote_unstake_balancer(pool: Reserves, alpha: u64, rate: u16, min_reserve: u64) -> Result<Swap, Refusal> {
    use super::spec443::balancer;
    if alpha == 0 {
        return Err(Refusal::ZeroAmount);
    }
    if pool.tao < min_reserve {
        return Err(Refusal::ReserveTooLow);
    }
    let fee = balancer::fee(alpha, rate);
    let net = alpha - fee;
    if net as u128 > 1000 * pool.alpha as u128 {
        return Err(Refusal::ReserveTooLow);
    }
    let out = balancer::sell_tao_out(pool.weight_tao, pool.alpha, pool.tao, net);
    if out == 0 || out >= pool.tao {
        return Err(Refusal::ZeroOutput);
    }
    let (x, y) = (pool.alpha.checked_add(net).ok_or(Refusal::Overflow)?, pool.tao - out);
    let author = if fee > 0 { balancer::sell_tao_out(pool.weight_tao, x, y, fee).min(y.saturating_sub(1)) } else { 0 };
    let x = x.checked_add(fee).ok_or(Refusal::Overflow)?;
    Ok(Swap { out, after: Reserves { tao: y - author, alpha: x, weight_tao: pool.weight_tao }, author_tao: author })
}

/// The largest stake a limit order at `limit_rao` may make in a Balancer pool: the input
/// that moves the spot price exactly to the limit, `y·((p′/p)^w_α − 1)` (SPEC §6.3).
pub fn max_stake_at_limit_balancer(pool: Reserves, limit_rao: u64) -> u64 {
    let p = pool.price();
    let limit = limit_rao as f64 / super::RAO_PER_TAO as f64;
    if !(p > 0.0) || limit <= p {
        return 0;
    }
    let w_alpha = 1.0 - pool.weight_tao as f64 / super::spec443::balancer::PERQUINTILL as f64;
    (pool.tao as f64 * ((limit / p).powf(w_alpha) - 1.0)).min(u64::MAX as f64) as u64
}

/// The largest unstake a limit order at `limit_rao` may make in a Balancer pool,
/// `x·((p/p′)^w_τ − 1)`; unbounded for a limit of 0.
pub fn max_unstake_at_limit_balancer(pool: Reserves, limit_rao: u64) -> u64 {
    if limit_rao == 0 {
        return u64::MAX;
    }
    let p = pool.price();
    let limit = limit_rao as f64 / super::RAO_PER_TAO as f64;
    if !(p > 0.0) || limit >= p {
        return 0;
    }
    let w_tao = pool.weight_tao as f64 / super::spec443::balancer::PERQUINTILL as f64;
    (pool.alpha as f64 * ((p / limit).powf(w_tao) - 1.0)).min(u64::MAX as f64) as u64
}

impl super::Params {
    /// The largest stake a limit order at `limit_rao` RAO per alpha may make under these rules.
    pub fn max_stake_at_limit(&self, pool: Reserves, limit_rao: u64) -> u64 {
        match self.engine {
            Engine::Spec443 => max_stake_at_limit_balancer(pool, limit_rao),
            Engine::Float => max_stake_at_limit(pool, limit_rao),
        }
    }

    /// The largest unstake a limit order at `limit_rao` may make under these rules.
    pub fn max_unstake_at_limit(&self, pool: Reserves, limit_rao: u64) -> u64 {
        match self.engine {
            Engine::Spec443 => max_unstake_at_limit_balancer(pool, limit_rao),
            Engine::Float => max_unstake_at_limit(pool, limit_rao),
        }
    }

    /// Swaps follow the Nov-2025 swap pallet: a fee on the input, the reserve checked before.
    fn input_fee_swaps(&self) -> bool {
        self.fee_per_65535 > 0 || self.min_reserve_before_rao > 0
    }

    /// Quote staking `tao` RAO under these rules, and the TAO that counts as inflow (net of
    /// the fee). The one place that picks the swap of the rule set: trades, previews and
    /// valuations all go through here.
    pub fn quote_stake(&self, pool: Reserves, tao: u64) -> Result<(Swap, u64), Refusal> {
        if self.engine == Engine::Spec443 {
            quote_stake_balancer(pool, tao, self.fee_per_65535, self.min_reserve_before_rao)
        } else if self.input_fee_swaps() {
            quote_stake_nov(pool, tao, self.fee_rao, self.fee_per_65535, self.min_reserve_before_rao)
        } else {
            Ok((quote_stake(pool, tao, self.fee_rao)?, tao.saturating_sub(self.fee_rao)))
        }
    }

    /// Quote unstaking `alpha` RAO under these rules.
    pub fn quote_unstake(&self, pool: Reserves, alpha: u64) -> Result<Swap, Refusal> {
        if self.engine == Engine::Spec443 {
            quote_unstake_balancer(pool, alpha, self.fee_per_65535, self.min_reserve_before_rao)
        } else if self.input_fee_swaps() {
            quote_unstake_nov(pool, alpha, self.fee_rao, self.fee_per_65535, self.min_reserve_before_rao)
        } else {
            quote_unstake(pool, alpha, self.fee_rao)
        }
    }
}
