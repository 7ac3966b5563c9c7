//! Two reports of one attack, one in French and one in English, that give
//! it different days and different tolls: `depeche ingest` joins them into
//! one story, and `stories` (JSON and text) and `timeline` show where they
//! differ (the day and the death toll), each version with the article
//! that gives it, and each report's figures.

use std::path::Path;

use serde_json::Value;

mod common;
use common::*;

/// Written for this test: the French report says Tuesday (4 March) and
/// twelve dead, the English one Wednesday (5 March) and thirty.
const REPORTS: &str = r#"{"id": "fr-attaque", "lang": "fr", "outlet": "Quotidien du Sahel", "published": "2031-03-05", "text": "Le JNIM a attaqué mardi un camp de l'armée malienne à Gao, dans le nord du Mali. Selon un bilan officiel, douze soldats ont été tués et vingt blessés."}
{"id": "en-attack", "lang": "en", "outlet": "Sahel Wire", "published": "2031-03-06", "text": "JNIM fighters attacked a Malian army camp in Gao, northern Mali, on Wednesday. At least 30 soldiers were killed, a security source said."}
"#;

fn store_of_reports(dir: &Path) -> String {
    let input = dir.join("reports.jsonl");
    std::fs::write(&input, REPORTS).unwrap();
    let db = s(&dir.join("news.db"));
    ok(&depeche(&["ingest", "--db", &db, "-q", &s(&input)]));
    db
}

/// Each version of a field: its value and its articles.
fn versions(story: &Value, field: &str) -> Vec<(String, Vec<String>)> {
    let found = story["disagreements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["field"] == field)
        .unwrap_or_else(|| panic!("no {field} disagreement in {story}"));
    found["versions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            let articles = v["articles"].as_array().unwrap();
            (
                v["value"].as_str().unwrap().to_string(),
                articles
                    .iter()
                    .map(|a| a.as_str().unwrap().to_string())
                    .collect(),
            )
        })
        .collect()
}

#[test]
fn two_reports_in_two_languages_are_one_story_with_both_versions() {
    let dir = temp_dir("stories-two-reports");
    let db = store_of_reports(&dir);
    let out = ok(&depeche(&[
        "stories",
        "--json",
        "--min-articles",
        "2",
        "--db",
        &db,
    ]));
    let stories: Value = serde_json::from_str(&out).unwrap();
    let stories = stories.as_array().unwrap();
    assert_eq!(stories.len(), 1, "{out}");
    let story = &stories[0];
    assert_eq!(story["type"], "ASSAULT");
    let mut articles: Vec<&str> = story["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|src| src["article"].as_str().unwrap())
        .collect();
    articles.sort();
    assert_eq!(articles, ["en-attack", "fr-attaque"]);
    assert_eq!(
        versions(story, "date"),
        [
            ("2031-03-04".to_string(), vec!["fr-attaque".to_string()]),
            ("2031-03-05".to_string(), vec!["en-attack".to_string()]),
        ]
    );
    assert_eq!(
        versions(story, "dead"),
        [
            ("12".to_string(), vec!["fr-attaque".to_string()]),
            (">=30".to_string(), vec!["en-attack".to_string()]),
        ]
    );
    // "l'armée malienne" and "the Malian army" are one side, not a dispute.
    let fields: Vec<&str> = story["disagreements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["field"].as_str().unwrap())
        .collect();
    assert!(!fields.contains(&"target"), "{fields:?}");

    let listed = ok(&depeche(&["stories", "--min-articles", "2", "--db", &db]));
    assert!(
        listed.contains(
            "reports differ on the date: 2031-03-04 (fr-attaque) | 2031-03-05 (en-attack)"
        ),
        "{listed}"
    );
    assert!(
        listed.contains("reports differ on the dead: 12 (fr-attaque) | >=30 (en-attack)"),
        "{listed}"
    );
    assert!(listed.contains("dead 12/>=30, injured 20"), "{listed}");
    let timeline = ok(&depeche(&["timeline", "JNIM", "--db", &db]));
    assert!(
        timeline.contains("reports differ on the date"),
        "{timeline}"
    );
    assert!(
        timeline.contains("reports differ on the dead: 12 (fr-attaque) | >=30 (en-attack)"),
        "{timeline}"
    );
    assert!(timeline.contains("[dead 12, injured 20]"), "{timeline}");
    assert!(timeline.contains("[dead >=30]"), "{timeline}");
}
