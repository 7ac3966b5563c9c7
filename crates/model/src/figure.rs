//! Figures an article gives for an event: how many were killed, injured,
//! arrested, displaced or gathered, as a number with how sure the text is
//! of it ("au moins 12", "more than 700", "une dizaine", "des centaines").
//! PLOVER's event attributes and ACLED's fatalities count the same things;
//! users compare and sum them, so each keeps its words as evidence.

use serde::{Deserialize, Serialize};

/// What a figure counts.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum FigureKind {
    /// People killed ("tués", "dead", "deaths").
    Dead,
    /// People injured ("blessés", "wounded").
    Injured,
    /// People arrested or detained ("interpellés", "arrests").
    Arrested,
    /// People driven from their homes ("déplacés", "fled").
    Displaced,
    /// People protesting: a crowd's size ("manifestants", "protesters").
    Crowd,
}

impl FigureKind {
    /// Every kind, in the order above (the CSV export's columns).
    pub const ALL: [FigureKind; 5] = [
        FigureKind::Dead,
        FigureKind::Injured,
        FigureKind::Arrested,
        FigureKind::Displaced,
        FigureKind::Crowd,
    ];

    /// The word records use.
    pub fn label(self) -> &'static str {
        match self {
            FigureKind::Dead => "dead",
            FigureKind::Injured => "injured",
            FigureKind::Arrested => "arrested",
            FigureKind::Displaced => "displaced",
            FigureKind::Crowd => "crowd",
        }
    }

    /// The kind a record's word names, if any.
    pub fn from_label(word: &str) -> Option<FigureKind> {
        FigureKind::ALL.into_iter().find(|k| k.label() == word)
    }
}

/// How the true figure stands to the number the text gives.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum Bound {
    /// The number itself ("12 morts").
    Exact,
    /// Close to it, either way ("environ 300", "une dizaine").
    About,
    /// Close to it and not above ("près de 100", "nearly 100").
    Nearly,
    /// It or more ("au moins 12", "des centaines": at least 200).
    AtLeast,
    /// More than it ("plus de 700").
    MoreThan,
    /// It or fewer ("jusqu'à 30", "up to 30").
    AtMost,
    /// Fewer than it ("moins de 10").
    FewerThan,
    /// From it to the figure's `high` ("entre 20 et 26").
    Between,
}

impl Bound {
    /// Every bound, in the order above.
    pub const ALL: [Bound; 8] = [
        Bound::Exact,
        Bound::About,
        Bound::Nearly,
        Bound::AtLeast,
        Bound::MoreThan,
        Bound::AtMost,
        Bound::FewerThan,
        Bound::Between,
    ];

    /// The word records use.
    pub fn label(self) -> &'static str {
        match self {
            Bound::Exact => "exact",
            Bound::About => "about",
            Bound::Nearly => "nearly",
            Bound::AtLeast => "at-least",
            Bound::MoreThan => "more-than",
            Bound::AtMost => "at-most",
            Bound::FewerThan => "fewer-than",
            Bound::Between => "between",
        }
    }

    /// The bound a record's word names, if any.
    pub fn from_label(word: &str) -> Option<Bound> {
        Bound::ALL.into_iter().find(|b| b.label() == word)
    }

    /// A number with this bound in a few ASCII characters (see
    /// [`FigureOut::written`]): what a story that stores only the number,
    /// bound and high end shows of a figure.
    pub fn written(self, value: u64, high: Option<u64>) -> String {
        let v = value;
        match self {
            Bound::Exact => v.to_string(),
            Bound::About => format!("~{v}"),
            Bound::Nearly => format!("<~{v}"),
            Bound::AtLeast => format!(">={v}"),
            Bound::MoreThan => format!(">{v}"),
            Bound::AtMost => format!("<={v}"),
            Bound::FewerThan => format!("<{v}"),
            Bound::Between => format!("{v}-{}", high.unwrap_or(v)),
        }
    }
}

