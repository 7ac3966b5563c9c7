//! # depeche-code: events in PLOVER, each with the sentence that reports it
//!
//! A dictionary coder, precise first. A trigger word of the language's
//! `events.tsv` (`rencontré`, `visite`, `struck`) reports an event; the
//! coder then reads the trigger's clause the way a reader would:
//!
//! - **Clauses.** Words of `event-grammar.tsv` cut a sentence into
//!   clauses: a relative pronoun ("X, qui a attaqué"), a complementiser
//!   ("a déclaré qu'ils acceptaient"), a semicolon or "mais". One event per
//!   clause: a later trigger in the same clause is its topic ("a discuté
//!   de coopération").
//! - **The source** is the nearest free actor before the trigger in its
//!   clause: a name, a title that one person of the article holds, or a
//!   demonym standing for its country ("des navires russes"). A name
//!   after a preposition is not a subject; after a locative one ("à
//!   Moscou") it is a place. With no actor in the clause, a subject
//!   pronoun takes the subject of the reporting clause or of the previous
//!   sentence, a relative clause takes its antecedent, a plural possessive
//!   ("leur réunion") the two sides of the last event, and a nominal
//!   trigger opening the sentence the first actor after it.
//! - **Passives** ("a été attaqué par X", "reçu par X" right after a
//!   name) turn round: the agent acts. A visit word whose subject is the
//!   host ("a reçu", "hosted") makes the host the target.
//! - **The target** is the first actor after the trigger that is not the
//!   source's side, preferring a free name or one after "avec"/"with",
//!   then a recipient place, then a name just after the trigger; "entre X et Y" names both sides; a
//!   visit with no named host is to the country of the place visited.
//! - **Where and when**: the venue nearest the trigger (a city or region,
//!   or a country after a locative preposition), in its clause first, and
//!   the resolved date nearest it; an assault with no place named is in
//!   the country assaulted. An event its retellings leave undated takes
//!   the last full date of its paragraph before it, the scene the
//!   paragraph set.
//! - **Modality**: words from `modality.tsv` just before the trigger make
//!   the event `negated`, `planned`, `hypothetical` or `reported-denied`;
//!   only `asserted` events are facts.
//!
//! Retellings of one event in an article (same type, actors of the same
//! side, compatible place and date) merge into one record that keeps every
//! evidence sentence and the most specific actors, place and date. The
//! CAMEO root code, QuadClass and intensity of each type come from
//! `data/plover.tsv`.

mod actors;
mod lexicon;
mod merge;

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use depeche_text::{Doc, Entity, Mention, Sentence, Span, TokenKind};
use memchr::memmem::Finder;

use actors::{candidates, is_country, Affiliations, Candidate, Found, Governor};
use lexicon::{Grammar, Lexicon, Trigger, Word};

/// A date the dates extractor found: where, and its resolved value.
#[derive(Clone, Debug)]
pub struct DateRef {
    /// The date words in the view.
    pub span: Span,
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, when resolved.
    pub value: Option<String>,
}

/// One coded event.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    /// PLOVER type.
    pub ty: &'static str,
    /// PLOVER mode, when the trigger says it.
    pub mode: Option<&'static str>,
    /// `asserted`, `planned`, `negated`, `hypothetical` or `reported-denied`.
    pub modality: &'static str,
    /// Entity index of who acts.
    pub source: Option<usize>,
    /// Entity index of whom it is done to.
    pub target: Option<usize>,
    /// Entity index of where.
    pub location: Option<usize>,
    /// When.
    pub date: Option<String>,
    /// CAMEO code: the trigger's own (3–4 digits) when its table gives
    /// one, else the type's root.
    pub cameo: &'static str,
    /// GDELT QuadClass.
    pub quad_class: u8,
    /// Intensity, -10 to +10.
    pub intensity: f32,
    /// The sentences that report it.
    pub evidence: Vec<Span>,
}

/// CAMEO root, QuadClass and intensity of a PLOVER type.
fn plover(ty: &str) -> (&'static str, u8, f32) {
    static TABLE: OnceLock<HashMap<&'static str, (&'static str, u8, f32)>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        depeche_lexicon::rows("plover.tsv")
            .filter(|r| r.len() >= 4)
            .map(|r| {
                (
                    r[0],
                    (r[1], r[2].parse().unwrap_or(0), r[3].parse().unwrap_or(0.0)),
                )
            })
            .collect()
    });
    table.get(ty).copied().unwrap_or(("", 0, 0.0))
}

/// Types whose two sides play the same part: a meeting of A and B is one
/// of B and A.
pub(crate) const SYMMETRIC: [&str; 3] = ["CONSULT", "COOPERATE", "AGREE"];

/// The country entity a place is in, when the article names it.
fn host_country(place: usize, entities: &[Entity]) -> Option<usize> {
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

/// How many tokens after its trigger a free name can be its target.
const NEAR: usize = 20;

/// What the coder reads once per document.
pub(crate) struct Reading<'a> {
    pub(crate) doc: &'a Doc,
    pub(crate) words: Vec<Word<'a>>,
    pub(crate) mentions: &'a [Mention],
    /// The token range of each mention, in the order of `mentions`.
    pub(crate) mention_tokens: Vec<(usize, usize)>,
    pub(crate) entities: &'a [Entity],
    pub(crate) dates: &'a [DateRef],
    pub(crate) sides: Affiliations<'a>,
    /// The word tokens that are demonyms or name a state's agents, in
    /// text order.
    pub(crate) demonyms: Vec<usize>,
    /// The country the article names most: whom "the police" or "the
    /// government" stand for when no other country is said.
    pub(crate) home: Option<usize>,
}

/// Types that, in the passive with no agent named, the state does:
/// arrests, bans, convictions.
const STATE_ACTS: [&str; 2] = ["COERCE", "SANCTION"];

