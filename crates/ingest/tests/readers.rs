//! The web readers: a saved page with boilerplate, RSS and Atom feeds
//! whose pages come from a tiny HTTP server on 127.0.0.1 (with a
//! robots.txt, a page over the size limit and a flaky page), WARC files
//! plain and gzipped, and truncated ones.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use depeche_ingest::html::read_html;
use depeche_ingest::{FetchConfig, FetchError, Fetcher, Input, Item, Reader, DEFAULT_MAX_BYTES};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn read_fixture(name: &str) -> String {
    std::fs::read_to_string(fixture(name)).expect("fixture")
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("depeche-readers-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// What the test server answers for one path.
#[derive(Clone)]
struct Route {
    status: u16,
    content_type: &'static str,
    body: Vec<u8>,
    /// Send no Content-Length (the body ends when the connection closes).
    no_length: bool,
    /// Answer 503 this many times first.
    fail_first: usize,
}

fn route(content_type: &'static str, body: impl Into<Vec<u8>>) -> Route {
    Route {
        status: 200,
        content_type,
        body: body.into(),
        no_length: false,
        fail_first: 0,
    }
}

/// A tiny HTTP/1.1 server on 127.0.0.1: serves `routes`, 404 otherwise,
/// one request per connection; counts the requests per path.
struct Server {
    base: String,
    hits: Arc<Mutex<HashMap<String, usize>>>,
}

impl Server {
    fn start(routes: HashMap<String, Route>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let base = format!("http://{}", listener.local_addr().unwrap());
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
                let n = {
                    let mut hits = counter.lock().unwrap();
                    let n = hits.entry(path.clone()).or_insert(0);
                    *n += 1;
                    *n
                };
                let r = routes.get(&path).cloned().unwrap_or(Route {
                    status: 404,
                    ..route("text/plain", "not found")
                });
                let status = if n <= r.fail_first { 503 } else { r.status };
                let mut head = format!(
                    "HTTP/1.1 {status} X\r\nContent-Type: {}\r\nConnection: close\r\n",
                    r.content_type
                );
                if !r.no_length {
                    head.push_str(&format!("Content-Length: {}\r\n", r.body.len()));
                }
                head.push_str("\r\n");
                let _ = stream.write_all(head.as_bytes());
                let _ = stream.write_all(&r.body);
                let _ = stream.flush();
            }
        });
        Server { base, hits }
    }

    fn hits(&self, path: &str) -> usize {
        self.hits.lock().unwrap().get(path).copied().unwrap_or(0)
    }
}

/// A fetcher quick enough for tests.
fn quick_fetcher() -> Fetcher {
    Fetcher::new(FetchConfig {
        timeout: Duration::from_secs(5),
        retries: 2,
        backoff: Duration::from_millis(20),
        max_bytes: 64 * 1024,
        host_delay: Duration::from_millis(10),
        robots: true,
    })
}

const ROBOTS: &str = "User-agent: *\nDisallow: /private/\n";

/// The server of the fixture feeds: their pages, a disallowed page, a page
/// over the size limit.
fn news_server() -> Server {
    let mut routes = HashMap::new();
    routes.insert("/robots.txt".into(), route("text/plain", ROBOTS));
    routes.insert(
        "/world/harbour-talks".into(),
        route("text/html; charset=utf-8", read_fixture("page.html")),
    );
    routes.insert(
        "/regions/rennes-budget".into(),
        route("text/html", read_fixture("second.html")),
    );
    routes.insert(
        "/private/grain-briefing".into(),
        route("text/html", read_fixture("second.html")),
    );
    routes.insert(
        "/economy/electric-ferries".into(),
        route("text/html", read_fixture("ferry.html")),
    );
    let huge = format!(
        "<html><body><article>{}</article></body></html>",
        "<p>Container volumes rose again.</p>".repeat(4000)
    );
    routes.insert(
        "/economy/huge-page".into(),
        route("text/html", huge.clone()),
    );
    routes.insert(
        "/economy/huge-unsized".into(),
        Route {
            no_length: true,
            ..route("text/html", huge)
        },
    );
    routes.insert(
        "/flaky".into(),
        Route {
            fail_first: 2,
            ..route("text/html", read_fixture("ferry.html"))
        },
    );
    Server::start(routes)
}

