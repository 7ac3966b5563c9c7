//! Property and fixture tests for the reader: whatever the bytes, one item
//! per non-blank line and never a panic; oversized and numerous documents
//! are handled in bounded time and memory.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use depeche_ingest::{Input, Item, Reader, DEFAULT_MAX_BYTES};
use proptest::prelude::*;

/// A fresh file path under the system's temporary folder, removed on drop.
struct TempFile(PathBuf);

impl TempFile {
    fn new(ext: &str) -> TempFile {
        static N: AtomicUsize = AtomicUsize::new(0);
        let n = N.fetch_add(1, Ordering::Relaxed);
        TempFile(std::env::temp_dir().join(format!(
            "depeche-ingest-prop-{}-{n}.{ext}",
            std::process::id()
        )))
    }

    fn with(ext: &str, bytes: &[u8]) -> TempFile {
        let f = TempFile::new(ext);
        std::fs::write(&f.0, bytes).unwrap();
        f
    }

    fn read(&self, max_bytes: usize) -> Vec<Item> {
        Reader::new(vec![Input::Path(self.0.clone())], max_bytes).collect()
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// What the reader should give for `lines` joined by newlines: one item
/// for every line that is not all ASCII whitespace (or is too long).
fn expected_items(body: &[u8], max_bytes: usize) -> usize {
    body.split(|&b| b == b'\n')
        .filter(|l| l.len() > max_bytes + 1024 || !l.iter().all(u8::is_ascii_whitespace))
        .count()
}

fn check_items(items: &[Item], max_bytes: usize) {
    for item in items {
        match item {
            Item::Article(a) => {
                assert!(!a.text.trim().is_empty(), "blank text accepted: {a:?}");
                assert!(a.text.len() <= max_bytes, "oversized text accepted");
                assert!(!a.id.trim().is_empty(), "blank id: {a:?}");
                assert!(!a.origin.is_empty());
            }
            Item::Rejected(r) => {
                assert!(!r.reason.is_empty(), "rejection without a reason: {r:?}");
                assert!(r.origin.contains(':'), "origin without a line: {r:?}");
            }
        }
    }
}

/// Lines that each hit one branch of the reader.
const ODD_LINES: &[&[u8]] = &[
    b"",
    b" ",
    b"\r",
    b"\t \x0c",
    b"{",
    b"}",
    b"null",
    b"[]",
    b"\"text\"",
    b"{\"text\":null}",
    b"{\"text\":\"\\ud800\"}",
    b"{\"text\":\"a\",\"id\":[1]}",
    b"\xef\xbb\xbf{\"text\":\"bom\"}",
    b"{\"text\":\"a\"}\r",
    b"\xff\xfe\x00",
    b"{\"text\":\"a\",\"text\":\"b\"}",
    b"{\"id\":1e400,\"text\":\"x\"}",
];

/// A line that is sometimes a valid article, sometimes a near miss.
fn line() -> impl Strategy<Value = Vec<u8>> {
    let text = prop_oneof![
        any::<String>(),
        Just(String::new()),
        Just("   ".to_string()),
        "[ a-zé«»\"\\\\\u{0}\u{200B}\u{202E}]{0,40}",
    ];
    let json = (
        prop::option::of(any::<String>()),
        text,
        prop::option::of(any::<String>()),
    )
        .prop_map(|(id, text, lang)| {
            let mut obj = serde_json::Map::new();
            if let Some(id) = id {
                obj.insert("id".into(), id.into());
            }
            obj.insert("text".into(), text.into());
            if let Some(lang) = lang {
                obj.insert("lang".into(), lang.into());
            }
            serde_json::Value::Object(obj).to_string().into_bytes()
        });
    prop_oneof![
        3 => json,
        2 => prop::collection::vec(any::<u8>(), 0..60),
        1 => prop::sample::select(ODD_LINES).prop_map(|s| s.to_vec()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn one_item_per_non_blank_line(
        lines in prop::collection::vec(line(), 0..30),
        max_bytes in prop::sample::select(&[8usize, 64, 4096, DEFAULT_MAX_BYTES][..]),
        trailing_newline in any::<bool>(),
    ) {
        let mut body = lines.join(&b'\n');
        if trailing_newline {
            body.push(b'\n');
        }
        let file = TempFile::with("jsonl", &body);
        let items = file.read(max_bytes);
        check_items(&items, max_bytes);
        prop_assert_eq!(items.len(), expected_items(&body, max_bytes));
    }

    #[test]
    fn arbitrary_bytes_never_panic(body in prop::collection::vec(any::<u8>(), 0..2000)) {
        let file = TempFile::with("jsonl", &body);
        let items = file.read(DEFAULT_MAX_BYTES);
        check_items(&items, DEFAULT_MAX_BYTES);
        prop_assert_eq!(items.len(), expected_items(&body, DEFAULT_MAX_BYTES));
        let file = TempFile::with("txt", &body);
        prop_assert_eq!(file.read(DEFAULT_MAX_BYTES).len(), 1);
    }

    #[test]
    fn valid_articles_come_back_whole(texts in prop::collection::vec("[^\u{0}]{1,40}", 1..20)) {
        let mut body = Vec::new();
        for (i, t) in texts.iter().enumerate() {
            let line = serde_json::json!({"id": format!("d{i}"), "text": t});
            body.extend_from_slice(line.to_string().as_bytes());
            body.push(b'\n');
        }
        let file = TempFile::with("jsonl", &body);
        let items = file.read(DEFAULT_MAX_BYTES);
        prop_assert_eq!(items.len(), texts.len());
        for (i, (item, t)) in items.iter().zip(&texts).enumerate() {
            match item {
                Item::Article(a) => {
                    prop_assert_eq!(&a.id, &format!("d{i}"));
                    prop_assert_eq!(&a.text, t);
                }
                Item::Rejected(r) => prop_assert!(t.trim().is_empty(), "{:?} rejected: {}", t, r),
            }
        }
    }
}

#[test]
fn fifty_megabyte_line_is_rejected_with_a_clear_message() {
    let file = TempFile::new("jsonl");
    {
        let mut w = BufWriter::new(File::create(&file.0).unwrap());
        w.write_all(b"{\"id\":\"big\",\"text\":\"").unwrap();
        let chunk = vec![b'x'; 1 << 20];
        for _ in 0..50 {
            w.write_all(&chunk).unwrap();
        }
        w.write_all(b"\"}\n{\"id\":\"after\",\"text\":\"Still read.\"}\n")
            .unwrap();
    }
    let start = Instant::now();
    let items = file.read(DEFAULT_MAX_BYTES);
    assert_eq!(items.len(), 2);
    match &items[0] {
        Item::Rejected(r) => {
            assert!(r.origin.ends_with(":1"), "{r}");
            assert!(r.reason.contains("exceeds the limit"), "{r}");
            assert!(r.reason.contains("--max-bytes"), "{r}");
        }
        other => panic!("50 MB line accepted: {other:?}"),
    }
    assert!(matches!(&items[1], Item::Article(a) if a.id == "after"));
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "{:?}",
        start.elapsed()
    );
}

#[test]
fn fifty_megabyte_text_file_is_rejected_with_a_clear_message() {
    let file = TempFile::new("txt");
    {
        let mut w = BufWriter::new(File::create(&file.0).unwrap());
        let chunk = vec![b'y'; 1 << 20];
        for _ in 0..50 {
            w.write_all(&chunk).unwrap();
        }
    }
    let items = file.read(DEFAULT_MAX_BYTES);
    assert_eq!(items.len(), 1);
    match &items[0] {
        Item::Rejected(r) => {
            assert!(r.reason.contains("exceeds the limit"), "{r}");
            assert!(r.reason.contains("--max-bytes"), "{r}");
        }
        other => panic!("50 MB file accepted: {other:?}"),
    }
}

#[test]
fn a_million_tiny_documents() {
    const N: usize = 1_000_000;
    let file = TempFile::new("jsonl");
    {
        let mut w = BufWriter::new(File::create(&file.0).unwrap());
        for i in 0..N {
            writeln!(w, "{{\"id\":\"{i}\",\"text\":\"a\"}}").unwrap();
        }
    }
    let start = Instant::now();
    let mut n = 0;
    for item in Reader::new(vec![Input::Path(file.0.clone())], DEFAULT_MAX_BYTES) {
        match item {
            Item::Article(a) => assert_eq!(a.text, "a"),
            Item::Rejected(r) => panic!("{r}"),
        }
        n += 1;
    }
    assert_eq!(n, N);
    eprintln!("a million tiny documents read in {:?}", start.elapsed());
}

#[test]
fn hundred_thousand_quotation_marks_in_a_line() {
    let text = "\\\"".repeat(100_000);
    let body = format!("{{\"id\":\"q\",\"text\":\"{text}\"}}\n");
    let file = TempFile::with("jsonl", body.as_bytes());
    let items = file.read(DEFAULT_MAX_BYTES);
    assert!(matches!(&items[..], [Item::Article(a)] if a.text.len() == 100_000));
}
