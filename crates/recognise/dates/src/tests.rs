use super::*;

/// (span text, value) of every mention.
fn dates(text: &str, lang: &str, published: Option<&str>) -> Vec<(String, String)> {
    let doc = Doc::new(text, Some(lang));
    let published = published.map(|p| parse_published(p).expect("test publication date"));
    find_dates(&doc, published)
        .into_iter()
        .map(|m| {
            (
                doc.text.slice(m.span).to_string(),
                m.value.unwrap_or_else(|| "?".to_string()),
            )
        })
        .collect()
}

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

/// Published on Tuesday 22 August 2023.
const P: Option<&str> = Some("2023-08-22");

// ----- absolute dates ---------------------------------------------------------

#[test]
fn fr_day_month_year() {
    assert_eq!(
        dates("Il est arrivé le 22 août 2023 à Benghazi.", "fr", None),
        pairs(&[("22 août 2023", "2023-08-22")])
    );
    assert_eq!(
        dates("Le 1er janvier 2024, tout change.", "fr", None),
        pairs(&[("1er janvier 2024", "2024-01-01")])
    );
}

#[test]
fn en_day_month_year_both_orders() {
    assert_eq!(
        dates("It happened on 17 September 2023.", "en", None),
        pairs(&[("17 September 2023", "2023-09-17")])
    );
    assert_eq!(
        dates("It happened on September 17, 2023 in Derna.", "en", None),
        pairs(&[("September 17, 2023", "2023-09-17")])
    );
    assert_eq!(
        dates("It happened on the 17th of September 2023.", "en", None),
        pairs(&[("17th of September 2023", "2023-09-17")])
    );
}

#[test]
fn fr_day_month_without_year() {
    assert_eq!(
        dates("Il est arrivé le 17 août.", "fr", P),
        pairs(&[("17 août", "2023-08-17")])
    );
    // A September day in past narration is last year's.
    assert_eq!(
        dates("Il est arrivé le 17 septembre.", "fr", P),
        pairs(&[("17 septembre", "2022-09-17")])
    );
    // In future narration, this year's.
    assert_eq!(
        dates("Il arrivera le 17 septembre.", "fr", P),
        pairs(&[("17 septembre", "2023-09-17")])
    );
    assert_eq!(
        dates("Il est arrivé le 17 septembre.", "fr", None),
        pairs(&[("17 septembre", "?")])
    );
}

#[test]
fn without_tense_marker_the_nearest_date() {
    // Present tense, no marker: the nearest 5 September, then the nearest June.
    assert_eq!(
        dates("Le procès s'ouvre le 5 septembre.", "fr", P),
        pairs(&[("5 septembre", "2023-09-05")])
    );
    assert_eq!(
        dates("Le 20 août : ouverture du procès.", "fr", P),
        pairs(&[("20 août", "2023-08-20")])
    );
    assert_eq!(
        dates("Elections in June.", "en", Some("2024-03-10")),
        pairs(&[("June", "2024-06")])
    );
    assert_eq!(
        dates("Elections in November.", "en", Some("2024-03-10")),
        pairs(&[("November", "2023-11")])
    );
    // A weekday without a marker is read in the past.
    assert_eq!(
        dates("Visite jeudi à Tripoli.", "fr", P),
        pairs(&[("jeudi", "2023-08-17")])
    );
}

#[test]
fn en_abbreviated_month() {
    assert_eq!(
        dates(
            "He left on Sept. 17 with his aides.",
            "en",
            Some("2023-09-20")
        ),
        pairs(&[("Sept. 17", "2023-09-17")])
    );
    assert_eq!(
        dates("He left on Aug 3, 2021.", "en", None),
        pairs(&[("Aug 3, 2021", "2021-08-03")])
    );
    // An abbreviation alone is not a month: Jan is a name here.
    assert!(dates("Jan Kowalski spoke.", "en", P).is_empty());
}

