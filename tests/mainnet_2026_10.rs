//! The `mainnet-2026-10` rule set (runtime spec 475, SPEC_2026_10.md): the corrected lock
//! cost, queued registration with escrow at the subnet limit and its refund, the dissolution
//! payout, root dividends for root UIDs only, the epoch cap of Null consensus, recycled
//! transaction fees, and every shipped scenario run under it with exact conservation.

mod common;

use common::repo_path;
use dtao_sim::economy::registration::LastLock;
use dtao_sim::economy::{Params, RuleSet, RAO_PER_TAO};
use dtao_sim::metrics::Conservation;
use dtao_sim::scenario::{parse, resolve, Genesis};
use dtao_sim::transactions::TxLog;
use dtao_sim::world::{BlockFlow, Chain, Directory, Pending, Pool, RegistrationQueue, Subnet, SubnetChain, SubnetTotals, Wallet};
use dtao_sim::Simulation;

const TAO: u64 = RAO_PER_TAO;

/// Four subnets at the limit of 4 on 2026-10-08, the last registration as the chain had it
/// at 9,240,878 (653.019966758 TAO at block 9,210,610). SN3 does not
/// emit, so its pool stays as written: 1,000 TAO against 100 alpha of "Staker", 100 of
/// protocol alpha and 2,000 in the pool, registered after `TaoInRefundDeploymentBlock`; its
/// moving price is the lowest, so a registration at the limit prunes it. "Newcomer"
/// registers at 9,240,878 without naming a lock; "Trader" doubles two prices the block after.
const AT_THE_LIMIT: &str = r#"
title = "at the limit"
blocks = 40

[rules]
preset = "mainnet-2026-10"
subnet_limit = 4
immunity_period = 0

[chain]
start_block = 9_240_870
issuance = 11_597_865
root_stake = 100_000
last_lock = "653.019966758"
last_lock_block = 9_210_610

[subnets]
count = 4
tao = 1_000
alpha = 2_000
miners = 1
owners = true

[[subnets.override]]
netuid = 3
emitting = false
moving_price = 0.01
registered_at = 9_000_000
alpha_outstanding = 200
protocol_alpha = 100

[[validators]]
name = "V"
root_stake = 5_000

[[holders]]
name = "Staker"
alpha = [{ netuid = 3, amount = 100 }]

[[holders]]
name = "Newcomer"
free_tao = 5_000

[[holders]]
name = "Trader"
free_tao = 10_000

[[events]]
block = 9_240_878
kind = "register"
holder = "Newcomer"
name = "Newcomer's subnet"

[[events]]
block = 9_240_879
kind = "stake"
holder = "Trader"
netuid = 2
amount = 3_000

[[events]]
block = 9_240_879
kind = "stake"
holder = "Trader"
netuid = 4
amount = 3_000
"#;

fn genesis(text: &str, rule_set: RuleSet) -> Genesis {
    let mut scenario = parse(text, "test.toml").unwrap_or_else(|e| panic!("{e}"));
    scenario.rules.preset = rule_set;
    resolve(&scenario).unwrap_or_else(|p| panic!("{p:?}"))
}

fn sim_of(genesis: &Genesis) -> Simulation {
    let mut sim = Simulation::new(genesis);
    sim.world_mut().resource_mut::<Conservation>().every_block = true;
    sim
}

fn free(sim: &Simulation, name: &str) -> u64 {
    let directory = sim.world().resource::<Directory>();
    let entity = directory.holder(directory.holder_id(name).unwrap()).unwrap();
    sim.world().get::<Wallet>(entity).unwrap().free_tao
}

fn subnets(sim: &mut Simulation) -> Vec<(u16, String, Pool, SubnetChain)> {
    let world = sim.world_mut();
    let mut q = world.query::<(&Subnet, &Pool, &SubnetChain)>();
    let mut all: Vec<_> = q.iter(world).map(|(s, p, c)| (s.netuid, s.name.clone(), *p, *c)).collect();
    all.sort_by_key(|s| s.0);
    all
}

fn conserved(sim: &mut Simulation) {
    assert_eq!(sim.world().resource::<Conservation>().violation, None);
    sim.audit().unwrap();
}

