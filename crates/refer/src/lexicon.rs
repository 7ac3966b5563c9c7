//! The words of one language that refer: read once from
//! `data/<lang>/references.tsv`, `titles.tsv`, `demonyms.tsv` and the
//! `link` rows of `quotes.tsv`.

use depeche_lexicon::sieve::Sieve;
use rustc_hash::FxHashMap as HashMap;

use depeche_text::{token_strings, Language};

/// Grammatical number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Number {
    Sg,
    Pl,
    Any,
}

impl Number {
    fn read(s: &str) -> Number {
        match s {
            "sg" => Number::Sg,
            "pl" => Number::Pl,
            _ => Number::Any,
        }
    }

    /// Whether two numbers may agree.
    pub(crate) fn agrees(self, other: Number) -> bool {
        self == Number::Any || other == Number::Any || self == other
    }
}

/// Grammatical gender (`Any` when unknown or neutral).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Gender {
    M,
    F,
    Any,
}

impl Gender {
    fn read(s: &str) -> Gender {
        match s {
            "m" => Gender::M,
            "f" => Gender::F,
            _ => Gender::Any,
        }
    }

    /// Whether two genders may agree.
    pub(crate) fn agrees(self, other: Gender) -> bool {
        self == Gender::Any || other == Gender::Any || self == other
    }
}

/// What a referent is, for agreement with pronouns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Class {
    /// A person.
    Person,
    /// An organisation, a state or a collective.
    Group,
}

/// How a group noun falls back when no organisation bears its word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Fallback {
    /// The nearest organisation.
    Org,
    /// The nearest organisation, else the article's country.
    State,
    /// The nearest place.
    Place,
}

/// What a noun phrase of the tables is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NounKind {
    /// A title from `titles.tsv` (not an honorific).
    Title,
    /// A group noun.
    Collective(Fallback),
    /// A description of a person.
    Person,
    /// A text or channel that speaks.
    Document,
}

/// A noun phrase of the tables.
#[derive(Clone, Debug)]
pub(crate) struct Noun {
    /// The phrase's words, lower case.
    pub words: Vec<String>,
    pub kind: NounKind,
    pub number: Number,
    pub gender: Gender,
}

/// A pronoun or possessive.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Pronoun {
    pub number: Number,
    pub gender: Gender,
    /// The classes of antecedent it may take.
    pub person: bool,
    pub group: bool,
    /// A possessive determiner rather than a subject.
    pub possessive: bool,
}

/// The kind of a determiner.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Det {
    Definite,
    Indefinite,
    Demonstrative,
    Possessive,
}

/// A determiner with its agreement.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Determiner {
    pub kind: Det,
    pub number: Number,
    pub gender: Gender,
}

/// The referring words of one language.
#[derive(Debug, Default)]
pub(crate) struct Lexicon {
    pub pronouns: HashMap<String, Pronoun>,
    pub determiners: HashMap<String, Determiner>,
    /// Noun phrases by first word, longest first.
    pub nouns: HashMap<String, Vec<Noun>>,
    /// Demonym → country key.
    pub demonyms: HashMap<String, String>,
    /// Prepositions that make the next name a complement.
    pub links: HashMap<String, ()>,
    /// Prefixes a noun may carry ("ex-").
    pub prefixes: Vec<String>,
    /// Lets through every pronoun and every noun phrase's first word, and
    /// turns most other words away before they are hashed.
    pub opens: Sieve,
}

