//! # depeche-refer: who "he", "the statement" and "the junta" are
//!
//! News text names an entity once and then points back to it: a pronoun
//! ("il", "they"), a possessive ("son compte"), a title used alone ("the
//! president", "le porte-parole"), a description built on a demonym ("the
//! Israeli military", "un responsable israélien"), a collective ("la junte",
//! "the rebels"), a document or channel that speaks ("le communiqué", "the
//! statement"). This crate resolves each such phrase to one of the
//! document's entities, after entities and link and before quotes and
//! events, so that those can take a speaker or an actor through it.
//!
//! ## Design
//!
//! One pass over the tokens outside quotation marks keeps a list of
//! referents (named people, organisations and countries, and the phrases
//! already resolved) and the subject of each sentence: its first referent
//! that is not a complement (no preposition before it, no `'s` after it).
//! - A pronoun or possessive takes the subject of its own sentence, else of
//!   the nearest of the three sentences before, else the latest referent,
//!   that agrees with it in class (person or group), number and gender.
//! - A title takes the entity holding it (its roles), else its complement
//!   ("le porte-parole de X"), else, when definite, the salient person; an
//!   indefinite one with a demonym ("an Israeli official") its country.
//! - A collective takes its complement, else an organisation whose name
//!   holds its word, else the country of its demonym, else by its fallback
//!   the nearest organisation, the article's country or the nearest place.
//! - A document takes its possessor ("son compte sur Facebook" is its
//!   owner's), else its complement ("le communiqué du ministère"), else the
//!   subject of its sentence or of the one before.
//!
//! Every word list is data (`data/<lang>/references.tsv`, `titles.tsv`,
//! `demonyms.tsv`, the prepositions of `quotes.tsv`). Pure, linear in the
//! tokens (each look-back is bounded), never fails.

mod lexicon;

use std::cell::OnceCell;

use depeche_text::{Cover, Doc, Entity, EntityType, LowerTokens, Mention, Span, TokenKind};
use lexicon::{Class, Determiner, Gender, Lexicon, Noun, Number, Pronoun};

/// What kind of phrase refers: the record's closed vocabulary.
pub use depeche_model::ReferenceKind as Kind;

/// A phrase that refers to an entity of the document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference {
    /// The referring words in the view (the head noun, or the pronoun).
    pub span: Span,
    /// Index into the document's entities.
    pub entity: usize,
    /// What kind of phrase it is.
    pub kind: Kind,
}

/// The references of a document and the subject of each sentence.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct References {
    /// Resolved references, in text order.
    pub references: Vec<Reference>,
    /// For each sentence, the entity its subject stands for, if any.
    pub subjects: Vec<Option<usize>>,
}

/// Sentences looked back over for an antecedent.
const BACK: usize = 3;
/// Referents or names walked at most by one look-up.
const LOOKBACK: usize = 300;
/// Tokens a phrase's complement may start after its head.
const REACH: usize = 2;

/// Resolves the referring phrases of `doc` to `entities` (named by
/// `mentions`). Never fails: what cannot be resolved is left out.
pub fn find_references(doc: &Doc, mentions: &[Mention], entities: &[Entity]) -> References {
    let lex = Lexicon::get(doc.lang.code);
    let reader = Reader::new(doc, mentions, entities, lex);
    let mut st = State {
        referents: Vec::new(),
        subject: vec![None; doc.sentences.len()],
        out: Vec::new(),
    };
    reader.read(&mut st);
    let subjects = st
        .subject
        .iter()
        .map(|r| r.map(|r| st.referents[r].entity))
        .collect();
    References {
        references: st.out,
        subjects,
    }
}

/// Something a later phrase may point back to.
#[derive(Clone, Copy, Debug)]
struct Referent {
    tok: usize,
    sent: usize,
    entity: usize,
    class: Class,
    number: Number,
    gender: Gender,
    /// Whether it follows a preposition or precedes `'s`.
    complement: bool,
}

/// What the pass has read so far.
struct State {
    referents: Vec<Referent>,
    /// Sentence → index of its subject in `referents`.
    subject: Vec<Option<usize>>,
    out: Vec<Reference>,
}

