//! Runs `depeche ingest` and the query commands on fixture articles and on
//! generated ones: idempotence, JSON output, bad store paths, and a run
//! killed mid-way then completed.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use depeche_store::{SqliteStore, Store};
use serde_json::Value;

mod common;
use common::*;

fn json(out: &Output) -> Value {
    serde_json::from_str(&ok(out)).expect("JSON output")
}

fn fixtures() -> Vec<String> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    vec![
        root.join("tests/fixtures/articles.jsonl")
            .display()
            .to_string(),
        root.join("../../samples/dispatches.jsonl")
            .display()
            .to_string(),
    ]
}

fn stats(db: &str) -> Value {
    let v = json(&depeche(&["stats", "--check", "--json", "--db", db]));
    assert_eq!(v["problems"], Value::Array(Vec::new()), "{v}");
    v["counts"].clone()
}

#[test]
fn ingest_twice_then_query() {
    let dir = temp_dir("fixtures");
    let db = dir.join("news.db").display().to_string();
    let mut args = vec!["ingest", "--db", db.as_str()];
    let inputs = fixtures();
    args.extend(inputs.iter().map(String::as_str));

    let first = depeche(&args);
    ok(&first);
    let counts = stats(&db);
    assert_eq!(counts["articles"], 10);
    assert!(counts["events"].as_u64().unwrap() > 0, "{counts}");
    assert!(counts["entities"].as_u64().unwrap() > 10, "{counts}");

    let second = depeche(&args);
    ok(&second);
    let said = String::from_utf8_lossy(&second.stderr);
    assert!(said.contains("0 stored"), "{said}");
    assert!(said.contains("10 already in the store"), "{said}");
    assert_eq!(stats(&db), counts);

    // Any spelling finds the entity; the timeline lists its events with
    // their sources.
    let entity = json(&depeche(&["entity", "hakan FIDAN", "--json", "--db", &db]));
    assert_eq!(entity["type"], "PER");
    assert_eq!(entity["name"], "Hakan Fidan");
    assert!(entity["articles"].as_u64().unwrap() >= 1);
    assert!(
        entity["variants"].as_array().unwrap().len() >= 2,
        "{entity}"
    );
    assert!(!entity["co_occurring"].as_array().unwrap().is_empty());
    let key = entity["key"].as_str().unwrap().to_string();

    let timeline = json(&depeche(&["timeline", "Fidan", "--json", "--db", &db]));
    assert_eq!(timeline["entity"]["key"], key.as_str());
    let stories = timeline["stories"].as_array().unwrap();
    assert!(!stories.is_empty(), "{timeline}");
    for s in stories {
        assert!(!s["sources"].as_array().unwrap().is_empty());
        assert!(s["corroboration"]["articles"].as_u64().unwrap() >= 1);
    }

    let events = json(&depeche(&[
        "events", "--actor", "Fidan", "--json", "--db", &db,
    ]));
    assert_eq!(events.as_array().unwrap().len(), stories.len());
    let hits = json(&depeche(&["search", "TRIPOLI", "--json", "--db", &db]));
    assert!(hits
        .as_array()
        .unwrap()
        .iter()
        .any(|h| h["article"] == "fixture-fr-visite"));
    // A search past the cap on words is a usage error that says the cap.
    let mut long = vec!["search"];
    long.extend(vec!["Tripoli"; depeche_store::MAX_SEARCH_WORDS + 1]);
    long.extend(["--db", &db]);
    let refused = depeche(&long);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        stderr(&refused).contains("33 words, more than the 32"),
        "{}",
        stderr(&refused)
    );
    let all = json(&depeche(&["stories", "--json", "--db", &db]));
    assert_eq!(
        all.as_array().unwrap().len() as u64,
        counts["stories"].as_u64().unwrap()
    );

    // Readable tables by default.
    let table = ok(&depeche(&["stories", "--db", &db]));
    assert!(table.starts_with("story"), "{table}");
    assert!(ok(&depeche(&["timeline", "fidan", "--db", &db])).contains("Hakan Fidan"));

    // Exports.
    let gdelt = ok(&depeche(&["export", "--format", "gdelt", "--db", &db]));
    assert_eq!(
        gdelt.lines().count() as u64,
        counts["stories"].as_u64().unwrap()
    );
    assert!(gdelt.lines().all(|l| l.split('\t').count() == 61));
    let jsonl = ok(&depeche(&["export", "--db", &db]));
    assert_eq!(jsonl.lines().count(), 10);
    let csv = ok(&depeche(&["export", "-f", "csv", "--db", &db]));
    assert_eq!(
        csv.lines().count() as u64,
        counts["events"].as_u64().unwrap() + 1
    );
    // The gazetteer facts for spark/merge.py need no store.
    let nowhere = dir.join("none.db").display().to_string();
    let countries = ok(&depeche(&["export", "-f", "countries", "--db", &nowhere]));
    assert!(countries.lines().any(|l| l == "country\tFR\tfrance"));
    assert!(!Path::new(&nowhere).exists());

    // Unknown names are reported, not guessed.
    let missing = depeche(&["entity", "Nobody Atall", "--db", &db]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no entity named"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_store_paths_are_clear_errors() {
    let dir = temp_dir("bad");
    let input = fixtures()[0].clone();
    let check = |args: &[&str], words: &str| {
        let out = depeche(args);
        let said = String::from_utf8_lossy(&out.stderr).to_string();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {said}");
        assert!(said.contains(words), "{args:?}: {said}");
        assert!(!said.contains("panicked"), "{said}");
    };
    // A folder that cannot be created (its parent is a file).
    let file = dir.join("plain-file");
    std::fs::write(&file, "x").unwrap();
    let under_file = file.join("sub/news.db").display().to_string();
    check(
        &["ingest", &input, "--db", &under_file],
        "cannot open store",
    );
    // A folder given as the store.
    check(
        &["ingest", &input, "--db", &dir.display().to_string()],
        "folder",
    );
    // A file that is not a database.
    let garbage = dir.join("garbage.db");
    std::fs::write(&garbage, "not a database ".repeat(40)).unwrap();
    check(
        &["ingest", &input, "--db", &garbage.display().to_string()],
        "not a depeche store",
    );
    check(
        &["stats", "--db", &garbage.display().to_string()],
        "not a depeche store",
    );
    // A read-only store.
    let ro = dir.join("ro.db");
    ok(&depeche(&[
        "ingest",
        &input,
        "--db",
        &ro.display().to_string(),
    ]));
    let mut perms = std::fs::metadata(&ro).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&ro, perms).unwrap();
    check(
        &["ingest", &input, "--db", &ro.display().to_string()],
        "read-only",
    );
    // Queries still read it.
    ok(&depeche(&["stats", "--db", &ro.display().to_string()]));
    // No store yet.
    let none = dir.join("none.db").display().to_string();
    check(&["timeline", "Fidan", "--db", &none], "no store there");
    assert!(!Path::new(&none).exists());
    let _ = std::fs::remove_dir_all(&dir);
}

