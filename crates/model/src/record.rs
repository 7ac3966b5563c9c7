//! The record depeche writes for each article: every fact with its
//! code-point offsets into the original text. Field names follow the
//! scorer's contract (RECORD.md) and add provenance for users.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::{EntityType, FigureOut, LanguageSource};

/// A span of the original text, in code points, end exclusive.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct SpanOut {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
}

/// Evidence: a span with the words it covers.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct Evidence {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The original words.
    pub text: String,
}

/// One occurrence of a name.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct MentionOut {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The original words.
    pub text: String,
    /// `PER`, `ORG`, `LOC` or `MISC`.
    #[serde(rename = "type")]
    pub ty: EntityType,
    /// The id of the entity in this record (`e1`, `e2`...).
    pub entity: String,
}

/// A title or role held by an entity.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct RoleOut {
    /// The title as written.
    pub title: String,
    /// The kind of role (`political`, `military`, `spokesperson`...).
    pub kind: String,
    /// The entity id the role is held in or for, if named.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub of: Option<String>,
}

/// One real-world entity the article names.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct EntityOut {
    /// The id mentions refer to (`e1`...).
    pub id: String,
    /// Global identity: the same for every spelling in every article.
    pub key: String,
    /// The fullest name the article gives.
    pub name: String,
    /// `PER`, `ORG`, `LOC` or `MISC`.
    #[serde(rename = "type")]
    pub ty: EntityType,
    /// Every distinct spelling in the article.
    pub aliases: Vec<String>,
    /// Titles and roles.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<RoleOut>,
    /// Latitude, for places found in the gazetteer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    /// Longitude, for places found in the gazetteer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
    /// ISO 3166-1 alpha-2 country, for places.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// GeoNames identifier, for places from GeoNames.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub geonames_id: Option<u64>,
}

/// A calendar date the article names.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct DateOut {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The original words.
    pub text: String,
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; null when nothing anchors it.
    pub value: Option<String>,
}

/// A phrase that refers to an entity without naming it: a pronoun, a
/// title used alone, a description, a document, a collective. It is the
/// evidence for every speaker and actor the article names only so.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct ReferenceOut {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The original words.
    pub text: String,
    /// The id of the entity it refers to.
    pub entity: String,
    /// What kind of phrase it is.
    pub kind: ReferenceKind,
}

/// What kind of phrase refers to an entity without naming it.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum ReferenceKind {
    /// A pronoun or possessive ("il", "their").
    Pronoun,
    /// A title used alone ("the president").
    Title,
    /// A description: a person described, or a noun built on a demonym.
    Description,
    /// A document or channel that speaks ("le communiqué").
    Document,
    /// A group noun ("la junte", "the rebels").
    Collective,
}

impl ReferenceKind {
    /// The word records use.
    pub fn label(self) -> &'static str {
        match self {
            ReferenceKind::Pronoun => "pronoun",
            ReferenceKind::Title => "title",
            ReferenceKind::Description => "description",
            ReferenceKind::Document => "document",
            ReferenceKind::Collective => "collective",
        }
    }
}

/// A direct quote.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct QuoteOut {
    /// First code point of the quoted words (inside the marks).
    pub start: usize,
    /// One past the last code point of the quoted words.
    pub end: usize,
    /// The quoted words.
    pub text: String,
    /// The entity id of who said it, if known.
    pub speaker: Option<String>,
    /// The words that attribute it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attribution: Option<Evidence>,
    /// Entity ids of the outlets and channels that relayed it.
    pub via: Vec<String>,
    /// The words that name each relay, in the order of `via`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub via_evidence: Vec<Evidence>,
}

/// An event coded in PLOVER.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct EventOut {
    /// PLOVER event type (`CONSULT`, `ASSAULT`...).
    #[serde(rename = "type")]
    pub ty: String,
    /// PLOVER mode (`visit`, `aerial`...), when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mode: Option<String>,
    /// `asserted`, `planned`, `negated`, `hypothetical` or `reported-denied`.
    pub modality: Modality,
    /// Entity id of who acts.
    pub source: Option<String>,
    /// Entity id of whom it is done to.
    pub target: Option<String>,
    /// Entity id of where.
    pub location: Option<String>,
    /// When: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub date: Option<String>,
    /// CAMEO event code (two to four digits: root, base, full), for
    /// GDELT users.
    pub cameo: String,
    /// GDELT QuadClass (1 verbal cooperation ... 4 material conflict).
    pub quad_class: u8,
    /// PLOVER-style intensity, -10 (most hostile) to +10.
    pub intensity: f32,
    /// The words that report it.
    pub evidence: Vec<Evidence>,
    /// How many it killed, injured, arrested, displaced or gathered, when
    /// the text says so, in text order (records without any leave it out).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub figures: Vec<FigureOut>,
}

