//! Store tests over hand-built records: idempotence, story merging,
//! queries, migrations, bad files.

pub(crate) mod figures;
mod gdelt;

use std::collections::BTreeMap;
use std::path::PathBuf;

use depeche_model::{
    DateOut, EntityOut, EntityType, EventOut, Evidence, LanguageSource, MentionOut, Modality,
    QuoteOut, Record, RoleOut,
};

use crate::export::{export, Format};
use crate::gdelt::GDELT_COLUMNS;
use crate::{
    Browse, DateBasis, Error, EventFilter, NewArticle, SqliteStore, Store, When, SCHEMA_VERSION,
};

/// Builds a record by hand: entities, mentions, events, quotes, dates.
#[derive(Clone)]
struct Build {
    record: Record,
    text: String,
}

fn ty(t: &str) -> EntityType {
    EntityType::from_label(t).unwrap_or(EntityType::Misc)
}

impl Build {
    fn new(id: &str, published: Option<&str>) -> Build {
        Build {
            record: Record {
                id: id.to_string(),
                lang: "fr".into(),
                lang_source: LanguageSource::Given,
                published: published.map(str::to_string),
                url: None,
                outlet: None,
                title: None,
                text: None,
                sentences: Vec::new(),
                mentions: Vec::new(),
                entities: Vec::new(),
                dates: Vec::new(),
                events: Vec::new(),
                quotes: Vec::new(),
                quoted_terms: Vec::new(),
                references: Vec::new(),
                extractors: BTreeMap::new(),
                warnings: Vec::new(),
            },
            text: format!("Dépêche {id}."),
        }
    }

    fn text(mut self, text: &str) -> Build {
        self.text = text.to_string();
        self
    }

    fn outlet(mut self, outlet: &str) -> Build {
        self.record.outlet = Some(outlet.to_string());
        self
    }

    fn url(mut self, url: &str) -> Build {
        self.record.url = Some(url.to_string());
        self
    }

    /// An entity `e<n>` and one mention of it under its name.
    fn entity(self, key: &str, name: &str, t: &str) -> Build {
        let local = format!("e{}", self.record.entities.len() + 1);
        let mut b = self;
        b.record.entities.push(EntityOut {
            id: local.clone(),
            key: key.to_string(),
            name: name.to_string(),
            ty: ty(t),
            aliases: vec![name.to_string()],
            roles: Vec::new(),
            lat: (t == "LOC").then_some(32.9),
            lon: (t == "LOC").then_some(13.2),
            country: (t == "LOC").then(|| "LY".to_string()),
            geonames_id: None,
        });
        b.mention(&local, name)
    }

    fn mention(mut self, local: &str, text: &str) -> Build {
        let ty = self
            .record
            .entities
            .iter()
            .find(|e| e.id == local)
            .map_or(EntityType::Misc, |e| e.ty);
        self.record.mentions.push(MentionOut {
            start: 0,
            end: text.chars().count(),
            text: text.to_string(),
            ty,
            entity: local.to_string(),
        });
        self
    }

    fn role(mut self, local: &str, title: &str, kind: &str) -> Build {
        let e = self
            .record
            .entities
            .iter_mut()
            .find(|e| e.id == local)
            .unwrap();
        e.roles.push(RoleOut {
            title: title.to_string(),
            kind: kind.to_string(),
            of: None,
        });
        self
    }

    fn event(
        mut self,
        t: &str,
        source: Option<&str>,
        target: Option<&str>,
        place: Option<&str>,
        date: Option<&str>,
    ) -> Build {
        self.record.events.push(EventOut {
            ty: t.to_string(),
            mode: None,
            modality: Modality::Asserted,
            source: source.map(str::to_string),
            target: target.map(str::to_string),
            location: place.map(str::to_string),
            date: date.map(str::to_string),
            cameo: "04".into(),
            quad_class: 1,
            intensity: 1.0,
            evidence: vec![Evidence {
                start: 0,
                end: 5,
                text: format!("{t} evidence"),
            }],
            figures: Vec::new(),
        });
        self
    }

    fn quote(mut self, text: &str, speaker: &str, via: &str) -> Build {
        self.record.quotes.push(QuoteOut {
            start: 0,
            end: text.chars().count(),
            text: text.to_string(),
            speaker: Some(speaker.to_string()),
            attribution: None,
            via: vec![via.to_string()],
            via_evidence: vec![Evidence {
                start: 1,
                end: 2,
                text: "à l'agence".into(),
            }],
        });
        self
    }

