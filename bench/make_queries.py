#!/usr/bin/python3
"""Make the latency query set: N title-word queries drawn deterministically from a JSON Lines corpus.

usage: make_queries.py CORPUS.jsonl[.gz] OUT.tsv [--n 200] [--seed 20240609] [--ndocs N]

Each query takes 1, 2 or 3 words (chosen at random, in equal shares) of the title of a randomly chosen article
among the first NDOCS (default: all), in the title's order and case, as a reader would type them: only words of
letters, at least 3 of them long, not a French function word. Same corpus, N and seed: same file.
Writes qid<TAB>query lines (q001...). The file holds words of the corpus: keep it out of the repository.
"""
import argparse
import gzip
import json
import random
import re

# Function words a reader would not type as a search (small fixed list; not tuned on anything).
STOP = set("""
les des une du de la le un et en au aux ou où par pour sur dans avec sans sous chez vers entre contre après avant
est sont été être fait ont qui que quoi dont mais donc car pas plus moins très tout tous toute toutes son sa ses
leur leurs notre nos votre vos ce cet cette ces il ils elle elles on nous vous je tu se ne ni si comme aussi encore
the and for with from that this
""".split())
WORD = re.compile(r"[^\W\d_]+")


def words(title):
    return [w for w in WORD.findall(title) if len(w) >= 3 and w.lower() not in STOP]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus")
    ap.add_argument("out")
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--seed", type=int, default=20240609)
    ap.add_argument("--ndocs", type=int, default=0, help="draw from the first NDOCS articles only (0: all)")
    a = ap.parse_args()

    opener = gzip.open if a.corpus.endswith(".gz") else open
    titles = []
    with opener(a.corpus, "rt", encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            if a.ndocs and len(titles) >= a.ndocs:
                break
            title = json.loads(line).get("title") or ""
            titles.append(words(title))

    rng = random.Random(a.seed)
    order = list(range(len(titles)))
    rng.shuffle(order)
    seen, queries = set(), []
    for i in order:
        if len(queries) == a.n:
            break
        ws = titles[i]
        if not ws:
            continue
        k = min(rng.choice((1, 2, 3)), len(ws))
        picks = sorted(rng.sample(range(len(ws)), k))
        q = " ".join(ws[j] for j in picks)
        if q.lower() in seen:
            continue
        seen.add(q.lower())
        queries.append(q)
    if len(queries) < a.n:
        raise SystemExit(f"make_queries: only {len(queries)} distinct queries in {a.corpus}")
    with open(a.out, "w", encoding="utf-8") as out:
        for n, q in enumerate(queries, 1):
            out.write(f"q{n:03d}\t{q}\n")


if __name__ == "__main__":
    main()
