//! Pass 1 and 2: where names are, and what type each is.

use std::borrow::Cow;
use std::cell::Cell;

use depeche_text::{Doc, EntityType, Span, TokenKind};

use crate::knowledge::{tongue, world, Known, Longest, Run, Source, Tongue, WordClass};

/// A name found in a sentence, before document consistency. What few
/// names have (a role, a ministry, a part of a country) is boxed: a long
/// article has a hundred thousand candidates, of 112 bytes rather than 184.
#[derive(Clone, Debug)]
pub struct Candidate {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// The name's span in the view.
    pub span: Span,
    /// The type this occurrence was given.
    pub ty: EntityType,
    /// The table entry it matched, if any.
    pub known: Option<Known>,
    /// Whether the type came from a table or a strong cue (not a default).
    pub confident: bool,
    /// A title or role written next to it, and the role's kind.
    pub role: Option<Box<(Span, &'static str)>>,
    /// For ministries: the domain slug and the country key, when stated.
    pub ministry: Option<Box<(&'static str, Option<&'static str>)>>,
    /// For parts of a country ("l'Est"): the compass slug and the country key, when stated.
    pub part_of: Option<Box<(&'static str, Option<&'static str>)>>,
}

/// The tokens a [`Ctx`] holds tables for at once: whole sentences up to
/// this many, so that the tables of a long text take a few hundred
/// kilobytes, not twenty bytes a token of the whole text, while an
/// ordinary article is read in one piece.
const WINDOW: usize = 4096;

struct Ctx<'a> {
    doc: &'a Doc,
    tongue: &'static Tongue,
    /// The tokens the tables below are for (whole sentences): a rule reads
    /// the tokens of its own sentence.
    window: std::ops::Range<usize>,
    /// What the rules ask of each token of the window, made once.
    slots: Vec<Slot<'a>>,
    /// Every token as written, one space between tokens: runs of tokens
    /// joined are slices of it, not new strings.
    written: String,
    /// The same, lowercased: the rules ask for a run's lowercase form
    /// many times, and it is made once.
    lowered: String,
    /// The word classes of each of the document's distinct lowercase
    /// words, once looked up: a word the article repeats is looked up
    /// once.
    classes: Vec<Option<WordClass>>,
    /// How long the known names are that start with each of the
    /// document's distinct lowercase words, once asked.
    longest: Vec<Cell<Option<Longest>>>,
    /// Whether each of the document's distinct lowercase words is a
    /// common word, once asked.
    commons: Vec<Cell<Option<bool>>>,
}

/// One token of a [`Ctx`]'s window: the rules ask for a token's text many
/// times, and a slice of the view checks its bounds and character
/// boundaries each time. One record a token, made in one pass, rather
/// than a table of each.
struct Slot<'a> {
    /// The token as written.
    word: &'a str,
    /// The token lowercased, as the document keeps it.
    lower: &'a str,
    /// Where the token starts in [`Ctx::written`]; it ends one byte before
    /// the next one starts.
    written_at: u32,
    /// Where the token starts in [`Ctx::lowered`], the same way.
    lowered_at: u32,
    /// Whether it can be part of a name ([`Ctx::is_capitalised`]).
    caps: bool,
    /// Which word tables it may be in.
    class: WordClass,
    /// Whether it is a common word, once asked ([`Ctx::is_common`]).
    common: Cell<Option<bool>>,
}

/// A byte offset into a document's text, which ingest keeps far below
/// 4 GiB.
fn offset(at: usize) -> u32 {
    u32::try_from(at).expect("a text under 4 GiB")
}

impl<'a> Ctx<'a> {
    fn new(doc: &'a Doc) -> Self {
        Ctx {
            doc,
            tongue: tongue(doc.lang.code),
            window: 0..0,
            slots: Vec::new(),
            written: String::new(),
            lowered: String::new(),
            classes: vec![None; doc.word_ids().len()],
            longest: vec![Cell::new(None); doc.word_ids().len()],
            commons: vec![Cell::new(None); doc.word_ids().len()],
        }
    }

    /// Makes the tables for sentence `k` and those after it, up to
    /// [`WINDOW`] tokens, unless they are made already.
    fn reach(&mut self, k: usize) {
        let sentences = &self.doc.sentences;
        if sentences[k].tokens.end <= self.window.end {
            return;
        }
        let start = sentences[k].tokens.start;
        let mut end = sentences[k].tokens.end;
        for s in &sentences[k + 1..] {
            if s.tokens.end - start > WINDOW {
                break;
            }
            end = s.tokens.end;
        }
        self.fill(start..end);
    }

    /// Makes the tables for `tokens`, in place of those it held.
    fn fill(&mut self, tokens: std::ops::Range<usize>) {
        let (doc, tongue) = (self.doc, self.tongue);
        // The tokens and one space between two take at most their text
        // and a byte a token: reserved once, never copied while it grows.
        let room = if tokens.is_empty() {
            0
        } else {
            doc.tokens[tokens.end - 1].span().end - doc.tokens[tokens.start].span().start
                + tokens.len()
        };
        let (written, lowered) = (&mut self.written, &mut self.lowered);
        let (ids, classes) = (doc.word_ids(), &mut self.classes);
        for s in [&mut *written, &mut *lowered] {
            s.clear();
            s.reserve(room);
        }
        let lower_tokens = doc.lower_tokens();
        let view = doc.text.view();
        self.slots.clear();
        self.slots
            .extend(doc.tokens[tokens.clone()].iter().enumerate().map(|(n, t)| {
                if n > 0 {
                    written.push(' ');
                    lowered.push(' ');
                }
                let word = &view[t.span().start..t.span().end];
                let k = tokens.start + n;
                let lower = lower_tokens.get(k).unwrap_or("");
                let (written_at, lowered_at) = (offset(written.len()), offset(lowered.len()));
                written.push_str(word);
                lowered.push_str(lower);
                let is_word = matches!(t.kind, TokenKind::Word | TokenKind::Acronym);
                Slot {
                    word,
                    lower,
                    written_at,
                    lowered_at,
                    caps: is_word && capitalised_word(tongue, word),
                    class: *classes[ids.of(k)].get_or_insert_with(|| word_class(tongue, lower)),
                    common: Cell::new(None),
                }
            }));
        self.window = tokens;
    }

    /// Token `i`'s place in the tables, past their end when they do not
    /// hold it. A rule reads the tokens of its sentence, which they always
    /// hold; any other token reads as no word.
    #[inline]
    fn at(&self, i: usize) -> usize {
        i.wrapping_sub(self.window.start)
    }