    fn lang(mut self, lang: &str) -> Build {
        self.record.lang = lang.to_string();
        self
    }

    /// Sets the country of a place, or makes an entity part of another.
    fn in_country(mut self, local: &str, code: &str) -> Build {
        if let Some(e) = self.record.entities.iter_mut().find(|e| e.id == local) {
            e.country = Some(code.to_string());
        }
        self
    }

    fn part_of(mut self, local: &str, of: &str) -> Build {
        if let Some(e) = self.record.entities.iter_mut().find(|e| e.id == local) {
            e.roles.push(RoleOut {
                title: "armée".into(),
                kind: "military".into(),
                of: Some(of.to_string()),
            });
        }
        self
    }

    fn date(mut self, text: &str, value: &str) -> Build {
        self.record.dates.push(DateOut {
            start: 0,
            end: 1,
            text: text.to_string(),
            value: Some(value.to_string()),
        });
        self
    }
}

/// Three reports of one visit (two outlets, one undated), one later visit,
/// and an unrelated protest.
fn corpus() -> Vec<Build> {
    let visit = |id: &str, published: &str, outlet: &str, date: Option<&str>, spelling: &str| {
        Build::new(id, Some(published))
            .outlet(outlet)
            .url(&format!("https://{outlet}/{id}"))
            .text(&format!(
                "{spelling} a rencontré le ministre turc des Affaires étrangères à Tripoli ({id})."
            ))
            .entity("hakan-fidan", "Hakan Fidan", "PER")
            .entity("abdelhamid-dbeibah", spelling, "PER")
            .entity("tripoli", "Tripoli", "LOC")
            .role("e1", "ministre des Affaires étrangères", "political")
            .event("CONSULT", Some("e1"), Some("e2"), Some("e3"), date)
            .date("mardi", "2024-03-05")
    };
    vec![
        visit(
            "a1",
            "2024-03-06",
            "libyaobserver.ly",
            Some("2024-03-05"),
            "Abdelhamid Dbeibah",
        ),
        visit(
            "a2",
            "2024-03-07",
            "aa.com.tr",
            Some("2024-03-06"),
            "Abdelhamid Dbeïbah",
        )
        .quote("Nous voulons une Libye unie", "e1", "e4")
        .entity("anadolu", "Anadolu", "ORG"),
        visit("a3", "2024-03-08", "aa.com.tr", None, "Abdelhamid Dbeibah"),
        visit(
            "a4",
            "2024-03-21",
            "libyaobserver.ly",
            Some("2024-03-20"),
            "Dbeibah",
        ),
        Build::new("a5", Some("2024-03-09"))
            .outlet("apanews.net")
            .text("Des manifestants se sont rassemblés samedi devant le Parlement à Dakar.")
            .entity("dakar", "Dakar", "LOC")
            .event("PROTEST", None, None, Some("e1"), Some("2024-03-09")),
    ]
}

fn ingest(store: &mut dyn Store, docs: &[Build]) -> crate::IngestOutcome {
    let batch: Vec<NewArticle<'_>> = docs
        .iter()
        .map(|b| NewArticle {
            text: &b.text,
            record: &b.record,
        })
        .collect();
    store.ingest(&batch).unwrap()
}

fn stocked() -> SqliteStore {
    let mut store = SqliteStore::in_memory().unwrap();
    ingest(&mut store, &corpus());
    store
}

