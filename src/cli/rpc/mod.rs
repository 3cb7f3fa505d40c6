//! Reading the state `import --rpc` needs from a Subtensor node over the standard Substrate
//! JSON-RPC: the block (`chain_getFinalizedHead` or `chain_getBlockHash`, then
//! `chain_getHeader`), the runtime (`state_getRuntimeVersion`), the netuids
//! (`state_getKeysPaged` over `NetworksAdded`) and every item's value at that block
//! (`state_queryStorageAt` in batches, or `state_getStorage` key by key where a node lacks
//! it). What is read is raw storage; decoding is [`crate::scenario::chain_state`]'s.

pub mod transport;

use crate::scenario::chain_state::{keys, Storage, SUBTENSOR_SPEC_NAME};
use indicatif::{ProgressBar, ProgressStyle};
use serde_json::{json, Value};
use std::time::Duration;
use transport::{CallError, Node, METHOD_NOT_FOUND};

/// Keys per `state_queryStorageAt` request.
const BATCH: usize = 128;
/// Keys per `state_getKeysPaged` page.
const PAGE: usize = 1000;

/// Which block to read.
#[derive(Clone, Debug, PartialEq)]
pub enum At {
    Number(u32),
    Hash(String),
}

impl std::str::FromStr for At {
    type Err = String;
    fn from_str(text: &str) -> Result<At, String> {
        let t = text.trim();
        if let Some(digits) = t.strip_prefix("0x") {
            if digits.len() == 64 && digits.chars().all(|c| c.is_ascii_hexdigit()) {
                return Ok(At::Hash(t.to_ascii_lowercase()));
            }
            return Err(format!("{t:?} is not a block hash (0x and 64 hex digits)"));
        }
        t.replace(['_', ','], "").parse().map(At::Number).map_err(|_| format!("{t:?} is neither a block number nor a 0x… block hash"))
    }
}

/// What was read, and how much it took.
pub struct Read {
    pub storage: Storage,
    pub block: u64,
    pub spec_version: u32,
    pub requests: usize,
}

/// Reads the importer's items at `at` (the finalized head when `None`) from the node at `url`.
pub fn read(url: &str, at: Option<&At>, timeout: Duration) -> Result<Read, String> {
    let mut node = Node::connect(url, timeout)?;
    let hash = match at {
        None => node.call_or_say("chain_getFinalizedHead", json!([]))?,
        Some(At::Number(n)) => node.call_or_say("chain_getBlockHash", json!([n]))?,
        Some(At::Hash(h)) => Value::from(h.as_str()),
    };
    let hash = match (hash, at) {
        (Value::String(h), _) => h,
        (Value::Null, Some(At::Number(n))) => return Err(format!("{url} does not know block {n} (past its head?)")),
        (other, _) => return Err(format!("{url} answered the block hash with {other}, not a 0x… hash")),
    };
    let header = node.call_or_say("chain_getHeader", json!([hash]))?;
    if header.is_null() {
        return Err(format!("{url} does not know block {hash}"));
    }
    let number = header.get("number").and_then(Value::as_str).and_then(|n| u64::from_str_radix(n.trim_start_matches("0x"), 16).ok());
    let block = number.ok_or_else(|| format!("{url} answered chain_getHeader with no block number: {header}"))?;
    let runtime = node.call_or_say("state_getRuntimeVersion", json!([hash]))?;
    let spec_name = runtime.get("specName").and_then(Value::as_str).unwrap_or("");
    let spec_version = runtime.get("specVersion").and_then(Value::as_u64).and_then(|v| u32::try_from(v).ok());
    let Some(spec_version) = spec_version.filter(|_| !spec_name.is_empty()) else {
        return Err(format!("{url} answered state_getRuntimeVersion without specName and specVersion: {runtime}"));
    };
    if spec_name != SUBTENSOR_SPEC_NAME {
        return Err(format!("{url} is not a Subtensor node: its runtime is \"{spec_name}\" (spec {spec_version}), not \"{SUBTENSOR_SPEC_NAME}\""));
    }
    let added = list_keys(&mut node, &keys::NETWORKS_ADDED.prefix(), &hash)?;
    let netuids: Vec<u16> = added.iter().filter_map(|k| keys::NETWORKS_ADDED.netuid_of(k)).collect();
    if netuids.is_empty() {
        return Err(format!("{url} has no SubtensorModule.NetworksAdded entries at block {block}: not a Subtensor chain, or its state is pruned"));
    }
    let wanted = keys::keys_to_read(&netuids);
    let mut storage = Storage { block_hash: Some(hash.clone()), ..Default::default() };
    read_values(&mut node, &wanted, &hash, &mut storage)?;
    Ok(Read { storage, block, spec_version, requests: node.requests })
}

