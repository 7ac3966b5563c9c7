//! Pass 3: document consistency. Candidates become mentions of entities:
//! the same known key, the same ministry, the same words, a surname alone
//! after (or before) the full name, an acronym in parentheses after its
//! expansion, all name one entity; weakly typed mentions take the type
//! their entity has elsewhere.

use std::borrow::Cow;

use rustc_hash::FxHashMap as HashMap;

use depeche_model::Key;
use depeche_text::{Doc, Entity, EntityType, Mention, Role};

use crate::spans::Candidate;
use crate::{Entities, Known};

/// A name lowercased, hyphens and apostrophes read as spaces; copied
/// once more only when it has one (most names have none).
fn fold(s: &str) -> String {
    let lower = s.to_lowercase();
    if lower.contains(['-', '\'']) {
        lower.replace(['-', '\''], " ")
    } else {
        lower
    }
}

/// Groups candidates into entities and writes the mentions.
pub fn resolve(doc: &Doc, mut cands: Vec<Candidate>) -> Entities {
    let view = doc.text.view();
    let acronym_of = acronyms(view, &cands);
    // Strong candidates first, so that a surname in a headline finds the
    // full name given later in the body.
    let order: Vec<usize> = (0..cands.len())
        .filter(|&k| is_strong(&cands[k]))
        .chain((0..cands.len()).filter(|&k| !is_strong(&cands[k])))
        .collect();
    let mut g = Grouping {
        entity_of: vec![None; cands.len()],
        ..Grouping::default()
    };
    for k in order {
        g.add(view, &cands, k, &acronym_of);
    }
    let Grouping {
        entity_of,
        mut entities,
        known,
        ..
    } = g;
    settle_types(&mut cands, &entity_of, &mut entities);
    let mentions = write_mentions(doc, &cands, &entity_of, &mut entities);
    link_roles(&mut entities, &mentions);
    Entities {
        mentions,
        entities,
        known,
    }
}

/// An acronym in parentheses right after a name is that name's acronym:
/// each such acronym with the candidate it abbreviates.
fn acronyms<'v>(view: &'v str, cands: &[Candidate]) -> HashMap<&'v str, usize> {
    let mut acronym_of: HashMap<&str, usize> = HashMap::default();
    for k in 1..cands.len() {
        let (prev, this) = (&cands[k - 1], &cands[k]);
        let gap = &view[prev.span.end..this.span.start];
        let word = &view[this.span.start..this.span.end];
        let closes = view[this.span.end..].trim_start().starts_with(')');
        if gap.trim() == "("
            && closes
            && word.chars().all(|c| c.is_uppercase() || c == '.')
            && prev.end - prev.start >= 2
        {
            acronym_of.insert(word, k - 1);
        }
    }
    acronym_of
}

/// Whether a candidate stands on its own: a table, a ministry, a body, two
/// words or more, or strong evidence.
fn is_strong(c: &Candidate) -> bool {
    c.known.is_some()
        || c.ministry.is_some()
        || c.part_of.is_some()
        || c.end - c.start >= 2
        || c.confident
}

/// The key a table, a ministry or a body gives a candidate, if any.
fn table_key(c: &Candidate) -> Option<Cow<'static, str>> {
    if let Some(kn) = &c.known {
        return Some(Cow::Borrowed(kn.key));
    }
    let key = if let Some(&(slug, country)) = c.ministry.as_deref() {
        Key::Ministry {
            country: country.map(Into::into),
            domain: slug.into(),
        }
    } else {
        let (slug, country) = *c.part_of.as_deref()?;
        Key::Part {
            country: country.map(Into::into),
            body: slug.into(),
        }
    };
    Some(Cow::Owned(key.to_string()))
}

/// The entities being made from the candidates, with the indexes a new
/// candidate is matched against.
#[derive(Default)]
struct Grouping {
    /// Candidate → its entity, once placed.
    entity_of: Vec<Option<usize>>,
    entities: Vec<Entity>,
    /// Entity → the table entry that named it.
    known: Vec<Option<Known>>,
    by_key: HashMap<Cow<'static, str>, usize>,
    /// Folded words → the first entity they named.
    by_words: HashMap<String, usize>,
    /// People with the folded words of their longest name.
    persons: Vec<(usize, Vec<String>)>,
    /// Organisations named in two words or more: their folded names, and
    /// whether every word is capitalised (a head may then end the name).
    orgs: Vec<(usize, String, bool)>,
}

