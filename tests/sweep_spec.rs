//! Sweep specs end to end, through the binary: one shard and three shards merged give the
//! same bytes; a sweep killed part-way resumes to the bytes of an uninterrupted one; a Latin
//! hypercube is reproducible from its seed; bad specs are refused at their line; a row's
//! reproduce command gives the row's numbers.

mod common;

use common::repo_path;
use dtao_sim::analysis::study::load_spec;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn dtao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dtao-sim")).args(args).current_dir(repo_path("")).output().unwrap()
}

fn ok(out: &Output) -> String {
    let text = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{text}");
    text
}

/// A spec in `dir` over the shipped `tao_weight.toml` (noise traders: replicates differ).
fn write_spec(dir: &Path, name: &str, body: &str) -> PathBuf {
    let scenario = repo_path("scenarios/tao_weight.toml");
    let path = dir.join(name);
    std::fs::write(&path, format!("scenario = {:?}\n{body}", scenario.display().to_string())).unwrap();
    path
}

const SMALL: &str = r#"
blocks = 300
replicates = 3
seed = 5
observe_every = 10

[[param]]
name = "tao_weight"
values = [0.05, 0.5, 1.0]

[[param]]
name = "fee_rao"
values = [0, 50000]

[[metric]]
of = "mean_root_prop"

[[metric]]
name = "lowest_price"
of = "min_price"
reduce = "min"
from = 100

[[metric]]
of = "price"
netuid = 2
reduce = "mean"

[[metric]]
of = "return_pct"
strategy = "noise"

[[metric]]
of = "min_price"
reduce = "first"
below = 0.999
"#;

fn read(path: PathBuf) -> String {
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn one_shard_and_three_shards_merged_give_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let spec = write_spec(dir.path(), "small.toml", SMALL);
    let spec = spec.to_str().unwrap();
    let whole = dir.path().join("whole");
    ok(&dtao(&["sweep", "--spec", spec, "--out", whole.to_str().unwrap(), "--threads", "2"]));
    let shards: Vec<PathBuf> = (1..=3).map(|i| dir.path().join(format!("shard{i}"))).collect();
    // Separate processes, as on a cluster; one thread each, in parallel.
    let children: Vec<_> = shards
        .iter()
        .enumerate()
        .map(|(i, d)| {
            Command::new(env!("CARGO_BIN_EXE_dtao-sim"))
                .args(["sweep", "--spec", spec, "--shard", &format!("{}/3", i + 1), "--threads", "1", "--out", d.to_str().unwrap()])
                .current_dir(repo_path(""))
                .output()
        })
        .collect();
    for c in children {
        ok(&c.unwrap());
    }
    assert!(!shards[0].join("summary.csv").exists(), "a shard has no summary of its own");
    let merged = dir.path().join("merged");
    let mut args = vec!["sweep", "merge"];
    let names: Vec<&str> = shards.iter().rev().map(|d| d.to_str().unwrap()).collect();
    args.extend(&names);
    args.extend(["--out", merged.to_str().unwrap()]);
    ok(&dtao(&args));

    let runs = read(whole.join("runs.csv"));
    assert_eq!(runs.lines().count(), 1 + 3 * 2 * 3);
    assert!(runs.starts_with("run,config,replicate,tao_weight,fee_rao,seed,mean_root_prop,lowest_price,mean_price_sn2,return_noise_pct,first_min_price_below_0.999,"), "{runs}");
    assert_eq!(read(merged.join("runs.csv")), runs);
    assert_eq!(read(merged.join("summary.csv")), read(whole.join("summary.csv")));
    // Common random numbers: replicate r has seed 5 + r in every configuration.
    for line in runs.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        assert_eq!(f[5].parse::<u64>().unwrap(), 5 + f[2].parse::<u64>().unwrap(), "{line}");
    }
    let manifest: serde_json::Value = serde_json::from_str(&read(whole.join("manifest.json"))).unwrap();
    assert_eq!(manifest["common_random_numbers"], true);
    assert!(manifest["seed_formula"].as_str().unwrap().contains("seed = 5 + replicate"), "{manifest}");
    assert_eq!((manifest["status"].as_str(), manifest["runs"].as_u64()), (Some("complete"), Some(18)));
    let summary = read(whole.join("summary.csv"));
    assert!(summary.starts_with("config,tao_weight,fee_rao,runs,mean_root_prop_mean,mean_root_prop_sd,mean_root_prop_n,mean_root_prop_ci95_low,mean_root_prop_ci95_high,"), "{summary}");
    assert_eq!(summary.lines().count(), 1 + 6);

    // A missing shard, or a shard given twice, is refused and nothing is written.
    let out = dtao(&["sweep", "merge", names[0], names[1], "--out", dir.path().join("m2").to_str().unwrap()]);
    assert!(!out.status.success() && String::from_utf8_lossy(&out.stderr).contains("is missing"));
    assert!(!dir.path().join("m2").exists());
    let out = dtao(&["sweep", "merge", names[0], names[0], names[1], "--out", dir.path().join("m3").to_str().unwrap()]);
    assert!(!out.status.success() && String::from_utf8_lossy(&out.stderr).contains("given twice"));
}

