//! Registering a subnet, and deregistering the weakest one when the subnet limit is reached.

use super::Market;
use crate::economy::registration::{Dissolved, LastLock, RegistrationRule};
use crate::economy::{Refusal, MIN_RESERVE};
use crate::world::{
    BlockFlow, History, HistoryPoint, Holder, HolderId, Members, Miner, MovingPrice, Pending, Pool, QueuedRegistration,
    Subnet, SubnetChain, SubnetTotals, Wallet,
};
use bevy::prelude::*;
use std::collections::BTreeMap;

impl Market<'_, '_> {
    /// The lock a registration pays now under the rule set's [`LockRule`] (an event may name
    /// another amount).
    pub fn lock_cost(&self) -> u64 {
        self.params.registration_lock(self.chain.last_lock, self.chain.absolute_block(), self.chain.total_issuance)
    }

    /// Takes `lock` RAO of the owner's TAO and opens a subnet ([`Self::open_subnet`]). At the
    /// subnet limit (counting registrations still queued) the subnet with the lowest moving
    /// price, past its immunity period, is deregistered first. Under
    /// [`RegistrationRule::Queued`] the lock then waits in escrow and the subnet opens when
    /// the slot is free ([`Self::settle_registrations`]); the netuid returned is the one freed.
    pub fn register(
        &mut self,
        owner: HolderId,
        owner_entity: Entity,
        free: u64,
        name: Option<String>,
        lock: u64,
        miners: u32,
    ) -> Result<u16, Refusal> {
        if lock < 2 * MIN_RESERVE {
            return Err(Refusal::InvalidParameter);
        }
        if free < lock {
            return Err(Refusal::InsufficientFunds);
        }
        if self.directory.subnets.len() + self.queue.entries.len() >= self.params.subnet_limit as usize {
            let victim = self.prune_target().ok_or(Refusal::SubnetLimit)?;
            self.deregister(victim);
            if let RegistrationRule::Queued { settle_blocks } = self.params.registration {
                self.wallet_mut(owner_entity)?.free_tao -= lock;
                self.chain.escrow_tao += lock as u128;
                let median_price = self.median_price();
                let lock_id = self.queue.next_lock_id;
                self.queue.next_lock_id = lock_id.wrapping_add(1);
                let settles_at = self.chain.block + settle_blocks.max(1);
                self.queue.entries.push(QueuedRegistration { lock_id, owner, name, miners, lock, median_price, settles_at });
                return Ok(victim);
            }
        }
        let median = self.median_price();
        self.open_subnet(owner, Some(owner_entity), name, lock, miners, median)
    }

    /// Settles the queued registrations due at this block, in queue order: each opens its
    /// subnet with the lock and median price fixed when it was queued, paid from its escrow,
    /// or, when it cannot (no free slot, no netuid, its owner gone), is refunded in full.
    pub fn settle_registrations(&mut self) {
        let block = self.chain.block;
        let (due, waiting): (Vec<_>, Vec<_>) = std::mem::take(&mut self.queue.entries).into_iter().partition(|e| e.settles_at <= block);
        self.queue.entries = waiting;
        for entry in due {
            self.chain.escrow_tao -= entry.lock as u128;
            let owner = self.directory.holder(entry.owner).filter(|e| self.wallets.get(*e).is_ok());
            let room = self.directory.subnets.len() + self.queue.entries.len() < self.params.subnet_limit as usize;
            let opened = match (owner, room) {
                (Some(_), true) => self.open_subnet(entry.owner, None, entry.name.clone(), entry.lock, entry.miners, entry.median_price),
                _ => Err(Refusal::SubnetLimit),
            };
            match (opened, owner) {
                (Ok(_), _) => self.queue.settled += 1,
                (Err(_), Some(e)) => {
                    self.wallet_mut(e).map(|mut w| w.free_tao += entry.lock).ok();
                    self.queue.refunded += 1;
                }
                // Nobody to refund: the escrow's TAO leaves circulation.
                (Err(_), None) => {
                    self.chain.recycled_tao += entry.lock as u128;
                    self.queue.refunded += 1;
                }
            }
        }
    }

