//! What a run has learnt about people across articles, so that a surname
//! alone ("Prigojine") joins the full name another article gave
//! ("Evgueni Prigojine"), and keeps doing so in the next run.

use std::collections::{BTreeMap, BTreeSet};

use crate::Key;

/// Full-name person keys by surname skeleton.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Registry {
    by_surname: BTreeMap<String, BTreeSet<String>>,
}

/// The surname part of a person key (`per:evgn-prgjn` → `prgjn`), and
/// whether the key holds more than the surname.
fn surname(key: &str) -> Option<(&str, bool)> {
    Key::surname_of(key)
}

impl Registry {
    /// An empty registry.
    pub fn new() -> Registry {
        Registry::default()
    }

    /// Reads a registry written by [`Registry::to_tsv`]; lines that are
    /// not `surname<TAB>key` are reported by number.
    pub fn from_tsv(text: &str) -> Result<Registry, String> {
        let mut reg = Registry::new();
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            match line.split_once('\t') {
                Some((s, key)) if surname(key).is_some_and(|(last, _)| last == s) => {
                    reg.by_surname
                        .entry(s.to_string())
                        .or_default()
                        .insert(key.to_string());
                }
                _ => return Err(format!("line {}: expected `surname<TAB>per:key`", n + 1)),
            }
        }
        Ok(reg)
    }

    /// The registry as text, one `surname<TAB>key` per line, sorted.
    pub fn to_tsv(&self) -> String {
        let mut out = String::from("# depeche person registry: surname skeleton, full-name key\n");
        for (s, keys) in &self.by_surname {
            for k in keys {
                out.push_str(&format!("{s}\t{k}\n"));
            }
        }
        out
    }

    /// Remembers a person's key when it holds more than a surname.
    pub fn learn(&mut self, key: &str) {
        if let Some((last, true)) = surname(key) {
            self.by_surname
                .entry(last.to_string())
                .or_default()
                .insert(key.to_string());
        }
    }

    /// The full-name key a surname-only key stands for, when exactly one
    /// person with that surname is known: two Mohameds are not one.
    pub fn resolve(&self, key: &str) -> Option<&str> {
        let (last, false) = surname(key)? else {
            return None;
        };
        let keys = self.by_surname.get(last)?;
        (keys.len() == 1)
            .then(|| keys.iter().next().map(String::as_str))
            .flatten()
    }

    /// How many full names are known.
    pub fn len(&self) -> usize {
        self.by_surname.values().map(BTreeSet::len).sum()
    }

    /// Whether nothing is known.
    pub fn is_empty(&self) -> bool {
        self.by_surname.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_surname_joins_the_only_full_name_known() {
        let mut reg = Registry::new();
        reg.learn("per:evgn-prgjn");
        assert_eq!(reg.resolve("per:prgjn"), Some("per:evgn-prgjn"));
        assert_eq!(reg.resolve("per:ptn"), None);
    }

    #[test]
    fn two_people_with_one_surname_stay_unresolved() {
        let mut reg = Registry::new();
        reg.learn("per:j-bdn");
        reg.learn("per:hntr-bdn");
        assert_eq!(reg.resolve("per:bdn"), None);
    }

    #[test]
    fn full_names_are_never_rewritten() {
        let mut reg = Registry::new();
        reg.learn("per:evgn-prgjn");
        assert_eq!(reg.resolve("per:evgn-prgjn"), None);
    }

    #[test]
    fn round_trips_through_text() {
        let mut reg = Registry::new();
        reg.learn("per:evgn-prgjn");
        reg.learn("per:uns-bk-evkrv");
        let back = Registry::from_tsv(&reg.to_tsv()).expect("valid");
        assert_eq!(back, reg);
        assert_eq!(back.len(), 2);
        assert!(Registry::from_tsv("prgjn\tper:evgn-ptn\n").is_err());
        assert!(Registry::from_tsv("garbage").is_err());
    }
}
