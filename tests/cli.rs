//! The `dtao-sim` binary as a user runs it.

mod common;

use common::repo_path;
use std::process::Command;

fn dtao(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_dtao-sim")).args(args).current_dir(repo_path("")).output().unwrap();
    (out.status.success(), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
}

#[test]
fn replay_reproduces_every_run_vector() {
    for name in ["run_spot_small.json", "run_ema_small.json", "run_halving.json"] {
        let path = repo_path(&format!("tests/reference/{name}"));
        let (ok, stdout, stderr) = dtao(&["replay", path.to_str().unwrap()]);
        assert!(ok, "{name}: {stderr}");
        assert!(stderr.contains("checkpoints and"), "{stderr}");
        let printed: Vec<dtao_sim::reference::Checkpoint> = serde_json::from_str(&stdout).unwrap();
        let file: dtao_sim::reference::RunVector =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert_eq!(printed.len(), file.checkpoints.len());
    }
}

#[test]
fn replay_names_the_first_difference() {
    let dir = tempfile::tempdir().unwrap();
    let mut vector: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(repo_path("tests/reference/run_halving.json")).unwrap()).unwrap();
    vector["checkpoints"][2]["issuance_rao"] = serde_json::json!(1);
    let path = dir.path().join("changed.json");
    std::fs::write(&path, vector.to_string()).unwrap();
    let (ok, _, stderr) = dtao(&["replay", path.to_str().unwrap()]);
    assert!(!ok);
    assert!(stderr.contains("first difference: block 149 issuance_rao: expected 1"), "{stderr}");
}

#[test]
fn check_accepts_shipped_and_refuses_bad_files() {
    let (ok, stdout, stderr) = dtao(&["check", "scenarios/equal_start.toml"]);
    assert!(ok, "{stderr}");
    assert!(stdout.contains("ok"), "{stdout}");
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "title = \"x\"\n[subnets]\ncount = 2\ntao = 100\nalpha = -1\n").unwrap();
    let (ok, _, stderr) = dtao(&["check", bad.to_str().unwrap()]);
    assert!(!ok);
    assert!(stderr.contains("bad.toml:5:") && stderr.contains("subnets.alpha") && stderr.contains("negative"), "{stderr}");
}

