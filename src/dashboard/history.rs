//! What the charts draw: every sampled block, kept compactly; decimated only when drawn.
//! Collected after every run of blocks and emptied with every new world.

use super::lifecycle::{BlocksRan, LoadStep, WorldLoaded};
use crate::metrics::{HolderSamples, Samples};
use bevy::prelude::*;
use std::collections::BTreeMap;

/// One subnet's series (f32 keeps 100,000 blocks of 32 subnets within ~100 MB).
#[derive(Clone, Debug, Default)]
pub struct SubnetSeries {
    pub blocks: Vec<u32>,
    pub price: Vec<f32>,
    pub moving_price: Vec<f32>,
    pub share: Vec<f32>,
    /// This subnet's share plus those of all lower netuids in the same block: the top edge
    /// of its band in the stacked chart.
    pub stacked: Vec<f32>,
    pub tao_reserve: Vec<f32>,
    pub alpha_reserve: Vec<f32>,
    pub alpha_outstanding: Vec<f32>,
    /// Share of validator dividends going to root stakers.
    pub root_prop: Vec<f32>,
    /// TAO the chain spent buying the subnet's alpha in the block.
    pub chain_buy_tao: Vec<f32>,
}

/// Chain-wide series, one point per sampled block.
#[derive(Clone, Debug, Default)]
pub struct ChainSeries {
    pub blocks: Vec<u32>,
    /// TAO emitted in the block (halves at each halving).
    pub emission: Vec<f32>,
    /// Alpha injected into all pools in the block, in alpha.
    pub alpha_in: Vec<f32>,
    /// Alpha emitted to outstanding (owners, miners, validators, root) in the block.
    pub alpha_out: Vec<f32>,
    /// `mainnet-2026-08`: the emission gate's bar θ in the block, as a share (0 to 1).
    pub gate_bar: Vec<f32>,
    /// TAO spent on chain buys in the block, all subnets together.
    pub chain_buy_tao: Vec<f32>,
}

/// A strategy's (or "You"'s) total value at a sampled block, in TAO.
#[derive(Clone, Copy, Debug, Default)]
pub struct ValuePoint {
    pub block: f64,
    /// Alpha at spot price.
    pub spot: f64,
    /// Alpha at what selling it would pay.
    pub exit: f64,
}

/// The alpha split of the latest block, summed over subnets, in alpha.
#[derive(Clone, Copy, Debug, Default)]
pub struct AlphaSplit {
    pub owner: f64,
    pub miners: f64,
    pub validators: f64,
    pub root: f64,
}

#[derive(Resource, Clone, Debug, Default)]
pub struct ChartHistory {
    pub subnets: BTreeMap<u16, SubnetSeries>,
    /// Total value in TAO of each strategy's holders, "You" on a line of its own.
    pub strategies: BTreeMap<&'static str, Vec<ValuePoint>>,
    pub chain: ChainSeries,
    pub split: AlphaSplit,
    /// Root proportion of each subnet in the latest block.
    pub root_prop: BTreeMap<u16, f64>,
    /// Each line of "Who is winning" at the latest block, between the samples (taken every
    /// 100 blocks), so that the chart ends where the You panel's figures are.
    pub live: BTreeMap<&'static str, ValuePoint>,
}

pub fn plugin(app: &mut App) {
    app.init_resource::<ChartHistory>()
        .add_systems(WorldLoaded, start_history.in_set(LoadStep::React))
        .add_systems(BlocksRan, collect);
}

/// A new world starts with an empty history.
fn start_history(mut history: ResMut<ChartHistory>) {
    *history = ChartHistory::default();
}