/// The document with its per-token look-ups.
struct Reader<'a> {
    doc: &'a Doc,
    mentions: &'a [Mention],
    entities: &'a [Entity],
    lex: &'a Lexicon,
    lower: LowerTokens<'a>,
    in_quote: Vec<bool>,
    /// Token → the mention starting or covering it.
    cover: Cover,
    /// Mention → first and one-past-last token.
    mtok: Vec<(usize, usize)>,
    /// Tokens inside a title the entities recognizer gave a name.
    in_role: Vec<bool>,
    /// Named mentions outside quotes, by first token.
    named: Vec<usize>,
    /// Each entity's titles, lowercased and between two spaces, made at
    /// the first definite title: few documents ask, and one that does
    /// asks for every title it reads.
    role_titles: OnceCell<Vec<Vec<String>>>,
    /// Each organisation's name lowercased (none for other entities),
    /// made at the first collective noun.
    org_names: OnceCell<Vec<Option<String>>>,
}

impl<'a> Reader<'a> {
    fn new(
        doc: &'a Doc,
        mentions: &'a [Mention],
        entities: &'a [Entity],
        lex: &'a Lexicon,
    ) -> Self {
        let n = doc.tokens.len();
        let lower = doc.lower_tokens();
        let usable = mentions
            .iter()
            .enumerate()
            .filter(|(_, m)| m.entity < entities.len() && !m.span.is_empty())
            .map(|(i, m)| (i, m.span));
        let mut cover = doc.cover(mentions.len(), usable);
        let mtok = std::mem::take(&mut cover.tokens);
        let mut in_role = vec![false; n];
        for role in entities.iter().flat_map(|e| &e.roles) {
            for t in doc.token_range(role.span) {
                in_role[t] = true;
            }
        }
        let in_quote = quoted(doc);
        let mut named: Vec<usize> = (0..mentions.len())
            .filter(|&m| mtok[m].0 != usize::MAX && !in_quote[mtok[m].0])
            .collect();
        named.sort_by_key(|&m| mtok[m].0);
        named.dedup_by_key(|m| mtok[*m].0);
        Reader {
            doc,
            mentions,
            entities,
            lex,
            lower,
            in_quote,
            cover,
            mtok,
            in_role,
            named,
            role_titles: OnceCell::new(),
            org_names: OnceCell::new(),
        }
    }

    /// The pass over the tokens.
    fn read(&self, st: &mut State) {
        let n = self.lower.len();
        // Whether each of the document's distinct words may open a
        // phrase, once asked: an article repeats its words.
        let ids = self.doc.word_ids();
        let mut opens: Vec<Option<bool>> = vec![None; ids.len()];
        let mut i = 0;
        while i < n {
            if self.in_quote[i] || self.doc.tokens[i].kind == TokenKind::Punct {
                i += 1;
                continue;
            }
            if let Some(m) = self.cover.at(i) {
                let (s, e) = self.mtok[m];
                if s == i {
                    self.named(m, st);
                }
                i = e.max(i + 1);
                continue;
            }
            if self.in_role[i]
                || !*opens[ids.of(i)].get_or_insert_with(|| self.may_open(&self.lower[i]))
            {
                i += 1;
                continue;
            }
            if let Some(p) = self.lex.pronouns.get(&self.lower[i]) {
                self.pronoun(i, *p, st);
                i += 1;
                continue;
            }
            if let Some((noun, end)) = self.noun_at(i) {
                self.noun(i, end, noun, st);
                i = end;
                continue;
            }
            i += 1;
        }
    }

    /// Whether `word` may be a pronoun or start a noun phrase of the
    /// tables: most words are turned away by one bit.
    fn may_open(&self, word: &str) -> bool {
        self.lex.opens.may_hold(word)
            || self
                .lex
                .prefixes
                .iter()
                .any(|p| word.starts_with(p.as_str()))
    }

    /// The longest noun phrase of the tables starting at token `i`.
    /// A word may carry a prefix of the tables ("ex-").
    fn noun_at(&self, i: usize) -> Option<(&'a Noun, usize)> {
        let word = &self.lower[i];
        let bare = self
            .lex
            .prefixes
            .iter()
            .find_map(|p| word.strip_prefix(p.as_str()))
            .unwrap_or(word);
        let list = self.lex.nouns.get(bare)?;
        list.iter().find_map(|noun| {
            let end = i + noun.words.len();
            let fits = end <= self.lower.len()
                && noun.words[1..]
                    .iter()
                    .zip(i + 1..end)
                    .all(|(a, t)| *a == self.lower[t])
                && (i..end).all(|t| self.cover.at(t).is_none() && !self.in_quote[t]);
            fits.then_some((noun, end))
        })
    }

