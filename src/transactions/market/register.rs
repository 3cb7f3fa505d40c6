//! Registering a subnet, and deregistering the weakest one when the subnet limit is reached.

use super::Market;
use crate::economy::{Refusal, MIN_RESERVE};
use crate::world::{
    BlockFlow, History, HistoryPoint, Holder, HolderId, Members, Miner, MovingPrice, Pending, Pool, Subnet, SubnetChain,
    SubnetTotals, Wallet,
};
use bevy::prelude::*;
use std::collections::BTreeMap;

impl Market<'_, '_> {
    /// Takes `lock` RAO of the owner's TAO: the rule set's registration pool (1 TAO on the
    /// chain, `NetworkMinLockCost`) goes into a new pool at price 1 with as much alpha minted,
    /// and the rest of the lock is burned (total issuance falls by it, as `burn_tokens` does on
    /// the chain). The subnet starts emitting the next block with a moving price of 0, as on the
    /// chain. At the subnet limit the subnet with the lowest moving price, past its immunity
    /// period, is deregistered first and its netuid reused.
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
        let block = self.chain.block;
        if self.directory.subnets.len() >= self.params.subnet_limit as usize {
            let immunity = self.params.immunity_period;
            let directory = &self.directory;
            let victim = self
                .subnets
                .iter()
                // Saturating: a huge immunity period means "never", not a wrapped-around block.
                .filter(|(s, ..)| block as i128 >= s.registered_block as i128 + immunity as i128)
                // Only subnets still registered: one deregistered earlier in this system run is
                // despawned only when its commands are applied, and its netuid may be reused.
                .filter(|(s, ..)| directory.subnets.get(&s.netuid).is_some_and(|e| self.subnets.get(*e).is_ok_and(|x| x.0.start_block == s.start_block)))
                .min_by(|a, b| a.4 .0.total_cmp(&b.4 .0).then(a.0.netuid.cmp(&b.0.netuid)))
                .map(|(s, ..)| s.netuid)
                .ok_or(Refusal::SubnetLimit)?;
            self.deregister(victim);
        }
        let netuid = (1..=u16::MAX).find(|n| !self.directory.subnets.contains_key(n)).ok_or(Refusal::SubnetLimit)?;
        // Spec 443: the whole lock opens the pool, with alpha at the median spot price of the
        // subnets (SPEC_2026_08.md §12); before, the pool was the minimum lock at price 1.
        let (pool, pool_alpha) = if self.params.full_lock_pool {
            let mut prices: Vec<f64> = self
                .subnets
                .iter()
                .filter(|(s, ..)| self.directory.subnets.get(&s.netuid).is_some())
                .map(|(_, p, ..)| p.price())
                .filter(|p| p.is_finite() && *p > 0.0)
                .collect();
            prices.sort_by(f64::total_cmp);
            let median = prices.get(prices.len() / 2).copied().unwrap_or(1.0);
            let alpha = (lock as f64 / median).min(u64::MAX as f64 / 4.0) as u64;
            (lock, alpha.max(MIN_RESERVE))
        } else {
            let pool = lock.min(self.params.registration_pool_rao).max(MIN_RESERVE);
            (pool, pool)
        };
        self.wallets.get_mut(owner_entity).map_err(|_| Refusal::UnknownHolder)?.0.free_tao -= lock;
        let burned = lock - pool;
        self.chain.burned_tao += burned as u128;
        self.chain.total_issuance = self.chain.total_issuance.saturating_sub(burned);

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

    /// Removes a subnet: its pending root TAO goes to root stakers, its pool's TAO to alpha
    /// holders pro rata to their alpha. The share of alpha nobody holds (pending or unclaimed
    /// emission) and rounding dust are recycled.
    pub fn deregister(&mut self, netuid: u16) {
        let Some(entity) = self.directory.subnets.remove(&netuid) else { return };
        self.claims.remove_subnet(netuid);
        let Ok((_, pool, _, members, _, _, pending)) = self.subnets.get(entity) else { return };
        let (pool, root_tao, miners) = (*pool, pending.root_tao, members.miners.clone());
        self.chain.recycled_tao += self.ledger.pay_root_pro_rata(root_tao) as u128;

        let book = self.ledger.alpha.remove(&netuid).unwrap_or_default();
        let mut by_holder: BTreeMap<HolderId, u128> = BTreeMap::new();
        for (_, holder, alpha) in book.entries() {
            *by_holder.entry(holder).or_default() += alpha as u128;
        }
        let outstanding = pool.alpha_outstanding.max(0) as u128;
        // Reservoirs are folded back first; protocol alpha's part of the pool is recycled.
        let pool_tao = pool.tao_reserve + pool.reservoir_tao;
        let mut paid = 0u64;
        if outstanding > 0 {
            for (holder, alpha) in by_holder {
                let pay = (pool_tao as u128 * alpha / outstanding) as u64;
                if let Some(mut wallet) = self.directory.holder(holder).and_then(|e| self.wallets.get_mut(e).ok()) {
                    wallet.0.free_tao += pay;
                    paid += pay;
                }
            }
        }
        self.chain.recycled_tao += (pool_tao - paid) as u128;
        for miner in miners {
            self.commands.entity(miner).remove::<Miner>();
        }
        self.commands.entity(entity).despawn();
    }
}
