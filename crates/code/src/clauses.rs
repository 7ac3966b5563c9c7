//! How a trigger's clause is built: where it starts and ends, the word
//! that opened it, and whether the trigger is passive.

use depeche_text::Sentence;

use crate::actors::{is_determiner, Candidate, Found, Governor};
use crate::lexicon::{Grammar, Trigger};
use crate::{Reading, STATE_ACTS};

/// Where a trigger's clause starts, and the word that opened it.
pub(crate) struct Clause {
    pub start: usize,
    pub opener: Option<(Grammar, usize)>,
    /// A closed relative clause inside it, from its pronoun to its comma.
    pub skip: Option<(usize, usize)>,
    /// The subject a verb coordinated with the clause's coded trigger
    /// shares ("police fired tear gas and arrested protesters").
    pub shared: Option<usize>,
}

impl Reading<'_> {
    /// What the word at token `k` does in a clause.
    pub(crate) fn grammar(&self, k: usize) -> Option<Grammar> {
        self.words[k].grammar
    }

    /// The clause of the trigger at token `t`.
    /// A relative clause closed by a comma before the trigger is set in
    /// its main clause and skipped ("X, qui contrôle l'est, a rencontré Y").
    pub(crate) fn clause(&self, sentence: &Sentence, t: usize) -> Clause {
        let mut skip = None;
        for k in (sentence.tokens.start..t).rev() {
            let g = self.grammar(k);
            if g == Some(Grammar::Relative) && skip.is_none() {
                if let Some(comma) = (k + 1..t).find(|&c| self.words[c].text == ",") {
                    skip = Some((k, comma));
                    continue;
                }
            }
            if let Some(g @ (Grammar::Relative | Grammar::Complementiser | Grammar::Break)) = g {
                return Clause {
                    start: k + 1,
                    opener: Some((g, k)),
                    skip,
                    shared: None,
                };
            }
        }
        Clause {
            start: sentence.tokens.start,
            opener: None,
            skip,
            shared: None,
        }
    }

    /// Whether the trigger at `t` is a verb coordinated with the trigger
    /// at `before` in one clause: "and" or a comma between them, and
    /// nothing before it that makes it a noun or a complement ("of
    /// attacking", "to evacuate", "the arrest"). A name or pronoun after
    /// the joining word has a verb of its own ("X met Y and Z attacked W").
    pub(crate) fn coordinated(
        &self,
        cands: &[Candidate],
        before: usize,
        t: usize,
        trigger: &Trigger,
    ) -> bool {
        let Some(joint) = (before + 1..t)
            .rfind(|&k| self.grammar(k) == Some(Grammar::And) || self.words[k].text == ",")
        else {
            return false;
        };
        let previous = &self.words[t - 1];
        let complement = previous.grammar != Some(Grammar::And)
            && (previous.preposition || previous.grammar.is_some() || is_determiner(previous));
        let own_subject = cands.iter().any(|c| c.first > joint && c.first < t)
            || (joint + 1..t).any(|k| self.grammar(k) == Some(Grammar::Pronoun));
        !trigger.noun && !complement && !own_subject
    }

    /// Where a clause of its own starts for the verb trigger at `t`, in
    /// a clause from `from` whose earlier trigger is coded: right after
    /// the last "and" or comma before it, when a free name opens what
    /// follows that word (after articles and titles at most), stands at
    /// most three words before the verb and no other trigger stands
    /// between ("X began on Friday, and Y formally accused Z"); `None`
    /// when the verb has no subject of its own there.
    pub(crate) fn own_clause(
        &self,
        cands: &[Candidate],
        from: usize,
        t: usize,
        trigger: &Trigger,
    ) -> Option<usize> {
        if trigger.noun {
            return None;
        }
        let joint = (from..t)
            .rfind(|&k| self.grammar(k) == Some(Grammar::And) || self.words[k].text == ",")?;
        // Nothing between the joining word and the verb is another
        // trigger, whose object the name would be ("and urged the army
        // to release X").
        if (joint + 1..t).any(|k| self.words[k].trigger.is_some()) {
            return None;
        }
        let opens = |c: &Candidate| {
            (joint + 1..c.first).all(|k| is_determiner(&self.words[k]) || self.words[k].title)
        };
        cands
            .iter()
            .any(|c| {
                c.first > joint
                    && c.end <= t
                    && c.end + 3 >= t
                    && c.governor == Governor::Free
                    && c.found == Found::Named
                    && opens(c)
            })
            .then_some(joint + 1)
    }

    /// One past the last token of the clause of the trigger at `t`.
    pub(crate) fn clause_end(&self, sentence: &Sentence, t: usize) -> usize {
        (t + 1..sentence.tokens.end)
            .find(|&k| {
                matches!(
                    self.grammar(k),
                    Some(Grammar::Relative | Grammar::Complementiser | Grammar::Break)
                )
            })
            .unwrap_or(sentence.tokens.end)
    }

    /// Whether the trigger at `t` is passive: an auxiliary just before
    /// it (not before a present participle), or a participle right after a name with its agent right after
    /// it ("Haftar reçu à Moscou par Poutine"), unless set off by a comma
    /// as a description ("X, soutenu par l'ONU").
    pub(crate) fn passive(&self, sentence: &Sentence, cands: &[Candidate], t: usize) -> bool {
        let start = sentence.tokens.start;
        // "has been working with": a present participle after the
        // auxiliary is progressive, not passive.
        let auxiliary = !self.words[t].participle
            && (t.saturating_sub(2).max(start)..t)
                .any(|k| self.grammar(k) == Some(Grammar::Passive));
        let participle = t > start
            && self.words[t - 1].text != ","
            && cands.iter().any(|c| c.end <= t && c.end + 1 >= t)
            && cands
                .iter()
                .any(|c| c.governor == Governor::Agent && c.first > t && c.first <= t + 5);
        auxiliary || participle
    }

    /// Whether the trigger at `t` is a state's act named as a state its
    /// subject is in ("X is in custody", "est en détention", "under
    /// police custody"): a bare noun right after a preposition, or after
    /// the state's agents there. Its subject undergoes it, as in a
    /// passive; with an article it names an act ("face à ces
    /// arrestations").
    pub(crate) fn held(&self, sentence: &Sentence, t: usize, trigger: &Trigger) -> bool {
        if !trigger.noun || !STATE_ACTS.contains(&trigger.ty) {
            return false;
        }
        let mut k = t;
        while k > sentence.tokens.start && self.words[k - 1].agent {
            k -= 1;
        }
        k > sentence.tokens.start
            && (self.words[k - 1].preposition
                || matches!(self.grammar(k - 1), Some(Grammar::Locative)))
    }

    /// The modality the words just before the trigger at `t` give it;
    /// an act demanded is no fact ("demanded the release of X", "exigent
    /// que X démissionne").
    pub(crate) fn modality(&self, sentence: &Sentence, clause: &Clause, t: usize) -> &'static str {
        let said = (clause.start.max(t.saturating_sub(4))..t).find_map(|k| self.words[k].modality);
        match said {
            None if self.demanded(sentence, clause, t) => "hypothetical",
            said => said.unwrap_or("asserted"),
        }
    }

    /// Whether the trigger at `t` is what a request before it asks for:
    /// its noun a few words after the request ("called for the arrest
    /// of"), or its clause opened by a complementiser right after it
    /// ("demanding that X step down").
    fn demanded(&self, sentence: &Sentence, clause: &Clause, t: usize) -> bool {
        let request = |k: usize| self.words[k].trigger.is_some_and(|r| r.ty == "REQUEST");
        let near = (t.saturating_sub(6).max(sentence.tokens.start)..t).any(|r| {
            request(r)
                && (r + 1..t).all(|k| {
                    let w = &self.words[k];
                    w.trigger.is_none() && w.grammar.is_none_or(|g| g == Grammar::Of)
                })
        });
        let asked = match clause.opener {
            Some((Grammar::Complementiser, k)) => {
                (k.saturating_sub(3).max(sentence.tokens.start)..k).any(request)
            }
            _ => false,
        };
        near || asked
    }
}