    /// The subnet a registration at the limit prunes: the lowest moving price past its
    /// immunity period (ties: the lowest netuid), among the subnets still registered.
    fn prune_target(&self) -> Option<u16> {
        let block = self.chain.block;
        let immunity = self.params.immunity_period;
        let directory = &self.directory;
        self.subnets
            .iter()
            // Saturating: a huge immunity period means "never", not a wrapped-around block.
            .filter(|(s, ..)| block as i128 >= s.registered_block as i128 + immunity as i128)
            // Only subnets still registered: one deregistered earlier in this system run is
            // despawned only when its commands are applied, and its netuid may be reused.
            .filter(|(s, ..)| directory.subnets.get(&s.netuid).is_some_and(|e| self.subnets.get(*e).is_ok_and(|x| x.0.start_block == s.start_block)))
            .min_by(|a, b| a.4 .0.total_cmp(&b.4 .0).then(a.0.netuid.cmp(&b.0.netuid)))
            .map(|(s, ..)| s.netuid)
    }

    /// The median spot price of the registered subnets (the upper median for an even count;
    /// 1 when there is none), which a full-lock pool opens at.
    fn median_price(&self) -> f64 {
        let mut prices: Vec<f64> = self
            .subnets
            .iter()
            .filter(|(s, ..)| self.directory.subnets.get(&s.netuid).is_some())
            .map(|(_, p, ..)| p.price())
            .filter(|p| p.is_finite() && *p > 0.0)
            .collect();
        prices.sort_by(f64::total_cmp);
        prices.get(prices.len() / 2).copied().unwrap_or(1.0)
    }

    /// Opens a subnet with `lock` RAO, taken from the owner's wallet (`wallet`) or, without
    /// one, from an escrow already debited: the rule set's registration pool (1 TAO on the
    /// chain, `NetworkMinLockCost`) goes into a new pool at price 1 with as much alpha minted,
    /// and the rest of the lock is burned (total issuance falls by it, as `burn_tokens` does
    /// on the chain); under spec 443 the whole lock opens the pool at `median` price. The
    /// subnet starts emitting the next block with a moving price of 0, as on the chain, and
    /// its lock is the one the doubling lock cost decays from.
    fn open_subnet(
        &mut self,
        owner: HolderId,
        wallet: Option<Entity>,
        name: Option<String>,
        lock: u64,
        miners: u32,
        median: f64,
    ) -> Result<u16, Refusal> {
        let block = self.chain.block;
        let netuid = (1..=u16::MAX).find(|n| !self.directory.subnets.contains_key(n)).ok_or(Refusal::SubnetLimit)?;
        // Spec 443: the whole lock opens the pool, with alpha at the median spot price of the
        // subnets (SPEC_2026_08.md §12); before, the pool was the minimum lock at price 1.
        let (pool, pool_alpha) = if self.params.full_lock_pool {
            let alpha = (lock as f64 / median).min(u64::MAX as f64 / 4.0) as u64;
            (lock, alpha.max(MIN_RESERVE))
        } else {
            let pool = lock.min(self.params.registration_pool_rao).max(MIN_RESERVE);
            (pool, pool)
        };
        if let Some(entity) = wallet {
            self.wallets.get_mut(entity).map_err(|_| Refusal::UnknownHolder)?.0.free_tao -= lock;
        }
        let burned = lock - pool;
        self.chain.burned_tao += burned as u128;
        self.chain.total_issuance = self.chain.total_issuance.saturating_sub(burned);
        self.chain.last_lock = LastLock { rao: lock, block: self.chain.absolute_block() };

        let mut miner_entities = Vec::new();
        for i in 0..miners {
            let id = self.directory.holders.len() as HolderId;
            let name = format!("SN{netuid} miner {} (block {block})", i + 1);
            let mut miner = self.commands.spawn((Holder { id, name: name.clone() }, Wallet::default(), Miner { netuid, weight: 1.0 }));
            if self.sellers.miners > 0.0 {
                miner.insert(crate::world::SellsEmission::new(self.sellers.miners));
            }
            let entity = miner.id();
            self.directory.holders.push(entity);
            self.directory.holder_names.insert(name, id);
            miner_entities.push(entity);
        }
        let mut validators: Vec<_> = self.validators.iter().filter(|v| v.everywhere).map(|v| v.id).collect();
        validators.sort();
        let mut history = History::default();
        history.push(HistoryPoint { block, price: pool as f64 / pool_alpha as f64, volume_tao: 0, net_flow_tao: 0 });
        let tempo = self.params.tempo.max(1);
        let now = self.chain.absolute_block();
        let entity = self
            .commands
            .spawn((
                Subnet {
                    netuid,
                    name: name.unwrap_or_else(|| format!("SN{netuid}")),
                    start_block: block + 1,
                    registered_at: Some(block as i64 + 1),
                    registered_block: block as i64,
                    owner: Some(owner),
                },
                Pool::new(pool, pool_alpha, 0),
                SubnetChain {
                    // Root switches a new subnet's TAO emission on (spec 443); before, it was on.
                    emission_enabled: !self.params.full_lock_pool,
                    // Staggered as the chain does: `LastEpochBlock = now − netuid mod tempo`.
                    last_epoch_block: now.saturating_sub(netuid as u64 % tempo),
                    ..Default::default()
                },
                MovingPrice(0.0),
                BlockFlow::default(),
                Pending::default(),
                SubnetTotals { minted_alpha: pool_alpha, ..default() },
                Members { miners: miner_entities, validators },
                history,
            ))
            .id();
        self.directory.subnets.insert(netuid, entity);
        Ok(netuid)
    }

