//! A number as a text gives a count: digits with their separators ("1
//! 200", "1,200", "12.000", "5,6 millions"), number words ("deux",
//! "twenty-two", "trois mille"), round figures ("une dizaine", "des
//! centaines de milliers"), and the bound and range words around it ("au
//! moins", "more than", "entre 20 et 26").

use std::ops::Range;

use depeche_model::Bound;
use depeche_text::{Doc, LowerTokens, TokenKind};

use super::table::Table;

/// Largest count read: anything larger is not a number of people.
const LARGEST: f64 = 1e11;

/// A number phrase and the tokens it covers.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Quantity {
    /// The number given: the low end of a range, twice the unit of a
    /// plural round figure.
    pub(crate) value: u64,
    /// How the true figure stands to it.
    pub(crate) bound: Bound,
    /// The high end of a range.
    pub(crate) high: Option<u64>,
    /// The first token, its bound's when it has one.
    pub(crate) start: usize,
    /// One past its last token.
    pub(crate) end: usize,
    /// Whether it is a number only if what it counts follows at once
    /// ("un mort"; "un" is an article elsewhere).
    pub(crate) adjacent: bool,
    /// Whether it is a number, not a round figure in words: only a
    /// number takes a part of a group ("deux des blessés").
    pub(crate) plain: bool,
}

/// What kind of number the words give.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    /// A number ("12", "deux mille").
    Plain,
    /// A round figure in the singular ("une dizaine"): about it.
    About,
    /// A plural round figure ("des centaines"): at least twice it.
    Many,
}

/// The number itself, before the bound and range words around it.
#[derive(Clone, Copy, Debug)]
struct Core {
    value: f64,
    shape: Shape,
    start: usize,
    end: usize,
    adjacent: bool,
}

/// The lowercase words of a document with what reads them.
pub(crate) struct Words<'a> {
    pub(crate) doc: &'a Doc,
    pub(crate) lower: &'a LowerTokens<'a>,
    pub(crate) table: &'a Table,
}