/// Everything depeche extracted from one article.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Record {
    /// The article's id, as given.
    pub id: String,
    /// The language the article was read in.
    pub lang: String,
    /// `given`, `detected` or `assumed`.
    pub lang_source: LanguageSource,
    /// The publication date, normalised to `YYYY-MM-DD`, or to `YYYY-MM` or
    /// `YYYY` when the article gives no day; `None` when unreadable.
    pub published: Option<String>,
    /// The article's address, as given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The outlet, as given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    /// The headline depeche read from a page or a feed, when it made the
    /// text itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The text every offset points into, when depeche made it itself (a
    /// page, a feed, a WARC record) or was asked for it (`--with-text`);
    /// absent when the input gave the text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The article's sentences.
    pub sentences: Vec<SpanOut>,
    /// Names found in the text.
    pub mentions: Vec<MentionOut>,
    /// The entities the names refer to.
    pub entities: Vec<EntityOut>,
    /// Calendar dates.
    pub dates: Vec<DateOut>,
    /// Phrases that refer to entities without naming them (records written
    /// before they were found have none).
    #[serde(default)]
    pub references: Vec<ReferenceOut>,
    /// Events coded in PLOVER.
    pub events: Vec<EventOut>,
    /// Direct quotes.
    pub quotes: Vec<QuoteOut>,
    /// Quoted terms of fewer than three words.
    pub quoted_terms: Vec<Evidence>,
    /// Which stages ran over the article (`ran`), by name.
    pub extractors: BTreeMap<String, StageRun>,
    /// What was odd about this article; never fatal.
    pub warnings: Vec<String>,
}

/// Whether a stage ran over an article.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum StageRun {
    /// It ran.
    Ran,
    /// It did not run.
    NotRun,
}

/// How the text presents an event: only asserted events happened.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum Modality {
    /// Reported as having happened or happening.
    Asserted,
    /// Announced, planned, hoped for.
    Planned,
    /// Said not to have happened.
    Negated,
    /// Under a condition, or asked about.
    Hypothetical,
    /// Reported by one side and denied by another.
    ReportedDenied,
}

impl Modality {
    /// Every modality, in the order above.
    pub const ALL: [Modality; 5] = [
        Modality::Asserted,
        Modality::Planned,
        Modality::Negated,
        Modality::Hypothetical,
        Modality::ReportedDenied,
    ];

    /// The word records use.
    pub fn label(self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Planned => "planned",
            Modality::Negated => "negated",
            Modality::Hypothetical => "hypothetical",
            Modality::ReportedDenied => "reported-denied",
        }
    }

    /// The modality a record's word names, if any.
    pub fn from_label(word: &str) -> Option<Modality> {
        Modality::ALL.into_iter().find(|m| m.label() == word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modalities_read_back_as_written() {
        for m in Modality::ALL {
            let json = serde_json::to_string(&m).unwrap();
            assert_eq!(json, format!("\"{}\"", m.label()));
            assert_eq!(serde_json::from_str::<Modality>(&json).unwrap(), m);
            assert_eq!(Modality::from_label(m.label()), Some(m));
        }
        assert_eq!(Modality::from_label("rumoured"), None);
    }

    #[test]
    fn a_record_reads_back_as_written() {
        let record = Record {
            id: "a1".into(),
            lang: "fr".into(),
            lang_source: LanguageSource::Detected,
            published: Some("2024-05-01".into()),
            url: None,
            outlet: Some("Le Quotidien".into()),
            title: Some("Haftar à Rome".into()),
            text: Some("Haftar parle.".into()),
            sentences: vec![SpanOut { start: 0, end: 12 }],
            mentions: vec![MentionOut {
                start: 0,
                end: 5,
                text: "Haftar".into(),
                ty: EntityType::Per,
                entity: "e1".into(),
            }],
            entities: vec![],
            dates: vec![],
            references: vec![],
            events: vec![],
            quotes: vec![],
            quoted_terms: vec![],
            extractors: [("text".to_string(), StageRun::Ran)].into(),
            warnings: vec![],
        };
        let json = serde_json::to_string(&record).unwrap();
        assert!(json.contains(r#""type":"PER""#), "{json}");
        assert!(json.contains(r#""lang_source":"detected""#), "{json}");
        assert!(json.contains(r#""text":"ran""#), "{json}");
        assert_eq!(serde_json::from_str::<Record>(&json).unwrap(), record);
    }
}
