//! Exports: the stored records as JSON lines, the events as CSV, the
//! stories as rows of the GDELT 2.0 event table.

use std::io::Write;

use chrono::{Datelike, NaiveDate};

use crate::{Actor, EventFilter, Result, Store, Story};

/// The export formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// One stored record per line, as `depeche extract` wrote it.
    Jsonl,
    /// One event per row with its corroboration, comma-separated, with a
    /// header.
    Csv,
    /// One story per row in the 61 tab-separated columns of the GDELT 2.0
    /// event table, no header.
    Gdelt,
}

/// Writes the store in `format`; returns how many rows were written.
pub fn export(store: &dyn Store, format: Format, out: &mut dyn Write) -> Result<u64> {
    match format {
        Format::Jsonl => {
            let mut n = 0;
            store.records(&mut |json| {
                n += 1;
                out.write_all(json.as_bytes())?;
                out.write_all(b"\n")
            })?;
            Ok(n)
        }
        Format::Csv => write_csv(store, out),
        Format::Gdelt => {
            let stories = store.stories(0, None)?;
            for story in &stories {
                let row = gdelt_row(story);
                debug_assert_eq!(row.len(), GDELT_COLUMNS.len());
                out.write_all(row.join("\t").as_bytes())?;
                out.write_all(b"\n")?;
            }
            Ok(stories.len() as u64)
        }
    }
}

/// The columns of the CSV export.
pub const CSV_COLUMNS: &[&str] = &[
    "event_id",
    "article",
    "outlet",
    "url",
    "published",
    "type",
    "mode",
    "modality",
    "source_key",
    "source_name",
    "target_key",
    "target_name",
    "location_key",
    "location_name",
    "lat",
    "lon",
    "date",
    "cameo",
    "quad_class",
    "intensity",
    "story",
    "articles",
    "outlets",
    "first_reported",
    "last_reported",
    "evidence",
];

/// A CSV field, quoted when it must be (RFC 4180).
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn write_csv(store: &dyn Store, out: &mut dyn Write) -> Result<u64> {
    writeln!(out, "{}", CSV_COLUMNS.join(","))?;
    let events = store.events(&EventFilter::default())?;
    let opt = |s: &Option<String>| s.clone().unwrap_or_default();
    let key = |a: &Option<Actor>| a.as_ref().map(|a| a.key.clone()).unwrap_or_default();
    let name = |a: &Option<Actor>| a.as_ref().map(|a| a.name.clone()).unwrap_or_default();
    for e in &events {
        let place = e.location.as_ref();
        let fields = [
            e.id.to_string(),
            e.article.clone(),
            opt(&e.outlet),
            opt(&e.url),
            opt(&e.published),
            e.ty.clone(),
            opt(&e.mode),
            e.modality.clone(),
            key(&e.source),
            name(&e.source),
            key(&e.target),
            name(&e.target),
            key(&e.location),
            name(&e.location),
            place
                .and_then(|p| p.lat)
                .map(|v| v.to_string())
                .unwrap_or_default(),
            place
                .and_then(|p| p.lon)
                .map(|v| v.to_string())
                .unwrap_or_default(),
            opt(&e.date),
            e.cameo.clone(),
            e.quad_class.to_string(),
            e.intensity.to_string(),
            e.corroboration.story.to_string(),
            e.corroboration.articles.to_string(),
            e.corroboration.outlets.to_string(),
            opt(&e.corroboration.first_reported),
            opt(&e.corroboration.last_reported),
            e.evidence.clone(),
        ];
        let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        writeln!(out, "{}", line.join(","))?;
    }
    Ok(events.len() as u64)
}

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
fn tsv(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

/// The ten actor columns: only the name is known (GDELT writes names in
/// capitals); CAMEO actor, country and type codes are left empty.
fn actor_columns(actor: Option<&Actor>) -> Vec<String> {
    let mut cols = vec![String::new(); 10];
    if let Some(a) = actor {
        cols[1] = tsv(&a.name.to_uppercase());
    }
    cols
}

/// The eight geography columns for a place: type 1 (country) for a place
/// with a country but no coordinates, 3 (US city) or 4 (world city) for one
/// with coordinates; the country is ISO 3166-1 alpha-2 (GDELT uses FIPS
/// 10-4), the feature id a GeoNames id.
fn geo_columns(place: Option<&Actor>) -> Vec<String> {
    let mut cols = vec![String::new(); 8];
    let Some(p) = place.filter(|p| p.ty == "LOC" || p.lat.is_some() || p.country.is_some()) else {
        return cols;
    };
    let has_point = p.lat.is_some() && p.lon.is_some();
    cols[0] = match (has_point, p.country.as_deref()) {
        (true, Some("US")) => "3".into(),
        (true, _) => "4".into(),
        (false, Some(_)) => "1".into(),
        (false, None) => String::new(),
    };
    cols[1] = tsv(&p.name);
    cols[2] = p.country.clone().unwrap_or_default();
    if has_point {
        cols[5] = format!("{:.4}", p.lat.unwrap_or_default());
        cols[6] = format!("{:.4}", p.lon.unwrap_or_default());
    }
    cols[7] = p.geonames_id.map(|g| g.to_string()).unwrap_or_default();
    cols
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
    let root: String = story.cameo.chars().take(2).collect();
    row.push(story.cameo.clone());
    row.push(story.cameo.clone());
    row.push(root);
    row.push(story.quad_class.to_string());
    row.push(format!("{:.1}", story.intensity));
    row.push(story.mentions.to_string());
    row.push(c.outlets.to_string());
    row.push(c.articles.to_string());
    row.push(String::new()); // AvgTone
    row.extend(geo_columns(story.source.as_ref()));
    row.extend(geo_columns(story.target.as_ref()));
    row.extend(geo_columns(story.location.as_ref()));
    row.push(
        day(first)
            .map(|d| format!("{}000000", d.format("%Y%m%d")))
            .unwrap_or_default(),
    );
    let source = story
        .sources
        .iter()
        .find_map(|s| s.url.clone())
        .or_else(|| story.sources.first().map(|s| s.article.clone()))
        .unwrap_or_default();
    row.push(tsv(&source));
    row
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

    #[test]
    fn csv_quotes_what_it_must() {
        assert_eq!(csv_field("a"), "a");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"no\""), "\"say \"\"no\"\"\"");
    }
}
