//! One subnet's injection terms, its alpha_out split and its moving price under spec 443
//! (SPEC_2026_08.md §5, §7, §10).

use super::fixed::{U64F64, U96F32, ONE_64};
use crate::economy::block_emission;

/// `TaoWeight` as the chain stores it, `floor(w·(2⁶⁴ − 1))` of the decimal `w` (to 18
/// places): 0.18 gives the chain's `0x2e147ae147ae147a`, which a float product misses.
pub fn tao_weight_raw(w: f64) -> u64 {
    let w = (w.clamp(0.0, 1.0) * 1e18).round() as u128;
    let raw = ethnum::U256::from(w) * ethnum::U256::from(u64::MAX) / ethnum::U256::from(1_000_000_000_000_000_000u128);
    raw.as_u64()
}

/// `root_prop = w·R / (w·R + alpha_issuance)`, `U96F32` raw.
pub fn root_proportion(alpha_issuance: u64, root_tao: u64, tao_weight: u64) -> u128 {
    root_proportion_of(weighted_root(root_tao, tao_weight), alpha_issuance)
}

/// `w·R` in `U96F32`, as `root_proportion` computes it: the same for every subnet of a
/// block, so block systems compute it once.
pub fn weighted_root(root_tao: u64, tao_weight: u64) -> u128 {
    let w = U96F32::safe_div(U96F32::from_int(tao_weight as u128), U96F32::from_int(u64::MAX as u128));
    U96F32::mul(U96F32::from_int(root_tao as u128), w)
}

/// `root_prop` given [`weighted_root`].
pub fn root_proportion_of(wr: u128, alpha_issuance: u64) -> u128 {
    U96F32::safe_div(wr, wr + U96F32::from_int(alpha_issuance as u128))
}

/// What `get_subnet_terms` computes for one subnet, in RAO as the chain stores it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Terms {
    /// TAO injected at the spot price.
    pub tao_in: u64,
    /// Alpha injected with it.
    pub alpha_in: u64,
    /// TAO the chain spends buying alpha, when the injection is capped.
    pub excess_tao: u64,
    /// Alpha emitted to outstanding.
    pub alpha_out: u64,
}

/// `tao_emission` (`U96F32` raw) split into injected TAO and chain-bought excess: alpha is
/// injected at the spot price `price` (`U64F64`, narrowed to 32 fractional bits first), up
/// to the cap `root_prop·α_em`.
pub fn subnet_terms(tao_emission: u128, price: u128, alpha_issuance: u64, root_tao: u64, tao_weight: u64) -> Terms {
    subnet_terms_of(tao_emission, price, alpha_issuance, weighted_root(root_tao, tao_weight))
}

/// [`subnet_terms`] given [`weighted_root`].
pub fn subnet_terms_of(tao_emission: u128, price: u128, alpha_issuance: u64, wr: u128) -> Terms {
    let alpha_em = U96F32::from_int(block_emission(alpha_issuance, crate::economy::RAO_PER_TAO) as u128);
    let p = price >> 32;
    let mut tao_in = tao_emission;
    let mut alpha_in = if p == 0 { 0 } else { U96F32::safe_div(tao_emission, p) };
    let cap = U96F32::mul(root_proportion_of(wr, alpha_issuance), alpha_em);
    if alpha_in > cap {
        alpha_in = cap;
        tao_in = U96F32::mul(alpha_in, p);
    }
    let excess = tao_emission.saturating_sub(tao_in);
    Terms {
        tao_in: U96F32::to_u64(tao_in),
        alpha_in: U96F32::to_u64(alpha_in),
        excess_tao: U96F32::to_u64(excess),
        alpha_out: U96F32::to_u64(alpha_em),
    }
}

/// The split of one block's alpha_out, in RAO.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AlphaSplit {
    pub owner: u64,
    pub miners: u64,
    pub validators: u64,
    /// Root dividends in alpha (pending until the epoch) when the root-sell flag is up.
    pub root: u64,
    /// The root share when the flag is down: recycled.
    pub recycled: u64,
}

impl AlphaSplit {
    /// The RAO of `alpha_out` that the floors leave to nobody (at most 3); it stays
    /// outstanding, as on the chain.
    pub fn dust(&self, alpha_out: u64) -> u64 {
        alpha_out - self.owner - self.miners - self.validators - self.root - self.recycled
    }
}

/// `alpha_out` split with `root_prop` read after this block's injection (`rp_after`, `U96F32`).
pub fn split_alpha_out(alpha_out: u64, rp_after: u128, owner_cut: u16, root_sell: bool) -> AlphaSplit {
    split_alpha_out_at(alpha_out, rp_after, owner_cut_fraction(owner_cut), root_sell)
}

/// The owner's cut as the split multiplies by it, `U96F32` raw: the same for every subnet
/// and block, so block systems take it once per block (one 128-bit division fewer per subnet).
pub fn owner_cut_fraction(owner_cut: u16) -> u128 {
    U96F32::safe_div(U96F32::from_int(owner_cut as u128), U96F32::from_int(65_535))
}

/// [`split_alpha_out`] given [`owner_cut_fraction`].
pub fn split_alpha_out_at(alpha_out: u64, rp_after: u128, cut: u128, root_sell: bool) -> AlphaSplit {
    let a = U96F32::from_int(alpha_out as u128);
    let owner = U96F32::mul(a, cut);
    let rest = a - owner;
    let half = U96F32::ONE / 2;
    let root = U96F32::mul(U96F32::mul(rp_after, rest), half);
    let miners = U96F32::mul(rest, half);
    let validators = rest - miners - root;
    let root_rao = U96F32::to_u64(root);
    AlphaSplit {
        owner: U96F32::to_u64(owner),
        miners: U96F32::to_u64(miners),
        validators: U96F32::to_u64(validators),
        root: if root_sell { root_rao } else { 0 },
        recycled: if root_sell { 0 } else { root_rao },
    }
}

/// `EMAPriceHalvingBlocks`: the EMA's factor ramps up over a subnet's first weeks.
pub const EMA_HALVING_BLOCKS: u64 = 201_600;

/// The next moving price (`I96F32` raw): `a·min(spot, 1) + (1 − a)·ema` with
/// `a = moving_alpha·b/(b + 201,600)` and `b` blocks since the subnet's first emission.
/// `moving_alpha` is an `I96F32` raw (0.0003 on mainnet: 1,288,490), `spot` a `U64F64` raw.
pub fn ema_update(ema: u64, spot: u128, moving_alpha: u64, blocks_since_start: u64) -> u64 {
    ema_update_at(ema, spot, ema_factor(moving_alpha, blocks_since_start))
}

/// The EMA's factor `a` (`U64F64` raw) for a subnet `blocks_since_start` blocks old: the
/// same for every subnet that emitted for long (their age is not recorded), so block systems
/// reuse it rather than divide again.
pub fn ema_factor(moving_alpha: u64, blocks_since_start: u64) -> u128 {
    let frac = U64F64::ratio_of_ints(blocks_since_start, blocks_since_start.saturating_add(EMA_HALVING_BLOCKS));
    U64F64::mul((moving_alpha as u128) << 32, frac)
}

/// [`ema_update`] given [`ema_factor`].
pub fn ema_update_at(ema: u64, spot: u128, a: u128) -> u64 {
    let current = U64F64::mul(a, spot.min(ONE_64));
    let kept = U64F64::mul(ONE_64 - a, (ema as u128) << 32);
    ((current + kept) >> 32).min(u64::MAX as u128) as u64
}
