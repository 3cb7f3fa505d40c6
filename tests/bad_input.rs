//! Bad input never panics, never blows up, never loses a RAO: each case found by the
//! adversarial campaign of issue 10, refused with its file, line, column and field, or run
//! with exact conservation.

mod common;

use common::repo_path;
use dtao_sim::economy::RAO_PER_TAO;
use dtao_sim::scenario::load::locate_problem;
use dtao_sim::scenario::{parse, resolve, Genesis, ScenarioError};
use dtao_sim::transactions::TxLog;
use dtao_sim::world::{MovingPrice, Subnet};
use dtao_sim::Simulation;
use std::process::Command;

const TAO: u64 = RAO_PER_TAO;

/// Two subnets and a holder "a": the base that each case changes.
const BASE: &str = "title = \"t\"\n[subnets]\ncount = 2\ntao = 100\nalpha = 100\n[[holders]]\nname = \"a\"\nfree_tao = 10\n";

/// Checks `text` and returns the refusal, asserting that it has a place and a field.
fn refused(text: &str) -> ScenarioError {
    let err = match parse(text, "bad.toml") {
        Err(e) => e,
        Ok(s) => match resolve(&s) {
            Err(p) => locate_problem(text, "bad.toml", p),
            Ok(_) => panic!("accepted:\n{text}"),
        },
    };
    assert!(err.line > 0 && err.column > 0 && !err.field.is_empty(), "no place or field: {err}");
    err
}

fn accepted(text: &str) -> Genesis {
    let scenario = parse(text, "good.toml").unwrap_or_else(|e| panic!("{e}"));
    resolve(&scenario).unwrap_or_else(|p| panic!("{}", locate_problem(text, "good.toml", p)))
}

/// The 1-based line of the first line containing `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).unwrap_or_else(|| panic!("{needle} not in text")) + 1
}

fn run(genesis: &Genesis, blocks: u64) -> Simulation {
    let mut sim = Simulation::new(genesis);
    sim.world_mut().resource_mut::<dtao_sim::metrics::Conservation>().every_block = true;
    sim.run(blocks);
    sim.audit().unwrap();
    assert_eq!(sim.world().resource::<dtao_sim::metrics::Conservation>().violation, None);
    sim
}

fn dtao(args: &[&str], env_remove: &[&str]) -> (bool, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_dtao-sim"));
    cmd.args(args).current_dir(repo_path(""));
    for var in env_remove {
        cmd.env_remove(var);
    }
    let out = cmd.output().unwrap();
    (out.status.success(), String::from_utf8_lossy(&out.stderr).into_owned() + &String::from_utf8_lossy(&out.stdout))
}

// 1
#[test]
fn a_tempo_of_u64_max_is_refused_by_check_set_events_sweeps_the_dashboard_and_replays() {
    let text = format!("{BASE}[rules]\ntempo = 18446744073709551615\n");
    let err = refused(&text);
    assert_eq!((err.line, err.field.as_str()), (line_of(&text, "tempo"), "rules.tempo"), "{err}");
    assert!(err.message.contains("at most 100000000 blocks"), "{err}");

    let text = format!("{BASE}[[events]]\nblock = 5\nkind = \"set\"\nparam = \"tempo\"\nvalue = 1e30\n");
    let err = refused(&text);
    assert_eq!((err.line, err.field.as_str()), (line_of(&text, "1e30"), "events[0].value"), "{err}");

    assert!(dtao_sim::analysis::parse_param("tempo=1e30").is_err());
    assert!(dtao_sim::analysis::parse_param("tempo=100000001").is_err());
    let mut params = dtao_sim::economy::Params::default();
    let change = dtao_sim::transactions::ParamChange::Tempo(u64::MAX);
    assert!(dtao_sim::transactions::market::apply_param(&mut params, &Default::default(), change).is_err());
    assert_eq!(params.tempo, 360);

    let mut vector: dtao_sim::reference::RunVector =
        serde_json::from_str(&std::fs::read_to_string(repo_path("tests/reference/run_spot_small.json")).unwrap()).unwrap();
    vector.input.tempo = u64::MAX;
    let err = dtao_sim::reference::replay(&vector.input).unwrap_err();
    assert!(err.contains("input") && err.contains("tempo"), "{err}");
}

