//! The API over HTTP: a store built from `samples/dispatches.jsonl` in a
//! temp folder, the server on a free loopback port in this process, and a
//! small HTTP/1.1 client over `TcpStream`.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

use depeche_ingest::{Input, Item, Reader, DEFAULT_MAX_BYTES};
use depeche_serve::{Limits, Server};
use depeche_store::{NewArticle, SqliteStore, Store};
use serde_json::Value;

struct Fixture {
    addr: SocketAddr,
    db: PathBuf,
}

/// Builds the store once and starts one server for every test.
fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("depeche-serve-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let db = dir.join("samples.db");
        ingest_samples(&db);
        let server = Server::bind(&db, "127.0.0.1:0".parse().unwrap(), Limits::default()).unwrap();
        let addr = server.local_addr().unwrap();
        std::thread::spawn(move || server.run());
        Fixture { addr, db }
    })
}

fn ingest_samples(db: &Path) {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples/dispatches.jsonl");
    let reader = Reader::new(
        vec![Input::parse(samples.to_str().unwrap())],
        DEFAULT_MAX_BYTES,
    );
    let articles: Vec<_> = reader
        .map(|item| match item {
            Item::Article(a) => a,
            Item::Rejected(r) => panic!("sample rejected: {r}"),
        })
        .collect();
    let records: Vec<_> = articles.iter().map(depeche_extract::extract).collect();
    let batch: Vec<NewArticle<'_>> = articles
        .iter()
        .zip(&records)
        .map(|(a, record)| NewArticle {
            text: &a.text,
            record,
        })
        .collect();
    let mut store = SqliteStore::open(db).unwrap();
    let outcome = store.ingest(&batch).unwrap();
    assert_eq!(outcome.stored, crate::samples());
}

/// A response: status, headers (names in lower case), body.
struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    fn json(&self) -> Value {
        assert_eq!(
            self.header("content-type"),
            Some("application/json"),
            "status {}",
            self.status
        );
        serde_json::from_slice(&self.body).expect("JSON body")
    }
}

/// Sends `head` (request line and headers, without the blank line) and
/// reads the whole answer.
fn raw(head: &str) -> Response {
    raw_to(fixture().addr, head)
}

/// [`raw`] to the server at `addr`.
fn raw_to(addr: SocketAddr, head: &str) -> Response {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    stream
        .write_all(format!("{head}\r\nConnection: close\r\n\r\n").as_bytes())
        .unwrap();
    let mut bytes = Vec::new();
    // The server may close while the request is still being sent (413).
    let _ = stream.read_to_end(&mut bytes);
    parse(&bytes)
}

fn parse(bytes: &[u8]) -> Response {
    let split = bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a complete head");
    let head = std::str::from_utf8(&bytes[..split]).unwrap();
    let mut lines = head.split("\r\n");
    let status: u16 = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let mut body = bytes[split + 4..].to_vec();
    let chunked = headers
        .iter()
        .any(|(n, v)| n == "transfer-encoding" && v.contains("chunked"));
    if chunked {
        let mut out = Vec::new();
        let mut rest = &body[..];
        loop {
            let eol = rest.windows(2).position(|w| w == b"\r\n").unwrap();
            let size = usize::from_str_radix(std::str::from_utf8(&rest[..eol]).unwrap().trim(), 16)
                .unwrap();
            if size == 0 {
                break;
            }
            out.extend_from_slice(&rest[eol + 2..eol + 2 + size]);
            rest = &rest[eol + 2 + size + 2..];
        }
        body = out;
    }
    Response {
        status,
        headers,
        body,
    }
}

fn get(path: &str) -> Response {
    raw(&format!(
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{}",
        fixture().addr.port()
    ))
}

fn get_json(path: &str) -> Value {
    let r = get(path);
    assert_eq!(
        r.status,
        200,
        "{path}: {}",
        String::from_utf8_lossy(&r.body)
    );
    r.json()
}

fn error_of(path: &str, status: u16) {
    let r = get(path);
    assert_eq!(r.status, status, "{path}");
    assert!(r.json()["error"].is_string(), "{path}");
}

