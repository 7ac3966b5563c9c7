//! The SQLite implementation of [`Store`]: one file in WAL mode, or an
//! in-memory database for tests.

pub(crate) mod browse;
pub(crate) mod figures;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use depeche_model::{Key, Record, Registry};
use rusqlite::{params, Connection, OpenFlags, OptionalExtension, Row, Transaction};

use crate::fold::fold;
use crate::hash::content_hash;
use crate::people::{settle, taught};
use crate::schema;
use crate::stories::{
    chain, cluster, decode_chains, encode_chains, group_key, outlet_of, timed, Member, StoryEvent,
};
use crate::{
    Actor, CoEntity, Corroboration, Counts, Duplicate, EntityMatch, EntityReport, Error,
    EventFilter, EventRow, IngestOutcome, NewArticle, Result, SearchHit, Source, Store, Story,
    Title, Variant, When,
};

/// A store in one SQLite file (or in memory).
pub struct SqliteStore {
    conn: Connection,
    path: Option<PathBuf>,
    /// The people registry as last read or written by this connection, with
    /// the `PRAGMA data_version` it was read at: read again when another
    /// connection has written since.
    people: Option<(i64, Registry)>,
    /// The writer's lock (`<store>.lock`), held while an ingest writes.
    writer: Option<fs::File>,
}

impl std::fmt::Debug for SqliteStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteStore")
            .field("path", &self.path)
            .finish()
    }
}

fn open_error(path: &Path, reason: impl Into<String>) -> Error {
    Error::Open {
        path: path.to_path_buf(),
        reason: reason.into(),
    }
}

/// Whether the file lies on a file system mounted read-only.
fn on_read_only_file_system(path: &Path) -> bool {
    fs::OpenOptions::new()
        .write(true)
        .open(path)
        .is_err_and(|e| e.kind() == io::ErrorKind::ReadOnlyFilesystem)
}

/// `file:PATH?immutable=1`, the path percent-encoded where a URI needs it.
fn immutable_uri(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut uri = String::from("file:");
    for &b in absolute.as_os_str().as_encoded_bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            uri.push(b as char);
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri.push_str("?immutable=1");
    uri
}

/// Turns SQLite's words for a file that is not a store into ours.
fn explain(path: &Path, e: rusqlite::Error) -> Error {
    let text = e.to_string();
    if text.contains("not a database") {
        open_error(
            path,
            "not a depeche store (the file is not an SQLite database)",
        )
    } else if text.contains("malformed") || text.contains("corrupt") {
        damaged(path, &text)
    } else if text.contains("readonly") || text.contains("read-only") {
        open_error(path, "the file or its folder is read-only")
    } else if text.contains("unable to open") {
        open_error(
            path,
            "cannot open the file (check the folder exists and is writable)",
        )
    } else {
        open_error(path, text)
    }
}

/// A store whose file is damaged, with what to do about it.
fn damaged(path: &Path, found: &str) -> Error {
    let found = found.split_whitespace().collect::<Vec<_>>().join(" ");
    open_error(
        path,
        format!(
            "the store is damaged ({found}); it is not written to. Move it aside and \
             ingest the articles again into a new store (`sqlite3 FILE .recover` may \
             save what is left of its rows)"
        ),
    )
}

/// How long opening a store for writing may spend checking it: a larger
/// store is checked by `depeche stats --check`.
const OPEN_CHECK: std::time::Duration = std::time::Duration::from_secs(3);

