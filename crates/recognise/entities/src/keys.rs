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
    let plain: String = name
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| if matches!(c, '-' | '\'') { ' ' } else { c })
        .collect();
    plain.split_whitespace().collect::<Vec<_>>().join(" ")
}
