//! Stories: events that several articles report about the same real event.
//!
//! Only events of the same **group** (see [`group_key`]) can join: the same
//! PLOVER type and the same source, taken at the top of what it belongs to
//! (a person to their organisation or country, a ministry to its country,
//! a city to its country, an organisation or person whose name or title
//! carries a demonym, or whom the CAMEO actor dictionary codes with a
//! country, to that country; see [`chain`]); for symmetric types the
//! lesser of the two sides' tops. A missing source stands for the country
//! of the place, so "Israel struck Lebanon" and "Israel struck (somewhere)
//! in Lebanon" meet.
//!
//! Within a group, two events are compatible (see [`compatible`]) when
//! - their sides agree: a missing side fits any, and two given sides share
//!   the chain of what they belong to (the spellings of one actor being
//!   one, see [`same_actor`]);
//! - their places are one in the other (a city and its country), one is
//!   missing or not located, or each is in the country of one of the
//!   sides;
//! - their modes fit (a visit and a meeting, not a resignation and a
//!   release; see [`MODE_FAMILIES`]);
//! - their times are at most [`DATE_WINDOW_DAYS`] apart: a date is the days
//!   it names (`2024-03` is the month), an undated event is bounded by its
//!   report's publication date (the [`UNDATED_DAYS`] before it);
//! - when either has no time at all (undated, in an undated article), their
//!   articles share at least [`CONTEXT_SHARE`] of the entities the events
//!   do not name: the same news, not the same two sides years apart; or
//!   both give both sides and one side of each is the same person (see
//!   [`one_persons_news`]).
//!
//! [`cluster`] joins each event, in an order that depends only on the
//! events (the best dated first), to the largest story all of whose events
//! it is compatible with, so a group always clusters the same way whatever
//! order its events were stored in. Then each story joins the first one
//! before it all of whose events are [`akin`] to all of its own: one side
//! named alike by both (the same actor, not only the same country), the
//! other told otherwise (a strike on Israel and one on Hezbollah, the
//! same day from the same side), times, places and modes fitting as
//! above. A story keeps the most specific actor,
//! place and date its reports give, and lists where they disagree
//! ([`Disagreement`]).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};
use depeche_model::{Bound, FigureKind};
use serde::{Deserialize, Serialize};

/// Two events' times at most this many days apart can be the same event.
pub const DATE_WINDOW_DAYS: i64 = 3;

/// An undated event happened at most this many days before its report.
pub const UNDATED_DAYS: i64 = 3;

/// Two events of which one has no time join only when their articles share
/// at least this part of their other entities (of the smaller article's),
/// or when a side of each is the same person.
pub const CONTEXT_SHARE: f64 = 0.2;

/// The PLOVER types whose two sides play the same part (a meeting, an
/// agreement): their sides are compared either way round.
pub const SYMMETRIC_TYPES: &[&str] = &["AGREE", "CONSULT", "COOPERATE"];

/// Modes that reports of one act may each give: a visit is reported as
/// the meetings it held. Other modes of one type are other acts (a
/// resignation and a release, an arrest and a curfew).
pub const MODE_FAMILIES: &[&[&str]] = &[&["visit", "meet", "multilateral"]];

/// Two events' modes fit: one is not told, they are the same, or they are
/// of one family of [`MODE_FAMILIES`].
fn modes_agree(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => {
            x == y
                || MODE_FAMILIES
                    .iter()
                    .any(|family| family.contains(&x) && family.contains(&y))
        }
        _ => true,
    }
}

/// Separates the keys of a chain, and chains, in the store.
const SEP: char = '\u{1f}';

/// Countries by ISO code, regions' countries, from the gazetteer; the
/// country each demonym of every language names ("israélienne",
/// "Russian"), lowercased; the country of each person and organisation
/// the CAMEO actor dictionary codes with one (a movement, a party, a
/// leader), by folded name.
struct Countries {
    by_code: HashMap<&'static str, &'static str>,
    keys: BTreeSet<&'static str>,
    region: HashMap<&'static str, &'static str>,
    demonym: HashMap<String, &'static str>,
    actor: HashMap<&'static str, &'static str>,
}

fn countries() -> &'static Countries {
    static COUNTRIES: OnceLock<Countries> = OnceLock::new();
    COUNTRIES.get_or_init(|| {
        let mut by_code = HashMap::new();
        let mut keys = BTreeSet::new();
        for r in depeche_lexicon::rows("gazetteer/places.tsv").filter(|r| r.len() > 3) {
            if r[2] == "country" && !r[3].is_empty() {
                by_code.insert(r[3], r[0]);
                keys.insert(r[0]);
            }
        }
        let mut region = HashMap::new();
        for r in depeche_lexicon::rows("gazetteer/regions.tsv").filter(|r| r.len() > 2) {
            if let Some(country) = by_code.get(r[2]) {
                region.insert(r[0], *country);
            }
        }
        let mut demonym = HashMap::new();
        for lang in depeche_lexicon::languages() {
            for r in depeche_lexicon::lang_rows(lang, "demonyms.tsv").filter(|r| r.len() > 1) {
                if let Some(country) = keys.get(r[1]) {
                    demonym.entry(r[0].to_lowercase()).or_insert(*country);
                }
            }
        }
        let actor = actor_countries(&by_code);
        Countries {
            by_code,
            keys,
            region,
            demonym,
            actor,
        }
    })
}

/// The country key of every actor of the CAMEO dictionary whose code
/// starts with a country's (`LBNREB`: Lebanon), by folded name.
fn actor_countries(
    by_code: &HashMap<&'static str, &'static str>,
) -> HashMap<&'static str, &'static str> {
    let tables = crate::gdelt::tables::tables();
    let iso_of: HashMap<&str, &str> = tables
        .countries
        .iter()
        .map(|(iso, country)| (country.cameo, *iso))
        .collect();
    tables
        .actors
        .iter()
        .filter_map(|(name, code)| {
            let iso = iso_of.get(code.get(..3)?)?;
            Some((*name, *by_code.get(iso)?))
        })
        .collect()
}

/// The gazetteer facts [`chain`] uses, as tab-separated rows for tools that
/// join stories without depeche (`spark/merge.py`): `country`, ISO code,
/// country key; then `region`, region key, its country's key; then
/// `demonym`, the lowercased word, its country's key; then `actor`, the
/// folded name, its country's key. Sorted.
pub fn country_table() -> Vec<String> {
    let c = countries();
    let mut codes: Vec<String> = c
        .by_code
        .iter()
        .map(|(code, key)| format!("country\t{code}\t{key}"))
        .collect();
    let mut regions: Vec<String> = c
        .region
        .iter()
        .map(|(region, key)| format!("region\t{region}\t{key}"))
        .collect();
    let mut demonyms: Vec<String> = c
        .demonym
        .iter()
        .map(|(word, key)| format!("demonym\t{word}\t{key}"))
        .collect();
    let mut actors: Vec<String> = c
        .actor
        .iter()
        .map(|(name, key)| format!("actor\t{name}\t{key}"))
        .collect();
    codes.sort();
    regions.sort();
    demonyms.sort();
    actors.sort();
    codes.extend(regions);
    codes.extend(demonyms);
    codes.extend(actors);
    codes
}

/// What an article says about one of its entities, for [`chain`].
#[derive(Clone, Debug, Default)]
pub struct Member<'a> {
    /// Global key.
    pub key: &'a str,
    /// `PER`, `ORG`, `LOC`, `MISC`.
    pub ty: &'a str,
    /// For a place, its country's ISO code.
    pub country: Option<&'a str>,
    /// The local ids of what its roles make it part of (`of`).
    pub of: Vec<&'a str>,
    /// Its name and its roles' titles: a demonym in them ("the Israeli
    /// army", "président français") says the country it belongs to.
    pub labels: Vec<&'a str>,
    /// Its name and every spelling the article gives: the CAMEO actor
    /// dictionary may know one with its country ("Hezbollah": Lebanon).
    pub names: Vec<&'a str>,
}

