//! Turning a chain snapshot ([`super::snapshot`]) into a scenario file: the network as it
//! was at the end of the snapshot's block, under `mainnet-2026-08`, starting at the next
//! block. Every value is written so that it reads back exactly (amounts to the RAO, moving
//! prices and `MinerBurned` on the chain's 2⁻³² grid, pool weights to 10⁻¹⁸, the gate bar
//! to 2⁻⁶⁴), and the captions are drawn from the data.

use super::snapshot::{Snapshot, SnapshotSubnet};
use crate::economy::spec443::{balancer, coinbase, fixed::ONE_64};
use crate::economy::units::fmt_tao;
use crate::economy::{block_emission, RuleSet, RAO_PER_TAO};
use std::fmt::Write;

/// Where an imported state came from, as the scenario file records it.
#[derive(Clone, Debug, PartialEq)]
pub struct Provenance {
    /// The command that read it, for the file's header (`dtao-sim import …`).
    pub command: String,
    /// The runtime spec version the state was written under.
    pub spec_version: u32,
    /// The rule set the scenario runs under (`[rules] preset`).
    pub rule_set: RuleSet,
    /// The block hash the state was read at, when known.
    pub block_hash: Option<String>,
}

/// What the data says about the snapshot's next block, for the captions.
#[derive(Clone, Debug, PartialEq)]
pub struct Facts {
    /// Subnets that take part in emission.
    pub eligible: usize,
    /// Subnets that receive TAO in the next block.
    pub receiving: usize,
    /// Share of the block's TAO that the ten largest receivers get.
    pub top10_share: f64,
    /// TAO spent on chain buys in the next block, in RAO.
    pub chain_buy_rao: u64,
    /// Subnets whose injection is capped (they chain-buy).
    pub capped: usize,
    /// Subnets whose emission switch is off.
    pub disabled: usize,
    /// Subnets at or above the gate bar.
    pub above_bar: usize,
    /// The block's TAO emission, RAO.
    pub block_emission: u64,
    /// The gate bar θ as a share.
    pub gate_bar: f64,
}

/// Runs the snapshot's next coinbase on plain state (SPEC_2026_08.md §14) for the captions.
pub fn facts(snapshot: &Snapshot) -> Facts {
    let mut states: Vec<coinbase::SubnetState> = snapshot.subnets.iter().map(state_of).collect();
    let e = block_emission(snapshot.total_issuance, RAO_PER_TAO);
    let input = coinbase::Inputs {
        block: snapshot.block + 1,
        block_emission: e,
        root_stake: snapshot.root_stake,
        tao_weight: snapshot.tao_weight,
        owner_cut: 11_796,
    };
    let (out, bar) = coinbase::run(&mut states, &input, snapshot.gate_bar);
    let mut tao: Vec<u64> = out.iter().map(|o| o.terms.tao_in + o.terms.excess_tao).collect();
    tao.sort_unstable_by(|a, b| b.cmp(a));
    let total: u64 = tao.iter().sum();
    Facts {
        eligible: snapshot.subnets.iter().filter(|s| s.eligible()).count(),
        receiving: tao.iter().filter(|t| **t > 0).count(),
        top10_share: if total == 0 { 0.0 } else { tao.iter().take(10).sum::<u64>() as f64 / total as f64 },
        chain_buy_rao: out.iter().map(|o| o.terms.excess_tao).sum(),
        capped: out.iter().filter(|o| o.terms.excess_tao > 0).count(),
        disabled: snapshot.subnets.iter().filter(|s| s.eligible() && !s.emission_enabled).count(),
        above_bar: out.iter().filter(|o| o.share > 0.0 && o.share >= bar as f64 / ONE_64 as f64).count(),
        block_emission: e,
        gate_bar: bar as f64 / ONE_64 as f64,
    }
}

/// A snapshot subnet as the pure coinbase reads it.
pub fn state_of(s: &SnapshotSubnet) -> coinbase::SubnetState {
    coinbase::SubnetState {
        eligible: s.eligible(),
        emission_enabled: s.emission_enabled,
        alpha: s.alpha,
        tao: s.tao,
        alpha_outstanding: s.alpha_outstanding,
        weight_tao: s.weight_tao,
        moving_price: s.moving_price,
        miner_burned: s.miner_burned,
        protocol_alpha: s.protocol_alpha,
        ..Default::default()
    }
}

