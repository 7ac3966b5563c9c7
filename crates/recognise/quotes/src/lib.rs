//! # depeche-quotes: direct quotes, who said them, and who carried them
//!
//! A news article reports speech in quotation marks and says whose words
//! they are ("« ... », a indiqué le porte-parole", "X said: "..."", "selon
//! un communiqué du ministère, « ... »") and often which outlet or channel
//! carried them ("repris par Russia Today", "told Reuters", "posted on
//! Telegram"). This crate finds the quotes, their speaker and that relay
//! chain, as spans of the document's normalised view and indices into the
//! document's entities.
//!
//! ## Design
//!
//! 1. **Marks** (module `marks`): one pass over the tokens pairs `« »` (the
//!    view's form of every typographic double quote), `‹ ›` and ASCII `"`
//!    with a stack, so inner quotes stay part of the outer one. A quote
//!    still open at a paragraph's end goes on if the next paragraph reopens
//!    the same mark (the way French and English quote over paragraphs),
//!    else it ends there: a stray mark never swallows the article. Quotes of
//!    three words or more are [`Quote`]s, shorter ones [`QuotedTerm`]s.
//! 2. **Words**: every token is looked up once in the language's cue
//!    lexicon (`data/<lang>/quotes*.tsv`, built once per process in a
//!    `OnceLock`): reporting verbs, sources ("selon"), relays ("repris
//!    par"), role nouns ("porte-parole"), documents ("communiqué"),
//!    pronouns, prepositions and determiners. No cue word lives in the code.
//! 3. **Attribution**, quote by quote, in the quote's own sentence: the
//!    part before the opening mark (extended to the previous sentence when
//!    that ends with a colon) and the part after the closing mark, each
//!    bounded by the neighbouring quotes and a fixed window. The cue nearest
//!    the quote wins (a cue directly introducing it, "a souligné que «",
//!    before one after it). The speaker is the cue's subject: the nearest
//!    name, role noun, document or pronoun before the verb, or after it when
//!    inverted ("», a déclaré X", "said X", "selon X"). Names after a
//!    preposition are complements, not subjects ("le porte-parole de
//!    l'ANL"); names inside a relative clause (", qui a reçu X,") are
//!    skipped. Role nouns resolve to the named person in apposition, else
//!    an entity whose roles match (or whose role span holds the noun), else
//!    their complement, else (ministries, governments) the last organisation
//!    named. A document resolves to its issuer ("un communiqué de X"), a
//!    pronoun to the previous speaker or the last person named, "la même
//!    source" to the previous speaker. A bare colon ("X : « ... »") names
//!    its speaker too. A quote with no cue that follows another in the same
//!    or the next paragraph, with no other person named between, inherits
//!    its speaker and relays.
//! 4. **Relays**: relay cues in the same regions name the organisation
//!    after (or before) them; those names are not taken as speakers, and a
//!    quote with no cue at all is credited to its relay.
//!
//! Everything is linear in the number of tokens: each region is bounded,
//! each look-back is capped.

mod lexicon;
mod marks;

use depeche_refer::References;
use depeche_text::{Cover, Doc, Entity, EntityType, Mention, Paragraphs, Span, TokenKind};
use lexicon::{Cue, Lexicon, Words, CLAUSE, DET, DOC, LINK, NONE, OBJECT};

/// A direct quote: three words or more in quotation marks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quote {
    /// The quoted words, inside the marks, trimmed of spaces.
    pub span: Span,
    /// The speaker: an index into the document's entities.
    pub speaker: Option<usize>,
    /// The words that attribute the quote ("a indiqué", "selon X", a colon).
    pub speaker_cue: Option<Span>,
    /// The channels and outlets that carried the quote, in text order.
    pub via: Vec<Relay>,
}

/// A channel or outlet that carried a quote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Relay {
    /// Index into the document's entities.
    pub entity: usize,
    /// The evidence: the cue and the name ("repris par « Russia Today »").
    pub span: Span,
}

/// Quoted terms shorter than three words, kept apart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuotedTerm {
    /// The quoted words, inside the marks.
    pub span: Span,
}

/// Everything quoted in a document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Quotes {
    /// Direct quotes of three words or more, in text order.
    pub quotes: Vec<Quote>,
    /// Shorter quoted terms, in text order.
    pub terms: Vec<QuotedTerm>,
}

/// Tokens searched on each side of a quote for its attribution.
const WINDOW: usize = 80;
/// Tokens walked when looking for a subject.
const SEARCH: usize = 40;
/// Mentions walked back when looking for the last one of a kind.
const LOOKBACK: usize = 300;

/// Finds the quotes of `doc`, their speakers and relays among `entities`
/// (named by `mentions`). Never fails: odd text gives fewer quotes.
pub fn find_quotes(doc: &Doc, mentions: &[Mention], entities: &[Entity]) -> Quotes {
    find_quotes_with(doc, mentions, entities, &References::default())
}

