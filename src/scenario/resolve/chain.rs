//! `[chain]`: the chain's number for the run's first block, and `mainnet-2026-08`'s gate
//! bar at the start.

use super::problem::{problem, Problem};
use crate::economy::limits::MAX_BLOCKS;
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
