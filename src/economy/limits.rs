//! The largest counts and durations a scenario, a command line or a replay may ask for.
//!
//! Every one is checked before anything is built from it, so that a typo such as
//! `miners = 4294967295` is refused in microseconds instead of exhausting memory, and no
//! block number or sum of RAO can overflow 64 bits. The README's scenario-format section
//! lists them.

/// Subnets at once (`subnets.count`, `rules.subnet_limit`). The chain allows 128; analysts may go further.
pub const MAX_SUBNETS: u16 = 1024;

/// Any number of blocks: a run's length, an event's block, and every duration (tempo,
/// immunity period, agent interval, lookback, window, max hold, event repeat). 100 million
/// blocks are 38 years of 12-second blocks.
pub const MAX_BLOCKS: u64 = 100_000_000;

/// Miners of one subnet, at the start or registered by an event.
pub const MAX_MINERS_PER_SUBNET: u32 = 10_000;

/// Validators (after `count` is expanded).
pub const MAX_VALIDATORS: u64 = 10_000;

/// Agents (after `count` is expanded).
pub const MAX_AGENTS: u64 = 100_000;

/// Holders of every kind together: scenario holders, validators, agents, owners, and the
/// miners of every subnet, those that registration events will add included.
pub const MAX_HOLDERS: u64 = 1_000_000;

/// Scripted events after `times` is expanded.
pub const MAX_EVENTS: u64 = 1_000_000;

/// Repeats of one event (`times`).
pub const MAX_REPEATS: u32 = 100_000;

/// Size of a scenario or replay file.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Runs of one sweep (parameter combinations times seeds).
pub const MAX_SWEEP_RUNS: u64 = 1_000_000;

/// Checks a number of blocks (or a duration); `what` names it in the message.
pub fn check_blocks(what: &str, blocks: u64) -> Result<u64, String> {
    if blocks > MAX_BLOCKS {
        return Err(format!("{what} must be at most {MAX_BLOCKS} blocks, got {blocks}"));
    }
    Ok(blocks)
}
