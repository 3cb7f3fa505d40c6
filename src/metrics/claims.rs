//! What captions say about the run, checked against it. A caption may carry claims
//! (`expect = [{ netuid = 2, metric = "share", above = 0.4 }]`) and placeholders
//! (`{share:2}`) in its text; both are measured at the end of the caption's block, when it
//! comes on screen, by [`check_claims`] in the block's `Record` step, so the window, `run`,
//! `verify` and recordings all read the same values.
//!
//! The scenario resolves them ([`crate::scenario::resolve`]); this file measures and judges.

use super::holders::{values, HolderQuery};
use crate::economy::{Params, RAO_PER_TAO};
use crate::world::{BlockFlow, Chain, Ledger, MovingPrice, Pool, Subnet};
use bevy::ecs::system::SystemState;
use bevy::prelude::*;

/// What a claim or placeholder measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    /// A subnet's spot price, TAO per alpha (pool weights included).
    Price,
    /// A subnet's share of the block's TAO emission, 0 to 1.
    Share,
    /// A subnet's TAO reserve, in TAO.
    TaoReserve,
    /// A subnet's alpha reserve, in alpha.
    AlphaReserve,
    /// The share of a subnet's validator dividends going to root stakers, 0 to 1.
    RootProp,
    /// A subnet's moving price.
    MovingPrice,
    /// TAO injected into a subnet's pool in the block.
    TaoIn,
    /// TAO emitted in the block, all subnets together.
    BlockEmission,
    /// A holder's (or all holders of a strategy together) value if sold now, in TAO.
    ExitValue,
}

impl Metric {
    /// Every metric, with the name scenarios write.
    pub const ALL: [(Metric, &'static str); 9] = [
        (Metric::Price, "price"),
        (Metric::Share, "share"),
        (Metric::TaoReserve, "tao_reserve"),
        (Metric::AlphaReserve, "alpha_reserve"),
        (Metric::RootProp, "root_prop"),
        (Metric::MovingPrice, "moving_price"),
        (Metric::TaoIn, "tao_in"),
        (Metric::BlockEmission, "block_emission"),
        (Metric::ExitValue, "exit_value"),
    ];

    pub fn name(self) -> &'static str {
        Self::ALL.iter().find(|(m, _)| *m == self).map_or("", |(_, n)| n)
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.iter().find(|(_, n)| *n == name).map(|(m, _)| *m)
    }

    /// Whether it is a subnet's (and so needs a netuid).
    pub fn of_subnet(self) -> bool {
        !matches!(self, Metric::BlockEmission | Metric::ExitValue)
    }
}

/// Whose metric.
#[derive(Clone, Debug, PartialEq)]
pub enum Subject {
    Subnet(u16),
    /// A holder by id, with its scenario name (which verdicts print).
    Holder(u32, String),
    /// Every tracked holder of this strategy (its scenario name), summed.
    Strategy(String),
    Chain,
}

/// The comparison a claim makes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Test {
    Above(f64),
    Below(f64),
    Between(f64, f64),
    /// Above this fraction of the value at the scenario's start.
    AboveFractionOfStart(f64),
    BelowFractionOfStart(f64),
    /// Higher than at the end of this block (run-relative).
    RisingSince(u64),
    FallingSince(u64),
}

/// One claim of one caption.
#[derive(Clone, Debug, PartialEq)]
pub struct Claim {
    /// The block (run-relative) at whose end it must hold: its caption's.
    pub block: u64,
    pub subject: Subject,
    pub metric: Metric,
    pub test: Test,
    /// Where it is written: `captions[i].expect[j]`, and its byte offset in the file.
    pub field: String,
    pub offset: usize,
}

