//! `[[captions]]`: timed notes, their blocks made relative to the run's start, with the
//! claims they make (`expect`) and the placeholders in their text checked against the
//! scenario, so that `check` refuses a claim about a subnet or holder that does not exist.

use super::events::Known;
use super::genesis::Caption;
use super::problem::{problem, Problem};
use crate::metrics::claims::{Claim, ClaimBook, Metric, Placeholder, PlaceholderKind, Subject, Test};
use crate::scenario::format::{ClaimSpec, Scenario};
use toml::Spanned;

/// Names a `strategy` claim may use: the strategies, and the other roles holders.csv names.
const ROLES: [&str; 9] = ["conservative", "moderate", "growth", "sniper", "momentum", "downtrend", "noise", "validator", "holder"];

/// Captions in block order, and the book of their claims and placeholders.
pub(super) fn captions_of(scenario: &Scenario, start: u64, known: &Known) -> Result<(Vec<Caption>, ClaimBook), Problem> {
    let mut captions = Vec::new();
    for (i, c) in scenario.captions.iter().enumerate() {
        let Some(block) = c.block.checked_sub(start) else {
            return problem(None, format!("captions[{i}].block"), format!("block {} is before the scenario's start_block {start}", c.block));
        };
        let mut claims = Vec::new();
        for (j, spec) in c.expect.iter().enumerate() {
            claims.push(claim_of(spec, &format!("captions[{i}].expect[{j}]"), block, start, known)?);
        }
        let placeholders = placeholders_of(&c.text, &format!("captions[{i}].text"), known)?;
        if c.pause && block == 0 {
            // Block 0's caption is on screen before anything runs, with the window paused.
            return problem(Some(c.text.span()), format!("captions[{i}].pause"), "a caption at the scenario's first block is shown while the window is still paused; pause there would do nothing (put it on a later caption)");
        }
        let subnets = named_subnets(c.text.get_ref(), &claims, &placeholders, known.registrable);
        let text = crate::metrics::claims::unescaped(c.text.get_ref());
        captions.push((Caption { block, text, pause: c.pause, subnets }, claims, placeholders));
    }
    // In block order, whatever the file's order: the window shows the latest one reached.
    captions.sort_by_key(|c| c.0.block);
    let claims = captions.iter().flat_map(|c| c.1.clone()).collect();
    let texts = captions.iter().map(|c| (c.0.block, c.0.text.clone(), c.2.clone())).collect();
    Ok((captions.into_iter().map(|c| c.0).collect(), ClaimBook::new(claims, texts)))
}

fn claim_of(spec: &Spanned<ClaimSpec>, field: &str, block: u64, start: u64, known: &Known) -> Result<Claim, Problem> {
    let at = Some(spec.span());
    let c = spec.get_ref();
    let Some(metric) = Metric::from_name(&c.metric) else {
        let names: Vec<&str> = Metric::ALL.iter().map(|(_, n)| *n).collect();
        return problem(at, format!("{field}.metric"), format!("unknown metric \"{}\"; known: {}", c.metric, names.join(", ")));
    };
    let subject = match (metric.of_subnet(), c.netuid, &c.holder, &c.strategy) {
        (true, Some(n), None, None) => {
            if n == 0 || n > known.registrable {
                return problem(at, format!("{field}.netuid"), format!("no subnet {n} in this scenario (1 to {})", known.registrable));
            }
            Subject::Subnet(n)
        }
        (true, ..) => return problem(at, field, format!("{} is a subnet's: give netuid (and no holder or strategy)", c.metric)),
        (false, None, None, None) if metric == Metric::BlockEmission => Subject::Chain,
        (false, None, Some(h), None) if metric == Metric::ExitValue => match known.names.holders.get(h) {
            Some(id) => Subject::Holder(*id, h.clone()),
            None => return problem(at, format!("{field}.holder"), format!("no holder named \"{h}\"")),
        },
        (false, None, None, Some(s)) if metric == Metric::ExitValue => {
            if !ROLES.contains(&s.as_str()) {
                return problem(at, format!("{field}.strategy"), format!("unknown strategy \"{s}\"; known: {}", ROLES.join(", ")));
            }
            Subject::Strategy(s.clone())
        }
        (false, ..) if metric == Metric::ExitValue => return problem(at, field, "exit_value is a holder's or a strategy's: give holder or strategy"),
        (false, ..) => return problem(at, field, format!("{} is the chain's: give no netuid, holder or strategy", c.metric)),
    };
    let test = test_of(c, field, block, start, at.clone())?;
    Ok(Claim { block, subject, metric, test, field: field.to_string(), offset: spec.span().start })
}

