//! Events a noun reports: "la démission de X", "the arrest of X by Y".
//! The noun's "de"/"of" complement is who acts when the event is one's
//! own doing (a resignation, a visit, a protest) and whom it is done to
//! when the state does it (an arrest, a conviction, a release).

use crate::actors::{is_determiner, Candidate, Governor};
use crate::lexicon::{Grammar, Trigger, Word};
use crate::{Reading, NEAR, STATE_ACTS};

/// The actors a noun trigger's complements name.
#[derive(Clone, Copy)]
pub(crate) struct Nominal {
    pub source: usize,
    pub target: Option<usize>,
    /// Whether the state acts for want of a named agent.
    pub by_state: bool,
}

/// Whether the complement of a noun of this trigger is whom it is done
/// to ("l'arrestation de X"), not who does it ("la démission de X", "le
/// coup d'État du capitaine X": power seized is its author's doing).
pub(crate) fn done_to(trigger: &Trigger) -> bool {
    (STATE_ACTS.contains(&trigger.ty) && !trigger.home) || trigger.mode == Some("release")
}

impl Reading<'_> {
    /// Who did the power seizure a noun at `t` names ("coup d'État",
    /// "coup"): the agent after it ("mené par X", "led by X"), else
    /// `subject` when a verb of doing stands right before the noun ("X a
    /// mené un coup d'État", "X staged a coup"). Named in passing ("la
    /// France condamne le coup d'État", "le coup d'État a été condamné par
    /// X") it has no author in its sentence.
    pub(crate) fn author(
        &self,
        cands: &[Candidate],
        t: usize,
        subject: Option<usize>,
    ) -> Option<usize> {
        let done = (t.saturating_sub(3)..t).any(|k| self.words[k].grammar == Some(Grammar::Doing));
        self.noun_agent(cands, t).or(subject.filter(|_| done))
    }

    /// The agent named after a noun trigger at `t` with no other trigger
    /// between ("une attaque revendiquée par X", "the attack was claimed
    /// by X"); the agent of another verb ("condamné par X") is not the
    /// noun's.
    pub(crate) fn noun_agent(&self, cands: &[Candidate], t: usize) -> Option<usize> {
        cands
            .iter()
            .find(|c| c.first > t && c.first <= t + NEAR && c.governor == Governor::Agent)
            .filter(|c| (t + 1..c.first).all(|k| self.words[k].trigger.is_none()))
            .map(|c| c.entity)
    }

    /// Whether the trigger at `t` is an attack named by a noun (after an
    /// article) whose clause has a verb of doing or claiming ("X a
    /// revendiqué l'attaque", "the attack was claimed by X").
    pub(crate) fn claimed(&self, t: usize, trigger: &Trigger, clause: (usize, usize)) -> bool {
        trigger.ty == "ASSAULT"
            && t > clause.0
            && is_determiner(&self.words[t - 1])
            && (clause.0..clause.1).any(|k| self.words[k].grammar == Some(Grammar::Doing))
    }

    /// The actors of the trigger at `t` read as a noun: an article before
    /// it and "de"/"of" after it, or after one word that qualifies it
    /// ("la libération immédiate de X"); `None` when it is not so used or
    /// its complement names no actor.
    pub(crate) fn nominal(
        &self,
        cands: &[Candidate],
        t: usize,
        trigger: &Trigger,
        home: Option<usize>,
    ) -> Option<Nominal> {
        if t == 0 || !is_determiner(&self.words[t - 1]) {
            return None;
        }
        let of_word = |k: usize| self.words.get(k).is_some_and(|w| w.is_of());
        let plain = |k: usize| self.words.get(k).is_some_and(Word::is_plain);
        let of = if of_word(t + 1) {
            t + 1
        } else if plain(t + 1) && of_word(t + 2) {
            t + 2
        } else {
            return None;
        };
        let first = cands.iter().position(|c| c.first > t)?;
        if cands[first].first > of + 5 || cands[first].governor != Governor::Other {
            return None;
        }
        // "the resignation of Nepal Prime Minister X": the person the
        // country titles is the complement.
        let complement = match cands.get(first + 1) {
            Some(next)
                if next.first > cands[first].end
                    && next.first <= cands[first].end + 3
                    && (cands[first].end..next.first).all(plain) =>
            {
                next
            }
            _ => &cands[first],
        };
        let agent = cands
            .iter()
            .find(|c| {
                c.first > complement.first && c.first <= t + 12 && c.governor == Governor::Agent
            })
            .map(|c| c.entity);
        if !done_to(trigger) {
            return Some(Nominal {
                source: complement.entity,
                target: None,
                by_state: false,
            });
        }
        let source = agent.or(home)?;
        Some(Nominal {
            source,
            target: Some(complement.entity),
            by_state: agent.is_none(),
        })
    }
}
