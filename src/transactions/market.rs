//! Executing a transaction: checks, the swap quote, then every change at once.

use super::order::{Action, Order, ParamChange};
use crate::economy::{quote_stake, quote_unstake, Params, Refusal};
use crate::world::{Chain, Directory, External, HolderId, Hotkey, Ledger, Members, Pool, SubnetTotals, Wallet};
use bevy::ecs::system::SystemParam;
use bevy::prelude::*;

/// Everything a transaction may touch.
#[derive(SystemParam)]
pub struct Market<'w, 's> {
    chain: ResMut<'w, Chain>,
    params: ResMut<'w, Params>,
    ledger: ResMut<'w, Ledger>,
    directory: Res<'w, Directory>,
    pools: Query<'w, 's, (&'static mut Pool, &'static mut SubnetTotals, &'static Members)>,
    wallets: Query<'w, 's, (&'static mut Wallet, Has<External>)>,
}

impl Market<'_, '_> {
    pub fn block(&self) -> u64 {
        self.chain.block
    }

    /// Executes `order`, returning what the holder received; a refusal changes nothing.
    pub fn execute(&mut self, order: &Order) -> Result<u64, Refusal> {
        let holder_entity = self.directory.holder(order.holder).ok_or(Refusal::UnknownHolder)?;
        let (free_tao, external) = {
            let (wallet, external) = self.wallets.get(holder_entity).map_err(|_| Refusal::UnknownHolder)?;
            (wallet.free_tao, external)
        };
        match &order.action {
            Action::Stake { netuid, tao } => self.stake(order, holder_entity, *netuid, *tao, free_tao, external),
            Action::Unstake { netuid, alpha } => self.unstake(order, holder_entity, *netuid, *alpha, external),
            Action::RootStake { tao } => {
                if *tao == 0 {
                    return Err(Refusal::ZeroAmount);
                }
                if free_tao < *tao {
                    return Err(Refusal::InsufficientFunds);
                }
                let hotkey = order.hotkey.unwrap_or(if self.directory.validators.is_empty() {
                    Hotkey::Own
                } else {
                    Hotkey::Validator(0)
                });
                self.wallets.get_mut(holder_entity).map_err(|_| Refusal::UnknownHolder)?.0.free_tao -= tao;
                self.ledger.root.credit(hotkey, order.holder, *tao);
                Ok(*tao)
            }
            Action::RootUnstake { tao } => {
                if *tao == 0 {
                    return Err(Refusal::ZeroAmount);
                }
                let positions = self.ledger.root.holder_positions(order.holder);
                take_from_positions(&mut self.ledger.root, order.holder, order.hotkey, &positions, *tao)?;
                self.wallets.get_mut(holder_entity).map_err(|_| Refusal::UnknownHolder)?.0.free_tao += tao;
                Ok(*tao)
            }
            Action::SetParam(change) => {
                apply_param(&mut self.params, *change)?;
                Ok(0)
            }
        }
    }

    fn stake(&mut self, order: &Order, holder: Entity, netuid: u16, tao: u64, free: u64, external: bool) -> Result<u64, Refusal> {
        let entity = *self.directory.subnets.get(&netuid).ok_or(Refusal::UnknownSubnet)?;
        let (mut pool, mut totals, members) = self.pools.get_mut(entity).map_err(|_| Refusal::UnknownSubnet)?;
        if !external && free < tao {
            return Err(Refusal::InsufficientFunds);
        }
        let swap = quote_stake(pool.reserves(), tao, self.params.fee_rao)?;
        if order.limit_price.is_some_and(|limit| swap.after.price() > limit) {
            return Err(Refusal::PriceLimit);
        }
        let hotkey = order
            .hotkey
            .unwrap_or_else(|| members.validators.first().map_or(Hotkey::Own, |v| Hotkey::Validator(*v)));
        pool.set_reserves(swap.after);
        pool.alpha_outstanding += swap.out as i64;
        if external {
            totals.external_alpha += swap.out as i64;
            self.chain.external_tao += tao as i128;
        } else {
            totals.volume_tao += tao as u128;
            self.ledger.subnet(netuid).credit(hotkey, order.holder, swap.out);
            self.wallets.get_mut(holder).map_err(|_| Refusal::UnknownHolder)?.0.free_tao -= tao;
        }
        Ok(swap.out)
    }

    fn unstake(&mut self, order: &Order, holder: Entity, netuid: u16, alpha: u64, external: bool) -> Result<u64, Refusal> {
        let entity = *self.directory.subnets.get(&netuid).ok_or(Refusal::UnknownSubnet)?;
        let (mut pool, mut totals, _) = self.pools.get_mut(entity).map_err(|_| Refusal::UnknownSubnet)?;
        let positions = self.ledger.subnet(netuid).holder_positions(order.holder);
        if !external && position_total(&positions, order.hotkey) < alpha {
            return Err(if alpha == 0 { Refusal::ZeroAmount } else { Refusal::InsufficientFunds });
        }
        let swap = quote_unstake(pool.reserves(), alpha, self.params.fee_rao)?;
        if order.limit_price.is_some_and(|limit| swap.after.price() < limit) {
            return Err(Refusal::PriceLimit);
        }
        pool.set_reserves(swap.after);
        pool.alpha_outstanding -= alpha as i64;
        if external {
            totals.external_alpha -= alpha as i64;
            self.chain.external_tao -= swap.out as i128;
        } else {
            totals.volume_tao += swap.out as u128;
            take_from_positions(self.ledger.subnet(netuid), order.holder, order.hotkey, &positions, alpha)?;
            self.wallets.get_mut(holder).map_err(|_| Refusal::UnknownHolder)?.0.free_tao += swap.out;
        }
        Ok(swap.out)
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

/// Applies a parameter change after checking its range.
pub fn apply_param(params: &mut Params, change: ParamChange) -> Result<(), Refusal> {
    let fraction = |x: f64| x.is_finite() && (0.0..=1.0).contains(&x);
    match change {
        ParamChange::RuleSet(rs) => *params = Params { block_reward_rao: params.block_reward_rao, ..Params::preset(rs) },
        ParamChange::ShareRule(rule) => params.share_rule = rule,
        ParamChange::TaoWeight(w) if fraction(w) => params.tao_weight = w,
        ParamChange::Tempo(t) if t > 0 => params.tempo = t,
        ParamChange::FeeRao(f) => params.fee_rao = f,
        ParamChange::OwnerCut(c) if fraction(c) => params.owner_cut = c,
        ParamChange::BlockRewardRao(r) => params.block_reward_rao = r,
        _ => return Err(Refusal::InvalidParameter),
    }
    Ok(())
}
