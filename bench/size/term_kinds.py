#!/usr/bin/python3
"""Where a depeche database's bytes go: its tables, each kind of term and each value slot (issue 35).

usage: bench/size/term_kinds.py DB [--markdown]

DB is a depeche database folder (one glass database). Prints each table's file size, then, for each
kind of term (named after its prefix in common/schema.h, which this script reads so that it never
repeats a prefix), the number of distinct terms, postings (documents per term, summed), positions
(within-document frequencies of the positional kinds, summed) and bytes of term names, and, for
each value slot, the bytes of its values. Xapian does not say how many bytes of a table each term
takes: the counts are what a cut would remove (a posting costs a docid delta and a wdf, about 2
bytes, a position about 1 byte, a distinct term its name and a few bytes in two B-trees).
Exit status: 0 when printed, 2 on a usage error.
"""
import collections
import os
import re
import sys

import xapian

HERE = os.path.dirname(os.path.abspath(__file__))
SCHEMA = os.path.normpath(os.path.join(HERE, "../../common/schema.h"))


def schema_prefixes():
    """{prefix: kind name}: the field table's rows and the kPrefix constants, with the stem
    prefixes (Z, XZ) composed with each field prefix, as DocumentBuilder composes them."""
    text = open(SCHEMA, encoding="utf-8").read()
    kinds = {}
    fields = re.findall(r'\{"(\w+)", "([A-Z]+)", FieldKind::(\w+)', text)
    for name, prefix, kind in fields:
        kinds[prefix] = "field " + name
    constants = dict((p, n) for n, p in re.findall(r'constexpr std::string_view (kPrefix\w+|k\w+Term) = "([A-Z]+)"', text))
    for prefix, name in constants.items():
        kinds.setdefault(prefix, name)
    for stem, stem_name in (("Z", "stem"), ("XZ", "sentence-start stem")):
        for name, prefix, kind in fields:
            if kind == "kFreeText":
                kinds.setdefault(stem + prefix, stem_name + " of " + name)
    return kinds


def kind_of(term, prefixes, longest_first):
    if not term or not ("A" <= term[0] <= "Z"):
        return "words (unprefixed)"
    for p in longest_first:
        if term.startswith(p):
            rest = term[len(p):]
            # A field prefix is followed by its value; when the value itself begins with a capital,
            # Xapian's convention puts ":" between them.
            if not rest or not ("A" <= rest[0] <= "Z") or p == term[: len(term)]:
                return prefixes[p]
    return "other " + term[:1]


def main(argv):
    if len(argv) < 2 or argv[1] in ("-h", "--help"):
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    path = argv[1]
    try:
        db = xapian.Database(path)
    except xapian.Error as e:
        print(f"term_kinds.py: {path}: {e.get_msg()}", file=sys.stderr)
        return 2
    prefixes = schema_prefixes()
    longest_first = sorted(prefixes, key=len, reverse=True)
    stats = collections.defaultdict(lambda: [0, 0, 0, 0])  # terms, postings, wdf sum, name bytes
    for t in db.allterms():
        term = t.term.decode("utf-8", "replace")
        s = stats[kind_of(term, prefixes, longest_first)]
        s[0] += 1
        s[1] += t.termfreq
        s[2] += db.get_collection_freq(t.term)
        s[3] += len(t.term)
    docs = db.get_doccount()
    print(f"database: {path}, {docs} articles")
    print()
    print("| table | bytes | MB |")
    print("|---|---|---|")
    total = 0
    for name in sorted(os.listdir(path)):
        if name.endswith(".glass"):
            size = os.path.getsize(os.path.join(path, name))
            total += size
            print(f"| {name[:-6]} | {size} | {size / 1e6:.1f} |")
    print(f"| all | {total} | {total / 1e6:.1f} |")
    print()
    print("| term kind | terms | postings | postings/article | wdf sum (positions when positional) | name bytes |")
    print("|---|---|---|---|---|---|")
    for kind, (terms, postings, wdf, name_bytes) in sorted(stats.items(), key=lambda kv: -kv[1][1]):
        print(f"| {kind} | {terms} | {postings} | {postings / max(docs, 1):.1f} | {wdf} | {name_bytes} |")
    print()
    print("| value slot | documents | bytes |")
    print("|---|---|---|")
    for slot in range(0, 32):
        count = size = 0
        for v in db.valuestream(slot):
            count += 1
            size += len(v.value)
        if count:
            print(f"| {slot} | {count} | {size} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