fn articles(items: &[Item]) -> Vec<&depeche_ingest::Article> {
    items
        .iter()
        .filter_map(|i| match i {
            Item::Article(a) => Some(a),
            Item::Rejected(_) => None,
        })
        .collect()
}

const BOILERPLATE: &[&str] = &[
    "cookies",
    "Accept all",
    "World news section",
    "Share on",
    "Email this article",
    "Related stories",
    "Dockers strike paralyses",
    "Reader comments",
    "Anonymous reader",
    "PortWatcher",
    "newsletter",
    "Copyright",
    "trackPageView",
    "display: flex",
];

#[test]
fn saved_page_gives_text_title_date_lang_outlet() {
    let items: Vec<Item> =
        Reader::new(vec![Input::Path(fixture("page.html"))], DEFAULT_MAX_BYTES).collect();
    assert_eq!(items.len(), 1);
    let Item::Article(a) = &items[0] else {
        panic!("{:?}", items[0])
    };
    assert_eq!(a.id, "page");
    assert!(
        a.text
            .starts_with("Harbour talks resume in Valletta\n\nBy a staff reporter")
            || a.text
                .starts_with("Harbour talks resume in Valletta\n\nNegotiators"),
        "{}",
        a.text
    );
    assert!(a
        .text
        .contains("Negotiators from the two shipping unions returned"));
    assert!(a.text.contains("\"We are here to find an arrangement"));
    assert!(a
        .text
        .trim_end()
        .ends_with("according to figures released by the authority on Tuesday."));
    for b in BOILERPLATE {
        assert!(!a.text.contains(b), "boilerplate {b:?} in:\n{}", a.text);
    }
    assert_eq!(a.published.as_deref(), Some("2024-03-14T09:30:00+01:00"));
    assert_eq!(a.lang.as_deref(), Some("en-GB"));
    assert_eq!(a.outlet.as_deref(), Some("The Northern Courier"));
    assert_eq!(
        a.url.as_deref(),
        Some("https://courier.example.org/world/2024/03/14/harbour-talks")
    );
}

#[test]
fn page_metadata_fallbacks() {
    // dc.date, lang from <html>, the outlet from the address's host.
    let page = read_html(
        &read_fixture("second.html"),
        Some("https://www.journal.example.fr/regions/budget"),
    )
    .unwrap();
    assert_eq!(
        page.title.as_deref(),
        Some("Le conseil municipal vote le budget des transports")
    );
    assert_eq!(page.published.as_deref(), Some("2024-05-02"));
    assert_eq!(page.lang.as_deref(), Some("fr"));
    assert_eq!(page.outlet.as_deref(), Some("journal.example.fr"));
    assert!(page.body.starts_with("Le conseil municipal de Rennes"));
    assert!(!page.text().contains("Accueil") && !page.text().contains("Partager"));
    // <time datetime> when nothing else says.
    let page = read_html(&read_fixture("ferry.html"), None).unwrap();
    assert_eq!(page.published.as_deref(), Some("2024-06-10"));
    assert!(!page.text().contains("Home page") && !page.text().contains("by email"));
    // JSON-LD datePublished.
    let html = format!(
        "<html><head><script type=\"application/ld+json\">{}</script></head><body><article><h1>T</h1><p>{}</p></article></body></html>",
        r#"{"@graph":[{"@type":"WebSite"},{"@type":"NewsArticle","datePublished":"2023-11-05T10:00:00Z"}]}"#,
        "A long enough paragraph about a ministerial visit to the northern provinces. ".repeat(5)
    );
    let page = read_html(&html, None).unwrap();
    assert_eq!(page.published.as_deref(), Some("2023-11-05T10:00:00Z"));
}