    /// Token `i`'s record, if the window holds it.
    #[inline]
    fn slot(&self, i: usize) -> Option<&Slot<'a>> {
        self.slots.get(self.at(i))
    }

    /// Whether token `i` may be in the tables of `class`.
    fn may_be(&self, i: usize, class: WordClass) -> bool {
        self.slot(i).is_some_and(|s| s.class.has(class))
    }

    fn text(&self, i: usize) -> &'a str {
        match self.slot(i) {
            Some(slot) => slot.word,
            None => self.doc.text.slice(self.doc.tokens[i].span()),
        }
    }

    fn span(&self, start: usize, end: usize) -> Span {
        Span::new(
            self.doc.tokens[start].span().start,
            self.doc.tokens[end - 1].span().end,
        )
    }

    /// Whether token `i` starts with a lowercase letter.
    fn starts_lowercase(&self, i: usize) -> bool {
        self.text(i).chars().next().is_some_and(char::is_lowercase)
    }

    fn is_word(&self, i: usize) -> bool {
        matches!(
            self.doc.tokens[i].kind,
            TokenKind::Word | TokenKind::Acronym
        )
    }

    /// A word that can be part of a name: capitalised, or a particle joined
    /// to a capitalised word (`al-Mesmari`, `el-Sisi`).
    fn is_capitalised(&self, i: usize) -> bool {
        self.slot(i).is_some_and(|s| s.caps)
    }

    /// [`crate::knowledge::World::longest_from`] token `i` lowercased ([`Ctx::lower`]),
    /// asked once a word of the document.
    #[inline]
    fn longest_lower(&self, i: usize) -> Longest {
        if self.slot(i).is_none() {
            return world().longest_from("");
        }
        let cell = &self.longest[self.doc.word_ids().of(i)];
        once(cell, || world().longest_from(self.lower(i)))
    }

    /// Token `i` lowercased; empty outside the window, as a run is.
    fn lower(&self, i: usize) -> &'a str {
        self.slot(i).map_or("", |s| s.lower)
    }

    fn is_common(&self, i: usize) -> bool {
        let cached = self.slot(i).map(|s| &s.common);
        if let Some(common) = cached.and_then(Cell::get) {
            return common;
        }
        let common = self.common_lowercase(i) || self.common_with_accent(i);
        if let Some(cell) = cached {
            cell.set(Some(common));
        }
        common
    }

    /// Whether token `i`'s lowercase form is a common word, asked once a
    /// word of the document.
    fn common_lowercase(&self, i: usize) -> bool {
        if self.slot(i).is_none() {
            return self.is_common_word("");
        }
        let cell = &self.commons[self.doc.word_ids().of(i)];
        once(cell, || self.is_common_word(self.lower(i)))
    }

    /// Whether `lower`, a lowercase token, is a common word of the
    /// language. An elided or contracted word ("jusqu'", "i’m") is as
    /// common as the word before its apostrophe.
    fn is_common_word(&self, lower: &str) -> bool {
        let before_apostrophe = lower
            .split_once(['\'', '’'])
            .map(|(head, _)| head)
            .filter(|head| !head.is_empty());
        self.tongue.common.contains(lower.trim_end_matches('\''))
            || self.doc.lang.is_stopword(lower)
            || before_apostrophe.is_some_and(|head| {
                self.tongue.common.contains(head) || self.tongue.elisions.contains(head)
            })
    }

    /// Whether token `i`, a capital written without its accent ("Etat",
    /// "Elu"), is a common word with the accent put back.
    fn common_with_accent(&self, i: usize) -> bool {
        let mut chars = self.text(i).chars();
        let Some(first) = chars.next().filter(char::is_ascii_uppercase) else {
            return false;
        };
        let Some(accented) = self.tongue.capital_accents.get(&first.to_ascii_lowercase()) else {
            return false;
        };
        let rest = &self.lower(i)[first.len_utf8()..];
        let mut word = String::with_capacity(rest.len() + 2);
        accented.iter().any(|a| {
            word.clear();
            word.push(*a);
            word.push_str(rest);
            self.tongue.common.contains(&word)
        })
    }

    fn is_connector(&self, i: usize) -> bool {
        self.may_be(i, WordClass::CONNECTOR)
            && self.is_word(i)
            && self.tongue.connectors.contains(self.text(i))
    }

    /// Tokens `start..end` joined by single spaces, or `None` across a line break.
    fn joined(&self, start: usize, end: usize) -> Option<&str> {
        self.within_line(start, end)
            .then(|| self.run_text(start, end))
    }

    /// [`Ctx::joined`], lowercased.
    fn joined_lower(&self, start: usize, end: usize) -> Option<&str> {
        self.within_line(start, end)
            .then(|| self.run_lower(start, end))
    }

    /// Tokens `start..end` joined by single spaces, line breaks or not.
    #[inline]
    fn run_text(&self, start: usize, end: usize) -> &str {
        self.window_run(&self.written, |s| s.written_at, start, end)
    }

    /// [`Ctx::run_text`], lowercased.
    #[inline]
    fn run_lower(&self, start: usize, end: usize) -> &str {
        self.window_run(&self.lowered, |s| s.lowered_at, start, end)
    }

    /// Tokens `start..end` of one of the window's joined texts, whose
    /// tokens start at `at`; empty outside the window. The run ends one
    /// byte before the token after it starts.
    #[inline]
    fn window_run<'s>(
        &self,
        text: &'s str,
        at: impl Fn(&Slot) -> u32,
        start: usize,
        end: usize,
    ) -> &'s str {
        if start < self.window.start || end > self.window.end {
            return "";
        }
        let to = self
            .slots
            .get(self.at(end))
            .map_or(text.len(), |next| at(next) as usize - 1);
        &text[at(&self.slots[self.at(start)]) as usize..to]
    }

    fn within_line(&self, start: usize, end: usize) -> bool {
        !self.doc.tokens[start + 1..end]
            .iter()
            .any(|t| t.newline_before)
    }
}

/// What `cell` holds, made by `make` and kept there when it is empty.
fn once<T: Copy>(cell: &Cell<Option<T>>, make: impl FnOnce() -> T) -> T {
    match cell.get() {
        Some(value) => value,
        None => {
            let value = make();
            cell.set(Some(value));
            value
        }
    }
}

/// Whether a word can be part of a name: capitalised, or a particle
/// joined to a capitalised word (`al-Mesmari`, `el-Sisi`). Asked of every
/// word of a text: inlined, the particle left to [`joined_particle`].
#[inline]
fn capitalised_word(tongue: &Tongue, word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase) || joined_particle(tongue, word)
}

/// Whether a word is a particle joined by a hyphen to a capitalised word.
fn joined_particle(tongue: &Tongue, word: &str) -> bool {
    match word.bytes().position(|b| b == b'-') {
        Some(hyphen) => {
            let (particle, rest) = (&word[..hyphen], &word[hyphen + 1..]);
            particle.chars().count() <= 3
                && tongue.connectors.contains(particle)
                && rest.chars().next().is_some_and(char::is_uppercase)
        }
        None => false,
    }
}

/// The classes of a token from its lowercase form. A token holds no
/// space (the tokeniser splits at every one), so it is one word of the
/// tables' phrases.
fn word_class(tongue: &Tongue, lower: &str) -> WordClass {
    if !tongue.class_sieve.may_hold(lower) {
        return WordClass::default();
    }
    tongue.classes.get(lower).copied().unwrap_or_default()
}

