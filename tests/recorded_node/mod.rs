//! A recorded Subtensor node: a local JSON-RPC server (HTTP through tiny_http, WebSocket
//! through tungstenite) answering from the raw SCALE storage of block 8,789,719
//! (`tests/reference/parity_b8789720.txt`, transcribed from the NoBSRecruiter capture
//! `emission_parity/b8789720.json`, spec 443, block hash as captured), so that `import
//! --rpc` can be tested without the network.
//!
//! The transcription leaves out four per-netuid items the importer reads. They are served
//! from the 2026-08-07 snapshot (`mainnet_2026-08-07.csv`, 1,533 blocks later; no subnet
//! was registered in between, the last registration being at 8,762,380):
//! `FirstEmissionBlockNumber` and `NetworkRegisteredAt` (equal to the capture's raw values
//! where compared: SN1, SN15, SN16, SN26), `Tempo` and the names (`SubnetIdentitiesV3`,
//! name only). `SubnetProtocolAlpha` is not served (it reads as 0). None of these enters
//! the coinbase of the next block.

use dtao_sim::scenario::chain_state::keys::{self, hex0x, Item};
use parity_scale_codec::{Compact, Encode};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::io::Read;
use std::net::TcpListener;

pub const BLOCK: u64 = 8_789_719;
pub const HASH: &str = "0x79d051c58cfa29a575622ef9d96a4b41f6d834ce8e97e249c4686e61477c398f";
const RAW: &str = include_str!("../reference/parity_b8789720.txt");
const CSV: &str = include_str!("../reference/mainnet_2026-08-07.csv");

/// Key → value, both `0x…` hex; a `None` value is a key the node has no value for.
pub type Recorded = BTreeMap<String, Option<String>>;

/// How the node misbehaves, if it does.
#[derive(Clone, Debug, Default)]
pub struct Behaviour {
    /// `specName` of `state_getRuntimeVersion` (and of `System.LastRuntimeUpgrade`).
    pub spec_name: Option<String>,
    pub spec_version: Option<u32>,
    /// Answer every request with this text instead.
    pub garbage: Option<String>,
    /// Refuse `state_queryStorageAt` as an unknown method (some nodes do).
    pub no_query_storage_at: bool,
}

/// One recorded item line of the transcription: `ITEM v0 v1 …`, values per netuid.
fn line(item: &str) -> Vec<&'static str> {
    let l = RAW.lines().find(|l| l.split(' ').next() == Some(item)).unwrap_or_else(|| panic!("{item} not in the transcription"));
    l.split(' ').skip(1).collect()
}

/// A transcribed value (trailing zero bytes cut) padded back to its type's `width`.
fn padded(v: &str, width: usize) -> Option<String> {
    match v {
        "-" => None,
        "0" => Some(hex0x(&vec![0u8; width])),
        hex => {
            let mut bytes = hex::decode(hex).unwrap();
            assert!(bytes.len() <= width, "{hex} is wider than {width} bytes");
            bytes.resize(width, 0);
            Some(hex0x(&bytes))
        }
    }
}

/// The expected emissions of block 8,789,720 by netuid: (tao_in, excess, alpha_in), RAO.
pub fn expected() -> BTreeMap<u16, (u64, u64, u64)> {
    let num = |v: &str| padded(v, 8).map_or(0, |h| u64::from_le_bytes(hex::decode(&h[2..]).unwrap().try_into().unwrap()));
    let (t, e, a) = (line("TaoInEmission_n"), line("ExcessTao_n"), line("AlphaInEmission_n"));
    (1..t.len()).filter(|&i| t[i] != "-").map(|i| (i as u16, (num(t[i]), num(e[i]), num(a[i])))).collect()
}

