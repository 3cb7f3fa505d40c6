//! Executing a transaction: checks, the swap quote, then every change at once.

use super::order::{Action, Order, ParamChange};
use super::registration;
use crate::economy::{Params, Refusal};
use crate::world::{
    Chain, Directory, External, History, HolderId, Hotkey, Ledger, Members, MovingPrice, Pending, Pool, RootClaims,
    Subnet, SubnetChain, SubnetTotals, Validator, Wallet,
};
use bevy::ecs::system::SystemParam;
use bevy::prelude::*;

/// A subnet as a trader sees it.
#[derive(Clone, Copy, Debug)]
pub struct SubnetView {
    pub netuid: u16,
    pub price: f64,
    pub moving_price: f64,
    pub start_block: u64,
    pub tao_reserve: u64,
}

/// Everything a transaction may touch: the one way holders' funds, pools and stake change.
#[derive(SystemParam)]
pub struct Market<'w, 's> {
    pub(super) chain: ResMut<'w, Chain>,
    pub(super) params: ResMut<'w, Params>,
    pub(super) ledger: ResMut<'w, Ledger>,
    pub(super) directory: ResMut<'w, Directory>,
    pub(super) subnets: Query<
        'w,
        's,
        (
            &'static Subnet,
            &'static mut Pool,
            &'static mut SubnetTotals,
            &'static Members,
            &'static MovingPrice,
            &'static History,
            &'static mut Pending,
        ),
    >,
    pub(super) wallets: Query<'w, 's, (&'static mut Wallet, Has<External>)>,
    pub(super) validators: Query<'w, 's, &'static Validator>,
    pub(super) sellers: Res<'w, crate::world::SellerPolicy>,
    pub(super) claims: ResMut<'w, RootClaims>,
    /// Subnets' chain-era settings (`MinerBurned`, the emission switch).
    pub(super) era: Query<'w, 's, &'static mut SubnetChain>,
    pub(super) commands: Commands<'w, 's>,
}

impl Market<'_, '_> {
    pub fn block(&self) -> u64 {
        self.chain.block
    }

    pub fn params(&self) -> &Params {
        &self.params
    }

    /// A holder's free TAO (0 for unknown holders).
    pub fn free_tao(&self, holder: HolderId) -> u64 {
        self.directory.holder(holder).and_then(|e| self.wallets.get(e).ok()).map_or(0, |(w, _)| w.free_tao)
    }

    /// A holder's alpha on `netuid`, over all hotkeys.
    pub fn alpha(&self, holder: HolderId, netuid: u16) -> u64 {
        self.ledger.holder_alpha(netuid, holder)
    }

    /// A holder's alpha on `netuid` through one hotkey.
    pub fn alpha_on(&self, holder: HolderId, netuid: u16, hotkey: Hotkey) -> u64 {
        self.ledger.subnet_ref(netuid).map_or(0, |b| b.get(hotkey, holder))
    }

    /// A holder's root stake, over all hotkeys.
    pub fn root_stake(&self, holder: HolderId) -> u64 {
        self.ledger.root.holder_total(holder)
    }

    /// A holder's root stake through one hotkey.
    pub fn root_stake_on(&self, holder: HolderId, hotkey: Hotkey) -> u64 {
        self.ledger.root.get(hotkey, holder)
    }

    /// Every subnet now, in netuid order.
    pub fn subnet_views(&self) -> Vec<SubnetView> {
        let mut views: Vec<SubnetView> = self
            .subnets
            .iter()
            .map(|(s, pool, _, _, ema, _, _)| SubnetView {
                netuid: s.netuid,
                price: pool.price(),
                moving_price: ema.0,
                start_block: s.start_block,
                tao_reserve: pool.tao_reserve,
            })
            .collect();
        views.sort_by_key(|v| v.netuid);
        views
    }

    /// The sampled past of a subnet.
    pub fn history(&self, netuid: u16) -> Option<&History> {
        let entity = *self.directory.subnets.get(&netuid)?;
        self.subnets.get(entity).ok().map(|(_, _, _, _, _, h, _)| h)
    }

    /// Who is paid at `netuid`'s epoch: each holder entity with the hotkey its payout is
    /// staked on (owner and miners: their own; validators: theirs).
    pub fn payees(&self, netuid: u16) -> Vec<(Entity, Hotkey)> {
        let Some((subnet, _, _, members, ..)) = self.directory.subnets.get(&netuid).and_then(|e| self.subnets.get(*e).ok())
        else {
            return Vec::new();
        };
        let mut payees: Vec<(Entity, Hotkey)> = subnet.owner.and_then(|h| self.directory.holder(h)).map(|e| (e, Hotkey::Own)).into_iter().collect();
        payees.extend(members.miners.iter().map(|e| (*e, Hotkey::Own)));
        payees.extend(members.validators.iter().filter_map(|v| {
            let holder = *self.directory.validators.get(*v as usize)?;
            Some((self.directory.holder(holder)?, Hotkey::Validator(*v)))
        }));
        payees
    }