#[test]
fn weekday_with_full_date_is_one_mention() {
    assert_eq!(
        dates("Dimanche 30 juillet, il a parlé.", "fr", P),
        pairs(&[("Dimanche 30 juillet", "2023-07-30")])
    );
    assert_eq!(
        dates("He spoke on Tuesday, Sept. 17, 2019.", "en", None),
        pairs(&[("Tuesday, Sept. 17, 2019", "2019-09-17")])
    );
}

#[test]
fn month_and_year() {
    assert_eq!(
        dates("en février 2022, la guerre", "fr", None),
        pairs(&[("février 2022", "2022-02")])
    );
    assert_eq!(
        dates("depuis octobre 2013", "fr", None),
        pairs(&[("octobre 2013", "2013-10")])
    );
    assert_eq!(
        dates("in April 2019 the army", "en", None),
        pairs(&[("April 2019", "2019-04")])
    );
}

#[test]
fn bare_years() {
    assert_eq!(
        dates("En 2014, la guerre a repris.", "fr", None),
        pairs(&[("2014", "2014")])
    );
    assert_eq!(
        dates("The 2020 election was close.", "en", None),
        pairs(&[("2020", "2020")])
    );
    assert_eq!(
        dates(
            "Il est au pouvoir depuis 2014 sous la présidence.",
            "fr",
            None
        ),
        pairs(&[("2014", "2014")])
    );
}

#[test]
fn numbers_that_are_not_years() {
    assert!(dates("Il y a 2000 soldats et 1.200 blessés.", "fr", P).is_empty());
    assert!(dates("About 2000 people and 2500 troops were there.", "en", P).is_empty());
    assert!(dates("Il faut 1950 euros, soit 30 % de plus.", "fr", P).is_empty());
    assert!(dates("Dans les années 1990, rien.", "fr", P).is_empty());
    assert!(dates("Il a 45 ans et 3 enfants, 12 morts.", "fr", P).is_empty());
}

#[test]
fn numeric_dates() {
    assert_eq!(
        dates("Publié le 22/08/2023 à 10h.", "fr", None),
        pairs(&[("22/08/2023", "2023-08-22")])
    );
    assert_eq!(
        dates("Report dated 17/09/2023.", "en", None),
        pairs(&[("17/09/2023", "2023-09-17")])
    );
    assert_eq!(
        dates("Filed 2023-08-22 by staff.", "en", None),
        pairs(&[("2023-08-22", "2023-08-22")])
    );
    assert_eq!(
        dates("Le 22.08.2023, rien.", "fr", None),
        pairs(&[("22.08.2023", "2023-08-22")])
    );
    // Not dates: impossible days, fractions, scores.
    assert!(dates("Le 31/02/2023 et 3/4 des votes, score 2-1.", "fr", None).is_empty());
}

#[test]
fn ranges_give_two_days() {
    assert_eq!(
        dates(
            "La conférence a eu lieu du 26 au 28 septembre.",
            "fr",
            Some("2023-10-02")
        ),
        pairs(&[("26", "2023-09-26"), ("28 septembre", "2023-09-28")])
    );
    assert_eq!(
        dates("entre le 3 et le 5 mars 2022", "fr", None),
        pairs(&[("3", "2022-03-03"), ("5 mars 2022", "2022-03-05")])
    );
    assert_eq!(
        dates("les 26-28 septembre 2023", "fr", None),
        pairs(&[("26", "2023-09-26"), ("28 septembre 2023", "2023-09-28")])
    );
    assert_eq!(
        dates("Storms hit on Aug. 1-3, 2021, then stopped.", "en", None),
        pairs(&[("Aug. 1", "2021-08-01"), ("3, 2021", "2021-08-03")])
    );
    assert_eq!(
        dates("Il a parlé samedi 19 et dimanche 20 août.", "fr", P),
        pairs(&[
            ("samedi 19", "2023-08-19"),
            ("dimanche 20 août", "2023-08-20")
        ])
    );
    assert_eq!(
        dates(
            "from September 26 to 28, delegates met.",
            "en",
            Some("2023-10-02")
        ),
        pairs(&[("September 26", "2023-09-26"), ("28", "2023-09-28")])
    );
}

