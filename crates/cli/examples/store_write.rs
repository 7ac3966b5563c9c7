//! The store's write path alone, without extraction: how many articles a
//! second `depeche ingest` could store if extracting them cost nothing.
//!
//! Reads articles (JSON lines), extracts each distinct one once (not
//! timed), then stores `N` copies with fresh ids, addresses and texts in
//! batches, as `ingest` does: a duplicate check per article, then one
//! transaction per batch. Prints articles/s.
//!
//!     cargo run --release -p depeche --example store_write -- INPUT.jsonl DB [N] [BATCH]

use std::path::Path;
use std::time::Instant;

use depeche_ingest::{Input, Item, Reader, DEFAULT_MAX_BYTES};
use depeche_store::{NewArticle, SqliteStore, Store, DEFAULT_BATCH};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, db, rest @ ..] = args.as_slice() else {
        return Err("usage: store_write INPUT.jsonl DB [N] [BATCH]".into());
    };
    let n: usize = rest.first().map_or(Ok(10_000), |s| s.parse())?;
    let batch: usize = rest.get(1).map_or(Ok(DEFAULT_BATCH), |s| s.parse())?;
    let articles: Vec<_> = Reader::new(vec![Input::parse(input)], DEFAULT_MAX_BYTES)
        .filter_map(|item| match item {
            Item::Article(a) => Some(a),
            Item::Rejected(_) => None,
        })
        .collect();
    if articles.is_empty() {
        return Err(format!("no article in {input}").into());
    }
    let started = Instant::now();
    let records: Vec<_> = articles.iter().map(depeche_extract::extract).collect();
    eprintln!(
        "store_write: {} distinct articles extracted in {:.1} s (not counted)",
        articles.len(),
        started.elapsed().as_secs_f64()
    );
    // The copies, made before the clock starts.
    let copies: Vec<(String, depeche_extract::Record)> = (0..n)
        .map(|i| {
            let k = i % articles.len();
            let mut record = records[k].clone();
            record.id = format!("{}-{i}", record.id);
            record.url = record.url.map(|u| format!("{u}#{i}"));
            (format!("{}\n(copie {i})", articles[k].text), record)
        })
        .collect();
    let mut store = SqliteStore::open(Path::new(db))?;
    let started = Instant::now();
    let mut stored = 0;
    for chunk in copies.chunks(batch) {
        let mut pending = Vec::with_capacity(chunk.len());
        for (text, record) in chunk {
            if store
                .find_duplicate(&record.id, record.url.as_deref(), text)?
                .is_none()
            {
                pending.push(NewArticle { text, record });
            }
        }
        stored += store.ingest(&pending)?.stored;
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "store_write: {stored} articles stored in {secs:.2} s = {:.0} articles/s (batch {batch})",
        stored as f64 / secs
    );
    Ok(())
}
