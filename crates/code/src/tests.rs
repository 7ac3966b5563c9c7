//! The coder's rules, each in both languages, on sentences written for them.

use super::*;
use depeche_text::{EntityType, Geo, Granularity};

#[test]
fn the_listed_triggers_and_demonyms_are_those_a_scan_finds() {
    for (text, lang) in [
        ("Des navires russes ont attaqué la Tunisie, 12 fois.", "fr"),
        ("Russian warships attacked Tunisia after talks.", "en"),
    ] {
        let doc = Doc::new(text, Some(lang));
        let lex = Lexicon::get(lang);
        let words = Words::read(&doc, lex);
        let scan = |keep: &dyn Fn(&lexicon::Word) -> bool| {
            (0..doc.tokens.len())
                .filter(|&t| doc.tokens[t].kind == TokenKind::Word && keep(&words[t]))
                .collect::<Vec<_>>()
        };
        let (triggers, demonyms) = trigger_and_demonym_tokens(&doc, &words);
        assert_eq!(triggers, scan(&|w| w.trigger.is_some()), "{text}");
        assert_eq!(demonyms, scan(&|w| w.demonym.is_some()), "{text}");
        assert!(!triggers.is_empty() && !demonyms.is_empty());
    }
}

#[test]
fn within_keeps_the_tokens_of_a_range() {
    let tokens = [1, 4, 5, 9, 12];
    assert_eq!(within(&tokens, &(4..10)), [4, 5, 9]);
    assert_eq!(within(&tokens, &(0..1)), [] as [usize; 0]);
    assert_eq!(within(&tokens, &(12..13)), [12]);
    assert_eq!(within(&tokens, &(6..9)), [] as [usize; 0]);
}

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
    (code_events(&doc, &mentions, &entities, &[], &[]), entities)
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
    assert_eq!((e.cameo, e.quad_class), ("040", 1));
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
    // A plan or an attempt told in the past is no fact either.
    for (text, lang, modality) in [
        ("La France devait rencontrer le Mali.", "fr", "planned"),
        ("France tried to meet Mali.", "en", "hypothetical"),
    ] {
        let (events, _) = code(
            text,
            lang,
            &[
                ("France", EntityType::Loc, Some("country")),
                ("Mali", EntityType::Loc, Some("country")),
            ],
        );
        assert_eq!(events[0].modality, modality, "{text}");
    }
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
    let events = code_events(&doc, &mentions, &entities, &[], &[]);
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

/// An entity of a test article: its name, type, key, place kind and
/// country code, and the titles it holds.
struct Named<'a> {
    name: &'a str,
    ty: EntityType,
    key: &'a str,
    place: Option<(&'a str, &'a str)>,
    roles: &'a [&'a str],
}

fn per<'a>(name: &'a str) -> Named<'a> {
    Named {
        name,
        ty: EntityType::Per,
        key: name,
        place: None,
        roles: &[],
    }
}

fn country<'a>(name: &'a str, key: &'a str, cc: &'a str) -> Named<'a> {
    Named {
        name,
        ty: EntityType::Loc,
        key,
        place: Some(("country", cc)),
        roles: &[],
    }
}

fn city<'a>(name: &'a str, cc: &'a str) -> Named<'a> {
    Named {
        name,
        ty: EntityType::Loc,
        key: name,
        place: Some(("city", cc)),
        roles: &[],
    }
}

/// Codes `text` with every occurrence of each name as a mention.
fn code_all(text: &str, lang: &str, names: &[Named]) -> (Vec<Event>, Vec<Entity>) {
    code_dated(text, lang, names, &[])
}

/// Codes `text` with every occurrence of each name as a mention and
/// each `(words, value)` date at its first occurrence.
fn code_dated(
    text: &str,
    lang: &str,
    names: &[Named],
    dated: &[(&str, &str)],
) -> (Vec<Event>, Vec<Entity>) {
    let doc = Doc::new(text, Some(lang));
    let view = doc.text.view();
    let entities: Vec<Entity> = names
        .iter()
        .map(|n| Entity {
            name: n.name.into(),
            ty: n.ty,
            key: n.key.into(),
            roles: n
                .roles
                .iter()
                .map(|t| depeche_text::Role {
                    title: t.to_string(),
                    kind: "political".into(),
                    of: None,
                    span: Span::new(0, 0),
                })
                .collect(),
            geo: n.place.map(|(kind, cc)| Geo {
                lat: 0.0,
                lon: 0.0,
                country: cc.into(),
                geonames_id: None,
                kind: kind.into(),
            }),
        })
        .collect();
    let mut mentions: Vec<Mention> = Vec::new();
    for (e, n) in names.iter().enumerate() {
        for (start, _) in view.match_indices(n.name) {
            let span = Span::new(start, start + n.name.len());
            // A name ends a word: "Israel" in "Israeli" is no mention.
            let whole = !view[span.end..].starts_with(char::is_alphanumeric);
            if whole && !mentions.iter().any(|m| m.span.overlaps(&span)) {
                mentions.push(Mention {
                    span,
                    ty: n.ty,
                    entity: e,
                });
            }
        }
    }
    mentions.sort_by_key(|m| m.span.start);
    let dates: Vec<DateMention> = dated
        .iter()
        .map(|(words, value)| {
            let at = view.find(words).expect("date in text");
            DateMention {
                span: Span::new(at, at + words.len()),
                value: Some(value.to_string()),
                granularity: match value.len() {
                    4 => Granularity::Year,
                    7 => Granularity::Month,
                    _ => Granularity::Day,
                },
            }
        })
        .collect();
    (
        code_events(&doc, &mentions, &entities, &dates, &[]),
        entities,
    )
}

/// The type, source key and target key of each event.
fn triples(events: &[Event], entities: &[Entity]) -> Vec<(String, String, String)> {
    let key = |e: Option<usize>| e.map_or("-".to_string(), |e| entities[e].key.clone());
    events
        .iter()
        .map(|e| (e.ty.to_string(), key(e.source), key(e.target)))
        .collect()
}

fn t(ty: &str, s: &str, o: &str) -> (String, String, String) {
    (ty.into(), s.into(), o.into())
}

#[test]
fn a_possessor_before_a_named_official_does_not_act() {
    let (ev, ents) = code_all(
        "In a meeting in Tunis, Tunisia's foreign minister Ali Ahmed told Jean Dupont about the plan.",
        "en",
        &[city("Tunis", "TN"), country("Tunisia", "tunisia", "TN"), per("Ali Ahmed"), per("Jean Dupont")],
    );
    assert_eq!(
        triples(&ev, &ents),
        [t("CONSULT", "Ali Ahmed", "Jean Dupont")]
    );
}

#[test]
fn between_names_both_sides_of_a_nominal_trigger() {
    let (ev, ents) = code_all(
        "La délégation est venue pour une visite qui fait suite aux négociations entre la France et le Mali.",
        "fr",
        &[country("France", "france", "FR"), country("Mali", "mali", "ML")],
    );
    assert_eq!(triples(&ev, &ents), [t("CONSULT", "france", "mali")]);
}

#[test]
fn a_passive_trigger_s_agent_acts_and_a_host_is_the_target() {
    let (ev, ents) = code_all(
        "La France a été attaquée par le Mali.",
        "fr",
        &[
            country("France", "france", "FR"),
            country("Mali", "mali", "ML"),
        ],
    );
    assert_eq!(triples(&ev, &ents), [t("ASSAULT", "mali", "france")]);
    let (ev, ents) = code_all(
        "Ali Ahmed reçu à Tunis par Jean Dupont",
        "fr",
        &[per("Ali Ahmed"), per("Jean Dupont"), city("Tunis", "TN")],
    );
    assert_eq!(
        triples(&ev, &ents),
        [t("CONSULT", "Ali Ahmed", "Jean Dupont")]
    );
    let (ev, ents) = code_all(
        "Jean Dupont received Ali Ahmed in Tunis.",
        "en",
        &[per("Ali Ahmed"), per("Jean Dupont"), city("Tunis", "TN")],
    );
    assert_eq!(
        triples(&ev, &ents),
        [t("CONSULT", "Ali Ahmed", "Jean Dupont")]
    );
    let (ev, ents) = code_all(
        "Ali Ahmed a été reçu par Jean Dupont à Tunis.",
        "fr",
        &[per("Ali Ahmed"), per("Jean Dupont"), city("Tunis", "TN")],
    );
    assert_eq!(
        triples(&ev, &ents),
        [t("CONSULT", "Ali Ahmed", "Jean Dupont")]
    );
    assert_eq!(ev[0].location, Some(2));
}

#[test]
fn a_relative_clause_acts_through_its_antecedent() {
    let (ev, ents) = code_all(
        "Le Mali accuse Ali Ahmed, qui a attaqué la France.",
        "fr",
        &[
            country("Mali", "mali", "ML"),
            per("Ali Ahmed"),
            country("France", "france", "FR"),
        ],
    );
    assert_eq!(
        triples(&ev, &ents),
        [
            t("ACCUSE", "mali", "Ali Ahmed"),
            t("ASSAULT", "Ali Ahmed", "france")
        ]
    );
}

#[test]
fn a_subject_pronoun_is_the_previous_sentence_s_actor() {
    let (ev, ents) = code_all(
        "Ali Ahmed est resté chez lui. Il a rencontré Jean Dupont mardi.",
        "fr",
        &[per("Ali Ahmed"), per("Jean Dupont")],
    );
    assert_eq!(
        triples(&ev, &ents),
        [t("CONSULT", "Ali Ahmed", "Jean Dupont")]
    );
    let (ev, ents) = code_all(
        "Ali Ahmed stayed home. He later met Jean Dupont.",
        "en",
        &[per("Ali Ahmed"), per("Jean Dupont")],
    );
    assert_eq!(
        triples(&ev, &ents),
        [t("CONSULT", "Ali Ahmed", "Jean Dupont")]
    );
}

