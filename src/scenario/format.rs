//! The scenario file format (TOML). Every table refuses unknown keys, every amount refuses
//! negatives and NaN while it is read, so errors point at the line and field.
//!
//! Amounts are TAO (or alpha) written as a number (`1000`, `0.5`) or, for exactness, a
//! decimal string (`"0.000000001"`); they are kept as integer RAO.

use crate::economy::{RuleSet, ShareRule};
use crate::economy::units::{fmt_tao, parse_tao, tao_to_rao};
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use toml::Spanned;

/// An amount of TAO or alpha, kept in RAO.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Amount(pub u64);

impl Amount {
    pub fn tao(tao: u64) -> Self {
        Amount(tao * crate::economy::RAO_PER_TAO)
    }
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Amount;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an amount in TAO: a non-negative number or a decimal string")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Amount, E> {
                v.checked_mul(crate::economy::RAO_PER_TAO).map(Amount).ok_or_else(|| E::custom("amount is too large"))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Amount, E> {
                if v < 0 {
                    return Err(E::custom(format!("amount must not be negative, got {v}")));
                }
                self.visit_u64(v as u64)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Amount, E> {
                float_to_rao(v).map(Amount).map_err(E::custom)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Amount, E> {
                parse_tao(v).map(Amount).map_err(E::custom)
            }
        }
        d.deserialize_any(V)
    }
}

/// A float amount, read exactly as its shortest decimal text so that numbers and strings
/// follow one rule: more than 9 decimals is refused, not rounded.
fn float_to_rao(v: f64) -> Result<u64, String> {
    tao_to_rao(v)?;
    if v == 0.0 {
        return Ok(0);
    }
    // `{}` prints the shortest text that reads back as the same float, never in exponent form.
    parse_tao(&format!("{v}"))
}

/// An event's amount: TAO (or alpha) as [`Amount`] reads it, or a part of what the holder
/// has when the event runs: `"all"` or a percentage such as `"50%"` (of free TAO for stake
/// and root_stake, of the position for unstake, of root stake for root_unstake).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventAmount {
    Exact(Amount),
    /// Parts per billion of the holder's balance, from 1 to 1,000,000,000 (all).
    Portion(u64),
}

/// Parts per billion in 100%.
pub const PPB_ALL: u64 = 1_000_000_000;

impl<'de> Deserialize<'de> for EventAmount {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = EventAmount;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an amount in TAO (a non-negative number or a decimal string), \"all\" or a percentage such as \"50%\"")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<EventAmount, E> {
                Amount::deserialize(de::value::U64Deserializer::<E>::new(v)).map(EventAmount::Exact)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<EventAmount, E> {
                Amount::deserialize(de::value::I64Deserializer::<E>::new(v)).map(EventAmount::Exact)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<EventAmount, E> {
                float_to_rao(v).map(|r| EventAmount::Exact(Amount(r))).map_err(E::custom)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<EventAmount, E> {
                let text = v.trim();
                if text == "all" {
                    return Ok(EventAmount::Portion(PPB_ALL));
                }
                let Some(percent) = text.strip_suffix('%') else {
                    return parse_tao(v).map(|r| EventAmount::Exact(Amount(r))).map_err(E::custom);
                };
                // A percentage is read like an amount (exact decimals), then scaled: 1% = 10^7 ppb.
                let hundredths_of_ppb = parse_tao(percent).map_err(|e| E::custom(format!("percentage {v}: {e}")))?;
                if hundredths_of_ppb % 100 != 0 {
                    return Err(E::custom(format!("percentage {v}: at most 7 decimals")));
                }
                match hundredths_of_ppb / 100 {
                    0 => Err(E::custom(format!("percentage {v} must be more than 0%"))),
                    ppb if ppb > PPB_ALL => Err(E::custom(format!("percentage {v} is more than 100%"))),
                    ppb => Ok(EventAmount::Portion(ppb)),
                }
            }
        }
        d.deserialize_any(V)
    }
}

impl Serialize for EventAmount {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            EventAmount::Exact(a) => a.serialize(s),
            EventAmount::Portion(PPB_ALL) => s.serialize_str("all"),
            EventAmount::Portion(ppb) => s.serialize_str(&format!("{}%", fmt_tao(*ppb * 100).trim_end_matches('0').trim_end_matches('.'))),
        }
    }
}

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&fmt_tao(self.0))
    }
}