/// Title-cases an all-capitals word (`MOSCOU` → `Moscou`).
fn title_case(word: &str) -> String {
    let mut out = String::new();
    let mut upper_next = true;
    for c in word.chars() {
        if upper_next {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        upper_next = matches!(c, '-' | ' ' | '\'');
    }
    out
}

fn is_all_caps(word: &str) -> bool {
    !word.chars().any(char::is_lowercase) && word.chars().filter(|c| c.is_alphabetic()).count() >= 2
}

/// Finds and types every name candidate of the document.
pub fn find(doc: &Doc) -> Vec<Candidate> {
    let mut ctx = Ctx::new(doc);
    let mut out = Vec::new();
    for (k, sentence) in doc.sentences.iter().enumerate() {
        ctx.reach(k);
        let (first, last) = (sentence.tokens.start, sentence.tokens.end);
        let from = out.len();
        // A known name starting with a lowercase word holds a capitalised
        // one: none starts after the sentence's last capital but one.
        let last_cap = (first..last).rev().find(|&j| ctx.is_capitalised(j));
        let mut i = first;
        while i < last {
            let found = if may_start_pattern(&ctx, i, last) {
                hashtag(&ctx, i, last)
                    .or_else(|| institution(&ctx, i, first, last))
                    .or_else(|| longest_at(&ctx, i, first, last))
            } else if last_cap.is_some_and(|c| c > i + 1) || !ctx.starts_lowercase(i) {
                known(&ctx, i, first, last)
            } else {
                None
            };
            match found {
                Some(mut c) => {
                    capital_as_state(&ctx, &mut c, first, last);
                    if c.role.is_none() && c.ty == EntityType::Per {
                        c.role = title_before(&ctx, c.start, first)
                            .or_else(|| title_after(&ctx, c.end, last))
                            .map(Box::new);
                    }
                    i = c.end;
                    out.push(c);
                }
                None => i += 1,
            }
        }
        type_lists(&ctx, &mut out[from..]);
    }
    out
}

/// The longest of a ministry, a name on a head word and a known name at
/// token `i`, else a run of capitalised words. A run ending with an
/// organisation or event head ("US National Security Council") beats a
/// shorter known name, and a person's two-word name beats a town of the
/// same first word ("Kaïs Saïed").
fn longest_at(ctx: &Ctx, i: usize, first: usize, last: usize) -> Option<Candidate> {
    let found = ministry(ctx, i, first, last)
        .or_else(|| headed(ctx, i, first, last))
        .into_iter()
        .chain(known(ctx, i, first, last))
        .max_by_key(|c| (c.end, c.known.is_some()));
    let Some(found) = found else {
        return capitalised(ctx, i, first, last);
    };
    // "the Government" alone is a body's common noun, not its name.
    if found.end == i + 1
        && found.known.is_none()
        && ctx.tongue.not_names_alone.contains(ctx.lower(i))
    {
        return None;
    }
    if found.ministry.is_some() || !ctx.is_capitalised(i) {
        return Some(found);
    }
    let city = found.end == i + 1
        && found
            .known
            .as_ref()
            .is_some_and(|k| k.source == Source::City);
    // A town's name as the subject of a reporting verb is a person's
    // ("Bello said"); a capital there stands for its state.
    if city
        && i + 1 < last
        && ctx.tongue.verbs.contains(ctx.lower(i + 1))
        && found
            .known
            .as_ref()
            .is_some_and(|k| !world().capital_of.contains_key(k.key))
    {
        return capitalised(ctx, i, first, last);
    }
    // A run from `i` ends at `run_end` at the latest: one no longer than
    // the name found is not worth typing.
    if run_end(ctx, i, last) <= found.end {
        return Some(found);
    }
    let run = capitalised(ctx, i, first, last).filter(|c| {
        c.start == i
            && c.end > found.end
            && ((c.confident && end_head(ctx, c.start, c.end).is_some())
                || (city
                    && c.ty == EntityType::Per
                    && c.end == i + 2
                    && known(ctx, i + 1, first, last).is_none()))
    });
    Some(run.unwrap_or(found))
}

/// A hashtag: `#` written against a word names a campaign (MISC).
fn hashtag(ctx: &Ctx, i: usize, last: usize) -> Option<Candidate> {
    if i + 1 >= last || ctx.text(i) != "#" || !ctx.is_word(i + 1) {
        return None;
    }
    if ctx.doc.tokens[i].span().end != ctx.doc.tokens[i + 1].span().start {
        return None;
    }
    Some(candidate(ctx, i, i + 2, EntityType::Misc, None, true))
}

/// A lowercase institution naming one body with its demonym ("l'armée
/// soudanaise", "the Lebanese army"), or a name of its own ("le parti
/// libéral"); a lowercase head with the name of a place ("la guerre du
/// Darfour").
fn institution(ctx: &Ctx, i: usize, first: usize, last: usize) -> Option<Candidate> {
    let t = ctx.tongue;
    let phrase_at = |j: usize| -> Option<(usize, &'static str)> {
        if j >= last || !ctx.may_be(j, WordClass::INSTITUTION) || ctx.is_capitalised(j) {
            return None;
        }
        (1..=t.institution_len.min(last - j)).rev().find_map(|n| {
            ctx.joined_lower(j, j + n)
                .and_then(|k| t.institutions.get(k))
                .map(|w| (j + n, *w))
        })
    };
    if let Some((end, place)) = phrase_at(i) {
        return match place {
            "none" => Some(candidate(ctx, i, end, EntityType::Org, None, true)),
            "after" if end < last && is_demonym(ctx, end) => {
                Some(candidate(ctx, i, end + 1, EntityType::Org, None, true))
            }
            "misc-of"
                if end + 1 < last && is_title_link(ctx, end) && ctx.is_capitalised(end + 1) =>
            {
                let stop = run_end(ctx, end + 1, last);
                Some(candidate(ctx, i, stop, EntityType::Misc, None, true))
            }
            _ => None,
        };
    }
    if i > first && is_demonym(ctx, i - 1) && ctx.is_capitalised(i - 1) {
        return None;
    }
    if ctx.is_capitalised(i) && is_demonym(ctx, i) {
        if let Some((end, "before")) = phrase_at(i + 1) {
            return Some(candidate(ctx, i, end, EntityType::Org, None, true));
        }
    }
    None
}

/// Names in a list take the type of their typed neighbours ("Kano, Borno,
/// Yobe and Katsina"): an untyped name between places is a place.
fn type_lists(ctx: &Ctx, cands: &mut [Candidate]) {
    let joined = |a: &Candidate, b: &Candidate| {
        b.start > a.end && (a.end..b.start).all(|j| ctx.tongue.list_joiners.contains(ctx.lower(j)))
    };
    let place = |c: &Candidate| c.ty == EntityType::Loc;
    // Joined by a word ("and"), not a comma alone.
    let worded =
        |a: &Candidate, b: &Candidate| joined(a, b) && (a.end..b.start).any(|j| ctx.is_word(j));
    for _ in 0..2 {
        for k in 0..cands.len() {
            if cands[k].known.is_some() || cands[k].confident || cands[k].ministry.is_some() {
                continue;
            }
            let before = k > 0 && place(&cands[k - 1]) && joined(&cands[k - 1], &cands[k]);
            let after =
                k + 1 < cands.len() && place(&cands[k + 1]) && joined(&cands[k], &cands[k + 1]);
            let by_word = (k > 0 && before && worded(&cands[k - 1], &cands[k]))
                || (after && worded(&cands[k], &cands[k + 1]));
            if (before && after) || by_word {
                cands[k].ty = EntityType::Loc;
            }
        }
    }
}

/// Whether a ministry, a name built on a head word or a run of capitalised
/// words may start at token `i`: each needs a capital on this token or the
/// next (after an ordinal), or a ministry word. Most tokens start none,
/// and only a known name is looked for there.
fn may_start_pattern(ctx: &Ctx, i: usize, last: usize) -> bool {
    ctx.is_capitalised(i)
        || ctx.may_be(i, WordClass::MINISTRY_WORD)
        || ctx.may_be(i, WordClass::INSTITUTION)
        || ctx.text(i) == "#"
        || (i + 1 < last && ctx.is_capitalised(i + 1))
}

fn candidate(
    ctx: &Ctx,
    start: usize,
    end: usize,
    ty: EntityType,
    known: Option<Known>,
    confident: bool,
) -> Candidate {
    Candidate {
        start,
        end,
        span: ctx.span(start, end),
        ty,
        known,
        confident,
        role: None,
        ministry: None,
        part_of: None,
    }
}

/// The keys under which a run of words starting at one token may be a
/// known name: as written (title-cased when in capitals), lowercased, and
/// folded; `None` where that kind's table does not hold the run.
type Keys<'c> = [Option<Cow<'c, str>>; 3];

