#!/usr/bin/env bash
# Store benchmark: ingest N articles (default 100,000, made from
# ../shared/corpus/news.jsonl with fresh ids, addresses and a distinct last
# line so that none is a duplicate) into a fresh store, then time
# `depeche timeline` for a few well-known actors. Before that, the write
# path alone: the same N copies, extracted once per distinct article
# beforehand, stored as `ingest` stores them (the `store_write` example).
#
#   bash bench/store.sh [N]
source "$(dirname "$0")/lib.sh"
N="${1:-100000}"
build_depeche
(cd "$ROOT" && cargo build --release -q -p depeche --example store_write)
WORK="$(mktemp -d)"
trap '[ -n "${KEEP:-}" ] || rm -rf "$WORK"' EXIT
python3 - "$SHARED/corpus/news.jsonl" "$N" > "$WORK/in.jsonl" <<'PY'
import json, sys
src = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
n = int(sys.argv[2])
for i in range(n):
    a = dict(src[i % len(src)])
    a["id"] = f"{a['id']}-{i}"
    if a.get("url"):
        a["url"] = f"{a['url']}#{i}"
    a["text"] = a["text"] + f"\n(copie {i})"
    print(json.dumps(a, ensure_ascii=False))
PY
log "storing $N extracted articles (write path only)"
"$ROOT/target/release/examples/store_write" "$SHARED/corpus/news.jsonl" "$WORK/write.db" "$N"
log "ingesting $N articles"
/usr/bin/time -f "%e s wall, %U s user, %M KB peak" "$DEPECHE" ingest "$WORK/in.jsonl" --db "$WORK/store.db" -q 2> "$WORK/ingest.err" || true
tail -2 "$WORK/ingest.err"
wall=$(tail -1 "$WORK/ingest.err" | awk '{print $1}')
python3 -c "print(f'ingest: {$N} articles in {$wall} s = {$N/$wall:.0f} articles/s')"
ls -l "$WORK/store.db" | awk '{printf "store: %.1f MB\n", $5/1e6}'
for name in Haftar Macron Poutine Zelensky; do
  start=$(date +%s%N)
  for _ in 1 2 3 4 5; do "$DEPECHE" timeline "$name" --db "$WORK/store.db" --json > /dev/null 2>&1 || true; done
  end=$(date +%s%N)
  echo "timeline $name: $(( (end - start) / 5000000 )) ms per query (whole process, mean of 5)"
done
