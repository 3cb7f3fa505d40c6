//! The record of transactions: counts, and the refused ones with their reasons.

use super::order::Order;
use crate::economy::Refusal;
use bevy::prelude::*;
use serde::Serialize;

/// Refused transactions kept in full; beyond this only the count grows.
pub const KEEP_REFUSED: usize = 10_000;

/// One transaction's outcome.
#[derive(Clone, Debug, Serialize)]
pub struct TxReport {
    pub block: u64,
    pub order: Order,
    /// RAO received (alpha for a stake, TAO for an unstake, the amount moved for root).
    pub out_rao: Option<u64>,
    pub refused: Option<Refusal>,
    /// Why, in words.
    pub reason: Option<String>,
}

#[derive(Resource, Clone, Debug, Default)]
pub struct TxLog {
    pub accepted: u64,
    pub refused_count: u64,
    pub refused: Vec<TxReport>,
    /// The result of each scripted event, by its index in the scenario (`None` until run or when refused).
    pub script_results: Vec<Option<u64>>,
    /// The most recent outcome, for the dashboard.
    pub last: Option<TxReport>,
}

impl TxLog {
    pub fn record(&mut self, block: u64, order: &Order, result: Result<u64, Refusal>, script_index: Option<usize>) {
        if let Some(i) = script_index {
            if self.script_results.len() <= i {
                self.script_results.resize(i + 1, None);
            }
            self.script_results[i] = result.ok();
        }
        let report = TxReport {
            block,
            order: order.clone(),
            out_rao: result.ok(),
            refused: result.err(),
            reason: result.err().map(|r| r.to_string()),
        };
        match result {
            Ok(_) => self.accepted += 1,
            Err(_) => {
                self.refused_count += 1;
                if self.refused.len() < KEEP_REFUSED {
                    self.refused.push(report.clone());
                }
            }
        }
        self.last = Some(report);
    }
}
