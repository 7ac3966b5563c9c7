//! The date words of one language, read once from `data/<lang>/dates*.tsv`.
//!
//! Every table is keyed by lowercase token text; phrases are tokenised with
//! the document tokeniser so that they match the text token for token.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasher, Hasher};
use std::sync::OnceLock;

use depeche_lexicon::sieve::Sieve;
use depeche_text::Doc;

/// A small, fast hasher for the short keys of the tables (the FxHash
/// mix): the tables are fixed, so flooding them is not a concern.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Fx;

/// The state of an [`Fx`] hash.
pub(crate) struct FxHasher(u64);

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes([
                c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7],
            ]));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut buf = [0u8; 8];
            buf[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(buf));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl BuildHasher for Fx {
    type Hasher = FxHasher;

    fn build_hasher(&self) -> FxHasher {
        FxHasher(0)
    }
}

/// A map with the [`Fx`] hasher.
pub(crate) type Map<K, V> = HashMap<K, V, Fx>;
/// A set with the [`Fx`] hasher.
pub(crate) type Set<K> = HashSet<K, Fx>;

/// A calendar unit that relative expressions count in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Unit {
    Day,
    Week,
    Month,
    Year,
}

impl Unit {
    fn parse(s: &str) -> Option<Unit> {
        Some(match s {
            "day" => Unit::Day,
            "week" => Unit::Week,
            "month" => Unit::Month,
            "year" => Unit::Year,
            _ => return None,
        })
    }
}

/// What a relative expression is counted from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Anchor {
    /// The publication date.
    Published,
    /// The last full date of the same or previous sentence, else publication.
    Context,
}

impl Anchor {
    fn parse(s: &str) -> Anchor {
        if s == "context" {
            Anchor::Context
        } else {
            Anchor::Published
        }
    }
}

/// A month or weekday name with its usage constraints.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Name {
    /// Month 1..=12 or weekday 1..=7 (Monday = 1).
    pub n: u32,
    /// Only with a day number or a year.
    pub strict: bool,
    /// Only when capitalised.
    pub cap: bool,
    /// When capitalised inside a sentence, only with a day number or a year.
    pub lower: bool,
}

/// What may follow a phrase: the conditions under which it is not a date.
#[derive(Clone, Debug, Default)]
pub(crate) struct Guard {
    /// Not when the next token is one of these (lowercase).
    pub not_before: Vec<String>,
    /// Not when any word follows.
    pub not_before_word: bool,
}

/// A fixed relative expression: `hier`, `l'an dernier`, `the next day`.
#[derive(Clone, Debug)]
pub(crate) struct Relative {
    pub words: Vec<String>,
    pub unit: Unit,
    pub offset: i32,
    pub anchor: Anchor,
    /// Only after a part word (`fin de l'année`).
    pub part_only: bool,
    pub guard: Guard,
}

/// A cue that turns a count of units into an offset: `il y a`, `later`.
#[derive(Clone, Debug)]
pub(crate) struct Offset {
    pub words: Vec<String>,
    pub sign: i32,
    pub anchor: Anchor,
    pub guard: Guard,
}

/// Everything depeche-dates knows of one language.
#[derive(Debug, Default)]
pub(crate) struct Lexicon {
    pub day_month: bool,
    pub month_day: bool,
    pub month_first_numeric: bool,
    pub months: Map<String, Name>,
    pub weekdays: Map<String, Name>,
    pub ordinals: Vec<String>,
    pub day_links: Vec<Vec<String>>,
    /// Cue word → (-1 last / +1 next, written before the name).
    pub cues: Map<String, (i32, bool)>,
    pub parts: Set<String>,
    pub part_prefixes: Vec<String>,
    pub links: Vec<Vec<String>>,
    pub ranges: Set<String>,
    pub articles: Set<String>,
    /// Relative phrases by their first word, longest first.
    pub relatives: Map<String, Vec<Relative>>,
    pub numbers: Map<String, i32>,
    pub units: Map<String, Unit>,
    pub offsets_before: Vec<Offset>,
    pub offsets_after: Vec<Offset>,
    pub future: Set<String>,
    pub future_suffixes: Vec<String>,
    pub not_future: Set<String>,
    pub past: Set<String>,
    pub past_suffixes: Vec<String>,
    pub year_preps: Set<String>,
    pub count_nouns: Set<String>,
    pub not_nouns: Set<String>,
    pub not_year_after: Set<String>,
    /// Every word that may open a date expression (lowercase), with the
    /// [`Opens`] bits of the rules it may open.
    pub openers: Map<String, u8>,
    /// The [`Sieve`] of `openers`, tried before the map.
    pub opener_sieve: Sieve,
}

