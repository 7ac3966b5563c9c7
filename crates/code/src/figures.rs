//! Figures: how many an event killed, injured, arrested, displaced or
//! gathered, when the text says so ("au moins 12 morts", "more than 700
//! protesters", "une dizaine de blessés", "arrested 50 people").
//!
//! A number (`quantity`: digits, number words, round figures, with their
//! bound or range) counts something when the words of `figures.tsv` say
//! what: a noun right after it ("trois morts", "des centaines de
//! manifestants"), a participle after those counted ("huit soldats ont
//! été tués"), or an active verb right before it ("killing at least 212").
//! Two groups one participle counts are summed ("trois soldats et huit
//! civils ont été tués": 11). A measure ("19 ans", "48 %"), a sum of money,
//! a date or a number inside a name counts nothing.
//!
//! Each figure goes to the event of its sentence whose type it fits (the
//! dead and injured to an assault, then a coercion, then a protest; the
//! arrested to a coercion; the displaced to an assault or a coercion; a
//! crowd to a protest), else to the nearest such event of its paragraph.
//! A figure no event takes is left out: a toll without its event (a war's
//! running total, a year's drownings) says nothing of the events coded.

mod counted;
mod quantity;
pub(crate) mod table;

use std::ops::Range;

use depeche_model::{Bound, FigureKind};
use depeche_text::{DateMention, Doc, Mention, Span};

use crate::Event;
use counted::Counted;
use quantity::{Quantity, Words};
use table::Form;

/// One figure the text gives for an event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Figure {
    /// What it counts.
    pub kind: FigureKind,
    /// The number given (see [`depeche_model::FigureOut::value`]).
    pub value: u64,
    /// How the true figure stands to it.
    pub bound: Bound,
    /// The high end of a range.
    pub high: Option<u64>,
    /// The words that give it, in the view.
    pub span: Span,
}

/// The event types a figure of each kind may belong to, the likeliest
/// first: the PLOVER types whose attributes count it.
fn fitting(kind: FigureKind) -> &'static [&'static str] {
    match kind {
        FigureKind::Dead | FigureKind::Injured => &["ASSAULT", "COERCE", "PROTEST"],
        FigureKind::Arrested => &["COERCE"],
        FigureKind::Displaced => &["ASSAULT", "COERCE"],
        FigureKind::Crowd => &["PROTEST"],
    }
}

/// Gives the events of a document the figures their sentences, else
/// their paragraphs, give. Dates and names (`dates`, `mentions`) are
/// never counts.
pub(crate) fn attach(doc: &Doc, mentions: &[Mention], dates: &[DateMention], events: &mut [Event]) {
    let wanted = events
        .iter()
        .any(|e| FigureKind::ALL.iter().any(|&k| fitting(k).contains(&e.ty)));
    if !wanted {
        return;
    }
    let not_counts: Vec<Span> = dates
        .iter()
        .map(|d| d.span)
        .chain(mentions.iter().map(|m| m.span))
        .collect();
    let told = Told::new(doc, dates, events);
    for figure in find(doc, &not_counts, |s| told.tells(s)) {
        let Some(s) = doc.sentence_at(figure.span.start) else {
            continue;
        };
        if let Some(e) = told.owner(figure.kind, s, events) {
            events[e].figures.push(figure);
        }
    }
}

/// Where and when the events of a document are told: what a figure's
/// sentence is matched against.
struct Told<'a> {
    /// The sentences that tell each event.
    sentences: Vec<Vec<usize>>,
    /// Each sentence's paragraph.
    paragraphs: Vec<usize>,
    /// The events each paragraph tells, in order, once each: a figure
    /// looks only at its paragraph's events, however long the article.
    told_in: Vec<Vec<usize>>,
    /// The dates each sentence names, resolved or not.
    dates: Vec<Vec<Option<&'a str>>>,
}

