//! Calendar arithmetic: turns an [`Expr`] into a day, a month or a year,
//! given the publication date, a context date and the tense around it.

use chrono::{Datelike, Duration, NaiveDate};

use crate::grammar::{days_in_month, Expr, Year};
use crate::lexicon::{Anchor, Unit};
use crate::Granularity;

/// A resolved date at its granularity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Resolved {
    Day(NaiveDate),
    Month(i32, u32),
    Year(i32),
}

impl Resolved {
    /// The value as `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub fn format(self) -> String {
        match self {
            Resolved::Day(d) => format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()),
            Resolved::Month(y, m) => format!("{y:04}-{m:02}"),
            Resolved::Year(y) => format!("{y:04}"),
        }
    }

    pub fn granularity(self) -> Granularity {
        match self {
            Resolved::Day(_) => Granularity::Day,
            Resolved::Month(..) => Granularity::Month,
            Resolved::Year(_) => Granularity::Year,
        }
    }

    fn year(self) -> i32 {
        match self {
            Resolved::Day(d) => d.year(),
            Resolved::Month(y, _) | Resolved::Year(y) => y,
        }
    }
}

/// The granularity an expression has, resolved or not.
pub(crate) fn granularity(expr: &Expr) -> Granularity {
    match *expr {
        Expr::Date { day: Some(_), .. } | Expr::Weekday { .. } => Granularity::Day,
        Expr::Date { month: Some(_), .. } => Granularity::Month,
        Expr::Date { .. } => Granularity::Year,
        Expr::Relative { unit, .. } => match unit {
            Unit::Day | Unit::Week => Granularity::Day,
            Unit::Month => Granularity::Month,
            Unit::Year => Granularity::Year,
        },
    }
}

/// Whether resolving `expr` depends on the tense around it.
pub(crate) fn needs_tense(expr: &Expr) -> bool {
    matches!(
        *expr,
        Expr::Date {
            year: None,
            cue: 0,
            ..
        } | Expr::Weekday { cue: 0, .. }
    )
}

/// What resolution may lean on.
pub(crate) struct Refs<'a> {
    pub published: Option<NaiveDate>,
    /// The context date of at least the asked granularity, if any.
    pub context: &'a dyn Fn(Granularity) -> Option<Resolved>,
    /// The tense around the expression: `Some(true)` future, `Some(false)`
    /// past, `None` when no marker was found.
    pub future: Option<bool>,
}

impl Refs<'_> {
    /// The anchor of a relative expression at `g`, falling back to the
    /// publication date.
    fn anchor(&self, anchor: Anchor, g: Granularity) -> Option<Resolved> {
        let ctx = match anchor {
            Anchor::Context => (self.context)(g),
            Anchor::Published => None,
        };
        ctx.or(self.published.map(Resolved::Day))
    }
}

fn add_months(y: i32, m: u32, n: i32) -> (i32, u32) {
    let total = y as i64 * 12 + (m as i64 - 1) + n as i64;
    (
        total.div_euclid(12) as i32,
        (total.rem_euclid(12) + 1) as u32,
    )
}

/// Resolves `expr`; `None` when nothing anchors it.
pub(crate) fn resolve(expr: &Expr, refs: &Refs) -> Option<Resolved> {
    match *expr {
        Expr::Relative {
            unit,
            amount,
            anchor,
        } => {
            let g = granularity(expr);
            match (unit, refs.anchor(anchor, g)?) {
                (Unit::Day, Resolved::Day(d)) => d
                    .checked_add_signed(Duration::days(amount as i64))
                    .map(Resolved::Day),
                (Unit::Week, Resolved::Day(d)) => d
                    .checked_add_signed(Duration::days(7 * amount as i64))
                    .map(Resolved::Day),
                (Unit::Month, Resolved::Day(d)) => {
                    let (y, m) = add_months(d.year(), d.month(), amount);
                    Some(Resolved::Month(y, m))
                }
                (Unit::Month, Resolved::Month(y, m)) => {
                    let (y, m) = add_months(y, m, amount);
                    Some(Resolved::Month(y, m))
                }
                (Unit::Year, r) => Some(Resolved::Year(r.year() + amount)),
                _ => None,
            }
        }
        Expr::Weekday { weekday, cue } => {
            weekday_near(weekday, cue, refs.future == Some(true), refs.published?)
                .map(Resolved::Day)
        }
        Expr::Date {
            year,
            month,
            day,
            weekday,
            cue,
        } => {
            let year = match year {
                Some(Year::Abs(y)) => Some(y),
                Some(Year::Rel(off, anchor)) => {
                    Some(refs.anchor(anchor, Granularity::Year)?.year() + off)
                }
                None => None,
            };
            match (year, month, day) {
                (Some(y), Some(m), Some(d)) => NaiveDate::from_ymd_opt(y, m, d).map(Resolved::Day),
                (Some(y), Some(m), None) => (1..=12).contains(&m).then_some(Resolved::Month(y, m)),
                (Some(y), None, _) => Some(Resolved::Year(y)),
                (None, Some(m), d) => {
                    let p = refs.published?;
                    let y = pick_year(m, d, weekday, cue, refs.future, p)?;
                    Some(match d {
                        Some(d) => Resolved::Day(NaiveDate::from_ymd_opt(y, m, d)?),
                        None => Resolved::Month(y, m),
                    })
                }
                (None, None, Some(d)) => {
                    let p = refs.published?;
                    let wd = weekday?;
                    let future = refs.future == Some(true);
                    day_with_weekday(d, wd, future, p)
                        .or_else(|| weekday_near(wd, 0, future, p))
                        .map(Resolved::Day)
                }
                (None, None, None) => None,
            }
        }
    }
}