/// Bits saying which rules a word may open, so that the scanner tries
/// only those at a word and looks the word up once, not once a rule.
pub(crate) struct Opens;

impl Opens {
    /// The first word of a fixed relative phrase.
    pub const RELATIVE: u8 = 1;
    /// A number word.
    pub const NUMBER: u8 = 2;
    /// The first word of an offset cue written before its count.
    pub const OFFSET_BEFORE: u8 = 4;
    /// A part word, or a word that starts with a part prefix.
    pub const PART: u8 = 8;
    /// A cue written before a month or weekday.
    pub const CUE_BEFORE: u8 = 16;
    /// A weekday name.
    pub const WEEKDAY: u8 = 32;
    /// A month name.
    pub const MONTH: u8 = 64;
}

/// Splits a phrase of the data into lowercase tokens, as the tokeniser of
/// `lang` would split the same words in a text.
fn phrase(lang: &str, text: &str) -> Vec<String> {
    // An elided word (`d'`) only sticks to its apostrophe before a word:
    // tokenise it before a placeholder word, then drop the placeholder.
    let elided = text.ends_with('\'');
    let padded = if elided {
        format!("{text}x")
    } else {
        text.to_string()
    };
    let doc = Doc::new(&padded, Some(lang));
    let mut words: Vec<String> = (0..doc.tokens.len())
        .map(|i| doc.token_text(i).to_lowercase())
        .collect();
    if elided {
        words.pop();
    }
    words
}

fn guard(flags: &[&str]) -> Guard {
    let mut g = Guard::default();
    for flag in flags.iter().flat_map(|f| f.split(',')) {
        let flag = flag.trim();
        if flag == "not-before-word" {
            g.not_before_word = true;
        } else if let Some(words) = flag.strip_prefix("not-before:") {
            g.not_before
                .extend(words.split('|').map(|w| w.trim().to_lowercase()));
        }
    }
    g
}

fn name(row: &[&str]) -> Option<(String, Name)> {
    let n: u32 = row.get(2)?.parse().ok()?;
    let flags = row.get(3).copied().unwrap_or("");
    let has = |f: &str| flags.split(',').any(|x| x.trim() == f);
    Some((
        row[1].to_lowercase(),
        Name {
            n,
            strict: has("strict"),
            cap: has("cap"),
            lower: has("lower"),
        },
    ))
}

fn sign(s: &str) -> i32 {
    s.trim_start_matches('+').parse().unwrap_or(0)
}

