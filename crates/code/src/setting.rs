//! Where and when: the venue of an event, its date, and the countries an
//! article is set in.

use depeche_text::{Entity, EntityType, Mention, Sentence, Span};

use crate::actors::{self, is_country, Candidate, Found, Governor};
use crate::lexicon::{Grammar, Mark};
use crate::Reading;

/// The country entity a place is in, when the article names it.
pub(crate) fn host_country(place: usize, entities: &[Entity]) -> Option<usize> {
    let geo = entities[place].geo.as_ref()?;
    if geo.kind == "country" {
        return Some(place);
    }
    entities.iter().position(|e| {
        e.geo
            .as_ref()
            .is_some_and(|g| g.kind == "country" && g.country == geo.country)
    })
}

/// The country entity with the most mentions, the first named on a tie.
pub(crate) fn home_country(mentions: &[Mention], entities: &[Entity]) -> Option<usize> {
    let mut counts: Vec<(usize, usize)> = Vec::new();
    for m in mentions {
        if !entities.get(m.entity).is_some_and(is_country) {
            continue;
        }
        match counts.iter_mut().find(|(e, _)| *e == m.entity) {
            Some((_, n)) => *n += 1,
            None => counts.push((m.entity, 1)),
        }
    }
    // The first of the most mentioned: `max_by_key` keeps the last.
    let most = counts.iter().map(|&(_, n)| n).max()?;
    counts.iter().find(|&&(_, n)| n == most).map(|&(e, _)| e)
}

impl Reading<'_> {
    /// The venue nearest the trigger: a city or region, or a country after
    /// a locative preposition; places after a locative preposition first.
    pub(crate) fn location(
        &self,
        cands: &[Candidate],
        sentence: &Sentence,
        t: usize,
        clause: (usize, usize),
    ) -> Option<usize> {
        // "in Russia's war": a possessor is not where.
        let possessor = |c: &&Candidate| {
            self.words
                .get(c.end)
                .is_some_and(|w| matches!(w.mark, Some(Mark::Possessor | Mark::Apostrophe)))
                || self.words[c.end - 1].possessive_end
        };
        let locative_countries = cands
            .iter()
            .filter(|c| matches!(c.governor, Governor::Locative | Governor::Dative))
            .filter(|c| c.found == Found::Named && !possessor(c))
            .map(|c| (c.entity, c.first, true));
        let venues = self
            .mentions_of(sentence)
            .iter()
            .map(|&i| (&self.mentions[i], &self.mention_tokens[i]))
            .filter(|(m, _)| {
                let e = &self.entities[m.entity];
                e.ty == EntityType::Loc && !is_country(e)
            })
            .map(|(m, &(first, _))| {
                let mut k = first;
                while k > sentence.tokens.start && actors::is_determiner(&self.words[k - 1]) {
                    k -= 1;
                }
                let locative = k > sentence.tokens.start
                    && (matches!(
                        self.grammar(k - 1),
                        Some(Grammar::Locative | Grammar::Dative)
                    ) || self.words[k - 1].preposition);
                (m.entity, first, locative)
            });
        let (from, to) = clause;
        venues
            .chain(locative_countries)
            .min_by_key(|&(_, first, locative)| {
                (!(from..to).contains(&first), !locative, first.abs_diff(t))
            })
            .map(|(e, _, _)| e)
    }

    /// The resolved date nearest the trigger, in its clause first, then
    /// in its sentence.
    pub(crate) fn date(
        &self,
        sentence: &Sentence,
        t: usize,
        clause: (usize, usize),
    ) -> Option<String> {
        let at = self.doc.tokens[t].span().start;
        let (from, to) = clause;
        let clause_span = Span::new(
            self.doc.tokens[from].span().start,
            self.doc.tokens[to - 1].span().end,
        );
        self.dates
            .iter()
            .filter(|d| sentence.span.contains(&d.span) && d.value.is_some())
            .min_by_key(|d| (!clause_span.contains(&d.span), d.span.start.abs_diff(at)))
            .and_then(|d| d.value.clone())
    }
}
