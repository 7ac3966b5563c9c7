//! # depeche-link: one identity per real entity, places on the map
//!
//! The recogniser keys what its tables know (countries, cities, regions,
//! organisations, ministries). This stage keys everything else so that the
//! same entity gets the same key in every article and language:
//!
//! - **people** by a spelling skeleton ([`skeleton`]): ASCII folding, the
//!   transliteration rules of `data/identity/transliteration.tsv` (ou/u,
//!   ie/ye/e, kh/h, dj/j, ch/sh/tch, zh/j ...), particles (al-, el-) and
//!   patronymics dropped, vowels after the first letter and doubled letters
//!   removed: Iounus-Bek Ievkourov, Iounous-bek Bamatguireïevitch Evkourov
//!   and Yunus-Bek Yevkurov all become `per:uns-bk-evkrv`;
//! - **ministries** named without a country by the article's main country;
//! - **places** to their gazetteer entry, homonyms settled by the other
//!   places of the article, then by population (Tripoli near Benghazi is
//!   in Libya).
//!
//! Pure functions over the document's entities; no I/O.

mod skeleton;

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use depeche_entities::{world, Entities, Source};
use depeche_model::{Key, Registry};
use depeche_text::{Doc, Entity, EntityType, Geo};

pub use skeleton::{person_key, skeleton};

/// Gives every entity its global key and every known place its position;
/// a person named by surname alone takes the full name the registry knows,
/// and the registry learns the article's full names.
pub fn link(doc: &Doc, found: &mut Entities, registry: &mut Registry) {
    let w = world();
    let countries = article_countries(found);
    let main_country = main_country(doc, found);
    for e in 0..found.entities.len() {
        let known = found.table_entry(e).cloned();
        let entity = &mut found.entities[e];
        if let Some(c) = main_country
            .as_deref()
            .filter(|_| national_body(doc, entity))
        {
            entity.key = Key::Part {
                country: Some(c.to_string()),
                body: skeleton(&entity.name),
            }
            .to_string();
            continue;
        }
        if let Some(k) = known {
            let mut place = k.place;
            if k.source == Source::City {
                place = settle_homonym(&entity.name, &countries).or(place);
            }
            if let Some(p) = place.map(|i| w.place(i)) {
                entity.key = p.key.to_string();
                let coords = p.coords.or_else(|| capital_coords(p.key));
                entity.geo = Some(Geo {
                    lat: coords.map(|c| c.0).unwrap_or(f64::NAN),
                    lon: coords.map(|c| c.1).unwrap_or(f64::NAN),
                    country: p.country.to_string(),
                    geonames_id: p.geonames_id,
                    kind: p.kind.to_string(),
                });
            }
            continue;
        }
        if Key::may_lack_country(&entity.key) {
            let parsed = Key::parse(&entity.key);
            if parsed.lacks_country() {
                if let Some(c) = &main_country {
                    entity.key = parsed.with_country(c).to_string();
                }
                continue;
            }
        }
        if !entity.key.is_empty() {
            continue;
        }
        entity.key = match entity.ty {
            EntityType::Per => {
                let key = person_key(&entity.name);
                match registry.resolve(&key) {
                    Some(full) => full.to_string(),
                    None => {
                        registry.learn(&key);
                        key
                    }
                }
            }
            EntityType::Org => Key::Org(skeleton(&entity.name)).to_string(),
            EntityType::Loc => Key::Loc(skeleton(&entity.name)).to_string(),
            EntityType::Misc => Key::Misc(skeleton(&entity.name)).to_string(),
        };
    }
}

/// The global keys a name typed by a user may have, whatever its language
/// or script: as a person ("Putin" and "Poutine" give one key; a surname
/// alone gives a surname key, which a store widens to the full names of
/// that surname), and as an organisation, a place or another name.
pub fn name_keys(name: &str) -> Vec<String> {
    let skeleton = skeleton(name);
    if skeleton.is_empty() {
        return Vec::new();
    }
    vec![
        person_key(name),
        Key::Org(skeleton.clone()).to_string(),
        Key::Loc(skeleton.clone()).to_string(),
        Key::Misc(skeleton).to_string(),
    ]
}

