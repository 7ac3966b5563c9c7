//! Token-level recognition of date expressions.
//!
//! One pass over the tokens: at each token that may open a date (a word
//! of the lexicon's `openers`, a part prefix, or a number) the rules below
//! are tried in order, and the first that matches consumes its tokens.
//! The rules know no word of any language; they read the [`Lexicon`].
//!
//! - a fixed relative phrase: `hier`, `l'an dernier`, `the next day`;
//! - a count of units with an offset cue: `il y a deux jours`, `a day later`;
//! - a part word or prefix with a month, a year or a year phrase:
//!   `fin août`, `début 2024`, `mi-mars`, `fin de l'année`, `end of last year`;
//! - a cue before a month or weekday: `last November`, `next Tuesday`;
//! - a weekday, alone, with a cue (`mardi dernier`), a day number
//!   (`mardi 22`) or a full date (`dimanche 30 juillet`, `Tuesday, Sept. 17`);
//! - a day then a month (`17 septembre 2023`, `du 26 au 28 septembre`);
//! - a month then a day (`September 17, 2023`, languages that write it);
//! - a month with a year, a cue or a year phrase (`mai dernier`,
//!   `May last year`), or alone;
//! - numeric dates: `2023-08-22`, `22/08/2023`, `22.08.2023`;
//! - a bare 4-digit year in 1900..=2100 that does not count something.

use std::cell::Cell;

use depeche_text::{Doc, LowerTokens, Span, TokenKind};

use crate::lexicon::{Anchor, Guard, Lexicon, Opens, Relative, Unit};

/// A year, written or relative to an anchor (`mai l'an dernier`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Year {
    Abs(i32),
    Rel(i32, Anchor),
}

/// What a date expression says, before resolution.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Expr {
    /// Calendar fields; a missing year is chosen near the publication date.
    Date {
        year: Option<Year>,
        month: Option<u32>,
        day: Option<u32>,
        /// 1..=7, Monday = 1, when the weekday is written too.
        weekday: Option<u32>,
        /// -1 last / +1 next, when written.
        cue: i32,
    },
    /// A weekday: the nearest one in the direction of the narration.
    Weekday { weekday: u32, cue: i32 },
    /// A count of units from an anchor.
    Relative {
        unit: Unit,
        amount: i32,
        anchor: Anchor,
    },
}

/// One expression found: its span, its first token, what it says.
#[derive(Clone, Debug)]
pub(crate) struct Found {
    pub span: Span,
    pub token: usize,
    pub expr: Expr,
}

/// The scanner over one document.
pub(crate) struct Scan<'a> {
    doc: &'a Doc,
    lex: &'a Lexicon,
    /// The lowercase text of each token, read through the tokens' spans
    /// rather than kept as a slice a token (16 bytes a token of a long
    /// article).
    low: LowerTokens<'a>,
    starts: Vec<bool>,
    /// Tense class of each token, computed on demand: 0 unknown, 1 none,
    /// 2 past, 3 future.
    tense: Vec<Cell<u8>>,
}

/// A rule tried at a word: the end of what it matched, pushed to `out`.
type Rule<'a> = fn(&Scan<'a>, usize, &mut Vec<Found>) -> Option<usize>;

/// A day, month, year, cue and end token read by [`Scan::day_month_at`].
type DayMonth = (u32, u32, Option<Year>, i32, usize);

fn date(
    year: Option<Year>,
    month: Option<u32>,
    day: Option<u32>,
    weekday: Option<u32>,
    cue: i32,
) -> Expr {
    Expr::Date {
        year,
        month,
        day,
        weekday,
        cue,
    }
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// Days in `month` of `year` (29 for February when the year is unknown).
pub(crate) fn days_in_month(month: u32, year: Option<i32>) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 => match year {
            Some(y) if !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) => 28,
            _ => 29,
        },
        _ => 0,
    }
}