// ----- weekdays ----------------------------------------------------------------

#[test]
fn fr_weekday_past() {
    // Published on a Tuesday: "mardi" is that day, "lundi" the day before.
    assert_eq!(
        dates("Il est arrivé mardi à Benghazi.", "fr", P),
        pairs(&[("mardi", "2023-08-22")])
    );
    assert_eq!(
        dates("Il est arrivé lundi.", "fr", P),
        pairs(&[("lundi", "2023-08-21")])
    );
    assert_eq!(
        dates("Il est arrivé mercredi.", "fr", P),
        pairs(&[("mercredi", "2023-08-16")])
    );
    // Parts of the day stay out of the span.
    assert_eq!(
        dates("Il est arrivé mardi matin.", "fr", P),
        pairs(&[("mardi", "2023-08-22")])
    );
}

#[test]
fn fr_weekday_future_and_cues() {
    assert_eq!(
        dates("Il se rendra jeudi à Tripoli.", "fr", P),
        pairs(&[("jeudi", "2023-08-24")])
    );
    assert_eq!(
        dates("Il se rendra mardi à Tripoli.", "fr", P),
        pairs(&[("mardi", "2023-08-29")])
    );
    assert_eq!(
        dates("Il est venu mardi dernier.", "fr", P),
        pairs(&[("mardi dernier", "2023-08-15")])
    );
    assert_eq!(
        dates("Il viendra samedi prochain.", "fr", P),
        pairs(&[("samedi prochain", "2023-08-26")])
    );
    assert_eq!(
        dates("Le sommet doit s'ouvrir vendredi.", "fr", P),
        pairs(&[("vendredi", "2023-08-25")])
    );
}

#[test]
fn en_weekday() {
    assert_eq!(
        dates("The minister arrived on Tuesday.", "en", P),
        pairs(&[("Tuesday", "2023-08-22")])
    );
    assert_eq!(
        dates("Fighting broke out Saturday.", "en", P),
        pairs(&[("Saturday", "2023-08-19")])
    );
    assert_eq!(
        dates("He will visit on Thursday.", "en", P),
        pairs(&[("Thursday", "2023-08-24")])
    );
    assert_eq!(
        dates("He said on Monday that he will resign.", "en", P),
        pairs(&[("Monday", "2023-08-21")])
    );
    assert_eq!(
        dates("They met last Sunday.", "en", P),
        pairs(&[("last Sunday", "2023-08-20")])
    );
    assert_eq!(
        dates("They meet next Tuesday.", "en", P),
        pairs(&[("next Tuesday", "2023-08-29")])
    );
    assert_eq!(
        dates("Tuesday's attack killed five.", "en", P),
        pairs(&[("Tuesday", "2023-08-22")])
    );
}

#[test]
fn weekday_across_month_and_year_boundaries() {
    // Wednesday 1 March 2023: the Monday before is in February.
    assert_eq!(
        dates("Il est arrivé lundi.", "fr", Some("2023-03-01")),
        pairs(&[("lundi", "2023-02-27")])
    );
    // Monday 1 January 2024: Friday is in the previous year.
    assert_eq!(
        dates("He arrived on Friday.", "en", Some("2024-01-01")),
        pairs(&[("Friday", "2023-12-29")])
    );
    // Friday 29 December 2023: next Tuesday is in 2024.
    assert_eq!(
        dates("He will arrive on Tuesday.", "en", Some("2023-12-29")),
        pairs(&[("Tuesday", "2024-01-02")])
    );
    // Leap day.
    assert_eq!(
        dates("Il est arrivé jeudi.", "fr", Some("2024-03-01")),
        pairs(&[("jeudi", "2024-02-29")])
    );
}

#[test]
fn weekday_with_day_number() {
    assert_eq!(
        dates("Il est arrivé mardi 15, puis reparti.", "fr", P),
        pairs(&[("mardi 15", "2023-08-15")])
    );
    assert_eq!(
        dates("Rendez-vous mardi 15 heures.", "fr", P),
        pairs(&[("mardi", "2023-08-22")])
    );
}

