//! Counting the characters of a stretch of UTF-8 bytes that need not
//! start or end on a character boundary (a fixed-size block of a text).

/// Whether `b` starts a character in UTF-8 (is not a continuation byte).
pub(crate) fn starts_char(b: u8) -> bool {
    (b as i8) >= -0x40
}

/// How many characters start in `bytes`: the bytes that are not UTF-8
/// continuation bytes. Counted eight bytes at a time, since the maps
/// from view bytes to original code points count whole blocks of every
/// text: a byte at a time cost more than tokenising it.
pub fn char_starts(bytes: &[u8]) -> usize {
    let mut chunks = bytes.chunks_exact(8);
    let mut starts = 0;
    for chunk in &mut chunks {
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        // A continuation byte has its top bit set and the next one clear.
        starts += 8 - (x & !(x << 1) & 0x8080_8080_8080_8080).count_ones() as usize;
    }
    starts
        + chunks
            .remainder()
            .iter()
            .filter(|&&b| starts_char(b))
            .count()
}

/// A word cut at its last hyphen ("Iran-backed" → "Iran", "backed"), or
/// `None` without one. The hyphen is one ASCII byte, so the bytes are
/// searched from the end directly: `str::rsplit_once` looks for a
/// character and, on the short words of a text, costs several times
/// more, for every capitalised word the names and the coder try.
pub fn split_at_last_hyphen(word: &str) -> Option<(&str, &str)> {
    let at = word.bytes().rposition(|b| b == b'-')?;
    Some((&word[..at], &word[at + 1..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_is_cut_at_its_last_hyphen() {
        for word in [
            "Iran-backed",
            "Al-Qaïda-linked",
            "Zoë-led",
            "-",
            "a-",
            "-b",
            "État",
            "",
        ] {
            assert_eq!(split_at_last_hyphen(word), word.rsplit_once('-'), "{word}");
        }
    }

    #[test]
    fn counts_the_characters_starting_in_any_stretch_of_bytes() {
        let text = "Zoë a dit « déjà » à l’équipe: 東京 🙂, naïve ÇA.";
        let bytes = text.as_bytes();
        for start in 0..bytes.len() {
            for end in start..=bytes.len() {
                let slow = bytes[start..end]
                    .iter()
                    .filter(|&&b| starts_char(b))
                    .count();
                assert_eq!(char_starts(&bytes[start..end]), slow, "{start}..{end}");
            }
        }
        assert_eq!(char_starts(bytes), text.chars().count());
    }
}