#[test]
fn a_title_one_person_holds_stands_for_that_person() {
    let ahmed = Named {
        roles: &["vice-ministre tunisien de la Défense"],
        ..per("Ali Ahmed")
    };
    let (ev, ents) = code_all(
        "Le vice-ministre tunisien de la Défense, Ali Ahmed, est à Paris. Le vice-ministre tunisien de la Défense a rencontré Jean Dupont.",
        "fr",
        &[ahmed, per("Jean Dupont"), city("Paris", "FR")],
    );
    assert_eq!(
        triples(&ev, &ents),
        [t("CONSULT", "Ali Ahmed", "Jean Dupont")]
    );
}

#[test]
fn a_pronoun_after_a_fronted_place_is_a_subject_not_a_place() {
    // "elle" is a mention of Freedonia, as the references make it.
    let elle = Named {
        name: "elle",
        ..country("Freedonie", "freedonia", "FD")
    };
    let (ev, ents) = code_all(
        "La Freedonie cherche des alliés. En Sylvanie, elle soutient Jean Dupont.",
        "fr",
        &[
            country("Freedonie", "freedonia", "FD"),
            country("Sylvanie", "sylvania", "SY"),
            elle,
            per("Jean Dupont"),
        ],
    );
    assert_eq!(
        triples(&ev, &ents),
        [t("SUPPORT", "freedonia", "Jean Dupont")]
    );
}

#[test]
fn the_state_s_police_may_arrest_one_of_its_own() {
    let president = Named {
        roles: &["président kényan"],
        ..per("Jean Dupont")
    };
    let (ev, ents) = code_all(
        "Le Kenya est tendu. Jean Dupont a été arrêté par la police lundi.",
        "fr",
        &[country("Kenya", "kenya", "KE"), president],
    );
    assert_eq!(triples(&ev, &ents), [t("COERCE", "kenya", "Jean Dupont")]);
    let president = Named {
        roles: &["Kenyan President"],
        ..per("John Smith")
    };
    let (ev, ents) = code_all(
        "Kenya is tense. John Smith is under police custody.",
        "en",
        &[country("Kenya", "kenya", "KE"), president],
    );
    assert_eq!(triples(&ev, &ents), [t("COERCE", "kenya", "John Smith")]);
}

#[test]
fn an_act_right_after_after_is_one_of_its_own_by_the_same_subject() {
    let army = Named {
        ty: EntityType::Org,
        ..per("Army")
    };
    let (ev, ents) = code_all(
        "Kenya is tense. Prime Minister John Smith resigned after meeting with Army Chief Paul Jones.",
        "en",
        &[country("Kenya", "kenya", "KE"), per("John Smith"), army, per("Paul Jones")],
    );
    assert_eq!(
        triples(&ev, &ents),
        [
            t("RETREAT", "John Smith", "kenya"),
            t("CONSULT", "John Smith", "Paul Jones")
        ]
    );
    let (ev, ents) = code_all(
        "Le Kenya est tendu. Le ministre Jean Dupont a démissionné après avoir rencontré Paul Biya.",
        "fr",
        &[country("Kenya", "kenya", "KE"), per("Jean Dupont"), per("Paul Biya")],
    );
    assert_eq!(
        triples(&ev, &ents),
        [
            t("RETREAT", "Jean Dupont", "kenya"),
            t("CONSULT", "Jean Dupont", "Paul Biya")
        ]
    );
    // A clause of its own after "after" has its own subject.
    let (ev, _) = code_all(
        "Kenya is tense. John Smith resigned after Paul Jones met the envoy.",
        "en",
        &[
            country("Kenya", "kenya", "KE"),
            per("John Smith"),
            per("Paul Jones"),
        ],
    );
    assert_eq!(ev.len(), 1);
}

#[test]
fn a_demonym_stands_for_its_country() {
    let (ev, ents) = code_all(
        "La Russie dément. Des navires russes ont attaqué la Tunisie.",
        "fr",
        &[
            country("Russie", "russia", "RU"),
            country("Tunisie", "tunisia", "TN"),
        ],
    );
    assert_eq!(triples(&ev, &ents), [t("ASSAULT", "russia", "tunisia")]);
    let (ev, ents) = code_all(
        "Russia denies it. Russian warships attacked Tunisia.",
        "en",
        &[
            country("Russia", "russia", "RU"),
            country("Tunisia", "tunisia", "TN"),
        ],
    );
    assert_eq!(triples(&ev, &ents), [t("ASSAULT", "russia", "tunisia")]);
}

#[test]
fn a_recipient_after_a_dative_is_the_target_but_a_place_visited_is_not() {
    let (ev, ents) = code_all(
        "La France a livré des armes à l'Ukraine.",
        "fr",
        &[
            country("France", "france", "FR"),
            country("Ukraine", "ukraine", "UA"),
        ],
    );
    assert_eq!(triples(&ev, &ents), [t("AID", "france", "ukraine")]);
    let (ev, ents) = code_all(
        "Ali Ahmed a visité à Tunis la Tunisie.",
        "fr",
        &[
            per("Ali Ahmed"),
            city("Tunis", "TN"),
            country("Tunisie", "tunisia", "TN"),
        ],
    );
    assert_eq!(triples(&ev, &ents), [t("CONSULT", "Ali Ahmed", "tunisia")]);
    assert_eq!(ev[0].location, Some(1));
}

#[test]
fn the_subject_of_a_reported_clause_is_not_the_target() {
    let (ev, ents) = code_all(
        "Joe Smith warned that France will not tolerate Mali's attacks.",
        "en",
        &[
            per("Joe Smith"),
            country("France", "france", "FR"),
            country("Mali", "mali", "ML"),
        ],
    );
    assert_eq!(triples(&ev, &ents), [t("THREATEN", "Joe Smith", "mali")]);
}

#[test]
fn a_reporter_and_a_place_are_not_actors() {
    let (ev, ents) = code_all(
        "American jets struck Yemen sites, according to US officials.",
        "en",
        &[
            country("Yemen", "yemen", "YE"),
            country("US", "united-states", "US"),
        ],
    );
    assert_eq!(
        triples(&ev, &ents),
        [t("ASSAULT", "united-states", "yemen")]
    );
}

#[test]
fn one_event_per_clause() {
    let (ev, ents) = code_all(
        "Ali Ahmed a discuté de la coopération militaire avec Jean Dupont.",
        "fr",
        &[per("Ali Ahmed"), per("Jean Dupont")],
    );
    assert_eq!(
        triples(&ev, &ents),
        [t("CONSULT", "Ali Ahmed", "Jean Dupont")]
    );
}

#[test]
fn a_retelling_by_a_country_and_by_its_minister_is_one_event_with_the_minister() {
    let ahmed = Named {
        roles: &["ministre russe"],
        ..per("Ali Ahmed")
    };
    let (ev, ents) = code_all(
        "La Russie a attaqué la Tunisie. Le ministre russe Ali Ahmed a attaqué la Tunisie.",
        "fr",
        &[
            country("Russie", "russia", "RU"),
            country("Tunisie", "tunisia", "TN"),
            ahmed,
        ],
    );
    assert_eq!(triples(&ev, &ents), [t("ASSAULT", "Ali Ahmed", "tunisia")]);
    assert_eq!(ev[0].evidence.len(), 2);
}

#[test]
fn meetings_in_two_cities_are_two_events() {
    let (ev, _) = code_all(
        "Ali Ahmed a rencontré Jean Dupont à Tunis. Ali Ahmed a rencontré Jean Dupont à Sfax.",
        "fr",
        &[
            per("Ali Ahmed"),
            per("Jean Dupont"),
            city("Tunis", "TN"),
            city("Sfax", "TN"),
        ],
    );
    assert_eq!(ev.len(), 2);
}

/// One sentence per PLOVER type and language: "Mali <verb> Niger".
#[test]
fn every_type_in_both_languages() {
    let cases = [
        (
            "AGREE",
            "Le Mali a signé avec le Niger.",
            "Mali signed with Niger.",
        ),
        (
            "CONSULT",
            "Le Mali a rencontré le Niger.",
            "Mali met Niger.",
        ),
        (
            "SUPPORT",
            "Le Mali soutient le Niger.",
            "Mali backed Niger.",
        ),
        (
            "CONCEDE",
            "Le Mali a fait des concessions au Niger.",
            "Mali conceded to Niger.",
        ),
        (
            "COOPERATE",
            "Le Mali coopère avec le Niger.",
            "Mali cooperates with Niger.",
        ),
        ("AID", "Le Mali a livré le Niger.", "Mali supplied Niger."),
        (
            "RETREAT",
            "Le Mali a retiré ses troupes du Niger.",
            "Mali withdrew from Niger.",
        ),
        (
            "REQUEST",
            "Le Mali a exigé du Niger une réponse.",
            "Mali demanded Niger answer.",
        ),
        ("ACCUSE", "Le Mali accuse le Niger.", "Mali accused Niger."),
        (
            "REJECT",
            "Le Mali a rejeté le Niger.",
            "Mali rejected Niger.",
        ),
        (
            "THREATEN",
            "Le Mali menace le Niger.",
            "Mali threatened Niger.",
        ),
        (
            "PROTEST",
            "Le Mali manifeste contre le Niger.",
            "Mali protested against Niger.",
        ),
        (
            "SANCTION",
            "Le Mali sanctionne le Niger.",
            "Mali sanctioned Niger.",
        ),
        (
            "MOBILIZE",
            "Le Mali a déployé ses troupes contre le Niger.",
            "Mali deployed troops against Niger.",
        ),
        (
            "COERCE",
            "Le Mali a expulsé le Niger.",
            "Mali expelled Niger.",
        ),
        (
            "ASSAULT",
            "Le Mali a attaqué le Niger.",
            "Mali attacked Niger.",
        ),
    ];
    for (ty, fr, en) in cases {
        for (text, lang) in [(fr, "fr"), (en, "en")] {
            let (ev, ents) = code_all(
                text,
                lang,
                &[
                    country("Mali", "mali", "ML"),
                    country("Niger", "niger", "NE"),
                ],
            );
            assert_eq!(triples(&ev, &ents), [t(ty, "mali", "niger")], "{text}");
            assert_eq!(ev[0].modality, "asserted", "{text}");
        }
    }
}

