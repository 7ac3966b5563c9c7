//! The normalised view of a text and its exact map back to the original.
//!
//! Extractors read one spelling of each character: NFC, straight
//! apostrophes, guillemets for every pair of typographic double quotes,
//! plain spaces for non-breaking and narrow ones, no zero-width characters.
//! Every byte boundary of the view remembers the code point of the original
//! it came from, so any span found in the view maps back exactly.

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use crate::origins::Origins;

/// A half-open range of byte offsets into the normalised view.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Span {
    /// First byte of the span.
    pub start: usize,
    /// One past the last byte of the span.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (bytes of the view).
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// Whether the two spans share at least one byte.
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// Whether `other` lies entirely inside this span.
    pub fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the span is empty.
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
}

/// The original text, kept once, with its normalised view.
#[derive(Debug, Clone)]
pub struct Text {
    original: String,
    view: String,
    /// Where each byte of the view came from in the original.
    origins: Origins,
}

/// How one original character reads in the view; `None` removes it.
fn normalise_char(c: char) -> Option<char> {
    Some(match c {
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => return None,
        '\u{00A0}' | '\u{202F}' | '\u{2000}'..='\u{200A}' | '\u{3000}' | '\u{205F}' => ' ',
        '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{2032}' | '\u{00B4}' | '\u{02BB}' => '\'',
        '\u{201C}' | '\u{201E}' | '\u{201F}' | '\u{275D}' => '«',
        '\u{201D}' | '\u{275E}' => '»',
        '\u{2010}' | '\u{2011}' => '-',
        '\t' | '\u{000B}' | '\u{000C}' => ' ',
        '\u{2028}' | '\u{2029}' | '\u{0085}' => '\n',
        '\0' => ' ',
        c => c,
    })
}

/// The view and its map, while they are built.
#[derive(Debug, PartialEq, Eq)]
struct Mapped {
    view: String,
    origins: Origins,
}

impl Mapped {
    fn with_capacity(bytes: usize) -> Self {
        Mapped {
            view: String::with_capacity(bytes),
            origins: Origins::default(),
        }
    }

    /// Appends `c`, coming from original code points `start..end`.
    fn push(&mut self, c: char, start: usize, end: usize) {
        self.origins.one(start, end);
        self.view.push(c);
    }

    /// Appends a run of ASCII that reads as itself, starting at original
    /// code point `first`: one code point per byte.
    fn push_ascii(&mut self, run: &str, first: usize) {
        self.origins.one_each(run.len(), first);
        self.view.push_str(run);
    }

    /// Appends a two-byte letter that reads as itself (see
    /// `is_latin_lead`), original code point `at`.
    fn push_latin(&mut self, letter: &str, at: usize) {
        self.origins.one_each(1, at);
        self.view.push_str(letter);
    }

    /// Ends the view of an original of `total` code points.
    fn finish(mut self, total: usize) -> Self {
        self.origins.finish(&self.view, total);
        self
    }
}

/// Whether an ASCII byte reads as itself in the view (`normalise_char`
/// changes only tabs, vertical tabs, form feeds and NUL among them).
fn is_plain_ascii(b: u8) -> bool {
    b.is_ascii() && !matches!(b, b'\t' | 0x0B | 0x0C | 0)
}

/// The length of the run of plain ASCII that `bytes` starts with.
/// Printable ASCII, the bulk of prose, is tested sixteen bytes at a time
/// with no branch per byte; only sixteen bytes holding something else (a
/// line break, an accent) are looked at one by one, so that a line break
/// does not turn the rest of the run into a byte-by-byte scan.
fn plain_ascii_len(bytes: &[u8]) -> usize {
    let mut len = 0;
    for chunk in bytes.chunks(16) {
        let printable = chunk
            .iter()
            .fold(true, |all, &b| all & (b' '..=0x7F).contains(&b));
        if !printable {
            if let Some(other) = chunk.iter().position(|&b| !is_plain_ascii(b)) {
                return len + other;
            }
        }
        len += chunk.len();
    }
    len
}

/// The length of what follows a plain ASCII run: one ASCII character the
/// view changes, or a run of non-ASCII characters.
fn other_len(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .position(u8::is_ascii)
        .unwrap_or(bytes.len())
        .max(1)
}