impl SqliteStore {
    /// Opens the store at `path` for writing, creating the file and its
    /// folder if needed, and brings its schema up to date.
    pub fn open(path: &Path) -> Result<SqliteStore> {
        if path.is_dir() {
            return Err(open_error(path, "is a folder, not a file"));
        }
        match fs::metadata(path) {
            Ok(meta) if meta.permissions().readonly() => {
                return Err(open_error(path, "the file is read-only"));
            }
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                    fs::create_dir_all(dir).map_err(|e| {
                        open_error(path, format!("cannot create folder {}: {e}", dir.display()))
                    })?;
                }
            }
            Err(e) => return Err(open_error(path, e.to_string())),
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| explain(path, e))?;
        // SQLite opens a file it cannot write read-only without a word.
        if conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(false) {
            return Err(open_error(path, "the file or its file system is read-only"));
        }
        let mut store = SqliteStore {
            conn,
            path: Some(path.to_path_buf()),
            people: None,
            writer: None,
        };
        store.setup(true).map_err(|e| match e {
            Error::Sqlite(e) => explain(path, e),
            other => other,
        })?;
        store.refuse_damage(path)?;
        Ok(store)
    }

    /// SQLite's quick check, for at most [`OPEN_CHECK`]: a damaged store
    /// is refused before anything is written into it.
    fn refuse_damage(&self, path: &Path) -> Result<()> {
        let deadline = std::time::Instant::now() + OPEN_CHECK;
        self.conn
            .progress_handler(10_000, Some(move || std::time::Instant::now() > deadline));
        let verdict: rusqlite::Result<String> =
            self.conn
                .query_row("PRAGMA quick_check(1)", [], |r| r.get(0));
        self.conn.progress_handler(0, None::<fn() -> bool>);
        match verdict {
            Ok(v) if v == "ok" => Ok(()),
            Ok(v) => Err(damaged(path, &v)),
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::OperationInterrupted =>
            {
                Ok(())
            }
            Err(e) => Err(explain(path, e)),
        }
    }

    /// Opens the store for an ingest, as its one writer: a second writer
    /// of the same store waits until the first has finished (`on_wait` is
    /// called once, when it has to), so that two ingests end as one after
    /// the other. Readers never wait. Where no lock file can be made
    /// beside the store (a read-only folder), [`SqliteStore::open`] says why
    /// the store cannot be written.
    pub fn open_writer(path: &Path, on_wait: &mut dyn FnMut()) -> Result<SqliteStore> {
        let mut name = path.as_os_str().to_owned();
        name.push(".lock");
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            let _ = fs::create_dir_all(dir);
        }
        let lock = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(PathBuf::from(name));
        let Ok(lock) = lock else {
            return SqliteStore::open(path);
        };
        match lock.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => {
                on_wait();
                lock.lock()
                    .map_err(|e| open_error(path, format!("cannot lock: {e}")))?;
            }
            Err(fs::TryLockError::Error(e)) => {
                return Err(open_error(path, format!("cannot lock: {e}")));
            }
        }
        let mut store = SqliteStore::open(path)?;
        store.writer = Some(lock);
        Ok(store)
    }

    /// Opens an existing store for queries. A store with an older schema is
    /// upgraded when the file can be written; otherwise it is opened
    /// read-only (see [`SqliteStore::open_read_only`]).
    pub fn open_existing(path: &Path) -> Result<SqliteStore> {
        if !path.exists() {
            return Err(open_error(
                path,
                "no store there (run `depeche ingest --db PATH INPUT...` first)",
            ));
        }
        let mode_writable = fs::metadata(path).is_ok_and(|m| !m.permissions().readonly());
        if mode_writable && fs::OpenOptions::new().write(true).open(path).is_ok() {
            return SqliteStore::open(path);
        }
        SqliteStore::open_reading(path, "the file is read-only")
    }

    /// Opens an existing store read-only (the file is never written, its
    /// schema never migrated): for servers. Fails when the file is missing
    /// or has another schema version.
    ///
    /// A store in WAL mode can be read this way only when its `-shm` file
    /// exists or can be created beside it. On a read-only file system
    /// (read-only media, a read-only container volume) neither may hold;
    /// there, and only there, the file is opened `immutable`, without
    /// locks: safe because no one can write it. Elsewhere the locks stay,
    /// so that a server sees what a running ingest commits.
    pub fn open_read_only(path: &Path) -> Result<SqliteStore> {
        if !path.is_file() {
            return Err(open_error(
                path,
                "no store there (run `depeche ingest --db PATH INPUT...` first)",
            ));
        }
        SqliteStore::open_reading(
            path,
            "run `depeche stats --db PATH` with write access to upgrade it",
        )
    }

    /// The read-only open: with locks, else `immutable` on a read-only file
    /// system. `upgrade` says what to do about an older schema.
    fn open_reading(path: &Path, upgrade: &str) -> Result<SqliteStore> {
        match SqliteStore::reader(path, false, upgrade) {
            Err(Error::Open { reason, .. }) if on_read_only_file_system(path) => {
                SqliteStore::reader(path, true, upgrade).map_err(|e| match e {
                    Error::Open { .. } => open_error(path, reason),
                    other => other,
                })
            }
            other => other,
        }
    }

    fn reader(path: &Path, immutable: bool, upgrade: &str) -> Result<SqliteStore> {
        let mut flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = if immutable {
            flags |= OpenFlags::SQLITE_OPEN_URI;
            Connection::open_with_flags(immutable_uri(path), flags)
        } else {
            Connection::open_with_flags(path, flags)
        }
        .map_err(|e| explain(path, e))?;
        conn.busy_timeout(std::time::Duration::from_secs(5))
            .map_err(|e| explain(path, e))?;
        conn.pragma_update(None, "query_only", "ON")
            .map_err(|e| explain(path, e))?;
        let found = schema::version(&conn).map_err(|e| match e {
            Error::Sqlite(e) => explain(path, e),
            other => other,
        })?;
        if found != schema::SCHEMA_VERSION {
            return Err(open_error(
                path,
                format!(
                    "schema version {found}, this depeche reads {} ({upgrade})",
                    schema::SCHEMA_VERSION
                ),
            ));
        }
        Ok(SqliteStore {
            conn,
            path: Some(path.to_path_buf()),
            people: None,
            writer: None,
        })
    }

    /// A store in memory, for tests: the same schema and code as a file.
    pub fn in_memory() -> Result<SqliteStore> {
        let mut store = SqliteStore {
            conn: Connection::open_in_memory()?,
            path: None,
            people: None,
            writer: None,
        };
        store.setup(false)?;
        Ok(store)
    }

    /// The file, if any.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The schema version of the open store.
    pub fn schema_version(&self) -> Result<i64> {
        schema::version(&self.conn)
    }

    /// The figures of one stored event (its row id, as [`EventRow::id`]
    /// and [`crate::ArticleEvent::id`] give it), in record order: how many
    /// it killed, injured, arrested, displaced or gathered. Each source of
    /// a story carries its event's ([`Source::figures`]).
    pub fn event_figures(&self, event: i64) -> Result<Vec<depeche_model::FigureOut>> {
        Ok(figures::of_event(&self.conn, event)?)
    }

    fn setup(&mut self, file: bool) -> Result<()> {
        self.conn.busy_timeout(std::time::Duration::from_secs(10))?;
        // An ingest runs about 25 distinct statements per batch: keep them
        // all prepared (the default cache holds 16).
        self.conn.set_prepared_statement_cache_capacity(64);
        if file {
            // Checks the file is a database before anything is written.
            let mode: String = self
                .conn
                .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
            if !mode.eq_ignore_ascii_case("wal") {
                return Err(Error::Sqlite(rusqlite::Error::InvalidQuery));
            }
            // Durable at each checkpoint, atomic at each commit: a killed
            // run loses nothing committed, a power cut at most the last
            // batches, never the file.
            self.conn.pragma_update(None, "synchronous", "NORMAL")?;
            // Checkpoint every 32 MiB of log rather than 4 MiB: a batch of
            // 500 articles writes about 5 MiB, and pages written again by
            // the next batches (indexes, full-text segments) reach the file
            // once.
            self.conn.pragma_update(None, "wal_autocheckpoint", 8192)?;
        }
        // 64 MiB of page cache (SQLite's default is 2 MiB), taken as
        // needed: keeps the indexes an ingest updates in memory.
        self.conn.pragma_update(None, "cache_size", -65536)?;
        self.conn.pragma_update(None, "temp_store", "MEMORY")?;
        // The writer inserts every parent row before its children (entities
        // at the end of a batch, in the same transaction); enforcing the
        // references would cost an index look-up per reference, about 25
        // per article. `check` verifies them instead.
        self.conn.pragma_update(None, "foreign_keys", "OFF")?;
        let before = schema::version(&self.conn)?;
        schema::migrate(&mut self.conn)?;
        // Stories written before version 8 were grouped by older rules
        // (and before version 4 lack their disagreements); before version
        // 7 their disagreements leave out figures.
        if (1..8).contains(&before) {
            self.regroup_events()?;
        }
        if (1..8).contains(&before) {
            self.rebuild_stories()?;
        }
        Ok(())
    }

    /// Gives every stored event the chains and group the current rules
    /// make of its article's record.
    fn regroup_events(&mut self) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        {
            let mut articles = tx.prepare("SELECT seq, record FROM articles ORDER BY seq")?;
            let mut rows = articles.query([])?;
            let mut update = tx.prepare(
                "UPDATE events SET chains = ?1, grp = ?2 WHERE article = ?3 AND ord = ?4",
            )?;
            while let Some(row) = rows.next()? {
                let seq: i64 = row.get(0)?;
                let record: Record = serde_json::from_str(&row.get::<_, String>(1)?)?;
                for (ord, ([s, t, p], grp)) in event_groups(&record).into_iter().enumerate() {
                    update.execute(params![encode_chains(&s, &t, &p), grp, seq, ord as i64])?;
                }
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Runs `f` in one read transaction, so that its queries see one state
    /// of the store while an ingest commits batches beside it.
    pub(crate) fn snapshot<T>(&self, f: impl FnOnce() -> Result<T>) -> Result<T> {
        if !self.conn.is_autocommit() {
            return f();
        }
        let tx = self.conn.unchecked_transaction()?;
        let out = f()?;
        tx.commit()?;
        Ok(out)
    }

    /// What the store's own checks find wrong, read in one snapshot:
    /// SQLite's integrity, rows pointing at none, per-article counts
    /// against their records, events without a story, stories out of step
    /// with their events, people missing from the registry.
    fn problems(&self) -> Result<Vec<String>> {
        let mut problems = integrity(&self.conn)?;
        let mut dangling = self.conn.prepare("PRAGMA foreign_key_check")?;
        let mut rows = dangling.query([])?;
        while let Some(row) = rows.next()? {
            let (table, rowid, parent): (String, Option<i64>, String) =
                (row.get(0)?, row.get(1)?, row.get(2)?);
            let at = rowid.map_or_else(String::new, |r| format!(" {r}"));
            problems.push(format!("{table} row{at} refers to a missing {parent} row"));
        }
        drop(rows);
        drop(dangling);
        let per_article = |table: &str| -> Result<HashMap<i64, i64>> {
            let sql = format!("SELECT article, count(*) FROM {table} GROUP BY article");
            let rows = self
                .conn
                .prepare(&sql)?
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<HashMap<i64, i64>>>()?;
            Ok(rows)
        };
        let (events, quotes, entities) = (
            per_article("events")?,
            per_article("quotes")?,
            per_article("article_entities")?,
        );
        let figures = per_article("event_figures JOIN events ON events.id = event_figures.event")?;
        let mut stmt = self.conn.prepare(
            "SELECT seq, id, record, mention_count, date_count FROM articles ORDER BY seq",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let (seq, id, json): (i64, String, String) = (row.get(0)?, row.get(1)?, row.get(2)?);
            let counted: HashMap<i64, i64> = [(seq, row.get(3)?)].into();
            let dated: HashMap<i64, i64> = [(seq, row.get(4)?)].into();
            let record: Record = serde_json::from_str(&json)?;
            for (field, stored, len) in [
                ("mentions", &counted, record.mentions.len()),
                ("events", &events, record.events.len()),
                ("quotes", &quotes, record.quotes.len()),
                ("dates", &dated, record.dates.len()),
                ("entities", &entities, record.entities.len()),
                (
                    "figures",
                    &figures,
                    record.events.iter().map(|e| e.figures.len()).sum(),
                ),
            ] {
                let have = stored.get(&seq).copied().unwrap_or(0);
                if have != len as i64 {
                    problems.push(format!(
                        "article {id}: {have} {field} stored, the record has {len}"
                    ));
                }
            }
        }
        let orphans = count(
            &self.conn,
            "SELECT count(*) FROM events WHERE story IS NULL",
        )?;
        if orphans > 0 {
            problems.push(format!("{orphans} events belong to no story"));
        }
        let stale = count(
            &self.conn,
            "SELECT count(*) FROM stories s WHERE mentions != (SELECT count(*) FROM events WHERE story = s.id)",
        )?;
        if stale > 0 {
            problems.push(format!("{stale} stories do not match their events"));
        }
        let unknown = count(
            &self.conn,
            "SELECT count(DISTINCT key) FROM article_entities
             WHERE type = 'PER' AND key LIKE 'per:%-%' AND key NOT LIKE '%-'
               AND key NOT IN (SELECT key FROM people)",
        )?;
        if unknown > 0 {
            problems.push(format!(
                "{unknown} full names of people are missing from the people registry"
            ));
        }
        Ok(problems)
    }

    fn actor(&self, key: Option<String>) -> Result<Option<Actor>> {
        let Some(key) = key else { return Ok(None) };
        let found = self
            .conn
            .prepare_cached(
                "SELECT name, type, lat, lon, country, geonames_id FROM entities WHERE key = ?1",
            )?
            .query_row([&key], |r| {
                Ok(Actor {
                    key: key.clone(),
                    name: r.get(0)?,
                    ty: r.get(1)?,
                    lat: r.get(2)?,
                    lon: r.get(3)?,
                    country: r.get(4)?,
                    geonames_id: r.get::<_, Option<i64>>(5)?.map(|v| v as u64),
                })
            })
            .optional()?;
        Ok(Some(found.unwrap_or(Actor {
            name: key.clone(),
            key,
            ty: String::new(),
            lat: None,
            lon: None,
            country: None,
            geonames_id: None,
        })))
    }

    /// The entities with these keys, most named first.
    fn matches(&self, keys: impl IntoIterator<Item = String>) -> Result<Vec<EntityMatch>> {
        let mut matches = Vec::new();
        for key in keys {
            if let Some(m) = self.entity_match(&key)? {
                matches.push(m);
            }
        }
        matches.sort_by(|a, b| b.articles.cmp(&a.articles).then_with(|| a.key.cmp(&b.key)));
        Ok(matches)
    }

    fn entity_match(&self, key: &str) -> Result<Option<EntityMatch>> {
        Ok(self
            .conn
            .prepare_cached("SELECT key, name, type, articles FROM entities WHERE key = ?1")?
            .query_row([key], entity_match_row)
            .optional()?)
    }

    fn story_rows(&self, sql: &str, args: &[&dyn rusqlite::ToSql]) -> Result<Vec<Story>> {
        let mut stmt = self.conn.prepare(sql)?;
        let raw = stmt
            .query_map(args, |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, Option<String>>(5)?,
                    r.get::<_, Option<String>>(6)?,
                    r.get::<_, Option<String>>(7)?,
                    r.get::<_, String>(8)?,
                    r.get::<_, i64>(9)?,
                    r.get::<_, f64>(10)?,
                    r.get::<_, i64>(11)?,
                    r.get::<_, i64>(12)?,
                    r.get::<_, i64>(13)?,
                    r.get::<_, Option<String>>(14)?,
                    r.get::<_, Option<String>>(15)?,
                    r.get::<_, Option<String>>(16)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut stories = Vec::with_capacity(raw.len());
        for (
            id,
            ty,
            modality,
            source,
            target,
            location,
            date,
            date_last,
            cameo,
            quad,
            intensity,
            mentions,
            articles,
            outlets,
            first,
            last,
            disagreements,
        ) in raw
        {
            stories.push(Story {
                id,
                ty,
                modality,
                source: self.actor(source)?,
                target: self.actor(target)?,
                location: self.actor(location)?,
                when: When::of(date.as_deref(), first.as_deref()),
                date,
                date_last,
                cameo,
                quad_class: quad as u8,
                intensity,
                mentions: mentions as u64,
                corroboration: Corroboration {
                    story: id,
                    articles: articles as u64,
                    outlets: outlets as u64,
                    first_reported: first,
                    last_reported: last,
                },
                sources: self.sources(id)?,
                disagreements: disagreements
                    .and_then(|d| serde_json::from_str(&d).ok())
                    .unwrap_or_default(),
            });
        }
        Ok(stories)
    }

    fn sources(&self, story: i64) -> Result<Vec<Source>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id, a.outlet, a.url, a.published, e.date,
                    (SELECT group_concat(text, ' … ') FROM event_evidence WHERE event = e.id),
                    e.modality, e.source, e.target, e.location, e.id
             FROM events e JOIN articles a ON a.seq = e.article
             WHERE e.story = ?1
             ORDER BY a.published IS NULL, a.published, a.id, e.ord",
        )?;
        let rows = stmt
            .query_map([story], |r| {
                Ok(Source {
                    article: r.get(0)?,
                    outlet: r.get(1)?,
                    url: r.get(2)?,
                    published: r.get(3)?,
                    date: r.get(4)?,
                    evidence: r.get::<_, Option<String>>(5)?.unwrap_or_default(),
                    modality: r.get(6)?,
                    source: r.get(7)?,
                    target: r.get(8)?,
                    location: r.get(9)?,
                    figures: figures::of_event(&self.conn, r.get(10)?)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }
}

const STORY_COLUMNS: &str =
    "id, type, modality, source, target, location, date, date_last, cameo, \
     quad_class, intensity, mentions, articles, outlets, first_reported, last_reported, \
     disagreements";

fn entity_match_row(r: &Row<'_>) -> rusqlite::Result<EntityMatch> {
    Ok(EntityMatch {
        key: r.get(0)?,
        name: r.get(1)?,
        ty: r.get(2)?,
        articles: r.get::<_, i64>(3)? as u64,
    })
}

/// A number that changes when another connection commits to the file.
fn data_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA data_version", [], |r| r.get(0))?)
}

/// The people registry: every full-name person key stored.
fn load_people(conn: &Connection) -> Result<Registry> {
    let mut people = Registry::new();
    let mut stmt = conn.prepare("SELECT key FROM people")?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        people.learn(&row.get::<_, String>(0)?);
    }
    Ok(people)
}

fn count(conn: &Connection, sql: &str) -> Result<u64> {
    Ok(conn.query_row(sql, [], |r| r.get::<_, i64>(0))? as u64)
}

/// The stored article `id`, `url` or `hash` would duplicate.
fn duplicate_of(
    conn: &Connection,
    id: &str,
    url: Option<&str>,
    hash: &str,
) -> Result<Option<Duplicate>> {
    let found = |sql: &str, value: &str| -> Result<Option<String>> {
        Ok(conn
            .prepare_cached(sql)?
            .query_row([value], |r| r.get(0))
            .optional()?)
    };
    let dup = |existing: String, reason| Duplicate {
        id: id.to_string(),
        existing,
        reason,
    };
    if let Some(e) = found("SELECT id FROM articles WHERE id = ?1", id)? {
        return Ok(Some(dup(e, "id")));
    }
    if let Some(url) = url {
        if let Some(e) = found("SELECT id FROM articles WHERE url = ?1", url)? {
            return Ok(Some(dup(e, "url")));
        }
    }
    if let Some(e) = found("SELECT id FROM articles WHERE content_hash = ?1", hash)? {
        return Ok(Some(dup(e, "content")));
    }
    Ok(None)
}

fn clean_url(url: Option<&str>) -> Option<&str> {
    url.map(str::trim).filter(|u| !u.is_empty())
}

/// What a batch adds to the entity registry, summed in input order and
/// written once per entity and per spelling at the end of the batch: an
/// entity named by many articles of a batch is one write, not one per
/// article. Summing in order gives what one write per article gave: the
/// first longest name, the first type, each coordinate as first given.
#[derive(Default)]
struct Registered {
    entities: Vec<EntityDelta>,
    at: HashMap<String, usize>,
    /// Mentions per spelling, by entity key then words.
    spellings: BTreeMap<String, BTreeMap<String, i64>>,
}

/// One entity's row in the registry, as a batch changes it.
struct EntityDelta {
    key: String,
    ty: &'static str,
    name: String,
    /// The name's length in characters, as SQLite's `length()` counts.
    name_chars: usize,
    lat: Option<f64>,
    lon: Option<f64>,
    country: Option<String>,
    geonames_id: Option<i64>,
    articles: i64,
    mentions: i64,
}

impl Registered {
    /// Counts one article's entity `e`: `first` when it is the first entity
    /// of the article with that key, with the article's mentions of it.
    fn entity(&mut self, e: &depeche_model::EntityOut, first: bool, mentions: i64) {
        let (articles, mentions) = if first { (1, mentions) } else { (0, 0) };
        let name_chars = e.name.chars().count();
        match self.at.get(e.key.as_str()) {
            Some(&i) => {
                let d = &mut self.entities[i];
                if name_chars > d.name_chars {
                    d.name.clone_from(&e.name);
                    d.name_chars = name_chars;
                }
                d.lat = d.lat.or(e.lat);
                d.lon = d.lon.or(e.lon);
                if d.country.is_none() {
                    d.country.clone_from(&e.country);
                }
                d.geonames_id = d.geonames_id.or(e.geonames_id.map(|v| v as i64));
                d.articles += articles;
                d.mentions += mentions;
            }
            None => {
                self.at.insert(e.key.clone(), self.entities.len());
                self.entities.push(EntityDelta {
                    key: e.key.clone(),
                    ty: e.ty.label(),
                    name: e.name.clone(),
                    name_chars,
                    lat: e.lat,
                    lon: e.lon,
                    country: e.country.clone(),
                    geonames_id: e.geonames_id.map(|v| v as i64),
                    articles,
                    mentions,
                });
            }
        }
    }

    /// Adds `n` uses of the spelling `text` of the entity `key`.
    fn spelling(&mut self, key: &str, text: &str, n: i64) {
        if !self.spellings.contains_key(key) {
            self.spellings.insert(key.to_string(), BTreeMap::new());
        }
        let of = self.spellings.get_mut(key).expect("just inserted");
        match of.get_mut(text) {
            Some(count) => *count += n,
            None => {
                of.insert(text.to_string(), n);
            }
        }
    }

    /// Writes the sums: one upsert per entity and per spelling.
    fn write(self, tx: &Transaction<'_>) -> Result<()> {
        let mut upsert = tx.prepare_cached(
            "INSERT INTO entities (key, type, name, lat, lon, country, geonames_id, articles, mentions)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
             ON CONFLICT (key) DO UPDATE SET
                name = CASE WHEN length(excluded.name) > length(name) THEN excluded.name ELSE name END,
                lat = coalesce(lat, excluded.lat),
                lon = coalesce(lon, excluded.lon),
                country = coalesce(country, excluded.country),
                geonames_id = coalesce(geonames_id, excluded.geonames_id),
                articles = articles + excluded.articles,
                mentions = mentions + excluded.mentions",
        )?;
        for d in &self.entities {
            upsert.execute(params![
                d.key,
                d.ty,
                d.name,
                d.lat,
                d.lon,
                d.country,
                d.geonames_id,
                d.articles,
                d.mentions
            ])?;
        }
        let mut variant = tx.prepare_cached(
            "INSERT INTO entity_variants (key, variant, folded, count) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (key, variant) DO UPDATE SET count = count + excluded.count",
        )?;
        for (key, of) in &self.spellings {
            for (text, n) in of {
                variant.execute(params![key, text, fold(text), n])?;
            }
        }
        Ok(())
    }
}

/// What SQLite's own integrity check finds wrong on `conn`, "ok" left out.
fn integrity(conn: &Connection) -> Result<Vec<String>> {
    Ok(conn
        .prepare("PRAGMA integrity_check")?
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?
        .into_iter()
        .filter(|s| s != "ok")
        .collect())
}

/// Stores one article and its annotations, its entities counted in
/// `registered`; returns the number of its events and their group keys, or
/// `None` when its id, address or content is already stored (the unique
/// indexes say so: no look-up beforehand).
fn insert_article(
    tx: &Transaction<'_>,
    text: &str,
    record: &Record,
    hash: &str,
    registered: &mut Registered,
) -> Result<Option<(usize, Vec<String>)>> {
    let json = serde_json::to_string(record)?;
    let inserted = tx
        .prepare_cached(
            "INSERT INTO articles (id, url, outlet, published, lang, text, content_hash, record,
                                   mention_count, date_count)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
             ON CONFLICT DO NOTHING",
        )?
        .execute(params![
            record.id,
            clean_url(record.url.as_deref()),
            record.outlet,
            record.published,
            record.lang,
            text,
            hash,
            json,
            record.mentions.len() as i64,
            record.dates.len() as i64
        ])?;
    if inserted == 0 {
        return Ok(None);
    }
    let seq = tx.last_insert_rowid();
    tx.prepare_cached("INSERT INTO article_text (rowid, text) VALUES (?1, ?2)")?
        .execute(params![seq, text])?;
    // Local entity ids ("e1") to global keys.
    let key_of: HashMap<&str, &str> = record
        .entities
        .iter()
        .map(|e| (e.id.as_str(), e.key.as_str()))
        .collect();
    insert_entities(tx, seq, record, &key_of, registered)?;
    insert_quotes(tx, seq, record, &key_of)?;
    let groups = insert_events(tx, seq, record, &key_of)?;
    Ok(Some((record.events.len(), groups)))
}

/// The global key of a local entity id, if the record has it.
fn global_key<'r>(key_of: &HashMap<&str, &'r str>, local: &Option<String>) -> Option<&'r str> {
    local.as_deref().and_then(|l| key_of.get(l).copied())
}

