//! What a record carries of its text: the text and title depeche made
//! itself (pages, WARC records), not a copy of a text the input gave unless
//! asked (`--with-text`); and `depeche import`, which stores such records
//! without extracting again.

use std::path::PathBuf;

use serde_json::Value;

mod common;
use common::*;

fn ingest_fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../ingest/tests/fixtures")
        .join(name)
}

fn records(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON record"))
        .collect()
}

/// Every mention's offsets, taken in the record's own text, give its words.
fn spans_point_into_text(record: &Value) {
    let chars: Vec<char> = record["text"].as_str().expect("text").chars().collect();
    let mentions = record["mentions"].as_array().unwrap();
    assert!(!mentions.is_empty(), "{record}");
    for m in mentions {
        let (start, end) = (
            m["start"].as_u64().unwrap() as usize,
            m["end"].as_u64().unwrap() as usize,
        );
        let words: String = chars[start..end].iter().collect();
        assert_eq!(words, m["text"].as_str().unwrap());
    }
}

/// A WARC file of one HTML response, from a fixture page.
fn warc(dir: &std::path::Path) -> PathBuf {
    let page = std::fs::read(ingest_fixture("second.html")).unwrap();
    let mut http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n".to_vec();
    http.extend_from_slice(&page);
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Date: 2024-05-02T08:00:00Z\r\n\
         WARC-Record-ID: <urn:uuid:1>\r\nWARC-Target-URI: https://example.org/budget\r\n\
         Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        http.len()
    )
    .into_bytes();
    out.extend_from_slice(&http);
    out.extend_from_slice(b"\r\n\r\n");
    let path = dir.join("crawl.warc");
    std::fs::write(&path, out).unwrap();
    path
}

#[test]
fn pages_and_warc_records_carry_the_text_they_were_read_into() {
    let dir = temp_dir("made-text");
    let page = ingest_fixture("second.html").display().to_string();
    let crawl = warc(&dir).display().to_string();
    for input in [page, crawl] {
        let got = records(&ok(&depeche(&["extract", &input, "-q"])));
        assert_eq!(got.len(), 1, "{input}");
        let r = &got[0];
        assert_eq!(
            r["title"], "Le conseil municipal vote le budget des transports",
            "{input}"
        );
        assert!(r["text"].as_str().unwrap().contains("Rennes"));
        spans_point_into_text(r);
    }
}

#[test]
fn a_given_text_is_copied_only_when_asked() {
    let line = r#"{"id": "t1", "lang": "fr", "text": "Le maire de Rennes a rencontré jeudi le préfet de Bretagne."}"#.as_bytes();
    let plain = records(&ok(&depeche_with_input(&["extract", "-", "-q"], line)));
    assert!(plain[0].get("text").is_none() && plain[0].get("title").is_none());
    let with = records(&ok(&depeche_with_input(
        &["extract", "-", "-q", "--with-text"],
        line,
    )));
    assert!(with[0]["text"]
        .as_str()
        .unwrap()
        .starts_with("Le maire de Rennes"));
    spans_point_into_text(&with[0]);
}

#[test]
fn import_stores_records_made_elsewhere() {
    let dir = temp_dir("import");
    let parts = dir.join("records");
    std::fs::create_dir_all(&parts).unwrap();
    let samples = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../samples/dispatches.jsonl");
    let out = parts.join("part-00000").display().to_string();
    ok(&depeche(&[
        "extract",
        &samples.display().to_string(),
        "-q",
        "--with-text",
        "-o",
        &out,
    ]));
    std::fs::write(parts.join("_SUCCESS"), "").unwrap();
    let db = dir.join("news.db").display().to_string();
    let folder = parts.display().to_string();
    ok(&depeche(&["import", &folder, "--db", &db, "-q"]));
    let stats: Value =
        serde_json::from_str(&ok(&depeche(&["stats", "--check", "--json", "--db", &db]))).unwrap();
    let lines = std::fs::read_to_string(&out).unwrap().lines().count() as u64;
    assert_eq!(stats["counts"]["articles"], lines, "{stats}");
    assert_eq!(stats["problems"], Value::Array(Vec::new()), "{stats}");
    let stories: Value = serde_json::from_str(&ok(&depeche(&[
        "stories",
        "--json",
        "--min-articles",
        "1",
        "--db",
        &db,
    ])))
    .unwrap();
    assert!(!stories.as_array().unwrap().is_empty());
    // Again: nothing new. A record without its text: rejected, named.
    let again = depeche(&["import", &folder, "--db", &db]);
    assert!(stderr(&again).contains("0 stored"), "{}", stderr(&again));
    let bare = dir.join("bare.jsonl");
    let no_text = ok(&depeche_with_input(
        &["extract", "-", "-q"],
        br#"{"id": "x", "text": "Le maire parle."}"#,
    ));
    std::fs::write(&bare, no_text).unwrap();
    let refused = depeche(&["import", &bare.display().to_string(), "--db", &db]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(stderr(&refused).contains("bare.jsonl:1") && stderr(&refused).contains("--with-text"));
}
