//! The arithmetic of the chain's spec 443 against the chain: the Balancer pool, the fee, the
//! gate's power and the EMA against vectors of the executable reference (`chain_model.py`,
//! bit-exact with the runtime), and one whole block of the 2026-08-07 mainnet snapshot
//! against what the chain recorded.

use dtao_sim::economy::units::parse_tao;
use dtao_sim::economy::spec443::{balancer, fixed, shares, terms};
use serde_json::Value;
use std::collections::BTreeMap;

fn vectors() -> Value {
    serde_json::from_str(include_str!("reference/spec443_vectors.json")).unwrap()
}

fn u(v: &Value) -> u128 {
    match v {
        Value::String(s) => s.parse().unwrap(),
        v => v.as_u64().unwrap() as u128,
    }
}

#[test]
fn balancer_buys_and_sells_match_the_reference_to_the_rao() {
    let v = vectors();
    for kind in ["buy", "sell"] {
        let mut off = 0;
        for case in v[kind].as_array().unwrap() {
            let c: Vec<u128> = case.as_array().unwrap().iter().map(u).collect();
            let (q, x, y, d) = (c[0] as u64, c[1] as u64, c[2] as u64, c[3] as u64);
            let got = if kind == "buy" { balancer::buy_alpha_out(q, x, y, d) } else { balancer::sell_tao_out(q, x, y, d) };
            // Equal weights are exact; other weights go through a float correction that keeps
            // the power within a unit of 10⁻¹⁸, i.e. within a few RAO on the largest reserves.
            let tol = if q as u128 * 2 == balancer::PERQUINTILL { 0 } else { 1 + (c[1].max(c[2]) >> 52) as u64 };
            let diff = got.abs_diff(c[4] as u64);
            assert!(diff <= tol, "{kind} q={q} x={x} y={y} d={d}: got {got}, chain {}", c[4]);
            off += (diff > 0) as usize;
        }
        assert!(off <= 15, "{kind}: {off} of 300 not exact");
    }
}

#[test]
fn price_reweight_fee_gate_power_and_ema_are_bit_exact() {
    let v = vectors();
    for case in v["price"].as_array().unwrap() {
        let c: Vec<u128> = case.as_array().unwrap().iter().map(u).collect();
        assert_eq!(balancer::price(c[1] as u64, c[2] as u64, c[0] as u64), c[3], "{case}");
    }
    for case in v["reweight"].as_array().unwrap() {
        let c = case.as_array().unwrap();
        let n = |i: usize| c[i].as_u64().unwrap();
        assert_eq!(balancer::reweight(n(0), n(1), n(2), n(3), n(4)), c[5].as_u64(), "{case}");
    }
    for case in v["fee"].as_array().unwrap() {
        let c: Vec<u128> = case.as_array().unwrap().iter().map(u).collect();
        assert_eq!(balancer::fee(c[0] as u64, balancer::FEE_RATE) as u128, c[1], "{case}");
    }
    for case in v["pow3"].as_array().unwrap() {
        let c: Vec<u128> = case.as_array().unwrap().iter().map(u).collect();
        assert_eq!(fixed::safe_pow(c[0], 3 << 64), c[1], "{case}");
    }
    for case in v["ema"].as_array().unwrap() {
        let c: Vec<u128> = case.as_array().unwrap().iter().map(u).collect();
        assert_eq!(terms::ema_update(c[0] as u64, c[1], 1_288_490, c[2] as u64) as u128, c[3], "{case}");
    }
}

/// One row of the snapshot: the inputs of the next block's coinbase.
struct Row {
    netuid: u16,
    x: u64,
    y: u64,
    outstanding: u64,
    quote: u64,
    ema: u64,
    miner_burned: u64,
    enabled: bool,
    eligible: bool,
    expected: [u64; 4],
}

