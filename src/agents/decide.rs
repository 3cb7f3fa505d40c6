//! What each strategy does on its turn. Decisions read the market and return orders; the
//! orders then go through [`Market::execute`] like anyone's.

use super::rng::SimRng;
use super::strategy::{Memo, Memory, Strategy};
use crate::economy::{Refusal, RAO_PER_TAO};
use crate::transactions::{Action, Market, Order, SubnetView};
use crate::world::HolderId;
use rand::Rng;

/// Net inflow over the lookback, as a fraction of the pool's TAO, that growth bettors act on.
const MIN_INFLOW: f64 = 0.02;

/// Orders smaller than this (0.01 TAO) are not worth placing.
const DUST: u64 = RAO_PER_TAO / 100;

/// A stake of up to `tao`, paid from what is left of this turn's `budget`, so that the
/// orders of one turn never add up to more than the holder's free TAO.
fn stake(budget: &mut u64, holder: HolderId, netuid: u16, tao: u64) -> Option<Order> {
    let tao = tao.min(*budget);
    if tao < DUST {
        return None;
    }
    *budget -= tao;
    Some(Order::new(holder, Action::Stake { netuid, tao }))
}

fn unstake(holder: HolderId, netuid: u16, alpha: u64) -> Option<Order> {
    (alpha > 0).then(|| Order::new(holder, Action::Unstake { netuid, alpha }))
}

fn part(amount: u64, fraction: f64) -> u64 {
    (amount as f64 * fraction.clamp(0.0, 1.0)) as u64
}

/// Subnets that take part in emission now.
fn live<'a>(views: &'a [SubnetView], block: u64) -> impl Iterator<Item = &'a SubnetView> + 'a {
    views.iter().filter(move |v| v.start_block <= block)
}

fn momentum(market: &Market, v: &SubnetView, lookback: u64) -> f64 {
    market.history(v.netuid).map_or(0.0, |h| h.momentum(lookback, v.price))
}

/// Net TAO staked into a subnet over the last `lookback` blocks (sampled history).
fn inflow(market: &Market, netuid: u16, lookback: u64) -> i128 {
    market.history(netuid).and_then(|h| Some(h.points.back()?.net_flow_tao - h.ago(lookback)?.net_flow_tao)).unwrap_or(0)
}

/// The best subnet by `score`, ties to the lower netuid.
fn best_by(views: impl Iterator<Item = (u16, f64)>) -> Option<u16> {
    views.fold(None, |best: Option<(u16, f64)>, (n, s)| match best {
        Some((_, b)) if b >= s => best,
        _ => Some((n, s)),
    })
    .map(|(n, _)| n)
}

fn price_of(views: &[SubnetView], netuid: u16) -> f64 {
    views.iter().find(|v| v.netuid == netuid).map_or(0.0, |v| v.price)
}

