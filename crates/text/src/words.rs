//! Each distinct lowercase word of a document, once.
//!
//! Every stage looks tokens up in its tables by their lowercase text, and
//! an article repeats its words: about half its tokens are a word met
//! before in it. The document numbers its distinct lowercase words once,
//! in [`crate::Doc::new`], so that a stage can keep what its tables say of
//! a word by that number, in a vector, and ask its tables once a word
//! rather than hash every token again.

use rustc_hash::{FxBuildHasher, FxHashMap};

use crate::{LowerTokens, Span};

/// The distinct lowercase words of a document, numbered in the order of
/// their first token, and each token's word.
#[derive(Debug, Default)]
pub struct WordIds {
    /// Token → its word.
    of_token: Vec<u32>,
    /// Word → the first token that is it.
    first: Vec<u32>,
}

impl WordIds {
    /// Numbers the lowercase texts of `lower`, every token of a document.
    pub(crate) fn new(lower: LowerTokens) -> Self {
        let (text, tokens) = lower.parts();
        let mut seen = Seen::with_capacity(tokens.len().min(4096));
        let mut first = Vec::new();
        let of_token = tokens
            .iter()
            .enumerate()
            .map(|(t, token)| {
                seen.index(text, token.span(), || {
                    first.push(u32::try_from(t).expect("fewer than 2^32 tokens"));
                    u32::try_from(first.len() - 1).expect("fewer than 2^32 words")
                })
            })
            .collect();
        WordIds { of_token, first }
    }

    /// The word of token `t`: equal for two tokens exactly when their
    /// lowercase texts are. Below [`WordIds::len`].
    #[inline]
    pub fn of(&self, t: usize) -> usize {
        self.of_token[t] as usize
    }

    /// How many distinct words the document has.
    pub fn len(&self) -> usize {
        self.first.len()
    }

    /// Whether the document has no token.
    pub fn is_empty(&self) -> bool {
        self.first.is_empty()
    }

    /// The first token that is word `w`.
    pub fn first_token(&self, w: usize) -> usize {
        self.first[w] as usize
    }
}

/// The distinct texts met so far: a text of up to 15 bytes is keyed by
/// its bytes and length packed in one integer, so that most tokens hash
/// and compare one number, not a string.
struct Seen<'a> {
    /// Texts of one byte (punctuation, "a"), by byte.
    byte: [u32; 256],
    short: FxHashMap<u128, u32>,
    long: FxHashMap<&'a str, u32>,
}

impl<'a> Seen<'a> {
    fn with_capacity(n: usize) -> Self {
        Seen {
            byte: [u32::MAX; 256],
            short: FxHashMap::with_capacity_and_hasher(n, FxBuildHasher),
            long: FxHashMap::default(),
        }
    }

    /// The number of the text at `span` of `text`, made by `add` when it
    /// is new. Inlined in the one loop that calls it, once a token.
    #[inline]
    fn index(&mut self, text: &'a str, span: Span, add: impl FnOnce() -> u32) -> u32 {
        let len = span.end - span.start;
        if len == 1 {
            let slot = &mut self.byte[usize::from(text.as_bytes()[span.start])];
            if *slot == u32::MAX {
                *slot = add();
            }
            return *slot;
        }
        if len > 15 {
            return *self
                .long
                .entry(&text[span.start..span.end])
                .or_insert_with(add);
        }
        *self
            .short
            .entry(packed(text.as_bytes(), span))
            .or_insert_with(add)
    }
}

/// The low `n` bytes of a `u128` set, for `n` up to 15: a look-up rather
/// than a shift of 128 bits a token.
const MASKS: [u128; 16] = {
    let mut masks = [0u128; 16];
    let mut n = 1;
    while n < 16 {
        masks[n] = (1u128 << (8 * n)) - 1;
        n += 1;
    }
    masks
};

/// The bytes at `span` of `bytes`, at most 15, and their length in the
/// last byte, as one integer: read as one load of sixteen bytes where
/// the text goes on that far, most tokens' case.
fn packed(bytes: &[u8], span: Span) -> u128 {
    let len = span.end - span.start;
    let key = match bytes.get(span.start..span.start + 16) {
        Some(sixteen) => {
            let mut key = [0u8; 16];
            key.copy_from_slice(sixteen);
            u128::from_le_bytes(key) & MASKS[len]
        }
        None => {
            let mut key = [0u8; 16];
            key[..len].copy_from_slice(&bytes[span.start..span.end]);
            u128::from_le_bytes(key)
        }
    };
    key | (len as u128) << 120
}

#[cfg(test)]
mod tests {
    use super::packed;
    use crate::{Doc, Span};

    #[test]
    fn a_text_packs_alike_wherever_it_stands() {
        let text = b"xx mot yy and a longer tail of text after it";
        let end = b"a mot";
        assert_eq!(packed(text, Span::new(3, 6)), packed(end, Span::new(2, 5)));
        assert_ne!(packed(text, Span::new(3, 6)), packed(text, Span::new(3, 5)));
    }

    #[test]
    fn tokens_share_a_word_exactly_when_their_lowercase_is_the_same() {
        let doc = Doc::new(
            "Le Monde dit : le monde, LE MONDE et un mot bien plus long qu'anticonstitutionnellement.",
            Some("fr"),
        );
        let ids = doc.word_ids();
        let lower = doc.lower_tokens();
        for a in 0..doc.tokens.len() {
            assert_eq!(lower.get(ids.first_token(ids.of(a))), lower.get(a));
            for b in 0..doc.tokens.len() {
                assert_eq!(ids.of(a) == ids.of(b), lower.get(a) == lower.get(b));
            }
        }
        let distinct: std::collections::HashSet<_> = lower.iter().collect();
        assert_eq!(ids.len(), distinct.len());
        // Numbered in the order of their first token.
        assert!((1..ids.len()).all(|w| ids.first_token(w - 1) < ids.first_token(w)));
    }
}
