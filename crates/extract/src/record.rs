//! The record made from a finished analysis: every span of the
//! normalised view turned into code points of the original text, every
//! entity index into the record's entity id (`e1`, `e2`...).

use std::collections::BTreeMap;

use depeche_model::{
    DateOut, EntityOut, EventOut, Evidence, FigureOut, MentionOut, Modality, QuoteOut, Record,
    ReferenceOut, RoleOut, SpanOut, StageRun,
};
use depeche_text::{char_starts, Entity, Span, Text};

use crate::analysis::Analysis;
use crate::stages::{PIPELINE, TEXT};

/// Bytes of the original between two counts of the code points before
/// them.
const BLOCK: usize = 32;

/// Maps code-point offsets of the original text to byte offsets, to cut
/// the original words of each span: a count of the code points before
/// every [`BLOCK`] bytes, from which the bytes of one block are walked,
/// rather than an entry per code point (eight bytes a character).
struct Original<'a> {
    text: &'a str,
    /// For each block of [`BLOCK`] bytes, the code points that start
    /// before it.
    before: Vec<u32>,
}

/// Whether `b` starts a character in UTF-8 (is not a continuation byte).
fn starts_char(b: u8) -> bool {
    (b as i8) >= -0x40
}

impl<'a> Original<'a> {
    fn new(text: &'a str) -> Self {
        let mut count = 0u32;
        let before = text
            .as_bytes()
            .chunks(BLOCK)
            .map(|block| {
                let at = count;
                count += char_starts(block) as u32;
                at
            })
            .collect();
        Original { text, before }
    }

    /// The byte where code point `c` starts; the text's length for the
    /// code point past its end.
    fn byte(&self, c: usize) -> usize {
        let block = self
            .before
            .partition_point(|&n| n as usize <= c)
            .saturating_sub(1);
        let seen = self.before.get(block).map_or(0, |&n| n as usize);
        self.walk(block * BLOCK, c - seen)
    }

    /// The byte where the character `n` characters after the one at byte
    /// `from` starts; the text's length past its end.
    fn walk(&self, from: usize, n: usize) -> usize {
        let bytes = &self.text.as_bytes()[from..];
        let mut left = n;
        // Eight bytes at a time while the character sought is past them:
        // a continuation byte has its top bit set and the next one clear.
        let mut skipped = 0;
        for chunk in bytes.chunks_exact(8) {
            let x = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
            let starts = 8 - (x & !(x << 1) & 0x8080_8080_8080_8080).count_ones() as usize;
            if starts > left {
                break;
            }
            left -= starts;
            skipped += 8;
        }
        let from = from + skipped;
        for (i, &b) in bytes[skipped..].iter().enumerate() {
            if starts_char(b) {
                if left == 0 {
                    return from + i;
                }
                left -= 1;
            }
        }
        self.text.len()
    }

    fn words(&self, start: usize, end: usize) -> String {
        let from = self.byte(start);
        self.text[from..self.walk(from, end - start)].to_string()
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
pub fn record(a: &mut Analysis) -> Record {
    let mut warnings = std::mem::take(&mut a.warnings);
    let w = Writer {
        view: &a.doc.text,
        original: Original::new(a.doc.text.original()),
        ids: (1..=a.names.entities.len())
            .map(|n| format!("e{n}"))
            .collect(),
    };
    let mentions = mentions(&w, a);
    let entities = entities(&w, a, &mentions);
    Record {
        id: a.article.id.clone(),
        lang: a.doc.lang.code.to_string(),
        lang_source: a.doc.lang_source,
        published: a
            .published
            .map(|d| d.format("%Y-%m-%d").to_string())
            .or_else(|| a.published_partial.clone()),
        url: a.article.url.clone(),
        outlet: a.article.outlet.clone(),
        title: a
            .article
            .made_text
            .then(|| a.article.title.clone())
            .flatten(),
        text: a
            .article
            .made_text
            .then(|| a.doc.text.original().to_string()),
        sentences: a.doc.sentences.iter().map(|s| w.span(s.span)).collect(),
        dates: dates(&w, a),
        references: references(&w, a),
        events: events(&w, a, &mut warnings),
        quotes: quotes(&w, a),
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
            figures: e.figures.iter().map(|f| figure(w, f)).collect(),
        });
    }
    out
}

/// A figure with its words in code points of the original.
fn figure(w: &Writer, f: &depeche_code::Figure) -> FigureOut {
    let Evidence { start, end, text } = w.evidence(f.span);
    FigureOut {
        kind: f.kind,
        value: f.value,
        bound: f.bound,
        high: f.high,
        start,
        end,
        text,
    }
}

#[cfg(test)]
mod tests {
    use super::Original;

    #[test]
    fn original_words_are_the_code_points_asked_for() {
        let long = "Élysée’s «mot» 𝄞 — ".repeat(40);
        for text in ["", "a", "é", "Le 14 juillet", "𝄞𝄞𝄞", long.as_str()] {
            let chars: Vec<char> = text.chars().collect();
            let original = Original::new(text);
            for start in 0..=chars.len() {
                for end in (start..=chars.len()).step_by(7).chain([chars.len()]) {
                    let expected: String = chars[start..end].iter().collect();
                    assert_eq!(
                        original.words(start, end),
                        expected,
                        "{text:?} {start}..{end}"
                    );
                }
            }
        }
    }
}