/// The entity registry's part of article `seq`: its entities and roles,
/// counted with their mentions and spellings in `registered`.
fn insert_entities(
    tx: &Transaction<'_>,
    seq: i64,
    record: &Record,
    key_of: &HashMap<&str, &str>,
    registered: &mut Registered,
) -> Result<()> {
    let mut mentions_of: HashMap<&str, i64> = HashMap::new();
    for m in &record.mentions {
        if let Some(k) = key_of.get(m.entity.as_str()) {
            *mentions_of.entry(k).or_default() += 1;
        }
    }
    // Spellings (each entity's name, and the words of each mention) counted
    // per article first.
    let mut spellings: BTreeMap<(&str, &str), i64> = BTreeMap::new();
    let mut seen: HashSet<&str> = HashSet::new();
    for e in &record.entities {
        let first = seen.insert(e.key.as_str());
        registered.entity(
            e,
            first,
            mentions_of.get(e.key.as_str()).copied().unwrap_or(0),
        );
        spellings
            .entry((e.key.as_str(), e.name.as_str()))
            .or_default();
        tx.prepare_cached(
            "INSERT INTO article_entities (article, local, key, name, type) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![seq, e.id, e.key, e.name, e.ty.label()])?;
        for role in &e.roles {
            tx.prepare_cached(
                "INSERT INTO roles (article, key, title, kind, of_key) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![
                seq,
                e.key,
                role.title,
                role.kind,
                global_key(key_of, &role.of)
            ])?;
        }
    }
    for m in &record.mentions {
        if let Some(k) = key_of.get(m.entity.as_str()).copied() {
            *spellings.entry((k, m.text.as_str())).or_default() += 1;
        }
    }
    for ((k, text), n) in spellings {
        registered.spelling(k, text, n);
    }
    Ok(())
}

