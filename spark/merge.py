#!/usr/bin/env python3
"""Merges depeche records across partitions on Apache Spark.

`depeche_job.py` writes one record per article; each record names its
entities locally (`e1`, `e2`...) with a global `key` that is the same in
every article. This step does across all records what `depeche ingest`
does in its store:

- `entities/`: one row per global key: type, the most frequent name, every
  spelling with its count, articles and mentions, coordinates;
- `events/`: one row per event with its actors' global keys and its story;
- `stories/`: reports of one real event joined across articles, with the
  store's rules (`crates/store/src/stories.rs`, ported here): events of
  one group (the same PLOVER type and the top of the source's chain of
  what it belongs to: person, organisation, country; a missing source
  stands for the place's country, else the target's; for AGREE, CONSULT,
  COOPERATE the lesser of the two sides' tops, and sides compared either
  way round) join when their sides share a chain (the spellings of one person or
  organisation being one), their places are one in the other (or not
  located, or each in a side's country, or one at home when every side is
  of one country), their modes fit (a visit and a
  meeting, not a resignation and a release),
  their times are within 3 days (a date is the days it names; an undated
  event the 3 days before its report) or, without time, their articles
  share 20% of their other entities or both give both sides and a side of
  each is the same person. Each event joins the largest
  compatible story in an order that depends only on the events, so stories
  do not depend on how the input was partitioned; then each story joins
  the first before it whose events are all akin to its own (compatible, or
  one side the same actor with times, places and modes fitting). Each story has the most
  specific source, target and place its reports give, the most given
  modality, its number of events (`mentions`), distinct articles and
  outlets (the outlet, else the address's host), first and last reported
  dates, article ids and where its reports disagree (`disagreements`:
  the date, the place, a side, the modality, or a figure, dead, injured,
  arrested, displaced or crowd, that gives another number).

Places reach their country, and ministries, national bodies, names or
titles with a demonym and the persons and organisations the CAMEO actor
dictionary codes with a country theirs, through the tables depeche has
compiled in: `depeche
export --format countries -o
countries.tsv` writes those facts, and `--countries` (default
`countries.tsv`, as `--files countries.tsv` ships it) reads them.

An article whose id or address was already seen earlier in the input is
skipped, as `depeche ingest` skips it (the store also skips an identical
text; records do not carry the text, so that check is not made here).

    depeche export --format countries -o countries.tsv
    spark-submit --master local[2] spark/merge.py /tmp/records /tmp/merged \
        --countries countries.tsv
"""

import argparse
import hashlib
import json
import re
import sys
import unicodedata
from datetime import date as Date, timedelta

def parse_args(argv):
    p = argparse.ArgumentParser(prog="merge.py", description=__doc__.split("\n")[1])
    p.add_argument("records", help="output folder of depeche_job.py (JSON lines or Parquet), "
                                   "or one JSON lines file of records")
    p.add_argument("output", help="folder for entities/, events/, stories/")
    p.add_argument("--input-format", choices=("auto", "jsonl", "parquet"), default="auto")
    p.add_argument("--format", choices=("jsonl", "parquet"), default="jsonl",
                   help="format of the merged tables")
    p.add_argument("--partitions", type=int, default=0,
                   help="partitions of the grouping shuffles (default: Spark's)")
    p.add_argument("--countries", metavar="FILE",
                   help="the gazetteer facts stories join places and ministries to their "
                        "countries through: `depeche export --format countries -o FILE` "
                        "(ship it with --files; default: countries.tsv in the working folder)")
    p.add_argument("--overwrite", action="store_true")
    return p.parse_args(argv)


# ------------------------------------------------- the store's story rules
#
# A port of crates/store/src/stories.rs: keep the two in step.

DATE_WINDOW_DAYS = 3   # two events' times at most this many days apart
UNDATED_DAYS = 3       # an undated event happened at most this long before its report
CONTEXT_SHARE = 0.2    # without time, the articles share this part of their other entities
SYMMETRIC_TYPES = ("AGREE", "CONSULT", "COOPERATE")
MODE_FAMILIES = (("visit", "meet", "multilateral"),)  # modes one act's reports may each give
SEP = "\x1f"


