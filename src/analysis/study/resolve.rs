//! Reading a sweep spec into a [`Study`]: the scenario it names, the design's
//! configurations, the seeds, the metrics and stop conditions. Every check is done here,
//! before anything is run or written, and a refusal names the file, line and field.

use super::definition::{Seeds, Study};
use super::design::draw;
use super::fingerprint::Fnv;
use super::located::Source;
use super::measure::{Measures, Metric};
use super::quantity::{Condition, Quantity, QuantityProblem, Threshold};
use super::spec::{ConditionSpec, DesignKind, MetricSpec, Reduce, SpecFile};
use super::table::draw_table;
use crate::economy::limits::{MAX_BLOCKS, MAX_SUBNETS, MAX_SWEEP_RUNS};
use crate::scenario::load::{parse_toml, read_limited};
use crate::scenario::ScenarioError;
use std::path::{Component, Path, PathBuf};
use toml::Spanned;

/// Columns of `runs.csv` that are not metrics: a metric may not take their names.
pub const FIXED_COLUMNS: [&str; 9] = ["run", "config", "replicate", "seed", "blocks_run", "stopped_by", "conservation_ok", "reproduce", "runs"];

/// `a/b/../c` → `a/c`, without touching the file system, so that a scenario beside the spec
/// is named the way one would type it.
pub fn tidy_path(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir if matches!(out.components().next_back(), Some(Component::Normal(_))) => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    if out.as_os_str().is_empty() { PathBuf::from(".") } else { out }
}

/// Reads, parses and checks a sweep spec; `path` is kept as given (the reproduce commands
/// name it).
pub fn load_spec(path: &Path) -> Result<Study, ScenarioError> {
    let file = path.display().to_string();
    let text = read_limited(path, "a sweep spec")?;
    let spec: SpecFile = parse_toml(&text, &file)?;
    resolve_spec(&spec, Source { text: &text, file: &file }, path)
}

fn positive(value: &Option<Spanned<u64>>, field: &str, max: u64, src: &Source) -> Result<Option<u64>, ScenarioError> {
    match value {
        Some(v) if !(1..=max).contains(v.get_ref()) => Err(src.at(v.span(), field, format!("must be from 1 to {max}, got {}", v.get_ref()))),
        Some(v) => Ok(Some(*v.get_ref())),
        None => Ok(None),
    }
}

/// Checks a parsed spec and resolves it.
pub fn resolve_spec(spec: &SpecFile, src: Source, path: &Path) -> Result<Study, ScenarioError> {
    let spec_dir = path.parent().unwrap_or(Path::new(""));
    let scenario_path = tidy_path(&spec_dir.join(spec.scenario.get_ref()));
    let scenario_file = scenario_path.display().to_string();
    let (_, genesis) = crate::scenario::load(&scenario_path).map_err(|e| {
        // An unreadable scenario is the spec's mistake; a bad one is the scenario's own.
        if e.line == 0 { src.at(spec.scenario.span(), "scenario", format!("{scenario_file}: {}", e.message)) } else { e }
    })?;
    let scenario_text = read_limited(&scenario_path, "a scenario")?;
    let blocks = positive(&spec.blocks, "blocks", MAX_BLOCKS, &src)?.unwrap_or(genesis.blocks);
    let replicates = positive(&spec.replicates, "replicates", MAX_SWEEP_RUNS, &src)?.unwrap_or(1);
    let observe_every = positive(&spec.observe_every, "observe_every", MAX_BLOCKS, &src)?.unwrap_or(1);
    let kind = spec.design.kind.as_ref().map_or(DesignKind::Factorial, |k| *k.get_ref());
    let drawn = if kind == DesignKind::Table { draw_table(spec, &src, spec_dir)? } else { draw(spec, &src, kind)? };
    let runs = drawn.configs.len() as u128 * replicates as u128;
    if runs > MAX_SWEEP_RUNS as u128 {
        let span = spec.replicates.as_ref().map_or(0..0, Spanned::span);
        return Err(src.at(span, "replicates", format!("{} configurations × {replicates} replicates = {runs} runs, more than the limit of {MAX_SWEEP_RUNS}", drawn.configs.len())));
    }
    let first = spec.seed.as_ref().map_or(genesis.seed, |s| *s.get_ref());
    let common = spec.common_random_numbers.unwrap_or(true);
    let last = if common { replicates as u128 } else { runs };
    if first as u128 + last > u64::MAX as u128 + 1 {
        let span = spec.seed.as_ref().map_or(0..0, Spanned::span);
        return Err(src.at(span, "seed", format!("seed {first} plus the runs' offsets goes past the largest seed")));
    }
    let seeds = if common { Seeds::Common { list: (0..replicates).map(|r| first + r).collect() } } else { Seeds::Independent { first, replicates } };
    let mut reserved: Vec<String> = FIXED_COLUMNS.iter().map(|c| c.to_string()).collect();
    reserved.extend(drawn.names.iter().cloned());
    let metrics = if spec.metrics.is_empty() { Measures::default_for(&genesis).metrics } else { metrics_of(spec, &src, blocks, &reserved)? };
    let stops = spec.stops.iter().enumerate().map(|(i, c)| condition_of(c, &format!("stop[{i}]"), &src)).collect::<Result<Vec<_>, _>>()?;
    let measures = Measures { metrics, stops, observe_every };
    check_strategies(&measures, &genesis, spec, &src)?;
    let mut hash = Fnv::new();
    hash.write_str(src.text);
    hash.write_str(&scenario_text);
    Ok(Study {
        title: spec.title.clone().unwrap_or_else(|| genesis.title.clone()),
        spec_file: Some(path.display().to_string()),
        scenario_file,
        blocks,
        design: drawn.info,
        params: drawn.names,
        configs: drawn.configs,
        seeds,
        measures,
        source_hash: hash.finish(),
        genesis,
    })
}

