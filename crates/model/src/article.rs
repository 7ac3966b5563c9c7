//! The article as read, before any analysis, and why a document was refused.

use std::fmt;

/// One news article as the input gave it.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Article {
    /// The caller's identifier, unique within a run.
    pub id: String,
    /// The article's text, exactly as given.
    pub text: String,
    /// The publication date as given (any usual form), if any.
    pub published: Option<String>,
    /// The language code as given, if any.
    pub lang: Option<String>,
    /// The article's address, if any.
    pub url: Option<String>,
    /// The outlet that published it, if any.
    pub outlet: Option<String>,
    /// Where it was read: `file:line` or a file name.
    pub origin: String,
    /// What was odd but acceptable in the input (a missing id).
    pub warnings: Vec<String>,
    /// The headline, when depeche read the article from a page or a feed.
    pub title: Option<String>,
    /// Whether depeche made the text itself (a web page's reader view, a
    /// feed item, a WARC record) rather than being given it: the record
    /// then carries the text, since its offsets point into it.
    pub made_text: bool,
}

/// A document that could not be read, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejection {
    /// Where it was: `file:line` or a file name.
    pub origin: String,
    /// What is wrong, in words a user can act on.
    pub reason: String,
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.origin, self.reason)
    }
}
