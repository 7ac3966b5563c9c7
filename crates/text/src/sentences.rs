//! Sentence segmentation over tokens: splits at final punctuation followed
//! by a capital, never after an abbreviation or an initial, never inside a
//! quotation, and always at a line break (headlines have no full stop).

use std::ops::Range;

use crate::normalise::Span;
use crate::tokens::{Token, TokenKind};
use crate::Language;

/// One sentence: its span in the view and the range of its tokens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// From the first token's start to the last token's end.
    pub span: Span,
    /// Indices into the document's tokens.
    pub tokens: Range<usize>,
}

fn is_final(text: &str) -> bool {
    text.contains(['.', '!', '?', '…'])
}

fn opens_sentence(text: &str) -> bool {
    text.chars().next().is_some_and(|c| {
        c.is_uppercase()
            || c.is_ascii_digit()
            || matches!(c, '«' | '"' | '(' | '—' | '-' | '–' | '[')
    })
}

/// Splits the tokens of `view` into sentences.
pub fn segment(view: &str, tokens: &[Token], lang: &Language) -> Vec<Sentence> {
    let text = |i: usize| &view[tokens[i].span().start..tokens[i].span().end];
    let mut sentences = Vec::new();
    let mut start = 0;
    let mut depth: usize = 0;
    let mut ascii_open = false;
    let mut i = 0;
    while i < tokens.len() {
        if i > start && tokens[i].newline_before {
            push(&mut sentences, tokens, start, i);
            start = i;
            depth = 0;
            ascii_open = false;
        }
        // Only punctuation ends a sentence or opens and closes a quotation:
        // words, numbers and acronyms are passed over without their text.
        if tokens[i].kind != TokenKind::Punct {
            i += 1;
            continue;
        }
        let t = text(i);
        match t {
            "«" => depth += 1,
            "»" => depth = depth.saturating_sub(1),
            "\"" => ascii_open = !ascii_open,
            _ => {}
        }
        let closes_quote = matches!(t, "»" | "\"") && depth == 0 && !ascii_open;
        // Whether the token before is final is asked only of a closing
        // quote: asking it of every token cost a search per token.
        let after_final = || i > start && is_final(text(i - 1));
        let ends_here = depth == 0
            && !ascii_open
            && (is_final(t) || (closes_quote && after_final()))
            && !(t == "." && i > start && is_abbreviation_before(view, tokens, i, lang));
        if ends_here {
            // Closing marks and brackets stay with the sentence they close.
            let mut end = i + 1;
            while end < tokens.len()
                && !tokens[end].newline_before
                && matches!(text(end), "»" | ")" | "]" | "\"" | "'")
                && (text(end) != "\"" || ascii_open)
            {
                if text(end) == "\"" {
                    ascii_open = false;
                }
                end += 1;
            }
            let next_opens =
                end >= tokens.len() || tokens[end].newline_before || opens_sentence(text(end));
            if next_opens {
                push(&mut sentences, tokens, start, end);
                start = end;
                i = end;
                continue;
            }
        }
        i += 1;
    }
    if start < tokens.len() {
        push(&mut sentences, tokens, start, tokens.len());
    }
    sentences
}

/// Whether the full stop at token `i` closes an abbreviation or an initial.
fn is_abbreviation_before(view: &str, tokens: &[Token], i: usize, lang: &Language) -> bool {
    let prev = tokens[i - 1];
    if tokens[i].space_before || prev.kind != TokenKind::Word {
        return false;
    }
    let word = &view[prev.span().start..prev.span().end];
    let single_capital = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    single_capital || lang.is_abbreviation(word)
}

fn push(sentences: &mut Vec<Sentence>, tokens: &[Token], start: usize, end: usize) {
    sentences.push(Sentence {
        span: Span::new(tokens[start].span().start, tokens[end - 1].span().end),
        tokens: start..end,
    });
}

#[cfg(test)]
mod tests {
    use crate::tokens::{tokenise, TokenKind};
    use crate::{Doc, Language};
    use proptest::prelude::*;

    proptest! {
        /// `segment` looks for quotation marks among punctuation only.
        #[test]
        fn quotation_marks_are_punctuation(
            text in "([a-zA-Z0-9é'.,!?-]{0,4}[«»\" \n]){0,12}",
            fr in any::<bool>(),
        ) {
            let lang = Language::get(if fr { "fr" } else { "en" });
            for token in tokenise(&text, lang) {
                let t = &text[token.span().start..token.span().end];
                if matches!(t, "«" | "»" | "\"") {
                    prop_assert_eq!(token.kind, TokenKind::Punct, "{:?}", t);
                }
            }
        }
    }

    fn split(text: &str, lang: &str) -> Vec<String> {
        let doc = Doc::new(text, Some(lang));
        doc.sentences
            .iter()
            .map(|s| doc.text.slice(s.span).to_string())
            .collect()
    }

    #[test]
    fn no_split_after_french_titles() {
        assert_eq!(
            split(
                "M. Dupont et Mme Durand sont arrivés. Ils repartent demain.",
                "fr"
            ),
            [
                "M. Dupont et Mme Durand sont arrivés.",
                "Ils repartent demain."
            ]
        );
    }

    #[test]
    fn no_split_after_initials_or_acronyms() {
        assert_eq!(
            split("J.-M. Martin a rejoint l'U.E. hier. La suite.", "fr"),
            ["J.-M. Martin a rejoint l'U.E. hier.", "La suite."]
        );
        assert_eq!(
            split("Gen. J. Smith said so. Then he left.", "en"),
            ["Gen. J. Smith said so.", "Then he left."]
        );
    }

    #[test]
    fn numbers_do_not_split() {
        assert_eq!(
            split("Il y a 1.200 soldats et 3,5 % de pertes.", "fr").len(),
            1
        );
    }

    #[test]
    fn quotations_spanning_sentences_stay_whole() {
        assert_eq!(
            split(
                "« Nous partons. Nous reviendrons », a dit le chef. Puis il est parti.",
                "fr"
            ),
            [
                "« Nous partons. Nous reviendrons », a dit le chef.",
                "Puis il est parti."
            ]
        );
        assert_eq!(
            split("He said: \"We leave. We will return.\" Then he left.", "en"),
            ["He said: \"We leave. We will return.\"", "Then he left."]
        );
    }

    #[test]
    fn quote_ending_a_sentence_closes_it() {
        assert_eq!(
            split("Il a dit : « C'est fini. » Le lendemain, rien.", "fr"),
            ["Il a dit : « C'est fini. »", "Le lendemain, rien."]
        );
    }

    #[test]
    fn headlines_without_full_stop_end_at_the_line_break() {
        assert_eq!(
            split(
                "Un ministre en visite à Tripoli\nIl est arrivé mardi.",
                "fr"
            ),
            ["Un ministre en visite à Tripoli", "Il est arrivé mardi."]
        );
    }

    #[test]
    fn lowercase_after_full_stop_does_not_split() {
        assert_eq!(split("Le chiffre est de 3 p. cent environ.", "fr").len(), 1);
    }

    #[test]
    fn question_and_exclamation() {
        assert_eq!(split("Who won? Nobody knows! The end.", "en").len(), 3);
    }
}
