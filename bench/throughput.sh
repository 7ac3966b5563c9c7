#!/usr/bin/env bash
# Throughput: depeche extract against spaCy fr_core_news_sm (NER only), one core each.
#
#   bench/throughput.sh          (needs ../shared beside the repository)
#
# Builds >= WORDS words (default 1000000) by repeating ../shared/corpus/news.jsonl
# with fresh ids, runs each system pinned to core CORE (default 0) under
# /usr/bin/time -v, and prints words/s, CPU time and peak RSS. depeche runs
# DEPECHE_RUNS times (default 4, half before spaCy and half after, median
# wall time reported), spaCy SPACY_RUNS times (default 1). Then depeche's start-up (one tiny document, median of 5)
# and, when the binary supports it, DEPECHE_TIMINGS=1 per-stage timings.
# KEEP=1 keeps the work folder.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

WORDS="${WORDS:-1000000}"
CORE="${CORE:-0}"
DEPECHE_RUNS="${DEPECHE_RUNS:-4}"
SPACY_RUNS="${SPACY_RUNS:-1}"
BATCH="${BATCH:-256}"

if [ ! -x /usr/bin/time ]; then
    log "installing Debian package time"
    SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
    $SUDO apt-get update -q >&2 && $SUDO apt-get install -y -q time >&2
fi
command -v taskset >/dev/null || { log "taskset missing (Debian util-linux)"; exit 2; }

ensure_venv fr-core-news-sm
build_depeche

WORK="$(mktemp -d "${TMPDIR:-/tmp}/depeche-throughput.XXXXXX")"
[ "${KEEP:-0}" = 1 ] && log "work folder $WORK" || trap 'rm -rf "$WORK"' EXIT

read -r N_DOCS N_WORDS < <(python3 "$BENCH/make_input.py" "$SHARED/corpus/news.jsonl" "$WORDS" "$WORK/in.jsonl")
N_BYTES=$(stat -c %s "$WORK/in.jsonl")
log "input: $N_DOCS documents, $N_WORDS words, $N_BYTES bytes"

CORES="$(nproc)"
# Single-threaded maths libraries for spaCy (taskset pins them anyway).
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1

# timed NAME CMD... : run CMD on core $CORE under /usr/bin/time -v; append
# "NAME wall_s cpu_s maxrss_kb" to $WORK/runs.
timed() {
    local name="$1"; shift
    local tv="$WORK/time.$name.$RANDOM"
    /usr/bin/time -v -o "$tv" taskset -c "$CORE" "$@"
    awk -v name="$name" -F': ' '
        /Elapsed \(wall clock\)/ { n = split($2, t, ":"); w = 0; for (i = 1; i <= n; i++) w = w * 60 + t[i] }
        /User time/ { u = $2 } /System time/ { s = $2 }
        /Maximum resident set size/ { m = $2 }
        END { printf "%s %.2f %.2f %d\n", name, w, u + s, m }' "$tv" >> "$WORK/runs"
}

# depeche's runs are split around spaCy's (the first half before, the
# rest after), so that the machine's speed drifting during spaCy's long
# run weighs on both sides of the ratio.
depeche_runs() {
    for _ in $(seq "$1"); do
        timed depeche "$DEPECHE" extract -q "$WORK/in.jsonl" -o "$WORK/depeche.out.jsonl"
    done
}
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
depeche_runs $(( (DEPECHE_RUNS + 1) / 2 ))
for _ in $(seq "$SPACY_RUNS"); do
    timed spacy "$PY" "$BENCH/spacy_ner.py" --model fr_core_news_sm --ner-only --batch-size "$BATCH" \
        "$WORK/in.jsonl" -o "$WORK/spacy.out.jsonl"
done
depeche_runs $(( DEPECHE_RUNS / 2 ))
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

# Start-up: one tiny document; wall time (date, ns), CPU time and peak RSS
# (/usr/bin/time); median of 5.
printf '%s\n' '{"id":"tiny","lang":"fr","text":"Le président Macron est arrivé mardi à Bamako."}' > "$WORK/tiny.jsonl"
for _ in 1 2 3 4 5; do
    t0=$(date +%s%N)
    /usr/bin/time -f "%U %S %M" -o "$WORK/tiny.time" taskset -c "$CORE" "$DEPECHE" extract -q "$WORK/tiny.jsonl" -o /dev/null
    t1=$(date +%s%N)
    read -r u sy m < "$WORK/tiny.time"
    echo "$(( (t1 - t0) / 1000 )) $u $sy $m"
done > "$WORK/startup"

echo "machine: $CORES cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load average before $LOAD_BEFORE, after $LOAD_AFTER"
echo "input: $N_DOCS documents, $N_WORDS words ($N_BYTES bytes), repeated from ../shared/corpus/news.jsonl"
echo "each system pinned to core $CORE (taskset); wall time and peak RSS from /usr/bin/time -v"
echo
python3 - "$WORK/runs" "$N_WORDS" "$WORK/startup" <<'PY'
import sys
from statistics import median
startup = [line.split() for line in open(sys.argv[3])]
st_wall = median(int(r[0]) for r in startup) / 1000
st_cpu = median(float(r[1]) + float(r[2]) for r in startup)
st_rss = max(int(r[3]) for r in startup) / 1024
runs, words = {}, int(sys.argv[2])
for line in open(sys.argv[1]):
    name, wall, cpu, rss = line.split()
    runs.setdefault(name, []).append((float(wall), float(cpu), int(rss)))
labels = {"depeche": "depeche extract", "spacy": "spaCy fr_core_news_sm (ner)"}
res = {}
print(f"{'system':30} {'runs':>4} {'wall s':>8} {'cpu s':>8} {'words/s/core':>13} {'words/cpu-s':>12} {'peak RSS MiB':>13}")
for name, rs in runs.items():
    wall = median(r[0] for r in rs)
    cpu = median(r[1] for r in rs)
    rss = max(r[2] for r in rs) / 1024
    res[name] = (words / wall, words / cpu, rss)
    print(f"{labels[name]:30} {len(rs):4} {wall:8.2f} {cpu:8.2f} {words / wall:13,.0f} {words / cpu:12,.0f} {rss:13.1f}")
if "depeche" in res and "spacy" in res:
    d, s = res["depeche"], res["spacy"]
    print(f"ratio depeche/spaCy: words/s {d[0] / s[0]:.1f}x, words per CPU-second {d[1] / s[1]:.1f}x, peak RSS {d[2] / s[2]:.2f}x")
print()
print(f"depeche start-up (extract of one tiny document, median of {len(startup)}): "
      f"wall {st_wall:.0f} ms, CPU {st_cpu * 1000:.0f} ms, peak RSS {st_rss:.1f} MiB")
if "depeche" in runs:
    cpu = median(r[1] for r in runs["depeche"])
    if cpu > st_cpu:
        print(f"depeche words per CPU-second without start-up (derived): {words / (cpu - st_cpu):,.0f}")
PY

echo
if grep -qa DEPECHE_TIMINGS "$DEPECHE"; then
    echo "per-stage timings (DEPECHE_TIMINGS=1, same input, core $CORE):"
    DEPECHE_TIMINGS=1 taskset -c "$CORE" "$DEPECHE" extract -q "$WORK/in.jsonl" -o /dev/null 2>&1
else
    echo "per-stage timings: skipped (this depeche binary does not read DEPECHE_TIMINGS)"
fi