impl Claim {
    /// The claim in words: "SN2 share above 0.4".
    pub fn describe(&self, start_block: u64) -> String {
        let who = match &self.subject {
            Subject::Subnet(n) => format!("SN{n} "),
            Subject::Holder(_, name) => format!("{name}'s "),
            Subject::Strategy(s) => format!("{s} holders' "),
            Subject::Chain => String::new(),
        };
        let test = match self.test {
            Test::Above(x) => format!("above {x}"),
            Test::Below(x) => format!("below {x}"),
            Test::Between(a, b) => format!("between {a} and {b}"),
            Test::AboveFractionOfStart(f) => format!("above {f} of its start"),
            Test::BelowFractionOfStart(f) => format!("below {f} of its start"),
            Test::RisingSince(b) => format!("rising since block {}", b + start_block),
            Test::FallingSince(b) => format!("falling since block {}", b + start_block),
        };
        format!("{who}{} {test}", self.metric.name())
    }

    /// The block at whose end a reference value is taken, if the test needs one (`None` for
    /// the start, which is taken when the world is spawned).
    fn reference_block(&self) -> Option<u64> {
        match self.test {
            Test::RisingSince(b) | Test::FallingSince(b) => Some(b),
            _ => None,
        }
    }

    fn needs_start(&self) -> bool {
        matches!(self.test, Test::AboveFractionOfStart(_) | Test::BelowFractionOfStart(_))
    }
}

/// A claim judged.
#[derive(Clone, Debug, PartialEq)]
pub struct Verdict {
    pub ok: bool,
    /// The value seen at the caption's block.
    pub value: f64,
    /// The value it was compared with, for relative tests (start or earlier block).
    pub reference: Option<f64>,
}

/// A `{metric:netuid}` (or `{day}`, `{block}`) in a caption's text.
#[derive(Clone, Debug, PartialEq)]
pub struct Placeholder {
    /// Its text, braces included, as written.
    pub text: String,
    pub kind: PlaceholderKind,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PlaceholderKind {
    Subnet(Metric, u16),
    Day,
    Block,
}

/// The captions' claims and placeholders, and what the run showed of them.
#[derive(Resource, Clone, Debug, Default)]
pub struct ClaimBook {
    pub claims: Vec<Claim>,
    /// Per claim: its verdict, once its block has run.
    pub verdicts: Vec<Option<Verdict>>,
    /// Per claim: the reference value (start or earlier block), once taken.
    references: Vec<Option<f64>>,
    /// Per caption (in the order of [`crate::scenario::spawn::ScenarioInfo::captions`]): its
    /// block, raw text and placeholders.
    pub captions: Vec<(u64, String, Vec<Placeholder>)>,
    /// Per caption: its text with the placeholders filled in, once its block has run.
    pub rendered: Vec<Option<String>>,
    /// The blocks at whose end something is measured, ascending, and the next one.
    checkpoints: Vec<u64>,
    next: usize,
}

impl ClaimBook {
    pub fn new(claims: Vec<Claim>, captions: Vec<(u64, String, Vec<Placeholder>)>) -> Self {
        let mut checkpoints: Vec<u64> = claims.iter().flat_map(|c| [Some(c.block), c.reference_block()]).flatten().collect();
        checkpoints.extend(captions.iter().filter(|c| !c.2.is_empty()).map(|c| c.0));
        checkpoints.sort();
        checkpoints.dedup();
        let n = claims.len();
        let rendered = captions.iter().map(|c| c.2.is_empty().then(|| unescaped(&c.1))).collect();
        ClaimBook { verdicts: vec![None; n], references: vec![None; n], claims, captions, rendered, checkpoints, next: 0 }
    }

    /// The text of caption `i` as it reads now, placeholders filled in; `None` until its
    /// block has run when it has placeholders (the caption's own text then reads as written).
    pub fn text(&self, i: usize) -> Option<&str> {
        self.rendered.get(i)?.as_deref()
    }

    /// Whether every claim whose block has run holds.
    pub fn all_hold(&self) -> bool {
        self.verdicts.iter().flatten().all(|v| v.ok)
    }

    fn due(&self, block: u64) -> bool {
        self.checkpoints.get(self.next) == Some(&block)
    }
}

/// Everything a measurement reads.
struct Readings<'a, 'w, 's> {
    chain: &'a Chain,
    ledger: &'a Ledger,
    params: &'a Params,
    subnets: &'a Query<'w, 's, (&'static Subnet, &'static Pool, &'static MovingPrice, &'static BlockFlow)>,
    pools: &'a Query<'w, 's, (&'static Subnet, &'static Pool)>,
    holders: &'a HolderQuery<'w, 's>,
}

