//! Spelling skeletons: one form for the many ways a name is written.

use std::borrow::Cow;
use std::cell::RefCell;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use unicode_normalization::UnicodeNormalization;

use depeche_model::Key;

struct Rules {
    replacements: Vec<Replacement>,
    patronymic_endings: Vec<&'static str>,
    particles: Vec<&'static str>,
}

fn rules() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(|| Rules {
        replacements: depeche_lexicon::rows("identity/transliteration.tsv")
            .filter(|r| r.len() >= 2)
            .map(|r| Replacement::new(r[0], r[1]))
            .collect(),
        patronymic_endings: depeche_lexicon::rows("identity/patronymic-endings.txt")
            .map(|r| r[0])
            .collect(),
        particles: depeche_lexicon::rows("identity/name-particles.txt")
            .map(|r| r[0])
            .collect(),
    })
}

/// Lowercase ASCII: accents removed, other scripts' letters dropped.
fn ascii_fold(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    s.nfd()
        .filter(|c| c.is_ascii())
        .flat_map(|c| c.to_lowercase())
        .collect()
}

/// One transliteration rule, with the set of bytes a word must hold for
/// the rule to possibly apply: most rules are ruled out for most words by
/// one AND, without scanning the word.
struct Replacement {
    from: &'static str,
    to: &'static str,
    needs: u128,
}

impl Replacement {
    fn new(from: &'static str, to: &'static str) -> Self {
        Replacement {
            from,
            to,
            needs: byte_set(from),
        }
    }
}

/// The set of the bytes of `s`, each taken modulo 128: a superset test on
/// it can only say "maybe", never miss a byte that is there.
fn byte_set(s: &str) -> u128 {
    s.bytes().fold(0, |set, b| set | 1 << (b & 127))
}

/// The skeleton of one word: transliteration rules, then vowels after the
/// first letter and doubled letters removed.
fn word_skeleton(word: &str) -> String {
    // Copied only when a rule rewrites it.
    let mut w = Cow::Borrowed(word);
    let mut has = byte_set(&w);
    for rule in &rules().replacements {
        if rule.needs & has == rule.needs && contains_short(&w, rule.from) {
            w = Cow::Owned(w.replace(rule.from, rule.to));
            has = byte_set(&w);
        }
    }
    let mut out = String::with_capacity(w.len());
    let mut last = None;
    for (i, c) in w.chars().enumerate() {
        if i > 0 && matches!(c, 'a' | 'e' | 'i' | 'o' | 'u') {
            continue;
        }
        if last == Some(c) {
            continue;
        }
        out.push(c);
        last = Some(c);
    }
    out
}

/// Whether `word` contains `part`: a plain scan, cheaper on a short word
/// than `str::contains`, which first prepares a searcher for the pattern;
/// the first byte is compared alone so that most windows cost no `memcmp`.
fn contains_short(word: &str, part: &str) -> bool {
    let part = part.as_bytes();
    let Some(&first) = part.first() else {
        return true;
    };
    word.as_bytes()
        .windows(part.len())
        .any(|w| w[0] == first && w == part)
}

/// The words of a name, folded, without particles.
fn words(name: &str) -> Vec<String> {
    ascii_fold(name)
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .filter(|w| !rules().particles.contains(w))
        .map(str::to_string)
        .collect()
}

/// How many names [`remembered`] keeps of each kind before it forgets
/// them all: enough for the names a run of articles repeats, little
/// memory over a long run.
const REMEMBERED: usize = 4096;

thread_local! {
    /// The skeletons and person keys made lately, by name.
    static MADE: RefCell<[FxHashMap<Box<str>, Box<str>>; 2]> = RefCell::default();
}

/// `make(name)`, kept in slot `kind` of [`MADE`]: articles name the same
/// people and bodies again and again, and a key costs a thousand
/// instructions a word to make where a look-up costs a hundred.
fn remembered(kind: usize, name: &str, make: fn(&str) -> String) -> String {
    MADE.with(|made| {
        if let Some(key) = made.borrow()[kind].get(name) {
            return key.to_string();
        }
        let key = make(name);
        let table = &mut made.borrow_mut()[kind];
        if table.len() >= REMEMBERED {
            table.clear();
        }
        table.insert(name.into(), key.as_str().into());
        key
    })
}

