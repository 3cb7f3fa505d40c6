//! Reading a chain snapshot: one CSV row per netuid (0 = root) describing the chain at the
//! end of one block, and a sidecar JSON of chain-wide values, in the format of
//! `tests/reference/mainnet_2026-08-07.csv` (SPEC_2026_08.md §11 documents the columns).
//!
//! Every value is read exactly (amounts to the RAO, moving prices and `MinerBurned` to the
//! chain's 32 fractional bits, pool weights to 10⁻¹⁸), and every problem names the file,
//! line, column and field. The `expected_*` and `notes` columns are not read.

use crate::economy::spec443::{balancer, fixed};
use crate::economy::units::parse_tao;
use std::collections::BTreeSet;
use std::path::Path;

/// Columns a snapshot must have.
pub const REQUIRED_COLUMNS: [&str; 14] = [
    "netuid",
    "block",
    "tao_in_pool",
    "alpha_in_pool",
    "alpha_outstanding",
    "pool_weight_tao",
    "moving_price",
    "miner_burned",
    "emission_enabled",
    "subtoken_enabled",
    "registration_allowed",
    "first_emission_block",
    "registered_at_block",
    "tempo",
];

/// One subnet of a snapshot.
#[derive(Clone, Debug, PartialEq)]
pub struct SnapshotSubnet {
    pub netuid: u16,
    pub name: String,
    /// `SubnetTAO`, RAO.
    pub tao: u64,
    /// `SubnetAlphaIn`, RAO.
    pub alpha: u64,
    /// `SubnetAlphaOut`, RAO.
    pub alpha_outstanding: u64,
    /// Balancer TAO weight in parts of 10¹⁸ (½ when the column is empty).
    pub weight_tao: u64,
    /// `SubnetMovingPrice`, `I96F32` raw.
    pub moving_price: u64,
    /// `MinerBurned`, `U96F32` raw.
    pub miner_burned: u64,
    pub emission_enabled: bool,
    pub subtoken_enabled: bool,
    pub registration_allowed: bool,
    /// `FirstEmissionBlockNumber`; `None` until `start_call`.
    pub first_emission_block: Option<u64>,
    pub registered_at: u64,
    pub tempo: u64,
    /// `SubnetProtocolAlpha`, RAO (0 when unknown).
    pub protocol_alpha: u64,
}

impl SnapshotSubnet {
    /// Takes part in emission (SPEC §3.2).
    pub fn eligible(&self) -> bool {
        self.first_emission_block.is_some() && self.subtoken_enabled && self.registration_allowed
    }
}

/// A whole snapshot.
#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot {
    /// The block whose end state the rows describe.
    pub block: u64,
    pub total_issuance: u64,
    /// `TaoWeight` raw (`w·(2⁶⁴ − 1)`).
    pub tao_weight: u64,
    /// `EmissionGateBar`, `U64F64` raw.
    pub gate_bar: u128,
    /// `SubnetMovingAlpha`, `I96F32` raw.
    pub ema_alpha: u64,
    /// All root stake (`SubnetTAO[0]`), RAO.
    pub root_stake: u64,
    /// In netuid order, root excluded.
    pub subnets: Vec<SnapshotSubnet>,
}

/// Reads `csv_path` and the JSON beside it (same name, `.json`).
pub fn read_snapshot(csv_path: &Path) -> Result<Snapshot, String> {
    let file = csv_path.display().to_string();
    let text = std::fs::read_to_string(csv_path).map_err(|e| format!("{file}: cannot read: {e}"))?;
    let json_path = csv_path.with_extension("json");
    let side_file = json_path.display().to_string();
    let side_text = std::fs::read_to_string(&json_path)
        .map_err(|e| format!("{side_file}: cannot read the snapshot's sidecar JSON: {e}"))?;
    let side: serde_json::Value = serde_json::from_str(&side_text)
        .map_err(|e| format!("{side_file}:{}:{}: invalid JSON: {e}", e.line(), e.column()))?;
    parse_snapshot(&file, &text, &side_file, &side)
}

