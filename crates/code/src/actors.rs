//! Who can act or be acted on in a sentence, and how actors relate.
//!
//! A candidate is a named actor (a person, an organisation, a country), a
//! role that stands for a named person ("le vice-ministre russe de la
//! Défense" when one person of the article holds that title), or a
//! demonym that stands for its country ("des navires russes"). Each
//! candidate carries the word that governs it, because "à Moscou" is a
//! place, "par X" an agent and "selon X" a reporter.

use std::borrow::Cow;

use depeche_text::{Doc, Entity, EntityType, Mention, Sentence, Span, TokenKind};
use memchr::memmem::Finder;

use crate::lexicon::{Grammar, Lexicon, Mark, Word};
use crate::words::Words;

/// How a candidate was found, most trusted first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Found {
    /// By its name.
    Named,
    /// By a title only one entity of the article holds.
    Role,
    /// By a demonym standing for its country.
    Demonym,
}

/// The word that governs a candidate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Governor {
    /// Nothing: it can be a subject.
    Free,
    /// A locative preposition: a place.
    Locative,
    /// A preposition of place or of the recipient ("à", "to").
    Dative,
    /// The agent of a passive.
    Agent,
    /// Who reports.
    SourceCue,
    /// One side of "between X and Y".
    Between,
    /// Whom the event is done to or with ("avec X", "against X").
    Target,
    /// Any other preposition.
    Other,
}

/// One possible actor in a sentence.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Candidate {
    /// The entity it stands for.
    pub entity: usize,
    /// Its first token.
    pub first: usize,
    /// One past its last token.
    pub end: usize,
    /// The word governing it.
    pub governor: Governor,
    /// How it was found.
    pub found: Found,
}

/// Whether an entity can act in an event: a person, an organisation, or a country.
pub(crate) fn is_actor(entity: &Entity) -> bool {
    match entity.ty {
        EntityType::Per | EntityType::Org => true,
        EntityType::Loc => is_country(entity),
        EntityType::Misc => false,
    }
}

/// Whether a place is a country.
pub(crate) fn is_country(entity: &Entity) -> bool {
    entity.geo.as_ref().is_some_and(|g| g.kind == "country")
}

/// The tokens a span covers, at least one.
pub(crate) fn token_range(doc: &Doc, span: Span) -> (usize, usize) {
    let tokens = doc.token_range(span);
    (tokens.start, tokens.end.max(tokens.start + 1))
}

/// Whether a word is a determiner, skipped when looking for the word
/// that governs a name.
pub(crate) fn is_determiner(word: &Word) -> bool {
    word.mark == Some(Mark::Determiner)
}

/// The titles, lowercased, that one entity of the article alone holds,
/// without the demonyms that open them ("Russian Defense Minister" is
/// written "the defense minister" without the name).
pub(crate) fn unique_titles(entities: &[Entity], lex: &Lexicon) -> Vec<(usize, String)> {
    let core = |title: String| {
        let mut rest = title.as_str();
        while let Some((word, after)) = rest.split_once(' ') {
            if lex.demonym(word).is_none() {
                break;
            }
            rest = after;
        }
        rest.to_string()
    };
    let all: Vec<(usize, String)> = entities
        .iter()
        .enumerate()
        .flat_map(|(e, x)| x.roles.iter().map(move |r| (e, r.title.to_lowercase())))
        .map(|(e, t)| (e, core(t)))
        .filter(|(_, t)| !t.is_empty())
        .collect();
    let mut unique: Vec<(usize, String)> = all
        .iter()
        .filter(|(e, t)| all.iter().all(|(o, u)| o == e || u != t))
        .cloned()
        .collect();
    unique.dedup();
    unique
}

/// The token range of each mention, in the order of `mentions`: worked
/// out once per document, as candidates, affiliations and venues all
/// ask for the same mentions' tokens.
pub(crate) fn mention_tokens(doc: &Doc, mentions: &[Mention]) -> Vec<(usize, usize)> {
    mentions.iter().map(|m| token_range(doc, m.span)).collect()
}

/// A candidate before its governor is known: entity, first token, one
/// past its last token, how it was found.
type Raw = (usize, usize, usize, Found);

