#!/usr/bin/python3
"""Markdown tables for bench/run from the files it leaves in its work folder.
usage: report_run.py RUN_DIR HAVE_LUCENE(0|1) BATCH_REPEAT"""
import json
import os
import sys

from bench_report import MB, RunDir, fmt, noop_sentence, ratio

D, have_lucene, repeat = sys.argv[1], sys.argv[2] == "1", int(sys.argv[3])
run = RunDir(D)
load, gtime, read = run.load, run.gtime, run.read
floor_ix = load("floor-index.json")
ndocs = floor_ix["ndocs"]
input_mb = floor_ix["input_bytes"] / MB

# ---- indexing --------------------------------------------------------------------------------------------
dep_t, dep_sum = gtime("depeche-index.time"), load("depeche-index.json")
noop_t = gtime("depeche-noop.time")
flo_t = gtime("floor-index.time")
cols = {
    "depeche": dict(wall=dep_t["wall_s"], cpu=dep_t["cpu_s"], rss=dep_t["peak_rss_kb"] / 1024,
                    size=int(read("depeche.bytes")) / MB, compact=int(read("depeche-compact.bytes")) / MB),
    "floor": dict(wall=flo_t["wall_s"], cpu=flo_t["cpu_s"], rss=flo_t["peak_rss_kb"] / 1024,
                  size=int(read("floor.bytes")) / MB, compact=int(read("floor-compact.bytes")) / MB),
}
lucene_note = ""
if have_lucene:
    lj, ld = load("lucene/lucene.json"), load("lucene/lucene.detail.json")
    lt = gtime("lucene-index.time")
    cols["Lucene"] = dict(wall=ld["index_process_wall_s"], cpu=lt["cpu_s"], rss=ld["index_peak_rss_kb"] / 1024,
                          size=lj["index_bytes"] / MB, compact=None)
    lucene_note = (f" Lucene: whole JVM wall (in-process index_s {ld['index_s']:.1f} s), {ld['segments']} segments, "
                   f"not force-merged; its peak RSS is the indexing JVM's (-Xmx2g).")
else:
    cols["Lucene"] = dict(wall=None, cpu=None, rss=None, size=None, compact=None)
for c in cols.values():
    c["aps"] = ndocs / c["wall"] if c["wall"] else None
    c["mbps"] = input_mb / c["wall"] if c["wall"] else None

rows = [("wall s", "wall"), ("articles/s", "aps"), ("MB/s (uncompressed JSONL)", "mbps"), ("CPU s (user+sys)", "cpu"),
        ("peak RSS MB", "rss"), ("database MB (as left by the indexer)", "size"), ("database MB after xapian-compact", "compact")]
out = []
out.append(f"### Indexing: {ndocs:,} articles, {input_mb:.1f} MB of JSON Lines "
           f"({floor_ix['text_bytes'] / MB:.1f} MB of title + body)")
out.append("")
out.append("| | depeche | floor | Lucene | depeche ÷ floor | depeche ÷ Lucene |")
out.append("|---|---|---|---|---|---|")
for label, k in rows:
    d, f, l = cols["depeche"][k], cols["floor"][k], cols["Lucene"][k]
    out.append(f"| {label} | {fmt(d)} | {fmt(f)} | {fmt(l)} | {ratio(d, f)} | {ratio(d, l)} |")
noop_ratio_f = ratio(noop_t["wall_s"], cols["floor"]["wall"])
noop_ratio_l = ratio(noop_t["wall_s"], cols["Lucene"]["wall"])
out.append(f"| no-op reindex wall s (depeche only; ratio to the others' full index) | {fmt(noop_t['wall_s'])} | | | "
           f"{noop_ratio_f} | {noop_ratio_l} |")
out.append("")
out.append(f"depeche-index summary: {json.dumps(dep_sum)}; {noop_sentence(run)}. "
           f"Floor in-process time {floor_ix['index_s']:.1f} s. xapian-compact took {gtime('floor-compact.time')['wall_s']:.1f} s "
           f"(floor) and {gtime('depeche-compact.time')['wall_s']:.1f} s (depeche).{lucene_note} "
           f"Ratios are depeche ÷ peer: above 1 is slower or bigger for times and sizes, below 1 is slower for "
           f"articles/s and MB/s.")
out.append("")

# ---- queries ---------------------------------------------------------------------------------------------
fs = load("floor-search.json")
lq = load("lucene/lucene.detail.json") if have_lucene else {}
nq = fs["nqueries"]


def peer(prefix, src):
    if not src:
        return dict(p50=None, p95=None, p99=None, mean=None)
    return dict(p50=src[prefix + "p50_ms"], p95=src[prefix + "p95_ms"], p99=src[prefix + "p99_ms"],
                mean=src[prefix + "mean_ms"])


