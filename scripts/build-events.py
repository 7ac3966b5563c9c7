#!/usr/bin/env python3
"""Builds data/en/events-cameo.tsv, the English event trigger table at CAMEO
scale, from two public dictionaries of the event-data field:

- PETRARCH2's CAMEO verb-pattern dictionary (CAMEO.2.0.txt, MIT licence,
  Open Event Data Alliance): English verbs grouped in blocks, each block and
  some verbs with a CAMEO code;
- the PLOVER project's CAMEO → PLOVER crosswalk (CAMEO2PLOVER-2021.txt,
  CC BY-SA 4.0, Open Event Data Alliance): each CAMEO code's PLOVER type
  and mode.

Only single verbs whose own code, or whose block's code, says what they
report are kept: a verb whose block has no code ([---]) reports an event
only with the pattern's object, which a one-word table cannot check, and is
left out. Verbs too generic to report an event by themselves (listed below)
are dropped. Each verb is written in all its forms (listed irregular forms,
else the regular ones).

Usage: scripts/build-events.py [DIR]   (DIR holds the two dictionaries;
default ../shared/resources/eventdata beside the repository)
"""

import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)

# CAMEO roots that PLOVER does not code (01: public statements).
UNCODED_ROOTS = {"01"}
# CAMEO root 02 (appeals) is folded into PLOVER's REQUEST, which the 2021
# crosswalk leaves implicit.
IMPLICIT = {"02": ("REQUEST", "")}
# Codes whose crosswalk type is overridden to follow depeche's annotation
# conventions (data/../GOLD conventions): signing a formal agreement is AGREE.
OVERRIDES = {"057": ("AGREE", "")}
# Verbs too generic to report an event by themselves, or whose block's code
# holds only with a pattern's object ("fired" a minister, "beat" a rival at
# the polls, "march" the month): dropped whatever their block says.
GENERIC = set("""
ABSTAIN ADDRESS AGREE AIM ALLOCATE ALLOW AMASS APPRECIATE APPROACH APPROVE ARGUE
ARM ASK ASSEMBLE ASSIGN ASSURE ATTACH ATTEND AWARD BACK BARGAIN BEAT BENEFIT
BLAST BLESS BLITZ BOOST BOW BREAK BROKER BUY CABLE CALL CAMPAIGN CELEBRATE CHAIN
CHALLENGE CHECK CHEER CIRCLE CLAIM CLEAR COLLABORATE COMB COME COMMEMORATE
COMPROMISE CONDUCT CONFRONT CONSIDER CONTEST CONTRIBUTE CONTROL CONVERGE
COOPERATE COORDINATE COUNTER CURB CURSE DEAL DEBATE DECIDE DECLASSIFY DECLINE
DEFEND DELAY DEPART DESPAIR DICTATE DIE DIFFER DISAGREE DISAPPOINT DISARM
DISCLOSE DISGRACE DISMAY DISMISS DISPUTE DISRUPT DISTRUST DISTURB DOMINATE DUEL
EASE EMBARK ENACT ENCOUNTER ENCOURAGE ENDANGER ENFORCE ENGAGE ENHANCE ENLIST
ENSURE ESTABLISH EXCHANGE EXPAND EXTRACT FACE FACILITATE FAIL FAVOR FIRE
FORCE FORMALIZE FOUND FRUSTRATE GATHER GIVE GO GRANT GRAPPLE GRILL GUARD HAMMER
HEAD HEAR HEIGHTEN HELP HIT HOLD HOPE HUDDLE HURT IMPEL IMPORT IMPROVE INCREASE
INFLUENCE INSPECT INSTITUTE INTEND INTERROGATE INTERVENE INTRODUCE INVEST INVITE
ISSUE JOIN KICK LAMENT LASH LEAD LEGALISE LEGITIMISE LEND LINK LOOSEN MARCH
MERGE MONITOR MOURN MULL ORDER OVERSEE OVERTURN OVERRULE PARADE PASS PAY PELT
PETITION PLAN PONDER POSTPONE POUND PREPARE PRESS PREVENT PROMOTE PROPOSE
PROTECT PROTEST PROVIDE PROVOKE PULL PURCHASE PUSH RALLY RATIFY READY REASSERT
REASSURE RECOGNISE RECOMMEND REDOUBLE REGRET REINFORCE REJOICE REMOVE REPORT
RESOLVE RESPECT RESTRICT REVIVE RULE SAVAGE SEEK SHELVE SIGNAL STABILISE STEAL
STRIVE STRUGGLE STUDY SUBMIT SUGGEST SUMMON SUPERVISE SUSPECT SWEEP TAKE
TOLERATE TRADE TRAIN VERIFY WANT WEIGH WITHHOLD WRESTLE SURROUND DEFECT
DEMONSTRATE BLOCK BLOCKADE INVADE SPY BETRAY UNDERMINE NEED BID ADVISE
APPROVE DECIDE MUSTER EVACUATE DISASSOCIATE EXPECT DETERMINE VOTE EXPRESS
SEARCH AFFECT ADMIT REVEAL UNVEIL ORGANISE HAGGLE ARRIVE APPRISE NOTIFY
COMMUNICATE CONVERSE ABUSE RIP COMPENSATE OBJECT APPLY DECREE DEFEAT EXCLUDE
SHUN CONVENE RE-EXAMINE REEXAMINE RENOUNCE OPPOSE ASSIST DISENGAGE COMPLY
""".split())
# Phrasal verbs ("+BACK_DOWN") whose code holds whatever their object, kept
# with the block's or their own code; the others are too loose by themselves
# ("went to", "ran into", "took over" an office) or patterns joined by "and"
# rather than verbs.
PHRASAL = {
    "CALL_OFF", "BACK_DOWN", "DRAW_BACK", "PULL_BACK", "GIVE_IN", "GIVE_UP",
    "DROP_OUT", "SET_FREE", "CRACK_DOWN", "BOOT_OUT", "KICK_OUT",
    "WIPE_OUT", "BLOW_UP", "GUN_DOWN", "SHOOT_DOWN", "FIGHT_BACK", "WAGE_WAR",
    "MEET_WITH", "DRESS_DOWN", "CALL_UP", "ASK_FOR", "RULE_OUT",
}
# Verbs whose CAMEO code is more precise than their block's, from the CAMEO
# codebook's own definitions (releasing people is 0841, a military surrender
# 0874, a donation or supply is aid 070, condemning is 111).
VERB_CODES = {
    "FREE": "0841", "LIBERATE": "0841", "RELEASE": "0841", "SURRENDER": "0874",
    "DONATE": "070", "SUPPLY": "070", "CONDEMN": "111", "MEDIATE": "045",
    "NEGOTIATE": "046", "WITHDRAW": "0872", "RETREAT": "0874",
    "RULE_OUT": "120",
}
# Forms dropped because they are most often another word ("thanks to",
# "appeals court").
DROP_FORMS = {"THANKS", "APPEALS", "OBJECTS"}
# The "form" column of events.tsv for verbs whose subject is the host of a
# visit, not the visitor.
VERB_FORM = {"HOST": "host"}
# Verbs kept only in their past forms: the bare form is most often a noun or
# another word ("fine", "charge", "storm").
PAST_ONLY = {"FREE", "FINE", "CHARGE", "STORM", "TARGET", "RAID", "BOMB", "SHOOT"}
# PLOVER type and mode set by depeche's annotation conventions rather than
# the crosswalk: a resignation is RETREAT (resign); a conviction or sentence
# is SANCTION (convict); a charge or indictment is ACCUSE.
VERB_PLOVER = {
    "RESIGN": ("RETREAT", "resign"), "CONVICT": ("SANCTION", "convict"),
    "SENTENCE": ("SANCTION", "convict"), "INDICT": ("ACCUSE", "allege"),
    "PROSECUTE": ("ACCUSE", "allege"), "SUE": ("ACCUSE", "allege"),
}

