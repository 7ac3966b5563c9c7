//! The words of figures in one language, from `data/<lang>/figures.tsv`:
//! number words, round figures, bounds, units, and what was counted.

use depeche_lexicon::{lang_rows, PerLanguage};
use depeche_model::{Bound, FigureKind};
use depeche_text::{token_strings, Language, LowerTokens};
use rustc_hash::{FxHashMap, FxHashSet};

/// Lowercase tokens by index: a document's, or a list a test writes.
pub(crate) trait Lower {
    /// The lowercase text of token `i`, if there is one.
    fn word(&self, i: usize) -> Option<&str>;
}

impl Lower for LowerTokens<'_> {
    fn word(&self, i: usize) -> Option<&str> {
        self.get(i)
    }
}

impl Lower for [&str] {
    fn word(&self, i: usize) -> Option<&str> {
        self.get(i).copied()
    }
}

/// A run of lowercase tokens as the table writes it; its last token may
/// be a word start ("tué*" for "tués", "tuées").
#[derive(Debug)]
pub(crate) struct Phrase {
    tokens: Vec<String>,
    prefix: bool,
}

impl Phrase {
    /// The phrase of a table cell, cut into tokens as the language's
    /// documents are.
    fn new(cell: &str, lang: &Language) -> Phrase {
        let (text, prefix) = match cell.strip_suffix('*') {
            Some(start) => (start, true),
            None => (cell, false),
        };
        // An elided word ends its phrase ("plus d'"): documents hold it as
        // one token with the word after, so a letter stands for that word.
        let elided = text.ends_with('\'');
        let mut tokens: Vec<String> = if elided {
            token_strings(&format!("{text}x"), lang)
        } else {
            token_strings(text, lang)
        };
        if elided && tokens.last().is_some_and(|t| t == "x") {
            tokens.pop();
        }
        Phrase {
            tokens: tokens.into_iter().map(|t| t.to_lowercase()).collect(),
            prefix,
        }
    }

    /// How many tokens it has.
    pub(crate) fn len(&self) -> usize {
        self.tokens.len()
    }

    /// Whether the phrase starts at token `at` of `words` (lowercase).
    pub(crate) fn at(&self, words: &(impl Lower + ?Sized), at: usize) -> bool {
        let last = self.tokens.len().saturating_sub(1);
        !self.tokens.is_empty()
            && self.tokens.iter().enumerate().all(|(i, t)| {
                words.word(at + i).is_some_and(|w| {
                    if self.prefix && i == last {
                        w.starts_with(t.as_str())
                    } else {
                        t == w
                    }
                })
            })
    }

    /// Where the phrase starts when it ends right before token `end`, not
    /// before token `from`.
    pub(crate) fn ending(
        &self,
        words: &(impl Lower + ?Sized),
        from: usize,
        end: usize,
    ) -> Option<usize> {
        let start = end.checked_sub(self.tokens.len())?;
        (start >= from && self.at(words, start)).then_some(start)
    }
}

/// Something that holds a phrase: what a [`Phrases`] list is made of.
pub(crate) trait Phrased {
    /// Its phrase.
    fn phrase(&self) -> &Phrase;
}

impl Phrased for Phrase {
    fn phrase(&self) -> &Phrase {
        self
    }
}

impl<T> Phrased for (Phrase, T) {
    fn phrase(&self) -> &Phrase {
        &self.0
    }
}

impl Phrased for Category {
    fn phrase(&self) -> &Phrase {
        &self.phrase
    }
}

/// The words that phrases start (or end) with: whole tokens, and word
/// starts for a last token written with a star.
#[derive(Debug, Default)]
struct Edge {
    whole: FxHashSet<String>,
    starts: Vec<String>,
}

impl Edge {
    fn add(&mut self, token: &str, prefix: bool) {
        if prefix {
            self.starts.push(token.to_string());
        } else {
            self.whole.insert(token.to_string());
        }
    }

