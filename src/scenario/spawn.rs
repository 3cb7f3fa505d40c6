//! Building the world from a checked [`Genesis`].

use super::resolve::{Caption, Genesis};
use crate::world::*;
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
}

/// Spawns every entity and sets every resource of `genesis` into an empty simulation world
/// (one built by [`crate::SimPlugin`] with nothing spawned yet).
pub fn spawn(world: &mut World, genesis: &Genesis) {
    world.insert_resource(genesis.params.clone());
    world.insert_resource(ScenarioInfo {
        title: genesis.title.clone(),
        description: genesis.description.clone(),
        seed: genesis.seed,
        blocks: genesis.blocks,
        captions: genesis.captions.clone(),
    });
    let mut directory = Directory::default();
    for (id, h) in genesis.holders.iter().enumerate() {
        let mut entity = world.spawn((Holder { id: id as HolderId, name: h.name.clone() }, Wallet { free_tao: h.free_tao }));
        if h.external {
            entity.insert(External);
        }
        if let Some((netuid, weight)) = h.miner {
            entity.insert(Miner { netuid, weight });
        }
        if let Some((vid, take)) = h.validator {
            entity.insert(Validator { id: vid, take });
            directory.validator_names.insert(h.name.clone(), vid);
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
        let pool = Pool { tao_reserve: s.tao, alpha_reserve: s.alpha, alpha_outstanding: staked as i64 };
        initial_tao += s.tao as u128;
        let members = Members {
            miners: s.miners.iter().map(|h| directory.holders[*h as usize]).collect(),
            validators: s.validators.clone(),
        };
        let entity = world
            .spawn((
                Subnet { netuid: s.netuid, name: s.name.clone(), start_block: 0, owner: s.owner },
                MovingPrice(pool.price().min(1.0)),
                pool,
                BlockFlow::default(),
                Pending::default(),
                SubnetTotals { minted_alpha: s.alpha + staked, ..default() },
                members,
            ))
            .id();
        directory.subnets.insert(s.netuid, entity);
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
    });
    world.insert_resource(Script::new(genesis.events.clone()));
    world.insert_resource(TxLog::default());
}
