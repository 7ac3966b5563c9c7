#!/usr/bin/env bash
# End-to-end test of `depeche serve` in headless Chromium.
#
# Installs Debian's chromium and npm's playwright-core (into a temp folder;
# no browser is downloaded: Playwright drives /usr/bin/chromium), builds
# depeche, ingests samples/ into a temp store, serves it on a free loopback
# port, then: loads the page, searches "Haftar", opens the actor, checks the
# timeline shows the CONSULT visit in Moscow, that the network and map
# panels render, follows the evidence link to the article, opens the story.
# Screenshots go to target/e2e/*.png. The server is stopped on exit.
#
# Usage: bash .ci/steps/e2e.sh     (as root, or with chromium and node present;
#        DEPECHE_BIN=path skips the release build)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$(pwd)"
OUT="$ROOT/target/e2e"
mkdir -p "$OUT"

# Only what is missing: a machine may already have Node.js from another
# source (with its own npm), which Debian's npm package conflicts with.
MISSING=""
command -v chromium >/dev/null 2>&1 || MISSING=" chromium"
command -v node >/dev/null 2>&1 || MISSING="$MISSING nodejs"
command -v npm >/dev/null 2>&1 || MISSING="$MISSING npm"
if [ -n "$MISSING" ]; then
  echo "== e2e: installing$MISSING (Debian)"
  apt-get update -qq
  # shellcheck disable=SC2086 # one word per package
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $MISSING >/dev/null
fi
CHROMIUM="$(command -v chromium)"

WORK="$(mktemp -d)"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "== e2e: playwright-core (npm, no browser download)"
(cd "$WORK" && npm init -y >/dev/null && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund --silent playwright-core@1 >/dev/null)

echo "== e2e: build and ingest"
if [ -n "${DEPECHE_BIN:-}" ]; then
  BIN="$DEPECHE_BIN"   # an already built depeche, to skip the release build
else
  cargo build --release -q -p depeche
  BIN="$ROOT/target/release/depeche"
fi
"$BIN" ingest samples/ --db "$WORK/e2e.db" -q

PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$BIN" serve --db "$WORK/e2e.db" --addr "127.0.0.1:$PORT" 2>"$WORK/serve.log" &
SERVER_PID=$!
for _ in $(seq 1 50); do
  if python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$PORT/api/openapi.json')" 2>/dev/null; then break; fi
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then cat "$WORK/serve.log"; echo "e2e: server died"; exit 1; fi
  sleep 0.2
done