#[test]
fn a_killed_sweep_resumes_to_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let body = "blocks = 2000\nreplicates = 25\n[[param]]\nname = \"tao_weight\"\nvalues = [0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9, 1.0]\n[[metric]]\nof = \"mean_price\"\nreduce = \"mean\"\n";
    let spec = write_spec(dir.path(), "long.toml", body);
    let spec = spec.to_str().unwrap();
    let (whole, stopped) = (dir.path().join("whole"), dir.path().join("stopped"));
    ok(&dtao(&["sweep", "--spec", spec, "--out", whole.to_str().unwrap(), "--threads", "2"]));
    let expected = read(whole.join("runs.csv"));
    assert_eq!(expected.lines().count(), 201);

    let mut child = Command::new(env!("CARGO_BIN_EXE_dtao-sim"))
        .args(["sweep", "--spec", spec, "--threads", "1", "--out", stopped.to_str().unwrap()])
        .current_dir(repo_path(""))
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let rows = || std::fs::read_to_string(stopped.join("runs.csv")).map_or(0, |t| t.lines().count().saturating_sub(1));
    while rows() < 3 {
        assert!(child.try_wait().unwrap().is_none(), "the sweep ended before it could be stopped");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let partial = read(stopped.join("runs.csv"));
    assert!(partial.len() < expected.len() && expected.starts_with(partial.lines().next().unwrap()), "stopped part-way");
    assert!(!stopped.join("summary.csv").exists());

    // Starting over it is refused; resuming finishes it.
    let out = dtao(&["sweep", "--spec", spec, "--out", stopped.to_str().unwrap()]);
    assert!(!out.status.success() && String::from_utf8_lossy(&out.stderr).contains("--resume"), "{}", String::from_utf8_lossy(&out.stderr));
    let said = ok(&dtao(&["sweep", "--resume", stopped.to_str().unwrap(), "--threads", "2"]));
    assert!(said.contains("were done already"), "{said}");
    assert_eq!(read(stopped.join("runs.csv")), expected);
    assert_eq!(read(stopped.join("summary.csv")), read(whole.join("summary.csv")));
    let manifest: serde_json::Value = serde_json::from_str(&read(stopped.join("manifest.json"))).unwrap();
    assert_eq!(manifest["status"], "complete");
    assert_eq!(manifest["resumed"].as_array().unwrap().len(), 1);
}

const LHS: &str = r#"
blocks = 100
[design]
kind = "lhs"
samples = 40
seed = SEED

[[param]]
name = "tao_weight"
range = [0.0, 1.0]

[[param]]
name = "tempo"
range = [10, 400]

[[param]]
name = "rule_set"
values = ["bit001", "mainnet-2025-02"]
"#;

fn lhs_values(dir: &Path, seed: u64) -> Vec<Vec<String>> {
    let spec = write_spec(dir, &format!("lhs{seed}.toml"), &LHS.replace("SEED", &seed.to_string()));
    let study = load_spec(&spec).unwrap();
    study.configs.iter().map(|c| c.iter().map(|s| s.text.clone()).collect()).collect()
}

#[test]
fn a_latin_hypercube_is_reproducible_from_its_seed() {
    let dir = tempfile::tempdir().unwrap();
    let a = lhs_values(dir.path(), 7);
    assert_eq!(a, lhs_values(dir.path(), 7));
    assert_ne!(a, lhs_values(dir.path(), 8));
    assert_eq!(a.len(), 40);
    // Each of the 40 strata of the tao weight holds one configuration.
    let mut strata: Vec<usize> = a.iter().map(|c| (c[0].parse::<f64>().unwrap() * 40.0).min(39.0) as usize).collect();
    strata.sort();
    assert_eq!(strata, (0..40).collect::<Vec<_>>());
    assert!(a.iter().all(|c| c[1].parse::<u64>().is_ok()), "tempo is drawn as whole numbers");
    assert_eq!(a.iter().filter(|c| c[2] == "bit001").count(), 20, "a choice of two splits the strata in half");
}

