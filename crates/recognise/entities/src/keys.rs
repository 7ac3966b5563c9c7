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
    use unicode_normalization::UnicodeNormalization;
    let spaced = |c: char| if matches!(c, '-' | '\'') { ' ' } else { c };
    if name.is_ascii() {
        // Nothing to decompose: the common case, without the decomposer.
        return single_spaced(name.chars().map(|c| spaced(c.to_ascii_lowercase())));
    }
    single_spaced(
        name.nfd()
            .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
            .flat_map(char::to_lowercase)
            .map(spaced),
    )
}

/// The characters with each run of whitespace made one space, and none at
/// either end.
fn single_spaced(chars: impl Iterator<Item = char>) -> String {
    let mut out = String::new();
    let mut gap = false;
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
    out
}

#[cfg(test)]
mod tests {
    use super::fold;

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
            }
        }
    }
}