def read_countries(lines):
    """The gazetteer facts of `depeche export --format countries`: (ISO code ->
    country key, country keys, region key -> country key, lowercased demonym
    -> country key, folded CAMEO actor name -> country key)."""
    by_code, region, demonym, actor = {}, {}, {}, {}
    for line in lines:
        row = line.rstrip("\n").split("\t")
        if len(row) == 3 and row[0] == "country":
            by_code[row[1]] = row[2]
        elif len(row) == 3 and row[0] == "region":
            region[row[1]] = row[2]
        elif len(row) == 3 and row[0] == "demonym":
            demonym[row[1]] = row[2]
        elif len(row) == 3 and row[0] == "actor":
            actor[row[1]] = row[2]
    return by_code, set(by_code.values()), region, demonym, actor


def fold(name):
    """Lowercase words without accents, one space between (the store's fold)."""
    out, space = [], False
    for c in unicodedata.normalize("NFKD", name):
        if unicodedata.combining(c):
            continue
        if c.isalnum():
            if space and out:
                out.append(" ")
            space = False
            out.append(c.lower())
        else:
            space = True
    return "".join(out)


def country_of(member, countries):
    """The country an entity is in or of, as a gazetteer key: a place's, a
    ministry's or national body's, the one a demonym of its name or titles
    names, or the one the CAMEO actor dictionary gives its name."""
    by_code, keys, region, demonym, actor = countries
    key, ty, code, _, labels, names = member
    if ty == "LOC":
        return region.get(key) or (by_code.get(code) if code else None)
    for body in ("-ministry-", "-part-"):
        if body in key:
            head = key.split(body, 1)[0]
            return head if head in keys else None
    for label in labels:
        for word in re.split(r"[^\w]|_", label):
            if word.lower() in demonym:
                return demonym[word.lower()]
    for name in names:
        if fold(name) in actor:
            return actor[fold(name)]
    return None


def chain(local, members, countries):
    """The global keys an entity stands for, most specific first: its own,
    then what its roles make it part of (and so on), then the country of a
    place, the country a ministry's key starts with or a demonym names."""
    out, found, seen, todo = [], [], set(), [local]
    while todo:
        l = todo.pop(0)
        m = members.get(l)
        if m is None or l in seen:
            continue
        seen.add(l)
        if m[0] not in out:
            out.append(m[0])
        c = country_of(m, countries)
        if c is not None:
            found.append(c)
        todo.extend(m[3])
    for c in found:
        if c not in out:
            out.append(c)
    return out


def symmetric(ty):
    return ty in SYMMETRIC_TYPES


def group_side(top):
    """A person by their surname (the key's last part), an organisation by
    its parts in order: the keys same_actor joins share a group."""
    if top.startswith("per:"):
        return "per:" + top[4:].rsplit("-", 1)[-1]
    if top.startswith("org:"):
        return "org:" + "-".join(sorted(top[4:].split("-")))
    return top


def group_key(ty, source, target, place, unique):
    """Type and the top of the source (as group_side writes it; a missing
    source: the top of the place, else the target's), the lesser of the two
    sides' tops for symmetric types; only events of one group can join."""
    place_top = place[-1] if place else None
    if not source and not target:
        return f"{ty}{SEP}{SEP}@{place_top}" if place_top is not None else f"alone{SEP}{unique}"

    def side(c):
        return group_side(c[-1]) if c else place_top
    if symmetric(ty):
        tops = [t for t in (side(source), side(target)) if t is not None]
        anchor = min(tops, key=lambda t: t.encode("utf-8")) if tops else None
    else:
        anchor = side(source)
        if anchor is None and side(target) is not None:
            anchor = ">" + side(target)
    return f"{ty}{SEP}{anchor or ''}"


def day(text):
    """The date of the first ten characters `YYYY-MM-DD`, else None."""
    if text is None or len(text) < 10:
        return None
    try:
        return Date.fromisoformat(text[:10])
    except ValueError:
        return None


def date_span(d):
    """The days a date names: one day, a month or a year."""
    d = d.strip()
    n = len(d.encode("utf-8"))
    try:
        if n == 10:
            x = day(d)
            return (x, x) if x else None
        if n == 7:
            first = Date.fromisoformat(d + "-01")
            nxt = Date(first.year + 1, 1, 1) if first.month == 12 else Date(first.year, first.month + 1, 1)
            return (first, nxt - timedelta(days=1))
        if n == 4 and re.fullmatch(r"[+-]?[0-9]+", d):
            return (Date(int(d), 1, 1), Date(int(d), 12, 31))
    except ValueError:
        return None
    return None


