//! # depeche-extract: one article in, one record out
//!
//! The pipeline is a list of stages over one [`Analysis`], the way spaCy
//! runs named components over one `Doc`: reading the article makes the
//! document (the `text` stage: normalised view, language, tokens,
//! sentences), then each stage of [`PIPELINE`] reads what the stages
//! before it found and adds its own stand-off annotations: `dates`,
//! `entities` (mentions and entities, with titles and roles), `link`
//! (global keys and places on the map), `quotes` (speakers and relays),
//! `events` (PLOVER). The record is made from the finished analysis in
//! its own step, which turns every span into code points of the original.
//!
//! Invariants: the pipeline does no I/O (its data is compiled in), and it
//! never fails: whatever the text, [`extract`] returns a [`Record`], with
//! warnings for what was odd.

mod analysis;
mod record;
mod stages;

use std::time::{Duration, Instant};

use depeche_model::{Article, Registry};

pub use analysis::{Analysis, Learnt};
pub use depeche_model::Record;
pub use stages::{Stage, PIPELINE, TEXT};

/// Runs the whole pipeline over one article, with nothing learnt from
/// other articles.
pub fn extract(article: &Article) -> Record {
    Extractor::new(Registry::new()).extract(article)
}

/// Time spent in each stage, summed over the articles of a run.
#[derive(Clone, Debug, Default)]
pub struct Timings {
    /// Stage name and total time, in pipeline order.
    pub stages: Vec<(&'static str, Duration)>,
}

impl Timings {
    fn add(&mut self, stage: &'static str, since: Instant) {
        let spent = since.elapsed();
        match self.stages.iter_mut().find(|(s, _)| *s == stage) {
            Some((_, total)) => *total += spent,
            None => self.stages.push((stage, spent)),
        }
    }
}

/// Loads every table the pipeline uses for every language depeche reads
/// (gazetteers, word lists), so that start-up can be measured apart from
/// the work.
pub fn warm_up() {
    for lang in depeche_lexicon::languages() {
        let article = Article {
            text: "Warm-up.".into(),
            lang: Some(lang.to_string()),
            ..Article::default()
        };
        let _ = extract(&article);
    }
}

/// The pipeline with what it has learnt across the articles of a run
/// (who "Prigojine" alone is): feed it articles in order.
pub struct Extractor {
    /// What the run has learnt so far.
    pub learnt: Learnt,
    /// Time spent in each stage so far.
    pub timings: Timings,
}

impl Extractor {
    /// A pipeline that starts from `registry` (empty, or read from a file).
    pub fn new(registry: Registry) -> Extractor {
        Extractor {
            learnt: Learnt { registry },
            timings: Timings::default(),
        }
    }

    /// Runs every stage over one article and makes its record.
    pub fn extract(&mut self, article: &Article) -> Record {
        self.extract_text(article, article.text.clone()).0
    }

    /// [`Extractor::extract`] for a caller that hands over the article's
    /// text, `text`, taken out of `article`: the document keeps it instead
    /// of a copy (8 MB less at the peak of an 8 MB article) and gives it
    /// back with the record.
    pub fn extract_text(&mut self, article: &Article, text: String) -> (Record, String) {
        let t = Instant::now();
        let mut analysis = Analysis::read(article, text);
        self.timings.add(TEXT, t);
        for stage in PIPELINE {
            let t = Instant::now();
            stage.run(&mut analysis, &mut self.learnt);
            self.timings.add(stage.name(), t);
        }
        let record = record::record(&mut analysis);
        (record, analysis.doc.into_original())
    }
}
