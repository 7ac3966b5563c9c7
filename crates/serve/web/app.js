// depeche: the store's web page. No framework, no outside resource.
//
// Everything that comes from the store (article text, names, quotes) is
// untrusted: the DOM is built with createElement and textContent only,
// never innerHTML; links are built from encoded keys, and an article's
// own address is linked only when it is http(s).
"use strict";

const SVG = "http://www.w3.org/2000/svg";
const view = () => document.getElementById("view");

// ---------- DOM helpers ----------

/** An element with attributes (`class`, `href`, `on*` handlers...) and
 * children (strings become text nodes). */
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

/** An SVG element, the same way. */
function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG, tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

function setAttrs(el, attrs) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, String(v));
  }
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

const enc = encodeURIComponent;
const actorHref = (key) => `#/actor/${enc(key)}`;
const articleHref = (id, story) => `#/article/${enc(id)}` + (story ? `/${enc(story)}` : "");
const storyHref = (id) => `#/story/${enc(id)}`;

/** An http(s) address, else null. */
function safeUrl(u) {
  try {
    const url = new URL(u);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

async function api(path) {
  const r = await fetch(path, { headers: { Accept: "application/json" } });
  const body = await r.json().catch(() => ({ error: r.statusText }));
  if (!r.ok) throw new Error(body.error || `${r.status}`);
  return body;
}

// ---------- colours ----------

// PLOVER types: cooperative ones green-blue, verbal conflict amber, material
// conflict red; others from a hash.
const TYPE_COLOURS = {
  AGREE: "#1b9e77", CONSULT: "#2c7fb8", COOPERATE: "#41ab5d", SUPPORT: "#66a61e",
  AID: "#00a3a3", CONCEDE: "#7fbc41", RETREAT: "#8c96c6", REQUEST: "#6a51a3",
  DEMAND: "#b07aa1", ACCUSE: "#e6ab02", REJECT: "#d95f02", THREATEN: "#f16913",
  PROTEST: "#a6761d", SANCTION: "#c51b8a", MOBILIZE: "#e7298a", COERCE: "#cb181d",
  ASSAULT: "#99000d", INVESTIGATE: "#737373",
};

function typeColour(t) {
  if (TYPE_COLOURS[t]) return TYPE_COLOURS[t];
  let x = 0;
  for (const c of String(t)) x = (x * 31 + c.codePointAt(0)) >>> 0;
  return `hsl(${x % 360}, 55%, 45%)`;
}

const ENTITY_COLOURS = { PER: "#2c7fb8", ORG: "#7b3294", LOC: "#1a9850", MISC: "#8c6d31" };
const entityColour = (t) => ENTITY_COLOURS[t] || "#777";

function typeBadge(t) {
  const b = h("span", { class: "badge" }, t);
  b.style.backgroundColor = typeColour(t);
  return b;
}

function actorLink(a) {
  if (!a) return h("span", { class: "none" }, "—");
  return h("a", { href: actorHref(a.key), class: `actor t-${a.type || "X"}` }, a.name);
}

function dateOf(story) {
  return story.date || (story.corroboration && story.corroboration.first_reported) || "";
}

function sourceLine(x) {
  return [x.outlet || "", x.published ? ` ${x.published}` : ""].join("").trim();
}

// An event's figures as its article gives them ("dead ≥12 · injured ≈10"),
// each with its words as a tooltip; nothing when there are none.
const BOUNDS = { exact: "", about: "≈", nearly: "≲", "at-least": "≥", "more-than": ">", "at-most": "≤", "fewer-than": "<" };
function figureLine(list) {
  if (!list || !list.length) return null;
  const n = (v) => Number(v).toLocaleString("en");
  const short = (f) => f.bound === "between" ? `${n(f.value)}–${n(f.high)}` : `${BOUNDS[f.bound] || ""}${n(f.value)}`;
  return h("span", { class: "figures" }, list.map((f, i) =>
    [i ? " · " : "", h("span", { title: `“${f.text}”` }, `${f.kind} ${short(f)}`)]));
}

function status(text, cls) {
  return h("p", { class: cls || "status" }, text);
}

// ---------- router ----------

const routes = [
  [/^#\/search\/(.*)$/, (q) => showSearch(decodeURIComponent(q))],
  [/^#\/actor\/([^/]+)$/, (k) => showActor(decodeURIComponent(k))],
  [/^#\/article\/([^/]+)(?:\/([^/]+))?$/, (id, st) => showArticle(decodeURIComponent(id), st ? decodeURIComponent(st) : null)],
  [/^#\/story\/([^/]+)$/, (id) => showStory(decodeURIComponent(id))],
];

async function route() {
  const hash = location.hash || "#/";
  const v = clear(view());
  v.append(status("Loading…"));
  try {
    for (const [re, fn] of routes) {
      const m = hash.match(re);
      if (m) {
        await fn(...m.slice(1));
        return;
      }
    }
    await showHome();
  } catch (e) {
    clear(v).append(status(`Error: ${e.message}`, "error"));
  }
}

function render(...nodes) {
  const v = clear(view());
  append(v, nodes);
}

// ---------- home ----------

async function showHome() {
  const [arts, stories] = await Promise.all([
    api("/api/articles?limit=30"),
    api("/api/stories?limit=15"),
  ]);
  render(
    h("section", { class: "panel" },
      h("h2", {}, `Articles (${arts.total})`),
      arts.items.length
        ? h("ul", { class: "list" }, arts.items.map((a) =>
            h("li", {},
              h("a", { href: articleHref(a.id) }, a.title || a.id),
              h("span", { class: "meta" }, ` ${a.published || ""} · ${a.outlet || ""} · ${a.events} events`))))
        : status("The store is empty: run depeche ingest first.")),
    h("section", { class: "panel" },
      h("h2", {}, "Most reported stories"),
      storyList(stories)));
}

function storyList(stories) {
  if (!stories.length) return status("No stories.");
  return h("ul", { class: "list" }, stories.map((st) =>
    h("li", {},
      typeBadge(st.type), " ",
      actorLink(st.source), " → ", actorLink(st.target),
      st.location ? [" @ ", actorLink(st.location)] : null, " ",
      h("a", { href: storyHref(st.id), class: "meta" },
        `${dateOf(st)} · ${st.corroboration.articles} article(s), ${st.corroboration.outlets} outlet(s)`))));
}

// ---------- search ----------

/** A snippet whose matches come in [brackets], with <mark>s. */
function snippet(text) {
  const out = h("span", { class: "snippet" });
  const re = /\[([^\]]*)\]/g;
  let last = 0;
  let m;
  while ((m = re.exec(text))) {
    out.append(text.slice(last, m.index), h("mark", {}, m[1]));
    last = m.index + m[0].length;
  }
  out.append(text.slice(last));
  return out;
}

async function showSearch(q) {
  document.getElementById("search").value = q;
  const [ents, hits] = await Promise.all([
    api(`/api/entities?q=${enc(q)}&limit=20`).catch(() => []),
    api(`/api/search?q=${enc(q)}&limit=30`).catch(() => []),
  ]);
  if (ents.length === 1 && hits.length === 0) {
    location.hash = actorHref(ents[0].key);
    return;
  }
  render(
    h("section", { class: "panel", id: "entity-results" },
      h("h2", {}, "Entities"),
      ents.length
        ? h("ul", { class: "list" }, ents.map((e) =>
            h("li", { class: "entity-result" },
              h("a", { href: actorHref(e.key), class: `actor t-${e.type}` }, e.name),
              h("span", { class: "meta" }, ` ${e.type} · ${e.key} · ${e.articles} article(s)`))))
        : status(`No entity is called “${q}”.`)),
    h("section", { class: "panel", id: "article-results" },
      h("h2", {}, "Articles"),
      hits.length
        ? h("ul", { class: "list" }, hits.map((a) =>
            h("li", { class: "article-result" },
              h("a", { href: articleHref(a.article), title: a.article }, a.title || a.article),
              h("span", { class: "meta" }, ` ${a.published || ""} · ${a.outlet || ""}`),
              h("br"), snippet(a.snippet))))
        : status("No article has all these words.")));
}

// ---------- actor ----------

async function showActor(key) {
  const [ent, tl, net] = await Promise.all([
    api(`/api/entities/${enc(key)}`),
    api(`/api/timeline/${enc(key)}`),
    api(`/api/network/${enc(key)}?limit=24`),
  ]);
  document.title = `${ent.name} · depeche`;
  const titles = ent.titles.map((t) => t.title + (t.of ? ` (${t.of.name})` : ""));
  render(
    h("section", { class: "panel head" },
      h("h1", {}, ent.name, " ", h("span", { class: `kind t-${ent.type}` }, ent.type)),
      h("p", { class: "meta" },
        `${ent.key} · ${ent.articles} article(s) · ${ent.mentions} mention(s) · ${ent.events} event(s)`,
        ent.first_seen ? ` · ${ent.first_seen} – ${ent.last_seen}` : ""),
      ent.variants.length ? h("p", {}, "Spellings: ", ent.variants.map((v) => `${v.text} (${v.count})`).join(", ")) : null,
      titles.length ? h("p", {}, "Titles: ", titles.join(", ")) : null),
    h("div", { class: "grid" },
      h("section", { class: "panel", id: "timeline" }, h("h2", {}, "Timeline"), timeline(tl.stories)),
      h("div", { class: "side" },
        h("section", { class: "panel", id: "network" }, h("h2", {}, "Network"), network(net)),
        h("section", { class: "panel", id: "map" }, h("h2", {}, "Places"), map(tl.stories, ent)))));
}

function timeline(stories) {
  if (!stories.length) return status("No event names this entity.");
  const frag = [];
  // A strip: one dot per dated story, on a time axis.
  const dated = stories.filter((st) => /^\d{4}/.test(dateOf(st)));
  if (dated.length) {
    const t = (st) => Date.parse(dateOf(st).padEnd(10, "-01").slice(0, 10).replace(/-$/, "-01"));
    const times = dated.map(t).filter((x) => !Number.isNaN(x));
    const lo = Math.min(...times), hi = Math.max(...times);
    const W = 600, H = 46;
    const x = (v) => (hi === lo ? W / 2 : 20 + ((v - lo) / (hi - lo)) * (W - 40));
    const strip = s("svg", { viewBox: `0 0 ${W} ${H}`, class: "strip", role: "img", "aria-label": "events by date" },
      s("line", { x1: 10, y1: 24, x2: W - 10, y2: 24, stroke: "#bbb" }));
    dated.forEach((st, i) => {
      const v = t(st);
      if (Number.isNaN(v)) return;
      const a = s("a", {
        href: articleHref(st.sources[0] ? st.sources[0].article : "", st.id),
        onclick: (e) => {
          e.preventDefault();
          const row = document.getElementById(`story-${st.id}`);
          if (row) row.scrollIntoView({ block: "center" });
        },
      },
        s("circle", { cx: x(v), cy: 24 + ((i % 3) - 1) * 7, r: 5 + Math.min(5, st.corroboration.articles - 1), fill: typeColour(st.type) },
          s("title", {}, `${dateOf(st)} ${st.type}: ${st.source ? st.source.name : "?"} → ${st.target ? st.target.name : "?"}`)));
      strip.append(a);
    });
    strip.append(s("text", { x: 10, y: 44, class: "axis" }, dateOf(dated[0])));
    strip.append(s("text", { x: W - 10, y: 44, class: "axis", "text-anchor": "end" }, dateOf(dated[dated.length - 1])));
    frag.push(strip);
  }
  frag.push(h("ol", { class: "stories" }, stories.map((st) =>
    h("li", { class: "story", id: `story-${st.id}`, "data-type": st.type, "data-story": st.id },
      h("div", { class: "when" }, dateOf(st) || "undated", st.date ? "" : h("span", { class: "meta", title: "no date in the text: first reported" }, " (reported)")),
      h("div", { class: "what" },
        typeBadge(st.type), st.modality !== "asserted" ? h("span", { class: "modality" }, ` ${st.modality}`) : null, " ",
        actorLink(st.source), " → ", actorLink(st.target),
        st.location ? [" @ ", actorLink(st.location)] : null,
        " ", h("a", { href: storyHref(st.id), class: "meta" }, `${st.corroboration.articles} article(s), ${st.corroboration.outlets} outlet(s)`),
        h("ul", { class: "sources" }, st.sources.map((src) =>
          h("li", {},
            h("a", { href: articleHref(src.article, st.id), class: "evidence" }, `“${src.evidence}”`),
            h("span", { class: "meta" }, ` ${sourceLine(src)} · ${src.article}`), figureLine(src.figures)))))))));
  return frag;
}

// A circle layout, by hand: the entity in the middle, the others around
// it, most shared first, clockwise from the top; labels outside the ring.
// The ring has an odd number of places (one left empty for an even
// count), so that no two nodes face each other across the centre: three
// nodes on one line would read as a chain.
function network(net) {
  if (!net.nodes.length) return status("No other actor shares an event with this one.");
  const W = 440, H = 330;
  const R = Math.min(W, H) / 2 - 55;
  const nodes = [{ ...net.center, stories: 0, center: true, x: W / 2, y: H / 2, angle: 0 }];
  const places = net.nodes.length % 2 ? net.nodes.length : net.nodes.length + 1;
  net.nodes.forEach((n, i) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / places;
    nodes.push({ ...n, angle, x: W / 2 + R * Math.cos(angle), y: H / 2 + R * Math.sin(angle) });
  });
  const index = new Map(nodes.map((n, i) => [n.key, i]));
  const links = net.links.filter((l) => index.has(l.a) && index.has(l.b));
  const maxS = Math.max(1, ...links.map((l) => l.stories));
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, class: "network", role: "img", "aria-label": "actors sharing events" });
  for (const l of links) {
    const p = nodes[index.get(l.a)], q = nodes[index.get(l.b)];
    svg.append(s("line", { x1: p.x, y1: p.y, x2: q.x, y2: q.y, stroke: "#9aa", "stroke-width": 1 + (3 * l.stories) / maxS },
      s("title", {}, `${p.name} – ${q.name}: ${l.stories} stor${l.stories === 1 ? "y" : "ies"}, ${l.events} event(s)`)));
  }
  for (const n of nodes) {
    const r = n.center ? 11 : 5 + Math.min(8, 2 * n.stories);
    const g = s("a", { href: actorHref(n.key), class: "node" },
      s("circle", { cx: n.x, cy: n.y, r, fill: entityColour(n.type), stroke: n.center ? "#222" : "#fff", "stroke-width": n.center ? 2 : 1 },
        s("title", {}, n.center ? n.name : `${n.name} (${n.type}): ${n.stories} shared stor${n.stories === 1 ? "y" : "ies"}, ${n.events} event(s)`)),
      n.center
        ? s("text", { x: n.x, y: n.y + r + 13, "text-anchor": "middle", class: "label center" }, n.name)
        : s("text", {
          x: n.x + (r + 4) * Math.cos(n.angle),
          y: n.y + (r + 4) * Math.sin(n.angle) + 4,
          "text-anchor": Math.abs(Math.cos(n.angle)) < 0.3 ? "middle" : Math.cos(n.angle) > 0 ? "start" : "end",
          class: "label",
        }, n.name));
    svg.append(g);
  }
  return [svg, h("p", { class: "legend" },
    Object.entries(ENTITY_COLOURS).map(([t, c]) => {
      const dot = h("span", { class: "dot" });
      dot.style.backgroundColor = c;
      return h("span", {}, dot, ` ${t} `);
    }))];
}

// Equirectangular: x = lon + 180, y = 90 - lat, on the shipped basemap.
function map(stories, ent) {
  const places = new Map();
  const add = (a, st) => {
    if (!a || typeof a.lat !== "number" || typeof a.lon !== "number") return;
    const p = places.get(a.key) || { actor: a, stories: [] };
    p.stories.push(st);
    places.set(a.key, p);
  };
  for (const st of stories) {
    add(st.location, st);
    if (st.location == null || typeof st.location.lat !== "number") {
      // No place with coordinates: a source or target that is one.
      add(st.target && st.target.type === "LOC" ? st.target : null, st);
    }
  }
  if (typeof ent.lat === "number" && !places.has(ent.key)) {
    places.set(ent.key, { actor: { ...ent }, stories: [] });
  }
  const pts = [...places.values()].map((p) => ({ ...p, x: p.actor.lon + 180, y: 90 - p.actor.lat }));
  // Zoom to the points, keeping the 2:1 aspect.
  let vb = [0, 0, 360, 180];
  if (pts.length) {
    const xs = pts.map((p) => p.x), ys = pts.map((p) => p.y);
    let w = Math.max(60, Math.max(...xs) - Math.min(...xs) + 40);
    let hgt = Math.max(30, Math.max(...ys) - Math.min(...ys) + 20);
    if (w / hgt > 2) hgt = w / 2; else w = hgt * 2;
    w = Math.min(w, 360); hgt = Math.min(hgt, 180);
    const cx = (Math.max(...xs) + Math.min(...xs)) / 2, cy = (Math.max(...ys) + Math.min(...ys)) / 2;
    vb = [Math.min(Math.max(cx - w / 2, 0), 360 - w), Math.min(Math.max(cy - hgt / 2, 0), 180 - hgt), w, hgt];
  }
  const unit = vb[2] / 360;
  const svg = s("svg", { viewBox: vb.join(" "), class: "worldmap", role: "img", "aria-label": "event places" },
    s("image", { href: "/world.svg", x: 0, y: 0, width: 360, height: 180, preserveAspectRatio: "none" }));
  for (const p of pts) {
    const types = [...new Set(p.stories.map((st) => st.type))];
    const r = (3 + Math.min(5, p.stories.length)) * unit * 1.2;
    const g = s("a", { href: actorHref(p.actor.key), class: "place" },
      s("circle", { cx: p.x, cy: p.y, r, fill: p.stories.length ? typeColour(types[0]) : "#555", "fill-opacity": 0.85, stroke: "#fff", "stroke-width": r / 5 },
        s("title", {}, `${p.actor.name}: ${p.stories.length} event(s) ${types.join(", ")}`)),
      s("text", { x: p.x + r * 1.3, y: p.y + r / 2, class: "maplabel", "font-size": 9 * unit * 1.6 }, p.actor.name));
    svg.append(g);
  }
  const out = [svg];
  if (!pts.length) out.push(status("No event of this entity has a place with coordinates."));
  return out;
}

// ---------- article ----------

async function showArticle(id, focusStory) {
  const a = await api(`/api/articles/${enc(id)}`);
  document.title = `${a.title || a.id} · depeche`;
  const rec = a.record || {};
  const keyOf = new Map((rec.entities || []).map((e) => [e.id, e]));
  const cps = Array.from(a.text); // offsets count code points
  // Every annotation as [start, end, kind, payload].
  const anns = [];
  for (const m of rec.mentions || []) anns.push({ start: m.start, end: m.end, kind: "mention", m, e: keyOf.get(m.entity) });
  for (const d of rec.dates || []) anns.push({ start: d.start, end: d.end, kind: "date", d });
  for (const q of rec.quotes || []) anns.push({ start: q.start, end: q.end, kind: "quote", q });
  for (const ev of a.events) for (const sp of ev.evidence) anns.push({ start: sp.start, end: sp.end, kind: "event", ev });
  const cuts = new Set([0, cps.length]);
  for (const x of anns) {
    x.start = Math.max(0, Math.min(cps.length, x.start));
    x.end = Math.max(x.start, Math.min(cps.length, x.end));
    cuts.add(x.start); cuts.add(x.end);
  }
  const bounds = [...cuts].sort((p, q) => p - q);
  const body = h("div", { class: "text", lang: a.lang });
  let focused = null;
  const seenEvent = new Set();
  for (let i = 0; i + 1 < bounds.length; i++) {
    const [lo, hi] = [bounds[i], bounds[i + 1]];
    const text = cps.slice(lo, hi).join("");
    const on = anns.filter((x) => x.start <= lo && x.end >= hi && x.end > x.start);
    if (!on.length) { body.append(text); continue; }
    const mention = on.find((x) => x.kind === "mention");
    const seg = mention && mention.e
      ? h("a", { href: actorHref(mention.e.key) }, text)
      : h("span", {}, text);
    const classes = [];
    const titles = [];
    for (const x of on) {
      if (x.kind === "mention") { classes.push("m", `t-${x.m.type}`); titles.push(`${x.m.type}: ${x.e ? x.e.name : x.m.text}`); }
      if (x.kind === "date") { classes.push("dt"); titles.push(`date: ${x.d.value || "?"}`); }
      if (x.kind === "quote") { classes.push("q"); titles.push(`quote${x.q.speaker ? ` by ${(keyOf.get(x.q.speaker) || {}).name || x.q.speaker}` : ""}`); }
      if (x.kind === "event") {
        classes.push("ev");
        seg.style.borderBottomColor = typeColour(x.ev.type);
        titles.push(`${x.ev.type}: ${x.ev.source ? x.ev.source.name : "?"} → ${x.ev.target ? x.ev.target.name : "?"}`);
        if (!seenEvent.has(x.ev.id)) { seenEvent.add(x.ev.id); seg.id = `event-${x.ev.id}`; }
        if (focusStory && String(x.ev.story) === String(focusStory)) {
          classes.push("focus");
          if (!focused) focused = seg;
        }
      }
    }
    seg.setAttribute("class", [...new Set(classes)].join(" "));
    seg.title = [...new Set(titles)].join("\n");
    body.append(seg);
  }
  const url = safeUrl(a.url);
  render(
    h("section", { class: "panel head" },
      h("h1", {}, a.title || a.id),
      h("p", { class: "meta" }, `${a.id} · ${a.published || "undated"} · ${a.outlet || ""} · ${a.lang}`,
        url ? [" · ", h("a", { href: url, rel: "noopener noreferrer nofollow", target: "_blank" }, "original")] : null),
      h("p", { class: "legend" },
        h("span", { class: "m t-PER" }, "person"), " ", h("span", { class: "m t-ORG" }, "organisation"), " ",
        h("span", { class: "m t-LOC" }, "place"), " ", h("span", { class: "m t-MISC" }, "other"), " ",
        h("span", { class: "dt" }, "date"), " ", h("span", { class: "q" }, "quote"), " ",
        h("span", { class: "ev" }, "event evidence"))),
    h("div", { class: "grid" },
      h("section", { class: "panel", id: "article-text" }, body),
      h("div", { class: "side" },
        h("section", { class: "panel", id: "article-events" }, h("h2", {}, `Events (${a.events.length})`),
          h("ul", { class: "list" }, a.events.map((ev) =>
            h("li", { class: focusStory && String(ev.story) === String(focusStory) ? "focus-row" : null },
              h("a", { href: `#/article/${enc(a.id)}/${enc(ev.story || "")}` }, typeBadge(ev.type)), " ",
              actorLink(ev.source), " → ", actorLink(ev.target), ev.location ? [" @ ", actorLink(ev.location)] : null,
              ev.date ? h("span", { class: "meta" }, ` ${ev.date}`) : null,
              figureLine(ev.figures),
              ev.story ? [" ", h("a", { href: storyHref(ev.story), class: "meta" }, "story")] : null)))),
        h("section", { class: "panel" }, h("h2", {}, `Quotes (${(rec.quotes || []).length})`),
          h("ul", { class: "list" }, (rec.quotes || []).map((q) => {
            const sp = keyOf.get(q.speaker);
            return h("li", {}, h("q", {}, q.text), " — ", sp ? h("a", { href: actorHref(sp.key) }, sp.name) : "unknown",
              (q.via || []).length ? h("span", { class: "meta" }, ` via ${(q.via || []).map((v) => (keyOf.get(v) || {}).name || v).join(", ")}`) : null);
          }))),
        h("section", { class: "panel" }, h("h2", {}, `Dates (${(rec.dates || []).length})`),
          h("ul", { class: "list" }, (rec.dates || []).map((d) => h("li", {}, `${d.text} → ${d.value || "?"}`)))),
        h("section", { class: "panel" }, h("h2", {}, `Entities (${(rec.entities || []).length})`),
          h("ul", { class: "list" }, (rec.entities || []).map((e) =>
            h("li", {}, h("a", { href: actorHref(e.key), class: `actor t-${e.type}` }, e.name), h("span", { class: "meta" }, ` ${e.type}`))))))));
  if (focused) focused.scrollIntoView({ block: "center" });
}

// ---------- story ----------

async function showStory(id) {
  const st = await api(`/api/stories/${enc(id)}`);
  const c = st.corroboration;
  render(
    h("section", { class: "panel head" },
      h("h1", {}, typeBadge(st.type), " ", st.source ? st.source.name : "?", " → ", st.target ? st.target.name : "?"),
      h("p", {}, "Who: ", actorLink(st.source), " · whom: ", actorLink(st.target), " · where: ", actorLink(st.location)),
      h("p", { class: "meta" },
        `${st.date || "undated"}${st.date_last ? ` – ${st.date_last}` : ""} · ${st.modality} · CAMEO ${st.cameo} · QuadClass ${st.quad_class} · intensity ${st.intensity}`),
      h("p", { class: "meta" }, `${c.articles} article(s), ${c.outlets} outlet(s), first reported ${c.first_reported || "?"}, last ${c.last_reported || "?"}`)),
    disagreementPanel(st),
    h("section", { class: "panel", id: "sources" }, h("h2", {}, `Sources (${st.sources.length})`),
      h("ol", { class: "list" }, st.sources.map((src) =>
        h("li", {},
          h("a", { href: articleHref(src.article, st.id), class: "evidence" }, `“${src.evidence}”`),
          h("span", { class: "meta" }, ` ${sourceLine(src)} · ${src.article}${src.date ? ` · dated ${src.date}` : ""}${src.modality && src.modality !== st.modality ? ` · ${src.modality}` : ""}`),
          figureLine(src.figures),
          safeUrl(src.url) ? [" ", h("a", { href: safeUrl(src.url), rel: "noopener noreferrer nofollow", target: "_blank" }, "original")] : null)))));
}

// Where the story's reports differ: each field with each version and the
// articles that give it.
function disagreementPanel(st) {
  const list = st.disagreements || [];
  if (!list.length) return null;
  return h("section", { class: "panel", id: "disagreements" }, h("h2", {}, "Reports differ"),
    h("ul", { class: "list" }, list.map((d) =>
      h("li", {}, h("strong", {}, d.field), ": ",
        d.versions.map((v, i) => [i ? " · " : "", h("span", {}, v.value), " ",
          h("span", { class: "meta" }, "("),
          v.articles.map((a, j) => [j ? ", " : "", h("a", { href: articleHref(a, st.id), class: "meta" }, a)]),
          h("span", { class: "meta" }, ")")])))));
}

// ---------- start ----------

document.getElementById("search-form").addEventListener("submit", (e) => {
  e.preventDefault();
  const q = document.getElementById("search").value.trim();
  if (q) location.hash = `#/search/${enc(q)}`;
});
window.addEventListener("hashchange", route);
route();
