#!/usr/bin/env python3
"""Builds data/fr/events-cameo.tsv, the French event trigger table at CAMEO
scale, the way scripts/build-events.py builds the English one:

- the English CAMEO verbs that build-events.py keeps from PETRARCH2's verb
  dictionary (MIT, Open Event Data Alliance), each with its CAMEO code and
  the PLOVER type and mode of the PLOVER crosswalk (CC BY-SA 4.0, Open
  Event Data Alliance), less the verbs too generic to code alone;
- data/fr/events-cameo-review.tsv, a reviewed table that gives the French
  verbs, nouns and multiword expressions for each of these English verbs
  (or for a CAMEO code that no kept English verb reports), written from
  general knowledge of French; generic French verbs (faire, prendre,
  mettre, donner, tirer, porter...) are not in it, and a verb whose
  present or infinitive is most often another word is kept only in its
  past forms;
- data/words/fr-common.txt (the French word list built by
  scripts/build-data.py): a form that the rules below make but that the
  list lacks is dropped, so a wrong inflection never reaches the table.

Each French verb is written in the forms news use to report an act: the
present, imperfect and passé simple of the third person, the present
participle and the four past participles (not the infinitive, which names
what is planned, asked or aimed at); a noun in its
singular and plural; a multiword expression with its first word inflected
when it is a verb ("porter plainte" → "a porté plainte", "porte plainte").

Usage: scripts/build-events-fr.py [DIR]   (DIR holds the two dictionaries;
default ../shared/resources/eventdata beside the repository)
"""

import importlib.util
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
REVIEW = os.path.join(REPO, "data", "fr", "events-cameo-review.tsv")
WORDS = os.path.join(REPO, "data", "words", "fr-common.txt")
OUT = os.path.join(REPO, "data", "fr", "events-cameo.tsv")


