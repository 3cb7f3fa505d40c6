//! A study, resolved: the scenario, the configurations to run, the seed of every run, what
//! each run measures. Made from a spec file ([`super::resolve`]) or from the flags of
//! `sweep SCENARIO --param ...` ([`super::flags`]); everything after works on this alone.

use super::measure::Measures;
use crate::scenario::Genesis;
use crate::transactions::ParamChange;
use serde::{Deserialize, Serialize};

/// One parameter's value in a configuration: as written (and as `runs.csv` shows it), and
/// the change it makes.
#[derive(Clone, Debug, PartialEq)]
pub struct Setting {
    pub text: String,
    pub change: ParamChange,
}

/// Which seed each run gets.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "scheme")]
pub enum Seeds {
    /// Common random numbers: replicate r of every configuration uses `list[r]`.
    Common { list: Vec<u64> },
    /// A seed of its own for every run: `first + run`.
    Independent { first: u64, replicates: u64 },
}

impl Seeds {
    pub fn replicates(&self) -> u64 {
        match self {
            Seeds::Common { list } => list.len() as u64,
            Seeds::Independent { replicates, .. } => *replicates,
        }
    }

    /// The seed of replicate `replicate` of configuration `config`.
    pub fn seed(&self, config: u64, replicate: u64) -> u64 {
        match self {
            Seeds::Common { list } => list[replicate as usize],
            // Resolving checked that the last run's seed fits.
            Seeds::Independent { first, replicates } => first + config * replicates + replicate,
        }
    }

    /// The rule in words, as the manifest and the start of a sweep state it.
    pub fn formula(&self) -> String {
        match self {
            Seeds::Common { list } => {
                let consecutive = list.windows(2).all(|w| w[1] == w[0].wrapping_add(1));
                let rule = match (list.first(), consecutive) {
                    (Some(first), true) => format!("seed = {first} + replicate"),
                    _ => format!("seed = [{}][replicate]", list.iter().map(u64::to_string).collect::<Vec<_>>().join(", ")),
                };
                format!("{rule}; common random numbers: replicate r of every configuration runs with the same seed")
            }
            Seeds::Independent { first, .. } => format!("seed = {first} + run (run = configuration × replicates + replicate); every run has its own seed"),
        }
    }
}

/// How the configurations were drawn, for the manifest and the plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DesignInfo {
    /// `factorial`, `zip`, `lhs`, `random` or `table`.
    pub kind: String,
    /// `lhs` and `random`: the seed of the draw.
    pub seed: Option<u64>,
    /// Each parameter as the spec gives it: `values [0.05, 0.5]`, `range [0, 1] linear`.
    pub params: Vec<String>,
}

/// Everything a sweep runs.
#[derive(Clone, Debug)]
pub struct Study {
    pub title: String,
    /// The spec file as given on the command line (`None`: the flag form).
    pub spec_file: Option<String>,
    /// The scenario file, as a path from where the sweep runs.
    pub scenario_file: String,
    pub genesis: Genesis,
    pub blocks: u64,
    pub design: DesignInfo,
    /// The swept parameters' names, in column order.
    pub params: Vec<String>,
    /// Every configuration: one setting per parameter.
    pub configs: Vec<Vec<Setting>>,
    pub seeds: Seeds,
    pub measures: Measures,
    /// A hash of the texts the study was made from (spec and scenario files).
    pub source_hash: u64,
}

/// One run of a study: which configuration, which replicate, which seed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RunId {
    pub run: u64,
    pub config: u64,
    pub replicate: u64,
    pub seed: u64,
}

impl Study {
    pub fn replicates(&self) -> u64 {
        self.seeds.replicates()
    }

    /// Configurations × replicates.
    pub fn run_count(&self) -> u64 {
        self.configs.len() as u64 * self.replicates()
    }

    /// Run `run`: configurations vary slowest, replicates fastest.
    pub fn run_id(&self, run: u64) -> RunId {
        let replicates = self.replicates().max(1);
        let (config, replicate) = (run / replicates, run % replicates);
        RunId { run, config, replicate, seed: self.seeds.seed(config, replicate) }
    }

    /// A hash of everything that decides the rows: change any of it and a stopped sweep can
    /// no longer be resumed, nor shards of it merged with others.
    pub fn fingerprint(&self) -> String {
        let mut h = super::fingerprint::Fnv::new();
        h.write_u64(self.source_hash);
        // The reproduce commands name both files as given.
        h.write_str(self.spec_file.as_deref().unwrap_or(""));
        h.write_str(&self.scenario_file);
        h.write_u64(self.blocks);
        h.write_str(&self.params.join(","));
        for config in &self.configs {
            for s in config {
                h.write_str(&s.text);
            }
        }
        h.write_str(&self.seeds.formula());
        h.write_u64(self.replicates());
        h.write_str(&format!("{:?}", self.measures));
        h.hex()
    }
}
