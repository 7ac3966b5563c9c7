//! # depeche-entities: people, organisations, places and other names
//!
//! A rule-based recogniser over the text layer's tokens, built from data:
//! gazetteers (GeoNames places, countries, regions, organisations), name
//! lists (given names, surnames), common-word lists (to tell "Une" at a
//! sentence's start from a name), and per-language tables of titles,
//! demonyms, ministry domains and the head words of organisation and event
//! names. No model is downloaded; every rule is a function of the tables.
//!
//! It works in three passes:
//! 1. **spans** ([`spans`]): at each token, the longest of a pattern
//!    (ministries, organisation and event names built on a head word), a
//!    known name, or a run of capitalised words;
//! 2. **typing**: known names keep their table's type; other runs are typed
//!    from evidence: a title before or after or a given name (PER), a head
//!    word ending the name (ORG, MISC), a noun before it or in apposition
//!    ("le quotidien X", "the town of X", "X, an opposition party"), an
//!    acronym (ORG), a place cue or a list of places (LOC), an article
//!    before it (not a person). A run of common words with no evidence is
//!    no name; only an unknown name with no evidence at all defaults to PER;
//! 3. **document consistency** ([`document`]): a surname alone joins the
//!    full name seen elsewhere in the article, an acronym in parentheses
//!    joins its expansion, the same words name the same entity.
//!
//! Output: [`Mention`]s (stand-off spans of the view) and [`Entity`]s with
//! the key a table gives (others are keyed by the `link` stage), titles and
//! roles. Never fails: text with no names gives empty lists.

mod document;
mod keys;
mod knowledge;
mod spans;

use depeche_text::{Doc, Entity, Mention, Span};

pub use knowledge::{tongue, world, Known, Place, Source};

/// The names an article speaks of.
#[derive(Debug, Default)]
pub struct Entities {
    /// Every occurrence, in text order.
    pub mentions: Vec<Mention>,
    /// The entities the mentions name; `key` is empty when no table knows it.
    pub entities: Vec<Entity>,
    /// For each entity, the table entry that named it, if any: read
    /// through [`Entities::table_entry`] and the queries after it.
    pub(crate) known: Vec<Option<Known>>,
}

/// What the tables know of the article's entities: the seam through which
/// linking keys and places them, without the recogniser's internals.
impl Entities {
    /// The table entry entity `e` was recognised by (its key, the table it
    /// comes from, its place), or `None` for a name no table holds.
    pub fn table_entry(&self, e: usize) -> Option<&Known> {
        self.known.get(e).and_then(Option::as_ref)
    }

    /// The table entries of the entities, each entity once.
    pub fn table_entries(&self) -> impl Iterator<Item = &Known> {
        self.known.iter().flatten()
    }

    /// The table entry of each mention's entity, in text order: what the
    /// article names, as often as it names it.
    pub fn mentioned_entries(&self) -> impl Iterator<Item = &Known> {
        self.mentions
            .iter()
            .filter_map(|m| self.table_entry(m.entity))
    }
}

/// Finds the named entities of a document. Words inside `not_names`
/// (dates found by the dates extractor: "June", "Wednesday") are never
/// taken for names unless a table knows them.
pub fn find_entities(doc: &Doc, not_names: &[Span]) -> Entities {
    let mut candidates = spans::find(doc);
    let not_names = AnyOverlap::new(not_names);
    candidates.retain(|c| c.known.is_some() || !not_names.overlaps(&c.span));
    document::resolve(doc, candidates)
}

/// Whether a span overlaps one of many, asked once a candidate: the
/// spans sorted by start with the furthest end so far, so that each
/// question is one binary search, not a scan of them all (a long article
/// has thousands of dates and of candidates).
struct AnyOverlap {
    sorted: Vec<Span>,
    furthest: Vec<usize>,
}

impl AnyOverlap {
    fn new(spans: &[Span]) -> Self {
        let mut sorted = spans.to_vec();
        sorted.sort_by_key(|s| s.start);
        let furthest = sorted
            .iter()
            .scan(0, |end, s| {
                *end = s.end.max(*end);
                Some(*end)
            })
            .collect();
        AnyOverlap { sorted, furthest }
    }

    /// Whether one of the spans overlaps `span`.
    fn overlaps(&self, span: &Span) -> bool {
        let before = self.sorted.partition_point(|s| s.start < span.end);
        before > 0 && self.furthest[before - 1] > span.start
    }
}

#[cfg(test)]
mod tests;