/// The keys of the runs of 2, 3... words from token `i` (at most `max`),
/// given which kinds of key may go on past the first word; stops at the
/// first run that starts no known name of any kind: a longer run starts
/// with it, so cannot be a known name either.
fn run_keys<'c>(ctx: &'c Ctx, i: usize, max: usize, caps: bool, alive: [bool; 3]) -> Vec<Keys<'c>> {
    let w = world();
    let mut alive = alive;
    let mut out = Vec::new();
    // The folded run grows a token at a time: folding the words one by one
    // and joining them by one space is folding the joined words. Room for
    // the longest run as written, which most words fold to as many bytes.
    let room = if alive[2] {
        ctx.run_text(i, i + max).len()
    } else {
        0
    };
    let mut folded_words = String::with_capacity(room);
    let mut folded_to = i;
    for n in 2..=max {
        // The shorter runs were within one line: only the new token may
        // start another.
        if ctx.doc.tokens[i + n - 1].newline_before {
            break;
        }
        let (joined, joined_lower) = (ctx.run_text(i, i + n), ctx.run_lower(i, i + n));
        let exact = alive[0].then(|| {
            if caps {
                Cow::Owned(title_case(joined))
            } else {
                Cow::Borrowed(joined)
            }
        });
        let lower = alive[1].then_some(Cow::Borrowed(joined_lower));
        if alive[2] {
            for j in folded_to..i + n {
                crate::keys::fold_into(&mut folded_words, ctx.text(j));
            }
            folded_to = i + n;
        }
        let folded = alive[2].then_some(folded_words.as_str());
        let exact_run = exact.as_deref().and_then(|k| w.run(k));
        let lower_run = lower.as_deref().and_then(|k| {
            if exact.as_deref() == Some(k) {
                exact_run
            } else {
                w.run(k)
            }
        });
        // A run most often folds to its lowercase form: looked up once.
        let folded_run = folded.and_then(|k| {
            if lower.as_deref() == Some(k) {
                lower_run
            } else {
                w.run(k)
            }
        });
        let folded_empty = folded == Some("");
        alive = [
            exact_run.is_some(),
            lower_run.is_some(),
            folded_run.is_some() || folded_empty,
        ];
        if alive == [false; 3] {
            break;
        }
        // Only the keys their tables hold are worth looking up.
        out.push([
            exact.filter(|_| exact_run.is_some_and(Run::is_name)),
            lower.filter(|_| lower_run.is_some_and(Run::is_lower_name)),
            folded
                .filter(|_| folded_run.is_some_and(Run::is_folded_name))
                .map(|k| Cow::Owned(k.to_string())),
        ]);
    }
    out
}

/// The longest known name starting at token `i`.
fn known(ctx: &Ctx, i: usize, first: usize, last: usize) -> Option<Candidate> {
    if !ctx.is_word(i) {
        return None;
    }
    let w = world();
    let word = ctx.text(i);
    // A one-word name is never taken in lowercase (see `accept_single`),
    // and a word in capitals has no lowercase letter.
    let lowercase = word.chars().next().is_some_and(char::is_lowercase);
    let at_lower = ctx.longest_lower(i);
    // A lowercase word is only the start of a name of two words or more:
    // most lowercase words start none, and are turned away here.
    if lowercase && at_lower.any < 2 && ctx.lower(i) == word {
        return None;
    }
    let caps = !lowercase && word.len() > 3 && is_all_caps(word) && word.chars().count() > 3;
    let probe = if caps {
        Cow::Owned(title_case(word))
    } else {
        Cow::Borrowed(word)
    };
    let at_probe = if ctx.lower(i) == probe {
        at_lower
    } else {
        w.longest_from(&probe)
    };
    let max = at_probe.any.max(at_lower.any).min(last - i);
    // Which kinds of key may go on past the first word; folded keys are
    // only tried for a capitalised first word.
    let alive = [
        at_probe.written >= 2,
        at_lower.lowered >= 2,
        ctx.is_capitalised(i),
    ];
    let runs = if max >= 2 && alive != [false; 3] {
        run_keys(ctx, i, max, caps, alive)
    } else {
        Vec::new()
    };
    for n in (1..=(runs.len() + 1).min(max)).rev() {
        let hit = match runs.get(n.wrapping_sub(2)) {
            // One word is only looked up as written; an acronym in
            // capitals ("AIEA") before its title-cased form ("MOSCOU").
            None => caps
                .then(|| w.names(word))
                .flatten()
                .or_else(|| {
                    (at_probe.is_name && !lowercase)
                        .then(|| w.names(&probe))
                        .flatten()
                })
                .and_then(best_known),
            Some([exact, lower, folded]) => exact
                .as_deref()
                .and_then(|key| w.names(key))
                .and_then(best_known)
                .or_else(|| {
                    lower
                        .as_deref()
                        .and_then(|key| w.lower_names(key))
                        .and_then(best_known)
                        .filter(|k| k.source != Source::City)
                        .or_else(|| {
                            // Spelt without its accents or hyphens ("Etats Unis").
                            folded
                                .as_deref()
                                .and_then(|key| w.folded_names(key))
                                .and_then(best_known)
                        })
                }),
        };
        let Some(k) = hit else { continue };
        if n == 1 && !accept_single(ctx, i, first, &k) {
            continue;
        }
        // A name written all in lowercase is common words ("le monde").
        if n >= 2 && (i..i + n).all(|j| !ctx.is_capitalised(j)) {
            continue;
        }
        if !ctx.is_capitalised(i) && k.source != Source::Org && n == 1 {
            continue;
        }
        let ty = k.ty;
        return Some(candidate(ctx, i, i + n, ty, Some(k), true));
    }
    compound_prefix(ctx, i)
}

/// A known name joined to a lowercase word: `Iran-backed`, `US-flagged`.
fn compound_prefix(ctx: &Ctx, i: usize) -> Option<Candidate> {
    let word = ctx.text(i);
    // The prefix starts the word and must start with a capital.
    if !word.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    let (prefix, rest) = depeche_text::split_at_last_hyphen(word)?;
    if !rest.chars().all(char::is_lowercase)
        || !prefix.chars().next().is_some_and(char::is_uppercase)
    {
        return None;
    }
    let k = world().names(prefix).and_then(best_known)?;
    if k.source == Source::City {
        return None;
    }
    let mut c = candidate(ctx, i, i + 1, k.ty, Some(k), true);
    c.span.end = c.span.start + prefix.len();
    Some(c)
}

/// A capital standing for its state ("Moscou entretient des relations",
/// "Moscow's control") names the country; the city as a place ("à Moscou",
/// "Moscow, 25 August") stays the city.
fn capital_as_state(ctx: &Ctx, c: &mut Candidate, first: usize, last: usize) {
    let w = world();
    let Some(country) = c.known.as_ref().and_then(|k| w.capital_of.get(k.key)) else {
        return;
    };
    if state_cued(ctx, c.start, first) {
        if let Some(k) = w.country(country) {
            c.known = Some(k);
        }
        return;
    }
    // "à Moscou", "the city of Damascus".
    let cued = c.start > first
        && (is_place_cue(ctx, c.start - 1)
            || (c.start > first + 1
                && ctx.is_connector(c.start - 1)
                && is_place_cue(ctx, c.start - 2)));
    if cued || c.end >= last {
        return;
    }
    let next = ctx.text(c.end);
    let acts = ctx.doc.is_possessive(c.end)
        || (ctx.is_word(c.end)
            && next.chars().all(char::is_lowercase)
            && !ctx.is_connector(c.end)
            && !ctx.tongue.prepositions.contains(ctx.lower(c.end))
            && !ctx.tongue.list_joiners.contains(ctx.lower(c.end)));
    if acts {
        if let Some(k) = w.country(country) {
            c.known = Some(k);
        }
    }
}

