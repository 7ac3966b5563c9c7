//! Reading a publication date as feeds and pages write it.
//!
//! The string is cut into runs of digits and runs of letters; the shapes
//! are then recognised from the runs: year first (ISO, RFC 3339), three
//! numbers (`22/08/2023`), or a month name of any supported language with a
//! year and maybe a day beside it (`22 août 2023`, `Aug 22, 2023`,
//! `Tue, 22 Aug 2023 10:00:00 +0000`). Times and zones are ignored: the
//! date is the one written.

use chrono::NaiveDate;

use crate::lexicon::Lexicon;

#[derive(Debug)]
struct Run<'a> {
    text: &'a str,
    digits: bool,
}

fn runs(s: &str) -> Vec<Run<'_>> {
    let mut out = Vec::new();
    let mut start = None;
    let mut digits = false;
    for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
        let class = if c.is_ascii_digit() {
            Some(true)
        } else if c.is_alphabetic() {
            Some(false)
        } else {
            None
        };
        if let Some(st) = start {
            if class != Some(digits) {
                out.push(Run {
                    text: &s[st..i],
                    digits,
                });
                start = None;
            }
        }
        if start.is_none() {
            if let Some(d) = class {
                start = Some(i);
                digits = d;
            }
        }
        if out.len() >= 32 {
            break;
        }
    }
    out
}

fn num(r: Option<&Run>, lens: std::ops::RangeInclusive<usize>) -> Option<u32> {
    let r = r?;
    (r.digits && lens.contains(&r.text.len()))
        .then(|| r.text.parse().ok())
        .flatten()
}

/// Year, month and day as far as the string gives them.
fn parts(s: &str) -> Option<(i32, Option<u32>, Option<u32>)> {
    let runs = runs(s.trim());
    let first = runs.first()?;
    let found = if first.digits && first.text.len() == 4 {
        // 2023, 2023-08, 2023-08-22, 2023-08-22T10:00:00Z
        let y = num(Some(first), 4..=4)? as i32;
        let m = num(runs.get(1), 1..=2);
        let d = m.and_then(|_| num(runs.get(2), 1..=2));
        (y, m, d)
    } else if let (Some(a), Some(b), Some(y)) = (
        num(Some(first), 1..=2),
        num(runs.get(1), 1..=2),
        num(runs.get(2), 4..=4),
    ) {
        // 22/08/2023, 22.08.2023; 08/22/2023 when the middle cannot be a month.
        let (d, m) = if b > 12 && a <= 12 { (b, a) } else { (a, b) };
        (y as i32, Some(m), Some(d))
    } else {
        let months = Lexicon::all_months();
        let mi = runs
            .iter()
            .position(|r| !r.digits && months.contains_key(&r.text.to_lowercase()))?;
        let m = months[&runs[mi].text.to_lowercase()];
        let y = runs.iter().find_map(|r| num(Some(r), 4..=4))? as i32;
        let before = match mi.checked_sub(1).map(|k| &runs[k]) {
            Some(r) if r.digits => num(Some(r), 1..=2),
            // an ordinal suffix: 1er août, 22nd August
            Some(r) if mi >= 2 && r.text.len() <= 2 => num(runs.get(mi - 2), 1..=2),
            _ => None,
        };
        let d = before.or_else(|| num(runs.get(mi + 1), 1..=2));
        (y, Some(m), d)
    };
    let (y, m, d) = found;
    if !(1000..=9999).contains(&y) || m.is_some_and(|m| !(1..=12).contains(&m)) {
        return None;
    }
    Some((y, m, d))
}

/// Reads a full publication date: RFC 3339 / ISO (`2023-08-22T10:00:00Z`,
/// `2023-08-22`), `22/08/2023`, `22.08.2023`, `22 août 2023`,
/// `Aug 22, 2023`, `22 August 2023`, RFC 2822. `None` for partial dates
/// (`2023-08`, `2023`: see [`parse_published_partial`]) and for anything
/// that is not a valid date.
pub fn parse_published(s: &str) -> Option<NaiveDate> {
    let (y, m, d) = parts(s)?;
    NaiveDate::from_ymd_opt(y, m?, d?)
}

/// Reads a publication date that may be partial: `2023-08` gives
/// `(2023, Some(8))`, `2023` gives `(2023, None)`; full dates give their
/// year and month.
pub fn parse_published_partial(s: &str) -> Option<(i32, Option<u32>)> {
    let (y, m, d) = parts(s)?;
    if let (Some(m), Some(d)) = (m, d) {
        NaiveDate::from_ymd_opt(y, m, d)?;
    }
    Some((y, m))
}
