#!/usr/bin/python3
"""Precision and recall of depeche's country facet on a hand-labelled sample (issue 33).

Reads bench/accuracy/countries.tsv (the labels: one line per article and country, read by hand; see its
header for the rules), reads the country values depeche stored for each sampled article (value slot
kSlotCountries of common/schema.h, '\\n'-terminated names, found through the article's Q id term) and prints
precision and recall over (article, country) pairs, then every false positive and every miss, so that a
developer sees what to fix.

    bench/accuracy/countries.py --db news.db      # a database of the news corpus
    bench/accuracy/countries.py --index-bin build/indexer/depeche-index   # indexes the corpus into a temp dir

Standard library and python3-xapian only (/usr/bin/python3: a pyenv python3 may lack the module).
Exit status: 0 when scored, 1 when an article of the sample is not in the database, 2 on a usage error.
"""

import argparse
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DEFAULT_LABELS = os.path.join(HERE, "countries.tsv")
DEFAULT_CORPUS = os.path.normpath(os.path.join(ROOT, "..", "shared", "data", "corpus", "news-fr.jsonl.gz"))
SLOT_COUNTRIES = 6  # common/schema.h, kSlotCountries

# depeche's value (ICU's French name) -> the sample's canonical name, where they differ. A value not listed
# here is compared as it is (after folding the apostrophe).
ALIASES = {
    "Congo-Kinshasa": "République démocratique du Congo",
    "RDC": "République démocratique du Congo",
    "Congo-Brazzaville": "Congo",
    "République centrafricaine": "Centrafrique",
    "Myanmar (Birmanie)": "Birmanie",
    "Myanmar": "Birmanie",
    "Territoires palestiniens": "Palestine",
    "R.A.S. chinoise de Hong Kong": "Hong Kong",
    "R.A.S. chinoise de Macao": "Macao",
    "Cité du Vatican": "Vatican",
    "État de la Cité du Vatican": "Vatican",
    "Saint-Siège (État de la Cité du Vatican)": "Vatican",
    "Saint-Siège": "Vatican",
    "Vietnam": "Viêt Nam",
    "République tchèque": "Tchéquie",
    "Bélarus": "Biélorussie",
    "Guyane française": "Guyane",
    "Îles Féroé": "Îles Féroé",
    "Swaziland": "Eswatini",
    "Timor-Leste": "Timor oriental",
}

# Values that are not sovereign states (the sample's "territory" kind); --scope states drops them on both sides.
TERRITORIES = {
    "Hong Kong", "Macao", "Groenland", "Porto Rico", "Nouvelle-Calédonie", "Polynésie française", "Guadeloupe",
    "Martinique", "La Réunion", "Mayotte", "Guyane", "Sahara occidental", "Gibraltar", "Jersey", "Guernesey",
    "Saint-Martin", "Saint-Barthélemy", "Saint-Pierre-et-Miquelon", "Wallis-et-Futuna", "Antarctique",
    "Bermudes", "Îles Féroé", "Guam", "Montserrat", "Anguilla", "Sainte-Hélène", "Ceuta et Melilla", "Niue",
    "Îles Vierges britanniques", "Terres australes françaises", "Diego Garcia", "Île Christmas", "Aruba",
    "Curaçao", "Îles Caïmans", "Îles Cook", "Île de Man",
}


def canonical(value):
    value = value.strip().replace("\u2019", "'")
    return ALIASES.get(value, value)


def read_labels(path):
    """Returns (article ids in file order, {(id, country): row}, historical rows)."""
    ids, pairs, historical = [], {}, []
    with open(path, encoding="utf-8") as f:
        header = None
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            if header is None:
                header = cols
                continue
            if len(cols) != len(header):
                sys.exit(f"{path}:{n}: {len(cols)} columns, expected {len(header)}")
            row = dict(zip(header, cols))
            if row["id"] not in ids:
                ids.append(row["id"])
            if not row["country"]:
                continue
            if row["kind"] == "historical":
                historical.append(row)
                continue
            pairs[(row["id"], canonical(row["country"]))] = row
    return ids, pairs, historical


def index_corpus(index_bin, corpus, workdir):
    db = os.path.join(workdir, "db")
    print(f"indexing {corpus} with {index_bin} into {db} ...", file=sys.stderr)
    res = subprocess.run([index_bin, "--db", db, corpus], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                         text=True)
    if res.returncode not in (0, 4):
        sys.exit(f"{index_bin} exited {res.returncode}: {res.stderr.strip()[:2000]}")
    return db


def read_values(dbs, ids, slot):
    try:
        import xapian
    except ImportError:
        sys.exit("python3-xapian is missing (apt-get install python3-xapian; run with /usr/bin/python3)")
    db = xapian.Database()
    for path in dbs:
        db.add_database(xapian.Database(path))
    found, missing = {}, []
    for aid in ids:
        post = list(db.postlist("Q" + aid))
        if not post:
            missing.append(aid)
            continue
        raw = db.get_document(post[0].docid).get_value(slot).decode("utf-8")
        found[aid] = [v for v in raw.split("\n") if v.strip()]
    return found, missing


