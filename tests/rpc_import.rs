//! `dtao-sim import --rpc` against a recorded node (block 8,789,719, spec 443; see
//! `recorded_node`): the imported scenario's first block reproduces what the chain wrote in
//! block 8,789,720 to the RAO for every emitting subnet, over HTTP, over WebSocket and from
//! a saved storage dump; and an unreachable, silent, foreign or broken node, a missing or
//! undecodable item and a bad dump each give a message, not a panic.

mod recorded_node;

use dtao_sim::scenario::chain_state::keys;
use recorded_node::{Behaviour, Recorded, BLOCK, HASH};
use std::path::Path;
use std::process::Command;

/// Runs `dtao-sim ARGS`: (success, stdout, stderr).
fn dtao(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_dtao-sim")).args(args).output().unwrap();
    (out.status.success(), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

fn import(args: &[&str], out: &Path) -> (bool, String, String) {
    let mut all: Vec<&str> = vec!["import"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--out", out.to_str().unwrap()]);
    dtao(&all)
}

/// Runs the scenario's first block and counts the subnets whose tao_in, excess and alpha_in
/// are the chain's to the RAO; asserts every one is.
fn first_block_matches_the_chain(scenario: &Path) -> usize {
    let text = std::fs::read_to_string(scenario).unwrap();
    let genesis = dtao_sim::scenario::resolve(&dtao_sim::scenario::parse(&text, "imported.toml").unwrap()).unwrap();
    assert_eq!(genesis.start_block, BLOCK + 1);
    let mut sim = dtao_sim::Simulation::new(&genesis);
    sim.sample_every(1);
    sim.run(1);
    let expected = recorded_node::expected();
    let mut exact = 0;
    for s in sim.take_samples().subnets {
        let Some(&(tao_in, excess, alpha_in)) = expected.get(&s.netuid) else {
            assert_eq!((s.netuid, s.tao_in, s.excess_tao, s.alpha_in), (86, 0, 0, 0), "only SN86 has no record: it never started");
            continue;
        };
        assert_eq!((s.tao_in, s.excess_tao, s.alpha_in), (tao_in, excess, alpha_in), "SN{}: (tao_in, excess, alpha_in)", s.netuid);
        exact += 1;
    }
    sim.audit().unwrap();
    exact
}

#[test]
fn an_import_over_http_runs_block_8789720_as_the_chain_did_and_its_dump_does_too() {
    let url = recorded_node::serve_http(recorded_node::recorded(), Behaviour::default());
    let dir = tempfile::tempdir().unwrap();
    let (toml, dump) = (dir.path().join("chain.toml"), dir.path().join("storage.json"));
    let (ok, stdout, stderr) = import(&["--rpc", &url, "--save-storage", dump.to_str().unwrap()], &toml);
    assert!(ok, "{stderr}");
    println!("{stdout}");
    assert!(stdout.contains("read 2201 storage keys in 22 requests"), "{stdout}");
    assert!(stdout.contains("at block 8789719, runtime spec 443"), "{stdout}");
    assert!(stdout.contains("128 subnets at block 8789719 (run starts at 8789720), runtime spec 443 under rule set mainnet-2026-08"), "{stdout}");
    assert!(!stderr.contains("warning"), "{stderr}");
    let text = std::fs::read_to_string(&toml).unwrap();
    assert!(text.contains(&format!("the chain at the end of block 8789719 ({HASH})")), "the block hash is recorded");
    assert!(text.contains("preset = \"mainnet-2026-08\"") && text.contains("spec_version = 443"));
    assert!(text.contains("name = \"Apex\""), "names come from SubnetIdentitiesV3");
    assert_eq!(first_block_matches_the_chain(&toml), 127);

    println!("storage dump: {} bytes", std::fs::metadata(&dump).unwrap().len());
    // The dump imports offline to the same scenario (but for the command in its header).
    let again = dir.path().join("again.toml");
    let (ok, stdout, stderr) = import(&["--storage", dump.to_str().unwrap()], &again);
    assert!(ok, "{stderr}");
    assert!(stdout.contains("under rule set mainnet-2026-08"), "{stdout}");
    let body = |t: &str| t.lines().skip(1).collect::<Vec<_>>().join("\n");
    assert_eq!(body(&std::fs::read_to_string(&again).unwrap()), body(&text));
    assert_eq!(first_block_matches_the_chain(&again), 127);
}

#[test]
fn an_import_over_websocket_at_a_block_number_reads_the_same_state() {
    let url = recorded_node::serve_ws(recorded_node::recorded(), Behaviour::default());
    let dir = tempfile::tempdir().unwrap();
    let toml = dir.path().join("ws.toml");
    let (ok, stdout, stderr) = import(&["--rpc", &url, "--at", "8_789_719"], &toml);
    assert!(ok, "{stderr}");
    assert!(stdout.contains("at block 8789719"), "{stdout}");
    assert_eq!(first_block_matches_the_chain(&toml), 127);
}

#[test]
fn a_node_without_query_storage_at_is_read_key_by_key() {
    let how = Behaviour { no_query_storage_at: true, ..Default::default() };
    let url = recorded_node::serve_http(recorded_node::recorded(), how);
    let dir = tempfile::tempdir().unwrap();
    let toml = dir.path().join("slow.toml");
    let (ok, stdout, stderr) = import(&["--rpc", &url, "--at", HASH], &toml);
    assert!(ok, "{stderr}");
    assert!(stdout.contains("in 2205 requests"), "one state_getStorage per key: {stdout}");
    assert_eq!(first_block_matches_the_chain(&toml), 127);
}

#[test]
fn an_unknown_spec_warns_and_names_the_rule_set_it_chose() {
    let how = Behaviour { spec_version: Some(400), ..Default::default() };
    let mut storage = recorded_node::recorded();
    storage.insert(keys::hex0x(&keys::LAST_RUNTIME_UPGRADE.key()), Some(keys::hex0x(&parity_scale_codec::Encode::encode(&(parity_scale_codec::Compact(400u32), "node-subtensor")))));
    let url = recorded_node::serve_http(storage, how);
    let dir = tempfile::tempdir().unwrap();
    let (ok, stdout, stderr) = import(&["--rpc", &url], &dir.path().join("old.toml"));
    assert!(ok, "{stderr}");
    assert!(stderr.contains("warning: runtime spec 400 is outside every spec the simulator has rules for; using the nearest, mainnet-2026-08 (spec 443)"), "{stderr}");
    assert!(stdout.contains("runtime spec 400 under rule set mainnet-2026-08"), "{stdout}");
}

/// Imports from a node that answers from `storage` as `how` says, expecting a failure.
fn refused(storage: Recorded, how: Behaviour) -> String {
    let url = recorded_node::serve_http(storage, how);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("never.toml");
    let (ok, _, stderr) = import(&["--rpc", &url], &out);
    assert!(!ok && !out.exists(), "refused, and nothing written");
    assert!(!stderr.contains("panicked"), "{stderr}");
    stderr
}

#[test]
fn a_node_that_is_down_or_silent_is_named_with_the_reason() {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let dir = tempfile::tempdir().unwrap();
    for scheme in ["http", "ws"] {
        let (ok, _, stderr) = import(&["--rpc", &format!("{scheme}://127.0.0.1:{port}")], &dir.path().join("x.toml"));
        assert!(!ok && stderr.contains("cannot reach the node") && stderr.contains("refused"), "{scheme}: {stderr}");
    }
    let silent = recorded_node::serve_silence();
    let (ok, _, stderr) = import(&["--rpc", &silent, "--timeout", "1"], &dir.path().join("x.toml"));
    assert!(!ok && stderr.contains("chain_getFinalizedHead: no answer within the timeout"), "{stderr}");
    let (ok, _, stderr) = import(&["--rpc", "ftp://127.0.0.1:1"], &dir.path().join("x.toml"));
    assert!(!ok && stderr.contains("expected http://, https://, ws:// or wss://"), "{stderr}");
}

#[test]
fn a_node_of_another_chain_or_that_answers_garbage_is_refused() {
    let polkadot = Behaviour { spec_name: Some("polkadot".into()), spec_version: Some(1_003_000), ..Default::default() };
    let e = refused(recorded_node::recorded(), polkadot);
    assert!(e.contains("is not a Subtensor node: its runtime is \"polkadot\" (spec 1003000), not \"node-subtensor\""), "{e}");
    let e = refused(recorded_node::recorded(), Behaviour { garbage: Some("<html>502 Bad Gateway</html>".into()), ..Default::default() });
    assert!(e.contains("answered chain_getFinalizedHead with something that is not a JSON-RPC answer: \"<html>502 Bad Gateway</html>\""), "{e}");
    let e = refused(recorded_node::recorded(), Behaviour { garbage: Some(r#"{"jsonrpc":"2.0","id":1,"result":42}"#.into()), ..Default::default() });
    assert!(e.contains("answered the block hash with 42"), "{e}");
    // A Substrate chain without the SubtensorModule.
    let mut bare = recorded_node::recorded();
    bare.retain(|k, _| !k.starts_with(&keys::hex0x(&keys::NETWORKS_ADDED.prefix())));
    let e = refused(bare, Behaviour::default());
    assert!(e.contains("has no SubtensorModule.NetworksAdded entries at block 8789719"), "{e}");
}

#[test]
fn a_missing_or_undecodable_item_is_named_with_its_key() {
    let key = keys::hex0x(&keys::SUBNET_TAO.key_of(5));
    let mut storage = recorded_node::recorded();
    storage.insert(key.clone(), None);
    let e = refused(storage, Behaviour::default());
    assert!(e.contains(&format!("SubtensorModule.SubnetTAO[5] (key {key}) is missing at block 8789719")), "{e}");
    let mut storage = recorded_node::recorded();
    storage.insert(key.clone(), Some("0x010203".into()));
    let e = refused(storage, Behaviour::default());
    assert!(e.contains(&format!("SubtensorModule.SubnetTAO[5] (key {key}) at block 8789719: cannot be read as u64")), "{e}");
    let reservoir = keys::hex0x(&keys::BALANCER_TAO_RESERVOIR.key_of(7));
    let mut storage = recorded_node::recorded();
    storage.insert(reservoir.clone(), Some(keys::hex0x(&5_000u64.to_le_bytes())));
    let e = refused(storage, Behaviour::default());
    assert!(e.contains(&format!("Swap.BalancerTaoReservoir[7] (key {reservoir}) at block 8789719: holds 5000 RAO")), "{e}");
}

#[test]
fn bad_dumps_and_bad_arguments_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.toml");
    let dump = dir.path().join("bad.json");
    std::fs::write(&dump, "[{\"block\": \"0x00\", \"changes\": [[\"0x01\"]]}]").unwrap();
    let (ok, _, stderr) = import(&["--storage", dump.to_str().unwrap()], &out);
    assert!(!ok && stderr.contains("bad.json: change set 0: changes[0]: expected [key, value]"), "{stderr}");
    std::fs::write(&dump, "[{\"block\": \"0x00\", \"changes\": []}]").unwrap();
    let (ok, _, stderr) = import(&["--storage", dump.to_str().unwrap()], &out);
    assert!(!ok && stderr.contains("System.Number (key 0x26aa394eea5630e07c48ae0c9558cef702a5c1b19ab7a04f536c519aca4983ac) is missing"), "{stderr}");
    let (ok, _, stderr) = import(&["--rpc", "http://127.0.0.1:1", "--at", "0x12"], &out);
    assert!(!ok && stderr.contains("is not a block hash"), "{stderr}");
    let (ok, _, stderr) = dtao(&["import", "--save-storage", "x.json", "--storage", "y.json"]);
    assert!(!ok && stderr.contains("--at and --save-storage go with --rpc URL"), "{stderr}");
    assert!(!out.exists());
}
