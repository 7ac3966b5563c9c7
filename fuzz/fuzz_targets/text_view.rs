//! Arbitrary text through `Doc::new`: tokens and sentences are well formed
//! and every span maps back inside the original with `Text::to_original`.
//!
//! Input: the first byte picks the language hint, the rest is the text
//! (invalid UTF-8 replaced by U+FFFD).
#![no_main]

use depeche_text::{Doc, Span};
use libfuzzer_sys::fuzz_target;

const LANGS: [Option<&str>; 6] = [
    None,
    Some("fr"),
    Some("en"),
    Some("xx"),
    Some(""),
    Some("fr-FR"),
];

fn check_span(doc: &Doc, span: Span, n_chars: usize, what: &str) -> (usize, usize) {
    let view = doc.text.view();
    assert!(
        span.start <= span.end && span.end <= view.len(),
        "{what} {span:?} outside the view"
    );
    assert!(
        view.is_char_boundary(span.start) && view.is_char_boundary(span.end),
        "{what} {span:?} not on char boundaries"
    );
    let (s, e) = doc.text.to_original(span);
    assert!(
        s <= e && e <= n_chars,
        "{what} {span:?} -> ({s}, {e}) outside {n_chars} chars"
    );
    let _ = doc.text.original_slice(span);
    (s, e)
}

fuzz_target!(|data: &[u8]| {
    let (lang, body) = match data.split_first() {
        Some((b, rest)) => (LANGS[*b as usize % LANGS.len()], rest),
        None => (None, data),
    };
    let text = String::from_utf8_lossy(body);
    let doc = Doc::new(&*text, lang);
    assert_eq!(doc.text.original(), text);
    let n_chars = text.chars().count();
    let mut last = (0, 0);
    for (i, t) in doc.tokens.iter().enumerate() {
        assert!(!t.span().is_empty(), "empty token {i}");
        let out = check_span(&doc, t.span(), n_chars, "token");
        assert!(
            out.0 >= last.0,
            "token {i} starts before the previous one in the original"
        );
        last = out;
        if i > 0 {
            assert!(
                doc.tokens[i - 1].span().end <= t.span().start,
                "tokens {i} overlap"
            );
        }
    }
    let mut next_token = 0;
    let mut last_end = 0;
    for s in &doc.sentences {
        assert_eq!(
            s.tokens.start, next_token,
            "sentences skip or repeat tokens"
        );
        assert!(s.tokens.end > s.tokens.start, "empty sentence");
        next_token = s.tokens.end;
        assert_eq!(s.span.start, doc.tokens[s.tokens.start].span().start);
        assert_eq!(s.span.end, doc.tokens[s.tokens.end - 1].span().end);
        let (os, oe) = check_span(&doc, s.span, n_chars, "sentence");
        assert!(os >= last_end, "sentences out of order in the original");
        last_end = oe;
    }
    assert_eq!(
        next_token,
        doc.tokens.len(),
        "sentences do not cover every token"
    );
    // Every byte boundary of the view maps inside the original, monotonically.
    let view = doc.text.view();
    let mut prev = 0;
    for (b, _) in view
        .char_indices()
        .chain(std::iter::once((view.len(), ' ')))
    {
        let (s, _) = doc.text.to_original(Span::new(b, b));
        assert!(s <= n_chars && s >= prev, "boundary {b} maps to {s}");
        prev = s;
    }
});
