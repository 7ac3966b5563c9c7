//! Measures the throughput of `find_dates` on a synthetic news-like text:
//! `cargo run --release -p depeche-dates --example throughput`.

use std::time::Instant;

fn main() {
    if std::env::args().any(|a| a == "--weekdays") {
        weekdays();
    }
    let fr = "Le vice-ministre russe de la Défense est arrivé mardi à Benghazi, où il a rencontré le maréchal le 22 août 2023. \
              L'an dernier, 2000 soldats étaient déployés ; la veille, il avait parlé. Il se rendra jeudi prochain à Tripoli, fin août. ";
    let en = "The Russian deputy defence minister arrived on Tuesday in Benghazi, where he met the marshal on August 22, 2023. \
              Last year, 2000 troops were deployed; the day before, he had spoken. He will travel to Tripoli next Thursday, in late August. ";
    let published = depeche_dates::parse_published("2023-08-24");
    for (lang, sample) in [("fr", fr), ("en", en)] {
        let text = sample.repeat(20_000);
        let words = text.split_whitespace().count();
        let t0 = Instant::now();
        let doc = depeche_text::Doc::new(&text, Some(lang));
        let t1 = Instant::now();
        let found = depeche_dates::find_dates(&doc, published);
        let t2 = Instant::now();
        let secs = (t2 - t1).as_secs_f64();
        println!(
            "{lang}: {words} words, {} dates; text layer {:.3}s, dates {:.3}s = {:.1}M words/s",
            found.len(),
            (t1 - t0).as_secs_f64(),
            secs,
            words as f64 / secs / 1e6
        );
    }
}

fn weekdays() {
    let text = "mardi ".repeat(50_000);
    let t0 = Instant::now();
    let doc = depeche_text::Doc::new(&text, Some("fr"));
    let t1 = Instant::now();
    let found = depeche_dates::find_dates(&doc, depeche_dates::parse_published("2023-08-22"));
    println!(
        "weekdays: doc {:.3}s dates {:.3}s ({})",
        (t1 - t0).as_secs_f64(),
        t1.elapsed().as_secs_f64(),
        found.len()
    );
}
