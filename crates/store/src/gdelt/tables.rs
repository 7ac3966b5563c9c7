//! The gazetteer and CAMEO tables the GDELT export reads, loaded once at
//! first use from the embedded `data/` files.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use depeche_lexicon::rows;

/// A country as GDELT codes it.
pub(crate) struct Country {
    /// CAMEO actor code (`LBY`).
    pub cameo: &'static str,
    /// FIPS 10-4 code, GDELT's geographic country code (`LY`; Russia `RS`).
    pub fips: &'static str,
    /// The centroid of its mainland, when Natural Earth draws it.
    pub centroid: Option<(f64, f64)>,
}

/// A point: latitude, longitude.
pub(crate) type Point = (f64, f64);

/// A gazetteer place: its kind and country.
pub(crate) struct Place {
    /// `country`, `us-state`, `city`, `continent`, or a kind of
    /// `regions.tsv` (`region`, `sea`, ...).
    pub kind: &'static str,
    /// ISO 3166-1 alpha-2, empty when none.
    pub country: &'static str,
}

/// Every table, by the key it is looked up with.
pub(crate) struct Tables {
    /// ISO alpha-2 → country.
    pub countries: HashMap<&'static str, Country>,
    /// Gazetteer key → place.
    pub places: HashMap<&'static str, Place>,
    /// Gazetteer key → ADM1 code and, for US states, centroid.
    pub admin1: HashMap<&'static str, (&'static str, Option<Point>)>,
    /// Folded name → CAMEO actor code.
    pub actors: HashMap<&'static str, &'static str>,
    /// Ministry domain → CAMEO sector code.
    pub sectors: HashMap<&'static str, &'static str>,
    /// CAMEO type codes: sectors, and the kinds of international actors
    /// (`IGO`, `NGO`, `IMG`, `MNC`...). Any other three letters after the
    /// country are a known group.
    pub types: HashSet<&'static str>,
    /// CAMEO country codes.
    pub cameo_countries: HashSet<&'static str>,
}

fn point(lat: Option<&&str>, lon: Option<&&str>) -> Option<(f64, f64)> {
    Some((lat?.parse().ok()?, lon?.parse().ok()?))
}

/// The tables, read at first use.
pub(crate) fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let countries: HashMap<_, _> = rows("gazetteer/countries.tsv")
            .filter(|r| r.len() >= 3)
            .map(|r| {
                let country = Country {
                    cameo: r[1],
                    fips: r[2],
                    centroid: point(r.get(3), r.get(4)),
                };
                (r[0], country)
            })
            .collect();
        let mut places: HashMap<_, _> = rows("gazetteer/places.tsv")
            .filter(|r| r.len() > 3 && r[0] != "key")
            .map(|r| {
                (
                    r[0],
                    Place {
                        kind: r[2],
                        country: r[3],
                    },
                )
            })
            .collect();
        for r in rows("gazetteer/regions.tsv").filter(|r| r.len() > 2) {
            places.entry(r[0]).or_insert(Place {
                kind: r[1],
                country: r[2],
            });
        }
        let admin1 = rows("gazetteer/admin1.tsv")
            .filter(|r| r.len() >= 2)
            .map(|r| (r[0], (r[1], point(r.get(2), r.get(3)))))
            .collect();
        let pairs = |path| rows(path).filter(|r| r.len() >= 2).map(|r| (r[0], r[1]));
        Tables {
            cameo_countries: countries.values().map(|c| c.cameo).collect(),
            countries,
            places,
            admin1,
            actors: pairs("cameo/actors.tsv").collect(),
            sectors: pairs("cameo/sectors.tsv").collect(),
            types: rows("cameo/types.txt")
                .filter_map(|r| r.first().copied())
                .collect(),
        }
    })
}

/// The places.tsv / regions.tsv entry of a key.
pub(crate) fn place(key: &str) -> Option<&'static Place> {
    tables().places.get(key)
}

/// The country of a gazetteer country key (`libya` → `LY`).
pub(crate) fn country_of_key(key: &str) -> Option<&'static str> {
    place(key)
        .filter(|p| p.kind == "country" && !p.country.is_empty())
        .map(|p| p.country)
}

/// The GDELT facts of a country by ISO code.
pub(crate) fn country(iso: &str) -> Option<&'static Country> {
    tables().countries.get(iso)
}
