//! What a user may ask the store to filter by, checked before any query:
//! a PLOVER type that exists, a date that is one. A wrong value is a usage
//! error that lists the valid ones, never an empty answer.

use chrono::NaiveDate;

/// The PLOVER event types, in `data/plover.tsv`'s order.
pub fn plover_types() -> Vec<&'static str> {
    depeche_lexicon::rows("plover.tsv")
        .filter_map(|r| r.first().copied())
        .collect()
}

/// `ty` as a PLOVER type (any case), or why not, with the valid types.
pub fn event_type(ty: &str) -> Result<String, String> {
    let upper = ty.trim().to_ascii_uppercase();
    let types = plover_types();
    if types.contains(&upper.as_str()) {
        Ok(upper)
    } else {
        Err(format!(
            "{ty:?} is not a PLOVER event type; the types are {}",
            types.join(", ")
        ))
    }
}

/// `s` as a date bound (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`, a real
/// month and day), or why not.
pub fn date_bound(s: &str) -> Result<String, String> {
    let digits = |part: &str, n: usize| part.len() == n && part.bytes().all(|b| b.is_ascii_digit());
    let parts: Vec<&str> = s.split('-').collect();
    let real = match parts.as_slice() {
        [y] => digits(y, 4),
        [y, m] => {
            digits(y, 4)
                && digits(m, 2)
                && NaiveDate::parse_from_str(&format!("{s}-01"), "%Y-%m-%d").is_ok()
        }
        [y, m, d] => {
            digits(y, 4)
                && digits(m, 2)
                && digits(d, 2)
                && NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok()
        }
        _ => false,
    };
    if real {
        Ok(s.to_string())
    } else {
        Err(format!(
            "{s:?} is not a date: give YYYY, YYYY-MM or YYYY-MM-DD (2024, 2024-03, 2024-03-05)"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_are_checked_in_any_case_and_a_wrong_one_lists_them_all() {
        assert_eq!(event_type("consult").as_deref(), Ok("CONSULT"));
        let wrong = event_type("NOT-A-TYPE").unwrap_err();
        assert!(
            wrong.contains("ASSAULT") && wrong.contains("CONSULT"),
            "{wrong}"
        );
        assert_eq!(plover_types().len(), 16);
    }

    #[test]
    fn dates_must_be_real() {
        for ok in ["2024", "2024-03", "2024-02-29"] {
            assert_eq!(date_bound(ok).as_deref(), Ok(ok));
        }
        for bad in [
            "2024-13",
            "2023-02-29",
            "24",
            "2024-3",
            "2024/03",
            "march",
            "",
        ] {
            assert!(date_bound(bad).is_err(), "{bad}");
        }
    }
}