/// [`find_quotes`] with the document's references: a speaker named by a
/// pronoun, title, description, collective or document is the entity it
/// refers to, and a quote with no cue at all may take the subject of the
/// sentence before.
pub fn find_quotes_with(
    doc: &Doc,
    mentions: &[Mention],
    entities: &[Entity],
    refs: &References,
) -> Quotes {
    let mut out = Quotes::default();
    let mut long = Vec::new();
    for q in marks::pair(doc) {
        match word_count(doc, &q) {
            0 => {}
            1 | 2 => out.terms.push(QuotedTerm { span: q.span }),
            _ => long.push(q),
        }
    }
    if long.is_empty() {
        return out;
    }
    let mut cx = Context::new(doc, mentions, entities, Lexicon::get(doc.lang.code), &long);
    cx.add_references(refs);
    let mut state = State::default();
    out.quotes = (0..long.len())
        .map(|k| cx.attribute(&long, k, &mut state))
        .collect();
    for q in out
        .quotes
        .iter_mut()
        .filter(|q| q.speaker.is_none() && q.speaker_cue.is_none())
    {
        q.speaker =
            sentence_subject(&cx, q.span).or_else(|| previous_subject(doc, &refs.subjects, q.span));
    }
    out
}

/// A quotation that is a sentence of its own, with no cue, is the words
/// of the subject of the sentence before ("X questioned it. « ... »").
fn previous_subject(doc: &Doc, subjects: &[Option<usize>], quote: Span) -> Option<usize> {
    let k = doc.sentence_at(quote.start)?;
    let sentence = &doc.sentences[k];
    let alone = doc.text.view()[sentence.span.start..quote.start]
        .chars()
        .all(|c| !c.is_alphanumeric());
    (alone && k > 0).then(|| subjects.get(k - 1).copied().flatten())?
}

/// With no cue at all, words quoted inside a sentence ("La Cédéao exige
/// le « retour complet à l'ordre constitutionnel »") are the words of the
/// sentence's subject: its first person or organisation before the quote.
fn sentence_subject(cx: &Context, quote: Span) -> Option<usize> {
    let (doc, mentions, entities) = (cx.doc, cx.mentions, cx.entities.len());
    let k = doc.sentence_at(quote.start)?;
    let sentence = &doc.sentences[k];
    // Names and resolved references outside quotes, in text order.
    let before = sentence
        .tokens
        .clone()
        .take(WINDOW)
        .take_while(|&t| doc.tokens[t].span().end <= quote.start)
        .filter(|&t| !cx.in_quote[t])
        .find_map(|t| match cx.mention_at(t) {
            Some(m) => {
                let m = &mentions[m];
                (m.entity < entities && matches!(m.ty, EntityType::Per | EntityType::Org))
                    .then_some(m.entity)
            }
            None if cx.flags(t) & DET == 0 => cx
                .reference(t)
                .filter(|&e| matches!(cx.entities[e].ty, EntityType::Per | EntityType::Org)),
            None => None,
        });
    // A quotation that opens its sentence and is followed by its speaker's
    // name ("« ... » Abdou jubile, dans son taxi."): the person who starts
    // the next sentence.
    let opens_sentence = doc.text.view()[sentence.span.start..quote.start]
        .chars()
        .all(|c| !c.is_alphanumeric());
    let after = || {
        let next = doc.sentences.get(k + 1)?;
        let first = doc.tokens.get(next.tokens.start)?;
        mentions
            .iter()
            .find(|m| {
                m.span.start == first.span().start && m.ty == EntityType::Per && m.entity < entities
            })
            .map(|m| m.entity)
    };
    before.or_else(|| if opens_sentence { after() } else { None })
}

/// Words inside a quotation, counted up to three (elided articles like
/// `l'` do not count).
fn word_count(doc: &Doc, q: &marks::Quoted) -> usize {
    let inner_end = q.close.unwrap_or(q.end);
    (q.open + 1..inner_end)
        .filter(|&i| {
            let t = &doc.tokens[i];
            t.kind != TokenKind::Punct && !doc.token_text(i).ends_with('\'')
        })
        .take(3)
        .count()
}

/// Who may be the subject of a cue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cand {
    /// A named mention.
    Mention(usize),
    /// A role noun at a token, with its row in the lexicon.
    Role(usize, u32),
    /// A document noun at a token.
    Doc(usize),
    /// A pronoun at a token, standing for this type.
    Pronoun(usize, EntityType),
    /// A phrase the references resolved, at a token.
    Ref(usize),
}

/// A cue phrase found in the text.
#[derive(Clone, Copy, Debug)]
struct Found {
    cue: Cue,
    start: usize,
    end: usize,
}

/// The previous quote, for continuations.
#[derive(Clone, Debug)]
struct Prev {
    speaker: Option<usize>,
    via: Vec<Relay>,
    para: usize,
    /// One past the last token its attribution used.
    end: usize,
}

/// What attribution carries from one quote to the next.
#[derive(Default)]
struct State {
    prev: Option<Prev>,
    /// Documents whose issuer a quote's attribution told: (token, entity).
    issuers: Vec<(usize, usize)>,
}

