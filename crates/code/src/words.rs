//! The tokens of a document as the coder reads them. Each distinct
//! lowercase word is looked up in the tables once and kept once; a token
//! is an index into those words. A long text repeats its words, so it
//! costs four bytes a token rather than a whole [`Word`] each, and the
//! tables are asked once a word rather than once a token.

use std::ops::Index;

use depeche_text::{Doc, TokenKind};

use crate::lexicon::{Grammar, Lexicon, Trigger, Word};

/// Every token of a document as a [`Word`], by token index.
pub(crate) struct Words<'a> {
    /// Each distinct word once, and a word of its own for each token a
    /// phrase gave another trigger.
    distinct: Vec<Word<'a>>,
    /// Token → its word in `distinct`.
    of_token: Vec<u32>,
}

impl<'a> Words<'a> {
    /// Reads every token of `doc`, each phrase of the tables made one
    /// trigger on its first word, or none.
    pub fn read(doc: &'a Doc, lex: &'a Lexicon) -> Self {
        let lower = doc.lower_tokens();
        let ids = doc.word_ids();
        // A lowercase text is one word of the tables as a word token and
        // another as any other token: its place in `distinct` for each,
        // by the document's number of the text.
        let mut seen = vec![[u32::MAX; 2]; ids.len()];
        // Room for the words of the tokens a phrase gives a trigger of
        // their own, which few texts have many of: a vector grown by one
        // would be copied whole.
        let mut distinct = Vec::with_capacity(ids.len() + ids.len() / 8);
        let of_token = doc
            .tokens
            .iter()
            .enumerate()
            .map(|(t, token)| {
                let word = token.kind == TokenKind::Word;
                let slot = &mut seen[ids.of(t)][usize::from(word)];
                if *slot == u32::MAX {
                    distinct.push(lex.word(lower.get(t).unwrap_or(""), word));
                    *slot = u32::try_from(distinct.len() - 1).expect("fewer than 2^32 words");
                }
                *slot
            })
            .collect();
        let mut words = Words { distinct, of_token };
        words.read_phrases(lex);
        words.read_fixed_phrases(lex);
        words
    }

    /// A complementiser right after a word that makes the two a fixed
    /// phrase ("en tant que président", "X ainsi que Y") opens no clause:
    /// the name after it is no subject of a clause of its own. A word
    /// that ends a clause only before a complementiser ("alors que")
    /// does so there.
    fn read_fixed_phrases(&mut self, lex: &'a Lexicon) {
        for t in 1..self.len() {
            if self[t].grammar != Some(Grammar::Complementiser) {
                continue;
            }
            if lex.breaks_before().contains(&self[t - 1].text) {
                self.set_grammar(t - 1, Some(Grammar::Break));
            }
            let fixed = |words: &[&str]| {
                t >= words.len()
                    && words
                        .iter()
                        .enumerate()
                        .all(|(i, w)| self[t - words.len() + i].text == *w)
            };
            if lex.fixed_phrases().iter().any(|p| fixed(p)) {
                self.set_grammar(t, None);
            }
        }
    }

    /// Gives the token at `t` a clause role of its own, leaving the other
    /// tokens of its text as they are.
    fn set_grammar(&mut self, t: usize, grammar: Option<Grammar>) {
        let word = Word { grammar, ..self[t] };
        self.set_word(t, word);
    }

    /// A phrase of the tables ("stepped down", "arrivé au pouvoir") is
    /// one trigger, on its first word, or none.
    fn read_phrases(&mut self, lex: &'a Lexicon) {
        let mut t = 0;
        while t < self.len() {
            let found = if self[t].phrase {
                lex.phrase((t..self.len()).map(|k| self[k].text))
            } else {
                None
            };
            match found {
                Some((len, trigger)) => {
                    self.set_trigger(t, trigger);
                    for k in t + 1..t + len {
                        if self[k].trigger.is_some() {
                            self.set_trigger(k, None);
                        }
                    }
                    t += len;
                }
                None => t += 1,
            }
        }
    }

    /// Gives token `t` alone another trigger: the other tokens of its
    /// word keep theirs.
    fn set_trigger(&mut self, t: usize, trigger: Option<&'a Trigger>) {
        let word = Word { trigger, ..self[t] };
        self.set_word(t, word);
    }

    /// Makes `word` token `t`'s own: a word of its own in `distinct`, so
    /// that the other tokens of its text keep the one they share.
    fn set_word(&mut self, t: usize, word: Word<'a>) {
        self.distinct.push(word);
        self.of_token[t] = u32::try_from(self.distinct.len() - 1).expect("fewer than 2^32 words");
    }

    /// How many tokens there are.
    pub fn len(&self) -> usize {
        self.of_token.len()
    }

    /// The word of token `t`, if there is one.
    pub fn get(&self, t: usize) -> Option<&Word<'a>> {
        let &i = self.of_token.get(t)?;
        self.distinct.get(i as usize)
    }

    /// The words of every token, in order.
    pub fn iter(&self) -> impl Iterator<Item = &Word<'a>> + '_ {
        self.of_token.iter().map(|&i| &self.distinct[i as usize])
    }
}

impl<'a> Index<usize> for Words<'a> {
    type Output = Word<'a>;

    #[inline]
    fn index(&self, t: usize) -> &Word<'a> {
        &self.distinct[self.of_token[t] as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_of_one_word_share_it_and_a_phrase_gets_its_own() {
        let doc = Doc::new(
            "He stepped down. She stepped in, then stepped down again.",
            Some("en"),
        );
        let lex = Lexicon::get("en");
        let words = Words::read(&doc, lex);
        assert_eq!(words.len(), doc.tokens.len());
        let mut plain = String::new();
        for (t, word) in words.iter().enumerate() {
            assert_eq!(word.text, doc.token_lower(t, &mut plain));
            assert!(std::ptr::eq(word, &words[t]));
        }
        let at = |k: usize| doc.text.view().match_indices("stepped").nth(k).unwrap().0;
        let token = |k: usize| {
            doc.token_range(depeche_text::Span::new(at(k), at(k) + 1))
                .start
        };
        let (phrase, alone, again) = (token(0), token(1), token(2));
        assert!(words[phrase].trigger.is_some_and(|t| t.ty == "RETREAT"));
        assert!(words[again].trigger.is_some_and(|t| t.ty == "RETREAT"));
        assert!(words[phrase + 1].trigger.is_none());
        assert_eq!(
            words[alone].trigger.map(|t| t.ty),
            lex.word("stepped", true).trigger.map(|t| t.ty)
        );
        // "she" and "he" are words of their own; the two "." are one word.
        let dots: Vec<usize> = (0..words.len()).filter(|&t| words[t].text == ".").collect();
        assert!(dots.len() == 2 && std::ptr::eq(&words[dots[0]], &words[dots[1]]));
    }
}
