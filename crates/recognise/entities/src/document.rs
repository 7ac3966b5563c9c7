//! Pass 3: document consistency. Candidates become mentions of entities:
//! the same known key, the same ministry, the same words, a surname alone
//! after (or before) the full name, an acronym in parentheses after its
//! expansion, all name one entity; weakly typed mentions take the type
//! their entity has elsewhere.

use std::borrow::Cow;

use rustc_hash::FxHashMap as HashMap;

use depeche_text::{Doc, Entity, EntityType, Mention, Role};

use crate::spans::Candidate;
use crate::Entities;

fn fold(s: &str) -> String {
    s.to_lowercase().replace(['-', '\''], " ")
}

/// Groups candidates into entities and writes the mentions.
pub fn resolve(doc: &Doc, mut cands: Vec<Candidate>) -> Entities {
    let view = doc.text.view();
    let surface = |c: &Candidate| &view[c.span.start..c.span.end];
    // An acronym in parentheses right after a name is that name's acronym.
    let mut acronym_of: HashMap<&str, usize> = HashMap::default();
    for k in 1..cands.len() {
        let (prev, this) = (&cands[k - 1], &cands[k]);
        let gap = &view[prev.span.end..this.span.start];
        let word = surface(this);
        let closes = view[this.span.end..].trim_start().starts_with(')');
        if gap.trim() == "("
            && closes
            && word.chars().all(|c| c.is_uppercase() || c == '.')
            && prev.end - prev.start >= 2
        {
            acronym_of.insert(word, k - 1);
        }
    }
    let mut entity_of: Vec<Option<usize>> = vec![None; cands.len()];
    let mut entities: Vec<Entity> = Vec::new();
    let mut known = Vec::new();
    let mut by_key: HashMap<Cow<'static, str>, usize> = HashMap::default();
    let mut by_words: HashMap<String, usize> = HashMap::default();
    let mut persons: Vec<(usize, Vec<String>)> = Vec::new();
    // Organisations named in two words or more: their folded names, and
    // whether every word is capitalised (a head may then end the name).
    let mut orgs: Vec<(usize, String, bool)> = Vec::new();
    let strong = |c: &Candidate| {
        c.known.is_some()
            || c.ministry.is_some()
            || c.part_of.is_some()
            || c.end - c.start >= 2
            || c.confident
    };
    // Strong candidates first, so that a surname in a headline finds the
    // full name given later in the body.
    let order: Vec<usize> = (0..cands.len())
        .filter(|&k| strong(&cands[k]))
        .chain((0..cands.len()).filter(|&k| !strong(&cands[k])))
        .collect();
    for k in order {
        let c = &cands[k];
        let words = surface(c);
        let folded = fold(words);
        let key: Option<Cow<'static, str>> = if let Some(kn) = &c.known {
            Some(Cow::Borrowed(kn.key))
        } else {
            c.ministry
                .map(|(slug, country)| match country {
                    Some(cc) => format!("{cc}-ministry-of-{slug}"),
                    None => format!("ministry-of-{slug}"),
                })
                .or_else(|| {
                    c.part_of.map(|(slug, country)| match country {
                        Some(cc) => format!("{cc}-part-{slug}"),
                        None => format!("part-{slug}"),
                    })
                })
                .map(Cow::Owned)
        };
        let mut found = key.as_deref().and_then(|k| by_key.get(k).copied());
        if found.is_none() {
            if let Some((slug, None)) = c.ministry {
                let suffix = format!("ministry-of-{slug}");
                found = by_key
                    .iter()
                    .find(|(k, _)| k.ends_with(&suffix))
                    .map(|(_, &e)| e);
            }
        }
        if found.is_none() {
            // The same words name the same entity, unless a table gives
            // them another key here (a capital standing for its state).
            found = by_words.get(&folded).copied().filter(|&e| {
                key.as_deref()
                    .is_none_or(|k| entities[e].key.is_empty() || entities[e].key == k)
            });
        }
        if found.is_none() {
            if let Some(&target) = acronym_of.get(words) {
                found = entity_of[target];
            }
        }
        if found.is_none()
            && c.known.is_none()
            && c.ministry.is_none()
            && matches!(c.ty, EntityType::Per)
            || (found.is_none() && !c.confident && c.known.is_none())
        {
            // A part of a person's full name: "Haftar" for "Khalifa Haftar".
            let parts: Vec<&str> = folded.split(' ').collect();
            found = persons
                .iter()
                .filter(|(_, full)| {
                    full.len() > parts.len() && parts.iter().all(|p| full.iter().any(|f| f == p))
                })
                .map(|(e, _)| *e)
                .next();
        }
        if found.is_none() && c.ty == EntityType::Org && c.end - c.start == 1 && key.is_none() {
            found = org_by_head(&orgs, &folded);
        }
        let e = match found {
            Some(e) => e,
            None => {
                let e = entities.len();
                entities.push(Entity {
                    name: words.to_string(),
                    ty: c.ty,
                    key: key.as_deref().unwrap_or_default().to_string(),
                    roles: Vec::new(),
                    geo: None,
                });
                known.push(c.known.clone());
                if c.ty == EntityType::Org && folded.contains(' ') {
                    let capitalised = words
                        .split_whitespace()
                        .all(|w| w.chars().next().is_some_and(char::is_uppercase));
                    orgs.push((e, folded.clone(), capitalised));
                }
                if let Some(k) = key {
                    by_key.insert(k, e);
                }
                e
            }
        };
        if entities[e].ty == EntityType::Per || (found.is_none() && c.ty == EntityType::Per) {
            let parts: Vec<String> = folded.split(' ').map(str::to_string).collect();
            if let Some(p) = persons.iter_mut().find(|(pe, _)| *pe == e) {
                if parts.len() > p.1.len() {
                    p.1 = parts;
                }
            } else {
                persons.push((e, parts));
            }
        }
        if words.chars().count() > entities[e].name.chars().count()
            && !acronym_of.contains_key(words)
        {
            entities[e].name = words.to_string();
        }
        by_words.entry(folded).or_insert(e);
        entity_of[k] = Some(e);
    }
    // The type of an entity: its first table or ministry mention's type,
    // else its first strongly cued mention's, else the first seen.
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
    let mut mentions = Vec::with_capacity(cands.len());
    for (k, c) in cands.iter().enumerate() {
        let e = entity_of[k].expect("every candidate has an entity");
        if let Some((span, kind)) = c.role {
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
    link_roles(&mut entities, &mentions);
    Entities {
        mentions,
        entities,
        known,
    }
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
