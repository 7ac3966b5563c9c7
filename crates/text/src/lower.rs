//! Lowercasing, once for the whole view.
//!
//! Dates, quotes and events look every token up by its lowercase text.
//! The view is lowercased once, in [`crate::Doc::new`], keeping every
//! byte offset, so that a token's span indexes its lowercase text too;
//! when some character's lowercase has another length (`İ`) or depends
//! on its neighbours (a capital sigma), each token is lowercased on its
//! own instead.

use std::ops::Index;

use crate::{Span, Token};

/// The lowercase text of every token of a document, by token index:
/// slices of the view's lowercase found through the tokens' spans, or,
/// when the view's lowercase cannot keep their offsets, of the tokens
/// lowercased one by one. Made by [`crate::Doc::lower_tokens`]; it holds
/// no string per token, so that a stage reading every token's lowercase
/// costs no memory per token.
#[derive(Clone, Copy)]
pub struct LowerTokens<'a> {
    text: &'a str,
    /// Tokens whose spans are in `text`.
    tokens: &'a [Token],
}

/// The tokens of a view whose lowercase cannot keep its offsets (`İ`, a
/// capital sigma), lowercased one by one: their text and their spans in
/// it.
#[derive(Debug)]
pub(crate) struct Lowered {
    text: String,
    tokens: Vec<Token>,
}

impl Lowered {
    /// Lowercases each of `tokens` of `view` on its own.
    pub(crate) fn new(view: &str, tokens: &[Token]) -> Self {
        let mut text = String::new();
        let tokens = tokens
            .iter()
            .map(|t| {
                let start = text.len();
                lowercase_into(&mut text, &view[t.span().start..t.span().end]);
                Token::new(
                    Span::new(start, text.len()),
                    t.kind,
                    t.space_before,
                    t.newline_before,
                )
            })
            .collect();
        Lowered { text, tokens }
    }
}

impl<'a> LowerTokens<'a> {
    /// The tokens of a view, whose lowercase `lower` keeps its offsets.
    pub(crate) fn of_view(lower: &'a str, tokens: &'a [Token]) -> Self {
        LowerTokens {
            text: lower,
            tokens,
        }
    }

    /// The tokens lowercased one by one.
    pub(crate) fn of_lowered(lowered: &'a Lowered) -> Self {
        LowerTokens {
            text: &lowered.text,
            tokens: &lowered.tokens,
        }
    }

    /// The text the tokens' lowercase forms are slices of, and the
    /// tokens whose spans are in it.
    pub(crate) fn parts(&self) -> (&'a str, &'a [Token]) {
        (self.text, self.tokens)
    }

    /// How many tokens there are.
    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    /// Whether there is no token.
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// The lowercase text of token `i`, if there is one.
    #[inline]
    pub fn get(&self, i: usize) -> Option<&'a str> {
        let span = self.tokens.get(i)?.span();
        self.text.get(span.start..span.end)
    }

    /// Every token's lowercase text, in order.
    pub fn iter(&self) -> impl Iterator<Item = &'a str> + '_ {
        let text = self.text;
        self.tokens
            .iter()
            .map(move |t| &text[t.span().start..t.span().end])
    }
}

impl Index<usize> for LowerTokens<'_> {
    type Output = str;

    /// The lowercase text of token `i`; panics past the last token, as a
    /// slice does.
    #[inline]
    fn index(&self, i: usize) -> &str {
        let span = self.tokens[i].span();
        &self.text[span.start..span.end]
    }
}

/// Appends `text.to_lowercase()` to `out`: the one lowercasing of the
/// extractors, for a token that the view's lowercase does not hold.
/// Runs of ASCII are lowercased in bulk rather than a character at a time.
pub fn lowercase_into(out: &mut String, text: &str) {
    let start = out.len();
    if !lowercase_keeping_offsets(out, text) {
        // A capital sigma, or a character whose lowercase is longer.
        out.truncate(start);
        out.push_str(&text.to_lowercase());
    }
}

/// Appends `text` lowercased to `out` and tells whether every character
/// kept its length, so that offsets into `text` hold in the copy. False,
/// with `out` part written, when one did not or `text` holds a capital
/// sigma, which lowercases by its neighbours.
///
/// `text` is copied and its ASCII lowercased in bulk; then only the
/// characters past ASCII are visited, and most of them (`é`, `’`)
/// lowercase to themselves.
pub(crate) fn lowercase_keeping_offsets(out: &mut String, text: &str) -> bool {
    if text.contains('Σ') {
        return false;
    }
    let start = out.len();
    out.push_str(text);
    out[start..].make_ascii_lowercase();
    let mut at = 0;
    while let Some(i) = next_non_ascii(text.as_bytes(), at) {
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        at = i + c.len_utf8();
        if lowercases_to_itself(c) {
            continue;
        }
        let lower: String = c.to_lowercase().collect();
        if lower.len() != c.len_utf8() {
            return false;
        }
        out.replace_range(start + i..start + at, &lower);
    }
    true
}

