//! Tables built by a build script and read in place at run time.
//!
//! Parsing hundreds of thousands of names into hash maps when the process
//! starts costs far more than reading one short document, so the large
//! tables are laid out once, at build time, as bytes the binary embeds: a
//! [`Writer`] makes them, a [`Frozen`] reads them where they lie. A lookup
//! hashes the key and probes a few slots; nothing is parsed or allocated.
//!
//! A large table carries a filter of a few bits per key after its slots:
//! most words of a text are not keys of the gazetteer's tables, and the
//! filter turns most of them away from a bitset small enough to stay in
//! the processor's cache, instead of from a slot array of megabytes whose
//! probes go to main memory.
//!
//! Two blobs hold everything: the bytes (tables and fixed-size records,
//! little-endian `u32`/`u64`) and the strings (UTF-8 text, each string once),
//! so strings come back as `&'static str` without a check.

use std::collections::HashMap;

/// Bytes of one hash-table slot: a word holding the kind of slot and a tag
/// (bits of the key's hash), the value, and eight bytes of key: the key
/// itself when it has at most eight bytes (most words do, and the look-up
/// then reads no other memory), else its start and length in the strings.
const SLOT: usize = 16;
/// Longest key kept in its slot.
const INLINE: usize = 8;
/// Where the slot kind starts in the first word: kind 0 marks an empty
/// slot, `1 + n` a key of `n <= INLINE` bytes kept in the slot, [`OUTSIDE`]
/// a key in the strings.
const KIND_SHIFT: u32 = 28;
/// The kind of a slot whose key is in the strings.
const OUTSIDE: u32 = 15;
/// The tag bits of the first word.
const TAG: u32 = (1 << KIND_SHIFT) - 1;

/// Slot arrays larger than this many bytes get a filter: smaller ones stay
/// in the cache without one.
const FILTER_FROM: usize = 64 * 1024;
/// Filter bits per key: with three bits set per key, about one word in
/// twenty that is not a key gets through to the slots.
const FILTER_BITS_PER_KEY: usize = 8;

/// The tag of a hash: bits the slot index does not use.
fn tag_of(h: u64) -> u32 {
    (h >> 32) as u32 & TAG
}

/// The hash the build script and the reader agree on (a 64-bit multiply
/// over 8-byte words, then a finaliser that mixes every bit into the low
/// bits used for the slot and the high bits used for the tag).
pub fn hash(bytes: &[u8]) -> u64 {
    if bytes.len() <= INLINE {
        return hash_short(bytes.len(), padded_word(bytes));
    }
    let mut h = bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        h = mix_in(
            h,
            u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]),
        );
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        h = mix_in(h, padded_word(rest));
    }
    finish(h)
}

/// [`hash`] of a key of `len <= 8` bytes from its [`padded_word`], which a
/// look-up also compares with the slot's key: the key is read once.
fn hash_short(len: usize, word: u64) -> u64 {
    let h = len as u64;
    finish(if len == 0 { h } else { mix_in(h, word) })
}

/// One 8-byte word of the key mixed into the hash.
fn mix_in(h: u64, word: u64) -> u64 {
    (h ^ word)
        .wrapping_mul(0x9e37_79b9_7f4a_7c15)
        .rotate_left(31)
}

