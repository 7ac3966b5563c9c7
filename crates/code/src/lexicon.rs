//! The coder's per-language tables: triggers, modality words, the words
//! that show how a clause is built, prepositions and demonyms.

use depeche_lexicon::sieve::Sieve;
use depeche_lexicon::{lang_rows, PerLanguage};
use rustc_hash::FxHashMap;

/// A word that reports an event of a PLOVER type.
#[derive(Clone, Copy)]
pub(crate) struct Trigger {
    /// PLOVER type.
    pub ty: &'static str,
    /// PLOVER mode, when the word says it.
    pub mode: Option<&'static str>,
    /// Whether the word is only a noun ("guerre"), which after a bare
    /// "de" names a kind of thing ("chef de guerre").
    pub noun: bool,
    /// Whether the word's subject is the host of a visit, who is its
    /// target ("X a reçu Y": Y visits X).
    pub host: bool,
    /// Whether the word, with a person right after it, is a phone call
    /// ("a appelé M. X"), else a request ("a appelé à la grève").
    pub call: bool,
    /// Whether the word's target, when none is named, is the body the
    /// actor leaves or belongs to: the article's country ("resigned").
    pub own: bool,
    /// Whether the word, when no target is named, is what a state does
    /// to its own people: tear gas, a curfew, an internet shutdown.
    pub people: bool,
    /// Whether the word is an event only with both sides named after it
    /// ("the conflict between X and Y"): alone it names a situation.
    pub between: bool,
    /// Whether the word, when no target is named, is done to the
    /// article's country: power seized, a coup.
    pub home: bool,
    /// Whether the word is a conviction when a prison term follows it in
    /// its clause ("condamné à deux ans de prison"), else what it says.
    pub convicts: bool,
    /// CAMEO code (2–4 digits) of what the word reports, when its row
    /// gives one.
    pub cameo: Option<&'static str>,
}

/// What a trigger's "form" column says of it.
#[derive(Clone, Copy, Default)]
struct Form {
    noun: bool,
    host: bool,
    call: bool,
    own: bool,
    people: bool,
    between: bool,
    home: bool,
    convicts: bool,
}

/// What an event table's "form" column says: `noun`, `host`, `call`,
/// `own`, `people`, `between`, `home`, `convicts`, several joined by commas, or nothing;
/// `None` for a form the coder does not know.
fn form(text: &str) -> Option<Form> {
    let mut form = Form::default();
    for flag in text.split(',').filter(|f| !f.is_empty()) {
        match flag {
            "noun" => form.noun = true,
            "host" => form.host = true,
            "call" => form.call = true,
            "own" => form.own = true,
            "people" => form.people = true,
            "between" => form.between = true,
            "home" => form.home = true,
            "convicts" => form.convicts = true,
            _ => return None,
        }
    }
    Some(form)
}