/// Whether an organisation is named only as a body every state has
/// ("le Conseil constitutionnel", "Parliament"): it is then the body of the
/// article's country (`data/<lang>/national-bodies.txt`).
fn national_body(doc: &Doc, entity: &Entity) -> bool {
    static BODIES: depeche_lexicon::PerLanguage<HashSet<&'static str>> =
        depeche_lexicon::PerLanguage::new();
    if entity.ty != EntityType::Org {
        return false;
    }
    let bodies = BODIES.get(doc.lang.code, |lang| {
        depeche_lexicon::lang_rows(lang, "national-bodies.txt")
            .filter_map(|r| r.first().copied())
            .collect()
    });
    bodies.contains(entity.name.to_lowercase().as_str())
}

/// Where a country's capital is: the gazetteer gives countries no
/// coordinates, and the capital is where a country is put on the map.
fn capital_coords(country_key: &str) -> Option<(f64, f64)> {
    let w = world();
    let city = capitals().get(country_key)?;
    w.place(w.place_by_key(city)?).coords
}

/// The capital of each country, by country key. The gazetteer maps
/// capitals to countries, and scanning it cost a pass over every capital
/// for each country named; where a country has several capitals, the one
/// the scan met first is kept.
fn capitals() -> &'static HashMap<&'static str, &'static str> {
    static CAPITALS: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    CAPITALS.get_or_init(|| {
        let mut by_country = HashMap::new();
        for (&city, &country) in world().capital_of.iter() {
            by_country.entry(country).or_insert(city);
        }
        by_country
    })
}

/// The country codes of the countries and unambiguous cities an article names.
fn article_countries(found: &Entities) -> HashMap<&'static str, usize> {
    let w = world();
    let mut out = HashMap::new();
    for k in found.table_entries() {
        if let Some(p) = k.place {
            let country = w.place(p).country;
            if matches!(k.source, Source::Country | Source::City) && !country.is_empty() {
                *out.entry(country).or_insert(0) += 1;
            }
        }
    }
    out
}

/// The key of the country the article speaks of most, by mentions.
fn main_country(doc: &Doc, found: &Entities) -> Option<String> {
    let _ = doc;
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for k in found.mentioned_entries() {
        if k.source == Source::Country {
            *counts.entry(k.key).or_insert(0) += 1;
        }
    }
    counts
        .into_iter()
        .max_by_key(|(k, n)| (*n, std::cmp::Reverse(*k)))
        .map(|(k, _)| k.to_string())
}

/// Among the cities a name may mean, the one in a country the article
/// names most, then the most populous.
fn settle_homonym(name: &str, countries: &HashMap<&'static str, usize>) -> Option<usize> {
    let w = world();
    let list = w.named(name)?;
    list.filter(|k| k.source == Source::City)
        .filter_map(|k| k.place.map(|p| (p, k.population)))
        .max_by_key(|&(p, pop)| (countries.get(w.place(p).country).copied().unwrap_or(0), pop))
        .map(|(p, _)| p)
}

#[cfg(test)]
mod tests {
    use super::*;
    use depeche_entities::find_entities;

    /// The linked entities of a text: (name, key, country, GeoNames id).
    fn linked(text: &str, lang: &str) -> Vec<(String, String, String, Option<u64>)> {
        let doc = Doc::new(text, Some(lang));
        let mut found = find_entities(&doc, &[]);
        link(&doc, &mut found, &mut Registry::new());
        found
            .entities
            .iter()
            .map(|e| {
                let geo = e.geo.as_ref();
                (
                    e.name.clone(),
                    e.key.clone(),
                    geo.map(|g| g.country.clone()).unwrap_or_default(),
                    geo.and_then(|g| g.geonames_id),
                )
            })
            .collect()
    }

