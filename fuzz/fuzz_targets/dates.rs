//! Arbitrary text through `find_dates`, and arbitrary strings through
//! `parse_published` and `parse_published_partial`.
//!
//! Input: the first byte picks the language; up to the first newline is
//! the publication date as given, the rest the text.
#![no_main]

use depeche_text::Doc;
use libfuzzer_sys::fuzz_target;

const LANGS: [Option<&str>; 3] = [None, Some("fr"), Some("en")];

fn well_formed(v: &str) -> bool {
    let parts: Vec<&str> = v.split('-').collect();
    !parts.is_empty()
        && parts.len() <= 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

fuzz_target!(|data: &[u8]| {
    let (lang, body) = match data.split_first() {
        Some((b, rest)) => (LANGS[*b as usize % LANGS.len()], rest),
        None => (None, data),
    };
    let s = String::from_utf8_lossy(body);
    let (given, text) = s.split_once('\n').unwrap_or((&s, &s));
    let published = depeche_dates::parse_published(given);
    let _ = depeche_dates::parse_published_partial(given);
    let _ = depeche_dates::parse_published(text);
    let doc = Doc::new(text, lang);
    let view = doc.text.view();
    let n_chars = text.chars().count();
    let mut last = 0;
    for d in depeche_dates::find_dates(&doc, published) {
        assert!(
            d.span.start < d.span.end && d.span.end <= view.len(),
            "{:?}",
            d.span
        );
        assert!(view.is_char_boundary(d.span.start) && view.is_char_boundary(d.span.end));
        assert!(d.span.start >= last, "dates out of order");
        last = d.span.end;
        let (a, b) = doc.text.to_original(d.span);
        assert!(a <= b && b <= n_chars);
        if let Some(v) = &d.value {
            assert!(well_formed(v), "odd value {v:?}");
        }
    }
});