/// The quotes of article `seq` with their relays.
fn insert_quotes(
    tx: &Transaction<'_>,
    seq: i64,
    record: &Record,
    key_of: &HashMap<&str, &str>,
) -> Result<()> {
    for (ord, q) in record.quotes.iter().enumerate() {
        let attribution = q.attribution.as_ref();
        tx.prepare_cached(
            "INSERT INTO quotes (article, ord, cp_start, cp_end, text, speaker,
                                 attribution_start, attribution_end, attribution_text)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?
        .execute(params![
            seq,
            ord as i64,
            q.start as i64,
            q.end as i64,
            q.text,
            global_key(key_of, &q.speaker),
            attribution.map(|a| a.start as i64),
            attribution.map(|a| a.end as i64),
            attribution.map(|a| a.text.as_str()),
        ])?;
        let quote = tx.last_insert_rowid();
        for (pos, via) in q.via.iter().enumerate() {
            let ev = q.via_evidence.get(pos);
            tx.prepare_cached(
                "INSERT INTO quote_relays (quote, pos, key, cp_start, cp_end, text) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![
                quote,
                pos as i64,
                key_of.get(via.as_str()).copied(),
                ev.map(|e| e.start as i64),
                ev.map(|e| e.end as i64),
                ev.map(|e| e.text.as_str()),
            ])?;
        }
    }
    Ok(())
}