impl Words<'_> {
    /// Whether token `t` may begin a number: digits, a number word, a
    /// round figure or a scale.
    pub(crate) fn is_anchor(&self, t: usize) -> bool {
        if self.doc.tokens[t].kind == TokenKind::Number {
            return true;
        }
        let w = self.table.word(&self.lower[t]);
        w.number.is_some() || w.approx.is_some() || w.scale.is_some() || self.compound(t).is_some()
    }

    /// Whether token `t` is a count of its own: digits, a number word
    /// that is no article, a round figure. A count after a number starts
    /// another group.
    pub(crate) fn is_count(&self, t: usize) -> bool {
        if self.doc.tokens[t].kind == TokenKind::Number {
            return true;
        }
        self.table.word(&self.lower[t]).counts() || self.compound(t).is_some()
    }

    /// The quantity whose number starts at token `at`, its words within
    /// `within` (the sentence's tokens); `None` when the words there are
    /// no count (a measure, a sum of money, a decimal with no scale).
    pub(crate) fn read(&self, at: usize, within: &Range<usize>) -> Option<Quantity> {
        let core = self.core(at, within.end)?;
        let lower = self.lower;
        // "an estimated 150,000": the article is the bound's.
        if core.adjacent && self.table.bounds.at(lower, core.start).next().is_some() {
            return None;
        }
        let before = self
            .table
            .bounds
            .ending(lower, within.start, core.start)
            .next()
            .map(|(s, (_, b))| (s, *b));
        let start = before.map_or(core.start, |(s, _)| s);
        let mut money = self.table.units_before.ending(lower, within.start, start);
        if money.next().is_some() {
            return None;
        }
        let explicit = before.map(|(_, b)| b);
        let (mut end, mut high) = (core.end, None);
        for (p, needs_between) in self.table.ranges.at(lower, end) {
            if *needs_between && explicit != Some(Bound::Between) {
                continue;
            }
            let second = self.core(end + p.len(), within.end);
            if let Some(second) = second.filter(|s| s.value > core.value && s.shape == core.shape) {
                high = Some(second.value.round() as u64);
                end = second.end;
                break;
            }
        }
        if self.table.units.at(lower, end).next().is_some() {
            return None;
        }
        let bound = match (high, explicit) {
            (Some(_), _) => Bound::Between,
            (None, Some(b)) if b != Bound::Between => b,
            (None, _) => match core.shape {
                Shape::Plain => Bound::Exact,
                Shape::About => Bound::About,
                Shape::Many => Bound::AtLeast,
            },
        };
        let value = match core.shape {
            Shape::Many => core.value * 2.0,
            _ => core.value,
        };
        Some(Quantity {
            value: value.round() as u64,
            bound,
            high,
            start,
            end,
            adjacent: core.adjacent && before.is_none(),
            plain: core.shape == Shape::Plain,
        })
    }

    /// The number at token `at`, its words before `limit`.
    fn core(&self, at: usize, limit: usize) -> Option<Core> {
        if at >= limit {
            return None;
        }
        let token = &self.doc.tokens[at];
        let w = self.table.word(&self.lower[at]);
        let core = if token.kind == TokenKind::Number {
            let (value, decimal) = digits(self.doc.token_text(at))?;
            let (value, end) = self.groups(at, value, decimal, limit);
            let (value, end, scaled) = self.scales(value, end, limit);
            if decimal && !scaled {
                return None;
            }
            Core {
                value,
                shape: Shape::Plain,
                start: at,
                end,
                adjacent: false,
            }
        } else if let Some((unit, many)) = w.approx {
            self.round(at, unit, many, limit)
        } else if let Some(n) = w.number.or_else(|| self.compound(at)) {
            let next = self.lower.get(at + 1).map(|l| self.table.word(l));
            if let (true, Some((unit, many))) = (w.adjacent, next.and_then(|n| n.approx)) {
                // "une dizaine", "a dozen": the article is the round figure's.
                let round = self.round(at + 1, unit, many, limit);
                return Some(Core { start: at, ..round });
            }
            let (value, end, scaled) = self.scales(n as f64, at + 1, limit);
            Core {
                value,
                shape: Shape::Plain,
                start: at,
                end,
                adjacent: w.adjacent && !scaled,
            }
        } else if w.scale.is_some() {
            // "plusieurs millions", "several hundred": a plural scale.
            let (start, _) = self.table.several.ending(self.lower, 0, at).next()?;
            let (value, end, _) = self.scales(1.0, at, limit);
            Core {
                value,
                shape: Shape::Many,
                start,
                end,
                adjacent: false,
            }
        } else {
            return None;
        };
        (core.value >= 0.0 && core.value <= LARGEST).then_some(core)
    }

    /// Digits grouped by spaces ("1 200", "11 300"): the groups of three
    /// after a first of at most three, each its own token.
    fn groups(&self, at: usize, value: f64, decimal: bool, limit: usize) -> (f64, usize) {
        let text = self.doc.token_text(at);
        let short = text.len() <= 3 && text.bytes().all(|b| b.is_ascii_digit());
        let (mut value, mut end) = (value, at + 1);
        while short && !decimal && end < limit {
            let next = &self.doc.tokens[end];
            let digits = self.doc.token_text(end);
            let group = next.kind == TokenKind::Number
                && next.space_before
                && !next.newline_before
                && digits.len() == 3
                && digits.bytes().all(|b| b.is_ascii_digit());
            if !group {
                break;
            }
            value = value * 1000.0 + digits.parse::<f64>().unwrap_or(0.0);
            end += 1;
        }
        (value, end)
    }

    /// The scales after a number and the number words between them
    /// ("deux cent cinquante", "three thousand", "12 millions"); whether
    /// there was one.
    fn scales(&self, value: f64, mut end: usize, limit: usize) -> (f64, usize, bool) {
        let (mut total, mut group, mut scaled) = (0.0, value, false);
        while end < limit {
            let w = self.table.word(&self.lower[end]);
            if let Some(s) = w.scale {
                let s = s as f64;
                if s >= 1000.0 {
                    total += group.max(1.0) * s;
                    group = 0.0;
                } else {
                    group = group.max(1.0) * s;
                }
                scaled = true;
            } else if let Some(n) = w.number.filter(|_| scaled && !w.adjacent) {
                group += n as f64;
            } else {
                break;
            }
            end += 1;
        }
        (total + group, end, scaled)
    }

    /// A round figure at `at` ("dizaine", "centaines"), with the plural
    /// word before it ("des", "plusieurs") and the units it multiplies
    /// ("des centaines de milliers").
    fn round(&self, at: usize, unit: u64, many: bool, limit: usize) -> Core {
        let start = self
            .table
            .several
            .ending(self.lower, 0, at)
            .next()
            .map_or(at, |(s, _)| s);
        let (mut value, mut end) = (unit as f64, at + 1);
        while end + 1 < limit && self.table.word(&self.lower[end]).of {
            let next = self.table.word(&self.lower[end + 1]);
            let Some(times) = next.approx.filter(|a| a.1).map(|a| a.0).or(next.scale) else {
                break;
            };
            value *= times as f64;
            end += 2;
        }
        Core {
            value,
            shape: if many { Shape::Many } else { Shape::About },
            start,
            end,
            adjacent: false,
        }
    }

    /// The value of a hyphenated number ("vingt-deux", "quatre-vingt-dix",
    /// "twenty-one"), each part a number word of the table or a joiner.
    fn compound(&self, t: usize) -> Option<u64> {
        let word = &self.lower[t];
        if !word.contains('-') {
            return None;
        }
        let parts: Vec<&str> = word.split('-').collect();
        let (mut i, mut sum) = (0, 0);
        while i < parts.len() {
            // The longest run of parts the table lists ("quatre-vingt").
            let found = (i + 1..=parts.len()).rev().find_map(|j| {
                let run = parts[i..j].join("-");
                self.table.word(&run).number.map(|n| (j, n))
            });
            match found {
                Some((j, n)) => {
                    sum += n;
                    i = j;
                }
                None if self.table.word(parts[i]).joiner => i += 1,
                None => return None,
            }
        }
        (sum > 0).then_some(sum)
    }
}

