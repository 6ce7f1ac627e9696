#!/usr/bin/env python3
"""Fails when a module of depeche includes one it must not (docs/ARCHITECTURE.md, "Dependency rules").

    scripts/check-includes.py [SOURCE_ROOT]

Reads every #include of common/, indexer/ and searcher/ below SOURCE_ROOT (the repository by
default), prints FILE:LINE: reason for each forbidden one and exits 1, or exits 0 when there is
none. ctest runs it on the repository (tests/CMakeLists.txt).
"""

import pathlib
import re
import sys

# Each module may include its own headers and those of the layers after its own, never those of
# its own layer's other modules or of a layer before it.
LAYERS = [
    ("indexer", "searcher"),
    ("cli",),
    ("output",),
    ("query",),
    ("index",),
    ("readers", "analysis"),
    ("schema",),
    ("article",),
    ("util",),
]
RANK = {module: rank for rank, modules in enumerate(LAYERS) for module in modules}

# CLI11 is the command lines' business: common/ outside cli/ never sees it.
CLI11_USERS = {"indexer", "searcher", "cli"}

# Includes the rules above forbid but the code still has, each by file and header, with the reason;
# docs/ARCHITECTURE.md lists the same. One that no longer occurs is reported too, so that this
# list stays exactly what the code departs by.
EXCEPTIONS = {}

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')


def module_of(relative):
    """The module of a file, given by its path below the source root."""
    parts = relative.parts
    if parts[0] != "common":
        return parts[0]
    for top_level in ("schema", "article"):  # common/schema.h, common/article.h: modules of one header
        if parts[1].startswith(top_level + "."):
            return top_level
    return parts[1]


def included_module(header, including_file, root):
    """The module a header belongs to, or None for a header of another project."""
    beside = (including_file.parent / header).resolve()
    if beside.is_file() and root in beside.parents:
        return module_of(beside.relative_to(root))
    if (root / "common" / header).is_file():
        return module_of(pathlib.PurePath("common") / header)
    return None


def problem(module, target, header):
    """Why `module` must not include `header` of module `target`, or None when it may."""
    if header.startswith("CLI/") and module not in CLI11_USERS:
        return f"{module}/ must not include CLI11 ({header}): only {', '.join(sorted(CLI11_USERS))} do"
    if target is None or target == module:
        return None
    if RANK[target] > RANK[module]:
        return None
    where = "its own layer" if RANK[target] == RANK[module] else "a layer above it"
    return f"{module}/ must not include {header}: {target}/ is in {where}"


def check(root):
    """Every forbidden include below `root`, as FILE:LINE: reason lines."""
    found, used = [], set()
    for folder in ("common", "indexer", "searcher"):
        for path in sorted((root / folder).rglob("*")):
            if path.suffix not in (".h", ".cpp") or not path.is_file():
                continue
            relative = path.relative_to(root)
            module = module_of(relative)
            lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
            for number, line in enumerate(lines, 1):
                match = INCLUDE.match(line)
                if not match:
                    continue
                header = match.group(2)
                reason = problem(module, included_module(header, path, root), header)
                if reason is None:
                    continue
                if (relative.as_posix(), header) in EXCEPTIONS:
                    used.add((relative.as_posix(), header))
                    continue
                found.append(f"{relative.as_posix()}:{number}: {reason}")
    for file, header in sorted(set(EXCEPTIONS) - used):
        found.append(f"{file}: no longer includes {header}: remove it from EXCEPTIONS in {pathlib.Path(__file__).name}")
    return found


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parent.parent)
    found = check(root.resolve())
    for line in found:
        print(line)
    if found:
        print(f"{len(found)} forbidden include(s); the rules are in docs/ARCHITECTURE.md", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