impl Grouping {
    /// Places candidate `k` in an entity it joins, or in a new one.
    fn add(
        &mut self,
        view: &str,
        cands: &[Candidate],
        k: usize,
        acronym_of: &HashMap<&str, usize>,
    ) {
        let c = &cands[k];
        let words = &view[c.span.start..c.span.end];
        let folded = fold(words);
        let key = table_key(c);
        let found = self.find(c, words, &folded, key.as_deref(), acronym_of);
        let e = match found {
            Some(e) => e,
            None => self.new_entity(c, words, &folded, key),
        };
        if self.entities[e].ty == EntityType::Per || (found.is_none() && c.ty == EntityType::Per) {
            self.remember_person(e, &folded);
        }
        if words.chars().count() > self.entities[e].name.chars().count()
            && !acronym_of.contains_key(words)
        {
            self.entities[e].name = words.to_string();
        }
        self.by_words.entry(folded).or_insert(e);
        self.entity_of[k] = Some(e);
    }

    /// The entity a candidate joins, if any: the one with its key, the
    /// ministry of its domain when it names no country, the one named by
    /// the same words, the expansion of an acronym, or the person whose
    /// full name it is part of.
    fn find(
        &self,
        c: &Candidate,
        words: &str,
        folded: &str,
        key: Option<&str>,
        acronym_of: &HashMap<&str, usize>,
    ) -> Option<usize> {
        if let Some(e) = key.and_then(|k| self.by_key.get(k).copied()) {
            return Some(e);
        }
        if let Some(&(slug, None)) = c.ministry.as_deref() {
            let suffix = Key::Ministry {
                country: None,
                domain: slug.into(),
            }
            .to_string();
            let same = self.by_key.iter().find(|(k, _)| k.ends_with(&suffix));
            if let Some((_, &e)) = same {
                return Some(e);
            }
        }
        // The same words name the same entity, unless a table gives them
        // another key here (a capital standing for its state).
        let same_words = self.by_words.get(folded).copied().filter(|&e| {
            key.is_none_or(|k| self.entities[e].key.is_empty() || self.entities[e].key == k)
        });
        if same_words.is_some() {
            return same_words;
        }
        if let Some(e) = acronym_of
            .get(words)
            .and_then(|&target| self.entity_of[target])
        {
            return Some(e);
        }
        let may_be_part = c.known.is_none()
            && ((c.ministry.is_none() && matches!(c.ty, EntityType::Per)) || !c.confident);
        // A part of a person's full name: "Haftar" for "Khalifa Haftar".
        let person = may_be_part
            .then(|| self.person_named_in_part(folded))
            .flatten();
        let head = c.ty == EntityType::Org && c.end - c.start == 1 && key.is_none();
        person.or_else(|| head.then(|| org_by_head(&self.orgs, folded)).flatten())
    }

    /// The first person whose full name holds every word of `folded`, and
    /// more.
    fn person_named_in_part(&self, folded: &str) -> Option<usize> {
        let parts: Vec<&str> = folded.split(' ').collect();
        self.persons
            .iter()
            .find(|(_, full)| {
                full.len() > parts.len() && parts.iter().all(|p| full.iter().any(|f| f == p))
            })
            .map(|(e, _)| *e)
    }

