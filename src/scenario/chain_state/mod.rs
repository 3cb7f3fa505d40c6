//! The chain's own storage as a scenario's starting state: the keys of the SubtensorModule
//! and Swap items the importer reads ([`keys`]), their SCALE decoding into a
//! [`Snapshot`](super::snapshot::Snapshot) ([`decode`]), a saved dump in the shape of
//! `state_queryStorageAt`'s result ([`dump`]), and which rule set a runtime spec version
//! runs under ([`spec_rules`]). Reading from a node is the command line's business
//! (`cli::rpc`); everything here is pure.

pub mod decode;
pub mod dump;
pub mod keys;
pub mod spec_rules;

pub use decode::{decode, ChainState, SUBTENSOR_SPEC_NAME};
pub use spec_rules::{rule_set_for, RuleChoice};

use std::collections::BTreeMap;

/// Raw storage at one block: every key read, with its SCALE value or `None` where the node
/// has none (an absent `ValueQuery` entry reads as the item's default).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Storage {
    /// The block hash the values were read at, as the node gave it.
    pub block_hash: Option<String>,
    pub values: BTreeMap<Vec<u8>, Option<Vec<u8>>>,
}
