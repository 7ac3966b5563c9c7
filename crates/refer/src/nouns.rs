//! Noun phrases that refer: titles, descriptions, collectives, documents.

use depeche_text::EntityType;

use crate::lexicon::{Class, Det, Fallback, Noun, NounKind};
use crate::{Kind, Reader, Reference, Referent, State, BACK, LOOKBACK};

impl Reader<'_> {
    /// Resolves the noun phrase at tokens `s..end` and records it.
    pub(crate) fn noun(&self, s: usize, end: usize, noun: &Noun, st: &mut State) {
        let (det, demonym) = self.frame(s, end);
        let det_kind = det.map(|(_, d)| d.kind);
        if noun.kind != NounKind::Document && self.named_after(end) {
            return;
        }
        let number = det
            .map(|(_, d)| d.number)
            .filter(|n| *n != crate::Number::Any)
            .unwrap_or(noun.number);
        let gender = det
            .map(|(_, d)| d.gender)
            .filter(|g| *g != crate::Gender::Any)
            .unwrap_or(noun.gender);
        let country = demonym.and_then(|key| self.entity_keyed(key));
        let found = match noun.kind {
            NounKind::Title => self.title(s, end, noun, det_kind, country, st),
            NounKind::Person => matches!(det_kind, Some(Det::Definite | Det::Demonstrative))
                .then(|| self.salient_person(s, st))
                .flatten()
                .map(|e| (e, Kind::Description)),
            NounKind::Collective(fallback) => self.collective(s, end, noun, fallback, country, st),
            // "prendre en compte", "in part": a document has a determiner.
            NounKind::Document if det.is_none() => None,
            NounKind::Document => self.document(s, end, det, st),
        };
        let Some((entity, kind)) = found else {
            return;
        };
        st.out.push(Reference {
            span: self.tspan(s, end),
            entity,
            kind,
        });
        if kind != Kind::Document {
            if let Some(class) = self.class_of(entity) {
                let class = if noun.kind == NounKind::Title || noun.kind == NounKind::Person {
                    Class::Person
                } else {
                    class
                };
                self.push(s, end, entity, class, number, gender, st);
            }
        }
    }

    fn tspan(&self, s: usize, end: usize) -> depeche_text::Span {
        depeche_text::Span::new(
            self.doc.tokens[s].span().start,
            self.doc.tokens[end - 1].span().end,
        )
    }

    /// The entity of the document whose key is `key` (a country named).
    fn entity_keyed(&self, key: &str) -> Option<usize> {
        self.entities.iter().position(|e| e.key == key)
    }

    /// A title: its holder, its complement, the salient person (definite),
    /// the country of its demonym.
    fn title(
        &self,
        s: usize,
        end: usize,
        noun: &Noun,
        det: Option<Det>,
        country: Option<usize>,
        st: &State,
    ) -> Option<(usize, Kind)> {
        if det == Some(Det::Possessive) {
            return None;
        }
        let definite = det != Some(Det::Indefinite);
        if definite {
            // Whole words: "président" is not held by a "vice-président".
            let phrase = format!(" {} ", noun.words.join(" ").replace("' ", "'"));
            let titles = self.role_titles.get_or_init(|| {
                self.entities
                    .iter()
                    .map(|e| {
                        e.roles
                            .iter()
                            .map(|r| format!(" {} ", r.title.to_lowercase()))
                            .collect()
                    })
                    .collect()
            });
            let holders: Vec<usize> = (0..self.entities.len())
                .filter(|&e| titles[e].iter().any(|t| t.contains(phrase.as_str())))
                .collect();
            if let Some(&first) = holders.first() {
                let latest = st
                    .referents
                    .iter()
                    .rev()
                    .take(LOOKBACK)
                    .find(|r| holders.contains(&r.entity))
                    .map_or(first, |r| r.entity);
                return Some((latest, Kind::Title));
            }
        }
        if let Some(e) = self.complement(s, end) {
            return Some((e, Kind::Title));
        }
        if matches!(det, Some(Det::Definite | Det::Demonstrative)) {
            if let Some(e) = self.salient_person(s, st) {
                return Some((e, Kind::Title));
            }
        }
        country.map(|e| (e, Kind::Description))
    }

    /// The person a definite description most likely means.
    fn salient_person(&self, s: usize, st: &State) -> Option<usize> {
        self.antecedent(s, st, |r| r.class == Class::Person)
            .map(|r| r.entity)
    }

    /// A group noun: its complement, an organisation bearing its word, the
    /// country of its demonym, else its fallback.
    fn collective(
        &self,
        s: usize,
        end: usize,
        noun: &Noun,
        fallback: Fallback,
        country: Option<usize>,
        st: &State,
    ) -> Option<(usize, Kind)> {
        if let Some(e) = self.complement(s, end) {
            return Some((e, Kind::Collective));
        }
        let head = noun.words.first()?;
        // A state's body takes the country of its demonym; rebels do not.
        let country = country.filter(|_| fallback == Fallback::State);
        let kind = if country.is_some() {
            Kind::Description
        } else {
            Kind::Collective
        };
        let names = self.org_names.get_or_init(|| {
            self.entities
                .iter()
                .map(|e| (e.ty == EntityType::Org).then(|| e.name.to_lowercase()))
                .collect()
        });
        let bearing = (0..self.entities.len())
            .find(|&e| names[e].as_ref().is_some_and(|n| n.contains(head.as_str())));
        if let Some(e) = bearing.or(country) {
            return Some((e, kind));
        }
        let found = match fallback {
            Fallback::Org => self.nearest_org(s, st),
            Fallback::State => self.country_of_article(st),
            Fallback::Place => self.nearest_place(s),
        };
        found.map(|e| (e, Kind::Collective))
    }

    /// The latest organisation referent of the last sentences, else an
    /// organisation that opens one of the next two sentences.
    fn nearest_org(&self, s: usize, st: &State) -> Option<usize> {
        let sent = self.doc.sentence_of(s);
        let org = |r: &Referent| self.entities[r.entity].ty == EntityType::Org;
        if let Some(r) = st
            .referents
            .iter()
            .rev()
            .take(LOOKBACK)
            .take_while(|r| r.sent + BACK >= sent)
            .find(|r| org(r))
        {
            return Some(r.entity);
        }
        let k = self.named.partition_point(|&m| self.mtok[m].0 < s);
        let mut seen = sent;
        self.named[k..]
            .iter()
            .take(LOOKBACK)
            .take_while(|&&m| self.doc.sentence_of(self.mtok[m].0) <= sent + 2)
            .filter(|&&m| {
                let first = self.doc.sentence_of(self.mtok[m].0) > seen;
                seen = self.doc.sentence_of(self.mtok[m].0);
                first
            })
            .find(|&&m| {
                let (a, b) = self.mtok[m];
                self.mentions[m].ty == EntityType::Org && !self.is_complement(a, b)
            })
            .map(|&m| self.mentions[m].entity)
    }

    /// The country the article is about: the latest country named so
    /// far, else, before any, the country it names most (the first of
    /// equals): a body named before its country ("la junte au pouvoir à
    /// X, la France…") belongs to the country of the story, not to the
    /// next one named.
    fn country_of_article(&self, st: &State) -> Option<usize> {
        st.referents
            .iter()
            .rev()
            .take(LOOKBACK)
            .find(|r| self.is_country(r.entity))
            .map(|r| r.entity)
            .or_else(|| self.most_named_country())
    }

    /// The country the article's names outside quotations name most
    /// often, the first named of equals.
    fn most_named_country(&self) -> Option<usize> {
        let mut counts: Vec<(usize, usize)> = Vec::new();
        for e in self.named.iter().map(|&m| self.mentions[m].entity) {
            if !self.is_country(e) {
                continue;
            }
            match counts.iter_mut().find(|(c, _)| *c == e) {
                Some((_, n)) => *n += 1,
                None => counts.push((e, 1)),
            }
        }
        // `max_by_key` keeps the last of equals: reversed, the first.
        counts
            .into_iter()
            .rev()
            .max_by_key(|&(_, n)| n)
            .map(|(e, _)| e)
    }

    /// The latest place named in the sentences before `s`.
    fn nearest_place(&self, s: usize) -> Option<usize> {
        let sent = self.doc.sentence_of(s);
        let k = self.named.partition_point(|&m| self.mtok[m].0 < s);
        self.named[..k]
            .iter()
            .rev()
            .take(LOOKBACK)
            .take_while(|&&m| self.doc.sentence_of(self.mtok[m].0) + 2 * BACK >= sent)
            .find(|&&m| self.mentions[m].ty == EntityType::Loc)
            .map(|&m| self.mentions[m].entity)
    }

    /// A document: its possessor ("son compte sur X" is its owner's), its
    /// complement, the subject of its sentence or of the one before.
    fn document(
        &self,
        s: usize,
        end: usize,
        det: Option<(usize, crate::lexicon::Determiner)>,
        st: &State,
    ) -> Option<(usize, Kind)> {
        if let Some((t, d)) = det {
            if d.kind == Det::Possessive {
                let start = self.doc.tokens[t].span().start;
                return st
                    .out
                    .iter()
                    .rev()
                    .take(2)
                    .find(|r| r.span.start == start)
                    .map(|r| (r.entity, Kind::Document));
            }
        }
        if let Some(e) = self.complement(s, end) {
            return Some((e, Kind::Document));
        }
        let sent = self.doc.sentence_of(s);
        (sent.saturating_sub(1)..=sent)
            .rev()
            .find_map(|k| st.subject[k])
            .map(|r| (st.referents[r].entity, Kind::Document))
    }
}
