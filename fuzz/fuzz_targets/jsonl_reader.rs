//! Arbitrary bytes as a JSON lines file (or a `.txt` file) through
//! `depeche_ingest::Reader`: never a panic, one item per non-blank line,
//! every accepted article within the limits.
//!
//! Input: the first byte picks the file kind and the size limit, the rest
//! is the file's content, written to a temporary file (the reader only
//! reads paths and standard input).
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use depeche_ingest::{Input, Item, Reader};
use libfuzzer_sys::fuzz_target;

fn dir() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let d = std::env::temp_dir().join(format!("depeche-fuzz-ingest-{}", std::process::id()));
        std::fs::create_dir_all(&d).unwrap();
        d
    })
}

fuzz_target!(|data: &[u8]| {
    let (ctl, body) = match data.split_first() {
        Some((b, rest)) => (*b, rest),
        None => (0, data),
    };
    let txt = ctl & 1 == 1;
    let max_bytes =
        [16usize, 100, 4096, depeche_ingest::DEFAULT_MAX_BYTES][(ctl as usize >> 1) % 4];
    let path = dir().join(if txt { "in.txt" } else { "in.jsonl" });
    std::fs::write(&path, body).unwrap();
    let items: Vec<Item> = Reader::new(vec![Input::Path(path)], max_bytes).collect();
    for item in &items {
        match item {
            Item::Article(a) => {
                assert!(!a.text.trim().is_empty(), "empty text accepted");
                assert!(a.text.len() <= max_bytes, "oversized text accepted");
                assert!(!a.id.trim().is_empty() || txt, "blank id");
            }
            Item::Rejected(r) => assert!(!r.reason.is_empty(), "rejection without a reason"),
        }
    }
    if txt {
        assert_eq!(items.len(), 1, "a .txt file is one document");
    } else {
        let expected = body
            .split(|&b| b == b'\n')
            .filter(|l| l.len() > max_bytes + 1024 || !l.iter().all(u8::is_ascii_whitespace))
            .count();
        assert_eq!(items.len(), expected, "one item per non-blank line");
    }
});
