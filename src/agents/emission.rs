//! Emission sellers: validators, miners and owners who sell part of what each epoch pays
//! them. This is the sell pressure the proposal moves from TAO holders onto alpha.

use crate::transactions::{Action, Market, Order, TxLog};
use crate::world::{BlockFlow, Holder, SellsEmission, Subnet};
use bevy::prelude::*;

pub fn sell_emission(
    mut market: Market,
    mut sellers: Query<(&Holder, &mut SellsEmission)>,
    epochs: Query<(&Subnet, &BlockFlow)>,
    mut log: ResMut<TxLog>,
) {
    if sellers.is_empty() {
        return;
    }
    let block = market.block();
    // The epoch step marks the subnets it paid this block (whichever rule scheduled them).
    let mut paid: Vec<u16> = epochs.iter().filter(|(_, f)| f.epoch).map(|(s, _)| s.netuid).collect();
    paid.sort_unstable();
    for netuid in paid {
        for (entity, hotkey) in market.payees(netuid) {
            let Ok((holder, mut seller)) = sellers.get_mut(entity) else { continue };
            let now = market.alpha_on(holder.id, netuid, hotkey);
            let fraction = seller.fraction;
            // One search of the seller's netuids per payout (a validator's has every subnet).
            let seen = seller.seen_mut(netuid);
            let earned = now.saturating_sub(*seen);
            let sell = (earned as f64 * fraction) as u64;
            *seen = now;
            if sell == 0 {
                continue;
            }
            let order = Order { hotkey: Some(hotkey), ..Order::new(holder.id, Action::Unstake { netuid, alpha: sell }) };
            let result = market.execute(&order);
            if result.is_ok() {
                *seen = now - sell;
            }
            log.record(block, &order, result, None);
        }
    }
}
