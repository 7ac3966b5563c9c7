//! How a story reads in the text output of `stories` and `timeline`:
//! where its reports differ, and the figures (dead, injured...) each
//! report gives, as a reader compares them.

use depeche_model::{FigureKind, FigureOut};
use depeche_store::Story;

/// One line per field a story's reports disagree on: each version with
/// the articles that give it.
pub fn disagreement_lines(s: &Story) -> Vec<String> {
    s.disagreements
        .iter()
        .map(|d| {
            let versions: Vec<String> = d
                .versions
                .iter()
                .map(|v| format!("{} ({})", v.value, v.articles.join(", ")))
                .collect();
            format!(
                "reports differ on the {}: {}",
                d.field,
                versions.join(" | ")
            )
        })
        .collect()
}

/// The figures of one report, kind by kind in the order of
/// [`FigureKind::ALL`]: `dead 12, injured >=20`; empty when it gives none.
pub fn report_figures(figures: &[FigureOut]) -> String {
    by_kind(figures.iter())
}

/// Every figure a story's reports give, each distinct one once, kind by
/// kind: `dead 12/>=30, injured 20`; empty when none gives any.
pub fn story_figures(s: &Story) -> String {
    by_kind(s.sources.iter().flat_map(|src| &src.figures))
}

fn by_kind<'a>(figures: impl Iterator<Item = &'a FigureOut> + Clone) -> String {
    let mut parts = Vec::new();
    for kind in FigureKind::ALL {
        let mut written: Vec<String> = Vec::new();
        for f in figures.clone().filter(|f| f.kind == kind) {
            let w = f.written();
            if !written.contains(&w) {
                written.push(w);
            }
        }
        if !written.is_empty() {
            parts.push(format!("{} {}", kind.label(), written.join("/")));
        }
    }
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use depeche_model::Bound;

    use super::*;

    fn figure(kind: FigureKind, value: u64, bound: Bound) -> FigureOut {
        FigureOut {
            kind,
            value,
            bound,
            high: None,
            start: 0,
            end: 1,
            text: String::new(),
        }
    }

    #[test]
    fn figures_read_kind_by_kind_each_once() {
        let figures = [
            figure(FigureKind::Injured, 20, Bound::Exact),
            figure(FigureKind::Dead, 12, Bound::Exact),
            figure(FigureKind::Dead, 30, Bound::AtLeast),
            figure(FigureKind::Dead, 12, Bound::Exact),
        ];
        assert_eq!(report_figures(&figures), "dead 12/>=30, injured 20");
        assert_eq!(report_figures(&[]), "");
    }
}