/// The node's storage at block 8,789,719.
pub fn recorded() -> Recorded {
    let mut s = Recorded::new();
    let mut put = |key: Vec<u8>, value: Option<String>| {
        s.insert(hex0x(&key), value);
    };
    let per_netuid = [
        ("SubnetEmissionEnabled", keys::SUBNET_EMISSION_ENABLED, 1),
        ("SubnetMovingPrice", keys::SUBNET_MOVING_PRICE, 16),
        ("MinerBurned", keys::MINER_BURNED, 16),
        ("SubnetTAO", keys::SUBNET_TAO, 8),
        ("SubnetAlphaIn", keys::SUBNET_ALPHA_IN, 8),
        ("SubnetAlphaOut", keys::SUBNET_ALPHA_OUT, 8),
        ("SwapBalancer", keys::SWAP_BALANCER, 8),
    ];
    for (name, item, width) in per_netuid {
        for (n, v) in line(name).into_iter().enumerate() {
            put(item.key_of(n as u16), padded(v, width));
        }
    }
    let globals: [(Item, &str, usize); 5] = [
        (keys::SUBNET_MOVING_ALPHA, "2aa913", 16),
        (keys::EMISSION_GATE_BAR, "42327afe805f1b02", 16),
        (keys::TAO_WEIGHT, "7a14ae47e17a142e", 8),
        (keys::TOTAL_ISSUANCE, "0d9e93a9efcf27", 8),
        (keys::SYSTEM_NUMBER, "d71e86", 4),
    ];
    for (item, v, width) in globals {
        put(item.key(), padded(v, width));
    }
    put(keys::LAST_RUNTIME_UPGRADE.key(), Some(hex0x(&(Compact(443u32), "node-subtensor").encode())));
    for n in 0u16..=128 {
        put(keys::NETWORKS_ADDED.key_of(n), Some("0x01".into()));
        put(keys::NETWORK_REGISTRATION_ALLOWED.key_of(n), Some("0x01".into()));
        if n != 86 {
            put(keys::SUBTOKEN_ENABLED.key_of(n), Some("0x01".into()));
            if n > 0 {
                put(keys::BALANCER_TAO_RESERVOIR.key_of(n), Some(hex0x(&0u64.encode())));
                put(keys::BALANCER_ALPHA_RESERVOIR.key_of(n), Some(hex0x(&0u64.encode())));
            }
        }
    }
    let mut rows = csv::Reader::from_reader(CSV.as_bytes());
    let headers = rows.headers().unwrap().clone();
    for row in rows.records() {
        let row = row.unwrap();
        let cell = |name: &str| row.get(headers.iter().position(|h| h == name).unwrap()).unwrap();
        let n: u16 = cell("netuid").parse().unwrap();
        if let Ok(first) = cell("first_emission_block").parse::<u64>() {
            put(keys::FIRST_EMISSION_BLOCK_NUMBER.key_of(n), Some(hex0x(&first.encode())));
        }
        put(keys::NETWORK_REGISTERED_AT.key_of(n), Some(hex0x(&cell("registered_at_block").parse::<u64>().unwrap().encode())));
        put(keys::TEMPO.key_of(n), Some(hex0x(&cell("tempo").parse::<u16>().unwrap().encode())));
        let identity = (cell("name").as_bytes().to_vec(), [Vec::<u8>::new(), vec![], vec![], vec![], vec![], vec![], vec![]]);
        put(keys::SUBNET_IDENTITIES_V3.key_of(n), Some(hex0x(&identity.encode())));
    }
    s
}

/// The answer to one JSON-RPC request.
pub fn answer(storage: &Recorded, how: &Behaviour, body: &str) -> String {
    if let Some(text) = &how.garbage {
        return text.clone();
    }
    let request: Value = serde_json::from_str(body).unwrap_or(Value::Null);
    let (id, params) = (request["id"].clone(), &request["params"]);
    let ok = |result: Value| json!({"jsonrpc": "2.0", "id": id, "result": result}).to_string();
    let at_our_block = |p: &Value| p.is_null() || p.as_str() == Some(HASH);
    match request["method"].as_str().unwrap_or("") {
        "chain_getFinalizedHead" => ok(json!(HASH)),
        "chain_getBlockHash" => ok(if params[0].as_u64() == Some(BLOCK) { json!(HASH) } else { Value::Null }),
        "chain_getHeader" if at_our_block(&params[0]) => ok(json!({"number": format!("0x{BLOCK:x}"), "parentHash": "0x00"})),
        "chain_getHeader" => ok(Value::Null),
        "state_getRuntimeVersion" => ok(json!({
            "specName": how.spec_name.clone().unwrap_or("node-subtensor".into()),
            "specVersion": how.spec_version.unwrap_or(443),
            "transactionVersion": 1,
        })),
        "state_getKeysPaged" => {
            let prefix = params[0].as_str().unwrap_or("");
            let count = params[1].as_u64().unwrap_or(0) as usize;
            let start = params[2].as_str().unwrap_or("");
            let found: Vec<&String> = storage.iter().filter(|(k, v)| k.starts_with(prefix) && k.as_str() > start && v.is_some()).map(|(k, _)| k).take(count).collect();
            ok(json!(found))
        }
        "state_queryStorageAt" if !how.no_query_storage_at => {
            let asked = params[0].as_array().cloned().unwrap_or_default();
            let changes: Vec<Value> = asked.iter().map(|k| json!([k, storage.get(k.as_str().unwrap_or("")).cloned().flatten()])).collect();
            ok(json!([{"block": HASH, "changes": changes}]))
        }
        "state_getStorage" => ok(json!(storage.get(params[0].as_str().unwrap_or("")).cloned().flatten())),
        m => json!({"jsonrpc": "2.0", "id": id, "error": {"code": -32601, "message": format!("Method not found: {m}")}}).to_string(),
    }
}

/// Serves `storage` over HTTP on a free local port; returns the URL.
pub fn serve_http(storage: Recorded, how: Behaviour) -> String {
    let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
    let port = server.server_addr().to_ip().unwrap().port();
    std::thread::spawn(move || {
        for mut request in server.incoming_requests() {
            let mut body = String::new();
            request.as_reader().read_to_string(&mut body).unwrap();
            let reply = tiny_http::Response::from_string(answer(&storage, &how, &body));
            let _ = request.respond(reply);
        }
    });
    format!("http://127.0.0.1:{port}")
}

/// Serves `storage` over WebSocket on a free local port; returns the URL.
pub fn serve_ws(storage: Recorded, how: Behaviour) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut socket) = tungstenite::accept(stream.unwrap()) else { continue };
            while let Ok(message) = socket.read() {
                if let tungstenite::Message::Text(text) = message {
                    let reply = answer(&storage, &how, text.as_str());
                    if socket.send(tungstenite::Message::text(reply)).is_err() {
                        break;
                    }
                }
            }
        }
    });
    format!("ws://127.0.0.1:{port}")
}

/// A port that accepts connections and never answers.
pub fn serve_silence() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming() {
            held.push(stream);
        }
    });
    format!("http://127.0.0.1:{port}")
}