// 2
#[test]
fn an_agent_interval_beyond_the_limit_is_refused_and_one_at_the_limit_allocates_nothing_per_block() {
    let text = format!("{BASE}[[agents]]\nstrategy = \"noise\"\ninterval = 1000000000\n");
    let err = refused(&text);
    assert_eq!((err.line, err.field.as_str()), (line_of(&text, "interval"), "agents[0].interval"), "{err}");
    // At the limit it runs: turns are kept sparsely, not one slot per block of the interval.
    let genesis = accepted(&format!("{BASE}[[agents]]\nstrategy = \"noise\"\ninterval = 100000000\nfree_tao = 5\n"));
    run(&genesis, 20);
}

// 3
#[test]
fn huge_counts_are_refused_before_anything_is_built() {
    for (text, field) in [
        (BASE.replace("alpha = 100\n", "alpha = 100\nminers = 4294967295\n"), "subnets.miners"),
        (format!("{BASE}[[subnets.override]]\nnetuid = 1\nminers = 4000000000\n"), "subnets.override (SN1).miners"),
        (format!("{BASE}[[validators]]\nname = \"v\"\ncount = 4294967295\n"), "validators[0].count"),
        (format!("{BASE}[[agents]]\nstrategy = \"noise\"\ncount = 4294967295\n"), "agents[0].count"),
        (format!("{BASE}[[events]]\nblock = 1\nkind = \"register\"\nholder = \"a\"\nminers = 4000000000\n"), "events[0].miners"),
    ] {
        let err = refused(&text);
        assert_eq!(err.field, field, "{err}");
        assert!(err.message.contains("at most") || err.message.contains("from 1 to"), "{err}");
    }
    // Within each limit, but too many together (registrations repeated add their miners).
    let text = format!(
        "{BASE}[[events]]\nblock = 1\nkind = \"register\"\nholder = \"a\"\nminers = 10000\nevery = 1\ntimes = 1000\n"
    );
    let err = refused(&text);
    assert!(err.message.contains("holders in all"), "{err}");
}

// 4
#[test]
fn gui_without_a_display_says_so_instead_of_panicking() {
    let (ok, out) = dtao(&["gui", "scenarios/equal_start.toml"], &["DISPLAY", "WAYLAND_DISPLAY"]);
    assert!(!ok);
    assert!(out.contains("no display") && !out.contains("panicked"), "{out}");
}

const LIMITED: &str = r#"
title = "limit"
[rules]
subnet_limit = 3
immunity_period = 0
[subnets]
count = 3
tao = 100
alpha = 100
[[subnets.override]]
netuid = 1
tao = 3600
[[holders]]
name = "x"
free_tao = 10000
alpha = [{ netuid = 1, amount = 10 }, { netuid = 2, amount = 10 }]
"#;

// 5
#[test]
fn two_registrations_in_one_block_at_the_subnet_limit_keep_netuids_distinct_and_conserve() {
    let text = format!(
        "{LIMITED}[[events]]\nblock = 10\nkind = \"register\"\nholder = \"x\"\n[[events]]\nblock = 10\nkind = \"register\"\nholder = \"x\"\n"
    );
    let mut sim = run(&accepted(&text), 40);
    let mut netuids: Vec<u16> = sim.world_mut().query::<&Subnet>().iter(sim.world()).map(|s| s.netuid).collect();
    netuids.sort();
    assert_eq!(netuids, vec![1, 2, 3], "three distinct subnets");
    let log = sim.world().resource::<TxLog>();
    assert_eq!(log.script_results.iter().filter(|r| r.is_some()).count(), 2, "{:?}", log.refused);
    // Hundreds of registrations at a small limit: still exact.
    let text = format!("{LIMITED}[[events]]\nblock = 1\nkind = \"register\"\nholder = \"x\"\namount = 10\nevery = 1\ntimes = 300\n");
    run(&accepted(&text), 320);
}

