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

/// The country entity with the most mentions; on a tie, the one whose
/// cities and regions the article names most (the Philippines over Hong
/// Kong, each named once, in an article at "the Manila airport"); then the
/// first named.
pub(crate) fn home_country(mentions: &[Mention], entities: &[Entity]) -> Option<usize> {
    // (entity, mentions, mentions of its places), in order of first mention.
    let mut counts: Vec<(usize, usize, usize)> = Vec::new();
    for m in mentions {
        if !entities.get(m.entity).is_some_and(is_country) {
            continue;
        }
        match counts.iter_mut().find(|(e, _, _)| *e == m.entity) {
            Some((_, n, _)) => *n += 1,
            None => counts.push((m.entity, 1, 0)),
        }
    }
    for m in mentions {
        let Some(place) = entities.get(m.entity).filter(|e| !is_country(e)) else {
            continue;
        };
        let Some(geo) = &place.geo else {
            continue;
        };
        let of = |e: &Entity| e.geo.as_ref().is_some_and(|g| g.country == geo.country);
        if let Some((_, _, p)) = counts.iter_mut().find(|(e, _, _)| of(&entities[*e])) {
            *p += 1;
        }
    }
    // The first of the most mentioned: `max_by_key` keeps the last.
    let most = counts.iter().map(|&(_, n, p)| (n, p)).max()?;
    counts
        .iter()
        .find(|&&(_, n, p)| (n, p) == most)
        .map(|&(e, _, _)| e)
}

/// How far into an article, in bytes, its dateline may stand (after
/// its headline).
const DATELINE_REACH: usize = 600;

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
        let meeting = self.words[t].trigger.is_some_and(|tr| tr.ty == "CONSULT");
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
            // "at the White House" and a meeting "au Kremlin" are venues,
            // "restricted access to X" a recipient.
            .filter(|c| {
                c.governor == Governor::Locative || meeting || is_country(&self.entities[c.entity])
            })
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
        let all: Vec<(usize, usize, bool)> = venues.chain(locative_countries).collect();
        let best = all
            .iter()
            .min_by_key(|&&(_, first, locative)| {
                (!(from..to).contains(&first), !locative, first.abs_diff(t))
            })
            .map(|&(e, _, _)| e)?;
        // "Police in Nigeria fired tear gas in the capital, Abuja": a
        // place of the clause inside the country says more.
        let inside = all
            .iter()
            .filter(|&&(e, first, _)| (from..to).contains(&first) && self.within_country(e, best))
            .min_by_key(|&&(_, first, _)| first.abs_diff(t))
            .map(|&(e, _, _)| e);
        Some(inside.unwrap_or(best))
    }

    /// Whether `place` is a city or region inside `country`, a country.
    pub(crate) fn within_country(&self, place: usize, country: usize) -> bool {
        let (p, c) = (&self.entities[place], &self.entities[country]);
        is_country(c)
            && !is_country(p)
            && p.geo
                .as_ref()
                .zip(c.geo.as_ref())
                .is_some_and(|(p, c)| p.country == c.country)
    }

    /// The city or region of the article's dateline ("CARACAS, Venezuela
    /// (AP) —", "MOSCOU, 3 juillet (Reuters) -"): a place in capitals
    /// opening one of its first paragraphs, the scene of what it reports
    /// in that place's country.
    pub(crate) fn dateline(&self) -> Option<usize> {
        let view = self.doc.text.view();
        self.mentions
            .iter()
            .zip(&self.mention_tokens)
            .take_while(|(m, _)| m.span.start < DATELINE_REACH)
            .find(|(m, &(first, _))| {
                let e = &self.entities[m.entity];
                let opens = first == 0 || self.doc.tokens[first].newline_before;
                let text = &view[m.span.start..m.span.end];
                opens
                    && e.ty == EntityType::Loc
                    && !is_country(e)
                    && e.geo.is_some()
                    && text.chars().count() >= 3
                    && !text.chars().any(char::is_lowercase)
            })
            .map(|(m, _)| m.entity)
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
        self.dates_of(sentence)
            .filter(|d| d.value.is_some())
            .min_by_key(|d| (!clause_span.contains(&d.span), d.span.start.abs_diff(at)))
            .and_then(|d| d.value.clone())
    }
}
