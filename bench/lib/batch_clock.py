#!/usr/bin/python3
"""Per-query latency of `depeche-search --batch`, stamped inside the process by ../clock/liblinestamp.so.

usage: batch_clock.py QUERIES.tsv OUT.json --stamper LIBLINESTAMP.so [--warmup 1] [--passes 3]
                      [--save ANSWERS.jsonl] -- COMMAND...

depeche-search --batch prints one JSON line per query but no timing. This runs `COMMAND --batch FILE`, FILE holding
the queries (second column of QUERIES.tsv) WARMUP + PASSES times over, with LD_PRELOAD=liblinestamp.so, which
records the moment each answer's newline is handed to stdout. The latency of query i is the time between the end
of answer i-1 and the end of answer i: reading its line, parsing, searching, snippets, building and printing the
JSON, in the one long-lived process, as a script calling --batch gets it. The first answer also carries process
start-up and is in the warm-up pass. Like the Lucene peer and the floor: warm-up passes untimed, then best of
PASSES per query, nearest-rank percentiles.

Writes OUT.json: p50_ms, p95_ms, p99_ms, mean_ms, max_ms (best-of-passes per query), all_mean_ms (mean of every
timed answer, not best-of), first_ms (start-up + first query), wall_s, errors (answers with status "error"),
slowest (the 10 slowest queries with their best time), best_ms ({qid: best time}, for figures per kind of query).
"""
import json
import os
import subprocess
import sys
import tempfile
import time

from bench_report import pct


def main():
    argv = sys.argv[1:]
    if "--" not in argv:
        sys.exit(__doc__)
    cmd = argv[argv.index("--") + 1:]
    opts = argv[:argv.index("--")]
    qpath, outpath = opts[0], opts[1]
    warm, passes, save, stamper = 1, 3, None, None
    rest = opts[2:]
    while rest:
        k, v, rest = rest[0], rest[1], rest[2:]
        if k == "--warmup":
            warm = int(v)
        elif k == "--passes":
            passes = int(v)
        elif k == "--save":
            save = v
        elif k == "--stamper":
            stamper = os.path.abspath(v)
        else:
            sys.exit(f"batch_clock: unknown option {k}")

    if not stamper or not os.path.exists(stamper):
        sys.exit("batch_clock: --stamper LIBLINESTAMP.so is required (built from bench/clock)")
    rows = [l.rstrip("\n").split("\t", 1) for l in open(qpath, encoding="utf-8") if l.strip()]
    qids, queries = [r[0] for r in rows], [r[1] for r in rows]
    nq = len(queries)
    total = nq * (warm + passes)
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".batch", delete=False) as f:
        for _ in range(warm + passes):
            for q in queries:
                f.write(q + "\n")
        batch = f.name
    fd, stamp_path = tempfile.mkstemp(suffix=".stamps")
    os.close(fd)
    answers = save or (batch + ".answers")
    try:
        env = dict(os.environ, LD_PRELOAD=stamper, LINESTAMP_OUT=stamp_path)
        t0 = time.perf_counter_ns()
        with open(answers, "wb") as out:
            rc = subprocess.run(cmd + ["--batch", batch], stdout=out, env=env).returncode
        wall = (time.perf_counter_ns() - t0) / 1e9
        if rc != 0:
            sys.exit(f"batch_clock: {' '.join(cmd)} exited {rc}")
        stamps = [int(x) for x in open(stamp_path) if x.strip()]
        lines = [l for l in open(answers, encoding="utf-8") if l.strip()]
        errors = sum(json.loads(l).get("status") == "error" for l in lines)
    finally:
        os.unlink(batch)
        os.unlink(stamp_path)
        if save is None and os.path.exists(answers):
            os.unlink(answers)
    if len(lines) != total or len(stamps) != total + 1:
        sys.exit(f"batch_clock: expected {total} answers and stamps, got {len(lines)} and {len(stamps) - 1}")

    intervals = [(stamps[i + 1] - stamps[i]) / 1e6 for i in range(total)]
    best = [min(intervals[(warm + p) * nq + i] for p in range(passes)) for i in range(nq)]
    timed = intervals[warm * nq:]
    s = sorted(best)
    out = {
        "nqueries": nq, "warmup_passes": warm, "passes": passes,
        "p50_ms": pct(s, .50), "p95_ms": pct(s, .95), "p99_ms": pct(s, .99),
        "mean_ms": sum(s) / nq, "max_ms": s[-1],
        "all_mean_ms": sum(timed) / len(timed), "first_ms": intervals[0], "wall_s": wall, "errors": errors,
        "command": " ".join(cmd),
        "slowest": sorted(([round(best[i], 3), queries[i]] for i in range(nq)), reverse=True)[:10],
        "best_ms": {qids[i]: best[i] for i in range(nq)},
    }
    with open(outpath, "w") as f:
        json.dump(out, f, indent=1)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
