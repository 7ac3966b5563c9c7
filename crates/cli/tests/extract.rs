//! Runs the `depeche` binary on fixture articles (written for these tests)
//! and checks the records. Golden records live in `tests/expected/`;
//! regenerate them with `UPDATE_EXPECT=1 cargo test`.

use std::path::PathBuf;

use serde_json::Value;

mod common;
use common::*;

fn here() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests")
}

fn records(stdout: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is a JSON record"))
        .collect()
}

fn fixture(name: &str) -> String {
    here().join("fixtures").join(name).display().to_string()
}

#[test]
fn golden_records() {
    let out = depeche(&["extract", &fixture("articles.jsonl")]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let recs = records(&out.stdout);
    assert_eq!(recs.len(), 3);
    for rec in recs {
        let id = rec["id"].as_str().expect("id").to_string();
        let path = here().join("expected").join(format!("{id}.json"));
        let pretty = serde_json::to_string_pretty(&rec).expect("serialise") + "\n";
        if update {
            std::fs::write(&path, &pretty).expect("write expected record");
            continue;
        }
        let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "no expected record at {} ({e}): UPDATE_EXPECT=1 writes it",
                path.display()
            )
        });
        assert_eq!(
            pretty,
            expected,
            "record {id} differs from {} (UPDATE_EXPECT=1 to regenerate)",
            path.display()
        );
    }
}

#[test]
fn every_span_is_the_text_it_claims() {
    let out = depeche(&["extract", &fixture("articles.jsonl"), "../../samples"]);
    assert!(out.status.success());
    let inputs: Vec<Value> = std::fs::read_to_string(fixture("articles.jsonl"))
        .unwrap()
        .lines()
        .chain(
            std::fs::read_to_string(here().join("../../../samples/dispatches.jsonl"))
                .unwrap()
                .lines(),
        )
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    for (rec, input) in records(&out.stdout).iter().zip(&inputs) {
        let text: Vec<char> = input["text"].as_str().unwrap().chars().collect();
        let figures: Vec<Value> = rec["events"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|e| e["figures"].as_array().cloned().unwrap_or_default())
            .collect();
        let items = |field: &str| match field {
            "figures" => figures.clone(),
            _ => rec[field].as_array().unwrap().clone(),
        };
        for field in ["mentions", "dates", "quotes", "figures"] {
            for item in &items(field) {
                let (s, e) = (
                    item["start"].as_u64().unwrap() as usize,
                    item["end"].as_u64().unwrap() as usize,
                );
                let words: String = text[s..e].iter().collect();
                assert_eq!(
                    words,
                    item["text"].as_str().unwrap(),
                    "{} {field}",
                    rec["id"]
                );
            }
        }
    }
}

#[test]
fn bad_input_is_reported_and_the_rest_goes_on() {
    let bad = fixture("bad.jsonl");
    let out = depeche(&["extract", &bad]);
    assert_eq!(out.status.code(), Some(1), "some documents were rejected");
    let ids: Vec<String> = records(&out.stdout)
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, ["ok-1", "ok-2"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("{bad}:2: malformed JSON")),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("{bad}:3: missing field \"text\"")),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("{bad}:4: invalid UTF-8")),
        "{stderr}"
    );
    assert!(stderr.contains("2 records written, 3 rejected"), "{stderr}");
}

#[test]
fn standard_input_and_output_file() {
    let dir = std::env::temp_dir().join(format!("depeche-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out_path = dir.join("out.jsonl");
    let input = b"{\"id\":\"s1\",\"text\":\"Le president est venu hier a Paris pour la visite.\",\"published\":\"2024-05-02\"}\n";
    let out = depeche_with_input(
        &["extract", "-", "-o", out_path.to_str().unwrap(), "--quiet"],
        input,
    );
    assert!(out.status.success());
    assert!(out.stdout.is_empty());
    let recs = records(&std::fs::read(&out_path).unwrap());
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0]["lang"], "fr");
    assert_eq!(recs[0]["lang_source"], "detected");
    assert_eq!(recs[0]["published"], "2024-05-02");
}

#[test]
fn a_dash_as_output_is_standard_output() {
    let dir = temp_dir("dash-output");
    let input = b"{\"id\":\"d1\",\"text\":\"The minister arrived in Rome on Monday.\",\"published\":\"2024-05-02\"}\n";
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_depeche"))
        .args(["extract", "-", "-o", "-", "--quiet"])
        .current_dir(&dir)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("run depeche");
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), input).unwrap();
    let out = child.wait_with_output().unwrap();
    let made = dir.join("-").exists();
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(out.status.success());
    assert!(!made, "`-o -` made a file named '-'");
    assert_eq!(records(&out.stdout)[0]["id"], "d1");
}

#[test]
fn unreadable_publication_date_is_a_warning() {
    let input = b"{\"id\":\"w\",\"text\":\"Texte.\",\"published\":\"sometime\"}\n";
    let out = depeche_with_input(&["extract", "-", "--quiet"], input);
    assert!(out.status.success());
    let rec = &records(&out.stdout)[0];
    assert!(rec["published"].is_null());
    assert!(rec["warnings"][0].as_str().unwrap().contains("sometime"));
}

#[test]
fn summary_is_readable() {
    let out = depeche(&["extract", "../../samples", "--format", "summary"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("── sample-fr-ecowas (fr, published 2023-07-31)"),
        "{text}"
    );
    assert!(text.contains("places"), "{text}");
}

#[test]
fn no_input_is_a_usage_error() {
    let out = depeche(&["extract"]);
    assert_eq!(out.status.code(), Some(2));
}

/// Issue #12 asks for the time of each stage, reading and writing included,
/// with start-up apart.
#[test]
fn timings_name_start_up_reading_every_stage_and_writing() {
    let out = depeche(&["extract", "-q", "--timings", &fixture("articles.jsonl")]);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    let names: Vec<&str> = stderr
        .lines()
        .filter_map(|l| l.strip_prefix("depeche:"))
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert_eq!(
        names,
        [
            "start-up", "reading", "text", "dates", "entities", "link", "refer", "quotes",
            "events", "writing"
        ],
        "{stderr}"
    );
    assert_eq!(records(&out.stdout).len(), 3);
}

#[test]
fn lang_sets_the_language_of_articles_that_give_none() {
    let input = b"{\"id\":\"a\",\"text\":\"Paris Berlin Rome.\"}\n{\"id\":\"b\",\"text\":\"Paris Berlin Rome.\",\"lang\":\"en\"}\n";
    let out = depeche_with_input(&["extract", "-", "--quiet", "--lang", "fr"], input);
    assert!(out.status.success());
    let recs = records(&out.stdout);
    assert_eq!(
        (recs[0]["lang"].as_str(), recs[0]["lang_source"].as_str()),
        (Some("fr"), Some("given"))
    );
    assert_eq!(recs[1]["lang"], "en");
}

#[test]
fn a_guess_from_few_words_is_a_warning() {
    let input = b"{\"id\":\"h\",\"text\":\"\xc3\x89vacuations signal\xc3\xa9es vendredi\"}\n";
    let out = depeche_with_input(&["extract", "-", "--quiet"], input);
    let recs = records(&out.stdout);
    assert_eq!(recs[0]["lang"], "fr");
    let warnings = recs[0]["warnings"].to_string();
    assert!(warnings.contains("language guessed"), "{warnings}");
}
