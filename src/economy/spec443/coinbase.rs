//! The coinbase of one spec-443 block for all subnets (SPEC_2026_08.md §14): shares,
//! injection terms, the chain buy, the price-keeping reweight and the alpha_out split.
//!
//! It works on plain [`SubnetState`]s so that a block system only copies its components in
//! and out; the arithmetic and its order live here, in one place, next to the formulas.

use super::balancer;
use super::fixed::ONE_64;
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

/// Runs the coinbase on `subnets` (in netuid order) and returns each subnet's outcome and
/// the gate bar now in force. TAO that enters the pools is `Σ tao_in + excess_tao`.
pub fn run(subnets: &mut [SubnetState], input: &Inputs, gate_bar: u128) -> (Vec<Outcome>, u128) {
    let eligible: Vec<usize> = (0..subnets.len()).filter(|i| subnets[*i].eligible).collect();
    let ema: Vec<u64> = eligible.iter().map(|i| subnets[*i].moving_price).collect();
    let burned: Vec<u64> = eligible.iter().map(|i| subnets[*i].miner_burned).collect();
    let enabled: Vec<bool> = eligible.iter().map(|i| subnets[*i].emission_enabled).collect();
    let (tao, bar) = shares::block_tao(&ema, &burned, &enabled, input.block_emission, input.block, gate_bar);
    // Σ ema > 1: root dividends are kept as alpha; otherwise the root share is recycled.
    let root_sell = ema.iter().map(|e| (*e as u128) << 32).sum::<u128>() > ONE_64;
    let e96 = (input.block_emission as u128) << 32;

    // Every subnet's terms read the state before any injection (SPEC §5).
    let mut outcomes = vec![Outcome::default(); subnets.len()];
    for (k, &i) in eligible.iter().enumerate() {
        let s = &subnets[i];
        let price = balancer::price(s.alpha, s.tao, s.weight_tao);
        outcomes[i].terms = terms::subnet_terms(tao[k], price, s.alpha_issuance(), input.root_stake, input.tao_weight);
        outcomes[i].share = if e96 == 0 { 0.0 } else { tao[k] as f64 / e96 as f64 };
    }
    for &i in &eligible {
        let (s, out) = (&mut subnets[i], &mut outcomes[i]);
        let t = out.terms;
        out.bought_alpha = chain_buy(s, t.excess_tao);
        inject(s, t.tao_in, t.alpha_in);
        s.alpha_outstanding += t.alpha_out;
        let rp = terms::root_proportion(s.alpha_issuance(), input.root_stake, input.tao_weight);
        out.root_prop = rp as f64 / (1u64 << 32) as f64;
        out.split = terms::split_alpha_out(t.alpha_out, rp, input.owner_cut, root_sell);
    }
    (outcomes, bar)
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