impl<'a> Scan<'a> {
    /// Prepares the scan of `doc`, whose tokens lowercased are `low`.
    pub fn new(doc: &'a Doc, lex: &'a Lexicon, low: LowerTokens<'a>) -> Self {
        let mut starts = vec![false; doc.tokens.len()];
        for s in &doc.sentences {
            if let Some(first) = starts.get_mut(s.tokens.start) {
                *first = true;
            }
        }
        let tense = vec![Cell::new(0); doc.tokens.len()];
        Scan {
            doc,
            lex,
            low,
            starts,
            tense,
        }
    }

    /// Every date expression of the document, in text order.
    pub fn run(&self) -> Vec<Found> {
        let mut out = Vec::new();
        // What each of the document's distinct words opens, once asked:
        // a word the article repeats is looked up once.
        let ids = self.doc.word_ids();
        let mut opens = vec![None; ids.len()];
        let mut i = 0;
        while i < self.low.len() {
            let end = match self.doc.tokens[i].kind {
                TokenKind::Number => self.at_number(i, &mut out),
                TokenKind::Word => {
                    match *opens[ids.of(i)].get_or_insert_with(|| self.lex.opens(self.l(i))) {
                        0 => None,
                        opens => self.at_word(i, opens, &mut out),
                    }
                }
                _ => None,
            };
            i = end.filter(|&e| e > i).unwrap_or(i + 1);
        }
        out
    }

    // ----- token helpers -------------------------------------------------

    fn len(&self) -> usize {
        self.low.len()
    }

    /// Lowercase text of token `j` ("" past the end).
    fn l(&self, j: usize) -> &str {
        self.low.get(j).unwrap_or("")
    }

    fn kind(&self, j: usize) -> Option<TokenKind> {
        self.doc.tokens.get(j).map(|t| t.kind)
    }

    fn capitalised(&self, j: usize) -> bool {
        j < self.len()
            && self
                .doc
                .token_text(j)
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
    }

    /// Whether token `j` exists and touches the previous one.
    fn adjacent(&self, j: usize) -> bool {
        self.doc.tokens.get(j).is_some_and(|t| !t.space_before)
    }

    fn span(&self, a: usize, b: usize) -> Span {
        let t = &self.doc.tokens;
        Span::new(t[a].span().start, t[b.max(a + 1) - 1].span().end)
    }

    fn phrase_at(&self, j: usize, words: &[String]) -> Option<usize> {
        if words.is_empty() || j + words.len() > self.len() {
            return None;
        }
        words
            .iter()
            .enumerate()
            .all(|(k, w)| self.l(j + k) == w)
            .then_some(j + words.len())
    }

    fn guard_ok(&self, end: usize, g: &Guard) -> bool {
        if end >= self.len() {
            return true;
        }
        let next = self.l(end);
        !(g.not_before.iter().any(|w| w == next)
            || g.not_before_word && self.kind(end) == Some(TokenKind::Word))
    }

    /// The token after a full stop stuck to token `k - 1`, else `k`.
    fn after_dot(&self, k: usize) -> usize {
        if self.l(k) == "." && self.adjacent(k) {
            k + 1
        } else {
            k
        }
    }

    /// Positions after each link that matches at `k`, `k` itself first.
    fn link_starts(&self, k: usize) -> Vec<usize> {
        let mut v = vec![k];
        v.extend(self.lex.links.iter().filter_map(|l| self.phrase_at(k, l)));
        v
    }

    fn is_date_word(&self, j: usize) -> bool {
        let t = self.l(j);
        self.lex.months.contains_key(t)
            || self.lex.weekdays.contains_key(t)
            || self.lex.parts.contains(t)
            || self.lex.cues.contains_key(t)
    }

    // ----- elementary readers ---------------------------------------------