    fn place(text: &str, lang: &str, name: &str) -> (String, Option<u64>) {
        let all = linked(text, lang);
        let e = all
            .iter()
            .find(|e| e.0 == name)
            .unwrap_or_else(|| panic!("{name} not in {all:?}"));
        (e.2.clone(), e.3)
    }

    /// Every city of the dev set that GeoNames holds, in sentences written
    /// for this test, with its GeoNames id.
    #[test]
    fn cities_resolve_to_their_geonames_entry() {
        let cases = [
            (
                "Le convoi est arrivé à Benghazi.",
                "fr",
                "Benghazi",
                "LY",
                88319,
            ),
            (
                "Les milices de Tripoli et de Benghazi se sont affrontées.",
                "fr",
                "Tripoli",
                "LY",
                2210247,
            ),
            (
                "Le ministre est arrivé à Moscou.",
                "fr",
                "Moscou",
                "RU",
                524901,
            ),
            (
                "Un forum s'est tenu à Saint-Pétersbourg.",
                "fr",
                "Saint-Pétersbourg",
                "RU",
                498817,
            ),
            (
                "Les chefs d'État se sont réunis à Abuja.",
                "fr",
                "Abuja",
                "NG",
                2352778,
            ),
            (
                "Des manifestants ont défilé à Niamey.",
                "fr",
                "Niamey",
                "NE",
                2440485,
            ),
            (
                "L'ambassadeur est rentré à Paris.",
                "fr",
                "Paris",
                "FR",
                2988507,
            ),
            (
                "Le journaliste écrit depuis Rome.",
                "fr",
                "Rome",
                "IT",
                3169070,
            ),
            (
                "Des navires ont accosté à Tobrouk, en Libye.",
                "fr",
                "Tobrouk",
                "LY",
                81302,
            ),
            (
                "La base navale de Tartous, en Syrie, est russe.",
                "fr",
                "Tartous",
                "SY",
                163345,
            ),
            (
                "The talks were held in Moscow.",
                "en",
                "Moscow",
                "RU",
                524901,
            ),
        ];
        for (text, lang, name, country, id) in cases {
            assert_eq!(
                place(text, lang, name),
                (country.to_string(), Some(id)),
                "{name} in {text:?}"
            );
        }
    }

    #[test]
    fn countries_are_placed_at_their_capital() {
        let doc = Doc::new("La Libye et le Niger.", Some("fr"));
        let mut found = find_entities(&doc, &[]);
        link(&doc, &mut found, &mut Registry::new());
        let libya = found
            .entities
            .iter()
            .find(|e| e.key == "libya")
            .expect("Libye");
        let geo = libya.geo.as_ref().expect("geo");
        assert_eq!(geo.country, "LY");
        assert!(
            (geo.lat - 32.89).abs() < 0.1 && (geo.lon - 13.19).abs() < 0.1,
            "{geo:?}"
        );
    }

    #[test]
    fn homonyms_follow_the_article_s_other_places() {
        assert_eq!(
            place(
                "Des heurts ont éclaté à Tripoli, au nord du Liban, près de Beyrouth.",
                "fr",
                "Tripoli"
            )
            .0,
            "LB"
        );
        assert_eq!(
            place(
                "Des heurts ont éclaté à Tripoli, en Libye.",
                "fr",
                "Tripoli"
            )
            .0,
            "LY"
        );
    }

    #[test]
    fn a_capital_acting_is_its_state() {
        let all = linked(
            "Moscou entretient des relations étroites avec la Russie de demain. Il vit à Moscou.",
            "fr",
        );
        let keys: Vec<&str> = all.iter().map(|e| e.1.as_str()).collect();
        assert!(keys.contains(&"russia"), "{all:?}");
        assert!(keys.contains(&"moscow"), "{all:?}");
    }

