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
//!   de coopération"), unless it is a verb coordinated with the coded one
//!   ("fired tear gas and arrested protesters"), which shares its subject
//!   and has its own objects, or an act right after "after"/"après"
//!   ("resigned after meeting X"), done by the same subject unless its
//!   noun names who.
//! - **The source** is the nearest free actor before the trigger in its
//!   clause: a name, a title that one person of the article holds, or a
//!   demonym standing for its country ("des navires russes"). A name
//!   after a preposition is not a subject; after a locative one ("à
//!   Moscou") it is a place. With no actor in the clause, a subject
//!   pronoun takes the subject of the reporting clause or of the previous
//!   sentence, a relative clause takes its antecedent, a plural possessive
//!   ("leur réunion") the two sides of the last event, and a nominal
//!   trigger opening the sentence the first actor after it. A demonym
//!   qualifying the trigger, on the side where the language puts its
//!   adjectives, is the state that acts ("Israeli air strikes",
//!   "frappes israéliennes"); a participle right after a comma
//!   ("…, rejetant l'appel de X") is the doing of the main clause's
//!   subject.
//! - **Phrases** of the tables ("stepped down", "arrivé au pouvoir") are
//!   one trigger on their first word, or none.
//! - **Nouns** with an article and "de"/"of" ("la démission de X",
//!   "l'arrestation de X par Y") take their actors from their complements.
//! - **Passives** ("a été attaqué par X", "reçu par X" right after a
//!   name) turn round: the agent acts. So does a state's act named as a
//!   state its subject is in ("X est en détention", "in police custody"). A visit word whose subject is the
//!   host ("a reçu", "hosted") makes the host the target.
//! - **The target** is the first actor after the trigger that is not the
//!   source's side, preferring a free name or one after "avec"/"with",
//!   then a recipient place, then a name just after the trigger; "entre X et Y" names both sides; a
//!   visit with no named host is to the country of the place visited; a
//!   state's strikes with no one named hit the place named after them;
//!   power seized (form `home`) with no one named is the country's.
//! - **Where and when**: the venue nearest the trigger (a city or region,
//!   or a country after a locative preposition), in its clause first, and
//!   the resolved date nearest it; an assault with no place named is in
//!   the country assaulted; a city of the clause inside the country named
//!   says more, and an event placed only in the country of the article's
//!   dateline ("CARACAS, Venezuela (AP) —") is at the dateline's place.
//!   An event its retellings leave undated takes
//!   the last full date of its paragraph before it, the scene the
//!   paragraph set, else the last one of the paragraphs before.
//! - **Crowds**: a protest trigger with a crowd word before it ("des
//!   manifestants", "demonstrators") is the crowd's country protesting,
//!   against whom the clause names after the trigger, else its own state.
//! - **A state's own people**: a trigger of form `people` (tear gas, a
//!   curfew, an internet shutdown) with no target named is done by the
//!   state to its own people.
//! - **Modality**: words from `modality.tsv` just before the trigger make
//!   the event `negated`, `planned`, `hypothetical` or `reported-denied`;
//!   only `asserted` events are facts. An act a request asks for ("called
//!   for the release of X", "exigent que X démissionne") is hypothetical,
//!   and whom the request asks to act is its target.
//!
//! Retellings of one event in an article (same type, actors of the same
//! side, compatible place and date) merge into one record that keeps every
//! evidence sentence and the most specific actors, place and date. The
//! CAMEO root code, QuadClass and intensity of each type come from
//! `data/plover.tsv`.

mod actors;
mod clauses;
mod crowd;
mod figures;
mod lexicon;
mod merge;
mod nominal;
mod roles;
mod setting;
mod words;

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use depeche_text::{DateMention, Doc, Entity, EntityType, Mention, Sentence, Span, TokenKind};
use memchr::memmem::Finder;

pub use figures::Figure;

use actors::{candidates, is_country, is_determiner, Affiliations, Candidate, Found, Governor};
use clauses::Clause;
use lexicon::{Grammar, Lexicon, Trigger};
use setting::home_country;
use words::Words;

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
    /// Whether a crowd standing for its country acts ("des
    /// manifestants"): its retellings from city to city are one protest.
    pub crowd: bool,
    /// How many it killed, injured, arrested, displaced or gathered, as
    /// its sentences or paragraphs say (`figures.rs`).
    pub figures: Vec<Figure>,
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

