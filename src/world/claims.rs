//! Nov-2025 rules: root alpha owed to root stakers, claimed later (subtensor `claim_root.rs`).
//!
//! At an epoch, the root alpha a validator receives (after its take) raises its hotkey's
//! rate on that subnet: alpha owed per RAO of root stake on the hotkey. A root staker is
//! owed `rate · stake − claimed`; stake added later is credited as already claimed, so it
//! earns no past dividends.

use super::ledger::{HolderId, Hotkey};
use bevy::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// What a root staker's claims do with the alpha.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimType {
    /// Sell it through the pool with no fee and stake the TAO on root (the chain's default).
    #[default]
    Swap,
    /// Stake it on the subnet, through the same hotkey.
    Keep,
}

/// Rates and claims of root alpha.
#[derive(Resource, Clone, Debug, Default)]
pub struct RootClaims {
    /// Alpha owed per RAO of root stake, by (hotkey, netuid).
    pub rate: BTreeMap<(Hotkey, u16), f64>,
    /// Alpha already counted as claimed, by (hotkey, holder, netuid).
    pub claimed: BTreeMap<(Hotkey, HolderId, u16), u64>,
    /// Holders who keep their root alpha; the others swap it.
    pub keep: BTreeSet<HolderId>,
    /// Where the round of auto-claims continues, in the list of root stakers.
    pub cursor: usize,
}

impl RootClaims {
    pub fn claim_type(&self, holder: HolderId) -> ClaimType {
        if self.keep.contains(&holder) { ClaimType::Keep } else { ClaimType::Swap }
    }

    /// The subnets where `hotkey` has a rate, with the rate.
    pub fn rates(&self, hotkey: Hotkey) -> impl Iterator<Item = (u16, f64)> + '_ {
        self.rate.range((hotkey, 0)..=(hotkey, u16::MAX)).map(|((_, n), r)| (*n, *r))
    }

    /// Root alpha of `netuid` that `holder` may claim through `hotkey` with `stake` on it.
    pub fn owed(&self, hotkey: Hotkey, holder: HolderId, netuid: u16, stake: u64) -> u64 {
        let rate = self.rate.get(&(hotkey, netuid)).copied().unwrap_or(0.0);
        let earned = (rate * stake as f64) as u64;
        earned.saturating_sub(self.claimed.get(&(hotkey, holder, netuid)).copied().unwrap_or(0))
    }

    /// Root stake added to `hotkey` by `holder`: counted as having claimed everything so far.
    pub fn stake_added(&mut self, hotkey: Hotkey, holder: HolderId, amount: u64) {
        let rates: Vec<(u16, f64)> = self.rates(hotkey).collect();
        for (netuid, rate) in rates {
            *self.claimed.entry((hotkey, holder, netuid)).or_default() += (rate * amount as f64) as u64;
        }
    }

    /// Root stake removed: what it had earned and not claimed stays owed on the rest.
    pub fn stake_removed(&mut self, hotkey: Hotkey, holder: HolderId, amount: u64) {
        let rates: Vec<(u16, f64)> = self.rates(hotkey).collect();
        for (netuid, rate) in rates {
            if let Some(c) = self.claimed.get_mut(&(hotkey, holder, netuid)) {
                *c = c.saturating_sub((rate * amount as f64) as u64);
            }
        }
    }

    /// Forgets a deregistered subnet.
    pub fn remove_subnet(&mut self, netuid: u16) {
        self.rate.retain(|(_, n), _| *n != netuid);
        self.claimed.retain(|(_, _, n), _| *n != netuid);
    }
}
