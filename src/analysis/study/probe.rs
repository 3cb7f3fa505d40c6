//! Reading [`Quantity`]s off a running world between blocks, without changing it.

use super::quantity::Quantity;
use crate::metrics::holders::values_now;
use crate::transactions::TxLog;
use crate::world::{BlockFlow, Chain, Ledger, MovingPrice, Pool, Subnet};
use bevy::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// A subnet as the quantities see it.
#[derive(Clone, Copy)]
struct SubnetRow {
    netuid: u16,
    registered_in_run: bool,
    price: f64,
    moving_price: f64,
    share: f64,
    root_prop: f64,
    tao_reserve: f64,
}

type SubnetQuery = (&'static Subnet, &'static Pool, &'static BlockFlow, &'static MovingPrice);

/// What is kept between observations: the subnets seen (for deregistrations) and the
/// holders' values at the start (for returns).
pub struct Probe {
    subnets: QueryState<SubnetQuery>,
    /// (netuid, first block) of every subnet seen alive at an observed block.
    seen: BTreeSet<(u16, u64)>,
    deregistered: u64,
    track_subnets: bool,
    start_values: BTreeMap<String, u128>,
}

/// Each role's total value, summed over its tracked holders.
fn totals(world: &mut World) -> BTreeMap<String, u128> {
    let mut by_role: BTreeMap<String, u128> = BTreeMap::new();
    for h in values_now(world) {
        *by_role.entry(h.strategy.to_string()).or_default() += h.total_value;
    }
    by_role
}

impl Probe {
    /// A probe of a freshly spawned world (before block 0). `track_subnets` follows which
    /// subnets are alive at every observation (for `deregistered`); `holders` takes the
    /// starting values returns count from.
    pub fn new(world: &mut World, track_subnets: bool, holders: bool) -> Self {
        let subnets = world.query::<SubnetQuery>();
        let mut probe = Probe { subnets, seen: BTreeSet::new(), deregistered: 0, track_subnets, start_values: BTreeMap::new() };
        if holders {
            probe.start_values = totals(world);
        }
        if track_subnets {
            probe.rows(world);
        }
        probe
    }

    /// The strategies (and roles) tracked holders have at the start, with a value above 0.
    pub fn strategies(&self) -> Vec<String> {
        self.start_values.iter().filter(|(_, v)| **v > 0).map(|(k, _)| k.clone()).collect()
    }

    fn rows(&mut self, world: &World) -> Vec<SubnetRow> {
        let mut alive = BTreeSet::new();
        let mut rows: Vec<SubnetRow> = self
            .subnets
            .iter(world)
            .map(|(s, p, f, m)| {
                alive.insert((s.netuid, s.start_block));
                SubnetRow {
                    netuid: s.netuid,
                    registered_in_run: s.start_block > 0,
                    price: p.price(),
                    moving_price: m.0,
                    share: f.share,
                    root_prop: f.root_prop,
                    tao_reserve: p.tao_reserve as f64 / 1e9,
                }
            })
            .collect();
        rows.sort_by_key(|r| r.netuid);
        if self.track_subnets {
            self.deregistered += self.seen.difference(&alive).count() as u64;
            self.seen = alive;
        }
        rows
    }

    /// Reads `wanted` now (in its order); `None` where a quantity has no value (no subnet
    /// alive, the netuid not registered, the strategy absent). Subnets are followed for
    /// deregistrations at every call, even when nothing is wanted.
    pub fn observe(&mut self, world: &mut World, wanted: &[Quantity]) -> Vec<Option<f64>> {
        let need_rows = self.track_subnets || wanted.iter().any(Quantity::needs_subnets);
        let rows = if need_rows { self.rows(world) } else { Vec::new() };
        let now = if wanted.iter().any(Quantity::needs_holders) { totals(world) } else { BTreeMap::new() };
        wanted.iter().map(|q| self.value(world, &rows, &now, q)).collect()
    }

    fn value(&self, world: &World, rows: &[SubnetRow], now: &BTreeMap<String, u128>, q: &Quantity) -> Option<f64> {
        let chain = world.resource::<Chain>();
        let log = world.resource::<TxLog>();
        let n = rows.len() as f64;
        let some = |x: f64| (!rows.is_empty() && x.is_finite()).then_some(x);
        let one = |netuid: u16, f: fn(&SubnetRow) -> f64| rows.iter().find(|r| r.netuid == netuid).map(f);
        match q {
            Quantity::EmittedTao => Some(chain.issued_tao as f64 / 1e9),
            Quantity::TotalIssuanceTao => Some(chain.total_issuance as f64 / 1e9),
            Quantity::RootStakeTao => Some(world.resource::<Ledger>().root.total() as f64 / 1e9),
            Quantity::MeanRootProp => some(rows.iter().map(|r| r.root_prop).sum::<f64>() / n),
            Quantity::MaxShare => some(rows.iter().map(|r| r.share).fold(f64::NEG_INFINITY, f64::max)),
            Quantity::MinShare => some(rows.iter().map(|r| r.share).fold(f64::INFINITY, f64::min)),
            Quantity::RegisteredShare => Some(rows.iter().filter(|r| r.registered_in_run).map(|r| r.share).sum()),
            Quantity::MeanPrice => some(rows.iter().map(|r| r.price).sum::<f64>() / n),
            Quantity::MinPrice => some(rows.iter().map(|r| r.price).fold(f64::INFINITY, f64::min)),
            Quantity::MaxPrice => some(rows.iter().map(|r| r.price).fold(f64::NEG_INFINITY, f64::max)),
            Quantity::Subnets => Some(n),
            Quantity::Deregistered => Some(self.deregistered as f64),
            Quantity::AcceptedTx => Some(log.accepted as f64),
            Quantity::RefusedTx => Some(log.refused_count as f64),
            Quantity::Price(netuid) => one(*netuid, |r| r.price),
            Quantity::MovingPrice(netuid) => one(*netuid, |r| r.moving_price),
            Quantity::EmissionShare(netuid) => one(*netuid, |r| r.share),
            Quantity::RootProp(netuid) => one(*netuid, |r| r.root_prop),
            Quantity::TaoReserve(netuid) => one(*netuid, |r| r.tao_reserve),
            Quantity::ReturnPct(strategy) => {
                let first = *self.start_values.get(strategy)?;
                let last = *now.get(strategy)?;
                (first > 0).then(|| (last as f64 / first as f64 - 1.0) * 100.0)
            }
        }
    }
}
