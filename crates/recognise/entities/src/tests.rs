//! One test per rule family, in French and English, on sentences written
//! for these tests.

use depeche_text::{Doc, EntityType, Span};

use crate::find_entities;

/// The mentions of `text` as (words, type) pairs, in text order.
fn names(text: &str, lang: &str) -> Vec<(String, &'static str)> {
    let doc = Doc::new(text, Some(lang));
    let found = find_entities(&doc, &[]);
    found
        .mentions
        .iter()
        .map(|m| (doc.text.slice(m.span).to_string(), m.ty.label()))
        .collect()
}

fn has(text: &str, lang: &str, name: &str, ty: &str) {
    let got = names(text, lang);
    assert!(
        got.iter().any(|(n, t)| n == name && *t == ty),
        "{name} {ty} not in {got:?}"
    );
}

fn lacks(text: &str, lang: &str, name: &str) {
    let got = names(text, lang);
    assert!(
        !got.iter().any(|(n, _)| n == name),
        "{name} unexpectedly in {got:?}"
    );
}

#[test]
fn gazetteer_places_and_countries() {
    has(
        "Le convoi est parti de Benghazi vers la Libye.",
        "fr",
        "Benghazi",
        "LOC",
    );
    has(
        "Le convoi est parti de Benghazi vers la Libye.",
        "fr",
        "Libye",
        "LOC",
    );
    has(
        "The convoy left Moscow for Russia's border.",
        "en",
        "Moscow",
        "LOC",
    );
    has("US and UK jets flew over the area.", "en", "US", "LOC");
}

#[test]
fn known_organisations_and_acronyms() {
    has("L'ONU a réuni le Conseil de sécurité.", "fr", "ONU", "ORG");
    has("NATO allies met in Brussels.", "en", "NATO", "ORG");
}

#[test]
fn sentence_initial_common_words_are_not_names() {
    lacks("Une réunion a eu lieu à Tunis.", "fr", "Une");
    lacks("Selon la presse, rien n'a changé.", "fr", "Selon");
    lacks("However, nothing changed in Kenya.", "en", "However");
}

#[test]
fn peoples_and_faiths_without_a_state_are_not_names() {
    lacks(
        "Amini, a Kurdish woman, was visiting Tehran.",
        "en",
        "Kurdish",
    );
    lacks("Sunni and Shia leaders met in Baghdad.", "en", "Sunni");
    lacks("Les Kurdes ont manifesté à Paris.", "fr", "Kurdes");
    lacks(
        "Crowds marched against the Government in the capital.",
        "en",
        "Government",
    );
    // A name they open is still a name.
    has(
        "The Kurdish Workers Party denied it.",
        "en",
        "Kurdish Workers Party",
        "ORG",
    );
}

#[test]
fn titles_make_people_and_stay_outside() {
    has(
        "Le maréchal Abdoulaye Traoré est arrivé.",
        "fr",
        "Abdoulaye Traoré",
        "PER",
    );
    has(
        "Russian Deputy Defense Minister Ivan Petrov arrived.",
        "en",
        "Ivan Petrov",
        "PER",
    );
    has(
        "Le porte-parole, Karim Benali, a démenti.",
        "fr",
        "Karim Benali",
        "PER",
    );
}

/// The role titles the entity named `name` holds.
fn titles_of(text: &str, lang: &str, name: &str) -> Vec<String> {
    let doc = Doc::new(text, Some(lang));
    let found = find_entities(&doc, &[]);
    found
        .entities
        .iter()
        .filter(|e| e.name == name)
        .flat_map(|e| e.roles.iter().map(|r| r.title.clone()))
        .collect()
}

#[test]
fn a_title_keeps_the_demonym_and_rank_written_before_it() {
    assert_eq!(
        titles_of(
            "Russian Deputy Defense Minister Ivan Petrov arrived.",
            "en",
            "Ivan Petrov"
        ),
        ["Russian Deputy Defense Minister"]
    );
    // A determiner opening the sentence is no part of it.
    assert_eq!(
        titles_of("Son président Karim Benali a parlé.", "fr", "Karim Benali"),
        ["président"]
    );
}