/// The exact decimal of a raw fixed-point value with `frac` fractional bits, as the shortest
/// text a float reads back as the same value (exact for raws below 2⁵³).
fn float_text(raw: u64, frac: u32) -> String {
    let v = raw as f64 / (1u128 << frac) as f64;
    let text = format!("{v}");
    if text.contains('.') { text } else { format!("{text}.0") }
}

/// A `U64F64` share as a decimal with 25 places: it reads back to the same raw.
fn share_text(raw: u128) -> String {
    let ten25 = ethnum::U256::from(10u128.pow(25));
    let scaled: ethnum::U256 = ethnum::U256::from(raw) * ten25 / (ethnum::U256::ONE << 64u32);
    let whole = scaled / ten25;
    let part = scaled % ten25;
    format!("{}.{:025}", whole.as_u128(), part.as_u128())
}

/// TOML string escaping for names and text.
fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => write!(out, "\\u{:04X}", c as u32).unwrap(),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The scenario text for a spec-443 `snapshot` read from `source` (named in the file's
/// header), under `mainnet-2026-08`.
pub fn scenario_text(snapshot: &Snapshot, source: &str) -> Result<String, String> {
    let from = Provenance {
        command: format!("dtao-sim import {source}"),
        spec_version: 443,
        rule_set: RuleSet::Mainnet2026_08,
        block_hash: None,
    };
    scenario_text_from(snapshot, source, &from)
}

/// The scenario text for `snapshot`, read from `source` (named in errors) as `from` says.
pub fn scenario_text_from(snapshot: &Snapshot, source: &str, from: &Provenance) -> Result<String, String> {
    let count = snapshot.subnets.iter().map(|s| s.netuid).max().ok_or("the snapshot has no subnets")?;
    for (i, s) in snapshot.subnets.iter().enumerate() {
        if s.netuid as usize != i + 1 {
            return Err(format!("{source}: netuid {} is missing: a scenario numbers its subnets 1 to {count} without gaps", i + 1));
        }
    }
    let f = facts(snapshot);
    let start = snapshot.block + 1;
    let tao = |rao: u64| fmt_tao(rao);
    let mut t = String::new();
    let w = &mut t;
    let hash = from.block_hash.as_ref().map_or(String::new(), |h| format!(" ({h})"));
    writeln!(w, "# Imported by `{}`: the chain at the end of block {}{hash},", from.command, snapshot.block).unwrap();
    writeln!(w, "# runtime spec {}, run from block {start} under the {} rules. Amounts are exact to the RAO;", from.spec_version, from.rule_set).unwrap();
    writeln!(w, "# moving prices, MinerBurned, pool weights and the gate bar are exact on the chain's grid.").unwrap();
    writeln!(w, "title = {}", quoted(&format!("Mainnet at block {}", snapshot.block))).unwrap();
    writeln!(
        w,
        "description = {}",
        quoted(&format!(
            "The real network at block {}: {count} subnets with their pools, moving prices, miner burn and emission switches, \
             {} TAO of root stake and {} TAO issued. {} of the {} subnets that take part in emission receive TAO next block; \
             the ten largest get {:.1}% of it.",
            snapshot.block,
            thousands(snapshot.root_stake),
            thousands(snapshot.total_issuance),
            f.receiving,
            f.eligible,
            f.top10_share * 100.0
        ))
    )
    .unwrap();
    writeln!(w, "seed = 1\nblocks = 7_200\n").unwrap();
    writeln!(w, "[rules]\npreset = \"{}\"", from.rule_set).unwrap();
    writeln!(w, "tao_weight = {}", tao_weight_text(snapshot.tao_weight)).unwrap();
    writeln!(w, "moving_alpha = {}\n", float_text(snapshot.ema_alpha, 32)).unwrap();
    writeln!(w, "[chain]\nstart_block = {start}\nspec_version = {}", from.spec_version).unwrap();
    writeln!(w, "issuance = \"{}\"", tao(snapshot.total_issuance)).unwrap();
    writeln!(w, "root_stake = \"{}\"", tao(snapshot.root_stake)).unwrap();
    if snapshot.gate_bar > 0 {
        writeln!(w, "gate_bar = \"{}\"", share_text(snapshot.gate_bar)).unwrap();
    }
    writeln!(w, "\n[subnets]\ncount = {count}\nminers = 1\nowners = true").unwrap();
    for s in &snapshot.subnets {
        writeln!(w, "\n[[subnets.override]]\nnetuid = {}", s.netuid).unwrap();
        if !s.name.is_empty() {
            writeln!(w, "name = {}", quoted(&s.name)).unwrap();
        }
        writeln!(w, "tao = \"{}\"\nalpha = \"{}\"\nalpha_outstanding = \"{}\"", tao(s.tao), tao(s.alpha), tao(s.alpha_outstanding)).unwrap();
        if s.protocol_alpha > 0 {
            writeln!(w, "protocol_alpha = \"{}\"", tao(s.protocol_alpha)).unwrap();
        }
        if s.weight_tao != balancer::HALF {
            writeln!(w, "pool_weight_tao = \"0.{:018}\"", s.weight_tao).unwrap();
        }
        if s.moving_price > 1 << 32 {
            return Err(format!("{source}: SN{}: a moving price above 1 cannot occur on the chain", s.netuid));
        }
        writeln!(w, "moving_price = {}", float_text(s.moving_price, 32)).unwrap();
        if s.miner_burned > 0 {
            writeln!(w, "miner_burned = {}", float_text(s.miner_burned.min(1 << 32), 32)).unwrap();
        }
        if !s.emission_enabled {
            writeln!(w, "emission_enabled = false").unwrap();
        }
        if !s.eligible() {
            writeln!(w, "emitting = false").unwrap();
        }
        if let Some(fe) = s.first_emission_block {
            writeln!(w, "first_emission_block = {fe}").unwrap();
        }
        writeln!(w, "registered_at = {}", s.registered_at.min(snapshot.block)).unwrap();
        writeln!(w, "tempo = {}", s.tempo.max(1)).unwrap();
    }
    writeln!(w).unwrap();
    for (at, text) in captions(snapshot, &f) {
        writeln!(w, "[[captions]]\nblock = {}\ntext = {}\n", start + at, quoted(&text)).unwrap();
    }
    Ok(t)
}

/// `TaoWeight` as a decimal of 18 places that [`crate::economy::Params::tao_weight_raw`]
/// turns back into the same raw.
fn tao_weight_text(raw: u64) -> String {
    let parts = (raw as u128 * 1_000_000_000_000_000_000 + (u64::MAX as u128 - 1)) / u64::MAX as u128;
    format!("{}", parts as f64 / 1e18)
}

fn thousands(rao: u64) -> String {
    let whole = (rao / RAO_PER_TAO).to_string();
    let mut out = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Captions drawn from the data, at blocks counted from the start.
fn captions(snapshot: &Snapshot, f: &Facts) -> Vec<(u64, String)> {
    vec![
        (
            0,
            format!(
                "The real network at block {}: of {} subnets, {} take part in emission and {} of them receive TAO this block. \
                 The ten largest get {:.1}% of the {} TAO per block.",
                snapshot.block,
                snapshot.subnets.len(),
                f.eligible,
                f.receiving,
                f.top10_share * 100.0,
                fmt_tao(f.block_emission).trim_end_matches('0').trim_end_matches('.')
            ),
        ),
        (
            360,
            format!(
                "Shares follow each subnet's moving price times what its miners did not burn, through a gate: the bar θ is the \
                 32nd-largest share ({:.2}%). {} subnets sit at or above it; a share at half the bar keeps only 1/9 of its weight.",
                f.gate_bar * 100.0,
                f.above_bar
            ),
        ),
        (
            1_440,
            format!(
                "{} subnets would get more alpha than root_prop·α_em allows: the chain buys alpha with the excess, {} TAO per \
                 block in all, and keeps it as protocol alpha.",
                f.capped,
                fmt_tao(f.chain_buy_rao).trim_end_matches('0').trim_end_matches('.')
            ),
        ),
        (
            2_880,
            format!(
                "{} subnets have their TAO emission switched off by root: they still emit alpha and their moving price still moves, \
                 but their share of TAO goes to the others.",
                f.disabled
            ),
        ),
    ]
}