/// The orders of one turn.
pub fn decide(
    strategy: &Strategy,
    holder: HolderId,
    memory: &mut Memory,
    market: &Market,
    views: &[SubnetView],
    rng: &mut SimRng,
) -> Vec<Order> {
    let block = market.block();
    let free = market.free_tao(holder);
    let mut budget = free;
    let budget = &mut budget;
    let mut orders = Vec::new();
    match *strategy {
        Strategy::Conservative => {
            if free >= DUST {
                orders.push(Order::new(holder, Action::RootStake { tao: free }));
            }
        }
        Strategy::Moderate { root_fraction, picks, lookback, stop } => {
            if !memory.placed {
                memory.placed = true;
                let root = part(free, root_fraction);
                if root >= DUST {
                    *budget -= root;
                    orders.push(Order::new(holder, Action::RootStake { tao: root }));
                }
                let mut ranked: Vec<(u16, f64)> = live(views, block).map(|v| (v.netuid, momentum(market, v, lookback))).collect();
                ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
                let picks = picks.max(1).min(ranked.len().max(1));
                let each = (free - root) / picks as u64;
                orders.extend(ranked.iter().take(picks).filter_map(|(n, _)| stake(budget, holder, *n, each)));
                return orders;
            }
            let held: Vec<u16> = memory.open.keys().copied().collect();
            for netuid in held {
                let memo = memory.open[&netuid];
                if price_of(views, netuid) < memo.entry_price * (1.0 - stop) {
                    memory.open.remove(&netuid);
                    orders.extend(unstake(holder, netuid, market.alpha(holder, netuid)));
                }
            }
            let candidates = live(views, block).filter(|v| !memory.open.contains_key(&v.netuid));
            if let Some(n) = best_by(candidates.map(|v| (v.netuid, momentum(market, v, lookback)))) {
                orders.extend(stake(budget, holder, n, free));
            }
        }
        Strategy::Growth { trade_fraction, lookback, exit } => {
            sell_below_entry(holder, memory, market, views, exit, &mut orders);
            // Inflow relative to the pool's depth; background noise (under 2%) is no signal.
            let flows = live(views, block).map(|v| (v.netuid, inflow(market, v.netuid, lookback) as f64 / v.tao_reserve as f64));
            if let Some(n) = best_by(flows.filter(|(_, f)| *f > MIN_INFLOW)) {
                orders.extend(stake(budget, holder, n, part(free, trade_fraction)));
            }
        }
        Strategy::Sniper { trade_fraction, window, take_profit, max_hold } => {
            let held: Vec<(u16, Memo)> = memory.open.iter().map(|(n, m)| (*n, *m)).collect();
            for (netuid, memo) in held {
                if price_of(views, netuid) >= memo.entry_price * (1.0 + take_profit) || block >= memo.since.saturating_add(max_hold) {
                    memory.open.remove(&netuid);
                    memory.left.insert(netuid, memo);
                    orders.extend(unstake(holder, netuid, market.alpha(holder, netuid)));
                }
            }
            for v in views {
                // Only subnets registered during the run are launches.
                let young = v.start_block > 0 && v.start_block <= block + 1 && block < v.start_block.saturating_add(window);
                let seen = memory.open.contains_key(&v.netuid)
                    || memory.left.get(&v.netuid).is_some_and(|m| m.since >= v.start_block.saturating_sub(1));
                if young && !seen {
                    orders.extend(stake(budget, holder, v.netuid, part(free, trade_fraction)));
                }
            }
        }
        Strategy::Momentum { trade_fraction, lookback, threshold, trailing_stop } => {
            let held: Vec<u16> = memory.open.keys().copied().collect();
            for netuid in held {
                let price = price_of(views, netuid);
                let memo = memory.open.get_mut(&netuid).expect("held");
                memo.extreme = memo.extreme.max(price);
                if price < memo.extreme * (1.0 - trailing_stop) {
                    memory.open.remove(&netuid);
                    orders.extend(unstake(holder, netuid, market.alpha(holder, netuid)));
                }
            }
            let rising = live(views, block).map(|v| (v.netuid, momentum(market, v, lookback))).filter(|(_, m)| *m > threshold);
            if let Some(n) = best_by(rising) {
                orders.extend(stake(budget, holder, n, part(free, trade_fraction)));
            }
        }
        Strategy::Downtrend { lookback, threshold, rebound } => {
            if !memory.placed {
                memory.placed = true;
                if let Some(n) = best_by(live(views, block).map(|v| (v.netuid, v.tao_reserve as f64))) {
                    orders.extend(stake(budget, holder, n, free));
                }
                return orders;
            }
            for v in live(views, block) {
                let alpha = market.alpha(holder, v.netuid);
                if alpha > 0 && momentum(market, v, lookback) < -threshold {
                    memory.open.remove(&v.netuid);
                    memory.left.insert(v.netuid, Memo { entry_price: v.price, extreme: v.price, since: block });
                    orders.extend(unstake(holder, v.netuid, alpha));
                }
            }
            let waiting: Vec<u16> = memory.left.keys().copied().collect();
            let mut rebought = Vec::new();
            for netuid in &waiting {
                let price = price_of(views, *netuid);
                let memo = memory.left.get_mut(netuid).expect("waiting");
                memo.extreme = memo.extreme.min(price);
                if price >= memo.extreme * (1.0 + rebound) {
                    rebought.push(*netuid);
                }
            }
            let each = if rebought.is_empty() { 0 } else { free / rebought.len() as u64 };
            for netuid in rebought {
                memory.left.remove(&netuid);
                orders.extend(stake(budget, holder, netuid, each));
            }
        }
        Strategy::Noise { probability, trade_fraction } => {
            let live: Vec<&SubnetView> = live(views, block).collect();
            if live.is_empty() || !rng.0.random_bool(probability.clamp(0.0, 1.0)) {
                return orders;
            }
            let v = live[rng.0.random_range(0..live.len())];
            let alpha = market.alpha(holder, v.netuid);
            if rng.0.random_bool(0.5) && alpha > 0 {
                orders.extend(unstake(holder, v.netuid, part(alpha, trade_fraction).max(1)));
            } else {
                orders.extend(stake(budget, holder, v.netuid, part(free, trade_fraction)));
            }
        }
    }
    orders
}

/// Sells every opened position whose price fell `exit` below its entry.
fn sell_below_entry(holder: HolderId, memory: &mut Memory, market: &Market, views: &[SubnetView], exit: f64, orders: &mut Vec<Order>) {
    let held: Vec<(u16, Memo)> = memory.open.iter().map(|(n, m)| (*n, *m)).collect();
    for (netuid, memo) in held {
        if price_of(views, netuid) < memo.entry_price * (1.0 - exit) {
            memory.open.remove(&netuid);
            orders.extend(unstake(holder, netuid, market.alpha(holder, netuid)));
        }
    }
}

/// Records the entry of a position opened by a stake that went through.
pub fn remember(order: &Order, result: Result<u64, Refusal>, memory: &mut Memory, block: u64) {
    if let (Action::Stake { netuid, tao }, Ok(alpha)) = (&order.action, result) {
        let price = *tao as f64 / alpha.max(1) as f64;
        memory.open.entry(*netuid).or_insert(Memo { entry_price: price, extreme: price, since: block });
    }
}
