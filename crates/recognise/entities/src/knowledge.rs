//! What the recogniser knows before it reads: names from the gazetteers
//! and the organisations table, given names and surnames, common words,
//! titles, demonyms, and the head words of organisation and event names.
//! Everything is read once per process from the embedded data files.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

use depeche_lexicon::{lang_rows, rows};
use depeche_text::EntityType;

/// Where a known name comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// A country from the gazetteer.
    Country,
    /// A city from the gazetteer (index into `places`).
    City,
    /// A continent, sea, region or other named area.
    Region,
    /// A row of the organisations table.
    Org,
}

/// One thing a name may refer to.
#[derive(Clone, Debug)]
pub struct Known {
    /// Global key of the thing (`libya`, `benghazi`, `united-nations`).
    pub key: &'static str,
    /// Entity type.
    pub ty: EntityType,
    /// Which table it comes from.
    pub source: Source,
    /// Population for places (0 when unknown): the prior between homonyms.
    pub population: u64,
    /// Index into [`World::places`] for gazetteer places.
    pub place: Option<usize>,
}

/// A gazetteer place with its position.
#[derive(Clone, Debug)]
pub struct Place {
    /// Global key.
    pub key: &'static str,
    /// GeoNames id, when from GeoNames.
    pub geonames_id: Option<u64>,
    /// `country`, `city`, `continent`, `region`, `sea`...
    pub kind: &'static str,
    /// ISO 3166-1 alpha-2 code, or empty.
    pub country: &'static str,
    /// Latitude and longitude, when known.
    pub coords: Option<(f64, f64)>,
    /// The English name.
    pub name: &'static str,
}

/// Every language-independent table.
pub struct World {
    /// Known names, exactly as written (single spaces between tokens).
    pub names: HashMap<String, Vec<Known>>,
    /// Known multi-word names, lowercased (for "armée nationale libyenne").
    pub lower_names: HashMap<String, Vec<Known>>,
    /// Countries, regions and organisations by folded name (lowercase, no
    /// accents, hyphens and apostrophes as spaces): "Etats Unis" finds
    /// "États-Unis".
    pub folded_names: HashMap<String, Vec<Known>>,
    /// First tokens of known names, as written and lowercased, with the
    /// longest name length in tokens that starts with them.
    pub first_tokens: HashMap<String, usize>,
    /// Gazetteer places.
    pub places: Vec<Place>,
    /// Place index by key.
    pub place_by_key: HashMap<&'static str, usize>,
    /// Given names.
    pub given_names: HashSet<&'static str>,
    /// Surnames.
    pub surnames: HashSet<&'static str>,
    /// Capital city key → its country's key.
    pub capital_of: HashMap<&'static str, &'static str>,
}

/// Every table of one language.
pub struct Tongue {
    /// Lowercase common words.
    pub common: HashSet<&'static str>,
    /// Lowercase title phrases (tokens joined by one space) and their kind.
    pub titles: HashMap<String, &'static str>,
    /// Longest title in tokens.
    pub title_len: usize,
    /// Demonyms (lowercase) and their country key.
    pub demonyms: HashMap<String, &'static str>,
    /// Head words of organisation names and where they stand (`start`, `end`, `both`).
    pub org_heads: HashMap<&'static str, &'static str>,
    /// Head words of event, treaty and conference names.
    pub misc_heads: HashMap<&'static str, &'static str>,
    /// Words that lead into a place (`à`, `en`, `in`), lowercase.
    pub place_cues: HashSet<&'static str>,
    /// Lowercase connectors allowed inside a name (`de`, `al`, `of`).
    pub connectors: HashSet<&'static str>,
    /// Capitalised words of ministry domains (`Défense`) and their slug.
    pub ministry_domains: HashMap<&'static str, &'static str>,
    /// Words for a ministry (`ministère`, `Ministry`), lowercase.
    pub ministry_words: HashSet<&'static str>,
    /// Capitalised compass words naming part of a country, with their slug.
    pub compass: HashMap<&'static str, &'static str>,
    /// Every word of every title (`deputy`, `minister`), lowercase.
    pub title_words: HashSet<String>,
    /// Whether organisation names go on with lowercase words (French).
    pub lowercase_name_words: bool,
}

