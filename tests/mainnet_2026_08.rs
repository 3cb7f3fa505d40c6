//! The `mainnet-2026-08` rule set end to end: a snapshot of the real network imported as a
//! scenario and run through the block schedule agrees with the chain's record of the next
//! block; the runtime's own swap quotes are reproduced; conservation is exact with fees paid
//! to block authors and protocol alpha kept; Balancer pools keep their invariants.

mod common;

use dtao_sim::economy::spec443::balancer;
use dtao_sim::economy::{Params, Refusal, Reserves, RuleSet};
use dtao_sim::metrics::Conservation;
use dtao_sim::scenario::{import, snapshot};
use dtao_sim::transactions::{Action, Order, TxLog};
use dtao_sim::world::{Chain, Pool, SubnetChain};
use dtao_sim::Simulation;
use proptest::prelude::*;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

const SNAPSHOT: &str = "tests/reference/mainnet_2026-08-07.csv";

/// The snapshot imported as a scenario, checked and resolved, as `dtao-sim import` writes it.
fn imported() -> (String, dtao_sim::scenario::Genesis) {
    let snap = snapshot::read_snapshot(Path::new(SNAPSHOT)).unwrap();
    let text = import::scenario_text(&snap, SNAPSHOT).unwrap();
    let scenario = dtao_sim::scenario::parse(&text, "imported.toml").unwrap();
    let genesis = dtao_sim::scenario::resolve(&scenario).unwrap();
    (text, genesis)
}


#[test]
fn the_imported_snapshot_runs_one_block_as_the_chain_recorded_it() {
    let (_, genesis) = imported();
    assert_eq!(genesis.params.rule_set, RuleSet::Mainnet2026_08);
    assert_eq!(genesis.start_block, 8_791_253);
    let mut sim = Simulation::new(&genesis);
    sim.world_mut().resource_mut::<Conservation>().every_block = true;
    sim.sample_every(1);
    sim.run(1);
    let samples = sim.take_samples().subnets;
    assert_eq!(samples.len(), 128);
    let expected = common::expected_2026_08_07();
    // The executable reference (chain_model.py) on the same inputs, to the RAO.
    let model: Value = serde_json::from_str(include_str!("reference/mainnet_2026-08-07.model.json")).unwrap();
    let (mut eligible, mut exact_total, mut capped) = (0, 0, 0);
    for s in &samples {
        let [tao_in, excess, alpha_in, alpha_out] = expected[&s.netuid];
        let total = s.tao_in + s.excess_tao;
        assert!(total.abs_diff(tao_in + excess) <= 2, "SN{}: TAO {total} vs chain {}", s.netuid, tao_in + excess);
        assert_eq!(s.alpha_out, alpha_out, "SN{} alpha_out", s.netuid);
        if s.netuid == 86 {
            assert_eq!((total, s.alpha_out), (0, 0), "SN86 never ran start_call");
            continue;
        }
        eligible += 1;
        exact_total += (total == tao_in + excess) as usize;
        capped += (s.excess_tao > 0) as usize;
        let m = &model["model"][s.netuid.to_string()];
        let mv = |k: &str| m[k].as_u64().unwrap();
        assert_eq!((s.tao_in, s.excess_tao, s.alpha_in), (mv("tao_in"), mv("excess"), mv("alpha_in")), "SN{} vs the reference model", s.netuid);
        // SPEC §11.2: the split of TAO into tao_in and excess, and alpha_in, carry the drift of
        // pools read six blocks before the emissions (a few parts per million), and alpha_in
        // of subnets that get a few RAO of TAO is quantised.
        assert!(s.tao_in.abs_diff(tao_in) <= 60.max(tao_in / 200_000), "SN{} tao_in {} vs {tao_in}", s.netuid, s.tao_in);
        assert!(s.excess_tao.abs_diff(excess) <= 60.max(excess / 200_000), "SN{} excess {} vs {excess}", s.netuid, s.excess_tao);
        assert!(s.alpha_in.abs_diff(alpha_in) <= 1_300.max(alpha_in / 200_000), "SN{} alpha_in {} vs {alpha_in}", s.netuid, s.alpha_in);
    }
    assert_eq!(eligible, 127);
    assert!(exact_total >= 110, "{exact_total} of 127 exact to the RAO");
    assert_eq!(capped, 35, "35 subnets chain-buy on 2026-08-07");
    sim.audit().unwrap();
}