/// Each event's chains (source, target, place: see [`chain`]; the place
/// only when it is a place) and group key, in the record's order.
fn event_groups(record: &Record) -> Vec<([Vec<String>; 3], String)> {
    let members: HashMap<&str, Member<'_>> = record
        .entities
        .iter()
        .map(|e| {
            let member = Member {
                key: e.key.as_str(),
                ty: e.ty.label(),
                country: e.country.as_deref(),
                of: e.roles.iter().filter_map(|r| r.of.as_deref()).collect(),
                labels: std::iter::once(e.name.as_str())
                    .chain(e.roles.iter().map(|r| r.title.as_str()))
                    .collect(),
                names: std::iter::once(e.name.as_str())
                    .chain(e.aliases.iter().map(String::as_str))
                    .collect(),
            };
            (e.id.as_str(), member)
        })
        .collect();
    let chain_of = |local: &Option<String>| {
        local
            .as_deref()
            .map(|l| chain(l, &members))
            .unwrap_or_default()
    };
    record
        .events
        .iter()
        .enumerate()
        .map(|(ord, e)| {
            // A person or an organisation put as the place is no place.
            let place = e
                .location
                .clone()
                .filter(|l| members.get(l.as_str()).is_some_and(|m| m.ty == "LOC"));
            let chains = [chain_of(&e.source), chain_of(&e.target), chain_of(&place)];
            let grp = group_key(
                &e.ty,
                &chains[0],
                &chains[1],
                &chains[2],
                &format!("{}#{ord}", record.id),
            );
            (chains, grp)
        })
        .collect()
}

/// The events of article `seq` with their evidence; returns each event's
/// group key (events that may report one real event share it).
fn insert_events(
    tx: &Transaction<'_>,
    seq: i64,
    record: &Record,
    key_of: &HashMap<&str, &str>,
) -> Result<Vec<String>> {
    let key = |local: &Option<String>| global_key(key_of, local);
    let mut groups = Vec::new();
    for (ord, (e, (chains, grp))) in record.events.iter().zip(event_groups(record)).enumerate() {
        let (source, target, location) = (key(&e.source), key(&e.target), key(&e.location));
        tx.prepare_cached(
            "INSERT INTO events (article, ord, type, mode, modality, source, target, location, date,
                                 cameo, quad_class, intensity, grp, chains)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        )?
        .execute(params![
            seq,
            ord as i64,
            e.ty,
            e.mode,
            e.modality.label(),
            source,
            target,
            location,
            e.date,
            e.cameo,
            e.quad_class as i64,
            e.intensity as f64,
            grp,
            encode_chains(&chains[0], &chains[1], &chains[2]),
        ])?;
        let event = tx.last_insert_rowid();
        for (pos, ev) in e.evidence.iter().enumerate() {
            tx.prepare_cached(
                "INSERT INTO event_evidence (event, pos, cp_start, cp_end, text) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![event, pos as i64, ev.start as i64, ev.end as i64, ev.text])?;
        }
        figures::insert(tx, event, &e.figures)?;
        groups.push(grp);
    }
    Ok(groups)
}

/// The events matching a filter (type, actor, place, dates), in date
/// order, with their evidence and story.
const EVENTS_QUERY: &str = "SELECT e.id, a.id, a.outlet, a.url, a.published, e.type, e.mode, e.modality,
                        e.source, e.target, e.location, e.date, e.cameo, e.quad_class, e.intensity,
                        (SELECT group_concat(text, ' … ') FROM event_evidence WHERE event = e.id),
                        s.id, s.articles, s.outlets, s.first_reported, s.last_reported
                 FROM events e
                 JOIN articles a ON a.seq = e.article
                 LEFT JOIN stories s ON s.id = e.story
                 WHERE (?1 IS NULL OR e.type = ?1)
                   AND (?2 IS NULL OR e.source = ?2 OR e.target = ?2)
                   AND (?3 IS NULL OR e.location = ?3)
                   AND (?4 IS NULL OR substr(coalesce(e.date, a.published), 1, length(?4)) >= ?4)
                   AND (?5 IS NULL OR substr(coalesce(e.date, a.published), 1, length(?5)) <= ?5)
                 ORDER BY coalesce(e.date, a.published) IS NULL, coalesce(e.date, a.published), a.id, e.ord
                 LIMIT ?6";