#[test]
fn bad_specs_are_refused_at_their_line_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let base = "blocks = 100\n[[param]]\nname = \"tao_weight\"\nvalues = [0.1, 0.5]\n";
    // (text after the scenario line, the text on the refused line, the field, part of the message)
    let cases: &[(&str, &str, &str, &str)] = &[
        ("blocks = 100\n[[param]]\nname = \"tao_wait\"\nvalues = [1]\n", "tao_wait", "param[0].name", "unknown parameter"),
        ("blocks = 100\n[[param]]\nname = \"tao_weight\"\nvalues = [0.1, 2]\n", "values", "param[0].values[1]", "from 0 to 1"),
        ("blocks = 100\n[[param]]\nname = \"tao_weight\"\nvalues = [nan]\n", "values", "param[0].values[0]", "finite"),
        ("blocks = -5\n", "blocks = -5", "blocks", ""),
        ("replicates = 0\n[[param]]\nname = \"tempo\"\nvalues = [5]\n", "replicates", "replicates", "from 1"),
        (&format!("{base}[design]\nkind = \"hypercube\"\n"), "hypercube", "design.kind", "unknown variant"),
        ("[design]\nkind = \"lhs\"\nsamples = 4\n[[param]]\nname = \"tao_weight\"\n", "name = \"tao_weight\"", "param[0]", "range"),
        ("[design]\nkind = \"lhs\"\nsamples = 4\n[[param]]\nname = \"owner_cut\"\nrange = [0.5, 0.1]\n", "range", "param[0].range", "low ≤ high"),
        (&format!("{base}[[metric]]\nof = \"price\"\n"), "of = \"price\"", "metric[0].netuid", "netuid"),
        (&format!("{base}[[metric]]\nof = \"min_price\"\nreduce = \"mean\"\nto = 500\n"), "to = 500", "metric[0].to", "run's end"),
        (&format!("{base}[[metric]]\nof = \"min_price\"\nreduce = \"first\"\n"), "reduce", "metric[0].reduce", "below"),
        (&format!("{base}[[metric]]\nof = \"return_pct\"\nstrategy = \"sniper\"\n"), "sniper", "metric[0].strategy", "no tracked holder"),
        (&format!("{base}[[metric]]\nname = \"seed\"\nof = \"subnets\"\n"), "name = \"seed\"", "metric[0].name", "already a column"),
        (&format!("{base}[[stop]]\nof = \"max_price\"\n"), "of = \"max_price\"", "stop[0]", "below"),
        (&format!("{base}[[metric]]\nof = \"min_price\"\nextra = 1\n"), "extra", "metric[0].extra", "unknown field"),
        ("[design]\nkind = \"table\"\ncolumns = [\"tao_weight\", \"tempo\"]\nrows = [[0.1, 10], [0.2]]\n", "rows", "design.rows[1]", "2 columns"),
        ("[design]\nkind = \"zip\"\n[[param]]\nname = \"tao_weight\"\nvalues = [0.1, 0.2]\n[[param]]\nname = \"tempo\"\nvalues = [10]\n", "values = [10]", "param[1].values", "zip"),
    ];
    for (i, (body, on_line, field, message)) in cases.iter().enumerate() {
        let spec = write_spec(dir.path(), &format!("bad{i}.toml"), body);
        let err = load_spec(&spec).map(|_| ()).unwrap_err();
        let text = std::fs::read_to_string(&spec).unwrap();
        let line = text.lines().position(|l| l.contains(on_line)).unwrap() + 1;
        assert_eq!(err.file, spec.display().to_string(), "case {i}");
        assert_eq!((err.line, err.field.as_str()), (line, *field), "case {i}: {err}");
        assert!(err.column > 0 && err.message.contains(message), "case {i}: {err}");
    }
    // A scenario that is not there is the spec's `scenario` line.
    let spec = dir.path().join("missing.toml");
    std::fs::write(&spec, "title = \"t\"\nscenario = \"nowhere.toml\"\n").unwrap();
    let err = load_spec(&spec).map(|_| ()).unwrap_err();
    assert_eq!((err.line, err.field.as_str()), (2, "scenario"), "{err}");

    // A table in a CSV file: a bad cell is refused at its line and column there.
    std::fs::write(dir.path().join("configs.csv"), "tao_weight,rule_set\n0.1,bit001\n0.5,bogus\n").unwrap();
    let spec = write_spec(dir.path(), "table.toml", "[design]\nkind = \"table\"\nfile = \"configs.csv\"\n");
    let err = load_spec(&spec).map(|_| ()).unwrap_err();
    assert_eq!((err.file.ends_with("configs.csv"), err.line, err.column, err.field.as_str()), (true, 3, 5, "rule_set"), "{err}");
    std::fs::write(dir.path().join("configs.csv"), "tao_weight,rule_set\n0.1,bit001\n0.5,mainnet-2025-11\n").unwrap();
    let study = load_spec(&spec).unwrap();
    assert_eq!((study.params.clone(), study.configs.len()), (vec!["tao_weight".to_string(), "rule_set".to_string()], 2));

    // Through the command line: file:line:column, and nothing written.
    let spec = write_spec(dir.path(), "cli.toml", &format!("{base}[[metric]]\nof = \"nonsense\"\n"));
    let out_dir = dir.path().join("never");
    let out = dtao(&["sweep", "--spec", spec.to_str().unwrap(), "--out", out_dir.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && stderr.contains(&format!("{}:7:6: metric[0].of: unknown quantity", spec.display())), "{stderr}");
    assert!(!out_dir.exists());
    for shard in ["4/3", "0/0", "0/3", "a/b"] {
        let out = dtao(&["sweep", "--spec", spec.to_str().unwrap(), "--shard", shard, "--dry-run"]);
        assert!(!out.status.success() && String::from_utf8_lossy(&out.stderr).contains("--shard"), "{shard}");
    }
}

