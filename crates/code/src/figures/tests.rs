//! Figures on sentences written for them, in both languages.

use super::*;

/// The figures of a text as (kind, value, bound, words).
fn figures(text: &str, lang: &str) -> Vec<(FigureKind, u64, Bound, String)> {
    let doc = Doc::new(text, Some(lang));
    find(&doc, &[], |_| true)
        .into_iter()
        .map(|f| {
            let words = doc.text.slice(f.span).to_string();
            (f.kind, f.value, f.bound, words)
        })
        .collect()
}

fn one(text: &str, lang: &str) -> (FigureKind, u64, Bound, String) {
    let found = figures(text, lang);
    assert_eq!(found.len(), 1, "{text}: {found:?}");
    found.into_iter().next().unwrap()
}

use Bound::*;
use FigureKind::*;

#[test]
fn a_noun_right_after_the_number_says_what_it_counts() {
    assert_eq!(
        one("L'attaque a fait trois morts.", "fr"),
        (Dead, 3, Exact, "trois morts".into())
    );
    assert_eq!(
        one("Le bilan est d'au moins 12 morts.", "fr"),
        (Dead, 12, AtLeast, "au moins 12 morts".into())
    );
    assert_eq!(
        one("Des centaines de manifestants étaient là.", "fr"),
        (Crowd, 200, AtLeast, "Des centaines de manifestants".into())
    );
    assert_eq!(
        one("The shelling caused over 700 civilian deaths.", "en"),
        (Dead, 700, MoreThan, "over 700 civilian deaths".into())
    );
    assert_eq!(
        one("Dozens of protesters stood outside.", "en"),
        (Crowd, 24, AtLeast, "Dozens of protesters".into())
    );
}

#[test]
fn a_participle_after_those_counted_says_what_happened() {
    assert_eq!(
        one("Huit soldats ont été tués jeudi.", "fr"),
        (Dead, 8, Exact, "Huit soldats ont été tués".into())
    );
    assert_eq!(
        one("Une dizaine de personnes ont été blessées.", "fr"),
        (
            Injured,
            10,
            About,
            "Une dizaine de personnes ont été blessées".into()
        )
    );
    assert_eq!(
        one("At least 22 people were killed.", "en"),
        (Dead, 22, AtLeast, "At least 22 people were killed".into())
    );
    assert_eq!(
        one("More than 8,000 people fled the town.", "en"),
        (
            Displaced,
            8000,
            MoreThan,
            "More than 8,000 people fled".into()
        )
    );
}

#[test]
fn an_active_verb_right_before_the_number() {
    assert_eq!(
        one("L'armée a tué au moins cinq hommes.", "fr"),
        (Dead, 5, AtLeast, "tué au moins cinq".into())
    );
    // The verb says what happened to the protesters counted.
    assert_eq!(
        one("Police arrested 50 protesters.", "en"),
        (Arrested, 50, Exact, "arrested 50".into())
    );
    let both = figures("The raid killed 12 people and wounded 30 others.", "en");
    assert_eq!(
        both,
        [
            (Dead, 12, Exact, "killed 12".into()),
            (Injured, 30, Exact, "wounded 30".into())
        ]
    );
}

#[test]
fn a_participle_after_the_noun_says_what_happened_to_them() {
    assert_eq!(
        one("At least 13 protesters have been killed.", "en"),
        (
            Dead,
            13,
            AtLeast,
            "At least 13 protesters have been killed".into()
        )
    );
    assert_eq!(
        one("Des centaines de manifestants ont été interpellés.", "fr").0,
        Arrested
    );
}

#[test]
fn a_participle_before_a_count_is_that_count_s_verb() {
    assert_eq!(
        one(
            "Strikes on two villages this week killed nearly a dozen people.",
            "en"
        ),
        (Dead, 12, Nearly, "killed nearly a dozen".into())
    );
}

#[test]
fn groups_after_an_active_verb_are_summed() {
    assert_eq!(
        one(
            "The rebels said they killed 30 soldiers and 12 guards.",
            "en"
        ),
        (Dead, 42, Exact, "killed 30 soldiers and 12".into())
    );
    assert_eq!(
        one(
            "Les rebelles ont tué au moins 30 soldats et 12 gardes.",
            "fr"
        ),
        (Dead, 42, AtLeast, "tué au moins 30 soldats et 12".into())
    );
}

#[test]
fn two_categories_in_one_toll() {
    assert_eq!(
        figures("Bilan : deux morts et une dizaine de blessés.", "fr"),
        [
            (Dead, 2, Exact, "deux morts".into()),
            (Injured, 10, About, "une dizaine de blessés".into())
        ]
    );
    assert_eq!(
        figures("Three dead and 15 injured, the ministry said.", "en"),
        [
            (Dead, 3, Exact, "Three dead".into()),
            (Injured, 15, Exact, "15 injured".into())
        ]
    );
}

