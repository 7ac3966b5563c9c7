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
}
