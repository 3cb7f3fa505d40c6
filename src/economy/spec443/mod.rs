//! The arithmetic of the chain's runtime spec 443 (mainnet from August 2026), for the
//! `mainnet-2026-08` rule set: its fixed point, the Balancer pool, the gated emission shares
//! and each subnet's injection terms, as specified in `docs/MODEL.md` ("mainnet-2026-08").
//! Everything is pure and works on the chain's raw fixed-point integers, so that results
//! agree with the chain to the RAO (`tests/spec443.rs` checks them against one block of
//! mainnet).

pub mod balancer;
pub mod coinbase;
pub mod fixed;
pub mod shares;
pub mod terms;
