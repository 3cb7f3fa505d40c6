//! Step 7 of a block: transactions. Scripted scenario events run first (in file order), then
//! orders sent as [`Order`] messages (the dashboard's trade panel), in arrival order.
//! Every trade goes through [`Market::execute`], the one place where holders' funds, pools
//! and the ledger change together.

pub mod log;
pub mod market;
pub mod order;
pub mod script;

pub use log::{TxLog, TxReport};
pub use market::{Market, SubnetView};
pub use order::{Action, Order, ParamChange};
pub use script::Script;

use crate::block::{Block, BlockStep};
use bevy::prelude::*;

pub fn plugin(app: &mut App) {
    app.init_resource::<Script>()
        .init_resource::<TxLog>()
        .init_resource::<crate::world::RegistrationQueue>()
        .add_message::<Order>()
        .add_systems(
            Block,
            (
                settle_registrations.run_if(registrations_queued),
                script::apply_script_events,
                apply_orders,
                recycle_transaction_fees.run_if(fees_recycled),
            )
                .chain()
                .in_set(BlockStep::Transactions)
                .in_set(OrdersApplied),
        );
}

/// Queued registrations whose slot is free settle first in the block they are due, as the
/// chain's `on_idle` of the block before would (`mainnet-2026-10`).
fn settle_registrations(mut market: Market) {
    market.settle_registrations();
}

fn registrations_queued(queue: Res<crate::world::RegistrationQueue>) -> bool {
    !queue.entries.is_empty()
}

/// Spec 444+: the block's transaction fees, paid by wallets outside the simulation, are
/// recycled: total issuance falls by them, which moves the halving later. In the TAO
/// balance they come from outside and leave as recycled TAO.
fn recycle_transaction_fees(mut chain: ResMut<crate::world::Chain>, params: Res<crate::economy::Params>) {
    let fee = params.tx_fee_recycled_rao.min(chain.total_issuance);
    chain.total_issuance -= fee;
    chain.recycled_tao += fee as u128;
    chain.external_tao += fee as i128;
}

fn fees_recycled(params: Res<crate::economy::Params>) -> bool {
    params.tx_fee_recycled_rao > 0
}

/// Scripted events and the window's orders; strategies act after them.
#[derive(SystemSet, Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct OrdersApplied;

/// Executes the orders that arrived as messages since the last block.
fn apply_orders(mut orders: MessageReader<Order>, mut market: Market, mut log: ResMut<TxLog>) {
    for order in orders.read() {
        let result = market.execute(order);
        log.record(market.block(), order, result, None);
    }
}
