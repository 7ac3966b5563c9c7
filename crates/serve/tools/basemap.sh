#!/usr/bin/env bash
# Rebuilds crates/serve/web/world.svg from npm `world-atlas` (Natural Earth).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm init -y >/dev/null && npm install --no-audit --no-fund --silent world-atlas@2.0.2)
node "$here/basemap.mjs" "$tmp/node_modules/world-atlas/countries-110m.json" > "$here/../web/world.svg"
echo "wrote $(wc -c < "$here/../web/world.svg") bytes to crates/serve/web/world.svg"
