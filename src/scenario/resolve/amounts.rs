//! Checked numbers every part uses: durations, locks, counts, miners, netuids and pool
//! reserves.

use super::problem::{problem, Problem};
use crate::economy::limits::*;
use crate::economy::MIN_RESERVE;
use crate::scenario::format::Amount;
use std::ops::Range;
use toml::Spanned;

/// A number of blocks from `min` to [`MAX_BLOCKS`].
pub(super) fn duration(value: &Spanned<u64>, field: &str, min: u64) -> Result<u64, Problem> {
    let v = *value.get_ref();
    if v < min {
        return problem(Some(value.span()), field, format!("must be at least {min} block"));
    }
    check_blocks(field, v).or_else(|m| problem(Some(value.span()), field, m))
}

/// A registration's lock: it becomes both reserves of the new pool, each at least 0.01.
pub(super) fn lock_of(lock: &Spanned<Amount>, field: &str) -> Result<u64, Problem> {
    if lock.get_ref().0 < 2 * MIN_RESERVE {
        return problem(
            Some(lock.span()),
            field,
            "a registration must lock at least 0.02 TAO (its pool starts with that TAO and as much alpha, each at least 0.01)",
        );
    }
    Ok(lock.get_ref().0)
}

/// A count from `count` (1 by default) no larger than `max`.
pub(super) fn count_of(count: &Option<Spanned<u32>>, field: &str, max: u64) -> Result<u64, Problem> {
    let Some(c) = count else { return Ok(1) };
    let n = *c.get_ref() as u64;
    if n == 0 || n > max {
        return problem(Some(c.span()), field, format!("must be from 1 to {max}, got {n}"));
    }
    Ok(n)
}

/// Miners of one subnet, at most [`MAX_MINERS_PER_SUBNET`].
pub(super) fn miners_of(miners: &Spanned<u32>, field: &str) -> Result<u32, Problem> {
    let n = *miners.get_ref();
    if n > MAX_MINERS_PER_SUBNET {
        return problem(Some(miners.span()), field, format!("at most {MAX_MINERS_PER_SUBNET} miners per subnet, got {n}"));
    }
    Ok(n)
}

pub(super) fn check_netuid(netuid: &Spanned<u16>, count: u16, field: &str) -> Result<u16, Problem> {
    let n = *netuid.get_ref();
    if n == 0 || n > count {
        return problem(
            Some(netuid.span()),
            field,
            format!("netuid {n} does not exist: subnets are numbered 1 to {count} (0 is root, which has no pool)"),
        );
    }
    Ok(n)
}

pub(super) fn reserve(amount: Option<&Spanned<Amount>>, field: &str, netuid: u16, span: Range<usize>) -> Result<u64, Problem> {
    let Some(a) = amount else {
        return problem(Some(span), field, format!("SN{netuid} has no starting pool: give {field} or an override"));
    };
    if a.get_ref().0 < MIN_RESERVE {
        return problem(Some(a.span()), field, "a pool reserve must be at least 0.01 (10,000,000 RAO)");
    }
    Ok(a.get_ref().0)
}