    /// Removes a subnet: its pending root TAO goes to root stakers, its pool's TAO (reservoir
    /// folded back) to alpha holders as the rule set's [`crate::economy::registration::DissolutionRule`]
    /// says; what is not paid out (alpha nobody holds, the protocol's part, dust) is recycled.
    pub fn deregister(&mut self, netuid: u16) {
        let Some(entity) = self.directory.subnets.remove(&netuid) else { return };
        self.claims.remove_subnet(netuid);
        let Ok((subnet, pool, _, members, _, _, pending)) = self.subnets.get(entity) else { return };
        // `registered_block` counts from the run's first block; the chain's rules name absolute ones.
        let registered_block = subnet.registered_block.saturating_add(self.chain.start_block as i64);
        let (pool, root_tao, miners) = (*pool, pending.root_tao, members.miners.clone());
        self.chain.recycled_tao += self.ledger.pay_root_pro_rata(root_tao) as u128;
        let protocol = self.chain_states.get(entity).map_or(0, |c| c.protocol_alpha);

        let book = self.ledger.alpha.remove(&netuid).unwrap_or_default();
        let mut by_holder: BTreeMap<HolderId, u128> = BTreeMap::new();
        for (_, holder, alpha) in book.entries() {
            *by_holder.entry(holder).or_default() += alpha as u128;
        }
        let stakes: Vec<u64> = by_holder.values().map(|a| (*a).min(u64::MAX as u128) as u64).collect();
        let dissolved = Dissolved {
            pot: pool.tao_reserve + pool.reservoir_tao,
            outstanding: pool.alpha_outstanding.max(0) as u64,
            protocol,
            alpha_in: pool.alpha_reserve + pool.reservoir_alpha,
            registered_block,
        };
        let payout = self.params.dissolution.payout(dissolved, &stakes);
        let mut unpaid = payout.recycled;
        for (holder, pay) in by_holder.keys().zip(payout.stakers) {
            match self.directory.holder(*holder).and_then(|e| self.wallets.get_mut(e).ok()) {
                Some(mut wallet) => wallet.0.free_tao += pay,
                None => unpaid += pay,
            }
        }
        self.chain.recycled_tao += unpaid as u128;
        for miner in miners {
            self.commands.entity(miner).remove::<Miner>();
        }
        self.commands.entity(entity).despawn();
    }
}
