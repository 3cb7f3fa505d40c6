//! A spec's configurations: `factorial` and `zip` from the parameters' `values`, `lhs` and
//! `random` from their ranges (or values, as a choice) and a seed. `table` is in
//! [`super::table`]. Every value is checked as the parameter's `set` event would check it,
//! and refused at its place in the file.

use super::definition::{DesignInfo, Setting};
use super::hypercube::{latin_hypercube, uniform};
use super::located::Source;
use super::spec::{DesignKind, ParamSpec, Scale, SpecFile};
use crate::economy::limits::MAX_SWEEP_RUNS;
use crate::scenario::format::{ParamName, ParamValue};
use crate::scenario::resolve::param_change;
use crate::scenario::ScenarioError;
use toml::Spanned;

/// The parameters a sweep varies, for the refusal of another name.
pub const SWEPT_NAMES: &str = "tao_weight, owner_cut, fee_rao, tempo, block_reward, rule_set, share_rule";

/// A sweepable parameter by name (a scenario `set` event's name); per-subnet ones are not.
pub fn param_name(name: &str) -> Result<ParamName, String> {
    let param: ParamName = serde_json::from_value(serde_json::Value::String(name.trim().to_string()))
        .map_err(|_| format!("unknown parameter `{name}` (known: {SWEPT_NAMES})"))?;
    if matches!(param, ParamName::MinerBurned | ParamName::EmissionEnabled) {
        return Err(format!("`{name}` is one subnet's setting; a sweep varies the network's parameters ({SWEPT_NAMES})"));
    }
    Ok(param)
}

/// A value as `runs.csv` writes it: a number in its shortest exact form, a name trimmed.
pub fn value_text(value: &ParamValue) -> String {
    match value {
        ParamValue::Number(x) => format!("{x}"),
        ParamValue::Text(t) => t.trim().to_string(),
    }
}

/// The setting a value makes, or why the parameter refuses it.
pub fn setting(param: ParamName, value: &ParamValue) -> Result<Setting, String> {
    param_change(param, value).map(|change| Setting { text: value_text(value), change })
}

/// `name=value` (as `run --set` takes it): a number when it reads as one, else a name.
pub fn parse_setting(text: &str) -> Result<(String, Setting), String> {
    let (name, value) = text.split_once('=').ok_or_else(|| format!("--set {text}: expected NAME=VALUE"))?;
    let param = param_name(name).map_err(|e| format!("--set {text}: {e}"))?;
    let value = match value.trim().parse::<f64>() {
        Ok(x) => ParamValue::Number(x),
        Err(_) => ParamValue::Text(value.trim().to_string()),
    };
    let s = setting(param, &value).map_err(|e| format!("--set {text}: {e}"))?;
    Ok((name.trim().to_string(), s))
}

/// The configurations and what the manifest says of them.
pub struct Drawn {
    pub names: Vec<String>,
    pub configs: Vec<Vec<Setting>>,
    pub info: DesignInfo,
}

/// A parameter of the spec, its name checked.
struct Param<'s> {
    spec: &'s ParamSpec,
    name: ParamName,
    field: String,
}

fn params_of<'s>(spec: &'s SpecFile, src: &Source) -> Result<Vec<Param<'s>>, ScenarioError> {
    let mut out: Vec<Param> = Vec::new();
    for (i, p) in spec.params.iter().enumerate() {
        let field = format!("param[{i}]");
        let name = param_name(p.name.get_ref()).map_err(|e| src.at(p.name.span(), format!("{field}.name"), e))?;
        if out.iter().any(|q| q.spec.name.get_ref().trim() == p.name.get_ref().trim()) {
            return Err(src.at(p.name.span(), format!("{field}.name"), format!("`{}` is swept twice: give it once", p.name.get_ref())));
        }
        out.push(Param { spec: p, name, field });
    }
    Ok(out)
}

/// Each of a parameter's `values`, checked.
fn listed(p: &Param, src: &Source) -> Result<Option<Vec<Setting>>, ScenarioError> {
    let Some(values) = &p.spec.values else { return Ok(None) };
    if values.get_ref().is_empty() {
        return Err(src.at(values.span(), format!("{}.values", p.field), "give at least one value"));
    }
    let mut out = Vec::new();
    for (j, v) in values.get_ref().iter().enumerate() {
        let field = format!("{}.values[{j}]", p.field);
        if matches!(v.get_ref(), ParamValue::Number(x) if !x.is_finite()) {
            return Err(src.at(v.span(), field, "must be a finite number"));
        }
        out.push(setting(p.name, v.get_ref()).map_err(|e| src.at(v.span(), field, e))?);
    }
    Ok(Some(out))
}