    /// Whether some phrase may have `word` there.
    fn may(&self, word: Option<&str>) -> bool {
        word.is_some_and(|w| {
            self.whole.contains(w) || self.starts.iter().any(|s| w.starts_with(s.as_str()))
        })
    }
}

/// A list of phrases in the table's order, with the words they start
/// and end with: a token that starts or ends none of them is passed over
/// without trying each phrase (figures try every token after a number).
#[derive(Debug)]
pub(crate) struct Phrases<T> {
    items: Vec<T>,
    first: Edge,
    last: Edge,
}

impl<T> Default for Phrases<T> {
    fn default() -> Self {
        Phrases {
            items: Vec::new(),
            first: Edge::default(),
            last: Edge::default(),
        }
    }
}

impl<T: Phrased> Phrases<T> {
    /// Adds a phrase at the end of the list.
    fn push(&mut self, item: T) {
        let p = item.phrase();
        if let (Some(first), Some(last)) = (p.tokens.first(), p.tokens.last()) {
            self.first.add(first, p.prefix && p.tokens.len() == 1);
            self.last.add(last, p.prefix);
        }
        self.items.push(item);
    }

    /// Puts the longest phrases first.
    fn longest_first(&mut self) {
        self.items
            .sort_by_key(|x| std::cmp::Reverse(x.phrase().len()));
    }

    /// Every phrase, in order.
    #[cfg(test)]
    pub(crate) fn iter(&self) -> std::slice::Iter<'_, T> {
        self.items.iter()
    }

    /// The phrases that start at token `at` of `words`, in order.
    pub(crate) fn at<'s, L: Lower + ?Sized>(
        &'s self,
        words: &'s L,
        at: usize,
    ) -> impl Iterator<Item = &'s T> + 's {
        let tried = if self.first.may(words.word(at)) {
            &self.items[..]
        } else {
            &[]
        };
        tried.iter().filter(move |x| x.phrase().at(words, at))
    }

    /// The phrases that end right before token `end`, not before token
    /// `from`, in order, with where each starts.
    pub(crate) fn ending<'s, L: Lower + ?Sized>(
        &'s self,
        words: &'s L,
        from: usize,
        end: usize,
    ) -> impl Iterator<Item = (usize, &'s T)> + 's {
        let ends_here = end
            .checked_sub(1)
            .is_some_and(|last| self.last.may(words.word(last)));
        let tried = if ends_here { &self.items[..] } else { &[] };
        tried
            .iter()
            .filter_map(move |x| Some((x.phrase().ending(words, from, end)?, x)))
    }
}

/// Where the words that say what was counted stand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Form {
    /// The word counted, a few words after the number ("trois morts").
    Noun,
    /// What happened to those counted, after them ("ont été tués").
    Participle,
    /// An active verb right before the number ("ont tué cinq").
    Verb,
}

/// A phrase that says what was counted.
#[derive(Debug)]
pub(crate) struct Category {
    pub(crate) phrase: Phrase,
    pub(crate) kind: FigureKind,
    pub(crate) form: Form,
}

/// What one word is to a figure.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Word {
    /// A number word's value.
    pub(crate) number: Option<u64>,
    /// A number only right before what it counts or a scale ("un mort").
    pub(crate) adjacent: bool,
    /// A part of a compound number that adds nothing ("vingt-et-un").
    pub(crate) joiner: bool,
    /// A word that multiplies the number before it ("mille").
    pub(crate) scale: Option<u64>,
    /// A round figure: its unit, and whether it is a plural ("dizaines").
    pub(crate) approx: Option<(u64, bool)>,
    /// The word between a round figure and what it counts ("de").
    pub(crate) of: bool,
    /// A word that ends the search for what happened, and whether it
    /// joins two counted groups ("et").
    pub(crate) stop: Option<bool>,
}

impl Word {
    /// Whether the word counts by itself: a number word that is no
    /// article ("quatre", not "un"), or a round figure ("dizaines").
    pub(crate) fn counts(&self) -> bool {
        (self.number.is_some() && !self.adjacent) || self.approx.is_some()
    }
}

