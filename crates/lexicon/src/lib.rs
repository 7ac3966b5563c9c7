//! # depeche-lexicon: the data that makes depeche speak a language
//!
//! Every language-specific word depeche knows (month names, reporting verbs,
//! titles, demonyms, abbreviations) and every gazetteer lives in plain text
//! files under the workspace's `data/` folder, one folder per language
//! (`data/fr/`, `data/en/`) plus shared tables (`data/gazetteer/`,
//! `data/names/`, `data/orgs.tsv`). The build embeds them all, so the
//! extraction core does no I/O and starts without looking for files.
//!
//! Files are tab-separated; blank lines and lines starting with `#` are
//! comments. A language is supported when its folder exists: adding one is
//! adding data, not code.

include!(concat!(env!("OUT_DIR"), "/files.rs"));

pub mod frozen;
pub mod sieve;

/// The text of the data file at `path` (relative to `data/`, e.g.
/// `"fr/months.tsv"`), or `None` when no such file was embedded.
pub fn file(path: &str) -> Option<&'static str> {
    FILES
        .iter()
        .find(|(p, _)| *p == path)
        .map(|(_, text)| *text)
}

/// The data rows of a tab-separated file: comment and blank lines skipped,
/// each row split on tabs. A missing file yields no rows, so a language
/// without some table simply lacks that knowledge.
pub fn rows(path: &str) -> impl Iterator<Item = Vec<&'static str>> {
    Rows {
        rest: file(path).unwrap_or(""),
    }
}

/// The rows of a file's text, split by bytes: a table is read by several
/// crates for every language a run meets, and splitting on characters
/// cost four times as much as its rows' look-ups.
struct Rows {
    /// The text after the rows read so far.
    rest: &'static str,
}

impl Iterator for Rows {
    type Item = Vec<&'static str>;

    fn next(&mut self) -> Option<Vec<&'static str>> {
        while !self.rest.is_empty() {
            let (mut end, mut tabs) = (self.rest.len(), 0);
            for (i, b) in self.rest.bytes().enumerate() {
                match b {
                    b'\n' => {
                        end = i;
                        break;
                    }
                    b'\t' => tabs += 1,
                    _ => {}
                }
            }
            let line = self.rest[..end].trim_end_matches('\r');
            self.rest = self.rest.get(end + 1..).unwrap_or("");
            if !line.starts_with('#') && !trim(line).is_empty() {
                return Some(fields(line, tabs));
            }
        }
        None
    }
}

/// The fields of a line of `tabs` tabs, split on them and trimmed.
fn fields(line: &'static str, tabs: usize) -> Vec<&'static str> {
    let mut row = Vec::with_capacity(tabs + 1);
    let mut start = 0;
    for (i, b) in line.bytes().enumerate() {
        if b == b'\t' {
            row.push(trim(&line[start..i]));
            start = i + 1;
        }
    }
    row.push(trim(&line[start..]));
    row
}

/// `str::trim`, which decodes characters from both ends, skipped for the
/// usual field that begins and ends with a printable ASCII byte.
fn trim(field: &str) -> &str {
    match (field.as_bytes().first(), field.as_bytes().last()) {
        (Some(a), Some(z)) if a.is_ascii_graphic() && z.is_ascii_graphic() => field,
        _ => field.trim(),
    }
}

/// The rows of the language's file `name` (`data/<lang>/<name>`).
pub fn lang_rows(lang: &str, name: &str) -> impl Iterator<Item = Vec<&'static str>> {
    rows(&format!("{lang}/{name}"))
}

/// The languages that have a data folder, in alphabetical order.
pub fn languages() -> Vec<&'static str> {
    // Asked for every document: the embedded file list is read once.
    static LANGUAGES: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    LANGUAGES
        .get_or_init(|| {
            let mut langs: Vec<&'static str> = FILES
                .iter()
                .filter_map(|(p, _)| p.split_once('/').map(|(dir, _)| dir))
                .filter(|dir| dir.len() == 2 && dir.chars().all(|c| c.is_ascii_lowercase()))
                .collect();
            langs.dedup();
            langs
        })
        .clone()
}

/// Tables built from a language's data, once per process and only for the
/// languages a run meets; an unknown language gets the tables of no data.
pub struct PerLanguage<T> {
    cells: std::sync::OnceLock<Vec<(&'static str, std::sync::OnceLock<T>)>>,
    unknown: std::sync::OnceLock<T>,
}

impl<T> PerLanguage<T> {
    /// An empty cache, for a `static`.
    pub const fn new() -> Self {
        PerLanguage {
            cells: std::sync::OnceLock::new(),
            unknown: std::sync::OnceLock::new(),
        }
    }

    /// The tables of `lang`, built by `load` the first time they are asked for.
    pub fn get(&self, lang: &str, load: fn(&'static str) -> T) -> &T {
        let cells = self.cells.get_or_init(|| {
            languages()
                .into_iter()
                .map(|l| (l, std::sync::OnceLock::new()))
                .collect()
        });
        match cells.iter().find(|(l, _)| *l == lang) {
            Some((l, cell)) => cell.get_or_init(|| load(l)),
            None => self.unknown.get_or_init(|| load("")),
        }
    }
}

impl<T> Default for PerLanguage<T> {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_and_english_are_supported() {
        let langs = languages();
        assert!(langs.contains(&"fr"), "{langs:?}");
        assert!(langs.contains(&"en"), "{langs:?}");
    }

    #[test]
    fn rows_skip_comments_and_blank_lines() {
        for (path, text) in FILES {
            let data_lines = text
                .lines()
                .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
                .count();
            assert_eq!(rows(path).count(), data_lines, "{path}");
        }
    }

    #[test]
    fn per_language_tables_are_built_once_and_unknown_is_empty() {
        static TABLES: PerLanguage<usize> = PerLanguage::new();
        let fr = TABLES.get("fr", |l| lang_rows(l, "stopwords.txt").count());
        assert!(*fr > 0);
        assert!(std::ptr::eq(fr, TABLES.get("fr", |_| 0)));
        assert_eq!(
            *TABLES.get("xx", |l| lang_rows(l, "stopwords.txt").count()),
            0
        );
    }

    #[test]
    fn rows_are_lines_split_on_tabs_and_trimmed() {
        let written = Rows {
            rest: "a\t b \r\n# c\td\n\n \t\r\n\u{a0}x\u{a0}\t\ty\u{2003}",
        };
        assert_eq!(
            written.collect::<Vec<_>>(),
            [vec!["a", "b"], vec!["x", "", "y"]]
        );
        for (path, text) in FILES {
            let by_chars: Vec<Vec<&str>> = text
                .lines()
                .map(|l| l.trim_end_matches('\r'))
                .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
                .map(|l| l.split('\t').map(str::trim).collect())
                .collect();
            assert_eq!(rows(path).collect::<Vec<_>>(), by_chars, "{path}");
        }
    }

    #[test]
    fn missing_file_has_no_rows() {
        assert!(file("xx/none.tsv").is_none());
        assert_eq!(rows("xx/none.tsv").count(), 0);
    }
}