/// A parameter's `range`, checked: two finite numbers, low first, both values the parameter
/// takes (and above 0 on a log scale).
fn range_of(p: &Param, src: &Source) -> Result<Option<(f64, f64)>, ScenarioError> {
    let Some(range) = &p.spec.range else { return Ok(None) };
    let field = format!("{}.range", p.field);
    let at = |m: String| src.at(range.span(), field.clone(), m);
    let [lo, hi] = range.get_ref()[..] else { return Err(at("give two numbers: [low, high]".into())) };
    if !lo.is_finite() || !hi.is_finite() || lo > hi {
        return Err(at(format!("expected [low, high] with finite numbers, low ≤ high; got [{lo}, {hi}]")));
    }
    if p.spec.scale == Scale::Log && lo <= 0.0 {
        return Err(at(format!("a log scale needs a range above 0, got [{lo}, {hi}]")));
    }
    for x in [lo, hi] {
        setting(p.name, &ParamValue::Number(x)).map_err(|e| at(format!("{x}: {e}")))?;
    }
    Ok(Some((lo, hi)))
}

/// A drawn number as the parameter takes it: whole numbers rounded, others to 6
/// significant digits (at most 9 decimals: block rewards are exact RAO).
fn rounded(param: ParamName, x: f64) -> f64 {
    if matches!(param, ParamName::Tempo | ParamName::FeeRao) {
        return x.round();
    }
    if x == 0.0 {
        return 0.0;
    }
    let decimals = (5 - x.abs().log10().floor() as i32).clamp(0, 9) as usize;
    format!("{x:.decimals$}").parse().unwrap_or(x)
}

/// The value of a point's coordinate `u` in [0, 1) for a parameter with a range or a list.
fn at_unit(p: &Param, choice: &Option<Vec<Setting>>, range: Option<(f64, f64)>, u: f64, src: &Source) -> Result<Setting, ScenarioError> {
    if let Some(list) = choice {
        return Ok(list[((u * list.len() as f64) as usize).min(list.len() - 1)].clone());
    }
    let (lo, hi) = range.unwrap_or((0.0, 0.0));
    let x = match p.spec.scale {
        Scale::Linear => lo + u * (hi - lo),
        Scale::Log => (lo.ln() + u * (hi.ln() - lo.ln())).exp(),
    };
    let value = ParamValue::Number(rounded(p.name, x).clamp(lo, hi));
    setting(p.name, &value).map_err(|e| src.at(p.spec.name.span(), format!("{}.range", p.field), e))
}

fn samples_of(spec: &SpecFile, src: &Source, kind: DesignKind) -> Result<usize, ScenarioError> {
    let d = &spec.design;
    match (&d.samples, kind) {
        (Some(s), DesignKind::Lhs | DesignKind::Random) if (1..=MAX_SWEEP_RUNS).contains(s.get_ref()) => Ok(*s.get_ref() as usize),
        (Some(s), DesignKind::Lhs | DesignKind::Random) => {
            Err(src.at(s.span(), "design.samples", format!("must be from 1 to {MAX_SWEEP_RUNS}, got {}", s.get_ref())))
        }
        (None, DesignKind::Lhs | DesignKind::Random) => Err(src.at(kind_span(spec), "design.samples", format!("a {} design needs `samples`", kind.name()))),
        (Some(s), _) => Err(src.at(s.span(), "design.samples", format!("`samples` is for lhs and random designs, not {}", kind.name()))),
        (None, _) => Ok(0),
    }
}

fn kind_span(spec: &SpecFile) -> std::ops::Range<usize> {
    spec.design.kind.as_ref().map_or(0..0, Spanned::span)
}

