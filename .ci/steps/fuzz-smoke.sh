#!/usr/bin/env bash
# CI step: a short fuzzing smoke run, about 20 s per cargo-fuzz target
# (jsonl_reader, text_view, dates, extract). Installs cargo-fuzz when it
# is missing. Exits 0 when nothing crashed, non-zero on a crash or a
# failed build. FUZZ_SMOKE_SECONDS overrides the time per target.
set -euo pipefail
cd "$(dirname "$0")/../.."
exec bash scripts/fuzz.sh "${FUZZ_SMOKE_SECONDS:-20}"
