//! The network-wide measures rule proposals argue about, at each sampled block
//! (`metrics.csv`): net TAO flow, TAO burned and recycled, how concentrated emission and
//! stake are.
//!
//! **Net TAO flow** is the "subnet profit" of subtensor PR #2634: what holders put into a
//! subnet's pool net of what they took out, minus what the protocol put in net of what it
//! took back, `Σ(buys − sells) − (emission + chain buys − root sells)`. Emission is the TAO
//! injected (`tao_in`), chain buys the TAO the coinbase swapped for alpha, root sells the TAO
//! root alpha was sold for (every block under the older rules, or by root stakers' claims).
//! Positive: the network gains TAO from the subnet; negative: it subsidises it.
//!
//! Only worlds that want the measures pay for them: the system runs while the [`Measures`]
//! resource exists (the CLI's `run` inserts it; `bench` and the window do not).

use crate::economy::concentration::{gini, hhi, nakamoto, top_share};
use crate::world::{BlockFlow, Chain, Pool, Subnet, SubnetTotals};
use bevy::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;

use super::Sampling;

/// What the protocol put into one subnet since the start, in RAO.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Subsidy {
    pub emission_tao: u128,
    pub chain_buy_tao: u128,
    pub root_sell_tao: u128,
}

impl Subsidy {
    /// `emission + chain buys − root sells`.
    pub fn net(&self) -> i128 {
        self.emission_tao as i128 + self.chain_buy_tao as i128 - self.root_sell_tao as i128
    }
}

/// The network at the end of one sampled block. Flows are since the previous row (or the
/// start), amounts in RAO.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct NetworkSample {
    pub block: u64,
    /// Blocks the flows of this row cover.
    pub blocks: u64,
    /// `Σ(buys − sells)` of holders over all subnets.
    pub user_flow_tao: i128,
    /// `Σ(emission + chain buys − root sells)`.
    pub protocol_flow_tao: i128,
    /// `user_flow_tao − protocol_flow_tao`: PR #2634's network profit.
    pub net_tao_flow: i128,
    /// Since the start: the part of registration locks that left issuance.
    pub burned_tao: u128,
    /// Since the start: TAO taken out of circulation otherwise (unheld alpha of dissolved
    /// pools, payout dust).
    pub recycled_tao: u128,
    /// Subnets started by this block.
    pub subnets: u32,
    /// Started subnets whose emission share this block is zero.
    pub zero_emission: u32,
    pub top32_share: f64,
    pub top64_share: f64,
    pub emission_hhi: f64,
    pub emission_gini: f64,
    /// Fewest subnets that take more than half the block's emission.
    pub emission_nakamoto: u32,
    /// Stake is the TAO in each subnet's pool.
    pub stake_hhi: f64,
    pub stake_gini: f64,
    pub stake_nakamoto: u32,
    pub stake_top64_share: f64,
}

/// The running totals behind [`NetworkSample`], and the rows not yet taken.
#[derive(Resource, Clone, Debug, Default)]
pub struct Measures {
    /// Indexed by netuid, since the start (a dissolved subnet's stays, and a netuid reused
    /// adds to it): a vector, not a map, because this runs for every subnet every block.
    pub subsidy: Vec<Subsidy>,
    /// Rows not yet taken by a consumer, in block order.
    pub rows: Vec<NetworkSample>,
    /// Holders' and the protocol's flow summed over all subnets, at the last row.
    last: (i128, i128),
    /// Block of the last row (`None`: none yet).
    last_block: Option<u64>,
    /// Holders' net flow of subnets that are gone, which their totals no longer carry.
    gone_user_flow: i128,
    user_flow: BTreeMap<u16, i128>,
}

/// Adds this block's protocol flows to [`Measures`] and, at sampled blocks, a row.
pub fn measure_network(
    chain: Res<Chain>,
    sampling: Res<Sampling>,
    mut measures: ResMut<Measures>,
    subnets: Query<(&Subnet, &Pool, &BlockFlow, &SubnetTotals)>,
) {
    let m = measures.as_mut();
    for (subnet, _, flow, _) in &subnets {
        let i = subnet.netuid as usize;
        if i >= m.subsidy.len() {
            m.subsidy.resize(i + 1, Subsidy::default());
        }
        let s = &mut m.subsidy[i];
        s.emission_tao += flow.tao_in as u128;
        s.chain_buy_tao += flow.chain_buy_tao as u128;
        s.root_sell_tao += flow.root_tao as u128 + flow.root_claim_tao as u128;
    }
    if !sampling.is_sample_block(chain.block) {
        return;
    }
    let block = chain.block;
    // A netuid whose subnet is gone keeps the holders' flow it had when last seen.
    let live: std::collections::BTreeSet<u16> = subnets.iter().map(|s| s.0.netuid).collect();
    let gone: Vec<u16> = m.user_flow.keys().copied().filter(|n| !live.contains(n)).collect();
    for n in gone {
        m.gone_user_flow += m.user_flow.remove(&n).unwrap_or(0);
    }
    let (mut shares, mut stake) = (Vec::new(), Vec::new());
    let mut zero = 0;
    for (subnet, pool, flow, totals) in &subnets {
        m.user_flow.insert(subnet.netuid, totals.net_flow_tao);
        if subnet.start_block <= block {
            shares.push(flow.share);
            stake.push(pool.tao_reserve as f64);
            zero += u32::from(flow.share <= 0.0);
        }
    }
    let user: i128 = m.gone_user_flow + m.user_flow.values().sum::<i128>();
    let protocol: i128 = m.subsidy.iter().map(Subsidy::net).sum();
    let (user_flow_tao, protocol_flow_tao) = (user - m.last.0, protocol - m.last.1);
    let blocks = m.last_block.map_or(block + 1, |b| block - b);
    m.last = (user, protocol);
    m.last_block = Some(block);
    m.rows.push(NetworkSample {
        block,
        blocks,
        user_flow_tao,
        protocol_flow_tao,
        net_tao_flow: user_flow_tao - protocol_flow_tao,
        burned_tao: chain.burned_tao,
        recycled_tao: chain.recycled_tao,
        subnets: shares.len() as u32,
        zero_emission: zero,
        top32_share: top_share(&shares, 32),
        top64_share: top_share(&shares, 64),
        emission_hhi: hhi(&shares),
        emission_gini: gini(&shares),
        emission_nakamoto: nakamoto(&shares, 0.5) as u32,
        stake_hhi: hhi(&stake),
        stake_gini: gini(&stake),
        stake_nakamoto: nakamoto(&stake, 0.5) as u32,
        stake_top64_share: top_share(&stake, 64),
    });
}