/// The document read for attribution: per-token lookups built once.
struct Context<'a> {
    doc: &'a Doc,
    mentions: &'a [Mention],
    entities: &'a [Entity],
    lex: &'a Lexicon,
    words: Words<'a>,
    /// Token → the mention covering it.
    cover: Cover,
    /// Mention → its first and one-past-last token (`usize::MAX` when unusable).
    mtok: Vec<(usize, usize)>,
    in_quote: Vec<bool>,
    para: Paragraphs,
    /// Mentions outside quotes, by first token.
    outside: Vec<usize>,
    /// Role spans of the entities, by start: (span, entity).
    role_spans: Vec<(Span, usize)>,
    /// Tokens that name documents.
    doc_nouns: Vec<usize>,
    /// Tokens that are role nouns.
    role_nouns: Vec<usize>,
    /// Lower-case entity names, for "le ministère" → an ORG named so.
    names: Vec<String>,
    /// The tokens that a resolved reference covers, in order, each with
    /// the entity it stands for: few tokens are, so they are listed rather
    /// than given a slot each.
    refs: Vec<(u32, u32)>,
}

/// The tokens that are nouns of a document ("communiqué") and those that
/// are roles ("spokesman"), of `n` tokens: read in one pass.
fn nouns(lex: &Lexicon, words: &Words, n: usize) -> (Vec<usize>, Vec<usize>) {
    let (mut doc_nouns, mut role_nouns) = (Vec::new(), Vec::new());
    for i in 0..n {
        let info = lex.info(words.at(i).id);
        if info.flags & DOC != 0 {
            doc_nouns.push(i);
        }
        if info.role != NONE {
            role_nouns.push(i);
        }
    }
    (doc_nouns, role_nouns)
}

impl<'a> Context<'a> {
    fn new(
        doc: &'a Doc,
        mentions: &'a [Mention],
        entities: &'a [Entity],
        lex: &'a Lexicon,
        quotes: &[marks::Quoted],
    ) -> Self {
        let n = doc.tokens.len();
        let words = lex.words(doc);
        let mut in_quote = vec![false; n];
        for q in quotes {
            in_quote[q.open..q.end].iter_mut().for_each(|b| *b = true);
        }
        let mut order: Vec<usize> = (0..mentions.len())
            .filter(|&m| mentions[m].entity < entities.len() && !mentions[m].span.is_empty())
            .collect();
        order.sort_by_key(|&m| {
            (
                mentions[m].span.start,
                std::cmp::Reverse(mentions[m].span.end),
            )
        });
        let mut cover = doc.cover(mentions.len(), order.iter().map(|&m| (m, mentions[m].span)));
        let mtok = std::mem::take(&mut cover.tokens);
        let outside = order
            .iter()
            .copied()
            .filter(|&m| mtok[m].0 != usize::MAX && !in_quote[mtok[m].0])
            .collect();
        let mut role_spans: Vec<(Span, usize)> = entities
            .iter()
            .enumerate()
            .flat_map(|(e, ent)| ent.roles.iter().map(move |r| (r.span, e)))
            .collect();
        role_spans.sort_by_key(|(s, _)| s.start);
        let (doc_nouns, role_nouns) = nouns(lex, &words, n);
        let names = entities.iter().map(|e| e.name.to_lowercase()).collect();
        Context {
            doc,
            mentions,
            entities,
            lex,
            words,
            cover,
            mtok,
            in_quote,
            para: doc.paragraphs(),
            outside,
            role_spans,
            doc_nouns,
            role_nouns,
            names,
            refs: Vec::new(),
        }
    }

    /// Marks the tokens of each resolved reference with its entity.
    fn add_references(&mut self, refs: &References) {
        for r in refs
            .references
            .iter()
            .filter(|r| r.entity < self.entities.len())
        {
            for t in self.doc.token_range(r.span) {
                self.refs.push((t as u32, r.entity as u32));
            }
        }
        // Of two references over a token, the later one stands: the stable
        // sort keeps them in that order, and the last of each token is kept.
        self.refs.sort_by_key(|&(t, _)| t);
        self.refs.reverse();
        self.refs.dedup_by_key(|&mut (t, _)| t);
        self.refs.reverse();
    }

    /// The entity a reference at token `t` stands for.
    fn reference(&self, t: usize) -> Option<usize> {
        let k = self
            .refs
            .binary_search_by_key(&u32::try_from(t).ok()?, |&(t, _)| t)
            .ok()?;
        Some(self.refs[k].1 as usize)
    }

    fn text(&self, t: usize) -> &str {
        self.doc.token_text(t)
    }

    fn flags(&self, t: usize) -> u8 {
        self.lex.info(self.words.at(t).id).flags
    }

    fn mention_at(&self, t: usize) -> Option<usize> {
        self.cover.at(t)
    }

    fn entity(&self, m: usize) -> usize {
        self.mentions[m].entity
    }

    /// Whether nothing more may be read across token `t`.
    fn is_barrier(&self, t: usize) -> bool {
        self.in_quote[t] || self.text(t) == ";"
    }

    /// The span from token `a` to token `b` (inclusive).
    fn tspan(&self, a: usize, b: usize) -> Span {
        Span::new(
            self.doc.tokens[a].span().start,
            self.doc.tokens[b].span().end,
        )
    }

    /// Whether the name or noun starting at token `s` is a complement: the
    /// word before it (determiners skipped, not below `lo`) is a
    /// preposition, or it is followed by a possessive `'s`.
    fn is_complement(&self, s: usize, end: usize, lo: usize) -> bool {
        if self.doc.is_possessive(end) {
            return true;
        }
        let mut q = s;
        while q > lo {
            q -= 1;
            let f = self.flags(q);
            if f & DET != 0 && s - q <= 3 {
                continue;
            }
            return f & LINK != 0;
        }
        false
    }

