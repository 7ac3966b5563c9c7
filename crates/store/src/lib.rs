//! # depeche-store: records in one file, to query across articles
//!
//! The store keeps what `depeche-extract` found in each article:
//! the article itself (id, address, outlet, publication date, language,
//! text and a content hash), its mentions, dates, quotes with their relay
//! chains and PLOVER events with their evidence, and a registry of entities
//! by global key with every spelling seen and how often, and the articles
//! that name each. Events that several articles report about the same real
//! event are joined into **stories** (see [`stories`]), so each event
//! carries how many articles and how many distinct outlets report it, and
//! when it was first and last reported.
//!
//! Storage is behind the [`Store`] trait. [`SqliteStore`] is the one
//! implementation: a single SQLite file in WAL mode, a versioned schema
//! migrated through `PRAGMA user_version`, FTS5 over article text, one
//! transaction per batch so that a killed run leaves only whole articles.
//! [`SqliteStore::in_memory`] is its twin for tests; callers hold a
//! `dyn Store` and never see SQL.
//!
//! Invariants:
//! - **Idempotent.** An article whose id, address or content hash is
//!   already stored adds nothing ([`IngestOutcome::duplicates`] says why).
//! - **Whole articles only.** Each [`Store::ingest`] call is one
//!   transaction: an article is stored with all its annotations or not at
//!   all, and stories are regrouped in the same transaction.
//! - **One person, one key, whatever the threads.** A surname alone takes
//!   the full name an article stored before it gave ([`people`]), in input
//!   order, so a store does not depend on how its articles were extracted.
//! - **Deterministic stories.** Stories depend only on the set of stored
//!   events, not on the order or the batches they came in.

mod error;
pub mod export;
pub mod filter;
pub mod fold;
pub mod gdelt;
pub mod hash;
pub mod headline;
pub mod people;
mod schema;
mod sqlite;
pub mod stories;
#[cfg(test)]
mod tests;

use std::io;

use depeche_model::{FigureOut, Record};
use serde::Serialize;

pub use error::{Error, Result};
pub use schema::SCHEMA_VERSION;
pub use sqlite::browse::{
    ArticleDetail, ArticleEvent, ArticleSummary, Browse, Network, NetworkLink, NetworkNode, Stop,
};
pub use sqlite::SqliteStore;
pub use stories::{Disagreement, Version};

/// Most words a search may have: a full-text query costs more than in
/// proportion to its words (each word is matched and highlighted in every
/// hit), and no one types more to find an article.
pub const MAX_SEARCH_WORDS: usize = 32;

/// Longest search query, in bytes.
pub const MAX_SEARCH_BYTES: usize = 512;

/// Most articles one search returns: each hit's snippet costs as much as
/// the query's words.
pub const MAX_SEARCH_HITS: usize = 200;

/// Refuses a search query too long to answer in bounded time (more than
/// [`MAX_SEARCH_WORDS`] words or [`MAX_SEARCH_BYTES`] bytes), with a
/// message that says the limit. [`Store::search`] calls it; a caller may
/// call it first to refuse before waiting for a connection.
pub fn check_search(query: &str) -> Result<()> {
    let query = query.trim();
    if query.len() > MAX_SEARCH_BYTES {
        return Err(Error::Query(format!(
            "the query has {} bytes, more than the {MAX_SEARCH_BYTES} a search may have",
            query.len()
        )));
    }
    let words = query.split_whitespace().count();
    if words > MAX_SEARCH_WORDS {
        return Err(Error::Query(format!(
            "the query has {words} words, more than the {MAX_SEARCH_WORDS} a search may have"
        )));
    }
    Ok(())
}

/// How many articles [`Store::ingest`] is meant to receive at a time by
/// default: one transaction each.
pub const DEFAULT_BATCH: usize = 500;

/// An article to store: its original text and the record extracted from it.
#[derive(Clone, Copy, Debug)]
pub struct NewArticle<'a> {
    /// The article's text, exactly as read.
    pub text: &'a str,
    /// What `depeche-extract` made of it.
    pub record: &'a Record,
}

/// Why an article was not stored again.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Duplicate {
    /// The id of the article that was offered.
    pub id: String,
    /// The id of the stored article it duplicates.
    pub existing: String,
    /// `id`, `url` or `content`: what they share.
    pub reason: &'static str,
}

