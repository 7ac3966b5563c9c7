//! # depeche-model: what every stage shares
//!
//! depeche's data travels one way: an [`Article`] is read (`ingest`), one
//! pipeline of stages annotates it (`extract`), and the [`Record`] it
//! writes is kept (`store`) and shown (`serve`). The types at those seams
//! live here, in a crate that depends on `serde` alone, so that the
//! readers, the pure core, the store and the server agree on them without
//! depending on one another: the core compiles no HTTP, HTML or SQL crate,
//! and the server no language pipeline.
//!
//! - [`Article`] and [`Rejection`]: a document as read, or why it was not;
//! - [`Record`] and its parts: what depeche found, in code points of the
//!   original text, written and read back by `serde`;
//! - [`EntityType`], [`Modality`], [`LanguageSource`], [`StageRun`]: the
//!   closed vocabularies of a record, as enums;
//! - [`FigureOut`], [`FigureKind`], [`Bound`]: how many an event killed,
//!   injured, arrested, displaced or gathered, with how sure the text is;
//! - [`Key`]: global keys, with one parser and one printer;
//! - [`Registry`]: the full names of people learnt across articles.

mod article;
mod figure;
mod key;
mod record;
mod registry;

use serde::{Deserialize, Serialize};

pub use article::{Article, Rejection};
pub use figure::{Bound, FigureKind, FigureOut};
pub use key::Key;
pub use record::*;
pub use registry::Registry;

/// The four CoNLL entity types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum EntityType {
    /// A named person.
    #[serde(rename = "PER")]
    Per,
    /// A named organisation: ministry, army, party, outlet, platform, company.
    #[serde(rename = "ORG")]
    Org,
    /// A place: country, city, region, sea.
    #[serde(rename = "LOC")]
    Loc,
    /// Another named thing: event, conference, treaty, war, storm.
    #[serde(rename = "MISC")]
    Misc,
}

impl EntityType {
    /// Every type, in the order above.
    pub const ALL: [EntityType; 4] = [
        EntityType::Per,
        EntityType::Org,
        EntityType::Loc,
        EntityType::Misc,
    ];

    /// The label used in records (`PER`, `ORG`, `LOC`, `MISC`).
    pub fn label(self) -> &'static str {
        match self {
            EntityType::Per => "PER",
            EntityType::Org => "ORG",
            EntityType::Loc => "LOC",
            EntityType::Misc => "MISC",
        }
    }

    /// The type a record's label names, if any.
    pub fn from_label(label: &str) -> Option<EntityType> {
        EntityType::ALL.into_iter().find(|t| t.label() == label)
    }
}

/// Where the document's language came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LanguageSource {
    /// The input said so.
    Given,
    /// Identified from the text.
    Detected,
    /// Neither: the default language was assumed.
    Assumed,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entity_types_read_back_from_their_labels() {
        for t in EntityType::ALL {
            assert_eq!(EntityType::from_label(t.label()), Some(t));
            let json = serde_json::to_string(&t).unwrap();
            assert_eq!(json, format!("\"{}\"", t.label()));
        }
        assert_eq!(EntityType::from_label("DATE"), None);
    }
}