/// A fresh path under the system's temporary folder.
fn temp_path(name: &str) -> PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let dir =
        std::env::temp_dir().join(format!("depeche-store-test-{}-{nanos}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

#[test]
fn ingesting_twice_adds_nothing() {
    let mut store = SqliteStore::in_memory().unwrap();
    let first = ingest(&mut store, &corpus());
    assert_eq!(first.stored, 5);
    assert!(first.duplicates.is_empty());
    let counts = store.counts().unwrap();
    assert_eq!(counts.articles, 5);
    assert_eq!(counts.events, 5);
    let again = ingest(&mut store, &corpus());
    assert_eq!(again.stored, 0);
    assert_eq!(again.duplicates.len(), 5);
    assert!(again.duplicates.iter().all(|d| d.reason == "id"));
    assert_eq!(store.counts().unwrap(), counts);
    assert_eq!(store.check().unwrap(), Vec::<String>::new());
}

#[test]
fn same_url_or_same_text_under_another_id_is_a_duplicate() {
    let mut store = stocked();
    let before = store.counts().unwrap();
    let same_url = Build::new("other-1", None)
        .url("https://aa.com.tr/a2")
        .text("Autre texte.");
    let same_text = Build::new("other-2", None).text(&corpus()[0].text.replace(' ', "  "));
    let twice_in_batch = [
        Build::new("new-1", None).text("Nouveau."),
        Build::new("new-1", None).text("Nouveau bis."),
    ];
    let out = ingest(&mut store, &[same_url, same_text]);
    assert_eq!(out.stored, 0);
    let reasons: Vec<(&str, &str)> = out
        .duplicates
        .iter()
        .map(|d| (d.reason, d.existing.as_str()))
        .collect();
    assert_eq!(reasons, vec![("url", "a2"), ("content", "a1")]);
    assert_eq!(store.counts().unwrap(), before);
    let out = ingest(&mut store, &twice_in_batch);
    assert_eq!((out.stored, out.duplicates.len()), (1, 1));
    assert!(store
        .find_duplicate("zzz", None, &corpus()[3].text)
        .unwrap()
        .is_some_and(|d| d.existing == "a4"));
    assert!(store
        .find_duplicate("zzz", None, "jamais vu")
        .unwrap()
        .is_none());
}

#[test]
fn reports_of_one_event_join_one_story() {
    let store = stocked();
    let stories = store.stories(0, None).unwrap();
    // The visit of 5-6 March (three articles, two outlets), the visit of
    // 20 March, the protest.
    assert_eq!(stories.len(), 3);
    let visit = &stories[0];
    assert_eq!(visit.ty, "CONSULT");
    assert_eq!(visit.mentions, 3);
    assert_eq!(visit.corroboration.articles, 3);
    assert_eq!(visit.corroboration.outlets, 2);
    assert_eq!(visit.date.as_deref(), Some("2024-03-05"));
    assert_eq!(visit.date_last.as_deref(), Some("2024-03-06"));
    assert_eq!(
        visit.corroboration.first_reported.as_deref(),
        Some("2024-03-06")
    );
    assert_eq!(
        visit.corroboration.last_reported.as_deref(),
        Some("2024-03-08")
    );
    assert_eq!(visit.sources.len(), 3);
    assert_eq!(visit.sources[0].article, "a1");
    assert_eq!(visit.source.as_ref().unwrap().name, "Hakan Fidan");
    assert_eq!(store.stories(2, None).unwrap().len(), 1);
    // Each event carries its story's figures.
    let events = store
        .events(&EventFilter {
            ty: Some("consult".into()),
            ..EventFilter::default()
        })
        .unwrap();
    assert_eq!(events.len(), 4);
    let by_article = |id: &str| events.iter().find(|e| e.article == id).unwrap();
    assert_eq!(by_article("a3").corroboration.articles, 3);
    assert_eq!(by_article("a4").corroboration.articles, 1);
    assert_eq!(store.counts().unwrap().corroborated, 1);
}

#[test]
fn stories_do_not_depend_on_batches_or_order() {
    let whole = stocked();
    let mut split = SqliteStore::in_memory().unwrap();
    let mut docs = corpus();
    docs.reverse();
    let (late, early) = docs.split_at(2);
    ingest(&mut split, late);
    ingest(&mut split, early);
    let shape = |s: &SqliteStore| {
        let mut v: Vec<(String, Option<String>, u64, u64)> = s
            .stories(0, None)
            .unwrap()
            .into_iter()
            .map(|s| (s.ty, s.date, s.corroboration.articles, s.mentions))
            .collect();
        v.sort();
        v
    };
    assert_eq!(shape(&whole), shape(&split));
    let before = shape(&split);
    assert_eq!(split.rebuild_stories().unwrap(), 3);
    assert_eq!(shape(&split), before);
    assert!(split.check().unwrap().is_empty());
}

#[test]
fn names_resolve_whatever_the_spelling() {
    let store = stocked();
    for name in [
        "Abdelhamid Dbeibah",
        "ABDELHAMID DBEÏBAH",
        "abdelhamid-dbeibah",
        "Dbeibah",
        "dbeïbah",
    ] {
        let found = store.resolve(name).unwrap();
        assert_eq!(found.len(), 1, "{name}");
        assert_eq!(found[0].key, "abdelhamid-dbeibah", "{name}");
        assert_eq!(found[0].articles, 4);
    }
    assert!(store.resolve("Erdogan").unwrap().is_empty());
    assert!(store.resolve("  ").unwrap().is_empty());
}

#[test]
fn entity_report() {
    let store = stocked();
    let report = store.entity("abdelhamid-dbeibah").unwrap().unwrap();
    assert_eq!(report.entity.ty, "PER");
    assert_eq!(report.entity.name, "Abdelhamid Dbeibah");
    assert_eq!(report.mentions, 4);
    let variants: Vec<(&str, u64)> = report
        .variants
        .iter()
        .map(|v| (v.text.as_str(), v.count))
        .collect();
    assert_eq!(
        variants,
        vec![
            ("Abdelhamid Dbeibah", 2),
            ("Abdelhamid Dbeïbah", 1),
            ("Dbeibah", 1)
        ]
    );
    assert_eq!(report.events, 4);
    assert_eq!(report.first_seen.as_deref(), Some("2024-03-06"));
    assert_eq!(report.last_seen.as_deref(), Some("2024-03-21"));
    assert_eq!(report.co_occurring[0].entity.key, "hakan-fidan");
    assert_eq!(report.co_occurring[0].shared_articles, 4);
    let fidan = store.entity("hakan-fidan").unwrap().unwrap();
    assert_eq!(fidan.titles.len(), 1);
    assert_eq!(fidan.titles[0].title, "ministre des Affaires étrangères");
    assert_eq!(fidan.titles[0].articles, 4);
    assert!(store.entity("nobody").unwrap().is_none());
    let tripoli = store.entity("tripoli").unwrap().unwrap();
    assert_eq!(tripoli.country.as_deref(), Some("LY"));
}

#[test]
fn timeline_in_date_order() {
    let store = stocked();
    let timeline = store.timeline("hakan-fidan").unwrap();
    let dates: Vec<Option<&str>> = timeline.iter().map(|s| s.date.as_deref()).collect();
    assert_eq!(dates, vec![Some("2024-03-05"), Some("2024-03-20")]);
    assert_eq!(timeline[0].sources.len(), 3);
    assert_eq!(
        timeline[0].when,
        When::of(Some("2024-03-05"), Some("2024-03-06"))
    );
    assert_eq!(timeline[0].when.as_ref().unwrap().basis, DateBasis::Event);
    // A place's timeline holds what happened there.
    assert_eq!(store.timeline("dakar").unwrap().len(), 1);
    assert!(store.timeline("nobody").unwrap().is_empty());
}

#[test]
fn event_filters() {
    let store = stocked();
    let n = |f: EventFilter| store.events(&f).unwrap().len();
    assert_eq!(n(EventFilter::default()), 5);
    assert_eq!(
        n(EventFilter {
            ty: Some("PROTEST".into()),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        n(EventFilter {
            actor: Some("hakan-fidan".into()),
            ..Default::default()
        }),
        4
    );
    assert_eq!(
        n(EventFilter {
            place: Some("dakar".into()),
            ..Default::default()
        }),
        1
    );
    // a3 has no event date: its publication date (8 March) counts.
    assert_eq!(
        n(EventFilter {
            from: Some("2024-03-06".into()),
            to: Some("2024-03-09".into()),
            ..Default::default()
        }),
        3
    );
    assert_eq!(
        n(EventFilter {
            from: Some("2024-03".into()),
            to: Some("2024-03".into()),
            limit: Some(2),
            ..Default::default()
        }),
        2
    );
    let rows = store.events(&EventFilter::default()).unwrap();
    let dates: Vec<String> = rows
        .iter()
        .map(|e| e.date.clone().or(e.published.clone()).unwrap())
        .collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted);
}

#[test]
fn full_text_search_ignores_accents_and_case() {
    let store = stocked();
    let hits = store.search("RASSEMBLES parlement", false, 10).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].article, "a5");
    assert!(
        hits[0].snippet.contains("[Parlement]"),
        "{}",
        hits[0].snippet
    );
    assert_eq!(store.search("Tripoli", false, 10).unwrap().len(), 4);
    assert_eq!(store.search("Tripoli", false, 2).unwrap().len(), 2);
    // Quotes and operators are words unless raw.
    assert!(store
        .search("\"unbalanced AND (", false, 10)
        .unwrap()
        .is_empty());
    let err = store.search("\"unbalanced AND (", true, 10);
    assert!(matches!(err, Err(Error::Query(_))), "{err:?}");
    assert_eq!(store.search("Tripoli NOT a4", true, 10).unwrap().len(), 3);
}

/// A query past the caps is refused with the cap in the message, and a
/// query whose stop check answers yes ends as interrupted; once the check
/// is taken away, queries run to their end again.
#[test]
fn costly_searches_are_refused_or_stopped() {
    let store = stocked();
    let words = vec!["Tripoli"; crate::MAX_SEARCH_WORDS + 1].join(" ");
    let err = store.search(&words, false, 10).unwrap_err().to_string();
    assert!(err.contains("33 words") && err.contains("32"), "{err}");
    let long = "x".repeat(crate::MAX_SEARCH_BYTES + 1);
    let err = store.search(&long, true, 10).unwrap_err().to_string();
    assert!(err.contains("513 bytes"), "{err}");
    assert_eq!(
        store
            .search(
                &vec!["Tripoli"; crate::MAX_SEARCH_WORDS].join(" "),
                false,
                10
            )
            .unwrap()
            .len(),
        4
    );
    store.stop_when(Some(Box::new(|| true)));
    let err = store.search("Tripoli", false, 10);
    assert!(matches!(err, Err(Error::Interrupted)), "{err:?}");
    store.stop_when(None);
    assert_eq!(store.search("Tripoli", false, 10).unwrap().len(), 4);
}

#[test]
fn quotes_relays_dates_roles_are_stored() {
    let store = stocked();
    let c = store.counts().unwrap();
    assert_eq!((c.quotes, c.relays, c.dates, c.roles), (1, 1, 4, 4));
    assert_eq!(c.entities, 5);
    assert_eq!(c.documents, 14);
    assert_eq!(c.variants, 7);
}

#[test]
fn exports() {
    let store = stocked();
    let mut out = Vec::new();
    assert_eq!(export(&store, Format::Jsonl, &mut out).unwrap(), 5);
    let text = String::from_utf8(out).unwrap();
    let first: serde_json::Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    assert_eq!(first["id"], "a1");
    let mut out = Vec::new();
    assert_eq!(export(&store, Format::Gdelt, &mut out).unwrap(), 3);
    let text = String::from_utf8(out).unwrap();
    for line in text.lines() {
        assert_eq!(line.split('\t').count(), GDELT_COLUMNS.len());
    }
    let mut out = Vec::new();
    assert_eq!(export(&store, Format::Csv, &mut out).unwrap(), 5);
    let text = String::from_utf8(out).unwrap();
    assert_eq!(text.lines().count(), 6);
    assert!(text.starts_with("event_id,article,"));
}

#[test]
fn a_new_or_empty_file_is_migrated() {
    let path = temp_path("empty.db");
    std::fs::write(&path, b"").unwrap();
    let mut store = SqliteStore::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(store.counts().unwrap(), crate::Counts::default());
    ingest(&mut store, &corpus());
    drop(store);
    // Reopening migrates nothing and keeps everything.
    let store = SqliteStore::open_existing(&path).unwrap();
    assert_eq!(store.counts().unwrap().articles, 5);
    // A file in a folder that does not exist yet.
    let root = temp_path("x").parent().unwrap().to_path_buf();
    let nested = root.join("a/b/c.db");
    let store = SqliteStore::open(&nested).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    drop(store);
    for dir in [path.parent().unwrap(), &root] {
        let _ = std::fs::remove_dir_all(dir);
    }
}

#[test]
fn bad_files_give_clear_errors() {
    let path = temp_path("garbage.db");
    std::fs::write(
        &path,
        "this is not a database, just some words long enough to fill a header.........",
    )
    .unwrap();
    let err = SqliteStore::open(&path).unwrap_err().to_string();
    assert!(err.contains("not a depeche store"), "{err}");

    let dir = temp_path("folder.db");
    std::fs::create_dir_all(&dir).unwrap();
    let err = SqliteStore::open(&dir).unwrap_err().to_string();
    assert!(err.contains("folder"), "{err}");

    let missing = temp_path("missing.db");
    let err = SqliteStore::open_existing(&missing)
        .unwrap_err()
        .to_string();
    assert!(err.contains("no store there"), "{err}");

    let ro = temp_path("ro.db");
    drop(SqliteStore::open(&ro).unwrap());
    let mut perms = std::fs::metadata(&ro).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&ro, perms).unwrap();
    let err = SqliteStore::open(&ro).unwrap_err().to_string();
    assert!(err.contains("read-only"), "{err}");
    // Queries still work on a read-only store.
    assert_eq!(
        SqliteStore::open_existing(&ro)
            .unwrap()
            .counts()
            .unwrap()
            .articles,
        0
    );

    let newer = temp_path("newer.db");
    {
        let conn = rusqlite::Connection::open(&newer).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
    }
    let err = SqliteStore::open(&newer).unwrap_err();
    assert!(matches!(err, Error::NewerSchema { found: 99, .. }), "{err}");
    for p in [&path, &dir, &missing, &ro, &newer] {
        let _ = std::fs::remove_dir_all(p.parent().unwrap());
    }
}