/// Moves the samples the simulation recorded into the chart history.
pub fn collect(world: &mut World) {
    // Valued by the metrics as the samples are; the dashboard only sums them per line.
    let now = crate::metrics::holders::values_now(world);
    let samples = std::mem::take(&mut *world.resource_mut::<Samples>());
    let holders = std::mem::take(&mut world.resource_mut::<HolderSamples>().0);
    let you = world.get_resource::<super::session::Participants>().map(|p| p.you);
    let mut history = world.resource_mut::<ChartHistory>();
    let tao = |rao: u64| rao as f32 / 1e9;
    let last_block = samples.subnets.last().map(|s| s.block);
    let mut split = AlphaSplit::default();
    let (mut stack_block, mut stack) = (u64::MAX, 0f32);
    let (mut alpha_in, mut alpha_out, mut chain_buy) = (0f64, 0f64, 0f64);
    let mut chain_points: Vec<(u64, f32, f32, f32)> = Vec::new();
    for s in &samples.subnets {
        if s.block != stack_block {
            if stack_block != u64::MAX {
                chain_points.push((stack_block, alpha_in as f32, alpha_out as f32, chain_buy as f32));
            }
            (stack_block, stack) = (s.block, 0.0);
            (alpha_in, alpha_out, chain_buy) = (0.0, 0.0, 0.0);
        }
        alpha_in += s.alpha_in as f64 / 1e9;
        alpha_out += s.alpha_out as f64 / 1e9;
        chain_buy += s.excess_tao as f64 / 1e9;
        stack += s.emission_share as f32;
        let series = history.subnets.entry(s.netuid).or_default();
        series.stacked.push(stack);
        series.blocks.push(s.block as u32);
        series.price.push(s.price as f32);
        series.moving_price.push(s.moving_price as f32);
        series.share.push(s.emission_share as f32);
        series.tao_reserve.push(tao(s.tao_reserve));
        series.alpha_reserve.push(tao(s.alpha_reserve));
        series.alpha_outstanding.push(s.alpha_outstanding as f32 / 1e9);
        series.root_prop.push(s.root_prop as f32);
        series.chain_buy_tao.push(tao(s.excess_tao));
        if Some(s.block) == last_block {
            split.owner += s.owner_alpha as f64 / 1e9;
            split.miners += s.miner_alpha as f64 / 1e9;
            split.validators += s.validator_alpha as f64 / 1e9;
            split.root += s.root_alpha as f64 / 1e9;
            history.root_prop.insert(s.netuid, s.root_prop);
        }
    }
    if stack_block != u64::MAX {
        chain_points.push((stack_block, alpha_in as f32, alpha_out as f32, chain_buy as f32));
    }
    if last_block.is_some() {
        history.split = split;
    }
    // Chain samples and subnet samples are taken at the same blocks.
    let chain: std::collections::HashMap<u64, &crate::metrics::ChainSample> = samples.chain.iter().map(|c| (c.block, c)).collect();
    for (block, a_in, a_out, buy) in chain_points {
        let sample = chain.get(&block);
        history.chain.blocks.push(block as u32);
        history.chain.emission.push(sample.map_or(0.0, |c| c.block_emission as f32 / 1e9));
        history.chain.alpha_in.push(a_in);
        history.chain.alpha_out.push(a_out);
        history.chain.gate_bar.push(sample.map_or(0.0, |c| gate_share(c.gate_bar) as f32));
        history.chain.chain_buy_tao.push(buy);
    }
    let mut totals: BTreeMap<(&'static str, u64), (f64, f64)> = BTreeMap::new();
    for h in &holders {
        // The presenter's own holder is not one of the scenario's plain holders.
        let line = if Some(h.holder) == you { super::session::YOU } else { h.strategy };
        let total = totals.entry((line, h.block)).or_default();
        total.0 += h.total_value as f64 / 1e9;
        total.1 += h.exit_value as f64 / 1e9;
    }
    for ((strategy, block), (spot, exit)) in totals {
        history.strategies.entry(strategy).or_default().push(ValuePoint { block: block as f64, spot, exit });
    }
    // The block just run: the chain's counter has moved past it.
    history.live.clear();
    for h in &now {
        let line = if Some(h.holder) == you { super::session::YOU } else { h.strategy };
        let block = h.block.saturating_sub(1) as f64;
        let point = history.live.entry(line).or_insert(ValuePoint { block, spot: 0.0, exit: 0.0 });
        point.spot += h.total_value as f64 / 1e9;
        point.exit += h.exit_value as f64 / 1e9;
    }
}

/// The gate bar θ as a share: `U64F64` raw over 2⁶⁴ (the chain's own reading of it; a
/// conversion, not economics).
pub fn gate_share(raw: u128) -> f64 {
    raw as f64 / 18_446_744_073_709_551_616.0
}

/// At most `max` points of `ys` against `xs`: the min and max of each bucket, so that
/// spikes survive decimation.
pub fn decimate(xs: &[u32], ys: &[f32], max: usize, log: bool) -> Vec<[f64; 2]> {
    let y = |v: f32| if log { (v.max(1e-12) as f64).log10() } else { v as f64 };
    let n = xs.len().min(ys.len());
    if n <= max.max(2) {
        return (0..n).map(|i| [xs[i] as f64, y(ys[i])]).collect();
    }
    let bucket = n.div_ceil(max / 2);
    let mut points = Vec::with_capacity(max + 2);
    for start in (0..n).step_by(bucket) {
        let end = (start + bucket).min(n);
        let (mut lo, mut hi) = (start, start);
        for i in start..end {
            if ys[i] < ys[lo] {
                lo = i;
            }
            if ys[i] > ys[hi] {
                hi = i;
            }
        }
        let (a, b) = if lo <= hi { (lo, hi) } else { (hi, lo) };
        points.push([xs[a] as f64, y(ys[a])]);
        if b != a {
            points.push([xs[b] as f64, y(ys[b])]);
        }
    }
    points
}