impl Lexicon {
    /// The lexicon of language `code`, built once per process.
    pub(crate) fn get(code: &str) -> &'static Lexicon {
        static ALL: depeche_lexicon::PerLanguage<Lexicon> = depeche_lexicon::PerLanguage::new();
        ALL.get(code, Lexicon::load)
    }

    /// Reads the tables of language `code`; missing files give no words.
    pub(crate) fn load(code: &str) -> Lexicon {
        let mut lex = Lexicon::default();
        for row in depeche_lexicon::lang_rows(code, "references.tsv") {
            lex.add_row(code, &row);
        }
        for row in depeche_lexicon::lang_rows(code, "titles.tsv") {
            if let (Some(phrase), Some(kind)) = (row.first(), row.get(1)) {
                if *kind != "honorific" {
                    lex.add_noun(code, phrase, NounKind::Title, Number::Sg, Gender::Any);
                }
            }
        }
        for row in depeche_lexicon::lang_rows(code, "demonyms.tsv") {
            if let (Some(word), Some(key)) = (row.first(), row.get(1)) {
                lex.demonyms.insert(word.to_lowercase(), key.to_string());
            }
        }
        // A name after a preposition, or after a one-word source cue
        // ("selon X"), is a complement, not the sentence's subject.
        for row in depeche_lexicon::lang_rows(code, "quotes.tsv") {
            if let (Some(&("link" | "source")), Some(word)) = (row.first(), row.get(1)) {
                if !word.contains(' ') {
                    lex.links.insert(word.to_lowercase(), ());
                }
            }
        }
        for list in lex.nouns.values_mut() {
            list.sort_by_key(|n| std::cmp::Reverse(n.words.len()));
        }
        for word in lex.pronouns.keys().chain(lex.nouns.keys()) {
            lex.opens.insert(word);
        }
        lex
    }

    fn add_row(&mut self, code: &str, row: &[&str]) {
        let (Some(&kind), Some(&word)) = (row.first(), row.get(1)) else {
            return;
        };
        let opt = |i: usize| row.get(i).copied().unwrap_or("");
        match kind {
            "pronoun" | "possessive" => {
                let classes = opt(4);
                self.pronouns.insert(
                    word.to_lowercase(),
                    Pronoun {
                        number: Number::read(opt(2)),
                        gender: Gender::read(opt(3)),
                        person: classes.contains("PER"),
                        group: classes.contains("GROUP"),
                        possessive: kind == "possessive",
                    },
                );
            }
            "collective" => {
                let fallback = match opt(4) {
                    "STATE" => Fallback::State,
                    "PLACE" => Fallback::Place,
                    _ => Fallback::Org,
                };
                let (n, g) = (Number::read(opt(2)), Gender::read(opt(3)));
                self.add_noun(code, word, NounKind::Collective(fallback), n, g);
            }
            "person" => {
                let (n, g) = (Number::read(opt(2)), Gender::read(opt(3)));
                self.add_noun(code, word, NounKind::Person, n, g);
            }
            "prefix" => self.prefixes.push(word.to_lowercase()),
            "document" => self.add_noun(code, word, NounKind::Document, Number::Sg, Gender::Any),
            "determiner" => {
                let kind = match opt(2) {
                    "definite" => Det::Definite,
                    "demonstrative" => Det::Demonstrative,
                    "possessive" => Det::Possessive,
                    _ => Det::Indefinite,
                };
                self.determiners.insert(
                    word.to_lowercase(),
                    Determiner {
                        kind,
                        number: Number::read(opt(3)),
                        gender: Gender::read(opt(4)),
                    },
                );
            }
            _ => {}
        }
    }

    /// Adds a noun phrase, tokenised as texts of the language are; a
    /// phrase already listed keeps its first kind.
    fn add_noun(
        &mut self,
        code: &str,
        phrase: &str,
        kind: NounKind,
        number: Number,
        gender: Gender,
    ) {
        let words: Vec<String> = token_strings(phrase, Language::get(code))
            .iter()
            .map(|word| word.to_lowercase())
            .collect();
        let Some(first) = words.first().cloned() else {
            return;
        };
        let list = self.nouns.entry(first).or_default();
        if list.iter().any(|n| n.words == words) {
            return;
        }
        list.push(Noun {
            words,
            kind,
            number,
            gender,
        });
    }
}
