//! The analysis of one article: the document and what each stage has
//! found in it so far. Stages read it and extend it; the record is made
//! from it at the end.

use chrono::NaiveDate;
use depeche_code::Event;
use depeche_dates::DateMention;
use depeche_entities::Entities;
use depeche_model::{Article, Registry};
use depeche_quotes::Quotes;
use depeche_refer::References;
use depeche_text::Doc;

/// One article under analysis. Each field is written by the stage named
/// in its comment and read by the stages after it.
pub struct Analysis<'a> {
    /// The article as read.
    pub article: &'a Article,
    /// The text: normalised view, language, tokens, sentences (`text`).
    pub doc: Doc,
    /// The publication date, when readable (`text`).
    pub published: Option<NaiveDate>,
    /// The publication month or year when the article gives no day
    /// ("2023-08"), as the record keeps it (`text`).
    pub published_partial: Option<String>,
    /// What was odd about the input or the text; never fatal.
    pub warnings: Vec<String>,
    /// Calendar dates (`dates`).
    pub dates: Vec<DateMention>,
    /// Mentions and entities (`entities`), keyed and placed (`link`).
    pub names: Entities,
    /// Pronouns, titles, descriptions, documents and collectives resolved
    /// to entities, and each sentence's subject (`refer`).
    pub references: References,
    /// Direct quotes and quoted terms (`quotes`).
    pub quotes: Quotes,
    /// Events coded in PLOVER (`events`).
    pub events: Vec<Event>,
}

impl<'a> Analysis<'a> {
    /// Reads the article's text, `text` (the article's own or a copy of
    /// it), into a document: the `text` stage, which every other stage
    /// needs.
    pub fn read(article: &'a Article, text: String) -> Analysis<'a> {
        let doc = Doc::new(text, article.lang.as_deref());
        let mut warnings = article.warnings.clone();
        warnings.extend(doc.warnings.iter().cloned());
        let (published, published_partial) = read_published(article, &mut warnings);
        Analysis {
            article,
            doc,
            published,
            published_partial,
            warnings,
            dates: Vec::new(),
            names: Entities::default(),
            references: References::default(),
            quotes: Quotes::default(),
            events: Vec::new(),
        }
    }
}

/// What the pipeline learns across the articles of a run and hands to
/// the next article.
#[derive(Default)]
pub struct Learnt {
    /// People known by their full names, for surname-only mentions.
    pub registry: Registry,
}

/// The publication date; else its month (`2023-08`) or year (`2023`)
/// when it gives no day, which the record and the store's stories keep;
/// and a warning when there is no day to resolve relative dates against.
fn read_published(
    article: &Article,
    warnings: &mut Vec<String>,
) -> (Option<NaiveDate>, Option<String>) {
    let Some(given) = article.published.as_deref().map(str::trim) else {
        return (None, None);
    };
    if given.is_empty() {
        return (None, None);
    }
    if let Some(day) = depeche_dates::parse_published(given) {
        return (Some(day), None);
    }
    let partial = depeche_dates::parse_published_partial(given).map(|(year, month)| match month {
        Some(m) => format!("{year:04}-{m:02}"),
        None => format!("{year:04}"),
    });
    let why = match partial {
        Some(_) => "publication date without a day",
        None => "unreadable publication date",
    };
    warnings.push(format!("{why} {given:?}: relative dates stay unresolved"));
    (None, partial)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn published(given: &str) -> (Option<String>, Vec<String>) {
        let article = Article {
            published: Some(given.to_string()),
            ..Article::default()
        };
        let record = crate::extract(&article);
        (record.published, record.warnings)
    }

    #[test]
    fn a_publication_month_or_year_is_kept_with_a_warning() {
        assert_eq!(published("2024-05-10").0.as_deref(), Some("2024-05-10"));
        let (month, warnings) = published("mai 2024");
        assert_eq!(month.as_deref(), Some("2024-05"));
        assert!(warnings.iter().any(|w| w.contains("without a day")));
        assert_eq!(published("2024").0.as_deref(), Some("2024"));
        let (none, warnings) = published("soon");
        assert_eq!(none, None);
        assert!(warnings.iter().any(|w| w.contains("unreadable")));
    }
}