impl Readings<'_, '_, '_> {
    fn measure(&self, subject: &Subject, metric: Metric) -> Option<f64> {
        let tao = |rao: u64| rao as f64 / RAO_PER_TAO as f64;
        match (subject, metric) {
            (Subject::Chain, Metric::BlockEmission) => Some(tao(self.chain.block_emission)),
            (Subject::Subnet(n), m) => {
                let (_, pool, ema, flow) = self.subnets.iter().find(|(s, ..)| s.netuid == *n)?;
                Some(match m {
                    Metric::Price => pool.price(),
                    Metric::Share => flow.share,
                    Metric::TaoReserve => tao(pool.tao_reserve),
                    Metric::AlphaReserve => tao(pool.alpha_reserve),
                    Metric::RootProp => flow.root_prop,
                    Metric::MovingPrice => ema.0,
                    Metric::TaoIn => tao(flow.tao_in),
                    Metric::BlockEmission | Metric::ExitValue => return None,
                })
            }
            (Subject::Holder(h, _), Metric::ExitValue) => {
                let rows = values(self.chain.block, self.ledger, self.params, self.pools, self.holders);
                rows.iter().find(|r| r.holder == *h).map(|r| tao(r.exit_value))
            }
            (Subject::Strategy(s), Metric::ExitValue) => {
                let rows = values(self.chain.block, self.ledger, self.params, self.pools, self.holders);
                Some(rows.iter().filter(|r| r.strategy == s).map(|r| tao(r.exit_value)).sum())
            }
            _ => None,
        }
    }

    /// The value as a caption shows it: shares and proportions in percent, prices with four
    /// decimals, amounts in whole TAO with separators.
    fn render(&self, kind: PlaceholderKind, start_block: u64) -> String {
        use crate::economy::units::thousands;
        match kind {
            PlaceholderKind::Day => format!("{:.1}", (self.chain.block + 1) as f64 / 7_200.0),
            PlaceholderKind::Block => thousands((self.chain.block + start_block) as f64, 0),
            PlaceholderKind::Subnet(metric, n) => match (metric, self.measure(&Subject::Subnet(n), metric)) {
                (_, None) => "—".into(),
                (Metric::Share | Metric::RootProp, Some(v)) => format!("{:.1}%", v * 100.0),
                (Metric::Price | Metric::MovingPrice, Some(v)) => format!("{v:.4}"),
                (_, Some(v)) => thousands(v, 0),
            },
        }
    }
}

fn judge(test: Test, value: f64, reference: Option<f64>) -> bool {
    match (test, reference) {
        (Test::Above(x), _) => value > x,
        (Test::Below(x), _) => value < x,
        (Test::Between(a, b), _) => a <= value && value <= b,
        (Test::AboveFractionOfStart(f), Some(r)) => value > f * r,
        (Test::BelowFractionOfStart(f), Some(r)) => value < f * r,
        (Test::RisingSince(_), Some(r)) => value > r,
        (Test::FallingSince(_), Some(r)) => value < r,
        _ => false,
    }
}

/// Takes the start values of claims relative to the start; run when the world is spawned.
pub fn record_start(world: &mut World) {
    if world.get_resource::<ClaimBook>().is_none_or(|b| !b.claims.iter().any(Claim::needs_start)) {
        return;
    }
    let mut state: SystemState<(Res<Chain>, Res<Ledger>, Res<Params>, ResMut<ClaimBook>, SubnetReadings, Query<(&'static Subnet, &'static Pool)>, HolderQuery)> =
        SystemState::new(world);
    let Ok((chain, ledger, params, book, subnets, pools, holders)) = state.get_mut(world) else { return };
    let book = book.into_inner();
    let readings = Readings { chain: &chain, ledger: &ledger, params: &params, subnets: &subnets, pools: &pools, holders: &holders };
    for i in 0..book.claims.len() {
        if book.claims[i].needs_start() {
            let c = &book.claims[i];
            book.references[i] = readings.measure(&c.subject, c.metric);
        }
    }
}

