//! What the recogniser knows before it reads: names from the gazetteers
//! and the organisations table, given names and surnames, common words,
//! titles, demonyms, and the head words of organisation and event names.
//! The large tables were built from the data files at build time and are
//! read in place (`build.rs`); the small ones are read once per process.

pub use crate::keys::{fold, token_key};

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

use depeche_lexicon::frozen::{Frozen, Table};
use depeche_lexicon::sieve::Sieve;
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
    /// Index of the gazetteer place ([`World::place`]), for places.
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

/// The tables the build script laid out (`build.rs`), embedded.
static FROZEN: Frozen = Frozen::new(
    include_bytes!(concat!(env!("OUT_DIR"), "/world.bin")),
    include_str!(concat!(env!("OUT_DIR"), "/world.txt")),
);

include!(concat!(env!("OUT_DIR"), "/world.rs"));

/// Bytes of one place record in [`FROZEN`].
const PLACE_RECORD: usize = 64;

/// Every language-independent table. The large ones are frozen tables read
/// in place; only the small capitals table is built at run time.
pub struct World {
    names: Table,
    lower_names: Table,
    folded_names: Table,
    prefixes: Table,
    place_by_key: Table,
    /// Given names.
    pub given_names: Table,
    /// Surnames.
    pub surnames: Table,
    /// Capital city key → its country's key.
    pub capital_of: HashMap<&'static str, &'static str>,
}

/// How long the known names that start with one token are, in tokens: a
/// name cannot be looked up with more words than the longest.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Longest {
    /// Of any kind (as written, lowercased or folded).
    pub any: usize,
    /// As written.
    pub written: usize,
    /// Lowercased (names of two words or more).
    pub lowered: usize,
    /// Whether the token is itself a known name as written.
    pub is_name: bool,
}

/// Whether a run of words starts a known name, and which tables hold the
/// run itself as a key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Run(u32);

impl Run {
    /// A key of the names as written ([`World::names`]).
    pub fn is_name(self) -> bool {
        self.0 & 1 << 24 != 0
    }

    /// A key of the lowercased names ([`World::lower_names`]).
    pub fn is_lower_name(self) -> bool {
        self.0 & 1 << 25 != 0
    }

    /// A key of the folded names ([`World::folded_names`]).
    pub fn is_folded_name(self) -> bool {
        self.0 & 1 << 26 != 0
    }
}

/// The table entries one name may refer to, in table order.
#[derive(Clone, Debug)]
pub struct Knowns {
    at: usize,
    left: u32,
}

impl Knowns {
    fn at(list: u32) -> Self {
        Knowns {
            at: list as usize + 4,
            left: FROZEN.u32(list as usize),
        }
    }
}

impl Iterator for Knowns {
    type Item = Known;

    fn next(&mut self) -> Option<Known> {
        if self.left == 0 {
            return None;
        }
        let r = FROZEN.u32(self.at) as usize;
        self.at += 4;
        self.left -= 1;
        let place = FROZEN.u32(r + 16);
        let codes = FROZEN.u32(r + 20);
        Some(Known {
            key: FROZEN.str(r),
            ty: match codes & 0xff {
                0 => EntityType::Per,
                1 => EntityType::Org,
                2 => EntityType::Loc,
                _ => EntityType::Misc,
            },
            source: match codes >> 8 {
                0 => Source::Country,
                1 => Source::City,
                2 => Source::Region,
                _ => Source::Org,
            },
            population: FROZEN.u64(r + 8),
            place: (place != u32::MAX).then_some(place as usize),
        })
    }
}