/// [`read_snapshot`] on texts already read; `file` and `side_file` name them in errors.
pub fn parse_snapshot(file: &str, text: &str, side_file: &str, side: &serde_json::Value) -> Result<Snapshot, String> {
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|e| format!("{file}:1:1: {e}"))?.clone();
    let column = |name: &str| headers.iter().position(|h| h.trim() == name);
    let missing: Vec<&str> = REQUIRED_COLUMNS.iter().copied().filter(|c| column(c).is_none()).collect();
    if !missing.is_empty() {
        return Err(format!("{file}:1:1: missing columns: {}", missing.join(", ")));
    }
    let col = |name: &str| column(name).unwrap();
    let (mut subnets, mut root, mut block, mut seen) = (Vec::new(), None, None, BTreeSet::new());
    for record in reader.records() {
        let record = record.map_err(|e| format!("{file}: {e}"))?;
        let line = record.position().map_or(0, |p| p.line());
        let cell = |name: &str| -> Cell {
            let i = col(name);
            // Character column of the field: exact for unquoted fields, which numbers are.
            let at = 1 + record.iter().take(i).map(|f| f.chars().count() + 1).sum::<usize>();
            Cell { text: record.get(i).unwrap_or("").trim().to_string(), place: format!("{file}:{line}:{at}: {name}") }
        };
        let netuid: u16 = cell("netuid").integer()?;
        if !seen.insert(netuid) {
            return Err(format!("{}: netuid {netuid} appears twice", cell("netuid").place));
        }
        let row_block: u64 = cell("block").integer()?;
        match block {
            None => block = Some(row_block),
            Some(b) if b != row_block => {
                return Err(format!("{}: {row_block}, but earlier rows describe block {b}", cell("block").place));
            }
            _ => {}
        }
        if netuid == 0 {
            root = Some(cell("tao_in_pool").amount()?);
            continue;
        }
        let weight = cell("pool_weight_tao");
        let weight_tao = if weight.text.is_empty() { balancer::HALF } else { weight.weight()? };
        subnets.push(SnapshotSubnet {
            netuid,
            name: column("name").and_then(|i| record.get(i)).unwrap_or("").trim().to_string(),
            tao: cell("tao_in_pool").amount()?,
            alpha: cell("alpha_in_pool").amount()?,
            alpha_outstanding: cell("alpha_outstanding").amount()?,
            weight_tao,
            moving_price: cell("moving_price").fixed32(None)?,
            miner_burned: cell("miner_burned").fixed32(Some(0))?,
            emission_enabled: cell("emission_enabled").flag(Some(true))?,
            subtoken_enabled: cell("subtoken_enabled").flag(None)?,
            registration_allowed: cell("registration_allowed").flag(None)?,
            first_emission_block: cell("first_emission_block").optional_integer()?,
            registered_at: cell("registered_at_block").optional_integer()?.unwrap_or(0),
            tempo: cell("tempo").integer()?,
            protocol_alpha: match column("protocol_alpha") {
                Some(_) => cell("protocol_alpha").optional_amount()?.unwrap_or(0),
                None => 0,
            },
        });
    }
    let root_stake = root.ok_or_else(|| format!("{file}: no row for netuid 0 (root stake is needed)"))?;
    let block = block.ok_or_else(|| format!("{file}: no rows"))?;
    subnets.sort_by_key(|s| s.netuid);

    let key = |k: &str| side.get(k).ok_or_else(|| format!("{side_file}: missing key {k:?}"));
    let side_block = key("block")?.as_u64().ok_or_else(|| format!("{side_file}: block: not a block number"))?;
    if side_block != block {
        return Err(format!("{side_file}: block {side_block}, but {file} describes block {block}"));
    }
    let total_issuance = key("total_issuance_rao")?
        .as_u64()
        .ok_or_else(|| format!("{side_file}: total_issuance_rao: not an amount of RAO"))?;
    let fraction = |k: &str| -> Result<f64, String> {
        let v = key(k)?.as_f64().filter(|v| v.is_finite() && *v >= 0.0);
        v.ok_or_else(|| format!("{side_file}: {k}: not a non-negative number"))
    };
    let raw_or = |k: &str, from: f64, frac: u32| -> Result<u128, String> {
        match side.get(k) {
            Some(v) => v.as_u64().map(u128::from).ok_or_else(|| format!("{side_file}: {k}: not a raw integer")),
            None => Ok(fixed::UFix::<64>::from_f64(from) >> (64 - frac)),
        }
    };
    let tao_weight = match side.get("tao_weight_u64_raw") {
        Some(v) => v.as_u64().ok_or_else(|| format!("{side_file}: tao_weight_u64_raw: not a raw integer"))?,
        None => crate::economy::spec443::terms::tao_weight_raw(fraction("tao_weight")?),
    };
    let gate_bar = raw_or("gate_bar_u64f64_raw", fraction("gate_bar")?, 64)?;
    let ema_alpha = raw_or("ema_alpha_i96f32_raw", side.get("ema_alpha").and_then(|v| v.as_f64()).unwrap_or(0.0003), 32)? as u64;
    if let Some(rule) = side.get("gate_bar_rule").and_then(|v| v.as_str()) {
        if rule != "rank32" {
            return Err(format!("{side_file}: gate_bar_rule {rule:?}: only \"rank32\" (spec 441 and later) is modelled"));
        }
    }
    Ok(Snapshot { block, total_issuance, tao_weight, gate_bar, ema_alpha, root_stake, subnets })
}

/// One field of one row, with its place for errors.
struct Cell {
    text: String,
    place: String,
}

impl Cell {
    fn fail<T>(&self, why: &str) -> Result<T, String> {
        Err(format!("{}: {why}, got {:?}", self.place, self.text))
    }
    fn integer<T: std::str::FromStr>(&self) -> Result<T, String> {
        self.text.parse().or_else(|_| self.fail("expected a whole number"))
    }
    fn optional_integer(&self) -> Result<Option<u64>, String> {
        if self.text.is_empty() { Ok(None) } else { self.integer().map(Some) }
    }
    fn amount(&self) -> Result<u64, String> {
        parse_tao(&self.text).map_err(|e| format!("{}: {e}", self.place))
    }
    fn optional_amount(&self) -> Result<Option<u64>, String> {
        if self.text.is_empty() { Ok(None) } else { self.amount().map(Some) }
    }
    fn fixed32(&self, empty: Option<u64>) -> Result<u64, String> {
        if self.text.is_empty() {
            return empty.map_or_else(|| self.fail("empty"), Ok);
        }
        match fixed::parse_fixed(&self.text, 32) {
            Ok(raw) if raw <= u64::MAX as u128 => Ok(raw as u64),
            _ => self.fail("expected a non-negative decimal number"),
        }
    }
    fn weight(&self) -> Result<u64, String> {
        match fixed::parse_decimal_scaled(&self.text, balancer::PERQUINTILL) {
            Ok(parts) if parts > 0 && parts < balancer::PERQUINTILL => Ok(parts as u64),
            _ => self.fail("expected a pool weight strictly between 0 and 1"),
        }
    }
    fn flag(&self, empty: Option<bool>) -> Result<bool, String> {
        match self.text.to_ascii_lowercase().as_str() {
            "true" | "1" => Ok(true),
            "false" | "0" => Ok(false),
            "" if empty.is_some() => Ok(empty.unwrap()),
            _ => self.fail("expected true or false"),
        }
    }
}