const HAFTAR: &str = "per:hlf-hftr";

/// How many sample dispatches the store holds.
fn samples() -> usize {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples/dispatches.jsonl");
    std::fs::read_to_string(path)
        .expect("samples")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .count()
}

#[test]
fn articles_are_paged() {
    let all = get_json("/api/articles");
    let n = samples();
    assert_eq!(all["total"], n);
    let items = all["items"].as_array().unwrap();
    assert_eq!(items.len(), n);
    for a in items {
        for field in ["id", "lang", "title", "mentions", "events"] {
            assert!(!a[field].is_null(), "{field} in {a}");
        }
        assert!(a.get("text").is_none(), "no text in the list");
    }
    // Latest first.
    assert_eq!(items[0]["id"], "sample-en-houthis");
    let page = get_json(&format!("/api/articles?offset={}&limit=2", n - 1));
    assert_eq!(page["items"].as_array().unwrap().len(), 1);
    assert_eq!(page["items"][0]["id"], items[n - 1]["id"]);
    error_of("/api/articles?limit=many", 400);
}

#[test]
fn an_article_comes_with_text_record_and_evidence() {
    let a = get_json("/api/articles/sample-fr-moscou");
    let text = a["text"].as_str().unwrap();
    assert!(text.starts_with("Khalifa Haftar reçu à Moscou"));
    assert!(!a["record"]["mentions"].as_array().unwrap().is_empty());
    assert!(!a["record"]["dates"].as_array().unwrap().is_empty());
    let chars: Vec<char> = text.chars().collect();
    let events = a["events"].as_array().unwrap();
    assert!(events.iter().any(|e| e["type"] == "CONSULT"));
    for e in events {
        assert!(e["story"].is_i64());
        for span in e["evidence"].as_array().unwrap() {
            let (s, t) = (
                span["start"].as_u64().unwrap() as usize,
                span["end"].as_u64().unwrap() as usize,
            );
            let words: String = chars[s..t].iter().collect();
            assert_eq!(words, span["text"].as_str().unwrap(), "code-point offsets");
        }
    }
    error_of("/api/articles/no-such-article", 404);
}

#[test]
fn entities_by_any_spelling() {
    for q in [
        "Haftar",
        "HAFTAR",
        "khalifa-haftar",
        "Khalifa%20Haftar",
        HAFTAR,
    ] {
        let found = get_json(&format!("/api/entities?q={q}"));
        assert_eq!(found[0]["key"], HAFTAR, "{q}");
        assert_eq!(found[0]["type"], "PER");
    }
    assert_eq!(
        get_json("/api/entities?q=nobody%20at%20all"),
        Value::Array(vec![])
    );
    error_of("/api/entities", 400);
    let e = get_json(&format!("/api/entities/{HAFTAR}"));
    assert_eq!(e["name"], "Khalifa Haftar");
    assert!(e["variants"].is_array() && e["titles"].is_array() && e["co_occurring"].is_array());
    error_of("/api/entities/per:nobody", 404);
}

#[test]
fn events_filter() {
    let ev = get_json("/api/events?type=consult&actor=Haftar&from=2023-09&to=2023-09-26");
    let ev = ev.as_array().unwrap();
    assert_eq!(ev.len(), 1, "{ev:?}");
    assert_eq!(ev[0]["source"]["key"], HAFTAR);
    assert_eq!(ev[0]["location"]["key"], "moscow");
    assert!(ev[0]["location"]["lat"].is_f64());
    assert!(ev[0]["corroboration"]["articles"].as_u64().unwrap() >= 1);
    let in_moscow = get_json("/api/events?place=Moscou");
    let in_moscow = in_moscow.as_array().unwrap();
    assert!(!in_moscow.is_empty());
    assert!(in_moscow.iter().all(|e| e["location"]["key"] == "moscow"));
    assert_eq!(
        get_json("/api/events?actor=nobody")
            .as_array()
            .unwrap()
            .len(),
        0
    );
    assert!(get_json("/api/events").as_array().unwrap().len() >= 4);
    assert_eq!(get_json("/api/events?limit=2").as_array().unwrap().len(), 2);
    error_of("/api/events?from=last%20week", 400);
}

