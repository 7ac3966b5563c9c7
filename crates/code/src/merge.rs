//! One record per real event per article: retellings merge.

use depeche_text::Entity;

use crate::actors::Affiliations;
use crate::setting::host_country;
use crate::Event;

/// Whether two places can be where one event happened: the same place,
/// one unknown or not in the gazetteer, or one a country or region
/// holding the other.
fn places_agree(a: Option<usize>, b: Option<usize>, entities: &[Entity]) -> bool {
    let (Some(a), Some(b)) = (a, b) else {
        return true;
    };
    if a == b || entities[a].key == entities[b].key {
        return true;
    }
    // A place the gazetteer does not hold ("l'Est") may hold the other.
    let (Some(ga), Some(gb)) = (&entities[a].geo, &entities[b].geo) else {
        return true;
    };
    ga.country == gb.country && (ga.kind != "city" || gb.kind != "city")
}

/// Whether two dates can be one event's: one unknown, or one the other's
/// prefix ("2023-08" and "2023-08-22").
fn dates_agree(a: &Option<String>, b: &Option<String>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.starts_with(b.as_str()) || b.starts_with(a.as_str()),
        _ => true,
    }
}

/// The more telling of two places: a city over a region over a country.
fn finer_place(a: Option<usize>, b: Option<usize>, entities: &[Entity]) -> Option<usize> {
    let rank = |p: usize| match entities[p].geo.as_ref().map(|g| g.kind.as_str()) {
        Some("country") => 0,
        Some("city") => 2,
        _ => 1,
    };
    match (a, b) {
        (Some(a), Some(b)) if rank(b) > rank(a) => Some(b),
        (Some(a), _) => Some(a),
        (None, b) => b,
    }
}

/// Where a protest told in two places happened: the one place when
/// both agree on it, else the country holding both ("in Kano and in
/// Abuja": in Nigeria).
fn spread(a: Option<usize>, b: Option<usize>, entities: &[Entity]) -> Option<usize> {
    match (a, b) {
        (Some(a), Some(b)) if entities[a].key != entities[b].key => {
            let (ca, cb) = (host_country(a, entities), host_country(b, entities));
            if ca == cb {
                ca
            } else {
                Some(a)
            }
        }
        (a, b) => a.or(b),
    }
}

/// Whether two modes can be one event's: the same, one unsaid, or
/// "meet", which any consultation is. A curfew and an internet shutdown
/// by one state are two events.
fn modes_agree(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a == b || a == "meet" || b == "meet",
        _ => true,
    }
}

/// Adds an event, merging it into an earlier one that tells the same;
/// returns where it went.
pub(crate) fn add(
    events: &mut Vec<Event>,
    new: Event,
    sides: &Affiliations,
    entities: &[Entity],
) -> usize {
    let symmetric = crate::SYMMETRIC.contains(&new.ty);
    let same = |x: Option<usize>, y: Option<usize>| match (x, y) {
        (Some(x), Some(y)) => sides.may_be_same(x, y),
        _ => false,
    };
    // A country's people protesting, told sentence after sentence from
    // city to city, is one protest.
    let one_protest =
        |e: &Event| e.crowd && new.crowd && e.modality == new.modality && e.source == new.source;
    let found = events.iter().position(|e| {
        one_protest(e)
            || e.ty == new.ty
                && e.modality == new.modality
                && modes_agree(e.mode, new.mode)
                && places_agree(e.location, new.location, entities)
                && dates_agree(&e.date, &new.date)
                && ((same(e.source, new.source) && same(e.target, new.target))
                    || (symmetric && same(e.source, new.target) && same(e.target, new.source)))
    });
    let Some(i) = found else {
        events.push(new);
        return events.len() - 1;
    };
    let old = &mut events[i];
    // A crowd's protests keep their sides as told first.
    let kept = one_protest(old) || (same(old.source, new.source) && same(old.target, new.target));
    let swapped = !kept;
    let (source, target) = if swapped {
        (new.target, new.source)
    } else {
        (new.source, new.target)
    };
    let finer = |a: Option<usize>, b: Option<usize>| match (a, b) {
        (Some(a), Some(b)) => Some(sides.more_specific(a, b)),
        (a, b) => a.or(b),
    };
    old.source = finer(old.source, source);
    old.target = finer(old.target, target);
    old.location = if one_protest(old) {
        spread(old.location, new.location, entities)
    } else {
        finer_place(old.location, new.location, entities)
    };
    if old.date.as_ref().map_or(0, String::len) < new.date.as_ref().map_or(0, String::len) {
        old.date = new.date;
    }
    // "meet" is what any consultation is; a visit or a call says more.
    if old.mode.is_none() || old.mode == Some("meet") {
        old.mode = new.mode.or(old.mode);
    }
    for span in new.evidence {
        if !old.evidence.contains(&span) {
            old.evidence.push(span);
        }
    }
    i
}
