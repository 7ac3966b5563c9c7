#!/usr/bin/env python3
"""Runs `depeche extract -` over JSON lines on Apache Spark.

Each partition of the input is piped through one `depeche extract -`
process (the binary shipped to the executors with `--files`, or a path
given with `--binary`), and the records are written as JSON lines (one part
file per partition, concatenated in part order they are in input order) or
as Parquet (`seq` for the input order, key columns, and the whole record
as a JSON string in `record`).

    spark-submit --master local[2] --files target/release/depeche \\
        spark/depeche_job.py ../shared/corpus/news.jsonl /tmp/records

Input: JSON lines files, folders of them (read recursively, files in path
order, as `depeche extract` reads a folder), globs, or several of these; on
any file system Hadoop reads (local, hdfs://, s3a://, gs://, abfs://).
Gzip, bzip2 and other Hadoop codecs are read transparently.

An article without an `id` gets `<file stem>-<line>` as `depeche extract`
would give it (with the same warning in the record), so ids stay unique
across partitions. This needs one cheap extra pass over the input that
counts the lines of each partition; `--no-fill-ids` skips it (such
articles are then named by their line in the partition, which is not
unique).

WARC files (`.warc`, `.warc.gz`) are read whole, one partition per file:
each is copied to the executor's temporary folder and read by `depeche
extract FILE` (each HTML response is an article). In `exact` registry mode
file p starts from what files 0..p-1 taught, as for JSON lines; JSON lines
and WARC files given together are two runs, their records written JSON
lines first.

Documents depeche rejects (malformed JSON, missing text, oversized...) are
logged in the executor's standard error with their file and line, counted,
and do not fail the job; any other failure of depeche fails the task.
"""

import argparse
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import threading

EXTENSIONS = (".jsonl", ".ndjson", ".json")
WARC_EXTENSIONS = (".warc",)
COMPRESSED = (".gz", ".bz2", ".zst", ".deflate", ".lz4", ".snappy")


def parse_args(argv):
    p = argparse.ArgumentParser(
        prog="depeche_job.py",
        description="Pipe JSON lines articles through `depeche extract -` on Spark.",
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="JSON lines files, folders or globs (any Hadoop file system)")
    p.add_argument("output", help="output folder (Hadoop path)")
    p.add_argument("--format", choices=("jsonl", "parquet"), default="jsonl",
                   help="records as JSON lines part files (default) or Parquet")
    p.add_argument("--binary", default=None,
                   help="path of the depeche binary on the executors (default: the file "
                        "`depeche` shipped with --files, else `depeche` on PATH)")
    p.add_argument("--partitions", type=int, default=0,
                   help="number of partitions (one depeche process each); default: one per "
                        "input split. Order is kept either way.")
    p.add_argument("--max-bytes", type=int, default=None,
                   help="passed to depeche: refuse texts longer than this many bytes")
    p.add_argument("--no-fill-ids", action="store_true",
                   help="do not name id-less articles <file stem>-<line> (skips a counting pass)")
    p.add_argument("--compress", choices=("none", "gzip", "bzip2"), default="none",
                   help="compression of JSON lines part files")
    p.add_argument("--overwrite", action="store_true", help="replace OUTPUT if it exists")
    p.add_argument("--registry-mode", choices=("exact", "partition"), default="exact",
                   help="exact (default): a first pass collects the full names each partition "
                        "teaches depeche's person registry, and partition p starts from what "
                        "partitions 0..p-1 taught, so records equal one `depeche extract` over "
                        "the whole input (about twice the CPU); partition: one pass, a surname "
                        "alone takes only a full name seen earlier in its own partition")
    p.add_argument("--with-text", action="store_true",
                   help="passed to depeche: every record carries its article's text, so that "
                        "`depeche import` can load the output into a store (records of WARC "
                        "files always carry theirs)")
    p.add_argument("--registry", default=None,
                   help="registry file (`depeche extract --registry`) every partition starts "
                        "from: a path on the executors, or a file shipped with --files")
    return p.parse_args(argv)


# ---------------------------------------------------------------- driver side

def hadoop_fs(sc, path):
    jvm = sc._jvm
    jpath = jvm.org.apache.hadoop.fs.Path(path)
    return jpath.getFileSystem(sc._jsc.hadoopConfiguration()), jpath


def is_input_name(name):
    lower = name.lower()
    for c in COMPRESSED:
        if lower.endswith(c):
            lower = lower[: -len(c)]
            break
    return lower.endswith(EXTENSIONS + WARC_EXTENSIONS)


