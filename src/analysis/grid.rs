//! The runs of a sweep: the cartesian product of swept parameter values, times seeds.

use crate::scenario::format::{ParamName, ParamValue};
use crate::scenario::resolve::param_change;
use crate::transactions::ParamChange;

/// One swept parameter and its values.
#[derive(Clone, Debug, PartialEq)]
pub struct SweptParam {
    /// The name as written (`tao_weight`).
    pub name: String,
    pub values: Vec<(String, ParamChange)>,
}

/// Parses `name=v1,v2,...` (names as in a scenario's `set` event).
pub fn parse_param(text: &str) -> Result<SweptParam, String> {
    let (name, values) = text.split_once('=').ok_or_else(|| format!("--param {text}: expected name=value,value,..."))?;
    let name = name.trim();
    let param: ParamName = serde_json::from_value(serde_json::Value::String(name.to_string())).map_err(|_| {
        format!("--param {text}: unknown parameter `{name}` (rule_set, share_rule, tao_weight, tempo, fee_rao, owner_cut, block_reward)")
    })?;
    let values = values
        .split(',')
        .map(|v| {
            let v = v.trim();
            let value = match v.parse::<f64>() {
                Ok(x) => ParamValue::Number(x),
                Err(_) => ParamValue::Text(v.to_string()),
            };
            param_change(param, &value).map(|c| (v.to_string(), c)).map_err(|e| format!("--param {name}={v}: {e}"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    if values.is_empty() || values.iter().any(|(v, _)| v.is_empty()) {
        return Err(format!("--param {text}: give at least one value"));
    }
    Ok(SweptParam { name: name.to_string(), values })
}

/// Parses every `--param`; a parameter given twice is refused (its runs would write one
/// value in its column while the other one was applied).
pub fn parse_params(texts: &[String]) -> Result<Vec<SweptParam>, String> {
    let params = texts.iter().map(|p| parse_param(p)).collect::<Result<Vec<_>, _>>()?;
    for (i, p) in params.iter().enumerate() {
        if params[..i].iter().any(|q| q.name == p.name) {
            return Err(format!("--param {} is given twice: list all its values in one --param {}=a,b,c", p.name, p.name));
        }
    }
    Ok(params)
}

/// Parses seeds: `1..32` (inclusive), or a list `1,5,9`.
pub fn parse_seeds(text: &str) -> Result<Vec<u64>, String> {
    let bad = || format!("--seeds {text}: expected A..B (inclusive) or a list A,B,C");
    if let Some((a, b)) = text.split_once("..") {
        let (a, b): (u64, u64) = (a.trim().parse().map_err(|_| bad())?, b.trim().trim_start_matches('=').parse().map_err(|_| bad())?);
        if b < a || b - a >= 1_000_000 {
            return Err(bad());
        }
        return Ok((a..=b).collect());
    }
    text.split(',').map(|s| s.trim().parse().map_err(|_| bad())).collect()
}

/// Every run of a sweep: one value of each parameter, and a seed.
#[derive(Clone, Debug)]
pub struct Grid {
    pub params: Vec<SweptParam>,
    pub seeds: Vec<u64>,
}

impl Grid {
    /// How many runs [`Self::runs`] lists, counted without listing them.
    pub fn run_count(&self) -> u128 {
        self.params.iter().map(|p| p.values.len() as u128).product::<u128>() * self.seeds.len() as u128
    }

    /// (index of each parameter's value, seed), in a fixed order: parameters vary slowest
    /// in the order given, seeds fastest.
    pub fn runs(&self) -> Vec<(Vec<usize>, u64)> {
        let mut combos: Vec<Vec<usize>> = vec![vec![]];
        for p in &self.params {
            combos = combos.into_iter().flat_map(|c| (0..p.values.len()).map(move |i| [c.clone(), vec![i]].concat())).collect();
        }
        combos.into_iter().flat_map(|c| self.seeds.iter().map(move |s| (c.clone(), *s))).collect()
    }
}