/// Types that, vowed or threatened ("a promis de lancer une offensive",
/// "threatened to arrest"), are a threat: CAMEO's threats of force,
/// repression and sanctions.
const FORCE: [&str; 3] = ["ASSAULT", "COERCE", "SANCTION"];

/// The type, mode and modality of an event whose trigger has modality
/// `modality`: force vowed is a threat made, anything else vowed a plan.
fn threatened(
    ty: &'static str,
    mode: Option<&'static str>,
    modality: &'static str,
) -> (&'static str, Option<&'static str>, &'static str) {
    match modality {
        "threat" if FORCE.contains(&ty) => {
            let mode = (ty == "ASSAULT").then_some("violence");
            ("THREATEN", mode, "asserted")
        }
        "threat" => (ty, mode, "planned"),
        _ => (ty, mode, modality),
    }
}

/// Tokens after a host's visit word ("received", « a reçu »), dates not
/// counted, within which its visitor starts ("a reçu mardi 3 mars à
/// Paris son homologue X").
const HOST_REACH: usize = 5;

/// Types whose two sides play the same part: a meeting of A and B is one
/// of B and A.
pub(crate) const SYMMETRIC: [&str; 3] = ["CONSULT", "COOPERATE", "AGREE"];

/// How many tokens after its trigger a free name can be its target.
const NEAR: usize = 20;

/// What the coder reads once per document.
pub(crate) struct Reading<'a> {
    pub(crate) doc: &'a Doc,
    pub(crate) words: Words<'a>,
    pub(crate) mentions: &'a [Mention],
    /// The token range of each mention, in the order of `mentions`.
    pub(crate) mention_tokens: Vec<(usize, usize)>,
    /// The mentions of each sentence, as indices in the order of
    /// `mentions`: what a sentence's rules read instead of every mention.
    pub(crate) inside: Vec<Vec<usize>>,
    pub(crate) entities: &'a [Entity],
    pub(crate) dates: &'a [DateMention],
    /// The dates of each sentence, as indices in the order of `dates`:
    /// a sentence reads its own, not every date of the article.
    dated: Vec<Vec<usize>>,
    pub(crate) sides: Affiliations<'a>,
    /// The word tokens that are demonyms or name a state's agents, in
    /// text order.
    pub(crate) demonyms: Vec<usize>,
    /// The country the article names most: whom "the police" or "the
    /// government" stand for when no other country is said.
    pub(crate) home: Option<usize>,
    /// Whether the language's adjectives follow their noun.
    pub(crate) adjectives_after: bool,
}

/// Types that, in the passive with no agent named, the state does:
/// arrests, bans, convictions.
pub(crate) const STATE_ACTS: [&str; 2] = ["COERCE", "SANCTION"];

/// Types that are claims one side makes on another: accusations,
/// rejections, requests and threats.
pub(crate) const CLAIMS: [&str; 4] = ["ACCUSE", "REJECT", "REQUEST", "THREATEN"];

/// Types two sides do together: joint subjects ("X and Y agreed") are
/// its two sides, as GOLD scores them either way round.
pub(crate) const JOINT_ACTS: [&str; 3] = ["AGREE", "CONSULT", "COOPERATE"];

/// How a trigger is used in its clause, which says where its actors are.
struct Shape {
    /// A crowd protesting or acted on, and its other side.
    crowd: Option<(usize, usize)>,
    /// The actors a noun's complements name.
    nominal: Option<nominal::Nominal>,
    /// Whether the trigger is passive or a state its subject is in.
    passive: bool,
    /// The sides "entre X et Y" names.
    between: Vec<usize>,
    /// The country a demonym beside the trigger names.
    qualifier: Option<usize>,
}

/// A trigger whose reading settled who acts, on whom and where: what is
/// left to make an event of it.
struct Settled<'t> {
    t: usize,
    trigger: &'t Trigger,
    /// One past the last token of the trigger's clause.
    clause_end: usize,
    source: usize,
    target: usize,
    location: Option<usize>,
    /// Whether a crowd acts or is acted on.
    crowd: bool,
}

/// One trigger being coded and where it stands: what each step of
/// settling its actors reads.
#[derive(Clone, Copy)]
struct At<'a> {
    sentence: &'a Sentence,
    cands: &'a [Candidate],
    t: usize,
    trigger: &'a Trigger,
    clause: &'a Clause,
    /// One past the last token of the trigger's clause.
    clause_end: usize,
    memory: &'a Memory,
}

