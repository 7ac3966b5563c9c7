//! Store faults, end to end through the binary: readers while an ingest
//! writes, a read-only store (file and file system), a full disk.
//!
//! The tests that need `mount` (a read-only bind mount, a small tmpfs) are
//! ignored by a plain `cargo test`, which lists them as such; CI runs them
//! as root with `cargo test -p depeche --test faults -- --ignored`, where a
//! mount that is refused fails them.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

mod common;
use common::*;

/// `stats --check --json`: must succeed with no problem; returns the counts.
fn checked_counts(db: &str) -> Value {
    let out = depeche(&["stats", "--check", "--json", "--db", db]);
    let v: Value = serde_json::from_str(&ok(&out)).expect("stats JSON");
    assert_eq!(v["problems"], Value::Array(Vec::new()), "{v}");
    v["counts"].clone()
}

fn articles(counts: &Value) -> u64 {
    counts["articles"].as_u64().expect("article count")
}

/// Short dispatches, written for these tests: ministers meeting, visiting
/// and signing in a few capitals, each with its own number so that no two
/// texts are the same.
fn generate(path: &Path, first: usize, n: usize) {
    let people = [
        "Ingrid Solberg",
        "Tomas Varga",
        "Amara Diallo",
        "Lucia Ferreira",
        "Kenji Mori",
    ];
    let places = ["Oslo", "Budapest", "Dakar", "Lisbon", "Osaka", "Quito"];
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).expect("input file"));
    for i in first..first + n {
        let a = people[i % people.len()];
        let b = people[(i / people.len() + 1 + i) % people.len()];
        let b = if a == b {
            people[(i + 2) % people.len()]
        } else {
            b
        };
        let place = places[(i / 5) % places.len()];
        let text = match i % 3 {
            0 => format!(
                "Foreign minister {a} met {b} in {place} on Tuesday to discuss fishing quotas, officials said. Bulletin {i}."
            ),
            1 => format!(
                "{a} visited {place} on Monday and signed a trade memorandum with {b}, the ministry said in a statement. Item {i}."
            ),
            _ => format!(
                "Trade unions marched through {place} on Friday against a pension reform; {a} condemned the violence that followed. Wire {i}."
            ),
        };
        let line = serde_json::json!({
            "id": format!("fault-{i:06}"),
            "lang": "en",
            "published": format!("2025-{:02}-{:02}", 1 + (i / 28) % 12, 1 + i % 28),
            "outlet": format!("wire{}.example", i % 4),
            "url": format!("https://wire{}.example/story/{i}", i % 4),
            "text": text,
        });
        writeln!(out, "{line}").expect("write input");
    }
    out.flush().expect("flush input");
}

/// A process that is killed if the test ends early.
struct Reaped(Child);

impl Drop for Reaped {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// One GET to a local server; returns the status and the body.
fn http_get(port: u16, path: &str) -> std::io::Result<(u16, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(Duration::from_secs(20)))?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let status = raw
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = raw
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    Ok((status, body))
}

/// Starts `depeche serve` on a free loopback port; returns it and the port.
fn serve(db: &str) -> (Reaped, u16) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_depeche"))
        .args(["serve", "--db", db, "--addr", "127.0.0.1:0"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn depeche serve");
    let mut err = child.stderr.take().expect("serve stderr");
    let child = Reaped(child);
    // The first line says where it listens: "... on http://127.0.0.1:PORT/ ...".
    let mut said = Vec::new();
    let mut byte = [0u8; 1];
    while err.read(&mut byte).map(|n| n == 1).unwrap_or(false) && byte[0] != b'\n' {
        said.push(byte[0]);
    }
    let said = String::from_utf8_lossy(&said).into_owned();
    let port = said
        .split("http://127.0.0.1:")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("serve did not start: {said}"));
    // Keep reading its standard error so that it never blocks on a full pipe.
    std::thread::spawn(move || {
        let _ = std::io::copy(&mut err, &mut std::io::sink());
    });
    (child, port)
}