/// The weekday `wd` (Monday = 1) nearest to `p`: on or before it in past
/// narration, strictly before with a "last" cue, strictly after in future
/// narration or with a "next" cue.
fn weekday_near(wd: u32, cue: i32, future: bool, p: NaiveDate) -> Option<NaiveDate> {
    let pw = p.weekday().number_from_monday() as i64;
    let wd = wd as i64;
    let after = cue > 0 || cue == 0 && future;
    let days = if after {
        let d = (wd - pw).rem_euclid(7);
        if d == 0 {
            7
        } else {
            d
        }
    } else {
        let d = (pw - wd).rem_euclid(7);
        -(if d == 0 && cue < 0 { 7 } else { d })
    };
    p.checked_add_signed(Duration::days(days))
}

/// The year of month `m` (day `d`) nearest `p` in the right direction.
fn pick_year(
    m: u32,
    d: Option<u32>,
    wd: Option<u32>,
    cue: i32,
    future: Option<bool>,
    p: NaiveDate,
) -> Option<i32> {
    let key = |y: i32| -> Option<(i32, u32, u32)> {
        if d.unwrap_or(1) > days_in_month(m, Some(y)) {
            return None;
        }
        Some((y, m, d.unwrap_or(0)))
    };
    let pk = (p.year(), p.month(), if d.is_some() { p.day() } else { 0 });
    let before = |strict: bool| {
        (0..=8)
            .map(|k| p.year() - k)
            .find(|&y| key(y).is_some_and(|k| if strict { k < pk } else { k <= pk }))
    };
    let after = |strict: bool| {
        (0..=8)
            .map(|k| p.year() + k)
            .find(|&y| key(y).is_some_and(|k| if strict { k > pk } else { k >= pk }))
    };
    if cue < 0 {
        return before(true);
    }
    if cue > 0 {
        return after(true);
    }
    if let (Some(wd), Some(d)) = (wd, d) {
        let matches = |y: &i32| {
            NaiveDate::from_ymd_opt(*y, m, d)
                .is_some_and(|x| x.weekday().number_from_monday() == wd)
        };
        let (b, a) = (before(false), after(true));
        let ordered = if future == Some(true) { [a, b] } else { [b, a] };
        if let Some(y) = ordered.iter().flatten().find(|y| matches(y)) {
            return Some(*y);
        }
    }
    match future {
        Some(true) => after(false),
        Some(false) => before(false),
        // No tense marker: the nearer of the two, the past one on a tie.
        None => {
            let (b, a) = (before(false), after(false));
            let dist = |y: i32| {
                let day = d.unwrap_or(1).min(days_in_month(m, Some(y)));
                let pd = if d.is_some() {
                    p
                } else {
                    p.with_day(1).unwrap_or(p)
                };
                NaiveDate::from_ymd_opt(y, m, day).map_or(i64::MAX, |x| (x - pd).num_days().abs())
            };
            match (b, a) {
                (Some(b), Some(a)) => Some(if dist(a) < dist(b) { a } else { b }),
                (b, a) => b.or(a),
            }
        }
    }
}

/// A date with day-of-month `d` falling on weekday `wd`, within two months
/// of `p`, in the direction of the narration first.
fn day_with_weekday(d: u32, wd: u32, future: bool, p: NaiveDate) -> Option<NaiveDate> {
    let candidates: Vec<NaiveDate> = (-2..=2)
        .filter_map(|k| {
            let (y, m) = add_months(p.year(), p.month(), k);
            NaiveDate::from_ymd_opt(y, m, d)
        })
        .filter(|x| x.weekday().number_from_monday() == wd)
        .collect();
    let past = candidates.iter().rev().find(|x| **x <= p).copied();
    let next = candidates.iter().find(|x| **x > p).copied();
    if future {
        next.or(past)
    } else {
        past.or(next)
    }
}
