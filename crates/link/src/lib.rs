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

use std::collections::HashMap;

use depeche_entities::{world, Entities, Source};
use depeche_text::{Doc, EntityType, Geo};

pub use skeleton::{person_key, skeleton};

/// Gives every entity its global key and every known place its position.
pub fn link(doc: &Doc, found: &mut Entities) {
    let w = world();
    let countries = article_countries(found);
    let main_country = main_country(doc, found);
    for (e, entity) in found.entities.iter_mut().enumerate() {
        let known = found.known[e].clone();
        if let Some(k) = known {
            let mut place = k.place;
            if k.source == Source::City {
                place = settle_homonym(&entity.name, &countries).or(place);
            }
            if let Some(p) = place.map(|i| &w.places[i]) {
                entity.key = p.key.to_string();
                entity.geo = Some(Geo {
                    lat: p.coords.map(|c| c.0).unwrap_or(f64::NAN),
                    lon: p.coords.map(|c| c.1).unwrap_or(f64::NAN),
                    country: p.country.to_string(),
                    geonames_id: p.geonames_id,
                    kind: p.kind.to_string(),
                });
            }
            continue;
        }
        if entity.key.starts_with("ministry-of-") || entity.key.starts_with("part-") {
            if let Some(c) = &main_country {
                entity.key = format!("{c}-{}", entity.key);
            }
            continue;
        }
        if !entity.key.is_empty() {
            continue;
        }
        entity.key = match entity.ty {
            EntityType::Per => person_key(&entity.name),
            EntityType::Org => format!("org:{}", skeleton(&entity.name)),
            EntityType::Loc => format!("loc:{}", skeleton(&entity.name)),
            EntityType::Misc => format!("misc:{}", skeleton(&entity.name)),
        };
    }
}

/// The country codes of the countries and unambiguous cities an article names.
fn article_countries(found: &Entities) -> HashMap<&'static str, usize> {
    let w = world();
    let mut out = HashMap::new();
    for k in found.known.iter().flatten() {
        if let Some(p) = k.place {
            if matches!(k.source, Source::Country | Source::City) && !w.places[p].country.is_empty()
            {
                *out.entry(w.places[p].country).or_insert(0) += 1;
            }
        }
    }
    out
}

/// The key of the country the article speaks of most, by mentions.
fn main_country(doc: &Doc, found: &Entities) -> Option<String> {
    let _ = doc;
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for m in &found.mentions {
        if let Some(k) = &found.known[m.entity] {
            if k.source == Source::Country {
                *counts.entry(k.key).or_insert(0) += 1;
            }
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
    let key = depeche_entities::knowledge::token_key(name);
    let list = w.names.get(&key)?;
    list.iter()
        .filter(|k| k.source == Source::City)
        .filter_map(|k| k.place.map(|p| (p, k.population)))
        .max_by_key(|&(p, pop)| {
            (
                countries.get(w.places[p].country).copied().unwrap_or(0),
                pop,
            )
        })
        .map(|(p, _)| p)
}
