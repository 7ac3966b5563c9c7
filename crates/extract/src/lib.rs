//! # depeche-extract: one article in, one record out
//!
//! The pipeline runs named components over one [`Doc`], each adding its
//! stand-off annotations: `text` (language, sentences, tokens), `entities`
//! (mentions and entities, with titles and roles), `link` (global keys and
//! places on the map), `dates`, `quotes` (speakers and relays), `events`
//! (PLOVER). The record then turns every span into code points of the
//! original text.
//!
//! Invariants: the pipeline does no I/O (its data is compiled in), and it
//! never fails: whatever the text, [`extract`] returns a [`Record`], with
//! warnings for what was odd.

mod record;

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use depeche_ingest::Article;
use depeche_link::Registry;
use depeche_text::{Doc, LanguageSource, Span};

pub use record::*;

/// The components of the pipeline, in the order they run, and whether each
/// exists yet.
pub const COMPONENTS: &[(&str, bool)] = &[
    ("text", true),
    ("entities", true),
    ("link", true),
    ("refer", true),
    ("dates", true),
    ("quotes", true),
    ("events", true),
];

/// Maps code-point offsets of the original text to byte offsets, to cut
/// the original words of each span in constant time.
struct Original<'a> {
    text: &'a str,
    byte_of: Vec<usize>,
}

impl<'a> Original<'a> {
    fn new(text: &'a str) -> Self {
        let mut byte_of: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        byte_of.push(text.len());
        Original { text, byte_of }
    }

    fn words(&self, start: usize, end: usize) -> String {
        self.text[self.byte_of[start]..self.byte_of[end]].to_string()
    }
}

/// Runs the whole pipeline over one article, with nothing learnt from
/// other articles.
pub fn extract(article: &Article) -> Record {
    Extractor::new(Registry::new()).extract(article)
}

/// Time spent in each component, summed over the articles of a run.
#[derive(Clone, Debug, Default)]
pub struct Timings {
    /// Component name and total time, in pipeline order.
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

/// Loads every table the pipeline uses for `langs` (gazetteers, word
/// lists), so that start-up can be measured apart from the work.
pub fn warm_up(langs: &[&str]) {
    for lang in langs {
        let doc = Doc::new("Warm-up.", Some(lang));
        let mut found = depeche_entities::find_entities(&doc, &[]);
        depeche_link::link(&doc, &mut found, &mut Registry::new());
        let _ = depeche_dates::find_dates(&doc, None);
        let _ = depeche_quotes::find_quotes(&doc, &found.mentions, &found.entities);
    }
}

/// The pipeline with what it has learnt across the articles of a run
/// (who "Prigojine" alone is): feed it articles in order.
pub struct Extractor {
    /// People known by their full names, for surname-only mentions.
    pub registry: Registry,
    /// Time spent in each component so far.
    pub timings: Timings,
}

impl Extractor {
    /// A pipeline that starts from `registry` (empty, or read from a file).
    pub fn new(registry: Registry) -> Extractor {
        Extractor {
            registry,
            timings: Timings::default(),
        }
    }