/// Splits a name into the tokens the tokeniser would make, joined by one space.
pub fn token_key(name: &str) -> String {
    // Most names are words, spaces and inner hyphens: they tokenise as split
    // on spaces, without building a text view.
    let plain = name
        .chars()
        .all(|c| c.is_alphanumeric() || c == ' ' || c == '-')
        && !name.starts_with('-')
        && !name.contains("--")
        && !name.contains(" -")
        && !name.contains("- ")
        && !name.ends_with('-')
        && (name.is_ascii() || unicode_normalization::is_nfc(name));
    if plain {
        return name.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    depeche_text::token_strings(name, depeche_text::Language::get("fr")).join(" ")
}

fn add(world: &mut World, name: &str, known: Known) {
    if name.chars().count() < 2 {
        return;
    }
    let key = token_key(name);
    let n = key.split(' ').count();
    let first = key.split(' ').next().unwrap_or("").to_string();
    let e = world.first_tokens.entry(first.clone()).or_insert(0);
    *e = (*e).max(n);
    if n >= 2 {
        let lower = key.to_lowercase();
        let lf = first.to_lowercase();
        let e = world.first_tokens.entry(lf).or_insert(0);
        *e = (*e).max(n);
        let list = world.lower_names.entry(lower).or_default();
        if !list.iter().any(|k| k.key == known.key) {
            list.push(known.clone());
        }
    }
    if known.source != Source::City {
        let folded = fold(name);
        let mut words = folded.split(' ');
        let first_folded = words.next().unwrap_or("").to_string();
        let e = world.first_tokens.entry(first_folded).or_insert(0);
        *e = (*e).max(folded.split(' ').count());
        let list = world.folded_names.entry(folded).or_default();
        if !list.iter().any(|k| k.key == known.key) {
            list.push(known.clone());
        }
    }
    let list = world.names.entry(key).or_default();
    if !list.iter().any(|k| k.key == known.key) {
        list.push(known);
    }
}

/// A name folded for lenient matching: lowercase, accents removed,
/// hyphens and apostrophes read as spaces, single spaces.
pub fn fold(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let plain: String = name
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| if matches!(c, '-' | '\'') { ' ' } else { c })
        .collect();
    plain.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first column of a one-word-per-line file, in a set sized up front
/// (growing a set of 350,000 words step by step costs more than filling it).
fn sized_set(path: &str) -> HashSet<&'static str> {
    let lines = depeche_lexicon::file(path).map_or(0, |t| t.lines().count());
    let mut set = HashSet::with_capacity_and_hasher(lines, Default::default());
    set.extend(rows(path).filter_map(|r| r.first().copied()));
    set
}

/// Latitude and longitude from two table fields, when both are numbers.
fn coords(lat: &str, lon: &str) -> Option<(f64, f64)> {
    Some((lat.parse().ok()?, lon.parse().ok()?))
}

/// Adds a gazetteer place and every one of its `|`-separated names (the
/// first is its English name); the first place with a key keeps it.
fn add_place(
    world: &mut World,
    mut place: Place,
    names: &'static str,
    source: Source,
    population: u64,
) {
    let idx = world.places.len();
    let names: Vec<&'static str> = names.split('|').collect();
    place.name = names.first().copied().unwrap_or(place.key);
    let key = place.key;
    world.places.push(place);
    world.place_by_key.entry(key).or_insert(idx);
    for name in names {
        add(
            world,
            name,
            Known {
                key,
                ty: EntityType::Loc,
                source,
                population,
                place: Some(idx),
            },
        );
    }
}

