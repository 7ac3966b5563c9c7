//! Read-only browsing for `depeche serve`: a read-only way to open the
//! file, articles page by page and one by one with their annotations, one
//! story, and the network of entities that share stories with an entity.
//! New methods only, beside the [`Store`] trait's queries.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use depeche_model::{Evidence, FigureOut, Record};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use super::{SqliteStore, STORY_COLUMNS};
use crate::{Actor, EntityMatch, Result, Store, Story};

/// One stored article, without its text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ArticleSummary {
    /// Article id.
    pub id: String,
    /// Address.
    pub url: Option<String>,
    /// Outlet.
    pub outlet: Option<String>,
    /// Publication date.
    pub published: Option<String>,
    /// Language code.
    pub lang: String,
    /// The text's first line, at most 200 characters.
    pub title: String,
    /// Mentions of names in it.
    pub mentions: u64,
    /// Events it reports.
    pub events: u64,
}

/// One event of an article, as stored: with its row id and story.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ArticleEvent {
    /// The event's row id.
    pub id: i64,
    /// Its position in the article's record (`record.events[ord]`).
    pub ord: u64,
    /// The story it belongs to.
    pub story: Option<i64>,
    /// PLOVER type.
    #[serde(rename = "type")]
    pub ty: String,
    /// Modality.
    pub modality: String,
    /// Who acts.
    pub source: Option<Actor>,
    /// Whom it is done to.
    pub target: Option<Actor>,
    /// Where.
    pub location: Option<Actor>,
    /// When.
    pub date: Option<String>,
    /// The words that report it, as in the record.
    pub evidence: Vec<Evidence>,
    /// How many it killed, injured, arrested, displaced or gathered, as
    /// in the record (left out when none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub figures: Vec<FigureOut>,
}

/// One stored article with its text, its record and its stored events.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ArticleDetail {
    /// Id, address, outlet, date, language, title and counts.
    #[serde(flatten)]
    pub summary: ArticleSummary,
    /// The original text: every offset counts its code points.
    pub text: String,
    /// The record `extract` wrote for it (mentions, entities, dates,
    /// quotes, events...).
    pub record: Record,
    /// Its events with their row ids and stories, in record order.
    pub events: Vec<ArticleEvent>,
}

/// An entity in a network, with how much it shares with the centre.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NetworkNode {
    /// Key, name, type and article count.
    #[serde(flatten)]
    pub entity: EntityMatch,
    /// Stories it shares with the centre entity.
    pub stories: u64,
    /// Events (mentions of those stories) it shares with the centre.
    pub events: u64,
}

/// Two entities of a network that take part in the same stories.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NetworkLink {
    /// One key.
    pub a: String,
    /// The other key.
    pub b: String,
    /// Stories both take part in.
    pub stories: u64,
    /// Events of those stories.
    pub events: u64,
}

/// The entities that share stories (as source, target or place) with one
/// entity, and the links among all of them.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Network {
    /// The entity at the centre.
    pub center: EntityMatch,
    /// The others, most shared first.
    pub nodes: Vec<NetworkNode>,
    /// Pairs of entities (the centre included) that share stories.
    pub links: Vec<NetworkLink>,
}

/// A check a query calls now and then while it runs; when it answers
/// `true` the query stops with [`crate::Error::Interrupted`]. A server uses
/// it to free a connection whose request has timed out or gone.
pub type Stop = Box<dyn FnMut() -> bool + Send>;

/// How many SQLite virtual-machine steps run between two calls of a
/// [`Stop`]: few, as one step can be long (a search's snippet of a long
/// article is one step), so a [`Stop`] should be cheap (a flag to read).
const STEPS_BETWEEN_CHECKS: i32 = 50;

/// Reading the store for browsing: what `depeche serve` needs beyond
/// [`Store`].
pub trait Browse: Store + Send {
    /// Makes every query from now on call `stop` as it runs and stop when
    /// it answers `true`; `None` lets queries run to their end again.
    fn stop_when(&self, stop: Option<Stop>);

    /// How many articles are stored.
    fn article_count(&self) -> Result<u64>;