/// The trigger of one row of an event table (`trigger type mode form
/// cameo`), or `None` when its form or CAMEO code is not understood.
pub(crate) fn trigger_row(row: &[&'static str]) -> Option<Trigger> {
    let Form {
        noun,
        host,
        call,
        own,
        people,
        between,
        home,
        convicts,
    } = form(row.get(3).copied().unwrap_or(""))?;
    let cameo = row.get(4).copied().filter(|c| !c.is_empty());
    if cameo.is_some_and(|c| !(2..=4).contains(&c.len()) || !c.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    Some(Trigger {
        ty: row.get(1).copied()?,
        mode: row.get(2).copied().filter(|m| !m.is_empty()),
        noun,
        host,
        call,
        own,
        people,
        between,
        home,
        convicts,
        cameo,
    })
}

/// What a row of an event table lists: `Some(None)` for a word, word
/// start or phrase of type `none`, which reports no event, `Some` of its
/// trigger otherwise, and `None` when the row is not understood.
fn listed_trigger(row: &[&'static str]) -> Option<Option<Trigger>> {
    match row.get(1) {
        Some(&NO_EVENT) => Some(None),
        _ => trigger_row(row).map(Some),
    }
}

/// The first word and the phrase of a row of an event table of `lang`
/// whose trigger has several words, or `None` when its trigger is not
/// understood. The words after the first are cut as the language's text
/// is ("coup d'état" is "coup", "d'", "état"), so that a row matches the
/// tokens it names.
fn phrase_row(lang: &str, row: &[&'static str]) -> Option<(&'static str, Phrase)> {
    let (head, rest) = row.first()?.split_once(' ')?;
    let trigger = listed_trigger(row)?;
    let words = depeche_text::token_strings(rest, depeche_text::Language::get(lang));
    Some((head, (words, trigger)))
}

/// Adds the phrase of a row of an event table under its first word,
/// unless a row read before lists the same words: the hand-written table,
/// read first, wins over the one built from CAMEO.
fn add_phrase(
    lang: &str,
    entries: &mut Entries,
    phrases: &mut FxHashMap<&'static str, Vec<Phrase>>,
    row: &[&'static str],
) {
    let Some((head, phrase)) = phrase_row(lang, row) else {
        return;
    };
    let listed = phrases.entry(head).or_default();
    if !listed.iter().any(|(rest, _)| *rest == phrase.0) {
        entries.entry(head).phrase = true;
        listed.push(phrase);
    }
}

/// Whether the coder knows a kind of `events-agents.tsv`: `state`, a
/// state's agents, or `people`, a crowd of its people; both stand for
/// the country.
pub(crate) fn agent_kind(kind: &str) -> bool {
    matches!(kind, "state" | "people")
}

/// The role a row of `event-grammar.tsv` names, or `None` for a role the
/// coder does not know.
pub(crate) fn grammar_role(name: &str) -> Option<Grammar> {
    Some(match name {
        "locative" => Grammar::Locative,
        "dative" => Grammar::Dative,
        "agent" => Grammar::Agent,
        "passive" => Grammar::Passive,
        "relative" => Grammar::Relative,
        "complementiser" => Grammar::Complementiser,
        "pronoun" => Grammar::Pronoun,
        "possessive" => Grammar::Possessive,
        "source-cue" => Grammar::SourceCue,
        "between" => Grammar::Between,
        "target" => Grammar::Target,
        "and" => Grammar::And,
        "break" => Grammar::Break,
        "of" => Grammar::Of,
        "conviction" => Grammar::Conviction,
        "sequel" => Grammar::Sequel,
        "doing" => Grammar::Doing,
        _ => return None,
    })
}

/// What a word does around a name, from the rows of `event-grammar.tsv`
/// that name no clause role: the small words between a name and what
/// governs or owns it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mark {
    /// An article ("la", "the"), skipped on the way to a governing word.
    Determiner,
    /// "of" fused with an article ("du", "des"): ties a person to a body.
    OfThe,
    /// A possessive clitic after a name ("'s"): the name owns what follows.
    Possessor,
    /// An apostrophe standing alone after a name ("Paris' mayor").
    Apostrophe,
    /// The letter that follows a lone apostrophe in a split possessive.
    PossessorTail,
    /// A reporting verb closing a sentence: the name beside it reports
    /// what the sentence tells, it does not act in it (", CNN reported.",
    /// ", a indiqué l'armée.").
    Reporting,
    /// The tail of a compound glued to a name that makes the name the
    /// owner of what follows ("a US-flagged tanker"): the name stands for
    /// the thing, as whom an act is done to.
    Owning,
    /// A plural subject pronoun ("they", « ils »): it stands for a
    /// group, a body or a country, never for one person.
    Plural,
    /// A possessive determiner ("her", "son"): the one it stands for
    /// owns the noun after it, which acts, not its owner ("her father
    /// accused"), unless the noun is the owner's state agents ("its
    /// army").
    Owner,
    /// A locative word that, right after an assault, names whom it
    /// strikes ("des frappes sur X"): the place after it is the target.
    Onto,
}

/// The mark a row of `event-grammar.tsv` names, or `None` for one the
/// coder does not know.
pub(crate) fn mark_role(name: &str) -> Option<Mark> {
    Some(match name {
        "determiner" => Mark::Determiner,
        "of-the" => Mark::OfThe,
        "possessor" => Mark::Possessor,
        "apostrophe" => Mark::Apostrophe,
        "possessor-tail" => Mark::PossessorTail,
        "reporting" => Mark::Reporting,
        "owning" => Mark::Owning,
        "plural" => Mark::Plural,
        "owner" => Mark::Owner,
        "onto" => Mark::Onto,
        _ => return None,
    })
}

/// What a word does in a clause, from `event-grammar.tsv`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Grammar {
    /// A place after it is where, not whom.
    Locative,
    /// A place after it is where; a person or body after it, or any name
    /// after a trigger other than a visit, is whom ("livré à l'Ukraine").
    Dative,
    /// The name after it acts on a passive trigger.
    Agent,
    /// Makes the next trigger passive.
    Passive,
    /// Opens a relative clause.
    Relative,
    /// Opens a reported clause.
    Complementiser,
    /// A subject pronoun.
    Pronoun,
    /// A plural possessive standing for both sides of the last event.
    Possessive,
    /// The name after it reports, it does not act.
    SourceCue,
    /// Names both sides after a nominal trigger.
    Between,
    /// The name after it is whom the event is done to or with ("avec X").
    Target,
    /// Joins names in a list.
    And,
    /// Ends a clause.
    Break,
    /// A bare "de"/"of" before a noun: "chef de guerre".
    Of,
    /// A prison term after a trigger that `convicts`: the trigger is a
    /// conviction ("prison", "réclusion").
    Conviction,
    /// "after"/"après": an event right after it is one of its own, done
    /// before or after the clause's ("resigned after meeting X").
    Sequel,
    /// A verb of doing right before a noun trigger: its subject did what
    /// the noun names ("a mené un coup d'État", "staged a coup").
    Doing,
}

/// A token as the coder reads it: lowercased, with what the tables say
/// of it, looked up once per document.
#[derive(Clone, Copy)]
pub(crate) struct Word<'a> {
    /// The token, lowercased.
    pub text: &'a str,
    /// The trigger it is, if any; only words are.
    pub trigger: Option<&'a Trigger>,
    /// What it does in a clause (elision mark dropped).
    pub grammar: Option<Grammar>,
    /// What it does around a name.
    pub mark: Option<Mark>,
    /// Whether it ends in a possessive clitic written as one token with
    /// its name ("russia's").
    pub possessive_end: bool,
    /// The modality it gives the trigger after it.
    pub modality: Option<&'static str>,
    /// The country key of the demonym it is.
    pub demonym: Option<&'static str>,
    /// Whether it is a preposition.
    pub preposition: bool,
    /// Whether it is a one-word title ("maréchal", "president").
    pub title: bool,
    /// Whether it names a state's agents without naming the state
    /// ("police", "gouvernement"), who stand for the article's country.
    pub agent: bool,
    /// Whether it names a crowd of a country's people ("protesters"),
    /// one kind of `agent`.
    pub people: bool,
    /// Whether a phrase of the event tables begins with it.
    pub phrase: bool,
    /// Whether it is a trigger, or opens a phrase of the tables, with a
    /// present participle's ending ("rejetant", "dismissing", "working
    /// with"): after a comma, the main clause's subject does it; after
    /// an auxiliary, it is no passive.
    pub participle: bool,
}

impl Word<'_> {
    /// Whether it is "de"/"of", bare or fused with an article ("du",
    /// "des"): the word that ties a complement to the noun before it.
    pub fn is_of(&self) -> bool {
        self.grammar == Some(Grammar::Of) || self.mark == Some(Mark::OfThe)
    }

    /// Whether the tables give it no part: no trigger, clause role, mark
    /// or preposition, a word that may stand between a noun and what
    /// qualifies it ("frappes aériennes israéliennes").
    pub fn is_plain(&self) -> bool {
        self.trigger.is_none() && self.grammar.is_none() && self.mark.is_none() && !self.preposition
    }
}

/// A phrase of the event tables without its first word: the words after
/// it, and the trigger it is (`None`: no event).
type Phrase = (Vec<String>, Option<Trigger>);

/// The role of a row of `event-grammar.tsv` whose word is the ending of
/// present participles.
pub(crate) const PARTICIPLE_ENDING: &str = "participle-ending";

/// The role of the row of `event-grammar.tsv` whose word, `before` or
/// `after`, says where adjectives stand beside their noun.
pub(crate) const ADJECTIVE_ORDER: &str = "adjective-order";

/// The role of a row of `event-grammar.tsv` whose word, right before a
/// complementiser, makes the two one fixed phrase that opens no clause
/// ("en tant que", "ainsi que").
pub(crate) const FIXED_PHRASE: &str = "fixed-phrase";

/// The role of a row of `event-grammar.tsv` whose word ends a clause
/// only right before a complementiser ("alors que", "tandis que"); alone
/// it is an adverb inside the clause ("X avait alors renversé Y").
pub(crate) const BREAK_BEFORE: &str = "break-before";

/// The type column of a phrase that reports no event ("arrivé au
/// pouvoir" is no meeting).
const NO_EVENT: &str = "none";

/// What the tables say of one exact lowercased word, small enough to
/// sit in the hash table: triggers, modalities and countries are indices
/// into the lexicon's lists of them.
#[derive(Clone, Copy, Default)]
struct Entry {
    trigger: Option<u16>,
    grammar: Option<Grammar>,
    mark: Option<Mark>,
    modality: Option<u16>,
    demonym: Option<u16>,
    preposition: bool,
    title: bool,
    agent: bool,
    people: bool,
    phrase: bool,
    /// Whether the word reports no event, whatever word start of the
    /// tables it begins with ("libéral" is not "libér*").
    no_event: bool,
}

/// Everything the coder knows about one language.
pub(crate) struct Lexicon {
    /// Every word of the tables, with all they say of it.
    entries: Entries,
    /// The phrases of the event tables by their first word: the words
    /// after it, and the trigger the phrase is (`None`: it reports no
    /// event, whatever its words do alone).
    phrases: FxHashMap<&'static str, Vec<Phrase>>,
    /// The possessive clitics of more than one byte ("'s"), which may end
    /// a token.
    clitics: Vec<&'static str>,
    /// The endings of present participles ("ing", "ant").
    participle_endings: Vec<&'static str>,
    /// The words that make the complementiser after them part of a fixed
    /// phrase ("en tant" in "en tant que").
    fixed_phrases: Vec<Vec<&'static str>>,
    /// The words that end a clause only right before a complementiser
    /// ("alors" in "alors que").
    breaks_before: Vec<&'static str>,
    /// Whether adjectives follow their noun ("frappes israéliennes"),
    /// else they stand before it ("Israeli strikes").
    pub adjectives_after: bool,
    /// The triggers, modalities and country keys the entries point at.
    triggers: Vec<Trigger>,
    modalities: Vec<&'static str>,
    countries: Vec<&'static str>,
    /// Word starts, by their first byte, longest first.
    prefixes: Vec<Vec<Prefix>>,
    /// By first byte, a bit for each second byte of those word starts
    /// (all bits for a one-byte start): most words share their first
    /// byte with some start but not their second, and one bit tells so
    /// before the starts are tried one by one.
    second_bytes: Vec<[u64; 4]>,
}

/// A word start that makes a trigger ("rencontr*"), or none: a longer
/// start listed as no event ("libéral*" beside "libér*") keeps its words
/// from the shorter one.
struct Prefix {
    text: &'static str,
    /// `text` as [`head`] packs it, and the bits of it that count.
    head: u128,
    mask: u128,
    trigger: Option<Trigger>,
}

impl Prefix {
    fn new(text: &'static str, trigger: Option<Trigger>) -> Self {
        let mask = match text.len() {
            n if n < 16 => (1u128 << (8 * n)) - 1,
            _ => u128::MAX,
        };
        Prefix {
            text,
            head: head(text),
            mask,
            trigger,
        }
    }

    /// Whether `word`, whose [`head`] is `word_head`, starts with it: one
    /// masked comparison of integers when it is 16 bytes or shorter. A
    /// shorter word fails that comparison, as the zero padding of its
    /// head meets a byte of the start, so no length test comes first.
    fn begins(&self, word: &str, word_head: u128) -> bool {
        word_head & self.mask == self.head && (self.text.len() <= 16 || word.starts_with(self.text))
    }
}

/// By first byte, a bit for each second byte of the word starts listed
/// under it (all bits for a one-byte start).
fn second_bytes(prefixes: &[Vec<Prefix>]) -> Vec<[u64; 4]> {
    prefixes
        .iter()
        .map(|list| {
            let mut bits = [0u64; 4];
            for p in list {
                match p.text.as_bytes().get(1) {
                    Some(&b) => bits[usize::from(b / 64)] |= 1 << (b % 64),
                    None => bits = [u64::MAX; 4],
                }
            }
            bits
        })
        .collect()
}

/// The first 16 bytes of a word, zero-padded, as one integer.
fn head(word: &str) -> u128 {
    let bytes = &word.as_bytes()[..word.len().min(16)];
    let mut key = [0u8; 16];
    key[..bytes.len()].copy_from_slice(bytes);
    u128::from_le_bytes(key)
}

impl Lexicon {
    /// The tables of `lang`, loaded on first use.
    pub fn get(lang: &str) -> &'static Lexicon {
        static ALL: PerLanguage<Lexicon> = PerLanguage::new();
        ALL.get(lang, Lexicon::load)
    }

    fn load(lang: &'static str) -> Lexicon {
        let mut entries = Entries::default();
        let mut phrases: FxHashMap<&'static str, Vec<_>> = FxHashMap::default();
        let (triggers, prefixes) = Lexicon::load_triggers(lang, &mut entries, &mut phrases);
        let second_bytes = second_bytes(&prefixes);
        let mut clitics = Vec::new();
        let mut participle_endings = Vec::new();
        let mut fixed_phrases = Vec::new();
        let mut breaks_before = Vec::new();
        let mut adjectives_after = false;
        for r in lang_rows(lang, "event-grammar.tsv").filter(|r| r.len() >= 2) {
            if r[1] == PARTICIPLE_ENDING {
                participle_endings.push(r[0]);
            } else if r[1] == FIXED_PHRASE {
                fixed_phrases.push(r[0].split(' ').collect());
            } else if r[1] == BREAK_BEFORE {
                breaks_before.push(r[0]);
            } else if r[1] == ADJECTIVE_ORDER {
                adjectives_after = r[0] == "after";
            } else if let Some(role) = grammar_role(r[1]) {
                entries.entry(r[0]).grammar = Some(role);
            } else if let Some(mark) = mark_role(r[1]) {
                entries.entry(r[0]).mark = Some(mark);
                if mark == Mark::Possessor && r[0].len() > 1 {
                    clitics.push(r[0]);
                }
            }
        }
        let (modalities, countries) = Lexicon::load_words(lang, &mut entries);
        // Longest phrases first.
        for list in phrases.values_mut() {
            list.sort_by_key(|(rest, _)| std::cmp::Reverse(rest.len()));
        }
        Lexicon {
            entries,
            phrases,
            clitics,
            participle_endings,
            fixed_phrases,
            breaks_before,
            adjectives_after,
            triggers,
            modalities,
            countries,
            prefixes,
            second_bytes,
        }
    }

    /// The triggers of the event tables, hand-written then CAMEO's, as
    /// whole words, word starts and phrases: one job apart from the
    /// grammar and word tables.
    fn load_triggers(
        lang: &'static str,
        entries: &mut Entries,
        phrases: &mut FxHashMap<&'static str, Vec<Phrase>>,
    ) -> (Vec<Trigger>, Vec<Vec<Prefix>>) {
        let mut triggers = Vec::new();
        let mut prefixes: Vec<Vec<Prefix>> = (0..256).map(|_| Vec::new()).collect();
        // A word listed twice keeps its last row. The hand-written table
        // comes first; the table built from CAMEO adds only the words it
        // does not already cover, exactly or by a word start.
        for r in lang_rows(lang, "events.tsv").filter(|r| r.len() >= 2) {
            if r[0].contains(' ') {
                add_phrase(lang, entries, phrases, &r);
                continue;
            }
            let Some(trigger) = listed_trigger(&r) else {
                continue;
            };
            match (r[0].strip_suffix('*'), trigger) {
                (Some(prefix), trigger) => {
                    if let Some(&b) = prefix.as_bytes().first() {
                        prefixes[usize::from(b)].push(Prefix::new(prefix, trigger));
                    }
                }
                (None, Some(trigger)) => {
                    entries.entry(r[0]).trigger = Some(index(&mut triggers, trigger));
                }
                (None, None) => entries.entry(r[0]).no_event = true,
            }
        }
        for r in lang_rows(lang, "events-cameo.tsv").filter(|r| r.len() >= 2) {
            if r[0].contains(' ') {
                add_phrase(lang, entries, phrases, &r);
                continue;
            }
            let covered = entries
                .get(r[0])
                .is_some_and(|e| e.trigger.is_some() || e.no_event)
                || r[0].as_bytes().first().is_some_and(|&b| {
                    prefixes[usize::from(b)]
                        .iter()
                        .any(|p| r[0].starts_with(p.text))
                });
            if let (false, Some(trigger)) = (covered, trigger_row(&r)) {
                entries.entry(r[0]).trigger = Some(index(&mut triggers, trigger));
            }
        }
        // Longest prefixes first, so "retiré" beats "retir".
        for list in &mut prefixes {
            list.sort_by_key(|p| std::cmp::Reverse(p.text.len()));
        }
        (triggers, prefixes)
    }

    /// What the word tables mark of single words (modal verbs,
    /// prepositions, titles, agents, demonyms), with the modalities and
    /// countries the marks index.
    fn load_words(
        lang: &'static str,
        entries: &mut Entries,
    ) -> (Vec<&'static str>, Vec<&'static str>) {
        let mut modalities = Vec::new();
        for r in lang_rows(lang, "modality.tsv").filter(|r| r.len() >= 2) {
            entries.entry(r[0]).modality = Some(index(&mut modalities, r[1]));
        }
        for r in lang_rows(lang, "prepositions.txt") {
            entries.entry(r[0]).preposition = true;
        }
        for r in lang_rows(lang, "titles.tsv").filter(|r| !r[0].contains(' ')) {
            entries.entry(&r[0].to_lowercase()).title = true;
        }
        for r in lang_rows(lang, "events-agents.tsv").filter(|r| r.len() >= 2) {
            if agent_kind(r[1]) {
                let entry = entries.entry(r[0]);
                entry.agent = true;
                entry.people = r[1] == "people";
            }
        }
        let mut countries = Vec::new();
        for r in lang_rows(lang, "demonyms.tsv").filter(|r| r.len() >= 2) {
            entries.entry(&r[0].to_lowercase()).demonym = Some(index(&mut countries, r[1]));
        }
        (modalities, countries)
    }

    /// What the tables say of a lowercased token; `word` when it is a
    /// word, not a number or punctuation.
    pub fn word<'a>(&'a self, text: &'a str, word: bool) -> Word<'a> {
        let entry = self.entries.get(text);
        // "l'" does what "l" does.
        let trimmed = without_elision(text);
        let grammar = if trimmed.len() == text.len() {
            entry.and_then(|e| e.grammar)
        } else {
            self.entries.get(trimmed).and_then(|e| e.grammar)
        };
        let trigger = if word {
            entry
                .and_then(|e| e.trigger)
                .map(|i| &self.triggers[usize::from(i)])
                .or_else(|| self.prefix_trigger_of(text, entry))
        } else {
            None
        };
        Word {
            text,
            trigger,
            grammar,
            mark: entry.and_then(|e| e.mark),
            possessive_end: self
                .clitics
                .iter()
                .any(|c| text.len() > c.len() && text.ends_with(c)),
            modality: entry
                .and_then(|e| e.modality)
                .map(|i| self.modalities[usize::from(i)]),
            demonym: entry
                .and_then(|e| e.demonym)
                .map(|i| self.countries[usize::from(i)]),
            preposition: entry.is_some_and(|e| e.preposition),
            title: entry.is_some_and(|e| e.title),
            agent: entry.is_some_and(|e| e.agent),
            people: entry.is_some_and(|e| e.people),
            phrase: entry.is_some_and(|e| e.phrase),
            participle: (trigger.is_some() || entry.is_some_and(|e| e.phrase))
                && self
                    .participle_endings
                    .iter()
                    .any(|e| text.len() > e.len() + 2 && text.ends_with(e)),
        }
    }

    /// The phrase of the event tables that begins with the first of
    /// `words` (lowercased texts), a phrase head: how many words it has
    /// and the trigger it is.
    pub fn phrase<'w>(
        &self,
        mut words: impl Iterator<Item = &'w str> + Clone,
    ) -> Option<(usize, Option<&Trigger>)> {
        let list = self.phrases.get(words.next()?)?;
        list.iter()
            .find(|(rest, _)| {
                let mut after = words.clone();
                rest.iter().all(|a| after.next() == Some(a.as_str()))
            })
            .map(|(rest, trigger)| (rest.len() + 1, trigger.as_ref()))
    }

    /// The trigger of the longest word start of the tables that `word`
    /// begins with, unless its entry says it reports no event or it is a
    /// demonym ("libérien" is no "libér*").
    fn prefix_trigger_of(&self, word: &str, entry: Option<Entry>) -> Option<&Trigger> {
        if entry.is_some_and(|e| e.no_event || e.demonym.is_some()) {
            return None;
        }
        self.prefix_trigger(word)
    }

    /// The trigger whose listed start begins a lowercased word.
    fn prefix_trigger(&self, word: &str) -> Option<&Trigger> {
        let first = usize::from(*word.as_bytes().first()?);
        let list = &self.prefixes[first];
        // Longest first: a word shorter than the last one begins with none
        // ("a", "au", "de" in French).
        if list
            .last()
            .is_none_or(|shortest| word.len() < shortest.text.len())
        {
            return None;
        }
        if let Some(&b) = word.as_bytes().get(1) {
            if (self.second_bytes[first][usize::from(b / 64)] >> (b % 64)) & 1 == 0 {
                return None;
            }
        }
        let word_head = head(word);
        list.iter()
            .find(|p| p.begins(word, word_head))
            .and_then(|p| p.trigger.as_ref())
    }

    /// The words (lowercased) that make a complementiser right after
    /// them part of a fixed phrase that opens no clause ("en tant" in
    /// "en tant que").
    pub fn fixed_phrases(&self) -> &[Vec<&'static str>] {
        &self.fixed_phrases
    }

    /// The words (lowercased) that end a clause only right before a
    /// complementiser ("alors" in "alors que").
    pub fn breaks_before(&self) -> &[&'static str] {
        &self.breaks_before
    }

    /// The country key of a demonym ("russe", "Russian"), lowercased.
    pub fn demonym(&self, word: &str) -> Option<&'static str> {
        let i = self.entries.get(word)?.demonym?;
        Some(self.countries[usize::from(i)])
    }
}