/// The finaliser: every bit of the state mixed into the low bits (the
/// slot) and the high bits (the tag and the filter's bits).
fn finish(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// The filter block of a hash (bits 16 to 39) and the three bits it sets
/// in that block (bits 40 to 57).
fn filter_bits(h: u64, blocks: usize) -> (usize, u64) {
    let block = (h >> 16) as usize & (blocks - 1);
    let bit = |shift: u32| 1u64 << ((h >> shift) & 63);
    (block, bit(40) | bit(46) | bit(52))
}

/// Up to eight bytes as a little-endian word padded with zeros, read with
/// two overlapping loads instead of a byte at a time (the bytes both loads
/// hold land in the same place).
fn padded_word(bytes: &[u8]) -> u64 {
    let n = bytes.len();
    let le32 = |at: usize| {
        u64::from(u32::from_le_bytes([
            bytes[at],
            bytes[at + 1],
            bytes[at + 2],
            bytes[at + 3],
        ]))
    };
    match n {
        0 => 0,
        1..=3 => {
            u64::from(bytes[0])
                | u64::from(bytes[n / 2]) << (8 * (n / 2))
                | u64::from(bytes[n - 1]) << (8 * (n - 1))
        }
        4..=7 => le32(0) | le32(n - 4) << (8 * (n - 4)),
        _ => u64::from_le_bytes([
            bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
        ]),
    }
}

/// Lays out tables and records at build time; [`Writer::finish`] gives the
/// two blobs a [`Frozen`] reads.
#[derive(Default)]
pub struct Writer {
    bytes: Vec<u8>,
    strings: String,
    interned: HashMap<String, u32>,
}

impl Writer {
    /// An empty writer.
    pub fn new() -> Self {
        Self::default()
    }

    /// Where the next bytes go: the offset a record or list written now has.
    pub fn offset(&self) -> u32 {
        u32::try_from(self.bytes.len()).expect("frozen bytes under 4 GiB")
    }

    /// Appends a `u32`.
    pub fn u32(&mut self, v: u32) {
        self.bytes.extend_from_slice(&v.to_le_bytes());
    }

    /// Appends a `u64`.
    pub fn u64(&mut self, v: u64) {
        self.bytes.extend_from_slice(&v.to_le_bytes());
    }

    /// Appends a string reference (start and length in the strings blob),
    /// storing the string once however often it is written.
    pub fn str(&mut self, s: &str) {
        let start = self.intern(s);
        self.u32(start);
        self.u32(u32::try_from(s.len()).expect("string under 4 GiB"));
    }

    fn intern(&mut self, s: &str) -> u32 {
        if let Some(&start) = self.interned.get(s) {
            return start;
        }
        let start = u32::try_from(self.strings.len()).expect("frozen strings under 4 GiB");
        self.strings.push_str(s);
        self.interned.insert(s.to_string(), start);
        start
    }

    /// Writes a hash table from keys to values and returns its offset, for
    /// [`Frozen::table`]. Keys must be distinct.
    pub fn table<'k>(&mut self, entries: impl IntoIterator<Item = (&'k str, u32)>) -> u32 {
        let entries: Vec<(&str, u32)> = entries.into_iter().collect();
        // At most half full, so a missing key stops after a slot or two.
        let slots = (entries.len() * 2).next_power_of_two().max(1);
        let mut layout = vec![[0u8; SLOT]; slots];
        let blocks = if slots * SLOT > FILTER_FROM {
            (entries.len() * FILTER_BITS_PER_KEY)
                .div_ceil(64)
                .next_power_of_two()
        } else {
            0
        };
        assert!(blocks <= 1 << 24, "a filter of at most 2^24 blocks");
        let mut filter = vec![0u64; blocks];
        for &(key, value) in &entries {
            let h = hash(key.as_bytes());
            if blocks != 0 {
                let (block, bits) = filter_bits(h, blocks);
                filter[block] |= bits;
            }
            let mut i = h as usize & (slots - 1);
            while layout[i] != [0; SLOT] {
                i = (i + 1) & (slots - 1);
            }
            let mut slot = [0u8; SLOT];
            let kind = if key.len() <= INLINE {
                slot[8..8 + key.len()].copy_from_slice(key.as_bytes());
                1 + key.len() as u32
            } else {
                let start = self.intern(key);
                let len = u32::try_from(key.len()).expect("key under 4 GiB");
                slot[8..12].copy_from_slice(&start.to_le_bytes());
                slot[12..16].copy_from_slice(&len.to_le_bytes());
                OUTSIDE
            };
            slot[0..4].copy_from_slice(&(kind << KIND_SHIFT | tag_of(h)).to_le_bytes());
            slot[4..8].copy_from_slice(&value.to_le_bytes());
            layout[i] = slot;
        }
        let at = self.offset();
        self.u32(u32::try_from(slots).expect("slots under 4 Gi"));
        for slot in layout {
            self.bytes.extend_from_slice(&slot);
        }
        self.u32(u32::try_from(blocks).expect("blocks under 4 Gi"));
        for block in filter {
            self.u64(block);
        }
        at
    }

    /// The bytes and the strings, to write where the binary embeds them.
    pub fn finish(self) -> (Vec<u8>, String) {
        (self.bytes, self.strings)
    }
}

