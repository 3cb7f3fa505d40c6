//! Components: plain data on subnet, root-network and holder entities.

use super::ledger::{HolderId, ValidatorId};
use crate::economy::Reserves;
use bevy::prelude::*;

/// A subnet with a pool. Netuid 0, the root network, is [`RootNetwork`] instead.
#[derive(Component, Clone, Debug)]
pub struct Subnet {
    pub netuid: u16,
    pub name: String,
    /// The first block at which it takes part in emission.
    pub start_block: u64,
    /// The block it was registered at, for the moving price's ramp; it may lie before the
    /// run (negative). `None`: a mature subnet, registered long before the run.
    pub registered_at: Option<i64>,
    /// The block it was registered at, for its immunity from deregistration (negative:
    /// before the run).
    pub registered_block: i64,
    /// The holder paid the owner's cut; `None` leaves that alpha unclaimed.
    pub owner: Option<HolderId>,
}

/// The netuid-0 entity: no pool, price 1, never emitted to. Root stake is in the [`super::Ledger`].
#[derive(Component, Clone, Debug, Default)]
pub struct RootNetwork;

/// A subnet's liquidity pool and the alpha held outside it.
#[derive(Component, Clone, Copy, Debug)]
pub struct Pool {
    pub tao_reserve: u64,
    pub alpha_reserve: u64,
    /// Alpha outside the pool, pending emission included (`SubnetAlphaOut` on the chain).
    /// Signed only because the reference model's outside market may sell alpha it never
    /// bought; holders of the simulation can only sell what they own.
    pub alpha_outstanding: i64,
    /// The TAO side's weight in parts of 10¹⁸ (`mainnet-2026-08`'s Balancer pools; ½, a
    /// constant-product pool, under every other rule set).
    pub weight_tao: u64,
    /// TAO and alpha of injections parked because the weights would have left [1%, 99%]
    /// (`BalancerTaoReservoir`, `BalancerAlphaReservoir`); 0 outside `mainnet-2026-08`.
    pub reservoir_tao: u64,
    pub reservoir_alpha: u64,
}

impl Pool {
    /// A constant-product pool (equal weights, empty reservoirs).
    pub fn new(tao_reserve: u64, alpha_reserve: u64, alpha_outstanding: i64) -> Self {
        Pool {
            tao_reserve,
            alpha_reserve,
            alpha_outstanding,
            weight_tao: crate::economy::swap::HALF_WEIGHT,
            reservoir_tao: 0,
            reservoir_alpha: 0,
        }
    }
    pub fn reserves(&self) -> Reserves {
        Reserves { tao: self.tao_reserve, alpha: self.alpha_reserve, weight_tao: self.weight_tao }
    }
    /// Swaps change the reserves, never the weights.
    pub fn set_reserves(&mut self, r: Reserves) {
        self.tao_reserve = r.tao;
        self.alpha_reserve = r.alpha;
    }
    /// Spot price in TAO per alpha: `(w_α/w_τ)·tao/alpha`, which is `tao/alpha` for equal weights.
    pub fn price(&self) -> f64 {
        self.reserves().price()
    }
    /// `alpha_reserve + alpha_outstanding` (+ alpha parked in the reservoir): what the alpha
    /// halving curve and `root_prop` count.
    pub fn alpha_issuance(&self) -> u64 {
        (self.alpha_reserve as i128 + self.alpha_outstanding as i128 + self.reservoir_alpha as i128).max(0) as u64
    }
}

/// A subnet's settings and state of the chain beyond its pool, mostly read by spec 443
/// (the gated shares, the Balancer coinbase, epochs by `LastEpochBlock`): its miners' burn
/// (cut at every epoch under any rule set), its emission switch, the alpha the chain bought
/// and keeps, and its epoch clock. Every subnet has one: genesis and registration spawn it
/// with the pool, so systems query it directly.
#[derive(Component, Clone, Copy, Debug)]
pub struct SubnetChain {
    /// `MinerBurned`: the part of miner incentive the owner's hotkeys withhold (burned at the
    /// epoch); a subnet's TAO share is weighted by `1 − min(MinerBurned, 1)`. Kept on the
    /// chain's grid of 2⁻³² so that shares agree with the chain to the RAO.
    pub miner_burned: f64,
    /// `SubnetEmissionEnabled`: root's switch of the subnet's TAO emission (its alpha
    /// emission and moving price go on regardless).
    pub emission_enabled: bool,
    /// `SubnetProtocolAlpha`: alpha bought by chain buys and kept; part of alpha outstanding.
    pub protocol_alpha: u64,
    /// Blocks between epochs under `mainnet-2026-08`; 0 uses the rule set's tempo.
    pub tempo: u64,
    /// `LastEpochBlock`, an absolute block number.
    pub last_epoch_block: u64,
    /// `EpochConsensus::Null` (spec 475, opt-in): under `mainnet-2026-10` a block where such
    /// a subnet's epoch is due runs one epoch at most. Its payouts are modelled as Yuma's.
    pub null_consensus: bool,
    /// The last Balancer spot price computed, with the (alpha, TAO, weight) it was computed
    /// for: the coinbase reads the price twice a block, and between blocks most pools are
    /// not traded, so most reads need no division. Kept here rather than on [`Pool`], which
    /// every rule set's systems read.
    pub(crate) spot_cache: (u64, u64, u64, u128),
}