/// An article naming one person, by full name or by surname alone.
fn names(id: &str, key: &str, name: &str) -> Build {
    Build::new(id, Some("2024-05-01"))
        .text(&format!("{name} est arrivé à Benghazi ({id})."))
        .entity(key, name, "PER")
        .entity("benghazi", "Benghazi", "LOC")
        .event("TRAVEL", Some("e1"), None, Some("e2"), None)
}

fn key_of(store: &SqliteStore, article: &str) -> String {
    let mut found = String::new();
    store
        .records(&mut |json| {
            let v: serde_json::Value = serde_json::from_str(json).unwrap();
            if v["id"] == article {
                found = v["entities"][0]["key"].as_str().unwrap().to_string();
            }
            Ok(())
        })
        .unwrap();
    found
}

#[test]
fn a_surname_alone_takes_the_full_name_stored_before_it() {
    let path = temp_path("people.db");
    let mut store = SqliteStore::open(&path).unwrap();
    // The surname before any full name: it stays a surname.
    ingest(&mut store, &[names("p0", "per:hftr", "Haftar")]);
    ingest(
        &mut store,
        &[
            names("p1", "per:khlf-hftr", "Khalifa Haftar"),
            // Same batch, after the full name: settled.
            names("p2", "per:hftr", "Haftar"),
        ],
    );
    assert_eq!(key_of(&store, "p0"), "per:hftr");
    assert_eq!(key_of(&store, "p2"), "per:khlf-hftr");
    assert_eq!(store.counts().unwrap().people, 1);
    drop(store);

    // A later run learns from the file.
    let mut store = SqliteStore::open(&path).unwrap();
    ingest(&mut store, &[names("p3", "per:hftr", "Haftar")]);
    assert_eq!(key_of(&store, "p3"), "per:khlf-hftr");
    let haftar = store.entity("per:khlf-hftr").unwrap().unwrap();
    assert_eq!(haftar.entity.articles, 3);
    assert!(haftar.variants.iter().any(|v| v.text == "Haftar"));
    // The timeline finds the surname's events under the full name; the
    // story also takes p0's report, whose surname alone may be his.
    assert_eq!(store.timeline("per:khlf-hftr").unwrap()[0].mentions, 4);

    // Two people of one surname: a surname alone stays as it is.
    ingest(
        &mut store,
        &[
            names("p4", "per:sdm-hftr", "Saddam Haftar"),
            names("p5", "per:hftr", "Haftar"),
        ],
    );
    assert_eq!(key_of(&store, "p5"), "per:hftr");
    assert_eq!(store.counts().unwrap().people, 2);
    assert_eq!(store.check().unwrap(), Vec::<String>::new());
    drop(store);
    let _ = std::fs::remove_dir_all(path.parent().unwrap());
}