/// The two blobs a build script wrote, embedded in the binary.
#[derive(Clone, Copy, Debug)]
pub struct Frozen {
    bytes: &'static [u8],
    strings: &'static str,
}

impl Frozen {
    /// Reads the blobs a [`Writer`] finished.
    pub const fn new(bytes: &'static [u8], strings: &'static str) -> Self {
        Frozen { bytes, strings }
    }

    /// The `u32` at byte offset `at`.
    pub fn u32(&self, at: usize) -> u32 {
        let b = &self.bytes[at..at + 4];
        u32::from_le_bytes([b[0], b[1], b[2], b[3]])
    }

    /// The `u64` at byte offset `at`.
    pub fn u64(&self, at: usize) -> u64 {
        u64::from(self.u32(at)) | (u64::from(self.u32(at + 4)) << 32)
    }

    /// The string [`Writer::str`] wrote at byte offset `at`.
    pub fn str(&self, at: usize) -> &'static str {
        let start = self.u32(at) as usize;
        &self.strings[start..start + self.u32(at + 4) as usize]
    }

    /// The hash table [`Writer::table`] wrote at byte offset `at`.
    pub fn table(&self, at: u32) -> Table {
        let at = at as usize;
        let slots = self.u32(at) as usize;
        let filter = at + 4 + slots * SLOT;
        Table {
            frozen: *self,
            slots: at + 4,
            mask: slots - 1,
            filter: filter + 4,
            blocks: self.u32(filter) as usize,
        }
    }
}

/// A hash table from strings to `u32` values, read in place.
#[derive(Clone, Copy, Debug)]
pub struct Table {
    frozen: Frozen,
    slots: usize,
    mask: usize,
    /// Where the filter's 64-bit blocks start, and how many there are (a
    /// power of two, or 0 for a table without a filter).
    filter: usize,
    blocks: usize,
}

impl Table {
    /// The value of `key`, if the table has it.
    pub fn get(&self, key: &str) -> Option<u32> {
        let key = key.as_bytes();
        // The kind of the slot that holds this key, and the key as the
        // slot keeps it, when it is kept inline.
        let inline = (key.len() <= INLINE).then(|| (1 + key.len() as u32, padded_word(key)));
        let h = match inline {
            Some((_, word)) => hash_short(key.len(), word),
            None => hash(key),
        };
        if !self.may_hold(h) {
            return None;
        }
        let tag = tag_of(h);
        let mut i = h as usize & self.mask;
        loop {
            let at = self.slots + i * SLOT;
            // One bounds check for the whole slot.
            let slot: &[u8; SLOT] = self.frozen.bytes[at..at + SLOT]
                .try_into()
                .expect("a slot is SLOT bytes");
            let field =
                |k: usize| u32::from_le_bytes([slot[k], slot[k + 1], slot[k + 2], slot[k + 3]]);
            let head = field(0);
            let kind = head >> KIND_SHIFT;
            if kind == 0 {
                return None;
            }
            if head & TAG == tag {
                let found = match inline {
                    Some((inline_kind, word)) => {
                        kind == inline_kind
                            && u64::from_le_bytes([
                                slot[8], slot[9], slot[10], slot[11], slot[12], slot[13], slot[14],
                                slot[15],
                            ]) == word
                    }
                    None => {
                        let (start, len) = (field(8) as usize, field(12) as usize);
                        kind == OUTSIDE
                            && len == key.len()
                            && &self.frozen.strings.as_bytes()[start..start + len] == key
                    }
                };
                if found {
                    return Some(field(4));
                }
            }
            i = (i + 1) & self.mask;
        }
    }

    /// False when the filter says no key has the hash `h`.
    fn may_hold(&self, h: u64) -> bool {
        if self.blocks == 0 {
            return true;
        }
        let (block, bits) = filter_bits(h, self.blocks);
        let at = self.filter + block * 8;
        let word: &[u8; 8] = self.frozen.bytes[at..at + 8]
            .try_into()
            .expect("a filter block is 8 bytes");
        u64::from_le_bytes(*word) & bits == bits
    }

