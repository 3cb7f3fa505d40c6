//! `manifest.json`: what a sweep folder holds and how it was made: the revision of the
//! simulator, the command line, the files and their fingerprint, the rule sets and what
//! each pins, the design, the seed formula, the shard, the machine and the timings. Written
//! when a sweep starts (status `running`) and again when it ends (`complete`); `--resume`
//! and `sweep merge` read it.

use super::definition::{DesignInfo, Study};
use super::shard::Shard;
use super::summary_csv::Layout;
use crate::economy::rules::{MAINNET_2025_02_COMMIT, MAINNET_2025_11_COMMIT};
use crate::economy::RuleSet;
use crate::transactions::ParamChange;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// The machine a sweep (or a shard of it) ran on.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Machine {
    pub hostname: String,
    pub os: String,
    pub arch: String,
    pub cpus: usize,
    pub memory_bytes: Option<u64>,
    pub threads: usize,
}

impl Machine {
    pub fn here(threads: usize) -> Machine {
        let read = |p: &str| std::fs::read_to_string(p).ok().map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        let hostname = read("/proc/sys/kernel/hostname").or_else(|| std::env::var("HOSTNAME").ok()).unwrap_or_else(|| "unknown".into());
        let memory_bytes = read("/proc/meminfo").and_then(|m| {
            let kib = m.lines().find(|l| l.starts_with("MemTotal:"))?.split_whitespace().nth(1)?.parse::<u64>().ok()?;
            Some(kib * 1024)
        });
        Machine {
            hostname,
            os: std::env::consts::OS.into(),
            arch: std::env::consts::ARCH.into(),
            cpus: std::thread::available_parallelism().map_or(1, |n| n.get()),
            memory_bytes,
            threads,
        }
    }
}

/// A later session that continued the sweep.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Resumed {
    pub command: Vec<String>,
    pub at_unix_s: u64,
    /// Runs already in `runs.csv` when it started.
    pub runs_done: u64,
    pub machine: Machine,
}

/// `manifest.json`.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Manifest {
    pub tool: String,
    /// `git rev-parse HEAD` of the simulator's source (or `DTAO_SIM_GIT_REVISION` at build
    /// time); `null` when neither is known.
    pub git_revision: Option<String>,
    /// Whether the source had uncommitted changes to tracked files.
    pub git_dirty: Option<bool>,
    /// The command line of the session that started the sweep.
    pub command: Vec<String>,
    /// Where it ran: relative paths in `command` are from here.
    pub cwd: String,
    pub title: String,
    pub spec_file: Option<String>,
    pub scenario_file: String,
    /// A hash of everything that decides the rows (files, design, seeds, metrics).
    pub fingerprint: String,
    /// Each rule set the runs use, and the chain state or text it reproduces.
    pub rule_sets: BTreeMap<String, String>,
    /// The scenario's parameters before the settings of a configuration.
    pub scenario_params: serde_json::Value,
    pub blocks: u64,
    pub observe_every: u64,
    pub design: DesignInfo,
    pub layout: Layout,
    pub configurations: u64,
    pub replicates: u64,
    pub runs: u64,
    /// How each run's seed is made from its configuration and replicate.
    pub seed_formula: String,
    pub common_random_numbers: bool,
    pub metrics: Vec<String>,
    pub stop_conditions: Vec<String>,
    pub shard: Shard,
    /// The runs of this shard (all runs when it is 1/1).
    pub shard_runs: u64,
    /// `sweep merge`: the folders merged.
    #[serde(default)]
    pub merged_from: Vec<String>,
    pub machine: Machine,
    /// `running` until the last run of the shard is in `runs.csv`, then `complete`.
    pub status: String,
    pub started_unix_s: u64,
    pub finished_unix_s: Option<u64>,
    /// Wall time of the session that finished it, and the runs' own times added up (of every
    /// session).
    pub wall_s: Option<f64>,
    pub cpu_s: f64,
    #[serde(default)]
    pub resumed: Vec<Resumed>,
    /// Runs whose TAO or alpha was not conserved exactly.
    pub conservation_broken: u64,
}