#[test]
fn groups_one_participle_counts_are_summed() {
    assert_eq!(
        one("Au moins trois soldats et huit civils ont été tués.", "fr"),
        (
            Dead,
            11,
            AtLeast,
            "Au moins trois soldats et huit civils ont été tués".into()
        )
    );
    assert_eq!(
        one("Two soldiers and three civilians were killed.", "en"),
        (
            Dead,
            5,
            Exact,
            "Two soldiers and three civilians were killed".into()
        )
    );
}

#[test]
fn a_group_of_two_nouns_is_one_group() {
    assert_eq!(
        one("Over 460 patients and health workers were killed.", "en").1,
        460
    );
    assert_eq!(
        one("Plus de 700 réfugiés et migrants sont morts.", "fr"),
        (
            Dead,
            700,
            MoreThan,
            "Plus de 700 réfugiés et migrants sont morts".into()
        )
    );
}

#[test]
fn only_numbers_are_summed() {
    assert_eq!(
        figures(
            "La crue a causé la mort de 13 personnes et des milliards de dégâts.",
            "fr"
        ),
        [(Dead, 13, Exact, "mort de 13".into())]
    );
}

#[test]
fn a_group_something_else_happened_to_is_not_summed() {
    assert_eq!(
        figures(
            "Dans la vallée, 800 habitants portés disparus et 4 500 déplacés.",
            "fr"
        ),
        [(Displaced, 4500, Exact, "4 500 déplacés".into())]
    );
    assert_eq!(
        figures("Two suspects on the run and four arrested.", "en"),
        [(Arrested, 4, Exact, "four arrested".into())]
    );
}

#[test]
fn an_article_that_begins_a_bound_is_the_bound_s() {
    assert_eq!(
        one("The war killed an estimated 150,000 people.", "en"),
        (Dead, 150_000, About, "killed an estimated 150,000".into())
    );
}

#[test]
fn every_category_in_both_languages() {
    let cases = [
        ("Trente personnes ont été interpellées.", "fr", Arrested),
        ("70 nouvelles interpellations ont eu lieu.", "fr", Arrested),
        ("3.000 déplacés ont été recensés.", "fr", Displaced),
        ("Deux gardes ont été blessés.", "fr", Injured),
        ("Quatre décès ont été confirmés.", "fr", Dead),
        ("Thirty people were detained.", "en", Arrested),
        ("Two guards were wounded.", "en", Injured),
        ("The fighting displaced 12,000 people.", "en", Displaced),
        ("Thousands of demonstrators marched.", "en", Crowd),
    ];
    for (text, lang, kind) in cases {
        assert_eq!(one(text, lang).0, kind, "{text}");
    }
}

#[test]
fn an_article_counts_only_right_before_what_it_counts() {
    assert_eq!(
        one("La fusillade a fait un mort.", "fr"),
        (Dead, 1, Exact, "un mort".into())
    );
    assert!(figures("Un soldat a été tué.", "fr").is_empty());
    assert!(figures("A man was killed.", "en").is_empty());
}

#[test]
fn measures_and_other_senses_count_nothing() {
    for (text, lang) in [
        ("Plus de 48 % des électeurs se sont déplacés.", "fr"),
        ("Des milliers d'électeurs se sont déplacés aux urnes.", "fr"),
        ("Un Palestinien de 19 ans a été tué.", "fr"),
        ("Le convoi de 20 camions a croisé des manifestants.", "fr"),
        (
            "In 24 hours, the army said, the attacks were repelled.",
            "en",
        ),
        ("Some 2,500 soldiers will stay, officials said.", "en"),
    ] {
        assert!(
            figures(text, lang).is_empty(),
            "{text}: {:?}",
            figures(text, lang)
        );
    }
}

#[test]
fn a_part_of_a_group_is_counted_by_its_participle_only() {
    assert_eq!(
        one("Deux des manifestants ont été arrêtés.", "fr"),
        (
            Arrested,
            2,
            Exact,
            "Deux des manifestants ont été arrêtés".into()
        )
    );
    assert!(figures("One of the protesters spoke.", "en").is_empty());
}

#[test]
fn a_participle_after_a_comma_still_counts() {
    assert_eq!(
        one(
            "Plus de 20 opposants, arrêtés ces dernières semaines.",
            "fr"
        )
        .0,
        Arrested
    );
}

#[test]
fn dates_and_names_are_no_counts() {
    let text = "Le 7 octobre, 1 200 morts.";
    let doc = Doc::new(text, Some("fr"));
    let date = text.find("7 octobre").unwrap();
    let found = find(&doc, &[Span::new(date, date + "7 octobre".len())], |_| true);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].value, 1200);
}

