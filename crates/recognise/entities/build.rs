//! Builds the recogniser's large tables (every gazetteer and organisation
//! name, given names, surnames, each language's common words) from the
//! committed data files, once, at build time, and lays them out as frozen
//! hash tables (`depeche_lexicon::frozen`) the library embeds and reads in
//! place: the first document does not pay for parsing half a million rows.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::env;
use std::fs;
use std::path::PathBuf;

use depeche_lexicon::frozen::Writer;
use depeche_lexicon::{file, languages, rows};

#[path = "src/keys.rs"]
mod keys;

use keys::{fold, token_key};

/// Entity types and sources, coded as the library decodes them (`knowledge.rs`).
const ORG: u8 = 1;
const LOC: u8 = 2;
const COUNTRY: u8 = 0;
const CITY: u8 = 1;
const REGION: u8 = 2;
const ORG_SOURCE: u8 = 3;

/// One thing a name may refer to (the library's `Known`).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct Known {
    key: &'static str,
    ty: u8,
    source: u8,
    population: u64,
    place: Option<usize>,
}

/// A gazetteer place (the library's `Place`).
struct Place {
    key: &'static str,
    geonames_id: Option<u64>,
    kind: &'static str,
    country: &'static str,
    coords: Option<(f64, f64)>,
    name: &'static str,
}

#[derive(Default)]
struct World {
    names: HashMap<String, Vec<Known>>,
    lower_names: HashMap<String, Vec<Known>>,
    folded_names: HashMap<String, Vec<Known>>,
    first_tokens: HashMap<String, usize>,
    places: Vec<Place>,
    place_by_key: HashMap<&'static str, usize>,
}

fn push_unique(list: &mut Vec<Known>, known: Known) {
    if !list.iter().any(|k| k.key == known.key) {
        list.push(known);
    }
}

fn longest(first_tokens: &mut HashMap<String, usize>, first: String, n: usize) {
    let e = first_tokens.entry(first).or_insert(0);
    *e = (*e).max(n);
}

/// Adds one name of a known thing: as written, lowercased when it has
/// several words, folded unless it is a city, and its first token.
fn add(world: &mut World, name: &str, known: Known) {
    if name.chars().count() < 2 {
        return;
    }
    let key = token_key(name);
    let n = key.split(' ').count();
    let first = key.split(' ').next().unwrap_or("").to_string();
    longest(&mut world.first_tokens, first.clone(), n);
    if n >= 2 {
        longest(&mut world.first_tokens, first.to_lowercase(), n);
        push_unique(
            world.lower_names.entry(key.to_lowercase()).or_default(),
            known,
        );
    }
    if known.source != CITY {
        let folded = fold(name);
        let first_folded = folded.split(' ').next().unwrap_or("").to_string();
        longest(
            &mut world.first_tokens,
            first_folded,
            folded.split(' ').count(),
        );
        push_unique(world.folded_names.entry(folded).or_default(), known);
    }
    push_unique(world.names.entry(key).or_default(), known);
}

/// Adds a gazetteer place and every one of its `|`-separated names (the
/// first is its English name); the first place with a key keeps it.
fn add_place(
    world: &mut World,
    mut place: Place,
    names: &'static str,
    source: u8,
    population: u64,
) {
    let idx = world.places.len();
    let names: Vec<&'static str> = names.split('|').collect();
    place.name = names.first().copied().unwrap_or(place.key);
    let key = place.key;
    world.places.push(place);
    world.place_by_key.entry(key).or_insert(idx);
    for name in names {
        let known = Known {
            key,
            ty: LOC,
            source,
            population,
            place: Some(idx),
        };
        add(world, name, known);
    }
}

fn coords(lat: &str, lon: &str) -> Option<(f64, f64)> {
    Some((lat.parse().ok()?, lon.parse().ok()?))
}