#[test]
fn stories_timeline_and_network() {
    let stories = get_json("/api/stories");
    let stories = stories.as_array().unwrap();
    assert!(!stories.is_empty());
    let id = stories[0]["id"].as_i64().unwrap();
    let one = get_json(&format!("/api/stories/{id}"));
    assert_eq!(one["id"], id);
    assert!(!one["sources"].as_array().unwrap().is_empty());
    assert!(one["disagreements"].is_array());
    assert!(one["sources"][0]["modality"].is_string());
    error_of("/api/stories/999999", 404);
    error_of("/api/stories/abc", 400);

    for name in ["haftar", HAFTAR] {
        let tl = get_json(&format!("/api/timeline/{name}"));
        assert_eq!(tl["entity"]["key"], HAFTAR);
        let visit = tl["stories"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["type"] == "CONSULT" && s["location"]["key"] == "moscow")
            .expect("the visit to Moscow");
        assert_eq!(visit["sources"][0]["article"], "sample-fr-moscou");
    }
    error_of("/api/timeline/nobody", 404);

    let net = get_json(&format!("/api/network/{HAFTAR}"));
    assert_eq!(net["center"]["key"], HAFTAR);
    let keys: Vec<&str> = net["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["key"].as_str().unwrap())
        .collect();
    assert!(
        keys.contains(&"per:vldmr-ptn") && keys.contains(&"moscow"),
        "{keys:?}"
    );
    assert!(net["nodes"][0]["stories"].as_u64().unwrap() >= 1);
    assert!(net["links"]
        .as_array()
        .unwrap()
        .iter()
        .any(|l| (l["a"] == HAFTAR || l["b"] == HAFTAR) && l["stories"].as_u64() >= Some(1)));
    error_of("/api/network/per:nobody", 404);
}

#[test]
fn full_text_search() {
    let hits = get_json("/api/search?q=Moscou");
    assert_eq!(hits[0]["article"], "sample-fr-moscou");
    assert!(hits[0]["snippet"].as_str().unwrap().contains("[Moscou]"));
    assert_eq!(
        get_json("/api/search?q=moscou%20houthis")
            .as_array()
            .unwrap()
            .len(),
        0
    );
    // A prefix finds "Moscou" and "Moscow"; a plain word only itself.
    assert_eq!(
        get_json("/api/search?q=Mosc*&raw=1")
            .as_array()
            .unwrap()
            .len(),
        2
    );
    error_of("/api/search?q=%22unclosed&raw=1", 400);
    error_of("/api/search", 400);
}

#[test]
fn openapi_lists_every_endpoint() {
    let doc = get_json("/api/openapi.json");
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    for path in [
        "/api/articles",
        "/api/articles/{id}",
        "/api/entities",
        "/api/entities/{key}",
        "/api/events",
        "/api/stories",
        "/api/stories/{id}",
        "/api/timeline/{name}",
        "/api/network/{key}",
        "/api/search",
        "/api/openapi.json",
    ] {
        assert!(doc["paths"][path]["get"].is_object(), "{path}");
    }
}

#[test]
fn page_and_security_headers() {
    for path in [
        "/",
        "/app.js",
        "/app.css",
        "/world.svg",
        "/api/articles",
        "/nope",
    ] {
        let r = get(path);
        let csp = r.header("content-security-policy").unwrap_or_default();
        assert!(csp.contains("default-src 'self'"), "{path}: {csp}");
        assert!(!csp.contains("unsafe-inline"), "{path}");
        assert_eq!(
            r.header("x-content-type-options"),
            Some("nosniff"),
            "{path}"
        );
    }
    let page = get("/");
    assert_eq!(page.status, 200);
    let html = String::from_utf8(page.body).unwrap();
    assert!(html.contains("<script src=\"/app.js\""));
    assert!(
        !html.contains("<script>") && !html.contains("style="),
        "nothing inline"
    );
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "no outside resource"
    );
    assert_eq!(
        get("/app.js").header("content-type"),
        Some("text/javascript; charset=utf-8")
    );
    let svg = get("/world.svg");
    assert_eq!(svg.header("content-type"), Some("image/svg+xml"));
    assert!(svg.body.len() > 10_000);
}

