//! Global resources: the chain's counters and the index from ids to entities.

use super::ledger::{HolderId, ValidatorId};
use bevy::prelude::*;
use std::collections::{BTreeMap, HashMap};

/// Chain-wide counters.
#[derive(Resource, Clone, Debug, Default)]
pub struct Chain {
    /// The block being processed; advanced after the metrics step. Blocks start at 0.
    pub block: u64,
    /// Total TAO issuance, which drives halvings.
    pub total_issuance: u64,
    /// Issuance at the start of the run.
    pub initial_issuance: u64,
    /// This block's TAO emission `E`.
    pub block_emission: u64,
    /// All TAO the simulation tracks (wallets, root stake, pools, pending) at the start.
    pub initial_tao: u128,
    /// Net TAO from outside the simulation: what the outside market of a reference replay
    /// put into pools (may be negative), and recycled transaction fees (`mainnet-2026-10`).
    pub external_tao: i128,
    /// TAO taken out of circulation: the share of a deregistered pool that belonged to
    /// alpha nobody held (pending or unclaimed emission), and rounding dust of its payout.
    pub recycled_tao: u128,
    /// TAO emitted into pools since the start (`Σ tao_in`), in RAO.
    pub issued_tao: u128,
    /// TAO burned since the start: the part of each registration's lock that does not go
    /// into the new pool. Total issuance fell by as much.
    pub burned_tao: u128,
    /// Nov-2025 rules: whether root alpha is kept for root stakers this block (the sum of
    /// the started subnets' moving prices is above 1); otherwise it is recycled.
    pub root_sell: bool,
    /// Nov-2025 rules: root stake that came from claims sold to TAO. The chain did not add it
    /// to `SubnetTAO[0]`, so it is left out of `R` in `root_prop`.
    pub root_uncounted: u64,
    /// The absolute block number of the run's first block (`[chain] start_block`); blocks
    /// are counted from 0 inside the run and shown as `start_block + block`.
    pub start_block: u64,
    /// `mainnet-2026-08`: the emission gate's bar θ (`EmissionGateBar`), `U64F64` raw; 0
    /// until the first block computes it.
    pub gate_bar: u128,
    /// `mainnet-2026-08`: swap fees paid to block authors, in TAO (an alpha fee is sold to
    /// TAO for the author). It leaves the pools, so it is counted as its own account.
    pub author_tao: u128,
    /// The last registration the doubling lock decays from (`NetworkLastLockCost` and its
    /// block, absolute); see [`crate::economy::registration::LockRule`].
    pub last_lock: crate::economy::registration::LastLock,
    /// `mainnet-2026-10`: TAO in the escrows of registrations waiting for their slot
    /// ([`RegistrationQueue`]). It belongs to nobody's wallet until settled or refunded.
    pub escrow_tao: u128,
}

impl Chain {
    /// The absolute block number of the block being processed.
    pub fn absolute_block(&self) -> u64 {
        self.start_block.saturating_add(self.block)
    }

    /// `R` in `root_prop`: the TAO staked on root, less what claims added without counting.
    pub fn root_for_prop(&self, root_total: u64) -> u64 {
        root_total.saturating_sub(self.root_uncounted)
    }
}

/// `mainnet-2026-10` (specs 472/473): registrations made at the subnet limit, waiting for the
/// slot their dissolved subnet frees (`NetworkRegistrationQueue`), in queue order.
#[derive(Resource, Clone, Debug, Default)]
pub struct RegistrationQueue {
    pub entries: Vec<QueuedRegistration>,
    /// The next entry's `lock_id` (`NetworkRegistrationLockId`).
    pub next_lock_id: u32,
    /// Registrations that settled, and that failed to and were refunded, since the start.
    pub settled: u64,
    pub refunded: u64,
}

/// One queued registration, with what was fixed when it was queued.
#[derive(Clone, Debug, PartialEq)]
pub struct QueuedRegistration {
    pub lock_id: u32,
    pub owner: HolderId,
    pub name: Option<String>,
    pub miners: u32,
    /// The lock, paid into escrow at queue time (`lock_amount`).
    pub lock: u64,
    /// The median spot price of the subnets at queue time (`median_subnet_alpha_price`).
    pub median_price: f64,
    /// The run's block at which it settles.
    pub settles_at: u64,
}

/// Finds entities by their ids. Filled when a scenario is spawned.
#[derive(Resource, Clone, Debug, Default)]
pub struct Directory {
    /// Holder entities, indexed by [`HolderId`].
    pub holders: Vec<Entity>,
    pub holder_names: HashMap<String, HolderId>,
    /// Subnet entities by netuid (root excluded).
    pub subnets: BTreeMap<u16, Entity>,
    /// The holder that owns each validator hotkey, indexed by [`ValidatorId`].
    pub validators: Vec<HolderId>,
    pub validator_names: HashMap<String, ValidatorId>,
    pub root: Option<Entity>,
}

impl Directory {
    pub fn holder(&self, id: HolderId) -> Option<Entity> {
        self.holders.get(id as usize).copied()
    }
    pub fn holder_id(&self, name: &str) -> Option<HolderId> {
        self.holder_names.get(name).copied()
    }
}

/// Fractions of payouts sold by role; also applied to miners of subnets registered later.
#[derive(Clone, Copy, Debug, Default, PartialEq, Resource)]
pub struct SellerPolicy {
    pub validators: f64,
    pub miners: f64,
    pub owners: f64,
}