#[test]
fn a_demonym_inside_a_french_title_keeps_the_title() {
    for text in [
        "Le ministre kényan des Affaires étrangères, Paul Otieno, a parlé.",
        "Le ministre kényan des Affaires étrangères Paul Otieno a parlé.",
    ] {
        assert_eq!(
            titles_of(text, "fr", "Paul Otieno"),
            ["ministre kényan des Affaires étrangères"],
            "{text}"
        );
    }
    // A word that is no demonym in its place is no title.
    assert!(titles_of(
        "Le ministre lent des Affaires étrangères, Paul Otieno, a parlé.",
        "fr",
        "Paul Otieno"
    )
    .is_empty());
}

#[test]
fn particles_join_names() {
    has(
        "Le colonel Ahmed al-Sabri a parlé.",
        "fr",
        "Ahmed al-Sabri",
        "PER",
    );
}

#[test]
fn ministries_with_their_country() {
    has(
        "Le ministère russe de la Défense a publié un bilan.",
        "fr",
        "ministère russe de la Défense",
        "ORG",
    );
    has(
        "Selon la Défense russe, deux drones ont été abattus.",
        "fr",
        "Défense russe",
        "ORG",
    );
    has(
        "The Russian Defence Ministry said so.",
        "en",
        "Russian Defence Ministry",
        "ORG",
    );
    let doc = Doc::new(
        "Le ministère russe de la Défense et la Défense russe.",
        Some("fr"),
    );
    let found = find_entities(&doc, &[]);
    assert_eq!(
        found.entities.len(),
        1,
        "one ministry: {:?}",
        found.entities
    );
    assert_eq!(found.entities[0].key, "russia-ministry-of-defence");
}

#[test]
fn organisation_names_built_on_a_head_word() {
    has(
        "Les Forces armées soudanaises ont riposté.",
        "fr",
        "Forces armées soudanaises",
        "ORG",
    );
    has(
        "Il a assisté à la IIe Conférence internationale de Dakar sur la paix.",
        "fr",
        "IIe Conférence internationale de Dakar sur la paix",
        "MISC",
    );
}

#[test]
fn acronym_in_parentheses_joins_its_expansion() {
    let doc = Doc::new(
        "Le Front populaire du Sud (FPS) a pris la ville. Le FPS a ensuite reculé.",
        Some("fr"),
    );
    let found = find_entities(&doc, &[]);
    let fps: Vec<_> = found
        .mentions
        .iter()
        .filter(|m| doc.text.slice(m.span) == "FPS")
        .collect();
    assert_eq!(fps.len(), 2);
    let front = found
        .mentions
        .iter()
        .find(|m| doc.text.slice(m.span) == "Front populaire du Sud")
        .expect("expansion");
    assert!(fps
        .iter()
        .all(|m| m.entity == front.entity && m.ty == EntityType::Org));
}

#[test]
fn surname_alone_joins_the_full_name() {
    let doc = Doc::new(
        "Haftar à Moscou\nLe maréchal Khalifa Haftar a été reçu. Haftar est reparti.",
        Some("fr"),
    );
    let found = find_entities(&doc, &[]);
    let haftar: Vec<_> = found
        .mentions
        .iter()
        .filter(|m| doc.text.slice(m.span).contains("Haftar"))
        .collect();
    assert_eq!(haftar.len(), 3);
    assert!(haftar
        .iter()
        .all(|m| m.entity == haftar[0].entity && m.ty == EntityType::Per));
}

#[test]
fn parts_of_a_country_are_places() {
    has("Les forces de l'Est libyen ont avancé.", "fr", "Est", "LOC");
}

#[test]
fn country_prefix_of_a_compound() {
    has("Iran-backed groups fired missiles.", "en", "Iran", "LOC");
}