def clock(v):
    c = load(f"depeche-{v}.clock.json")
    return dict(p50=c["p50_ms"], p95=c["p95_ms"], p99=c["p99_ms"], mean=c["mean_ms"])


def hits_summary(v):
    n_hits = empty = partial = 0
    with open(os.path.join(D, f"depeche-{v}.jsonl"), encoding="utf-8") as f:
        lines = [json.loads(l) for l in f if l.strip()][:nq]
    for a in lines:
        empty += not a.get("hits")
        partial += bool(a.get("partial"))
    return f"{empty} empty, {partial} partial"


floor_plain, floor_facet = peer("query_", fs), peer("facet_query_", fs)
luc_plain, luc_facet = peer("query_", lq), peer("facet_query_", lq)
variants = [
    ("default", "depeche `--batch` (words ANDed, JSON, snippets)", floor_plain, luc_plain),
    ("nosnippets", "depeche `--batch --no-snippets`", floor_plain, luc_plain),
    ("any", "depeche `--batch --any` (OR, like the floor and Lucene)", floor_plain, luc_plain),
    ("facet", "depeche `--batch --facet section`", floor_facet, luc_facet),
]
out.append(f"### Queries: {nq} title-word queries, latency per query in ms (1 untimed pass, then best of 3)")
out.append("")
out.append("| | p50 | p95 | p99 | mean | p50 ÷ floor | p99 ÷ floor | p50 ÷ Lucene | p99 ÷ Lucene | mean ÷ Lucene |")
out.append("|---|---|---|---|---|---|---|---|---|---|")


def row(label, r, fl=None, lu=None):
    cells = [fmt(r[k], 3) for k in ("p50", "p95", "p99", "mean")]
    if fl is None:
        cells += [""] * 5
    else:
        cells += [ratio(r["p50"], fl["p50"]), ratio(r["p99"], fl["p99"]), ratio(r["p50"], lu["p50"]),
                  ratio(r["p99"], lu["p99"]), ratio(r["mean"], lu["mean"])]
    out.append(f"| {label} | " + " | ".join(cells) + " |")


row("floor (QueryParser OR, BM25, top 10)", floor_plain)
row("Lucene (OR, BM25, top 10)", luc_plain)
for v, label, fl, lu in variants[:3]:
    row(label, clock(v), fl, lu)
row("floor + section counts (ValueCountMatchSpy, all matches)", floor_facet)
row("Lucene + section facet counts", luc_facet)
v, label, fl, lu = variants[3]
row(label, clock(v), fl, lu)
out.append("")
out.append("depeche's per-query times are stamped inside the `--batch` process by `bench/clock/liblinestamp.so` "
           "(depeche-search prints no timing of its own): from the end of one answer to the end of the next, so "
           "they include reading the line, parsing, searching, snippets and JSON printing; the floor and Lucene "
           "time parse + search + fetching the 10 ids in process. Facet rows are compared with the peers' facet rows. "
           "Answers (first pass): " + "; ".join(f"{v}: {hits_summary(v)}" for v, *_ in variants) + ".")
out.append("")

out.append(f"### Queries: whole `--batch` runs ({repeat} passes of the {nq} queries, {repeat * nq} queries, one process, best of 3)")
out.append("")
out.append("| | wall s | mean ms per query | CPU ms per query | queries/s | peak RSS MB | mean ÷ floor mean | mean ÷ Lucene mean |")
out.append("|---|---|---|---|---|---|---|---|")
batches = [(f"depeche-{v}.batch.time", label + ", `--jobs 1`", fl, lu) for v, label, fl, lu in variants]
batches.append(("depeche-parallel.batch.time", f"depeche `--batch`, `--jobs` by default ({os.cpu_count()} threads, one per core)",
                floor_plain, luc_plain))
for name, label, fl, lu in batches:
    t = gtime(name)
    mean = t["wall_s"] * 1000 / (repeat * nq)
    out.append(f"| {label} | {fmt(t['wall_s'])} | {fmt(mean, 3)} | {fmt(t['cpu_s'] * 1000 / (repeat * nq), 3)} | {fmt(1000 / mean, 0)} | "
               f"{fmt(t['peak_rss_kb'] / 1024)} | {ratio(mean, fl['mean'])} | {ratio(mean, lu['mean'])} |")
out.append("")
out.append("Mean per query = the batch process's wall time (start-up, opening the database and output included) "
           "÷ the number of queries (CPU: its user + system time ÷ the same, less sensitive to other processes); the floor's and Lucene's means are their best-of-3 in-process means above "
           "(the facet row against their facet means), measured on one thread: the last row answers on every core.")

steps = ["depeche-index", "depeche-noop", "floor-index", "lucene", "floor-search"] + \
        [f"depeche-{v}.{k}" for v, *_ in variants for k in ("clock", "batch")] + ["depeche-parallel.batch"]
out.append("")
out.append(run.noise(steps))
print("\n".join(out))
