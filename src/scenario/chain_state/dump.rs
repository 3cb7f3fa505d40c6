//! A storage dump: the result of `state_queryStorageAt`, `[{"block": HASH, "changes":
//! [[KEY, VALUE or null], …]}]`, keys and values as `0x…` hex. `import --save-storage`
//! writes one (a single change set, one pair per line) and `import --storage` reads it, so a
//! node's state can be shared and imported again without the node. Several change sets are
//! merged, later ones winning.

use super::keys::hex0x;
use super::Storage;
use serde_json::Value;

/// Reads a dump's text; `file` names it in errors.
pub fn parse(text: &str, file: &str) -> Result<Storage, String> {
    let json: Value = serde_json::from_str(text).map_err(|e| format!("{file}:{}:{}: not JSON: {e}", e.line(), e.column()))?;
    let sets = json.as_array().ok_or_else(|| format!("{file}: expected a list of change sets ([{{\"block\": …, \"changes\": […]}}])"))?;
    let mut storage = Storage::default();
    for (i, set) in sets.iter().enumerate() {
        let place = format!("{file}: change set {i}");
        if let Some(hash) = set.get("block") {
            let hash = hash.as_str().ok_or_else(|| format!("{place}: block: expected a 0x… block hash"))?;
            storage.block_hash = Some(hash.to_string());
        }
        let changes = set.get("changes").and_then(Value::as_array).ok_or_else(|| format!("{place}: no \"changes\" list"))?;
        for (j, pair) in changes.iter().enumerate() {
            let (key, value) = change(pair).map_err(|e| format!("{place}: changes[{j}]: {e}"))?;
            storage.values.insert(key, value);
        }
    }
    Ok(storage)
}

/// One `[KEY, VALUE]` pair of a change set, as a node answers `state_queryStorageAt`.
pub fn change(pair: &Value) -> Result<(Vec<u8>, Option<Vec<u8>>), String> {
    let pair = pair.as_array().filter(|p| p.len() == 2).ok_or("expected [key, value]")?;
    let key = bytes(&pair[0]).map_err(|e| format!("key: {e}"))?;
    let value = match &pair[1] {
        Value::Null => None,
        v => Some(bytes(v).map_err(|e| format!("value of {}: {e}", hex0x(&key)))?),
    };
    Ok((key, value))
}

/// `0x…` hex as bytes.
pub fn bytes(v: &Value) -> Result<Vec<u8>, String> {
    let text = v.as_str().ok_or_else(|| format!("expected a 0x… hex string, got {v}"))?;
    let digits = text.strip_prefix("0x").ok_or_else(|| format!("expected a 0x… hex string, got {text:?}"))?;
    hex::decode(digits).map_err(|e| format!("{text:?} is not hex: {e}"))
}

/// The dump's text: one change set at the storage's block, one pair per line, in key order.
pub fn write(storage: &Storage) -> String {
    let mut out = String::from("[{\"block\": ");
    out.push_str(&storage.block_hash.as_ref().map_or("null".into(), |h| Value::from(h.as_str()).to_string()));
    out.push_str(", \"changes\": [\n");
    let lines: Vec<String> = storage
        .values
        .iter()
        .map(|(k, v)| format!("[\"{}\", {}]", hex0x(k), v.as_ref().map_or("null".into(), |v| format!("\"{}\"", hex0x(v)))))
        .collect();
    out.push_str(&lines.join(",\n"));
    out.push_str("\n]}]\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dump_reads_back_as_written() {
        let mut s = Storage { block_hash: Some("0xab".into()), ..Default::default() };
        s.values.insert(vec![1, 2], Some(vec![0, 255]));
        s.values.insert(vec![3], None);
        assert_eq!(parse(&write(&s), "d.json").unwrap(), s);
    }

    #[test]
    fn bad_dumps_are_refused_with_their_place() {
        let e = parse("{", "d.json").unwrap_err();
        assert!(e.starts_with("d.json:1:1: not JSON"), "{e}");
        assert!(parse("{}", "d.json").unwrap_err().contains("list of change sets"));
        let e = parse(r#"[{"block":"0x00","changes":[["0x01","zz"]]}]"#, "d.json").unwrap_err();
        assert_eq!(e, "d.json: change set 0: changes[0]: value of 0x01: expected a 0x… hex string, got \"zz\"");
    }
}
