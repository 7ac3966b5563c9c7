//! # depeche-dates: the dates of a news article, resolved
//!
//! [`find_dates`] finds every expression that names a day, a month or a
//! year — absolute (`22 août 2023`, `2020`, `22/08/2023`) or relative
//! (`mardi`, `hier`, `l'an dernier`, `last November`, `a day later`) — and
//! resolves it against the publication date to `YYYY-MM-DD`, `YYYY-MM` or
//! `YYYY`. Clock times and parts of the day are not dates (`mardi matin`
//! gives `mardi`); durations are not dates.
//!
//! ## Design
//!
//! - **Data, not code.** Every word of a language (months and their
//!   abbreviations, weekdays, ordinal suffixes, relative phrases, cue
//!   words, part words, offset cues, tense markers, the nouns that make a
//!   number a count) lives in `data/<lang>/dates*.tsv`; the Rust code is
//!   language-neutral rules over those tables. Each language's tables are
//!   read once per process into a `OnceLock` (module `lexicon`).
//! - **One pass over the tokens** (module `grammar`): at each token that can
//!   open a date (a hash lookup of its lowercase text, or a number), a
//!   short list of hand-written token-level rules is tried in order; the
//!   first that matches consumes its tokens. No regular expressions, no
//!   backtracking beyond a few tokens, so the cost is linear in the text.
//! - **Spans cover the date words only**: `le 17 septembre` gives
//!   `17 septembre`, `en 2014` gives `2014`; cue and part words belong to
//!   the span (`mai dernier`, `fin août`, `last November`); fixed phrases
//!   are spanned as the data writes them (`l'an dernier`, `la veille`).
//!   `du 26 au 28 septembre` gives two mentions, `26` and `28 septembre`.
//! - **Resolution** (module `resolve`): a date with its year resolves alone.
//!   Otherwise the publication date anchors it. The tense is read from the
//!   nearest marker of the sentence (data: future verb endings, `va`,
//!   `will`; past auxiliaries and participles, `said`, `-ed`). A weekday
//!   is the latest one on or before publication (the same day included),
//!   or the next one strictly after it in future narration. A month or a
//!   day-month without a year is the latest on or before publication in
//!   past narration, the first on or after it in future narration, the
//!   nearer of the two when no marker is found (`Le procès s'ouvre le 5
//!   septembre`). A cue (`dernier`, `last`, `prochain`, `next`) makes the
//!   direction strict whatever the tense. A written weekday picks the year
//!   in which the day-month falls on it. Anaphoric phrases (`la veille`,
//!   `le lendemain`, `a day later`) count from the last resolved date of
//!   the same or previous sentence, else from publication; deictic ones
//!   (`hier`, `l'an dernier`) from publication. Without an anchor the
//!   value is `None`.
//! - **Robust**: any text gives mentions or none, never a panic; numbers
//!   are only years when they have 4 digits in 1900..=2100 and do not
//!   count something (`2500 soldats`, `2000 people`); impossible dates
//!   (`31 février`) are dropped.
//! - **Fast**: tokens are read in the text layer's lowercase view, a sieve
//!   turns most words away before any hashing, each opener is looked up
//!   once for the rules it may open, lookups use a small FxHash, tense
//!   classes are cached per token; about
//!   3-5M words/s on date-dense text (`cargo run --release -p
//!   depeche-dates --example throughput`).
//!
//! [`parse_published`] and [`parse_published_partial`] read the usual
//! written forms of a publication date.

mod grammar;
mod lexicon;
mod published;
mod resolve;

use chrono::NaiveDate;
use depeche_text::Doc;

pub use depeche_text::{DateMention, Granularity};

pub use published::{parse_published, parse_published_partial};

use grammar::Scan;
use lexicon::Lexicon;
use resolve::{Refs, Resolved};

/// Finds the date expressions of `doc`, in text order, and resolves them
/// against `published` (the article's publication date, if known).
pub fn find_dates(doc: &Doc, published: Option<NaiveDate>) -> Vec<DateMention> {
    let lex = Lexicon::get(doc.lang.code);
    let scan = Scan::new(doc, lex, doc.lower_tokens());
    let found = scan.run();
    let mut mentions = Vec::with_capacity(found.len());
    // Resolved mentions so far, with their sentence, for anaphoric phrases.
    let mut resolved: Vec<(usize, Resolved)> = Vec::new();
    for f in found {
        let sent = doc.sentence_at(f.span.start).unwrap_or(0);
        let context = |g: Granularity| -> Option<Resolved> {
            resolved
                .iter()
                .rev()
                .take_while(|(s, _)| *s + 1 >= sent)
                .map(|(_, r)| *r)
                .find(|r| r.granularity() <= g)
        };
        let future = if resolve::needs_tense(&f.expr) && published.is_some() {
            scan.future_at(f.token, sent)
        } else {
            None
        };
        let refs = Refs {
            published,
            context: &context,
            future,
        };
        let value = resolve::resolve(&f.expr, &refs);
        if let Some(r) = value {
            resolved.push((sent, r));
        }
        mentions.push(DateMention {
            span: f.span,
            value: value.map(Resolved::format),
            granularity: value.map_or_else(|| resolve::granularity(&f.expr), Resolved::granularity),
        });
    }
    mentions
}

#[cfg(test)]
mod tests;