/// Every table of one language.
pub struct Tongue {
    /// Lowercase common words.
    pub common: Table,
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
    /// Prepositions (`sur`, `on`): a capital followed by one is the city
    /// ("Damascus on Sunday"), not its state acting.
    pub prepositions: HashSet<&'static str>,
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
    /// Lowercase nouns that say what the name right after them (or in
    /// apposition) is: `quotidien` → ORG, `province` → LOC.
    pub name_cues: HashMap<String, EntityType>,
    /// Longest cue in tokens.
    pub cue_len: usize,
    /// Lowercase institution words that, with a demonym, name one body
    /// (`armée soudanaise`, `Lebanese army`), and where the demonym stands
    /// (`before`, `after`, or `none` for a name of its own: `parti libéral`).
    pub institutions: HashMap<String, &'static str>,
    /// Longest institution in tokens.
    pub institution_len: usize,
    /// Lowercase words right before a capital that make it its state
    /// ("par Moscou", "le régime de Kigali").
    pub state_cues: HashSet<String>,
    /// Longest state cue in tokens.
    pub state_cue_len: usize,
    /// Words that are never a name alone, lowercased, though written with
    /// a capital: peoples, faiths and regions' people with no state of
    /// their own ("Kurdish", « Kurdes »), and a state's bodies named by
    /// their common noun ("the Government", « l'Armée »), which the
    /// references resolve.
    pub not_names_alone: HashSet<&'static str>,
    /// Endings of the adjectives an organisation name goes on with in
    /// lowercase (French `-ique`, `-aire`).
    pub adjective_endings: Vec<&'static str>,
    /// Words linking a title to the body it heads ("président du"): the
    /// name after them is not the title's holder.
    pub title_links: HashSet<&'static str>,
    /// Words joining the items of a list of names (`and`, `et`).
    pub list_joiners: HashSet<&'static str>,
    /// Prepositions inside organisation and event names before an article
    /// ("Haut-Commissariat pour les réfugiés", "Office for the ...").
    pub inner_links: HashSet<&'static str>,
    /// Words joining a ministry word to its domain ("ministère de la
    /// Défense", "Ministry of Defence").
    pub ministry_links: HashSet<&'static str>,
    /// Words joining a title to the domain it heads ("vice-ministre russe
    /// de la Défense").
    pub domain_links: HashSet<&'static str>,
    /// Lowercase words an event name goes on over ("Conference on the ...").
    pub event_links: HashSet<&'static str>,
    /// Particles inside people's names (`de`, `van`), lowercase.
    pub particles: HashSet<&'static str>,
    /// Letters a capital is often written without the accent of (« Etat »
    /// for « État »), with the accented lowercase letters to try.
    pub capital_accents: HashMap<char, Vec<char>>,
    /// Elided words without their apostrophe (`jusqu`), lowercase.
    pub elisions: HashSet<&'static str>,
    /// Articles skipped before an apposition (`an`, `le`).
    pub articles: HashSet<&'static str>,
    /// Articles that, right before a name, say it is not a person (`the`, `le`).
    pub determiners: HashSet<&'static str>,
    /// Reporting verb forms (`indique`, `said`), never part of a name
    /// (read from the quotes table).
    pub verbs: HashSet<String>,
    /// Which of the tables above a lowercase word may be in ([`WordClass`]).
    pub classes: HashMap<String, WordClass>,
    /// Lets through every word of `classes` and turns most other tokens
    /// away before they are hashed.
    pub class_sieve: Sieve,
}

/// Which of a language's word tables a token may be in, read from its
/// lowercase form with one look-up: the rules ask several tables about
/// every token, and most tokens are in none. A class bit is only a
/// necessary condition; the table itself still decides.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WordClass(u16);

impl WordClass {
    /// A word for a ministry (`ministère`).
    pub const MINISTRY_WORD: WordClass = WordClass(1);
    /// A demonym (`russe`).
    pub const DEMONYM: WordClass = WordClass(1 << 1);
    /// The first word of a title phrase (`vice-ministre`, `porte-parole`).
    pub const TITLE_FIRST: WordClass = WordClass(1 << 2);
    /// The last word of a title phrase.
    pub const TITLE_LAST: WordClass = WordClass(1 << 3);
    /// Any word of a title (`deputy`, `minister`).
    pub const TITLE_WORD: WordClass = WordClass(1 << 4);
    /// A connector inside names (`de`, `al`).
    pub const CONNECTOR: WordClass = WordClass(1 << 5);
    /// The head word of an organisation or event name.
    pub const HEAD: WordClass = WordClass(1 << 6);
    /// The first word of a ministry domain (`Défense`, `Affaires`).
    pub const DOMAIN_FIRST: WordClass = WordClass(1 << 7);
    /// A compass word (`Est`).
    pub const COMPASS: WordClass = WordClass(1 << 8);
    /// A word leading into a place (`à`, `in`).
    pub const PLACE_CUE: WordClass = WordClass(1 << 9);
    /// The last word of a noun saying what a name is (`quotidien`, `town`).
    pub const NAME_CUE: WordClass = WordClass(1 << 10);
    /// The first word of an institution (`armée`, `army`).
    pub const INSTITUTION: WordClass = WordClass(1 << 11);