    /// A new entity named by candidate `c`.
    fn new_entity(
        &mut self,
        c: &Candidate,
        words: &str,
        folded: &str,
        key: Option<Cow<'static, str>>,
    ) -> usize {
        let e = self.entities.len();
        self.entities.push(Entity {
            name: words.to_string(),
            ty: c.ty,
            key: key.as_deref().unwrap_or_default().to_string(),
            roles: Vec::new(),
            geo: None,
        });
        self.known.push(c.known.clone());
        if c.ty == EntityType::Org && folded.contains(' ') {
            let capitalised = words
                .split_whitespace()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase));
            self.orgs.push((e, folded.to_string(), capitalised));
        }
        if let Some(k) = key {
            self.by_key.insert(k, e);
        }
        e
    }

    /// Keeps the longest name person `e` is known by, as folded words.
    fn remember_person(&mut self, e: usize, folded: &str) {
        let parts: Vec<String> = folded.split(' ').map(str::to_string).collect();
        if let Some(p) = self.persons.iter_mut().find(|(pe, _)| *pe == e) {
            if parts.len() > p.1.len() {
                p.1 = parts;
            }
        } else {
            self.persons.push((e, parts));
        }
    }
}

/// The type of an entity: its first table or ministry mention's type, else
/// its first strongly cued mention's, else the first seen; each candidate
/// then takes its entity's type (a place a table knows keeps its own when
/// the entity is a person).
fn settle_types(cands: &mut [Candidate], entity_of: &[Option<usize>], entities: &mut [Entity]) {
    let mut tabled: Vec<Option<usize>> = vec![None; entities.len()];
    let mut cued: Vec<Option<usize>> = vec![None; entities.len()];
    for (k, c) in cands.iter().enumerate() {
        let e = entity_of[k].expect("every candidate has an entity");
        if c.known.is_some() || c.ministry.is_some() {
            tabled[e].get_or_insert(k);
        }
        if c.confident {
            cued[e].get_or_insert(k);
        }
    }
    for (e, entity) in entities.iter_mut().enumerate() {
        if let Some(k) = tabled[e].or(cued[e]) {
            entity.ty = cands[k].ty;
        }
    }
    for (k, c) in cands.iter_mut().enumerate() {
        let e = entity_of[k].expect("every candidate has an entity");
        let ty = entities[e].ty;
        if c.known.is_none() || c.ty != EntityType::Loc || ty != EntityType::Per {
            c.ty = ty;
        }
    }
}

/// The mentions of the candidates, in order; each candidate's title becomes
/// a role of its entity (once per title).
fn write_mentions(
    doc: &Doc,
    cands: &[Candidate],
    entity_of: &[Option<usize>],
    entities: &mut [Entity],
) -> Vec<Mention> {
    let mut mentions = Vec::with_capacity(cands.len());
    for (k, c) in cands.iter().enumerate() {
        let e = entity_of[k].expect("every candidate has an entity");
        if let Some(&(span, kind)) = c.role.as_deref() {
            let title = doc
                .text
                .slice(span)
                .trim_matches(|ch: char| ch == ',' || ch.is_whitespace())
                .to_string();
            if !entities[e].roles.iter().any(|r| r.title == title) {
                entities[e].roles.push(Role {
                    title,
                    kind: kind.to_string(),
                    of: None,
                    span,
                });
            }
        }
        mentions.push(Mention {
            span: c.span,
            ty: c.ty,
            entity: e,
        });
    }
    mentions
}

/// "porte-parole de Khalifa Haftar": the role is held for the entity named
/// right after it.
fn link_roles(entities: &mut [Entity], mentions: &[Mention]) {
    for (e, entity) in entities.iter_mut().enumerate() {
        for role in entity.roles.iter_mut() {
            let span = role.span;
            role.of = mentions
                .iter()
                .find(|m| m.entity != e && m.span.start > span.start && m.span.end <= span.end + 4)
                .map(|m| m.entity);
        }
    }
}

/// The one organisation of the article whose head word is `folded`: the
/// first word of its name ("l'Agence" for the Agence internationale de
/// l'énergie atomique), or the last when every word of the name is
/// capitalised ("the Court" for the Supreme Court, not "le Congrès" for
/// a commission "du Congrès").
fn org_by_head(orgs: &[(usize, String, bool)], folded: &str) -> Option<usize> {
    let mut heads = orgs.iter().filter(|(_, name, capitalised)| {
        name.split(' ').next() == Some(folded)
            || (*capitalised && name.rsplit(' ').next() == Some(folded))
    });
    let (first, _, _) = heads.next()?;
    heads.all(|(e, _, _)| e == first).then_some(*first)
}
