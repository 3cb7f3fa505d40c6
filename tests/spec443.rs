//! The arithmetic of the chain's spec 443 against the chain: the Balancer pool, the fee, the
//! gate's power and the EMA against vectors of the executable reference (`chain_model.py`,
//! bit-exact with the runtime), and one whole block of the 2026-08-07 mainnet snapshot
//! against what the chain recorded.

mod common;

use dtao_sim::scenario::snapshot::{read_snapshot, SnapshotSubnet};
use std::path::Path;
use dtao_sim::economy::spec443::{balancer, coinbase, fixed, shares, terms};
use serde_json::Value;

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

#[test]
fn one_block_of_the_2026_08_07_snapshot_agrees_with_the_chain() {
    let snap = read_snapshot(Path::new("tests/reference/mainnet_2026-08-07.csv")).unwrap();
    let side: Value = serde_json::from_str(include_str!("reference/mainnet_2026-08-07.json")).unwrap();
    let expected = common::expected_2026_08_07();
    let (rows, root) = (&snap.subnets, snap.root_stake);
    let model: Value = serde_json::from_str(include_str!("reference/mainnet_2026-08-07.model.json")).unwrap();
    let eligible: Vec<&SnapshotSubnet> = rows.iter().filter(|r| r.eligible()).collect();
    assert_eq!(eligible.len(), 127);
    let issuance = snap.total_issuance;
    let e = dtao_sim::economy::block_emission(issuance, dtao_sim::economy::RAO_PER_TAO);
    assert_eq!(e, 500_000_000);
    let ema: Vec<u64> = eligible.iter().map(|r| r.moving_price).collect();
    let mb: Vec<u64> = eligible.iter().map(|r| r.miner_burned).collect();
    let enabled: Vec<bool> = eligible.iter().map(|r| r.emission_enabled).collect();
    let stored_bar = snap.gate_bar;
    let block = side["expected_block"].as_u64().unwrap();
    assert_eq!(block, snap.block + 1);
    let (tao, bar) = shares::block_tao(&ema, &mb, &enabled, e, block, stored_bar);
    assert_eq!(bar, stored_bar, "8,791,253 is not a multiple of 360: the stored bar applies");
    let w = snap.tao_weight;
    let (mut capped, mut total_off) = (0, 0u64);
    for (row, te) in eligible.iter().zip(tao) {
        let price = balancer::price(row.alpha, row.tao, row.weight_tao);
        let t = terms::subnet_terms(te, price, row.alpha + row.alpha_outstanding, root, w);
        let m = &model["model"][row.netuid.to_string()];
        let mv = |k: &str| m[k].as_u64().unwrap();
        // The same inputs give the reference model's numbers exactly...
        assert_eq!((t.tao_in, t.excess_tao, t.alpha_in, t.alpha_out), (mv("tao_in"), mv("excess"), mv("alpha_in"), mv("alpha_out")), "SN{}", row.netuid);
        // ...and the chain's record within SPEC §11.2's tolerances.
        let [tao_in, excess, alpha_in, alpha_out] = expected[&row.netuid];
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
    let not_eligible: Vec<u16> = rows.iter().filter(|r| !r.eligible()).map(|r| r.netuid).collect();
    assert_eq!(not_eligible, vec![86]);
}


#[test]
fn bad_snapshots_are_refused_with_file_line_column_and_field() {
    let text = include_str!("reference/mainnet_2026-08-07.csv");
    let side: Value = serde_json::from_str(include_str!("reference/mainnet_2026-08-07.json")).unwrap();
    let parse = |t: &str| dtao_sim::scenario::snapshot::parse_snapshot("snap.csv", t, "snap.json", &side);
    assert!(parse(text).is_ok());
    let bad = text.replacen("0.0083163459785282611846923828125", "-0.5", 1);
    let err = parse(&bad).unwrap_err();
    assert!(err.starts_with("snap.csv:3:") && err.contains("moving_price"), "{err}");
    let bad = text.replacen(",25836.395207539,", ",25836.3952075391,", 1);
    let err = parse(&bad).unwrap_err();
    assert!(err.starts_with("snap.csv:3:16: tao_in_pool: 25836.3952075391: more than 9 decimals"), "{err}");
    let bad = text.replacen("0.499999456821222386", "1.5", 1);
    assert!(parse(&bad).unwrap_err().contains("pool_weight_tao"));
    let bad = text.replacen("netuid,name,block,", "netuid,name,blk,", 1);
    assert!(parse(&bad).unwrap_err().starts_with("snap.csv:1:1: missing columns: block"));
}

fn states(snap: &dtao_sim::scenario::snapshot::Snapshot) -> Vec<coinbase::SubnetState> {
    snap.subnets.iter().map(dtao_sim::scenario::import::state_of).collect()
}

#[test]
fn the_coinbase_of_the_snapshot_block_injects_at_constant_price_and_accounts_for_every_rao() {
    let snap = read_snapshot(Path::new("tests/reference/mainnet_2026-08-07.csv")).unwrap();
    let before = states(&snap);
    let mut after = before.clone();
    let input = coinbase::Inputs {
        block: snap.block + 1,
        block_emission: 500_000_000,
        root_stake: snap.root_stake,
        tao_weight: snap.tao_weight,
        owner_cut: 11_796,
    };
    let (outcomes, bar) = coinbase::run(&mut after, &input, snap.gate_bar);
    assert_eq!(bar, snap.gate_bar);
    let expected = common::expected_2026_08_07();
    let mut entered = 0u64;
    for ((b, a), (o, s)) in before.iter().zip(&after).zip(outcomes.iter().zip(&snap.subnets)) {
        let t = o.terms;
        let [tao_in, excess, _, alpha_out] = expected[&s.netuid];
        assert!((t.tao_in + t.excess_tao).abs_diff(tao_in + excess) <= 2, "SN{}", s.netuid);
        assert_eq!(t.alpha_out, alpha_out, "SN{}", s.netuid);
        // Every RAO of TAO is in the pool, every alpha is in the pool or outstanding.
        assert_eq!(a.tao + a.reservoir_tao, b.tao + t.tao_in + t.excess_tao);
        assert_eq!(
            a.alpha + a.alpha_outstanding + a.reservoir_alpha,
            b.alpha + b.alpha_outstanding + t.alpha_in + t.alpha_out,
            "SN{}",
            s.netuid
        );
        assert_eq!(a.protocol_alpha - b.protocol_alpha, o.bought_alpha);
        assert_eq!(o.split.owner + o.split.miners + o.split.validators + o.split.root + o.split.recycled <= t.alpha_out, true);
        assert!(t.alpha_out - (o.split.owner + o.split.miners + o.split.validators + o.split.root) <= 3);
        if t.tao_in > 0 && a.reservoir_tao == 0 && a.reservoir_alpha == 0 {
            // The injection keeps the post-buy spot price (the weight rounds down: < 10⁻¹² off).
            let mut bought = *b;
            bought.tao += t.excess_tao;
            bought.alpha -= o.bought_alpha;
            let p0 = balancer::price(bought.alpha, bought.tao, bought.weight_tao) as f64;
            let p1 = balancer::price(a.alpha, a.tao, a.weight_tao) as f64;
            assert!((p1 / p0 - 1.0).abs() < 1e-9, "SN{}: {p0} -> {p1}", s.netuid);
        }
        entered += t.tao_in + t.excess_tao;
    }
    assert!(entered <= 500_000_000 && 500_000_000 - entered < 200);
    // Σ ema = 1.30 on 2026-08-07: root dividends accumulate as alpha.
    assert!(outcomes.iter().any(|o| o.split.root > 0) && outcomes.iter().all(|o| o.split.recycled == 0));
}

/// What the pure coinbase reads of one subnet of a world, and its netuid and age.
struct WorldSubnet {
    netuid: u16,
    age: Option<u64>,
    state: coinbase::SubnetState,
}

/// The world's subnets in netuid order, as [`coinbase::run`] reads them, and the block's inputs.
fn coinbase_inputs(world: &mut bevy::prelude::World) -> (Vec<WorldSubnet>, coinbase::Inputs, u128) {
    use dtao_sim::world::{Chain, Ledger, MovingPrice, Pool, Subnet, SubnetChain};
    let chain = world.resource::<Chain>().clone();
    let params = world.resource::<dtao_sim::economy::Params>().clone();
    let root = chain.root_for_prop(world.resource::<Ledger>().root.total());
    let mut q = world.query::<(&Subnet, &Pool, &MovingPrice, &SubnetChain)>();
    let mut subnets: Vec<WorldSubnet> = q
        .iter(world)
        .map(|(s, pool, ema, c)| WorldSubnet {
            netuid: s.netuid,
            age: s.age(chain.block),
            state: coinbase::SubnetState {
                eligible: s.start_block <= chain.block,
                emission_enabled: c.emission_enabled,
                alpha: pool.alpha_reserve,
                tao: pool.tao_reserve,
                alpha_outstanding: u64::try_from(pool.alpha_outstanding).unwrap(),
                weight_tao: pool.weight_tao,
                reservoir_tao: pool.reservoir_tao,
                reservoir_alpha: pool.reservoir_alpha,
                moving_price: fixed::raw32(ema.0),
                miner_burned: fixed::raw32(c.miner_burned),
                protocol_alpha: c.protocol_alpha,
            },
        })
        .collect();
    subnets.sort_by_key(|s| s.netuid);
    let input = coinbase::Inputs {
        block: chain.absolute_block(),
        block_emission: dtao_sim::economy::block_emission(chain.total_issuance, params.block_reward_rao),
        root_stake: root,
        tao_weight: params.tao_weight_raw(),
        owner_cut: params.owner_cut_raw(),
    };
    (subnets, input, chain.gate_bar)
}

/// Runs one block through the schedule and [`coinbase::run`] on the world as it was, and
/// checks that they agree on every subnet. Returns how many subnets recycled root alpha.
fn block_agrees_with_the_pure_coinbase(sim: &mut dtao_sim::Simulation) -> usize {
    use dtao_sim::world::{BlockFlow, Chain, MovingPrice, Pool, Subnet, SubnetChain};
    let (mut subnets, input, bar) = coinbase_inputs(sim.world_mut());
    let mut states: Vec<coinbase::SubnetState> = subnets.iter().map(|s| s.state).collect();
    let (outcomes, new_bar) = coinbase::run(&mut states, &input, bar);
    let moving_alpha = sim.world().resource::<dtao_sim::economy::Params>().moving_alpha_raw();
    sim.run(1);
    let world = sim.world_mut();
    assert_eq!(world.resource::<Chain>().gate_bar, new_bar, "block {}", input.block);
    let mut q = world.query::<(&Subnet, &BlockFlow, &Pool, &SubnetChain, &MovingPrice)>();
    let mut after: Vec<_> = q.iter(world).map(|(s, f, p, c, m)| (s.netuid, *f, *p, *c, m.0)).collect();
    after.sort_by_key(|a| a.0);
    assert_eq!(after.len(), subnets.len());
    let mut recycled = 0;
    for ((ws, (s, o)), (netuid, flow, pool, chain_state, ema)) in subnets.iter_mut().zip(states.iter().zip(&outcomes)).zip(after) {
        let at = format!("SN{netuid} at block {}", input.block);
        assert_eq!(ws.netuid, netuid);
        let t = o.terms;
        assert_eq!((flow.tao_in, flow.alpha_in, flow.alpha_em), (t.tao_in, t.alpha_in, t.alpha_out), "{at}: tao_in, alpha_in, alpha_out");
        assert_eq!((flow.chain_buy_tao, flow.chain_buy_alpha), (t.excess_tao, o.bought_alpha), "{at}: chain buy");
        assert_eq!(flow.share, o.share, "{at}: share");
        assert_eq!((pool.tao_reserve, pool.alpha_reserve, pool.weight_tao), (s.tao, s.alpha, s.weight_tao), "{at}: reserves and weight");
        assert_eq!((pool.reservoir_tao, pool.reservoir_alpha), (s.reservoir_tao, s.reservoir_alpha), "{at}: reservoirs");
        assert_eq!(chain_state.protocol_alpha, s.protocol_alpha, "{at}: protocol alpha");
        // The epoch after the coinbase burns miner alpha; the split takes recycled root alpha out.
        let outstanding = pool.alpha_outstanding + flow.miner_burned_alpha as i64 + o.split.recycled as i64;
        assert_eq!(outstanding, s.alpha_outstanding as i64, "{at}: alpha outstanding");
        let split = (flow.owner_alpha, flow.miner_alpha, flow.validator_alpha, flow.root_alpha, flow.root_alpha_recycled);
        assert_eq!(split, (o.split.owner, o.split.miners, o.split.validators, o.split.root, o.split.recycled), "{at}: split");
        assert_eq!(flow.split_dust, o.split.dust(t.alpha_out), "{at}: split dust");
        if s.eligible {
            assert_eq!(flow.root_prop, o.root_prop, "{at}: root_prop");
            let b = ws.age.unwrap_or(1 << 40);
            assert_eq!(ema, fixed::from_raw32(coinbase::next_moving_price(s, moving_alpha, b)), "{at}: moving price");
        }
        recycled += (o.split.recycled > 0) as usize;
    }
    recycled
}

#[test]
fn the_block_systems_and_the_pure_coinbase_agree_subnet_by_subnet() {
    let path = "tests/reference/mainnet_2026-08-07.csv";
    let snap = read_snapshot(Path::new(path)).unwrap();
    let text = dtao_sim::scenario::import::scenario_text(&snap, path).unwrap();
    let genesis = dtao_sim::scenario::resolve(&dtao_sim::scenario::parse(&text, "imported.toml").unwrap()).unwrap();
    assert_eq!(genesis.params.engine, dtao_sim::economy::Engine::Spec443);
    let mut sim = dtao_sim::Simulation::new(&genesis);
    // 8,791,253 + 307 is a multiple of 360: the gate bar is recomputed on the way.
    for _ in 0..310 {
        assert_eq!(block_agrees_with_the_pure_coinbase(&mut sim), 0, "Σ ema > 1: root alpha is kept");
    }
    // Halved moving prices sum below 1: root alpha is recycled.
    let world = sim.world_mut();
    let mut q = world.query::<&mut dtao_sim::world::MovingPrice>();
    for mut ema in q.iter_mut(world) {
        ema.0 /= 2.0;
    }
    for _ in 0..3 {
        assert!(block_agrees_with_the_pure_coinbase(&mut sim) > 0);
    }
}
