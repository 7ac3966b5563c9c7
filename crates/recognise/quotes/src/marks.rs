//! Pairing quotation marks: one pass over the tokens with a stack of open
//! marks, bounded by paragraphs.

use depeche_text::{Doc, Span, TokenKind};

/// The three families of marks: guillemets (the view's form of every
/// typographic double quote), single angle quotes, ASCII double quotes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Family {
    Guillemet = 0,
    Angle = 1,
    Ascii = 2,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mark {
    Open(Family),
    Close(Family),
    /// An ASCII `"`: opens or closes depending on what is open.
    Either,
}

fn mark(doc: &Doc, i: usize) -> Option<Mark> {
    if doc.tokens[i].kind != TokenKind::Punct {
        return None;
    }
    match doc.token_text(i) {
        "«" => Some(Mark::Open(Family::Guillemet)),
        "»" => Some(Mark::Close(Family::Guillemet)),
        "‹" => Some(Mark::Open(Family::Angle)),
        "›" => Some(Mark::Close(Family::Angle)),
        "\"" => Some(Mark::Either),
        _ => None,
    }
}

/// One outermost quotation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Quoted {
    /// The token of the opening mark.
    pub open: usize,
    /// The token of the closing mark; `None` when the paragraph (or the
    /// text) ended first.
    pub close: Option<usize>,
    /// One past the last token of the quotation, marks included.
    pub end: usize,
    /// The quoted words, inside the marks, trimmed of spaces.
    pub span: Span,
}

/// Finds the outermost quotations of `doc`, in order. Inner quotations stay
/// part of the outer one; a quotation still open at the end of a paragraph
/// goes on when the next paragraph opens with the same mark (the French and
/// English way of quoting over paragraphs), else it ends there.
pub(crate) fn pair(doc: &Doc) -> Vec<Quoted> {
    let mut out = Vec::new();
    let mut stack: Vec<Family> = Vec::new();
    let mut open_count = [0usize; 3];
    let mut start = 0;
    let emit = |out: &mut Vec<Quoted>, open: usize, close: Option<usize>, end: usize| {
        let from = doc.tokens[open].span().end;
        let to = match close {
            Some(c) => doc.tokens[c].span().start,
            None => doc.tokens[end - 1].span().end.max(from),
        };
        let text = &doc.text.view()[from..to];
        let lead = text.len() - text.trim_start().len();
        let trail = text.len() - text.trim_end().len();
        if lead + trail < text.len() {
            out.push(Quoted {
                open,
                close,
                end,
                span: Span::new(from + lead, to - trail),
            });
        }
    };
    for i in 0..doc.tokens.len() {
        let m = mark(doc, i);
        if !stack.is_empty() && doc.tokens[i].newline_before {
            let outer = stack[0];
            let reopens = match m {
                Some(Mark::Open(f)) => f == outer,
                Some(Mark::Either) => outer == Family::Ascii,
                _ => false,
            };
            if reopens {
                stack.clear();
                stack.push(outer);
                open_count = [0; 3];
                open_count[outer as usize] = 1;
                continue;
            }
            emit(&mut out, start, None, i);
            stack.clear();
            open_count = [0; 3];
        }
        let Some(m) = m else { continue };
        let (family, opens) = match m {
            Mark::Open(f) => (f, true),
            Mark::Close(f) => (f, false),
            Mark::Either => (Family::Ascii, open_count[Family::Ascii as usize] == 0),
        };
        if opens {
            if stack.is_empty() {
                start = i;
            }
            stack.push(family);
            open_count[family as usize] += 1;
        } else if open_count[family as usize] > 0 {
            // Close the innermost mark of this family and whatever was left
            // open inside it.
            while let Some(f) = stack.pop() {
                open_count[f as usize] -= 1;
                if f == family {
                    break;
                }
            }
            if stack.is_empty() {
                emit(&mut out, start, Some(i), i + 1);
            }
        }
    }
    if !stack.is_empty() {
        emit(&mut out, start, None, doc.tokens.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(text: &str) -> Vec<String> {
        let doc = Doc::new(text, Some("fr"));
        pair(&doc)
            .iter()
            .map(|q| doc.text.slice(q.span).to_string())
            .collect()
    }

    #[test]
    fn pairs_every_family() {
        assert_eq!(
            quoted("« un deux » puis “trois quatre” et \"cinq six\" ou ‹ sept ›"),
            ["un deux", "trois quatre", "cinq six", "sept"]
        );
    }

    #[test]
    fn inner_quotes_stay_in_the_outer_one() {
        assert_eq!(
            quoted("« il a dit \"non\" puis « peut-être » hier »"),
            ["il a dit \"non\" puis « peut-être » hier"]
        );
    }

    #[test]
    fn unclosed_mark_ends_with_its_paragraph() {
        assert_eq!(
            quoted("« un deux trois\nSuite. « quatre »"),
            ["un deux trois", "quatre"]
        );
    }

    #[test]
    fn paragraph_reopening_the_mark_continues_the_quote() {
        assert_eq!(
            quoted("« un deux.\n« trois quatre » fin"),
            ["un deux.\n« trois quatre"]
        );
    }

    #[test]
    fn stray_closers_and_empty_quotes_are_ignored() {
        assert_eq!(quoted("» x » « » \"\" « y »"), ["y"]);
    }
}
