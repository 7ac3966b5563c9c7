#!/usr/bin/env bash
# CI step: depeche on Apache Spark (issue 11). Creates target/spark-venv
# with PyPI pyspark when it is missing (a ~320 MB download, once), builds
# depeche, runs spark/depeche_job.py with master local[2] over the shared
# corpus, and checks that its records equal `depeche extract` on the same
# file (parsed JSON, sorted by id; the order is checked too). Then runs
# spark/merge.py over the store's records (`depeche ingest` + `export`, and
# `export --format countries` for the gazetteer facts stories use)
# and checks its stories against `depeche stories --json`. Then WARC input
# (plain and gzip, one partition per file) against `depeche extract` on the
# same files, and the README's local and cluster runs over samples/, each
# loaded into a store with `depeche import` and queried. Exits non-zero on
# any difference. SPARK_MERGE=0 skips the merge check. Needs Java 17 (or 8/11).
set -euo pipefail
cd "$(dirname "$0")/../.."
SHARED="${DEPECHE_SHARED:-../shared}"
CORPUS="$SHARED/corpus/news.jsonl"
VENV=target/spark-venv
PYSPARK_VERSION=3.5.9
OUT=target/spark-ci
started=$(date +%s)

[ -f "$CORPUS" ] || { echo "spark: no corpus at $CORPUS"; exit 1; }
command -v java >/dev/null || { echo "spark: java is required (Java 17)"; exit 1; }
java -version 2>&1 | head -1

if [ ! -x "$VENV/bin/spark-submit" ]; then
  echo "== spark: creating $VENV with pyspark==$PYSPARK_VERSION"
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q "pyspark==$PYSPARK_VERSION"
fi
export PATH="$PWD/$VENV/bin:$PATH"
export PYSPARK_PYTHON="$PWD/$VENV/bin/python" PYSPARK_DRIVER_PYTHON="$PWD/$VENV/bin/python"
export SPARK_LOCAL_IP=127.0.0.1

if [ -n "${DEPECHE_BIN:-}" ]; then
  BIN="$DEPECHE_BIN"   # an already built depeche, to skip the release build
else
  echo "== spark: building depeche"
  cargo build --release -q -p depeche
  BIN=target/release/depeche
fi

rm -rf "$OUT" && mkdir -p "$OUT"
SUBMIT=(spark-submit --master 'local[2]' --driver-memory 1g
        --conf spark.ui.enabled=false --conf spark.log.level=WARN)

echo "== spark: depeche_job.py over $CORPUS"
"${SUBMIT[@]}" --files "$BIN" spark/depeche_job.py \
  "$CORPUS" "$OUT/records" --partitions 3 2> "$OUT/job.log" || { tail -40 "$OUT/job.log"; exit 1; }
grep '^depeche_job:' "$OUT/job.log" || true

echo "== spark: depeche extract over the same file"
"$BIN" extract "$CORPUS" -q -o "$OUT/single.jsonl"

python3 - "$OUT/records" "$OUT/single.jsonl" <<'PY'
import glob, json, os, sys
parts = sorted(glob.glob(os.path.join(sys.argv[1], "part-*")))
spark = [json.loads(l) for p in parts for l in open(p, encoding="utf-8")]
single = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
a = sorted(spark, key=lambda r: r["id"])
b = sorted(single, key=lambda r: r["id"])
if len(a) != len(b) or a != b:
    ids_a, ids_b = {r["id"] for r in a}, {r["id"] for r in b}
    print(f"spark: DIFFERENT: {len(a)} records from Spark, {len(b)} from extract")
    print("  only in Spark:", sorted(ids_a - ids_b)[:10])
    print("  only in extract:", sorted(ids_b - ids_a)[:10])
    by_id = {r["id"]: r for r in b}
    diff = [r["id"] for r in a if r["id"] in by_id and by_id[r["id"]] != r]
    print("  differing records:", diff[:10])
    sys.exit(1)
order = "same order" if [r["id"] for r in spark] == [r["id"] for r in single] else "ORDER DIFFERS"
print(f"spark: {len(a)} records in {len(parts)} parts, identical to extract ({order})")
sys.exit(0 if order == "same order" else 1)
PY

if [ "${SPARK_MERGE:-1}" != 0 ]; then
  # `depeche ingest` extracts each article with an empty person registry
  # while `extract` carries it across articles, so the store's records are
  # not the job's: merge.py is checked on the store's own records.
  echo "== spark: merge.py over the store's records, checked against its stories"
  "$BIN" ingest "$CORPUS" --db "$OUT/store.db" -q
  "$BIN" export --db "$OUT/store.db" --format jsonl -o "$OUT/store-records.jsonl"
  "$BIN" stories --db "$OUT/store.db" --json --min-articles 1 \
    --limit 1000000 > "$OUT/store-stories.json"
  "$BIN" export --format countries -o "$OUT/countries.tsv"
  "${SUBMIT[@]}" spark/merge.py "$OUT/store-records.jsonl" "$OUT/merged" \
    --countries "$OUT/countries.tsv" 2> "$OUT/merge.log" \
    || { tail -40 "$OUT/merge.log"; exit 1; }
  grep '^merge:' "$OUT/merge.log" || true
  python3 - "$OUT/merged/stories" "$OUT/store-stories.json" <<'PY'