/// The global keys an entity stands for, most specific first: its own, then
/// what its roles make it part of (and so on), then the country of a place
/// or region, the country a ministry's or a national body's key starts
/// with, the country a demonym of its name or titles names, or the one the
/// CAMEO actor dictionary gives a person or organisation of that name.
/// `members` maps the article's local ids.
pub fn chain(local: &str, members: &HashMap<&str, Member<'_>>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut countries: Vec<&str> = Vec::new();
    let mut todo = std::collections::VecDeque::from([local]);
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    while let Some(l) = todo.pop_front() {
        let Some(m) = members.get(l) else { continue };
        if !seen.insert(l) {
            continue;
        }
        push_new(&mut out, m.key);
        countries.extend(country_of(m));
        todo.extend(m.of.iter().copied());
    }
    for c in countries {
        push_new(&mut out, c);
    }
    out
}

/// The country an entity is in or of, as a gazetteer key.
fn country_of(m: &Member<'_>) -> Option<&'static str> {
    let c = countries();
    if m.ty == "LOC" {
        return c
            .region
            .get(m.key)
            .or_else(|| m.country.and_then(|code| c.by_code.get(code)))
            .copied();
    }
    let body = m
        .key
        .split_once("-ministry-")
        .or_else(|| m.key.split_once("-part-"));
    if let Some((head, _)) = body {
        return c.keys.get(head).copied();
    }
    let demonym = m.labels.iter().find_map(|label| {
        label
            .split(|ch: char| !ch.is_alphanumeric())
            .find_map(|word| c.demonym.get(&word.to_lowercase()).copied())
    });
    demonym.or_else(|| {
        m.names
            .iter()
            .find_map(|name| c.actor.get(crate::fold::fold(name).as_str()).copied())
    })
}

fn push_new(out: &mut Vec<String>, key: &str) {
    if !out.iter().any(|k| k == key) {
        out.push(key.to_string());
    }
}

/// Whether the sides of a PLOVER type play the same part.
pub fn symmetric(ty: &str) -> bool {
    SYMMETRIC_TYPES.contains(&ty)
}

/// The group an event belongs to: only events of the same group can join
/// one story. It is the type and the top of the source's chain (as
/// [`group_side`] writes it), a missing source standing for the top of the
/// place's, else for the target's; a symmetric type's is the lesser of its
/// two sides' tops. Reports that differ on one side (the target, or for a
/// symmetric type the other side) stay in one group, where [`akin`] may
/// join them; a group stays one actor's acts, not a whole type's.
/// `unique` names the event, for events with neither side nor place,
/// which stand alone.
pub fn group_key(
    ty: &str,
    source: &[String],
    target: &[String],
    place: &[String],
    unique: &str,
) -> String {
    let place_top = place.last().map(String::as_str);
    if source.is_empty() && target.is_empty() {
        return match place_top {
            Some(p) => format!("{ty}{SEP}{SEP}@{p}"),
            None => format!("alone{SEP}{unique}"),
        };
    }
    let side = |c: &[String]| {
        c.last()
            .map(|top| group_side(top))
            .or_else(|| place_top.map(str::to_string))
    };
    let anchor = if symmetric(ty) {
        [side(source), side(target)].into_iter().flatten().min()
    } else {
        side(source).or_else(|| side(target).map(|t| format!(">{t}")))
    };
    format!("{ty}{SEP}{}", anchor.unwrap_or_default())
}

/// The three chains of an event (source, target, place) as the store keeps
/// them in one column.
pub fn encode_chains(source: &[String], target: &[String], place: &[String]) -> String {
    [source, target, place]
        .iter()
        .map(|c| c.join(&SEP.to_string()))
        .collect::<Vec<_>>()
        .join("\u{1e}")
}

/// The chains [`encode_chains`] wrote; missing ones are empty.
pub fn decode_chains(text: &str) -> [Vec<String>; 3] {
    let mut parts = text.split('\u{1e}').map(|c| {
        c.split(SEP)
            .filter(|k| !k.is_empty())
            .map(str::to_string)
            .collect::<Vec<_>>()
    });
    [
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
    ]
}

/// One event of a group, with what clustering and story figures need.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StoryEvent {
    /// The event's row id.
    pub id: i64,
    /// PLOVER type.
    pub ty: String,
    /// `asserted`, `denied`, `planned`...
    pub modality: String,
    /// The kind of act within the type (`visit`, `arrest`...), if told.
    pub mode: Option<String>,
    /// The source's chain (see [`chain`]); empty when not named.
    pub source: Vec<String>,
    /// The target's chain.
    pub target: Vec<String>,
    /// The place's chain.
    pub place: Vec<String>,
    /// The event's date, `YYYY[-MM[-DD]]`.
    pub date: Option<String>,
    /// The article's row.
    pub article: i64,
    /// The article's id, for a stable order.
    pub article_id: String,
    /// The event's position in its article, for a stable order.
    pub ord: i64,
    /// The article's publication date.
    pub published: Option<String>,
    /// The outlet (else the host of the address), for counting outlets.
    pub outlet: Option<String>,
    /// Intensity, averaged over the story.
    pub intensity: f64,
    /// The keys of the article's entities, sorted; read only for events
    /// without a time (see [`timed`]).
    pub context: Vec<String>,
    /// How many the event killed, injured... as its report says: what
    /// reports of one story compare (see [`COMPARED`]).
    pub figures: Vec<Toll>,
}

/// One figure of an event as stories compare it: what it counts and the
/// number the report gives, without the words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Toll {
    /// Dead, injured, arrested, displaced or crowd.
    pub kind: FigureKind,
    /// The number given (the low end of a range).
    pub value: u64,
    /// How the true figure stands to `value`.
    pub bound: Bound,
    /// The high end of a range.
    pub high: Option<u64>,
}

/// Where a story's reports differ on one field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Disagreement {
    /// `date`, `place`, `source`, `target`, `happened` or a figure's kind
    /// (`dead`, `injured`, `arrested`, `displaced`, `crowd`; see
    /// [`COMPARED`]).
    pub field: String,
    /// Each value given, with the articles that give it, most reported first.
    pub versions: Vec<Version>,
}

#[cfg(test)]
impl Disagreement {
    /// Each version as its value and its articles, for tests to compare.
    pub(crate) fn version_pairs(&self) -> Vec<(&str, Vec<&str>)> {
        self.versions
            .iter()
            .map(|v| {
                (
                    v.value.as_str(),
                    v.articles.iter().map(String::as_str).collect(),
                )
            })
            .collect()
    }
}

/// One value of a field and the articles that give it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Version {
    /// The date, the global key, the modality or the figure as
    /// [`Bound::written`] writes it (`12`, `>=30`).
    pub value: String,
    /// Article ids.
    pub articles: Vec<String>,
}

/// A story's figures, computed from its events.
#[derive(Clone, Debug, PartialEq)]
pub struct StoryFigures {
    /// Indices into the events given to [`cluster`].
    pub members: Vec<usize>,
    /// The most specific source any event gives.
    pub source: Option<String>,
    /// The most specific target any event gives.
    pub target: Option<String>,
    /// The most specific place any event gives.
    pub location: Option<String>,
    /// The modality most events give.
    pub modality: String,
    /// The earliest date (full if any event has one).
    pub date: Option<String>,
    /// The latest full date, when it differs from `date`.
    pub date_last: Option<String>,
    /// Distinct articles.
    pub articles: u64,
    /// Distinct outlets.
    pub outlets: u64,
    /// Earliest publication date.
    pub first_reported: Option<String>,
    /// Latest publication date.
    pub last_reported: Option<String>,
    /// Mean intensity.
    pub intensity: f64,
    /// Where its reports differ.
    pub disagreements: Vec<Disagreement>,
}

type Span = (NaiveDate, NaiveDate);

