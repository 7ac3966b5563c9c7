//! CAMEO actor codes for GDELT's actor columns: a country's three letters
//! and sector codes (`LBYMIL`, `RUSGOV`), or an international actor's
//! (`IGOUNO`).

use depeche_model::Key;

use super::tables::{country, country_of_key, place, tables};
use crate::fold::fold;
use crate::Actor;

/// An actor's CAMEO code, split as GDELT's columns split it.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct ActorCode {
    /// The whole code (`LBYMIL`).
    pub code: String,
    /// The country's CAMEO code, when the code starts with one.
    pub country: String,
    /// A known group (`UNO` of `IGOUNO`).
    pub group: String,
    /// Up to three type codes (`MIL`, `GOV`, `IGO`).
    pub types: Vec<String>,
}

/// The CAMEO code of an actor: a country or a place in it by its country;
/// a ministry by its country and the ministry's sector; a person or an
/// organisation by the name the Phoenix dictionaries give it. `None` when
/// nothing codes it.
pub(crate) fn code(actor: &Actor) -> Option<ActorCode> {
    let t = tables();
    let code = match Key::parse(&actor.key) {
        Key::Ministry { country: c, domain } => {
            let sector = t.sectors.get(domain.as_str()).copied().unwrap_or("GOV");
            let cameo = c.as_deref().and_then(country_code).unwrap_or("");
            format!("{cameo}{sector}")
        }
        Key::Part {
            country: Some(c), ..
        } => country_code(&c)?.to_string(),
        Key::Known(k) if place(&k).is_some() => {
            let iso = place(&k).map(|p| p.country).filter(|c| !c.is_empty())?;
            country(iso)?.cameo.to_string()
        }
        _ => t.actors.get(fold(&actor.name).as_str())?.to_string(),
    };
    Some(split(code))
}

/// The CAMEO code of a gazetteer country key.
fn country_code(key: &str) -> Option<&'static str> {
    Some(country(country_of_key(key)?)?.cameo)
}

/// Splits a code in three-letter parts: a leading country code, then type
/// codes; a part that is no type is a known group.
fn split(code: String) -> ActorCode {
    let t = tables();
    let parts: Vec<&str> = (0..code.len() / 3)
        .filter_map(|i| code.get(i * 3..i * 3 + 3))
        .collect();
    let mut out = ActorCode::default();
    for (i, part) in parts.iter().enumerate() {
        if i == 0 && t.cameo_countries.contains(part) {
            out.country = part.to_string();
        } else if t.types.contains(part) {
            if out.types.len() < 3 {
                out.types.push(part.to_string());
            }
        } else if out.group.is_empty() {
            out.group = part.to_string();
        }
    }
    out.code = code;
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(key: &str, name: &str, ty: &str) -> Actor {
        Actor {
            key: key.into(),
            name: name.into(),
            ty: ty.into(),
            lat: None,
            lon: None,
            country: None,
            geonames_id: None,
        }
    }

    #[test]
    fn countries_ministries_and_international_actors() {
        let c = code(&actor("libya", "Libya", "LOC")).unwrap();
        assert_eq!((c.code.as_str(), c.country.as_str()), ("LBY", "LBY"));
        let m = code(&actor(
            "russia-ministry-of-defence",
            "Ministry of Defence",
            "ORG",
        ))
        .unwrap();
        assert_eq!(m.code, "RUSGOVMIL");
        assert_eq!(m.types, ["GOV", "MIL"]);
        let un = code(&actor("org:nttd-ntns", "United Nations", "ORG")).unwrap();
        assert_eq!((un.code.as_str(), un.group.as_str()), ("IGOUNO", "UNO"));
        assert_eq!(un.types, ["IGO"]);
        assert_eq!(un.country, "");
        assert!(code(&actor("per:jn-dn", "Jane Doe", "PER")).is_none());
    }
}
