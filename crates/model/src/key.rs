//! Global keys: one identity per real entity, the same in every article
//! and language. A key travels as a string (records, the store, exports);
//! [`Key`] is its one parser ([`Key::parse`]) and one printer
//! ([`std::fmt::Display`]), so no stage reads or writes a key's prefixes
//! by hand.
//!
//! The forms, as printed:
//! - `per:evgn-prgjn`: a person, by the spelling skeleton of each name
//!   word (surname last);
//! - `org:…`, `loc:…`, `misc:…`: other names by their skeleton;
//! - `russia-ministry-of-defence`, `ministry-of-defence`: a ministry by
//!   its domain, with its country's key when known;
//! - `russia-part-army`, `part-army`: a body of a country ("l'armée
//!   russe"), with its country's key when known;
//! - anything else: a key a table gives (`russia`, `benghazi`, `nato`).

use std::fmt;

const PERSON: &str = "per:";
const ORG: &str = "org:";
const LOC: &str = "loc:";
const MISC: &str = "misc:";
const MINISTRY: &str = "ministry-of-";
const PART: &str = "part-";

/// A global key, parsed.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Key {
    /// A person: the skeletons of the name's words, surname last.
    Person(Vec<String>),
    /// An organisation named nowhere in the tables, by skeleton.
    Org(String),
    /// A place named nowhere in the gazetteer, by skeleton.
    Loc(String),
    /// Another name, by skeleton.
    Misc(String),
    /// A ministry by domain (`defence`), with its country's key if known.
    Ministry {
        /// The country's key (`russia`), when the article gives it.
        country: Option<String>,
        /// The ministry's domain slug.
        domain: String,
    },
    /// A body of a country (`army`), with the country's key if known.
    Part {
        /// The country's key, when the article gives it.
        country: Option<String>,
        /// The body's slug.
        body: String,
    },
    /// A key given by a table: a country, a city, a known organisation.
    Known(String),
}

impl Key {
    /// Reads a key as printed. Every string is a key: what no prefix
    /// claims is [`Key::Known`].
    pub fn parse(text: &str) -> Key {
        if let Some(name) = text.strip_prefix(PERSON) {
            return Key::Person(name.split('-').map(str::to_string).collect());
        }
        for (prefix, make) in [
            (ORG, Key::Org as fn(String) -> Key),
            (LOC, Key::Loc),
            (MISC, Key::Misc),
        ] {
            if let Some(rest) = text.strip_prefix(prefix) {
                return make(rest.to_string());
            }
        }
        if let Some((country, domain)) = split_body(text, MINISTRY) {
            return Key::Ministry { country, domain };
        }
        if let Some((country, body)) = split_body(text, PART) {
            return Key::Part { country, body };
        }
        Key::Known(text.to_string())
    }

    /// A person's key from the skeletons of the name's words.
    pub fn person<I: IntoIterator<Item = S>, S: Into<String>>(words: I) -> Key {
        Key::Person(words.into_iter().map(Into::into).collect())
    }

    /// The surname skeleton of a person key, and whether the key holds
    /// more than the surname.
    pub fn surname(&self) -> Option<(&str, bool)> {
        match self {
            Key::Person(words) => {
                let last = words.last().filter(|w| !w.is_empty())?;
                Some((last.as_str(), words.len() > 1))
            }
            _ => None,
        }
    }

    /// Whether this is a person key with a given name as well as a surname:
    /// the keys the people registry learns.
    pub fn is_full_name(&self) -> bool {
        self.surname().is_some_and(|(_, full)| full)
    }

    /// A ministry or body still without a country, given one.
    pub fn with_country(self, key: &str) -> Key {
        match self {
            Key::Ministry {
                country: None,
                domain,
            } => Key::Ministry {
                country: Some(key.to_string()),
                domain,
            },
            Key::Part {
                country: None,
                body,
            } => Key::Part {
                country: Some(key.to_string()),
                body,
            },
            other => other,
        }
    }