fn load_world() -> World {
    let mut world = World::default();
    for r in rows("gazetteer/places.tsv") {
        if r.len() < 8 {
            continue;
        }
        let source = match r[2] {
            "country" => COUNTRY,
            "city" => CITY,
            _ => REGION,
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
        add_place(&mut world, place, r[5], REGION, u64::MAX / 2);
    }
    for r in rows("orgs.tsv") {
        if r.len() < 3 {
            continue;
        }
        for name in r[2].split('|') {
            let known = Known {
                key: r[0],
                ty: ORG,
                source: ORG_SOURCE,
                population: 0,
                place: None,
            };
            add(&mut world, name, known);
        }
    }
    world
}

/// Writes each `Known` once (24 bytes: key, population, place, type and
/// source) and remembers where.
#[derive(Default)]
struct Records(HashMap<Known, u32>);

impl Records {
    fn at(&mut self, w: &mut Writer, k: Known) -> u32 {
        if let Some(&at) = self.0.get(&k) {
            return at;
        }
        let at = w.offset();
        w.str(k.key);
        w.u64(k.population);
        w.u32(
            k.place
                .map_or(u32::MAX, |p| u32::try_from(p).expect("place index")),
        );
        w.u32(u32::from(k.ty) | u32::from(k.source) << 8);
        self.0.insert(k, at);
        at
    }
}

/// A table from names to lists of `Known` (count, then record offsets).
fn name_table(w: &mut Writer, records: &mut Records, map: &HashMap<String, Vec<Known>>) -> u32 {
    let mut sorted: Vec<_> = map.iter().collect();
    sorted.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let mut entries = Vec::with_capacity(map.len());
    for (name, list) in sorted {
        let list: Vec<u32> = list.iter().map(|&k| records.at(w, k)).collect();
        let at = w.offset();
        w.u32(u32::try_from(list.len()).expect("list length"));
        for r in list {
            w.u32(r);
        }
        entries.push((name.as_str(), at));
    }
    w.table(entries)
}

/// The first token of each key, with the longest key it starts, in tokens.
fn longest_by_first(map: &HashMap<String, Vec<Known>>) -> HashMap<&str, u32> {
    let mut out: HashMap<&str, u32> = HashMap::new();
    for key in map.keys() {
        let n = u32::try_from(key.split(' ').count()).expect("name length");
        let e = out.entry(key.split(' ').next().unwrap_or("")).or_insert(0);
        *e = (*e).max(n);
    }
    out
}

/// A set of the first column of a one-word-per-line file.
fn word_set(w: &mut Writer, path: &str) -> u32 {
    let words: BTreeSet<&str> = rows(path).filter_map(|r| r.first().copied()).collect();
    w.table(words.into_iter().map(|word| (word, 0)))
}

fn main() {
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("manifest dir"));
    let data = manifest
        .join("../../../data")
        .canonicalize()
        .expect("data folder");
    println!("cargo:rerun-if-changed={}", data.display());
    println!("cargo:rerun-if-changed=src/keys.rs");

    let world = load_world();
    let mut w = Writer::new();
    let mut records = Records::default();
    let mut code = String::new();
    let mut konst = |name: &str, doc: &str, at: u32| {
        code.push_str(&format!("/// {doc}\nconst {name}: u32 = {at};\n"));
    };

    let places = w.offset();
    for p in &world.places {
        w.str(p.key);
        w.str(p.kind);
        w.str(p.country);
        w.str(p.name);
        w.u64(p.geonames_id.unwrap_or(0));
        let (lat, lon) = p.coords.unwrap_or((0.0, 0.0));
        w.u64(lat.to_bits());
        w.u64(lon.to_bits());
        w.u32(u32::from(p.geonames_id.is_some()) | u32::from(p.coords.is_some()) << 1);
        w.u32(0);
    }
    konst("PLACES", "Where the 64-byte place records start.", places);
    let names = name_table(&mut w, &mut records, &world.names);
    konst("NAMES", "Known names as written.", names);
    let lower = name_table(&mut w, &mut records, &world.lower_names);
    konst("LOWER_NAMES", "Known multi-word names, lowercased.", lower);
    let folded = name_table(&mut w, &mut records, &world.folded_names);
    konst(
        "FOLDED_NAMES",
        "Countries, regions, organisations, folded.",
        folded,
    );
    // First tokens with the longest name they start, and every longer
    // run of whole words a key starts with (value 0): a reader stops
    // trying longer names as soon as the words so far start none.
    // A first token's value packs three lengths in bytes: the longest
    // name of any kind it starts, the longest as written, the longest
    // lowercased.
    let (written, lowered) = (
        longest_by_first(&world.names),
        longest_by_first(&world.lower_names),
    );
    let mut prefixes: BTreeMap<&str, u32> = world
        .first_tokens
        .iter()
        .map(|(t, &n)| {
            let t = t.as_str();
            let lengths = [
                u32::try_from(n).expect("name length"),
                written.get(t).copied().unwrap_or(0),
                lowered.get(t).copied().unwrap_or(0),
            ];
            assert!(lengths.iter().all(|&n| n < 256), "name of 256 tokens: {t}");
            (t, lengths[0] | lengths[1] << 8 | lengths[2] << 16)
        })
        .collect();
    for key in world
        .names
        .keys()
        .chain(world.lower_names.keys())
        .chain(world.folded_names.keys())
    {
        let ends = key.match_indices(' ').map(|(at, _)| at).skip(1);
        for end in ends.chain(key.contains(' ').then_some(key.len())) {
            prefixes.entry(&key[..end]).or_insert(0);
        }
    }
    // Bits 24, 25 and 26 say that the words are themselves a key of the
    // names, lowercased names and folded names tables: a reader asks a
    // table only for words it holds.
    for (table, bit) in [
        (&world.names, 1 << 24),
        (&world.lower_names, 1 << 25),
        (&world.folded_names, 1 << 26),
    ] {
        for key in table.keys() {
            *prefixes
                .get_mut(key.as_str())
                .expect("every key and its first token are listed") |= bit;
        }
    }
    let prefixes = w.table(prefixes);
    konst(
        "PREFIXES",
        "First tokens (longest names they start) and longer key prefixes (0), with the tables that hold them as keys (bits 24 to 26).",
        prefixes,
    );
    let place_by_key: BTreeMap<_, _> = world.place_by_key.iter().collect();
    let by_key = w.table(
        place_by_key
            .into_iter()
            .map(|(k, &i)| (*k, u32::try_from(i).expect("place index"))),
    );
    konst("PLACE_BY_KEY", "Place index by key.", by_key);
    let given = word_set(&mut w, "names/given-names.txt");
    konst("GIVEN_NAMES", "Given names.", given);
    let surnames = word_set(&mut w, "names/surnames.txt");
    konst("SURNAMES", "Surnames.", surnames);
    let none = w.table([]);
    konst("NO_WORDS", "The empty set of an unknown language.", none);
    let mut common = String::new();
    for lang in languages() {
        let path = format!("words/{lang}-common.txt");
        let at = if file(&path).is_some() {
            word_set(&mut w, &path)
        } else {
            none
        };
        common.push_str(&format!("({lang:?}, {at}), "));
    }
    code.push_str(&format!(
        "/// Each language's common words.\nconst COMMON: &[(&str, u32)] = &[{common}];\n"
    ));

    let out = PathBuf::from(env::var("OUT_DIR").expect("out dir"));
    let (bytes, strings) = w.finish();
    fs::write(out.join("world.bin"), bytes).expect("write world.bin");
    fs::write(out.join("world.txt"), strings).expect("write world.txt");
    fs::write(out.join("world.rs"), code).expect("write world.rs");
}
