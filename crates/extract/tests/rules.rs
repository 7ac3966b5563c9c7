//! Rule tests as data: `rules/<lang>.txt` holds sentences written for the
//! tests, each followed by every annotation the pipeline must give it, one
//! a line (names, dates, quotes, events and their figures). A missing annotation and an
//! extra one both fail. `UPDATE_EXPECT=1 cargo test -p depeche-extract
//! --test rules` rewrites the files from what the pipeline gives now, to
//! be read over in the diff before committing.
//!
//! A file starts with `published: YYYY-MM-DD`; each case is a line `> `
//! and its text, then its annotations; `#` lines are comments.

use std::path::{Path, PathBuf};

use depeche_extract::{extract, Record};
use depeche_model::{Article, Modality};

/// One sentence and the annotations written under it.
struct Case {
    text: String,
    expected: Vec<String>,
}

fn rules_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/rules")
}

/// The publication date and the cases of one file.
fn read(text: &str) -> (String, Vec<Case>) {
    let mut published = String::new();
    let mut cases: Vec<Case> = Vec::new();
    for line in text.lines() {
        if let Some(date) = line.strip_prefix("published: ") {
            published = date.trim().to_string();
        } else if let Some(sentence) = line.strip_prefix("> ") {
            cases.push(Case {
                text: sentence.to_string(),
                expected: Vec::new(),
            });
        } else if !line.trim().is_empty() && !line.starts_with('#') {
            let case = cases
                .last_mut()
                .expect("an annotation before any `> ` line");
            case.expected.push(line.to_string());
        }
    }
    (published, cases)
}

/// The record's annotations, one line each, in a stable order.
fn annotations(record: &Record) -> Vec<String> {
    let name = |id: &Option<String>| {
        id.as_ref()
            .and_then(|id| record.entities.iter().find(|e| &e.id == id))
            .map_or("-".to_string(), |e| e.name.clone())
    };
    let mut out = Vec::new();
    for m in &record.mentions {
        out.push(format!("{} {}", m.ty.label(), m.text));
    }
    for d in &record.dates {
        let value = d.value.as_deref().unwrap_or("?");
        out.push(format!("DATE {} = {value}", d.text));
    }
    for q in &record.quotes {
        let via: Vec<String> = q.via.iter().map(|v| name(&Some(v.clone()))).collect();
        let words: String = q.text.chars().take(30).collect();
        out.push(format!(
            "QUOTE {words}… by {} via [{}]",
            name(&q.speaker),
            via.join(", ")
        ));
    }
    for e in &record.events {
        let modality = match e.modality {
            Modality::Asserted => String::new(),
            other => format!(" ({})", other.label()),
        };
        out.push(format!(
            "EVENT {} {} -> {} at {} on {}{modality}",
            e.ty,
            name(&e.source),
            name(&e.target),
            name(&e.location),
            e.date.as_deref().unwrap_or("-"),
        ));
        for f in &e.figures {
            out.push(format!(
                "FIGURE {} {} \"{}\"",
                f.kind.label(),
                f.written(),
                f.text
            ));
        }
    }
    out
}

fn check(lang: &str) {
    let path = rules_dir().join(format!("{lang}.txt"));
    let text = std::fs::read_to_string(&path).expect("rules file");
    let (published, cases) = read(&text);
    assert!(!cases.is_empty(), "no case in {}", path.display());
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut rewritten = String::new();
    let mut failures = Vec::new();
    for (n, case) in cases.iter().enumerate() {
        let record = extract(&Article {
            id: format!("{lang}-{n}"),
            text: case.text.clone(),
            lang: Some(lang.to_string()),
            published: Some(published.clone()),
            ..Article::default()
        });
        let got = annotations(&record);
        if got != case.expected {
            failures.push(format!(
                "> {}\n  expected:\n    {}\n  got:\n    {}",
                case.text,
                case.expected.join("\n    "),
                got.join("\n    ")
            ));
        }
        rewritten.push_str(&format!("\n> {}\n", case.text));
        for line in got {
            rewritten.push_str(&line);
            rewritten.push('\n');
        }
    }
    if update {
        let head: String = text
            .lines()
            .take_while(|l| !l.starts_with("> "))
            .filter(|l| !l.trim().is_empty())
            .map(|l| format!("{l}\n"))
            .collect();
        std::fs::write(&path, head + &rewritten).expect("rewrite rules file");
        return;
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ in {} (UPDATE_EXPECT=1 rewrites it):\n{}",
        failures.len(),
        cases.len(),
        path.display(),
        failures.join("\n")
    );
}

#[test]
fn french_rules() {
    check("fr");
}

#[test]
fn english_rules() {
    check("en");
}

#[test]
fn every_language_depeche_reads_has_a_rules_file() {
    for lang in depeche_lexicon::languages() {
        assert!(rules_dir().join(format!("{lang}.txt")).exists(), "{lang}");
    }
}
