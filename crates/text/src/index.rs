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

impl Doc {
    /// Token → index of the sentence holding it, four bytes a token (a
    /// long article has millions of tokens).
    pub fn token_sentences(&self) -> Vec<u32> {
        let n = self.tokens.len();
        let mut sent = vec![0; n];
        for (k, s) in self.sentences.iter().enumerate() {
            for i in s.tokens.clone().filter(|&i| i < n) {
                sent[i] = k as u32;
            }
        }
        sent
    }

    /// Token → index of its paragraph: a paragraph starts at each token
    /// after a line break. Four bytes a token, as for sentences.
    pub fn token_paragraphs(&self) -> Vec<u32> {
        let mut p = 0;
        self.tokens
            .iter()
            .map(|t| {
                p += u32::from(t.newline_before);
                p
            })
            .collect()
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
        assert_eq!(doc.token_sentences(), [0, 0, 0, 1, 1, 1, 2, 2, 2]);
        assert_eq!(doc.token_paragraphs(), [0, 0, 0, 0, 0, 0, 1, 1, 1]);
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