#[test]
fn the_runtimes_quotes_for_sn92_are_reproduced_to_the_rao() {
    // SN92 at block 9,240,388 (raw storage of the NoBSRecruiter golden fixture
    // sn92_9240388.json): SubnetTAO, SubnetAlphaIn, SwapBalancer; and the runtime's
    // sim_swap answers for buying 10 and 100 TAO (SPEC_2026_08.md §6.3).
    let pool = Reserves { tao: 587_199_047_950, alpha: 435_539_509_978_376, weight_tao: 499_999_964_641_764_870 };
    let params = Params::preset(RuleSet::Mainnet2026_08);
    for (tao, alpha, fee) in [(10_000_000_000, 7_289_425_629_146, 5_035_477), (100_000_000_000, 63_351_665_005_924, 50_354_772)] {
        let (swap, net) = params.quote_stake(pool, tao).unwrap();
        assert_eq!((swap.out, swap.author_tao, net), (alpha, fee, tao - fee));
        assert_eq!(swap.after.tao, pool.tao + tao - fee, "the fee leaves the pool for the block author");
    }
}

#[test]
fn conservation_is_exact_over_a_day_of_the_real_network_with_trades_and_a_registration() {
    let (_, mut genesis) = imported();
    let trader = genesis.holders.len() as u32;
    genesis.holders.push(dtao_sim::scenario::resolve::GenesisHolder {
        name: "trader".into(),
        free_tao: 50_000_000_000_000,
        tracked: true,
        ..Default::default()
    });
    let order = |action| Order::new(trader, action);
    genesis.events = vec![
        (3, order(Action::Stake { netuid: 64, tao: 5_000_000_000_000 })),
        (400, order(Action::Unstake { netuid: 64, alpha: 10_000_000_000_000 })),
        (500, order(Action::Stake { netuid: 120, tao: 1_000_000_000_000 })),
        (700, order(Action::RootStake { tao: 1_000_000_000_000 })),
        // At the limit of 128 subnets: the weakest one outside its immunity is pruned.
        (900, order(Action::RegisterSubnet { name: Some("newcomer".into()), lock: Some(2_000_000_000_000), miners: 1 })),
        (1_000, order(Action::SetParam(dtao_sim::transactions::ParamChange::MinerBurned { netuid: 64, value: 1.0 }))),
    ];
    let mut sim = Simulation::new(&genesis);
    sim.world_mut().resource_mut::<Conservation>().every_block = true;
    sim.run(2_000);
    let conservation = sim.world().resource::<Conservation>().clone();
    assert_eq!(conservation.violation, None);
    assert_eq!(conservation.checks, 2_000);
    sim.audit().unwrap();
    let log = sim.world().resource::<TxLog>();
    assert_eq!(log.refused_count, 0, "{:?}", log.refused);
    assert_eq!(log.accepted, 6);
    let chain = sim.world().resource::<Chain>().clone();
    assert!(chain.author_tao > 0, "fees went to block authors");
    assert_eq!(chain.absolute_block(), 8_791_253 + 2_000);
    let world = sim.world_mut();
    let mut q = world.query::<(&dtao_sim::world::Subnet, &Pool, &SubnetChain)>();
    let subnets: Vec<_> = q.iter(world).map(|(s, p, c)| (s.netuid, s.name.clone(), *p, *c)).collect();
    assert_eq!(subnets.len(), 128, "one subnet was pruned for the newcomer");
    let newcomer = subnets.iter().find(|s| s.1 == "newcomer").expect("registered");
    assert!(!newcomer.3.emission_enabled, "a new subnet's TAO emission starts switched off");
    assert_eq!(newcomer.2.tao_reserve, 2_000_000_000_000, "the whole lock is in the pool");
    assert!(subnets.iter().any(|s| s.3.protocol_alpha > 0), "chain buys keep protocol alpha");
    for (n, _, p, _) in &subnets {
        assert!((balancer::MIN_WEIGHT..=balancer::PERQUINTILL as u64 - balancer::MIN_WEIGHT).contains(&p.weight_tao), "SN{n}");
    }
}

#[test]
fn epochs_run_every_tempo_blocks_at_most_two_per_block() {
    let (_, genesis) = imported();
    let mut sim = Simulation::new(&genesis);
    let mut last: BTreeMap<u16, u64> = BTreeMap::new();
    let mut most = 0;
    for _ in 0..800 {
        sim.run(1);
        let world = sim.world_mut();
        let block = world.resource::<Chain>().absolute_block() - 1;
        let mut q = world.query::<(&dtao_sim::world::Subnet, &dtao_sim::world::BlockFlow, &SubnetChain)>();
        let ran: Vec<(u16, u64)> = q.iter(world).filter(|(_, f, _)| f.epoch).map(|(s, _, c)| (s.netuid, c.tempo)).collect();
        most = most.max(ran.len());
        for (netuid, tempo) in ran {
            if let Some(prev) = last.insert(netuid, block) {
                // Period = tempo (not tempo + 1); one block more when deferred by the cap.
                assert!((tempo..=tempo + 2).contains(&(block - prev)), "SN{netuid}: {prev} -> {block}, tempo {tempo}");
            }
        }
    }
    assert_eq!(most, 2);
    assert!(last.len() >= 120, "{} subnets ran an epoch in 800 blocks", last.len());
}

