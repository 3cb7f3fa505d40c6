//! The sweep spec file format (TOML), as written: every table refuses unknown keys and the
//! fields that can be wrong keep their place in the file, so that [`super::resolve`] can
//! name the line and column of a bad value.

use crate::scenario::format::ParamValue;
use serde::Deserialize;
use toml::Spanned;

/// A whole sweep spec.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpecFile {
    /// Shown in the outputs; the scenario's title by default.
    pub title: Option<String>,
    /// The scenario file, relative to the spec's folder.
    pub scenario: Spanned<String>,
    /// Blocks per run (the scenario's `blocks` by default).
    pub blocks: Option<Spanned<u64>>,
    /// Runs per configuration (1 by default).
    pub replicates: Option<Spanned<u64>>,
    /// The first replicate's seed (the scenario's `seed` by default).
    pub seed: Option<Spanned<u64>>,
    /// Common random numbers (default true): replicate r of every configuration runs with
    /// seed `seed + r`. With false, every run has a seed of its own: `seed + run`.
    pub common_random_numbers: Option<bool>,
    /// Blocks between two observations of the metrics (1 by default; the last block of a
    /// run is always observed).
    pub observe_every: Option<Spanned<u64>>,
    #[serde(default)]
    pub design: DesignSpec,
    #[serde(default, rename = "param")]
    pub params: Vec<ParamSpec>,
    #[serde(default, rename = "metric")]
    pub metrics: Vec<MetricSpec>,
    #[serde(default, rename = "stop")]
    pub stops: Vec<ConditionSpec>,
}

/// How configurations are drawn from the parameters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DesignKind {
    /// Every combination of every parameter's `values` (the first parameter varies slowest).
    #[default]
    Factorial,
    /// The i-th value of every parameter together; all `values` lists have one length.
    Zip,
    /// A Latin hypercube of `samples` points over the parameters' ranges, from `seed`.
    Lhs,
    /// `samples` independent uniform draws over the ranges, from `seed`.
    Random,
    /// The configurations listed in `rows` (or a CSV `file`), one column per parameter.
    Table,
}

impl DesignKind {
    pub fn name(self) -> &'static str {
        match self {
            DesignKind::Factorial => "factorial",
            DesignKind::Zip => "zip",
            DesignKind::Lhs => "lhs",
            DesignKind::Random => "random",
            DesignKind::Table => "table",
        }
    }
}

/// `[design]`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DesignSpec {
    /// `factorial` by default.
    pub kind: Option<Spanned<DesignKind>>,
    /// `lhs` and `random`: how many configurations.
    pub samples: Option<Spanned<u64>>,
    /// `lhs` and `random`: the seed of the draw (0 by default).
    pub seed: Option<u64>,
    /// `table`: the parameters, one per column.
    pub columns: Option<Vec<Spanned<String>>>,
    /// `table`: one row of values per configuration.
    pub rows: Option<Vec<Spanned<Vec<Spanned<ParamValue>>>>>,
    /// `table`: a CSV file (relative to the spec's folder) whose header names the parameters.
    pub file: Option<Spanned<String>>,
}

/// How a drawn number in a range is spread.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scale {
    #[default]
    Linear,
    /// Uniform in the logarithm (the range must be above 0).
    Log,
}

/// `[[param]]`: one swept parameter.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParamSpec {
    /// A parameter of a scenario's `set` event: `tao_weight`, `owner_cut`, `fee_rao`,
    /// `tempo`, `block_reward`, `rule_set`, `share_rule`.
    pub name: Spanned<String>,
    /// `factorial`, `zip`; for `lhs` and `random`, a choice among these.
    pub values: Option<Spanned<Vec<Spanned<ParamValue>>>>,
    /// `lhs` and `random`: `[low, high]`.
    pub range: Option<Spanned<Vec<f64>>>,
    #[serde(default)]
    pub scale: Scale,
}

/// What a metric makes of a quantity's observations.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reduce {
    /// The value at the run's last block.
    #[default]
    Final,
    Min,
    Max,
    /// The mean over the observed blocks of the window.
    Mean,
    /// The first block (as `subnets.csv` numbers it) where `below` or `above` holds.
    First,
}

impl Reduce {
    pub fn name(self) -> &'static str {
        match self {
            Reduce::Final => "final",
            Reduce::Min => "min",
            Reduce::Max => "max",
            Reduce::Mean => "mean",
            Reduce::First => "first",
        }
    }
}

/// `[[metric]]`: one column of `runs.csv`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetricSpec {
    /// The column's name (by default made of `reduce`, `of` and `netuid` or `strategy`).
    pub name: Option<Spanned<String>>,
    /// The quantity observed (README, "Sweep specs").
    pub of: Spanned<String>,
    /// For a subnet's own quantity (`price`, `emission_share`, ...).
    pub netuid: Option<Spanned<u16>>,
    /// For `return_pct`: the strategy (or `validator`, `holder`).
    pub strategy: Option<Spanned<String>>,
    /// `final` by default.
    pub reduce: Option<Spanned<Reduce>>,
    /// The window, in blocks counted from the run's first block: from (inclusive)...
    pub from: Option<Spanned<u64>>,
    /// ...to (exclusive; the end of the run by default).
    pub to: Option<Spanned<u64>>,
    /// `first`: the condition.
    pub below: Option<Spanned<f64>>,
    pub above: Option<Spanned<f64>>,
}

/// `[[stop]]`: a run ends after the first observed block where any of these holds.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConditionSpec {
    pub of: Spanned<String>,
    pub netuid: Option<Spanned<u16>>,
    pub strategy: Option<Spanned<String>>,
    pub below: Option<Spanned<f64>>,
    pub above: Option<Spanned<f64>>,
}
