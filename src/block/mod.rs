//! One block: the explicitly ordered schedule of MODEL.md ("One block, in this order").
//!
//! [`Block`] is its own schedule, run single-threaded: each step is one system looping over
//! all subnets, so a block costs a handful of system runs whatever the subnet count, and the
//! same schedule runs in the window, the CLI and the tests ([`run_blocks`]).
//!
//! Where each step lives: emission and shares in [`emission`], injection in [`injection`],
//! the split of alpha_out and the root sale in [`split`], epochs in [`epoch`], the moving
//! price in [`moving_price`]. Steps that the two [`Engine`]s compute differently have one
//! system per engine, and the schedule runs the one of the engine in force
//! ([`EngineSet`]); the shares likewise by share rule ([`ShareSet`]). No system looks at the
//! engine itself, and systems that only some rules need (the flow EMA, root-alpha recycling
//! and claims) carry that rule as a run condition: skipping a system costs the executor
//! less than running one that returns at once. Transactions are added to [`BlockStep::Transactions`] by
//! [`crate::transactions`], metrics and the conservation check to [`BlockStep::Record`] by
//! [`crate::metrics`].

pub mod claims;
pub mod emission;
pub mod epoch;
pub mod injection;
pub mod moving_price;
pub mod split;

use crate::economy::{Engine, Params, ShareRule};
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

/// The coinbase systems of one [`Engine`]: each step that the engines compute differently
/// has one system in each set, and a set runs only under its engine. A set's condition is
/// evaluated once per block, at its first system, before any transaction: a rule-set switch
/// (a scenario's `set rule_set` event, the dashboard) takes effect from the next block.
#[derive(SystemSet, Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EngineSet {
    /// [`Engine::Float`]: the older rule sets' injection, split and moving price.
    Float,
    /// [`Engine::Spec443`]: the chain's fixed point on Balancer pools.
    Spec443,
}

/// The share computation: spec 443's gated shares ([`ShareRule::GatedEma`]) or the weights
/// of every other share rule. Chosen by the share rule, not by the engine: a scenario may
/// pair `gated_ema` with any preset.
#[derive(SystemSet, Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ShareSet {
    Weighted,
    Gated,
}

fn engine_is(engine: Engine) -> impl FnMut(Res<Params>) -> bool + Clone {
    move |params: Res<Params>| params.engine == engine
}

fn share_rule_is(rule: ShareRule) -> impl FnMut(Res<Params>) -> bool + Clone {
    move |params: Res<Params>| params.share_rule == rule
}

fn root_alpha_claimed(params: Res<Params>) -> bool {
    params.root_alpha_claimed
}

fn shares_gated(on: bool) -> impl FnMut(Res<Params>) -> bool + Clone {
    move |params: Res<Params>| (params.share_rule == ShareRule::GatedEma) == on
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
    schedule.configure_sets((
        EngineSet::Float.run_if(engine_is(Engine::Float)),
        EngineSet::Spec443.run_if(engine_is(Engine::Spec443)),
        ShareSet::Weighted.run_if(shares_gated(false)),
        ShareSet::Gated.run_if(shares_gated(true)),
    ));
    app.add_schedule(schedule);
    app.add_systems(
        Block,
        (
            emission::compute_block_emission.in_set(BlockStep::Emission),
            (
                emission::update_flow_ema.run_if(share_rule_is(ShareRule::TaoFlow)),
                emission::compute_shares.in_set(ShareSet::Weighted),
                emission::gated_shares.in_set(ShareSet::Gated),
            )
                .chain()
                .in_set(BlockStep::Shares),
            (
                injection::inject_emission.in_set(EngineSet::Float),
                injection::inject_at_spot_price.in_set(EngineSet::Spec443),
            )
                .chain()
                .in_set(BlockStep::Injection),
            (
                (split::split_alpha_out, moving_price::update_moving_price).chain().in_set(EngineSet::Float),
                (split::split_fixed_point, moving_price::update_fixed_point).chain().in_set(EngineSet::Spec443),
                split::account_recycled_root_alpha.run_if(split::recycles_root_alpha),
            )
                .chain()
                .in_set(BlockStep::Split),
            (epoch::pay_out_epoch, claims::auto_claim_root.run_if(root_alpha_claimed)).chain().in_set(BlockStep::Epoch),
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