/// The words of figures in one language.
#[derive(Debug, Default)]
pub(crate) struct Table {
    words: FxHashMap<String, Word>,
    /// Bounds before a number, longest first ("pas moins de" before
    /// "moins de").
    pub(crate) bounds: Phrases<(Phrase, Bound)>,
    /// Words that make a scale a plural ("plusieurs").
    pub(crate) several: Phrases<Phrase>,
    /// Words that join the two ends of a range, and whether they need a
    /// "between" before ("et" does, "à" does not).
    pub(crate) ranges: Phrases<(Phrase, bool)>,
    /// Words after a number that make it a measure ("ans", "%").
    pub(crate) units: Phrases<Phrase>,
    /// The same before a number ("$").
    pub(crate) units_before: Phrases<Phrase>,
    /// Words after a number that count a part of a group ("des").
    pub(crate) partitives: Phrases<Phrase>,
    /// What happens to a group that no figure counts ("disparus").
    pub(crate) uncounted: Phrases<Phrase>,
    /// Words before a participle that give it another sense, by kind.
    pub(crate) cancels: Phrases<(Phrase, FigureKind)>,
    /// What was counted.
    pub(crate) categories: Phrases<Category>,
}

impl Table {
    /// The table of `lang`, read once per process.
    pub(crate) fn get(lang: &str) -> &'static Table {
        static ALL: PerLanguage<Table> = PerLanguage::new();
        ALL.get(lang, Table::load)
    }

    /// What the table says of a lowercase word.
    pub(crate) fn word(&self, lower: &str) -> Word {
        self.words.get(lower).copied().unwrap_or_default()
    }

    fn load(lang: &'static str) -> Table {
        let language = Language::get(lang);
        let mut table = Table::default();
        for r in lang_rows(lang, "figures.tsv").filter(|r| r.len() >= 2) {
            table.add(&r, language);
        }
        table.bounds.longest_first();
        table.categories.longest_first();
        table
    }

    /// Adds one row (`kind words value extra`); a row it does not
    /// understand adds nothing.
    fn add(&mut self, r: &[&str], lang: &Language) {
        let (kind, cell) = (r[0], r[1]);
        let value = || r.get(2).and_then(|v| v.parse::<u64>().ok());
        let extra = r.get(3).copied().unwrap_or("");
        let phrase = || Phrase::new(cell, lang);
        let mut word = |f: &dyn Fn(&mut Word)| f(self.words.entry(cell.to_string()).or_default());
        match kind {
            "number" => {
                if let Some(v) = value() {
                    word(&|w| {
                        w.number = Some(v);
                        w.adjacent = extra == "adjacent";
                    });
                }
            }
            "joiner" => word(&|w| w.joiner = true),
            "scale" => {
                if let Some(v) = value() {
                    word(&|w| w.scale = Some(v));
                }
            }
            "approx" => {
                let many = extra == "many";
                if let Some(v) = value().filter(|_| many || extra == "about") {
                    word(&|w| w.approx = Some((v, many)));
                }
            }
            "of" => word(&|w| w.of = true),
            "stop" => {
                let joins = r.get(2) == Some(&"joins");
                word(&|w| w.stop = Some(joins));
            }
            "bound" => {
                if let Some(b) = r.get(2).and_then(|b| Bound::from_label(b)) {
                    self.bounds.push((phrase(), b));
                }
            }
            "several" => self.several.push(phrase()),
            "range" => self.ranges.push((phrase(), r.get(2) == Some(&"between"))),
            "unit" => self.units.push(phrase()),
            "unit-before" => self.units_before.push(phrase()),
            "partitive" => self.partitives.push(phrase()),
            "uncounted" => self.uncounted.push(phrase()),
            "cancel" => {
                if let Some(k) = r.get(2).and_then(|k| FigureKind::from_label(k)) {
                    self.cancels.push((phrase(), k));
                }
            }
            _ => self.add_category(r, lang),
        }
    }

    /// A row naming what was counted (`dead tués participle`).
    fn add_category(&mut self, r: &[&str], lang: &Language) {
        let form = match r.get(2).copied() {
            Some("noun") => Form::Noun,
            Some("participle") => Form::Participle,
            Some("verb") => Form::Verb,
            _ => return,
        };
        if let Some(kind) = FigureKind::from_label(r[0]) {
            self.categories.push(Category {
                phrase: Phrase::new(r[1], lang),
                kind,
                form,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_of_every_language_is_understood() {
        let known = [
            "number",
            "joiner",
            "scale",
            "approx",
            "of",
            "stop",
            "bound",
            "several",
            "range",
            "unit",
            "unit-before",
            "partitive",
            "uncounted",
            "cancel",
        ];
        for lang in depeche_lexicon::languages() {
            let table = Table::get(lang);
            for r in lang_rows(lang, "figures.tsv") {
                assert!(r.len() >= 2, "{lang}: short row {r:?}");
                let category = FigureKind::from_label(r[0]).is_some();
                assert!(category || known.contains(&r[0]), "{lang}: {r:?}");
                if category {
                    let listed = table
                        .categories
                        .iter()
                        .any(|c| c.kind.label() == r[0] && c.phrase.len() > 0);
                    assert!(listed, "{lang}: {r:?}");
                    assert!(
                        matches!(r.get(2), Some(&("noun" | "participle" | "verb"))),
                        "{lang}: {r:?}"
                    );
                }
                if r[0] == "bound" {
                    assert!(
                        r.get(2).and_then(|b| Bound::from_label(b)).is_some(),
                        "{r:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn phrases_match_whole_tokens_or_a_word_start() {
        let fr = Language::get("fr");
        let killed = Phrase::new("tué*", fr);
        assert!(killed.at(&["tuées"][..], 0));
        assert!(!killed.at(&["tu"][..], 0));
        let least = Phrase::new("au moins", fr);
        let words: &[&str] = &["au", "moins", "12"];
        assert!(least.at(words, 0));
        assert_eq!(least.ending(words, 0, 2), Some(0));
        assert_eq!(least.ending(words, 1, 2), None);
        // An elided word is its own token, as in documents.
        assert_eq!(Phrase::new("plus d'", fr).len(), 2);
    }

    #[test]
    fn a_list_finds_what_trying_each_phrase_finds() {
        let fr = Language::get("fr");
        let mut list = Phrases::default();
        for cell in ["au moins", "tué*", "plus d'", "moins de", "morts"] {
            list.push(Phrase::new(cell, fr));
        }
        let words: &[&str] = &["au", "moins", "de", "12", "tuées", "plus", "d'", "morts"];
        for t in 0..=words.len() {
            let at: Vec<&Phrase> = list.at(words, t).collect();
            let each: Vec<&Phrase> = list.iter().filter(|p| p.at(words, t)).collect();
            assert!(at.iter().zip(&each).all(|(a, b)| std::ptr::eq(*a, *b)));
            assert_eq!(at.len(), each.len(), "at {t}");
            let ending: Vec<usize> = list.ending(words, 0, t).map(|(s, _)| s).collect();
            let each: Vec<usize> = list.iter().filter_map(|p| p.ending(words, 0, t)).collect();
            assert_eq!(ending, each, "ending at {t}");
        }
        assert_eq!(list.at(words, 4).count(), 1);
        assert_eq!(list.ending(words, 0, 3).count(), 1);
        assert_eq!(list.at(words, 3).count(), 0);
    }

    #[test]
    fn longer_bounds_are_tried_first() {
        let fr = Table::get("fr");
        let at = |words: &[&str]| {
            fr.bounds
                .iter()
                .find(|(p, _)| p.ending(words, 0, words.len()).is_some())
                .map(|(_, b)| *b)
        };
        assert_eq!(at(&["pas", "moins", "de"]), Some(Bound::AtLeast));
        assert_eq!(at(&["moins", "de"]), Some(Bound::FewerThan));
    }
}