fn load_world() -> World {
    let mut world = World {
        names: HashMap::with_capacity_and_hasher(400_000, Default::default()),
        lower_names: HashMap::with_capacity_and_hasher(100_000, Default::default()),
        folded_names: HashMap::default(),
        first_tokens: HashMap::with_capacity_and_hasher(300_000, Default::default()),
        places: Vec::new(),
        place_by_key: HashMap::default(),
        given_names: sized_set("names/given-names.txt"),
        surnames: rows("names/surnames.txt")
            .filter_map(|r| r.first().copied())
            .collect(),
        capital_of: rows("gazetteer/capitals.tsv")
            .filter(|r| r.len() >= 2)
            .map(|r| (r[1], r[0]))
            .collect(),
    };
    for r in rows("gazetteer/places.tsv") {
        if r.len() < 8 {
            continue;
        }
        let source = match r[2] {
            "country" => Source::Country,
            "city" => Source::City,
            _ => Source::Region,
        };
        let place = Place {
            key: r[0],
            geonames_id: r[1].parse().ok(),
            kind: r[2],
            country: r[3],
            coords: coords(r[4], r[5]),
            name: r[0],
        };
        add_place(&mut world, place, r[7], source, r[6].parse().unwrap_or(0));
    }
    for r in rows("gazetteer/regions.tsv") {
        if r.len() < 6 {
            continue;
        }
        let place = Place {
            key: r[0],
            geonames_id: None,
            kind: r[1],
            country: r[2],
            coords: coords(r[3], r[4]),
            name: r[0],
        };
        // Regions outrank cities of the same name ("Gaza" the strip).
        add_place(&mut world, place, r[5], Source::Region, u64::MAX / 2);
    }
    for r in rows("orgs.tsv") {
        if r.len() < 3 {
            continue;
        }
        for name in r[2].split('|') {
            add(
                &mut world,
                name,
                Known {
                    key: r[0],
                    ty: EntityType::Org,
                    source: Source::Org,
                    population: 0,
                    place: None,
                },
            );
        }
    }
    world
}

impl World {
    /// The table entry of the country with this key.
    pub fn country(&self, key: &str) -> Option<Known> {
        let &place = self.place_by_key.get(key)?;
        let p = &self.places[place];
        Some(Known {
            key: p.key,
            ty: EntityType::Loc,
            source: Source::Country,
            population: 0,
            place: Some(place),
        })
    }
}

/// The language-independent tables, loaded once.
pub fn world() -> &'static World {
    static WORLD: OnceLock<World> = OnceLock::new();
    WORLD.get_or_init(load_world)
}

fn load_tongue(lang: &str) -> Tongue {
    let first = |name: &str| -> HashSet<&'static str> {
        lang_rows(lang, name)
            .filter_map(|r| r.first().copied())
            .collect()
    };
    let pairs = |name: &str| -> HashMap<&'static str, &'static str> {
        lang_rows(lang, name)
            .filter(|r| r.len() >= 2)
            .map(|r| (r[0], r[1]))
            .collect()
    };
    let mut titles = HashMap::default();
    let mut title_len = 0;
    for r in lang_rows(lang, "titles.tsv").filter(|r| r.len() >= 2) {
        let key = token_key(r[0]).to_lowercase();
        title_len = title_len.max(key.split(' ').count());
        titles.insert(key, r[1]);
    }
    let title_words = titles
        .keys()
        .flat_map(|t| t.split(' ').map(str::to_string))
        .filter(|w| w.chars().count() > 2)
        .collect();
    let settings = pairs("settings.tsv");
    Tongue {
        title_words,
        lowercase_name_words: settings.get("lowercase_name_words") == Some(&"yes"),
        common: sized_set(&format!("words/{lang}-common.txt")),
        titles,
        title_len,
        demonyms: lang_rows(lang, "demonyms.tsv")
            .filter(|r| r.len() >= 2)
            .map(|r| (r[0].to_lowercase(), r[1]))
            .collect(),
        org_heads: pairs("org-heads.tsv"),
        misc_heads: pairs("misc-heads.tsv"),
        place_cues: first("place-cues.txt"),
        connectors: first("name-connectors.txt"),
        ministry_domains: pairs("ministry-domains.tsv"),
        ministry_words: first("ministry-words.txt"),
        compass: pairs("compass.tsv"),
    }
}

/// The tables of language `lang`, loaded the first time a document of
/// that language comes (a French-only run never loads English).
pub fn tongue(lang: &str) -> &'static Tongue {
    static TONGUES: depeche_lexicon::PerLanguage<Tongue> = depeche_lexicon::PerLanguage::new();
    TONGUES.get(lang, load_tongue)
}
