#!/usr/bin/python3
"""Precision and recall of depeche's near-duplicate clusters over hand-labelled pairs (issue 33).

usage: bench/accuracy/clusters.py [--db DB] [--pairs TSV] [--corpus JSONL.GZ]
       bench/accuracy/clusters.py --draw [--db DB] [--corpus JSONL.GZ] [--seed N]

DB is a depeche database holding the whole news corpus. To build one
with the depeche of this tree (a first index of the 30,906 articles takes about 40 s on the 2-core machine):

    cmake -S . -B build -DCMAKE_BUILD_TYPE=Release && cmake --build build -j2
    build/indexer/depeche-index --db /tmp/depeche-clusters/db ../shared/data/corpus/news-fr.jsonl.gz
    bench/accuracy/clusters.py --db /tmp/depeche-clusters/db

depeche says "copy" for a pair when both articles (found by their id, the `Q` term) have the same
cluster key in value slot 7 (common/schema.h, kSlotCluster). A labelled pair is one of TSV's rows
(id_a, id_b, drawn, label, reason; `#` lines are comments); label is `copy` or `not-copy`
(../shared/decisions.md 5). Prints the confusion counts, precision and recall (over the pairs
labelled `copy`), the same per drawing stratum, and every pair depeche gets wrong, with the
titles read from CORPUS when it is there (titles are printed, never stored).
Exit status: 0 when the figures were printed, 2 on a usage error or an id missing from DB.

--draw prints the candidate pairs (id_a, id_b, drawn) of the sampling protocol in the header of
clusters.tsv, for another seed or a re-check; labels are added by reading, never by a program.
"""
import argparse
import collections
import gzip
import itertools
import json
import os
import random
import re
import sys

import xapian

SLOT_CLUSTER = 7  # common/schema.h kSlotCluster
PREFIX_ID = "Q"  # common/schema.h, the id field
HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CORPUS = os.path.normpath(os.path.join(HERE, "../../../shared/data/corpus/news-fr.jsonl.gz"))