#[test]
fn run_writes_csv_and_summary() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap();
    let (ok, stdout, stderr) =
        dtao(&["run", "scenarios/scripted_trades.toml", "--blocks", "3600", "--every", "360", "--out", out]);
    assert!(ok, "{stderr}");
    assert!(stdout.contains("conservation exact"), "{stdout}");
    assert!(stdout.contains("block 1200: Dave tries"), "captions are printed: {stdout}");
    let csv = std::fs::read_to_string(dir.path().join("subnets.csv")).unwrap();
    let mut lines = csv.lines();
    assert_eq!(
        lines.next().unwrap(),
        "block,netuid,price,moving_price,tao_reserve,alpha_reserve,alpha_outstanding,tao_in,alpha_in,alpha_out,emission_share,root_prop,excess_tao,protocol_alpha,pool_weight_tao,miner_burned,emission_enabled"
    );
    assert_eq!(lines.count(), 10 * 4);
    let summary: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(dir.path().join("summary.json")).unwrap()).unwrap();
    assert_eq!(summary["rule_set"], "mainnet-2025-02");
    assert_eq!(summary["transactions"]["refused"], 2, "{summary}");
    let reasons: Vec<String> = summary["transactions"]["refused_list"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["refused"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(reasons, ["insufficient_funds", "price_limit"]);
    assert!(summary["blocks_per_second"].as_f64().unwrap() > 0.0);
}

#[test]
fn import_then_run_one_block_gives_the_chains_next_block() {
    let dir = tempfile::tempdir().unwrap();
    let toml = dir.path().join("today.toml");
    let snapshot = repo_path("tests/reference/mainnet_2026-08-07.csv");
    let (ok, stdout, stderr) = dtao(&["import", snapshot.to_str().unwrap(), "--out", toml.to_str().unwrap()]);
    assert!(ok, "{stderr}");
    assert!(stdout.contains("128 subnets at block 8791252") && stdout.contains("75 receive TAO"), "{stdout}");
    let out = dir.path().join("out");
    let (ok, stdout, stderr) = dtao(&["run", toml.to_str().unwrap(), "--blocks", "1", "--out", out.to_str().unwrap()]);
    assert!(ok, "{stderr}");
    assert!(stdout.contains("conservation exact") && stdout.contains("block 8791253:"), "{stdout}");
    let expected: std::collections::BTreeMap<String, (u64, u64)> = csv::Reader::from_path(&snapshot)
        .unwrap()
        .deserialize::<std::collections::BTreeMap<String, String>>()
        .map(|r| {
            let r = r.unwrap();
            let rao = |k: &str| dtao_sim::economy::units::parse_tao(&r[k]).unwrap();
            (r["netuid"].clone(), (rao("expected_tao_in_emission") + rao("expected_excess_tao"), rao("expected_alpha_out_emission")))
        })
        .collect();
    let mut rows = 0;
    for r in csv::Reader::from_path(out.join("subnets.csv")).unwrap().deserialize::<std::collections::BTreeMap<String, String>>() {
        let r = r.unwrap();
        assert_eq!(r["block"], "8791253");
        let rao = |k: &str| dtao_sim::economy::units::parse_tao(&r[k]).unwrap();
        let (tao, alpha_out) = expected[&r["netuid"]];
        assert!((rao("tao_in") + rao("excess_tao")).abs_diff(tao) <= 2, "SN{}", r["netuid"]);
        assert_eq!(rao("alpha_out"), alpha_out, "SN{}", r["netuid"]);
        rows += 1;
    }
    assert_eq!(rows, 128);
}

#[test]
fn import_refuses_a_bad_snapshot_naming_file_line_column_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(repo_path("tests/reference/mainnet_2026-08-07.csv")).unwrap();
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, text.replacen(",25836.395207539,", ",-5,", 1)).unwrap();
    std::fs::copy(repo_path("tests/reference/mainnet_2026-08-07.json"), dir.path().join("bad.json")).unwrap();
    let out = dir.path().join("bad.toml");
    let (ok, _, stderr) = dtao(&["import", bad.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(!ok);
    assert!(stderr.contains("bad.csv:3:16: tao_in_pool"), "{stderr}");
    assert!(!out.exists(), "nothing is written for a refused snapshot");
}

#[test]
fn run_compare_writes_a_folder_per_rule_set_and_compare_csv() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap();
    let (ok, stdout, stderr) = dtao(&[
        "run",
        "scenarios/flow_era.toml",
        "--blocks",
        "1200",
        "--every",
        "400",
        "--compare",
        "bit001,mainnet-2025-11",
        "--charts",
        "--out",
        out,
    ]);
    assert!(ok, "{stderr}");
    assert!(stdout.contains("== bit001 ==") && stdout.contains("== mainnet-2025-11 =="), "{stdout}");
    for rule_set in ["bit001", "mainnet-2025-11"] {
        let summary: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(dir.path().join(rule_set).join("summary.json")).unwrap()).unwrap();
        assert_eq!(summary["rule_set"], rule_set, "each world runs under its own rule set");
        assert!(dir.path().join(rule_set).join("subnets.csv").is_file());
    }
    for chart in ["price", "emission_share", "pool"] {
        assert!(dir.path().join("charts").join(format!("{chart}.png")).is_file(), "{chart}");
    }
    let csv = std::fs::read_to_string(dir.path().join("compare.csv")).unwrap();
    let mut lines = csv.lines();
    assert_eq!(
        lines.next().unwrap(),
        "block,netuid,price_bit001,share_bit001,pool_tao_bit001,price_mainnet-2025-11,share_mainnet-2025-11,pool_tao_mainnet-2025-11"
    );
    let rows: Vec<Vec<String>> = lines.map(|l| l.split(',').map(String::from).collect()).collect();
    // 4 subnets at blocks 399, 799 and 1199.
    assert_eq!(rows.len(), 3 * 4);
    // The same seed and trades, different rules: flow_era's SN2 is sold every tempo, so the
    // Nov-2025 chain (shares follow net TAO flow) gives it nothing, BIT001 (spot price) a lot.
    let last_sn2 = rows.iter().find(|r| r[0] == "1199" && r[1] == "2").unwrap();
    let (bit001, nov) = (last_sn2[3].parse::<f64>().unwrap(), last_sn2[6].parse::<f64>().unwrap());
    assert!(bit001 > 0.3 && nov == 0.0, "SN2's share: bit001 {bit001}, mainnet-2025-11 {nov}");

    let (ok, _, stderr) = dtao(&["run", "scenarios/flow_era.toml", "--compare", "bit001,mainnet-1999", "--out", out]);
    assert!(!ok && stderr.contains("unknown rule set \"mainnet-1999\""), "{stderr}");
    let (ok, _, stderr) = dtao(&["run", "scenarios/flow_era.toml", "--compare", "bit001", "--out", out]);
    assert!(!ok && stderr.contains("two or more"), "{stderr}");
}