    /// Whether the table has `key`.
    pub fn contains(&self, key: &str) -> bool {
        self.get(key).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leak(w: Writer) -> Frozen {
        let (bytes, strings) = w.finish();
        Frozen::new(bytes.leak(), strings.leak())
    }

    #[test]
    fn tables_find_every_key_and_nothing_else() {
        // Keys of every length around the inline limit, and longer.
        let words: Vec<String> = (0..3000)
            .map(|i| format!("mot{i}é"))
            .chain((0..1500).map(|i| format!("un mot bien plus long {i}")))
            .chain((0..=12).map(|n| "x".repeat(n)))
            .collect();
        let mut w = Writer::new();
        let empty = w.table([]);
        let at = w.table(
            words
                .iter()
                .enumerate()
                .map(|(i, k)| (k.as_str(), i as u32)),
        );
        let f = leak(w);
        let t = f.table(at);
        for (i, k) in words.iter().enumerate() {
            assert_eq!(t.get(k), Some(i as u32), "{k}");
        }
        assert!(!t.contains("mot5000é"));
        assert!(!t.contains("un mot bien plus long 1500"));
        assert!(!t.contains("x".repeat(13).as_str()));
        assert!(!f.table(empty).contains("mot1é"));
    }

    #[test]
    fn large_tables_filter_out_most_missing_keys() {
        let keys: Vec<String> = (0..20_000).map(|i| format!("clé {i}")).collect();
        let mut w = Writer::new();
        let small = w.table([("un", 1)]);
        let large = w.table(keys.iter().map(|k| (k.as_str(), 0)));
        let f = leak(w);
        let (small, large) = (f.table(small), f.table(large));
        assert_eq!(small.blocks, 0);
        assert!(large.blocks > 0);
        assert!(keys.iter().all(|k| large.may_hold(hash(k.as_bytes()))));
        let through = (0..20_000)
            .map(|i| format!("autre {i}"))
            .filter(|k| large.may_hold(hash(k.as_bytes())))
            .count();
        assert!(
            through < 1_000,
            "{through} of 20,000 missing keys let through"
        );
    }

    #[test]
    fn padded_words_are_the_bytes_in_order_then_zeros() {
        let bytes = b"abcdefgh";
        for n in 0..=8 {
            let mut padded = [0u8; 8];
            padded[..n].copy_from_slice(&bytes[..n]);
            assert_eq!(padded_word(&bytes[..n]), u64::from_le_bytes(padded), "{n}");
        }
    }

    /// The hash reads the last bytes as a zero-padded little-endian word.
    #[test]
    fn hash_pads_the_last_word_with_zeros() {
        let text = b"Forces armees arabes libyennes";
        for len in 0..text.len() {
            let bytes = &text[..len];
            let mut padded = bytes.to_vec();
            padded.resize(len.div_ceil(8) * 8, 0);
            let full = hash(&padded);
            // Same words, only the length (the seed) differs.
            let reseeded = {
                let mut h = len as u64;
                for c in padded.chunks_exact(8) {
                    let w = u64::from_le_bytes(c.try_into().unwrap());
                    h = (h ^ w).wrapping_mul(0x9e37_79b9_7f4a_7c15).rotate_left(31);
                }
                h ^= h >> 33;
                h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
                h ^= h >> 33;
                h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
                h ^ (h >> 33)
            };
            assert_eq!(hash(bytes), reseeded, "{len}");
            assert_eq!(len % 8 == 0, hash(bytes) == full, "{len}");
        }
    }

    #[test]
    fn records_read_back_as_written() {
        let mut w = Writer::new();
        let at = w.offset() as usize;
        w.str("Bamako");
        w.u64(u64::MAX - 7);
        w.str("Bamako");
        w.u32(42);
        let f = leak(w);
        assert_eq!(f.str(at), "Bamako");
        assert_eq!(f.u64(at + 8), u64::MAX - 7);
        assert_eq!(f.str(at + 16), "Bamako");
        assert_eq!(f.u32(at + 24), 42);
        assert_eq!(f.strings, "Bamako");
    }
}