    /// If the candidate ending at token `s` sits inside a relative clause
    /// (", qui a reçu X, a déclaré"), the token where the search resumes.
    fn clause_start(&self, s: usize, lo: usize) -> Option<usize> {
        let mut q = s;
        let mut steps = 0;
        while q > lo && steps < 12 {
            q -= 1;
            steps += 1;
            let t = self.text(q);
            if t == "," || self.is_barrier(q) {
                return None;
            }
            if self.flags(q) & CLAUSE != 0 {
                return (q > lo && self.text(q - 1) == ",").then_some(q - 1);
            }
        }
        None
    }

    /// The subject nearest before token `from`, not below `lo`.
    fn subject_before(&self, from: usize, lo: usize, skip: &[usize]) -> Option<Cand> {
        let mut t = from;
        let mut steps = 0;
        while t > lo && steps < SEARCH {
            t -= 1;
            steps += 1;
            if self.is_barrier(t) {
                break;
            }
            let found = if let Some(m) = self.mention_at(t) {
                let (s, e) = self.mtok[m];
                let s = s.max(lo);
                let usable = !skip.contains(&m) && !self.is_complement(s, e, lo);
                t = s;
                usable.then_some(Cand::Mention(m))
            } else {
                self.noun_or_pronoun(t, lo, false)
            };
            if let Some(c) = found {
                if let Some(resume) = self.clause_start(t, lo) {
                    t = resume;
                    continue;
                }
                if let Cand::Role(r, _) = c {
                    if let Some(m) = self.apposition_before(r, lo, Some(from)) {
                        return Some(Cand::Mention(m));
                    }
                }
                return Some(c);
            }
        }
        None
    }

    /// The subject nearest after token `from` (inclusive), before `hi`.
    fn subject_after(&self, from: usize, hi: usize, skip: &[usize]) -> Option<Cand> {
        let mut t = from;
        while t < hi && t < from + SEARCH {
            if self.is_barrier(t) || self.flags(t) & CLAUSE != 0 {
                break;
            }
            if let Some(m) = self.mention_at(t) {
                let (s, e) = self.mtok[m];
                if !skip.contains(&m) && !self.is_complement(s.max(from), e, from) {
                    return Some(Cand::Mention(self.person_after_place(m, hi)));
                }
                t = e.max(t + 1);
                continue;
            }
            if let Some(c) = self.noun_or_pronoun(t, from, true) {
                return Some(c);
            }
            t += 1;
        }
        None
    }

    /// A place that only qualifies the person named right after it ("said
    /// Damascus resident Abdullah") gives way to that person.
    fn person_after_place(&self, m: usize, hi: usize) -> usize {
        if self.mentions[m].ty != EntityType::Loc {
            return m;
        }
        let e = self.mtok[m].1;
        (e..(e + 3).min(hi))
            .take_while(|&t| self.doc.tokens[t].kind != TokenKind::Punct)
            .find_map(|t| self.mention_at(t))
            .filter(|&p| self.mentions[p].ty == EntityType::Per)
            .unwrap_or(m)
    }

    /// A role noun, document or pronoun at token `t` that can be a subject.
    fn noun_or_pronoun(&self, t: usize, lo: usize, after_preposition_ok: bool) -> Option<Cand> {
        let w = self.words.at(t);
        let info = self.lex.info(w.id);
        if let Some(ty) = w.pronoun {
            if info.flags & OBJECT == 0 || after_preposition_ok {
                return Some(Cand::Pronoun(t, ty));
            }
            return None;
        }
        if info.role == NONE && info.flags & DOC == 0 {
            return self.reference_subject(t, lo);
        }
        if self.is_complement(t, t + 1, lo) {
            return None;
        }
        Some(if info.role != NONE {
            Cand::Role(t, info.role)
        } else {
            Cand::Doc(t)
        })
    }

    /// A resolved reference at token `t` that can be a subject: not a
    /// complement, and not a possessive (the noun after it is the subject:
    /// "son compte" resolves to its owner, "his spokesman" to the spokesman).
    fn reference_subject(&self, t: usize, lo: usize) -> Option<Cand> {
        self.reference(t)?;
        if self.flags(t) & DET != 0 || self.is_complement(t, t + 1, lo) {
            return None;
        }
        Some(Cand::Ref(t))
    }

    /// A person named in apposition just before a role noun ("Lavrov, le
    /// ministre russe"; "John Carter, the army's spokesman"). With `verb`,
    /// a comma must also close the apposition before that token ("...,
    /// a déclaré"), which tells it from a leading clause ("Après avoir vu
    /// X, le ministre a déclaré").
    fn apposition_before(&self, r: usize, lo: usize, verb: Option<usize>) -> Option<usize> {
        if verb.is_some_and(|from| !(r + 1..from).any(|t| self.text(t) == ",")) {
            return None;
        }
        let mut t = r;
        while t > lo && r - t < 8 {
            t -= 1;
            if self.is_barrier(t) || self.flags(t) & CLAUSE != 0 {
                return None;
            }
            if self.text(t) == "," {
                let m = self.mention_at(t.checked_sub(1)?)?;
                let (s, e) = self.mtok[m];
                let ok =
                    self.mentions[m].ty == EntityType::Per && !self.is_complement(s.max(lo), e, lo);
                return ok.then_some(m);
            }
        }
        None
    }