#[test]
fn weekday_without_publication_date() {
    assert_eq!(
        dates("Il est arrivé mardi.", "fr", None),
        pairs(&[("mardi", "?")])
    );
}

// ----- months -------------------------------------------------------------------

#[test]
fn fr_month_alone() {
    let p = Some("2024-03-10");
    assert_eq!(
        dates("Il est venu en juin.", "fr", p),
        pairs(&[("juin", "2023-06")])
    );
    assert_eq!(
        dates("Il est venu en mars.", "fr", p),
        pairs(&[("mars", "2024-03")])
    );
    assert_eq!(
        dates("Il viendra en juin.", "fr", p),
        pairs(&[("juin", "2024-06")])
    );
    assert_eq!(
        dates("Il est venu en janvier.", "fr", Some("2024-01-05")),
        pairs(&[("janvier", "2024-01")])
    );
    // Mars the planet is not March.
    assert!(dates("La sonde a atteint Mars.", "fr", p).is_empty());
}

#[test]
fn month_with_cue() {
    let p = Some("2024-03-10");
    assert_eq!(
        dates("Il est venu en mai dernier.", "fr", p),
        pairs(&[("mai dernier", "2023-05")])
    );
    assert_eq!(
        dates("Il est venu en mars dernier.", "fr", p),
        pairs(&[("mars dernier", "2023-03")])
    );
    assert_eq!(
        dates("Il viendra en mars prochain.", "fr", p),
        pairs(&[("mars prochain", "2025-03")])
    );
    assert_eq!(
        dates("They met last November.", "en", p),
        pairs(&[("last November", "2023-11")])
    );
    assert_eq!(
        dates("They will meet next June.", "en", p),
        pairs(&[("next June", "2024-06")])
    );
    assert_eq!(
        dates("Le 17 septembre dernier, il a parlé.", "fr", p),
        pairs(&[("17 septembre dernier", "2023-09-17")])
    );
}

#[test]
fn en_month_alone_and_names() {
    let p = Some("2024-03-10");
    assert_eq!(
        dates("The talks began in June.", "en", p),
        pairs(&[("June", "2023-06")])
    );
    assert!(dates("Prime Minister Theresa May said it may rain.", "en", p).is_empty());
    assert_eq!(
        dates("In May, talks began.", "en", p),
        pairs(&[("May", "2023-05")])
    );
}

#[test]
fn month_with_year_phrase() {
    let p = Some("2024-03-10");
    assert_eq!(
        dates("en mai de l'année dernière", "fr", p),
        pairs(&[("mai de l'année dernière", "2023-05")])
    );
    assert_eq!(
        dates("in May last year", "en", p),
        pairs(&[("May last year", "2023-05")])
    );
}

// ----- parts ---------------------------------------------------------------------

#[test]
fn fr_parts() {
    let p = Some("2023-10-05");
    assert_eq!(
        dates("Il est parti fin août.", "fr", p),
        pairs(&[("fin août", "2023-08")])
    );
    assert_eq!(
        dates("Il partira début 2024.", "fr", p),
        pairs(&[("début 2024", "2024")])
    );
    assert_eq!(
        dates("Il est parti à la mi-mars.", "fr", p),
        pairs(&[("mi-mars", "2023-03")])
    );
    assert_eq!(
        dates("Élections à la fin de l'année.", "fr", p),
        pairs(&[("fin de l'année", "2023")])
    );
    assert_eq!(
        dates("Il est parti fin juin 2022.", "fr", p),
        pairs(&[("fin juin 2022", "2022-06")])
    );
    assert_eq!(
        dates("Il est parti à la fin du mois de mars.", "fr", p),
        pairs(&[("fin du mois de mars", "2023-03")])
    );
    assert_eq!(
        dates("à la fin de l'an dernier", "fr", p),
        pairs(&[("fin de l'an dernier", "2022")])
    );
    assert_eq!(
        dates("en fin d'année", "fr", p),
        pairs(&[("fin d'année", "2023")])
    );
    // A part word with no date after it is nothing.
    assert!(dates("La fin de la guerre.", "fr", p).is_empty());
}

