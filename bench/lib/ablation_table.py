#!/usr/bin/python3
"""bench/ablation's table: score.py's rows (stdin) with each variant's change and search time beside them.
usage: score.py SET RUN... | ablation_table.py TIMINGS.jsonl "name|settings|what it changes"..."""
import json
import sys

timings = {t["variant"]: t for t in map(json.loads, open(sys.argv[1])) if t}
variants = [v.split("|", 2) for v in sys.argv[2:]]
rows = {}
header = None
for line in sys.stdin:
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    if cells[0] == "run":
        header = cells[1:]
    elif cells[0].endswith(".run"):
        rows[cells[0][:-4]] = cells[1:]
print("| variant | change | " + " | ".join(header) + " | p50 ms | p99 ms |")
print("|---" * (len(header) + 4) + "|")
for name, _, change in variants:
    t = timings.get(name, {})
    print(f"| {name} | {change} | " + " | ".join(rows[name]) + f" | {t.get('p50_ms', 0):.2f} | {t.get('p99_ms', 0):.2f} |")