#[test]
fn strange_text_gives_no_panic() {
    for text in [
        "",
        "«»«»",
        "A B C D E F G H I J K L M N O P",
        "M. M. M. M.",
        "(FPS)",
        "l'l'l'l'",
    ] {
        let doc = Doc::new(text, Some("fr"));
        let _ = find_entities(&doc, &[]);
    }
}

#[test]
fn english_rule_families() {
    has(
        "Britain and France sent ships to Cyprus.",
        "en",
        "Cyprus",
        "LOC",
    );
    has(
        "The African Union suspended Gabon.",
        "en",
        "African Union",
        "ORG",
    );
    lacks("Meanwhile, talks resumed in Doha.", "en", "Meanwhile");
    has(
        "General Ahmed al-Sabri spoke to reporters.",
        "en",
        "Ahmed al-Sabri",
        "PER",
    );
    has(
        "Army spokesman Nabil Karam denied it.",
        "en",
        "Nabil Karam",
        "PER",
    );
    has(
        "The Ministry of Defence issued a statement.",
        "en",
        "Ministry of Defence",
        "ORG",
    );
    has(
        "Delegates met at the Geneva Peace Conference.",
        "en",
        "Geneva Peace Conference",
        "MISC",
    );
    has(
        "The group attacked the USS Carney in the Red Sea.",
        "en",
        "Red Sea",
        "LOC",
    );
}

#[test]
fn english_acronym_in_parentheses_joins_its_expansion() {
    let doc = Doc::new(
        "The Southern Liberation Front (SLF) took the town. The SLF later withdrew.",
        Some("en"),
    );
    let found = find_entities(&doc, &[]);
    let slf: Vec<_> = found
        .mentions
        .iter()
        .filter(|m| doc.text.slice(m.span) == "SLF")
        .collect();
    assert_eq!(slf.len(), 2);
    assert!(slf.iter().all(|m| m.entity == slf[0].entity));
}

#[test]
fn english_surname_alone_joins_the_full_name() {
    let doc = Doc::new(
        "President Joe Biden spoke on Monday. Biden said little.",
        Some("en"),
    );
    let found = find_entities(&doc, &[]);
    let biden: Vec<_> = found
        .mentions
        .iter()
        .filter(|m| doc.text.slice(m.span).contains("Biden"))
        .collect();
    assert_eq!(biden.len(), 2);
    assert_eq!(biden[0].entity, biden[1].entity);
}

/// The agent of an act and the seat of a regime are the state, whatever
/// follows the capital; a capital after "de" alone stays the city.
#[test]
fn a_capital_after_par_or_regime_de_is_its_state() {
    let keys = |text: &str, lang: &str| -> Vec<&'static str> {
        let doc = Doc::new(text, Some(lang));
        find_entities(&doc, &[])
            .known
            .iter()
            .flatten()
            .map(|k| k.key)
            .collect()
    };
    assert_eq!(
        keys("Les tirs revendiqués par Téhéran sur Israël.", "fr"),
        ["iran", "israel"]
    );
    assert_eq!(keys("Le régime de Kigali dément.", "fr"), ["rwanda"]);
    assert_eq!(
        keys("The strikes were ordered by Moscow on Monday.", "en"),
        ["russia"]
    );
    assert_eq!(keys("Le maire de Téhéran dément.", "fr"), ["tehran"]);
    // A capital outranks the region of the same name.
    assert_eq!(
        keys("The deal was signed in Washington.", "en"),
        ["washington"]
    );
}

#[test]
fn a_capital_acting_is_not_the_city() {
    let doc = Doc::new(
        "Moscow denied the report. The minister flew to Moscow.",
        Some("en"),
    );
    let found = find_entities(&doc, &[]);
    let keys: Vec<&str> = found.known.iter().flatten().map(|k| k.key).collect();
    assert!(
        keys.contains(&"russia") && keys.contains(&"moscow"),
        "{keys:?}"
    );
    for city in [
        "The rebels entered Damascus on Sunday.",
        "They said the city of Damascus has fallen.",
    ] {
        let doc = Doc::new(city, Some("en"));
        let found = find_entities(&doc, &[]);
        let keys: Vec<&str> = found.known.iter().flatten().map(|k| k.key).collect();
        assert_eq!(keys, ["damascus"], "{city}");
    }
}