    /// A day number 1..=31, possibly with an ordinal suffix (`1er`, `17th`).
    fn day_at(&self, j: usize) -> Option<(u32, usize)> {
        if self.kind(j) != Some(TokenKind::Number) {
            return None;
        }
        let t = self.l(j);
        let digits = t.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || digits > 2 {
            return None;
        }
        let rest = &t[digits..];
        if !rest.is_empty() && !self.lex.ordinals.iter().any(|o| o == rest) {
            return None;
        }
        let d: u32 = t[..digits].parse().ok()?;
        (1..=31).contains(&d).then_some((d, j + 1))
    }

    /// A 4-digit year in 1900..=2100.
    fn year_at(&self, j: usize) -> Option<(i32, usize)> {
        if self.kind(j) != Some(TokenKind::Number) {
            return None;
        }
        let t = self.l(j);
        if t.len() != 4 || !all_digits(t) {
            return None;
        }
        let y: i32 = t.parse().ok()?;
        (1900..=2100).contains(&y).then_some((y, j + 1))
    }

    /// A month name: its number and whether it needs a day or a year.
    fn month_at(&self, j: usize) -> Option<(u32, bool)> {
        let name = self.lex.months.get(self.l(j))?;
        let cap = self.capitalised(j);
        if name.cap && !cap {
            return None;
        }
        let mut company = name.strict;
        if cap && j < self.len() && !self.starts[j] {
            company |= name.lower;
            // A capitalised name right after a capitalised word inside a
            // sentence is a surname (Theresa May).
            let after_name = j > 0
                && !self.starts[j - 1]
                && self.kind(j - 1) == Some(TokenKind::Word)
                && self.capitalised(j - 1)
                && !self.is_date_word(j - 1);
            company |= after_name;
        }
        Some((name.n, company))
    }

    fn weekday_at(&self, j: usize) -> Option<u32> {
        let name = self.lex.weekdays.get(self.l(j))?;
        if name.cap && !self.capitalised(j) {
            return None;
        }
        Some(name.n)
    }

    fn relative_at(&self, j: usize, part_ok: bool) -> Option<(&'a Relative, usize)> {
        let list = self.lex.relatives.get(self.l(j))?;
        list.iter()
            .filter(|r| part_ok || !r.part_only)
            .find_map(|r| {
                // The first word is the one the list was found by.
                let e = match r.words.get(1..) {
                    Some(rest) if !rest.is_empty() => self.phrase_at(j + 1, rest)?,
                    _ => j + 1,
                };
                self.guard_ok(e, &r.guard).then_some((r, e))
            })
    }

    /// A relative year phrase, possibly after a link: `de l'an dernier`.
    fn year_phrase(&self, k: usize) -> Option<(i32, Anchor, usize)> {
        self.link_starts(k).into_iter().find_map(|s| {
            let (r, e) = self.relative_at(s, false)?;
            (r.unit == Unit::Year).then_some((r.offset, r.anchor, e))
        })
    }

    /// What may follow a month: a year, a cue after, a year phrase.
    fn tail(&self, k: usize) -> (Option<Year>, i32, usize) {
        if let Some((y, e)) = self.year_at(k) {
            return (Some(Year::Abs(y)), 0, e);
        }
        if let Some(&(c, false)) = self.lex.cues.get(self.l(k)) {
            return (None, c, k + 1);
        }
        if let Some((off, anchor, e)) = self.year_phrase(k) {
            return (Some(Year::Rel(off, anchor)), 0, e);
        }
        (None, 0, k)
    }

    /// A count for an offset: a number word or a small number.
    fn amount_at(&self, j: usize) -> Option<i32> {
        let t = self.l(j);
        if self.kind(j) == Some(TokenKind::Number) {
            return (t.len() <= 3 && all_digits(t))
                .then(|| t.parse().ok())
                .flatten();
        }
        self.lex.numbers.get(t).copied()
    }

    /// A relative phrase of the lexicon (`demain`, `l'an dernier`) over
    /// tokens `i..e`.
    fn push_relative(&self, out: &mut Vec<Found>, i: usize, e: usize, r: &Relative) {
        let expr = Expr::Relative {
            unit: r.unit,
            amount: r.offset,
            anchor: r.anchor,
        };
        self.push(out, self.span(i, e), i, expr);
    }