def span(e):
    """When an event can have happened: its date's days, else the days up to
    its report's publication (to the end of the month when only the month is
    known); None when neither."""
    if e["date"] is not None:
        s = date_span(e["date"])
        if s is not None:
            return s
    if e["published"] is None:
        return None
    p = date_span(e["published"])
    return (p[0] - timedelta(days=UNDATED_DAYS), p[1]) if p else None


def gap(a, b):
    return max((b[0] - a[1]).days, (a[0] - b[1]).days, 0)


def same_actor(a, b):
    """One actor: the same key, two keys of one organisation whose words
    come in another order, or two keys of one person as articles write them
    (initials run together, the surname alone)."""
    if a == b:
        return True
    if a.startswith("org:") and b.startswith("org:"):
        return sorted(a[4:].split("-")) == sorted(b[4:].split("-"))
    if not (a.startswith("per:") and b.startswith("per:")):
        return False
    a, b = a[4:], b[4:]
    if a.replace("-", "") == b.replace("-", ""):
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return long_.endswith(short) and long_[:-len(short)].endswith("-")


def in_chain(key, chain_):
    return any(same_actor(k, key) for k in chain_)


def sides_agree(a, b):
    return not a or not b or any(in_chain(k, b) for k in a)


def located(place, countries):
    """Whether a place's chain reaches a country."""
    return bool(place) and place[-1] in countries[1]


def places_agree(a, b, countries):
    """One place missing or not located, one in the other, or each in the
    country of one of the events' sides; when every side is of one country,
    a place at home fits one abroad."""
    x, y = a["place"], b["place"]
    if not located(x, countries) or not located(y, countries) or y[0] in x or x[0] in y:
        return True
    tops = [s[-1] for s in (a["source"], a["target"], b["source"], b["target"]) if s]
    lands = [k for k in tops if k in countries[1]]
    if x[-1] in lands and y[-1] in lands:
        return True
    # every side of one country: the event is at home, a place abroad misplaced
    home = len(lands) == len(tops) and all(k == lands[0] for k in lands)
    return home and (x[-1] in lands) != (y[-1] in lands)


def context_share(a, b):
    """The part of the smaller article's other entities the two share."""
    if a["article_id"] == b["article_id"]:
        return 1.0
    chains = (a["source"], a["target"], a["place"], b["source"], b["target"], b["place"])
    own = {k for c in chains for k in c}
    x = {k for k in a["context"] if k not in own}
    y = {k for k in b["context"] if k not in own}
    smaller = min(len(x), len(y))
    return len(x & y) / smaller if smaller else 0.0


def modes_agree(a, b):
    """One mode not told, the same, or of one family of MODE_FAMILIES."""
    return a is None or b is None or a == b or \
        any(a in family and b in family for family in MODE_FAMILIES)


def one_persons_news(a, b):
    """Two events without time that are the same news: each gives both
    sides, and a side of each is the same person."""
    def person(x, y):
        return bool(x) and bool(y) and x[0].startswith("per:") and same_actor(x[0], y[0])
    both = a["source"] and a["target"] and b["source"] and b["target"]
    return bool(both) and (person(a["source"], b["source"]) or person(a["target"], b["target"]) or (
        symmetric(a["type"]) and (person(a["source"], b["target"]) or person(a["target"], b["source"]))))


def setting_fits(a, b, sa, sb, countries):
    """Times (within the window, or without time the same news), places
    and modes fit."""
    if sa is not None and sb is not None:
        if gap(sa, sb) > DATE_WINDOW_DAYS:
            return False
    elif context_share(a, b) < CONTEXT_SHARE and not one_persons_news(a, b):
        return False
    return places_agree(a, b, countries) and modes_agree(a["mode"], b["mode"])


def compatible(a, b, sa, sb, countries):
    if not setting_fits(a, b, sa, sb, countries):
        return False
    if sides_agree(a["source"], b["source"]) and sides_agree(a["target"], b["target"]):
        return True
    return (symmetric(a["type"]) and sides_agree(a["source"], b["target"])
            and sides_agree(a["target"], b["source"]))


def named_alike(a, b):
    """Two sides given by both whose own keys name one actor."""
    return bool(a) and bool(b) and same_actor(a[0], b[0])


