//! Property tests for the text layer: whatever the text (combining marks,
//! zero-width characters, bidirectional marks, NUL, quotation marks, line
//! breaks), `Doc::new` gives well-formed tokens and sentences whose spans
//! map back inside the original, in order.

use depeche_text::{Doc, Span, Text};
use proptest::prelude::*;

/// Characters that have broken text layers elsewhere.
const HARD: &[char] = &[
    '\u{0301}',
    '\u{0327}',
    '\u{0308}',
    '\u{0323}',
    '\u{05B0}',
    '\u{0345}',
    '\u{1AB0}', // combining
    '\u{200B}',
    '\u{200C}',
    '\u{200D}',
    '\u{2060}',
    '\u{FEFF}',
    '\u{00AD}', // zero-width
    '\u{200E}',
    '\u{200F}',
    '\u{202A}',
    '\u{202B}',
    '\u{202E}',
    '\u{2066}',
    '\u{2067}',
    '\u{2069}', // bidirectional
    '\0',
    '\u{1}',
    '\u{7F}', // control
    '"',
    '\'',
    '«',
    '»',
    '“',
    '”',
    '„',
    '‟',
    '‹',
    '›',
    '’',
    '‘',
    '❝',
    '❞',
    '`', // quotes
    '\n',
    '\r',
    '\t',
    '\u{2028}',
    '\u{2029}',
    '\u{85}',
    '\u{B}',
    '\u{C}', // breaks
    '\u{A0}',
    '\u{202F}',
    '\u{2009}',
    '\u{3000}', // spaces
    '.',
    '!',
    '?',
    '…',
    '-',
    '‐',
    '‑',
    '—',
    '(',
    ')',
    '[',
    ']',
    ',',
    ':',
    ';', // punctuation
    'é',
    'e',
    'E',
    'A',
    'ß',
    'İ',
    'ǅ',
    'ﬁ',
    'Å',
    '\u{212B}',
    '\u{1E9E}', // letters that change
    'ع',
    'ש',
    '中',
    '😀',
    '\u{1F1EB}',
    '\u{FFFD}',
    '0',
    '9',
    '٣', // other scripts, digits
];

/// Words that reach the tokeniser's and segmenter's special cases.
const WORDS: &[&str] = &[
    "M.",
    "Mme",
    "U.E.",
    "J.-M.",
    "l'",
    "qu'il",
    "aujourd'hui",
    "Russia's",
    "1.200",
    "3,5",
    "Saint-Pétersbourg",
    "Le",
    "président",
    "a dit",
    "said",
    "Tuesday",
    "mardi",
    "22 août 2023",
    "« ",
    " »",
    "\"",
    "...",
    "?!",
    " ",
    "\n",
    "Gen.",
    "p. cent",
    "e\u{301}",
    "A\u{30A}",
];

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(HARD).prop_map(String::from),
        2 => prop::sample::select(WORDS).prop_map(String::from),
        2 => any::<char>().prop_map(String::from),
        1 => "[a-zA-Z]{1,8}",
    ]
}

/// Strings built from the pieces above: mostly hostile, sometimes prose.
pub fn nasty_text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..80).prop_map(|v| v.concat())
}

fn lang() -> impl Strategy<Value = Option<String>> {
    prop::option::of(prop::sample::select(
        &["fr", "en", "xx", "", "FR-ca", "en_US", "\u{0}"][..],
    ))
    .prop_map(|o| o.map(String::from))
}

/// Checks everything `Doc` promises about spans; panics with a message.
fn check_doc(text: &str, doc: &Doc) {
    assert_eq!(doc.text.original(), text);
    let view = doc.text.view();
    let n_chars = text.chars().count();
    let in_bounds = |span: Span, what: &str| -> (usize, usize) {
        assert!(
            span.start <= span.end && span.end <= view.len(),
            "{what} {span:?} outside the view"
        );
        assert!(
            view.is_char_boundary(span.start) && view.is_char_boundary(span.end),
            "{what} {span:?} cuts a character"
        );
        let (s, e) = doc.text.to_original(span);
        assert!(
            s <= e && e <= n_chars,
            "{what} {span:?} maps to ({s}, {e}), past {n_chars} chars"
        );
        (s, e)
    };
    let mut prev = (0, 0);
    for (i, t) in doc.tokens.iter().enumerate() {
        assert!(!t.span().is_empty(), "token {i} is empty");
        // The extractors take a token for one word of their tables' phrases.
        assert!(
            !doc.text.slice(t.span()).contains(char::is_whitespace),
            "token {i} holds a space"
        );
        let out = in_bounds(t.span(), "token");
        if i > 0 {
            assert!(
                doc.tokens[i - 1].span().end <= t.span().start,
                "tokens {i} overlap"
            );
            assert!(out.0 >= prev.0, "token {i} maps before token {}", i - 1);
        }
        prev = out;
    }
    let mut next = 0;
    let mut last_end = 0;
    for (k, s) in doc.sentences.iter().enumerate() {
        assert_eq!(s.tokens.start, next, "sentence {k} skips or repeats tokens");
        assert!(s.tokens.end > s.tokens.start, "sentence {k} has no token");
        next = s.tokens.end;
        assert_eq!(s.span.start, doc.tokens[s.tokens.start].span().start);
        assert_eq!(s.span.end, doc.tokens[s.tokens.end - 1].span().end);
        let (os, oe) = in_bounds(s.span, "sentence");
        assert!(os >= last_end, "sentence {k} maps before the previous one");
        last_end = oe;
        for pos in [s.span.start, s.span.end - 1] {
            assert_eq!(doc.sentence_at(pos), Some(k));
        }
    }
    assert_eq!(next, doc.tokens.len(), "sentences do not cover every token");
    // Every character boundary of the view maps inside the original, in order.
    let mut prev = 0;
    for b in (0..=view.len()).filter(|&b| view.is_char_boundary(b)) {
        let (s, _) = doc.text.to_original(Span::new(b, b));
        assert!(s >= prev && s <= n_chars, "boundary {b} maps to {s}");
        prev = s;
    }
}