/// Every modality in both languages.
#[test]
fn every_modality_in_both_languages() {
    let cases = [
        (
            "asserted",
            "Le Mali a attaqué le Niger.",
            "Mali attacked Niger.",
        ),
        (
            "negated",
            "Le Mali n'a pas attaqué le Niger.",
            "Mali did not attack Niger.",
        ),
        (
            "planned",
            "Le Mali va attaquer le Niger.",
            "Mali will attack Niger.",
        ),
        (
            "hypothetical",
            "Le Mali pourrait attaquer le Niger.",
            "Mali could attack Niger.",
        ),
        (
            "reported-denied",
            "Le Mali a démenti avoir attaqué le Niger.",
            "Mali denied attacking Niger.",
        ),
    ];
    for (modality, fr, en) in cases {
        for (text, lang) in [(fr, "fr"), (en, "en")] {
            let (ev, _) = code_all(
                text,
                lang,
                &[
                    country("Mali", "mali", "ML"),
                    country("Niger", "niger", "NE"),
                ],
            );
            assert_eq!(ev.len(), 1, "{text}");
            assert_eq!((ev[0].ty, ev[0].modality), ("ASSAULT", modality), "{text}");
        }
    }
}

#[test]
fn an_undated_event_takes_the_last_full_date_of_its_paragraph_or_those_before() {
    let (ev, _) = code_dated(
        "Un sommet a eu lieu le 30 juillet. Le Mali a sanctionné le Niger.\nLe Mali a attaqué le Niger.",
        "fr",
        &[country("Mali", "mali", "ML"), country("Niger", "niger", "NE")],
        &[("30 juillet", "2023-07-30")],
    );
    let dated: Vec<(&str, Option<&str>)> = ev.iter().map(|e| (e.ty, e.date.as_deref())).collect();
    assert_eq!(
        dated,
        [
            ("SANCTION", Some("2023-07-30")),
            ("ASSAULT", Some("2023-07-30"))
        ]
    );
}

#[test]
fn calling_a_person_is_a_phone_call_and_calling_on_a_body_a_request() {
    let (ev, ents) = code_all(
        "Ali Ahmed a appelé Jean Dupont dimanche.",
        "fr",
        &[per("Ali Ahmed"), per("Jean Dupont")],
    );
    assert_eq!(
        triples(&ev, &ents),
        [t("CONSULT", "Ali Ahmed", "Jean Dupont")]
    );
    assert_eq!(ev[0].mode, Some("phone"));
    let (ev, ents) = code_all(
        "Mali called for Niger to withdraw.",
        "en",
        &[
            country("Mali", "mali", "ML"),
            country("Niger", "niger", "NE"),
        ],
    );
    assert_eq!(triples(&ev, &ents), [t("REQUEST", "mali", "niger")]);
}

#[test]
fn a_call_word_naming_something_is_no_request() {
    let names = [
        country("Mali", "mali", "ML"),
        country("Niger", "niger", "NE"),
    ];
    let (ev, ents) = code_all(
        "Mali called Niger a reckless neighbour on Tuesday.",
        "en",
        &names,
    );
    assert!(
        ev.iter().all(|e| e.ty != "REQUEST"),
        "{:?}",
        triples(&ev, &ents)
    );
    let (ev, ents) = code_all("Mali called on Niger to open the border.", "en", &names);
    assert_eq!(triples(&ev, &ents), [t("REQUEST", "mali", "niger")]);
    let (ev, ents) = code_all(
        "Le Mali a appelé le Niger à rouvrir la frontière.",
        "fr",
        &names,
    );
    assert_eq!(triples(&ev, &ents), [t("REQUEST", "mali", "niger")]);
}

#[test]
fn a_state_s_agents_stand_for_the_article_s_country() {
    let names = [country("Ecuador", "ecuador", "EC"), per("Ana Ruiz")];
    let (ev, ents) = code_all(
        "Ecuador is tense. The police arrested Ana Ruiz on Monday.",
        "en",
        &names,
    );
    assert_eq!(
        triples(&ev, &ents),
        vec![t("COERCE", "ecuador", "Ana Ruiz")]
    );
    let (ev, ents) = code_all(
        "L'Équateur est tendu. La police a arrêté Ana Ruiz lundi.",
        "fr",
        &[country("Équateur", "ecuador", "EC"), per("Ana Ruiz")],
    );
    assert_eq!(
        triples(&ev, &ents),
        vec![t("COERCE", "ecuador", "Ana Ruiz")]
    );
}

#[test]
fn a_state_s_agents_beside_a_demonym_are_that_country() {
    let names = [
        country("Ecuador", "ecuador", "EC"),
        country("Peru", "peru", "PE"),
        per("Ana Ruiz"),
    ];
    let (ev, ents) = code_all(
        "Ecuador and Peru talk. Ecuador is calm. The Peruvian police arrested Ana Ruiz.",
        "en",
        &names,
    );
    assert!(triples(&ev, &ents).contains(&t("COERCE", "peru", "Ana Ruiz")));
}

#[test]
fn a_resignation_leaves_the_article_s_country() {
    let (ev, ents) = code_all(
        "Ana Ruiz, prime minister of Ecuador, resigned after meeting Jean Dupont.",
        "en",
        &[
            per("Ana Ruiz"),
            country("Ecuador", "ecuador", "EC"),
            per("Jean Dupont"),
        ],
    );
    // The meeting is an event of its own.
    assert_eq!(
        triples(&ev, &ents),
        vec![
            t("RETREAT", "Ana Ruiz", "ecuador"),
            t("CONSULT", "Ana Ruiz", "Jean Dupont")
        ]
    );
    assert_eq!(ev[0].mode, Some("resign"));
    let (ev, ents) = code_all(
        "Ana Ruiz, Premier ministre de l'Équateur, a démissionné lundi.",
        "fr",
        &[per("Ana Ruiz"), country("Équateur", "ecuador", "EC")],
    );
    assert_eq!(
        triples(&ev, &ents),
        vec![t("RETREAT", "Ana Ruiz", "ecuador")]
    );
}

#[test]
fn an_arrest_with_no_agent_is_the_state_s() {
    let (ev, ents) = code_all(
        "Ana Ruiz was arrested in Ecuador on Monday.",
        "en",
        &[country("Ecuador", "ecuador", "EC"), per("Ana Ruiz")],
    );
    assert_eq!(
        triples(&ev, &ents),
        vec![t("COERCE", "ecuador", "Ana Ruiz")]
    );
    let (ev, ents) = code_all(
        "Ana Ruiz a été arrêtée en Équateur lundi.",
        "fr",
        &[country("Équateur", "ecuador", "EC"), per("Ana Ruiz")],
    );
    assert_eq!(
        triples(&ev, &ents),
        vec![t("COERCE", "ecuador", "Ana Ruiz")]
    );
}

#[test]
fn a_meeting_with_no_agent_is_no_event() {
    let (ev, _) = code_all(
        "In Ecuador, Ana Ruiz was received on Monday.",
        "en",
        &[country("Ecuador", "ecuador", "EC"), per("Ana Ruiz")],
    );
    assert!(ev.is_empty());
}

#[test]
fn a_trigger_of_the_cameo_table_carries_its_code() {
    let (ev, ents) = code_all(
        "Mali thanked Niger.",
        "en",
        &[
            country("Mali", "mali", "ML"),
            country("Niger", "niger", "NE"),
        ],
    );
    assert_eq!(triples(&ev, &ents), vec![t("SUPPORT", "mali", "niger")]);
    assert_eq!((ev[0].cameo, ev[0].quad_class), ("051", 1));
    let (ev, _) = code_all(
        "Le Mali a remercié le Niger.",
        "fr",
        &[
            country("Mali", "mali", "ML"),
            country("Niger", "niger", "NE"),
        ],
    );
    assert_eq!(ev[0].cameo, "051");
}

#[test]
fn a_noun_s_complement_acts_in_one_s_own_doing() {
    let (ev, ents) = code_all(
        "La démission de Ana Ruiz a surpris l'Équateur.",
        "fr",
        &[per("Ana Ruiz"), country("Équateur", "ecuador", "EC")],
    );
    assert_eq!(
        triples(&ev, &ents),
        vec![t("RETREAT", "Ana Ruiz", "ecuador")]
    );
    let (ev, ents) = code_all(
        "Ecuador awaited the resignation of Ecuador Prime Minister Ana Ruiz.",
        "en",
        &[country("Ecuador", "ecuador", "EC"), per("Ana Ruiz")],
    );
    assert_eq!(
        triples(&ev, &ents),
        vec![t("RETREAT", "Ana Ruiz", "ecuador")]
    );
}

#[test]
fn a_noun_s_complement_is_done_to_in_the_state_s_doing() {
    let (ev, ents) = code_all(
        "L'arrestation de Ana Ruiz par Jean Dupont a choqué le pays.",
        "fr",
        &[per("Ana Ruiz"), per("Jean Dupont")],
    );
    assert_eq!(
        triples(&ev, &ents),
        vec![t("COERCE", "Jean Dupont", "Ana Ruiz")]
    );
    let (ev, ents) = code_all(
        "Ecuador confirmed the arrest of Ana Ruiz on Monday.",
        "en",
        &[country("Ecuador", "ecuador", "EC"), per("Ana Ruiz")],
    );
    assert_eq!(
        triples(&ev, &ents),
        vec![t("COERCE", "ecuador", "Ana Ruiz")]
    );
}

#[test]
fn a_fronted_place_leaves_the_subject_free() {
    let (ev, ents) = code_all(
        "In Ecuador, Ana Ruiz was arrested on Monday.",
        "en",
        &[country("Ecuador", "ecuador", "EC"), per("Ana Ruiz")],
    );
    assert_eq!(
        triples(&ev, &ents),
        vec![t("COERCE", "ecuador", "Ana Ruiz")]
    );
    let (ev, ents) = code_all(
        "En Équateur, Ana Ruiz a été arrêtée lundi.",
        "fr",
        &[country("Équateur", "ecuador", "EC"), per("Ana Ruiz")],
    );
    assert_eq!(
        triples(&ev, &ents),
        vec![t("COERCE", "ecuador", "Ana Ruiz")]
    );
}