/// Whether the words right before `start` make a capital its state: the
/// agent of an act ("par Moscou", "by Washington") or the seat of a
/// regime ("le régime de Kigali"). "Le gouvernement de Tripoli" is not
/// one: where rival governments sit in two cities, it names one of them.
fn state_cued(ctx: &Ctx, start: usize, first: usize) -> bool {
    let t = ctx.tongue;
    (1..=t.state_cue_len.min(start - first)).any(|n| {
        ctx.joined_lower(start - n, start)
            .is_some_and(|k| t.state_cues.contains(k))
    })
}

/// Among homonyms, the table entry a bare name most likely means: a country
/// or organisation before a capital before a region before the most
/// populous city ("Washington" is the capital, not the state).
fn best_known(list: impl Iterator<Item = Known>) -> Option<Known> {
    let capitals = &world().capital_of;
    list.max_by_key(|k| {
        let rank = match k.source {
            Source::Country => 5,
            Source::Org => 4,
            Source::City if capitals.contains_key(k.key) => 3,
            Source::Region => 2,
            Source::City => 1,
        };
        (rank, k.population)
    })
}

/// Whether a one-word known name is really that name here.
fn accept_single(ctx: &Ctx, i: usize, first: usize, k: &Known) -> bool {
    let word = ctx.text(i);
    if word.chars().count() < 3 {
        return matches!(k.source, Source::Org | Source::Country) && is_all_caps(word);
    }
    if !word.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    let common = ctx.is_common(i);
    match k.source {
        Source::City => {
            let big = k.population >= 1_000_000;
            let cued = i > first && is_place_cue(ctx, i - 1);
            let given = world().given_names.contains(word);
            (!common && !given) || ((big || cued) && i > first)
        }
        _ => !(common && i == first),
    }
}

/// A ministry: `ministère (russe) de la Défense`, `la Défense russe`,
/// `Ministry of Defence`, `Russian Defence Ministry`.
fn ministry(ctx: &Ctx, i: usize, first: usize, last: usize) -> Option<Candidate> {
    let t = ctx.tongue;
    let demonym = |j: usize| -> Option<&'static str> {
        (j < last && ctx.is_word(j))
            .then(|| demonym_of(ctx, j))
            .flatten()
    };
    // The domain starting at j: the longest capitalised phrase in the table.
    // Written in lowercase, the domain is looked up with its first letter
    // in capitals ("ministère de l'intérieur", "health ministry").
    let domain = |j: usize| -> Option<(usize, &'static str)> {
        (1..=3).rev().find_map(|n| {
            if j + n > last || !ctx.may_be(j, WordClass::DOMAIN_FIRST) {
                return None;
            }
            let joined = ctx.joined(j, j + n)?;
            if ctx.is_capitalised(j) {
                t.ministry_domains.get(joined).map(|slug| (j + n, *slug))
            } else {
                let mut first_up = joined.chars();
                let up: String = first_up.next()?.to_uppercase().chain(first_up).collect();
                t.ministry_domains
                    .get(up.as_str())
                    .map(|slug| (j + n, *slug))
            }
        })
    };
    let make = |start: usize, end: usize, slug: &'static str, country: Option<&'static str>| {
        let mut c = candidate(ctx, start, end, EntityType::Org, None, true);
        c.ministry = Some(Box::new((slug, country)));
        c
    };
    if is_ministry_word(ctx, i) && ctx.is_word(i) {
        // French order: ministère [demonym] de la Domain [demonym]
        let mut j = i + 1;
        let mut country = demonym(j);
        if country.is_some() {
            j += 1;
        }
        while j < last && t.ministry_links.contains(ctx.lower(j)) {
            j += 1;
        }
        if let Some((end, slug)) = domain(j) {
            let mut end = end;
            if country.is_none() {
                country = demonym(end);
                if country.is_some() {
                    end += 1;
                }
            }
            return Some(make(i, end, slug, country));
        }
        return None;
    }
    // English order: [Demonym] Domain Ministry; both start with a capital.
    if !ctx.is_capitalised(i) {
        return None;
    }
    let (start, country) = match demonym(i) {
        Some(c) if ctx.is_capitalised(i) => (i + 1, Some(c)),
        _ => (i, None),
    };
    let (end, slug) = domain(start)?;
    let lowercase = !ctx.is_capitalised(start);
    if lowercase && country.is_none() {
        return None;
    }
    if end < last && is_ministry_word(ctx, end) && (ctx.is_capitalised(end) || lowercase) {
        return Some(make(i, end + 1, slug, country));
    }
    // French: "la Défense russe", a capitalised domain and a demonym, mid-sentence.
    if country.is_none() && start > first && !lowercase {
        if let Some(c) = demonym(end) {
            return Some(make(i, end + 1, slug, Some(c)));
        }
    }
    None
}

/// An organisation or event name built on a head word: `Forces armées
/// arabes libyennes`, `Conseil de sécurité`, `XIe Conférence internationale
/// de Moscou sur la sécurité`, `Armée 2023`.
fn headed(ctx: &Ctx, i: usize, first: usize, last: usize) -> Option<Candidate> {
    // The head word is this token or, after an ordinal, the next: one of
    // them starts with a capital.
    if !(ctx.is_capitalised(i) || (i + 1 < last && ctx.is_capitalised(i + 1))) {
        return None;
    }
    let t = ctx.tongue;
    let word = ctx.text(i);
    // An ordinal before the head word belongs to the name (XIe, 11th);
    // five characters are at most twenty bytes.
    let ordinal = ctx.is_word(i)
        && i + 1 < last
        && word.len() <= 20
        && word.ends_with(['e', 'h'])
        && word.chars().count() <= 5
        && word.chars().any(|c| c.is_ascii_digit() || c.is_uppercase())
        && !ctx.is_common(i);
    let h = if ordinal { i + 1 } else { i };
    if !ctx.is_capitalised(h) || !ctx.may_be(h, WordClass::HEAD) {
        return None;
    }
    let head = ctx.text(h);
    let (ty, place) = if let Some(p) = t.misc_heads.get(head) {
        (EntityType::Misc, *p)
    } else if let Some(p) = t.org_heads.get(head) {
        (EntityType::Org, *p)
    } else {
        return None;
    };
    if place == "end" {
        return None;
    }
    // A head word with a year names an event (`Expo 2020`).
    if h + 1 < last && ctx.doc.tokens[h + 1].kind == TokenKind::Number && ctx.text(h + 1).len() == 4
    {
        return Some(candidate(ctx, i, h + 2, EntityType::Misc, None, true));
    }
    let mut end = h + 1;
    let mut j = h + 1;
    let mut lowercase_words = 0;
    while j < last && j - h <= 10 {
        if ctx.is_capitalised(j) && !is_title(ctx, j) {
            j += 1;
            end = j;
        } else if ctx.is_connector(j)
            || (ty == EntityType::Misc && t.event_links.contains(ctx.lower(j)))
        {
            j += 1;
        } else if t.inner_links.contains(ctx.lower(j))
            && j + 2 < last
            && (ctx.is_connector(j + 1) || t.articles.contains(ctx.lower(j + 1)))
        {
            // "pour les réfugiés": the noun after the article is a complement.
            j += 2;
        } else if ctx.is_word(j)
            && ctx.text(j).chars().all(|c| c.is_lowercase() || c == '-')
            && ctx.text(j).chars().count() >= 3
            && !ctx.doc.lang.is_stopword(ctx.text(j))
            && !(ctx.may_be(j, WordClass::TITLE_FIRST) && t.titles.contains_key(ctx.text(j)))
            && lowercase_words < 4
            && t.lowercase_name_words
            && lowercase_fits(ctx, j)
        {
            lowercase_words += 1;
            j += 1;
            end = j;
        } else {
            break;
        }
    }
    if end - h == 1 && (h == first || ordinal) {
        return None;
    }
    let mut c = candidate(ctx, i, end, ty, None, true);
    c.confident = end - h > 1;
    Some(c)
}

