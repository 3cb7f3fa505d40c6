//! Decoding the items of [`super::keys`] from raw SCALE storage into a [`Snapshot`], with
//! the chain's defaults for absent `ValueQuery` entries and an error naming the item, the
//! netuid and the storage key for anything missing that has no default, or that does not
//! decode as the type the chain declares.

use super::keys::{self, hex0x, Item};
use super::Storage;
use crate::economy::spec443::balancer;
use crate::scenario::snapshot::{Snapshot, SnapshotSubnet};
use parity_scale_codec::{Compact, Decode, DecodeAll};

/// The state read from a node (or a saved dump), decoded.
#[derive(Clone, Debug, PartialEq)]
pub struct ChainState {
    /// `System.Number`: the block whose end state this is.
    pub block: u64,
    /// `System.LastRuntimeUpgrade`: the runtime spec version in force and its name.
    pub spec_version: u32,
    pub spec_name: String,
    pub snapshot: Snapshot,
}

/// The runtime's name on Subtensor chains (mainnet "finney", testnet, devnets).
pub const SUBTENSOR_SPEC_NAME: &str = "node-subtensor";

/// `InitialTaoWeight` of the runtime: `TaoWeight` when the storage is empty.
const DEFAULT_TAO_WEIGHT: u64 = 971_718_665_099_567_868;
/// `DefaultMovingAlpha`, 0.000003 as `I96F32` (float → fixed rounds to nearest).
const DEFAULT_MOVING_ALPHA: u64 = 12_885;
const DEFAULT_TEMPO: u16 = 360;
/// What `mainnet-2026-08` models of the gate: rank 32, exponent 3.
const MODELLED_BAR_RANK: u16 = 32;
const MODELLED_GATE_EXPONENT: u128 = 3 << 64;

/// One item's raw bytes, found or not, with what errors need to name it.
struct Entry<'a> {
    item: Item,
    netuid: Option<u16>,
    key: Vec<u8>,
    value: Option<&'a [u8]>,
    block: u64,
}

impl Entry<'_> {
    fn place(&self) -> String {
        format!("{} (key {})", self.item.label(self.netuid), hex0x(&self.key))
    }
    fn missing(&self) -> String {
        format!("{} is missing at block {}: the node has no value for it", self.place(), self.block)
    }
    fn decode<T: Decode>(&self, what: &str) -> Result<Option<T>, String> {
        let Some(bytes) = self.value else { return Ok(None) };
        T::decode_all(&mut &bytes[..]).map(Some).map_err(|e| {
            format!("{} at block {}: cannot be read as {what}: {e} (value {})", self.place(), self.block, hex0x(bytes))
        })
    }
    fn or<T: Decode>(&self, what: &str, default: T) -> Result<T, String> {
        Ok(self.decode(what)?.unwrap_or(default))
    }
    fn required<T: Decode>(&self, what: &str) -> Result<T, String> {
        self.decode(what)?.ok_or_else(|| self.missing())
    }
    fn bad<T>(&self, why: &str) -> Result<T, String> {
        Err(format!("{} at block {}: {why}", self.place(), self.block))
    }
}

impl Storage {
    fn entry(&self, item: Item, netuid: Option<u16>, block: u64) -> Entry<'_> {
        let key = netuid.map_or_else(|| item.key(), |n| item.key_of(n));
        let value = self.values.get(&key).and_then(|v| v.as_deref());
        Entry { item, netuid, key, value, block }
    }

    /// The netuids `NetworksAdded` marks as added, in order.
    pub fn netuids(&self) -> Vec<u16> {
        let item = keys::NETWORKS_ADDED;
        let mut out: Vec<u16> = self
            .values
            .iter()
            .filter(|(_, v)| v.as_deref() == Some(&[1u8][..]))
            .filter_map(|(k, _)| item.netuid_of(k))
            .collect();
        out.sort_unstable();
        out
    }

    /// The runtime's name and spec version from `System.LastRuntimeUpgrade`.
    pub fn runtime(&self) -> Result<(String, u32), String> {
        let e = self.entry(keys::LAST_RUNTIME_UPGRADE, None, 0);
        let Some((Compact(spec), name)) = e.decode::<(Compact<u32>, String)>("{ spec_version, spec_name }")? else {
            return Err(format!("{} is missing: the state does not say which runtime wrote it", e.place()));
        };
        Ok((name, spec))
    }
}

