#!/usr/bin/python3
"""Read a `/usr/bin/time -v` report: prints JSON {wall_s, cpu_s, user_s, sys_s, peak_rss_kb, exit}."""
import json
import re
import sys

t = open(sys.argv[1]).read()
def num(label):
    m = re.search(re.escape(label) + r": (\S+)", t)
    return m.group(1) if m else None
w = num("Elapsed (wall clock) time (h:mm:ss or m:ss)").split(":")
wall = sum(float(x) * 60 ** i for i, x in enumerate(reversed(w)))
user, sys_ = float(num("User time (seconds)")), float(num("System time (seconds)"))
print(json.dumps({"wall_s": wall, "cpu_s": round(user + sys_, 2), "user_s": user, "sys_s": sys_,
                  "peak_rss_kb": int(num("Maximum resident set size (kbytes)")), "exit": int(num("Exit status"))}))
