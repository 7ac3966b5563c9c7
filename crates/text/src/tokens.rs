//! Tokenisation of the normalised view: words (with hyphenated names and
//! elisions), numbers (1.200, 3,5), dotted acronyms (U.E., J.-M.) and
//! punctuation, each a span of the view.

use std::sync::OnceLock;

use crate::normalise::Span;
use crate::Language;

/// What a token is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters, possibly joined by hyphens or inner apostrophes.
    Word,
    /// Digits, possibly with inner `.`, `,` separators or letters (2023, 3,5, 1.200, 15h).
    Number,
    /// Letters with dots: `U.E.`, `J.-M.`, `U.S.`.
    Acronym,
    /// Any other character, or a run of `.`/`!`/`?`.
    Punct,
}

/// One token: its span in the view, its kind, and the layout before it.
/// Twelve bytes: a long article has a token every five bytes or so, and
/// its span is kept as two `u32` (ingest keeps texts far below 4 GiB).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Where the token starts, in bytes of the view.
    start: u32,
    /// Where it ends.
    end: u32,
    /// What the token is made of.
    pub kind: TokenKind,
    /// Whether whitespace separates it from the previous token.
    pub space_before: bool,
    /// Whether a line break separates it from the previous token.
    pub newline_before: bool,
}

impl Token {
    /// A token at `span` of the view.
    pub fn new(span: Span, kind: TokenKind, space_before: bool, newline_before: bool) -> Token {
        let at = |b: usize| u32::try_from(b).expect("a text under 4 GiB");
        Token {
            start: at(span.start),
            end: at(span.end),
            kind,
            space_before,
            newline_before,
        }
    }

    /// Where the token is, in bytes of the view.
    #[inline]
    pub fn span(&self) -> Span {
        Span::new(self.start as usize, self.end as usize)
    }
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    let bits = word_char_table();
    match bits.get(c as usize / 64) {
        Some(word) => word >> (c as usize % 64) & 1 == 1,
        None => is_word_char_by_property(c),
    }
}

/// What a word is made of, by the Unicode properties.
fn is_word_char_by_property(c: char) -> bool {
    c.is_alphanumeric() || unicode_mark(c)
}

/// Which of the first 2,048 code points (Latin, Greek, Cyrillic, Hebrew,
/// Arabic) are word characters, one bit each: the Unicode property tables
/// answer through a search that costs a hundred instructions a letter.
fn word_char_table() -> &'static [u64; 32] {
    static TABLE: OnceLock<[u64; 32]> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = [0u64; 32];
        for c in (0..2048).filter_map(char::from_u32) {
            if is_word_char_by_property(c) {
                table[c as usize / 64] |= 1 << (c as usize % 64);
            }
        }
        table
    })
}

fn unicode_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}')
}

/// Which bytes are ASCII letters and digits, one entry each: a look-up
/// costs fewer instructions a byte than the range tests.
static ASCII_ALPHANUMERIC: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

/// The length of the run of ASCII letters and digits that `bytes` starts
/// with: most of any word.
fn ascii_alphanumeric_len(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .position(|&b| !ASCII_ALPHANUMERIC[b as usize])
        .unwrap_or(bytes.len())
}

/// The character starting at byte `i` of `s`, if any. Tokenising walks
/// the view by bytes, every position a character boundary, so that no
/// array of characters has to be built first.
fn char_at(s: &str, i: usize) -> Option<char> {
    let b = *s.as_bytes().get(i)?;
    if b.is_ascii() {
        return Some(char::from(b));
    }
    s.get(i..)?.chars().next()
}

