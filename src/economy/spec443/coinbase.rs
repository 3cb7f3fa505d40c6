//! The coinbase of one spec-443 block for all subnets (SPEC_2026_08.md §14): shares,
//! injection terms, the chain buy, the price-keeping reweight and the alpha_out split.
//!
//! It works on plain [`SubnetState`]s so that a block system only copies its components in
//! and out; the arithmetic and its order live here, in one place, next to the formulas:
//! [`run`] is the whole coinbase for callers without a world (the snapshot importer, the
//! tests), and the block systems call its steps ([`block_shares`], [`inject_terms`] and the
//! [`terms`] functions) one by one.

use super::balancer;
use super::fixed::{U96F32, ONE_64};
use super::shares;
use super::terms::{self, AlphaSplit, Terms};

/// What the coinbase reads and changes of one subnet.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SubnetState {
    /// Takes part in emission: started, subtoken and registration enabled (SPEC §3.2).
    pub eligible: bool,
    /// The root switch of its TAO emission (`SubnetEmissionEnabled`).
    pub emission_enabled: bool,
    /// Alpha reserve `x`, RAO.
    pub alpha: u64,
    /// TAO reserve `y`, RAO.
    pub tao: u64,
    /// Alpha outstanding `A` (protocol-owned alpha included), RAO.
    pub alpha_outstanding: u64,
    /// Balancer TAO weight, parts of 10¹⁸.
    pub weight_tao: u64,
    /// TAO and alpha parked because the weights would have left [1%, 99%].
    pub reservoir_tao: u64,
    pub reservoir_alpha: u64,
    /// `SubnetMovingPrice`, `I96F32` raw.
    pub moving_price: u64,
    /// `MinerBurned`, `U96F32` raw.
    pub miner_burned: u64,
    /// Alpha the chain bought and keeps (`SubnetProtocolAlpha`), RAO.
    pub protocol_alpha: u64,
}

impl SubnetState {
    /// Alpha issuance as the halving curve and the root proportion count it.
    pub fn alpha_issuance(&self) -> u64 {
        self.alpha.saturating_add(self.alpha_outstanding).saturating_add(self.reservoir_alpha)
    }
}

/// Chain-wide inputs of the coinbase.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Inputs {
    pub block: u64,
    /// This block's TAO emission `E`, RAO.
    pub block_emission: u64,
    /// All root stake `R`, RAO.
    pub root_stake: u64,
    /// `TaoWeight` raw.
    pub tao_weight: u64,
    /// Owner cut, parts of 65,535.
    pub owner_cut: u16,
}

/// What the coinbase did to one subnet.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Outcome {
    /// The subnet's share of `E` after the gate and the emission switch, for reports.
    pub share: f64,
    pub terms: Terms,
    /// Alpha the chain buy returned (kept as protocol-owned alpha).
    pub bought_alpha: u64,
    /// `root_prop` after the injection, as the split read it.
    pub root_prop: f64,
    pub split: AlphaSplit,
}

/// The block's shares (SPEC §4) over the subnets that take part in emission, in netuid order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BlockShares {
    /// Each subnet's TAO for the block, `U96F32` raw: what [`terms::subnet_terms_of`] splits.
    pub tao: Vec<u128>,
    /// The gate bar now in force (`EmissionGateBar`), `U64F64` raw.
    pub gate_bar: u128,
    /// `Σ ema > 1`: root dividends are kept as alpha; otherwise the root share is recycled.
    pub root_sell: bool,
}

/// The shares of a block from each emitting subnet's moving price (`I96F32` raw), miner
/// burn (`U96F32` raw) and emission switch; `gate_bar` is the bar stored before the block.
pub fn block_shares(ema: &[u64], burned: &[u64], enabled: &[bool], block_emission: u64, block: u64, gate_bar: u128) -> BlockShares {
    let (tao, gate_bar) = shares::block_tao(ema, burned, enabled, block_emission, block, gate_bar);
    let root_sell = ema.iter().map(|e| (*e as u128) << 32).sum::<u128>() > ONE_64;
    BlockShares { tao, gate_bar, root_sell }
}

/// A subnet's TAO as a share of the block's emission, for reports.
pub fn share_of(tao_emission: u128, block_emission: u64) -> f64 {
    let e96 = (block_emission as u128) << 32;
    if e96 == 0 { 0.0 } else { tao_emission as f64 / e96 as f64 }
}