    /// A person named in apposition after a role noun ("le porte-parole de
    /// l'ANL, Ahmed al-Mesmari"; "the spokesman Ahmed Ali").
    fn apposition_after(&self, r: usize, hi: usize) -> Option<usize> {
        let mut t = r + 1;
        while t < hi && t < r + 10 {
            if self.is_barrier(t) || self.flags(t) & CLAUSE != 0 {
                return None;
            }
            if let Some(m) = self.mention_at(t) {
                let (s, e) = self.mtok[m];
                if self.is_complement(s, e, r + 1) {
                    t = e.max(t + 1);
                    continue;
                }
                return (self.mentions[m].ty == EntityType::Per).then_some(m);
            }
            t += 1;
        }
        None
    }

    /// The entity a noun at token `t` is "of": "le porte-parole de X",
    /// "X's spokesman", "le communiqué du porte-parole" (resolved).
    fn complement_of(&self, t: usize, hi: usize, depth: u8) -> Option<usize> {
        if t >= 2 && self.doc.is_possessive(t - 1) {
            if let Some(m) = self.mention_at(t - 2) {
                return Some(self.entity(m));
            }
        }
        let mut j = t + 1;
        while j < hi && j < t + 6 {
            if self.is_barrier(j) || self.text(j) == "," {
                return None;
            }
            if self.flags(j) & LINK != 0 {
                let mut k = j + 1;
                while k < hi
                    && k < j + 3
                    && self.flags(k) & DET != 0
                    && self.mention_at(k).is_none()
                {
                    k += 1;
                }
                if k >= hi {
                    return None;
                }
                if let Some(m) = self.mention_at(k) {
                    return Some(self.entity(m));
                }
                let info = self.lex.info(self.words.at(k).id);
                if info.role != NONE && depth < 2 {
                    return self.resolve_role(k, info.role, hi, depth + 1, &[]);
                }
                return None;
            }
            let w = &self.doc.tokens[j];
            if w.kind != TokenKind::Word || self.mention_at(j).is_some() {
                return None;
            }
            j += 1;
        }
        None
    }

    /// The last mention outside quotes before token `t` that passes `keep`.
    fn last_mention(&self, t: usize, keep: impl Fn(usize) -> bool) -> Option<usize> {
        let k = self.outside.partition_point(|&m| self.mtok[m].0 < t);
        self.outside[..k]
            .iter()
            .rev()
            .take(LOOKBACK)
            .copied()
            .find(|&m| keep(m))
    }

    /// The last organisation named before `t`, preferring one whose name
    /// holds `word`.
    fn last_org(&self, t: usize, word: Option<&str>, avoid: &[usize]) -> Option<usize> {
        let org =
            |m: usize| self.mentions[m].ty == EntityType::Org && !avoid.contains(&self.entity(m));
        word.and_then(|w| {
            self.last_mention(t, |m| org(m) && self.names[self.entity(m)].contains(w))
        })
        .or_else(|| self.last_mention(t, org))
        .map(|m| self.entity(m))
    }

    /// The entity a candidate stands for; `avoid`: entities that are not
    /// speakers here (the relays).
    fn resolve(&self, c: Cand, hi: usize, state: &State, avoid: &[usize]) -> Option<usize> {
        match c {
            Cand::Mention(m) => Some(self.entity(m)),
            Cand::Ref(t) => self.reference(t),
            Cand::Role(t, row) => self.resolve_role(t, row, hi, 0, avoid),
            Cand::Doc(t) => self.resolve_doc(t, hi, state, avoid),
            Cand::Pronoun(t, _) if self.reference(t).is_some() => self.reference(t),
            Cand::Pronoun(t, ty) => {
                // A pronoun first looks back within its own sentence, where
                // "il" may stand for a masculine organisation ("selon le
                // ministère ..., précise-t-il").
                let sentence_start = self
                    .doc
                    .sentence_at(self.doc.tokens[t].span().start)
                    .map_or(t, |s| self.doc.sentences[s].tokens.start);
                let near = self.last_mention(t, |m| {
                    self.mtok[m].0 >= sentence_start
                        && matches!(self.mentions[m].ty, EntityType::Per | EntityType::Org)
                        && !avoid.contains(&self.entity(m))
                });
                if let Some(m) = near {
                    return Some(self.entity(m));
                }
                let last = self.last_mention(t, |m| self.mentions[m].ty == ty);
                match &state.prev {
                    Some(p)
                        if p.speaker.is_some() && last.is_none_or(|m| self.mtok[m].0 < p.end) =>
                    {
                        p.speaker
                    }
                    _ => last.map(|m| self.entity(m)),
                }
            }
        }
    }