/// The lock at 9,240,878 is the runtime's 962,887,016,780 RAO: `2·last − floor(last / 57,600)
/// ·(now − last_block)`, the interval scaled by E = 0.5 TAO (SPEC_2026_10.md §2.2 item 21).
const LOCK: u64 = 962_887_016_780;

#[test]
fn a_registration_at_the_limit_waits_in_escrow_and_settles_with_its_queue_time_terms() {
    let mut sim = sim_of(&genesis(AT_THE_LIMIT, RuleSet::Mainnet2026_10));
    sim.run(8);
    let (recycled_before, staker_before) = (sim.world().resource::<Chain>().recycled_tao, free(&sim, "Staker"));
    assert_eq!(staker_before, 0);
    sim.run(1); // 9,240,878: the registration
    conserved(&mut sim);
    assert_eq!(free(&sim, "Newcomer"), 5_000 * TAO - LOCK, "the lock is paid at once");
    let chain = sim.world().resource::<Chain>().clone();
    assert_eq!(chain.escrow_tao, LOCK as u128, "into escrow");
    let queue = sim.world().resource::<RegistrationQueue>().clone();
    assert_eq!(queue.entries.len(), 1);
    let entry = queue.entries[0].clone();
    assert_eq!((entry.lock, entry.settles_at), (LOCK, 8 + 3));
    // SN3 is dissolved at once. Its 1,000 TAO go pro rata over the staker's 100 alpha, the
    // protocol's 100 and, registered after 8,334,450, the pool's 2,000: 45.454545455 TAO to
    // the staker (the one leftover RAO to the largest remainder), the protocol's
    // 954.545454545 TAO recycled.
    assert_eq!(free(&sim, "Staker"), 45_454_545_455);
    assert_eq!(chain.recycled_tao - recycled_before, 954_545_454_545);
    let now = subnets(&mut sim);
    assert_eq!(now.iter().map(|s| s.0).collect::<Vec<_>>(), vec![1, 2, 4], "the slot is being freed");
    assert_eq!(chain.last_lock, LastLock { rao: 653_019_966_758, block: 9_210_610 }, "the last lock advances at settlement");
    let queued_median = entry.median_price;
    assert!((0.49..0.51).contains(&queued_median), "{queued_median}");

    sim.run(1); // 9,240,879: Trader lifts SN2 and SN4, so today's median is far above
    let median_now = {
        let mut prices: Vec<f64> = subnets(&mut sim).iter().map(|s| s.2.price()).collect();
        prices.sort_by(f64::total_cmp);
        prices[prices.len() / 2]
    };
    assert!(median_now > 3.0 * queued_median, "{median_now}");
    sim.run(1);
    assert_eq!(sim.world().resource::<RegistrationQueue>().entries.len(), 1, "not due yet");
    sim.run(1); // 9,240,881: settlement
    conserved(&mut sim);
    let chain = sim.world().resource::<Chain>().clone();
    assert_eq!(chain.escrow_tao, 0);
    assert_eq!(chain.last_lock, LastLock { rao: LOCK, block: 9_240_881 });
    let queue = sim.world().resource::<RegistrationQueue>().clone();
    assert_eq!((queue.entries.len(), queue.settled, queue.refunded), (0, 1, 0));
    let all = subnets(&mut sim);
    let new = all.iter().find(|s| s.1 == "Newcomer's subnet").expect("registered");
    assert_eq!(new.0, 3, "the freed netuid");
    assert_eq!(new.2.tao_reserve, LOCK, "SubnetTAO = the lock paid");
    assert_eq!(new.2.alpha_reserve, (LOCK as f64 / queued_median) as u64, "SubnetAlphaIn = lock / the median of queue time");
    assert!(!new.3.emission_enabled, "emission waits for root");
    assert_eq!(free(&sim, "Newcomer"), 5_000 * TAO - LOCK);
    sim.run(28);
    conserved(&mut sim);
    assert_eq!(sim.world().resource::<Conservation>().checks, 40);
    assert_eq!(sim.world().resource::<TxLog>().refused_count, 0);
}