#[test]
fn en_parts() {
    let p = Some("2023-10-05");
    assert_eq!(
        dates("They left in late August.", "en", p),
        pairs(&[("late August", "2023-08")])
    );
    assert_eq!(
        dates("They will leave in early 2024.", "en", p),
        pairs(&[("early 2024", "2024")])
    );
    assert_eq!(
        dates("They left in mid-March.", "en", p),
        pairs(&[("mid-March", "2023-03")])
    );
    assert_eq!(
        dates("by the end of the year", "en", p),
        pairs(&[("end of the year", "2023")])
    );
    assert_eq!(
        dates("at the end of last year", "en", p),
        pairs(&[("end of last year", "2022")])
    );
    // Late in a day is a part of the day, not of the date.
    assert_eq!(
        dates("They arrived late Tuesday.", "en", p),
        pairs(&[("Tuesday", "2023-10-03")])
    );
    assert!(dates("The end of the war.", "en", p).is_empty());
}

// ----- relative phrases ----------------------------------------------------------

#[test]
fn fr_relative_days() {
    assert_eq!(
        dates(
            "Aujourd'hui, hier, avant-hier, demain et après-demain.",
            "fr",
            P
        ),
        pairs(&[
            ("Aujourd'hui", "2023-08-22"),
            ("hier", "2023-08-21"),
            ("avant-hier", "2023-08-20"),
            ("demain", "2023-08-23"),
            ("après-demain", "2023-08-24")
        ])
    );
    assert_eq!(
        dates("Il est arrivé hier.", "fr", Some("2023-03-01")),
        pairs(&[("hier", "2023-02-28")])
    );
    assert_eq!(
        dates("Il est arrivé hier.", "fr", None),
        pairs(&[("hier", "?")])
    );
}

#[test]
fn en_relative_days() {
    assert_eq!(
        dates("Today, yesterday and tomorrow.", "en", Some("2024-01-01")),
        pairs(&[
            ("Today", "2024-01-01"),
            ("yesterday", "2023-12-31"),
            ("tomorrow", "2024-01-02")
        ])
    );
    assert_eq!(
        dates("the day before yesterday", "en", P),
        pairs(&[("the day before yesterday", "2023-08-20")])
    );
}

#[test]
fn relative_months_and_years() {
    let p = Some("2024-01-15");
    assert_eq!(
        dates(
            "L'an dernier, l'année dernière, cette année, l'an prochain.",
            "fr",
            p
        ),
        pairs(&[
            ("L'an dernier", "2023"),
            ("l'année dernière", "2023"),
            ("cette année", "2024"),
            ("l'an prochain", "2025")
        ])
    );
    assert_eq!(
        dates("Ce mois-ci, le mois dernier, le mois prochain.", "fr", p),
        pairs(&[
            ("Ce mois-ci", "2024-01"),
            ("le mois dernier", "2023-12"),
            ("le mois prochain", "2024-02")
        ])
    );
    assert_eq!(
        dates("Last year, this year, next month and last month.", "en", p),
        pairs(&[
            ("Last year", "2023"),
            ("this year", "2024"),
            ("next month", "2024-02"),
            ("last month", "2023-12")
        ])
    );
}

