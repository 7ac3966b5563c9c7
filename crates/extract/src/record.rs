//! The record made from a finished analysis: every span of the
//! normalised view turned into code points of the original text, every
//! entity index into the record's entity id (`e1`, `e2`...).

use std::collections::BTreeMap;

use depeche_model::{
    DateOut, EntityOut, EventOut, Evidence, MentionOut, Modality, QuoteOut, Record, ReferenceOut,
    RoleOut, SpanOut, StageRun,
};
use depeche_text::{Entity, Span, Text};

use crate::analysis::Analysis;
use crate::stages::{PIPELINE, TEXT};

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

/// Turns view spans and entity indices into the record's terms.
struct Writer<'a> {
    view: &'a Text,
    original: Original<'a>,
    /// Every id is written once and copied for each mention, role, quote
    /// and event that names the entity.
    ids: Vec<String>,
}

impl Writer<'_> {
    fn id(&self, e: usize) -> String {
        self.ids
            .get(e)
            .cloned()
            .unwrap_or_else(|| format!("e{}", e + 1))
    }

    fn span(&self, s: Span) -> SpanOut {
        let (start, end) = self.view.to_original(s);
        SpanOut { start, end }
    }

    fn evidence(&self, s: Span) -> Evidence {
        let (start, end) = self.view.to_original(s);
        Evidence {
            start,
            end,
            text: self.original.words(start, end),
        }
    }
}

/// The record of a finished analysis.
pub fn record(mut a: Analysis) -> Record {
    let mut warnings = std::mem::take(&mut a.warnings);
    let w = Writer {
        view: &a.doc.text,
        original: Original::new(a.doc.text.original()),
        ids: (1..=a.names.entities.len())
            .map(|n| format!("e{n}"))
            .collect(),
    };
    let mentions = mentions(&w, &a);
    let entities = entities(&w, &a, &mentions);
    Record {
        id: a.article.id.clone(),
        lang: a.doc.lang.code.to_string(),
        lang_source: a.doc.lang_source,
        published: a.published.map(|d| d.format("%Y-%m-%d").to_string()),
        url: a.article.url.clone(),
        outlet: a.article.outlet.clone(),
        title: a
            .article
            .made_text
            .then(|| a.article.title.clone())
            .flatten(),
        text: a.article.made_text.then(|| a.article.text.clone()),
        sentences: a.doc.sentences.iter().map(|s| w.span(s.span)).collect(),
        dates: dates(&w, &a),
        references: references(&w, &a),
        events: events(&w, &a, &mut warnings),
        quotes: quotes(&w, &a),
        quoted_terms: a.quotes.terms.iter().map(|t| w.evidence(t.span)).collect(),
        extractors: std::iter::once(TEXT)
            .chain(PIPELINE.iter().map(|s| s.name()))
            .map(|name| (name.to_string(), StageRun::Ran))
            .collect::<BTreeMap<_, _>>(),
        mentions,
        entities,
        warnings,
    }
}

fn mentions(w: &Writer, a: &Analysis) -> Vec<MentionOut> {
    a.names
        .mentions
        .iter()
        .map(|m| {
            let (start, end) = w.view.to_original(m.span);
            MentionOut {
                start,
                end,
                text: w.original.words(start, end),
                ty: m.ty,
                entity: w.id(m.entity),
            }
        })
        .collect()
}

fn entities(w: &Writer, a: &Analysis, mentions: &[MentionOut]) -> Vec<EntityOut> {
    // Each entity's distinct mention texts, in text order.
    let mut aliases: Vec<Vec<String>> = vec![Vec::new(); a.names.entities.len()];
    for (m, out) in a.names.mentions.iter().zip(mentions) {
        let list = &mut aliases[m.entity];
        if !list.contains(&out.text) {
            list.push(out.text.clone());
        }
    }
    a.names
        .entities
        .iter()
        .zip(aliases)
        .enumerate()
        .map(|(e, (ent, aliases))| entity(w, e, ent, aliases))
        .collect()
}

fn entity(w: &Writer, e: usize, ent: &Entity, aliases: Vec<String>) -> EntityOut {
    let geo = ent.geo.as_ref();
    EntityOut {
        id: w.id(e),
        key: ent.key.clone(),
        name: ent.name.clone(),
        ty: ent.ty,
        aliases,
        roles: ent
            .roles
            .iter()
            .map(|r| RoleOut {
                title: r.title.clone(),
                kind: r.kind.clone(),
                of: r.of.map(|o| w.id(o)),
            })
            .collect(),
        lat: geo.map(|g| g.lat).filter(|v| v.is_finite()),
        lon: geo.map(|g| g.lon).filter(|v| v.is_finite()),
        country: geo.map(|g| g.country.clone()).filter(|c| !c.is_empty()),
        geonames_id: geo.and_then(|g| g.geonames_id),
    }
}

fn dates(w: &Writer, a: &Analysis) -> Vec<DateOut> {
    a.dates
        .iter()
        .map(|d| {
            let (start, end) = w.view.to_original(d.span);
            DateOut {
                start,
                end,
                text: w.original.words(start, end),
                value: d.value.clone(),
            }
        })
        .collect()
}

fn references(w: &Writer, a: &Analysis) -> Vec<ReferenceOut> {
    a.references
        .references
        .iter()
        .map(|r| {
            let (start, end) = w.view.to_original(r.span);
            ReferenceOut {
                start,
                end,
                text: w.original.words(start, end),
                entity: w.id(r.entity),
                kind: r.kind,
            }
        })
        .collect()
}

fn quotes(w: &Writer, a: &Analysis) -> Vec<QuoteOut> {
    a.quotes
        .quotes
        .iter()
        .map(|q| {
            let (start, end) = w.view.to_original(q.span);
            QuoteOut {
                start,
                end,
                text: w.original.words(start, end),
                speaker: q.speaker.map(|e| w.id(e)),
                attribution: q.speaker_cue.map(|s| w.evidence(s)),
                via: q.via.iter().map(|r| w.id(r.entity)).collect(),
                via_evidence: q.via.iter().map(|r| w.evidence(r.span)).collect(),
            }
        })
        .collect()
}

/// The events; one whose modality no record word names (a data error the
/// lexicon tests rule out) is dropped with a warning.
fn events(w: &Writer, a: &Analysis, warnings: &mut Vec<String>) -> Vec<EventOut> {
    let mut out = Vec::with_capacity(a.events.len());
    for e in &a.events {
        let Some(modality) = Modality::from_label(e.modality) else {
            warnings.push(format!(
                "event with unknown modality {:?} dropped",
                e.modality
            ));
            continue;
        };
        out.push(EventOut {
            ty: e.ty.to_string(),
            mode: e.mode.map(str::to_string),
            modality,
            source: e.source.map(|x| w.id(x)),
            target: e.target.map(|x| w.id(x)),
            location: e.location.map(|x| w.id(x)),
            date: e.date.clone(),
            cameo: e.cameo.to_string(),
            quad_class: e.quad_class,
            intensity: e.intensity,
            evidence: e.evidence.iter().map(|&s| w.evidence(s)).collect(),
        });
    }
    out
}
