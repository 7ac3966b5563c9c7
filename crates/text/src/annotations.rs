//! The annotations extractors share: named-entity mentions, the
//! document's entities and its dates. Each is a stand-off span of the view.

use crate::Span;

pub use depeche_model::EntityType;

/// One occurrence of a name in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// The name's span in the view (titles and articles outside it).
    pub span: Span,
    /// The entity type of this occurrence.
    pub ty: EntityType,
    /// Index of the entity it names in the document's entity list.
    pub entity: usize,
}

/// A title or role held by an entity, as the text states it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Role {
    /// The title as written in the view ("vice-ministre russe de la Défense").
    pub title: String,
    /// The role's kind from the titles table (`political`, `military`, `spokesperson`...).
    pub kind: String,
    /// The entity the role is held in or for ("porte-parole de X"), if named.
    pub of: Option<usize>,
    /// Where the text says so.
    pub span: Span,
}

/// One real-world entity named in the document, with all its mentions.
#[derive(Clone, Debug, PartialEq)]
pub struct Entity {
    /// The fullest name the document gives.
    pub name: String,
    /// The entity type.
    pub ty: EntityType,
    /// Global identity, the same across documents and spellings.
    pub key: String,
    /// Titles and roles the document gives it.
    pub roles: Vec<Role>,
    /// For places: the gazetteer's latitude, longitude and country code.
    pub geo: Option<Geo>,
}

/// Where a place is on the map.
#[derive(Clone, Debug, PartialEq)]
pub struct Geo {
    /// Latitude in degrees.
    pub lat: f64,
    /// Longitude in degrees.
    pub lon: f64,
    /// ISO 3166-1 alpha-2 code of the country the place is in.
    pub country: String,
    /// GeoNames identifier, when the place comes from GeoNames.
    pub geonames_id: Option<u64>,
    /// The gazetteer's kind of place (`city`, `country`, `region`, `sea`...).
    pub kind: String,
}

/// How precise a date is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Granularity {
    /// A day: `YYYY-MM-DD`.
    Day,
    /// A month: `YYYY-MM`.
    Month,
    /// A year: `YYYY`.
    Year,
}

/// One date expression found in the text: the dates stage finds it, the
/// event coder dates events by it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateMention {
    /// The date words, in bytes of the document's normalised view.
    pub span: Span,
    /// The resolved value (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`), or `None`
    /// when nothing anchors a relative expression.
    pub value: Option<String>,
    /// How precise the expression is, resolved or not.
    pub granularity: Granularity,
}
