//! People across articles: the store keeps every full-name person key it
//! holds, so that a person named by surname alone ("Haftar") takes the full
//! name ("Khalifa Haftar") that an article stored before gave, in the same
//! run or an earlier one. It is what `depeche extract --registry FILE`
//! does, with the store itself as the registry file.
//!
//! The rule, which makes a store independent of how many threads extracted
//! its articles and of how they were batched: each article is extracted on
//! its own, so its own full names settle its own surname mentions; then,
//! one article at a time in input order, as it is stored, every person key
//! that is still a surname alone takes the full key of the only person of
//! that surname among the articles stored before it (two people of one
//! surname known: it stays as it is), and the article's full names are
//! learnt for the articles after it.

use std::borrow::Cow;
use std::collections::HashMap;

use depeche_model::{EntityType, Key, Record, Registry};

/// Whether `key` is a person key with more than a surname: the keys the
/// registry learns.
pub(crate) fn is_full_name(key: &str) -> bool {
    Key::parse(key).is_full_name()
}

/// The full-name person keys an article teaches.
pub(crate) fn taught(record: &Record) -> impl Iterator<Item = &str> {
    record
        .entities
        .iter()
        .filter(|e| e.ty == EntityType::Per && is_full_name(&e.key))
        .map(|e| e.key.as_str())
}

/// The record with each surname-only person key replaced by the full key
/// `people` knows for it; borrowed as it is when nothing changes.
pub(crate) fn settle<'r>(record: &'r Record, people: &Registry) -> Cow<'r, Record> {
    let full = |ty: EntityType, key: &str| -> Option<String> {
        (ty == EntityType::Per)
            .then(|| people.resolve(key))
            .flatten()
            .map(str::to_string)
    };
    if !record.entities.iter().any(|e| full(e.ty, &e.key).is_some()) {
        return Cow::Borrowed(record);
    }
    let mut settled = record.clone();
    for e in &mut settled.entities {
        if let Some(key) = full(e.ty, &e.key) {
            e.key = key;
        }
    }
    Cow::Owned(settled)
}

/// The country of each person, as the articles stored so far tie them to
/// one (a role in a national body, a demonym in a title): a person an
/// article names alone takes the country the articles before it gave, when
/// they gave only one (see [`crate::stories::homed`]). Learnt in input
/// order, as the people registry is.
#[derive(Clone, Debug, Default)]
pub(crate) struct Homes {
    /// Each person's country; `None` once articles gave two.
    of: HashMap<String, Option<String>>,
}

impl Homes {
    /// Records that an article ties `person` to `country`; whether that is
    /// new (a row to store).
    pub(crate) fn learn(&mut self, person: &str, country: &str) -> bool {
        match self.of.get_mut(person) {
            None => {
                self.of
                    .insert(person.to_string(), Some(country.to_string()));
                true
            }
            Some(known) if known.as_deref() == Some(country) => false,
            Some(known) => {
                let new = known.is_some();
                *known = None;
                new
            }
        }
    }

    /// The only country articles gave `person`.
    pub(crate) fn home(&self, person: &str) -> Option<String> {
        self.of.get(person).cloned().flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_names_are_keys_with_more_than_a_surname() {
        assert!(is_full_name("per:khlf-hftr"));
        assert!(!is_full_name("per:hftr"));
        assert!(!is_full_name("per:hftr-"));
        assert!(!is_full_name("org:un-nt"));
    }

    #[test]
    fn a_person_has_a_home_only_when_articles_agree() {
        let mut homes = Homes::default();
        assert!(homes.learn("per:an-nm", "senegal"));
        assert!(!homes.learn("per:an-nm", "senegal"));
        assert_eq!(homes.home("per:an-nm").as_deref(), Some("senegal"));
        assert!(homes.learn("per:an-nm", "france"));
        assert_eq!(homes.home("per:an-nm"), None);
        assert_eq!(homes.home("per:other"), None);
    }
}
