#!/usr/bin/env bash
# Fuzzes depeche with cargo-fuzz: runs each target of fuzz/ for a bounded
# time and reports what it found.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]
#
# SECONDS is the time per target (default 60); TARGETs default to all of
# jsonl_reader text_view dates extract. Environment:
#   FUZZ_SANITIZER  address (default) or none; falls back to none when the
#                   sanitizer build fails
#   FUZZ_MAX_LEN    largest input libFuzzer makes, in bytes (default 16384)
#
# The toolchain is stable; cargo-fuzz passes nightly-only flags, so this
# runs it with RUSTC_BOOTSTRAP=1. Corpora grow in fuzz/corpus/<target>
# (seeded from fuzz/seeds/<target>; fuzz/dict/depeche.dict holds words of
# data/fr and data/en for the mutator), crashing inputs land in
# fuzz/artifacts/<target>, logs in fuzz/logs/<target>.log.
# Exit status: 0 when no target crashed, 1 when one did, 2 when the build
# failed.
set -uo pipefail
cd "$(dirname "$0")/../fuzz"
export CARGO_TERM_COLOR=never
export RUSTC_BOOTSTRAP=1

PER_TARGET="${1:-60}"
[ "$#" -gt 0 ] && shift
TARGETS=("$@")
[ "${#TARGETS[@]}" -eq 0 ] && TARGETS=(jsonl_reader text_view dates extract)
SAN="${FUZZ_SANITIZER:-address}"
MAX_LEN="${FUZZ_MAX_LEN:-16384}"

if ! command -v cargo-fuzz >/dev/null 2>&1; then
  echo "== installing cargo-fuzz"
  cargo install cargo-fuzz --locked || { echo "cannot install cargo-fuzz"; exit 2; }
fi

echo "== building fuzz targets (sanitizer: $SAN)"
if ! cargo fuzz build -O -s "$SAN"; then
  if [ "$SAN" = none ]; then
    echo "fuzz build failed"
    exit 2
  fi
  echo "build with sanitizer $SAN failed: retrying without a sanitizer"
  SAN=none
  cargo fuzz build -O -s none || { echo "fuzz build failed"; exit 2; }
fi

mkdir -p logs
crashed=()
for t in "${TARGETS[@]}"; do
  mkdir -p "corpus/$t" "artifacts/$t" "seeds/$t"
  before=$(find "artifacts/$t" -type f | wc -l)
  echo "== fuzzing $t for ${PER_TARGET}s"
  start=$(date +%s)
  # The outer timeout only guards against a hung build or a stuck process.
  timeout --kill-after=10 $((PER_TARGET + 300)) \
    cargo fuzz run -O -s "$SAN" "$t" "corpus/$t" "seeds/$t" -- \
      -max_total_time="$PER_TARGET" -max_len="$MAX_LEN" -timeout=30 \
      -rss_limit_mb=4096 -print_final_stats=1 -dict=dict/depeche.dict \
      >"logs/$t.log" 2>&1
  rc=$?
  took=$(( $(date +%s) - start ))
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "logs/$t.log" | tail -1)
  corpus=$(find "corpus/$t" -type f | wc -l)
  after=$(find "artifacts/$t" -type f | wc -l)
  echo "$t: exit $rc, ${took}s, ${runs:-?} runs, corpus $corpus inputs, $((after - before)) new artifacts"
  if [ "$rc" -ne 0 ]; then
    crashed+=("$t")
    grep -E "panicked at|ERROR: libFuzzer|SUMMARY|Test unit written" "logs/$t.log" | head -20
    echo "reproduce: cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run -O -s $SAN $t <artifact>"
  fi
done

if [ "${#crashed[@]}" -gt 0 ]; then
  echo "fuzz: crashes in ${crashed[*]} (see fuzz/logs, fuzz/artifacts)"
  exit 1
fi
echo "fuzz: no crash in ${TARGETS[*]} (${PER_TARGET}s each)"