/// The configurations of a `factorial`, `zip`, `lhs` or `random` design.
pub fn draw(spec: &SpecFile, src: &Source, kind: DesignKind) -> Result<Drawn, ScenarioError> {
    let params = params_of(spec, src)?;
    if params.is_empty() {
        return Err(src.at(kind_span(spec), "param", format!("a {} design needs at least one [[param]]", kind.name())));
    }
    let samples = samples_of(spec, src, kind)?;
    if spec.design.seed.is_some() && !matches!(kind, DesignKind::Lhs | DesignKind::Random) {
        return Err(src.at(kind_span(spec), "design.seed", format!("`seed` is for lhs and random designs, not {}", kind.name())));
    }
    let mut lists = Vec::new();
    let mut ranges = Vec::new();
    let mut described = Vec::new();
    for p in &params {
        let (list, range) = (listed(p, src)?, range_of(p, src)?);
        let field = p.field.clone();
        match (kind, &list, range) {
            (DesignKind::Factorial | DesignKind::Zip, None, _) => return Err(src.at(p.spec.name.span(), format!("{field}.values"), format!("a {} design needs `values`", kind.name()))),
            (DesignKind::Factorial | DesignKind::Zip, _, Some(_)) => {
                return Err(src.at(p.spec.name.span(), format!("{field}.range"), "`range` is for lhs and random designs: list `values`"));
            }
            (DesignKind::Lhs | DesignKind::Random, None, None) | (DesignKind::Lhs | DesignKind::Random, Some(_), Some(_)) => {
                return Err(src.at(p.spec.name.span(), field, "give either `range = [low, high]` or `values` (a choice among them)"));
            }
            _ => {}
        }
        described.push(match (range, &p.spec.values) {
            (Some((lo, hi)), _) => format!("{}: range [{lo}, {hi}] {:?}", p.spec.name.get_ref(), p.spec.scale).to_lowercase(),
            _ => format!("{}: values [{}]", p.spec.name.get_ref(), list.iter().flatten().map(|s| s.text.clone()).collect::<Vec<_>>().join(", ")),
        });
        lists.push(list);
        ranges.push(range);
    }
    let names: Vec<String> = params.iter().map(|p| p.spec.name.get_ref().trim().to_string()).collect();
    let configs = match kind {
        DesignKind::Factorial => factorial(&lists, src, kind_span(spec))?,
        DesignKind::Zip => zip(&params, &lists, src)?,
        _ => {
            let seed = spec.design.seed.unwrap_or(0);
            let points = if kind == DesignKind::Lhs { latin_hypercube(samples, params.len(), seed) } else { uniform(samples, params.len(), seed) };
            let mut configs = Vec::with_capacity(samples);
            for point in points {
                let config = params.iter().enumerate().map(|(d, p)| at_unit(p, &lists[d], ranges[d], point[d], src)).collect::<Result<Vec<_>, _>>()?;
                configs.push(config);
            }
            configs
        }
    };
    let seed = matches!(kind, DesignKind::Lhs | DesignKind::Random).then(|| spec.design.seed.unwrap_or(0));
    Ok(Drawn { names, configs, info: DesignInfo { kind: kind.name().into(), seed, params: described } })
}

fn factorial(lists: &[Option<Vec<Setting>>], src: &Source, span: std::ops::Range<usize>) -> Result<Vec<Vec<Setting>>, ScenarioError> {
    let count = lists.iter().map(|l| l.as_ref().map_or(1, Vec::len) as u128).product::<u128>();
    if count > MAX_SWEEP_RUNS as u128 {
        return Err(src.at(span, "param", format!("{count} combinations of the values is more than the limit of {MAX_SWEEP_RUNS} runs")));
    }
    let mut configs: Vec<Vec<Setting>> = vec![Vec::new()];
    for list in lists.iter().flatten() {
        configs = configs.into_iter().flat_map(|c| list.iter().map(move |s| [c.clone(), vec![s.clone()]].concat())).collect();
    }
    Ok(configs)
}

fn zip(params: &[Param], lists: &[Option<Vec<Setting>>], src: &Source) -> Result<Vec<Vec<Setting>>, ScenarioError> {
    let len = lists.first().and_then(|l| l.as_ref()).map_or(0, Vec::len);
    for (p, list) in params.iter().zip(lists) {
        let n = list.as_ref().map_or(0, Vec::len);
        if n != len {
            let span = p.spec.values.as_ref().map_or(p.spec.name.span(), Spanned::span);
            return Err(src.at(span, format!("{}.values", p.field), format!("a zip design takes the i-th value of every parameter together: this list has {n} values, the first has {len}")));
        }
    }
    Ok((0..len).map(|i| lists.iter().flatten().map(|l| l[i].clone()).collect()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drawn_numbers_are_rounded_as_the_parameter_takes_them() {
        assert_eq!(rounded(ParamName::Tempo, 99.6), 100.0);
        assert_eq!(rounded(ParamName::TaoWeight, 0.123456789), 0.123457);
        assert_eq!(rounded(ParamName::BlockReward, 1.0000000001), 1.0);
        assert!(param_name("miner_burned").unwrap_err().contains("one subnet's"));
        assert!(param_name("nonsense").unwrap_err().contains("unknown parameter"));
    }
}
