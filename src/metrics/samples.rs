//! What is recorded at sampled blocks.

use crate::world::{BlockFlow, Chain, History, HistoryPoint, Ledger, MovingPrice, Pool, Subnet, SubnetChain, SubnetTotals};
use bevy::prelude::*;
use serde::Serialize;

/// How often to sample. `every = 0` turns sampling off.
#[derive(Resource, Clone, Copy, Debug)]
pub struct Sampling {
    pub every: u64,
    /// Holder values are sampled on their own, coarser grid (0: never).
    pub holders_every: u64,
}

impl Default for Sampling {
    fn default() -> Self {
        Sampling { every: 1, holders_every: 1_000 }
    }
}

impl Sampling {
    pub fn is_sample_block(&self, block: u64) -> bool {
        self.every > 0 && (block + 1) % self.every == 0
    }
}

/// Blocks sampled whatever [`Sampling::every`] says: the captions' blocks and the blocks a
/// recording's frames show, so that a chart sampled every few blocks still ends at the
/// block its caption or frame is about.
#[derive(Resource, Clone, Debug, Default)]
pub struct SampleAlso(pub std::collections::BTreeSet<u64>);

/// One subnet at the end of a sampled block. Amounts in RAO.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct SubnetSample {
    pub block: u64,
    pub netuid: u16,
    pub price: f64,
    pub moving_price: f64,
    pub tao_reserve: u64,
    pub alpha_reserve: u64,
    pub alpha_outstanding: i64,
    pub tao_in: u64,
    pub alpha_in: u64,
    /// Alpha emitted to outstanding in this block.
    pub alpha_out: u64,
    pub emission_share: f64,
    pub root_prop: f64,
    pub owner_alpha: u64,
    pub miner_alpha: u64,
    pub validator_alpha: u64,
    pub root_alpha: u64,
    /// TAO of the subnet's share the chain spent buying alpha (`mainnet-2025-11` on).
    pub excess_tao: u64,
    /// `mainnet-2026-08`: alpha the chain bought and keeps.
    pub protocol_alpha: u64,
    /// The pool's TAO weight (0.5: constant product).
    pub pool_weight_tao: f64,
    pub miner_burned: f64,
    pub emission_enabled: bool,
}

/// Chain-wide figures at the end of a sampled block.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct ChainSample {
    pub block: u64,
    pub total_issuance: u64,
    pub root_stake: u64,
    pub block_emission: u64,
    /// `mainnet-2026-08`: the emission gate's bar θ, `U64F64` raw (0 under other rules).
    pub gate_bar: u128,
}

/// Samples not yet taken by a consumer, in block order and netuid order within a block.
#[derive(Resource, Clone, Debug, Default)]
pub struct Samples {
    pub subnets: Vec<SubnetSample>,
    pub chain: Vec<ChainSample>,
}

pub fn record_metrics(
    chain: Res<Chain>,
    sampling: Res<Sampling>,
    also: Option<Res<SampleAlso>>,
    ledger: Res<Ledger>,
    mut samples: ResMut<Samples>,
    subnets: Query<(&Subnet, &Pool, &MovingPrice, &BlockFlow, Option<&SubnetChain>)>,
) {
    if !sampling.is_sample_block(chain.block) && !also.is_some_and(|a| a.0.contains(&chain.block)) {
        return;
    }
    let block = chain.block;
    let first = samples.subnets.len();
    samples.subnets.extend(subnets.iter().map(|(subnet, pool, ema, flow, era)| SubnetSample {
        block,
        netuid: subnet.netuid,
        price: pool.price(),
        moving_price: ema.0,
        tao_reserve: pool.tao_reserve,
        alpha_reserve: pool.alpha_reserve,
        alpha_outstanding: pool.alpha_outstanding,
        tao_in: flow.tao_in,
        alpha_in: flow.alpha_in,
        alpha_out: flow.alpha_em,
        emission_share: flow.share,
        root_prop: flow.root_prop,
        owner_alpha: flow.owner_alpha,
        miner_alpha: flow.miner_alpha,
        validator_alpha: flow.validator_alpha,
        root_alpha: flow.root_alpha,
        excess_tao: flow.chain_buy_tao,
        protocol_alpha: era.map_or(0, |e| e.protocol_alpha),
        pool_weight_tao: pool.weight_tao as f64 / 1e18,
        miner_burned: era.map_or(0.0, |e| e.miner_burned),
        emission_enabled: era.is_none_or(|e| e.emission_enabled),
    }));
    samples.subnets[first..].sort_by_key(|s| s.netuid);
    samples.chain.push(ChainSample {
        block,
        total_issuance: chain.total_issuance,
        root_stake: ledger.root.total(),
        block_emission: chain.block_emission,
        gate_bar: chain.gate_bar,
    });
}

/// Adds a point to each subnet's [`History`] every [`History::STEP`] blocks.
pub fn record_history(chain: Res<Chain>, mut subnets: Query<(&Pool, &SubnetTotals, &mut History)>) {
    if (chain.block + 1) % History::STEP != 0 {
        return;
    }
    for (pool, totals, mut history) in &mut subnets {
        history.push(HistoryPoint {
            block: chain.block,
            price: pool.price(),
            volume_tao: totals.volume_tao,
            net_flow_tao: totals.net_flow_tao,
        });
    }
}
