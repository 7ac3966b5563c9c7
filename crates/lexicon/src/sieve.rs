//! A one-bit-per-signature pre-check in front of a word table.
//!
//! Most tokens of a text are in none of an extractor's word tables; a
//! token whose signature (first two bytes, last byte, length) no table
//! word shares is turned away with one bit, before it is hashed and
//! looked up. The bit is only a necessary condition: the table decides.

/// Bits of a [`Sieve`]: 16,384, 2 KB, few enough set by a table's
/// thousand-odd words that a word not in it nearly always finds its bit
/// clear.
const WORDS: usize = 256;

/// The signatures of the words of a table, one bit each.
#[derive(Clone, Debug)]
pub struct Sieve {
    bits: [u64; WORDS],
}

impl Default for Sieve {
    fn default() -> Self {
        Sieve { bits: [0; WORDS] }
    }
}

impl Sieve {
    /// A word's first two bytes, last byte and length hashed to a bit.
    fn bit(word: &str) -> usize {
        let bytes = word.as_bytes();
        let byte = |b: Option<&u8>| u32::from(b.copied().unwrap_or(0));
        let key = byte(bytes.first())
            | byte(bytes.get(1)) << 8
            | byte(bytes.last()) << 16
            | (bytes.len() as u32) << 24;
        (key.wrapping_mul(0x9E37_79B9) >> 18) as usize
    }

    /// Lets `word` through from now on.
    pub fn insert(&mut self, word: &str) {
        let bit = Sieve::bit(word);
        self.bits[bit / 64] |= 1 << (bit % 64);
    }

    /// False when `word` is surely not one of the words inserted.
    #[inline]
    pub fn may_hold(&self, word: &str) -> bool {
        let bit = Sieve::bit(word);
        (self.bits[bit / 64] >> (bit % 64)) & 1 == 1
    }
}

#[cfg(test)]
mod tests {
    use super::Sieve;

    #[test]
    fn inserted_words_pass_and_most_others_do_not() {
        let mut sieve = Sieve::default();
        let words: Vec<String> = (0..1000).map(|i| format!("mot{i}é")).collect();
        for w in &words {
            sieve.insert(w);
        }
        assert!(words.iter().all(|w| sieve.may_hold(w)));
        assert!(!sieve.may_hold(""));
        let others = (0..1000)
            .map(|i| format!("autre{i}x"))
            .filter(|w| sieve.may_hold(w))
            .count();
        assert!(others < 200, "{others} of 1,000 other words let through");
    }
}