#[test]
fn a_token_is_named_only_inside_a_span() {
    let text = "Le 7 octobre, 1 200 morts.";
    let doc = Doc::new(text, Some("fr"));
    let seven = text.find('7').unwrap();
    let named = crate::named_tokens(&doc, [Span::new(seven, seven + "7 oct".len())]);
    let words: Vec<&str> = (0..doc.tokens.len())
        .filter(|&t| named[t])
        .map(|t| doc.text.slice(doc.tokens[t].span()))
        .collect();
    assert_eq!(words, ["7"]);
}

/// An event of `ty` told by the sentences `told` of `doc`.
fn event(doc: &Doc, ty: &'static str, told: &[usize]) -> Event {
    Event {
        ty,
        mode: None,
        modality: "asserted",
        source: Some(0),
        target: Some(1),
        location: None,
        date: None,
        cameo: "",
        quad_class: 4,
        intensity: 0.0,
        evidence: told.iter().map(|&s| doc.sentences[s].span).collect(),
        crowd: false,
        figures: Vec::new(),
    }
}

/// The figures each event gets, as (kind, value).
fn attached(
    text: &str,
    lang: &str,
    events: &[(&'static str, &[usize])],
) -> Vec<Vec<(FigureKind, u64)>> {
    let doc = Doc::new(text, Some(lang));
    let mut events: Vec<Event> = events.iter().map(|(ty, s)| event(&doc, ty, s)).collect();
    attach(&doc, &[], &[], &mut events);
    events
        .iter()
        .map(|e| e.figures.iter().map(|f| (f.kind, f.value)).collect())
        .collect()
}

#[test]
fn a_figure_goes_to_the_fitting_event_of_its_sentence() {
    let text =
        "Des rebelles ont attaqué un camp et le ministre a rencontré le maire, après trois morts.";
    let got = attached(text, "fr", &[("CONSULT", &[0]), ("ASSAULT", &[0])]);
    assert_eq!(got, [vec![], vec![(Dead, 3)]]);
    // Arrests go to a coercion, a crowd to a protest.
    let text = "Des milliers de manifestants ont défilé et la police a arrêté 40 personnes.";
    let got = attached(text, "fr", &[("PROTEST", &[0]), ("COERCE", &[0])]);
    assert_eq!(got, [vec![(Crowd, 2000)], vec![(Arrested, 40)]]);
}

#[test]
fn else_to_the_nearest_fitting_event_of_its_paragraph() {
    let text = "Des rebelles ont attaqué un camp.\nLe ministre a parlé. Au moins 12 personnes ont été tuées.\nIl y a eu 5 morts ailleurs.";
    // The assault is told in the first paragraph and in the second's
    // first sentence.
    let got = attached(text, "fr", &[("ASSAULT", &[0, 1])]);
    assert_eq!(got, [vec![(Dead, 12)]]);
    // No event of the paragraph fits: the figure is left out.
    let got = attached(text, "fr", &[("ASSAULT", &[0]), ("CONSULT", &[1])]);
    assert_eq!(got, [vec![], vec![]]);
}

#[test]
fn a_figure_dated_otherwise_is_not_the_paragraph_s() {
    let text = "Des rebelles ont attaqué un camp. En juillet 2023, cinq soldats avaient été tués.";
    let doc = Doc::new(text, Some("fr"));
    let at = text.find("juillet 2023").unwrap();
    let date = DateMention {
        span: Span::new(at, at + "juillet 2023".len()),
        value: Some("2023-07".into()),
        granularity: depeche_text::Granularity::Month,
    };
    for (told, kept) in [(None, 0), (Some("2024-05-02"), 0), (Some("2023-07-14"), 1)] {
        let mut events = vec![event(&doc, "ASSAULT", &[0])];
        events[0].date = told.map(String::from);
        attach(&doc, &[], std::slice::from_ref(&date), &mut events);
        assert_eq!(events[0].figures.len(), kept, "{told:?}");
    }
}

#[test]
fn no_fitting_event_no_search() {
    let text = "Le sommet a réuni 27 ministres. Trois morts.";
    let got = attached(text, "fr", &[("CONSULT", &[0])]);
    assert_eq!(got, [vec![]]);
}

#[test]
fn only_the_sentences_searched_are_read() {
    let doc = Doc::new(
        "L'attaque a fait trois morts. La police a arrêté 40 personnes.",
        Some("fr"),
    );
    let all = find(&doc, &[], |_| true);
    assert_eq!(all.len(), 2, "{all:?}");
    let second = find(&doc, &[], |s| s == 1);
    assert_eq!(second, all[1..].to_vec());
}