/// Splits the view into tokens, using the language's elision list.
pub fn tokenise(view: &str, lang: &Language) -> Vec<Token> {
    let ch = |i: usize| char_at(view, i);
    let mut tokens = Vec::with_capacity(view.len() / 4);
    let mut i = 0;
    let mut space_before = false;
    let mut newline_before = false;
    while let Some(c) = ch(i) {
        if c.is_whitespace() {
            space_before = true;
            newline_before |= c == '\n';
            i += c.len_utf8();
            continue;
        }
        let start = i;
        let kind;
        if let Some(end) = acronym_end(view, i, c) {
            i = end;
            kind = TokenKind::Acronym;
        } else if is_word_char(c) {
            i += c.len_utf8();
            loop {
                // ASCII letters and digits, most of any word, by bytes.
                i += ascii_alphanumeric_len(&view.as_bytes()[i..]);
                // `-`, `.`, `,` and `'` are one byte: the next character
                // starts at `i + 1`, and a digit before is the byte before.
                match ch(i) {
                    Some(c) if is_word_char(c) => i += c.len_utf8(),
                    Some('-') if ch(i + 1).is_some_and(is_word_char) => i += 1,
                    Some('.' | ',')
                        if view.as_bytes()[i - 1].is_ascii_digit()
                            && ch(i + 1).is_some_and(|c| c.is_ascii_digit()) =>
                    {
                        i += 1
                    }
                    Some('\'') if ch(i + 1).is_some_and(char::is_alphabetic) => {
                        if lang.is_elision(&view[start..i]) {
                            i += 1; // the apostrophe stays with the elided word
                            break;
                        }
                        if is_possessive(view, i) {
                            break;
                        }
                        i += 1;
                    }
                    _ => break,
                }
            }
            kind = if c.is_ascii_digit() {
                TokenKind::Number
            } else {
                TokenKind::Word
            };
        } else if c == '\'' && is_possessive(view, i) {
            i += 2;
            kind = TokenKind::Word;
        } else if matches!(c, '.' | '!' | '?') {
            while matches!(ch(i), Some('.' | '!' | '?')) {
                i += 1;
            }
            kind = TokenKind::Punct;
        } else {
            i += c.len_utf8();
            kind = TokenKind::Punct;
        }
        tokens.push(Token::new(
            Span::new(start, i),
            kind,
            space_before,
            newline_before,
        ));
        space_before = false;
        newline_before = false;
    }
    // Reserved for a token every four bytes, a text has fewer (one every
    // five bytes of French news): the rest is given back, since the
    // tokens live as long as the document. Copied rather than shrunk in
    // place: an allocator may keep a block that shrinks by less than half
    // whole (mimalloc does), and this is the largest of the document's.
    if tokens.capacity() > tokens.len() {
        tokens = tokens.as_slice().to_vec();
    }
    tokens
}

/// `'s` closing an English possessive at byte `i`: an apostrophe, `s`,
/// then no letter.
pub(crate) fn is_possessive(view: &str, i: usize) -> bool {
    char_at(view, i) == Some('\'')
        && char_at(view, i + 1) == Some('s')
        && !char_at(view, i + 2).is_some_and(is_word_char)
}