#[test]
fn no_path_leaves_the_embedded_files() {
    for path in [
        "/../etc/passwd",
        "/../../../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/..%2f..%2fetc%2fpasswd",
        "//etc/passwd",
        "/app.js/../../Cargo.toml",
        "/src/lib.rs",
        "/web/app.js",
    ] {
        let r = get(path);
        assert_eq!(r.status, 404, "{path}");
        assert!(
            !String::from_utf8_lossy(&r.body).contains("root:"),
            "{path}"
        );
    }
}

#[test]
fn limits_and_refusals() {
    let port = fixture().addr.port();
    // A huge body is refused before it is read.
    let r = raw(&format!(
        "POST /api/articles HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: 104857600"
    ));
    assert_eq!(r.status, 413);
    let r = raw(&format!(
        "GET /api/articles HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nTransfer-Encoding: chunked"
    ));
    assert_eq!(r.status, 413);
    // A long address.
    let r = get(&format!("/api/search?q={}", "a".repeat(10_000)));
    assert_eq!(r.status, 414);
    // Read-only: only GET and HEAD.
    let r = raw(&format!(
        "DELETE /api/articles/sample-fr-moscou HTTP/1.1\r\nHost: 127.0.0.1:{port}"
    ));
    assert_eq!(r.status, 405);
    assert_eq!(r.header("allow"), Some("GET, HEAD"));
    // Another host name (DNS rebinding) is refused on loopback.
    let r = raw("GET /api/articles HTTP/1.1\r\nHost: evil.example:80");
    assert_eq!(r.status, 421);
    let r = raw(&format!(
        "GET /api/articles HTTP/1.1\r\nHost: localhost:{port}"
    ));
    assert_eq!(r.status, 200);
}

#[test]
fn the_store_is_not_written() {
    let fx = fixture();
    let before = std::fs::read(&fx.db).unwrap();
    for path in [
        "/api/articles",
        "/api/timeline/haftar",
        "/api/search?q=Niger",
    ] {
        get_json(path);
    }
    assert_eq!(std::fs::read(&fx.db).unwrap(), before);
    // And a read-only store refuses writes.
    let mut store = SqliteStore::open_read_only(&fx.db).unwrap();
    assert!(store.rebuild_stories().is_err());
}

#[test]
fn an_unknown_name_is_answered_with_close_ones() {
    let r = get("/api/timeline/Haftxr");
    assert_eq!(r.status, 404);
    let error = r.json()["error"].as_str().unwrap().to_string();
    assert!(error.contains("close names: Khalifa Haftar"), "{error}");
}

