//! # depeche-code: events in PLOVER, each with the sentence that reports it
//!
//! A dictionary coder, precise first: an event is coded only when a
//! trigger word of the language's `events.tsv` (`rencontré`, `visite`,
//! `struck`) stands in a sentence with a named actor before it (the
//! source) and another after it (the target). Actors are people,
//! organisations and countries. The sentence's city or region is the
//! location, its first resolved date the date. Words before the trigger
//! from `modality.tsv` make the event `negated`, `planned`, `hypothetical`
//! or `reported-denied`; only `asserted` events are facts.
//!
//! Retellings of one event in an article (same type, source and target)
//! merge into one record that keeps every evidence sentence. The CAMEO
//! root code, QuadClass and intensity of each type come from
//! `data/plover.tsv`.

use std::collections::HashMap;
use std::sync::OnceLock;

use depeche_text::{Doc, Entity, EntityType, Mention, Span};

/// A date the dates extractor found: where, and its resolved value.
#[derive(Clone, Debug)]
pub struct DateRef {
    /// The date words in the view.
    pub span: Span,
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, when resolved.
    pub value: Option<String>,
}

/// One coded event.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    /// PLOVER type.
    pub ty: &'static str,
    /// PLOVER mode, when the trigger says it.
    pub mode: Option<&'static str>,
    /// `asserted`, `planned`, `negated`, `hypothetical` or `reported-denied`.
    pub modality: &'static str,
    /// Entity index of who acts.
    pub source: Option<usize>,
    /// Entity index of whom it is done to.
    pub target: Option<usize>,
    /// Entity index of where.
    pub location: Option<usize>,
    /// When.
    pub date: Option<String>,
    /// CAMEO root code.
    pub cameo: &'static str,
    /// GDELT QuadClass.
    pub quad_class: u8,
    /// Intensity, -10 to +10.
    pub intensity: f32,
    /// The sentences that report it.
    pub evidence: Vec<Span>,
}

struct Trigger {
    ty: &'static str,
    mode: Option<&'static str>,
}

struct Lexicon {
    exact: HashMap<&'static str, Trigger>,
    prefixes: Vec<(&'static str, Trigger)>,
    modality: HashMap<&'static str, &'static str>,
    prepositions: Vec<&'static str>,
}

fn lexicon(lang: &str) -> &'static Lexicon {
    static ALL: OnceLock<HashMap<&'static str, Lexicon>> = OnceLock::new();
    static EMPTY: OnceLock<Lexicon> = OnceLock::new();
    let all = ALL.get_or_init(|| {
        depeche_lexicon::languages()
            .into_iter()
            .map(|l| {
                let mut lex = Lexicon {
                    exact: HashMap::new(),
                    prefixes: Vec::new(),
                    modality: HashMap::new(),
                    prepositions: Vec::new(),
                };
                for r in depeche_lexicon::lang_rows(l, "events.tsv").filter(|r| r.len() >= 2) {
                    let trigger = Trigger {
                        ty: r[1],
                        mode: r.get(2).copied().filter(|m| !m.is_empty()),
                    };
                    match r[0].strip_suffix('*') {
                        Some(prefix) => lex.prefixes.push((prefix, trigger)),
                        None => {
                            lex.exact.insert(r[0], trigger);
                        }
                    }
                }
                lex.prepositions = depeche_lexicon::lang_rows(l, "prepositions.txt")
                    .map(|r| r[0])
                    .collect();
                lex.modality = depeche_lexicon::lang_rows(l, "modality.tsv")
                    .filter(|r| r.len() >= 2)
                    .map(|r| (r[0], r[1]))
                    .collect();
                (l, lex)
            })
            .collect()
    });
    all.get(lang).unwrap_or_else(|| {
        EMPTY.get_or_init(|| Lexicon {
            exact: HashMap::new(),
            prefixes: Vec::new(),
            modality: HashMap::new(),
            prepositions: Vec::new(),
        })
    })
}