/// A number in `[0, 1]`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Fraction(pub f64);

impl<'de> Deserialize<'de> for Fraction {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = f64::deserialize(d)?;
        if v.is_finite() && (0.0..=1.0).contains(&v) {
            Ok(Fraction(v))
        } else {
            Err(de::Error::custom(format!("must be a number from 0 to 1, got {v}")))
        }
    }
}

/// A positive, finite number (a price limit, a miner weight).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Positive(pub f64);

impl<'de> Deserialize<'de> for Positive {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = f64::deserialize(d)?;
        if v.is_finite() && v > 0.0 {
            Ok(Positive(v))
        } else {
            Err(de::Error::custom(format!("must be a positive number, got {v}")))
        }
    }
}

fn default_blocks() -> Spanned<u64> {
    Spanned::new(0..0, 7_200)
}

fn default_take() -> Fraction {
    Fraction(0.18)
}

/// A whole scenario file.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Shown as the window title and printed by the CLI.
    pub title: String,
    /// What the scenario demonstrates, in a few sentences.
    #[serde(default)]
    pub description: String,
    /// Seed of every random choice (none in the core model; strategies use it).
    #[serde(default)]
    pub seed: u64,
    /// Blocks to run when the command line does not say (7,200 = one day).
    #[serde(default = "default_blocks")]
    pub blocks: Spanned<u64>,
    #[serde(default)]
    pub rules: RulesSpec,
    #[serde(default)]
    pub chain: ChainSpec,
    pub subnets: SubnetsSpec,
    #[serde(default)]
    pub validators: Vec<ValidatorSpec>,
    #[serde(default)]
    pub holders: Vec<HolderSpec>,
    /// Holders with a strategy.
    #[serde(default)]
    pub agents: Vec<AgentSpec>,
    /// Fractions of each payout that validators, miners and owners sell.
    #[serde(default)]
    pub emission_sellers: EmissionSellersSpec,
    #[serde(default)]
    pub events: Vec<EventSpec>,
    #[serde(default)]
    pub captions: Vec<CaptionSpec>,
    /// The dashboard's charts this scenario's story needs, shown first (names in
    /// [`CHART_NAMES`]); empty: the default set.
    #[serde(default)]
    pub focus_charts: Vec<Spanned<String>>,
    /// Subnets the story is about (netuids): the dashboard's charts always draw them in a
    /// colour of their own, however their share ranks.
    #[serde(default)]
    pub spotlight: Vec<Spanned<i64>>,
    /// Compare mode by default: the rule sets (two or more, e.g. `["bit001",
    /// "mainnet-2026-08"]`) that `run`, `gui` and `record` lay side by side when the command
    /// line gives no `--compare`.
    #[serde(default)]
    pub compare: Vec<Spanned<String>>,
}

pub use super::charts::CHART_NAMES;

/// A strategy's name in a scenario file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StrategyName {
    Conservative,
    Moderate,
    Growth,
    Sniper,
    Momentum,
    Downtrend,
    Noise,
}

/// One or more holders with a strategy. Knobs a strategy does not use are refused; those
/// left out take the defaults listed in the README.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AgentSpec {
    pub strategy: Spanned<StrategyName>,
    /// Name (numbered when `count` > 1); the strategy's name by default.
    pub name: Option<Spanned<String>>,
    /// How many identical holders (1 by default).
    pub count: Option<Spanned<u32>>,
    #[serde(default)]
    pub free_tao: Amount,
    #[serde(default)]
    pub root_stake: Amount,
    #[serde(default)]
    pub alpha: Vec<PositionSpec>,
    /// Blocks between decisions (360 by default).
    pub interval: Option<Spanned<u64>>,
    pub root_fraction: Option<Spanned<Fraction>>,
    pub picks: Option<Spanned<u32>>,
    pub lookback: Option<Spanned<u64>>,
    pub stop: Option<Spanned<Fraction>>,
    pub trade_fraction: Option<Spanned<Fraction>>,
    pub exit: Option<Spanned<Fraction>>,
    pub window: Option<Spanned<u64>>,
    pub take_profit: Option<Spanned<Positive>>,
    pub max_hold: Option<Spanned<u64>>,
    pub threshold: Option<Spanned<Fraction>>,
    pub trailing_stop: Option<Spanned<Fraction>>,
    pub rebound: Option<Spanned<Fraction>>,
    pub probability: Option<Spanned<Fraction>>,
    /// What claims of their root alpha do under `mainnet-2025-11`: `swap` (default) or `keep`.
    pub root_claim: Option<crate::world::ClaimType>,
}