/// Whether `b` leads the UTF-8 of a letter from U+00C0 to U+027F (`é`,
/// `ç`, `ł`): two bytes, a starter that the NFC quick check accepts, as
/// it does ASCII, and that reads as itself in the view, so it is copied
/// without the check or decoding. The view of the most frequent
/// characters past ASCII costs a few instructions instead of a couple of
/// hundred.
fn is_latin_lead(b: u8) -> bool {
    (0xC3..=0xC9).contains(&b)
}

/// `c` as the NFC quick check needs to see it: every code point below the
/// combining diacritical marks (`é`, `«`, a non-breaking space) is a
/// starter that the check accepts, just as it does ASCII, so it is shown
/// as an ASCII letter, which the check passes without its tables.
fn for_quick_check(c: char) -> char {
    if c < '\u{300}' {
        'a'
    } else {
        c
    }
}

/// The view of text already composed, as nearly all text is, or `None`
/// when the NFC quick check does not say yes: one character at a time,
/// with no composition to look ahead for, and runs of plain ASCII copied
/// whole, Latin letters (see `is_latin_lead`) copied as they are. ASCII
/// characters and those letters are starters that the quick check
/// accepts and resets its state on, so each run of other characters is
/// checked on its own, as it is met: a combining mark after a letter
/// still is.
fn composed_view(original: &str) -> Option<Mapped> {
    let bytes = original.as_bytes();
    let mut out = Mapped::with_capacity(original.len());
    let mut pos = 0;
    let mut count = 0;
    loop {
        let run = plain_ascii_len(&bytes[pos..]);
        out.push_ascii(&original[pos..pos + run], count);
        pos += run;
        count += run;
        if pos == bytes.len() {
            break;
        }
        if is_latin_lead(bytes[pos]) {
            out.push_latin(&original[pos..pos + 2], count);
            pos += 2;
            count += 1;
            continue;
        }
        let end = pos + other_len(&bytes[pos..]);
        let other = &original[pos..end];
        if is_nfc_quick(other.chars().map(for_quick_check)) != IsNormalized::Yes {
            return None;
        }
        for c in other.chars() {
            if let Some(n) = normalise_char(c) {
                out.push(n, count, count + 1);
            }
            count += 1;
        }
        pos = end;
    }
    Some(out.finish(count))
}

/// The view of text that needs composing, group by group.
fn grouped_view(original: &str) -> Mapped {
    let chars: Vec<char> = original.chars().collect();
    let mut out = Mapped::with_capacity(original.len());
    let mut i = 0;
    while i < chars.len() {
        // A group is a character and what may compose with it: the
        // combining marks that follow, and characters whose NFC status
        // depends on their neighbour (Hangul vowels, some Indic signs).
        // Composition never crosses a group, so every character the
        // group becomes maps to the group's whole extent in the original.
        let mut j = i + 1;
        while j < chars.len()
            && (canonical_combining_class(chars[j]) != 0
                || is_nfc_quick(std::iter::once(chars[j])) == IsNormalized::Maybe)
        {
            j += 1;
        }
        for c in chars[i..j].iter().copied().nfc() {
            if let Some(c) = normalise_char(c) {
                out.push(c, i, j);
            }
        }
        i = j;
    }
    out.finish(chars.len())
}

impl Text {
    /// Builds the view of `original`.
    pub fn new(original: impl Into<String>) -> Self {
        let original = original.into();
        let Mapped { view, origins } =
            composed_view(&original).unwrap_or_else(|| grouped_view(&original));
        Text {
            original,
            view,
            origins,
        }
    }

    /// The text exactly as it was given.
    pub fn original(&self) -> &str {
        &self.original
    }

    /// The text exactly as it was given, handed back to a caller that
    /// gave it and needs it after the document.
    pub fn into_original(self) -> String {
        self.original
    }

    /// The normalised view that extractors read.
    pub fn view(&self) -> &str {
        &self.view
    }

    /// The view's text under a span.
    pub fn slice(&self, span: Span) -> &str {
        &self.view[span.start..span.end]
    }

    /// The span's code-point offsets in the original text: `(start, end)`,
    /// end exclusive. Characters the view dropped (a zero-width space) at a
    /// span's edge stay outside it.
    pub fn to_original(&self, span: Span) -> (usize, usize) {
        let start = self.origins.start(&self.view, span.start);
        if span.is_empty() {
            return (start, start);
        }
        (start, self.origins.end(&self.view, span.end - 1))
    }