impl<'a> Told<'a> {
    fn new(doc: &Doc, dates: &'a [DateMention], events: &[Event]) -> Told<'a> {
        let mut dated: Vec<Vec<Option<&str>>> = vec![Vec::new(); doc.sentences.len()];
        for d in dates {
            if let Some(s) = doc.sentence_at(d.span.start) {
                dated[s].push(d.value.as_deref());
            }
        }
        let sentences: Vec<Vec<usize>> = events
            .iter()
            .map(|e| {
                e.evidence
                    .iter()
                    .filter_map(|s| doc.sentence_at(s.start))
                    .collect()
            })
            .collect();
        let paragraphs = sentence_paragraphs(doc);
        let mut told_in = vec![Vec::new(); paragraphs.last().map_or(0, |&p| p + 1)];
        for (e, told) in sentences.iter().enumerate() {
            for &s in told {
                let events: &mut Vec<usize> = &mut told_in[paragraphs[s]];
                if events.last() != Some(&e) {
                    events.push(e);
                }
            }
        }
        Told {
            sentences,
            paragraphs,
            told_in,
            dates: dated,
        }
    }

    /// Whether the paragraph of sentence `s` tells an event: a figure
    /// anywhere else has none to go to, and is not looked for.
    fn tells(&self, s: usize) -> bool {
        self.told_in
            .get(self.paragraphs[s])
            .is_some_and(|events| !events.is_empty())
    }

    /// The event a figure of `kind` in sentence `s` belongs to: in its
    /// sentence, the likeliest type, then the first told; else the
    /// nearest of its paragraph, earlier ones first, whose date is every
    /// resolved date the figure's sentence names ("en juillet 2023, cinq
    /// soldats avaient été tués": another attack than this week's).
    fn owner(&self, kind: FigureKind, s: usize, events: &[Event]) -> Option<usize> {
        let types = fitting(kind);
        let rank = |e: usize| types.iter().position(|&t| t == events[e].ty);
        let near_events = self.told_in.get(self.paragraphs[s]).map_or(&[][..], |v| v);
        let here = near_events
            .iter()
            .copied()
            .filter(|&e| self.sentences[e].contains(&s))
            .filter_map(|e| Some((rank(e)?, e)))
            .min();
        if let Some((_, e)) = here {
            return Some(e);
        }
        let agrees = |e: usize| {
            let date = events[e].date.as_deref();
            self.dates[s]
                .iter()
                .flatten()
                .all(|d| date.is_some_and(|date| d.starts_with(date) || date.starts_with(d)))
        };
        near_events
            .iter()
            .copied()
            .filter(|&e| agrees(e))
            .filter_map(|e| {
                let r = rank(e)?;
                let near = self.sentences[e]
                    .iter()
                    .filter(|&&x| self.paragraphs.get(x) == self.paragraphs.get(s))
                    .map(|&x| (x.abs_diff(s), x > s))
                    .min()?;
                Some((near, r, e))
            })
            .min()
            .map(|(_, _, e)| e)
    }
}

/// Each sentence's paragraph: a paragraph starts at a sentence after a
/// line break.
fn sentence_paragraphs(doc: &Doc) -> Vec<usize> {
    let mut p = 0;
    doc.sentences
        .iter()
        .map(|s| {
            p += usize::from(
                doc.tokens
                    .get(s.tokens.start)
                    .is_some_and(|t| t.newline_before),
            );
            p
        })
        .collect()
}

/// Every figure of the sentences of a document that `searched` keeps, in
/// text order, whatever its event; numbers inside `not_counts` (dates,
/// names) are skipped.
pub(crate) fn find(
    doc: &Doc,
    not_counts: &[Span],
    searched: impl Fn(usize) -> bool,
) -> Vec<Figure> {
    let lower = doc.lower_tokens();
    let words = Words {
        doc,
        lower: &lower,
        table: table::Table::get(doc.lang.code),
    };
    let named = crate::named_tokens(doc, not_counts.iter().copied());
    let mut out = Vec::new();
    for (_, sentence) in doc
        .sentences
        .iter()
        .enumerate()
        .filter(|&(s, _)| searched(s))
    {
        sentence_figures(&words, &sentence.tokens, &named, &mut out);
    }
    out
}

/// A figure told so far that the next group of the sentence may add to.
#[derive(Clone, Debug)]
enum Open {
    /// A number that counted nothing, before a joining word at this
    /// token: a participle after the next group may count it too ("trois
    /// soldats et huit civils ont été tués").
    Bare(Quantity, usize),
    /// The figure `out[i]` of an active verb, before a joining word at
    /// this token: the next group that counts nothing is its too
    /// ("killed 84 fighters and 47 soldiers").
    Verb(usize, usize),
}

/// The figures of one sentence (`range`, its tokens), added to `out`.
fn sentence_figures(words: &Words, range: &Range<usize>, named: &[bool], out: &mut Vec<Figure>) {
    let doc = words.doc;
    let mut open: Option<Open> = None;
    let mut t = range.start;
    while t < range.end {
        let quantity = (!named[t] && words.is_anchor(t))
            .then(|| words.read(t, range))
            .flatten();
        let Some(q) = quantity else {
            t += 1;
            continue;
        };
        t = q.end.max(t + 1);
        let after = counted::after(words, &q, range);
        let follows = |k: &usize| k + 1 == q.start;
        let (what, joined) = match (counted::verb_before(words, &q, range), after) {
            (Some(verb), after) => (Some(verb), after.joined()),
            (None, Counted::What(c, tokens)) => (Some((c, tokens)), None),
            (None, after) => (None, after.joined()),
        };
        open = match (what, open.take()) {
            (Some((c, tokens)), open) => {
                let first = match open {
                    Some(Open::Bare(first, k))
                        if c.form == Form::Participle && follows(&k) && q.plain =>
                    {
                        Some(first)
                    }
                    _ => None,
                };
                let figure = match first {
                    Some(first) => Figure {
                        kind: c.kind,
                        value: first.value.saturating_add(q.value),
                        bound: summed(first.bound, q.bound),
                        high: None,
                        span: span_of(doc, first.start..tokens.end),
                    },
                    None => Figure {
                        kind: c.kind,
                        value: q.value,
                        bound: q.bound,
                        high: q.high,
                        span: span_of(doc, tokens),
                    },
                };
                out.push(figure);
                let verb = c.form == Form::Verb;
                joined
                    .filter(|_| verb)
                    .map(|k| Open::Verb(out.len() - 1, k))
            }
            (None, Some(Open::Verb(i, k))) if follows(&k) && q.plain && !q.adjacent => {
                let f = &mut out[i];
                f.value = f.value.saturating_add(q.value);
                f.bound = summed(f.bound, q.bound);
                f.high = None;
                f.span = Span::new(f.span.start, doc.tokens[q.end - 1].span().end);
                joined.map(|k| Open::Verb(i, k))
            }
            (None, _) => joined
                .filter(|_| q.plain && !q.adjacent)
                .map(|k| Open::Bare(q, k)),
        };
    }
}

/// The span of the view over tokens `tokens`.
fn span_of(doc: &Doc, tokens: Range<usize>) -> Span {
    Span::new(
        doc.tokens[tokens.start].span().start,
        doc.tokens[tokens.end - 1].span().end,
    )
}

/// The bound of two groups one participle counts, summed: at least
/// when either is a bound.
fn summed(a: Bound, b: Bound) -> Bound {
    match (a, b) {
        (Bound::Exact, Bound::Exact) => Bound::Exact,
        (Bound::Between, _) | (_, Bound::Between) => Bound::AtLeast,
        (Bound::Exact, other) | (other, _) => other,
    }
}

#[cfg(test)]
mod tests;
