//! Attribution patterns, one test each, on sentences written for the tests.

use super::*;
use depeche_text::Role;

/// A document with hand-made entities, each mentioned wherever its name
/// (or an extra alias) occurs in the view.
struct Fx {
    doc: Doc,
    mentions: Vec<Mention>,
    entities: Vec<Entity>,
}

impl Fx {
    fn new(text: &str, lang: &str, names: &[(&str, EntityType)]) -> Fx {
        let doc = Doc::new(text, Some(lang));
        let mut fx = Fx {
            doc,
            mentions: Vec::new(),
            entities: Vec::new(),
        };
        for &(name, ty) in names {
            let e = fx.entities.len();
            fx.entities.push(Entity {
                name: name.to_string(),
                ty,
                key: name.to_lowercase().replace(' ', "-"),
                roles: Vec::new(),
                geo: None,
            });
            fx.alias(e, name);
        }
        fx
    }

    /// Mentions entity `e` at every occurrence of `alias`.
    fn alias(&mut self, e: usize, alias: &str) {
        let view = self.doc.text.view();
        let ty = self.entities[e].ty;
        let mut from = 0;
        while let Some(i) = view[from..].find(alias) {
            let start = from + i;
            self.mentions.push(Mention {
                span: Span::new(start, start + alias.len()),
                ty,
                entity: e,
            });
            from = start + alias.len();
        }
        self.mentions.sort_by_key(|m| m.span.start);
    }

    /// Gives entity `e` a role stated at `title` in the text.
    fn role(&mut self, e: usize, title: &str, kind: &str, of: Option<usize>) {
        let start = self.doc.text.view().find(title).expect("title in text");
        self.entities[e].roles.push(Role {
            title: title.to_string(),
            kind: kind.to_string(),
            of,
            span: Span::new(start, start + title.len()),
        });
    }

    fn run(&self) -> Quotes {
        find_quotes(&self.doc, &self.mentions, &self.entities)
    }

    fn text(&self, span: Span) -> &str {
        self.doc.text.slice(span)
    }

    /// (quote's first words, speaker's name, relay names) of every quote.
    fn summary(&self) -> Vec<(String, Option<String>, Vec<String>)> {
        self.run()
            .quotes
            .iter()
            .map(|q| {
                let words: String = self
                    .text(q.span)
                    .split_whitespace()
                    .take(3)
                    .collect::<Vec<_>>()
                    .join(" ");
                (
                    words,
                    q.speaker.map(|e| self.entities[e].name.clone()),
                    q.via
                        .iter()
                        .map(|r| self.entities[r.entity].name.clone())
                        .collect(),
                )
            })
            .collect()
    }

    fn speakers(&self) -> Vec<Option<String>> {
        self.summary().into_iter().map(|s| s.1).collect()
    }
}

const PER: EntityType = EntityType::Per;
const ORG: EntityType = EntityType::Org;
const LOC: EntityType = EntityType::Loc;

fn some(name: &str) -> Option<String> {
    Some(name.to_string())
}

// ---------------------------------------------------------------- marks

#[test]
fn three_words_make_a_quote_and_fewer_a_term() {
    let fx = Fx::new(
        "Il parle de l'« Est » et d'une « paix juste et durable » ici.",
        "fr",
        &[],
    );
    let out = fx.run();
    assert_eq!(out.terms.len(), 1);
    assert_eq!(fx.text(out.terms[0].span), "Est");
    assert_eq!(out.quotes.len(), 1);
    assert_eq!(fx.text(out.quotes[0].span), "paix juste et durable");
}

#[test]
fn inner_quote_stays_inside_the_outer_one() {
    let fx = Fx::new(
        "« Il m'a répondu \"partez tout de suite\" puis il a raccroché », a raconté Lina Haddad.",
        "fr",
        &[("Lina Haddad", PER)],
    );
    let out = fx.run();
    assert_eq!(out.quotes.len(), 1);
    assert_eq!(
        fx.text(out.quotes[0].span),
        "Il m'a répondu \"partez tout de suite\" puis il a raccroché"
    );
    assert!(out.terms.is_empty());
}

#[test]
fn typographic_quotes_read_as_guillemets() {
    let fx = Fx::new(
        "“We are ready for every outcome,” said Paul Grant.",
        "en",
        &[("Paul Grant", PER)],
    );
    assert_eq!(
        fx.summary(),
        [("We are ready".to_string(), some("Paul Grant"), vec![])]
    );
    let fx = Fx::new("„Wir sind bereit dafür“ und mehr", "fr", &[]);
    assert_eq!(fx.run().quotes.len(), 1);
}

#[test]
fn quote_spans_sentences() {
    let fx = Fx::new(
        "« Nous partons demain. Nous reviendrons plus forts », a lancé Lina Haddad.",
        "fr",
        &[("Lina Haddad", PER)],
    );
    let q = &fx.run().quotes[0];
    assert_eq!(
        fx.text(q.span),
        "Nous partons demain. Nous reviendrons plus forts"
    );
    assert_eq!(q.speaker, Some(0));
}