    /// Who holds the role named at token `t`.
    fn resolve_role(
        &self,
        t: usize,
        row: u32,
        hi: usize,
        depth: u8,
        avoid: &[usize],
    ) -> Option<usize> {
        let span = self.doc.tokens[t].span();
        let k = self
            .role_spans
            .partition_point(|(s, _)| s.start <= span.start);
        if let Some(&(_, e)) = self.role_spans[..k]
            .iter()
            .rev()
            .take(16)
            .find(|(s, _)| s.contains(&span))
        {
            return Some(e);
        }
        if let Some(m) = self.apposition_after(t, hi) {
            return Some(self.entity(m));
        }
        let noun = &self.lex.roles[row as usize];
        let of = self.complement_of(t, hi, depth);
        let holds = |e: usize| {
            self.entities[e].roles.iter().any(|r| {
                (noun.kinds.contains(&r.kind) || r.title.to_lowercase().contains(&noun.word))
                    && (of.is_none() || r.of.is_none() || r.of == of)
            })
        };
        let holders: Vec<usize> = (0..self.entities.len()).filter(|&e| holds(e)).collect();
        if !holders.is_empty() {
            if let Some(e) = of.and_then(|o| {
                holders
                    .iter()
                    .copied()
                    .find(|&e| self.entities[e].roles.iter().any(|r| r.of == Some(o)))
            }) {
                return Some(e);
            }
            return self
                .last_mention(t, |m| holders.contains(&self.entity(m)))
                .map(|m| self.entity(m))
                .or(Some(holders[0]));
        }
        if of.is_some() {
            return of;
        }
        // The same title used earlier with a name: "le vice-ministre X ...
        // le vice-ministre".
        let k = self.role_nouns.partition_point(|&r| r < t);
        for &r in self.role_nouns[..k].iter().rev().take(30) {
            if self.words.at(r).id != self.words.at(t).id {
                continue;
            }
            let n = self.doc.tokens.len();
            if let Some(m) = self
                .apposition_after(r, n)
                .or_else(|| self.apposition_before(r, 0, None))
            {
                return Some(self.entity(m));
            }
        }
        if let Some(e) = self.reference(t).filter(|e| !avoid.contains(e)) {
            return Some(e);
        }
        if noun.fallback_org && depth == 0 {
            return self.last_org(t, Some(&noun.word), avoid);
        }
        None
    }

    /// Who issued the document named at token `t`.
    fn resolve_doc(&self, t: usize, hi: usize, state: &State, avoid: &[usize]) -> Option<usize> {
        if let Some(e) = self.complement_of(t, hi, 0) {
            return Some(e);
        }
        let k = self.doc_nouns.partition_point(|&d| d < t);
        let told = self.doc_nouns[..k].iter().rev().take(20).find_map(|&d| {
            self.complement_of(d, self.doc.tokens.len(), 0)
                .map(|e| (d, e))
        });
        let spoke = state.issuers.iter().rev().find(|(d, _)| *d < t).copied();
        match (told, spoke) {
            (Some(a), Some(b)) => Some(if a.0 >= b.0 { a.1 } else { b.1 }),
            (Some(a), None) | (None, Some(a)) => Some(a.1),
            (None, None) => self
                .reference(t)
                .filter(|e| !avoid.contains(e))
                .or_else(|| self.last_org(t, None, avoid)),
        }
    }

    /// The cue phrases in tokens `lo..hi`: at each start the longest
    /// speaker cue and the longest relay; a source cue that begins a relay
    /// ("selon l'agence") gives way to it.
    fn cues(&self, lo: usize, hi: usize) -> Vec<Found> {
        let mut out = Vec::new();
        for i in lo..hi {
            if self.in_quote[i] {
                continue;
            }
            let w = self.words.at(i);
            if w.id == NONE && w.base == NONE {
                continue;
            }
            let mut speaker: Option<(Cue, usize)> = None;
            let mut relay: Option<(Cue, usize)> = None;
            self.lex.phrases_at(&self.words, i, |cue, end| {
                if end > hi {
                    return;
                }
                let slot = if cue.is_speaker() {
                    &mut speaker
                } else {
                    &mut relay
                };
                if slot.is_none_or(|(_, e)| end > e) {
                    *slot = Some((cue, end));
                }
            });
            if relay.is_some() && matches!(speaker, Some((Cue::Source, _))) {
                speaker = None;
            }
            for (cue, end) in speaker.into_iter().chain(relay) {
                out.push(Found { cue, start: i, end });
            }
        }
        out
    }

