//! The coder's per-language tables: triggers, modality words, the words
//! that show how a clause is built, prepositions and demonyms.

use std::collections::HashMap;

use depeche_lexicon::{lang_rows, PerLanguage};

/// A word that reports an event of a PLOVER type.
pub(crate) struct Trigger {
    /// PLOVER type.
    pub ty: &'static str,
    /// PLOVER mode, when the word says it.
    pub mode: Option<&'static str>,
    /// Whether the word is only a noun ("guerre"), which after a bare
    /// "de" names a kind of thing ("chef de guerre").
    pub noun: bool,
    /// Whether the word's subject is the host of a visit, who is its
    /// target ("X a reçu Y": Y visits X).
    pub host: bool,
    /// Whether the word, with a person right after it, is a phone call
    /// ("a appelé M. X"), else a request ("a appelé à la grève").
    pub call: bool,
}

/// What a word does in a clause, from `event-grammar.tsv`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Grammar {
    /// A place after it is where, not whom.
    Locative,
    /// A place after it is where; a person or body after it, or any name
    /// after a trigger other than a visit, is whom ("livré à l'Ukraine").
    Dative,
    /// The name after it acts on a passive trigger.
    Agent,
    /// Makes the next trigger passive.
    Passive,
    /// Opens a relative clause.
    Relative,
    /// Opens a reported clause.
    Complementiser,
    /// A subject pronoun.
    Pronoun,
    /// A plural possessive standing for both sides of the last event.
    Possessive,
    /// The name after it reports, it does not act.
    SourceCue,
    /// Names both sides after a nominal trigger.
    Between,
    /// The name after it is whom the event is done to or with ("avec X").
    Target,
    /// Joins names in a list.
    And,
    /// Ends a clause.
    Break,
    /// A bare "de"/"of" before a noun: "chef de guerre".
    Of,
}

/// Everything the coder knows about one language.
pub(crate) struct Lexicon {
    exact: HashMap<&'static str, Trigger>,
    /// Word starts, by their first character, longest first.
    prefixes: HashMap<char, Vec<(&'static str, Trigger)>>,
    modality: HashMap<&'static str, &'static str>,
    grammar: HashMap<&'static str, Grammar>,
    prepositions: Vec<&'static str>,
    demonyms: HashMap<String, &'static str>,
    titles: std::collections::HashSet<String>,
}

impl Lexicon {
    /// The tables of `lang`, loaded on first use.
    pub fn get(lang: &str) -> &'static Lexicon {
        static ALL: PerLanguage<Lexicon> = PerLanguage::new();
        ALL.get(lang, Lexicon::load)
    }

    fn load(lang: &'static str) -> Lexicon {
        let mut exact = HashMap::new();
        let mut prefixes: HashMap<char, Vec<(&'static str, Trigger)>> = HashMap::new();
        for r in lang_rows(lang, "events.tsv").filter(|r| r.len() >= 2) {
            let trigger = Trigger {
                ty: r[1],
                mode: r.get(2).copied().filter(|m| !m.is_empty()),
                noun: r.get(3) == Some(&"noun"),
                host: r.get(3) == Some(&"host"),
                call: r.get(3) == Some(&"call"),
            };
            match r[0].strip_suffix('*') {
                Some(prefix) => {
                    if let Some(c) = prefix.chars().next() {
                        prefixes.entry(c).or_default().push((prefix, trigger));
                    }
                }
                None => {
                    exact.insert(r[0], trigger);
                }
            }
        }
        // Longest prefixes first, so "retiré" beats "retir".
        for list in prefixes.values_mut() {
            list.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
        }
        let grammar = lang_rows(lang, "event-grammar.tsv")
            .filter(|r| r.len() >= 2)
            .filter_map(|r| {
                let role = match r[1] {
                    "locative" => Grammar::Locative,
                    "dative" => Grammar::Dative,
                    "agent" => Grammar::Agent,
                    "passive" => Grammar::Passive,
                    "relative" => Grammar::Relative,
                    "complementiser" => Grammar::Complementiser,
                    "pronoun" => Grammar::Pronoun,
                    "possessive" => Grammar::Possessive,
                    "source-cue" => Grammar::SourceCue,
                    "between" => Grammar::Between,
                    "target" => Grammar::Target,
                    "and" => Grammar::And,
                    "break" => Grammar::Break,
                    "of" => Grammar::Of,
                    _ => return None,
                };
                Some((r[0], role))
            })
            .collect();
        Lexicon {
            exact,
            prefixes,
            modality: lang_rows(lang, "modality.tsv")
                .filter(|r| r.len() >= 2)
                .map(|r| (r[0], r[1]))
                .collect(),
            grammar,
            prepositions: lang_rows(lang, "prepositions.txt").map(|r| r[0]).collect(),
            titles: lang_rows(lang, "titles.tsv")
                .filter(|r| !r[0].contains(' '))
                .map(|r| r[0].to_lowercase())
                .collect(),
            demonyms: lang_rows(lang, "demonyms.tsv")
                .filter(|r| r.len() >= 2)
                .map(|r| (r[0].to_lowercase(), r[1]))
                .collect(),
        }
    }

    /// The trigger a lowercased word is, if any.
    pub fn trigger(&self, word: &str) -> Option<&Trigger> {
        self.exact.get(word).or_else(|| {
            self.prefixes
                .get(&word.chars().next()?)?
                .iter()
                .find(|(p, _)| word.starts_with(p))
                .map(|(_, t)| t)
        })
    }

    /// The modality a lowercased word gives the trigger after it.
    pub fn modality(&self, word: &str) -> Option<&'static str> {
        self.modality.get(word).copied()
    }

    /// What a lowercased word (elision mark dropped) does in a clause.
    pub fn grammar(&self, word: &str) -> Option<Grammar> {
        let word = word.trim_end_matches(['\'', '’']);
        self.grammar.get(word).copied()
    }

    /// Whether a lowercased word is a preposition.
    pub fn is_preposition(&self, word: &str) -> bool {
        self.prepositions.contains(&word)
    }

    /// Whether a lowercased word is a one-word title ("maréchal", "president").
    pub fn is_title(&self, word: &str) -> bool {
        self.titles.contains(word)
    }

    /// The country key of a demonym ("russe", "Russian"), any case.
    pub fn demonym(&self, word: &str) -> Option<&'static str> {
        self.demonyms.get(word).copied()
    }
}