    /// Whether this class has every bit of `other`.
    pub fn has(self, other: WordClass) -> bool {
        self.0 & other.0 == other.0
    }

    fn add(&mut self, other: WordClass) {
        self.0 |= other.0;
    }
}

/// Adds `class` to the classes of `key`, making its key only when it is new.
fn add_class(classes: &mut HashMap<String, WordClass>, key: &str, class: WordClass) {
    match classes.get_mut(key) {
        Some(classes) => classes.add(class),
        None => {
            let mut new = WordClass::default();
            new.add(class);
            classes.insert(key.to_string(), new);
        }
    }
}

/// The class of every word of the tables, keyed both as the table writes
/// the word and lowercased, so that a look-up by a token's lowercase form
/// finds it whether the rule asks the table with the written or the
/// lowercase form.
fn word_classes(t: &Tongue) -> HashMap<String, WordClass> {
    let mut classes: HashMap<String, WordClass> = HashMap::default();
    let mut add = |word: &str, class: WordClass| {
        add_class(&mut classes, word, class);
        // Most words are lowercase ASCII already: no second key to make.
        if word
            .bytes()
            .any(|b| b.is_ascii_uppercase() || !b.is_ascii())
        {
            add_class(&mut classes, &word.to_lowercase(), class);
        }
    };
    let first_word = |phrase: &str| phrase.split(' ').next().unwrap_or("").to_string();
    for w in &t.ministry_words {
        add(w, WordClass::MINISTRY_WORD);
    }
    for w in t.demonyms.keys() {
        add(w, WordClass::DEMONYM);
    }
    for title in t.titles.keys() {
        add(&first_word(title), WordClass::TITLE_FIRST);
        add(
            title.rsplit(' ').next().unwrap_or(""),
            WordClass::TITLE_LAST,
        );
    }
    for w in &t.title_words {
        add(w, WordClass::TITLE_WORD);
    }
    for w in &t.connectors {
        add(w, WordClass::CONNECTOR);
    }
    for w in t.org_heads.keys().chain(t.misc_heads.keys()) {
        add(w, WordClass::HEAD);
    }
    for domain in t.ministry_domains.keys() {
        add(&first_word(domain), WordClass::DOMAIN_FIRST);
    }
    for w in t.compass.keys() {
        add(w, WordClass::COMPASS);
    }
    for w in &t.place_cues {
        add(w, WordClass::PLACE_CUE);
    }
    for cue in t.name_cues.keys() {
        add(cue.rsplit(' ').next().unwrap_or(""), WordClass::NAME_CUE);
    }
    for institution in t.institutions.keys() {
        add(&first_word(institution), WordClass::INSTITUTION);
    }
    classes
}

impl World {
    /// What a name exactly as written (tokens joined by one space) may refer to.
    pub fn names(&self, name: &str) -> Option<Knowns> {
        self.names.get(name).map(Knowns::at)
    }

    /// What a name as written may refer to, keyed as the tables key it
    /// (its tokens joined by one space).
    pub fn named(&self, name: &str) -> Option<Knowns> {
        self.names(&token_key(name))
    }

    /// What a lowercased multi-word name may refer to.
    pub fn lower_names(&self, name: &str) -> Option<Knowns> {
        self.lower_names.get(name).map(Knowns::at)
    }

    /// Which country, region or organisation a folded name ([`fold`]) may
    /// refer to: "Etats Unis" finds "États-Unis".
    pub fn folded_names(&self, name: &str) -> Option<Knowns> {
        self.folded_names.get(name).map(Knowns::at)
    }

    /// The lengths in tokens of the longest known names that start with
    /// `token`, 0 where none does.
    pub fn longest_from(&self, token: &str) -> Longest {
        let v = self.prefixes.get(token).unwrap_or(0) as usize;
        Longest {
            any: v & 0xff,
            written: v >> 8 & 0xff,
            lowered: v >> 16 & 0xff,
            is_name: Run(v as u32).is_name(),
        }
    }