impl Lexicon {
    /// Reads the tables of `lang` from every `data/<lang>/dates*.tsv`.
    pub fn load(lang: &str) -> Lexicon {
        let mut lex = Lexicon::default();
        let files: Vec<&str> = depeche_lexicon::FILES
            .iter()
            .map(|(p, _)| *p)
            .filter(|p| {
                p.strip_prefix(lang)
                    .and_then(|r| r.strip_prefix("/dates"))
                    .is_some_and(|r| r.ends_with(".tsv") && !r.contains('/'))
            })
            .collect();
        for path in files {
            for row in depeche_lexicon::rows(path) {
                lex.add(lang, &row);
            }
        }
        for list in lex.relatives.values_mut() {
            list.sort_by_key(|r| std::cmp::Reverse(r.words.len()));
        }
        lex.links.sort_by_key(|l| std::cmp::Reverse(l.len()));
        lex.offsets_before
            .sort_by_key(|o| std::cmp::Reverse(o.words.len()));
        lex.offsets_after
            .sort_by_key(|o| std::cmp::Reverse(o.words.len()));
        let mut openers: Map<String, u8> = Map::default();
        let mut add = |words: Vec<String>, bit: u8| {
            for w in words {
                *openers.entry(w).or_default() |= bit;
            }
        };
        add(lex.months.keys().cloned().collect(), Opens::MONTH);
        add(lex.weekdays.keys().cloned().collect(), Opens::WEEKDAY);
        add(lex.parts.iter().cloned().collect(), Opens::PART);
        add(lex.relatives.keys().cloned().collect(), Opens::RELATIVE);
        add(lex.numbers.keys().cloned().collect(), Opens::NUMBER);
        add(
            lex.cues
                .iter()
                .filter(|(_, (_, before))| *before)
                .map(|(w, _)| w.clone())
                .collect(),
            Opens::CUE_BEFORE,
        );
        add(
            lex.offsets_before
                .iter()
                .filter_map(|o| o.words.first().cloned())
                .collect(),
            Opens::OFFSET_BEFORE,
        );
        for w in openers.keys() {
            lex.opener_sieve.insert(w);
        }
        lex.openers = openers;
        lex
    }

    fn add(&mut self, lang: &str, row: &[&str]) {
        let Some(&word) = row.get(1) else { return };
        let lower = word.to_lowercase();
        match row[0] {
            "order" => match word {
                "day-month" => self.day_month = true,
                "month-day" => self.month_day = true,
                _ => {}
            },
            "numeric" => self.month_first_numeric = word == "mdy",
            "month" => {
                if let Some((w, n)) = name(row) {
                    self.months.insert(w, n);
                }
            }
            "weekday" => {
                if let Some((w, n)) = name(row) {
                    self.weekdays.insert(w, n);
                }
            }
            "ordinal" => self.ordinals.push(lower),
            "day-link" => self.day_links.push(phrase(lang, word)),
            "cue" => {
                let before = row.get(3).copied() == Some("before");
                self.cues
                    .insert(lower, (sign(row.get(2).copied().unwrap_or("0")), before));
            }
            "part" => {
                self.parts.insert(lower);
            }
            "part-prefix" => self.part_prefixes.push(lower),
            "link" => self.links.push(phrase(lang, word)),
            "range" => {
                self.ranges.insert(lower);
            }
            "article" => {
                self.articles.insert(lower);
            }
            "relative" => self.add_relative(lang, row),
            "number" => {
                if let Some(n) = row.get(2).and_then(|n| n.parse().ok()) {
                    self.numbers.insert(lower, n);
                }
            }
            "unit" => {
                if let Some(u) = row.get(2).and_then(|u| Unit::parse(u)) {
                    self.units.insert(lower, u);
                }
            }
            "offset-before" | "offset-after" => self.add_offset(lang, row),
            "future" => {
                self.future.insert(lower);
            }
            "future-suffix" => self.future_suffixes.push(lower),
            "not-future" => {
                self.not_future.insert(lower);
            }
            "past" => {
                self.past.insert(lower);
            }
            "past-suffix" => self.past_suffixes.push(lower),
            "year-prep" => {
                self.year_preps.insert(lower);
            }
            "count-noun" => {
                self.count_nouns.insert(lower);
            }
            "not-noun" => {
                self.not_nouns.insert(lower);
            }
            "not-year-after" => {
                self.not_year_after.insert(lower);
            }
            _ => {}
        }
    }

    /// A relative expression: `relative, words, unit, offset, anchor, flags...`.
    fn add_relative(&mut self, lang: &str, row: &[&str]) {
        let (Some(unit), Some(offset)) = (
            row.get(2).and_then(|u| Unit::parse(u)),
            row.get(3).map(|o| sign(o)),
        ) else {
            return;
        };
        let flags = row.get(5..).unwrap_or(&[]);
        let words = phrase(lang, row[1]);
        let Some(first) = words.first().cloned() else {
            return;
        };
        self.relatives.entry(first).or_default().push(Relative {
            words,
            unit,
            offset,
            anchor: Anchor::parse(row.get(4).copied().unwrap_or("")),
            part_only: flags.iter().any(|f| f.split(',').any(|x| x == "part-only")),
            guard: guard(flags),
        });
    }