#[test]
fn quote_continued_over_paragraphs_is_one_quote() {
    let fx = Fx::new(
        "« Le port est fermé depuis lundi.\n« Les navires attendent au large », a expliqué Lina Haddad.",
        "fr",
        &[("Lina Haddad", PER)],
    );
    let out = fx.run();
    assert_eq!(out.quotes.len(), 1);
    assert!(fx.text(out.quotes[0].span).ends_with("attendent au large"));
    assert_eq!(out.quotes[0].speaker, Some(0));
}

#[test]
fn unclosed_quote_ends_with_its_paragraph() {
    let fx = Fx::new(
        "Lina Haddad a déclaré : « Le port restera fermé toute la semaine\nLe lendemain, un « autre point de vue » est apparu.",
        "fr",
        &[("Lina Haddad", PER)],
    );
    let out = fx.run();
    assert_eq!(out.quotes.len(), 2);
    assert_eq!(
        fx.text(out.quotes[0].span),
        "Le port restera fermé toute la semaine"
    );
    assert_eq!(out.quotes[0].speaker, Some(0));
    assert_eq!(fx.text(out.quotes[1].span), "autre point de vue");
}

#[test]
fn empty_and_stray_marks_give_nothing() {
    for text in [
        "« »",
        "\"\"",
        "»»» texte «",
        "«\n»",
        "",
        "‹›",
        "« \n « \n «",
    ] {
        let fx = Fx::new(text, "fr", &[]);
        let out = fx.run();
        assert!(out.quotes.is_empty(), "{text:?}");
    }
}

// ---------------------------------------------------------------- French

#[test]
fn fr_inverted_verb_after_the_quote() {
    let fx = Fx::new(
        "« Nous ne céderons rien sur ce dossier », a déclaré mardi Karim Bensalah.",
        "fr",
        &[("Karim Bensalah", PER)],
    );
    let out = fx.run();
    assert_eq!(out.quotes[0].speaker, Some(0));
    assert_eq!(fx.text(out.quotes[0].speaker_cue.unwrap()), "déclaré");
}

#[test]
fn fr_subject_verb_que_before_the_quote() {
    let fx = Fx::new(
        "Le ministre Karim Bensalah a souligné que « la frontière restera fermée jusqu'à nouvel ordre ».",
        "fr",
        &[("Karim Bensalah", PER)],
    );
    assert_eq!(fx.speakers(), [some("Karim Bensalah")]);
}

#[test]
fn fr_colon_without_verb() {
    let fx = Fx::new(
        "Karim Bensalah : « Nous ne négocierons jamais sous la menace. »",
        "fr",
        &[("Karim Bensalah", PER)],
    );
    let q = &fx.run().quotes[0];
    assert_eq!(q.speaker, Some(0));
    assert_eq!(fx.text(q.speaker_cue.unwrap()), ":");
}

#[test]
fn fr_headline_place_and_colon_is_no_speaker() {
    let fx = Fx::new(
        "Algérie : « tout reste possible désormais »",
        "fr",
        &[("Algérie", LOC)],
    );
    assert_eq!(fx.speakers(), [None]);
}

#[test]
fn fr_colon_on_the_previous_line() {
    let fx = Fx::new(
        "Le ministère de l'Intérieur a indiqué :\n« Trois suspects ont été arrêtés à l'aube. »",
        "fr",
        &[("ministère de l'Intérieur", ORG)],
    );
    assert_eq!(fx.speakers(), [some("ministère de l'Intérieur")]);
}

#[test]
fn fr_selon_before_and_after() {
    let fx = Fx::new(
        "Selon Nadia Ferhat, « la situation reste très tendue dans le nord ». Les combats continuent, « sans le moindre répit », d'après l'ONU.",
        "fr",
        &[("Nadia Ferhat", PER), ("ONU", ORG)],
    );
    assert_eq!(fx.speakers(), [some("Nadia Ferhat"), some("ONU")]);
    let q = &fx.run().quotes[0];
    assert_eq!(fx.text(q.speaker_cue.unwrap()), "Selon Nadia Ferhat");
}

#[test]
fn fr_selon_lui() {
    let fx = Fx::new(
        "Karim Bensalah est rentré hier. Selon lui, « rien n'a été décidé pour l'instant ».",
        "fr",
        &[("Karim Bensalah", PER)],
    );
    assert_eq!(fx.speakers(), [some("Karim Bensalah")]);
}

#[test]
fn fr_pronoun_subject() {
    let fx = Fx::new(
        "Nadia Ferhat a rencontré les élus. Elle a ensuite affirmé : « Notre engagement reste total et entier. »",
        "fr",
        &[("Nadia Ferhat", PER)],
    );
    assert_eq!(fx.speakers(), [some("Nadia Ferhat")]);
}

#[test]
fn fr_glued_pronoun_continues_the_speaker() {
    let fx = Fx::new(
        "« La route sera rouverte lundi », a annoncé Karim Bensalah devant Nadia Ferhat. « Les travaux sont presque terminés », a-t-il ajouté. « Nous tiendrons les délais prévus », poursuit-il.",
        "fr",
        &[("Karim Bensalah", PER), ("Nadia Ferhat", PER)],
    );
    assert_eq!(
        fx.speakers(),
        [
            some("Karim Bensalah"),
            some("Karim Bensalah"),
            some("Karim Bensalah")
        ]
    );
}