def akin(a, b, sa, sb, countries):
    """Compatible, or one side the same actor (either side for symmetric
    types) with times, places and modes fitting."""
    if compatible(a, b, sa, sb, countries):
        return True
    one = named_alike(a["source"], b["source"]) or named_alike(a["target"], b["target"]) or (
        symmetric(a["type"]) and (named_alike(a["source"], b["target"])
                                  or named_alike(a["target"], b["source"])))
    return one and setting_fits(a, b, sa, sb, countries)


def outlet_of(outlet, url):
    """The outlet to count: the one given, else the address's host without `www.`."""
    if outlet and outlet.strip():
        return outlet.strip().lower()
    if not url:
        return None
    url = url.strip()
    rest = url.split("://", 1)[1] if "://" in url else url
    for sep in "/?#":
        rest = rest.split(sep, 1)[0]
    host = rest.rsplit("@", 1)[-1].split(":", 1)[0].lower()
    if host.startswith("www."):
        host = host[4:]
    return host or None


def _opt(v):
    """Rust's Option order: None before any value."""
    return (v is not None, v if v is not None else "")


def cluster(events, countries):
    """Splits one group's events into stories (lists of indices into events):
    each event, best dated first, joins the largest story all of whose events
    it is compatible with."""
    spans = [span(e) for e in events]

    def order_key(i):
        e, s = events[i], spans[i]
        width, start = ((s[1] - s[0]).days, (True, s[0])) if s else (float("inf"), (False, Date.min))
        return (width, start, _opt(e["published"]), e["article_id"], e["ord"], e["seq"])
    clusters = []  # [cover, members]
    for i in sorted(range(len(events)), key=order_key):
        best = None
        for c, (cover, members) in enumerate(clusters):
            near = gap(cover, spans[i]) <= DATE_WINDOW_DAYS if cover and spans[i] else True
            larger = best is None or len(clusters[best][1]) < len(members)
            if near and larger and all(compatible(events[i], events[m], spans[i], spans[m], countries)
                                       for m in members):
                best = c
        if best is None:
            clusters.append([None, []])
            best = len(clusters) - 1
        c = clusters[best]
        own = spans[i]
        if own is not None:
            c[0] = own if c[0] is None else (min(c[0][0], own[0]), max(c[0][1], own[1]))
        c[1].append(i)
    # then each story joins the first before it all of whose events are akin
    joined = []
    for cover, members in clusters:
        for story in joined:
            near = gap(story[0], cover) <= DATE_WINDOW_DAYS if story[0] and cover else True
            if near and all(akin(events[m], events[t], spans[m], spans[t], countries)
                            for t in story[1] for m in members):
                if cover is not None:
                    story[0] = cover if story[0] is None else \
                        (min(story[0][0], cover[0]), max(story[0][1], cover[1]))
                story[1].extend(members)
                break
        else:
            joined.append([cover, list(members)])
    return [members for _, members in joined]


def oriented(e, reference):
    """An event's sides, a symmetric type's turned round when they meet the
    reference event's that way."""
    straight = (sides_agree(e["source"], reference["source"])
                and sides_agree(e["target"], reference["target"])) \
        or named_alike(e["source"], reference["source"]) \
        or named_alike(e["target"], reference["target"])
    if symmetric(e["type"]) and not straight:
        return e["target"], e["source"]
    return e["source"], e["target"]


def most_specific(chains):
    """The first key of the longest chain, then of the longest own key (a
    full name rather than the surname alone), the first on ties."""
    best = None
    for c in chains:
        if c and (best is None or (len(best), len(best[0].encode("utf-8"))) < (len(c), len(c[0].encode("utf-8")))):
            best = c
    return best[0] if best else None


FIGURE_KINDS = ("dead", "injured", "arrested", "displaced", "crowd")
WRITTEN = {"exact": "{v}", "about": "~{v}", "nearly": "<~{v}", "at-least": ">={v}",
           "more-than": ">{v}", "at-most": "<={v}", "fewer-than": "<{v}", "between": "{v}-{h}"}


def toll(e, kind):
    """The figure of one kind a report gives, written as the store writes it
    (`12`, `>=30`, `20-26`): its largest, the first of equals."""
    best = None
    for f in e.get("figures") or []:
        if f.get("kind") == kind and f.get("bound") in WRITTEN and \
                (best is None or best["value"] < f["value"]):
            best = f
    if best is None:
        return None
    high = best.get("high")
    return WRITTEN[best["bound"]].format(v=best["value"], h=best["value"] if high is None else high)