/// The value of a token of digits, and whether it has a decimal part:
/// separators before groups of three are thousands ("1,200", "12.000"),
/// one before anything else is a decimal point ("5,6", "1.5").
fn digits(text: &str) -> Option<(f64, bool)> {
    if !text
        .bytes()
        .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
    {
        return None;
    }
    let groups: Vec<&str> = text.split([',', '.']).collect();
    if groups.iter().any(|g| g.is_empty()) {
        return None;
    }
    let thousands = groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3);
    if groups.len() == 1 || thousands {
        return groups.concat().parse().ok().map(|v| (v, false));
    }
    if groups.len() == 2 {
        let v: f64 = format!("{}.{}", groups[0], groups[1]).parse().ok()?;
        return Some((v, true));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first quantity of a sentence, as (value, bound, high, words).
    fn first(text: &str, lang: &str) -> Option<(u64, Bound, Option<u64>, String)> {
        let doc = Doc::new(text, Some(lang));
        let lower = doc.lower_tokens();
        let words = Words {
            doc: &doc,
            lower: &lower,
            table: Table::get(lang),
        };
        let within = 0..doc.tokens.len();
        (0..doc.tokens.len())
            .filter(|&t| words.is_anchor(t))
            .filter_map(|t| words.read(t, &within))
            .find(|q| !q.adjacent)
            .map(|q| {
                let span = doc.tokens[q.start].span().start..doc.tokens[q.end - 1].span().end;
                (q.value, q.bound, q.high, doc.text.view()[span].to_string())
            })
    }

    fn value(text: &str, lang: &str) -> Option<(u64, Bound)> {
        first(text, lang).map(|(v, b, _, _)| (v, b))
    }

    #[test]
    fn digits_read_thousands_and_decimals() {
        assert_eq!(digits("1200"), Some((1200.0, false)));
        assert_eq!(digits("1,200"), Some((1200.0, false)));
        assert_eq!(digits("12.000"), Some((12000.0, false)));
        assert_eq!(digits("1,200,000"), Some((1_200_000.0, false)));
        assert_eq!(digits("5,6"), Some((5.6, true)));
        assert_eq!(digits("1.5"), Some((1.5, true)));
        assert_eq!(digits("15h"), None);
        assert_eq!(digits("1.2.3"), None);
    }

    #[test]
    fn thousands_separators_in_both_languages() {
        assert_eq!(value("1 200 morts", "fr"), Some((1200, Bound::Exact)));
        assert_eq!(value("11 300 morts", "fr"), Some((11300, Bound::Exact)));
        assert_eq!(value("12.000 morts", "fr"), Some((12000, Bound::Exact)));
        assert_eq!(value("1,200 dead", "en"), Some((1200, Bound::Exact)));
        assert_eq!(value("1,143 injuries", "en"), Some((1143, Bound::Exact)));
        // A year is four digits: never the first group of a number.
        assert_eq!(value("2023 100 morts", "fr"), Some((2023, Bound::Exact)));
    }

    #[test]
    fn a_decimal_needs_a_scale() {
        assert_eq!(
            value("5,6 millions de déplacés", "fr"),
            Some((5_600_000, Bound::Exact))
        );
        assert_eq!(
            value("1.5 million displaced", "en"),
            Some((1_500_000, Bound::Exact))
        );
        assert_eq!(value("2,5 morts", "fr"), None);
    }

    #[test]
    fn number_words_and_their_compounds() {
        assert_eq!(value("deux morts", "fr"), Some((2, Bound::Exact)));
        assert_eq!(value("dix-huit morts", "fr"), Some((18, Bound::Exact)));
        assert_eq!(value("vingt-et-un morts", "fr"), Some((21, Bound::Exact)));
        assert_eq!(value("soixante-dix morts", "fr"), Some((70, Bound::Exact)));
        assert_eq!(
            value("quatre-vingt-dix-sept morts", "fr"),
            Some((97, Bound::Exact))
        );
        assert_eq!(
            value("deux cent cinquante morts", "fr"),
            Some((250, Bound::Exact))
        );
        assert_eq!(value("trois mille morts", "fr"), Some((3000, Bound::Exact)));
        assert_eq!(value("two dead", "en"), Some((2, Bound::Exact)));
        assert_eq!(value("twenty-two dead", "en"), Some((22, Bound::Exact)));
        assert_eq!(
            value("two hundred thousand displaced", "en"),
            Some((200_000, Bound::Exact))
        );
        assert_eq!(value("deux-roues", "fr"), None);
    }

    #[test]
    fn bounds_before_the_number() {
        let cases = [
            ("au moins 12 morts", "fr", 12, Bound::AtLeast),
            ("pas moins de 12 morts", "fr", 12, Bound::AtLeast),
            ("plus de 700 morts", "fr", 700, Bound::MoreThan),
            ("plus d'un millier de morts", "fr", 1000, Bound::MoreThan),
            ("près de 100 morts", "fr", 100, Bound::Nearly),
            ("environ 300 morts", "fr", 300, Bound::About),
            ("jusqu'à 30 morts", "fr", 30, Bound::AtMost),
            ("moins de 10 morts", "fr", 10, Bound::FewerThan),
            ("at least 12 dead", "en", 12, Bound::AtLeast),
            ("more than 700 dead", "en", 700, Bound::MoreThan),
            ("over 8,000 displaced", "en", 8000, Bound::MoreThan),
            ("nearly 100 dead", "en", 100, Bound::Nearly),
            ("an estimated 150,000 dead", "en", 150_000, Bound::About),
            ("fewer than 10 dead", "en", 10, Bound::FewerThan),
        ];
        for (text, lang, v, b) in cases {
            assert_eq!(value(text, lang), Some((v, b)), "{text}");
        }
        let (_, _, _, words) = first("au moins 12 morts", "fr").unwrap();
        assert_eq!(words, "au moins 12");
    }

    #[test]
    fn round_figures_in_words() {
        let cases = [
            (
                "une dizaine de blessés",
                "fr",
                10,
                Bound::About,
                "une dizaine",
            ),
            (
                "des dizaines de morts",
                "fr",
                20,
                Bound::AtLeast,
                "des dizaines",
            ),
            (
                "des centaines de manifestants",
                "fr",
                200,
                Bound::AtLeast,
                "des centaines",
            ),
            (
                "plusieurs centaines de manifestants",
                "fr",
                200,
                Bound::AtLeast,
                "plusieurs centaines",
            ),
            (
                "des centaines de milliers de manifestants",
                "fr",
                200_000,
                Bound::AtLeast,
                "des centaines de milliers",
            ),
            (
                "plusieurs millions de déplacés",
                "fr",
                2_000_000,
                Bound::AtLeast,
                "plusieurs millions",
            ),
            ("a dozen dead", "en", 12, Bound::About, "a dozen"),
            ("dozens of protesters", "en", 24, Bound::AtLeast, "dozens"),
            (
                "hundreds of thousands of protesters",
                "en",
                200_000,
                Bound::AtLeast,
                "hundreds of thousands",
            ),
            (
                "several hundred protesters",
                "en",
                200,
                Bound::AtLeast,
                "several hundred",
            ),
        ];
        for (text, lang, v, b, words) in cases {
            assert_eq!(
                first(text, lang),
                Some((v, b, None, words.to_string())),
                "{text}"
            );
        }
    }

    #[test]
    fn ranges_join_two_numbers() {
        assert_eq!(
            first("entre 20 et 26 morts", "fr"),
            Some((20, Bound::Between, Some(26), "entre 20 et 26".into()))
        );
        assert_eq!(
            first("20 à 26 morts", "fr"),
            Some((20, Bound::Between, Some(26), "20 à 26".into()))
        );
        assert_eq!(
            first("between 20 and 26 dead", "en"),
            Some((20, Bound::Between, Some(26), "between 20 and 26".into()))
        );
        // "et" joins a range only after "entre".
        assert_eq!(value("20 et 26 morts", "fr"), Some((20, Bound::Exact)));
    }

    #[test]
    fn measures_and_money_are_no_counts() {
        assert_eq!(value("48 % des électeurs", "fr"), None);
        assert_eq!(value("l'homme de 19 ans", "fr"), None);
        assert_eq!(value("$ 5 million", "en"), None);
        assert_eq!(value("in 24 hours", "en"), None);
    }

    #[test]
    fn an_article_is_a_number_only_when_marked() {
        let doc = Doc::new("un mort", Some("fr"));
        let lower = doc.lower_tokens();
        let words = Words {
            doc: &doc,
            lower: &lower,
            table: Table::get("fr"),
        };
        let q = words.read(0, &(0..2)).unwrap();
        assert!(q.adjacent);
        assert_eq!(
            value("un million de déplacés", "fr"),
            Some((1_000_000, Bound::Exact))
        );
    }
}