    /// The organisations the relay cues in `found` name, within `lo..hi`.
    fn relays(&self, found: &[Found], lo: usize, hi: usize, out: &mut Vec<(usize, Span)>) {
        let outlet = |m: usize| matches!(self.mentions[m].ty, EntityType::Org | EntityType::Misc);
        for f in found {
            let Cue::Relay {
                after,
                before,
                verb,
            } = f.cue
            else {
                continue;
            };
            let reach = if verb {
                let near_verb = found.iter().any(|v| {
                    matches!(v.cue, Cue::Verb { .. }) && v.end <= f.start && f.start - v.end <= 8
                });
                if !near_verb {
                    continue;
                }
                5
            } else {
                8
            };
            let mut got = None;
            if after {
                let mut t = f.end;
                while t < hi && t < f.end + reach && !self.is_barrier(t) && self.text(t) != "," {
                    if let Some(m) = self.mention_at(t) {
                        if outlet(m) {
                            got = Some((m, self.tspan(f.start, self.mtok[m].1 - 1)));
                            break;
                        }
                        if verb || self.mentions[m].ty == EntityType::Per {
                            break;
                        }
                        t = self.mtok[m].1.max(t + 1);
                        continue;
                    }
                    t += 1;
                }
            }
            if before && got.is_none() {
                let mut t = f.start;
                while t > lo && f.start - t < 3 {
                    t -= 1;
                    if self.is_barrier(t) {
                        break;
                    }
                    if let Some(m) = self.mention_at(t) {
                        if outlet(m) {
                            got = Some((m, self.tspan(self.mtok[m].0, f.end - 1)));
                        }
                        break;
                    }
                }
            }
            if let Some(g) = got {
                if !out.iter().any(|(m, _)| *m == g.0) {
                    out.push(g);
                }
            }
        }
    }

    /// Attributes quote `k` of `quotes`: the cues around it, the relays
    /// among them, then its speaker by a cue, by a colon, or as the voice
    /// going on; documents its speaker issued are noted for later quotes.
    fn attribute(&self, quotes: &[marks::Quoted], k: usize, state: &mut State) -> Quote {
        let q = &quotes[k];
        let w = self.around(quotes, k);
        let mut relays = Vec::new();
        self.relays(&w.before, w.lo, q.open, &mut relays);
        self.relays(&w.after, w.alo, w.ahi, &mut relays);
        relays.sort_by_key(|(_, s)| s.start);
        let skip: Vec<usize> = relays.iter().map(|(m, _)| *m).collect();
        let avoid: Vec<usize> = skip.iter().map(|&m| self.entity(m)).collect();
        let mut via: Vec<Relay> = Vec::new();
        for (m, span) in &relays {
            let entity = self.entity(*m);
            if !via.iter().any(|r| r.entity == entity) {
                via.push(Relay {
                    entity,
                    span: *span,
                });
            }
        }
        let (mut speaker, mut cue_span, used_end) = self.by_cue(q, &w, &skip, &avoid, state);
        // "X : « ... »"
        if cue_span.is_none() {
            if let Some((found, colon)) = self.by_colon(q, w.lo, &skip, &avoid, state) {
                speaker = found;
                cue_span = Some(colon);
            }
        }
        // A quote with no cue that follows another goes on in its voice.
        if cue_span.is_none() {
            speaker = self
                .going_on(q, state)
                .or_else(|| via.first().map(|r| r.entity));
        }
        // The same voice going on in the next breath keeps its channel.
        if let Some(p) = &state.prev {
            if via.is_empty()
                && speaker.is_some()
                && speaker == p.speaker
                && p.para + 1 >= self.para.of(q.open)
            {
                via = p.via.clone();
            }
        }
        if let Some(e) = speaker {
            self.note_issuers(e, [w.lo..q.open, w.alo..w.ahi], state);
        }
        state.prev = Some(Prev {
            speaker,
            via: via.clone(),
            para: self.para.of(q.end - 1),
            end: used_end,
        });
        Quote {
            span: q.span,
            speaker,
            speaker_cue: cue_span,
            via,
        }
    }

    /// The tokens a quote's cues are looked for in, and the cues found
    /// there: the part of the
    /// sentence before it, reaching back into the previous sentence when
    /// that one ends with a colon, and the part after it to the end of its
    /// sentence; neither reaches into a neighbouring quote.
    fn around(&self, quotes: &[marks::Quoted], k: usize) -> Around {
        let q = &quotes[k];
        let n = self.doc.tokens.len();
        let sentences = &self.doc.sentences;
        let prev_end = if k > 0 { quotes[k - 1].end } else { 0 };
        let next_open = quotes.get(k + 1).map_or(n, |x| x.open);
        let s = self.doc.sentence_of(q.open);
        let mut lo = sentences.get(s).map_or(0, |x| x.tokens.start);
        if s > 0 && (lo..q.open).all(|t| self.doc.tokens[t].kind == TokenKind::Punct) {
            let ps = &sentences[s - 1];
            if ps.tokens.end == lo && lo > 0 && self.text(lo - 1) == ":" {
                lo = ps.tokens.start;
            }
        }
        let lo = lo
            .max(prev_end)
            .max(q.open.saturating_sub(WINDOW))
            .min(q.open);
        let (alo, ahi) = match q.close {
            Some(c) => {
                let end = sentences
                    .get(self.doc.sentence_of(c))
                    .map_or(n, |x| x.tokens.end);
                (c + 1, end.min(next_open).min(c + 1 + WINDOW).max(c + 1))
            }
            None => (q.end, q.end),
        };
        Around {
            lo,
            alo,
            ahi,
            before: self.cues(lo, q.open),
            after: self.cues(alo, ahi),
        }
    }