impl SubnetChain {
    /// The Balancer spot price (`U64F64` raw) of `pool`, exactly as the chain computes it
    /// ([`crate::economy::spec443::balancer::price`]).
    pub fn spot_raw(&mut self, pool: &Pool) -> u128 {
        let key = (pool.alpha_reserve, pool.tao_reserve, pool.weight_tao);
        if (self.spot_cache.0, self.spot_cache.1, self.spot_cache.2) != key {
            self.spot_cache = (key.0, key.1, key.2, crate::economy::spec443::balancer::price(key.0, key.1, key.2));
        }
        self.spot_cache.3
    }
}

impl Default for SubnetChain {
    fn default() -> Self {
        SubnetChain { miner_burned: 0.0, emission_enabled: true, protocol_alpha: 0, tempo: 0, last_epoch_block: 0, null_consensus: false, spot_cache: (0, 0, 0, 0) }
    }
}

/// The moving price (EMA of `min(price, 1)`), updated each block under every share rule.
#[derive(Component, Clone, Copy, Debug, Default)]
pub struct MovingPrice(pub f64);

/// What the coinbase did to this subnet in the current block (overwritten every block).
#[derive(Component, Clone, Copy, Debug, Default)]
pub struct BlockFlow {
    pub share: f64,
    pub tao_in: u64,
    pub alpha_in: u64,
    /// Alpha emitted to outstanding this block (`alpha_out` in the CSV).
    pub alpha_em: u64,
    /// `w·R / (w·R + alpha issuance)`, issuance read after this block's injection.
    pub root_prop: f64,
    pub owner_alpha: u64,
    pub miner_alpha: u64,
    pub validator_alpha: u64,
    /// Alpha of the root share: sold to TAO at once, or (Nov-2025 rules) kept for root
    /// stakers to claim.
    pub root_alpha: u64,
    pub root_tao: u64,
    /// Nov-2025 rules: TAO of the subnet's share that bought alpha from the pool because the
    /// alpha cap bound, and the alpha it bought (recycled).
    pub chain_buy_tao: u64,
    pub chain_buy_alpha: u64,
    /// Nov-2025 rules: root alpha recycled because the root-sell flag was down.
    pub root_alpha_recycled: u64,
    /// Nov-2025 rules: root alpha claimed this block (sold to root stake, or kept as alpha).
    pub root_claimed_alpha: u64,
    /// Nov-2025 rules: TAO that root stakers' claims of this block sold alpha for (a root
    /// sell, like [`Self::root_tao`]).
    pub root_claim_tao: u64,
    /// `mainnet-2026-08`: the subnet's TAO for this block before the injection terms, as
    /// the chain's `U96F32` (32 fractional bits), which the terms divide by the price.
    pub tao_emission_raw: u128,
    /// `mainnet-2026-08`: miner alpha burned at this block's epoch (by `MinerBurned`).
    pub miner_burned_alpha: u64,
    /// Whether the subnet's epoch ran this block.
    pub epoch: bool,
    /// `mainnet-2026-08`: RAO of `alpha_em` that the split's floors leave to nobody.
    pub split_dust: u64,
}

/// Emission accrued since the subnet's last epoch, paid out at the next.
#[derive(Component, Clone, Copy, Debug, Default)]
pub struct Pending {
    pub owner_alpha: u64,
    pub miner_alpha: u64,
    pub validator_alpha: u64,
    pub root_tao: u64,
    /// Nov-2025 rules: root alpha kept for the epoch.
    pub root_alpha: u64,
}

impl Pending {
    pub fn alpha(&self) -> u64 {
        self.owner_alpha + self.miner_alpha + self.validator_alpha + self.root_alpha
    }
}

