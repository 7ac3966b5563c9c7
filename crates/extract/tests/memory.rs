//! Peak heap of one long article, counted by an allocator that tracks
//! it: the per-token structures of the stages must stay a small multiple
//! of the text, so that a multi-megabyte article does not take a
//! multi-hundred-megabyte process (11.7 times the text when the bound was
//! set; 15.1 before the text was handed over rather than copied and the
//! names' candidates shrank). Not timed; the bound is on bytes.

use std::alloc::System;

use depeche_extract::Extractor;
use depeche_model::{Article, Registry};
use peakmem_alloc::{PeakMemAlloc, PeakMemAllocTrait, INSTRUMENTED_SYSTEM};

#[global_allocator]
static GLOBAL: &PeakMemAlloc<System> = &INSTRUMENTED_SYSTEM;

/// A French dispatch of about `bytes` bytes, written for this test: names,
/// titles, dates, quotes and events that every stage has work on.
fn long_dispatch(bytes: usize) -> String {
    let given = ["Jeanne", "Marc", "Aminata", "Pierre", "Salif", "Claire"];
    let family = [
        "Arnaud", "Keïta", "Dubreuil", "Traoré", "Lemoine", "Sangaré",
    ];
    let cities = ["Bamako", "Paris", "Dakar", "Niamey", "Lyon", "Abidjan"];
    let months = ["janvier", "mars", "mai", "juillet", "octobre", "décembre"];
    let mut text = String::new();
    let mut k = 0usize;
    while text.len() < bytes {
        let (a, b) = (k % 6, (k / 6 + 1) % 6);
        text.push_str(&format!(
            "Le {} {} 2024, le ministre {} {} a rencontré à {} le président {} {}. \
             « Nous avons signé un accord », a déclaré M. {}. \
             La police a arrêté des manifestants près du port de {}, selon l'agence.\n\n",
            k % 28 + 1,
            months[k % 6],
            given[a],
            family[b],
            cities[(a + b) % 6],
            given[b],
            family[a],
            family[b],
            cities[b],
        ));
        k += 1;
    }
    text
}

#[test]
fn a_long_article_peaks_at_a_small_multiple_of_its_text() {
    // Tables are loaded once per process: load them before counting.
    depeche_extract::warm_up();
    let article = Article {
        id: "long".into(),
        lang: Some("fr".into()),
        ..Article::default()
    };
    let text = long_dispatch(400_000);
    let len = text.len();
    // As the command line does: the text is handed over, not copied.
    let mut extractor = Extractor::new(Registry::new());
    GLOBAL.reset_peak_memory();
    let (record, _) = extractor.extract_text(&article, text);
    let peak = GLOBAL.get_peak_memory();
    assert!(record.events.len() > 10 && record.quotes.len() > 100);
    let ratio = peak as f64 / len as f64;
    assert!(
        ratio < 13.0,
        "peak heap {peak} bytes is {ratio:.1} times the text's {len}"
    );
}