/// Fractions of each epoch payout sold at once, by role; 0 (keep everything) by default.
#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct EmissionSellersSpec {
    pub validators: Option<Fraction>,
    pub miners: Option<Fraction>,
    pub owners: Option<Fraction>,
}

/// The rule set and any overrides of its parameters.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RulesSpec {
    /// `bit001` (default), `mainnet-2025-02` or `mainnet-2025-11`.
    #[serde(default)]
    pub preset: RuleSet,
    pub share_rule: Option<ShareRule>,
    pub tao_weight: Option<Fraction>,
    pub tempo: Option<Spanned<u64>>,
    pub fee_rao: Option<u64>,
    pub owner_cut: Option<Fraction>,
    /// TAO per block before halvings.
    pub block_reward: Option<Spanned<Amount>>,
    /// Subnets allowed at once (128).
    pub subnet_limit: Option<Spanned<u16>>,
    /// Blocks a new subnet is safe from deregistration (50,400).
    pub immunity_period: Option<Spanned<u64>>,
    /// TAO a registration costs (1,000); 1 TAO of it goes into the new pool, the rest is burned.
    pub lock_cost: Option<Spanned<Amount>>,
    /// The moving price's factor for a mature subnet (`SubnetMovingAlpha`, 3e-6).
    pub moving_alpha: Option<Fraction>,
    /// Blocks of the moving price's ramp for young subnets (201,600 in `bit001`; 0 = no ramp,
    /// as `mainnet-2025-02`).
    pub moving_halving_blocks: Option<u64>,
    /// TAO of transaction fees recycled out of issuance each block (spec 444+; 0 by default).
    pub tx_fee_recycled_per_block: Option<Spanned<Amount>>,
}

/// An exact decimal number written as a string (`"0.0082325279227647660"`) or a number;
/// read without going through a float where the chain's fixed point needs every digit.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Decimal(pub String);

