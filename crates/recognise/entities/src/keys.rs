//! How a name from a table becomes a lookup key. The build script (which
//! lays the tables out) and the recogniser (which looks documents' words up)
//! both compile this file, so a key is made the same way on both sides.

/// Splits a name into the tokens the tokeniser would make, joined by one space.
pub fn token_key(name: &str) -> String {
    // Most names are words, spaces and inner hyphens: they tokenise as split
    // on spaces, without building a text view.
    let plain = name
        .chars()
        .all(|c| c.is_alphanumeric() || c == ' ' || c == '-')
        && !name.starts_with('-')
        && !name.contains("--")
        && !name.contains(" -")
        && !name.contains("- ")
        && !name.ends_with('-')
        && (name.is_ascii() || unicode_normalization::is_nfc(name));
    if plain {
        return name.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    depeche_text::token_strings(name, depeche_text::Language::get("fr")).join(" ")
}

/// A name folded for lenient matching: lowercase, accents removed,
/// hyphens and apostrophes read as spaces, single spaces.
pub fn fold(name: &str) -> String {
    let mut out = String::new();
    fold_into(&mut out, name);
    out
}

/// Appends `name` folded to `out`, one space apart from what `out` holds
/// when both are non-empty: folding words one at a time this way is
/// folding the words joined by spaces.
pub fn fold_into(out: &mut String, name: &str) {
    use unicode_normalization::UnicodeNormalization;
    let spaced = |c: char| if matches!(c, '-' | '\'') { ' ' } else { c };
    if name.is_ascii() {
        // Nothing to decompose: the common case, without the decomposer.
        return single_spaced(out, name.chars().map(|c| spaced(c.to_ascii_lowercase())));
    }
    single_spaced(
        out,
        name.nfd()
            .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
            .flat_map(char::to_lowercase)
            .map(spaced),
    )
}

/// Appends the characters with each run of whitespace made one space, none
/// at the end, and none at the start unless `out` already holds text.
fn single_spaced(out: &mut String, chars: impl Iterator<Item = char>) {
    let mut gap = !out.is_empty();
    for c in chars {
        if c.is_whitespace() {
            gap = !out.is_empty();
        } else {
            if gap {
                out.push(' ');
                gap = false;
            }
            out.push(c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{fold, fold_into};

    /// The recogniser folds a run of words one word at a time.
    #[test]
    fn folding_joined_words_is_joining_folded_words() {
        let words = [
            "Etats", "-", "Unis", "l'", "Élysée", "al-Sissi", "'", "ÇA", "naïve", "Σ",
        ];
        for a in words {
            for b in words {
                let joined = fold(&format!("{a} {b}"));
                let parts: Vec<String> = [fold(a), fold(b)]
                    .into_iter()
                    .filter(|f| !f.is_empty())
                    .collect();
                assert_eq!(joined, parts.join(" "), "{a} {b}");
                let mut appended = fold(a);
                fold_into(&mut appended, b);
                assert_eq!(joined, appended, "{a} {b}");
            }
        }
    }
}