def is_warc_name(name):
    """A WARC file, plain or gzip (`.warc`, `.warc.gz`)."""
    lower = name.lower()
    return lower.endswith(".warc") or lower.endswith(".warc.gz")


def list_inputs(sc, inputs):
    """Expands folders (recursively) and globs into files, each input's files
    sorted by path; a file named explicitly is kept whatever its extension."""
    files = []
    for spec in inputs:
        fs, jpath = hadoop_fs(sc, spec)
        statuses = fs.globStatus(jpath)
        if statuses is None or len(statuses) == 0:
            raise SystemExit(f"depeche_job: no input matches {spec}")
        found = []
        for st in statuses:
            if st.isDirectory():
                it = fs.listFiles(st.getPath(), True)
                while it.hasNext():
                    f = it.next()
                    name = f.getPath().getName()
                    if f.isFile() and is_input_name(name) and not name.startswith(("_", ".")):
                        found.append(f.getPath().toString())
            else:
                found.append(st.getPath().toString())
        files.extend(sorted(found))
    return files


def stem_of(path):
    """The file stem as depeche's reader computes it (`Path::file_stem`)."""
    name = path.rstrip("/").rsplit("/", 1)[-1]
    if name.startswith(".") and name.count(".") == 1:
        return name
    return name.rsplit(".", 1)[0] if "." in name else name


def delete_path(sc, path):
    fs, jpath = hadoop_fs(sc, path)
    if fs.exists(jpath):
        fs.delete(jpath, True)


# -------------------------------------------------------------- executor side

def resolve_binary(option):
    """The depeche binary on this executor, made executable if needed."""
    candidates = []
    if option:
        candidates.append(option)
    try:
        from pyspark import SparkFiles
        candidates.append(SparkFiles.get(os.path.basename(option) if option else "depeche"))
    except Exception:  # no SparkContext files (plain Python)
        pass
    for c in candidates:
        if c and os.path.isfile(c):
            if os.access(c, os.X_OK):
                return c
            try:
                os.chmod(c, os.stat(c).st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
                return c
            except OSError:
                copy = os.path.join(tempfile.mkdtemp(prefix="depeche-"), "depeche")
                shutil.copy(c, copy)
                os.chmod(copy, 0o755)
                return copy
    found = shutil.which(option or "depeche")
    if found:
        return found
    raise RuntimeError(
        f"depeche binary not found (tried {candidates} and PATH): ship it with "
        "`spark-submit --files target/release/depeche` or give --binary"
    )


def id_is_missing(obj):
    if not isinstance(obj, dict):
        return False
    v = obj.get("id")
    return v is None or (isinstance(v, str) and not v.strip())


def depeche_options(max_bytes, with_text):
    """The options of `depeche extract` every process gets."""
    opts = ["--max-bytes", str(max_bytes)] if max_bytes is not None else []
    return opts + (["--with-text"] if with_text else [])


def make_pipe(binary_option, max_bytes, stems, counters, registry=None, learn_only=False,
              with_text=False):
    """The function run on each partition: items are (file index, line
    number, line bytes), with None for the first two when ids are not filled.

    `registry(index)` gives the registry lines (`surname<TAB>per:key`) the
    partition starts from, or None for depeche's empty registry. With
    `learn_only`, the records are dropped and the partition yields the
    lines of the registry depeche had at its end (what it learnt)."""
    lines_acc, records_acc, rejected_acc = counters

    def run(index, items):
        items = iter(items)
        first = next(items, None)
        if first is None:
            return  # no process for an empty partition
        cmd = [resolve_binary(binary_option), "extract", "-", "-q"]
        cmd += depeche_options(max_bytes, with_text)
        start = registry(index) if registry else None
        reg_dir = None
        if start is not None or learn_only:
            reg_dir = tempfile.mkdtemp(prefix="depeche-registry-")
            reg_path = os.path.join(reg_dir, "registry.tsv")
            if start:
                with open(reg_path, "w", encoding="utf-8") as f:
                    f.writelines(line + "\n" for line in start)
            cmd += ["--registry", reg_path]
        proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, bufsize=1 << 16)
        filled = {}  # id given here -> the warning depeche would have written
        # Runs of consecutive lines: (first stdin line, file index, its line
        # number), to name rejected lines by file and line in bounded memory.
        segments = []
        failure = []
        tail = []

        def feed():
            n = 0
            try:
                for fi, line_no, raw in _chain(first, items):
                    n += 1
                    if fi is not None:
                        if not segments or segments[-1][1] != fi or \
                                segments[-1][2] + (n - segments[-1][0]) != line_no:
                            segments.append((n, fi, line_no))
                        raw = fill_id(raw, stems[fi][0], line_no, filled)
                    proc.stdin.write(raw)
                    proc.stdin.write(b"\n")
            except BrokenPipeError:
                failure.append("depeche stopped reading its input")
            except Exception as e:  # the input iterator failed
                failure.append(f"feeding depeche: {e!r}")
                proc.kill()
            finally:
                lines_acc.add(n)
                try:
                    proc.stdin.close()
                except OSError:
                    pass

        def drain():
            rejected = 0
            for raw in proc.stderr:
                if learn_only:
                    continue  # reported by the second pass
                msg = raw.decode("utf-8", "replace").rstrip("\n")
                if msg.startswith("depeche: rejected <stdin>:"):
                    rejected += 1
                    rest = msg[len("depeche: rejected <stdin>:"):]
                    num, _, reason = rest.partition(":")
                    origin = origin_of(segments, int(num), stems) if num.isdigit() else None
                    if origin:
                        msg = f"depeche: rejected {origin}:{reason}"
                sys.stderr.write(f"[partition {index}] {msg}\n")
                tail.append(msg)
                del tail[:-20]
            rejected_acc.add(rejected)

        threads = [threading.Thread(target=feed, daemon=True),
                   threading.Thread(target=drain, daemon=True)]
        for t in threads:
            t.start()
        produced = 0
        try:
            for raw in proc.stdout:
                if learn_only:
                    continue
                line = raw.decode("utf-8").rstrip("\n")
                if filled:
                    line = add_fill_warning(line, filled)
                produced += 1
                yield line
            code = proc.wait()
            for t in threads:
                t.join()
            records_acc.add(produced)
            if failure or code not in (0, 1):  # 1: some documents were rejected
                raise RuntimeError(
                    f"depeche failed on partition {index} (exit {code}): "
                    + "; ".join(failure + tail[-5:])
                )
            if learn_only:
                with open(reg_path, encoding="utf-8") as f:
                    for line in f:
                        line = line.rstrip("\n")
                        if line and not line.startswith("#"):
                            yield line
        finally:
            if reg_dir:
                shutil.rmtree(reg_dir, ignore_errors=True)

    return run


