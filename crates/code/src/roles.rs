//! Who acts and whom it is done to: the source and the target of a
//! trigger, read from the candidates of its sentence.

use depeche_text::{EntityType, Sentence, TokenKind};

use crate::actors::{is_determiner, Candidate, Found, Governor};
use crate::clauses::Clause;
use crate::lexicon::{Grammar, Lexicon, Mark, Trigger, Word};
use crate::setting::host_country;
use crate::{Memory, Reading, CLAIMS, JOINT_ACTS, NEAR, STATE_ACTS};

impl Reading<'_> {
    /// The nearest candidate before token `before` from `from` on that
    /// can be a subject: a free name or title first, then a free demonym.
    pub(crate) fn subject(
        &self,
        cands: &[Candidate],
        from: usize,
        before: usize,
        skip: Option<(usize, usize)>,
    ) -> Option<usize> {
        let skipped = move |c: &&Candidate| {
            skip.is_some_and(|(a, b)| (a..=b).contains(&c.first))
                || self.apposed(cands, c, before)
                || self.owns_other(c)
        };
        let zone = move || {
            cands
                .iter()
                .rev()
                .filter(move |c| c.first >= from && c.end <= before)
                .filter(move |c| !skipped(c))
        };
        // "La délégation du ministère russe est arrivée": the body the
        // subject belongs to acts.
        zone()
            .find(|c| c.governor == Governor::Free && c.found != Found::Demonym)
            .or_else(|| zone().find(|c| c.governor == Governor::Free))
            .or_else(|| zone().find(|c| c.governor == Governor::Other && c.found == Found::Named))
            .map(|c| c.entity)
    }

    /// Whether candidate `c` is a possessive determiner whose noun,
    /// someone else, is the subject ("her father accused", "son fils a
    /// été arrêté"): its owner is not. Before the owner's state agents
    /// ("its army") or an act it names ("his arrest") it stands for the
    /// owner.
    fn owns_other(&self, c: &Candidate) -> bool {
        c.end == c.first + 1
            && self.words[c.first].mark == Some(Mark::Owner)
            && self
                .words
                .get(c.end)
                .is_some_and(|w| !w.agent && w.trigger.is_none())
    }

    /// Whether candidate `c` stands in an apposition to the name right
    /// before it, between two commas before token `before` ("X, once an
    /// al-Qaeda affiliate, seized Y"): the name it describes is the
    /// subject, not it.
    fn apposed(&self, cands: &[Candidate], c: &Candidate, before: usize) -> bool {
        let comma = |k: usize| self.words[k].text == ",";
        let Some(open) = (c.first.saturating_sub(4)..c.first)
            .rev()
            .find(|&k| comma(k))
        else {
            return false;
        };
        let plain_between = (open + 1..c.first).all(|k| self.words[k].trigger.is_none());
        let described = cands
            .iter()
            .any(|d| d.end == open && d.governor == Governor::Free);
        let closed = (c.end..before).find(|&k| comma(k) || self.words[k].trigger.is_some());
        plain_between && described && closed.is_some_and(comma)
    }

    /// The first candidate of `clause` before token `before` that can be
    /// a subject: the main clause's subject, a free name or title first,
    /// then a free demonym.
    fn main_subject(&self, cands: &[Candidate], clause: &Clause, before: usize) -> Option<usize> {
        let skipped = |c: &&Candidate| {
            clause.skip.is_some_and(|(a, b)| (a..=b).contains(&c.first)) || self.owns_other(c)
        };
        let zone = || {
            cands
                .iter()
                .filter(|c| c.first >= clause.start && c.end <= before)
                .filter(|c| !skipped(c) && c.governor == Governor::Free)
        };
        zone()
            .find(|c| c.found != Found::Demonym)
            .or_else(|| zone().next())
            .map(|c| c.entity)
    }

    /// Where an adjective of the trigger at `t` stands, on the side of the
    /// noun where the language puts adjectives: next to it, and one word
    /// further.
    fn adjective_slots(&self, t: usize) -> [Option<usize>; 2] {
        match self.adjectives_after {
            true => [Some(t + 1), Some(t + 2)],
            false => [t.checked_sub(1), t.checked_sub(2)],
        }
    }

    /// The country a demonym qualifying the trigger at `t` names: the
    /// state does what its adjective says ("Israeli air strikes",
    /// "frappes aériennes israéliennes"), next to the noun or one plain
    /// word away.
    pub(crate) fn qualifier(&self, cands: &[Candidate], t: usize) -> Option<usize> {
        let [near, far] = self.adjective_slots(t);
        let plain = |k: Option<usize>| {
            k.and_then(|k| self.words.get(k))
                .is_some_and(Word::is_plain)
        };
        let next_to =
            |c: &Candidate| Some(c.first) == near || (Some(c.first) == far && plain(near));
        cands
            .iter()
            .filter(|c| c.found == Found::Demonym && !self.words[c.first].agent)
            .find(|c| next_to(c))
            .map(|c| c.entity)
    }

    /// Whether a demonym qualifies the trigger at `t` where the language
    /// puts adjectives while the article names no such country: the act
    /// is that country's, so no one else named in the clause did it ("une
    /// attaque israélienne contre l'Iran, l'AIEA affirme").
    pub(crate) fn unnamed_qualifier(&self, cands: &[Candidate], t: usize) -> bool {
        let [near, far] = self.adjective_slots(t);
        // A word of a name ("Nepali Congress") qualifies nothing.
        let named = |k: usize| {
            cands
                .iter()
                .any(|c| c.found != Found::Demonym && c.first <= k && k < c.end)
        };
        // The word at a slot, unless it is part of a name.
        let word = |k: Option<usize>| k.filter(|&k| !named(k)).and_then(|k| self.words.get(k));
        let qualifies = |w: &Word| w.demonym.is_some() && !w.agent;
        word(near).is_some_and(qualifies)
            || (word(far).is_some_and(qualifies) && word(near).is_some_and(Word::is_plain))
    }

    /// Whether the words of `range` hold a count: digits or a number word
    /// of the language's figures table ("13", "quatre", "dozens").
    pub(crate) fn holds_count(&self, range: std::ops::Range<usize>) -> bool {
        let numbers = crate::figures::table::Table::get(self.doc.lang.code);
        range.into_iter().any(|k| {
            self.doc.tokens[k].kind == TokenKind::Number
                || numbers.word(self.words[k].text).counts()
        })
    }

    /// Whether the word governing a candidate after the trigger at `t`,
    /// before its determiners and titles, is "of"/"de"/"du" after a thing
    /// or person of its ("a video of X"), not after a body it heads ("le
    /// gouvernement de X" is X's) nor right after the trigger ("arrêté
    /// des manifestants").
    fn after_of(&self, c: &Candidate, t: usize) -> bool {
        let mut k = c.first;
        while k > t + 1 && (is_determiner(&self.words[k - 1]) || self.words[k - 1].title) {
            k -= 1;
        }
        k > t + 2 && self.words[k - 1].is_of() && !self.words[k - 2].agent
    }

    /// Whether candidate `c` is what an assault at `t` strikes, named
    /// right after it behind a word that marks it so ("des frappes
    /// israéliennes sur X"): up to two words may qualify the trigger. Only
    /// for a state or a group named before the trigger or qualifying it,
    /// as one named after or a person is more often its victim ("X est
    /// mort dans une frappe sur Y").
    fn struck_onto(
        &self,
        cands: &[Candidate],
        c: &Candidate,
        t: usize,
        trigger: &Trigger,
        source: usize,
    ) -> bool {
        let before = cands.iter().any(|b| b.entity == source && b.first < t + 4);
        if self.entities[source].ty == EntityType::Per || !before {
            return false;
        }
        let mut k = c.first;
        while k > t + 1 && is_determiner(&self.words[k - 1]) {
            k -= 1;
        }
        trigger.ty == "ASSAULT"
            && c.governor == Governor::Locative
            && k > t + 1
            && k <= t + 4
            && self.words[k - 1].mark == Some(Mark::Onto)
            && (t + 1..k - 1).all(|j| self.words[j].is_plain())
    }

    /// The sides "entre X et Y" names after the trigger at `t`, the first
    /// of them near it; none
    /// when another trigger stands before "entre", whose sides they are
    /// ("truce talks stalled as fighting between X and Y went on"). A
    /// name qualifying the next one in a compound ("the Iran-backed Y")
    /// is not a side: the name it qualifies is.
    pub(crate) fn between(&self, cands: &[Candidate], t: usize) -> Vec<usize> {
        let Some(i) = cands
            .iter()
            .position(|c| c.first > t && c.governor == Governor::Between)
            .filter(|&i| cands[i].first <= t + self.between_reach(t))
        else {
            return Vec::new();
        };
        if (t + 1..cands[i].first).any(|k| self.words[k].trigger.is_some()) {
            return Vec::new();
        }
        let mut sides = Vec::new();
        for (j, c) in cands.iter().enumerate().skip(i) {
            if c.governor != Governor::Between {
                break;
            }
            let qualified = cands
                .get(j + 1)
                .filter(|next| self.compound_modifier(c) && next.first <= c.end + 3);
            sides.push(qualified.map_or(c.entity, |next| next.entity));
        }
        sides
    }

    /// How far after the trigger at `t` the first side "between" names
    /// may stand: further when a relative clause opens right after it
    /// ("les combats, qui durent depuis un an, entre X et Y").
    fn between_reach(&self, t: usize) -> usize {
        let relative = (t + 1..t + 3).any(|k| {
            self.words
                .get(k)
                .is_some_and(|w| w.grammar == Some(Grammar::Relative))
        });
        if relative {
            NEAR
        } else {
            12
        }
    }

    /// Whether the trigger at `t` is a noun ("the fighting", "a conflict",
    /// form `noun` or `between`) with "between" right after it and no
    /// name before "between": its sides are the ones "between" names.
    fn names_its_sides(&self, cands: &[Candidate], t: usize) -> bool {
        let noun = self.words[t]
            .trigger
            .is_some_and(|tr| tr.noun || tr.between)
            || (t > 0 && is_determiner(&self.words[t - 1]));
        let first = cands.iter().find(|c| c.first > t);
        let near = (t + 1..t + 5).any(|k| {
            self.words
                .get(k)
                .is_some_and(|w| w.grammar == Some(Grammar::Between))
        });
        noun && near && first.is_some_and(|c| c.governor == Governor::Between)
    }

    /// Whether a candidate ends in a compound qualifying what follows.
    fn compound_modifier(&self, c: &Candidate) -> bool {
        self.compound_tail(c).is_some()
    }

    /// The lowercase word glued by a hyphen to the end of a candidate, in
    /// one token or three ("Iran-backed", "US-led"): the candidate then
    /// qualifies what follows.
    fn compound_tail(&self, c: &Candidate) -> Option<&str> {
        let tokens = &self.doc.tokens;
        let view = self.doc.text.view();
        let text = |k: usize| {
            tokens.get(k).map_or("", |tok| {
                let s = tok.span();
                &view[s.start..s.end]
            })
        };
        let lower = |w: &&str| w.chars().next().is_some_and(char::is_lowercase);
        let glued = |k: usize| tokens.get(k).is_some_and(|tok| !tok.space_before);
        let inside = depeche_text::split_at_last_hyphen(text(c.end - 1)).map(|(_, w)| w);
        inside.filter(lower).or_else(|| {
            (glued(c.end) && text(c.end) == "-" && glued(c.end + 1))
                .then(|| text(c.end + 1))
                .filter(lower)
        })
    }

    /// Whether a compound's tail makes the name it is glued to the owner
    /// of what follows ("US-flagged", "Iranian-owned"): marked `owning`
    /// in the tables.
    fn owning(&self, tail: &str) -> bool {
        let lex = Lexicon::get(self.doc.lang.code);
        lex.word(&tail.to_lowercase(), true).mark == Some(Mark::Owning)
    }

    /// Whether a plural subject pronoun in `range` ("they accused")
    /// would stand for `entity`, a person: one person is never "they".
    fn plural_for_person(&self, range: std::ops::Range<usize>, entity: usize) -> bool {
        self.entities[entity].ty == EntityType::Per
            && range.into_iter().any(|k| {
                self.grammar(k) == Some(Grammar::Pronoun)
                    && self.words[k].mark == Some(Mark::Plural)
            })
    }

    /// Who acts on the trigger at `t`, and whom when the same reading
    /// says it too (a possessive's pair, "entre X et Y").
    pub(crate) fn source(
        &self,
        sentence: &Sentence,
        cands: &[Candidate],
        t: usize,
        clause: &Clause,
        memory: &Memory,
        between: &[usize],
    ) -> (Option<usize>, Option<usize>) {
        if clause.shared.is_some() {
            return (clause.shared, None);
        }
        // "pushed for an end to the fighting between X and Y": the sides
        // a noun names are its actors, not the clause's subject.
        if between.len() >= 2 && self.names_its_sides(cands, t) {
            return (Some(between[0]), Some(between[1]));
        }
        // ", rejetant l'appel de X": the main clause's subject acts.
        if self.words[t].participle && t > clause.start && self.words[t - 1].text == "," {
            if let Some(main) = self.main_subject(cands, clause, t) {
                return (Some(main), None);
            }
        }
        let start = sentence.tokens.start;
        let pronoun = (clause.start..t).any(|k| self.grammar(k) == Some(Grammar::Pronoun));
        let possessive = (t.saturating_sub(2).max(clause.start)..t)
            .any(|k| self.grammar(k) == Some(Grammar::Possessive));
        let mut source = self.subject(cands, clause.start, t, clause.skip);
        // "Her father accused X": the subject is someone unnamed, so no
        // one later in the clause stands for it.
        let owned = || {
            cands
                .iter()
                .any(|c| c.first >= clause.start && c.end <= t && self.owns_other(c))
        };
        if source.is_none() && owned() {
            return (None, None);
        }
        // "La Russie et l'Ukraine ont convenu": two joint subjects of an
        // act done together are its two sides.
        let mut target = None;
        if let Some((first, second)) = source.and_then(|s| self.joint_subjects(cands, s, t)) {
            (source, target) = (Some(first), Some(second));
        }
        if source.is_none() && possessive {
            (source, target) = (memory.pair.map(|p| p.0), memory.pair.map(|p| p.1));
        }
        if source.is_none() && pronoun {
            source = match clause.opener {
                Some((Grammar::Complementiser, k)) => self.subject(cands, start, k, None),
                _ => self.subject(cands, start, clause.start, None),
            }
            .or(memory.subject)
            .filter(|&s| !self.plural_for_person(clause.start..t, s));
        }
        if source.is_none() {
            if let Some((Grammar::Relative, k)) = clause.opener {
                source = cands
                    .iter()
                    .rev()
                    .find(|c| c.end <= k && c.end + 2 >= k && c.governor != Governor::SourceCue)
                    .map(|c| c.entity);
            }
        }
        if source.is_none() && between.len() >= 2 {
            (source, target) = (Some(between[0]), Some(between[1]));
        }
        if source.is_none() && clause.start == start && !pronoun {
            // A nominal trigger opening the sentence ("In a meeting in
            // Tunis, X told Y"): the first free actor after it acts,
            // unless another trigger stands before that actor, whose
            // actor it is ("As truce talks went on, fighting between X
            // and Y grew").
            source = cands
                .iter()
                .filter(|c| c.first > t)
                .find(|c| c.governor == Governor::Free)
                .filter(|c| (t + 1..c.first).all(|k| self.words[k].trigger.is_none()))
                .map(|c| c.entity);
        }
        (source, target)
    }

    /// The two subjects "X et Y" whose second is `subject`, when the
    /// trigger at `t` is an act two sides do together (`JOINT_ACTS`) and
    /// their verb, at most two words after them ("ont convenu", "will
    /// sign"): a truce further on is what they push for or broker.
    fn joint_subjects(
        &self,
        cands: &[Candidate],
        subject: usize,
        t: usize,
    ) -> Option<(usize, usize)> {
        if !self.words[t]
            .trigger
            .is_some_and(|tr| JOINT_ACTS.contains(&tr.ty))
        {
            return None;
        }
        let i = cands.iter().rposition(|c| {
            c.entity == subject && c.end <= t && c.end + 2 >= t && c.governor == Governor::Free
        })?;
        let (first, second) = (cands.get(i.checked_sub(1)?)?, &cands[i]);
        let joined = (first.end..second.first).any(|k| self.grammar(k) == Some(Grammar::And))
            && (first.end..second.first)
                .all(|k| self.grammar(k) == Some(Grammar::And) || is_determiner(&self.words[k]));
        (joined && first.governor == Governor::Free && first.entity != subject)
            .then_some((first.entity, subject))
    }

    /// Whom `source` acts on with the trigger at `t`, when no reading of
    /// the subject said it: a side "entre X et Y" names, a free name near
    /// the trigger or one after a target word ("avec X"), a recipient, a
    /// name right after the trigger, a visit's host country.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn target(
        &self,
        sentence: &Sentence,
        cands: &[Candidate],
        t: usize,
        trigger: &Trigger,
        source: usize,
        between: &[usize],
        location: Option<usize>,
    ) -> Option<usize> {
        between
            .iter()
            .copied()
            .find(|&b| !self.sides.one_side(source, b))
            .or_else(|| self.object(sentence, cands, t, trigger, source))
            .or_else(|| {
                // A visit's host is the country of the place visited.
                (trigger.mode == Some("visit"))
                    .then(|| host_country(location?, self.entities))
                    .flatten()
                    .filter(|&h| !self.sides.one_side(source, h))
            })
    }

    /// A free name near the trigger or one after a target word first
    /// ("avec X"), but not the subject of a reported clause ("warned that
    /// the US will"); then a recipient ("livré à l'Ukraine", "rendu visite
    /// à X"); then a name right after the trigger behind any preposition
    /// ("évacué de Libye").
    fn object(
        &self,
        sentence: &Sentence,
        cands: &[Candidate],
        t: usize,
        trigger: &Trigger,
        source: usize,
    ) -> Option<usize> {
        // A verb coordinated with the trigger has objects of its own
        // ("imposed a curfew and restricted access to X").
        let stop = (t + 1..sentence.tokens.end)
            .find(|&k| {
                self.grammar(k) == Some(Grammar::Break)
                    || self.words[k]
                        .trigger
                        .is_some_and(|next| self.coordinated(cands, t, k, next))
            })
            .unwrap_or(sentence.tokens.end);
        // A crowd of people is whom the state's agents coerce or assault;
        // a crowd a demonym gives another country ("expelled Rwandan
        // nationals"), whom anyone's force is used on.
        let forceful = self.state_on_crowd(cands, t, trigger, source);
        let force = STATE_ACTS.contains(&trigger.ty) || trigger.ty == "ASSAULT";
        let crowd = |c: &Candidate| {
            c.found == Found::Demonym
                && ((forceful && self.words[c.first].people)
                    || (force
                        && self.foreign_crowd(c)
                        && c.entity != source
                        && !self.sides.one_side(source, c.entity)))
        };
        let open = || {
            cands
                .iter()
                .filter(move |c| c.first > t && c.end <= stop)
                // "against Kenya-style protests": a name qualifying a
                // compound is not whom, unless it owns what follows ("a
                // US-flagged tanker").
                .filter(move |c| self.compound_tail(c).is_none_or(|tail| self.owning(tail)))
                .filter(move |c| c.found != Found::Demonym || crowd(c) || self.claimed_on(c, t))
                .filter(move |c| crowd(c) || !self.sides.one_side(source, c.entity))
        };
        // Whom a request asks to act is its target ("demanded that X
        // resign"); a claim's reported subject is not ("warned that X").
        let reported_subject = |c: &Candidate| {
            trigger.ty != "REQUEST"
                && (c.first.saturating_sub(3).max(t)..c.first)
                    .any(|k| self.grammar(k) == Some(Grammar::Complementiser))
        };
        let place = |c: &Candidate| self.entities[c.entity].ty == EntityType::Loc;
        let claim = CLAIMS.contains(&trigger.ty);
        let visit = trigger.mode == Some("visit");
        // A protest is against whom it says ("against X"), not the person
        // it is over or the thing it names.
        if trigger.ty == "PROTEST" {
            return open()
                .find(|c| c.governor == Governor::Target)
                .map(|c| c.entity);
        }
        open()
            .find(|c| {
                (c.governor == Governor::Free && c.first <= t + NEAR && !reported_subject(c))
                    || c.governor == Governor::Target
            })
            .or_else(|| {
                claim
                    .then(|| open().find(|c| self.authored(c, t)))
                    .flatten()
            })
            .or_else(|| open().find(|c| self.struck_onto(cands, c, t, trigger, source)))
            .or_else(|| open().find(|c| c.governor == Governor::Dative && (!visit || !place(c))))
            .or_else(|| {
                // A visit's host may stand further ("sur invitation du
                // maréchal X"). What a state does to someone is not done
                // to the one named after a thing's "of" ("released a
                // video of X", "arrested the son of X").
                let owner = |c: &Candidate| crate::nominal::done_to(trigger) && self.after_of(c, t);
                open().find(|c| {
                    c.governor == Governor::Other
                        && !owner(c)
                        && (c.first <= t + 6 || (visit && !place(c)))
                })
            })
            .map(|c| c.entity)
    }

    /// Whether candidate `c`, a demonym or a state's agents, is whom the
    /// claim at `t` (`CLAIMS`) is made against or asked of: its direct
    /// object ("accused the Iranian government", "a exhorté les
    /// autorités", "accuse son voisin marocain"), or the author of what
    /// it is about ("dénoncent la gestion de la transition par la junte").
    fn claimed_on(&self, c: &Candidate, t: usize) -> bool {
        let claim = self.words[t]
            .trigger
            .is_some_and(|tr| CLAIMS.contains(&tr.ty));
        claim && c.first > t && (self.claim_object(c, t) || self.authored(c, t))
    }

    /// Whether candidate `c` is the direct object of the trigger at `t`:
    /// free, with only articles or possessives before it, and, where
    /// adjectives follow their noun, the noun it qualifies ("le président
    /// russe").
    fn claim_object(&self, c: &Candidate, t: usize) -> bool {
        let article = |k: usize| {
            let w = &self.words[k];
            is_determiner(w) || w.mark == Some(Mark::Owner)
        };
        let noun = |k: usize| {
            let w = &self.words[k];
            w.grammar.is_none() && w.mark.is_none() && !w.preposition
        };
        let head = match self.adjectives_after && c.first > t + 1 && noun(c.first - 1) {
            true => c.first - 1,
            false => c.first,
        };
        c.governor == Governor::Free && (t + 1..head).all(article)
    }

    /// Whether candidate `c`, after the trigger at `t`, is the agent of
    /// what the trigger's object names ("a coup plotted by X", "un coup
    /// fomenté par les magistrats de X"): an agent word before it, with
    /// at most four articles, nouns and "of" between; not one right after
    /// the trigger, whose own agent it is ("accusé par X"), nor after a
    /// reporting verb ("as reported by X").
    fn authored(&self, c: &Candidate, t: usize) -> bool {
        let from = c.first.saturating_sub(5).max(t + 2);
        (from..c.first).rev().any(|k| {
            self.grammar(k) == Some(Grammar::Agent)
                && self.words[k - 1].mark != Some(Mark::Reporting)
                && (k + 1..c.first).all(|j| {
                    let w = &self.words[j];
                    is_determiner(w) || w.is_of() || w.title || w.is_plain()
                })
        })
    }

    /// Whether candidate `c`, found by a demonym, is one qualifying a
    /// crowd word on the side where the language puts its adjectives
    /// ("des ressortissants rwandais", "Rwandan nationals"): that
    /// country's people.
    fn foreign_crowd(&self, c: &Candidate) -> bool {
        let noun = match self.adjectives_after {
            true => c.first.checked_sub(1),
            false => Some(c.end),
        };
        self.words[c.first].demonym.is_some()
            && noun.is_some_and(|k| self.words.get(k).is_some_and(|w| w.people))
    }

    /// Whether the trigger at `t` is force the state's agents, its
    /// subject, may use on a crowd of their own people ("police arrested
    /// protesters").
    pub(crate) fn state_on_crowd(
        &self,
        cands: &[Candidate],
        t: usize,
        trigger: &Trigger,
        source: usize,
    ) -> bool {
        let state = |c: &Candidate| {
            let w = &self.words[c.first];
            c.entity == source && c.first < t && w.agent && !w.people
        };
        (STATE_ACTS.contains(&trigger.ty) || trigger.ty == "ASSAULT") && cands.iter().any(state)
    }
}