#[test]
fn fr_same_source() {
    let fx = Fx::new(
        "« Le bilan est encore provisoire », a indiqué l'Union africaine. Hier soir, Karim Bensalah est arrivé. « Les secours sont sur place », ajoute la même source.",
        "fr",
        &[("Union africaine", ORG), ("Karim Bensalah", PER)],
    );
    assert_eq!(
        fx.speakers(),
        [some("Union africaine"), some("Union africaine")]
    );
}

#[test]
fn fr_spokesperson_role_resolves_to_its_holder() {
    let mut fx = Fx::new(
        "Omar Diallo, porte-parole du gouvernement, est arrivé lundi. « Le calme est revenu dans la capitale », a affirmé le porte-parole.",
        "fr",
        &[("Omar Diallo", PER)],
    );
    fx.role(0, "porte-parole du gouvernement", "spokesperson", None);
    assert_eq!(fx.speakers(), [some("Omar Diallo")]);
}

#[test]
fn fr_role_with_named_apposition() {
    let fx = Fx::new(
        "Le porte-parole de l'Armée nationale, Ahmed Mesmari, a déclaré : « Nos unités tiennent toutes leurs positions. »",
        "fr",
        &[("Armée nationale", ORG), ("Ahmed Mesmari", PER)],
    );
    assert_eq!(fx.speakers(), [some("Ahmed Mesmari")]);
}

#[test]
fn fr_anonymous_official_takes_the_organisation() {
    let fx = Fx::new(
        "Un responsable de l'Union africaine a affirmé : « Aucune décision n'a encore été prise. »",
        "fr",
        &[("Union africaine", ORG)],
    );
    assert_eq!(fx.speakers(), [some("Union africaine")]);
}

#[test]
fn fr_ministry_is_the_last_organisation() {
    let fx = Fx::new(
        "Le ministère malien de la Défense a réuni la presse à Bamako. « Les opérations se poursuivent normalement », a précisé le ministère.",
        "fr",
        &[("ministère malien de la Défense", ORG), ("Bamako", LOC)],
    );
    assert_eq!(fx.speakers(), [some("ministère malien de la Défense")]);
}

#[test]
fn fr_communique_speaks_for_its_issuer() {
    let fx = Fx::new(
        "L'Union africaine a diffusé lundi un communiqué de la Commission de paix. Nadia Ferhat était absente. « Les deux parties doivent cesser le feu », indique le communiqué.",
        "fr",
        &[("Union africaine", ORG), ("Commission de paix", ORG), ("Nadia Ferhat", PER)],
    );
    assert_eq!(fx.speakers(), [some("Commission de paix")]);
    let fx = Fx::new(
        "Selon un communiqué d'Interpol, « trois réseaux ont été démantelés en mars ».",
        "fr",
        &[("Interpol", ORG)],
    );
    assert_eq!(fx.speakers(), [some("Interpol")]);
}

#[test]
fn fr_communique_of_the_spokesperson() {
    let mut fx = Fx::new(
        "Omar Diallo est le porte-parole du gouvernement. « Le couvre-feu est levé dès ce soir », indique le communiqué du porte-parole.",
        "fr",
        &[("Omar Diallo", PER)],
    );
    fx.role(0, "porte-parole du gouvernement", "spokesperson", None);
    assert_eq!(fx.speakers(), [some("Omar Diallo")]);
}

#[test]
fn fr_relative_clause_is_not_the_subject() {
    let fx = Fx::new(
        "Karim Bensalah, qui a rencontré Nadia Ferhat lundi, a déclaré que « le dialogue est la seule voie possible ».",
        "fr",
        &[("Karim Bensalah", PER), ("Nadia Ferhat", PER)],
    );
    assert_eq!(fx.speakers(), [some("Karim Bensalah")]);
}

#[test]
fn fr_complement_is_not_the_subject() {
    let fx = Fx::new(
        "Lors de sa rencontre avec Nadia Ferhat, le ministre Karim Bensalah a déclaré : « Nous avançons ensemble vers la paix. »",
        "fr",
        &[("Nadia Ferhat", PER), ("Karim Bensalah", PER)],
    );
    assert_eq!(fx.speakers(), [some("Karim Bensalah")]);
}

#[test]
fn fr_quote_without_cue_inherits_the_previous_speaker() {
    let fx = Fx::new(
        "« Le port rouvrira lundi prochain », a déclaré Lina Haddad.\n« Les premiers navires sont déjà annoncés. »\nPlus tard, Karim Bensalah est arrivé.\n« Une autre phrase sans auteur connu. »",
        "fr",
        &[("Lina Haddad", PER), ("Karim Bensalah", PER)],
    );
    let out = fx.run();
    assert_eq!(
        fx.speakers(),
        [some("Lina Haddad"), some("Lina Haddad"), None]
    );
    assert!(out.quotes[1].speaker_cue.is_none());
}

