//! Stake: who has how much alpha on which subnet, and root stake, each delegated to a hotkey.
//!
//! Stake is a relation between a holder, a hotkey and a subnet, so it is kept the way the
//! chain keeps it (a map keyed by hotkey, coldkey and netuid) with running totals per hotkey,
//! instead of as a component on one of the three entities. Every change goes through the
//! methods here, which keep the totals equal to the sum of the entries.

use bevy::platform::collections::HashMap;
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
///
/// Amounts live in `amounts`, one slot per position; a hash index finds a position's slot
/// in one probe, so the payouts and sales that change an existing position (nearly every
/// transaction) touch no tree. The two ordered indexes, (hotkey, holder) and
/// (holder, hotkey), change only when a position opens or closes; they give the
/// deterministic orders the payouts iterate in.
#[derive(Clone, Debug, Default)]
pub struct Book {
    slot: HashMap<(Hotkey, HolderId), u32>,
    amounts: Vec<u64>,
    /// Slots of closed positions, reused by the next ones opened.
    free: Vec<u32>,
    entries: BTreeMap<(Hotkey, HolderId), u32>,
    /// The same stakes keyed the other way, so a holder's positions are found without a scan.
    by_holder: BTreeMap<(HolderId, Hotkey), u32>,
    /// Totals by validator hotkey (indexed by [`ValidatorId`]) and of own hotkeys.
    by_validator: Vec<u64>,
    own: u64,
    total: u64,
}

impl Book {
    /// What `holder` has delegated to `hotkey`.
    pub fn get(&self, hotkey: Hotkey, holder: HolderId) -> u64 {
        self.slot.get(&(hotkey, holder)).map_or(0, |s| self.amounts[*s as usize])
    }
    /// Everything delegated to `hotkey`.
    pub fn hotkey_total(&self, hotkey: Hotkey) -> u64 {
        match hotkey {
            Hotkey::Validator(v) => self.by_validator.get(v as usize).copied().unwrap_or(0),
            Hotkey::Own => self.own,
        }
    }
    fn hotkey_total_mut(&mut self, hotkey: Hotkey) -> &mut u64 {
        match hotkey {
            Hotkey::Validator(v) => {
                let v = v as usize;
                if self.by_validator.len() <= v {
                    self.by_validator.resize(v + 1, 0);
                }
                &mut self.by_validator[v]
            }
            Hotkey::Own => &mut self.own,
        }
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
            .map(|((_, k), s)| (*k, self.amounts[*s as usize]))
    }
    /// Nominators of `hotkey` and their stake, in holder order.
    pub fn nominators(&self, hotkey: Hotkey) -> impl Iterator<Item = (HolderId, u64)> + '_ {
        self.entries
            .range((hotkey, HolderId::MIN)..=(hotkey, HolderId::MAX))
            .map(|((_, h), s)| (*h, self.amounts[*s as usize]))
    }
    /// All entries, in (hotkey, holder) order.
    pub fn entries(&self) -> impl Iterator<Item = (Hotkey, HolderId, u64)> + '_ {
        self.entries.iter().map(|((k, h), s)| (*k, *h, self.amounts[*s as usize]))
    }
    pub fn credit(&mut self, hotkey: Hotkey, holder: HolderId, amount: u64) {
        if amount == 0 {
            return;
        }
        match self.slot.get(&(hotkey, holder)) {
            Some(s) => self.amounts[*s as usize] += amount,
            None => self.open(hotkey, holder, amount),
        }
        *self.hotkey_total_mut(hotkey) += amount;
        self.total += amount;
    }
    fn open(&mut self, hotkey: Hotkey, holder: HolderId, amount: u64) {
        let s = match self.free.pop() {
            Some(s) => {
                self.amounts[s as usize] = amount;
                s
            }
            None => {
                self.amounts.push(amount);
                (self.amounts.len() - 1) as u32
            }
        };
        self.slot.insert((hotkey, holder), s);
        self.entries.insert((hotkey, holder), s);
        self.by_holder.insert((holder, hotkey), s);
    }
    /// Pays `shared` to the nominators of `hotkey` in proportion to their stake on it, each
    /// part truncated, exactly as one [`Self::credit`] per nominator (stakes read before any
    /// is paid) would; returns what was paid.
    pub fn pay_nominators(&mut self, hotkey: Hotkey, shared: u64) -> u64 {
        let nominated = self.hotkey_total(hotkey);
        if nominated == 0 || shared == 0 {
            return 0;
        }
        let mut paid = 0;
        for s in self.entries.range((hotkey, HolderId::MIN)..=(hotkey, HolderId::MAX)).map(|(_, s)| *s as usize) {
            let pay = (shared as u128 * self.amounts[s] as u128 / nominated as u128) as u64;
            self.amounts[s] += pay;
            paid += pay;
        }
        *self.hotkey_total_mut(hotkey) += paid;
        self.total += paid;
        paid
    }
    /// Takes `amount` from the holder's stake on `hotkey`; refuses (changing nothing) when short.
    pub fn debit(&mut self, hotkey: Hotkey, holder: HolderId, amount: u64) -> Result<(), ()> {
        let Some(&s) = self.slot.get(&(hotkey, holder)) else {
            return if amount == 0 { Ok(()) } else { Err(()) };
        };
        let have = self.amounts[s as usize];
        if have < amount {
            return Err(());
        }
        if have == amount {
            self.slot.remove(&(hotkey, holder));
            self.entries.remove(&(hotkey, holder));
            self.by_holder.remove(&(holder, hotkey));
            self.amounts[s as usize] = 0;
            self.free.push(s);
        } else {
            self.amounts[s as usize] = have - amount;
        }
        *self.hotkey_total_mut(hotkey) -= amount;
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