def numbers(written):
    return re.findall(r"[0-9]+", written)


def disagreements(events, members):
    """Where the reports of a story differ: dates neither of which is part of
    the other, places or sides neither of which is in the other, whether it
    happened (modalities), figures that give other numbers."""
    if not members:
        return []
    names = ("date", "place", "source", "target", "happened") + FIGURE_KINDS
    fields = {n: {} for n in names}
    for i in members:
        e = events[i]
        source, target = oriented(e, events[members[0]])
        values = ((e["date"], []), (e["place"][0] if e["place"] else None, e["place"]),
                  (source[0] if source else None, source),
                  (target[0] if target else None, target), (e["modality"], [])) + \
            tuple((toll(e, kind), []) for kind in FIGURE_KINDS)
        for n, (value, chain_) in zip(names, values):
            if value:
                fields[n].setdefault(value, (chain_, set()))[1].add(e["article_id"])
    out = []
    for field in names:
        versions = sorted(fields[field].items())

        def differ(a, b):
            (va, (ca, _)), (vb, (cb, _)) = a, b
            if field == "date":
                return not va.startswith(vb) and not vb.startswith(va)
            if field == "happened":
                return va != vb
            if field in FIGURE_KINDS:
                return numbers(va) != numbers(vb)
            return not in_chain(vb, ca) and not in_chain(va, cb)
        if not any(differ(a, b) for n, a in enumerate(versions) for b in versions[n + 1:]):
            continue
        listed = [{"value": v, "articles": sorted(arts)} for v, (_, arts) in versions]
        listed.sort(key=lambda x: (-len(x["articles"]), x["value"]))
        out.append({"field": field, "versions": listed})
    return out


def figures(events, members):
    of = [events[i] for i in members]
    reference = of[0]
    days = sorted({day(e["date"]) for e in of
                   if e["date"] is not None and len(e["date"].encode("utf-8")) == 10} - {None})
    if days:
        date = days[0].isoformat()
        date_last = days[-1].isoformat() if days[-1] != days[0] else None
    else:
        partials = [e["date"] for e in of if e["date"] is not None]
        # the most precise partial date; the earliest on ties
        date = min(partials, key=lambda d: (-len(d.encode("utf-8")), d.encode("utf-8"))) \
            if partials else None
        date_last = None
    counts = {}
    for e in of:
        counts[e["modality"]] = counts.get(e["modality"], 0) + 1
    modality = None
    for m, n in counts.items():  # the most given; the first seen on ties
        if modality is None or counts[modality] < n:
            modality = m
    published = sorted({e["published"] for e in of if e["published"] is not None})
    sides = [oriented(e, reference) for e in of]
    return {
        "modality": modality or "",
        "source": most_specific(s for s, _ in sides),
        "target": most_specific(t for _, t in sides),
        "location": most_specific(e["place"] for e in of),
        "date": date,
        "date_last": date_last,
        "mentions": len(members),
        "articles": len({e["article_id"] for e in of}),
        "outlets": len({e["outlet"] for e in of if e["outlet"] is not None}),
        "first_reported": published[0] if published else None,
        "last_reported": published[-1] if published else None,
        "intensity": sum(e["intensity"] or 0.0 for e in of) / max(1, len(members)),
        "disagreements": disagreements(events, members),
    }


def stories_of_group(grp, events, countries):
    """(story rows, event rows) for one group."""
    events = sorted(events, key=lambda e: (e["seq"], e["ord"]))
    # the clustering sees each side and the place as its chain
    joined = [dict(e, source=e["chains"][0], target=e["chains"][1], place=e["chains"][2])
              for e in events]
    digest = hashlib.sha1(grp.encode("utf-8")).hexdigest()[:16]
    stories, rows = [], []
    for n, members in enumerate(cluster(joined, countries)):
        head = events[members[0]]
        story_id = f"{digest}-{n}"
        fig = figures(joined, members)
        stories.append(dict(
            story=story_id, type=head["type"], cameo=head["cameo"],
            quad_class=head["quad_class"], **fig,
            article_ids=sorted({events[i]["article_id"] for i in members}),
        ))
        for i in members:
            e = {k: v for k, v in events[i].items() if k not in ("seq", "chains", "context")}
            e["story"] = story_id
            rows.append(e)
    return stories, rows


# ---------------------------------------------------------- record handling

