//! What a reader recognises an article by in a list: its headline, or
//! failing one the first line of its text, shortened.

/// The longest headline shown, in characters.
const MAX_CHARS: usize = 110;

/// The headline depeche read (`title`), else the text's first non-empty
/// line; cut at a word boundary with an ellipsis when longer than
/// [`MAX_CHARS`].
pub fn headline(title: Option<&str>, text: &str) -> String {
    let line = title
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .or_else(|| text.lines().map(str::trim).find(|l| !l.is_empty()))
        .unwrap_or("");
    if line.chars().count() <= MAX_CHARS {
        return line.to_string();
    }
    let cut: String = line.chars().take(MAX_CHARS).collect();
    let kept = match cut.rfind(char::is_whitespace) {
        Some(at) if at > MAX_CHARS / 2 => &cut[..at],
        _ => cut.as_str(),
    };
    format!("{}…", kept.trim_end_matches([',', ';', ':', ' ']))
}

#[cfg(test)]
mod tests {
    use super::headline;

    #[test]
    fn the_title_else_the_first_line_shortened() {
        assert_eq!(headline(Some("Un titre"), "Texte"), "Un titre");
        assert_eq!(headline(None, "\nPremière ligne\nSuite"), "Première ligne");
        assert_eq!(headline(Some("  "), "Ligne"), "Ligne");
        let long = "mot ".repeat(60);
        let h = headline(None, &long);
        assert!(h.ends_with('…') && h.chars().count() <= 111, "{h}");
        assert!(!h.contains("  "));
    }
}
