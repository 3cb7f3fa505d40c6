//! Shared helpers of the integration tests.
#![allow(dead_code)]

use dtao_sim::scenario::{parse, resolve, Genesis};

/// A small market with everyone the model has: owners, miners, validators, holders.
pub const MARKET: &str = r#"
title = "test market"
blocks = 800

[rules]
tempo = 40

[chain]
issuance = 1_000_000
root_stake = 100_000

[subnets]
count = 4
tao = 1_000
alpha = 2_000
miners = 3
owners = true

[[subnets.override]]
netuid = 2
tao = 30
alpha = 3_000

[[validators]]
name = "V1"
root_stake = 5_000

[[validators]]
name = "V2"
take = 0.05
subnets = [1, 2]

[[holders]]
name = "h0"
free_tao = 5_000
root_stake = 100

[[holders]]
name = "h1"
free_tao = 500
alpha = [{ netuid = 1, amount = 50 }, { netuid = 2, amount = 20, validator = "V2" }]

[[holders]]
name = "h2"
free_tao = 20
"#;

pub fn genesis_from(text: &str) -> Genesis {
    let scenario = parse(text, "test.toml").unwrap_or_else(|e| panic!("{e}"));
    resolve(&scenario).unwrap_or_else(|p| panic!("{p:?}"))
}

pub fn repo_path(rel: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// What the chain recorded for the block after the 2026-08-07 snapshot, by netuid: tao_in,
/// excess, alpha_in, alpha_out (the snapshot's `expected_*` columns).
pub fn expected_2026_08_07() -> std::collections::BTreeMap<u16, [u64; 4]> {
    let mut reader = csv::Reader::from_reader(include_str!("../reference/mainnet_2026-08-07.csv").as_bytes());
    reader
        .deserialize::<std::collections::BTreeMap<String, String>>()
        .map(|r| {
            let r = r.unwrap();
            let amount = |k: &str| dtao_sim::economy::units::parse_tao(&r[k]).unwrap();
            let keys = ["expected_tao_in_emission", "expected_excess_tao", "expected_alpha_in_emission", "expected_alpha_out_emission"];
            (r["netuid"].parse().unwrap(), keys.map(amount))
        })
        .collect()
}
