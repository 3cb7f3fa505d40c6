//! Storage keys of the items the importer reads, built as the runtime builds them:
//! `twox128(pallet) ++ twox128(item)`, then for a map the netuid (SCALE `u16`) through the
//! hasher the item declares. Pallet names are those of `construct_runtime!`
//! (opentensor/subtensor `runtime/src/lib.rs`: `System` = 0, `SubtensorModule` = 7,
//! `Swap` = 28); the hashers are those of `pallets/subtensor/src/lib.rs` and
//! `pallets/swap/src/pallet/mod.rs`.

use blake2::digest::consts::U16;
use blake2::{Blake2b, Digest};
use twox_hash::XxHash64;

/// `twox128`: two xxHash64 digests (seeds 0 and 1), little-endian, one after the other.
pub fn twox128(data: &[u8]) -> [u8; 16] {
    let mut out = [0u8; 16];
    out[..8].copy_from_slice(&XxHash64::oneshot(0, data).to_le_bytes());
    out[8..].copy_from_slice(&XxHash64::oneshot(1, data).to_le_bytes());
    out
}

/// `twox64`: one xxHash64 digest (seed 0), little-endian.
pub fn twox64(data: &[u8]) -> [u8; 8] {
    XxHash64::oneshot(0, data).to_le_bytes()
}

/// `blake2_128`: BLAKE2b with a 16-byte digest.
pub fn blake2_128(data: &[u8]) -> [u8; 16] {
    Blake2b::<U16>::digest(data).into()
}

/// How a map's key is hashed into its storage key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hasher {
    Identity,
    Twox64Concat,
    Blake2_128Concat,
}

impl Hasher {
    fn hash(self, key: &[u8]) -> Vec<u8> {
        match self {
            Hasher::Identity => key.to_vec(),
            Hasher::Twox64Concat => [&twox64(key)[..], key].concat(),
            Hasher::Blake2_128Concat => [&blake2_128(key)[..], key].concat(),
        }
    }

    /// Bytes of hash before the key itself (the `Concat` hashers keep the key at the end).
    fn hash_len(self) -> usize {
        match self {
            Hasher::Identity => 0,
            Hasher::Twox64Concat => 8,
            Hasher::Blake2_128Concat => 16,
        }
    }
}

/// One storage item: a plain value, or a map keyed by netuid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Item {
    pub pallet: &'static str,
    pub name: &'static str,
    /// `None` for a plain value.
    pub map: Option<Hasher>,
}

impl Item {
    const fn value(pallet: &'static str, name: &'static str) -> Item {
        Item { pallet, name, map: None }
    }
    const fn map(pallet: &'static str, name: &'static str, hasher: Hasher) -> Item {
        Item { pallet, name, map: Some(hasher) }
    }

    /// `twox128(pallet) ++ twox128(name)`: the whole key of a value, the prefix of a map.
    pub fn prefix(&self) -> Vec<u8> {
        [twox128(self.pallet.as_bytes()), twox128(self.name.as_bytes())].concat()
    }

    /// The key of a plain value (the prefix of a map).
    pub fn key(&self) -> Vec<u8> {
        self.prefix()
    }

    /// The key of `netuid`'s entry of a map (the netuid is SCALE-encoded as a `u16`).
    pub fn key_of(&self, netuid: u16) -> Vec<u8> {
        let hasher = self.map.unwrap_or(Hasher::Identity);
        [self.prefix(), hasher.hash(&netuid.to_le_bytes())].concat()
    }

    /// The netuid a map key of this item is for, if `key` is one.
    pub fn netuid_of(&self, key: &[u8]) -> Option<u16> {
        let hasher = self.map?;
        let rest = key.strip_prefix(self.prefix().as_slice())?;
        let raw: [u8; 2] = rest.get(hasher.hash_len()..)?.try_into().ok()?;
        let netuid = u16::from_le_bytes(raw);
        (self.key_of(netuid) == key).then_some(netuid)
    }

    /// `Pallet.Item` or `Pallet.Item[netuid]`, as errors name it.
    pub fn label(&self, netuid: Option<u16>) -> String {
        match netuid {
            Some(n) => format!("{}.{}[{n}]", self.pallet, self.name),
            None => format!("{}.{}", self.pallet, self.name),
        }
    }
}