/// Every key under `prefix` at `hash`, page by page.
fn list_keys(node: &mut Node, prefix: &[u8], hash: &str) -> Result<Vec<Vec<u8>>, String> {
    let prefix = keys::hex0x(prefix);
    let mut out = Vec::new();
    loop {
        let start = out.last().map_or(Value::Null, |k: &Vec<u8>| Value::from(keys::hex0x(k)));
        let page = node.call_or_say("state_getKeysPaged", json!([prefix, PAGE, start, hash]))?;
        let page = page.as_array().ok_or_else(|| format!("{} answered state_getKeysPaged with {page}, not a list of keys", node.url))?;
        for key in page {
            let bytes = crate::scenario::chain_state::dump::bytes(key).map_err(|e| format!("{} answered state_getKeysPaged with {e}", node.url))?;
            out.push(bytes);
        }
        if page.len() < PAGE {
            return Ok(out);
        }
    }
}

/// The values of `wanted` at `hash` into `storage`, with a progress bar.
fn read_values(node: &mut Node, wanted: &[Vec<u8>], hash: &str, storage: &mut Storage) -> Result<(), String> {
    let bar = ProgressBar::new(wanted.len() as u64);
    bar.set_style(ProgressStyle::with_template("reading storage {bar:40} {pos}/{len} keys {elapsed}").expect("a valid template"));
    let mut one_by_one = false;
    for batch in wanted.chunks(BATCH) {
        if !one_by_one {
            match query_batch(node, batch, hash) {
                Ok(values) => storage.values.extend(values),
                Err(CallError::Refused { code: METHOD_NOT_FOUND, .. }) => one_by_one = true,
                Err(e) => return Err(transport::say(&node.url, "state_queryStorageAt", e)),
            }
        }
        if one_by_one {
            for key in batch {
                let value = node.call_or_say("state_getStorage", json!([keys::hex0x(key), hash]))?;
                let value = match value {
                    Value::Null => None,
                    v => Some(crate::scenario::chain_state::dump::bytes(&v).map_err(|e| format!("{} answered state_getStorage with {e}", node.url))?),
                };
                storage.values.insert(key.clone(), value);
            }
        }
        bar.inc(batch.len() as u64);
    }
    bar.finish_and_clear();
    Ok(())
}

/// One `state_queryStorageAt` call; every key asked for is recorded, absent ones as `None`.
fn query_batch(node: &mut Node, batch: &[Vec<u8>], hash: &str) -> Result<Vec<(Vec<u8>, Option<Vec<u8>>)>, CallError> {
    let asked: Vec<String> = batch.iter().map(|k| keys::hex0x(k)).collect();
    let answer = node.call("state_queryStorageAt", json!([asked, hash]))?;
    let bad = |why: String| CallError::Failed(format!("{} answered state_queryStorageAt with {why}", node.url));
    let sets = answer.as_array().ok_or_else(|| bad(format!("{answer}, not a list of change sets")))?;
    let mut out: Vec<(Vec<u8>, Option<Vec<u8>>)> = batch.iter().map(|k| (k.clone(), None)).collect();
    for set in sets {
        let changes = set.get("changes").and_then(Value::as_array).ok_or_else(|| bad(format!("a change set without changes: {set}")))?;
        for pair in changes {
            let (key, value) = crate::scenario::chain_state::dump::change(pair).map_err(bad)?;
            match out.iter_mut().find(|(k, _)| *k == key) {
                Some(slot) => slot.1 = value,
                None => return Err(bad(format!("a key it was not asked for, {}", keys::hex0x(&key)))),
            }
        }
    }
    Ok(out)
}
