//! The stages that run over an [`Analysis`], one signature each, in the
//! order of [`PIPELINE`]. Adding a stage is writing one more `impl Stage`
//! and one more entry in the list.

use depeche_model::ReferenceKind;
use depeche_refer::Reference;

use crate::analysis::{Analysis, Learnt};

/// One step of the pipeline: reads what the stages before it found and
/// adds its own part. A stage never fails: what is odd becomes a warning.
pub trait Stage: Sync {
    /// The stage's name, as records list it in `extractors`.
    fn name(&self) -> &'static str;
    /// Runs over one article, with what the run has learnt so far.
    fn run(&self, analysis: &mut Analysis, learnt: &mut Learnt);
}

/// The stages after the text, in the order they run: dates first, since
/// a date is never a name; references once names are keyed; quotes and
/// events last, since they read names and references.
pub static PIPELINE: &[&dyn Stage] = &[&Dates, &Names, &Link, &Refer, &Quotes, &Events];

/// The name of the stage that makes the document, before [`PIPELINE`].
pub const TEXT: &str = "text";

/// Calendar dates, resolved against the publication date.
struct Dates;

impl Stage for Dates {
    fn name(&self) -> &'static str {
        "dates"
    }
    fn run(&self, a: &mut Analysis, _: &mut Learnt) {
        a.dates = depeche_dates::find_dates(&a.doc, a.published);
    }
}

/// Names: mentions and entities, with titles and roles.
struct Names;

impl Stage for Names {
    fn name(&self) -> &'static str {
        "entities"
    }
    fn run(&self, a: &mut Analysis, _: &mut Learnt) {
        let not_names: Vec<_> = a.dates.iter().map(|d| d.span).collect();
        a.names = depeche_entities::find_entities(&a.doc, &not_names);
    }
}

/// Global keys and places on the map; learns people's full names.
struct Link;

impl Stage for Link {
    fn name(&self) -> &'static str {
        "link"
    }
    fn run(&self, a: &mut Analysis, learnt: &mut Learnt) {
        depeche_link::link(&a.doc, &mut a.names, &mut learnt.registry);
    }
}

/// Words that stand for an entity without naming it, across the article.
struct Refer;

impl Stage for Refer {
    fn name(&self) -> &'static str {
        "refer"
    }
    fn run(&self, a: &mut Analysis, _: &mut Learnt) {
        let names = &a.names;
        a.references = depeche_refer::find_references(&a.doc, &names.mentions, &names.entities);
    }
}

/// Direct quotes, their speakers (through references too) and relays.
struct Quotes;

impl Stage for Quotes {
    fn name(&self) -> &'static str {
        "quotes"
    }
    fn run(&self, a: &mut Analysis, _: &mut Learnt) {
        let names = &a.names;
        a.quotes = depeche_quotes::find_quotes_with(
            &a.doc,
            &names.mentions,
            &names.entities,
            &a.references,
        );
    }
}

/// Events coded in PLOVER.
struct Events;

impl Stage for Events {
    fn name(&self) -> &'static str {
        "events"
    }
    fn run(&self, a: &mut Analysis, _: &mut Learnt) {
        let relays: Vec<usize> = a
            .quotes
            .quotes
            .iter()
            .flat_map(|q| q.via.iter().map(|r| r.entity))
            .collect();
        let names = &a.names;
        let actors = mentions_with_references(a);
        a.events = depeche_code::code_events(&a.doc, &actors, &names.entities, &a.dates, &relays);
    }
}

/// The named mentions and, as mentions of the entity they stand for, the
/// pronouns and titles that refer to one ("il", "the president"), in text
/// order: the coder's actors. Descriptions and collectives stand for a
/// country or a group the event's own words seldom mean: as actors they
/// cost the dev set more false events than they found.
fn mentions_with_references(a: &Analysis) -> Vec<depeche_text::Mention> {
    let names = &a.names;
    let actor = |r: &&Reference| matches!(r.kind, ReferenceKind::Title | ReferenceKind::Pronoun);
    // Reserved whole: grown, the list of a long article would hold up to
    // twice its size through the event coder.
    let mut all = Vec::with_capacity(
        names.mentions.len() + a.references.references.iter().filter(actor).count(),
    );
    all.extend_from_slice(&names.mentions);
    all.extend(
        a.references
            .references
            .iter()
            .filter(actor)
            .filter_map(|r| {
                let entity = names.entities.get(r.entity)?;
                Some(depeche_text::Mention {
                    span: r.span,
                    ty: entity.ty,
                    entity: r.entity,
                })
            }),
    );
    all.sort_by_key(|m| (m.span.start, m.span.end));
    all
}