/// What one call to [`Store::ingest`] did.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct IngestOutcome {
    /// Articles stored.
    pub stored: usize,
    /// Articles already in the store (or earlier in the same batch).
    pub duplicates: Vec<Duplicate>,
    /// Events added.
    pub events: usize,
    /// Story groups regrouped.
    pub regrouped: usize,
}

/// How many rows of each kind the store holds.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Articles.
    pub articles: u64,
    /// Mentions of names.
    pub mentions: u64,
    /// Entities in the registry (global keys).
    pub entities: u64,
    /// Distinct spellings in the registry.
    pub variants: u64,
    /// (article, entity) pairs: which articles name which entity.
    pub documents: u64,
    /// Titles and roles held.
    pub roles: u64,
    /// Dates.
    pub dates: u64,
    /// Quotes.
    pub quotes: u64,
    /// Links of quote relay chains.
    pub relays: u64,
    /// Events.
    pub events: u64,
    /// Spans of event evidence.
    pub evidence: u64,
    /// Figures of events (dead, injured, arrested, displaced, crowd).
    pub figures: u64,
    /// Stories: events joined across articles.
    pub stories: u64,
    /// Stories reported by two articles or more.
    pub corroborated: u64,
    /// Full-name person keys known, for surnames alone (see [`people`]).
    pub people: u64,
}

/// An entity, as a name lookup finds it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EntityMatch {
    /// The global key.
    pub key: String,
    /// The fullest name seen.
    pub name: String,
    /// `PER`, `ORG`, `LOC` or `MISC`.
    #[serde(rename = "type")]
    pub ty: String,
    /// How many articles name it.
    pub articles: u64,
}

/// A spelling of an entity and how many mentions use it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Variant {
    /// The words as written.
    pub text: String,
    /// Mentions that use exactly these words.
    pub count: u64,
}

/// A title or role and how often it was given.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Title {
    /// The title as first written.
    pub title: String,
    /// `political`, `military`, `spokesperson`...
    pub kind: String,
    /// The entity the role is held in or for, if named.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub of: Option<Actor>,
    /// How many articles give it.
    pub articles: u64,
}

/// Another entity named in the same articles.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CoEntity {
    /// The other entity.
    #[serde(flatten)]
    pub entity: EntityMatch,
    /// Articles that name both.
    pub shared_articles: u64,
}

/// Everything the store knows about one entity.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EntityReport {
    /// Key, name, type and article count.
    #[serde(flatten)]
    pub entity: EntityMatch,
    /// Mentions of it.
    pub mentions: u64,
    /// Every spelling, most used first.
    pub variants: Vec<Variant>,
    /// Titles and roles, most given first.
    pub titles: Vec<Title>,
    /// Entities named in the same articles, most shared first.
    pub co_occurring: Vec<CoEntity>,
    /// Events it acts in or is the target of.
    pub events: u64,
    /// Earliest publication date of an article that names it.
    pub first_seen: Option<String>,
    /// Latest publication date of an article that names it.
    pub last_seen: Option<String>,
    /// Latitude, for places.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    /// Longitude, for places.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
    /// ISO 3166-1 alpha-2 country, for places.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// GeoNames identifier, for places.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub geonames_id: Option<u64>,
}

/// An entity taking part in an event, with what a map needs.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Actor {
    /// The global key.
    pub key: String,
    /// The fullest name seen.
    pub name: String,
    /// `PER`, `ORG`, `LOC` or `MISC`.
    #[serde(rename = "type")]
    pub ty: String,
    /// Latitude, for places.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    /// Longitude, for places.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
    /// ISO 3166-1 alpha-2 country, for places.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// GeoNames identifier, for places.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub geonames_id: Option<u64>,
}

/// How widely an event is reported: the figures of its story.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Corroboration {
    /// The story the event belongs to.
    pub story: i64,
    /// Articles that report it.
    pub articles: u64,
    /// Distinct outlets that report it (the outlet, else the address's host).
    pub outlets: u64,
    /// Earliest publication date among those articles.
    pub first_reported: Option<String>,
    /// Latest publication date among those articles.
    pub last_reported: Option<String>,
}