def fold(text):
    return "".join(unicodedata.normalize("NFD", c)[0] for c in text).replace("\u2019", "'")


def read_corpus(corpus, ids):
    wanted, articles = set(ids), {}
    if not corpus or not os.path.exists(corpus):
        return articles
    with gzip.open(corpus, "rt", encoding="utf-8") if corpus.endswith(".gz") else open(corpus, encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            if rec.get("id") in wanted:
                articles[rec["id"]] = rec
    return articles


def where_named(article, names):
    """The first place one of `names` occurs in the article, as 'field: up to 8 words', or ''."""
    if not article:
        return ""
    for field, key in (("title", "title"), ("standfirst", "description"), ("body", "body")):
        text = article.get(key) or ""
        folded = fold(text)
        for name in names:
            pattern = r"(?<!\w)" + re.escape(fold(name)) + r"(?!\w)"
            m = re.search(pattern, folded) or re.search(pattern, folded, re.IGNORECASE)
            if m:
                start = re.search(r"(?:\S+\s+){0,3}\S*$", text[:m.start()]).start()
                end = m.end() + re.match(r"\S*(?:\s+\S+){0,3}", text[m.end():]).end()
                return f"{field}: " + " ".join(text[start:end].split())
    return ""


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", action="append", help="depeche database of the news corpus (repeat for shards)")
    ap.add_argument("--index-bin", default=os.path.join(ROOT, "build", "indexer", "depeche-index"),
                    help="depeche-index used to index --corpus into a temporary folder when --db is not given")
    ap.add_argument("--corpus", default=DEFAULT_CORPUS, help="the news corpus (also used to show where a false "
                    "positive's name occurs)")
    ap.add_argument("--labels", default=DEFAULT_LABELS)
    ap.add_argument("--slot", type=int, default=SLOT_COUNTRIES, help="value slot of the countries")
    ap.add_argument("--scope", choices=("all", "states"), default="all",
                    help="all: states and territories (default); states: sovereign states only, both sides")
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = ap.parse_args()

    ids, gold, historical = read_labels(args.labels)
    tmp = None
    try:
        if args.db:
            dbs = args.db
        else:
            if not os.access(args.index_bin, os.X_OK):
                ap.error(f"no --db and {args.index_bin} is not executable")
            tmp = tempfile.mkdtemp(prefix="countries-")
            dbs = [index_corpus(args.index_bin, args.corpus, tmp)]
        values, missing = read_values(dbs, ids, args.slot)
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    if missing:
        print(f"{len(missing)} sampled articles are not in the database: {' '.join(missing[:10])}", file=sys.stderr)

    def in_scope(country):
        return args.scope == "all" or country not in TERRITORIES

    gold = {k: v for k, v in gold.items() if in_scope(k[1]) and k[0] not in missing}
    predicted = {(aid, canonical(v)) for aid, vs in values.items() for v in vs if in_scope(canonical(v))}
    tp = predicted & gold.keys()
    fp = sorted(predicted - gold.keys(), key=lambda p: (ids.index(p[0]), p[1]))
    fn = sorted(gold.keys() - predicted, key=lambda p: (ids.index(p[0]), p[1]))
    precision = len(tp) / len(predicted) if predicted else 0.0
    recall = len(tp) / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    scored = len(ids) - len(missing)

    if args.json:
        print(json.dumps({"articles": scored, "gold_pairs": len(gold), "predicted_pairs": len(predicted),
                          "true_positives": len(tp), "precision": round(precision, 4), "recall": round(recall, 4),
                          "f1": round(f1, 4), "false_positives": [list(p) for p in fp],
                          "misses": [list(p) for p in fn]}, ensure_ascii=False))
        return 1 if missing else 0

    print(f"articles {scored}  labelled pairs {len(gold)}  depeche pairs {len(predicted)}  correct {len(tp)}"
          f"  (scope {args.scope}; {len(historical)} historical states listed in the sample, not scored)")
    print(f"precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}   (issue 33 target: precision >= 0.95, "
          f"recall >= 0.90)")
    articles = read_corpus(args.corpus, [p[0] for p in fp]) if fp else {}
    print(f"\nfalse positives ({len(fp)}): id, depeche's value, where the article has that name")
    for aid, country in fp:
        raw = [v for v in values[aid] if canonical(v) == country]
        print(f"  {aid}\t{country}\t{where_named(articles.get(aid), raw + [country]) or '(name not found)'}")
    print(f"\nmisses ({len(fn)}): id, country, the form the article uses, where, context")
    for aid, country in fn:
        row = gold[(aid, country)]
        print(f"  {aid}\t{country}\t{row['surface']}\t{row['where']}\t{row['context']}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