/// The end of a dotted acronym starting at byte `i` (`U.E.`, `J.-M.`), if
/// any: at least two single letters each followed by a dot. `first` is
/// the character at `i`, which the caller has already read.
fn acronym_end(view: &str, i: usize, first: char) -> Option<usize> {
    let ch = |i: usize| char_at(view, i);
    // Every acronym has a dot after its first character: most tokens are
    // ruled out here by one byte, before any Unicode property is looked up.
    if view.as_bytes().get(i + first.len_utf8()) != Some(&b'.') {
        return None;
    }
    let mut j = i;
    let mut letters = 0;
    loop {
        let c = ch(j)?;
        let dot = j + c.len_utf8();
        if !c.is_alphabetic() || ch(dot)? != '.' {
            break;
        }
        letters += 1;
        j = dot + 1;
        match ch(j) {
            Some('-') if ch(j + 1).is_some_and(char::is_uppercase) => j += 1,
            Some(c) if c.is_alphabetic() && ch(j + c.len_utf8()) == Some('.') => {}
            _ => break,
        }
    }
    let after_is_word = ch(j).is_some_and(is_word_char);
    (letters >= 2 && !after_is_word).then_some(j)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The tokeniser as it was before it walked the view by bytes: over
    /// an array of characters. What `tokenise` must give.
    mod reference {
        use super::super::{is_word_char_by_property as is_word_char, Span, Token, TokenKind};
        use crate::Language;

        /// Splits the view into tokens, using the language's elision list.
        pub(super) fn tokenise(view: &str, lang: &Language) -> Vec<Token> {
            let chars: Vec<(usize, char)> = view.char_indices().collect();
            let byte_at = |i: usize| chars.get(i).map(|&(b, _)| b).unwrap_or(view.len());
            let ch = |i: usize| chars.get(i).map(|&(_, c)| c);
            let mut tokens = Vec::new();
            let mut i = 0;
            let mut space_before = false;
            let mut newline_before = false;
            while i < chars.len() {
                let c = chars[i].1;
                if c.is_whitespace() {
                    space_before = true;
                    newline_before |= c == '\n';
                    i += 1;
                    continue;
                }
                let start = i;
                let kind;
                if let Some(end) = acronym_end(&chars, i) {
                    i = end;
                    kind = TokenKind::Acronym;
                } else if is_word_char(c) {
                    i += 1;
                    loop {
                        match ch(i) {
                            Some(c) if is_word_char(c) => i += 1,
                            Some('-') if ch(i + 1).is_some_and(is_word_char) => i += 1,
                            Some('.' | ',')
                                if chars[i - 1].1.is_ascii_digit()
                                    && ch(i + 1).is_some_and(|c| c.is_ascii_digit()) =>
                            {
                                i += 1
                            }
                            Some('\'') if ch(i + 1).is_some_and(char::is_alphabetic) => {
                                let before = &view[byte_at(start)..byte_at(i)];
                                if lang.is_elision(before) {
                                    i += 1; // the apostrophe stays with the elided word
                                    break;
                                }
                                if is_possessive(&chars, i) {
                                    break;
                                }
                                i += 1;
                            }
                            _ => break,
                        }
                    }
                    kind = if c.is_ascii_digit() {
                        TokenKind::Number
                    } else {
                        TokenKind::Word
                    };
                } else if c == '\'' && is_possessive(&chars, i) {
                    i += 2;
                    kind = TokenKind::Word;
                } else if matches!(c, '.' | '!' | '?') {
                    while matches!(ch(i), Some('.' | '!' | '?')) {
                        i += 1;
                    }
                    kind = TokenKind::Punct;
                } else {
                    i += 1;
                    kind = TokenKind::Punct;
                }
                tokens.push(Token::new(
                    Span::new(byte_at(start), byte_at(i)),
                    kind,
                    space_before,
                    newline_before,
                ));
                space_before = false;
                newline_before = false;
            }
            tokens
        }

        /// `'s` closing an English possessive: an apostrophe, `s`, then no letter.
        fn is_possessive(chars: &[(usize, char)], i: usize) -> bool {
            chars.get(i).map(|c| c.1) == Some('\'')
                && chars.get(i + 1).map(|c| c.1) == Some('s')
                && !chars.get(i + 2).is_some_and(|c| is_word_char(c.1))
        }

        /// The end of a dotted acronym starting at `i` (`U.E.`, `J.-M.`), if any:
        /// at least two single letters each followed by a dot.
        fn acronym_end(chars: &[(usize, char)], i: usize) -> Option<usize> {
            let mut j = i;
            let mut letters = 0;
            loop {
                let c = chars.get(j)?.1;
                if !c.is_alphabetic() || chars.get(j + 1)?.1 != '.' {
                    break;
                }
                letters += 1;
                j += 2;
                match chars.get(j).map(|c| c.1) {
                    Some('-') if chars.get(j + 1).is_some_and(|c| c.1.is_uppercase()) => j += 1,
                    Some(c) if c.is_alphabetic() && chars.get(j + 1).map(|c| c.1) == Some('.') => {}
                    _ => break,
                }
            }
            let after_is_word = chars.get(j).is_some_and(|c| is_word_char(c.1));
            (letters >= 2 && !after_is_word).then_some(j)
        }
    }

    /// Text made of the pieces tokenising turns on: letters in and out of
    /// ASCII, marks, digits with separators, hyphens, apostrophes, dots.
    fn tricky_text() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "a",
            "B",
            "é",
            "É",
            "ß",
            "漢",
            "م",
            "\u{301}",
            "\u{5B0}",
            "1",
            "9",
            ".",
            ",",
            "-",
            "'",
            "s",
            "l",
            "qu",
            "U",
            "J",
            "!",
            "?",
            " ",
            "\n",
            "\u{A0}",
            "\u{2028}",
            "«",
            "»",
            "😀",
            "\u{200B}",
            "\t",
            "%",
            "\u{10FFFF}",
        ]);
        prop::collection::vec(pieces, 0..40).prop_map(|p| p.concat())
    }

    proptest! {
        #[test]
        fn tokens_match_the_reference(text in tricky_text(), fr in any::<bool>()) {
            let lang = Language::get(if fr { "fr" } else { "en" });
            prop_assert_eq!(tokenise(&text, lang), reference::tokenise(&text, lang));
        }

        #[test]
        fn tokens_of_any_string_match_the_reference(text in any::<String>()) {
            let lang = Language::get("fr");
            prop_assert_eq!(tokenise(&text, lang), reference::tokenise(&text, lang));
        }
    }

    #[test]
    fn ascii_alphanumeric_runs_end_at_the_first_other_byte() {
        for b in 0..=255u8 {
            assert_eq!(
                ASCII_ALPHANUMERIC[b as usize],
                b.is_ascii_alphanumeric(),
                "{b}"
            );
        }
        assert_eq!(ascii_alphanumeric_len(b"Mali2023 x"), 8);
        assert_eq!(ascii_alphanumeric_len("abé".as_bytes()), 2);
        assert_eq!(ascii_alphanumeric_len(b"zZ09"), 4);
        assert_eq!(ascii_alphanumeric_len(b"-a"), 0);
    }

    #[test]
    fn word_char_table_agrees_with_the_properties() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_word_char(c), is_word_char_by_property(c), "{c:?}");
        }
    }

    fn words(text: &str, lang: &str) -> Vec<String> {
        let lang = Language::load(lang);
        tokenise(text, &lang)
            .iter()
            .map(|t| text[t.span().start..t.span().end].to_string())
            .collect()
    }

    #[test]
    fn french_elisions_split_after_the_apostrophe() {
        assert_eq!(
            words("l'homme d'Ahmad qu'il jusqu'ici", "fr"),
            ["l'", "homme", "d'", "Ahmad", "qu'", "il", "jusqu'", "ici"]
        );
    }

    #[test]
    fn words_with_inner_apostrophes_stay_whole() {
        assert_eq!(words("aujourd'hui", "fr"), ["aujourd'hui"]);
    }

    #[test]
    fn hyphenated_names_are_one_token() {
        assert_eq!(
            words("Iounus-Bek à Saint-Pétersbourg avec al-Mesmari", "fr"),
            ["Iounus-Bek", "à", "Saint-Pétersbourg", "avec", "al-Mesmari"]
        );
    }

    #[test]
    fn numbers_keep_their_separators() {
        assert_eq!(
            words("1.200 soldats, 3,5 %", "fr"),
            ["1.200", "soldats", ",", "3,5", "%"]
        );
    }

    #[test]
    fn dotted_acronyms_and_initials() {
        assert_eq!(
            words("l'U.E. et J.-M. Le Pen", "fr"),
            ["l'", "U.E.", "et", "J.-M.", "Le", "Pen"]
        );
        assert_eq!(words("J. Biden", "en"), ["J", ".", "Biden"]);
    }

    #[test]
    fn english_possessive_splits() {
        assert_eq!(words("Russia's army", "en"), ["Russia", "'s", "army"]);
    }

    #[test]
    fn punctuation_runs() {
        assert_eq!(words("Quoi ?! Non...", "fr"), ["Quoi", "?!", "Non", "..."]);
    }
}