/// One stored event, with its article and its corroboration.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EventRow {
    /// The event's row id.
    pub id: i64,
    /// The id of the article that reports it.
    pub article: String,
    /// That article's outlet.
    pub outlet: Option<String>,
    /// That article's address.
    pub url: Option<String>,
    /// That article's publication date.
    pub published: Option<String>,
    /// PLOVER type.
    #[serde(rename = "type")]
    pub ty: String,
    /// PLOVER mode.
    pub mode: Option<String>,
    /// `asserted`, `planned`, `negated`, `hypothetical`, `reported-denied`.
    pub modality: String,
    /// Who acts.
    pub source: Option<Actor>,
    /// Whom it is done to.
    pub target: Option<Actor>,
    /// Where.
    pub location: Option<Actor>,
    /// When: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub date: Option<String>,
    /// CAMEO event code (two to four digits).
    pub cameo: String,
    /// GDELT QuadClass.
    pub quad_class: u8,
    /// -10 (most hostile) to +10.
    pub intensity: f64,
    /// The words that report it, joined.
    pub evidence: String,
    /// How many it killed, injured, arrested, displaced or gathered, as
    /// its article says (left out when it says nothing).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub figures: Vec<FigureOut>,
    /// How widely it is reported.
    pub corroboration: Corroboration,
}

/// Which events to list; every field narrows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EventFilter {
    /// PLOVER type, any case.
    pub ty: Option<String>,
    /// Global key of the source or the target.
    pub actor: Option<String>,
    /// Global key of the location.
    pub place: Option<String>,
    /// Earliest date (the event's, else its article's), `YYYY[-MM[-DD]]`.
    pub from: Option<String>,
    /// Latest date, inclusive, `YYYY[-MM[-DD]]`.
    pub to: Option<String>,
    /// At most this many.
    pub limit: Option<usize>,
}

/// One article's report of a story.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Source {
    /// Article id.
    pub article: String,
    /// Outlet.
    pub outlet: Option<String>,
    /// Address.
    pub url: Option<String>,
    /// Publication date.
    pub published: Option<String>,
    /// The event's own date in that article.
    pub date: Option<String>,
    /// The words that report it.
    pub evidence: String,
    /// The event's modality in that article.
    pub modality: String,
    /// The source's global key in that article.
    pub source: Option<String>,
    /// The target's global key in that article.
    pub target: Option<String>,
    /// The place's global key in that article.
    pub location: Option<String>,
    /// How many the event killed, injured, arrested, displaced or
    /// gathered, as that article says (left out when it says nothing):
    /// what reports of one story may disagree on.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub figures: Vec<FigureOut>,
}

/// What a timeline date stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DateBasis {
    /// The text dates the event itself.
    Event,
    /// The text gives no date: the publication date of the first article
    /// that reports it, as GDELT dates its events.
    Reported,
}

/// When a story happened, as a timeline orders and shows it: the event's
/// own date, else the date it was first reported, saying which.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct When {
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub date: String,
    /// Whether the text gives that date or it is the first report's.
    pub basis: DateBasis,
}

impl When {
    /// The event's date, else the first report's; `None` when neither is
    /// known (undated articles that date nothing).
    pub fn of(date: Option<&str>, first_reported: Option<&str>) -> Option<When> {
        match (date, first_reported) {
            (Some(d), _) => Some(When {
                date: d.to_string(),
                basis: DateBasis::Event,
            }),
            (None, Some(r)) => Some(When {
                date: r.to_string(),
                basis: DateBasis::Reported,
            }),
            (None, None) => None,
        }
    }
}

/// One real event, as reported by one or more articles.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Story {
    /// Story id (stable until its group is regrouped).
    pub id: i64,
    /// PLOVER type.
    #[serde(rename = "type")]
    pub ty: String,
    /// Modality shared by its events.
    pub modality: String,
    /// Who acts.
    pub source: Option<Actor>,
    /// Whom it is done to.
    pub target: Option<Actor>,
    /// Where.
    pub location: Option<Actor>,
    /// When it happened: the earliest date its articles give.
    pub date: Option<String>,
    /// The latest full date its articles give, when it differs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_last: Option<String>,
    /// The date a timeline orders it by: `date`, else the first report's
    /// publication date, labelled; null when there is neither.
    pub when: Option<When>,
    /// CAMEO event code (two to four digits).
    pub cameo: String,
    /// GDELT QuadClass.
    pub quad_class: u8,
    /// Mean intensity of its events.
    pub intensity: f64,
    /// Events joined: mentions of it.
    pub mentions: u64,
    /// Articles and outlets that report it, first and last reported.
    pub corroboration: Corroboration,
    /// Each article's report, earliest published first.
    pub sources: Vec<Source>,
    /// Where its reports differ on the date, the place, a side, the
    /// modality or a figure, with each version and the articles that give
    /// it.
    pub disagreements: Vec<Disagreement>,
}