    /// Runs the whole pipeline over one article.
    pub fn extract(&mut self, article: &Article) -> Record {
        extract_with(article, &mut self.registry, &mut self.timings)
    }
}

fn extract_with(article: &Article, registry: &mut Registry, timings: &mut Timings) -> Record {
    let t = Instant::now();
    let doc = Doc::new(&article.text, article.lang.as_deref());
    timings.add("text", t);
    let mut warnings = article.warnings.clone();
    warnings.extend(doc.warnings.iter().cloned());
    let published = read_published(article, &mut warnings);
    let original = Original::new(doc.text.original());
    let span_out = |s: Span| {
        let (start, end) = doc.text.to_original(s);
        SpanOut { start, end }
    };
    let t = Instant::now();
    let date_mentions = depeche_dates::find_dates(&doc, published);
    timings.add("dates", t);
    let date_spans: Vec<Span> = date_mentions.iter().map(|d| d.span).collect();
    let t = Instant::now();
    let mut found = depeche_entities::find_entities(&doc, &date_spans);
    timings.add("entities", t);
    let t = Instant::now();
    depeche_link::link(&doc, &mut found, registry);
    timings.add("link", t);
    // Every id is written once and copied for each mention, role, quote
    // and event that names the entity.
    let ids: Vec<String> = (1..=found.entities.len())
        .map(|n| format!("e{n}"))
        .collect();
    let entity_id = |e: usize| ids.get(e).cloned().unwrap_or_else(|| format!("e{}", e + 1));
    let mentions: Vec<MentionOut> = found
        .mentions
        .iter()
        .map(|m| {
            let (start, end) = doc.text.to_original(m.span);
            MentionOut {
                start,
                end,
                text: original.words(start, end),
                ty: m.ty.label(),
                entity: entity_id(m.entity),
            }
        })
        .collect();
    // Each entity's distinct mention texts, in text order.
    let mut aliases: Vec<Vec<String>> = vec![Vec::new(); found.entities.len()];
    for (m, out) in found.mentions.iter().zip(&mentions) {
        let list = &mut aliases[m.entity];
        if !list.contains(&out.text) {
            list.push(out.text.clone());
        }
    }
    let entities: Vec<EntityOut> = found
        .entities
        .iter()
        .zip(aliases)
        .enumerate()
        .map(|(e, (ent, aliases))| {
            let geo = ent.geo.as_ref();
            EntityOut {
                id: entity_id(e),
                key: ent.key.clone(),
                name: ent.name.clone(),
                ty: ent.ty.label(),
                aliases,
                roles: ent
                    .roles
                    .iter()
                    .map(|r| RoleOut {
                        title: r.title.clone(),
                        kind: r.kind.clone(),
                        of: r.of.map(entity_id),
                    })
                    .collect(),
                lat: geo.map(|g| g.lat).filter(|v| v.is_finite()),
                lon: geo.map(|g| g.lon).filter(|v| v.is_finite()),
                country: geo.map(|g| g.country.clone()).filter(|c| !c.is_empty()),
                geonames_id: geo.and_then(|g| g.geonames_id),
            }
        })
        .collect();
    let evidence = |s: Span| {
        let (start, end) = doc.text.to_original(s);
        Evidence {
            start,
            end,
            text: original.words(start, end),
        }
    };
    let dates: Vec<DateOut> = date_mentions
        .iter()
        .map(|d| {
            let (start, end) = doc.text.to_original(d.span);
            DateOut {
                start,
                end,
                text: original.words(start, end),
                value: d.value.clone(),
            }
        })
        .collect();
    let t = Instant::now();
    let refs = depeche_refer::find_references(&doc, &found.mentions, &found.entities);
    timings.add("refer", t);
    let references: Vec<ReferenceOut> = refs
        .references
        .iter()
        .map(|r| {
            let (start, end) = doc.text.to_original(r.span);
            ReferenceOut {
                start,
                end,
                text: original.words(start, end),
                entity: entity_id(r.entity),
                kind: r.kind.label(),
            }
        })
        .collect();
    let t_quotes = Instant::now();
    let quoted = depeche_quotes::find_quotes_with(&doc, &found.mentions, &found.entities, &refs);
    timings.add("quotes", t_quotes);
    let quotes: Vec<QuoteOut> = quoted
        .quotes
        .iter()
        .map(|q| {
            let (start, end) = doc.text.to_original(q.span);
            QuoteOut {
                start,
                end,
                text: original.words(start, end),
                speaker: q.speaker.map(entity_id),
                attribution: q.speaker_cue.map(evidence),
                via: q.via.iter().map(|r| entity_id(r.entity)).collect(),
                via_evidence: q.via.iter().map(|r| evidence(r.span)).collect(),
            }
        })
        .collect();
    let date_refs: Vec<depeche_code::DateRef> = date_mentions
        .iter()
        .map(|d| depeche_code::DateRef {
            span: d.span,
            value: d.value.clone(),
        })
        .collect();
    let t = Instant::now();
    let relays: Vec<usize> = quoted
        .quotes
        .iter()
        .flat_map(|q| q.via.iter().map(|r| r.entity))
        .collect();
    let coded =
        depeche_code::code_events(&doc, &found.mentions, &found.entities, &date_refs, &relays);
    timings.add("events", t);
    let events: Vec<EventOut> = coded
        .into_iter()
        .map(|e| EventOut {
            ty: e.ty.to_string(),
            mode: e.mode.map(str::to_string),
            modality: e.modality.to_string(),
            source: e.source.map(entity_id),
            target: e.target.map(entity_id),
            location: e.location.map(entity_id),
            date: e.date,
            cameo: e.cameo.to_string(),
            quad_class: e.quad_class,
            intensity: e.intensity,
            evidence: e.evidence.into_iter().map(evidence).collect(),
        })
        .collect();
    Record {
        id: article.id.clone(),
        lang: doc.lang.code.to_string(),
        lang_source: match doc.lang_source {
            LanguageSource::Given => "given",
            LanguageSource::Detected => "detected",
            LanguageSource::Assumed => "assumed",
        },
        published: published.map(|d| d.format("%Y-%m-%d").to_string()),
        url: article.url.clone(),
        outlet: article.outlet.clone(),
        sentences: doc.sentences.iter().map(|s| span_out(s.span)).collect(),
        mentions,
        entities,
        dates,
        references,
        events,
        quotes,
        quoted_terms: quoted.terms.iter().map(|t| evidence(t.span)).collect(),
        extractors: COMPONENTS
            .iter()
            .map(|&(name, ran)| (name, if ran { "ran" } else { "not-run" }))
            .collect::<BTreeMap<_, _>>(),
        warnings,
    }
}

/// The publication date, or a warning saying why it could not be read.
fn read_published(article: &Article, warnings: &mut Vec<String>) -> Option<NaiveDate> {
    let given = article.published.as_deref()?.trim();
    if given.is_empty() {
        return None;
    }
    let parsed = depeche_dates::parse_published(given);
    if parsed.is_none() {
        warnings.push(format!(
            "unreadable publication date {given:?}: relative dates stay unresolved"
        ));
    }
    parsed
}