def english():
    """build-events.py as a module: its CAMEO readers and its overrides."""
    spec = importlib.util.spec_from_file_location("build_events", os.path.join(HERE, "build-events.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# Third-group verbs by ending: (ending, [infinitive, past participle,
# present 3sg, present 3pl, passé simple 3sg, passé simple 3pl, imperfect
# stem, present participle]), each part the ending's replacement. The
# longest ending that a verb has wins; -er and -ir verbs of the second group
# are conjugated by rule.
IRREGULAR = [
    ("faire", ["faire", "fait", "fait", "font", "fit", "firent", "fais", "faisant"]),
    ("tenir", ["tenir", "tenu", "tient", "tiennent", "tint", "tinrent", "ten", "tenant"]),
    ("venir", ["venir", "venu", "vient", "viennent", "vint", "vinrent", "ven", "venant"]),
    ("mettre", ["mettre", "mis", "met", "mettent", "mit", "mirent", "mett", "mettant"]),
    ("prendre", ["prendre", "pris", "prend", "prennent", "prit", "prirent", "pren", "prenant"]),
    ("battre", ["battre", "battu", "bat", "battent", "battit", "battirent", "batt", "battant"]),
    ("dire", ["dire", "dit", "dit", "disent", "dit", "dirent", "dis", "disant"]),
    ("clure", ["clure", "clu", "clut", "cluent", "clut", "clurent", "clu", "cluant"]),
    ("uire", ["uire", "uit", "uit", "uisent", "uisit", "uisirent", "uis", "uisant"]),
    ("aindre", ["aindre", "aint", "aint", "aignent", "aignit", "aignirent", "aign", "aignant"]),
    ("eindre", ["eindre", "eint", "eint", "eignent", "eignit", "eignirent", "eign", "eignant"]),
    ("oindre", ["oindre", "oint", "oint", "oignent", "oignit", "oignirent", "oign", "oignant"]),
    ("rompre", ["rompre", "rompu", "rompt", "rompent", "rompit", "rompirent", "romp", "rompant"]),
    ("vaincre", ["vaincre", "vaincu", "vainc", "vainquent", "vainquit", "vainquirent", "vainqu", "vainquant"]),
    ("cueillir", ["cueillir", "cueilli", "cueille", "cueillent", "cueillit", "cueillirent", "cueill", "cueillant"]),
    ("courir", ["courir", "couru", "court", "courent", "courut", "coururent", "cour", "courant"]),
    ("ouvrir", ["ouvrir", "ouvert", "ouvre", "ouvrent", "ouvrit", "ouvrirent", "ouvr", "ouvrant"]),
    ("offrir", ["offrir", "offert", "offre", "offrent", "offrit", "offrirent", "offr", "offrant"]),
    ("quérir", ["quérir", "quis", "quiert", "quièrent", "quit", "quirent", "quér", "quérant"]),
    ("mentir", ["mentir", "menti", "ment", "mentent", "mentit", "mentirent", "ment", "mentant"]),
    ("naître", ["naître", "nu", "naît", "naissent", "nut", "nurent", "naiss", "naissant"]),
    ("cevoir", ["cevoir", "çu", "çoit", "çoivent", "çut", "çurent", "cev", "cevant"]),
    ("suivre", ["suivre", "suivi", "suit", "suivent", "suivit", "suivirent", "suiv", "suivant"]),
    ("crire", ["crire", "crit", "crit", "crivent", "crivit", "crivirent", "criv", "crivant"]),
    ("soudre", ["soudre", "sous", "sout", "solvent", "solut", "solurent", "solv", "solvant"]),
    ("andre", ["andre", "andu", "and", "andent", "andit", "andirent", "and", "andant"]),
    ("endre", ["endre", "endu", "end", "endent", "endit", "endirent", "end", "endant"]),
    ("ondre", ["ondre", "ondu", "ond", "ondent", "ondit", "ondirent", "ond", "ondant"]),
]
# Second-group -ir verbs are told from third-group ones by the ending list
# above: an -ir verb that no ending matches is conjugated like "finir".

# Consonants doubled before a mute e in "appeler", "jeter" and their kin;
# other -e_er verbs take a grave accent ("lever" → "lève").
DOUBLING = ("appeler", "jeter")


def pp_forms(pp):
    """The four past participles of a masculine singular one."""
    if pp.endswith("s"):
        return [pp, pp + "e", pp, pp + "es"]
    return [pp, pp + "e", pp + "s", pp + "es"]


def first_group(verb):
    """The forms of an -er verb."""
    stem = verb[:-2]
    soft = stem + ("e" if stem.endswith("g") else "")
    soft = soft[:-1] + "ç" if soft.endswith("c") else soft
    mute = stem
    if stem.endswith(("oy", "uy")):
        mute = stem[:-1] + "i"
    elif verb in DOUBLING or any(verb.endswith(d) for d in DOUBLING):
        mute = stem + stem[-1]
    elif len(stem) > 2 and stem[-2] in "eé" and stem[-1] not in "aeiouéyx":
        mute = stem[:-2] + "è" + stem[-1]
    elif len(stem) > 3 and stem[-3] in "eé" and stem[-2:] in ("vr", "br", "tr", "gn", "ch", "gl"):
        mute = stem[:-3] + "è" + stem[-2:]
    return [verb, *pp_forms(stem + "é"), mute + "e", mute + "ent", soft + "a", stem + "èrent",
            soft + "ait", soft + "aient", soft + "ant"]


def other_group(verb):
    """The forms of an -ir, -re or -oir verb: by its ending's row of
    IRREGULAR, else like "finir"."""
    for ending, parts in IRREGULAR:
        if verb.endswith(ending):
            base = verb[: -len(ending)]
            inf, pp, p3, p6, s3, s6, imp, ppr = (base + p for p in parts)
            return [inf, *pp_forms(pp), p3, p6, s3, s6, imp + "ait", imp + "aient", ppr]
    if verb.endswith("ir"):
        stem = verb[:-2]
        return [verb, *pp_forms(stem + "i"), stem + "it", stem + "issent", stem + "it",
                stem + "irent", stem + "issait", stem + "issaient", stem + "issant"]
    return []


def verb_forms(verb, past_only):
    """The forms of a French verb that report an act; `past_only`: its
    past participles and passé simple alone."""
    pronoun = verb.startswith(("se ", "s'"))
    verb = verb.split(" ", 1)[1] if verb.startswith("se ") else verb[2:] if pronoun else verb
    forms = first_group(verb) if verb.endswith("er") else other_group(verb)
    if not forms:
        raise SystemExit(f"no conjugation for {verb}")
    if past_only:
        return forms[1:5] + forms[7:9]
    # The infinitive reports no act of its own: it is what is planned,
    # asked or aimed at ("pour financer", "continuer à livrer").
    return forms[1:]


def noun_forms(noun):
    """A noun's singular and plural."""
    if noun.endswith(("s", "x", "z")):
        return [noun]
    if noun.endswith("al"):
        return [noun, noun[:-2] + "aux"]
    if noun.endswith(("au", "eu")):
        return [noun, noun + "x"]
    return [noun, noun + "s"]


# Prepositions that may follow a passive participle in a phrase.
PREPOSITIONS = {"à", "au", "aux", "en", "de", "d'", "du", "par", "sur", "contre"}


def expansions(french, pos, known):
    """The forms of a row of the review table: words the word list knows,
    or phrases whose first word it knows."""
    if pos in ("v", "vp"):
        return [f for f in verb_forms(french, pos == "vp") if f in known]
    if pos == "n":
        return [f for f in noun_forms(french) if f in known]
    if pos == "w":
        return [french]
    head, rest = french.split(" ", 1)
    if pos == "p":
        return [french]
    heads = verb_forms(head, pos == "pvp")
    if rest.split(" ", 1)[0] not in PREPOSITIONS:
        # Before its object the participle does not agree ("a pris le
        # pouvoir", "a porté plainte"): its feminine and plural forms are
        # left out. Before a preposition it may be passive ("ont été
        # passés à tabac") and agree.
        heads = heads[:1] + heads[4:]
    return [f"{h} {rest}" for h in heads if h in known]


def review_rows(path):
    """The rows of the review table: (English verb or CAMEO code, French
    lemma, part of speech, form, type, mode)."""
    for line in open(path, encoding="utf-8"):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.rstrip("\n").split("\t") + [""] * 6
        yield [c.strip() for c in cells[:6]]


def codes(src, be):
    """English CAMEO verb → (code, PLOVER type, mode), as build-events.py
    keeps them."""
    table = be.crosswalk(os.path.join(src, "CAMEO2PLOVER-2021.txt"))
    found = {}
    for verb, _forms, code in be.verbs(os.path.join(src, "CAMEO.2.0.txt")):
        pl = be.VERB_PLOVER.get(verb) or be.plover(code, table)
        if pl is not None:
            found.setdefault(verb, (code, pl[0], pl[1].replace(" ", "")))
    return found, table


def main():
    be = english()
    src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(REPO, "..", "shared", "resources", "eventdata")
    by_verb, table = codes(src, be)
    known = {w.strip() for w in open(WORDS, encoding="utf-8") if not w.startswith("#")}
    rows = {}
    # Forms the table leaves out whatever row makes them: they are most
    # often another word ("finances", "tire").
    dropped = {r[1] for r in review_rows(REVIEW) if r[2] == "-"}
    for key, french, pos, form, ty, mode in review_rows(REVIEW):
        if pos == "-":
            continue
        if key.isdigit():
            pl = be.plover(key, table)
            if pl is None:
                raise SystemExit(f"no PLOVER type for code {key}")
            code, pl_ty, pl_mode = key, pl[0], pl[1].replace(" ", "")
        elif key in by_verb:
            code, pl_ty, pl_mode = by_verb[key]
        else:
            raise SystemExit(f"{key}: not a verb that build-events.py keeps, nor a code")
        words = expansions(french, pos, known)
        if not words:
            raise SystemExit(f"{french}: no form in the word list")
        for word in (w for w in words if w not in dropped):
            # The first row that lists a form keeps it.
            rows.setdefault(word, (ty or pl_ty, mode or pl_mode, form, code))
    be.write_table(
        OUT,
        "# Event triggers (French) at CAMEO scale: the French verbs, nouns and\n"
        "# expressions of data/fr/events-cameo-review.tsv for the verbs of PETRARCH2's\n"
        "# CAMEO verb dictionary (MIT, Open Event Data Alliance), with their PLOVER\n"
        "# type and mode from the PLOVER CAMEO crosswalk (CC BY-SA 4.0, Open Event Data\n"
        "# Alliance). Built by scripts/build-events-fr.py; do not edit by hand: rows of\n"
        "# events.tsv take precedence over these.\n",
        rows,
    )


if __name__ == "__main__":
    main()