fn day(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.get(..10)?, "%Y-%m-%d").ok()
}

/// The days a date names: one day, a month or a year.
fn date_span(date: &str) -> Option<Span> {
    let date = date.trim();
    match date.len() {
        10 => day(date).map(|d| (d, d)),
        7 => {
            let first = NaiveDate::parse_from_str(&format!("{date}-01"), "%Y-%m-%d").ok()?;
            let next = if first.month() == 12 {
                NaiveDate::from_ymd_opt(first.year() + 1, 1, 1)
            } else {
                NaiveDate::from_ymd_opt(first.year(), first.month() + 1, 1)
            }?;
            Some((first, next.pred_opt()?))
        }
        4 => {
            let year: i32 = date.parse().ok()?;
            Some((
                NaiveDate::from_ymd_opt(year, 1, 1)?,
                NaiveDate::from_ymd_opt(year, 12, 31)?,
            ))
        }
        _ => None,
    }
}

/// When an event can have happened: its date's days, else the
/// [`UNDATED_DAYS`] up to its report's publication (to the end of the
/// month when only the month is known); `None` when neither.
fn span(e: &StoryEvent) -> Option<Span> {
    if let Some(s) = e.date.as_deref().and_then(date_span) {
        return Some(s);
    }
    let (first, last) = date_span(e.published.as_deref()?.trim())?;
    Some((first - chrono::Duration::days(UNDATED_DAYS), last))
}

/// Whether the event has a time (a date, or an article's publication date).
pub fn timed(e: &StoryEvent) -> bool {
    span(e).is_some()
}

/// Days between two spans; 0 when they overlap.
fn gap(a: Span, b: Span) -> i64 {
    (b.0 - a.1).num_days().max((a.0 - b.1).num_days()).max(0)
}

/// Two keys name one actor: the same key, two keys of one organisation
/// whose words come in another order (`org:arm-mln` and `org:mln-arm`, the
/// noun and its adjective as French and English put them), or two keys of
/// one person as articles write them (`per:k-p-chrm-ol` and
/// `per:kp-chrm-ol`, initials run together; `per:dtrt` and
/// `per:rdrg-dtrt`, the surname alone).
pub fn same_actor(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    if let (Some(a), Some(b)) = (a.strip_prefix("org:"), b.strip_prefix("org:")) {
        return sorted_parts(a) == sorted_parts(b);
    }
    let (Some(a), Some(b)) = (a.strip_prefix("per:"), b.strip_prefix("per:")) else {
        return false;
    };
    if a.replace('-', "") == b.replace('-', "") {
        return true;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    long.strip_suffix(short)
        .is_some_and(|head| head.ends_with('-'))
}

/// The parts of a key, sorted.
fn sorted_parts(key: &str) -> Vec<&str> {
    let mut parts: Vec<&str> = key.split('-').collect();
    parts.sort_unstable();
    parts
}

/// What a side's top stands for in a group key: a person by their surname
/// (the last part of the key), an organisation by its parts in order, so
/// that the keys [`same_actor`] joins share a group.
fn group_side(top: &str) -> String {
    if let Some(person) = top.strip_prefix("per:") {
        return format!("per:{}", person.rsplit('-').next().unwrap_or(person));
    }
    match top.strip_prefix("org:") {
        Some(org) => format!("org:{}", sorted_parts(org).join("-")),
        None => top.to_string(),
    }
}

/// Whether `key` names one of the actors of `chain`.
fn in_chain(key: &str, chain: &[String]) -> bool {
    chain.iter().any(|k| same_actor(k, key))
}

/// Two sides agree: one is missing, or they share what they belong to.
fn sides_agree(a: &[String], b: &[String]) -> bool {
    a.is_empty() || b.is_empty() || a.iter().any(|k| in_chain(k, b))
}

/// Whether a place's chain reaches a country: a place the gazetteer does
/// not know (`loc:...`), a region across countries or an organisation put
/// as a place says nothing of where it is.
fn located(place: &[String]) -> bool {
    place
        .last()
        .is_some_and(|k| countries().keys.contains(k.as_str()))
}

/// Two events' places agree: one is missing or not located, one is in the
/// other, or each is in the country of one of the events' sides (a strike
/// from one country on another is placed at either end). When every side
/// given is of one country (police and protesters, a government and its
/// opposition), the event is at home: a place at home fits one abroad,
/// which is where a report misplaced it.
fn places_agree(a: &StoryEvent, b: &StoryEvent) -> bool {
    let (x, y) = (&a.place, &b.place);
    if !located(x) || !located(y) || x.contains(&y[0]) || y.contains(&x[0]) {
        return true;
    }
    let tops: Vec<&String> = [&a.source, &a.target, &b.source, &b.target]
        .iter()
        .filter_map(|side| side.last())
        .collect();
    let lands: Vec<&String> = tops
        .iter()
        .copied()
        .filter(|k| countries().keys.contains(k.as_str()))
        .collect();
    let at = |p: &Vec<String>| p.last().is_some_and(|c| lands.contains(&c));
    if at(x) && at(y) {
        return true;
    }
    let home = lands.len() == tops.len() && lands.iter().all(|k| *k == lands[0]);
    home && at(x) != at(y)
}

/// The part of the smaller article's other entities (not the events'
/// sides or places: what the events name is no sign of the same news) the
/// two articles share.
fn context_share(a: &StoryEvent, b: &StoryEvent) -> f64 {
    if a.article == b.article {
        return 1.0;
    }
    let own = |k: &String| {
        [
            &a.source, &a.target, &a.place, &b.source, &b.target, &b.place,
        ]
        .iter()
        .any(|c| c.contains(k))
    };
    let x: BTreeSet<&String> = a.context.iter().filter(|k| !own(k)).collect();
    let y: BTreeSet<&String> = b.context.iter().filter(|k| !own(k)).collect();
    let smaller = x.len().min(y.len());
    if smaller == 0 {
        return 0.0;
    }
    x.intersection(&y).count() as f64 / smaller as f64
}

/// Two events without time that are the same news though their articles
/// share nothing else: each gives both sides, and a side of each is the
/// same person (the person's arrest, resignation or visit is the news
/// itself, where two countries' strikes are many).
fn one_persons_news(a: &StoryEvent, b: &StoryEvent) -> bool {
    let both = |e: &StoryEvent| !e.source.is_empty() && !e.target.is_empty();
    let person = |x: &[String], y: &[String]| {
        x.first()
            .zip(y.first())
            .is_some_and(|(x, y)| x.starts_with("per:") && same_actor(x, y))
    };
    both(a)
        && both(b)
        && (person(&a.source, &b.source)
            || person(&a.target, &b.target)
            || (symmetric(&a.ty) && (person(&a.source, &b.target) || person(&a.target, &b.source))))
}

/// Two events' times fit: both timed and at most [`DATE_WINDOW_DAYS`]
/// apart, or, when one has no time, the same news (see the module docs).
fn times_fit(a: &StoryEvent, b: &StoryEvent) -> bool {
    match (span(a), span(b)) {
        (Some(x), Some(y)) => gap(x, y) <= DATE_WINDOW_DAYS,
        _ => context_share(a, b) >= CONTEXT_SHARE || one_persons_news(a, b),
    }
}

/// Everything but the sides fits: times, places and modes.
fn setting_fits(a: &StoryEvent, b: &StoryEvent) -> bool {
    times_fit(a, b) && places_agree(a, b) && modes_agree(a.mode.as_deref(), b.mode.as_deref())
}

/// Both sides agree (see [`sides_agree`]), either way round for a
/// symmetric type.
fn sides_fit(a: &StoryEvent, b: &StoryEvent) -> bool {
    let straight = sides_agree(&a.source, &b.source) && sides_agree(&a.target, &b.target);
    straight
        || (symmetric(&a.ty)
            && sides_agree(&a.source, &b.target)
            && sides_agree(&a.target, &b.source))
}

/// Whether two events of one group can be reports of the same real event;
/// see the module docs.
pub fn compatible(a: &StoryEvent, b: &StoryEvent) -> bool {
    setting_fits(a, b) && sides_fit(a, b)
}

/// Two sides given by both whose own keys name one actor.
fn named_alike(a: &[String], b: &[String]) -> bool {
    a.first()
        .zip(b.first())
        .is_some_and(|(x, y)| same_actor(x, y))
}

/// One side of each event is the same actor (the source, the target, or
/// for a symmetric type either side).
fn one_side_alike(a: &StoryEvent, b: &StoryEvent) -> bool {
    named_alike(&a.source, &b.source)
        || named_alike(&a.target, &b.target)
        || (symmetric(&a.ty)
            && (named_alike(&a.source, &b.target) || named_alike(&a.target, &b.source)))
}

/// The looser match stories join by once their events are clustered:
/// compatible, or one side the same actor and the other told otherwise
/// (one report names the country struck, another the group in it it
/// struck, or miscodes it), with times, places and modes fitting.
pub fn akin(a: &StoryEvent, b: &StoryEvent) -> bool {
    compatible(a, b) || (one_side_alike(a, b) && setting_fits(a, b))
}

/// Splits the events of one group into stories; see the module docs.
pub fn cluster(events: &[StoryEvent]) -> Vec<StoryFigures> {
    let spans: Vec<Option<Span>> = events.iter().map(span).collect();
    let mut order: Vec<usize> = (0..events.len()).collect();
    order.sort_by(|&a, &b| {
        let key = |i: usize| {
            let e = &events[i];
            let (width, start) = match spans[i] {
                Some((s, t)) => ((t - s).num_days(), Some(s)),
                None => (i64::MAX, None),
            };
            (
                width,
                start,
                e.published.clone(),
                e.article_id.clone(),
                e.ord,
                e.id,
            )
        };
        key(a).cmp(&key(b))
    });
    // Each story with the days its timed events cover: an event far from
    // them cannot fit, whatever its other members.
    let mut clusters: Vec<(Option<Span>, Vec<usize>)> = Vec::new();
    for i in order {
        let mut best: Option<usize> = None;
        for (c, (cover, members)) in clusters.iter().enumerate() {
            let near = match (cover, spans[i]) {
                (Some(cover), Some(own)) => gap(*cover, own) <= DATE_WINDOW_DAYS,
                _ => true,
            };
            let larger = best.is_none_or(|b| clusters[b].1.len() < members.len());
            if near && larger && members.iter().all(|&m| compatible(&events[i], &events[m])) {
                best = Some(c);
            }
        }
        let c = best.unwrap_or_else(|| {
            clusters.push((None, Vec::new()));
            clusters.len() - 1
        });
        let (cover, members) = &mut clusters[c];
        if let Some(own) = spans[i] {
            *cover = Some(cover.map_or(own, |(a, b)| (a.min(own.0), b.max(own.1))));
        }
        members.push(i);
    }
    join_akin(events, clusters)
        .into_iter()
        .map(|(_, m)| figures(events, m))
        .collect()
}

/// A story: the days its timed events cover, and its events.
type Story = (Option<Span>, Vec<usize>);

/// Joins each story, in order, to the first one before it all of whose
/// events are [`akin`] to all of its own (and whose days are near).
fn join_akin(events: &[StoryEvent], stories: Vec<Story>) -> Vec<Story> {
    let mut joined: Vec<Story> = Vec::new();
    for (cover, members) in stories {
        let fits = |(other, theirs): &Story| {
            let near = match (other, cover) {
                (Some(x), Some(y)) => gap(*x, y) <= DATE_WINDOW_DAYS,
                _ => true,
            };
            near && theirs
                .iter()
                .all(|&t| members.iter().all(|&m| akin(&events[m], &events[t])))
        };
        match joined.iter_mut().find(|story| fits(story)) {
            Some((other, theirs)) => {
                if let Some(own) = cover {
                    *other = Some(other.map_or(own, |(a, b)| (a.min(own.0), b.max(own.1))));
                }
                theirs.extend(members);
            }
            None => joined.push((cover, members)),
        }
    }
    joined
}

/// An event's sides, a symmetric type's turned round when they meet the
/// reference event's that way (a story keeps its first report's order).
fn oriented<'a>(e: &'a StoryEvent, reference: &StoryEvent) -> (&'a [String], &'a [String]) {
    let straight = (sides_agree(&e.source, &reference.source)
        && sides_agree(&e.target, &reference.target))
        || named_alike(&e.source, &reference.source)
        || named_alike(&e.target, &reference.target);
    if symmetric(&e.ty) && !straight {
        (&e.target, &e.source)
    } else {
        (&e.source, &e.target)
    }
}