    /// Words before or after a count of units (`il y a`, `ago`).
    fn add_offset(&mut self, lang: &str, row: &[&str]) {
        let offset = Offset {
            words: phrase(lang, row[1]),
            sign: sign(row.get(2).copied().unwrap_or("0")).signum(),
            anchor: Anchor::parse(row.get(3).copied().unwrap_or("")),
            guard: guard(row.get(4..).unwrap_or(&[])),
        };
        if offset.words.is_empty() {
            return;
        }
        if row[0] == "offset-before" {
            self.offsets_before.push(offset);
        } else {
            self.offsets_after.push(offset);
        }
    }

    /// The lexicon of `lang`, built once per process; an unknown language
    /// has an empty one (numeric dates and years are still found).
    pub fn get(lang: &str) -> &'static Lexicon {
        static ALL: depeche_lexicon::PerLanguage<Lexicon> = depeche_lexicon::PerLanguage::new();
        ALL.get(lang, Lexicon::load)
    }

    /// Every language's month names, for reading publication dates.
    pub fn all_months() -> &'static Map<String, u32> {
        static MONTHS: OnceLock<Map<String, u32>> = OnceLock::new();
        MONTHS.get_or_init(|| {
            let mut all = Map::default();
            for lang in depeche_lexicon::languages() {
                for (w, n) in &Lexicon::get(lang).months {
                    all.insert(w.clone(), n.n);
                }
            }
            all
        })
    }

    /// The [`Opens`] bits of the lowercase `word`: those of the `openers`,
    /// and [`Opens::PART`] for a word that starts with a part prefix
    /// (`mi-mars`); 0 when it opens nothing.
    pub fn opens(&self, word: &str) -> u8 {
        let listed = if self.opener_sieve.may_hold(word) {
            self.openers.get(word).copied().unwrap_or(0)
        } else {
            0
        };
        if self.part_prefix(word).is_some() {
            listed | Opens::PART
        } else {
            listed
        }
    }

    /// The part prefix `word` starts with and goes on after (`mi-` of
    /// `mi-mars`); the first bytes are compared before the prefixes.
    pub fn part_prefix(&self, word: &str) -> Option<&str> {
        let first = word.as_bytes().first();
        self.part_prefixes
            .iter()
            .find(|p| {
                word.len() > p.len()
                    && p.as_bytes().first().is_none_or(|b| Some(b) == first)
                    && word.starts_with(p.as_str())
            })
            .map(String::as_str)
    }

    /// Whether the lowercase `word` puts a nearby date in the future.
    pub fn is_future(&self, word: &str) -> bool {
        if self.not_future.contains(word) {
            return false;
        }
        self.future.contains(word)
            || self
                .future_suffixes
                .iter()
                .any(|s| word.len() > s.len() + 1 && word.ends_with(s.as_str()))
    }

    /// Whether the lowercase `word` puts a nearby date in the past.
    pub fn is_past(&self, word: &str) -> bool {
        self.past.contains(word)
            || self
                .past_suffixes
                .iter()
                .any(|s| word.len() > s.len() + 2 && word.ends_with(s.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sieve_lets_every_opener_through() {
        for lang in ["fr", "en"] {
            let lex = Lexicon::get(lang);
            assert!(!lex.openers.is_empty(), "{lang}");
            for (word, &bits) in &lex.openers {
                assert!(lex.opener_sieve.may_hold(word), "{word}");
                assert_eq!(lex.opens(word) & bits, bits, "{word}");
            }
        }
        assert_eq!(Lexicon::get("fr").opens("gouvernement"), 0);
        assert_ne!(Lexicon::get("fr").opens("mi-mars") & Opens::PART, 0);
    }
}