/// Which engine ran the last block, as the moving prices show it: spec 443's stay on the
/// chain's 2⁻³² grid, the float engine's leave it.
fn moving_prices_on_the_grid(sim: &mut Simulation) -> bool {
    let world = sim.world_mut();
    let mut q = world.query::<&dtao_sim::world::MovingPrice>();
    q.iter(world).all(|m| (m.0 * (1u64 << 32) as f64).fract() == 0.0)
}

#[test]
fn a_rule_set_switch_changes_the_engine_from_the_next_block() {
    use dtao_sim::economy::Engine;
    use dtao_sim::transactions::ParamChange;
    let mut genesis = common::genesis_from(common::MARKET);
    let set = |rules| Order::new(0, Action::SetParam(ParamChange::RuleSet(rules)));
    genesis.events = vec![(10, set(RuleSet::Mainnet2026_08)), (20, set(RuleSet::Bit001))];
    let mut sim = Simulation::new(&genesis);
    sim.run(11);
    assert_eq!(sim.world().resource::<Params>().engine, Engine::Spec443, "switched at the end of block 10");
    assert!(!moving_prices_on_the_grid(&mut sim), "block 10 itself ran under bit001");
    for _ in 11..=20 {
        sim.run(1);
        assert!(moving_prices_on_the_grid(&mut sim), "block {} ran under spec 443", sim.block() - 1);
    }
    assert_eq!(sim.world().resource::<Params>().engine, Engine::Float);
    sim.run(1);
    assert!(!moving_prices_on_the_grid(&mut sim), "block 21 ran under bit001 again");
    sim.audit().unwrap();
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// An injection keeps the spot price (to the weight's 10⁻¹⁸ rounding) and the weights
    /// inside [1%, 99%]; what does not fit waits in the reservoirs.
    #[test]
    fn injection_keeps_the_price_and_the_weights_in_bounds(
        x in 1_000_000_000u64..10_000_000_000_000_000,
        y in 1_000_000_000u64..10_000_000_000_000_000,
        w in 20_000_000_000_000_000u64..980_000_000_000_000_000,
        dx in 0u64..1_000_000_000_000_000,
        dy in 0u64..1_000_000_000_000_000,
    ) {
        let mut s = dtao_sim::economy::spec443::coinbase::SubnetState { alpha: x, tao: y, weight_tao: w, ..Default::default() };
        let before = balancer::price(x, y, w) as f64;
        dtao_sim::economy::spec443::coinbase::inject(&mut s, dy, dx);
        prop_assert!((balancer::MIN_WEIGHT..=balancer::PERQUINTILL as u64 - balancer::MIN_WEIGHT).contains(&s.weight_tao));
        prop_assert_eq!(s.tao + s.reservoir_tao, y + dy);
        prop_assert_eq!(s.alpha + s.reservoir_alpha, x + dx);
        let after = balancer::price(s.alpha, s.tao, s.weight_tao) as f64;
        prop_assert!((after / before - 1.0).abs() < 1e-9, "{} -> {}", before, after);
    }

    /// Buying alpha and selling it straight back never returns more TAO than was paid.
    #[test]
    fn a_round_trip_never_gains(
        x in 10_000_000_000u64..10_000_000_000_000_000,
        y in 10_000_000_000u64..10_000_000_000_000_000,
        w in 100_000_000_000_000_000u64..900_000_000_000_000_000,
        tao in 1_000_000u64..1_000_000_000_000_000,
    ) {
        let params = Params::preset(RuleSet::Mainnet2026_08);
        let pool = Reserves { tao: y, alpha: x, weight_tao: w };
        if let Ok((buy, _)) = params.quote_stake(pool, tao) {
            match params.quote_unstake(buy.after, buy.out) {
                Ok(sell) => {
                    prop_assert!(sell.out <= tao, "paid {} got back {}", tao, sell.out);
                    // Every RAO is somewhere: the pool, the trader or the block author.
                    prop_assert_eq!(sell.after.tao + sell.out + sell.author_tao + buy.author_tao, y + tao);
                    prop_assert_eq!(sell.after.alpha, x);
                }
                Err(e) => prop_assert!(matches!(e, Refusal::ZeroOutput | Refusal::ReserveTooLow)),
            }
        }
    }
}