/// `0x…` hex of a key or value, as JSON-RPC writes it.
pub fn hex0x(bytes: &[u8]) -> String {
    format!("0x{}", hex::encode(bytes))
}

const ST: &str = "SubtensorModule";

/// `frame_system::Number`: the block the state is at (`u32`).
pub const SYSTEM_NUMBER: Item = Item::value("System", "Number");
/// `frame_system::LastRuntimeUpgrade`: `Option<{ spec_version: Compact<u32>, spec_name: String }>`.
pub const LAST_RUNTIME_UPGRADE: Item = Item::value("System", "LastRuntimeUpgrade");

/// `TaoBalance` (`u64`), no meaningful default: required.
pub const TOTAL_ISSUANCE: Item = Item::value(ST, "TotalIssuance");
/// `u64`, `w·(2⁶⁴ − 1)`; default `InitialTaoWeight`.
pub const TAO_WEIGHT: Item = Item::value(ST, "TaoWeight");
/// `I96F32`; default 0.000003.
pub const SUBNET_MOVING_ALPHA: Item = Item::value(ST, "SubnetMovingAlpha");
/// `U64F64`; default 0 (gate off until computed).
pub const EMISSION_GATE_BAR: Item = Item::value(ST, "EmissionGateBar");
/// `u16`; default 32 (rank mode).
pub const EMISSION_BAR_RANK: Item = Item::value(ST, "EmissionBarRank");
/// `U64F64`; default 3.
pub const EMISSION_GATE_EXPONENT: Item = Item::value(ST, "EmissionGateExponent");

/// `bool`; which netuids exist (enumerated with `state_getKeysPaged`).
pub const NETWORKS_ADDED: Item = Item::map(ST, "NetworksAdded", Hasher::Identity);
pub const SUBNET_TAO: Item = Item::map(ST, "SubnetTAO", Hasher::Identity);
pub const SUBNET_ALPHA_IN: Item = Item::map(ST, "SubnetAlphaIn", Hasher::Identity);
pub const SUBNET_ALPHA_OUT: Item = Item::map(ST, "SubnetAlphaOut", Hasher::Identity);
pub const SUBNET_PROTOCOL_ALPHA: Item = Item::map(ST, "SubnetProtocolAlpha", Hasher::Identity);
pub const SUBNET_MOVING_PRICE: Item = Item::map(ST, "SubnetMovingPrice", Hasher::Identity);
pub const MINER_BURNED: Item = Item::map(ST, "MinerBurned", Hasher::Identity);
pub const SUBNET_EMISSION_ENABLED: Item = Item::map(ST, "SubnetEmissionEnabled", Hasher::Identity);
pub const SUBTOKEN_ENABLED: Item = Item::map(ST, "SubtokenEnabled", Hasher::Identity);
pub const NETWORK_REGISTRATION_ALLOWED: Item = Item::map(ST, "NetworkRegistrationAllowed", Hasher::Identity);
pub const FIRST_EMISSION_BLOCK_NUMBER: Item = Item::map(ST, "FirstEmissionBlockNumber", Hasher::Identity);
pub const NETWORK_REGISTERED_AT: Item = Item::map(ST, "NetworkRegisteredAt", Hasher::Identity);
pub const TEMPO: Item = Item::map(ST, "Tempo", Hasher::Identity);
pub const SUBNET_IDENTITIES_V3: Item = Item::map(ST, "SubnetIdentitiesV3", Hasher::Blake2_128Concat);
/// `Balancer { quote: Perquintill }`: the TAO (quote) weight; default ½.
pub const SWAP_BALANCER: Item = Item::map("Swap", "SwapBalancer", Hasher::Twox64Concat);
pub const BALANCER_TAO_RESERVOIR: Item = Item::map("Swap", "BalancerTaoReservoir", Hasher::Twox64Concat);
pub const BALANCER_ALPHA_RESERVOIR: Item = Item::map("Swap", "BalancerAlphaReservoir", Hasher::Twox64Concat);

/// The plain values the importer reads.
pub const VALUES: [Item; 8] = [
    SYSTEM_NUMBER,
    LAST_RUNTIME_UPGRADE,
    TOTAL_ISSUANCE,
    TAO_WEIGHT,
    SUBNET_MOVING_ALPHA,
    EMISSION_GATE_BAR,
    EMISSION_BAR_RANK,
    EMISSION_GATE_EXPONENT,
];

