//! What a number counts: the words of `figures.tsv` around it. An active
//! verb right before it ("ont tué au moins cinq"), else the noun right
//! after it ("trois morts") or the participle after those counted ("huit
//! soldats ont été tués"), the participle winning over the noun
//! ("13 protesters were killed": dead, not a crowd).

use std::ops::Range;

use depeche_text::TokenKind;

use super::quantity::{Quantity, Words};
use super::table::{Category, Form};

/// How many words other than "de"/"of" may stand between a number and
/// the noun it counts ("700 civilian deaths").
const NOUN_GAP: usize = 1;

/// How many tokens after a number the participle that says what
/// happened to those counted may stand.
const REACH: usize = 10;

/// What the words after a number count.
#[derive(Clone, Debug)]
pub(crate) enum Counted<'t> {
    /// What, and the tokens of the figure's words.
    What(&'t Category, Range<usize>),
    /// Nothing yet: a word that joins the group to the next ("et") is at
    /// this token.
    Joined(usize),
    /// Nothing.
    Nothing,
}

impl Counted<'_> {
    /// Where the word that joins the group to the next is, if any.
    pub(crate) fn joined(&self) -> Option<usize> {
        match self {
            Counted::Joined(k) => Some(*k),
            _ => None,
        }
    }
}

/// The active verb that ends right before a quantity ("killing at least
/// 212"), with the tokens from it to the number.
pub(crate) fn verb_before<'t>(
    words: &Words<'t>,
    q: &Quantity,
    range: &Range<usize>,
) -> Option<(&'t Category, Range<usize>)> {
    words
        .table
        .categories
        .ending(words.lower, range.start, q.start)
        .find(|(_, c)| c.form == Form::Verb)
        .map(|(start, c)| (c, start..q.end))
}

/// What the words after a quantity count, within `range`.
pub(crate) fn after<'t>(words: &Words<'t>, q: &Quantity, range: &Range<usize>) -> Counted<'t> {
    let (table, lower) = (words.table, words.lower);
    // "deux des manifestants": a part of a group, which only a
    // participle counts.
    let partitive = table.partitives.at(lower, q.end).find(|_| q.plain);
    let mut j = q.end + partitive.map_or(0, |p| p.len());
    let mut gap = 0;
    let mut noun: Option<(&Category, usize)> = None;
    let found = |noun: Option<(&'t Category, usize)>| match noun {
        Some((c, end)) => Counted::What(c, q.start..end),
        None => Counted::Nothing,
    };
    while j < range.end && j < q.end + REACH {
        let category = table.categories.at(lower, j).find(|c| c.form != Form::Verb);
        if let Some(c) = category {
            let end = j + c.phrase.len();
            let next_to = j == q.end;
            match c.form {
                Form::Noun if noun.is_some() => return found(noun),
                Form::Noun if partitive.is_some() => {}
                Form::Noun if gap <= NOUN_GAP && (next_to || !q.adjacent) => {
                    noun = Some((c, end));
                }
                Form::Participle
                    if (next_to || !q.adjacent)
                        && !cancelled(words, c, j)
                        && !counts_next(words, end) =>
                {
                    return Counted::What(c, q.start..end)
                }
                _ => return found(noun),
            }
            j = end;
            continue;
        }
        if words.is_count(j) || table.uncounted.at(lower, j).next().is_some() {
            return found(noun);
        }
        if words.doc.tokens[j].kind == TokenKind::Punct {
            // "plus de 20 opposants, arrêtés": a participle after a comma.
            let participle = table
                .categories
                .at(lower, j + 1)
                .any(|c| c.form == Form::Participle);
            if words.doc.token_text(j) == "," && participle {
                j += 1;
                continue;
            }
            return found(noun);
        }
        let w = table.word(&lower[j]);
        match w.stop {
            // "trois soldats et huit civils": the next group's.
            Some(true) if noun.is_none() && counts_next(words, j + 1) => return Counted::Joined(j),
            // "460 patients and health workers were killed": one group,
            // unless the word joins two verbs ("bloquent et manifestent").
            Some(true) if noun.is_none() && !category_at(words, j + 1) => {}
            Some(_) => return found(noun),
            None => {}
        }
        gap += usize::from(!w.of);
        j += 1;
    }
    found(noun)
}

/// Whether a word of the table that says what was counted is at `t`.
fn category_at(words: &Words, t: usize) -> bool {
    words.table.categories.at(words.lower, t).next().is_some()
}

/// Whether a count starts at token `t`: a participle right before one is
/// the active verb of that count ("two villages ... killed nearly a
/// dozen").
fn counts_next(words: &Words, t: usize) -> bool {
    let rest = t..words.lower.len();
    t < rest.end
        && (words.table.bounds.at(words.lower, t).next().is_some()
            || (words.is_anchor(t) && words.read(t, &rest).is_some_and(|q| !q.adjacent)))
}

/// Whether a word of the table gives the participle at token `j`
/// another sense ("se sont déplacés": went).
fn cancelled(words: &Words, c: &Category, j: usize) -> bool {
    (j.saturating_sub(1)..=j).any(|end| {
        words
            .table
            .cancels
            .ending(words.lower, 0, end)
            .any(|(_, (_, kind))| *kind == c.kind)
    })
}
