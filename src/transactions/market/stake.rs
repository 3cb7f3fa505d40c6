//! Trades through a pool (stake and unstake, limit orders included) and root stake: the
//! checks, the rule set's quote, then every change at once.

use super::Market;
use crate::economy::Refusal;
use crate::transactions::order::Order;
use crate::world::{HolderId, Hotkey};
use bevy::prelude::*;

impl Market<'_, '_> {
    pub(super) fn stake(&mut self, order: &Order, holder: Entity, netuid: u16, tao: u64, free: u64, external: bool) -> Result<u64, Refusal> {
        let entity = *self.directory.subnets.get(&netuid).ok_or(Refusal::UnknownSubnet)?;
        let (_, mut pool, mut totals, members, _, _, _) = self.subnets.get_mut(entity).map_err(|_| Refusal::UnknownSubnet)?;
        if !external && free < tao {
            return Err(Refusal::InsufficientFunds);
        }
        if tao > 0 && tao < self.params.min_stake_rao.saturating_add(self.params.fee_rao) {
            return Err(Refusal::AmountTooLow);
        }
        let tao = match order.limit_price {
            Some(limit) => fill_at_limit(tao, self.params.max_stake_at_limit(pool.reserves(), price_rao(limit)), order.allow_partial)?,
            None => tao,
        };
        let (swap, flow_in) = self.params.quote_stake(pool.reserves(), tao)?;
        totals.flow_block_tao += flow_in as i128;
        let hotkey = order
            .hotkey
            .unwrap_or_else(|| members.validators.first().map_or(Hotkey::Own, |v| Hotkey::Validator(*v)));
        pool.set_reserves(swap.after);
        pool.alpha_outstanding += swap.out as i64;
        self.chain.author_tao += swap.author_tao as u128;
        if external {
            totals.external_alpha += swap.out as i64;
            self.chain.external_tao += tao as i128;
            return Ok(swap.out);
        }
        totals.volume_tao += tao as u128;
        totals.net_flow_tao += tao as i128;
        self.ledger.subnet(netuid).credit(hotkey, order.holder, swap.out);
        self.wallet_mut(holder)?.free_tao -= tao;
        Ok(swap.out)
    }

    pub(super) fn unstake(&mut self, order: &Order, holder: Entity, netuid: u16, alpha: u64, external: bool) -> Result<u64, Refusal> {
        let entity = *self.directory.subnets.get(&netuid).ok_or(Refusal::UnknownSubnet)?;
        let (_, mut pool, mut totals, _, _, _, _) = self.subnets.get_mut(entity).map_err(|_| Refusal::UnknownSubnet)?;
        let book = self.ledger.subnet(netuid);
        let (one, all);
        let positions: &[(Hotkey, u64)] = match order.hotkey {
            // One known position: a direct lookup, no scan of the holder's positions and no
            // allocation (emission sellers make most transactions so).
            Some(hotkey) => {
                one = [(hotkey, book.get(hotkey, order.holder))];
                &one
            }
            None => {
                all = book.holder_positions(order.holder);
                &all
            }
        };
        if !external && alpha > 0 && position_total(positions, order.hotkey) < alpha {
            return Err(Refusal::InsufficientFunds);
        }
        if alpha > 0 && self.params.min_stake_rao > 0 && tao_value(pool.reserves(), alpha) <= self.params.min_stake_rao as u128 {
            return Err(Refusal::AmountTooLow);
        }
        let alpha = match order.limit_price {
            Some(limit) => fill_at_limit(alpha, self.params.max_unstake_at_limit(pool.reserves(), price_rao(limit)), order.allow_partial)?,
            None => alpha,
        };
        let swap = self.params.quote_unstake(pool.reserves(), alpha)?;
        totals.flow_block_tao -= swap.out as i128;
        if !external {
            // Checked above, so this cannot fail half way.
            take_from_positions(self.ledger.subnet(netuid), order.holder, order.hotkey, positions, alpha)?;
        }
        pool.set_reserves(swap.after);
        pool.alpha_outstanding -= alpha as i64;
        self.chain.author_tao += swap.author_tao as u128;
        if external {
            totals.external_alpha -= alpha as i64;
            self.chain.external_tao -= swap.out as i128;
            return Ok(swap.out);
        }
        totals.volume_tao += swap.out as u128;
        totals.net_flow_tao -= swap.out as i128;
        self.wallet_mut(holder)?.free_tao += swap.out;
        Ok(swap.out)
    }