/// One row of [`EVENTS_QUERY`], before its actors' keys are looked up.
struct FoundEvent {
    id: i64,
    article: String,
    outlet: Option<String>,
    url: Option<String>,
    published: Option<String>,
    ty: String,
    mode: Option<String>,
    modality: String,
    source: Option<String>,
    target: Option<String>,
    location: Option<String>,
    date: Option<String>,
    cameo: String,
    quad: i64,
    intensity: f64,
    evidence: Option<String>,
    story: Option<i64>,
    articles: Option<i64>,
    outlets: Option<i64>,
    first: Option<String>,
    last: Option<String>,
}

impl FoundEvent {
    /// Reads the columns of [`EVENTS_QUERY`] in order.
    fn read(r: &rusqlite::Row<'_>) -> rusqlite::Result<FoundEvent> {
        Ok(FoundEvent {
            id: r.get(0)?,
            article: r.get(1)?,
            outlet: r.get(2)?,
            url: r.get(3)?,
            published: r.get(4)?,
            ty: r.get(5)?,
            mode: r.get(6)?,
            modality: r.get(7)?,
            source: r.get(8)?,
            target: r.get(9)?,
            location: r.get(10)?,
            date: r.get(11)?,
            cameo: r.get(12)?,
            quad: r.get(13)?,
            intensity: r.get(14)?,
            evidence: r.get(15)?,
            story: r.get(16)?,
            articles: r.get(17)?,
            outlets: r.get(18)?,
            first: r.get(19)?,
            last: r.get(20)?,
        })
    }
}

/// What the events of one group share: their story's type and codes.
struct Shared {
    ty: String,
    cameo: String,
    quad_class: i64,
}