/// Thousands of short articles about a few recurring events, with some
/// copies under other ids and addresses.
fn generate(path: &Path, n: usize) {
    let people = [
        ("Emmanuel Macron", "président français"),
        ("Olaf Scholz", "chancelier allemand"),
        ("Giorgia Meloni", "présidente du Conseil italien"),
        ("Pedro Sánchez", "chef du gouvernement espagnol"),
        ("Abdelmadjid Tebboune", "président algérien"),
        ("Kaïs Saïed", "président tunisien"),
    ];
    let places = ["Berlin", "Rome", "Madrid", "Alger", "Tunis", "Bruxelles"];
    let days = ["lundi", "mardi", "mercredi", "jeudi", "vendredi"];
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    for i in 0..n {
        let (a, ta) = people[i % people.len()];
        let (b, tb) = people[(i / 3 + 1 + i % people.len()) % people.len()];
        let b = if a == b {
            people[(i + 1) % people.len()].0
        } else {
            b
        };
        let place = places[(i / 7) % places.len()];
        let day = days[(i / 11) % days.len()];
        let published = format!("2024-{:02}-{:02}", 1 + (i / 28) % 12, 1 + i % 28);
        let text = match i % 3 {
            0 => format!(
                "Le {ta} {a} a rencontré {b} {day} à {place}. Les deux dirigeants ont parlé d'énergie et de migrations. Dépêche {i}."
            ),
            1 => format!(
                "{a}, {ta}, s'est entretenu {day} avec {b} ({tb}) à {place}, selon l'agence Reuters. « Nous avançons », a déclaré {a}. Réf. {i}."
            ),
            _ => format!(
                "Des manifestants se sont rassemblés {day} devant le Parlement à {place} pour dénoncer la hausse des prix. La police a dispersé la foule. Note {i}."
            ),
        };
        let line = serde_json::json!({
            "id": format!("gen-{i:05}"),
            "lang": "fr",
            "published": published,
            "outlet": format!("journal{}.example", i % 9),
            "url": format!("https://journal{}.example/{i}", i % 9),
            "text": text,
        });
        writeln!(out, "{line}").unwrap();
        if i % 250 == 0 {
            // The same text again under another id: content duplicate.
            let mut copy = line.clone();
            copy["id"] = format!("copy-{i:05}").into();
            copy["url"] = Value::Null;
            writeln!(out, "{copy}").unwrap();
            // The same address under another id: address duplicate.
            let mut same_url = line.clone();
            same_url["id"] = format!("again-{i:05}").into();
            same_url["text"] = format!("Version corrigée {i}.").into();
            writeln!(out, "{same_url}").unwrap();
        }
    }
    out.flush().unwrap();
}