    /// Articles, latest published first, `limit` of them from `offset`.
    fn articles(&self, offset: u64, limit: u64) -> Result<Vec<ArticleSummary>>;

    /// One article with its text, record and events.
    fn article(&self, id: &str) -> Result<Option<ArticleDetail>>;

    /// One story with its sources.
    fn story(&self, id: i64) -> Result<Option<Story>>;

    /// The entities sharing stories with `key`, at most `limit` of them,
    /// and the links among them.
    fn network(&self, key: &str, limit: usize) -> Result<Option<Network>>;
}

const SUMMARY_COLUMNS: &str = "a.id, a.url, a.outlet, a.published, a.lang,
    substr(a.text, 1, 400),
    a.mention_count,
    (SELECT count(*) FROM events WHERE article = a.seq)";

fn summary_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ArticleSummary> {
    let head: String = r.get(5)?;
    let first = head.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let title: String = first.trim().chars().take(200).collect();
    Ok(ArticleSummary {
        id: r.get(0)?,
        url: r.get(1)?,
        outlet: r.get(2)?,
        published: r.get(3)?,
        lang: r.get(4)?,
        title,
        mentions: r.get::<_, i64>(6)? as u64,
        events: r.get::<_, i64>(7)? as u64,
    })
}

impl Browse for SqliteStore {
    fn stop_when(&self, stop: Option<Stop>) {
        match stop {
            Some(stop) => self.conn.progress_handler(STEPS_BETWEEN_CHECKS, Some(stop)),
            None => self.conn.progress_handler(0, None::<Stop>),
        }
    }