#[test]
fn people_do_not_depend_on_batches() {
    let docs = [
        names("q1", "per:hftr", "Haftar"),
        names("q2", "per:khlf-hftr", "Khalifa Haftar"),
        names("q3", "per:hftr", "Haftar"),
        names("q4", "per:frj-hftr", "Farraj Haftar"),
        names("q5", "per:hftr", "Haftar"),
    ];
    let mut whole = SqliteStore::in_memory().unwrap();
    ingest(&mut whole, &docs);
    let mut one_by_one = SqliteStore::in_memory().unwrap();
    for d in docs.chunks(1) {
        ingest(&mut one_by_one, d);
    }
    let keys = |s: &SqliteStore| -> Vec<String> {
        ["q1", "q2", "q3", "q4", "q5"]
            .iter()
            .map(|id| key_of(s, id))
            .collect()
    };
    assert_eq!(keys(&whole), keys(&one_by_one));
    assert_eq!(
        keys(&whole),
        [
            "per:hftr",
            "per:khlf-hftr",
            "per:khlf-hftr",
            "per:frj-hftr",
            "per:hftr"
        ]
    );
}

/// Turns a store of this version back into what version 2 had: a row per
/// mention and per date, made from the records, and no count columns.
fn to_version_2(path: &std::path::Path) {
    rusqlite::Connection::open(path)
        .unwrap()
        .execute_batch(
            "CREATE TABLE mentions (
                 article  INTEGER NOT NULL REFERENCES articles(seq),
                 cp_start INTEGER NOT NULL,
                 cp_end   INTEGER NOT NULL,
                 text     TEXT NOT NULL,
                 type     TEXT NOT NULL,
                 local    TEXT NOT NULL,
                 key      TEXT
             );
             CREATE INDEX mentions_article ON mentions(article);
             CREATE TABLE dates (
                 article  INTEGER NOT NULL REFERENCES articles(seq),
                 cp_start INTEGER NOT NULL,
                 cp_end   INTEGER NOT NULL,
                 text     TEXT NOT NULL,
                 value    TEXT
             );
             CREATE INDEX dates_article ON dates(article);
             INSERT INTO mentions (article, cp_start, cp_end, text, type, local)
                 SELECT a.seq, m.value ->> 'start', m.value ->> 'end', m.value ->> 'text',
                        m.value ->> 'type', m.value ->> 'entity'
                 FROM articles a, json_each(a.record, '$.mentions') m;
             INSERT INTO dates (article, cp_start, cp_end, text, value)
                 SELECT a.seq, d.value ->> 'start', d.value ->> 'end', d.value ->> 'text',
                        d.value ->> 'value'
                 FROM articles a, json_each(a.record, '$.dates') d;
             ALTER TABLE articles DROP COLUMN mention_count;
             ALTER TABLE articles DROP COLUMN date_count;
             ALTER TABLE events DROP COLUMN chains;
             ALTER TABLE stories DROP COLUMN disagreements;
             DROP TABLE event_figures;
             PRAGMA user_version = 2;",
        )
        .unwrap();
}