def make_warc_pipe(binary_option, max_bytes, counters, registry=None, learn_only=False,
                   with_text=False):
    """The function run on each WARC partition: items are (path, bytes) of
    one file (`binaryFiles`). The file is written under its own name in a
    temporary folder, so that depeche names records and rejections as it
    would on a single machine, and read by `depeche extract FILE`.
    `registry` and `learn_only` as for `make_pipe`."""
    lines_acc, records_acc, rejected_acc = counters

    def run(index, items):
        for path, data in items:
            tmp = tempfile.mkdtemp(prefix="depeche-warc-")
            try:
                local = os.path.join(tmp, path.rstrip("/").rsplit("/", 1)[-1])
                with open(local, "wb") as f:
                    f.write(data)
                del data
                cmd = [resolve_binary(binary_option), "extract", local, "-q"]
                cmd += depeche_options(max_bytes, with_text)
                start = registry(index) if registry else None
                reg_path = os.path.join(tmp, "registry.tsv")
                if start is not None or learn_only:
                    if start:
                        with open(reg_path, "w", encoding="utf-8") as f:
                            f.writelines(line + "\n" for line in start)
                    cmd += ["--registry", reg_path]
                yield from run_file(index, path, local, cmd, reg_path)
            finally:
                shutil.rmtree(tmp, ignore_errors=True)

    def run_file(index, path, local, cmd, reg_path):
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        tail, rejected = [], [0]

        def drain():
            for raw in proc.stderr:
                msg = raw.decode("utf-8", "replace").rstrip("\n").replace(local, path)
                if learn_only:
                    continue
                rejected[0] += msg.startswith("depeche: rejected ")
                sys.stderr.write(f"[partition {index}] {msg}\n")
                tail.append(msg)
                del tail[:-20]

        t = threading.Thread(target=drain, daemon=True)
        t.start()
        produced = 0
        for raw in proc.stdout:
            if not learn_only:
                produced += 1
                yield raw.decode("utf-8").rstrip("\n")
        code = proc.wait()
        t.join()
        lines_acc.add(produced + rejected[0])
        records_acc.add(produced)
        rejected_acc.add(rejected[0])
        if code not in (0, 1):
            raise RuntimeError(f"depeche failed on {path} (exit {code}): " + "; ".join(tail[-5:]))
        if learn_only:
            with open(reg_path, encoding="utf-8") as f:
                yield from (ln.rstrip("\n") for ln in f if ln.strip() and not ln.startswith("#"))

    return run