    fn class_of(&self, e: usize) -> Option<Class> {
        let ent = &self.entities[e];
        match ent.ty {
            EntityType::Per => Some(Class::Person),
            EntityType::Org => Some(Class::Group),
            EntityType::Loc if self.is_country(e) => Some(Class::Group),
            _ => None,
        }
    }

    fn is_country(&self, e: usize) -> bool {
        self.entities[e]
            .geo
            .as_ref()
            .is_some_and(|g| g.kind == "country")
    }

    /// A named mention joins the referents.
    fn named(&self, m: usize, st: &mut State) {
        let e = self.mentions[m].entity;
        let Some(class) = self.class_of(e) else {
            return;
        };
        let (s, end) = self.mtok[m];
        let number = if class == Class::Person {
            Number::Sg
        } else {
            Number::Any
        };
        self.push(s, end, e, class, number, Gender::Any, st);
    }

    /// Adds a referent; the first one of a sentence that is not a
    /// complement is its subject.
    #[allow(clippy::too_many_arguments)]
    fn push(
        &self,
        s: usize,
        end: usize,
        entity: usize,
        class: Class,
        number: Number,
        gender: Gender,
        st: &mut State,
    ) {
        let sent = self.doc.sentence_of(s);
        let complement = self.is_complement(s, end);
        if st.subject[sent].is_none() && !complement {
            st.subject[sent] = Some(st.referents.len());
        }
        st.referents.push(Referent {
            tok: s,
            sent,
            entity,
            class,
            number,
            gender,
            complement,
        });
    }

    /// Whether the phrase at tokens `s..end` is a complement: a preposition
    /// before it (determiners, titles and adjectives skipped) or `'s` after.
    fn is_complement(&self, s: usize, end: usize) -> bool {
        if self.doc.is_possessive(end) {
            return true;
        }
        let lo = self
            .doc
            .sentences
            .get(self.doc.sentence_of(s))
            .map_or(0, |x| x.tokens.start);
        let mut t = s;
        while t > lo && s - t < 5 {
            t -= 1;
            let w = &self.lower[t];
            if self.lex.links.contains_key(w) {
                return true;
            }
            let skip = self.lex.determiners.contains_key(w)
                || self.lex.demonyms.contains_key(w)
                || self.in_role[t];
            if !skip {
                return false;
            }
        }
        false
    }

    /// Resolves a pronoun or possessive at token `i`.
    fn pronoun(&self, i: usize, p: Pronoun, st: &mut State) {
        if p.possessive
            && self
                .doc
                .tokens
                .get(i + 1)
                .is_none_or(|t| t.kind == TokenKind::Punct)
        {
            return;
        }
        let agrees = |r: &Referent| {
            ((p.person && r.class == Class::Person) || (p.group && r.class == Class::Group))
                && p.number.agrees(r.number)
                && p.gender.agrees(r.gender)
        };
        let Some(r) = self.antecedent(i, st, agrees) else {
            return;
        };
        let (entity, class) = (r.entity, r.class);
        st.out.push(Reference {
            span: self.doc.tokens[i].span(),
            entity,
            kind: Kind::Pronoun,
        });
        if !p.possessive {
            self.push(i, i + 1, entity, class, p.number, p.gender, st);
        }
    }

    /// The latest referent of the sentence of token `i` that is not a
    /// complement, else the subject of the nearest sentence before, else
    /// the latest referent, that `agrees`. A country the pronoun's own
    /// sentence names before it behind a preposition is where or for whom
    /// things happen, not what it stands for ("En Libye, elle soutient").
    fn antecedent(
        &self,
        i: usize,
        st: &State,
        agrees: impl Fn(&Referent) -> bool,
    ) -> Option<Referent> {
        let s = self.doc.sentence_of(i);
        let own = || {
            st.referents
                .iter()
                .rev()
                .take(LOOKBACK)
                .take_while(move |r| r.sent == s)
                .filter(move |r| r.tok < i)
        };
        if let Some(r) = own().find(|r| !r.complement && agrees(r)) {
            return Some(*r);
        }
        let set_aside = |r: &Referent| {
            self.is_country(r.entity) && own().any(|o| o.complement && o.entity == r.entity)
        };
        let agrees = |r: &Referent| agrees(r) && !set_aside(r);
        for k in (s.saturating_sub(BACK)..s).rev() {
            if let Some(r) = st.subject[k].map(|r| st.referents[r]) {
                if r.tok < i && agrees(&r) {
                    return Some(r);
                }
            }
        }
        st.referents
            .iter()
            .rev()
            .take(LOOKBACK)
            .take_while(|r| r.sent + BACK >= s)
            .find(|r| agrees(r))
            .copied()
    }