#[test]
fn names_spelt_without_accents_or_hyphens() {
    has("Les Etats Unis ont protesté.", "fr", "Etats Unis", "LOC");
    has("The Cote d Ivoire team won.", "en", "Cote d Ivoire", "LOC");
}

#[test]
fn a_noun_before_or_after_a_name_gives_its_type() {
    has(
        "Il a parlé au quotidien Vorkalo Zetnik hier.",
        "fr",
        "Vorkalo Zetnik",
        "ORG",
    );
    has(
        "Les pluies ont touché la ville de Brandoule.",
        "fr",
        "Brandoule",
        "LOC",
    );
    has(
        "He spoke to the daily Vorkalo Zetnik.",
        "en",
        "Vorkalo Zetnik",
        "ORG",
    );
    has(
        "Shells hit the town of Brandoule.",
        "en",
        "Brandoule",
        "LOC",
    );
    has(
        "Troops entered Brandoule province.",
        "en",
        "Brandoule",
        "LOC",
    );
    has(
        "The vote was won by Zorbak, an opposition party.",
        "en",
        "Zorbak",
        "ORG",
    );
}

#[test]
fn an_unknown_name_is_not_a_person_by_default() {
    // After an article, an unknown name is no person.
    has("Le chef du Zorbak a démissionné.", "fr", "Zorbak", "ORG");
    has("Members of the Zorbak walked out.", "en", "Zorbak", "ORG");
    // A title linked by "de" heads the body named after it.
    has("Le président de l'UPRZ a parlé.", "fr", "UPRZ", "ORG");
    // Capitalised common words are a phrase, not a person.
    lacks("Tear Gas Fired At Crowds", "en", "Tear Gas");
    lacks("Les Grandes Vacances commencent.", "fr", "Grandes Vacances");
}

#[test]
fn demonyms_and_adjectives_are_not_names() {
    lacks("Many South Africans voted.", "en", "Africans");
    lacks("Des Egyptiens ont été secourus.", "fr", "Egyptiens");
    lacks("Turkish-backed rebels advanced.", "en", "Turkish-backed");
    lacks("Les MPs ont voté.", "fr", "MPs");
    lacks("Three NGOs left the area.", "en", "NGOs");
}

#[test]
fn acronyms_in_capitals_are_organisations() {
    has("The ZANUKA party won.", "en", "ZANUKA", "ORG");
    has(
        "Le PDKZ-RDA a désigné son candidat.",
        "fr",
        "PDKZ-RDA",
        "ORG",
    );
}

#[test]
fn names_in_a_list_of_places_are_places() {
    has(
        "Curfews hit Kano, Borno, Brandoule and Katsina.",
        "en",
        "Brandoule",
        "LOC",
    );
    has(
        "Le couvre-feu touche Kano, Brandoule et Katsina.",
        "fr",
        "Brandoule",
        "LOC",
    );
}

#[test]
fn organisation_names_keep_demonyms_and_inner_words() {
    has(
        "The Sudanese Armed Forces attacked.",
        "en",
        "Sudanese Armed Forces",
        "ORG",
    );
    has(
        "US National Security Council staff met.",
        "en",
        "US National Security Council",
        "ORG",
    );
    has(
        "Fighters of the Syrian National Army moved.",
        "en",
        "Syrian National Army",
        "ORG",
    );
    has(
        "Le Haut-Commissariat de l'ONU pour les réfugiés a réagi.",
        "fr",
        "Haut-Commissariat de l'ONU pour les réfugiés",
        "ORG",
    );
    // A verb after the name is not part of it.
    has(
        "La Cour constitutionnelle de Roumanie annule le vote.",
        "fr",
        "Cour constitutionnelle de Roumanie",
        "ORG",
    );
    has(
        "L'Agence internationale de l'énergie atomique indique que tout va bien.",
        "fr",
        "Agence internationale de l'énergie atomique",
        "ORG",
    );
}