    fn subnet_era(&mut self, netuid: u16) -> Result<Mut<'_, SubnetChain>, Refusal> {
        let entity = *self.directory.subnets.get(&netuid).ok_or(Refusal::UnknownSubnet)?;
        self.era.get_mut(entity).map_err(|_| Refusal::UnknownSubnet)
    }

    /// Netuids of the subnets, in order.
    pub fn netuids(&self) -> Vec<u16> {
        self.directory.subnets.keys().copied().collect()
    }

    /// Executes `order`, returning what the holder received; a refusal changes nothing.
    pub fn execute(&mut self, order: &Order) -> Result<u64, Refusal> {
        if let Action::SetParam(change) = &order.action {
            match *change {
                ParamChange::MinerBurned { netuid, value } if value.is_finite() && (0.0..=1.0).contains(&value) => {
                    // Kept on the chain's grid of 2⁻³² (`U96F32`).
                    let grid = crate::economy::spec443::fixed::U96F32::from_f64(value) as u64;
                    self.subnet_era(netuid)?.miner_burned = crate::economy::spec443::fixed::from_raw32(grid);
                }
                ParamChange::MinerBurned { .. } => return Err(Refusal::InvalidParameter),
                ParamChange::EmissionEnabled { netuid, on } => self.subnet_era(netuid)?.emission_enabled = on,
                other => apply_param(&mut self.params, other)?,
            }
            return Ok(0);
        }
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
                self.wallet_mut(holder_entity)?.free_tao -= tao;
                self.ledger.root.credit(hotkey, order.holder, *tao);
                self.claims.stake_added(hotkey, order.holder, *tao);
                Ok(*tao)
            }
            Action::RootUnstake { tao } => {
                if *tao == 0 {
                    return Err(Refusal::ZeroAmount);
                }
                let positions = self.ledger.root.holder_positions(order.holder);
                take_from_positions(&mut self.ledger.root, order.holder, order.hotkey, &positions, *tao)?;
                for (hotkey, had) in positions {
                    let removed = had - self.ledger.root.get(hotkey, order.holder);
                    self.claims.stake_removed(hotkey, order.holder, removed);
                }
                self.wallet_mut(holder_entity)?.free_tao += tao;
                Ok(*tao)
            }
            Action::RegisterSubnet { name, lock, miners } => {
                let lock = lock.unwrap_or(self.params.lock_cost_rao);
                registration::register(self, order.holder, holder_entity, free_tao, name.clone(), lock, *miners)
                    .map(|netuid| netuid as u64)
            }
            Action::SetParam(_) => unreachable!("handled above"),
        }
    }

    pub(super) fn wallet_mut(&mut self, holder: Entity) -> Result<Mut<'_, Wallet>, Refusal> {
        self.wallets.get_mut(holder).map(|(w, _)| w).map_err(|_| Refusal::UnknownHolder)
    }

    fn stake(&mut self, order: &Order, holder: Entity, netuid: u16, tao: u64, free: u64, external: bool) -> Result<u64, Refusal> {
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

    fn unstake(&mut self, order: &Order, holder: Entity, netuid: u16, alpha: u64, external: bool) -> Result<u64, Refusal> {
        let entity = *self.directory.subnets.get(&netuid).ok_or(Refusal::UnknownSubnet)?;
        let (_, mut pool, mut totals, _, _, _, _) = self.subnets.get_mut(entity).map_err(|_| Refusal::UnknownSubnet)?;
        let book = self.ledger.subnet(netuid);
        let positions = match order.hotkey {
            // One known position: a direct lookup, no scan of the holder's positions.
            Some(hotkey) => vec![(hotkey, book.get(hotkey, order.holder))],
            None => book.holder_positions(order.holder),
        };
        if !external && alpha > 0 && position_total(&positions, order.hotkey) < alpha {
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
            take_from_positions(self.ledger.subnet(netuid), order.holder, order.hotkey, &positions, alpha)?;
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
pub fn fill_at_limit(requested: u64, max: u64, allow_partial: bool) -> Result<u64, Refusal> {
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

/// Applies a parameter change after checking its range.
pub fn apply_param(params: &mut Params, change: ParamChange) -> Result<(), Refusal> {
    let fraction = |x: f64| x.is_finite() && (0.0..=1.0).contains(&x);
    match change {
        ParamChange::RuleSet(rs) => *params = Params { block_reward_rao: params.block_reward_rao, ..Params::preset(rs) },
        ParamChange::ShareRule(rule) => params.share_rule = rule,
        ParamChange::TaoWeight(w) if fraction(w) => params.tao_weight = w,
        ParamChange::Tempo(t) if t > 0 && t <= crate::economy::limits::MAX_BLOCKS => params.tempo = t,
        ParamChange::FeeRao(f) => params.fee_rao = f,
        ParamChange::OwnerCut(c) if fraction(c) => params.owner_cut = c,
        ParamChange::BlockRewardRao(r) if r <= crate::economy::rules::MAX_BLOCK_REWARD => params.block_reward_rao = r,
        // Per-subnet settings live on the subnet, not in the rule set.
        _ => return Err(Refusal::InvalidParameter),
    }
    Ok(())
}