#[test]
fn a_phrase_of_the_tables_is_read_whole() {
    let (ev, _) = code_all(
        "Ana Ruiz, arrivée au pouvoir avec Jean Dupont, gouverne.",
        "fr",
        &[per("Ana Ruiz"), per("Jean Dupont")],
    );
    assert!(ev.is_empty());
    let (ev, ents) = code_all(
        "Ana Ruiz stepped down in Ecuador on Monday.",
        "en",
        &[per("Ana Ruiz"), country("Ecuador", "ecuador", "EC")],
    );
    assert_eq!(
        triples(&ev, &ents),
        vec![t("RETREAT", "Ana Ruiz", "ecuador")]
    );
}

#[test]
fn the_state_s_agents_may_coerce_a_crowd_of_its_people() {
    let (ev, ents) = code_all(
        "Police in Ecuador arrested protesters in Quito, per Jean Dupont.",
        "en",
        &[
            country("Ecuador", "ecuador", "EC"),
            city("Quito", "EC"),
            per("Jean Dupont"),
        ],
    );
    assert_eq!(triples(&ev, &ents), vec![t("COERCE", "ecuador", "ecuador")]);
    let (ev, ents) = code_all(
        "En Équateur, les policiers ont arrêté des manifestants à Quito.",
        "fr",
        &[country("Équateur", "ecuador", "EC"), city("Quito", "EC")],
    );
    assert_eq!(triples(&ev, &ents), vec![t("COERCE", "ecuador", "ecuador")]);
}

#[test]
fn a_crowd_protests_for_its_country_against_whom_the_clause_names() {
    let (ev, ents) = code_all(
        "In Kenya, thousands of demonstrators marched to protest against Jean Dupont.",
        "en",
        &[country("Kenya", "kenya", "KE"), per("Jean Dupont")],
    );
    assert_eq!(
        triples(&ev, &ents),
        vec![t("PROTEST", "kenya", "Jean Dupont")]
    );
    let (ev, ents) = code_all(
        "À Niamey, des centaines de manifestants ont protesté. La France et le Niger se parlent.",
        "fr",
        &[
            city("Niamey", "NE"),
            country("France", "france", "FR"),
            country("Niger", "niger", "NE"),
        ],
    );
    assert_eq!(triples(&ev, &ents), vec![t("PROTEST", "niger", "niger")]);
}

#[test]
fn a_crowd_fighting_its_states_agents_is_the_state_on_its_people() {
    for (text, lang) in [
        ("Au Kenya, des heurts entre policiers et manifestants ont eu lieu.", "fr"),
        (
            "Au Kenya, lundi, de violents affrontements entre manifestants et policiers ont fait deux morts.",
            "fr",
        ),
        ("In Kenya, protesters clashed with police on Monday.", "en"),
        ("In Kenya, clashes between police and demonstrators left two dead.", "en"),
    ] {
        let (ev, ents) = code_all(text, lang, &[country("Kenya", "kenya", "KE")]);
        let fight = t("ASSAULT", "kenya", "kenya");
        assert!(triples(&ev, &ents).contains(&fight), "{text}: {ev:?}");
    }
    // Two crowds, or the state's agents alone, are no such fight.
    for (text, lang) in [
        (
            "Au Kenya, des manifestants se sont affrontés avec des opposants.",
            "fr",
        ),
        ("In Kenya, the police clashed with the army.", "en"),
    ] {
        let (ev, _) = code_all(text, lang, &[country("Kenya", "kenya", "KE")]);
        assert!(ev.iter().all(|e| e.ty != "ASSAULT"), "{text}: {ev:?}");
    }
}

#[test]
fn agents_a_name_owns_stand_for_that_name_not_the_country() {
    let group = Named {
        name: "Jean Dupont Group",
        ty: EntityType::Org,
        key: "Jean Dupont Group",
        place: None,
        roles: &[],
    };
    let names = [
        country("Kenya", "kenya", "KE"),
        group,
        country("Ouganda", "uganda", "UG"),
    ];
    for (text, lang) in [
        (
            "Au Kenya, les forces du Jean Dupont Group ont attaqué l'Ouganda.",
            "fr",
        ),
        ("In Kenya, Jean Dupont Group forces attacked Ouganda.", "en"),
    ] {
        let (ev, ents) = code_all(text, lang, &names);
        let want = vec![t("ASSAULT", "Jean Dupont Group", "uganda")];
        assert_eq!(triples(&ev, &ents), want, "{text}");
    }
}

#[test]
fn a_crowd_s_protests_from_city_to_city_are_one() {
    let (ev, ents) = code_all(
        "In Nigeria, protesters rallied in Kano. Protesters also rallied in Abuja.",
        "en",
        &[
            country("Nigeria", "nigeria", "NG"),
            city("Kano", "NG"),
            city("Abuja", "NG"),
        ],
    );
    assert_eq!(
        triples(&ev, &ents),
        vec![t("PROTEST", "nigeria", "nigeria")]
    );
    assert_eq!(
        ev[0].location.map(|l| ents[l].name.as_str()),
        Some("Nigeria")
    );
}

#[test]
fn crowd_control_is_used_on_the_state_s_own_people() {
    let (ev, ents) = code_all(
        "Police in Kenya fired tear gas in Nairobi on Tuesday.",
        "en",
        &[country("Kenya", "kenya", "KE"), city("Nairobi", "KE")],
    );
    assert_eq!(triples(&ev, &ents), vec![t("ASSAULT", "kenya", "kenya")]);
    assert_eq!(ev[0].mode, Some("crowd-control"));
}

#[test]
fn verbs_coordinated_in_one_clause_are_events_of_one_subject() {
    let (ev, ents) = code_all(
        "Police in Kenya fired tear gas, chased the crowd and arrested protesters in Nairobi.",
        "en",
        &[country("Kenya", "kenya", "KE"), city("Nairobi", "KE")],
    );
    assert_eq!(
        triples(&ev, &ents),
        vec![
            t("ASSAULT", "kenya", "kenya"),
            t("COERCE", "kenya", "kenya")
        ]
    );
}

#[test]
fn a_verb_in_the_complement_of_a_claim_is_not_coordinated_with_it() {
    let (ev, ents) = code_all(
        "Kenya accused Uganda of attacking and killing its soldiers.",
        "en",
        &[
            country("Kenya", "kenya", "KE"),
            country("Uganda", "uganda", "UG"),
        ],
    );
    assert_eq!(triples(&ev, &ents), vec![t("ACCUSE", "kenya", "uganda")]);
}

#[test]
fn a_curfew_with_no_target_named_is_on_the_state_s_own_people() {
    let (ev, ents) = code_all(
        "Le Kenya a imposé un couvre-feu à Nairobi.",
        "fr",
        &[country("Kenya", "kenya", "KE"), city("Nairobi", "KE")],
    );
    assert_eq!(triples(&ev, &ents), vec![t("COERCE", "kenya", "kenya")]);
    assert_eq!(ev[0].mode, Some("curfew"));
}

#[test]
fn a_curfew_and_an_internet_shutdown_by_one_state_are_two_events() {
    let (ev, ents) = code_all(
        "Kenya imposed a curfew and shut down the internet.",
        "en",
        &[country("Kenya", "kenya", "KE")],
    );
    assert_eq!(
        triples(&ev, &ents),
        vec![t("COERCE", "kenya", "kenya"), t("COERCE", "kenya", "kenya")]
    );
    assert_eq!(ev[0].mode, Some("curfew"));
    assert_eq!(ev[1].mode, Some("restrict"));
}

#[test]
fn an_organisation_after_to_is_no_place() {
    let (ev, ents) = code_all(
        "Kenya restricted access to Meta.",
        "en",
        &[
            country("Kenya", "kenya", "KE"),
            Named {
                name: "Meta",
                ty: EntityType::Org,
                key: "meta",
                place: None,
                roles: &[],
            },
        ],
    );
    assert_eq!(triples(&ev, &ents), vec![t("COERCE", "kenya", "meta")]);
    assert_ne!(ev[0].location.map(|l| ents[l].key.as_str()), Some("meta"));
}

#[test]
fn force_vowed_is_a_threat_made_and_anything_else_vowed_a_plan() {
    let names = [
        country("Kenya", "kenya", "KE"),
        country("Uganda", "uganda", "UG"),
    ];
    let (ev, ents) = code_all("Kenya vowed to strike Uganda.", "en", &names);
    assert_eq!(triples(&ev, &ents), vec![t("THREATEN", "kenya", "uganda")]);
    assert_eq!((ev[0].mode, ev[0].modality), (Some("violence"), "asserted"));
    let (ev, ents) = code_all(
        "Le Kenya a menacé de frapper l'Ouganda.",
        "fr",
        &[
            country("Kenya", "kenya", "KE"),
            country("Ouganda", "uganda", "UG"),
        ],
    );
    assert_eq!(triples(&ev, &ents), vec![t("THREATEN", "kenya", "uganda")]);
    let (ev, _) = code_all("Kenya vowed to meet Uganda.", "en", &names);
    assert!(ev
        .iter()
        .all(|e| e.modality != "asserted" || e.ty != "CONSULT"));
}

#[test]
fn a_conflict_is_an_event_only_with_both_sides_named() {
    let names = [
        country("Israel", "israel", "IL"),
        country("Lebanon", "lebanon", "LB"),
    ];
    let (ev, ents) = code_all(
        "The conflict between Israel and Lebanon grew.",
        "en",
        &names,
    );
    assert_eq!(triples(&ev, &ents), vec![t("ASSAULT", "israel", "lebanon")]);
    let (ev, _) = code_all("Israel said the conflict in Lebanon grew.", "en", &names);
    assert!(ev.is_empty());
}

fn org<'a>(name: &'a str, key: &'a str) -> Named<'a> {
    Named {
        name,
        ty: EntityType::Org,
        key,
        place: None,
        roles: &[],
    }
}