#[test]
fn a_settlement_that_finds_no_slot_refunds_the_escrow_and_mints_nothing() {
    let mut sim = sim_of(&genesis(AT_THE_LIMIT, RuleSet::Mainnet2026_10));
    sim.run(9);
    assert_eq!(free(&sim, "Newcomer"), 5_000 * TAO - LOCK);
    // Root lowers the limit while the registration waits: its slot is gone.
    sim.world_mut().resource_mut::<Params>().subnet_limit = 3;
    let (burned, recycled) = {
        let c = sim.world().resource::<Chain>();
        (c.burned_tao, c.recycled_tao)
    };
    sim.run(3);
    conserved(&mut sim);
    let chain = sim.world().resource::<Chain>().clone();
    assert_eq!(chain.escrow_tao, 0);
    assert_eq!((chain.burned_tao, chain.recycled_tao), (burned, recycled), "nothing burned or recycled");
    assert_eq!(free(&sim, "Newcomer"), 5_000 * TAO, "refunded in full");
    let queue = sim.world().resource::<RegistrationQueue>().clone();
    assert_eq!((queue.entries.len(), queue.settled, queue.refunded), (0, 0, 1));
    assert_eq!(subnets(&mut sim).len(), 3);
    assert_eq!(chain.last_lock, LastLock { rao: 653_019_966_758, block: 9_210_610 }, "no registration happened");
}

#[test]
fn under_mainnet_2026_08_the_same_registration_is_instant_at_the_corrected_lock() {
    let mut sim = sim_of(&genesis(AT_THE_LIMIT, RuleSet::Mainnet2026_08));
    sim.run(9);
    conserved(&mut sim);
    assert_eq!(free(&sim, "Newcomer"), 5_000 * TAO - LOCK);
    let all = subnets(&mut sim);
    let new = all.iter().find(|s| s.1 == "Newcomer's subnet").expect("registered at once");
    assert_eq!(new.2.tao_reserve, LOCK);
    assert_eq!(sim.world().resource::<Chain>().escrow_tao, 0);
    assert_eq!(sim.world().resource::<Chain>().last_lock, LastLock { rao: LOCK, block: 9_240_878 });
    // The spec-443 payout: SN3's TAO over all its outstanding alpha (staker 100, protocol 100).
    assert_eq!(free(&sim, "Staker"), 500 * TAO);
    sim.run(31);
    conserved(&mut sim);
}

/// Root stake, but no validator: nobody earns root dividends. Spec 443 leaves the pot waiting; spec 475 recycles it at the epoch.
const NO_ROOT_VALIDATOR: &str = r#"
title = "no root validator"
blocks = 400

[rules]
preset = "mainnet-2026-10"
tempo = 100

[chain]
issuance = 11_000_000

[subnets]
count = 2
tao = 2_000
alpha = 1_000
miners = 1
owners = true

[[holders]]
name = "Root staker"
root_stake = 100_000
"#;

#[test]
fn a_root_pot_no_root_registered_validator_earns_is_recycled() {
    let pending_root = |rule_set| {
        let mut sim = sim_of(&genesis(NO_ROOT_VALIDATOR, rule_set));
        sim.run(400);
        conserved(&mut sim);
        let world = sim.world_mut();
        let mut q = world.query::<(&Subnet, &Pending, &SubnetTotals)>();
        q.iter(world).map(|(_, p, t)| (p.root_alpha, t.recycled_alpha)).fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
    };
    let (waiting_08, recycled_08) = pending_root(RuleSet::Mainnet2026_08);
    let (waiting_10, recycled_10) = pending_root(RuleSet::Mainnet2026_10);
    assert!(waiting_08 > 100 * TAO / 10, "spec 443 keeps it pending: {waiting_08}");
    assert!(waiting_10 < waiting_08 / 2, "spec 475 recycles it at each epoch: {waiting_10}");
    assert!(recycled_10 >= recycled_08 + (waiting_08 - waiting_10), "{recycled_08} -> {recycled_10}");
}

/// All four subnets due at once: two epochs a block, or one while a Null-consensus subnet is
/// due (spec 475).
const ALL_DUE: &str = r#"
title = "all due"
blocks = 10

[rules]
preset = "mainnet-2026-10"

[chain]
start_block = 1_000
issuance = 11_000_000

[subnets]
count = 4
tao = 1_000
alpha = 1_000