// 6
#[test]
fn external_holders_are_refused_in_scenarios() {
    let text = BASE.replace("free_tao = 10\n", "free_tao = 0\nexternal = true\n");
    let err = refused(&text);
    assert_eq!((err.line, err.field.as_str()), (line_of(&text, "external"), "holders[0].external"), "{err}");
    assert!(err.message.contains("reference replays"), "{err}");
}

// 7
#[test]
fn holder_values_never_wrap_and_are_what_selling_would_return() {
    // A pool priced at two billion TAO per alpha: 1,000 alpha are worth at most its TAO.
    let text = "title = \"t\"\n[subnets]\ncount = 1\ntao = 20_000_000\nalpha = 0.01\n\
                [[holders]]\nname = \"rich\"\nfree_tao = 1\nalpha = [{ netuid = 1, amount = 1000 }]\n";
    let mut sim = run(&accepted(text), 1);
    let rows = sim.take_holder_samples();
    let rich = rows.iter().find(|r| r.name == "rich").unwrap();
    // At spot the position is "worth" 2·10¹² TAO, beyond 64 bits of RAO: kept exact, not wrapped.
    assert_eq!(rich.alpha_value, 2_000_000_000_000 * TAO as u128);
    assert_eq!(rich.total_value, (rich.free_tao + rich.root_stake) as u128 + rich.alpha_value);
    // Selling it would return at most the pool's TAO.
    assert_eq!(rich.exit_value, rich.free_tao + rich.root_stake + rich.alpha_exit_value);
    assert!(rich.alpha_exit_value <= 20_000_000 * TAO, "{rich:?}");
    assert!(rich.alpha_exit_value > 19_000_000 * TAO, "{rich:?}");
}

// 8
#[test]
fn replay_inputs_beyond_64_bits_are_refused_as_input() {
    let vector: dtao_sim::reference::RunVector =
        serde_json::from_str(&std::fs::read_to_string(repo_path("tests/reference/run_spot_small.json")).unwrap()).unwrap();
    let mut input = vector.input.clone();
    input.root_stake_rao = u64::MAX;
    let err = dtao_sim::reference::replay(&input).unwrap_err();
    assert!(err.starts_with("input") && !err.contains("conservation"), "{err}");
    let mut input = vector.input.clone();
    input.subnets[0].tao_rao = u64::MAX / 2;
    input.subnets[1].tao_rao = u64::MAX / 2;
    assert!(dtao_sim::reference::replay(&input).unwrap_err().contains("supply"));
    let mut input = vector.input;
    input.trades[0].amount_rao = u64::MAX;
    assert!(dtao_sim::reference::replay(&input).unwrap_err().contains("trades[0]"));
}

// 9
#[test]
fn an_immunity_period_that_would_wrap_is_refused() {
    let text = format!("{BASE}[rules]\nimmunity_period = 18446744073709551615\n");
    let err = refused(&text);
    assert_eq!((err.line, err.field.as_str()), (line_of(&text, "immunity"), "rules.immunity_period"), "{err}");
    // At the limit, the immune subnets are kept and the registration is refused.
    let text = LIMITED.replace("immunity_period = 0", "immunity_period = 100_000_000")
        + "[[events]]\nblock = 10\nkind = \"register\"\nholder = \"x\"\n";
    let sim = run(&accepted(&text), 20);
    let log = sim.world().resource::<TxLog>();
    assert_eq!(log.script_results, vec![None]);
    assert_eq!(log.refused[0].refused, Some(dtao_sim::economy::Refusal::SubnetLimit));
}