/// Whether the lowercase word `j` goes on an organisation or event name:
/// a demonym, a noun after a connector ("Conseil de sécurité") or an
/// adjective ("Agence internationale"), never a reporting verb.
fn lowercase_fits(ctx: &Ctx, j: usize) -> bool {
    let t = ctx.tongue;
    let lower = ctx.lower(j);
    if t.verbs.contains(lower) {
        return false;
    }
    is_demonym(ctx, j)
        || ctx.is_connector(j - 1)
        || ctx.tongue.articles.contains(ctx.lower(j - 1))
        || t.adjective_endings.iter().any(|e| lower.ends_with(e))
}

/// A run of capitalised words (with connectors between them), typed from context.
fn capitalised(ctx: &Ctx, i: usize, first: usize, last: usize) -> Option<Candidate> {
    if !ctx.is_capitalised(i) {
        return None;
    }
    let w = world();
    let mut start = i;
    let mut end = run_end(ctx, i, last);
    // A capitalised common word opening the sentence is not a name ("Une",
    // "Selon"); an acronym is ("US National Security Council").
    while start < end
        && start == first
        && ctx.is_common(start)
        && !w.given_names.contains(ctx.text(start))
        && !(end - start >= 2 && is_acronym(ctx.text(start)))
    {
        start += 1;
        while start < end && ctx.is_connector(start) {
            start += 1;
        }
    }
    if end - i == 1 {
        if let Some(c) = compass(ctx, i, first, last) {
            return Some(c);
        }
        if is_adjective_compound(ctx.text(i)) || ctx.tongue.not_names_alone.contains(ctx.lower(i)) {
            return None;
        }
    }
    // A function word opening the run ("La Russie" mid-sentence) is not
    // part of it: let the next token start afresh.
    if start < end && (ctx.doc.lang.is_stopword(ctx.lower(start)) || is_domain_word(ctx, start)) {
        return None;
    }
    if start > i {
        return None;
    }
    // A name ending with an organisation or event head keeps the demonyms
    // and capitalised words before it ("Sudanese Armed Forces").
    if end_head(ctx, start, end).is_none() {
        start = after_titles(ctx, start, end);
    }
    if start >= end {
        return None;
    }
    if start > i {
        let mut c = capitalised(ctx, start, first, last)?;
        if c.role.is_none() {
            c.role = Some(Box::new((ctx.span(i, start), "political")));
        }
        return Some(c);
    }
    // Common words before a given name are not part of the name
    // ("Reportage Luiza Ilie"); an acronym before one is a name of its own.
    let given_at = |j: usize| is_given(ctx.text(j));
    if let Some(k) = (start + 1..end)
        .find(|&k| given_at(k))
        .filter(|_| !given_at(start))
    {
        let letters = ctx.text(start).chars().count();
        if k == start + 1 && k + 1 < end && letters >= 3 && is_acronym(ctx.text(start)) {
            end = k;
        } else if (start..k).all(|j| ctx.is_common(j))
            && (start == first || !ctx.is_word(start - 1))
        {
            return capitalised(ctx, k, first, last);
        }
    }
    let (ty, confident, title) = run_type(ctx, start, end, first, last)?;
    let mut c = candidate(ctx, start, end, ty, None, confident);
    if ty == EntityType::Per {
        c.role = title.map(Box::new);
    }
    Some(c)
}

/// Whether a word is a given name, or a hyphenated one starting with a
/// given name (`Jean-Stéphane`, `Abdel-Sanad`).
fn is_given(word: &str) -> bool {
    let w = world();
    w.given_names.contains(word)
        || word
            .split_once('-')
            .is_some_and(|(head, _)| w.given_names.contains(head))
}

/// One past the last token of the run of capitalised words from `i`; a
/// connector joins two names unless a person's given name follows it
/// ("le Néo-Wafd de Abdel-Sanad Yamama").
fn run_end(ctx: &Ctx, i: usize, last: usize) -> usize {
    // A person's name goes on over a particle ("de Gaulle"), not over
    // "of" ("Donald Trump of Asia"); whether the run starts with a given
    // name is asked only there, as few runs reach it.
    let person = || is_given(ctx.text(i));
    let mut end = i + 1;
    loop {
        if end < last && ctx.is_capitalised(end) && !ctx.doc.tokens[end].newline_before {
            end += 1;
        } else if end + 1 < last
            && ctx.is_connector(end)
            && ctx.is_capitalised(end + 1)
            && !(is_given(ctx.text(end + 1)) && end + 2 < last && ctx.is_capitalised(end + 2))
            && !(is_title_link(ctx, end)
                && !ctx.tongue.particles.contains(ctx.lower(end))
                && person())
        {
            end += 2;
        } else {
            return end;
        }
    }
}

/// Where a run starts once the titles and demonyms at its front are left
/// outside ("Russian Deputy Defense Minister Yunus Bek Yevkurov").
fn after_titles(ctx: &Ctx, mut start: usize, end: usize) -> usize {
    let t = ctx.tongue;
    loop {
        if start + 1 < end
            && (is_demonym(ctx, start)
                || (ctx.may_be(start, WordClass::TITLE_WORD)
                    && t.title_words.contains(ctx.lower(start)))
                || is_domain_word(ctx, start))
        {
            start += 1;
            continue;
        }
        let title = (1..=t.title_len.min(end - start)).rev().find(|&n| {
            ctx.may_be(start, WordClass::TITLE_FIRST)
                && ctx
                    .joined_lower(start, start + n)
                    .is_some_and(|j| t.titles.contains_key(j))
        });
        match title {
            Some(n) => start += n,
            None => return start,
        }
    }
}

/// The type of a name ending with an organisation or event head word
/// that may end a name ("National Army", "Abraham Accords").
fn end_head(ctx: &Ctx, start: usize, end: usize) -> Option<EntityType> {
    if end - start < 2 || !ctx.may_be(end - 1, WordClass::HEAD) {
        return None;
    }
    let t = ctx.tongue;
    let head = ctx.text(end - 1);
    if t.org_heads.get(head).is_some_and(|p| *p != "start") {
        Some(EntityType::Org)
    } else if t.misc_heads.get(head).is_some_and(|p| *p != "start") {
        Some(EntityType::Misc)
    } else {
        None
    }
}

/// A word in capitals (`PDCI`, `CHADEMA`), or acronyms joined by hyphens
/// or slashes (`PDCI-RDA`, `CDU/CSU`).
fn is_acronym(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    (2..=8).contains(&letters)
        && word
            .chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '-' || c == '/')
        && word.chars().next().is_some_and(char::is_uppercase)
}

/// A word made of a name and a lowercase word ("Turkish-backed", "Z-led"):
/// an adjective, not a name.
fn is_adjective_compound(word: &str) -> bool {
    depeche_text::split_at_last_hyphen(word).is_some_and(|(head, rest)| {
        !head.is_empty() && rest.chars().count() >= 2 && rest.chars().all(char::is_lowercase)
    })
}