/// The skeleton of a whole name, its words joined by `-`.
pub fn skeleton(name: &str) -> String {
    remembered(0, name, make_skeleton)
}

/// [`skeleton`], made afresh.
fn make_skeleton(name: &str) -> String {
    words(name)
        .iter()
        .map(|w| word_skeleton(w))
        .collect::<Vec<_>>()
        .join("-")
}

/// A person's key: the skeleton of the name without patronymics.
pub fn person_key(name: &str) -> String {
    remembered(1, name, make_person_key)
}

/// [`person_key`], made afresh.
fn make_person_key(name: &str) -> String {
    let r = rules();
    let kept = words(name)
        .into_iter()
        .filter(|w| {
            !r.patronymic_endings
                .iter()
                .any(|e| w.len() > e.len() + 2 && w.ends_with(e))
        })
        .map(|w| word_skeleton(&w));
    Key::person(kept).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(names: &[&str]) {
        let keys: Vec<String> = names.iter().map(|n| person_key(n)).collect();
        assert!(
            keys.windows(2).all(|w| w[0] == w[1]),
            "{names:?} → {keys:?}"
        );
    }

    fn different(a: &str, b: &str) {
        assert_ne!(person_key(a), person_key(b), "{a} / {b}");
    }

    /// The rules applied as they were before the byte-set filter: every
    /// rule tried on the word with `str::contains`.
    fn word_skeleton_reference(word: &str) -> String {
        let mut w = word.to_string();
        for rule in &rules().replacements {
            if w.contains(rule.from) {
                w = w.replace(rule.from, rule.to);
            }
        }
        let mut out = String::new();
        for (i, c) in w.chars().enumerate() {
            if i > 0 && "aeiou".contains(c) {
                continue;
            }
            if out.ends_with(c) {
                continue;
            }
            out.push(c);
        }
        out
    }

    #[test]
    fn filtered_rules_give_the_reference_skeleton() {
        // Every word of up to four letters the rules care about, plus
        // digits and non-ASCII bytes that fall on the same set bits.
        let letters: Vec<char> = "acdeghijknoqstuwyz1é\u{e8}".chars().collect();
        let mut words = Vec::new();
        let mut frontier = vec![String::new()];
        for _ in 0..4 {
            frontier = frontier
                .iter()
                .flat_map(|w| letters.iter().map(move |&c| format!("{w}{c}")))
                .collect();
            words.extend(frontier.iter().cloned());
        }
        words.extend(
            [
                "tschaikowski",
                "dzhokhar",
                "guennadi",
                "shoigou",
                "yevkurov",
            ]
            .map(String::from),
        );
        for w in &words {
            assert_eq!(word_skeleton(w), word_skeleton_reference(w), "{w:?}");
        }
    }

    #[test]
    fn russian_names_in_french_and_english() {
        same(&[
            "Iounus-Bek Ievkourov",
            "Iounous-bek Bamatguireïevitch Evkourov",
            "Yunus-Bek Yevkurov",
            "Yunus Bek Yevkurov",
        ]);
        same(&["Evguéni Prigojine", "Yevgeny Prigozhin"]);
        same(&["Prigojine", "Prigozhin"]);
        same(&["Choïgou", "Shoigu"]);
        same(&["Sergueï Lavrov", "Sergei Lavrov"]);
        same(&["Zelensky", "Zelenski", "Zelenskyy"]);
        same(&["Poutine", "Putin"]);
    }

    #[test]
    fn arabic_names_in_french_and_english() {
        same(&["Ahmad al-Mesmari", "Ahmed al-Mismari", "Ahmed el-Mesmari"]);
        same(&["Kadhafi", "Qaddafi"]);
        same(&["Mohammed Hamdane Daglo", "Mohamed Hamdan Daglo"]);
        same(&["Abdel Fattah al-Burhane", "Abdel Fattah al-Burhan"]);
    }

    #[test]
    fn different_people_stay_apart() {
        different("Mohamed Bazoum", "Mohamed Hamdan Daglo");
        different("Joe Biden", "Hunter Biden");
        different("Abdel Fattah al-Burhan", "Abdel Fattah al-Sissi");
        different("Sergueï Lavrov", "Sergueï Choïgou");
    }
}