fn counts(db: &Path) -> depeche_store::Counts {
    let store = SqliteStore::open_existing(db).expect("store opens");
    store.counts().expect("counts")
}

#[test]
fn a_killed_ingest_resumes_with_nothing_lost_or_doubled() {
    const N: usize = 2000;
    let dir = temp_dir("kill");
    let input = dir.join("generated.jsonl");
    generate(&input, N);
    let input = input.display().to_string();

    // Kill a run once some batches are committed. It reads the first half
    // of the articles from a pipe left open, so that it cannot finish
    // before the kill however fast it is.
    let killed = dir.join("killed.db");
    let killed_s = killed.display().to_string();
    let mut child = Command::new(env!("CARGO_BIN_EXE_depeche"))
        .args(["ingest", "-", "--db", &killed_s, "--batch", "100", "-q"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn depeche ingest");
    let mut feed = child.stdin.take().expect("stdin");
    let text = std::fs::read_to_string(&input).unwrap();
    for line in text.lines().take(N / 2) {
        writeln!(feed, "{line}").unwrap();
    }
    feed.flush().unwrap();
    let started = Instant::now();
    let mut stored_at_kill = 0;
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            panic!("ingest ended ({status}) before it could be killed");
        }
        if killed.exists() {
            if let Ok(store) = SqliteStore::open_existing(&killed) {
                stored_at_kill = store.counts().map(|c| c.articles).unwrap_or(0);
            }
        }
        if stored_at_kill >= (N / 5) as u64 {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(300),
            "ingest too slow"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().expect("SIGKILL");
    child.wait().unwrap();
    drop(feed);

    // The store opens and holds only whole articles.
    let store = SqliteStore::open_existing(&killed).expect("store opens after kill");
    let after_kill = store.counts().unwrap();
    assert!(after_kill.articles >= stored_at_kill);
    assert!(
        after_kill.articles < N as u64,
        "the kill came too late to test anything"
    );
    assert_eq!(store.check().unwrap(), Vec::<String>::new());
    drop(store);

    // Running again completes it.
    let rerun = depeche(&["ingest", &input, "--db", &killed_s, "--batch", "100"]);
    ok(&rerun);

    // A clean run gives the same counts.
    let clean = dir.join("clean.db");
    ok(&depeche(&[
        "ingest",
        &input,
        "--db",
        &clean.display().to_string(),
    ]));
    let (resumed, whole) = (counts(&killed), counts(&clean));
    assert_eq!(whole.articles, N as u64);
    assert!(whole.corroborated > 0, "{whole:?}");
    assert_eq!(resumed, whole);
    let store = SqliteStore::open_existing(&killed).unwrap();
    assert_eq!(store.check().unwrap(), Vec::<String>::new());
    // No article twice: every id once, every event of an article once.
    let mut ids = Vec::new();
    store
        .records(&mut |json| {
            let v: Value = serde_json::from_str(json).unwrap();
            ids.push(v["id"].as_str().unwrap().to_string());
            Ok(())
        })
        .unwrap();
    let before = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), before);
    assert_eq!(ids.len(), N);
    let _ = std::fs::remove_dir_all(&dir);
}

/// Short dispatches about three people, each named in full in some and by
/// surname alone in the others (never both in one article).
fn people_dispatches(path: &Path, n: usize) {
    let people = [
        ("Le maréchal Khalifa Haftar", "Haftar"),
        ("Le ministre Kenji Mori", "Mori"),
        ("Le Premier ministre Abdelhamid Dbeibah", "Dbeibah"),
    ];
    let places = ["Moscou", "Tokyo", "Tripoli", "Rome"];
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    for i in 0..n {
        let (full, surname) = people[i % people.len()];
        let place = places[(i / 3) % places.len()];
        let text = if i % 5 == 1 {
            format!("{full} est arrivé à {place} jeudi. Dépêche {i}.")
        } else {
            format!("{surname} a rencontré le président à {place} jeudi. Dépêche {i}.")
        };
        let line = serde_json::json!({
            "id": format!("p-{i:03}"),
            "lang": "fr",
            "published": format!("2024-05-{:02}", 1 + i % 28),
            "outlet": format!("journal{}.example", i % 4),
            "text": text,
        });
        writeln!(out, "{line}").unwrap();
    }
    out.flush().unwrap();
}