/// The per-netuid items the importer reads for every netuid `NetworksAdded` lists.
pub const PER_NETUID: [Item; 17] = [
    SUBNET_TAO,
    SUBNET_ALPHA_IN,
    SUBNET_ALPHA_OUT,
    SUBNET_PROTOCOL_ALPHA,
    SUBNET_MOVING_PRICE,
    MINER_BURNED,
    SUBNET_EMISSION_ENABLED,
    SUBTOKEN_ENABLED,
    NETWORK_REGISTRATION_ALLOWED,
    FIRST_EMISSION_BLOCK_NUMBER,
    NETWORK_REGISTERED_AT,
    TEMPO,
    SUBNET_IDENTITIES_V3,
    SWAP_BALANCER,
    BALANCER_TAO_RESERVOIR,
    BALANCER_ALPHA_RESERVOIR,
    NETWORKS_ADDED,
];

/// Every key to read once the netuids are known: the values, then each item for each netuid.
pub fn keys_to_read(netuids: &[u16]) -> Vec<Vec<u8>> {
    let mut keys: Vec<Vec<u8>> = VALUES.iter().map(Item::key).collect();
    for &n in netuids {
        keys.extend(PER_NETUID.iter().map(|item| item.key_of(n)));
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Keys as the chain itself answered them (the NoBSRecruiter capture of block 8,789,719,
    /// `emission_parity/b8789720.json`, and the well-known `System.Number`).
    #[test]
    fn keys_match_the_chains() {
        assert_eq!(hex0x(&SYSTEM_NUMBER.key()), "0x26aa394eea5630e07c48ae0c9558cef702a5c1b19ab7a04f536c519aca4983ac");
        assert_eq!(hex0x(&SUBNET_MOVING_ALPHA.key()), "0x658faa385070e074c85bf6b568cf055565ef4b6311933743a027c3602fbabe20");
        assert_eq!(hex0x(&EMISSION_GATE_BAR.key()), "0x658faa385070e074c85bf6b568cf05557c9b0d2964cc73e7519676c3cc4d5df9");
        assert_eq!(hex0x(&EMISSION_BAR_RANK.key()), "0x658faa385070e074c85bf6b568cf0555d33bd686290d014475513443305882be");
        assert_eq!(hex0x(&EMISSION_GATE_EXPONENT.key()), "0x658faa385070e074c85bf6b568cf055588c70e8dd0cf4af3aeb977ba2eee1df4");
        assert_eq!(hex0x(&TAO_WEIGHT.key()), "0x658faa385070e074c85bf6b568cf05556b2684762c3b1e22ffb4a92939298741");
        assert_eq!(hex0x(&TOTAL_ISSUANCE.key()), "0x658faa385070e074c85bf6b568cf055557c875e4cff74148e4628f264b974c80");
        assert_eq!(hex0x(&SUBNET_TAO.key_of(0)), "0x658faa385070e074c85bf6b568cf05557a57dce016211512d1700561066b85a30000");
        // The map hashers' tails: BLAKE2b-128 of the netuid (Python's hashlib.blake2b with
        // digest_size=16) and xxHash64 of it, each followed by the netuid itself.
        let identity = hex0x(&SUBNET_IDENTITIES_V3.key_of(1));
        assert!(identity.ends_with("ead9a09ae23f059006f2bea50e245ff40100"), "{identity}");
        let balancer = SWAP_BALANCER.key_of(1);
        assert_eq!(balancer[32..40], twox64(&[1, 0]));
        assert_eq!(balancer[40..], [1, 0]);
    }

    #[test]
    fn map_keys_give_back_their_netuid() {
        for item in PER_NETUID {
            for n in [0u16, 1, 86, 128, 300] {
                assert_eq!(item.netuid_of(&item.key_of(n)), Some(n), "{}", item.label(Some(n)));
            }
            assert_eq!(item.netuid_of(&item.prefix()), None);
        }
        assert_eq!(SUBNET_TAO.netuid_of(&SUBNET_ALPHA_IN.key_of(3)), None);
    }
}