/// Slow clients (a head trickling in a byte at a time) are closed when
/// their head's time runs out, meanwhile the others are answered, and
/// connections beyond the cap are told 503 with `Retry-After`.
#[test]
fn slow_clients_and_too_many_connections_starve_nothing() {
    let limits = Limits {
        connections: 4,
        head: Duration::from_millis(1500),
        ..Limits::default()
    };
    let server = Server::bind(&fixture().db, "127.0.0.1:0".parse().unwrap(), limits).unwrap();
    let addr = server.local_addr().unwrap();
    std::thread::spawn(move || server.run());
    let trickle = |_| {
        std::thread::spawn(move || {
            let mut s = TcpStream::connect(addr).unwrap();
            s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
            let started = std::time::Instant::now();
            for b in format!(
                "GET /api/articles HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nX: ",
                addr.port()
            )
            .bytes()
            .chain(std::iter::repeat_n(b'a', 40))
            {
                if s.write_all(&[b]).is_err() {
                    break;
                }
                std::thread::sleep(Duration::from_millis(100));
                if started.elapsed() > Duration::from_secs(5) {
                    break;
                }
            }
            let mut rest = Vec::new();
            let _ = s.read_to_end(&mut rest);
            started.elapsed()
        })
    };
    let slow: Vec<_> = (0..3).map(trickle).collect();
    std::thread::sleep(Duration::from_millis(200));
    // A fourth connection is still answered while the three trickle.
    let host = format!("Host: 127.0.0.1:{}", addr.port());
    let ok = raw_to(
        addr,
        &format!("GET /api/articles?limit=1 HTTP/1.1\r\n{host}"),
    );
    assert_eq!(ok.status, 200);
    // Beyond the cap: 503, told when to come back.
    let held: Vec<TcpStream> = (0..2).map(|_| TcpStream::connect(addr).unwrap()).collect();
    // The held connections count once the server has accepted them: on a
    // loaded machine that may take more than a moment, so ask a few times
    // (well within the trickling heads' time).
    let mut busy = raw_to(addr, &format!("GET /api/articles HTTP/1.1\r\n{host}"));
    for _ in 0..10 {
        if busy.status == 503 {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
        busy = raw_to(addr, &format!("GET /api/articles HTTP/1.1\r\n{host}"));
    }
    assert_eq!(busy.status, 503);
    assert_eq!(busy.header("retry-after"), Some("1"));
    drop(held);
    for t in slow {
        let closed_after = t.join().unwrap();
        assert!(
            closed_after < Duration::from_secs(4),
            "a trickling client was kept {closed_after:?}"
        );
    }
}

#[test]
fn a_wrong_type_or_date_is_a_400_that_says_what_is_valid() {
    let r = get("/api/events?type=NOT-A-TYPE");
    assert_eq!(r.status, 400);
    let error = r.json()["error"].as_str().unwrap().to_string();
    assert!(error.contains("CONSULT"), "{error}");
    error_of("/api/events?from=2024-13", 400);
    error_of("/api/events?to=2023-02-29", 400);
}

/// A French article written for a test, with its publication day.
fn french(id: &str, text: &str, published: Option<&str>) -> depeche_ingest::Article {
    depeche_ingest::Article {
        id: id.into(),
        text: text.into(),
        published: published.map(String::from),
        lang: Some("fr".into()),
        url: None,
        outlet: None,
        origin: "test".into(),
        warnings: Vec::new(),
        title: None,
        made_text: false,
    }
}

/// A store whose every article holds every word of a small vocabulary many
/// times: a search for all those words, within the caps on words and hits,
/// still costs seconds (each hit's snippet weighs every occurrence).
fn costly_store() -> (PathBuf, String) {
    let dir = std::env::temp_dir().join(format!("depeche-serve-costly-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("costly.db");
    let vocabulary: Vec<String> = (0..depeche_store::MAX_SEARCH_WORDS)
        .map(|i| format!("mot{i}"))
        .collect();
    let template = depeche_extract::extract(&french("template", "Une dépêche.", None));
    // A fixed pseudo-random order, so that no two texts are the same.
    let mut seed: u64 = 7;
    let articles: Vec<(String, depeche_extract::Record)> = (0..300)
        .map(|n| {
            let words: Vec<&str> = (0..2000)
                .map(|_| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    vocabulary[(seed >> 33) as usize % vocabulary.len()].as_str()
                })
                .collect();
            let mut record = template.clone();
            record.id = format!("costly-{n}");
            (words.join(" "), record)
        })
        .collect();
    let batch: Vec<NewArticle<'_>> = articles
        .iter()
        .map(|(text, record)| NewArticle { text, record })
        .collect();
    SqliteStore::open(&db).unwrap().ingest(&batch).unwrap();
    (db, vocabulary.join(" "))
}

/// A search that would run for seconds is stopped inside SQLite when its
/// request times out, so its connection and its turn are free at once;
/// meanwhile light requests are answered, as searches never hold every
/// connection; a query past the caps is a 400 that says the cap.
#[test]
fn a_costly_search_is_stopped_and_starves_nothing() {
    let (db, words) = costly_store();
    let limits = Limits {
        timeout: Duration::from_secs(1),
        readers: 2,
        searches: 1,
        ..Limits::default()
    };
    let server = Server::bind(&db, "127.0.0.1:0".parse().unwrap(), limits).unwrap();
    let addr = server.local_addr().unwrap();
    std::thread::spawn(move || server.run());
    let host = format!("Host: 127.0.0.1:{}", addr.port());
    let costly = format!(
        "GET /api/search?q={}&limit=200 HTTP/1.1\r\n{host}",
        words.replace(' ', "%20")
    );
    let heavy: Vec<_> = (0..3)
        .map(|_| {
            let costly = costly.clone();
            std::thread::spawn(move || raw_to(addr, &costly).status)
        })
        .collect();
    std::thread::sleep(Duration::from_millis(100));
    // While the costly searches run or wait their turn: a light request.
    let light = raw_to(
        addr,
        &format!("GET /api/articles?limit=1 HTTP/1.1\r\n{host}"),
    );
    assert_eq!(light.status, 200);
    for h in heavy {
        assert_eq!(h.join().unwrap(), 503);
    }
    // Had the costly queries run on after their 503, the one search turn
    // would still be taken and this search would time out in its wait.
    let cheap = raw_to(
        addr,
        &format!("GET /api/search?q=mot1&limit=1 HTTP/1.1\r\n{host}"),
    );
    assert_eq!(
        cheap.status,
        200,
        "{}",
        String::from_utf8_lossy(&cheap.body)
    );
    // Past the caps: a 400 that says which.
    let long = vec!["mot1"; depeche_store::MAX_SEARCH_WORDS + 1].join("%20");
    let refused = raw_to(
        addr,
        &format!("GET /api/search?q={long} HTTP/1.1\r\n{host}"),
    );
    assert_eq!(refused.status, 400);
    let message = refused.json()["error"].as_str().unwrap().to_string();
    assert!(
        message.contains("33 words") && message.contains("32"),
        "{message}"
    );
    let _ = std::fs::remove_dir_all(db.parent().unwrap());
}

/// A store of one dispatch, written for this test, that gives a toll.
fn toll_store() -> (PathBuf, String) {
    let dir = std::env::temp_dir().join(format!("depeche-serve-toll-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("toll.db");
    let text =
        "L'armée israélienne a frappé jeudi des positions du Hezbollah dans le sud du Liban, \
                faisant au moins 12 morts et une dizaine de blessés.";
    let record = depeche_extract::extract(&french("toll", text, Some("2024-05-10")));
    let batch = [NewArticle {
        text,
        record: &record,
    }];
    SqliteStore::open(&db).unwrap().ingest(&batch).unwrap();
    (db, text.to_string())
}

/// An event's figures come with it from every route that shows it: the
/// article, the event list, the story's sources.
#[test]
fn figures_are_served_with_their_event() {
    let (db, text) = toll_store();
    let server = Server::bind(&db, "127.0.0.1:0".parse().unwrap(), Limits::default()).unwrap();
    let addr = server.local_addr().unwrap();
    std::thread::spawn(move || server.run());
    let get = |path: &str| -> Value {
        let r = raw_to(addr, &format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1"));
        assert_eq!(r.status, 200, "{path}");
        r.json()
    };
    let toll = |figures: &Value| -> Vec<(String, u64, String)> {
        figures
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                let kind = f["kind"].as_str().unwrap().to_string();
                (
                    kind,
                    f["value"].as_u64().unwrap(),
                    f["bound"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let expected = vec![
        ("dead".to_string(), 12, "at-least".to_string()),
        ("injured".to_string(), 10, "about".to_string()),
    ];
    let article = get("/api/articles/toll");
    let event = &article["events"][0];
    assert_eq!(toll(&event["figures"]), expected);
    let chars: Vec<char> = text.chars().collect();
    for f in event["figures"].as_array().unwrap() {
        let (s, e) = (
            f["start"].as_u64().unwrap() as usize,
            f["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            chars[s..e].iter().collect::<String>(),
            f["text"].as_str().unwrap()
        );
    }
    assert_eq!(
        toll(&get("/api/events?type=ASSAULT")[0]["figures"]),
        expected
    );
    let story = get(&format!("/api/stories/{}", event["story"]));
    assert_eq!(toll(&story["sources"][0]["figures"]), expected);
    let _ = std::fs::remove_dir_all(db.parent().unwrap());
}
