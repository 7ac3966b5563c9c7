//! # depeche-text: one document, its text kept once, every annotation a span
//!
//! A [`Doc`] owns the article's original text and a normalised view of it
//! ([`Text`]): NFC, straight apostrophes, guillemets for typographic double
//! quotes, plain spaces. Extractors read the view and annotate it with
//! [`Span`]s in bytes of the view; [`Text::to_original`] turns any span into
//! code-point offsets of the original, which is what the record carries.
//!
//! The text layer adds what every extractor needs: the language (the
//! caller's word wins, else identified from function words), tokens and
//! sentences. It does no I/O and never fails: odd text still gives a `Doc`.

mod annotations;
mod index;
mod language;
mod lower;
mod normalise;
mod origins;
mod sentences;
mod tokens;
mod utf8;
mod words;

pub use annotations::{DateMention, Entity, EntityType, Geo, Granularity, Mention, Role};
pub use index::{Cover, Paragraphs};
pub use language::{identify, Identified, Language};
use lower::Lowered;
pub use lower::{lowercase_into, LowerTokens};
pub use normalise::{Span, Text};
pub use sentences::Sentence;
pub use tokens::{Token, TokenKind};
pub use utf8::{char_starts, split_at_last_hyphen};
pub use words::WordIds;

pub use depeche_model::LanguageSource;

/// One article's text and its text-layer annotations.
#[derive(Debug)]
pub struct Doc {
    /// The original text and its normalised view.
    pub text: Text,
    /// The language the extractors use (ISO 639-1).
    pub lang: &'static Language,
    /// How the language was chosen.
    pub lang_source: LanguageSource,
    /// Tokens of the view, in order.
    pub tokens: Vec<Token>,
    /// Sentences of the view, in order, covering every token once.
    pub sentences: Vec<Sentence>,
    /// Things worth telling the user about the text (never fatal).
    pub warnings: Vec<String>,
    /// The view lowercased with its offsets kept, when it can be.
    lower: Option<String>,
    /// Else the tokens lowercased one by one.
    lowered: Option<Lowered>,
    /// Each token's distinct lowercase word.
    word_ids: WordIds,
}

impl Doc {
    /// Reads `text` in language `lang` when it is given and supported,
    /// otherwise in the identified language. The document keeps `text` as
    /// its original: a caller done with its `String` hands it over rather
    /// than have it copied (a long article's peak memory).
    pub fn new(text: impl Into<String>, lang: Option<&str>) -> Doc {
        let text = Text::new(text);
        let mut warnings = Vec::new();
        let given = lang
            .map(|l| l.trim().to_lowercase())
            .filter(|l| !l.is_empty());
        let supported = |code: &str| depeche_lexicon::languages().contains(&code);
        let (code, lang_source): (String, LanguageSource) = match given {
            Some(code) if supported(primary_subtag(&code)) => {
                (primary_subtag(&code).to_string(), LanguageSource::Given)
            }
            other => {
                if let Some(code) = other {
                    warnings.push(format!(
                        "language {code:?} is not supported; identifying it from the text"
                    ));
                }
                match identify(text.view()) {
                    Some(found) => {
                        if found.function_words < Identified::CONFIDENT {
                            warnings.push(format!(
                                "language guessed as {:?} from {} function word(s): give \"lang\" to be sure",
                                found.code, found.function_words
                            ));
                        }
                        (found.code.to_string(), LanguageSource::Detected)
                    }
                    None => (
                        Language::assumed().code.to_string(),
                        LanguageSource::Assumed,
                    ),
                }
            }
        };
        let lang = Language::get(&code);
        let tokens = tokens::tokenise(text.view(), lang);
        let sentences = sentences::segment(text.view(), &tokens, lang);
        // Dates, quotes and events all read it, so it is made at once.
        let mut lower = String::with_capacity(text.view().len());
        let lower = lower::lowercase_keeping_offsets(&mut lower, text.view()).then_some(lower);
        let lowered = lower.is_none().then(|| Lowered::new(text.view(), &tokens));
        let word_ids = WordIds::new(lower_tokens(&lower, &lowered, &tokens));
        Doc {
            text,
            lang,
            lang_source,
            tokens,
            sentences,
            warnings,
            lower,
            lowered,
            word_ids,
        }
    }

    /// The original text, handed back once the document is done with.
    pub fn into_original(self) -> String {
        self.text.into_original()
    }

    /// The view lowercased, byte for byte where it is: `&lower[span]` is
    /// `slice(span).to_lowercase()` for any span of the view. Made once
    /// for the extractors, which look words up by their lowercase text.
    /// `None` when a character's lowercase has another length (`İ`, `ẞ`)
    /// or the view holds a capital sigma, which lowercases by its
    /// neighbours: then [`Doc::lower_tokens`] or [`lowercase_into`]
    /// lowercase each token on its own.
    pub fn lower(&self) -> Option<&str> {
        self.lower.as_deref()
    }