// 10
#[test]
fn event_repeats_that_would_pass_the_block_limit_are_refused_instead_of_wrapping() {
    let text = format!("{BASE}[[events]]\nblock = 10\nkind = \"stake\"\nholder = \"a\"\nnetuid = 1\namount = 1\nevery = 9223372036854775808\ntimes = 3\n");
    let err = refused(&text);
    assert_eq!(err.field, "events[0].every", "{err}");
    let text = format!("{BASE}[[events]]\nblock = 99999995\nkind = \"stake\"\nholder = \"a\"\nnetuid = 1\namount = 1\nevery = 5\ntimes = 3\n");
    let err = refused(&text);
    assert!(err.message.contains("block 100000000") || err.message.contains("beyond the limit"), "{err}");
    let text = format!("{BASE}[[events]]\nblock = 18446744073709551615\nkind = \"stake\"\nholder = \"a\"\nnetuid = 1\namount = 1\n");
    assert_eq!(refused(&text).field, "events[0].block");
}

// 11
#[test]
fn holder_names_the_simulator_gives_its_own_holders_are_refused() {
    for name in ["SN1 owner", "SN1 miner 1", "SN2 miner 3 (block 5)", "rest of network"] {
        let text = BASE.replace("count = 2\n", "count = 2\nminers = 1\nowners = true\n").replace("name = \"a\"", &format!("name = \"{name}\""));
        let err = refused(&text);
        assert_eq!(err.field, "holders[0].name", "{err}");
        assert!(err.message.contains("choose another"), "{err}");
    }
    let text = format!("{BASE}[[validators]]\nname = \"SN1 miner\"\ncount = 2\n");
    assert_eq!(refused(&text).field, "validators[0].name");
    // Names that only start like one are fine.
    accepted(&BASE.replace("name = \"a\"", "name = \"SN13 team\""));
}

// 12
#[test]
fn a_subnet_registered_under_spot_price_rules_keeps_a_moving_price() {
    let text = format!("{BASE}[[events]]\nblock = 0\nkind = \"register\"\nholder = \"a\"\namount = 5\n");
    let mut sim = run(&accepted(&text), 2_000);
    let young: Vec<f64> =
        sim.world_mut().query::<(&Subnet, &MovingPrice)>().iter(sim.world()).filter(|(s, _)| s.netuid == 3).map(|(_, m)| m.0).collect();
    assert_eq!(young.len(), 1);
    assert!(young[0] > 0.0, "the moving price of SN3 stayed {}", young[0]);
}

// 13
#[test]
fn fields_an_event_does_not_use_dangling_names_and_zero_repeats_are_refused() {
    let set = "[[events]]\nblock = 1\nkind = \"set\"\nparam = \"tao_weight\"\nvalue = 0.5\n";
    let text = format!("{BASE}{set}holder = \"a\"\n");
    let err = refused(&text);
    assert_eq!((err.line, err.field.as_str()), (text.lines().count(), "events[0].holder"), "{err}");
    assert!(err.message.contains("does not use `holder`"), "{err}");
    let text = format!("{BASE}[[events]]\nblock = 1\nkind = \"root_stake\"\nholder = \"a\"\namount = 1\nnetuid = 1\n");
    assert_eq!(refused(&text).field, "events[0].netuid");
    let text = format!("{BASE}[[events]]\nblock = 1\nkind = \"root_stake\"\nholder = \"a\"\namount = 1\nlimit_price = 2\n");
    assert_eq!(refused(&text).field, "events[0].limit_price");
    let text = format!("{BASE}[[events]]\nblock = 1\nkind = \"register\"\nholder = \"a\"\nnetuid = 1\n");
    assert_eq!(refused(&text).field, "events[0].netuid");
    let text = format!("{BASE}{set}times = 0\nevery = 5\n");
    assert_eq!(refused(&text).field, "events[0].times");
    // A root validator is resolved even without root stake.
    let text = BASE.replace("free_tao = 10\n", "free_tao = 10\nroot_validator = \"nobody\"\n");
    assert_eq!(refused(&text).field, "holders[0].root_validator");
}

// 13
#[test]
fn a_sniper_max_hold_beyond_the_limit_is_refused() {
    let text = format!("{BASE}[[agents]]\nstrategy = \"sniper\"\nmax_hold = 18446744073709551615\n");
    assert_eq!(refused(&text).field, "agents[0].max_hold");
    accepted(&format!("{BASE}[[agents]]\nstrategy = \"sniper\"\nmax_hold = 100000000\n"));
}