/// An article that matches a full-text search.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SearchHit {
    /// Article id.
    pub article: String,
    /// What a reader recognises the article by: the headline depeche read
    /// from a page or feed, else the text's first line, shortened.
    pub title: String,
    /// Outlet.
    pub outlet: Option<String>,
    /// Address.
    pub url: Option<String>,
    /// Publication date.
    pub published: Option<String>,
    /// The matching words in context, matches in `[brackets]`.
    pub snippet: String,
    /// BM25 relevance; lower is better.
    pub rank: f64,
}

/// Storage for records: what the CLI and every query goes through.
pub trait Store {
    /// Stores a batch of articles in one transaction and regroups the
    /// stories their events touch. Articles already stored (same id, same
    /// address or same content) are skipped and listed.
    fn ingest(&mut self, batch: &[NewArticle<'_>]) -> Result<IngestOutcome>;

    /// The stored article an article with this id, address or text would
    /// duplicate, if any: lets callers skip extraction for it.
    fn find_duplicate(&self, id: &str, url: Option<&str>, text: &str) -> Result<Option<Duplicate>>;

    /// Regroups every story from scratch (the same result as the
    /// incremental regrouping [`Store::ingest`] does); returns how many
    /// stories there are.
    fn rebuild_stories(&mut self) -> Result<usize>;

    /// Row counts.
    fn counts(&self) -> Result<Counts>;

    /// Problems found by a consistency check: SQLite's integrity check,
    /// each article's rows against its record, events without a story.
    /// Empty when all is well.
    fn check(&self) -> Result<Vec<String>>;

    /// Entities one of whose spellings is `name`, ignoring case, accents
    /// and punctuation (else whose key is `name`, else one of whose
    /// spellings contains `name` as whole words); most named first.
    fn resolve(&self, name: &str) -> Result<Vec<EntityMatch>>;

    /// Entities with one of these global keys (the keys another spelling
    /// of a name gives, in another language or script); a person key with
    /// a surname alone also finds the full names of that surname. Most
    /// named first.
    fn resolve_keys(&self, keys: &[String]) -> Result<Vec<EntityMatch>>;

    /// The entities a name a user typed stands for, most named first: by
    /// its stored spellings, else by the keys `name_keys` gives the name in
    /// any language or script (the language pipeline's, handed over by
    /// whoever has it).
    fn resolve_any(
        &self,
        name: &str,
        name_keys: &dyn Fn(&str) -> Vec<String>,
    ) -> Result<Vec<EntityMatch>> {
        let found = self.resolve(name)?;
        if !found.is_empty() {
            return Ok(found);
        }
        self.resolve_keys(&name_keys(name))
    }

    /// Entities one of whose spellings (or one word of it) is close to
    /// `name`: for a user who mistyped it. Closest first, at most `limit`.
    fn suggest(&self, name: &str, limit: usize) -> Result<Vec<EntityMatch>>;

    /// Everything about the entity with this global key.
    fn entity(&self, key: &str) -> Result<Option<EntityReport>>;

    /// The stories the entity acts in, is the target of or is the place
    /// of, each with its sources, in the order of [`Story::when`] (the
    /// event's date, else its first report's), undated ones last.
    fn timeline(&self, key: &str) -> Result<Vec<Story>>;

    /// Events matching `filter`, in date order.
    fn events(&self, filter: &EventFilter) -> Result<Vec<EventRow>>;

    /// Stories reported by at least `min_articles` articles, most reported
    /// first.
    fn stories(&self, min_articles: u64, limit: Option<usize>) -> Result<Vec<Story>>;

    /// Articles matching `query`, best first, at most `limit` of them and
    /// never more than [`MAX_SEARCH_HITS`]. Unless `raw`, the query is
    /// words that must all appear (accents and case ignored); with `raw`
    /// it is FTS5 query syntax. A query longer than [`check_search`]
    /// allows is an [`Error::Query`].
    fn search(&self, query: &str, raw: bool, limit: usize) -> Result<Vec<SearchHit>>;

    /// Calls `each` with every stored record, as JSON, in the order stored.
    fn records(&self, each: &mut dyn FnMut(&str) -> io::Result<()>) -> Result<()>;
}