// ---------------------------------------------------------------- French relays

#[test]
fn fr_relay_repris_par() {
    let fx = Fx::new(
        "« Nous renforçons notre présence dans la région », a déclaré Karim Bensalah dans des propos repris par « Russia Today ».",
        "fr",
        &[("Karim Bensalah", PER), ("Russia Today", ORG)],
    );
    let out = fx.run();
    assert_eq!(fx.summary()[0].1, some("Karim Bensalah"));
    assert_eq!(fx.summary()[0].2, ["Russia Today"]);
    assert_eq!(
        fx.text(out.quotes[0].via[0].span),
        "repris par « Russia Today"
    );
}

#[test]
fn fr_relay_publie_sur() {
    let fx = Fx::new(
        "Le ministère de la Défense a écrit sur Telegram : « Les exercices se sont achevés sans incident. »",
        "fr",
        &[("ministère de la Défense", ORG), ("Telegram", ORG)],
    );
    assert_eq!(
        fx.summary(),
        [(
            "Les exercices se".to_string(),
            some("ministère de la Défense"),
            vec!["Telegram".to_string()]
        )]
    );
    let fx = Fx::new(
        "Dans une vidéo publiée sur Telegram, Karim Bensalah a affirmé : « Nous sommes prêts à discuter. »",
        "fr",
        &[("Telegram", ORG), ("Karim Bensalah", PER)],
    );
    assert_eq!(fx.summary()[0].1, some("Karim Bensalah"));
    assert_eq!(fx.summary()[0].2, ["Telegram"]);
}

#[test]
fn fr_relay_told_to_an_outlet() {
    let fx = Fx::new(
        "« La coopération militaire va s'intensifier », a déclaré Karim Bensalah à l'agence TASS.",
        "fr",
        &[("Karim Bensalah", PER), ("TASS", ORG)],
    );
    assert_eq!(fx.summary()[0].1, some("Karim Bensalah"));
    assert_eq!(fx.summary()[0].2, ["TASS"]);
}

#[test]
fn fr_relay_selon_l_agence() {
    let fx = Fx::new(
        "« Les discussions ont été franches et utiles », a indiqué Nadia Ferhat, selon l'agence TASS.",
        "fr",
        &[("Nadia Ferhat", PER), ("TASS", ORG)],
    );
    assert_eq!(fx.summary()[0].1, some("Nadia Ferhat"));
    assert_eq!(fx.summary()[0].2, ["TASS"]);
}

#[test]
fn fr_relay_rapporte_alone_credits_the_outlet() {
    let fx = Fx::new(
        "« Les livraisons reprendront au printemps », rapporte l'agence TASS.",
        "fr",
        &[("TASS", ORG)],
    );
    let q = &fx.run().quotes[0];
    assert_eq!(q.speaker, Some(0));
    assert_eq!(q.via.len(), 1);
}

#[test]
fn fr_relay_cite_par() {
    let fx = Fx::new(
        "Karim Bensalah, cité par Al-Wasat, a assuré que « aucun soldat étranger ne restera ici ».",
        "fr",
        &[("Karim Bensalah", PER), ("Al-Wasat", ORG)],
    );
    assert_eq!(fx.summary()[0].1, some("Karim Bensalah"));
    assert_eq!(fx.summary()[0].2, ["Al-Wasat"]);
}

// ---------------------------------------------------------------- English

#[test]
fn en_said_after_the_quote() {
    let fx = Fx::new(
        "\"We will not back down on this,\" said John Carter. \"The vote is only the start,\" Mary Lowe said on Monday.",
        "en",
        &[("John Carter", PER), ("Mary Lowe", PER)],
    );
    assert_eq!(fx.speakers(), [some("John Carter"), some("Mary Lowe")]);
}

#[test]
fn en_subject_said_colon_and_that() {
    let fx = Fx::new(
        "John Carter said: \"Nobody expected the talks to fail.\" Later Mary Lowe warned that \"the coming winter will be hard\".",
        "en",
        &[("John Carter", PER), ("Mary Lowe", PER)],
    );
    assert_eq!(fx.speakers(), [some("John Carter"), some("Mary Lowe")]);
}

#[test]
fn en_according_to() {
    let fx = Fx::new(
        "According to Mary Lowe, \"the border crossing will stay closed\". The fighting is \"far from over for now\", according to the Red Cross.",
        "en",
        &[("Mary Lowe", PER), ("Red Cross", ORG)],
    );
    assert_eq!(fx.speakers(), [some("Mary Lowe"), some("Red Cross")]);
}

#[test]
fn en_pronoun_and_added() {
    let fx = Fx::new(
        "John Carter landed in Nairobi on Monday. He said the talks \"went better than anyone expected\". \"We will be back next month,\" he added.",
        "en",
        &[("John Carter", PER), ("Nairobi", LOC)],
    );
    assert_eq!(fx.speakers(), [some("John Carter"), some("John Carter")]);
}