fn quantity_of(of: &Spanned<String>, netuid: &Option<Spanned<u16>>, strategy: &Option<Spanned<String>>, field: &str, src: &Source) -> Result<Quantity, ScenarioError> {
    if let Some(n) = netuid
        && *n.get_ref() > MAX_SUBNETS
    {
        return Err(src.at(n.span(), format!("{field}.netuid"), format!("netuids go up to {MAX_SUBNETS}, got {}", n.get_ref())));
    }
    Quantity::parse(of.get_ref().trim(), netuid.as_ref().map(|n| *n.get_ref()), strategy.as_ref().map(|s| s.get_ref().as_str())).map_err(|p| match p {
        QuantityProblem::Unknown(m) => src.at(of.span(), format!("{field}.of"), m),
        QuantityProblem::Key(key, m) => {
            let span = match key {
                "netuid" => netuid.as_ref().map(Spanned::span),
                _ => strategy.as_ref().map(Spanned::span),
            };
            src.at(span.unwrap_or(of.span()), format!("{field}.{key}"), m)
        }
    })
}

/// `below` or `above`, exactly one, finite.
fn threshold_of(below: &Option<Spanned<f64>>, above: &Option<Spanned<f64>>, field: &str, src: &Source) -> Result<Option<Threshold>, ScenarioError> {
    let t = match (below, above) {
        (Some(b), Some(_)) => return Err(src.at(b.span(), field, "give `below` or `above`, not both")),
        (Some(b), None) => (b, Threshold::Below(*b.get_ref()), "below"),
        (None, Some(a)) => (a, Threshold::Above(*a.get_ref()), "above"),
        (None, None) => return Ok(None),
    };
    if !t.0.get_ref().is_finite() {
        return Err(src.at(t.0.span(), format!("{field}.{}", t.2), format!("must be a finite number, got {}", t.0.get_ref())));
    }
    Ok(Some(t.1))
}

fn condition_of(c: &ConditionSpec, field: &str, src: &Source) -> Result<Condition, ScenarioError> {
    let quantity = quantity_of(&c.of, &c.netuid, &c.strategy, field, src)?;
    let threshold = threshold_of(&c.below, &c.above, field, src)?
        .ok_or_else(|| src.at(c.of.span(), field, "a stop condition needs `below` or `above`"))?;
    Ok(Condition { quantity, threshold })
}