fn test_of(c: &ClaimSpec, field: &str, block: u64, start: u64, at: Option<std::ops::Range<usize>>) -> Result<Test, Problem> {
    let since = |b: u64, key: &str| -> Result<u64, Problem> {
        match b.checked_sub(start) {
            Some(r) if r < block => Ok(r),
            _ => problem(at.clone(), format!("{field}.{key}"), format!("block {b} must be before the caption's block {}", block + start)),
        }
    };
    let mut tests = Vec::new();
    tests.extend(c.above.map(Test::Above));
    tests.extend(c.below.map(Test::Below));
    tests.extend(c.between.map(|[a, b]| Test::Between(a.min(b), a.max(b))));
    tests.extend(c.above_fraction_of_start.map(Test::AboveFractionOfStart));
    tests.extend(c.below_fraction_of_start.map(Test::BelowFractionOfStart));
    if let Some(b) = c.rising_since {
        tests.push(Test::RisingSince(since(b, "rising_since")?));
    }
    if let Some(b) = c.falling_since {
        tests.push(Test::FallingSince(since(b, "falling_since")?));
    }
    let finite = [c.above, c.below, c.above_fraction_of_start, c.below_fraction_of_start].into_iter().flatten().chain(c.between.into_iter().flatten()).all(f64::is_finite);
    match tests.as_slice() {
        _ if !finite => problem(at, field, "comparison values must be finite numbers"),
        [one] => Ok(*one),
        [] => problem(at, field, "no comparison: give one of above, below, between, above_fraction_of_start, below_fraction_of_start, rising_since, falling_since"),
        _ => problem(at, field, "more than one comparison: give one per claim (a caption may list several claims)"),
    }
}

/// The subnets a caption is about: those its claims and placeholders measure, and those its
/// text calls "SN<n>", in netuid order.
fn named_subnets(text: &str, claims: &[Claim], placeholders: &[Placeholder], registrable: u16) -> Vec<u16> {
    let mut out: Vec<u16> = claims.iter().filter_map(|c| if let Subject::Subnet(n) = c.subject { Some(n) } else { None }).collect();
    out.extend(placeholders.iter().filter_map(|p| if let PlaceholderKind::Subnet(_, n) = p.kind { Some(n) } else { None }));
    for (at, _) in text.match_indices("SN") {
        let digits: String = text[at + 2..].chars().take_while(|c| c.is_ascii_digit()).collect();
        let before = text[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric()) {
            continue;
        }
        if let Ok(n) = digits.parse::<u16>()
            && (1..=registrable).contains(&n)
        {
            out.push(n);
        }
    }
    out.sort();
    out.dedup();
    out
}

/// The `{…}` placeholders of a caption's text; `{{` and `}}` are a brace.
fn placeholders_of(spanned: &Spanned<String>, field: &str, known: &Known) -> Result<Vec<Placeholder>, Problem> {
    let (text, at) = (spanned.get_ref().as_str(), Some(spanned.span()));
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        if rest[open..].starts_with("{{") {
            rest = &rest[open + 2..];
            continue;
        }
        let Some(close) = rest[open..].find('}') else {
            return problem(at.clone(), field, format!("\"{{\" without \"}}\" in \"{text}\""));
        };
        let inner = &rest[open + 1..open + close];
        let kind = match inner.split_once(':') {
            None if inner == "day" => PlaceholderKind::Day,
            None if inner == "block" => PlaceholderKind::Block,
            Some((name, netuid)) => {
                let metric = match name {
                    "share" => Metric::Share,
                    "price" => Metric::Price,
                    "tao" => Metric::TaoReserve,
                    "alpha" => Metric::AlphaReserve,
                    "root_prop" => Metric::RootProp,
                    "moving_price" => Metric::MovingPrice,
                    other => return problem(at.clone(), field, format!("unknown placeholder {{{other}:…}}; known: share, price, tao, alpha, root_prop, moving_price (with a netuid), day, block")),
                };
                match netuid.trim().parse::<u16>() {
                    Ok(n) if n >= 1 && n <= known.registrable => PlaceholderKind::Subnet(metric, n),
                    _ => return problem(at.clone(), field, format!("{{{inner}}}: no subnet \"{netuid}\" in this scenario (1 to {})", known.registrable)),
                }
            }
            None => return problem(at.clone(), field, format!("unknown placeholder {{{inner}}}; known: {{share:N}}, {{price:N}}, {{tao:N}}, {{alpha:N}}, {{root_prop:N}}, {{moving_price:N}}, {{day}}, {{block}}")),
        };
        out.push(Placeholder { text: rest[open..=open + close].to_string(), kind });
        rest = &rest[open + close + 1..];
    }
    Ok(out)
}