echo "== e2e: browser"
cat > "$WORK/e2e.cjs" <<'JS'
const { chromium } = require("playwright-core");
const [base, out, executablePath, profile] = process.argv.slice(2);
let passed = 0, failed = 0;
function check(name, ok, detail) {
  if (ok) { passed++; console.log(`ok - ${name}`); }
  else { failed++; console.log(`not ok - ${name}${detail ? `: ${detail}` : ""}`); }
}
(async () => {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    viewport: { width: 1360, height: 900 },
  });
  const page = context.pages()[0] || await context.newPage();
  const problems = [];
  page.on("console", (m) => { if (m.type() === "error") problems.push(m.text()); });
  page.on("pageerror", (e) => problems.push(String(e)));
  // Nothing may leave this server.
  const outside = [];
  page.on("request", (r) => { if (!r.url().startsWith(base) && !r.url().startsWith("data:")) outside.push(r.url()); });
  try {
    const resp = await page.goto(base + "/", { waitUntil: "networkidle" });
    const csp = resp.headers()["content-security-policy"] || "";
    check("CSP header on the page", csp.includes("default-src 'self'"), csp);
    await page.waitForSelector("#view .panel");
    await page.screenshot({ path: `${out}/home.png`, fullPage: true });

    await page.fill("#search", "Haftar");
    await page.press("#search", "Enter");
    await page.waitForSelector(".entity-result a");
    await page.screenshot({ path: `${out}/search.png`, fullPage: true });
    const names = await page.$$eval(".entity-result a", (as) => as.map((a) => a.textContent));
    check("search finds Khalifa Haftar", names.includes("Khalifa Haftar"), names.join(", "));
    const titles = await page.$$eval(".article-result > a", (as) => as.map((a) => [a.textContent, a.title]));
    check("article results show titles, not ids",
      titles.length > 0 && titles.every(([text, id]) => text && text !== id && !text.startsWith("sample-")),
      titles.map((t) => t[0]).join(" | "));

    await page.click(".entity-result a:text('Khalifa Haftar')");
    await page.waitForSelector("#timeline li.story");
    await page.waitForSelector("#network svg circle");
    await page.waitForSelector("#map svg circle");
    await page.waitForLoadState("networkidle");
    await page.screenshot({ path: `${out}/actor.png`, fullPage: true });
    const consult = await page.$$eval("#timeline li.story[data-type=CONSULT]", (ls) => ls.map((l) => l.textContent));
    check("timeline shows the CONSULT visit to Moscow", consult.some((t) => t.includes("Moscou") && t.includes("Vladimir Poutine")), consult.join(" | "));
    const nodes = await page.$$eval("#network svg a.node", (ns) => ns.map((n) => n.textContent));
    check("network shows Putin and Moscow", nodes.some((n) => n.includes("Poutine")) && nodes.some((n) => n.includes("Moscou")), nodes.join(", "));
    // No three nodes on one line: a chain would be read into it.
    const centres = await page.$$eval("#network svg a.node circle", (cs) => cs.map((c) => [+c.getAttribute("cx"), +c.getAttribute("cy")]));
    let inLine = 0;
    for (let i = 0; i < centres.length; i++) for (let j = i + 1; j < centres.length; j++) for (let k = j + 1; k < centres.length; k++) {
      const [a, b, c] = [centres[i], centres[j], centres[k]];
      const area = Math.abs((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])) / 2;
      if (area < 200) inLine++;
    }
    check("network lays no three nodes on one line", centres.length >= 3 && inLine === 0, `${centres.length} nodes, ${inLine} lined-up triples`);
    const places = await page.$$eval("#map svg a.place", (ps) => ps.map((p) => p.textContent));
    check("map marks Moscow", places.some((p) => p.includes("Moscou")), places.join(", "));
    const basemap = await page.evaluate(async () => (await fetch("/world.svg")).headers.get("content-type"));
    check("basemap served", basemap === "image/svg+xml", basemap);

    // The French report of the Moscow visit (the samples tell other visits too).
    await page.click("#timeline li.story[data-type=CONSULT] a.evidence[href*='sample-fr-moscou']");
    await page.waitForSelector("#article-text .ev.focus");
    const articleUrl = page.url();
    await page.screenshot({ path: `${out}/article.png`, fullPage: true });
    const focus = await page.$eval("#article-text .ev.focus", (e) => e.textContent);
    check("evidence highlighted in the article", focus.length > 0 && "Khalifa Haftar reçu à Moscou par Vladimir Poutine".includes(focus), focus);
    const kinds = await page.$$eval("#article-text .m, #article-text .dt, #article-text .q", (es) => [...new Set(es.map((e) => e.className.split(" ")[0]))]);
    check("mentions, dates and quotes highlighted", ["m", "dt", "q"].every((k) => kinds.includes(k)), kinds.join(","));

    await page.click("#article-events a.meta:text('story')");
    await page.waitForSelector("#sources li");
    await page.screenshot({ path: `${out}/story.png`, fullPage: true });
    check("story page lists its sources", (await page.$$("#sources li")).length >= 1);
    const storyUrl = page.url();

    // A phone: every view fits 390 px, nothing scrolls sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    const actorHash = "#/actor/" + encodeURIComponent(await page.evaluate(async () =>
      (await (await fetch("/api/entities?q=Haftar&limit=1")).json())[0].key));
    const views = [["home", base + "/#/"], ["search", base + "/#/search/Haftar"],
      ["actor", base + "/" + actorHash], ["article", articleUrl], ["story", storyUrl]];
    for (const [name, url] of views) {
      await page.goto(url, { waitUntil: "networkidle" });
      await page.waitForSelector("#view .panel");
      const [wide, widest] = await page.evaluate(() => {
        const w = document.documentElement.clientWidth;
        const over = [...document.querySelectorAll("body *")].filter((e) => e.getBoundingClientRect().right > w + 1);
        return [document.documentElement.scrollWidth - w, over.slice(0, 3).map((e) => e.tagName + "." + e.className).join(" ")];
      });
      await page.screenshot({ path: `${out}/phone-${name}.png`, fullPage: true });
      check(`no horizontal overflow at 390 px (${name})`, wide <= 0, `${wide} px too wide: ${widest}`);
    }

    check("no console errors (CSP violations included)", problems.length === 0, problems.join(" | "));
    check("no request left the server", outside.length === 0, outside.join(" "));
  } catch (e) {
    failed++;
    console.log(`not ok - ${e}`);
    await page.screenshot({ path: `${out}/failure.png`, fullPage: true }).catch(() => {});
  } finally {
    await context.close();
  }
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
})();
JS
NODE_PATH="$WORK/node_modules" node "$WORK/e2e.cjs" "http://127.0.0.1:$PORT" "$OUT" "$CHROMIUM" "$WORK/profile"
echo "e2e: screenshots in target/e2e/"