import collections, glob, json, os, sys
def key(s):  # a story from merge.py
    return (s["type"], s["modality"], s["source"], s["target"], s["location"], s["date"],
            s["mentions"], s["articles"], s["outlets"], s["first_reported"],
            s["last_reported"], tuple(s["article_ids"]))
def store_key(s):  # a story from `depeche stories --json`
    k = lambda f: (s.get(f) or {}).get("key")
    c = s["corroboration"]
    return (s["type"], s["modality"], k("source"), k("target"), k("location"), s.get("date"),
            s["mentions"], c["articles"], c["outlets"], c["first_reported"], c["last_reported"],
            tuple(sorted({x["article"] for x in s["sources"]})))
merged = collections.Counter(key(json.loads(l)) for p in glob.glob(os.path.join(sys.argv[1], "part-*"))
                             for l in open(p, encoding="utf-8"))
store = collections.Counter(map(store_key, json.load(open(sys.argv[2], encoding="utf-8"))))
if merged != store:
    print(f"spark: merge DIFFERENT: {sum(merged.values())} stories, store {sum(store.values())}")
    for s in list((merged - store).elements())[:5]: print("  merge only:", s)
    for s in list((store - merged).elements())[:5]: print("  store only:", s)
    sys.exit(1)
multi = sum(n for s, n in merged.items() if s[7] >= 2)
print(f"spark: {sum(merged.values())} stories ({multi} reported by 2+ articles), identical to the store")
PY
fi
echo "== spark: WARC input, plain and gzip, one partition per file"
mkdir -p "$OUT/warc"
python3 - "$OUT/warc" crates/ingest/tests/fixtures/page.html crates/ingest/tests/fixtures/second.html <<'PY'
import gzip, sys
out, pages = sys.argv[1], sys.argv[2:]
def record(n, uri, page):
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + open(page, "rb").read()
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Date: 2024-05-02T08:00:00Z\r\n"
            f"WARC-Record-ID: <urn:uuid:{n}>\r\nWARC-Target-URI: {uri}\r\n"
            f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n")
    return head.encode() + http + b"\r\n\r\n"
recs = [record(n, f"https://example.org/{n}", p) for n, p in enumerate(pages)]
open(f"{out}/a.warc", "wb").write(b"".join(recs))
with open(f"{out}/b.warc.gz", "wb") as f:  # gzipped record by record, as crawlers write
    for n, p in enumerate(pages):
        f.write(gzip.compress(record(n + 10, f"https://example.org/gz/{n}", p)))
PY
"${SUBMIT[@]}" --files "$BIN" spark/depeche_job.py "$OUT/warc" "$OUT/warc-records" \
  2> "$OUT/warc.log" || { tail -40 "$OUT/warc.log"; exit 1; }
grep '^depeche_job:' "$OUT/warc.log" || true
[ "$(ls "$OUT"/warc-records/part-* | wc -l)" = 2 ] || { echo "spark: WARC files not one partition each"; exit 1; }
"$BIN" extract "$OUT/warc" -q -o "$OUT/warc-single.jsonl"
cat "$OUT"/warc-records/part-* > "$OUT/warc-spark.jsonl"
python3 - "$OUT/warc-spark.jsonl" "$OUT/warc-single.jsonl" <<'PY'
import json, sys
a, b = ([json.loads(l) for l in open(p, encoding="utf-8")] for p in sys.argv[1:])
if not a or a != b or not all(r.get("text") for r in a):
    sys.exit(f"spark: WARC records DIFFER from extract ({len(a)} vs {len(b)}), or lack their text")
print(f"spark: {len(a)} WARC records, identical to extract, each with its text")
PY

echo "== spark: the README's local and cluster runs, loaded into stores"
rm -rf /tmp/depeche-local /tmp/depeche-cluster /tmp/local.db /tmp/cluster.db
spark-submit --master 'local[2]' spark/depeche_job.py --binary "$BIN" \
  --with-text samples/ /tmp/depeche-local 2> "$OUT/local.log" || { tail -40 "$OUT/local.log"; exit 1; }
"$BIN" import /tmp/depeche-local --db /tmp/local.db
"$BIN" timeline Haftar --db /tmp/local.db | tee "$OUT/local-timeline.txt"
spark-submit --master 'local[2]' --files "$BIN" spark/depeche_job.py \
  --with-text samples/ /tmp/depeche-cluster 2> "$OUT/cluster.log" || { tail -40 "$OUT/cluster.log"; exit 1; }
"$BIN" import /tmp/depeche-cluster --db /tmp/cluster.db
"$BIN" stories --min-articles 2 --db /tmp/cluster.db | tee "$OUT/cluster-stories.txt"
"$BIN" ingest samples/ --db "$OUT/samples.db" -q
for db in /tmp/local.db /tmp/cluster.db; do
  "$BIN" stats --check --db "$db" > /dev/null || { echo "spark: $db fails its check"; exit 1; }
  cmp <("$BIN" stories --json --min-articles 1 --limit 100000 --db "$db") \
      <("$BIN" stories --json --min-articles 1 --limit 100000 --db "$OUT/samples.db") \
    || { echo "spark: the stories of $db differ from ingest's"; exit 1; }
done
[ -s "$OUT/local-timeline.txt" ] && [ -s "$OUT/cluster-stories.txt" ]
echo "spark: both runs loaded; their stores tell the stories ingest tells"

echo "spark: passed in $(( $(date +%s) - started )) s"