#[test]
fn en_spokesman_role() {
    let mut fx = Fx::new(
        "Ali Hassan is the army's chief spokesman. \"Our troops hold every position,\" the spokesman said.",
        "en",
        &[("Ali Hassan", PER)],
    );
    fx.role(0, "chief spokesman", "spokesperson", None);
    assert_eq!(fx.speakers(), [some("Ali Hassan")]);
}

#[test]
fn en_ministry_and_statement() {
    let fx = Fx::new(
        "The Foreign Ministry met the envoys on Tuesday. \"The talks will resume next week,\" the ministry said. A statement from the World Bank followed. \"Funding is secured for two more years,\" the statement said.",
        "en",
        &[("Foreign Ministry", ORG), ("World Bank", ORG)],
    );
    assert_eq!(
        fx.speakers(),
        [some("Foreign Ministry"), some("World Bank")]
    );
}

#[test]
fn en_possessive_spokesman() {
    let fx = Fx::new(
        "The Kremlin's spokesman said that \"no meeting is planned this year\".",
        "en",
        &[("Kremlin", ORG)],
    );
    assert_eq!(fx.speakers(), [some("Kremlin")]);
}

#[test]
fn en_same_source() {
    let fx = Fx::new(
        "\"Three soldiers were wounded,\" the Red Cross said. Mary Lowe visited the camp. \"Supplies are running low,\" the same source said.",
        "en",
        &[("Red Cross", ORG), ("Mary Lowe", PER)],
    );
    assert_eq!(fx.speakers(), [some("Red Cross"), some("Red Cross")]);
}

// ---------------------------------------------------------------- English relays

#[test]
fn en_relay_told() {
    let fx = Fx::new(
        "John Carter told Reuters: \"We have no plans to withdraw.\"",
        "en",
        &[("John Carter", PER), ("Reuters", ORG)],
    );
    assert_eq!(
        fx.summary(),
        [(
            "We have no".to_string(),
            some("John Carter"),
            vec!["Reuters".to_string()]
        )]
    );
}

#[test]
fn en_relay_interview_and_posted_on() {
    let fx = Fx::new(
        "\"The sanctions are hurting ordinary people,\" Mary Lowe said in an interview with the BBC. John Carter posted on Telegram: \"The convoy has crossed the border safely.\"",
        "en",
        &[("Mary Lowe", PER), ("BBC", ORG), ("John Carter", PER), ("Telegram", ORG)],
    );
    let s = fx.summary();
    assert_eq!(
        (s[0].1.clone(), s[0].2.clone()),
        (some("Mary Lowe"), vec!["BBC".to_string()])
    );
    assert_eq!(
        (s[1].1.clone(), s[1].2.clone()),
        (some("John Carter"), vec!["Telegram".to_string()])
    );
}

#[test]
fn en_relay_reported_by() {
    let fx = Fx::new(
        "\"We are ready to talk at any moment,\" Mary Lowe said, in remarks reported by Al Jazeera.",
        "en",
        &[("Mary Lowe", PER), ("Al Jazeera", ORG)],
    );
    assert_eq!(fx.summary()[0].1, some("Mary Lowe"));
    assert_eq!(fx.summary()[0].2, ["Al Jazeera"]);
}

// ---------------------------------------------------------------- robustness

#[test]
fn odd_mentions_do_not_panic() {
    let mut fx = Fx::new(
        "« Un deux trois quatre », a dit Karim.",
        "fr",
        &[("Karim", PER)],
    );
    fx.mentions.push(Mention {
        span: Span::new(0, 3),
        ty: PER,
        entity: 99,
    });
    fx.mentions.push(Mention {
        span: Span::new(5, 5),
        ty: ORG,
        entity: 0,
    });
    let out = fx.run();
    assert_eq!(out.quotes.len(), 1);
    assert_eq!(out.quotes[0].speaker, Some(0));
}

#[test]
fn unknown_language_still_finds_quotes() {
    let doc = Doc::new("« un deux trois quatre »", Some("xx"));
    assert_eq!(find_quotes(&doc, &[], &[]).quotes.len(), 1);
}

#[test]
fn stress_many_marks_stay_linear() {
    let started = std::time::Instant::now();
    let cases = [
        "«".repeat(100_000),
        "»".repeat(100_000),
        "\"".repeat(100_000),
        "« a b c » ".repeat(30_000),
        "« un « deux ".repeat(30_000),
        "l'« Est » ".repeat(30_000),
        "« a b c », a dit il. ".repeat(20_000),
        "\"x y z\" said he, \" ".repeat(20_000),
        "« mot\n".repeat(30_000),
    ];
    for text in &cases {
        let doc = Doc::new(text, Some("fr"));
        let out = find_quotes(&doc, &[], &[]);
        assert!(out.quotes.len() + out.terms.len() <= doc.tokens.len());
    }
    assert!(
        started.elapsed().as_secs() < 60,
        "took {:?}",
        started.elapsed()
    );
}

