#!/usr/bin/python3
"""Turn `depeche-search --batch` output (one JSON line per query, in input order) into a TREC run.
usage: depeche_to_trec.py QUERIES.tsv BATCH_OUT.jsonl RUN_OUT [TAG]
QUERIES.tsv: qid<TAB>query, the file whose second column was given to --batch (blank queries excluded).
Checks that each answer echoes its query; a query error becomes an empty answer (reported on stderr)."""
import json
import sys

qpath, bpath, rpath = sys.argv[1:4]
tag = sys.argv[4] if len(sys.argv) > 4 else "depeche"
qs = [l.rstrip("\n").split("\t", 1) for l in open(qpath, encoding="utf-8") if l.strip()]
answers = [json.loads(l) for l in open(bpath, encoding="utf-8") if l.strip()]
if len(answers) != len(qs):
    sys.exit(f"depeche_to_trec: {len(qs)} queries but {len(answers)} answers in {bpath}")
errors = partial = empty = 0
with open(rpath, "w", encoding="utf-8") as out:
    for (qid, query), a in zip(qs, answers):
        if a.get("query") != query.strip() and a.get("query") != query:
            sys.exit(f"depeche_to_trec: answer for {qid} is for {a.get('query')!r}, not {query!r}")
        if a.get("status") == "error":
            errors += 1
            print(f"depeche_to_trec: {qid} {query!r}: {a.get('error')}", file=sys.stderr)
        partial += bool(a.get("partial"))
        hits = a.get("hits") or []
        empty += not hits
        for rank, h in enumerate(hits, 1):
            out.write(f"{qid} Q0 {h['id']} {rank} {h.get('score', 0.0):.6f} {tag}\n")
print(json.dumps({"queries": len(qs), "errors": errors, "partial": partial, "empty": empty}))