#[test]
fn a_version_2_store_is_upgraded_and_queried_as_before() {
    let path = temp_path("v2.db");
    let (counts, timeline, entity, search, articles) = {
        let mut store = SqliteStore::open(&path).unwrap();
        ingest(&mut store, &corpus());
        (
            store.counts().unwrap(),
            store.timeline("hakan-fidan").unwrap(),
            store.entity("hakan-fidan").unwrap(),
            store.search("Tripoli", false, 10).unwrap(),
            store.articles(0, 10).unwrap(),
        )
    };
    assert!(counts.mentions > 0 && counts.dates > 0);
    to_version_2(&path);
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        let rows = |table: &str| -> u64 {
            conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| {
                r.get::<_, i64>(0)
            })
            .unwrap() as u64
        };
        assert_eq!(
            (rows("mentions"), rows("dates")),
            (counts.mentions, counts.dates)
        );
    }
    let store = SqliteStore::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(store.counts().unwrap(), counts);
    assert_eq!(store.check().unwrap(), Vec::<String>::new());
    assert_eq!(store.timeline("hakan-fidan").unwrap(), timeline);
    assert_eq!(store.entity("hakan-fidan").unwrap(), entity);
    assert_eq!(store.search("Tripoli", false, 10).unwrap(), search);
    assert_eq!(store.articles(0, 10).unwrap(), articles);
    assert!(!timeline.is_empty() && !search.is_empty() && articles[0].mentions > 0);
    drop(store);
    let _ = std::fs::remove_dir_all(path.parent().unwrap());
}

