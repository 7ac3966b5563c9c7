#!/usr/bin/env python3
"""Merges depeche records across partitions on Apache Spark.

`depeche_job.py` writes one record per article; each record names its
entities locally (`e1`, `e2`...) with a global `key` that is the same in
every article. This step does across all records what `depeche ingest`
does in its store:

- `entities/`: one row per global key: type, the most frequent name, every
  spelling with its count, articles and mentions, coordinates;
- `events/`: one row per event with its actors' global keys and its story;
- `stories/`: events of several articles joined into one story when they
  have the same PLOVER type, modality, source and target keys, compatible
  dates (equal, within 3 days, one a prefix of the other or missing) and
  the same place or one missing; each with its number of events
  (`mentions`), distinct articles and outlets (the outlet, else the
  address's host), first and last reported dates and its article ids. The
  clustering is the store's (`crates/store/src/stories.rs`), run per group
  of (type, modality, source, target), so stories do not depend on how the
  input was partitioned.

An article whose id or address was already seen earlier in the input is
skipped, as `depeche ingest` skips it (the store also skips an identical
text; records do not carry the text, so that check is not made here).

    spark-submit --master local[2] spark/merge.py /tmp/records /tmp/merged
"""

import argparse
import hashlib
import json
import sys
from datetime import date as Date

DATE_WINDOW_DAYS = 3


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
    p.add_argument("--overwrite", action="store_true")
    return p.parse_args(argv)


# ------------------------------------------------- the store's story rules

def group_key(ty, modality, source, target, location, unique):
    if source is None and target is None:
        if location is None:
            return f"alone\x1f{unique}"
        return f"{ty}\x1f{modality}\x1f\x1f\x1f@{location}"
    return f"{ty}\x1f{modality}\x1f{source or ''}\x1f{target or ''}"


def when(d):
    """('day', date) | ('partial', str) | ('unknown', None)"""
    if d is None:
        return ("unknown", None)
    try:
        if len(d) == 10:
            return ("day", Date.fromisoformat(d))
    except ValueError:
        pass
    return ("partial", d.strip()) if d.strip() else ("unknown", None)


def outlet_of(outlet, url):
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
    return (v is not None, v or "")


def cluster(events):
    """Splits one group's events into stories: lists of indices into events.
    Each event is a dict with date, location, published, article_id, ord, seq."""
    order = []
    for i, e in enumerate(events):
        kind, _ = when(e["date"])
        rank = {"day": 0, "partial": 1, "unknown": 2}[kind]
        d = e["date"] or ""
        key = f"{99 - min(len(d), 99):02}{d}" if rank == 1 else d
        order.append(((rank, key, _opt(e["published"]), e["article_id"], e["ord"], e["seq"]), i))
    order.sort()
    clusters = []  # dicts: first, partial, location, members

    def place_fits(c, loc):
        return c["location"] is None or loc is None or c["location"] == loc

    def partial_fits(c, p):
        if c["first"] is not None:
            return c["first"].isoformat().startswith(p)
        if c["partial"] is not None:
            return c["partial"].startswith(p) or p.startswith(c["partial"])
        return True

    def largest(fits):
        best = None
        for i, c in enumerate(clusters):
            if fits(c) and (best is None or len(clusters[best]["members"]) < len(c["members"])):
                best = i
        return best

    for _, i in order:
        e = events[i]
        loc = e["location"]
        kind, value = when(e["date"])
        if kind == "day":
            chosen = next((j for j, c in enumerate(clusters)
                           if place_fits(c, loc) and c["first"] is not None
                           and abs((value - c["first"]).days) <= DATE_WINDOW_DAYS), None)
        elif kind == "partial":
            chosen = largest(lambda c: place_fits(c, loc) and partial_fits(c, value))
        else:
            chosen = largest(lambda c: place_fits(c, loc))
        if chosen is None:
            clusters.append({"first": None, "partial": None, "location": None, "members": []})
            chosen = len(clusters) - 1
        c = clusters[chosen]
        if kind == "day" and c["first"] is None:
            c["first"] = value
        elif kind == "partial" and c["first"] is None and c["partial"] is None:
            c["partial"] = value
        if c["location"] is None:
            c["location"] = loc
        c["members"].append(i)
    return [(c["members"], c["location"]) for c in clusters]


def figures(events, members, location):
    days = sorted({when(events[i]["date"])[1] for i in members
                   if when(events[i]["date"])[0] == "day"})
    if days:
        first, last = days[0].isoformat(), days[-1].isoformat()
        date, date_last = first, (last if last != first else None)
    else:
        partials = [events[i]["date"] for i in members if events[i]["date"] is not None]
        # the most precise partial date; the earliest on ties
        date = max(partials, key=lambda d: (len(d), [-ord(ch) for ch in d])) if partials else None
        date_last = None
    published = sorted({events[i]["published"] for i in members if events[i]["published"]})
    return {
        "location": location,
        "date": date,
        "date_last": date_last,
        "mentions": len(members),
        "articles": len({events[i]["article_id"] for i in members}),
        "outlets": len({events[i]["outlet"] for i in members if events[i]["outlet"]}),
        "first_reported": published[0] if published else None,
        "last_reported": published[-1] if published else None,
        "intensity": sum(events[i]["intensity"] or 0.0 for i in members) / max(1, len(members)),
    }


def stories_of_group(grp, events):
    """(story rows, event rows) for one group."""
    events = sorted(events, key=lambda e: e["seq"])
    digest = hashlib.sha1(grp.encode("utf-8")).hexdigest()[:16]
    stories, rows = [], []
    for n, (members, location) in enumerate(cluster(events)):
        head = events[members[0]]
        story_id = f"{digest}-{n}"
        fig = figures(events, members, location)
        stories.append(dict(
            story=story_id, type=head["type"], modality=head["modality"],
            source=head["source"], target=head["target"],
            cameo=head["cameo"], quad_class=head["quad_class"], **fig,
            article_ids=sorted({events[i]["article_id"] for i in members}),
        ))
        for i in members:
            e = dict(events[i])
            e["story"] = story_id
            rows.append(e)
    return stories, rows


# ---------------------------------------------------------- record handling

def events_of(seq, rec):
    key_of = {e["id"]: e.get("key") for e in rec.get("entities") or []}
    out = []
    for ord_, ev in enumerate(rec.get("events") or []):
        key = lambda local: key_of.get(local) if local else None  # noqa: E731
        source, target, location = key(ev.get("source")), key(ev.get("target")), key(ev.get("location"))
        grp = group_key(ev["type"], ev["modality"], source, target, location, f"{rec['id']}#{ord_}")
        out.append((grp, {
            "seq": seq, "article_id": rec["id"], "ord": ord_, "type": ev["type"],
            "mode": ev.get("mode"), "modality": ev["modality"], "source": source,
            "target": target, "location": location, "date": ev.get("date"),
            "cameo": ev.get("cameo"), "quad_class": ev.get("quad_class"),
            "intensity": ev.get("intensity"), "published": rec.get("published"),
            "outlet": outlet_of(rec.get("outlet"), rec.get("url")),
            "evidence": " … ".join(x.get("text", "") for x in ev.get("evidence") or []),
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
    grouped = (records.flatMap(lambda sr: events_of(*sr)).groupByKey(n)
               .map(lambda kv: stories_of_group(kv[0], list(kv[1])))).cache()
    stories = grouped.flatMap(lambda se: se[0]).cache()
    events = grouped.flatMap(lambda se: se[1]).map(
        lambda e: {k: v for k, v in e.items() if k != "seq"})
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
