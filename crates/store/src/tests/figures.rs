//! Figures of events through the store: written with their event, read
//! back by every query that shows events, counted, checked, exported, and
//! added to a store made before them.

use depeche_model::{Bound, FigureKind, FigureOut};

use super::{ingest, temp_path, Build};
use crate::export::{export, Format, CSV_COLUMNS};
use crate::{Browse, EventFilter, SqliteStore, Store, SCHEMA_VERSION};

/// A figure written as `text`, for the store's tests.
pub(crate) fn figure(kind: FigureKind, value: u64, bound: Bound, text: &str) -> FigureOut {
    FigureOut {
        kind,
        value,
        bound,
        high: None,
        start: 0,
        end: text.chars().count(),
        text: text.to_string(),
    }
}

/// A report of an assault in Kidal with the figures given.
fn report(id: &str, outlet: &str, figures: Vec<FigureOut>) -> Build {
    let mut b = Build::new(id, Some("2024-05-10"))
        .outlet(outlet)
        .url(&format!("https://{outlet}/{id}"))
        .text(&format!("L'armée a attaqué les rebelles à Kidal ({id})."))
        .entity("armee-malienne", "armée malienne", "ORG")
        .entity("rebelles-touareg", "rebelles touareg", "ORG")
        .entity("kidal", "Kidal", "LOC")
        .event(
            "ASSAULT",
            Some("e1"),
            Some("e2"),
            Some("e3"),
            Some("2024-05-09"),
        );
    b.record.events[0].figures = figures;
    b
}

/// Two reports of one assault that give its toll differently.
fn reports() -> (Vec<Build>, [Vec<FigureOut>; 2]) {
    let first = vec![
        figure(FigureKind::Dead, 3, Bound::Exact, "trois morts"),
        figure(
            FigureKind::Injured,
            10,
            Bound::About,
            "une dizaine de blessés",
        ),
    ];
    let second = vec![figure(
        FigureKind::Dead,
        12,
        Bound::AtLeast,
        "au moins 12 morts",
    )];
    let builds = vec![
        report("r1", "maliweb.net", first.clone()),
        report("r2", "studio-tamani.org", second.clone()),
    ];
    (builds, [first, second])
}

#[test]
fn figures_are_stored_with_their_event_and_read_back() {
    let mut store = SqliteStore::in_memory().unwrap();
    let (builds, [first, second]) = reports();
    ingest(&mut store, &builds);
    let events = store.events(&EventFilter::default()).unwrap();
    let by_article = |id: &str| events.iter().find(|e| e.article == id).unwrap();
    assert_eq!(by_article("r1").figures, first);
    assert_eq!(by_article("r2").figures, second);
    assert_eq!(store.event_figures(by_article("r2").id).unwrap(), second);
    // One story, whose reports each keep their own toll.
    let stories = store.stories(0, None).unwrap();
    assert_eq!(stories.len(), 1, "{stories:#?}");
    let toll: Vec<(String, Vec<FigureOut>)> = stories[0]
        .sources
        .iter()
        .map(|s| (s.article.clone(), s.figures.clone()))
        .collect();
    assert_eq!(toll, [("r1".into(), first.clone()), ("r2".into(), second)]);
    assert_eq!(
        dead_versions(&store),
        [
            ("3".to_string(), "r1".to_string()),
            (">=12".into(), "r2".into())
        ]
    );
    let article = store.article("r1").unwrap().unwrap();
    assert_eq!(article.events[0].figures, first);
    assert_eq!(article.record.events[0].figures, first);
    assert_eq!(store.counts().unwrap().figures, 3);
    assert_eq!(store.check().unwrap(), Vec::<String>::new());
}

/// The versions of the only story's death toll, each with its article.
fn dead_versions(store: &SqliteStore) -> Vec<(String, String)> {
    let stories = store.stories(0, None).unwrap();
    let Some(d) = stories[0].disagreements.iter().find(|d| d.field == "dead") else {
        return Vec::new();
    };
    d.versions
        .iter()
        .map(|v| (v.value.clone(), v.articles.join(" ")))
        .collect()
}

