//! The schema, as a list of migrations. `PRAGMA user_version` holds how
//! many have run; opening a store runs the rest, each in a transaction.
//! A new version appends a migration and never edits an old one.

use rusqlite::{Connection, TransactionBehavior};

use crate::{Error, Result};

/// Migration `i` takes the store from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[V1, V2, V3, V4, V5, V6, V7, V8];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Version 1: articles with full-text search, mentions, the entity
/// registry, roles, dates, quotes with relays, events with evidence,
/// stories.
const V1: &str = r#"
CREATE TABLE articles (
    seq          INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    url          TEXT UNIQUE,
    outlet       TEXT,
    published    TEXT,
    lang         TEXT NOT NULL,
    text         TEXT NOT NULL,
    content_hash TEXT NOT NULL UNIQUE,
    record       TEXT NOT NULL,
    ingested_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX articles_published ON articles(published);

CREATE VIRTUAL TABLE article_text USING fts5(
    text, content='articles', content_rowid='seq',
    tokenize='unicode61 remove_diacritics 2'
);

CREATE TABLE entities (
    key         TEXT PRIMARY KEY,
    type        TEXT NOT NULL,
    name        TEXT NOT NULL,
    lat         REAL,
    lon         REAL,
    country     TEXT,
    geonames_id INTEGER,
    articles    INTEGER NOT NULL DEFAULT 0,
    mentions    INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

CREATE TABLE entity_variants (
    key     TEXT NOT NULL REFERENCES entities(key),
    variant TEXT NOT NULL,
    folded  TEXT NOT NULL,
    count   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (key, variant)
) WITHOUT ROWID;
CREATE INDEX entity_variants_folded ON entity_variants(folded);

CREATE TABLE article_entities (
    article INTEGER NOT NULL REFERENCES articles(seq),
    local   TEXT NOT NULL,
    key     TEXT NOT NULL REFERENCES entities(key),
    name    TEXT NOT NULL,
    type    TEXT NOT NULL,
    PRIMARY KEY (article, local)
) WITHOUT ROWID;
CREATE INDEX article_entities_key ON article_entities(key, article);

CREATE TABLE roles (
    article INTEGER NOT NULL REFERENCES articles(seq),
    key     TEXT NOT NULL REFERENCES entities(key),
    title   TEXT NOT NULL,
    kind    TEXT NOT NULL,
    of_key  TEXT
);
CREATE INDEX roles_key ON roles(key);

CREATE TABLE mentions (
    article  INTEGER NOT NULL REFERENCES articles(seq),
    cp_start INTEGER NOT NULL,
    cp_end   INTEGER NOT NULL,
    text     TEXT NOT NULL,
    type     TEXT NOT NULL,
    local    TEXT NOT NULL,
    key      TEXT
);
CREATE INDEX mentions_article ON mentions(article);
CREATE INDEX mentions_key ON mentions(key);

CREATE TABLE dates (
    article  INTEGER NOT NULL REFERENCES articles(seq),
    cp_start INTEGER NOT NULL,
    cp_end   INTEGER NOT NULL,
    text     TEXT NOT NULL,
    value    TEXT
);
CREATE INDEX dates_article ON dates(article);
CREATE INDEX dates_value ON dates(value);

CREATE TABLE quotes (
    id               INTEGER PRIMARY KEY,
    article          INTEGER NOT NULL REFERENCES articles(seq),
    ord              INTEGER NOT NULL,
    cp_start         INTEGER NOT NULL,
    cp_end           INTEGER NOT NULL,
    text             TEXT NOT NULL,
    speaker          TEXT,
    attribution_start INTEGER,
    attribution_end  INTEGER,
    attribution_text TEXT,
    UNIQUE (article, ord)
);
CREATE INDEX quotes_speaker ON quotes(speaker);

CREATE TABLE quote_relays (
    quote    INTEGER NOT NULL REFERENCES quotes(id),
    pos      INTEGER NOT NULL,
    key      TEXT,
    cp_start INTEGER,
    cp_end   INTEGER,
    text     TEXT,
    PRIMARY KEY (quote, pos)
) WITHOUT ROWID;

CREATE TABLE events (
    id         INTEGER PRIMARY KEY,
    article    INTEGER NOT NULL REFERENCES articles(seq),
    ord        INTEGER NOT NULL,
    type       TEXT NOT NULL,
    mode       TEXT,
    modality   TEXT NOT NULL,
    source     TEXT,
    target     TEXT,
    location   TEXT,
    date       TEXT,
    cameo      TEXT NOT NULL,
    quad_class INTEGER NOT NULL,
    intensity  REAL NOT NULL,
    grp        TEXT NOT NULL,
    story      INTEGER,
    UNIQUE (article, ord)
);
CREATE INDEX events_grp ON events(grp);
CREATE INDEX events_story ON events(story);
CREATE INDEX events_source ON events(source);
CREATE INDEX events_target ON events(target);
CREATE INDEX events_location ON events(location);
CREATE INDEX events_type_date ON events(type, date);

CREATE TABLE event_evidence (
    event    INTEGER NOT NULL REFERENCES events(id),
    pos      INTEGER NOT NULL,
    cp_start INTEGER NOT NULL,
    cp_end   INTEGER NOT NULL,
    text     TEXT NOT NULL,
    PRIMARY KEY (event, pos)
) WITHOUT ROWID;

CREATE TABLE stories (
    id             INTEGER PRIMARY KEY,
    grp            TEXT NOT NULL,
    type           TEXT NOT NULL,
    modality       TEXT NOT NULL,
    source         TEXT,
    target         TEXT,
    location       TEXT,
    date           TEXT,
    date_last      TEXT,
    cameo          TEXT NOT NULL,
    quad_class     INTEGER NOT NULL,
    intensity      REAL NOT NULL,
    mentions       INTEGER NOT NULL,
    articles       INTEGER NOT NULL,
    outlets        INTEGER NOT NULL,
    first_reported TEXT,
    last_reported  TEXT
);
CREATE INDEX stories_grp ON stories(grp);
CREATE INDEX stories_source ON stories(source);
CREATE INDEX stories_target ON stories(target);
CREATE INDEX stories_location ON stories(location);
CREATE INDEX stories_articles ON stories(articles);

CREATE VIEW events_corroborated AS
    SELECT e.*, s.articles, s.outlets, s.first_reported, s.last_reported
    FROM events e LEFT JOIN stories s ON s.id = e.story;
"#;

/// Version 2: the people registry, every full-name person key stored (see
/// [`crate::people`]), learnt from the articles already there; and three
/// indexes no query reads (mentions by key, dates by value, quotes by
/// speaker) dropped, as each cost a write per row at every ingest.
const V2: &str = r#"
DROP INDEX IF EXISTS mentions_key;
DROP INDEX IF EXISTS dates_value;
DROP INDEX IF EXISTS quotes_speaker;
CREATE TABLE people (
    key TEXT PRIMARY KEY
) WITHOUT ROWID;
INSERT OR IGNORE INTO people (key)
    SELECT DISTINCT key FROM article_entities
    WHERE type = 'PER' AND key LIKE 'per:%-%' AND key NOT LIKE '%-';
"#;

/// Version 3: an article's mentions and dates are counted in two columns
/// of `articles` instead of one row each (about 18 rows per article, with
/// an index entry each, written at every ingest and read by no query but
/// their counts); the record keeps them whole.
const V3: &str = r#"
ALTER TABLE articles ADD COLUMN mention_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE articles ADD COLUMN date_count INTEGER NOT NULL DEFAULT 0;
UPDATE articles SET
    mention_count = (SELECT count(*) FROM mentions WHERE article = articles.seq),
    date_count = (SELECT count(*) FROM dates WHERE article = articles.seq);
DROP TABLE mentions;
DROP TABLE dates;
"#;

/// Version 4: each event keeps the chains of what its sides and place
/// belong to (a person, their organisation, their country), which join
/// reports of one event into a story; each story keeps where its reports
/// disagree (JSON). Events stored before keep their groups and are joined
/// by their own keys until the store is rebuilt.
const V4: &str = r#"
ALTER TABLE events ADD COLUMN chains TEXT;
ALTER TABLE stories ADD COLUMN disagreements TEXT;
"#;

/// Version 5: events are grouped by newer rules (a demonym makes an
/// organisation or a person part of its country; the spellings of one
/// person or organisation share a group): no table changes, but opening an
/// older store gives its events the chains and groups these rules make of
/// their records, and rebuilds its stories.
const V5: &str = r#"
CREATE INDEX IF NOT EXISTS events_grp ON events(grp);
"#;

/// Version 6: each event's figures (how many it killed, injured,
/// arrested, displaced or gathered, with the bound the words give and the
/// words), one row a figure. Events stored before have none until their
/// articles are extracted and stored again.
const V6: &str = r#"
CREATE TABLE event_figures (
    event    INTEGER NOT NULL REFERENCES events(id),
    pos      INTEGER NOT NULL,
    kind     TEXT NOT NULL,
    value    INTEGER NOT NULL,
    bound    TEXT NOT NULL,
    high     INTEGER,
    cp_start INTEGER NOT NULL,
    cp_end   INTEGER NOT NULL,
    text     TEXT NOT NULL,
    PRIMARY KEY (event, pos)
) WITHOUT ROWID;
"#;

/// Version 7: stories compare their reports' figures (a toll of 12 and
/// one of 30 are a disagreement), and join by newer rules (one person's
/// news without time; a place at home and one abroad when every side is of
/// one country): no table changes, but opening an older store rebuilds its
/// stories.
const V7: &str = "";

/// Version 8: a person or an organisation belongs to the country the CAMEO
/// actor dictionary gives it, and a national body to its country: no table
/// changes, but opening an older store gives its events the chains and
/// groups these rules make of their records, and rebuilds its stories.
const V8: &str = "";

/// The store's schema version.
pub fn version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// Brings the store to [`SCHEMA_VERSION`], one transaction per step. Each
/// step takes the write lock first and reads the version again, so two
/// processes opening a new file at once do not both create it. A store
/// already up to date is only read: a query opened during an ingest does
/// not wait for the ingest's write lock.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    if version(conn)? == SCHEMA_VERSION {
        return Ok(());
    }
    loop {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let found = version(&tx)?;
        if found > SCHEMA_VERSION {
            return Err(Error::NewerSchema {
                found,
                known: SCHEMA_VERSION,
            });
        }
        if found == SCHEMA_VERSION {
            return Ok(());
        }
        tx.execute_batch(MIGRATIONS[found.max(0) as usize])?;
        tx.pragma_update(None, "user_version", found.max(0) + 1)?;
        tx.commit()?;
    }
}
