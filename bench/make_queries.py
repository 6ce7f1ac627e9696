#!/usr/bin/python3
"""Make the latency query set: N title-word queries drawn deterministically from a JSON Lines corpus.

usage: make_queries.py CORPUS.jsonl[.gz] OUT.tsv [--n 200] [--seed 20240609] [--ndocs N] [--mix]

Each query takes 1, 2 or 3 words (chosen at random, in equal shares) of the title of a randomly chosen article
among the first NDOCS (default: all), in the title's order and case, as a reader would type them: only words of
letters, at least 3 of them long, not a French function word. Same corpus, N and seed: same file.
Writes qid<TAB>query lines (q001...). The file holds words of the corpus: keep it out of the repository.

--mix (issue 9's query mix): half such word queries (qids w001...), a quarter phrases (p001...: 2 or 3 words
that follow each other in a title, separated by spaces only, in double quotes) and a quarter date-filtered word
queries (d001...: 1 or 2 title words and `date:Y1..Y2`, a span of 1 to 3 years around the article's year). Both
depeche and floor-search read that syntax.
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


def phrases(title):
    """Runs of 2-3 words of letters (3 or more each) separated by spaces only, not starting or ending on a
    function word."""
    toks = [m for m in WORD.finditer(title) if len(m.group()) >= 3]
    out = []
    for i in range(len(toks)):
        for k in (2, 3):
            run = toks[i:i + k]
            if len(run) < k or any(title[a.end():b.start()].strip() for a, b in zip(run, run[1:])):
                continue
            if run[0].group().lower() in STOP or run[-1].group().lower() in STOP:
                continue
            out.append(" ".join(m.group() for m in run))
    return out


def word_query(rng, ws, most=3):
    k = min(rng.choice(range(1, most + 1)), len(ws))
    picks = sorted(rng.sample(range(len(ws)), k))
    return " ".join(ws[j] for j in picks)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus")
    ap.add_argument("out")
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--seed", type=int, default=20240609)
    ap.add_argument("--ndocs", type=int, default=0, help="draw from the first NDOCS articles only (0: all)")
    ap.add_argument("--mix", action="store_true", help="words, phrases and date-filtered queries")
    a = ap.parse_args()

    opener = gzip.open if a.corpus.endswith(".gz") else open
    articles = []  # (title words, title phrases, year or None)
    with opener(a.corpus, "rt", encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            if a.ndocs and len(articles) >= a.ndocs:
                break
            j = json.loads(line)
            title = j.get("title") or ""
            year = str(j.get("date") or "")[:4]
            articles.append((words(title), phrases(title) if a.mix else [], int(year) if year.isdigit() else None))

    if a.mix:
        wanted = {"w": a.n - 2 * (a.n // 4), "p": a.n // 4, "d": a.n // 4}
    else:
        wanted = {"q": a.n}
    rng = random.Random(a.seed)
    order = list(range(len(articles)))
    rng.shuffle(order)
    seen, queries = set(), {kind: [] for kind in wanted}
    for i in order:
        if all(len(queries[k]) == n for k, n in wanted.items()):
            break
        ws, ps, year = articles[i]
        kind = rng.choice(sorted(k for k, n in wanted.items() if len(queries[k]) < n)) if a.mix else "q"
        if kind == "p":
            if not ps:
                continue
            q = '"' + rng.choice(ps) + '"'
        elif kind == "d":
            if not ws or year is None:
                continue
            before = rng.choice((0, 1))
            q = f"{word_query(rng, ws, 2)} date:{year - before}..{year - before + rng.choice((0, 1, 2))}"
        else:
            if not ws:
                continue
            q = word_query(rng, ws)
        if q.lower() in seen:
            continue
        seen.add(q.lower())
        queries[kind].append(q)
    for kind, n in wanted.items():
        if len(queries[kind]) < n:
            raise SystemExit(f"make_queries: only {len(queries[kind])} distinct '{kind}' queries in {a.corpus}")
    with open(a.out, "w", encoding="utf-8") as out:
        for kind in wanted:
            for n, q in enumerate(queries[kind], 1):
                out.write(f"{kind}{n:03d}\t{q}\n")


if __name__ == "__main__":
    main()
