//! The GDELT export read as GDELT 2.0's event table is read: by the
//! codebook's 61 column names, written out here rather than taken from the
//! exporter, and checked for the codebook's codes.

use std::collections::HashMap;

use super::{ingest, Build};
use crate::export::{export, Format};
use crate::SqliteStore;

/// The GDELT 2.0 event codebook's columns, in order.
const CODEBOOK: [&str; 61] = [
    "GlobalEventID",
    "Day",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
];

/// A ministry acting on a country in a US state, with no URL; the United
/// Nations meeting a president in a Libyan city, with a URL.
fn stories() -> Vec<HashMap<&'static str, String>> {
    let mut first = Build::new("g1", Some("2024-05-02"))
        .entity("russia-ministry-of-defence", "Ministry of Defence", "ORG")
        .entity("libya", "Libya", "LOC")
        .entity("texas", "Texas", "LOC")
        .in_country("e3", "US")
        .event(
            "ASSAULT",
            Some("e1"),
            Some("e2"),
            Some("e3"),
            Some("2024-05-01"),
        );
    first.record.events[0].cameo = "1831".into();
    let second = Build::new("g2", Some("2024-05-03"))
        .url("https://example.org/g2")
        .entity("org:nttd-ntns", "United Nations", "ORG")
        .entity("per:vldmr-ptn", "Vladimir Putin", "PER")
        .entity("tripoli", "Tripoli", "LOC")
        .event(
            "CONSULT",
            Some("e1"),
            Some("e2"),
            Some("e3"),
            Some("2024-05-03"),
        );
    let mut store = SqliteStore::in_memory().unwrap();
    ingest(&mut store, &[first, second]);
    let mut out = Vec::new();
    export(&store, Format::Gdelt, &mut out).unwrap();
    String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!(fields.len(), CODEBOOK.len(), "{line}");
            CODEBOOK
                .iter()
                .copied()
                .zip(fields.iter().map(|f| f.to_string()))
                .collect()
        })
        .collect()
}

fn story<'a>(
    rows: &'a [HashMap<&'static str, String>],
    actor1: &str,
) -> &'a HashMap<&'static str, String> {
    rows.iter().find(|r| r["Actor1Name"] == actor1).unwrap()
}

#[test]
fn actors_events_and_sources_are_cameo_coded() {
    let rows = stories();
    let ministry = story(&rows, "MINISTRY OF DEFENCE");
    assert_eq!(ministry["Actor1Code"], "RUSGOVMIL");
    assert_eq!(ministry["Actor1CountryCode"], "RUS");
    assert_eq!(ministry["Actor1Type1Code"], "GOV");
    assert_eq!(ministry["Actor1Type2Code"], "MIL");
    assert_eq!(ministry["Actor2Code"], "LBY");
    assert_eq!(ministry["Actor2CountryCode"], "LBY");
    assert_eq!(ministry["EventCode"], "1831");
    assert_eq!(ministry["EventBaseCode"], "183");
    assert_eq!(ministry["EventRootCode"], "18");
    assert_eq!(ministry["SOURCEURL"], "", "an article id is no URL");
    let un = story(&rows, "UNITED NATIONS");
    assert_eq!(un["Actor1Code"], "IGOUNO");
    assert_eq!(un["Actor1KnownGroupCode"], "UNO");
    assert_eq!(un["Actor1Type1Code"], "IGO");
    assert_eq!(un["Actor2Code"], "RUSGOV");
    assert_eq!(un["EventCode"], "040");
    assert_eq!(un["EventBaseCode"], "040");
    assert_eq!(un["EventRootCode"], "04");
    assert_eq!(un["SOURCEURL"], "https://example.org/g2");
    for row in &rows {
        for column in ["EventCode", "EventBaseCode", "EventRootCode"] {
            assert!(row[column].bytes().all(|b| b.is_ascii_digit()), "{column}");
        }
        assert!((3..=4).contains(&row["EventCode"].len()));
    }
}

#[test]
fn places_are_typed_as_the_codebook_types_them() {
    let rows = stories();
    let ministry = story(&rows, "MINISTRY OF DEFENCE");
    // A country: type 1, FIPS code, at its centroid, not its capital.
    assert_eq!(ministry["Actor2Geo_Type"], "1");
    assert_eq!(ministry["Actor2Geo_CountryCode"], "LY");
    assert_eq!(ministry["Actor2Geo_ADM1Code"], "LY");
    assert_eq!(ministry["Actor2Geo_FeatureID"], "LY");
    let lat: f64 = ministry["Actor2Geo_Lat"].parse().unwrap();
    let lon: f64 = ministry["Actor2Geo_Long"].parse().unwrap();
    assert!(
        (24.0..30.0).contains(&lat) && (15.0..21.0).contains(&lon),
        "{lat} {lon}"
    );
    // A US state: type 2, its ADM1 code and centroid.
    assert_eq!(ministry["ActionGeo_Type"], "2");
    assert_eq!(ministry["ActionGeo_CountryCode"], "US");
    assert_eq!(ministry["ActionGeo_ADM1Code"], "USTX");
    let lat: f64 = ministry["ActionGeo_Lat"].parse().unwrap();
    assert!((28.0..34.0).contains(&lat), "{lat}");
    // A world city: type 4, the country's FIPS code and its ADM1 code.
    let un = story(&rows, "UNITED NATIONS");
    assert_eq!(un["ActionGeo_Type"], "4");
    assert_eq!(un["ActionGeo_FullName"], "Tripoli");
    assert_eq!(un["ActionGeo_CountryCode"], "LY");
    assert!(un["ActionGeo_ADM1Code"].starts_with("LY") && un["ActionGeo_ADM1Code"].len() == 4);
    // Neither actor is a place.
    assert_eq!(un["Actor1Geo_Type"], "");
    assert_eq!(un["Actor2Geo_Type"], "");
}