impl<'de> Deserialize<'de> for Decimal {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Decimal;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a non-negative decimal number (a string keeps every digit)")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Decimal, E> {
                Ok(Decimal(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Decimal, E> {
                if v < 0 {
                    return Err(E::custom(format!("must not be negative, got {v}")));
                }
                Ok(Decimal(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Decimal, E> {
                if !v.is_finite() || v < 0.0 {
                    return Err(E::custom(format!("must be a finite non-negative number, got {v}")));
                }
                Ok(Decimal(format!("{v}")))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Decimal, E> {
                let t = v.trim();
                let ok = !t.is_empty()
                    && t.chars().all(|c| c.is_ascii_digit() || c == '.')
                    && t.chars().filter(|c| *c == '.').count() <= 1
                    && t.chars().any(|c| c.is_ascii_digit());
                if ok { Ok(Decimal(t.to_string())) } else { Err(E::custom(format!("\"{v}\" is not a non-negative decimal number"))) }
            }
        }
        d.deserialize_any(V)
    }
}

/// The chain's starting state.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ChainSpec {
    /// The absolute block number of the run's first block (0 by default). When set, every
    /// block number in the file (events, captions, `first_emission_block`, `registered_at`,
    /// `last_epoch_block`) is absolute too, and outputs count from it.
    pub start_block: Option<Spanned<u64>>,
    /// The runtime spec version the starting state was read at, as `dtao-sim import`
    /// records it; the rule set is `[rules] preset`, this is the record of where it came from.
    pub spec_version: Option<Spanned<u32>>,
    /// `mainnet-2026-08`: the emission gate's bar θ in force at the start
    /// (`EmissionGateBar`); recomputed at the first block that is a multiple of 360, or at
    /// once when absent.
    pub gate_bar: Option<Spanned<Decimal>>,
    /// Total TAO issued before the run (drives halvings: the first at 10.5M); 0 by default.
    pub issuance: Option<Spanned<Amount>>,
    /// Root stake of the rest of the network (a holder named "rest of network").
    #[serde(default)]
    pub root_stake: Amount,
    /// The lock of the last registration before the run (`NetworkLastLockCost`) and its
    /// absolute block (`last_lock_block`): the doubling lock cost decays from them.
    pub last_lock: Option<Spanned<Amount>>,
    pub last_lock_block: Option<Spanned<u64>>,
}

/// The subnets: `count` subnets with netuids 1..=count, all equal unless overridden.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SubnetsSpec {
    pub count: Spanned<u16>,
    /// TAO in each pool at the start.
    pub tao: Option<Spanned<Amount>>,
    /// Alpha in each pool at the start.
    pub alpha: Option<Spanned<Amount>>,
    /// Miners registered on each subnet, with equal weights (none by default).
    pub miners: Option<Spanned<u32>>,
    /// Give each subnet an owner holder ("SN3 owner"); otherwise owner alpha is unclaimed.
    #[serde(default)]
    pub owners: bool,
    /// Per-subnet differences.
    #[serde(default, rename = "override")]
    pub overrides: Vec<SubnetOverride>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SubnetOverride {
    pub netuid: Spanned<u16>,
    pub name: Option<String>,
    pub tao: Option<Spanned<Amount>>,
    pub alpha: Option<Spanned<Amount>>,
    pub miners: Option<Spanned<u32>>,
    /// One weight per miner (overrides `miners`).
    pub miner_weights: Option<Spanned<Vec<Positive>>>,
    /// A holder's name; it is created if not listed under `holders`.
    pub owner: Option<Spanned<String>>,
    /// Block it was registered at, 0 or negative (before the run), for the moving price's
    /// ramp; mature when absent.
    pub registered_at: Option<Spanned<i64>>,
    /// Moving price at the start (`min(price, 1)` when absent).
    pub moving_price: Option<Fraction>,
    /// Alpha outside the pool at the start (`SubnetAlphaOut`): what scenario holders and
    /// `protocol_alpha` do not hold belongs to a holder "SN<n> rest of market".
    pub alpha_outstanding: Option<Spanned<Amount>>,
    /// `mainnet-2026-08`: alpha the chain bought and keeps (`SubnetProtocolAlpha`).
    pub protocol_alpha: Option<Spanned<Amount>>,
    /// `mainnet-2026-08`: the pool's TAO weight, a decimal from 0.01 to 0.99 (0.5 by default).
    pub pool_weight_tao: Option<Spanned<Decimal>>,
    /// `mainnet-2026-08`: `MinerBurned`, the part of miner incentive withheld (0 by default).
    pub miner_burned: Option<Fraction>,
    /// `mainnet-2026-08`: root's switch of the subnet's TAO emission (on by default).
    pub emission_enabled: Option<bool>,
    /// Whether the subnet takes part in emission at all (the chain's `start_call` done,
    /// subtoken and registration enabled); true by default.
    pub emitting: Option<bool>,
    /// `FirstEmissionBlockNumber`: the moving price's ramp counts from the block before it.
    pub first_emission_block: Option<Spanned<i64>>,
    /// Blocks between the subnet's epochs under `mainnet-2026-08` (the rule set's tempo by default).
    pub tempo: Option<Spanned<u64>>,
    /// `LastEpochBlock` at the start (by default as the chain staggers epochs: registration
    /// block minus `netuid mod tempo`, then every tempo).
    pub last_epoch_block: Option<Spanned<i64>>,
    /// `EpochConsensus::Null` (spec 475): its due epoch limits its block to one epoch.
    pub null_consensus: Option<bool>,
}

/// A validator hotkey and the holder that runs it.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ValidatorSpec {
    pub name: Spanned<String>,
    /// How many identical validators ("name 1", "name 2", ...); 1 by default.
    pub count: Option<Spanned<u32>>,
    #[serde(default = "default_take")]
    pub take: Fraction,
    /// Netuids it validates on; all subnets when absent.
    pub subnets: Option<Vec<Spanned<u16>>>,
    #[serde(default)]
    pub free_tao: Amount,
    /// Its own root stake.
    #[serde(default)]
    pub root_stake: Amount,
}

/// A holder and its starting balances.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct HolderSpec {
    pub name: Spanned<String>,
    #[serde(default)]
    pub free_tao: Amount,
    #[serde(default)]
    pub root_stake: Amount,
    /// Validator the root stake is delegated to (the first validator by default).
    pub root_validator: Option<Spanned<String>>,
    /// Alpha positions at the start (they count as alpha outstanding).
    #[serde(default)]
    pub alpha: Vec<PositionSpec>,
    /// What claims of its root alpha do under `mainnet-2025-11`: `swap` (default) or `keep`.
    pub root_claim: Option<crate::world::ClaimType>,
    /// The outside market of a reference replay trades without balances; a scenario holder
    /// may not (refused with a message), so that nobody spends TAO they do not have.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external: Option<Spanned<bool>>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PositionSpec {
    pub netuid: Spanned<u16>,
    pub amount: Amount,
    /// Validator it is delegated to (the subnet's first validator by default).
    pub validator: Option<Spanned<String>>,
}

/// What a scripted event does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    Stake,
    Unstake,
    RootStake,
    RootUnstake,
    /// Change a parameter (`param`, `value`).
    Set,
    /// Register a subnet owned by `holder`, locking `amount` TAO (the lock cost by default).
    Register,
}

