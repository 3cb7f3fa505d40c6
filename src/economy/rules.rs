//! Rule sets: the presets of MODEL.md ("Rule sets") and the parameters a scenario may override.

use super::dividends::RootDividendRule;
use super::registration::{DissolutionRule, LockRule, RegistrationRule};
use bevy::prelude::Resource;
use serde::{Deserialize, Serialize};
use std::fmt;

/// How a block's TAO emission is split among subnets (MODEL.md step 2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ShareRule {
    /// BIT001: in proportion to the spot price.
    SpotPrice,
    /// Mainnet Feb 2025: in proportion to the moving price (EMA).
    EmaPrice,
    /// Mainnet Nov 2025: in proportion to the positive part of each subnet's EMA of net TAO
    /// flow (TAO staked in, net of fee, minus TAO unstaked out).
    TaoFlow,
    /// Mainnet Aug 2026 (spec 443): the moving price weighted by what miners did not burn,
    /// `ema·(1 − min(MinerBurned, 1))`, through the Hill gate `s/(1 + (θ/s)³)` with the bar θ
    /// at the 32nd-largest share, and nothing for subnets whose emission switch is off. In
    /// the chain's fixed point; a scenario may pair it with any preset, so it is a share
    /// rule of its own, not a sign of [`Engine::Spec443`].
    GatedEma,
}

impl ShareRule {
    /// Whether shares read the moving price (it is updated each block under every rule).
    pub fn uses_moving_price(self) -> bool {
        matches!(self, ShareRule::EmaPrice | ShareRule::GatedEma)
    }
    pub fn name(self) -> &'static str {
        match self {
            ShareRule::SpotPrice => "spot_price",
            ShareRule::EmaPrice => "ema_price",
            ShareRule::TaoFlow => "tao_flow",
            ShareRule::GatedEma => "gated_ema",
        }
    }

    pub const ALL: [ShareRule; 4] = [ShareRule::SpotPrice, ShareRule::EmaPrice, ShareRule::TaoFlow, ShareRule::GatedEma];
}

/// Parses a share rule by the name scenarios write (`spot_price`, `ema_price`, …): the one
/// parser of these names.
impl std::str::FromStr for ShareRule {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, String> {
        let name = text.trim();
        ShareRule::ALL.into_iter().find(|r| r.name() == name).ok_or_else(|| {
            let known: Vec<&str> = ShareRule::ALL.iter().map(|r| r.name()).collect();
            format!("unknown share rule \"{name}\" (known: {})", known.join(", "))
        })
    }
}

/// The arithmetic and pool model a block's coinbase and every swap run on: the one name of
/// the spec-443 era. Presets set it ([`RuleSet::Mainnet2026_08`] runs [`Engine::Spec443`],
/// every older preset [`Engine::Float`]); no scenario key overrides it, so a mid-run switch
/// comes only with a rule set. The block schedule picks the coinbase systems by it and
/// [`Params::quote_stake`] the pool.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Engine {
    /// Constant-product pools whose swap fee stays in the pool; the coinbase's cap, chain
    /// buy and split computed in `f64` and floored to the RAO.
    Float,
    /// Runtime spec 443 (`SPEC_2026_08.md`, [`super::spec443`]): every pool is a Balancer
    /// weighted pool (spot price `(w_α/w_τ)·y/x`) whose swap fee goes to the block author;
    /// the coinbase, in the chain's fixed point, injects at the spot price up to
    /// `root_prop·α_em`, buys first and reweights at constant price, and keeps the alpha it
    /// bought as protocol alpha.
    Spec443,
}