    #[test]
    fn a_capital_accused_or_urged_is_its_state() {
        for (text, lang, state) in [
            (
                "Le Maroc soupçonne Alger de mentir sur ses stocks.",
                "fr",
                "algeria",
            ),
            (
                "Ottawa says Britain urged Canberra to act on fishing.",
                "en",
                "australia",
            ),
        ] {
            let all = linked(text, lang);
            let keys: Vec<&str> = all.iter().map(|e| e.1.as_str()).collect();
            assert!(keys.contains(&state), "{all:?}");
        }
    }

    #[test]
    fn one_key_for_every_spelling_across_languages() {
        let fr = linked(
            "Le vice-ministre Iounous-bek Bamatguireïevitch Evkourov est arrivé en Libye.",
            "fr",
        );
        let en = linked("Deputy Minister Yunus-Bek Yevkurov arrived in Libya.", "en");
        let key = |all: &[(String, String, String, Option<u64>)], part: &str| {
            all.iter().find(|e| e.0.contains(part)).map(|e| e.1.clone())
        };
        assert_eq!(key(&fr, "Evkourov"), key(&en, "Yevkurov"));
        assert_eq!(key(&fr, "Libye"), Some("libya".to_string()));
        assert_eq!(key(&en, "Libya"), Some("libya".to_string()));
    }

    #[test]
    fn a_surname_alone_takes_the_full_name_of_an_earlier_article() {
        let mut registry = Registry::new();
        for (text, lang) in [
            ("Le patron de Wagner, Evguéni Prigojine, est mort.", "fr"),
            ("Prigozhin's men left the city.", "en"),
        ] {
            let doc = Doc::new(text, Some(lang));
            let mut found = find_entities(&doc, &[]);
            link(&doc, &mut found, &mut registry);
            let person = found
                .entities
                .iter()
                .find(|e| e.name.starts_with("Evgu") || e.name.starts_with("Prigozhin"))
                .expect("person");
            assert_eq!(person.key, "per:evgn-prgjn", "{text}");
        }
    }

    #[test]
    fn ministries_without_a_country_take_the_article_s_country() {
        let all = linked(
            "La Russie a mobilisé. Le ministère de la Défense a publié un bilan.",
            "fr",
        );
        assert!(
            all.iter().any(|e| e.1 == "russia-ministry-of-defence"),
            "{all:?}"
        );
    }

    #[test]
    fn a_name_gives_the_same_person_key_in_every_spelling() {
        let keys = |n: &str| name_keys(n);
        assert_eq!(keys("Vladimir Poutine")[0], keys("Vladimir Putin")[0]);
        assert_eq!(keys("Poutine")[0], keys("Putin")[0]);
        assert!(keys("  ").is_empty());
    }

    #[test]
    fn a_body_every_state_has_is_the_article_s_country_s() {
        let key_of = |text: &str, lang: &str, name: &str| {
            linked(text, lang)
                .into_iter()
                .find(|(n, ..)| n == name)
                .map(|(_, key, ..)| key)
        };
        let chad = key_of(
            "Au Tchad, le Conseil constitutionnel a validé mardi les résultats. Le Tchad vote.",
            "fr",
            "Conseil constitutionnel",
        );
        let ivory_coast = key_of(
            "En Côte d'Ivoire, le Conseil constitutionnel a rejeté des candidatures. La Côte d'Ivoire vote.",
            "fr",
            "Conseil constitutionnel",
        );
        assert!(
            chad.as_deref().is_some_and(|k| k.starts_with("chad-")),
            "{chad:?}"
        );
        assert_ne!(chad, ivory_coast);
        let kenya = key_of(
            "In Kenya, the Supreme Court upheld the result on Monday. Kenya has a new president.",
            "en",
            "Supreme Court",
        );
        assert_eq!(kenya.as_deref(), Some("kenya-part-sprm-crt"));
    }
}