def crosswalk(path):
    """CAMEO code → (PLOVER type, mode)."""
    table = {}
    for line in open(path, encoding="utf-8"):
        m = re.match(r"^(\d{2,4}):\s*([A-Z]+)\s*(?:,\s*([^,#]*))?", line)
        if m:
            mode = (m.group(3) or "").strip()
            table[m.group(1)] = (m.group(2), mode)
    return table


def plover(code, table):
    """The PLOVER type and mode of a CAMEO code, or None."""
    if code[:2] in UNCODED_ROOTS:
        return None
    for c in (code, code[:3], code[:2]):
        if c in OVERRIDES:
            return OVERRIDES[c]
        if c in table:
            return table[c]
    return IMPLICIT.get(code[:2])


def regular_forms(verb):
    """The regular inflections of an English verb, as PETRARCH makes them."""
    forms = {verb}
    if verb.endswith("E"):
        forms |= {verb + "S", verb + "D", verb[:-1] + "ING"}
    elif verb.endswith("Y") and verb[-2:-1] not in "AEIOU":
        forms |= {verb[:-1] + "IES", verb[:-1] + "IED", verb + "ING"}
    elif verb.endswith(("S", "X", "Z", "CH", "SH")):
        forms |= {verb + "ES", verb + "ED", verb + "ING"}
    else:
        forms |= {verb + "S", verb + "ED", verb + "ING"}
    return forms