fn snapshot() -> (Vec<Row>, u64, Value) {
    let side: Value = serde_json::from_str(include_str!("reference/mainnet_2026-08-07.json")).unwrap();
    let mut reader = csv::Reader::from_reader(include_str!("reference/mainnet_2026-08-07.csv").as_bytes());
    let mut rows = Vec::new();
    let mut root = 0;
    for rec in reader.deserialize::<BTreeMap<String, String>>() {
        let r = rec.unwrap();
        let amount = |k: &str| if r[k].is_empty() { 0 } else { parse_tao(&r[k]).unwrap() };
        let fixed32 = |k: &str| if r[k].is_empty() { 0 } else { fixed::parse_fixed(&r[k], 32).unwrap() as u64 };
        let flag = |k: &str, empty: bool| if r[k].is_empty() { empty } else { r[k] == "true" };
        let netuid: u16 = r["netuid"].parse().unwrap();
        if netuid == 0 {
            root = amount("tao_in_pool");
            continue;
        }
        let quote = if r["pool_weight_tao"].is_empty() { balancer::HALF } else { weight_parts(&r["pool_weight_tao"]) };
        rows.push(Row {
            netuid,
            x: amount("alpha_in_pool"),
            y: amount("tao_in_pool"),
            outstanding: amount("alpha_outstanding"),
            quote,
            ema: fixed32("moving_price"),
            miner_burned: fixed32("miner_burned"),
            enabled: flag("emission_enabled", true),
            eligible: !r["first_emission_block"].is_empty() && flag("subtoken_enabled", false) && flag("registration_allowed", false),
            expected: [
                amount("expected_tao_in_emission"),
                amount("expected_excess_tao"),
                amount("expected_alpha_in_emission"),
                amount("expected_alpha_out_emission"),
            ],
        });
    }
    (rows, root, side)
}

fn weight_parts(text: &str) -> u64 {
    let (whole, frac) = text.split_once('.').unwrap_or((text, ""));
    let frac = format!("{frac:0<18}");
    whole.parse::<u64>().unwrap() * 1_000_000_000_000_000_000 + frac[..18].parse::<u64>().unwrap()
}

#[test]
fn one_block_of_the_2026_08_07_snapshot_agrees_with_the_chain() {
    let (rows, root, side) = snapshot();
    let model: Value = serde_json::from_str(include_str!("reference/mainnet_2026-08-07.model.json")).unwrap();
    let eligible: Vec<&Row> = rows.iter().filter(|r| r.eligible).collect();
    assert_eq!(eligible.len(), 127);
    let issuance = side["total_issuance_rao"].as_u64().unwrap();
    let e = dtao_sim::economy::block_emission(issuance, dtao_sim::economy::RAO_PER_TAO);
    assert_eq!(e, 500_000_000);
    let ema: Vec<u64> = eligible.iter().map(|r| r.ema).collect();
    let mb: Vec<u64> = eligible.iter().map(|r| r.miner_burned).collect();
    let enabled: Vec<bool> = eligible.iter().map(|r| r.enabled).collect();
    let stored_bar: u128 = side["gate_bar_u64f64_raw"].as_u64().unwrap() as u128;
    let block = side["expected_block"].as_u64().unwrap();
    let (tao, bar) = shares::block_tao(&ema, &mb, &enabled, e, block, stored_bar);
    assert_eq!(bar, stored_bar, "8,791,253 is not a multiple of 360: the stored bar applies");
    let w = side["tao_weight_u64_raw"].as_u64().unwrap();
    let (mut capped, mut total_off) = (0, 0u64);
    for (row, te) in eligible.iter().zip(tao) {
        let price = balancer::price(row.x, row.y, row.quote);
        let t = terms::subnet_terms(te, price, row.x + row.outstanding, root, w);
        let m = &model["model"][row.netuid.to_string()];
        let mv = |k: &str| m[k].as_u64().unwrap();
        // The same inputs give the reference model's numbers exactly...
        assert_eq!((t.tao_in, t.excess_tao, t.alpha_in, t.alpha_out), (mv("tao_in"), mv("excess"), mv("alpha_in"), mv("alpha_out")), "SN{}", row.netuid);
        // ...and the chain's record within SPEC §11.2's tolerances.
        let [tao_in, excess, alpha_in, alpha_out] = row.expected;
        let off = (t.tao_in + t.excess_tao).abs_diff(tao_in + excess);
        assert!(off <= 2, "SN{}: TAO {} vs chain {}", row.netuid, t.tao_in + t.excess_tao, tao_in + excess);
        total_off = total_off.max(off);
        assert_eq!(t.alpha_out, alpha_out, "SN{}", row.netuid);
        assert!(t.alpha_in.abs_diff(alpha_in) <= 1_300.max(alpha_in / 200_000), "SN{} alpha_in {} vs {}", row.netuid, t.alpha_in, alpha_in);
        assert!(t.tao_in.abs_diff(tao_in) <= 60.max(tao_in / 200_000), "SN{} tao_in {} vs {}", row.netuid, t.tao_in, tao_in);
        capped += (t.excess_tao > 0) as usize;
    }
    assert!(total_off <= 1);
    assert!(capped >= 30, "{capped} subnets chain-buy");
    let not_eligible: Vec<u16> = rows.iter().filter(|r| !r.eligible).map(|r| r.netuid).collect();
    assert_eq!(not_eligible, vec![86]);
}
