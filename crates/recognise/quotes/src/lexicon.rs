//! The cue words of one language, read once from `data/<lang>/quotes*.tsv`.
//!
//! Every word the data knows gets a number; a document's tokens are looked
//! up once each (lower-cased) and every later test is on numbers: flags for
//! single words (role nouns, documents, pronouns, links, determiners) and a
//! trie over word numbers for the phrases (verbs, sources, relays).

use depeche_lexicon::sieve::Sieve;
use rustc_hash::FxHashMap as HashMap;

use depeche_text::{Doc, EntityType, TokenKind};

/// No word of the lexicon.
pub(crate) const NONE: u32 = u32::MAX;

/// The word is a preposition that makes the next name a complement.
pub(crate) const LINK: u8 = 1;
/// The word is a determiner or possessive, skipped before names.
pub(crate) const DET: u8 = 2;
/// The word names a document that can speak ("communiqué").
pub(crate) const DOC: u8 = 4;
/// The word opens a relative clause ("qui", "who").
pub(crate) const CLAUSE: u8 = 8;
/// The pronoun is an object form, a subject only after a preposition ("lui").
pub(crate) const OBJECT: u8 = 16;

/// What a matched phrase does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Cue {
    /// A reporting verb; `continues`: the previous speaker goes on when no
    /// subject is named; `after_only`: valid only after the quote.
    Verb { continues: bool, after_only: bool },
    /// A preposition naming the speaker after it ("selon").
    Source,
    /// The previous quote's speaker ("la même source").
    Same,
    /// A channel named after and/or before the cue; `verb`: only right
    /// after a reporting verb ("a déclaré X à TASS"), the outlet close by.
    Relay {
        after: bool,
        before: bool,
        verb: bool,
    },
}

impl Cue {
    /// Whether the cue attributes a speaker (every kind but relays).
    pub(crate) fn is_speaker(self) -> bool {
        !matches!(self, Cue::Relay { .. })
    }
}

/// A role noun standing for whoever holds the role.
#[derive(Debug)]
pub(crate) struct RoleNoun {
    /// The noun, lower case.
    pub word: String,
    /// Role kinds (of `Entity::roles`) that match.
    pub kinds: Vec<String>,
    /// Whether the last organisation named may stand for it.
    pub fallback_org: bool,
}

/// What the lexicon knows of one word.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct WordInfo {
    /// `LINK`, `DET`, `DOC`, `CLAUSE`, `OBJECT` bits.
    pub flags: u8,
    /// Index into `roles`, or `NONE`.
    pub role: u32,
    /// The pronoun's antecedent type, when the word is a pronoun.
    pub pronoun: Option<EntityType>,
}

/// The cue words of one language.
#[derive(Debug, Default)]
pub(crate) struct Lexicon {
    vocab: HashMap<String, u32>,
    words: Vec<WordInfo>,
    trie: HashMap<(u32, u32), u32>,
    /// The cues ending at each trie node (node 0 is the root).
    node_cues: Vec<Vec<Cue>>,
    /// Pronoun endings glued to inverted verbs, longest first.
    suffixes: Vec<(String, EntityType)>,
    /// The role nouns.
    pub roles: Vec<RoleNoun>,
    /// Lets through every word of `vocab` and turns most other tokens away
    /// before they are hashed.
    sieve: Sieve,
}

/// One token as the lexicon sees it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Word {
    /// The word's number, or `NONE`.
    pub id: u32,
    /// The number of the word without its pronoun ending ("dit" for
    /// "dit-il"), else `id`.
    pub base: u32,
    /// The pronoun the token is or ends with.
    pub pronoun: Option<EntityType>,
}

/// A token that is no word of the lexicon.
const NO_WORD: Word = Word {
    id: NONE,
    base: NONE,
    pronoun: None,
};

/// Every token of a document as the lexicon sees it, in four bytes a
/// token rather than a [`Word`]'s twelve (a long article has a token every
/// five bytes or so): the word's number when the token is plainly that
/// word or no word (`NONE`), as most are, else the lexicon's size plus the
/// index of its `Word` in `odd` (a pronoun glued to a verb, "dit-il").
pub(crate) struct Words<'a> {
    lex: &'a Lexicon,
    codes: Vec<u32>,
    odd: Vec<Word>,
}

impl Words<'_> {
    /// Token `t` as the lexicon sees it, if there is such a token.
    pub(crate) fn get(&self, t: usize) -> Option<Word> {
        let code = *self.codes.get(t)?;
        Some(match code.checked_sub(self.lex.words.len() as u32) {
            Some(k) if code != NONE => self.odd[k as usize],
            _ => Word {
                id: code,
                base: code,
                pronoun: self.lex.info(code).pronoun,
            },
        })
    }

    /// Token `t` as the lexicon sees it; `t` must be a token.
    pub(crate) fn at(&self, t: usize) -> Word {
        self.get(t).expect("a token of the document")
    }

    /// The number of tokens.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.codes.len()
    }
}