/// The most specific of the chains: the longest, then the one whose own
/// key is longest (a full name rather than the surname alone), the first
/// on ties.
fn most_specific<'a>(chains: impl Iterator<Item = &'a [String]>) -> Option<String> {
    let mut best: Option<&[String]> = None;
    let size = |c: &[String]| (c.len(), c[0].len());
    for c in chains.filter(|c| !c.is_empty()) {
        if best.is_none_or(|b| size(b) < size(c)) {
            best = Some(c);
        }
    }
    best.and_then(|c| c.first().cloned())
}

fn figures(events: &[StoryEvent], members: Vec<usize>) -> StoryFigures {
    let of = |i: &usize| &events[*i];
    let reference = &events[members[0]];
    let days: BTreeSet<NaiveDate> = members
        .iter()
        .filter_map(|&i| {
            events[i]
                .date
                .as_deref()
                .filter(|d| d.len() == 10)
                .and_then(day)
        })
        .collect();
    let fmt = |d: &NaiveDate| d.format("%Y-%m-%d").to_string();
    let (date, date_last) = match (days.first(), days.last()) {
        (Some(a), Some(b)) => (Some(fmt(a)), (a != b).then(|| fmt(b))),
        _ => {
            // No full date: the most precise partial date.
            let partial = members
                .iter()
                .filter_map(|&i| events[i].date.clone())
                .max_by(|a, b| a.len().cmp(&b.len()).then(b.cmp(a)));
            (partial, None)
        }
    };
    let mut modalities: Vec<(&str, usize)> = Vec::new();
    for e in members.iter().map(of) {
        match modalities.iter_mut().find(|(m, _)| *m == e.modality) {
            Some(found) => found.1 += 1,
            None => modalities.push((&e.modality, 1)),
        }
    }
    let modality = modalities
        .iter()
        .fold(None::<(&str, usize)>, |best, &(m, n)| match best {
            Some((_, b)) if b >= n => best,
            _ => Some((m, n)),
        })
        .map(|(m, _)| m.to_string())
        .unwrap_or_default();
    let articles: BTreeSet<i64> = members.iter().map(|&i| events[i].article).collect();
    let outlets: BTreeSet<&str> = members
        .iter()
        .filter_map(|i| of(i).outlet.as_deref())
        .collect();
    let published: BTreeSet<&str> = members
        .iter()
        .filter_map(|i| of(i).published.as_deref())
        .collect();
    let intensity =
        members.iter().map(|i| of(i).intensity).sum::<f64>() / members.len().max(1) as f64;
    StoryFigures {
        source: most_specific(members.iter().map(|i| oriented(of(i), reference).0)),
        target: most_specific(members.iter().map(|i| oriented(of(i), reference).1)),
        location: most_specific(members.iter().map(|i| of(i).place.as_slice())),
        modality,
        date,
        date_last,
        articles: articles.len() as u64,
        outlets: outlets.len() as u64,
        first_reported: published.first().map(|s| s.to_string()),
        last_reported: published.last().map(|s| s.to_string()),
        intensity,
        disagreements: disagreements(events, &members),
        members,
    }
}

/// One value a report gives for a compared field, with the chain it stands
/// in (what a place or a side belongs to; empty for other fields).
type Given<'a> = (String, &'a [String]);

