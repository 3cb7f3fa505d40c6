//! FNV-1a, 64 bits: a hash that stays the same across machines, builds and Rust versions
//! (the standard library's hasher promises neither), for a study's fingerprint.

/// An FNV-1a hasher.
pub struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Self::new()
    }
}

impl Fnv {
    pub fn new() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    pub fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= *b as u64;
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    /// A string and its length, so that `("ab", "c")` and `("a", "bc")` differ.
    pub fn write_str(&mut self, s: &str) {
        self.write_u64(s.len() as u64);
        self.write(s.as_bytes());
    }

    pub fn write_u64(&mut self, v: u64) {
        self.write(&v.to_le_bytes());
    }

    pub fn finish(&self) -> u64 {
        self.0
    }

    /// The hash as 16 hex digits.
    pub fn hex(&self) -> String {
        format!("{:016x}", self.0)
    }
}

/// The hash of one text.
pub fn hash_text(text: &str) -> u64 {
    let mut h = Fnv::new();
    h.write(text.as_bytes());
    h.finish()
}

#[cfg(test)]
mod tests {
    #[test]
    fn fnv_1a_matches_its_published_values() {
        // The reference values of the FNV-1a 64-bit test suite.
        assert_eq!(super::hash_text(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(super::hash_text("a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(super::hash_text("foobar"), 0x8594_4171_f739_67e8);
    }
}
