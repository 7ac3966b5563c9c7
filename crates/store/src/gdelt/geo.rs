//! GDELT's eight geography columns for a place, coded as the codebook
//! codes them: Geo_Type 1 a country (at its centroid), 2 a US state, 3 a
//! US city, 4 a world city, 5 a world state (ADM1); FIPS 10-4 country
//! codes; ADM1 codes as the FIPS country code and the GeoNames admin1 code.

use super::tables::{country, place, tables, Point};
use super::tsv;
use crate::Actor;

/// The codebook's kinds of place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum GeoType {
    Country = 1,
    UsState = 2,
    UsCity = 3,
    WorldCity = 4,
    WorldState = 5,
}

/// How a place is coded: its type, ADM1 code, and the point GDELT gives
/// it when the store's point is not that one (a country's centroid, not
/// its capital).
fn classify(p: &Actor) -> Option<(GeoType, String, Option<Point>)> {
    let t = tables();
    let iso = p.country.as_deref().unwrap_or_default();
    let fips = country(iso).map(|c| c.fips).unwrap_or_default();
    let admin1 = t.admin1.get(p.key.as_str());
    let adm1 = admin1.map(|a| a.0.to_string());
    let Some(known) = place(&p.key) else {
        // Not in the gazetteer: a point in a country is a place in it.
        let has_point = p.lat.is_some() && p.lon.is_some() && !fips.is_empty();
        return has_point.then(|| (city_type(iso), fips.to_string(), None));
    };
    Some(match known.kind {
        "country" => {
            let centroid = country(known.country).and_then(|c| c.centroid);
            (GeoType::Country, fips.to_string(), centroid)
        }
        "us-state" => (GeoType::UsState, adm1?, admin1.and_then(|a| a.1)),
        "city" => (
            city_type(iso),
            adm1.unwrap_or_else(|| fips.to_string()),
            None,
        ),
        "region" | "disputed" if !fips.is_empty() => (GeoType::WorldState, fips.to_string(), None),
        _ if !fips.is_empty() => (GeoType::WorldCity, fips.to_string(), None),
        _ => return None,
    })
}

fn city_type(iso: &str) -> GeoType {
    if iso == "US" {
        GeoType::UsCity
    } else {
        GeoType::WorldCity
    }
}

/// The eight columns (`Geo_Type`, `FullName`, `CountryCode`, `ADM1Code`,
/// `ADM2Code`, `Lat`, `Long`, `FeatureID`) for a place; empty for no place
/// or a place GDELT's types do not cover (a sea between countries). The
/// feature id is the GeoNames id (GDELT gives GNS/GNIS ids), or a
/// country's or state's code, as GDELT does for them.
pub(crate) fn columns(place: Option<&Actor>) -> Vec<String> {
    let mut cols = vec![String::new(); 8];
    let Some(p) = place else {
        return cols;
    };
    let Some((ty, adm1, point)) = classify(p) else {
        return cols;
    };
    let iso = p.country.as_deref().unwrap_or_default();
    let point = point.or_else(|| Some((p.lat?, p.lon?)));
    cols[0] = (ty as u8).to_string();
    cols[1] = tsv(&p.name);
    cols[2] = country(iso).map(|c| c.fips.to_string()).unwrap_or_default();
    cols[3] = adm1.clone();
    if let Some((lat, lon)) = point {
        cols[5] = format!("{lat:.4}");
        cols[6] = format!("{lon:.4}");
    }
    cols[7] = match ty {
        GeoType::Country | GeoType::UsState => adm1,
        _ => p.geonames_id.map(|g| g.to_string()).unwrap_or_default(),
    };
    cols
}