#[test]
fn lowercase_institutions_naming_one_body() {
    has(
        "L'armée soudanaise a riposté.",
        "fr",
        "armée soudanaise",
        "ORG",
    );
    has("Le parti libéral a gagné.", "fr", "parti libéral", "ORG");
    has(
        "The Lebanese army redeployed.",
        "en",
        "Lebanese army",
        "ORG",
    );
    has(
        "Selon le ministère de l'intérieur marocain, le bilan s'alourdit.",
        "fr",
        "ministère de l'intérieur marocain",
        "ORG",
    );
    has(
        "The Lebanese health ministry gave a toll.",
        "en",
        "Lebanese health ministry",
        "ORG",
    );
    // Generic descriptions stay out.
    lacks("Les forces libyennes avancent.", "fr", "forces libyennes");
}

#[test]
fn named_wars_and_hashtags_are_misc() {
    has(
        "Pendant la guerre du Golfe, il était soldat.",
        "fr",
        "guerre du Golfe",
        "MISC",
    );
    has(
        "Protesters used #StopTheTax online.",
        "en",
        "#StopTheTax",
        "MISC",
    );
    has("Le mot-clé #StopTaxe circule.", "fr", "#StopTaxe", "MISC");
}

#[test]
fn people_names_split_from_what_surrounds_them() {
    // A person named after an organisation's connector is not part of it.
    has(
        "Le Zorbak de Abdel-Karim Yamoudi a perdu.",
        "fr",
        "Abdel-Karim Yamoudi",
        "PER",
    );
    // Common words before a given name stay out.
    has("(Reportage Luiza Petrescu)", "fr", "Luiza Petrescu", "PER");
    has("(Reporting Luiza Petrescu)", "en", "Luiza Petrescu", "PER");
    // A full name beats a town homonym of its first word.
    has("Bello Ramirez won the vote.", "en", "Bello Ramirez", "PER");
}

#[test]
fn a_person_name_does_not_go_on_over_of() {
    has(
        "He was called the Donald Trump of Asia.",
        "en",
        "Donald Trump",
        "PER",
    );
    has(
        "He was called the Donald Trump of Asia.",
        "en",
        "Asia",
        "LOC",
    );
    // A particle stays inside: « Charles de Gaulle ».
    has(
        "L'aéroport porte le nom de Charles de Gaulle.",
        "fr",
        "Charles de Gaulle",
        "PER",
    );
}

#[test]
fn elided_and_contracted_words_are_not_names() {
    lacks("Jusqu'à présent, rien.", "fr", "Jusqu'");
    lacks("He said: I’m still here.", "en", "I’m");
}

#[test]
fn a_common_word_after_a_place_noun_is_a_place() {
    has(
        "Ils vivent dans le quartier de Plateau depuis longtemps.",
        "fr",
        "Plateau",
        "LOC",
    );
    lacks("« L’opération a réussi », dit-il.", "fr", "L’");
}

#[test]
fn constitutions_are_misc() {
    has(
        "La nouvelle Constitution a été adoptée.",
        "fr",
        "Constitution",
        "MISC",
    );
    has(
        "The new Constitution was adopted.",
        "en",
        "Constitution",
        "MISC",
    );
}

#[test]
fn capitals_written_without_their_accent_are_still_common_words() {
    lacks("Elu en 2016, il a été réélu.", "fr", "Elu");
    lacks("Après le coup d'Etat, la junte a parlé.", "fr", "Etat");
}

#[test]
fn a_known_name_in_lowercase_is_common_words() {
    lacks("Tout le monde le sait.", "fr", "le monde");
    lacks("It was the sun that rose.", "en", "the sun");
}

#[test]
fn an_acronym_in_capitals_is_looked_up_as_written() {
    let doc = Doc::new(
        "L'Agence internationale de l'énergie atomique a publié un rapport. Selon l'AIEA, le site est fermé.",
        Some("fr"),
    );
    let found = find_entities(&doc, &[]);
    let keys: Vec<&str> = found.entities.iter().map(|e| e.key.as_str()).collect();
    assert_eq!(keys, ["iaea"], "{keys:?}");
}