// 13
#[test]
fn miner_weights_adding_up_to_infinity_are_refused() {
    let text = format!("{BASE}[[subnets.override]]\nnetuid = 1\nminer_weights = [1e308, 1e308]\n");
    let err = refused(&text);
    assert_eq!(err.field, "subnets.override (SN1).miner_weights", "{err}");
}

// 13
#[test]
fn float_amounts_follow_the_same_nine_decimals_rule_as_strings() {
    let text = BASE.replace("free_tao = 10", "free_tao = 0.0000000001");
    let err = refused(&text);
    assert_eq!(err.field, "holders[0].free_tao");
    assert!(err.message.contains("more than 9 decimals"), "{err}");
    for (written, rao) in [("0.1", 100_000_000), ("1.000000001", 1_000_000_001), ("1234567.123456789", 1_234_567_123_456_789), ("1e3", 1_000 * TAO)] {
        let genesis = accepted(&BASE.replace("free_tao = 10", &format!("free_tao = {written}")));
        assert_eq!(genesis.holders.iter().find(|h| h.name == "a").unwrap().free_tao, rao, "{written}");
    }
}

// 13
#[test]
fn a_lock_too_small_for_a_pool_is_refused_by_check() {
    let text = format!("{BASE}[rules]\nlock_cost = 0\n");
    assert_eq!(refused(&text).field, "rules.lock_cost");
    let text = format!("{BASE}[[events]]\nblock = 1\nkind = \"register\"\nholder = \"a\"\namount = 0\n");
    let err = refused(&text);
    assert_eq!((err.line, err.field.as_str()), (line_of(&text, "amount = 0"), "events[0].amount"), "{err}");
}

// 13
#[test]
fn empty_validator_agent_and_subnet_names_are_refused() {
    assert_eq!(refused(&format!("{BASE}[[validators]]\nname = \"\"\n")).field, "validators[0].name");
    assert_eq!(refused(&format!("{BASE}[[agents]]\nstrategy = \"noise\"\nname = \" \"\n")).field, "agents[0].name");
    let text = format!("{BASE}[[events]]\nblock = 1\nkind = \"register\"\nholder = \"a\"\nname = \"\"\n");
    assert_eq!(refused(&text).field, "events[0].name");
}

// 14
#[test]
fn a_parameter_swept_twice_is_refused() {
    let err = dtao_sim::analysis::parse_params(&["tempo=10,20".into(), "tempo=30".into()]).unwrap_err();
    assert!(err.contains("given twice"), "{err}");
    assert_eq!(dtao_sim::analysis::parse_params(&["tempo=10,20".into(), "tao_weight=0.1".into()]).unwrap().len(), 2);
}

// 14
#[test]
fn zero_threads_and_zero_bench_blocks_are_refused_by_the_command_line() {
    let (ok, out) = dtao(&["sweep", "scenarios/equal_start.toml", "--threads", "0", "--blocks", "1"], &[]);
    assert!(!ok && out.contains("--threads"), "{out}");
    let (ok, out) = dtao(&["bench", "--blocks", "0", "--subnets", "1"], &[]);
    assert!(!ok && out.contains("--blocks") && !out.contains("inf ns"), "{out}");
    let (ok, out) = dtao(&["run", "scenarios/equal_start.toml", "--blocks", "100000001"], &[]);
    assert!(!ok && out.contains("--blocks"), "{out}");
}