/// CAMEO root, QuadClass and intensity of a PLOVER type.
fn plover(ty: &str) -> (&'static str, u8, f32) {
    static TABLE: OnceLock<HashMap<&'static str, (&'static str, u8, f32)>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        depeche_lexicon::rows("plover.tsv")
            .filter(|r| r.len() >= 4)
            .map(|r| {
                (
                    r[0],
                    (r[1], r[2].parse().unwrap_or(0), r[3].parse().unwrap_or(0.0)),
                )
            })
            .collect()
    });
    table.get(ty).copied().unwrap_or(("", 0, 0.0))
}

/// Whether an entity can act in an event: a person, an organisation, or a country.
fn is_actor(entity: &Entity) -> bool {
    match entity.ty {
        EntityType::Per | EntityType::Org => true,
        EntityType::Loc => entity.geo.as_ref().is_some_and(|g| g.kind == "country"),
        EntityType::Misc => false,
    }
}

/// Whether a place can be where an event happens: a city or a region.
fn is_venue(entity: &Entity) -> bool {
    entity.ty == EntityType::Loc && entity.geo.as_ref().is_none_or(|g| g.kind != "country")
}

/// Types whose two sides play the same part: a meeting of A and B is one
/// of B and A.
const SYMMETRIC: [&str; 3] = ["CONSULT", "COOPERATE", "AGREE"];

/// Whether two actors are one side: the same entity, or an organisation
/// of the other's country ("russia-ministry-of-defence" and "russia").
fn affiliated(a: &Entity, b: &Entity) -> bool {
    a.key == b.key
        || a.key.starts_with(&format!("{}-", b.key))
        || b.key.starts_with(&format!("{}-", a.key))
}

/// The entity of the country a place is in, when the article names it.
fn host_country(place: usize, entities: &[Entity]) -> Option<usize> {
    let cc = &entities[place].geo.as_ref()?.country;
    entities.iter().position(|e| {
        e.geo
            .as_ref()
            .is_some_and(|g| g.kind == "country" && &g.country == cc)
    })
}