/// The fields of `row.csv` (written by a reproduce command) by name.
fn fields(header: &str, row: &str) -> Vec<(String, String)> {
    header.split(',').map(String::from).zip(row.split(',').map(String::from)).collect()
}

/// Runs the reproduce command of `runs.csv` row `n` (its `--out` moved to `out`) and checks
/// that `row.csv` has the row's values.
fn check_reproduced(runs: &str, n: usize, out: &Path) {
    let header = runs.lines().next().unwrap();
    let row = runs.lines().nth(n + 1).unwrap();
    let command = row.rsplit(',').next().unwrap();
    let words: Vec<&str> = command.split(' ').collect();
    assert_eq!(&words[..2], ["dtao-sim", "run"], "{command}");
    let at = words.iter().position(|w| *w == "--out").unwrap();
    let mut args: Vec<&str> = words[1..].to_vec();
    let out_text = out.to_str().unwrap();
    args[at] = out_text;
    ok(&dtao(&args));
    let text = read(out.join("row.csv"));
    let mut lines = text.lines();
    let got = fields(lines.next().unwrap(), lines.next().unwrap());
    let want: Vec<(String, String)> = fields(header, row);
    assert!(got.len() >= 5, "{text}");
    for (name, value) in got {
        let expected = &want.iter().find(|(k, _)| *k == name).unwrap_or_else(|| panic!("{name} not in runs.csv")).1;
        assert_eq!(&value, expected, "{name} of row {n}: {command}");
    }
}

#[test]
fn a_rows_reproduce_command_gives_the_rows_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let spec = write_spec(dir.path(), "small.toml", &format!("{SMALL}\n[[stop]]\nof = \"min_price\"\nbelow = 0.5\n"));
    let out = dir.path().join("sweep");
    ok(&dtao(&["sweep", "--spec", spec.to_str().unwrap(), "--out", out.to_str().unwrap()]));
    check_reproduced(&read(out.join("runs.csv")), 13, &dir.path().join("row13"));

    // The flag form's rows too (its end-state metrics).
    let flags = dir.path().join("flags");
    ok(&dtao(&["sweep", "scenarios/tao_weight.toml", "--param", "owner_cut=0.1,0.3", "--seeds", "2..3", "--blocks", "400", "--no-charts", "--out", flags.to_str().unwrap()]));
    check_reproduced(&read(flags.join("runs.csv")), 2, &dir.path().join("flag2"));
}
