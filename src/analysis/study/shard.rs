//! `--shard I/N`: the I-th of N deterministic slices of a sweep's runs. Runs are dealt
//! round-robin (run r goes to shard r mod N + 1), so that every shard gets its share of each
//! configuration and the slices take about as long when some configurations are slower.

use serde::{Deserialize, Serialize};

/// Shard `index` (from 1) of `count`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shard {
    pub index: u64,
    pub count: u64,
}

impl Shard {
    /// The whole sweep.
    pub const ALL: Shard = Shard { index: 1, count: 1 };

    /// Reads `I/N` with 1 ≤ I ≤ N.
    pub fn parse(text: &str) -> Result<Shard, String> {
        let bad = |why: &str| format!("--shard {text}: {why} (expected I/N with 1 ≤ I ≤ N, e.g. 2/8)");
        let (i, n) = text.split_once('/').ok_or_else(|| bad("no `/`"))?;
        let index: u64 = i.trim().parse().map_err(|_| bad("I is not a whole number"))?;
        let count: u64 = n.trim().parse().map_err(|_| bad("N is not a whole number"))?;
        if count == 0 {
            return Err(bad("N must be at least 1"));
        }
        if index == 0 || index > count {
            return Err(bad(&format!("I must be from 1 to {count}")));
        }
        Ok(Shard { index, count })
    }

    pub fn owns(&self, run: u64) -> bool {
        run % self.count == self.index - 1
    }

    /// This shard's runs of `total`, in order.
    pub fn runs(&self, total: u64) -> Vec<u64> {
        (self.index - 1..total).step_by(self.count as usize).collect()
    }

    pub fn is_all(&self) -> bool {
        self.count == 1
    }
}

impl std::fmt::Display for Shard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

#[cfg(test)]
mod tests {
    use super::Shard;

    #[test]
    fn shards_are_read_and_refused() {
        assert_eq!(Shard::parse("2/3"), Ok(Shard { index: 2, count: 3 }));
        for bad in ["4/3", "0/3", "0/0", "1/0", "a/b", "3", "-1/2", ""] {
            assert!(Shard::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_shards_deal_every_run_once() {
        let total = 17;
        let mut all: Vec<u64> = (1..=3).flat_map(|i| Shard { index: i, count: 3 }.runs(total)).collect();
        all.sort();
        assert_eq!(all, (0..total).collect::<Vec<_>>());
        assert_eq!(Shard { index: 3, count: 3 }.runs(total), vec![2, 5, 8, 11, 14]);
        assert!(Shard { index: 2, count: 5 }.runs(1).is_empty());
    }
}