/// The candidates of a sentence, in text order, from the mentions
/// `inside` it (indices into the reading's mentions) and the `titles`
/// one entity alone holds.
pub(crate) fn candidates(
    reading: &crate::Reading,
    sentence: &Sentence,
    inside: &[usize],
    titles: &[(usize, Finder<'static>)],
    relays: &[usize],
) -> Vec<Candidate> {
    // Where each candidate's governing word is looked for: before the
    // title the text gives it ("par le maréchal X" is governed by "par").
    let (mut found, governed_from) = named(reading, sentence, inside, relays);
    found.extend(by_title(reading, sentence, inside, titles));
    found.extend(by_demonym(reading, sentence, inside));
    let mut found: Vec<Raw> = found
        .iter()
        .copied()
        .filter(|&(_, _, end, _)| {
            !possessor(&reading.words, &found, end) && !titles_person(reading, &found, end)
        })
        .collect();
    found.sort_by_key(|&(_, first, _, how)| (first, how));
    found.dedup_by_key(|c| c.1);
    let mut out: Vec<Candidate> = Vec::with_capacity(found.len());
    for (entity, first, end, how) in found {
        let from = governed_from
            .iter()
            .find(|&&(f, _)| f == first)
            .map_or(first, |&(_, t)| t);
        let place = entities_place(reading, entity, how);
        let governor = match reports(&reading.words, sentence, from, end) {
            true => Governor::SourceCue,
            false => governor(&reading.words, sentence.tokens.start, from, &out, place),
        };
        out.push(Candidate {
            entity,
            first,
            end,
            governor,
            found: how,
        });
    }
    out
}

/// Whether the name from token `from` to `end` reports the sentence, set
/// off by a comma beside a reporting verb at its end: ", CNN reported.",
/// ", a indiqué l'armée." (determiners skipped).
fn reports(words: &Words, sentence: &Sentence, from: usize, end: usize) -> bool {
    let closes =
        |k: usize| k >= sentence.tokens.end || matches!(words[k].text, "." | "," | ";" | "!" | "?");
    let reporting = |k: usize| words[k].mark == Some(Mark::Reporting);
    let mut before = from;
    while before > sentence.tokens.start && is_determiner(&words[before - 1]) {
        before -= 1;
    }
    let comma_before = |k: usize| k > sentence.tokens.start && words[k - 1].text == ",";
    let after_name = end < sentence.tokens.end && reporting(end) && closes(end + 1);
    let inverted = before > sentence.tokens.start && reporting(before - 1) && closes(end);
    (after_name && comma_before(before))
        || (inverted && (comma_before(before - 1) || (before >= 2 && comma_before(before - 2))))
}

/// The named actors among the mentions `inside` a sentence, and for each
/// one written after its title, the title's first token.
fn named(
    reading: &crate::Reading,
    sentence: &Sentence,
    inside: &[usize],
    relays: &[usize],
) -> (Vec<Raw>, Vec<(usize, usize)>) {
    let (doc, entities) = (reading.doc, reading.entities);
    let (mentions, ranges) = (reading.mentions, reading.mention_tokens.as_slice());
    let mut found = Vec::new();
    let mut governed_from = Vec::new();
    for &i in inside {
        let m = &mentions[i];
        if is_actor(&entities[m.entity]) && !relays.contains(&m.entity) {
            let (first, end) = ranges[i];
            found.push((m.entity, first, end, Found::Named));
            let title = entities[m.entity].roles.iter().find(|r| {
                r.span.end <= m.span.start
                    && m.span.start - r.span.end <= 2
                    && sentence.span.contains(&r.span)
            });
            if let Some(title) = title {
                governed_from.push((first, token_range(doc, title.span).0));
            }
        }
    }
    (found, governed_from)
}

/// The titles one entity alone holds written in a sentence without its
/// name.
fn by_title(
    reading: &crate::Reading,
    sentence: &Sentence,
    inside: &[usize],
    titles: &[(usize, Finder<'static>)],
) -> Vec<Raw> {
    let doc = reading.doc;
    let inside_mentions = || inside.iter().map(|&i| &reading.mentions[i]);
    let view = doc.text.view();
    let text = &view[sentence.span.start..sentence.span.end];
    // The sentence is lowercased only when there is a title to look for.
    let lower = (!titles.is_empty())
        .then(|| match doc.lower() {
            Some(view) => Cow::Borrowed(&view[sentence.span.start..sentence.span.end]),
            None => Cow::Owned(text.to_lowercase()),
        })
        .filter(|lower| lower.len() == text.len());
    let mut found = Vec::new();
    let Some(lower) = lower else {
        return found;
    };
    for &(e, ref finder) in titles {
        let title = finder.needle();
        for at in finder.find_iter(lower.as_bytes()) {
            let span = Span::new(
                sentence.span.start + at,
                sentence.span.start + at + title.len(),
            );
            // A title right before a person's name is that person's
            // ("Prime Minister X" holds no "minister" held by Y).
            let names_follow = inside_mentions().any(|m| {
                (m.entity == e || reading.entities[m.entity].ty == EntityType::Per)
                    && m.span.start >= span.end
                    && m.span.start <= span.end + 4
            });
            if names_follow || inside_mentions().any(|m| m.span.overlaps(&span)) {
                continue;
            }
            let (first, end) = token_range(doc, span);
            found.push((e, first, end, Found::Role));
        }
    }
    found
}

/// The demonyms and the state's agents of a sentence that stand for a
/// country, not in a name and not titling one ("le ministre russe X").
fn by_demonym(reading: &crate::Reading, sentence: &Sentence, inside: &[usize]) -> Vec<Raw> {
    let (doc, words, entities) = (reading.doc, &reading.words, reading.entities);
    let inside_mentions = || inside.iter().map(|&i| &reading.mentions[i]);
    let mut found = Vec::new();
    for &t in crate::within(&reading.demonyms, &sentence.tokens) {
        let span = doc.tokens[t].span();
        let covered = inside_mentions().any(|m| m.span.overlaps(&span));
        if words[t].agent {
            if let (false, Some(e)) = (covered, agent_country(reading, sentence, t)) {
                found.push((e, t, t + 1, Found::Demonym));
            }
            continue;
        }
        let Some(country) = words[t].demonym else {
            continue;
        };
        let Some(e) = entities
            .iter()
            .position(|x| x.key == country && is_actor(x))
        else {
            continue;
        };
        // A demonym right before a name, with only title words between,
        // is that name's title ("le ministre russe X").
        let plain = |k: usize| {
            doc.tokens[k].kind == TokenKind::Word
                && words[k].trigger.is_none()
                && words[k].grammar.is_none()
                && !words[k].preposition
                && !is_determiner(&words[k])
        };
        let titles_a_name = inside.iter().any(|&i| {
            let (first, _) = reading.mention_tokens[i];
            first > t && first <= t + 4 && (t + 1..first).all(plain)
        });
        if !covered && !titles_a_name {
            found.push((e, t, t + 1, Found::Demonym));
        }
    }
    found
}

/// Whether the name ending before token `end` is part of the title of
/// the person named right after its title words ("Army Chief X",
/// "Hamas leader X"): the person acts, not the body.
fn titles_person(reading: &crate::Reading, found: &[Raw], end: usize) -> bool {
    let words = &reading.words;
    words.get(end).is_some_and(|w| w.title)
        && found.iter().any(|&(e, first, _, how)| {
            how == Found::Named
                && reading.entities[e].ty == EntityType::Per
                && first > end
                && first <= end + 3
                && (end..first).all(|k| words[k].title)
        })
}

/// Whether the candidate ending before token `end` only qualifies the
/// name that follows it ("Russia's Deputy Defense Minister X").
fn possessor(words: &Words, found: &[Raw], end: usize) -> bool {
    let mark = |k: usize, m: Mark| words.get(k).is_some_and(|w| w.mark == Some(m));
    let skip = if mark(end, Mark::Possessor) {
        1
    } else if mark(end, Mark::Apostrophe) && mark(end + 1, Mark::PossessorTail) {
        2
    } else {
        0
    };
    let owner_end = end + skip;
    (skip > 0 || words[end - 1].possessive_end)
        && found.iter().any(|&(_, first, _, how)| {
            how != Found::Demonym
                && first >= owner_end
                && first < owner_end + 6
                && (owner_end..first).all(|k| words[k].grammar.is_none() && !words[k].preposition)
        })
}

/// The country a state's agents at token `t` stand for: none when a
/// demonym stands beside them ("the Israeli army", "la police
/// équatorienne": the demonym is the candidate); the country named right
/// after a locative ("police in Nigeria"); else the article's country.
fn agent_country(reading: &crate::Reading, sentence: &Sentence, t: usize) -> Option<usize> {
    let words = &reading.words;
    let near = t.saturating_sub(2).max(sentence.tokens.start)..(t + 3).min(sentence.tokens.end);
    if near.clone().any(|k| words[k].demonym.is_some()) {
        return None;
    }
    // A name right before them or after their "de"/"of" says whose they
    // are ("M23 forces", "les forces du président X"): that name is the
    // candidate.
    let of = |k: usize| words.get(k).is_some_and(|w| w.is_of());
    let owned = reading.mention_tokens.iter().any(|&(first, end)| {
        end == t
            || (of(t + 1)
                && first > t + 1
                && first <= t + 6
                && (t + 2..first).all(|k| is_determiner(&words[k]) || words[k].title || of(k)))
    });
    if owned {
        return None;
    }
    if matches!(
        words.get(t + 1).and_then(|w| w.grammar),
        Some(Grammar::Locative | Grammar::Dative)
    ) {
        let after = reading
            .mention_tokens
            .iter()
            .zip(reading.mentions)
            .find(|((first, _), m)| *first == t + 2 && is_country(&reading.entities[m.entity]));
        if let Some((_, m)) = after {
            return Some(m.entity);
        }
    }
    reading.home
}

/// Whether a candidate names a place: a named location, not a demonym.
fn entities_place(reading: &crate::Reading, entity: usize, how: Found) -> bool {
    how == Found::Named && reading.entities[entity].ty == EntityType::Loc
}

/// The word governing a candidate that starts at token `first`; `place`
/// when it names a place.
fn governor(
    words: &Words,
    sentence_start: usize,
    first: usize,
    before: &[Candidate],
    place: bool,
) -> Governor {
    // Determiners, titles and demonyms stand between a name and the word
    // governing it ("par le maréchal X", "avec le président russe X").
    let mut k = first;
    while k > sentence_start
        && first - k < 6
        && (is_determiner(&words[k - 1]) || words[k - 1].title || words[k - 1].demonym.is_some())
    {
        k -= 1;
    }
    if k == sentence_start {
        return Governor::Free;
    }
    if owned_agent_between(words, sentence_start, k) {
        return Governor::Between;
    }
    let word = &words[k - 1];
    // A name listed after another shares its governor ("à Paris et
    // Rome"); after a comma only a place after a place does, as a name
    // after a comma is more often in apposition ("l'est de la Libye,
    // Khalifa Haftar") or the subject after a fronted place ("In Quito,
    // X was arrested").
    let and = word.grammar == Some(Grammar::And);
    // A subject pronoun standing for a country names no place ("En
    // Libye, elle soutient").
    let place = place && words[first].grammar != Some(Grammar::Pronoun);
    if and || word.text == "," {
        if let Some(prev) = before.iter().rev().find(|c| c.end == k - 1) {
            if and || (place && matches!(prev.governor, Governor::Locative | Governor::Dative)) {
                return prev.governor;
            }
        }
    }
    // "according to X": the cue stands two words before.
    if k >= sentence_start + 2 && words[k - 2].grammar == Some(Grammar::SourceCue) {
        return Governor::SourceCue;
    }
    match word.grammar {
        Some(Grammar::Locative) => Governor::Locative,
        Some(Grammar::Dative) => Governor::Dative,
        Some(Grammar::Agent) => Governor::Agent,
        Some(Grammar::SourceCue) => Governor::SourceCue,
        Some(Grammar::Between) => Governor::Between,
        Some(Grammar::Target) => Governor::Target,
        _ if word.preposition => Governor::Other,
        _ => Governor::Free,
    }
}

/// Whether the name whose governing words end at token `k` owns a
/// state's agents that "between" governs ("entre l'armée du général X
/// et Y"): the agents' owner is the side.
fn owned_agent_between(words: &Words, sentence_start: usize, k: usize) -> bool {
    if k < sentence_start + 3 || !words[k - 1].is_of() || !words[k - 2].agent {
        return false;
    }
    let mut j = k - 2;
    while j > sentence_start && is_determiner(&words[j - 1]) {
        j -= 1;
    }
    j > sentence_start && words[j - 1].grammar == Some(Grammar::Between)
}

/// Whether a token may stand in the words that join a name to its
/// title or to its organisation: determiners, titles, demonyms, "de",
/// commas, brackets, a possessive "'s".
fn joining(words: &Words, doc: &Doc, k: usize) -> bool {
    let w = &words[k];
    w.mark.is_some()
        || w.title
        || w.demonym.is_some()
        || w.grammar == Some(Grammar::Of)
        || matches!(w.text, "," | "(" | ")")
        || doc.tokens[k].kind == TokenKind::Acronym
}

/// Pairs of an organisation and a person the text joins by "de"/"of", a
/// possessive or a title: "l'Armée nationale libyenne (ANL) du maréchal
/// X", "Wagner's chief, X", "X, the head of Wagner", "(FAAL, sous la
/// direction de X)".
fn led_by(
    doc: &Doc,
    words: &Words,
    mentions: &[Mention],
    ranges: &[(usize, usize)],
    entities: &[Entity],
) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    // Mentions in text order, none overlapping the next, as resolved
    // mentions come: the only one that may hold a token is then found by
    // a binary search, not by trying every mention of a long article.
    let ordered = mentions
        .windows(2)
        .all(|w| w[0].span.end <= w[1].span.start);
    for (i, a) in mentions.iter().enumerate() {
        let Some(j) = (i + 1..mentions.len()).find(|&j| mentions[j].entity != a.entity) else {
            continue;
        };
        let b = &mentions[j];
        let (ta, tb) = (entities[a.entity].ty, entities[b.entity].ty);
        let (org, person) = match (ta, tb) {
            (EntityType::Org, EntityType::Per) => (a.entity, b.entity),
            (EntityType::Per, EntityType::Org) => (b.entity, a.entity),
            _ => continue,
        };
        let (end, first) = (ranges[i].1, ranges[j].0);
        if first < end || first - end > 8 {
            continue;
        }
        // Words of the same organisation's other name ("(ANL)") may stand between.
        let same_org = |k: usize| {
            let token = doc.tokens[k].span();
            let holds = |m: &Mention| m.entity == a.entity && m.span.contains(&token);
            if ordered {
                let at = mentions.partition_point(|m| m.span.start <= token.start);
                at > 0 && holds(&mentions[at - 1])
            } else {
                mentions.iter().any(holds)
            }
        };
        // Up to two other plain words may too ("sous la direction de X").
        let plain = |k: usize| {
            doc.tokens[k].kind == TokenKind::Word
                && words[k].trigger.is_none()
                && words[k].grammar.is_none()
                && !words[k].preposition
        };
        let others = (end..first)
            .filter(|&k| !joining(words, doc, k) && !same_org(k))
            .collect::<Vec<_>>();
        let joined = others.len() <= 2 && others.iter().all(|&k| plain(k));
        let tied = (end..first).any(|k| {
            let w = &words[k];
            w.grammar == Some(Grammar::Of)
                || w.title
                || matches!(w.mark, Some(Mark::OfThe | Mark::Possessor))
        });
        if joined && tied {
            pairs.push((org, person));
        }
    }
    pairs
}

/// The country of the demonym in the title written right before or
/// after a person's name, whose tokens are `first..end` ("le président
/// russe X", "X, vice-ministre russe de la Défense,").
fn apposed_country(doc: &Doc, words: &Words, (first, end): (usize, usize)) -> Option<&'static str> {
    let before = (first.saturating_sub(6)..first)
        .rev()
        .take_while(|&k| joining(words, doc, k));
    let after = (end..(end + 6).min(words.len()))
        .take_while(|&k| joining(words, doc, k))
        .filter(|_| words.get(end).is_some_and(|w| w.text == ","));
    before.chain(after).find_map(|k| words[k].demonym)
}

/// How entities of an article belong to one another: a person to the
/// country of their title's demonym or to the body their role is held
/// in, an organisation to the country its key starts with.
pub(crate) struct Affiliations<'a> {
    entities: &'a [Entity],
    country: Vec<Option<&'a str>>,
    of: Vec<Vec<usize>>,
    rank: Vec<u8>,
}

impl<'a> Affiliations<'a> {
    /// Works out every entity's affiliations; `ranges` are the mentions'
    /// token ranges.
    pub fn new(
        doc: &Doc,
        words: &Words,
        mentions: &[Mention],
        ranges: &[(usize, usize)],
        entities: &'a [Entity],
        lex: &Lexicon,
    ) -> Self {
        let countries: Vec<&str> = entities
            .iter()
            .filter(|e| is_country(e))
            .map(|e| e.key.as_str())
            .collect();
        // One buffer lowercases every word of the titles and names.
        let mut lower = String::new();
        let country = entities
            .iter()
            .map(|e| {
                if is_country(e) {
                    return Some(e.key.as_str());
                }
                if let Some(c) = countries.iter().find(|c| {
                    e.key
                        .strip_prefix(**c)
                        .is_some_and(|rest| rest.starts_with('-'))
                }) {
                    return Some(*c);
                }
                // A title or, for an organisation, a name with a demonym:
                // "vice-ministre russe", "Armée nationale libyenne".
                let org_name = (e.ty == EntityType::Org).then_some(e.name.as_str());
                e.roles
                    .iter()
                    .map(|r| r.title.as_str())
                    .chain(org_name)
                    .find_map(|text| {
                        text.split(|c: char| !c.is_alphabetic()).find_map(|w| {
                            lower.clear();
                            depeche_text::lowercase_into(&mut lower, w);
                            lex.demonym(&lower)
                        })
                    })
            })
            .collect::<Vec<_>>();
        let mut of: Vec<Vec<usize>> = entities
            .iter()
            .map(|e| e.roles.iter().filter_map(|r| r.of).collect())
            .collect();
        for (org, leader) in led_by(doc, words, mentions, ranges, entities) {
            of[leader].push(org);
            of[org].push(leader);
        }
        // An acronym in brackets after a name shares its country
        // ("Forces armées arabes libyennes (FAAL)").
        let mut country = country;
        for (i, pair) in mentions.windows(2).enumerate() {
            let (a, b) = (&pair[0], &pair[1]);
            let (end, first) = (ranges[i].1, ranges[i + 1].0);
            if first == end + 1
                && words[end].text == "("
                && entities[b.entity].ty == EntityType::Org
                && country[b.entity].is_none()
            {
                country[b.entity] = country[a.entity];
            }
        }
        // A person with no country in their titles takes the one written
        // beside their name, else their organisation's.
        for (m, &range) in mentions.iter().zip(ranges) {
            if entities[m.entity].ty == EntityType::Per && country[m.entity].is_none() {
                country[m.entity] = apposed_country(doc, words, range);
            }
        }
        for (e, entity) in entities.iter().enumerate() {
            if entity.ty == EntityType::Per && country[e].is_none() {
                country[e] = of[e].iter().find_map(|&o| country[o]);
            }
        }
        Affiliations {
            entities,
            country,
            of,
            rank: entities
                .iter()
                .map(|e| match e.ty {
                    EntityType::Per => 3,
                    EntityType::Org => 2,
                    _ => 1,
                })
                .collect(),
        }
    }

    /// Whether `a` and `b` are one side: the same entity, one the other's
    /// country, or one holding a role in the other.
    pub fn one_side(&self, a: usize, b: usize) -> bool {
        let key = |e: usize| self.entities[e].key.as_str();
        a == b
            || key(a) == key(b)
            || self.country[a] == Some(key(b))
            || self.country[b] == Some(key(a))
            || self.of[a].contains(&b)
            || self.of[b].contains(&a)
    }

    /// Whether two actors can be the same side of one event told twice:
    /// one side, or both of one country, unless two people (two
    /// ministers' resignations are two events).
    pub fn may_be_same(&self, a: usize, b: usize) -> bool {
        let two_people = self.rank[a] == 3 && self.rank[b] == 3;
        self.one_side(a, b)
            || (!two_people && self.country[a].is_some() && self.country[a] == self.country[b])
    }

    /// The more specific of two actors of one side: a person over an
    /// organisation over a country.
    pub fn more_specific(&self, a: usize, b: usize) -> usize {
        if self.rank[b] > self.rank[a] {
            b
        } else {
            a
        }
    }
}
