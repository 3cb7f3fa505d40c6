//! Stake: who has how much alpha on which subnet, and root stake, each delegated to a hotkey.
//!
//! Stake is a relation between a holder, a hotkey and a subnet, so it is kept the way the
//! chain keeps it (a map keyed by hotkey, coldkey and netuid) with running totals per hotkey,
//! instead of as a component on one of the three entities. Every change goes through the
//! methods here, which keep the totals equal to the sum of the entries.

use bevy::prelude::*;
use std::collections::BTreeMap;

/// Index of a holder entity in [`super::Directory::holders`].
pub type HolderId = u32;
/// Index of a validator hotkey in [`super::Directory::validators`].
pub type ValidatorId = u32;

/// The hotkey a stake is delegated to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Hotkey {
    /// A validator: the stake counts towards its weight and earns its dividends.
    Validator(ValidatorId),
    /// The holder's own, non-validating hotkey (owners' and miners' earnings, or stake
    /// that is not delegated). It earns no dividends.
    Own,
}

/// One subnet's alpha stake, or the root network's TAO stake.
#[derive(Clone, Debug, Default)]
pub struct Book {
    entries: BTreeMap<(Hotkey, HolderId), u64>,
    /// The same stakes keyed the other way, so a holder's positions are found without a scan.
    by_holder: BTreeMap<(HolderId, Hotkey), u64>,
    by_hotkey: BTreeMap<Hotkey, u64>,
    total: u64,
}

impl Book {
    /// What `holder` has delegated to `hotkey`.
    pub fn get(&self, hotkey: Hotkey, holder: HolderId) -> u64 {
        self.entries.get(&(hotkey, holder)).copied().unwrap_or(0)
    }
    /// Everything delegated to `hotkey`.
    pub fn hotkey_total(&self, hotkey: Hotkey) -> u64 {
        self.by_hotkey.get(&hotkey).copied().unwrap_or(0)
    }
    pub fn total(&self) -> u64 {
        self.total
    }
    /// Everything `holder` has in this book, over all hotkeys.
    pub fn holder_total(&self, holder: HolderId) -> u64 {
        self.holder_range(holder).map(|(_, a)| a).sum()
    }
    /// The holder's positions here, by hotkey.
    pub fn holder_positions(&self, holder: HolderId) -> Vec<(Hotkey, u64)> {
        self.holder_range(holder).collect()
    }
    fn holder_range(&self, holder: HolderId) -> impl Iterator<Item = (Hotkey, u64)> + '_ {
        self.by_holder
            .range((holder, Hotkey::Validator(0))..=(holder, Hotkey::Own))
            .map(|((_, k), a)| (*k, *a))
    }
    /// Nominators of `hotkey` and their stake, in holder order.
    pub fn nominators(&self, hotkey: Hotkey) -> impl Iterator<Item = (HolderId, u64)> + '_ {
        self.entries
            .range((hotkey, HolderId::MIN)..=(hotkey, HolderId::MAX))
            .map(|((_, h), a)| (*h, *a))
    }
    /// All entries, in (hotkey, holder) order.
    pub fn entries(&self) -> impl Iterator<Item = (Hotkey, HolderId, u64)> + '_ {
        self.entries.iter().map(|((k, h), a)| (*k, *h, *a))
    }
    pub fn credit(&mut self, hotkey: Hotkey, holder: HolderId, amount: u64) {
        if amount == 0 {
            return;
        }
        *self.entries.entry((hotkey, holder)).or_default() += amount;
        *self.by_holder.entry((holder, hotkey)).or_default() += amount;
        *self.by_hotkey.entry(hotkey).or_default() += amount;
        self.total += amount;
    }
    /// Takes `amount` from the holder's stake on `hotkey`; refuses (changing nothing) when short.
    pub fn debit(&mut self, hotkey: Hotkey, holder: HolderId, amount: u64) -> Result<(), ()> {
        let have = self.get(hotkey, holder);
        if have < amount {
            return Err(());
        }
        if have == amount {
            self.entries.remove(&(hotkey, holder));
            self.by_holder.remove(&(holder, hotkey));
        } else {
            self.entries.insert((hotkey, holder), have - amount);
            self.by_holder.insert((holder, hotkey), have - amount);
        }
        *self.by_hotkey.entry(hotkey).or_default() -= amount;
        self.total -= amount;
        Ok(())
    }
}

/// All stake in the simulation.
#[derive(Resource, Clone, Debug, Default)]
pub struct Ledger {
    /// Alpha stake by netuid.
    pub alpha: BTreeMap<u16, Book>,
    /// TAO staked on root. Its total is `R` in `root_prop`.
    pub root: Book,
}

impl Ledger {
    /// The alpha book of `netuid` (created empty on first use).
    pub fn subnet(&mut self, netuid: u16) -> &mut Book {
        self.alpha.entry(netuid).or_default()
    }
    /// The alpha book of `netuid`, read-only.
    pub fn subnet_ref(&self, netuid: u16) -> Option<&Book> {
        self.alpha.get(&netuid)
    }
    /// Alpha `holder` holds on `netuid`, over all hotkeys.
    pub fn holder_alpha(&self, netuid: u16, holder: HolderId) -> u64 {
        self.alpha.get(&netuid).map_or(0, |b| b.holder_total(holder))
    }
    /// Pays `amount` TAO to root stakers pro rata to their root stake, restaked on the same
    /// hotkey; returns the rounding dust (or everything, when nobody stakes on root). Used when
    /// a subnet is deregistered with root TAO still pending.
    pub fn pay_root_pro_rata(&mut self, amount: u64) -> u64 {
        let stake = self.root.total();
        if amount == 0 || stake == 0 {
            return amount;
        }
        let stakers: Vec<(Hotkey, HolderId, u64)> = self.root.entries().collect();
        let mut left = amount;
        for (hotkey, holder, s) in stakers {
            let pay = (amount as u128 * s as u128 / stake as u128) as u64;
            self.root.credit(hotkey, holder, pay);
            left -= pay;
        }
        left
    }

    /// Stake weight of a validator on `netuid`: `alpha_stake + w · root_stake`.
    pub fn stake_weight(&self, netuid: u16, validator: ValidatorId, tao_weight: f64) -> f64 {
        let key = Hotkey::Validator(validator);
        let alpha = self.alpha.get(&netuid).map_or(0, |b| b.hotkey_total(key));
        alpha as f64 + tao_weight * self.root.hotkey_total(key) as f64
    }
}
