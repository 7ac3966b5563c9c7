//! The figures of stored events (`event_figures`): how many each killed,
//! injured, arrested, displaced or gathered, with the words that say so.
//! One row a figure, in record order; read back as the record wrote them.

use depeche_model::{Bound, FigureKind, FigureOut};

use crate::stories::Toll;
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

/// The figures of one event as a story compares them, from the list a
/// query writes of its rows in order: `kind value bound high` (`high`
/// empty when there is none), comma-separated. A row this build cannot
/// read is skipped.
pub(crate) fn tolls(text: &str) -> Vec<Toll> {
    text.split(',')
        .filter_map(|row| {
            let mut parts = row.split(' ');
            let kind = FigureKind::from_label(parts.next()?)?;
            let value = parts.next()?.parse().ok()?;
            let bound = Bound::from_label(parts.next()?)?;
            let high = parts.next().and_then(|h| h.parse().ok());
            Some(Toll {
                kind,
                value,
                bound,
                high,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tolls_read_back_and_skip_what_they_cannot_read() {
        let read = tolls("dead 12 exact ,injured 20 between 30,dead x exact ,riot 3 exact ");
        assert_eq!(
            read,
            vec![
                Toll {
                    kind: FigureKind::Dead,
                    value: 12,
                    bound: Bound::Exact,
                    high: None
                },
                Toll {
                    kind: FigureKind::Injured,
                    value: 20,
                    bound: Bound::Between,
                    high: Some(30)
                },
            ]
        );
    }
}
