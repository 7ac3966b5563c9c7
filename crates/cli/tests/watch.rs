//! `depeche watch --once` against a feed served on 127.0.0.1 (with its
//! pages and a robots.txt), twice: the articles are stored once. And
//! `extract`/`ingest` on a saved page and on a feed file.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::Value;

mod common;
use common::*;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../ingest/tests/fixtures")
        .join(name)
}

fn read_fixture(name: &str) -> String {
    std::fs::read_to_string(fixture(name)).expect("fixture")
}

/// A tiny HTTP server on 127.0.0.1 serving the fixture feeds (their
/// `http://HOST` replaced by its own address), their pages and a
/// robots.txt; counts requests per path.
struct Server {
    base: String,
    hits: Arc<Mutex<HashMap<String, usize>>>,
}

impl Server {
    fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let base = format!("http://{}", listener.local_addr().unwrap());
        let mut routes: HashMap<String, (&str, String)> = HashMap::new();
        routes.insert(
            "/robots.txt".into(),
            ("text/plain", "User-agent: *\nDisallow: /private/\n".into()),
        );
        routes.insert(
            "/feed.rss".into(),
            (
                "application/rss+xml",
                read_fixture("feed.rss").replace("http://HOST", &base),
            ),
        );
        routes.insert(
            "/world/harbour-talks".into(),
            ("text/html", read_fixture("page.html")),
        );
        routes.insert(
            "/regions/rennes-budget".into(),
            ("text/html", read_fixture("second.html")),
        );
        routes.insert(
            "/private/grain-briefing".into(),
            ("text/html", read_fixture("ferry.html")),
        );
        let hits = Arc::new(Mutex::new(HashMap::new()));
        let counter = Arc::clone(&hits);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut line = String::new();
                if reader.read_line(&mut line).is_err() {
                    continue;
                }
                let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
                loop {
                    let mut h = String::new();
                    if reader.read_line(&mut h).unwrap_or(0) == 0 || h.trim().is_empty() {
                        break;
                    }
                }
                *counter.lock().unwrap().entry(path.clone()).or_insert(0) += 1;
                let (status, ty, body) = match routes.get(&path) {
                    Some((ty, body)) => ("200 OK", *ty, body.as_str()),
                    None => ("404 Not Found", "text/plain", "not found"),
                };
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status}\r\nContent-Type: {ty}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
            }
        });
        Server { base, hits }
    }

    fn hits(&self, path: &str) -> usize {
        self.hits.lock().unwrap().get(path).copied().unwrap_or(0)
    }
}

fn articles_in(db: &str) -> u64 {
    let out = depeche(&["stats", "--json", "--db", db]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    v["counts"]["articles"].as_u64().expect("article count")
}

#[test]
fn watch_once_twice_stores_each_article_once() {
    let server = Server::start();
    let dir = temp_dir("once");
    let feeds = dir.join("feeds.txt");
    std::fs::write(
        &feeds,
        format!(
            "# the courier's world feed\n\n{0}/feed.rss   # main\n{0}/feed.rss\n",
            server.base
        ),
    )
    .unwrap();
    let db = dir.join("news.db").display().to_string();
    let feeds = feeds.display().to_string();
    let args = [
        "watch",
        "--feeds",
        &feeds,
        "--once",
        "--db",
        &db,
        "--host-delay",
        "10ms",
    ];
    let out = depeche(&args);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("3 new articles stored, 0 already in the store"),
        "{err}"
    );
    // The page under /private/ is not fetched: its summary stands in.
    assert!(
        err.contains("robots.txt disallows fetching") && err.contains("/private/grain-briefing"),
        "{err}"
    );
    assert_eq!(server.hits("/private/grain-briefing"), 0);
    assert_eq!(articles_in(&db), 3);
    assert_eq!(server.hits("/world/harbour-talks"), 1);

    // Again: nothing new, no page fetched again.
    let out = depeche(&args);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("0 new articles stored, 3 already in the store"),
        "{err}"
    );
    assert_eq!(articles_in(&db), 3);
    assert_eq!(server.hits("/world/harbour-talks"), 1);
    assert_eq!(server.hits("/feed.rss"), 2);
    assert_eq!(server.hits("/robots.txt"), 2);

    // The stored article is the page's text under its title.
    let out = depeche(&["search", "mediator", "--json", "--db", &db]);
    let hits: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        hits[0]["article"].as_str(),
        Some(format!("{}/world/harbour-talks", server.base).as_str())
    );
    let out = depeche(&["search", "PortWatcher", "--json", "--db", &db]);
    let hits: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(hits.as_array().map(Vec::len), Some(0));
}

#[test]
fn watch_reports_unreadable_feeds() {
    let server = Server::start();
    let dir = temp_dir("bad");
    let feeds = dir.join("feeds.txt");
    std::fs::write(
        &feeds,
        format!("{0}/missing.rss\n{0}/robots.txt\n", server.base),
    )
    .unwrap();
    let db = dir.join("news.db").display().to_string();
    let out = depeche(&[
        "watch",
        "--feeds",
        &feeds.display().to_string(),
        "--once",
        "--db",
        &db,
        "--host-delay",
        "10ms",
    ]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("/missing.rss: ") && err.contains("answered HTTP 404"),
        "{err}"
    );
    assert!(err.contains("not a readable RSS or Atom feed"), "{err}");
    assert!(err.contains("2 of 2 feeds could not be read"), "{err}");
    // An empty list is a usage error.
    std::fs::write(&feeds, "# nothing yet\n").unwrap();
    let out = depeche(&[
        "watch",
        "--feeds",
        &feeds.display().to_string(),
        "--once",
        "--db",
        &db,
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("lists no feed address"));
}

#[test]
fn extract_and_ingest_read_pages_and_feeds() {
    let out = depeche(&["extract", &fixture("page.html").display().to_string()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let record: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(record["id"], "page");
    assert_eq!(record["published"], "2024-03-14");
    assert_eq!(record["outlet"], "The Northern Courier");
    assert_eq!(record["lang"], "en");
    // A feed file: its pages fetched from the server.
    let server = Server::start();
    let dir = temp_dir("feedfile");
    let feed = dir.join("world.xml");
    std::fs::write(
        &feed,
        read_fixture("feed.rss").replace("http://HOST", &server.base),
    )
    .unwrap();
    let db = dir.join("news.db").display().to_string();
    let out = depeche(&["ingest", &feed.display().to_string(), "--db", &db]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(articles_in(&db), 3);
    assert_eq!(server.hits("/regions/rennes-budget"), 1);
    // Offline: the summaries; the same addresses, so nothing new.
    let out = Command::new(env!("CARGO_BIN_EXE_depeche"))
        .args(["ingest", &feed.display().to_string(), "--db", &db])
        .env("DEPECHE_OFFLINE", "1")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("0 stored"), "{}", stderr(&out));
    assert_eq!(articles_in(&db), 3);
}