    /// Whether this is a ministry or body that no country claims yet.
    pub fn lacks_country(&self) -> bool {
        matches!(
            self,
            Key::Ministry { country: None, .. } | Key::Part { country: None, .. }
        )
    }

    /// Whether the key written `text` may lack a country
    /// ([`Key::lacks_country`]): false for most keys without parsing them,
    /// for callers that would otherwise parse the key of every entity.
    pub fn may_lack_country(text: &str) -> bool {
        text.starts_with(MINISTRY) || text.starts_with(PART)
    }

    /// [`Key::surname`] of the key written `text`, read in place: the
    /// people registry asks it of every person of every article.
    pub fn surname_of(text: &str) -> Option<(&str, bool)> {
        let name = text.strip_prefix(PERSON)?;
        let (last, full) = match name.rsplit_once('-') {
            Some((_, last)) => (last, true),
            None => (name, false),
        };
        (!last.is_empty()).then_some((last, full))
    }
}

/// `[country-]prefix` + slug: the country's key (if any) and the slug.
fn split_body(text: &str, prefix: &str) -> Option<(Option<String>, String)> {
    if let Some(slug) = text.strip_prefix(prefix) {
        return Some((None, slug.to_string()));
    }
    // The first `-prefix` in the key, found without building it: link
    // parses the key of every entity of every article.
    let (at, _) = text
        .match_indices(prefix)
        .find(|&(i, _)| text[..i].ends_with('-'))?;
    let slug = &text[at + prefix.len()..];
    Some((Some(text[..at - 1].to_string()), slug.to_string()))
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Key::Person(words) => write!(f, "{PERSON}{}", words.join("-")),
            Key::Org(s) => write!(f, "{ORG}{s}"),
            Key::Loc(s) => write!(f, "{LOC}{s}"),
            Key::Misc(s) => write!(f, "{MISC}{s}"),
            Key::Ministry { country, domain } => {
                if let Some(c) = country {
                    write!(f, "{c}-")?;
                }
                write!(f, "{MINISTRY}{domain}")
            }
            Key::Part { country, body } => {
                if let Some(c) = country {
                    write!(f, "{c}-")?;
                }
                write!(f, "{PART}{body}")
            }
            Key::Known(s) => f.write_str(s),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_form_prints_as_it_was_read() {
        for text in [
            "per:evgn-prgjn",
            "per:hftr",
            "org:wgnr",
            "loc:zz",
            "misc:rml-2023",
            "ministry-of-defence",
            "russia-ministry-of-defence",
            "part-army",
            "south-korea-part-army",
            "benghazi",
            "",
        ] {
            assert_eq!(Key::parse(text).to_string(), text);
        }
    }

    #[test]
    fn ministries_and_bodies_carry_their_country() {
        assert_eq!(
            Key::parse("south-korea-ministry-of-defence"),
            Key::Ministry {
                country: Some("south-korea".into()),
                domain: "defence".into()
            }
        );
        let bare = Key::parse("part-army");
        assert!(bare.lacks_country());
        let owned = bare.with_country("mali");
        assert!(!owned.lacks_country());
        assert_eq!(owned.to_string(), "mali-part-army");
        assert_eq!(
            Key::parse("russia").with_country("mali").to_string(),
            "russia"
        );
    }

    #[test]
    fn a_person_key_knows_its_surname_and_whether_it_is_full() {
        assert_eq!(
            Key::parse("per:evgn-prgjn").surname(),
            Some(("prgjn", true))
        );
        assert_eq!(Key::parse("per:prgjn").surname(), Some(("prgjn", false)));
        assert!(Key::parse("per:khlf-hftr").is_full_name());
        assert!(!Key::parse("per:hftr").is_full_name());
        assert!(!Key::parse("per:hftr-").is_full_name());
        assert_eq!(Key::parse("org:hftr").surname(), None);
        assert_eq!(Key::person(["a", "b"]).to_string(), "per:a-b");
    }
}