#[test]
fn the_sides_a_fighting_noun_names_are_its_actors_not_the_subject() {
    let names = [
        country("Norland", "norland", "NO"),
        org("Red Front", "red-front"),
        org("Blue League", "blue-league"),
    ];
    let (ev, ents) = code_all(
        "Norland urged an end to the fighting between the Red Front and the Blue League.",
        "en",
        &names,
    );
    assert_eq!(
        triples(&ev, &ents),
        vec![t("ASSAULT", "red-front", "blue-league")]
    );
}

#[test]
fn between_sides_belong_to_the_nearest_trigger_before_them() {
    let names = [
        org("Red Front", "red-front"),
        org("Blue League", "blue-league"),
    ];
    // The truce is not between the two: the fighting is.
    let (ev, ents) = code_all(
        "The Red Front said truce talks had stalled while fighting between the Blue League and the Red Front went on.",
        "en",
        &names,
    );
    assert!(triples(&ev, &ents).iter().all(|e| e.0 != "AGREE"));
}

#[test]
fn a_name_glued_to_a_compound_is_not_a_side_the_name_it_qualifies_is() {
    let names = [
        country("Norland", "norland", "NO"),
        country("Sudria", "sudria", "SD"),
        org("Blue League", "blue-league"),
    ];
    let (ev, ents) = code_all(
        "The hostilities between Sudria and the Norland-backed Blue League grew.",
        "en",
        &names,
    );
    assert_eq!(
        triples(&ev, &ents),
        vec![t("ASSAULT", "sudria", "blue-league")]
    );
}

#[test]
fn the_owner_of_an_army_between_a_relative_clause_and_the_other_side_fight() {
    let (ev, ents) = code_all(
        "Les affrontements, qui durent depuis l'hiver entre l'armée du général Paul Dubois et le Front bleu, ont fait des centaines de morts.",
        "fr",
        &[per("Paul Dubois"), org("Front bleu", "front-bleu")],
    );
    assert_eq!(
        triples(&ev, &ents),
        vec![t("ASSAULT", "Paul Dubois", "front-bleu")]
    );
}

#[test]
fn a_truce_accepted_with_no_one_named_is_made_with_the_other_side_of_the_fight() {
    let names = [
        org("Red Front", "red-front"),
        org("Blue League", "blue-league"),
    ];
    let (ev, ents) = code_all(
        "Fighting between the Red Front and the Blue League resumed. The Blue League said it accepted a truce.",
        "en",
        &names,
    );
    assert_eq!(
        triples(&ev, &ents),
        vec![
            t("ASSAULT", "red-front", "blue-league"),
            t("AGREE", "blue-league", "red-front")
        ]
    );
    // A truce named as a noun is talked of, not agreed to.
    let (ev, ents) = code_all(
        "Fighting between the Red Front and the Blue League resumed. The Blue League studied the ceasefire deal.",
        "en",
        &names,
    );
    assert!(triples(&ev, &ents).iter().all(|e| e.0 != "AGREE"));
    let (ev, ents) = code_all(
        "Les combats entre le Front bleu et la Ligue rouge ont repris. Le Front bleu a accepté une trêve.",
        "fr",
        &[org("Front bleu", "front-bleu"), org("Ligue rouge", "ligue-rouge")],
    );
    assert!(triples(&ev, &ents).contains(&t("AGREE", "front-bleu", "ligue-rouge")));
}

#[test]
fn an_opening_noun_does_not_take_the_actor_of_a_later_trigger() {
    let (ev, ents) = code_all(
        "As truce talks dragged on, exchanges of gunfire between Norland and the Sudria-backed Blue League grew, with Norland counting its dead.",
        "en",
        &[
            country("Norland", "norland", "NO"),
            country("Sudria", "sudria", "SD"),
            org("Blue League", "blue-league"),
        ],
    );
    assert_eq!(
        triples(&ev, &ents),
        vec![t("ASSAULT", "norland", "blue-league")]
    );
}

#[test]
fn a_city_of_the_clause_inside_the_country_named_is_the_venue() {
    let (ev, ents) = code_all(
        "Police in Kenya fired tear gas at crowds in the capital, Nairobi.",
        "en",
        &[country("Kenya", "kenya", "KE"), city("Nairobi", "KE")],
    );
    assert_eq!(ev.len(), 1);
    assert_eq!(
        ev[0].location.map(|l| ents[l].key.as_str()),
        Some("Nairobi")
    );
}

#[test]
fn an_event_placed_in_the_dateline_s_country_is_at_the_dateline() {
    let text = "Protests grow\nNAIROBI, Kenya (Wire) — Police in Kenya fired tear gas on Monday.";
    let names = [country("Kenya", "kenya", "KE"), city("NAIROBI", "KE")];
    let (ev, ents) = code_all(text, "en", &names);
    assert_eq!(ev.len(), 1);
    assert_eq!(
        ev[0].location.map(|l| ents[l].key.as_str()),
        Some("NAIROBI")
    );
    // A dateline abroad places nothing.
    let text = "Talks\nROME — Police in Kenya fired tear gas on Monday.";
    let names = [country("Kenya", "kenya", "KE"), city("ROME", "IT")];
    let (ev, ents) = code_all(text, "en", &names);
    assert_eq!(ev[0].location.map(|l| ents[l].key.as_str()), Some("kenya"));
}

#[test]
fn a_verb_after_a_name_of_its_own_is_not_coordinated() {
    let (ev, ents) = code_all(
        "Kenya met Tanzania and Uganda attacked Rwanda.",
        "en",
        &[
            country("Kenya", "kenya", "KE"),
            country("Tanzania", "tanzania", "TZ"),
            country("Uganda", "uganda", "UG"),
            country("Rwanda", "rwanda", "RW"),
        ],
    );
    assert!(!triples(&ev, &ents).contains(&t("ASSAULT", "kenya", "rwanda")));
}

#[test]
fn a_participle_after_a_comma_is_the_main_subject_s_doing() {
    let names = [
        country("Kenya", "kenya", "KE"),
        country("Rwanda", "rwanda", "RW"),
        country("Ouganda", "uganda", "UG"),
    ];
    let (ev, ents) = code_all(
        "Le Kenya a annoncé la victoire du Rwanda, rejetant l'appel de l'Ouganda.",
        "fr",
        &names,
    );
    assert_eq!(triples(&ev, &ents), vec![t("REJECT", "kenya", "uganda")]);
    let (ev, ents) = code_all(
        "Kenya announced the victory of the Rwanda team, dismissing Uganda's appeal.",
        "en",
        &[
            country("Kenya", "kenya", "KE"),
            country("Rwanda", "rwanda", "RW"),
            country("Uganda", "uganda", "UG"),
        ],
    );
    assert_eq!(triples(&ev, &ents), vec![t("REJECT", "kenya", "uganda")]);
}

#[test]
fn a_verb_with_its_own_subject_after_and_is_a_clause_of_its_own() {
    let names = [
        country("Tchad", "chad", "TD"),
        country("Cameroun", "cameroon", "CM"),
        per("Paul Biya"),
        country("Nigeria", "nigeria", "NG"),
    ];
    let (ev, ents) = code_all(
        "Le Tchad a attaqué le Cameroun lundi, et Paul Biya a aussitôt accusé le Nigeria de l'aider.",
        "fr",
        &names,
    );
    let found = triples(&ev, &ents);
    assert!(
        found.contains(&t("ASSAULT", "chad", "cameroon")),
        "{found:?}"
    );
    assert!(
        found.contains(&t("ACCUSE", "Paul Biya", "nigeria")),
        "{found:?}"
    );
    let names = [
        country("Chad", "chad", "TD"),
        country("Cameroon", "cameroon", "CM"),
        per("Paul Biya"),
        country("Nigeria", "nigeria", "NG"),
    ];
    let (ev, ents) = code_all(
        "Chad attacked Cameroon on Monday, and Paul Biya swiftly accused Nigeria of helping.",
        "en",
        &names,
    );
    let found = triples(&ev, &ents);
    assert!(
        found.contains(&t("ACCUSE", "Paul Biya", "nigeria")),
        "{found:?}"
    );
    // A name that is the object of another trigger after "and" has no
    // clause of its own: what it is urged to do is no fact.
    let (ev, ents) = code_all(
        "Nigeria criticized Chad and urged Cameroon to free Paul Biya.",
        "en",
        &names,
    );
    let asserted: Vec<_> = ev
        .iter()
        .filter(|e| e.modality == "asserted" && e.source.is_some_and(|s| ents[s].key == "cameroon"))
        .collect();
    assert!(asserted.is_empty(), "{:?}", triples(&ev, &ents));
}

#[test]
fn en_tant_que_opens_no_clause_of_its_own() {
    let names = [
        country("Kenya", "kenya", "KE"),
        per("Paul Mwangi"),
        country("Rwanda", "rwanda", "RW"),
        country("Ouganda", "uganda", "UG"),
    ];
    // "que" in "en tant que" is no complementiser: the participle is still
    // the main clause's subject's doing, not the country named after it.
    let (ev, ents) = code_all(
        "Le Kenya a salué Paul Mwangi en tant que président du Rwanda, rejetant ainsi l'appel de l'Ouganda.",
        "fr",
        &names,
    );
    let found = triples(&ev, &ents);
    assert!(found.contains(&t("REJECT", "kenya", "uganda")), "{found:?}");
    assert!(!found.iter().any(|e| e.1 == "rwanda"), "{found:?}");
}

#[test]
fn a_demonym_qualifying_an_assault_is_the_state_that_strikes_where_it_strikes() {
    let (ev, ents) = code_all(
        "Israel denied it. Israeli air strikes killed ten people in Lebanon.",
        "en",
        &[
            country("Israel", "israel", "IL"),
            country("Lebanon", "lebanon", "LB"),
        ],
    );
    assert_eq!(triples(&ev, &ents), vec![t("ASSAULT", "israel", "lebanon")]);
    let (ev, ents) = code_all(
        "Israël a démenti. Des frappes aériennes israéliennes ont eu lieu sur Rafah.",
        "fr",
        &[country("Israël", "israel", "IL"), city("Rafah", "PS")],
    );
    assert_eq!(triples(&ev, &ents), vec![t("ASSAULT", "israel", "Rafah")]);
    assert_eq!(ev[0].location.map(|l| ents[l].key.as_str()), Some("Rafah"));
    // A place named before the strikes is not what they hit.
    let (ev, _) = code_all(
        "In Haifa, Israel denied it. Officials in Haifa spoke of Israeli air strikes.",
        "en",
        &[country("Israel", "israel", "IL"), city("Haifa", "IL")],
    );
    assert!(ev.iter().all(|e| e.ty != "ASSAULT"));
}

