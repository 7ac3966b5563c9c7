//! Exports: the stored records as JSON lines, the events as CSV, the
//! stories as rows of the GDELT 2.0 event table. An event's figures (how
//! many it killed, injured, arrested, displaced or gathered) are in the
//! records and in the CSV's last columns; the GDELT event table has no
//! column for them (GDELT counts casualties in its Global Knowledge Graph,
//! another file), so its rows do not carry them.

use std::io::Write;

use depeche_model::{FigureKind, FigureOut};

use crate::gdelt::{gdelt_row, GDELT_COLUMNS};
use crate::{Actor, EventFilter, Result, Store};

/// The export formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// One stored record per line, as `depeche extract` wrote it.
    Jsonl,
    /// One event per row with its corroboration and figures,
    /// comma-separated, with a header.
    Csv,
    /// One story per row in the 61 tab-separated columns of the GDELT 2.0
    /// event table, no header; figures are not carried (no column holds
    /// them).
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
    "dead",
    "injured",
    "arrested",
    "displaced",
    "crowd",
];

/// The figures of one kind as a CSV cell: each written short (`12`,
/// `>=12`, `~10`, `20-26`, see [`FigureOut::written`]), in text order,
/// joined by `;`; empty when the article gives none.
fn figures_cell(figures: &[FigureOut], kind: FigureKind) -> String {
    figures
        .iter()
        .filter(|f| f.kind == kind)
        .map(FigureOut::written)
        .collect::<Vec<_>>()
        .join(";")
}

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
        let counts = FigureKind::ALL.map(|k| figures_cell(&e.figures, k));
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
        let line: Vec<String> = fields.iter().chain(&counts).map(|f| csv_field(f)).collect();
        writeln!(out, "{}", line.join(","))?;
    }
    Ok(events.len() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kind_s_figures_share_one_cell() {
        let figure = |kind, value, bound| crate::tests::figures::figure(kind, value, bound, "x");
        let figures = [
            figure(FigureKind::Dead, 3, depeche_model::Bound::Exact),
            figure(FigureKind::Injured, 10, depeche_model::Bound::About),
            figure(FigureKind::Dead, 5, depeche_model::Bound::AtLeast),
        ];
        assert_eq!(figures_cell(&figures, FigureKind::Dead), "3;>=5");
        assert_eq!(figures_cell(&figures, FigureKind::Injured), "~10");
        assert_eq!(figures_cell(&figures, FigureKind::Crowd), "");
        let kinds: Vec<&str> = FigureKind::ALL.iter().map(|k| k.label()).collect();
        assert!(CSV_COLUMNS.ends_with(&kinds), "a column per kind, in order");
    }

    #[test]
    fn csv_quotes_what_it_must() {
        assert_eq!(csv_field("a"), "a");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"no\""), "\"say \"\"no\"\"\"");
    }
}