/// A named preset of rules: the proposal, or the chain at one dated commit (docs/MODEL.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum RuleSet {
    /// The proposal as written: spot-price shares, no swap fee, 18% owner cut.
    #[default]
    #[serde(rename = "bit001")]
    Bit001,
    /// The chain at subtensor `5073ade60` (2025-02-24): EMA-price shares (constant factor 3e-6
    /// of `min(price, 1)`), 50,000 RAO flat fee, owner cut 11796/65535, no subnet limit.
    #[serde(rename = "mainnet-2025-02")]
    Mainnet2025_02,
    /// The chain at subtensor `459fa72d1` (2025-11-24): TAO-flow shares, chain buys of the
    /// excess TAO, root alpha kept and claimed by root stakers, fee 33/65535 of the input.
    #[serde(rename = "mainnet-2025-11")]
    Mainnet2025_11,
    /// The chain at runtime spec 443 (2026-08-07, `SPEC_2026_08.md`): gated, burn-weighted
    /// EMA shares; injection capped at `root_prop·α_em` with chain buys kept as protocol
    /// alpha; Balancer pools with the fee paid to the block author; EMA factor 0.0003;
    /// epochs by `LastEpochBlock`; root dividends kept in place (Root Reborn, null strategy).
    #[serde(rename = "mainnet-2026-08")]
    Mainnet2026_08,
    /// The chain at runtime spec 475 (2026-10-07, `SPEC_2026_10.md`): `mainnet-2026-08`'s
    /// engine with queued registration and escrow at the subnet limit, the dissolution payout
    /// of `destroy_alpha_in_out_stakes`, root dividends only to root-registered validators
    /// (recycled when none qualifies), and optional recycling of transaction fees.
    #[serde(rename = "mainnet-2026-10")]
    Mainnet2026_10,
}

impl RuleSet {
    pub const ALL: [RuleSet; 5] =
        [RuleSet::Bit001, RuleSet::Mainnet2025_02, RuleSet::Mainnet2025_11, RuleSet::Mainnet2026_08, RuleSet::Mainnet2026_10];

    pub fn name(self) -> &'static str {
        match self {
            RuleSet::Bit001 => "bit001",
            RuleSet::Mainnet2025_02 => "mainnet-2025-02",
            RuleSet::Mainnet2025_11 => "mainnet-2025-11",
            RuleSet::Mainnet2026_08 => "mainnet-2026-08",
            RuleSet::Mainnet2026_10 => "mainnet-2026-10",
        }
    }
}

/// Parses a rule set by the name scenarios and the command line write (`bit001`,
/// `mainnet-2025-11`, …): the one parser of these names.
impl std::str::FromStr for RuleSet {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, String> {
        let name = text.trim();
        RuleSet::ALL.into_iter().find(|r| r.name() == name).ok_or_else(|| {
            let known: Vec<&str> = RuleSet::ALL.iter().map(|r| r.name()).collect();
            format!("unknown rule set \"{name}\" (known: {})", known.join(", "))
        })
    }
}