    /// What the table of prefixes says of `words` (tokens joined by one
    /// space), `None` where no known name starts with them.
    pub fn run(&self, words: &str) -> Option<Run> {
        self.prefixes.get(words).map(Run)
    }

    /// The gazetteer place with this index ([`Known::place`]).
    pub fn place(&self, index: usize) -> Place {
        let r = PLACES as usize + index * PLACE_RECORD;
        let flags = FROZEN.u32(r + 56);
        Place {
            key: FROZEN.str(r),
            kind: FROZEN.str(r + 8),
            country: FROZEN.str(r + 16),
            name: FROZEN.str(r + 24),
            geonames_id: (flags & 1 != 0).then(|| FROZEN.u64(r + 32)),
            coords: (flags & 2 != 0).then(|| {
                (
                    f64::from_bits(FROZEN.u64(r + 40)),
                    f64::from_bits(FROZEN.u64(r + 48)),
                )
            }),
        }
    }

    /// The index of the first gazetteer place with this key.
    pub fn place_by_key(&self, key: &str) -> Option<usize> {
        self.place_by_key.get(key).map(|i| i as usize)
    }

    /// The table entry of the country with this key.
    pub fn country(&self, key: &str) -> Option<Known> {
        let place = self.place_by_key(key)?;
        let p = self.place(place);
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
    WORLD.get_or_init(|| World {
        names: FROZEN.table(NAMES),
        lower_names: FROZEN.table(LOWER_NAMES),
        folded_names: FROZEN.table(FOLDED_NAMES),
        prefixes: FROZEN.table(PREFIXES),
        place_by_key: FROZEN.table(PLACE_BY_KEY),
        given_names: FROZEN.table(GIVEN_NAMES),
        surnames: FROZEN.table(SURNAMES),
        capital_of: rows("gazetteer/capitals.tsv")
            .filter(|r| r.len() >= 2)
            .map(|r| (r[1], r[0]))
            .collect(),
    })
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
    let (titles, title_len) = titles(lang);
    // A dozen kinds of evidence are read from `name-evidence.tsv`: it is
    // split into rows once, not once a kind.
    let evidence_rows: Vec<_> = lang_rows(lang, "name-evidence.tsv").collect();
    let (cues, cue_len) = evidence_phrases(&evidence_rows, "cue");
    let (institutions, institution_len) = evidence_phrases(&evidence_rows, "institution");
    let (state_cues, state_cue_len) = evidence_phrases(&evidence_rows, "state-cue");
    let words = |kind: &'static str| -> HashSet<&'static str> {
        evidence(&evidence_rows, kind).map(|(w, _)| w).collect()
    };
    let mut tongue = Tongue {
        title_words: title_words(&titles),
        lowercase_name_words: pairs("settings.tsv").get("lowercase_name_words") == Some(&"yes"),
        common: FROZEN.table(
            COMMON
                .iter()
                .find(|(l, _)| *l == lang)
                .map_or(NO_WORDS, |&(_, at)| at),
        ),
        titles,
        title_len,
        // Demonyms are also found without their accents ("Egyptiens").
        demonyms: lang_rows(lang, "demonyms.tsv")
            .filter(|r| r.len() >= 2)
            .flat_map(|r| [(r[0].to_lowercase(), r[1]), (fold(r[0]), r[1])])
            .collect(),
        name_cues: typed_cues(cues),
        cue_len,
        institutions,
        institution_len,
        state_cues: state_cues.into_keys().collect(),
        state_cue_len,
        not_names_alone: evidence(&evidence_rows, "people")
            .chain(evidence(&evidence_rows, "common-body"))
            .map(|(w, _)| w)
            .collect(),
        adjective_endings: evidence(&evidence_rows, "adjective-ending")
            .map(|(w, _)| w)
            .collect(),
        title_links: words("title-link"),
        list_joiners: words("list-joiner"),
        articles: words("article"),
        particles: rows("identity/name-particles.txt")
            .filter_map(|r| r.first().copied())
            .collect(),
        elisions: first("elisions.txt"),
        capital_accents: capital_accents(&evidence_rows),
        inner_links: words("inner-link"),
        ministry_links: words("ministry-link"),
        domain_links: words("domain-link"),
        event_links: words("event-link"),
        determiners: words("determiner"),
        verbs: lang_rows(lang, "quotes.tsv")
            .filter(|r| r.len() >= 2 && r[0] == "verb" && !r[1].contains(' '))
            .map(|r| r[1].to_lowercase())
            .collect(),
        org_heads: pairs("org-heads.tsv"),
        misc_heads: pairs("misc-heads.tsv"),
        place_cues: first("place-cues.txt"),
        prepositions: first("prepositions.txt"),
        connectors: first("name-connectors.txt"),
        ministry_domains: pairs("ministry-domains.tsv"),
        ministry_words: first("ministry-words.txt"),
        compass: pairs("compass.tsv"),
        classes: HashMap::default(),
        class_sieve: Sieve::default(),
    };
    tongue.classes = word_classes(&tongue);
    for word in tongue.classes.keys() {
        tongue.class_sieve.insert(word);
    }
    tongue
}

/// The titles of `lang` by their lowercase token key, with the length in
/// words of the longest.
fn titles(lang: &str) -> (HashMap<String, &'static str>, usize) {
    let mut titles = HashMap::default();
    let mut title_len = 0;
    for r in lang_rows(lang, "titles.tsv").filter(|r| r.len() >= 2) {
        let key = token_key(r[0]).to_lowercase();
        title_len = title_len.max(key.split(' ').count());
        titles.insert(key, r[1]);
    }
    (titles, title_len)
}

/// The words of more than two letters that titles are made of.
fn title_words(titles: &HashMap<String, &'static str>) -> HashSet<String> {
    titles
        .keys()
        .flat_map(|t| t.split(' ').map(str::to_string))
        .filter(|w| w.chars().count() > 2)
        .collect()
}

/// The (word, value) rows of one kind among the `rows` of
/// `name-evidence.tsv`.
fn evidence<'r>(
    rows: &'r [Vec<&'static str>],
    kind: &'static str,
) -> impl Iterator<Item = (&'static str, &'static str)> + 'r {
    rows.iter()
        .filter(move |r| r.len() >= 2 && r[0] == kind)
        .map(|r| (r[1], r.get(2).copied().unwrap_or("")))
}

