// Builds crates/serve/web/world.svg, the map panel's basemap, from npm
// `world-atlas` (Natural Earth 1:110m admin-0 countries as TopoJSON).
//
//   bash crates/serve/tools/basemap.sh     (installs world-atlas, runs this)
//   node crates/serve/tools/basemap.mjs countries-110m.json > world.svg
//
// Equirectangular: x = lon + 180, y = 90 - lat, viewBox 0 0 360 180. Rings
// that cross the antimeridian are unwrapped and drawn twice (shifted by
// 360) so the viewBox clips them instead of smearing lines across the map.
import { readFileSync } from "node:fs";

const topo = JSON.parse(readFileSync(process.argv[2], "utf8"));
const [sx, sy] = topo.transform.scale;
const [tx, ty] = topo.transform.translate;

// Delta-decoded, de-quantised arcs.
const arcs = topo.arcs.map((arc) => {
  let x = 0, y = 0;
  return arc.map(([dx, dy]) => {
    x += dx; y += dy;
    return [x * sx + tx, y * sy + ty];
  });
});

function ring(indices) {
  const pts = [];
  for (const i of indices) {
    const a = i < 0 ? arcs[~i].slice().reverse() : arcs[i];
    for (let k = pts.length ? 1 : 0; k < a.length; k++) pts.push(a[k]);
  }
  return pts;
}

const r1 = (v) => Math.round(v * 10) / 10;

function ringPaths(pts) {
  // Unwrap longitudes so the ring is continuous.
  const out = [];
  let prev = null;
  let offset = 0;
  for (const [lon, lat] of pts) {
    if (prev !== null) {
      const d = lon + offset - prev;
      if (d > 180) offset -= 360;
      else if (d < -180) offset += 360;
    }
    prev = lon + offset;
    out.push([prev, lat]);
  }
  const shifts = [0];
  if (out.some(([x]) => x > 180)) shifts.push(-360);
  if (out.some(([x]) => x < -180)) shifts.push(360);
  return shifts.map((s) => {
    let d = "";
    let last = "";
    out.forEach(([lon, lat], i) => {
      const p = `${r1(lon + s + 180)} ${r1(90 - lat)}`;
      if (p === last) return;
      d += (i === 0 ? "M" : "L") + p;
      last = p;
    });
    return d + "Z";
  });
}

const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);

const lines = [];
for (const g of topo.objects.countries.geometries) {
  const polys = g.type === "Polygon" ? [g.arcs] : g.type === "MultiPolygon" ? g.arcs : [];
  const d = polys.flatMap((poly) => poly.flatMap((r) => ringPaths(ring(r)))).join("");
  if (!d) continue;
  lines.push(`<path d="${d}"><title>${esc(g.properties.name)}</title></path>`);
}

process.stdout.write(
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 360 180" preserveAspectRatio="xMidYMid meet">\n` +
  `<!-- Natural Earth 1:110m admin-0 countries (public domain), via npm world-atlas 2.0.2 (ISC); built by crates/serve/tools/basemap.mjs -->\n` +
  `<rect width="360" height="180" fill="#dfeaf2"/>\n` +
  `<g fill="#f4f1e8" stroke="#9a9385" stroke-width="0.15" stroke-linejoin="round" fill-rule="evenodd">\n` +
  lines.join("\n") + "\n</g>\n</svg>\n",
);