    /// The determiner and demonym around the noun at tokens `s..end`.
    fn frame(&self, s: usize, end: usize) -> (Option<(usize, Determiner)>, Option<&'a str>) {
        let mut demonym = None;
        let mut det = None;
        let mut t = s;
        while t > 0 && s - t < 3 {
            t -= 1;
            if self.cover.at(t).is_some() || self.doc.tokens[t].kind == TokenKind::Punct {
                break;
            }
            if let Some(d) = self.lex.determiners.get(&self.lower[t]) {
                det = Some((t, *d));
                break;
            }
            if let Some(c) = self.lex.demonyms.get(&self.lower[t]) {
                demonym = Some(c.as_str());
            }
        }
        for t in end..(end + 2).min(self.lower.len()) {
            if self.cover.at(t).is_some() || self.doc.tokens[t].kind == TokenKind::Punct {
                break;
            }
            if let Some(c) = self.lex.demonyms.get(&self.lower[t]) {
                demonym.get_or_insert(c.as_str());
                break;
            }
        }
        (det, demonym)
    }

    /// A person named right after the noun ("the spokesman John Kirby",
    /// "Damascus resident Abdullah"): the name itself refers.
    fn named_after(&self, end: usize) -> bool {
        for t in end..(end + 2).min(self.lower.len()) {
            if let Some(m) = self.cover.at(t) {
                return self.mentions[m].ty == EntityType::Per;
            }
            if self.lex.links.contains_key(&self.lower[t]) {
                return false;
            }
        }
        false
    }

    /// The named entity a noun is "of" ("le porte-parole de X", "X's
    /// spokesman"): a person, organisation or country.
    fn complement(&self, s: usize, end: usize) -> Option<usize> {
        let good = |m: usize| {
            let e = self.mentions[m].entity;
            self.class_of(e).is_some().then_some(e)
        };
        if s >= 2 && self.doc.is_possessive(s - 1) {
            return self.cover.at(s - 2).and_then(good);
        }
        let mut t = end;
        while t < self.lower.len() && t < end + REACH {
            if self.doc.tokens[t].kind == TokenKind::Punct || self.in_quote[t] {
                return None;
            }
            if self.lex.links.contains_key(&self.lower[t]) {
                let mut k = t + 1;
                while k < self.lower.len()
                    && k < t + 3
                    && self.cover.at(k).is_none()
                    && self.lex.determiners.contains_key(&self.lower[k])
                {
                    k += 1;
                }
                return self.cover.at(k).and_then(good);
            }
            if self.cover.at(t).is_some() {
                return None;
            }
            t += 1;
        }
        None
    }
}

mod nouns;

/// Marks the tokens inside quotation marks (`« »` and paired `"`), each
/// paragraph closing what it left open.
fn quoted(doc: &Doc) -> Vec<bool> {
    let mut out = vec![false; doc.tokens.len()];
    let mut depth = 0usize;
    let mut ascii = false;
    for (i, t) in doc.tokens.iter().enumerate() {
        if t.newline_before {
            depth = 0;
            ascii = false;
        }
        // Quotation marks are punctuation: a word is not sliced to be
        // compared with them.
        if t.kind != TokenKind::Punct {
            out[i] = depth > 0 || ascii;
            continue;
        }
        match doc.token_text(i).as_bytes() {
            [0xC2, 0xAB] => depth += 1,
            [0xC2, 0xBB] => depth = depth.saturating_sub(1),
            [b'"'] => ascii = !ascii,
            _ => out[i] = depth > 0 || ascii,
        }
    }
    out
}

#[cfg(test)]
mod tests;