// 15
#[test]
fn refusals_name_their_own_line_and_field() {
    let text = format!("{BASE}[[events]]\nblock = 1\nkind = \"stake\"\nnetuid = 1\namount = 1\n");
    let err = refused(&text);
    assert_eq!((err.line, err.field.as_str()), (line_of(&text, "kind = \"stake\""), "events[0].holder"), "{err}");
    let text = format!("{BASE}[[events]]\nblock = 1\nkind = \"set\"\nvalue = 1\n");
    let err = refused(&text);
    assert_eq!((err.line, err.field.as_str()), (line_of(&text, "kind = \"set\""), "events[0].param"), "{err}");
    let text = format!("{BASE}[chain]\nissuance = 22_000_000\n");
    let err = refused(&text);
    assert_eq!((err.line, err.field.as_str()), (line_of(&text, "issuance"), "chain.issuance"), "{err}");
    let deep = format!("{BASE}{} = 1\n", vec!["a"; 200].join("."));
    let err = refused(&deep);
    assert_eq!(err.line, line_of(&deep, "a.a.a"), "{err}");
    assert!(!err.message.trim().eq("recursion limit"), "{err}");
    // A syntax error still names the field of its line.
    let text = format!("{BASE}[[events]]\nblock = 1\nblock = 2\n");
    let err = refused(&text);
    assert_eq!((err.line, err.field.as_str()), (line_of(&text, "block = 2"), "events[0].block"), "{err}");
    let err = refused("[subnets]\ncount = 1\ntao = 1\nalpha = 1\n");
    assert_eq!(err.field, "title", "{err}");
}

// 16
#[test]
fn a_trade_into_a_subnet_a_register_event_creates_runs_once_it_exists() {
    let text = format!(
        "{BASE}[[holders]]\nname = \"team\"\nfree_tao = 3000\n\
         [[events]]\nblock = 3\nkind = \"stake\"\nholder = \"team\"\nnetuid = 3\namount = 10\n\
         [[events]]\nblock = 5\nkind = \"register\"\nholder = \"team\"\n\
         [[events]]\nblock = 5\nkind = \"stake\"\nholder = \"team\"\nnetuid = 3\namount = 10\n\
         [[events]]\nblock = 6\nkind = \"unstake\"\nholder = \"team\"\nnetuid = 3\namount = \"all\"\n"
    );
    let sim = run(&accepted(&text), 10);
    let log = sim.world().resource::<TxLog>();
    assert_eq!(log.script_results[0], None, "before the registration there is no SN3");
    assert_eq!(log.refused[0].reason.as_deref(), Some("no such subnet"));
    assert_eq!(log.script_results[1], Some(3), "registered as SN3");
    assert!(log.script_results[2].is_some() && log.script_results[3].is_some(), "{:?}", log.refused);
    // Beyond what registrations can create, check refuses with the reason.
    let err = refused(&text.replace("netuid = 3\namount = 10\n[[events]]\nblock = 5", "netuid = 4\namount = 10\n[[events]]\nblock = 5"));
    assert!(err.message.contains("up to 3 once the scenario's registrations have run"), "{err}");
}

// 17
#[test]
fn holder_start_values_are_taken_before_block_zero_events() {
    let text = format!("{BASE}[[holders]]\nname = \"team\"\nfree_tao = 1500\n[[events]]\nblock = 0\nkind = \"register\"\nholder = \"team\"\n");
    let mut sim = run(&accepted(&text), 1);
    let rows = sim.take_holder_samples();
    let team: Vec<_> = rows.iter().filter(|r| r.name == "team").collect();
    assert_eq!(team.len(), 1, "{rows:?}");
    assert_eq!((team[0].block, team[0].exit_value), (0, 1_500 * TAO));
    assert_eq!(sim.world().resource::<TxLog>().script_results, vec![Some(3)]);
}