/// The country entity with the most mentions, the first named on a tie.
fn home_country(mentions: &[Mention], entities: &[Entity]) -> Option<usize> {
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

/// What earlier sentences leave for pronouns, possessives and undated events.
#[derive(Default)]
struct Memory {
    subject: Option<usize>,
    pair: Option<(usize, usize)>,
    /// The last full date of the paragraph so far.
    day: Option<String>,
}

/// Codes the events of a document. `relays` are the entities that only
/// carried someone's words (outlets, channels): they never act.
pub fn code_events(
    doc: &Doc,
    mentions: &[Mention],
    entities: &[Entity],
    dates: &[DateRef],
    relays: &[usize],
) -> Vec<Event> {
    let lex = Lexicon::get(doc.lang.code);
    let mut buf = String::new();
    let words = read_words(doc, lex, &mut buf);
    let (triggers, demonyms) = trigger_and_demonym_tokens(doc, &words);
    let mention_tokens = actors::mention_tokens(doc, mentions);
    let reading = Reading {
        doc,
        mentions,
        entities,
        dates,
        sides: Affiliations::new(doc, &words, mentions, &mention_tokens, entities, lex),
        mention_tokens,
        demonyms,
        words,
        home: home_country(mentions, entities),
    };
    let mut events: Vec<Event> = Vec::new();
    let mut memory = Memory::default();
    let mut settings: Vec<Option<String>> = Vec::new();
    // Each title's searcher is built once for the document, not once a
    // sentence.
    let titles: Vec<(usize, Finder<'static>)> = actors::unique_titles(entities)
        .into_iter()
        .filter(|(e, _)| !relays.contains(e))
        .map(|(e, title)| (e, Finder::new(&title).into_owned()))
        .collect();
    let named = named_tokens(doc, mentions, &reading.mention_tokens);
    // The mentions of each sentence, as indices in the order of `mentions`.
    let mut inside: Vec<Vec<usize>> = vec![Vec::new(); doc.sentences.len()];
    for (i, m) in mentions.iter().enumerate() {
        if let Some(s) = doc.sentence_at(m.span.start) {
            if doc.sentences[s].span.contains(&m.span) {
                inside[s].push(i);
            }
        }
    }
    for (sentence, inside) in doc.sentences.iter().zip(&inside) {
        if doc
            .tokens
            .get(sentence.tokens.start)
            .is_some_and(|t| t.newline_before)
        {
            memory.day = None;
        }
        let cands = candidates(&reading, sentence, inside, &titles, relays);
        let mut coded_clauses: Vec<usize> = Vec::new();
        let mut first_source = None;
        for &t in within(&triggers, &sentence.tokens) {
            let Some(trigger) = reading.words[t].trigger else {
                continue;
            };
            // A trigger inside a name is part of it.
            if named[t] {
                continue;
            }
            if trigger.noun
                && t > sentence.tokens.start
                && reading.words[t - 1].grammar == Some(Grammar::Of)
            {
                continue;
            }
            let clause = reading.clause(sentence, t);
            if coded_clauses.contains(&clause.start) {
                continue;
            }
            let Some(event) = reading.code(sentence, &cands, t, trigger, &clause, &memory) else {
                continue;
            };
            coded_clauses.push(clause.start);
            first_source = first_source.or(event.source);
            memory.pair = event.source.zip(event.target);
            let at = merge::add(&mut events, event, &reading.sides, entities);
            if at == settings.len() {
                settings.push(memory.day.clone());
            }
        }
        // The last full date of the paragraph sets the scene for what
        // follows it undated ("Lors d'un sommet le 30 juillet ... La
        // Cédéao a décidé de sanctions").
        memory.day = reading
            .dates
            .iter()
            .filter(|d| sentence.span.contains(&d.span))
            .filter_map(|d| d.value.as_deref())
            .rfind(|v| v.len() == 10)
            .map(String::from)
            .or(memory.day.take());
        memory.subject = first_source
            .or_else(|| {
                cands
                    .iter()
                    .find(|c| c.governor == Governor::Free && c.found != Found::Demonym)
                    .map(|c| c.entity)
            })
            .or(memory.subject);
    }
    for (event, setting) in events.iter_mut().zip(settings) {
        if event.date.is_none() {
            event.date = setting;
        }
    }
    events
}

/// Every token as the coder reads it, looked up once per document (`buf`
/// holds the lowercase text when the document's own view cannot).
fn read_words<'a>(doc: &'a Doc, lex: &'a Lexicon, buf: &'a mut String) -> Vec<Word<'a>> {
    doc.lower_tokens(buf)
        .into_iter()
        .zip(&doc.tokens)
        .map(|(low, t)| lex.word(low, t.kind == TokenKind::Word))
        .collect()
}

/// The tokens with a trigger and the word tokens that are demonyms or
/// name a state's agents, in
/// text order: found in one pass over the document, so that each
/// sentence looks at its few instead of testing every token.
fn trigger_and_demonym_tokens(doc: &Doc, words: &[Word]) -> (Vec<usize>, Vec<usize>) {
    let (mut triggers, mut demonyms) = (Vec::new(), Vec::new());
    for (t, (word, token)) in words.iter().zip(&doc.tokens).enumerate() {
        if word.trigger.is_some() {
            triggers.push(t);
        }
        if (word.demonym.is_some() || word.agent) && token.kind == TokenKind::Word {
            demonyms.push(t);
        }
    }
    (triggers, demonyms)
}

/// The part of `tokens`, a sorted list of token indices, that lies in
/// `range`: a sentence's share of a per-document list.
pub(crate) fn within<'a>(tokens: &'a [usize], range: &Range<usize>) -> &'a [usize] {
    let from = tokens.partition_point(|&t| t < range.start);
    let to = tokens.partition_point(|&t| t < range.end);
    &tokens[from..to.max(from)]
}

/// Whether each token lies inside a mention, whose token ranges are
/// `ranges`: a trigger there is part of a name.
fn named_tokens(doc: &Doc, mentions: &[Mention], ranges: &[(usize, usize)]) -> Vec<bool> {
    let mut named = vec![false; doc.tokens.len()];
    for (m, &(first, end)) in mentions.iter().zip(ranges) {
        let end = end.min(doc.tokens.len());
        for (named, token) in named[first..end].iter_mut().zip(&doc.tokens[first..end]) {
            *named |= m.span.contains(&token.span);
        }
    }
    named
}

/// Where a trigger's clause starts, and the word that opened it.
struct Clause {
    start: usize,
    opener: Option<(Grammar, usize)>,
    /// A closed relative clause inside it, from its pronoun to its comma.
    skip: Option<(usize, usize)>,
}

