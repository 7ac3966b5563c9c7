//! The normalised view of a text and its exact map back to the original.
//!
//! Extractors read one spelling of each character: NFC, straight
//! apostrophes, guillemets for every pair of typographic double quotes,
//! plain spaces for non-breaking and narrow ones, no zero-width characters.
//! Every byte boundary of the view remembers the code point of the original
//! it came from, so any span found in the view maps back exactly.

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

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
    /// For every byte of the view, the code-point offset in the original
    /// where the character holding that byte starts (plus one final entry
    /// for the end of the view).
    starts: Vec<u32>,
    /// For every byte of the view, the code-point offset in the original
    /// just after the character (with its combining marks) holding it.
    ends: Vec<u32>,
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

impl Text {
    /// Builds the view of `original`.
    pub fn new(original: impl Into<String>) -> Self {
        let original = original.into();
        let needs_nfc = is_nfc_quick(original.chars()) != IsNormalized::Yes;
        let mut view = String::with_capacity(original.len());
        let mut starts: Vec<u32> = Vec::with_capacity(original.len() + 1);
        let mut ends: Vec<u32> = Vec::with_capacity(original.len());
        if !needs_nfc {
            // Already composed, as nearly all text is: one character at a
            // time, with no composition to look ahead for.
            let mut count = 0;
            for (i, c) in original.chars().enumerate() {
                if let Some(c) = normalise_char(c) {
                    for _ in 0..c.len_utf8() {
                        starts.push(i as u32);
                        ends.push(i as u32 + 1);
                    }
                    view.push(c);
                }
                count = i + 1;
            }
            starts.push(count as u32);
            return Text {
                original,
                view,
                starts,
                ends,
            };
        }
        let chars: Vec<char> = original.chars().collect();
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
            let mut push = |c: char| {
                for _ in 0..c.len_utf8() {
                    starts.push(i as u32);
                    ends.push(j as u32);
                }
                view.push(c);
            };
            for c in chars[i..j].iter().copied().nfc() {
                if let Some(c) = normalise_char(c) {
                    push(c);
                }
            }
            i = j;
        }
        starts.push(chars.len() as u32);
        Text {
            original,
            view,
            starts,
            ends,
        }
    }

    /// The text exactly as it was given.
    pub fn original(&self) -> &str {
        &self.original
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
        let start = self.starts[span.start] as usize;
        if span.is_empty() {
            return (start, start);
        }
        (start, self.ends[span.end - 1] as usize)
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

    fn find(text: &Text, needle: &str) -> Span {
        let start = text.view().find(needle).expect("needle in view");
        Span::new(start, start + needle.len())
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