#[test]
fn spans_are_inside_the_view_and_ordered() {
    let fx = Fx::new(
        "« Première phrase citée ici », a dit Karim. Puis \"seconde citation en anglais\" et « fin",
        "fr",
        &[("Karim", PER)],
    );
    let out = fx.run();
    let view = fx.doc.text.view();
    let mut last = 0;
    for q in &out.quotes {
        assert!(q.span.start >= last && q.span.end <= view.len());
        assert!(view.is_char_boundary(q.span.start) && view.is_char_boundary(q.span.end));
        last = q.span.end;
    }
    assert_eq!(out.quotes.len(), 2);
    assert_eq!(out.terms.len(), 1);
}

/// Throughput on a long article full of quotes; run with
/// `cargo test -p depeche-quotes --release -- --ignored --nocapture`.
#[test]
#[ignore]
fn throughput() {
    let para = "Le ministre Karim Bensalah a souligné que « la frontière restera fermée jusqu'à nouvel ordre ». \
                « Nous ne céderons rien sur ce dossier », a-t-il ajouté devant Nadia Ferhat, selon l'agence TASS. \
                Le porte-parole de l'Union africaine a rappelé la position commune des États membres sur la question \
                du retour des réfugiés et de l'aide humanitaire dans les régions du nord du pays.\n";
    let text = para.repeat(12_000);
    let fx = Fx::new(
        &text,
        "fr",
        &[
            ("Karim Bensalah", PER),
            ("Nadia Ferhat", PER),
            ("TASS", ORG),
            ("Union africaine", ORG),
        ],
    );
    let words = fx.doc.tokens.len();
    let started = std::time::Instant::now();
    let out = fx.run();
    let secs = started.elapsed().as_secs_f64();
    println!(
        "{} tokens, {} quotes in {:.3}s: {:.0} tokens/s",
        words,
        out.quotes.len(),
        secs,
        words as f64 / secs
    );
    assert_eq!(out.quotes.len(), 24_000);
}

#[test]
fn en_apposition_before_the_verb() {
    let fx = Fx::new(
        "\"Our units hold every position,\" John Carter, the army's chief spokesman, said. After meeting Mary Lowe, the minister said: \"Nothing has been decided yet.\"",
        "en",
        &[("John Carter", PER), ("Mary Lowe", PER)],
    );
    assert_eq!(fx.speakers()[0], some("John Carter"));
    assert_ne!(fx.speakers()[1], some("Mary Lowe"));
}

#[test]
fn relay_after_a_verb_and_its_subject() {
    let fx = Fx::new(
        "\"The convoy is safe,\" John Carter wrote on Telegram. \"The port is open,\" Mary Lowe said in Mombasa at the Harbour Authority.",
        "en",
        &[("John Carter", PER), ("Telegram", ORG), ("Mary Lowe", PER), ("Mombasa", LOC), ("Harbour Authority", ORG)],
    );
    let s = fx.summary();
    assert_eq!(s[0].2, ["Telegram"]);
    assert!(s[1].2.is_empty());
    let fx = Fx::new(
        "« Le convoi est arrivé à bon port », a écrit Karim Bensalah sur Telegram.",
        "fr",
        &[("Karim Bensalah", PER), ("Telegram", ORG)],
    );
    assert_eq!(fx.summary()[0].1, some("Karim Bensalah"));
    assert_eq!(fx.summary()[0].2, ["Telegram"]);
}

#[test]
fn fr_article_reads_end_to_end() {
    let text = "Le vice-ministre malien des Affaires étrangères, Issa Traoré, est arrivé jeudi à Niamey.\n\
Dans un communiqué, le ministère nigérien de l'Intérieur a indiqué que « la délégation sera reçue par les plus hautes autorités ».\n\
« Nous sommes venus renforcer une coopération ancienne et solide », a déclaré à la radio Sahel FM le vice-ministre. « Nos deux pays partagent les mêmes défis.\n\
« Il faut maintenant passer aux actes », a-t-il poursuivi.\n\
Interrogé par Sahel FM, le porte-parole du gouvernement nigérien a jugé la visite « très positive pour la région ».\n\
« Les discussions reprendront en octobre », indique le communiqué.";
    let fx = Fx::new(
        text,
        "fr",
        &[
            ("Issa Traoré", PER),
            ("Niamey", LOC),
            ("ministère nigérien de l'Intérieur", ORG),
            ("Sahel FM", ORG),
        ],
    );
    let s = fx.summary();
    let who: Vec<_> = s
        .iter()
        .map(|q| (q.0.as_str(), q.1.as_deref(), q.2.clone()))
        .collect();
    assert_eq!(
        who,
        [
            (
                "la délégation sera",
                Some("ministère nigérien de l'Intérieur"),
                vec![]
            ),
            (
                "Nous sommes venus",
                Some("Issa Traoré"),
                vec!["Sahel FM".to_string()]
            ),
            (
                "Nos deux pays",
                Some("Issa Traoré"),
                vec!["Sahel FM".to_string()]
            ),
            ("très positive pour", None, vec!["Sahel FM".to_string()]),
            (
                "Les discussions reprendront",
                Some("ministère nigérien de l'Intérieur"),
                vec![]
            ),
        ]
    );
}