def origin_of(segments, n, stems):
    """`file:line` of the n-th line fed to depeche (1-based)."""
    import bisect
    i = bisect.bisect_right(segments, (n, float("inf"))) - 1
    if i < 0:
        return None
    start, fi, line_no = segments[i]
    return f"{stems[fi][1]}:{line_no + n - start}"


def _chain(first, rest):
    yield first
    yield from rest


def fill_id(raw, stem, line_no, filled):
    """Gives an id-less JSON line the id depeche would give it in its file."""
    try:
        obj = json.loads(raw)
    except ValueError:
        return raw  # depeche rejects it and says why
    if not id_is_missing(obj):
        return raw
    made = f"{stem}-{line_no}"
    obj["id"] = made
    filled[made] = f'no "id": using {json.dumps(made, ensure_ascii=False)}'
    return json.dumps(obj).encode("utf-8")


def add_fill_warning(line, filled):
    rec = json.loads(line)
    warning = filled.pop(rec.get("id"), None)
    if warning is None:
        return line
    rec["warnings"] = [warning] + list(rec.get("warnings") or [])
    return json.dumps(rec, ensure_ascii=False, separators=(",", ":"))


def parquet_rows(index, lines):
    """Rows of the Parquet table; `seq` keeps the input order (partition
    index, then position), since Parquet readers do not."""
    for k, line in enumerate(lines):
        yield ((index << 40) | k,) + parquet_row(line)


def parquet_row(line):
    rec = json.loads(line)
    return (rec.get("id"), rec.get("lang"), rec.get("published"), rec.get("url"),
            rec.get("outlet"), len(rec.get("mentions") or []), len(rec.get("entities") or []),
            len(rec.get("events") or []), len(rec.get("quotes") or []), line)


# ---------------------------------------------------------------------- main

def seed_reader(seed_option):
    """The registry lines every partition starts from (`--registry`)."""
    def seed_lines():
        if not seed_option:
            return []
        path = seed_option if os.path.isfile(seed_option) else None
        if path is None:
            from pyspark import SparkFiles
            path = SparkFiles.get(os.path.basename(seed_option))
        with open(path, encoding="utf-8") as f:
            return [ln.rstrip("\n") for ln in f if ln.strip() and not ln.startswith("#")]
    return seed_lines


def registry_for(sc, args, items, learn, seed_lines):
    """The registry each partition starts from: in `exact` mode, what the
    partitions before it taught (a first pass, `learn`); else the seed."""
    if args.registry_mode == "exact" and items.getNumPartitions() > 1:
        from pyspark import StorageLevel
        items.persist(StorageLevel.MEMORY_AND_DISK)
        learnt = items.mapPartitionsWithIndex(
            lambda p, it: ((p, line) for line in learn(p, it))).collect()
        by_part = {}
        for p, line in learnt:
            by_part.setdefault(p, []).append(line)
        taught = sc.broadcast(by_part)

        def prefix(p):
            lines = set(seed_lines())
            for q, ls in taught.value.items():
                if q < p:
                    lines.update(ls)
            return sorted(lines) or None

        return prefix
    return (lambda p: seed_lines() or None) if args.registry else None


def scratch_counters(sc):
    return (sc.accumulator(0), sc.accumulator(0), sc.accumulator(0))


def warc_records(sc, files, args, counters, seed_lines):
    """The records of WARC files: one partition per file, in file order."""
    per_file = [sc.binaryFiles(f, minPartitions=1) for f in files]
    items = sc.union(per_file) if len(per_file) > 1 else per_file[0]
    learn = make_warc_pipe(args.binary, args.max_bytes, scratch_counters(sc),
                           registry=lambda p: seed_lines() or None, learn_only=True)
    registry = registry_for(sc, args, items, learn, seed_lines)
    return items.mapPartitionsWithIndex(
        make_warc_pipe(args.binary, args.max_bytes, counters, registry=registry,
                       with_text=args.with_text)), items.getNumPartitions()