#[test]
fn power_seized_with_no_one_named_is_seized_from_the_country() {
    let (ev, ents) = code_all(
        "Au Kenya, le capitaine Jean Dupont a pris le pouvoir en 2022.",
        "fr",
        &[country("Kenya", "kenya", "KE"), per("Jean Dupont")],
    );
    assert_eq!(
        triples(&ev, &ents),
        vec![t("COERCE", "Jean Dupont", "kenya")]
    );
    let (ev, ents) = code_all(
        "In Kenya, Captain John Smith seized power in 2022.",
        "en",
        &[country("Kenya", "kenya", "KE"), per("John Smith")],
    );
    assert_eq!(
        triples(&ev, &ents),
        vec![t("COERCE", "John Smith", "kenya")]
    );
}

#[test]
fn a_coup_named_by_a_noun_is_its_authors_and_only_theirs() {
    let names = [
        country("Kenya", "kenya", "KE"),
        per("Jean Dupont"),
        country("Ghana", "ghana", "GH"),
    ];
    for text in [
        "Au Kenya, le capitaine Jean Dupont a mené un coup d'État en 2022.",
        "Au Kenya, un coup d'État a été mené par le capitaine Jean Dupont.",
        "Depuis le coup d\u{2019}État du capitaine Jean Dupont, le Kenya est isolé.",
    ] {
        let (ev, ents) = code_all(text, "fr", &names[..2]);
        let want = vec![t("COERCE", "Jean Dupont", "kenya")];
        assert_eq!(triples(&ev, &ents), want, "{text}");
    }
    // Named in passing, a coup has no author in its sentence.
    for text in [
        "Le Ghana condamne le coup d'État au Kenya.",
        "Au Kenya, le coup d'État a été condamné par le Ghana.",
    ] {
        let (ev, _) = code_all(
            text,
            "fr",
            &[
                country("Ghana", "ghana", "GH"),
                country("Kenya", "kenya", "KE"),
            ],
        );
        assert!(ev.iter().all(|e| e.ty != "COERCE"), "{text}: {ev:?}");
    }
    let (ev, ents) = code_all(
        "In Kenya, Captain John Smith staged a coup in 2022.",
        "en",
        &[country("Kenya", "kenya", "KE"), per("John Smith")],
    );
    assert_eq!(
        triples(&ev, &ents),
        vec![t("COERCE", "John Smith", "kenya")]
    );
    let (ev, _) = code_all(
        "Ghana condemned the coup in Kenya.",
        "en",
        &[
            country("Ghana", "ghana", "GH"),
            country("Kenya", "kenya", "KE"),
        ],
    );
    assert!(ev.iter().all(|e| e.ty != "COERCE"), "{ev:?}");
}

#[test]
fn an_attack_claimed_is_its_claimers_on_the_country_when_no_one_is_named() {
    let group = Named {
        name: "Front Uni",
        ty: EntityType::Org,
        key: "front-uni",
        place: None,
        roles: &[],
    };
    let names = [
        country("Kenya", "kenya", "KE"),
        group,
        country("Ghana", "ghana", "GH"),
    ];
    for (text, lang) in [
        (
            "Au Kenya, l'attaque a été revendiquée par le Front Uni.",
            "fr",
        ),
        (
            "Au Kenya, le Ghana a condamné l'attaque revendiquée par le Front Uni.",
            "fr",
        ),
        (
            "In Kenya, the Front Uni claimed responsibility for the attack.",
            "en",
        ),
        ("In Kenya, the attack was claimed by the Front Uni.", "en"),
    ] {
        let (ev, ents) = code_all(text, lang, &names);
        let want = vec![t("ASSAULT", "front-uni", "kenya")];
        assert_eq!(triples(&ev, &ents), want, "{text}");
    }
    // An attack no one claims, merely condemned, is no one's.
    let (ev, _) = code_all("Au Kenya, le Ghana a condamné l'attaque.", "fr", &names);
    assert!(ev.iter().all(|e| e.ty != "ASSAULT"), "{ev:?}");
}

#[test]
fn an_act_demanded_is_no_fact_and_whom_a_request_asks_is_its_target() {
    let names = [
        country("Kenya", "kenya", "KE"),
        per("John Smith"),
        country("Uganda", "uganda", "UG"),
    ];
    let (ev, ents) = code_all("Kenya demanded that John Smith resign.", "en", &names[..2]);
    assert_eq!(triples(&ev, &ents)[0], t("REQUEST", "kenya", "John Smith"));
    assert!(ev
        .iter()
        .all(|e| e.ty != "RETREAT" || e.modality != "asserted"));
    let (ev, _) = code_all(
        "Kenya called for the release of John Smith by Uganda.",
        "en",
        &names,
    );
    assert!(ev
        .iter()
        .all(|e| e.ty != "RETREAT" || e.modality != "asserted"));
    let (ev, _) = code_all(
        "Le Kenya a exprimé ses exigences, notamment la « libération immédiate » de John Smith.",
        "fr",
        &names[..2],
    );
    assert!(ev
        .iter()
        .all(|e| e.ty != "RETREAT" || e.modality != "asserted"));
    let (ev, _) = code_all(
        "John Smith faces pressure to resign in Kenya.",
        "en",
        &names[..2],
    );
    assert!(ev.iter().all(|e| e.modality != "asserted"));
}

#[test]
fn one_held_in_custody_undergoes_it() {
    let names = [country("Kenya", "kenya", "KE"), per("Jean Dupont")];
    let (ev, ents) = code_all(
        "L'opposant Jean Dupont est en détention au Kenya.",
        "fr",
        &names,
    );
    assert_eq!(
        triples(&ev, &ents),
        vec![t("COERCE", "kenya", "Jean Dupont")]
    );
    let (ev, ents) = code_all(
        "In Kenya, Jean Dupont remains in police custody.",
        "en",
        &names,
    );
    assert_eq!(
        triples(&ev, &ents),
        vec![t("COERCE", "kenya", "Jean Dupont")]
    );
}

/// Phrasal verbs of the CAMEO dictionary code as their block does: "ruled
/// out" rejects, "backed down" concedes.
#[test]
fn phrasal_verbs_code_as_one_trigger() {
    let (ev, ents) = code_all(
        "Norland ruled out a deal with Sudria. Later Sudria backed down before Norland.",
        "en",
        &[
            country("Norland", "norland", "NL"),
            country("Sudria", "sudria", "SD"),
        ],
    );
    assert_eq!(
        triples(&ev, &ents),
        vec![
            t("REJECT", "norland", "sudria"),
            t("CONCEDE", "sudria", "norland")
        ]
    );
}

/// A protest is against whom it says it is against, else its own state:
/// the person it is over and the things it names are not its target.
#[test]
fn a_protest_targets_only_whom_it_is_against() {
    let (ev, ents) = code_all(
        "In Norland, protesters rallied over the death of Jean Dupont.",
        "en",
        &[country("Norland", "norland", "NL"), per("Jean Dupont")],
    );
    assert_eq!(
        triples(&ev, &ents),
        vec![t("PROTEST", "norland", "norland")]
    );
    let (ev, ents) = code_all(
        "Norland protests: Acme Media was banned.",
        "en",
        &[country("Norland", "norland", "NL"), per("Acme Media")],
    );
    assert!(
        !triples(&ev, &ents).contains(&t("PROTEST", "norland", "Acme Media")),
        "{:?}",
        triples(&ev, &ents)
    );
}

/// Two countries named as often: the article's country is the one whose
/// places it names, not the first named.
#[test]
fn a_tie_between_countries_goes_to_the_one_whose_places_are_named() {
    let (ev, ents) = code_all(
        "Jean Dupont, back from Norland, was arrested by police at the Portville airport in Sudria.",
        "en",
        &[
            per("Jean Dupont"),
            country("Norland", "norland", "NL"),
            city("Portville", "SD"),
            country("Sudria", "sudria", "SD"),
        ],
    );
    assert_eq!(
        triples(&ev, &ents),
        vec![t("COERCE", "sudria", "Jean Dupont")]
    );
}

/// People the text counts without naming them, arrested by the state, are
/// its own people: active ("arrested 13 people") and passive ("quatre
/// officiers ont été interpellés") alike.
#[test]
fn counted_people_arrested_are_the_state_s_own() {
    let (ev, ents) = code_all(
        "In Norland, police arrested 13 people.",
        "en",
        &[country("Norland", "norland", "NL")],
    );
    assert_eq!(triples(&ev, &ents), vec![t("COERCE", "norland", "norland")]);
    let (ev, ents) = code_all(
        "Au Norland, quatre officiers ont été interpellés.",
        "fr",
        &[country("Norland", "norland", "NL")],
    );
    assert_eq!(triples(&ev, &ents), vec![t("COERCE", "norland", "norland")]);
    let (ev, ents) = code_all(
        "In Norland, police arrested people.",
        "en",
        &[country("Norland", "norland", "NL")],
    );
    assert!(triples(&ev, &ents).is_empty(), "{:?}", triples(&ev, &ents));
}

/// Two joint subjects of an act done together are its two sides; a truce
/// they push for further on is not theirs.
#[test]
fn joint_subjects_are_the_two_sides_of_an_agreement() {
    let (ev, ents) = code_all(
        "Le Norland et la Sudrie ont convenu vendredi de rouvrir leurs ports.",
        "fr",
        &[
            country("Norland", "norland", "NL"),
            country("Sudrie", "sudria", "SD"),
        ],
    );
    assert_eq!(triples(&ev, &ents), vec![t("AGREE", "norland", "sudria")]);
    let (ev, ents) = code_all(
        "Norland and Sudria have led efforts to broker a truce.",
        "en",
        &[
            country("Norland", "norland", "NL"),
            country("Sudria", "sudria", "SD"),
        ],
    );
    assert!(triples(&ev, &ents).is_empty(), "{:?}", triples(&ev, &ents));
}

