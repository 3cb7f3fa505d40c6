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
        .add_message::<Order>()
        .add_systems(
            Block,
            (script::apply_script_events, apply_orders).chain().in_set(BlockStep::Transactions).in_set(OrdersApplied),
        );
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
