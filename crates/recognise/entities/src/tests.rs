//! One test per rule family, in French and English, on sentences written
//! for these tests.

use depeche_text::{Doc, EntityType};

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
}

#[test]
fn names_spelt_without_accents_or_hyphens() {
    has("Les Etats Unis ont protesté.", "fr", "Etats Unis", "LOC");
    has("The Cote d Ivoire team won.", "en", "Cote d Ivoire", "LOC");
}
