//! Per-language text data (abbreviations, elisions, stop words) and
//! language identification among the languages that have data.

use rustc_hash::FxHashSet as HashSet;
use std::sync::OnceLock;

/// What the text layer knows of one language, read from `data/<code>/`.
#[derive(Debug, Default)]
pub struct Language {
    /// ISO 639-1 code, the name of the data folder.
    pub code: &'static str,
    abbreviations: HashSet<&'static str>,
    elisions: HashSet<&'static str>,
    /// The length in bytes of the longest elided form: longer ASCII words
    /// are ruled out before any lowercasing or hashing.
    longest_elision: usize,
    stopwords: HashSet<&'static str>,
    /// Letters that mark the language's words (`é`, `ç` for French).
    letters: Vec<char>,
}

impl Language {
    /// Reads the language's tables; unknown codes give an empty language.
    pub fn load(code: &str) -> Language {
        let code = depeche_lexicon::languages()
            .into_iter()
            .find(|l| *l == code)
            .unwrap_or("");
        let words = |name: &str| -> HashSet<&'static str> {
            depeche_lexicon::lang_rows(code, name)
                .filter_map(|r| r.first().copied())
                .collect()
        };
        let elisions = words("elisions.txt");
        Language {
            code,
            abbreviations: words("abbreviations.txt"),
            longest_elision: elisions.iter().map(|w| w.len()).max().unwrap_or(0),
            elisions,
            stopwords: words("stopwords.txt"),
            letters: depeche_lexicon::lang_rows(code, "letters.txt")
                .filter_map(|r| r.first().and_then(|w| w.chars().next()))
                .collect(),
        }
    }

    /// The language with this code, loaded once per process.
    pub fn get(code: &str) -> &'static Language {
        static ALL: OnceLock<Vec<Language>> = OnceLock::new();
        let all = ALL.get_or_init(|| {
            depeche_lexicon::languages()
                .into_iter()
                .map(Language::load)
                .collect()
        });
        static NONE: OnceLock<Language> = OnceLock::new();
        all.iter()
            .find(|l| l.code == code)
            .unwrap_or_else(|| NONE.get_or_init(Language::default))
    }

    /// The language a text is read in when none is given and none is
    /// identified: the one whose `settings.tsv` says `assumed yes`.
    pub fn assumed() -> &'static Language {
        static ASSUMED: OnceLock<&'static Language> = OnceLock::new();
        ASSUMED.get_or_init(|| Language::chosen("assumed"))
    }

    /// The language whose tokens key the name tables (`table_keys yes`):
    /// a name from a table is looked up as the tokens its rules make of
    /// it, whatever the document's language, so the tables and the
    /// recogniser key names alike.
    pub fn table_keys() -> &'static Language {
        static TABLE_KEYS: OnceLock<&'static Language> = OnceLock::new();
        TABLE_KEYS.get_or_init(|| Language::chosen("table_keys"))
    }

    /// The first language (in data order) whose `settings.tsv` sets
    /// `setting` to `yes`; the empty language when none does.
    fn chosen(setting: &str) -> &'static Language {
        let code = depeche_lexicon::languages()
            .into_iter()
            .find(|&code| {
                depeche_lexicon::lang_rows(code, "settings.tsv")
                    .any(|r| r.len() >= 2 && r[0] == setting && r[1] == "yes")
            })
            .unwrap_or("");
        Language::get(code)
    }

    /// Whether `word` (before its full stop) is a known abbreviation.
    pub fn is_abbreviation(&self, word: &str) -> bool {
        self.abbreviations.contains(word)
    }

    /// Whether `word` is an elided form that takes an apostrophe (`l`, `qu`).
    pub fn is_elision(&self, word: &str) -> bool {
        if !word.is_ascii() {
            return self.elisions.contains(word.to_lowercase().as_str());
        }
        // ASCII lowercases to the same length, mostly to itself.
        if word.len() > self.longest_elision {
            return false;
        }
        if word.bytes().any(|b| b.is_ascii_uppercase()) {
            return self.elisions.contains(word.to_ascii_lowercase().as_str());
        }
        self.elisions.contains(word)
    }

    /// Whether `word` (lowercase) is a frequent function word.
    pub fn is_stopword(&self, word: &str) -> bool {
        self.stopwords.contains(word)
    }
}

/// A language picked from the text, and how much of the text spoke for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Identified {
    /// The language's code.
    pub code: &'static str,
    /// Function words of that language in the text; 0 when its letters
    /// alone decided.
    pub function_words: usize,
}

impl Identified {
    /// Under this many function words, a guess is worth a warning.
    pub const CONFIDENT: usize = 3;
}

/// Picks the supported language whose function words are most frequent in
/// `text`; when no function word of any language appears (a headline),
/// the one whose marking letters are; `None` when neither decides.
pub fn identify(text: &str) -> Option<Identified> {
    let langs: Vec<&'static Language> = depeche_lexicon::languages()
        .into_iter()
        .map(Language::get)
        .collect();
    let mut words = vec![0usize; langs.len()];
    let mut letters = vec![0usize; langs.len()];
    for word in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .take(2000)
    {
        let lower = word.to_lowercase();
        for (l, lang) in langs.iter().enumerate() {
            if lang.is_stopword(&lower) {
                words[l] += 1;
            }
            if lower.chars().any(|c| lang.letters.contains(&c)) {
                letters[l] += 1;
            }
        }
    }
    // Function words first, marking letters to break a tie or to decide
    // a text with no function word; on a full tie the later language, as
    // `max_by_key` keeps it.
    let (l, _) = (0..langs.len())
        .map(|l| (l, (words[l], letters[l])))
        .filter(|(_, (w, c))| w + c > 0)
        .max_by_key(|&(_, score)| score)?;
    Some(Identified {
        code: langs[l].code,
        function_words: words[l],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifies_french_and_english() {
        let code = |t: &str| identify(t).map(|i| i.code);
        assert_eq!(
            code("Le ministre est arrivé dans la ville pour une visite."),
            Some("fr")
        );
        assert_eq!(
            code("The minister arrived in the city for a visit."),
            Some("en")
        );
        assert_eq!(identify("12345 !!!"), None);
    }

    #[test]
    fn a_headline_without_function_words_is_told_by_its_letters() {
        let found = identify("Évacuations signalées vendredi").expect("identified");
        assert_eq!((found.code, found.function_words), ("fr", 0));
        assert_eq!(identify("Storm warnings Friday"), None);
    }

    #[test]
    fn elisions_are_known_in_any_case() {
        let fr = Language::get("fr");
        for word in ["l", "L", "qu", "QU", "Qu", "jusqu", "Jusqu", "presqu"] {
            assert!(fr.is_elision(word), "{word}");
        }
        for word in ["", "le", "Russia", "quelqu-", "aujourd", "é", "É", "JUSQUA"] {
            assert!(!fr.is_elision(word), "{word}");
        }
        // Kelvin sign: not ASCII, lowercases to `k`, one byte.
        assert!(!fr.is_elision("\u{212A}"));
        assert!(!Language::get("en").is_elision("l"));
    }

    #[test]
    fn french_abbreviations_are_known() {
        let fr = Language::get("fr");
        assert!(fr.is_abbreviation("M"));
        assert!(fr.is_abbreviation("Mme"));
        assert!(!fr.is_abbreviation("Libye"));
    }
}