/// "Condamner" with a prison term in its clause is a conviction by the
/// court, a state's body; without one it condemns.
#[test]
fn condamner_with_a_prison_term_convicts() {
    let names = [country("Norland", "norland", "NL"), per("Jean Dupont")];
    let (ev, ents) = code_all(
        "Au Norland, un tribunal a condamné jeudi Jean Dupont à deux ans de prison.",
        "fr",
        &names,
    );
    assert_eq!(
        triples(&ev, &ents),
        vec![t("SANCTION", "norland", "Jean Dupont")]
    );
    let (ev, ents) = code_all("Le Norland condamne Jean Dupont.", "fr", &names);
    assert_eq!(
        triples(&ev, &ents),
        vec![t("ACCUSE", "norland", "Jean Dupont")]
    );
}

/// What the state does to a thing of someone's is not done to them:
/// "released a video of X" frees no one.
#[test]
fn a_release_of_a_thing_of_someone_s_is_not_theirs() {
    let names = [country("Norland", "norland", "NL"), per("Jean Dupont")];
    let (ev, ents) = code_all(
        "In Norland, police released a video of Jean Dupont.",
        "en",
        &names,
    );
    assert!(
        !triples(&ev, &ents)
            .iter()
            .any(|(ty, _, target)| ty == "RETREAT" && target == "Jean Dupont"),
        "{:?}",
        triples(&ev, &ents)
    );
    let (ev, ents) = code_all("In Norland, police released Jean Dupont.", "en", &names);
    assert_eq!(
        triples(&ev, &ents),
        vec![t("RETREAT", "norland", "Jean Dupont")]
    );
}

/// A multiword trigger holds whichever determiner its object takes:
/// "rompt ses relations", "a fermé leurs frontières", and a loser who
/// "a reconnu la victoire de" the winner concedes.
#[test]
fn breaking_relations_closing_borders_and_conceding_with_any_determiner() {
    let names = [
        country("Norland", "norland", "NL"),
        country("Sudland", "sudland", "SL"),
    ];
    for text in [
        "Le Norland rompt ses relations diplomatiques avec le Sudland.",
        "Le Norland a rompu leurs relations avec le Sudland.",
        "Le Norland a fermé toutes ses frontières avec le Sudland.",
        "Le Norland ferme sa frontière avec le Sudland.",
    ] {
        let (ev, ents) = code_all(text, "fr", &names);
        assert_eq!(
            triples(&ev, &ents),
            [t("SANCTION", "norland", "sudland")],
            "{text}"
        );
    }
    let names = [per("Jean Dupont"), per("Paul Martin")];
    let (ev, ents) = code_all(
        "Jean Dupont a reconnu la victoire de Paul Martin dimanche.",
        "fr",
        &names,
    );
    assert_eq!(
        triples(&ev, &ents),
        [t("CONCEDE", "Jean Dupont", "Paul Martin")]
    );
}

/// Closing a border or cutting ties is a sanction in English too, and the
/// French noun phrase "la fermeture de ses frontières" reports it: with
/// "des frontières" both sides are named after it ("entre X et Y").
#[test]
fn closing_a_border_and_cutting_ties_in_both_languages() {
    let names = [
        country("Norland", "norland", "NL"),
        country("Sudland", "sudland", "SL"),
    ];
    for (text, lang) in [
        ("Norland closed its border with Sudland on Monday.", "en"),
        ("Norland severed diplomatic relations with Sudland.", "en"),
        ("Norland cut ties with Sudland.", "en"),
        (
            "Le Norland a annoncé la fermeture de ses frontières avec le Sudland.",
            "fr",
        ),
        (
            "Mardi, le porte-parole a confirmé la fermeture des frontières entre le Norland et le Sudland.",
            "fr",
        ),
    ] {
        let (ev, ents) = code_all(text, lang, &names);
        assert_eq!(
            triples(&ev, &ents),
            [t("SANCTION", "norland", "sudland")],
            "{text}"
        );
    }
}

/// A loan granted to a state is aid ("un prêt de deux milliards").
#[test]
fn a_loan_granted_is_aid() {
    let names = [
        country("Norland", "norland", "NL"),
        country("Sudland", "sudland", "SL"),
    ];
    let (ev, ents) = code_all(
        "Le Norland a accordé un prêt de deux milliards de dollars au Sudland.",
        "fr",
        &names,
    );
    assert_eq!(triples(&ev, &ents), [t("AID", "norland", "sudland")]);
}

/// Reaching or striking a deal is an agreement in both languages, and
/// "struck a deal" is no strike.
#[test]
fn reaching_a_deal_is_an_agreement() {
    let names = [
        country("Norland", "norland", "NL"),
        country("Sudland", "sudland", "SL"),
    ];
    for (text, lang) in [
        ("Norland struck a deal with Sudland on Monday.", "en"),
        ("Le Norland est parvenu à un accord avec le Sudland.", "fr"),
    ] {
        let (ev, ents) = code_all(text, lang, &names);
        assert_eq!(
            triples(&ev, &ents),
            [t("AGREE", "norland", "sudland")],
            "{text}"
        );
    }
}

#[test]
fn a_title_before_another_person_s_name_is_that_person_s() {
    // "minister" is Ali Ahmed's title alone, but the "Minister" in "Kenya
    // Prime Minister Jean Dupont" is Jean Dupont's.
    let ahmed = Named {
        roles: &["Minister"],
        ..per("Ali Ahmed")
    };
    let (ev, ents) = code_all(
        "Minister Ali Ahmed spoke. Protests forced the resignation of Kenya Prime Minister Jean Dupont.",
        "en",
        &[
            ahmed,
            country("Kenya", "kenya", "KE"),
            per("Jean Dupont"),
        ],
    );
    assert_eq!(triples(&ev, &ents), [t("RETREAT", "Jean Dupont", "kenya")]);
}

#[test]
fn two_people_of_one_country_resigning_are_two_events() {
    let ahmed = Named {
        roles: &["Kenyan Health Minister"],
        ..per("Ali Ahmed")
    };
    let dupont = Named {
        roles: &["Kenyan Trade Minister"],
        ..per("Jean Dupont")
    };
    let (ev, ents) = code_all(
        "In Kenya, Ali Ahmed resigned on Monday. Jean Dupont resigned on Monday too.",
        "en",
        &[country("Kenya", "kenya", "KE"), ahmed, dupont],
    );
    assert_eq!(
        triples(&ev, &ents),
        [
            t("RETREAT", "Ali Ahmed", "kenya"),
            t("RETREAT", "Jean Dupont", "kenya")
        ]
    );
}

#[test]
fn an_act_a_demonym_qualifies_is_no_one_else_s() {
    // "israélienne" says who attacked; with no Israel named, the agency
    // that speaks did not.
    let (ev, ents) = code_all(
        "Après une attaque israélienne contre l'Iran, l'Agence a perdu le contact.",
        "fr",
        &[
            country("Iran", "iran", "IR"),
            Named {
                ty: EntityType::Org,
                ..per("Agence")
            },
        ],
    );
    assert!(triples(&ev, &ents).is_empty(), "{:?}", triples(&ev, &ents));
    let (ev, ents) = code_all(
        "Israël menace. Après une attaque israélienne contre l'Iran, l'Agence a perdu le contact.",
        "fr",
        &[
            country("Israël", "israel", "IL"),
            country("Iran", "iran", "IR"),
            Named {
                ty: EntityType::Org,
                ..per("Agence")
            },
        ],
    );
    assert_eq!(triples(&ev, &ents), [t("ASSAULT", "israel", "iran")]);
}

#[test]
fn an_auxiliary_before_a_present_participle_is_not_a_passive() {
    let (ev, ents) = code_all(
        "Ali Ahmed has been working with Jean Dupont since 2020.",
        "en",
        &[per("Ali Ahmed"), per("Jean Dupont")],
    );
    assert_eq!(
        triples(&ev, &ents),
        [t("COOPERATE", "Ali Ahmed", "Jean Dupont")]
    );
}

#[test]
fn a_name_reporting_at_the_sentence_end_does_not_act() {
    let (ev, ents) = code_all(
        "Police used tear gas on the crowd in Kenya, Agence Dupont reported.",
        "en",
        &[
            country("Kenya", "kenya", "KE"),
            Named {
                ty: EntityType::Org,
                ..per("Agence Dupont")
            },
        ],
    );
    assert!(
        triples(&ev, &ents).iter().all(|e| e.2 != "Agence Dupont"),
        "{:?}",
        triples(&ev, &ents)
    );
    let (ev, ents) = code_all(
        "La Freedonie a arrêté Jean Dupont, a indiqué Ali Ahmed.",
        "fr",
        &[
            country("Freedonie", "freedonia", "FD"),
            per("Jean Dupont"),
            per("Ali Ahmed"),
        ],
    );
    assert_eq!(
        triples(&ev, &ents),
        [t("COERCE", "freedonia", "Jean Dupont")]
    );
}

#[test]
fn a_name_in_an_apposition_is_not_the_subject() {
    let ngo = Named {
        ty: EntityType::Org,
        ..per("Front Uni")
    };
    let (ev, ents) = code_all(
        "Ali Ahmed, once a Front Uni member, met Jean Dupont on Monday.",
        "en",
        &[per("Ali Ahmed"), ngo, per("Jean Dupont")],
    );
    assert_eq!(
        triples(&ev, &ents),
        [t("CONSULT", "Ali Ahmed", "Jean Dupont")]
    );
}

#[test]
fn a_name_qualifying_a_compound_is_not_whom_unless_it_owns_the_thing() {
    let (ev, ents) = code_all(
        "In Kenya, the police warned against Norland-style protests.",
        "en",
        &[
            country("Kenya", "kenya", "KE"),
            country("Norland", "norland", "NL"),
        ],
    );
    assert!(
        triples(&ev, &ents).iter().all(|e| e.2 != "norland"),
        "{:?}",
        triples(&ev, &ents)
    );
    let (ev, ents) = code_all(
        "Sudria attacked a Norland-flagged tanker on Monday.",
        "en",
        &[
            country("Sudria", "sudria", "SD"),
            country("Norland", "norland", "NL"),
        ],
    );
    assert_eq!(triples(&ev, &ents), [t("ASSAULT", "sudria", "norland")]);
}