// 18
#[test]
fn amounts_may_be_all_or_a_percentage_of_what_the_holder_has() {
    let text = BASE.replace("free_tao = 10\n", "free_tao = 1000\n")
        + "[[events]]\nblock = 1\nkind = \"stake\"\nholder = \"a\"\nnetuid = 1\namount = \"50%\"\n\
           [[events]]\nblock = 2\nkind = \"unstake\"\nholder = \"a\"\nnetuid = 1\namount = \"all\"\n\
           [[events]]\nblock = 3\nkind = \"root_stake\"\nholder = \"a\"\namount = \"all\"\n\
           [[events]]\nblock = 4\nkind = \"root_unstake\"\nholder = \"a\"\namount = \"12.5%\"\n";
    let genesis = accepted(&text);
    let mut sim = Simulation::new(&genesis);
    sim.run(3);
    let free_after_stake = |sim: &mut Simulation| {
        let id = sim.world().resource::<dtao_sim::world::Directory>().holder_id("a").unwrap();
        let e = sim.world().resource::<dtao_sim::world::Directory>().holder(id).unwrap();
        (id, sim.world().get::<dtao_sim::world::Wallet>(e).unwrap().free_tao)
    };
    let (id, _) = free_after_stake(&mut sim);
    let log = sim.world().resource::<TxLog>();
    let stake = &log.script_results;
    assert!(stake[0].is_some() && stake[1].is_some(), "{:?}", log.refused);
    let ledger = sim.world().resource::<dtao_sim::world::Ledger>();
    assert_eq!(ledger.holder_alpha(1, id), 0, "unstake all leaves nothing");
    sim.run(1);
    let (_, free) = free_after_stake(&mut sim);
    assert_eq!(free, 0, "root_stake all");
    let root = sim.world().resource::<dtao_sim::world::Ledger>().root.holder_total(id);
    sim.run(1);
    let (_, free) = free_after_stake(&mut sim);
    assert_eq!(free, root / 8, "root_unstake 12.5%");
    sim.audit().unwrap();
    for (amount, needle) in [("\"150%\"", "more than 100%"), ("\"0%\"", "more than 0%"), ("\"some\"", "not a decimal")] {
        let text = format!("{BASE}[[events]]\nblock = 1\nkind = \"stake\"\nholder = \"a\"\nnetuid = 1\namount = {amount}\n");
        let err = refused(&text);
        assert!(err.field == "events[0].amount" && err.message.contains(needle), "{err}");
    }
    let text = format!("{BASE}[[events]]\nblock = 1\nkind = \"register\"\nholder = \"a\"\namount = \"all\"\n");
    assert_eq!(refused(&text).field, "events[0].amount");
}

#[test]
fn a_half_stake_takes_exactly_half_of_the_free_tao() {
    let text = BASE.replace("free_tao = 10\n", "free_tao = 1000.000000001\n")
        + "[[events]]\nblock = 1\nkind = \"stake\"\nholder = \"a\"\nnetuid = 1\namount = \"50%\"\n";
    let sim = run(&accepted(&text), 3);
    let log = sim.world().resource::<TxLog>();
    let report = log.last.as_ref().unwrap();
    assert_eq!(report.order.action, dtao_sim::transactions::Action::Stake { netuid: 1, tao: 500 * TAO });
}