type SubnetReadings<'w, 's> = Query<'w, 's, (&'static Subnet, &'static Pool, &'static MovingPrice, &'static BlockFlow)>;

/// The block's check of claims: an exclusive system that reads the block and the book
/// directly, so that the blocks where nothing is due cost a comparison, not the fetch of
/// every query a measurement needs.
pub fn check_claims_if_due(world: &mut World) {
    let block = world.resource::<Chain>().block;
    if !world.get_resource::<ClaimBook>().is_some_and(|b| b.due(block)) {
        return;
    }
    let mut state: SystemState<(Res<Chain>, Res<Ledger>, Res<Params>, Option<ResMut<ClaimBook>>, SubnetReadings, Query<(&'static Subnet, &'static Pool)>, HolderQuery)> =
        SystemState::new(world);
    let Ok((chain, ledger, params, book, subnets, pools, holders)) = state.get_mut(world) else { return };
    check_claims(chain, ledger, params, book, subnets, pools, holders);
}

/// At the end of a block where something is due: reference values taken, claims judged,
/// placeholders filled in.
#[allow(clippy::too_many_arguments)]
pub fn check_claims(
    chain: Res<Chain>,
    ledger: Res<Ledger>,
    params: Res<Params>,
    book: Option<ResMut<ClaimBook>>,
    subnets: SubnetReadings,
    pools: Query<(&'static Subnet, &'static Pool)>,
    holders: HolderQuery,
) {
    let Some(mut book) = book else { return };
    let block = chain.block;
    if !book.due(block) {
        return;
    }
    book.next += 1;
    let readings = Readings { chain: &chain, ledger: &ledger, params: &params, subnets: &subnets, pools: &pools, holders: &holders };
    let book = book.into_inner();
    for i in 0..book.claims.len() {
        let c = &book.claims[i];
        if c.reference_block() == Some(block) {
            book.references[i] = readings.measure(&c.subject, c.metric);
        }
        if c.block == block {
            let value = readings.measure(&c.subject, c.metric).unwrap_or(f64::NAN);
            let reference = book.references[i];
            book.verdicts[i] = Some(Verdict { ok: judge(c.test, value, reference), value, reference });
        }
    }
    for (i, (at, text, placeholders)) in book.captions.iter().enumerate() {
        if *at == block && !placeholders.is_empty() {
            let values: Vec<String> = placeholders.iter().map(|p| readings.render(p.kind, chain.start_block)).collect();
            book.rendered[i] = Some(fill(text, placeholders, &values));
        }
    }
}

/// `text` with each placeholder replaced by its value and `{{` / `}}` read as a brace, in
/// one pass (a value is never read again as a placeholder).
pub fn fill(text: &str, placeholders: &[Placeholder], values: &[String]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(['{', '}']) {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        if rest.starts_with("{{") || rest.starts_with("}}") {
            out.push_str(&rest[..1]);
            rest = &rest[2..];
            continue;
        }
        match placeholders.iter().zip(values).find(|(p, _)| rest.starts_with(&p.text)) {
            Some((p, value)) => {
                out.push_str(value);
                rest = &rest[p.text.len()..];
            }
            None => {
                out.push_str(&rest[..1]);
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// A caption's text as it reads before its block has run: escaped braces unescaped,
/// placeholders left as written.
pub fn unescaped(text: &str) -> String {
    text.replace("{{", "{").replace("}}", "}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tests_compare_as_they_read() {
        assert!(judge(Test::Above(0.4), 0.41, None) && !judge(Test::Above(0.4), 0.21, None));
        assert!(judge(Test::Between(1.0, 2.0), 2.0, None));
        assert!(judge(Test::BelowFractionOfStart(0.5), 0.4, Some(1.0)));
        assert!(!judge(Test::RisingSince(5), 1.0, None), "no reference: not shown to hold");
        assert!(judge(Test::FallingSince(5), 0.9, Some(1.0)));
        for (m, n) in Metric::ALL {
            assert_eq!(Metric::from_name(n), Some(m));
        }
    }
}