def first_code(text):
    """The source-side code of a "[042:043]" code, or None for "[---]"."""
    m = re.search(r"\[(:?)(\d{2,4}|---)", text or "")
    if not m or m.group(2) == "---" or m.group(1):
        return None
    return m.group(2)


def verbs(path):
    """(verb, forms, CAMEO code) for every single verb with a code that its
    block names (the block's head verb, a verb a pattern was taken from, or
    a verb with its own code): the other verbs of a block are synonyms
    added from WordNet, too loose to code by themselves."""
    text = open(path, encoding="utf-8").read().split("VERB PATTERNS", 1)[-1]
    for block in re.split(r"\n(?=---\s)", text):
        head = re.match(r"^---\s+(\S+)\s+\[([^\]]*)\]", block)
        if not head:
            continue
        block_code = first_code("[" + head.group(2) + "]")
        cited = set(re.findall(r"^-.*#\s*([A-Z][A-Z_-]+)", block, re.M))
        for raw in block.splitlines()[1:]:
            line = raw.split("#", 1)[0].rstrip()
            m = re.match(r"^(\+?[A-Z][A-Z_-]*)\s*(\{[^}]*\})?\s*(\[[^\]]*\])?", line)
            if not m:
                continue
            verb = m.group(1).lstrip("+")
            if m.group(1).startswith("+"):
                if verb in PHRASAL:
                    yield from phrasal(verb, m.group(2), first_code(m.group(3)) or block_code)
                continue
            own = first_code(m.group(3)) if m.group(3) else None
            if own is None and verb != head.group(1) and verb not in cited:
                continue
            code = VERB_CODES.get(verb) or own or block_code
            if code is None or verb in GENERIC:
                continue
            forms = {verb}
            if m.group(2):
                listed = m.group(2).strip("{}").replace(",", " ").split()
                forms |= {w for w in listed if "_" not in w and not w.startswith("+")}
            else:
                forms = regular_forms(verb)
            if verb in PAST_ONLY:
                forms = {f for f in forms if f.endswith(("ED", "EN")) or f not in regular_forms(verb)}
                forms.discard(verb)
                forms = {f for f in forms if not f.endswith(("S", "ING"))}
            yield verb, forms, code


def phrasal(verb, listed, code):
    """(verb, forms, code) of a phrasal verb: its listed forms, else the
    regular forms of its first word followed by the rest ("RULE_OUT" →
    "RULED OUT"), written with spaces as the text has them."""
    code = VERB_CODES.get(verb) or code
    if code is None:
        return
    head, _, rest = verb.partition("_")
    forms = {verb}
    if listed and listed.strip("{} "):
        forms |= {w.lstrip("+") for w in listed.strip("{}").replace(",", " ").split()}
    else:
        forms |= {f"{f}_{rest}" for f in regular_forms(head)}
    yield verb, {f.replace("_", " ") for f in forms}, code


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(REPO, "..", "shared", "resources", "eventdata")
    table = crosswalk(os.path.join(src, "CAMEO2PLOVER-2021.txt"))
    rows = {}
    for verb, forms, code in verbs(os.path.join(src, "CAMEO.2.0.txt")):
        pl = VERB_PLOVER.get(verb) or plover(code, table)
        if pl is None:
            continue
        ty, mode = pl
        mode = mode.replace(" ", "")
        for form in sorted(forms - DROP_FORMS):
            # The first block that lists a form keeps it.
            rows.setdefault(form.lower(), (ty, mode, VERB_FORM.get(verb, ""), code))
    write_table(
        os.path.join(REPO, "data", "en", "events-cameo.tsv"),
        "# Event triggers (English) at CAMEO scale: verb forms from PETRARCH2's CAMEO\n"
        "# verb dictionary (MIT, Open Event Data Alliance) with their PLOVER type and\n"
        "# mode from the PLOVER CAMEO crosswalk (CC BY-SA 4.0, Open Event Data\n"
        "# Alliance). Built by scripts/build-events.py; do not edit by hand: rows of\n"
        "# events.tsv take precedence over these.\n",
        rows,
    )


def write_table(out, header, rows):
    """Writes an event table: its header comment, the column line, then one
    row a form (`rows`: form -> (type, mode, form flags, CAMEO code)) in
    sorted order; this script's table and the French one share it."""
    with open(out, "w", encoding="utf-8") as f:
        f.write(header + "# trigger\ttype\tmode\tform\tcameo\n")
        for word in sorted(rows):
            ty, mode, form, code = rows[word]
            f.write(f"{word}\t{ty}\t{mode}\t{form}\t{code}\n")
    print(f"{len(rows)} forms written to {os.path.relpath(out, REPO)}")


if __name__ == "__main__":
    main()
