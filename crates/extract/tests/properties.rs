//! Property tests for the pipeline: whatever the article, `extract`
//! returns a record, and every mention, date, quote and piece of evidence
//! it gives slices the original text to exactly the record's `text`.

use depeche_extract::{extract, Record};
use depeche_model::Article;
use proptest::prelude::*;

/// Characters that have broken text pipelines elsewhere.
const HARD: &[char] = &[
    '\u{0301}', '\u{0327}', '\u{0308}', '\u{05B0}', // combining marks
    '\u{200B}', '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{00AD}', // zero-width
    '\u{200E}', '\u{200F}', '\u{202E}', '\u{2067}', // bidirectional
    '\0', '"', '\'', '«', '»', '“', '”', '„', '’', '‹', '›', // NUL, quotes
    '\n', '\r', '\u{2028}', '\u{A0}', '\u{202F}', '\t', // breaks, spaces
    '.', ',', ':', '!', '?', '…', '-', '—', '(', ')', // punctuation
    'é', 'İ', 'ß', 'ﬁ', '\u{212B}', 'ع', '😀', '0', '٣', // letters, digits
];

/// Words that reach the recognisers' rules: names, titles, cues, dates.
const WORDS: &[&str] = &[
    "Le ministre",
    "président",
    "Emmanuel Macron",
    "M. Fidan",
    "a déclaré",
    "a dit",
    "selon",
    "l'agence",
    "Reuters",
    "AFP",
    "Tripoli",
    "Libye",
    "Paris",
    "France",
    "said",
    "told",
    "according to",
    "the minister",
    "Joe Biden",
    "Washington",
    "mardi",
    "hier",
    "le lendemain",
    "22 août 2023",
    "1er mars",
    "2020",
    "31 février",
    "last Tuesday",
    "next month",
    "a day later",
    "l'an dernier",
    "15h",
    "3,5 %",
    "« ",
    " »",
    " \"",
    "\" ",
    ": ",
    ". ",
    ", ",
    "\n",
    "U.E.",
    "J.-M.",
    "Russia's",
    "a rencontré",
    "met",
    "attacked",
    "visited",
    "a frappé",
    "Benghazi",
    "al-Mesmari",
];

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(WORDS).prop_map(String::from),
        2 => prop::sample::select(HARD).prop_map(String::from),
        1 => any::<char>().prop_map(String::from),
        1 => "[A-Z][a-zé]{0,8}",
        1 => " ",
    ]
}

fn nasty_text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..120).prop_map(|v| v.concat())
}

fn published() -> impl Strategy<Value = Option<String>> {
    prop::option::of(prop_oneof![
        prop::sample::select(
            &[
                "2024-03-06",
                "2023-08-22T10:00:00Z",
                "Tue, 22 Aug 2023 10:00:00 +0000",
                "22 août 2023",
                "0000-01-01",
                "9999-12-31",
                "1900-02-29",
                "2024-02-29",
                "-1-01-01",
                "262143-12-31",
                "31/02/2023",
                "",
                "   ",
                "hier",
                "99999999999",
            ][..]
        )
        .prop_map(String::from),
        any::<String>(),
        "[0-9]{1,6}[-/ .][0-9]{1,3}[-/ .][0-9]{1,6}",
    ])
}

fn lang() -> impl Strategy<Value = Option<String>> {
    prop::option::of(prop_oneof![
        prop::sample::select(&["fr", "en", "FR", "en-GB", "xx", "", "\u{0}"][..])
            .prop_map(String::from),
        any::<String>(),
    ])
}

fn article(text: String, lang: Option<String>, published: Option<String>) -> Article {
    Article {
        id: "prop".into(),
        text,
        lang,
        published,
        ..Article::default()
    }
}

fn slice_is(chars: &[char], start: usize, end: usize, text: &str, what: &str) {
    assert!(
        start <= end && end <= chars.len(),
        "{what} ({start}, {end}) outside the {} chars of the text",
        chars.len()
    );
    let cut: String = chars[start..end].iter().collect();
    assert_eq!(cut, text, "{what} ({start}, {end})");
}

/// Checks every offset of `rec` against the original text.
fn check_record(text: &str, rec: &Record) {
    let chars: Vec<char> = text.chars().collect();
    for m in &rec.mentions {
        slice_is(&chars, m.start, m.end, &m.text, "mention");
        assert!(
            rec.entities.iter().any(|e| e.id == m.entity),
            "mention of unknown entity {}",
            m.entity
        );
    }
    for d in &rec.dates {
        slice_is(&chars, d.start, d.end, &d.text, "date");
    }
    for q in &rec.quotes {
        slice_is(&chars, q.start, q.end, &q.text, "quote");
        if let Some(e) = &q.attribution {
            slice_is(&chars, e.start, e.end, &e.text, "attribution");
        }
        for e in &q.via_evidence {
            slice_is(&chars, e.start, e.end, &e.text, "via evidence");
        }
    }
    for e in &rec.quoted_terms {
        slice_is(&chars, e.start, e.end, &e.text, "quoted term");
    }
    for ev in &rec.events {
        for e in &ev.evidence {
            slice_is(&chars, e.start, e.end, &e.text, "event evidence");
        }
    }
    let mut last = 0;
    for s in &rec.sentences {
        assert!(s.start >= last && s.start <= s.end && s.end <= chars.len());
        last = s.end;
    }
    serde_json::to_string(rec).expect("the record serialises");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn extract_never_panics_and_offsets_slice_the_original(
        text in nasty_text(),
        lang in lang(),
        published in published(),
    ) {
        let a = article(text, lang, published);
        let rec = extract(&a);
        check_record(&a.text, &rec);
    }

    #[test]
    fn extract_of_any_string(text in any::<String>(), lang in lang()) {
        let a = article(text, lang, Some("2024-03-06".into()));
        let rec = extract(&a);
        check_record(&a.text, &rec);
    }
}

#[test]
fn hundred_thousand_quotation_marks() {
    for mark in ["\"", "«", "“", "»"] {
        let a = article(mark.repeat(100_000), Some("fr".into()), None);
        check_record(&a.text, &extract(&a));
    }
}

#[test]
fn deeply_unbalanced_quotes() {
    let mut text = String::new();
    for i in 0..5_000 {
        text.push_str(if i % 5 == 0 {
            "» a dit M. Fidan. "
        } else {
            "« Nous partons "
        });
    }
    let a = article(text, Some("fr".into()), Some("2024-03-06".into()));
    check_record(&a.text, &extract(&a));
    let text = "He said: \"".repeat(5_000);
    let a = article(text, Some("en".into()), Some("2024-03-06".into()));
    check_record(&a.text, &extract(&a));
}

#[test]
fn odd_publication_dates_never_panic() {
    for published in [
        "262143-12-31",
        "+262143-12-31",
        "-262144-01-01",
        "9999-12-31",
        "0000-01-01",
        "1-1-1",
        "2024-02-30",
        "99999999999999999999-01-01",
    ] {
        let a = article(
            "Hier, mardi, le lendemain, l'an prochain, la semaine dernière, le 31 décembre.".into(),
            Some("fr".into()),
            Some(published.into()),
        );
        check_record(&a.text, &extract(&a));
        let a = article(
            "Yesterday, next Tuesday, a day later, next year, on December 31.".into(),
            Some("en".into()),
            Some(published.into()),
        );
        check_record(&a.text, &extract(&a));
    }
}