/// An event's two sides (source, target).
type Sides<'a> = (&'a [String], &'a [String]);

/// A field the reports of one story are compared on (see
/// [`disagreements`]): a new field (a figure) is one more entry of
/// [`COMPARED`].
pub struct Compared {
    /// Its name in a [`Disagreement`].
    pub field: &'static str,
    /// What a report gives, its sides turned as the story's first report's.
    given: for<'a> fn(&'a StoryEvent, Sides<'a>) -> Option<Given<'a>>,
    /// Whether two values are rival versions, not one a part of the other.
    differ: fn(&Given<'_>, &Given<'_>) -> bool,
}

/// The fields compared, in the order disagreements are listed: the date,
/// the place, the two sides, whether it happened (the modality: one
/// report asserts it, another denies it or calls it planned), then each
/// kind of figure (how many were killed, injured, arrested, displaced or
/// gathered).
pub const COMPARED: &[Compared] = &[
    Compared {
        field: "date",
        given: |e, _| e.date.clone().map(|d| (d, &[][..])),
        differ: |a, b| !a.0.starts_with(b.0.as_str()) && !b.0.starts_with(a.0.as_str()),
    },
    Compared {
        field: "place",
        given: |e, _| first_of(&e.place),
        differ: chains_differ,
    },
    Compared {
        field: "source",
        given: |_, (source, _)| first_of(source),
        differ: chains_differ,
    },
    Compared {
        field: "target",
        given: |_, (_, target)| first_of(target),
        differ: chains_differ,
    },
    Compared {
        field: "happened",
        given: |e, _| Some((e.modality.clone(), &[][..])),
        differ: |a, b| a.0 != b.0,
    },
    Compared {
        field: "dead",
        given: |e, _| toll(e, FigureKind::Dead),
        differ: numbers_differ,
    },
    Compared {
        field: "injured",
        given: |e, _| toll(e, FigureKind::Injured),
        differ: numbers_differ,
    },
    Compared {
        field: "arrested",
        given: |e, _| toll(e, FigureKind::Arrested),
        differ: numbers_differ,
    },
    Compared {
        field: "displaced",
        given: |e, _| toll(e, FigureKind::Displaced),
        differ: numbers_differ,
    },
    Compared {
        field: "crowd",
        given: |e, _| toll(e, FigureKind::Crowd),
        differ: numbers_differ,
    },
];

/// The figure of one kind a report gives, as [`Bound::written`] writes
/// it: its largest when it gives several (a toll that rose during the
/// day), the first of equals.
fn toll(e: &StoryEvent, kind: FigureKind) -> Option<Given<'static>> {
    let mut best: Option<&Toll> = None;
    for t in e.figures.iter().filter(|t| t.kind == kind) {
        if best.is_none_or(|b| b.value < t.value) {
            best = Some(t);
        }
    }
    best.map(|t| (t.bound.written(t.value, t.high), &[][..]))
}

/// Two figures that give other numbers: "at least 90" and "at least 94"
/// are two tolls a reader wants to see side by side, though neither rules
/// the other out; "30" and "at least 30" are one.
fn numbers_differ(a: &Given<'_>, b: &Given<'_>) -> bool {
    let numbers = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_ascii_digit())
            .filter(|n| !n.is_empty())
            .map(str::to_string)
            .collect()
    };
    numbers(&a.0) != numbers(&b.0)
}

/// A chain's own key, with the chain.
fn first_of(chain: &[String]) -> Option<Given<'_>> {
    chain.first().map(|k| (k.clone(), chain))
}

/// Two places or sides neither of which is in the other's chain.
fn chains_differ(a: &Given<'_>, b: &Given<'_>) -> bool {
    !in_chain(&b.0, a.1) && !in_chain(&a.0, b.1)
}

/// Where the reports of a story differ, field by field of [`COMPARED`]:
/// every value given, with its articles, when two of them are rivals.
pub fn disagreements(events: &[StoryEvent], members: &[usize]) -> Vec<Disagreement> {
    let Some(&first) = members.first() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for compared in COMPARED {
        let mut versions: BTreeMap<String, (&[String], BTreeSet<&str>)> = BTreeMap::new();
        for &i in members {
            let e = &events[i];
            let given = (compared.given)(e, oriented(e, &events[first]));
            if let Some((value, chain)) = given.filter(|g| !g.0.is_empty()) {
                let entry = versions.entry(value).or_insert((chain, BTreeSet::new()));
                entry.1.insert(&e.article_id);
            }
        }
        let values: Vec<Given<'_>> = versions.iter().map(|(v, (c, _))| (v.clone(), *c)).collect();
        let rivals = values
            .iter()
            .enumerate()
            .any(|(n, a)| values[n + 1..].iter().any(|b| (compared.differ)(a, b)));
        if !rivals {
            continue;
        }
        let mut list: Vec<Version> = versions
            .into_iter()
            .map(|(value, (_, articles))| Version {
                value,
                articles: articles.into_iter().map(str::to_string).collect(),
            })
            .collect();
        list.sort_by(|a, b| {
            b.articles
                .len()
                .cmp(&a.articles.len())
                .then(a.value.cmp(&b.value))
        });
        out.push(Disagreement {
            field: compared.field.to_string(),
            versions: list,
        });
    }
    out
}

/// The outlet to count: the one given, else the host of the address
/// without `www.`.
pub fn outlet_of(outlet: Option<&str>, url: Option<&str>) -> Option<String> {
    if let Some(o) = outlet.map(str::trim).filter(|o| !o.is_empty()) {
        return Some(o.to_lowercase());
    }
    let url = url?.trim();
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next()?.to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty()).then_some(host)
}