/// A token without the elision marks that end it ("l'" → "l"): a test
/// of its last byte for the many tokens that end in neither.
fn without_elision(text: &str) -> &str {
    let mut end = text.len();
    loop {
        // `’` is the three bytes E2 80 99 in UTF-8.
        match text.as_bytes()[..end] {
            [.., b'\''] => end -= 1,
            [.., 0xE2, 0x80, 0x99] => end -= 3,
            _ => return &text[..end],
        }
    }
}

/// Where `item` goes at the end of `list`, once pushed there.
fn index<T>(list: &mut Vec<T>, item: T) -> u16 {
    list.push(item);
    u16::try_from(list.len() - 1).expect("fewer than 65,536 table rows")
}

/// The entries of the tables' words. A word of up to 15 bytes is keyed
/// by its bytes and its length packed in one integer, so that looking a
/// token up hashes and compares one number, not a string.
#[derive(Default)]
struct Entries {
    short: FxHashMap<u128, Entry>,
    long: FxHashMap<String, Entry>,
    /// The words of the tables: most tokens of a text are in none, and
    /// one bit tells so before a key is packed and hashed.
    sieve: Sieve,
}

impl Entries {
    /// The entry of a word, if the tables hold it. Inlined so that the
    /// sieve spares most tokens a call, not only a lookup.
    #[inline]
    fn get(&self, word: &str) -> Option<Entry> {
        if !self.sieve.may_hold(word) {
            return None;
        }
        self.lookup(word)
    }