    pub(super) fn root_stake_tao(&mut self, order: &Order, holder: Entity, tao: u64, free: u64) -> Result<u64, Refusal> {
        if tao == 0 {
            return Err(Refusal::ZeroAmount);
        }
        if free < tao {
            return Err(Refusal::InsufficientFunds);
        }
        let hotkey = order.hotkey.unwrap_or(if self.directory.validators.is_empty() { Hotkey::Own } else { Hotkey::Validator(0) });
        self.wallet_mut(holder)?.free_tao -= tao;
        self.ledger.root.credit(hotkey, order.holder, tao);
        self.claims.stake_added(hotkey, order.holder, tao);
        Ok(tao)
    }

    pub(super) fn root_unstake_tao(&mut self, order: &Order, holder: Entity, tao: u64) -> Result<u64, Refusal> {
        if tao == 0 {
            return Err(Refusal::ZeroAmount);
        }
        let positions = self.ledger.root.holder_positions(order.holder);
        take_from_positions(&mut self.ledger.root, order.holder, order.hotkey, &positions, tao)?;
        for (hotkey, had) in positions {
            let removed = had - self.ledger.root.get(hotkey, order.holder);
            self.claims.stake_removed(hotkey, order.holder, removed);
        }
        self.wallet_mut(holder)?.free_tao += tao;
        Ok(tao)
    }
}

/// What selling `alpha` would return before any fee (the chain's `sim_swap_alpha_for_tao`).
fn tao_value(pool: crate::economy::Reserves, alpha: u64) -> u128 {
    pool.tao as u128 * alpha as u128 / (pool.alpha as u128 + alpha as u128)
}

/// A limit price in RAO per alpha, as the chain's orders carry it.
fn price_rao(limit: f64) -> u64 {
    (limit * crate::economy::RAO_PER_TAO as f64).round().clamp(0.0, u64::MAX as f64) as u64
}

/// The amount a limit order trades: all of it within the chain's bound `max`; beyond it, the
/// bound itself when partial fills are allowed, otherwise nothing (refused).
fn fill_at_limit(requested: u64, max: u64, allow_partial: bool) -> Result<u64, Refusal> {
    match requested <= max {
        true => Ok(requested),
        false if allow_partial && max > 0 => Ok(max),
        false => Err(Refusal::PriceLimit),
    }
}

fn position_total(positions: &[(Hotkey, u64)], hotkey: Option<Hotkey>) -> u64 {
    positions.iter().filter(|(k, _)| hotkey.is_none_or(|h| h == *k)).map(|(_, a)| *a).sum()
}

/// Debits `amount` from one hotkey's position, or from all positions in turn.
/// Checks the total first, so that it either takes everything or nothing.
fn take_from_positions(
    book: &mut crate::world::ledger::Book,
    holder: HolderId,
    hotkey: Option<Hotkey>,
    positions: &[(Hotkey, u64)],
    amount: u64,
) -> Result<(), Refusal> {
    if position_total(positions, hotkey) < amount {
        return Err(Refusal::InsufficientFunds);
    }
    let mut left = amount;
    for (key, have) in positions.iter().filter(|(k, _)| hotkey.is_none_or(|h| h == *k)) {
        let take = left.min(*have);
        book.debit(*key, holder, take).map_err(|_| Refusal::InsufficientFunds)?;
        left -= take;
        if left == 0 {
            break;
        }
    }
    Ok(())
}