def events_of(seq, rec, countries):
    ents = rec.get("entities") or []
    key_of = {e["id"]: e.get("key") for e in ents}
    members = {e["id"]: (e.get("key") or "", e.get("type"), e.get("country"),
                         [r["of"] for r in e.get("roles") or [] if r.get("of")],
                         [e.get("name") or ""] + [r.get("title") or "" for r in e.get("roles") or []],
                         [e.get("name") or ""] + list(e.get("aliases") or []))
               for e in ents}
    context = sorted(e.get("key") or "" for e in ents)
    out = []
    for ord_, ev in enumerate(rec.get("events") or []):
        key = lambda local: key_of.get(local) if local else None  # noqa: E731
        # a person or an organisation put as the place is no place
        place = ev.get("location") if members.get(ev.get("location"), ("", ""))[1] == "LOC" else None
        chains = [chain(ev[f], members, countries) if ev.get(f) else []
                  for f in ("source", "target")] + [chain(place, members, countries) if place else []]
        grp = group_key(ev["type"], *chains, f"{rec['id']}#{ord_}")
        out.append((grp, {
            "seq": seq, "article_id": rec["id"], "ord": ord_, "type": ev["type"],
            "mode": ev.get("mode"), "modality": ev["modality"], "source": key(ev.get("source")),
            "target": key(ev.get("target")), "location": key(ev.get("location")),
            "chains": chains, "date": ev.get("date"), "cameo": ev.get("cameo"), "quad_class": ev.get("quad_class"),
            "intensity": ev.get("intensity"), "published": rec.get("published"),
            "outlet": outlet_of(rec.get("outlet"), rec.get("url")),
            "evidence": " … ".join(x.get("text", "") for x in ev.get("evidence") or []),
            "figures": ev.get("figures") or [],
            "context": context,
        }))
    return out


def entity_rows(rec):
    """(key, partial aggregate) for each entity of one record."""
    mentions = {}
    spellings = {}
    for m in rec.get("mentions") or []:
        mentions[m.get("entity")] = mentions.get(m.get("entity"), 0) + 1
        spellings.setdefault(m.get("entity"), {}).setdefault(m["text"], 0)
        spellings[m.get("entity")][m["text"]] += 1
    out = []
    for e in rec.get("entities") or []:
        if not e.get("key"):
            continue
        out.append((e["key"], {
            "type": {e.get("type"): 1}, "names": {e.get("name"): 1},
            "spellings": spellings.get(e["id"], {}), "articles": 1,
            "mentions": mentions.get(e["id"], 0),
            "lat": e.get("lat"), "lon": e.get("lon"), "country": e.get("country"),
            "geonames_id": e.get("geonames_id"),
        }))
    return out


def _add_counts(a, b):
    out = dict(a)
    for k, v in b.items():
        out[k] = out.get(k, 0) + v
    return out


def merge_entity(a, b):
    return {
        "type": _add_counts(a["type"], b["type"]), "names": _add_counts(a["names"], b["names"]),
        "spellings": _add_counts(a["spellings"], b["spellings"]),
        "articles": a["articles"] + b["articles"], "mentions": a["mentions"] + b["mentions"],
        "lat": a["lat"] if a["lat"] is not None else b["lat"],
        "lon": a["lon"] if a["lon"] is not None else b["lon"],
        "country": a["country"] or b["country"],
        "geonames_id": a["geonames_id"] if a["geonames_id"] is not None else b["geonames_id"],
    }


def _top(counts):
    return sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))[0][0] if counts else None


def finish_entity(kv):
    key, a = kv
    return {
        "key": key, "type": _top(a["type"]), "name": _top(a["names"]),
        "spellings": [{"text": t, "count": c}
                      for t, c in sorted(a["spellings"].items(), key=lambda kv: (-kv[1], kv[0]))],
        "articles": a["articles"], "mentions": a["mentions"], "lat": a["lat"], "lon": a["lon"],
        "country": a["country"], "geonames_id": a["geonames_id"],
    }