/// Runs the coinbase on `subnets` (in netuid order) and returns each subnet's outcome and
/// the gate bar now in force. TAO that enters the pools is `Σ tao_in + excess_tao`.
///
/// The block schedule runs the same steps as systems (`block/emission.rs`, `injection.rs`,
/// `split.rs`) through the functions called here; `tests/spec443.rs` checks that
/// both give the same result.
pub fn run(subnets: &mut [SubnetState], input: &Inputs, gate_bar: u128) -> (Vec<Outcome>, u128) {
    let eligible: Vec<usize> = (0..subnets.len()).filter(|i| subnets[*i].eligible).collect();
    let ema: Vec<u64> = eligible.iter().map(|i| subnets[*i].moving_price).collect();
    let burned: Vec<u64> = eligible.iter().map(|i| subnets[*i].miner_burned).collect();
    let enabled: Vec<bool> = eligible.iter().map(|i| subnets[*i].emission_enabled).collect();
    let shares = block_shares(&ema, &burned, &enabled, input.block_emission, input.block, gate_bar);
    let wr = terms::weighted_root(input.root_stake, input.tao_weight);

    // Every subnet's terms read the state before any injection (SPEC §5).
    let mut outcomes = vec![Outcome::default(); subnets.len()];
    for (k, &i) in eligible.iter().enumerate() {
        let s = &subnets[i];
        let price = balancer::price(s.alpha, s.tao, s.weight_tao);
        outcomes[i].terms = terms::subnet_terms_of(shares.tao[k], price, s.alpha_issuance(), wr);
        outcomes[i].share = share_of(shares.tao[k], input.block_emission);
    }
    for &i in &eligible {
        let (s, out) = (&mut subnets[i], &mut outcomes[i]);
        out.bought_alpha = inject_terms(s, &out.terms);
        let rp = terms::root_proportion_of(wr, s.alpha_issuance());
        out.root_prop = U96F32::to_f64(rp);
        out.split = terms::split_alpha_out(out.terms.alpha_out, rp, input.owner_cut, shares.root_sell);
    }
    (outcomes, shares.gate_bar)
}

/// One subnet's injection once every subnet's terms are taken: the chain buy of the excess
/// first, then `tao_in` and `alpha_in` at an unchanged price, then `alpha_out` to
/// outstanding. Returns the alpha bought.
pub fn inject_terms(s: &mut SubnetState, t: &Terms) -> u64 {
    let bought = chain_buy(s, t.excess_tao);
    inject(s, t.tao_in, t.alpha_in);
    s.alpha_outstanding += t.alpha_out;
    bought
}

/// The chain buy of the excess TAO, before the injection: no fee, never the whole reserve;
/// the alpha bought is kept (protocol alpha, part of alpha outstanding). Returns it.
pub fn chain_buy(s: &mut SubnetState, excess_tao: u64) -> u64 {
    if excess_tao == 0 {
        return 0;
    }
    let bought = balancer::buy_alpha_out(s.weight_tao, s.alpha, s.tao, excess_tao).min(s.alpha.saturating_sub(1));
    s.tao += excess_tao;
    s.alpha -= bought;
    s.alpha_outstanding += bought;
    s.protocol_alpha += bought;
    bought
}

/// Adds `tao` and `alpha` to the pool at an unchanged price: the TAO weight moves so that
/// `(w_α/w_τ)·(y/x)` stays put. What would push a weight out of [1%, 99%] waits in the
/// reservoirs (alpha first, then TAO, as `adjust_protocol_liquidity` tries them).
pub fn inject(s: &mut SubnetState, tao: u64, alpha: u64) {
    let (dy, dx) = (tao + s.reservoir_tao, alpha + s.reservoir_alpha);
    let attempts = [(dy, dx), (0, dx), (dy, 0)];
    for (ty, ax) in attempts {
        if let Some(w) = balancer::reweight(s.weight_tao, s.alpha, s.tao, ax, ty) {
            s.weight_tao = w;
            s.tao += ty;
            s.alpha += ax;
            s.reservoir_tao = dy - ty;
            s.reservoir_alpha = dx - ax;
            return;
        }
    }
    s.reservoir_tao = dy;
    s.reservoir_alpha = dx;
}

/// The moving price after this block: `ema_update` at the pool's spot price.
pub fn next_moving_price(s: &SubnetState, moving_alpha: u64, blocks_since_start: u64) -> u64 {
    let spot = balancer::price(s.alpha, s.tao, s.weight_tao);
    terms::ema_update(s.moving_price, spot, moving_alpha, blocks_since_start)
}