/// Words whose capitals lowercase in every way there is: to themselves,
/// to another length (`İ`, `ẞ`), by their neighbours (`Σ`), from a
/// titlecase digraph (`ǅ`); mostly to one view-wide lowercase.
fn cased_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => "[a-zA-Z]{1,8}",
        2 => "[ÉÀÇÆØÞéàçßÿ×’–]{1,3}",
        1 => Just("İ".to_string()),
        1 => Just("ẞ".to_string()),
        1 => Just("Σ".to_string()),
        1 => Just("ΟΔΥΣΣΕΥΣ".to_string()),
        1 => Just("ǅ".to_string()),
        1 => Just("ᾈ".to_string()),
        1 => Just("\u{212A}".to_string()),
        3 => "[ .,'-]",
        1 => any::<char>().prop_map(String::from),
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn doc_spans_are_sound(text in nasty_text(), lang in lang()) {
        let doc = Doc::new(&text, lang.as_deref());
        check_doc(&text, &doc);
    }

    #[test]
    fn doc_of_any_string(text in any::<String>(), lang in lang()) {
        let doc = Doc::new(&text, lang.as_deref());
        check_doc(&text, &doc);
    }

    #[test]
    fn tokens_lowercase_as_to_lowercase_does(text in cased_text(), lang in lang()) {
        let doc = Doc::new(&text, lang.as_deref());
        if let Some(lower) = doc.lower() {
            prop_assert_eq!(lower.len(), doc.text.view().len());
            prop_assert_eq!(lower, doc.text.view().to_lowercase());
        }
        let low = doc.lower_tokens();
        prop_assert_eq!(low.len(), doc.tokens.len());
        for (i, low) in low.iter().enumerate() {
            prop_assert_eq!(low, doc.token_text(i).to_lowercase());
            let mut out = String::new();
            depeche_text::lowercase_into(&mut out, doc.token_text(i));
            prop_assert_eq!(out, doc.token_text(i).to_lowercase());
        }
    }

    #[test]
    fn original_slice_of_a_token_holds_its_view_text(text in nasty_text()) {
        // The original words under a token normalise to a view text that
        // contains the token (zero-width characters and marks aside).
        let doc = Doc::new(&text, Some("fr"));
        for t in &doc.tokens {
            let orig = doc.text.original_slice(t.span());
            prop_assert!(!orig.is_empty(), "token {:?} maps to nothing", doc.text.slice(t.span()));
            let again = Text::new(orig.as_str());
            prop_assert!(
                again.view().contains(doc.text.slice(t.span())),
                "token {:?} from original {:?} reads {:?}",
                doc.text.slice(t.span()), orig, again.view()
            );
        }
    }
}

#[test]
fn hundred_thousand_quotation_marks() {
    for mark in ["\"", "«", "“", "»", "'"] {
        let text = mark.repeat(100_000);
        let doc = Doc::new(&text, None);
        check_doc(&text, &doc);
        assert_eq!(doc.tokens.len(), 100_000, "{mark}");
    }
}

#[test]
fn deeply_unbalanced_quotes() {
    let mut text = String::new();
    for i in 0..20_000 {
        text.push_str(if i % 7 == 0 { "» Non. " } else { "« Oui. " });
    }
    let doc = Doc::new(&text, Some("fr"));
    check_doc(&text, &doc);
    let text = "\"".to_string() + &"Il a dit. ".repeat(20_000);
    let doc = Doc::new(&text, Some("fr"));
    check_doc(&text, &doc);
}

#[test]
fn combining_marks_without_a_base() {
    for text in [
        "\u{0301}".repeat(10_000),
        format!("a{}", "\u{0301}".repeat(10_000)),
        "\u{200B}".repeat(1000),
        "\u{202E}\u{0301}\u{200B}\u{0}«".repeat(1000),
    ] {
        let doc = Doc::new(&text, None);
        check_doc(&text, &doc);
    }
}

/// Regression, found by these tests: the view promises NFC, also for
/// characters whose normalisation is not "base + combining marks": a
/// singleton like U+212B ANGSTROM SIGN, Hangul conjoining jamo (U+1100
/// U+1161 is 가), and pairs whose second character has combining class 0
/// (Oriya U+0B47 U+0B3E).
#[test]
fn view_is_nfc() {
    use unicode_normalization::is_nfc;
    for s in [
        "\u{212B}",
        "A\u{212B}",
        "\u{1100}\u{1161}",
        "\u{0B47}\u{0B3E}",
        "e\u{301}\u{212B}",
        "\u{F900}",
    ] {
        let t = Text::new(s);
        assert!(is_nfc(t.view()), "{s:?} reads {:?}", t.view());
    }
}
