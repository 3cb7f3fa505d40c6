//! The independent model's reference vectors (copied from the shared folder into
//! tests/reference/) reproduced by the project's own code.

use dtao_sim::economy::{block_emission, quote_stake, quote_unstake, Reserves, RAO_PER_TAO};
use dtao_sim::reference::{compare_run, replay, RunVector};
use serde_json::Value;

fn load(name: &str) -> Value {
    let path = format!("{}/tests/reference/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

#[test]
fn block_emission_matches_every_case() {
    let cases = load("block_emission.json")["cases"].as_array().unwrap().clone();
    assert!(cases.len() >= 10);
    for case in cases {
        let issuance = case["issuance_rao"].as_u64().unwrap();
        let expected = case["emission_rao"].as_u64().unwrap();
        assert_eq!(block_emission(issuance, RAO_PER_TAO), expected, "issuance {issuance}");
    }
}

#[test]
fn swaps_match_every_case() {
    let cases = load("swaps.json")["cases"].as_array().unwrap().clone();
    let mut refused = 0;
    for (i, c) in cases.iter().enumerate() {
        let pool = Reserves::new(c["pool_tao_rao"].as_u64().unwrap(), c["pool_alpha_rao"].as_u64().unwrap());
        let amount = c["amount_rao"].as_u64().unwrap();
        let fee = c["fee_rao"].as_u64().unwrap();
        let quote = match c["kind"].as_str().unwrap() {
            "stake" => quote_stake(pool, amount, fee),
            "unstake" => quote_unstake(pool, amount, fee),
            k => panic!("unknown kind {k}"),
        };
        let after = Reserves::new(c["after_tao_rao"].as_u64().unwrap(), c["after_alpha_rao"].as_u64().unwrap());
        if c["refused"].as_bool().unwrap() {
            refused += 1;
            assert!(quote.is_err(), "case {i} should be refused, got {quote:?}");
            assert_eq!(after, pool, "case {i}: a refused swap changes nothing");
        } else {
            let swap = quote.unwrap_or_else(|r| panic!("case {i} refused: {r}"));
            assert_eq!(swap.out, c["out_rao"].as_u64().unwrap(), "case {i} out");
            assert_eq!(swap.after, after, "case {i} reserves after");
            let k = |r: Reserves| r.tao as u128 * r.alpha as u128;
            assert!(k(swap.after) >= k(pool), "case {i}: k fell");
        }
    }
    assert!(refused > 0, "the file has refused cases");
}

fn check_run(name: &str) {
    let vector: RunVector = serde_json::from_value(load(name)).unwrap();
    assert!(!vector.checkpoints.is_empty());
    let result = replay(&vector.input).unwrap();
    compare_run(vector.input.trade_results_rao.as_deref(), &vector.checkpoints, &result)
        .unwrap_or_else(|m| panic!("{name}: {m}"));
}

#[test]
fn run_spot_small_matches() {
    check_run("run_spot_small.json");
}

#[test]
fn run_ema_small_matches() {
    check_run("run_ema_small.json");
}

#[test]
fn run_halving_matches() {
    check_run("run_halving.json");
}

#[test]
fn a_changed_checkpoint_is_reported() {
    let mut vector: RunVector = serde_json::from_value(load("run_spot_small.json")).unwrap();
    vector.checkpoints[3].subnets[1].tao_rao += 1_000;
    let result = replay(&vector.input).unwrap();
    let mismatch = compare_run(None, &vector.checkpoints, &result).unwrap_err();
    assert!(mismatch.what.contains("block 799 SN2 tao_rao"), "{mismatch}");
}
