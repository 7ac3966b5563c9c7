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
    depeche_text::token_strings(name, depeche_text::Language::table_keys()).join(" ")
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
    // A plain ASCII word, the commonest token, is copied and lowercased
    // in place.
    if !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric()) {
        if !out.is_empty() {
            out.push(' ');
        }
        let at = out.len();
        out.push_str(name);
        out[at..].make_ascii_lowercase();
        return;
    }
    // Latin letters, most words of most names, fold one character at a
    // time from a table: without the decomposer.
    if name.chars().all(|c| fold_latin(c).is_some()) {
        return single_spaced(out, name.chars().filter_map(fold_latin).map(spaced));
    }
    fold_decomposing_into(out, name)
}

/// Hyphens and apostrophes read as spaces.
fn spaced(c: char) -> char {
    if matches!(c, '-' | '\'') {
        ' '
    } else {
        c
    }
}

/// [`fold_into`] by the definition: decomposed, combining marks dropped,
/// lowercased.
fn fold_decomposing_into(out: &mut String, name: &str) {
    use unicode_normalization::UnicodeNormalization;
    single_spaced(
        out,
        name.nfd()
            .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
            .flat_map(char::to_lowercase)
            .map(spaced),
    )
}

/// Code points below this are Latin (ASCII, Latin-1, Latin Extended-A
/// and B): none is a combining mark, so each folds on its own.
const LATIN_END: u32 = 0x250;

/// The one character a Latin character folds to, if it folds to one
/// (what [`fold_decomposing_into`] makes of it alone).
fn fold_latin(c: char) -> Option<char> {
    if c.is_ascii() {
        return Some(c.to_ascii_lowercase());
    }
    static TABLE: std::sync::OnceLock<Vec<Option<char>>> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        (0..LATIN_END)
            .map(|u| {
                let mut folded = String::new();
                fold_decomposing_into(&mut folded, &char::from_u32(u)?.to_string());
                let mut chars = folded.chars();
                chars.next().filter(|_| chars.next().is_none())
            })
            .collect()
    });
    table.get(c as usize).copied().flatten()
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
    use super::{fold, fold_decomposing_into, fold_into, LATIN_END};

    /// The table folds every Latin character, alone or in a word, as the
    /// decomposer does.
    #[test]
    fn latin_characters_fold_as_decomposed() {
        for c in (0..LATIN_END + 64).filter_map(char::from_u32) {
            for word in [c.to_string(), format!("A{c}é-{c}x")] {
                let mut expected = String::new();
                fold_decomposing_into(&mut expected, &word);
                assert_eq!(fold(&word), expected, "{word:?}");
            }
        }
    }

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