    fn article_count(&self) -> Result<u64> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM articles", [], |r| r.get::<_, i64>(0))?
            as u64)
    }

    fn articles(&self, offset: u64, limit: u64) -> Result<Vec<ArticleSummary>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {SUMMARY_COLUMNS} FROM articles a
             ORDER BY a.published IS NULL, a.published DESC, a.id LIMIT ?1 OFFSET ?2"
        ))?;
        let rows = stmt
            .query_map(
                params![
                    limit.min(i64::MAX as u64) as i64,
                    offset.min(i64::MAX as u64) as i64
                ],
                summary_row,
            )?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    fn article(&self, id: &str) -> Result<Option<ArticleDetail>> {
        self.snapshot(|| {
            let found = self
                .conn
                .prepare_cached(&format!(
                    "SELECT {SUMMARY_COLUMNS}, a.seq, a.text, a.record FROM articles a WHERE a.id = ?1"
                ))?
                .query_row([id], |r| {
                    Ok((
                        summary_row(r)?,
                        r.get::<_, i64>(8)?,
                        r.get::<_, String>(9)?,
                        r.get::<_, String>(10)?,
                    ))
                })
                .optional()?;
            let Some((summary, seq, text, record)) = found else {
                return Ok(None);
            };
            let record: Record = serde_json::from_str(&record)?;
            type Raw = (
                i64,
                i64,
                Option<i64>,
                String,
                String,
                Option<String>,
                Option<String>,
                Option<String>,
                Option<String>,
            );
            let raw: Vec<Raw> = self
                .conn
                .prepare_cached(
                    "SELECT id, ord, story, type, modality, source, target, location, date
                     FROM events WHERE article = ?1 ORDER BY ord",
                )?
                .query_map([seq], |r| {
                    Ok((
                        r.get(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                        r.get(6)?,
                        r.get(7)?,
                        r.get(8)?,
                    ))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let mut events = Vec::with_capacity(raw.len());
            for (id, ord, story, ty, modality, source, target, location, date) in raw {
                let evidence = self
                    .conn
                    .prepare_cached(
                        "SELECT cp_start, cp_end, text FROM event_evidence WHERE event = ?1 ORDER BY pos",
                    )?
                    .query_map([id], |r| {
                        Ok(Evidence {
                            start: r.get::<_, i64>(0)? as usize,
                            end: r.get::<_, i64>(1)? as usize,
                            text: r.get(2)?,
                        })
                    })?
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                events.push(ArticleEvent {
                    id,
                    ord: ord as u64,
                    story,
                    ty,
                    modality,
                    source: self.actor(source)?,
                    target: self.actor(target)?,
                    location: self.actor(location)?,
                    date,
                    evidence,
                    figures: super::figures::of_event(&self.conn, id)?,
                });
            }
            Ok(Some(ArticleDetail {
                summary,
                text,
                record,
                events,
            }))
        })
    }

    fn story(&self, id: i64) -> Result<Option<Story>> {
        self.snapshot(|| {
            let mut found = self.story_rows(
                &format!("SELECT {STORY_COLUMNS} FROM stories WHERE id = ?1"),
                &[&id],
            )?;
            Ok(found.pop())
        })
    }

    fn network(&self, key: &str, limit: usize) -> Result<Option<Network>> {
        self.snapshot(|| {
            let Some(center) = self.entity_match(key)? else {
                return Ok(None);
            };
            // Every story of an entity: (id, events, participants).
            let stories_of = |k: &str| -> Result<Vec<(i64, u64, BTreeSet<String>)>> {
                let rows = self
                    .conn
                    .prepare_cached(
                        "SELECT id, mentions, source, target, location FROM stories
                         WHERE source = ?1 OR target = ?1 OR location = ?1",
                    )?
                    .query_map([k], |r| {
                        let parts: [Option<String>; 3] = [r.get(2)?, r.get(3)?, r.get(4)?];
                        let parts: BTreeSet<String> = parts.into_iter().flatten().collect();
                        Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)? as u64, parts))
                    })?
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                Ok(rows)
            };
            let mut shared: HashMap<String, (u64, u64)> = HashMap::new();
            for (_, events, parts) in stories_of(key)? {
                for p in parts.iter().filter(|p| p.as_str() != key) {
                    let e = shared.entry(p.clone()).or_default();
                    e.0 += 1;
                    e.1 += events;
                }
            }
            let mut nodes = Vec::new();
            for (k, (stories, events)) in shared {
                if let Some(entity) = self.entity_match(&k)? {
                    nodes.push(NetworkNode {
                        entity,
                        stories,
                        events,
                    });
                }
            }
            nodes.sort_by(|a, b| {
                b.stories
                    .cmp(&a.stories)
                    .then(b.events.cmp(&a.events))
                    .then_with(|| a.entity.key.cmp(&b.entity.key))
            });
            nodes.truncate(limit);
            // Links among the centre and the nodes kept, from each one's stories.
            let keep: BTreeSet<&str> = nodes
                .iter()
                .map(|n| n.entity.key.as_str())
                .chain([key])
                .collect();
            let mut seen: BTreeSet<i64> = BTreeSet::new();
            let mut links: BTreeMap<(String, String), (u64, u64)> = BTreeMap::new();
            for k in &keep {
                for (id, events, parts) in stories_of(k)? {
                    if !seen.insert(id) {
                        continue;
                    }
                    let inside: Vec<&String> =
                        parts.iter().filter(|p| keep.contains(p.as_str())).collect();
                    for (i, a) in inside.iter().enumerate() {
                        for b in &inside[i + 1..] {
                            let e = links.entry(((*a).clone(), (*b).clone())).or_default();
                            e.0 += 1;
                            e.1 += events;
                        }
                    }
                }
            }
            let links = links
                .into_iter()
                .map(|((a, b), (stories, events))| NetworkLink {
                    a,
                    b,
                    stories,
                    events,
                })
                .collect();
            Ok(Some(Network {
                center,
                nodes,
                links,
            }))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_store_browses_to_nothing() {
        let store = SqliteStore::in_memory().unwrap();
        assert_eq!(store.article_count().unwrap(), 0);
        assert!(store.articles(0, 10).unwrap().is_empty());
        assert!(store.article("nope").unwrap().is_none());
        assert!(store.story(1).unwrap().is_none());
        assert!(store.network("nope", 10).unwrap().is_none());
    }

    #[test]
    fn read_only_open_refuses_a_missing_file() {
        let dir = std::env::temp_dir().join(format!("depeche-browse-{}", std::process::id()));
        let err = SqliteStore::open_read_only(&dir.join("missing.db")).unwrap_err();
        assert!(err.to_string().contains("no store there"), "{err}");
    }
}