fn metric_of(m: &MetricSpec, field: &str, blocks: u64, src: &Source) -> Result<Metric, ScenarioError> {
    let quantity = quantity_of(&m.of, &m.netuid, &m.strategy, field, src)?;
    let reduce = m.reduce.as_ref().map_or(Reduce::Final, |r| *r.get_ref());
    let reduce_span = m.reduce.as_ref().map_or(m.of.span(), Spanned::span);
    let threshold = threshold_of(&m.below, &m.above, field, src)?;
    match (reduce, threshold) {
        (Reduce::First, None) => return Err(src.at(reduce_span, format!("{field}.reduce"), "`first` dates a condition: give `below` or `above`")),
        (Reduce::First, Some(_)) => {}
        (_, Some(_)) => return Err(src.at(reduce_span, format!("{field}.reduce"), "`below` and `above` are for reduce = \"first\"")),
        _ => {}
    }
    let from = m.from.as_ref().map_or(0, |f| *f.get_ref());
    let to = m.to.as_ref().map(|t| *t.get_ref());
    if reduce == Reduce::Final && (m.from.is_some() || m.to.is_some()) {
        return Err(src.at(reduce_span, format!("{field}.reduce"), "`final` is the last block's value: a window (`from`, `to`) is for min, max, mean and first"));
    }
    if let Some(t) = &m.to
        && (*t.get_ref() <= from || *t.get_ref() > blocks)
    {
        return Err(src.at(t.span(), format!("{field}.to"), format!("the window must end after `from` ({from}) and at most at the run's end ({blocks}), got {}", t.get_ref())));
    }
    if let Some(f) = &m.from
        && *f.get_ref() >= blocks
    {
        return Err(src.at(f.span(), format!("{field}.from"), format!("the run has {blocks} blocks (0 to {}), got {}", blocks - 1, f.get_ref())));
    }
    let name = match &m.name {
        Some(n) => n.get_ref().trim().to_string(),
        None => match (reduce, threshold) {
            (Reduce::Final, _) => quantity.label(),
            (Reduce::First, Some(Threshold::Below(x))) => format!("first_{}_below_{x}", quantity.label()),
            (Reduce::First, Some(Threshold::Above(x))) => format!("first_{}_above_{x}", quantity.label()),
            (r, _) => format!("{}_{}", r.name(), quantity.label()),
        },
    };
    Ok(Metric { name, quantity, reduce, from, to, threshold })
}

fn metrics_of(spec: &SpecFile, src: &Source, blocks: u64, reserved: &[String]) -> Result<Vec<Metric>, ScenarioError> {
    let mut out: Vec<Metric> = Vec::new();
    for (i, m) in spec.metrics.iter().enumerate() {
        let field = format!("metric[{i}]");
        let metric = metric_of(m, &field, blocks, src)?;
        let span = m.name.as_ref().map_or(m.of.span(), Spanned::span);
        let ok_name = !metric.name.is_empty() && metric.name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'));
        if !ok_name {
            return Err(src.at(span, format!("{field}.name"), format!("`{}`: a column name is letters, digits, `_`, `.` and `-`", metric.name)));
        }
        if reserved.contains(&metric.name) || out.iter().any(|o| o.name == metric.name) {
            return Err(src.at(span, format!("{field}.name"), format!("`{}` is already a column: give this metric a `name`", metric.name)));
        }
        out.push(metric);
    }
    Ok(out)
}

/// A return of a strategy that no tracked holder has at the start would be empty in every
/// row: refused.
fn check_strategies(measures: &Measures, genesis: &crate::scenario::Genesis, spec: &SpecFile, src: &Source) -> Result<(), ScenarioError> {
    if !measures.metrics.iter().map(|m| &m.quantity).chain(measures.stops.iter().map(|c| &c.quantity)).any(Quantity::needs_holders) {
        return Ok(());
    }
    let mut sim = crate::Simulation::new(genesis);
    let known = super::probe::Probe::new(sim.world_mut(), false, true).strategies();
    let written = spec.metrics.iter().map(|m| (&m.strategy, "metric")).chain(spec.stops.iter().map(|c| (&c.strategy, "stop")));
    let mut counts = std::collections::HashMap::new();
    for (strategy, table) in written {
        let i = counts.entry(table).or_insert(0usize);
        if let Some(s) = strategy
            && !known.iter().any(|k| k == s.get_ref().trim())
        {
            return Err(src.at(s.span(), format!("{table}[{i}].strategy"), format!("no tracked holder has the strategy `{}` (the scenario's: {})", s.get_ref(), known.join(", "))));
        }
        *i += 1;
    }
    Ok(())
}