/// What may stand for a target no one names, and what lets a side act on
/// its own: the target's fallbacks and the final check of one side read it.
struct Grounds {
    /// One leaves its own country's office.
    own: bool,
    /// The source is the state's agents using force, which they may use
    /// on a crowd of their own people.
    state_force: bool,
    /// Crowd control on the state's own people.
    on_people: bool,
    /// People counted but not named: the state's own.
    counted: bool,
    /// A crowd's fight with the state's agents.
    crowd_and_state: bool,
    /// An attack claimed, on the article's country.
    claimed: bool,
    /// The place a state's assault strikes.
    struck: Option<usize>,
}

/// What earlier sentences leave for pronouns, possessives and undated events.
#[derive(Default)]
struct Memory {
    subject: Option<usize>,
    pair: Option<(usize, usize)>,
    /// The last full date of the paragraph so far.
    day: Option<String>,
    /// The last city or region the paragraph named: where its events
    /// happen when their sentence names no place.
    place: Option<usize>,
    /// The last full date of the paragraphs before: the scene an undated
    /// paragraph goes on telling.
    before: Option<String>,
    /// The two sides of the last fight told: whom a truce one of them
    /// accepts, with no one else named, is made with.
    fight: Option<(usize, usize)>,
}

/// Codes the events of a document. `relays` are the entities that only
/// carried someone's words (outlets, channels): they never act.
pub fn code_events(
    doc: &Doc,
    mentions: &[Mention],
    entities: &[Entity],
    dates: &[DateMention],
    relays: &[usize],
) -> Vec<Event> {
    let lex = Lexicon::get(doc.lang.code);
    let words = Words::read(doc, lex);
    let (triggers, demonyms) = trigger_and_demonym_tokens(doc, &words);
    let mention_tokens = actors::mention_tokens(doc, mentions);
    let reading = Reading {
        doc,
        mentions,
        entities,
        dates,
        sides: Affiliations::new(doc, &words, mentions, &mention_tokens, entities, lex),
        mention_tokens,
        inside: by_sentence(doc, mentions.iter().map(|m| m.span)),
        dated: by_sentence(doc, dates.iter().map(|d| d.span)),
        demonyms,
        words,
        home: home_country(mentions, entities),
        adjectives_after: lex.adjectives_after,
    };
    let mut events: Vec<Event> = Vec::new();
    let mut memory = Memory::default();
    let mut settings: Vec<Option<String>> = Vec::new();
    // Each title's searcher is built once for the document, not once a
    // sentence.
    let titles: Vec<(usize, Finder<'static>)> = actors::unique_titles(entities, lex)
        .into_iter()
        .filter(|(e, _)| !relays.contains(e))
        .map(|(e, title)| (e, Finder::new(&title).into_owned()))
        .collect();
    let named = named_tokens(doc, mentions.iter().map(|m| m.span));
    for (sentence, inside) in doc.sentences.iter().zip(&reading.inside) {
        if doc
            .tokens
            .get(sentence.tokens.start)
            .is_some_and(|t| t.newline_before)
        {
            memory.before = memory.day.take().or(memory.before.take());
            memory.place = None;
        }
        let cands = candidates(&reading, sentence, inside, &titles, relays);
        let coded = reading.code_sentence(sentence, &cands, &triggers, &named, &mut memory);
        let first_source = coded.first().and_then(|e| e.source);
        for event in coded {
            let at = merge::add(&mut events, event, &reading.sides, entities);
            if at == settings.len() {
                settings.push(memory.day.clone().or_else(|| memory.before.clone()));
            }
        }
        reading.remember(sentence, &cands, first_source, &mut memory);
    }
    let dateline = reading.dateline();
    for (event, setting) in events.iter_mut().zip(settings) {
        if event.date.is_none() {
            event.date = setting;
        }
        // An event placed only in the dateline's country is at the
        // dateline's place.
        if let (Some(d), Some(l)) = (dateline, event.location) {
            if reading.within_country(d, l) {
                event.location = Some(d);
            }
        }
    }
    // The coder's per-token tables are done with: given back before the
    // figures make theirs (a long article's peak is here).
    drop((reading, named, triggers, titles));
    figures::attach(doc, mentions, dates, &mut events);
    events
}

/// The spans (of mentions, of dates) each sentence holds whole, as
/// indices in their order.
fn by_sentence(doc: &Doc, spans: impl Iterator<Item = Span>) -> Vec<Vec<usize>> {
    let mut inside: Vec<Vec<usize>> = vec![Vec::new(); doc.sentences.len()];
    for (i, span) in spans.enumerate() {
        if let Some(s) = doc.sentence_at(span.start) {
            if doc.sentences[s].span.contains(&span) {
                inside[s].push(i);
            }
        }
    }
    inside
}

/// The tokens with a trigger and the word tokens that are demonyms or
/// name a state's agents, in
/// text order: found in one pass over the document, so that each
/// sentence looks at its few instead of testing every token.
fn trigger_and_demonym_tokens(doc: &Doc, words: &Words) -> (Vec<usize>, Vec<usize>) {
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

/// Whether each token lies inside one of `spans` (names, dates): a
/// trigger there is part of a name, a number there counts nothing. Marked
/// span by span, so a long article costs its tokens, not tokens times
/// spans.
pub(crate) fn named_tokens(doc: &Doc, spans: impl IntoIterator<Item = Span>) -> Vec<bool> {
    let mut named = vec![false; doc.tokens.len()];
    for span in spans {
        for t in doc.token_range(span) {
            named[t] |= span.contains(&doc.tokens[t].span());
        }
    }
    named
}

impl Reading<'_> {
    /// The indices of the mentions `sentence` holds whole.
    pub(crate) fn mentions_of(&self, sentence: &Sentence) -> &[usize] {
        self.doc
            .sentence_at(sentence.span.start)
            .and_then(|s| self.inside.get(s))
            .map_or(&[], Vec::as_slice)
    }

    /// The dates `sentence` holds whole, in text order.
    pub(crate) fn dates_of(
        &self,
        sentence: &Sentence,
    ) -> impl DoubleEndedIterator<Item = &DateMention> + '_ {
        self.doc
            .sentence_at(sentence.span.start)
            .and_then(|s| self.dated.get(s))
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .map(|&i| &self.dates[i])
    }

    /// The events of one sentence, at most one a clause, in text order;
    /// `named` tells the tokens inside a name. Each event leaves its two
    /// sides to the possessives after it.
    fn code_sentence(
        &self,
        sentence: &Sentence,
        cands: &[Candidate],
        triggers: &[usize],
        named: &[bool],
        memory: &mut Memory,
    ) -> Vec<Event> {
        // Each coded clause's start and the subject of its event.
        let mut coded_clauses: Vec<(usize, Option<usize>)> = Vec::new();
        // The last trigger of a coded clause's chain of coordinated verbs,
        // and their subject.
        let mut chain: Option<(usize, usize)> = None;
        let mut events = Vec::new();
        for &t in within(triggers, &sentence.tokens) {
            let Some(trigger) = self.words[t].trigger else {
                continue;
            };
            // A trigger inside a name is part of it; a vow of force is
            // told by the force vowed ("vowed to strike X").
            if named[t] || self.vows_force(sentence, t) {
                continue;
            }
            if trigger.noun
                && t > sentence.tokens.start
                && self.words[t - 1].grammar == Some(Grammar::Of)
            {
                continue;
            }
            let mut clause = self.clause(sentence, t);
            let coded = coded_clauses.iter().find(|c| c.0 == clause.start);
            let mut coded_before = coded.is_some();
            let subject = coded.and_then(|c| c.1);
            if let Some(subject) = subject.filter(|_| self.follows_sequel(t)) {
                // "resigned after meeting X": an event of its own, by the
                // clause's subject unless its noun names who.
                clause.shared = Some(subject);
            } else if coded_before {
                // A later trigger of a coded clause is its topic ("a
                // discuté de coopération"), unless a verb coordinated
                // with it, which shares its subject, or a verb with a
                // subject of its own after "and" or a comma, which opens
                // a clause of its own ("X began, and Y accused Z").
                chain = chain.filter(|&(before, _)| self.coordinated(cands, before, t, trigger));
                if let Some((_, subject)) = chain {
                    chain = Some((t, subject));
                    clause.shared = Some(subject);
                } else if let Some(start) = self.own_clause(cands, clause.start, t, trigger) {
                    clause = Clause {
                        start,
                        opener: None,
                        skip: None,
                        shared: None,
                    };
                    coded_before = false;
                } else {
                    continue;
                }
            }
            let Some(event) = self.code(sentence, cands, t, trigger, &clause, memory) else {
                continue;
            };
            if !coded_before {
                coded_clauses.push((clause.start, event.source));
                chain = event.source.map(|s| (t, s));
            }
            memory.pair = event.source.zip(event.target);
            if event.ty == "ASSAULT" {
                memory.fight = memory.pair;
            }
            events.push(event);
        }
        events
    }

    /// What a sentence leaves to those after it: the last full date of
    /// the paragraph, which sets the scene for what follows it undated
    /// ("Lors d'un sommet le 30 juillet ... La Cédéao a décidé de
    /// sanctions"), and the subject pronouns stand for.
    fn remember(
        &self,
        sentence: &Sentence,
        cands: &[Candidate],
        first_source: Option<usize>,
        memory: &mut Memory,
    ) {
        memory.day = self
            .dates_of(sentence)
            .filter_map(|d| d.value.as_deref())
            .rfind(|v| v.len() == 10)
            .map(String::from)
            .or(memory.day.take());
        memory.place = self
            .mentions_of(sentence)
            .iter()
            .map(|&i| self.mentions[i].entity)
            .rfind(|&e| self.entities[e].ty == EntityType::Loc && !is_country(&self.entities[e]))
            .or(memory.place);
        memory.subject = first_source
            .or_else(|| {
                cands
                    .iter()
                    .find(|c| c.governor == Governor::Free && c.found != Found::Demonym)
                    .map(|c| c.entity)
            })
            .or(memory.subject);
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
        let clause_end = self.clause_end(sentence, t);
        let trigger = &self.as_sentence(trigger, t, clause_end);
        let shape = self.shape(sentence, cands, t, trigger, clause_end)?;
        let at = At {
            sentence,
            cands,
            t,
            trigger,
            clause,
            clause_end,
            memory,
        };
        let (source, target, claimed) = self.shaped_source(&at, &shape);
        // People counted but not named ("arrested 13 people", "quatre
        // officiers ont été interpellés") are the state's own people.
        let counted = trigger.mode == Some("arrest")
            && match shape.passive {
                true => self.holds_count(clause.start..t),
                false => self.holds_count(t + 1..(t + 4).min(clause_end)),
            };
        let source = match source {
            Some(source) => source,
            None if counted && shape.passive => self.home?,
            None => return None,
        };
        let location = self.location(cands, sentence, t, (clause.start, clause_end));
        // Whether the state acts for want of a named agent: it may act on
        // its own people.
        let (source, target, by_state) = match shape.passive {
            true => self.turned(&at, source)?,
            false => (source, target, shape.nominal.is_some_and(|n| n.by_state)),
        };
        let target = target.or_else(|| {
            // A noun's host is named, not guessed from a place.
            let place = location.filter(|_| shape.nominal.is_none());
            self.target(sentence, cands, t, trigger, source, &shape.between, place)
        });
        let grounds = self.grounds(&at, &shape, source, location, counted, claimed);
        let target = self.fallback(&at, source, target, &grounds)?;
        if self.one_sided(
            &at,
            shape.crowd.is_some(),
            source,
            target,
            by_state,
            &grounds,
        ) {
            return None;
        }
        // A call word that is no phone call is a request only with what
        // it asks for after it ("appelé X à", "called on X to"); else it
        // names ("called it a disgrace", "appelés OPEP+").
        if trigger.call && !self.phoned(cands, t, trigger, target) && !self.calls_to(t, clause_end)
        {
            return None;
        }
        // Whom it is done to is not where ("restricted access to X"),
        // unless a country.
        let location = location
            .filter(|&l| l != target || Some(l) == grounds.struck || is_country(&self.entities[l]));
        let settled = Settled {
            t,
            trigger,
            clause_end,
            source,
            target,
            location,
            crowd: shape.crowd.is_some(),
        };
        Some(self.event(sentence, cands, clause, memory, settled))
    }

    /// The source as the trigger's shape and a claim settle it, the target
    /// a crowd or a noun names, and whether the act is claimed: the first
    /// reading of who acts, before the passive turns it round.
    fn shaped_source(&self, at: &At, shape: &Shape) -> (Option<usize>, Option<usize>, bool) {
        let At {
            sentence,
            cands,
            t,
            trigger,
            clause,
            clause_end,
            memory,
        } = *at;
        let (source, target) = match (shape.crowd, &shape.nominal) {
            (Some((source, target)), _) => (Some(source), Some(target)),
            (None, Some(n)) => (Some(n.source), n.target),
            (None, None) => match shape.qualifier {
                Some(country) => (Some(country), None),
                None => self.source(sentence, cands, t, clause, memory, &shape.between),
            },
        };
        let named = shape.nominal.is_some() || shape.crowd.is_some();
        // A coup named by a noun is its author's, not the clause's
        // subject's ("la France condamne le coup d'État").
        let source = match trigger.noun && trigger.home && !named {
            true => self.author(cands, t, source),
            false => source,
        };
        // An attack someone claims ("l'attaque a été revendiquée par X",
        // "X claimed responsibility for the attack") is theirs, on the
        // article's country when no one else is named.
        let claimed = !named && self.claimed(t, trigger, (clause.start, clause_end));
        let source = match claimed {
            true => self.noun_agent(cands, t).or(source),
            false => source,
        };
        (source, target, claimed)
    }

    /// The passive turned round: its subject is whom it is done to, its
    /// agent (or the state, for the state's acts) who does it; with
    /// whether the state acts, which lets it act on its own people.
    fn turned(&self, at: &At, subject: usize) -> Option<(usize, Option<usize>, bool)> {
        // "X was arrested" with no agent: the state did it, the
        // article's country.
        let state_act = STATE_ACTS.contains(&at.trigger.ty) || at.trigger.mode == Some("release");
        let agent = at
            .cands
            .iter()
            .find(|c| c.first > at.t && c.governor == Governor::Agent);
        // "X was arrested by police": the state's own agents may
        // arrest one of its own.
        let by_state = state_act && agent.is_none_or(|c| self.state_agent(c));
        let source = agent
            .map(|c| c.entity)
            .or(self.home.filter(|_| state_act))?;
        Some((source, Some(subject), by_state))
    }

    /// What may stand for a target no one names, and what lets a side act
    /// on its own: read once, by the target's fallbacks and the final
    /// checks.
    fn grounds(
        &self,
        at: &At,
        shape: &Shape,
        source: usize,
        location: Option<usize>,
        counted: bool,
        claimed: bool,
    ) -> Grounds {
        let (t, trigger, clause_end) = (at.t, at.trigger, at.clause_end);
        // "X resigned": X leaves its own country's office, whoever else
        // the sentence names.
        let own = trigger.own && !shape.passive;
        let state_force = self.state_on_crowd(at.cands, t, trigger, source);
        // Crowd control ("police fired tear gas") is used on a crowd of
        // the state's own people, named or not.
        let on_people = trigger.people && (state_force || is_country(&self.entities[source]));
        // A fight of a crowd of the state's people with its agents
        // ("protesters clashed with police") is the state's force on them.
        let crowd_and_state = trigger.ty == "ASSAULT"
            && self.crowd_and_state(at.cands, t, at.clause.start..clause_end, source);
        // A state's assault with no one named is on the place it strikes
        // ("Israeli strikes on Rafah"), when not its own.
        let struck = location
            .filter(|_| trigger.ty == "ASSAULT" && shape.qualifier == Some(source))
            .filter(|&l| self.named_after(at.sentence, l, t))
            .filter(|&l| l != source && !self.sides.one_side(source, l));
        Grounds {
            own,
            state_force,
            on_people,
            counted,
            crowd_and_state,
            claimed,
            struck,
        }
    }

    /// The target: its own country's office for one who leaves it, else
    /// the one named, else what the grounds let stand for it.
    fn fallback(
        &self,
        at: &At,
        source: usize,
        target: Option<usize>,
        grounds: &Grounds,
    ) -> Option<usize> {
        let (t, trigger) = (at.t, at.trigger);
        Some(match target {
            _ if grounds.own => self.home.filter(|&h| h != source)?,
            Some(target) => target,
            None if grounds.on_people => source,
            None if trigger.home => self.home.filter(|&h| h != source)?,
            None if grounds.counted => self.home?,
            None if grounds.crowd_and_state => source,
            None if grounds.claimed => self.home.filter(|&h| h != source)?,
            None if self.truce(t, trigger, at.clause_end) => self.enemy(source, at.memory)?,
            None => grounds.struck?,
        })
    }

    /// Whether `source` would act on itself or its own side, which is no
    /// event: the final check of one side, waived when the state acts on
    /// its people, a crowd on its state or one leaves its own office.
    fn one_sided(
        &self,
        at: &At,
        crowd: bool,
        source: usize,
        target: usize,
        by_state: bool,
        grounds: &Grounds,
    ) -> bool {
        // The state may act on a crowd of its own people ("police
        // arrested protesters").
        let on_crowd = grounds.state_force
            && at
                .cands
                .iter()
                .any(|c| c.entity == target && c.first > at.t && self.words[c.first].people);
        // A crowd may protest against its own country's state.
        let on_crowd = on_crowd
            || crowd
            || (grounds.on_people && target == source)
            || grounds.counted
            || (grounds.crowd_and_state && target == source);
        (source == target && !on_crowd)
            || (!grounds.own && !by_state && !on_crowd && self.sides.one_side(source, target))
    }

    /// Whether the trigger at `t` is a verb agreeing to a truce named
    /// after it in its clause ("a accepté un cessez-le-feu", "agreed to a
    /// truce"); a noun ("the ceasefire deal", "un accord de
    /// cessez-le-feu") is what is talked of, not an act.
    fn truce(&self, t: usize, trigger: &Trigger, clause_end: usize) -> bool {
        let noun = trigger.noun || (t > 0 && is_determiner(&self.words[t - 1]));
        trigger.ty == "AGREE"
            && !noun
            && trigger.mode != Some("ceasefire")
            && (t + 1..clause_end).any(|k| {
                self.words[k]
                    .trigger
                    .is_some_and(|tr| tr.mode == Some("ceasefire"))
            })
    }

    /// The other side of the last fight told, when `source` is one of
    /// its sides: whom a truce it accepts is made with.
    fn enemy(&self, source: usize, memory: &Memory) -> Option<usize> {
        let (a, b) = memory.fight?;
        let on = |side: usize| side == source || self.sides.one_side(source, side);
        match (on(a), on(b)) {
            (true, false) => Some(b),
            (false, true) => Some(a),
            _ => None,
        }
    }

    /// How the trigger at `t` is used: by a crowd, as a noun, in the
    /// passive, with "entre X et Y", qualified by a demonym; `None` when
    /// an event only "between" two sides lacks them.
    fn shape(
        &self,
        sentence: &Sentence,
        cands: &[Candidate],
        t: usize,
        trigger: &Trigger,
        clause_end: usize,
    ) -> Option<Shape> {
        let crowd = self.crowd(sentence, cands, t, trigger, clause_end);
        let nominal = self
            .nominal(cands, t, trigger, self.home)
            .filter(|_| crowd.is_none());
        let passive = nominal.is_none()
            && crowd.is_none()
            && (self.passive(sentence, cands, t) || self.held(sentence, t, trigger));
        if trigger.host && !passive && !self.hosts_someone(sentence, cands, t) {
            return None;
        }
        let between = self.between(cands, t);
        if trigger.between && between.len() < 2 {
            return None;
        }
        let qualifier = self.qualifier(cands, t);
        if qualifier.is_none()
            && nominal.is_none()
            && crowd.is_none()
            && self.unnamed_qualifier(cands, t)
        {
            return None;
        }
        Some(Shape {
            crowd,
            nominal,
            passive,
            between,
            qualifier,
        })
    }

    /// Whether an actor or place starts within [`HOST_REACH`] tokens
    /// after the visit word at `t`: what else a host receives (votes, a
    /// copy of a warrant, messages) is no visit.
    fn hosts_someone(&self, sentence: &Sentence, cands: &[Candidate], t: usize) -> bool {
        let dated = |k: usize| {
            let span = self.doc.tokens[k].span();
            self.dates_of(sentence)
                .any(|d| d.span.start <= span.start && span.end <= d.span.end)
        };
        let mut counted = 0;
        let mut limit = t;
        while counted < HOST_REACH && limit + 1 < sentence.tokens.end {
            limit += 1;
            counted += usize::from(!dated(limit));
        }
        cands.iter().any(|c| c.first > t && c.first <= limit)
    }

    /// The trigger at `t` as its clause reads it: a condemnation with a
    /// prison term after it is a conviction ("condamné à deux ans de
    /// prison").
    fn as_sentence(&self, trigger: &Trigger, t: usize, clause_end: usize) -> Trigger {
        let sentenced = trigger.convicts
            && (t + 1..clause_end).any(|k| self.grammar(k) == Some(Grammar::Conviction));
        match sentenced {
            true => Trigger {
                ty: "SANCTION",
                mode: Some("convict"),
                cameo: Some("172"),
                ..*trigger
            },
            false => *trigger,
        }
    }

    /// The event a trigger's settled actors make: who is host and who
    /// visits, a call, a threat, its modality, date and CAMEO code, and a
    /// place when its clause named none.
    fn event(
        &self,
        sentence: &Sentence,
        cands: &[Candidate],
        clause: &Clause,
        memory: &Memory,
        settled: Settled,
    ) -> Event {
        let Settled {
            t,
            trigger,
            clause_end,
            source,
            target,
            location,
            crowd,
        } = settled;
        let (source, target) = if trigger.host {
            (target, source)
        } else {
            (source, target)
        };
        let (ty, mode) = if self.phoned(cands, t, trigger, target) {
            ("CONSULT", Some("phone"))
        } else {
            (trigger.ty, trigger.mode)
        };
        let (ty, mode, modality) = threatened(ty, mode, self.modality(sentence, clause, t));
        // Fighting with no place named is in the country fought (a threat
        // of it is not). Anything else with no place named is in the
        // article's country.
        let location = location
            .or(memory.place)
            .or_else(|| (ty == "ASSAULT" && is_country(&self.entities[target])).then_some(target))
            .or(self.home);
        let (root, quad_class, intensity) = plover(ty);
        Event {
            ty,
            mode,
            modality,
            source: Some(source),
            target: Some(target),
            location,
            date: self.date(sentence, t, (clause.start, clause_end)),
            // The trigger's own CAMEO code, when it is of the type coded.
            cameo: trigger.cameo.filter(|_| ty == trigger.ty).unwrap_or(root),
            quad_class,
            intensity,
            evidence: vec![sentence.span],
            crowd,
            figures: Vec::new(),
        }
    }

    /// Whether `sentence` names entity `e` after token `t`.
    fn named_after(&self, sentence: &Sentence, e: usize, t: usize) -> bool {
        self.mentions_of(sentence)
            .iter()
            .any(|&i| self.mentions[i].entity == e && self.mention_tokens[i].0 > t)
    }

    /// Whether a candidate is a state's agents named by their word alone
    /// ("police", "la justice"), not a crowd of its people.
    fn state_agent(&self, c: &Candidate) -> bool {
        let w = &self.words[c.first];
        c.found == Found::Demonym && w.agent && !w.people
    }

    /// Whether the trigger at `t` follows a sequel word ("after",
    /// "après"), with at most two words between that are articles or
    /// lowercase words with no role ("after meeting", "après avoir
    /// rencontré", "after his arrest"); not when a name stands between,
    /// the subject of a clause of its own ("after Interpol received").
    fn follows_sequel(&self, t: usize) -> bool {
        let lowercase = |j: usize| {
            self.doc
                .text
                .slice(self.doc.tokens[j].span())
                .starts_with(char::is_lowercase)
        };
        (t.saturating_sub(3)..t).rev().any(|k| {
            self.words[k].grammar == Some(Grammar::Sequel)
                && (k + 1..t).all(|j| {
                    let w = &self.words[j];
                    is_determiner(w)
                        || (lowercase(j)
                            && w.trigger.is_none()
                            && w.grammar.is_none()
                            && !w.preposition)
                })
        })
    }

    /// Whether the word at `t` vows or threatens ("promised", "menacé")
    /// force that a trigger within the next four words names.
    fn vows_force(&self, sentence: &Sentence, t: usize) -> bool {
        self.words[t].modality == Some("threat")
            && (t + 1..(t + 5).min(sentence.tokens.end)).any(|k| {
                self.words[k]
                    .trigger
                    .is_some_and(|next| FORCE.contains(&next.ty))
            })
    }

    /// Whether the call word at `t` asks something of someone: a word of
    /// the recipient ("à", "au", "to") within the next eight words of its
    /// clause, which ends at `clause_end`.
    fn calls_to(&self, t: usize, clause_end: usize) -> bool {
        (t + 1..(t + 9).min(clause_end)).any(|k| self.grammar(k) == Some(Grammar::Dative))
    }

    /// Whether a call word with its target, a person, right after it is
    /// a phone call ("a appelé M. X"), not a request.
    fn phoned(&self, cands: &[Candidate], t: usize, trigger: &Trigger, target: usize) -> bool {
        trigger.call
            && cands.iter().any(|c| {
                c.entity == target
                    && c.first > t
                    && c.first <= t + 3
                    && self.entities[c.entity].ty == EntityType::Per
                    && (t + 1..c.first)
                        .all(|k| !self.words[k].preposition && self.grammar(k).is_none())
            })
    }
}

#[cfg(test)]
mod tests;
