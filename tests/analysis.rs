//! Sweeps and charts: every run is there, each is reproducible whatever the thread count,
//! and the files are written.

mod common;

use common::repo_path;
use dtao_sim::analysis::{parse_param, parse_seeds, run_sweep, Grid};
use dtao_sim::scenario::load;
use indicatif::ProgressBar;
use std::process::Command;

#[test]
fn a_sweep_runs_the_cartesian_product_reproducibly() {
    let (_, genesis) = load(&repo_path("scenarios/tao_weight.toml")).unwrap();
    let grid = Grid {
        params: vec![parse_param("tao_weight=0.05,0.5").unwrap(), parse_param("fee_rao=0,50000").unwrap()],
        seeds: parse_seeds("1..3").unwrap(),
    };
    assert_eq!(grid.runs().len(), 2 * 2 * 3);
    let parallel = run_sweep(&genesis, &grid, 1_500, None, Some(2), &ProgressBar::hidden()).unwrap();
    let serial = run_sweep(&genesis, &grid, 1_500, None, Some(1), &ProgressBar::hidden()).unwrap();
    assert_eq!(parallel.len(), 12);
    for (a, b) in parallel.iter().zip(&serial) {
        assert_eq!((a.index, &a.values, a.seed), (b.index, &b.values, b.seed));
        assert_eq!(format!("{:?}", a.outcome.columns()), format!("{:?}", b.outcome.columns()), "run {}", a.index);
        assert!(a.outcome.conservation_ok);
    }
    // A higher tao weight gives root a larger share of dividends.
    let root_prop = |w: &str| {
        let runs: Vec<_> = parallel.iter().filter(|r| r.values[0] == w).collect();
        runs.iter().map(|r| r.outcome.mean_root_prop).sum::<f64>() / runs.len() as f64
    };
    assert!(root_prop("0.5") > root_prop("0.05"));
}

#[test]
fn bad_sweep_arguments_are_refused() {
    assert!(parse_param("tao_weight").is_err());
    assert!(parse_param("nonsense=1").unwrap_err().contains("unknown parameter"));
    assert!(parse_param("tao_weight=2").unwrap_err().contains("from 0 to 1"));
    assert!(parse_param("tempo=0").is_err());
    assert!(parse_seeds("5..1").is_err());
    assert_eq!(parse_seeds("3,1").unwrap(), vec![3, 1]);
}

#[test]
fn sweep_and_run_write_their_files() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("sweep");
    let bin = env!("CARGO_BIN_EXE_dtao-sim");
    let status = Command::new(bin)
        .args(["sweep", "scenarios/equal_start.toml", "--param", "tao_weight=0.1,0.9", "--seeds", "1..2", "--blocks", "800"])
        .args(["--series", "100", "--out", out.to_str().unwrap()])
        .current_dir(repo_path(""))
        .output()
        .unwrap();
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    let runs = std::fs::read_to_string(out.join("runs.csv")).unwrap();
    assert!(runs.starts_with("run,config,replicate,tao_weight,seed,emitted_tao,"), "{runs}");
    assert!(out.join("summary.csv").exists() && out.join("manifest.json").exists());
    assert_eq!(runs.lines().count(), 1 + 4);
    assert!(out.join("series/run_3.csv").exists());
    for ext in ["png", "svg"] {
        assert!(out.join(format!("charts/mean_root_prop_vs_tao_weight.{ext}")).metadata().unwrap().len() > 1_000);
    }

    let run_out = dir.path().join("run");
    let status = Command::new(bin)
        .args(["run", "scenarios/equal_start.toml", "--blocks", "2000", "--charts", "--out", run_out.to_str().unwrap()])
        .current_dir(repo_path(""))
        .output()
        .unwrap();
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    for name in ["price", "emission_share", "holders"] {
        for ext in ["png", "svg"] {
            let file = run_out.join(format!("charts/{name}.{ext}"));
            assert!(file.metadata().map(|m| m.len() > 1_000).unwrap_or(false), "{}", file.display());
        }
    }
}