/// Groups event indices by their group key, in first-seen order.
pub fn by_group<'a>(keys: impl IntoIterator<Item = &'a str>) -> Vec<(&'a str, Vec<usize>)> {
    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut groups: Vec<(&str, Vec<usize>)> = Vec::new();
    for (i, k) in keys.into_iter().enumerate() {
        let g = *index.entry(k).or_insert_with(|| {
            groups.push((k, Vec::new()));
            groups.len() - 1
        });
        groups[g].1.push(i);
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(chain: &[&str]) -> Vec<String> {
        chain.iter().map(|k| k.to_string()).collect()
    }

    /// An ASSAULT in article `article` (published on `published`), dated
    /// `date`, from `source` on `target` at `place` (chains).
    fn ev(
        id: i64,
        date: Option<&str>,
        published: Option<&str>,
        sides: (&[&str], &[&str]),
        place: &[&str],
        article: i64,
    ) -> StoryEvent {
        StoryEvent {
            id,
            ty: "ASSAULT".into(),
            modality: "asserted".into(),
            source: keys(sides.0),
            target: keys(sides.1),
            place: keys(place),
            date: date.map(str::to_string),
            article,
            article_id: format!("a{article}"),
            published: published.map(str::to_string),
            outlet: Some(format!("outlet{}", article % 2)),
            intensity: -9.0,
            ..StoryEvent::default()
        }
    }

    fn dated(id: i64, date: &str, article: i64) -> StoryEvent {
        ev(id, Some(date), Some(date), (&["x"], &["y"]), &[], article)
    }

    fn sizes(stories: &[StoryFigures]) -> Vec<usize> {
        stories.iter().map(|s| s.members.len()).collect()
    }

    fn member<'a>(
        key: &'a str,
        ty: &'a str,
        country: Option<&'a str>,
        of: &[&'a str],
    ) -> Member<'a> {
        Member {
            key,
            ty,
            country,
            of: of.to_vec(),
            labels: Vec::new(),
            names: Vec::new(),
        }
    }

    #[test]
    fn a_person_belongs_to_their_organisation_and_its_country() {
        let members = HashMap::from([
            ("e1", member("per:jn-dp", "PER", None, &["e2"])),
            ("e2", member("france-ministry-of-defence", "ORG", None, &[])),
            ("e3", member("lyon", "LOC", Some("FR"), &[])),
            ("e4", member("darfur", "LOC", None, &[])),
            ("e5", member("per:cyclic", "PER", None, &["e5"])),
        ]);
        assert_eq!(
            chain("e1", &members),
            keys(&["per:jn-dp", "france-ministry-of-defence", "france"])
        );
        assert_eq!(chain("e3", &members), keys(&["lyon", "france"]));
        assert_eq!(chain("e4", &members), keys(&["darfur", "sudan"]));
        assert_eq!(chain("e5", &members), keys(&["per:cyclic"]));
        assert!(chain("e9", &members).is_empty());
    }

    #[test]
    fn a_country_named_as_side_or_as_place_is_one_group() {
        let none: &[String] = &[];
        let as_side = group_key(
            "ASSAULT",
            &keys(&["israel"]),
            &keys(&["lebanon"]),
            none,
            "1",
        );
        let as_place = group_key(
            "ASSAULT",
            &keys(&["israel"]),
            none,
            &keys(&["tyre", "lebanon"]),
            "2",
        );
        let the_host = group_key(
            "ASSAULT",
            &keys(&["per:a", "israel"]),
            &keys(&["per:b", "lebanon"]),
            none,
            "3",
        );
        assert_eq!(as_side, as_place);
        assert_eq!(as_side, the_host);
        assert_ne!(
            as_side,
            group_key(
                "ASSAULT",
                &keys(&["lebanon"]),
                &keys(&["israel"]),
                none,
                "4"
            )
        );
        assert_ne!(
            as_side,
            group_key(
                "PROTEST",
                &keys(&["israel"]),
                &keys(&["lebanon"]),
                none,
                "5"
            )
        );
        assert_ne!(
            group_key("PROTEST", none, none, none, "1"),
            group_key("PROTEST", none, none, none, "2")
        );
    }

    #[test]
    fn symmetric_types_group_either_way_round() {
        let none: &[String] = &[];
        let (a, b) = (keys(&["per:a", "france"]), keys(&["senegal"]));
        assert_eq!(
            group_key("CONSULT", &a, &b, none, "1"),
            group_key("CONSULT", &b, &a, none, "2")
        );
        let mut x = ev(
            1,
            Some("2024-03-05"),
            None,
            (&["per:a", "france"], &["senegal"]),
            &[],
            1,
        );
        let mut y = ev(
            2,
            Some("2024-03-05"),
            None,
            (&["senegal"], &["france"]),
            &[],
            2,
        );
        x.ty = "CONSULT".into();
        y.ty = "CONSULT".into();
        assert!(compatible(&x, &y));
        x.ty = "ASSAULT".into();
        y.ty = "ASSAULT".into();
        assert!(!compatible(&x, &y));
    }

    #[test]
    fn sides_agree_through_what_they_belong_to() {
        let host = ev(
            1,
            Some("2024-03-05"),
            None,
            (&["israel"], &["per:b", "lebanon"]),
            &[],
            1,
        );
        let army = ev(
            2,
            Some("2024-03-05"),
            None,
            (&["israel"], &["lebanon-army", "lebanon"]),
            &[],
            2,
        );
        let country = ev(
            3,
            Some("2024-03-05"),
            None,
            (&["israel"], &["lebanon"]),
            &[],
            3,
        );
        let unnamed = ev(4, Some("2024-03-05"), None, (&["israel"], &[]), &[], 4);
        let other = ev(
            5,
            Some("2024-03-05"),
            None,
            (&["israel"], &["hezbollah"]),
            &[],
            5,
        );
        assert!(compatible(&host, &army));
        assert!(compatible(&host, &country));
        assert!(compatible(&country, &unnamed));
        assert!(!compatible(&country, &other));
    }

    #[test]
    fn places_agree_when_one_is_in_the_other() {
        let city = ev(
            1,
            Some("2024-03-05"),
            None,
            (&["x"], &["y"]),
            &["tripoli", "libya"],
            1,
        );
        let country = ev(2, Some("2024-03-05"), None, (&["x"], &["y"]), &["libya"], 2);
        let other = ev(
            3,
            Some("2024-03-05"),
            None,
            (&["x"], &["y"]),
            &["benghazi", "libya"],
            3,
        );
        let nowhere = ev(4, Some("2024-03-05"), None, (&["x"], &["y"]), &[], 4);
        assert!(compatible(&city, &country));
        assert!(compatible(&other, &country));
        assert!(!compatible(&city, &other));
        assert!(compatible(&city, &nowhere));
    }

    #[test]
    fn dates_within_three_days_join() {
        let events = [
            dated(1, "2024-03-05", 1),
            dated(2, "2024-03-07", 2),
            dated(3, "2024-03-08", 3),
            dated(4, "2024-03-09", 4),
        ];
        let stories = cluster(&events);
        // Every event of a story is within the window of every other.
        assert_eq!(sizes(&stories), vec![3, 1]);
        assert_eq!(stories[0].articles, 3);
        assert_eq!(stories[0].outlets, 2);
        assert_eq!(stories[0].date.as_deref(), Some("2024-03-05"));
        assert_eq!(stories[0].date_last.as_deref(), Some("2024-03-08"));
        assert_eq!(stories[0].first_reported.as_deref(), Some("2024-03-05"));
        assert_eq!(stories[0].last_reported.as_deref(), Some("2024-03-08"));
    }

    #[test]
    fn a_partial_date_is_the_days_it_names() {
        let month = ev(1, Some("2024-03"), None, (&["x"], &["y"]), &[], 1);
        let year = ev(2, Some("2023"), None, (&["x"], &["y"]), &[], 2);
        assert!(compatible(&month, &dated(3, "2024-03-31", 3)));
        assert!(compatible(&month, &dated(4, "2024-04-02", 4)));
        assert!(!compatible(&month, &dated(5, "2024-05-01", 5)));
        assert!(compatible(&year, &dated(6, "2023-12-31", 6)));
        assert!(!compatible(&year, &month));
    }

    #[test]
    fn an_undated_event_stays_near_its_report() {
        let undated = ev(1, None, Some("2024-03-08"), (&["x"], &["y"]), &[], 1);
        assert!(compatible(&undated, &dated(2, "2024-03-06", 2)));
        assert!(compatible(&undated, &dated(3, "2024-03-02", 3)));
        assert!(!compatible(&undated, &dated(4, "2023-03-06", 4)));
        assert!(!compatible(&undated, &dated(5, "2024-03-20", 5)));
        // A report known only by its month bounds the event by the month.
        let in_month = ev(6, None, Some("2024-03"), (&["x"], &["y"]), &[], 6);
        assert!(compatible(&in_month, &dated(7, "2024-03-20", 7)));
        assert!(compatible(&in_month, &dated(8, "2024-02-28", 8)));
        assert!(!compatible(&in_month, &dated(9, "2024-04-10", 9)));
    }

    #[test]
    fn events_without_time_join_by_their_articles_news() {
        let with = |id: i64, context: &[&str]| {
            let mut e = ev(id, None, None, (&["x"], &["y"]), &[], id);
            e.context = keys(context);
            e
        };
        let a = with(1, &["x", "y", "per:envoy", "per:minister", "geneva"]);
        let b = with(2, &["x", "y", "per:envoy", "geneva", "un"]);
        let c = with(3, &["x", "y", "per:general", "kabul"]);
        assert!(compatible(&a, &b));
        assert!(!compatible(&a, &c));
        // The sides themselves are no evidence of the same news.
        let bare = with(4, &["x", "y"]);
        assert!(!compatible(&bare, &with(5, &["x", "y"])));
        // Nor is the place they name.
        let placed = |id: i64| {
            let mut e = with(id, &["x", "y", "geneva", "switzerland"]);
            e.place = keys(&["geneva", "switzerland"]);
            e
        };
        assert!(!compatible(&placed(6), &placed(7)));
        // One person's news needs nothing else in common.
        let of = |id: i64, target: &[&str]| {
            let mut e = with(id, &["x"]);
            e.target = keys(target);
            e
        };
        assert!(compatible(&of(8, &["per:a-b"]), &of(9, &["per:b", "y"])));
        assert!(!compatible(&of(10, &["per:a-b"]), &of(11, &["per:c", "y"])));
        let mut unnamed = of(12, &["per:a-b"]);
        unnamed.source.clear();
        assert!(!compatible(&unnamed, &of(13, &["per:a-b"])));
    }

    #[test]
    fn order_of_input_does_not_matter() {
        let mut events = vec![
            dated(1, "2024-03-05", 1),
            ev(
                2,
                None,
                Some("2024-03-06"),
                (&["x"], &["y"]),
                &["kyiv", "ukraine"],
                2,
            ),
            dated(3, "2024-03-09", 3),
            dated(4, "2024-03-07", 4),
            ev(5, Some("2024-03"), None, (&["x"], &["y"]), &[], 5),
            ev(6, None, Some("2024-03-12"), (&["x"], &[]), &[], 6),
            // Akin to the first stories, not compatible with them.
            ev(7, Some("2024-03-06"), None, (&["x"], &["z"]), &[], 7),
            ev(8, Some("2024-03-11"), None, (&["x"], &["z"]), &[], 8),
        ];
        let canon = |events: &[StoryEvent]| {
            let mut s: Vec<Vec<i64>> = cluster(events)
                .iter()
                .map(|s| {
                    let mut ids: Vec<i64> = s.members.iter().map(|&i| events[i].id).collect();
                    ids.sort();
                    ids
                })
                .collect();
            s.sort();
            s
        };
        let forward = canon(&events);
        assert!(forward.iter().any(|s| s.contains(&7) && s.len() > 2));
        events.reverse();
        assert_eq!(forward, canon(&events));
        events.swap(0, 3);
        assert_eq!(forward, canon(&events));
    }

    #[test]
    fn a_story_keeps_the_most_specific_of_its_reports() {
        let events = [
            ev(
                1,
                Some("2024-03"),
                None,
                (&["israel"], &["lebanon"]),
                &["lebanon"],
                1,
            ),
            ev(
                2,
                Some("2024-03-05"),
                None,
                (&["idf", "israel"], &[]),
                &["tyre", "lebanon"],
                2,
            ),
        ];
        let stories = cluster(&events);
        assert_eq!(sizes(&stories), vec![2]);
        let s = &stories[0];
        assert_eq!(s.source.as_deref(), Some("idf"));
        assert_eq!(s.target.as_deref(), Some("lebanon"));
        assert_eq!(s.location.as_deref(), Some("tyre"));
        assert_eq!(s.date.as_deref(), Some("2024-03-05"));
        // A month and a day in it, a country and a city in it: no dispute.
        assert!(s.disagreements.is_empty());
    }

    #[test]
    fn reports_that_differ_are_listed() {
        let mut events = vec![
            dated(1, "2024-03-05", 1),
            dated(2, "2024-03-06", 2),
            ev(
                3,
                Some("2024-03-05"),
                None,
                (&["x"], &["per:b", "y"]),
                &[],
                3,
            ),
            ev(
                4,
                Some("2024-03-05"),
                None,
                (&["x"], &["y-army", "y"]),
                &[],
                4,
            ),
        ];
        events[1].modality = "negated".into();
        let stories = cluster(&events);
        assert_eq!(sizes(&stories), vec![4]);
        let d = &stories[0].disagreements;
        let fields: Vec<&str> = d.iter().map(|d| d.field.as_str()).collect();
        assert_eq!(fields, vec!["date", "target", "happened"]);
        assert_eq!(d[0].versions[0].value, "2024-03-05");
        assert_eq!(d[0].versions[0].articles, vec!["a1", "a3", "a4"]);
        assert_eq!(d[0].versions[1].articles, vec!["a2"]);
        assert_eq!(stories[0].modality, "asserted");
    }

    #[test]
    fn tolls_that_give_other_numbers_are_listed() {
        let toll = |kind, value, bound| Toll {
            kind,
            value,
            bound,
            high: None,
        };
        let mut events: Vec<StoryEvent> = (1..=4).map(|n| dated(n, "2024-03-05", n)).collect();
        events[0].figures = vec![toll(FigureKind::Dead, 12, Bound::Exact)];
        // The largest of a report's figures is its toll.
        events[1].figures = vec![
            toll(FigureKind::Dead, 20, Bound::AtLeast),
            toll(FigureKind::Dead, 30, Bound::AtLeast),
            toll(FigureKind::Injured, 40, Bound::Exact),
        ];
        events[2].figures = vec![toll(FigureKind::Dead, 30, Bound::Exact)];
        events[3].figures = vec![toll(FigureKind::Injured, 40, Bound::About)];
        let stories = cluster(&events);
        assert_eq!(sizes(&stories), vec![4]);
        let d = &stories[0].disagreements;
        // "~40" and "40" injured are one number: no dispute.
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].field, "dead");
        let versions = d[0].version_pairs();
        assert_eq!(
            versions,
            vec![("12", vec!["a1"]), ("30", vec!["a3"]), (">=30", vec!["a2"])]
        );
    }

    #[test]
    fn a_demonym_in_a_name_or_title_says_the_country() {
        let mut army = member("org:arm-frnc", "ORG", None, &[]);
        army.labels = vec!["armée française"];
        let mut envoy = member("per:jn-dp", "PER", None, &[]);
        envoy.labels = vec!["Jean Dupont", "the Kenyan envoy"];
        let mut bare = member("per:pl-mr", "PER", None, &[]);
        bare.labels = vec!["Paul Marc", "minister"];
        let members = HashMap::from([("e1", army), ("e2", envoy), ("e3", bare)]);
        assert_eq!(chain("e1", &members), keys(&["org:arm-frnc", "france"]));
        assert_eq!(chain("e2", &members), keys(&["per:jn-dp", "kenya"]));
        assert_eq!(chain("e3", &members), keys(&["per:pl-mr"]));
    }

    #[test]
    fn a_known_movement_or_a_national_body_belongs_to_its_country() {
        // The CAMEO actor dictionary codes Hezbollah with Lebanon's code,
        // whatever the spelling's accents and case.
        let mut movement = member("hezbollah", "ORG", None, &[]);
        movement.names = vec!["le Hezbollah", "HEZBOLLAH"];
        let council = member("ivory-coast-part-cnsl-cnstnl", "ORG", None, &[]);
        let mut unknown = member("org:cmt-lcl", "ORG", None, &[]);
        unknown.names = vec!["Comité local"];
        // A place keeps the gazetteer's country, whatever its name says.
        let mut place = member("tyre", "LOC", Some("LB"), &[]);
        place.names = vec!["Hezbollah"];
        let members = HashMap::from([
            ("e1", movement),
            ("e2", council),
            ("e3", unknown),
            ("e4", place),
        ]);
        assert_eq!(chain("e1", &members), keys(&["hezbollah", "lebanon"]));
        assert_eq!(
            chain("e2", &members),
            keys(&["ivory-coast-part-cnsl-cnstnl", "ivory-coast"])
        );
        assert_eq!(chain("e3", &members), keys(&["org:cmt-lcl"]));
        assert_eq!(chain("e4", &members), keys(&["tyre", "lebanon"]));
    }

    #[test]
    fn one_actors_acts_share_a_group_whatever_their_target() {
        let none: &[String] = &[];
        let group = |source: &[&str], target: &[&str]| {
            group_key("ASSAULT", &keys(source), &keys(target), none, "1")
        };
        assert_eq!(
            group(&["iran"], &["israel"]),
            group(&["per:a", "iran"], &["hezbollah", "lebanon"])
        );
        assert_ne!(group(&["iran"], &["israel"]), group(&["iraq"], &["israel"]));
        // Without a source, the target stands for it, apart from sources.
        assert_ne!(group(&[], &["iran"]), group(&["iran"], &[]));
        // A symmetric type's group is the lesser of its sides' tops.
        let meeting = |a: &[&str], b: &[&str]| group_key("CONSULT", &keys(a), &keys(b), none, "1");
        assert_eq!(
            meeting(&["france"], &["syria"]),
            meeting(&["syria"], &["france"])
        );
        assert_eq!(
            meeting(&["france"], &["syria"]),
            meeting(&["france"], &["turkey"])
        );
    }

    #[test]
    fn reports_that_name_one_side_alike_are_akin() {
        let at = |id: i64, target: &[&str], date: &str, place: &[&str]| {
            ev(id, Some(date), None, (&["iran"], target), place, id)
        };
        let country = at(1, &["israel"], "2024-10-01", &["israel"]);
        let group = at(2, &["hezbollah", "lebanon"], "2024-10-01", &["israel"]);
        assert!(!compatible(&country, &group));
        assert!(akin(&country, &group));
        // The times, the places and the modes must still fit.
        let later = at(3, &["hezbollah", "lebanon"], "2024-10-09", &["israel"]);
        let elsewhere = at(
            4,
            &["hezbollah", "lebanon"],
            "2024-10-01",
            &["baghdad", "iraq"],
        );
        assert!(!akin(&country, &later));
        assert!(!akin(&country, &elsewhere));
        let mut raid = group.clone();
        raid.mode = Some("raid".into());
        let mut siege = country.clone();
        siege.mode = Some("siege".into());
        assert!(!akin(&siege, &raid));
        // Two people of one country are not one actor.
        let envoy = |id: i64, source: &[&str], target: &[&str]| {
            ev(id, Some("2024-10-01"), None, (source, target), &[], id)
        };
        assert!(!akin(
            &envoy(5, &["per:a", "iran"], &["israel"]),
            &envoy(6, &["per:b", "iran"], &["lebanon"])
        ));
    }

    #[test]
    fn stories_whose_reports_are_akin_join_after_clustering() {
        let on =
            |id: i64, sides: (&[&str], &[&str])| ev(id, Some("2024-10-01"), None, sides, &[], id);
        let events = [
            on(1, (&["x"], &["y"])),
            on(2, (&["x"], &["y", "c"])),
            on(3, (&["x"], &["z"])),
            on(4, (&["w"], &["z"])),
        ];
        let stories = cluster(&events);
        assert_eq!(sizes(&stories), vec![3, 1]);
        // Each report keeps its own version of the side it tells otherwise.
        let d = &stories[0].disagreements;
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].field, "target");
        assert_eq!(
            d[0].version_pairs(),
            vec![("y", vec!["a1", "a2"]), ("z", vec!["a3"])]
        );
    }

    #[test]
    fn spellings_of_one_actor_are_one_actor() {
        assert!(same_actor("per:k-p-chrm-ol", "per:kp-chrm-ol"));
        assert!(same_actor("per:dtrt", "per:rdrg-dtrt"));
        assert!(same_actor("org:arm-mln", "org:mln-arm"));
        assert!(!same_actor("per:ahmd-chrh", "per:mhmd-chrh"));
        assert!(!same_actor("per:trt", "per:rdrg-dtrt"));
        assert!(!same_actor("org:arm-mln", "org:arm-nigr"));
        assert!(!same_actor("mali", "per:mali"));
        // And they share a group.
        let none: &[String] = &[];
        assert_eq!(
            group_key("COERCE", &keys(&["x"]), &keys(&["per:dtrt"]), none, "1"),
            group_key(
                "COERCE",
                &keys(&["x"]),
                &keys(&["per:rdrg-dtrt"]),
                none,
                "2"
            )
        );
        assert_eq!(
            group_key("ASSAULT", &keys(&["org:arm-mln"]), &keys(&["y"]), none, "1"),
            group_key("ASSAULT", &keys(&["org:mln-arm"]), &keys(&["y"]), none, "2")
        );
        let surname = ev(1, Some("2024-03-05"), None, (&["x"], &["per:dtrt"]), &[], 1);
        let full = ev(
            2,
            Some("2024-03-05"),
            None,
            (&["x"], &["per:rdrg-dtrt"]),
            &[],
            2,
        );
        let stories = cluster(&[surname, full]);
        assert_eq!(sizes(&stories), vec![2]);
        assert_eq!(stories[0].target.as_deref(), Some("per:rdrg-dtrt"));
        assert!(stories[0].disagreements.is_empty());
    }

    #[test]
    fn a_place_not_located_or_at_either_end_fits() {
        let at = |id: i64, place: &[&str]| {
            ev(
                id,
                Some("2024-03-05"),
                None,
                (&["iran"], &["israel"]),
                place,
                id,
            )
        };
        let launched = at(1, &["tehran", "iran"]);
        let hit = at(2, &["haifa", "israel"]);
        let unknown = at(3, &["loc:smwhr"]);
        let elsewhere = at(4, &["baghdad", "iraq"]);
        assert!(compatible(&launched, &hit));
        assert!(compatible(&unknown, &hit));
        assert!(!compatible(&elsewhere, &hit));
        assert!(!compatible(&elsewhere, &launched));
        // Police and protesters of one country: the event is at home.
        let home = |id: i64, place: &[&str]| {
            let mut e = at(id, place);
            e.source = keys(&["police", "iran"]);
            e.target = keys(&["iran"]);
            e
        };
        assert!(compatible(
            &home(5, &["tehran", "iran"]),
            &home(6, &["baghdad", "iraq"])
        ));
        assert!(!compatible(
            &home(7, &["erbil", "iraq"]),
            &home(8, &["baghdad", "iraq"])
        ));
    }

    #[test]
    fn a_visit_and_a_meeting_fit_a_resignation_and_a_release_do_not() {
        let with = |id: i64, ty: &str, mode: Option<&str>| {
            let mut e = ev(id, Some("2024-03-05"), None, (&["x"], &["y"]), &[], id);
            e.ty = ty.into();
            e.mode = mode.map(str::to_string);
            e
        };
        assert!(compatible(
            &with(1, "CONSULT", Some("visit")),
            &with(2, "CONSULT", Some("meet"))
        ));
        assert!(compatible(
            &with(3, "CONSULT", None),
            &with(4, "CONSULT", Some("phone"))
        ));
        assert!(!compatible(
            &with(5, "CONSULT", Some("visit")),
            &with(6, "CONSULT", Some("phone"))
        ));
        assert!(!compatible(
            &with(7, "RETREAT", Some("resign")),
            &with(8, "RETREAT", Some("release"))
        ));
    }

    #[test]
    fn the_country_table_has_codes_and_regions() {
        let table = country_table();
        assert!(table.contains(&"country\tFR\tfrance".to_string()));
        assert!(table.contains(&"region\tdarfur\tsudan".to_string()));
        assert!(table.contains(&"demonym\tmalienne\tmali".to_string()));
        assert!(table.contains(&"actor\thezbollah\tlebanon".to_string()));
    }

    #[test]
    fn chains_round_trip() {
        let (s, t, p) = (
            keys(&["per:a", "france"]),
            Vec::new(),
            keys(&["lyon", "france"]),
        );
        assert_eq!(decode_chains(&encode_chains(&s, &t, &p)), [s, t, p]);
        assert_eq!(
            decode_chains(""),
            [Vec::<String>::new(), Vec::new(), Vec::new()]
        );
    }

    #[test]
    fn outlets_from_addresses() {
        assert_eq!(
            outlet_of(None, Some("https://www.Example.com/a/b")).as_deref(),
            Some("example.com")
        );
        assert_eq!(
            outlet_of(Some(" Le Monde "), Some("https://x.org")).as_deref(),
            Some("le monde")
        );
        assert_eq!(outlet_of(None, None), None);
    }
}