#[test]
fn recalling_an_ambassador_is_a_sanction() {
    let (ev, ents) = code_all(
        "Sudria recalled its ambassador from Norland on Monday.",
        "en",
        &[
            country("Sudria", "sudria", "SD"),
            country("Norland", "norland", "NL"),
        ],
    );
    assert_eq!(triples(&ev, &ents), [t("SANCTION", "sudria", "norland")]);
}

#[test]
fn a_claim_on_a_state_named_by_its_demonym_or_agents_is_on_that_state() {
    let (ev, ents) = code_all(
        "Mali votes today. Ali Ahmed accused the Malian government of fraud.",
        "en",
        &[country("Mali", "mali", "ML"), per("Ali Ahmed")],
    );
    assert_eq!(triples(&ev, &ents), [t("ACCUSE", "Ali Ahmed", "mali")]);
    let (ev, ents) = code_all(
        "Le Mali vote. Ali Ahmed a exhorté les autorités à libérer les détenus.",
        "fr",
        &[country("Mali", "mali", "ML"), per("Ali Ahmed")],
    );
    assert_eq!(triples(&ev, &ents), [t("REQUEST", "Ali Ahmed", "mali")]);
    // Not a claim: a demonym after the trigger is no target.
    let (ev, _) = code_all(
        "Mali votes today. Ali Ahmed met the Malian delegation.",
        "en",
        &[country("Mali", "mali", "ML"), per("Ali Ahmed")],
    );
    assert!(ev.is_empty());
}

/// `name` standing for the entity keyed `key`, as a pronoun resolved to
/// it is handed to the coder.
fn pronoun<'a>(name: &'a str, key: &'a str) -> Named<'a> {
    Named {
        name,
        ty: EntityType::Per,
        key,
        place: None,
        roles: &[],
    }
}

#[test]
fn a_possessive_before_someone_else_is_not_the_subject() {
    let (ev, ents) = code_all(
        "Ali Ahmed died in Mali. His father accused the Malian government of lying.",
        "en",
        &[
            per("Ali Ahmed"),
            country("Mali", "mali", "ML"),
            pronoun("His", "Ali Ahmed"),
        ],
    );
    assert!(
        ev.iter().all(|e| e.ty != "ACCUSE"),
        "{:?}",
        triples(&ev, &ents)
    );
    let (ev, ents) = code_all(
        "Ali Ahmed dirige le Mali. Son fils a été arrêté à Bamako.",
        "fr",
        &[
            per("Ali Ahmed"),
            country("Mali", "mali", "ML"),
            city("Bamako", "ML"),
            pronoun("Son", "Ali Ahmed"),
        ],
    );
    assert!(ev.is_empty(), "{:?}", triples(&ev, &ents));
    // Before its owner's state agents, it stands for the owner.
    let (ev, ents) = code_all(
        "Mali denies it. Its army attacked Niger.",
        "en",
        &[
            country("Mali", "mali", "ML"),
            country("Niger", "niger", "NE"),
            Named {
                ty: EntityType::Loc,
                place: Some(("country", "ML")),
                ..pronoun("Its", "mali")
            },
        ],
    );
    assert!(
        triples(&ev, &ents).contains(&t("ASSAULT", "mali", "niger")),
        "{:?}",
        triples(&ev, &ents)
    );
}

#[test]
fn a_claim_about_what_someone_did_is_on_its_author() {
    let (ev, ents) = code_all(
        "Ali Ahmed a dénoncé un coup fomenté par les juges de la Cour suprême.",
        "fr",
        &[per("Ali Ahmed"), org("Cour suprême", "supreme-court")],
    );
    assert_eq!(
        triples(&ev, &ents),
        [t("ACCUSE", "Ali Ahmed", "supreme-court")]
    );
    let (ev, ents) = code_all(
        "Ali Ahmed condemned the raids carried out by Sudria.",
        "en",
        &[per("Ali Ahmed"), country("Sudria", "sudria", "SD")],
    );
    assert_eq!(triples(&ev, &ents), [t("ACCUSE", "Ali Ahmed", "sudria")]);
    // Who reports the claim is not whom it is on.
    let (ev, ents) = code_all(
        "Ali Ahmed condemned the vote, as reported by Sudria.",
        "en",
        &[per("Ali Ahmed"), country("Sudria", "sudria", "SD")],
    );
    assert!(ev.is_empty(), "{:?}", triples(&ev, &ents));
}

#[test]
fn a_french_claim_on_a_noun_its_demonym_follows_is_on_that_state() {
    let (ev, ents) = code_all(
        "Le Maroc dément. L'Algérie accuse son voisin marocain de manœuvres hostiles.",
        "fr",
        &[
            country("Maroc", "morocco", "MA"),
            country("Algérie", "algeria", "DZ"),
        ],
    );
    assert_eq!(triples(&ev, &ents), [t("ACCUSE", "algeria", "morocco")]);
}

#[test]
fn a_place_right_after_an_assault_and_onto_is_whom_it_strikes() {
    let names = [
        country("Sudrie", "sudria", "SD"),
        country("Norlande", "norland", "NL"),
    ];
    let (ev, ents) = code_all(
        "La Sudrie a mené des frappes aériennes sur la Norlande samedi.",
        "fr",
        &names,
    );
    assert_eq!(triples(&ev, &ents), [t("ASSAULT", "sudria", "norland")]);
    // Far from the assault, "sur" is where, not whom.
    let (ev, ents) = code_all(
        "La Sudrie a attaqué hier soir un convoi de vivres sur la route de Norlande.",
        "fr",
        &names,
    );
    assert!(
        triples(&ev, &ents).iter().all(|e| e.2 != "norland"),
        "{:?}",
        triples(&ev, &ents)
    );
}

#[test]
fn alors_ends_a_clause_only_before_que() {
    let names = [
        per("Jean Moreau"),
        per("Paul Lebrun"),
        country("Norlande", "norland", "NL"),
    ];
    let (ev, ents) = code_all(
        "En Norlande, Jean Moreau avait alors renversé le président Paul Lebrun.",
        "fr",
        &names,
    );
    assert_eq!(
        triples(&ev, &ents),
        [t("COERCE", "Jean Moreau", "Paul Lebrun")]
    );
    let (ev, ents) = code_all(
        "Jean Moreau a accordé un entretien, alors que Paul Lebrun boycotte le scrutin.",
        "fr",
        &names,
    );
    assert!(triples(&ev, &ents).is_empty(), "{:?}", triples(&ev, &ents));
}

#[test]
fn a_crowd_a_demonym_gives_another_country_is_whom_force_is_used_on() {
    let names = [
        country("Burundi", "burundi", "BI"),
        country("Rwanda", "rwanda", "RW"),
    ];
    let (ev, ents) = code_all(
        "Le Burundi et le Rwanda se disputent. Le Burundi a expulsé des ressortissants rwandais.",
        "fr",
        &names,
    );
    assert_eq!(triples(&ev, &ents), [t("COERCE", "burundi", "rwanda")]);
    let (ev, ents) = code_all(
        "Burundi and Rwanda are at odds. Burundi expelled Rwandan nationals.",
        "en",
        &names,
    );
    assert_eq!(triples(&ev, &ents), [t("COERCE", "burundi", "rwanda")]);
    // A crowd of one's own people is no one else's.
    let (ev, ents) = code_all(
        "Burundi and Rwanda are at odds. Burundi expelled Burundian nationals.",
        "en",
        &names,
    );
    assert!(
        triples(&ev, &ents).iter().all(|e| e.2 != "rwanda"),
        "{:?}",
        triples(&ev, &ents)
    );
}

#[test]
fn a_plural_pronoun_never_stands_for_one_person() {
    let names = [per("Ali Ahmed"), country("Niger", "niger", "NE")];
    let (ev, ents) = code_all(
        "Ali Ahmed spoke on Monday. They accused Niger of fraud.",
        "en",
        &names,
    );
    assert!(ev.is_empty(), "{:?}", triples(&ev, &ents));
    let (ev, ents) = code_all(
        "Ali Ahmed a parlé lundi. Ils ont accusé le Niger de fraude.",
        "fr",
        &names,
    );
    assert!(ev.is_empty(), "{:?}", triples(&ev, &ents));
    // A singular one does.
    let (ev, ents) = code_all(
        "Ali Ahmed spoke on Monday. He accused Niger of fraud.",
        "en",
        &names,
    );
    assert_eq!(triples(&ev, &ents), [t("ACCUSE", "Ali Ahmed", "niger")]);
}

#[test]
fn a_host_receives_a_visitor_not_votes_or_a_copy() {
    let (events, entities) = code(
        "Le président Paul Dak a reçu à Lomé son homologue Jean Tanu.",
        "fr",
        &[
            ("Paul Dak", EntityType::Per, None),
            ("Lomé", EntityType::Loc, Some("city")),
            ("Jean Tanu", EntityType::Per, None),
        ],
    );
    let consult = ("CONSULT".into(), "jean tanu".into(), "paul dak".into());
    assert!(triples(&events, &entities).contains(&consult), "{events:?}");
    for (text, lang) in [
        (
            "The Unity Party received 40 percent of the votes, ahead of the Reform Party.",
            "en",
        ),
        (
            "Le Parti de l'unité a reçu une copie du mandat du Parti de la réforme.",
            "fr",
        ),
    ] {
        let (unity, reform) = match lang {
            "en" => ("Unity Party", "Reform Party"),
            _ => ("Parti de l'unité", "Parti de la réforme"),
        };
        let (events, _) = code(
            text,
            lang,
            &[
                (unity, EntityType::Org, None),
                (reform, EntityType::Org, None),
            ],
        );
        assert!(
            events.iter().all(|e| e.ty != "CONSULT"),
            "{text}: {events:?}"
        );
    }
}