    /// The speaker a cue names: the cue introducing the quote first, else
    /// the one after it; with the cue's span and one past the last token
    /// the attribution used.
    fn by_cue(
        &self,
        q: &marks::Quoted,
        w: &Around,
        skip: &[usize],
        avoid: &[usize],
        state: &State,
    ) -> (Option<usize>, Option<Span>, usize) {
        let recent = |st: &State| {
            st.prev
                .as_ref()
                .filter(|p| p.para + 2 >= self.para.of(q.open))
                .and_then(|p| p.speaker)
        };
        let b = w
            .before
            .iter()
            .rev()
            .find(|f| {
                f.cue.is_speaker()
                    && !matches!(
                        f.cue,
                        Cue::Verb {
                            after_only: true,
                            ..
                        }
                    )
            })
            .copied();
        let a = w.after.iter().find(|f| f.cue.is_speaker()).copied();
        let b_introduces = b.is_some_and(|f| q.open - f.end <= 4);
        let order = if b_introduces { [b, a] } else { [a, b] };
        let mut cue_span = None;
        let mut used_end = q.end;
        for f in order.into_iter().flatten() {
            let is_before = f.end <= q.open;
            let (rlo, rhi) = if is_before {
                (w.lo, q.open)
            } else {
                (w.alo, w.ahi)
            };
            let cand = self.cue_subject(f, rlo, rhi, skip);
            let found = match (f.cue, cand) {
                (Cue::Same, _) => state.prev.as_ref().and_then(|p| p.speaker),
                (_, Some(c)) => self.resolve(c, rhi, state, avoid),
                (Cue::Verb { .. }, None) => recent(state),
                _ => None,
            };
            let mut span = self.tspan(f.start, f.end - 1);
            if let (Cue::Source, Some(Cand::Mention(m))) = (f.cue, cand) {
                span.end = span.end.max(self.doc.tokens[self.mtok[m].1 - 1].span().end);
            }
            if cue_span.is_none() || found.is_some() {
                cue_span = Some(span);
                used_end = if is_before { q.end } else { w.ahi };
            }
            if found.is_some() {
                return (found, cue_span, used_end);
            }
        }
        (None, cue_span, used_end)
    }

    /// Who the cue `f` has for subject, looked for between `rlo` and `rhi`:
    /// after a source cue; before a verb, else after it, unless the verb
    /// carries its own pronoun.
    fn cue_subject(&self, f: Found, rlo: usize, rhi: usize, skip: &[usize]) -> Option<Cand> {
        match f.cue {
            Cue::Same | Cue::Relay { .. } => None,
            Cue::Source => self.subject_after(f.end, rhi, skip),
            Cue::Verb { .. } => {
                let w = self.words.at(f.start);
                match w.pronoun {
                    Some(ty) if w.base != w.id => Some(Cand::Pronoun(f.start, ty)),
                    _ => self
                        .subject_before(f.start, rlo, skip)
                        .or_else(|| self.subject_after(f.end, rhi, skip)),
                }
            }
        }
    }

    /// "X : « ... »": a person, an organisation, a role or a document
    /// right before the colon opening the quote, with the colon's span.
    fn by_colon(
        &self,
        q: &marks::Quoted,
        lo: usize,
        skip: &[usize],
        avoid: &[usize],
        state: &State,
    ) -> Option<(Option<usize>, Span)> {
        if q.open <= lo || self.text(q.open - 1) != ":" {
            return None;
        }
        let colon = q.open - 1;
        let named = |c: &Cand| match *c {
            Cand::Mention(m) => {
                matches!(self.mentions[m].ty, EntityType::Per | EntityType::Org)
            }
            Cand::Role(..) | Cand::Doc(_) => true,
            Cand::Pronoun(..) => false,
            Cand::Ref(_) => true,
        };
        let c = self.subject_before(colon, lo, skip).filter(named)?;
        Some((
            self.resolve(c, colon, state, avoid),
            self.tspan(colon, colon),
        ))
    }

    /// The previous quote's speaker, when the quote follows it within a
    /// paragraph and no other person is named between them.
    fn going_on(&self, q: &marks::Quoted, state: &State) -> Option<usize> {
        let p = state.prev.as_ref()?;
        let near = p.para + 1 >= self.para.of(q.open);
        let from = self.outside.partition_point(|&m| self.mtok[m].0 < p.end);
        let other_person = self.outside[from..]
            .iter()
            .take_while(|&&m| self.mtok[m].0 < q.open)
            .take(LOOKBACK)
            .any(|&m| self.mentions[m].ty == EntityType::Per && Some(self.entity(m)) != p.speaker);
        (near && !other_person).then_some(p.speaker).flatten()
    }

    /// The documents named in `ranges` without an issuer of their own are
    /// entity `e`'s: later quotes that cite them are its words.
    fn note_issuers(&self, e: usize, ranges: [std::ops::Range<usize>; 2], state: &mut State) {
        let n = self.doc.tokens.len();
        for range in ranges {
            let a = self.doc_nouns.partition_point(|&d| d < range.start);
            for &d in self.doc_nouns[a..].iter().take_while(|&&d| d < range.end) {
                if self.complement_of(d, n, 0).is_none() {
                    state.issuers.push((d, e));
                }
            }
        }
    }
}

/// Where a quote's cues are looked for (tokens `lo` up to the quote's
/// opening mark, and `alo..ahi` after its closing one) and the cues there.
struct Around {
    lo: usize,
    alo: usize,
    ahi: usize,
    before: Vec<Found>,
    after: Vec<Found>,
}

#[cfg(test)]
mod tests;