/// (a) While `depeche ingest` stores a few thousand articles in batches,
/// other processes read the same file: `stats --check` (every article
/// whole, SQLite's integrity check), `timeline --json`, and a running
/// `depeche serve` whose read-only connections were opened before the
/// ingest. Every read succeeds, sees only whole batches, and counts never
/// go down.
#[test]
fn readers_during_an_ingest_see_whole_articles_only() {
    const SEED: usize = 20;
    const N: usize = 2000;
    const BATCH: u64 = 50;
    let dir = temp_dir("readers");
    let seed = dir.join("seed.jsonl");
    let input = dir.join("more.jsonl");
    generate(&seed, 0, SEED);
    generate(&input, SEED, N);
    let db = s(&dir.join("news.db"));

    // The store exists, and names the people, before the readers start.
    ok(&depeche(&["ingest", &s(&seed), "--db", &db, "-q"]));
    assert_eq!(articles(&checked_counts(&db)), SEED as u64);
    let (_server, port) = serve(&db);

    let writer = Command::new(env!("CARGO_BIN_EXE_depeche"))
        .args([
            "ingest",
            &s(&input),
            "--db",
            &db,
            "--batch",
            &BATCH.to_string(),
            "--jobs",
            "1",
            "-q",
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn depeche ingest");
    let mut writer = Reaped(writer);

    let started = Instant::now();
    let mut seen = Vec::new();
    let mut served = Vec::new();
    let mut reads_during = 0;
    let status = loop {
        let running = writer.0.try_wait().expect("try_wait").is_none();
        let counts = checked_counts(&db);
        let n = articles(&counts);
        assert!(
            (n - SEED as u64).is_multiple_of(BATCH) || n == (SEED + N) as u64,
            "{n} articles: not a whole number of batches"
        );
        if let Some(&last) = seen.last() {
            assert!(n >= last, "article count went down: {last} then {n}");
        }
        seen.push(n);

        let out = depeche(&["timeline", "Ingrid Solberg", "--db", &db, "--json"]);
        let timeline: Value = serde_json::from_str(&ok(&out)).expect("timeline JSON");
        let stories = timeline["stories"].as_array().expect("stories");
        assert!(!stories.is_empty(), "{timeline}");
        for story in stories {
            let sources = story["sources"].as_array().expect("sources");
            assert!(!sources.is_empty(), "a story with no source: {story}");
            assert_eq!(
                story["corroboration"]["articles"].as_u64(),
                Some(
                    sources
                        .iter()
                        .map(|s| s["article"].as_str().unwrap())
                        .collect::<std::collections::BTreeSet<_>>()
                        .len() as u64
                ),
                "{story}"
            );
            for source in sources {
                assert!(
                    !source["evidence"].as_str().unwrap_or("").is_empty(),
                    "a report with no words: {source}"
                );
            }
        }

        let (code, body) = http_get(port, "/api/articles?limit=1").expect("GET /api/articles");
        assert_eq!(code, 200, "{body}");
        let page: Value = serde_json::from_str(&body).expect("articles JSON");
        let total = page["total"].as_u64().expect("total");
        assert!(
            (total - SEED as u64).is_multiple_of(BATCH) || total == (SEED + N) as u64,
            "the server saw {total} articles: not a whole number of batches"
        );
        served.push(total);
        let (code, body) = http_get(port, "/api/timeline/Ingrid%20Solberg").expect("GET timeline");
        assert_eq!(code, 200, "{body}");

        if running {
            reads_during += 1;
        } else {
            break writer.0.wait().expect("wait");
        }
        assert!(
            started.elapsed() < Duration::from_secs(240),
            "ingest too slow"
        );
    };
    let mut err = String::new();
    if let Some(mut e) = writer.0.stderr.take() {
        let _ = e.read_to_string(&mut err);
    }
    assert!(status.success(), "ingest failed ({status}): {err}");

    let last = *seen.last().unwrap();
    assert_eq!(last, (SEED + N) as u64);
    let distinct: std::collections::BTreeSet<_> = seen.iter().collect();
    eprintln!(
        "readers: {} rounds of reads ({reads_during} while the ingest ran) in {:.1} s; \
         {} distinct article counts seen; server totals {:?}",
        seen.len(),
        started.elapsed().as_secs_f64(),
        distinct.len(),
        served.first().zip(served.last())
    );
    assert!(
        reads_during >= 3 && distinct.len() >= 3,
        "the readers did not overlap the ingest enough to test anything: {seen:?}"
    );
    if let (Some(first), Some(last)) = (served.first(), served.last()) {
        assert!(
            last > first,
            "the server's connections did not see new articles"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Runs `mount` with these arguments; false when not permitted.
fn mount(args: &[&str]) -> bool {
    Command::new("mount")
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map(|s| s.success())
        .unwrap_or(false)
}

/// A mount point, unmounted when dropped.
struct Mounted(PathBuf);

impl Drop for Mounted {
    fn drop(&mut self) {
        let done = Command::new("umount")
            .arg(&self.0)
            .status()
            .map(|s| s.success())
            .unwrap_or(false);
        if !done {
            let _ = Command::new("umount").arg("-l").arg(&self.0).status();
        }
    }
}

/// `source` again at `target`, read-only; None when not permitted.
fn read_only_bind(source: &Path, target: &Path) -> Option<Mounted> {
    std::fs::create_dir_all(target).ok()?;
    if !mount(&["--bind", &s(source), &s(target)]) {
        return None;
    }
    let mounted = Mounted(target.to_path_buf());
    if !mount(&["-o", "remount,bind,ro", &s(target)]) {
        return None;
    }
    // Make sure writes really fail there.
    match std::fs::File::create(target.join(".probe")) {
        Ok(_) => None,
        Err(_) => Some(mounted),
    }
}

/// The store's content: the database file and its WAL when not empty, as
/// (file, length, hash of the bytes). An empty WAL, or the `-shm` index a
/// reader creates, changes nothing stored.
fn snapshot(db: &Path) -> Vec<(String, usize, u64)> {
    use std::hash::{Hash, Hasher};
    ["", "-wal"]
        .iter()
        .filter_map(|suffix| {
            let p = PathBuf::from(format!("{}{suffix}", db.display()));
            let bytes = std::fs::read(&p).ok().filter(|b| !b.is_empty())?;
            let mut h = std::collections::hash_map::DefaultHasher::new();
            bytes.hash(&mut h);
            Some((s(&p), bytes.len(), h.finish()))
        })
        .collect()
}

fn fails_clearly(out: &Output, words: &[&str]) -> String {
    let said = stderr(out);
    assert_eq!(out.status.code(), Some(2), "{said}");
    assert!(!said.contains("panicked"), "{said}");
    assert!(
        words.iter().any(|w| said.contains(w)),
        "expected one of {words:?}: {said}"
    );
    said
}

/// (b) A store that cannot be written: `ingest` is a clear error (status
/// 2) and leaves the file as it was; queries still read it.
///
/// As root, `chmod 444` does not stop writes; depeche refuses the file
/// from its mode bits before SQLite opens it, so that part holds for root
/// too. A file whose mode allows writing but which lies on a read-only file
/// system is then tried through a read-only bind mount, where mounting is
/// permitted.
#[test]
fn a_read_only_store_is_a_clear_error_and_stays_intact() {
    let dir = temp_dir("readonly");
    let store_dir = dir.join("store");
    let input = dir.join("in.jsonl");
    let more = dir.join("more.jsonl");
    generate(&input, 0, 30);
    generate(&more, 30, 10);
    let db = store_dir.join("news.db");
    let db_s = s(&db);
    ok(&depeche(&["ingest", &s(&input), "--db", &db_s, "-q"]));
    let before = snapshot(&db);
    assert_eq!(articles(&checked_counts(&db_s)), 30);

    // The file's mode says read-only.
    let mut perms = std::fs::metadata(&db).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&db, perms.clone()).unwrap();
    let privileged = std::fs::OpenOptions::new().append(true).open(&db).is_ok();
    if privileged {
        eprintln!(
            "read-only store: running with privileges that ignore the mode bits (root); \
             the refusal comes from depeche's own check of the mode"
        );
    }
    let out = depeche(&["ingest", &s(&more), "--db", &db_s]);
    fails_clearly(&out, &["read-only"]);
    assert_eq!(snapshot(&db), before, "a refused ingest changed the store");
    assert_eq!(articles(&checked_counts(&db_s)), 30);
    ok(&depeche(&[
        "timeline",
        "Kenji Mori",
        "--db",
        &db_s,
        "--json",
    ]));
    assert_eq!(snapshot(&db), before, "a query changed a read-only store");

    // The mode allows writing, the file system does not.
    #[allow(clippy::permissions_set_readonly_false)]
    perms.set_readonly(false);
    std::fs::set_permissions(&db, perms).unwrap();
    let ro_view = dir.join("ro");
    match read_only_bind(&store_dir, &ro_view) {
        None => eprintln!(
            "read-only store: SKIPPED the read-only file system part (mount --bind -o ro not permitted here)"
        ),
        Some(_mounted) => {
            let ro_db = s(&ro_view.join("news.db"));
            let out = depeche(&["ingest", &s(&more), "--db", &ro_db]);
            // Without a `-shm` file SQLite cannot open the file at all
            // ("cannot open store ..."); with one left by an earlier reader
            // (as here) it opens read-only and the first write fails.
            let said = fails_clearly(&out, &["cannot open store", "readonly", "read-only"]);
            eprintln!("read-only file system: ingest says: {}", said.trim());
            assert_eq!(snapshot(&db), before, "a refused ingest changed the store");
            // A new store on a read-only file system.
            let out = depeche(&["ingest", &s(&more), "--db", &s(&ro_view.join("new.db"))]);
            fails_clearly(&out, &["cannot open store"]);
        }
    }
    assert_eq!(snapshot(&db), before);
    assert_eq!(articles(&checked_counts(&db_s)), 30);
    let _ = std::fs::remove_dir_all(&dir);
}

/// Queries and `serve` on a store that lies on a read-only file system
/// (a store shipped on read-only media, a read-only container volume),
/// with no `-wal` or `-shm` file beside it: SQLite cannot open a WAL-mode
/// file there with its locks, so depeche opens it `immutable`.
#[test]
#[ignore = "needs mount: as root, cargo test -p depeche --test faults -- --ignored"]
fn queries_read_a_store_on_a_read_only_file_system() {
    let dir = temp_dir("rofs");
    let store_dir = dir.join("store");
    let input = dir.join("in.jsonl");
    generate(&input, 0, 30);
    let db = store_dir.join("news.db");
    ok(&depeche(&["ingest", &s(&input), "--db", &s(&db), "-q"]));
    let ro_view = dir.join("ro");
    let _mounted = read_only_bind(&store_dir, &ro_view)
        .expect("mount --bind -o ro not permitted: run this test as root");
    let ro_db = s(&ro_view.join("news.db"));
    assert_eq!(articles(&checked_counts(&ro_db)), 30);
    ok(&depeche(&[
        "timeline",
        "Kenji Mori",
        "--db",
        &ro_db,
        "--json",
    ]));
    let (_server, port) = serve(&ro_db);
    let (code, body) = http_get(port, "/api/articles?limit=1").expect("GET");
    assert_eq!(code, 200, "{body}");
}

/// (c) A disk that fills up mid-ingest (a 512 KiB tmpfs): the ingest stops
/// with a clear error and status 2, the store still opens and holds whole
/// batches of whole articles only; once there is room again, running the
/// same ingest completes it.
#[test]
#[ignore = "needs mount: as root, cargo test -p depeche --test faults -- --ignored"]
fn a_full_disk_stops_the_ingest_cleanly() {
    const N: usize = 300;
    const BATCH: u64 = 5;
    let dir = temp_dir("full");
    let input = dir.join("in.jsonl");
    generate(&input, 0, N);
    let small = dir.join("small");
    std::fs::create_dir_all(&small).unwrap();
    assert!(
        mount(&["-t", "tmpfs", "-o", "size=512k", "tmpfs", &s(&small)]),
        "mount -t tmpfs not permitted: run this test as root"
    );
    let mounted = Mounted(small.clone());
    let db = s(&small.join("news.db"));
    let args = [
        "ingest",
        &s(&input),
        "--db",
        &db,
        "--batch",
        &BATCH.to_string(),
        "--jobs",
        "1",
        "-q",
    ];

    let out = depeche(&args);
    let said = fails_clearly(&out, &["full"]);
    eprintln!("full disk: ingest says: {}", said.trim());

    // The store opens, on the full disk, with whole articles only.
    let counts = checked_counts(&db);
    let stored = articles(&counts);
    eprintln!("full disk: {stored} of {N} articles stored before the disk filled");
    assert!(stored > 0, "nothing stored: the disk is too small to test");
    assert!(stored < N as u64, "the disk never filled: {counts}");
    assert!(
        stored.is_multiple_of(BATCH),
        "{stored} articles: not whole batches"
    );

    // Again on the still full disk: the same clear error, nothing lost.
    let out = depeche(&args);
    fails_clearly(&out, &["full"]);
    assert_eq!(articles(&checked_counts(&db)), stored);

    // Room again: the same command completes the store.
    assert!(
        mount(&["-o", "remount,size=16m", &s(&small)]),
        "cannot grow the tmpfs"
    );
    ok(&depeche(&args));
    assert_eq!(articles(&checked_counts(&db)), N as u64);
    drop(mounted);
    let _ = std::fs::remove_dir_all(&dir);
}

/// A store with a page overwritten inside it: `ingest` refuses to write
/// into it, saying it is damaged and what to do, and `stats --check`
/// reports the damage.
#[test]
fn a_damaged_store_is_refused_with_what_to_do() {
    let dir = temp_dir("damaged");
    let input = dir.join("in.jsonl");
    generate(&input, 0, 60);
    let db = dir.join("news.db");
    ok(&depeche(&["ingest", &s(&input), "--db", &s(&db), "-q"]));
    let mut bytes = std::fs::read(&db).unwrap();
    assert!(bytes.len() > 8 * 4096, "a store of several pages");
    // Overwrite a page in the middle of the file (not the header page).
    let page = bytes.len() / 4096 / 2 * 4096;
    bytes[page..page + 4096].fill(0xA5);
    std::fs::write(&db, &bytes).unwrap();
    let more = dir.join("more.jsonl");
    generate(&more, 60, 5);
    let out = depeche(&["ingest", &s(&more), "--db", &s(&db)]);
    let said = fails_clearly(&out, &["damaged"]);
    assert!(said.contains("ingest the articles again"), "{said}");
    assert_eq!(std::fs::read(&db).unwrap(), bytes, "nothing written");
    let check = depeche(&["stats", "--check", "--db", &s(&db)]);
    assert_ne!(check.status.code(), Some(0), "{}", stderr(&check));
}

/// Two ingests started at once into one store: the second waits for the
/// first (and says so), so the store ends as one run after the other
/// would leave it, and checks clean.
#[test]
fn two_ingests_at_once_end_as_one_after_the_other() {
    let dir = temp_dir("writers");
    let (a, b) = (dir.join("a.jsonl"), dir.join("b.jsonl"));
    generate(&a, 0, 150);
    generate(&b, 150, 150);
    let one_after = dir.join("sequential.db");
    for input in [&a, &b] {
        ok(&depeche(&[
            "ingest",
            &s(input),
            "--db",
            &s(&one_after),
            "-q",
        ]));
    }
    let together = dir.join("together.db");
    let spawn = |input: &Path| {
        Command::new(env!("CARGO_BIN_EXE_depeche"))
            .args(["ingest", &s(input), "--db", &s(&together), "--batch", "10"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run depeche")
    };
    let (first, second) = (spawn(&a), spawn(&b));
    let outs = [
        first.wait_with_output().unwrap(),
        second.wait_with_output().unwrap(),
    ];
    for out in &outs {
        assert!(out.status.success(), "{}", stderr(out));
    }
    let counts = checked_counts(&s(&together));
    assert_eq!(counts, checked_counts(&s(&one_after)));
}