/// Codes the events of a document.
pub fn code_events(
    doc: &Doc,
    mentions: &[Mention],
    entities: &[Entity],
    dates: &[DateRef],
) -> Vec<Event> {
    let lex = lexicon(doc.lang.code);
    let mut events: Vec<Event> = Vec::new();
    for sentence in &doc.sentences {
        let inside: Vec<&Mention> = mentions
            .iter()
            .filter(|m| sentence.span.contains(&m.span))
            .collect();
        if inside.len() < 2 {
            continue;
        }
        for t in sentence.tokens.clone() {
            let word = doc.token_text(t).to_lowercase();
            let trigger = lex.exact.get(word.as_str()).or_else(|| {
                lex.prefixes
                    .iter()
                    .find(|(p, _)| word.starts_with(p))
                    .map(|(_, tr)| tr)
            });
            let Some(trigger) = trigger else { continue };
            let at = doc.tokens[t].span.start;
            // A trigger word inside a name ("Forces de soutien rapide") is no trigger.
            if inside.iter().any(|m| m.span.contains(&doc.tokens[t].span)) {
                continue;
            }
            // The source is the subject: the nearest actor before the
            // trigger that no preposition governs ("in Yemen" is not).
            let governed = |m: &Mention| {
                let k = doc
                    .tokens
                    .partition_point(|tok| tok.span.end <= m.span.start);
                k > sentence.tokens.start
                    && lex
                        .prepositions
                        .contains(&doc.token_text(k - 1).to_lowercase().as_str())
            };
            let before = || {
                inside
                    .iter()
                    .rev()
                    .filter(|m| m.span.end <= at && is_actor(&entities[m.entity]))
            };
            // With no actor before it, a nominal trigger opens the sentence
            // ("In a meeting in Benghazi, X told Y"): the first actor after
            // it acts.
            let after = |from: usize| {
                inside
                    .iter()
                    .filter(move |m| m.span.start > from && is_actor(&entities[m.entity]))
            };
            let source = before()
                .find(|m| !governed(m))
                .or_else(|| before().next())
                .or_else(|| after(at).find(|m| !governed(m)))
                .map(|m| m.entity);
            let Some(source) = source else { continue };
            let source_end = inside
                .iter()
                .find(|m| m.entity == source && m.span.start > at)
                .map_or(at, |m| m.span.end);
            let location = inside
                .iter()
                .find(|m| is_venue(&entities[m.entity]))
                .map(|m| m.entity);
            let target = after(source_end.max(at))
                .find(|m| !affiliated(&entities[source], &entities[m.entity]))
                .map(|m| m.entity)
                .or_else(|| {
                    // A visit's host is the country of the place visited.
                    (trigger.mode == Some("visit"))
                        .then(|| host_country(location?, entities))
                        .flatten()
                        .filter(|&h| !affiliated(&entities[source], &entities[h]))
                });
            let Some(target) = target else { continue };
            let modality = (sentence.tokens.start.max(t.saturating_sub(4))..t)
                .find_map(|k| {
                    lex.modality
                        .get(doc.token_text(k).to_lowercase().as_str())
                        .copied()
                })
                .unwrap_or("asserted");
            let date = dates
                .iter()
                .find(|d| sentence.span.contains(&d.span) && d.value.is_some())
                .and_then(|d| d.value.clone());
            let symmetric = SYMMETRIC.contains(&trigger.ty);
            let same_actors = |e: &Event| {
                (e.source == Some(source) && e.target == Some(target))
                    || (symmetric && e.source == Some(target) && e.target == Some(source))
            };
            if let Some(same) = events
                .iter_mut()
                .find(|e| e.ty == trigger.ty && same_actors(e))
            {
                if !same.evidence.contains(&sentence.span) {
                    same.evidence.push(sentence.span);
                }
                same.location = same.location.or(location);
                same.date = same.date.take().or(date);
                break;
            }
            let (cameo, quad_class, intensity) = plover(trigger.ty);
            events.push(Event {
                ty: trigger.ty,
                mode: trigger.mode,
                modality,
                source: Some(source),
                target: Some(target),
                location,
                date,
                cameo,
                quad_class,
                intensity,
                evidence: vec![sentence.span],
            });
            break;
        }
    }
    events
}

#[cfg(test)]
mod tests {
    use super::*;
    use depeche_text::Geo;

    fn entity(name: &str, ty: EntityType, kind: Option<&str>) -> Entity {
        Entity {
            name: name.into(),
            ty,
            key: name.to_lowercase(),
            roles: Vec::new(),
            geo: kind.map(|k| Geo {
                lat: 0.0,
                lon: 0.0,
                country: String::new(),
                geonames_id: None,
                kind: k.into(),
            }),
        }
    }

    fn code(
        text: &str,
        lang: &str,
        names: &[(&str, EntityType, Option<&str>)],
    ) -> (Vec<Event>, Vec<Entity>) {
        let doc = Doc::new(text, Some(lang));
        let entities: Vec<Entity> = names.iter().map(|(n, t, k)| entity(n, *t, *k)).collect();
        let mut mentions: Vec<Mention> = names
            .iter()
            .enumerate()
            .map(|(e, (n, t, _))| {
                let start = doc.text.view().find(n).expect("name in text");
                Mention {
                    span: Span::new(start, start + n.len()),
                    ty: *t,
                    entity: e,
                }
            })
            .collect();
        mentions.sort_by_key(|m| m.span.start);
        (code_events(&doc, &mentions, &entities, &[]), entities)
    }

    #[test]
    fn french_meeting_between_two_people_in_a_city() {
        let (events, _) = code(
            "Le ministre Jean Dupont a rencontré Ali Ahmed à Tunis.",
            "fr",
            &[
                ("Jean Dupont", EntityType::Per, None),
                ("Ali Ahmed", EntityType::Per, None),
                ("Tunis", EntityType::Loc, Some("city")),
            ],
        );
        assert_eq!(events.len(), 1);
        let e = &events[0];
        assert_eq!(
            (e.ty, e.mode, e.modality),
            ("CONSULT", Some("meet"), "asserted")
        );
        assert_eq!(
            (e.source, e.target, e.location),
            (Some(0), Some(1), Some(2))
        );
        assert_eq!((e.cameo, e.quad_class), ("04", 1));
    }