/// A run's type, whether strong evidence gave it, and the title next to it.
type Typed = (EntityType, bool, Option<(Span, &'static str)>);

/// The type of the unknown run `start..end` from the evidence around it,
/// whether that evidence is strong, and the title next to it; `None` when
/// the run is no name.
fn run_type(ctx: &Ctx, start: usize, end: usize, first: usize, last: usize) -> Option<Typed> {
    let w = world();
    let t = ctx.tongue;
    let n = end - start;
    if n == 1 && (is_demonym_noun(ctx, start) || is_title(ctx, start)) {
        return None;
    }
    // A plural or two-word demonym ("South Africans", "Egyptiens").
    let from = if start > first { start - 1 } else { start };
    if ctx
        .joined_lower(start, end)
        .is_some_and(|j| t.demonyms.contains_key(j))
        || (n == 1
            && ctx
                .joined_lower(from, end)
                .is_some_and(|j| t.demonyms.contains_key(j)))
    {
        return None;
    }
    // The plural of an acronym is a common noun ("MPs", "NGOs").
    if n == 1
        && ctx
            .text(start)
            .strip_suffix('s')
            .is_some_and(|w| is_acronym(w) && w.chars().count() >= 2)
    {
        return None;
    }
    let single_common = n == 1 && ctx.is_common(start);
    let title = title_before(ctx, start, first).or_else(|| title_after(ctx, end, last));
    let given = n >= 2 && is_given(ctx.text(start));
    let surname = w.surnames.contains(ctx.text(end - 1));
    // The weaker cues below are asked only when no stronger one typed the
    // run, which most runs are.
    let cued_place = || start > first && is_place_cue(ctx, start - 1) && n <= 3;
    let compass_led = || {
        n >= 2 && ctx.may_be(start, WordClass::COMPASS) && t.compass.contains_key(ctx.text(start))
    };
    // Common words through, or a common last word: a phrase in capitals
    // ("Tear Gas", "Economic Freedom Fighters"), not a person.
    let phrase = || {
        n >= 2
            && (ctx.is_common(end - 1)
                || (start..end).all(|j| ctx.is_common(j) || ctx.is_connector(j)))
    };
    let determined = || start > first && t.determiners.contains(ctx.lower(start - 1));
    let before = cue_before(ctx, start, first);
    // A common word is a name only after a noun saying so ("le quartier
    // de Plateau").
    if single_common && !given && !surname && (start == first || before.is_none()) {
        return None;
    }
    let cue = before.or_else(|| cue_after(ctx, end, last));
    let typed = if title.is_some() {
        (EntityType::Per, true)
    } else if let Some(ty) = end_head(ctx, start, end) {
        (ty, true)
    } else if given || surname {
        (EntityType::Per, true)
    } else if let Some(ty) = cue {
        (ty, true)
    } else if n == 1 && is_acronym(ctx.text(start)) {
        (EntityType::Org, false)
    } else if compass_led() {
        (EntityType::Loc, true)
    } else if cued_place() {
        (EntityType::Loc, false)
    } else if phrase() {
        return None;
    } else if determined() {
        (EntityType::Org, false)
    } else {
        (EntityType::Per, false)
    };
    Some((typed.0, typed.1, title))
}

/// The type a noun before a name gives it: "le quotidien X", "the town
/// of X", "the opposition party, X".
fn cue_before(ctx: &Ctx, start: usize, first: usize) -> Option<EntityType> {
    let t = ctx.tongue;
    let mut j = start;
    if j > first && ctx.text(j - 1) == "," {
        j -= 1;
    }
    if j > first && is_title_link(ctx, j - 1) {
        j -= 1;
    }
    while j > first && is_demonym(ctx, j - 1) {
        j -= 1;
    }
    if j == first || !ctx.may_be(j - 1, WordClass::NAME_CUE) {
        return None;
    }
    (1..=t.cue_len.min(j - first)).rev().find_map(|n| {
        ctx.joined_lower(j - n, j)
            .and_then(|k| t.name_cues.get(k).copied())
    })
}

/// The type a noun after a name gives it: a place or equipment noun
/// right after ("Idlib province", "Bayraktar drones") or an apposition
/// (", an opposition party").
fn cue_after(ctx: &Ctx, end: usize, last: usize) -> Option<EntityType> {
    let t = ctx.tongue;
    if end >= last {
        return None;
    }
    let cue_at = |s: usize| -> Option<EntityType> {
        (1..=t.cue_len.min(last - s)).rev().find_map(|n| {
            ctx.joined_lower(s, s + n)
                .and_then(|k| t.name_cues.get(k).copied())
        })
    };
    if ctx.text(end).chars().next().is_some_and(char::is_lowercase)
        && ctx.may_be(end, WordClass::NAME_CUE)
    {
        return t
            .name_cues
            .get(ctx.lower(end))
            .copied()
            .filter(|ty| matches!(ty, EntityType::Loc | EntityType::Misc));
    }
    if ctx.text(end) != "," {
        return None;
    }
    let mut s = end + 1;
    while s < last && t.articles.contains(ctx.lower(s)) {
        s += 1;
    }
    // Up to two adjectives before the noun ("a small opposition party").
    for _ in 0..3 {
        if s >= last {
            return None;
        }
        if let Some(ty) = cue_at(s) {
            return Some(ty);
        }
        if !ctx.text(s).chars().all(char::is_lowercase) {
            return None;
        }
        s += 1;
    }
    None
}

/// A capitalised compass word naming part of a country: "l'Est libyen",
/// "l'Est du pays".
fn compass(ctx: &Ctx, i: usize, first: usize, last: usize) -> Option<Candidate> {
    if !ctx.may_be(i, WordClass::COMPASS) {
        return None;
    }
    let suffix = *ctx.tongue.compass.get(ctx.text(i))?;
    if i == first
        || !ctx
            .doc
            .lang
            .is_stopword(ctx.lower(i - 1).trim_end_matches('\''))
            && !ctx.text(i - 1).ends_with('\'')
    {
        return None;
    }
    let country = (i + 1 < last).then(|| demonym_of(ctx, i + 1)).flatten();
    let mut c = candidate(ctx, i, i + 1, EntityType::Loc, None, true);
    c.part_of = Some(Box::new((suffix, country)));
    Some(c)
}

/// A title written just before token `start` ("le maréchal", "le
/// vice-ministre russe de la Défense,", "M."), skipping demonyms and commas.
fn title_before(ctx: &Ctx, start: usize, first: usize) -> Option<(Span, &'static str)> {
    let t = ctx.tongue;
    // "le président du PDCI", "the head of Interpol": the name is the body
    // the title holder heads, not the holder.
    if start > first && is_title_link(ctx, start - 1) {
        return None;
    }
    let mut end = start;
    // "le vice-ministre russe de la Défense, Iounus-Bek Ievkourov": skip the comma.
    if end > first && ctx.text(end - 1) == "," {
        end -= 1;
    }
    if end > first && ctx.text(end - 1) == "." {
        // Honorifics written with a full stop: M., Mme., Dr.
        let abbr = end
            .checked_sub(2)
            .filter(|&j| j >= first)
            .map(|j| format!("{}.", ctx.text(j)));
        if let Some(kind) = abbr.and_then(|a| t.titles.get(&a.to_lowercase())) {
            return Some((ctx.span(end - 2, end), kind));
        }
    }
    // Demonyms and ministry domains may follow the title ("le président russe").
    let mut probe_end = end;
    while probe_end > first && ctx.is_word(probe_end - 1) && is_demonym(ctx, probe_end - 1) {
        probe_end -= 1;
    }
    for e in [end, probe_end] {
        // A title ends with a word that ends some title.
        if e == first || !ctx.may_be(e - 1, WordClass::TITLE_LAST) {
            continue;
        }
        for n in (1..=(t.title_len + 1).min(e - first)).rev() {
            let s = e - n;
            // ...and starts with a word that starts some title.
            if !ctx.may_be(s, WordClass::TITLE_FIRST) {
                continue;
            }
            let Some(joined) = ctx.joined_lower(s, e) else {
                continue;
            };
            let kind = t.titles.get(joined).copied();
            if let Some(kind) = kind.or_else(|| demonym_inside(ctx, s, e)) {
                return Some((ctx.span(qualified_from(ctx, s, first), end), kind));
            }
        }
    }
    // A title then a domain: "vice-ministre russe de la Défense".
    let mut j = end;
    while j > first && j + 6 > end {
        j -= 1;
        if is_title(ctx, j) {
            let between_ok = (j + 1..end).all(|k| {
                ctx.is_connector(k)
                    || is_demonym(ctx, k)
                    || is_domain_word(ctx, k)
                    || ctx.is_capitalised(k)
                    || t.domain_links.contains(ctx.lower(k))
            });
            if between_ok && end > j + 1 {
                return Some((ctx.span(j, end), t.titles[ctx.lower(j)]));
            }
            break;
        }
    }
    None
}

/// The kind of the title `s..e` once the demonym after its first word is
/// left out: French puts it after the head noun, inside the title ("le
/// ministre tchadien de l'Intérieur" holds "ministre de l'Intérieur").
fn demonym_inside(ctx: &Ctx, s: usize, e: usize) -> Option<&'static str> {
    if s + 2 >= e || !is_demonym(ctx, s + 1) {
        return None;
    }
    let rest = ctx.joined_lower(s + 2, e)?;
    let title = format!("{} {rest}", ctx.lower(s));
    ctx.tongue.titles.get(&title).copied()
}

/// Where a title found at token `s` starts once the capitalised words
/// before it that qualify it are taken in: demonyms and words that start
/// other titles ("Russian Deputy Defense Minister" for "Defense
/// Minister"), so that the role keeps whose and which office it is.
fn qualified_from(ctx: &Ctx, s: usize, first: usize) -> usize {
    let mut s = s;
    while s > first
        && ctx.is_capitalised(s - 1)
        && !ctx.doc.lang.is_stopword(ctx.lower(s - 1))
        && (is_demonym(ctx, s - 1) || ctx.may_be(s - 1, WordClass::TITLE_FIRST))
    {
        s -= 1;
    }
    s
}

/// A title written just after a name, as an apposition: ", porte-parole de".
fn title_after(ctx: &Ctx, end: usize, last: usize) -> Option<(Span, &'static str)> {
    let t = ctx.tongue;
    if end >= last || ctx.text(end) != "," {
        return None;
    }
    let mut s = end + 1;
    while s < last && t.articles.contains(ctx.lower(s)) {
        s += 1;
    }
    while s < last && is_demonym(ctx, s) {
        s += 1;
    }
    if s >= last || !ctx.may_be(s, WordClass::TITLE_FIRST) {
        return None;
    }
    for n in (1..=t.title_len.min(last.saturating_sub(s))).rev() {
        let Some(joined) = ctx.joined_lower(s, s + n) else {
            continue;
        };
        if let Some(kind) = t.titles.get(joined) {
            return Some((ctx.span(end + 1, s + n), kind));
        }
    }
    None
}

/// Whether token `j` is a one-word title (`président`).
fn is_title(ctx: &Ctx, j: usize) -> bool {
    ctx.may_be(j, WordClass::TITLE_FIRST) && ctx.tongue.titles.contains_key(ctx.lower(j))
}

/// The country of token `j` when it is a demonym (`russe`).
fn demonym_of(ctx: &Ctx, j: usize) -> Option<&'static str> {
    ctx.may_be(j, WordClass::DEMONYM)
        .then(|| ctx.tongue.demonyms.get(ctx.lower(j)).copied())
        .flatten()
}