/// The events of one group, with what their story shares and the story
/// each belongs to now.
fn group_events(tx: &Transaction<'_>, grp: &str) -> Result<Vec<(StoryEvent, Shared, Option<i64>)>> {
    let mut events = tx
        .prepare_cached(
            "SELECT e.id, e.date, e.location, e.article, a.id, e.ord, a.published, a.outlet, a.url,
                    e.intensity, e.type, e.modality, e.source, e.target, e.cameo, e.quad_class,
                    e.story, e.chains, e.mode,
                    (SELECT group_concat(kind || ' ' || value || ' ' || bound || ' ' || coalesce(high, ''), ',')
                     FROM event_figures WHERE event = e.id)
             FROM events e JOIN articles a ON a.seq = e.article
             WHERE e.grp = ?1",
        )?
        .query_map([grp], |r| {
            let outlet: Option<String> = r.get(7)?;
            let url: Option<String> = r.get(8)?;
            let [source, target, place] = match r.get::<_, Option<String>>(17)? {
                Some(chains) => decode_chains(&chains),
                // Stored before chains were: each side is its own key.
                None => [12, 13, 2].map(|c| {
                    r.get::<_, Option<String>>(c)
                        .ok()
                        .flatten()
                        .into_iter()
                        .collect()
                }),
            };
            Ok((
                StoryEvent {
                    id: r.get(0)?,
                    ty: r.get(10)?,
                    modality: r.get(11)?,
                    mode: r.get(18)?,
                    source,
                    target,
                    place,
                    date: r.get(1)?,
                    article: r.get(3)?,
                    article_id: r.get(4)?,
                    ord: r.get(5)?,
                    published: r.get(6)?,
                    outlet: outlet_of(outlet.as_deref(), url.as_deref()),
                    intensity: r.get(9)?,
                    context: Vec::new(),
                    figures: r
                        .get::<_, Option<String>>(19)?
                        .map_or_else(Vec::new, |t| figures::tolls(&t)),
                },
                Shared {
                    ty: r.get(10)?,
                    cameo: r.get(14)?,
                    quad_class: r.get(15)?,
                },
                r.get(16)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    // Events without a time are joined by what else their articles name:
    // read for every event of a group that has one.
    if events.iter().all(|(e, _, _)| timed(e)) {
        return Ok(events);
    }
    let mut context =
        tx.prepare_cached("SELECT key FROM article_entities WHERE article = ?1 ORDER BY key")?;
    for (e, _, _) in events.iter_mut() {
        e.context = context
            .query_map([e.article], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
    }
    Ok(events)
}

/// Rebuilds the stories of one group from its events. A story keeps its
/// row (and id) when one of its events already belonged to it, and only
/// the events that change story are written: a batch that adds a few
/// reports to a large group rewrites a few rows, not the whole group.
fn regroup(tx: &Transaction<'_>, grp: &str) -> Result<()> {
    let events = group_events(tx, grp)?;
    let mut unclaimed: BTreeSet<i64> = tx
        .prepare_cached("SELECT id FROM stories WHERE grp = ?1")?
        .query_map([grp], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let story_events: Vec<StoryEvent> = events.iter().map(|e| e.0.clone()).collect();
    for figures in cluster(&story_events) {
        let first = &events[figures.members[0]];
        let kept = figures
            .members
            .iter()
            .filter_map(|&m| events[m].2)
            .find(|id| unclaimed.contains(id));
        let disagreements = serde_json::to_string(&figures.disagreements)?;
        let values = params![
            grp,
            first.1.ty,
            figures.modality,
            figures.source,
            figures.target,
            figures.location,
            figures.date,
            figures.date_last,
            first.1.cameo,
            first.1.quad_class,
            figures.intensity,
            figures.members.len() as i64,
            figures.articles as i64,
            figures.outlets as i64,
            figures.first_reported,
            figures.last_reported,
            disagreements,
        ];
        let story = match kept {
            Some(id) => {
                unclaimed.remove(&id);
                let mut with_id = values.to_vec();
                with_id.push(&id);
                tx.prepare_cached(
                    "UPDATE stories SET grp = ?1, type = ?2, modality = ?3, source = ?4,
                        target = ?5, location = ?6, date = ?7, date_last = ?8, cameo = ?9,
                        quad_class = ?10, intensity = ?11, mentions = ?12, articles = ?13,
                        outlets = ?14, first_reported = ?15, last_reported = ?16,
                        disagreements = ?17
                     WHERE id = ?18",
                )?
                .execute(with_id.as_slice())?;
                id
            }
            None => {
                tx.prepare_cached(
                    "INSERT INTO stories (grp, type, modality, source, target, location, date,
                                          date_last, cameo, quad_class, intensity, mentions,
                                          articles, outlets, first_reported, last_reported,
                                          disagreements)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
                )?
                .execute(values)?;
                tx.last_insert_rowid()
            }
        };
        for &m in &figures.members {
            if events[m].2 != Some(story) {
                tx.prepare_cached("UPDATE events SET story = ?1 WHERE id = ?2")?
                    .execute(params![story, events[m].0.id])?;
            }
        }
    }
    for id in unclaimed {
        tx.prepare_cached("DELETE FROM stories WHERE id = ?1")?
            .execute([id])?;
    }
    Ok(())
}

/// Makes every word of `text` a quoted FTS5 term: all must appear.
fn fts_terms(text: &str) -> String {
    text.split_whitespace()
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(" ")
}

impl Store for SqliteStore {
    fn ingest(&mut self, batch: &[NewArticle<'_>]) -> Result<IngestOutcome> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let version = data_version(&tx)?;
        // Taken out: a batch that fails leaves no half-learnt registry.
        let mut people = match self.people.take() {
            Some((seen, people)) if seen == version => people,
            _ => load_people(&tx)?,
        };
        let mut outcome = IngestOutcome::default();
        let mut touched: BTreeSet<String> = BTreeSet::new();
        let mut registered = Registered::default();
        for article in batch {
            let hash = content_hash(article.text);
            let record = settle(article.record, &people);
            let Some((events, groups)) =
                insert_article(&tx, article.text, &record, &hash, &mut registered)?
            else {
                let dup = duplicate_of(
                    &tx,
                    &article.record.id,
                    clean_url(article.record.url.as_deref()),
                    &hash,
                )?
                .ok_or(Error::Sqlite(rusqlite::Error::StatementChangedRows(0)))?;
                outcome.duplicates.push(dup);
                continue;
            };
            for key in taught(&record) {
                people.learn(key);
                tx.prepare_cached("INSERT INTO people (key) VALUES (?1) ON CONFLICT DO NOTHING")?
                    .execute([key])?;
            }
            outcome.stored += 1;
            outcome.events += events;
            touched.extend(groups);
        }
        registered.write(&tx)?;
        for grp in &touched {
            regroup(&tx, grp)?;
        }
        outcome.regrouped = touched.len();
        tx.commit()?;
        self.people = Some((version, people));
        Ok(outcome)
    }

    fn find_duplicate(&self, id: &str, url: Option<&str>, text: &str) -> Result<Option<Duplicate>> {
        duplicate_of(&self.conn, id, clean_url(url), &content_hash(text))
    }

    fn rebuild_stories(&mut self) -> Result<usize> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let groups: Vec<String> = tx
            .prepare("SELECT DISTINCT grp FROM events ORDER BY grp")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        tx.execute("DELETE FROM stories", [])?;
        tx.execute("UPDATE events SET story = NULL", [])?;
        for grp in &groups {
            regroup(&tx, grp)?;
        }
        let stories = count(&tx, "SELECT count(*) FROM stories")?;
        tx.commit()?;
        Ok(stories as usize)
    }

    fn counts(&self) -> Result<Counts> {
        self.snapshot(|| {
            let c = |table: &str| count(&self.conn, &format!("SELECT count(*) FROM {table}"));
            let total = |column: &str| {
                count(
                    &self.conn,
                    &format!("SELECT coalesce(sum({column}), 0) FROM articles"),
                )
            };
            Ok(Counts {
                articles: c("articles")?,
                mentions: total("mention_count")?,
                entities: c("entities")?,
                variants: c("entity_variants")?,
                documents: c("article_entities")?,
                roles: c("roles")?,
                dates: total("date_count")?,
                quotes: c("quotes")?,
                relays: c("quote_relays")?,
                events: c("events")?,
                evidence: c("event_evidence")?,
                figures: c("event_figures")?,
                stories: c("stories")?,
                corroborated: c("stories WHERE articles > 1")?,
                people: c("people")?,
            })
        })
    }

    fn check(&self) -> Result<Vec<String>> {
        // SQLite's check of the full-text index, run on a connection that
        // has read the store before another process committed batches to
        // it, can report the index malformed when a connection opened
        // afresh finds it whole (the readers test saw it in a third of its
        // runs): it counts only when a fresh connection says it too.
        let fts = |p: &String| p.starts_with("malformed inverted index for FTS5");
        let mut problems = self.snapshot(|| self.problems())?;
        if problems.iter().any(fts) {
            if let Some(path) = &self.path {
                let fresh =
                    Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
                if !integrity(&fresh)?.iter().any(fts) {
                    problems.retain(|p| !fts(p));
                }
            }
        }
        Ok(problems)
    }

    fn resolve_keys(&self, keys: &[String]) -> Result<Vec<EntityMatch>> {
        let mut found: BTreeSet<String> = BTreeSet::new();
        for key in keys {
            if self.entity_match(key)?.is_some() {
                found.insert(key.clone());
            }
            if let Some((surname, false)) = Key::parse(key).surname() {
                let mut stmt = self.conn.prepare_cached(
                    "SELECT key FROM entities WHERE type = 'PER' AND key LIKE 'per:%-' || ?1",
                )?;
                let full = stmt.query_map([surname], |r| r.get::<_, String>(0))?;
                for k in full {
                    found.insert(k?);
                }
            }
        }
        self.matches(found)
    }

    fn suggest(&self, name: &str, limit: usize) -> Result<Vec<EntityMatch>> {
        let folded = fold(name);
        let Some(first) = folded.chars().next() else {
            return Ok(Vec::new());
        };
        // A typo seldom changes the first letter of the word typed.
        let mut stmt = self.conn.prepare_cached(
            "SELECT key, folded FROM entity_variants
             WHERE substr(folded, 1, 1) = ?1 OR instr(folded, ' ' || ?1) > 0",
        )?;
        let mut rows = stmt.query([first.to_string()])?;
        let mut best: HashMap<String, usize> = HashMap::new();
        let allowed = (folded.chars().count() / 4).max(1);
        while let Some(r) = rows.next()? {
            let (key, variant): (String, String) = (r.get(0)?, r.get(1)?);
            let distance = std::iter::once(variant.as_str())
                .chain(variant.split(' '))
                .map(|v| strsim::levenshtein(&folded, v))
                .min()
                .unwrap_or(usize::MAX);
            if distance <= allowed {
                let d = best.entry(key).or_insert(distance);
                *d = (*d).min(distance);
            }
        }
        let mut ranked: Vec<(usize, EntityMatch)> = Vec::new();
        for (key, d) in best {
            if let Some(m) = self.entity_match(&key)? {
                ranked.push((d, m));
            }
        }
        ranked.sort_by(|(da, a), (db, b)| {
            da.cmp(db)
                .then_with(|| b.articles.cmp(&a.articles))
                .then_with(|| a.key.cmp(&b.key))
        });
        Ok(ranked.into_iter().take(limit).map(|(_, m)| m).collect())
    }

    fn resolve(&self, name: &str) -> Result<Vec<EntityMatch>> {
        let folded = fold(name);
        if folded.is_empty() {
            return Ok(Vec::new());
        }
        let keys = |sql: &str, arg: &str| -> Result<Vec<String>> {
            Ok(self
                .conn
                .prepare_cached(sql)?
                .query_map([arg], |r| r.get(0))?
                .collect::<rusqlite::Result<Vec<String>>>()?)
        };
        let mut found = keys(
            "SELECT DISTINCT key FROM entity_variants WHERE folded = ?1",
            &folded,
        )?;
        if found.is_empty() {
            found = keys("SELECT key FROM entities WHERE key = ?1", name.trim())?;
        }
        if found.is_empty() {
            found = keys(
                "SELECT key FROM entities WHERE key = ?1",
                &folded.replace(' ', "-"),
            )?;
        }
        if found.is_empty() {
            let padded = format!(" {folded} ");
            let mut within: BTreeSet<String> = BTreeSet::new();
            let mut stmt = self.conn.prepare_cached(
                "SELECT key, folded FROM entity_variants WHERE folded LIKE '%' || ?1 || '%'",
            )?;
            let mut rows = stmt.query([&folded])?;
            while let Some(r) = rows.next()? {
                let (key, variant): (String, String) = (r.get(0)?, r.get(1)?);
                if format!(" {variant} ").contains(&padded) {
                    within.insert(key);
                }
            }
            found = within.into_iter().collect();
        }
        self.matches(found)
    }

    fn entity(&self, key: &str) -> Result<Option<EntityReport>> {
        self.snapshot(|| {
            let Some(entity) = self.entity_match(key)? else {
                return Ok(None);
            };
            let (mentions, lat, lon, country, geonames_id): (
                i64,
                Option<f64>,
                Option<f64>,
                Option<String>,
                Option<i64>,
            ) = self.conn.query_row(
                "SELECT mentions, lat, lon, country, geonames_id FROM entities WHERE key = ?1",
                [key],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )?;
            let variants = self
                .conn
                .prepare("SELECT variant, count FROM entity_variants WHERE key = ?1 ORDER BY count DESC, variant")?
                .query_map([key], |r| {
                    Ok(Variant {
                        text: r.get(0)?,
                        count: r.get::<_, i64>(1)? as u64,
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let raw_titles: Vec<(String, String, Option<String>, i64)> = self
                .conn
                .prepare(
                    "SELECT min(title), kind, of_key, count(DISTINCT article) AS n FROM roles WHERE key = ?1
                     GROUP BY lower(title), kind, of_key ORDER BY n DESC, min(title)",
                )?
                .query_map([key], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let mut titles = Vec::new();
            for (title, kind, of, n) in raw_titles {
                titles.push(Title {
                    title,
                    kind,
                    of: self.actor(of)?,
                    articles: n as u64,
                });
            }
            let co_occurring = self
                .conn
                .prepare(
                    "SELECT e.key, e.name, e.type, e.articles, count(DISTINCT b.article) AS n
                     FROM article_entities a
                     JOIN article_entities b ON b.article = a.article AND b.key != a.key
                     JOIN entities e ON e.key = b.key
                     WHERE a.key = ?1
                     GROUP BY e.key ORDER BY n DESC, e.articles DESC, e.key LIMIT 15",
                )?
                .query_map([key], |r| {
                    Ok(CoEntity {
                        entity: entity_match_row(r)?,
                        shared_articles: r.get::<_, i64>(4)? as u64,
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let events = self.conn.query_row(
                "SELECT count(*) FROM events WHERE source = ?1 OR target = ?1",
                [key],
                |r| r.get::<_, i64>(0),
            )? as u64;
            let (first_seen, last_seen): (Option<String>, Option<String>) = self.conn.query_row(
                "SELECT min(a.published), max(a.published) FROM articles a
                 WHERE a.seq IN (SELECT article FROM article_entities WHERE key = ?1)",
                [key],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            Ok(Some(EntityReport {
                entity,
                mentions: mentions as u64,
                variants,
                titles,
                co_occurring,
                events,
                first_seen,
                last_seen,
                lat,
                lon,
                country,
                geonames_id: geonames_id.map(|v| v as u64),
            }))
        })
    }

    fn timeline(&self, key: &str) -> Result<Vec<Story>> {
        self.snapshot(|| {
            self.story_rows(
                &format!(
                    "SELECT {STORY_COLUMNS} FROM stories
                     WHERE source = ?1 OR target = ?1 OR location = ?1
                     ORDER BY coalesce(date, first_reported) IS NULL, coalesce(date, first_reported), id"
                ),
                &[&key],
            )
        })
    }

    fn events(&self, filter: &EventFilter) -> Result<Vec<EventRow>> {
        self.snapshot(|| {
            let ty = filter.ty.as_ref().map(|t| t.trim().to_uppercase());
            let limit = filter.limit.map_or(-1, |l| l as i64);
            let mut stmt = self.conn.prepare(EVENTS_QUERY)?;
            let found: Vec<FoundEvent> = stmt
                .query_map(
                    params![
                        ty,
                        filter.actor,
                        filter.place,
                        filter.from,
                        filter.to,
                        limit
                    ],
                    FoundEvent::read,
                )?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let mut rows = Vec::with_capacity(found.len());
            for f in found {
                rows.push(EventRow {
                    id: f.id,
                    article: f.article,
                    outlet: f.outlet,
                    url: f.url,
                    published: f.published,
                    ty: f.ty,
                    mode: f.mode,
                    modality: f.modality,
                    source: self.actor(f.source)?,
                    target: self.actor(f.target)?,
                    location: self.actor(f.location)?,
                    date: f.date,
                    cameo: f.cameo,
                    quad_class: f.quad as u8,
                    intensity: f.intensity,
                    evidence: f.evidence.unwrap_or_default(),
                    figures: figures::of_event(&self.conn, f.id)?,
                    corroboration: Corroboration {
                        story: f.story.unwrap_or(0),
                        articles: f.articles.unwrap_or(1) as u64,
                        outlets: f.outlets.unwrap_or(0) as u64,
                        first_reported: f.first,
                        last_reported: f.last,
                    },
                });
            }
            Ok(rows)
        })
    }

    fn stories(&self, min_articles: u64, limit: Option<usize>) -> Result<Vec<Story>> {
        self.snapshot(|| {
            let limit = limit.map_or(-1, |l| l as i64);
            self.story_rows(
                &format!(
                    "SELECT {STORY_COLUMNS} FROM stories WHERE articles >= ?1
                     ORDER BY articles DESC, outlets DESC, coalesce(date, first_reported) IS NULL,
                              coalesce(date, first_reported), id
                     LIMIT ?2"
                ),
                &[&(min_articles as i64), &limit],
            )
        })
    }

    fn search(&self, query: &str, raw: bool, limit: usize) -> Result<Vec<SearchHit>> {
        crate::check_search(query)?;
        let limit = limit.min(crate::MAX_SEARCH_HITS);
        let q = if raw {
            query.trim().to_string()
        } else {
            fts_terms(query)
        };
        if q.is_empty() {
            return Ok(Vec::new());
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id, a.outlet, a.url, a.published,
                    snippet(article_text, 0, '[', ']', '…', 16), bm25(article_text),
                    json_extract(a.record, '$.title'), substr(a.text, 1, 400)
             FROM article_text JOIN articles a ON a.seq = article_text.rowid
             WHERE article_text MATCH ?1
             ORDER BY bm25(article_text), a.id
             LIMIT ?2",
        )?;
        let hits = stmt
            .query_map(params![q, limit as i64], |r| {
                let title: Option<String> = r.get(6)?;
                Ok(SearchHit {
                    title: crate::headline::headline(title.as_deref(), &r.get::<_, String>(7)?),
                    article: r.get(0)?,
                    outlet: r.get(1)?,
                    url: r.get(2)?,
                    published: r.get(3)?,
                    snippet: r.get::<_, String>(4)?.replace('\n', " "),
                    rank: r.get(5)?,
                })
            })
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>());
        hits.map_err(|e| match e {
            // SQLITE_ERROR from MATCH: the query could not be parsed.
            rusqlite::Error::SqliteFailure(f, Some(msg)) if f.extended_code == 1 => {
                Error::Query(format!("{query:?}: {msg}"))
            }
            other => other.into(),
        })
    }

    fn records(&self, each: &mut dyn FnMut(&str) -> io::Result<()>) -> Result<()> {
        self.snapshot(|| {
            let mut stmt = self
                .conn
                .prepare("SELECT record FROM articles ORDER BY seq")?;
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                let json: String = row.get(0)?;
                each(&json)?;
            }
            Ok(())
        })
    }
}