impl fmt::Display for RuleSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The rules in force: a preset with any overrides applied. Changing it mid-run (a scenario
/// event or the dashboard) takes effect from the next block's coinbase.
#[derive(Resource, Clone, Debug, PartialEq, Serialize)]
pub struct Params {
    pub rule_set: RuleSet,
    pub share_rule: ShareRule,
    /// `w` in `root_prop = w·R / (w·R + alpha_issuance)` and in validator stake weight.
    pub tao_weight: f64,
    /// Blocks between a subnet's epochs are `tempo + 1`.
    pub tempo: u64,
    /// Flat swap fee in RAO; it stays in the pool.
    pub fee_rao: u64,
    /// Fraction of each subnet's alpha emission paid to its owner.
    pub owner_cut: f64,
    /// TAO emission per block before halvings, in RAO (1 TAO on the chain).
    pub block_reward_rao: u64,
    /// Registering beyond this many subnets deregisters the one with the lowest moving price.
    pub subnet_limit: u16,
    /// Blocks after registration during which a subnet cannot be deregistered.
    pub immunity_period: u64,
    /// TAO a registration costs, in RAO, unless the event says otherwise. Only
    /// [`Self::registration_pool_rao`] of it goes into the new pool; the rest is burned.
    pub lock_cost_rao: u64,
    /// TAO (and as much alpha) a new subnet's pool starts with: the chain's
    /// `NetworkMinLockCost`, 1 TAO on mainnet. The rest of the lock leaves circulation and
    /// total issuance falls by it (`burn_tokens` on the chain).
    pub registration_pool_rao: u64,
    /// `SubnetMovingAlpha`: the moving price's factor for a mature subnet (3e-6 on the chain).
    pub moving_alpha: f64,
    /// Blocks of the moving-price ramp `n/(n + h)` for young subnets (201,600 from 2025-03-19
    /// on the chain); 0 for no ramp (the factor is `moving_alpha` from the first block).
    pub moving_halving_blocks: u64,
    /// Smallest stake, in RAO, before the fee (`DefaultMinStake`, 500,000): a stake must be
    /// at least this plus the fee, an unstake must be worth more than this before the fee.
    pub min_stake_rao: u64,
    /// Swap fee in 65535ths of the input (TAO on a stake, alpha on an unstake), on top of
    /// `fee_rao`; it stays in the pool. 33 from the Nov-2025 swap pallet.
    pub fee_per_65535: u16,
    /// Nov-2025 reserve rule: a swap is refused when its output reserve is below this many
    /// RAO before the swap (`MinimumReserve`, 1,000,000). 0: the launch rule, no reserve
    /// below 10,000,000 RAO after the swap.
    pub min_reserve_before_rao: u64,
    /// When the alpha cap binds, inject only `alpha_in·price` TAO and buy alpha from the
    /// pool with the rest (no fee), recycling what it buys (Nov 2025). Otherwise the whole
    /// TAO share is injected.
    pub chain_buy: bool,
    /// Root alpha is kept as alpha, paid at the epoch to the subnet's validators by root
    /// dividend and claimed by their root stakers (Nov 2025), instead of sold every block.
    pub root_alpha_claimed: bool,
    /// `FlowNormExponent` `p` of the TAO-flow shares `z^p / Σ z^p` (1 on the chain).
    pub flow_exponent: f64,
    /// The arithmetic of the coinbase and the pools ([`Engine`]).
    pub engine: Engine,
    /// Spec 443: a subnet's epoch runs when `block − LastEpochBlock ≥ tempo` (its own tempo),
    /// at most this many per block, the rest deferred; 0: the older rule, every `tempo + 1`
    /// blocks staggered by netuid.
    pub max_epochs_per_block: u32,
    /// Spec 441+ (Root Reborn, null strategy): root alpha paid at the epoch stays in place as
    /// alpha of the subnet, credited to the root stakers of each validator; nothing is sold
    /// and nothing waits to be claimed. Needs [`Self::root_alpha_claimed`] for the split.
    pub root_alpha_in_place: bool,
    /// Spec 443 registration: the whole lock goes into the new pool, with alpha at the
    /// median spot price of the subnets, and the subnet's TAO emission starts switched off.
    pub full_lock_pool: bool,
    /// How a registration's lock is priced: [`Self::lock_cost_rao`] flat, or the chain's
    /// doubling lock decaying from the last registration (`lock_cost_rao` its minimum).
    pub lock_rule: super::registration::LockRule,
    /// What a registration at the subnet limit does (at once, or queued with escrow).
    pub registration: super::registration::RegistrationRule,
    /// Who gets a dissolved subnet's pool TAO.
    pub dissolution: super::registration::DissolutionRule,
    /// Which validators earn root dividends, and what becomes of a pot nobody earns.
    pub root_dividends: super::dividends::RootDividendRule,
    /// Spec 475 (`epoch_cap_for_block`): a block where a subnet with Null consensus is due
    /// runs at most one epoch.
    pub null_epoch_cap: bool,
    /// Spec 444+: transaction fees recycled out of total issuance each block, in RAO, paid by
    /// wallets outside the simulation (0: not modelled).
    pub tx_fee_recycled_rao: u64,
}

/// `NetworkLockReductionInterval` on mainnet (SPEC_2026_10.md §2.2 item 32).
pub const NETWORK_LOCK_REDUCTION_INTERVAL: u64 = 115_200;
/// `NetworkRegistrationStartBlock`: subnets registered before it are refunded their lock at
/// dissolution.
pub const NETWORK_REGISTRATION_START_BLOCK: u64 = 6_573_966;
/// `TaoInRefundDeploymentBlock`: a dissolved subnet registered after it counts its pool's
/// alpha with the protocol's (read at 9,240,381).
pub const TAO_IN_REFUND_DEPLOYMENT_BLOCK: u64 = 8_334_450;
/// Blocks from a registration queued at the limit to its settlement: the dissolved subnet's
/// cleanup (`DissolveCleanupQueue`, run in `on_idle`). A choice: the chain's depends on the
/// weight left in each block (docs/MODEL.md, "mainnet-2026-10").
pub const DISSOLVE_CLEANUP_BLOCKS: u64 = 3;
/// Root UIDs (`MaxAllowedUids` of the root subnet): the hotkeys that may earn root dividends.
pub const ROOT_UID_SLOTS: usize = 64;

/// The chain's `DefaultMinStake`, in RAO.
pub const DEFAULT_MIN_STAKE: u64 = 500_000;

/// The subtensor commit each mainnet preset reproduces.
pub const MAINNET_2025_02_COMMIT: &str = "5073ade602c367471f5124329b9d7ccf8e972d69";
/// See [`MAINNET_2025_02_COMMIT`].
pub const MAINNET_2025_11_COMMIT: &str = "459fa72d1";

/// The TAO-flow EMA's factor per block, `29,597,889,189,277 / (2^63 − 1)` (half-life about
/// 216,000 blocks).
pub const FLOW_EMA_FACTOR: f64 = 29_597_889_189_277.0 / 9_223_372_036_854_775_807.0;

/// Owed root alpha below this many RAO is not auto-claimed (`RootClaimableThreshold`).
pub const ROOT_CLAIM_THRESHOLD: u64 = 500_000;

/// Coldkeys whose root alpha is auto-claimed each block (`NumRootClaim`).
pub const ROOT_CLAIMS_PER_BLOCK: usize = 5;

/// A subnet's weight for TAO-flow shares: `max(S, 0)^p` (`z = max(S − L, 0)` with the lower
/// limit `L = max(TaoFlowCutoff, min(min S, 0)) = 0`).
pub fn flow_weight(ema: f64, exponent: f64) -> f64 {
    match ema > 0.0 {
        true if exponent == 1.0 => ema,
        true => ema.powf(exponent),
        false => 0.0,
    }
}

/// Shares `z_i^p / Σ z^p` of the positive parts of the flow EMAs; all 0 when none is positive
/// (then no TAO is emitted).
pub fn flow_shares(emas: &[f64], exponent: f64) -> Vec<f64> {
    let z: Vec<f64> = emas.iter().map(|s| flow_weight(*s, exponent)).collect();
    let total: f64 = z.iter().sum();
    z.iter().map(|x| if total > 0.0 { x / total } else { 0.0 }).collect()
}

/// The largest block reward a scenario may set: far above the chain's 1 TAO, and far below
/// anything that could overflow the issuance counter.
pub const MAX_BLOCK_REWARD: u64 = 1_000 * super::RAO_PER_TAO;

impl Params {
    /// The preset's parameters, as in MODEL.md's table.
    pub fn preset(rule_set: RuleSet) -> Self {
        match rule_set {
            RuleSet::Bit001 => Params {
                rule_set,
                share_rule: ShareRule::SpotPrice,
                tao_weight: 0.18,
                tempo: 360,
                fee_rao: 0,
                owner_cut: 0.18,
                block_reward_rao: super::RAO_PER_TAO,
                subnet_limit: 128,
                immunity_period: 50_400,
                lock_cost_rao: 1_000 * super::RAO_PER_TAO,
                registration_pool_rao: super::RAO_PER_TAO,
                moving_alpha: 3e-6,
                moving_halving_blocks: 201_600,
                min_stake_rao: DEFAULT_MIN_STAKE,
                fee_per_65535: 0,
                min_reserve_before_rao: 0,
                chain_buy: false,
                root_alpha_claimed: false,
                flow_exponent: 1.0,
                engine: Engine::Float,
                max_epochs_per_block: 0,
                root_alpha_in_place: false,
                full_lock_pool: false,
                lock_rule: LockRule::Flat,
                registration: RegistrationRule::Instant,
                dissolution: DissolutionRule::AllOutstanding,
                root_dividends: RootDividendRule::RootStake,
                null_epoch_cap: false,
                tx_fee_recycled_rao: 0,
            },
            // Subtensor 5073ade60 (2025-02-24), written as what differs from the proposal:
            // no EMA ramp yet (added 2025-03-19), no subnet limit nor pruning (added 2025-09-24).
            RuleSet::Mainnet2025_02 => Params {
                rule_set,
                share_rule: ShareRule::EmaPrice,
                fee_rao: 50_000,
                owner_cut: 11796.0 / 65535.0,
                subnet_limit: u16::MAX,
                immunity_period: 7 * 7_200,
                moving_halving_blocks: 0,
                ..Params::preset(RuleSet::Bit001)
            },
            // Subtensor 459fa72d1 (2025-11-24), as what changed since February: flow EMA
            // started at 0, EMA ramp counted from the subnet's start, subnet limit 128 with
            // pruning (from 2025-09-24), the swap pallet's fee on the input, chain buys, root
            // alpha claimed.
            RuleSet::Mainnet2025_11 => Params {
                rule_set,
                share_rule: ShareRule::TaoFlow,
                fee_rao: 0,
                subnet_limit: 128,
                immunity_period: 1_296_000,
                moving_halving_blocks: 201_600,
                fee_per_65535: 33,
                min_reserve_before_rao: 1_000_000,
                chain_buy: true,
                root_alpha_claimed: true,
                ..Params::preset(RuleSet::Mainnet2025_02)
            },
            // Runtime spec 443 (SPEC_2026_08.md §13-§15), as what changed since November 2025:
            // gated EMA shares, Balancer pools (the 33/65535 fee now goes to the block author),
            // EMA factor 0.0003, epochs by LastEpochBlock (2 per block at most), Root Reborn's
            // null strategy, full-lock pools for new subnets, immunity 864,000 blocks, 1 TAO
            // minimum lock, and the chain's doubling lock with its decay interval scaled by the
            // block emission (SPEC_2026_10.md §2.2 item 21 corrects SPEC_2026_08 §12).
            RuleSet::Mainnet2026_08 => Params {
                rule_set,
                share_rule: ShareRule::GatedEma,
                block_reward_rao: super::RAO_PER_TAO,
                moving_alpha: 0.0003,
                immunity_period: 864_000,
                lock_cost_rao: super::RAO_PER_TAO,
                engine: Engine::Spec443,
                max_epochs_per_block: 2,
                root_alpha_in_place: true,
                full_lock_pool: true,
                lock_rule: LockRule::Doubling { reduction_interval: NETWORK_LOCK_REDUCTION_INTERVAL },
                ..Params::preset(RuleSet::Mainnet2025_11)
            },
            // Runtime spec 475 (SPEC_2026_10.md §3), as what changed since spec 443: queued
            // registration with escrow (472/473), the dissolution payout of
            // `destroy_alpha_in_out_stakes`, root dividends for root UIDs only. Transaction-fee
            // recycling (444) is a scenario's choice: 0 here.
            RuleSet::Mainnet2026_10 => Params {
                rule_set,
                registration: RegistrationRule::Queued { settle_blocks: DISSOLVE_CLEANUP_BLOCKS },
                dissolution: DissolutionRule::Stakers {
                    registration_start_block: NETWORK_REGISTRATION_START_BLOCK,
                    tao_in_refund_block: TAO_IN_REFUND_DEPLOYMENT_BLOCK,
                },
                root_dividends: RootDividendRule::RootRegistered { slots: ROOT_UID_SLOTS },
                null_epoch_cap: true,
                ..Params::preset(RuleSet::Mainnet2026_08)
            },
        }
    }

    /// `TaoWeight` as the chain stores it ([`super::spec443::terms::tao_weight_raw`]).
    pub fn tao_weight_raw(&self) -> u64 {
        super::spec443::terms::tao_weight_raw(self.tao_weight)
    }

    /// The lock a registration pays at absolute block `now` by [`Self::lock_rule`], after the
    /// registration `last`, with total issuance `total_issuance` (which sets `E`).
    pub fn registration_lock(&self, last: super::registration::LastLock, now: u64, total_issuance: u64) -> u64 {
        let emission = super::block_emission(total_issuance, self.block_reward_rao);
        self.lock_rule.cost(self.lock_cost_rao, last, now, emission)
    }

    /// Epochs a block may run (`epoch_cap_for_block`): `max_epochs_per_block`, or at most 1
    /// when `null_due` (a Null-consensus subnet is due) and the rule set has the Null cap.
    pub fn epoch_cap(&self, null_due: bool) -> usize {
        let cap = self.max_epochs_per_block as usize;
        if self.null_epoch_cap && null_due { cap.min(1) } else { cap }
    }

    /// The owner cut in 65,535ths, as the chain stores `SubnetOwnerCut`.
    pub fn owner_cut_raw(&self) -> u16 {
        (self.owner_cut.clamp(0.0, 1.0) * 65_535.0).round() as u16
    }

    /// `SubnetMovingAlpha` as the chain's `I96F32` raw (0.0003 is 1,288,490).
    pub fn moving_alpha_raw(&self) -> u64 {
        super::spec443::fixed::U96F32::from_f64(self.moving_alpha.clamp(0.0, 1.0)) as u64
    }

    /// The moving price's factor for a subnet `age` blocks old (1 on its first block);
    /// `None` is a mature subnet, for which the ramp has run its course.
    pub fn moving_factor(&self, age: Option<u64>) -> f64 {
        match age {
            Some(n) if self.moving_halving_blocks > 0 => {
                let n = n as f64;
                self.moving_alpha * n / (n + self.moving_halving_blocks as f64)
            }
            _ => self.moving_alpha,
        }
    }

    /// Whether subnet `netuid` runs its epoch at `block` (MODEL.md step 5).
    pub fn is_epoch(&self, netuid: u16, block: u64) -> bool {
        self.is_epoch_in_phase(netuid, self.epoch_phase(block))
    }

    /// `(block + 1) mod (tempo + 1)`: computed once per block, so that checking each subnet
    /// needs no division when its netuid is below the period.
    /// Saturating, so that no tempo can divide by zero (scenarios cap it at
    /// [`super::limits::MAX_BLOCKS`]; this keeps any other caller from panicking).
    pub fn epoch_phase(&self, block: u64) -> u64 {
        block.wrapping_add(1) % self.tempo.saturating_add(1)
    }

    /// [`Self::is_epoch`] given the block's [`Self::epoch_phase`].
    pub fn is_epoch_in_phase(&self, netuid: u16, phase: u64) -> bool {
        let period = self.tempo.saturating_add(1);
        let n = netuid as u64;
        let n = if n < period { n } else { n % period };
        // In 128 bits: `phase + n` and `tempo + period` may pass 64 bits for a huge tempo.
        let (sum, tempo) = (phase as u128 + n as u128, self.tempo as u128);
        sum == tempo || sum == tempo + period as u128
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_epoch_phase_shortcut_agrees_with_the_rule() {
        for tempo in [1, 2, 360, 1000] {
            let p = Params { tempo, ..Params::default() };
            for block in 0..3 * (tempo + 1) {
                for netuid in [0u16, 1, 2, 359, 360, 361, 4096, 65535] {
                    assert_eq!(p.is_epoch(netuid, block), (block + netuid as u64 + 1) % (tempo + 1) == tempo);
                }
            }
        }
    }

    #[test]
    fn a_tempo_of_u64_max_neither_divides_by_zero_nor_overflows() {
        let p = Params { tempo: u64::MAX, ..Params::default() };
        for block in [0, 1, 1_000, u64::MAX - 1, u64::MAX] {
            let phase = p.epoch_phase(block);
            for netuid in [0u16, 1, 65535] {
                let _ = p.is_epoch_in_phase(netuid, phase);
            }
        }
    }
}

impl Default for Params {
    fn default() -> Self {
        Params::preset(RuleSet::Bit001)
    }
}