    /// The entry of a word the sieve lets through.
    #[inline(never)]
    fn lookup(&self, word: &str) -> Option<Entry> {
        match packed(word) {
            Some(key) => self.short.get(&key),
            None => self.long.get(word),
        }
        .copied()
    }

    /// The entry of a word, made empty when the word is new.
    fn entry(&mut self, word: &str) -> &mut Entry {
        self.sieve.insert(word);
        match packed(word) {
            Some(key) => self.short.entry(key).or_default(),
            None => self.long.entry(word.to_string()).or_default(),
        }
    }
}

/// A word of up to 15 bytes as one integer: its bytes, then its length
/// in the last byte.
fn packed(word: &str) -> Option<u128> {
    let bytes = word.as_bytes();
    if bytes.len() > 15 {
        return None;
    }
    let mut key = [0u8; 16];
    key[..bytes.len()].copy_from_slice(bytes);
    key[15] = bytes.len() as u8;
    Some(u128::from_le_bytes(key))
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    /// Every row of every event table of every language is understood: a
    /// known form, a CAMEO code of 2–4 digits, a PLOVER type of
    /// `plover.tsv`, a known grammar role, agent kind and modality.
    #[test]
    fn every_row_of_the_event_tables_is_understood() {
        let types: HashSet<&str> = depeche_lexicon::rows("plover.tsv").map(|r| r[0]).collect();
        let modalities = [
            "negated",
            "planned",
            "hypothetical",
            "reported-denied",
            "threat",
        ];
        for lang in depeche_lexicon::languages() {
            for table in ["events.tsv", "events-cameo.tsv"] {
                for r in lang_rows(lang, table) {
                    if r.get(1) == Some(&NO_EVENT) {
                        continue;
                    }
                    let trigger = trigger_row(&r);
                    assert!(trigger.is_some(), "{lang}/{table}: {r:?}");
                    assert!(
                        trigger.is_some_and(|t| types.contains(t.ty)),
                        "{lang}/{table}: {r:?}"
                    );
                    assert!(
                        trigger.is_some_and(|t| t.cameo.is_some()),
                        "{lang}/{table}: no code {r:?}"
                    );
                }
            }
            for r in lang_rows(lang, "event-grammar.tsv") {
                assert!(
                    r.len() >= 2
                        && (grammar_role(r[1]).is_some()
                            || mark_role(r[1]).is_some()
                            || r[1] == PARTICIPLE_ENDING
                            || r[1] == FIXED_PHRASE
                            || r[1] == BREAK_BEFORE
                            || r[1] == ADJECTIVE_ORDER),
                    "{lang}: {r:?}"
                );
            }
            for r in lang_rows(lang, "events-agents.tsv") {
                assert!(r.len() >= 2 && agent_kind(r[1]), "{lang}: {r:?}");
            }
            for r in lang_rows(lang, "modality.tsv") {
                assert!(r.len() >= 2 && modalities.contains(&r[1]), "{lang}: {r:?}");
            }
        }
    }

    #[test]
    fn a_row_of_an_unknown_form_or_code_is_refused() {
        assert!(trigger_row(&["met", "CONSULT", "", "sideways", "040"]).is_none());
        assert!(trigger_row(&["met", "CONSULT", "", "", "4x"]).is_none());
        assert!(trigger_row(&["met", "CONSULT", "", "", "04000"]).is_none());
        assert!(
            trigger_row(&["met", "CONSULT", "", "", "040"]).is_some_and(|t| t.cameo == Some("040"))
        );
    }

    #[test]
    fn the_hand_table_wins_over_the_cameo_table() {
        // "withdrew" is in both: the hand-written start "withdr*" decides.
        let lex = Lexicon::get("en");
        let word = lex.word("withdrew", true);
        assert_eq!(word.trigger.map(|t| t.ty), Some("RETREAT"));
        assert_eq!(
            lex.word("thanked", true).trigger.map(|t| t.ty),
            Some("SUPPORT")
        );
    }

    use super::*;

    /// The maps' answer for a word, without the sieve.
    fn unfiltered(entries: &Entries, word: &str) -> Option<Entry> {
        match packed(word) {
            Some(key) => entries.short.get(&key),
            None => entries.long.get(word),
        }
        .copied()
    }

    #[test]
    fn without_elision_drops_every_trailing_mark_and_nothing_else() {
        for (token, bare) in [
            ("l'", "l"),
            ("l’", "l"),
            ("qu'’'", "qu"),
            ("'", ""),
            ("", ""),
            ("aujourd'hui", "aujourd'hui"),
            ("été", "été"),
        ] {
            assert_eq!(without_elision(token), bare, "{token:?}");
            assert_eq!(without_elision(token), token.trim_end_matches(['\'', '’']));
        }
    }

    #[test]
    fn the_sieve_never_hides_an_entry() {
        for lang in ["fr", "en"] {
            let lex = Lexicon::get(lang);
            let mut words: Vec<String> = lex
                .entries
                .short
                .keys()
                .map(|&k| {
                    let bytes = k.to_le_bytes();
                    String::from_utf8_lossy(&bytes[..usize::from(bytes[15])]).into_owned()
                })
                .collect();
            words.extend(lex.entries.long.keys().cloned());
            words.extend(
                [
                    "",
                    "l'",
                    "zzz",
                    "a",
                    "de",
                    "ministre",
                    "xxxxxxxxxxxxxxxxxxxxxxxx",
                    "été",
                ]
                .map(String::from),
            );
            let mut held = 0;
            for word in &words {
                let (fast, slow) = (lex.entries.get(word), unfiltered(&lex.entries, word));
                assert_eq!(fast.is_some(), slow.is_some(), "{lang} {word:?}");
                held += usize::from(slow.is_some());
                let view = |e: Option<Entry>| {
                    e.map(|e| {
                        (
                            e.trigger,
                            e.grammar,
                            e.modality,
                            e.demonym,
                            e.preposition,
                            e.title,
                        )
                    })
                };
                assert_eq!(view(fast), view(slow), "{lang} {word:?}");
            }
            assert!(held > 100, "{lang}: {held} words held");
        }
    }

    #[test]
    fn words_listed_as_no_event_and_demonyms_take_no_word_start() {
        let fr = Lexicon::get("fr");
        let ty = |lex: &Lexicon, w: &str| lex.word(w, true).trigger.map(|t| t.ty);
        assert_eq!(ty(fr, "libérés"), Some("RETREAT"));
        for word in ["libéral", "libéraux", "libérien", "rebelles", "secours"] {
            assert_eq!(ty(fr, word), None, "{word}");
        }
        let en = Lexicon::get("en");
        assert_eq!(ty(en, "rebelled"), Some("MOBILIZE"));
        for word in ["rebels", "supporters"] {
            assert_eq!(ty(en, word), None, "{word}");
        }
    }

    #[test]
    fn the_second_byte_check_never_hides_a_word_start() {
        for lang in ["fr", "en"] {
            let lex = Lexicon::get(lang);
            let starts: Vec<&str> = lex.prefixes.iter().flatten().map(|p| p.text).collect();
            let mut words: Vec<String> = Vec::new();
            for start in &starts {
                words.push(start.to_string());
                words.push(format!("{start}ait"));
                let mut chars = start.chars();
                chars.next_back();
                words.push(chars.as_str().to_string());
                let mut chars = start.chars();
                if let Some(first) = chars.next() {
                    let rest: String = chars.skip(1).collect();
                    for second in ['a', 'e', 'o', 'r', 'é', '\'', 'z'] {
                        words.push(format!("{first}{second}{rest}"));
                    }
                    words.push(first.to_string());
                }
            }
            words.extend(["", "a", "de", "rencontre", "xylophone"].map(String::from));
            let mut found = 0;
            for word in &words {
                let plain = lex
                    .prefixes
                    .iter()
                    .flatten()
                    .filter(|p| word.starts_with(p.text))
                    .max_by_key(|p| p.text.len())
                    .and_then(|p| p.trigger.as_ref());
                let fast = lex.prefix_trigger(word).map(|t| t.ty);
                assert_eq!(fast.is_some(), plain.is_some(), "{lang} {word:?}");
                found += usize::from(fast.is_some());
            }
            let triggering = lex
                .prefixes
                .iter()
                .flatten()
                .filter(|p| p.trigger.is_some());
            assert!(
                found >= triggering.count(),
                "{lang}: {found} words begin a trigger"
            );
        }
    }

    #[test]
    fn marks_around_names_come_from_the_tables() {
        let fr = Lexicon::get("fr");
        assert_eq!(fr.word("l'", true).mark, Some(Mark::Determiner));
        assert_eq!(fr.word("des", true).mark, Some(Mark::OfThe));
        assert_eq!(fr.word("a", true).mark, None);
        let en = Lexicon::get("en");
        assert_eq!(en.word("the", true).mark, Some(Mark::Determiner));
        assert_eq!(en.word("'s", true).mark, Some(Mark::Possessor));
        assert!(en.word("russia's", true).possessive_end);
        assert!(!en.word("'s", true).possessive_end);
    }

    #[test]
    fn a_phrase_is_one_trigger_or_none() {
        let fr = Lexicon::get("fr");
        let words: Vec<Word> = ["arrivé", "au", "pouvoir", "hier"]
            .iter()
            .map(|w| fr.word(w, true))
            .collect();
        assert!(words[0].phrase);
        assert!(matches!(
            fr.phrase(words.iter().map(|w| w.text)),
            Some((3, None))
        ));
        let en = Lexicon::get("en");
        let words: Vec<Word> = ["stepped", "down", "today"]
            .iter()
            .map(|w| en.word(w, true))
            .collect();
        assert!(
            matches!(en.phrase(words.iter().map(|w| w.text)), Some((2, Some(t))) if t.ty == "RETREAT")
        );
    }

    /// The table built from CAMEO brings phrases too.
    #[test]
    fn the_cameo_table_adds_phrases() {
        let fr = Lexicon::get("fr");
        let words = ["porté", "plainte", "contre"];
        assert!(matches!(fr.phrase(words.into_iter()), Some((2, Some(t))) if t.ty == "ACCUSE"));
    }

    /// A phrase with an elided word is cut as text is, whichever
    /// apostrophe the row writes: "d'" is a token of its own.
    #[test]
    fn a_phrase_with_an_elision_is_cut_as_text_is() {
        let mut entries = Entries::default();
        let mut phrases = FxHashMap::default();
        for row in ["prise d'otages", "prises d\u{2019}otages"] {
            add_phrase(
                "fr",
                &mut entries,
                &mut phrases,
                &[row, "ASSAULT", "", "", "181"],
            );
        }
        assert_eq!(phrases["prise"][0].0, ["d'", "otages"]);
        assert_eq!(phrases["prises"][0].0, ["d'", "otages"]);
        let fr = Lexicon::get("fr");
        let words = ["coup", "d'", "état", "militaire"];
        assert!(matches!(fr.phrase(words.into_iter()), Some((3, Some(t))) if t.ty == "COERCE"));
    }

    /// The hand-written table, read first, keeps a phrase that the table
    /// built from CAMEO lists again.
    #[test]
    fn a_phrase_listed_twice_keeps_its_first_row() {
        let mut entries = Entries::default();
        let mut phrases = FxHashMap::default();
        add_phrase(
            "fr",
            &mut entries,
            &mut phrases,
            &["mis en garde", "THREATEN", "", "", "130"],
        );
        add_phrase(
            "fr",
            &mut entries,
            &mut phrases,
            &["mis en garde", "ACCUSE", "", "", "111"],
        );
        assert_eq!(phrases["mis"].len(), 1);
        assert!(phrases["mis"][0].1.is_some_and(|t| t.ty == "THREATEN"));
        assert!(entries.get("mis").is_some_and(|e| e.phrase));
    }
}