#[test]
fn anaphoric_days_use_the_context_date() {
    assert_eq!(
        dates(
            "Le 3 mars 2022, il est arrivé. Le lendemain, il est reparti.",
            "fr",
            P
        ),
        pairs(&[
            ("3 mars 2022", "2022-03-03"),
            ("Le lendemain", "2022-03-04")
        ])
    );
    assert_eq!(
        dates(
            "Il est reparti le 1er mars 2024. La veille, il avait parlé.",
            "fr",
            P
        ),
        pairs(&[("1er mars 2024", "2024-03-01"), ("La veille", "2024-02-29")])
    );
    // Without a context date, the publication date.
    assert_eq!(
        dates("La veille, il avait parlé.", "fr", P),
        pairs(&[("La veille", "2023-08-21")])
    );
    // "à la veille de" is the eve of something else.
    assert!(dates("à la veille des élections", "fr", P).is_empty());
    assert_eq!(
        dates(
            "He arrived on 31 December 2023. A day later, he left.",
            "en",
            P
        ),
        pairs(&[
            ("31 December 2023", "2023-12-31"),
            ("A day later", "2024-01-01")
        ])
    );
    assert_eq!(
        dates("He arrived on Monday. The next day, he left.", "en", P),
        pairs(&[("Monday", "2023-08-21"), ("The next day", "2023-08-22")])
    );
    // Context is only the same or the previous sentence.
    assert_eq!(
        dates(
            "Le 3 mars 2022, il est arrivé. Rien. Rien. Le lendemain, il est reparti.",
            "fr",
            P
        ),
        pairs(&[
            ("3 mars 2022", "2022-03-03"),
            ("Le lendemain", "2023-08-23")
        ])
    );
}

#[test]
fn offsets() {
    assert_eq!(
        dates("Il est arrivé il y a deux jours.", "fr", P),
        pairs(&[("il y a deux jours", "2023-08-20")])
    );
    assert_eq!(
        dates("He left two days ago.", "en", P),
        pairs(&[("two days ago", "2023-08-20")])
    );
    assert_eq!(
        dates(
            "Il est arrivé le 3 mars 2022. Trois jours plus tard, il est reparti.",
            "fr",
            P
        ),
        pairs(&[
            ("3 mars 2022", "2022-03-03"),
            ("Trois jours plus tard", "2022-03-06")
        ])
    );
    assert_eq!(
        dates("Il est arrivé il y a un an.", "fr", P),
        pairs(&[("il y a un an", "2022")])
    );
    // "deux jours après l'attaque" counts from the attack: not resolved here.
    assert!(dates("deux jours après l'attaque", "fr", P).is_empty());
}

// ----- publication dates ---------------------------------------------------------

#[test]
fn published_forms() {
    let d = NaiveDate::from_ymd_opt(2023, 8, 22);
    for s in [
        "2023-08-22T10:00:00Z",
        "2023-08-22T23:30:00+02:00",
        "2023-08-22",
        " 2023-08-22 ",
        "22/08/2023",
        "22.08.2023",
        "22 août 2023",
        "22 aout 2023",
        "mardi 22 août 2023",
        "Aug 22, 2023",
        "August 22, 2023",
        "22 August 2023",
        "22nd August 2023",
        "Tue, 22 Aug 2023 10:00:00 +0000",
        "08/22/2023",
    ] {
        assert_eq!(parse_published(s), d, "{s}");
    }
    assert_eq!(
        parse_published("1er août 2023"),
        NaiveDate::from_ymd_opt(2023, 8, 1)
    );
}

#[test]
fn published_partial_and_invalid() {
    assert_eq!(parse_published("2023-08"), None);
    assert_eq!(parse_published("2023"), None);
    assert_eq!(parse_published_partial("2023-08"), Some((2023, Some(8))));
    assert_eq!(parse_published_partial("2023"), Some((2023, None)));
    assert_eq!(parse_published_partial("août 2023"), Some((2023, Some(8))));
    assert_eq!(parse_published_partial("2023-08-22"), Some((2023, Some(8))));
    for s in [
        "",
        "   ",
        "yesterday",
        "2023-13-01",
        "2023-02-30",
        "31/02/2023",
        "99999",
        "août",
        "--//",
    ] {
        assert_eq!(parse_published(s), None, "{s}");
    }
    assert_eq!(parse_published_partial("2023-13"), None);
    assert_eq!(parse_published_partial("2023-02-30"), None);
}

// ----- robustness ------------------------------------------------------------------