/// What each rule set reproduces (README, "Rule sets").
pub fn pin_of(rule_set: RuleSet) -> String {
    match rule_set {
        RuleSet::Bit001 => "the BIT001 proposal; where it is silent, the chain of 2025-02-24".into(),
        RuleSet::Mainnet2025_02 => format!("opentensor/subtensor at commit {MAINNET_2025_02_COMMIT} (2025-02-24)"),
        RuleSet::Mainnet2025_11 => format!("opentensor/subtensor at commit {MAINNET_2025_11_COMMIT} (2025-11-24)"),
        RuleSet::Mainnet2026_08 => "the chain at runtime spec 443 (2026-08-07, SPEC_2026_08.md)".into(),
        RuleSet::Mainnet2026_10 => "the chain at runtime spec 475 (2026-10-07, SPEC_2026_10.md)".into(),
    }
}

pub fn unix_now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

fn git(args: &[&str]) -> Option<String> {
    let dirs = [std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")), std::env::current_dir().ok()?];
    dirs.iter().filter(|d| d.exists()).find_map(|d| {
        let out = std::process::Command::new("git").arg("-C").arg(d).args(args).output().ok()?;
        out.status.success().then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
    })
}

/// The simulator's revision and whether its tracked files had changes.
pub fn git_revision() -> (Option<String>, Option<bool>) {
    match git(&["rev-parse", "HEAD"]) {
        Some(rev) if !rev.is_empty() => (Some(rev), git(&["status", "--porcelain", "--untracked-files=no"]).map(|s| !s.is_empty())),
        _ => (option_env!("DTAO_SIM_GIT_REVISION").map(String::from), None),
    }
}

impl Manifest {
    /// The manifest of a sweep (or shard) starting now.
    pub fn start(study: &Study, shard: Shard, command: Vec<String>, threads: usize) -> Manifest {
        let (git_revision, git_dirty) = git_revision();
        let mut rule_sets = BTreeMap::new();
        rule_sets.insert(study.genesis.params.rule_set.name().to_string(), pin_of(study.genesis.params.rule_set));
        for s in study.configs.iter().flatten() {
            if let ParamChange::RuleSet(r) = s.change {
                rule_sets.insert(r.name().to_string(), pin_of(r));
            }
        }
        let total = study.run_count();
        Manifest {
            tool: format!("dtao-sim {}", env!("CARGO_PKG_VERSION")),
            git_revision,
            git_dirty,
            command,
            cwd: std::env::current_dir().map_or_else(|_| String::new(), |d| d.display().to_string()),
            title: study.title.clone(),
            spec_file: study.spec_file.clone(),
            scenario_file: study.scenario_file.clone(),
            fingerprint: study.fingerprint(),
            rule_sets,
            scenario_params: serde_json::to_value(&study.genesis.params).unwrap_or_default(),
            blocks: study.blocks,
            observe_every: study.measures.observe_every,
            design: study.design.clone(),
            layout: Layout { params: study.params.clone(), metrics: study.measures.metrics.iter().map(|m| m.name.clone()).collect() },
            configurations: study.configs.len() as u64,
            replicates: study.replicates(),
            runs: total,
            seed_formula: study.seeds.formula(),
            common_random_numbers: matches!(study.seeds, super::definition::Seeds::Common { .. }),
            metrics: study.measures.metrics.iter().map(|m| format!("{}: {}", m.name, m.describe())).collect(),
            stop_conditions: study.measures.stops.iter().map(|c| c.text()).collect(),
            shard,
            shard_runs: shard.runs(total).len() as u64,
            merged_from: Vec::new(),
            machine: Machine::here(threads),
            status: "running".into(),
            started_unix_s: unix_now(),
            finished_unix_s: None,
            wall_s: None,
            cpu_s: 0.0,
            resumed: Vec::new(),
            conservation_broken: 0,
        }
    }

    /// Reads `dir/manifest.json`.
    pub fn read(dir: &Path) -> Result<Manifest, String> {
        let path = dir.join("manifest.json");
        let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: cannot read: {e} (is {} a sweep folder?)", path.display(), dir.display()))?;
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Writes `dir/manifest.json` whole or not at all (through a file renamed over it).
    pub fn write(&self, dir: &Path) -> Result<(), String> {
        let text = serde_json::to_string_pretty(self).map_err(|e| e.to_string())? + "\n";
        write_whole(&dir.join("manifest.json"), &text)
    }
}

/// Writes a file through a temporary one renamed over it: a reader (or a stop) never sees
/// half of it.
pub fn write_whole(path: &Path, text: &str) -> Result<(), String> {
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, text).map_err(|e| format!("{}: {e}", tmp.display()))?;
    std::fs::rename(&tmp, path).map_err(|e| format!("{}: {e}", path.display()))
}