#[test]
fn a_version_1_store_learns_its_people_when_upgraded() {
    let path = temp_path("v1.db");
    {
        let mut store = SqliteStore::open(&path).unwrap();
        ingest(
            &mut store,
            &[names("v1", "per:khlf-hftr", "Khalifa Haftar")],
        );
    }
    // Back to what version 1 had.
    to_version_2(&path);
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch("DROP TABLE people; PRAGMA user_version = 1;")
        .unwrap();
    let mut store = SqliteStore::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(store.counts().unwrap().people, 1);
    ingest(&mut store, &[names("v2", "per:hftr", "Haftar")]);
    assert_eq!(key_of(&store, "v2"), "per:khlf-hftr");
    drop(store);
    let _ = std::fs::remove_dir_all(path.parent().unwrap());
}

#[test]
fn a_timeline_dates_events_by_their_text_else_by_their_first_report() {
    let mut store = SqliteStore::in_memory().unwrap();
    let visit = |id: &str, published: Option<&str>, date: Option<&str>| {
        Build::new(id, published)
            .entity("per:khlf-hftr", "Khalifa Haftar", "PER")
            .entity(&format!("city-{id}"), &format!("Ville {id}"), "LOC")
            .event("CONSULT", Some("e1"), None, Some("e2"), date)
    };
    ingest(
        &mut store,
        &[
            visit("t1", Some("2024-01-10"), None),
            visit("t2", Some("2024-02-01"), Some("2023-12-24")),
            visit("t3", None, None),
            visit("t4", None, Some("2024-01-05")),
        ],
    );
    let when: Vec<Option<(String, DateBasis)>> = store
        .timeline("per:khlf-hftr")
        .unwrap()
        .into_iter()
        .map(|s| s.when.map(|w| (w.date, w.basis)))
        .collect();
    assert_eq!(
        when,
        vec![
            Some(("2023-12-24".to_string(), DateBasis::Event)),
            Some(("2024-01-05".to_string(), DateBasis::Event)),
            Some(("2024-01-10".to_string(), DateBasis::Reported)),
            None,
        ]
    );
}