def read_pairs(path):
    pairs = []
    for n, line in enumerate(open(path, encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        f = line.split("\t")
        if f[0] == "id_a":
            continue
        if len(f) != 5 or f[3] not in ("copy", "not-copy"):
            sys.exit(f"clusters.py: {path}:{n}: want id_a, id_b, drawn, copy|not-copy, reason")
        pairs.append(tuple(f))
    return pairs


def cluster_of(db, doc_id):
    term = PREFIX_ID + doc_id
    for p in db.postlist(term):
        return db.get_document(p.docid).get_value(SLOT_CLUSTER).decode()
    return None


def all_clusters(db):
    cl = {}
    for p in db.postlist(""):
        doc = db.get_document(p.docid)
        ids = [t.term.decode()[1:] for t in doc.termlist() if t.term.startswith(b"Q")]
        if ids:
            cl[ids[0]] = doc.get_value(SLOT_CLUSTER).decode()
    return cl


def read_corpus(path):
    docs = {}
    if path and os.path.exists(path):
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                docs[r["id"]] = r
    return docs


def ratio(a, b):
    return f"{a / b:.3f}" if b else "n/a"


def score(args):
    pairs = read_pairs(args.pairs)
    db = xapian.Database(args.db)
    titles = {i: r.get("title") or "" for i, r in read_corpus(args.corpus).items()}
    missing = []
    rows = []  # (pair, depeche_says_copy)
    for p in pairs:
        ca, cb = cluster_of(db, p[0]), cluster_of(db, p[1])
        if ca is None or cb is None:
            missing.append(p[0] if ca is None else p[1])
            continue
        rows.append((p, ca == cb))
    if missing:
        print(f"clusters.py: {len(missing)} ids not in {args.db}: {', '.join(missing[:5])}", file=sys.stderr)
        return 2

    def table(sel):
        tp = sum(1 for p, s in sel if s and p[3] == "copy")
        fp = sum(1 for p, s in sel if s and p[3] == "not-copy")
        fn = sum(1 for p, s in sel if not s and p[3] == "copy")
        tn = sum(1 for p, s in sel if not s and p[3] == "not-copy")
        return tp, fp, fn, tn

    print(f"database: {args.db} ({db.get_doccount()} articles)")
    print(f"pairs: {args.pairs} ({len(rows)} labelled pairs, "
          f"{sum(1 for p, _ in rows if p[3] == 'copy')} copies)")
    print()
    print("| drawn | pairs | copies | depeche copy | TP | FP | FN | TN | precision | recall |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    strata = sorted({p[2] for p, _ in rows})
    for name in strata + ["all"]:
        sel = [r for r in rows if name == "all" or r[0][2] == name]
        tp, fp, fn, tn = table(sel)
        print(f"| {name} | {len(sel)} | {tp + fn} | {tp + fp} | {tp} | {fp} | {fn} | {tn} | "
              f"{ratio(tp, tp + fp)} | {ratio(tp, tp + fn)} |")
    for kind, want in (("false copies (depeche collapses, the reader says not-copy)", "not-copy"),
                       ("missed copies (the reader says copy, depeche keeps apart)", "copy")):
        wrong = [p for p, s in rows if s == (want == "not-copy") and p[3] == want]
        print(f"\n{kind}: {len(wrong)}")
        for p in wrong:
            ta, tb = titles.get(p[0], ""), titles.get(p[1], "")
            print(f"- {p[0]} {p[1]} [{p[2]}] {p[4]}")
            if ta or tb:
                print(f"    {ta[:70]} | {tb[:70]}")
    return 0


def draw(args):
    """The sampling protocol of clusters.tsv: candidate pairs, three strata, one seed."""
    db = xapian.Database(args.db)
    docs = read_corpus(args.corpus)
    if not docs:
        sys.exit(f"clusters.py: --draw needs the corpus ({args.corpus})")
    cl = all_clusters(db)
    rng = random.Random(args.seed)
    pairs, seen = [], set()

    def add(a, b, how):
        a, b = sorted((a, b))
        if (a, b) in seen:
            return False
        seen.add((a, b))
        pairs.append((a, b, how))
        return True

    # 1. depeche's clusters: one random pair from each of 30 random clusters, and 3 more from each of the two biggest.
    members = collections.defaultdict(list)
    for i, c in cl.items():
        members[c].append(i)
    multi = sorted((sorted(v) for v in members.values() if len(v) > 1), key=lambda v: (-len(v), v[0]))
    for v in rng.sample(multi, 30):
        add(*rng.sample(v, 2), "cluster")
    for v in multi[:2]:
        n = 0
        while n < 3:
            n += add(*rng.sample(v, 2), "cluster")
    # 2. a title published under two URLs: one random pair for each of 36 random such titles.
    bytitle = collections.defaultdict(list)
    for i in sorted(docs):
        bytitle[docs[i]["title"]].append(i)
    titles = sorted(t for t, v in bytitle.items() if len(v) > 1)
    n = 0
    for t in rng.sample(titles, len(titles)):
        n += add(*rng.sample(bytitle[t], 2), "title")
        if n == 36:
            break
    # 3. Jaccard of the bodies' word sets >= 0.5, not in one depeche cluster. Candidates: pairs sharing
    # two of their ten rarest words (document frequency 2-200). Cartoon-cartoon pairs ("Vu par…",
    # 2/3 of all) are capped at 4; then 14 with a body under 1,000 characters and 18 longer.
    ids = sorted(docs)
    words = {i: set(re.findall(r"\w+", docs[i]["body"].lower())) for i in ids}
    df = collections.Counter(w for s in words.values() for w in s)
    post = collections.defaultdict(list)
    for i in ids:
        for w in sorted((w for w in words[i] if 2 <= df[w] <= 200), key=lambda w: (df[w], w))[:10]:
            post[w].append(i)
    co = collections.Counter()
    for l in post.values():
        if len(l) <= 200:
            co.update(itertools.combinations(sorted(l), 2))
    ov = sorted((a, b) for (a, b), c in co.items()
                if c >= 2 and cl.get(a) != cl.get(b) and words[a] and words[b]
                and len(words[a] & words[b]) / len(words[a] | words[b]) >= 0.5)
    vu = lambda i: docs[i]["title"].startswith("Vu par")
    cart = [p for p in ov if vu(p[0]) and vu(p[1])]
    rest = [p for p in ov if not (vu(p[0]) and vu(p[1]))]
    short = [p for p in rest if min(len(docs[p[0]]["body"]), len(docs[p[1]]["body"])) < 1000]
    shortset = set(short)
    longer = [p for p in rest if p not in shortset]
    for pool, k in ((cart, 4), (short, 14), (longer, 18)):
        n = 0
        for p in rng.sample(pool, len(pool)):
            n += add(*p, "overlap")
            if n == k:
                break
    for a, b, how in pairs:
        print(f"{a}\t{b}\t{how}")
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True, help="depeche database of the news corpus (see above to build one)")
    ap.add_argument("--pairs", default=os.path.join(HERE, "clusters.tsv"), help="labelled pairs (default: beside this script)")
    ap.add_argument("--corpus", default=DEFAULT_CORPUS, help="the news corpus, for titles and --draw")
    ap.add_argument("--draw", action="store_true", help="print the candidate pairs of the sampling protocol")
    ap.add_argument("--seed", type=int, default=33, help="--draw's seed (clusters.tsv used 33)")
    args = ap.parse_args()
    if not os.path.isdir(args.db):
        print(f"clusters.py: no database at {args.db} (see --help to build one)", file=sys.stderr)
        return 2
    return draw(args) if args.draw else score(args)


if __name__ == "__main__":
    sys.exit(main())