#[test]
fn a_version_6_store_lists_the_tolls_its_reports_disagree_on() {
    let path = temp_path("v6.db");
    ingest(&mut SqliteStore::open(&path).unwrap(), &reports().0);
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch("UPDATE stories SET disagreements = '[]'; PRAGMA user_version = 6;")
        .unwrap();
    let store = SqliteStore::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(
        dead_versions(&store),
        [
            ("3".to_string(), "r1".to_string()),
            (">=12".into(), "r2".into())
        ]
    );
    drop(store);
    let _ = std::fs::remove_dir_all(path.parent().unwrap());
}

#[test]
fn a_store_whose_rows_miss_a_figure_fails_its_check() {
    let path = temp_path("missing.db");
    ingest(&mut SqliteStore::open(&path).unwrap(), &reports().0);
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute("DELETE FROM event_figures WHERE pos = 1", [])
        .unwrap();
    let problems = SqliteStore::open(&path).unwrap().check().unwrap();
    assert_eq!(
        problems,
        ["article r1: 1 figures stored, the record has 2"],
        "{problems:?}"
    );
    let _ = std::fs::remove_dir_all(path.parent().unwrap());
}

#[test]
fn the_csv_export_gives_each_kind_a_column() {
    let mut store = SqliteStore::in_memory().unwrap();
    ingest(&mut store, &reports().0);
    let mut out = Vec::new();
    assert_eq!(export(&store, Format::Csv, &mut out).unwrap(), 2);
    let text = String::from_utf8(out).unwrap();
    let rows: Vec<Vec<&str>> = text.lines().map(|l| l.split(',').collect()).collect();
    assert_eq!(rows[0], CSV_COLUMNS);
    let cell = |row: &[&str], column: &str| {
        let at = CSV_COLUMNS.iter().position(|c| *c == column).unwrap();
        row[at].to_string()
    };
    let r1 = rows.iter().find(|r| r[1] == "r1").unwrap();
    assert_eq!(cell(r1, "dead"), "3");
    assert_eq!(cell(r1, "injured"), "~10");
    assert_eq!(cell(r1, "crowd"), "");
    let r2 = rows.iter().find(|r| r[1] == "r2").unwrap();
    assert_eq!(cell(r2, "dead"), ">=12");
    // The records keep them whole.
    let mut out = Vec::new();
    export(&store, Format::Jsonl, &mut out).unwrap();
    assert!(String::from_utf8(out)
        .unwrap()
        .contains(r#""text":"au moins 12 morts""#));
}

#[test]
fn a_version_5_store_gains_figures_for_what_it_stores_next() {
    let path = temp_path("v5.db");
    {
        let mut store = SqliteStore::open(&path).unwrap();
        ingest(&mut store, &[report("old", "maliweb.net", Vec::new())]);
    }
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch("DROP TABLE event_figures; PRAGMA user_version = 5;")
        .unwrap();
    let mut store = SqliteStore::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    let toll = vec![figure(
        FigureKind::Dead,
        5,
        Bound::MoreThan,
        "plus de 5 morts",
    )];
    ingest(
        &mut store,
        &[report("new", "studio-tamani.org", toll.clone())],
    );
    let events = store.events(&EventFilter::default()).unwrap();
    let figures = |id: &str| {
        events
            .iter()
            .find(|e| e.article == id)
            .map(|e| e.figures.clone())
    };
    assert_eq!(figures("old"), Some(Vec::new()));
    assert_eq!(figures("new"), Some(toll));
    assert_eq!(store.check().unwrap(), Vec::<String>::new());
    drop(store);
    let _ = std::fs::remove_dir_all(path.parent().unwrap());
}

#[test]
fn a_damaged_full_text_index_is_found_whatever_connection_reads_it() {
    // `check` keeps an index problem only when a fresh connection sees it
    // too: real damage is seen by any connection, first of all the one
    // that opens the store.
    let path = temp_path("fts.db");
    ingest(&mut SqliteStore::open(&path).unwrap(), &reports().0);
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute("DELETE FROM article_text_data WHERE id > 10", [])
        .unwrap();
    let err = SqliteStore::open(&path).unwrap_err().to_string();
    assert!(err.contains("malformed inverted index"), "{err}");
    let _ = std::fs::remove_dir_all(path.parent().unwrap());
}
