//! The [`Market`]: everything a transaction may touch, and [`Market::execute`], which
//! dispatches an order to the trades of [`stake`], the registrations of [`register`] or the
//! parameter changes of [`params`]. Those modules only add methods to [`Market`] (or, for
//! `params`, work on [`Params`] alone); none imports another.

mod params;
mod register;
mod stake;

pub use params::apply_param;

use super::order::{Action, Order, ParamChange};
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
    /// The scenario's own `[rules]` values, kept through a rule-set switch.
    pub(super) overrides: Res<'w, crate::economy::RuleOverrides>,
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
    /// Registrations waiting for their slot (`mainnet-2026-10`).
    pub(super) queue: ResMut<'w, crate::world::RegistrationQueue>,
    /// Subnets' chain settings (`MinerBurned`, the emission switch).
    pub(super) chain_states: Query<'w, 's, &'static mut SubnetChain>,
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

    fn chain_state(&mut self, netuid: u16) -> Result<Mut<'_, SubnetChain>, Refusal> {
        let entity = *self.directory.subnets.get(&netuid).ok_or(Refusal::UnknownSubnet)?;
        self.chain_states.get_mut(entity).map_err(|_| Refusal::UnknownSubnet)
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
                    self.chain_state(netuid)?.miner_burned = crate::economy::spec443::fixed::from_raw32(grid);
                }
                ParamChange::MinerBurned { .. } => return Err(Refusal::InvalidParameter),
                ParamChange::EmissionEnabled { netuid, on } => self.chain_state(netuid)?.emission_enabled = on,
                other => apply_param(&mut self.params, &self.overrides, other)?,
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
            Action::RootStake { tao } => self.root_stake_tao(order, holder_entity, *tao, free_tao),
            Action::RootUnstake { tao } => self.root_unstake_tao(order, holder_entity, *tao),
            Action::RegisterSubnet { name, lock, miners } => {
                let lock = lock.unwrap_or_else(|| self.lock_cost());
                self.register(order.holder, holder_entity, free_tao, name.clone(), lock, *miners).map(|netuid| netuid as u64)
            }
            Action::SetParam(_) => unreachable!("handled above"),
        }
    }

    pub(super) fn wallet_mut(&mut self, holder: Entity) -> Result<Mut<'_, Wallet>, Refusal> {
        self.wallets.get_mut(holder).map(|(w, _)| w).map_err(|_| Refusal::UnknownHolder)
    }
}