impl Reading<'_> {
    fn grammar(&self, k: usize) -> Option<Grammar> {
        self.words[k].grammar
    }

    /// The clause of the trigger at token `t`.
    /// A relative clause closed by a comma before the trigger is set in
    /// its main clause and skipped ("X, qui contrôle l'est, a rencontré Y").
    fn clause(&self, sentence: &Sentence, t: usize) -> Clause {
        let mut skip = None;
        for k in (sentence.tokens.start..t).rev() {
            let g = self.grammar(k);
            if g == Some(Grammar::Relative) && skip.is_none() {
                if let Some(comma) = (k + 1..t).find(|&c| self.words[c].text == ",") {
                    skip = Some((k, comma));
                    continue;
                }
            }
            if let Some(g @ (Grammar::Relative | Grammar::Complementiser | Grammar::Break)) = g {
                return Clause {
                    start: k + 1,
                    opener: Some((g, k)),
                    skip,
                };
            }
        }
        Clause {
            start: sentence.tokens.start,
            opener: None,
            skip,
        }
    }

    /// The nearest candidate before token `before` from `from` on that
    /// can be a subject: a free name or title first, then a free demonym.
    fn subject(
        &self,
        cands: &[Candidate],
        from: usize,
        before: usize,
        skip: Option<(usize, usize)>,
    ) -> Option<usize> {
        let skipped = move |c: &&Candidate| skip.is_some_and(|(a, b)| (a..=b).contains(&c.first));
        let zone = move || {
            cands
                .iter()
                .rev()
                .filter(move |c| c.first >= from && c.end <= before)
                .filter(move |c| !skipped(c))
        };
        // "La délégation du ministère russe est arrivée": the body the
        // subject belongs to acts.
        zone()
            .find(|c| c.governor == Governor::Free && c.found != Found::Demonym)
            .or_else(|| zone().find(|c| c.governor == Governor::Free))
            .or_else(|| zone().find(|c| c.governor == Governor::Other && c.found == Found::Named))
            .map(|c| c.entity)
    }

    /// Codes one trigger, or nothing when its actors are not named.
    fn code(
        &self,
        sentence: &Sentence,
        cands: &[Candidate],
        t: usize,
        trigger: &Trigger,
        clause: &Clause,
        memory: &Memory,
    ) -> Option<Event> {
        let start = sentence.tokens.start;
        let auxiliary =
            (t.saturating_sub(2).max(start)..t).any(|k| self.grammar(k) == Some(Grammar::Passive));
        // A participle right after a name and with its agent right after
        // it is passive too ("Haftar reçu à Moscou par Poutine"), unless
        // set off by a comma as a description ("X, soutenu par l'ONU").
        let participle = t > start
            && self.words[t - 1].text != ","
            && cands.iter().any(|c| c.end <= t && c.end + 1 >= t)
            && cands
                .iter()
                .any(|c| c.governor == Governor::Agent && c.first > t && c.first <= t + 5);
        let passive = auxiliary || participle;
        let pronoun = (clause.start..t).any(|k| self.grammar(k) == Some(Grammar::Pronoun));
        let possessive = (t.saturating_sub(2).max(clause.start)..t)
            .any(|k| self.grammar(k) == Some(Grammar::Possessive));
        let after = |c: &&Candidate| c.first > t;
        let between: Vec<usize> = cands
            .iter()
            .filter(after)
            .skip_while(|c| c.governor != Governor::Between)
            .take_while(|c| c.governor == Governor::Between && c.first <= t + 12)
            .map(|c| c.entity)
            .collect();

        let mut source = self.subject(cands, clause.start, t, clause.skip);
        let mut target = None;
        if source.is_none() && possessive {
            (source, target) = (memory.pair.map(|p| p.0), memory.pair.map(|p| p.1));
        }
        if source.is_none() && pronoun {
            source = match clause.opener {
                Some((Grammar::Complementiser, k)) => self.subject(cands, start, k, None),
                _ => self.subject(cands, start, clause.start, None),
            }
            .or(memory.subject);
        }
        if source.is_none() {
            if let Some((Grammar::Relative, k)) = clause.opener {
                source = cands
                    .iter()
                    .rev()
                    .find(|c| c.end <= k && c.end + 2 >= k && c.governor != Governor::SourceCue)
                    .map(|c| c.entity);
            }
        }
        if source.is_none() && between.len() >= 2 {
            (source, target) = (Some(between[0]), Some(between[1]));
        }
        if source.is_none() && clause.start == start && !pronoun {
            // A nominal trigger opening the sentence ("In a meeting in
            // Tunis, X told Y"): the first free actor after it acts.
            source = cands
                .iter()
                .filter(after)
                .find(|c| c.governor == Governor::Free)
                .map(|c| c.entity);
        }
        let mut source = source?;
        let clause_end = (t + 1..sentence.tokens.end)
            .find(|&k| {
                matches!(
                    self.grammar(k),
                    Some(Grammar::Relative | Grammar::Complementiser | Grammar::Break)
                )
            })
            .unwrap_or(sentence.tokens.end);
        let location = self.location(cands, sentence, t, (clause.start, clause_end));
        // Whether the state acts for want of a named agent: it may act on
        // its own people.
        let mut by_state = false;
        if passive {
            // "X was arrested" with no agent: the state did it, the
            // article's country.
            let state_act = STATE_ACTS.contains(&trigger.ty) || trigger.mode == Some("release");
            let agent = cands
                .iter()
                .filter(after)
                .find(|c| c.governor == Governor::Agent)
                .map(|c| c.entity);
            by_state = agent.is_none() && state_act;
            target = Some(source);
            source = agent.or(self.home.filter(|_| state_act))?;
        }
        let target = target
            .or_else(|| {
                between
                    .iter()
                    .copied()
                    .find(|&b| !self.sides.one_side(source, b))
            })
            .or_else(|| {
                let stop = (t..sentence.tokens.end)
                    .find(|&k| self.grammar(k) == Some(Grammar::Break))
                    .unwrap_or(sentence.tokens.end);
                // A free name near the trigger or one after a target word
                // first ("avec X"), but not the subject of a reported
                // clause ("warned that the US will"); then a recipient
                // ("livré à l'Ukraine", "rendu visite à X"); then a name
                // right after the trigger behind any preposition
                // ("évacué de Libye").
                let open = || {
                    cands
                        .iter()
                        .filter(after)
                        .filter(move |c| c.end <= stop && c.found != Found::Demonym)
                        .filter(|c| !self.sides.one_side(source, c.entity))
                };
                let reported_subject = |c: &Candidate| {
                    (c.first.saturating_sub(3).max(t)..c.first)
                        .any(|k| self.grammar(k) == Some(Grammar::Complementiser))
                };
                let place =
                    |c: &Candidate| self.entities[c.entity].ty == depeche_text::EntityType::Loc;
                open()
                    .find(|c| {
                        (c.governor == Governor::Free
                            && c.first <= t + NEAR
                            && !reported_subject(c))
                            || c.governor == Governor::Target
                    })
                    .or_else(|| {
                        open().find(|c| {
                            c.governor == Governor::Dative
                                && (trigger.mode != Some("visit") || !place(c))
                        })
                    })
                    .or_else(|| {
                        // A visit's host may stand further ("sur invitation
                        // du maréchal X").
                        let visit = trigger.mode == Some("visit");
                        open().find(|c| {
                            c.governor == Governor::Other
                                && (c.first <= t + 6 || (visit && !place(c)))
                        })
                    })
                    .map(|c| c.entity)
            })
            .or_else(|| {
                // A visit's host is the country of the place visited.
                (trigger.mode == Some("visit"))
                    .then(|| host_country(location?, self.entities))
                    .flatten()
                    .filter(|&h| !self.sides.one_side(source, h))
            });
        // "X resigned": X leaves its own country's office, whoever else
        // the sentence names.
        let own = trigger.own && !passive;
        let target = match target {
            _ if own => self.home.filter(|&h| h != source)?,
            Some(target) => target,
            None => return None,
        };
        if source == target || (!own && !by_state && self.sides.one_side(source, target)) {
            return None;
        }
        let (source, target) = if trigger.host {
            (target, source)
        } else {
            (source, target)
        };
        // Fighting with no place named is in the country fought.
        // Anything else with no place named is in the article's country.
        let location = location
            .or_else(|| {
                (trigger.ty == "ASSAULT" && is_country(&self.entities[target])).then_some(target)
            })
            .or(self.home);
        let modality = (clause.start.max(t.saturating_sub(4))..t)
            .find_map(|k| self.words[k].modality)
            .unwrap_or("asserted");
        let phoned = trigger.call
            && cands.iter().any(|c| {
                c.entity == target
                    && c.first > t
                    && c.first <= t + 3
                    && self.entities[c.entity].ty == depeche_text::EntityType::Per
                    && (t + 1..c.first)
                        .all(|k| !self.words[k].preposition && self.grammar(k).is_none())
            });
        let (ty, mode) = if phoned {
            ("CONSULT", Some("phone"))
        } else {
            (trigger.ty, trigger.mode)
        };
        let (root, quad_class, intensity) = plover(ty);
        // The trigger's own CAMEO code, when it is of the type coded.
        let cameo = trigger.cameo.filter(|_| ty == trigger.ty).unwrap_or(root);
        Some(Event {
            ty,
            mode,
            modality,
            source: Some(source),
            target: Some(target),
            location,
            date: self.date(sentence, t, (clause.start, clause_end)),
            cameo,
            quad_class,
            intensity,
            evidence: vec![sentence.span],
        })
    }

    /// The venue nearest the trigger: a city or region, or a country after
    /// a locative preposition; places after a locative preposition first.
    fn location(
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
                .is_some_and(|w| matches!(w.text, "'s" | "’s" | "'" | "’"))
                || self.words[c.end - 1].text.ends_with("'s")
                || self.words[c.end - 1].text.ends_with("’s")
        };
        let locative_countries = cands
            .iter()
            .filter(|c| matches!(c.governor, Governor::Locative | Governor::Dative))
            .filter(|c| c.found == Found::Named && !possessor(c))
            .map(|c| (c.entity, c.first, true));
        let venues = self
            .mentions
            .iter()
            .zip(&self.mention_tokens)
            .filter(|(m, _)| sentence.span.contains(&m.span))
            .filter(|(m, _)| {
                let e = &self.entities[m.entity];
                e.ty == depeche_text::EntityType::Loc && !is_country(e)
            })
            .map(|(m, &(first, _))| {
                let mut k = first;
                while k > sentence.tokens.start && actors::is_determiner(self.words[k - 1].text) {
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
    fn date(&self, sentence: &Sentence, t: usize, clause: (usize, usize)) -> Option<String> {
        let at = self.doc.tokens[t].span.start;
        let (from, to) = clause;
        let clause_span = Span::new(
            self.doc.tokens[from].span.start,
            self.doc.tokens[to - 1].span.end,
        );
        self.dates
            .iter()
            .filter(|d| sentence.span.contains(&d.span) && d.value.is_some())
            .min_by_key(|d| (!clause_span.contains(&d.span), d.span.start.abs_diff(at)))
            .and_then(|d| d.value.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use depeche_text::{EntityType, Geo};

    #[test]
    fn the_listed_triggers_and_demonyms_are_those_a_scan_finds() {
        for (text, lang) in [
            ("Des navires russes ont attaqué la Tunisie, 12 fois.", "fr"),
            ("Russian warships attacked Tunisia after talks.", "en"),
        ] {
            let doc = Doc::new(text, Some(lang));
            let lex = Lexicon::get(lang);
            let mut buf = String::new();
            let words = read_words(&doc, lex, &mut buf);
            let scan = |keep: &dyn Fn(&Word) -> bool| {
                (0..doc.tokens.len())
                    .filter(|&t| doc.tokens[t].kind == TokenKind::Word && keep(&words[t]))
                    .collect::<Vec<_>>()
            };
            let (triggers, demonyms) = trigger_and_demonym_tokens(&doc, &words);
            assert_eq!(triggers, scan(&|w| w.trigger.is_some()), "{text}");
            assert_eq!(demonyms, scan(&|w| w.demonym.is_some()), "{text}");
            assert!(!triggers.is_empty() && !demonyms.is_empty());
        }
    }

    #[test]
    fn within_keeps_the_tokens_of_a_range() {
        let tokens = [1, 4, 5, 9, 12];
        assert_eq!(within(&tokens, &(4..10)), [4, 5, 9]);
        assert_eq!(within(&tokens, &(0..1)), [] as [usize; 0]);
        assert_eq!(within(&tokens, &(12..13)), [12]);
        assert_eq!(within(&tokens, &(6..9)), [] as [usize; 0]);
    }

    fn entity(name: &str, ty: EntityType, kind: Option<&str>) -> Entity {
        Entity {
            name: name.into(),
            ty,
            key: name.to_lowercase(),
            roles: Vec::new(),
            geo: kind.map(|k| Geo {
                lat: 0.0,
                lon: 0.0,
                country: String::new(),
                geonames_id: None,
                kind: k.into(),
            }),
        }
    }

    fn code(
        text: &str,
        lang: &str,
        names: &[(&str, EntityType, Option<&str>)],
    ) -> (Vec<Event>, Vec<Entity>) {
        let doc = Doc::new(text, Some(lang));
        let entities: Vec<Entity> = names.iter().map(|(n, t, k)| entity(n, *t, *k)).collect();
        let mut mentions: Vec<Mention> = names
            .iter()
            .enumerate()
            .map(|(e, (n, t, _))| {
                let start = doc.text.view().find(n).expect("name in text");
                Mention {
                    span: Span::new(start, start + n.len()),
                    ty: *t,
                    entity: e,
                }
            })
            .collect();
        mentions.sort_by_key(|m| m.span.start);
        (code_events(&doc, &mentions, &entities, &[], &[]), entities)
    }

    #[test]
    fn french_meeting_between_two_people_in_a_city() {
        let (events, _) = code(
            "Le ministre Jean Dupont a rencontré Ali Ahmed à Tunis.",
            "fr",
            &[
                ("Jean Dupont", EntityType::Per, None),
                ("Ali Ahmed", EntityType::Per, None),
                ("Tunis", EntityType::Loc, Some("city")),
            ],
        );
        assert_eq!(events.len(), 1);
        let e = &events[0];
        assert_eq!(
            (e.ty, e.mode, e.modality),
            ("CONSULT", Some("meet"), "asserted")
        );
        assert_eq!(
            (e.source, e.target, e.location),
            (Some(0), Some(1), Some(2))
        );
        assert_eq!((e.cameo, e.quad_class), ("040", 1));
    }

    #[test]
    fn english_strike_by_a_country_on_a_group() {
        let (events, _) = code(
            "Israel struck Hamas positions overnight.",
            "en",
            &[
                ("Israel", EntityType::Loc, Some("country")),
                ("Hamas", EntityType::Org, None),
            ],
        );
        assert_eq!(events[0].ty, "ASSAULT");
        assert_eq!((events[0].source, events[0].target), (Some(0), Some(1)));
    }

    #[test]
    fn negation_and_plans_are_not_asserted() {
        let (events, _) = code(
            "La France n'a pas sanctionné le Mali.",
            "fr",
            &[
                ("France", EntityType::Loc, Some("country")),
                ("Mali", EntityType::Loc, Some("country")),
            ],
        );
        assert_eq!(events[0].modality, "negated");
        let (events, _) = code(
            "Russia will deploy troops to Belarus.",
            "en",
            &[
                ("Russia", EntityType::Loc, Some("country")),
                ("Belarus", EntityType::Loc, Some("country")),
            ],
        );
        assert_eq!((events[0].ty, events[0].modality), ("MOBILIZE", "planned"));
    }

    #[test]
    fn a_nominal_trigger_opening_the_sentence_takes_the_actors_after_it() {
        let (events, _) = code(
            "In a meeting in Tunis, Ali Ahmed told Jean Dupont about the plan.",
            "en",
            &[
                ("Tunis", EntityType::Loc, Some("city")),
                ("Ali Ahmed", EntityType::Per, None),
                ("Jean Dupont", EntityType::Per, None),
            ],
        );
        assert_eq!(
            (
                events[0].ty,
                events[0].source,
                events[0].target,
                events[0].location
            ),
            ("CONSULT", Some(1), Some(2), Some(0))
        );
    }

    #[test]
    fn a_visit_s_host_is_the_country_of_the_place_visited() {
        let doc_names = [
            ("Tunisie", EntityType::Loc, Some("country")),
            ("Ali Ahmed", EntityType::Per, None),
            ("Sfax", EntityType::Loc, Some("city")),
        ];
        let doc = Doc::new(
            "La Tunisie attend. Ali Ahmed s'est rendu à Sfax.",
            Some("fr"),
        );
        let mut entities: Vec<Entity> = doc_names
            .iter()
            .map(|(n, t, k)| entity(n, *t, *k))
            .collect();
        for e in entities.iter_mut() {
            if let Some(g) = e.geo.as_mut() {
                g.country = "TN".into();
            }
        }
        let mentions: Vec<Mention> = doc_names
            .iter()
            .enumerate()
            .map(|(e, (n, t, _))| {
                let start = doc.text.view().find(n).expect("name");
                Mention {
                    span: Span::new(start, start + n.len()),
                    ty: *t,
                    entity: e,
                }
            })
            .collect();
        let events = code_events(&doc, &mentions, &entities, &[], &[]);
        assert_eq!(
            (
                events[0].ty,
                events[0].mode,
                events[0].source,
                events[0].target
            ),
            ("CONSULT", Some("visit"), Some(1), Some(0))
        );
    }

    #[test]
    fn no_event_without_two_actors() {
        let (events, _) = code(
            "Des manifestants ont défilé à Dakar.",
            "fr",
            &[("Dakar", EntityType::Loc, Some("city"))],
        );
        assert!(events.is_empty());
    }

    #[test]
    fn retellings_merge_with_every_sentence_kept() {
        let (events, _) = code(
            "Ali Ahmed a rencontré Jean Dupont. Plus tard, Ali Ahmed a de nouveau rencontré Jean Dupont.",
            "fr",
            &[("Ali Ahmed", EntityType::Per, None), ("Jean Dupont", EntityType::Per, None)],
        );
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].evidence.len(), 1);
    }

    /// An entity of a test article: its name, type, key, place kind and
    /// country code, and the titles it holds.
    struct Named<'a> {
        name: &'a str,
        ty: EntityType,
        key: &'a str,
        place: Option<(&'a str, &'a str)>,
        roles: &'a [&'a str],
    }

    fn per<'a>(name: &'a str) -> Named<'a> {
        Named {
            name,
            ty: EntityType::Per,
            key: name,
            place: None,
            roles: &[],
        }
    }

    fn country<'a>(name: &'a str, key: &'a str, cc: &'a str) -> Named<'a> {
        Named {
            name,
            ty: EntityType::Loc,
            key,
            place: Some(("country", cc)),
            roles: &[],
        }
    }

    fn city<'a>(name: &'a str, cc: &'a str) -> Named<'a> {
        Named {
            name,
            ty: EntityType::Loc,
            key: name,
            place: Some(("city", cc)),
            roles: &[],
        }
    }

    /// Codes `text` with every occurrence of each name as a mention.
    fn code_all(text: &str, lang: &str, names: &[Named]) -> (Vec<Event>, Vec<Entity>) {
        code_dated(text, lang, names, &[])
    }

    /// Codes `text` with every occurrence of each name as a mention and
    /// each `(words, value)` date at its first occurrence.
    fn code_dated(
        text: &str,
        lang: &str,
        names: &[Named],
        dated: &[(&str, &str)],
    ) -> (Vec<Event>, Vec<Entity>) {
        let doc = Doc::new(text, Some(lang));
        let view = doc.text.view();
        let entities: Vec<Entity> = names
            .iter()
            .map(|n| Entity {
                name: n.name.into(),
                ty: n.ty,
                key: n.key.into(),
                roles: n
                    .roles
                    .iter()
                    .map(|t| depeche_text::Role {
                        title: t.to_string(),
                        kind: "political".into(),
                        of: None,
                        span: Span::new(0, 0),
                    })
                    .collect(),
                geo: n.place.map(|(kind, cc)| Geo {
                    lat: 0.0,
                    lon: 0.0,
                    country: cc.into(),
                    geonames_id: None,
                    kind: kind.into(),
                }),
            })
            .collect();
        let mut mentions: Vec<Mention> = Vec::new();
        for (e, n) in names.iter().enumerate() {
            for (start, _) in view.match_indices(n.name) {
                let span = Span::new(start, start + n.name.len());
                if !mentions.iter().any(|m| m.span.overlaps(&span)) {
                    mentions.push(Mention {
                        span,
                        ty: n.ty,
                        entity: e,
                    });
                }
            }
        }
        mentions.sort_by_key(|m| m.span.start);
        let dates: Vec<DateRef> = dated
            .iter()
            .map(|(words, value)| {
                let at = view.find(words).expect("date in text");
                DateRef {
                    span: Span::new(at, at + words.len()),
                    value: Some(value.to_string()),
                }
            })
            .collect();
        (
            code_events(&doc, &mentions, &entities, &dates, &[]),
            entities,
        )
    }

    /// The type, source key and target key of each event.
    fn triples(events: &[Event], entities: &[Entity]) -> Vec<(String, String, String)> {
        let key = |e: Option<usize>| e.map_or("-".to_string(), |e| entities[e].key.clone());
        events
            .iter()
            .map(|e| (e.ty.to_string(), key(e.source), key(e.target)))
            .collect()
    }

    fn t(ty: &str, s: &str, o: &str) -> (String, String, String) {
        (ty.into(), s.into(), o.into())
    }

    #[test]
    fn a_possessor_before_a_named_official_does_not_act() {
        let (ev, ents) = code_all(
            "In a meeting in Tunis, Tunisia's foreign minister Ali Ahmed told Jean Dupont about the plan.",
            "en",
            &[city("Tunis", "TN"), country("Tunisia", "tunisia", "TN"), per("Ali Ahmed"), per("Jean Dupont")],
        );
        assert_eq!(
            triples(&ev, &ents),
            [t("CONSULT", "Ali Ahmed", "Jean Dupont")]
        );
    }

    #[test]
    fn between_names_both_sides_of_a_nominal_trigger() {
        let (ev, ents) = code_all(
            "La délégation est venue pour une visite qui fait suite aux négociations entre la France et le Mali.",
            "fr",
            &[country("France", "france", "FR"), country("Mali", "mali", "ML")],
        );
        assert_eq!(triples(&ev, &ents), [t("CONSULT", "france", "mali")]);
    }

    #[test]
    fn a_passive_trigger_s_agent_acts_and_a_host_is_the_target() {
        let (ev, ents) = code_all(
            "La France a été attaquée par le Mali.",
            "fr",
            &[
                country("France", "france", "FR"),
                country("Mali", "mali", "ML"),
            ],
        );
        assert_eq!(triples(&ev, &ents), [t("ASSAULT", "mali", "france")]);
        let (ev, ents) = code_all(
            "Ali Ahmed reçu à Tunis par Jean Dupont",
            "fr",
            &[per("Ali Ahmed"), per("Jean Dupont"), city("Tunis", "TN")],
        );
        assert_eq!(
            triples(&ev, &ents),
            [t("CONSULT", "Ali Ahmed", "Jean Dupont")]
        );
        let (ev, ents) = code_all(
            "Jean Dupont received Ali Ahmed in Tunis.",
            "en",
            &[per("Ali Ahmed"), per("Jean Dupont"), city("Tunis", "TN")],
        );
        assert_eq!(
            triples(&ev, &ents),
            [t("CONSULT", "Ali Ahmed", "Jean Dupont")]
        );
        let (ev, ents) = code_all(
            "Ali Ahmed a été reçu par Jean Dupont à Tunis.",
            "fr",
            &[per("Ali Ahmed"), per("Jean Dupont"), city("Tunis", "TN")],
        );
        assert_eq!(
            triples(&ev, &ents),
            [t("CONSULT", "Ali Ahmed", "Jean Dupont")]
        );
        assert_eq!(ev[0].location, Some(2));
    }

    #[test]
    fn a_relative_clause_acts_through_its_antecedent() {
        let (ev, ents) = code_all(
            "Le Mali accuse Ali Ahmed, qui a attaqué la France.",
            "fr",
            &[
                country("Mali", "mali", "ML"),
                per("Ali Ahmed"),
                country("France", "france", "FR"),
            ],
        );
        assert_eq!(
            triples(&ev, &ents),
            [
                t("ACCUSE", "mali", "Ali Ahmed"),
                t("ASSAULT", "Ali Ahmed", "france")
            ]
        );
    }

    #[test]
    fn a_subject_pronoun_is_the_previous_sentence_s_actor() {
        let (ev, ents) = code_all(
            "Ali Ahmed est resté chez lui. Il a rencontré Jean Dupont mardi.",
            "fr",
            &[per("Ali Ahmed"), per("Jean Dupont")],
        );
        assert_eq!(
            triples(&ev, &ents),
            [t("CONSULT", "Ali Ahmed", "Jean Dupont")]
        );
        let (ev, ents) = code_all(
            "Ali Ahmed stayed home. He later met Jean Dupont.",
            "en",
            &[per("Ali Ahmed"), per("Jean Dupont")],
        );
        assert_eq!(
            triples(&ev, &ents),
            [t("CONSULT", "Ali Ahmed", "Jean Dupont")]
        );
    }

    #[test]
    fn a_title_one_person_holds_stands_for_that_person() {
        let ahmed = Named {
            roles: &["vice-ministre tunisien de la Défense"],
            ..per("Ali Ahmed")
        };
        let (ev, ents) = code_all(
            "Le vice-ministre tunisien de la Défense, Ali Ahmed, est à Paris. Le vice-ministre tunisien de la Défense a rencontré Jean Dupont.",
            "fr",
            &[ahmed, per("Jean Dupont"), city("Paris", "FR")],
        );
        assert_eq!(
            triples(&ev, &ents),
            [t("CONSULT", "Ali Ahmed", "Jean Dupont")]
        );
    }

    #[test]
    fn a_demonym_stands_for_its_country() {
        let (ev, ents) = code_all(
            "La Russie dément. Des navires russes ont attaqué la Tunisie.",
            "fr",
            &[
                country("Russie", "russia", "RU"),
                country("Tunisie", "tunisia", "TN"),
            ],
        );
        assert_eq!(triples(&ev, &ents), [t("ASSAULT", "russia", "tunisia")]);
        let (ev, ents) = code_all(
            "Russia denies it. Russian warships attacked Tunisia.",
            "en",
            &[
                country("Russia", "russia", "RU"),
                country("Tunisia", "tunisia", "TN"),
            ],
        );
        assert_eq!(triples(&ev, &ents), [t("ASSAULT", "russia", "tunisia")]);
    }

    #[test]
    fn a_recipient_after_a_dative_is_the_target_but_a_place_visited_is_not() {
        let (ev, ents) = code_all(
            "La France a livré des armes à l'Ukraine.",
            "fr",
            &[
                country("France", "france", "FR"),
                country("Ukraine", "ukraine", "UA"),
            ],
        );
        assert_eq!(triples(&ev, &ents), [t("AID", "france", "ukraine")]);
        let (ev, ents) = code_all(
            "Ali Ahmed a visité à Tunis la Tunisie.",
            "fr",
            &[
                per("Ali Ahmed"),
                city("Tunis", "TN"),
                country("Tunisie", "tunisia", "TN"),
            ],
        );
        assert_eq!(triples(&ev, &ents), [t("CONSULT", "Ali Ahmed", "tunisia")]);
        assert_eq!(ev[0].location, Some(1));
    }

    #[test]
    fn the_subject_of_a_reported_clause_is_not_the_target() {
        let (ev, ents) = code_all(
            "Joe Smith warned that France will not tolerate Mali's attacks.",
            "en",
            &[
                per("Joe Smith"),
                country("France", "france", "FR"),
                country("Mali", "mali", "ML"),
            ],
        );
        assert_eq!(triples(&ev, &ents), [t("THREATEN", "Joe Smith", "mali")]);
    }

    #[test]
    fn a_reporter_and_a_place_are_not_actors() {
        let (ev, ents) = code_all(
            "American jets struck Yemen sites, according to US officials.",
            "en",
            &[
                country("Yemen", "yemen", "YE"),
                country("US", "united-states", "US"),
            ],
        );
        assert_eq!(
            triples(&ev, &ents),
            [t("ASSAULT", "united-states", "yemen")]
        );
    }

    #[test]
    fn one_event_per_clause() {
        let (ev, ents) = code_all(
            "Ali Ahmed a discuté de la coopération militaire avec Jean Dupont.",
            "fr",
            &[per("Ali Ahmed"), per("Jean Dupont")],
        );
        assert_eq!(
            triples(&ev, &ents),
            [t("CONSULT", "Ali Ahmed", "Jean Dupont")]
        );
    }

    #[test]
    fn a_retelling_by_a_country_and_by_its_minister_is_one_event_with_the_minister() {
        let ahmed = Named {
            roles: &["ministre russe"],
            ..per("Ali Ahmed")
        };
        let (ev, ents) = code_all(
            "La Russie a attaqué la Tunisie. Le ministre russe Ali Ahmed a attaqué la Tunisie.",
            "fr",
            &[
                country("Russie", "russia", "RU"),
                country("Tunisie", "tunisia", "TN"),
                ahmed,
            ],
        );
        assert_eq!(triples(&ev, &ents), [t("ASSAULT", "Ali Ahmed", "tunisia")]);
        assert_eq!(ev[0].evidence.len(), 2);
    }

    #[test]
    fn meetings_in_two_cities_are_two_events() {
        let (ev, _) = code_all(
            "Ali Ahmed a rencontré Jean Dupont à Tunis. Ali Ahmed a rencontré Jean Dupont à Sfax.",
            "fr",
            &[
                per("Ali Ahmed"),
                per("Jean Dupont"),
                city("Tunis", "TN"),
                city("Sfax", "TN"),
            ],
        );
        assert_eq!(ev.len(), 2);
    }

    /// One sentence per PLOVER type and language: "Mali <verb> Niger".
    #[test]
    fn every_type_in_both_languages() {
        let cases = [
            (
                "AGREE",
                "Le Mali a signé avec le Niger.",
                "Mali signed with Niger.",
            ),
            (
                "CONSULT",
                "Le Mali a rencontré le Niger.",
                "Mali met Niger.",
            ),
            (
                "SUPPORT",
                "Le Mali soutient le Niger.",
                "Mali backed Niger.",
            ),
            (
                "CONCEDE",
                "Le Mali a fait des concessions au Niger.",
                "Mali conceded to Niger.",
            ),
            (
                "COOPERATE",
                "Le Mali coopère avec le Niger.",
                "Mali cooperates with Niger.",
            ),
            ("AID", "Le Mali a livré le Niger.", "Mali supplied Niger."),
            (
                "RETREAT",
                "Le Mali a retiré ses troupes du Niger.",
                "Mali withdrew from Niger.",
            ),
            (
                "REQUEST",
                "Le Mali a exigé du Niger une réponse.",
                "Mali demanded Niger answer.",
            ),
            ("ACCUSE", "Le Mali accuse le Niger.", "Mali accused Niger."),
            (
                "REJECT",
                "Le Mali a rejeté le Niger.",
                "Mali rejected Niger.",
            ),
            (
                "THREATEN",
                "Le Mali menace le Niger.",
                "Mali threatened Niger.",
            ),
            (
                "PROTEST",
                "Le Mali manifeste contre le Niger.",
                "Mali protested against Niger.",
            ),
            (
                "SANCTION",
                "Le Mali sanctionne le Niger.",
                "Mali sanctioned Niger.",
            ),
            (
                "MOBILIZE",
                "Le Mali a déployé ses troupes contre le Niger.",
                "Mali deployed troops against Niger.",
            ),
            (
                "COERCE",
                "Le Mali a expulsé le Niger.",
                "Mali expelled Niger.",
            ),
            (
                "ASSAULT",
                "Le Mali a attaqué le Niger.",
                "Mali attacked Niger.",
            ),
        ];
        for (ty, fr, en) in cases {
            for (text, lang) in [(fr, "fr"), (en, "en")] {
                let (ev, ents) = code_all(
                    text,
                    lang,
                    &[
                        country("Mali", "mali", "ML"),
                        country("Niger", "niger", "NE"),
                    ],
                );
                assert_eq!(triples(&ev, &ents), [t(ty, "mali", "niger")], "{text}");
                assert_eq!(ev[0].modality, "asserted", "{text}");
            }
        }
    }

    /// Every modality in both languages.
    #[test]
    fn every_modality_in_both_languages() {
        let cases = [
            (
                "asserted",
                "Le Mali a attaqué le Niger.",
                "Mali attacked Niger.",
            ),
            (
                "negated",
                "Le Mali n'a pas attaqué le Niger.",
                "Mali did not attack Niger.",
            ),
            (
                "planned",
                "Le Mali va attaquer le Niger.",
                "Mali will attack Niger.",
            ),
            (
                "hypothetical",
                "Le Mali pourrait attaquer le Niger.",
                "Mali could attack Niger.",
            ),
            (
                "reported-denied",
                "Le Mali a démenti avoir attaqué le Niger.",
                "Mali denied attacking Niger.",
            ),
        ];
        for (modality, fr, en) in cases {
            for (text, lang) in [(fr, "fr"), (en, "en")] {
                let (ev, _) = code_all(
                    text,
                    lang,
                    &[
                        country("Mali", "mali", "ML"),
                        country("Niger", "niger", "NE"),
                    ],
                );
                assert_eq!(ev.len(), 1, "{text}");
                assert_eq!((ev[0].ty, ev[0].modality), ("ASSAULT", modality), "{text}");
            }
        }
    }

    #[test]
    fn an_undated_event_takes_the_last_full_date_of_its_paragraph() {
        let (ev, _) = code_dated(
            "Un sommet a eu lieu le 30 juillet. Le Mali a sanctionné le Niger.\nLe Mali a attaqué le Niger.",
            "fr",
            &[country("Mali", "mali", "ML"), country("Niger", "niger", "NE")],
            &[("30 juillet", "2023-07-30")],
        );
        let dated: Vec<(&str, Option<&str>)> =
            ev.iter().map(|e| (e.ty, e.date.as_deref())).collect();
        assert_eq!(dated, [("SANCTION", Some("2023-07-30")), ("ASSAULT", None)]);
    }

    #[test]
    fn calling_a_person_is_a_phone_call_and_calling_on_a_body_a_request() {
        let (ev, ents) = code_all(
            "Ali Ahmed a appelé Jean Dupont dimanche.",
            "fr",
            &[per("Ali Ahmed"), per("Jean Dupont")],
        );
        assert_eq!(
            triples(&ev, &ents),
            [t("CONSULT", "Ali Ahmed", "Jean Dupont")]
        );
        assert_eq!(ev[0].mode, Some("phone"));
        let (ev, ents) = code_all(
            "Mali called for Niger to withdraw.",
            "en",
            &[
                country("Mali", "mali", "ML"),
                country("Niger", "niger", "NE"),
            ],
        );
        assert_eq!(triples(&ev, &ents), [t("REQUEST", "mali", "niger")]);
    }

    #[test]
    fn a_state_s_agents_stand_for_the_article_s_country() {
        let names = [country("Ecuador", "ecuador", "EC"), per("Ana Ruiz")];
        let (ev, ents) = code_all(
            "Ecuador is tense. The police arrested Ana Ruiz on Monday.",
            "en",
            &names,
        );
        assert_eq!(
            triples(&ev, &ents),
            vec![t("COERCE", "ecuador", "Ana Ruiz")]
        );
        let (ev, ents) = code_all(
            "L'Équateur est tendu. La police a arrêté Ana Ruiz lundi.",
            "fr",
            &[country("Équateur", "ecuador", "EC"), per("Ana Ruiz")],
        );
        assert_eq!(
            triples(&ev, &ents),
            vec![t("COERCE", "ecuador", "Ana Ruiz")]
        );
    }

    #[test]
    fn a_state_s_agents_beside_a_demonym_are_that_country() {
        let names = [
            country("Ecuador", "ecuador", "EC"),
            country("Peru", "peru", "PE"),
            per("Ana Ruiz"),
        ];
        let (ev, ents) = code_all(
            "Ecuador and Peru talk. Ecuador is calm. The Peruvian police arrested Ana Ruiz.",
            "en",
            &names,
        );
        assert!(triples(&ev, &ents).contains(&t("COERCE", "peru", "Ana Ruiz")));
    }

    #[test]
    fn a_resignation_leaves_the_article_s_country() {
        let (ev, ents) = code_all(
            "Ana Ruiz, prime minister of Ecuador, resigned after meeting Jean Dupont.",
            "en",
            &[
                per("Ana Ruiz"),
                country("Ecuador", "ecuador", "EC"),
                per("Jean Dupont"),
            ],
        );
        assert_eq!(
            triples(&ev, &ents),
            vec![t("RETREAT", "Ana Ruiz", "ecuador")]
        );
        assert_eq!(ev[0].mode, Some("resign"));
        let (ev, ents) = code_all(
            "Ana Ruiz, Premier ministre de l'Équateur, a démissionné lundi.",
            "fr",
            &[per("Ana Ruiz"), country("Équateur", "ecuador", "EC")],
        );
        assert_eq!(
            triples(&ev, &ents),
            vec![t("RETREAT", "Ana Ruiz", "ecuador")]
        );
    }

    #[test]
    fn an_arrest_with_no_agent_is_the_state_s() {
        let (ev, ents) = code_all(
            "Ana Ruiz was arrested in Ecuador on Monday.",
            "en",
            &[country("Ecuador", "ecuador", "EC"), per("Ana Ruiz")],
        );
        assert_eq!(
            triples(&ev, &ents),
            vec![t("COERCE", "ecuador", "Ana Ruiz")]
        );
        let (ev, ents) = code_all(
            "Ana Ruiz a été arrêtée en Équateur lundi.",
            "fr",
            &[country("Équateur", "ecuador", "EC"), per("Ana Ruiz")],
        );
        assert_eq!(
            triples(&ev, &ents),
            vec![t("COERCE", "ecuador", "Ana Ruiz")]
        );
    }

    #[test]
    fn a_meeting_with_no_agent_is_no_event() {
        let (ev, _) = code_all(
            "In Ecuador, Ana Ruiz was received on Monday.",
            "en",
            &[country("Ecuador", "ecuador", "EC"), per("Ana Ruiz")],
        );
        assert!(ev.is_empty());
    }

    #[test]
    fn a_trigger_of_the_cameo_table_carries_its_code() {
        let (ev, ents) = code_all(
            "Mali thanked Niger.",
            "en",
            &[
                country("Mali", "mali", "ML"),
                country("Niger", "niger", "NE"),
            ],
        );
        assert_eq!(triples(&ev, &ents), vec![t("SUPPORT", "mali", "niger")]);
        assert_eq!((ev[0].cameo, ev[0].quad_class), ("051", 1));
        let (ev, _) = code_all(
            "Le Mali a remercié le Niger.",
            "fr",
            &[
                country("Mali", "mali", "ML"),
                country("Niger", "niger", "NE"),
            ],
        );
        assert_eq!(ev[0].cameo, "051");
    }
}