[[subnets.override]]
netuid = 1
last_epoch_block = 640
null_consensus = true

[[subnets.override]]
netuid = 2
last_epoch_block = 640

[[subnets.override]]
netuid = 3
last_epoch_block = 640

[[subnets.override]]
netuid = 4
last_epoch_block = 640
"#;

#[test]
fn a_block_with_a_null_consensus_subnet_due_runs_one_epoch() {
    let epochs_per_block = |rule_set| {
        let mut sim = sim_of(&genesis(ALL_DUE, rule_set));
        (0..4)
            .map(|_| {
                sim.run(1);
                let world = sim.world_mut();
                let mut q = world.query::<(&Subnet, &BlockFlow)>();
                let mut ran: Vec<u16> = q.iter(world).filter(|(_, f)| f.epoch).map(|(s, _)| s.netuid).collect();
                ran.sort();
                ran
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(epochs_per_block(RuleSet::Mainnet2026_08), vec![vec![1, 2], vec![3, 4], vec![], vec![]]);
    assert_eq!(epochs_per_block(RuleSet::Mainnet2026_10), vec![vec![1], vec![2, 3], vec![4], vec![]]);
}

#[test]
fn recycled_transaction_fees_leave_total_issuance() {
    let text = NO_ROOT_VALIDATOR.replace("tempo = 100", "tempo = 100\ntx_fee_recycled_per_block = \"0.00194\"");
    let run = |text: &str| {
        let mut sim = sim_of(&genesis(text, RuleSet::Mainnet2026_10));
        sim.run(300);
        conserved(&mut sim);
        let c = sim.world().resource::<Chain>().clone();
        (c.total_issuance, c.issued_tao, c.recycled_tao)
    };
    let (ti_plain, issued_plain, recycled_plain) = run(NO_ROOT_VALIDATOR);
    let (ti_fees, issued_fees, recycled_fees) = run(&text);
    assert_eq!(issued_fees, issued_plain, "the coinbase is the same");
    assert_eq!(ti_plain - ti_fees, 300 * 1_940_000);
    assert_eq!(recycled_fees - recycled_plain, 300 * 1_940_000);
}

/// `--rules mainnet-2026-10` on every shipped scenario: each runs (the long ones for their
/// first 1,500 blocks) with TAO and alpha conserved exactly after every block.
#[test]
fn every_shipped_scenario_runs_under_mainnet_2026_10_with_exact_conservation() {
    let mut files: Vec<_> = std::fs::read_dir(repo_path("scenarios"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    assert!(files.len() >= 12, "{files:?}");
    for file in files {
        let (scenario, _) = dtao_sim::scenario::load(&file).unwrap_or_else(|e| panic!("{e}"));
        let name = file.display().to_string();
        let genesis = dtao_sim::scenario::variants::genesis_per_rule_set(&scenario, &name, None, &[RuleSet::Mainnet2026_10])
            .unwrap()
            .remove(0);
        assert_eq!(genesis.params.rule_set, RuleSet::Mainnet2026_10);
        let blocks = genesis.blocks.min(1_500);
        let mut sim = sim_of(&genesis);
        sim.run(blocks);
        let check = sim.world().resource::<Conservation>().clone();
        assert_eq!(check.violation, None, "{name}");
        assert_eq!(check.checks, blocks, "{name}");
        sim.audit().unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

#[test]
fn the_rule_set_is_named_everywhere() {
    assert_eq!("mainnet-2026-10".parse::<RuleSet>(), Ok(RuleSet::Mainnet2026_10));
    assert_eq!(RuleSet::Mainnet2026_10.to_string(), "mainnet-2026-10");
    assert!(RuleSet::ALL.contains(&RuleSet::Mainnet2026_10));
    let p = Params::preset(RuleSet::Mainnet2026_10);
    let q = Params::preset(RuleSet::Mainnet2026_08);
    // The same engine and emission parameters as spec 443.
    assert_eq!((p.engine, p.share_rule, p.moving_alpha, p.max_epochs_per_block), (q.engine, q.share_rule, q.moving_alpha, q.max_epochs_per_block));
    assert_eq!((p.lock_rule, p.tx_fee_recycled_rao), (q.lock_rule, 0));
}