/// One strike reported in French (by the army, on a city, dated Saturday)
/// and in English (by the country, on the country, dated Friday): one
/// story that keeps the most specific sides and place and both dates.
#[test]
fn two_reports_of_one_attack_disagree_on_the_date() {
    let french = Build::new("fr-frappe", Some("2031-05-12"))
        .outlet("journal.example.fr")
        .text("Samedi, l'armée de Varsovie a frappé la ville de Kiel, selon un communiqué.")
        .entity("poland", "Pologne", "LOC")
        .in_country("e1", "PL")
        .entity("polish-army", "armée polonaise", "ORG")
        .part_of("e2", "e1")
        .entity("kiel", "Kiel", "LOC")
        .in_country("e3", "DE")
        .event("ASSAULT", Some("e2"), None, Some("e3"), Some("2031-05-10"))
        .date("samedi", "2031-05-10");
    let english = Build::new("en-strike", Some("2031-05-11"))
        .lang("en")
        .outlet("paper.example.com")
        .text("Poland struck Germany on Friday, hitting the port city of Kiel.")
        .entity("poland", "Poland", "LOC")
        .in_country("e1", "PL")
        .entity("germany", "Germany", "LOC")
        .in_country("e2", "DE")
        .entity("kiel", "Kiel", "LOC")
        .in_country("e3", "DE")
        .event(
            "ASSAULT",
            Some("e1"),
            Some("e2"),
            Some("e3"),
            Some("2031-05-09"),
        )
        .date("Friday", "2031-05-09");
    for order in [[&french, &english], [&english, &french]] {
        let mut store = SqliteStore::in_memory().unwrap();
        let docs: Vec<Build> = order.iter().map(|b| (*b).clone()).collect();
        ingest(&mut store, &docs);
        let stories = store.stories(2, None).unwrap();
        assert_eq!(stories.len(), 1, "{stories:#?}");
        let s = &stories[0];
        assert_eq!(s.corroboration.articles, 2);
        assert_eq!(s.source.as_ref().unwrap().key, "polish-army");
        assert_eq!(s.target.as_ref().unwrap().key, "germany");
        assert_eq!(s.location.as_ref().unwrap().key, "kiel");
        assert_eq!(s.disagreements.len(), 1, "{:?}", s.disagreements);
        let d = &s.disagreements[0];
        assert_eq!(d.field, "date");
        let versions = d.version_pairs();
        assert_eq!(
            versions,
            vec![
                ("2031-05-09", vec!["en-strike"]),
                ("2031-05-10", vec!["fr-frappe"])
            ]
        );
        let mut own: Vec<(&str, Option<&str>)> = s
            .sources
            .iter()
            .map(|src| (src.article.as_str(), src.date.as_deref()))
            .collect();
        own.sort();
        assert_eq!(
            own,
            vec![
                ("en-strike", Some("2031-05-09")),
                ("fr-frappe", Some("2031-05-10"))
            ]
        );
    }
}
