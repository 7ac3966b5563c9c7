#!/usr/bin/env bash
# Load test of `depeche serve` with wrk.
#
#   bench/load.sh [SECONDS]
#
# Builds the release binary, ingests samples/ (and ../shared/corpus/news.jsonl
# when it exists) into a temporary store, serves it on a free loopback port,
# and runs wrk against each endpoint in turn, then against a mix of them.
# Prints requests/s, median and 99th percentile latency and errors (responses
# outside 2xx, socket errors and timeouts) for each run; exits 1 if any run
# had an error, if an endpoint does not answer 200 before the load, or if the
# server died. SECONDS (default 15, or $LOAD_SECONDS) is the length of each
# run; there are five runs. Connections and threads: $LOAD_CONNECTIONS
# (default 32) and $LOAD_THREADS (default 2).
#
# Needs wrk (Debian: apt-get install -y wrk), curl and cargo.
set -euo pipefail

SECONDS_PER_RUN=${1:-${LOAD_SECONDS:-15}}
CONNECTIONS=${LOAD_CONNECTIONS:-32}
THREADS=${LOAD_THREADS:-2}

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

for tool in wrk curl cargo; do
    if ! command -v "$tool" >/dev/null; then
        echo "load.sh: $tool is missing (wrk: apt-get install -y wrk)" >&2
        exit 2
    fi
done

work=$(mktemp -d "${TMPDIR:-/tmp}/depeche-load.XXXXXX")
server_pid=""
cleanup() {
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

echo "== build" >&2
cargo build --release -q -p depeche
bin="$root/target/release/depeche"

inputs=(samples/)
if [ -f ../shared/corpus/news.jsonl ]; then
    inputs+=(../shared/corpus/news.jsonl)
fi
echo "== ingest ${inputs[*]}" >&2
"$bin" ingest "${inputs[@]}" --db "$work/load.db" -q
"$bin" stats --db "$work/load.db" --json |
    sed -n 's/^ *"\(articles\|events\|stories\|entities\)": \([0-9]*\).*/  \1 \2/p' >&2

echo "== serve" >&2
"$bin" serve --db "$work/load.db" --addr 127.0.0.1:0 2>"$work/serve.err" &
server_pid=$!
port=""
for _ in $(seq 1 100); do
    port=$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$work/serve.err" 2>/dev/null | head -1 | sed 's#.*:\([0-9]*\)/#\1#' || true)
    [ -n "$port" ] && break
    if ! kill -0 "$server_pid" 2>/dev/null; then
        echo "load.sh: the server did not start:" >&2
        cat "$work/serve.err" >&2
        exit 1
    fi
    sleep 0.1
done
if [ -z "$port" ]; then
    echo "load.sh: the server did not say which port it took" >&2
    exit 1
fi
base="http://127.0.0.1:$port"
echo "  $base" >&2

# Endpoints; each must answer 200 before the load starts.
timeline="/api/timeline/Haftar"
if [ "${#inputs[@]}" -gt 1 ]; then timeline="/api/timeline/Iran"; fi
endpoints=(
    "timeline $timeline"
    "events /api/events?type=ASSAULT&limit=50"
    "search /api/search?q=pr%C3%A9sident"
    "page /"
)
mix="$timeline /api/events?type=ASSAULT&limit=50 /api/events?from=2024&limit=100 /api/search?q=pr%C3%A9sident /api/search?q=accord /api/stories?min_articles=2&limit=20 /"
for path in $mix; do
    code=$(curl -s -o /dev/null -w '%{http_code}' "$base$path")
    if [ "$code" != 200 ]; then
        echo "load.sh: $path answered $code before any load" >&2
        exit 1
    fi
done

# The Lua script: cycles through $LOAD_PATHS, counts responses outside 2xx
# itself (wrk's own counter only sees 4xx and 5xx), and prints one RESULT
# line at the end.
cat >"$work/load.lua" <<'LUA'
local paths = {}
for p in string.gmatch(os.getenv("LOAD_PATHS") or "/", "%S+") do
    paths[#paths + 1] = p
end
local threads = {}
local next_id = 0
function setup(thread)
    thread:set("id", next_id)
    next_id = next_id + 1
    threads[#threads + 1] = thread
end
local requests_ = {}
local i = 0
bad = 0
function init(args)
    for k, p in ipairs(paths) do
        requests_[k] = wrk.format("GET", p)
    end
    i = id or 0
end
function request()
    i = i + 1
    return requests_[(i % #requests_) + 1]
end
function response(status, headers, body)
    if status < 200 or status > 299 then
        bad = bad + 1
    end
end
function done(summary, latency, requests)
    local non2xx = 0
    for _, t in ipairs(threads) do
        non2xx = non2xx + (t:get("bad") or 0)
    end
    local e = summary.errors
    io.write(string.format("RESULT %d %.3f %.3f %.3f %.3f %d %d %d\n",
        summary.requests, summary.duration / 1e6,
        latency:percentile(50) / 1000, latency:percentile(99) / 1000,
        latency.max / 1000,
        non2xx, e.connect + e.read + e.write, e.timeout))
end
LUA

echo "== load: $SECONDS_PER_RUN s per run, $THREADS threads, $CONNECTIONS connections; $(nproc) CPUs" >&2
echo "   load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

failed=0
rows=()
run() {
    local name=$1 paths=$2 out
    out=$(LOAD_PATHS="$paths" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" \
        --latency -s "$work/load.lua" "$base" 2>&1) || {
        echo "load.sh: wrk failed on $name:" >&2
        echo "$out" >&2
        failed=1
        return
    }
    local line
    line=$(printf '%s\n' "$out" | grep '^RESULT ' | tail -1)
    if [ -z "$line" ]; then
        echo "load.sh: no result from wrk on $name:" >&2
        echo "$out" >&2
        failed=1
        return
    fi
    # shellcheck disable=SC2086
    set -- $line
    local requests=$2 secs=$3 p50=$4 p99=$5 max=$6 non2xx=$7 socket=$8 timeouts=$9
    local rps
    rps=$(awk -v r="$requests" -v s="$secs" 'BEGIN { printf "%.0f", (s > 0 ? r / s : 0) }')
    rows+=("$(printf '%-9s %9s %8s %9s %9s %9s %7s %7s %8s' \
        "$name" "$requests" "$rps" "$p50" "$p99" "$max" "$non2xx" "$socket" "$timeouts")")
    if [ "$non2xx" != 0 ] || [ "$socket" != 0 ] || [ "$timeouts" != 0 ]; then
        failed=1
    fi
    if ! kill -0 "$server_pid" 2>/dev/null; then
        echo "load.sh: the server died during $name" >&2
        failed=1
    fi
}

for entry in "${endpoints[@]}"; do
    run "${entry%% *}" "${entry#* }"
done
run mix "$mix"

echo "   load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
printf '%-9s %9s %8s %9s %9s %9s %7s %7s %8s\n' \
    run requests req/s p50_ms p99_ms max_ms non2xx socket timeout
printf '%s\n' "${rows[@]}"

if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "load.sh: the server is not running any more" >&2
    failed=1
fi
if grep -qi 'panick' "$work/serve.err"; then
    echo "load.sh: the server panicked:" >&2
    cat "$work/serve.err" >&2
    failed=1
fi

if [ "$failed" != 0 ]; then
    echo "load.sh: FAILED (errors above or in the table)" >&2
    exit 1
fi
echo "load.sh: no error" >&2