fn feed_file(dir: &Path, fixture_name: &str, base: &str) -> PathBuf {
    let text = read_fixture(fixture_name).replace("http://HOST", base);
    let path = dir.join(fixture_name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn rss_feed_pages_fetched_robots_respected() {
    let server = news_server();
    let dir = temp_dir("rss");
    let path = feed_file(&dir, "feed.rss", &server.base);
    let items: Vec<Item> = Reader::new(vec![Input::Path(path)], DEFAULT_MAX_BYTES)
        .with_fetcher(Some(quick_fetcher()))
        .collect();
    let got = articles(&items);
    assert_eq!(got.len(), 3, "{items:?}");
    // The first page, fetched and read.
    let a = got[0];
    assert_eq!(a.id, format!("{}/world/harbour-talks", server.base));
    assert_eq!(a.url.as_deref(), Some(a.id.as_str()));
    assert!(a.text.starts_with("Harbour talks resume in Valletta\n\n"));
    assert!(a
        .text
        .contains("a mediator appointed by the labour ministry"));
    assert!(!a.text.contains("Reader comments"));
    assert_eq!(a.published.as_deref(), Some("2024-03-14T09:30:00+01:00"));
    assert_eq!(a.outlet.as_deref(), Some("The Northern Courier"));
    assert!(a.warnings.is_empty(), "{:?}", a.warnings);
    // The second: no date nor outlet in the page but dc.date; host as outlet.
    let b = got[1];
    assert!(b.text.contains("Le conseil municipal de Rennes"));
    assert_eq!(b.lang.as_deref(), Some("fr"));
    assert_eq!(b.outlet.as_deref(), Some("127.0.0.1"));
    // The third is under /private/: robots.txt says no, the summary stands in.
    let c = got[2];
    assert_eq!(server.hits("/private/grain-briefing"), 0);
    assert_eq!(server.hits("/robots.txt"), 1);
    assert_eq!(
        c.text,
        "Members-only briefing on grain exports\n\nGrain shipments from the northern ports rose for a third month, traders said."
    );
    assert_eq!(c.published.as_deref(), Some("2024-05-03T07:15:00+00:00"));
    assert_eq!(c.lang.as_deref(), Some("en"));
    assert!(
        c.warnings[0].contains("robots.txt disallows fetching"),
        "{:?}",
        c.warnings
    );
}

#[test]
fn atom_feed_and_a_page_over_the_size_limit() {
    let server = news_server();
    let dir = temp_dir("atom");
    let path = feed_file(&dir, "feed.atom", &server.base);
    let items: Vec<Item> = Reader::new(vec![Input::Path(path)], DEFAULT_MAX_BYTES)
        .with_fetcher(Some(quick_fetcher()))
        .collect();
    let got = articles(&items);
    assert_eq!(got.len(), 2, "{items:?}");
    assert!(got[0]
        .text
        .starts_with("Ferry operator orders two electric vessels\n\n"));
    assert!(got[0].text.contains("battery-powered vessels"));
    assert!(!got[0].text.contains("Share this story"));
    assert_eq!(got[0].published.as_deref(), Some("2024-06-10"));
    // Over the limit: refused with a clear message; the summary stands in.
    let big = got[1];
    assert!(big.text.starts_with(
        "Oversized supplement on port statistics\n\nContainer volumes rose by six per cent"
    ));
    assert!(
        big.warnings[0].contains("over the limit of 65536 bytes"),
        "{:?}",
        big.warnings
    );
    assert_eq!(big.published.as_deref(), Some("2024-06-09T16:20:00+00:00"));
}

#[test]
fn fetcher_limits_retries_and_robots() {
    let server = news_server();
    let f = quick_fetcher();
    // Over the limit, announced by Content-Length or found while reading.
    for path in ["/economy/huge-page", "/economy/huge-unsized"] {
        match f.fetch(&format!("{}{path}", server.base)) {
            Err(e @ FetchError::TooLarge { .. }) => {
                assert!(
                    e.to_string().contains("over the limit of 65536 bytes"),
                    "{e}"
                )
            }
            other => panic!("{path}: {other:?}"),
        }
    }
    // Two 503s, then the page: retried with backoff.
    let page = f.fetch(&format!("{}/flaky", server.base)).unwrap();
    assert!(String::from_utf8_lossy(&page.body).contains("electric vessels"));
    assert_eq!(server.hits("/flaky"), 3);
    // robots.txt is read once per host, and obeyed.
    let err = f
        .fetch(&format!("{}/private/grain-briefing", server.base))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "robots.txt disallows fetching {}/private/grain-briefing",
            server.base
        )
    );
    assert_eq!(server.hits("/robots.txt"), 1);
    assert_eq!(server.hits("/private/grain-briefing"), 0);
    // A 404 is not retried.
    let err = f.fetch(&format!("{}/missing", server.base)).unwrap_err();
    assert!(matches!(err, FetchError::Status { status: 404, .. }));
    assert_eq!(server.hits("/missing"), 1);
    assert!(matches!(f.fetch("ftp://x/y"), Err(FetchError::BadUrl(_))));
}

