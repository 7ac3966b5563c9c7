//! Prints the dates of a text: `show LANG PUBLISHED TEXT`.
fn main() {
    let a: Vec<String> = std::env::args().collect();
    let doc = depeche_text::Doc::new(&a[3], Some(&a[1]));
    for m in depeche_dates::find_dates(&doc, depeche_dates::parse_published(&a[2])) {
        println!(
            "{:?}\t{:?}\t{:?}",
            doc.text.slice(m.span),
            m.value,
            m.granularity
        );
    }
}
