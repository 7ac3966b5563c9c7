//! Per-token look-ups the rules share: which sentence and paragraph hold a
//! token, and which annotated span covers it. Reference resolution and
//! quote attribution both read tokens this way, so each is built one way.

use crate::{Doc, Span};

/// Which span covers each token, and which tokens each span covers: how a
/// rule walking tokens finds the mention it stands on.
#[derive(Clone, Debug, Default)]
pub struct Cover {
    /// Token → the first span (in the order given) covering it, or
    /// [`Cover::NONE`].
    by_token: Vec<u32>,
    /// Span → its first and one-past-last token; `(usize::MAX,
    /// usize::MAX)` for a span given no tokens or none at all.
    pub tokens: Vec<(usize, usize)>,
}

impl Cover {
    /// No span covers the token.
    pub const NONE: u32 = u32::MAX;

    /// The span covering token `t`, if any (`None` past the last token).
    #[inline]
    pub fn at(&self, t: usize) -> Option<usize> {
        match self.by_token.get(t) {
            Some(&m) if m != Cover::NONE => Some(m as usize),
            _ => None,
        }
    }
}

/// Which paragraph holds each token, kept as the tokens that open one
/// (after a line break): a few bytes a paragraph, not four a token (a
/// long article has millions of tokens).
#[derive(Clone, Debug, Default)]
pub struct Paragraphs {
    /// The tokens written after a line break, in order.
    opens: Vec<u32>,
}

impl Paragraphs {
    /// The index of the paragraph holding token `t`: how many tokens up to
    /// it follow a line break.
    #[inline]
    pub fn of(&self, t: usize) -> usize {
        self.opens.partition_point(|&o| o as usize <= t)
    }
}

impl Doc {
    /// The index of the sentence holding token `t`, found by halving
    /// rather than read from a table of four bytes a token.
    #[inline]
    pub fn sentence_of(&self, t: usize) -> usize {
        self.sentences.partition_point(|s| s.tokens.end <= t)
    }

    /// Token → index of its paragraph: a paragraph starts at each token
    /// after a line break.
    pub fn paragraphs(&self) -> Paragraphs {
        let opens = self
            .tokens
            .iter()
            .enumerate()
            .filter(|(_, t)| t.newline_before)
            .map(|(i, _)| u32::try_from(i).expect("fewer than 4 billion tokens"))
            .collect();
        Paragraphs { opens }
    }

    /// Which of `count` spans covers each token, from `(index, span)`
    /// pairs: a token goes to the first pair that covers it, so the order
    /// given says which of two overlapping spans wins.
    pub fn cover(&self, count: usize, spans: impl IntoIterator<Item = (usize, Span)>) -> Cover {
        let mut by_token = vec![Cover::NONE; self.tokens.len()];
        let mut tokens = vec![(usize::MAX, usize::MAX); count];
        for (m, span) in spans {
            let range = self.token_range(span);
            for t in range.clone() {
                if by_token[t] == Cover::NONE {
                    by_token[t] = m as u32;
                }
            }
            if !range.is_empty() {
                tokens[m] = (range.start, range.end);
            }
        }
        Cover { by_token, tokens }
    }
}

#[cfg(test)]
mod tests {
    use crate::{Doc, Span};

    #[test]
    fn tokens_know_their_sentence_paragraph_and_cover() {
        let doc = Doc::new("Ana left. Bo stayed.\nCy came.", Some("en"));
        let sentences: Vec<_> = (0..9).map(|t| doc.sentence_of(t)).collect();
        assert_eq!(sentences, [0, 0, 0, 1, 1, 1, 2, 2, 2]);
        let paragraphs = doc.paragraphs();
        let paragraphs: Vec<_> = (0..9).map(|t| paragraphs.of(t)).collect();
        assert_eq!(paragraphs, [0, 0, 0, 0, 0, 0, 1, 1, 1]);
        let view = doc.text.view();
        let at = |w: &str| {
            let s = view.find(w).unwrap_or(0);
            Span::new(s, s + w.len())
        };
        let cover = doc.cover(3, [(2, at("Bo stayed")), (0, at("Bo")), (1, at("Cy"))]);
        assert_eq!(cover.at(3), Some(2));
        assert_eq!(cover.at(4), Some(2));
        assert_eq!(cover.at(6), Some(1));
        assert_eq!(cover.at(0), None);
        assert_eq!(cover.at(99), None);
        assert_eq!(cover.tokens[0], (3, 4));
        assert_eq!(cover.tokens[2], (3, 5));
    }
}