/// One figure of an event, with the words that give it.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct FigureOut {
    /// What it counts.
    pub kind: FigureKind,
    /// The number the text gives: the low end of a range, twice the unit
    /// of a plural round figure ("des centaines": 200), the sum of the
    /// groups one verb counts ("deux soldats et trois civils tués": 5).
    pub value: u64,
    /// How the true figure stands to `value`.
    pub bound: Bound,
    /// The high end, for `between`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub high: Option<u64>,
    /// First code point of the words.
    pub start: usize,
    /// One past the last code point of the words.
    pub end: usize,
    /// The original words.
    pub text: String,
}

impl FigureOut {
    /// The smallest and largest counts the words allow, inclusive; `None`
    /// for no upper end. "About" allows a fifth either way, "nearly" a
    /// fifth below: what two reports must overlap on to agree.
    pub fn range(&self) -> (u64, Option<u64>) {
        let v = self.value;
        match self.bound {
            Bound::Exact => (v, Some(v)),
            Bound::About => (v - v / 5, Some(v + v / 5)),
            Bound::Nearly => (v - v / 5, Some(v)),
            Bound::AtLeast => (v, None),
            Bound::MoreThan => (v.saturating_add(1), None),
            Bound::AtMost => (0, Some(v)),
            Bound::FewerThan => (0, Some(v.saturating_sub(1))),
            Bound::Between => (v, Some(self.high.unwrap_or(v).max(v))),
        }
    }

    /// The figure in a few ASCII characters, for tables: `12`, `>=12`,
    /// `>700`, `<=30`, `<10`, `~10` (about), `<~100` (nearly), `20-26`.
    pub fn written(&self) -> String {
        self.bound.written(self.value, self.high)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figure(value: u64, bound: Bound, high: Option<u64>) -> FigureOut {
        FigureOut {
            kind: FigureKind::Dead,
            value,
            bound,
            high,
            start: 0,
            end: 2,
            text: "12".into(),
        }
    }

    #[test]
    fn labels_read_back() {
        for k in FigureKind::ALL {
            let json = serde_json::to_string(&k).unwrap();
            assert_eq!(json, format!("\"{}\"", k.label()));
            assert_eq!(FigureKind::from_label(k.label()), Some(k));
        }
        for b in Bound::ALL {
            let json = serde_json::to_string(&b).unwrap();
            assert_eq!(json, format!("\"{}\"", b.label()));
            assert_eq!(Bound::from_label(b.label()), Some(b));
        }
        assert_eq!(Bound::from_label("roughly"), None);
    }

    #[test]
    fn ranges_follow_the_bound() {
        assert_eq!(figure(12, Bound::Exact, None).range(), (12, Some(12)));
        assert_eq!(figure(12, Bound::AtLeast, None).range(), (12, None));
        assert_eq!(figure(700, Bound::MoreThan, None).range(), (701, None));
        assert_eq!(figure(10, Bound::About, None).range(), (8, Some(12)));
        assert_eq!(figure(100, Bound::Nearly, None).range(), (80, Some(100)));
        assert_eq!(figure(10, Bound::FewerThan, None).range(), (0, Some(9)));
        assert_eq!(figure(20, Bound::Between, Some(26)).range(), (20, Some(26)));
    }

    #[test]
    fn written_forms_are_short_and_distinct() {
        let forms: Vec<String> = Bound::ALL
            .into_iter()
            .map(|b| figure(20, b, Some(26)).written())
            .collect();
        assert_eq!(
            forms,
            ["20", "~20", "<~20", ">=20", ">20", "<=20", "<20", "20-26"]
        );
    }

    #[test]
    fn a_figure_reads_back_and_leaves_out_what_it_lacks() {
        let f = figure(12, Bound::AtLeast, None);
        let json = serde_json::to_string(&f).unwrap();
        assert_eq!(
            json,
            r#"{"kind":"dead","value":12,"bound":"at-least","start":0,"end":2,"text":"12"}"#
        );
        assert_eq!(serde_json::from_str::<FigureOut>(&json).unwrap(), f);
    }
}