def dedupe(records):
    """Keeps the first record (lowest seq) of each id and of each address."""
    def keys(rec):
        url = (rec.get("url") or "").strip()
        return [("id", rec["id"])] + ([("url", url)] if url else [])

    first = records.flatMap(lambda sr: [(k, sr[0]) for k in keys(sr[1])]).reduceByKey(min)
    wins = first.map(lambda kv: (kv[1], 1)).reduceByKey(lambda a, b: a + b)
    # a record survives when it is the first of each of its keys
    return (records.map(lambda sr: (sr[0], (len(keys(sr[1])), sr[1])))
            .join(wins)
            .filter(lambda kv: kv[1][0][0] == kv[1][1])
            .map(lambda kv: (kv[0], kv[1][0][1])))


# ---------------------------------------------------------------------- main

def load_countries(sc, path):
    """The table of `depeche export --format countries`, from a local file
    (as `--files` ships it) or any path Hadoop reads."""
    import os
    path = path or "countries.tsv"
    if os.path.isfile(path):
        with open(path, encoding="utf-8") as f:
            lines = f.readlines()
    else:
        try:
            lines = sc.textFile(path).collect()
        except Exception as e:  # noqa: BLE001 - py4j wraps the Hadoop error
            raise SystemExit(f"merge: cannot read the countries table {path} "
                             f"(`depeche export --format countries -o {path}`): {e}")
    countries = read_countries(lines)
    if not countries[0]:
        raise SystemExit(f"merge: no countries in {path}: "
                         "write it with `depeche export --format countries`")
    return countries


def read_records(spark, path, fmt):
    """(seq, record) pairs; seq is the record's position in the job's output."""
    sc = spark.sparkContext
    jvm = sc._jvm
    jpath = jvm.org.apache.hadoop.fs.Path(path)
    fs = jpath.getFileSystem(sc._jsc.hadoopConfiguration())
    if fs.getFileStatus(jpath).isFile():  # one JSON lines file (`depeche export`)
        names = [jpath.toString()]
    else:
        names = sorted(st.getPath().toString() for st in fs.listStatus(jpath)
                       if st.isFile() and st.getPath().getName().startswith("part-"))
    if fmt == "auto":
        fmt = "parquet" if any(n.endswith(".parquet") for n in names) else "jsonl"
    if fmt == "parquet":
        df = spark.read.parquet(path)
        return df.select("seq", "record").rdd.map(lambda r: (r[0], json.loads(r[1])))
    if not names:
        raise SystemExit(f"merge: no part files in {path}")
    rdds = [sc.textFile(n) for n in names]
    lines = sc.union(rdds) if len(rdds) > 1 else rdds[0]
    return lines.zipWithIndex().map(lambda li: (li[1], json.loads(li[0])))


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    from pyspark.sql import SparkSession

    spark = SparkSession.builder.appName("depeche-merge").getOrCreate()
    sc = spark.sparkContext
    n = args.partitions or None
    records = dedupe(read_records(spark, args.records, args.input_format)).cache()

    entities = (records.flatMap(lambda sr: entity_rows(sr[1]))
                .reduceByKey(merge_entity, n).map(finish_entity))
    countries = sc.broadcast(load_countries(sc, args.countries))
    grouped = (records.flatMap(lambda sr: events_of(*sr, countries.value)).groupByKey(n)
               .map(lambda kv: stories_of_group(kv[0], list(kv[1]), countries.value))).cache()
    stories = grouped.flatMap(lambda se: se[0]).cache()
    events = grouped.flatMap(lambda se: se[1])
    entities = entities.cache()

    mode = "overwrite" if args.overwrite else "errorifexists"
    tables = {"entities": entities, "stories": stories, "events": events}
    for name, rdd in tables.items():
        target = f"{args.output.rstrip('/')}/{name}"
        if args.format == "jsonl":
            # JSON rows written by Python keep nulls and key order
            if args.overwrite:
                p = sc._jvm.org.apache.hadoop.fs.Path(target)
                p.getFileSystem(sc._jsc.hadoopConfiguration()).delete(p, True)
            rdd.map(lambda row: json.dumps(row, ensure_ascii=False)).saveAsTextFile(target)
        else:
            spark.read.json(rdd.map(lambda row: json.dumps(row, ensure_ascii=False))) \
                .write.mode(mode).parquet(target)
    counts = {name: rdd.count() for name, rdd in tables.items()}  # cached: no recompute
    corroborated = stories.filter(lambda s: s["articles"] >= 2).count()
    print(f"merge: {records.count()} records, {counts['entities']} entities, "
          f"{counts['events']} events, {counts['stories']} stories "
          f"({corroborated} reported by 2+ articles) -> {args.output}", file=sys.stderr)
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
