//! Building the world from a checked [`Genesis`].

use super::resolve::{Caption, Genesis};
use crate::world::*;
use crate::agents::{Agent, Memory, SellsEmission, SimRng};
use crate::transactions::{Script, TxLog};
use bevy::prelude::*;

/// The scenario the world was built from: title, description and captions, for the
/// dashboard and the CLI.
#[derive(Resource, Clone, Debug, Default)]
pub struct ScenarioInfo {
    pub title: String,
    pub description: String,
    pub seed: u64,
    pub blocks: u64,
    pub captions: Vec<Caption>,
    /// Charts the dashboard opens on (scenario key `focus_charts`).
    pub focus_charts: Vec<String>,
    /// Subnets the charts always colour (scenario key `spotlight`).
    pub spotlight: Vec<u16>,
}

/// Spawns every entity and sets every resource of `genesis` into an empty simulation world
/// (one built by [`crate::SimPlugin`] with nothing spawned yet).
pub fn spawn(world: &mut World, genesis: &Genesis) {
    world.insert_resource(genesis.params.clone());
    world.insert_resource(genesis.rule_overrides.clone());
    world.insert_resource(ScenarioInfo {
        title: genesis.title.clone(),
        description: genesis.description.clone(),
        seed: genesis.seed,
        blocks: genesis.blocks,
        captions: genesis.captions.clone(),
        focus_charts: genesis.focus_charts.clone(),
        spotlight: genesis.spotlight.clone(),
    });
    let mut directory = Directory::default();
    for (id, h) in genesis.holders.iter().enumerate() {
        let mut entity = world.spawn((Holder { id: id as HolderId, name: h.name.clone() }, Wallet { free_tao: h.free_tao }));
        if h.external {
            entity.insert(External);
        }
        if h.tracked {
            entity.insert(crate::metrics::Tracked);
        }
        if let Some((netuid, weight)) = h.miner {
            entity.insert(Miner { netuid, weight });
        }
        if let Some((vid, take, everywhere)) = h.validator {
            entity.insert(Validator { id: vid, take, everywhere });
            directory.validator_names.insert(h.name.clone(), vid);
        }
        if let Some((strategy, interval)) = &h.agent {
            // Spread turns over the interval so agents of one kind do not all trade in one block.
            let phase = (id as u64 * 97) % interval;
            entity.insert((Agent { strategy: strategy.clone(), interval: *interval, phase }, Memory::default()));
        }
        let sells = match (h.miner.is_some(), h.validator.is_some()) {
            (true, _) => genesis.sellers.miners,
            (_, true) => genesis.sellers.validators,
            _ => 0.0,
        };
        if sells > 0.0 {
            entity.insert(SellsEmission::new(sells));
        }
        directory.holder_names.insert(h.name.clone(), id as HolderId);
        directory.holders.push(entity.id());
    }
    directory.validators = genesis.validators.clone();
    directory.root = Some(world.spawn((Name::new("root"), RootNetwork)).id());

    let mut ledger = Ledger::default();
    for &(hotkey, holder, tao) in &genesis.root_positions {
        ledger.root.credit(hotkey, holder, tao);
    }
    let mut initial_tao: u128 = genesis.holders.iter().map(|h| h.free_tao as u128).sum::<u128>() + ledger.root.total() as u128;
    for s in &genesis.subnets {
        for &(netuid, hotkey, holder, alpha) in &genesis.alpha_positions {
            if netuid == s.netuid {
                ledger.subnet(netuid).credit(hotkey, holder, alpha);
            }
        }
        let staked = ledger.subnet(s.netuid).total();
        let outstanding = staked + s.protocol_alpha;
        let mut pool = Pool::new(s.tao, s.alpha, outstanding as i64);
        pool.weight_tao = s.weight_tao;
        initial_tao += s.tao as u128;
        let members = Members {
            miners: s.miners.iter().map(|h| directory.holders[*h as usize]).collect(),
            validators: s.validators.clone(),
        };
        let mut history = History::default();
        history.push(HistoryPoint { block: 0, price: pool.price(), volume_tao: 0, net_flow_tao: 0 });
        let entity = world
            .spawn((
                Subnet {
                    netuid: s.netuid,
                    name: s.name.clone(),
                    start_block: s.start_block,
                    registered_at: s.registered_at,
                    registered_block: s.registered_block,
                    owner: s.owner,
                },
                SubnetChain {
                    miner_burned: s.miner_burned,
                    emission_enabled: s.emission_enabled,
                    protocol_alpha: s.protocol_alpha,
                    tempo: s.tempo,
                    last_epoch_block: s.last_epoch_block,
                    null_consensus: s.null_consensus,
                    ..Default::default()
                },
                MovingPrice(s.moving_price.unwrap_or(pool.price().min(1.0))),
                pool,
                BlockFlow::default(),
                Pending::default(),
                SubnetTotals { minted_alpha: s.alpha + outstanding, ..default() },
                members,
                history,
            ))
            .id();
        directory.subnets.insert(s.netuid, entity);
    }
    // Owners sell too (an owner that is also a validator keeps the larger fraction).
    if genesis.sellers.owners > 0.0 {
        for s in &genesis.subnets {
            if let Some(owner) = s.owner {
                let entity = directory.holders[owner as usize];
                let current = world.get::<SellsEmission>(entity).map_or(0.0, |s| s.fraction);
                world.entity_mut(entity).insert(SellsEmission::new(current.max(genesis.sellers.owners)));
            }
        }
    }
    world.insert_resource(ledger);
    world.insert_resource(directory);
    world.insert_resource(Chain {
        block: 0,
        total_issuance: genesis.issuance,
        initial_issuance: genesis.issuance,
        block_emission: 0,
        initial_tao,
        external_tao: 0,
        recycled_tao: 0,
        issued_tao: 0,
        burned_tao: 0,
        root_sell: false,
        root_uncounted: 0,
        start_block: genesis.start_block,
        gate_bar: genesis.gate_bar,
        author_tao: 0,
        last_lock: genesis.last_lock,
        escrow_tao: 0,
    });
    world.insert_resource(crate::world::RegistrationQueue::default());
    world.insert_resource(RootClaims {
        keep: genesis
            .holders
            .iter()
            .enumerate()
            .filter(|(_, h)| h.root_claim == ClaimType::Keep)
            .map(|(i, _)| i as HolderId)
            .collect(),
        ..Default::default()
    });
    world.insert_resource(genesis.sellers);
    world.insert_resource(SimRng::seeded(genesis.seed));
    world.insert_resource(Script::new(genesis.events.clone()).with_portions(&genesis.portions));
    world.insert_resource(TxLog::default());
    crate::metrics::holders::record_start(world);
    world.insert_resource(genesis.claims.clone());
    crate::metrics::claims::record_start(world);
}
