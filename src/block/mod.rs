//! One block: the explicitly ordered schedule of MODEL.md ("One block, in this order").
//!
//! [`Block`] is its own schedule, run single-threaded: each step is one system looping over
//! all subnets, so a block costs a handful of system runs whatever the subnet count, and the
//! same schedule runs in the window, the CLI and the tests ([`run_blocks`]).
//!
//! Where each step lives: emission and shares in [`emission`], injection in [`injection`],
//! the split of alpha_out and the root sale in [`split`], epochs in [`epoch`], the moving
//! price in [`moving_price`]. Transactions are added to [`BlockStep::Transactions`] by
//! [`crate::transactions`], metrics and the conservation check to [`BlockStep::Record`] by
//! [`crate::metrics`].

pub mod claims;
pub mod emission;
pub mod epoch;
pub mod injection;
pub mod moving_price;
pub mod split;

use bevy::ecs::schedule::{ScheduleLabel, SingleThreadedExecutor};
use bevy::prelude::*;

/// The schedule that simulates one block.
#[derive(ScheduleLabel, Clone, Debug, PartialEq, Eq, Hash)]
pub struct Block;

/// The steps of a block, run in this order.
#[derive(SystemSet, Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BlockStep {
    /// 1. Block emission `E` from total issuance.
    Emission,
    /// 2. Each subnet's share of `E`.
    Shares,
    /// 3. Price-neutral injection of TAO and alpha, and alpha emission to outstanding.
    Injection,
    /// 4. `root_prop` (read after injection), the split of alpha_out into pending buckets;
    /// the root share sold to TAO.
    Split,
    /// 5. Epoch payouts of subnets whose tempo ends this block; root-alpha auto-claims
    /// (Nov-2025 rules).
    Epoch,
    /// 6. Moving price (every share rule: shares or pruning read it). Its system runs in
    /// [`BlockStep::Split`], right after the root sale, as the chain's coinbase does.
    MovingPrice,
    /// 7. Scripted events and orders.
    Transactions,
    /// 8. Metrics and checks.
    Record,
    /// The block counter moves on.
    Advance,
}

/// Builds the [`Block`] schedule and adds the coinbase systems.
pub fn plugin(app: &mut App) {
    let mut schedule = Schedule::new(Block);
    schedule.set_executor(SingleThreadedExecutor::new());
    schedule.configure_sets(
        (
            BlockStep::Emission,
            BlockStep::Shares,
            BlockStep::Injection,
            BlockStep::Split,
            BlockStep::Epoch,
            BlockStep::MovingPrice,
            BlockStep::Transactions,
            BlockStep::Record,
            BlockStep::Advance,
        )
            .chain(),
    );
    app.add_schedule(schedule);
    app.add_systems(
        Block,
        (
            emission::compute_block_emission.in_set(BlockStep::Emission),
            (emission::update_flow_ema, emission::compute_shares).chain().in_set(BlockStep::Shares),
            injection::inject_emission.in_set(BlockStep::Injection),
            (split::split_alpha_out, moving_price::update_moving_price, split::account_recycled_root_alpha).chain().in_set(BlockStep::Split),
            (epoch::pay_out_epoch, claims::auto_claim_root).chain().in_set(BlockStep::Epoch),
            advance_clock.in_set(BlockStep::Advance),
        ),
    );
}

fn advance_clock(mut chain: ResMut<crate::world::Chain>) {
    chain.block += 1;
}

/// Runs `n` blocks on `world`, directly and in order.
pub fn run_blocks(world: &mut World, n: u64) {
    world.schedule_scope(Block, |world, schedule| {
        for _ in 0..n {
            schedule.run(world);
        }
    });
}