/// A parameter a `set` event changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ParamName {
    RuleSet,
    ShareRule,
    TaoWeight,
    Tempo,
    FeeRao,
    OwnerCut,
    BlockReward,
    /// A subnet's `MinerBurned` (with `netuid`): what its owner withholds from miners.
    MinerBurned,
    /// A subnet's emission switch (with `netuid`; value 1 or 0).
    EmissionEnabled,
}

/// A number or a name, as a `set` event's value.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(untagged)]
pub enum ParamValue {
    Number(f64),
    Text(String),
}

/// A scripted transaction or parameter change at a block.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct EventSpec {
    pub block: Spanned<u64>,
    pub kind: Spanned<EventKind>,
    /// Who trades (not needed for `set`).
    pub holder: Option<Spanned<String>>,
    pub netuid: Option<Spanned<u16>>,
    /// TAO for stake and root moves, alpha for unstake; or `"all"` / `"50%"` of what the holder has.
    pub amount: Option<Spanned<EventAmount>>,
    pub validator: Option<Spanned<String>>,
    /// Limit price (TAO per alpha) of a stake or unstake, as the chain's limit orders.
    pub limit_price: Option<Spanned<Positive>>,
    /// With `limit_price`: fill as much as the limit allows instead of refusing.
    pub allow_partial: Option<Spanned<bool>>,
    pub param: Option<Spanned<ParamName>>,
    pub value: Option<Spanned<ParamValue>>,
    /// Name of a registered subnet.
    pub name: Option<Spanned<String>>,
    /// Miners of a registered subnet.
    pub miners: Option<Spanned<u32>>,
    /// Repeat the event every this many blocks...
    pub every: Option<Spanned<u64>>,
    /// ...this many times in all (1 by default).
    pub times: Option<Spanned<u32>>,
}

/// A timed note the app shows and the CLI prints.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CaptionSpec {
    pub block: u64,
    /// May hold placeholders filled in with the run's values at this block: `{share:2}`,
    /// `{price:4}`, `{tao:64}` (TAO reserve), `{alpha:3}`, `{root_prop:1}`,
    /// `{moving_price:5}`, `{day}`, `{block}`.
    pub text: Spanned<String>,
    /// The window pauses when playback reaches this caption.
    #[serde(default)]
    pub pause: bool,
    /// What the text says about the run, checked by `dtao-sim verify` and `run`.
    #[serde(default)]
    pub expect: Vec<Spanned<ClaimSpec>>,
}

/// One claim of a caption: a metric of a subnet, a holder, a strategy's holders or the
/// chain at the caption's block, and exactly one comparison.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimSpec {
    /// `price`, `share`, `tao_reserve`, `alpha_reserve`, `root_prop`, `moving_price`,
    /// `tao_in` (a subnet's: give `netuid`), `block_emission`, or `exit_value` (give
    /// `holder` or `strategy`).
    pub metric: String,
    pub netuid: Option<u16>,
    pub holder: Option<String>,
    pub strategy: Option<String>,
    pub above: Option<f64>,
    pub below: Option<f64>,
    pub between: Option<[f64; 2]>,
    pub above_fraction_of_start: Option<f64>,
    pub below_fraction_of_start: Option<f64>,
    /// A block (as the file numbers blocks) before the caption's.
    pub rising_since: Option<u64>,
    pub falling_since: Option<u64>,
}