    fn push(&self, out: &mut Vec<Found>, span: Span, token: usize, expr: Expr) -> bool {
        if let Expr::Date {
            year,
            month: Some(m),
            day: Some(d),
            ..
        } = expr
        {
            let y = match year {
                Some(Year::Abs(y)) => Some(y),
                _ => None,
            };
            if d > days_in_month(m, y) {
                return false;
            }
        }
        out.push(Found { span, token, expr });
        true
    }

    // ----- rules -------------------------------------------------------------

    /// The rules a word may open, in order; `opens` (its [`Opens`] bits)
    /// skips those whose first lookup would fail.
    fn at_word(&self, i: usize, opens: u8, out: &mut Vec<Found>) -> Option<usize> {
        let may = |bit: u8| opens & bit != 0;
        if may(Opens::RELATIVE) {
            if let Some((r, e)) = self.relative_at(i, false) {
                self.push_relative(out, i, e, r);
                return Some(e);
            }
        }
        let rules: [(u8, Rule<'a>); 6] = [
            (Opens::NUMBER, Self::offset_after),
            (Opens::OFFSET_BEFORE, Self::offset_before),
            (Opens::PART, Self::part),
            (Opens::CUE_BEFORE, Self::cue_before),
            (Opens::WEEKDAY, Self::weekday_first),
            (Opens::MONTH, |s, i, out| {
                s.month_first(i, i, None, false, out)
            }),
        ];
        rules
            .iter()
            .filter(|&&(bit, _)| may(bit))
            .find_map(|(_, rule)| rule(self, i, out))
    }

    fn at_number(&self, i: usize, out: &mut Vec<Found>) -> Option<usize> {
        self.offset_after(i, out)
            .or_else(|| self.day_pair_first(i, out))
            .or_else(|| self.day_first(i, i, None, out))
            .or_else(|| self.numeric(i, out))
            .or_else(|| self.bare_year(i, out))
    }

    /// `deux jours plus tard`, `a day later`, `two days ago`.
    fn offset_after(&self, i: usize, out: &mut Vec<Found>) -> Option<usize> {
        let amount = self.amount_at(i)?;
        let unit = *self.lex.units.get(self.l(i + 1))?;
        self.lex.offsets_after.iter().find_map(|o| {
            let e = self.phrase_at(i + 2, &o.words)?;
            if !self.guard_ok(e, &o.guard) {
                return None;
            }
            let expr = Expr::Relative {
                unit,
                amount: amount * o.sign,
                anchor: o.anchor,
            };
            self.push(out, self.span(i, e), i, expr);
            Some(e)
        })
    }

    /// `il y a deux jours`.
    fn offset_before(&self, i: usize, out: &mut Vec<Found>) -> Option<usize> {
        self.lex.offsets_before.iter().find_map(|o| {
            let k = self.phrase_at(i, &o.words)?;
            let amount = self.amount_at(k)?;
            let unit = *self.lex.units.get(self.l(k + 1))?;
            if !self.guard_ok(k + 2, &o.guard) {
                return None;
            }
            let expr = Expr::Relative {
                unit,
                amount: amount * o.sign,
                anchor: o.anchor,
            };
            self.push(out, self.span(i, k + 2), i, expr);
            Some(k + 2)
        })
    }

    /// `fin août`, `début 2024`, `mi-mars`, `fin de l'année`.
    fn part(&self, i: usize, out: &mut Vec<Found>) -> Option<usize> {
        let t = self.l(i);
        if !self.lex.parts.contains(t) {
            let p = self.lex.part_prefix(t)?;
            let rest = &t[p.len()..];
            if let Some(name) = self.lex.months.get(rest) {
                let (y, cue, end) = self.tail(i + 1);
                if name.strict && y.is_none() {
                    return None;
                }
                self.push(
                    out,
                    self.span(i, end),
                    i,
                    date(y, Some(name.n), None, None, cue),
                );
                return Some(end);
            }
            let y: i32 = all_digits(rest).then(|| rest.parse().ok()).flatten()?;
            if rest.len() != 4 || !(1900..=2100).contains(&y) {
                return None;
            }
            self.push(
                out,
                self.span(i, i + 1),
                i,
                date(Some(Year::Abs(y)), None, None, None, 0),
            );
            return Some(i + 1);
        }
        for k in self.link_starts(i + 1) {
            if let Some((m, company)) = self.month_at(k) {
                let (y, cue, end) = self.tail(self.after_dot(k + 1));
                let end = if y.is_none() && cue == 0 { k + 1 } else { end };
                if company && y.is_none() {
                    continue;
                }
                self.push(out, self.span(i, end), i, date(y, Some(m), None, None, cue));
                return Some(end);
            }
            if let Some((y, e)) = self.year_at(k) {
                self.push(
                    out,
                    self.span(i, e),
                    i,
                    date(Some(Year::Abs(y)), None, None, None, 0),
                );
                return Some(e);
            }
            if let Some((r, e)) = self.relative_at(k, true) {
                if r.unit == Unit::Year {
                    if let Some((y, e2)) = self.year_at(e) {
                        self.push(
                            out,
                            self.span(i, e2),
                            i,
                            date(Some(Year::Abs(y)), None, None, None, 0),
                        );
                        return Some(e2);
                    }
                }
                if matches!(r.unit, Unit::Year | Unit::Month) {
                    self.push_relative(out, i, e, r);
                    return Some(e);
                }
            }
        }
        None
    }

    /// `last November`, `next Tuesday`.
    fn cue_before(&self, i: usize, out: &mut Vec<Found>) -> Option<usize> {
        let &(cue, true) = self.lex.cues.get(self.l(i))? else {
            return None;
        };
        if let Some(wd) = self.weekday_at(i + 1) {
            self.push(
                out,
                self.span(i, i + 2),
                i,
                Expr::Weekday { weekday: wd, cue },
            );
            return Some(i + 2);
        }
        let (m, company) = self.month_at(i + 1)?;
        if company {
            return None;
        }
        self.push(
            out,
            self.span(i, i + 2),
            i,
            date(None, Some(m), None, None, cue),
        );
        Some(i + 2)
    }

    /// `mardi`, `mardi dernier`, `mardi 22`, `dimanche 30 juillet`.
    fn weekday_first(&self, i: usize, out: &mut Vec<Found>) -> Option<usize> {
        let wd = self.weekday_at(i)?;
        let k = if self.l(i + 1) == "," { i + 2 } else { i + 1 };
        if let Some(end) = self.day_first(k, i, Some(wd), out) {
            return Some(end);
        }
        if let Some(end) = self.month_first(k, i, Some(wd), true, out) {
            return Some(end);
        }
        if let Some((d, e)) = self.day_at(i + 1) {
            let next_ok = match self.kind(e) {
                None => true,
                Some(TokenKind::Word) => {
                    let w = self.l(e);
                    self.capitalised(e) || self.doc.lang.is_stopword(w)
                }
                Some(TokenKind::Punct) => {
                    matches!(self.l(e), "," | "." | ";" | ")" | "»") || !self.adjacent(e)
                }
                _ => false,
            };
            if next_ok {
                self.push(
                    out,
                    self.span(i, e),
                    i,
                    date(None, None, Some(d), Some(wd), 0),
                );
                return Some(e);
            }
        }
        if let Some(&(cue, false)) = self.lex.cues.get(self.l(i + 1)) {
            self.push(
                out,
                self.span(i, i + 2),
                i,
                Expr::Weekday { weekday: wd, cue },
            );
            return Some(i + 2);
        }
        self.push(
            out,
            self.span(i, i + 1),
            i,
            Expr::Weekday {
                weekday: wd,
                cue: 0,
            },
        );
        Some(i + 1)
    }

    /// A day then its month, with what may follow the month.
    fn day_month_at(&self, j: usize) -> Option<DayMonth> {
        if !self.lex.day_month {
            return None;
        }
        let (d, mut k) = self.day_at(j)?;
        if let Some(e) = self.lex.day_links.iter().find_map(|l| self.phrase_at(k, l)) {
            if self.month_at(e).is_some() {
                k = e;
            }
        }
        let (m, _) = self.month_at(k)?;
        let (y, cue, end) = self.tail(self.after_dot(k + 1));
        let end = if y.is_none() && cue == 0 { k + 1 } else { end };
        Some((d, m, y, cue, end))
    }

    /// `17 septembre 2023`, `du 26 au 28 septembre` (two mentions).
    fn day_first(
        &self,
        i: usize,
        start: usize,
        weekday: Option<u32>,
        out: &mut Vec<Found>,
    ) -> Option<usize> {
        let (d, k) = self.day_at(i)?;
        if self.lex.ranges.contains(self.l(k)) {
            let mut k2 = k + 1;
            if self.lex.articles.contains(self.l(k2)) {
                k2 += 1;
            }
            if let Some((d2, m, y, cue, end)) = self.day_month_at(k2) {
                if d < d2 {
                    self.push(
                        out,
                        self.span(start, k),
                        i,
                        date(y, Some(m), Some(d), weekday, cue),
                    );
                    self.push(
                        out,
                        self.span(k2, end),
                        k2,
                        date(y, Some(m), Some(d2), None, cue),
                    );
                    return Some(end);
                }
            }
        }
        let (d, m, y, cue, end) = self.day_month_at(i)?;
        // An impossible day (31 février) is consumed and dropped.
        self.push(
            out,
            self.span(start, end),
            i,
            date(y, Some(m), Some(d), weekday, cue),
        );
        Some(end)
    }

    /// Two days in one token (`26-28`), as two spans.
    fn day_pair(&self, j: usize) -> Option<[(u32, Span); 2]> {
        if self.kind(j) != Some(TokenKind::Number) {
            return None;
        }
        let t = self.l(j);
        let (a, b) = t.split_once('-')?;
        if a.len() > 2 || b.len() > 2 || !all_digits(a) || !all_digits(b) {
            return None;
        }
        let (d1, d2): (u32, u32) = (a.parse().ok()?, b.parse().ok()?);
        if d1 == 0 || d1 >= d2 || d2 > 31 {
            return None;
        }
        let s = self.doc.tokens[j].span();
        Some([
            (d1, Span::new(s.start, s.start + a.len())),
            (d2, Span::new(s.start + a.len() + 1, s.end)),
        ])
    }

    /// `26-28 septembre`.
    fn day_pair_first(&self, i: usize, out: &mut Vec<Found>) -> Option<usize> {
        if !self.lex.day_month {
            return None;
        }
        let [(d1, s1), (d2, s2)] = self.day_pair(i)?;
        let (m, _) = self.month_at(i + 1)?;
        let (y, cue, end) = self.tail(self.after_dot(i + 2));
        let end = if y.is_none() && cue == 0 { i + 2 } else { end };
        self.push(out, s1, i, date(y, Some(m), Some(d1), None, cue));
        let s2 = Span::new(s2.start, self.span(i, end).end);
        self.push(out, s2, i, date(y, Some(m), Some(d2), None, cue));
        Some(end)
    }

    /// `September 17, 2023`, `Sept. 17`, `août 2023`, `mai dernier`, `juin`.
    fn month_first(
        &self,
        i: usize,
        start: usize,
        weekday: Option<u32>,
        need_day: bool,
        out: &mut Vec<Found>,
    ) -> Option<usize> {
        let (m, company) = self.month_at(i)?;
        let k = self.after_dot(i + 1);
        if self.lex.month_day {
            if let Some((d, k2)) = self.day_at(k) {
                let k3 = if self.l(k2) == "," { k2 + 1 } else { k2 };
                let (y, end) = match self.year_at(k3) {
                    Some((y, e)) => (Some(Year::Abs(y)), e),
                    None => match self.year_phrase(k2) {
                        Some((off, anchor, e)) => (Some(Year::Rel(off, anchor)), e),
                        None => (None, k2),
                    },
                };
                if !self.push(
                    out,
                    self.span(start, end),
                    start,
                    date(y, Some(m), Some(d), weekday, 0),
                ) {
                    return None;
                }
                if self.lex.ranges.contains(self.l(end)) {
                    let mut k4 = end + 1;
                    if self.lex.articles.contains(self.l(k4)) {
                        k4 += 1;
                    }
                    if let Some((d2, e)) = self.day_at(k4) {
                        if d < d2 && self.month_at(e).is_none() {
                            self.push(
                                out,
                                self.span(k4, e),
                                k4,
                                date(y, Some(m), Some(d2), None, 0),
                            );
                            return Some(e);
                        }
                    }
                }
                return Some(end);
            }
            if let Some([(d1, s1), (d2, s2)]) = self.day_pair(k) {
                let first = Span::new(self.span(start, i + 1).start, s1.end);
                let k2 = if self.l(k + 1) == "," { k + 2 } else { k + 1 };
                let (y, end, s2) = match self.year_at(k2) {
                    Some((y, e)) => (
                        Some(Year::Abs(y)),
                        e,
                        Span::new(s2.start, self.span(k2, e).end),
                    ),
                    None => (None, k + 1, s2),
                };
                self.push(out, first, start, date(y, Some(m), Some(d1), weekday, 0));
                self.push(out, s2, k, date(y, Some(m), Some(d2), None, 0));
                return Some(end);
            }
        }
        if need_day {
            return None;
        }
        let (y, cue, end) = self.tail(k);
        let end = if y.is_none() && cue == 0 { i + 1 } else { end };
        if company && !matches!(y, Some(Year::Abs(_))) {
            return None;
        }
        self.push(
            out,
            self.span(start, end),
            start,
            date(y, Some(m), None, weekday, cue),
        );
        Some(end)
    }

    /// `2023-08-22`, `22.08.2023`, `22/08/2023`.
    fn numeric(&self, i: usize, out: &mut Vec<Found>) -> Option<usize> {
        let t = self.l(i);
        let num = |s: &str, max: usize| -> Option<u32> {
            (!s.is_empty() && s.len() <= max && all_digits(s))
                .then(|| s.parse().ok())
                .flatten()
        };
        let (y, m, d, end) = if t.len() == 10 && t.as_bytes()[4] == b'-' && t.as_bytes()[7] == b'-'
        {
            let y = num(&t[..4], 4)?;
            (y, num(&t[5..7], 2)?, num(&t[8..], 2)?, i + 1)
        } else if t.bytes().filter(|&b| b == b'.').count() == 2 {
            let mut it = t.split('.');
            let (a, b, c) = (it.next()?, it.next()?, it.next()?);
            if c.len() != 4 {
                return None;
            }
            let (a, b, y) = (num(a, 2)?, num(b, 2)?, num(c, 4)?);
            let (m, d) = self.day_order(a, b)?;
            (y, m, d, i + 1)
        } else {
            let a = num(t, 2)?;
            let glued = |j: usize| self.adjacent(j);
            if !(self.l(i + 1) == "/"
                && glued(i + 1)
                && glued(i + 2)
                && self.l(i + 3) == "/"
                && glued(i + 3)
                && glued(i + 4))
            {
                return None;
            }
            let b = num(self.l(i + 2), 2)?;
            let yt = self.l(i + 4);
            if yt.len() != 4 {
                return None;
            }
            let y = num(yt, 4)?;
            let (m, d) = self.day_order(a, b)?;
            (y, m, d, i + 5)
        };
        if !(1000..=2999).contains(&y) || !(1..=12).contains(&m) || d == 0 {
            return None;
        }
        // An impossible day (31/02/2023) is consumed and dropped.
        let expr = date(Some(Year::Abs(y as i32)), Some(m), Some(d), None, 0);
        self.push(out, self.span(i, end), i, expr);
        Some(end)
    }

    /// (month, day) from the two first numbers of a numeric date.
    fn day_order(&self, a: u32, b: u32) -> Option<(u32, u32)> {
        let (d, m) = if self.lex.month_first_numeric {
            (b, a)
        } else {
            (a, b)
        };
        match (d, m) {
            (d, m) if m <= 12 => Some((m, d)),
            (d, m) if d <= 12 => Some((d, m)),
            _ => None,
        }
    }

    /// A 4-digit year alone: `2020`, `en 2014`, but not `2000 soldats`.
    fn bare_year(&self, i: usize, out: &mut Vec<Found>) -> Option<usize> {
        let (y, e) = self.year_at(i)?;
        let prev = if i > 0 { self.l(i - 1) } else { "" };
        if self.lex.not_year_after.contains(prev) || matches!(prev, "$" | "€" | "£" | "¥" | "#")
        {
            return None;
        }
        let prep = self.lex.year_preps.contains(prev);
        let counts = match self.kind(e) {
            Some(TokenKind::Punct) => matches!(self.l(e), "%" | "€" | "$" | "£"),
            Some(TokenKind::Word) => {
                let w = self.l(e);
                let plural = (w.ends_with('s') || w.ends_with('x')) && w.chars().count() > 3;
                self.lex.count_nouns.contains(w)
                    || !prep
                        && plural
                        && !self.capitalised(e)
                        && !self.doc.lang.is_stopword(w)
                        && !self.lex.not_nouns.contains(w)
                        && !self.is_date_word(e)
            }
            _ => false,
        };
        if counts {
            return None;
        }
        self.push(
            out,
            self.span(i, e),
            i,
            date(Some(Year::Abs(y)), None, None, None, 0),
        );
        Some(e)
    }

    // ----- tense ---------------------------------------------------------------

    /// Whether token `j` marks the past (`false`) or the future (`true`).
    fn tense_of(&self, j: usize) -> Option<bool> {
        if self.kind(j) != Some(TokenKind::Word) {
            return None;
        }
        let w = self.l(j);
        let lowercase = !self.capitalised(j) || self.starts[j];
        if self.lex.past.contains(w)
            || lowercase && self.lex.is_past(w) && !self.lex.future.contains(w)
        {
            return Some(false);
        }
        if self.lex.future.contains(w) || lowercase && self.lex.is_future(w) {
            return Some(true);
        }
        None
    }

    /// Whether the verb nearest to token `t` in sentence `sent` looks
    /// future (`Some(true)`) or past (`Some(false)`; ties read as past);
    /// `None` when no marker is near.
    pub fn future_at(&self, t: usize, sent: usize) -> Option<bool> {
        const WINDOW: usize = 40;
        let s = self.doc.sentences.get(sent)?;
        let (lo, hi) = (s.tokens.start, s.tokens.end);
        let class = |j: usize| -> Option<bool> {
            let cell = &self.tense[j];
            if cell.get() == 0 {
                cell.set(match self.tense_of(j) {
                    None => 1,
                    Some(false) => 2,
                    Some(true) => 3,
                });
            }
            match cell.get() {
                2 => Some(false),
                3 => Some(true),
                _ => None,
            }
        };
        for d in 1..=WINDOW {
            let left = t.checked_sub(d).filter(|&j| j >= lo).and_then(class);
            let right = Some(t + d).filter(|&j| j < hi).and_then(class);
            match (left, right) {
                (Some(false), _) | (_, Some(false)) => return Some(false),
                (Some(true), _) | (_, Some(true)) => return Some(true),
                _ => {}
            }
            if t < lo + d && t + d >= hi {
                break;
            }
        }
        None
    }
}
