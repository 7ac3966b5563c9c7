//! Arbitrary articles through `depeche_extract::extract`: never a panic,
//! every offset of the record slices the original to the record's `text`,
//! and the record serialises to JSON.
//!
//! Input (invalid UTF-8 replaced by U+FFFD): `published \x01 lang \x01 text`;
//! with fewer separators the missing fields are absent.
#![no_main]

use depeche_ingest::Article;
use libfuzzer_sys::fuzz_target;

fn check(chars: &[char], start: usize, end: usize, text: &str, what: &str) {
    assert!(
        start <= end && end <= chars.len(),
        "{what} ({start}, {end}) outside {} chars",
        chars.len()
    );
    let cut: String = chars[start..end].iter().collect();
    assert_eq!(
        cut, text,
        "{what} ({start}, {end}) text differs from the original"
    );
}

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    let mut parts = s.splitn(3, '\u{1}');
    let a = parts.next().unwrap_or_default();
    let (published, lang, text) = match (parts.next(), parts.next()) {
        (Some(l), Some(t)) => (Some(a.to_string()), Some(l.to_string()), t.to_string()),
        (Some(t), None) => (Some(a.to_string()), None, t.to_string()),
        _ => (None, None, a.to_string()),
    };
    let article = Article {
        id: "fuzz".into(),
        text,
        published,
        lang,
        ..Article::default()
    };
    let rec = depeche_extract::extract(&article);
    let chars: Vec<char> = article.text.chars().collect();
    for m in &rec.mentions {
        check(&chars, m.start, m.end, &m.text, "mention");
    }
    for d in &rec.dates {
        check(&chars, d.start, d.end, &d.text, "date");
    }
    for q in &rec.quotes {
        check(&chars, q.start, q.end, &q.text, "quote");
        if let Some(e) = &q.attribution {
            check(&chars, e.start, e.end, &e.text, "attribution");
        }
        for e in &q.via_evidence {
            check(&chars, e.start, e.end, &e.text, "via");
        }
    }
    for e in &rec.quoted_terms {
        check(&chars, e.start, e.end, &e.text, "quoted term");
    }
    for ev in &rec.events {
        for e in &ev.evidence {
            check(&chars, e.start, e.end, &e.text, "event evidence");
        }
    }
    for s in &rec.sentences {
        assert!(s.start <= s.end && s.end <= chars.len(), "sentence outside");
    }
    serde_json::to_string(&rec).expect("record serialises");
});