/// The keys of `mainnet-2026-08` scenarios: each bad value is refused at its place, and a
/// `set` of a subnet's setting needs its netuid.
#[test]
fn chain_era_keys_are_checked_where_they_are_written() {
    let base = |extra: &str| format!("{BASE}[rules]\npreset = \"mainnet-2026-08\"\n{extra}");
    let cases: [(&str, &str, &str); 8] = [
        ("[[subnets.override]]\nnetuid = 1\npool_weight_tao = \"0.995\"\n", "pool_weight_tao", "0.01 to 0.99"),
        ("[[subnets.override]]\nnetuid = 1\npool_weight_tao = \"half\"\n", "pool_weight_tao", "not a non-negative decimal"),
        ("[[subnets.override]]\nnetuid = 1\nminer_burned = 1.5\n", "miner_burned", "from 0 to 1"),
        ("[[subnets.override]]\nnetuid = 1\nalpha_outstanding = 5\nprotocol_alpha = 6\n", "alpha_outstanding", "exceed"),
        ("[chain]\nstart_block = 1000\n[[events]]\nblock = 999\nkind = \"set\"\nparam = \"tao_weight\"\nvalue = 0.2\n", "events[0].block", "before the scenario's start_block 1000"),
        ("[[events]]\nblock = 5\nkind = \"set\"\nparam = \"miner_burned\"\nvalue = 0.5\n", "events[0].netuid", "give `netuid`"),
        ("[[events]]\nblock = 5\nkind = \"set\"\nparam = \"miner_burned\"\nnetuid = 9\nvalue = 0.5\n", "events[0].netuid", "does not exist"),
        ("[[events]]\nblock = 5\nkind = \"set\"\nparam = \"emission_enabled\"\nnetuid = 1\nvalue = 2\n", "events[0].value", "1 (on) or 0 (off)"),
    ];
    for (extra, field, message) in cases {
        let text = base(extra);
        let err = refused(&text);
        assert!(err.field.contains(field) && err.to_string().contains(message), "{extra}: {err}");
    }
    // The good ones run, with exact conservation.
    let good = accepted(&base(
        "[chain]\nstart_block = 1000\n[[subnets.override]]\nnetuid = 1\npool_weight_tao = \"0.4\"\nminer_burned = 0.25\nalpha_outstanding = 50\nprotocol_alpha = 5\n\
         [[events]]\nblock = 1003\nkind = \"set\"\nparam = \"miner_burned\"\nnetuid = 2\nvalue = 1\n",
    ));
    assert_eq!(good.start_block, 1000);
    assert_eq!(good.events[0].0, 3, "absolute block 1003 is the run's fourth block");
    let mut sim = Simulation::new(&good);
    sim.run(800);
    sim.audit().unwrap();
    assert_eq!(sim.world().resource::<TxLog>().refused_count, 0);
}

/// The scenario key `compare`: known rule sets, two or more, none twice.
#[test]
fn the_compare_key_names_two_or_more_known_rule_sets() {
    let with = |list: &str| format!("compare = {list}\n{BASE}");
    for (list, message) in [
        ("[\"bit001\"]", "two or more"),
        ("[\"bit001\", \"mainnet-2099\"]", "unknown rule set \"mainnet-2099\""),
        ("[\"bit001\", \"bit001\"]", "listed twice"),
    ] {
        let err = refused(&with(list));
        assert!(err.field.starts_with("compare") && err.to_string().contains(message), "{list}: {err}");
    }
    let good = accepted(&with("[\"bit001\", \"mainnet-2026-08\"]"));
    assert_eq!(good.compare, [dtao_sim::economy::RuleSet::Bit001, dtao_sim::economy::RuleSet::Mainnet2026_08]);
}

#[test]
fn spotlight_names_existing_subnets_a_first_block_pause_is_refused_and_braces_escape() {
    let with = |top: &str, tail: &str| BASE.replace("title = \"t\"\n", &format!("title = \"t\"\n{top}")) + tail;
    let text = with("spotlight = [2, 7]\n", "");
    let err = refused(&text);
    assert_eq!((err.line, err.field.as_str()), (line_of(&text, "spotlight"), "spotlight[1]"), "{err}");
    assert!(err.message.contains("no subnet 7"), "{err}");
    let err = refused(&with("spotlight = [2, 2]\n", ""));
    assert!(err.message.contains("twice"), "{err}");
    assert_eq!(accepted(&with("spotlight = [2]\n", "")).spotlight, [2]);

    let text = with("", "[[captions]]\nblock = 0\ntext = \"start\"\npause = true\n");
    let err = refused(&text);
    assert_eq!(err.field, "captions[0].pause", "{err}");
    assert!(err.message.contains("first block"), "{err}");

    // "{{" and "}}" are braces; a caption's subnets are those it names.
    let genesis = accepted(&with("", "[[captions]]\nblock = 5\ntext = \"a set {{SN2}} and {share:1}\"\n"));
    assert_eq!(genesis.captions[0].text, "a set {SN2} and {share:1}");
    assert_eq!(genesis.captions[0].subnets, [1, 2]);
    let sim = run(&genesis, 7);
    let book = sim.world().resource::<dtao_sim::metrics::ClaimBook>();
    let shown = book.text(0).unwrap();
    assert!(shown.starts_with("a set {SN2} and ") && shown.ends_with('%') && !shown.contains("share:"), "{shown}");
}