    #[test]
    fn english_strike_by_a_country_on_a_group() {
        let (events, _) = code(
            "Israel struck Hamas positions overnight.",
            "en",
            &[
                ("Israel", EntityType::Loc, Some("country")),
                ("Hamas", EntityType::Org, None),
            ],
        );
        assert_eq!(events[0].ty, "ASSAULT");
        assert_eq!((events[0].source, events[0].target), (Some(0), Some(1)));
    }

    #[test]
    fn negation_and_plans_are_not_asserted() {
        let (events, _) = code(
            "La France n'a pas sanctionné le Mali.",
            "fr",
            &[
                ("France", EntityType::Loc, Some("country")),
                ("Mali", EntityType::Loc, Some("country")),
            ],
        );
        assert_eq!(events[0].modality, "negated");
        let (events, _) = code(
            "Russia will deploy troops to Belarus.",
            "en",
            &[
                ("Russia", EntityType::Loc, Some("country")),
                ("Belarus", EntityType::Loc, Some("country")),
            ],
        );
        assert_eq!((events[0].ty, events[0].modality), ("MOBILIZE", "planned"));
    }

    #[test]
    fn a_nominal_trigger_opening_the_sentence_takes_the_actors_after_it() {
        let (events, _) = code(
            "In a meeting in Tunis, Ali Ahmed told Jean Dupont about the plan.",
            "en",
            &[
                ("Tunis", EntityType::Loc, Some("city")),
                ("Ali Ahmed", EntityType::Per, None),
                ("Jean Dupont", EntityType::Per, None),
            ],
        );
        assert_eq!(
            (
                events[0].ty,
                events[0].source,
                events[0].target,
                events[0].location
            ),
            ("CONSULT", Some(1), Some(2), Some(0))
        );
    }

    #[test]
    fn a_visit_s_host_is_the_country_of_the_place_visited() {
        let doc_names = [
            ("Tunisie", EntityType::Loc, Some("country")),
            ("Ali Ahmed", EntityType::Per, None),
            ("Sfax", EntityType::Loc, Some("city")),
        ];
        let doc = Doc::new(
            "La Tunisie attend. Ali Ahmed s'est rendu à Sfax.",
            Some("fr"),
        );
        let mut entities: Vec<Entity> = doc_names
            .iter()
            .map(|(n, t, k)| entity(n, *t, *k))
            .collect();
        for e in entities.iter_mut() {
            if let Some(g) = e.geo.as_mut() {
                g.country = "TN".into();
            }
        }
        let mentions: Vec<Mention> = doc_names
            .iter()
            .enumerate()
            .map(|(e, (n, t, _))| {
                let start = doc.text.view().find(n).expect("name");
                Mention {
                    span: Span::new(start, start + n.len()),
                    ty: *t,
                    entity: e,
                }
            })
            .collect();
        let events = code_events(&doc, &mentions, &entities, &[]);
        assert_eq!(
            (
                events[0].ty,
                events[0].mode,
                events[0].source,
                events[0].target
            ),
            ("CONSULT", Some("visit"), Some(1), Some(0))
        );
    }

    #[test]
    fn no_event_without_two_actors() {
        let (events, _) = code(
            "Des manifestants ont défilé à Dakar.",
            "fr",
            &[("Dakar", EntityType::Loc, Some("city"))],
        );
        assert!(events.is_empty());
    }

    #[test]
    fn retellings_merge_with_every_sentence_kept() {
        let (events, _) = code(
            "Ali Ahmed a rencontré Jean Dupont. Plus tard, Ali Ahmed a de nouveau rencontré Jean Dupont.",
            "fr",
            &[("Ali Ahmed", EntityType::Per, None), ("Jean Dupont", EntityType::Per, None)],
        );
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].evidence.len(), 1);
    }
}
