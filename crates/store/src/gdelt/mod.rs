//! Stories as rows of the GDELT 2.0 event table, coded as GDELT codes
//! them: CAMEO event and actor codes, FIPS countries, Geo_Types, centroids.
//! The table has no column for an event's figures (dead, injured,
//! arrested, displaced, crowd: GDELT counts them in the Global Knowledge
//! Graph's `Counts`, another file), so its rows leave them out; the
//! records and the CSV export carry them.

mod actor;
mod geo;
pub(crate) mod tables;

use chrono::{Datelike, NaiveDate};

use crate::{Actor, Story};

/// The 61 columns of the GDELT 2.0 event table, in order.
pub const GDELT_COLUMNS: &[&str] = &[
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

/// No tabs or line breaks inside a field.
pub(crate) fn tsv(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

fn day(s: Option<&str>) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s?, "%Y-%m-%d").ok()
}

/// One story as a GDELT 2.0 event row (61 fields).
pub fn gdelt_row(story: &Story) -> Vec<String> {
    let c = &story.corroboration;
    let first = c.first_reported.as_deref();
    let date = day(story.date.as_deref()).or_else(|| day(first));
    let partial = story.date.clone().unwrap_or_default();
    let mut row: Vec<String> = Vec::with_capacity(61);
    row.push(story.id.to_string());
    match date {
        Some(d) => {
            row.push(d.format("%Y%m%d").to_string());
            row.push(d.format("%Y%m").to_string());
            row.push(d.year().to_string());
            let fraction = d.year() as f64 + (d.month() as f64 * 30.0 + d.day() as f64) / 365.0;
            row.push(format!("{fraction:.4}"));
        }
        None => {
            row.push(String::new());
            // A month or a year is all the story gives.
            let digits: String = partial.chars().filter(|c| c.is_ascii_digit()).collect();
            row.push(if digits.len() >= 6 {
                digits[..6].to_string()
            } else {
                String::new()
            });
            row.push(if digits.len() >= 4 {
                digits[..4].to_string()
            } else {
                String::new()
            });
            row.push(String::new());
        }
    }
    row.extend(actor_columns(story.source.as_ref()));
    row.extend(actor_columns(story.target.as_ref()));
    row.push(String::new()); // IsRootEvent
    row.extend(event_codes(&story.cameo));
    row.push(story.quad_class.to_string());
    row.push(format!("{:.1}", story.intensity));
    row.push(story.mentions.to_string());
    row.push(c.outlets.to_string());
    row.push(c.articles.to_string());
    row.push(String::new()); // AvgTone
    row.extend(geo::columns(story.source.as_ref()));
    row.extend(geo::columns(story.target.as_ref()));
    row.extend(geo::columns(story.location.as_ref()));
    row.push(
        day(first)
            .map(|d| format!("{}000000", d.format("%Y%m%d")))
            .unwrap_or_default(),
    );
    // A URL or nothing: an article id is no address.
    let source = story
        .sources
        .iter()
        .find_map(|s| s.url.clone())
        .unwrap_or_default();
    row.push(tsv(&source));
    row
}

/// The ten actor columns: CAMEO code, name (in capitals, as GDELT writes
/// names), country, known group, ethnic and religion codes (unknown to
/// depeche) and up to three type codes.
fn actor_columns(actor: Option<&Actor>) -> Vec<String> {
    let mut cols = vec![String::new(); 10];
    let Some(a) = actor else {
        return cols;
    };
    cols[1] = tsv(&a.name.to_uppercase());
    if let Some(code) = actor::code(a) {
        cols[0] = code.code;
        cols[2] = code.country;
        cols[3] = code.group;
        for (i, ty) in code.types.into_iter().enumerate() {
            cols[7 + i] = ty;
        }
    }
    cols
}

/// EventCode, EventBaseCode and EventRootCode: a CAMEO code of three or
/// four digits, its first three, its first two. A root code alone (`04`)
/// is its "not specified" code (`040`), as in CAMEO.
fn event_codes(cameo: &str) -> [String; 3] {
    let digits: String = cameo.chars().filter(char::is_ascii_digit).take(4).collect();
    if digits.len() < 2 {
        return Default::default();
    }
    let code = if digits.len() == 2 {
        format!("{digits}0")
    } else {
        digits
    };
    [code.clone(), code[..3].to_string(), code[..2].to_string()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Corroboration, Source, When};

    #[test]
    fn gdelt_rows_have_61_columns() {
        assert_eq!(GDELT_COLUMNS.len(), 61);
        let place = Actor {
            key: "tripoli".into(),
            name: "Tripoli".into(),
            ty: "LOC".into(),
            lat: Some(32.8872),
            lon: Some(13.1913),
            country: Some("LY".into()),
            geonames_id: Some(2210247),
        };
        let story = Story {
            id: 7,
            ty: "CONSULT".into(),
            modality: "asserted".into(),
            source: Some(Actor {
                key: "hakan-fidan".into(),
                name: "Hakan Fidan".into(),
                ty: "PER".into(),
                lat: None,
                lon: None,
                country: None,
                geonames_id: None,
            }),
            target: None,
            location: Some(place),
            date: Some("2024-03-05".into()),
            date_last: None,
            when: When::of(Some("2024-03-05"), Some("2024-03-06")),
            cameo: "04".into(),
            quad_class: 1,
            intensity: 1.0,
            mentions: 3,
            corroboration: Corroboration {
                story: 7,
                articles: 2,
                outlets: 2,
                first_reported: Some("2024-03-06".into()),
                last_reported: Some("2024-03-07".into()),
            },
            sources: vec![Source {
                article: "a1".into(),
                outlet: None,
                url: Some("https://example.org/a1".into()),
                published: Some("2024-03-06".into()),
                date: None,
                evidence: "met".into(),
                modality: "asserted".into(),
                source: Some("hakan-fidan".into()),
                target: None,
                location: Some("tripoli".into()),
                figures: Vec::new(),
            }],
            disagreements: Vec::new(),
        };
        let row = gdelt_row(&story);
        assert_eq!(row.len(), 61);
        let col = |name: &str| row[GDELT_COLUMNS.iter().position(|c| *c == name).unwrap()].as_str();
        assert_eq!(col("Day"), "20240305");
        assert_eq!(col("MonthYear"), "202403");
        assert_eq!(col("Actor1Name"), "HAKAN FIDAN");
        assert_eq!(col("Actor2Name"), "");
        assert_eq!(col("EventRootCode"), "04");
        assert_eq!(col("NumArticles"), "2");
        assert_eq!(col("NumMentions"), "3");
        assert_eq!(col("ActionGeo_Type"), "4");
        assert_eq!(col("ActionGeo_Lat"), "32.8872");
        assert_eq!(col("ActionGeo_FeatureID"), "2210247");
        assert_eq!(col("Actor1Geo_Type"), "");
        assert_eq!(col("DATEADDED"), "20240306000000");
        assert_eq!(col("SOURCEURL"), "https://example.org/a1");
    }
}