#[test]
fn empty_and_odd_texts() {
    for text in [
        "",
        " ",
        "«»",
        "...",
        "\u{0}",
        "mardi",
        "2023",
        "du 26 au",
        "fin",
        "il y a",
        "le 31 février 2023",
    ] {
        for lang in ["fr", "en", "xx"] {
            let doc = Doc::new(text, Some(lang));
            let _ = find_dates(&doc, None);
            let _ = find_dates(&doc, parse_published("2023-08-22"));
        }
    }
    assert!(dates("le 31 février 2023", "fr", P).is_empty());
    assert_eq!(
        dates("le 29 février 2024", "fr", P),
        pairs(&[("29 février 2024", "2024-02-29")])
    );
    assert!(dates("le 29 février 2023", "fr", P).is_empty());
}

#[test]
fn text_full_of_numbers() {
    let mut text = String::new();
    for i in 0..5000 {
        text.push_str(&format!(
            "{} {}/{} {}.{} {}-{} {}e ",
            i,
            i % 40,
            i % 13,
            i,
            i % 7,
            i % 33,
            i % 35,
            i
        ));
    }
    for lang in ["fr", "en"] {
        let doc = Doc::new(&text, Some(lang));
        let _ = find_dates(&doc, parse_published("2023-08-22"));
    }
    let digits = "7".repeat(100_000);
    for lang in ["fr", "en"] {
        let doc = Doc::new(&digits, Some(lang));
        assert!(find_dates(&doc, parse_published("2023-08-22")).is_empty());
    }
    assert_eq!(parse_published(&digits), None);
    assert_eq!(parse_published_partial(&digits), None);
}

#[test]
fn many_weekdays_stay_linear() {
    let text = "mardi ".repeat(50_000);
    let doc = Doc::new(&text, Some("fr"));
    assert_eq!(
        find_dates(&doc, parse_published("2023-08-22")).len(),
        50_000
    );
}

#[test]
fn extreme_publication_dates_do_not_panic() {
    for p in [NaiveDate::MIN, NaiveDate::MAX] {
        for text in [
            "mardi",
            "hier",
            "en juin",
            "le 17 septembre",
            "l'an dernier",
            "il y a deux ans",
            "mardi 22",
        ] {
            let doc = Doc::new(text, Some("fr"));
            let _ = find_dates(&doc, Some(p));
        }
    }
}

#[test]
fn data_rows_are_all_understood() {
    const KINDS: &[&str] = &[
        "order",
        "numeric",
        "month",
        "weekday",
        "ordinal",
        "day-link",
        "cue",
        "part",
        "part-prefix",
        "link",
        "range",
        "article",
        "relative",
        "number",
        "unit",
        "offset-before",
        "offset-after",
        "future",
        "future-suffix",
        "not-future",
        "past",
        "past-suffix",
        "year-prep",
        "count-noun",
        "not-noun",
        "not-year-after",
    ];
    for lang in ["fr", "en"] {
        for row in depeche_lexicon::lang_rows(lang, "dates.tsv") {
            assert!(KINDS.contains(&row[0]), "{lang}: unknown row {row:?}");
            assert!(
                row.len() >= 2 && !row[1].is_empty(),
                "{lang}: short row {row:?}"
            );
        }
        let lex = Lexicon::get(lang);
        assert_eq!(
            lex.months
                .values()
                .map(|n| n.n)
                .collect::<std::collections::HashSet<_>>()
                .len(),
            12,
            "{lang}"
        );
        assert_eq!(lex.weekdays.len(), 7, "{lang}");
    }
}

#[test]
fn spans_map_back_to_the_original() {
    let doc = Doc::new("Il est arrivé le 22\u{00A0}août 2023.", Some("fr"));
    let m = find_dates(&doc, None);
    assert_eq!(m.len(), 1);
    assert_eq!(doc.text.original_slice(m[0].span), "22\u{00A0}août 2023");
    assert_eq!(m[0].granularity, Granularity::Day);
}