impl Lexicon {
    /// The lexicon of language `code`, built once per process; an unknown
    /// language has an empty lexicon.
    pub(crate) fn get(code: &str) -> &'static Lexicon {
        static ALL: depeche_lexicon::PerLanguage<Lexicon> = depeche_lexicon::PerLanguage::new();
        ALL.get(code, Lexicon::load)
    }

    /// Reads `data/<code>/quotes.tsv` and any `data/<code>/quotes-*.tsv`.
    pub(crate) fn load(code: &str) -> Lexicon {
        let mut lex = Lexicon {
            node_cues: vec![Vec::new()],
            ..Lexicon::default()
        };
        let prefix = format!("{code}/quotes");
        let files: Vec<&str> = depeche_lexicon::FILES
            .iter()
            .map(|(p, _)| *p)
            .filter(|p| {
                p.strip_prefix(prefix.as_str()).is_some_and(|rest| {
                    rest == ".tsv" || (rest.starts_with('-') && rest.ends_with(".tsv"))
                })
            })
            .collect();
        for path in files {
            for row in depeche_lexicon::rows(path) {
                lex.add_row(code, &row);
            }
        }
        lex.suffixes
            .sort_by_key(|(s, _)| std::cmp::Reverse(s.len()));
        for word in lex.vocab.keys() {
            lex.sieve.insert(word);
        }
        lex
    }

    fn add_row(&mut self, code: &str, row: &[&str]) {
        let (Some(&kind), Some(&phrase)) = (row.first(), row.get(1)) else {
            return;
        };
        let opt = |i: usize| row.get(i).copied().unwrap_or("");
        let ty = |s: &str| match s {
            "ORG" => EntityType::Org,
            _ => EntityType::Per,
        };
        match kind {
            "verb" | "source" | "same" | "relay" => {
                let cue = match kind {
                    "verb" => Cue::Verb {
                        continues: row[2..].contains(&"continue"),
                        after_only: row[2..].contains(&"after"),
                    },
                    "source" => Cue::Source,
                    "same" => Cue::Same,
                    _ => Cue::Relay {
                        after: opt(2) != "before",
                        before: matches!(opt(2), "before" | "both"),
                        verb: opt(3) == "verb",
                    },
                };
                self.add_phrase(code, phrase, cue);
            }
            "role" => {
                let id = self.intern(&phrase.to_lowercase());
                let kinds = opt(2)
                    .split(',')
                    .map(str::trim)
                    .filter(|k| !k.is_empty() && *k != "-")
                    .map(str::to_string)
                    .collect();
                self.words[id as usize].role = self.roles.len() as u32;
                self.roles.push(RoleNoun {
                    word: phrase.to_lowercase(),
                    kinds,
                    fallback_org: opt(3) == "ORG",
                });
            }
            "document" => self.flag(phrase, DOC),
            "link" => self.flag(phrase, LINK),
            "determiner" => self.flag(phrase, DET),
            "clause" => self.flag(phrase, CLAUSE),
            "pronoun" => {
                let id = self.intern(&phrase.to_lowercase());
                self.words[id as usize].pronoun = Some(ty(opt(2)));
                if opt(3) == "object" {
                    self.words[id as usize].flags |= OBJECT;
                }
            }
            "suffix" => self.suffixes.push((phrase.to_lowercase(), ty(opt(2)))),
            _ => {}
        }
    }

    fn flag(&mut self, word: &str, flag: u8) {
        let id = self.intern(&word.to_lowercase());
        self.words[id as usize].flags |= flag;
    }

    fn intern(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.vocab.get(word) {
            return id;
        }
        let id = self.words.len() as u32;
        self.vocab.insert(word.to_string(), id);
        self.words.push(WordInfo {
            role: NONE,
            ..WordInfo::default()
        });
        id
    }

    /// Adds a phrase to the trie, tokenised as texts of the language are.
    fn add_phrase(&mut self, code: &str, phrase: &str, cue: Cue) {
        let doc = Doc::new(phrase, Some(code));
        let mut node = 0u32;
        for i in 0..doc.tokens.len() {
            let id = self.intern(&doc.token_text(i).to_lowercase());
            node = match self.trie.get(&(node, id)) {
                Some(&next) => next,
                None => {
                    let next = self.node_cues.len() as u32;
                    self.node_cues.push(Vec::new());
                    self.trie.insert((node, id), next);
                    next
                }
            };
        }
        if node != 0 && !self.node_cues[node as usize].contains(&cue) {
            self.node_cues[node as usize].push(cue);
        }
    }

    /// What the lexicon knows of word `id`.
    pub(crate) fn info(&self, id: u32) -> WordInfo {
        self.words.get(id as usize).copied().unwrap_or(WordInfo {
            role: NONE,
            ..WordInfo::default()
        })
    }

    /// Looks every token of `doc` up once, and each of its distinct
    /// words once: a word the article repeats is kept by the document's
    /// number of it.
    pub(crate) fn words(&self, doc: &Doc) -> Words<'_> {
        let mut words = Words {
            lex: self,
            codes: Vec::with_capacity(doc.tokens.len()),
            odd: Vec::new(),
        };
        let mut buf = String::new();
        let ids = doc.word_ids();
        let mut known: Vec<Option<Word>> = vec![None; ids.len()];
        for i in 0..doc.tokens.len() {
            let word = if matches!(doc.tokens[i].kind, TokenKind::Word | TokenKind::Acronym) {
                *known[ids.of(i)].get_or_insert_with(|| self.word(doc, i, &mut buf))
            } else {
                NO_WORD
            };
            let code = if word.base == word.id && word.pronoun == self.info(word.id).pronoun {
                word.id
            } else {
                words.odd.push(word);
                (self.words.len() + words.odd.len() - 1) as u32
            };
            words.codes.push(code);
        }
        words
    }

    /// Token `i` of `doc`, a word, looked up; `buf` holds its lowercase
    /// text when the document has no lowercase view.
    fn word(&self, doc: &Doc, i: usize, buf: &mut String) -> Word {
        if self.vocab.is_empty() {
            return NO_WORD;
        }
        let lower = doc.token_lower(i, buf);
        let id = if self.sieve.may_hold(lower) {
            self.vocab.get(lower).copied().unwrap_or(NONE)
        } else {
            NONE
        };
        let mut word = Word {
            id,
            base: id,
            pronoun: self.info(id).pronoun,
        };
        if word.pronoun.is_none() && lower.contains('-') {
            if let Some((suffix, ty)) = self
                .suffixes
                .iter()
                .find(|(s, _)| lower.len() > s.len() && lower.ends_with(s.as_str()))
            {
                word.pronoun = Some(*ty);
                word.base = self
                    .vocab
                    .get(&lower[..lower.len() - suffix.len()])
                    .copied()
                    .unwrap_or(NONE);
            }
        }
        word
    }

    /// Calls `found(cue, end)` for every phrase starting at token `start`
    /// (`end` exclusive); the first token may match by its base form.
    pub(crate) fn phrases_at(
        &self,
        words: &Words,
        start: usize,
        mut found: impl FnMut(Cue, usize),
    ) {
        let first = words.at(start);
        for (k, id0) in [first.id, first.base].into_iter().enumerate() {
            if id0 == NONE || (k == 1 && first.base == first.id) {
                continue;
            }
            let mut node = 0u32;
            let mut j = start;
            let mut id = id0;
            while let Some(&next) = self.trie.get(&(node, id)) {
                node = next;
                j += 1;
                for &cue in &self.node_cues[node as usize] {
                    found(cue, j);
                }
                match words.get(j) {
                    Some(w) if w.id != NONE => id = w.id,
                    _ => break,
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_have_cues() {
        for code in ["fr", "en"] {
            let lex = Lexicon::get(code);
            assert!(!lex.roles.is_empty(), "{code}");
            assert!(
                lex.node_cues.iter().filter(|c| !c.is_empty()).count() > 30,
                "{code}"
            );
        }
        assert!(Lexicon::get("xx").roles.is_empty());
    }

    #[test]
    fn elided_phrases_and_glued_pronouns_match() {
        let lex = Lexicon::get("fr");
        let doc = Doc::new("d'après lui, ajoute-t-il", Some("fr"));
        let words = lex.words(&doc);
        let mut cues = Vec::new();
        lex.phrases_at(&words, 0, |c, e| cues.push((c, e)));
        assert_eq!(cues, [(Cue::Source, 2)]);
        assert_eq!(words.at(2).pronoun, Some(EntityType::Per));
        let last = words.len() - 1;
        assert_eq!(words.at(last).pronoun, Some(EntityType::Per));
        let mut cues = Vec::new();
        lex.phrases_at(&words, last, |c, _| cues.push(c));
        assert!(matches!(
            cues[..],
            [Cue::Verb {
                continues: true,
                ..
            }]
        ));
    }
}