    /// The tokens that overlap `span`, in order (empty for a span that
    /// falls between tokens): how an extractor turns a mention's bytes
    /// into tokens.
    pub fn token_range(&self, span: Span) -> std::ops::Range<usize> {
        let first = self.tokens.partition_point(|t| t.span().end <= span.start);
        let end = self.tokens.partition_point(|t| t.span().start < span.end);
        first..end.max(first)
    }

    /// The lowercase text of token `i`, as `str::to_lowercase` gives it: a
    /// slice of [`Doc::lower`] when it is some, else `buf`, filled with it.
    /// For extractors that need one token's lowercase text at a time.
    #[inline]
    pub fn token_lower<'a>(&'a self, i: usize, buf: &'a mut String) -> &'a str {
        match self.lower() {
            Some(lower) => &lower[self.tokens[i].span().start..self.tokens[i].span().end],
            None => {
                buf.clear();
                lowercase_into(buf, self.token_text(i));
                buf
            }
        }
    }

    /// The lowercase text of every token, as `str::to_lowercase` gives it:
    /// slices of [`Doc::lower`] when it is some, else of the tokens
    /// lowercased one by one. For extractors that read every token's
    /// lowercase text.
    pub fn lower_tokens(&self) -> LowerTokens<'_> {
        lower_tokens(&self.lower, &self.lowered, &self.tokens)
    }

    /// Each token's distinct lowercase word, numbered once for the whole
    /// document: for extractors that keep what their tables say of a
    /// word rather than look every token up.
    pub fn word_ids(&self) -> &WordIds {
        &self.word_ids
    }

    /// The view's text of token `i`.
    pub fn token_text(&self, i: usize) -> &str {
        self.text.slice(self.tokens[i].span())
    }

    /// Whether token `i` is the possessive clitic the tokeniser splits off
    /// a name ("Russia" "'s"), in any language, since foreign names keep
    /// theirs: the rules ask the tokeniser rather than spell the clitic.
    pub fn is_possessive(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| {
            t.span().end - t.span().start == 2
                && tokens::is_possessive(self.text.view(), t.span().start)
        })
    }

    /// The index of the sentence holding byte `pos` of the view.
    pub fn sentence_at(&self, pos: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= pos);
        (i < self.sentences.len() && self.sentences[i].span.start <= pos).then_some(i)
    }
}

/// The tokens of a short text (a name from a table), normalised as the
/// view would be: lets tables be matched token by token against documents.
pub fn token_strings(text: &str, lang: &Language) -> Vec<String> {
    let text = Text::new(text);
    tokens::tokenise(text.view(), lang)
        .iter()
        .map(|t| text.slice(t.span()).to_string())
        .collect()
}

/// The lowercase text of every token: slices of the view's lowercase
/// `lower` when there is one, else of the tokens lowercased one by one.
fn lower_tokens<'a>(
    lower: &'a Option<String>,
    lowered: &'a Option<Lowered>,
    tokens: &'a [Token],
) -> LowerTokens<'a> {
    match (lower, lowered) {
        (Some(lower), _) => LowerTokens::of_view(lower, tokens),
        (None, Some(lowered)) => LowerTokens::of_lowered(lowered),
        (None, None) => LowerTokens::of_view("", &[]),
    }
}

/// `fr` for `fr-FR` or `fr_CA`.
fn primary_subtag(code: &str) -> &str {
    code.split(['-', '_']).next().unwrap_or(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn given_language_wins() {
        let doc = Doc::new("The minister arrived.", Some("fr-FR"));
        assert_eq!(doc.lang.code, "fr");
        assert_eq!(doc.lang_source, LanguageSource::Given);
    }

    #[test]
    fn unsupported_language_is_identified_with_a_warning() {
        let doc = Doc::new("The minister arrived in the city.", Some("xx"));
        assert_eq!(doc.lang.code, "en");
        assert_eq!(doc.lang_source, LanguageSource::Detected);
        assert_eq!(doc.warnings.len(), 1);
    }

    #[test]
    fn strange_text_still_gives_a_doc() {
        for text in [
            "",
            "   ",
            "\u{0}\u{0}",
            "«««",
            "\u{202E}abc\u{0301}\u{0301}",
            "\"\"\"\"",
        ] {
            let doc = Doc::new(text, None);
            let covered: usize = doc.sentences.iter().map(|s| s.tokens.len()).sum();
            assert_eq!(covered, doc.tokens.len(), "{text:?}");
        }
    }

    #[test]
    fn sentence_lookup_by_position() {
        let doc = Doc::new("Un. Deux.", Some("fr"));
        assert_eq!(doc.sentences.len(), 2);
        assert_eq!(doc.sentence_at(0), Some(0));
        assert_eq!(doc.sentence_at(5), Some(1));
    }
}