def jsonl_records(sc, files, args, counters, seed_lines):
    """The records of JSON lines files, in input order."""
    per_file = [sc.textFile(f, use_unicode=False) for f in files]
    base = sc.union(per_file) if len(per_file) > 1 else per_file[0]
    # stems[i]: (stem for made ids, name for messages) of file i
    stems = [(stem_of(f), f) for f in files]

    need_counts = not args.no_fill_ids or args.partitions > 0
    if need_counts:
        part_file = [i for i, r in enumerate(per_file) for _ in range(r.getNumPartitions())]
        counts = base.mapPartitions(lambda it: [sum(1 for _ in it)]).collect()
        starts, line_start, seen = [], [], {}
        total = 0
        for p, n in enumerate(counts):
            fi = part_file[p]
            starts.append(total)
            line_start.append(seen.get(fi, 0) + 1)
            seen[fi] = seen.get(fi, 0) + n
            total += n
        meta = sc.broadcast((part_file, starts, line_start))

        def tag(p, it):
            pf, st, ls = meta.value
            for k, line in enumerate(it):
                yield st[p] + k, (pf[p], ls[p] + k, line)

        tagged = base.mapPartitionsWithIndex(tag, preservesPartitioning=True)
        if args.partitions > 0 and args.partitions != base.getNumPartitions():
            # A range partition of the global line index: order is kept.
            n = args.partitions
            size = max(1, -(-total // n))
            tagged = tagged.partitionBy(n, lambda i: min(i // size, n - 1))
            tagged = tagged.mapPartitions(lambda it: sorted(it, key=lambda kv: kv[0]),
                                          preservesPartitioning=True)
        items = tagged.values()
        if args.no_fill_ids:
            items = items.map(lambda t: (None, None, t[2]))
    else:
        items = base.map(lambda line: (None, None, line))

    learn = make_pipe(args.binary, args.max_bytes, stems, scratch_counters(sc),
                      registry=lambda p: seed_lines() or None, learn_only=True)
    registry = registry_for(sc, args, items, learn, seed_lines)
    records = items.mapPartitionsWithIndex(
        make_pipe(args.binary, args.max_bytes, stems, counters, registry=registry,
                  with_text=args.with_text))
    return records, items.getNumPartitions()


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    from pyspark.sql import SparkSession
    from pyspark.sql import types as T

    spark = SparkSession.builder.appName("depeche-extract").getOrCreate()
    sc = spark.sparkContext
    files = list_inputs(sc, args.inputs)
    if not files:
        raise SystemExit("depeche_job: no input files")
    warcs = [f for f in files if is_warc_name(f)]
    lines = [f for f in files if not is_warc_name(f)]
    seed_lines = seed_reader(args.registry)
    counters = scratch_counters(sc)
    runs = []
    if lines:
        runs.append(jsonl_records(sc, lines, args, counters, seed_lines))
    if warcs:
        runs.append(warc_records(sc, warcs, args, counters, seed_lines))
    records = runs[0][0] if len(runs) == 1 else sc.union([r for r, _ in runs])
    partitions = sum(n for _, n in runs)

    if args.overwrite:
        delete_path(sc, args.output)
    if args.format == "jsonl":
        codec = {"none": None,
                 "gzip": "org.apache.hadoop.io.compress.GzipCodec",
                 "bzip2": "org.apache.hadoop.io.compress.BZip2Codec"}[args.compress]
        records.saveAsTextFile(args.output, compressionCodecClass=codec)
    else:
        schema = T.StructType([
            T.StructField("seq", T.LongType()),
            T.StructField("id", T.StringType()),
            T.StructField("lang", T.StringType()),
            T.StructField("published", T.StringType()),
            T.StructField("url", T.StringType()),
            T.StructField("outlet", T.StringType()),
            T.StructField("n_mentions", T.IntegerType()),
            T.StructField("n_entities", T.IntegerType()),
            T.StructField("n_events", T.IntegerType()),
            T.StructField("n_quotes", T.IntegerType()),
            T.StructField("record", T.StringType()),
        ])
        spark.createDataFrame(records.mapPartitionsWithIndex(parquet_rows), schema).write.parquet(args.output)

    lines, produced, rejected = (c.value for c in counters)
    print(f"depeche_job: {len(files)} input file(s), {partitions} partitions, "
          f"{lines} lines, {produced} records, {rejected} rejected -> {args.output} "
          f"({args.format}, registry {args.registry_mode})", file=sys.stderr)
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