/// Where the first byte at or after `from` that is not ASCII is, looked
/// for eight bytes at a time.
fn next_non_ascii(bytes: &[u8], from: usize) -> Option<usize> {
    let rest = bytes.get(from..)?;
    let mut chunks = rest.chunks_exact(8);
    let mut offset = from;
    for chunk in &mut chunks {
        let high = u64::from_le_bytes(chunk.try_into().ok()?) & 0x8080_8080_8080_8080;
        if high != 0 {
            return Some(offset + high.trailing_zeros() as usize / 8);
        }
        offset += 8;
    }
    chunks
        .remainder()
        .iter()
        .position(|b| !b.is_ascii())
        .map(|p| offset + p)
}

/// Whether `c.to_lowercase()` is `c` alone, answered without the Unicode
/// tables for the characters French and English text is full of: Latin-1
/// outside its capitals, and general punctuation (`’`, `–`).
fn lowercases_to_itself(c: char) -> bool {
    match c {
        '\u{80}'..='\u{bf}' | '×' | 'ß'..='ÿ' | '\u{2000}'..='\u{206f}' => true,
        'À'..='Þ' => false,
        _ => {
            let mut lower = c.to_lowercase();
            lower.next() == Some(c) && lower.next().is_none()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Doc;

    #[test]
    fn lowercases_to_itself_agrees_with_the_unicode_tables() {
        for c in (0..=0x3000).filter_map(char::from_u32) {
            let same = c.to_lowercase().eq(std::iter::once(c));
            assert_eq!(lowercases_to_itself(c), same, "{c:?}");
        }
    }

    #[test]
    fn lowercase_into_is_to_lowercase() {
        for text in [
            "",
            "mardi",
            "Mardi",
            "MARDI",
            "août",
            "ÉTÉ",
            "ÉTATS-UNIS",
            "l’Élysée",
            "İstanbul",
            "Straße",
            "ẞ",
            "ΣΟΦΙΑΣ",
            "ΟΔΥΣΣΕΥΣ.Α",
            "Σ",
            "ǅ",
            "ǅemal",
            "a longer text, past eight bytes: Élysée, Ørsted, Ærø, İ, Σ.",
        ] {
            let mut out = String::from("x");
            lowercase_into(&mut out, text);
            assert_eq!(out, format!("x{}", text.to_lowercase()), "{text}");
        }
    }

    #[test]
    fn lowercase_keeping_offsets_is_to_lowercase() {
        for text in [
            "",
            "Le Président",
            "ÉTÉ À L’ÉLYSÉE – «Paris» ×2 Straße ÿ ǅ Ꭰ",
            "a longer text, past eight bytes: Élysée, Ørsted, Ærø, Þingvellir.",
        ] {
            let mut out = String::from("x");
            assert!(lowercase_keeping_offsets(&mut out, text), "{text}");
            assert_eq!(out, format!("x{}", text.to_lowercase()));
        }
        for text in ["İlham", "ΟΔΥΣΣΕΥΣ", "Σ", "ẞ"] {
            assert!(
                !lowercase_keeping_offsets(&mut String::new(), text),
                "{text}"
            );
        }
        assert_eq!(next_non_ascii(b"abcdefghij\xc3\xa9", 3), Some(10));
        assert_eq!(next_non_ascii(b"abc", 3), None);
        assert_eq!(next_non_ascii(b"abc", 4), None);
    }

    #[test]
    fn tokens_lowercase_as_to_lowercase_does() {
        for (text, whole) in [
            ("Le 14 Juillet, À PARIS, l’État a défilé.", true),
            ("ǅemal le 3 mai", true),
            // "İ" lowercases to three bytes, "ẞ" to two.
            ("Le président a rencontré İlham Aliyev.", false),
            ("STRAẞE le 3 mai", false),
            // A capital sigma lowercases by its neighbours.
            ("ΟΔΥΣΣΕΥΣ a rencontré Ali Ahmed.", false),
        ] {
            let doc = Doc::new(text, Some("fr"));
            assert_eq!(doc.lower().is_some(), whole, "{text}");
            let low = doc.lower_tokens();
            assert_eq!(low.len(), doc.tokens.len());
            for (i, low) in low.iter().enumerate() {
                assert_eq!(low, doc.token_text(i).to_lowercase(), "{text}");
            }
        }
    }
}