/// The person keys of each stored article, in the order stored.
fn person_keys(db: &str) -> Vec<(String, Vec<String>)> {
    ok(&depeche(&["export", "--db", db]))
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            let keys = v["entities"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|e| e["type"] == "PER")
                .map(|e| e["key"].as_str().unwrap().to_string())
                .collect();
            (v["id"].as_str().unwrap().to_string(), keys)
        })
        .collect()
}

#[test]
fn people_are_learnt_across_articles_and_runs_whatever_the_threads() {
    let dir = temp_dir("people");
    let input = dir.join("people.jsonl");
    people_dispatches(&input, 60);
    let input = input.display().to_string();
    let run = |name: &str, extra: &[&str]| -> String {
        let db = dir.join(name).display().to_string();
        let mut args = vec!["ingest", input.as_str(), "--db", db.as_str(), "-q"];
        args.extend(extra);
        ok(&depeche(&args));
        db
    };
    let one = run("j1.db", &["-j", "1", "--batch", "7"]);
    let two = run("j2.db", &["-j", "2", "--batch", "7"]);
    let whole = run("whole.db", &["-j", "2"]);
    let records = |db: &str| ok(&depeche(&["export", "--db", db]));
    assert_eq!(records(&one), records(&two));
    assert_eq!(records(&one), records(&whole));
    assert_eq!(stats(&one), stats(&two));
    assert_eq!(stats(&one), stats(&whole));

    // Before the first full name a surname stays a surname; after it, it
    // takes the full name.
    let keys = person_keys(&one);
    let key = |i: usize| (format!("p-{i:03}"), keys[i].1.join(" "));
    assert_eq!(key(3), ("p-003".to_string(), "per:hftr".to_string()));
    assert_eq!(key(6), ("p-006".to_string(), "per:hlf-hftr".to_string()));
    assert_eq!(key(9), ("p-009".to_string(), "per:hlf-hftr".to_string()));
    let entity = json(&depeche(&["entity", "Haftar", "--json", "--db", &one]));
    assert_eq!(entity["key"], "per:hlf-hftr");
    assert!(stats(&one)["people"].as_u64().unwrap() >= 2);

    // A later run learns from the store: a surname alone takes the full
    // name an earlier run stored.
    let later = dir.join("later.jsonl");
    std::fs::write(
        &later,
        r#"{"id":"later-1","lang":"fr","text":"Mori a rencontré le président à Rome vendredi."}"#,
    )
    .unwrap();
    ok(&depeche(&[
        "ingest",
        &later.display().to_string(),
        "--db",
        &one,
        "-q",
    ]));
    let keys = person_keys(&one);
    assert_eq!(
        keys.last().unwrap(),
        &("later-1".to_string(), vec!["per:knj-mr".to_string()])
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_name_in_another_spelling_finds_its_entity_and_a_typo_gets_close_names() {
    let dir = temp_dir("spellings");
    let db = dir.join("news.db").display().to_string();
    ok(&depeche(&["ingest", &fixtures()[1], "--db", &db, "-q"]));
    // No article writes "Putine": the person key its spelling gives
    // finds the president whom the samples name in French and English.
    let putin = json(&depeche(&["entity", "Putine", "--json", "--db", &db]));
    assert_eq!(putin["type"], "PER", "{putin}");
    assert!(
        putin["name"].as_str().unwrap().starts_with("Vladimir P"),
        "{putin}"
    );
    let typo = depeche(&["entity", "Haftxr", "--db", &db]);
    assert_eq!(typo.status.code(), Some(1));
    let said = String::from_utf8_lossy(&typo.stderr);
    assert!(said.contains("did you mean Khalifa Haftar"), "{said}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_wrong_type_or_date_is_a_usage_error_that_says_what_is_valid() {
    let dir = temp_dir("filters");
    let db = dir.join("news.db").display().to_string();
    ok(&depeche(&["ingest", &fixtures()[1], "--db", &db, "-q"]));
    let wrong_type = depeche(&["events", "--type", "NOT-A-TYPE", "--db", &db]);
    assert_eq!(wrong_type.status.code(), Some(2));
    let said = String::from_utf8_lossy(&wrong_type.stderr);
    assert!(
        said.contains("CONSULT") && said.contains("ASSAULT"),
        "{said}"
    );
    let wrong_month = depeche(&["events", "--from", "2024-13", "--db", &db]);
    assert_eq!(wrong_month.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&wrong_month.stderr).contains("YYYY-MM"));
    let fine = json(&depeche(&[
        "events", "--type", "consult", "--from", "2023-09", "--json", "--db", &db,
    ]));
    assert!(!fine.as_array().unwrap().is_empty(), "{fine}");
    let _ = std::fs::remove_dir_all(&dir);
}