#[test]
fn en_article_reads_end_to_end() {
    let text = "Kenyan Foreign Minister Grace Otieno arrived in Addis Ababa on Tuesday for two days of talks.\n\
\"We came to listen before we speak,\" Otieno told the Daily Nation, adding that \"no option is off the table\".\n\
The African Union said in a statement that the visit was \"a welcome step towards calm\".\n\
A spokesman for the Ethiopian government, Dawit Bekele, said: \"Our doors have always been open.\n\
\"We expect concrete proposals this week.\"\n\
\"Both delegations will meet again in March,\" the statement added.";
    let mut fx = Fx::new(
        text,
        "en",
        &[
            ("Grace Otieno", PER),
            ("Addis Ababa", LOC),
            ("Daily Nation", ORG),
            ("African Union", ORG),
            ("Dawit Bekele", PER),
        ],
    );
    // The short name alone, where the full name does not cover it.
    let start = fx.doc.text.view().find("Otieno told").unwrap();
    fx.mentions.push(Mention {
        span: Span::new(start, start + "Otieno".len()),
        ty: PER,
        entity: 0,
    });
    let s = fx.summary();
    let who: Vec<_> = s
        .iter()
        .map(|q| (q.0.as_str(), q.1.as_deref(), q.2.clone()))
        .collect();
    assert_eq!(
        who,
        [
            (
                "We came to",
                Some("Grace Otieno"),
                vec!["Daily Nation".to_string()]
            ),
            (
                "no option is",
                Some("Grace Otieno"),
                vec!["Daily Nation".to_string()]
            ),
            ("a welcome step", Some("African Union"), vec![]),
            ("Our doors have", Some("Dawit Bekele"), vec![]),
            ("Both delegations will", Some("African Union"), vec![]),
        ]
    );
}

#[test]
fn random_text_and_mentions_never_panic() {
    let pieces = [
        "« ",
        " »",
        "\"",
        "“",
        "”",
        "‹",
        "›",
        " a déclaré ",
        ", a-t-il ajouté",
        " selon ",
        " repris par ",
        " said ",
        " told ",
        " le porte-parole ",
        " le communiqué ",
        " il ",
        " he ",
        ": ",
        ". ",
        "\n",
        " Karim ",
        " TASS ",
        " qui ",
        " de ",
        "l'",
        " mot ",
        "é",
        ", ",
        " the same source ",
        " according to ",
        " posted on ",
    ];
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    for round in 0..300 {
        let mut text = String::new();
        for _ in 0..next(120) {
            text.push_str(pieces[next(pieces.len())]);
        }
        let lang = if round % 2 == 0 { "fr" } else { "en" };
        let doc = Doc::new(&text, Some(lang));
        let len = doc.text.view().len();
        let entities: Vec<Entity> = (0..3)
            .map(|i| Entity {
                name: format!("E{i}"),
                ty: [PER, ORG, LOC][i],
                key: format!("e{i}"),
                roles: vec![Role {
                    title: "porte-parole".into(),
                    kind: "spokesperson".into(),
                    of: Some(next(5)),
                    span: Span::new(next(len + 1), next(len + 1)),
                }],
                geo: None,
            })
            .collect();
        let mentions: Vec<Mention> = (0..next(10))
            .map(|_| {
                let a = next(len + 1);
                let b = (a + next(12)).min(len + 3);
                Mention {
                    span: Span::new(a, b),
                    ty: [PER, ORG, LOC, EntityType::Misc][next(4)],
                    entity: next(4),
                }
            })
            .collect();
        let out = find_quotes(&doc, &mentions, &entities);
        for q in &out.quotes {
            assert!(q.span.end <= len && q.speaker.is_none_or(|e| e < entities.len()));
        }
    }
}

#[test]
fn words_quoted_without_a_cue_belong_to_the_sentence_subject() {
    let fx = Fx::new(
        "L'Union africaine exige le « rétablissement immédiat des institutions élues » au Gabon.",
        "fr",
        &[("Union africaine", ORG)],
    );
    assert_eq!(fx.speakers(), [some("Union africaine")]);
    let fx = Fx::new(
        "The African Union demands a \"swift return to civilian rule\" in Gabon.",
        "en",
        &[("African Union", ORG)],
    );
    assert_eq!(fx.speakers(), [some("African Union")]);
}

#[test]
fn pronoun_prefers_a_speaker_named_in_its_own_sentence() {
    let fx = Fx::new(
        "Karim Bensalah est arrivé hier.\nLa réunion portera, selon le Conseil national, sur « les réformes et le calendrier électoral », précise-t-il.",
        "fr",
        &[("Karim Bensalah", PER), ("Conseil national", ORG)],
    );
    assert_eq!(fx.speakers(), [some("Conseil national")]);
}

#[test]
fn quote_opening_a_paragraph_belongs_to_the_person_named_next() {
    let fx = Fx::new(
        "« On attendait ce jour depuis des années. » Moussa Diallo sourit, devant sa boutique.",
        "fr",
        &[("Moussa Diallo", PER)],
    );
    assert_eq!(fx.speakers(), [some("Moussa Diallo")]);
    let fx = Fx::new(
        "\"We waited years for this day.\" Grace Otieno smiles outside her shop.",
        "en",
        &[("Grace Otieno", PER)],
    );
    assert_eq!(fx.speakers(), [some("Grace Otieno")]);
}