#[test]
fn an_organisation_head_word_alone_is_that_organisation() {
    let doc = Doc::new(
        "La Commission électorale indépendante a publié la liste. Lundi, la Commission a refusé dix dossiers.",
        Some("fr"),
    );
    let found = find_entities(&doc, &[]);
    let orgs: Vec<_> = found
        .mentions
        .iter()
        .filter(|m| doc.text.slice(m.span).starts_with("Commission"))
        .collect();
    assert_eq!(orgs.len(), 2);
    assert_eq!(orgs[0].entity, orgs[1].entity);
    let doc = Doc::new(
        "The Supreme Electoral Council met. A Commission of the Congress and the Council disagreed.",
        Some("en"),
    );
    let found = find_entities(&doc, &[]);
    let council = |name: &str| {
        found
            .mentions
            .iter()
            .find(|m| doc.text.slice(m.span) == name)
            .map(|m| m.entity)
    };
    assert_eq!(council("Council"), council("Supreme Electoral Council"));
}

/// Every row of the name rules' tables is understood in every language: a
/// kind the rules do not read, a cue's unknown type or a setting's typo
/// would otherwise cost recall without a word.
#[test]
fn every_row_of_the_name_tables_is_understood() {
    const KINDS: &[&str] = &[
        "cue",
        "institution",
        "adjective-ending",
        "title-link",
        "list-joiner",
        "article",
        "capital-accent",
        "inner-link",
        "ministry-link",
        "domain-link",
        "event-link",
        "determiner",
        "state-cue",
        "people",
        "common-body",
    ];
    const PLACES: &[&str] = &["none", "after", "before", "misc-of"];
    const SETTINGS: &[&str] = &["lowercase_name_words", "assumed", "table_keys"];
    for lang in depeche_lexicon::languages() {
        for r in depeche_lexicon::lang_rows(lang, "name-evidence.tsv") {
            assert!(r.len() >= 2, "{lang}: short row {r:?}");
            assert!(KINDS.contains(&r[0]), "{lang}: unknown kind {r:?}");
            match r[0] {
                "cue" => assert!(
                    ["PER", "ORG", "LOC", "MISC"].contains(&r.get(2).copied().unwrap_or("")),
                    "{lang}: cue without a type {r:?}"
                ),
                "institution" => assert!(
                    PLACES.contains(&r.get(2).copied().unwrap_or("")),
                    "{lang}: institution without a place {r:?}"
                ),
                "capital-accent" => assert!(r.len() >= 3, "{lang}: no accented forms {r:?}"),
                _ => {}
            }
        }
        for r in depeche_lexicon::lang_rows(lang, "settings.tsv") {
            assert!(
                r.len() == 2 && SETTINGS.contains(&r[0]) && ["yes", "no"].contains(&r[1]),
                "{lang}: setting not understood {r:?}"
            );
        }
    }
}

/// The words that join names, titles and domains come from the tables:
/// French and English each find their own.
#[test]
fn joining_words_come_from_the_tables() {
    has(
        "Le ministère de la Défense a répondu.",
        "fr",
        "ministère de la Défense",
        "ORG",
    );
    has(
        "The Ministry of Defence replied.",
        "en",
        "Ministry of Defence",
        "ORG",
    );
}

#[test]
fn any_overlap_answers_as_a_scan_of_every_span_does() {
    let spans = [
        Span::new(30, 40),
        Span::new(2, 5),
        Span::new(10, 25),
        Span::new(12, 14),
        Span::new(50, 50),
    ];
    let set = crate::AnyOverlap::new(&spans);
    for start in 0..60 {
        for end in start..62 {
            let span = Span::new(start, end);
            let scan = spans.iter().any(|s| s.overlaps(&span));
            assert_eq!(set.overlaps(&span), scan, "{span:?}");
        }
    }
}
