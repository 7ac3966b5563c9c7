//! The figures of stored events (`event_figures`): how many each killed,
//! injured, arrested, displaced or gathered, with the words that say so.
//! One row a figure, in record order; read back as the record wrote them.

use depeche_model::{Bound, FigureKind, FigureOut};
use rusqlite::{params, Connection};

/// Stores the figures of event `event`, in order.
pub(crate) fn insert(conn: &Connection, event: i64, figures: &[FigureOut]) -> rusqlite::Result<()> {
    for (pos, f) in figures.iter().enumerate() {
        conn.prepare_cached(
            "INSERT INTO event_figures (event, pos, kind, value, bound, high, cp_start, cp_end, text)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?
        .execute(params![
            event,
            pos as i64,
            f.kind.label(),
            f.value as i64,
            f.bound.label(),
            f.high.map(|h| h as i64),
            f.start as i64,
            f.end as i64,
            f.text,
        ])?;
    }
    Ok(())
}

/// The figures of event `event` (its row id), in record order: what a
/// story's reports say of its toll, one event at a time. A row whose kind
/// or bound this build does not know is skipped.
pub fn of_event(conn: &Connection, event: i64) -> rusqlite::Result<Vec<FigureOut>> {
    let mut stmt = conn.prepare_cached(
        "SELECT kind, value, bound, high, cp_start, cp_end, text
         FROM event_figures WHERE event = ?1 ORDER BY pos",
    )?;
    let rows = stmt.query_map([event], |r| {
        let kind: String = r.get(0)?;
        let bound: String = r.get(2)?;
        Ok((
            kind,
            bound,
            r.get::<_, i64>(1)?,
            r.get::<_, Option<i64>>(3)?,
            r.get::<_, i64>(4)?,
            r.get::<_, i64>(5)?,
            r.get::<_, String>(6)?,
        ))
    })?;
    let mut figures = Vec::new();
    for row in rows {
        let (kind, bound, value, high, start, end, text) = row?;
        let (Some(kind), Some(bound)) = (FigureKind::from_label(&kind), Bound::from_label(&bound))
        else {
            continue;
        };
        figures.push(FigureOut {
            kind,
            value: value.max(0) as u64,
            bound,
            high: high.map(|h| h.max(0) as u64),
            start: start.max(0) as usize,
            end: end.max(0) as usize,
            text,
        });
    }
    Ok(figures)
}