/// Running totals kept for the conservation check and for reports.
#[derive(Component, Clone, Copy, Debug, Default)]
pub struct SubnetTotals {
    /// Alpha in existence: the genesis reserves and positions plus every `alpha_in` and `alpha_em`.
    pub minted_alpha: u64,
    /// Alpha paid at an epoch with no one to receive it (no owner, miners or validators).
    /// It stays outstanding, as on the chain.
    pub unclaimed_alpha: u64,
    /// Net alpha the outside market (reference replays) has bought; may be negative.
    pub external_alpha: i64,
    /// TAO traded through the pool by holders, both ways, in RAO.
    pub volume_tao: u128,
    /// TAO staked in minus TAO unstaked by holders, since the start, in RAO.
    pub net_flow_tao: i128,
    /// Nov-2025 rules: TAO flow since the last block's coinbase (staked in net of fee, minus
    /// TAO paid out), folded into [`Self::flow_ema`] at the next coinbase.
    pub flow_block_tao: i128,
    /// Nov-2025 rules: the EMA of the per-block TAO flow, which decides emission shares.
    pub flow_ema: f64,
    /// Alpha taken out of existence: bought by chain buys, or root alpha with the root-sell
    /// flag down. Already subtracted from [`Self::minted_alpha`].
    pub recycled_alpha: u64,
    /// Nov-2025 rules: root alpha paid at epochs and not claimed yet by root stakers.
    pub claimable_alpha: u64,
}

/// A subnet's recent past, sampled every [`History::STEP`] blocks: what strategies read as
/// signals and the dashboard's table shows as change and volume.
#[derive(Component, Clone, Debug, Default)]
pub struct History {
    pub points: std::collections::VecDeque<HistoryPoint>,
}

/// One sampled point of a subnet's [`History`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HistoryPoint {
    pub block: u64,
    pub price: f64,
    pub volume_tao: u128,
    pub net_flow_tao: i128,
}

impl History {
    /// Blocks between points.
    pub const STEP: u64 = 100;
    /// Points kept: 102,400 blocks, about 14 days.
    pub const CAPACITY: usize = 1024;

    pub fn push(&mut self, point: HistoryPoint) {
        if self.points.len() == Self::CAPACITY {
            self.points.pop_front();
        }
        self.points.push_back(point);
    }

    /// The point about `blocks` before the latest (the oldest kept if the history is shorter).
    pub fn ago(&self, blocks: u64) -> Option<&HistoryPoint> {
        let back = (blocks / Self::STEP) as usize;
        let last = self.points.len().checked_sub(1)?;
        self.points.get(last.saturating_sub(back))
    }

    /// Relative price change over `blocks`: 0.1 means up 10%.
    pub fn momentum(&self, blocks: u64, price: f64) -> f64 {
        self.ago(blocks).map_or(0.0, |p| if p.price > 0.0 { price / p.price - 1.0 } else { 0.0 })
    }
}

/// Who is registered on a subnet, for the epoch payout.
#[derive(Component, Clone, Debug, Default)]
pub struct Members {
    /// Miner entities (each with a [`Miner`] component).
    pub miners: Vec<Entity>,
    /// Validators that validate on this subnet.
    pub validators: Vec<ValidatorId>,
}

/// A holder (coldkey): anyone who owns TAO, root stake or alpha.
#[derive(Component, Clone, Debug)]
pub struct Holder {
    pub id: HolderId,
    pub name: String,
}

/// A holder's free (unstaked) TAO.
#[derive(Component, Clone, Copy, Debug, Default)]
pub struct Wallet {
    pub free_tao: u64,
}

/// Marks the outside market of a reference replay: it trades without balances, and its net
/// flows are tracked in [`super::Chain::external_tao`] and [`SubnetTotals::external_alpha`].
#[derive(Component, Clone, Copy, Debug, Default)]
pub struct External;

/// A miner registered on one subnet; its share of miner emission is `weight / Σ weights`.
#[derive(Component, Clone, Copy, Debug)]
pub struct Miner {
    pub netuid: u16,
    pub weight: f64,
}

/// A validator hotkey, held by a holder entity; stakers delegate to it.
#[derive(Component, Clone, Copy, Debug)]
pub struct Validator {
    pub id: ValidatorId,
    /// Fraction of its dividends it keeps before paying nominators.
    pub take: f64,
    /// Validates on every subnet, those registered later included.
    pub everywhere: bool,
}

impl Subnet {
    /// Blocks since registration at `block`, counting the registration block as 1 (the
    /// moving price's ramp); `None` for a mature subnet.
    pub fn age(&self, block: u64) -> Option<u64> {
        self.registered_at.map(|at| (block as i128 - at as i128 + 1).max(1) as u64)
    }
}

/// Sells `fraction` of every payout, right after the epoch that paid it.
#[derive(Component, Clone, Debug, Default)]
pub struct SellsEmission {
    pub fraction: f64,
    /// The stake already seen on each netuid, so only new payouts are sold.
    pub seen: Vec<(u16, u64)>,
}

impl SellsEmission {
    pub fn new(fraction: f64) -> Self {
        SellsEmission { fraction, seen: Vec::new() }
    }

    pub fn seen_mut(&mut self, netuid: u16) -> &mut u64 {
        let i = match self.seen.iter().position(|(n, _)| *n == netuid) {
            Some(i) => i,
            None => {
                self.seen.push((netuid, 0));
                self.seen.len() - 1
            }
        };
        &mut self.seen[i].1
    }
}