impl Fx {
    /// The speaker's name of each quote, read with the document's references.
    fn speakers_with_references(&self) -> Vec<Option<String>> {
        let refs = depeche_refer::find_references(&self.doc, &self.mentions, &self.entities);
        find_quotes_with(&self.doc, &self.mentions, &self.entities, &refs)
            .quotes
            .iter()
            .map(|q| q.speaker.map(|e| self.entities[e].name.clone()))
            .collect()
    }
}

#[test]
fn an_account_speaks_for_its_owner_not_its_platform() {
    let fx = Fx::new(
        "Paul Martin a été transféré à l'hôpital. « Les prochaines heures seront décisives », indiquait son compte officiel sur Facebook.",
        "fr",
        &[("Paul Martin", EntityType::Per), ("Facebook", EntityType::Org)],
    );
    assert_eq!(
        fx.speakers_with_references(),
        [Some("Paul Martin".to_string())]
    );
    let fx = Fx::new(
        "Anna Weber was taken to hospital. \"The next hours will be decisive,\" her official account said on Facebook.",
        "en",
        &[("Anna Weber", EntityType::Per), ("Facebook", EntityType::Org)],
    );
    assert_eq!(
        fx.speakers_with_references(),
        [Some("Anna Weber".to_string())]
    );
}

#[test]
fn a_state_body_speaks_for_its_country() {
    let fx = Fx::new(
        "Des tirs ont visé Karo. L'armée a confirmé avoir « mené une opération limitée dans la zone ». Le Valdor a démenti.",
        "fr",
        &[("Karo", EntityType::Loc), ("Le Valdor", EntityType::Loc)],
    );
    // Karo and Valdor are no countries here: the army resolves to nothing
    // rather than to a town.
    assert_eq!(fx.speakers_with_references(), [None]);
    let mut fx = Fx::new(
        "Strikes hit Karo. A Dutch official said the cabinet \"will meet again on the matter\". The Netherlands gave no toll.",
        "en",
        &[("Karo", EntityType::Loc), ("Netherlands", EntityType::Loc)],
    );
    fx.entities[1].key = "netherlands".to_string();
    fx.entities[1].geo = Some(depeche_text::Geo {
        lat: 0.0,
        lon: 0.0,
        country: "NL".to_string(),
        geonames_id: None,
        kind: "country".to_string(),
    });
    assert_eq!(
        fx.speakers_with_references(),
        [Some("Netherlands".to_string())]
    );
}

#[test]
fn a_pronoun_speaks_for_the_subject_before_the_last_name() {
    let fx = Fx::new(
        "Marc Olin a été écarté par le Conseil. Il dénonce une injustice et accuse le président Paul Ras. Il assure : « Nous irons jusqu'au bout de cette lutte ».",
        "fr",
        &[("Marc Olin", EntityType::Per), ("Paul Ras", EntityType::Per)],
    );
    assert_eq!(
        fx.speakers_with_references(),
        [Some("Marc Olin".to_string())]
    );
    let fx = Fx::new(
        "Mark Olin was barred by the council. He accused President Paul Ras of fraud. \"We will fight this to the end,\" he said.",
        "en",
        &[("Mark Olin", EntityType::Per), ("Paul Ras", EntityType::Per)],
    );
    assert_eq!(
        fx.speakers_with_references(),
        [Some("Mark Olin".to_string())]
    );
}

#[test]
fn a_quote_alone_after_its_speaker_is_theirs() {
    let fx = Fx::new(
        "Jon Bax contested the basis of his arrest. \"I was brought here against my will.\"",
        "en",
        &[("Jon Bax", EntityType::Per)],
    );
    assert_eq!(fx.speakers_with_references(), [Some("Jon Bax".to_string())]);
    let fx = Fx::new(
        "Jean Bax a contesté son arrestation. « On m'a amené ici contre mon gré. »",
        "fr",
        &[("Jean Bax", EntityType::Per)],
    );
    assert_eq!(
        fx.speakers_with_references(),
        [Some("Jean Bax".to_string())]
    );
}

#[test]
fn a_title_alone_speaks_for_the_person_just_named() {
    let fx = Fx::new(
        "Aux Pays-Bas, Piet Vos a qualifié la décision de surprenante. « C'est vraiment une décision très surprenante », a déclaré le président conservateur.",
        "fr",
        &[("Piet Vos", EntityType::Per), ("Pays-Bas", EntityType::Loc)],
    );
    assert_eq!(
        fx.speakers_with_references(),
        [Some("Piet Vos".to_string())]
    );
    let fx = Fx::new(
        "Piet Vos called the ruling surprising. \"It is a very surprising decision,\" the president said.",
        "en",
        &[("Piet Vos", EntityType::Per)],
    );
    assert_eq!(
        fx.speakers_with_references(),
        [Some("Piet Vos".to_string())]
    );
}