    /// The original text under a span.
    pub fn original_slice(&self, span: Span) -> String {
        let (s, e) = self.to_original(span);
        self.original.chars().skip(s).take(e - s).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn find(text: &Text, needle: &str) -> Span {
        let start = text.view().find(needle).expect("needle in view");
        Span::new(start, start + needle.len())
    }

    /// The composed view character by character, as it was built before
    /// ASCII runs were copied whole: what `composed_view` must give.
    fn composed_view_reference(original: &str) -> Mapped {
        let mut out = Mapped::with_capacity(original.len());
        let mut count = 0;
        for (i, c) in original.chars().enumerate() {
            if let Some(c) = normalise_char(c) {
                out.push(c, i, i + 1);
            }
            count = i + 1;
        }
        out.finish(count)
    }

    /// Text mixing plain ASCII with every character the view treats apart.
    fn mixed_text() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "a",
            "Zé",
            " ",
            "  ",
            "\t",
            "\u{B}",
            "\u{C}",
            "\0",
            "\n",
            "\r",
            "\u{7F}",
            "\u{A0}",
            "\u{202F}",
            "\u{200B}",
            "\u{FEFF}",
            "\u{AD}",
            "\u{2019}",
            "\u{201C}",
            "\u{201D}",
            "\u{2028}",
            "\u{85}",
            "\u{301}",
            "\u{332}",
            "\u{5B0}",
            "e\u{301}",
            "é\u{301}",
            "Å\u{323}",
            "\u{2B0}\u{316}\u{301}",
            "ÿ",
            "\u{17F}\u{17E}\u{180}",
            "\u{27F}\u{2BC}\u{301}",
            "ɏ\u{316}\u{301}",
            "\u{BF}",
            "\u{1100}\u{1161}",
            "\u{D55C}",
            "漢字",
            "مرحبا",
            "😀",
            "l'U.E.",
            "3,5",
        ]);
        prop::collection::vec(pieces, 0..40).prop_map(|p| p.concat())
    }

    /// What `composed_view` must give: the reference view when the whole
    /// text passes the NFC quick check, else nothing.
    fn check_composed_view(text: &str) -> Result<(), TestCaseError> {
        let expected = (is_nfc_quick(text.chars()) == IsNormalized::Yes)
            .then(|| composed_view_reference(text));
        prop_assert_eq!(composed_view(text), expected);
        Ok(())
    }

    /// Each character of the view and the code points of the original it
    /// came from, worked out character by character as the view was
    /// first built: what the map must say of every byte.
    fn origins_reference(original: &str) -> Vec<(char, usize, usize)> {
        let chars: Vec<char> = original.chars().collect();
        if is_nfc_quick(original.chars()) == IsNormalized::Yes {
            return chars
                .iter()
                .enumerate()
                .filter_map(|(i, &c)| normalise_char(c).map(|n| (n, i, i + 1)))
                .collect();
        }
        let mut out = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            let mut j = i + 1;
            while j < chars.len()
                && (canonical_combining_class(chars[j]) != 0
                    || is_nfc_quick(std::iter::once(chars[j])) == IsNormalized::Maybe)
            {
                j += 1;
            }
            for c in chars[i..j].iter().copied().nfc() {
                if let Some(c) = normalise_char(c) {
                    out.push((c, i, j));
                }
            }
            i = j;
        }
        out
    }

    /// Every byte of the view, and its end, map where the reference says.
    fn check_origins(original: &str) -> Result<(), TestCaseError> {
        let text = Text::new(original);
        let reference = origins_reference(original);
        let view: String = reference.iter().map(|&(c, _, _)| c).collect();
        prop_assert_eq!(text.view(), view.as_str());
        let mut b = 0;
        for (c, start, end) in reference {
            for _ in 0..c.len_utf8() {
                prop_assert_eq!(
                    text.to_original(Span::new(b, b + 1)),
                    (start, end),
                    "byte {}",
                    b
                );
                b += 1;
            }
        }
        let total = original.chars().count();
        prop_assert_eq!(text.to_original(Span::new(b, b)), (total, total));
        Ok(())
    }

    proptest! {
        #[test]
        fn composed_view_matches_the_reference(text in mixed_text()) {
            check_origins(&text)?;
            check_composed_view(&text)?;
        }

        #[test]
        fn composed_view_of_any_string_matches_the_reference(text in any::<String>()) {
            check_origins(&text)?;
            check_composed_view(&text)?;
        }

        #[test]
        fn composed_view_of_long_ascii_matches_the_reference(
            text in "[ -~\t\n\r\\x00\\x0B\\x0C\\x7F]{0,80}(é|\\u{301}|\\u{A0})?[ -~]{0,40}"
        ) {
            check_composed_view(&text)?;
        }

        #[test]
        fn every_byte_of_a_long_text_maps_where_it_came_from(
            pieces in prop::collection::vec(mixed_text(), 1..12)
        ) {
            check_origins(&pieces.concat())?;
        }
    }

    #[test]
    fn code_points_below_the_combining_marks_pass_the_quick_check_as_ascii() {
        for c in '\u{80}'..'\u{300}' {
            let starter = canonical_combining_class(c) == 0
                && is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes;
            assert!(starter && for_quick_check(c) == 'a', "{c:?}");
        }
        for c in ['\u{300}', '\u{301}', '\u{2019}', '\u{1100}'] {
            assert_eq!(for_quick_check(c), c);
        }
    }

    #[test]
    fn latin_letters_pass_the_quick_check_and_read_as_themselves() {
        for c in (0x80..0x800).filter_map(char::from_u32) {
            let mut utf8 = [0; 2];
            c.encode_utf8(&mut utf8);
            let latin = ('\u{C0}'..='\u{27F}').contains(&c);
            assert_eq!(is_latin_lead(utf8[0]), latin, "{c:?}");
            if latin {
                assert_eq!(canonical_combining_class(c), 0, "{c:?}");
                assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "{c:?}");
                assert_eq!(normalise_char(c), Some(c), "{c:?}");
            }
        }
    }

    #[test]
    fn plain_ascii_runs_go_past_line_breaks() {
        let text = format!("{}\n{}\t", "a".repeat(20), "b".repeat(30));
        assert_eq!(plain_ascii_len(text.as_bytes()), 51);
        assert_eq!(plain_ascii_len(b"ab\r\ncd"), 6);
        assert_eq!(plain_ascii_len("abcdefghijklmnopq\u{e9}".as_bytes()), 17);
        assert_eq!(plain_ascii_len(b"\0abc"), 0);
        assert_eq!(plain_ascii_len(b""), 0);
    }

    #[test]
    fn typographic_marks_read_plain() {
        let t = Text::new("l’homme a dit\u{00A0}: “oui”\u{202F}!");
        assert_eq!(t.view(), "l'homme a dit : «oui» !");
    }

    #[test]
    fn spans_map_back_to_code_points() {
        let t = Text::new("Le maréchal Khalifa Haftar");
        let span = find(&t, "Khalifa");
        assert_eq!(t.to_original(span), (12, 19));
        assert_eq!(t.original_slice(span), "Khalifa");
    }

    #[test]
    fn decomposed_accents_are_composed_and_map_back() {
        // "Pe" + combining acute + "tersbourg": one character in the view.
        let original = "Saint-Pe\u{0301}tersbourg est loin";
        let t = Text::new(original);
        assert!(t.view().starts_with("Saint-Pétersbourg"));
        let span = find(&t, "Saint-Pétersbourg");
        assert_eq!(t.to_original(span), (0, 18));
        assert_eq!(t.original_slice(span), "Saint-Pe\u{0301}tersbourg");
    }

    #[test]
    fn zero_width_characters_are_removed_but_offsets_hold() {
        let t = Text::new("Ben\u{200B}ghazi et Tripoli");
        assert_eq!(t.view(), "Benghazi et Tripoli");
        let span = find(&t, "Tripoli");
        assert_eq!(t.original_slice(span), "Tripoli");
        let span = find(&t, "Benghazi");
        assert_eq!(t.to_original(span), (0, 9));
    }

    #[test]
    fn empty_text_is_fine() {
        let t = Text::new("");
        assert_eq!(t.view(), "");
        assert_eq!(t.to_original(Span::new(0, 0)), (0, 0));
    }
}