#[test]
fn offline_feed_items_become_summaries() {
    let dir = temp_dir("offline");
    let path = feed_file(&dir, "feed.rss", "http://127.0.0.1:9");
    let items: Vec<Item> = Reader::new(vec![Input::Path(path)], DEFAULT_MAX_BYTES)
        .with_fetcher(None)
        .collect();
    let got = articles(&items);
    assert_eq!(got.len(), 3);
    assert_eq!(
        got[0].text,
        "Harbour talks resume in Valletta\n\nNegotiators returned to the table after a week of deadlock at the container terminal."
    );
    assert!(got[0].warnings[0].starts_with("page not fetched"));
}

/// A WARC file: a warcinfo record, a request, an HTML response (chunked),
/// an image response, a redirect, a second HTML response.
fn warc_bytes() -> Vec<u8> {
    fn record(out: &mut Vec<u8>, ty: &str, uri: &str, content_type: &str, content: &[u8]) {
        out.extend_from_slice(
            format!(
                "WARC/1.0\r\nWARC-Type: {ty}\r\nWARC-Date: 2024-03-15T06:00:00Z\r\n\
                 WARC-Record-ID: <urn:uuid:{}>\r\nWARC-Target-URI: {uri}\r\n\
                 Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
                out.len(),
                content.len()
            )
            .as_bytes(),
        );
        out.extend_from_slice(content);
        out.extend_from_slice(b"\r\n\r\n");
    }
    let page = read_fixture("page.html");
    let mut chunked = Vec::new();
    for part in page.as_bytes().chunks(700) {
        chunked.extend_from_slice(format!("{:x}\r\n", part.len()).as_bytes());
        chunked.extend_from_slice(part);
        chunked.extend_from_slice(b"\r\n");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    let mut http1 = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
    http1.extend_from_slice(&chunked);
    let mut http2 = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n".to_vec();
    http2.extend_from_slice(read_fixture("second.html").as_bytes());
    let mut out = Vec::new();
    record(
        &mut out,
        "warcinfo",
        "",
        "application/warc-fields",
        b"software: hand-written test\r\n",
    );
    record(
        &mut out,
        "request",
        "https://courier.example.org/harbour",
        "application/http; msgtype=request",
        b"GET /harbour HTTP/1.1\r\nHost: courier.example.org\r\n\r\n",
    );
    record(
        &mut out,
        "response",
        "https://courier.example.org/harbour",
        "application/http; msgtype=response",
        &http1,
    );
    record(
        &mut out,
        "response",
        "https://courier.example.org/logo.png",
        "application/http; msgtype=response",
        b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG....",
    );
    record(
        &mut out,
        "response",
        "https://courier.example.org/old",
        "application/http; msgtype=response",
        b"HTTP/1.1 301 Moved\r\nLocation: /harbour\r\nContent-Type: text/html\r\n\r\n<html>moved</html>",
    );
    record(
        &mut out,
        "response",
        "https://www.journal.example.fr/rennes",
        "application/http; msgtype=response",
        &http2,
    );
    out
}

fn check_warc_items(items: &[Item]) {
    let got = articles(items);
    assert_eq!(got.len(), 2, "{items:?}");
    assert_eq!(items.len(), 2);
    let a = got[0];
    assert_eq!(a.id, "https://courier.example.org/harbour");
    assert_eq!(
        a.url.as_deref(),
        Some("https://courier.example.org/harbour")
    );
    assert!(a.text.starts_with("Harbour talks resume in Valletta\n\n"));
    assert!(!a.text.contains("PortWatcher"));
    // The page's own date wins over the capture date.
    assert_eq!(a.published.as_deref(), Some("2024-03-14T09:30:00+01:00"));
    assert_eq!(a.outlet.as_deref(), Some("The Northern Courier"));
    let b = got[1];
    assert_eq!(
        b.url.as_deref(),
        Some("https://www.journal.example.fr/rennes")
    );
    assert_eq!(b.published.as_deref(), Some("2024-05-02"));
    assert_eq!(b.outlet.as_deref(), Some("journal.example.fr"));
}

#[test]
fn warc_plain_gzipped_and_sniffed() {
    let dir = temp_dir("warc");
    let bytes = warc_bytes();
    let plain = dir.join("crawl.warc");
    std::fs::write(&plain, &bytes).unwrap();
    let items: Vec<Item> = Reader::new(vec![Input::Path(plain)], DEFAULT_MAX_BYTES).collect();
    check_warc_items(&items);
    // Gzipped record by record, as crawlers write them.
    let mut gz = Vec::new();
    for part in bytes
        .split_inclusive(|&b| b == b'\n')
        .collect::<Vec<_>>()
        .chunks(7)
    {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        for p in part {
            enc.write_all(p).unwrap();
        }
        gz.extend(enc.finish().unwrap());
    }
    let gzipped = dir.join("crawl.warc.gz");
    std::fs::write(&gzipped, &gz).unwrap();
    let items: Vec<Item> = Reader::new(vec![Input::Path(gzipped)], DEFAULT_MAX_BYTES).collect();
    check_warc_items(&items);
    // No telling extension: recognised by content.
    let unnamed = dir.join("capture-0001");
    std::fs::write(&unnamed, &gz).unwrap();
    let items: Vec<Item> = Reader::new(vec![Input::Path(unnamed)], DEFAULT_MAX_BYTES).collect();
    check_warc_items(&items);
    // Folders list them along with the other inputs.
    let items: Vec<Item> = Reader::new(vec![Input::Path(dir)], DEFAULT_MAX_BYTES).collect();
    assert_eq!(articles(&items).len(), 4);
}

#[test]
fn truncated_warc_is_a_clear_rejection() {
    let dir = temp_dir("truncated");
    let bytes = warc_bytes();
    // Cut in the middle of the second page's content.
    let cut = bytes.len() - 500;
    let path = dir.join("cut.warc");
    std::fs::write(&path, &bytes[..cut]).unwrap();
    let items: Vec<Item> = Reader::new(vec![Input::Path(path)], DEFAULT_MAX_BYTES).collect();
    assert_eq!(articles(&items).len(), 1);
    let Item::Rejected(r) = items.last().unwrap() else {
        panic!("{items:?}")
    };
    assert!(r.origin.contains("cut.warc:record 6"), "{r}");
    assert!(
        r.reason
            .starts_with("truncated WARC file: the record announces"),
        "{r}"
    );
    // Cut in the headers, and every other cut: never a panic, always an end.
    for cut in (0..bytes.len()).step_by(97) {
        let items: Vec<Item> = depeche_ingest::warc::WarcRecords::new(
            "x".into(),
            Box::new(std::io::Cursor::new(bytes[..cut].to_vec())),
            DEFAULT_MAX_BYTES,
        )
        .collect();
        assert!(items.len() <= 3, "{cut}: {items:?}");
        for item in &items[..items.len().saturating_sub(1)] {
            assert!(matches!(item, Item::Article(_)), "{cut}: {items:?}");
        }
        if let (true, Some(Item::Rejected(r))) = (cut > 0, items.last()) {
            assert!(r.reason.contains("truncated"), "{cut}: {r}");
        }
    }
    // A gzip stream cut short.
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(&bytes).unwrap();
    let gz = enc.finish().unwrap();
    let path = dir.join("cut.warc.gz");
    std::fs::write(&path, &gz[..gz.len() / 2]).unwrap();
    let items: Vec<Item> = Reader::new(vec![Input::Path(path)], DEFAULT_MAX_BYTES).collect();
    let Item::Rejected(r) = items.last().unwrap() else {
        panic!("{items:?}")
    };
    assert!(r.reason.contains("truncated"), "{r}");
    // Not a WARC file at all.
    let path = dir.join("junk.warc");
    std::fs::write(&path, "hello\n").unwrap();
    let items: Vec<Item> = Reader::new(vec![Input::Path(path)], DEFAULT_MAX_BYTES).collect();
    assert!(matches!(&items[..], [Item::Rejected(r)] if r.reason.starts_with("not a WARC record")));
}
