//! Protests by a crowd: "thousands of demonstrators took to the streets
//! to protest against X", "des manifestants ont défilé contre Y". The
//! crowd names no actor, so (GOLD's convention for unnamed participants)
//! it stands for its country; it protests against whom the clause says it
//! is against, else against its own country's state: the person a protest
//! is over ("over the death of X") or a thing it names ("protests: Facebook
//! banned") is not its target.

use depeche_text::{EntityType, Sentence};

use crate::actors::{Candidate, Found, Governor};
use crate::lexicon::Trigger;
use crate::setting::host_country;
use crate::{Reading, NEAR};

impl Reading<'_> {
    /// The two sides of a protest trigger at `t` whose sentence has a
    /// crowd word ("demonstrators", "manifestants") up to the trigger,
    /// or `None`. A crowd noun followed in its clause by another kind of
    /// event ("protesters were arrested") is that event's actor, not a
    /// protest.
    pub(crate) fn crowd(
        &self,
        sentence: &Sentence,
        cands: &[Candidate],
        t: usize,
        trigger: &Trigger,
        clause_end: usize,
    ) -> Option<(usize, usize)> {
        if trigger.ty != "PROTEST" {
            return None;
        }
        let crowd = cands.iter().find(|c| {
            c.found == Found::Demonym
                && c.first >= sentence.tokens.start
                && c.first <= t
                && self.words[c.first].people
        })?;
        let other_event =
            (t + 1..clause_end).any(|k| self.words[k].trigger.is_some_and(|o| o.ty != "PROTEST"));
        if self.words[t].people && other_event {
            return None;
        }
        // The crowd is of the country where the sentence puts it ("À
        // Niamey, des manifestants"), else of the one its words name.
        let source = self
            .mentions_of(sentence)
            .iter()
            .map(|&i| self.mentions[i].entity)
            .filter(|&e| self.entities[e].ty == EntityType::Loc)
            .find_map(|e| host_country(e, self.entities))
            .unwrap_or(crowd.entity);
        let target = cands
            .iter()
            .filter(|c| c.first > t && c.first < clause_end.min(t + NEAR))
            .filter(|c| c.found != Found::Demonym)
            .filter(|c| crate::actors::is_actor(&self.entities[c.entity]))
            .find(|c| c.governor == Governor::Target)
            .map_or(source, |c| c.entity);
        Some((source, target))
    }

    /// Whether the trigger at `t` is a fight between a crowd of
    /// `country`'s people and its state's agents, one its subject and the
    /// other named after "avec"/"with" or both after "entre"/"between"
    /// in the clause `range` ("protesters clashed with police", "des
    /// affrontements entre manifestants et policiers"): the state's force
    /// on its own people.
    pub(crate) fn crowd_and_state(
        &self,
        cands: &[Candidate],
        t: usize,
        range: std::ops::Range<usize>,
        country: usize,
    ) -> bool {
        let side = |c: &&Candidate| {
            let after = matches!(c.governor, Governor::Target | Governor::Between);
            range.contains(&c.first)
                && c.entity == country
                && self.words[c.first].agent
                && ((c.first < t && c.governor == Governor::Free) || (c.first > t && after))
        };
        let sides: Vec<&Candidate> = cands.iter().filter(side).collect();
        let people = |c: &&Candidate| self.words[c.first].people;
        sides.iter().any(|c| c.first > t)
            && sides.iter().any(people)
            && sides.iter().any(|c| !people(c))
    }
}