/// Decodes everything the importer needs from `storage`.
pub fn decode(storage: &Storage) -> Result<ChainState, String> {
    let number = storage.entry(keys::SYSTEM_NUMBER, None, 0);
    let block = u64::from(number.decode::<u32>("u32")?.ok_or_else(|| {
        format!("{} is missing: the state does not say its block (is this a Substrate chain?)", number.place())
    })?);
    let (spec_name, spec_version) = storage.runtime()?;
    if spec_name != SUBTENSOR_SPEC_NAME {
        return Err(format!(
            "not a Subtensor chain: its runtime is \"{spec_name}\" (spec {spec_version}), not \"{SUBTENSOR_SPEC_NAME}\""
        ));
    }
    let netuids = storage.netuids();
    if netuids.is_empty() {
        let prefix = hex0x(&keys::NETWORKS_ADDED.prefix());
        return Err(format!("SubtensorModule.NetworksAdded (prefix {prefix}) lists no subnets at block {block}: not a Subtensor chain"));
    }
    if netuids[0] != 0 {
        return Err(format!("{} is not set at block {block}: no root network", keys::NETWORKS_ADDED.label(Some(0))));
    }
    let value = |item| storage.entry(item, None, block);
    let total_issuance = value(keys::TOTAL_ISSUANCE).required::<u64>("u64")?;
    let tao_weight = value(keys::TAO_WEIGHT).or::<u64>("u64", DEFAULT_TAO_WEIGHT)?;
    let ema = value(keys::SUBNET_MOVING_ALPHA);
    let ema_alpha = fixed_u64(&ema, ema.decode::<i128>("I96F32")?.map_or(DEFAULT_MOVING_ALPHA as i128, |v| v))?;
    let gate_bar = value(keys::EMISSION_GATE_BAR).or::<u128>("U64F64", 0)?;
    let rank = value(keys::EMISSION_BAR_RANK);
    if rank.or::<u16>("u16", MODELLED_BAR_RANK)? != MODELLED_BAR_RANK {
        return rank.bad(&format!("the gate bar is the {}th share here, but the rule sets model rank {MODELLED_BAR_RANK}", rank.or::<u16>("u16", 0)?));
    }
    let exponent = value(keys::EMISSION_GATE_EXPONENT);
    if exponent.or::<u128>("U64F64", MODELLED_GATE_EXPONENT)? != MODELLED_GATE_EXPONENT {
        return exponent.bad("the gate's exponent differs from the 3 the rule sets model");
    }
    let root_stake = storage.entry(keys::SUBNET_TAO, Some(0), block).required::<u64>("u64")?;
    let subnets = netuids.iter().filter(|n| **n != 0).map(|&n| subnet(storage, n, block)).collect::<Result<Vec<_>, _>>()?;
    let snapshot = Snapshot { block, total_issuance, tao_weight, gate_bar, ema_alpha, root_stake, subnets };
    Ok(ChainState { block, spec_version, spec_name, snapshot })
}

/// A non-negative `I96F32`/`U96F32` raw as the snapshot's `u64` raw.
fn fixed_u64(e: &Entry, raw: i128) -> Result<u64, String> {
    u64::try_from(raw).or_else(|_| e.bad(&format!("{} is outside 0..2³² as a fixed-point value", raw as f64 / 4_294_967_296.0)))
}

fn subnet(storage: &Storage, netuid: u16, block: u64) -> Result<SnapshotSubnet, String> {
    let at = |item| storage.entry(item, Some(netuid), block);
    let price = at(keys::SUBNET_MOVING_PRICE);
    let burned = at(keys::MINER_BURNED);
    let balancer = at(keys::SWAP_BALANCER);
    let weight_tao = balancer.or::<u64>("Balancer { quote: Perquintill }", balancer::HALF)?;
    if !(1..balancer::PERQUINTILL as u64).contains(&weight_tao) {
        return balancer.bad(&format!("a TAO weight of {weight_tao}/10¹⁸ is not strictly between 0 and 1"));
    }
    for item in [keys::BALANCER_TAO_RESERVOIR, keys::BALANCER_ALPHA_RESERVOIR] {
        let e = at(item);
        let held = e.or::<u64>("u64", 0)?;
        if held > 0 {
            return e.bad(&format!("holds {held} RAO; a scenario cannot carry Balancer reservoirs yet, so this state cannot be imported exactly"));
        }
    }
    let name = at(keys::SUBNET_IDENTITIES_V3);
    Ok(SnapshotSubnet {
        netuid,
        // Only the first field, `subnet_name`, is read: later runtimes add fields after it.
        name: match name.value {
            Some(bytes) => Vec::<u8>::decode(&mut &bytes[..])
                .map(|b| String::from_utf8_lossy(&b).trim().to_string())
                .or_else(|e| name.bad(&format!("cannot be read as SubnetIdentityV3: {e}")))?,
            None => String::new(),
        },
        tao: at(keys::SUBNET_TAO).required::<u64>("u64")?,
        alpha: at(keys::SUBNET_ALPHA_IN).required::<u64>("u64")?,
        alpha_outstanding: at(keys::SUBNET_ALPHA_OUT).or::<u64>("u64", 0)?,
        weight_tao,
        moving_price: fixed_u64(&price, price.or::<i128>("I96F32", 0)?)?,
        miner_burned: burned.or::<u128>("U96F32", 0)?.min(u64::MAX as u128) as u64,
        emission_enabled: at(keys::SUBNET_EMISSION_ENABLED).or::<bool>("bool", true)?,
        subtoken_enabled: at(keys::SUBTOKEN_ENABLED).or::<bool>("bool", false)?,
        registration_allowed: at(keys::NETWORK_REGISTRATION_ALLOWED).or::<bool>("bool", true)?,
        first_emission_block: at(keys::FIRST_EMISSION_BLOCK_NUMBER).decode::<u64>("u64")?,
        registered_at: at(keys::NETWORK_REGISTERED_AT).or::<u64>("u64", 0)?,
        tempo: u64::from(at(keys::TEMPO).or::<u16>("u16", DEFAULT_TEMPO)?),
        protocol_alpha: at(keys::SUBNET_PROTOCOL_ALPHA).or::<u64>("u64", 0)?,
    })
}