/// The phrases of one kind of evidence by lowercase token key, with the
/// length in words of the longest.
fn evidence_phrases(
    rows: &[Vec<&'static str>],
    kind: &'static str,
) -> (HashMap<String, &'static str>, usize) {
    let map: HashMap<String, &'static str> = evidence(rows, kind)
        .map(|(w, v)| (token_key(w).to_lowercase(), v))
        .collect();
    let len = map.keys().map(|k| k.split(' ').count()).max().unwrap_or(0);
    (map, len)
}

/// The name cues whose type is one of the four.
fn typed_cues(cues: HashMap<String, &'static str>) -> HashMap<String, EntityType> {
    cues.into_iter()
        .filter_map(|(w, ty)| {
            let ty = match ty {
                "PER" => EntityType::Per,
                "ORG" => EntityType::Org,
                "LOC" => EntityType::Loc,
                "MISC" => EntityType::Misc,
                _ => return None,
            };
            Some((w, ty))
        })
        .collect()
}

/// Each capital often written without its accent, with the accented
/// capitals to try.
fn capital_accents(rows: &[Vec<&'static str>]) -> HashMap<char, Vec<char>> {
    evidence(rows, "capital-accent")
        .filter_map(|(letter, accented)| {
            let letter = letter.chars().next()?;
            Some((
                letter,
                accented
                    .split(' ')
                    .filter_map(|a| a.chars().next())
                    .collect(),
            ))
        })
        .collect()
}

/// The tables of language `lang`, loaded the first time a document of
/// that language comes (a French-only run never loads English).
pub fn tongue(lang: &str) -> &'static Tongue {
    static TONGUES: depeche_lexicon::PerLanguage<Tongue> = depeche_lexicon::PerLanguage::new();
    TONGUES.get(lang, load_tongue)
}