/// Whether token `j` is a demonym.
fn is_demonym(ctx: &Ctx, j: usize) -> bool {
    demonym_of(ctx, j).is_some()
}

/// Whether token `j` is a demonym or its plural as a noun (`Africans`).
fn is_demonym_noun(ctx: &Ctx, j: usize) -> bool {
    is_demonym(ctx, j)
        || ctx
            .lower(j)
            .strip_suffix('s')
            .is_some_and(|singular| ctx.tongue.demonyms.contains_key(singular))
}

/// Whether token `j`, as written, is a whole one-word ministry domain (`Défense`).
fn is_domain_word(ctx: &Ctx, j: usize) -> bool {
    ctx.may_be(j, WordClass::DOMAIN_FIRST) && ctx.tongue.ministry_domains.contains_key(ctx.text(j))
}

/// Whether token `j` is a word for a ministry (`ministère`).
fn is_ministry_word(ctx: &Ctx, j: usize) -> bool {
    ctx.may_be(j, WordClass::MINISTRY_WORD) && ctx.tongue.ministry_words.contains(ctx.lower(j))
}

/// Whether token `j` links a title to the body it heads (`du`, `of`).
fn is_title_link(ctx: &Ctx, j: usize) -> bool {
    ctx.tongue.title_links.contains(ctx.lower(j))
}

/// Whether token `j` leads into a place (`à`, `in`).
fn is_place_cue(ctx: &Ctx, j: usize) -> bool {
    ctx.may_be(j, WordClass::PLACE_CUE) && ctx.tongue.place_cues.contains(ctx.lower(j))
}

#[cfg(test)]
mod unit {
    use super::*;

    #[test]
    fn a_text_longer_than_a_window_has_the_names_of_its_sentences() {
        let sentence = "Le ministre Jeanne Arnaud a rencontré à Bamako le président \
                        Salif Keïta et des responsables de l'Union africaine. ";
        let alone: Vec<_> = find(&Doc::new(sentence, Some("fr")))
            .iter()
            .map(|c| (c.end - c.start, c.ty, c.known.is_some(), c.role.is_some()))
            .collect();
        assert!(alone.len() >= 3, "{alone:?}");
        let per = Doc::new(sentence, Some("fr")).tokens.len();
        let copies = 2 * WINDOW / per + 1;
        let long = Doc::new(sentence.repeat(copies), Some("fr"));
        assert!(long.tokens.len() > 2 * WINDOW);
        let found = find(&long);
        assert_eq!(found.len(), alone.len() * copies);
        for (k, c) in found.iter().enumerate() {
            let first = k / alone.len() * per;
            let (len, ty, known, role) = alone[k % alone.len()];
            assert_eq!(
                (c.end - c.start, c.ty, c.known.is_some(), c.role.is_some()),
                (len, ty, known, role),
                "name {k}"
            );
            assert!(c.start >= first && c.end <= first + per, "name {k}");
        }
    }

    #[test]
    fn every_table_word_has_its_class() {
        for lang in ["fr", "en"] {
            let t = tongue(lang);
            let class = |w: &str| t.classes.get(w).copied().unwrap_or_default();
            for title in t.titles.keys() {
                let first = title.split(' ').next().unwrap();
                assert!(class(first).has(WordClass::TITLE_FIRST), "{lang} {title}");
                let last = title.rsplit(' ').next().unwrap();
                assert!(class(last).has(WordClass::TITLE_LAST), "{lang} {title}");
            }
            for (words, bit) in [
                (
                    t.demonyms.keys().map(String::as_str).collect::<Vec<_>>(),
                    WordClass::DEMONYM,
                ),
                (t.connectors.iter().copied().collect(), WordClass::CONNECTOR),
                (t.place_cues.iter().copied().collect(), WordClass::PLACE_CUE),
                (
                    t.ministry_words.iter().copied().collect(),
                    WordClass::MINISTRY_WORD,
                ),
                (t.org_heads.keys().copied().collect(), WordClass::HEAD),
                (t.compass.keys().copied().collect(), WordClass::COMPASS),
            ] {
                assert!(!words.is_empty(), "{lang}: an empty table");
                for w in words {
                    assert!(class(&w.to_lowercase()).has(bit), "{lang} {w}");
                }
            }
        }
    }
}
