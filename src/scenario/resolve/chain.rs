//! `[chain]`: the chain's number for the run's first block, and `mainnet-2026-08`'s gate
//! bar at the start.

use super::problem::{problem, Problem};
use crate::economy::limits::MAX_BLOCKS;
use crate::economy::registration::LastLock;
use crate::scenario::format::ChainSpec;

/// Absolute number of the run's first block (0 when not given).
pub(super) fn start_block_of(chain: &ChainSpec) -> Result<u64, Problem> {
    Ok(match &chain.start_block {
        Some(b) if *b.get_ref() > MAX_BLOCKS * 1_000 => {
            return problem(Some(b.span()), "chain.start_block", format!("must be at most {}", MAX_BLOCKS * 1_000))
        }
        Some(b) => *b.get_ref(),
        None => 0,
    })
}

/// The last registration before the run: `last_lock` and `last_lock_block` come together,
/// the block before the run's first.
pub(super) fn last_lock_of(chain: &ChainSpec, start: u64) -> Result<LastLock, Problem> {
    match (&chain.last_lock, &chain.last_lock_block) {
        (None, None) => Ok(LastLock::default()),
        (Some(l), None) => problem(Some(l.span()), "chain.last_lock", "give chain.last_lock_block too"),
        (None, Some(b)) => problem(Some(b.span()), "chain.last_lock_block", "give chain.last_lock too"),
        (Some(_), Some(b)) if *b.get_ref() >= start.max(1) => problem(
            Some(b.span()),
            "chain.last_lock_block",
            format!("must be a block before the run's first ({start}), got {}", b.get_ref()),
        ),
        (Some(l), Some(_)) if l.get_ref().0 > crate::economy::emission_curve::SUPPLY_CAP => {
            problem(Some(l.span()), "chain.last_lock", "more than the 21M TAO that can ever exist")
        }
        (Some(l), Some(b)) => Ok(LastLock { rao: l.get_ref().0, block: *b.get_ref() }),
    }
}

/// The gate bar, `U64F64` raw (0 when not given: computed at once).
pub(super) fn gate_bar_of(chain: &ChainSpec) -> Result<u128, Problem> {
    Ok(match &chain.gate_bar {
        None => 0,
        Some(g) => match crate::economy::spec443::fixed::parse_fixed(&g.get_ref().0, 64) {
            Ok(v) if v <= crate::economy::spec443::fixed::ONE_64 => v,
            Ok(_) => return problem(Some(g.span()), "chain.gate_bar", "a share is at most 1"),
            Err(m) => return problem(Some(g.span()), "chain.gate_bar", m),
        },
    })
}
